"""BibTeX and BibLaTeX: split with bibtexparser v2, decode and split names here.

bibtexparser does the splitting (and ``@string`` interpolation); LaTeX
decoding and name splitting are done by :mod:`kg.ingest.references.latex`
and :func:`split_bibtex_names`, much faster than bibtexparser's own
middlewares.  ``crossref`` fields are resolved; duplicate keys and broken
blocks become problems with their line, never silently dropped.

Lines whose first non-blank character is ``%`` are comments (as in LaTeX and
biber) and are blanked before splitting, between entries and between the
fields of an entry: bibtexparser reads ``%`` as text, so a commented-out field
with an unbalanced brace or quote would break its entry, and a commented-out
``% @article{...`` line would become an entry of its own.  Inside a field
value (``{...}`` or ``"..."``) a ``%`` line is text and is kept, as BibTeX and
biber read it.

An ``@string`` name used but never defined is kept as literal text, with a
warning naming the entry (the month names ``jan``...``dec`` are predefined).
"""

from __future__ import annotations

import logging
import re

from bibtexparser.entrypoint import parse_string
from bibtexparser.exceptions import BlockAbortedException
from bibtexparser.model import DuplicateBlockKeyBlock, DuplicateFieldKeyBlock, Entry, ImplicitComment

from kg.ingest.references.latex import decode_latex
from kg.ingest.references.common import PARTICLE, free_id, page_range, split_particle
from kg.model import Person, Problem, Reference, SourceLocation

# bibtexparser logs each broken block; kg reports them as Problems instead, so
# keep its messages off stderr unless the application configures logging.
logging.getLogger("bibtexparser").addHandler(logging.NullHandler())

_TYPES = {
    "article": "article-journal", "book": "book", "mvbook": "book", "inbook": "chapter", "incollection": "chapter",
    "bookinbook": "chapter", "inproceedings": "paper-conference", "conference": "paper-conference",
    "proceedings": "book", "techreport": "report", "report": "report", "phdthesis": "thesis",
    "mastersthesis": "thesis", "thesis": "thesis", "online": "webpage", "www": "webpage", "electronic": "webpage",
    "misc": "article", "unpublished": "manuscript", "manual": "report", "booklet": "book",
    # BibLaTeX types with a CSL type of their own (written back by kg.ingest.references.export)
    "dataset": "dataset", "software": "software", "patent": "patent", "periodical": "periodical",
    "standard": "standard", "inreference": "entry-encyclopedia", "reference": "book", "mvreference": "book",
    "collection": "book", "mvcollection": "book", "letter": "personal_communication", "jurisdiction": "legal_case",
    "legislation": "legislation", "movie": "motion_picture", "video": "motion_picture", "audio": "song",
    "artwork": "graphic", "image": "graphic", "performance": "performance", "review": "review",
}
#: Macros BibTeX's styles predefine: the month names.
_PREDEFINED = frozenset(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"))
_COMMENT_LINE = re.compile(r"[ \t\ufeff]*%")
_COMMENT_LINES = re.compile(r"(?m)^[ \t\ufeff]*%")  # a line that starts as a comment
#: What changes the splitter's state: an unescaped delimiter, or a block start ("@type" before "{" or "(").
_SPLIT_MARK = re.compile(r'(?<!\\)[{}"()]|@\w*[ \t]*(?=[{(])')
_LINE_BLOCK_START = re.compile(r"[ \t\ufeff]*@\w*[ \t]*[{(]")
_NOT_ENTRIES = frozenset({"string", "preamble", "comment"})
_STRAY_START = re.compile(r"^[ \t\ufeff]*@[ \t]*([A-Za-z]\w*)", re.M)
_BLOCK_HEAD = re.compile(r"^\s*@\s*(\w+)\s*[{(]\s*([^,\s]*)")
_MACRO_NAME = re.compile(r"[A-Za-z_][^\s{}\"#%,=]*$")
#: What follows a value's closing brace or quote (or a bare word) when the comma before the next field is missing.
_RUN_ON = re.compile(r"\s*([A-Za-z][\w-]*)\s*=")
_BARE_RUN_ON = re.compile(r"[^\s{}\"#,=]+\s+([A-Za-z][\w-]*)\s*=")
#: Fields a ``crossref`` child takes from its parent when it lacks them (``booktitle`` from the parent's title).
_INHERITED = ("booktitle", "publisher", "year", "date", "address", "location", "editor", "volume", "edition",
              "isbn", "series", "school", "institution", "organization")


_BRACE = re.compile(r"(?<!\\)[{}]")  # an escaped \{ or \} is text
_AND = re.compile(r"(?:^|\s+)and(?=\s|$)", re.I)  # "and and" or an "and" at an end: an empty name


def _split_top(text: str, sep: str) -> list[str]:
    """Split on ``sep`` (a word like 'and', or ',') outside braces."""
    if "{" not in text:  # the usual case, at C speed
        pieces = _AND.split(text) if sep == "and" else text.split(sep)
        return [p.strip() for p in pieces if p.strip()]
    parts, depth, start, i = [], 0, 0, 0
    pattern = _AND if sep == "and" else None
    while i < len(text):
        ch = text[i]
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
        elif depth == 0:
            if pattern is not None:
                match = pattern.match(text, i)
                if match and (i == 0 or text[i].isspace()):
                    parts.append(text[start:i])
                    start = i = match.end()
                    continue
            elif ch == sep:
                parts.append(text[start:i])
                start = i + 1
        i += 1
    parts.append(text[start:])
    return [p.strip() for p in parts if p.strip()]


def _words(name: str) -> list[str]:
    """The words of a name, a braced group one word however many spaces it holds ("Gabriel {García Márquez}")."""
    if "{" not in name:
        return name.split()
    words, depth, word = [], 0, ""
    for ch in name:
        if ch.isspace() and depth <= 0:
            if word:
                words.append(word)
            word = ""
            continue
        depth += 1 if ch == "{" else -1 if ch == "}" else 0
        word += ch
    return words + [word] if word else words


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
            particle, family = split_particle(last)
            people.append(Person(decode_latex(family), decode_latex(first), particle, decode_latex(suffix)))
        else:
            words = _words(name)
            if len(words) == 1:
                people.append(Person(decode_latex(words[0])))
                continue
            idx = next((i for i, w in enumerate(words[:-1]) if PARTICLE.match(w)), len(words) - 1)
            end = idx
            while end < len(words) - 1 and PARTICLE.match(words[end]):
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
        inner = value[1:-1]
        if inner.endswith("\\"):
            return value  # "{...\}": the last brace is escaped text
        if "{" in inner or "}" in inner:
            depth = 0
            for match in _BRACE.finditer(inner):
                depth += 1 if match.group(0) == "{" else -1
                if depth < 0:
                    return value  # "{A} and {B}": the first brace closes before the end
        return inner
    return value


def _blank_comments(text: str) -> str:
    r"""``%`` comment lines emptied, keeping every newline so lines still count.

    A line is a comment outside any block and between the fields of one, never
    inside a field value.  The delimiters are followed as bibtexparser's
    splitter follows them: ``\{`` is text, braces inside an entry's quotes are
    not counted (nor is the ``{"}`` quote), ``@comment`` blocks do not track
    quotes, a ``@string{`` or ``@preamble{`` block's quotes keep its ``%``
    lines but its braces still count and its ``}`` still ends it, and an
    ``@type{`` at a line start ends an unclosed block.

    >>> _blank_comments('% c\n@a{k, t = {x\n% kept}, % gone\n% @b{\n}\n').split("\n")
    ['', '@a{k, t = {x', '% kept}, % gone', '', '}', '']
    """
    if "%" not in text or not _COMMENT_LINES.search(text):
        return text  # no line starts as a comment: nothing to blank (a "10\%" in a title needs no scan)
    lines = text.split("\n")
    closer = ""  # "}" or ")" inside a block, "" outside
    depth, quoted, opening, quotes, kind = 0, False, False, True, ""
    for n, line in enumerate(lines):
        if closer and _LINE_BLOCK_START.match(line):
            closer, depth, quoted = "", 0, False
        if not depth and not quoted and _COMMENT_LINE.match(line):
            lines[n] = ""
            continue
        for mark in _SPLIT_MARK.finditer(line):
            ch = mark.group(0)
            if opening:  # the "{" or "(" right after "@type"
                closer, opening = ("}" if ch == "{" else ")"), False
                # bibtexparser tracks quotes in entries, in "(" strings and preambles, never in comments
                quotes = kind not in _NOT_ENTRIES or kind != "comment" and closer == ")"
            elif not closer:
                if ch.startswith("@"):
                    opening, kind = True, ch[1:].strip().lower()
            elif quoted and quotes:
                if ch == '"' and line[mark.start() - 1:mark.start() + 2] != '{"}':
                    quoted = False
            elif ch == "{":
                depth += 1
            elif ch == "}" and depth:
                depth -= 1
            elif ch == '"' and not depth and kind != "comment":
                # A "{" string's or preamble's quotes hide its % lines but not its braces or its end.
                quoted = not quoted
            elif ch == closer and not depth:
                closer, quoted = "", False
    return "\n".join(lines)


def _reason(block: object) -> str:
    error = getattr(block, "error", None)
    text = error.abort_reason if isinstance(error, BlockAbortedException) else str(error or "")
    return (text.strip().splitlines() or ["syntax error"])[0].strip()


def _split_concat(value: str) -> list[str]:
    """Split a value on ``#`` (BibTeX concatenation) outside braces and quotes."""
    parts, depth, quoted, start = [], 0, False, 0
    for i, ch in enumerate(value):
        if i and value[i - 1] == "\\":
            continue  # \{ \} \" \# are text
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
        elif ch == '"' and depth == 0:
            quoted = not quoted
        elif ch == "#" and depth == 0 and not quoted:
            parts.append(value[start:i])
            start = i + 1
    parts.append(value[start:])
    return parts


def _run_on(raw: str) -> str:
    """The name of the field a raw value runs into when the comma before it is missing
    (``{T} year = 2004``, on one line or two), else "": only what follows the value's own closing
    brace or quote counts, never an "=" inside them."""
    if "=" not in raw:
        return ""  # the usual case: nothing to scan
    raw = raw.strip()
    bare = _BARE_RUN_ON.match(raw)
    if bare:
        return bare.group(1)
    depth, quoted = 0, False
    for i, ch in enumerate(raw):
        if i and raw[i - 1] == "\\":
            continue
        if ch == "{":
            depth += 1
        elif ch == "}" and depth:
            depth -= 1
        elif ch == '"' and not depth:
            quoted = not quoted
        else:
            continue
        if not depth and not quoted:
            after = _RUN_ON.match(raw, i + 1)
            if after:
                return after.group(1)
    return ""


def _resolve(raw: str, strings: dict[str, str], undefined: list[str]) -> str:
    """A raw field value: enclosing braces or quotes dropped, ``@string`` names
    (case-insensitive) replaced, ``"a" # name`` concatenations joined.

    A name no ``@string`` defines (nor BibTeX's month names) is kept as its
    text and added to ``undefined``."""
    raw = raw.strip()
    if "#" in raw:
        parts = _split_concat(raw)
        if len(parts) > 1:
            return "".join(_resolve(part, strings, undefined) for part in parts)
    if raw[:1] in "{\"":
        return _unenclose(raw)
    name = raw.lower()
    if name in strings:
        return strings[name]
    if _MACRO_NAME.match(raw) and name not in _PREDEFINED:
        undefined.append(raw)
    return raw


def _fields(entry: Entry, strings: dict[str, str]) -> tuple[dict[str, str], list[tuple[str, str]],
                                                         list[tuple[str, str]]]:
    """An entry's field values, resolved (a repeated field keeps its first value), the
    (field, name) of each ``@string`` name they use that is not defined, and the (field, next
    field) of each value that runs into the next field (a comma missing).

    bibtexparser's own enclosure and ``@string`` middlewares are not run: this
    does both in one pass (and joins ``#`` concatenations, which they leave)."""
    values: dict[str, str] = {}
    undefined: list[tuple[str, str]] = []
    run_on: list[tuple[str, str]] = []
    for field in entry.fields:
        name = field.key.lower()
        if name not in values:
            missing: list[str] = []
            values[name] = _resolve(str(field.value), strings, missing)
            undefined.extend((name, macro) for macro in missing)
            following = _run_on(str(field.value))
            if following:
                run_on.append((name, following))
    return values, undefined, run_on


def parse_bibtex(text: str, path: str = "<string>") -> tuple[list[Reference], list[Problem]]:
    """Parse BibTeX/BibLaTeX into records (id = citation key).

    Every entry block (``@type{`` or ``@type(`` at a line start, other than
    ``@string``, ``@preamble`` and ``@comment``) becomes a record or a
    ``broken-entry`` problem naming its line; records read with a defect
    (duplicate key, repeated field, missing key or comma, unknown crossref,
    undefined ``@string`` name, a field with no name) carry a warning; a ``crossref``
    finds its parent whatever the case of its key, as in BibTeX.  A repeated key is kept as
    ``key#line`` (``key#line-2``... when one line repeats it again), never
    as an id another entry has.

    Examples:
        >>> refs, problems = parse_bibtex('@article{a, title={A}}\\n\\n@article{b, title={B}\\n\\n@book{c, title={C}}\\n')
        >>> [r.id for r in refs], [(p.kind, p.where.line) for p in problems]
        (['a', 'c'], [('broken-entry', 3)])
        >>> refs, problems = parse_bibtex('@book{a, title={A}} @book{a, title={B}} @book{a, title={C}}')
        >>> [r.id for r in refs], [p.kind for p in problems]
        (['a', 'a#1', 'a#1-2'], ['duplicate-key', 'duplicate-key'])
    """
    library = parse_string(_blank_comments(text), parse_stack=[])
    strings: dict[str, str] = {}
    problems: list[Problem] = []
    for string in library.strings:
        missing: list[str] = []
        strings[string.key.lower()] = _resolve(str(string.value), strings, missing)
        for macro in missing:
            problems.append(Problem("undefined-string", "warning",
                                    f"@string '{string.key}' uses '{macro}', which no @string before it defines; "
                                    "it is kept as text; define it first or put the value in braces",
                                    SourceLocation(path, (string.start_line or 0) + 1)))
    # (line, entry) for every entry read, in file order.
    found: list[tuple[int, Entry]] = [((e.start_line or 0) + 1, e) for e in library.entries]
    for block in library.failed_blocks:
        line = (block.start_line or 0) + 1
        where = SourceLocation(path, line)
        recovered = block.ignore_error_block
        if isinstance(recovered, Entry):
            found.append((line, recovered))
            if isinstance(block, DuplicateFieldKeyBlock):
                names = ", ".join(sorted(block.duplicate_keys))
                problems.append(Problem("duplicate-field", "warning",
                                        f"entry '{recovered.key}' repeats field(s) {names}; the first value is kept",
                                        where))
            elif not isinstance(block, DuplicateBlockKeyBlock):  # duplicate keys are reported below
                problems.append(Problem("recovered-entry", "warning",
                                        f"entry '{recovered.key}' read despite an error ({_reason(block)})", where))
            continue
        head = _BLOCK_HEAD.match(block.raw or "")
        kind = head.group(1).lower() if head else ""
        if kind in _NOT_ENTRIES:
            problems.append(Problem(f"broken-{kind}", "error", f"@{kind} block not read ({_reason(block)}); "
                                    "check its braces and quotes", where))
            continue
        key = f" '{head.group(2)}'" if head and head.group(2) else ""
        problems.append(Problem("broken-entry", "error",
                                f"entry{key} not read ({_reason(block)}); check its braces, quotes and commas",
                                where))
    for comment in library.comments:
        # An "@type" with no brace after it is not a block to bibtexparser, which keeps it as comment text.
        if isinstance(comment, ImplicitComment):
            for match in _STRAY_START.finditer(comment.comment):
                if match.group(1).lower() not in _NOT_ENTRIES:
                    line = (comment.start_line or 0) + 1 + comment.comment.count("\n", 0, match.start())
                    problems.append(Problem("broken-entry", "error",
                                            f"'@{match.group(1)}' is not followed by '{{' or '('; entry not read",
                                            SourceLocation(path, line)))
    found.sort(key=lambda item: item[0])
    used = {entry.key for _, entry in found if entry.key}  # a renamed entry never takes another's key
    by_key: dict[str, dict[str, str]] = {}
    records: list[tuple[int, str, dict[str, str], str]] = []
    for line, entry in found:
        where = SourceLocation(path, line)
        key = entry.key
        fields, undefined, run_on = _fields(entry, strings)
        if not key:
            key = free_id(f"line{line}", used)
            problems.append(Problem("missing-key", "warning", f"entry has no citation key; it is kept as '{key}'",
                                    where))
        elif key in by_key:
            first = next(item[0] for item in records if item[1] == key)
            new_key = free_id(f"{key}#{line}", used)
            problems.append(Problem("duplicate-key", "warning",
                                    f"duplicate key '{key}' (first at line {first}); this entry is kept as "
                                    f"'{new_key}'", where))
            key = new_key
        used.add(key)
        for field in entry.fields:
            if not field.key.strip():
                problems.append(Problem("nameless-field", "warning",
                                        f"entry '{key}': a field has no name before its '=' (value "
                                        f"'{str(field.value).strip()[:60]}'); it is not read; name the field",
                                        where))
        for name, following in run_on:
            problems.append(Problem("missing-comma", "warning",
                                    f"entry '{key}': field '{name}' runs into '{following} = ...'; "
                                    "a comma is missing before it", where))
        for name, macro in undefined:
            problems.append(Problem("undefined-string", "warning",
                                    f"entry '{key}': field '{name}' uses '{macro}', which no @string defines; it "
                                    "is kept as text; define it with @string or put the value in braces", where))
        by_key.setdefault(key, fields)
        records.append((line, key, fields, entry.entry_type))
    references: list[Reference] = []
    keys: dict[str, str] = {}
    for key in by_key:
        keys.setdefault(key.lower(), key)
    for line, key, fields, entry_type in records:
        references.append(_reference(key, fields, entry_type, by_key, keys, problems, SourceLocation(path, line)))
    problems.sort(key=lambda p: p.where.line if p.where else 0)
    return references, problems


def _reference(key: str, fields: dict[str, str], entry_type: str, by_key: dict[str, dict[str, str]],
               keys: dict[str, str], problems: list[Problem], where: SourceLocation) -> Reference:
    """One entry as a record; ``keys`` gives the key of each lower-cased key (BibTeX's crossref
    lookup ignores case)."""
    parent: dict[str, str] = {}
    crossref = fields.get("crossref", "").strip()
    if crossref:
        crossref = crossref if crossref in by_key else keys.get(crossref.lower(), crossref)
        if crossref in by_key:
            parent = by_key[crossref]
        else:
            problems.append(Problem("unknown-crossref", "warning",
                                    f"entry '{key}': crossref '{crossref}' is not in the file", where))

    def get(name: str) -> str:
        value = fields.get(name, "")
        if not value and name in _INHERITED and parent:
            value = parent.get(name, "") or (parent.get("title", "") if name == "booktitle" else "")
        return value

    authors, et_al = split_bibtex_names(get("author"))
    editors, _ = split_bibtex_names(get("editor"))
    date = get("year") or get("date")
    year_match = re.search(r"\b(\d{4})([a-z]?)\b", date)
    kind = _TYPES.get(entry_type.lower(), "article")
    container = get("journal") or get("journaltitle") or get("booktitle")
    publisher = get("publisher") or get("school") or get("institution") or get("organization")
    return Reference(
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
        pages=page_range(decode_latex(get("pages"))),
        edition=decode_latex(get("edition")),
        publisher=decode_latex(publisher),
        place=decode_latex(get("address") or get("location")),
        doi=_plain(get("doi")),
        url=_plain(get("url")),
        isbn=_plain(get("isbn")),
        pmid=_plain(get("pmid")),
        raw="",
        source=where,
        source_format="bibtex",
    )


def _plain(value: str) -> str:
    r"""An identifier field as given, minus braces and LaTeX escapes (``10.1000/a\_b``)."""
    value = value.strip()
    if "\\" in value or "{" in value:
        value = re.sub(r"\\([&%$#_{}~])", r"\1", re.sub(r"(?<!\\)[{}]", "", value))  # "\{" is a brace of the value
    return value
