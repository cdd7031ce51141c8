"""Evidence words as the index holds them, and graphs holding two corpora that share claim ids and works.

The two-corpus graph is the bundled corpus twice: as it is, and copied under
the id ``cs-two`` with one of Cohen & Wills' (1985) three printings taken out
of its reference list, so that a work both lists print is printed a
different number of times in each, and every claim id (C01...) is in both.
"""

from __future__ import annotations

import json
import shutil
from collections import Counter
from pathlib import Path

import pytest
from rdflib import Dataset

from kg.cli import main
from kg.errors import QueryError
from kg.query.evidence import EvidenceIndex, search_evidence, terms_of, words_of
from kg.query.library import check_ids, load_queries
from kg.query.stores import MemoryStore, OxigraphStore, create_store

ROOT = Path(__file__).resolve().parents[2]
BUNDLED = ROOT / "corpus" / "community-support"
QUERIES = load_queries()
COHEN = "- Cohen, S., & Wills, T. A. (1985)"


# --- 1. hyphenated words and possessives -------------------------------------

@pytest.mark.parametrize(("text", "terms"), [
    ("self-efficacy", ["self", "efficacy"]),
    ("problem-solving", ["problem", "solv"]),
    ("Recovery Model's", ["recovery", "model"]),
    ("Recovery Model\u2019s", ["recovery", "model"]),
    ("peer-support", ["peer", "support"]),
], ids=["hyphen", "hyphen-stemmed", "possessive", "typographic-possessive", "concept-id"])
def test_query_terms_are_words_the_index_holds(text, terms):
    """A question is split into words exactly as the index splits claim texts, a possessive 's dropped on both."""
    assert terms_of(text) == terms
    assert all(any(w.startswith(t) for w in words_of(text)) for t in terms)
    assert "s" not in words_of(text)


@pytest.fixture(scope="module")
def bundled_store(bundled, tmp_path_factory):
    """The bundled graph in an Oxigraph store folder, with its saved evidence index."""
    store = OxigraphStore(create_store(tmp_path_factory.mktemp("evidence") / "store", graph=bundled.graph))
    yield store
    store.close()


@pytest.mark.parametrize(("question", "first"), [
    ("self-efficacy", "C23"),
    ("well-being", "C10"),
    ("peer-support", "C10"),
    ("problem-solving", "C29"),
    ("Recovery Model's", "C01"),
], ids=["self-efficacy", "well-being", "peer-support", "problem-solving", "possessive"])
def test_hyphenated_and_possessive_questions_find_their_claims(bundled, bundled_store, question, first):
    """Each question finds the claim holding its words first, the same in memory and from the store's saved index."""
    memory = search_evidence(MemoryStore(bundled.graph), question, limit=5)
    assert memory and memory[0].claim == first
    saved = search_evidence(bundled_store, question, limit=5)
    assert [h.to_json() for h in saved] == [h.to_json() for h in memory]


def test_hyphenated_question_ranks_like_its_spaced_form(bundled):
    """"self-efficacy" and "self efficacy" are the same question."""
    store = MemoryStore(bundled.graph)
    index = EvidenceIndex.build(store)
    hyphen = search_evidence(store, "self-efficacy", index=index)
    spaced = search_evidence(store, "self efficacy", index=index)
    assert [h.to_json() for h in hyphen] == [h.to_json() for h in spaced]


# --- two corpora in one graph ------------------------------------------------

def _second_corpus(folder: Path) -> Path:
    """The bundled corpus as ``cs-two``, printing Cohen & Wills (1985) twice instead of three times."""
    target = folder / "cs-two"
    shutil.copytree(BUNDLED, target)
    manifest = target / "corpus.yaml"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace("id: community-support", "id: cs-two", 1),
                        encoding="utf-8")
    refs = target / "references.txt"
    lines = refs.read_text(encoding="utf-8").splitlines(keepends=True)
    last = max(n for n, line in enumerate(lines) if line.startswith(COHEN))
    refs.write_text("".join(lines[:last] + lines[last + 1:]), encoding="utf-8")
    return target


@pytest.fixture(scope="module")
def two(tmp_path_factory):
    """Both corpora built, as a merged TriG file (two `kg build` files concatenated), a dataset and a store."""
    from kg.pipeline import build

    folder = tmp_path_factory.mktemp("two")
    graphs = [build(BUNDLED).graph, build(_second_corpus(folder)).graph]
    trig = folder / "multi.trig"
    trig.write_bytes(b"".join(g.serialize(format="trig", encoding="utf-8") for g in graphs))
    dataset = Dataset(default_union=True)
    for graph in graphs:
        named = dataset.graph(graph.identifier)
        named.addN((s, p, o, named) for s, p, o in graph)
    store = OxigraphStore(create_store(folder / "store", rdf_file=trig))
    yield {"trig": trig, "memory": MemoryStore(dataset), "store": store}
    store.close()


def run(store, name, **values):
    """The records of a named query."""
    return store.query(QUERIES[name].bind(values)).records()


def test_claim_source_counts_give_one_row_per_claim_of_each_corpus(two, bundled):
    """64 claims, 64 rows: C01 of each corpus has its own one source and one citation."""
    rows = run(two["memory"], "claim-source-counts")
    assert len(rows) == 64
    assert Counter(r["corpus"] for r in rows) == {"community-support": 32, "cs-two": 32}
    expected = {c.id: (len(set(c.works)), len(set(c.citations))) for c in bundled.corpus.claims}
    for corpus in ("community-support", "cs-two"):
        assert {r["claim"]: (r["sources"], r["citations"]) for r in rows if r["corpus"] == corpus} == expected
    assert [(r["sources"], r["claim"], r["corpus"]) for r in rows] == sorted(
        (r["sources"], r["claim"], r["corpus"]) for r in rows)


@pytest.mark.parametrize(("name", "params", "key"), [
    ("claims-without-source", {}, ("claim",)),
    ("evidence-for-claim", {"claim": "C01"}, ("claim", "source", "citation")),
    ("single-source-claims", {}, ("claim", "source")),
    ("claims-by-outcome", {"outcome": "mental-health-outcomes"}, ("claim", "concept")),
    ("claims-by-support-type", {"support_type": "peer-support"}, ("claim", "concept")),
    ("claims-by-theory", {"theory": "social-support-theory"}, ("claim", "concept")),
], ids=lambda v: v if isinstance(v, str) else None)
def test_claim_queries_name_the_corpus_of_each_row(two, bundled, name, params, key):
    """Each corpus gives the rows the bundled corpus gives alone, named by its corpus id, ordered the same on every store."""
    alone = run(MemoryStore(bundled.graph), name, **params)
    assert alone and {r["corpus"] for r in alone} == {"community-support"}
    rows = run(two["memory"], name, **params)
    assert len(rows) == 2 * len(alone)
    for corpus in ("community-support", "cs-two"):
        mine = [{**r, "corpus": "community-support"} for r in rows if r["corpus"] == corpus]
        assert mine == alone, corpus
    assert len({tuple(r[k] for k in (*key, "corpus")) for r in rows}) == len(rows)
    text = QUERIES[name].bind(params)
    assert two["store"].query(text).records() == two["memory"].query(text).records()


def test_duplicate_clusters_are_counted_per_corpus(two):
    """Cohen & Wills is printed three times in one list and twice in the other: two rows, not one of five entries."""
    for store in (two["memory"], two["store"]):
        rows = run(store, "duplicate-clusters")
        assert {(r["source"], r["corpus"]): r["entries"] for r in rows} == {
            ("Berkman et al. 2000", "community-support"): 2, ("Berkman et al. 2000", "cs-two"): 2,
            ("Cohen & Wills 1985", "community-support"): 3, ("Cohen & Wills 1985", "cs-two"): 2,
            ("McGowan & Murdock 2013", "community-support"): 3, ("McGowan & Murdock 2013", "cs-two"): 3,
        }
        cohen = {r["corpus"]: (r["first_line"], r["last_line"]) for r in rows if r["source"].startswith("Cohen")}
        assert cohen["community-support"][1] > cohen["cs-two"][1]
        assert all(r["first_line"] < r["last_line"] for r in rows)


def test_uncited_references_are_listed_per_corpus(two):
    """A work both reviews leave uncited is one row for each list, each counting its own entries and line."""
    for store in (two["memory"], two["store"]):
        rows = run(store, "uncited-references")
        assert sorted((r["source"], r["corpus"], r["entries"]) for r in rows) == sorted(
            (source, corpus, 1) for source in ("Davis 2020", "Johnson & Lee 2021", "Smith 2022")
            for corpus in ("community-support", "cs-two"))


def test_evidence_counts_the_entries_of_the_claims_own_corpus(two):
    """A claim citing Cohen & Wills says three printed entries in one corpus and two in the other, in memory and on a store."""
    for store in (two["memory"], two["store"]):
        hits = search_evidence(store, "buffering hypothesis stress", limit=10)
        printed = {(h.iri.split("/")[-3], s.label): s.printed_entries
                   for h in hits for s in h.sources if s.label == "Cohen & Wills 1985"}
        assert printed == {("community-support", "Cohen & Wills 1985"): 3, ("cs-two", "Cohen & Wills 1985"): 2}


def test_cli_reads_the_merged_file_per_corpus(runner, two):
    """kg query on the concatenated TriG files prints the corpus column and one row per claim."""
    result = runner.invoke(main, ["query", "claim-source-counts", str(two["trig"]), "--format", "json"])
    assert result.exit_code == 0, result.stderr
    rows = json.loads(result.stdout)
    assert [(r["sources"], r["citations"]) for r in rows if r["claim"] == "C01"] == [(1, 1), (1, 1)]
    assert [r["corpus"] for r in rows if r["claim"] == "C01"] == ["community-support", "cs-two"]


# --- ids of the wrong kind ---------------------------------------------------

@pytest.mark.parametrize(("name", "param", "value", "found", "wanted"), [
    ("claims-by-theory", "theory", "peer-support", "a support type", "theory"),
    ("claims-by-outcome", "outcome", "C01", "a claim", "outcome"),
    ("evidence-for-claim", "claim", "peer-support", "a support type", "claim"),
], ids=["support-type-as-theory", "claim-as-outcome", "support-type-as-claim"])
def test_an_id_of_the_wrong_kind_names_its_kind_and_the_nearest_right_ids(bundled, name, param, value, found, wanted):
    """A known id of another kind is an error saying what it is and offering ids of the kind the parameter takes."""
    store = MemoryStore(bundled.graph)
    with pytest.raises(QueryError, match=rf"parameter '{param}' takes an? [a-z ]+ id, but '{value}' is the id of "
                                         rf"{found}; the nearest {wanted} ids: '") as caught:
        check_ids(store, QUERIES[name], {param: value})
    right = {"theory": {c.id for c in bundled.corpus.scheme.concepts if c.kind == "theory"},
             "outcome": {c.id for c in bundled.corpus.scheme.concepts if c.kind == "outcome"},
             "claim": {c.id for c in bundled.corpus.claims}}[wanted]
    offered = str(caught.value).split("ids: ")[1].split(";")[0]
    assert [i.strip(" '") for i in offered.split(",")] and all(i.strip(" '") in right for i in offered.split(","))


def test_an_id_of_the_right_kind_with_no_rows_is_an_answer(bundled):
    """A known outcome no claim is about is no error."""
    used = {o for c in bundled.corpus.claims for o in c.outcomes}
    unused = sorted(c.id for c in bundled.corpus.scheme.concepts if c.kind == "outcome" and c.id not in used)
    check_ids(MemoryStore(bundled.graph), QUERIES["claims-by-outcome"], {"outcome": (unused or ["symptoms"])[0]})


def test_cli_refuses_a_claim_parameter_naming_a_concept(runner):
    """kg query evidence-for-claim --param claim=peer-support exits 1 naming the kind and claim ids."""
    result = runner.invoke(main, ["query", "evidence-for-claim", "--param", "claim=peer-support"])
    assert result.exit_code == 1 and result.stdout == ""
    assert "is the id of a support type" in result.stderr and "the nearest claim ids: 'C" in result.stderr
