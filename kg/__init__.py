"""kg: a literature-review and citation knowledge graph.

The public API, usable from a notebook::

    import kg
    built = kg.build()                      # the bundled corpus
    kg.stats(built.corpus, built.graph)["works"]
    kg.show(built.graph, view="evidence")   # the evidence map, inline in Jupyter
"""

from __future__ import annotations

# kg.ingest first: the dedup stage reads files with kg.ingest.text.
from kg.ingest import load_corpus  # isort: skip
from kg.build import build_graph
from kg.check import check, stats
from kg.dedup import deduplicate
from kg.errors import CorpusError, InputError, KgError, QueryError
from kg.ingest.references import read_references
from kg.output import serialize, write_atomic
from kg.pipeline import Built, build
from kg.query.evidence import search_evidence
from kg.query.library import get_query, load_queries
from kg.query.stores import MemoryStore, OxigraphStore
from kg.viz import render_html, show, write_html

__all__ = [
    "Built",
    "MemoryStore",
    "OxigraphStore",
    "deduplicate",
    "get_query",
    "load_queries",
    "read_references",
    "render_html",
    "search_evidence",
    "show",
    "write_html",
    "CorpusError",
    "InputError",
    "KgError",
    "QueryError",
    "build",
    "build_graph",
    "check",
    "load_corpus",
    "serialize",
    "stats",
    "write_atomic",
]
