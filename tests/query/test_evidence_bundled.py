"""kg evidence on the bundled corpus."""

from __future__ import annotations

import json

from kg.cli import main
from kg.query.evidence import search_evidence
from kg.query.stores import MemoryStore


def test_peer_support_ranks_a_chinman_claim_first(bundled):
    """"peer support" puts a claim citing Chinman et al. (2014) first."""
    hits = search_evidence(MemoryStore(bundled.graph), "peer support")
    assert hits
    assert any(s.label.startswith("Chinman") and s.year == "2014" for s in hits[0].sources)


def test_reviewer_question_finds_cited_evidence(bundled):
    """A question in a reviewer's words finds claims whose sources carry APA references."""
    hits = search_evidence(MemoryStore(bundled.graph), "does peer support reduce distress?", limit=5)
    assert hits and hits[0].sources
    for source in hits[0].sources:
        assert source.reference and source.year and source.citations


def test_duplicate_sources_are_flagged(bundled):
    """A claim citing Cohen & Wills (1985), printed three times, says duplicates were merged."""
    hits = search_evidence(MemoryStore(bundled.graph), "buffering hypothesis stress", limit=10)
    flagged = [h for h in hits if any(s.label == "Cohen & Wills 1985" for s in h.sources)]
    assert flagged and all("duplicate-entries-merged" in h.flags for h in flagged)


def test_cli_evidence_json(runner):
    """kg evidence on the bundled corpus prints JSON hits best first."""
    result = runner.invoke(main, ["evidence", "peer support", "--format", "json", "--limit", "3"])
    assert result.exit_code == 0, result.stderr
    hits = json.loads(result.stdout)
    assert 1 <= len(hits) <= 3
    assert any(s["label"].startswith("Chinman") for s in hits[0]["sources"])


def test_cli_build_store_then_query(runner, tmp_path):
    """kg build --store writes a store that kg query --store reads."""
    folder = tmp_path / "store"
    built = runner.invoke(main, ["build", "--store", str(folder), "-o", str(tmp_path / "g.trig")])
    assert built.exit_code == 0, built.stderr
    assert "wrote Oxigraph store" in built.stdout
    result = runner.invoke(main, ["query", "uncited-references", "--store", str(folder), "--format", "json"])
    assert [r["source"] for r in json.loads(result.stdout)] == ["Davis 2020", "Johnson & Lee 2021", "Smith 2022"]
