"""The vocabulary: namespaces, prefix bindings, project terms and IRI minting.

This is the only module that spells IRIs.  Standard vocabularies do the work
wherever they have a term:

* FaBiO / BIBO for works and their types, DCTERMS for titles, dates, creators;
* CiTO for citation functions (``cito:citesAsEvidence``, ``cito:obtainsSupportFrom``);
* C4O / BiRO for in-text reference pointers and reference-list entries;
* SKOS for the concept scheme, Web Annotation (OA) for quotes and their
  selectors, PROV-O for provenance (file and line each statement came from).

Project terms live in :class:`KG`; a misspelt term raises ``AttributeError``.
IRIs are minted from content (DOI, else citekey; corpus id plus position), so
the same inputs always give the same graph.

>>> work_iri(Reference("1", doi="10.1371/journal.pmed.1000316"), "x")
rdflib.term.URIRef('https://w3id.org/kg/id/work/doi/10.1371/journal.pmed.1000316')
>>> citekey(Reference("1", authors=(Person("Räisänen"),), year=2015,
...                   title="The Role of Social Support in Recovery"))
'raisanen2015role'
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from urllib.parse import quote

from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, OWL, PROV, RDF, RDFS, SKOS, XSD, DefinedNamespace

from kg.model import Person, Reference, Work

CITO = Namespace("http://purl.org/spar/cito/")
FABIO = Namespace("http://purl.org/spar/fabio/")
BIBO = Namespace("http://purl.org/ontology/bibo/")
C4O = Namespace("http://purl.org/spar/c4o/")
BIRO = Namespace("http://purl.org/spar/biro/")
FRBR = Namespace("http://purl.org/vocab/frbr/core#")
OA = Namespace("http://www.w3.org/ns/oa#")
SH = Namespace("http://www.w3.org/ns/shacl#")

#: Where the project's own data IRIs live.
BASE = "https://w3id.org/kg/id/"
ID = Namespace(BASE)


class KG(DefinedNamespace):
    """Terms of the ``kg`` project ontology (``kg/data/ontology.ttl``)."""

    _fail = True
    _NS = Namespace("https://w3id.org/kg/vocab#")

    # Classes
    Claim: URIRef  # An assertion of a reviewing article, resting on zero or more cited works.
    Theory: URIRef  # A skos:Concept naming a theory or model the review draws on.
    SupportType: URIRef  # A skos:Concept naming a type or form of support.
    Outcome: URIRef  # A skos:Concept naming an outcome claims are about.
    Authorship: URIRef  # The n-th author (or editor) position of a work.
    Stance: URIRef  # How a claim relates to the sources it cites.
    CitationStatus: URIRef  # Whether an in-text citation resolved to a work.
    DedupDecision: URIRef  # A recorded decision that two records are (not) one work.
    SourceFile: URIRef  # An input file of a corpus.

    # Individuals
    Supports: URIRef  # The cited sources support the claim.
    Disputes: URIRef  # The cited sources dispute the claim.
    Mentions: URIRef  # The sources are mentioned without backing the claim.
    Resolved: URIRef  # The citation resolved to exactly one work.
    Unresolved: URIRef  # No work matches the citation.
    Ambiguous: URIRef  # More than one work matches the citation.

    # Claim properties
    statement: URIRef  # One-sentence statement of a claim.
    stance: URIRef  # The claim's kg:Stance towards its sources.
    theory: URIRef  # A kg:Theory the claim is about.
    supportType: URIRef  # A kg:SupportType the claim is about.
    outcome: URIRef  # A kg:Outcome the claim is about.
    restsOnNoSource: URIRef  # True when the claim cites nothing.
    hasCitation: URIRef  # An in-text citation (c4o:InTextReferencePointer) the claim's quote carries.
    annotation: URIRef  # The oa:Annotation anchoring the claim's quote in the article.

    # Citation properties
    citationStatus: URIRef  # kg:Resolved, kg:Unresolved or kg:Ambiguous.
    candidate: URIRef  # A work an ambiguous citation could denote.
    locator: URIRef  # A page or other locator printed in the citation.
    narrative: URIRef  # True for narrative citations ("Cohen and Wills (1985)").
    pointerText: URIRef  # The whole bracket or phrase the citation was printed in.
    section: URIRef  # Title of the article section the item lies in.
    startOffset: URIRef  # Offset of the first character in the cleaned article text.
    endOffset: URIRef  # Offset after the last character in the cleaned article text.

    # Work and record properties
    citekey: URIRef  # The stable citekey a work's IRI is minted from.
    label: URIRef  # Short "Surname Year" label of a work.
    formatted: URIRef  # The work formatted as an APA reference.
    authorship: URIRef  # A kg:Authorship of a work (author or editor).
    position: URIRef  # 1-based position in an author or editor list.
    role: URIRef  # "author" or "editor".
    agent: URIRef  # The foaf:Person of an authorship.
    etAl: URIRef  # True when the printed author list was truncated with "et al.".
    yearSuffix: URIRef  # Letter after the year ("2000a").
    dateText: URIRef  # Date as printed when it is not a year ("n.d.", "in press").
    inputId: URIRef  # Id of the record in its input (position, BibTeX key, RIS ID).
    sourceFormat: URIRef  # Form the record was read from (text, bibtex, ris, csl-json, csv).
    confidence: URIRef  # Parser confidence in [0, 1].
    leftover: URIRef  # Text of the record the parser could not place.
    place: URIRef  # Place of publication.
    printedCount: URIRef  # How many reference entries describe the work.
    affiliation: URIRef  # An institution printed on the reviewing article's byline (not tied to one author).

    # Provenance
    sourceFile: URIRef  # Path of the input file, relative to the corpus folder.
    sourceLine: URIRef  # 1-based line in the input file.

    # Deduplication
    decisionLeft: URIRef  # One record of a dedup decision.
    decisionRight: URIRef  # The other record of a dedup decision.
    same: URIRef  # True when the decision is that both are one work.
    score: URIRef  # Similarity score of a dedup decision.
    reason: URIRef  # A reason behind a dedup decision.
    decidedBy: URIRef  # "rule" or "reviewer".

    # Concept scheme
    kind: URIRef  # "theory", "support-type" or "outcome".


PREFIXES: dict[str, Namespace] = {
    "kg": Namespace(str(KG._NS)),
    "id": ID,
    "cito": CITO,
    "fabio": FABIO,
    "bibo": BIBO,
    "c4o": C4O,
    "biro": BIRO,
    "frbr": FRBR,
    "oa": OA,
    "dcterms": Namespace(str(DCTERMS)),
    "foaf": Namespace(str(FOAF)),
    "prov": Namespace(str(PROV)),
    "skos": Namespace(str(SKOS)),
    "owl": Namespace(str(OWL)),
    "rdf": Namespace(str(RDF)),
    "rdfs": Namespace(str(RDFS)),
    "xsd": Namespace(str(XSD)),
    "sh": SH,
}

#: The SPARQL prologue every named query is prepared with.
SPARQL_PROLOGUE = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())

STANCE_TERMS: dict[str, URIRef] = {
    "supports": KG.Supports,
    "disputes": KG.Disputes,
    "mentions": KG.Mentions,
}

#: The CiTO property a claim with a given stance uses towards each cited work.
STANCE_CITO: dict[str, URIRef] = {
    "supports": CITO.obtainsSupportFrom,
    "disputes": CITO.disputes,
    "mentions": CITO.citesForInformation,
}

CONCEPT_CLASSES: dict[str, URIRef] = {
    "theory": KG.Theory,
    "support-type": KG.SupportType,
    "outcome": KG.Outcome,
}

CONCEPT_PROPERTIES: dict[str, URIRef] = {
    "theory": KG.theory,
    "support-type": KG.supportType,
    "outcome": KG.outcome,
}

STATUS_TERMS: dict[str, URIRef] = {
    "resolved": KG.Resolved,
    "unresolved": KG.Unresolved,
    "ambiguous": KG.Ambiguous,
}

#: FaBiO class for each CSL type a Reference can carry.
WORK_CLASSES: dict[str, URIRef] = {
    "article-journal": FABIO.JournalArticle,
    "article": FABIO.Article,
    "book": FABIO.Book,
    "chapter": FABIO.BookChapter,
    "paper-conference": FABIO.ConferencePaper,
    "report": FABIO.Report,
    "thesis": FABIO.Thesis,
    "webpage": FABIO.WebPage,
}


def bind_prefixes(graph: Graph) -> Graph:
    """Bind every project prefix on ``graph`` (replacing rdflib's defaults)."""
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True, replace=True)
    return graph


def slug(text: str) -> str:
    """ASCII, lower-case, hyphen-separated form of ``text``.

    >>> slug("Holt-Lunstad, J.")
    'holt-lunstad-j'
    >>> slug("Räisänen")
    'raisanen'
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


_STOPWORDS = frozenset(
    "a an the of on in and for to from with at by as is are how what why when".split()
)


def citekey(reference: Reference) -> str:
    """Google-Scholar-style citekey: first surname, year, first content word.

    Two works by the same first author in the same year differ by their
    title word, so the key needs no knowledge of the rest of the library.
    """
    surname = slug(reference.surnames[0]).replace("-", "") if reference.surnames else "anon"
    year = str(reference.year) if reference.year else "nd"
    words = [w for w in slug(reference.title).split("-") if w and w not in _STOPWORDS]
    return f"{surname or 'anon'}{year}{words[0] if words else ''}"


def _iri(*parts: str) -> URIRef:
    return URIRef(BASE + "/".join(quote(p, safe="") for p in parts))


def work_iri(reference: Reference, key: str) -> URIRef:
    """The IRI of a work: from its DOI when known, else from its citekey."""
    if reference.doi:
        return URIRef(BASE + "work/doi/" + quote(reference.doi.lower(), safe="/"))
    return _iri("work", key)


def work_iris(works: Iterable[Work]) -> dict[str, URIRef]:
    """The IRI of every work, by key: :func:`work_iri`, except that a DOI names
    one node only.

    Two works that carry one DOI (dedup kept them apart: their titles or
    authors differ, so one DOI is misprinted, which ``kg check`` reports as
    ``shared-doi``) would otherwise become one node with two titles.  The
    first keeps the DOI's IRI, the others are minted from their citekeys.
    """
    iris: dict[str, URIRef] = {}
    taken: set[URIRef] = set()
    for work in works:
        iri = work_iri(work.record, work.key)
        if iri in taken:
            iri = _iri("work", work.key)
        taken.add(iri)
        iris[work.key] = iri
    return iris


def person_iri(person: Person) -> URIRef:
    """The IRI of a person: family name plus initials (the printed identity)."""
    if person.literal:
        return _iri("agent", slug(person.literal))
    initials = "".join(w[0] for w in re.findall(r"[^\W\d_]+", person.given))
    return _iri("person", slug(f"{person.particle} {person.family} {initials}"))


def corpus_iri(corpus_id: str) -> URIRef:
    """The IRI of a corpus's reviewing article."""
    return _iri(corpus_id)


def graph_iri(corpus_id: str) -> URIRef:
    """The named graph holding everything read from one corpus."""
    return _iri(corpus_id, "graph")


def merged_graph_iri() -> URIRef:
    """The named graph a SPARQL server holds the merge of every corpus in.

    Its last path segment has a character corpus ids may not contain, so no
    corpus graph can collide with it.
    """
    return URIRef(BASE + "_all/graph")


def corpus_part_iri(corpus_id: str, kind: str, local: str | int) -> URIRef:
    """An IRI inside a corpus: ``reference/3``, ``citation/7``, ``claim/C01``..."""
    return _iri(corpus_id, kind, str(local))


def concept_iri(scheme_id: str, concept_id: str | None = None) -> URIRef:
    """The IRI of a concept scheme, or of one of its concepts."""
    if concept_id is None:
        return _iri("scheme", scheme_id)
    return _iri("scheme", scheme_id, concept_id)


def file_iri(corpus_id: str, path: str) -> URIRef:
    """The IRI of an input file of a corpus (PROV entity)."""
    return _iri(corpus_id, "file", path)


def sub_iri(parent: URIRef, *parts: str | int) -> URIRef:
    """An IRI below another one (``<work>/author/1``, ``<claim>/quote``)."""
    return URIRef(str(parent) + "".join("/" + quote(str(p), safe="") for p in parts))


def container_iri(kind: str, title: str) -> URIRef:
    """The IRI of a journal, book or proceedings, from its normalised title."""
    return _iri(kind, slug(title))


def agent_iri(name: str) -> URIRef:
    """The IRI of an organisation (publisher, corporate author)."""
    return _iri("agent", slug(name))
