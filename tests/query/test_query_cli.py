"""The commands kg query, kg sparql, kg evidence and kg push, through click's runner."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from kg.cli import main
from kg.output import serialize


@pytest.fixture(scope="module")
def graph_file(synthetic_dataset, tmp_path_factory) -> Path:
    """The synthetic dataset as a TriG file, the way kg build writes graphs."""
    from rdflib import Dataset

    path = tmp_path_factory.mktemp("graph") / "synthetic.trig"
    merged = Dataset()
    for graph in synthetic_dataset.graphs():
        named = merged.graph(graph.identifier)
        for triple in graph:
            named.add(triple)
    path.write_bytes(merged.serialize(format="trig", encoding="utf-8"))
    return path


def test_list_shows_every_query_with_parameters(runner):
    """kg query --list names each query and its typed parameters."""
    result = runner.invoke(main, ["query", "--list"])
    assert result.exit_code == 0, result.output
    assert "works-by-year" in result.stdout and "year=year" in result.stdout
    listed = json.loads(runner.invoke(main, ["query", "--list", "--format", "json"]).stdout)
    assert {q["name"] for q in listed} >= {"evidence-for-claim", "uncited-references"}


def test_query_json_and_csv_agree(runner, graph_file):
    """The same query renders as JSON records and as CSV rows with a header."""
    args = ["query", "claims-by-outcome", str(graph_file), "--param", "outcome=distress"]
    as_json = json.loads(runner.invoke(main, args + ["--format", "json"]).stdout)
    as_csv = list(csv.DictReader(io.StringIO(runner.invoke(main, args + ["--format", "csv"]).stdout)))
    assert as_json and len(as_json) == len(as_csv)
    assert [r["claim"] for r in as_json] == [r["claim"] for r in as_csv]
    assert all(isinstance(r["sources"], int) for r in as_json)


def test_unknown_query_exits_1_with_suggestion(runner):
    """A misspelt query name fails with status 1 and the nearest name on stderr."""
    result = runner.invoke(main, ["query", "uncited-refs"])
    assert result.exit_code == 1
    assert "did you mean 'uncited-references'" in result.stderr
    assert result.stdout == ""


def test_an_id_naming_nothing_exits_1_with_the_nearest_ids(runner, graph_file):
    """A mistyped claim or concept id is an error, not an empty answer, and so is an id of another kind."""
    result = runner.invoke(main, ["query", "claims-by-outcome", str(graph_file), "--param", "outcome=distres"])
    assert result.exit_code == 1 and result.stdout == ""
    assert "parameter 'outcome' is 'distres'" in result.stderr and "did you mean 'distress'" in result.stderr
    # "distress" is a known id, but of an outcome, not a claim: an error naming its kind and claim ids.
    result = runner.invoke(main, ["query", "evidence-for-claim", str(graph_file), "--param", "claim=distress"])
    assert result.exit_code == 1 and result.stdout == ""
    assert "'distress' is the id of an outcome" in result.stderr and "the nearest claim ids: 'C" in result.stderr


def test_param_without_equals_is_a_usage_error(runner):
    """--param must be key=value (usage error, status 2)."""
    result = runner.invoke(main, ["query", "works-by-year", "--param", "2000"])
    assert result.exit_code == 2
    assert "write key=value" in result.stderr


def test_store_and_endpoint_together_is_a_usage_error(runner, tmp_path):
    """Only one graph source may be given."""
    result = runner.invoke(main, ["query", "concepts", "--store", str(tmp_path), "--endpoint", "http://127.0.0.1:1/q"])
    assert result.exit_code == 2
    assert "give only one of" in result.stderr


def test_sparql_reads_a_query_file(runner, graph_file, tmp_path):
    """kg sparql runs a .rq file with kg's prefixes predefined."""
    query = tmp_path / "count.rq"
    query.write_text("SELECT (COUNT(?c) AS ?n) WHERE { ?c a kg:Claim }\n")
    result = runner.invoke(main, ["sparql", str(query), str(graph_file), "--format", "json"])
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout) == [{"n": 60}]


def test_sparql_syntax_error_shows_line_and_column_of_the_file(runner, graph_file, tmp_path):
    """A syntax error points at the line of the user's file, not of the prepared query."""
    query = tmp_path / "broken.rq"
    query.write_text("SELECT ?c\nWHERE {\n  ?c a kg:Claim .\n  FILTER(?c = )\n}\n")
    result = runner.invoke(main, ["sparql", str(query), str(graph_file)])
    assert result.exit_code == 1
    assert "broken.rq" in result.stderr and "line 4" in result.stderr


def test_sparql_refuses_updates(runner, graph_file):
    """kg sparql never changes the graph."""
    result = runner.invoke(main, ["sparql", "DELETE WHERE { ?s ?p ?o }", str(graph_file)])
    assert result.exit_code == 1
    assert "updates are refused" in result.stderr


def test_sparql_timeout_is_a_clear_error(runner, graph_file):
    """A query over --timeout stops with a message saying how to allow more time."""
    result = runner.invoke(main, ["sparql", "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }",
                                  str(graph_file), "--timeout", "0.5"])
    assert result.exit_code == 1
    assert "longer than 0.5 s and was stopped" in result.stderr and "--timeout" in result.stderr


def test_evidence_json_is_ranked_hits(runner, graph_file):
    """kg evidence --format json gives hits best first, each with a score and sources."""
    result = runner.invoke(main, ["evidence", "peer support distress", str(graph_file), "--format", "json",
                                  "--limit", "3"])
    assert result.exit_code == 0, result.stderr
    hits = json.loads(result.stdout)
    assert len(hits) == 3
    assert [h["score"] for h in hits] == sorted((h["score"] for h in hits), reverse=True)
    for hit in hits:
        assert {"claim", "statement", "quote", "section", "stance", "theories", "support_types", "outcomes",
                "sources", "flags", "score"} <= set(hit)
        assert hit["source_count"] == len(hit["sources"])


def test_evidence_of_stop_words_only_is_refused(runner, graph_file):
    """A question with nothing to search for says so."""
    result = runner.invoke(main, ["evidence", "what does the", str(graph_file)])
    assert result.exit_code == 1
    assert "nothing to search for" in result.stderr
    empty = runner.invoke(main, ["evidence", "  ", str(graph_file)])
    assert empty.exit_code == 1 and "the text is empty" in empty.stderr


def test_store_option_queries_an_oxigraph_store(runner, synthetic_dataset, tmp_path, graph_file):
    """A store folder answers kg query and kg evidence like the graph file does."""
    from kg.query.stores import create_store

    folder = create_store(tmp_path / "store", graph=synthetic_dataset)
    args = ["query", "uncited-references", "--format", "json"]
    from_store = json.loads(runner.invoke(main, args + ["--store", str(folder)]).stdout)
    from_file = json.loads(runner.invoke(main, args + [str(graph_file)]).stdout)
    assert from_store == from_file
    hits = runner.invoke(main, ["evidence", "peer support", "--store", str(folder), "--format", "json"])
    assert hits.exit_code == 0 and json.loads(hits.stdout)


def test_store_that_is_not_one_exits_1(runner, tmp_path):
    """--store on an ordinary folder fails with a message, not a traceback."""
    result = runner.invoke(main, ["query", "concepts", "--store", str(tmp_path)])
    assert result.exit_code == 1
    assert "not a kg store" in result.stderr


@pytest.mark.server
def test_push_then_query_the_endpoint(runner, graph_file, oxigraph_server):
    """kg push uploads a graph file; kg query --endpoint then answers from the server."""
    pushed = runner.invoke(main, ["push", str(graph_file), "--endpoint", oxigraph_server, "--batch-size", "3000"])
    assert pushed.exit_code == 0, pushed.stderr
    assert pushed.stdout.count("pushed ") == 3
    remote = runner.invoke(main, ["query", "duplicate-clusters", "--endpoint", oxigraph_server, "--format", "json"])
    local = runner.invoke(main, ["query", "duplicate-clusters", str(graph_file), "--format", "json"])
    assert json.loads(remote.stdout) == json.loads(local.stdout)


@pytest.mark.parametrize(
    ("args", "option"),
    [
        (["push", "--endpoint", "http://127.0.0.1:9/query", "--graph-store", "notaurl"], "--graph-store"),
        (["push", "--endpoint", "http://127.0.0.1:9/query", "--update", "ftp://127.0.0.1/update"], "--update"),
        (["push", "--endpoint", "notaurl"], "--endpoint"),
        (["query", "claims-by-theory", "--endpoint", "http://"], "--endpoint"),
        (["build", "--endpoint", "file:///tmp/x"], "--endpoint"),
    ],
    ids=["graph-store", "update", "push-endpoint", "query-endpoint", "build-endpoint"],
)
def test_a_url_option_that_is_no_http_url_is_a_usage_error(runner, args, option):
    """Every URL option takes only an http(s) URL with a host: anything else is a usage error naming the option
    (--graph-store once ended in a ValueError traceback), and nothing is contacted or written."""
    result = runner.invoke(main, args)
    assert result.exit_code == 2, result.output
    assert f"Invalid value for '{option}'" in result.stderr and "must be an http(s) URL" in result.stderr
