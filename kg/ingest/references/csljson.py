"""CSL-JSON (Zotero, Mendeley, citeproc): a list of items.

An array is read item by item, so each record knows its line and one
broken item (a missing comma or quote, a stray character) is reported and
skipped while the items after it are still read.
"""

from __future__ import annotations

import json
import re
from typing import Any

from kg.errors import InputError
from kg.ingest.references.csvtable import split_authors
from kg.ingest.references.common import ENTITY, decode_entity, free_id, page_range
from kg.ingest.text import SURROGATE, without_lone_surrogates
from kg.model import Person, Problem, Reference, SourceLocation

_DECODER = json.JSONDecoder()
_YEAR = re.compile(r"(?<!\d)(\d{4})(?!\d)")
#: CSL's rich-text markup (citeproc-js reads these tags in any string variable).
_RICH_TAG = re.compile(r"</?(?:i|b|em|strong|sup|sub|sc|span|u)\b[^<>]*>", re.I)
#: The fields read as text.
_TEXT_FIELDS = ("type", "title", "container-title", "volume", "issue", "number", "page", "page-first", "edition",
                "publisher", "publisher-place", "DOI", "URL", "ISBN", "PMID", "year-suffix")
#: Keys that make a top-level object one item (rather than a wrapper holding the list of items).
_ITEM_KEYS = frozenset((*_TEXT_FIELDS, "id", "author", "editor", "issued"))


def _text(value: Any, verbatim: bool = False) -> str:
    """A CSL string variable; some exporters give a list ("container-title": ["J"]) or a number.

    Rich-text markup is read as citeproc-js reads it: ``<i>``, ``<b>``,
    ``<sup>``, ``<span class="nocase">`` and the like are dropped, entities
    decoded (not in ``verbatim`` values: an id, a DOI, a URL).

    >>> _text('<i>In vivo</i> &amp; <span class="nocase">mRNA</span>'), _text(["J Psych", "JP"]), _text(12)
    ('In vivo & mRNA', 'J Psych', '12')
    >>> _text("Cell&microbiology &micro;m &#x3bc;m &#181; R&D &ampx; &nosuch;")
    'Cell&microbiology µm μm µ R&D &ampx; &nosuch;'
    """
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, (str, int, float)) and not isinstance(v, bool)), "")
    if value is None or isinstance(value, (dict, bool)):
        return ""
    text = str(value).strip()
    if not verbatim and ("<" in text or "&" in text):
        text = " ".join(ENTITY.sub(decode_entity, _RICH_TAG.sub("", text)).split())
    return text


def _unread(value: Any) -> bool:
    """Whether a field holds something :func:`_text` cannot read as text: an object, true/false, or an
    array with no string or number in it."""
    if isinstance(value, list):
        return bool(value) and not any(isinstance(v, (str, int, float)) and not isinstance(v, bool) for v in value)
    return isinstance(value, (dict, bool))


def _json_type(value: Any) -> str:
    """The JSON type of a value, as a warning names it.

    >>> [_json_type(v) for v in ({}, [None], True, None, 3, "x")]
    ['an object', 'an array with no string or number', 'true', 'null', 'a number', 'a string']
    """
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "an array with no string or number"
    return "null" if value is None else "a string" if isinstance(value, str) else "a number"


def _people(value: Any) -> tuple[Person, ...]:
    """The names of a CSL name variable (a list of name objects, or of "Family, Given" strings)."""
    people = []
    if isinstance(value, dict):
        value = [value]
    for name in value if isinstance(value, list) else []:
        if isinstance(name, dict):
            if name.get("literal"):
                people.append(Person("", literal=_text(name["literal"])))
            else:
                particle = " ".join(p for p in (_text(name.get("dropping-particle")),
                                                _text(name.get("non-dropping-particle"))) if p)
                people.append(Person(_text(name.get("family")), _text(name.get("given")), particle,
                                     _text(name.get("suffix"))))
        elif isinstance(name, str) and name.strip():
            family, _, given = name.partition(",")
            people.append(Person(family.strip(), given.strip()) if given else Person("", literal=name.strip()))
    return tuple(people)


def _year(issued: Any) -> tuple[int | None, str]:
    """(year, date text) of a CSL date: ``date-parts``, ``raw``, ``literal``, or a bare string."""
    if isinstance(issued, (str, int)):
        issued = {"raw": str(issued)}
    if not isinstance(issued, dict):
        return None, ""
    parts = issued.get("date-parts")
    if isinstance(parts, list) and parts and not isinstance(parts[0], list):
        parts = [parts]  # a flat [2004, 10]: one date
    if isinstance(parts, list) and parts and isinstance(parts[0], list) and parts[0]:
        first = parts[0][0]
        if isinstance(first, float) and first.is_integer():
            first = int(first)  # 2004.0
        match = _YEAR.match(str(first).strip())  # 2004, "2004", "2004-10-15"
        if match and not isinstance(first, bool):
            return int(match.group(1)), ""
    for key in ("raw", "literal"):
        text = _text(issued.get(key))
        match = _YEAR.search(text)
        if match and key == "raw":
            return int(match.group(1)), ""
        if text:
            return None, text
    return None, ""


def _next_item(text: str, pos: int) -> int | None:
    """Where the item after the broken one at ``pos`` starts: the next line opening an object at the
    same indentation (pretty-printed files); None when there is none (a minified file)."""
    column = pos - (text.rfind("\n", 0, pos) + 1)
    following = re.compile(r"\n" + re.escape(text[pos - column:pos]) + r"\{").search(text, pos + 1)
    if following is None or column == 0 and text[pos - 1:pos] != "\n":
        return None
    return following.start() + 1


def _items(text: str, path: str) -> tuple[list[tuple[int, Any]], list[Problem], json.JSONDecodeError | None]:
    """The (line, value) of each item of a top-level array, reading past broken items; the first error."""
    first_error: json.JSONDecodeError | None = None
    items: list[tuple[int, Any]] = []
    problems: list[Problem] = []
    pos = text.index("[") + 1
    line = text.count("\n", 0, pos) + 1
    counted = pos
    while True:
        while pos < len(text) and (text[pos].isspace() or text[pos] == ","):
            pos += 1
        line += text.count("\n", counted, pos)
        counted = pos
        if pos >= len(text):
            problems.append(Problem("bad-json", "error", "the array is not closed with ']'; the items before "
                                    "the end were read", SourceLocation(path, line)))
            break
        if text[pos] == "]":
            if text[pos + 1:].strip():
                problems.append(Problem("bad-json", "warning", "text after the closing ']' ignored",
                                        SourceLocation(path, line)))
            break
        try:
            value, end = _DECODER.raw_decode(text, pos)
        except (RecursionError, json.JSONDecodeError) as err:
            following = _next_item(text, pos)
            rest = ("skipped, the items after it read" if following is not None
                    else "it and the rest of the file not read")
            if isinstance(err, RecursionError):
                problems.append(Problem("bad-json", "error", f"item at line {line} nests arrays or objects too "
                                        f"deeply to read; {rest}; flatten the item", SourceLocation(path, line)))
            else:
                first_error = first_error or err
                problems.append(Problem("bad-json", "error", f"item at line {line} is not valid JSON ({err.msg} at "
                                        f"line {err.lineno} column {err.colno}); {rest}; fix the file",
                                        SourceLocation(path, line)))
            if following is None:
                break
            pos = following
            continue
        items.append((line, value))
        pos = end
    return items, problems, first_error


#: A JSON escape of half a UTF-16 pair ("\\ud83d"): JSON joins a whole pair, a lone half stays.
_HALF_ESCAPE = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")


def _mend_halves(value: Any) -> tuple[Any, bool]:
    """``value`` with every lone UTF-16 half replaced by U+FFFD, and whether there was one:
    no UTF-8 output can hold it, so it would stop every writer far from its item."""
    if isinstance(value, str):
        # JSON joins an escaped pair itself: a surrogate left in a string is a lone half.
        return without_lone_surrogates(value), bool(SURROGATE.search(value))
    if isinstance(value, list):
        mended = [_mend_halves(v) for v in value]
        return [v for v, _ in mended], any(m for _, m in mended)
    if isinstance(value, dict):
        pairs = {k: _mend_halves(v) for k, v in value.items()}
        return {k: v for k, (v, _) in pairs.items()}, any(m for _, m in pairs.values())
    return value, False


def parse_csl_json(text: str, path: str = "<string>") -> tuple[list[Reference], list[Problem]]:
    """Parse CSL-JSON items (id = the item's ``id``, else its 1-based position, if no item has that id).

    Raises:
        InputError: no item could be read (the text is not JSON, or not a list of items).

    Examples:
        >>> refs, problems = parse_csl_json('[\\n  {"id": "a", "title": "A"},\\n  {"id": "b", "title": "B\\n"},\\n'
        ...                                 '  {"id": "c", "issued": {"date-parts": [["2004", 10]]}}\\n]')
        >>> [(r.id, r.source.line, r.year) for r in refs], [(p.kind, p.where.line) for p in problems]
        ([('a', 2, None), ('c', 5, 2004)], [('bad-json', 3)])
    """
    stripped = text.lstrip("\ufeff \t\r\n")
    if stripped.startswith("["):
        found, problems, err = _items(text, path)
        if not found and err is not None:
            raise InputError(f"{path}:{err.lineno}:{err.colno}: not valid JSON ({err.msg}); no item could be "
                             "read; fix the file") from err
    else:
        try:
            data = json.loads(stripped)
        except json.JSONDecodeError as err:
            raise InputError(f"{path}:{err.lineno}:{err.colno}: not valid JSON ({err.msg}); fix the file") from err
        except RecursionError as err:
            raise InputError(f"{path}: arrays or objects nested too deeply to read; flatten the file") from err
        if isinstance(data, dict) and isinstance(data.get("items"), list):
            data = data["items"]
        elif isinstance(data, dict) and not _ITEM_KEYS.intersection(data):
            lists = [v for v in data.values() if isinstance(v, list) and v and all(isinstance(i, dict) for i in v)]
            if len(lists) != 1:  # {"references": [...]}: the items under another name
                keys = ", ".join(repr(k) for k in list(data)[:5])
                raise InputError(f"{path}: the JSON object (keys {keys}) is not a CSL-JSON item nor a list of "
                                 'items; give a list of items ([{"id": ..., "title": ...}, ...])')
            data = lists[0]
        elif isinstance(data, dict):
            data = [data]
        if not isinstance(data, list):
            raise InputError(f"{path}: CSL-JSON must be a list of items, found {type(data).__name__}")
        found, problems = [(1, item) for item in data], []
    if _HALF_ESCAPE.search(text):
        mended_items = []
        for position, (line, item) in enumerate(found, start=1):
            item, mended = _mend_halves(item)
            if mended:
                problems.append(Problem("bad-character", "warning", f"item {position}: a \\u escape gives half a "
                                        "character (a lone UTF-16 surrogate); read as U+FFFD (\ufffd); write the "
                                        "character itself, or both halves of its pair", SourceLocation(path, line)))
            mended_items.append((line, item))
        found = mended_items
    references: list[Reference] = []
    used = {_text(item.get("id"), verbatim=True) for _line, item in found if isinstance(item, dict)}
    seen: set[str] = set()
    for position, (line, item) in enumerate(found, start=1):
        where = SourceLocation(path, line)
        if not isinstance(item, dict):
            problems.append(Problem("bad-item", "error", f"item {position} is not an object; skipped", where))
            continue
        year, date_text = _year(item.get("issued"))
        if year is None and not date_text and item.get("issued") not in (None, "", {}):
            problems.append(Problem("bad-date", "warning", f"item {_text(item.get('id'), verbatim=True) or position}: "
                                    f"no year can be read from 'issued' {json.dumps(item['issued'])[:80]}; the date "
                                    'is not read; give it as {"date-parts": [[2004, 10, 15]]}', where))
        record_id = _text(item.get("id"), verbatim=True)
        if not record_id:
            record_id = free_id(str(position), used)  # never another item's own id
            used.add(record_id)
        elif record_id in seen:
            new_id = free_id(f"{record_id}#{line}", used)  # a minified file has every item on line 1
            problems.append(Problem("duplicate-id", "warning", f"id {record_id} is used twice; item {position} is "
                                    f"kept as {new_id}", where))
            record_id = new_id
            used.add(record_id)
        seen.add(record_id)
        problems.extend(_type_problems(item, record_id, where))
        authors, editors = item.get("author"), item.get("editor")
        references.append(Reference(
            id=record_id,
            type=_text(item.get("type")) or "article-journal",
            authors=split_authors(authors) if isinstance(authors, str) else _people(authors),
            editors=split_authors(editors) if isinstance(editors, str) else _people(editors),
            year=year,
            year_suffix=_text(item.get("year-suffix")),
            date_text=date_text,
            title=_text(item.get("title")),
            container=_text(item.get("container-title")),
            volume=_text(item.get("volume")),
            issue=_text(item.get("issue")) or _text(item.get("number")),
            pages=page_range(_text(item.get("page")) or _text(item.get("page-first"))),
            edition=_text(item.get("edition")),
            publisher=_text(item.get("publisher")),
            place=_text(item.get("publisher-place")),
            doi=_text(item.get("DOI"), verbatim=True),
            url=_text(item.get("URL"), verbatim=True),
            isbn=_text(item.get("ISBN")),
            pmid=_text(item.get("PMID")),
            source=where,
            source_format="csl-json",
        ))
    problems.sort(key=lambda p: p.where.line if p.where else 0)
    return references, problems


def _type_problems(item: dict[str, Any], record_id: str, where: SourceLocation) -> list[Problem]:
    """Warnings for values of the wrong JSON type: a text field holding an object (ignored), a name
    variable given as one string (split as a printed author list) or holding entries that are no names."""
    problems = []
    for field in _TEXT_FIELDS:
        if _unread(item.get(field)):
            problems.append(Problem("bad-value", "warning", f"item {record_id}: '{field}' is {_json_type(item[field])}"
                                    ", not text; it is ignored; give it as a string", where))
    for field in ("author", "editor"):
        value = item.get(field)
        if isinstance(value, str) and value.strip():
            problems.append(Problem("bad-value", "warning", f"item {record_id}: '{field}' is one string, not a "
                                    "list of names; it is split as a printed author list; give "
                                    '[{"family": ..., "given": ...}, ...]', where))
        elif value not in (None, "", []) and any(
                not isinstance(name, (dict, str)) for name in (value if isinstance(value, list) else [value])):
            problems.append(Problem("bad-value", "warning", f"item {record_id}: '{field}' holds entries that are "
                                    "neither name objects nor strings; they are ignored; give each name as "
                                    '{"family": ..., "given": ...} or as a string', where))
    return problems
