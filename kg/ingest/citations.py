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
  by title (APA 7th ed., section 9.47).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, replace

from kg.model import Article, Citation, Problem, SourceLocation, Work

_UPPER = "A-ZÀ-ÖØ-ÞĀ-Ž"
_NAME = rf"(?:(?:van|von|der|de|den|del|da|di|la|le|du|St\.)\s+)*[{_UPPER}][\w'’\-]+"
_YEAR = r"(?:\d{4}[a-z]?|n\.\s?d\.|in press)"
_LOCATOR = r"(?:pp?\.|chap\.|ch\.|para\.|sec\.|§)\s*[\w\-–]+"
_NARRATIVE = re.compile(
    rf"(?P<authors>{_NAME}(?:,\s+{_NAME})*(?:,?\s+(?:and|&)\s+{_NAME}|\s+et\s+al\.)?)"
    rf"\s+\((?P<years>{_YEAR}(?:,\s*{_YEAR})*)(?:,\s*(?P<loc>{_LOCATOR}))?\)"
)
_PAREN = re.compile(r"\(([^()]*)\)")
_ITEM = re.compile(
    rf"^(?:(?:see also|see|e\.g\.,?|cf\.|i\.e\.,?|also)\s+)?"
    rf"(?P<authors>.+?),?\s+(?P<years>{_YEAR}(?:,\s*{_YEAR})*)(?:,\s*(?P<loc>{_LOCATOR}))?\s*$",
    re.I,
)
_AUTHOR_SPLIT = re.compile(r"\s*(?:,\s*&\s*|,\s*and\s+|\s&\s|\sand\s|,\s*)\s*")


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
    """Compare-form of a surname: no accents, no case, no punctuation.

    >>> fold("Räisänen") == fold("RAISANEN")
    True
    """
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z]", "", ascii_name.lower())


def _years(text: str) -> list[tuple[int | None, str, str]]:
    out: list[tuple[int | None, str, str]] = []
    for part in re.split(r",\s*", text):
        match = re.match(r"^(\d{4})([a-z]?)$", part.strip())
        if match:
            out.append((int(match.group(1)), match.group(2), ""))
        else:
            out.append((None, "", part.strip()))
    return out


def _authors(text: str) -> tuple[tuple[str, ...], bool]:
    text = text.strip()
    et_al = bool(re.search(r"\bet\s+al\.?$", text))
    text = re.sub(r",?\s*\bet\s+al\.?$", "", text)
    names = tuple(n.strip() for n in _AUTHOR_SPLIT.split(text) if n.strip())
    return names, et_al


def parse_cite(text: str) -> list[CiteKey]:
    """Parse one citation item ("Berkman et al., 2000a, p. 3") into keys.

    One item can name several years of the same authors ("Smith, 2001, 2003").

    Examples:
        >>> parse_cite("Berkman & Glass, 2000")[0].surnames
        ('Berkman', 'Glass')
        >>> k = parse_cite("Räisänen et al., 2015a, p. 4")[0]
        >>> (k.et_al, k.year, k.year_suffix, k.locator)
        (True, 2015, 'a', 'p. 4')
        >>> parse_cite("no year here")
        []
    """
    match = _ITEM.match(text.strip())
    if not match:
        return []
    names, et_al = _authors(match.group("authors"))
    if not names or not all(re.match(rf"^{_NAME}$", n) for n in names):
        return []
    loc = match.group("loc") or ""
    return [CiteKey(names, et_al, y, s, d, loc) for y, s, d in _years(match.group("years"))]


def find_citations(article: Article) -> list[Citation]:
    """Every in-text citation of the article, in text order, unresolved."""
    found: list[tuple[int, int, str, str, bool, CiteKey]] = []
    taken: list[tuple[int, int]] = []
    text = article.text
    for match in _NARRATIVE.finditer(text):
        names, et_al = _authors(match.group("authors"))
        # "According to Cohen and Wills (1985)": drop capitalised words that
        # start the sentence but are not names by requiring a name before "(".
        for year, suffix, date_text in _years(match.group("years")):
            key = CiteKey(names, et_al, year, suffix, date_text, match.group("loc") or "")
            found.append((match.start(), match.end(), match.group(0), match.group(0), True, key))
        taken.append((match.start(), match.end()))
    for match in _PAREN.finditer(text):
        if any(s <= match.start() < e for s, e in taken):
            continue
        offset = match.start(1)
        for part in match.group(1).split(";"):
            lead = len(part) - len(part.lstrip())
            item = part.strip()
            for key in parse_cite(item):
                start = offset + lead
                found.append((start, start + len(item), item, match.group(0), False, key))
            offset += len(part) + 1
    found.sort(key=lambda f: (f[0], f[1]))
    return [
        Citation(
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
        )
        for n, (start, end, item, pointer, narrative, key) in enumerate(found, start=1)
    ]


def _suffix_of(work: Work, group: Sequence[Work]) -> str:
    if work.record.year_suffix:
        return work.record.year_suffix
    ordered = sorted(group, key=lambda w: (w.record.title.lower(), w.key))
    return "abcdefghijklmnopqrstuvwxyz"[ordered.index(work)] if len(ordered) > 1 else ""


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
        if (w.record.year == key.year if key.year is not None else fold(w.record.date_text) == fold(key.date_text))
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
        lettered = [w for w in candidates if _suffix_of(w, candidates) == key.year_suffix]
        candidates = lettered or candidates
    return candidates, not loose


def resolve_citations(
    citations: Sequence[Citation], works: Sequence[Work]
) -> tuple[list[Citation], list[Problem]]:
    """Resolve each citation to a work; report unresolved, ambiguous and loose ones."""
    resolved: list[Citation] = []
    problems: list[Problem] = []
    for citation in citations:
        key = CiteKey(citation.surnames, citation.et_al, citation.year, citation.year_suffix, "", citation.locator)
        candidates, strict = match_works(key, works)
        if len(candidates) == 1:
            resolved.append(replace(citation, status="resolved", work=candidates[0].key))
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
            problems.append(
                Problem(
                    "unresolved-citation",
                    "error",
                    f"citation '{citation.text}' matches no entry of the reference list; "
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
