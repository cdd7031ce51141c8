"""Editing a copied corpus file in a test, and finding the line a test expects a message to name."""

from __future__ import annotations

from pathlib import Path


def edit(path: Path, old: str, new: str) -> None:
    """Replace the first ``old`` in ``path`` by ``new``; a fixture that lacks ``old`` fails the test."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture text {old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(path: Path, needle: str, start: int = 1) -> int:
    """The 1-based number of the first line of ``path`` from ``start`` on that holds ``needle``."""
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if n >= start and needle in line:
            return n
    raise AssertionError(needle)
