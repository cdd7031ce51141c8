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


VANCOUVER = [
    "Corrigan PW. How stigma interferes with mental health care. Am Psychol. 2004;59(7):614-25.",
    "Adeli K, Lewis GF. Intestinal lipoprotein overproduction. Curr Opin Lipidol. 2008;19(3):221-8.",
    "Brown L. Why birds sing. Ornithol Today. 2015;12(4):33-45.",
    "Green P. Chicago style title. J Chic. 2012;7(2):11-29.",
    "World Health Organization. Mental health atlas 2020. Geneva: WHO; 2021.",
]
IEEE = [
    'J. Smith, "Peer support," IEEE Trans. Health, vol. 1, pp. 1-2, 2000.',
    'A.-B. van Dyke and C. Lee, "Stigma," in Proc. Care, 2001, pp. 3-4.',
    'K. Ölander et al., "Recovery," J. Q, vol. 2, 2002.',
    'World Health Organization, "Mental health atlas," Geneva, 2021.',
]


def numbers_and_notes(text: str) -> tuple[list[int | None], list[tuple[int, str]]]:
    from kg.ingest.references.text import read_list

    entries, problems = read_list(text, "x.txt")
    assert all(p.where is not None and p.where.path == "x.txt" for p in problems)
    return [number for _line, _entry, number in entries], [(p.where.line, p.message) for p in problems
                                                          if p.where is not None and p.kind == "list-numbering"]


@pytest.mark.parametrize(("style", "printed"), [
    ("{}. ", [1, 2, 8, 9]),
    ("{}. ", [1, 2, 3] + list(range(8, 40))),
    ("[{}] ", [1, 2, 3, 10]),
    ("({}) ", [1, 2, 3, 20, 21]),
    ("{}) ", [1, 3, 4]),
])
def test_numbering_gap_starts_entries(style, printed):
    """Every item number after a gap of any size starts an entry, keeps its printed number and is a
    warning naming its line; the items in sequence after it are entries too."""
    text = "\n".join(style.format(n) + VANCOUVER[k % 5] for k, n in enumerate(printed)) + "\n"
    got, notes = numbers_and_notes(text)
    assert got == printed
    gap = next(k for k in range(1, len(printed)) if printed[k] != printed[k - 1] + 1)
    assert notes == [(gap + 1, f"numbering jumps from {printed[gap - 1]} to {printed[gap]} (an entry lost in "
                               f"pasting?); item {printed[gap]} at line {gap + 1} read as a new entry (check the "
                               "list there)")]


def test_ieee_gap_with_initials_first_authors():
    """IEEE's "[10] J. Smith," and a corporate author after a gap start entries."""
    text = "\n".join(f"[{n}] {IEEE[k]}" for k, n in enumerate([1, 2, 3, 10])) + "\n"
    assert numbers_and_notes(text)[0] == [1, 2, 3, 10]
    text = "\n".join(f"[{n}] {IEEE[k % 4]}" for k, n in enumerate([1, 2, 8, 9, 12])) + "\n"
    assert numbers_and_notes(text)[0] == [1, 2, 8, 9, 12]


def test_two_lists_pasted_one_after_the_other():
    """A restart at 1 starts an entry (both lists are read, 10 entries) and is a warning naming its line."""
    one = "\n".join(f"[{n}] {VANCOUVER[n - 1]}" for n in range(1, 6))
    got, notes = numbers_and_notes(f"{one}\n{one}\n")
    assert got == [1, 2, 3, 4, 5, 1, 2, 3, 4, 5]
    assert [(line, message.split(";")[0]) for line, message in notes] == [
        (6, "numbering restarts at 1 (two lists pasted one after the other?)")]


def test_wrapped_lines_starting_with_a_number_do_not_split_an_entry():
    """Lines of one entry that open with a number ("2004;59", "45. Available", "12. Epub", an indented
    "45. Smith, J.", "45. Smith J," between items 5 and 6, "(3) 2015", "– 45") continue it."""
    text = dedent("""\
        1. Corrigan PW. How stigma interferes with mental health care. Am Psychol.
        2004;59(7):614-25.
        2. Adeli K, Lewis GF. Intestinal lipoprotein overproduction. Curr Opin Lipidol. 2008;19(3):221-
        45. Available from: https://example.org/adeli
        3. Brown L. Why birds sing. Ornithol Today. 2015 May
        12. Epub 2015.
        4. Green P. Chicago style title. J Chic. 2012;7(2):11-29.
           45. Smith, J. (2000) is cited in it.
        5. Brown L. Why birds sing again. Ornithol Today. 2015;12(4):33-
        45. Smith J, editor. Birds. London: Kew; 2015.
        6. Lee A. Issues. J Iss. 2015;12
        (3) 2015:1-9.
        7. Kim B. Dashes. J Dash. 2016;1:33
        – 45.
        """)
    got, notes = numbers_and_notes(text)
    assert got == [1, 2, 3, 4, 5, 6, 7] and notes == []
    entries = texts(text)
    assert entries[1].endswith("2008;19(3):221-45. Available from: https://example.org/adeli")
    assert entries[4] == "Brown L. Why birds sing again. Ornithol Today. 2015;12(4):33-45. Smith J, editor. Birds. London: Kew; 2015."
    assert entries[6] == "Kim B. Dashes. J Dash. 2016;1:33 – 45."


def test_a_gap_maps_each_entry_to_its_printed_number():
    """Numeric citations name the entry printed with the number, across a gap and a restart."""
    from kg.ingest.citations import reference_numbers
    from kg.ingest.references.text import parse_text_list

    printed = [1, 2, 8, 9]
    refs, problems = parse_text_list("\n".join(f"{n}. {VANCOUVER[k]}" for k, n in enumerate(printed)), "v.txt")
    assert [r.number for r in refs] == printed and [p.kind for p in problems] == ["list-numbering"]
    numbers = reference_numbers(refs)
    assert {n: [next(r.title for r in refs if r.id == i) for i in ids] for n, ids in numbers.items()} == {
        1: ["How stigma interferes with mental health care"], 2: ["Intestinal lipoprotein overproduction"],
        8: ["Why birds sing"], 9: ["Chicago style title"]}


def test_cli_reads_every_entry_after_a_numbering_gap(runner, tmp_path):
    """`kg refs parse vgap.txt` reads four records and warns about the gap at its line."""
    from kg.cli import main

    path = tmp_path / "vgap.txt"
    path.write_text("\n".join(f"{n}. {VANCOUVER[k]}" for k, n in enumerate([1, 2, 8, 9])) + "\n", encoding="utf-8")
    result = runner.invoke(main, ["refs", "parse", str(path), "--format", "table"])
    assert result.exit_code == 0
    assert [line.split("  ")[-1].strip() for line in result.stdout.splitlines()[1:]] == [
        "How stigma interferes with mental health care", "Intestinal lipoprotein overproduction",
        "Why birds sing", "Chicago style title"]
    assert f"{path}:3: warning: numbering jumps from 2 to 8" in result.stderr
    assert "4 record(s) read from 1 file(s); 0 error(s) (not read), 1 warning(s)" in result.stderr


def test_a_long_list_of_out_of_sequence_numbers_reads_every_entry(monkeypatch):
    """Harvard's "(1990) Title" lines are item numbers out of sequence, each looking ahead for the numbers
    to come: 3,000 entries are all read, and each line is matched for an item number once (the look
    ahead used to copy and rescan the rest of the list for every such line)."""
    from kg.ingest.references import text as module

    calls: list[int] = []

    class Counting:
        def __init__(self, pattern):
            self.pattern = pattern

        def match(self, string):
            calls.append(1)
            return self.pattern.match(string)

        def sub(self, *args, **kwargs):
            return self.pattern.sub(*args, **kwargs)

    monkeypatch.setattr(module, "_MARKER", Counting(module._MARKER))
    text = "".join(f"Name{i}, A.\n(1990) Title number {i}. Journal, 1, 2-3.\n\n" for i in range(3000))
    entries, problems = module.read_list(text, "x.txt")
    assert [entry for _line, entry, _number in entries] == [
        f"Name{i}, A. (1990) Title number {i}. Journal, 1, 2-3." for i in range(3000)]
    assert [line for line, _entry, _number in entries] == list(range(1, 9000, 3)) and problems == []
    assert len(calls) <= text.count("\n") + 1


def test_a_run_of_thousands_of_digits_is_no_item_number():
    """Python refuses to make an int of more than 4,300 digits: such a line is text, not an item number."""
    from kg.ingest.references import parse_references

    listing = parse_references("9" * 5000 + ". Smith J. A title. J Foo. 2001;1:1-2.\n")
    assert [r.raw[:4] for r in listing.references] == ["9999"]
