"""Helpers the stage commands share: error reporting, plain-text tables and input names."""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import click

from kg.errors import KgError

F = TypeVar("F", bound=Callable[..., Any])


def reports_errors(func: F) -> F:
    """Turn a KgError into a clean message on stderr and exit status 1."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except KgError as err:
            raise click.ClickException(str(err)) from err

    return wrapper  # type: ignore[return-value]


def render_table(rows: Sequence[dict[str, Any]], columns: Sequence[str]) -> str:
    """A plain-text table of ``rows`` (dicts) in the given column order.

    >>> print(render_table([{"a": 1, "b": "x"}], ["a", "b"]))
    a  b
    -  -
    1  x
    """
    cells = [[str(row.get(c, "")) for c in columns] for row in rows]
    widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(columns)]
    line = "  ".join(c.ljust(w) for c, w in zip(columns, widths))
    rule = "  ".join("-" * w for w in widths)
    body = ["  ".join(v.ljust(w) for v, w in zip(r, widths)).rstrip() for r in cells]
    return "\n".join([line.rstrip(), rule, *body])


def input_prefixes(paths: Sequence[Path]) -> list[str]:
    """The prefix that keeps each input's record ids apart when several files are read together.

    A file's name, or the path as given where two inputs share a name; a file given twice gets "#2".

    >>> input_prefixes([Path("a/refs.bib"), Path("b/refs.bib"), Path("x.ris"), Path("x.ris")])
    ['a/refs.bib', 'b/refs.bib', 'x.ris', 'x.ris#2']
    """
    folders: dict[str, set[str]] = {}
    for path in paths:
        folders.setdefault(path.name, set()).add(path.as_posix())
    wanted = [p.name if len(folders[p.name]) == 1 else p.as_posix() for p in paths]
    prefixes: list[str] = []
    for prefix in wanted:
        n = prefixes.count(prefix) + sum(1 for q in prefixes if q.startswith(prefix + "#"))
        prefixes.append(f"{prefix}#{n + 1}" if n else prefix)
    return prefixes
