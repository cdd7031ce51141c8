"""Printed reference lists: split into entries and parse each entry.

Each entry is read by the CRF labeller of :mod:`kg.ingest.references.crf`
(trained on AnyStyle's tagged sets and on references printed in the six
styles of :mod:`kg.ingest.references.styles`: APA, Harvard, Chicago, MLA,
Vancouver, IEEE), whatever its style: numbered or not, wrapped over lines,
with en dashes, typographic quotes, italics markers and Unicode names.
Without an installed model, author-date rules read APA and Harvard shapes:
``Authors (Year). Title. Container, Volume(Issue), Pages.`` with titles in
quotes or italics (``*...*``), books whose publisher is printed in italics
like a journal, chapters ``In Editors (Eds.), *Book* (pp. x-y). Publisher.``,
``et al.`` inside an author list, article numbers (``e1000316``) and
editions (``3rd ed.``).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from kg.model import Person, Problem, Reference, SourceLocation

_HEADER = re.compile(r"^\s*(?:[ep]-?ISSN\b|ISSN\b|Page \d+\b|\d{1,4}\s*$)", re.I)
_ENTRY_START = re.compile(r"^\s*(?:[-*•]\s+|\[\d+\]\s*|\d+\.\s+)")
_AUTHOR_YEAR = re.compile(
    r"^(?P<authors>.+?)\s*\((?P<year>\d{4}|n\.\s?d\.|in press)(?P<suffix>[a-z]?)(?:,[^)]*)?\)\.?\s*(?P<rest>.*)$",
    re.I,
)
_INITIALS = re.compile(r"^(?:[A-ZÀ-Þ][a-zà-ÿ]?\.(?:\s*-?\s*)?)+$|^[A-ZÀ-Þ]{1,3}$")
_PUBLISHER_WORDS = re.compile(
    r"\b(?:Press|Publish\w*|Publications|Books|Macmillan|Routledge|Wiley|Elsevier|Springer|Sage|"
    r"Guilford|Jossey-Bass|Bacon|University|Verlag|Editions?|Company|Inc\.?|Ltd\.?)\b"
)
_EDITION = re.compile(r"\b(\d+)(?:st|nd|rd|th)\s+ed(?:ition)?\.?", re.I)
_VOLUME = re.compile(r"^(?P<volume>\d+)\s*(?:\((?P<issue>[^)]+)\))?\s*,?\s*(?P<pages>[A-Za-z]?\d+(?:\s*[-–—]\s*[A-Za-z]?\d+)?)?\.?$")


_DOI = re.compile(r"\b(10\.\d{4,9}/\S+?)[.,;]?(?:\s|$)")
_URL = re.compile(r"https?://\S+")


def doi_and_url(raw: str) -> tuple[str, str]:
    """The DOI printed in an entry, and its URL when it has no DOI.

    >>> doi_and_url("Title. J, 1. https://doi.org/10.1000/xyz.5. ")
    ('10.1000/xyz.5', '')
    >>> doi_and_url("Page. Retrieved from https://example.org/a.")
    ('', 'https://example.org/a')
    """
    # Each pattern is searched for only when the text holds its fixed start.
    doi = _DOI.search(raw) if "10." in raw else None
    url = _URL.search(raw) if doi is None and "http" in raw else None
    return (doi.group(1) if doi else "", url.group(0).rstrip(".") if url else "")


def _strip_marks(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("*", "").replace("_", " ")).strip().strip('"“”').strip()


def split_people(text: str) -> tuple[tuple[Person, ...], bool]:
    """Split an APA author list ("Berkman, L. F., Glass, T., & Seeman, T. E.").

    Returns:
        The people in order and whether the list was cut with "et al.".

    Examples:
        >>> people, et_al = split_people("Chinman, M., George, P., Dougherty, R. H., et al.")
        >>> [p.family for p in people], et_al
        (['Chinman', 'George', 'Dougherty'], True)
    """
    text = text.strip().rstrip(",").strip()
    et_al = bool(re.search(r"(?:,\s*)?\bet\s+al\.?$", text))
    text = re.sub(r"(?:,\s*)?\bet\s+al\.?$", "", text)
    text = re.sub(r"\s*(?:,\s*)?(?:&|\band\b)\s*", ", ", text)
    parts = [p.strip() for p in text.split(",") if p.strip()]
    people: list[Person] = []
    i = 0
    while i < len(parts):
        family = parts[i]
        if i + 1 < len(parts) and _INITIALS.match(parts[i + 1]):
            people.append(Person(family, parts[i + 1]))
            i += 2
        else:
            people.append(Person(family))
            i += 1
    return tuple(people), et_al


def _pages(text: str) -> str:
    return re.sub(r"\s*[–—]\s*", "-", text.strip())


def _book_tail(tail: str) -> tuple[str, str]:
    """Edition and publisher from what follows a book title."""
    edition = ""
    match = _EDITION.search(tail)
    if match:
        edition = match.group(1)
        tail = tail[: match.start()] + tail[match.end():]
    publisher = _strip_marks(tail).strip(". ")
    return edition, publisher


_parse_with_crf: Callable[[str, str, SourceLocation], Reference | None] | None = None


def parse_reference(entry: str, ref_id: str, source: SourceLocation) -> tuple[Reference, list[Problem]]:
    """Parse one printed reference in any of the common styles.

    The CRF labeller (:mod:`kg.ingest.references.crf`) reads every entry; the
    author-date rules read APA and Harvard entries too, and their answer is
    kept when they place every part of the entry and agree with the CRF on
    the authors and the year (the rules keep typography the CRF drops, such
    as an italic title marking a book).  Without an installed model the
    rules alone are used.

    Examples:
        >>> r, _ = parse_reference('Corrigan, P. W. (2004). "How Stigma Interferes with Mental '
        ...     'Health Care." *American Psychologist*, 59(7), 614-625.', "1", SourceLocation("r.txt", 1))
        >>> (r.type, r.title, r.container, r.volume, r.issue, r.pages)
        ('article-journal', 'How Stigma Interferes with Mental Health Care', 'American Psychologist', '59', '7', '614-625')
    """
    global _parse_with_crf
    if _parse_with_crf is None:
        # Imported at the first entry (crf imports this module); an import statement run per entry costs more.
        from kg.ingest.references.crf import parse_with_crf

        _parse_with_crf = parse_with_crf

    raw = " ".join(entry.split())  # runs of white space made one space, as re.sub(r"\s+", " ", ...).strip()
    learned = _parse_with_crf(raw, ref_id, source)
    if learned is not None and (learned.title or learned.container) and (learned.authors or learned.year):
        return _settle(learned, raw), []
    rules = _parse_author_date(raw, ref_id, source)
    if rules is not None:
        return rules, []
    problem = Problem(
        "unparsed-reference",
        "warning",
        f"entry {ref_id}: no authors, year or title could be read from {raw[:60]!r}; kept with its text only "
        "(check that the line holds one whole reference)",
        source,
    )
    return Reference(ref_id, raw=raw, title=raw, source=source, confidence=0.1, leftover=raw), [problem]


#: NLM's supplement, "2014 Mar;21 Suppl 1:S7-19.", "2014;21 Suppl:S7-19." or a numbered one in the issue's
#: brackets, "2014;129(25 Suppl 2):S1-45.", "2014;129(Suppl 2):S1-45.": year (month and day), volume, the
#: supplement (the issue: the bracket's text whole, "25 Suppl 2") and the pages.  A bracketed supplement with
#: no number, "2008;64(4 Suppl):S289-94.", is left as the CRF reads it: AnyStyle's labelled sets (2 entries of
#: "good") cut it there, issue none and pages "Suppl):S289-94", and the rule would undo their match.  NLM's
#: part after the volume is printed the same way, "1989;54 Pt 1:1-13.": volume 54, issue "Pt 1", pages "1-13".
_NLM_SUPPLEMENT = re.compile(
    r"(?<![\w;:])(1[5-9]\d\d|20\d\d)(?: [A-Z][a-z]{2}(?:-[A-Z][a-z]{2})?(?: \d{1,2})?)?;(\d+)"
    r"(?: (Suppl\.?(?: ?\d+[A-Za-z]?)?|Pt\.? ?\d+[A-Za-z]?)|\(((?:\d+[A-Za-z]? )?Suppl\.? ?\d+[A-Za-z]?)\))"
    r":([A-Za-z]?\d+[A-Za-z]?(?:[-–—][A-Za-z]?\d+[A-Za-z]?)?)(?=[.;,]?(?:\s|$))")


def _without_run(value: str, run: str) -> str:
    """``value`` less a tail the CRF took from ``run`` (the words from the first one that is a piece of it on,
    when that piece holds the run's own ";", "Suppl" or "Pt"), its edge punctuation trimmed."""
    words = value.split(" ")
    for k in range(len(words)):
        tail = " ".join(words[k:]).strip(" .,")
        if tail and tail in run and (";" in tail or "Suppl" in tail or "Pt" in tail):
            return " ".join(words[:k]).strip(" .,;:")
    return value


def _settle(ref: Reference, raw: str) -> Reference:
    """Fix two readings of the CRF's record no later rule of :mod:`kg.ingest.references.crf` mends.

    * NLM's supplement without brackets, "2014 Mar;21 Suppl 1:S7-19." / "2014;21 Suppl:S7-19.": the CRF spreads
      the run over the title, the container, the volume and the pages; it is volume 21, issue "Suppl 1" (or
      "Suppl"), pages "S7-19" as printed, and the words it left in the title or container are cut from them.
      A numbered supplement in brackets, "2014;129(25 Suppl 2):S1-45.", the CRF cuts inside the bracket
      (pages "2):S1-45"): volume 129, issue "25 Suppl 2" (the bracket's text), pages "S1-45".  NLM's part,
      "1989;54 Pt 1:1-13.", is printed and read the same way (issue "Pt 1").
    * A title that ends with a bracket, "Growth of the thing (GOT).": the edge trimming of the
      field took the closing ")" and left "(GOT"; the bracket is put back when the entry prints it there.
    """
    changes: dict[str, Any] = {}  # Reference field name -> new value (str, int or None)
    supplement = _NLM_SUPPLEMENT.search(raw) if "Suppl" in raw or "Pt" in raw else None
    if supplement:
        run = supplement.group(0)
        changes["volume"] = supplement.group(2)
        changes["issue"] = (supplement.group(3) or supplement.group(4)).rstrip(".")
        changes["pages"] = re.sub(r"[–—]", "-", supplement.group(5))
        if ref.year is None:
            changes["year"] = int(supplement.group(1))
        changes["title"] = _without_run(ref.title, run)
        changes["container"] = _without_run(ref.container, run)
    title = str(changes.get("title", ref.title))
    if title.count("(") == title.count(")") + 1 and not title.endswith(")"):
        plain = raw.replace("*", "")
        if f"{title})" in plain:
            changes["title"] = f"{title})"
    changes = {k: v for k, v in changes.items() if getattr(ref, k) != v}
    return replace(ref, **changes) if changes else ref


def _rules_win(rules: Reference, learned: Reference) -> bool:
    """Whether the author-date rules' reading beats the CRF's for one entry."""
    if rules.leftover or not rules.title or not rules.authors or rules.year != learned.year:
        return False
    if [p.family for p in rules.authors] != [p.family for p in learned.authors]:
        return False
    if rules.type == "article-journal":
        return bool(rules.container and rules.volume)
    if rules.type == "chapter":
        return bool(rules.container and rules.pages)
    return bool(rules.publisher) and not learned.container


def _parse_author_date(raw: str, ref_id: str, source: SourceLocation) -> Reference | None:
    """The author-date rules' reading of one entry, or ``None`` when it has no "Authors (Year)." part."""
    match = _AUTHOR_YEAR.match(raw)
    if not match:
        return None
    authors, et_al = split_people(match.group("authors"))
    year_text = match.group("year")
    year = int(year_text) if year_text.isdigit() else None
    rest = match.group("rest").strip()
    fields: dict[str, str] = {}
    # Title: quoted, italic, or plain up to the first full stop before the container.
    if rest.startswith(('"', "“")):
        end = re.search(r'["”]', rest[1:])
        stop = end.start() + 1 if end else len(rest)
        title, tail = rest[1:stop], rest[stop + 1:]
        title_italic = False
    elif rest.startswith("*"):
        stop = rest.find("*", 1)
        title, tail = rest[1:stop], rest[stop + 1:]
        title_italic = True
    else:
        sentence = re.search(r"\.\s+(?=\*|In\s|\d+(?:st|nd|rd|th)\s+ed|[A-Z])", rest)
        cut = sentence.start() if sentence else len(rest)
        title, tail = rest[:cut], rest[cut + 1:]
        title_italic = False
    title = _strip_marks(title).rstrip(".")
    tail = tail.strip().lstrip(".").strip()
    kind = "article-journal"
    chapter = re.match(r"^In\s+(?P<eds>.+?)\s*\((?:Eds?\.|eds?\.)\),\s*(?P<book>.+?)\s*\((?:pp?\.)\s*(?P<pages>[^)]+)\)\.?\s*(?P<pub>.*)$", tail)
    editors: tuple[Person, ...] = ()
    if chapter:
        kind = "chapter"
        editors = tuple(_editor(n) for n in re.split(r",\s*(?:&\s*)?|\s+&\s+|\s+and\s+", chapter.group("eds")) if n.strip())
        fields["container"] = _strip_marks(chapter.group("book"))
        fields["pages"] = _pages(chapter.group("pages"))
        fields["edition"], fields["publisher"] = _book_tail(chapter.group("pub"))
    elif title_italic:
        kind = "book"
        fields["edition"], fields["publisher"] = _book_tail(tail)
    else:
        italic = re.match(r"^\*(?P<container>[^*]+)\*\s*,?\s*(?P<after>.*)$", tail) or re.match(
            r"^(?P<container>[^,*]+?),\s*(?P<after>\d+\s*(?:\([^)]*\))?\s*(?:,\s*[A-Za-z]?\d+.*)?)$", tail)
        container = italic.group("container") if italic else ""
        after = italic.group("after") if italic else tail
        volume = _VOLUME.match(after.strip().rstrip(".")) if after.strip() else None
        if italic and volume:
            fields["container"] = _strip_marks(container)
            fields["volume"] = volume.group("volume")
            fields["issue"] = volume.group("issue") or ""
            fields["pages"] = _pages(volume.group("pages") or "")
        elif italic and not after.strip(" .") and _PUBLISHER_WORDS.search(container):
            # A publisher printed in italics as if it were a journal.
            kind = "book"
            fields["publisher"] = _strip_marks(container).rstrip(".")
        elif italic:
            fields["container"] = _strip_marks(container)
            fields["leftover"] = after.strip()
        else:
            kind = "book"
            fields["edition"], fields["publisher"] = _book_tail(tail)
    doi, url = doi_and_url(raw)
    reference = Reference(
        id=ref_id,
        type=kind,
        authors=authors,
        editors=editors,
        et_al=et_al,
        year=year,
        year_suffix=match.group("suffix") or "",
        date_text="" if year else year_text,
        title=title,
        container=fields.get("container", ""),
        volume=fields.get("volume", ""),
        issue=fields.get("issue", ""),
        pages=fields.get("pages", ""),
        edition=fields.get("edition", ""),
        publisher=fields.get("publisher", ""),
        doi=doi,
        url=url,
        raw=raw,
        source=source,
        source_format="text",
        confidence=0.6 if fields.get("leftover") else 0.9,
        leftover=fields.get("leftover", ""),
    )
    return reference


def _editor(name: str) -> Person:
    """An editor printed "L. F. Berkman" (initials first)."""
    name = name.strip()
    match = re.match(r"^(?P<given>(?:[A-ZÀ-Þ][a-z]?\.\s*-?\s*)+)(?P<family>.+)$", name)
    if match:
        return Person(match.group("family").strip(), match.group("given").strip())
    return Person(name)


def split_entries(text: str) -> list[tuple[int, str]]:
    """Split a printed reference list into (first line, entry text) pairs.

    The layout is read from the text: in a numbered or bulleted list ("1.",
    "[1]", "1)", "(1)", "-", "•"; numbers in sequence) each marker starts an
    entry; with a hanging indent (first line flush, the rest indented) each
    flush line does; otherwise a line after a blank line does and wrapped
    lines continue it; with neither blank lines nor indents, each line that
    reads as the start of an entry ("Surname, I." or "Name (Year)" after a
    line ending in a full stop) does.  Running page headers and footers (a
    line repeated three times or more, page numbers aside; "Page 3"; a bare
    number; ISSN lines) are dropped, and an entry broken by a page break
    continues after it.

    Examples:
        >>> split_entries("- A (2000). T.\\n  cont.\\n\\ne-ISSN: 1\\n\\n- B (2001). U.\\n")
        [(1, 'A (2000). T. cont.'), (6, 'B (2001). U.')]
        >>> split_entries("Lee, A. (2000). Title\\n    goes on. J, 1.\\nKim, B. (2001). U.\\n")
        [(1, 'Lee, A. (2000). Title goes on. J, 1.'), (3, 'Kim, B. (2001). U.')]
    """
    return [(line, entry) for line, entry, _number in numbered_entries(text)]


def numbered_entries(text: str) -> list[tuple[int, str, int | None]]:
    """:func:`split_entries` with each entry's printed number ("[12]", "12.",
    "(12)"; ``None`` in a list that is not numbered, or for a bullet).

    >>> numbered_entries("[1] A (2000). T.\\n[2] B (2001).\\n    U.\\n")
    [(1, 'A (2000). T.', 1), (2, 'B (2001). U.', 2)]
    """
    marker = re.compile(r"^\s*(?:([-*•–])\s+|\[(\d+)\]\s*|\((\d+)\)\s+|(\d+)[.)]\s+)")
    # "Smith, J." / "Van Dyke, A.", Vancouver "Adeli K,", or a name before "(2004)" / "(n.d.)"
    author_start = re.compile(r"^(?:[A-Z][^\s,.(]*(?:[ -][A-Z][^\s,.(]*){0,3},\s+[A-Z]"
                              r"|[A-Z][^\s,.(]*(?: [A-Z][^\s,.(]*){0,2} [A-Z]{1,3}[,.]|[^()]{2,120}?\((?:\d{4}|n\.\s?d\.))")

    def shape(line: str) -> str:  # a running header with its page number taken off
        return re.sub(r"^\d+\s+|\s+\d+$", "", line)

    lines = text.split("\n")
    counts = Counter(shape(line.strip()) for line in lines if len(line.strip()) > 3)
    # (line number, text, follows a blank line, follows a dropped header, marker number or -1 for a bullet)
    kept: list[tuple[int, str, bool, bool, int | None]] = []
    after_blank, after_header, expected = True, False, None
    for n, line in enumerate(lines, start=1):
        stripped = line.strip()
        if not stripped:
            after_blank = True
            continue
        mark = marker.match(line)
        number = None
        if mark:
            digits = mark.group(2) or mark.group(3) or mark.group(4)
            number = int(digits) if digits else -1
            if digits and expected is not None and not expected <= number <= expected + 3:
                number = None  # "2004). Title" wrapped onto a new line is no item number (a gap of a few is)
        if _HEADER.match(line) or (counts[shape(stripped)] >= 3 and number is None and len(stripped) < 120):
            after_header = True
            continue
        if number is not None and number >= 0:
            expected = number + 1
        kept.append((n, line, after_blank, after_header, number))
        after_blank = after_header = False
    numbered = sum(1 for item in kept if item[4] is not None) >= 2
    flush_after_indent = any(kept[i][1][:1].isspace() and not kept[i + 1][1][:1].isspace() and not kept[i + 1][2]
                             for i in range(len(kept) - 1))
    indent_after_flush = any(not kept[i][1][:1].isspace() and kept[i + 1][1][:1].isspace()
                             for i in range(len(kept) - 1))
    hanging = flush_after_indent and indent_after_flush
    blank_separated = any(item[2] for item in kept[1:])
    # (line number, parts, first line as printed, printed number)
    entries: list[tuple[int, list[str], str, int | None]] = []
    for n, line, blank, header, number in kept:
        stripped = line.strip()
        flush = not line[:1].isspace()
        if not entries:
            starts = True
        elif numbered:
            starts = number is not None
        elif hanging:
            starts = flush
        elif blank_separated:
            starts = blank and flush and not (header and stripped[:1].islower())
        else:
            previous = entries[-1][1][-1]
            starts = previous.endswith((".", ")", "]")) and bool(author_start.match(stripped)) or (
                bool(re.search(r"\b10\.\d{4,9}/\S+$|https?://\S+$", previous)) and bool(author_start.match(stripped)))
        if starts:
            entries.append((n, [marker.sub("", line, count=1).strip() if number is not None else stripped], stripped,
                            number if numbered and number is not None and number >= 0 else None))
        else:
            entries[-1][1].append(stripped)
    # A marker with nothing after it ("2." or a lone bullet) stays an entry, printed as it is, so the
    # reader reports it as unreadable instead of handing on an empty record.
    return [(n, " ".join(part for part in parts if part) or printed, number) for n, parts, printed, number in entries]


#: Words left unplaced from which a reader is told (a note such as "Reprinted in ...", or a line that is no
#: part of the reference, joined to it as a wrapped line).
UNPLACED_WORDS = 5


def parse_text_list(text: str, path: str) -> tuple[list[Reference], list[Problem]]:
    """Parse every entry of a printed list; ids are 1-based positions.

    An entry whose leftover text (see :attr:`kg.model.Reference.leftover`)
    runs to ``UNPLACED_WORDS`` words or more gets an ``info`` problem: the
    text is kept with the record, and the reader sees where it went.
    """
    references: list[Reference] = []
    problems: list[Problem] = []
    for position, (line, entry, number) in enumerate(numbered_entries(text), start=1):
        where = SourceLocation(path, line)
        reference, found = parse_reference(entry, str(position), where)
        if number is not None:
            reference = replace(reference, number=number)
        references.append(reference)
        problems.extend(found)
        if not found and len(reference.leftover.split()) >= UNPLACED_WORDS:
            problems.append(Problem(
                "unplaced-text", "info",
                f"entry {position}: {reference.leftover[:60]!r} was placed in no field; kept as the record's "
                "leftover text (if it is no part of the reference, remove it from the list)",
                where))
    return references, problems
