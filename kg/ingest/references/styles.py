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


#: The edition word an entry may already carry ("4th ed", "3rd edn.", "2nd edition").
_EDITION_WORD = re.compile(r"\s*\b(?:ed|edn|edition)\.?$", re.I)


def _edition(ref: Reference, word: str = "ed.") -> str:
    """The edition as a style prints it: "4" and "4th ed" are both "4th ed." (never "4th ed ed.")."""
    if not ref.edition:
        return ""
    text = _EDITION_WORD.sub("", ref.edition.strip()) or ref.edition.strip()
    number = re.fullmatch(r"(\d+)(?:st|nd|rd|th)?", text)
    if number:
        text = number.group(1) + _ordinal(number.group(1))
    return f"{text} {word}"


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


class _Printed:
    """An entry being printed: (label, text, glued) segments in order.

    Labels are AnyStyle's (``author``, ``date``, ``title``,
    ``container-title``, ``editor``, ``volume`` (with the issue), ``pages``,
    ``edition``, ``location``, ``publisher``, ``doi``, ``url``); a glued
    segment follows the previous one without a space.
    """

    def __init__(self) -> None:
        self.segments: list[tuple[str, str, bool]] = []

    def add(self, label: str, text: str, glued: bool = False) -> None:
        if text:
            self.segments.append((label, text, glued))

    def close(self, mark: str = ".") -> None:
        """End the last segment with ``mark`` unless it already ends a sentence."""
        if self.segments:
            label, text, glued = self.segments[-1]
            self.segments[-1] = (label, _end(text, mark), glued)

    def text(self) -> str:
        out = ""
        for _, text, glued in self.segments:
            out += text if glued or not out else " " + text
        return out


def _apa_segments(ref: Reference) -> _Printed:
    out = _Printed()
    who = _apa_authors(ref.authors, ref.et_al)
    when = f"({ref.year}{ref.year_suffix})" if ref.year else f"({ref.date_text or 'n.d.'})"
    if who:
        out.add("author", who)
        out.add("date", f"{when}.")
    else:
        out.add("title", f"{ref.title}.")
        out.add("date", f"{when}.")
    if who and ref.title:
        if ref.type == "book" and (ref.edition or ref.volume):
            out.add("title", ref.title)
            inside = ", ".join(x for x in (_edition(ref), f"Vol. {ref.volume}" if ref.volume else "") if x)
            out.add("edition" if ref.edition else "volume", f"({inside}).")
        else:
            out.add("title", _end(ref.title))
    if ref.type == "chapter":
        if ref.editors:
            out.add("editor", f"In {_editors(ref.editors)} (Ed{'s' if len(ref.editors) > 1 else ''}.),")
            out.add("container-title", ref.container)
        else:
            out.add("container-title", f"In {ref.container}")
        bits = [x for x in (_edition(ref), f"Vol. {ref.volume}" if ref.volume else "") if x]
        if bits and ref.pages:
            out.add("volume", "(" + ", ".join(bits) + ",")
            out.add("pages", f"pp. {ref.pages}).")
        elif bits:
            out.add("volume", "(" + ", ".join(bits) + ").")
        elif ref.pages:
            out.add("pages", f"(pp. {ref.pages}).")
        else:
            out.close()
    elif ref.container:
        out.add("container-title", ref.container + ("," if ref.volume or ref.pages else "."))
        if ref.volume:
            out.add("volume", ref.volume + (f"({ref.issue})" if ref.issue else "") + ("," if ref.pages else "."))
        if ref.pages:
            out.add("pages", f"{ref.pages}.")
    elif ref.edition and ref.type != "book":
        out.add("edition", f"({_edition(ref)}).")
    if ref.publisher and ref.type in ("book", "chapter", "report", "thesis"):
        out.add("publisher", _end(ref.publisher))
    if ref.doi:
        out.add("doi", f"https://doi.org/{ref.doi}")
    elif ref.url:
        out.add("url", ref.url)
    return out


def format_apa(ref: Reference) -> str:
    """Format a reference in APA style (plain text, no italics markers).

    Examples:
        >>> from kg.model import Person
        >>> format_apa(Reference("1", authors=(Person("Corrigan", "P. W."),), year=2004,
        ...     title="How stigma interferes with mental health care", container="American Psychologist",
        ...     volume="59", issue="7", pages="614-625"))
        'Corrigan, P. W. (2004). How stigma interferes with mental health care. American Psychologist, 59(7), 614-625.'
    """
    return _apa_segments(ref).text()


# --- Harvard (Cite Them Right) ---------------------------------------------


def _harvard_name(person: Person) -> str:
    return _inverted(person, initials(person.given, spaced=False))


def _place_publisher_segments(out: _Printed, ref: Reference, sep: str = ":", end: str = ".") -> None:
    if ref.place and ref.publisher:
        out.add("location", ref.place + sep)
        out.add("publisher", ref.publisher + end)
    elif ref.publisher:
        out.add("publisher", ref.publisher + end)
    elif ref.place:
        out.add("location", ref.place + end)


def _harvard_segments(ref: Reference) -> _Printed:
    out = _Printed()
    names = [_harvard_name(p) for p in ref.authors]
    who = (names[0] + " et al.") if ref.et_al or len(names) > 3 else _join(names, "and", serial=False)
    if who:
        out.add("author", who)
    else:
        out.add("title", ref.title)
    year = f"({_year(ref)})"
    pages = ref.pages.replace("-", "–")
    if ref.type == "chapter":
        out.add("date", year)
        out.add("title", f"‘{ref.title}’,")
        eds = _join([_harvard_name(p) for p in ref.editors], "and", serial=False)
        if eds:
            out.add("editor", f"in {eds} ({'eds.' if len(ref.editors) > 1 else 'ed.'})")
            out.add("container-title", _end(ref.container))
        else:
            out.add("container-title", _end(f"in {ref.container}"))
        if ref.edition:
            out.add("edition", _end(_edition(ref, "edn.")))
        if ref.place or ref.publisher:
            _place_publisher_segments(out, ref, end="," if pages else ".")
            if pages:
                out.add("pages", f"pp. {pages}.")
        elif pages:
            out.add("pages", f"pp. {pages}.")
    elif ref.container:
        out.add("date", year)
        out.add("title", f"‘{ref.title}’,")
        out.add("container-title", ref.container + ("," if ref.volume or pages else "."))
        if ref.volume:
            out.add("volume", ref.volume + (f"({ref.issue})" if ref.issue else "") + ("," if pages else "."))
        if pages:
            out.add("pages", f"{'pp.' if '–' in pages else 'p.'} {pages}.")
    else:
        out.add("date", year if who else f"{year}.")
        if who:
            out.add("title", _end(ref.title))
        if ref.edition:
            out.add("edition", _edition(ref, "edn."))
        _place_publisher_segments(out, ref, end=".")
    if ref.doi:
        out.add("doi", f"doi:{ref.doi}.")
    elif ref.url:
        out.add("url", f"Available at: {ref.url}.")
    return out


def format_harvard(ref: Reference) -> str:
    """Format a reference in Harvard style (Cite Them Right).

    >>> from kg.model import Person
    >>> format_harvard(Reference("1", authors=(Person("Link", "Bruce G."), Person("Phelan", "Jo C.")), year=2001,
    ...     title="Conceptualizing stigma", container="Annual Review of Sociology", volume="27", issue="1",
    ...     pages="363-385"))
    'Link, B.G. and Phelan, J.C. (2001) ‘Conceptualizing stigma’, Annual Review of Sociology, 27(1), pp. 363–385.'
    """
    return _harvard_segments(ref).text()


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


def _chicago_segments(ref: Reference) -> _Printed:
    out = _Printed()
    who = _chicago_names(ref.authors, ref.et_al)
    if who:
        out.add("author", _end(who))
    out.add("date", f"{_year(ref)}.")
    title = title_case(ref.title)
    pages = _chicago_pages(ref.pages)
    if ref.type == "chapter":
        eds = _join([_natural(p, _full_given(p)) for p in ref.editors], "and")
        out.add("title", _quoted(title, "."))
        out.add("container-title", f"In {title_case(ref.container)}" + ("," if eds or pages else "."))
        if eds:
            out.add("editor", f"edited by {eds}" + ("," if pages else "."))
        if pages:
            out.add("pages", f"{pages}.")
        if ref.edition:
            out.add("edition", _edition(ref))
        _place_publisher_segments(out, ref)
    elif ref.container:
        out.add("title", _quoted(title, "."))
        out.add("container-title", ref.container + ("" if ref.volume else ("," if pages else ".")))
        if ref.volume:
            out.add("volume", ref.volume + (f" ({ref.issue})" if ref.issue else "") + (":" if pages else "."))
        if pages:
            out.add("pages", f"{pages}.")
    else:
        out.add("title", _end(title))
        if ref.edition:
            out.add("edition", _edition(ref))
        _place_publisher_segments(out, ref)
    if ref.doi:
        out.add("doi", f"https://doi.org/{ref.doi}.")
    elif ref.url:
        out.add("url", _end(ref.url))
    return out


def format_chicago(ref: Reference) -> str:
    """Format a reference in Chicago author-date style (17th edition).

    >>> from kg.model import Person
    >>> format_chicago(Reference("1", authors=(Person("Link", "Bruce G."), Person("Phelan", "Jo C.")), year=2001,
    ...     title="Conceptualizing stigma", container="Annual Review of Sociology", volume="27", issue="1",
    ...     pages="363-385"))
    'Link, Bruce G., and Jo C. Phelan. 2001. “Conceptualizing Stigma.” Annual Review of Sociology 27 (1): 363–85.'
    """
    return _chicago_segments(ref).text()


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


def _mla_segments(ref: Reference) -> _Printed:
    out = _Printed()
    who = _mla_names(ref.authors, ref.et_al)
    if who:
        out.add("author", _end(who))
    title = title_case(ref.title)
    pages = _chicago_pages(ref.pages)
    if ref.type == "chapter" or ref.container:
        out.add("title", _quoted(title, "."))
        bits: list[tuple[str, str]] = [("container-title", title_case(ref.container) if ref.type == "chapter" else ref.container)]
        if ref.type == "chapter" and ref.editors:
            bits.append(("editor", "edited by " + _join([_natural(p, _full_given(p)) for p in ref.editors], "and")))
        if ref.edition:
            bits.append(("edition", _edition(ref)))
        if ref.volume:
            bits.append(("volume", f"vol. {ref.volume}"))
        if ref.issue:
            bits.append(("volume", f"no. {ref.issue}"))
        if ref.publisher and ref.type == "chapter":
            bits.append(("publisher", ref.publisher))
        bits.append(("date", _year(ref)))
        if pages:
            bits.append(("pages", f"{'pp.' if '–' in pages else 'p.'} {pages}"))
        for i, (label, text) in enumerate(bits):
            out.add(label, text + ("," if i < len(bits) - 1 else ""))
        out.close()
    else:
        out.add("title", _end(title))
        bits = [(label, b) for label, b in (("edition", _edition(ref)), ("publisher", ref.publisher), ("date", _year(ref))) if b]
        for i, (label, text) in enumerate(bits):
            out.add(label, text + ("," if i < len(bits) - 1 else "."))
    if ref.doi:
        out.add("doi", f"doi.org/{ref.doi}.")
    elif ref.url:
        out.add("url", _end(ref.url.replace("https://", "")))
    return out


def format_mla(ref: Reference) -> str:
    """Format a reference in MLA style (9th edition).

    >>> from kg.model import Person
    >>> format_mla(Reference("1", authors=(Person("Link", "Bruce G."), Person("Phelan", "Jo C.")), year=2001,
    ...     title="Conceptualizing stigma", container="Annual Review of Sociology", volume="27", issue="1",
    ...     pages="363-385"))
    'Link, Bruce G., and Jo C. Phelan. “Conceptualizing Stigma.” Annual Review of Sociology, vol. 27, no. 1, 2001, pp. 363–85.'
    """
    return _mla_segments(ref).text()


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


def _vancouver_segments(ref: Reference) -> _Printed:
    out = _Printed()
    who = _vancouver_names(ref.authors, ref.et_al)
    if who:
        out.add("author", _end(who))
    out.add("title", _end(ref.title))
    pages = _vancouver_pages(ref.pages)
    year = _year(ref)
    if ref.type == "chapter":
        eds = ", ".join(_vancouver_name(p) for p in ref.editors)
        if eds:
            out.add("editor", f"In: {eds}, editor{'s' if len(ref.editors) > 1 else ''}.")
            out.add("container-title", _end(ref.container))
        else:
            out.add("container-title", _end(f"In: {ref.container}"))
        if ref.edition:
            out.add("edition", _edition(ref))
        _place_publisher_segments(out, ref, end=";")
        out.add("date", f"{year}.")
        if pages:
            out.add("pages", f"p. {pages}.")
    elif ref.container:
        out.add("container-title", _end(ref.container))
        out.add("date", year + ("" if ref.volume or pages else "."))
        if ref.volume:
            out.add("volume", f";{ref.volume}" + (f"({ref.issue})" if ref.issue else "") + ("" if pages else "."), glued=True)
        if pages:
            out.add("pages", f":{pages}.", glued=True)
    else:
        if ref.edition:
            out.add("edition", _edition(ref))
        _place_publisher_segments(out, ref, end=";")
        out.add("date", f"{year}.")
    if ref.doi:
        out.add("doi", f"doi:{ref.doi}")
    elif ref.url:
        out.add("url", f"Available from: {ref.url}")
    return out


def format_vancouver(ref: Reference) -> str:
    """Format a reference in Vancouver style (ICMJE / NLM).

    >>> from kg.model import Person
    >>> format_vancouver(Reference("1", authors=(Person("Link", "Bruce G."), Person("Phelan", "Jo C.")), year=2001,
    ...     title="Conceptualizing stigma", container="Annu Rev Sociol", volume="27", issue="1", pages="363-385"))
    'Link BG, Phelan JC. Conceptualizing stigma. Annu Rev Sociol. 2001;27(1):363-85.'
    """
    return _vancouver_segments(ref).text()


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


def _ieee_segments(ref: Reference) -> _Printed:
    out = _Printed()
    who = _ieee_names(ref.authors, ref.et_al)
    if who:
        out.add("author", f"{who},")
    pages = ref.pages.replace("-", "–")
    pages_text = f"{'pp.' if '–' in pages else 'p.'} {pages}" if pages else ""
    year = _year(ref)
    if ref.type == "chapter":
        out.add("title", _quoted(ref.title, ","))
        eds = _join([_ieee_name(p) for p in ref.editors], "and")
        tail = [("edition", _edition(ref))] if ref.edition else []
        if eds:
            tail.append(("editor", f"{eds}, Ed{'s' if len(ref.editors) > 1 else ''}."))
        out.add("container-title", f"in {ref.container}" + ("," if tail else "."))
        for i, (label, text) in enumerate(tail):
            out.add(label, text if text.endswith(".") else text + ("," if i < len(tail) - 1 else "."))
        _place_publisher_segments(out, ref, end=",")
        out.add("date", year + ("," if pages else "."))
        if pages:
            out.add("pages", f"{pages_text}.")
    elif ref.container:
        out.add("title", _quoted(ref.title, ","))
        bits = [("container-title", ref.container)]
        if ref.volume:
            bits.append(("volume", f"vol. {ref.volume}"))
        if ref.issue:
            bits.append(("volume", f"no. {ref.issue}"))
        if pages:
            bits.append(("pages", pages_text))
        bits.append(("date", year))
        for i, (label, text) in enumerate(bits):
            out.add(label, text + ("," if i < len(bits) - 1 else "."))
    else:
        if ref.edition:
            out.add("title", f"{ref.title},")
            out.add("edition", _end(_edition(ref)))
        else:
            out.add("title", _end(ref.title))
        _place_publisher_segments(out, ref, end=",")
        out.add("date", f"{year}.")
    if ref.doi:
        out.add("doi", f"doi: {ref.doi}.")
    elif ref.url:
        out.add("url", f"[Online]. Available: {ref.url}")
    return out


def format_ieee(ref: Reference) -> str:
    """Format a reference in IEEE style.

    >>> from kg.model import Person
    >>> format_ieee(Reference("1", authors=(Person("Link", "Bruce G."), Person("Phelan", "Jo C.")), year=2001,
    ...     title="Conceptualizing stigma", container="Annu. Rev. Sociol.", volume="27", issue="1", pages="363-385"))
    'B. G. Link and J. C. Phelan, “Conceptualizing stigma,” Annu. Rev. Sociol., vol. 27, no. 1, pp. 363–385, 2001.'
    """
    return _ieee_segments(ref).text()


_SEGMENTS: dict[str, Callable[[Reference], _Printed]] = {
    "apa": _apa_segments,
    "harvard": _harvard_segments,
    "chicago": _chicago_segments,
    "mla": _mla_segments,
    "vancouver": _vancouver_segments,
    "ieee": _ieee_segments,
}


def labelled_words(ref: Reference, style: str) -> list[tuple[str, str]]:
    """The words of ``ref`` printed in ``style``, each with the field it prints (AnyStyle's labels).

    A word that runs over several segments ("2001;27(1):363-85.") takes the
    label ``volume`` when it holds the volume, as AnyStyle's tagged sets do.

    >>> from kg.model import Person
    >>> labelled_words(Reference("1", authors=(Person("Link", "B. G."),), year=2001, title="Stigma",
    ...     container="Annu Rev Sociol", volume="27", issue="1", pages="363-385"), "vancouver")[-3:]
    [('Rev', 'container-title'), ('Sociol.', 'container-title'), ('2001;27(1):363-85.', 'volume')]
    """
    words: list[tuple[str, str]] = []
    open_labels: list[str] = []
    current = ""
    for label, text, glued in _SEGMENTS[style](ref).segments:
        pieces = text.split(" ")
        for k, piece in enumerate(pieces):
            starts_word = k > 0 or (not glued and (current or open_labels))
            if starts_word and current:
                words.append((current, "volume" if "volume" in open_labels else open_labels[0]))
                current, open_labels = "", []
            current += piece
            if piece:
                open_labels.append(label)
    if current:
        words.append((current, "volume" if "volume" in open_labels else open_labels[0]))
    return words


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
