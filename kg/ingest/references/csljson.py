"""CSL-JSON (Zotero, Mendeley, citeproc): a list of items."""

from __future__ import annotations

import json
from typing import Any

from kg.errors import InputError
from kg.model import Person, Problem, Reference, SourceLocation


def _people(value: Any) -> tuple[Person, ...]:
    people = []
    for name in value if isinstance(value, list) else []:
        if isinstance(name, dict):
            if name.get("literal"):
                people.append(Person("", literal=str(name["literal"])))
            else:
                people.append(Person(str(name.get("family", "")), str(name.get("given", "")),
                                     str(name.get("non-dropping-particle", name.get("dropping-particle", ""))),
                                     str(name.get("suffix", ""))))
    return tuple(people)


def parse_csl_json(text: str, path: str = "<string>") -> tuple[list[Reference], list[Problem]]:
    """Parse CSL-JSON items (id = the item's ``id``).

    Raises:
        InputError: the text is not JSON, or not a list of items.
    """
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise InputError(f"{path}:{err.lineno}:{err.colno}: not valid JSON ({err.msg}); fix the file") from err
    if isinstance(data, dict):
        data = data.get("items", [data])
    if not isinstance(data, list):
        raise InputError(f"{path}: CSL-JSON must be a list of items")
    references: list[Reference] = []
    problems: list[Problem] = []
    for position, item in enumerate(data, start=1):
        where = SourceLocation(path, position)
        if not isinstance(item, dict):
            problems.append(Problem("bad-item", "error", f"item {position} is not an object; skipped", where))
            continue
        issued = item.get("issued") or {}
        parts = issued.get("date-parts") if isinstance(issued, dict) else None
        year = None
        if parts and isinstance(parts, list) and parts[0] and str(parts[0][0]).isdigit():
            year = int(parts[0][0])
        references.append(Reference(
            id=str(item.get("id", position)),
            type=str(item.get("type", "article-journal")),
            authors=_people(item.get("author")),
            editors=_people(item.get("editor")),
            year=year,
            date_text="" if year else str(issued.get("literal", "")) if isinstance(issued, dict) else "",
            title=str(item.get("title", "")),
            container=str(item.get("container-title", "")),
            volume=str(item.get("volume", "")),
            issue=str(item.get("issue", "")),
            pages=str(item.get("page", "")),
            edition=str(item.get("edition", "")),
            publisher=str(item.get("publisher", "")),
            place=str(item.get("publisher-place", "")),
            doi=str(item.get("DOI", "")),
            url=str(item.get("URL", "")),
            isbn=str(item.get("ISBN", "")),
            pmid=str(item.get("PMID", "")),
            source=where,
            source_format="csl-json",
        ))
    return references, problems
