"""kg: a literature-review and citation knowledge graph.

The public API, usable from a notebook::

    import kg
    built = kg.build()                      # the bundled corpus
    kg.stats(built.corpus, built.graph)["works"]
"""

from __future__ import annotations

from kg.build import build_graph
from kg.check import check, stats
from kg.errors import CorpusError, InputError, KgError, QueryError
from kg.ingest import load_corpus
from kg.output import serialize, write_atomic
from kg.pipeline import Built, build

__all__ = [
    "Built",
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
