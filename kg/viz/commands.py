"""The ``kg viz`` command."""

from __future__ import annotations

from pathlib import Path

import click
from rdflib import Dataset, Graph

from kg.clitools import reports_errors
from kg.errors import InputError
from kg.output import default_output
from kg.pipeline import build
from kg.viz import VIEWS, write_html

_FORMATS = {".trig": "trig", ".ttl": "turtle", ".nt": "nt", ".nq": "nquads", ".jsonld": "json-ld"}
_PAGE_SUFFIXES = (".html", ".htm")
_OUTPUT = "'-o' / '--output'"


def load_graph(source: Path | None) -> tuple[Graph, str]:
    """A graph and a name for it, from a corpus folder, a graph file or the bundled corpus."""
    if source is None or source.is_dir():
        built = build(source)
        return built.graph, built.corpus.id
    fmt = _FORMATS.get(source.suffix.lower())
    if fmt is None:
        raise InputError(f"{source}: not a corpus folder or a graph file ({', '.join(_FORMATS)})")
    dataset = Dataset()
    try:
        dataset.parse(source, format=fmt)
    except Exception as err:  # rdflib raises many parser-specific errors
        raise InputError(f"{source}: cannot read the graph ({err}); give a file written by `kg build`") from err
    graph = Graph()
    for s, p, o, _g in dataset.quads((None, None, None, None)):
        graph.add((s, p, o))
    return graph, source.stem


def check_output(output: Path) -> None:
    """Refuse an output that is not an HTML page.

    ``kg viz g.trig -o g.trig`` once overwrote the graph with its own page;
    no input of kg (a graph file, a corpus file) is an HTML file, so the
    suffix rule keeps every input safe.

    Raises:
        click.BadParameter: a usage error (exit 2) naming ``-o``.
    """
    if output.suffix.lower() not in _PAGE_SUFFIXES:
        raise click.BadParameter(f"{output} is not an HTML file; give a name ending in .html", param_hint=_OUTPUT)


@click.command("viz")
@click.argument("source", required=False, type=click.Path(exists=True, path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="HTML file to write (default: out/NAME[-VIEW].html).")
@click.option("--view", type=click.Choice(VIEWS), default="graph", show_default=True,
              help="graph: everything; focus: one node's neighbourhood; concepts: theory -> support type -> "
                   "outcome map; evidence: support type x outcome matrix.")
@click.option("--focus", help="Claim id, citekey, concept id or author to centre on (implies --view focus).")
@click.option("--depth", type=click.IntRange(1, 10), default=1, show_default=True, help="Links around --focus.")
@reports_errors
def viz(source: Path | None, output: Path | None, view: str, focus: str | None, depth: int) -> None:
    """Write an interactive, offline HTML page of SOURCE (a corpus folder or a graph file).

    The page opens from disk with no network: a legend, a search box, filters,
    a details panel and neighbourhood highlight.
    """
    if focus is not None and not focus.strip():
        raise click.BadParameter("is empty; give a claim id, citekey, concept id or author name",
                                 param_hint="'--focus'")
    if view == "focus" and focus is None:
        raise click.UsageError("--view focus needs --focus ID (a claim id, citekey, concept id or author)")
    if output is not None:
        check_output(output)
    graph, name = load_graph(source)
    if focus:
        view = "focus"
    if output is None:
        output = default_output(f"{name}.html" if view == "graph" else f"{name}-{view}.html")
    write_html(output, graph, view=view, focus=focus, depth=depth)
    click.echo(f"wrote {output}")
