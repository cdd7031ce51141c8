"""Viz: interactive, offline HTML pages of a kg graph.

>>> from kg.pipeline import build
>>> page = render_html(build().graph, view="evidence")
>>> "<script type=\\"application/json\\" id=\\"kg-data\\">" in page
True
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph
from rdflib.namespace import DCTERMS, RDF

from kg.output import write_atomic
from kg.viz.page import page_data, render_page
from kg.viz.views import VIEWS, ViewError, concept_map, evidence_map, focus_graph, whole_graph
from kg.vocab import FABIO

__all__ = ["VIEWS", "NotebookPage", "ViewError", "render_html", "show", "write_html"]

_TITLES = {
    "graph": "Knowledge graph",
    "focus": "Neighbourhood of {focus}",
    "concepts": "Theories, support types and outcomes",
    "evidence": "Evidence map: support types x outcomes",
}


def _article_title(graph: Graph) -> str:
    for article in sorted(graph.subjects(RDF.type, FABIO.ReviewArticle), key=str):
        title = graph.value(article, DCTERMS.title)
        if title:
            return str(title)
    return ""


def render_html(graph: Graph, view: str = "graph", focus: str | None = None, depth: int = 1,
                title: str | None = None) -> str:
    """Render one view of a graph as a self-contained HTML page.

    Args:
        graph: a kg RDF graph (from :func:`kg.build_graph` or a graph file).
        view: ``graph``, ``focus``, ``concepts`` or ``evidence``.
        focus: the node of a ``focus`` view (claim id, citekey, concept id, author).
        depth: how many links deep the ``focus`` view reaches.
        title: the page title (default: the view's name and the article title).

    Raises:
        ViewError: unknown view, an empty focus, a focus that matches nothing
            (with suggestions) or several nodes (listed).
    """
    if view not in VIEWS:
        raise ViewError(f"unknown view '{view}'; use one of {', '.join(VIEWS)}")
    if focus is not None and not focus.strip():
        # Not read as "no focus": with --view focus it is an error, so it is one without it too.
        raise ViewError("--focus is empty; give a claim id, citekey, concept id or author name")
    whole = whole_graph(graph)
    if view == "focus" or focus:
        if not focus:
            raise ViewError("the focus view needs --focus ID (a claim id, citekey, concept id or author)")
        shown, view = focus_graph(whole, focus, depth), "focus"
    elif view == "concepts":
        shown = concept_map(whole)
    else:
        shown = whole
    heading = _TITLES[view].format(focus=focus)
    article = _article_title(graph)
    page_title = title or (f"{heading} — {article}" if article else heading)
    evidence = evidence_map(whole) if view == "evidence" else None
    return render_page(page_data(shown, view, page_title, evidence, whole))


def write_html(path: str | Path, graph: Graph, **options: object) -> Path:
    """Render a view (see :func:`render_html`) and write it atomically."""
    return write_atomic(path, render_html(graph, **options))  # type: ignore[arg-type]


@dataclass(frozen=True, slots=True)
class NotebookPage:
    """A rendered page that Jupyter shows inline (an ``<iframe srcdoc>``).

    The page runs in its own frame, so its script and styles do not touch the
    notebook, and it needs no server and no network.
    """

    page: str
    height: int = 720

    def _repr_html_(self) -> str:
        return (
            f'<iframe srcdoc="{html.escape(self.page, quote=True)}" '
            f'style="width:100%;height:{self.height}px;border:1px solid #ddd" '
            'sandbox="allow-scripts"></iframe>'
        )


def show(graph: Graph, height: int = 720, **options: object) -> NotebookPage:
    """Render a view for a Jupyter notebook: ``kg.viz.show(built.graph, view="evidence")``."""
    return NotebookPage(render_html(graph, **options), height)  # type: ignore[arg-type]
