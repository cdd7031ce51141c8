"""The page: a networkx view becomes one self-contained, offline HTML file.

The nodes and edges are held in a pyvis ``Network`` (filled in bulk, so
building stays linear in the number of edges), positioned by
:func:`kg.viz.views.layered_layout` (a focus view by
:func:`~kg.viz.views.radial_layout`) with physics off, and written with the
project's own template: vis-network's script and style (shipped inside the
pyvis package) are inlined, nothing is fetched from the network, and every
text from the inputs travels as JSON inside a ``<script type="application/json">``
block (``<``, ``>``, ``&`` escaped) and reaches the page only through
``textContent``.
"""

from __future__ import annotations

import html
import json
from collections import defaultdict
from importlib import resources
from pathlib import Path
from typing import Any

import networkx as nx
from pyvis.network import Network

from kg.ingest.text import without_lone_surrogates
from kg.viz.views import KINDS, EvidenceMap, layered_layout, radial_layout, sizes

#: Colour, vis-network shape (the legend draws the same shape) and legend name per node kind.
STYLE: dict[str, tuple[str, str, str]] = {
    "theory": ("#7b3fa0", "diamond", "Theories"),
    "support-type": ("#1f77b4", "square", "Support types"),
    "outcome": ("#2ca02c", "triangle", "Outcomes"),
    "claim": ("#ff7f0e", "dot", "Claims"),
    "work": ("#d62728", "box", "Works"),
    "author": ("#7f7f7f", "ellipse", "Authors"),
    "other": ("#8c564b", "triangleDown", "Other (no known type)"),
}
#: Cell colours of the evidence map by number of independent sources (0, 1, 2, 3+).
SOURCE_COLORS = ("#b0b0b0", "#f0a35e", "#4f9fd9", "#1b5e9b")

HELP = {
    "graph": "Every theory, support type, outcome, claim, source and author of the review. "
             "Click a node to read it and to highlight its neighbours; search by name; "
             "filter by kind or by one concept.",
    "focus": "The neighbourhood of one node. Click a node to read it; search by name.",
    "concepts": "Theories, the support types their claims discuss and the outcomes claimed; "
                "an edge's number is how many claims link the two.",
    "evidence": "Support types (rows) by outcomes (columns). A circle's size is the number of claims; "
                "its colour the number of independent sources (grey none, orange one, blue two, dark blue "
                "three or more). Click a circle to list the claims with their quotes and sources.",
}


def _vis_asset(name: str) -> str:
    import pyvis

    base = Path(pyvis.__file__).parent / "templates" / "lib" / "vis-9.1.2"
    return (base / name).read_text(encoding="utf-8")


def _own_asset(name: str) -> str:
    return resources.files("kg.viz").joinpath(name).read_text(encoding="utf-8")


def script_json(value: Any) -> str:
    """JSON that is safe inside a ``<script>`` element.

    >>> script_json({"t": "</script><b>&"})
    '{"t": "\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e\\\\u0026"}'
    """
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    return (
        text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
        .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    )


def _directed(u: str, v: str, data: dict[str, Any]) -> tuple[str, str, dict[str, Any]]:
    """An edge's ends in its true direction: from its ``tail`` (see :mod:`kg.viz.views`)."""
    return (v, u, data) if data.get("tail") == v else (u, v, data)


def to_network(view: nx.Graph) -> Network:
    """Hold the view in a pyvis Network, positions precomputed, physics off.

    pyvis's ``add_edge`` scans every earlier edge for duplicates (quadratic),
    so nodes and edges are appended in bulk.
    """
    net = Network(height="100%", width="100%", directed=False, cdn_resources="local")
    centre = view.graph.get("focus")
    positions = radial_layout(view, centre) if centre in view else layered_layout(view)
    size = sizes(view)
    nodes = []
    for node in sorted(view.nodes, key=str):
        data = view.nodes[node]
        color, shape, _name = STYLE[data["kind"]]
        x, y = positions[node]
        nodes.append({
            "id": node, "label": data["label"], "title": data["title"], "kind": data["kind"],
            "color": color, "shape": shape, "size": round(size[node], 2), "x": round(x, 1), "y": round(y, 1),
            "physics": False,
        })
    net.nodes = nodes
    net.node_ids = [n["id"] for n in nodes]
    net.node_map = {n["id"]: n for n in nodes}
    net.edges = sorted(
        ({"from": a, "to": b, "relation": d.get("relation", ""), "label": d.get("label", ""),
          "width": 1 + min(int(d.get("weight", 1)), 8) if "weight" in d else 1}
         for a, b, d in (_directed(u, v, d) for u, v, d in view.edges(data=True))),
        key=lambda e: (str(e["from"]), str(e["to"]), str(e["relation"])),
    )
    net.toggle_physics(False)
    return net


CONCEPT_FILTERS = (("theory", "Theory"), ("support-type", "Support type"), ("outcome", "Outcome"))


def _claim_index(whole: nx.Graph) -> tuple[list[str], list[list[int]], dict[str, list[int]]]:
    """What the concept filters need, from the whole graph.

    Returns the concepts (ids), for each claim the indices of its concepts,
    and for each node the indices of the claims it belongs to: a claim itself,
    a concept's tagged claims, a work's citing claims, an author's claims
    through their works.
    """
    concept_kinds = {k for k, _ in CONCEPT_FILTERS}
    concepts = sorted(n for n, d in whole.nodes(data=True) if d["kind"] in concept_kinds)
    concept_at = {c: i for i, c in enumerate(concepts)}
    claims = sorted(n for n, d in whole.nodes(data=True) if d["kind"] == "claim")
    tags: list[list[int]] = []
    member: dict[str, set[int]] = defaultdict(set)
    for i, claim in enumerate(claims):
        member[claim].add(i)
        mine = []
        for other in whole.neighbors(claim):
            kind = whole.nodes[other]["kind"]
            if kind in concept_kinds:
                mine.append(concept_at[other])
                member[other].add(i)
            elif kind in ("work", "other"):  # an untyped node a claim cites belongs to it as a work does
                member[other].add(i)
                for author in whole.neighbors(other):
                    if whole.nodes[author]["kind"] == "author":
                        member[author].add(i)
        tags.append(sorted(mine))
    return concepts, tags, {n: sorted(v) for n, v in member.items()}


#: For the views that show only what claims link: what a claim must link, and the view's name.
_NEEDS_LINKS = {"concepts": ("a theory to a support type, or a support type to an outcome", "concept map"),
                "evidence": ("a support type to an outcome", "evidence map")}


def empty_message(view_name: str, whole: nx.Graph) -> str:
    """What the page says when its view has nothing to draw: what is missing.

    A corpus with concepts and works but no claim has an empty concept map
    and evidence map, yet it is not an empty graph.
    """
    if view_name not in _NEEDS_LINKS or not whole.number_of_nodes():
        return "This graph is empty: the corpus has no claims, works or concepts to show."
    what, name = _NEEDS_LINKS[view_name]
    no_claims = not any(d["kind"] == "claim" for _, d in whole.nodes(data=True))
    return f"No claim links {what}, so the {name} is empty{'; the graph has no claims' if no_claims else ''}."


def page_data(view: nx.Graph, view_name: str, title: str, evidence: EvidenceMap | None = None,
              whole: nx.Graph | None = None) -> dict[str, Any]:
    """Everything the page script needs, as plain JSON-able data.

    Args:
        view: the nodes and edges to draw.
        view_name: ``graph``, ``focus``, ``concepts`` or ``evidence``.
        title: the page title.
        evidence: the evidence map (for the ``evidence`` view).
        whole: the whole graph the view was cut from; the concept filters
            follow its claims (default: ``view`` itself).
    """
    counts = {k: 0 for k in KINDS}
    for _, attrs in view.nodes(data=True):
        counts[attrs["kind"]] += 1
    kinds = [
        {"kind": k, "color": STYLE[k][0], "shape": STYLE[k][1], "name": STYLE[k][2], "count": counts[k]}
        for k in KINDS if counts[k]
    ]
    data: dict[str, Any] = {
        "view": view_name, "title": title, "kinds": kinds, "nodes": [], "edges": [],
        "empty": empty_message(view_name, view if whole is None else whole),
        "focus": view.graph.get("focus"), "filters": [], "sourceColors": list(SOURCE_COLORS),
    }
    if evidence is not None:
        data.update(
            rows=[list(r) for r in evidence.rows], columns=[list(c) for c in evidence.columns],
            cells=[{"support_type": c.support_type, "outcome": c.outcome, "claims": list(c.claims),
                    "sources": c.sources} for c in evidence.cells],
            claims=evidence.claims,
        )
        for claim in data["claims"].values():
            claim.pop("works", None)
        return data
    whole = view if whole is None else whole
    concepts, tags, member = _claim_index(whole)
    net = to_network(view)
    # Compact on purpose (10,000 nodes): colour and shape come from the kind,
    # edges name their ends by node index, the page derives the search text.
    index = {node["id"]: i for i, node in enumerate(net.nodes)}
    for node in net.nodes:
        attrs = view.nodes[node["id"]]
        details = [list(p) for p in attrs.get("details", ()) if p[1]]
        data["nodes"].append({**{k: node[k] for k in ("id", "label", "title", "kind", "size", "x", "y")},
                              "details": details, "claims": member.get(node["id"], [])})
    data["edges"] = [[index[e["from"]], index[e["to"]], e["relation"], e["label"], e["width"]] for e in net.edges]
    data["concepts"], data["claimTags"] = concepts, tags
    for kind, name in CONCEPT_FILTERS:
        options = sorted(((i, str(whole.nodes[c].get("name", ""))) for i, c in enumerate(concepts)
                          if whole.nodes[c]["kind"] == kind), key=lambda o: (o[1].lower(), o[0]))
        if options:
            data["filters"].append({"kind": kind, "name": name, "options": [list(o) for o in options]})
    return data


def render_page(data: dict[str, Any]) -> str:
    """The HTML of a page (one file; no external resource), always encodable as UTF-8."""
    vis_js = _vis_asset("vis-network.min.js").replace("</script", "<\\/script")
    vis_css = _vis_asset("vis-network.css")
    own_js = _own_asset("page.js").replace("</script", "<\\/script")
    title = html.escape(str(data["title"]))
    view = str(data["view"])
    body = '<div id="kg-grid"></div>' if view == "evidence" else '<div id="kg-network"></div>'
    return without_lone_surrogates(f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; connect-src 'none'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>{vis_css}</style>
<style>{_own_asset("page.css")}</style>
</head>
<body>
<header>
<h1>{title}</h1>
<input id="kg-search" type="search" placeholder="Search nodes…" aria-label="Search nodes">
<span id="kg-filters"></span>
<button id="kg-help-toggle" type="button">What is this?</button>
<span id="kg-status" role="status"></span>
</header>
<main>
<aside id="kg-side">
<div id="kg-help" hidden><p>{html.escape(HELP.get(view, ""))}</p></div>
<h2>Legend</h2>
<div id="kg-legend"></div>
</aside>
{body}
<section id="kg-details" aria-live="polite"><h2>Details</h2><p>Click a node to see its details here.</p></section>
</main>
<script type="application/json" id="kg-data">{script_json(data)}</script>
<script>{vis_js}</script>
<script>{own_js}</script>
</body>
</html>
""")
