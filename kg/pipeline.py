"""The pipeline: corpus folder -> Corpus -> RDF graph, in one call."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph

from kg.build import build_graph
from kg.ingest import load_corpus
from kg.model import Corpus


@dataclass(frozen=True, slots=True)
class Built:
    """A corpus and the graph built from it."""

    corpus: Corpus
    graph: Graph


def build(corpus_dir: str | Path | None = None) -> Built:
    """Read a corpus folder (``None``: the bundled one) and build its graph.

    Examples:
        >>> built = build()
        >>> len(built.corpus.works)
        21
    """
    corpus = load_corpus(corpus_dir)
    return Built(corpus, build_graph(corpus))
