"""What the reference readers share: page ranges written one way, family-name particles, distinct ids."""

from __future__ import annotations

import html
import re
from dataclasses import replace
from html.entities import html5

from kg.model import Problem, Reference, SourceLocation

_PAGE_DASH = re.compile(r"\s*(?:-{1,3}|[\u2010-\u2015\u2212])\s*")
#: An HTML entity ended by ";" (the legacy ones without it, "&micro" in "Cell&microbiology", are text).
ENTITY = re.compile(r"&(?:#\d{1,7}|#[xX][0-9A-Fa-f]{1,6}|([A-Za-z][A-Za-z0-9]{1,31}));")
#: A lower-case word that starts a family name ("van der Berg", "de la Cruz").
PARTICLE = re.compile(r"^(?:van|von|der|den|de|del|della|da|di|du|la|le|ten|ter|dos|das|al|el|zu|y)$")


def page_range(pages: str) -> str:
    """Pages with a plain hyphen, and no spaces, between the ends of each range.

    >>> [page_range(p) for p in ("376 -- 383", "376--383", "376\u2013383", "S875 - S880", "e1000316", "1-2, 5 -- 7")]
    ['376-383', '376-383', '376-383', 'S875-S880', 'e1000316', '1-2, 5-7']
    """
    return _PAGE_DASH.sub("-", pages.strip()) if pages else pages


def decode_entity(match: re.Match[str]) -> str:
    """The character(s) an :data:`ENTITY` match stands for; an unknown name, or one known only
    without ";" ("&ampx;"), is left as written.

    >>> ENTITY.sub(decode_entity, "Cell&microbiology &micro;m &#x3bc;m &#181; R&D &ampx; &nosuch;")
    'Cell&microbiology µm μm µ R&D &ampx; &nosuch;'
    """
    name = match.group(1)
    return html.unescape(match.group(0)) if name is None else html5.get(name + ";", match.group(0))


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
