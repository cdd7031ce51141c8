"""The RDF graph: standard vocabularies, SHACL conformance, determinism."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Graph, Literal
from rdflib.namespace import DCTERMS, FOAF, RDF

from kg.check import check, validate_shapes
from kg.output import GRAPH_FORMATS, serialize
from kg.vocab import BIRO, C4O, CITO, FABIO, KG, OA

ROOT = Path(__file__).resolve().parents[1]


def test_graph_conforms_to_the_shapes(bundled):
    """The bundled graph satisfies every shipped SHACL shape."""
    assert validate_shapes(bundled.graph) == []
    report = check(bundled.corpus, bundled.graph)
    assert report.conforms


def test_shapes_catch_a_broken_graph(bundled):
    """Removing a claim's statement makes the shapes fail."""
    graph = Graph()
    for triple in bundled.graph:
        graph.add(triple)
    claim = next(graph.subjects(RDF.type, KG.Claim))
    graph.remove((claim, KG.statement, None))
    problems = validate_shapes(graph)
    assert any("statement" in p.message for p in problems)


def test_graph_uses_standard_vocabularies(bundled):
    """Works, entries, citations, quotes and claims use FaBiO, BiRO, C4O, OA, CiTO."""
    g = bundled.graph
    assert len(set(g.subjects(RDF.type, FABIO.Work))) == 21
    assert len(set(g.subjects(RDF.type, BIRO.BibliographicReference))) == 26
    assert len(set(g.subjects(RDF.type, C4O.InTextReferencePointer))) == 24
    assert len(set(g.subjects(RDF.type, OA.TextQuoteSelector))) == len(bundled.corpus.claims)
    assert len(set(g.objects(None, CITO.obtainsSupportFrom))) >= 15
    assert (None, KG.sourceLine, None) in g


def test_entries_of_one_work_point_to_it(bundled):
    """The three printed McGowan & Murdock entries reference one work."""
    g = bundled.graph
    work = next(g.subjects(KG.label, Literal("McGowan & Murdock 2013")))
    assert len(set(g.subjects(BIRO.references, work))) == 3


@pytest.mark.parametrize("fmt", sorted(GRAPH_FORMATS))
def test_serialisation_round_trips(bundled, fmt):
    """Every output format parses back to the same number of triples."""
    data = serialize(bundled.graph, fmt)
    parsed = Graph() if fmt not in ("trig", "nq") else None
    if parsed is None:
        from rdflib import Dataset

        dataset = Dataset()
        dataset.parse(data=data, format=GRAPH_FORMATS[fmt])
        assert len(dataset) == len(bundled.graph)
    else:
        parsed.parse(data=data, format=GRAPH_FORMATS[fmt])
        assert len(parsed) == len(bundled.graph)


def test_two_builds_are_byte_identical(tmp_path):
    """Two builds in fresh interpreters with different hash seeds give the same bytes."""
    outputs = []
    for seed in ("1", "2"):
        for fmt in ("trig", "nt", "jsonld"):
            out = tmp_path / f"{seed}.{fmt}"
            env = dict(os.environ, PYTHONHASHSEED=seed, PYTHONPATH=str(ROOT))
            subprocess.run(
                [sys.executable, "-m", "kg", "build", str(ROOT / "corpus" / "community-support"),
                 "-o", str(out), "--format", fmt],
                check=True, env=env, capture_output=True, cwd=tmp_path,
            )
            outputs.append((fmt, out.read_bytes()))
    by_format: dict[str, set[bytes]] = {}
    for fmt, data in outputs:
        by_format.setdefault(fmt, set()).add(data)
    assert all(len(v) == 1 for v in by_format.values())


def test_two_works_with_one_doi_stay_two_nodes(tmp_path):
    """Two different works printed with one DOI (case aside) are two nodes, and
    the check names the misprinted DOI: one node with two titles, two years and
    two first authors would tell a reviewer nothing true."""
    from kg.ingest.draft import draft_corpus
    from kg.pipeline import build

    article = tmp_path / "article.txt"
    article.write_text(
        "A Test Review\n\nIntroduction\n\nOne view (Smith, 2019). Another view (Wu, 2017).\n\nReferences\n\n"
        "Smith, J. (2019). Alone we stand. Journal of Tests, 2(1), 1-9. https://doi.org/10.1000/xyz\n"
        "Wu, X. (2017). Alone again. Journal of Tests, 2(1), 1-9. https://doi.org/10.1000/XYZ\n",
        encoding="utf-8",
    )
    built = build(draft_corpus(article, tmp_path / "review").folder)
    titles = {str(t) for t in built.graph.objects(None, DCTERMS.title)}
    works = set(built.graph.subjects(RDF.type, FABIO.Work))
    assert {"Alone we stand", "Alone again"} <= titles and len(works) == 2
    assert not validate_shapes(built.graph)
    findings = [f for f in check(built.corpus, built.graph).findings if f.kind == "shared-doi"]
    assert len(findings) == 1 and "10.1000/xyz" in findings[0].message and findings[0].where.line == 2


def test_the_manifest_record_reaches_the_graph(corpus_copy):
    """Volume, issue and the byline's institutions in corpus.yaml are in the
    graph, not read and dropped."""
    from kg.pipeline import build
    from kg.vocab import BIBO, KG

    manifest = corpus_copy / "corpus.yaml"
    text = manifest.read_text(encoding="utf-8")
    manifest.write_text(text.replace("  journal: Social Signs Review\n",
                                     "  journal: Social Signs Review\n  volume: '3'\n  issue: '4'\n"), encoding="utf-8")
    built = build(corpus_copy)
    article = next(built.graph.subjects(RDF.type, FABIO.ReviewArticle))
    assert (str(built.graph.value(article, BIBO.volume)), str(built.graph.value(article, BIBO.issue))) == ("3", "4")
    institution = built.graph.value(article, KG.affiliation)
    assert str(built.graph.value(institution, FOAF.name)) == "University of the Punjab"


def test_a_file_named_by_absolute_path_gives_one_graph_wherever_the_corpus_is(tmp_path):
    """A manifest may name its article by absolute path; the graph must not
    depend on where the corpus folder sits (the path is its identity)."""
    import shutil

    from kg.pipeline import build

    builds = []
    for folder in (tmp_path / "c", tmp_path / "deep" / "er" / "c"):
        shutil.copytree(ROOT / "corpus" / "community-support", folder)
        manifest = folder / "corpus.yaml"
        manifest.write_text(manifest.read_text(encoding="utf-8").replace(
            "  text: article.txt", f"  text: {ROOT / 'corpus' / 'community-support' / 'article.txt'}"),
            encoding="utf-8")
        builds.append(serialize(build(folder).graph, "nt"))
    assert builds[0] == builds[1]
