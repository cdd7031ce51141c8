"""Formatting references in a citation style (APA 7th edition)."""

from __future__ import annotations

from kg.model import Person, Reference


def _apa_name(person: Person) -> str:
    return person.display


def _apa_authors(people: tuple[Person, ...], et_al: bool) -> str:
    names = [_apa_name(p) for p in people]
    if et_al:
        return ", ".join(names) + ", et al."
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + ", & " + names[-1]


def _editors(people: tuple[Person, ...]) -> str:
    names = [f"{p.given} {p.family}".strip() for p in people]
    if len(names) <= 2:
        return " & ".join(names)
    return ", ".join(names[:-1]) + ", & " + names[-1]


def format_apa(ref: Reference) -> str:
    """Format a reference in APA style (plain text, no italics markers).

    Examples:
        >>> from kg.model import Person
        >>> format_apa(Reference("1", authors=(Person("Corrigan", "P. W."),), year=2004,
        ...     title="How stigma interferes with mental health care", container="American Psychologist",
        ...     volume="59", issue="7", pages="614-625"))
        'Corrigan, P. W. (2004). How stigma interferes with mental health care. American Psychologist, 59(7), 614-625.'
    """
    parts = []
    who = _apa_authors(ref.authors, ref.et_al)
    when = f"({ref.year}{ref.year_suffix})" if ref.year else f"({ref.date_text or 'n.d.'})"
    parts.append(f"{who} {when}." if who else f"{ref.title}. {when}.")
    if who and ref.title:
        parts.append(ref.title if ref.title.endswith(("?", "!", ".")) else f"{ref.title}.")
    if ref.type == "chapter":
        editors = f"In {_editors(ref.editors)} (Ed{'s' if len(ref.editors) > 1 else ''}.), " if ref.editors else "In "
        pages = f" (pp. {ref.pages})" if ref.pages else ""
        parts.append(f"{editors}{ref.container}{pages}.")
    elif ref.container:
        tail = ref.container
        if ref.volume:
            tail += f", {ref.volume}"
            if ref.issue:
                tail += f"({ref.issue})"
        if ref.pages:
            tail += f", {ref.pages}"
        parts.append(tail + ".")
    if ref.edition:
        parts.append(f"({ref.edition}{_ordinal(ref.edition)} ed.).")
    if ref.publisher and ref.type in ("book", "chapter", "report", "thesis"):
        parts.append(f"{ref.publisher}.")
    if ref.doi:
        parts.append(f"https://doi.org/{ref.doi}")
    elif ref.url:
        parts.append(ref.url)
    return " ".join(parts)


def _ordinal(number: str) -> str:
    if not number.isdigit():
        return ""
    n = int(number)
    if 10 <= n % 100 <= 20:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
