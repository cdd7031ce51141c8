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
from kg.ingest.article import read_article
from kg.ingest.citations import (
    STYLES,
    citation_style,
    find_citations,
    reference_numbers,
    resolve_citations,
    unread_citations,
)
from kg.ingest.claims import link_claims, read_claims
from kg.ingest.concepts import read_concepts
from kg.ingest.references import read_references
from kg.ingest.text import LINE_KEY, as_written, read_yaml
from kg.model import ArticleRecord, Corpus, Person, Problem

MANIFEST = "corpus.yaml"
#: What a corpus id may be: lower-case letters, digits and hyphens.
CORPUS_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_FILES = ("text", "references", "concepts", "claims")


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


def _record(data: Any, corpus_id: str, manifest: Path, where: str) -> ArticleRecord:
    if not isinstance(data, dict) or not data.get("title"):
        raise CorpusError(f"{where}: 'article' needs at least a 'title'; see corpus/README.md")
    authors = []
    for author in data.get("authors") or []:
        if not isinstance(author, dict) or not author.get("family"):
            line = (author if isinstance(author, dict) else data).get(LINE_KEY, data.get(LINE_KEY, 1))
            raise CorpusError(f"{manifest}:{line}: each article author needs 'family' (and 'given'), "
                              f"got {as_written(author)!r}; write it as - {{family: Surname, given: Given}}")
        authors.append(Person(str(author["family"]), str(author.get("given") or "")))
    year = data.get("year")
    return ArticleRecord(
        id=corpus_id,
        title=str(data["title"]),
        authors=tuple(authors),
        affiliations=tuple(str(a) for a in data.get("affiliations") or ()),
        journal=str(data.get("journal") or ""),
        issn=tuple(str(i) for i in data.get("issn") or ()),
        year=int(year) if year else None,
        volume=str(data.get("volume") or ""),
        issue=str(data.get("issue") or ""),
        doi=str(data.get("doi") or ""),
        url=str(data.get("url") or ""),
        keywords=tuple(str(k) for k in data.get("keywords") or ()),
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
    data = read_yaml(manifest)
    where = f"{manifest}:{data.get(LINE_KEY, 1) if isinstance(data, dict) else 1}"
    if not isinstance(data, dict):
        raise CorpusError(f"{where}: expected a mapping with id, article and files")
    corpus_id = str(data.get("id") or folder.name)
    if not CORPUS_ID.match(corpus_id):
        raise CorpusError(f"{where}: corpus id must be lower-case letters, digits and hyphens, got {corpus_id!r}")
    files = data.get("files") or {}
    paths: dict[str, Path] = {}
    for role in _FILES:
        name = files.get(role) if isinstance(files, dict) else None
        if not isinstance(name, str):
            raise CorpusError(f"{where}: 'files' must name the {role} file (files: {{{role}: ...}})")
        paths[role] = folder / name
        if not paths[role].is_file():
            raise CorpusError(f"{where}: the {role} file {paths[role]} does not exist; fix 'files.{role}'")
    record = _record(data.get("article"), corpus_id, manifest, where)

    article = read_article(paths["text"])
    reference_list = read_references(paths["references"])
    if not reference_list.references:
        raise InputError(f"{paths['references']}: no reference could be read; check the file")
    decisions_file = files.get("decisions") if isinstance(files, dict) else None
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
    if style == "author-year":
        problems.extend(unread_citations(article, found))
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
