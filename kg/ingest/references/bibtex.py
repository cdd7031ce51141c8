"""BibTeX and BibLaTeX: split with bibtexparser v2, decode and split names here.

bibtexparser does the splitting (and ``@string`` interpolation); LaTeX
decoding and name splitting are done by :mod:`kg.ingest.references.latex`
and :func:`split_bibtex_names`, much faster than bibtexparser's own
middlewares.  ``crossref`` fields are resolved; duplicate keys and broken
blocks become problems with their line, never silently dropped.
"""

from __future__ import annotations

import logging
import re

import bibtexparser
from bibtexparser.model import DuplicateBlockKeyBlock, Entry

from kg.ingest.references.latex import decode_latex
from kg.model import Person, Problem, Reference, SourceLocation

# bibtexparser logs each broken block; kg reports them as Problems instead, so
# keep its messages off stderr unless the application configures logging.
logging.getLogger("bibtexparser").addHandler(logging.NullHandler())

_TYPES = {
    "article": "article-journal", "book": "book", "mvbook": "book", "inbook": "chapter", "incollection": "chapter",
    "bookinbook": "chapter", "inproceedings": "paper-conference", "conference": "paper-conference",
    "proceedings": "book", "techreport": "report", "report": "report", "phdthesis": "thesis",
    "mastersthesis": "thesis", "thesis": "thesis", "online": "webpage", "www": "webpage", "misc": "article",
    "unpublished": "article", "manual": "report", "booklet": "book",
}
_PARTICLE = re.compile(r"^(?:van|von|der|den|de|del|della|da|di|du|la|le|ten|ter|dos|das|al|el|zu|y)$")


def _split_top(text: str, sep: str) -> list[str]:
    """Split on ``sep`` (a word like 'and', or ',') outside braces."""
    parts, depth, start, i = [], 0, 0, 0
    pattern = re.compile(r"\s+and\s+", re.I) if sep == "and" else None
    while i < len(text):
        ch = text[i]
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
        elif depth == 0:
            if pattern is not None:
                match = pattern.match(text, i)
                if match and i > 0 and text[i].isspace():
                    parts.append(text[start:i])
                    start = i = match.end()
                    continue
            elif ch == sep:
                parts.append(text[start:i])
                start = i + 1
        i += 1
    parts.append(text[start:])
    return [p.strip() for p in parts if p.strip()]


def split_bibtex_names(value: str) -> tuple[tuple[Person, ...], bool]:
    """Split a BibTeX name list ("Last, First and First von Last and others").

    Examples:
        >>> people, et_al = split_bibtex_names(
        ...     "van der Berg, Anna and M{\\\\\\"u}ller, Jr., J. and Jane de la Cruz and {World Health Organization} and others")
        >>> [(p.particle, p.family, p.given, p.suffix, p.literal) for p in people], et_al
        ([('van der', 'Berg', 'Anna', '', ''), ('', 'Müller', 'J.', 'Jr.', ''), ('de la', 'Cruz', 'Jane', '', ''), ('', '', '', '', 'World Health Organization')], True)
    """
    people: list[Person] = []
    et_al = False
    for name in _split_top(value, "and"):
        if name.lower() == "others":
            et_al = True
            continue
        if name.startswith("{") and name.endswith("}") and name.count("{") == 1:
            people.append(Person("", literal=decode_latex(name)))
            continue
        parts = _split_top(name, ",")
        if len(parts) >= 2:
            last, first = parts[0], parts[-1]
            suffix = parts[1] if len(parts) == 3 else ""
            words = last.split()
            particle = [w for w in words[:-1] if _PARTICLE.match(w)]
            family = " ".join(words[len(particle):]) if particle else last
            people.append(Person(decode_latex(family), decode_latex(first), " ".join(particle), decode_latex(suffix)))
        else:
            words = name.split()
            if len(words) == 1:
                people.append(Person(decode_latex(words[0])))
                continue
            idx = next((i for i, w in enumerate(words[:-1]) if _PARTICLE.match(w)), len(words) - 1)
            end = idx
            while end < len(words) - 1 and _PARTICLE.match(words[end]):
                end += 1
            people.append(Person(decode_latex(" ".join(words[end:])), decode_latex(" ".join(words[:idx])),
                                 " ".join(words[idx:end])))
    return tuple(people), et_al


def _unenclose(value: str) -> str:
    """Drop the outer braces or quotes bibtexparser leaves on entries it recovered."""
    value = value.strip()
    if len(value) >= 2 and value[0] == '"' and value[-1] == '"':
        return value[1:-1]
    if len(value) >= 2 and value[0] == "{" and value[-1] == "}":
        depth = 0
        for i, ch in enumerate(value):
            depth += ch == "{"
            depth -= ch == "}"
            if depth == 0 and i < len(value) - 1:
                return value
        return value[1:-1]
    return value


_RECOVERED: set[int] = set()


def _field(entry: Entry, name: str) -> str:
    field = entry.fields_dict.get(name)
    if field is None:
        return ""
    return _unenclose(str(field.value)) if id(entry) in _RECOVERED else str(field.value)


def parse_bibtex(text: str, path: str = "<string>") -> tuple[list[Reference], list[Problem]]:
    """Parse BibTeX/BibLaTeX into records (id = citation key)."""
    library = bibtexparser.parse_string(text)
    problems: list[Problem] = []
    entries: list[tuple[str, Entry]] = [(e.key, e) for e in library.entries]
    for block in library.failed_blocks:
        line = (block.start_line or 0) + 1
        where = SourceLocation(path, line)
        recovered = getattr(block, "ignore_error_block", None)
        if isinstance(recovered, Entry):
            _RECOVERED.add(id(recovered))
        if isinstance(block, DuplicateBlockKeyBlock) and isinstance(recovered, Entry):
            key = f"{block.key}#{line}"
            entries.append((key, recovered))
            problems.append(Problem("duplicate-key", "warning",
                                    f"duplicate key '{block.key}'; this entry is kept as '{key}'", where))
        elif isinstance(recovered, Entry):
            entries.append((recovered.key, recovered))
            problems.append(Problem("duplicate-field", "warning",
                                    f"entry '{recovered.key}' repeats a field; the first value is kept", where))
        else:
            reason = (str(getattr(block, "error", "")).strip().splitlines() or ["syntax error"])[0]
            problems.append(Problem("broken-entry", "error",
                                    f"entry not read ({reason}); check its braces, quotes and commas", where))
    by_key = {key: entry for key, entry in entries}
    references: list[Reference] = []
    for key, entry in sorted(entries, key=lambda e: e[1].start_line or 0):
        parent = by_key.get(_field(entry, "crossref"))

        def get(name: str, entry: Entry = entry, parent: Entry | None = parent) -> str:
            value = _field(entry, name)
            if not value and parent is not None:
                value = _field(parent, "title" if name == "booktitle" else name) if name in (
                    "booktitle", "publisher", "year", "address", "editor") else ""
            return value

        authors, et_al = split_bibtex_names(get("author"))
        editors, _ = split_bibtex_names(get("editor"))
        date = get("year") or get("date")
        year_match = re.search(r"\b(\d{4})([a-z]?)\b", date)
        kind = _TYPES.get(entry.entry_type.lower(), "article")
        container = get("journal") or get("journaltitle") or get("booktitle")
        references.append(Reference(
            id=key,
            type=kind,
            authors=authors,
            editors=editors,
            et_al=et_al,
            year=int(year_match.group(1)) if year_match else None,
            year_suffix=year_match.group(2) if year_match else "",
            date_text="" if year_match else decode_latex(date),
            title=decode_latex(get("title")),
            container=decode_latex(container),
            volume=decode_latex(get("volume")),
            issue=decode_latex(get("number") or get("issue")),
            pages=decode_latex(get("pages")).replace("–", "-"),
            edition=decode_latex(get("edition")),
            publisher=decode_latex(get("publisher")),
            place=decode_latex(get("address") or get("location")),
            doi=get("doi").strip(),
            url=get("url").strip(),
            isbn=get("isbn").strip(),
            pmid=get("pmid").strip(),
            raw="",
            source=SourceLocation(path, (entry.start_line or 0) + 1),
            source_format="bibtex",
        ))
    return references, problems
