"""Bad input for the structured readers: broken BibTeX blocks, RIS without ER,
broken JSON, mixed encodings, binary and empty files, and the CLI's exit codes."""

from __future__ import annotations

import json
import re
from textwrap import dedent

import pytest

from kg.cli import main
from kg.errors import InputError
from kg.ingest.references import read_references
from kg.ingest.references.bibtex import parse_bibtex
from kg.ingest.references.csljson import parse_csl_json
from kg.ingest.references.ris import parse_ris

GOOD = "@article{good, author = {Lee, A.}, title = {Still read}, year = {2001}}\n"


def entry_block_lines(text: str) -> list[int]:
    """Lines starting an entry block, counted without bibtexparser: '@type{' or
    '@type(' at a line start (blanks and a byte-order mark allowed before it),
    other than @string, @preamble and @comment; '%' lines are comments."""
    lines = []
    for n, line in enumerate(text.split("\n"), start=1):
        match = re.match(r"^[ \t\ufeff]*@[ \t]*(\w+)[ \t]*[{(]", line)
        if match and match.group(1).lower() not in ("string", "preamble", "comment"):
            lines.append(n)
    return lines


def reconcile(text: str) -> tuple[list[int], list[int], list[int]]:
    """(entry block lines, record lines, broken-entry lines) for one BibTeX text."""
    refs, problems = parse_bibtex(text, "x.bib")
    broken = [p.where.line for p in problems if p.kind == "broken-entry"]
    return entry_block_lines(text), [r.source.line for r in refs], broken


@pytest.mark.shared
def test_bibliotex_no_entry_lost(shared_dir):
    """Every entry block of bibliotex_all.bib is a record or a broken-entry problem at its line, exactly once."""
    path = shared_dir / "data" / "bibtex" / "bibliotex_all.bib"
    text = path.read_text(encoding="utf-8")
    blocks, records, broken = reconcile(text)
    assert len(blocks) == 2822  # two start after a byte-order mark left by concatenating files
    assert len(records) + len(broken) == len(blocks)
    assert sorted(records + broken) == blocks
    refs, problems = parse_bibtex(text, str(path))
    kinds = sorted({p.kind for p in problems})
    assert kinds == ["duplicate-field", "duplicate-key"]
    by_id = {r.id: r for r in refs}
    # Entries with commented-out fields holding an unbalanced brace, a missing '=', a stray '@article{' line.
    assert by_id["1990-Cayless-ASMH-2"].container.startswith("Properties and Selection")
    assert by_id["1978-Holcomb-SUSSP-19-251"].pages == "251-284"
    assert by_id["arXiv:2507.03785"].type == "webpage"
    assert by_id["maxima"].source.line == 7370  # not the copy commented out with '% @electronic{maxima,' above it
    assert by_id["1981-Pinski-PRB-23-5080#20347"].source.line == 20347


BROKEN_SHAPES = {
    "unclosed-brace": ("@article{a,\n  title = {Open,\n  year = {2000}\n\n", 1),
    "unclosed-quote": ('@article{a,\n  title = "Open,\n  year = {2000}\n}\n\n', 1),
    "missing-equals": ("@article{a,\n  title {A},\n  year = {2000}\n}\n\n", 1),
}


@pytest.mark.parametrize(("text", "line"), BROKEN_SHAPES.values(), ids=BROKEN_SHAPES.keys())
def test_broken_bibtex_entry_reported_and_next_read(text, line):
    """A broken entry is a broken-entry error at its line and the entry after it is still read."""
    blocks, records, broken = reconcile(text + GOOD)
    assert broken == [line]
    assert len(records) == 1 and sorted(records + broken) == blocks
    refs, problems = parse_bibtex(text + GOOD, "x.bib")
    assert refs[0].title == "Still read"
    assert "x.bib" in str(problems[0].where) and problems[0].severity == "error"


def test_entry_type_without_brace_reported():
    """'@article' with no brace after it is no block to bibtexparser (it is comment text); it is still reported."""
    refs, problems = parse_bibtex("@article a, title = {A}\n\n" + GOOD, "x.bib")
    assert [r.id for r in refs] == ["good"]
    assert [(p.kind, p.where.line) for p in problems] == [("broken-entry", 1)]


def test_broken_entry_at_end_of_file():
    """An unclosed entry at the end of the file is reported, the entries before it kept."""
    refs, problems = parse_bibtex(GOOD + "\n@article{last,\n  title = {Never closed\n", "x.bib")
    assert [r.id for r in refs] == ["good"]
    assert [(p.kind, p.where.line) for p in problems] == [("broken-entry", 3)]
    assert "'last'" in problems[0].message and "end of file" in problems[0].message


COMMENT_SHAPES = {
    "unbalanced-brace-in-comment": "   %eprint = {https://x.org/a.pdf\",\n",
    "missing-equals-in-comment": "   %volume \"19\",\n",
    "entry-start-in-comment": "%@article{a,\n",
    "comment-without-comma": "   % 12th Conference, Zurich, August 24–28\n   % note = \"(Suppl. 2)\"\n",
}


@pytest.mark.parametrize("comment", COMMENT_SHAPES.values(), ids=COMMENT_SHAPES.keys())
def test_percent_comment_lines_inside_entries(comment):
    """A '%' line inside an entry is a comment: the entry and its other fields are read."""
    text = "@online{a,\n" + comment + "   title = {Kept},\n   year = {2020},\n}\n\n" + GOOD
    blocks, records, broken = reconcile(text)
    assert broken == [] and records == blocks
    refs, problems = parse_bibtex(text, "x.bib")
    assert [(r.id, r.title, r.year) for r in refs][0] == ("a", "Kept", 2020)
    assert problems == []


def test_commented_out_entry_is_not_a_record():
    """A whole entry commented out with '%' is neither a record nor a problem."""
    text = "% @electronic{maxima,\n% author = {Maxima},\n% year = {2023},\n% }\n\n@misc{maxima, title = {M}}\n"
    refs, problems = parse_bibtex(text, "x.bib")
    assert [(r.id, r.source.line) for r in refs] == [("maxima", 6)] and problems == []


def test_byte_order_mark_before_an_entry():
    """Files concatenated with their byte-order marks: the entry after a BOM is read at its line."""
    text = GOOD + "\n\ufeff@article{second, title = {Second}}\n"
    blocks, records, broken = reconcile(text)
    assert blocks == records == [1, 3]


def test_recovered_entries_warned_and_kept():
    """Duplicate keys, repeated fields, missing keys and commas are warnings on records that are kept."""
    text = dedent("""\
        @string{jr = "Journal of Repeats"}
        @article{dup, title = {First}, year = 2001}
        @article{dup, title = {Second}, year = 2002}
        @article{rep, title = {Kept}, title = {Dropped}, journal = jr}
        @article{, title = {No key}}
        @article{comma,
          title = {Runs on}
          year = {2003}
        }
        """)
    refs, problems = parse_bibtex(text, "x.bib")
    assert [r.id for r in refs] == ["dup", "dup#3", "rep", "line5", "comma"]
    assert refs[2].title == "Kept" and refs[2].container == "Journal of Repeats"
    assert [(p.kind, p.where.line, p.severity) for p in problems] == [
        ("duplicate-key", 3, "warning"), ("duplicate-field", 4, "warning"), ("missing-key", 5, "warning"),
        ("missing-comma", 6, "warning")]
    assert "first at line 2" in problems[0].message and "title" in problems[1].message
    assert "year" in problems[3].message


def test_unknown_crossref_warned():
    """A crossref to a key not in the file is a warning; the entry is read with its own fields."""
    refs, problems = parse_bibtex("@incollection{c, title = {Ch}, crossref = {missing}, year = 1999}\n", "x.bib")
    assert refs[0].year == 1999 and [p.kind for p in problems] == ["unknown-crossref"]
