"""Reviewer decisions: a YAML file of pairs marked same or different.

::

    - {left: "4", right: "11", decision: same}
    - {left: "4", right: "24", decision: different}

Decisions override the matcher on every run.  A decision naming an id that
is not among the records is kept out of the mapping and reported, as are a
pair decided both ways (neither decision holds), a decision repeated (it
holds once) and a 'same' decision that would join, through other 'same'
decisions, two records decided different (the 'different' decision holds).
With several inputs, ids carry the file's name ("refs.bib:4"); a bare id
that one input holds names its record.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from kg.errors import InputError
from kg.ingest.text import LINE_KEY, as_written, did_you_mean, read_yaml, written
from kg.model import Problem, SourceLocation

DECISIONS = {"same": True, "different": False}


def read_decisions(
    path: str | Path, known_ids: Iterable[str] | None = None, prefixes: Iterable[str] = ()
) -> tuple[dict[frozenset[str], bool], list[Problem]]:
    """Read a decisions file.

    Args:
        path: the YAML file.
        known_ids: the record ids the decisions may name; ``None`` skips the check.
        prefixes: with several inputs, the prefix of each input's ids ("refs.bib" in
            "refs.bib:4", see :func:`kg.clitools.input_prefixes`): an id given without it, or
            with only the end of its path, names the one record it fits.

    Returns:
        The mapping {frozenset({left, right}): same?} and the problems found
        (unknown ids, contradictory or repeated decisions), each naming file:line.

    Raises:
        InputError: the file is unreadable, not YAML, or not a list of decisions.
    """
    data = read_yaml(path)
    if data is None:
        return {}, []
    if not isinstance(data, list):
        raise InputError(f"{path}: expected a list of {{left, right, decision}} items")
    known = None if known_ids is None else set(known_ids)
    tails = None if known is None else _tails(known, prefixes)
    decisions: dict[frozenset[str], bool] = {}
    lines: dict[frozenset[str], SourceLocation] = {}
    contradicted: set[frozenset[str]] = set()
    problems: list[Problem] = []
    for item in data:
        line = item.get(LINE_KEY, 0) if isinstance(item, dict) else 0
        where = SourceLocation(str(path), line)
        if not isinstance(item, dict) or str(item.get("decision")) not in DECISIONS:
            raise InputError(f"{where}: each decision needs left, right and decision: same or different; "
                             f"got {as_written(item)!r}; write it as - {{left: A, right: B, decision: same}}")
        left, right = (_record_id(item.get(side), known, tails) for side in ("left", "right"))
        missing = [side for side, value in (("left", left), ("right", right)) if not value]
        unknown = [i for i in (left, right) if i and known is not None and i not in known]
        if missing or unknown or left == right:
            if missing:
                what = f"has no {' and no '.join(missing)} record id"
            elif unknown:
                what = f"names no record of the input: {', '.join(repr(i) for i in unknown)}"
                what += _unknown_hint(unknown[0], known or set(), tails or {})
            else:
                what = "needs two different record ids"
            problems.append(
                Problem("unknown-decision-id", "warning", f"decision {left!r} ~ {right!r} {what}; it is ignored",
                        where)
            )
            continue
        pair, verdict = frozenset((left, right)), DECISIONS[str(item["decision"])]
        if pair in lines:
            first = lines[pair]
            if pair in contradicted or decisions[pair] != verdict:
                contradicted.add(pair)
                problems.append(Problem(
                    "contradictory-decision", "warning",
                    f"decision {left!r} ~ {right!r} {item['decision']} contradicts line {first.line}; neither is "
                    "applied (the matcher decides) until one is removed", where))
            else:
                problems.append(Problem("duplicate-decision", "warning", f"decision {left!r} ~ {right!r} "
                                        f"repeats line {first.line}; it is applied once", where))
            continue
        decisions[pair], lines[pair] = verdict, where
    for pair in contradicted:
        del decisions[pair]
    problems.extend(_chained_contradictions(decisions, lines))
    return decisions, problems


def _tails(known: set[str], prefixes: Iterable[str]) -> dict[str, list[str]]:
    """The known ids by what names them without all of their input's prefix: "4" or "d1/refs.bib:4" for
    "/home/me/d1/refs.bib:4" (the prefix follows the inputs as given on the command line)."""
    tails: dict[str, list[str]] = {}
    for prefix in prefixes:
        shorter = [prefix[i + 1:] for i, char in enumerate(prefix) if char == "/"]
        for rid in sorted(known):
            if rid.startswith(f"{prefix}:"):
                bare = rid[len(prefix) + 1:]
                for name in ("", *shorter):
                    tails.setdefault(f"{name}:{bare}" if name else bare, []).append(rid)
    return tails


def _record_id(value: object, known: set[str] | None, tails: dict[str, list[str]] | None) -> str:
    """A decision's id as text; an id that names one record of several inputs without its file ("4" for
    "refs.bib:4") becomes that record's id."""
    rid = "" if value is None else str(written(value)).strip()  # "left: 007" is the id 007, not 7
    found = [] if known is None or rid in known else (tails or {}).get(rid, [])
    return found[0] if len(found) == 1 else rid


def _unknown_hint(rid: str, known: set[str], tails: dict[str, list[str]]) -> str:
    """Why an id may name no record: it is in several inputs, or a near miss."""
    found = tails.get(rid)
    if found:
        return f" (it is in several input files: write one of {', '.join(found)})"
    return did_you_mean(rid, known)


def _chained_contradictions(
    decisions: dict[frozenset[str], bool], lines: dict[frozenset[str], SourceLocation]
) -> list[Problem]:
    """Drop each 'same' decision that would join, through the other 'same' decisions, two records
    decided different (A = B, B = C, A != C): a 'different' decision always holds."""
    group: dict[str, set[str]] = {}
    apart = [tuple(sorted(pair)) for pair, verdict in decisions.items() if not verdict]
    problems: list[Problem] = []
    for pair, verdict in list(decisions.items()):
        if not verdict:
            continue
        left, right = sorted(pair)
        joined = group.get(left, {left}) | group.get(right, {right})
        broken = next(((x, y) for x, y in apart if x in joined and y in joined), None)
        if broken:
            del decisions[pair]
            x, y = broken
            problems.append(Problem(
                "contradictory-decision", "warning",
                f"decision {left!r} ~ {right!r} same would put {x!r} and {y!r} in one work through the other "
                f"'same' decisions, but line {lines[frozenset(broken)].line} says they are different; it is "
                "ignored", lines[pair]))
            continue
        for rid in joined:
            group[rid] = joined
    return problems
