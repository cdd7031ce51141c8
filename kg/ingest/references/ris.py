"""RIS: multi-record files from PubMed, Scopus, Web of Science, EndNote, Zotero."""

from __future__ import annotations

import re

from kg.model import Person, Problem, Reference, SourceLocation

_TAG = re.compile(r"^([A-Z][A-Z0-9])  -\s?(.*)$")
_TYPES = {"JOUR": "article-journal", "JFULL": "article-journal", "ABST": "article-journal", "MGZN": "article-journal",
          "NEWS": "article-journal", "EJOUR": "article-journal", "BOOK": "book", "EBOOK": "book", "EDBOOK": "book",
          "CHAP": "chapter", "ECHAP": "chapter", "CONF": "paper-conference", "CPAPER": "paper-conference",
          "RPRT": "report", "GOVDOC": "report", "THES": "thesis", "ELEC": "webpage", "WEB": "webpage"}


def _person(text: str) -> Person:
    family, _, given = text.partition(",")
    if not given and " " in text.strip():
        # PubMed style "Adeli K" (family, then initials).
        words = text.split()
        if re.match(r"^[A-Z]{1,3}$", words[-1]):
            return Person(" ".join(words[:-1]), words[-1])
    return Person(family.strip(), given.strip().rstrip(","))


def parse_ris(text: str, path: str = "<string>") -> tuple[list[Reference], list[Problem]]:
    """Parse RIS records (id = the ``ID`` tag, else the record's position)."""
    records: list[tuple[int, dict[str, list[str]]]] = []
    problems: list[Problem] = []
    current: dict[str, list[str]] | None = None
    start = 0
    last_tag = ""
    for n, line in enumerate(text.split("\n"), start=1):
        match = _TAG.match(line.rstrip())
        if not match:
            if current is not None and line.strip() and last_tag:
                current[last_tag][-1] += " " + line.strip()  # a wrapped value
            continue
        tag, value = match.group(1), match.group(2).strip()
        if tag == "TY":
            if current is not None:
                problems.append(Problem("missing-er", "warning",
                                        f"record starting at line {start} has no ER line; read up to line {n - 1}",
                                        SourceLocation(path, start)))
                records.append((start, current))
            current, start = {"TY": [value]}, n
        elif tag == "ER":
            if current is not None:
                records.append((start, current))
            current = None
        elif current is not None:
            current.setdefault(tag, []).append(value)
            last_tag = tag
        else:
            problems.append(Problem("stray-line", "warning", f"tag {tag} outside a record (no TY before it)",
                                    SourceLocation(path, n)))
    if current is not None:
        problems.append(Problem("missing-er", "warning", f"record starting at line {start} has no ER line",
                                SourceLocation(path, start)))
        records.append((start, current))
    references = []
    for position, (line, tags) in enumerate(records, start=1):
        def one(*names: str) -> str:
            for name in names:
                if tags.get(name):
                    return tags[name][0]
            return ""

        year = re.search(r"\b(\d{4})", one("PY", "Y1", "DA"))
        first, last = one("SP"), one("EP")
        pages = f"{first}-{last}" if first and last and last != first else first
        kind = _TYPES.get(one("TY").upper(), "article-journal")
        container = one("T2", "JF", "JO", "JA", "BT", "J2") if kind != "book" else one("T2", "BT")
        references.append(Reference(
            id=one("ID") or str(position),
            type=kind,
            authors=tuple(_person(a) for a in tags.get("AU", []) + tags.get("A1", [])),
            editors=tuple(_person(a) for a in tags.get("ED", []) + tags.get("A2", [])),
            year=int(year.group(1)) if year else None,
            title=one("TI", "T1", "CT"),
            container=container,
            volume=one("VL"),
            issue=one("IS", "CP"),
            pages=pages,
            edition=one("ET"),
            publisher=one("PB"),
            place=one("CY", "PP"),
            doi=one("DO", "DI"),
            url=one("UR", "L2"),
            isbn=one("SN"),
            pmid=one("AN") if "PMID" in one("DB", "DP").upper() or one("AN").isdigit() else "",
            source=SourceLocation(path, line),
            source_format="ris",
        ))
    return references, problems
