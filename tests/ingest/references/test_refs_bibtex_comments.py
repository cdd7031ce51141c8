"""BibTeX '%' comment lines in @string and @preamble blocks, and when the comment scan runs at all."""

from __future__ import annotations

import bibtexparser
import pytest

from kg.ingest.references import bibtex
from kg.ingest.references.bibtex import parse_bibtex


@pytest.mark.parametrize("opening, closing", [("{", "}"), ("(", ")")])
def test_percent_line_inside_a_quoted_string_value_is_text(opening, closing):
    """A '%' line inside an @string's quoted value is part of it, as bibtexparser reads it: the string is
    defined and the entry's journal is its value, with no problem."""
    text = f'@string{opening}x = "Journal of\n% Things"{closing}\n@article{{k, title={{T}}, journal=x}}\n'
    refs, problems = parse_bibtex(text, "x.bib")
    assert [(r.id, r.container) for r in refs] == [("k", "Journal of % Things")] and problems == []
    assert [s.value for s in bibtexparser.parse_string(text).strings] == ["Journal of\n% Things"]


def test_percent_line_inside_a_quoted_preamble_is_text_and_braces_still_end_a_string():
    """A quoted @preamble keeps its '%' line (the preamble is not broken); in an @string{...} a '}' inside
    quotes still ends the block, as bibtexparser's splitter reads it, and a '%' line after it is a comment."""
    text = '@preamble{"a\n% b"}\n@article{k, title={T}, journal={J}}\n'
    refs, problems = parse_bibtex(text, "x.bib")
    assert [(r.id, r.container) for r in refs] == [("k", "J")] and problems == []
    text = '@string{x = "a}\n% @article{gone, title={Gone}}\n@article{k, title={T}}\n'
    refs, problems = parse_bibtex(text, "x.bib")
    assert [r.id for r in refs] == ["k"] and problems == []


def test_comment_scan_runs_only_when_a_line_starts_with_percent(monkeypatch):
    """A '%' that starts no line ("10\\%" in a title) leaves the text as it is without the line-by-line scan."""
    scans: list[str] = []

    class Recording:
        def __init__(self, pattern):
            self.pattern = pattern

        def finditer(self, string):
            scans.append(string)
            return self.pattern.finditer(string)

    monkeypatch.setattr(bibtex, "_SPLIT_MARK", Recording(bibtex._SPLIT_MARK))
    text = "".join(f"@article{{k{i}, title={{Up 10\\% in {i}}}, year={{2000}}}}\n" for i in range(50))
    assert bibtex._blank_comments(text) is text and scans == []
    refs, problems = parse_bibtex(text, "x.bib")
    assert len(refs) == 50 and refs[0].title == "Up 10% in 0" and problems == [] and scans == []
    assert bibtex._blank_comments(" \t% c\n" + text) == "\n" + text and scans
