"""Reference lists: read a printed bibliography (or a structured file) into
typed :class:`~kg.model.Reference` records.

:func:`read_references` detects the form from the content and dispatches;
the printed (free-text) form is split into entries by
:func:`split_entries` and each entry parsed by
:func:`kg.ingest.references.text.parse_reference`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from kg.errors import InputError
from kg.ingest.references import native

native.choose()  # before any module it names is imported: compiled, or their source when a build is stale

from kg.ingest.references.text import parse_text_list  # noqa: E402
from kg.ingest.text import normal_text, read_text_lenient  # noqa: E402
from kg.model import Problem, Reference  # noqa: E402


_BIBTEX_BLOCK = re.compile(r"(?m)^[ \t\ufeff]*@[ \t]*[A-Za-z]+[ \t]*[{(]")

#: The forms a reference list can take.
FORMS = ("text", "bibtex", "ris", "csl-json", "csv")


@dataclass(frozen=True, slots=True)
class ReferenceList:
    """The records read from one input, the problems met, and its form."""

    references: tuple[Reference, ...]
    problems: tuple[Problem, ...]
    form: str


def _csv_header(head: str) -> bool:
    """Whether the first line is a CSV header (cells between ",", ";" or tabs) naming a title and an
    author or year column.

    >>> _csv_header('"Title","Authors","Publication Year"\\nA,B,2000'), _csv_header("Smith, J. Title, year.")
    (True, False)
    >>> _csv_header("Title;Authors;Year\\nA;B;2000"), _csv_header("Title\\tYear\\nA\\t2000")
    (True, True)
    """
    from kg.ingest.references.csvtable import column_name, delimiter

    first = head.split("\n", 1)[0]
    sep = delimiter(first)
    if sep not in first:
        return False
    names = {column_name(cell.strip().strip('"')) for cell in first.split(sep)}
    return "title" in names and bool(names & {"author", "year"})


def detect_form(text: str) -> str:
    """Guess the form of a reference file from its content.

    >>> detect_form("@article{key, title={T}}")
    'bibtex'
    >>> detect_form("TY  - JOUR\\nER  - ")
    'ris'
    >>> detect_form("- Smith, J. (2022). Title. Journal, 1, 1-2.")
    'text'
    >>> detect_form('[{"id": "a"}]'), detect_form("[1] J. Smith, Title, J. 1 (2022) 1-2.")  # IEEE lists open with [1]
    ('csl-json', 'text')
    >>> detect_form("% " + "x" * 5000 + "\\n\\n@Article (key, title={T})"), detect_form("Write to @kg on social media.")
    ('bibtex', 'text')
    """
    head = text.lstrip("\ufeff \t\r\n")[:20000]
    if head.startswith("record_id,") or "\nrecord_id," in head[:200] or _csv_header(head):
        return "csv"
    if head.startswith("{") or re.match(r"\[\s*(?:\{|\]|$)", head):
        return "csl-json"
    if re.match(r"(?:TY {1,2}-|PMID- ?\d)", head):
        return "ris"  # RIS, or PubMed's MEDLINE export (read by the RIS reader)
    if _BIBTEX_BLOCK.search(head):
        return "bibtex"  # also after a long '%' or free-text preamble
    if re.search(r"(?m)^TY {1,2}-", head) or "\nPMID- " in head:
        return "ris"
    return "text"


def parse_references(text: str, path: str = "<string>", form: str | None = None) -> ReferenceList:
    """Parse a reference list given as text.

    Args:
        text: the content of the file.
        path: the file name used in locations.
        form: one of :data:`FORMS`; ``None`` detects it from the content.

    The text is read as files are (:func:`~kg.ingest.text.normal_text`: ``\n``
    line ends, Unicode NFC).
    """
    text = normal_text(text)
    form = form or detect_form(text)
    if form == "text":
        references, problems = parse_text_list(text, path)
    elif form == "bibtex":
        from kg.ingest.references.bibtex import parse_bibtex

        references, problems = parse_bibtex(text, path)
    elif form == "ris":
        from kg.ingest.references.ris import parse_ris

        references, problems = parse_ris(text, path)
    elif form == "csl-json":
        from kg.ingest.references.csljson import parse_csl_json

        references, problems = parse_csl_json(text, path)
    elif form == "csv":
        from kg.ingest.references.csvtable import parse_csv

        references, problems = parse_csv(text, path)
    else:
        raise InputError(f"{path}: unknown reference form {form!r}; use one of {', '.join(FORMS)}")
    return ReferenceList(tuple(references), tuple(problems), form)


def read_references(path: str | Path, form: str | None = None) -> ReferenceList:
    """Read a reference list file (see :func:`parse_references`).

    Lines that are not UTF-8 are read as Windows-1252 and named in an
    ``encoding`` warning (see :func:`kg.ingest.text.decode_text`).

    Raises:
        InputError: the file is missing, unreadable, binary or empty.
    """
    text, decoding = read_text_lenient(path)
    if not text.strip():
        raise InputError(f"{path}: the file is empty; give a reference list")
    listing = parse_references(text, str(path), form)
    return ReferenceList(listing.references, decoding + listing.problems, listing.form)
