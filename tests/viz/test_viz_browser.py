"""Every view, opened from disk in a real headless Chromium with the network blocked."""

from __future__ import annotations

import pytest

from kg.viz import render_html
from kg.viz.views import whole_graph

from browser_helpers import browser, open_page, screenshot

pytestmark = pytest.mark.browser

VIEWS = [("graph", None), ("concepts", None), ("focus", "C10"), ("evidence", None)]


@pytest.fixture(scope="module")
def chromium():
    """One browser for the module."""
    with browser() as b:
        yield b


@pytest.mark.parametrize(("view", "focus"), VIEWS, ids=[v for v, _ in VIEWS])
def test_view_opens_offline_and_draws_everything(bundled, chromium, tmp_path, view, focus):
    """Each view opens with no console error and no request, and draws what the graph holds."""
    path = tmp_path / f"{view}.html"
    path.write_text(render_html(bundled.graph, view=view, focus=focus), encoding="utf-8")
    opened = open_page(chromium, path)
    page = opened.page
    screenshot(opened, f"bundled-{view}")
    assert opened.errors == []
    assert opened.blocked == []
    # The bundled corpus's pages are drawn within 1 s of navigation.
    assert page.evaluate("window.kgPage.firstDraw") < 1000
    data = page.evaluate("window.kgPage.data")
    if view == "evidence":
        whole = whole_graph(bundled.graph)
        pairs = {(s, o) for c, d in whole.nodes(data=True) if d["kind"] == "claim"
                 for s in whole.neighbors(c) if whole.nodes[s]["kind"] == "support-type"
                 for o in whole.neighbors(c) if whole.nodes[o]["kind"] == "outcome"}
        assert page.evaluate("document.querySelectorAll('.kg-dot').length") == len(data["cells"]) == len(pairs) > 0
        page.click(".kg-dot")
        assert "claim(s)" in page.inner_text("#kg-details")
        assert page.inner_text("#kg-details").count("\u201c") == 0  # quotes are text, not markup
    else:
        assert page.evaluate("window.kgPage.nodes.length") == len(data["nodes"]) > 0
        assert page.evaluate("window.kgPage.edges.length") == len(data["edges"]) > 0
        # What vis-network actually holds for drawing, not just what it was given.
        assert page.evaluate("window.kgPage.network.body.nodeIndices.length") == len(data["nodes"])
        assert page.evaluate("window.kgPage.network.body.edgeIndices.length") == len(data["edges"])
    if view == "graph":
        whole = whole_graph(bundled.graph)
        assert len(data["nodes"]) == whole.number_of_nodes()
        assert len(data["edges"]) == whole.number_of_edges()


def test_search_click_and_details(bundled, chromium, tmp_path):
    """Search finds a node; clicking a node fills the details panel and dims the rest."""
    path = tmp_path / "graph.html"
    path.write_text(render_html(bundled.graph), encoding="utf-8")
    opened = open_page(chromium, path)
    page = opened.page
    page.fill("#kg-search", "Chinman")
    # The work, its author and the claim whose quote cites it.
    assert page.inner_text("#kg-status") == "1 of 3 match(es)"
    assert "Chinman" in page.inner_text("#kg-details")
    first = page.evaluate("window.kgPage.selected")
    page.press("#kg-search", "Enter")
    assert page.inner_text("#kg-status") == "2 of 3 match(es)"
    assert page.evaluate("window.kgPage.selected") != first
    assert "Chinman" in page.inner_text("#kg-details")
    page.fill("#kg-search", "no such node anywhere")
    assert page.inner_text("#kg-status") == "no match"
    claim = next(n for n in page.evaluate("window.kgPage.data.nodes") if n["label"] == "C10")
    point = page.evaluate(
        "(id) => { const p = window.kgPage.network.getPositions([id])[id];"
        " return window.kgPage.network.canvasToDOM(p); }", claim["id"])
    page.evaluate("(id) => window.kgPage.network.focus(id, {scale: 1.2, animation: false})", claim["id"])
    point = page.evaluate(
        "(id) => { const p = window.kgPage.network.getPositions([id])[id];"
        " return window.kgPage.network.canvasToDOM(p); }", claim["id"])
    box = page.locator("#kg-network").bounding_box()
    page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])
    details = page.inner_text("#kg-details")
    assert "peer support groups" in details and "Peer Support Groups" in details
    assert page.evaluate("window.kgPage.selected") == claim["id"]
    opacity = page.evaluate("Object.fromEntries(Object.entries(window.kgPage.network.body.nodes)"
                            ".map(([k, v]) => [k, v.options.opacity]))")
    near = set(page.evaluate("(id) => window.kgPage.network.getConnectedNodes(id)", claim["id"])) | {claim["id"]}
    assert {k for k, v in opacity.items() if v == 1} == near
    assert sum(1 for v in opacity.values() if v == 0.15) == len(opacity) - len(near) > 0
    # Selecting another node lights its neighbourhood only.
    other = next(n["id"] for n in page.evaluate("window.kgPage.data.nodes") if n["label"] == "C01")
    page.evaluate("(id) => window.kgPage.select(id)", other)
    near = set(page.evaluate("(id) => window.kgPage.network.getConnectedNodes(id)", other)) | {other}
    lit = page.evaluate("Object.entries(window.kgPage.network.body.nodes).filter(([k, v]) => v.options.opacity === 1)"
                        ".map(([k]) => k)")
    assert set(lit) == near
    # Clicking empty space clears the highlight.
    page.mouse.click(box["x"] + 5, box["y"] + box["height"] - 5)
    assert page.evaluate("Object.values(window.kgPage.network.body.nodes).every(n => n.options.opacity === 1)")
    assert opened.errors == []


def test_filters_hide_nodes(bundled, chromium, tmp_path):
    """Unticking a kind hides exactly that kind; picking concepts keeps only the claims tagged with all of them."""
    path = tmp_path / "graph.html"
    path.write_text(render_html(bundled.graph), encoding="utf-8")
    opened = open_page(chromium, path)
    page = opened.page
    nodes = page.evaluate("window.kgPage.data.nodes")
    page.uncheck(".kg-kind-filter[value=author]")
    hidden = {n["id"] for n in page.evaluate("window.kgPage.nodes.get()") if n.get("hidden")}
    assert hidden == {n["id"] for n in nodes if n["kind"] == "author"}
    page.check(".kg-kind-filter[value=author]")
    page.select_option("select[data-kind=support-type]", label="Peer support groups")
    page.select_option("select[data-kind=outcome]", label="Empowerment")
    shown = {n["id"] for n in page.evaluate("window.kgPage.nodes.get()") if not n.get("hidden")}
    claims = {n["label"] for n in nodes if n["kind"] == "claim" and n["id"] in shown}
    whole = whole_graph(bundled.graph)
    wanted = {n for n, d in whole.nodes(data=True) if d.get("name") in ("Peer support groups", "Empowerment")}
    expected = {d["label"] for n, d in whole.nodes(data=True)
                if d["kind"] == "claim" and wanted <= set(whole.neighbors(n))}
    assert claims == expected and "C10" in claims
    assert len(shown) < len(nodes)
    assert f"{len(shown)} of {len(nodes)} nodes shown" == page.inner_text("#kg-status")
    page.select_option("select[data-kind=outcome]", index=0)
    page.select_option("select[data-kind=support-type]", index=0)
    assert page.evaluate("window.kgPage.nodes.get().filter(n => n.hidden).length") == 0
    assert opened.errors == []


def test_concept_map_filter_keeps_co_tagged_concepts(bundled, chromium, tmp_path):
    """On the concept map, picking a theory keeps it and the concepts its claims are tagged with."""
    path = tmp_path / "concepts.html"
    path.write_text(render_html(bundled.graph, view="concepts"), encoding="utf-8")
    opened = open_page(chromium, path)
    page = opened.page
    page.select_option("select[data-kind=theory]", label="Stress-buffering hypothesis")
    shown = {n["label"] for n in page.evaluate("window.kgPage.nodes.get()") if not n.get("hidden")}
    whole = whole_graph(bundled.graph)
    theory = next(n for n, d in whole.nodes(data=True) if d.get("name") == "Stress-buffering hypothesis")
    expected = {theory} | {
        c for claim in whole.neighbors(theory) for c in whole.neighbors(claim)
        if whole.nodes[c]["kind"] in ("theory", "support-type", "outcome")
    }
    drawn = {n["id"] for n in page.evaluate("window.kgPage.data.nodes")}
    assert shown == {whole.nodes[n]["label"] for n in expected & drawn}
    assert 1 < len(shown) < len(drawn)
    assert opened.errors == []


def test_work_details_show_reference_and_doi_link(bundled, chromium, tmp_path):
    """A work's details give its formatted reference and its DOI as a doi.org link, even for an odd DOI."""
    from rdflib import Graph, Literal
    from rdflib.namespace import RDF

    from kg.vocab import BIBO, FABIO, KG

    graph = Graph()
    for triple in bundled.graph:
        graph.add(triple)
    works = sorted(graph.subjects(RDF.type, FABIO.Work), key=str)
    graph.set((works[0], BIBO.doi, Literal("10.1037/0033-2909.98.2.310")))
    graph.set((works[1], BIBO.doi, Literal('10.1/x"><script>window.__pwned=1</script>')))
    path = tmp_path / "graph.html"
    path.write_text(render_html(graph), encoding="utf-8")
    opened = open_page(chromium, path)
    page = opened.page
    for work, doi_path in ((works[0], "10.1037/0033-2909.98.2.310"), (works[1], None)):
        page.evaluate("(id) => window.kgPage.select(id)", str(work))
        assert str(graph.value(work, KG.formatted)) in page.inner_text("#kg-details")
        link = page.locator("#kg-details a")
        href = link.get_attribute("href")
        assert href.startswith("https://doi.org/10.")
        if doi_path:
            assert href == f"https://doi.org/{doi_path}" and link.get_attribute("rel") == "noopener noreferrer"
    assert page.evaluate("window.__pwned") is None
    assert page.evaluate("document.querySelectorAll('#kg-details script').length") == 0
    assert opened.errors == []


def test_search_steps_only_through_visible_nodes(bundled, chromium, tmp_path):
    """Hiding a kind refreshes the matches: Enter never lands on a hidden node, and the status counts
    visible matches only; showing the kind again brings its matches back."""
    path = tmp_path / "graph.html"
    path.write_text(render_html(bundled.graph), encoding="utf-8")
    opened = open_page(chromium, path)
    page = opened.page
    page.fill("#kg-search", "emotional support")
    everything = page.evaluate("window.kgPage.searchHits.slice()")
    kinds = {n["id"]: n["kind"] for n in page.evaluate("window.kgPage.data.nodes")}
    assert "support-type" in {kinds[h] for h in everything}
    page.uncheck(".kg-kind-filter[value=support-type]")
    visible = [h for h in everything if kinds[h] != "support-type"]
    assert page.evaluate("window.kgPage.searchHits") == visible
    assert page.inner_text("#kg-status").endswith(f"nodes shown, {len(visible)} match(es)")
    landed = []
    for _ in range(len(visible) + 1):
        page.press("#kg-search", "Enter")
        landed.append(page.evaluate("window.kgPage.selected"))
        assert page.evaluate("(id) => !window.kgPage.nodes.get(id).hidden", landed[-1])
        assert page.inner_text("#kg-status").endswith(f"of {len(visible)} match(es)")
    assert set(landed) == set(visible)
    page.check(".kg-kind-filter[value=support-type]")
    assert page.evaluate("window.kgPage.searchHits") == everything
    assert opened.errors == []


def test_evidence_details_name_the_corpus_of_a_shared_claim_id(merged_graph_file, chromium, tmp_path):
    """In a graph of two corpora, a cell lists both claims "C13", each with its corpus."""
    from kg.viz.commands import load_graph

    graph, _name = load_graph(merged_graph_file)
    path = tmp_path / "evidence.html"
    path.write_text(render_html(graph, view="evidence"), encoding="utf-8")
    opened = open_page(chromium, path)
    page = opened.page
    data = page.evaluate("window.kgPage.data")
    cell = next(c for c in data["cells"] if any(data["claims"][i]["id"] == "C13" for i in c["claims"]))
    # The cell key holds a NUL, which a CSS selector cannot name.
    page.evaluate("(key) => [...document.querySelectorAll('.kg-dot')]"
                  ".find(d => d.getAttribute('data-cell') === key).click()",
                  f"{cell['support_type']}\u0000{cell['outcome']}")
    headings = page.locator("#kg-details h3.kg-claim").all_inner_texts()
    assert len(headings) == len(cell["claims"])
    assert {h.split(":", 1)[0] for h in headings if h.startswith("C13")} == {
        "C13 (community-support)", "C13 (community-support-two)"}
    assert opened.errors == []
