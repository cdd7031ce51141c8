"""The claim annotation reader (``claims.yaml``, format in ``corpus/README.md``).

:func:`parse_claims` checks the shape of each claim; :func:`link_claims`
anchors quotes in the article, checks concept ids against the scheme and
resolves ``cites`` to works.  Both collect every error before raising, so an
annotator fixes a file in one pass.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from kg.errors import CorpusError, QuoteNotFoundError, UnknownConceptError, UnknownReferenceError
from kg.ingest.article import find_quote
from kg.ingest.citations import match_works, number_span, owners, parse_cite, parse_numbers, works_numbered
from kg.ingest.concepts import key_line
from kg.ingest.text import (
    LINE_KEY,
    as_written,
    did_you_mean,
    item_line,
    parse_yaml,
    read_text,
    unknown_keys,
    written,
    yaml_hint,
)
from kg.model import STANCES, Article, Citation, Claim, ConceptScheme, Problem, SourceLocation, Work

_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")
_LISTS = {"cites": "", "theories": "theory", "support_types": "support-type", "outcomes": "outcome"}
_FIELDS = {"id", "statement", "quote", "stance", "note", LINE_KEY, *_LISTS}
#: The keys a claims file may have at its top.
_TOP_KEYS = ("claims",)
#: A numeric citation in ``cites``: "[3]", "3", "[4-6]", "[2, 5]".
_NUMERIC_CITE = re.compile(r"^\[?\s*(\d{1,4}(?:\s*[-–—,;]\s*\d{1,4})*)\s*\]?$")


def _string_list(item: dict[str, Any], field: str, where: str) -> tuple[str, ...]:
    value = item.get(field)
    if value is None:
        return ()
    if isinstance(value, (str, int)) and not isinstance(value, bool):
        value = [value]
    if field == "cites" and isinstance(value, list):
        # cites: [3, 7] names reference numbers, as "[3]" and "[7]" would (as written: [010] is "[010]").
        value = [f"[{written(v)}]" if isinstance(v, int) and not isinstance(v, bool) else v for v in value]
    if isinstance(value, list):
        value = [written(v) for v in value]  # ids as written: outcomes: [010] names "010", not 8
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        bad = next((v for v in value if not isinstance(v, str)), None) if isinstance(value, list) else value
        raise CorpusError(f"{where}: '{field}' must be a list of non-empty strings, got {as_written(value)!r}"
                          f"{yaml_hint(bad)}")
    return tuple(v.strip() for v in value)


def _claim(item: Any, path: str, line: int = 0) -> Claim:
    """One claim; ``line`` is the item's own line in its list, where a non-mapping item has no other."""
    line = item.get(LINE_KEY, line) if isinstance(item, dict) else line
    where = f"{path}:{line}" if line else path
    if not isinstance(item, dict):
        raise CorpusError(f"{where}: each claim must be a mapping with id, statement, quote...; got "
                          f"{as_written(item)!r}; write it as - {{id: C1, statement: ..., quote: ...}}")
    unknown = unknown_keys(item, _FIELDS)
    if unknown:
        raise CorpusError(
            f"{where}: unknown field '{unknown[0]}'{did_you_mean(unknown[0], _FIELDS - {LINE_KEY})}; "
            "see corpus/README.md for the claim fields"
        )
    # The id, statement, quote and note as written: YAML 1.1 reads id: 010 as 8 and note: 1.50 as 1.5.
    claim_id = written(item.get("id"))
    if not isinstance(claim_id, (str, int)) or isinstance(claim_id, bool) or not _ID.match(str(claim_id)):
        raise CorpusError(f"{where}: claim id must be letters, digits, '-' or '_', got {as_written(claim_id)!r}"
                          f"{yaml_hint(claim_id)}")
    for field in ("statement", "quote"):
        text = written(item.get(field))
        if isinstance(text, bool):
            raise CorpusError(f"{where}: claim {claim_id}'s '{field}' must be text, got {text!r}{yaml_hint(text)}")
        if not isinstance(text, str) or not text.strip():
            raise CorpusError(f"{where}: claim {claim_id} needs a non-empty '{field}'")
    note = written(item.get("note"))
    if note is not None and (not isinstance(note, (str, int, float)) or isinstance(note, bool)):
        # str() would write a list or mapping in Python's form ("['a', 'b']").
        raise CorpusError(f"{where}: claim {claim_id}'s 'note' must be text, got {as_written(note)!r}; "
                          f"write one paragraph (in quotes if it holds a colon){yaml_hint(note)}")
    stance = item.get("stance", "supports")
    if stance not in STANCES:
        raise CorpusError(
            f"{where}: claim {claim_id} has stance {stance!r}; use one of {', '.join(STANCES)}"
        )
    return Claim(
        id=str(claim_id),
        statement=" ".join(written(item["statement"]).split()),
        quote=written(item["quote"]),
        cites=_string_list(item, "cites", where),
        theories=_string_list(item, "theories", where),
        support_types=_string_list(item, "support_types", where),
        outcomes=_string_list(item, "outcomes", where),
        stance=str(stance),
        source=SourceLocation(path, line),
        note=str("" if note is None else note).strip(),
    )


def parse_claims(text: str, path: str = "<string>") -> tuple[Claim, ...]:
    """Parse claim annotations and check their shape.

    Raises:
        CorpusError: listing every malformed claim with its file:line.

    Examples:
        >>> claims = parse_claims('''
        ... claims:
        ...   - {id: C1, statement: S., quote: Q, cites: ["Smith, 2001"], outcomes: [hope]}
        ... ''')
        >>> claims[0].cites, claims[0].stance, claims[0].source.line
        (('Smith, 2001',), 'supports', 3)
    """
    data = parse_yaml(text, path)
    if isinstance(data, dict):
        # A key beside 'claims' (a second list, "uncited_claims:") would be ignored without a word.
        unknown = unknown_keys(data, _TOP_KEYS)
        if unknown:
            raise CorpusError(f"{path}:{key_line(text, unknown[0])}: unknown key '{unknown[0]}'"
                              f"{did_you_mean(unknown[0], _TOP_KEYS)}; a claims file holds one list, "
                              "'claims:' (see corpus/README.md)")
    items = data.get("claims") if isinstance(data, dict) else data
    if not isinstance(items, list):
        raise CorpusError(f"{path}: expected a list under 'claims'; see corpus/README.md")
    claims: list[Claim] = []
    errors: list[str] = []
    seen: dict[str, int] = {}
    for index, item in enumerate(items):
        try:
            claim = _claim(item, path, item_line(items, index))
        except CorpusError as err:
            errors.append(str(err))
            continue
        if claim.id in seen:
            errors.append(f"{claim.source}: claim id {claim.id} is used twice (first at line {seen[claim.id]})")
        seen.setdefault(claim.id, claim.source.line)
        claims.append(claim)
    if errors:
        raise CorpusError(f"{len(errors)} problem(s) in {path}:\n" + "\n".join(errors))
    return tuple(claims)


def read_claims(path: str | Path, name: str | None = None) -> tuple[Claim, ...]:
    """Read a claims file (see :func:`parse_claims`)."""
    return parse_claims(read_text(path), name or str(path))


def _resolve_number_cite(numbers_text: str, cite: str, where: str, claim_id: str,
                         numbers: Mapping[int, tuple[str, ...]], owner: Mapping[str, Work]) -> list[str]:
    keys: list[str] = []
    for number in parse_numbers(numbers_text):
        candidates = works_numbered(number, numbers, owner)
        if not candidates:
            raise UnknownReferenceError(
                f"{where}: claim {claim_id} cites {cite!r}, but the reference list has no entry {number} "
                f"({number_span(numbers)}); add the reference or fix the number"
            )
        if len(candidates) > 1:
            raise UnknownReferenceError(
                f"{where}: claim {claim_id} cites {cite!r}, but {len(candidates)} different works are printed "
                f"with number {number} ({', '.join(w.record.label for w in candidates)}); renumber the list"
            )
        keys.append(candidates[0].key)
    return keys


def resolve_cite(cite: str, works: Sequence[Work], where: str, claim_id: str,
                  numbers: Mapping[int, tuple[str, ...]], owner: Mapping[str, Work]) -> list[str]:
    """The works one ``cites`` item names: an author-year citation names one,
    a numeric one ("[3]", "[4-6]") one per number."""
    numeric = _NUMERIC_CITE.match(cite)
    if numeric:
        return _resolve_number_cite(numeric.group(1), cite, where, claim_id, numbers, owner)
    keys = parse_cite(cite)
    if not keys:
        raise UnknownReferenceError(
            f"{where}: claim {claim_id} cites {cite!r}, which is neither an author-year nor a numeric citation; "
            "write it as printed, e.g. 'Cohen & Wills, 1985', 'Berkman et al., 2000' or '[12]'"
        )
    # One item may name several works as printed ("Lee, 2001a, b"), as "[4-6]" does.
    found: list[str] = []
    for key in keys:
        candidates, _strict = match_works(key, works)
        if len(candidates) == 1:
            found.append(candidates[0].key)
            continue
        labels = [w.record.label for w in works]
        if not candidates:
            raise UnknownReferenceError(
                f"{where}: claim {claim_id} cites {cite!r}, which matches no entry of the reference list"
                f"{did_you_mean(cite.replace(',', ''), labels)}; add the reference or fix the citation"
            )
        raise UnknownReferenceError(
            f"{where}: claim {claim_id} cites {cite!r}, which matches {len(candidates)} works "
            f"({', '.join(w.record.label for w in candidates)}); list the authors or add a year letter"
        )
    return found


def link_claims(
    claims: Sequence[Claim],
    article: Article,
    scheme: ConceptScheme,
    works: Sequence[Work],
    citations: Sequence[Citation],
    numbers: Mapping[int, tuple[str, ...]] | None = None,
) -> tuple[tuple[Claim, ...], list[Problem]]:
    """Anchor quotes, check concepts, resolve sources and attach citations.

    ``numbers`` (:func:`kg.ingest.citations.reference_numbers`) resolves
    numeric ``cites`` ("[3]"); without it they resolve to nothing.

    Returns:
        The linked claims and the non-fatal findings (in-text citations no
        claim covers, quotes that occur twice, quote citations missing from
        ``cites``, ``cites`` the quote holds no citation of).

    Raises:
        CorpusError: every quote not found, unknown concept or unresolvable
            source, each with its file:line (one error lists them all).
    """
    errors: list[str] = []
    problems: list[Problem] = []
    linked: list[Claim] = []
    kinds = {c.id: c.kind for c in scheme.concepts}
    owner = owners(works)
    numbers = numbers or {}
    for claim in claims:
        where = str(claim.source)
        try:
            anchor, count = find_quote(article, claim.quote, where, claim.id)
        except QuoteNotFoundError as err:
            errors.append(str(err))
            continue
        if count > 1:
            problems.append(
                Problem(
                    "repeated-quote",
                    "warning",
                    f"quote of claim {claim.id} occurs {count} times in the article; anchored at the first",
                    claim.source,
                )
            )
        for field, kind in _LISTS.items():
            if not kind:
                continue
            for concept_id in getattr(claim, field):
                if concept_id not in kinds:
                    errors.append(
                        str(
                            UnknownConceptError(
                                f"{where}: claim {claim.id} names unknown concept '{concept_id}' in {field}"
                                f"{did_you_mean(concept_id, kinds)}; add it to the concept scheme or fix the id"
                            )
                        )
                    )
                elif kinds[concept_id] != kind:
                    errors.append(
                        f"{where}: claim {claim.id} lists '{concept_id}' under {field}, but it is a "
                        f"{kinds[concept_id]}; move it to the matching list"
                    )
        keys: list[str] = []
        for cite in claim.cites:
            try:
                found = resolve_cite(cite, works, where, claim.id, numbers, owner)
            except UnknownReferenceError as err:
                errors.append(str(err))
                continue
            for key in found:
                if key not in keys:
                    keys.append(key)
        inside = [c for c in citations if anchor.start <= c.start and c.end <= anchor.end]
        covered = tuple(c.id for c in inside if c.work in keys)
        for c in inside:
            if c.work is not None and c.work not in keys:
                problems.append(
                    Problem(
                        "quote-citation-not-cited",
                        "warning",
                        f"claim {claim.id} quotes the citation '{c.text}' but does not list it in 'cites'",
                        claim.source,
                    )
                )
        quoted = {c.work for c in inside}
        for key in keys:
            if key not in quoted:
                problems.append(
                    Problem(
                        "cited-not-in-quote",
                        "info",
                        f"claim {claim.id} cites '{key}', but its quote holds no citation of it; check that "
                        "this source backs the quoted words (or widen the quote to take in its citation)",
                        claim.source,
                    )
                )
        linked.append(replace(claim, anchor=anchor, works=tuple(keys), citations=covered))
    if errors:
        raise CorpusError(f"{len(errors)} problem(s) in the claim annotations:\n" + "\n".join(errors))
    covered_ids = {cid for claim in linked for cid in claim.citations}
    for citation in citations:
        if citation.id not in covered_ids:
            problems.append(
                Problem(
                    "citation-without-claim",
                    "warning",
                    f"in-text citation '{citation.text}' lies in no claim's quote; annotate the claim it backs",
                    citation.source,
                )
            )
    return tuple(linked), problems
