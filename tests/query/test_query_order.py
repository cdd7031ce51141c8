"""A final ORDER BY is done by kg on the Oxigraph store: the same order as the engines give."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from rdflib import Dataset, Literal, URIRef

from kg.query.library import load_queries
from kg.query.sparql import split_order_by
from kg.query.stores import MemoryStore, OxigraphStore, create_store, sort_solutions

from query_helpers import SYNTHETIC_PARAMS

QUERIES = load_queries()


@pytest.mark.parametrize(("text", "keys"), [
    ("SELECT ?a ?b { ?a ?p ?b } ORDER BY ?a DESC(?b)", (("a", False), ("b", True))),
    ("SELECT ?a (COUNT(?b) AS ?n) { ?a ?p ?b } GROUP BY ?a ORDER BY ASC(?n)", (("n", False),)),
    ("SELECT * { ?a ?p ?b } ORDER BY ?b  # sorted\n", (("b", False),)),
    ("SELECT ?a { { SELECT ?a { ?a ?p ?b } ORDER BY ?b LIMIT 1 } } ORDER BY ?a", (("a", False),)),
])
def test_a_final_order_by_on_projected_variables_is_split_off(text, keys):
    rest, found = split_order_by(text)
    assert found == keys
    assert "ORDER BY" not in rest.split("}")[-1]


@pytest.mark.parametrize("text", [
    "SELECT ?a { ?a ?p ?b } ORDER BY ?a LIMIT 5",        # the engine must sort to cut
    "SELECT ?a { ?a ?p ?b } ORDER BY ?a OFFSET 5",
    "SELECT ?a { ?a ?p ?b } ORDER BY STR(?a)",           # an expression
    "SELECT ?a { ?a ?p ?b } ORDER BY ?b",                # not projected
    "SELECT ?a { { SELECT ?a { ?a ?p ?b } ORDER BY ?a } }",  # inside a sub-select only
    'SELECT ?a { ?a ?p "ORDER BY ?a" }',                 # in a string
    "ASK { ?a ?p ?b }",
])
def test_anything_else_is_left_to_the_engine(text):
    assert split_order_by(text) == (text, ())


def test_values_sort_as_sparql_orders_them():
    """Unbound first, then blank nodes, IRIs, literals; numbers by value, strings by code point."""
    values = [ox.Literal("b"), ox.Literal("10", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")),
              None, ox.NamedNode("urn:x"), ox.Literal("9", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")),
              ox.Literal("B"), ox.BlankNode("n1"), ox.Literal("é")]
    rows = [(v, ox.Literal(str(i))) for i, v in enumerate(values)]
    ordered = [row[0] for row in sort_solutions(rows, [(0, False)])]
    assert ordered == [None, ox.BlankNode("n1"), ox.NamedNode("urn:x"), values[4], values[1],
                       ox.Literal("B"), ox.Literal("b"), ox.Literal("é")]
    descending = [row[0] for row in sort_solutions(rows, [(0, True)])]
    assert descending == ordered[::-1]


def test_mixed_directions_and_ties_keep_the_engine_order():
    one, two = ox.Literal("1", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")), \
        ox.Literal("2", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))
    rows = [(one, ox.Literal("a"), "first"), (two, ox.Literal("b"), "x"), (one, ox.Literal("a"), "second"),
            (two, ox.Literal("a"), "y")]
    assert [r[2] for r in sort_solutions(rows, [(0, True), (1, False)])] == ["y", "x", "first", "second"]


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_named_queries_come_in_the_order_rdflib_gives(stores, name):
    """On every named query the sort-key columns read the same, row by row, in memory and on disk."""
    memory, oxigraph = stores
    query = QUERIES[name]
    text = query.bind({p.name: SYNTHETIC_PARAMS[p.name] for p in query.params})
    _rest, keys = split_order_by(text)
    expected, got = memory.query(text), oxigraph.query(text)
    names = [n for n, _ in keys] or list(expected.variables)
    if not keys and "ORDER BY" not in text:
        pytest.skip(f"{name} has no ORDER BY")
    assert [tuple(r[n] for n in names) for r in got.records()] == \
        [tuple(r[n] for n in names) for r in expected.records()]


def test_a_string_and_a_number_column_sort_like_rdflib(tmp_path):
    """Years as integers and labels with accents and capitals: Python's sort equals rdflib's ORDER BY."""
    ds = Dataset()
    g = ds.graph(URIRef("urn:g"))
    for i, (label, year) in enumerate([("Zeta", 2001), ("alpha", 1999), ("Émile", 2001), ("beta", 10), ("Alpha", 999)]):
        g.add((URIRef(f"urn:w{i}"), URIRef("urn:label"), Literal(label)))
        g.add((URIRef(f"urn:w{i}"), URIRef("urn:year"), Literal(year)))
    folder = create_store(tmp_path / "store", graph=ds)
    text = "SELECT ?l ?y { ?w <urn:label> ?l ; <urn:year> ?y } ORDER BY DESC(?y) ?l"
    disk = OxigraphStore(folder)
    try:
        assert disk.query(text).records() == MemoryStore(ds).query(text).records()
    finally:
        disk.close()


def test_select_star_ordered_by_a_variable_out_of_scope_keeps_every_row(tmp_path):
    ds = Dataset()
    g = ds.graph(URIRef("urn:g"))
    for i in range(3):
        g.add((URIRef(f"urn:w{i}"), URIRef("urn:label"), Literal(f"w{2 - i}")))
    disk = OxigraphStore(create_store(tmp_path / "store", graph=ds))
    try:
        text = "SELECT * { ?w <urn:label> ?l } ORDER BY ?nowhere ?l"
        assert [r["l"] for r in disk.query(text).records()] == ["w0", "w1", "w2"]
    finally:
        disk.close()
