"""Review of the printed-list reader: text that is no part of an entry, and fields read from
entries in the common styles."""

from __future__ import annotations

from kg.cli import main
from kg.ingest.references.text import parse_text_list, read_list

CORRIGAN = "Corrigan, P. W. (2004). How stigma interferes with mental health care. American Psychologist, 59(7), 614-625."
WALSH = "Walsh, F. (2016). Normal family processes (4th ed.). Guilford Press."
RAPPAPORT = ('Rappaport, J. (1977). "Community Psychology: Values, Research, and Action." *American Psychologist*, '
             "32(5), 505-516.")


def stray(problems):
    return [(p.where.line if p.where else None, p.severity) for p in problems if p.kind == "stray-text"]


def test_lines_left_after_a_bulleted_list_are_reported_not_glued_into_the_last_entry():
    """'???' and '12345' after the last bullet are no part of it: its pages stay '505-516' and each is a warning."""
    refs, problems = parse_text_list(f"- {CORRIGAN}\n- {RAPPAPORT}\n\n???\n\n12345\n", "refs.txt")
    assert [r.pages for r in refs] == ["614-625", "505-516"]
    assert stray(problems) == [(4, "warning"), (6, "warning")]
    assert all(p.where is not None and p.where.path == "refs.txt" for p in problems)


def test_a_note_between_numbered_entries_is_left_out_with_its_wrapped_line():
    """A two-line note after a blank line in a numbered list joins neither entry; the entry after it is read."""
    text = f"1. {CORRIGAN}\n\nA note about\nthe list.\n\n2. {WALSH}\n"
    entries, problems = read_list(text, "refs.txt")
    assert [entry for _n, entry, _k in entries] == [CORRIGAN, WALSH]
    assert stray(problems) == [(3, "warning")] and "'A note about'" in problems[0].message


def test_an_entry_that_lost_its_bullet_is_read_as_an_entry_with_a_warning():
    refs, problems = parse_text_list(f"- {CORRIGAN}\n- {RAPPAPORT}\n\n{WALSH}\n", "refs.txt")
    assert [r.authors[0].family for r in refs] == ["Corrigan", "Rappaport", "Walsh"]
    assert refs[1].pages == "505-516" and stray(problems) == [(4, "warning")]


def test_a_page_break_inside_a_bulleted_entry_still_continues_it():
    """An entry cut mid-sentence by a page break (blank lines, a header) goes on after it, with no warning."""
    text = ("- Cohen, S., & Wills, T. A. (1985). Stress, social support, and the buffering\n\n"
            "hypothesis. Psychological Bulletin, 98(2), 310-357.\n- " + WALSH + "\n")
    refs, problems = parse_text_list(text, "refs.txt")
    assert refs[0].pages == "310-357" and "buffering hypothesis" in refs[0].title and problems == []


def test_a_line_of_punctuation_between_unmarked_entries_neither_merges_them_nor_goes_unreported():
    """One entry a line, no blank lines: '???' between two entries used to glue the second onto the first."""
    refs, problems = parse_text_list(f"{CORRIGAN}\n???\n{WALSH}\n", "refs.txt")
    assert [r.authors[0].family for r in refs] == ["Corrigan", "Walsh"]
    assert stray(problems) == [(2, "warning")]


def test_cli_reports_the_stray_lines_with_file_and_line(runner, tmp_path):
    path = tmp_path / "references.txt"
    path.write_text(f"- {CORRIGAN}\n- {RAPPAPORT}\n\n???\n\n12345\n", encoding="utf-8")
    result = runner.invoke(main, ["refs", "parse", str(path), "--format", "csl-json"])
    assert result.exit_code == 0 and '"page": "505-516"' in result.stdout and "12345" not in result.stdout
    assert f"{path}:4: warning: line 4: '???'" in result.stderr
    assert f"{path}:6: warning: line 6: '12345'" in result.stderr
    assert "2 warning(s)" in result.stderr


def test_one_entry_a_line_starting_with_a_non_ascii_capital_or_a_particle_starts_an_entry():
    """No blank lines, no indents: 'Ölander K,' and 'van Dyke A,' (Vancouver), 'Ölander, K. (in press).' (APA)
    each start an entry; they used to be glued onto the entry before, three references read as one."""
    vancouver = ("Corrigan PW. How stigma interferes with mental health care. Am Psychol. 2004;59(7):614-25.\n"
                 "Ölander K, Lewis GF. Intestinal lipoprotein overproduction. Curr Opin Lipidol. 2008;19(3):221-8.\n"
                 "van Dyke A, Lee C. Why birds sing. Ornithol Today. 2015;12(4):33-45.\n")
    refs, _ = parse_text_list(vancouver, "refs.txt")
    assert [(r.authors[0].family, r.year) for r in refs] == [("Corrigan", 2004), ("Ölander", 2008), ("Dyke", 2015)]
    assert refs[2].authors[0].particle == "van"
    apa = f"{CORRIGAN}\nÖlander, K. (in press). Recovery. Journal of Q, 2, 1-2.\nde Souza, M. (in press). Care. J, 3, 4-5.\n"
    assert [r.authors[0].family for r in parse_text_list(apa, "refs.txt")[0]] == ["Corrigan", "Ölander", "Souza"]


def test_in_press_is_the_date_not_part_of_the_title():
    """'(In press).' and '(in press).' after a name the CRF does not know are the date; Vancouver's closing
    'In press.' too, not unplaced text."""
    text = ("Smith, J. (In press). Recovery of the mind. Journal of Q.\n\n"
            "Ölander, K. (in press). Recovery. Journal of Q, 2, 1-2.\n\n"
            "Smith J. Recovery of the mind. J Q. In press.\n")
    refs, _ = parse_text_list(text, "refs.txt")
    assert [(r.year, r.date_text, r.title, r.leftover) for r in refs] == [
        (None, "in press", "Recovery of the mind", ""), (None, "in press", "Recovery", ""),
        (None, "in press", "Recovery of the mind", "")]


def test_a_doi_or_link_cut_at_a_line_end_is_joined_whole():
    """A PDF's line break after the DOI's '/' used to leave the DOI unread ('abc.123' unplaced)."""
    text = ("Jones, A. (2011). Broken doi. Journal of Q, 3(2), 1-9. https://doi.org/10.1000/\n  abc.123\n"
            "Smith, J. (2020, March 5). Blog post title. Blog Name. https://blog.example.com/\n"
            "  2020/03/05/post\n")
    jones, smith = parse_text_list(text, "refs.txt")[0]
    assert (jones.doi, jones.leftover) == ("10.1000/abc.123", "")
    assert (smith.url, smith.leftover) == ("https://blog.example.com/2020/03/05/post", "")


def test_a_link_ending_a_line_is_not_joined_to_the_sentence_after_it():
    text = "Smith, John. “Peer Support.” Care Today, 2019, www.care.org/a. https://care.org/a/\n  Accessed 3 May 2020.\n"
    assert parse_text_list(text, "refs.txt")[0][0].raw.endswith("https://care.org/a/ Accessed 3 May 2020.")


def test_apa7_ellipsis_before_the_last_author_is_no_part_of_the_name():
    for ellipsis in (". . .", "...", "…"):
        entry = f"Lee, K., Oh, K., {ellipsis} Baek, S. (2019). Many authors. Nature, 567(7746), 1–5."
        assert [p.family for p in parse_text_list(entry, "refs.txt")[0][0].authors] == ["Lee", "Oh", "Baek"]


def test_dashes_for_the_author_of_the_entry_before_are_that_author():
    """MLA's '---.' and Chicago's '———.' repeat the author before; they used to be an author named '---'."""
    text = ('Corrigan, Patrick W. "How Stigma Interferes with Mental Health Care." American Psychologist, vol. 59, '
            "no. 7, 2004, pp. 614–25.\n\n"
            '---. "Second Work." American Psychologist, vol. 60, no. 1, 2005, pp. 1–9.\n\n'
            '———. 2006. "Third Work." American Psychologist 61 (2): 3–9.\n')
    refs, problems = parse_text_list(text, "refs.txt")
    assert [[(p.family, p.given) for p in r.authors] for r in refs] == [[("Corrigan", "Patrick W.")]] * 3
    assert problems == []


def test_dashes_opening_the_list_are_a_warning():
    refs, problems = parse_text_list('---. "Second Work." American Psychologist, vol. 60, 2005, pp. 1–9.\n', "refs.txt")
    assert [(p.kind, p.severity, p.where.line if p.where else None) for p in problems] == [
        ("repeated-author", "warning", 1)]


def test_apa7_thesis_description_is_neither_title_nor_publisher_text():
    """'[Doctoral dissertation, Harvard University]' used to leave the title ending '[Doctoral dissertation' and the
    publisher 'Harvard University]. ProQuest ...'."""
    text = ("Green, L. (2017). My thesis title [Doctoral dissertation, Harvard University]. ProQuest Dissertations.\n\n"
            "Green, L. (2018). Other thesis [Master’s thesis, Ohio State University]. OhioLINK.\n\n"
            "Green, L. (2019). Survey of things [Data set]. Zenodo. https://doi.org/10.5281/zenodo.123\n\n"
            "Lee, A. (2019). The [Bracketed] word in a title. Journal of Q, 1, 2-3.\n\n"
        "Bogoljubov, M. N. (1963). Mestoimenija v jazyke [Pronouns in the language]. Kratkie soobshchenija.\n")
    refs = parse_text_list(text, "refs.txt")[0]
    assert [(r.title, r.publisher) for r in refs[:4]] == [
        ("My thesis title", "Harvard University"), ("Other thesis", "Ohio State University"),
        ("Survey of things", "Zenodo"), ("The [Bracketed] word in a title", "")]
    assert refs[4].title.startswith("Mestoimenija v jazyke [Pronouns in the language]")  # a translation: kept
    assert refs[0].type == refs[1].type == "thesis"
    assert refs[0].leftover == "ProQuest Dissertations" and refs[1].leftover == "OhioLINK"


def test_a_capitalised_undated_date_is_the_date_not_an_author():
    """"(N.d.)", "(N. d.)" and "(In Press)" are the date, as "(n.d.)" is: the CRF once read "(N.d.)" as a
    second author holding the first one's initials, and "(N. d.)" as two; the entry keeps its text as printed."""
    text = ("Smith, J. (N.d.). Peer support in recovery. Retrieved from https://example.org/x\n"
            "Wu, X. (N. d.). Alone again. https://example.org/z\n"
            "Ölander, K. (In Press). Peer support at work. Journal of Tests.\n")
    refs, _ = parse_text_list(text, "refs.txt")
    assert [([(p.family, p.given) for p in r.authors], r.date_text) for r in refs] == [
        ([("Smith", "J.")], "n.d."), ([("Wu", "X.")], "n.d."), ([("Ölander", "K.")], "in press")]
    assert refs[0].raw.startswith("Smith, J. (N.d.).")
