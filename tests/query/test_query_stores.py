"""Stores behind one interface: rdflib in memory and Oxigraph on disk agree; bad stores fail clearly."""

from __future__ import annotations

import json
import threading
import time
from pathlib import Path

import pytest

from kg.errors import QueryError, StoreError
from kg.query.library import load_queries
from kg.query.stores import STORE_MARKER, MemoryStore, OxigraphStore, create_store
from query_helpers import SYNTHETIC_PARAMS
QUERIES = load_queries()


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_oxigraph_store_answers_like_rdflib(stores, name):
    """Every named query gives the same rows in memory and on disk, across several corpora."""
    memory, oxigraph = stores
    query = QUERIES[name]
    text = query.bind({p.name: SYNTHETIC_PARAMS[p.name] for p in query.params})
    expected = memory.query(text)
    assert oxigraph.query(text).canonical() == expected.canonical()
    assert expected.variables == oxigraph.query(text).variables


def test_shared_triples_are_not_counted_twice(stores, synthetic_dataset):
    """A person in several corpus graphs is one match, as in the RDF merge."""
    memory, oxigraph = stores
    text = "PREFIX foaf: <http://xmlns.com/foaf/0.1/> SELECT (COUNT(*) AS ?n) WHERE { ?p foaf:familyName ?f }"
    persons = {s for s, _p, _o in synthetic_dataset.triples((None, None, None))
               if str(s).startswith("https://w3id.org/kg/id/person/")}
    assert memory.query(text).records() == oxigraph.query(text).records()
    assert oxigraph.query(text).records()[0]["n"] == len(persons)


def test_store_folder_holds_marker_and_index(stores):
    """The store folder records its format version, graphs and triple count, plus the evidence index."""
    _memory, oxigraph = stores
    info = json.loads((oxigraph.folder / STORE_MARKER).read_text())
    assert info["format"] == "kg-oxigraph-store" and info["version"] == 2
    assert len(info["graphs"]) == 3 and info["triples"] > 1000
    assert (oxigraph.folder / "evidence.sqlite").is_file()


def test_missing_folder_says_how_to_make_one(tmp_path: Path):
    """Opening a folder that does not exist points to kg build --store."""
    with pytest.raises(StoreError, match="kg build --store"):
        OxigraphStore(tmp_path / "nowhere")


def test_folder_without_marker_is_not_a_store(tmp_path: Path):
    """A folder that is not a kg store is refused."""
    (tmp_path / "x").mkdir()
    with pytest.raises(StoreError, match="not a kg store"):
        OxigraphStore(tmp_path / "x")


def test_store_from_another_version_is_refused(tmp_path: Path, synthetic_dataset):
    """A store whose marker records another format version asks for a rebuild."""
    folder = create_store(tmp_path / "old", graph=synthetic_dataset)
    marker = folder / STORE_MARKER
    info = json.loads(marker.read_text())
    info["version"] = 99
    marker.write_text(json.dumps(info))
    with pytest.raises(StoreError, match="version 99, this kg reads version 2; rebuild"):
        OxigraphStore(folder)


def test_locked_store_is_refused(stores):
    """A store another handle holds open is reported as locked."""
    _memory, oxigraph = stores
    with pytest.raises(StoreError, match="locked by another process"):
        OxigraphStore(oxigraph.folder)


def test_rebuilding_a_locked_store_changes_nothing(stores, synthetic_dataset):
    """kg build --store on a store in use fails before writing anything."""
    _memory, oxigraph = stores
    before = sorted(p.name for p in oxigraph.folder.parent.iterdir())
    with pytest.raises(StoreError, match="locked"):
        create_store(oxigraph.folder, graph=synthetic_dataset)
    assert sorted(p.name for p in oxigraph.folder.parent.iterdir()) == before


def test_create_store_will_not_overwrite_other_folders(tmp_path: Path, synthetic_dataset):
    """A non-empty folder that is not a kg store is left alone."""
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "thesis.tex").write_text("precious")
    with pytest.raises(StoreError, match="not a kg store"):
        create_store(tmp_path / "docs", graph=synthetic_dataset)
    assert (tmp_path / "docs" / "thesis.tex").read_text() == "precious"


def test_rebuild_replaces_a_store_atomically(tmp_path: Path, synthetic_dataset):
    """Building over an existing store replaces it and leaves no temporary folder."""
    folder = create_store(tmp_path / "s", graph=synthetic_dataset)
    create_store(folder, graph=synthetic_dataset)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["s"]
    store = OxigraphStore(folder)
    assert store.query("ASK { ?s ?p ?o }").boolean is True
    store.close()


def test_dump_writes_every_quad(tmp_path: Path, stores):
    """dump() writes the store as N-Quads through a temporary file."""
    _memory, oxigraph = stores
    out = oxigraph.dump(tmp_path / "all.nq")
    assert out.read_text().count("\n") == len(oxigraph)
    assert [p.name for p in tmp_path.iterdir()] == ["all.nq"]


CROSS = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


def test_memory_query_over_the_limit_is_stopped(stores):
    """An rdflib query running past --timeout raises QueryError and its thread ends."""
    memory, _oxigraph = stores
    before = threading.active_count()
    started = time.monotonic()
    with pytest.raises(QueryError, match="longer than 0.3 s and was stopped"):
        memory.query(CROSS, timeout=0.3)
    assert time.monotonic() - started < 3
    deadline = time.monotonic() + 30  # the stop lands at the next solution: late on a loaded machine
    while threading.active_count() > before and time.monotonic() < deadline:
        time.sleep(0.05)
    assert threading.active_count() == before


def test_oxigraph_query_over_the_limit_is_stopped(stores):
    """An Oxigraph query running past --timeout raises QueryError and is stopped between rows."""
    _memory, oxigraph = stores
    # The store keeps one reusable query thread; start it before counting threads.
    oxigraph.query("ASK { ?s ?p ?o }")
    before = threading.active_count()
    started = time.monotonic()
    with pytest.raises(QueryError, match="longer than 0.3 s"):
        oxigraph.query("SELECT * WHERE { ?a ?b ?c . ?d ?e ?f }", timeout=0.3)
    assert time.monotonic() - started < 3
    deadline = time.monotonic() + 30  # the stop lands at the next solution: late on a loaded machine
    while threading.active_count() > before and time.monotonic() < deadline:
        time.sleep(0.05)
    assert threading.active_count() == before


def test_syntax_error_names_line_and_column(stores):
    """Both engines report a syntax error with its line and column."""
    for store in stores:
        with pytest.raises(QueryError, match=r"line 2, column \d+"):
            store.query("SELECT ?s\nWHERE { ?s ?p }")


def _ntriples_file(path: Path, dataset) -> Path:
    """The RDF merge of a dataset as an N-Triples file, lines sorted."""
    from rdflib import Graph

    merged = Graph()
    for triple in dataset.triples((None, None, None)):
        merged.add(triple)
    lines = sorted(line for line in merged.serialize(format="nt").splitlines() if line.strip())
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("threads", [1, 3], ids=["one-slice", "three-slices"])
def test_ntriples_file_loads_in_slices_like_the_graph(tmp_path: Path, stores, synthetic_dataset, threads):
    """An N-Triples file loaded in parallel slices of lines holds exactly the graph's triples and answers alike."""
    _memory, oxigraph = stores
    source = _ntriples_file(tmp_path / "graph.nt", synthetic_dataset)
    folder = create_store(tmp_path / "sliced", rdf_file=source, load_threads=threads)
    sliced = OxigraphStore(folder)
    try:
        everything = "SELECT ?s ?p ?o WHERE { ?s ?p ?o }"
        assert sliced.query(everything).canonical() == oxigraph.query(everything).canonical()
        text = QUERIES["co-cited-works"].bind({})
        assert sliced.query(text).canonical() == oxigraph.query(text).canonical()
        assert json.loads((folder / STORE_MARKER).read_text())["triples"] == len(oxigraph)
    finally:
        sliced.close()


def test_blank_nodes_keep_one_identity_across_slices(tmp_path: Path):
    """A blank node named on several lines stays one node: such a file is loaded in one piece."""
    lines = [f'_:b <https://w3id.org/kg/vocab#p{n}> "{n}" .' for n in range(40)]
    source = tmp_path / "blank.nt"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    store = OxigraphStore(create_store(tmp_path / "s", rdf_file=source, load_threads=4))
    try:
        assert store.query("SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s ?p ?o }").records() == [{"n": 1}]
    finally:
        store.close()


def test_bad_line_in_a_later_slice_is_named_in_the_file(tmp_path: Path):
    """A syntax error found while loading a slice names its line in the whole file; nothing is left behind."""
    lines = [f'<https://w3id.org/kg/id/x{n}> <https://w3id.org/kg/vocab#p> "{n}" .' for n in range(30)]
    lines[24] = '<https://w3id.org/kg/id/x24> <https://w3id.org/kg/vocab#p> oops .'
    source = tmp_path / "bad.nt"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(StoreError, match=r"bad\.nt:25: not valid RDF"):
        create_store(tmp_path / "s", rdf_file=source, load_threads=3)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.nt"]


@pytest.mark.parametrize("suffix", [".nq", ".trig"])
def test_a_quads_file_gives_the_merge_and_its_named_graphs(tmp_path: Path, suffix: str):
    """A quads file's triples are the default graph once each (a triple in two graphs, or also in the default
    graph, counts once), each named graph is kept, and no scratch file is left beside the store."""
    import pyoxigraph as ox

    p, g1, g2 = (ox.NamedNode(f"https://w3id.org/kg/{n}") for n in ("vocab#p", "graph/a", "graph/b"))
    quads = [ox.Quad(ox.NamedNode(f"https://w3id.org/kg/id/x{n}"), p, ox.Literal(str(n)), graph)
             for n, graph in ((1, g1), (1, g2), (2, g2), (3, ox.DefaultGraph()), (1, ox.DefaultGraph()))]
    source = tmp_path / f"all{suffix}"
    ox.serialize(quads, output=str(source), format=ox.RdfFormat.N_QUADS if suffix == ".nq" else ox.RdfFormat.TRIG)
    store = OxigraphStore(create_store(tmp_path / "s", rdf_file=source))
    try:
        assert store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").records() == [{"n": 3}]
        assert store.query("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g"
                           ).records() == [{"g": g1.value, "n": 1}, {"g": g2.value, "n": 2}]
    finally:
        store.close()
    marker = json.loads((tmp_path / "s" / STORE_MARKER).read_text(encoding="utf-8"))
    assert (marker["triples"], marker["graphs"]) == (3, [g1.value, g2.value])
    assert sorted(p.name for p in tmp_path.iterdir()) == [source.name, "s"]


def test_bad_line_in_a_quads_file_is_named(tmp_path: Path):
    """A syntax error in a TriG file names its line, and neither a store nor a scratch file is left behind."""
    source = tmp_path / "bad.trig"
    source.write_text('<https://w3id.org/kg/graph/a> {\n  <https://w3id.org/kg/id/x> <https://w3id.org/kg/vocab#p> "1" .\n'
                      '  <https://w3id.org/kg/id/x> <https://w3id.org/kg/vocab#p> oops .\n}\n', encoding="utf-8")
    with pytest.raises(StoreError, match=r"bad\.trig:3: not valid RDF"):
        create_store(tmp_path / "s", rdf_file=source)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.trig"]


def test_dump_round_trips_and_is_deterministic(tmp_path: Path, stores):
    """An N-Triples dump holds exactly the store's triples, loads back into an equal store, and is the same file each time."""
    _memory, oxigraph = stores
    first = oxigraph.dump(tmp_path / "a.nt")
    second = oxigraph.dump(tmp_path / "b.nt")
    assert first.read_bytes() == second.read_bytes()
    lines = first.read_text(encoding="utf-8").splitlines()
    assert len(lines) == len(set(lines)) == len(oxigraph)
    assert all(line.endswith(" .") for line in lines)
    again = OxigraphStore(create_store(tmp_path / "again", rdf_file=first))
    try:
        everything = "SELECT ?s ?p ?o WHERE { ?s ?p ?o }"
        assert again.query(everything).canonical() == oxigraph.query(everything).canonical()
        assert again.dump(tmp_path / "c.nt").read_bytes() == first.read_bytes()
    finally:
        again.close()


def test_evidence_rows_joined_in_python_match_the_sparql_joins(stores):
    """The index reads one triple pattern per query and joins in Python: the same rows as the joins in SPARQL."""
    from kg.query.evidence import _TEXT_QUERIES, _texts
    from kg.query.sparql import with_prologue
    from kg.query.stores import query_values

    _memory, oxigraph = stores
    rows = {name: query_values(oxigraph, with_prologue(text)) for name, text in _TEXT_QUERIES.items()}
    joined = _texts(rows)
    joins = {
        "statement": "SELECT ?c ?text WHERE { ?c a kg:Claim ; kg:statement ?text }",
        "quote": "SELECT ?c ?text WHERE { ?c a kg:Claim ; kg:annotation ?a . ?a oa:hasTarget ?t . "
                 "?t oa:hasSelector ?s . ?s oa:exact ?text }",
        "tags": "SELECT ?c ?tagged WHERE { ?c kg:theory|kg:supportType|kg:outcome ?tagged }",
    }
    for name, text in joins.items():
        expected = query_values(oxigraph, with_prologue(text))
        assert expected and sorted(joined[name]) == sorted(expected), name  # type: ignore[type-var]
