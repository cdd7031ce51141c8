"""A second, made-up corpus: the pipeline is not tied to the bundled article.

It has a numbered reference list, year letters (2019a/2019b), a page locator,
a narrative et-al. citation, a repeated entry, an uncited entry, an
unresolvable citation and a "Running head" page header.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.check import check, stats
from kg.cli import main
from kg.pipeline import build

TINY = Path(__file__).parent / "data" / "tiny"


@pytest.fixture(scope="module")
def tiny():
    """The tiny corpus, built once."""
    return build(TINY)


def test_tiny_counts(tiny):
    """Six entries are five works; one of five citations is unresolved."""
    summary = stats(tiny.corpus, tiny.graph)
    assert (summary["reference_entries"], summary["works"], summary["duplicate_entries"]) == (6, 5, 1)
    assert (summary["in_text_citations"], summary["resolved_citations"], summary["unresolved_citations"]) == (5, 4, 1)
    assert summary["uncited_works"] == ["Olsen 2015"]
    assert summary["claims_without_source"] == 1


def test_year_letters_and_locator(tiny):
    """2019a and 2019b resolve to different works; the page locator is kept."""
    by_text = {c.text: c for c in tiny.corpus.citations}
    assert by_text["Lee, 2019a"].work == "lee2019exercise"
    assert by_text["Lee, 2019b"].work == "lee2019group"
    assert by_text["Kim & Park, 2020, p. 12"].locator == "p. 12"
    assert by_text["Garcia et al. (2018)"].narrative


def test_running_head_is_dropped(tiny):
    """A repeated 'Running head' line is a page header, not text."""
    assert "Running head" not in tiny.corpus.article.text
    assert [s.title for s in tiny.corpus.article.sections] == ["Introduction", "Mechanisms", "Conclusion"]


def test_unresolved_citation_fails_the_check(tiny):
    """The unresolvable citation is an error finding with its line; the graph does not conform."""
    report = check(tiny.corpus, tiny.graph)
    assert not report.conforms
    unresolved = [f for f in report.findings if f.kind == "unresolved-citation"]
    assert len(unresolved) == 1 and unresolved[0].where is not None and unresolved[0].where.line == 16


def test_tiny_check_cli_exit_code(runner):
    """`kg check` exits 1 on the tiny corpus and says why in JSON."""
    result = runner.invoke(main, ["check", str(TINY), "--format", "json"])
    assert result.exit_code == 1
    kinds = {f["kind"] for f in json.loads(result.stdout)["findings"]}
    assert {"unresolved-citation", "uncited-reference", "duplicate-entry", "claim-without-source"} <= kinds


def test_preprint_and_article_are_linked_versions(tmp_path):
    """A preprint and its article stay two works, related both ways in the graph."""
    import shutil

    from rdflib import Literal
    from rdflib.namespace import DCTERMS

    from kg.vocab import KG

    folder = tmp_path / "tiny"
    shutil.copytree(TINY, folder)
    with (folder / "references.txt").open("a", encoding="utf-8") as out:
        out.write("7. Olsen, K. (2015). Yoga for anxiety. PsyArXiv. https://doi.org/10.31234/osf.io/abc12\n")
    built = build(folder)
    assert len(built.corpus.works) == 6  # the preprint is not merged into Olsen's article
    summary = stats(built.corpus, built.graph)
    assert summary["related_versions"] == 1
    (version,) = built.corpus.versions
    assert "a preprint and a published version" in version.reasons
    article = built.corpus.work_of_reference(version.left)
    preprint = built.corpus.work_of_reference(version.right)
    assert article is not None and preprint is not None and article.key != preprint.key
    links = {(s, o) for s, o in built.graph.subject_objects(DCTERMS.relation)}
    assert len(links) == 2 and {(o, s) for s, o in links} == links
    decisions = [d for d in built.graph.subjects(KG.same, Literal(False))]
    assert decisions, "the version link is recorded as a decision that they are not one work"


def test_no_versions_no_relation(tiny):
    """Without related versions the graph holds no version links."""
    from rdflib.namespace import DCTERMS

    assert tiny.corpus.versions == ()
    assert not list(tiny.graph.subject_objects(DCTERMS.relation))


def test_decomposed_accents_match_composed_ones(tmp_path):
    """Text extracted from a PDF often spells "í" as "i" plus a combining accent (NFD): the article in that
    form still cites the list's composed "García", the claim's quote is found, and a query typed with the
    composed name finds the work."""
    import shutil
    import unicodedata

    corpus = tmp_path / "tiny"
    shutil.copytree(TINY, corpus)
    for name, form in (("article.txt", "NFD"), ("claims.yaml", "NFD"), ("references.txt", "NFC")):
        path = corpus / name
        text = path.read_text(encoding="utf-8").replace("Garcia", "García")
        path.write_text(unicodedata.normalize(form, text), encoding="utf-8")
    assert "i\u0301" in (corpus / "article.txt").read_text(encoding="utf-8")
    built = build(corpus)
    by_text = {c.text: c for c in built.corpus.citations}
    assert by_text["García et al. (2018)"].work == "garcia2018aerobic"
    assert [c.works for c in built.corpus.claims if c.id == "T3"] == [("garcia2018aerobic",)]
    errors = [p.message.split(" matches")[0] for p in check(built.corpus, built.graph).findings if p.severity == "error"]
    assert errors == ["citation 'Nobody, 2001'"]  # the tiny corpus's one deliberate unresolved citation


def test_library_entry_points_and_queries_read_nfc():
    """Text handed to the library (a notebook's string, not a file) and query values are read in NFC too:
    a decomposed accent in an article, a reference list, a claims file or a --param value matches."""
    import unicodedata

    from kg.ingest.article import parse_article
    from kg.ingest.references import parse_references
    from kg.ingest.text import parse_yaml
    from kg.query.evidence import terms_of
    from kg.query.sparql import to_term

    def nfd(text: str) -> str:
        return unicodedata.normalize("NFD", text)

    assert parse_article(nfd("Intro\n\nRäisänen argues.\n")).text == "Intro\n\nRäisänen argues."
    (ref,) = parse_references(nfd("Räisänen, A. (2001). Über Gemeinschaft. Zeitschrift, 3, 1-9.\n")).references
    assert ref.authors[0].family == "Räisänen" and ref.title.startswith("Über")
    assert parse_yaml(nfd("quote: café\n"), "c.yaml")["quote"] == "café"
    assert to_term("string", nfd("Müller")) == to_term("string", "Müller")
    assert terms_of(nfd("réseau social")) == terms_of("réseau social")
