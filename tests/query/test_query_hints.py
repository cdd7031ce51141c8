"""Lines marked #@hash: hash-joined on Oxigraph, the same solutions, plain comments elsewhere."""

from __future__ import annotations

import pytest

from kg.errors import QueryError
from kg.query.library import load_queries
from kg.query.sparql import HASH_HINT, hash_join_hints, lateral_optionals


def test_a_triples_block_becomes_one_subselect_per_triple():
    text = "SELECT * WHERE {\n  ?c a kg:Claim .\n  ?w kg:label ?l ; kg:formatted \"x;y\" .  #@hash\n}"
    assert hash_join_hints(text).splitlines()[2] == (
        '  { SELECT * WHERE { ?w kg:label ?l } } { SELECT * WHERE { ?w kg:formatted "x;y" } }'
    )


def test_an_optional_triple_becomes_an_optional_subselect_that_stays_a_left_join():
    text = "SELECT * WHERE {\n  ?c cito:cites ?w\n  OPTIONAL { ?w dcterms:issued ?y }  #@hash\n}"
    rewritten = hash_join_hints(text)
    assert rewritten.splitlines()[2] == "  OPTIONAL { SELECT * WHERE { ?w dcterms:issued ?y } }"
    assert lateral_optionals(rewritten) == rewritten  # evaluated once, not per solution


def test_unmarked_lines_and_a_mark_inside_a_string_are_left_alone():
    text = 'SELECT * WHERE {\n  ?w kg:label "#@hash" .\n  ?w kg:year ?y .  # not a mark\n}'
    assert hash_join_hints(text) == text


@pytest.mark.parametrize("line", [
    "?c kg:annotation/oa:hasTarget ?t .",        # a path
    "?c kg:statement ?s . ?w kg:label ?l .",      # two subjects
    "?c kg:cites [ kg:label ?l ] .",              # a blank node
    "OPTIONAL { ?c kg:cites ?w . ?w kg:label ?l }",  # two triples in an OPTIONAL
    "FILTER(?x > 1)",
])
def test_a_mark_on_anything_but_a_simple_triples_block_is_refused(line):
    with pytest.raises(QueryError, match="#@hash"):
        hash_join_hints(f"SELECT * WHERE {{\n  {line}  {HASH_HINT}\n}}")


def test_every_marked_named_query_rewrites():
    """A bad mark in a named query fails here, not at a user's first run on a store."""
    marked = {name: q for name, q in load_queries().items() if HASH_HINT in q.text}
    assert marked  # the library uses the mark
    for query in marked.values():
        rewritten = hash_join_hints(query.text).splitlines()
        assert not any(line.rstrip().endswith(HASH_HINT) for line in rewritten)
        assert sum("SELECT * WHERE" in line for line in rewritten) > 0
