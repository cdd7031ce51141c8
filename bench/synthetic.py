"""Synthetic corpora with the project's own model, for the query benchmark.

:func:`synthetic_corpora` makes ``n`` review articles as :class:`kg.model.Corpus`
records (references with duplicates, works shared between articles by DOI,
authors from a common pool, in-text citations, a concept scheme with
broader/narrower links, claims anchored in the text, dedup decisions);
:func:`kg.build.build_graph` turns each into a named graph exactly as for a
real corpus.  About 5,000 triples per article.
"""

from __future__ import annotations

import random
from collections.abc import Iterator

from kg.model import (
    Article,
    ArticleRecord,
    Citation,
    Claim,
    Concept,
    ConceptScheme,
    Corpus,
    DedupDecision,
    Paragraph,
    Person,
    QuoteAnchor,
    Reference,
    Section,
    SourceLocation,
    Work,
)
from kg.vocab import citekey

SURNAMES = (
    "Smith Johnson Lee Brown Davis Cohen Wills Berkman Glass Chinman Corrigan Walsh Carr Anthony Nelson "
    "Rappaport Heaney Israel Davidson Harding Spaniol Holt-Lunstad Layton Kessler Houghton Underwood Gottlieb "
    "McGowan Murdock Prilleltensky Seeman Brissette George Dougherty Lundström Hovey Räisänen Kawachi Garcia "
    "Martinez Nguyen Kim Patel Singh Müller Rossi Tanaka Silva Okafor Haddad Novak Larsen Moreau Costa Ivanova"
).split()
GIVEN = "A. B. C. D. E. F. G. H. J. K. L. M. N. P. R. S. T. W.".split()
TOPICS = (
    "peer support", "emotional support", "social networks", "community centres", "family therapy",
    "stigma", "recovery", "loneliness", "resilience", "mortality risk", "psychological distress",
    "help seeking", "self-help groups", "instrumental support", "online communities", "caregiver burden",
    "housing first", "employment support", "mutual aid", "social prescribing",
)
VERBS = ("reduces", "improves", "predicts", "buffers", "is associated with", "increases", "moderates")
OUTCOMES = (
    ("symptoms", "Symptoms", ["symptom severity"]),
    ("distress", "Psychological Distress", ["distress", "stress"]),
    ("recovery", "Recovery", ["recovery outcomes"]),
    ("quality-of-life", "Quality of Life", ["wellbeing", "life satisfaction"]),
    ("mortality", "Mortality", ["mortality risk"]),
    ("hospitalisation", "Hospitalisation", ["readmission"]),
    ("stigma-reduction", "Stigma Reduction", ["less stigma"]),
    ("social-inclusion", "Social Inclusion", ["belonging"]),
)
SUPPORTS = (
    ("peer-support", "Peer Support", ["peer support services", "mutual support"]),
    ("emotional-support", "Emotional Support", ["empathy", "caring"]),
    ("instrumental-support", "Instrumental Support", ["practical help", "tangible support"]),
    ("informational-support", "Informational Support", ["advice"]),
    ("community-resources", "Community Resources", ["community centres"]),
    ("family-support", "Family Support", ["family therapy"]),
)
THEORIES = (
    ("social-support-theory", "Social Support Theory", ["social support"]),
    ("buffering-hypothesis", "Buffering Hypothesis", ["stress buffering"]),
    ("recovery-model", "Recovery Model", ["recovery vision"]),
    ("social-integration", "Social Integration Theory", ["Durkheim"]),
    ("empowerment-theory", "Empowerment Theory", ["empowerment"]),
)
JOURNALS = ("Psychiatric Services", "Social Science & Medicine", "Health Psychology", "PLoS Medicine",
            "Psychological Bulletin", "Community Mental Health Journal", "American Psychologist")


def _scheme(corpus_id: str, path: str) -> ConceptScheme:
    concepts = []
    line = 1
    for kind, items in (("outcome", OUTCOMES), ("support-type", SUPPORTS), ("theory", THEORIES)):
        top = f"{kind}s-all"
        concepts.append(Concept(top, kind, f"All {kind}s", "Top concept.", (), (), SourceLocation(path, line)))
        for cid, label, alts in items:
            line += 4
            concepts.append(Concept(cid, kind, label, f"{label} as used in the review.", tuple(alts), (top,),
                                    SourceLocation(path, line)))
            for n in range(2):
                line += 4
                concepts.append(Concept(f"{cid}-{n + 1}", kind, f"{label} ({'direct' if n == 0 else 'indirect'})",
                                        f"A narrower form of {label}.", (f"{alts[0]} {n + 1}",), (cid,),
                                        SourceLocation(path, line)))
    return ConceptScheme(corpus_id, f"Scheme of {corpus_id}", tuple(concepts), SourceLocation(path, 1))


class _Pool:
    """A shared pool of works, so articles cite overlapping literature."""

    def __init__(self, rng: random.Random, size: int) -> None:
        self.references: list[Reference] = []
        for n in range(size):
            authors = tuple(
                Person(rng.choice(SURNAMES), f"{rng.choice(GIVEN)} {rng.choice(GIVEN)}")
                for _ in range(rng.choice((1, 1, 2, 2, 3, 4)))
            )
            topic = rng.choice(TOPICS)
            year = rng.randint(1975, 2023)
            title = f"{topic.capitalize()} and {rng.choice(OUTCOMES)[1].lower()}: study {n}"
            self.references.append(Reference(
                id=str(n), type="article-journal", authors=authors, year=year, title=title,
                container=rng.choice(JOURNALS), volume=str(rng.randint(1, 80)), issue=str(rng.randint(1, 12)),
                pages=f"{rng.randint(1, 400)}-{rng.randint(401, 800)}",
                doi=f"10.9999/synthetic.{n}" if rng.random() < 0.7 else "",
            ))


def _corpus(index: int, rng: random.Random, pool: _Pool, n_refs: int, n_claims: int) -> Corpus:
    cid = f"synthetic-{index:05d}"
    root = f"/synthetic/{cid}"
    chosen = rng.sample(pool.references, n_refs)
    references: list[Reference] = []
    works: list[Work] = []
    decisions: list[DedupDecision] = []
    line = 0
    for pos, ref in enumerate(chosen):
        copies = 1 + (rng.random() < 0.08) + (rng.random() < 0.03)
        members = []
        for _ in range(copies):
            line += 1
            rid = str(len(references) + 1)
            raw = f"{', '.join(p.display for p in ref.authors)} ({ref.year}). {ref.title}. {ref.container}."
            references.append(Reference(
                id=rid, type=ref.type, authors=ref.authors, year=ref.year, title=ref.title, container=ref.container,
                volume=ref.volume, issue=ref.issue, pages=ref.pages, doi=ref.doi, raw=raw,
                source=SourceLocation(f"{root}/references.txt", line), confidence=0.9,
            ))
            members.append(rid)
        key = citekey(ref) + (f"-{pos}" if not ref.doi else "")
        works.append(Work(key, references[int(members[0]) - 1], tuple(members)))
        for other in members[1:]:
            decisions.append(DedupDecision(members[0], other, True, 1.0, ("same doi" if ref.doi else "same key",)))
    scheme = _scheme(cid, f"{root}/concepts.yaml")
    kinds = {k: [c.id for c in scheme.concepts if c.kind == k and not c.id.endswith("-all")]
             for k in ("theory", "support-type", "outcome")}
    labels = {c.id: c.label for c in scheme.concepts}
    paragraphs, sections, citations, claims = [], [], [], []
    text_parts: list[str] = []
    offset = 0
    for n in range(n_claims):
        section = ("Introduction", "Methods", "Results", "Discussion")[n * 4 // n_claims]
        support = rng.choice(kinds["support-type"])
        outcome = rng.choice(kinds["outcome"])
        theory = rng.choice(kinds["theory"])
        cited = [] if rng.random() < 0.15 else rng.sample(works, rng.choice((1, 1, 2, 2, 3)))
        statement = (f"{labels[support].split(' (')[0]} {rng.choice(VERBS)} "
                     f"{labels[outcome].split(' (')[0].lower()} ({rng.choice(TOPICS)}).")
        pointer = "; ".join(f"{w.record.surnames[0]}{' et al.' if len(w.record.authors) > 2 else ''}, "
                            f"{w.record.year}" for w in cited)
        sentence = f"Evidence on {rng.choice(TOPICS)} shows that {statement[:-1].lower()} in community settings"
        quote = sentence + (f" ({pointer})." if cited else ".")
        start = offset
        pointer_start = start + len(sentence) + 2
        claim_citations = []
        cursor = pointer_start
        for w in cited:
            item = f"{w.record.surnames[0]}{' et al.' if len(w.record.authors) > 2 else ''}, {w.record.year}"
            cit_id = str(len(citations) + 1)
            citations.append(Citation(
                id=cit_id, text=item, pointer=f"({pointer})", narrative=False, surnames=w.record.surnames,
                et_al=len(w.record.authors) > 2, year=w.record.year, year_suffix="", locator="",
                start=cursor, end=cursor + len(item), section=section,
                source=SourceLocation(f"{root}/article.txt", 10 + n * 3), status="resolved", work=w.key,
            ))
            claim_citations.append(cit_id)
            cursor += len(item) + 2
        anchor = QuoteAnchor(quote, "", "", start, start + len(quote), section, 10 + n * 3)
        claims.append(Claim(
            id=f"C{n + 1:03d}", statement=statement, quote=quote, cites=tuple(pointer.split("; ")) if cited else (),
            theories=(theory,), support_types=(support,), outcomes=(outcome,),
            stance=rng.choice(("supports", "supports", "supports", "disputes", "mentions")),
            source=SourceLocation(f"{root}/claims.yaml", 1 + n * 9), anchor=anchor,
            works=tuple(w.key for w in cited), citations=tuple(claim_citations),
        ))
        paragraphs.append(Paragraph(quote, start, start + len(quote), 10 + n * 3, section))
        if not sections or sections[-1].title != section:
            sections.append(Section(section, start, start, 10 + n * 3))
        text_parts.append(quote)
        offset += len(quote) + 2
    article = Article(f"{root}/article.txt", "\n\n".join(text_parts), tuple(paragraphs), tuple(sections))
    record = ArticleRecord(cid, f"Synthetic review {index}", (Person(rng.choice(SURNAMES), "R."),),
                           journal=rng.choice(JOURNALS), year=rng.randint(2015, 2024), keywords=("community support",))
    return Corpus(cid, root, record, article, tuple(references), tuple(works), tuple(citations), scheme,
                  tuple(claims), tuple(decisions))


def synthetic_corpora(n: int, *, seed: int = 7, refs: int = 60, claims: int = 70) -> Iterator[Corpus]:
    """``n`` synthetic review corpora, reproducible for a seed.

    Examples:
        >>> corpus = next(synthetic_corpora(1, refs=5, claims=4))
        >>> corpus.id, len(corpus.claims), len(corpus.works)
        ('synthetic-00000', 4, 5)
    """
    rng = random.Random(seed)
    pool = _Pool(rng, max(refs * 4, n * refs // 3))
    for index in range(n):
        yield _corpus(index, rng, pool, refs, claims)
