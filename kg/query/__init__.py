"""Answering reviewers' questions: named queries, ad hoc SPARQL, evidence search, stores.

* :mod:`kg.query.library` reads the named queries of ``queries/*.rq``;
* :mod:`kg.query.sparql` binds typed parameters safely (a VALUES block);
* :mod:`kg.query.stores` runs queries in memory (rdflib), on an Oxigraph
  store on disk, or on a remote SPARQL 1.1 endpoint;
* :mod:`kg.query.evidence` ranks claims for a question in the reviewer's words.
"""

from __future__ import annotations

from kg.query.library import NamedQuery, get_query, load_queries
from kg.query.results import QueryResult
from kg.query.stores import EndpointStore, MemoryStore, OxigraphStore, Store, create_store, push

__all__ = [
    "EndpointStore",
    "MemoryStore",
    "NamedQuery",
    "OxigraphStore",
    "QueryResult",
    "Store",
    "create_store",
    "get_query",
    "load_queries",
    "push",
]
