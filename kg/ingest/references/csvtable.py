"""CSV reference tables: one record per row (the layout of the dedup benchmarks).

Columns: ``record_id, author, title, year, journal, volume, issue, pages,
doi`` (required) and any others (``raw``, ``abstract``, ``isbn``,
``booktitle``, ``entry_type``...), kept in ``Reference.extra``.  A
``cluster_id`` column (a gold label) is never read into the records.
``url``, ``editor``, ``place`` and ``edition`` are read too, and Zotero's
``Item Type`` as the type.  Cells are separated by commas, or by the ";" or
tabs the header shows; rows with no cell filled are skipped, with one note.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from typing import Any
from pathlib import Path

from kg.errors import InputError
from kg.ingest.references.common import distinct_ids
from kg.ingest.text import read_text_lenient
from kg.model import Person, Problem, Reference, SourceLocation

#: The columns a reference table has (those of the labelled dedup sets); only ``title`` is required.
COLUMNS = ("record_id", "author", "title", "year", "journal", "volume", "issue", "pages", "doi")
REQUIRED = ("title",)
#: Other names exports give the columns (Zotero, EndNote, Rayyan, Covidence, Scopus...), after
#: :func:`column_name` has lower-cased them and turned spaces and dashes into "_".
_ALIASES = {
    "id": "record_id", "key": "record_id", "citation_key": "record_id", "record": "record_id", "ref_id": "record_id",
    "authors": "author", "author_s": "author", "author(s)": "author", "creator": "author", "creators": "author",
    "article_title": "title", "document_title": "title", "publication_year": "year", "pub_year": "year",
    "journal_title": "journal", "source_title": "journal", "publication_title": "journal",
    "container_title": "journal", "secondary_title": "journal", "source": "journal", "number": "issue",
    "page": "pages", "page_range": "pages", "pagination": "pages", "item_type": "entry_type", "link": "url",
    "editors": "editor",
}
#: Exports that give a page range as two columns (Scopus "Page start" / "Page end", Web of Science "Start
#: Page" / "End Page"), and the article number of an online-only journal (Scopus "Art. No."), read as
#: ``pages`` when the table has no pages column.
_PAGE_ENDS = (("page_start", "page_end"), ("start_page", "end_page"), ("beginning_page", "ending_page"))
_ARTICLE_NUMBERS = ("art._no.", "article_number")
#: When several header cells name one column, the column's own name is read, else the alias first here.
_ALIAS_RANK = {alias: n for n, alias in enumerate(_ALIASES, start=1)}
_GOLD = frozenset({"cluster_id"})
_INITIALS = re.compile(r"^(?:[A-Z]\.?-?\s*){1,4}$")
_TYPES = {"article": "article-journal", "inproceedings": "paper-conference", "incollection": "chapter",
          "book": "book", "techreport": "report", "phdthesis": "thesis", "mastersthesis": "thesis",
          # Zotero's item types (its "Item Type" column), lower-cased
          "journalarticle": "article-journal", "booksection": "chapter", "conferencepaper": "paper-conference",
          "thesis": "thesis", "report": "report", "webpage": "webpage", "manuscript": "manuscript",
          "magazinearticle": "article-magazine", "newspaperarticle": "article-newspaper", "preprint": "article",
          "blogpost": "post-weblog", "dataset": "dataset", "computerprogram": "software", "patent": "patent",
          "encyclopediaarticle": "entry-encyclopedia", "dictionaryentry": "entry-dictionary",
          "document": "article"}


_SUFFIX = re.compile(r"^(?:jr|sr|ii|iii|iv)\.?$", re.I)
_HAS_INITIAL = re.compile(r"(?:^|\s)[A-Z]\.")
_GIVEN_INITIALS = re.compile(r"^[A-Z][a-z]+(?:\s+[A-Z]\.)+$")  # "David W."
_AND = re.compile(r"\s*,?\s+(?:and|&)\s+")  # "A and B", "A, and B" (serial comma), "A & B", "A, & B"
_END_STOP = re.compile(r"(?<=[a-z]{2})\.$")  # the full stop after "... and Tom Rodden.", not "Jr." or "D."


def _person(piece: str) -> Person:
    """One name in any order: "Surname, Given", "Surname F. M.", "F. M. Surname", "Given Surname".

    >>> [_person(n).display for n in ("S. E. Fahlman", "van Roggen W", "Smith J", "Tom Rodden", "Lucas, Jr., H.")]
    ['Fahlman, S. E.', 'van Roggen, W', 'Smith, J', 'Rodden, Tom', 'Lucas, H., Jr.']
    """
    piece = re.sub(r"^(?:and|&)\s+", "", piece.strip()).strip(" ,;")
    if "," in piece:
        family, _, given = piece.partition(",")
        given, _, suffix = given.partition(",")
        if _SUFFIX.match(given.strip()) and suffix.strip():
            given, suffix = suffix, given  # BibTeX's "Lucas, Jr., Henry C."
        if suffix.strip() and not _SUFFIX.match(suffix.strip()):
            given, suffix = f"{given} {suffix}", ""
        return Person(family.strip(), given.strip(), suffix=suffix.strip())
    words = piece.split()
    if len(words) < 2:
        return Person(piece)
    for cut in range(1, len(words)):  # trailing initials, the longest run: "Smith J", "van Roggen W"
        if _INITIALS.match(" ".join(words[cut:])):
            return Person(" ".join(words[:cut]), " ".join(words[cut:]))
    for cut in range(len(words) - 1, 0, -1):  # leading initials, the longest run: "S. E. Fahlman"
        if _INITIALS.match(" ".join(words[:cut])):
            return Person(" ".join(words[cut:]), " ".join(words[:cut]))
    return Person(words[-1], " ".join(words[:-1]))


def _single_inverted(text: str, strict: bool = True) -> bool:
    """Whether a one-comma field is one "Surname, Given" name ("Wright, V C",
    "Yip, Chi Bun", "Veyradier,") rather than a list of two ("M. Ahlskog, J. Paloheimo").

    Not ``strict`` (a piece of a BibTeX-style "and" list), any one-comma piece is one name.
    """
    pieces = [p.strip() for p in text.split(",")]
    if len(pieces) == 3 and _SUFFIX.match(pieces[2]):
        pieces = pieces[:2]  # "Pellerito, Joseph M., Jr."
    elif len(pieces) == 3 and _SUFFIX.match(pieces[1]):
        pieces = [pieces[0], pieces[2]]  # BibTeX's "Lucas, Jr., Henry C."
    if len(pieces) != 2:
        return False
    family, given = pieces
    words = family.split()
    if not strict:
        return True
    if _HAS_INITIAL.search(family) or len(words) > 3 or (len(words) > 1 and _INITIALS.match(words[-1])):
        return False  # "M. Ahlskog, ..." or "Kaplan BS, ..."
    return len(given.split()) <= 3


def _comma_names(names: list[str]) -> list[Person]:
    """The people of a comma-separated list, a surname and the given names after it read as one
    ("Benford, S., Bowers, J.", "Aha, D. W., D. Kibler", "Aha, David W., Dennis Kibler", "Kaplan BS, Meyers KE")."""
    people: list[Person] = []
    start = 0
    while start < len(names):
        stop, name = start + 1, names[start]
        if stop < len(names) and not _HAS_INITIAL.match(name) and (
                _INITIALS.match(names[stop]) or " " not in name and _GIVEN_INITIALS.match(names[stop])):
            stop += 2 if stop + 1 < len(names) and _SUFFIX.match(names[stop + 1]) else 1
        people.append(_person(", ".join(names[start:stop])))
        start = stop
    return people


def _list_part(part: str, parts: list[str]) -> list[Person]:
    """The people in ``part``, one of the ``parts`` of an author field cut at "and" and "&"."""
    names = [n.strip() for n in part.split(",") if n.strip()]
    if len(names) < 2:
        return [_person(part)]
    if len(parts) == 2 and "," not in parts[1] and all(len(n.split()) > 1 and not _INITIALS.match(n) for n in names):
        return [_person(n) for n in names]  # "Steve Benford, John Bowers, and Tom Rodden"
    bibtex = len(parts) > 1 and not _HAS_INITIAL.match(parts[0])  # "Smith, John and Yip, Chi Bun"
    if _single_inverted(part, strict=not bibtex):
        return [_person(part)]
    return _comma_names(names)


def split_authors(text: str) -> tuple[Person, ...]:
    """Split an author field in any of the usual export shapes.

    Examples:
        >>> [p.display for p in split_authors("Zuna, R E and Wang, S S")]
        ['Zuna, R E', 'Wang, S S']
        >>> [p.display for p in split_authors("Adeli K.; Lewis G. F.")]
        ['Adeli, K.', 'Lewis, G. F.']
        >>> [p.display for p in split_authors("M. Ahlskog, J. Paloheimo and M.R. Andersson")]
        ['Ahlskog, M.', 'Paloheimo, J.', 'Andersson, M.R.']
        >>> [p.display for p in split_authors("Heiland, H.")], [p.display for p in split_authors("Yip, Chi Bun")]
        (['Heiland, H.'], ['Yip, Chi Bun'])
        >>> [p.display for p in split_authors("Chiang, Y.-H.; and Jane, W.-J.")]
        ['Chiang, Y.-H.', 'Jane, W.-J.']
        >>> [p.display for p in split_authors("Kaplan BS, Meyers KE, Schulman SL")]
        ['Kaplan, BS', 'Meyers, KE', 'Schulman, SL']
        >>> [p.display for p in split_authors("Wright, V C")]
        ['Wright, V C']
        >>> [p.display for p in split_authors("Pellerito, Joseph M., Jr.")]
        ['Pellerito, Joseph M., Jr.']
        >>> [p.display for p in split_authors("Smith, J., Jones, K., & Brown, L.")]
        ['Smith, J.', 'Jones, K.', 'Brown, L.']
        >>> [p.display for p in split_authors("Steve Benford, John Bowers, and Tom Rodden.")]
        ['Benford, Steve', 'Bowers, John', 'Rodden, Tom']
    """
    text = _END_STOP.sub("", text.strip().rstrip(",;"))
    if not text:
        return ()
    if ";" in text:
        people = [_person(p) for p in text.split(";") if p.strip()]
    else:
        parts = [p for p in _AND.split(text) if p.strip(" ,")]
        people = [person for part in parts for person in _list_part(part.strip(" ,"), parts)]
    return tuple(p for p in people if p.family or p.literal)


_THESIS = re.compile(r"(?i)\b(?:ph\.?\s?d|thesis|dissertation|doctoral)\b")
_REPORT = re.compile(r"(?i)\b(?:tech(?:nical)?\.?\s*(?:rep|report|memo|note)|report|TR)\b")


def record_type(values: dict[str, str]) -> str:
    """The CSL type of a row: its ``entry_type``, else what its ``type``/``tech`` cells say.

    >>> record_type({"entry_type": "inproceedings"})
    'paper-conference'
    >>> record_type({"type": "PhD thesis"}), record_type({"tech": "Technical Report CMU-CS-90-100"})
    ('thesis', 'report')
    """
    entry = values.get("entry_type", "").lower()
    if entry in _TYPES:
        return _TYPES[entry]
    note = f"{values.get('type', '')} {values.get('tech', '')}"
    if _THESIS.search(note):
        return "thesis"
    if _REPORT.search(note):
        return "report"
    return "article-journal"


def _lines(text: str) -> Iterator[str]:
    """The lines of ``text`` with their ends, one at a time.

    ``io.StringIO`` would hold a second, four-bytes-a-character copy of the
    whole table (about 1.5 GB for a million records).
    """
    start, end = 0, len(text)
    while start < end:
        stop = text.find("\n", start)
        stop = end if stop < 0 else stop + 1
        yield text[start:stop]
        start = stop


def column_name(name: str) -> str:
    """A header cell as kg names the column: case, spaces and dashes ignored, usual aliases mapped.

    >>> [column_name(n) for n in ("Title", " Authors ", "Publication Year", "DOI", "record_id", "Notes")]
    ['title', 'author', 'year', 'doi', 'record_id', 'notes']
    """
    name = _unaliased(name)
    return _ALIASES.get(name, name)


def _unaliased(name: str) -> str:
    """A header cell lower-cased, its spaces and dashes "_" (before the aliases are mapped)."""
    return re.sub(r"[\s-]+", "_", name.strip().lstrip("\ufeff").lower())


#: The cell delimiters a table may use: "," and the ";" of Excel in many locales, and tabs.
_DELIMITERS = (",", ";", "\t")


def delimiter(header: str) -> str:
    """The delimiter of a table: the one whose cells in the header line name the most of :data:`COLUMNS`
    (a comma when none does better).

    >>> delimiter("Title;Authors;Year"), delimiter("title\\tauthor"), delimiter('"Title","Notes; more"')
    (';', '\\t', ',')
    """
    first = header.split("\n", 1)[0]

    def known(sep: str) -> int:
        return sum(column_name(cell.strip().strip('"')) in COLUMNS for cell in first.split(sep))

    return max(_DELIMITERS, key=lambda sep: (known(sep), sep == ","))


def _read_columns(cells: list[str], path: str) -> tuple[list[str], set[str], list[Problem]]:
    """The name each header cell is read as, those of the cells not read, and a warning for each column
    several cells name ("Source title" and "Source" are both ``journal``): the cell read is the one
    giving the column's own name, else the alias first in :data:`_ALIASES`, else the first such cell."""
    plain = [_unaliased(cell) for cell in cells]
    names = [_ALIASES.get(name, name) for name in plain]
    ignored: set[str] = set()
    problems: list[Problem] = []
    for column in dict.fromkeys(names):
        at = [n for n, name in enumerate(names) if name == column]
        if len(at) < 2 or not column:
            continue
        kept = min(at, key=lambda n: (0 if plain[n] == column else _ALIAS_RANK[plain[n]], n))
        shown = {n: repr(cells[n].strip().lstrip("\ufeff")) for n in at}
        others = [shown[n] for n in at if n != kept]
        problems.append(Problem("duplicate-column", "warning", f"the CSV header has {len(at)} columns for {column} "
                                f"({', '.join(shown.values())}); {shown[kept]} is read and {', '.join(others)} "
                                "ignored", SourceLocation(path, 1)))
        for n in at:
            if n != kept:
                names[n] = f"\0{n}"  # no header cell's name
                ignored.add(names[n])
    return names, ignored, problems


def parse_csv(text: str, path: str = "<string>") -> tuple[list[Reference], list[Problem]]:
    """Read a CSV reference table.

    The header is read with :func:`column_name` ("Title", "Authors" and
    "Publication Year" are ``title``, ``author`` and ``year``); a missing
    column of :data:`COLUMNS` other than ``title`` is one warning, its field
    empty in every record (a missing ``record_id`` numbers the rows).  A
    column several cells name (Scopus's "Source title" and "Source") is read
    from one of them, with one warning (see :func:`_read_columns`).  A row
    with no ``record_id`` is numbered by its position (``2-2`` if another
    row has ``2`` as its id), a repeated id is kept as ``id#line``.  A table
    with no pages column reads them from its "Page start" and "Page end"
    columns, else from its "Art. No." (Scopus, Web of Science).

    Raises:
        InputError: the header has no title column.
    """
    if text.startswith("\ufeff"):
        text = text[1:]  # a byte-order mark before a quoted header cell would hide its quote from the reader
    sep = delimiter(text[:65536])
    reader = csv.reader(_lines(text), delimiter=sep)
    header, ignored, duplicates = _read_columns(next(reader, []), path)
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise InputError(f"{path}:1: CSV header lacks column(s) {', '.join(missing)}; "
                         f"the header must name {', '.join(REQUIRED)} (and may name {', '.join(COLUMNS)})")
    references: list[Reference] = []
    problems: list[Problem] = []
    split_pages = next(((start, end) for start, end in _PAGE_ENDS if start in header), None)
    numbers = [c for c in _ARTICLE_NUMBERS if c in header]
    absent = [c for c in COLUMNS if c not in header and not (c == "pages" and (split_pages or numbers))]
    if absent:
        problems.append(Problem("missing-columns", "warning", f"the CSV header has no column(s) {', '.join(absent)}; "
                                "those fields are empty in every record (rows are numbered when there is no "
                                "record_id)", SourceLocation(path, 1)))
    problems.extend(duplicates)
    empty: list[int] = []  # the lines of rows with no cell filled ("," only, as spreadsheets leave them)
    for line, row, joined in _rows(reader, text, header, sep):
        where = SourceLocation(path, line)
        if joined:
            problems.append(Problem(
                "unclosed-quote", "warning", f"a quote opened on this line is not closed, which made lines {line}-"
                f"{joined} one row of the wrong shape; each line is read as its own row instead (fix the quote)",
                where))
        if not any((v or "").strip() for k, v in row.items() if k is not None) and not any(
                cell.strip() for cell in row.get(None) or []):
            empty.append(line)
            continue
        extra_cells = len(row.get(None) or [])
        missing_cells = sum(1 for k, v in row.items() if k is not None and v is None)
        if extra_cells or missing_cells:
            shape = f"{extra_cells} cell(s) more" if extra_cells else f"{missing_cells} cell(s) fewer"
            problems.append(Problem("broken-row", "error",
                                    f"record {row.get('record_id') or '?'}: the row has {shape} than the header's "
                                    f"{len(header)} columns; kept as read, check its quoting (an unclosed quote "
                                    "swallows the lines after it)", where))
        values = {k: (v or "").strip() for k, v in row.items() if isinstance(k, str) and k not in ignored}
        if not values.get("pages") and (split_pages or numbers):
            values["pages"] = _pages_of(values, split_pages, numbers)
        year_match = re.search(r"\b(1[5-9]\d\d|20\d\d)\b", values.get("year", ""))
        extra = tuple(sorted((k, v) for k, v in values.items()
                             if k not in COLUMNS and k not in _GOLD and k != "raw" and v))
        references.append(Reference(
            id=values.get("record_id", ""),  # none: numbered by distinct_ids
            type=record_type(values),
            authors=split_authors(values.get("author", "")),
            editors=split_authors(values.get("editor", "")),
            year=int(year_match.group(1)) if year_match else None,
            title=values.get("title", ""),
            container=values.get("journal", "") or values.get("booktitle", ""),
            volume=values.get("volume", ""),
            issue=values.get("issue", ""),
            pages=values.get("pages", ""),
            doi=values.get("doi", ""),
            isbn=values.get("isbn", ""),
            publisher=values.get("publisher", "") or values.get("institution", ""),
            place=values.get("place", ""),
            edition=values.get("edition", ""),
            url=values.get("url", ""),
            raw=values.get("raw", ""),
            source=where,
            source_format="csv",
            extra=extra,
        ))
    if empty:
        lines = ", ".join(map(str, empty[:10])) + (", ..." if len(empty) > 10 else "")
        problems.append(Problem("empty-row", "info", f"{len(empty)} row(s) with no cell filled skipped "
                                f"(lines {lines})", SourceLocation(path, empty[0])))
    references = distinct_ids(references, "record_id", problems, path)
    problems.sort(key=lambda p: p.where.line if p.where else 0)
    return references, problems


def _rows(reader: Iterator[list[str]], text: str, header: list[str],
          sep: str) -> Iterator[tuple[int, dict[str | None, Any], int]]:
    """The rows of ``reader`` (past the header) as ``csv.DictReader`` gives them (a missing cell None, extra
    cells under None), each with the line it starts on.  A row that runs over several lines (a quoted cell
    holding a line break) and has not the header's number of cells is an unclosed quote that took in the
    rows after it: each of its lines is given as its own row, the first with the line the quote ran to
    (else 0), so that no record is lost inside another."""
    line = reader.line_num  # type: ignore[attr-defined]  # the header's last line
    starts: list[int] = []  # where each line of text starts, found when a row must be split
    for cells in reader:
        start, line = line + 1, reader.line_num  # type: ignore[attr-defined]
        if not cells:
            continue  # a blank line is no row
        if len(cells) == len(header) or line == start:
            yield start, _as_row(header, cells), 0
            continue
        if not starts:
            starts = [0, *(found.end() for found in re.finditer("\n", text)), len(text)]
        for n in range(start, line + 1):
            one = text[starts[n - 1]:starts[n]]
            if one.strip():
                yield n, _as_row(header, next(csv.reader([one], delimiter=sep), [])), (line if n == start else 0)


def _as_row(header: list[str], cells: list[str]) -> dict[str | None, Any]:
    row: dict[str | None, Any] = dict(zip(header, cells))
    row.update((name, None) for name in header[len(cells):])
    if len(cells) > len(header):
        row[None] = cells[len(header):]
    return row


def _pages_of(values: dict[str, str], split: tuple[str, str] | None, numbers: list[str]) -> str:
    """The page range of a row whose export gives its two ends apart, else its article number.

    >>> _pages_of({"page_start": "221", "page_end": "228"}, ("page_start", "page_end"), [])
    '221-228'
    >>> _pages_of({"page_start": "", "page_end": "", "art._no.": "e0123"}, ("page_start", "page_end"), ["art._no."])
    'e0123'
    """
    first, last = (values.get(split[0], ""), values.get(split[1], "")) if split else ("", "")
    if first:
        return f"{first}-{last}" if last and last != first else first
    return next((values[c] for c in numbers if values.get(c)), "")


def read_csv(path: str | Path) -> tuple[list[Reference], list[Problem]]:
    """Read a CSV reference table file (see :func:`parse_csv`)."""
    text, decoding = read_text_lenient(path)
    if not text.strip():
        raise InputError(f"{path}: the file is empty; give a CSV reference table")
    references, problems = parse_csv(text, str(path))
    return references, [*decoding, *problems]
