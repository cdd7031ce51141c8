"""Draft a corpus folder from a review article's text: where annotating a new review starts.

:func:`draft_corpus` splits the article at its reference-list heading, finds
the in-text citations and resolves them against the list (the same readers
:func:`kg.ingest.load_corpus` uses), and writes the four corpus files: the
article's body, its reference list, an empty concept scheme, and one draft claim per
sentence that cites a source (the sentence as the quote, its citations as
``cites``).  The draft loads and builds as it is; the reviewer then rewrites
the statements, sets each stance and adds the concepts.  A citation that
resolves to no work is left out of ``cites`` and named in the claim's note,
so nothing the article cites is dropped unsaid.

The folder is written whole or not at all: the files go to a temporary
sibling folder, which is loaded back as a corpus and only then renamed into
place.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

from kg.errors import CorpusError, InputError, OutputError, UnknownReferenceError
from kg.ingest import CORPUS_ID, load_corpus
from kg.ingest.article import HEADER_PATTERN, find_quote, is_reference_heading, parse_article, running_headers
from kg.ingest.citations import STYLES, citation_style, owners, reference_numbers
from kg.ingest.claims import resolve_cite
from kg.ingest.references import detect_form, parse_references
from kg.ingest.text import normal_text, read_text
from kg.model import Article, Citation, Corpus, Paragraph, Work

#: File names of the drafted corpus; a reference file given apart keeps its own kind of suffix.
ARTICLE_FILE, REFERENCES_FILE, CONCEPTS_FILE, CLAIMS_FILE = "article.txt", "references.txt", "concepts.yaml", \
    "claims.yaml"
_SUFFIXES = {"bibtex": ".bib", "ris": ".ris", "medline": ".nbib", "csl-json": ".json", "csv": ".csv"}
_NOT_ID = re.compile(r"[^a-z0-9]+")
#: Words that end with a full stop inside a sentence ("et al.", "e.g.", "p. 12", "Dr."), as lower case.
_ABBREVIATIONS = frozenset(
    "al e.g i.e cf vs viz etc p pp ch chap vol no nos fig figs eq eds ed dr mr mrs ms prof st jr sr inc ltd co "
    "approx ca resp".split())
#: A full stop, question or exclamation mark (closing quotes and brackets after it) where a sentence may end.
_END = re.compile(r"[.!?][\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9À-Þ])")
_DRAFT_NOTE = "drafted by kg init: rewrite the statement, check the stance and add the concepts"


@dataclass(frozen=True, slots=True)
class Draft:
    """A drafted corpus folder, loaded back, with what drafting left for the reviewer."""

    folder: Path
    corpus: Corpus
    claims: int  # draft claims written (one per citing sentence)
    left_out: tuple[str, ...]  # citations no work resolves, named in their claims' notes
    headers_dropped: int  # running-header lines taken out of the reference list


def _slug(text: str) -> str:
    return _NOT_ID.sub("-", text.lower()).strip("-")[:60].strip("-") or "review"


def split_reference_list(text: str) -> tuple[str, str, int]:
    """The article's text before its reference-list heading, the list after it, and
    how many running-header lines (ISSN lines, page numbers, running heads that
    also recur in the body) were taken out of the list.

    The heading is the first line that is one of
    :data:`~kg.ingest.article.REFERENCE_HEADINGS` on its own, numbered or not
    ("7. References"; :func:`~kg.ingest.article.is_reference_heading`), as the
    article reader ends the body there.

    >>> split_reference_list("Body (Lee, 2001).\\n\\nReferences\\n\\n12\\nLee, A. (2001). T. J, 1.\\n")
    ('Body (Lee, 2001).', 'Lee, A. (2001). T. J, 1.', 1)

    Raises:
        InputError: the text has no such heading.
    """
    lines = normal_text(text).split("\n")
    heading = next((i for i, line in enumerate(lines) if is_reference_heading(line)), None)
    if heading is None:
        raise InputError("no reference-list heading (a line 'References', 'Bibliography' or 'Works Cited' on its "
                         "own, numbered or not: '7. References') was found; add one above the list, or give the "
                         "list apart with --references FILE")
    headers = running_headers(lines)
    body = {line.strip() for line in lines[:heading]}
    listing = range(heading + 1, len(lines))
    # A line repeated through the list is a running head only if the body has it too: a
    # work printed three times is not one.
    dropped = [i for i in listing if i in headers and (HEADER_PATTERN.match(lines[i]) or lines[i].strip() in body)]
    kept = "\n".join(lines[i] for i in listing if i not in dropped).strip()
    return "\n".join(lines[:heading]).strip(), re.sub(r"\n{3,}", "\n\n", kept), len(dropped)


def _sentence_ends(paragraph: Paragraph, spans: Sequence[tuple[int, int]]) -> list[int]:
    """Offsets (into the article) where a sentence of ``paragraph`` ends; a full
    stop after an abbreviation or an initial, or inside a citation, ends none."""
    ends = []
    for match in _END.finditer(paragraph.text):
        at = paragraph.start + match.end()
        word = paragraph.text[:match.start() + 1].rsplit(None, 1)[-1].lstrip("(\"'“‘[").rstrip(".").lower()
        if paragraph.text[match.start()] == "." and (word in _ABBREVIATIONS or len(word) == 1):
            continue
        if any(start < at <= end for start, end in spans):
            continue
        ends.append(at)
    return ends


def citing_sentences(article: Article, citations: Sequence[Citation]) -> list[tuple[int, int, list[Citation]]]:
    """The sentences of the article that hold citations: (start, end, their citations), in reading order."""
    spans = sorted({(c.start, c.end) for c in citations})
    found: dict[tuple[int, int], list[Citation]] = {}
    for paragraph in article.paragraphs:
        inside = [c for c in citations if paragraph.start <= c.start < paragraph.end]
        if not inside:
            continue
        bounds = [paragraph.start, *_sentence_ends(paragraph, spans), paragraph.end]
        for citation in inside:
            index = next(i for i in range(len(bounds) - 1) if citation.start < bounds[i + 1])
            start, end = bounds[index], bounds[index + 1]
            text = article.text[start:end]
            start += len(text) - len(text.lstrip())
            end -= len(text) - len(text.rstrip())
            found.setdefault((start, end), []).append(citation)
    return [(start, end, cites) for (start, end), cites in sorted(found.items())]


def _cite_texts(citation: Citation) -> list[str]:
    """The ``cites`` items that may name a resolved citation, the first that resolves to its work to be
    written: as printed, else as :func:`_cite_text` spells it (a page, an abbreviation the article
    defines, "2001a, b" for two works: forms a ``cites`` item does not resolve to this one work)."""
    if citation.number is not None or citation.narrative:
        return [_cite_text(citation)]
    return [citation.text, _cite_text(citation)]


def _cite_text(citation: Citation) -> str:
    """The ``cites`` item for a resolved citation, as claims.yaml writes it: its number, or its
    authors and year ("Cohen & Wills, 1985")."""
    if citation.number is not None:
        return f"[{citation.number}]"
    names = citation.surnames
    if citation.et_al:
        authors = f"{names[0]} et al."
    elif len(names) <= 2:
        authors = " & ".join(names)
    else:
        authors = f"{', '.join(names[:-1])}, & {names[-1]}"
    when = citation.date_text if citation.year is None else f"{citation.year}{citation.year_suffix}"  # "n.d."
    return f"{authors}, {when}"


def _statement(article: Article, start: int, end: int, cites: Sequence[Citation]) -> str:
    """The sentence without its parenthetical citations: a first draft of the claim's statement."""
    pieces, at = [], start
    for pointer_start, pointer_end in sorted({_pointer_span(article, c) for c in cites if not c.narrative}):
        if pointer_start >= at:
            pieces.append(article.text[at:pointer_start])
            at = pointer_end
    pieces.append(article.text[at:end])
    statement = re.sub(r"\s+([.,;:!?])", r"\1", re.sub(r"\s+", " ", "".join(pieces))).strip()
    return statement or re.sub(r"\s+", " ", article.text[start:end]).strip()


def _pointer_span(article: Article, citation: Citation) -> tuple[int, int]:
    """Where the whole bracket holding ``citation`` is printed ("(Lee, 2001; Kim, 2003)")."""
    begin = article.text.rfind(citation.pointer, 0, citation.start + len(citation.pointer))
    if begin < 0 or begin > citation.start or begin + len(citation.pointer) < citation.end:
        return citation.start, citation.end
    return begin, begin + len(citation.pointer)


def _claims_yaml(article: Article, sentences: Sequence[tuple[int, int, list[Citation]]], corpus: Corpus,
                 title: str) -> tuple[str, list[str]]:
    works = corpus.works
    numbers = reference_numbers(corpus.references)
    owner = owners(works)
    width = max(2, len(str(len(sentences))))
    items: list[dict[str, object]] = []
    left_out: list[str] = []
    for n, (start, end, cites) in enumerate(sentences, start=1):
        claim_id = f"C{n:0{width}d}"
        keys: list[str] = []
        missing: list[str] = []
        for citation in cites:
            text = next((text for text in _cite_texts(citation) if citation.work
                         and _resolves_to(text, citation.work, works, claim_id, numbers, owner)), None)
            if text is not None:
                if text not in keys:
                    keys.append(text)
            else:
                why = "matches several works" if citation.status == "ambiguous" else "matches no reference entry"
                if f"{citation.text} ({why})" not in missing:
                    missing.append(f"{citation.text} ({why})")
        note = _DRAFT_NOTE
        if missing:
            note += "; left out of cites: " + "; ".join(missing)
            left_out.extend(missing)
        items.append({"id": claim_id, "statement": _statement(article, start, end, cites),
                      "quote": _quote(article, start, end), "cites": keys, "theories": [],
                      "support_types": [], "outcomes": [], "stance": "supports", "note": note})
    header = (f"# Draft claim annotations of {title!r},\n# one per sentence that cites a source.\n"
              "# Rewrite each statement in your words, check its stance (supports | disputes | mentions),\n"
              "# add concept ids from concepts.yaml, and append the article's uncited claims.\n"
              "# Format: corpus/README.md.\n")
    return header + _dump({"claims": items}), left_out


def _quote(article: Article, start: int, end: int) -> str:
    """The sentence as the claim's quote; a sentence the article prints more than once is widened to
    the start of its paragraph, then to the whole paragraph, so that its quote is anchored where it is
    (a quote is anchored at its first occurrence)."""
    paragraph = next(p for p in article.paragraphs if p.start <= start < p.end)
    for begin, stop in ((start, end), (paragraph.start, end), (paragraph.start, paragraph.end)):
        quote = re.sub(r"\s+", " ", article.text[begin:stop])
        if find_quote(article, quote, "", "")[1] == 1:
            return quote
    return re.sub(r"\s+", " ", article.text[start:end])  # a paragraph printed twice: kg check warns


def _resolves_to(text: str, work: str, works: Sequence[Work], claim_id: str, numbers: Mapping[int, tuple[str, ...]],
                 owner: Mapping[str, Work]) -> bool:
    """Whether the ``cites`` item ``text`` names exactly ``work``."""
    try:
        return resolve_cite(text, works, "", claim_id, numbers, owner) == [work]
    except UnknownReferenceError:
        return False


def _dump(data: object) -> str:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100, default_flow_style=False)


def _manifest(corpus_id: str, title: str, style: str, references_file: str, source: str) -> str:
    return (f"# Drafted by kg init from {source}. Complete the article record (authors as\n"
            "# {family, given}, journal, year, doi...). Format: corpus/README.md.\n"
            + _dump({"id": corpus_id, "article": {"title": title}, "citation_style": style,
                     "files": {"text": ARTICLE_FILE, "references": references_file, "concepts": CONCEPTS_FILE,
                               "claims": CLAIMS_FILE}}))


def _concepts(corpus_id: str, title: str) -> str:
    return ("# The concept scheme: add the theories, support types and outcomes the claims are about\n"
            "# (- {id: my-theory, kind: theory, label: My Theory, definition: ..., alt_labels: [], broader: []}),\n"
            "# then name their ids in claims.yaml. Format: corpus/README.md.\n"
            + _dump({"scheme": {"id": corpus_id, "title": title}, "concepts": []}))


def draft_corpus(article_path: str | Path, folder: str | Path, references_path: str | Path | None = None,
                 corpus_id: str | None = None, title: str | None = None, style: str = "auto") -> Draft:
    """Write a corpus folder drafted from an article's text.

    Args:
        article_path: the article as extracted from its PDF (running headers
            and the reference list included).
        folder: the corpus folder to create; it must not exist or be empty.
        references_path: the reference list as a file of its own (printed,
            BibTeX, RIS, CSL-JSON or CSV); without it the list is the text
            after the article's reference-list heading.
        corpus_id: the corpus id (default: from the folder name).
        title: the article's title (default: the article's first line).
        style: ``auto``, ``author-year`` or ``numeric`` (see ``citation_style``).

    Raises:
        InputError: the article cannot be read, has no reference-list heading
            (and no ``references_path``), or no reference could be read.
        OutputError: ``folder`` exists and is not empty, or cannot be written.
    """
    article_path, folder = Path(article_path), Path(folder)
    if style not in STYLES:
        raise InputError(f"citation style must be one of {', '.join(STYLES)}, got {style!r}")
    if title is not None and not title.strip():
        raise InputError("--title is empty; give the article's title, or leave --title out to take the "
                         "article's first line")
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise OutputError(f"{folder}: already exists and is not an empty folder; choose a new folder")
    text = read_text(article_path)
    if not text.strip():
        raise InputError(f"{article_path}: the file is empty; give the article's text as extracted from its PDF")
    headers_dropped = 0
    if references_path is None:
        try:
            # The article file keeps the body, the list goes to its own file: the body then ends
            # where the list starts even when no blank line sets the heading apart.
            text, listing, headers_dropped = split_reference_list(text)
        except InputError as err:
            raise InputError(f"{article_path}: {err}") from err
        references_file, reference_source = REFERENCES_FILE, f"{article_path} (after its reference-list heading)"
    else:
        listing = read_text(references_path)
        form = detect_form(normal_text(listing))
        references_file, reference_source = f"references{_SUFFIXES.get(form, '.txt')}", str(references_path)
    if not parse_references(listing, reference_source).references:
        raise InputError(f"{reference_source}: no reference could be read; check the list")
    article = parse_article(text, str(article_path))
    if not article.text:
        # Else the corpus reader names the empty article.txt of the staging folder, which is then gone.
        raise InputError(f"{article_path}: no body text before the reference-list heading; give the article's "
                         "text, as extracted from its PDF, with its reference list after it")
    # The title is the first line that is no running page head (the next lines of a title block
    # are its authors and affiliations).
    lines = text.split("\n")
    heads = running_headers(lines)
    first = next((line.strip() for i, line in enumerate(lines) if line.strip() and i not in heads), "")
    title = (title or (first if 0 < len(first) <= 200 else article_path.stem)).strip()
    whole = Path(os.path.abspath(folder))  # "." and ".." have a name and a parent only so
    corpus_id = corpus_id or _slug(whole.name)
    if not CORPUS_ID.match(corpus_id):
        raise InputError(f"corpus id must be lower-case letters, digits and hyphens, got {corpus_id!r}; "
                         f"e.g. {_slug(corpus_id)!r}")
    parent = whole.parent
    # The parent folders this run creates ("kg init a.txt new/deep/folder"), outermost first: a draft
    # that fails takes them away again, and only them.
    created = [ancestor for ancestor in (*reversed(parent.parents), parent) if not ancestor.exists()]
    try:
        try:
            parent.mkdir(parents=True, exist_ok=True)
            staging = Path(tempfile.mkdtemp(prefix=f".{whole.name}.", suffix=".tmp", dir=parent))
            umask = os.umask(0)
            os.umask(umask)
            staging.chmod(0o777 & ~umask)  # mkdtemp makes it private; give the folder the usual mode
        except OSError as err:
            raise OutputError(f"{folder}: cannot write in {parent} ({err.strerror}); "
                              "choose another folder") from err
        try:
            return _write(staging, folder, text, listing, references_file, article, article_path, corpus_id, title,
                          style, headers_dropped)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    except BaseException:
        _remove_created(created)
        raise


def _remove_created(created: Sequence[Path]) -> None:
    """Remove the folders of ``created`` (outermost first) that are still empty, innermost first: what
    a failed draft made and left nothing in (another program may have written there since)."""
    for path in reversed(created):
        try:
            path.rmdir()
        except FileNotFoundError:
            continue
        except OSError:
            return  # not empty: nor are the folders that hold it


def _write(staging: Path, folder: Path, text: str, listing: str, references_file: str, article: Article,
           article_path: Path, corpus_id: str, title: str, style: str, headers_dropped: int) -> Draft:
    (staging / ARTICLE_FILE).write_text(normal_text(text).rstrip("\n") + "\n", encoding="utf-8")
    (staging / references_file).write_text(normal_text(listing).rstrip("\n") + "\n", encoding="utf-8")
    style = citation_style(article, style)
    (staging / CONCEPTS_FILE).write_text(_concepts(corpus_id, title), encoding="utf-8")
    (staging / CLAIMS_FILE).write_text("claims: []\n", encoding="utf-8")
    (staging / "corpus.yaml").write_text(_manifest(corpus_id, title, style, references_file, article_path.name),
                                         encoding="utf-8")
    bare = load_corpus(staging)  # the works and resolved citations, as the corpus reader has them
    sentences = citing_sentences(bare.article, bare.citations)
    claims_text, left_out = _claims_yaml(bare.article, sentences, bare, title)
    (staging / CLAIMS_FILE).write_text(claims_text, encoding="utf-8")
    try:
        load_corpus(staging)
    except CorpusError as err:  # a draft that does not load is kg's fault, not the article's
        raise CorpusError(f"the drafted claims do not load ({err}); please report this with the article") from err
    moved: list[Path] = []
    try:
        if folder.exists():
            # Empty, as checked: the files move into it, so a shell standing in it ("kg init a.txt .")
            # stays in the corpus folder.
            for path in sorted(staging.iterdir()):
                path.rename(folder / path.name)
                moved.append(folder / path.name)
        else:
            staging.rename(folder)
    except OSError as err:
        for path in moved:  # written whole or not at all
            path.unlink(missing_ok=True)
        raise OutputError(f"{folder}: cannot create the corpus folder ({err.strerror}); choose another") from err
    return Draft(folder, load_corpus(folder), len(sentences), tuple(left_out), headers_dropped)


