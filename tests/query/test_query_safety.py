"""Ad hoc queries that must fail loudly or answer the same everywhere: federated SERVICE calls,
regular expressions the engine cannot compile, GRAPH over memory, graph files and stores, ill-typed literals."""

from __future__ import annotations

import logging
import re

import pytest

from kg.errors import QueryError
from kg.output import serialize, write_atomic
from kg.query.stores import MemoryStore, OxigraphStore, create_store, load_graph_file

GRAPHS = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g"


@pytest.mark.parametrize("which", [0, 1], ids=["memory", "oxigraph"])
def test_service_call_is_refused(stores, which):
    """SERVICE would send the query to another server: refused, naming the service; nothing is sent."""
    with pytest.raises(QueryError, match=r"SERVICE <http://127\.0\.0\.1:9/sparql> is refused.*drop the SERVICE"):
        stores[which].query("SELECT * { ?s ?p ?o SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?x } } LIMIT 1")
    with pytest.raises(QueryError, match="SERVICE .* is refused"):
        stores[which].query("SELECT * { FILTER EXISTS { SERVICE SILENT ?where { ?s ?p ?o } } }")


@pytest.mark.parametrize("which", [0, 1], ids=["memory", "oxigraph"])
def test_the_word_service_in_a_literal_is_no_call(stores, which):
    assert stores[which].query("ASK { FILTER(CONTAINS('SERVICE <x>', 'SERVICE')) }").boolean is True


@pytest.mark.parametrize("which", [0, 1], ids=["memory", "oxigraph"])
def test_bad_regular_expression_is_an_error_not_an_empty_answer(stores, which):
    """An unclosed group would make every FILTER row an error (no rows, no word): the pattern is named."""
    with pytest.raises(QueryError, match=r"bad regular expression '\(unclosed' in REGEX.*fix the pattern"):
        stores[which].query('SELECT ?t { ?w <http://purl.org/dc/terms/title> ?t FILTER(REGEX(?t, "(unclosed")) }')
    with pytest.raises(QueryError, match=r"bad regular expression '\[' in REPLACE"):
        stores[which].query('SELECT (REPLACE("a", "[", "b") AS ?x) {}')
    good = stores[which].query('SELECT (COUNT(*) AS ?n) { ?w <http://purl.org/dc/terms/title> ?t '
                               'FILTER(REGEX(?t, "\\\\(|a", "i")) }')
    assert int(good.rows[0][0]) > 0


def test_graph_reads_each_corpus_the_same_in_memory_files_and_a_store(synthetic_dataset, tmp_path):
    """GRAPH ?g finds the corpus graphs, with the same triples, in memory, in a TriG file, in a store;
    a Turtle file of one corpus is named as that corpus's graph, as kg build names it."""
    expected = MemoryStore(synthetic_dataset).query(GRAPHS).rows
    assert len(expected) == 3
    trig = tmp_path / "all.trig"
    trig.write_bytes(synthetic_dataset.serialize(format="trig", encoding="utf-8"))
    assert MemoryStore(load_graph_file(trig)).query(GRAPHS).rows == expected
    store = OxigraphStore(create_store(tmp_path / "store", rdf_file=trig))
    try:
        assert store.query(GRAPHS).rows == expected
        assert len(store) == len(MemoryStore(synthetic_dataset).query("SELECT * { ?s ?p ?o }").rows)
    finally:
        store.close()
    name = expected[0][0]
    one = tmp_path / "one.ttl"
    write_atomic(one, serialize(synthetic_dataset.graph(name), "ttl"))
    assert MemoryStore(load_graph_file(one)).query(GRAPHS).rows == (expected[0],)
    spaced = tmp_path / "my review.nt"  # no corpus in it: named after the file, as an IRI (quoted)
    spaced.write_text("<http://example.org/s> <http://example.org/p> <http://example.org/o> .\n", encoding="utf-8")
    ((name, _count),) = MemoryStore(load_graph_file(spaced)).query(GRAPHS).rows
    assert str(name).endswith("/my%20review/graph")


def test_ill_typed_literal_is_shown_by_its_text_without_a_logged_traceback(stores, caplog):
    """STRDT("x", xsd:integer) is a legal term: both engines show its text; rdflib logs nothing."""
    query = 'SELECT (STRDT("x", <http://www.w3.org/2001/XMLSchema#integer>) AS ?x) {}'
    with caplog.at_level(logging.WARNING):
        answers = [str(store.query(query).rows[0][0]) for store in stores]
    assert answers == ["x", "x"]
    assert not [r for r in caplog.records if "Failed to convert" in r.getMessage()]


@pytest.mark.parametrize("which", [0, 1], ids=["memory", "oxigraph"])
def test_a_letter_that_is_no_regex_flag_is_an_error(stores, which):
    with pytest.raises(QueryError, match=r"flags 'iz' in REGEX: 'z' is not a flag; use only s, m, i, x, q"):
        stores[which].query('SELECT * { ?s ?p ?t FILTER(REGEX(?t, "support", "iz")) }')


def test_memory_says_what_rdflib_cannot_run_and_the_store_runs_it(stores):
    """rdflib ignores the x and q flags and runs patterns with Python's re: rather than answer otherwise
    than the standard (and the store) does, the in-memory engine says so and points to a store."""
    memory, store = stores
    title = "?w <http://purl.org/dc/terms/title> ?t"
    for pattern, flags, said in (("peer support", "ix", "ignores the flag(s) x"),
                                 ("(", "q", "ignores the flag(s) q"),
                                 ("^\\\\p{Lu}", "", "Python's re, which cannot compile it")):
        query = f'SELECT (COUNT(*) AS ?n) {{ {title} FILTER(REGEX(?t, "{pattern}", "{flags}")) }}'
        with pytest.raises(QueryError, match=re.escape(said) + ".*query an Oxigraph store"):
            memory.query(query)
        assert int(store.query(query).rows[0][0]) >= 0
    spaced = f'SELECT (COUNT(*) AS ?n) {{ {title} FILTER(REGEX(?t, "peer support", "ix")) }}'
    plain = f'SELECT (COUNT(*) AS ?n) {{ {title} FILTER(REGEX(?t, "peersupport", "i")) }}'
    assert store.query(spaced).rows == store.query(plain).rows  # x: the pattern's spaces are not matched
    assert int(store.query(spaced.replace('"ix"', '"i"')).rows[0][0]) > 0  # which rdflib would have matched
