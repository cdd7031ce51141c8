"""Splitting a pasted bibliography into entries: blank-line, numbered, bulleted,
hanging-indent and wrapped layouts, with running page headers dropped."""

from __future__ import annotations

from textwrap import dedent

import pytest

from kg.ingest.references.text import split_entries

CORRIGAN = "Corrigan, P. W. (2004). How stigma interferes with mental health care. American Psychologist, 59(7), 614-625."
COHEN = "Cohen, S., & Wills, T. A. (1985). Stress, social support, and the buffering hypothesis. Psychological Bulletin, 98(2), 310-357."
WALSH = "Walsh, F. (2016). Normal family processes (4th ed.). Guilford Press."


def texts(text: str) -> list[str]:
    return [entry for _line, entry in split_entries(text)]


def test_blank_line_layout_with_wrapped_lines():
    """Entries separated by blank lines; lines wrapped flush inside an entry join it."""
    text = dedent("""\
        Corrigan, P. W. (2004). How stigma interferes with mental health care.
        American Psychologist, 59(7), 614-625.

        Cohen, S., & Wills, T. A. (1985). Stress, social support, and the buffering
        hypothesis. Psychological Bulletin, 98(2), 310-357.


        Walsh, F. (2016). Normal family processes (4th ed.). Guilford Press.
        """)
    assert split_entries(text) == [(1, CORRIGAN), (4, COHEN), (8, WALSH)]


NUMBERED = {
    "dot": ("1. ", "2. ", "3. "),
    "bracket": ("[1] ", "[2] ", "[3] "),
    "paren": ("1) ", "2) ", "3) "),
    "both-parens": ("(1) ", "(2) ", "(3) "),
}


@pytest.mark.parametrize("marks", NUMBERED.values(), ids=NUMBERED.keys())
def test_numbered_layouts(marks):
    """Each item number starts an entry; flush or indented continuation lines join it, no blank lines needed."""
    one, two, three = marks
    text = (f"{one}Corrigan, P. W. (2004). How stigma interferes with mental health care.\n"
            "American Psychologist, 59(7), 614-625.\n"
            f"{two}Cohen, S., & Wills, T. A. (1985). Stress, social support, and the buffering\n"
            "    hypothesis. Psychological Bulletin, 98(2), 310-357.\n"
            f"\n{three}Walsh, F. (2016). Normal family processes (4th ed.). Guilford Press.\n")
    assert split_entries(text) == [(1, CORRIGAN), (3, COHEN), (6, WALSH)]


def test_numbered_list_wrapped_year_is_not_an_item_number():
    """A wrapped line starting '2004). ' inside item 2 is not item 2004; a skipped number is still an item."""
    text = dedent("""\
        1) Walsh, F. (2016). Normal family processes (4th ed.). Guilford Press.
        2) Corrigan, P. W. (
        2004). How stigma interferes with mental health care. American Psychologist, 59(7), 614-625.
        4) Cohen, S., & Wills, T. A. (1985). Stress, social support, and the buffering hypothesis. Psychological Bulletin, 98(2), 310-357.
        """)
    assert [n for n, _ in split_entries(text)] == [1, 2, 4]
    assert texts(text)[1].startswith("Corrigan, P. W. ( 2004). How stigma")


def test_hanging_indent_layout():
    """First line flush, continuation lines indented, no blank lines: each flush line starts an entry."""
    text = dedent("""\
        Corrigan, P. W. (2004). How stigma interferes with mental health care. American
            Psychologist, 59(7), 614-625.
        Walsh, F. (2016). Normal family processes (4th ed.). Guilford Press.
        Cohen, S., & Wills, T. A. (1985). Stress, social support, and the buffering
            hypothesis. Psychological
            Bulletin, 98(2), 310-357.
        """)
    assert split_entries(text) == [
        (1, CORRIGAN), (3, WALSH), (4, COHEN)]


def test_hanging_indent_across_a_page_break():
    """A running header, a page number and blank lines between pages; the entry broken by them continues."""
    text = dedent("""\
        Corrigan, P. W. (2004). How stigma interferes with mental health care. American
            Psychologist, 59(7), 614-625.
        Cohen, S., & Wills, T. A. (1985). Stress, social support, and the buffering

        12

        Journal of Community Support 13
            hypothesis. Psychological Bulletin, 98(2), 310-357.
        Walsh, F. (2016). Normal family processes (4th ed.). Guilford Press.
        Journal of Community Support 14
        Lee, M. (2019). Exercise and mood. Journal of Sport Psychology, 10(2), 1-10.
        Journal of Community Support 15
        """)
    assert texts(text) == [CORRIGAN, COHEN, WALSH,
                           "Lee, M. (2019). Exercise and mood. Journal of Sport Psychology, 10(2), 1-10."]


def test_wrapped_layout_with_running_headers():
    """Blank-line-separated entries wrapped flush across pages; headers with page numbers, 'Page N' and ISSN lines dropped."""
    text = dedent("""\
        Corrigan, P. W. (2004). How stigma interferes with mental health care.
        American Psychologist, 59(7), 614-625.

        Cohen, S., & Wills, T. A. (1985). Stress, social support, and the buffering

        Page 7
        COMMUNITY SUPPORT AND RECOVERY 7

        hypothesis. Psychological Bulletin, 98(2), 310-357.

        8 COMMUNITY SUPPORT AND RECOVERY
        e-ISSN: 3006-466X p-ISSN: 3006-4651

        Walsh, F. (2016). Normal family processes (4th ed.).
        Guilford Press.

        COMMUNITY SUPPORT AND RECOVERY 9
        """)
    assert split_entries(text) == [(1, CORRIGAN), (4, COHEN), (14, WALSH)]


def test_one_entry_per_line_without_blank_lines():
    """No blank lines and no indents: a line that starts like an entry after a full stop starts one
    (a journal name after a title's full stop does not)."""
    text = ("Corrigan, P. W. (2004). How stigma interferes with mental health care.\n"
            "American Psychologist, 59(7), 614-625.\n"
            f"{WALSH}\n"
            "Cohen, S., & Wills, T. A. (1985). Stress, social support, and the buffering\n"
            "hypothesis. Psychological Bulletin, 98(2), 310-357.\n"
            "World Health Organization. (2021). Mental health atlas 2020. https://www.who.int/x\n"
            "Adeli K, Higgins V. Biochemical marker reference values. Clin Biochem. 2016;49(1):1-2.\n")
    assert texts(text) == [CORRIGAN, WALSH, COHEN,
                           "World Health Organization. (2021). Mental health atlas 2020. https://www.who.int/x",
                           "Adeli K, Higgins V. Biochemical marker reference values. Clin Biochem. 2016;49(1):1-2."]


def test_bulleted_list_with_header_between_blank_lines():
    """The bundled list's shape: bullets, and a repeated ISSN header between blank lines."""
    text = f"- {CORRIGAN}\n- {WALSH}\n\n\ne-ISSN: 3006-466X p-ISSN: 3006-4651\n\n• {COHEN}\n"
    assert split_entries(text) == [(1, CORRIGAN), (2, WALSH), (7, COHEN)]


def test_a_line_repeated_three_times_is_a_header_even_inside_entries():
    """A line repeated on every page is dropped wherever it falls; a line printed twice is kept."""
    header = "Social Signs Review, Vol. 3 No. 2 (2025)"
    text = f"{CORRIGAN}\n\n{header}\n\n{WALSH}\n\n{header}\n\n{COHEN}\n{header}\n"
    assert texts(text) == [CORRIGAN, WALSH, COHEN]
    assert len(texts(f"{CORRIGAN}\n\n{header}\n\n{WALSH}\n\n{header}\n")) == 4


def test_empty_and_blank_text():
    """No text, no entries."""
    assert split_entries("") == [] and split_entries("\n  \n\n") == []


@pytest.mark.parametrize("mark", ["- ", "• ", "2. ", "[2]", "(2) "])
def test_a_marker_with_nothing_after_it_stays_an_entry_as_printed(mark):
    """A lone item marker is kept as printed (reported as unreadable downstream), never as an empty entry."""
    entries = texts(f"1. {CORRIGAN}\n{mark}\n3. {WALSH}\n" if mark[0].isdigit() or mark[0] in "[(" else f"- {CORRIGAN}\n{mark}\n- {WALSH}\n")
    assert entries == [CORRIGAN, mark.strip(), WALSH]
