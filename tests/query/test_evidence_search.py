"""kg evidence: concept-aware ranking, sources with references, flags for what is missing."""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, SKOS

from kg.errors import QueryError
from kg.query.evidence import EvidenceIndex, search_evidence, stem, terms_of
from kg.query.stores import MemoryStore, OxigraphStore, create_store
from kg.vocab import CITO, KG, bind_prefixes

EX = "https://w3id.org/kg/id/test/"


def _tiny_graph() -> Graph:
    """Two claims; one tagged with a narrower outcome of 'Wellbeing', one citing a work printed twice."""
    g = bind_prefixes(Graph(identifier=URIRef(EX + "graph")))
    broad, narrow = URIRef(EX + "scheme/wellbeing"), URIRef(EX + "scheme/hope")
    for concept, label, kind in ((broad, "Wellbeing", "outcome"), (narrow, "Hope", "outcome")):
        g.add((concept, RDF.type, SKOS.Concept))
        g.add((concept, SKOS.prefLabel, Literal(label, lang="en")))
        g.add((concept, KG.kind, Literal(kind)))
    g.add((narrow, SKOS.broader, broad))
    g.add((broad, SKOS.altLabel, Literal("flourishing", lang="en")))
    work = URIRef(EX + "work/a")
    g.add((work, KG.label, Literal("Alpha 2001")))
    g.add((work, KG.formatted, Literal("Alpha, A. (2001). A study. Journal, 1, 1-2.")))
    g.add((work, KG.printedCount, Literal(2)))
    for n, statement, tags, cites in ((1, "Groups give people reasons to go on.", [narrow], [work]),
                                      (2, "Clinics are busy places.", [], []),
                                      (3, "Reasons to go on are hard to find alone.", [], [])):
        claim = URIRef(EX + f"claim/C{n}")
        g.add((claim, RDF.type, KG.Claim))
        g.add((claim, DCTERMS.identifier, Literal(f"C{n}")))
        g.add((claim, KG.statement, Literal(statement)))
        g.add((claim, KG.stance, KG.Supports))
        for tag in tags:
            g.add((claim, KG.outcome, tag))
        for cited in cites:
            g.add((claim, CITO.cites, cited))
    return g


def test_stems_match_word_variants():
    """Stems are prefixes of the inflected forms a claim may use."""
    assert stem("reduces") == stem("reduce") == "reduc"
    assert "reduction".startswith(stem("reduced"))
    assert terms_of("Does PEER support reduce distress?") == ["peer", "support", "reduc", "distres"]


def test_broader_concept_finds_claims_tagged_narrower():
    """Naming a broad concept finds a claim tagged only with a narrower one."""
    hits = search_evidence(MemoryStore(_tiny_graph()), "wellbeing")
    assert [h.claim for h in hits] == ["C1"]
    assert hits[0].outcomes == ("Hope",)


def test_alternative_labels_count_as_the_concept():
    """A concept's skos:altLabel finds its claims too."""
    assert [h.claim for h in search_evidence(MemoryStore(_tiny_graph()), "flourishing")] == ["C1"]


def test_flags_say_what_is_missing():
    """A single source printed twice and a claim with no source are flagged."""
    store = MemoryStore(_tiny_graph())
    first = search_evidence(store, "wellbeing")[0]
    assert set(first.flags) == {"single-source", "duplicate-entries-merged", "source-cited-only-here"}
    assert first.sources[0].reference.startswith("Alpha, A. (2001)")
    bare = search_evidence(store, "clinics")[0]
    assert bare.flags == ("no-source",) and bare.sources == ()


def test_statement_outranks_a_weaker_match():
    """Words in a claim's statement and concepts rank it above a claim matching fewer words."""
    hits = search_evidence(MemoryStore(_tiny_graph()), "reasons to go on with hope")
    assert [h.claim for h in hits][:2] == ["C1", "C3"]
    assert hits[0].score > hits[1].score


def test_no_match_gives_no_hits():
    """Words found nowhere give an empty list, not an error."""
    assert search_evidence(MemoryStore(_tiny_graph()), "zebra") == []


def test_limit_must_be_positive():
    """A limit below one is refused."""
    with pytest.raises(QueryError, match="at least 1"):
        search_evidence(MemoryStore(_tiny_graph()), "hope", limit=0)


def test_saved_index_ranks_like_one_built_in_memory(synthetic_dataset, tmp_path):
    """The store folder's evidence index gives the same hits as an index built from the graph."""
    folder = create_store(tmp_path / "s", graph=synthetic_dataset)
    store = OxigraphStore(folder)
    try:
        for question in ("peer support reduces distress", "buffering hypothesis", "family therapy recovery"):
            saved = search_evidence(store, question, limit=5)
            fresh = search_evidence(MemoryStore(synthetic_dataset), question, limit=5,
                                    index=EvidenceIndex.build(MemoryStore(synthetic_dataset)))
            assert [h.to_json() for h in saved] == [h.to_json() for h in fresh]
            assert saved, question
    finally:
        store.close()


def test_hits_carry_citations_as_printed(synthetic_dataset):
    """Each source of a hit lists the in-text citations of the claim that point to it."""
    hits = search_evidence(MemoryStore(synthetic_dataset), "emotional support", limit=5)
    cited = [s for h in hits for s in h.sources]
    assert cited and all(s.citations for s in cited)
    assert all(s.label.split()[0].rstrip(",") in s.citations[0] for s in cited)
