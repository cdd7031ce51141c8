"""Commands ``kg query``, ``kg sparql``, ``kg evidence`` and ``kg push``.

Each takes the graph from one place: ``--store DIR`` (an Oxigraph store made
by ``kg build --store``), ``--endpoint URL`` (a SPARQL 1.1 endpoint), or a
corpus folder or graph file argument (default: the bundled corpus, built in
memory).  Errors of kg become a message on stderr and exit status 1; usage
errors exit 2.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

from kg.clitools import F, reports_errors
from kg.errors import QueryError, StoreError
from kg.query.evidence import render_hits, search_evidence
from kg.query.library import check_ids, get_query, load_queries
from kg.query.results import render, table
from kg.query.sparql import QuerySyntaxError, ensure_read_only
from kg.query.stores import (
    DEFAULT_TIMEOUT,
    EndpointStore,
    MemoryStore,
    OxigraphStore,
    Store,
    check_http_url,
    create_store,
    push,
)
from kg.vocab import SPARQL_PROLOGUE

ENDPOINT_EXAMPLE = "http://127.0.0.1:7878/query"


def http_url_option(*names: str, what: str, example: str, **kwargs: Any) -> Callable[[Any], Any]:
    """A click option for an http(s) URL: anything else is a usage error naming the option."""

    def checked(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
        try:
            return None if value is None else check_http_url(value, what, example)
        except StoreError as err:
            raise click.BadParameter(str(err)) from err

    return click.option(*names, metavar="URL", callback=checked, **kwargs)


def open_store(source: Path | None = None, store: Path | None = None, endpoint: str | None = None) -> Store:
    """The store a command reads: a store folder, an endpoint, or a graph built in memory.

    Args:
        source: a corpus folder or a graph file (``None``: the bundled corpus).
        store: an Oxigraph store folder.
        endpoint: a SPARQL 1.1 query endpoint URL.

    Raises:
        StoreError: the store or endpoint cannot be used.
        CorpusError: the corpus folder is malformed.
    """
    given = [name for name, value in (("a corpus or graph", source), ("--store", store), ("--endpoint", endpoint))
             if value is not None]
    if len(given) > 1:
        raise click.UsageError(f"give only one of {' and '.join(given)}")
    if store is not None:
        return OxigraphStore(store)
    if endpoint is not None:
        return EndpointStore(endpoint)
    if source is not None and source.is_file():
        from kg.query.stores import load_graph_file

        return MemoryStore(load_graph_file(source))
    from kg.pipeline import build

    return MemoryStore(build(source).graph)


#: The longest ``--timeout`` accepted, in seconds: a day.  A longer limit is
#: a typing slip (``1e30``), and ``threading`` cannot wait ``inf`` or ``1e300`` s.
MAX_TIMEOUT = 86400.0


def checked_timeout(ctx: click.Context, param: click.Parameter, value: float) -> float:
    """A ``--timeout`` as given if it is more than 0 and at most :data:`MAX_TIMEOUT` seconds, or 0 (no limit).

    ``click.FloatRange`` would let NaN through (every comparison with it is
    false), and infinity when no maximum is set.

    Raises:
        click.BadParameter: anything else (a usage error, exit 2).
    """
    if value == 0 or 0 < value <= MAX_TIMEOUT:
        return value
    raise click.BadParameter(f"{value:g} is out of range; give more than 0 and at most {MAX_TIMEOUT:g} seconds, "
                             "or 0 for no limit", ctx, param)


@contextmanager
def _opened(source: Path | None, store: Path | None, endpoint: str | None) -> Iterator[Store]:
    opened = open_store(source, store, endpoint)
    try:
        yield opened
    finally:
        opened.close()


def _source_options(func: F) -> F:
    func = click.option("--timeout", type=float, callback=checked_timeout, default=DEFAULT_TIMEOUT, show_default=True,
                        help=f"Stop a query after this many seconds (more than 0 and at most {MAX_TIMEOUT:g}; "
                        "0: no limit).")(func)
    func = http_url_option("--endpoint", what="an endpoint", example=ENDPOINT_EXAMPLE,
                           help="Query this SPARQL 1.1 endpoint (see docs/stores.md).")(func)
    func = click.option("--store", "store_dir", metavar="DIR",
                        type=click.Path(file_okay=False, path_type=Path),
                        help="Query this Oxigraph store (made by kg build --store DIR).")(func)
    return click.argument("source", required=False, type=click.Path(exists=True, path_type=Path))(func)


def _params(values: tuple[str, ...]) -> dict[str, str]:
    params: dict[str, str] = {}
    for item in values:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise click.BadParameter(f"{item!r}: write key=value, e.g. --param year=2000", param_hint="--param")
        if key.strip() in params:
            raise click.BadParameter(f"'{key.strip()}' is given twice", param_hint="--param")
        params[key.strip()] = value
    return params


@click.command("query")
@click.argument("name", required=False)
@_source_options
@click.option("--param", "-p", "params", multiple=True, metavar="KEY=VALUE", help="A query parameter (repeatable).")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True)
@click.option("--list", "list_only", is_flag=True, help="List the named queries and their parameters.")
@reports_errors
def query_command(name: str | None, source: Path | None, store_dir: Path | None, endpoint: str | None,
                  timeout: float, params: tuple[str, ...], fmt: str, list_only: bool) -> None:
    """Run the named query NAME on SOURCE (a corpus folder or graph file).

    `kg query --list` shows every query, what it answers and its parameters.
    """
    if list_only:
        queries = load_queries()
        if fmt == "json":
            click.echo(json.dumps([{"name": q.name, "title": q.title, "answers": q.answers, "example": q.example,
                                    "params": [{"name": p.name, "type": p.type, "example": p.example,
                                                "description": p.description} for p in q.params]}
                                   for q in queries.values()], indent=2, ensure_ascii=False))
            return
        rows = [[q.name, " ".join(f"{p.name}={p.type}" for p in q.params), q.title] for q in queries.values()]
        click.echo(table(rows, ["name", "parameters", "answers"], max_width=90))
        return
    if name is None:
        raise click.UsageError("give a query NAME, or --list to see them")
    named = get_query(name)
    values = _params(params)
    text = named.bind(values)
    with _opened(source, store_dir, endpoint) as opened:
        result = opened.query(text, timeout=timeout or None)
        if not result.rows and result.boolean is None:
            check_ids(opened, named, values, timeout=timeout or None)
    click.echo(render(result, fmt))


def run_sparql(store: Store, text: str, *, where: str = "query", timeout: float | None = DEFAULT_TIMEOUT) -> Any:
    """Run an ad hoc read-only query with kg's prefixes predefined.

    Raises:
        QueryError: an update, a syntax error (line and column as in ``text``)
            or a timeout.
    """
    ensure_read_only(text, where)
    try:
        return store.query(SPARQL_PROLOGUE + text, timeout=timeout)
    except QuerySyntaxError as err:
        raise err.shifted(SPARQL_PROLOGUE.count("\n"), text, f"{where} ({store.label})") from None


@click.command("sparql")
@click.argument("query_or_file")
@_source_options
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True)
@reports_errors
def sparql_command(query_or_file: str, source: Path | None, store_dir: Path | None, endpoint: str | None,
                   timeout: float, fmt: str) -> None:
    """Run an ad hoc SPARQL query (text or a .rq file); updates are refused."""
    path = Path(query_or_file)
    if query_or_file.endswith(".rq") or (len(query_or_file) < 300 and "\n" not in query_or_file and path.is_file()):
        if not path.is_file():
            raise QueryError(f"{query_or_file}: no such query file; give a .rq file or the query text")
        text, where = path.read_text(encoding="utf-8"), str(path)
    else:
        text, where = query_or_file, "query"
    with _opened(source, store_dir, endpoint) as opened:
        result = run_sparql(opened, text, where=where, timeout=timeout or None)
    click.echo(render(result, fmt))


@click.command("evidence")
@click.argument("text")
@_source_options
@click.option("--limit", "-n", type=click.IntRange(min=1), default=5, show_default=True, help="How many claims.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@reports_errors
def evidence_command(text: str, source: Path | None, store_dir: Path | None, endpoint: str | None,
                     timeout: float, limit: int, fmt: str) -> None:
    """The claims that answer TEXT, best first, with quotes and sources.

    Flags say what is missing: single-source, no-source,
    unresolved-citation, duplicate-entries-merged, and source-cited-only-here
    (no other claim in the graph, in any review it holds, cites that source).
    """
    with _opened(source, store_dir, endpoint) as opened:
        hits = search_evidence(opened, text, limit=limit, timeout=timeout or None)
    if fmt == "json":
        click.echo(json.dumps([h.to_json() for h in hits], indent=2, ensure_ascii=False))
    else:
        click.echo(render_hits(hits))


@click.command("push")
@click.argument("source", required=False, type=click.Path(exists=True, path_type=Path))
@http_url_option("--endpoint", what="an endpoint", example=ENDPOINT_EXAMPLE, required=True,
                 help="The SPARQL query endpoint of the server.")
@http_url_option("--graph-store", what="a Graph Store Protocol URL", example="http://127.0.0.1:7878/store",
                 help="Its Graph Store Protocol URL (default: derived, docs/stores.md).")
@http_url_option("--update", "update_url", what="an update URL", example="http://127.0.0.1:7878/update",
                 help="Its SPARQL Update URL (default: derived).")
@click.option("--batch-size", type=click.IntRange(min=1), default=50_000, show_default=True,
              help="Triples per upload request.")
@click.option("--timeout", type=float, callback=checked_timeout, default=300.0, show_default=True,
              help=f"Seconds each request may take (more than 0 and at most {MAX_TIMEOUT:g}; 0: no limit).")
@reports_errors
def push_command(source: Path | None, endpoint: str, graph_store: str | None, update_url: str | None,
                 batch_size: int, timeout: float) -> None:
    """Upload the graph of SOURCE to a SPARQL server, replacing kg's graphs there."""
    store = open_store(source)
    assert isinstance(store, MemoryStore)
    target = EndpointStore(endpoint, graph_store=graph_store, update=update_url)
    done = push(store.graph, target, batch_size=batch_size, timeout=timeout or None)
    for name, count in done.items():
        click.echo(f"pushed {count} triples to <{name}> at {target.graph_store}")


def publish_built(graph: Any, *, store: Path | None = None, endpoint: str | None = None) -> list[str]:
    """What ``kg build --store DIR`` / ``--endpoint URL`` do with a built graph.

    Returns:
        One line per target, for the command to print.
    """
    lines = []
    if store is not None:
        create_store(store, graph=graph)
        lines.append(f"wrote Oxigraph store {store} ({len(graph)} triples)")
    if endpoint is not None:
        target = EndpointStore(endpoint)
        for name, count in push(graph, target).items():
            lines.append(f"pushed {count} triples to <{name}> at {target.graph_store}")
    return lines


COMMANDS = (query_command, sparql_command, evidence_command, push_command)
