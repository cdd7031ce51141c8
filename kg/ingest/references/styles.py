"""Formatting references in six citation styles (plain text, no italics markers).

APA 7th edition, Harvard (Cite Them Right), Chicago author-date (17th
edition), MLA 9th edition, Vancouver (ICMJE/NLM) and IEEE.  Each formatter
takes a :class:`~kg.model.Reference` and returns one printed entry; the
free-text parser reads all six back (see ``tests/ingest/references``).
``STYLES`` maps a style's name to its formatter.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from kg.model import Person, Reference

_FULL_NAME = re.compile(r"[^\W\d_][a-zß-ÿ]")
_MINOR = frozenset(
    "a an and as at but by for from in into nor of on or over per the to up via vs with".split()
)


def initials(given: str, dots: bool = True, spaced: bool = True) -> str:
    """Initials of a given name ("Bruce G." -> "B. G.", "Jean-Paul" -> "J.-P.").

    >>> initials("Bruce G."), initials("Jean-Paul", spaced=False), initials("A. B.", dots=False)
    ('B. G.', 'J.-P.', 'AB')
    """
    out = []
    for part in given.replace(".", ". ").split():
        pieces = [p for p in part.split("-") if p]
        if not pieces or not pieces[0][:1].isalpha():
            continue
        mark = "." if dots else ""
        hyphen = "-" if dots else ""
        out.append(hyphen.join(p[0].upper() + mark for p in pieces))
    return (" " if spaced and dots else "").join(out)


def _family(person: Person) -> str:
    family = f"{person.particle} {person.family}".strip()
    return f"{family} {person.suffix}".strip() if person.suffix and not person.literal else family


def _full_given(person: Person) -> str:
    return person.given


def _inverted(person: Person, given: str) -> str:
    if person.literal:
        return person.literal
    return f"{_family(person)}, {given}" if given else _family(person)


def _natural(person: Person, given: str) -> str:
    if person.literal:
        return person.literal
    return f"{given} {_family(person)}".strip()


def _join(names: list[str], last: str, serial: bool = True) -> str:
    if len(names) <= 1:
        return "".join(names)
    if len(names) == 2:
        return f"{names[0]}{',' if serial and last.strip() == '&' else ''} {last} {names[1]}".replace("  ", " ")
    return ", ".join(names[:-1]) + ("," if serial else "") + f" {last} " + names[-1]


def _end(text: str, mark: str = ".") -> str:
    """``text`` closed with ``mark`` unless it already ends in ? ! or the mark."""
    text = text.rstrip()
    return text if not text or text.endswith(("?", "!", mark)) else text + mark


def _quoted(text: str, mark: str) -> str:
    """A title in typographic quotes with its closing mark inside (“Title,”)."""
    if text.endswith(("?", "!")):
        return f"“{text}”"
    return f"“{text}{mark}”"


def title_case(text: str) -> str:
    """Headline-style capitalisation for Chicago and MLA titles.

    >>> title_case("the structure of scientific revolutions: a study")
    'The Structure of Scientific Revolutions: A Study'
    """
    words = text.split(" ")
    out = []
    after_colon = True
    for i, word in enumerate(words):
        bare = word.lower()
        if word[:1].isupper() or not word[:1].isalpha():
            out.append(word)
        elif i and not after_colon and i < len(words) - 1 and bare in _MINOR:
            out.append(word)
        else:
            out.append(word[:1].upper() + word[1:])
        after_colon = word.endswith((":", "?", "!", "—"))
    return " ".join(out)


def _ordinal(number: str) -> str:
    if not number.isdigit():
        return ""
    n = int(number)
    if 10 <= n % 100 <= 20:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")


def _edition(ref: Reference, word: str = "ed.") -> str:
    return f"{ref.edition}{_ordinal(ref.edition)} {word}" if ref.edition else ""


def _link(ref: Reference) -> str:
    if ref.doi:
        return f"https://doi.org/{ref.doi}"
    return ref.url


def _place_publisher(ref: Reference, sep: str = ": ") -> str:
    if ref.place and ref.publisher:
        return f"{ref.place}{sep}{ref.publisher}"
    return ref.publisher or ref.place


def _year(ref: Reference) -> str:
    return f"{ref.year}{ref.year_suffix}" if ref.year else (ref.date_text or "n.d.")


# --- APA 7 ---------------------------------------------------------------


def _apa_name(person: Person) -> str:
    if person.literal:
        return person.literal
    given = initials(person.given) if _FULL_NAME.search(person.given) else person.given
    return _inverted(person, given)


def _apa_authors(people: tuple[Person, ...], et_al: bool) -> str:
    names = [_apa_name(p) for p in people]
    if et_al:
        return ", ".join(names) + ", et al."
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + ", & " + names[-1]


def _editors(people: tuple[Person, ...]) -> str:
    names = [_natural(p, initials(p.given) if _FULL_NAME.search(p.given) else p.given) for p in people]
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
        title = ref.title
        if ref.type == "book" and (ref.edition or ref.volume):
            inside = ", ".join(x for x in (_edition(ref), f"Vol. {ref.volume}" if ref.volume else "") if x)
            parts.append(f"{title} ({inside}).")
        else:
            parts.append(_end(title))
    if ref.type == "chapter":
        editors = f"In {_editors(ref.editors)} (Ed{'s' if len(ref.editors) > 1 else ''}.), " if ref.editors else "In "
        inside = ", ".join(
            x for x in (_edition(ref), f"Vol. {ref.volume}" if ref.volume else "", f"pp. {ref.pages}" if ref.pages else "") if x
        )
        parts.append(f"{editors}{ref.container}{f' ({inside})' if inside else ''}.")
    elif ref.container:
        tail = ref.container
        if ref.volume:
            tail += f", {ref.volume}"
            if ref.issue:
                tail += f"({ref.issue})"
        if ref.pages:
            tail += f", {ref.pages}"
        parts.append(tail + ".")
    elif ref.edition and ref.type != "book":
        parts.append(f"({_edition(ref)}).")
    if ref.publisher and ref.type in ("book", "chapter", "report", "thesis"):
        parts.append(_end(ref.publisher))
    link = _link(ref)
    if link:
        parts.append(link)
    return " ".join(parts)


# --- Harvard (Cite Them Right) ---------------------------------------------


def _harvard_name(person: Person) -> str:
    return _inverted(person, initials(person.given, spaced=False))


def format_harvard(ref: Reference) -> str:
    """Format a reference in Harvard style (Cite Them Right).

    >>> from kg.model import Person
    >>> format_harvard(Reference("1", authors=(Person("Link", "Bruce G."), Person("Phelan", "Jo C.")), year=2001,
    ...     title="Conceptualizing stigma", container="Annual Review of Sociology", volume="27", issue="1",
    ...     pages="363-385"))
    'Link, B.G. and Phelan, J.C. (2001) ‘Conceptualizing stigma’, Annual Review of Sociology, 27(1), pp. 363–385.'
    """
    names = [_harvard_name(p) for p in ref.authors]
    who = (names[0] + " et al.") if ref.et_al or len(names) > 3 else _join(names, "and", serial=False)
    head = f"{who} ({_year(ref)})" if who else f"{ref.title} ({_year(ref)})"
    pages = ref.pages.replace("-", "–")
    parts: list[str] = []
    if ref.type == "chapter":
        eds = _join([_harvard_name(p) for p in ref.editors], "and", serial=False)
        ed_word = "eds." if len(ref.editors) > 1 else "ed."
        book = ref.container + (f". {_edition(ref, 'edn.')}" if ref.edition else "")
        parts.append(f"{head} ‘{ref.title}’, in {eds} ({ed_word}) {_end(book)}" if eds else f"{head} ‘{ref.title}’, in {_end(book)}")
        where = _place_publisher(ref)
        parts.append(f"{where}, pp. {pages}." if pages and where else _end(where or (f"pp. {pages}" if pages else "")))
    elif ref.container:
        tail = ref.container
        if ref.volume:
            tail += f", {ref.volume}" + (f"({ref.issue})" if ref.issue else "")
        if pages:
            tail += f", {'pp.' if '–' in pages else 'p.'} {pages}"
        parts.append(f"{head} ‘{ref.title}’, {tail}.")
    else:
        parts.append(_end(f"{head} {ref.title}" if who else head))
        if ref.edition:
            parts.append(f"{_edition(ref, 'edn.')}")
        where = _place_publisher(ref)
        if where:
            parts.append(_end(where))
    if ref.doi:
        parts.append(f"doi:{ref.doi}.")
    elif ref.url:
        parts.append(f"Available at: {ref.url}.")
    return " ".join(p for p in parts if p)


# --- Chicago author-date (17th edition) --------------------------------------


def _chicago_names(people: tuple[Person, ...], et_al: bool) -> str:
    if not people:
        return ""
    names = [_inverted(people[0], _full_given(people[0]))] + [_natural(p, _full_given(p)) for p in people[1:]]
    if et_al or len(names) > 10:
        return names[0] + " et al."
    if len(names) == 2:
        return f"{names[0]}, and {names[1]}"
    return _join(names, "and")


def _chicago_pages(pages: str) -> str:
    """Page ranges with the en dash; Chicago abbreviates the second number (363–85)."""
    match = re.fullmatch(r"(\d+)-(\d+)", pages)
    if not match:
        return pages.replace("-", "–")
    first, last = match.groups()
    if len(first) == len(last) and int(first) >= 100 and first[:-2] == last[:-2] and first[-2:-1] != "0":
        last = last[-2:]
    return f"{first}–{last}"


def format_chicago(ref: Reference) -> str:
    """Format a reference in Chicago author-date style (17th edition).

    >>> from kg.model import Person
    >>> format_chicago(Reference("1", authors=(Person("Link", "Bruce G."), Person("Phelan", "Jo C.")), year=2001,
    ...     title="Conceptualizing stigma", container="Annual Review of Sociology", volume="27", issue="1",
    ...     pages="363-385"))
    'Link, Bruce G., and Jo C. Phelan. 2001. “Conceptualizing Stigma.” Annual Review of Sociology 27 (1): 363–85.'
    """
    who = _chicago_names(ref.authors, ref.et_al)
    parts = [_end(who)] if who else []
    parts.append(f"{_year(ref)}.")
    title = title_case(ref.title)
    pages = _chicago_pages(ref.pages)
    if ref.type == "chapter":
        eds = _join([_natural(p, _full_given(p)) for p in ref.editors], "and")
        parts.append(_quoted(title, "."))
        book = f"In {title_case(ref.container)}"
        if eds:
            book += f", edited by {eds}"
        if pages:
            book += f", {pages}"
        parts.append(_end(book))
        if ref.edition:
            parts.append(f"{_edition(ref)}")
        where = _place_publisher(ref)
        if where:
            parts.append(_end(where))
    elif ref.container:
        parts.append(_quoted(title, "."))
        tail = ref.container
        if ref.volume:
            tail += f" {ref.volume}" + (f" ({ref.issue})" if ref.issue else "")
        if pages:
            tail += f": {pages}" if ref.volume else f", {pages}"
        parts.append(_end(tail))
    else:
        parts.append(_end(title))
        if ref.edition:
            parts.append(f"{_edition(ref)}")
        where = _place_publisher(ref)
        if where:
            parts.append(_end(where))
    link = _link(ref)
    if link:
        parts.append(_end(link))
    return " ".join(parts)


# --- MLA 9 -------------------------------------------------------------------


def _mla_names(people: tuple[Person, ...], et_al: bool) -> str:
    if not people:
        return ""
    first = _inverted(people[0], _full_given(people[0]))
    if et_al or len(people) > 2:
        return first + ", et al."
    if len(people) == 2:
        return f"{first}, and {_natural(people[1], _full_given(people[1]))}"
    return first


def format_mla(ref: Reference) -> str:
    """Format a reference in MLA style (9th edition).

    >>> from kg.model import Person
    >>> format_mla(Reference("1", authors=(Person("Link", "Bruce G."), Person("Phelan", "Jo C.")), year=2001,
    ...     title="Conceptualizing stigma", container="Annual Review of Sociology", volume="27", issue="1",
    ...     pages="363-385"))
    'Link, Bruce G., and Jo C. Phelan. “Conceptualizing Stigma.” Annual Review of Sociology, vol. 27, no. 1, 2001, pp. 363–85.'
    """
    who = _mla_names(ref.authors, ref.et_al)
    parts = [_end(who)] if who else []
    title = title_case(ref.title)
    pages = _chicago_pages(ref.pages)
    if ref.type == "chapter" or ref.container:
        parts.append(_quoted(title, "."))
        bits = [title_case(ref.container) if ref.type == "chapter" else ref.container]
        if ref.type == "chapter" and ref.editors:
            bits.append("edited by " + _join([_natural(p, _full_given(p)) for p in ref.editors], "and"))
        if ref.edition:
            bits.append(_edition(ref))
        if ref.volume:
            bits.append(f"vol. {ref.volume}")
        if ref.issue:
            bits.append(f"no. {ref.issue}")
        if ref.publisher and ref.type == "chapter":
            bits.append(ref.publisher)
        bits.append(_year(ref))
        if pages:
            bits.append(f"{'pp.' if '–' in pages else 'p.'} {pages}")
        parts.append(_end(", ".join(bits)))
    else:
        parts.append(_end(title))
        bits = [b for b in (_edition(ref), ref.publisher, _year(ref)) if b]
        parts.append(_end(", ".join(bits)))
    link = _link(ref)
    if link:
        parts.append(_end(link.replace("https://", "")))
    return " ".join(parts)


# --- Vancouver (ICMJE / NLM) -------------------------------------------------


def _vancouver_name(person: Person) -> str:
    if person.literal:
        return person.literal
    return f"{_family(person)} {initials(person.given, dots=False)}".strip()


def _vancouver_names(people: tuple[Person, ...], et_al: bool) -> str:
    names = [_vancouver_name(p) for p in people]
    if len(names) > 6:
        return ", ".join(names[:6]) + ", et al"
    return ", ".join(names) + (", et al" if et_al else "")


def _vancouver_pages(pages: str) -> str:
    """NLM drops repeated leading digits of the last page (363-385 -> 363-85)."""
    match = re.fullmatch(r"(\d+)-(\d+)", pages)
    if not match:
        return pages
    first, last = match.groups()
    if len(first) == len(last):
        k = 0
        while k < len(first) - 1 and first[k] == last[k]:
            k += 1
        last = last[k:]
    return f"{first}-{last}"


def format_vancouver(ref: Reference) -> str:
    """Format a reference in Vancouver style (ICMJE / NLM).

    >>> from kg.model import Person
    >>> format_vancouver(Reference("1", authors=(Person("Link", "Bruce G."), Person("Phelan", "Jo C.")), year=2001,
    ...     title="Conceptualizing stigma", container="Annu Rev Sociol", volume="27", issue="1", pages="363-385"))
    'Link BG, Phelan JC. Conceptualizing stigma. Annu Rev Sociol. 2001;27(1):363-85.'
    """
    who = _vancouver_names(ref.authors, ref.et_al)
    parts = [_end(who)] if who else []
    parts.append(_end(ref.title))
    pages = _vancouver_pages(ref.pages)
    year = _year(ref)
    if ref.type == "chapter":
        eds = ", ".join(_vancouver_name(p) for p in ref.editors)
        if eds:
            parts.append(f"In: {eds}, editor{'s' if len(ref.editors) > 1 else ''}.")
        else:
            parts.append("In:")
        parts.append(_end(ref.container))
        if ref.edition:
            parts.append(f"{_edition(ref)}")
        where = _place_publisher(ref)
        parts.append(f"{where}; {year}." if where else f"{year}.")
        if pages:
            parts.append(f"p. {pages}.")
    elif ref.container:
        tail = f"{_end(ref.container)} {year}"
        if ref.volume:
            tail += f";{ref.volume}" + (f"({ref.issue})" if ref.issue else "")
        if pages:
            tail += f":{pages}"
        parts.append(tail + ".")
    else:
        if ref.edition:
            parts.append(f"{_edition(ref)}")
        where = _place_publisher(ref)
        parts.append(f"{where}; {year}." if where else f"{year}.")
    if ref.doi:
        parts.append(f"doi:{ref.doi}")
    elif ref.url:
        parts.append(f"Available from: {ref.url}")
    return " ".join(parts)


# --- IEEE --------------------------------------------------------------------


def _ieee_name(person: Person) -> str:
    return _natural(person, initials(person.given))


def _ieee_names(people: tuple[Person, ...], et_al: bool) -> str:
    names = [_ieee_name(p) for p in people]
    if et_al or len(names) > 6:
        return names[0] + " et al."
    if len(names) == 2:
        return f"{names[0]} and {names[1]}"
    return _join(names, "and")


def format_ieee(ref: Reference) -> str:
    """Format a reference in IEEE style.

    >>> from kg.model import Person
    >>> format_ieee(Reference("1", authors=(Person("Link", "Bruce G."), Person("Phelan", "Jo C.")), year=2001,
    ...     title="Conceptualizing stigma", container="Annu. Rev. Sociol.", volume="27", issue="1", pages="363-385"))
    'B. G. Link and J. C. Phelan, “Conceptualizing stigma,” Annu. Rev. Sociol., vol. 27, no. 1, pp. 363–385, 2001.'
    """
    who = _ieee_names(ref.authors, ref.et_al)
    pages = ref.pages.replace("-", "–")
    year = _year(ref)
    head = f"{who}, " if who else ""
    if ref.type == "chapter":
        eds = _join([_ieee_name(p) for p in ref.editors], "and")
        text = f"{head}{_quoted(ref.title, ',')} in {ref.container}"
        if ref.edition:
            text += f", {_edition(ref)}"
        if eds:
            text += f", {eds}, Ed{'s' if len(ref.editors) > 1 else ''}."
        where = _place_publisher(ref)
        text = _end(text) + (f" {where}, {year}" if where else f" {year}")
        if pages:
            text += f", {'pp.' if '–' in pages else 'p.'} {pages}"
        text += "."
    elif ref.container:
        bits = [f"{head}{_quoted(ref.title, ',')} {ref.container}"]
        if ref.volume:
            bits.append(f"vol. {ref.volume}")
        if ref.issue:
            bits.append(f"no. {ref.issue}")
        if pages:
            bits.append(f"{'pp.' if '–' in pages else 'p.'} {pages}")
        bits.append(year)
        text = ", ".join(bits) + "."
    else:
        text = f"{head}{ref.title}"
        if ref.edition:
            text += f", {_edition(ref)}"
        text = _end(text)
        where = _place_publisher(ref)
        text += f" {where}, {year}." if where else f" {year}."
    if ref.doi:
        text += f" doi: {ref.doi}."
    elif ref.url:
        text += f" [Online]. Available: {ref.url}"
    return text


#: Formatter of each supported style, by name.
STYLES: dict[str, Callable[[Reference], str]] = {
    "apa": format_apa,
    "harvard": format_harvard,
    "chicago": format_chicago,
    "mla": format_mla,
    "vancouver": format_vancouver,
    "ieee": format_ieee,
}


def format_reference(ref: Reference, style: str = "apa") -> str:
    """Format ``ref`` in a named style (one of :data:`STYLES`).

    Raises:
        ValueError: for an unknown style name.

    >>> format_reference(Reference("1", title="T", year=2000), "nature")
    Traceback (most recent call last):
    ...
    ValueError: unknown citation style 'nature'; expected one of apa, chicago, harvard, ieee, mla, vancouver
    """
    try:
        formatter = STYLES[style]
    except KeyError:
        raise ValueError(f"unknown citation style {style!r}; expected one of {', '.join(sorted(STYLES))}") from None
    return formatter(ref)
