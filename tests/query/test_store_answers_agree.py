"""Memory, an Oxigraph store and a real Oxigraph server give the same answers, and say clearly what is wrong.

Each test here stands for a bug a review found where one store answered
otherwise than the others (an all-unbound row, the order of dates, the
columns of ``SELECT *``), or where a bad input gave a traceback or a wrong
answer (``--timeout nan``, a damaged store folder, NaN in JSON).
"""

from __future__ import annotations

import csv
import io
import json
import math
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Dataset, Literal, URIRef

from kg.cli import main
from kg.errors import StoreError
from kg.query.commands import run_sparql
from kg.query.results import QueryResult, render
from kg.query.stores import (
    STORE_MARKER,
    EndpointStore,
    MemoryStore,
    OxigraphStore,
    create_store,
    load_graph_file,
    push,
    run_with_timeout,
)
from kg.vocab import graph_iri

KG_LABEL = URIRef("https://w3id.org/kg/vocab#label")


@pytest.fixture(scope="module")
def small_dataset() -> Dataset:
    """Two works with labels, one with a DOI: enough for OPTIONAL to find nothing."""
    dataset = Dataset(default_union=True)
    graph = dataset.graph(graph_iri("agree"))
    for n, label in enumerate(["Anthony 1993", "Berkman 2000"]):
        graph.add((URIRef(f"https://w3id.org/kg/id/work/w{n}"), KG_LABEL, Literal(label)))
    graph.add((URIRef("https://w3id.org/kg/id/work/w1"), URIRef("http://purl.org/ontology/bibo/doi"),
               Literal("10.1/x")))
    return dataset


@pytest.fixture(scope="module")
def three_stores(small_dataset, tmp_path_factory, oxigraph_server):
    """The small dataset in memory, in an Oxigraph store folder and on a live Oxigraph server."""
    folder = create_store(tmp_path_factory.mktemp("agree") / "store", graph=small_dataset)
    disk = OxigraphStore(folder)
    endpoint = EndpointStore(oxigraph_server)
    push(small_dataset, endpoint)
    yield {"memory": MemoryStore(small_dataset), "store": disk, "endpoint": endpoint}
    disk.close()


def answers(stores: dict, text: str) -> dict[str, QueryResult]:
    """The result of one query (kg's prefixes predefined) on every store."""
    return {name: run_sparql(store, text) for name, store in stores.items()}


def plain_rows(result: QueryResult) -> list[tuple]:
    return [tuple(row) for row in result.rows]


# --- a solution that binds nothing is a row ------------------------------------


@pytest.mark.parametrize("text", [
    'SELECT ?doi WHERE { ?w kg:label "Anthony 1993" OPTIONAL { ?w bibo:doi ?doi } }',
    "SELECT ?x {}",
])
def test_a_row_binding_no_variable_is_kept_on_every_store(three_stores, text):
    """rdflib's Result skips an empty solution; kg reads the bindings, so every store answers one row."""
    found = answers(three_stores, text)
    assert {name: plain_rows(result) for name, result in found.items()} == {
        name: [(None,)] for name in three_stores}


@pytest.mark.parametrize(("text", "rows"), [
    ("SELECT ?w WHERE { ?w kg:label ?l ; kg:nothing ?n } GROUP BY ?w", []),
    ("SELECT ?doi WHERE { ?w kg:label ?l OPTIONAL { ?w bibo:nothing ?doi } } GROUP BY ?doi", [(None,)]),
    ("SELECT (COUNT(*) AS ?n) WHERE { ?w kg:nothing ?l }", [(0,)]),
])
def test_grouping_no_solutions_gives_no_group_on_every_store(three_stores, text, rows):
    """rdflib makes one keyless group of nothing, which kg drops; a real group of unbound keys stays."""
    found = answers(three_stores, text)
    assert {name: [tuple(None if t is None else t.toPython() for t in row) for row in result.rows]
            for name, result in found.items()} == {name: rows for name in three_stores}


def test_a_row_binding_no_variable_is_kept_when_read_from_a_graph_file(small_dataset, tmp_path):
    """The same from a TriG file, which is queried in memory."""
    path = tmp_path / "agree.trig"
    path.write_bytes(small_dataset.serialize(format="trig", encoding="utf-8"))
    store = MemoryStore(load_graph_file(path))
    result = run_sparql(store, 'SELECT ?doi WHERE { ?w kg:label "Anthony 1993" OPTIONAL { ?w bibo:doi ?doi } }')
    assert plain_rows(result) == [(None,)]


# --- ORDER BY on dates and times -----------------------------------------------


def _ordered(result: QueryResult) -> list[str]:
    return [str(row[0]) for row in result.rows]


@pytest.mark.parametrize(("datatype", "values"), [
    ("dateTime", ["2020-01-01T00:00:00+05:00", "2019-12-31T20:00:00Z"]),
    ("dateTime", ["2020-01-01T00:00:00-05:00", "2020-01-01T03:00:00Z", "2020-01-01T01:00:00.5Z",
                  "2019-12-31T23:59:59.25-01:00", "2020-01-01T14:00:00+14:00"]),
    ("date", ["2020-01-01-05:00", "2020-01-01Z", "2020-01-01+14:00"]),
])
def test_dates_with_a_timezone_sort_by_instant_on_every_store(three_stores, datatype, values):
    """The store's own sort (a final ORDER BY is done in Python) orders instants, as Oxigraph does."""
    cells = " ".join(f'"{v}"^^xsd:{datatype}' for v in values)
    order = {}
    for direction in ("", "DESC"):
        text = f"SELECT ?d WHERE {{ VALUES ?d {{ {cells} }} }} ORDER BY {direction}(?d)"
        found = answers(three_stores, text)
        order[direction] = {name: _ordered(result) for name, result in found.items()}
        # rdflib compares dates without their timezone: memory joins in for dateTime only.
        names = ["store", "endpoint"] + (["memory"] if datatype == "dateTime" else [])
        assert len({tuple(order[direction][name]) for name in names}) == 1, order[direction]
    assert order["DESC"]["store"] == order[""]["store"][::-1]


def test_the_first_example_sorts_the_earlier_instant_first(three_stores):
    """00:00 at +05:00 is 19:00 UTC, an hour before 20:00 UTC."""
    text = ('SELECT ?d WHERE { VALUES ?d { "2019-12-31T20:00:00Z"^^xsd:dateTime '
            '"2020-01-01T00:00:00+05:00"^^xsd:dateTime } } ORDER BY ?d')
    assert _ordered(answers(three_stores, text)["store"])[0] == "2020-01-01T00:00:00+05:00"


def test_times_without_a_timezone_come_first_as_in_memory(three_stores):
    """A dateTime without a timezone is no instant: such values come first, by local time, as rdflib puts them."""
    values = ["2019-12-31T21:00:00", "2020-01-01T00:00:00+05:00", "2019-12-31T18:00:00", "2019-12-31T20:00:00Z"]
    cells = " ".join(f'"{v}"^^xsd:dateTime' for v in values)
    text = f"SELECT ?d WHERE {{ VALUES ?d {{ {cells} }} }} ORDER BY ?d"
    found = answers({k: three_stores[k] for k in ("memory", "store")}, text)
    expected = ["2019-12-31T18:00:00", "2019-12-31T21:00:00", "2020-01-01T00:00:00+05:00", "2019-12-31T20:00:00Z"]
    for name, result in found.items():
        assert _ordered(result) == expected, name


# --- the columns of SELECT * ---------------------------------------------------


STAR = "SELECT * WHERE { ?zeta kg:label ?mid . OPTIONAL { ?zeta bibo:doi ?alpha } BIND(1 AS ?kappa) } ORDER BY ?zeta"


def test_select_star_columns_come_in_order_of_first_appearance_on_every_store(three_stores):
    """rdflib's order changes from run to run, Oxigraph's is by name: kg gives the text's order everywhere."""
    found = answers(three_stores, STAR)
    assert {name: result.variables for name, result in found.items()} == {
        name: ("zeta", "mid", "alpha", "kappa") for name in three_stores}
    rows = {name: [tuple(str(t) if t is not None else None for t in row) for row in result.rows]
            for name, result in found.items()}
    assert rows["memory"] == rows["store"] == rows["endpoint"]
    assert rows["memory"][1][2] == "10.1/x"  # the values moved with their columns


def test_select_star_columns_do_not_depend_on_the_hash_seed(small_dataset, tmp_path):
    """The CSV header of SELECT * is the same under different PYTHONHASHSEED values (rdflib's vars are a set)."""
    path = tmp_path / "agree.trig"
    path.write_bytes(small_dataset.serialize(format="trig", encoding="utf-8"))
    heads = set()
    for seed in ("1", "2", "3", "4", "5"):
        done = subprocess.run([sys.executable, "-m", "kg", "sparql", STAR, str(path), "--format", "csv"],
                              capture_output=True, text=True, env={**os.environ, "PYTHONHASHSEED": seed},
                              check=True)
        heads.add(done.stdout.splitlines()[0])
    assert heads == {"zeta,mid,alpha,kappa"}


def test_explicit_projections_keep_their_order(three_stores):
    """Only SELECT * is reordered: named columns stay as written."""
    found = answers(three_stores, "SELECT ?mid ?zeta WHERE { ?zeta kg:label ?mid }")
    assert {result.variables for result in found.values()} == {("mid", "zeta")}


# --- --timeout -----------------------------------------------------------------


@pytest.mark.parametrize("value", ["inf", "1e300", "nan", "-1", "86401"])
@pytest.mark.parametrize("source", [[], ["--endpoint", "http://127.0.0.1:9/query"]])
def test_a_timeout_out_of_range_is_a_usage_error(runner, value, source):
    """NaN, infinity and absurd limits are refused before anything runs, naming --timeout and the range."""
    result = runner.invoke(main, ["sparql", "SELECT (1 AS ?x) {}", *source, "--timeout", value])
    assert result.exit_code == 2, result.output
    assert "--timeout" in result.stderr and "at most 86400" in result.stderr
    assert "Traceback" not in result.output


def test_push_timeout_is_checked_the_same_way(runner):
    """kg push takes the same --timeout range."""
    result = runner.invoke(main, ["push", "--endpoint", "http://127.0.0.1:9/query", "--timeout", "nan"])
    assert result.exit_code == 2 and "--timeout" in result.stderr


@pytest.mark.parametrize("value", ["0", "0.5", "86400"])
def test_a_timeout_in_range_runs(runner, value, tmp_path, small_dataset):
    """0 (no limit) and limits up to a day run the query."""
    path = tmp_path / "agree.trig"
    path.write_bytes(small_dataset.serialize(format="trig", encoding="utf-8"))
    result = runner.invoke(main, ["sparql", "SELECT (1 AS ?x) {}", str(path), "--timeout", value])
    assert result.exit_code == 0, result.stderr


def test_library_timeouts_beyond_any_wait_mean_no_limit():
    """From Python, infinity or 1e300 s is no limit (threading cannot wait so long); NaN is refused."""
    assert run_with_timeout(lambda: 7, math.inf, "test") == 7
    assert run_with_timeout(lambda: 7, 1e300, "test") == 7
    with pytest.raises(ValueError, match="NaN"):
        run_with_timeout(lambda: 7, math.nan, "test")


# --- damaged store folders ------------------------------------------------------


@pytest.fixture()
def built_store(small_dataset, tmp_path) -> Path:
    """A fresh store folder of the small dataset, to damage."""
    return create_store(tmp_path / "store", graph=small_dataset)


def test_a_store_with_its_data_files_removed_is_reported_as_damaged(built_store, runner):
    """RocksDB's Corruption error becomes a StoreError asking for a rebuild, not a traceback."""
    for sst in built_store.glob("*.sst"):
        sst.unlink()
    with pytest.raises(StoreError, match=r"damaged.*rebuild it with `kg build --store"):
        OxigraphStore(built_store).query("SELECT * { ?s ?p ?o }")
    result = runner.invoke(main, ["query", "concepts", "--store", str(built_store)])
    assert result.exit_code == 1 and "damaged" in result.stderr and "kg build --store" in result.stderr


def test_a_folder_holding_only_the_marker_is_refused_and_left_as_it_was(built_store, tmp_path, runner):
    """A read command never creates a database in a folder."""
    fake = tmp_path / "fake"
    fake.mkdir()
    shutil.copy(built_store / STORE_MARKER, fake / STORE_MARKER)
    result = runner.invoke(main, ["query", "concepts", "--store", str(fake)])
    assert result.exit_code == 1, result.stdout
    assert "not a complete kg store" in result.stderr and f"kg build --store {fake}" in result.stderr
    assert [p.name for p in fake.iterdir()] == [STORE_MARKER]


def test_a_damaged_store_can_be_rebuilt(built_store, small_dataset, tmp_path):
    """The rebuild the message asks for works over a damaged store and over a marker-only folder."""
    for sst in built_store.glob("*.sst"):
        sst.unlink()
    fake = tmp_path / "fake"
    fake.mkdir()
    shutil.copy(built_store / STORE_MARKER, fake / STORE_MARKER)
    for folder in (built_store, fake):
        create_store(folder, graph=small_dataset)
        store = OxigraphStore(folder)
        assert len(store) == len(small_dataset)
        store.close()


# --- output ----------------------------------------------------------------------


def _strict_json(text: str):
    def refuse(constant: str):
        raise ValueError(f"not JSON: {constant}")

    return json.loads(text, parse_constant=refuse)


def test_nan_and_infinities_are_valid_json_as_sparql_writes_them(three_stores):
    """JSON has no NaN or Infinity: they are written "NaN", "INF", "-INF", on every store."""
    text = 'SELECT (xsd:double("NaN") AS ?x) (xsd:double("INF") AS ?y) (xsd:double("-INF") AS ?z) (1.5e0 AS ?w) {}'
    for name, result in answers(three_stores, text).items():
        assert _strict_json(render(result, "json")) == [{"x": "NaN", "y": "INF", "z": "-INF", "w": 1.5}], name
        assert render(result, "csv").splitlines()[1] == "NaN,INF,-INF,1.5", name


def test_nan_is_still_a_number_when_stores_are_compared(three_stores):
    """canonical() tells the number NaN from the string "NaN"."""
    number = answers(three_stores, 'SELECT (xsd:double("NaN") AS ?x) {}')
    string = answers(three_stores, 'SELECT ("NaN" AS ?x) {}')
    assert number["memory"].canonical() == number["store"].canonical() == number["endpoint"].canonical()
    assert number["memory"].canonical() != string["memory"].canonical()


def test_csv_writes_booleans_as_table_and_json_do(three_stores):
    """CSV said True/False where the table and JSON say true/false."""
    text = "SELECT (true AS ?yes) (1 > 2 AS ?no) {}"
    for name, result in answers(three_stores, text).items():
        assert list(csv.reader(io.StringIO(render(result, "csv")))) == [["yes", "no"], ["true", "false"]], name
        assert render(result, "table").splitlines()[2].split() == ["true", "false"], name
        assert _strict_json(render(result, "json")) == [{"yes": True, "no": False}], name
