"""The bundled corpus, read by hand and asserted: entries, works, citations, claims."""

from __future__ import annotations

import re
from pathlib import Path

from kg.check import stats


def test_counts_match_the_article(bundled):
    """26 printed entries are 21 works; 24 in-text citations cite 18 works."""
    summary = stats(bundled.corpus, bundled.graph)
    assert summary["reference_entries"] == 26
    assert summary["works"] == 21
    assert summary["duplicate_entries"] == 5
    assert summary["in_text_citations"] == 24
    assert summary["resolved_citations"] == 24
    assert summary["unresolved_citations"] == 0
    assert summary["cited_works"] == 18
    assert summary["uncited_works"] == ["Davis 2020", "Johnson & Lee 2021", "Smith 2022"]
    assert summary["triples"] == len(bundled.graph)


def test_the_readme_gives_the_graph_size_the_build_makes(bundled):
    """The README's "The graph has N triples" is the bundled build's size, kept in step with the model."""
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    printed = re.search(r"The graph has\s+([\d,]+)\s+triples", readme)
    assert printed, "README.md no longer says how many triples the bundled graph has"
    assert int(printed.group(1).replace(",", "")) == len(bundled.graph)


def test_duplicates_are_the_printed_repeats(bundled):
    """Berkman et al. 2000 twice, McGowan & Murdock 2013 and Cohen & Wills 1985 three times."""
    repeats = {w.record.label: len(w.members) for w in bundled.corpus.works if len(w.members) > 1}
    assert repeats == {"Berkman et al. 2000": 2, "McGowan & Murdock 2013": 3, "Cohen & Wills 1985": 3}


def test_the_two_berkman_2000_works_stay_apart(bundled):
    """The four-author article and the two-author chapter are different works."""
    berkman = sorted(
        (w for w in bundled.corpus.works if w.record.surnames[:1] == ("Berkman",)), key=lambda w: len(w.record.authors)
    )
    assert [len(w.record.authors) for w in berkman] == [2, 4]
    assert berkman[0].record.type == "chapter" and berkman[1].record.type == "article-journal"


def test_every_printed_entry_is_traceable_to_its_work(bundled):
    """Each of the 26 entries belongs to exactly one work."""
    members = [m for w in bundled.corpus.works for m in w.members]
    assert sorted(members, key=int) == [str(n) for n in range(1, 27)]


def test_every_claim_is_anchored_and_every_citation_covered(bundled):
    """Every quote verifies, and every in-text citation lies in a claim citing it."""
    corpus = bundled.corpus
    assert corpus.claims, "the bundled corpus has claims"
    for claim in corpus.claims:
        assert claim.anchor is not None
        assert corpus.article.text[claim.anchor.start:claim.anchor.end] == claim.anchor.exact
    covered = {cid for claim in corpus.claims for cid in claim.citations}
    assert covered == {c.id for c in corpus.citations}
    assert not [p for p in corpus.problems if p.kind == "citation-without-claim"]


def test_uncited_claims_rest_on_no_source(bundled):
    """The article's main uncited assertions are claims with no source."""
    summary = stats(bundled.corpus, bundled.graph)
    assert summary["claims_without_source"] >= 5
    assert summary["claims"] >= 24 + summary["claims_without_source"]


def test_concept_scheme_covers_the_articles_terms(bundled):
    """Theories, support types and outcomes the article names are concepts."""
    ids = {c.id: c.kind for c in bundled.corpus.scheme.concepts}
    for theory in ("recovery-model", "social-support-theory", "stress-buffering-hypothesis", "community-psychology"):
        assert ids[theory] == "theory"
    for support in ("emotional-support", "informational-support", "instrumental-support", "peer-support",
                    "family-involvement", "local-resources", "social-connections"):
        assert ids[support] == "support-type"
    for outcome in ("emotional-well-being", "anxiety-depression", "resilience", "hope", "stigma",
                    "isolation-loneliness", "treatment-adherence", "self-efficacy", "life-satisfaction",
                    "symptoms", "mortality-risk", "access-to-resources"):
        assert ids[outcome] == "outcome"
