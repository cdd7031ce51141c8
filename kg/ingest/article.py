"""The article reader: clean body text, paragraphs, sections and quote anchors.

Text extracted from a PDF carries running page headers ("e-ISSN ..." lines),
page breaks that split paragraphs, and no markup for headings.  The reader
drops the headers, rejoins split paragraphs, detects headings, and stops at
the reference list.  Every offset the corpus uses refers to
:attr:`kg.model.Article.text`, where paragraphs are separated by a blank line
and whitespace inside a paragraph is folded to single spaces.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from kg.errors import QuoteNotFoundError
from kg.ingest.text import normal_text, read_text
from kg.model import Article, Paragraph, Problem, QuoteAnchor, Section, SourceLocation

#: Headings that open the reference list, where the body ends.
REFERENCE_HEADINGS = frozenset(
    {"references", "reference list", "bibliography", "works cited", "literature cited", "references and notes",
     "notes and references", "references cited"}
)
#: A section number before a heading: "7", "7.", "7.1", "VII.", "VII".
_SECTION_NUMBER = re.compile(r"^(?:\d{1,2}(?:\.\d{1,2})*\.?|(?=[ivx])x{0,3}(?:ix|iv|v?i{0,3})\.?)\s+", re.I)
#: Lines that are page furniture by their shape: an ISSN line ("e-ISSN: 3006-466X ...",
#: "ISSN 1234-5678"), "Page 4" or "Page 4 of 12" alone, a bare page number.  A body
#: line that merely starts with the word ("ISSN-registered journals ...", "Page 4
#: of the guidance says ...") is text.  "Running head:" is APA's manuscript page head.
HEADER_PATTERN = re.compile(r"^\s*(?:[ep]-?ISSN\b|ISSN:?\s*\d{4}|Running head:|Page \d+(?:\s+of\s+\d+)?\s*$|\d{1,4}\s*$)", re.I)
_SENTENCE_END = re.compile(r"[.!?]['\"”’)]?$")
CONTEXT = 32


@dataclass(frozen=True, slots=True)
class _Block:
    text: str
    line: int
    after_page_break: bool


def is_reference_heading(line: str) -> bool:
    """Whether ``line`` is, on its own, a heading that opens the reference list: one of
    :data:`REFERENCE_HEADINGS` in any case, with or without a colon and a section number.  A body
    sentence that starts with the word ("References to recovery abound.") is none.

    >>> [is_reference_heading(h) for h in ("References", "7. References", "VII. REFERENCES", "7 References:",
    ...                                     "References and notes", "References to recovery abound.")]
    [True, True, True, True, True, False]
    """
    heading = _SECTION_NUMBER.sub("", line.strip(), count=1)
    return heading.rstrip(":").strip().lower() in REFERENCE_HEADINGS


def _is_sentence(line: str) -> bool:
    return len(line.split()) >= 6 and bool(_SENTENCE_END.search(line))


def running_headers(lines: list[str]) -> set[int]:
    """Indices of lines that are running headers or page numbers.

    A line is a header when it matches the usual header shapes (ISSN lines,
    bare page numbers) or when the same non-trivial line recurs three or more
    times, as running heads do on every page, unless it reads as a sentence
    (six words or more, ending in a full stop): a page head is a title or a
    name, and a sentence the article repeats is its text.  A recurring line
    may still be the article's own (a "Findings" subheading in each study),
    so those are reported (:func:`running_head_findings`), never dropped unsaid.
    """
    counts = Counter(line.strip() for line in lines if len(line.strip()) > 3)
    repeated = {text for text, n in counts.items()
                if n >= 3 and not text.startswith("- ") and not _is_sentence(text)}
    return {
        i
        for i, line in enumerate(lines)
        if line.strip() and (HEADER_PATTERN.match(line) or line.strip() in repeated)
    }


def _blocks(lines: list[str], dropped: set[int]) -> list[_Block]:
    blocks: list[_Block] = []
    current: list[str] = []
    start = 0
    page_break = False
    pending_break = False
    for i, line in enumerate(lines):
        if i in dropped:
            pending_break = True
            continue
        if not line.strip():
            if current:
                blocks.append(_Block(" ".join(current), start + 1, page_break))
                current, page_break = [], False
            continue
        if not current:
            start, page_break, pending_break = i, pending_break, False
        current.append(line.strip())
    if current:
        blocks.append(_Block(" ".join(current), start + 1, page_break))
    return [_Block(re.sub(r"\s+", " ", b.text), b.line, b.after_page_break) for b in blocks]


def _is_heading_shape(text: str) -> bool:
    words = text.split()
    return (
        0 < len(words) <= 14
        and len(text) <= 100
        and text[0].isupper()
        and not re.search(r"[.,;!?]$", text)
    )


def _rejoin(blocks: list[_Block]) -> list[_Block]:
    """Join a paragraph cut by a page break with its continuation."""
    joined: list[_Block] = []
    for block in blocks:
        if (
            joined
            and block.after_page_break
            and block.text[:1].islower()
            and not _SENTENCE_END.search(joined[-1].text)
        ):
            previous = joined[-1]
            joined[-1] = _Block(f"{previous.text} {block.text}", previous.line, previous.after_page_break)
        else:
            joined.append(block)
    return joined


def parse_article(text: str, path: str = "<string>") -> Article:
    """Clean an article's text into paragraphs and sections.

    Args:
        text: the article as extracted (headers and page breaks included).
        path: the file name used in locations.

    Returns:
        The :class:`Article`; its body ends before the reference list.

    Examples:
        >>> a = parse_article("Intro\\n\\nIt starts\\n\\ne-ISSN: 1\\n\\nand goes on.\\n")
        >>> a.text
        'Intro\\n\\nIt starts and goes on.'
        >>> a.sections[0].title
        'Intro'
    """
    lines = normal_text(text).split("\n")
    dropped = running_headers(lines)
    blocks = _rejoin(_blocks(lines, dropped))
    end = next(
        (i for i, b in enumerate(blocks) if is_reference_heading(b.text)),
        len(blocks),
    )
    blocks = blocks[:end]
    heading = [_is_heading_shape(b.text) for b in blocks]
    # A heading is a section only when text follows it; headings stacked on
    # each other at the top are the title block (title, authors, affiliation).
    section_flags = [
        heading[i] and i + 1 < len(blocks) and not heading[i + 1] for i in range(len(blocks))
    ]
    pieces: list[str] = []
    paragraphs: list[Paragraph] = []
    sections: list[Section] = []
    offset = 0
    current = ""
    for block, is_section in zip(blocks, section_flags):
        if pieces:
            offset += 2
        start, stop = offset, offset + len(block.text)
        if is_section:
            current = block.text
            sections.append(Section(block.text, start, stop, block.line))
        else:
            paragraphs.append(Paragraph(block.text, start, stop, block.line, current))
        pieces.append(block.text)
        offset = stop
    sections = [
        Section(s.title, s.start, sections[i + 1].start - 2 if i + 1 < len(sections) else offset, s.line)
        for i, s in enumerate(sections)
    ]
    return Article(
        path=path,
        text="\n\n".join(pieces),
        paragraphs=tuple(paragraphs),
        sections=tuple(sections),
        dropped_lines=tuple((i + 1, lines[i].strip()) for i in sorted(dropped)),
    )


def running_head_findings(article: Article) -> list[Problem]:
    """One finding for each recurring line taken out of the text as a running head.

    ISSN lines and page numbers are page furniture by their shape and go
    unsaid; a line dropped only because it recurs may be a subheading or a
    sentence of the article, and its lines are named so the reviewer can tell.
    """
    lines_of: dict[str, list[int]] = {}
    for line, text in article.dropped_lines:
        if not HEADER_PATTERN.match(text):
            lines_of.setdefault(text, []).append(line)
    return [
        Problem(
            "running-head-dropped",
            "info",
            f"'{text[:80]}' recurs {len(lines)} times (lines {', '.join(map(str, lines))}) and was taken out of the "
            "text as a running page head; if it is the article's own text (a subheading, a sentence), make its "
            "occurrences differ (e.g. number the subheadings) so they are kept",
            SourceLocation(article.path, lines[0]),
        )
        for text, lines in lines_of.items()
    ]


def read_article(path: str | Path, name: str | None = None) -> Article:
    """Read and clean an article file (see :func:`parse_article`)."""
    return parse_article(read_text(path), name or str(path))


def fold_whitespace(text: str) -> str:
    """Collapse runs of whitespace to one space and strip the ends."""
    return re.sub(r"\s+", " ", text).strip()


def find_quote(article: Article, quote: str, where: str, claim_id: str) -> tuple[QuoteAnchor, int]:
    """Anchor ``quote`` in the article.

    Whitespace may differ: a space of the quote matches any run of
    whitespace in the article, a paragraph break included, and the anchor's
    ``exact`` is the article's own text (a Web Annotation selector must
    match the document).

    Returns:
        The anchor (first occurrence) and how many times the quote occurs.

    Raises:
        QuoteNotFoundError: the quote is not in the body text; the message
            names the claim, ``where`` (file:line) and the longest matching
            beginning, so the annotator sees where it departs.
    """
    exact = fold_whitespace(quote)
    pattern = re.compile(r"\s+".join(re.escape(word) for word in exact.split(" ")))
    found = pattern.search(article.text) if exact else None
    if found is None:
        # Compared with the article's whitespace folded as the quote's is, so a paragraph break
        # the quote spans is no difference.  A beginning that matches has shorter ones that do.
        folded = fold_whitespace(article.text)
        good, high = 0, len(exact)
        while good < high:
            middle = (good + high + 1) // 2
            good, high = (middle, high) if exact[:middle] in folded else (good, middle - 1)
        hint = (
            f"the first {good} characters match, then the article has "
            f"{folded[folded.find(exact[:good]) + good:][:40]!r} where the quote has "
            f"{exact[good:good + 40]!r}"
            if good
            else "not even its first word is in the article"
        )
        raise QuoteNotFoundError(
            f"{where}: quote of claim {claim_id} not found in {article.path} ({hint}); "
            "copy the words exactly from the article (whitespace may differ, characters may not)"
        )
    start, end = found.span()
    anchor = QuoteAnchor(
        exact=found.group(0),
        prefix=article.text[max(0, start - CONTEXT):start],
        suffix=article.text[end:end + CONTEXT],
        start=start,
        end=end,
        section=article.section_at(start),
        line=article.line_at(start),
    )
    return anchor, sum(1 for _ in pattern.finditer(article.text))
