"""Dedup: references that describe the same work become one :class:`~kg.model.Work`.

>>> from kg.model import Person, Reference
>>> a = Reference("1", authors=(Person("Corrigan", "P. W."),), year=2004,
...               title="How stigma interferes with mental health care", container="American Psychologist",
...               volume="59", pages="614-625")
>>> b = Reference("2", authors=(Person("Corrigan", "P."),), year=2004,
...               title="How Stigma Interferes With Mental Health Care.", container="Am Psychol",
...               volume="59", pages="614-25")
>>> [w.members for w in deduplicate([a, b]).works]
[('1', '2')]
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields, replace

from kg.dedup.decisions import read_decisions
from kg.dedup.match import (
    ABSTRACT_AND_ARTICLE,
    PREPRINT_AND_ARTICLE,
    PREPRINT_DOIS,
    ONE_VENUE,
    SAME,
    TWO_MEETINGS,
    UNCERTAIN,
    VENUE_PENALTY,
    Clusters,
    abstract_and_article,
    candidate_pairs,
    compare,
    features,
)
from kg.model import DedupDecision, Problem, Reference, Work
from kg.vocab import citekey

__all__ = ["DedupResult", "deduplicate", "merge_records", "read_decisions"]


@dataclass(frozen=True, slots=True)
class DedupResult:
    """Works (clusters merged), clusters of input ids, and every decision made.

    ``decisions`` holds each merge with its score and reasons (and the
    reviewer's decisions); ``uncertain`` the pairs a reviewer should look at;
    ``versions`` the pairs linked as related versions (a preprint and its
    article, a record a year later, a meeting abstract and the later
    article, one abstract at two meetings), which are merged only when
    asked (``link_versions``).
    """

    works: tuple[Work, ...]
    clusters: tuple[tuple[str, ...], ...]
    decisions: tuple[DedupDecision, ...] = ()
    problems: tuple[Problem, ...] = ()
    uncertain: tuple[DedupDecision, ...] = ()
    versions: tuple[DedupDecision, ...] = ()


_MERGE_FIELDS = [f.name for f in fields(Reference) if f.name not in ("id", "source", "raw", "source_format",
                                                                      "confidence", "leftover", "extra", "number")]


def _letters(n: int) -> str:
    """The n-th letter suffix, as years are lettered: 1 a, 26 z, 27 aa, 28 ab.

    >>> [_letters(n) for n in (2, 26, 27, 703)]
    ['b', 'z', 'aa', 'aaa']
    """
    letters = ""
    while n:
        n, rest = divmod(n - 1, 26)
        letters = chr(ord("a") + rest) + letters
    return letters


def _filled(ref: Reference) -> int:
    return sum(1 for name in _MERGE_FIELDS if getattr(ref, name) not in ("", (), None, False))


def merge_records(records: Sequence[Reference]) -> Reference:
    """One record from a cluster: the most complete record, gaps filled from the others.

    Nothing is lost: the members stay in the graph with their own fields.
    """
    best = max(records, key=lambda r: (_filled(r), -records.index(r)))
    changes: dict[str, object] = {}
    for name in _MERGE_FIELDS:
        if getattr(best, name) in ("", (), None):
            for other in records:
                value = getattr(other, name)
                if value not in ("", (), None):
                    changes[name] = value
                    break
    if best.et_al:
        # "Smith et al." when another member lists every author: the work lists them.
        whole = next((r for r in records if not r.et_al and len(r.authors) > len(best.authors)), None)
        if whole:
            changes.update(authors=whole.authors, et_al=False)
    return replace(best, id=records[0].id, **changes)  # type: ignore[arg-type]


def _merge(
    scored: list[tuple[float, int, int, tuple[str, ...]]],
    clusters: Clusters,
    references: Sequence[Reference],
    made: list[DedupDecision],
    uncertain: list[DedupDecision],
) -> None:
    """Merge scored pairs best first, each merge checked across both clusters."""
    for score, a, b, reasons in scored:
        if (a, b) in clusters.cannot:
            continue
        decision = DedupDecision(references[a].id, references[b].id, True, score, reasons)
        if score >= SAME:
            if clusters.find(a) == clusters.find(b):
                continue
            veto = clusters.blocked(a, b)
            if veto:
                made.append(replace(decision, same=False, reasons=(*reasons, veto)))
                uncertain.append(replace(decision, same=False, reasons=(*reasons, veto)))
                continue
            clusters.union(a, b)
            made.append(decision)
        elif score >= UNCERTAIN and clusters.find(a) != clusters.find(b):
            uncertain.append(replace(decision, same=False))


def deduplicate(
    references: Sequence[Reference],
    decisions: Mapping[frozenset[str], bool] | None = None,
    *,
    link_versions: bool = False,
) -> DedupResult:
    """Cluster references into works.

    Args:
        references: the records, in input order (ids must be unique).
        decisions: a reviewer's verdicts, {frozenset({id, id}): same?}; they
            override the matcher.
        link_versions: also merge records that differ only as versions
            (a preprint and its published article one year apart, a
            meeting abstract and the later article in the same journal,
            one abstract at two meetings in two journals).

    Returns:
        The works in input order with stable citekeys, the clusters of ids,
        every merge decision with its reasons, problems (records with no
        title or authors, kept; a reviewer's 'same' decision that would join
        two records decided different, not applied), the uncertain pairs not
        yet decided and the related versions.

    Raises:
        ValueError: two records share an id.
    """
    problems: list[Problem] = []
    for ref in references:
        if not ref.title.strip() or not ref.authors:
            missing = " or ".join(name for name, value in (("title", ref.title.strip()), ("authors", ref.authors))
                                  if not value)
            problems.append(Problem("incomplete-record", "info",
                                    f"record {ref.id} has no {missing}; kept, compared on its other fields",
                                    ref.source))
    index = {r.id: i for i, r in enumerate(references)}
    if len(index) < len(references):
        repeated = next(r.id for i, r in enumerate(references) if index[r.id] != i)
        raise ValueError(f"record id {repeated!r} is given to two records; clusters name records by id, "
                         "so each needs its own")
    feats = [features(i, r) for i, r in enumerate(references)]
    clusters = Clusters(feats, versions=link_versions)
    made: list[DedupDecision] = []
    uncertain: list[DedupDecision] = []
    forced: list[tuple[int, int]] = []
    decided: set[tuple[int, int]] = set()
    for pair, same in sorted((decisions or {}).items(), key=lambda item: sorted(item[0])):
        ids = sorted(pair)
        if len(ids) != 2 or ids[0] not in index or ids[1] not in index:
            continue
        a, b = sorted((index[ids[0]], index[ids[1]]))
        if same:
            forced.append((a, b))
        else:
            clusters.cannot.add((a, b))
            decided.add((a, b))
            made.append(DedupDecision(references[a].id, references[b].id, False, 0.0, ("reviewer decision",),
                                      "reviewer"))
    for a, b in forced:
        # A 'different' decision holds against a chain of 'same' ones (A = B, B = C, A != C).
        apart = next(((x, y) for x in clusters.members[clusters.find(a)] for y in clusters.members[clusters.find(b)]
                      if (min(x, y), max(x, y)) in clusters.cannot), None)
        if apart:
            x, y = sorted(apart)
            problems.append(Problem(
                "contradictory-decision", "warning",
                f"reviewer decision {references[a].id!r} ~ {references[b].id!r} same would put "
                f"{references[x].id!r} and {references[y].id!r}, decided different, in one work; it is ignored"))
            continue
        clusters.union(a, b)
        decided.add((a, b))
        made.append(DedupDecision(references[a].id, references[b].id, True, 1.0, ("reviewer decision",),
                                  "reviewer"))
    scored = []
    versions: list[DedupDecision] = []
    later: list[tuple[float, int, int, tuple[str, ...]]] = []  # versions, merged last when asked
    for a, b in candidate_pairs(feats):
        score, reasons = compare(feats[a], feats[b])
        linked = False
        if reasons in ((ABSTRACT_AND_ARTICLE,), (TWO_MEETINGS,)):
            # Kept apart by its pages, but linked: scored as the versions it is.
            relation = reasons[0]
            score, reasons = compare(feats[a], feats[b], versions=True)
            reasons, linked = (*reasons, relation), True
        elif reasons == (PREPRINT_DOIS,):
            # Kept apart by their DOIs, but linked when the preprint reads as the article's.
            rescored = compare(feats[a], feats[b], versions=True)
            if PREPRINT_AND_ARTICLE in rescored[1] and rescored[0] >= SAME - 0.13:
                (score, reasons), linked = rescored, True
        elif UNCERTAIN <= score < SAME and abstract_and_article(feats[a], feats[b]):
            reasons, linked = (*reasons, ABSTRACT_AND_ARTICLE), True
        elif PREPRINT_AND_ARTICLE in reasons:
            linked = score >= SAME - 0.13  # however close: versions merge only when asked
        elif SAME - 0.13 <= score < SAME:
            linked = "year differs" in reasons
        if score < UNCERTAIN and not linked:
            continue  # neither merged nor worth a reviewer's look: not kept
        if linked:
            versions.append(DedupDecision(references[a].id, references[b].id, False, score, reasons))
            if link_versions:
                later.append((max(score, SAME), a, b, (*reasons, "linked as versions on request")))
                continue
            if score >= SAME:
                uncertain.append(versions[-1])  # versions merge only when asked
                continue
        scored.append((score, a, b, reasons))
    scored.sort(key=lambda s: (-s[0], s[1], s[2]))
    # Records that say what they are (a venue, a report, a thesis) are
    # clustered first; a record that says nothing then joins a work only if
    # the works it matches do not conflict with each other.
    said = [bool(f.kind) for f in feats]
    first = [s for s in scored if said[s[1]] and said[s[2]]]
    second = [s for s in scored if not (said[s[1]] and said[s[2]])]
    _merge(first, clusters, references, made, uncertain)
    roots: dict[int, set[int]] = {}
    for score, a, b, reasons in second:
        # A bare citation lacks the venue by definition: that is no evidence
        # against the published version, so it counts as a work it may be.
        if score + (VENUE_PENALTY if ONE_VENUE in reasons else 0.0) >= SAME:
            for x, y in ((a, b), (b, a)):
                if not said[x] and said[y]:
                    roots.setdefault(x, set()).add(clusters.find(y))
    ambiguous = {x for x, found in roots.items()
                 if any(clusters.blocked(p, q) for p, q in itertools.combinations(sorted(found), 2))}
    for score, a, b, reasons in second:
        if score >= SAME and (a in ambiguous or b in ambiguous):
            uncertain.append(DedupDecision(references[a].id, references[b].id, False, score,
                                           (*reasons, "matches two works that cannot be one")))
    _merge([s for s in second if s[1] not in ambiguous and s[2] not in ambiguous], clusters, references, made,
           uncertain)
    # Versions join whole works once those are formed: merged earlier, a
    # version a year off would veto the work's own records on their years.
    later.sort(key=lambda s: (-s[0], s[1], s[2]))
    _merge([s for s in later if s[1] not in ambiguous and s[2] not in ambiguous], clusters, references, made,
           uncertain)
    works: list[Work] = []
    used: set[str] = set()
    last_suffix: dict[str, int] = {}  # per citekey, the last letter given (1 = a)
    for group in clusters.groups():
        members = [references[i] for i in group]
        record = merge_records(members)
        key = base = citekey(record)
        suffix = last_suffix.get(base, 1)
        while key in used:
            suffix += 1
            key = base + _letters(suffix)
        last_suffix[base] = suffix
        used.add(key)
        works.append(Work(key, record, tuple(m.id for m in members)))
    made.sort(key=lambda d: (index[d.left], index[d.right]))
    # A pair the reviewer decided is no longer for review.
    uncertain = [d for d in uncertain if tuple(sorted((index[d.left], index[d.right]))) not in decided]
    uncertain.sort(key=lambda d: (-d.score, index[d.left], index[d.right]))
    versions.sort(key=lambda d: (index[d.left], index[d.right]))
    return DedupResult(tuple(works), tuple(w.members for w in works), tuple(made), tuple(problems),
                       tuple(uncertain), tuple(versions))
