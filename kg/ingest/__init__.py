"""Ingest: read a corpus folder into a resolved, checked :class:`~kg.model.Corpus`.

The stages run in order: manifest, article text, reference list, deduplication
into works, in-text citations, concept scheme, claims.  Fatal input errors
raise :class:`~kg.errors.CorpusError` naming file:line; everything else is a
:class:`~kg.model.Problem` on the result.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from kg.dedup import deduplicate, read_decisions
from kg.errors import CorpusError, InputError
from kg.ingest.article import read_article, running_head_findings
from kg.ingest.citations import (
    STYLES,
    citation_style,
    find_citations,
    reference_numbers,
    resolve_citations,
    unread_citations,
)
from kg.ingest.claims import link_claims, read_claims
from kg.ingest.concepts import key_line, read_concepts
from kg.ingest.references import read_references
from kg.ingest.text import (
    LINE_KEY,
    as_written,
    did_you_mean,
    parse_yaml,
    read_text,
    unknown_keys,
    written,
    yaml_hint,
)
from kg.model import ArticleRecord, Corpus, Person, Problem

MANIFEST = "corpus.yaml"
#: What a corpus id may be: lower-case letters, digits and hyphens.
CORPUS_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_FILES = ("text", "references", "concepts", "claims")
#: The keys corpus.yaml may have (corpus/README.md): at the top, under ``files:``, under ``article:`` and in
#: each article author.
_MANIFEST_KEYS = ("id", "article", "files", "citation_style")
_FILE_KEYS = (*_FILES, "decisions")
_ARTICLE_KEYS = ("title", "authors", "affiliations", "journal", "issn", "year", "volume", "issue", "doi", "url",
                 "keywords")
_AUTHOR_KEYS = ("family", "given")


def bundled_corpus() -> Path:
    """The folder of the bundled corpus (``corpus/community-support``).

    It is looked up beside the package (a source checkout or editable
    install) and then in the current folder.
    """
    for base in (Path(__file__).resolve().parents[2], Path.cwd()):
        candidate = base / "corpus" / "community-support"
        if (candidate / MANIFEST).is_file():
            return candidate
    raise CorpusError(
        "the bundled corpus corpus/community-support was not found; run from the kg "
        "source folder or give the corpus folder"
    )


def _refuse_unknown_keys(mapping: dict[Any, Any], known: tuple[str, ...], manifest: Path, text: str,
                         what: str) -> None:
    """Refuse a key corpus.yaml has no use for, as the claims and concepts readers refuse unknown fields:
    a misspelt key (``yeer``, ``citation-style``, ``files.decision``) would otherwise be ignored without a word.
    The message names the key's own line (``text`` is the manifest's), not its mapping's."""
    unknown = unknown_keys(mapping, known)
    if unknown:
        line = key_line(text, unknown[0], mapping.get(LINE_KEY, 1))
        raise CorpusError(f"{manifest}:{line}: unknown key '{unknown[0]}' {what}"
                          f"{did_you_mean(unknown[0], known)}; see corpus/README.md for the keys of corpus.yaml")


def _text(value: Any, field: str, where: str) -> str:
    """A field of text; a number or date YAML read as one (``volume: 012``, ``title: 2001-01-02``) is its
    text as written, an empty field ''.

    A list, mapping or true/false is refused: ``str()`` would write it in Python's form ("['Nazeer']").
    """
    value = written(value)
    if value is None:
        return ""
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return str(value)
    hint = "write one value" if isinstance(value, (list, dict)) else "put it in quotes"
    raise CorpusError(f"{where}: '{field}' must be text, got {as_written(value)!r}; {hint}")


def _items(value: Any) -> list[Any]:
    """A list field's items: one value alone is a one-item list (``issn: 3006-466X``), where iterating
    it would give one item per letter; an empty field has none."""
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _texts(value: Any, field: str, where: str) -> tuple[str, ...]:
    """A list of text (see :func:`_items`); empty items are left out."""
    return tuple(text for text in (_text(item, field, where) for item in _items(value)) if text)


def _year(value: Any, where: str) -> int | None:
    """The article's year, a number (``2024`` or ``"2024"``, read from its digits as written); ``None``
    when not given.

    Anything else is refused: ``int()`` would stop with a traceback on ``twenty`` or ``[2024]`` and read
    ``true`` as the year 1.
    """
    if value is None or value == "":
        return None
    digits = written(value).strip() if isinstance(written(value), str) else ""
    if digits.isascii() and digits.isdigit():
        return int(digits)  # the digits as written: YAML 1.1 reads year: 0777 as the octal number 511
    if isinstance(value, int) and not isinstance(value, bool):
        return int(value)
    raise CorpusError(f"{where}: 'article.year' must be a year such as 2024, got {as_written(value)!r}; "
                      "write it as year: 2024")


def _author(author: Any, manifest: Path, text: str, article_line: int) -> Person:
    """One article author, ``{family, given}``, named at its own line when it has one."""
    line = author.get(LINE_KEY, article_line) if isinstance(author, dict) else article_line
    if isinstance(author, dict):
        _refuse_unknown_keys(author, _AUTHOR_KEYS, manifest, text, "in an article author")
    if not isinstance(author, dict) or not author.get("family"):
        raise CorpusError(f"{manifest}:{line}: each article author needs 'family' (and 'given'), "
                          f"got {as_written(author)!r}; write it as - {{family: Surname, given: Given}}")
    where = f"{manifest}:{line}"
    return Person(_text(author["family"], "article.authors.family", where),
                  _text(author.get("given"), "article.authors.given", where))


def _record(data: Any, corpus_id: str, manifest: Path, text: str, where: str) -> ArticleRecord:
    """The article's own record (``article:``), each field checked for its type."""
    if isinstance(data, dict):
        _refuse_unknown_keys(data, _ARTICLE_KEYS, manifest, text, "under 'article'")
    if not isinstance(data, dict) or not data.get("title"):
        raise CorpusError(f"{where}: 'article' needs at least a 'title'; see corpus/README.md")
    line = data.get(LINE_KEY, 1)
    where = f"{manifest}:{line}"
    return ArticleRecord(
        id=corpus_id,
        title=_text(data["title"], "article.title", where),
        authors=tuple(_author(author, manifest, text, line) for author in _items(data.get("authors"))),
        affiliations=_texts(data.get("affiliations"), "article.affiliations", where),
        journal=_text(data.get("journal"), "article.journal", where),
        issn=_texts(data.get("issn"), "article.issn", where),
        year=_year(data.get("year"), where),
        volume=_text(data.get("volume"), "article.volume", where),
        issue=_text(data.get("issue"), "article.issue", where),
        doi=_text(data.get("doi"), "article.doi", where),
        url=_text(data.get("url"), "article.url", where),
        keywords=_texts(data.get("keywords"), "article.keywords", where),
    )


def load_corpus(corpus_dir: str | Path | None = None) -> Corpus:
    """Read, resolve and check a corpus folder.

    Args:
        corpus_dir: the folder holding ``corpus.yaml``; ``None`` for the
            bundled corpus.

    Returns:
        The corpus, with every non-fatal finding in ``problems``.

    Raises:
        CorpusError: a file is missing or malformed, a quote is not in the
            article, a claim names an unknown concept or source.
        InputError: a file is unreadable or not UTF-8.
    """
    folder = Path(corpus_dir) if corpus_dir is not None else bundled_corpus()
    manifest = folder / MANIFEST
    if not manifest.is_file():
        raise CorpusError(f"{folder}: no {MANIFEST} here; a corpus folder needs one (see corpus/README.md)")
    text = read_text(manifest)
    data = parse_yaml(text, str(manifest))
    where = f"{manifest}:{data.get(LINE_KEY, 1) if isinstance(data, dict) else 1}"
    if not isinstance(data, dict):
        raise CorpusError(f"{where}: expected a mapping with id, article and files")
    _refuse_unknown_keys(data, _MANIFEST_KEYS, manifest, text, "at the top level")
    corpus_id = written(data.get("id"))  # as written: YAML 1.1 reads id: 010 as 8 and id: no as false
    if corpus_id is None or corpus_id == "":
        corpus_id = folder.name
    if not isinstance(corpus_id, str) or not CORPUS_ID.match(corpus_id):
        raise CorpusError(f"{where}: corpus id must be lower-case letters, digits and hyphens, got "
                          f"{as_written(corpus_id)!r}{yaml_hint(corpus_id)}")
    files = data.get("files") or {}
    if isinstance(files, dict):
        _refuse_unknown_keys(files, _FILE_KEYS, manifest, text, "under 'files'")
    paths: dict[str, Path] = {}
    for role in _FILES:
        name = written(files.get(role)) if isinstance(files, dict) else None
        if not isinstance(name, str):
            raise CorpusError(f"{where}: 'files' must name the {role} file (files: {{{role}: ...}})")
        paths[role] = folder / name
        if not paths[role].is_file():
            raise CorpusError(f"{where}: the {role} file {paths[role]} does not exist; fix 'files.{role}'")
    decisions_file = written(files.get("decisions")) if isinstance(files, dict) else None
    if decisions_file is not None and not isinstance(decisions_file, str):
        raise CorpusError(f"{where}: 'files.decisions' must name one file, got {as_written(decisions_file)!r}")
    record = _record(data.get("article"), corpus_id, manifest, text, where)

    article = read_article(paths["text"])
    if not article.text:
        # Else every claim's quote would be reported missing, and nothing would say why.
        raise CorpusError(f"{paths['text']}: the article text is empty (no body text before a reference-list "
                          "heading); give the article's text, as extracted from its PDF, in 'files.text'")
    reference_list = read_references(paths["references"])
    if not reference_list.references:
        raise InputError(f"{paths['references']}: no reference could be read; check the file")
    decisions: dict[frozenset[str], bool] = {}
    problems: list[Problem] = list(reference_list.problems)
    if decisions_file:
        decisions, decision_problems = read_decisions(folder / decisions_file, [r.id for r in reference_list.references])
        problems.extend(decision_problems)
    dedup = deduplicate(reference_list.references, decisions)
    problems.extend(dedup.problems)
    style = data.get("citation_style", "auto")
    if style not in STYLES:
        raise CorpusError(f"{where}: citation_style must be one of {', '.join(STYLES)}, got {as_written(style)!r}")
    numbers = reference_numbers(reference_list.references)
    style = citation_style(article, style)
    found = find_citations(article, style)
    citations, citation_problems = resolve_citations(found, dedup.works, numbers)
    problems.extend(citation_problems)
    problems.extend(unread_citations(article, found, style))
    problems.extend(running_head_findings(article))
    scheme = read_concepts(paths["concepts"])
    claims, claim_problems = link_claims(read_claims(paths["claims"]), article, scheme, dedup.works, citations,
                                         numbers)
    problems.extend(claim_problems)
    return Corpus(
        id=corpus_id,
        path=str(folder),
        record=record,
        article=article,
        references=reference_list.references,
        works=dedup.works,
        citations=tuple(citations),
        scheme=scheme,
        claims=claims,
        decisions=dedup.decisions,
        problems=tuple(problems),
        versions=dedup.versions,
    )
