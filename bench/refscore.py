"""One scorer for parsed references, shared by ``bench/refparse.py`` and the six-style tests.

The bench and ``tests/ingest/references/test_refs_styles.py`` used to carry
their own copies of the field normalisation and of field F1, and the copies
had drifted (the bench dropped a title whose parse confidence was 0.1 or
less, the test kept it).  Both now import this module, so a figure printed by
the bench is the figure a test floor checks.

Fields are compared after :func:`norm` (NFKC, lower case, no punctuation,
dashes or spaces); authors as the ordered list of family names (particles
kept, a corporate author's whole name).  The author field is the names an
entry is listed under: its authors, or an edited book's editors when it has
no author ("Hobsbawm, Eric, and Terence Ranger, eds. 1983."), as the
six-style rows give them and as the bench reads gold (AnyStyle labels such
names ``editor``; before this, both sides left them out of the count).
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

FIELDS = ("author", "year", "title", "container", "volume", "issue", "pages")
_DASHES = re.compile(r"[\u2010-\u2015\u2212-]")
#: A title parsed with confidence at or below this is not counted: the parser
#: itself says the string is barely a reference (gold holds a few such lines).
TITLE_CONFIDENCE = 0.1


def norm(text: object) -> str:
    """Normalise a field value: NFKC, lower case, no punctuation or dashes."""
    if not text:
        return ""
    value = unicodedata.normalize("NFKC", str(text)).lower()
    value = _DASHES.sub("-", value)
    return re.sub(r"[\W_]+", "", value)


def parsed_fields(ref: Any) -> dict[str, str]:
    """Normalised field values of a parsed :class:`kg.model.Reference` (empty fields left out)."""
    out = {
        "author": "|".join(norm(p.literal or f"{p.particle} {p.family}") for p in (ref.authors or ref.editors)),
        "year": str(ref.year or "")[:4],
        "title": norm(ref.title if ref.confidence > TITLE_CONFIDENCE else ""),
        "container": norm(ref.container),
        "volume": norm(ref.volume),
        "issue": norm(ref.issue),
        "pages": norm(ref.pages),
    }
    return {k: v for k, v in out.items() if v}


def expected_fields(expected: dict[str, Any]) -> dict[str, str]:
    """Normalised values of a six-style test row's ``expected`` (``authors`` a list of family names)."""
    out = {
        "author": "|".join(norm(a) for a in expected.get("authors") or []),
        "year": str(expected.get("year") or ""),
    }
    for f in ("title", "container", "volume", "issue", "pages"):
        out[f] = norm(expected.get(f))
    return {k: v for k, v in out.items() if v}


def _f1(tp: int, fp: int, fn: int) -> float:
    """F1 of counts; a field nobody expected and nobody found scores 1."""
    prec = tp / (tp + fp) if tp + fp else 1.0
    rec = tp / (tp + fn) if tp + fn else 1.0
    return 2 * prec * rec / (prec + rec) if prec + rec else 0.0


def field_f1(pairs: list[tuple[dict[str, str], dict[str, str]]]) -> dict[str, float]:
    """Field F1 over (expected, parsed) pairs of normalised values; ``all`` pools every field's counts."""
    result = {}
    totals = [0, 0, 0]
    for f in FIELDS:
        counts = (
            sum(1 for g, p in pairs if g.get(f) and g.get(f) == p.get(f)),
            sum(1 for g, p in pairs if p.get(f) and g.get(f) != p.get(f)),
            sum(1 for g, p in pairs if g.get(f) and g.get(f) != p.get(f)),
        )
        totals = [a + b for a, b in zip(totals, counts)]
        result[f] = _f1(*counts)
    result["all"] = _f1(*totals)
    return result


def wholly_right(pairs: list[tuple[dict[str, str], dict[str, str]]]) -> float:
    """Share of pairs whose every field agrees (an empty list scores 0)."""
    if not pairs:
        return 0.0
    return sum(1 for g, p in pairs if all(g.get(f) == p.get(f) for f in FIELDS)) / len(pairs)


def misses(pairs: list[tuple[dict[str, str], dict[str, str]]]) -> list[tuple[int, str, str, str]]:
    """(pair index, field, expected, parsed) of every field that disagrees: what to look at after a low figure."""
    return [(i, f, g.get(f, ""), p.get(f, "")) for i, (g, p) in enumerate(pairs) for f in FIELDS
            if g.get(f) != p.get(f)]
