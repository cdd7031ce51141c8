"""A made-up corpus in Vancouver style: numeric in-text citations.

Its reference list is printed "[1] ...", one entry is repeated ([4] and [6]),
two works share authors and year ([1] and [7]), one entry is never cited and
one citation ([9]) names no entry.  The text also holds a range ([3-5]), a
locator ([2, p. 714]), an editorial "[sic]" and a list "(1) ... (2) ...",
which are no citations.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from kg.check import check, stats
from kg.cli import main
from kg.errors import CorpusError
from kg.ingest import load_corpus
from kg.ingest.article import parse_article
from kg.ingest.citations import find_citations, reference_numbers, resolve_citations
from kg.model import Article, Reference, Work
from kg.pipeline import build
from corpus_edits import edit as _edit

NUMERIC = Path(__file__).parent / "data" / "numeric"
TINY = Path(__file__).parent / "data" / "tiny"


@pytest.fixture(scope="module")
def numeric():
    """The numeric corpus, built once."""
    return build(NUMERIC)


def _copy(tmp_path: Path, source: Path = NUMERIC) -> Path:
    folder = tmp_path / source.name
    shutil.copytree(source, folder)
    return folder


def test_numeric_counts(numeric):
    """Eight entries are seven works; of eight citations one is unresolved."""
    summary = stats(numeric.corpus, numeric.graph)
    assert (summary["reference_entries"], summary["works"], summary["duplicate_entries"]) == (8, 7, 1)
    assert (summary["in_text_citations"], summary["resolved_citations"], summary["unresolved_citations"]) == (8, 7, 1)
    assert summary["uncited_works"] == ["Meyer 2016"]


def test_each_number_names_its_entry(numeric):
    """A range cites each number in it; the locator stays with its number."""
    corpus = numeric.corpus
    by_text = {c.text: c for c in corpus.citations}
    assert list(by_text) == ["[1]", "[7]", "[2]", "[3]", "[4]", "[5]", "[6]", "[9]"]
    work_of = {w.key: w for w in corpus.works}
    assert work_of[by_text["[3]"].work].record.title.startswith("Volunteering")
    assert work_of[by_text["[5]"].work].record.title.startswith("Housing")
    assert by_text["[2]"].locator == "p. 714" and by_text["[2]"].pointer == "[2, p. 714]"
    assert {by_text[t].pointer for t in ("[3]", "[4]", "[5]")} == {"[3-5]"}
    assert corpus.article.text[by_text["[4]"].start:by_text["[4]"].end] == "3-5"


def test_repeated_entry_is_one_work_and_same_authors_year_stay_two(numeric):
    """[4] and [6] print one work; [1] and [7], by the same authors in the same year, are two."""
    by_text = {c.text: c for c in numeric.corpus.citations}
    assert by_text["[4]"].work == by_text["[6]"].work
    assert by_text["[1]"].work != by_text["[7]"].work


def test_unresolved_number_is_reported_with_its_line(numeric):
    """[9] names no entry: an error with the article's line, and the check fails."""
    report = check(numeric.corpus, numeric.graph)
    assert not report.conforms
    (finding,) = [f for f in report.findings if f.kind == "unresolved-citation"]
    assert "names reference 9, but the reference list has no entry 9 (it runs 1-8)" in finding.message
    assert finding.where is not None and finding.where.line == 13


def test_claims_cite_numbers(numeric):
    """cites: ["[3-5]"] names three works, cites: [7] (a YAML number) one."""
    claims = {c.id: c for c in numeric.corpus.claims}
    assert len(claims["N4"].works) == 3 and len(claims["N4"].citations) == 3
    by_text = {c.text: c for c in numeric.corpus.citations}
    assert claims["N2"].works == (by_text["[7]"].work,)
    kinds = {f.kind for f in check(numeric.corpus, numeric.graph).findings}
    assert "quote-citation-not-cited" not in kinds


def test_claim_citing_a_missing_number_names_the_line(tmp_path):
    """A claim citing [12] of an eight-entry list is an error naming claims.yaml:line."""
    folder = _copy(tmp_path)
    _edit(folder / "claims.yaml", 'cites: ["[6]"]', 'cites: ["[12]"]')
    with pytest.raises(CorpusError, match=r"claims\.yaml:\d+: claim N5 cites '\[12\]', but the reference list "
                                          r"has no entry 12 \(it runs 1-8\)"):
        load_corpus(folder)


def test_declared_style_wins_and_a_bad_one_is_refused(tmp_path):
    """citation_style: author-year reads no numeric citation; an unknown style is an error."""
    folder = _copy(tmp_path)
    manifest = folder / "corpus.yaml"
    manifest.write_text(manifest.read_text(encoding="utf-8") + "citation_style: author-year\n", encoding="utf-8")
    assert load_corpus(folder).citations == ()
    _edit(manifest, "citation_style: author-year", "citation_style: vancouver")
    with pytest.raises(CorpusError, match=r"corpus\.yaml:1: citation_style must be one of auto, author-year, "
                                          r"numeric, got 'vancouver'"):
        load_corpus(folder)


def test_auto_style_keeps_author_year_articles(tmp_path):
    """An author-year article with one stray "[2]" keeps its author-year citations."""
    folder = _copy(tmp_path, TINY)
    _edit(folder / "article.txt", "Some authors doubt", "Some authors [2] doubt")
    corpus = load_corpus(folder)
    assert [c.text for c in corpus.citations][:2] == ["Lee, 2019a", "Kim & Park, 2020, p. 12"]
    assert all(c.number is None for c in corpus.citations)


def _article(text: str) -> Article:
    return parse_article(text, "a.txt")


def test_unnumbered_list_numbers_by_position():
    """A BibTeX or bulleted list is numbered by position, as Vancouver lists are in citation order."""
    refs = [Reference("smith2019"), Reference("lee2020")]
    assert reference_numbers(refs) == {1: ("smith2019",), 2: ("lee2020",)}


def test_one_number_printed_twice_is_ambiguous():
    """Two different works printed with one number: the citation is ambiguous, never guessed."""
    refs = [Reference("1", title="A", number=1), Reference("2", title="B", number=1)]
    works = [Work("a", refs[0], ("1",)), Work("b", refs[1], ("2",))]
    citations = find_citations(_article("As shown [1]."), "numeric")
    (cited,), (problem,) = resolve_citations(citations, works, reference_numbers(refs))
    assert cited.status == "ambiguous" and cited.candidates == ("a", "b")
    assert "prints number 1 on 2 entries; renumber the list" in problem.message


@pytest.mark.parametrize(
    ("text", "numbers"),
    [
        ("shown [1].", [1]),
        ("shown [1,2] and [4 – 6].", [1, 2, 4, 5, 6]),
        ("shown [2; 7].", [2, 7]),
        ("shown [12, pp. 3-4].", [12]),
        ("shown [7-5].", [7, 5]),  # a backwards range cites its ends, so neither is lost
        ("quoted [sic], listed (1) and (2), dated [2019a], [ ].", []),
    ],
)
def test_numeric_citations_found(text, numbers):
    """Bracketed numbers, lists and ranges are citations; other brackets are not."""
    assert [c.number for c in find_citations(_article(text), "numeric")] == numbers


def test_cli_builds_the_numeric_corpus(runner, tmp_path):
    """`kg build` writes the graph; `kg stats --format json` counts the numeric citations."""
    out = tmp_path / "numeric.trig"
    assert runner.invoke(main, ["build", str(NUMERIC), "-o", str(out)]).exit_code == 0
    assert out.stat().st_size > 0
    result = runner.invoke(main, ["stats", str(NUMERIC), "--format", "json"])
    assert result.exit_code == 0 and json.loads(result.stdout)["in_text_citations"] == 8
