"""Views: an RDF graph of kg becomes a networkx graph of what students browse.

Node kinds, in layer order: theory, support-type, outcome, claim, work,
author, and ``other`` for a node the graph links to but gives no type the
views know (a graph file can hold what ``kg build`` never writes).  Every
node carries ``kind``, ``name`` (in full), ``label`` (short, for the canvas),
``title`` (hover text) and ``details`` (ordered ``(field, text)`` pairs for the
side panel; a ``link`` field holds a URL).  Texts are plain strings here: the
page escapes them wherever they land.

The views are undirected (a neighbourhood reaches both ways), so every edge
carries its true direction in ``tail`` (claim -> work for ``cites``, narrower
-> broader concept, work -> author, claim -> concept, theory -> support type
-> outcome): the page draws ``tail`` -> the other end, whatever order
networkx keeps the ends in.
"""

from __future__ import annotations

import difflib
import math
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import quote

import networkx as nx
from rdflib import Graph, URIRef
from rdflib.term import Node
from rdflib.namespace import DCTERMS, FOAF, RDF, RDFS, SKOS

from kg.errors import KgError
from kg.vocab import BIBO, CITO, CONCEPT_CLASSES, FABIO, KG, OA

KINDS: tuple[str, ...] = ("theory", "support-type", "outcome", "claim", "work", "author", "other")
CONCEPT_KINDS: dict[Node, str] = {v: k for k, v in CONCEPT_CLASSES.items()}
VIEWS: tuple[str, ...] = ("graph", "focus", "concepts", "evidence")


class ViewError(KgError, ValueError):
    """A view cannot be made: unknown focus id, unknown view."""


def _text(graph: Graph, subject: Node, predicate: URIRef) -> str:
    value = graph.value(subject, predicate)
    return str(value) if value is not None else ""


def _short(text: str, limit: int = 30) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


@dataclass(frozen=True, slots=True)
class EvidenceCell:
    """One cell of the evidence map: claims about a support type and an outcome.

    ``claims`` are claim nodes (IRIs) in the order of their ids; ``sources``
    counts the distinct works they cite.
    """

    support_type: str
    outcome: str
    claims: tuple[str, ...]
    sources: int


@dataclass(frozen=True, slots=True)
class EvidenceMap:
    """Support types (rows) x outcomes (columns) with the claims behind each cell.

    Rows and columns are ``(node, label)`` pairs; ``claims`` maps each claim
    node to what the page shows of it.
    """

    rows: tuple[tuple[str, str], ...]
    columns: tuple[tuple[str, str], ...]
    cells: tuple[EvidenceCell, ...]
    claims: dict[str, dict[str, object]]


def _link(view: nx.Graph, tail: str, head: str, relation: str, **extra: object) -> None:
    """Add the edge ``tail`` -> ``head`` (its direction kept in ``tail``)."""
    view.add_edge(tail, head, relation=relation, tail=tail, **extra)


def _sorted(nodes: Iterable[Node]) -> list[Node]:
    """RDF terms in one fixed order (a store's own order need not be the same each run)."""
    return sorted(set(nodes), key=str)


#: What stays unencoded in a doi.org link: the DOI Handbook's URL encoding rules make
#: ``%``, ``"``, ``#``, space and ``?`` mandatory to encode and ``< > { } ^ [ ] ` | \\ +``
#: recommended; everything else a URL path may hold is kept, ``/`` above all.
_DOI_SAFE = "/:;()@&=$!*',"


def doi_url(doi: str) -> str:
    """The doi.org link of a DOI, percent-encoded as the DOI Handbook asks, so that
    a '#' or '?' in a DOI (old Wiley SICI ones have them) reaches the resolver.

    >>> doi_url("10.1002/(SICI)1097-4679(199908)55:8<1019::AID-JCLP8>3.0.CO;2-#")
    'https://doi.org/10.1002/(SICI)1097-4679(199908)55:8%3C1019::AID-JCLP8%3E3.0.CO;2-%23'
    """
    return "https://doi.org/" + quote(doi, safe=_DOI_SAFE)


def _corpus_of(graph: Graph, claim: Node) -> str:
    """The corpus a claim was read from: the id of the review it is part of."""
    review = graph.value(claim, DCTERMS.isPartOf)
    if review is None:
        return ""
    return _text(graph, review, DCTERMS.identifier) or str(review).rstrip("/").rsplit("/", 1)[-1]


def _mark_shared_claim_ids(graph: Graph, view: nx.Graph) -> None:
    """Name the corpus of each claim whose id another claim also has.

    A graph merged from several corpora holds one ``C01`` per corpus; the
    corpus is what tells them apart in the details (and the evidence map).
    """
    claims = [(n, d) for n, d in view.nodes(data=True) if d.get("kind") == "claim"]
    uses = Counter(d["key"] for _, d in claims)
    for node, data in claims:
        if uses[data["key"]] > 1:
            data["corpus"] = _corpus_of(graph, URIRef(node))
            data["details"] = (*data["details"], ("Corpus", data["corpus"]))


def _describe_untyped(graph: Graph, view: nx.Graph) -> None:
    """Give kind ``other`` to the nodes only a link brought in.

    A graph file may cite or tag something it gives no type the views know
    (``kg build`` never writes one); it is shown, not dropped, under whatever
    label the graph has for it.
    """
    for node, data in view.nodes(data=True):
        if "kind" in data:
            continue
        term = URIRef(node)
        name = next((str(v) for p in (SKOS.prefLabel, KG.label, DCTERMS.title, FOAF.name, RDFS.label)
                     if (v := graph.value(term, p)) is not None),
                    node.rstrip("/").rsplit("/", 1)[-1] or node)
        data.update(kind="other", name=name, key=name, label=_short(name), title=f"{name} (no known type)",
                    details=(("Node", name), ("Kind", "none the graph gives (not a concept, claim, work or author)"),
                             ("IRI", node)))


def whole_graph(graph: Graph) -> nx.Graph:
    """Every concept, claim, work and author, with the links between them."""
    view = nx.Graph()
    concepts = sorted(set(graph.subjects(RDF.type, SKOS.Concept)), key=str)
    for concept in concepts:
        kind = next((CONCEPT_KINDS[t] for t in _sorted(graph.objects(concept, RDF.type)) if t in CONCEPT_KINDS),
                    "outcome")
        label = _text(graph, concept, SKOS.prefLabel)
        alt = sorted(str(a) for a in graph.objects(concept, SKOS.altLabel))
        view.add_node(
            str(concept),
            kind=kind,
            name=label,
            key=_text(graph, concept, SKOS.notation),
            label=_short(label),
            title=f"{label} ({kind})",
            details=(("Concept", label), ("Kind", kind), ("Definition", _text(graph, concept, SKOS.definition)),
                     ("Also called", ", ".join(alt)), ("Id", _text(graph, concept, SKOS.notation))),
        )
    for concept in concepts:
        for parent in _sorted(graph.objects(concept, SKOS.broader)):
            _link(view, str(concept), str(parent), "narrower than")
    works = sorted(set(graph.subjects(RDF.type, FABIO.Work)), key=str)
    for work in works:
        label = _text(graph, work, KG.label) or _text(graph, work, DCTERMS.title)
        doi = _text(graph, work, BIBO.doi)
        details = [("Work", label), ("Reference", _text(graph, work, KG.formatted) or _text(graph, work, DCTERMS.title)),
                   ("Printed", f"{_text(graph, work, KG.printedCount) or 1} time(s) in the reference list"),
                   ("Citekey", _text(graph, work, KG.citekey))]
        if doi:
            details.append(("link", doi_url(doi)))
        view.add_node(str(work), kind="work", name=label, key=_text(graph, work, KG.citekey), label=_short(label),
                      title=_text(graph, work, KG.formatted) or label, details=tuple(details))
        for author in _sorted(graph.objects(work, DCTERMS.creator)):
            name = _text(graph, author, FOAF.name) or str(author)
            if str(author) not in view:
                view.add_node(str(author), kind="author", name=name, key=name, label=_short(name), title=name,
                              details=(("Author", name),))
            _link(view, str(work), str(author), "written by")
    for claim in sorted(set(graph.subjects(RDF.type, KG.Claim)), key=str):
        cid = _text(graph, claim, DCTERMS.identifier)
        statement = _text(graph, claim, KG.statement)
        quote = ""
        annotation = graph.value(claim, KG.annotation)
        if annotation is not None:
            target = graph.value(annotation, OA.hasTarget)
            for selector in _sorted(graph.objects(target, OA.hasSelector)) if target is not None else ():
                if (selector, RDF.type, OA.TextQuoteSelector) in graph:
                    quote = _text(graph, selector, OA.exact)
        stance = str(graph.value(claim, KG.stance) or "").rsplit("#", 1)[-1].lower()
        view.add_node(
            str(claim), kind="claim", name=cid, key=cid, label=cid, title=statement,
            details=(("Claim", cid), ("Statement", statement), ("Quote", quote),
                     ("Section", _text(graph, claim, KG.section)), ("Stance", stance)),
        )
        for predicate in (KG.theory, KG.supportType, KG.outcome):
            for concept in _sorted(graph.objects(claim, predicate)):
                _link(view, str(claim), str(concept), "about")
        for work in _sorted(graph.objects(claim, CITO.cites)):
            _link(view, str(claim), str(work), "cites")
    _mark_shared_claim_ids(graph, view)
    _describe_untyped(graph, view)
    return view


def _candidates(view: nx.Graph, nodes: Iterable[str]) -> str:
    """Nodes listed so the user can pick one: each one's id and its IRI
    (the IRI alone tells apart two claims ``C01`` of two corpora)."""
    shown = sorted((str(view.nodes[n].get("key") or view.nodes[n].get("name") or n), n) for n in nodes)
    more = f" and {len(shown) - 8} more" if len(shown) > 8 else ""
    return ", ".join(f"{key!r} <{node}>" for key, node in shown[:8]) + more


def find_node(view: nx.Graph, focus: str) -> str:
    """The node a user means by ``focus``: a claim id, citekey, concept id,
    author name, label or IRI; else the one node whose id or name contains it.

    Raises:
        ViewError: nothing matches (the message suggests the nearest ids), or
            the text is the name, or part of the names, of several nodes (the
            message lists them with their IRIs).
    """
    names: dict[str, set[str]] = defaultdict(set)
    for node, data in view.nodes(data=True):
        for name in (node, data.get("key", ""), data.get("name", ""), data.get("label", "")):
            if name:
                names[str(name).lower()].add(node)
    wanted = focus.strip().lower()
    found = names.get(wanted) or {node for name, nodes in names.items() if wanted and wanted in name
                                  for node in nodes}
    if len(found) == 1:
        return next(iter(found))
    if found:
        raise ViewError(f"--focus '{focus}' matches {len(found)} nodes: {_candidates(view, found)}; "
                        "give one of them (its id, or its IRI where ids repeat)")
    keys = sorted({str(d.get("key")) for _, d in view.nodes(data=True) if d.get("key")})
    close = difflib.get_close_matches(focus, keys, n=3, cutoff=0.5)
    hint = f" (did you mean {', '.join(repr(c) for c in close)}?)" if close else ""
    raise ViewError(f"no claim, work, author or concept '{focus}' in the graph{hint}; use an id such as a claim id "
                    "(C01), a citekey, a concept id or an author name")


def focus_graph(view: nx.Graph, focus: str, depth: int = 1) -> nx.Graph:
    """The neighbourhood of one node, ``depth`` links deep.

    Nodes and edges keep the order (and edges their ``tail``) of ``view``:
    unlike ``nx.ego_graph``, whose order follows a set (and so the hash
    seed), the same graph always gives the same neighbourhood.
    """
    if depth < 1:
        raise ViewError(f"--depth must be 1 or more, got {depth}")
    centre = find_node(view, focus)
    near = nx.single_source_shortest_path_length(view, centre, cutoff=depth)
    sub = nx.Graph(focus=centre)
    sub.add_nodes_from((node, data) for node, data in view.nodes(data=True) if node in near)
    sub.add_edges_from((a, b, data) for a, b, data in view.edges(data=True) if a in near and b in near)
    return sub


def concept_map(view: nx.Graph) -> nx.Graph:
    """Theory -> support type -> outcome, each edge weighted by the claims behind it."""
    counts: dict[tuple[str, str], set[str]] = defaultdict(set)
    for claim, data in view.nodes(data=True):
        if data["kind"] != "claim":
            continue
        tagged: dict[str, list[str]] = defaultdict(list)
        for other in view.neighbors(claim):
            tagged[view.nodes[other]["kind"]].append(other)
        for left_kind, right_kind in (("theory", "support-type"), ("support-type", "outcome")):
            for left in tagged[left_kind]:
                for right in tagged[right_kind]:
                    counts[(left, right)].add(claim)
    out = nx.Graph()
    for (left, right), claims in sorted(counts.items()):
        for node in (left, right):
            if node not in out:
                out.add_node(node, **view.nodes[node])
        _link(out, left, right, f"{len(claims)} claim(s)", weight=len(claims), label=str(len(claims)))
    return out


def evidence_map(view: nx.Graph) -> EvidenceMap:
    """Support types x outcomes: claims per cell and independent sources.

    Claims are keyed by their node (IRI), not their id: a graph merged from
    several corpora holds one ``C01`` per corpus, each counted.
    """
    cells: dict[tuple[str, str], set[str]] = defaultdict(set)
    claims: dict[str, dict[str, object]] = {}
    cited: dict[str, list[str]] = {}
    for claim, data in view.nodes(data=True):
        if data["kind"] != "claim":
            continue
        neighbours = list(view.neighbors(claim))
        supports = [n for n in neighbours if view.nodes[n]["kind"] == "support-type"]
        outcomes = [n for n in neighbours if view.nodes[n]["kind"] == "outcome"]
        # What it cites, typed as a work or not (a graph file may leave a work untyped).
        cited[claim] = sorted(n for n in neighbours if view.edges[claim, n]["relation"] == "cites")
        details = dict(data["details"])
        claims[claim] = {
            "id": data["key"],
            "statement": details.get("Statement", ""),
            "quote": details.get("Quote", ""),
            "section": details.get("Section", ""),
            "sources": [view.nodes[w]["title"] for w in cited[claim]],
            "works": cited[claim],
        }
        if data.get("corpus"):  # the id alone is ambiguous (see whole_graph)
            claims[claim]["corpus"] = data["corpus"]
        for support in supports:
            for outcome in outcomes:
                cells[(support, outcome)].add(claim)

    def axis(nodes: Iterable[str]) -> tuple[tuple[str, str], ...]:
        # The IRI breaks ties between labels equal but for case (a set's order would).
        labelled = ((n, str(view.nodes[n]["title"]).rsplit(" (", 1)[0]) for n in set(nodes))
        return tuple(sorted(labelled, key=lambda p: (p[1].lower(), p[0])))

    rows = axis(s for s, _ in cells)
    columns = axis(o for _, o in cells)
    made = tuple(
        EvidenceCell(s, o, tuple(sorted(ids, key=lambda c: (view.nodes[c]["key"], c))),
                     len({w for c in ids for w in cited[c]}))
        for (s, o), ids in sorted(cells.items())
    )
    return EvidenceMap(rows, columns, made, claims)


def sizes(view: nx.Graph) -> dict[str, float]:
    """Node sizes: citation count for works (claims citing them), degree otherwise."""
    out: dict[str, float] = {}
    for node, data in view.nodes(data=True):
        if data["kind"] == "work":
            weight = sum(1 for n in view.neighbors(node) if view.nodes[n]["kind"] == "claim")
        else:
            weight = view.degree(node)
        out[node] = 7.0 + 2.2 * min(weight, 12) ** 0.8
    return out


def _order_columns(view: nx.Graph, columns: list[list[str]], sweeps: int = 2) -> list[list[str]]:
    """Reorder each column by the barycentre of its neighbours (fewer crossings).

    Every node starts at its label's rank; each sweep moves a column's nodes to
    the mean relative height of their neighbours in the other columns, ties
    kept in label order.  Each sweep is O(edges + n log n) and deterministic.
    """
    where: dict[str, float] = {}
    for column in columns:
        for i, node in enumerate(column):
            where[node] = i / max(len(column) - 1, 1)
    order = list(range(len(columns))) + list(range(len(columns) - 2, -1, -1))
    for _ in range(sweeps):
        for c in order:
            column = columns[c]
            mine = set(column)

            def centre(node: str) -> float:
                near = [where[m] for m in view.neighbors(node) if m not in mine and m in where]
                return sum(near) / len(near) if near else where[node]

            keyed = sorted(((centre(n), i, n) for i, n in enumerate(column)))
            columns[c] = [n for _, _, n in keyed]
            for i, node in enumerate(columns[c]):
                where[node] = i / max(len(column) - 1, 1)
    return columns


def layered_layout(view: nx.Graph, spacing: float = 260.0) -> dict[str, tuple[float, float]]:
    """Deterministic positions: one column per node kind, in :data:`KINDS` order.

    Nodes start in label order and are then ordered by the barycentre of their
    neighbours, so links mostly run straight across.  Every column spreads over
    the height of the tallest one (short columns get roomier rows, up to a
    limit); a very long column wraps into several sub-columns, and the next
    kind starts to the right of them.  Runs in O(edges + n log n): 10,000
    nodes take well under a second, and the same graph always gives the same
    picture.

    >>> g = nx.Graph([("t", "c")]); g.nodes["t"].update(kind="theory", label="T")
    >>> g.nodes["c"].update(kind="claim", label="C")
    >>> layered_layout(g)
    {'t': (0.0, 0.0), 'c': (260.0, 0.0)}
    """
    by_kind: dict[str, list[str]] = defaultdict(list)
    for node, data in view.nodes(data=True):
        by_kind[data["kind"]].append(node)
    kinds = [k for k in KINDS if by_kind.get(k)]
    columns = [sorted(by_kind[k], key=lambda n: (str(view.nodes[n].get("label", "")).lower(), str(n)))
               for k in kinds]
    columns = _order_columns(view, columns)
    total = sum(len(c) for c in columns)
    gap = 30.0 if total > 400 else 56.0
    per_column = max(40, int(total ** 0.5 * 4))
    height = min(max(len(c) for c in columns), per_column) * gap if columns else 0.0
    positions: dict[str, tuple[float, float]] = {}
    x = 0.0
    for column in columns:
        rows = min(len(column), per_column)
        step = min(height / rows, gap * 3) if rows > 1 else 0.0
        top = -step * (rows - 1) / 2
        wraps = (len(column) - 1) // per_column
        for i, node in enumerate(column):
            sub, row = divmod(i, per_column)
            positions[node] = (x + sub * spacing * 0.8, round(top + row * step, 1))
        x += wraps * spacing * 0.8 + spacing
    return positions


def radial_layout(view: nx.Graph, centre: str, ring: float = 240.0) -> dict[str, tuple[float, float]]:
    """Deterministic positions around ``centre``: one ring per link distance.

    The first ring is ordered by kind and label; each further ring follows the
    angle of each node's nearest parent, so links rarely cross.  Rings widen
    so that neighbouring nodes stay at least about 80 px apart.

    >>> g = nx.Graph([("a", "b")]); g.nodes["a"].update(kind="claim", label="A")
    >>> g.nodes["b"].update(kind="work", label="B")
    >>> radial_layout(g, "a")
    {'a': (0.0, 0.0), 'b': (240.0, 0.0)}
    """
    distance = nx.single_source_shortest_path_length(view, centre)
    rank = {k: i for i, k in enumerate(KINDS)}
    positions: dict[str, tuple[float, float]] = {centre: (0.0, 0.0)}
    angle: dict[str, float] = {centre: 0.0}
    rings: dict[int, list[str]] = defaultdict(list)
    for node, d in distance.items():
        if d:
            rings[d].append(node)
    for d in sorted(rings):
        def key(node: str) -> tuple[float, int, str, str]:
            parents = [angle[p] for p in view.neighbors(node) if distance.get(p) == d - 1]
            data = view.nodes[node]
            return (min(parents) if parents and d > 1 else 0.0, rank.get(data["kind"], 99),
                    str(data.get("label", "")).lower(), str(node))

        nodes = sorted(rings[d], key=key)
        radius = max(d * ring, len(nodes) * 80.0 / (2 * math.pi))
        for i, node in enumerate(nodes):
            theta = 2 * math.pi * i / len(nodes)
            angle[node] = theta
            positions[node] = (round(radius * math.cos(theta), 1), round(radius * math.sin(theta), 1))
    for node in view.nodes:  # not connected to the centre (cannot happen in an ego graph)
        positions.setdefault(node, (0.0, 0.0))
    return positions
