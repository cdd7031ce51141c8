"""Build: a :class:`~kg.model.Corpus` becomes an RDF graph.  Pure, no I/O.

What goes where (all IRIs from :mod:`kg.vocab`):

* the reviewing article: ``fabio:ReviewArticle`` with DCTERMS metadata, citing
  each work it cites with ``cito:cites`` (``cito:citesAsEvidence`` when a
  supporting claim rests on it);
* each printed reference entry: ``biro:BibliographicReference`` with its text
  (``c4o:hasContent``), its input id, form and line, and ``biro:references``
  to the work it became, so merged duplicates stay traceable;
* each work: a FaBiO class, DCTERMS/BIBO fields, ordered authorships;
* each in-text citation: ``c4o:InTextReferencePointer`` with its text,
  offsets, section, resolution status and ``dcterms:references`` to its work;
* the concept scheme in SKOS; each claim a ``kg:Claim`` linked to concepts and
  works (CiTO by stance), anchored by an ``oa:Annotation`` whose target carries
  a ``oa:TextQuoteSelector`` and a ``oa:TextPositionSelector``;
* deduplication decisions as ``kg:DedupDecision`` nodes with score and reasons;
  related versions (a preprint and its article) stay two works linked by
  ``dcterms:relation`` both ways, with their decision (``kg:same false``);
* provenance: ``prov:wasDerivedFrom`` the input file and ``kg:sourceLine``.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, PROV, RDF, RDFS, SKOS, XSD

from kg.ingest.references.styles import format_apa
from kg.model import Corpus, Person, Reference, SourceLocation, Work
from kg.vocab import (
    BIBO,
    BIRO,
    C4O,
    CITO,
    CONCEPT_CLASSES,
    CONCEPT_PROPERTIES,
    FABIO,
    KG,
    OA,
    STANCE_CITO,
    STANCE_TERMS,
    STATUS_TERMS,
    WORK_CLASSES,
    agent_iri,
    bind_prefixes,
    concept_iri,
    container_iri,
    corpus_iri,
    corpus_part_iri,
    file_iri,
    graph_iri,
    person_iri,
    sub_iri,
    work_iris,
)

_CONTAINER_CLASSES = {
    "article-journal": ("journal", FABIO.Journal),
    "chapter": ("book", FABIO.Book),
    "paper-conference": ("proceedings", FABIO.AcademicProceedings),
}


def _lit(graph: Graph, subject: URIRef, predicate: URIRef, value: object, **kw: object) -> None:
    """Add a literal unless the value is empty."""
    if value is None or value == "" or value == ():
        return
    graph.add((subject, predicate, Literal(value, **kw)))  # type: ignore[arg-type]


class _Builder:
    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus
        self.graph = bind_prefixes(Graph(identifier=graph_iri(corpus.id)))
        self.article = corpus_iri(corpus.id)
        self.work_iris = work_iris(corpus.works)
        self.entry_iris = {r.id: corpus_part_iri(corpus.id, "reference", r.id) for r in corpus.references}

    def _provenance(self, subject: URIRef, source: SourceLocation) -> None:
        if not source.path:
            return
        name = os.path.relpath(source.path, self.corpus.path).replace(os.sep, "/")
        if name.startswith("../") and os.path.isabs(source.path):
            # A manifest naming a file outside the corpus by its absolute path: that
            # path names it wherever the corpus folder is moved or read from.
            name = Path(source.path).as_posix()
        file = file_iri(self.corpus.id, name)
        self.graph.add((subject, PROV.wasDerivedFrom, file))
        self.graph.add((file, RDF.type, PROV.Entity))
        self.graph.add((file, RDF.type, KG.SourceFile))
        _lit(self.graph, file, KG.sourceFile, name)
        if source.line:
            _lit(self.graph, subject, KG.sourceLine, source.line)

    def _person(self, person: Person) -> URIRef:
        iri = person_iri(person)
        g = self.graph
        if person.literal:
            g.add((iri, RDF.type, FOAF.Organization))
            _lit(g, iri, FOAF.name, person.literal)
            return iri
        g.add((iri, RDF.type, FOAF.Person))
        _lit(g, iri, FOAF.familyName, f"{person.particle} {person.family}".strip())
        _lit(g, iri, FOAF.givenName, person.given)
        _lit(g, iri, FOAF.name, person.display)
        return iri

    def _names(self, work: URIRef, people: Iterable[Person], role: str, link: URIRef) -> None:
        for n, person in enumerate(people, start=1):
            agent = self._person(person)
            node = sub_iri(work, role, n)
            self.graph.add((work, link, agent))
            self.graph.add((work, KG.authorship, node))
            self.graph.add((node, RDF.type, KG.Authorship))
            _lit(self.graph, node, KG.position, n)
            _lit(self.graph, node, KG.role, role)
            self.graph.add((node, KG.agent, agent))

    def article_record(self) -> None:
        g, art, rec = self.graph, self.article, self.corpus.record
        g.add((art, RDF.type, FABIO.ReviewArticle))
        _lit(g, art, DCTERMS.title, rec.title)
        _lit(g, art, DCTERMS.identifier, rec.id)
        self._names(art, rec.authors, "author", DCTERMS.creator)
        for name in rec.affiliations:
            # The byline's institutions; the manifest does not say which author holds which.
            institution = self._person(Person("", literal=name))
            g.add((art, KG.affiliation, institution))
        for keyword in rec.keywords:
            _lit(g, art, DCTERMS.subject, keyword)
        _lit(g, art, BIBO.doi, rec.doi)
        _lit(g, art, BIBO.volume, rec.volume)
        _lit(g, art, BIBO.issue, rec.issue)
        if rec.year:
            _lit(g, art, DCTERMS.issued, str(rec.year), datatype=XSD.gYear)
        if rec.url:
            g.add((art, FABIO.hasURL, Literal(rec.url, datatype=XSD.anyURI)))
        if rec.journal:
            journal = container_iri("journal", rec.journal)
            g.add((art, DCTERMS.isPartOf, journal))
            g.add((journal, RDF.type, FABIO.Journal))
            _lit(g, journal, DCTERMS.title, rec.journal)
            for issn in rec.issn:
                _lit(g, journal, BIBO.issn, issn)
        self._provenance(art, SourceLocation(self.corpus.article.path))

    def work(self, work: Work) -> None:
        g, ref = self.graph, work.record
        iri = self.work_iris[work.key]
        g.add((iri, RDF.type, WORK_CLASSES.get(ref.type, FABIO.Work)))
        g.add((iri, RDF.type, FABIO.Work))
        _lit(g, iri, KG.citekey, work.key)
        _lit(g, iri, KG.label, ref.label)
        _lit(g, iri, DCTERMS.title, ref.title)
        if ref.year:
            _lit(g, iri, DCTERMS.issued, str(ref.year), datatype=XSD.gYear)
        _lit(g, iri, KG.yearSuffix, ref.year_suffix)
        _lit(g, iri, KG.dateText, ref.date_text)
        self._names(iri, ref.authors, "author", DCTERMS.creator)
        self._names(iri, ref.editors, "editor", DCTERMS.contributor)
        if ref.et_al:
            _lit(g, iri, KG.etAl, True)
        if ref.container:
            kind, cls = _CONTAINER_CLASSES.get(ref.type, ("container", FABIO.Expression))
            container = container_iri(kind, ref.container)
            g.add((iri, DCTERMS.isPartOf, container))
            g.add((container, RDF.type, cls))
            _lit(g, container, DCTERMS.title, ref.container)
        _lit(g, iri, BIBO.volume, ref.volume)
        _lit(g, iri, BIBO.issue, ref.issue)
        _lit(g, iri, BIBO.pages, ref.pages)
        _lit(g, iri, BIBO.edition, ref.edition)
        _lit(g, iri, BIBO.doi, ref.doi)
        _lit(g, iri, BIBO.isbn, ref.isbn)
        _lit(g, iri, FABIO.hasPubMedId, ref.pmid)
        if ref.url:
            g.add((iri, FABIO.hasURL, Literal(ref.url, datatype=XSD.anyURI)))
        if ref.publisher:
            publisher = agent_iri(ref.publisher)
            g.add((iri, DCTERMS.publisher, publisher))
            g.add((publisher, RDF.type, FOAF.Organization))
            _lit(g, publisher, FOAF.name, ref.publisher)
        _lit(g, iri, KG.place, ref.place)
        _lit(g, iri, KG.formatted, format_apa(ref))
        _lit(g, iri, KG.printedCount, len(work.members))

    def entry(self, ref: Reference, work: Work) -> None:
        g = self.graph
        iri = self.entry_iris[ref.id]
        g.add((iri, RDF.type, BIRO.BibliographicReference))
        g.add((iri, DCTERMS.isPartOf, self.article))
        g.add((iri, BIRO.references, self.work_iris[work.key]))
        _lit(g, iri, C4O.hasContent, ref.raw)
        _lit(g, iri, KG.inputId, ref.id)
        _lit(g, iri, KG.sourceFormat, ref.source_format)
        _lit(g, iri, KG.confidence, round(ref.confidence, 3))
        _lit(g, iri, KG.leftover, ref.leftover)
        self._provenance(iri, ref.source)

    def citations(self) -> None:
        g = self.graph
        first_entry = {w.key: self.entry_iris[w.members[0]] for w in self.corpus.works}
        for c in self.corpus.citations:
            iri = corpus_part_iri(self.corpus.id, "citation", c.id)
            g.add((iri, RDF.type, C4O.InTextReferencePointer))
            g.add((iri, DCTERMS.isPartOf, self.article))
            _lit(g, iri, C4O.hasContent, c.text)
            _lit(g, iri, KG.pointerText, c.pointer)
            _lit(g, iri, KG.narrative, c.narrative)
            _lit(g, iri, KG.locator, c.locator)
            _lit(g, iri, KG.section, c.section)
            _lit(g, iri, KG.startOffset, c.start)
            _lit(g, iri, KG.endOffset, c.end)
            g.add((iri, KG.citationStatus, STATUS_TERMS[c.status]))
            if c.work is not None:
                g.add((iri, DCTERMS.references, self.work_iris[c.work]))
                g.add((iri, C4O.denotes, first_entry[c.work]))
                g.add((self.article, CITO.cites, self.work_iris[c.work]))
            for candidate in c.candidates:
                g.add((iri, KG.candidate, self.work_iris[candidate]))
            self._provenance(iri, c.source)

    def concepts(self) -> None:
        g, scheme = self.graph, self.corpus.scheme
        scheme_iri = concept_iri(scheme.id)
        g.add((scheme_iri, RDF.type, SKOS.ConceptScheme))
        _lit(g, scheme_iri, SKOS.prefLabel, scheme.title, lang="en")
        self._provenance(scheme_iri, scheme.source)
        for concept in scheme.concepts:
            iri = concept_iri(scheme.id, concept.id)
            g.add((iri, RDF.type, SKOS.Concept))
            g.add((iri, RDF.type, CONCEPT_CLASSES[concept.kind]))
            g.add((iri, SKOS.inScheme, scheme_iri))
            _lit(g, iri, SKOS.notation, concept.id)
            _lit(g, iri, KG.kind, concept.kind)
            _lit(g, iri, SKOS.prefLabel, concept.label, lang="en")
            _lit(g, iri, SKOS.definition, concept.definition, lang="en")
            for alt in concept.alt_labels:
                _lit(g, iri, SKOS.altLabel, alt, lang="en")
            for parent in concept.broader:
                g.add((iri, SKOS.broader, concept_iri(scheme.id, parent)))
                g.add((concept_iri(scheme.id, parent), SKOS.narrower, iri))
            if not concept.broader:
                g.add((iri, SKOS.topConceptOf, scheme_iri))
                g.add((scheme_iri, SKOS.hasTopConcept, iri))
            self._provenance(iri, concept.source)

    def claims(self) -> None:
        g, cid = self.graph, self.corpus.id
        scheme = self.corpus.scheme.id
        for claim in self.corpus.claims:
            iri = corpus_part_iri(cid, "claim", claim.id)
            g.add((iri, RDF.type, KG.Claim))
            g.add((iri, DCTERMS.isPartOf, self.article))
            _lit(g, iri, DCTERMS.identifier, claim.id)
            _lit(g, iri, KG.statement, claim.statement)
            _lit(g, iri, RDFS.comment, claim.note)
            g.add((iri, KG.stance, STANCE_TERMS[claim.stance]))
            for field, kind in (("theories", "theory"), ("support_types", "support-type"), ("outcomes", "outcome")):
                for concept_id in getattr(claim, field):
                    g.add((iri, CONCEPT_PROPERTIES[kind], concept_iri(scheme, concept_id)))
            _lit(g, iri, KG.restsOnNoSource, not claim.works)
            for key in claim.works:
                work = self.work_iris[key]
                g.add((iri, CITO.cites, work))
                g.add((iri, STANCE_CITO[claim.stance], work))
                if claim.stance == "supports":
                    g.add((self.article, CITO.citesAsEvidence, work))
            for citation_id in claim.citations:
                g.add((iri, KG.hasCitation, corpus_part_iri(cid, "citation", citation_id)))
            self._provenance(iri, claim.source)
            if claim.anchor is None:
                continue
            anchor = claim.anchor
            _lit(g, iri, KG.section, anchor.section)
            annotation, target = sub_iri(iri, "annotation"), sub_iri(iri, "target")
            quote, position = sub_iri(iri, "quote"), sub_iri(iri, "position")
            g.add((iri, KG.annotation, annotation))
            g.add((annotation, RDF.type, OA.Annotation))
            g.add((annotation, OA.motivatedBy, OA.describing))
            g.add((annotation, OA.hasBody, iri))
            g.add((annotation, OA.hasTarget, target))
            g.add((target, RDF.type, OA.SpecificResource))
            g.add((target, OA.hasSource, self.article))
            g.add((target, OA.hasSelector, quote))
            g.add((target, OA.hasSelector, position))
            g.add((quote, RDF.type, OA.TextQuoteSelector))
            _lit(g, quote, OA.exact, anchor.exact)
            _lit(g, quote, OA.prefix, anchor.prefix)
            _lit(g, quote, OA.suffix, anchor.suffix)
            g.add((position, RDF.type, OA.TextPositionSelector))
            g.add((position, OA.start, Literal(anchor.start, datatype=XSD.nonNegativeInteger)))
            g.add((position, OA.end, Literal(anchor.end, datatype=XSD.nonNegativeInteger)))
            _lit(g, position, KG.sourceLine, anchor.line)

    def decisions(self, by_member: dict[str, Work]) -> None:
        g = self.graph
        decided = {frozenset((d.left, d.right)) for d in self.corpus.decisions}
        versions = [v for v in self.corpus.versions if frozenset((v.left, v.right)) not in decided]
        for v in versions:
            # Versions of one study stay two works, related both ways.
            left, right = by_member[v.left].key, by_member[v.right].key
            if left != right:
                g.add((self.work_iris[left], DCTERMS.relation, self.work_iris[right]))
                g.add((self.work_iris[right], DCTERMS.relation, self.work_iris[left]))
        for d in (*self.corpus.decisions, *versions):
            iri = corpus_part_iri(self.corpus.id, "decision", f"{d.left}~{d.right}")
            g.add((iri, RDF.type, KG.DedupDecision))
            g.add((iri, KG.decisionLeft, self.entry_iris[d.left]))
            g.add((iri, KG.decisionRight, self.entry_iris[d.right]))
            _lit(g, iri, KG.same, d.same)
            _lit(g, iri, KG.score, round(d.score, 4))
            _lit(g, iri, KG.decidedBy, d.by)
            for reason in d.reasons:
                _lit(g, iri, KG.reason, reason)

    def build(self) -> Graph:
        self.article_record()
        by_member = {m: w for w in self.corpus.works for m in w.members}
        for work in self.corpus.works:
            self.work(work)
        for ref in self.corpus.references:
            self.entry(ref, by_member[ref.id])
        self.citations()
        self.concepts()
        self.claims()
        self.decisions(by_member)
        return self.graph


def build_graph(corpus: Corpus) -> Graph:
    """Build the RDF graph of a corpus (a named graph: ``graph.identifier``).

    The same corpus always gives the same triples: every IRI is minted from
    content and no blank node is used.
    """
    return _Builder(corpus).build()
