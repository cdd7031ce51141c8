"""Stores behind one interface: rdflib in memory, Oxigraph on disk, a remote endpoint.

* :class:`MemoryStore` wraps an rdflib graph (the default for one corpus);
* :class:`OxigraphStore` is a persistent pyoxigraph store in a folder made by
  ``kg build --store DIR`` (for large graphs: native SPARQL, RocksDB on disk);
* :class:`EndpointStore` talks SPARQL 1.1 Protocol to a server (Oxigraph
  server, Fuseki, Virtuoso, QLever); :func:`push` uploads a graph through the
  Graph Store Protocol.

Every store answers :meth:`query` with a :class:`~kg.query.results.QueryResult`
holding rdflib terms, so commands and tests never see which store ran.  A
query that runs longer than ``timeout`` seconds is stopped and raises
:class:`~kg.errors.QueryError`.  Updates are refused by every store.

The columns of ``SELECT *`` come in the order the variables first appear in
the query text, on every store (:func:`star_variables`): rdflib derives them
from a set, Oxigraph sorts them by name, and other servers differ again.
"""

from __future__ import annotations

import ctypes
import json
import logging
import math
import os
import queue
import re
import shutil
import tempfile
import threading
import urllib.error
import urllib.parse
import urllib.request
import warnings
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol, TypeVar
from urllib.parse import unquote

from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD
from rdflib.term import Node

from kg.errors import KgError, QueryError, StoreError
from kg.output import FORMAT_OF_SUFFIX, GRAPH_FORMATS, SUFFIXES
from kg.query.results import QueryResult
from kg.query.sparql import (
    HASH_HINT,
    QuerySyntaxError,
    RegexUse,
    constant_regexes,
    ensure_local,
    ensure_read_only,
    flag_error,
    hash_join_hints,
    lateral_optionals,
    parse_query,
    regex_error,
    split_order_by,
    sparql_tokens,
    term_n3,
)
from kg.vocab import BASE, FABIO, graph_iri, merged_graph_iri

#: Seconds a query may run unless the caller says otherwise.
DEFAULT_TIMEOUT = 30.0

#: The marker file of a store folder, and the store format it records.
STORE_MARKER = "kg-store.json"
STORE_FORMAT = "kg-oxigraph-store"
STORE_VERSION = 2

T = TypeVar("T")


class Store(Protocol):
    """What every store offers the query commands."""

    #: A short description for messages ("memory", "oxigraph:DIR", an URL).
    label: str

    def query(self, sparql: str, *, timeout: float | None = DEFAULT_TIMEOUT) -> QueryResult:
        """Run a read-only SPARQL query over the union of the kg graphs."""

    def close(self) -> None:
        """Release the store."""


class _Stop(BaseException):
    """Raised inside a query thread to stop it (never escapes this module)."""


class _Worker:
    """One reusable query thread (starting a thread per query costs ~0.1 ms)."""

    def __init__(self) -> None:
        self.tasks: queue.SimpleQueue[Any] = queue.SimpleQueue()
        self.thread = threading.Thread(target=self._loop, name="kg-query", daemon=True)
        self.busy = False
        self.thread.start()

    def _loop(self) -> None:
        try:
            self._serve()
        except _Stop:  # a stop that arrived just after the work had finished
            return

    def _serve(self) -> None:
        while True:
            task = self.tasks.get()
            if task is None:  # abandoned while idle: the stop may still be on its way
                return
            work, box, done = task
            try:
                box["value"] = work()
            except _Stop:
                box["stopped"] = True
            except BaseException as err:  # handed to the caller
                box["error"] = err
            finally:
                done.set()
            if box.get("stopped"):
                return  # this worker was abandoned; a new one serves the next query


_worker_lock = threading.Lock()
_worker: _Worker | None = None


def time_limit(timeout: float | None) -> float | None:
    """Seconds to wait, or ``None`` for no limit: ``None``, 0 or less, infinity, or more than the OS can wait.

    ``threading`` and sockets raise ``OverflowError`` for a wait as long as
    ``1e300`` s; such a limit is never reached, so it is no limit.

    Raises:
        ValueError: ``timeout`` is NaN, which is no number of seconds.
    """
    if timeout is None:
        return None
    if math.isnan(timeout):
        raise ValueError("timeout is NaN; give a number of seconds, or None (or 0) for no limit")
    if timeout <= 0 or timeout > threading.TIMEOUT_MAX:
        return None
    return timeout


def run_with_timeout(work: Callable[[], T], timeout: float | None, label: str) -> T:
    """Run ``work`` in the query thread, stopping it after ``timeout`` seconds.

    The thread is interrupted with an asynchronous exception, delivered the
    next time it runs Python code: at once for rdflib's pure-Python engine,
    at the next solution for Oxigraph (an Oxigraph aggregate finishes its
    native work first, in the background, while the caller has its answer).

    Raises:
        QueryError: the work ran longer than ``timeout``.
        ValueError: ``timeout`` is NaN (see :func:`time_limit`).
    """
    global _worker
    timeout = time_limit(timeout)
    if timeout is None:
        return work()
    with _worker_lock:
        if _worker is None or _worker.busy or not _worker.thread.is_alive():
            _worker = _Worker()
        worker = _worker
        worker.busy = True
    box: dict[str, Any] = {}
    done = threading.Event()
    worker.tasks.put((work, box, done))
    if not done.wait(timeout):
        with _worker_lock:
            if _worker is worker:
                _worker = None  # abandoned: the next query starts a fresh thread
        if worker.thread.ident is not None:
            ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(worker.thread.ident), ctypes.py_object(_Stop))
        # If the work finished just as the wait ran out, the thread is blocked in
        # tasks.get() in C, where no asynchronous exception reaches it: wake it to end.
        worker.tasks.put(None)
        raise QueryError(
            f"{label}: the query ran longer than {timeout:g} s and was stopped; "
            "narrow it (a parameter, a LIMIT) or allow more time with --timeout SECONDS"
        )
    worker.busy = False
    if "error" in box:
        raise box["error"]
    return box["value"]  # type: ignore[no-any-return]


def _short(detail: str, limit: int = 240) -> str:
    detail = " ".join(detail.split())
    return detail if len(detail) <= limit else detail[: limit - 1] + "…"


#: How rdflib's term module begins the warning (with a traceback) it logs for an ill-typed literal.
_ILL_TYPED = "Failed to convert Literal lexical form to value"


class _IllTypedLiterals(logging.Filter):
    """Drops rdflib's warning for a literal whose text does not fit its datatype (``"x"^^xsd:date``)."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith(_ILL_TYPED)


_quiet_lock = threading.Lock()
_quiet_depth = 0
_quiet_filter = _IllTypedLiterals()
_load_graphs_before = True


@contextmanager
def rdflib_quiet() -> Iterator[None]:
    """rdflib as kg's read-only queries need it, while the block runs (in any thread).

    * an ill-typed literal (``"x"^^xsd:date``, ``STRDT("x", xsd:integer)``)
      is not logged with a traceback: it is a legal RDF term, which kg shows
      by its text, as Oxigraph does;
    * ``FROM <iri>`` and ``FROM NAMED <iri>`` read graphs of the dataset
      only: rdflib would otherwise fetch an unknown IRI from the web or a
      file (Oxigraph reads an unknown graph as empty, and so does rdflib here).

    Blocks may nest and overlap across threads; the settings are restored
    when the last one ends.
    """
    import rdflib.plugins.sparql as rdflib_sparql

    global _quiet_depth, _load_graphs_before
    with _quiet_lock:
        if _quiet_depth == 0:
            logging.getLogger("rdflib.term").addFilter(_quiet_filter)
            _load_graphs_before = rdflib_sparql.SPARQL_LOAD_GRAPHS
            rdflib_sparql.SPARQL_LOAD_GRAPHS = False
        _quiet_depth += 1
    try:
        yield
    finally:
        with _quiet_lock:
            _quiet_depth -= 1
            if _quiet_depth == 0:
                logging.getLogger("rdflib.term").removeFilter(_quiet_filter)
                rdflib_sparql.SPARQL_LOAD_GRAPHS = _load_graphs_before


def _python_regex_problem(pattern: str) -> str | None:
    """Why Python's ``re`` (rdflib's regex engine) cannot compile ``pattern``, or ``None``."""
    try:
        re.compile(pattern)
    except re.error as err:
        return _re_detail(err)
    return None


def _re_detail(err: re.error) -> str:
    return err.msg + (f" at position {err.pos}" if err.pos is not None else "")


def _memory_regex_error(use: RegexUse, label: str) -> QueryError | None:
    """Why rdflib cannot run a regular expression as SPARQL means it, or ``None``.

    rdflib hands the pattern to Python's ``re`` and ignores the flags x and
    q, so it would answer otherwise than the standard (and a store) does; a
    pattern valid in SPARQL that ``re`` cannot compile (``\\p{Lu}``) is no
    fault of the query.
    """
    error = flag_error(use, label)
    if error:
        return error
    ignored = sorted(set(use.flags) - set("smi"))
    if ignored:
        return regex_error(use, label, f"rdflib, the in-memory engine, ignores the flag(s) {', '.join(ignored)}",
                           "drop them, or query an Oxigraph store (--store DIR), which applies them",
                           "regular expression")
    problem = _python_regex_problem(use.pattern)
    if problem is None:
        return None
    if _oxigraph_regex_problem(use.pattern, use.flags) is None:
        return regex_error(use, label, f"rdflib, the in-memory engine, runs patterns with Python's re, which "
                           f"cannot compile it ({problem})", "it is valid SPARQL: query an Oxigraph store "
                           "(--store DIR), or rewrite the pattern", "regular expression")
    return regex_error(use, label, problem)


# --- the columns of SELECT * -------------------------------------------------


@lru_cache(maxsize=256)
def star_variables(sparql: str) -> tuple[str, ...] | None:
    """The variables of a ``SELECT *`` query in order of first appearance, or ``None`` for any other query.

    SPARQL leaves the column order of ``SELECT *`` open, and the engines
    differ (rdflib: set order, which changes from run to run; Oxigraph: by
    name); kg puts every store's columns in this one order.  Comments,
    strings and IRIs are skipped; ``?v`` and ``$v`` are one variable.

    >>> star_variables("SELECT * { ?s <urn:p> $o ; a ?t # ?z\\n FILTER(?o != '?q') }")
    ('s', 'o', 't')
    >>> star_variables("SELECT ?t ?s { ?s a ?t }") is None
    True
    """
    tokens = list(sparql_tokens(sparql))
    start = next((i for i, (kind, value, _) in enumerate(tokens)
                  if kind == "word" and value.upper() == "SELECT"), None)
    if start is None:
        return None
    after = start + 1
    if after < len(tokens) and tokens[after][1].upper() in ("DISTINCT", "REDUCED"):
        after += 1
    if after >= len(tokens) or tokens[after][1] != "*":
        return None
    seen: dict[str, None] = {}
    for kind, value, _ in tokens[after:]:
        if kind == "var":
            seen.setdefault(value[1:], None)
    return tuple(seen)


def star_columns(star: tuple[str, ...] | None, names: Sequence[str]) -> list[int] | None:
    """How to reorder an engine's columns ``names`` into the ``SELECT *`` order ``star``.

    Returns the column indexes in the new order, or ``None`` when nothing
    moves.  A column the text does not name (none should) goes last, by name.
    """
    if star is None:
        return None
    rank = {name: i for i, name in enumerate(star)}
    columns = sorted(range(len(names)), key=lambda i: (rank.get(names[i], len(rank)), names[i]))
    return None if columns == list(range(len(names))) else columns


# --- rdflib in memory ---------------------------------------------------------


def as_dataset(graph: Graph) -> Dataset:
    """The dataset queries run on: a dataset as it is, a graph as its one named graph.

    A graph keeps its identifier as the graph's name (``kg build`` names the
    graph of a corpus ``<.../CORPUS/graph>``, as in the TriG file and the
    Oxigraph store); one without an IRI is named like in :func:`push`.  A
    graph alone in its rdflib store is shared, not copied.  Either way the
    default graph is the union of the named graphs.
    """
    if isinstance(graph, Dataset):
        graph.default_union = True
        return graph
    name = graph.identifier if isinstance(graph.identifier, URIRef) else URIRef(BASE + "graph")
    store = graph.store
    if name == graph.identifier and store.context_aware and [c.identifier for c in store.contexts()] == [name]:
        return Dataset(store=store, default_union=True)
    dataset = Dataset(default_union=True)
    named = dataset.graph(name)
    named.addN((s, p, o, named) for s, p, o in graph)
    return dataset


class MemoryStore:
    """An rdflib graph or dataset in memory.

    Queries see the union of the graphs as their default graph and each
    named graph in ``GRAPH`` (see :func:`as_dataset`).
    """

    def __init__(self, graph: Graph) -> None:
        self.graph = graph
        self.dataset = as_dataset(graph)
        self.label = "memory"

    def query(self, sparql: str, *, timeout: float | None = DEFAULT_TIMEOUT) -> QueryResult:
        """Run a read-only query with rdflib's engine.

        Raises:
            QuerySyntaxError: the text does not parse.
            QueryError: an update, a SERVICE call, a regular expression
                Python cannot compile, a failure of rdflib's engine, or a timeout.
        """
        form = ensure_read_only(sparql, self.label)

        def work() -> QueryResult:
            with rdflib_quiet(), warnings.catch_warnings():
                # rdflib's own engine calls its deprecated Dataset.default_context.
                warnings.filterwarnings("ignore", r"Dataset\.(?:default_context|contexts) is deprecated",
                                        DeprecationWarning)
                parsed = self._parse(sparql)
                ensure_runnable(sparql, parsed, self.label, _memory_regex_error)
                return self._evaluate(parsed, form, star_variables(sparql), _explicit_groups(parsed))

        return run_with_timeout(work, timeout, self.label)

    def _parse(self, sparql: str) -> Any:
        from pyparsing import ParseException

        try:
            return parse_query(sparql, dict(self.dataset.namespaces()))
        except ParseException as err:
            raise QuerySyntaxError(self.label, err.lineno, err.col, _short(err.msg), sparql) from err
        except Exception as err:  # rdflib's translation refuses what its grammar allows
            raise QueryError(f"{self.label}: rdflib cannot read the query ({type(err).__name__}: "
                             f"{_short(str(err))}); fix the query") from err

    def _evaluate(self, parsed: Any, form: str, star: tuple[str, ...] | None = None,
                  grouped: bool = False) -> QueryResult:
        try:
            return self._result(self.dataset.query(parsed), form, star, grouped)
        except KgError:
            raise
        except re.error as err:  # a pattern computed while the query runs
            raise regex_error(RegexUse("REGEX or REPLACE", str(err.pattern), ""), self.label,
                              _re_detail(err)) from err
        except Exception as err:
            # rdflib's engine fails on some queries it parsed: a type it does not
            # expect (SUM of texts, YEAR of an ill-typed date), a LIMIT too large...
            raise QueryError(
                f"{self.label}: rdflib could not evaluate the query ({type(err).__name__}: {_short(str(err))}); "
                "check the types the query's functions and aggregates get, or run it on an Oxigraph store "
                "(kg build CORPUS --store DIR, then --store DIR)"
            ) from err

    @staticmethod
    def _result(result: Any, form: str, star: tuple[str, ...] | None = None, grouped: bool = False) -> QueryResult:
        if form == "ASK":
            return QueryResult((), (), bool(result.askAnswer))
        if form in ("CONSTRUCT", "DESCRIBE"):
            assert result.graph is not None
            return QueryResult(("subject", "predicate", "object"), tuple(sorted(result.graph)))
        variables = list(result.vars or ())
        names = [str(v) for v in variables]
        columns = star_columns(star, names)
        if columns is not None:
            variables, names = [variables[i] for i in columns], [names[i] for i in columns]
        # Read the bindings, not the Result: iterating it skips a solution
        # that binds no variable (OPTIONAL found nothing, SELECT ?x {}),
        # which is still a row of the answer on every other store.  But
        # rdflib answers GROUP BY over no solutions with one group of no
        # keys at all (SPARQL: no group); a real group has every projected
        # key, if only as None, so the keyless one is dropped.
        bindings = result.bindings
        if grouped:
            bindings = [binding for binding in bindings if len(binding)]
        rows = tuple(tuple(binding.get(v) for v in variables) for binding in bindings)
        return QueryResult(tuple(names), rows)

    def close(self) -> None:
        """Nothing to release."""


#: The algebra nodes rdflib puts above the grouping of a SELECT query.
_ABOVE_GROUPS = frozenset(("SelectQuery", "Project", "Slice", "Distinct", "Reduced", "OrderBy", "Extend", "Filter",
                           "ToMultiSet"))


def _explicit_groups(parsed: Any) -> bool:
    """Whether the outermost SELECT of an rdflib query has a GROUP BY (see :meth:`MemoryStore._result`)."""
    part = getattr(parsed, "algebra", None)
    while part is not None and getattr(part, "name", None) in _ABOVE_GROUPS:
        part = part.get("p")
    if part is None or getattr(part, "name", None) != "AggregateJoin":
        return False
    group = part.get("p")
    return group is not None and group.get("expr") is not None


# --- pyoxigraph terms ---------------------------------------------------------

_XSD_STRING = str(XSD.string)
_DATATYPES: dict[str, URIRef] = {}


def from_oxigraph(term: Any) -> Node | None:
    """An rdflib term for a pyoxigraph term (``None`` stays ``None``)."""
    if term is None:
        return None
    import pyoxigraph as ox

    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        dt = term.datatype.value
        if dt == _XSD_STRING:
            return Literal(term.value)
        datatype = _DATATYPES.get(dt)
        if datatype is None:
            datatype = _DATATYPES.setdefault(dt, URIRef(dt))
        # normalize=False: keep Oxigraph's lexical form; rdflib would rewrite
        # "…T20:00:00Z" as "…T20:00:00+00:00" and ".25" as ".250000", which
        # the same value read in memory or from a graph file does not show.
        return Literal(term.value, datatype=datatype, normalize=False)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    raise StoreError(f"unsupported RDF term from Oxigraph: {term!r}")


def to_oxigraph(term: Node) -> Any:
    """A pyoxigraph term for an rdflib term."""
    import pyoxigraph as ox

    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise StoreError(f"unsupported RDF term {term!r}")


def oxigraph_result(solutions: Any, form: str, order: Sequence[tuple[str, bool]] = (),
                    star: tuple[str, ...] | None = None) -> QueryResult:
    """Materialise a pyoxigraph answer as a :class:`QueryResult`, sorted by ``order`` if given.

    ``star``: the ``SELECT *`` column order (:func:`star_variables`), which
    replaces Oxigraph's order by name.
    """
    if form == "ASK":
        return QueryResult((), (), bool(solutions))
    if form in ("CONSTRUCT", "DESCRIBE"):
        rows = sorted(
            (from_oxigraph(t.subject), from_oxigraph(t.predicate), from_oxigraph(t.object)) for t in solutions
        )
        return QueryResult(("subject", "predicate", "object"), tuple(rows))
    names = tuple(v.value for v in solutions.variables)
    raw = [tuple(solution) for solution in solutions]
    columns = star_columns(star, names)
    if columns is not None:
        names = tuple(names[i] for i in columns)
        raw = [tuple(solution[i] for i in columns) for solution in raw]
    # A key the answer has no column for (``SELECT *`` over a variable out of
    # scope) is unbound in every solution: it orders nothing.
    keys = [(names.index(name), descending) for name, descending in order if name in names]
    if keys:
        raw = sort_solutions(raw, keys)
    return QueryResult(names, LazyRows(raw))


_NUMERIC = frozenset(
    str(XSD) + name
    for name in ("integer", "decimal", "float", "double", "int", "long", "short", "byte", "nonNegativeInteger",
                 "positiveInteger", "negativeInteger", "nonPositiveInteger", "unsignedInt", "unsignedLong",
                 "unsignedShort", "unsignedByte")
)
_TEXTUAL = frozenset((_XSD_STRING, "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"))
_TEMPORAL = frozenset((str(XSD) + "dateTime", str(XSD) + "date"))
_TEMPORAL_FORM = re.compile(
    r"(-?\d{4,})-(\d\d)-(\d\d)(?:T(\d\d):(\d\d):(\d\d(?:\.\d+)?))?(Z|[+-]\d\d:\d\d)?")


def _days_from_civil(year: int, month: int, day: int) -> int:
    """Days from 1970-01-01 to a proleptic Gregorian date, for any year (Python's date stops at 9999)."""
    year -= month <= 2
    era = (year if year >= 0 else year - 399) // 400
    year_of_era = year - era * 400
    day_of_year = (153 * (month + (-3 if month > 2 else 9)) + 2) // 5 + day - 1
    day_of_era = year_of_era * 365 + year_of_era // 4 - year_of_era // 100 + day_of_year
    return era * 146097 + day_of_era - 719468


def _temporal_key(datatype: str, lexical: str) -> tuple[Any, ...] | None:
    """The ORDER BY rank of an ``xsd:dateTime`` or ``xsd:date``, or ``None`` for an ill-typed one.

    SPARQL compares these as points in time: ``2020-01-01T00:00:00+05:00``
    comes before ``2019-12-31T20:00:00Z``, which text order reverses.  A
    value without a timezone has no instant; such values come first, by
    their local time, as rdflib orders them (Oxigraph's order of a mix
    depends on the pairs compared).  A date stands for its first instant.
    """
    found = _TEMPORAL_FORM.fullmatch(lexical)
    if found is None or (found[4] is None) != datatype.endswith("#date"):
        return None
    year, month, day = int(found[1]), int(found[2]), int(found[3])
    seconds = Decimal(_days_from_civil(year, month, day) * 86400)
    if found[4] is not None:
        seconds += int(found[4]) * 3600 + int(found[5]) * 60 + Decimal(found[6])
    zone = found[7]
    if zone is None:
        return (0, seconds, lexical)
    if zone != "Z":
        offset = int(zone[1:3]) * 3600 + int(zone[4:6]) * 60
        seconds -= offset if zone[0] == "+" else -offset
    return (1, seconds, lexical)


def _order_key(term: Any) -> tuple[Any, ...]:
    """SPARQL's ORDER BY rank of a pyoxigraph term: unbound, blank nodes, IRIs, literals.

    Numbers compare by value, strings by code point (then language tag),
    dates and times by instant (:func:`_temporal_key`), other literals by
    datatype and then lexical form, so every pair of values has an order
    and equal keys mean equal terms.
    """
    if term is None:
        return (0,)
    kind = type(term).__name__
    if kind == "BlankNode":
        return (1, term.value)
    if kind == "NamedNode":
        return (2, term.value)
    if kind == "Literal":
        datatype = term.datatype.value
        if datatype in _TEXTUAL:
            return (3, 1, term.value, term.language or "")
        if datatype in _NUMERIC:
            try:
                number = float(term.value)
            except ValueError:
                number = None
            if number is not None and number == number:  # NaN has no place among numbers
                return (3, 0, number, term.value)
        if datatype in _TEMPORAL:
            moment = _temporal_key(datatype, term.value)
            # An ill-typed value ranks after every well-typed one of its datatype.
            return (3, 2, datatype) + (moment if moment is not None else (2, Decimal(0), term.value))
        return (3, 2, datatype, term.value)
    return (4, str(term))


def sort_solutions(rows: list[tuple[Any, ...]], keys: Sequence[tuple[int, bool]]) -> list[tuple[Any, ...]]:
    """Solutions of pyoxigraph terms in ORDER BY order of the columns ``keys`` (index, descending).

    The sort is stable: solutions equal on every key keep the engine's
    order, as they do under Oxigraph's own ORDER BY (for one store and
    query that order is always the same).
    """
    ranks: dict[Any, tuple[Any, ...]] = {}  # each distinct term's rank, computed once
    for i, _ in keys:
        for row in rows:
            term = row[i]
            if term not in ranks:
                ranks[term] = _order_key(term)
    if not any(descending for _, descending in keys):
        columns = [i for i, _ in keys]
        return sorted(rows, key=lambda row: tuple([ranks[row[i]] for i in columns]))
    out = list(rows)
    for column, descending in reversed(keys):

        def by_column(row: tuple[Any, ...], i: int = column) -> tuple[Any, ...]:
            return ranks[row[i]]

        out.sort(key=by_column, reverse=descending)
    return out


class LazyRows(Sequence[tuple[Node | None, ...]]):
    """Solutions fetched from Oxigraph, turned into rdflib terms when first read.

    The query has run to completion and every solution is in memory; only
    the conversion of each value to an rdflib term waits until a row is
    read (``kg query`` reads them all to print them).
    """

    __slots__ = ("_raw", "_rows")

    def __init__(self, raw: list[tuple[Any, ...]]) -> None:
        self._raw = raw
        self._rows: list[tuple[Node | None, ...]] | None = None

    def _converted(self) -> list[tuple[Node | None, ...]]:
        if self._rows is None:
            memo: dict[Any, Node | None] = {}
            rows = []
            with rdflib_quiet():
                for solution in self._raw:
                    row = []
                    for value in solution:
                        term = memo.get(value, _MISSING) if value is not None else None
                        if term is _MISSING:
                            term = memo[value] = from_oxigraph(value)
                        row.append(term)
                    rows.append(tuple(row))
            self._rows = rows
        return self._rows

    def __len__(self) -> int:
        return len(self._raw)

    def __getitem__(self, index: Any) -> Any:
        return self._converted()[index]

    def __iter__(self) -> Iterator[tuple[Node | None, ...]]:
        return iter(self._converted())

    def __eq__(self, other: object) -> bool:
        return list(self) == list(other) if isinstance(other, Sequence) else NotImplemented

    def __repr__(self) -> str:
        return f"LazyRows({len(self._raw)} rows)"


_MISSING: Any = object()


def _oxigraph_query(
    store: Any, sparql: str, label: str, timeout: float | None, order: Sequence[tuple[str, bool]] = (),
    star: tuple[str, ...] | None = None,
) -> QueryResult:
    # Queries read the default graph, which holds the RDF merge of the kg
    # graphs: Oxigraph's union-default-graph mode repeats a triple once per
    # graph holding it, which would inflate counts across corpora.
    form = ensure_read_only(sparql, label)

    def work() -> QueryResult:
        try:
            solutions = store.query(sparql)
            with rdflib_quiet():
                return oxigraph_result(solutions, form, order, star)
        except SyntaxError as err:
            found = re.match(r"error at (\d+):(\d+): (.*)", str(err), re.DOTALL)
            if found:
                raise QuerySyntaxError(label, int(found[1]), int(found[2]), _short(found[3]), sparql) from err
            raise QuerySyntaxError(label, 1, 1, _short(str(err)), sparql) from err
        except OSError as err:
            raise StoreError(f"{label}: the store failed while reading ({err}); check the folder") from err
        except RuntimeError as err:  # e.g. a function Oxigraph does not know
            if str(err).startswith("Corruption"):  # RocksDB found a data file missing or broken
                raise StoreError(f"{label}: the store is damaged ({_short(str(err))}); rebuild it with "
                                 "`kg build --store DIR`") from err
            raise QueryError(f"{label}: Oxigraph cannot run the query ({_short(str(err))}); fix the query") from err

    return run_with_timeout(work, timeout, label)


# --- Oxigraph on disk ---------------------------------------------------------


@lru_cache(maxsize=256)
def _oxigraph_plan(sparql: str) -> tuple[str, tuple[tuple[str, bool], ...]]:
    """The text Oxigraph runs and the ORDER BY keys kg sorts by itself.

    Lines marked ``#@hash`` are hash-joined, OPTIONALs made LATERAL, and a
    final ORDER BY on projected variables is split off (see
    :func:`~kg.query.sparql.split_order_by`).
    """
    if HASH_HINT in sparql:
        sparql = hash_join_hints(sparql)
    if "OPTIONAL" in sparql.upper():
        sparql = lateral_optionals(sparql)
    return split_order_by(sparql) if "ORDER" in sparql.upper() else (sparql, ())



@lru_cache(maxsize=256)
def check_oxigraph_query(sparql: str, label: str) -> None:
    """Refuse what Oxigraph would run in silence: a SERVICE call, a regular expression it cannot compile.

    Oxigraph would send a SERVICE query over HTTP; it evaluates a bad
    pattern as an error, so the FILTER drops every row without a word.
    Only a text holding SERVICE, REGEX or REPLACE is parsed (by rdflib), and
    a text that passes is remembered.

    Raises:
        QueryError: the query calls a service or holds a bad regular expression.
    """
    upper = sparql.upper()
    if "SERVICE" not in upper and "REGEX" not in upper and "REPLACE" not in upper:
        return
    try:
        parsed = parse_query(sparql)
    except Exception:  # not rdflib's SPARQL: judge SERVICE by the keywords, let Oxigraph judge the rest
        ensure_local(sparql, label)
        return
    ensure_runnable(sparql, parsed, label, _oxigraph_regex_error)


def ensure_runnable(sparql: str, parsed: Any, label: str,
                    regex_check: Callable[[RegexUse, str], QueryError | None]) -> None:
    """Refuse a parsed query that calls a service, or holds a regular expression
    ``regex_check`` (the engine's own) finds it cannot run as SPARQL means it."""
    ensure_local(sparql, label, parsed)
    for use in constant_regexes(parsed):
        error = regex_check(use, label)
        if error:
            raise error


def _oxigraph_regex_error(use: RegexUse, label: str) -> QueryError | None:
    """Why Oxigraph cannot run a regular expression, or ``None``."""
    error = flag_error(use, label)
    if error:
        return error
    problem = _oxigraph_regex_problem(use.pattern, use.flags)
    return regex_error(use, label, problem) if problem else None


@lru_cache(maxsize=256)
def _oxigraph_regex_problem(pattern: str, flags: str) -> str | None:
    """Why Oxigraph cannot compile a pattern with flags (asked of Oxigraph itself), or ``None``."""
    import pyoxigraph as ox

    probe = f'SELECT (REGEX("", {term_n3(Literal(pattern))}, {term_n3(Literal(flags))}) AS ?ok) {{}}'
    answer: Any = ox.Store().query(probe)
    if [solution[0] for solution in answer] != [None]:
        return None
    python = _python_regex_problem(pattern)
    return "Oxigraph cannot compile it" + (f" (Python's re says: {python})" if python else "")


def _pyoxigraph_version() -> str:
    import pyoxigraph

    return str(getattr(pyoxigraph, "__version__", "unknown"))


def _read_marker(folder: Path) -> dict[str, Any]:
    marker = folder / STORE_MARKER
    if not folder.is_dir():
        raise StoreError(f"{folder}: no such store folder; make one with `kg build --store {folder}`")
    if not marker.is_file():
        raise StoreError(
            f"{folder}: not a kg store (no {STORE_MARKER}); make one with `kg build --store {folder}` "
            "or give the right folder"
        )
    try:
        info = json.loads(marker.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise StoreError(f"{marker}: unreadable store marker ({err}); rebuild with `kg build --store {folder}`") from err
    if not isinstance(info, dict) or info.get("format") != STORE_FORMAT:
        raise StoreError(f"{marker}: not a kg store marker; rebuild with `kg build --store {folder}`")
    if info.get("version") != STORE_VERSION:
        raise StoreError(
            f"{folder}: store format version {info.get('version')!r}, this kg reads version {STORE_VERSION}; "
            f"rebuild it with `kg build --store {folder}`"
        )
    return info


#: The file of a RocksDB database that names its current manifest: without
#: it, opening the folder would create a new, empty database there.
_DATABASE_FILE = "CURRENT"


def _damaged(folder: Path, detail: str) -> StoreError:
    return StoreError(f"{folder}: the store is damaged or not a complete kg store ({_short(detail)}); "
                      f"rebuild it with `kg build --store {folder}`")


class StoreLockedError(StoreError):
    """Another process holds the store open."""


def _open_oxigraph(folder: Path) -> Any:
    """Open the Oxigraph database of a store folder.

    A folder without a database is refused: pyoxigraph would make an empty
    one, and a read command would answer "no rows" from it and leave it
    behind.

    Raises:
        StoreLockedError: another process holds the store.
        StoreError: the store is damaged (RocksDB reports corruption, a
            missing file) or holds no database.
    """
    import pyoxigraph as ox

    if not (folder / _DATABASE_FILE).is_file():
        raise _damaged(folder, f"no Oxigraph database: {_DATABASE_FILE} is missing")
    try:
        return ox.Store(str(folder))
    except OSError as err:
        text = str(err)
        if "lock" in text.lower():
            raise StoreLockedError(
                f"{folder}: the store is locked by another process (a running kg command or "
                "`oxigraph serve`); stop it, or query that server with --endpoint URL"
            ) from err
        raise _damaged(folder, text) from err
    except RuntimeError as err:  # RocksDB's "Corruption: ...", e.g. a data file removed
        raise _damaged(folder, str(err)) from err


class OxigraphStore:
    """A persistent Oxigraph store in a folder made by :func:`create_store`.

    Raises:
        StoreError: the folder is missing, not a kg store, from another store
            format version, or locked by another process.
    """

    def __init__(self, folder: str | Path, *, raw: Any = None) -> None:
        self.folder = Path(folder)
        self.info = _read_marker(self.folder)
        # ``raw``: the pyoxigraph store already open on the folder (create_store's own).
        self.raw = raw if raw is not None else _open_oxigraph(self.folder)
        self.label = f"store {self.folder}"

    def query(self, sparql: str, *, timeout: float | None = DEFAULT_TIMEOUT) -> QueryResult:
        """Run a read-only query with Oxigraph over the merge of the graphs.

        OPTIONAL groups run per solution (:func:`~kg.query.sparql.lateral_optionals`),
        so a query about one bound claim reads only that claim's data; lines
        marked ``#@hash`` are hash-joined (:func:`~kg.query.sparql.hash_join_hints`);
        a final ORDER BY on projected variables is done here, in Python
        (:func:`sort_solutions`), not by Oxigraph.

        Raises:
            QuerySyntaxError: the text does not parse.
            QueryError: an update, a SERVICE call, a bad regular expression
                (:func:`check_oxigraph_query`), or a timeout.
            StoreError: the store failed while reading.
        """
        ensure_read_only(sparql, self.label)
        check_oxigraph_query(sparql, self.label)
        star = star_variables(sparql)  # of the text as the caller wrote it
        try:
            text, order = _oxigraph_plan(sparql)
            return _oxigraph_query(self.raw, text, self.label, timeout, order, star)
        except QuerySyntaxError:
            # Report the position in the text as given, not in the rewritten one.
            return _oxigraph_query(self.raw, sparql, self.label, timeout, star=star)

    def __len__(self) -> int:
        """The triples of the merge (the default graph), which the named graphs repeat."""
        counted: Any = self.raw.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
        return int(next(iter(counted))[0].value)

    def dump(self, path: str | Path) -> Path:
        """Write the graph to an N-Triples file (through a temporary file)."""
        import pyoxigraph as ox

        target = Path(path)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent or ".")
        os.close(fd)
        try:
            self.raw.dump(output=tmp, format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        return target

    def close(self) -> None:
        """Release the store (its lock goes with it)."""
        self.raw = None


def query_values(store: Store, sparql: str, *, timeout: float | None = DEFAULT_TIMEOUT) -> list[tuple[str | None, ...]]:
    """The solutions of a SELECT query as tuples of plain strings.

    Each value is an IRI, a literal's lexical form or a blank node label
    (``None`` when unbound).  On an Oxigraph store the strings are read
    straight from pyoxigraph, without making rdflib terms: the evidence
    index reads a hundred thousand values this way.
    """
    if isinstance(store, OxigraphStore):
        raw, label = store.raw, store.label
        ensure_read_only(sparql, label)

        def work() -> list[tuple[str | None, ...]]:
            try:
                return [tuple(None if v is None else v.value for v in solution) for solution in raw.query(sparql)]
            except SyntaxError as err:
                raise QuerySyntaxError(label, 1, 1, _short(str(err)), sparql) from err
            except OSError as err:
                raise StoreError(f"{label}: the store failed while reading ({err}); check the folder") from err

        return run_with_timeout(work, timeout, label)
    return [tuple(None if t is None else str(t) for t in row) for row in store.query(sparql, timeout=timeout).rows]


def _graph_quads(graph: Graph) -> Iterable[tuple[Node, Node, Node, URIRef]]:
    if isinstance(graph, Dataset):
        for context in graph.graphs():
            name = context.identifier
            if not isinstance(name, URIRef) or str(name) == "urn:x-rdflib:default":
                name = URIRef(BASE + "graph")
            for s, p, o in context:
                yield s, p, o, name
    else:
        name = graph.identifier if isinstance(graph.identifier, URIRef) else URIRef(BASE + "graph")
        for s, p, o in graph:
            yield s, p, o, name


#: Files smaller than this are bulk-loaded by one thread.
PARALLEL_LOAD_BYTES = 16 << 20


def _line_slices(path: Path, parts: int) -> list[bytes]:
    """The file's bytes in ``parts`` slices, each cut after a line end."""
    data = path.read_bytes()
    cuts = [0]
    for n in range(1, parts):
        end = data.find(b"\n", max(len(data) * n // parts, cuts[-1]))
        if end < 0:
            break
        cuts.append(end + 1)
    cuts.append(len(data))
    return [data[a:b] for a, b in zip(cuts, cuts[1:]) if b > a]


def _bulk_load_ntriples(store: Any, path: Path, threads: int | None) -> None:
    """Bulk-load an N-Triples file into the default graph, in parallel slices of lines.

    Oxigraph's bulk loader encodes and sorts one batch on one core; slices
    of whole lines loaded side by side use every core.  N-Triples lines
    stand alone, except for blank node labels, which name one node only
    within one load: a file holding ``_:`` is loaded in one piece.
    """
    import pyoxigraph as ox

    fmt = ox.RdfFormat.N_TRIPLES
    if threads is None:
        threads = min(os.cpu_count() or 1, 4) if path.stat().st_size >= PARALLEL_LOAD_BYTES else 1
    slices = _line_slices(path, threads) if threads > 1 else []
    if len(slices) < 2 or any(b"_:" in part for part in slices):
        del slices
        _load_part(store, path, None, fmt, 0)
        return
    errors: list[BaseException | None] = [None] * len(slices)
    lines_before = [0]
    for part in slices[:-1]:
        lines_before.append(lines_before[-1] + part.count(b"\n"))

    def load(n: int) -> None:
        try:
            _load_part(store, path, slices[n], fmt, lines_before[n])
        except BaseException as err:  # handed to the caller below
            errors[n] = err

    workers = [threading.Thread(target=load, args=(n,), name=f"kg-load-{n}") for n in range(1, len(slices))]
    for worker in workers:
        worker.start()
    load(0)
    for worker in workers:
        worker.join()
    for err in errors:
        if err is not None:
            raise err


def _load_part(store: Any, path: Path, data: bytes | None, fmt: Any, lines_before: int, to_graph: Any = None) -> None:
    import pyoxigraph as ox

    target = ox.DefaultGraph() if to_graph is None else to_graph
    try:
        if data is None:
            store.bulk_load(path=str(path), format=fmt, to_graph=target)
        else:
            store.bulk_load(data, format=fmt, to_graph=target)
    except SyntaxError as err:
        line = (err.lineno or 0) + lines_before
        detail = re.sub(r"^Parser error at line \d+ column (\d+)", r"column \1", str(err.msg or err))
        raise StoreError(f"{path}:{line}: not valid RDF ({detail}); fix the file or rebuild it with kg build") from err


def create_store(
    folder: str | Path,
    *,
    graph: Graph | None = None,
    rdf_file: str | Path | None = None,
    graphs: Sequence[str] = (),
    load_threads: int | None = None,
) -> Path:
    """Make an Oxigraph store folder from a graph or an RDF file.

    The store holds the RDF merge of the input in its default graph, which
    queries read: Oxigraph's union-default-graph mode would repeat a triple
    once per named graph holding it and inflate counts across corpora.  Each
    corpus graph is also kept as a named graph, which ``GRAPH`` reads (as in
    memory and in the files ``kg build`` writes): the graphs of ``graph``
    and of a quads file, and the one graph of a triples file given one IRI in
    ``graphs`` (a triples file with no or several IRIs has no named graph:
    which triple came from which corpus is not in it).  The corpus graph
    IRIs are recorded in the store marker.

    An N-Triples file is bulk-loaded in slices of lines, one thread each;
    then the store is compacted (which makes queries 15-50% faster)
    while the evidence index is built beside it, in a second thread.

    The store is built in a temporary folder beside ``folder`` and renamed
    into place only when complete: a failure leaves any old store untouched.
    An existing ``folder`` is replaced only if it is a kg store not in use.

    Args:
        folder: where the store goes.
        graph: an rdflib graph or dataset (``kg build``).
        rdf_file: an N-Triples, Turtle, N-Quads or TriG file; triples formats
            are bulk-loaded natively; a quads file is bulk-loaded as it is (its
            named graphs) and as N-Triples written from it (the merge).
        graphs: graph IRIs to record for ``rdf_file`` input (exactly one:
            a triples file's named graph).
        load_threads: slices an N-Triples file is loaded in (default: one
            per core, up to 4, for files of 16 MiB or more; else 1).

    Raises:
        StoreError: ``folder`` exists and is not a kg store, or is locked,
            or ``rdf_file`` does not parse (the message names file and line).
    """
    import pyoxigraph as ox

    target = Path(folder)
    if target.exists():
        if not (target / STORE_MARKER).is_file() and any(target.iterdir()):
            raise StoreError(
                f"{target}: exists and is not a kg store; choose an empty or new folder (nothing was written)"
            )
        if (target / STORE_MARKER).is_file() and (target / _DATABASE_FILE).is_file():
            try:
                probe = _open_oxigraph(target)  # raises StoreLockedError if another process holds it
                del probe
            except StoreLockedError:
                raise
            except StoreError:
                pass  # a damaged store is what a rebuild is for: it is replaced below
    parent = target.parent if str(target.parent) else Path(".")
    if not parent.is_dir():
        raise StoreError(f"{target}: folder {parent} does not exist; create it first")
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".tmp", dir=parent))
    compaction: threading.Thread | None = None
    try:
        store = ox.Store(str(tmp))
        names = set(graphs)
        source = _checked_rdf_file(rdf_file) if rdf_file is not None else None
        quads = [(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o), str(g))
                 for s, p, o, g in (_graph_quads(graph) if graph is not None else ())]
        if source is not None:
            _load_rdf_file(store, source, load_threads, parent)
        if quads:
            store.bulk_extend(ox.Quad(s, p, o, ox.DefaultGraph()) for s, p, o, _g in quads)
        triples = len(store)  # the merge, before the named graphs repeat it
        if source is not None:
            names |= _load_named_graphs(store, source, graphs)
        if quads:
            names |= {g for _s, _p, _o, g in quads}
            store.bulk_extend(ox.Quad(s, p, o, ox.NamedNode(g)) for s, p, o, g in quads)
        del quads
        info = {
            "format": STORE_FORMAT,
            "version": STORE_VERSION,
            "pyoxigraph": _pyoxigraph_version(),
            "graphs": sorted(names),
            "triples": triples,
        }
        (tmp / STORE_MARKER).write_text(json.dumps(info, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        # Compaction is native work that releases the GIL, the index is
        # mostly Python: side by side they take the time of the longer.
        failed: list[BaseException] = []

        def compact() -> None:
            try:
                store.optimize()
            except BaseException as err:  # handed to the caller below
                failed.append(err)

        compaction = threading.Thread(target=compact, name="kg-optimize")
        compaction.start()
        from kg.query.evidence import INDEX_FILE, EvidenceIndex

        built = OxigraphStore(tmp, raw=store)
        EvidenceIndex.build(built, tmp / INDEX_FILE).close()
        built.close()
        compaction.join()
        compaction = None
        if failed:
            raise failed[0]
        store.flush()
        del store
        old = None
        if target.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".old", dir=parent))
            old.rmdir()
            target.rename(old)
        tmp.rename(target)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        if compaction is not None:
            compaction.join()
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return target


_RDF_FILE_FORMATS = {".nt": "N_TRIPLES", ".ttl": "TURTLE", ".nq": "N_QUADS", ".trig": "TRIG"}


def _checked_rdf_file(rdf_file: str | Path) -> Path:
    source = Path(rdf_file)
    if source.suffix.lower() not in _RDF_FILE_FORMATS:
        raise StoreError(f"{rdf_file}: unknown RDF file type; use .nt, .ttl, .nq or .trig")
    if not source.is_file():
        raise StoreError(f"{rdf_file}: no such file")
    return source


def _rdf_format(source: Path) -> Any:
    import pyoxigraph as ox

    return getattr(ox.RdfFormat, _RDF_FILE_FORMATS[source.suffix.lower()])


def _file_quads(source: Path) -> Iterator[Any]:
    """The quads of a quads file, parsed by Oxigraph (a syntax error names the line)."""
    import pyoxigraph as ox

    try:
        yield from ox.parse(path=str(source), format=_rdf_format(source))
    except SyntaxError as err:
        raise StoreError(f"{source}:{err.lineno}: not valid RDF ({err.msg}); fix the file or "
                         "rebuild it with kg build") from err


def _load_rdf_file(store: Any, source: Path, load_threads: int | None, scratch: Path) -> None:
    """Load an RDF file's triples into the default graph (the merge).

    A quads file's triples are written once, by Oxigraph, as an N-Triples
    file in ``scratch`` and bulk-loaded from there: handing each quad to
    the store from Python took 5-10 times as long.
    """
    import pyoxigraph as ox

    suffix = source.suffix.lower()
    if suffix == ".nt":
        _bulk_load_ntriples(store, source, load_threads)
    elif suffix == ".ttl":
        _load_part(store, source, None, _rdf_format(source), 0)
    else:
        fd, name = tempfile.mkstemp(prefix=f".{source.stem}.", suffix=".merge.nt", dir=scratch)
        os.close(fd)
        merged = Path(name)
        try:
            ox.serialize((ox.Triple(q.subject, q.predicate, q.object) for q in _file_quads(source)),
                         output=str(merged), format=ox.RdfFormat.N_TRIPLES)
            _bulk_load_ntriples(store, merged, load_threads)
        finally:
            merged.unlink(missing_ok=True)


def _load_named_graphs(store: Any, source: Path, graphs: Sequence[str]) -> set[str]:
    """Load an RDF file's named graphs (see :func:`create_store`); returns their IRIs."""
    import pyoxigraph as ox

    if source.suffix.lower() in (".nt", ".ttl"):
        if len(graphs) != 1:
            return set()
        _load_part(store, source, None, _rdf_format(source), 0, to_graph=ox.NamedNode(graphs[0]))
        return {graphs[0]}
    before = {g.value for g in store.named_graphs() if isinstance(g, ox.NamedNode)}
    _load_part(store, source, None, _rdf_format(source), 0)  # its default graph's triples are in the merge
    return {g.value for g in store.named_graphs() if isinstance(g, ox.NamedNode)} - before


# --- a remote SPARQL endpoint -------------------------------------------------


class EndpointError(StoreError):
    """An endpoint answered with an HTTP error status."""

    def __init__(self, status: int, body: str, message: str) -> None:
        super().__init__(message)
        self.status, self.body = status, body


# Where Oxigraph ("error at 3:7") and Jena ("at line 3, column 7") put the position.
_POSITION = re.compile(r"error at (\d+):(\d+):?\s*(.*)|line (\d+), column (\d+)\.?\s*(.*)", re.DOTALL)


def _http(request: urllib.request.Request, timeout: float | None, what: str) -> bytes:
    url = request.full_url
    timeout = time_limit(timeout)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 (URL given by the user)
            return bytes(response.read())
    except urllib.error.HTTPError as err:
        body = err.read(400).decode("utf-8", "replace").strip().replace("\n", " ")
        raise EndpointError(err.code, body,
            f"{url}: the endpoint answered {err.code} {err.reason} to {what}"
            + (f": {body}" if body else "")
            + "; check the URL and the server's log (nothing was retried)"
        ) from err
    except TimeoutError as err:
        raise QueryError(
            f"{url}: no answer to {what} within {timeout:g} s; the request was abandoned "
            "(narrow the query or allow more time with --timeout SECONDS)"
        ) from err
    except urllib.error.URLError as err:
        reason = err.reason
        if isinstance(reason, TimeoutError):
            raise QueryError(f"{url}: no answer to {what} within {timeout:g} s; allow more time with --timeout") from err
        raise StoreError(
            f"{url}: cannot reach the endpoint ({reason}); check that the server runs and the URL is right "
            "(nothing was retried)"
        ) from err
    except OSError as err:
        raise StoreError(f"{url}: connection failed during {what} ({err}); nothing was retried") from err


def parse_results_json(data: bytes, url: str = "endpoint") -> QueryResult:
    """Parse SPARQL 1.1 Query Results JSON into a :class:`QueryResult`.

    >>> parse_results_json(b'{"head": {"vars": ["n"]}, "results": {"bindings": '
    ...     b'[{"n": {"type": "literal", "value": "2", "datatype": "http://www.w3.org/2001/XMLSchema#integer"}}]}}'
    ...     ).records()
    [{'n': 2}]
    """
    try:
        doc = json.loads(data)
    except ValueError as err:
        raise StoreError(f"{url}: the endpoint's answer is not SPARQL results JSON ({err})") from err
    if not isinstance(doc, dict):
        raise StoreError(f"{url}: the endpoint's answer is not SPARQL results JSON (not an object)")
    if "boolean" in doc:
        return QueryResult((), (), bool(doc["boolean"]))
    try:
        names = tuple(doc["head"]["vars"])
        rows = []
        with rdflib_quiet():
            for binding in doc["results"]["bindings"]:
                rows.append(tuple(_json_term(binding.get(v)) for v in names))
    except (KeyError, TypeError, AttributeError) as err:
        raise StoreError(f"{url}: malformed SPARQL results JSON (missing {err})") from err
    return QueryResult(names, tuple(rows))


def _json_term(cell: dict[str, str] | None) -> Node | None:
    if cell is None:
        return None
    kind, value = cell["type"], cell["value"]
    if kind == "uri":
        return URIRef(value)
    if kind == "bnode":
        return BNode(value)
    if "xml:lang" in cell:
        return Literal(value, lang=cell["xml:lang"])
    datatype = cell.get("datatype")
    if datatype and datatype != _XSD_STRING:
        return Literal(value, datatype=URIRef(datatype), normalize=False)  # as from_oxigraph
    return Literal(value)


def check_http_url(url: str, what: str, example: str) -> str:
    """``url`` if it is an http(s) URL with a host; the message says what it is for.

    Raises:
        StoreError: it is not (``notaurl``, ``ftp://x``, ``http://``).
    """
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise StoreError(f"{url!r}: {what} must be an http(s) URL such as {example}")
    return url


def _endpoint_urls(url: str, graph_store: str | None, update: str | None) -> tuple[str, str]:
    """Graph Store Protocol and update URLs for a query endpoint URL.

    Oxigraph server: ``/query`` -> ``/store``, ``/update``; Fuseki:
    ``/ds/sparql`` or ``/ds/query`` -> ``/ds/data``, ``/ds/update``;
    Virtuoso: ``/sparql`` -> ``/sparql-graph-crud``, ``/sparql``.
    """
    parts = urllib.parse.urlsplit(url)
    path = parts.path.rstrip("/")
    if path == "/query":
        gsp, upd = "/store", "/update"
    elif path.endswith("/query") or (path.endswith("/sparql") and path != "/sparql"):
        base = path.rsplit("/", 1)[0]
        gsp, upd = base + "/data", base + "/update"
    elif path == "/sparql":
        gsp, upd = "/sparql-graph-crud", "/sparql"
    else:
        gsp, upd = path + "/store", path + "/update"

    def make(endpoint_path: str) -> str:
        return urllib.parse.urlunsplit((parts.scheme, parts.netloc, endpoint_path, "", ""))

    return graph_store or make(gsp), update or make(upd)


#: The graph on an endpoint that holds the RDF merge of every kg graph there;
#: queries read it (a union default graph may repeat shared triples).
MERGED_GRAPH = str(merged_graph_iri())


class EndpointStore:
    """A remote SPARQL 1.1 endpoint (query URL, e.g. ``http://host:7878/query``).

    Queries run over the merge of the kg graphs that :func:`push` keeps on
    the endpoint (sent as ``default-graph-uri``), so the server needs no
    union-default-graph setting; a query using ``GRAPH`` also gets the corpus
    graphs as its named graphs (``named-graph-uri``).  Nothing is retried: a
    failure raises at once naming the URL and the HTTP status.
    """

    def __init__(self, url: str, *, graph_store: str | None = None, update: str | None = None) -> None:
        check_http_url(url, "an endpoint", "http://127.0.0.1:7878/query")
        if graph_store is not None:
            check_http_url(graph_store, "a Graph Store Protocol URL", "http://127.0.0.1:7878/store")
        if update is not None:
            check_http_url(update, "an update URL", "http://127.0.0.1:7878/update")
        self.url = url
        self.graph_store, self.update = _endpoint_urls(url, graph_store, update)
        self.label = url
        self._ready = False
        self._named: list[str] | None = None

    def _post(self, url: str, fields: list[tuple[str, str]], timeout: float | None, what: str,
              accept: str = "application/sparql-results+json") -> bytes:
        request = urllib.request.Request(
            url,
            data=urllib.parse.urlencode(fields).encode("utf-8"),
            headers={"Content-Type": "application/x-www-form-urlencoded", "Accept": accept},
            method="POST",
        )
        return _http(request, timeout, what)

    def _select(self, sparql: str, timeout: float | None, graphs: Sequence[str] = (),
                named: Sequence[str] = ()) -> QueryResult:
        fields = ([("query", sparql)] + [("default-graph-uri", g) for g in graphs]
                  + [("named-graph-uri", g) for g in named])
        try:
            data = self._post(self.url, fields, timeout, "a query")
        except EndpointError as err:
            found = _POSITION.search(err.body) if err.status == 400 else None
            if found is None:
                raise
            line, col, detail = (found[1], found[2], found[3]) if found[1] else (found[4], found[5], found[6])
            raise QuerySyntaxError(self.url, int(line), int(col), _short(detail or err.body), sparql) from err
        return parse_results_json(data, self.url)

    def graphs(self, timeout: float | None = DEFAULT_TIMEOUT) -> list[str]:
        """The kg corpus graphs on the endpoint (IRIs under the kg base)."""
        found = self._select(
            "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } "
            f'FILTER(STRSTARTS(STR(?g), "{BASE}") && STRENDS(STR(?g), "/graph") && ?g != <{MERGED_GRAPH}>) }}',
            timeout,
        )
        return sorted(str(row[0]) for row in found.rows)

    def named_graphs(self, timeout: float | None = DEFAULT_TIMEOUT) -> list[str]:
        """The kg corpus graphs on the endpoint, listed once (``GRAPH ?g {}`` reads no triples)."""
        if self._named is None:
            found = self._select(
                "SELECT DISTINCT ?g WHERE { GRAPH ?g { } "
                f'FILTER(STRSTARTS(STR(?g), "{BASE}") && STRENDS(STR(?g), "/graph") && ?g != <{MERGED_GRAPH}>) }}',
                timeout,
            )
            self._named = sorted(str(row[0]) for row in found.rows)
        return self._named

    def run_update(self, update: str, timeout: float | None, what: str) -> None:
        """Send a SPARQL Update (used by :func:`push` only)."""
        self._post(self.update, [("update", update)], timeout, what, accept="*/*")

    def query(self, sparql: str, *, timeout: float | None = DEFAULT_TIMEOUT) -> QueryResult:
        """Run a read-only query on the endpoint over the merged kg graphs.

        Raises:
            QuerySyntaxError: the server reports a syntax error.
            QueryError: an update, a CONSTRUCT or DESCRIBE, a SERVICE call,
                or no answer in time.
            StoreError: the endpoint is unreachable, failed or holds no kg graph.
        """
        form = ensure_read_only(sparql, self.url)
        ensure_local(sparql, self.url)
        if form in ("CONSTRUCT", "DESCRIBE"):
            raise QueryError(f"{self.url}: only SELECT and ASK queries run against an endpoint; use SELECT ?s ?p ?o")
        if not self._ready:
            probe = self._select(f"ASK {{ GRAPH <{MERGED_GRAPH}> {{ ?s ?p ?o }} }}", timeout)
            if not probe.boolean:
                raise StoreError(
                    f"{self.url}: the endpoint holds no kg graph; upload one with `kg push --endpoint {self.url}`"
                )
            self._ready = True
        named = self.named_graphs(timeout) if "GRAPH" in sparql.upper() else []
        result = self._select(sparql, timeout, [MERGED_GRAPH], named)
        columns = star_columns(star_variables(sparql), result.variables)
        if columns is None:
            return result
        return QueryResult(tuple(result.variables[i] for i in columns),
                           tuple(tuple(row[i] for i in columns) for row in result.rows), result.boolean)

    def close(self) -> None:
        """Nothing to release (no connection is kept)."""


def _ntriples(triples: Sequence[tuple[Node, Node, Node]]) -> bytes:
    graph = Graph()
    for triple in triples:
        graph.add(triple)
    return graph.serialize(format="nt", encoding="utf-8")


def push(
    graph: Graph,
    endpoint: EndpointStore,
    *,
    batch_size: int = 50_000,
    timeout: float | None = 300.0,
    progress: Callable[[int, int], None] | None = None,
) -> dict[str, int]:
    """Upload the kg graphs to an endpoint, replacing the graphs it owns.

    Each named graph is uploaded in batches through the Graph Store Protocol
    (``PUT`` the first batch, ``POST`` the rest) into a staging graph.  Then
    one SPARQL Update moves every staging graph over its real graph and
    rebuilds the merged graph queries read, so readers never see half a
    graph.  A failure deletes the staging graphs and raises.

    Returns:
        Triples uploaded per graph IRI.

    Raises:
        StoreError: a request failed (the message names URL and status).
    """
    by_graph: dict[str, list[tuple[Node, Node, Node]]] = {}
    for s, p, o, g in _graph_quads(graph):
        by_graph.setdefault(str(g), []).append((s, p, o))
    total = sum(len(t) for t in by_graph.values())
    sent = 0
    staged: list[str] = []
    try:
        for name, triples in sorted(by_graph.items()):
            triples.sort()
            staging = name + "/staging"
            staged.append(staging)
            gsp = f"{endpoint.graph_store}?{urllib.parse.urlencode({'graph': staging})}"
            for start in range(0, len(triples), batch_size):
                chunk = triples[start:start + batch_size]
                request = urllib.request.Request(
                    gsp, data=_ntriples(chunk), headers={"Content-Type": "application/n-triples"},
                    method="PUT" if start == 0 else "POST",
                )
                _http(request, timeout, f"uploading triples {start + 1}-{start + len(chunk)} of <{name}>")
                sent += len(chunk)
                if progress is not None:
                    progress(sent, total)
        existing = set(endpoint.graphs(timeout)) | set(by_graph)
        steps = [f"MOVE SILENT GRAPH <{name}/staging> TO GRAPH <{name}>" for name in sorted(by_graph)]
        steps.append(f"DROP SILENT GRAPH <{MERGED_GRAPH}>")
        steps += [f"ADD SILENT GRAPH <{name}> TO GRAPH <{MERGED_GRAPH}>" for name in sorted(existing)]
        endpoint.run_update(" ;\n".join(steps), timeout, "replacing the kg graphs")
    except BaseException:
        for staging in staged:
            gsp = f"{endpoint.graph_store}?{urllib.parse.urlencode({'graph': staging})}"
            try:
                _http(urllib.request.Request(gsp, method="DELETE"), 10, "deleting a staging graph")
            except (StoreError, QueryError):
                pass
        raise
    endpoint._ready = False
    endpoint._named = None
    return {name: len(triples) for name, triples in sorted(by_graph.items())}


def load_graph_file(path: str | Path) -> Graph:
    """Read a graph file written by ``kg build`` (format from the suffix).

    A quads file (``.trig``, ``.nq``) gives a dataset of its named graphs; a
    triples file (``.ttl``, ``.nt``, ``.jsonld``) a graph named as ``kg build``
    names its corpus's graph (:func:`triples_graph_name`), so that ``GRAPH``
    finds the same graph in every form of the same corpus.

    Raises:
        StoreError: unknown suffix, or the file cannot be read or parsed.
    """
    path = Path(path)
    form = FORMAT_OF_SUFFIX.get(path.suffix.lower())
    if form is None:
        raise StoreError(f"{path}: unknown graph file type; use {', '.join(SUFFIXES.values())}")
    fmt = GRAPH_FORMATS[form]
    try:
        with rdflib_quiet():
            if fmt in ("trig", "nquads"):
                dataset = Dataset(default_union=True)
                dataset.parse(path, format=fmt)
                return dataset
            # Named after the file first: kg build's default output (out/CORPUS-ID.ttl) needs no copy.
            parsed = Graph(identifier=graph_iri(path.stem))
            parsed.parse(path, format=fmt)
    except KgError:
        raise
    except Exception as err:  # rdflib's parsers raise many kinds (SyntaxError, ValueError, KeyError...)
        raise StoreError(f"{path}: cannot read the graph ({type(err).__name__}: {_short(str(err))}); "
                         "rebuild it with kg build") from err
    name = triples_graph_name(parsed, path)
    if name == parsed.identifier:
        return parsed
    graph = Graph(identifier=name)
    for prefix, namespace in parsed.namespaces():
        graph.bind(prefix, namespace, override=False)
    graph.addN((s, p, o, graph) for s, p, o in parsed)
    return graph


def triples_graph_name(graph: Graph, path: Path) -> URIRef:
    """The name of the graph read from a triples file: its corpus's graph IRI, as ``kg build`` names it.

    The corpus is the one reviewing article (``fabio:ReviewArticle`` at the
    corpus IRI, ``<.../CORPUS>``); a file of several corpora or of none is
    named after the file (``<.../FILE-STEM/graph>``).
    """
    corpora = {
        unquote(str(article)[len(BASE):])
        for article in graph.subjects(RDF.type, FABIO.ReviewArticle)
        if isinstance(article, URIRef) and str(article).startswith(BASE) and "/" not in str(article)[len(BASE):]
    }
    if len(corpora) == 1:
        return graph_iri(corpora.pop())
    return graph_iri(path.stem)
