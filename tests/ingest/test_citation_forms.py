"""Author-year citation forms beyond the bundled article's: group authors and
their abbreviations, "2019a, b", bare page locators (Chicago, Harvard),
possessives, capitalised particles and narrative group authors; each one is
found and resolved to its entry of a reference list."""

from __future__ import annotations

import pytest

from kg.dedup import deduplicate
from kg.ingest.article import parse_article
from kg.ingest.citations import find_citations, resolve_citations
from kg.ingest.references.text import parse_text_list

REFERENCES = """\
- American Psychiatric Association. (2013). *Diagnostic and statistical manual of mental disorders* (5th ed.). \
American Psychiatric Publishing.
- World Health Organization. (2019). *Mental health action plan*. WHO Press.
- World Health Organization. (2021). *Comprehensive mental health action plan 2013-2030*. WHO Press.
- Smith, J. (2019a). Peer support in recovery. *Journal of Recovery*, 1(2), 3-9.
- Smith, J. (2019b). Peer support at work. *Journal of Recovery*, 1(3), 10-19.
- Van der Berg, A. (2018). Housing first. *Housing Studies*, 4, 1-8.
- Jones, K. (2020). Clubhouses and work. *Psychiatric Rehabilitation Journal*, 43(1), 1-9.
"""


@pytest.fixture(scope="module")
def works():
    refs, problems = parse_text_list(REFERENCES, "references.txt")
    assert not [p for p in problems if p.severity == "error"]
    return deduplicate(refs).works


def _resolve(text, works):
    citations = find_citations(parse_article("Introduction\n\n" + text, "article.txt"), "author-year")
    resolved, problems = resolve_citations(citations, works)
    label = {w.key: w.record.label for w in works}
    return [(c.text, label.get(c.work or "", c.status), c.locator) for c in resolved], problems


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Symptoms are defined (American Psychiatric Association, 2013).",
         [("American Psychiatric Association, 2013", "American Psychiatric Association 2013", "")]),
        ("The American Psychiatric Association (2013) defines symptoms.",
         [("American Psychiatric Association (2013)", "American Psychiatric Association 2013", "")]),
        ("Plans exist (World Health Organization [WHO], 2019) and were renewed (WHO, 2021).",
         [("World Health Organization [WHO], 2019", "World Health Organization 2019", ""),
          ("WHO, 2021", "World Health Organization 2021", "")]),
        ("Peers help (Smith 2019a, b).",
         [("Smith 2019a, b", "Smith 2019a", ""), ("Smith 2019a, b", "Smith 2019b", "")]),
        ("Peers help (Smith 2019a, 5) and (Smith 2019b: 12-14).",
         [("Smith 2019a, 5", "Smith 2019a", "p. 5"), ("Smith 2019b: 12-14", "Smith 2019b", "pp. 12-14")]),
        ("Jones's (2020) study and Jones' (2020) review agree.",
         [("Jones's (2020)", "Jones 2020", ""), ("Jones' (2020)", "Jones 2020", "")]),
        ("Housing helps (Van der Berg, 2018), as van der Berg (2018) shows.",
         [("Van der Berg, 2018", "Berg 2018", ""), ("van der Berg (2018)", "Berg 2018", "")]),
        ("Recently Jones (2020) found that work helps.", [("Jones (2020)", "Jones 2020", "")]),
    ],
)
def test_citation_forms_resolve(works, text, expected):
    """Each form is found once per cited work and resolves to its entry."""
    found, problems = _resolve(text, works)
    assert found == expected
    assert not [p for p in problems if p.severity == "error"]


def test_group_author_missing_from_the_list_is_reported(works):
    """A group author that has no entry is an unresolved citation naming it whole, not dropped."""
    found, problems = _resolve("Rates rose (Substance Abuse and Mental Health Services Administration, 2012).", works)
    assert found == [("Substance Abuse and Mental Health Services Administration, 2012", "unresolved", "")]
    (problem,) = problems
    assert "'Substance Abuse and Mental Health Services Administration, 2012' matches no entry" in problem.message


def test_other_parentheses_are_no_citations(works):
    """A figure reference with a year in it, or a list item, is no citation."""
    found, _ = _resolve("Rates rose (Figure 2, 2019 data) in three areas: (1) housing, (2) work.", works)
    assert found == []


def test_unread_citation_is_a_warning(tmp_path):
    """A bracket with a name and a year that reads as no citation is reported, with its line."""
    import shutil
    from pathlib import Path

    from kg.ingest import load_corpus

    folder = tmp_path / "tiny"
    shutil.copytree(Path(__file__).parents[1] / "data" / "tiny", folder)
    article = folder / "article.txt"
    article.write_text(article.read_text(encoding="utf-8").replace(
        "Exercise belongs in every", "Trials grew (see the Cochrane review of 2019) and exercise belongs in every"
    ), encoding="utf-8")
    claims = folder / "claims.yaml"
    claims.write_text(claims.read_text(encoding="utf-8").replace(
        "quote: Exercise belongs in every", "quote: exercise belongs in every"), encoding="utf-8")
    corpus = load_corpus(folder)
    (problem,) = [p for p in corpus.problems if p.kind == "unread-citation"]
    assert problem.severity == "warning" and problem.where is not None and problem.where.line == 23
    assert "'(see the Cochrane review of 2019)' names a year but was read as no citation" in problem.message


def test_year_letter_the_list_does_not_print():
    """"Smith, 2019c" names a work the list lacks (it prints only 2019a and 2019b); a letter on the only work
    of its author and year that the list prints without a letter is read as that work, with a warning."""
    refs, _ = parse_text_list(REFERENCES +
                              "- Lee, M. (2019). Exercise and mood. *Journal of Sport*, 1, 1-10.\n"
                              "- Kim, S. (2018a). Walking. *Journal of Sport*, 2, 1-10.\n", "references.txt")
    works = deduplicate(refs).works
    got, problems = _resolve("Text (Smith, 2019c). More (Lee, 2019b). And (Kim, 2018b). Also (Kim, 2018a).", works)
    assert got == [("Smith, 2019c", "unresolved", ""), ("Lee, 2019b", "Lee 2019", ""),
                   ("Kim, 2018b", "unresolved", ""), ("Kim, 2018a", "Kim 2018a", "")]
    assert [(p.kind, p.severity) for p in problems] == [
        ("unresolved-citation", "error"), ("year-letter", "warning"), ("unresolved-citation", "error")]
    assert "prints Lee 2019 without one" in problems[1].message
