"""Hostile strings from the inputs never run in the reader's browser; bad input gets clear errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, RDF, SKOS

from kg.cli import main
from kg.viz import ViewError, render_html
from kg.vocab import FABIO, KG, OA

from browser_helpers import browser, open_page, screenshot

HOSTILE = [
    "<script>window.__pwned = 1; alert(1)</script>",
    '"><img src=x onerror="window.__pwned=2">',
    "</script><script>window.__pwned=3</script>",
    "<a href=\"javascript:window.__pwned=4\">href</a>",
    "' onmouseover='window.__pwned=5' x='",
]


def hostile_graph(bundled_graph: Graph) -> Graph:
    """The bundled graph with hostile text in titles, names, statements, quotes, sections and labels."""
    graph = Graph()
    for triple in bundled_graph:
        graph.add(triple)
    works = sorted(graph.subjects(RDF.type, FABIO.Work), key=str)
    for work, text in zip(works, HOSTILE):
        for p in (KG.label, KG.formatted, DCTERMS.title):
            graph.set((work, p, Literal(text)))
    claims = sorted(graph.subjects(RDF.type, KG.Claim), key=str)
    for claim, text in zip(claims, HOSTILE):
        graph.set((claim, KG.statement, Literal(text)))
        graph.set((claim, KG.section, Literal(text)))
    for selector, text in zip(sorted(graph.subjects(RDF.type, OA.TextQuoteSelector), key=str), HOSTILE * 20):
        graph.set((selector, OA.exact, Literal(text)))
    concepts = sorted(graph.subjects(RDF.type, SKOS.Concept), key=str)
    for concept, text in zip(concepts, HOSTILE):
        graph.set((concept, SKOS.prefLabel, Literal(text, lang="en")))
        graph.set((concept, SKOS.definition, Literal(text, lang="en")))
    people = sorted(graph.subjects(RDF.type, FOAF.Person), key=str)
    for person, text in zip(people, HOSTILE):
        graph.set((person, FOAF.name, Literal(text)))
    return graph


def test_hostile_text_is_escaped_in_the_html(bundled):
    """No markup from the inputs appears unescaped in the page source."""
    page = render_html(hostile_graph(bundled.graph))
    data = page.split('id="kg-data">', 1)[1].split("</script>", 1)[0]
    assert "<" not in data and ">" not in data
    for text in HOSTILE:
        if "<" in text:
            assert text not in page


@pytest.mark.browser
@pytest.mark.parametrize("view", ["graph", "concepts", "evidence", "focus"])
def test_hostile_text_never_executes(bundled, tmp_path, view):
    """Opening, searching and clicking through a hostile page runs no injected script."""
    graph = hostile_graph(bundled.graph)
    path = tmp_path / f"{view}.html"
    path.write_text(render_html(graph, view=view, focus="C10" if view == "focus" else None), encoding="utf-8")
    with browser() as chromium:
        opened = open_page(chromium, path)
        page = opened.page
        if view == "evidence":
            for dot in page.query_selector_all(".kg-dot")[:6]:
                dot.click()
        else:
            page.fill("#kg-search", "script")
            for node_id in page.evaluate("window.kgPage.data.nodes.map(n => n.id)")[:40]:
                page.evaluate("(id) => window.kgPage.select(id)", node_id)
        screenshot(opened, f"hostile-{view}")
        assert page.evaluate("window.__pwned") is None
        assert opened.dialogs == []
        assert opened.blocked == []
        assert page.evaluate("document.querySelectorAll('#kg-details script, #kg-details img').length") == 0


def test_unknown_focus_suggests_the_nearest(bundled):
    """A focus id that does not exist is an error with suggestions."""
    with pytest.raises(ViewError, match=r"no claim, work, author or concept 'C100'.*did you mean 'C10'"):
        render_html(bundled.graph, view="focus", focus="C100")


@pytest.mark.parametrize(("focus", "label"), [("C10", "C10"), ("chinman2014", "Chinman et al. 2014"),
                                              ("holt-lunstad et", "Holt-Lunstad et al. 2010"), ("peer-support", "Peer support groups"),
                                              ("  Peer Support Groups ", "Peer support groups")],
                         ids=["claim", "citekey", "part-of-one-name", "concept-id", "concept-name"])
def test_focus_finds_a_node_by_id_or_name(bundled, focus, label):
    """A focus can be an id, a name, or part of exactly one name."""
    from kg.viz.views import find_node, whole_graph

    view = whole_graph(bundled.graph)
    assert view.nodes[find_node(view, focus)]["label"] == label


def test_ambiguous_focus_lists_the_candidates(bundled):
    """Text that is part of several names is an error listing them."""
    with pytest.raises(ViewError, match=r"--focus 'Cohen' matches \d+ nodes: .*'Cohen, S\.'.*give one of them"):
        render_html(bundled.graph, focus="Cohen")


NUMERIC = Path(__file__).resolve().parents[1] / "data" / "numeric"


@pytest.mark.parametrize("focus", ["Smith & Brown 2019", "smith & brown"], ids=["whole-name", "part-of-names"])
def test_focus_that_names_several_nodes_lists_them(focus):
    """A name two works share (in full or in part) is an error listing both with their ids and IRIs,
    not a silent pick of the first."""
    from kg.pipeline import build

    with pytest.raises(ViewError, match=(
            rf"--focus '{focus}' matches 2 nodes: 'smith2019peer' <https://w3id.org/kg/id/work/smith2019peer>, "
            r"'smith2019peerb' <https://w3id.org/kg/id/work/smith2019peerb>; give one of them")):
        render_html(build(NUMERIC).graph, focus=focus)


def test_listed_ids_and_iris_pick_one_node():
    """Each candidate the error lists, by id or by IRI, focuses on that node."""
    from kg.pipeline import build
    from kg.viz.views import find_node, whole_graph

    view = whole_graph(build(NUMERIC).graph)
    for pick in ("smith2019peerb", "https://w3id.org/kg/id/work/smith2019peerb"):
        assert find_node(view, pick) == "https://w3id.org/kg/id/work/smith2019peerb"


def test_claim_id_two_corpora_share_is_ambiguous(merged_graph_file):
    """In a graph of two corpora, "C13" names two claims: the error lists both IRIs, either of which works."""
    from kg.viz.commands import load_graph
    from kg.viz.views import find_node, whole_graph

    graph, _name = load_graph(merged_graph_file)
    with pytest.raises(ViewError, match=r"matches 2 nodes: 'C13' <\S+/community-support-two/claim/C13>, "
                                        r"'C13' <\S+/community-support/claim/C13>; give one of them"):
        render_html(graph, focus="C13")
    view = whole_graph(graph)
    for corpus in ("community-support", "community-support-two"):
        iri = f"https://w3id.org/kg/id/{corpus}/claim/C13"
        assert find_node(view, iri) == iri


def test_empty_focus_is_an_error_whatever_the_view():
    """An empty focus is refused with or without the focus view (without, it once gave the whole graph)."""
    for view in ("graph", "focus"):
        with pytest.raises(ViewError, match="--focus is empty"):
            render_html(Graph(), view=view, focus=" ")


def test_lone_surrogate_in_a_graph_file_is_replaced(runner, tmp_path, bundled):
    """A lone surrogate (a Turtle escape, half of an emoji) becomes U+FFFD on the page; it once crashed
    `kg viz` with a UnicodeEncodeError."""
    text = bundled.graph.serialize(format="turtle")
    assert '"Recovery Model"@en' in text
    source, out = tmp_path / "surrogate.ttl", tmp_path / "surrogate.html"
    source.write_text(text.replace('"Recovery Model"@en', '"Recovery \\uD83D Model"@en', 1), encoding="utf-8")
    for view in ("graph", "concepts"):  # the views that show the theory "Recovery Model"
        result = runner.invoke(main, ["viz", str(source), "--view", view, "-o", str(out)])
        assert result.exit_code == 0, result.output
        page = out.read_text(encoding="utf-8")
        assert "Recovery \ufffd Model" in page and "\ud83d" not in page


@pytest.mark.browser
@pytest.mark.parametrize("view", ["graph", "concepts", "evidence"])
def test_empty_graph_gives_a_page_that_says_so(tmp_path, view):
    """An empty graph renders a page that opens without errors and says it is empty."""
    path = tmp_path / f"empty-{view}.html"
    path.write_text(render_html(Graph(), view=view), encoding="utf-8")
    with browser() as chromium:
        opened = open_page(chromium, path)
        assert "This graph is empty" in opened.page.inner_text(".kg-empty")
        assert opened.errors == [] and opened.blocked == []


def test_cli_unwritable_output_and_bad_focus(runner, tmp_path, corpus_copy):
    """The CLI reports an unwritable path and an unknown focus with exit 1 and writes nothing."""
    result = runner.invoke(main, ["viz", str(corpus_copy), "-o", str(tmp_path / "missing" / "p.html")])
    assert result.exit_code == 1 and "does not exist" in result.stderr
    out = tmp_path / "p.html"
    result = runner.invoke(main, ["viz", str(corpus_copy), "--focus", "nobody", "-o", str(out)])
    assert result.exit_code == 1 and "no claim, work, author or concept 'nobody'" in result.stderr
    assert not out.exists()


def test_cli_reads_a_graph_file(runner, tmp_path, corpus_copy):
    """`kg viz FILE.trig` renders a graph written by `kg build`; same graph, same bytes."""
    graph_file = tmp_path / "g.trig"
    assert runner.invoke(main, ["build", str(corpus_copy), "-o", str(graph_file)]).exit_code == 0
    first, second = tmp_path / "a.html", tmp_path / "b.html"
    assert runner.invoke(main, ["viz", str(graph_file), "-o", str(first)]).exit_code == 0
    assert runner.invoke(main, ["viz", str(corpus_copy), "-o", str(second)]).exit_code == 0
    assert first.read_bytes() == second.read_bytes()


def test_notebook_page_is_an_isolated_iframe(bundled):
    """In Jupyter the page renders inside a sandboxed iframe with its markup escaped."""
    from kg.viz import show

    shown = show(bundled.graph, view="evidence")._repr_html_()
    assert shown.startswith('<iframe srcdoc="&lt;!DOCTYPE html&gt;')
    assert 'sandbox="allow-scripts"' in shown
    assert "<script" not in shown


@pytest.mark.browser
def test_hover_tooltip_is_plain_text(bundled, tmp_path):
    """Hovering a node whose title holds markup and "href" shows that markup as text in the tooltip."""
    graph = hostile_graph(bundled.graph)
    path = tmp_path / "graph.html"
    path.write_text(render_html(graph), encoding="utf-8")
    with browser() as chromium:
        opened = open_page(chromium, path)
        page = opened.page
        target = next(n for n in page.evaluate("window.kgPage.data.nodes") if n["title"] == HOSTILE[3])
        page.evaluate("(id) => window.kgPage.network.focus(id, {scale: 1.5, animation: false})", target["id"])
        point = page.evaluate("(id) => window.kgPage.network.canvasToDOM(window.kgPage.network.getPositions([id])[id])",
                              target["id"])
        box = page.locator("#kg-network").bounding_box()
        page.mouse.move(box["x"] + point["x"] - 3, box["y"] + point["y"])
        page.mouse.move(box["x"] + point["x"], box["y"] + point["y"])
        page.wait_for_selector("div.vis-tooltip", state="visible", timeout=5000)
        tip = page.locator("div.vis-tooltip")
        assert tip.inner_text() == HOSTILE[3]
        assert page.evaluate("document.querySelectorAll('div.vis-tooltip a, div.vis-tooltip script').length") == 0
        screenshot(opened, "hostile-tooltip")
        assert page.evaluate("window.__pwned") is None and opened.errors == []


def cyclic_graph() -> Graph:
    """The tiny corpus's graph with a concept broader than itself and a two-concept cycle
    (a graph file can hold what ``kg build`` refuses)."""
    from kg.pipeline import build
    from kg.viz.views import find_node, whole_graph

    graph = build(Path(__file__).resolve().parents[1] / "data" / "tiny").graph
    view = whole_graph(graph)
    exercise, group, sleep = (URIRef(find_node(view, c)) for c in ("exercise", "group-exercise", "sleep"))
    graph.add((exercise, SKOS.broader, group))  # group-exercise is already narrower than exercise
    graph.add((sleep, SKOS.broader, sleep))
    return graph


@pytest.mark.parametrize(("view", "focus"), [("graph", None), ("concepts", None), ("evidence", None),
                                             ("focus", "exercise"), ("focus", "sleep")])
def test_cyclic_concept_hierarchy_still_renders(view, focus):
    """Cycles of skos:broader in a graph file end no view in a loop; the links are drawn once each."""
    page = render_html(cyclic_graph(), view=view, focus=focus, depth=10)
    data = json.loads(page.split('id="kg-data">', 1)[1].split("</script>", 1)[0])
    if view in ("graph", "focus"):
        labels = [n["label"] for n in data["nodes"]]
        narrower = sorted((labels[a], labels[b]) for a, b, relation, *_ in data["edges"] if relation == "narrower than")
        # The tiny graph is connected, so ten links around any node reach every concept.
        assert narrower == [("Group exercise", "Exercise"), ("Sleep quality", "Sleep quality")]


@pytest.mark.browser
def test_cyclic_concept_hierarchy_opens_in_the_browser(tmp_path, runner):
    """`kg viz` of a graph file with broader cycles writes a page that opens and draws every edge."""
    graph_file, out = tmp_path / "cyclic.trig", tmp_path / "cyclic.html"
    cyclic_graph().serialize(graph_file, format="trig")
    result = runner.invoke(main, ["viz", str(graph_file), "-o", str(out)])
    assert result.exit_code == 0, result.output
    with browser() as chromium:
        opened = open_page(chromium, out)
        assert opened.errors == [] and opened.blocked == []
        assert opened.page.evaluate("window.kgPage.network.body.edgeIndices.length") == len(
            opened.page.evaluate("window.kgPage.data.edges"))
