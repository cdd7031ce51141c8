"""Helpers shared by the query tests."""

from __future__ import annotations

#: A value for every parameter the named queries declare, valid on the bundled corpus.
BUNDLED_PARAMS = {
    "claim": None,  # filled from the corpus (its first claim)
    "outcome": None,
    "support_type": None,
    "theory": None,
    "author": "Berkman",
    "year": "2000",
}


#: A value for every parameter the named queries declare, valid on the synthetic corpora.
SYNTHETIC_PARAMS = {"claim": "C001", "outcome": "distress", "support_type": "peer-support",
                    "theory": "social-support-theory", "author": "Cohen", "year": "2000"}


def bundled_params(corpus) -> dict[str, str]:
    """Parameter values for the named queries, taken from the bundled corpus itself."""
    params = dict(BUNDLED_PARAMS)
    params["claim"] = corpus.claims[0].id
    for kind, key in (("outcome", "outcome"), ("support-type", "support_type"), ("theory", "theory")):
        used = [c for claim in corpus.claims for c in getattr(claim, {"outcome": "outcomes",
                "support-type": "support_types", "theory": "theories"}[kind])]
        params[key] = max(sorted(set(used)), key=used.count) if used else next(
            c.id for c in corpus.scheme.concepts if c.kind == kind)
    return params
