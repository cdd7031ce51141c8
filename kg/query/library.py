"""The named query library: ``queries/*.rq`` with a documented header.

Each file starts with comment lines (format in ``queries/README.md``)::

    # Claims about an outcome, narrower outcomes included.
    #
    # Answers: Which claims are about OUTCOME?
    # Param: outcome (id) e.g. symptoms -- the outcome's concept id
    # Example: kg query claims-by-outcome --param outcome=symptoms
    # Result:
    #   claim  statement ...

A parameter is a variable of the query (``?outcome``) that the caller binds
to a typed value (see :func:`kg.query.sparql.to_term`).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from rdflib.term import Node

from kg.errors import QueryError
from kg.ingest.text import did_you_mean
from kg.query.sparql import PARAM_TYPES, bind_values, ensure_read_only, to_term, with_prologue

if TYPE_CHECKING:
    from kg.query.stores import Store


@dataclass(frozen=True, slots=True)
class Param:
    """A declared query parameter."""

    name: str
    type: str
    example: str
    description: str
    default: str | None = None


@dataclass(frozen=True, slots=True)
class NamedQuery:
    """A query of the library, its documentation and its text."""

    name: str
    title: str
    answers: str
    params: tuple[Param, ...]
    example: str
    result: str
    text: str
    path: str

    def bind(self, values: Mapping[str, str]) -> str:
        """The query text, prologue included, with ``values`` bound.

        Args:
            values: parameter name to the value as typed by the user.

        Raises:
            QueryError: a parameter is unknown, missing or of the wrong type.
        """
        known = {p.name: p for p in self.params}
        for name in values:
            if name not in known:
                hint = difflib.get_close_matches(name, list(known), n=1, cutoff=0.5)
                expected = ", ".join(known) or "no parameters"
                raise QueryError(
                    f"query '{self.name}': unknown parameter '{name}'"
                    + (f" (did you mean '{hint[0]}'?)" if hint else "")
                    + f"; it takes {expected}"
                )
        bindings: dict[str, Node] = {}
        for param in self.params:
            value = values.get(param.name, param.default)
            if value is None:
                raise QueryError(
                    f"query '{self.name}': missing parameter '{param.name}' ({param.type}: {param.description}); "
                    f"add --param {param.name}={param.example}"
                )
            try:
                bindings[param.name] = to_term(param.type, value)
            except ValueError as err:
                raise QueryError(
                    f"query '{self.name}': parameter '{param.name}' {err}; e.g. --param {param.name}={param.example}"
                ) from err
        return bind_values(with_prologue(self.text), bindings)


#: Every id a parameter of type ``id`` can name, with its kind: claims'
#: identifiers, concepts' notations (kind as ``kg:kind`` holds it) and the
#: review articles' identifiers (corpus ids).
_KNOWN_IDS = with_prologue(
    """SELECT DISTINCT ?id ?kind WHERE {
  { ?thing a kg:Claim ; dcterms:identifier ?id . BIND("claim" AS ?kind) }
  UNION { ?thing skos:notation ?id . OPTIONAL { ?thing kg:kind ?kind } }
  UNION { ?thing a fabio:ReviewArticle ; dcterms:identifier ?id . BIND("corpus" AS ?kind) }
}"""
)

#: The kind of id each ``id`` parameter of the library names (by the
#: parameter's name, as the queries declare them).  An ``id`` parameter not
#: listed may name an id of any kind.
ID_KINDS: dict[str, str] = {
    "claim": "claim",
    "outcome": "outcome",
    "support_type": "support-type",
    "theory": "theory",
}

_KIND_NAMES = {"claim": "a claim", "outcome": "an outcome", "support-type": "a support type",
               "theory": "a theory", "corpus": "a corpus (review)", "": "a concept of no kind"}


def _kind_name(kind: str) -> str:
    """A kind as a noun phrase for messages ("a support type")."""
    return _KIND_NAMES.get(kind, f"a {kind}")


def _nearest(value: str, choices: list[str], n: int = 3) -> list[str]:
    """The ids closest to ``value`` (the first ones in order when none is close), at most ``n``."""
    return difflib.get_close_matches(value, choices, n=n, cutoff=0.5) or choices[:n]


def _kind_mismatch(query: NamedQuery, name: str, value: str, kinds: set[str],
                   known: dict[str, set[str]]) -> str:
    """The message for an id that exists, but only as an id of another kind than the parameter's."""
    wanted = ID_KINDS[name]
    found = " and ".join(sorted(_kind_name(k) for k in kinds))
    right = sorted(i for i, held in known.items() if wanted in held)
    hint = (f"; the nearest {wanted} ids: {', '.join(repr(i) for i in _nearest(value, right))}" if right
            else f"; the graph has no {wanted} id")
    return (f"query '{query.name}': parameter '{name}' takes {_kind_name(wanted)} id, but {value!r} is the id of "
            f"{found}{hint}; `kg query concepts` lists the concept ids, claims.yaml the claim ids")


def check_ids(store: Store, query: NamedQuery, values: Mapping[str, str], *, timeout: float | None = None) -> None:
    """Fail on an ``id`` parameter that names nothing in the graph, or something of the wrong kind.

    Called when a query answered no rows, to tell a mistyped id (an error)
    from a real empty answer.  An id of another kind (a support type given
    as a theory, a claim as an outcome) also answers no rows, and is as
    much a mistake: the message says what the id is and offers the nearest
    ids of the kind the parameter takes (:data:`ID_KINDS`).

    Raises:
        QueryError: naming the parameter, the id and the nearest known ids.
    """
    wanted = {p.name: values.get(p.name, p.default) for p in query.params if p.type == "id"}
    if not any(wanted.values()):
        return
    known: dict[str, set[str]] = {}
    for row in store.query(_KNOWN_IDS, timeout=timeout).rows:
        if row[0] is not None:
            known.setdefault(str(row[0]), set()).add(str(row[1]) if row[1] is not None else "")
    for name, value in wanted.items():
        if not value:
            continue
        if value not in known:
            raise QueryError(
                f"query '{query.name}': parameter '{name}' is {value!r}, which no claim or concept of the graph "
                f"has as its id{did_you_mean(value, sorted(known))}; `kg query concepts` lists the concept ids, "
                "claims.yaml the claim ids"
            )
        if name in ID_KINDS and ID_KINDS[name] not in known[value]:
            raise QueryError(_kind_mismatch(query, name, value, known[value], known))


_PARAM = re.compile(
    r"^(?P<name>[A-Za-z_]\w*)\s+\((?P<type>[a-z]+)(?:,\s*default\s+(?P<default>[^)]*))?\)\s+"
    r"e\.g\.\s+(?P<example>\S+)\s+--\s+(?P<description>.+)$"
)
_KEYS = ("answers", "param", "example", "result")


def parse_named_query(text: str, name: str, path: str = "<string>") -> NamedQuery:
    """Read one ``.rq`` file: header fields and the query.

    Raises:
        QueryError: the header misses a field or declares a bad parameter.

    Examples:
        >>> q = parse_named_query('''# Works of a year.
        ... # Answers: Which works appeared in YEAR?
        ... # Param: year (year) e.g. 2000 -- the year of issue
        ... # Example: kg query works-by-year --param year=2000
        ... # Result:
        ... #   work
        ... SELECT ?work WHERE { ?work dcterms:issued ?year }''', "works-by-year")
        >>> [p.type for p in q.params], q.answers
        (['year'], 'Which works appeared in YEAR?')
    """
    header: list[tuple[int, str]] = []
    lines = text.splitlines()
    for number, line in enumerate(lines, start=1):
        if not line.startswith("#"):
            break
        header.append((number, line[1:].strip() if not line[1:2] == " " else line[2:].rstrip()))
    title = header[0][1] if header else ""
    fields: dict[str, list[str]] = {k: [] for k in _KEYS}
    params: list[Param] = []
    current = ""
    for number, line in header[1:]:
        key, sep, rest = line.partition(":")
        if sep and key.strip().lower() in _KEYS and not line.startswith(" "):
            current = key.strip().lower()
            rest = rest.strip()
            if current == "param":
                match = _PARAM.match(rest)
                if not match or match["type"] not in PARAM_TYPES:
                    raise QueryError(
                        f"{path}:{number}: bad parameter line {rest!r}; write "
                        f"'Param: NAME (TYPE) e.g. EXAMPLE -- description' with TYPE one of {', '.join(PARAM_TYPES)}"
                    )
                params.append(Param(match["name"], match["type"], match["example"], match["description"].strip(),
                                    match["default"].strip() if match["default"] is not None else None))
            elif rest:
                fields[current].append(rest)
        elif current:
            fields[current].append(line)
    missing = [k for k in ("answers", "example", "result") if not fields[k]]
    if not title or missing:
        raise QueryError(
            f"{path}:1: the header needs a title line and {', '.join(missing or ['a title'])}; "
            "see queries/README.md"
        )
    body = "\n".join(lines[len(header):]).strip() + "\n"
    ensure_read_only(body, path)
    for param in params:
        if not re.search(rf"[?$]{param.name}\b", body):
            raise QueryError(f"{path}: parameter '{param.name}' is declared but ?{param.name} is not in the query")
    return NamedQuery(
        name=name,
        title=title,
        answers=" ".join(fields["answers"]),
        params=tuple(params),
        example=" ".join(fields["example"]),
        result="\n".join(fields["result"]).rstrip(),
        text=body,
        path=path,
    )


def queries_dir() -> Path:
    """The folder of the named queries (``queries/`` beside the package)."""
    for base in (Path(__file__).resolve().parents[2], Path.cwd()):
        candidate = base / "queries"
        if candidate.is_dir() and any(candidate.glob("*.rq")):
            return candidate
    raise QueryError("the query library queries/ was not found; run from the kg source folder")


@lru_cache(maxsize=4)
def _load(folder: str) -> dict[str, NamedQuery]:
    found = {}
    for path in sorted(Path(folder).glob("*.rq")):
        found[path.stem] = parse_named_query(path.read_text(encoding="utf-8"), path.stem, str(path))
    return found


def load_queries(folder: str | Path | None = None) -> dict[str, NamedQuery]:
    """Every named query of the library, by name (file name without ``.rq``)."""
    return dict(_load(str(folder or queries_dir())))


def get_query(name: str, folder: str | Path | None = None) -> NamedQuery:
    """One named query.

    Raises:
        QueryError: no query has that name (the message suggests the nearest).
    """
    queries = load_queries(folder)
    if name in queries:
        return queries[name]
    close = difflib.get_close_matches(name, list(queries), n=1, cutoff=0.4)
    if not close:
        close = [q for q in queries if name.lower() in q or q.startswith(name.lower()[:5])][:1]
    hint = f" (did you mean '{close[0]}'?)" if close else ""
    raise QueryError(f"unknown query '{name}'{hint}; `kg query --list` lists the {len(queries)} named queries")
