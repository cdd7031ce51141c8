"""Text pasted from a PDF or a web page: a "References" heading above the
list, HTML entities and inline tags, words hyphenated at a line's end, and
Harvard's titles in single quotes."""

from __future__ import annotations

import pytest

from kg.cli import main
from kg.ingest.references.text import parse_text_list, split_entries

CORRIGAN = "Corrigan, P. W. (2004). How stigma interferes with mental health care. American Psychologist, 59(7), 614-625."
ADELI = ("Adeli, K., & Lewis, G. F. (2008). Intestinal lipoprotein overproduction. Current Opinion in Lipidology, "
         "19(3), 221-228.")


@pytest.mark.parametrize("heading", ["References", "REFERENCES:", "Bibliography", "Literature Cited", "Works cited",
                                     "Reference List", "Sources", "7. References", "## Bibliography"])
@pytest.mark.parametrize("gap", ["", "\n"], ids=["no-blank", "blank"])
def test_heading_above_the_list_is_dropped_with_a_note(heading, gap):
    """A heading line opening the list is no part of the first author's name, nor a record of its own."""
    refs, problems = parse_text_list(f"{heading}\n{gap}{CORRIGAN}\n{ADELI}\n", "refs.txt")
    assert [r.authors[0].family for r in refs] == ["Corrigan", "Adeli"]
    assert [(p.kind, p.severity, p.where.line if p.where else None) for p in problems] == [("list-heading", "info", 1)]
    assert f"the heading {heading!r} at line 1 was dropped" in problems[0].message


def test_heading_between_two_pasted_lists_and_inside_an_entry():
    """A heading after a blank line or before an item 1 is dropped; a wrapped line that reads as one is kept."""
    text = (f"1. {CORRIGAN}\nWorks Cited\n1. {ADELI}\n\nBibliography\n\n"
            "1. Lee, A. (2001). Open water\nSources\nand their uses. Journal of Water, 1, 1-2.\n")
    entries = [entry for _line, entry in split_entries(text)]
    assert entries == [CORRIGAN, ADELI, "Lee, A. (2001). Open water Sources and their uses. Journal of Water, 1, 1-2."]
    refs, problems = parse_text_list(text, "refs.txt")
    assert [(p.kind, p.where.line if p.where else None) for p in problems if p.kind == "list-heading"] == [
        ("list-heading", 2), ("list-heading", 5)]


def test_cli_heading_note(runner, tmp_path):
    """`kg refs parse` names the dropped heading's line and counts it as a note."""
    path = tmp_path / "refs.txt"
    path.write_text(f"References\n{CORRIGAN}\n{ADELI}\n", encoding="utf-8")
    result = runner.invoke(main, ["refs", "parse", str(path), "--format", "table"])
    assert result.exit_code == 0 and "References Corrigan" not in result.stdout
    assert f"{path}:1: info: the heading 'References' at line 1 was dropped (it is no reference)" in result.stderr
    assert "2 record(s) read from 1 file(s); 0 error(s) (not read), 0 warning(s) (read, check them), 1 note(s)" in (
        result.stderr)


def test_html_entities_and_inline_tags():
    """Entities are decoded and inline tags taken off before an entry is read; line numbers stay."""
    text = ("Davis, M. &amp; Evans, N. (2011). Entities &quot;quoted&quot; &#8211; a test. Journal &lt;X&gt;, 1, 1–2.\n"
            "Lee, A. (2010). <i>A book on the 10<sup>th</sup> H<sub>2</sub>O&nbsp;survey</i>. Guilford Press.\n"
            "<b>Kim, B.</b> (2012). Line&#10;feeds kept. <em>Journal of Lines</em>, 2(1), 3-4.\n")
    refs, _ = parse_text_list(text, "refs.txt")
    davis, lee, kim = refs
    assert [(p.family, p.given) for p in davis.authors] == [("Davis", "M."), ("Evans", "N.")]
    assert davis.title == 'Entities "quoted" – a test' and davis.container == "Journal <X>"
    assert "&" not in davis.raw.replace(" & ", "")
    assert lee.title == "A book on the 10th H2O survey" and lee.publisher == "Guilford Press"
    assert kim.authors[0].family == "Kim" and kim.container == "Journal of Lines"
    assert [r.source.line for r in refs if r.source] == [1, 2, 3]


def test_word_hyphenated_at_a_line_end_is_joined():
    """"insulin-" / "resistant" is "insulin-resistant"; "33-" / "45" is "33-45"; "Non-" / "Smokers" keeps a space."""
    text = ("Corrigan, P. W. (2004). How insulin-\nresistant people fare. American Psychologist, 59(7), 33-\n45.\n\n"
            "Lee, A. (2001). Non-\nSmokers. Journal of Air, 1, 1-2.\n")
    (one, two), _ = parse_text_list(text, "refs.txt")
    assert one.title == "How insulin-resistant people fare" and one.pages == "33-45"
    assert two.raw == "Lee, A. (2001). Non- Smokers. Journal of Air, 1, 1-2."


def test_joining_a_long_entry_looks_only_at_the_line_before(monkeypatch):
    """Each hyphen test reads the part before, never the text joined so far (which made joining quadratic
    in an entry's lines); a 3,000-line entry still joins its breaks whole."""
    from kg.ingest.references import text as module

    searched: list[int] = []

    class Recording:
        def __init__(self, pattern):
            self.pattern = pattern

        def search(self, string):
            searched.append(len(string))
            return self.pattern.search(string)

    monkeypatch.setattr(module, "_WORD_BREAK", Recording(module._WORD_BREAK))
    monkeypatch.setattr(module, "_NUMBER_BREAK", Recording(module._NUMBER_BREAK))
    parts = [f"line {i} insulin-" if i % 3 == 0 else f"resistant {i}, 33-" if i % 3 == 1 else "45 and"
             for i in range(3000)]
    joined = module._joined(parts)
    assert joined.count("insulin-resistant") == 1000 and joined.count("33-45 and") == 1000
    assert len(searched) >= 3000 and max(searched) <= max(map(len, parts))


def test_harvard_title_in_single_quotes():
    """Harvard's quotes are no part of the title; quotes inside a title stay."""
    text = ("Smith, J. (2020) 'Deep learning for things', Journal of Things, 1(2), pp. 1-2.\n\n"
            "Lee, K. (2019) ‘Peer support at work’, Journal of Recovery, 3(1), pp. 5-9.\n")
    refs, _ = parse_text_list(text, "refs.txt")
    assert [r.title for r in refs] == ["Deep learning for things", "Peer support at work"]


def test_printed_list_entities_need_their_semicolon():
    """As in CSL-JSON: "&amp;" is "&", a name known only without ";" ("&ampx;") or a legacy entity with
    none ("Cell&microbiology") is kept as written."""
    from kg.ingest.references.text import _plain

    assert _plain("A &amp; B &ampx; Cell&microbiology &micro;m &#10;end") == "A & B &ampx; Cell&microbiology µm  end"
