"""Blocking, pairwise scoring and cluster-checked merging.

1. Each record becomes :class:`Features` (normalised fields, computed once).
2. Blocking: records meet only when they share a key (DOI; title prefix and
   tail; first surname + year + first title word; surname + year + first
   page; volume + first page).  A block larger than ``MAX_BLOCK`` is sorted
   by title and authors and each record meets its next ``WINDOW``
   neighbours, so the cost grows close to linearly.  Each kind of key is
   blocked on its own, so memory holds one kind's blocks at a time.
3. Scoring: :func:`compare` weighs title, authors, year, container,
   volume, pages and DOI, and returns a score with its reasons; hard
   conflicts (different DOIs or trial registry numbers, years more than one
   apart, page ranges that do not meet, different part numbers or
   follow-up times, titles that differ in a telling word (qualitative or
   quantitative, men or women, adults or children), a notice
   versus the work it concerns or two kinds of notice, a study protocol
   versus the study, a thesis or report versus a published
   paper) veto.  Export noise is not a conflict: article numbers against
   page ranges, overlapping ranges, a mistyped first page, a year in the
   volume field, columns shifted by one (the volume in the issue field).
   Two DOIs do not veto one item printed at one place (same title, authors,
   journal, year and pages: one DOI belongs to another printing), nor do
   two pages of one issue that print the very same title and authors (an
   abstract printed twice; with no issue given, two one-page records of one
   volume, one naming the meeting).  Under one DOI, titles must agree (a
   supplement DOI covers every abstract in it); two pages a shared DOI and
   title have joined do not keep apart the copies of those records exported
   without the DOI.
4. Clustering (in :func:`kg.dedup.deduplicate`): pairs are merged best
   first; before two clusters merge, every cross pair is checked for a hard
   conflict, so no chain of near matches can join two works that conflict.
   Records that say what they are cluster first; a bare citation then
   joins a work only if the works it matches could be one (its missing
   venue is no evidence against a published version, so a bare citation
   that is the report or the paper joins neither).
5. Related versions (a preprint and its article, a record a year later, a
   one-page meeting abstract and the article it became:
   :func:`abstract_and_article`; one abstract at two meetings in two
   journals: :func:`_one_abstract_at_two_meetings`) are linked, not
   merged; the reviewer's ``link_versions`` merges them after the works
   are formed.

References:
    Borissov, N. et al. (2022). Reducing systematic review burden using
    Deduklick. Systematic Reviews 11:172 (conflicting DOIs, years, pages as
    vetoes).
    Hair, K. et al. (2023). ASySD. BMC Biology 21:189 (field-wise matching).
    Hernández, M. A., Stolfo, S. J. (1995). The merge/purge problem for large
    databases. SIGMOD '95 (the sorted-neighbourhood method).
    McCallum, A., Nigam, K., Ungar, L. (2000). Efficient clustering of
    high-dimensional data sets with application to reference matching. KDD
    (cheap canopies before exact comparison; the Cora citations).
    Wagner, G. et al. bib-dedupe (blocking keys; cluster-level checks to avoid
    chaining through generic titles).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from kg.dedup.keys import (
    abbreviates,
    clean_title,
    container_key,
    doi_key,
    fold,
    is_generic,
    kind_of,
    language_of,
    original_title,
    contrasting,
    contrasts_in,
    notice_kind,
    registry_ids,
    report_number,
    numbers_in,
    page_range,
    surname_key,
    title_words,
)
from kg.model import Reference

_PREPRINT = re.compile(r"\b(?:arxiv|biorxiv|medrxiv|psyarxiv|socarxiv|ssrn|research square|preprints?|osf)\b")
_PREPRINT_DOI = re.compile(r"10\.(?:48550|1101|2139|21203|20944|31234|31219)/")
# A meeting-abstract supplement as databases name it ("Pediatric Transplantation.
# Conference: 6th Congress of ..."; "Meeting Abstracts").
_MEETING = re.compile(r"(?i)\.\s*conference\s*:|\bmeeting abstracts?\b|\babstracts? (?:of|from)\b")
# A supplement or special issue, where journals print a meeting's abstracts ("Suppl. 1",
# "Supplement 2", "14, Sp. Iss. SI").
_SUPPLEMENT = re.compile(r"(?i)\bsuppl|\bsp\.? ?iss\b|\bspecial issue\b")
_SUPPLEMENT_PAGE = re.compile(r"s\d")  # a supplement's page (S42), as page_range gives it

MAX_BLOCK = 60
WINDOW = 12
SAME = 0.9
UNCERTAIN = 0.6
ONE_VENUE = "only one record names a venue"
VENUE_PENALTY = 0.12


@dataclass(frozen=True, slots=True)
class Features:
    """The comparable form of one record."""

    index: int
    doi: str
    report: str
    title: str
    original: str
    words: tuple[str, ...]
    surnames: tuple[str, ...]
    surname_parts: tuple[frozenset[str], ...]
    name_words: tuple[str, ...]
    year: int | None
    container: str
    volume: str
    issue: str
    first_page: str
    last_page: str
    numbers: frozenset[str]
    notice: str
    protocol: bool
    contrasts: frozenset[str]
    generic: bool
    kind: str
    language: str
    preprint: bool
    meeting: bool
    supplement: bool
    registries: frozenset[str]


_NO_PARTS: frozenset[str] = frozenset()


@lru_cache(maxsize=262144)
def _parts(name: str) -> frozenset[str]:
    parts = frozenset(sys.intern(w) for w in fold(name).split() if len(w) > 3)
    return parts or _NO_PARTS


@lru_cache(maxsize=262144)
def _name_part_words(part: str) -> tuple[str, ...]:
    # Cached per name part: family names and initials repeat far more often
    # than whole names do.
    return tuple(sys.intern(w) for w in fold(part).split() if len(w) > 2)


def _name_words(family: str, given: str, literal: str) -> tuple[str, ...]:
    return _name_part_words(family) + _name_part_words(given) + _name_part_words(literal)


def _small(text: str) -> str:
    """Short field values (volumes, issues, pages, kinds) shared between records."""
    return sys.intern(text)


def features(index: int, ref: Reference) -> Features:
    """Normalise a record once for all its comparisons."""
    cleaned = clean_title(ref.title)
    title = fold(cleaned)
    first, last = page_range(ref.pages)
    leading = re.match(r"\d+", ref.volume.strip())
    volume = leading.group(0).lstrip("0") if leading else ""
    leading_issue = re.match(r"\d+", ref.issue.strip())
    if ref.year is not None and volume == str(ref.year):
        volume = ""  # the year typed into the volume field says nothing about the volume
    names = [n for n in ref.surnames if surname_key(n)]
    kind = kind_of(ref.type, ref.container, ref.raw, ref.title, f"{ref.volume} {ref.issue}",
                   next((v for k, v in ref.extra if k == "institution"), ""))
    container = container_key(ref.container)
    doi = doi_key(ref.doi)
    return Features(
        index=index,
        doi=doi,
        report=report_number(ref.raw, ref.title),
        title=title,
        original=original_title(ref.title),
        words=tuple(title_words(title)),
        surnames=tuple(sys.intern(surname_key(n)) for n in names),
        surname_parts=tuple(_parts(n) for n in names),
        name_words=tuple(sorted({w for p in ref.authors for w in _name_words(p.family, p.given, p.literal)})),
        year=ref.year,
        container="" if kind == "thesis" else sys.intern(container),  # theses have no venue
        volume=_small(volume),
        issue=_small(leading_issue.group(0).lstrip("0")) if leading_issue else "",
        first_page=first,
        last_page=last,
        numbers=numbers_in(cleaned),
        notice=notice_kind(cleaned),
        protocol="protocol" in title.split(),
        contrasts=contrasts_in(title),
        generic=is_generic(title),
        kind=kind,
        language=language_of(title),
        # A preprint server the parser could not place as a container is often left over.
        preprint=bool(_PREPRINT.search(container) or _PREPRINT_DOI.match(doi)
                      or _PREPRINT.search(fold(f"{ref.publisher} {ref.leftover}"))),
        meeting=bool(_MEETING.search(ref.container)),
        supplement=bool(_SUPPLEMENT.search(f"{ref.volume} {ref.issue} {ref.pages}") or _SUPPLEMENT_PAGE.match(first)),
        registries=registry_ids(ref.title, ref.raw, ref.url, ref.leftover, *(v for _k, v in ref.extra)),
    )


def _doi_key(f: Features) -> Iterable[tuple[str, ...]]:
    if f.doi:
        yield (f.doi,)


def _report_key(f: Features) -> Iterable[tuple[str, ...]]:
    if f.report:
        yield (f.report,)


def _title_keys(f: Features) -> Iterable[tuple[str, ...]]:
    if len(f.words) >= 3:
        yield ("head", *f.words[:4])
        yield ("tail", *f.words[-4:])


def _author_keys(f: Features) -> Iterable[tuple[str, ...]]:
    first = f.surnames[0] if f.surnames else ""
    if first and f.year is not None:
        if f.words:
            yield ("word", first, str(f.year), f.words[0])
        if f.first_page:
            yield ("page", first, str(f.year), f.first_page)


def _locator_key(f: Features) -> Iterable[tuple[str, ...]]:
    if f.volume and f.first_page:
        yield (f.volume, f.first_page, f.container[:1])


# Each kind of key is blocked on its own, so only one kind's blocks are held
# in memory at a time.
BLOCKINGS: tuple[tuple[str, Callable[[Features], Iterable[tuple[str, ...]]]], ...] = (
    ("doi", _doi_key),
    ("report", _report_key),  # a report number names one report, as a DOI does
    ("title", _title_keys),  # title prefix and tail
    ("author-year", _author_keys),  # first surname + year + first title word or first page
    ("volume-page", _locator_key),
)


def block_keys(f: Features) -> Iterable[tuple[str, ...]]:
    """The blocking keys of a record: records that share none are never compared."""
    for name, keys in BLOCKINGS:
        for key in keys(f):
            yield (name, *key)


def candidate_pairs(feats: Sequence[Features]) -> set[tuple[int, int]]:
    """Pairs of record indexes that share a blocking key.

    A block larger than ``MAX_BLOCK`` (one paper cited 200 times; a common
    surname and year) is not compared all against all: its records are
    sorted by title and authors and each meets the next ``WINDOW`` records
    (the sorted-neighbourhood method), so the cost stays linear while copies
    of one work, which sort together, still meet.
    """
    pairs: set[tuple[int, int]] = set()
    for name, keys in BLOCKINGS:
        # A key seen once holds its record's index; a list only from the second.
        blocks: dict[tuple[str, ...], int | list[int]] = {}
        for f in feats:
            for key in keys(f):
                seen = blocks.get(key)
                if seen is None:
                    blocks[key] = f.index
                elif isinstance(seen, int):
                    blocks[key] = [seen, f.index]
                else:
                    seen.append(f.index)
        for members in blocks.values():
            if isinstance(members, int):
                continue
            if len(members) > MAX_BLOCK and name != "doi":
                ordered = sorted(members, key=lambda i: (feats[i].title, feats[i].surnames, i))
                for i, a in enumerate(ordered):
                    for b in ordered[i + 1:i + 1 + WINDOW]:
                        pairs.add((a, b) if a < b else (b, a))
                continue
            for i, a in enumerate(members):
                for b in members[i + 1:]:
                    pairs.add((a, b) if a < b else (b, a))
        del blocks
    return pairs


def _numeric(page: str) -> bool:
    return page.isdigit()


def _shifted(a: Features, b: Features) -> bool:
    """Whether ``a`` has its columns shifted by one against ``b``: no volume, the
    volume in the issue field and the issue in the pages field ("", "26", "9"
    against "26", "9", "1746-1746"), so its pages say nothing."""
    return (not a.volume and bool(a.issue) and a.issue == b.volume and a.first_page == b.issue
            and not a.last_page)


def _dash_lost(a: Features, b: Features) -> bool:
    """Whether ``a``'s one page number is ``b``'s range with its dash lost in a
    PDF's text ("pages 4348" for 43-48, "524532" for 524-532, "123456" for
    1234-56)."""
    if a.last_page or not b.last_page or not (a.first_page.isdigit() and b.first_page.isdigit()):
        return False
    rest = a.first_page[len(b.first_page):]
    return a.first_page.startswith(b.first_page) and bool(rest) and b.last_page.endswith(rest)


def pages_relation(a: Features, b: Features) -> str:
    """How two records' page ranges relate: 'same', 'close', 'unknown' or 'conflict'.

    'close' covers the noise of exports: overlapping ranges, one page of the
    other's range, a mistyped first page with the same last page.  An
    article number (e12724, c1804) against a page range is 'unknown': the
    same article is often printed both ways.
    """
    if not a.first_page or not b.first_page or _shifted(a, b) or _shifted(b, a):
        return "unknown"
    if a.first_page == b.first_page:
        return "same"
    if _dash_lost(a, b) or _dash_lost(b, a):
        return "close"
    if _numeric(a.first_page) != _numeric(b.first_page):
        digits = [p.lstrip("abcdefghijklmnopqrstuvwxyz") for p in (a.first_page, b.first_page)]
        return "close" if digits[0] == digits[1] else "unknown"  # "c37" / "37"
    prefix = a.first_page.rstrip("0123456789")
    if prefix != b.first_page.rstrip("0123456789") or not a.first_page[len(prefix):]:
        return "conflict"
    # Same letter prefix ("S78-S89" / "S3-89"): compare the numbers.
    a1, b1 = int(a.first_page[len(prefix):]), int(b.first_page[len(prefix):])
    a_last, b_last = a.last_page.lstrip(prefix), b.last_page.lstrip(prefix)
    a2 = int(a_last) if a_last.isdigit() else a1
    b2 = int(b_last) if b_last.isdigit() else b1
    if a2 < a1 or b2 < b1:
        return "close" if a2 == b2 else "unknown"  # "2297-2108": the first page is mistyped
    if a1 <= b2 and b1 <= a2:
        return "close"
    if a.last_page and a.last_page == b.last_page:
        return "close"
    return "conflict"


def _translated(a: Features, b: Features) -> bool:
    """Whether the two titles read as two languages, one of them not English."""
    return a.language != b.language and bool({a.language, b.language} - {"", "en"})


def _one_printed_place(a: Features, b: Features) -> bool:
    """Whether two records with different DOIs print one item at one place:
    the same title and author list, year, journal and page range.

    Embase and conference-abstract exports give a record the DOI of another
    printing of the abstract (another journal's supplement, a misread
    volume); no two works share a title, authors and pages in one journal
    and year, so the DOIs cannot both be right.
    """
    if not (a.title and b.title and a.first_page and a.year is not None and a.year == b.year):
        return False
    if a.notice != b.notice or a.generic or b.generic or len(a.surnames) != len(b.surnames):
        return False
    if a.first_page != b.first_page or (a.last_page and b.last_page and a.last_page != b.last_page):
        return False
    if not a.container or _container(a, b) < 0.95 or fuzz.ratio(a.title, b.title) < 97:
        return False
    return all(_same_name(x, y, px, py) for x, y, px, py in zip(a.surnames, b.surnames, a.surname_parts,
                                                                 b.surname_parts))


def _single_page(f: Features) -> bool:
    return bool(f.first_page) and f.last_page in ("", f.first_page)


def _printed_twice_in_one_issue(a: Features, b: Features) -> bool:
    """Whether two pages of one journal issue print one abstract twice: the very
    same title (spacing and punctuation aside) and author list, volume and issue.

    A meeting supplement prints an abstract in its session and in full; an
    erratum or a later full article comes in another issue, and a series
    ("Case A", "Case B") differs in its title.  When neither record gives
    the issue, a record that names the meeting says the supplement is the
    issue, provided both are one-page abstracts (an erratum in a regular
    issue of the volume is not in the meeting's supplement).
    """
    if a.issue or b.issue:
        same_issue = a.issue == b.issue
    else:
        same_issue = (a.meeting or b.meeting) and _single_page(a) and _single_page(b)
    if not (a.volume and a.volume == b.volume and same_issue and a.container):
        return False
    if a.year != b.year or a.notice or b.notice or a.generic or b.generic or len(a.surnames) != len(b.surnames):
        return False
    if a.title.replace(" ", "") != b.title.replace(" ", "") or len(a.words) < 4 or _container(a, b) < 0.95:
        return False
    return all(_same_name(x, y, px, py) for x, y, px, py in zip(a.surnames, b.surnames, a.surname_parts,
                                                                 b.surname_parts))


def _one_abstract_at_two_meetings(a: Features, b: Features) -> bool:
    """Whether two records print one meeting abstract in two journals' meeting
    supplements: the same long title (case and punctuation aside), the same
    author list and year, in two journals, each in a supplement or special
    issue (S42 is a supplement's page), in a container that names the
    meeting, or on one page (a journal that prints a meeting's abstracts as
    e-pages: Stroke's e505).

    An abstract presented at two meetings reports one study, but the
    labelled sets disagree on whether it is one record (the SRA sets join
    two such pairs and keep four apart; ASySD's diabetes set keeps the same
    title at two meetings apart), so it is linked as a related version,
    never merged by default.  Its pages, volume and journal differ by construction.
    """
    at_meeting = (a.supplement or a.meeting, b.supplement or b.meeting)
    if not (any(at_meeting) and (at_meeting[0] or _single_page(a)) and (at_meeting[1] or _single_page(b))
            and a.container and b.container):
        return False
    if a.year is None or a.year != b.year or a.notice or b.notice or a.generic or b.generic:
        return False
    if len(a.words) < 6 or len(a.surnames) < 2 or len(a.surnames) != len(b.surnames):
        return False
    if _container(a, b) >= 0.8 or fuzz.ratio(a.title, b.title) < 97:
        return False
    overlap, first = _author_overlap(a, b)
    return first and overlap >= 0.99


TWO_MEETINGS = "one abstract at two meetings (related versions)"
PREPRINT_AND_ARTICLE = "a preprint and a published version"
PREPRINT_DOIS = "different DOIs (a preprint's and an article's)"
ABSTRACT_AND_ARTICLE = "a meeting abstract and the later article (related versions)"


def abstract_and_article(a: Features, b: Features) -> bool:
    """Whether one record is a one-page meeting abstract and the other the full
    article it became (same title and first author): two versions of one
    study, which the issue links as related versions and merges only when asked.

    Either the abstract is printed earlier in the journal volume that later
    prints the article (an erratum or a reply prints after the article, never
    before it), or it is in another venue in the article's year or the year
    before.
    """
    short, long_ = (a, b) if _single_page(a) else (b, a)
    if not _single_page(short) or _single_page(long_) or not long_.last_page or not long_.first_page.isdigit():
        return False
    if short.year is None or long_.year is None or a.notice or b.notice or a.generic or b.generic:
        return False
    if len(a.words) < 4 or not a.container or not b.container:
        return False
    if not a.surnames or not b.surnames or not _same_name(a.surnames[0], b.surnames[0], a.surname_parts[0],
                                                          b.surname_parts[0]):
        return False
    if fuzz.ratio(a.title, b.title) < 95:
        return False
    venue = _container(a, b)
    if venue >= 0.95:
        return (bool(a.volume) and a.volume == b.volume and short.year == long_.year
                and short.first_page.isdigit() and int(short.first_page) < int(long_.first_page))
    return venue < 0.8 and 0 <= long_.year - short.year <= 1


_AXES = {"method": "method (qualitative, quantitative)", "sex": "the sex studied", "age": "the age group studied",
         "course": "the course of illness (acute, chronic)", "design": "design (prospective, retrospective)",
         "setting": "setting (urban, rural)", "care": "care (inpatient, outpatient)"}


def conflict(a: Features, b: Features, pages_accepted: frozenset[frozenset[str]] = frozenset(),
             versions: bool = False) -> str:
    """A hard reason why two records cannot be one work ('' when none).

    ``pages_accepted`` holds pairs of first pages that a shared DOI has
    already shown to be one item (see :meth:`Clusters.blocked`): records at
    those pages do not conflict on pages.  With ``versions`` (the reviewer
    asked to merge versions) a meeting abstract and the later article
    (:func:`abstract_and_article`) do not conflict on pages either, nor a
    preprint and an article on their DOIs.
    """
    if a.doi and b.doi and a.doi != b.doi and not _one_printed_place(a, b):
        if a.preprint == b.preprint:
            return "different DOIs"
        if not versions:
            return PREPRINT_DOIS  # a preprint has its own DOI: no evidence against its article
    if a.registries and b.registries and not a.registries & b.registries:
        # Each names its trial's registration and no two agree: two trials (sibling
        # registrations often differ by one title word or none).
        return "different trial registrations"
    if a.year is not None and b.year is not None and abs(a.year - b.year) > 1:
        return "years more than one apart"
    pages = pages_relation(a, b)
    if a.doi and a.doi == b.doi:
        # Meeting supplements give every abstract the supplement's DOI; otherwise
        # volume and page variants under one DOI are export noise.
        if a.title and b.title and not _translated(a, b):
            similar = fuzz.token_set_ratio(a.title, b.title)
            differ = pages in ("conflict", "close")
            # Sibling abstracts on two pages of one supplement ("... in mice" /
            # "... in rats") share its DOI and most of their words.
            if similar < 85 or (differ and (similar < 90 or _substituted(a.words, b.words))):
                return "different titles under one DOI (a supplement DOI)"
        return ""
    if pages == "conflict" and not _printed_twice_in_one_issue(a, b) and not (
            frozenset((a.first_page, b.first_page)) in pages_accepted and _container(a, b) >= 0.9):
        if _one_abstract_at_two_meetings(a, b):
            if not versions:
                return TWO_MEETINGS
        elif not abstract_and_article(a, b):
            return "different first pages"
        elif not versions:
            return ABSTRACT_AND_ARTICLE
    if a.kind and b.kind and a.kind != b.kind:
        # A thesis, the report and the paper made from it are three works.
        return f"a {a.kind} and a {b.kind}".replace("a venue", "a published paper")
    if a.numbers != b.numbers and a.title and b.title:
        years_a = {n for n in a.numbers if n.isdigit()}
        years_b = {n for n in b.numbers if n.isdigit()}
        # A part or study number on one side only, or two different years
        # (one title may just print its year: "(1991) Instance-based ...").
        if (a.numbers - years_a) != (b.numbers - years_b) or (years_a and years_b and years_a != years_b):
            return "different numbers in the titles (part, study, year)"
    axis = contrasting(a.contrasts, b.contrasts) if pages != "same" else ""
    if axis:
        # One team's two studies: "... : a qualitative study" / "... : a quantitative study", "... in men" /
        # "... in women" (two records at one page are one item, whatever a typo made of its title).
        return f"titles that differ in {_AXES[axis]}"
    if a.protocol != b.protocol and a.title and b.title and pages != "same":
        # "... : protocol for a randomised trial" and the trial's results share authors and most words.
        return "a study protocol and the study it plans"
    if a.notice != b.notice and pages != "same":
        if a.notice and b.notice:
            return f"two notices on one work (a {a.notice} and a {b.notice})"
        return "a notice (erratum, comment, reply) and the work it concerns"
    return ""


def _same_name(x: str, y: str, px: frozenset[str], py: frozenset[str]) -> bool:
    if x == y:
        return True
    if px & py:
        return True  # compound surnames cut differently: "Campos Cavalcanti Maciel" / "Maciel"
    short, long_ = sorted((x, y), key=len)
    if len(short) >= 4 and long_.startswith(short):
        return True  # "Hiess" / "Hiessl"
    return len(short) >= 5 and Levenshtein.distance(x, y, score_cutoff=1) <= 1


def _author_overlap(a: Features, b: Features) -> tuple[float, bool]:
    """Share of the shorter list matched, and whether the first authors match."""
    xs, ys = a.surnames[:12], b.surnames[:12]
    xp, yp = a.surname_parts[:12], b.surname_parts[:12]
    used: set[int] = set()
    matched = 0
    for i, x in enumerate(xs):
        for j, y in enumerate(ys):
            if j not in used and _same_name(x, y, xp[i], yp[j]):
                used.add(j)
                matched += 1
                break
    first = _same_name(xs[0], ys[0], xp[0], yp[0])
    return matched / min(len(xs), len(ys)), first


def _authors(a: Features, b: Features) -> float:
    if not a.surnames or not b.surnames:
        return 0.5
    overlap, first = _author_overlap(a, b)
    if first:
        return overlap
    # Inverted or run-together lists ("Allen S. Lee" read as family "Allen"):
    # compare every name word of both lists.
    wa, wb = set(a.name_words), set(b.name_words)
    words = len(wa & wb) / min(len(wa), len(wb)) if wa and wb else 0.0
    return max(overlap * 0.6, words * 0.9)


def _container(a: Features, b: Features) -> float:
    if not a.container or not b.container:
        return 0.5
    if a.container == b.container:
        return 1.0
    short, full = sorted((a.container, b.container), key=len)
    if abbreviates(short, full):
        return 1.0
    if len(short) >= 10 and full.startswith(short):
        return 0.95  # a truncated or subtitled journal name
    return fuzz.token_sort_ratio(a.container, b.container) / 100.0


def _title(a: Features, b: Features) -> float:
    title = _title_pair(a.title, b.title)
    for x, y in ((a.original, b.title), (a.title, b.original), (a.original, b.original)):
        if x and y:
            title = max(title, _title_pair(x, y))  # a translated title with the original in brackets
    return title


def _title_pair(x: str, y: str) -> float:
    title = fuzz.ratio(x, y) / 100.0
    if title < 0.85:
        title = max(title, fuzz.token_sort_ratio(x, y) / 100.0 - 0.05)
    if title < 0.88:
        short, long_ = sorted((x, y), key=len)
        if len(short.split()) >= 3 and (long_.startswith(short) or long_.endswith(short)):
            title = 0.88  # a subtitle dropped or a running head added
    return title


def _substituted(xs: Sequence[str], ys: Sequence[str]) -> bool:
    """Whether each title has a content word the other lacks and no spelling of it."""
    only_x = [w for w in set(xs) - set(ys) if len(w) > 3 and not w.isdigit()]
    only_y = [w for w in set(ys) - set(xs) if len(w) > 3 and not w.isdigit()]
    if not only_x or not only_y:
        return False
    joined_x, joined_y = "".join(xs), "".join(ys)

    def spelled(word: str, others: list[str], joined: str) -> bool:
        return word in joined or any(fuzz.ratio(word, o) >= 75 or o.startswith(word) or word.startswith(o)
                                     for o in others)

    return any(not spelled(w, only_y, joined_y) for w in only_x) and any(
        not spelled(w, only_x, joined_x) for w in only_y)


def compare(a: Features, b: Features, versions: bool = False) -> tuple[float, tuple[str, ...]]:
    """Score two records in [0, 1] and say why.

    A hard conflict scores 0; a shared DOI scores 1; otherwise the title
    carries the score, confirmed by authors, year, venue and locator
    (volume and pages).  A full locator (same venue, year, volume and page
    range) with the same authors identifies an article even when its title
    was translated.
    """
    veto = conflict(a, b, versions=versions)
    if veto:
        return 0.0, (veto,)
    if a.doi and a.doi == b.doi:
        return 1.0, ("same DOI",)  # titles that disagree were vetoed above
    if a.report and a.report == b.report and a.kind == b.kind == "report" and a.surnames and b.surnames \
            and _same_name(a.surnames[0], b.surnames[0], a.surname_parts[0], b.surname_parts[0]) \
            and a.title and b.title and _title(a, b) >= 0.75 and not _substituted(a.words, b.words):
        # A report's number names it as a DOI does; a garbled title
        # ('Christi an, "The Cascade--Correlation ..."') does not matter.  A
        # mistyped number (CMU-CS-TR-91-100 for 90-100) is why the titles
        # must still agree.
        return 0.95, ("same report number, first author and title",)
    reasons: list[str] = []
    authors = _authors(a, b)
    venue = _container(a, b)
    same_year = a.year is not None and a.year == b.year
    pages = pages_relation(a, b)
    same_volume = bool(a.volume and a.volume == b.volume)
    locator = pages == "same" or same_volume
    full_locator = (pages == "same" and same_volume and same_year and venue >= 0.8
                    and bool(a.last_page) and a.last_page == b.last_page and a.last_page != a.first_page)
    if a.title and b.title:
        title = _title(a, b)
        reasons.append(f"title {title:.2f}")
        two_meetings = venue < 0.8 and _one_abstract_at_two_meetings(a, b)
        if a.generic or b.generic:
            # "Editorial" matches every editorial: only a locator can tell.
            same_pages = pages == "same" and (not (a.last_page and b.last_page) or a.last_page == b.last_page)
            if not (same_year and same_pages and venue >= 0.8):
                return min(title, 0.5), (*reasons, "generic title without matching venue and pages")
        translated = _translated(a, b)
        if not locator and title < 0.99 and _substituted(a.words, b.words):
            # "... in Adult Patients" / "... in Pediatric Patients": one word
            # swapped for another is a sibling work, not a typo.
            title = min(title, 0.85)
            reasons.append("a title word replaced by a different word")
        if full_locator and authors >= 0.99 and (translated or title >= 0.8) and not (a.notice or b.notice):
            return max(title, 0.95), (*reasons, "authors match",
                                      "same venue, year, volume and page range (a translated or retitled copy)")
        score = title
        if authors >= 0.99:
            reasons.append("authors match")
        elif authors < 0.5:
            score -= 0.25
            reasons.append(f"authors differ ({authors:.2f})")
        else:
            score -= 0.1 * (1 - authors)
            reasons.append(f"authors partly match ({authors:.2f})")
        if not same_year:
            known = a.year is not None and b.year is not None
            if known and title >= 0.97 and authors >= 0.99 and venue >= 0.9:
                # Online-first and issue years, conference and proceedings years.
                score -= 0.06
            else:
                score -= 0.12 if known else 0.03
            reasons.append("year differs" if known else "year missing")
        if a.preprint != b.preprint and not locator:
            # Said before the missing venue: a preprint server is often read as a
            # publisher.  Matching pages say both records are the printed version
            # (one with the preprint's DOI).
            score -= 0.1
            reasons.append(PREPRINT_AND_ARTICLE)
        elif bool(a.container) != bool(b.container) and not locator:
            # A technical report and the paper it became share title and authors.
            score -= VENUE_PENALTY
            reasons.append(ONE_VENUE)
        elif two_meetings:
            pass  # its venue, volume and pages differ by construction
        elif a.container and b.container and venue < 0.8:
            score -= 0.1 if venue >= 0.5 or locator else 0.2
            reasons.append(f"venue differs ({venue:.2f})")
        if locator:
            score += 0.04
            reasons.append("volume/pages match")
            if same_volume and pages == "same" and same_year and authors >= 0.99 and title >= 0.7:
                score += 0.08
                reasons.append("same authors, year, volume and first page")
            elif full_locator and title >= 0.95:
                score += 0.25
                reasons.append("same venue, year, volume and page range")
        elif a.volume and b.volume and a.volume != b.volume and not two_meetings:
            score -= 0.05
            reasons.append("volumes differ")
        if pages == "close":
            score -= 0.03
            reasons.append("page ranges overlap")
        return max(0.0, min(score, 1.0)), tuple(reasons)
    # No title on one side (noisy citation lists): authors, year, venue and pages.
    if (not a.title and not b.title and authors >= 0.99 and len(a.surnames) == len(b.surnames) and same_year
            and venue >= 0.9 and same_volume and pages == "same" and not (a.generic or b.generic)):
        # Physics and chemistry cite without titles ("J. Appl. Phys. 76, 893
        # (1994)"): journal, volume and first page name one article, the
        # whole author list and the year confirm it.
        return 0.95, ("no titles; authors, year, journal, volume and first page match",)
    if authors >= 0.99 and same_year and venue >= 0.8 and pages == "same":
        return 0.85, ("no title; authors, year, venue and first page match: a reviewer should confirm",)
    return 0.3, ("no title to compare",)


class Clusters:
    """Union-find whose merges are checked across whole clusters."""

    def __init__(self, feats: Sequence[Features], versions: bool = False) -> None:
        self.feats = feats
        self.versions = versions  # the reviewer asked to merge versions
        self.parent = list(range(len(feats)))
        self.members: dict[int, list[int]] = {i: [i] for i in range(len(feats))}
        self.cannot: set[tuple[int, int]] = set()

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def _pages_under_one_doi(self, members: list[int]) -> frozenset[frozenset[str]]:
        """Pairs of first pages that one DOI with matching titles joins among ``members``.

        When two records share a DOI and a title but print different first
        pages (an export misreads a supplement's page), the pair merges; copies
        of those records exported without the DOI carry the same two pages,
        and that page difference, already accepted, must not keep them out.
        """
        by_doi: dict[str, list[Features]] = {}
        for i in members:
            f = self.feats[i]
            if f.doi and f.first_page:
                by_doi.setdefault(f.doi, []).append(f)
        accepted: set[frozenset[str]] = set()
        for group in by_doi.values():
            for i, p in enumerate(group):
                for q in group[i + 1:]:
                    if p.first_page != q.first_page and not conflict(p, q):
                        accepted.add(frozenset((p.first_page, q.first_page)))
        return frozenset(accepted)

    def blocked(self, a: int, b: int) -> str:
        """Why the clusters of ``a`` and ``b`` must stay apart ('' when they may merge)."""
        ra, rb = self.find(a), self.find(b)
        accepted = self._pages_under_one_doi(self.members[ra] + self.members[rb])
        for x in self.members[ra]:
            for y in self.members[rb]:
                if (min(x, y), max(x, y)) in self.cannot:
                    return "a reviewer decided these are different"
                reason = conflict(self.feats[x], self.feats[y], accepted, self.versions)
                if reason:
                    return f"{reason} within the merged cluster"
        return ""

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return
        if len(self.members[ra]) < len(self.members[rb]):
            ra, rb = rb, ra
        self.parent[rb] = ra
        self.members[ra].extend(self.members.pop(rb))

    def groups(self) -> list[list[int]]:
        """Clusters as sorted index lists, ordered by their first member."""
        return sorted((sorted(m) for m in self.members.values()), key=lambda m: m[0])
