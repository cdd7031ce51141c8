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
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from kg.ingest.references.common import ENTITY, decode_entity
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
    return _without_ellipsis(tuple(people)), et_al


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


#: An undated or forthcoming date printed with a capital: "(N.d.)", "(N. D.)", "(In Press)", "(IN PRESS)".
_CAPITALISED_UNDATED = re.compile(r"\((?:N\.\s?[dD]\.|[Ii][Nn] [Pp][Rr][Ee][Ss][Ss]|Forthcoming)\)")


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
    # The CRF knows the undated dates in lower case: "(N.d.)" it read as an author, "(N. d.)" as two.
    shown = _CAPITALISED_UNDATED.sub(lambda m: m.group(0).lower(), raw) if "(" in raw else raw
    learned = _parse_with_crf(shown, ref_id, source)
    if learned is not None and shown is not raw:
        learned = replace(learned, raw=raw)
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


#: A title wholly in single quotes, with no quote inside it opening or closing a word ("'Yes' and 'no'").
_SINGLE_QUOTED = re.compile(r"^['‘](?:(?!['‘’](?:\s|$)|(?:^|\s)['‘]).)+['’]$")


#: APA 7's description in brackets after a title, a full stop after it: "[Doctoral dissertation, Harvard
#: University].", "[Data set].": what the work is, and who issued it.  Only the kinds of work named here: a
#: bracket after a title is also its translation ("[Pronouns in the Khwarezmian language]"), part of it.
_DESCRIPTION = re.compile(
    r"\s\[(?P<what>[^\[\],]*\b(?:[Tt]hesis|[Dd]issertation|[Dd]ata ?set|[Mm]anuscript|[Rr]eport|[Ss]oftware|"
    r"[Mm]otion picture|[Vv]ideo|DVD|[Pp]odcast)\b[^\[\],]*)(?:,\s*(?P<by>[^\[\]]+))?\](?=\.|$)")

#: APA's date of an undated or forthcoming work, "(in press)", "(In press)", "(n.d.)", as printed after the authors.
_UNDATED = re.compile(r"\((in press|forthcoming|n\.\s?d\.)\)", re.I)


#: APA 7's ellipsis standing for the authors left out before the last one: ". . . Baek", "... Baek", "… Baek".
_ELLIPSIS = re.compile(r"^(?:\.\s?\.\s?\.|…)\s*")


def _without_ellipsis(people: tuple[Person, ...]) -> tuple[Person, ...]:
    """``people`` with an ellipsis taken off the front of each family name."""
    return tuple(replace(p, family=_ELLIPSIS.sub("", p.family)) for p in people)


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
    * A title in single quotes, as Harvard prints it ("'Deep learning for things', Journal..."): the quotes
      are taken off (a title holding quotes of its own, "'Yes' and 'no'", keeps them).
    * An undated entry, "(In press).", "(in press)." after a name the CRF does not know ("Ölander, K."): the
      CRF may read the date into the title ("In press). Recovery"); the date is "in press" (or "n.d."),
      and the words are taken off the title.  Vancouver's closing "In press." the CRF leaves unplaced is the
      date too.
    * APA 7's description in brackets after a title, "[Doctoral dissertation, Harvard University]", "[Data
      set]": the CRF reads it into the title (and the institution into the publisher, with the bracket);
      it is cut from the title, and the institution, else the name printed after the bracket, is the
      publisher; a thesis or dissertation it names is the entry's type.
    * APA 7's ellipsis before the last of twenty-one authors or more ("Oh, K., . . . Baek, S."): the CRF
      reads it into the last family name; it is taken off.
    * A title that ends with a bracket, "Growth of the thing (GOT).": the edge trimming of the
      field took the closing ")" and left "(GOT"; the bracket is put back when the entry prints it there.
    """
    changes: dict[str, Any] = {}  # Reference field name -> new value (str, int or None)
    if any(_ELLIPSIS.match(p.family) for p in ref.authors):
        changes["authors"] = _without_ellipsis(ref.authors)
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
    undated = _UNDATED.search(raw) if ref.year is None and not ref.date_text and "(" in raw else None
    if undated:
        changes["date_text"] = "n.d." if undated.group(1)[:1] in "nN" else undated.group(1).lower()
        lost = re.match(rf"^{re.escape(undated.group(1))}\)\.?\s*", ref.title, re.I)
        if lost:
            changes["title"] = ref.title[lost.end():]
    elif ref.year is None and not ref.date_text and re.fullmatch(r"in press|forthcoming", ref.leftover, re.I):
        changes["date_text"], changes["leftover"] = ref.leftover.lower(), ""  # Vancouver's closing "In press."
    title = str(changes.get("title", ref.title))
    described = _DESCRIPTION.search(raw) if "[" in raw else None
    if described:
        # APA 7's description after a title, "My thesis [Doctoral dissertation, Harvard University]. ProQuest.",
        # "Survey of things [Data set]. Zenodo.": no part of the title; the institution named in it is the
        # publisher (a database's name after it is kept as leftover), else the name the CRF read after it.
        by = (described.group("by") or "").strip()
        if re.search(r"\b(?:thesis|dissertation)\b", described.group("what"), re.I):
            changes["type"] = "thesis"
        cut = title.find(" [" + described.group("what")[:3])
        if cut >= 0:
            title, after = title[:cut], title[cut:].partition("]")[2].strip(" .")
            changes["title"] = title
            if after and not by and not ref.publisher:
                changes["publisher"] = after
        if by and ref.publisher.startswith(by) and ref.publisher != by:
            changes["publisher"] = by
            rest = ref.publisher[len(by):].strip(" .]")
            if rest:
                changes["leftover"] = f"{ref.leftover} {rest}".strip()
    if _SINGLE_QUOTED.match(title):
        title = changes["title"] = title[1:-1]
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
    "[1]", "1)", "(1)", "-", "•") each marker starts an entry (a number out of
    sequence only when an entry's start follows it, see :func:`read_list`);
    with a hanging indent (first line flush, the rest indented) each
    flush line does; otherwise a line after a blank line does and wrapped
    lines continue it; with neither blank lines nor indents, each line that
    reads as the start of an entry ("Surname, I." or "Name (Year)" after a
    line ending in a full stop) does.  Running page headers and footers (a
    line repeated three times or more, page numbers aside; "Page 3"; a bare
    number; ISSN lines) and a "References" heading are dropped, and an entry
    broken by a page break continues after it.

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
    return read_list(text, "<string>")[0]


# An item number has at most 7 digits (a list of millions); a longer run of digits is no item number.
_MARKER = re.compile(r"^\s*(?:([-*•–])\s+|\[(\d{1,7})\]\s*|\((\d{1,7})\)\s+|(\d{1,7})([.)])\s+)")
_UPPER = "A-ZÀ-ÖØ-ÞĀ-Ž"
#: The particles a surname may open with in lower case ("van der Berg, P.", "de Souza M,").
_PARTICLES = r"(?:(?:van|von|de|der|den|del|della|des|di|da|du|do|dos|das|la|le|ter|ten) )*"
# "Smith, J." / "Van Dyke, A." / "Ölander, K." / "van der Berg, P.", Vancouver "Adeli K,", or a name before
# "(2004)" / "(n.d.)" / "(in press)"
_AUTHOR_START = re.compile(
    rf"^(?:{_PARTICLES}[{_UPPER}][^\s,.(]*(?:[ -][{_UPPER}][^\s,.(]*){{0,3}},\s+[{_UPPER}]"
    rf"|{_PARTICLES}[{_UPPER}][^\s,.(]*(?: [{_UPPER}][^\s,.(]*){{0,2}} [{_UPPER}]{{1,3}}[,.]"
    r"|[^()]{2,120}?\((?:\d{4}|n\.\s?d\.|in press))")
#: What follows an item number that is out of sequence when it opens an entry: an author printed as
#: :data:`_AUTHOR_START` reads one, with any capital letter ("Ölander K,"), initials first as IEEE prints
#: it ("J. Smith,", "A.-B. van Dyke and"), or the dashes standing for the author of the entry before ("---.").
_NAME_START = re.compile(
    rf"^(?:[{_UPPER}][^\s,.(]*(?:[ -][{_UPPER}][^\s,.(]*){{0,3}},\s+[{_UPPER}]"
    rf"|[{_UPPER}][^\s,.(]*(?: [{_UPPER}][^\s,.(]*){{0,2}} [{_UPPER}]{{1,3}}[,.]"
    rf"|[^()]{{2,120}}?\((?:\d{{4}}|n\.\s?d\.)"
    rf"|(?:[{_UPPER}]\.\s?-?\s?)+(?:[a-z]+ ){{0,2}}[{_UPPER}][\w'’-]+(?:,|\.|\s+and\b|\s+et\s+al\b)"
    r"|---|——)")
_ENDS_ENTRY = re.compile(r"[.)\]]$|\b10\.\d{4,9}/\S+$|https?://\S+$")
#: A heading printed above the list: "References", "Works Cited:", "7. Bibliography", "## Sources".
_HEADING = re.compile(
    r"^\s*(?:#+\s*)?(?:\*\*|__)?(?:(?:\d+|[IVXLC]+)\.?\s+)?"
    r"(?:references?(?:\s+(?:list|cited|and\s+notes))?|bibliography|literature\s+cited|cited\s+literature"
    r"|works\s+(?:cited|consulted)|sources(?:\s+cited)?)(?:\*\*|__)?\s*:?\s*$", re.I)
#: Inline HTML tags a list copied from a web page keeps ("<i>Title</i>", "10<sup>th</sup>"), and its entities.
_TAG = re.compile(r"</?(?:i|b|em|strong|u|sup|sub|small|sc|span|font)\b[^<>]*>", re.I)


def _plain(line: str) -> str:
    """A line without inline HTML tags, its entities decoded ("&amp;" is "&"; one that decodes to a control
    or other unprintable character, "&#10;", "&nbsp;", is a space, so lines stay as they were).

    >>> _plain("Davis, M. &amp; Evans, N. <i>Journal &lt;X&gt;</i>, 10<sup>th</sup> &unknown; R&D")
    'Davis, M. & Evans, N. Journal <X>, 10th &unknown; R&D'
    """
    if "<" in line:
        line = _TAG.sub("", line)
    if "&" in line:
        line = ENTITY.sub(lambda m: "".join(c if c.isprintable() else " " for c in decode_entity(m)), line)
    return line


_WORD_BREAK = re.compile(r"[^\W\d_]-$")  # "insulin-" at a line's end
_NUMBER_BREAK = re.compile(r"\d[-–]$")  # "33-"
#: A link cut at a line's end after one of its separators ("https://doi.org/10.1000/", "https://www.")...
_LINK_BREAK = re.compile(r"(?:https?://|\b10\.\d{4,9}/)\S*[/._=&?#-]$")
#: ... and the rest of it opening the next line ("abc.123", "2020/03/05/post"): a word with a digit, a "/" or
#: a "." inside it (a word of letters, "Accessed", opens a sentence).
_LINK_REST = re.compile(r"^\S*(?:\d|[/.]\S)")


def _joined(parts: list[str]) -> str:
    """An entry's lines joined by spaces; a word hyphenated at a line's end ("insulin-" then "resistant",
    "33-" then "45") is joined whole, its hyphen kept, and so is a DOI or link cut after a separator.

    >>> _joined(["How insulin-", "resistant people.", "J, 1, 33-", "45.", "Non-", "Smokers"])
    'How insulin-resistant people. J, 1, 33-45. Non- Smokers'
    >>> _joined(["J, 1. https://doi.org/10.1000/", "abc.123", "https://a.org/x.", "Accessed 2 May 2020."])
    'J, 1. https://doi.org/10.1000/abc.123 https://a.org/x. Accessed 2 May 2020.'
    """
    pieces: list[str] = []
    for part in parts:
        if not part:
            continue
        # The last part, not the text joined so far, is searched (it ends as the text does; a lone "-" is
        # never joined to the part before it), so joining stays linear in the entry's length.
        last = pieces[-1] if pieces else ""
        if last and (_WORD_BREAK.search(last) and part[:1].islower()
                     or _NUMBER_BREAK.search(last) and part[:1].isdigit()
                     or _LINK_BREAK.search(last) and _LINK_REST.match(part)):
            pieces.append(part)
        else:
            pieces += [" ", part] if pieces else [part]
    return "".join(pieces)


def _marker_kind(mark: re.Match[str]) -> str:
    """How an item number is printed: "[]", "()", "." or ")"."""
    return "[]" if mark.group(2) else "()" if mark.group(3) else mark.group(5) or ""


def _numbering_note(previous: int, number: int) -> str:
    """What an item number out of sequence does to the list, for its warning."""
    if number == 1:
        return "numbering restarts at 1 (two lists pasted one after the other?)"
    if number > previous:
        return f"numbering jumps from {previous} to {number} (an entry lost in pasting?)"
    if number == previous:
        return f"number {number} is printed twice"
    return f"numbering goes back from {previous} to {number}"


def _opens_entry(rest: str, number: int, previous: int, ended: bool, upcoming: list[int]) -> bool:
    """Whether an item number out of sequence starts an entry (see :func:`read_list`).

    Args:
        rest: the line after the number.
        number: the number; ``previous`` the last one read as an item number.
        ended: the line before ends as an entry does (a full stop, a bracket, a DOI or link).
        upcoming: the numbers the next few lines that start with one start with.

    >>> _opens_entry("Brown L. Why birds sing.", 8, 2, True, [9]), _opens_entry("World Health Org.", 8, 2, True, [9])
    (True, True)
    >>> _opens_entry("Smith J, editor.", 45, 5, False, [6]), _opens_entry("Publisher.", 2, 7, True, [9])
    (False, False)
    """
    goes_on = next((k for k in upcoming if k in (previous + 1, number + 1)), None)  # which sequence goes on
    if goes_on == previous + 1 and not ended:
        return False  # a wrapped line between two items in sequence
    if _NAME_START.match(rest):
        return True
    return number < 1000 and rest[:1].isupper() and (goes_on == number + 1 or ended and not upcoming)


def read_list(text: str, path: str) -> tuple[list[tuple[int, str, int | None]], list[Problem]]:
    """:func:`numbered_entries`, and the problems met splitting the list.

    An item number in sequence (one more than the last) starts an entry; one
    out of sequence (a gap, a restart at 1, a number printed twice) does when
    it is printed as the list's first number is ("12.", "[12]"...), no further
    indented than it, and followed by an author ("Brown L.", "Smith, J.",
    "J. Smith,", "Name (2004)") or by a capital when its own sequence goes
    on ("8. World Health Organization. ...", "9. ...") or the list ends
    after a line ending an entry; after a line that ends no entry it must
    not sit between two numbers in sequence either ("5.", "...33-" /
    "45. Smith J, ...", "6.").  Each one is a ``list-numbering`` warning.
    Otherwise it is a wrapped line ("2004). Title", "45. doi:...") and
    continues the entry, as does a line opening with a dash in a list of
    item numbers ("– 45").
    A heading line ("References", "Works Cited:", "7. Bibliography") at the
    start of the list, after a blank line or before an item 1 is dropped
    with a ``list-heading`` note.
    """
    lines = [_plain(line) for line in text.split("\n")]

    def shape(line: str) -> str:  # a running header with its page number taken off
        return re.sub(r"^\d+\s+|\s+\d+$", "", line)

    marks = [_MARKER.match(line) for line in lines]
    digits_at = [mark and (mark.group(2) or mark.group(3) or mark.group(4)) or "" for mark in marks]
    # The lines that start with an item number, and their numbers: a look ahead is a bisection, not a scan.
    item_lines = [i for i, digits in enumerate(digits_at) if digits]
    item_numbers = [int(digits_at[i]) for i in item_lines]

    def restarts(index: int) -> bool:  # the next line that is not blank is item 1
        following = next((i for i in range(index + 1, len(lines)) if lines[i].strip()), None)
        return following is not None and digits_at[following] == "1"

    def upcoming(index: int) -> list[int]:  # the numbers of the next three lines that start with one
        k = bisect_left(item_lines, index + 1)
        return item_numbers[k:k + 3]

    counts = Counter(shape(line.strip()) for line in lines if len(line.strip()) > 3)
    problems: list[Problem] = []
    # (line number, text, follows a blank line, follows a dropped header, marker number or -1 for a bullet)
    kept: list[tuple[int, str, bool, bool, int | None]] = []
    after_blank, after_header = True, False
    previous: int | None = None  # the last item number read as one
    kind, margin = "", 0  # how the list's first item number is printed, and its indent
    for index, line in enumerate(lines):
        n = index + 1
        stripped = line.strip()
        if not stripped:
            after_blank = True
            continue
        if _HEADING.match(line) and (not kept or after_blank or restarts(index)):
            problems.append(Problem("list-heading", "info", f"the heading {stripped!r} at line {n} was "
                                    "dropped (it is no reference)", SourceLocation(path, n)))
            continue
        mark = marks[index]
        number, note = None, ""
        if mark:
            digits = mark.group(2) or mark.group(3) or mark.group(4)
            number = int(digits) if digits else -1
            indent = len(line) - len(line.lstrip())
            if digits and previous is None:
                kind, margin = _marker_kind(mark), indent
            elif digits and previous is not None and number != previous + 1:
                ended = bool(kept) and bool(_ENDS_ENTRY.search(kept[-1][1].rstrip()))
                opens = _opens_entry(line[mark.end():], number, previous, ended, upcoming(index))
                if opens and indent <= margin and (_marker_kind(mark) == kind or number == 1):
                    note = _numbering_note(previous, number)
                else:
                    number = None  # "2004). Title" wrapped onto a new line is no item number
        if _HEADER.match(line) or (counts[shape(stripped)] >= 3 and number is None and len(stripped) < 120):
            after_header = True
            continue
        if number is None and not any(c.isalnum() for c in stripped):
            # "???", "* * *": debris of the page, no part of a reference; dropped as a header is, but reported.
            problems.append(Problem("stray-text", "warning", f"line {n}: {stripped[:60]!r} holds no letter or "
                                    "digit; left out of the list (delete it, or mend the reference it was cut "
                                    "from)", SourceLocation(path, n)))
            continue
        if note:
            problems.append(Problem("list-numbering", "warning", f"{note}; item {number} at line {n} read as a "
                                    "new entry (check the list there)", SourceLocation(path, n)))
        if number is not None and number >= 0:
            previous = number
        kept.append((n, line, after_blank, after_header, number))
        after_blank = after_header = False
    numbered = sum(1 for item in kept if item[4] is not None) >= 2
    # A bullet starts an entry unless the list prints item numbers: there a line opening with a dash is
    # wrapped ("pp. 33" / "– 45").
    bullets = sum(1 for item in kept if item[4] is not None and item[4] >= 0) < 2
    flush_after_indent = any(kept[i][1][:1].isspace() and not kept[i + 1][1][:1].isspace() and not kept[i + 1][2]
                             for i in range(len(kept) - 1))
    indent_after_flush = any(not kept[i][1][:1].isspace() and kept[i + 1][1][:1].isspace()
                             for i in range(len(kept) - 1))
    hanging = flush_after_indent and indent_after_flush
    blank_separated = any(item[2] for item in kept[1:])
    # (line number, parts, first line as printed, printed number)
    entries: list[tuple[int, list[str], str, int | None]] = []
    stray = False  # the line before was left out (see below), and so are its wrapped lines
    for n, line, blank, header, number in kept:
        stripped = line.strip()
        flush = not line[:1].isspace()
        if not entries:
            starts = True
        elif numbered:
            starts = number is not None and (number >= 0 or bullets)
            stray = stray and not blank
            if not starts and (stray or blank and not header and _ENDS_ENTRY.search(entries[-1][1][-1])):
                # A line with no marker after a blank line, the entry before it ended (or wrapped after such a
                # line): no wrapped line of that entry.
                marker = "number" if not bullets else "bullet"
                if not stray and _NAME_START.match(stripped):
                    problems.append(Problem("stray-text", "warning", f"line {n}: {stripped[:60]!r} has no {marker} "
                                            f"but reads as a reference; read as entry {len(entries) + 1} (print "
                                            f"the list's {marker} before it)", SourceLocation(path, n)))
                    entries.append((n, [stripped], stripped, None))
                else:
                    if not stray:
                        problems.append(Problem("stray-text", "warning", f"line {n}: {stripped[:60]!r} follows a "
                                                f"blank line after entry {len(entries)} ended and has no {marker}; "
                                                "left out of the list with any lines up to the next entry (join it "
                                                "to that entry if it is part of it, else delete it)",
                                                SourceLocation(path, n)))
                    stray = True
                continue
            stray = False
        elif hanging:
            starts = flush
        elif blank_separated:
            starts = blank and flush and not (header and stripped[:1].islower())
        else:
            previous_line = entries[-1][1][-1]
            starts = previous_line.endswith((".", ")", "]")) and bool(_AUTHOR_START.match(stripped)) or (
                bool(re.search(r"\b10\.\d{4,9}/\S+$|https?://\S+$", previous_line))
                and bool(_AUTHOR_START.match(stripped)))
        if starts:
            entries.append((n, [_MARKER.sub("", line, count=1).strip() if number is not None else stripped],
                            stripped, number if numbered and number is not None and number >= 0 else None))
        else:
            entries[-1][1].append(stripped)
    # A marker with nothing after it ("2." or a lone bullet) stays an entry, printed as it is, so the
    # reader reports it as unreadable instead of handing on an empty record.
    return [(n, _joined(parts) or printed, number) for n, parts, printed, number in entries], problems


#: The dashes MLA and Chicago print for the author (or authors) of the entry before: "---.", "———.".
_SAME_AUTHOR = re.compile(r"^(?:-{2,}|[–—]{2,}|_{2,})$")

#: Words left unplaced from which a reader is told (a note such as "Reprinted in ...", or a line that is no
#: part of the reference, joined to it as a wrapped line).
UNPLACED_WORDS = 5


def parse_text_list(text: str, path: str) -> tuple[list[Reference], list[Problem]]:
    """Parse every entry of a printed list; ids are 1-based positions.

    An entry whose leftover text (see :attr:`kg.model.Reference.leftover`)
    runs to ``UNPLACED_WORDS`` words or more gets an ``info`` problem: the
    text is kept with the record, and the reader sees where it went.  An
    author printed as dashes ("---.", "———.") is the author of the entry
    before, as MLA and Chicago print it.
    """
    references: list[Reference] = []
    entries, problems = read_list(text, path)
    for position, (line, entry, number) in enumerate(entries, start=1):
        where = SourceLocation(path, line)
        reference, found = parse_reference(entry, str(position), where)
        if len(reference.authors) == 1 and _SAME_AUTHOR.match(reference.authors[0].family or
                                                              reference.authors[0].literal):
            if references:
                reference = replace(reference, authors=references[-1].authors, et_al=references[-1].et_al)
            else:
                found = [*found, Problem("repeated-author", "warning", f"entry {position}: its author is printed "
                                         f"{reference.authors[0].family or reference.authors[0].literal!r}, "
                                         "the author of the entry before, but no entry comes before it; "
                                         "print the author's name", where)]
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
