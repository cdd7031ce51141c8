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
import unicodedata
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

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


def parse_query(text: str, namespaces: Mapping[str, Any] | None = None) -> Any:
    """rdflib's parsed and translated form of a query (an ``rdflib.plugins.sparql.sparql.Query``).

    Args:
        text: the query text.
        namespaces: prefixes usable without a PREFIX line (rdflib's ``initNs``).

    Raises:
        pyparsing.ParseException: the text does not parse.
    """
    from rdflib.plugins.sparql.algebra import translateQuery
    from rdflib.plugins.sparql.parser import parseQuery

    return translateQuery(parseQuery(text), initNs=namespaces)


def _operations(tree: Any, names: frozenset[str]) -> Iterator[Any]:
    """The nodes of a parsed query (algebra or parse tree) whose name is one of ``names``.

    Expressions are walked too, so a pattern inside ``FILTER EXISTS { }`` is found.
    """
    from pyparsing import ParseResults
    from rdflib.plugins.sparql.parserutils import CompValue

    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, CompValue):
            if node.name in names:
                yield node
            stack.extend(dict.values(node))
        elif isinstance(node, (list, tuple, ParseResults)):
            stack.extend(node)


def service_calls(query: Any) -> list[str]:
    """The services a parsed query calls (``SERVICE <iri>`` or ``SERVICE ?var``), in SPARQL syntax.

    >>> service_calls(parse_query("SELECT * { ?s ?p 'SERVICE' SERVICE <http://x/sparql> { ?s ?p ?o } }"))
    ['<http://x/sparql>']
    """
    return sorted({node["term"].n3() for node in _operations(query.algebra, frozenset({"ServiceGraphPattern"}))})


_CODEPOINT_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


def ensure_local(text: str, where: str = "query", query: Any = None) -> None:
    """Refuse a query that calls another SPARQL service (federated ``SERVICE``).

    The decision is taken on the parsed query (``query``, or ``text`` parsed
    here), so a literal or an IRI holding the word is no call.  A text that
    does not hold the word at all needs no parsing; one that rdflib cannot
    parse (a store's own syntax) is refused if SERVICE is one of its keywords.

    Raises:
        QueryError: the query holds a SERVICE pattern.

    >>> ensure_local("SELECT * { ?s ?p 'SERVICE' }")
    >>> ensure_local("SELECT * { SERVICE <http://127.0.0.1:1/sparql> { ?s ?p ?o } }")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    kg.errors.QueryError: query: SERVICE <http://127.0.0.1:1/sparql> is refused: ...
    """
    if query is None:
        # SPARQL expands \\u and \\U escapes before it parses (section 19.2): "SERVIC\\u0045" is SERVICE.
        expanded = _CODEPOINT_ESCAPE.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)), text)
        if "SERVICE" not in expanded.upper():
            return
        try:
            query = parse_query(text)  # rdflib expands the escapes itself
        except Exception:  # rdflib cannot read it: judge by the keywords
            calls = ["..."] if any(kind == "word" and value.upper() == "SERVICE"
                                   for kind, value, _ in _tokens(expanded)) else []
        else:
            calls = service_calls(query)
    else:
        calls = service_calls(query)
    if calls:
        raise QueryError(
            f"{where}: SERVICE {', '.join(calls)} is refused: kg answers from its own graph and never "
            "sends a query to another SPARQL service; drop the SERVICE block, or query that service itself"
        )


@dataclass(frozen=True, slots=True)
class RegexUse:
    """A regular expression a query spells out: ``REGEX(?x, pattern, flags)`` or ``REPLACE(...)``."""

    function: str
    pattern: str
    flags: str


def constant_regexes(query: Any) -> list[RegexUse]:
    """The regular expressions given as literals in a parsed query (patterns computed at run time are not).

    >>> constant_regexes(parse_query('SELECT * { ?s ?p ?o FILTER(REGEX(?o, "^a", "i") || REGEX(?o, ?p)) }'))
    [RegexUse(function='REGEX', pattern='^a', flags='i')]
    """
    found = []
    for node in _operations(query.algebra, frozenset({"Builtin_REGEX", "Builtin_REPLACE"})):
        pattern, flags = dict.get(node, "pattern"), dict.get(node, "flags")
        if isinstance(pattern, Literal) and (flags is None or isinstance(flags, Literal)):
            found.append(RegexUse(node.name.removeprefix("Builtin_"), str(pattern), str(flags or "")))
    return sorted(set(found), key=lambda use: (use.pattern, use.flags, use.function))


#: The flags of SPARQL's regular expressions (XPath's fn:matches).
REGEX_FLAGS = "smixq"
_ESCAPE_HINT = ("fix the pattern (to match one of ( ) [ ] { } . * + ? | ^ $ \\ itself put a backslash before it: "
                "\"\\\\(\" in a SPARQL string)")


def regex_error(use: RegexUse, where: str, detail: str, fix: str = _ESCAPE_HINT,
                what: str = "bad regular expression") -> QueryError:
    """The error for a regular expression the engine cannot compile (``fix``: what to do)."""
    flags = f" with flags {use.flags!r}" if use.flags else ""
    return QueryError(f"{where}: {what} {use.pattern!r}{flags} in {use.function}: {detail}; {fix}")


def flag_error(use: RegexUse, where: str) -> QueryError | None:
    """The error for flags that are no XPath flag, or ``None``."""
    unknown = sorted(set(use.flags) - set(REGEX_FLAGS))
    if not unknown:
        return None
    return regex_error(use, where, f"{', '.join(repr(f) for f in unknown)} is not a flag",
                       f"use only {', '.join(REGEX_FLAGS)} (XPath's flags)")


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


_SUBSELECT = re.compile(r"\s*\{\s*SELECT\b", re.IGNORECASE)


def lateral_optionals(text: str) -> str:
    """Wrap each ``OPTIONAL { P }`` as ``LATERAL { OPTIONAL { P } }`` (for Oxigraph).

    Oxigraph evaluates the pattern of an OPTIONAL on its own and joins it
    afterwards, so ``OPTIONAL { ?c cito:cites ?w . ?w kg:label ?l }`` reads
    every claim's sources even when ``?c`` is one bound claim.  Inside
    ``LATERAL`` it is evaluated once per solution with ``?c`` substituted,
    which gives the same solutions: a left solution joins exactly the
    solutions of P compatible with it, or stays alone when there are none.
    An ``OPTIONAL { SELECT ... }`` is left as is: a sub-select is there to be
    evaluated once and hash-joined (see :func:`hash_join_hints`).

    >>> lateral_optionals("SELECT * { ?s ?p ?o OPTIONAL { ?o ?q '}' } }")
    "SELECT * { ?s ?p ?o LATERAL { OPTIONAL { ?o ?q '}' } } }"
    >>> lateral_optionals("SELECT * { ?s ?p ?o OPTIONAL { SELECT * WHERE { ?o ?q ?r } } }")
    'SELECT * { ?s ?p ?o OPTIONAL { SELECT * WHERE { ?o ?q ?r } } }'
    """
    out: list[str] = []
    pending: list[int] = []  # depth at which a wrapped OPTIONAL group closes
    depth = 0
    last = 0
    wrap_next = False
    for match in _TOKEN.finditer(text):
        kind, value = match.lastgroup, match.group()
        if kind == "word" and value.upper() == "OPTIONAL" and not _SUBSELECT.match(text, match.end()):
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


def split_order_by(text: str) -> tuple[str, tuple[tuple[str, bool], ...]]:
    """A SELECT query without its final ``ORDER BY``, and that clause's keys.

    Only a clause that ends the query and orders by projected variables
    (``?v``, ``ASC(?v)``, ``DESC(?v)``) is split off; each key is
    ``(variable, descending)``.  Any other query comes back unchanged with no
    keys: an ``ORDER BY`` followed by ``LIMIT`` or ``OFFSET`` (the engine must
    sort to cut), one on expressions, one inside a sub-select, or one on a
    variable the query does not project.  The Oxigraph store sorts the
    solutions itself by these keys (:func:`kg.query.stores.sort_solutions`):
    Oxigraph compares each pair of values by looking their strings up in the
    store, which costs more than the query's joins on a large answer.

    >>> split_order_by("SELECT ?a (COUNT(?b) AS ?n) { ?a ?p ?b } GROUP BY ?a ORDER BY DESC(?n) ?a")
    ('SELECT ?a (COUNT(?b) AS ?n) { ?a ?p ?b } GROUP BY ?a ', (('n', True), ('a', False)))
    >>> split_order_by("SELECT ?a { ?a ?p ?b } ORDER BY ?b")[1]
    ()
    >>> split_order_by("SELECT * { ?a ?p ?b } ORDER BY ?b LIMIT 5")[1]
    ()
    """
    tokens = list(_tokens(text))
    depth = 0
    order_at = None
    for i, (kind, value, _) in enumerate(tokens):
        if kind == "brace":
            depth += 1
        elif kind == "other" and value == "}":
            depth -= 1
        elif depth == 0 and kind == "word" and value.upper() == "ORDER" and i + 1 < len(tokens) \
                and tokens[i + 1][1].upper() == "BY":
            order_at = i
    if order_at is None or query_form(text) != "SELECT":
        return text, ()
    keys: list[tuple[str, bool]] = []
    rest = [(kind, value) for kind, value, _ in tokens[order_at + 2:]]
    while rest:
        if rest[0][0] == "var":
            keys.append((rest[0][1][1:], False))
            rest = rest[1:]
        elif (len(rest) >= 4 and rest[0][0] == "word" and rest[0][1].upper() in ("ASC", "DESC")
              and rest[1][1] == "(" and rest[2][0] == "var" and rest[3][1] == ")"):
            keys.append((rest[2][1][1:], rest[0][1].upper() == "DESC"))
            rest = rest[4:]
        else:
            return text, ()
    projected = _projection(tokens)
    if not keys or (projected is not None and not all(name in projected for name, _ in keys)):
        return text, ()
    return text[: tokens[order_at][2]], tuple(keys)


def _projection(tokens: Sequence[tuple[str, str, int]]) -> set[str] | None:
    """The variables the outermost SELECT projects (``None`` for ``SELECT *``)."""
    start = next(i for i, (kind, value, _) in enumerate(tokens) if kind == "word" and value.upper() == "SELECT")
    names: set[str] = set()
    parens = 0
    for i in range(start + 1, len(tokens)):
        kind, value, _ = tokens[i]
        if kind == "brace" or (kind == "word" and value.upper() == "WHERE" and parens == 0):
            break
        if value == "*" and parens == 0:
            return None
        if value == "(":
            parens += 1
        elif value == ")":
            parens -= 1
        elif kind == "var" and (parens == 0 or tokens[i - 1][1].upper() == "AS"):
            names.add(value[1:])
    return names


#: The comment that marks a line of a query for a hash join on Oxigraph.
HASH_HINT = "#@hash"


def _hash_parts(code: str, line: str) -> list[tuple[str, str, str]]:
    """The (subject, predicate, object) triples of a one-line triples block ``S P O ; P O .``."""
    tokens = [(kind, value) for kind, value, _ in _tokens(code)]
    if tokens and tokens[-1] == ("other", "."):
        tokens.pop()
    simple = ("var", "iri", "word", "string")
    if not tokens or tokens[0][0] not in ("var", "iri", "word"):
        raise QueryError(f"{HASH_HINT} marks a line that is not a triples block: {line.strip()!r}")
    subject, rest, parts = tokens[0][1], tokens[1:], []
    while rest:
        if len(rest) < 2 or rest[0][0] not in ("var", "iri", "word") or rest[1][0] not in simple:
            raise QueryError(f"{HASH_HINT} marks a line that is not a simple triples block "
                             f"(no paths, blank nodes or lists): {line.strip()!r}")
        parts.append((subject, rest[0][1], rest[1][1]))
        rest = rest[2:]
        if rest and rest[0] != ("other", ";"):
            raise QueryError(f"{HASH_HINT} marks a line with more than one subject: {line.strip()!r}")
        rest = rest[1:]
    return parts


def hash_join_hints(text: str) -> str:
    """Rewrite each line marked ``#@hash`` so that Oxigraph hash-joins its triple patterns.

    Oxigraph joins a triple pattern by looking it up once per solution
    (an index seek each, ~10 µs on disk); a sub-select is instead evaluated
    once, read in one scan and hash-joined, which is far cheaper when the
    pattern is joined to thousands of solutions.  A marked line holding the
    triples block ``S P1 O1 ; P2 O2 .`` becomes one one-pattern sub-select
    per triple, and ``OPTIONAL { S P O }`` becomes ``OPTIONAL { SELECT *
    WHERE { S P O } }``: the same solutions (a join of the same patterns,
    every variable projected).  Other stores receive the query as written
    (to them the mark is a comment): rdflib, for one, evaluates a group
    with several sub-selects as a cross product.

    >>> hash_join_hints("SELECT * {\\n  ?w kg:label ?l ; kg:year ?y .  #@hash\\n}")
    'SELECT * {\\n  { SELECT * WHERE { ?w kg:label ?l } } { SELECT * WHERE { ?w kg:year ?y } }\\n}'
    >>> hash_join_hints("SELECT * {\\n ?c ?p ?w\\n OPTIONAL { ?w kg:year ?y }  #@hash\\n}")
    'SELECT * {\\n ?c ?p ?w\\n OPTIONAL { SELECT * WHERE { ?w kg:year ?y } }\\n}'

    Raises:
        QueryError: a marked line is not a one-subject triples block of
            variables, IRIs and literals, or such a block in ``OPTIONAL { }``.
    """
    if HASH_HINT not in text:
        return text
    out = []
    for line in text.split("\n"):
        comment = next((m for m in _TOKEN.finditer(line) if m.lastgroup == "comment"), None)
        if comment is None or comment.group().strip() != HASH_HINT:
            out.append(line)
            continue
        code = line[: comment.start()].rstrip()
        indent = code[: len(code) - len(code.lstrip())]
        body = code.strip()
        optional = re.fullmatch(r"OPTIONAL\s*\{(.*)\}", body, re.DOTALL | re.IGNORECASE)
        parts = _hash_parts(optional[1] if optional else body, line)
        subs = [f"{{ SELECT * WHERE {{ {s} {p} {o} }} }}" for s, p, o in parts]
        if optional:
            if len(parts) != 1:
                raise QueryError(f"{HASH_HINT} marks an OPTIONAL of more than one triple: {line.strip()!r}")
            out.append(f"{indent}OPTIONAL {subs[0]}")
        else:
            out.append(indent + " ".join(subs))
    return "\n".join(out)


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

    The value is read in Unicode NFC, as kg reads its inputs (a name typed with
    a combining accent matches the graph's).
    """
    value = unicodedata.normalize("NFC", value)
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
