"""Typed records passed between the pipeline stages.

Every record is frozen and slotted, holds tuples rather than lists, and
carries the :class:`SourceLocation` it was read from, so later stages can point
back to the input (``references.txt:12``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Severity = Literal["error", "warning", "info"]
ConceptKind = Literal["theory", "support-type", "outcome"]
Stance = Literal["supports", "disputes", "mentions"]
CitationStatus = Literal["resolved", "unresolved", "ambiguous"]

CONCEPT_KINDS: tuple[str, ...] = ("theory", "support-type", "outcome")
STANCES: tuple[str, ...] = ("supports", "disputes", "mentions")

#: CSL types a :class:`Reference` may carry (a subset of CSL 1.0.2).
REFERENCE_TYPES: tuple[str, ...] = (
    "article-journal",
    "book",
    "chapter",
    "paper-conference",
    "report",
    "thesis",
    "webpage",
    "article",
)


@dataclass(frozen=True, slots=True)
class SourceLocation:
    """Where a record came from: a file (as given) and a 1-based line.

    >>> str(SourceLocation("corpus/claims.yaml", 14))
    'corpus/claims.yaml:14'
    """

    path: str
    line: int = 0

    def __str__(self) -> str:
        return f"{self.path}:{self.line}" if self.line else self.path


@dataclass(frozen=True, slots=True)
class Problem:
    """A finding about the input that did not stop the run.

    ``kind`` is a short machine name (``uncited-reference``), ``where`` the
    location it concerns.
    """

    kind: str
    severity: Severity
    message: str
    where: SourceLocation | None = None


@dataclass(frozen=True, slots=True)
class Person:
    """A name as printed, split into parts (CSL name-variable fields).

    ``literal`` holds corporate authors, which have no family/given split.

    >>> Person("Glass", "T.").display
    'Glass, T.'
    """

    family: str
    given: str = ""
    particle: str = ""
    suffix: str = ""
    literal: str = ""

    @property
    def display(self) -> str:
        if self.literal:
            return self.literal
        family = f"{self.particle} {self.family}".strip()
        parts = [family, self.given] if self.given else [family]
        if self.suffix:
            parts.append(self.suffix)
        return ", ".join(parts)


@dataclass(frozen=True, slots=True)
class Reference:
    """One bibliographic record as read: a printed entry, a BibTeX entry,
    a RIS record, a CSL-JSON item or a CSV row.

    ``id`` is the record's input id (1-based position in a text list, BibTeX
    key, RIS ``ID``, CSV ``record_id``); ``number`` is the number printed
    before the entry in a numbered list ("[12]", "12."), which numeric in-text
    citations name.  ``raw`` keeps the text as printed.
    Fields a parser could not place go to ``leftover``; ``confidence`` is the
    parser's own estimate (1.0 for structured formats).
    """

    id: str
    type: str = "article-journal"
    authors: tuple[Person, ...] = ()
    editors: tuple[Person, ...] = ()
    et_al: bool = False
    year: int | None = None
    year_suffix: str = ""
    date_text: str = ""
    title: str = ""
    container: str = ""
    volume: str = ""
    issue: str = ""
    pages: str = ""
    edition: str = ""
    publisher: str = ""
    place: str = ""
    doi: str = ""
    url: str = ""
    isbn: str = ""
    pmid: str = ""
    raw: str = ""
    source: SourceLocation = field(default_factory=lambda: SourceLocation(""))
    source_format: str = "text"
    confidence: float = 1.0
    leftover: str = ""
    extra: tuple[tuple[str, str], ...] = ()
    number: int | None = None

    @property
    def surnames(self) -> tuple[str, ...]:
        """Family names of the authors in order (corporate names whole)."""
        return tuple(p.literal or p.family for p in self.authors)

    @property
    def label(self) -> str:
        """A short "Surname Year" / "Surname & Surname Year" label.

        >>> Reference("1", authors=(Person("Johnson"), Person("Lee")), year=2021).label
        'Johnson & Lee 2021'
        """
        names = self.surnames
        if not names:
            who = self.title[:40] or "Anonymous"
        elif len(names) == 1:
            who = names[0]
        elif len(names) == 2:
            who = f"{names[0]} & {names[1]}"
        else:
            who = f"{names[0]} et al."
        when = f"{self.year}{self.year_suffix}" if self.year else (self.date_text or "n.d.")
        return f"{who} {when}"


@dataclass(frozen=True, slots=True)
class Work:
    """A distinct work: one or more references that describe it.

    ``key`` is the stable citekey the IRI is minted from; ``record`` holds the
    merged fields; ``members`` are the ids of the references it came from, in
    input order.
    """

    key: str
    record: Reference
    members: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Concept:
    """A SKOS concept of a review's scheme: a theory, support type or outcome."""

    id: str
    kind: str
    label: str
    definition: str = ""
    alt_labels: tuple[str, ...] = ()
    broader: tuple[str, ...] = ()
    source: SourceLocation = field(default_factory=lambda: SourceLocation(""))


@dataclass(frozen=True, slots=True)
class ConceptScheme:
    """The concept scheme a corpus ships: its title and its concepts."""

    id: str
    title: str
    concepts: tuple[Concept, ...]
    source: SourceLocation = field(default_factory=lambda: SourceLocation(""))

    def get(self, concept_id: str) -> Concept | None:
        for concept in self.concepts:
            if concept.id == concept_id:
                return concept
        return None


@dataclass(frozen=True, slots=True)
class Section:
    """A heading of the article and the span of text it governs."""

    title: str
    start: int
    end: int
    line: int


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A paragraph of the cleaned article text, with its first source line."""

    text: str
    start: int
    end: int
    line: int
    section: str


@dataclass(frozen=True, slots=True)
class Article:
    """An article's cleaned body text.

    ``text`` is the body with running headers dropped and paragraphs split by
    page breaks rejoined; paragraphs are separated by a blank line and every
    offset in the corpus refers to this text.
    """

    path: str
    text: str
    paragraphs: tuple[Paragraph, ...]
    sections: tuple[Section, ...]
    dropped_lines: tuple[tuple[int, str], ...] = ()  # (line, text) of each running head taken out

    def section_at(self, offset: int) -> str:
        """The title of the section holding ``offset`` ('' before the first)."""
        title = ""
        for section in self.sections:
            if section.start <= offset:
                title = section.title
            else:
                break
        return title

    def line_at(self, offset: int) -> int:
        """The source line of the paragraph holding ``offset``."""
        line = 0
        for paragraph in self.paragraphs:
            if paragraph.start <= offset:
                line = paragraph.line
            else:
                break
        return line


@dataclass(frozen=True, slots=True)
class ArticleRecord:
    """The bibliographic record of the reviewing article itself."""

    id: str
    title: str
    authors: tuple[Person, ...] = ()
    affiliations: tuple[str, ...] = ()
    journal: str = ""
    issn: tuple[str, ...] = ()
    year: int | None = None
    volume: str = ""
    issue: str = ""
    doi: str = ""
    url: str = ""
    keywords: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Citation:
    """One in-text citation of one work, as printed and as resolved.

    Several citations may share one pointer ("(Smith, 2001; Lee, 2003)",
    "[2, 5-7]"); ``pointer`` is the whole bracket as printed, ``text`` this
    item.  A numeric citation has ``number`` (the reference it names) and no
    surnames or year.  A citation of an undated or unpublished work has no
    ``year`` but its ``date_text`` ("n.d.", "in press"), which only a
    reference printed with such a date matches.
    """

    id: str
    text: str
    pointer: str
    narrative: bool
    surnames: tuple[str, ...]
    et_al: bool
    year: int | None
    year_suffix: str
    locator: str
    start: int
    end: int
    section: str
    source: SourceLocation
    status: CitationStatus = "unresolved"
    work: str | None = None
    candidates: tuple[str, ...] = ()
    number: int | None = None
    date_text: str = ""


@dataclass(frozen=True, slots=True)
class QuoteAnchor:
    """A verified position of a quote (Web Annotation TextQuoteSelector plus
    TextPositionSelector offsets into :attr:`Article.text`)."""

    exact: str
    prefix: str
    suffix: str
    start: int
    end: int
    section: str
    line: int


@dataclass(frozen=True, slots=True)
class Claim:
    """An annotated assertion of the article.

    ``cites`` holds the sources as the annotator wrote them (author-year
    citations such as ``"Berkman et al., 2000"``); ``works`` the keys they
    resolved to.  A claim with no ``cites`` rests on no source.
    """

    id: str
    statement: str
    quote: str
    cites: tuple[str, ...]
    theories: tuple[str, ...]
    support_types: tuple[str, ...]
    outcomes: tuple[str, ...]
    stance: str
    source: SourceLocation
    anchor: QuoteAnchor | None = None
    works: tuple[str, ...] = ()
    citations: tuple[str, ...] = ()
    note: str = ""


@dataclass(frozen=True, slots=True)
class DedupDecision:
    """Why two references were (or were not) taken as the same work."""

    left: str
    right: str
    same: bool
    score: float
    reasons: tuple[str, ...]
    by: str = "rule"


@dataclass(frozen=True, slots=True)
class Corpus:
    """Everything read from one corpus folder, resolved and checked."""

    id: str
    path: str
    record: ArticleRecord
    article: Article
    references: tuple[Reference, ...]
    works: tuple[Work, ...]
    citations: tuple[Citation, ...]
    scheme: ConceptScheme
    claims: tuple[Claim, ...]
    decisions: tuple[DedupDecision, ...] = ()
    problems: tuple[Problem, ...] = ()
    #: Pairs of entries that are related versions of one study (a preprint
    #: and its article, a meeting abstract and the later article): linked,
    #: not merged.
    versions: tuple[DedupDecision, ...] = ()

    def work(self, key: str) -> Work | None:
        for work in self.works:
            if work.key == key:
                return work
        return None

    def work_of_reference(self, reference_id: str) -> Work | None:
        for work in self.works:
            if reference_id in work.members:
                return work
        return None
