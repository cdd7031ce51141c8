"""Every named query on the bundled corpus gives its expected answer.

Expected answers come from the article read by hand (uncited works,
duplicates) or are computed from the corpus records, independently of SPARQL.
"""

from __future__ import annotations

from collections import Counter
from itertools import combinations

import pytest

from query_helpers import bundled_params
from kg.query.library import load_queries
from kg.query.stores import MemoryStore, OxigraphStore, create_store

QUERIES = load_queries()


@pytest.fixture(scope="module")
def memory(bundled):
    """The bundled graph in memory."""
    return MemoryStore(bundled.graph)


@pytest.fixture(scope="module")
def params(bundled):
    """Parameter values valid on the bundled corpus."""
    return bundled_params(bundled.corpus)


def run(store, name, **values):
    """The records of a named query."""
    return store.query(QUERIES[name].bind(values)).records()


def labels(corpus):
    """Work key -> "Surname Year" label."""
    return {w.key: w.record.label for w in corpus.works}


def descendants(scheme, concept_id):
    """A concept and every concept below it."""
    found = {concept_id}
    changed = True
    while changed:
        changed = False
        for concept in scheme.concepts:
            if concept.id not in found and set(concept.broader) & found:
                found.add(concept.id)
                changed = True
    return found


def test_uncited_references_are_the_three_listed_only(memory):
    """Smith 2022, Johnson & Lee 2021 and Davis 2020 are listed but never cited."""
    rows = run(memory, "uncited-references")
    assert [r["source"] for r in rows] == ["Davis 2020", "Johnson & Lee 2021", "Smith 2022"]
    assert [r["entries"] for r in rows] == [1, 1, 1]
    assert all(r["reference"] and r["line"] for r in rows)


def test_duplicate_clusters_are_the_printed_repeats(memory):
    """Berkman et al. 2000 twice, Cohen & Wills 1985 and McGowan & Murdock 2013 three times."""
    rows = run(memory, "duplicate-clusters")
    assert {r["source"]: r["entries"] for r in rows} == {
        "Berkman et al. 2000": 2, "Cohen & Wills 1985": 3, "McGowan & Murdock 2013": 3}
    assert all(r["first_line"] < r["last_line"] for r in rows)


def test_no_citation_is_unresolved(memory):
    """All 24 in-text citations of the article resolve."""
    assert run(memory, "unresolved-citations") == []


def test_unresolved_citation_is_listed(corpus_copy):
    """A citation of a work missing from the list shows up with its section."""
    from kg.pipeline import build

    article = corpus_copy / "article.txt"
    text = article.read_text(encoding="utf-8")
    marker = "References"
    at = text.rindex("\n" + marker)
    article.write_text(text[:at] + "\nThis was also noted elsewhere (Nobody, 1999).\n" + text[at:], encoding="utf-8")
    rows = run(MemoryStore(build(corpus_copy).graph), "unresolved-citations")
    assert [(r["citation"], r["status"]) for r in rows] == [("Nobody, 1999", "unresolved")]


def test_works_of_2000(memory, bundled):
    """Three works appeared in 2000, both Berkman works among them, and citation flags match."""
    rows = run(memory, "works-by-year", year="2000")
    expected = sorted(w.record.label for w in bundled.corpus.works if w.record.year == 2000)
    assert [r["source"] for r in rows] == expected
    assert {"Berkman et al. 2000", "Berkman & Glass 2000"} <= set(expected) and len(expected) == 3
    cited = {labels(bundled.corpus)[c.work] for c in bundled.corpus.citations if c.work}
    assert {r["source"]: r["cited"] for r in rows} == {label: label in cited for label in expected}


def test_works_by_berkman(memory):
    """Berkman is first author of two distinct works; editors do not count."""
    rows = run(memory, "works-by-author", author="Berkman")
    assert sorted(r["source"] for r in rows) == ["Berkman & Glass 2000", "Berkman et al. 2000"]
    assert {r["position"] for r in rows} == {1}


def test_claims_without_source(memory, bundled):
    """Exactly the claims citing nothing, at least five of them."""
    expected = sorted(c.id for c in bundled.corpus.claims if not c.works)
    assert [r["claim"] for r in run(memory, "claims-without-source")] == expected
    assert len(expected) >= 5


def test_single_source_claims(memory, bundled):
    """Exactly the claims resting on one distinct work, with that work's label."""
    names = labels(bundled.corpus)
    expected = sorted((c.id, names[c.works[0]]) for c in bundled.corpus.claims if len(set(c.works)) == 1)
    assert [(r["claim"], r["source"]) for r in run(memory, "single-source-claims")] == expected


def test_claim_source_counts(memory, bundled):
    """Each claim's distinct works and in-text citations, weakest first."""
    rows = run(memory, "claim-source-counts")
    assert {r["claim"]: (r["sources"], r["citations"]) for r in rows} == {
        c.id: (len(set(c.works)), len(set(c.citations))) for c in bundled.corpus.claims}
    assert [r["sources"] for r in rows] == sorted(r["sources"] for r in rows)


def test_evidence_for_a_claim(memory, bundled, params):
    """The claim's quote, stance and each source with its printed citation."""
    claim = next(c for c in bundled.corpus.claims if c.id == params["claim"])
    rows = run(memory, "evidence-for-claim", claim=claim.id)
    assert {r["quote"] for r in rows} == {claim.anchor.exact}
    assert {r["stance"] for r in rows} == {claim.stance}
    names = labels(bundled.corpus)
    assert {r["source"] for r in rows} == ({names[k] for k in claim.works} or {None})
    printed = {c.text for c in bundled.corpus.citations if c.id in claim.citations}
    assert {r["citation"] for r in rows if r["citation"]} == printed


def test_evidence_for_a_claim_with_no_source(memory, bundled):
    """A claim resting on nothing still answers, with empty source columns."""
    claim = next(c for c in bundled.corpus.claims if not c.works)
    rows = run(memory, "evidence-for-claim", claim=claim.id)
    assert len(rows) == 1 and rows[0]["source"] is None and rows[0]["statement"] == claim.statement


@pytest.mark.parametrize(("query", "param", "field"), [
    ("claims-by-outcome", "outcome", "outcomes"),
    ("claims-by-support-type", "support_type", "support_types"),
    ("claims-by-theory", "theory", "theories"),
], ids=["outcome", "support-type", "theory"])
def test_claims_by_concept_include_narrower(memory, bundled, params, query, param, field):
    """Claims tagged with the concept or any narrower one, with their source counts."""
    wanted = descendants(bundled.corpus.scheme, params[param])
    expected = {c.id: len(set(c.works)) for c in bundled.corpus.claims if set(getattr(c, field)) & wanted}
    rows = run(memory, query, **{param: params[param]})
    assert {r["claim"]: r["sources"] for r in rows} == expected
    assert expected


def test_support_outcome_matrix(memory, bundled):
    """Claim and source counts for every support type x outcome pair a claim links."""
    scheme = {c.id: c.label for c in bundled.corpus.scheme.concepts}
    claims, works = Counter(), {}
    for claim in bundled.corpus.claims:
        for pair in {(scheme[s], scheme[o]) for s in claim.support_types for o in claim.outcomes}:
            claims[pair] += 1
            works.setdefault(pair, set()).update(claim.works)
    rows = run(memory, "support-outcome-matrix")
    assert {(r["support_type"], r["outcome"]): (r["claims"], r["sources"]) for r in rows} == {
        pair: (n, len(works[pair])) for pair, n in claims.items()}


def test_sources_for_theory(memory, bundled, params):
    """The works cited by claims about the theory (or a narrower one), with claim counts."""
    wanted = descendants(bundled.corpus.scheme, params["theory"])
    names = labels(bundled.corpus)
    counts = Counter(k for c in bundled.corpus.claims if set(c.theories) & wanted for k in set(c.works))
    rows = run(memory, "sources-for-theory", theory=params["theory"])
    assert {r["source"]: r["claims"] for r in rows} == {names[k]: n for k, n in counts.items()}
    assert [r["claims"] for r in rows] == sorted((r["claims"] for r in rows), reverse=True)


def test_co_cited_works(memory, bundled):
    """Every pair of the 18 cited works is co-cited once by the one article; fifty are listed."""
    names = labels(bundled.corpus)
    cited = sorted({names[c.work] for c in bundled.corpus.citations if c.work})
    expected = {frozenset(pair) for pair in combinations(cited, 2)}
    assert len(expected) == 153
    rows = run(memory, "co-cited-works")
    assert len(rows) == 50
    assert {frozenset((r["left"], r["right"])) for r in rows} <= expected
    assert {r["articles"] for r in rows} == {1}


def test_most_cited_works(memory, bundled):
    """In-text citation and claim counts of the 18 cited works."""
    names = labels(bundled.corpus)
    citations = Counter(names[c.work] for c in bundled.corpus.citations if c.work)
    claims = Counter(names[k] for c in bundled.corpus.claims for k in set(c.works))
    rows = run(memory, "most-cited-works")
    assert len(rows) == 18
    assert {r["source"]: (r["citations"], r["claims"]) for r in rows} == {
        label: (n, claims[label]) for label, n in citations.items()}


def test_concepts_with_their_use(memory, bundled):
    """Every concept of the scheme with the number of claims tagged with it directly."""
    use = Counter(cid for c in bundled.corpus.claims for cid in {*c.theories, *c.support_types, *c.outcomes})
    rows = run(memory, "concepts")
    assert {r["id"]: r["claims"] for r in rows} == {c.id: use[c.id] for c in bundled.corpus.scheme.concepts}


@pytest.fixture(scope="module")
def bundled_store(bundled, tmp_path_factory):
    """The bundled graph in an Oxigraph store folder."""
    store = OxigraphStore(create_store(tmp_path_factory.mktemp("bundled") / "store", graph=bundled.graph))
    yield store
    store.close()


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_bundled_store_answers_like_memory(memory, bundled_store, params, name):
    """Every named query gives the same rows from the Oxigraph store as in memory."""
    query = QUERIES[name]
    text = query.bind({p.name: params[p.name] for p in query.params})
    assert bundled_store.query(text).canonical() == memory.query(text).canonical()


@pytest.mark.server
@pytest.mark.parametrize("name", sorted(QUERIES))
def test_bundled_endpoint_answers_like_memory(memory, bundled, params, oxigraph_server, name):
    """Every named query gives the same rows from a real Oxigraph server as in memory."""
    from kg.query.stores import EndpointStore, push

    endpoint = EndpointStore(oxigraph_server)
    if not getattr(test_bundled_endpoint_answers_like_memory, "pushed", False):
        push(bundled.graph, endpoint)
        test_bundled_endpoint_answers_like_memory.pushed = True  # type: ignore[attr-defined]
    query = QUERIES[name]
    text = query.bind({p.name: params[p.name] for p in query.params})
    assert endpoint.query(text).canonical() == memory.query(text).canonical()
