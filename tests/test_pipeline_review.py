"""A review of the corpus pipeline (kg init, build, check, stats): bad input is named, never dropped
silently or turned into Python's form of a value, and a failed run writes nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from kg.cli import main
from kg.errors import CorpusError
from kg.ingest import load_corpus
from kg.ingest.claims import parse_claims
from kg.ingest.concepts import parse_concepts
from kg.ingest.draft import draft_corpus
from corpus_edits import edit as _edit

AUTHOR_YEAR = """\
Peer Support and Recovery: A Short Review

Introduction

Peer support helps people recover from mental illness (Smith, 2019). Community groups also reduce isolation
(Jones & Lee, 2020; Kim et al., 2018).

References

Jones, B., & Lee, C. (2020). Community groups. Social Psychiatry, 5, 1-9.
Kim, D., Park, E., & Choi, F. (2018). Isolation in cities. Urban Health, 7(1), 33-40.
Smith, G. (2019). Peer support works. Mental Health Review, 12(4), 100-110.
"""


def _claims(folder: Path) -> list[dict]:
    return yaml.safe_load((folder / "claims.yaml").read_text(encoding="utf-8"))["claims"]


# --- claims.yaml and concepts.yaml: nothing ignored without a word --------------------------------


def test_an_unknown_top_level_key_of_claims_yaml_is_refused():
    """A second list under another name ("uncited_claims:") would be dropped without a word."""
    text = ('claims:\n  - {id: C1, statement: S., quote: Q}\n'
            'uncited_claims:\n  - {id: C2, statement: T., quote: R}\n')
    with pytest.raises(CorpusError, match=r"claims\.yaml:3: unknown key 'uncited_claims'.*did you mean 'claims'"):
        parse_claims(text, "claims.yaml")


@pytest.mark.parametrize("text, message", [
    ("scheme: {id: demo, title: Demo}\nconcepts: []\nconcept:\n  - {id: hope, kind: outcome, label: Hope}\n",
     r"concepts\.yaml:3: unknown key 'concept'.*did you mean 'concepts'"),
    ("scheme:\n  id: demo\n  titel: Demo\nconcepts: []\n",
     r"concepts\.yaml:3: unknown key 'titel' under 'scheme'.*did you mean 'title'"),
])
def test_an_unknown_key_of_concepts_yaml_is_refused(text, message):
    with pytest.raises(CorpusError, match=message):
        parse_concepts(text, "concepts.yaml")


@pytest.mark.parametrize("scheme, message", [
    ("{id: [a, b], title: Demo}", r"scheme id must be lower-case letters, digits and hyphens, got \['a', 'b'\]"),
    ("{id: Community Support!, title: Demo}", r"scheme id must be .*got 'Community Support!'"),
    ("{id: demo, title: [Demo]}", r"'scheme\.title' must be text, got \['Demo'\]"),
])
def test_a_scheme_id_or_title_of_the_wrong_shape_is_refused(scheme, message):
    """The scheme id becomes an IRI: a list gave one minted from Python's "['a', 'b']"."""
    with pytest.raises(CorpusError, match=message):
        parse_concepts(f"scheme: {scheme}\nconcepts: []\n", "concepts.yaml")


def test_a_concept_definition_that_is_not_text_is_refused():
    text = "scheme: {id: demo}\nconcepts:\n  - {id: hope, kind: outcome, label: Hope, definition: [a, b]}\n"
    with pytest.raises(CorpusError, match=r"concepts\.yaml:3: 'definition' must be text, got \['a', 'b'\]"):
        parse_concepts(text, "concepts.yaml")


@pytest.mark.parametrize("field, message", [
    ("note: [a, b]", r"claims\.yaml:2: claim C1's 'note' must be text, got \['a', 'b'\]"),
    ("note: {a: 1}", r"claims\.yaml:2: claim C1's 'note' must be text, got \{'a': 1\}"),
])
def test_a_claim_note_that_is_not_text_is_refused(field, message):
    """A note given as a list went into the graph as "['a', 'b']" (with its __line__ key for a mapping)."""
    with pytest.raises(CorpusError, match=message):
        parse_claims(f"claims:\n  - {{id: C1, statement: S., quote: Q, {field}}}\n", "claims.yaml")


def test_a_claim_id_of_true_is_refused():
    with pytest.raises(CorpusError, match=r"claim id must be letters, digits, '-' or '_', got True"):
        parse_claims("claims:\n  - {id: true, statement: S., quote: Q}\n", "claims.yaml")


@pytest.mark.parametrize("text, parse", [
    ("claims:\n  - {id: C1, statement: S., quote: Q, theories: {a: 1}}\n", parse_claims),
    ("scheme: {id: demo}\nconcepts:\n  - {id: hope, kind: outcome, label: Hope, alt_labels: [{a: 1}]}\n",
     parse_concepts),
])
def test_a_list_field_error_shows_the_value_as_written(text, parse):
    """The message showed kg's own line bookkeeping: got {'a': 1, '__line__': 3}."""
    with pytest.raises(CorpusError) as err:
        parse(text, "x.yaml")
    assert "{'a': 1}" in str(err.value) and "__line__" not in str(err.value)


def test_a_cites_item_naming_two_year_letters_cites_both_works():
    """"Lee, 2001a, b" as printed names two works, as "[4-5]" does; it was refused as
    "neither an author-year nor a numeric citation"."""
    from kg.ingest.citations import owners
    from kg.ingest.claims import resolve_cite
    from kg.model import Person, Reference, Work

    works = [Work(f"lee2001{s}", Reference(id=s, authors=(Person("Lee", "A."),), year=2001, year_suffix=s,
                                            title=f"View {s}"), (s,)) for s in ("a", "b")]
    assert resolve_cite("Lee, 2001a, b", works, "claims.yaml:3", "C1", {}, owners(works)) == ["lee2001a",
                                                                                              "lee2001b"]


# --- the article -----------------------------------------------------------------------------------


def test_an_empty_article_is_named_not_reported_as_every_quote_missing(corpus_copy):
    (corpus_copy / "article.txt").write_text("\n\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"article\.txt: the article text is empty"):
        load_corpus(corpus_copy)


def test_kg_init_on_an_empty_file_says_it_is_empty(runner, tmp_path):
    article = tmp_path / "empty.txt"
    article.write_bytes(b"\xef\xbb\xbf\r\n")
    result = runner.invoke(main, ["init", str(article), str(tmp_path / "review")])
    assert result.exit_code == 1
    assert "empty.txt: the file is empty" in result.stderr
    assert not (tmp_path / "review").exists()


# --- kg init -----------------------------------------------------------------------------------------


def test_init_keeps_resolved_citations_with_locators_abbreviations_and_letters(tmp_path):
    """Citations that resolve were left out of `cites` and named as "matching no reference entry"
    when printed with a page, an abbreviation the text defines, or two year letters."""
    article = tmp_path / "forms.txt"
    article.write_text(
        "Forms Review\n\nIntro\n\n"
        "The atlas defines it (World Health Organization [WHO], 2015). It was repeated (WHO, 2015, p. 12). "
        "Two papers say so (Lee, 2001a, b). One page says it (Kim, 2018, p. 4).\n\n"
        "References\n\n"
        "Kim, D. (2018). Isolation in cities. Urban Health, 7(1), 33-40.\n"
        "Lee, A. (2001a). First view. Journal of Views, 1, 1-2.\n"
        "Lee, A. (2001b). Second view. Journal of Views, 1, 3-4.\n"
        "World Health Organization. (2015). Mental health atlas. Geneva: WHO.\n",
        encoding="utf-8")
    draft = draft_corpus(article, tmp_path / "review")
    assert draft.left_out == ()
    claims = {c.id: c for c in draft.corpus.claims}
    assert [len(claims[i].works) for i in ("C01", "C02", "C03", "C04")] == [1, 1, 2, 1]
    assert all(c.works for c in draft.corpus.claims)


def test_init_title_is_the_first_line_not_the_whole_title_block(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("Peer Support and Recovery\nJane Doe and John Roe\nUniversity of Somewhere\n\n"
                       "Intro\n\nPeer support helps (Smith, 2019).\n\nReferences\n\n"
                       "Smith, G. (2019). Peer support works. Mental Health Review, 12(4), 100-110.\n",
                       encoding="utf-8")
    draft = draft_corpus(article, tmp_path / "review")
    assert draft.corpus.record.title == "Peer Support and Recovery"


def test_init_into_the_current_empty_folder(runner, tmp_path, monkeypatch):
    """`kg init article.txt .` in a new empty folder is an empty folder, which init accepts;
    it failed with "cannot create the corpus folder (Invalid argument)"."""
    article = tmp_path / "a.txt"
    article.write_text(AUTHOR_YEAR, encoding="utf-8")
    here = tmp_path / "my-review"
    here.mkdir()
    monkeypatch.chdir(here)
    result = runner.invoke(main, ["init", str(article), "."])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in here.iterdir()) == ["article.txt", "claims.yaml", "concepts.yaml", "corpus.yaml",
                                                     "references.txt"]
    assert load_corpus(here).id == "my-review"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_init_gives_a_repeated_sentence_a_quote_of_its_own(tmp_path):
    """Two sentences printed alike got one quote each, both anchored at the first: the second
    citation then lay in no claim's quote although a claim was drafted for it."""
    article = tmp_path / "a.txt"
    article.write_text("Repeat Review\n\nIntro\n\nSupport helps (Smith, 2019). Other text here.\n\n"
                       "Discussion\n\nSupport helps (Smith, 2019). More words follow.\n\nReferences\n\n"
                       "Smith, G. (2019). Peer support works. Mental Health Review, 12(4), 100-110.\n",
                       encoding="utf-8")
    draft = draft_corpus(article, tmp_path / "review")
    kinds = [p.kind for p in draft.corpus.problems]
    assert "citation-without-claim" not in kinds and "repeated-quote" not in kinds
    assert sorted(c for claim in draft.corpus.claims for c in claim.citations) == sorted(
        c.id for c in draft.corpus.citations)


# --- kg build: nothing half done ------------------------------------------------------------------


def test_build_with_a_bad_output_folder_writes_no_store(runner, tmp_path, corpus_copy):
    """-o into a missing folder failed only after the store had been written."""
    store = tmp_path / "store"
    result = runner.invoke(main, ["build", str(corpus_copy), "--store", str(store),
                                  "-o", str(tmp_path / "missing" / "g.ttl")])
    assert result.exit_code == 1 and "does not exist" in result.stderr
    assert not store.exists()


def test_build_with_a_bad_endpoint_writes_nothing(runner, tmp_path, corpus_copy):
    store, out = tmp_path / "store", tmp_path / "g.ttl"
    result = runner.invoke(main, ["build", str(corpus_copy), "--store", str(store), "--endpoint", "notaurl",
                                  "-o", str(out)])
    assert result.exit_code in (1, 2) and "notaurl" in result.stderr
    assert not store.exists() and not out.exists()


# --- kg check: the same findings in the same order --------------------------------------------------


def test_shacl_findings_come_in_the_same_order_every_run(bundled):
    """They were sorted by the report's blank nodes, whose ids are random: two runs of `kg check`
    on one graph listed its SHACL violations in different orders."""
    from rdflib import Graph

    from kg.check import validate_shapes
    from kg.vocab import KG

    graph = Graph()
    for triple in bundled.graph:
        if triple[1] != KG.statement:  # every claim now breaks a shape
            graph.add(triple)
    runs = [[p.message for p in validate_shapes(graph)] for _ in range(3)]
    assert len(runs[0]) == len(bundled.corpus.claims)
    assert runs[0] == runs[1] == runs[2] == sorted(runs[0])


def test_init_with_a_blank_title_is_refused_naming_the_option(runner, tmp_path):
    """It failed naming corpus.yaml in a temporary folder that was gone by then."""
    article = tmp_path / "a.txt"
    article.write_text(AUTHOR_YEAR, encoding="utf-8")
    result = runner.invoke(main, ["init", str(article), str(tmp_path / "review"), "--title", "  "])
    assert result.exit_code == 1
    assert "--title is empty" in result.stderr and ".tmp" not in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]
