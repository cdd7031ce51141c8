"""The RDF graph: standard vocabularies, SHACL conformance, determinism."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Graph, Literal
from rdflib.namespace import RDF

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
