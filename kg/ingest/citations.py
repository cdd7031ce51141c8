"""In-text citations: find them in the article and resolve them to works.

Parenthetical citations ("(Cohen & Wills, 1985; Berkman et al., 2000a, p. 12)")
and narrative ones ("Cohen and Wills (1985)") are found, split into one
:class:`~kg.model.Citation` per cited work, and resolved by author-year rules:

* ``X et al., Y`` matches works of year Y whose first author is X and that have
  three or more authors (APA 7th ed., section 8.17);
* ``X & Z, Y`` matches the two-author work by exactly X and Z;
* ``X, Y`` matches the single-author work by X;
* a letter after the year (2000a) picks among works with the same authors and
  year, in the order of the reference list's letters or, without letters,
  by title (APA 7th ed., section 9.47); a letter the list prints on no work of
  those authors and year ("2019b" when it has only "2019a") names a missing
  entry, and one on the only such work printed without a letter is read as it,
  with a ``year-letter`` warning;
* a date in words ("n.d.", "in press", "forthcoming") matches only the
  works printed with such a date, never a dated work of the same authors.

Group authors ("American Psychiatric Association, 2013") are one name, and an
abbreviation a first citation defines ("[WHO]") stands for it afterwards;
names are compared without accents, case or a leading particle.  Words
before an item's authors ("for a review, see") and after its year
("respectively") are no part of it.  Whatever looks like a citation but reads
as none (an item of a bracket, "DSM-5 (2013)", "[ref. 3]") is reported
(:func:`unread_citations`).

Numeric citations (Vancouver, IEEE: "[3]", "[2, 5-7]", "[4, p. 12]", "[1, 2 and 3]") name
the entry printed with that number or, in a list that is not numbered, the
entry at that position (:func:`reference_numbers`).  Which kind an article
uses is the manifest's ``citation_style`` or, by default, whichever kind its
text holds more of (:func:`citation_style`).  Numbers in parentheses and
superscripts are not read: "(1)" is as often a list item as a citation.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from kg.model import Article, Citation, Problem, Reference, SourceLocation, Work

_UPPER = "A-ZÀ-ÖØ-ÞĀ-Ž"
_PARTICLE = r"(?:[vV]an|[vV]on|[dD]er|[dD]e|[dD]en|[dD]el|[dD]a|[dD]i|[lL]a|[lL]e|[dD]u|St\.)"
#: A surname: letters, apostrophes and hyphens, never digits ("DSM-5" and "COVID-19" name no author).
_NAME = rf"(?:{_PARTICLE}\s+)*[{_UPPER}](?:[^\W\d_]|['’\-])+"
#: How a narrative citation says "and the others": "Smith et al.", "Jones and colleagues", with a possessive
#: ("Smith et al.'s (2020)"); APA 7th ed., section 8.17.
_ET_AL = r"(?:\s+et\s+al\.|\s+and\s+(?:colleagues|co-?workers))(?:['’]s?)?"
#: A group author: two or more capitalised words, with "and", "for", "of"... between them
#: ("American Psychiatric Association", "Substance Abuse and Mental Health Services Administration").
_GROUP = rf"[{_UPPER}][\w'’\-]*(?:\s+(?:(?:and|for|of|on|in|the|&)\s+)*[{_UPPER}][\w'’\-]*)+"
#: The abbreviation a group author's first citation defines: "World Health Organization [WHO], 2019".
_ABBREVIATION = re.compile(rf"^(?P<name>{_GROUP})\s*\[(?P<short>[{_UPPER}][\w&.\-]{{0,15}})\]$")
_YEAR = r"(?:\d{4}[a-z]?|n\.\s?d\.|in press|forthcoming)"
#: Years of one author list: "2019, 2021", "2019a, b" (a bare letter is one more work of the year before).
_YEARS = rf"{_YEAR}(?:,\s*(?:{_YEAR}|[a-z](?![\w.])))*"
_LOCATOR = r"(?:pp?\.|chap\.|ch\.|para\.|sec\.|§|[Tt]ables?|[Ff]ig(?:ure)?s?\.?|[Aa]ppendix)\s*[\w\-–]+"
#: Lower-case words after a citation that are no part of it ("Jones & Lee, 2019, respectively",
#: "Smith, 2019, for a review"); without capitals or digits, they cannot hide another citation.
_REMARK = r"(?-i:(?P<remark>,\s*[a-z][a-z ,.'’\-]*))"
#: A locator after the year: "p. 12", or a bare page as Chicago and Harvard print it ("2019, 45", "2019: 45").
_AFTER_YEAR = rf"(?:,\s*(?P<loc>{_LOCATOR}|\d{{1,3}}(?:[-–]\d{{1,4}})?)|:\s*(?P<page>[\w\-–]+))?(?:{_REMARK})?"
_NARRATIVE = re.compile(
    rf"(?P<authors>{_NAME}(?:,\s+{_NAME})*(?:,?\s+(?:and|&)\s+{_NAME}|{_ET_AL})?)"
    rf"\s+\((?P<years>{_YEARS}){_AFTER_YEAR}\)"
)
#: Capitalised words just before a narrative citation's name: a group author ("the American
#: Psychiatric Association (2013)") or words that start the sentence ("Recently Smith (2019)").
_WORDS_BEFORE = re.compile(rf"(?:[{_UPPER}][\w'’\-]*[ \t]+(?:(?:and|for|of|on|in|the|&)[ \t]+)*)+$")
_PAREN = re.compile(r"\(([^()]*)\)")
_ITEM = re.compile(
    rf"^(?:(?:see also|see|e\.g\.,?|cf\.|i\.e\.,?|also)\s+)?"
    rf"(?P<authors>.+?),?\s+(?P<years>{_YEARS}){_AFTER_YEAR}\s*$",
    re.I,
)
#: Words before an item's first author that are no part of its name: "for a review, see Kim et al.,
#: 2018", "and Lee, 2018a", "data from Wu, 2017"; read only when the item does not parse without them.
_LEAD_IN = re.compile(rf"^[{_UPPER}a-z][\w.,:]*\s+(?:[a-z][\w.,:]*\s+)*?(?=(?:{_PARTICLE}\s+)*[{_UPPER}])")
_AUTHOR_SPLIT = re.compile(r"\s*(?:,\s*&\s*|,\s*and\s+|\s&\s|\sand\s|,\s*)\s*")
_NUMBER_ITEM = r"\d{1,4}(?:\s*[-–—]\s*\d{1,4})?"
#: How a secondary source names the work that cites the original: "Bowlby, 1969, as cited in Kim, 2018".
_SECONDARY = re.compile(r"(?:^|,?\s+)(?:as\s+)?(?:cited|quoted)\s+(?:in|by)\s+", re.I)
_BRACKET = re.compile(r"\[([^\[\]]*)\]")
#: One part of a numeric bracket (the brackets split at ";"): numbers, a locator on the last, words before
#: them that end in a cue ("see 3", "for a review, see 3", "e.g., 3, 4") and a remark after them.
_NUMBER_PART = re.compile(
    rf"^(?:(?:[a-z][\w.,]*\s+)*?(?:see|e\.g\.,?|cf\.|also)\s+)?(?P<items>{_NUMBER_ITEM}(?:(?:\s*,\s*(?:and\s+)?|\s+and\s+){_NUMBER_ITEM})*)"
    rf"(?:\s*,\s*(?P<loc>{_LOCATOR}))?{_REMARK}?$"
)
#: A range longer than this ("[12-1990]") is no citation range but a typo or a span of years.
MAX_RANGE = 100
STYLES = ("auto", "author-year", "numeric")


@dataclass(frozen=True, slots=True)
class CiteKey:
    """The author-year key of one citation item."""

    surnames: tuple[str, ...]
    et_al: bool
    year: int | None
    year_suffix: str
    date_text: str
    locator: str


def fold(name: str) -> str:
    """Compare-form of a surname: no accents, no case, no punctuation, no
    leading particle (a reference list may print "Van der Berg, A." as family
    "Berg" with the particle "Van der"; the citation says "van der Berg").

    >>> fold("Räisänen") == fold("RAISANEN"), fold("Van der Berg") == fold("Berg"), fold("Le")
    (True, True, 'le')
    """
    name = re.sub(rf"^(?:{_PARTICLE}\s+)+(?=\S)", "", name.strip())
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z]", "", ascii_name.lower())


def _years(text: str) -> list[tuple[int | None, str, str]]:
    out: list[tuple[int | None, str, str]] = []
    for part in re.split(r",\s*", text):
        match = re.match(r"^(\d{4})([a-z]?)$", part.strip())
        if match:
            out.append((int(match.group(1)), match.group(2), ""))
        elif re.match(r"^[a-z]$", part.strip()) and out and out[-1][0] is not None:
            out.append((out[-1][0], part.strip(), ""))  # "2019a, b"
        else:
            out.append((None, "", part.strip()))
    return out


def _authors(text: str) -> tuple[tuple[str, ...], bool]:
    text = text.strip()
    tail = re.search(rf",?(?:{_ET_AL}|\s+et\s+al)$", text)  # "et al." or "and colleagues", "et al.'s"
    et_al = bool(tail)
    text = text[:tail.start()] if tail else text
    names = tuple(re.sub(r"(?<=s)['’]$|['’]s$", "", n.strip())  # "Smith's (2019)", "Jones' (2019)"
                  for n in _AUTHOR_SPLIT.split(text) if n.strip())
    return names, et_al


def _locator(match: re.Match[str]) -> str:
    """The locator after the year; a bare page ("2019, 45", "2019: 45-47") is written "p. 45", "pp. 45-47"."""
    loc = match.group("loc") or match.group("page") or ""
    if loc[:1].isdigit():
        return f"{'pp.' if re.search('[-–]', loc) else 'p.'} {loc}"
    return loc


def _item_keys(text: str, groups: Mapping[str, str] | None) -> tuple[list[CiteKey], int, int]:
    """The keys of one citation item and the span of the citation in it: from its authors to its
    year or locator ("see Smith, 2019, for a review": 4 to 15)."""
    match = _ITEM.match(text)
    if not match:
        return [], 0, 0
    authors = match.group("authors").strip()
    names, et_al = _authors(authors)
    if names and all(re.match(rf"^{_NAME}$", n) for n in names):
        if groups and len(names) == 1 and not et_al:
            names = (groups.get(names[0], names[0]),)
    elif not et_al and (re.match(rf"^{_GROUP}$", authors) or _ABBREVIATION.match(authors)):
        defined = _ABBREVIATION.match(authors)
        names = (defined.group("name") if defined else authors,)
    else:
        return [], 0, 0
    keys = [CiteKey(names, et_al, y, s, d, _locator(match)) for y, s, d in _years(match.group("years"))]
    return keys, match.start("authors"), match.start("remark") if match.group("remark") else match.end()


def read_item(text: str, groups: Mapping[str, str] | None = None) -> tuple[list[CiteKey], int, int]:
    """The keys of one citation item (see :func:`parse_cite`) and where in
    ``text`` the citation starts and ends.  Words before the authors that are
    no name ("for a review, see Kim et al., 2018", "and Lee, 2018a") are
    skipped, but only when the item does not read with them, so that "van der
    Berg, 2010" keeps its particle; a remark after the year ("..., 2019,
    respectively") is no part of the citation either.  A secondary source
    ("Smith, 1990, as cited in Jones, 2005"; APA 7th ed., section 8.6) is
    read as the work that cites the original: only it is in the reference
    list.

    >>> keys, start, end = read_item("for a review, see Kim et al., 2018, respectively")
    >>> "for a review, see Kim et al., 2018, respectively"[start:end], keys[0].et_al
    ('Kim et al., 2018', True)
    >>> text = "Bowlby, 1969, as cited in Kim et al., 2018"
    >>> keys, start, end = read_item(text)
    >>> text[start:end], keys[0].surnames, keys[0].year
    ('Kim et al., 2018', ('Kim',), 2018)
    """
    text = text.strip()
    secondary = _SECONDARY.search(text)
    if secondary:  # the original is not in the reference list; the work that cites it is
        keys, start, end = read_item(text[secondary.end():], groups)
        skipped = secondary.end() + len(text[secondary.end():]) - len(text[secondary.end():].lstrip())
        return keys, start + skipped, end + skipped
    keys, start, end = _item_keys(text, groups)
    lead = None if keys else _LEAD_IN.match(text)
    if lead:
        keys, start, end = _item_keys(text[lead.end():], groups)
        start, end = start + lead.end(), end + lead.end()
    return keys, start, end


def parse_cite(text: str, groups: Mapping[str, str] | None = None) -> list[CiteKey]:
    """Parse one citation item ("Berkman et al., 2000a, p. 3") into keys.

    One item can name several years of the same authors ("Smith, 2001, 2003",
    "Smith, 2001a, b").  A group author is one name ("American Psychiatric
    Association, 2013"); ``groups`` maps abbreviations a text has defined
    ("WHO") to the group's name.

    Examples:
        >>> parse_cite("Berkman & Glass, 2000")[0].surnames
        ('Berkman', 'Glass')
        >>> k = parse_cite("Räisänen et al., 2015a, p. 4")[0]
        >>> (k.et_al, k.year, k.year_suffix, k.locator)
        (True, 2015, 'a', 'p. 4')
        >>> [(k.surnames, k.year, k.year_suffix, k.locator) for k in parse_cite("Smith 2019a, b: 45")]
        [(('Smith',), 2019, 'a', 'p. 45'), (('Smith',), 2019, 'b', 'p. 45')]
        >>> parse_cite("Substance Abuse and Mental Health Services Administration, 2012")[0].surnames
        ('Substance Abuse and Mental Health Services Administration',)
        >>> parse_cite("no year here")
        []
    """
    return read_item(text, groups)[0]


def group_abbreviations(text: str) -> dict[str, str]:
    """The abbreviations a text defines for group authors, as APA prints the
    first citation: "(World Health Organization [WHO], 2019)" defines "WHO".

    >>> group_abbreviations("as (World Health Organization [WHO], 2019) says; later (WHO, 2020)")
    {'WHO': 'World Health Organization'}
    """
    found: dict[str, str] = {}
    for match in _PAREN.finditer(text):
        for part in match.group(1).split(";"):
            item = _ITEM.match(part.strip())
            defined = _ABBREVIATION.match(item.group("authors").strip()) if item else None
            if defined:
                found.setdefault(defined.group("short"), defined.group("name"))
    return found


#: One citation found in the text: start, end, item as printed, pointer, narrative, author-year key or number.
_Found = tuple[int, int, str, str, bool, CiteKey | None, int | None]


def _author_year(text: str) -> list[_Found]:
    found: list[_Found] = []
    taken: list[tuple[int, int]] = []
    groups = group_abbreviations(text)
    for match in _NARRATIVE.finditer(text):
        names, et_al = _authors(match.group("authors"))
        start = match.start()
        before = _WORDS_BEFORE.search(text, max(0, start - 200), start)
        if before and len(names) == 1 and not et_al:
            # "the American Psychiatric Association (2013)": the whole run is the name first;
            # resolving drops the leading words one by one ("Recently Smith (2019)").
            names, start = (text[before.start():match.end("authors")],), before.start()
        elif groups and len(names) == 1 and not et_al:
            names = (groups.get(names[0], names[0]),)
        for year, suffix, date_text in _years(match.group("years")):
            key = CiteKey(names, et_al, year, suffix, date_text, _locator(match))
            found.append((start, match.end(), text[start:match.end()], text[start:match.end()], True, key, None))
        taken.append((start, match.end()))
    for match in _PAREN.finditer(text):
        if any(s <= match.start() < e for s, e in taken):
            continue
        offset = match.start(1)
        for part in match.group(1).split(";"):
            lead = len(part) - len(part.lstrip())
            item = part.strip()
            keys, begin, end = read_item(item, groups)
            for key in keys:  # the item as printed runs from its authors to its year or locator
                start = offset + lead
                found.append((start + begin, start + end, item[begin:end], match.group(0), False, key, None))
            offset += len(part) + 1
    return found


def parse_numbers(items: str) -> list[int]:
    """The reference numbers a numeric citation names, ranges expanded.

    A range that runs backwards or over more than ``MAX_RANGE`` numbers is
    a typo, not a range: its two ends are cited, so each is resolved or
    reported, never dropped.

    >>> parse_numbers("2, 5-7; 9")
    [2, 5, 6, 7, 9]
    >>> parse_numbers("7-5")
    [7, 5]
    """
    numbers: list[int] = []
    for item in re.split(r"\s*[,;]\s*", items.strip()):
        ends = [int(n) for n in re.split(r"\s*[-–—]\s*", item)]
        if len(ends) == 2 and 0 <= ends[1] - ends[0] <= MAX_RANGE:
            numbers.extend(range(ends[0], ends[1] + 1))
        else:
            numbers.extend(ends)
    return numbers


def _numeric(text: str) -> list[_Found]:
    """Numeric citations; a bracket is read part by part (split at ";"), so that
    "[1, p. 4; 2]" and "[see 3]" are read, and "[sic]" gives nothing."""
    found: list[_Found] = []
    for bracket in _BRACKET.finditer(text):
        offset = bracket.start(1)
        for part in bracket.group(1).split(";"):
            at = offset + len(part) - len(part.lstrip())
            offset += len(part) + 1
            match = _NUMBER_PART.match(part.strip())
            if not match:
                continue
            for item in re.finditer(_NUMBER_ITEM, match.group("items")):
                start = at + match.start("items") + item.start()
                for number in parse_numbers(item.group(0)):
                    found.append((start, start + len(item.group(0)), f"[{number}]", bracket.group(0), False, None,
                                  number))
            if match.group("loc"):  # the locator belongs to the part's last number: "[4, p. 12]"
                found[-1] = (*found[-1][:5], CiteKey((), False, None, "", "", match.group("loc")), found[-1][6])
    return found


def citation_style(article: Article, declared: str = "auto") -> str:
    """'author-year' or 'numeric': the declared style, or for 'auto' the kind
    of citation the article's text holds more of (author-year on a tie)."""
    if declared != "auto":
        return declared
    return "numeric" if len(_numeric(article.text)) > len(_author_year(article.text)) else "author-year"


def find_citations(article: Article, style: str = "auto") -> list[Citation]:
    """Every in-text citation of the article, in text order, unresolved.

    Args:
        style: 'author-year', 'numeric' or 'auto' (see :func:`citation_style`).
    """
    chosen = citation_style(article, style)
    found = _numeric(article.text) if chosen == "numeric" else _author_year(article.text)
    found.sort(key=lambda f: (f[0], f[1]))
    citations = []
    for n, (start, end, item, pointer, narrative, key, number) in enumerate(found, start=1):
        key = key or CiteKey((), False, None, "", "", "")
        citations.append(Citation(
            id=f"{n:03d}",
            text=item,
            pointer=pointer,
            narrative=narrative,
            surnames=key.surnames,
            et_al=key.et_al,
            year=key.year,
            year_suffix=key.year_suffix,
            locator=key.locator,
            start=start,
            end=end,
            section=article.section_at(start),
            source=SourceLocation(article.path, article.line_at(start)),
            number=number,
            date_text=key.date_text,
        ))
    return citations


#: A bracket that names a capitalised word and a year (or "n.d.", "in press") looks like an author-year citation.
_LOOKS_CITED = re.compile(
    rf"[{_UPPER}][\w'’\-]+.*(?:\b(?:1[6-9]|20)\d{{2}}[a-z]?\b|\bn\.\s?d\.|\bin press\b|\bforthcoming\b)")
#: A capitalised word and a year in parentheses after it: the shape of a narrative citation ("DSM-5 (2013)").
_LOOKS_NARRATIVE = re.compile(rf"(?<![\w'’\-])(?P<name>[{_UPPER}][\w'’\-]+)\s+\((?:{_YEARS})\)")
#: A part of a numeric bracket that starts with a reference-like number ("2 and 3", "see ref. 3"),
#: not a decimal or a percentage ("[95% CI 1.1-2.0]", "[1.5]").
_LOOKS_NUMBERED = re.compile(r"^(?:[a-z][\w.,]*\s+)*\d{1,4}(?![\d.%])")
_HOW_TO_CITE = {
    "author-year": "names a year but was read as no citation; if it cites a work, write it as (Surname, 2019), "
                   "(Surname & Surname, 2019), (Surname et al., 2019) or (Group Name, 2019)",
    "numeric": "holds a number but was read as no citation; if it cites a work, write it as [3], [2, 5-7], "
               "[4, p. 12] or [see 3]",
}


def _bracket_parts(text: str, style: str) -> list[tuple[int, str, str]]:
    """Each part of each bracket of the style (parentheses for author-year, square brackets for
    numeric; parts split at ";"): where it starts, the part, the whole bracket's inside."""
    parts = []
    for match in (_BRACKET if style == "numeric" else _PAREN).finditer(text):
        offset = match.start(1)
        for part in match.group(1).split(";"):
            parts.append((offset + len(part) - len(part.lstrip()), part.strip(), match.group(1)))
            offset += len(part) + 1
    return parts


def unread_citations(article: Article, citations: Sequence[Citation], style: str = "author-year") -> list[Problem]:
    """Text that looks like a citation but gave none: warnings, so that nothing
    the reader could not parse is lost without a word.

    That is a part of a bracket (split at ";", so that one unread item beside
    read ones is reported too) holding a capitalised word and a year in an
    author-year article, or a reference-like number in a numeric one; and, in
    an author-year article, a capitalised word before a year in parentheses
    that is read as no author ("DSM-5 (2013)", "COVID-19 (2020)").
    """
    spans = sorted((c.start, c.end) for c in citations)
    starts = [start for start, _ in spans]
    reach: list[int] = []  # reach[i]: the furthest end of spans[:i + 1]
    for _, end in spans:
        reach.append(max(end, reach[-1] if reach else end))

    def read(start: int, end: int) -> bool:
        """Whether a citation overlaps text[start:end]: one that starts before its end reaches past its start."""
        before = bisect.bisect_left(starts, end)
        return before > 0 and reach[before - 1] > start

    numeric = style == "numeric"
    looks = _LOOKS_NUMBERED.match if numeric else _LOOKS_CITED.search
    how = _HOW_TO_CITE["numeric" if numeric else "author-year"]
    problems: list[Problem] = []
    for start, part, inside in _bracket_parts(article.text, style):
        if not part or not looks(part) or read(start, start + len(part)):
            continue
        printed = f"[{inside[:80]}]" if numeric else f"({inside[:80]})"
        what = f"'{printed}'" if part == inside.strip() else f"the item '{part[:80]}' of '{printed}'"
        problems.append(Problem("unread-citation", "warning", f"{what} {how}",
                                SourceLocation(article.path, article.line_at(start))))
    if numeric:
        return problems
    for match in _LOOKS_NARRATIVE.finditer(article.text):
        if read(match.start(), match.end()):
            continue
        problems.append(Problem(
            "unread-citation",
            "warning",
            f"'{match.group(0)}' looks like a narrative citation, but '{match.group('name')}' is read as no "
            "author's name (a surname holds no digits); if it cites a work, name its authors: Surname (2019)",
            SourceLocation(article.path, article.line_at(match.start())),
        ))
    return sorted(problems, key=lambda p: p.where.line if p.where else 0)  # stable: text order within a line


def reference_numbers(references: Sequence[Reference]) -> dict[int, tuple[str, ...]]:
    """The ids of the references each number names, for numeric citations.

    In a numbered list a number names the entry printed with it (two entries
    printed with one number make the citation ambiguous); in a list that is
    not numbered (BibTeX, RIS, a bulleted list) it names the entry at that
    1-based position, as Vancouver and IEEE lists are in citation order.
    """
    numbers: dict[int, tuple[str, ...]] = {}
    if any(r.number is not None for r in references):
        for ref in references:
            if ref.number is not None:
                numbers[ref.number] = (*numbers.get(ref.number, ()), ref.id)
        return numbers
    return {position: (ref.id,) for position, ref in enumerate(references, start=1)}


def works_numbered(number: int, numbers: Mapping[int, tuple[str, ...]], owner: Mapping[str, Work]) -> list[Work]:
    """The works reference ``number`` names (none, one, or several when two
    entries were printed with one number and are different works);
    ``owner`` maps each reference id to its work (:func:`owners`)."""
    found: list[Work] = []
    for ref_id in numbers.get(number, ()):
        work = owner.get(ref_id)
        if work is not None and work not in found:
            found.append(work)
    return found


def owners(works: Sequence[Work]) -> dict[str, Work]:
    """Each reference id's work."""
    return {member: work for work in works for member in work.members}


def number_span(numbers: Mapping[int, tuple[str, ...]]) -> str:
    """How a reference list is numbered, for messages: "it runs 1-26"."""
    return f"it runs {min(numbers)}-{max(numbers)}" if numbers else "it is empty"


def _suffix_of(work: Work, group: Sequence[Work]) -> str:
    if work.record.year_suffix:
        return work.record.year_suffix
    ordered = sorted(group, key=lambda w: (w.record.title.lower(), w.key))
    return "abcdefghijklmnopqrstuvwxyz"[ordered.index(work)] if len(ordered) > 1 else ""


#: Date words that say the same: an entry "forthcoming" is the one a citation calls "in press".
_DATE_WORDS = {"nodate": "nd", "forthcoming": "inpress"}


def _same_date_text(reference: Reference, date_text: str) -> bool:
    """Whether an entry without a year is the one a citation's date words name:
    "n.d." matches only an undated entry, "in press" only one in press, never a
    dated work of the same author (a citation with no date words matches nothing)."""
    if reference.year is not None or not date_text:
        return False
    cited, printed = fold(date_text), fold(reference.date_text)
    return _DATE_WORDS.get(cited, cited) == _DATE_WORDS.get(printed, printed)


def match_works(key: CiteKey, works: Sequence[Work]) -> tuple[list[Work], bool]:
    """Works an author-year key denotes, and whether the match was strict.

    Strict rules first (see the module docstring); when they find nothing,
    first author and year alone (a loose match the caller reports).
    """
    first = fold(key.surnames[0]) if key.surnames else ""
    wanted = [fold(s) for s in key.surnames]
    same_year = [
        w
        for w in works
        if (w.record.year == key.year if key.year is not None else _same_date_text(w.record, key.date_text))
        and w.record.surnames
        and fold(w.record.surnames[0]) == first
    ]

    def strict(work: Work) -> bool:
        names = [fold(s) for s in work.record.surnames]
        if key.et_al:
            return len(names) >= 3 or work.record.et_al
        return names == wanted and not work.record.et_al

    candidates = [w for w in same_year if strict(w)]
    loose = not candidates
    if loose:
        candidates = same_year
    if len(candidates) > 1 and key.year_suffix:
        # "2019c" when the list has only 2019a and 2019b names a work missing from the list
        candidates = [w for w in candidates if _suffix_of(w, candidates) == key.year_suffix]
    elif len(candidates) == 1 and key.year_suffix and candidates[0].record.year_suffix not in ("", key.year_suffix):
        candidates = []  # likewise "2019b" when the list prints only "2019a"
    return candidates, not loose


def unprinted_letter(citation: Citation, work: Work, works: Sequence[Work]) -> bool:
    """Whether the citation's year letter picked nothing: the list prints the work without a letter
    and no other work of its first author and year ("Lee, 2019b" for the list's only "Lee (2019)")."""
    if not citation.year_suffix or work.record.year_suffix:
        return False
    first = fold(work.record.surnames[0]) if work.record.surnames else ""
    return not any(w is not work and w.record.year == work.record.year and w.record.surnames
                   and fold(w.record.surnames[0]) == first for w in works)


def _resolve_number(citation: Citation, number: int, numbers: Mapping[int, tuple[str, ...]],
                    owner: Mapping[str, Work]) -> tuple[Citation, Problem | None]:
    candidates = works_numbered(number, numbers, owner)
    if len(candidates) == 1:
        return replace(citation, status="resolved", work=candidates[0].key), None
    if not candidates:
        return replace(citation, status="unresolved"), Problem(
            "unresolved-citation",
            "error",
            f"citation '{citation.text}' names reference {number}, but the reference list has no "
            f"entry {number} ({number_span(numbers)}); add the reference or correct the number",
            citation.source,
        )
    keys = tuple(w.key for w in candidates)
    return replace(citation, status="ambiguous", candidates=keys), Problem(
        "ambiguous-citation",
        "error",
        f"citation '{citation.text}' names {len(keys)} works ({', '.join(keys)}): the reference list prints "
        f"number {number} on {len(keys)} entries; renumber the list",
        citation.source,
    )


def _match_narrowing(citation: Citation, works: Sequence[Work]) -> tuple[Citation, list[Work], bool]:
    """Match a citation's key; a narrative citation read with the capitalised
    words before its name ("Recently Smith (2019)", "the American Psychiatric
    Association (2013)") that matches nothing drops them one by one, and the
    first shorter name that matches is the citation as printed."""
    key = CiteKey(citation.surnames, citation.et_al, citation.year, citation.year_suffix, citation.date_text,
                  citation.locator)
    candidates, strict = match_works(key, works)
    if candidates or not citation.narrative or len(citation.surnames) != 1:
        return citation, candidates, strict
    name = citation.surnames[0]
    for word in list(re.finditer(r"\S+", name))[1:]:
        if not word.group(0)[:1].isupper():
            continue
        shorter = replace(key, surnames=(name[word.start():],))
        candidates, strict = match_works(shorter, works)
        if candidates:
            cut = word.start()
            return replace(citation, surnames=shorter.surnames, text=citation.text[cut:],
                           pointer=citation.pointer[cut:], start=citation.start + cut), candidates, strict
    return citation, [], False


def resolve_citations(
    citations: Sequence[Citation], works: Sequence[Work], numbers: Mapping[int, tuple[str, ...]] | None = None
) -> tuple[list[Citation], list[Problem]]:
    """Resolve each citation to a work; report unresolved, ambiguous and loose ones.

    ``numbers`` (from :func:`reference_numbers`) resolves numeric citations.
    """
    resolved: list[Citation] = []
    problems: list[Problem] = []
    owner = owners(works) if any(c.number is not None for c in citations) else {}
    for citation in citations:
        if citation.number is not None:
            done, problem = _resolve_number(citation, citation.number, numbers or {}, owner)
            resolved.append(done)
            problems.extend([problem] if problem else [])
            continue
        citation, candidates, strict = _match_narrowing(citation, works)
        if len(candidates) == 1:
            resolved.append(replace(citation, status="resolved", work=candidates[0].key))
            if unprinted_letter(citation, candidates[0], works):
                problems.append(Problem(
                    "year-letter", "warning",
                    f"citation '{citation.text}' has the year letter '{citation.year_suffix}', but the reference "
                    f"list prints {candidates[0].record.label} without one and no other work of that author and "
                    "year; read as that work: add the letter to the entry, or the missing entry to the list",
                    citation.source))
            if not strict:
                problems.append(
                    Problem(
                        "loose-citation",
                        "warning",
                        f"citation '{citation.text}' matches {candidates[0].record.label} by first author "
                        "and year only; check the author list",
                        citation.source,
                    )
                )
        elif not candidates:
            resolved.append(replace(citation, status="unresolved"))
            undated = (f" (it has no entry by {citation.surnames[0]} dated '{citation.date_text}', and an entry with "
                       "a year is not read as one)" if citation.date_text and citation.surnames else "")
            problems.append(
                Problem(
                    "unresolved-citation",
                    "error",
                    f"citation '{citation.text}' matches no entry of the reference list{undated}; "
                    "add the reference or correct the citation",
                    citation.source,
                )
            )
        else:
            keys = tuple(w.key for w in candidates)
            resolved.append(replace(citation, status="ambiguous", candidates=keys))
            problems.append(
                Problem(
                    "ambiguous-citation",
                    "error",
                    f"citation '{citation.text}' matches {len(keys)} works ({', '.join(keys)}); "
                    "add a year letter (2000a/2000b) or list more authors",
                    citation.source,
                )
            )
    return resolved, problems
