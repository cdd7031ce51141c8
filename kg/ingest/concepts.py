"""The concept scheme reader (``concepts.yaml``, format in ``corpus/README.md``)."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from kg.errors import CorpusError
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
from kg.model import CONCEPT_KINDS, Concept, ConceptScheme, SourceLocation

_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_FIELDS = {"id", "kind", "label", "definition", "alt_labels", "broader", LINE_KEY}
#: The keys of a concepts file, at its top and under ``scheme:``.
_TOP_KEYS = ("scheme", "concepts")
_SCHEME_KEYS = ("id", "title")


def key_line(text: str, key: str, start: int = 1) -> int:
    r"""The line (from ``start``) where ``key:`` is first written in YAML ``text``, block or flow style;
    ``start`` when it is not found.

    >>> key_line("a:\n  b: 1\nc: {d: 2}\n", "d")
    3
    """
    lines = text.split("\n")
    pattern = re.compile(rf"(?:^|[{{,\s])['\"]?{re.escape(key)}['\"]?\s*:")
    return next((n for n in range(start, len(lines) + 1) if pattern.search(lines[n - 1])), start)


def _refuse_unknown_keys(mapping: dict[Any, Any], known: tuple[str, ...], text: str, path: str, what: str) -> None:
    """A key the concepts file has no use for is an error: it would be ignored without a word."""
    unknown = unknown_keys(mapping, known)
    if unknown:
        line = key_line(text, unknown[0], mapping.get(LINE_KEY, 1))
        raise CorpusError(f"{path}:{line}: unknown key '{unknown[0]}'{what}{did_you_mean(unknown[0], known)}; "
                          "see corpus/README.md for the keys of concepts.yaml")


def _text(value: Any, where: str, field: str) -> str:
    """A field of text (a number or date YAML read as one is its text as written); a list or mapping
    is refused, as ``str()`` would write it in Python's form."""
    value = written(value)
    if value is None:
        return ""
    if not isinstance(value, (str, int, float)) or isinstance(value, bool):
        raise CorpusError(f"{where}: '{field}' must be text, got {as_written(value)!r}{yaml_hint(value)}")
    return str(value).strip()


def _strings(value: Any, where: str, field: str) -> tuple[str, ...]:
    """A list of text or ids, each item as written (``broader: [010]`` names "010", not 8)."""
    value = written(value)
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list):
        value = [written(v) for v in value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        bad = next((v for v in value if not isinstance(v, str)), None) if isinstance(value, list) else value
        raise CorpusError(f"{where}: '{field}' must be a list of strings, got {as_written(value)!r}"
                          f"{yaml_hint(bad)}")
    return tuple(value)


def parse_concepts(text: str, path: str = "<string>") -> ConceptScheme:
    """Parse a concept scheme.

    Raises:
        CorpusError: listing every malformed concept (file:line, what, what to do).

    Examples:
        >>> s = parse_concepts('''
        ... scheme: {id: demo, title: Demo}
        ... concepts:
        ...   - {id: hope, kind: outcome, label: Hope}
        ... ''')
        >>> s.get("hope").label
        'Hope'
    """
    data = parse_yaml(text, path)
    if not isinstance(data, dict) or not isinstance(data.get("concepts"), list):
        raise CorpusError(f"{path}: expected a mapping with 'scheme' and a list 'concepts'; see corpus/README.md")
    _refuse_unknown_keys(data, _TOP_KEYS, text, path, "")
    header = data.get("scheme") or {}
    if not isinstance(header, dict) or header.get("id") in (None, ""):
        raise CorpusError(f"{path}:1: 'scheme' needs an 'id' (and a 'title'); see corpus/README.md")
    _refuse_unknown_keys(header, _SCHEME_KEYS, text, path, " under 'scheme'")
    where = f"{path}:{header.get(LINE_KEY, 1)}"
    scheme_id = written(header["id"])  # as written: YAML 1.1 reads id: 010 as 8
    if not isinstance(scheme_id, str) or not _ID.match(scheme_id):
        # The id becomes the scheme's IRI and those of its concepts.
        raise CorpusError(f"{where}: scheme id must be lower-case letters, digits and hyphens, got "
                          f"{as_written(scheme_id)!r}{yaml_hint(scheme_id)}")
    title = _text(header.get("title"), where, "scheme.title")
    errors: list[str] = []
    concepts: list[Concept] = []
    for index, item in enumerate(data["concepts"]):
        line = item.get(LINE_KEY, 0) if isinstance(item, dict) else item_line(data["concepts"], index)
        where = f"{path}:{line}" if line else path
        if not isinstance(item, dict):
            errors.append(f"{where}: each concept must be a mapping, got {as_written(item)!r}; write it as "
                          "- {id: my-concept, kind: outcome, label: My Concept}")
            continue
        try:
            unknown = unknown_keys(item, _FIELDS)
            if unknown:
                raise CorpusError(
                    f"{where}: unknown field '{unknown[0]}'{did_you_mean(unknown[0], _FIELDS - {LINE_KEY})}"
                )
            # The id and label as written: YAML 1.1 reads id: 010 as 8 and label: 2001 as a number.
            cid, kind, label = written(item.get("id")), item.get("kind"), written(item.get("label"))
            if not isinstance(cid, str) or not _ID.match(cid):
                raise CorpusError(f"{where}: concept id must be lower-case letters, digits and hyphens, got "
                                  f"{as_written(cid)!r}{yaml_hint(cid)}")
            if kind not in CONCEPT_KINDS:
                raise CorpusError(
                    f"{where}: concept '{cid}' has kind {kind!r}; use one of {', '.join(CONCEPT_KINDS)}"
                )
            if isinstance(label, bool):
                raise CorpusError(f"{where}: concept '{cid}''s 'label' must be text, got {label!r}"
                                  f"{yaml_hint(label)}")
            if not isinstance(label, str) or not label.strip():
                raise CorpusError(f"{where}: concept '{cid}' needs a 'label'")
            concepts.append(
                Concept(
                    id=cid,
                    kind=kind,
                    label=label.strip(),
                    definition=_text(item.get("definition"), where, "definition"),
                    alt_labels=_strings(item.get("alt_labels"), where, "alt_labels"),
                    broader=_strings(item.get("broader"), where, "broader"),
                    source=SourceLocation(path, line),
                )
            )
        except CorpusError as err:
            errors.append(str(err))
    by_id: dict[str, Concept] = {}
    for concept in concepts:
        if concept.id in by_id:
            errors.append(f"{concept.source}: concept id '{concept.id}' is used twice (first at line {by_id[concept.id].source.line})")
        by_id[concept.id] = concept
    for concept in concepts:
        for parent in concept.broader:
            if parent not in by_id:
                errors.append(
                    f"{concept.source}: concept '{concept.id}' names unknown broader concept '{parent}'"
                    f"{did_you_mean(parent, by_id)}"
                )
            elif by_id[parent].kind != concept.kind:
                errors.append(
                    f"{concept.source}: concept '{concept.id}' ({concept.kind}) cannot be narrower than "
                    f"'{parent}' ({by_id[parent].kind}); broader concepts must have the same kind"
                )
    for cycle in broader_cycles(concepts):
        first = by_id[cycle[0]]
        errors.append(
            f"{first.source}: concept '{first.id}' is in a cycle of 'broader' links: {' → '.join(cycle)}; "
            "a concept cannot be broader than itself, so remove one of these links"
        )
    if errors:
        raise CorpusError(f"{len(errors)} problem(s) in the concept scheme:\n" + "\n".join(errors))
    return ConceptScheme(
        id=scheme_id,
        title=title or scheme_id,
        concepts=tuple(concepts),
        source=SourceLocation(path, 1),
    )


def broader_cycles(concepts: Sequence[Concept]) -> list[tuple[str, ...]]:
    """Every cycle of ``broader`` links that a depth-first walk meets, each once.

    A cycle starts and ends at its concept listed first in the file
    (``("a", "b", "a")``; a concept broader than itself gives ``("a", "a")``);
    cycles come in file order, and unknown broader ids are skipped (they are
    reported on their own).

    >>> c = [Concept("a", "outcome", "A", broader=("b",)), Concept("b", "outcome", "B", broader=("a",)),
    ...      Concept("c", "outcome", "C", broader=("c", "a"))]
    >>> broader_cycles(c)
    [('a', 'b', 'a'), ('c', 'c')]
    """
    parents = {c.id: c.broader for c in concepts}
    order = {c.id: i for i, c in enumerate(concepts)}
    done: set[str] = set()
    found: set[tuple[str, ...]] = set()
    for start in parents:
        if start in done:
            continue
        path, on_path = [start], {start}
        todo: list[Iterator[str]] = [iter(parents[start])]
        while todo:
            parent = next(todo[-1], None)
            if parent is None:
                on_path.discard(path[-1])
                done.add(path.pop())
                todo.pop()
            elif parent in on_path:
                loop = path[path.index(parent):]
                turn = min(range(len(loop)), key=lambda i: order[loop[i]])
                found.add((*loop[turn:], *loop[:turn], loop[turn]))
            elif parent in parents and parent not in done:
                path.append(parent)
                on_path.add(parent)
                todo.append(iter(parents[parent]))
    return sorted(found, key=lambda cycle: [order[c] for c in cycle])


def read_concepts(path: str | Path, name: str | None = None) -> ConceptScheme:
    """Read a concept scheme file (see :func:`parse_concepts`)."""
    return parse_concepts(read_text(path), name or str(path))


def narrower_closure(scheme: ConceptScheme, concept_id: str) -> tuple[str, ...]:
    """The concept and every concept below it (transitively), sorted."""
    children: dict[str, list[str]] = {}
    for concept in scheme.concepts:
        for parent in concept.broader:
            children.setdefault(parent, []).append(concept.id)
    seen, todo = {concept_id}, [concept_id]
    while todo:
        for child in children.get(todo.pop(), []):
            if child not in seen:
                seen.add(child)
                todo.append(child)
    return tuple(sorted(seen))
