"""Review of the structured readers and writers: inputs that were read wrong, each a regression test."""

from __future__ import annotations

import pytest

from kg.errors import InputError
from kg.ingest.references import detect_form, parse_references, read_references
from kg.ingest.references.bibtex import parse_bibtex, split_bibtex_names
from kg.ingest.references.csljson import parse_csl_json
from kg.ingest.references.csvtable import parse_csv
from kg.ingest.references.export import to_bibtex, to_csl_json, to_ris
from kg.ingest.references.latex import decode_latex
from kg.ingest.references.ris import parse_ris
from kg.model import Person, Reference, SourceLocation


def test_stacked_accents_keep_every_mark():
    """Vietnamese and other doubly accented letters keep both accents (\\~{\\^{e}} is "ễ")."""
    assert decode_latex(r"Nguy\~{\^{e}}n") == "Nguyễn"
    assert decode_latex(r"Nguy\~{\^e}n") == "Nguyễn"
    assert decode_latex(r"B\d{\^{a}}c and \'{\^e}") == "Bậc and ế"
    assert decode_latex(r"\'\"u") == "ǘ"


def test_dotless_i_swallows_the_space_after_it():
    """``\\i`` is a control word: like LaTeX, the space after it ends the command and is no text."""
    assert decode_latex(r"Mart\'\i nez") == "Martínez"
    assert decode_latex(r"na\"\i ve") == "naïve"
    assert decode_latex(r"Mart\'{\i}nez and Mart\'\i{}nez, \'\i\ x") == "Martínez and Martínez, í x"


def test_braced_family_name_in_first_last_order_is_kept_whole():
    """"Gabriel {García Márquez}": the braced group is one word, the family name, as BibTeX reads it."""
    people, _ = split_bibtex_names(r"Gabriel {Garc\'ia M\'arquez} and Ludwig {van Beethoven} and "
                                   r"A. {World Health} Organization")
    assert [(p.family, p.given) for p in people] == [("García Márquez", "Gabriel"), ("van Beethoven", "Ludwig"),
                                                     ("Organization", "A. World Health")]
    refs, _ = parse_bibtex(r"@book{a, author = {Gabriel {Garc\'ia M\'arquez}}, title = {Cien a{\~n}os}}")
    assert refs[0].authors[0].family == "García Márquez" and refs[0].title == "Cien años"


def test_doubled_or_dangling_and_makes_no_author_of_the_word_and():
    """A typo'd "and and", or an "and" at either end of the list, is no name (BibTeX skips the empty one)."""
    for value in ("Smith, J. and  and Doe, K.", "Smith, J. and\nand Doe, K.", "and Smith, J. and Doe, K. and",
                  "{Smith}, J. and and Doe, K."):
        people, _ = split_bibtex_names(value)
        assert [(p.family, p.given) for p in people] == [("Smith", "J."), ("Doe", "K.")], value


SICI = "10.1002/(SICI)1097-4571(199806)49:8<693::AID-ASI4>3.0.CO;2-0"


def test_ris_doi_tag_keeps_a_sici_doi_whole():
    """Wiley's SICI DOIs hold "<" and ">": the DO tag is the DOI itself, never cut at the "<"."""
    refs, _ = parse_ris(f"TY  - JOUR\nTI  - T\nDO  - {SICI}\nER  - \n")
    assert refs[0].doi == SICI
    refs, _ = parse_ris(f"TY  - JOUR\nTI  - T\nDO  - https://doi.org/{SICI}\nER  - \n")
    assert refs[0].doi == SICI
    refs, _ = parse_ris("TY  - JOUR\nTI  - T\nDO  - <https://doi.org/10.1000/xyz>\nER  - \n")
    assert refs[0].doi == "10.1000/xyz"
    ref = Reference(id="k", type="article-journal", title="T", doi=SICI, source=SourceLocation("x", 1))
    assert parse_ris(to_ris([ref]))[0][0].doi == SICI


def test_missing_comma_between_fields_on_one_line_is_warned():
    """``title = {T} year = 2004`` on one line runs the year into the title: warned, as on two lines;
    an "=" inside a braced title is text, no warning."""
    for text in ("@article{a, title = {T} year = 2004}", '@article{a, title = "T" year = {2004}}',
                 "@article{a, title = {A} # {B} year = 2004, volume = 1}"):
        _, problems = parse_bibtex(text, "x.bib")
        assert [(p.kind, p.where.line) for p in problems] == [("missing-comma", 1)], text
        assert "'title' runs into 'year = ...'" in problems[0].message
    refs, problems = parse_bibtex("@article{a, title = {Let {$x$} y = 3}, note = {{A} b = c}}", "x.bib")
    assert refs[0].title == "Let x y = 3" and problems == []


def test_csl_json_date_parts_variants_are_read_or_warned():
    """A flat ``date-parts`` list or a float year is read; a date with no readable year is a warning
    naming the item, never dropped unseen."""
    items = ('[{"id": "flat", "issued": {"date-parts": [2004, 10]}},\n'
             ' {"id": "float", "issued": {"date-parts": [[2004.0]]}},\n'
             ' {"id": "dashed", "issued": {"date-parts": [["2004-10-15"]]}},\n'
             ' {"id": "bad", "issued": {"date-parts": [[null]]}},\n'
             ' {"id": "none", "issued": {}}]')
    refs, problems = parse_csl_json(items, "x.json")
    assert [(r.id, r.year) for r in refs] == [("flat", 2004), ("float", 2004), ("dashed", 2004), ("bad", None),
                                              ("none", None)]
    assert [(p.kind, p.where.line) for p in problems] == [("bad-date", 4)]
    assert "item bad" in problems[0].message and "date-parts" in problems[0].message


def test_crossref_matches_its_parent_key_in_any_case():
    """BibTeX looks keys up without regard to case: ``crossref = {Proc2004}`` finds ``@proceedings{proc2004``."""
    refs, problems = parse_bibtex("@inproceedings{child, crossref = {Proc2004}, title = {Child}}\n"
                                  "@proceedings{proc2004, title = {Proceedings}, year = 2004, publisher = {ACM}}\n")
    assert (refs[0].container, refs[0].year, refs[0].publisher) == ("Proceedings", 2004, "ACM") and problems == []


def test_semicolon_and_tab_separated_tables_are_read_as_csv(tmp_path):
    """Excel in many locales writes ";" between cells, and many exports are tab-separated: both are
    tables, detected and read by their header (never taken for a printed reference)."""
    for sep in (";", "\t"):
        path = tmp_path / "refs.csv"
        path.write_text(f'Title{sep}Authors{sep}Year{sep}DOI\n"A study, with a comma"{sep}"Smith, J.; Lee, K."{sep}'
                        f"2004{sep}10.1/x\n", encoding="utf-8")
        listing = read_references(path)
        assert listing.form == "csv", repr(sep)
        [ref] = listing.references
        assert (ref.title, ref.year, ref.doi) == ("A study, with a comma", 2004, "10.1/x")
        assert [p.family for p in ref.authors] == ["Smith", "Lee"]
    assert detect_form("Smith, J. (2004). Title; a study. Journal, 1, 2-3.\n") == "text"


def test_zotero_csv_item_type_url_editor_and_place_are_read(tmp_path):
    """Zotero's CSV export names the type of each item ("bookSection") and gives its link, editors and
    place: all read, so a chapter is written back as a chapter with its URL."""
    path = tmp_path / "zotero.csv"
    path.write_text('"Key","Item Type","Publication Year","Author","Title","Publication Title","Url","Place",'
                    '"Publisher","Editor","Edition"\n'
                    '"K1","bookSection","2010","Smith, John","A chapter","The Book","https://x.org/c","New York",'
                    '"Wiley","Doe, Jane; Roe, Rick","2"\n'
                    '"K2","conferencePaper","2011","Lee, Ann","A paper","Proc. X","","","","",""\n', encoding="utf-8")
    refs = read_references(path).references
    assert [(r.id, r.type) for r in refs] == [("K1", "chapter"), ("K2", "paper-conference")]
    chapter = refs[0]
    assert (chapter.url, chapter.place, chapter.edition) == ("https://x.org/c", "New York", "2")
    assert [p.family for p in chapter.editors] == ["Doe", "Roe"]
    bib = to_bibtex([chapter])
    assert bib.startswith("@incollection{K1,") and "booktitle = {The Book}" in bib and "url = {https://x.org/c}" in bib


def test_csv_rows_with_no_cell_filled_are_skipped_and_counted():
    """Spreadsheets leave rows of bare commas at the end of a table: no empty records, one note counting them."""
    refs, problems = parse_csv("record_id,title,author,year\n1,A title,Lee,2001\n,,,\n2,B title,Kim,2002\n,,,\n"
                               ' , ,"",\n', "x.csv")
    assert [r.id for r in refs] == ["1", "2"]
    notes = [p for p in problems if p.kind == "empty-row"]
    assert [(p.severity, p.where.line) for p in notes] == [("info", 3)]
    assert "3 row(s)" in notes[0].message and "lines 3, 5, 6" in notes[0].message


def test_csl_json_wrapper_object_is_not_taken_for_one_empty_item():
    """``{"references": [...]}`` holds the items under another name: they are read, never one empty record;
    an object that is neither an item nor holds a list of them is a clear error."""
    refs, _ = parse_csl_json('{"references": [{"id": "a", "title": "T"}, {"id": "b", "title": "U"}]}', "x.json")
    assert [(r.id, r.title) for r in refs] == [("a", "T"), ("b", "U")]
    refs, _ = parse_csl_json('{"id": "a", "title": "T", "note": ["x"]}', "x.json")  # one item, as before
    assert [(r.id, r.title) for r in refs] == [("a", "T")]
    with pytest.raises(InputError, match=r"x\.json: .*'version'.*not a CSL-JSON item"):
        parse_csl_json('{"version": 1}', "x.json")


def test_bibtex_identifier_keeps_the_braces_the_writer_escaped():
    """A DOI or link holding braces is written with them escaped and read back whole; braces that only
    protect the value (``doi = {{10.1/x}}``) still go."""
    ref = Reference(id="k", type="article-journal", title="T", doi="10.1000/a{b}c", url="https://x.org/?q={1}",
                    source=SourceLocation("x", 1))
    [back], _ = parse_bibtex(to_bibtex([ref]))
    assert (back.doi, back.url) == ("10.1000/a{b}c", "https://x.org/?q={1}")
    [read], _ = parse_bibtex(r"@article{k, doi = {{10.1000/a\_b}}, url = {http://x.org/\%7Euser}}")
    assert (read.doi, read.url) == ("10.1000/a_b", "http://x.org/%7Euser")


def test_csv_text_with_a_byte_order_mark_before_a_quoted_header_is_read():
    """Text handed over with its byte-order mark (not decoded from a file) still has a header: the mark
    before the first quote does not hide the title column."""
    listing = parse_references('\ufeff"Title","Author","Year"\n"T","Smith, J.","2004"\n')
    assert listing.form == "csv" and [(r.title, r.year) for r in listing.references] == [("T", 2004)]


def test_bibtex_writer_keeps_a_family_name_with_no_given_name_whole():
    """Mendeley writes organisations as ``{"family": "World Health Organization"}``: BibTeX would read the
    unbraced words as "Organization, World Health"; braced, the name comes back whole."""
    refs, _ = parse_csl_json('[{"id": "a", "title": "T", "author": [{"family": "World Health Organization"}, '
                             '{"family": "García Márquez"}, {"family": "Smith", "given": "J."}]}]', "x.json")
    [back], problems = parse_bibtex(to_bibtex(refs))
    assert [p.display for p in back.authors] == ["World Health Organization", "García Márquez", "Smith, J."]
    assert problems == []


def test_bibtex_field_with_no_name_is_warned_not_dropped_unseen():
    """``year = 2004`` typed as ``= 2004`` has no field name: its value can go nowhere, and a warning says so."""
    refs, problems = parse_bibtex("@article{a,\n  title = {T},\n  = 2004}\n", "x.bib")
    assert refs[0].title == "T"
    assert [(p.kind, p.where.line) for p in problems] == [("nameless-field", 1)]
    assert "'2004'" in problems[0].message and "entry 'a'" in problems[0].message
