"""The article reader: headers, page breaks, sections, quote anchors."""

from __future__ import annotations

from textwrap import dedent

import pytest

from kg.errors import QuoteNotFoundError
from kg.ingest.article import find_quote, parse_article, running_head_findings

PAGES = dedent(
    """\

    e-ISSN: 3006-466X p-ISSN: 3006-4651 https://example.org

    A Title Of The Article

    Jane Doe

    Introduction

    Recovery is a process that, as the Recovery Model

    e-ISSN: 3006-466X p-ISSN: 3006-4651 https://example.org

    explains, rests on hope (Anthony, 1993).

    Methods and Aims

    We read papers.

    References

    - Anthony, W. A. (1993). Recovery. Journal, 1(1), 1-2.
    """
)


def test_running_headers_are_dropped():
    """Lines like 'e-ISSN ...' never reach the body text."""
    article = parse_article(PAGES, "a.txt")
    assert "ISSN" not in article.text
    assert [line for line, _text in article.dropped_lines] == [2, 12]


def test_body_lines_that_start_like_page_heads_are_kept():
    """A sentence opening with "ISSN" or "Page 4" is text, not a page head."""
    article = parse_article(dedent("""\
        Intro

        ISSN-registered journals were searched (Corrigan, 2004).

        Page 4 of the national guidance says so (Corrigan, 2004).

        ISSN 1234-5678

        Page 4 of 12
        """))
    assert "ISSN-registered journals were searched" in article.text
    assert "Page 4 of the national guidance" in article.text
    assert "1234-5678" not in article.text and "of 12" not in article.text
    assert not running_head_findings(article)  # page furniture by its shape goes unsaid


def test_a_recurring_line_taken_out_as_a_running_head_is_reported():
    """A subheading in each of three studies recurs like a running head: it is
    taken out, and the finding names it and its lines, so nothing goes unsaid."""
    text = "Review\n\n" + "".join(f"Study {n}\n\nFindings\n\nPeer support helped ({n}).\n\n" for n in "ABC")
    article = parse_article(text, "article.txt")
    (finding,) = running_head_findings(article)
    assert finding.kind == "running-head-dropped" and finding.severity == "info"
    assert "'Findings' recurs 3 times (lines 5, 11, 17)" in finding.message
    assert finding.where is not None and (finding.where.path, finding.where.line) == ("article.txt", 5)


def test_paragraph_split_by_page_break_is_rejoined():
    """A paragraph cut by a page break becomes one paragraph again."""
    article = parse_article(PAGES, "a.txt")
    texts = [p.text for p in article.paragraphs]
    assert "Recovery is a process that, as the Recovery Model explains, rests on hope (Anthony, 1993)." in texts


def test_sections_are_found_and_title_block_is_not_a_section():
    """Headings followed by text are sections; the stacked title block is not."""
    article = parse_article(PAGES, "a.txt")
    assert [s.title for s in article.sections] == ["Introduction", "Methods and Aims"]
    assert article.sections[0].line == 8


def test_body_stops_at_references():
    """The reference list is not part of the body text."""
    article = parse_article(PAGES, "a.txt")
    assert "Journal, 1(1)" not in article.text
    assert article.text.endswith("We read papers.")


def test_quote_anchor_has_prefix_suffix_offsets_and_section():
    """A quote is anchored with a TextQuoteSelector and offsets."""
    article = parse_article(PAGES, "a.txt")
    anchor, count = find_quote(article, "rests on   hope\n(Anthony, 1993)", "c.yaml:3", "C1")
    assert count == 1
    assert article.text[anchor.start:anchor.end] == "rests on hope (Anthony, 1993)"
    assert anchor.prefix.endswith("explains, ")
    assert anchor.suffix.startswith(".")
    assert anchor.section == "Introduction"
    assert anchor.line == 10


def test_quote_across_a_paragraph_break_is_found_with_the_article_text():
    """A quote copied across two paragraphs (the break pasted as a space) is anchored; its exact text is
    the article's, paragraph break and all, and its line is where it starts; repeats are counted."""
    article = parse_article("Intro\n\nFirst paragraph ends here.\n\nSecond one starts here.\n\n"
                            "Again: ends here. Second one starts.\n", "a.txt")
    anchor, count = find_quote(article, "ends here.  Second one\nstarts", "c.yaml:3", "C1")
    assert (anchor.exact, anchor.line, count) == ("ends here.\n\nSecond one starts", 3, 2)
    assert article.text[anchor.start:anchor.end] == anchor.exact
    with pytest.raises(QuoteNotFoundError, match="the first 10 characters match"):
        find_quote(article, "ends here.Second one", "c.yaml:3", "C1")
    # The hint points at the real difference, not at the paragraph break the quote may span.
    with pytest.raises(QuoteNotFoundError, match="the first 26 characters match, then the article has "
                                                 "'ts here. Again.*' where the quote has ' tz here'"):
        find_quote(article, "ends here. Second one star tz here", "c.yaml:3", "C1")


def test_quote_not_found_names_claim_and_line():
    """A quote absent from the article raises an error naming claim and file:line."""
    article = parse_article(PAGES, "a.txt")
    with pytest.raises(QuoteNotFoundError, match=r"c\.yaml:7: quote of claim C9 not found in a\.txt"):
        find_quote(article, "rests on despair", "c.yaml:7", "C9")


def test_bundled_article_sections(bundled):
    """The bundled article has its 25 section headings and no header lines."""
    article = bundled.corpus.article
    titles = [s.title for s in article.sections]
    assert titles[0] == "Abstract" and titles[-1] == "Summary"
    assert "Peer Support Groups" in titles
    assert len(titles) == 25
    assert "e-ISSN" not in article.text
    assert "highlights the importance of hope" in article.text


def test_kg_check_reports_the_recurring_line_taken_out(tmp_path):
    """The finding reaches the corpus's problems, so `kg check` lists it; a
    sentence the article repeats is text, not a page head, and its citations are read."""
    from kg.ingest.draft import draft_corpus

    article = tmp_path / "article.txt"
    article.write_text("A Review\n\n" + "".join(
        f"Study {n}\n\nFindings\n\nPeer support helped the people in each trial (Smith, 2019).\n\n" for n in "ABC")
        + "References\n\nSmith, J. (2019). Alone we stand. Journal of Tests, 2(1), 1-9.\n", encoding="utf-8")
    corpus = draft_corpus(article, tmp_path / "review").corpus
    assert [p.where.line for p in corpus.problems if p.kind == "running-head-dropped"] == [5]
    assert len(corpus.citations) == 3
