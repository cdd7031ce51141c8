"""Reviewer decisions: a YAML file of pairs marked same or different.

::

    - {left: "4", right: "11", decision: same}
    - {left: "4", right: "24", decision: different}

Decisions override the matcher on every run.  A decision naming an id that
is not among the records is kept out of the mapping and reported.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from kg.errors import InputError
from kg.ingest.text import LINE_KEY, as_written, did_you_mean, read_yaml
from kg.model import Problem, SourceLocation

DECISIONS = {"same": True, "different": False}


def read_decisions(
    path: str | Path, known_ids: Iterable[str] | None = None
) -> tuple[dict[frozenset[str], bool], list[Problem]]:
    """Read a decisions file.

    Args:
        path: the YAML file.
        known_ids: the record ids the decisions may name; ``None`` skips the check.

    Returns:
        The mapping {frozenset({left, right}): same?} and the problems found
        (unknown ids), each naming file:line.

    Raises:
        InputError: the file is unreadable, not YAML, or not a list of decisions.
    """
    data = read_yaml(path)
    if data is None:
        return {}, []
    if not isinstance(data, list):
        raise InputError(f"{path}: expected a list of {{left, right, decision}} items")
    known = None if known_ids is None else set(known_ids)
    decisions: dict[frozenset[str], bool] = {}
    problems: list[Problem] = []
    for item in data:
        line = item.get(LINE_KEY, 0) if isinstance(item, dict) else 0
        where = SourceLocation(str(path), line)
        if not isinstance(item, dict) or str(item.get("decision")) not in DECISIONS:
            raise InputError(f"{where}: each decision needs left, right and decision: same or different; "
                             f"got {as_written(item)!r}; write it as - {{left: A, right: B, decision: same}}")
        left, right = ("" if item.get(side) is None else str(item[side]).strip() for side in ("left", "right"))
        missing = [side for side, value in (("left", left), ("right", right)) if not value]
        unknown = [i for i in (left, right) if i and known is not None and i not in known]
        if missing or unknown or left == right:
            if missing:
                what = f"has no {' and no '.join(missing)} record id"
            elif unknown:
                what = (f"names no record of the input: {', '.join(repr(i) for i in unknown)}"
                        f"{did_you_mean(unknown[0], known or ())}")
            else:
                what = "needs two different record ids"
            problems.append(
                Problem("unknown-decision-id", "warning", f"decision {left!r} ~ {right!r} {what}; it is ignored",
                        where)
            )
            continue
        decisions[frozenset((left, right))] = DECISIONS[str(item["decision"])]
    return decisions, problems
