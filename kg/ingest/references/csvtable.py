"""CSV reference tables: one record per row (the layout of the dedup benchmarks).

Columns: ``record_id, author, title, year, journal, volume, issue, pages,
doi`` (required) and any others (``raw``, ``abstract``, ``isbn``,
``booktitle``, ``entry_type``...), kept in ``Reference.extra``.  A
``cluster_id`` column (a gold label) is never read into the records.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from kg.errors import InputError
from kg.ingest.text import read_text
from kg.model import Person, Problem, Reference, SourceLocation

REQUIRED = ("record_id", "author", "title", "year", "journal", "volume", "issue", "pages", "doi")
_GOLD = frozenset({"cluster_id"})
_INITIALS = re.compile(r"^(?:[A-Z]\.?-?\s*){1,4}$")
_TYPES = {"article": "article-journal", "inproceedings": "paper-conference", "incollection": "chapter",
          "book": "book", "techreport": "report", "phdthesis": "thesis", "mastersthesis": "thesis"}


def split_authors(text: str) -> tuple[Person, ...]:
    """Split an author field in any of the usual export shapes.

    Examples:
        >>> [p.display for p in split_authors("Zuna, R E and Wang, S S")]
        ['Zuna, R E', 'Wang, S S']
        >>> [p.display for p in split_authors("Adeli K.; Lewis G. F.")]
        ['Adeli, K.', 'Lewis, G. F.']
        >>> [p.display for p in split_authors("M. Ahlskog, J. Paloheimo and M.R. Andersson")]
        ['Ahlskog, M.', 'Paloheimo, J.', 'Andersson, M.R.']
    """
    text = text.strip().rstrip(",;")
    if not text:
        return ()
    if " and " in text and "," in text.split(" and ")[0] and not re.match(r"^[A-Z]\.", text):
        pieces = [p.strip() for p in text.split(" and ")]
        people = []
        for piece in pieces:
            family, _, given = piece.partition(",")
            people.append(Person(family.strip(), given.strip()))
        return tuple(p for p in people if p.family)
    if ";" in text:
        pieces = [p.strip() for p in text.split(";") if p.strip()]
    else:
        pieces = [p.strip() for p in re.split(r",\s*|\s+and\s+", text) if p.strip()]
    people = []
    for piece in pieces:
        words = piece.split()
        if len(words) > 1 and _INITIALS.match(" ".join(words[1:])):
            people.append(Person(words[0], " ".join(words[1:])))
        elif len(words) > 1 and _INITIALS.match(words[0]):
            people.append(Person(" ".join(words[1:]), words[0]))
        elif len(words) > 1:
            people.append(Person(words[-1], " ".join(words[:-1])))
        else:
            people.append(Person(piece))
    return tuple(people)


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


def parse_csv(text: str, path: str = "<string>") -> tuple[list[Reference], list[Problem]]:
    """Read a CSV reference table.

    Raises:
        InputError: the header lacks a required column (all missing ones named).
    """
    reader = csv.DictReader(io.StringIO(text))
    header = reader.fieldnames or []
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise InputError(f"{path}:1: CSV header lacks column(s) {', '.join(missing)}; "
                         f"the header must name {', '.join(REQUIRED)}")
    references: list[Reference] = []
    problems: list[Problem] = []
    seen: set[str] = set()
    for row in reader:
        line = reader.line_num
        where = SourceLocation(path, line)
        if None in row or any(v is None for v in row.values()):
            problems.append(Problem("broken-row", "error",
                                    f"row has {len(row.get(None) or [])} extra or missing cells; kept as read, "
                                    "check its quoting", where))
        values = {k: (v or "").strip() for k, v in row.items() if isinstance(k, str)}
        record_id = values.get("record_id") or str(len(references) + 1)
        if record_id in seen:
            problems.append(Problem("duplicate-id", "warning",
                                    f"record_id {record_id} is used twice; this row is kept as {record_id}#{line}",
                                    where))
            record_id = f"{record_id}#{line}"
        seen.add(record_id)
        year_match = re.search(r"\b(1[5-9]\d\d|20\d\d)\b", values.get("year", ""))
        extra = tuple(sorted((k, v) for k, v in values.items()
                             if k not in REQUIRED and k not in _GOLD and k != "raw" and v))
        references.append(Reference(
            id=record_id,
            type=record_type(values),
            authors=split_authors(values.get("author", "")),
            year=int(year_match.group(1)) if year_match else None,
            title=values.get("title", ""),
            container=values.get("journal", "") or values.get("booktitle", ""),
            volume=values.get("volume", ""),
            issue=values.get("issue", ""),
            pages=values.get("pages", ""),
            doi=values.get("doi", ""),
            isbn=values.get("isbn", ""),
            publisher=values.get("publisher", "") or values.get("institution", ""),
            raw=values.get("raw", ""),
            source=where,
            source_format="csv",
            extra=extra,
        ))
    return references, problems


def read_csv(path: str | Path) -> tuple[list[Reference], list[Problem]]:
    """Read a CSV reference table file (see :func:`parse_csv`)."""
    text = read_text(path)
    if not text.strip():
        raise InputError(f"{path}: the file is empty; give a CSV reference table")
    return parse_csv(text, str(path))
