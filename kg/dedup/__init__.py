"""Deduplication: references that describe the same work become one Work.

First version: exact match on a normalised (surnames, year, title) key.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from kg.model import DedupDecision, Problem, Reference, Work
from kg.vocab import citekey


@dataclass(frozen=True, slots=True)
class DedupResult:
    works: tuple[Work, ...]
    clusters: tuple[tuple[str, ...], ...]
    decisions: tuple[DedupDecision, ...] = ()
    problems: tuple[Problem, ...] = ()
    uncertain: tuple[DedupDecision, ...] = ()


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", " ", text).strip()


def _key(ref: Reference) -> tuple[str, ...]:
    return (" ".join(_norm(s) for s in ref.surnames), str(ref.year), _norm(ref.title))


def deduplicate(
    references: Sequence[Reference],
    decisions: Mapping[frozenset[str], bool] | None = None,
    *,
    link_versions: bool = False,
) -> DedupResult:
    groups: dict[tuple[str, ...], list[Reference]] = {}
    for ref in references:
        groups.setdefault(_key(ref), []).append(ref)
    works: list[Work] = []
    used: set[str] = set()
    made: list[DedupDecision] = []
    for members in groups.values():
        key = citekey(members[0])
        base, n = key, 1
        while key in used:
            n += 1
            key = base + chr(ord("a") + n - 1)
        used.add(key)
        works.append(Work(key, members[0], tuple(m.id for m in members)))
        for other in members[1:]:
            made.append(DedupDecision(members[0].id, other.id, True, 1.0, ("authors", "year", "title")))
    return DedupResult(tuple(works), tuple(w.members for w in works), tuple(made))


from kg.dedup.decisions import read_decisions  # noqa: E402

__all__ = ["DedupResult", "deduplicate", "read_decisions"]
