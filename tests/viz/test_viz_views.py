"""What the views make of a graph: merged corpora, odd DOIs, untyped nodes, empty views."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib import Graph, Literal
from rdflib.namespace import RDF

from kg.cli import main
from kg.viz import render_html
from kg.viz.views import whole_graph
from kg.vocab import BIBO, FABIO, KG


def page_data(page: str) -> dict:
    """The data block of a rendered page."""
    return json.loads(page.split('id="kg-data">', 1)[1].split("</script>", 1)[0])


def copy_graph(graph: Graph) -> Graph:
    """A copy to change without touching the session's bundled graph."""
    out = Graph()
    for triple in graph:
        out.add(triple)
    return out


def query_matrix(runner, graph_file: Path) -> dict[tuple[str, str], tuple[int, int]]:
    """`kg query support-outcome-matrix` on a graph file: (claims, sources) per label pair."""
    result = runner.invoke(main, ["query", "support-outcome-matrix", str(graph_file), "--format", "json"])
    assert result.exit_code == 0, result.output
    return {(r["support_type"], r["outcome"]): (int(r["claims"]), int(r["sources"]))
            for r in json.loads(result.stdout)}


def page_matrix(data: dict) -> dict[tuple[str, str], tuple[int, int]]:
    """The evidence page's (claims, sources) per label pair."""
    rows, columns = dict(data["rows"]), dict(data["columns"])
    return {(rows[c["support_type"]], columns[c["outcome"]]): (len(c["claims"]), c["sources"])
            for c in data["cells"]}


def test_evidence_map_of_merged_corpora_counts_as_the_query_does(runner, tmp_path, merged_graph_file, bundled):
    """Claims of two corpora that share an id are two claims: each cell's counts are the query's."""
    page = tmp_path / "two-evidence.html"
    result = runner.invoke(main, ["viz", str(merged_graph_file), "--view", "evidence", "-o", str(page)])
    assert result.exit_code == 0, result.output
    data = page_data(page.read_text(encoding="utf-8"))
    shown = page_matrix(data)
    assert shown == query_matrix(runner, merged_graph_file)
    assert len(data["claims"]) == 2 * len(bundled.corpus.claims) and max(n for n, _ in shown.values()) >= 2


def test_claims_sharing_an_id_name_their_corpus(merged_graph_file, bundled):
    """A claim id two corpora share is told apart by its corpus; in one corpus no corpus is named."""
    from kg.viz.commands import load_graph

    graph, _name = load_graph(merged_graph_file)
    claims = page_data(render_html(graph, view="evidence"))["claims"]
    assert sorted(c["corpus"] for c in claims.values() if c["id"] == "C13") == [
        "community-support", "community-support-two"]
    view = whole_graph(graph)
    details = sorted(dict(d["details"])["Corpus"] for _, d in view.nodes(data=True)
                     if d["kind"] == "claim" and d["key"] == "C13")
    assert details == ["community-support", "community-support-two"]
    alone = page_data(render_html(bundled.graph, view="evidence"))["claims"]
    assert not any("corpus" in c for c in alone.values())


@pytest.mark.parametrize(("doi", "path"), [
    ("10.1002/(SICI)1097-4679(199908)55:8<1019::AID-JCLP8>3.0.CO;2-#",
     "10.1002/(SICI)1097-4679(199908)55:8%3C1019::AID-JCLP8%3E3.0.CO;2-%23"),
    ("10.1000/a?b", "10.1000/a%3Fb"),
    ("10.1000/100%", "10.1000/100%25"),
    ("10.1000/two words", "10.1000/two%20words"),
    ("10.1037/0033-2909.98.2.310", "10.1037/0033-2909.98.2.310"),
], ids=["sici-hash", "question-mark", "percent", "space", "plain"])
def test_doi_links_are_percent_encoded(bundled, doi, path):
    """A DOI's '#', '?', '%' and spaces are encoded in its doi.org link, as the DOI Handbook asks; '/' is kept."""
    graph = copy_graph(bundled.graph)
    work = sorted(graph.subjects(RDF.type, FABIO.Work), key=str)[0]
    graph.set((work, BIBO.doi, Literal(doi)))
    details = dict(whole_graph(graph).nodes[str(work)]["details"])
    assert details["link"] == f"https://doi.org/{path}"


def untyped_work_graph(bundled_graph: Graph) -> tuple[Graph, str]:
    """The bundled graph with a cited work's rdf:type removed (a graph file can hold that)."""
    graph = copy_graph(bundled_graph)
    work = sorted(graph.subjects(RDF.type, FABIO.Work), key=str)[0]
    graph.remove((work, RDF.type, FABIO.Work))
    return graph, str(work)


@pytest.mark.parametrize(("view", "focus"), [("graph", None), ("concepts", None), ("evidence", None),
                                             ("focus", "C01")])
def test_an_untyped_cited_node_is_shown_as_other(bundled, view, focus):
    """A node only a link brings in gets the kind "other", under the label the graph gives it."""
    graph, work = untyped_work_graph(bundled.graph)
    data = page_data(render_html(graph, view=view, focus=focus))
    if view == "graph":
        node = next(n for n in data["nodes"] if n["id"] == work)
        assert node["kind"] == "other"
        assert node["label"] == whole_graph(bundled.graph).nodes[work]["label"]
        assert next(k for k in data["kinds"] if k["kind"] == "other")["count"] == 1


def test_cli_renders_a_graph_file_with_an_untyped_node(runner, tmp_path, bundled):
    """`kg viz` of such a graph file writes its pages (it raised KeyError 'kind'); the untyped work
    is still a source in the evidence map, as in the query."""
    graph, _work = untyped_work_graph(bundled.graph)
    source = tmp_path / "partial.ttl"
    graph.serialize(source, format="turtle")
    for view in ("graph", "evidence"):
        out = tmp_path / f"partial-{view}.html"
        result = runner.invoke(main, ["viz", str(source), "--view", view, "-o", str(out)])
        assert result.exit_code == 0, result.output
    data = page_data((tmp_path / "partial-evidence.html").read_text(encoding="utf-8"))
    assert page_matrix(data) == query_matrix(runner, source)


def without_claims(bundled_graph: Graph) -> Graph:
    """The bundled graph with no claim: its concepts and works stay."""
    graph = copy_graph(bundled_graph)
    for claim in list(graph.subjects(RDF.type, KG.Claim)):
        graph.remove((claim, None, None))
    return graph


@pytest.mark.parametrize(("view", "missing"), [
    ("concepts", "No claim links a theory to a support type, or a support type to an outcome, "
                 "so the concept map is empty; the graph has no claims."),
    ("evidence", "No claim links a support type to an outcome, so the evidence map is empty; "
                 "the graph has no claims."),
])
def test_empty_view_says_what_is_missing(bundled, view, missing):
    """A corpus with concepts and works but no claim is not called an empty graph."""
    data = page_data(render_html(without_claims(bundled.graph), view=view))
    assert data["empty"] == missing
    assert page_data(render_html(Graph(), view=view))["empty"].startswith("This graph is empty")
