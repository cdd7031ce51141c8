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


def test_percent_line_inside_a_field_value_is_text():
    """A line starting with '%' inside a braced or quoted value is part of the value (as BibTeX and biber read
    it), not a comment: the entry is read, the text kept; a '%' line between fields is still a comment."""
    text = dedent("""\
        @article{pct,
          title = {Percent line
        % kept in the title},
          note = "Of the patients, 45
        % were female.",
        % journal = {commented out {,
          year = {2003}
        }
        @article{after, title={After}, year={2004}}
        """)
    refs, problems = parse_bibtex(text, "x.bib")
    assert problems == []
    assert [(r.id, r.title, r.year, r.container) for r in refs] == [
        ("pct", "Percent line % kept in the title", 2003, ""), ("after", "After", 2004, "")]


def test_percent_line_after_an_unclosed_value_still_a_comment_once_a_new_entry_starts():
    """An unclosed brace does not make every later '%' line text: an entry start at a line start ends it,
    as bibtexparser reads it, so a commented-out entry after it is still no record."""
    text = "@article{open, title = {Never closed\n\n@article{b, title = {B}}\n% @article{c, title = {C}}\n"
    refs, problems = parse_bibtex(text, "x.bib")
    assert [r.id for r in refs] == ["b"] and [(p.kind, p.where.line) for p in problems] == [("broken-entry", 1)]


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


def test_same_key_repeated_on_one_line_gets_distinct_ids():
    """Three entries with one key on one line are three records with three ids, each renaming reported;
    a renamed id never takes a key another entry has."""
    text = ("@book{a, title={Alpha one}, year=2000} @book{a, title={Beta two}, year=2001} "
            "@book{a, title={Gamma three}, year=2002}\n@book{a#1, title={Delta}, year=2003}\n")
    refs, problems = parse_bibtex(text, "x.bib")
    assert [(r.id, r.title) for r in refs] == [
        ("a", "Alpha one"), ("a#1-2", "Beta two"), ("a#1-3", "Gamma three"), ("a#1", "Delta")]
    assert [(p.kind, p.where.line) for p in problems] == [("duplicate-key", 1), ("duplicate-key", 1)]
    assert "'a#1-2'" in problems[0].message and "'a#1-3'" in problems[1].message


def test_undefined_string_name_warned_and_kept_as_text():
    """A bare name no @string defines is kept as its text with a warning naming the entry and field;
    month names, numbers and defined names are not warned about."""
    text = dedent("""\
        @string{jr = "Journal of Repeats"}
        @string{full = jr # " " # nosuch}
        @article{a, journal = undefinedmacro, title = {A}, month = jan, year = 2000}
        @article{b, journal = jr, title = "B", year = 2001}
        """)
    refs, problems = parse_bibtex(text, "x.bib")
    assert [r.container for r in refs] == ["undefinedmacro", "Journal of Repeats"]
    assert [(p.kind, p.where.line, p.severity) for p in problems] == [
        ("undefined-string", 2, "warning"), ("undefined-string", 3, "warning")]
    assert "@string 'full'" in problems[0].message and "'nosuch'" in problems[0].message
    assert "entry 'a'" in problems[1].message and "'journal'" in problems[1].message
    assert "'undefinedmacro'" in problems[1].message


def test_unknown_crossref_warned():
    """A crossref to a key not in the file is a warning; the entry is read with its own fields."""
    refs, problems = parse_bibtex("@incollection{c, title = {Ch}, crossref = {missing}, year = 1999}\n", "x.bib")
    assert refs[0].year == 1999 and [p.kind for p in problems] == ["unknown-crossref"]


def test_mixed_encoding_lines_named_and_rest_kept(tmp_path):
    """A UTF-8 BibTeX file with two Windows-1252 lines is read whole; one warning names both lines."""
    path = tmp_path / "mixed.bib"
    path.write_bytes("@article{a, author = {Müller, J.}, title = {Über – “x”}}\n".encode()
                     + "@article{b, author = {Gödel, K.},\n  title = {Café – “y”}}\n".encode("cp1252")
                     + "@article{c, author = {Šimić, A.}, title = {Ζ}}\n".encode())
    listing = read_references(path)
    assert [r.authors[0].family for r in listing.references] == ["Müller", "Gödel", "Šimić"]
    assert listing.references[1].title == "Café – “y”"
    (problem,) = listing.problems
    assert (problem.kind, problem.severity, problem.where.line) == ("encoding", "warning", 2)
    assert problem.message.startswith("lines 2, 3 are not UTF-8 (byte 0xf6 in '{G?del,')")


def test_line_mixing_utf8_and_latin1():
    """One line holding both a UTF-8 sequence and a lone Latin-1 byte: each decoded as what it is."""
    from kg.ingest.text import decode_text

    text, problems = decode_text("TI  - Köln ".encode() + "Zürich".encode("latin-1") + b"\n", "x.ris")
    assert text == "TI  - Köln Zürich\n" and problems[0].where.line == 1


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"", "x.ris: the file is empty"), (b"  \n\n\t\n", "x.ris: the file is empty"),
     (b"TY  - JOUR\x00\x00\x00\x00\x01", r"x.ris: looks like a binary file \(NUL bytes\)"),
     (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "x.ris: is a PDF, not a text file"),
     (b"PK\x03\x04\x14\x00", "is a ZIP archive"),
     (bytes(range(1, 9)) * 50, "looks like a binary file")],
    ids=["empty", "blank", "nul-bytes", "pdf", "zip", "control-characters"],
)
def test_empty_and_binary_files(tmp_path, content, message):
    """Empty and binary files are clear errors naming the file."""
    path = tmp_path / "x.ris"
    path.write_bytes(content)
    with pytest.raises(InputError, match=message):
        read_references(path)


def test_utf16_export_read(tmp_path):
    """A UTF-16 export (with its byte-order mark) is text, not binary."""
    path = tmp_path / "endnote.ris"
    path.write_bytes("TY  - JOUR\r\nAU  - Müller, J.\r\nTI  - Ärger\r\nER  - \r\n".encode("utf-16"))
    listing = read_references(path)
    assert [(r.authors[0].family, r.title) for r in listing.references] == [("Müller", "Ärger")]
    assert listing.problems == ()


def test_ris_without_er_in_the_middle_and_at_the_end():
    """Records missing ER are kept and each reported at its TY line."""
    text = dedent("""\
        TY  - JOUR
        TI  - One
        ER  - 
        TY  - JOUR
        TI  - Two, no ER
        TY  - BOOK
        TI  - Three
        ER  - 
        TY  - JOUR
        TI  - Four, no ER at the end
        """)
    refs, problems = parse_ris(text, "x.ris")
    assert [r.title for r in refs] == ["One", "Two, no ER", "Three", "Four, no ER at the end"]
    assert [(p.kind, p.where.line) for p in problems] == [("missing-er", 4), ("missing-er", 9)]


def test_ris_tags_outside_records():
    """A tag before any TY and a second ER are warnings with their lines."""
    refs, problems = parse_ris("AU  - Stray, A.\nTY  - JOUR\nTI  - T\nER  - \nER  - \n", "x.ris")
    assert len(refs) == 1 and [(p.kind, p.where.line) for p in problems] == [("stray-line", 1), ("stray-line", 5)]


def test_ris_unreadable_year_warned_with_record_and_line():
    """A PY no year can be read from is kept as the date text, with a warning naming the record and
    the PY line; a date text that says there is no year yet ("in press") is not warned about."""
    text = ("TY  - JOUR\nID  - lee\nAU  - Lee, J.\nTI  - Odd year\nPY  - 20x9\nER  - \n"
            "TY  - JOUR\nAU  - Lee, J.\nTI  - Pending\nPY  - in press\nER  - \n")
    refs, problems = parse_ris(text, "x.ris")
    assert [(r.label, r.date_text) for r in refs] == [("Lee 20x9", "20x9"), ("Lee in press", "in press")]
    assert [(p.kind, p.where.line, p.severity) for p in problems] == [("bad-year", 5, "warning")]
    assert "record lee (line 1)" in problems[0].message and "'20x9'" in problems[0].message


def test_csl_json_broken_item_skipped_rest_read():
    """A broken item in a pretty-printed array is an error at its line; the items after it are read."""
    items = [{"id": "a", "title": "A"}, {"id": "b", "title": "B"}, {"id": "c", "title": "C"}]
    text = json.dumps(items, indent=2).replace('"id": "b",', '"id": "b"')  # a missing comma
    refs, problems = parse_csl_json(text, "x.json")
    assert [(r.id, r.source.line) for r in refs] == [("a", 2), ("c", 10)]
    assert [(p.kind, p.severity, p.where.line) for p in problems] == [("bad-json", "error", 6)]
    assert "Expecting ',' delimiter at line 8" in problems[0].message


def test_csl_json_unclosed_array_and_minified_error():
    """An unclosed array keeps the items read; a broken minified file keeps the items before the break."""
    refs, problems = parse_csl_json('[{"id": "a"},\n{"id": "b"}\n', "x.json")
    assert [r.id for r in refs] == ["a", "b"] and [p.kind for p in problems] == ["bad-json"]
    refs, problems = parse_csl_json('[{"id": "a"}, {"id": "b" "x": 1}, {"id": "c"}]', "x.json")
    assert [r.id for r in refs] == ["a"] and "rest of the file not read" in problems[0].message


def test_csl_json_nothing_readable_raises_with_line_and_column():
    """JSON with no readable item is an InputError naming file, line and column."""
    with pytest.raises(InputError, match=r"x\.json:2:6: not valid JSON"):
        parse_csl_json('[\n    {id: "a"}\n]', "x.json")
    with pytest.raises(InputError, match=r"x\.json: CSL-JSON must be a list of items, found str"):
        parse_csl_json('"just a string"', "x.json")


def test_csl_json_item_shapes():
    """Items that are not objects are errors; repeated ids kept apart; list-valued and raw-date fields read."""
    text = '[\n 7,\n {"id": "a", "container-title": ["J"], "issued": {"raw": "2004-10"}},\n {"id": "a"}\n]'
    refs, problems = parse_csl_json(text, "x.json")
    assert [(r.id, r.container, r.year) for r in refs] == [("a", "J", 2004), ("a#4", "", None)]
    assert [(p.kind, p.where.line) for p in problems] == [("bad-item", 2), ("duplicate-id", 4)]


def test_csl_json_item_without_id_never_takes_another_items_id():
    """An item with no id is numbered by its position unless another item has that number as its id."""
    refs, problems = parse_csl_json('[{"title": "A"}, {"id": "1", "title": "B"}, {"title": "C"}]', "x.json")
    assert [(r.id, r.title) for r in refs] == [("1-2", "A"), ("1", "B"), ("3", "C")] and problems == []


def test_cli_exit_codes_and_counts(runner, tmp_path):
    """Exit 1 only when nothing could be read, or with --strict on any problem; every failure counted."""
    good = tmp_path / "good.bib"
    good.write_text(GOOD, encoding="utf-8")
    broken = tmp_path / "broken.bib"
    broken.write_text("@article{a,\n  title = {Open,\n\n" + GOOD, encoding="utf-8")
    empty = tmp_path / "empty.ris"
    empty.write_bytes(b"")
    binary = tmp_path / "binary.ris"
    binary.write_bytes(b"\x00\x01\x02\x03" * 10)
    prose = tmp_path / "notes.txt"
    prose.write_text("This file holds no reference at all\n", encoding="utf-8")
    nothing = tmp_path / "strings.bib"
    nothing.write_text('@string{j = "J"}\n', encoding="utf-8")

    result = runner.invoke(main, ["refs", "parse", str(good), str(broken), str(empty), str(binary)])
    assert result.exit_code == 0
    assert "broken.bib:1: error: entry 'a' not read" in result.stderr
    assert "empty.ris: the file is empty" in result.stderr and "binary.ris: looks like a binary file" in result.stderr
    assert result.stderr.strip().endswith("2 record(s) read from 4 file(s); 3 error(s) (not read), 0 warning(s) "
                                          "(read, check them)")
    assert json.loads(result.stdout)[0]["id"] == "good.bib:good"  # several files: ids prefixed by the file name

    failed = runner.invoke(main, ["refs", "parse", str(empty), str(binary)])
    assert failed.exit_code == 1 and failed.stdout == ""  # no empty library printed as if it were an answer
    result = runner.invoke(main, ["refs", "parse", str(nothing)])
    assert result.exit_code == 1 and "no record could be read as bibtex" in result.stderr
    assert runner.invoke(main, ["refs", "parse", str(good), "--strict"]).exit_code == 0
    assert runner.invoke(main, ["refs", "parse", str(broken), "--strict"]).exit_code == 1
    result = runner.invoke(main, ["refs", "parse", str(prose)])
    assert result.exit_code == 0 and "1 warning(s)" in result.stderr
    assert runner.invoke(main, ["refs", "parse", str(prose), "--strict"]).exit_code == 1
    result = runner.invoke(main, ["refs", "parse", str(good), "--from", "ris"])
    assert result.exit_code == 1 and "no record could be read as ris" in result.stderr


def test_cli_mixed_encoding_warning_names_file_and_line(runner, tmp_path):
    """`kg refs parse` reads a RIS file with a Latin-1 line, names file and line, and fails only with --strict."""
    path = tmp_path / "legacy.ris"
    path.write_bytes(b"TY  - JOUR\nAU  - " + "Müller, J.".encode("latin-1") + b"\nTI  - Kept\nER  - \n")
    result = runner.invoke(main, ["refs", "parse", str(path), "--format", "ris"])
    assert result.exit_code == 0
    assert f"{path}:2: warning: line 2 is not UTF-8 (byte 0xfc in 'M?ller,')" in result.stderr
    assert "AU  - Müller, J." in result.stdout and "1 warning(s)" in result.stderr
    assert runner.invoke(main, ["refs", "parse", str(path), "--strict"]).exit_code == 1


def test_text_placed_in_no_field_is_reported(runner, tmp_path):
    """A line that is no part of a reference, joined to the one before as a wrapped line, stays with
    that record as leftover text and is reported as a note naming the entry and its line; short
    leftovers ("[Review]") and a clean list give no note."""
    path = tmp_path / "refs.txt"
    path.write_text("Lee, A. (2001). A first paper. Journal of Things, 3(2), 10-20.\n\n"
                    "Smith, J. (2001). A title of a paper. Journal of Things, 3(2), 10-20.\n"
                    "hello world this is not a reference at all really\n", encoding="utf-8")
    listing = read_references(path)
    assert [r.id for r in listing.references] == ["1", "2"]
    assert "hello world" in listing.references[1].leftover
    assert [(p.kind, p.severity, p.where.line) for p in listing.problems] == [("unplaced-text", "info", 3)]
    result = runner.invoke(main, ["refs", "parse", str(path), "--strict"])
    assert result.exit_code == 0  # a note, not a reading problem
    assert (f"{path}:3: info: entry 2: 'hello world this is not a reference at all really' was placed in no "
            "field") in result.stderr
    assert result.stderr.strip().endswith("0 warning(s) (read, check them), 1 note(s)")
    clean = tmp_path / "clean.txt"
    clean.write_text("Lee, A. (2001). A first paper [Review]. Journal of Things, 3(2), 10-20.\n", encoding="utf-8")
    assert read_references(clean).problems == ()


def test_csl_json_values_of_the_wrong_type_warned_and_rich_text_read():
    """CSL rich text (<i>, <span class="nocase">, entities) is read as plain text; a title that is an object,
    an author given as one string, a list of numbers for names: each a warning naming the item; ids,
    DOIs and URLs are kept exactly."""
    items = [
        {"id": "r&amp;d", "title": '<i>In vivo</i> &amp; <span class="nocase">mRNA</span>', "page": "5 – 9",
         "DOI": "10.1/a&amp;b", "author": [{"family": "Smith", "given": "J"}]},
        {"id": "obj", "title": {"text": "T"}, "author": "Smith, J., & Jones, K.", "issued": {"raw": "2018-03"}},
        {"id": "nums", "title": "N", "author": [1, 2], "editor": {"family": "Ed", "given": "A"}},
    ]
    refs, problems = parse_csl_json(json.dumps(items, indent=1), "x.json")
    assert [(r.id, r.title, r.pages, r.doi) for r in refs][0] == ("r&amp;d", "In vivo & mRNA", "5-9", "10.1/a&amp;b")
    assert [p.display for p in refs[1].authors] == ["Smith, J.", "Jones, K."] and refs[1].year == 2018
    assert [p.display for p in refs[2].editors] == ["Ed, A"]
    assert [(p.kind, p.where.line) for p in problems] == [("bad-value", 14), ("bad-value", 14), ("bad-value", 24)]
    assert "item obj: 'title' is an object, not text" in problems[0].message
    assert "item obj: 'author' is one string" in problems[1].message
    assert "item nums: 'author' holds entries that are neither name objects nor strings" in problems[2].message
    _, problems = parse_csl_json('[{"id": "t", "title": true, "volume": [null]}]', "x.json")
    assert [p.message.partition(", not text")[0] for p in problems] == [
        "item t: 'title' is true", "item t: 'volume' is an array with no string or number"]


def test_csl_json_editor_given_as_one_string_is_split_as_the_warning_says():
    """An editor given as one string is split into names like an author, as its warning says."""
    refs, problems = parse_csl_json('[{"id": "a", "title": "T", "editor": "Smith, J. and Jones, K."}]', "x.json")
    assert [p.display for p in refs[0].editors] == ["Smith, J.", "Jones, K."]
    assert [p.kind for p in problems] == ["bad-value"] and "'editor' is one string" in problems[0].message


def test_csl_json_minified_duplicate_ids_stay_distinct_and_deep_nesting_is_an_error():
    """A minified file (every item on line 1) repeating an id three times keeps three ids; an item nested
    thousands deep is an error naming its line, the items after it still read."""
    refs, problems = parse_csl_json(json.dumps([{"id": "a", "title": t} for t in "ABC"]), "x.json")
    assert [r.id for r in refs] == ["a", "a#1", "a#1-2"] and [p.kind for p in problems] == ["duplicate-id"] * 2
    assert [p.message for p in problems] == ["id a is used twice; item 2 is kept as a#1",
                                             "id a is used twice; item 3 is kept as a#1-2"]
    deep = '[\n  {"id": "deep", "note": ' + "[" * 100000 + "]" * 100000 + '},\n  {"id": "after", "title": "T"}\n]\n'
    refs, problems = parse_csl_json(deep, "x.json")
    assert [r.id for r in refs] == ["after"]
    assert [(p.kind, p.where.line, p.severity) for p in problems] == [("bad-json", 2, "error")]
    assert "nests arrays or objects too deeply" in problems[0].message
    with pytest.raises(InputError, match="nested too deeply"):
        parse_csl_json('{"id": "x", "note": ' + "[" * 100000 + "]" * 100000 + "}", "x.json")


def test_csl_json_item_nested_too_deeply_skipped_to_the_next_item_at_its_indentation():
    """Past an item nested too deeply, reading resumes at the next object at the item's own indentation,
    never at an object inside the deep item."""
    deep = ('[\n  {"id": "deep", "note": ' + "[" * 3000 + '\n      {"id": "inner", "title": "I"}\n' + "]" * 3000
            + '},\n  {"id": "b", "title": "B"}\n]\n')
    refs, problems = parse_csl_json(deep, "x.json")
    assert [(r.id, r.source.line) for r in refs] == [("b", 5)]
    assert [(p.kind, p.where.line) for p in problems] == [("bad-json", 2)]
    assert "skipped, the items after it read" in problems[0].message


def test_csv_export_with_its_own_column_names_is_detected_and_read(tmp_path):
    """A CSV export headed "Title","Authors","Publication Year","DOI" is read as a table (not as a printed
    list): columns matched by name, case and aliases ignored, rows numbered, the absent columns warned once."""
    path = tmp_path / "export.csv"
    path.write_text('"Title","Authors","Publication Year","DOI","Notes"\n'
                    '"Peer support","Smith, J.; Lee, K.",2019,10.1/x,kept\n"Hope","Brown, L.",2020,,\n',
                    encoding="utf-8")
    found = read_references(path)
    assert found.form == "csv"
    assert [(r.id, r.title, [p.family for p in r.authors], r.year, r.doi) for r in found.references] == [
        ("1", "Peer support", ["Smith", "Lee"], 2019, "10.1/x"), ("2", "Hope", ["Brown"], 2020, "")]
    assert dict(found.references[0].extra) == {"notes": "kept"}
    assert [(p.kind, p.severity, p.where.line) for p in found.problems] == [("missing-columns", "warning", 1)]
    assert "record_id, journal, volume, issue, pages" in found.problems[0].message


def test_csv_row_without_record_id_never_takes_another_rows_id():
    """A row with no record_id is numbered by its position unless another row has that number as its id;
    a repeated id is kept as id#line, never as an id another row has."""
    from kg.ingest.references.csvtable import parse_csv

    refs, problems = parse_csv("record_id,title\n,A\n1,B\n1,C\n1#4,D\n", "x.csv")
    assert [(r.id, r.title) for r in refs] == [("1-2", "A"), ("1", "B"), ("1#4-2", "C"), ("1#4", "D")]
    assert [(p.kind, p.where.line) for p in problems if p.kind != "missing-columns"] == [("duplicate-id", 4)]
    assert "record_id 1 is used twice; this record is kept as 1#4-2" in problems[-1].message


def test_csl_json_decodes_only_entities_ended_by_a_semicolon():
    """"&amp;" and "&deg;" are decoded; "&micro" in "Cell&microbiology" or a trailing "&deg" (HTML's legacy
    entities without ";") are text."""
    items = [{"id": "a", "title": "Cell&microbiology of degradation&deg", "container-title": "R&amp;D at 5&deg;C"}]
    refs, _ = parse_csl_json(json.dumps(items), "x.json")
    assert (refs[0].title, refs[0].container) == ("Cell&microbiology of degradation&deg", "R&D at 5°C")


def test_csv_column_named_twice_reads_the_real_column_not_an_alias():
    """Scopus ends its export with "Source" (= "Scopus"), an alias of journal as "Source title" is: the real
    column, else the alias first in the table, is read; the other is not (an empty "Number" never blanks
    "Issue"), with one warning for the file, not one a row."""
    from kg.ingest.references.csvtable import parse_csv

    refs, problems = parse_csv('Authors,Title,Year,Source title,Source,Number,Issue\n'
                               '"Smith, J.",A,2001,Journal of Stuff,Scopus,,3\n"Lee, K.",B,2002,J2,Scopus,,4\n',
                               "scopus.csv")
    assert [(r.container, r.issue) for r in refs] == [("Journal of Stuff", "3"), ("J2", "4")]
    assert all(r.extra == () for r in refs)
    duplicates = [(p.where.path, p.where.line, p.message) for p in problems if p.kind == "duplicate-column"]
    assert duplicates == [
        ("scopus.csv", 1, "the CSV header has 2 columns for journal ('Source title', 'Source'); 'Source title' is "
                          "read and 'Source' ignored"),
        ("scopus.csv", 1, "the CSV header has 2 columns for issue ('Number', 'Issue'); 'Issue' is read and 'Number' "
                          "ignored")]


def test_csv_page_range_given_as_two_columns_or_an_article_number():
    """Scopus and Web of Science export a page range as "Page start" / "Page end" (an online-only article
    has an "Art. No." instead): with no pages column they are read as the pages, and pages are not
    reported missing; a pages column, where there is one, wins."""
    from kg.ingest.references.csvtable import parse_csv

    refs, problems = parse_csv('Authors,Title,Year,Source title,Volume,Art. No.,Page start,Page end\n'
                               '"Smith J., Brown K.",A,2019,Psychiatric Services,70,,200,208\n'
                               '"Lee A.",B,2021,J Med Internet Res,23,e19345,,\n"Kim S.",C,2020,J3,4,,15,15\n',
                               "scopus.csv")
    assert [r.pages for r in refs] == ["200-208", "e19345", "15"]
    assert [r.label for r in refs] == ["Smith & Brown 2019", "Lee 2021", "Kim 2020"]
    (missing,) = [p.message for p in problems if p.kind == "missing-columns"]
    assert "pages" not in missing
    refs, _ = parse_csv("Title,Start Page,End Page,Pages\nA,1,9,3-4\nB,5,7,\n", "wos.csv")
    assert [r.pages for r in refs] == ["3-4", "5-7"]


def test_csl_json_lone_surrogate_is_mended_and_warned():
    """JSON's "\\ud83d" alone is half a character that no UTF-8 writer can hold: the item is kept with
    U+FFFD in its place and a warning naming it; a whole escaped pair is one character."""
    refs, problems = parse_csl_json('[\n{"id": "a", "title": "Bad \\ud83d half"},\n'
                                    '{"id": "b", "title": "Good \\ud83d\\ude00 pair"}\n]')
    assert [r.title for r in refs] == ["Bad \ufffd half", "Good \U0001F600 pair"]
    assert [(p.kind, p.where.line) for p in problems] == [("bad-character", 2)]


def test_an_unclosed_quote_in_a_csv_row_loses_no_record_after_it():
    """A quote left open on one row once took in the next row, whose record vanished: each line of such a row
    is read as its own row, with a warning naming the line, and a quoted line break that closes is kept."""
    from kg.ingest.references.csvtable import parse_csv

    text = ("record_id,author,title,year,journal,volume,issue,pages,doi\n"
            '1,"Smith, J.","A study\nof things",2020,J,1,1,1-10,\n'
            '2,"Lee, K.,Unclosed quote,2001,J,1,1,1-2,\n'
            "\n"
            '3,"Ng, K.",Third study here,2001,J,1,1,1-2,\n')
    refs, problems = parse_csv(text, "t.csv")
    assert [(r.id, r.title, r.source.line) for r in refs] == [
        ("1", "A study\nof things", 2), ("2", "", 4), ("3", "Third study here", 6)]
    unclosed = [p for p in problems if p.kind == "unclosed-quote"]
    assert [(p.severity, p.where.line) for p in unclosed] == [("warning", 4)]
    assert "lines 4-6 one row" in unclosed[0].message
    assert [p.where.line for p in problems if p.kind == "broken-row"] == [4]
    assert not [p for p in problems if p.kind == "empty-row"]  # the blank line 5 is no row
