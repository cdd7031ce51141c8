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


def sparql_tokens(text: str) -> Iterator[tuple[str, str, int]]:
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
    for kind, value, _ in sparql_tokens(text):
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
                                   for kind, value, _ in sparql_tokens(expanded)) else []
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
    for kind, _value, start in sparql_tokens(text):
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
# A "u" or "U" right after a backslash, written as a code point escape of
# exactly eight digits (see _string_body).
_AFTER_BACKSLASH = {"u": "\\U00000075", "U": "\\U00000055"}


def _string_body(text: str) -> str:
    r"""The inside of a one-line SPARQL string that reads as ``text`` on every engine.

    rdflib expands ``\u`` escapes in the whole query text before it parses
    (taking four or eight hex digits, whichever fit), so ``\\u0042``, the
    escaped backslash of a value ``\u0042``, would become the invalid
    escape ``\B``; Oxigraph reads ``\u`` escapes inside strings only, so
    writing the backslash itself as ``\u005C`` would give rdflib one
    backslash and Oxigraph two.  The backslash stays ``\\`` and the
    letter after it is written ``\U00000075``: eight digits, so nothing
    after it is read into the escape, and both readings give ``\u``.

    >>> _string_body('a"b\\u0042')
    'a\\"b\\\\\\U000000750042'
    """
    out = []
    after_backslash = False
    for char in text:
        out.append(_AFTER_BACKSLASH[char] if after_backslash and char in _AFTER_BACKSLASH
                   else _ESCAPES.get(char, char))
        after_backslash = char == "\\"
    return "".join(out)


def term_n3(term: Node) -> str:
    """An IRI or literal in SPARQL syntax, on one line, every quote escaped.

    rdflib's ``n3()`` of a literal uses a long string for text with line
    breaks; this writes the escapes instead, so a term is always one token
    and reads back as the same text in rdflib, Oxigraph and on an endpoint
    (:func:`_string_body`).

    >>> term_n3(Literal('say "hi"\\n'))
    '"say \\\\"hi\\\\"\\\\n"'
    """
    if isinstance(term, URIRef):
        if not _IRI.match(str(term)):
            raise QueryError(f"{str(term)!r} is not an absolute IRI")
        return f"<{term}>"
    if isinstance(term, Literal):
        text = _string_body(str(term))
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


def _is_keyword(text: str, kind: str, value: str, start: int) -> bool:
    """Whether a word token is a SPARQL keyword, not part of a name (``:BIND``, ``_:b1``, ``@en``, ``1e5``)."""
    if kind != "word" or ":" in value or value in ("a", "true", "false"):
        return False
    before = text[start - 1] if start else " "
    return not (before in ":@_" or before.isalnum())


@dataclass(frozen=True, slots=True)
class _Scan:
    """What a group of an OPTIONAL holds, as far as LATERAL is concerned.

    ``certain``: the variables its triple patterns bind in every solution;
    ``mentioned``: every variable it names, in patterns and expressions.
    """

    safe: bool
    end: int
    certain: frozenset[str] = frozenset()
    mentioned: frozenset[str] = frozenset()


_UNSAFE = _Scan(False, -1)


def _constraint_end(tokens: Sequence[tuple[str, str, int]], i: int) -> int:
    """The index after the constraint of a FILTER starting at ``tokens[i]``: one balanced ``( )`` or ``{ }``."""
    depth = 0
    while i < len(tokens):
        value = tokens[i][1]
        if value in ("(", "{"):
            depth += 1
        elif value in (")", "}"):
            depth -= 1
            if depth <= 0:
                return i + 1
        i += 1
    return i


def _scan_group(text: str, tokens: Sequence[tuple[str, str, int]], i: int, outer: frozenset[str],
                *, condition: bool) -> _Scan:
    """Whether the group opening at ``tokens[i]`` answers the same evaluated alone or per outer solution.

    LATERAL evaluates the group once per solution ``mu`` of what precedes
    it, with mu's variables (at most ``outer``) bound everywhere inside;
    OPTIONAL evaluates it alone and joins.  The two agree when
    substituting mu changes nothing but which solutions are compatible:

    * triple patterns and paths: binding a variable of a pattern picks
      the compatible solutions.  Not the zero-length paths ``*`` and
      ``?``: a bound end matches itself even when the graph lacks it;
    * ``GRAPH`` blocks and nested groups of those, joined: likewise
      (a ``GRAPH ?g { }`` with nothing inside is refused);
    * a ``FILTER`` of the OPTIONAL's own group (``condition``) is the
      left-join condition and sees mu anyway; any other FILTER must name
      no outer variable its group's patterns do not bind, since bound
      from outside it would see a value it sees unbound alone;
    * a nested OPTIONAL: when it names an outer variable, the group's
      patterns before it must bind that variable.  Otherwise a left
      solution whose value differs from mu's gets the nested block's
      rows alone (then dropped by the join with mu) but none per solution
      (so it stays, unextended): other rows, other counts;
    * anything else (BIND, VALUES, sub-SELECT, MINUS, UNION, SERVICE,
      LATERAL) is refused: each sees mu where alone it sees nothing.
    """
    certain: set[str] = set()
    mentioned: set[str] = set()
    filtered: set[str] = set()
    j = i + 1
    while j < len(tokens):
        kind, value, start = tokens[j]
        if kind == "other" and value == "}":
            break
        if kind == "var":
            certain.add(value[1:])
            mentioned.add(value[1:])
            j += 1
        elif kind == "brace":
            inner = _scan_group(text, tokens, j, outer | mentioned, condition=False)
            if not inner.safe:
                return _UNSAFE
            certain |= inner.certain
            mentioned |= inner.mentioned
            j = inner.end + 1
        elif kind == "other" and value in ("*", "?"):
            return _UNSAFE  # a zero-length path (a lone "?" is no variable)
        elif not _is_keyword(text, kind, value, start):
            j += 1  # an IRI, a literal, a name or punctuation of a triples block
        elif value.upper() == "GRAPH" and j + 2 < len(tokens) and tokens[j + 2][0] == "brace":
            name_kind, name, _ = tokens[j + 1]
            if name_kind == "var":
                certain.add(name[1:])
                mentioned.add(name[1:])
            elif name_kind not in ("iri", "word"):
                return _UNSAFE
            inner = _scan_group(text, tokens, j + 2, outer | mentioned, condition=False)
            if not inner.safe or tokens[j + 3][1] == "}":
                return _UNSAFE
            certain |= inner.certain
            mentioned |= inner.mentioned
            j = inner.end + 1
        elif value.upper() == "FILTER":
            after = _constraint_end(tokens, j + 1)
            named = {v[1:] for k, v, _ in tokens[j + 1:after] if k == "var"}
            filtered |= named
            mentioned |= named
            j = after
        elif value.upper() == "OPTIONAL" and j + 1 < len(tokens) and tokens[j + 1][0] == "brace":
            inner = _scan_group(text, tokens, j + 1, outer | mentioned, condition=True)
            if not inner.safe or not (inner.mentioned & outer) <= certain:
                return _UNSAFE
            mentioned |= inner.mentioned
            j = inner.end + 1
        else:
            return _UNSAFE
    if j >= len(tokens) or (not condition and not (filtered & outer) <= certain):
        return _UNSAFE
    return _Scan(True, j, frozenset(certain), frozenset(mentioned))


def lateral_safe_optionals(text: str) -> list[int]:
    """The offsets of the ``OPTIONAL`` keywords :func:`lateral_optionals` may wrap in ``LATERAL``.

    An OPTIONAL qualifies when its group holds only triple patterns, paths
    (no ``*`` or ``?``), GRAPH blocks and nested groups of those, FILTERs,
    and nested OPTIONALs that are safe the same way (see
    :func:`_scan_group` for why each is, and why the rest is not).  The
    outer variables it may see are those named before it in the WHERE
    clause; inside ``EXISTS``, which sees the whole solution of its group,
    every variable of the query.

    >>> text = "SELECT * { ?c ?p ?o OPTIONAL { ?c ?q ?w } OPTIONAL { BIND(?c AS ?d) } }"
    >>> [text[at:at + 20] for at in lateral_safe_optionals(text)]
    ['OPTIONAL { ?c ?q ?w ']
    """
    tokens = list(sparql_tokens(text))
    every = frozenset(v[1:] for k, v, _ in tokens if k == "var")
    seen: set[str] = set()
    braces: list[bool] = []  # per open brace: does it open an EXISTS pattern?
    found = []
    for i, (kind, value, start) in enumerate(tokens):
        if kind == "var" and braces:
            seen.add(value[1:])
        elif kind == "brace":
            previous = tokens[i - 1][1].upper() if i else ""
            braces.append(previous == "EXISTS" or any(braces))
        elif kind == "other" and value == "}" and braces:
            braces.pop()
        elif (_is_keyword(text, kind, value, start) and value.upper() == "OPTIONAL"
              and i + 1 < len(tokens) and tokens[i + 1][0] == "brace"):
            outer = every if any(braces) else frozenset(seen)
            if _scan_group(text, tokens, i + 1, outer, condition=True).safe:
                found.append(start)
    return found


def lateral_optionals(text: str) -> str:
    """Wrap each ``OPTIONAL { P }`` that answers the same per solution as ``LATERAL { OPTIONAL { P } }`` (for Oxigraph).

    Oxigraph evaluates the pattern of an OPTIONAL on its own and joins it
    afterwards, so ``OPTIONAL { ?c cito:cites ?w . ?w kg:label ?l }`` reads
    every claim's sources even when ``?c`` is one bound claim.  Inside
    ``LATERAL`` it is evaluated once per solution with that solution's
    variables bound, which is the same only when nothing in ``P`` can tell
    a bound outer variable from one it would bind itself
    (:func:`lateral_safe_optionals` decides); a ``BIND(?outer ...)``, for
    one, would see the outer value where OPTIONAL sees it unbound, so such
    an OPTIONAL is left as written.  So is ``OPTIONAL { SELECT ... }``: a
    sub-select is there to be evaluated once and hash-joined (see
    :func:`hash_join_hints`).

    >>> lateral_optionals("SELECT * { ?s ?p ?o OPTIONAL { ?o ?q '}' } }")
    "SELECT * { ?s ?p ?o LATERAL { OPTIONAL { ?o ?q '}' } } }"
    >>> lateral_optionals("SELECT * { ?s ?p ?o OPTIONAL { SELECT * WHERE { ?o ?q ?r } } }")
    'SELECT * { ?s ?p ?o OPTIONAL { SELECT * WHERE { ?o ?q ?r } } }'
    >>> lateral_optionals("SELECT * { ?s ?p ?o OPTIONAL { BIND(?o AS ?z) } }")
    'SELECT * { ?s ?p ?o OPTIONAL { BIND(?o AS ?z) } }'
    """
    wrap = set(lateral_safe_optionals(text))
    if not wrap:
        return text
    out: list[str] = []
    pending: list[int] = []  # depth at which a wrapped OPTIONAL group closes
    depth = 0
    last = 0
    wrap_next = False
    for kind, value, start in sparql_tokens(text):
        if start in wrap:
            out.append(text[last:start] + "LATERAL { ")
            last = start
            wrap_next = True
        elif kind == "brace":
            depth += 1
            if wrap_next:
                pending.append(depth)
                wrap_next = False
        elif kind == "other" and value == "}":
            if pending and pending[-1] == depth:
                pending.pop()
                out.append(text[last:start + 1] + " }")
                last = start + 1
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
    tokens = list(sparql_tokens(text))
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
    tokens = [(kind, value) for kind, value, _ in sparql_tokens(code)]
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
