"""Query results: one store-independent shape, rendered as table, JSON or CSV."""

from __future__ import annotations

import csv
import io
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from kg.vocab import PREFIXES

_NUMERIC = {XSD.integer, XSD.int, XSD.long, XSD.nonNegativeInteger, XSD.positiveInteger, XSD.short}
_DECIMAL = {XSD.decimal, XSD.double, XSD.float}
# Looked up once: rdflib resolves XSD.boolean through a slow __getattr__ on every use.
_BOOLEAN = XSD.boolean
#: NaN and the infinities as SPARQL writes them.
_NON_FINITE = ("NaN", "INF", "-INF")


def _non_finite(number: float) -> str:
    """NaN or an infinity as SPARQL writes it: JSON has no such numbers."""
    if math.isnan(number):
        return "NaN"
    return "INF" if number > 0 else "-INF"


@dataclass(frozen=True, slots=True)
class QueryResult:
    """The answer of a query, whatever store ran it.

    ``variables`` name the columns; ``rows`` hold rdflib terms (``None`` for
    an unbound value).  An ASK query has no columns and sets ``boolean``.
    A CONSTRUCT or DESCRIBE query answers rows of subject, predicate, object.
    """

    variables: tuple[str, ...]
    rows: Sequence[tuple[Node | None, ...]]
    boolean: bool | None = None

    def __len__(self) -> int:
        return len(self.rows)

    def records(self) -> list[dict[str, Any]]:
        """Rows as dicts of plain JSON values (numbers stay numbers)."""
        return [{v: plain(t) for v, t in zip(self.variables, row)} for row in self.rows]

    def column(self, name: str) -> list[Any]:
        """The plain values of one column, in row order."""
        i = self.variables.index(name)
        return [plain(row[i]) for row in self.rows]

    def canonical(self) -> list[tuple[tuple[str, str], ...]]:
        """A comparable, order-free form: each row as sorted (var, N-Triples) pairs.

        Two stores answer the same when their canonical forms are equal.
        """
        out = []
        for row in self.rows:
            out.append(tuple(sorted((v, _canonical_term(t)) for v, t in zip(self.variables, row))))
        return sorted(out)


def _canonical_term(term: Node | None) -> str:
    if term is None:
        return ""
    if isinstance(term, Literal):
        value = plain(term)
        if term.datatype in _DECIMAL and value in _NON_FINITE:
            return str(value)  # a number, unlike the string "NaN"
        return json.dumps(value) if not isinstance(value, str) else f'"{value}"' + (
            f"@{term.language}" if term.language else ""
        )
    if isinstance(term, BNode):
        return "_:b"
    return f"<{term}>"


def plain(term: Node | None) -> Any:
    """A JSON-friendly Python value for a term.

    NaN and the infinities, which JSON cannot hold, are the strings SPARQL
    writes for them.

    >>> plain(Literal("3", datatype=XSD.integer)), plain(URIRef("urn:x")), plain(None)
    (3, 'urn:x', None)
    >>> plain(Literal("NaN", datatype=XSD.double)), plain(Literal("-INF", datatype=XSD.double))
    ('NaN', '-INF')
    """
    if term is None:
        return None
    if isinstance(term, Literal):
        if term.datatype in _NUMERIC:
            try:
                return int(str(term))
            except ValueError:
                return str(term)
        if term.datatype in _DECIMAL:
            try:
                number = float(str(term))
            except ValueError:
                return str(term)
            return number if math.isfinite(number) else _non_finite(number)
        if term.datatype == _BOOLEAN:
            return str(term) in ("true", "1")
        return str(term)
    return str(term)


def short(term: Node | None) -> str:
    """A term for a table cell: IRIs as prefixed names when a prefix fits.

    >>> short(URIRef("https://w3id.org/kg/vocab#Claim"))
    'kg:Claim'
    """
    if term is None:
        return ""
    if isinstance(term, URIRef):
        text = str(term)
        best = ""
        for prefix, ns in PREFIXES.items():
            if text.startswith(str(ns)) and len(str(ns)) > len(best) and prefix != "id":
                best = str(ns)
                name = f"{prefix}:{text[len(best):]}"
        return name if best and "/" not in text[len(best):] else text
    return _text(term)


def _text(term: Node | None) -> str:
    """A value as table and CSV cells show it: booleans as SPARQL writes them (``true``, not ``True``)."""
    value = plain(term)
    if value is None:
        return ""
    return str(value).lower() if isinstance(value, bool) else str(value)


def render(result: QueryResult, fmt: str, *, max_width: int = 60) -> str:
    """Render a result as ``table``, ``json`` or ``csv`` text."""
    if result.boolean is not None:
        if fmt == "json":
            return json.dumps({"boolean": result.boolean})
        return "true" if result.boolean else "false"
    if fmt == "json":
        # allow_nan=False: plain() writes NaN and INF as strings, so a number JSON cannot hold is a bug here.
        return json.dumps(result.records(), indent=2, ensure_ascii=False, allow_nan=False)
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(result.variables)
        for row in result.rows:
            writer.writerow([_text(t) for t in row])
        return buffer.getvalue().rstrip("\n")
    if fmt == "table":
        return table([[short(t) for t in row] for row in result.rows], result.variables, max_width=max_width) + (
            f"\n({len(result.rows)} row{'s' if len(result.rows) != 1 else ''})"
        )
    raise ValueError(f"unknown format {fmt!r}; use table, json or csv")


def table(cells: Sequence[Sequence[str]], columns: Sequence[str], *, max_width: int = 60) -> str:
    """A plain-text table; long cells are cut to ``max_width`` with an ellipsis."""
    def cut(text: str) -> str:
        text = " ".join(text.split())
        return text if len(text) <= max_width else text[: max_width - 1] + "…"

    rows = [[cut(c) for c in row] for row in cells]
    widths = [max([len(c)] + [len(r[i]) for r in rows]) for i, c in enumerate(columns)]
    head = "  ".join(c.ljust(w) for c, w in zip(columns, widths)).rstrip()
    rule = "  ".join("-" * w for w in widths)
    body = ["  ".join(v.ljust(w) for v, w in zip(r, widths)).rstrip() for r in rows]
    return "\n".join([head, rule, *body])
