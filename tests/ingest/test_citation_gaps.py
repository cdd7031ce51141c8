"""In-text citations the reader once lost or misread: "n.d." and "in press"
dates, items beside others in one bracket with words before or after them,
"et al.'s" and "and colleagues", secondary sources ("as cited in"), numeric
brackets with locators, cue words and "and", and capitalised words with digits ("DSM-5") that name no author.
Each is read and resolved, or reported with its line; none is dropped or
read as another work."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kg.dedup import deduplicate
from kg.ingest import load_corpus
from kg.ingest.article import parse_article
from kg.ingest.citations import find_citations, resolve_citations, unread_citations
from kg.ingest.draft import draft_corpus
from kg.ingest.references.text import parse_text_list

REFERENCES = """\
Smith, J. (2019). Alone we stand. Journal of Tests, 2(1), 1-9.
Smith, J. (n.d.). Undated thoughts. Retrieved from https://example.org/undated
Jones, K. (in press). Forthcoming work. Journal of Tests.
Jones, K., & Lee, M. (2019). Together we stand. Journal of Tests, 3(1), 10-20.
Kim, S., Park, J., & Choi, H. (2018). Three authors. Journal of Tests, 5(1), 1-2.
Wu, X. (2017). Alone again. Journal of Tests, 2(1), 1-9.
Lee, M. (2018a). First of the year. Journal of Tests, 1, 1-2.
Lee, M. (2018b). Second of the year. Journal of Tests, 1, 3-4.
Brown, A., Clark, C., & Davis, D. (2020). Peer support in recovery. Journal of Tests, 1(2), 3-4.
"""
DATA = Path(__file__).parents[1] / "data"


@pytest.fixture(scope="module")
def works():
    refs, problems = parse_text_list(REFERENCES, "references.txt")
    assert not [p for p in problems if p.severity == "error"] and len(refs) == 9
    return deduplicate(refs).works


def _read(text, works, style="author-year"):
    """(citation text as printed, label of the work it resolves to or its status, locator), and every problem."""
    article = parse_article("Introduction\n\n" + text, "article.txt")
    found = find_citations(article, style)
    resolved, problems = resolve_citations(found, works)
    label = {w.key: w.record.label for w in works}
    got = [(c.text, label.get(c.work or "", c.status), c.locator) for c in resolved]
    return got, problems + unread_citations(article, found, style)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Undated work matters (Smith, n.d.).", [("Smith, n.d.", "Smith n.d.", "")]),
        ("As Smith (n.d.) argues, it matters.", [("Smith (n.d.)", "Smith n.d.", "")]),
        ("In press work (Jones, in press).", [("Jones, in press", "Jones in press", "")]),
        ("Listed as in press (Jones, forthcoming).", [("Jones, forthcoming", "Jones in press", "")]),
        ("Dated work (Smith, 2019).", [("Smith, 2019", "Smith 2019", "")]),
    ],
    ids=["n.d.", "narrative-n.d.", "in-press", "forthcoming", "dated"],
)
def test_date_words_match_only_entries_printed_with_them(works, text, expected):
    """'n.d.' is the undated entry and 'in press' the one in press, never a dated work of the same author."""
    got, problems = _read(text, works)
    assert got == expected
    assert problems == []


def test_date_words_with_no_such_entry_are_unresolved(works):
    """'Wu, n.d.' beside the list's only 'Wu (2017)' names a missing entry, and the message says why."""
    got, problems = _read("Undated (Wu, n.d.).", works)
    assert got == [("Wu, n.d.", "unresolved", "")]
    (problem,) = problems
    assert (problem.kind, problem.severity) == ("unresolved-citation", "error")
    assert "no entry by Wu dated 'n.d.'" in problem.message


def test_draft_cites_an_undated_narrative_citation(tmp_path):
    """kg init writes 'Smith (n.d.)' into cites as 'Smith, n.d.', which resolves to the undated entry."""
    article = tmp_path / "article.txt"
    article.write_text("A Test Review\n\nIntroduction\n\nAs Smith (n.d.) argues, undated work matters. Smith (2019) "
                       "agrees.\n\nReferences\n\n" + "\n".join(REFERENCES.splitlines()[:2]) + "\n", encoding="utf-8")
    draft = draft_corpus(article, tmp_path / "corpus")
    assert draft.left_out == ()
    assert [claim.cites for claim in draft.corpus.claims] == [("Smith, n.d.",), ("Smith, 2019",)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Both agree (Smith, 2019; Jones & Lee, 2019, respectively).",
         [("Smith, 2019", "Smith 2019", ""), ("Jones & Lee, 2019", "Jones & Lee 2019", "")]),
        ("Reviews exist (Smith, 2019; for a review, see Kim et al., 2018).",
         [("Smith, 2019", "Smith 2019", ""), ("Kim et al., 2018", "Kim et al. 2018", "")]),
        ("Data agree (Smith, 2019; Wu, 2017, Table 2).",
         [("Smith, 2019", "Smith 2019", ""), ("Wu, 2017, Table 2", "Wu 2017", "Table 2")]),
        ("Many agree (Smith, 2019; Wu, 2017; and Lee, 2018a).",
         [("Smith, 2019", "Smith 2019", ""), ("Wu, 2017", "Wu 2017", ""), ("Lee, 2018a", "Lee 2018a", "")]),
        ("A review exists (see Smith, 2019, for a review).", [("Smith, 2019", "Smith 2019", "")]),
        ("Trials agree (e.g., Wu, 2017, p. 4; cf. Lee, 2018b).",
         [("Wu, 2017, p. 4", "Wu 2017", "p. 4"), ("Lee, 2018b", "Lee 2018b", "")]),
    ],
    ids=["respectively", "for-a-review-see", "table", "and", "see-for-a-review", "e.g.-cf."],
)
def test_items_with_words_before_or_after_are_read(works, text, expected):
    """Words before an item's authors and a remark after its year are no part of it, and lose no citation."""
    got, problems = _read(text, works)
    assert got == expected
    assert problems == []


def test_an_unread_item_beside_read_ones_is_reported(works):
    """An item that looks like a citation but does not parse is a warning with its line, even when the
    bracket's other items are read."""
    got, problems = _read("First (Wu, 2017).\n\nMany agree (Smith, 2019; Jones, personal communication, 2020).", works)
    assert got == [("Wu, 2017", "Wu 2017", ""), ("Smith, 2019", "Smith 2019", "")]
    (problem,) = problems
    assert (problem.kind, problem.severity, problem.where.line) == ("unread-citation", "warning", 5)
    assert "the item 'Jones, personal communication, 2020' of '(Smith, 2019;" in problem.message


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Attachment matters (Bowlby, 1969, as cited in Wu, 2017).", [("Wu, 2017", "Wu 2017", "")]),
        ("Bowlby (1969, as cited in Kim et al., 2018, p. 4) saw it.", [("Kim et al., 2018, p. 4", "Kim et al. 2018",
                                                                     "p. 4")]),
        ("It holds (Smith, 2019; Bowlby, 1969, cited in Wu, 2017).",
         [("Smith, 2019", "Smith 2019", ""), ("Wu, 2017", "Wu 2017", "")]),
    ],
    ids=["parenthetical", "narrative", "beside-another"],
)
def test_a_secondary_source_cites_the_work_that_cites_the_original(works, text, expected):
    """"Bowlby, 1969, as cited in Wu, 2017" (APA 7th ed., 8.6) resolves to Wu 2017, the work in the list, and the
    original (not in the list, by APA's rule) is reported neither as unread nor as unresolved."""
    got, problems = _read(text, works)
    assert got == expected
    assert problems == []


def test_numbers_joined_by_and_are_each_read():
    """"[1, 2 and 3]", "[1, 2, and 3]" and "[4 and 5]" cite each number; "[2 and others]" cites none."""
    article = parse_article("Introduction\n\nShown [1, 2 and 3], again [1, 2, and 3] and [4 and 5] [2 and others].",
                            "article.txt")
    found = find_citations(article, "numeric")
    assert [c.text for c in found] == ["[1]", "[2]", "[3]", "[1]", "[2]", "[3]", "[4]", "[5]"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Brown et al.'s (2020) trial is the largest.", [("Brown et al.'s (2020)", "Brown et al. 2020", "")]),
        ("Brown and colleagues (2020) found the same.", [("Brown and colleagues (2020)", "Brown et al. 2020", "")]),
    ],
    ids=["et-al-possessive", "and-colleagues"],
)
def test_possessive_et_al_and_colleagues_resolve(works, text, expected):
    """"X et al.'s (Y)" and "X and colleagues (Y)" cite X's work of three or more authors."""
    got, problems = _read(text, works)
    assert got == expected
    assert problems == []


@pytest.mark.parametrize("text", ["The DSM-5 (2013) defines it.", "During COVID-19 (2020) things changed."])
def test_words_with_digits_name_no_author(works, text):
    """"DSM-5 (2013)" is no citation and fails no check: a warning says it was not read, with its line."""
    got, problems = _read(text, works)
    assert got == []
    (problem,) = problems
    assert (problem.kind, problem.severity, problem.where.line) == ("unread-citation", "warning", 3)
    assert "looks like a narrative citation" in problem.message


def test_numeric_brackets_with_locators_and_cue_words(tmp_path):
    """"[1, p. 4; 2]", "[see 3]", "[4, Table 2]" and "[5 and 7]" are read in a numeric corpus; a bracket that
    holds a number but reads as none ("[ref. 8]") is a warning with its line; "[sic]" and "[95% CI 1.1-2.0]" are
    neither."""
    folder = tmp_path / "numeric"
    shutil.copytree(DATA / "numeric", folder)
    article = folder / "article.txt"
    text = article.read_text(encoding="utf-8")
    sentence = "One report [9] could not be traced."  # in no claim's quote
    assert sentence in text and "[sic]" in text
    article.write_text(text.replace(sentence, "One report [9] could not be traced [1, p. 4; 2] [see 3] "
                                    "[6, Table 2] [95% CI 1.1-2.0] [5 and 7] [ref. 8]."), encoding="utf-8")
    corpus = load_corpus(folder)
    at = corpus.article.text.index("One report")
    read = [(c.text, c.locator) for c in corpus.citations if c.start > at]
    line = corpus.article.line_at(at)  # the line the reader gives the sentence's paragraph
    assert read == [("[9]", ""), ("[1]", "p. 4"), ("[2]", ""), ("[3]", ""), ("[6]", "Table 2"), ("[5]", ""),
                    ("[7]", "")]
    (problem,) = [p for p in corpus.problems if p.kind == "unread-citation"]
    assert problem.severity == "warning" and problem.where.line == line
    assert "'[ref. 8]' holds a number but was read as no citation" in problem.message
