"""Evidence search: a question in the reviewer's words -> ranked claims with sources.

The search is concept-aware: each query term is looked up in claim
statements, in quotes, and in the preferred and alternative labels of the
concept scheme; a claim tagged with a concept *or any narrower concept*
(``skos:broader*``) matches that concept's labels.

Ranking: an inverted index of claim words (:class:`EvidenceIndex`, SQLite;
saved in the store folder by ``kg build --store``, built on the fly for other
stores) gives each claim the sum over matched query terms of
``idf x field weight`` (statement 3, concept label 2.5, quote 1.5; ``idf =
ln(1 + N / df)``, so rare words count more).  One SPARQL query then fetches
the details of the best candidates (quote, section, stance, concepts, each
source's APA reference, year, DOI and the citation as printed), and a claim
holding the whole question as a phrase gains half its words' weight again.

Ties go to the claim with more sources, then to supporting claims, then by
claim id, so the order is deterministic.
"""

from __future__ import annotations

import heapq
import math
import re
import sqlite3
import unicodedata
from array import array
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from rdflib import URIRef

from kg.errors import QueryError
from kg.query.sparql import values_block, with_prologue
from kg.query.stores import DEFAULT_TIMEOUT, Store, query_values

FIELD_WEIGHTS = {"statement": 3.0, "concept": 2.5, "quote": 1.5}

_STOPWORDS = frozenset(
    """a an the of on in and or for to from with at by as is are was were be been being how what why when where
    which who whom whose does do did doing done can could should would will may might must not no yes than then
    that this these those there their its it into about over under between among any all some more most less
    evidence claim claims show shows study studies effect effects role""".split()
)
_SUFFIXES = ("ational", "ations", "ation", "ments", "ment", "ness", "ings", "ing", "ies", "es", "ed", "ly", "s", "e")


def stem(word: str) -> str:
    """A light stem: the word without one common English suffix.

    Stems are matched as substrings, so ``reduc`` finds reduce, reduces,
    reduced and reduction.

    >>> [stem(w) for w in ("reduce", "reduces", "distress", "support", "families")]
    ['reduc', 'reduc', 'distres', 'support', 'famil']
    """
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def terms_of(text: str) -> list[str]:
    """The search terms of a question: lower-case stems, stop words dropped.

    The words are those of :func:`words_of`, the tokens the index holds, so a
    hyphenated word or a possessive finds what the index split: "self-efficacy"
    is the two terms the index has for it, "Model's" is "model".  The text is
    read in Unicode NFC, as kg reads its inputs, so an accent typed as a letter
    and a combining mark finds the same claims.

    >>> terms_of("Does peer support reduce distress?")
    ['peer', 'support', 'reduc', 'distres']
    >>> terms_of("self-efficacy and the Recovery Model's hope")
    ['self', 'efficacy', 'recovery', 'model', 'hope']
    >>> terms_of("cafe\u0301 re\u0301seau") == terms_of("caf\u00e9 r\u00e9seau")
    True
    """
    seen: list[str] = []
    for word in words_of(text):
        if word in _STOPWORDS or len(word) < 2:
            continue
        term = stem(word)
        if term not in seen:
            seen.append(term)
    return seen


@dataclass(frozen=True, slots=True)
class EvidenceSource:
    """A work a claim cites, as a reviewer reads it."""

    work: str
    label: str
    reference: str
    year: str | None
    doi: str | None
    citations: tuple[str, ...]
    printed_entries: int
    claims_citing: int

    def to_json(self) -> dict[str, Any]:
        return {
            "work": self.work,
            "label": self.label,
            "reference": self.reference,
            "year": self.year,
            "doi": self.doi,
            "citations": list(self.citations),
            "printed_entries": self.printed_entries,
            "claims_citing": self.claims_citing,
        }


@dataclass(frozen=True, slots=True)
class EvidenceHit:
    """One ranked claim with everything needed to judge it."""

    claim: str
    iri: str
    score: float
    statement: str
    quote: str
    section: str
    stance: str
    theories: tuple[str, ...]
    support_types: tuple[str, ...]
    outcomes: tuple[str, ...]
    sources: tuple[EvidenceSource, ...]
    flags: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "claim": self.claim,
            "score": self.score,
            "statement": self.statement,
            "quote": self.quote,
            "section": self.section,
            "stance": self.stance,
            "theories": list(self.theories),
            "support_types": list(self.support_types),
            "outcomes": list(self.outcomes),
            "source_count": len(self.sources),
            "sources": [s.to_json() for s in self.sources],
            "flags": list(self.flags),
            "iri": self.iri,
        }


# --- the search index --------------------------------------------------------

FIELDS = ("statement", "quote", "concept")

#: Everything the index is built from: claim texts, the concepts each claim
#: is tagged with, and the concept scheme (kinds, labels, broader links), so
#: that a query naming a broad concept finds claims tagged with narrower ones.
#: Each is one triple pattern: the joins (claim -> annotation -> target ->
#: selector -> quote; claim -> concepts -> broader concepts -> labels) are
#: done here, with dictionaries, where they cost far less than in SPARQL (on
#: a million triples the four-step quote join took twice as long as its four
#: patterns read one by one).
_TEXT_QUERIES = {
    "claims": "SELECT ?c WHERE { ?c a kg:Claim }",
    "statement": "SELECT ?c ?text WHERE { ?c kg:statement ?text }",
    "annotation": "SELECT ?c ?a WHERE { ?c kg:annotation ?a }",
    "target": "SELECT ?a ?t WHERE { ?a oa:hasTarget ?t }",
    "selector": "SELECT ?t ?s WHERE { ?t oa:hasSelector ?s }",
    "exact": "SELECT ?s ?text WHERE { ?s oa:exact ?text }",
    "theory": "SELECT ?c ?tagged WHERE { ?c kg:theory ?tagged }",
    "support": "SELECT ?c ?tagged WHERE { ?c kg:supportType ?tagged }",
    "outcome": "SELECT ?c ?tagged WHERE { ?c kg:outcome ?tagged }",
    "kinds": "SELECT ?concept ?kind WHERE { ?concept kg:kind ?kind }",
    "broader": "SELECT ?concept ?broader WHERE { ?concept skos:broader ?broader }",
    "labels": "SELECT ?concept ?text WHERE { ?concept skos:prefLabel|skos:altLabel ?text }",
}


def _texts(rows: dict[str, list[tuple[Any, ...]]]) -> dict[str, list[tuple[Any, ...]]]:
    """Claim statements, quotes and tags, joined from the one-pattern rows.

    The same rows as the joins ``?c a kg:Claim ; kg:statement ?text`` and
    ``?c a kg:Claim ; kg:annotation/oa:hasTarget/oa:hasSelector/oa:exact ?text``
    (tags need no type, as before).
    """
    claims = {row[0] for row in rows["claims"]}

    def links(name: str) -> dict[Any, list[Any]]:
        found: dict[Any, list[Any]] = {}
        for start, end in rows[name]:
            found.setdefault(start, []).append(end)
        return found

    target, selector, exact = links("target"), links("selector"), links("exact")
    quotes = [(c, text) for c, a in rows["annotation"] if c in claims
              for t in target.get(a, ()) for s in selector.get(t, ()) for text in exact.get(s, ())]
    return {
        "statement": [(c, text) for c, text in rows["statement"] if c in claims],
        "quote": quotes,
        "tags": rows["theory"] + rows["support"] + rows["outcome"],
    }


INDEX_FILE = "evidence.sqlite"
INDEX_VERSION = "5"  # 5: words_of drops a possessive 's and reads NFC


#: A possessive ending (straight or typographic apostrophe) after a letter:
#: dropped before splitting, so "Model's" is the word "model" and no stray "s".
_POSSESSIVE = re.compile(r"(?<=[^\W\d_])['\u2019]s\b")
_WORD = re.compile(r"[^\W\d_]+")


def words_of(text: str) -> list[str]:
    """Lower-case words of a text: the tokens the index holds and the words a query is read in.

    One function for both sides, so that a query finds what the index split:
    runs of letters (a hyphen, an apostrophe or a digit ends a word), read in
    NFC, with a possessive 's dropped.

    >>> words_of("Peer-support reduces distress (Chinman et al., 2014)")
    ['peer', 'support', 'reduces', 'distress', 'chinman', 'et', 'al']
    >>> words_of("The Recovery Model\u2019s well-being")
    ['the', 'recovery', 'model', 'well', 'being']
    """
    return _WORD.findall(_POSSESSIVE.sub("", unicodedata.normalize("NFC", text).lower()))


def _concept_words(kinds: list[tuple[Any, ...]], broader: list[tuple[Any, ...]],
                   labels: list[tuple[Any, ...]]) -> tuple[dict[str, set[str]], dict[str, str]]:
    """Words of each concept with a kind (its labels and every broader concept's), and its kind."""
    kind_of: dict[str, str] = {}
    for concept, kind in sorted(kinds):
        kind_of.setdefault(concept, kind)  # a concept given two kinds: the first by name
    up: dict[str, list[str]] = {}
    for concept, parent in broader:
        up.setdefault(concept, []).append(parent)
    label_words: dict[str, set[str]] = {}
    for concept, text in labels:
        label_words.setdefault(concept, set()).update(words_of(text))
    words: dict[str, set[str]] = {}
    for concept in kind_of:
        # skos:broader*: the concept itself and everything above it (cycles end the walk).
        seen, todo, found = {concept}, [concept], set()
        while todo:
            node = todo.pop()
            found |= label_words.get(node, set())
            for parent in up.get(node, ()):
                if parent not in seen:
                    seen.add(parent)
                    todo.append(parent)
        words[concept] = found
    return words, kind_of


class EvidenceIndex:
    """An inverted index of claim words (SQLite, in memory or in a file).

    One row per word: the ids of the claims holding it, the bit set of the
    fields it is in for each, and each claim's concept share (packed
    arrays).  Query terms are stems matched as prefixes of indexed words, so
    ``reduc`` finds reduces, reduced and reduction.
    """

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db
        row = db.execute("SELECT value FROM meta WHERE key = 'version'").fetchone()
        if row is None or row[0] != INDEX_VERSION:
            raise QueryError(f"evidence index version {row[0] if row else None!r}, expected {INDEX_VERSION}; "
                             "rebuild the store with kg build --store DIR")
        self.size = int(db.execute("SELECT COUNT(*) FROM claims").fetchone()[0])
        self._matches: dict[str, dict[int, tuple[int, float]]] = {}

    @classmethod
    def build(cls, store: Store, path: str | Path | None = None, *, timeout: float | None = None) -> EvidenceIndex:
        """Build the index from the claims of a store (into ``path`` if given).

        Claim ids follow the order of the claim IRIs, so every store holding
        the same graph gives the same index.
        """
        rows = {name: query_values(store, with_prologue(text), timeout=timeout)
                for name, text in _TEXT_QUERIES.items()}
        rows.update(_texts(rows))
        claims = {c for c, _ in rows["statement"]} | {c for c, _ in rows["quote"]} | {c for c, _ in rows["tags"]}
        ids = {iri: n for n, iri in enumerate(sorted(claims))}  # type: ignore[type-var]
        # word -> claim id -> bit set of the fields holding the word
        postings: dict[str, dict[int, int]] = {}
        for number, field in enumerate(FIELDS[:2]):
            bit = 1 << number
            for claim, text in rows[field]:
                cid = ids[claim]
                for word in set(words_of(str(text))):
                    held = postings.get(word)
                    if held is None:
                        postings[word] = {cid: bit}
                    else:
                        held[cid] = held.get(cid, 0) | bit
        concept_words, kind_of = _concept_words(rows["kinds"], rows["broader"], rows["labels"])
        # claim id -> concept kind -> the claim's concepts of that kind
        tagged_by: dict[int, dict[str, set[str]]] = {}
        for claim, tagged in rows["tags"]:
            tagged_by.setdefault(ids[claim], {}).setdefault(kind_of.get(str(tagged), ""), set()).add(str(tagged))
        # word -> claim id -> the best share, over concept kinds, of the
        # claim's concepts of that kind whose words hold the word
        shares: dict[str, dict[int, float]] = {}
        concept_bit = 1 << FIELDS.index("concept")
        for cid, by_kind in tagged_by.items():
            best: dict[str, float] = {}
            for concepts in by_kind.values():
                counts: dict[str, int] = {}
                for iri in concepts:
                    for word in concept_words.get(iri, ()):
                        counts[word] = counts.get(word, 0) + 1
                for word, count in counts.items():
                    best[word] = max(best.get(word, 0.0), count / len(concepts))
            for word, value in best.items():
                held = postings.get(word)
                if held is None:
                    postings[word] = {cid: concept_bit}
                else:
                    held[cid] = held.get(cid, 0) | concept_bit
                shares.setdefault(word, {})[cid] = round(value, 4)

        db = sqlite3.connect(str(path) if path is not None else ":memory:", check_same_thread=False)
        db.executescript(
            "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);"
            "CREATE TABLE claims (id INTEGER PRIMARY KEY, iri TEXT UNIQUE);"
            "CREATE TABLE postings (token TEXT PRIMARY KEY, claims BLOB, fields BLOB, shares BLOB) WITHOUT ROWID;"
        )
        db.executemany("INSERT INTO claims VALUES (?, ?)", sorted((v, k) for k, v in ids.items()))

        def packed(word: str) -> tuple[str, bytes, bytes, bytes]:
            held, part = postings[word], shares.get(word, {})
            order = sorted(held)
            return (word, array("i", order).tobytes(), array("B", [held[c] for c in order]).tobytes(),
                    array("d", [part.get(c, 0.0) for c in order]).tobytes())

        db.executemany("INSERT INTO postings VALUES (?, ?, ?, ?)", (packed(w) for w in sorted(postings)))
        db.execute("INSERT INTO meta VALUES ('version', ?)", (INDEX_VERSION,))
        db.commit()
        return cls(db)

    @classmethod
    def open(cls, path: str | Path) -> EvidenceIndex:
        """Open an index file written by :meth:`build`."""
        try:
            db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
            return cls(db)
        except sqlite3.Error as err:
            raise QueryError(f"{path}: unreadable evidence index ({err}); rebuild with kg build --store DIR") from err

    def matches(self, term: str) -> dict[int, tuple[int, float]]:
        """Claims whose words start with ``term``: claim id -> (bit set of fields, concept share).

        The concept share is the fraction of the claim's concepts of one kind
        (theories, support types or outcomes) whose labels hold the word: a
        claim about that one support type outranks a claim listing it among
        several (field-length normalisation, as in BM25).
        """
        cached = self._matches.get(term)
        if cached is not None:
            return cached
        found: dict[int, tuple[int, float]] = {}
        rows = self.db.execute(
            "SELECT claims, fields, shares FROM postings WHERE token >= ? AND token < ?", (term, term + "\U0010ffff")
        ).fetchall()
        for claims, fields, shares in rows:
            ids, masks, parts = array("i"), array("B"), array("d")
            ids.frombytes(claims)
            masks.frombytes(fields)
            parts.frombytes(shares)
            for claim, mask, part in zip(ids, masks, parts):
                old = found.get(claim)
                found[claim] = (mask, part) if old is None else (old[0] | mask, max(old[1], part))
        self._matches[term] = found
        return found

    def iris(self, ids: list[int]) -> dict[int, str]:
        """The IRIs of claim ids."""
        marks = ",".join("?" * len(ids))
        return dict(self.db.execute(f"SELECT id, iri FROM claims WHERE id IN ({marks})", ids).fetchall())

    def close(self) -> None:
        """Close the database."""
        self.db.close()


def index_for(store: Store, timeout: float | None = DEFAULT_TIMEOUT) -> EvidenceIndex:
    """The store's saved index (an Oxigraph store folder), else one built now."""
    folder = getattr(store, "folder", None)
    if folder is not None and (Path(folder) / INDEX_FILE).is_file():
        return EvidenceIndex.open(Path(folder) / INDEX_FILE)
    cached = getattr(store, "_evidence_index", None)
    if cached is None:
        cached = EvidenceIndex.build(store, timeout=timeout)
        try:
            store._evidence_index = cached  # type: ignore[attr-defined]
        except AttributeError:
            pass
    return cached


# One branch per kind of detail, each a plain join starting from the bound
# claims ($CLAIMS, repeated in every branch): a VALUES block outside the UNION,
# or an OPTIONAL, would make the engine evaluate its pattern for every claim
# in the graph before joining, and the query would slow down with graph size.
_DETAIL_BRANCHES = {
    "claim": """?c dcterms:identifier ?a ; kg:statement ?b ; kg:stance ?stance .
      BIND(LCASE(STRAFTER(STR(?stance), "#")) AS ?d)""",
    "section": "?c kg:section ?b .",
    "quote": "?c kg:annotation ?ann . ?ann oa:hasTarget ?target . ?target oa:hasSelector ?sel . ?sel oa:exact ?b .",
    "concept": "?c ?prop ?concept . ?concept kg:kind ?a ; skos:prefLabel ?b .",
    "alt-label": "?c ?prop ?concept . ?concept kg:kind ?kind ; skos:altLabel ?b .",
    "source": """?c cito:cites ?work . ?work kg:label ?b ; kg:formatted ?d .
      BIND(STR(?work) AS ?a)""",
    "year": "?c cito:cites ?work . ?work dcterms:issued ?b . BIND(STR(?work) AS ?a)",
    "doi": "?c cito:cites ?work . ?work bibo:doi ?b . BIND(STR(?work) AS ?a)",
    # The entries of the claim's own reference list that print the work:
    # works are shared by corpora, entries are not (kg:printedCount, on the
    # work, holds one value per corpus in a merged graph).
    "entry": """?c cito:cites ?work ; dcterms:isPartOf ?article .
      ?entry biro:references ?work ; dcterms:isPartOf ?article .
      BIND(STR(?work) AS ?a) BIND(STR(?entry) AS ?b)""",
    # Read only for a work no entry of the claim's corpus prints (a graph kg build did not write).
    "printed": "?c cito:cites ?work . ?work kg:printedCount ?b . BIND(STR(?work) AS ?a)",
    "cited-by": """?c cito:cites ?work . ?other cito:cites ?work ; a kg:Claim .
      BIND(STR(?work) AS ?a) BIND(STR(?other) AS ?b)""",
    "citation": """?c kg:hasCitation ?pointer . ?pointer c4o:hasContent ?b ; kg:citationStatus ?status .
      BIND(LCASE(STRAFTER(STR(?status), "#")) AS ?d) BIND(STR(?pointer) AS ?e)""",
    "citation-work": "?c kg:hasCitation ?pointer . ?pointer dcterms:references ?work . "
                     "BIND(STR(?pointer) AS ?e) BIND(STR(?work) AS ?a)",
    "citation-offset": "?c kg:hasCitation ?pointer . ?pointer kg:startOffset ?b . BIND(STR(?pointer) AS ?e)",
}

_DETAIL_QUERY = "SELECT ?c ?part ?a ?b ?d ?e WHERE {\n  " + "\n  UNION\n  ".join(
    f'{{ $CLAIMS\n      {body}\n      BIND("{part}" AS ?part) }}' for part, body in _DETAIL_BRANCHES.items()
) + "\n}"


def _sort_key(hit: EvidenceHit) -> tuple[Any, ...]:
    return (-hit.score, -len(hit.sources), hit.stance != "supports", hit.claim, hit.iri)


@lru_cache(maxsize=4096)
def _best_weight(mask: int, share: float) -> float:
    """The weight of a term's matches in a claim: its best field in full, the others at half.

    A concept match counts from half to full weight with the share of the
    claim's concepts that carry the word.  Cached: a search scores tens of
    thousands of claims, but masks are three bits and shares a few rounded
    fractions, so only a handful of distinct weights are ever computed.
    """
    weights = sorted((FIELD_WEIGHTS[f] * ((0.5 + 0.5 * share) if f == "concept" else 1.0)
                      for n, f in enumerate(FIELDS) if mask & (1 << n)), reverse=True)
    return weights[0] + 0.5 * sum(weights[1:]) if weights else 0.0


def search_evidence(
    store: Store, text: str, *, limit: int = 5, timeout: float | None = DEFAULT_TIMEOUT,
    index: EvidenceIndex | None = None,
) -> list[EvidenceHit]:
    """Rank the claims that answer ``text``, best first.

    Args:
        store: any store holding kg graphs.
        text: the question or claim in the reviewer's words.
        limit: how many hits to return.
        timeout: seconds each query may run.
        index: the evidence index (default: the store's, see :func:`index_for`).

    Returns:
        Up to ``limit`` hits, each with a score (higher is better).

    Raises:
        QueryError: the text has no searchable word, or ``limit`` < 1.
    """
    if limit < 1:
        raise QueryError(f"--limit must be at least 1, got {limit}")
    if not text.strip():
        raise QueryError("nothing to search for: the text is empty; give the words of a question or claim")
    terms = terms_of(text)
    if not terms:
        raise QueryError(
            f"nothing to search for in {text!r}: every word is a stop word; name an outcome, a support type, "
            "a theory or words of a claim"
        )
    index = index or index_for(store, timeout)
    n_claims = max(index.size, 1)
    scores: dict[int, float] = {}
    for term in terms:
        found = index.matches(term)
        if not found:
            continue
        idf = math.log(1 + n_claims / len(found))
        for claim, (mask, share) in found.items():
            scores[claim] = scores.get(claim, 0.0) + idf * _best_weight(mask, share)
    if not scores:
        return []
    # Candidates by term score; the phrase bonus below may reorder them.
    # (the best few of tens of thousands: a heap, not a full sort; same order as sorted()[:n])
    top = heapq.nsmallest(max(limit * 4, 20), scores, key=lambda c: (-scores[c], c))
    iris = index.iris(top)
    phrase = " ".join(w for w in words_of(text) if w not in _STOPWORDS)
    phrase_weight = sum(math.log(1 + n_claims / max(len(index.matches(t)), 1)) for t in terms)
    hits = _details(store, {iris[c]: scores[c] for c in top}, phrase if len(phrase.split()) > 1 else "",
                    phrase_weight, timeout)
    hits.sort(key=_sort_key)
    return hits[:limit]


def _phrase_bonus(entry: dict[str, Any], phrase: str, weight: float) -> float:
    if not phrase:
        return 0.0
    fields = {
        "statement": [str(entry.get("statement", ""))],
        "quote": [str(entry.get("quote", ""))],
        "concept": [str(label) for label in entry["labels"]],
    }
    best = 0.0
    for field, texts in fields.items():
        if any(f" {phrase} " in f" {' '.join(words_of(t))} " for t in texts):
            best = max(best, FIELD_WEIGHTS[field])
    return 0.5 * weight * best


def _details(
    store: Store, scores: dict[str, float], phrase: str, phrase_weight: float, timeout: float | None
) -> list[EvidenceHit]:
    block = values_block(["c"], [[URIRef(c)] for c in sorted(scores)])
    text = with_prologue(_DETAIL_QUERY).replace("$CLAIMS", block)
    # Plain strings straight from the store (no rdflib terms: a search reads
    # a few thousand detail values); the one number, the offset, is parsed here.
    claims: dict[str, dict[str, Any]] = {}
    for c, part, a, b, d, e in query_values(store, text, timeout=timeout):
        if c is None:  # every branch binds ?c from the VALUES block; never unbound
            continue
        entry = claims.setdefault(c, {
            "concepts": set(), "labels": set(), "sources": {}, "cited_by": {}, "citations": {}, "extra": {},
            "entries": {}, "printed": {},
        })
        if part == "claim":
            entry.update(claim=a, statement=b, stance=d)
        elif part in ("section", "quote"):
            entry[part] = b
        elif part == "concept":
            entry["concepts"].add((a, b))
            entry["labels"].add(b)
        elif part == "alt-label":
            entry["labels"].add(b)
        elif part == "source":
            entry["sources"][a] = {"label": b, "reference": d}
        elif part in ("year", "doi"):
            entry["extra"][(a, part)] = b
        elif part == "entry":
            entry["entries"].setdefault(a, set()).add(b)
        elif part == "printed" and b is not None:
            entry["printed"].setdefault(a, set()).add(int(b))
        elif part == "cited-by":
            entry["cited_by"].setdefault(a, set()).add(b)
        elif part is not None and part.startswith("citation"):
            citation = entry["citations"].setdefault(e, {"offset": -1, "work": None})
            if part == "citation":
                citation.update(text=b, status=d)
            elif part == "citation-work":
                citation["work"] = a
            else:
                citation["offset"] = int(b) if b is not None else -1
    hits = []
    for iri, entry in claims.items():
        if "claim" not in entry:
            continue
        citations = sorted((c for c in entry["citations"].values() if "text" in c),
                           key=lambda c: (c["offset"], c["text"]))
        sources = []
        for work, info in sorted(entry["sources"].items(), key=lambda kv: (str(kv[1]["label"]), kv[0])):
            printed = [c["text"] for c in citations if c["work"] == work]
            year, doi = entry["extra"].get((work, "year")), entry["extra"].get((work, "doi"))
            sources.append(EvidenceSource(
                work=work, label=str(info["label"]), reference=str(info["reference"]),
                year=str(year) if year is not None else None, doi=doi,
                citations=tuple(dict.fromkeys(printed)),
                printed_entries=_printed_entries(entry, work),
                claims_citing=len(entry["cited_by"].get(work, ())),
            ))
        flags = []
        if not sources:
            flags.append("no-source")
        elif len(sources) == 1:
            flags.append("single-source")
        if any(c["status"] != "resolved" for c in citations):
            flags.append("unresolved-citation")
        if any(s.printed_entries > 1 for s in sources):
            flags.append("duplicate-entries-merged")
        if any(s.claims_citing == 1 for s in sources):
            flags.append("source-cited-only-here")
        by_kind = {k: tuple(sorted(label for kind, label in entry["concepts"] if kind == k))
                   for k in ("theory", "support-type", "outcome")}
        score = scores[iri] + _phrase_bonus(entry, phrase, phrase_weight)
        hits.append(EvidenceHit(
            claim=str(entry["claim"]), iri=iri, score=round(score, 4), statement=str(entry["statement"]),
            quote=str(entry.get("quote", "")), section=str(entry.get("section", "")), stance=str(entry["stance"]),
            theories=by_kind["theory"], support_types=by_kind["support-type"], outcomes=by_kind["outcome"],
            sources=tuple(sources), flags=tuple(flags),
        ))
    return hits


def _printed_entries(entry: dict[str, Any], work: str) -> int:
    """How many entries of the claim's corpus print the work.

    Counted from the corpus's own entries, so that two corpora printing one
    work a different number of times each get their own count, in memory and
    on a store alike.  A graph without entries (not written by ``kg build``)
    falls back to ``kg:printedCount``, the largest value if it holds several.
    """
    entries = entry["entries"].get(work)
    if entries:
        return len(entries)
    return max(entry["printed"].get(work, ()), default=1)


def render_hits(hits: list[EvidenceHit]) -> str:
    """Hits as readable text, one block per claim."""
    if not hits:
        return "no claim matches; try other words, a concept label, or `kg query concepts`"
    blocks = []
    for rank, hit in enumerate(hits, start=1):
        lines = [f"{rank}. {hit.claim} (score {hit.score:g}, {hit.stance}): {hit.statement}"]
        if hit.quote:
            lines.append(f"   quote{f' ({hit.section})' if hit.section else ''}: \"{' '.join(hit.quote.split())}\"")
        for label, values in (("theories", hit.theories), ("support types", hit.support_types),
                              ("outcomes", hit.outcomes)):
            if values:
                lines.append(f"   {label}: {', '.join(values)}")
        lines.append(f"   sources ({len(hit.sources)}):")
        for source in hit.sources:
            cited = f" cited as {'; '.join(source.citations)}" if source.citations else ""
            doi = f" doi:{source.doi}" if source.doi else ""
            lines.append(f"   - {source.reference}{doi}{cited}")
        if not hit.sources:
            lines.append("   - none")
        if hit.flags:
            lines.append(f"   flags: {', '.join(hit.flags)}")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)
