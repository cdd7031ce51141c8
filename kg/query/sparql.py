"""SPARQL text helpers: query form, read-only check, safe parameter binding.

Parameters never reach SPARQL by string formatting of user text.  A value is
first validated against its declared type and turned into an RDF term
(:class:`rdflib.term.Literal` with its datatype, or :class:`~rdflib.URIRef`
checked to be an absolute IRI); the term is then serialised by rdflib
(``term.n3()``, which escapes quotes, backslashes and newlines) into a
``VALUES`` block placed at the start of the query's outermost ``WHERE``
group.  This is the same binding ``initBindings`` performs, spelled in
SPARQL 1.1 so that every store (rdflib, Oxigraph, a remote endpoint) sees
the same query text and joins the same bound values before grouping.

>>> bind_values("SELECT ?s WHERE { ?s ?p ?o }", {"o": Literal("x\\" } DROP ALL #")})
'SELECT ?s WHERE { VALUES (?o) { ("x\\\\" } DROP ALL #") }\\n ?s ?p ?o }'
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from rdflib import Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from kg.errors import QueryError
from kg.vocab import PREFIXES, SPARQL_PROLOGUE

class QuerySyntaxError(QueryError):
    """A SPARQL text does not parse; ``line`` and ``column`` are 1-based."""

    def __init__(self, where: str, line: int, column: int, detail: str, text: str = "") -> None:
        self.where, self.line, self.column, self.detail = where, line, column, detail
        source = text.splitlines()[line - 1] if text and 0 < line <= len(text.splitlines()) else ""
        pointer = f"\n    {source}\n    {' ' * max(column - 1, 0)}^" if source else ""
        super().__init__(
            f"{where}: SPARQL syntax error at line {line}, column {column}: {detail}{pointer}\n"
            "fix the query (kg's prefixes kg:, cito:, dcterms:, skos:... are predefined)"
        )

    def shifted(self, lines: int, text: str, where: str | None = None) -> QuerySyntaxError:
        """The same error with the line counted in ``text`` (``lines`` fewer lines before it)."""
        return QuerySyntaxError(where or self.where, max(self.line - lines, 1), self.column, self.detail, text)


QUERY_FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")
UPDATE_FORMS = ("INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH")

# A token scanner that knows enough SPARQL to skip what may hold braces or
# keywords: comments, the four string forms and IRIs.
_TOKEN = re.compile(
    r"""
    (?P<comment>\#[^\n]*)
  | (?P<string>\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'''(?:[^'\\]|\\.|'(?!''))*'''
               |"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<var>[?$][A-Za-z0-9_\u00C0-\uFFFF]+)
  | (?P<word>[A-Za-z][A-Za-z0-9_-]*(?::[A-Za-z0-9_.-]*)?)
  | (?P<brace>[{])
  | (?P<other>\S)
    """,
    re.VERBOSE | re.DOTALL,
)


def _tokens(text: str) -> Iterator[tuple[str, str, int]]:
    for match in _TOKEN.finditer(text):
        if match.lastgroup != "comment":
            yield match.lastgroup or "", match.group(), match.start()


@lru_cache(maxsize=512)
def query_form(text: str) -> str:
    """The form of a SPARQL request: SELECT, ASK, ..., or an update keyword.

    >>> query_form("PREFIX a: <urn:a#> # {\\n ask { ?s ?p ?o }")
    'ASK'
    >>> query_form("INSERT DATA { <urn:a> <urn:b> 1 }")
    'INSERT'
    """
    expect_iri = False
    for kind, value, _ in _tokens(text):
        upper = value.upper()
        if expect_iri:
            expect_iri = kind == "word"  # "PREFIX p: <iri>": the prefix name, then the IRI
            continue
        if kind == "word" and upper in ("PREFIX", "BASE"):
            expect_iri = upper == "PREFIX"
            continue
        if kind == "iri":
            continue
        if kind == "word" and upper in QUERY_FORMS + UPDATE_FORMS:
            return upper
        return value
    return ""


def ensure_read_only(text: str, where: str = "query") -> str:
    """Return the query form, refusing SPARQL updates.

    Raises:
        QueryError: the text is an update (INSERT, DELETE, DROP...) or has
            no query form.
    """
    form = query_form(text)
    if form in UPDATE_FORMS:
        raise QueryError(
            f"{where}: SPARQL updates are refused ({form} ...); kg only reads the graph. "
            "Rebuild the graph (kg build) or push it (kg push) to change it"
        )
    if form not in QUERY_FORMS:
        raise QueryError(
            f"{where}: expected a SPARQL query starting with SELECT, ASK, CONSTRUCT or DESCRIBE "
            f"(after PREFIX lines), found {form[:40]!r}"
        )
    return form


def with_prologue(text: str) -> str:
    """The query with kg's PREFIX lines in front (a query may redefine them)."""
    return SPARQL_PROLOGUE + text


def _where_brace(text: str, group: int = 0) -> int:
    seen = 0
    for kind, _value, start in _tokens(text):
        if kind == "brace":
            if seen == group:
                return start
            seen += 1
    raise QueryError("query has no '{ ... }' group to bind parameters in")


def bind_values(text: str, bindings: Mapping[str, Node]) -> str:
    """Bind variables to RDF terms with a VALUES block in the outermost group.

    Args:
        text: a SELECT or ASK query.
        bindings: variable name (without ``?``) to the term it must equal.

    Returns:
        The query text with ``VALUES (?a ?b) { (term term) }`` opening the
        first group (the ``WHERE`` clause of a SELECT or ASK query).
    """
    if not bindings:
        return text
    names = sorted(bindings)
    for name in names:
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
            raise QueryError(f"parameter name {name!r} is not a SPARQL variable name")
    terms = []
    for name in names:
        term = bindings[name]
        if not isinstance(term, (URIRef, Literal)):
            raise QueryError(f"parameter {name!r}: only IRIs and literals can be bound, got {type(term).__name__}")
        terms.append(term_n3(term))
    block = f"VALUES ({' '.join('?' + n for n in names)}) {{ ({' '.join(terms)}) }}\n"
    at = _where_brace(text) + 1
    return f"{text[:at]} {block}{text[at:]}"


_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}


def term_n3(term: Node) -> str:
    """An IRI or literal in SPARQL syntax, on one line, every quote escaped.

    rdflib's ``n3()`` of a literal uses a long string for text with line
    breaks; this writes the escapes instead, so a term is always one token.

    >>> term_n3(Literal('say "hi"\\n'))
    '"say \\\\"hi\\\\"\\\\n"'
    """
    if isinstance(term, URIRef):
        if not _IRI.match(str(term)):
            raise QueryError(f"{str(term)!r} is not an absolute IRI")
        return f"<{term}>"
    if isinstance(term, Literal):
        text = "".join(_ESCAPES.get(ch, ch) for ch in str(term))
        if term.language:
            return f'"{text}"@{term.language}'
        if term.datatype is not None and term.datatype != XSD.string:
            return f'"{text}"^^{term_n3(term.datatype)}'
        return f'"{text}"'
    raise QueryError(f"only IRIs and literals can be bound, got {type(term).__name__}")


def values_block(names: Sequence[str], rows: Sequence[Sequence[Node]]) -> str:
    """A ``VALUES`` block of serialised terms, for a template with several groups.

    >>> values_block(["t"], [[Literal('a"')]])
    'VALUES (?t) { ("a\\\\"") }\\n'
    """
    for name in names:
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
            raise QueryError(f"parameter name {name!r} is not a SPARQL variable name")
    body = " ".join("(" + " ".join(term_n3(t) for t in row) + ")" for row in rows)
    return f"VALUES ({' '.join('?' + n for n in names)}) {{ {body} }}\n"


def bind_rows(text: str, names: Sequence[str], rows: Sequence[Sequence[Node]], *, group: int = 0) -> str:
    """Like :func:`bind_values` with several rows (``VALUES (?a ?b) { (..) (..) }``).

    ``group`` picks the ``{`` that opens the group to bind in (0: the
    outermost ``WHERE``; a subquery, which does not see outer bindings,
    needs its own).

    >>> bind_rows("SELECT * { ?s ?p ?t }", ["t"], [[Literal("a")], [Literal("b")]])
    'SELECT * { VALUES (?t) { ("a") ("b") }\\n ?s ?p ?t }'
    """
    block = values_block(names, rows)
    at = _where_brace(text, group) + 1
    return f"{text[:at]} {block}{text[at:]}"


def lateral_optionals(text: str) -> str:
    """Wrap each ``OPTIONAL { P }`` as ``LATERAL { OPTIONAL { P } }`` (for Oxigraph).

    Oxigraph evaluates the pattern of an OPTIONAL on its own and joins it
    afterwards, so ``OPTIONAL { ?c cito:cites ?w . ?w kg:label ?l }`` reads
    every claim's sources even when ``?c`` is one bound claim.  Inside
    ``LATERAL`` it is evaluated once per solution with ``?c`` substituted,
    which gives the same solutions: a left solution joins exactly the
    solutions of P compatible with it, or stays alone when there are none.

    >>> lateral_optionals("SELECT * { ?s ?p ?o OPTIONAL { ?o ?q '}' } }")
    "SELECT * { ?s ?p ?o LATERAL { OPTIONAL { ?o ?q '}' } } }"
    """
    out: list[str] = []
    pending: list[int] = []  # depth at which a wrapped OPTIONAL group closes
    depth = 0
    last = 0
    wrap_next = False
    for match in _TOKEN.finditer(text):
        kind, value = match.lastgroup, match.group()
        if kind == "word" and value.upper() == "OPTIONAL":
            out.append(text[last:match.start()] + "LATERAL { ")
            last = match.start()
            wrap_next = True
        elif kind == "brace":
            depth += 1
            if wrap_next:
                pending.append(depth)
                wrap_next = False
        elif kind == "other" and value == "}":
            if pending and pending[-1] == depth:
                pending.pop()
                out.append(text[last:match.end()] + " }")
                last = match.end()
            depth -= 1
    out.append(text[last:])
    return "".join(out)


# --- typed parameters -------------------------------------------------------

_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^<>\"{}|^`\\\x00-\x20]*$")
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")


@dataclass(frozen=True, slots=True)
class ParamType:
    """A parameter type: what it accepts and the RDF term it becomes."""

    name: str
    description: str


PARAM_TYPES: dict[str, ParamType] = {
    "string": ParamType("string", "any text"),
    "id": ParamType("id", "an identifier (letters, digits, '-', '_', '.')"),
    "integer": ParamType("integer", "a whole number"),
    "year": ParamType("year", "a four-digit year"),
    "iri": ParamType("iri", "an absolute IRI or a prefixed name such as kg:Claim"),
}


def to_term(type_name: str, value: str) -> Node:
    """Validate ``value`` against a parameter type and return its RDF term.

    Raises:
        ValueError: the value does not fit the type (the message says why).

    >>> to_term("year", "2000").n3()
    '"2000"^^<http://www.w3.org/2001/XMLSchema#gYear>'
    >>> to_term("iri", "kg:Claim")
    rdflib.term.URIRef('https://w3id.org/kg/vocab#Claim')
    """
    if type_name == "string":
        return Literal(value)
    if type_name == "id":
        if not _ID.match(value):
            raise ValueError(f"expected {PARAM_TYPES['id'].description}, got {value!r}")
        return Literal(value)
    if type_name == "integer":
        if not re.fullmatch(r"[+-]?\d+", value.strip()):
            raise ValueError(f"expected a whole number, got {value!r}")
        return Literal(int(value), datatype=XSD.integer)
    if type_name == "year":
        if not re.fullmatch(r"\d{4}", value.strip()):
            raise ValueError(f"expected a four-digit year, got {value!r}")
        return Literal(value.strip(), datatype=XSD.gYear)
    if type_name == "iri":
        value = value.strip()
        if value.startswith("<") and value.endswith(">"):
            value = value[1:-1]
        prefix, _, local = value.partition(":")
        if prefix in PREFIXES and not local.startswith("//"):
            value = str(PREFIXES[prefix]) + local
        if not _IRI.match(value):
            raise ValueError(f"expected an absolute IRI (or a prefixed name such as kg:Claim), got {value!r}")
        return URIRef(value)
    raise ValueError(f"unknown parameter type {type_name!r}; use one of {', '.join(PARAM_TYPES)}")
