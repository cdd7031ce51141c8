"""What the reference readers share: page ranges written one way, family-name particles, distinct ids."""

from __future__ import annotations

import re
from dataclasses import replace

from kg.model import Problem, Reference, SourceLocation

_PAGE_DASH = re.compile(r"\s*(?:-{1,3}|[\u2010-\u2015\u2212])\s*")
#: A lower-case word that starts a family name ("van der Berg", "de la Cruz").
PARTICLE = re.compile(r"^(?:van|von|der|den|de|del|della|da|di|du|la|le|ten|ter|dos|das|al|el|zu|y)$")


def page_range(pages: str) -> str:
    """Pages with a plain hyphen, and no spaces, between the ends of each range.

    >>> [page_range(p) for p in ("376 -- 383", "376--383", "376\u2013383", "S875 - S880", "e1000316", "1-2, 5 -- 7")]
    ['376-383', '376-383', '376-383', 'S875-S880', 'e1000316', '1-2, 5-7']
    """
    return _PAGE_DASH.sub("-", pages.strip()) if pages else pages


def split_particle(family: str) -> tuple[str, str]:
    """Split leading lower-case particles ("van der", "de la") off a family name.

    >>> split_particle("van der Berg"), split_particle("Garcia de la Cruz"), split_particle("de")
    (('van der', 'Berg'), ('', 'Garcia de la Cruz'), ('', 'de'))
    """
    words = family.split()
    n = 0
    while n < len(words) - 1 and PARTICLE.match(words[n]):
        n += 1
    return " ".join(words[:n]), " ".join(words[n:])


def free_id(wanted: str, used: set[str]) -> str:
    """``wanted``, or the first of ``wanted-2``, ``wanted-3``... not in ``used``.

    >>> free_id("a#1", {"a", "a#1", "a#1-2"})
    'a#1-3'
    """
    candidate, n = wanted, 1
    while candidate in used:
        n += 1
        candidate = f"{wanted}-{n}"
    return candidate


def distinct_ids(references: list[Reference], tag: str, problems: list[Problem], path: str) -> list[Reference]:
    """The records with distinct ids: one with no id numbered by its position (``2-2``... if a record
    has ``2`` as its own id), a repeated id kept as ``id#line`` (``id#line-2``... if that is taken too),
    each renaming reported; ``tag`` names the field the id came from."""
    used = {r.id for r in references if r.id}
    seen: set[str] = set()
    distinct: list[Reference] = []
    for position, reference in enumerate(references, start=1):
        if not reference.id:
            reference = replace(reference, id=free_id(str(position), used))
            used.add(reference.id)
        elif reference.id in seen:
            line = reference.source.line
            new_id = free_id(f"{reference.id}#{line}", used)
            problems.append(Problem("duplicate-id", "warning", f"{tag} {reference.id} is used twice; this record "
                                    f"is kept as {new_id}", SourceLocation(path, line)))
            used.add(new_id)
            reference = replace(reference, id=new_id)
        seen.add(reference.id)
        distinct.append(reference)
    return distinct
