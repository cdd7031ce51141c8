"""Parameters reach SPARQL only as validated, serialised RDF terms."""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import XSD

from kg.errors import QueryError
from kg.query.sparql import bind_values, ensure_read_only, query_form, term_n3, to_term
from kg.query.stores import MemoryStore

HOSTILE = [
    'x" } ; DROP ALL ; SELECT * { "',
    "x' } UNION { ?s ?p ?o } #",
    'line\nbreak """ and \\ backslash',
    "> <urn:evil> ",
]


@pytest.mark.parametrize("value", HOSTILE, ids=["dquote", "squote", "newline", "iri-ish"])
def test_hostile_text_stays_one_literal(value):
    """A parameter holding SPARQL syntax binds as a literal and matches only itself."""
    graph = Graph()
    graph.add((URIRef("urn:a"), URIRef("urn:name"), Literal(value)))
    graph.add((URIRef("urn:b"), URIRef("urn:name"), Literal("other")))
    text = bind_values("SELECT ?s WHERE { ?s <urn:name> ?name }", {"name": to_term("string", value)})
    result = MemoryStore(graph).query(text)
    assert [str(r[0]) for r in result.rows] == ["urn:a"]
    assert len(graph) == 2


def test_values_block_opens_the_where_group():
    """The VALUES block goes into the first group, not into comments, strings or IRIs before it."""
    text = 'PREFIX x: <urn:x#>\n# a { comment\nSELECT ?s ("{" AS ?b) WHERE { ?s ?p ?o }'
    bound = bind_values(text, {"o": Literal(3)})
    assert bound.endswith('WHERE { VALUES (?o) { ("3"^^<http://www.w3.org/2001/XMLSchema#integer>) }\n ?s ?p ?o }')


@pytest.mark.parametrize(
    ("kind", "value", "expected"),
    [
        ("year", "2000", Literal("2000", datatype=XSD.gYear)),
        ("integer", "42", Literal(42)),
        ("id", "C01", Literal("C01")),
        ("iri", "kg:Claim", URIRef("https://w3id.org/kg/vocab#Claim")),
        ("iri", "<http://example.org/x>", URIRef("http://example.org/x")),
    ],
    ids=["year", "integer", "id", "prefixed-iri", "bracketed-iri"],
)
def test_typed_values_become_terms(kind, value, expected):
    """Each parameter type turns a valid value into the right RDF term."""
    assert to_term(kind, value) == expected


@pytest.mark.parametrize(
    ("kind", "value"),
    [("year", "20x0"), ("year", "99"), ("integer", "4.5"), ("id", "C 01"), ("iri", "not an iri"),
     ("iri", "http://x/<y>")],
    ids=["year-letters", "year-short", "integer-decimal", "id-space", "iri-space", "iri-brackets"],
)
def test_mistyped_values_are_refused(kind, value):
    """A value that does not fit its type raises ValueError naming the expectation."""
    with pytest.raises(ValueError, match="expected"):
        to_term(kind, value)


def test_term_serialisation_is_single_line_and_escaped():
    """Quotes, backslashes and line breaks are escaped inside one short string."""
    assert term_n3(Literal('a"b\\c\nd')) == '"a\\"b\\\\c\\nd"'
    assert term_n3(Literal("hi", lang="en")) == '"hi"@en'


@pytest.mark.parametrize(
    ("text", "form"),
    [("PREFIX a: <urn:a#>\nselect * { ?s ?p ?o }", "SELECT"), ("ASK {}", "ASK"),
     ("# SELECT in a comment\nINSERT DATA { <urn:a> <urn:b> 1 }", "INSERT"),
     ('BASE <urn:x> CONSTRUCT { ?s ?p "SELECT" } WHERE { ?s ?p ?o }', "CONSTRUCT")],
    ids=["select", "ask", "insert-after-comment", "construct-after-base"],
)
def test_query_form_skips_prologue_and_comments(text, form):
    """The form is the first keyword after PREFIX/BASE lines and comments."""
    assert query_form(text) == form


@pytest.mark.parametrize("update", ["DELETE WHERE { ?s ?p ?o }", "DROP ALL", "LOAD <urn:x>",
                                    "PREFIX a: <urn:a#> CLEAR DEFAULT"], ids=["delete", "drop", "load", "clear"])
def test_updates_are_refused(update):
    """Every SPARQL update form is refused with a message saying kg only reads."""
    with pytest.raises(QueryError, match="updates are refused"):
        ensure_read_only(update)
