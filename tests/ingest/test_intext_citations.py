"""In-text citations: finding, splitting and author-year resolution."""

from __future__ import annotations

import pytest

from kg.ingest.article import parse_article
from kg.ingest.citations import find_citations, parse_cite, resolve_citations
from kg.model import Person, Reference, Work


def _work(key, surnames, year, title="T", suffix="", et_al=False):
    ref = Reference(key, authors=tuple(Person(s) for s in surnames), year=year, title=title,
                    year_suffix=suffix, et_al=et_al)
    return Work(key, ref, (key,))


BERKMAN = [
    _work("berkman2000from", ["Berkman", "Glass", "Brissette", "Seeman"], 2000, "From social integration"),
    _work("berkman2000social", ["Berkman", "Glass"], 2000, "Social integration, social networks"),
]


@pytest.mark.parametrize(
    ("text", "surnames", "et_al", "year", "suffix", "locator"),
    [
        ("Anthony, 1993", ("Anthony",), False, 1993, "", ""),
        ("Berkman & Glass, 2000", ("Berkman", "Glass"), False, 2000, "", ""),
        ("Berkman et al., 2000a", ("Berkman",), True, 2000, "a", ""),
        ("Nelson, Prilleltensky, & Smith, 2010, p. 12", ("Nelson", "Prilleltensky", "Smith"), False, 2010, "", "p. 12"),
        ("see Räisänen et al., 2015, pp. 3-5", ("Räisänen",), True, 2015, "", "pp. 3-5"),
        ("van der Berg and Holt-Lunstad, 2010", ("van der Berg", "Holt-Lunstad"), False, 2010, "", ""),
    ],
    ids=["single", "two", "et-al-suffix", "three-locator", "see-diacritics", "particle"],
)
def test_parse_cite(text, surnames, et_al, year, suffix, locator):
    """An author-year item splits into surnames, et al., year, letter and locator."""
    (key,) = parse_cite(text)
    assert (key.surnames, key.et_al, key.year, key.year_suffix, key.locator) == (surnames, et_al, year, suffix, locator)


def test_parse_cite_several_years_of_one_author():
    """'Smith, 2001, 2003' cites two works."""
    assert [k.year for k in parse_cite("Smith, 2001, 2003")] == [2001, 2003]


def test_several_citations_in_one_bracket_and_narrative():
    """One bracket can hold several citations; narrative ones are found too."""
    article = parse_article(
        "Intro\n\nAs Cohen and Wills (1985) argue, ties help (Berkman & Glass, 2000; Anthony, 1993, p. 4). "
        "Figures (see Table 1) are not citations.\n"
    )
    found = find_citations(article)
    assert [c.text for c in found] == ["Cohen and Wills (1985)", "Berkman & Glass, 2000", "Anthony, 1993, p. 4"]
    assert found[0].narrative and not found[1].narrative
    assert found[1].pointer == found[2].pointer == "(Berkman & Glass, 2000; Anthony, 1993, p. 4)"
    assert found[2].locator == "p. 4"
    assert article.text[found[1].start:found[1].end] == "Berkman & Glass, 2000"


def test_et_al_and_two_author_citations_resolve_to_different_works():
    """'Berkman et al., 2000' is the four-author work, 'Berkman & Glass, 2000' the chapter."""
    article = parse_article("Intro\n\nA (Berkman et al., 2000). B (Berkman & Glass, 2000).\n")
    resolved, problems = resolve_citations(find_citations(article), BERKMAN)
    assert [c.work for c in resolved] == ["berkman2000from", "berkman2000social"]
    assert problems == []


def test_year_letter_picks_among_same_author_works():
    """2000a and 2000b pick works with the same authors by title order."""
    works = [_work("lee2000b", ["Lee"], 2000, "Zebras"), _work("lee2000a", ["Lee"], 2000, "Apples")]
    article = parse_article("Intro\n\nX (Lee, 2000a; Lee, 2000b).\n")
    resolved, _ = resolve_citations(find_citations(article), works)
    assert [c.work for c in resolved] == ["lee2000a", "lee2000b"]


def test_unresolved_and_ambiguous_citations_are_reported():
    """A citation matching nothing, or two works, is reported with its line."""
    works = [_work("lee2000b", ["Lee"], 2000, "Zebras"), _work("lee2000a", ["Lee"], 2000, "Apples")]
    article = parse_article("Intro\n\nX (Lee, 2000; Kim, 1999).\n", "art.txt")
    resolved, problems = resolve_citations(find_citations(article), works)
    assert [c.status for c in resolved] == ["ambiguous", "unresolved"]
    assert resolved[0].candidates == ("lee2000b", "lee2000a")
    assert [p.kind for p in problems] == ["ambiguous-citation", "unresolved-citation"]
    assert str(problems[1].where) == "art.txt:3"


def test_bundled_citations_all_resolve(bundled):
    """The bundled article has 24 in-text citations and all resolve."""
    citations = bundled.corpus.citations
    assert len(citations) == 24
    assert all(c.status == "resolved" for c in citations)
    assert sum(c.narrative for c in citations) == 1
    by_text = {c.text: c.work for c in citations}
    assert by_text["Berkman et al., 2000"] != by_text["Berkman & Glass, 2000"]
