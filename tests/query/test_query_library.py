"""The named query library: documented headers, lookup and parameter checks."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.errors import QueryError
from kg.query.library import get_query, load_queries, parse_named_query

QUERIES = load_queries()
REQUIRED = [
    "evidence-for-claim", "claims-by-outcome", "claims-by-support-type", "claims-by-theory",
    "support-outcome-matrix", "sources-for-theory", "single-source-claims", "claims-without-source",
    "uncited-references", "unresolved-citations", "duplicate-clusters", "co-cited-works",
    "works-by-author", "works-by-year",
]


def test_library_has_every_required_query():
    """At least the twelve-plus questions of the issue have a named query."""
    assert len(QUERIES) >= 12
    assert set(REQUIRED) <= set(QUERIES)


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_header_documents_the_query(name):
    """Each header has a title, what it answers, an example command and an example result."""
    query = QUERIES[name]
    assert query.title and query.answers and query.result
    assert query.example.startswith(f"kg query {name}")
    for param in query.params:
        assert f"{param.name}=" in query.example
        assert param.example and param.description


def test_unknown_query_suggests_the_nearest():
    """A misspelt name names the closest query."""
    with pytest.raises(QueryError, match="did you mean 'works-by-year'"):
        get_query("works-by-yaer")


def test_missing_parameter_names_it_with_an_example():
    """Forgetting a parameter says which one and how to give it."""
    with pytest.raises(QueryError, match=r"missing parameter 'year'.*--param year=2000"):
        QUERIES["works-by-year"].bind({})


def test_unknown_parameter_suggests_the_declared_one():
    """A misspelt parameter name is refused with a suggestion."""
    with pytest.raises(QueryError, match="unknown parameter 'yeer' \\(did you mean 'year'\\?\\)"):
        QUERIES["works-by-year"].bind({"year": "2000", "yeer": "2001"})


def test_mistyped_parameter_says_what_was_expected():
    """A value of the wrong type is refused before any query runs."""
    with pytest.raises(QueryError, match="parameter 'year' expected a four-digit year, got 'twenty'"):
        QUERIES["works-by-year"].bind({"year": "twenty"})


def test_header_with_a_bad_parameter_line_is_refused():
    """A malformed Param line names file and line."""
    text = "# T.\n# Answers: x\n# Param: year (date) e.g. 2000 -- y\n# Example: kg query t\n# Result:\n#  r\nSELECT * { ?s ?p ?year }"
    with pytest.raises(QueryError, match="t.rq:3: bad parameter line"):
        parse_named_query(text, "t", "t.rq")


def test_declared_parameter_must_appear_in_the_query(tmp_path: Path):
    """A parameter whose variable the query never uses is an error."""
    text = "# T.\n# Answers: x\n# Param: year (year) e.g. 2000 -- y\n# Example: kg query t\n# Result:\n#  r\nSELECT * { ?s ?p ?o }"
    with pytest.raises(QueryError, match="declared but \\?year is not in the query"):
        parse_named_query(text, "t")


def test_library_queries_are_read_only():
    """No named query is an update."""
    text = "# T.\n# Answers: x\n# Example: kg query t\n# Result:\n#  r\nDELETE WHERE { ?s ?p ?o }"
    with pytest.raises(QueryError, match="updates are refused"):
        parse_named_query(text, "t")
