"""A real Oxigraph server on 127.0.0.1: push through the Graph Store Protocol, query over HTTP."""

from __future__ import annotations

import socket
import urllib.request

import pytest

from kg.errors import QueryError, StoreError
from kg.query.evidence import search_evidence
from kg.query.library import load_queries
from kg.query.stores import MERGED_GRAPH, EndpointStore, MemoryStore, push
from query_helpers import SYNTHETIC_PARAMS

pytestmark = pytest.mark.server

QUERIES = load_queries()


@pytest.fixture(scope="module")
def pushed(oxigraph_server, synthetic_dataset):
    """The synthetic dataset pushed to the server in small batches."""
    endpoint = EndpointStore(oxigraph_server)
    done = push(synthetic_dataset, endpoint, batch_size=2000)
    return endpoint, done


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_endpoint_answers_like_memory(pushed, synthetic_dataset, name):
    """Every named query gives the same rows over HTTP as in memory."""
    endpoint, _done = pushed
    query = QUERIES[name]
    text = query.bind({p.name: SYNTHETIC_PARAMS[p.name] for p in query.params})
    assert endpoint.query(text).canonical() == MemoryStore(synthetic_dataset).query(text).canonical()


def test_push_uploads_every_graph_and_the_merge(pushed, synthetic_dataset):
    """Each corpus graph arrives whole, and queries read their merge."""
    endpoint, done = pushed
    assert sorted(done) == sorted(str(g.identifier) for g in synthetic_dataset.graphs() if len(g))
    assert sum(done.values()) == sum(len(g) for g in synthetic_dataset.graphs())
    counted = endpoint._select(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{MERGED_GRAPH}> {{ ?s ?p ?o }} }}", 30)
    assert counted.records()[0]["n"] == len(set(synthetic_dataset.triples((None, None, None))))


def test_push_twice_replaces_instead_of_adding(pushed, synthetic_dataset):
    """A second push leaves the same triples, and no staging graph behind."""
    endpoint, done = pushed
    push(synthetic_dataset, endpoint, batch_size=5000)
    graphs = endpoint._select("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g", 30)
    sizes = {row["g"]: row["n"] for row in graphs.records()}
    assert not [g for g in sizes if g.endswith("/staging")]
    for name, count in done.items():
        assert sizes[name] == count


def test_evidence_over_http_matches_memory(pushed, synthetic_dataset):
    """The evidence search ranks the same claims against the endpoint as in memory."""
    endpoint, _done = pushed
    question = "does peer support reduce distress?"
    remote = search_evidence(endpoint, question, limit=5)
    local = search_evidence(MemoryStore(synthetic_dataset), question, limit=5)
    assert [h.to_json() for h in remote] == [h.to_json() for h in local]


def test_syntax_error_from_the_server_names_line_and_column(pushed):
    """A query the server cannot parse is reported with its position, not as a bare HTTP error."""
    endpoint, _done = pushed
    with pytest.raises(QueryError, match=r"line 2, column \d+"):
        endpoint.query("SELECT ?s\nWHERE { ?s ?p }")


def test_unreachable_endpoint_names_the_url(tmp_path):
    """A port where nothing listens gives a clear message naming the URL."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    url = f"http://127.0.0.1:{port}/query"
    with pytest.raises(StoreError, match=rf"{url}: cannot reach the endpoint .*nothing was retried"):
        EndpointStore(url).query("ASK {}")


def test_error_status_names_url_and_status(oxigraph_server):
    """An endpoint answering an HTTP error is reported with URL and status."""
    wrong = oxigraph_server.replace("/query", "/no-such-service")
    with pytest.raises(StoreError, match=r"/no-such-service: the endpoint answered 404"):
        EndpointStore(wrong).query("ASK {}")


def test_empty_endpoint_says_to_push(tmp_path_factory):
    """An endpoint without kg graphs asks for kg push."""
    import shutil
    import subprocess
    import time

    exe = shutil.which("oxigraph")
    if exe is None:
        pytest.skip("no oxigraph server")
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    process = subprocess.Popen([exe, "serve", "--bind", f"127.0.0.1:{port}"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        url = f"http://127.0.0.1:{port}/query"
        for _ in range(100):
            try:
                urllib.request.urlopen(url + "?query=ASK%7B%7D", timeout=1).read()
                break
            except OSError:
                time.sleep(0.1)
        with pytest.raises(StoreError, match="holds no kg graph; upload one with `kg push"):
            EndpointStore(url).query("ASK {}")
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_endpoint_refuses_updates(pushed):
    """A SPARQL update is refused before anything is sent."""
    endpoint, _done = pushed
    with pytest.raises(QueryError, match="updates are refused"):
        endpoint.query("DROP ALL")


def test_endpoint_graph_reads_each_corpus_like_memory(pushed, synthetic_dataset):
    """GRAPH ?g on the endpoint sees each corpus graph (not the merge) with the triples memory has."""
    endpoint, _done = pushed
    query = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g"
    assert endpoint.query(query).rows == MemoryStore(synthetic_dataset).query(query).rows
    assert MERGED_GRAPH not in {str(row[0]) for row in endpoint.query(query).rows}


def test_endpoint_refuses_service_calls(pushed):
    """A federated SERVICE call is refused before anything is sent; the word in a literal is no call."""
    endpoint, _done = pushed
    with pytest.raises(QueryError, match="SERVICE <http://127.0.0.1:9/sparql> is refused"):
        endpoint.query("SELECT * { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }")
    with pytest.raises(QueryError, match="is refused"):  # SPARQL expands \u escapes before it parses
        endpoint.query("SELECT * { SERVIC\\u0045 <http://127.0.0.1:9/sparql> { ?s ?p ?o } }")
    assert endpoint.query("ASK { FILTER('SERVICE' != '') }").boolean is True
