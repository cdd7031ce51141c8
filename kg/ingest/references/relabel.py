"""Post-processing rules that relabel the words the CRF tagged.

Each rule is a function ``tagged -> tagged`` on the ``(word, label)`` pairs of
one reference and fixes one kind of mistake the model makes (a title run on
past its closing quote, an editor list read as the title, ...).  :data:`RULES`
holds them in the order :func:`relabel` applies them; the order matters, as a
rule sees what the ones before it changed.  Record assembly
(:func:`kg.ingest.references.crf.parse_with_crf`) calls :func:`relabel`.  The
few patterns shared with the CRF's features and record assembly (years,
months, "In", links) live here, below :mod:`kg.ingest.references.crf`, which
imports them.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

from kg.ingest.references.names import _ACRONYM, _BODY_SERIES, _CORPORATE, _INITIAL, _PARTICLES


Rule = Callable[[list[tuple[str, str]]], list[tuple[str, str]]]
#: For a rule marked by :func:`_applies_when`: the labels an entry must all have, must have one of, and must lack.
_WHEN: dict[Rule, tuple[frozenset[str], frozenset[str], frozenset[str]]] = {}


def _applies_when(*, all_of: tuple[str, ...] = (), any_of: tuple[str, ...] = (),
                  none_of: tuple[str, ...] = ()) -> Callable[[Rule], Rule]:
    """Mark a rule as one that returns the entry unchanged unless its labels include all of ``all_of``, at least
    one of ``any_of`` and none of ``none_of`` (what the rule's own first tests require).

    :func:`relabel` then skips the rule on other entries without calling it: most rules look for a run of a
    label an entry may lack (an editor, a note), and their scans are most of the relabelling's time.  Keep
    the mark in step with the rule; ``test_refs_crf_speed`` checks each mark on the six-style entries.
    """
    def mark(rule: Rule) -> Rule:
        _WHEN[rule] = (frozenset(all_of), frozenset(any_of), frozenset(none_of))
        return rule
    return mark

# Shared with the features and record assembly of crf.py, which import them from here.
_YEAR = re.compile(r"(1[5-9]\d\d|20\d\d)([a-z]?)")
_IN = re.compile(r"^in:?\s+", re.I)
_LINK = re.compile(r"^[(<\[]?(?:https?://|doi:|doi\.org/|dx\.doi\.org/|www\.\w|10\.\d{4,9}/)", re.I)
_MONTHS = frozenset(
    "jan feb mar apr may jun jul aug sep sept oct nov dec january february march april june july august "
    "september october november december spring summer autumn fall winter".split()
)


_OPEN_QUOTE = ("“", '"', "‘", "«", "„", "'")
_CLOSE_QUOTE = re.compile(r"[”\"’»'][.,:;]$|[.,:;?!][”\"’»']$")


def _run_end(tagged: list[tuple[str, str]], start: int, label: str) -> int:
    """The first index from ``start`` on whose word is not labelled ``label`` (the end of a run).

    >>> _run_end([("A", "title"), ("B", "title"), ("C", "date")], 0, "title")
    2
    """
    end = start
    while end < len(tagged) and tagged[end][1] == label:
        end += 1
    return end


@_applies_when(all_of=("container-title",))
def _container_to_its_closing_bracket(tagged: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """A container's round bracket closes inside the container: Vancouver's "In: 2010 Meeting on Tides (MT
    2010); 2010 May 3-5;" cut by the CRF after "(MT", its year and bracket read as the date, runs on to the
    word that closes the bracket (one or two words on), as a short name's bracket opened in the run's last
    three words does.  A run that opens with the bracket (APA's "(NIH Publication No. 00-1)" after a title) is
    a description, not a name the bracket is part of: left alone.

    >>> _container_to_its_closing_bracket([("In:", "container-title"), ("Tides", "container-title"),
    ...     ("(MT", "container-title"), ("2010);", "date"), ("2010", "date")])[3:]
    [('2010);', 'container-title'), ('2010', 'date')]
    >>> _container_to_its_closing_bracket([("Tides", "container-title"), ("(MT)", "container-title"),
    ...     ("2010);", "date")])[2]
    ('2010);', 'date')
    """
    start = next((i for i, (_, label) in enumerate(tagged) if label == "container-title"), 0)
    end = _run_end(tagged, start, "container-title")
    if end >= len(tagged) or end - start < 2:
        return tagged
    opened = next((k for k in range(end - 1, max(start + 1, end - 3) - 1, -1) if "(" in tagged[k][0]), None)
    if opened is None or ")" in tagged[opened][0] or any(")" in w for w, _ in tagged[opened + 1:end]):
        return tagged
    for k in range(end, min(end + 2, len(tagged))):
        word = tagged[k][0]
        if "(" in word or (tagged[k][1] in ("url", "pages") and not word[:1].isdigit()):
            return tagged
        if ")" in word:
            return tagged[:end] + [(w, "container-title") for w, _ in tagged[end:k + 1]] + tagged[k + 1:]
    return tagged


@_applies_when(all_of=("title",), none_of=("container-title",))
def _end_title_at_quote(tagged: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """A quoted title ends at its closing quote: words the CRF ran on past it are the container's.

    >>> _end_title_at_quote([("“A", "title"), ("b,”", "title"), ("in", "title"), ("Book,", "title")])
    [('“A', 'title'), ('b,”', 'title'), ('in', 'container-title'), ('Book,', 'container-title')]
    >>> _end_title_at_quote([("“A", "title"), ("‘b’", "title"), ("c.”", "title")])[1]
    ('‘b’', 'title')
    """
    start = next((i for i, (_, label) in enumerate(tagged) if label == "title"), None)
    if start is None or not tagged[start][0].startswith(_OPEN_QUOTE):
        return tagged
    if any(label == "container-title" for _, label in tagged):
        return tagged
    end = _run_end(tagged, start, "title")
    for k in range(start, end - 1):
        word = tagged[k][0]
        if _CLOSE_QUOTE.search(word) and not (k == start and len(word) <= 2):
            return tagged[: k + 1] + [(w, "container-title") for w, _ in tagged[k + 1:end]] + tagged[end:]
    return tagged


#: The word that opens a chapter's book after its title, "in" or "In:" (Harvard's "‘Chapter’, in Roe, J. (ed.)").
_IN_WORD = re.compile(r"^[Ii]n:?$")


@_applies_when(all_of=("title", "editor"))
def _editors_after_quoted_title(tagged: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Harvard's "‘Chapter’, in Roe, J. (ed.) *Book*": a quoted title ends at its closing quote, so the words
    the CRF ran on past it, opening with "in" and reaching up to an editors' run that ends in its role word
    ("(ed.)", "(eds)", "editors."), are the first editor's name (a name the CRF did not know as one).

    >>> _editors_after_quoted_title([("‘Tide’,", "title"), ("in", "title"), ("van", "title"), ("Dam,", "title"),
    ...     ("J.", "editor"), ("(ed.)", "editor"), ("*Book*.", "container-title")])[1:4]
    [('in', 'editor'), ('van', 'editor'), ('Dam,', 'editor')]
    >>> _editors_after_quoted_title([("‘Tide’,", "title"), ("in", "title"), ("Dam,", "title"), ("J.", "editor"),
    ...     ("*Book*.", "container-title")])[1]
    ('in', 'title')
    """
    start = next((i for i, (_, label) in enumerate(tagged) if label == "title"), None)
    if start is None or not tagged[start][0].startswith(_OPEN_QUOTE):
        return tagged
    end = _run_end(tagged, start, "title")
    if end == len(tagged) or tagged[end][1] != "editor" or end - start < 2:
        return tagged
    if not _EDITORS_MARK.match(tagged[_run_end(tagged, end, "editor") - 1][0]):
        return tagged
    for k in range(start, end - 1):
        word = tagged[k][0]
        if _CLOSE_QUOTE.search(word) and not (k == start and len(word) <= 2):
            if not _IN_WORD.match(tagged[k + 1][0]) or end - k > 8:
                return tagged
            return tagged[: k + 1] + [(w, "editor") for w, _ in tagged[k + 1:end]] + tagged[end:]
    return tagged


_CLOSING_BRACKET = re.compile(r"[)\]][.,]?$")
_GENRE = re.compile(r"dissertation|thesis|report|working paper|doctoral|master|unpublished|preprint|manuscript", re.I)


_GENRE_START = re.compile(
    r"^(?:Technical|Tech\.|Research|Internal|PhD|Ph\.D\.?|Master'?s|MSc|M\.Sc\.|Doctoral|Diploma|Habilitation|"
    r"Preprint|Unpublished|Internet-Draft|Working|Discussion|Report|Thesis|Dissertation)[.,]?$"
)


@_applies_when(all_of=("title",))
def _genre_out_of_title(tagged: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """A genre that closes the title ("(Doctoral dissertation).", ". Technical Report 11,") is the genre, not the title.

    >>> _genre_out_of_title([("Peer", "title"), ("support", "title"), ("(Doctoral", "title"), ("dissertation).", "title")])
    [('Peer', 'title'), ('support', 'title'), ('(Doctoral', 'genre'), ('dissertation).', 'genre')]
    >>> _genre_out_of_title([("Robot", "title"), ("vision.", "title"), ("Technical", "title"), ("Report", "title")])
    [('Robot', 'title'), ('vision.', 'title'), ('Technical', 'genre'), ('Report', 'genre')]
    """
    start = next((i for i, (_, label) in enumerate(tagged) if label == "title"), None)
    if start is not None:
        end = _run_end(tagged, start, "title")
        for k in range(start + 2, end):
            word, before = tagged[k][0], tagged[k - 1][0]
            if before.endswith((".", ",", ".”", ",”", ".\"", ",\"", "''")) and _GENRE_START.match(word):
                nxt = tagged[k + 1][0] if k + 1 < end else ""
                if re.match(r"^(?:Technical|Tech|Research|Working|Internal|Discussion)", word) and not re.match(r"^(?:Rep|Report|Paper|No|Memo|TR|\w*\d)", nxt):
                    continue  # "Technical", "Research", "Working" start a genre only with "Report", "Paper"...
                return tagged[:k] + [(w, "genre") for w, _ in tagged[k:end]] + tagged[end:]
    end = next((i for i in range(len(tagged) - 1, -1, -1) if tagged[i][1] == "title"), -1)  # the last title word
    if end < 1 or not _CLOSING_BRACKET.search(tagged[end][0]):
        return tagged
    start = end
    while start > 0 and tagged[start - 1][1] == "title" and not tagged[start][0].startswith(("(", "[")):
        start -= 1
    if start == 0 or not tagged[start][0].startswith(("(", "[")) or tagged[start - 1][1] != "title":
        return tagged
    if not _GENRE.search(" ".join(w for w, _ in tagged[start:end + 1])):
        return tagged
    return tagged[:start] + [(w, "genre") for w, _ in tagged[start:end + 1]] + tagged[end + 1:]


@_applies_when(all_of=("editor", "container-title"))
def _editors_after_container(tagged: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """IEEE's "in Book, M.-C. Smith and A. Nguyen, Eds.": names the CRF left in the book title go to the editors.

    >>> _editors_after_container([("in", "container-title"), ("Book,", "container-title"), ("M.-C.", "container-title"),
    ...     ("Smith", "container-title"), ("and", "container-title"), ("A.", "editor"), ("Lee,", "editor"), ("Eds.", "editor")])[2:5]
    [('M.-C.', 'editor'), ('Smith', 'editor'), ('and', 'editor')]
    """
    for k in range(1, len(tagged)):
        if tagged[k][1] == "editor" and tagged[k - 1][1] == "container-title":
            end = _run_end(tagged, k, "editor")
            if not re.match(r"^\(?[Ee]ds?\.", tagged[end - 1][0]):
                return tagged
            start = k
            while start > 0 and tagged[start - 1][1] == "container-title" and not tagged[start - 1][0].endswith(","):
                start -= 1
            if start == 0 or tagged[start - 1][1] != "container-title" or k - start > 8:
                return tagged
            return tagged[:start] + [(w, "editor") for w, _ in tagged[start:k]] + tagged[k:]
    return tagged


@_applies_when(all_of=("title",))
def _end_title_at_italics(tagged: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """An italic title ends at its closing marker: words the CRF ran on past it are the publisher's.

    >>> _end_title_at_italics([("*A", "title"), ("book*.", "title"), ("Delacorte.", "title")])
    [('*A', 'title'), ('book*.', 'title'), ('Delacorte.', 'publisher')]
    """
    start = next((i for i, (_, label) in enumerate(tagged) if label == "title"), None)
    if start is None or not tagged[start][0].startswith(("*", "_")):
        return tagged
    mark = tagged[start][0][0]
    end = _run_end(tagged, start, "title")
    for k in range(start, end - 1):
        word = tagged[k][0].rstrip(".,:;")
        if word.endswith(mark) and (k > start or len(word) > 2):
            return tagged[: k + 1] + [(w, "publisher") for w, _ in tagged[k + 1:end]] + tagged[end:]
    return tagged


@_applies_when(all_of=("title",))
def _italic_title_to_its_end(tagged: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """An italic title runs to its closing marker: "*Name, a thing: Smaller, faster*" cut by the CRF at a comma
    (the rest read as a note or a publisher, or after the title's colon as the edition) is all the title, up to
    five words on.  So is a list of plain words inside the italics that the CRF read as editors' or translators'
    names ("*A Guide to Oaks, Elms, Ashes and Yews*"): no contributor's name stands inside the title's italics.
    APA's "*Sea outlook: Projections, 2010–2050*. https://...": a word the CRF read as a link that is none (the
    links were labelled before the CRF's guesses are relabelled) is the title's too.

    >>> _italic_title_to_its_end([("*Tidy,", "title"), ("neat:", "title"), ("Small,", "note"), ("fast*", "note"),
    ...     ("(x1).", "note")])[2:]
    [('Small,', 'title'), ('fast*', 'title'), ('(x1).', 'note')]
    >>> _italic_title_to_its_end([("*Tidy:", "title"), ("2019", "edition"), ("edition*.", "edition")])[1:]
    [('2019', 'title'), ('edition*.', 'title')]
    >>> _italic_title_to_its_end([("*Oaks,", "title"), ("Elms", "editor"), ("and", "editor"), ("Yews*.", "editor"),
    ...     ("Leeds:", "location")])[1:]
    [('Elms', 'title'), ('and', 'title'), ('Yews*.', 'title'), ('Leeds:', 'location')]
    >>> _italic_title_to_its_end([("*Sea", "title"), ("outlook,", "title"), ("2010–2050*.", "url"),
    ...     ("https://a.org/", "url")])[2:]
    [('2010–2050*.', 'title'), ('https://a.org/', 'url')]
    """
    start = next((i for i, (_, label) in enumerate(tagged) if label == "title"), None)
    if start is None or not tagged[start][0].startswith(("*", "_")):
        return tagged
    end = _run_end(tagged, start, "title")
    if _italic_closed_at(tagged, start, end) is not None:
        return tagged
    mark = tagged[start][0][0]
    # "*Highlights: 2019 edition*": an edition inside the italics, after the title's colon, is the subtitle.
    loose = ("note", "publisher", "genre", "location", "editor", "translator", "edition") if tagged[end - 1][
        0].endswith(":") else ("note", "publisher", "genre", "location", "editor", "translator")
    for k in range(end, min(end + 5, len(tagged))):
        if (tagged[k][1] not in loose and (tagged[k][1] != "url" or _LINK.match(tagged[k][0]))) \
                or tagged[k][0].startswith(("*", "_")):
            return tagged
        if tagged[k][0].rstrip(".,:;?!").endswith(mark):
            return tagged[:end] + [(w, "title") for w, _ in tagged[end:k + 1]] + tagged[k + 1:]
    return tagged


@_applies_when(all_of=("container-title",))
def _italic_container_to_its_end(tagged: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """An italic container runs to its closing marker: "*Proc. ... (CVPR)*," is all the container.

    >>> _italic_container_to_its_end([("*Proc.", "container-title"), ("Conf.", "container-title"),
    ...     ("(CVPR)*,", "location"), ("Paris,", "location")])[2]
    ('(CVPR)*,', 'container-title')
    >>> _italic_container_to_its_end([("“Ice.”", "title"), ("In", "container-title"), ("*Sea", "container-title"),
    ...     ("2013:", "date"), ("Basis.", "title"), ("Report*,", "title"), ("edited", "editor")])[3:6]
    [('2013:', 'container-title'), ('Basis.', 'container-title'), ('Report*,', 'container-title')]
    >>> _italic_container_to_its_end([("“Ice.”", "title"), ("*Sea", "container-title"), ("2013:", "date"),
    ...     ("Basis.", "title"), ("Report*,", "title"), ("edited", "editor")])[2:5]
    [('2013:', 'container-title'), ('Basis.', 'container-title'), ('Report*,', 'container-title')]
    """
    start = next((i for i, (_, label) in enumerate(tagged) if label == "container-title"), None)
    if start is None:
        return tagged
    end = _run_end(tagged, start, "container-title")
    opened = next((k for k in range(start, end) if tagged[k][0].startswith(("*", "_"))), None)
    if opened is None:
        return tagged
    mark = tagged[opened][0][0]
    if any(tagged[k][0].rstrip(".,:;").endswith(mark) and (k > opened or len(tagged[k][0]) > 2)
           for k in range(opened, end)):
        return tagged
    # After "In", with the title before it, the italic span is the book whole, full stops inside and all:
    # "“Ice.” In *Climate 2013: The Basis. Report of Group I*, edited by ...".  So it is right after a title
    # closed by its quote, MLA's chapter printing no "In": "“Ice.” *Climate 2013: The Basis. Report*, edited by".
    book = ((opened == start + 1 and _IN.match(tagged[start][0] + " ") is not None
             and any(label == "title" for _, label in tagged[:start]))
            or (opened == start > 0 and tagged[start - 1][1] == "title"
                and _CLOSE_QUOTE.search(tagged[start - 1][0]) is not None))
    # A proceedings' name may run long: "in *Proc. 2nd Int. Conf. Learn. Represent. (ICLR)*," (the CRF's edition).
    for k in range(end, len(tagged) if book else min(end + 10, len(tagged))):
        if tagged[k][1] in (("author", "url", "doi") if book else ("title", "author", "url", "doi")):
            return tagged
        if book and tagged[k][0].startswith(("*", "_")):
            return tagged
        if tagged[k][0].rstrip(".,:;").endswith(mark):
            return tagged[:end] + [(w, "container-title") for w, _ in tagged[end:k + 1]] + tagged[k + 1:]
    return tagged



def _container_opening(tagged: list[tuple[str, str]]) -> tuple[int, int] | None:
    """Where the first container run's own words open (past a leading "in") and where the run ends."""
    start = next((i for i, (_, label) in enumerate(tagged) if label == "container-title"), None)
    if start is None:
        return None
    end = _run_end(tagged, start, "container-title")
    return (start + 1 if _IN.match(tagged[start][0] + " ") and start + 1 < end else start), end


def _container_after_title_sentence(tagged: list[tuple[str, str]]) -> tuple[int, int] | None:
    """Where the first container run starts and ends when it opens right after the title's full stop and not
    with "In" (NLM's "Title. Journal. 2001;..." or "Title. Series No. 5. Place: ..."); ``None`` otherwise.

    >>> _container_after_title_sentence([("Sea.", "title"), ("Acta", "container-title"), ("Mar.", "container-title"),
    ...     ("2001", "date")])
    (1, 3)
    >>> _container_after_title_sentence([("Sea.", "title"), ("In:", "container-title"), ("Book.", "container-title")])
    """
    start = next((i for i, (_, label) in enumerate(tagged) if label == "container-title"), None)
    if (start is None or start == 0 or tagged[start - 1][1] != "title" or not tagged[start - 1][0].endswith(".")
            or _IN.match(tagged[start][0] + " ")):
        return None
    return start, _run_end(tagged, start, "container-title")


_VOLUME_KEY = re.compile(r"^(?:[Vv]ol|[Vv]olume)\.?$")
_VOLUME_NUMBER = re.compile(r"^(?:[A-Za-z]?\d+[A-Za-z]?|[IVXLC]+|[A-Z])[.,;]?$")


@_applies_when(all_of=("container-title",))
def _volume_after_italic_container(tagged: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """A book's volume printed after its italic title, Chicago's "In *Handbook of Things*, vol. 3C, edited by"
    or Harvard's "*Handbook of things*. Vol. A. Place:": the italics close the book's title, so a volume key and
    its number (or letter) that end the container run after the closing marker are the volume.

    >>> _volume_after_italic_container([("In", "container-title"), ("*Big", "container-title"),
    ...     ("Book*,", "container-title"), ("vol.", "container-title"), ("3C,", "container-title"),
    ...     ("edited", "editor")])[3:5]
    [('vol.', 'volume'), ('3C,', 'volume')]
    >>> _volume_after_italic_container([("*Big", "container-title"), ("Book*.", "container-title"),
    ...     ("Vol.", "container-title"), ("Two.", "container-title")])[2]
    ('Vol.', 'container-title')
    """
    opening = _container_opening(tagged)
    if opening is None:
        return tagged
    start, end = opening
    if end - start < 3 or not tagged[start][0].startswith(("*", "_")):
        return tagged
    close = _italic_closed_at(tagged, start, end)
    if (close is None or close + 3 != end or not _VOLUME_KEY.match(tagged[close + 1][0])
            or not _VOLUME_NUMBER.match(tagged[close + 2][0])):
        return tagged
    return tagged[:close + 1] + [(w, "volume") for w, _ in tagged[close + 1:end]] + tagged[end:]


@_applies_when(all_of=("container-title", "volume"))
def _italic_volume_title_after_container_volume(tagged: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Chicago's chapter in one volume of a multivolume book, "In *Book of Things*. Vol. 4, *Small Things*,
    edited by": after the book's closed italic title and a volume key with its number, a second italic span the
    CRF read as more of the container is the volume's own title (a note): the container is the book's title.

    >>> [label for _, label in _italic_volume_title_after_container_volume([("In", "container-title"),
    ...     ("*Big", "container-title"), ("Book*.", "container-title"), ("Vol.", "volume"), ("4,", "volume"),
    ...     ("*Small", "container-title"), ("Things*,", "container-title"), ("edited", "editor")])]
    ['container-title', 'container-title', 'container-title', 'volume', 'volume', 'note', 'note', 'editor']
    >>> _italic_volume_title_after_container_volume([("*Big", "container-title"), ("Book*.", "container-title"),
    ...     ("Vol.", "volume"), ("4,", "volume"), ("Small", "container-title"), ("Things,", "container-title")])[4]
    ('Small', 'container-title')
    """
    opening = _container_opening(tagged)
    if opening is None:
        return tagged
    start, end = opening
    if (end + 3 > len(tagged) or not tagged[start][0].startswith(("*", "_"))
            or _italic_closed_at(tagged, start, end) != end - 1 or not _VOLUME_KEY.match(tagged[end][0])
            or tagged[end][1] != "volume" or tagged[end + 1][1] != "volume"
            or not _VOLUME_NUMBER.match(tagged[end + 1][0])):
        return tagged
    second = end + 2
    if tagged[second][1] != "container-title" or not tagged[second][0].startswith(("*", "_")):
        return tagged
    stop = _run_end(tagged, second, "container-title")
    close = _italic_closed_at(tagged, second, stop)
    if close is None or close != stop - 1:
        return tagged
    return tagged[:second] + [(w, "note") for w, _ in tagged[second:stop]] + tagged[stop:]


@_applies_when(all_of=("container-title", "editor"))
def _volume_inside_italic_handbook(tagged: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """APA's chapter in one volume of a handbook, "In A. Lee (Ed.), *Handbook of things: Vol. 4. Small things*
    (pp. 1–9).": inside the italic book right after the editors, a volume key and its number after the colon
    that closes the handbook's own title are the volume, and the words after them up to the closing marker the
    volume's own title (a note: the container is the handbook's title).  Only a chapter's book after its
    editors is read so: an italic book title ("*Attachment: Vol. 1. Loss*" as the title) keeps its words.

    >>> [label for _, label in _volume_inside_italic_handbook([("(Ed.),", "editor"), ("*Big", "container-title"),
    ...     ("book:", "container-title"), ("Vol.", "container-title"), ("4.", "container-title"),
    ...     ("Small", "container-title"), ("things*", "container-title"), ("(pp.", "pages")])]
    ['editor', 'container-title', 'container-title', 'volume', 'volume', 'note', 'note', 'pages']
    """
    opening = _container_opening(tagged)
    if opening is None:
        return tagged
    start, end = opening
    if start == 0 or tagged[start - 1][1] != "editor" or not tagged[start][0].startswith(("*", "_")):
        return tagged
    close = _italic_closed_at(tagged, start, end)
    if close is None or close - start < 2:
        return tagged
    mark = tagged[start][0][0]
    for k in range(start, close - 1):
        if not tagged[k][0].endswith(":") or not _VOLUME_KEY.match(tagged[k + 1][0]):
            continue
        number = tagged[k + 2][0]
        if k + 2 == close:
            number = number.rstrip(".,:;").rstrip(mark)
        elif not number.endswith("."):
            return tagged
        if not _VOLUME_NUMBER.match(number):
            return tagged
        return (tagged[:k + 1] + [(w, "volume") for w, _ in tagged[k + 1:k + 3]]
                + [(w, "note") for w, _ in tagged[k + 3:close + 1]] + tagged[close + 1:])
    return tagged


@_applies_when(all_of=("container-title", "location"))
def _place_start_after_italic_container(tagged: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """IEEE's "in *Proc. Symp. X*, Two Word, ST, USA, 2000,": the italics close the proceedings' name, so roman
    words after the closing marker and its comma that the CRF read as the container's or a publisher's, with
    no punctuation before the place run that follows (it cut one place name between its words), are the
    place's first words; so is one city word closed by its comma before a short place run and the date ("*Proc.
    X*, City, Country, 2017,": :func:`_city_before_place_and_date`).

    >>> _place_start_after_italic_container([("in", "container-title"), ("*Proc.", "container-title"),
    ...     ("Symp.*,", "container-title"), ("Elm", "container-title"), ("Bay,", "location"), ("CA,", "location")])[3]
    ('Elm', 'location')
    >>> _place_start_after_italic_container([("*Proc.*,", "container-title"), ("Elm", "publisher"),
    ...     ("Bay,", "location")])[1]
    ('Elm', 'location')
    >>> _place_start_after_italic_container([("*Proc.*,", "container-title"), ("Acme", "container-title"),
    ...     ("Press,", "container-title"), ("Leeds,", "location")])[1]
    ('Acme', 'container-title')
    """
    found = _container_opening(tagged)
    if found is None:
        return tagged
    opened, end = found
    if not tagged[opened][0].startswith(("*", "_")):
        return tagged
    close = _italic_closed_at(tagged, opened, end)
    if close is None or not tagged[close][0].endswith(","):
        return tagged
    place = close + 1
    while place < len(tagged) and place - close <= 3 and tagged[place][1] in ("container-title", "publisher"):
        place += 1
    if place == close + 1 or place >= len(tagged) or tagged[place][1] != "location":
        return tagged
    words = [w for w, _ in tagged[close + 1:place]]
    # A publisher's name before the place ends at its own comma ("*Proc.*, Acme Press, Leeds,"): not read here.
    if any(not w[:1].isupper() or w[-1:] in ".,;:" or w.startswith(("*", "_")) for w in words) and not (
            _city_before_place_and_date(tagged, close + 1, place)):
        return tagged
    return tagged[:close + 1] + [(w, "location") for w in words] + tagged[place:]


def _city_before_place_and_date(tagged: list[tuple[str, str]], k: int, place: int) -> bool:
    """Whether ``tagged[k]``, the one word before the place run at ``place``, is IEEE's city of "*Proc. X*, City,
    Country, 2017,": a capitalised word of letters closed by a comma (no acronym, as a publisher's "IEEE," is),
    the place run after it two words at most and the date right after that.

    >>> _city_before_place_and_date([("*P.*,", "c"), ("Elmby,", "c"), ("Norway,", "location"), ("2017,", "date")], 1, 2)
    True
    >>> _city_before_place_and_date([("*P.*,", "c"), ("ACME,", "c"), ("Norway,", "location"), ("2017,", "date")], 1, 2)
    False
    """
    word = tagged[k][0][:-1]
    if (place != k + 1 or not tagged[k][0].endswith(",") or not word.isalpha() or not word[:1].isupper()
            or word.isupper()):
        return False
    stop = _run_end(tagged, place, "location")
    return stop - place <= 2 and stop < len(tagged) and tagged[stop][1] == "date" and _YEAR.match(tagged[stop][0]) is not None


def _italic_opening_date_word_is_title(tagged: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """APA's "(2009, July). *Maker's schedule*.": a word without a digit that opens the italics, read as the
    date run's last word, starts the title after it.

    >>> _italic_opening_date_word_is_title([("(2001,", "date"), ("May).", "date"), ("*Tide’s", "date"),
    ...     ("turn*.", "title")])[2]
    ('*Tide’s', 'title')
    >>> _italic_opening_date_word_is_title([("(2001).", "date"), ("*May*.", "date"), ("Acme.", "publisher")])[1]
    ('*May*.', 'date')
    """
    for k in range(1, len(tagged) - 1):
        word, label = tagged[k]
        if (label == "date" and word.startswith(("*", "_")) and tagged[k + 1][1] == "title"
                and tagged[k - 1][1] == "date" and not any(c.isdigit() for c in word)
                and word.strip("*_.,:;").lower() not in _MONTHS):
            return tagged[:k] + [(word, "title")] + tagged[k + 1:]
    return tagged


def _month_day_after_italic_container(tagged: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Chicago's "*Magazine Name*, August 17, 2013.": a month name after the closed italic container, then a
    day and a year, is the date, not the container's last word and a volume.

    >>> _month_day_after_italic_container([("*Daily*,", "container-title"), ("May", "container-title"),
    ...     ("3,", "volume"), ("2001.", "date")])[1:3]
    [('May', 'date'), ('3,', 'date')]
    """
    for k in range(1, len(tagged) - 2):
        word, label = tagged[k]
        if (label == "container-title" and tagged[k - 1][0].endswith(("*,", "_,"))
                and tagged[k - 1][1] == "container-title" and word.rstrip(".,").lower() in _MONTHS
                and re.fullmatch(r"(?:[1-9]|[12]\d|3[01]),", tagged[k + 1][0])
                and tagged[k + 1][1] in ("volume", "issue", "pages", "date", "container-title")
                and tagged[k + 2][1] == "date" and _YEAR.match(tagged[k + 2][0])):
            return tagged[:k] + [(word, "date"), (tagged[k + 1][0], "date")] + tagged[k + 2:]
    return tagged


def _italic_run_after_quoted_title_is_container(tagged: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """MLA's "“Essay.” *Book: Its Subtitle*, Press, 2003, pp. 1–9.": with no container found, an italic run right
    after a title closed by a quote names the whole it appears in, whatever the CRF labelled its words.

    >>> _italic_run_after_quoted_title_is_container([("“An", "title"), ("essay.”", "title"), ("*Some", "location"),
    ...     ("Book:", "location"), ("Words*,", "publisher"), ("Acme,", "publisher"), ("2003.", "date")])[2:6]
    [('*Some', 'container-title'), ('Book:', 'container-title'), ('Words*,', 'container-title'), ('Acme,', 'publisher')]
    """
    if any(label == "container-title" for _, label in tagged):
        return tagged
    for k in range(1, len(tagged)):
        if tagged[k - 1][1] == "title" and tagged[k][1] != "title":
            if not (_CLOSE_QUOTE.search(tagged[k - 1][0]) and tagged[k][0].startswith(("*", "_"))
                    and tagged[k][1] in ("location", "publisher", "note")):
                return tagged
            close = _italic_closed_at(tagged, k, min(len(tagged), k + 25))
            if close is None or any(tagged[j][1] not in ("location", "publisher", "note") for j in range(k, close + 1)):
                return tagged
            return tagged[:k] + [(w, "container-title") for w, _ in tagged[k:close + 1]] + tagged[close + 1:]
    return tagged



_EDS_WORD = re.compile(r"^\((?:ed|eds|Ed|Eds)\.?\)[.,:]?$")


def _editors_inside_container_before_italics(tagged: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Harvard's "in Body of Things (ed.) *Book*.": a container run that opens with "in" and holds an editors'
    mark right before an italic word is the editors (a body's name, say, the CRF did not know) and the book.

    >>> _editors_inside_container_before_italics([("in", "container-title"), ("Acme", "container-title"),
    ...     ("Board", "container-title"), ("(ed.)", "container-title"), ("*Book*.", "container-title")])
    [('in', 'editor'), ('Acme', 'editor'), ('Board', 'editor'), ('(ed.)', 'editor'), ('*Book*.', 'container-title')]
    """
    start = next((i for i, (_, label) in enumerate(tagged) if label == "container-title"), None)
    if start is None or not _IN.match(tagged[start][0] + " "):
        return tagged
    end = _run_end(tagged, start, "container-title")
    mark = next((k for k in range(start + 2, end - 1) if _EDS_WORD.match(tagged[k][0])), None)
    if mark is None or not tagged[mark + 1][0].startswith(("*", "_")):
        return tagged
    return tagged[:start] + [(w, "editor") for w, _ in tagged[start:mark + 1]] + tagged[mark + 1:]

@_applies_when(all_of=("editor",), none_of=("container-title",))
def _italic_book_opening_editors_run(tagged: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """IEEE's chapter, "in *Book Title*, A. B. Roe and C. Vale, Eds.": an editors' run that opens with "in" and
    an italic span closed before the names is the book (the container) and then its editors.

    >>> _italic_book_opening_editors_run([("in", "editor"), ("*Tide", "editor"), ("Book*,", "editor"),
    ...     ("A.", "editor"), ("Roe,", "editor"), ("Ed.", "editor"), ("Leeds:", "location")])[:4]
    [('in', 'container-title'), ('*Tide', 'container-title'), ('Book*,', 'container-title'), ('A.', 'editor')]
    >>> _italic_book_opening_editors_run([("in", "editor"), ("*Tide", "editor"), ("Book*,", "editor"),
    ...     ("Leeds:", "location")])[0]
    ('in', 'editor')
    """
    start = next((i for i, (_, label) in enumerate(tagged) if label == "editor"), None)
    if (start is None or start + 2 >= len(tagged) or not _IN.match(tagged[start][0] + " ")
            or not tagged[start + 1][0].startswith(("*", "_"))):
        return tagged
    end = _run_end(tagged, start, "editor")
    close = _italic_closed_at(tagged, start + 1, end)
    if close is None or close + 1 >= end or not _EDITORS_MARK.match(tagged[end - 1][0]):
        return tagged
    return tagged[:start] + [(w, "container-title") for w, _ in tagged[start:close + 1]] + tagged[close + 1:]


_LIST_NUMBER = re.compile(r"^(?:\d{1,4}\.|\[\d{1,4}\])$")
#: The small words inside a body's name ("Committee on Quality of Health Care in America", "Commission on
#: Attacks upon the Coast", "Committee to Protect Rivers", "Campaign against Noise", "Doctors without Borders",
#: German's "Ministerium für Kultur und Medien", French's "Office des Eaux et Forêts").
_BODY_LINKS = frozenset({"of", "for", "and", "on", "in", "the", "&", "upon", "to", "against", "at", "with",
                         "without", "für", "und", "des", "et"})


@_applies_when(any_of=("editor", "translator"))
def _et_al_joins_contributors(tagged: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """MLA's "*Book*. Edited by Ann Lee et al., Pub, 2001.": an "et al." right after an editors' or translators'
    run cuts that run's list short, whatever label the CRF gave it (an author after the title, say): it is the
    run's, no name of its own.

    >>> _et_al_joins_contributors([("by", "editor"), ("Lee", "editor"), ("et", "author"), ("al.,", "author"),
    ...     ("Pub,", "publisher")])[2:4]
    [('et', 'editor'), ('al.,', 'editor')]
    >>> _et_al_joins_contributors([("by", "editor"), ("Lee.", "editor"), ("Roe", "author"), ("et", "author"),
    ...     ("al.", "author")])[3]
    ('et', 'author')
    """
    for k in range(1, len(tagged) - 1):
        if tagged[k][0] != "et" or tagged[k + 1][0].rstrip(".,;:") != "al":
            continue
        run = tagged[k - 1][1]
        if run in ("editor", "translator") and tagged[k][1] != run and tagged[k + 1][1] == tagged[k][1]:
            return tagged[:k] + [(tagged[k][0], run), (tagged[k + 1][0], run)] + tagged[k + 2:]
    return tagged


#: A series' words and its number, MLA's "Bulletin 18,": capitalised words or capitals, then a bare number.
_SERIES_NAME_WORD = re.compile(r"^[A-ZÀ-Þ][\w'’&-]*$")


@_applies_when(any_of=("editor", "translator"))
def _numbered_series_after_contributors(tagged: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """MLA's "*Book*. Edited by Ann Lee, Field Bulletin 18, Pub, 2001.": after an italic title and the editors' or
    translators' run right after it, closed by its comma, a run of two to six capitalised words ending in a bare
    number and its comma, with the publisher, the place or the date after it, is the book's series and number
    (the genre), whether the CRF read it as more title or as a container: MLA prints a work's number after its
    contributors and before its publisher, and a journal or a book holding the work would be in italics.

    >>> _numbered_series_after_contributors([("*Book*.", "title"), ("Edited", "editor"), ("by", "editor"),
    ...     ("Lee,", "editor"), ("Field", "title"), ("Bulletin", "title"), ("18,", "title"), ("Pub,", "publisher")])[4:7]
    [('Field', 'genre'), ('Bulletin', 'genre'), ('18,', 'genre')]
    >>> _numbered_series_after_contributors([("*Book*.", "title"), ("Edited", "editor"), ("by", "editor"),
    ...     ("Lee,", "editor"), ("Field", "title"), ("Bulletin", "title"), ("Pub,", "publisher")])[4]
    ('Field', 'title')
    """
    start = next((i for i, (_, label) in enumerate(tagged) if label in ("editor", "translator")), None)
    if start is None or start == 0 or tagged[start - 1][1] != "title" or not tagged[start - 1][0].rstrip(
            ".,:;").endswith(("*", "_")):
        return tagged
    # The italics that close right before the names open inside the same title run (a body's sentence before
    # them, read as title too, is no matter).
    opened = start - 1
    while opened > 0 and tagged[opened - 1][1] == "title" and not tagged[opened][0].startswith(("*", "_")):
        opened -= 1
    if not tagged[opened][0].startswith(("*", "_")):
        return tagged
    end = _run_end(tagged, start, tagged[start][1])
    if end >= len(tagged) or not tagged[end - 1][0].endswith(",") or tagged[end][1] not in ("title", "container-title"):
        return tagged
    stop = _run_end(tagged, end, tagged[end][1])
    if (not 2 <= stop - end <= 6 or stop >= len(tagged) or tagged[stop][1] not in ("publisher", "location", "date")
            or not re.fullmatch(r"\d+,", tagged[stop - 1][0])
            or not all(_SERIES_NAME_WORD.match(w) for w, _ in tagged[end:stop - 1])):
        return tagged
    return tagged[:end] + [(w, "genre") for w, _ in tagged[end:stop]] + tagged[stop:]


@_applies_when(all_of=("title",))
def _group_author_before_title(tagged: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """A numbered entry whose first words, read as title, are a sentence naming a body ("10. Diabetes Prevention
    Program Research Group. Reduction in ...") prints its number and a group author before the title.

    With the number read as such and no author found, the first sentence may
    have gone to any labels ("6. GBD/container 2019/date Diseases/title ... Collaborators./title Global ..."):
    a body's name (capitalised words, numbers, "of", "and"...) before a title is still the author.

    >>> _group_author_before_title([("10.", "title"), ("Study", "title"), ("Group.", "title"), ("Trial", "title"),
    ...     ("results.", "title"), ("N", "container-title")])[:3]
    [('10.', 'citation-number'), ('Study', 'author'), ('Group.', 'author')]
    >>> _group_author_before_title([("3.", "citation-number"), ("ABC", "container-title"), ("2001", "date"),
    ...     ("Investigators.", "title"), ("Trial", "title"), ("results.", "title")])[1:4]
    [('ABC', 'author'), ('2001', 'author'), ('Investigators.', 'author')]

    The body's sentence out of the title run, an italic title after it runs to its closing marker:

    >>> _group_author_before_title([("Tide", "title"), ("Council.", "title"), ("*Sea", "title"), ("Report*.", "publisher"),
    ...     ("Acme,", "publisher"), ("2001.", "date")])[2:5]
    [('*Sea', 'title'), ('Report*.', 'title'), ('Acme,', 'publisher')]
    """
    if len(tagged) < 4:
        return tagged
    if not _LIST_NUMBER.match(tagged[0][0]):
        # Unnumbered, the whole first sentence must be the title's, with no author anywhere.
        if tagged[0][1] != "title" or any(label == "author" for _, label in tagged):
            return tagged
        end = next((k for k in range(1, min(len(tagged), 20)) if tagged[k][0].endswith(".")), None)
        if end is None or end + 1 >= len(tagged) or tagged[end + 1][1] != "title":
            return tagged
        if any(label != "title" for _, label in tagged[:end + 1]) or not _is_body_sentence(
                [w for w, _ in tagged[:end + 1]]):
            return tagged
        # The title run now opens after the body: an italic title in it runs to its closing marker (the CRF may
        # have read the span's last word as the publisher's, "... Framework*. Acme, 2011.").
        return _italic_title_to_its_end([(w, "author") for w, _ in tagged[:end + 1]] + tagged[end + 1:])
    if tagged[0][1] != "title" and (tagged[0][1] != "citation-number" or any(label == "author" for _, label in tagged)):
        return tagged
    # A committee's name may run long: "Institute of Medicine (US) Committee on Quality of Health Care in America."
    end = next((k for k in range(1, min(len(tagged), 20)) if tagged[k][0].endswith(".")), None)
    if end is None or end + 1 >= len(tagged) or tagged[end + 1][1] != "title":
        return tagged
    if not _is_body_sentence([w for w, _ in tagged[1:end + 1]]):
        return tagged
    return [(tagged[0][0], "citation-number")] + [(w, "author") for w, _ in tagged[1:end + 1]] + tagged[end + 1:]



@_applies_when(all_of=("container-title", "location", "publisher"), none_of=("author", "title"))
def _body_and_title_read_as_container(tagged: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Vancouver's report by a body, "8. Body Name. Title words, 2019. Place: Publisher; 2019.": with no author
    and no title found, a numbered entry whose body sentence and the sentence after it the CRF read as one
    container, before a place and a publisher, prints the body (the author) and the title; a year closing the
    title after a comma is the title's when the entry's date follows the publisher.

    The title may repeat the body's name ("Body Name list of things"): the full stop after the body, not the
    words, ends the author.

    >>> out = _body_and_title_read_as_container([("2.", "citation-number"), ("Ocean", "container-title"),
    ...     ("Board.", "container-title"), ("Ocean", "container-title"), ("Board", "container-title"),
    ...     ("tables,", "container-title"), ("2001.", "date"), ("Leeds:", "location"), ("Ocean", "publisher"),
    ...     ("Board;", "publisher"), ("2001.", "date")])
    >>> [label for _, label in out][:8]
    ['citation-number', 'author', 'author', 'title', 'title', 'title', 'title', 'location']
    >>> _body_and_title_read_as_container([("2.", "citation-number"), ("Ocean", "container-title"),
    ...     ("tables.", "container-title"), ("Sea", "container-title"), ("Leeds:", "location"),
    ...     ("Acme;", "publisher"), ("2001.", "date")])[1]
    ('Ocean', 'container-title')
    """
    if len(tagged) < 6 or tagged[0][1] != "citation-number" or not _LIST_NUMBER.match(tagged[0][0]):
        return tagged
    if tagged[1][1] != "container-title":
        return tagged
    run = _run_end(tagged, 1, "container-title")
    stop = next((k for k in range(1, run - 1) if tagged[k][0].endswith(".")), None)
    if stop is None or not _is_body_sentence([w for w, _ in tagged[1:stop + 1]]):
        return tagged
    after = run
    if (after + 1 < len(tagged) and tagged[after][1] == "date" and tagged[after - 1][0].endswith(",")
            and _YEAR.fullmatch(tagged[after][0].rstrip(".")) and tagged[after + 1][1] == "location"
            and any(label == "date" for _, label in tagged[after + 1:])):
        after += 1
    if after >= len(tagged) or tagged[after][1] != "location":
        return tagged
    place = _run_end(tagged, after, "location")
    if place >= len(tagged) or tagged[place][1] != "publisher":
        return tagged
    return (tagged[:1] + [(w, "author") for w, _ in tagged[1:stop + 1]]
            + [(w, "title") for w, _ in tagged[stop + 1:after]] + tagged[after:])


def _body_before_quoted_title(tagged: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """IEEE's "[6] National Institute of Standards and Technology, “Title,” NIST, 2018.": with no author found, a
    body's name ending in a comma before the title's opening quote, read as the title's first words, is the author;
    names the CRF read as authors after the closed quote (the body's short name, its place) are then its publisher.
    So is a body's name the CRF cut, its first words read as the author and the rest as the title, when the name is
    one run of words (no person's initials, no comma but its last).

    IEEE's book opens its italics there instead ("Academy of Tides, Waves, and Currents, *Title*. Place:
    Publisher, 2019."): the body's name before the marker is the author too, when it holds no comma or its
    commas list the fields after the body's "of" or "for" (:data:`_BODY_SERIES`), so no place or person's
    inverted name rides along.

    >>> _body_before_quoted_title([("[6]", "citation-number"), ("Acme", "title"), ("Institute,", "title"),
    ...     ("“Safe", "title"), ("tools,”", "title"), ("2001.", "date")])[1:4]
    [('Acme', 'author'), ('Institute,', 'author'), ('“Safe', 'title')]
    >>> _body_before_quoted_title([("Acme", "title"), ("Institute,", "title"), ("“Safe", "title"),
    ...     ("tools,”", "title"), ("ACI,", "author"), ("Reno,", "author"), ("2001.", "date")])[4:6]
    [('ACI,', 'publisher'), ('Reno,', 'publisher')]
    >>> _body_before_quoted_title([("[6]", "citation-number"), ("Safe", "title"), ("tools,", "title"),
    ...     ("“Acme”", "title"), ("2001.", "date")])[1]
    ('Safe', 'title')
    >>> [label for _, label in _body_before_quoted_title([("Academy", "title"), ("of", "title"), ("Tides,", "title"),
    ...     ("Waves,", "title"), ("and", "title"), ("Currents,", "title"), ("*Sea", "title"), ("Law*.", "title"),
    ...     ("Oslo:", "location")])]
    ['author', 'author', 'author', 'author', 'author', 'author', 'title', 'title', 'location']
    >>> _body_before_quoted_title([("Tide", "title"), ("Institute,", "title"), ("Oslo,", "title"), ("*Sea", "title"),
    ...     ("Law*.", "title"), ("2001.", "date")])[0]
    ('Tide', 'title')
    >>> [label for _, label in _body_before_quoted_title([("Tide", "author"), ("Office", "author"),
    ...     ("for", "title"), ("Oslo,", "title"), ("“Safe", "title"), ("tools,”", "title"), ("2001.", "date")])]
    ['author', 'author', 'author', 'author', 'title', 'title', 'date']
    >>> _body_before_quoted_title([("Lee,", "author"), ("A.", "author"), ("Tide", "title"), ("Office,", "title"),
    ...     ("“Safe", "title"), ("tools,”", "title"), ("2001.", "date")])[2]
    ('Tide', 'title')
    """
    start = 1 if tagged and tagged[0][1] == "citation-number" else 0
    if start >= len(tagged) or tagged[start][1] not in ("title", "author"):
        return tagged
    # The CRF may have cut the body's name, its first words read as the author ("Tide/author Office/author
    # for/title the/title North,/title “Title,”").
    first = _run_end(tagged, start, "author") if tagged[start][1] == "author" else start
    if first >= len(tagged) or tagged[first][1] != "title":
        return tagged
    end = _run_end(tagged, first, "title")
    quote = next((k for k in range(first + 1, end) if tagged[k][0].startswith(("“", '"', "*", "_"))), None)
    if quote is None or not tagged[quote - 1][0].endswith(","):
        return tagged
    italic = tagged[quote][0].startswith(("*", "_"))
    if quote + 1 >= end and not italic:
        return tagged
    words = [w for w, _ in tagged[start:quote]]
    if not _is_body_sentence(words[:-1] + [words[-1].rstrip(",")]):
        return tagged
    if first > start and any(w.endswith((",", ".", ";", ":")) or _INITIAL.match(w) and not _ACRONYM.match(w)
                             for w in words[:-1]):
        # Cut so, the name is one run of words: no person's initials, no comma but its last.
        return tagged
    if italic:
        # Before italics, a comma inside the name lists the body's fields, or it is no body's name alone.
        name = " ".join(words)[:-1]
        if "," in name and not _BODY_SERIES.match(name):
            return tagged
    if not any(label == "author" for _, label in tagged[end:]):
        return tagged[:start] + [(w, "author") for w in words] + tagged[quote:]
    if not tagged[end - 1][0].rstrip(",.").endswith(("”", '"')):
        return tagged
    # Names the CRF read as the authors after the quoted title (the body's short name, its place) publish it.
    rest = [(w, "publisher" if label == "author" else label) for w, label in tagged[end:]]
    return tagged[:start] + [(w, "author") for w in words] + tagged[quote:end] + rest


#: An author-date style's year after the author sentence: Chicago's "1998.", APA's "(1998).".
_AUTHOR_YEAR = re.compile(r"^(?:\((?:1[5-9]|20)\d\d[a-z]?\)|(?:1[5-9]|20)\d\d[a-z]?)\.$")
#: The links that join a body's words but no person's names (a person's lower-case words are particles, "van").
_NO_NAME_LINKS = frozenset({"of", "for", "on", "the", "upon"})


@_applies_when(all_of=("author", "title"))
def _body_author_to_its_full_stop(tagged: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """A body's name runs to its full stop: "National Research Council (US)/author Committee on the Future of
    ... America./title Quality ..." holds the committee in the author, and the title starts after the stop.

    Only when the author run names a body (no initials in it), stops without punctuation, and the title's
    first sentence is a body's name too (capitalised words and "of", "on", "in" ...) with more title after it.
    In an author-date style (Chicago's "Body. 1998. *Title*.", APA's "Body. (1998).") the sentence may end right
    before the year, the title after it: all the words before the year are the author's there, so a link no
    person's name holds ("of", "on", "the" ...) marks the run a body as a body's head does.

    >>> _body_author_to_its_full_stop([("Royal", "author"), ("Society", "author"), ("Working", "title"),
    ...     ("Group", "title"), ("on", "title"), ("Water.", "title"), ("Clean", "title"), ("rivers.", "title")])[2:5]
    [('Working', 'author'), ('Group', 'author'), ('on', 'author')]
    >>> [label for _, label in _body_author_to_its_full_stop([("Tide", "author"), ("Watch", "author"),
    ...     ("on", "title"), ("the", "title"), ("Coast.", "title"), ("1998.", "date"), ("*Sea*.", "title")])]
    ['author', 'author', 'author', 'author', 'author', 'date', 'title']
    """
    start = next((i for i, (_, label) in enumerate(tagged) if label == "author"), None)
    if start is None:
        return tagged
    k = _run_end(tagged, start, "author")
    names = [w for w, _ in tagged[start:k]]
    if k >= len(tagged) or tagged[k][1] != "title" or names[-1][-1:] in ".,;:":
        return tagged
    if any(_INITIAL.match(w) and not _ACRONYM.match(w.strip("()")) for w in names):
        return tagged
    end = next((j for j in range(k, min(k + 15, len(tagged))) if tagged[j][0].endswith(".")), None)
    if end is None or end + 1 >= len(tagged) or tagged[end][1] != "title":
        return tagged
    # The sentence ends right before an author-date year, the title after it ("Body. 1998. *Title*.").
    dated = (tagged[end + 1][1] == "date" and end + 2 < len(tagged) and tagged[end + 2][1] == "title"
             and _AUTHOR_YEAR.match(tagged[end + 1][0]) is not None
             and all(label == "title" for _, label in tagged[k:end]))
    if tagged[end + 1][1] != "title" and not dated:
        return tagged
    sentence = [w for w, _ in tagged[k:end + 1]]
    if not all(w.lstrip("(")[:1].isupper() or w in _BODY_LINKS for w in sentence):
        return tagged
    if not _CORPORATE.search(" ".join(names + sentence)) and not (dated and any(
            w in _NO_NAME_LINKS for w in sentence) and not any(_INITIAL.match(w) for w in sentence)):
        return tagged
    return tagged[:k] + [(w, "author") for w in sentence] + tagged[end + 1:]


@_applies_when(all_of=("author", "title", "date"))
def _body_title_before_its_author_end(tagged: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """APA's "National Commission for the Protection of ... and Behavioral Research. (1979).": a body's long name
    the CRF read as a title up to its last words, which it read as the author, is the author whole.

    Only when the entry opens with the title run, the author run right after it ends the sentence and the date
    follows, every word is capitalised or a link word ("of", "for", "and" ...) and the whole names a body.

    >>> _body_title_before_its_author_end([("Joint", "title"), ("Commission", "title"), ("on", "title"),
    ...     ("Tidal", "author"), ("Safety.", "author"), ("(2001).", "date"), ("Report.", "title")])[:2]
    [('Joint', 'author'), ('Commission', 'author')]
    """
    if tagged[0][1] != "title":
        return tagged
    k = _run_end(tagged, 0, "title")
    if k >= len(tagged) or tagged[k][1] != "author":
        return tagged
    a = _run_end(tagged, k, "author")
    if a >= len(tagged) or tagged[a][1] != "date" or not tagged[a - 1][0].endswith("."):
        return tagged
    words = [w for w, _ in tagged[:a]]
    if any(w.endswith((".", ",", ";", ":")) for w in words[:-1]) or "*" in "".join(words):
        return tagged
    if not all(w[:1].isupper() or w in _BODY_LINKS for w in words) or not _CORPORATE.search(" ".join(words)):
        return tagged
    return [(w, "author") for w in words] + tagged[a:]


def _italic_closed_at(tagged: list[tuple[str, str]], opened: int, end: int) -> int | None:
    """The index in ``opened..end-1`` of the word that closes the italics ``tagged[opened]`` opens, if any.

    >>> _italic_closed_at([("*A", "x"), ("b*.", "x"), ("c", "x")], 0, 3)
    1
    >>> _italic_closed_at([("*Ulysses*.", "x")], 0, 1), _italic_closed_at([("*A", "x")], 0, 1)
    (0, None)
    """
    mark = tagged[opened][0][:1]
    return next((k for k in range(opened, end) if tagged[k][0].rstrip(".,:;").endswith(mark)
                 and (k > opened or len(tagged[k][0].rstrip(".,:;")) > 2)), None)


#: Harvard's "Smith, J. *et al.* (2001)": "et al." in italics after an initial's full stop is still the names'.
_ITALIC_ET_AL = re.compile(r"^[*_]et(?:\s|$|[*_])")


def _italic_title_out_of_author(tagged: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """MLA's "Morrison, Toni. *Beloved*. Alfred A. Knopf, 1987.": an italic word after the names' full stop
    opens the title, never a name; the title runs to its closing marker, and the words after it, up to the
    date, are the publisher.

    >>> _italic_title_out_of_author([("Roe,", "author"), ("Ann.", "author"), ("*Dune*.", "author"), ("Ace", "author"),
    ...     ("Books,", "author"), ("1965.", "date")])[2:]
    [('*Dune*.', 'title'), ('Ace', 'publisher'), ('Books,', 'publisher'), ('1965.', 'date')]
    >>> _italic_title_out_of_author([("Roe,", "author"), ("A.", "author"), ("*et", "author"), ("al.*", "author"),
    ...     ("(2001)", "date")])[2]
    ('*et', 'author')
    """
    start = next((i for i, (_, label) in enumerate(tagged) if label == "author"), None)
    if start is None:
        return tagged
    end = _run_end(tagged, start, "author")
    opened = next((k for k in range(start + 1, end) if tagged[k][0].startswith(("*", "_"))
                   and tagged[k - 1][0].endswith(".") and not _ITALIC_ET_AL.match(tagged[k][0])), None)
    if opened is None:
        return tagged
    close = _italic_closed_at(tagged, opened, end)
    if close is None or (close + 1 < end and (end >= len(tagged) or tagged[end][1] != "date")):
        return tagged
    return (tagged[:opened] + [(w, "title") for w, _ in tagged[opened:close + 1]]
            + [(w, "publisher") for w, _ in tagged[close + 1:end]] + tagged[end:])


#: IEEE's role word after contributors' names printed initials first: "Trans." or "Transl." (translators), "Ed."
#: or "Eds." (editors), a comma after it when more follows ("Trans., 2nd ed.").
_IEEE_ROLE = re.compile(r"^(?:(Trans|Transl)|Eds?)\.,?$")
#: One name printed initials first, as IEEE prints every person: "R. Fagles", "M.-C. van Dam", "É. Roe-Lee".
_INITIALS_FIRST = re.compile(r"^(?:[A-ZÀ-Þ][a-z]?\.(?:-[A-ZÀ-Þ]\.)?\s)+(?:[a-z]{1,3}\s)*[A-ZÀ-Þ][\w'’-]+$")
_NAME_LIST_CUT = re.compile(r",\s*(?:and\s+)?|\s+and\s+")


def _contributors_after_italic_title(tagged: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """IEEE's book with its translator or editor after the title, "[5] Roe, *Tide Book*, B. C. Lee, Trans. City:
    Pub, 1990.": names printed initials first between an italic span closed by a comma and "Trans." ("Transl.")
    or "Ed." ("Eds.") are the translators' or editors', with their role word; the CRF may read them, and the
    italic span, as more authors and the lone role word as the title.  The span is the book's title and the
    words before it (no quote, no "in": the span is no container) the authors.  APA brackets such names
    ("(B. C. Lee, Trans.)"), Chicago and MLA print "Translated by" before them, so neither is read here.

    >>> [label for _, label in _contributors_after_italic_title([("[5]", "citation-number"), ("Roe,", "author"),
    ...     ("*Tide", "author"), ("Book*,", "author"), ("B.", "author"), ("Lee,", "author"), ("Trans.", "title"),
    ...     ("Leeds:", "location")])]
    ['citation-number', 'author', 'title', 'title', 'translator', 'translator', 'translator', 'location']
    >>> cut = [("A.", "author"), ("Roe,", "author"), ("“Sea,”", "title"), ("in", "container-title"),
    ...     ("*Tides*,", "container-title"), ("B.", "editor"), ("Lee,", "editor"), ("Ed.", "editor")]
    >>> _contributors_after_italic_title(cut) == cut
    True
    """
    k = 1 if tagged and tagged[0][1] == "citation-number" else 0
    opened = next((i for i in range(k, len(tagged)) if tagged[i][0].startswith(("*", "_"))), None)
    if opened is None or opened == k or not tagged[opened - 1][0].endswith(","):
        return tagged
    # The CRF may read the whole run as editors; an editors' mark before the span ("A. Lee, Ed., *Book*") makes
    # them the book's editors, no authors.
    if any(label not in ("author", "title", "editor") or w.startswith(_OPEN_QUOTE) or _IN.match(w + " ")
           or _EDITORS_MARK.match(w) for w, label in tagged[k:opened]):
        return tagged
    close = _italic_closed_at(tagged, opened, min(len(tagged), opened + 30))
    if close is None or not tagged[close][0].endswith(","):
        return tagged
    role = next((i for i in range(close + 2, min(len(tagged), close + 14)) if _IEEE_ROLE.match(tagged[i][0])), None)
    if role is None or not tagged[role - 1][0].endswith(","):
        return tagged
    names = _NAME_LIST_CUT.split(" ".join(w for w, _ in tagged[close + 1:role]).rstrip(","))
    if not all(_INITIALS_FIRST.match(name) for name in names):
        return tagged
    found = _IEEE_ROLE.match(tagged[role][0])
    label = "translator" if found and found.group(1) else "editor"
    return (tagged[:k] + [(w, "author") for w, _ in tagged[k:opened]]
            + [(w, "title") for w, _ in tagged[opened:close + 1]]
            + [(w, label) for w, _ in tagged[close + 1:role + 1]] + tagged[role + 1:])


def _date_inside_title(tagged: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """"WHO report on the global tobacco epidemic, 2008: the MPOWER package.": a year between two title words,
    with no full stop before or at it and the work's date printed later, is the title's.

    >>> _date_inside_title([("Report,", "title"), ("2008:", "date"), ("the", "title"), ("plan.", "title"),
    ...     ("Geneva;", "publisher"), ("2008.", "date")])[1]
    ('2008:', 'title')
    >>> _date_inside_title([("Report.", "title"), ("2008:", "date"), ("the", "title"), ("plan.", "title")])[1]
    ('2008:', 'date')
    """
    for k in range(1, len(tagged) - 1):
        if (tagged[k][1] == "date" and tagged[k - 1][1] == "title" and tagged[k + 1][1] == "title"
                and not tagged[k - 1][0].endswith(".") and not tagged[k][0].endswith(".")
                and _YEAR.fullmatch(tagged[k][0].rstrip(",:;")) is not None
                and any(label == "date" for _, label in tagged[k + 2:])):
            return tagged[:k] + [(tagged[k][0], "title")] + tagged[k + 1:]
    return tagged


@_applies_when(all_of=("title", "date"))
def _date_inside_italic_title(tagged: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """APA's "(2020). *Sea outlook, May 2020: The calm*.": date words between title words inside one italic span
    are the title's (it names an issue of a series); the entry's date is the one printed outside the italics.

    >>> _date_inside_italic_title([("(2020).", "date"), ("*Sea", "title"), ("outlook,", "title"), ("May", "date"),
    ...     ("2020:", "date"), ("The", "title"), ("calm*.", "title")])[3:5]
    [('May', 'title'), ('2020:', 'title')]
    >>> _date_inside_italic_title([("*Sea", "title"), ("outlook,", "title"), ("May", "date"), ("2020:", "date"),
    ...     ("The", "title"), ("calm*.", "title")])[2]
    ('May', 'date')
    """
    opened = next((i for i, (_, label) in enumerate(tagged) if label == "title"), None)
    if opened is None or not tagged[opened][0].startswith(("*", "_")):
        return tagged
    close = _italic_closed_at(tagged, opened, len(tagged))
    if close is None or all(label != "date" for _, label in tagged[:opened] + tagged[close + 1:]):
        return tagged
    for k in range(opened + 1, close):
        if tagged[k][1] == "date":
            end = _run_end(tagged, k, "date")
            if (end - k > 3 or end > close or tagged[k - 1][1] != "title"
                    or any(tagged[j][1] != "title" for j in range(end, close + 1))):
                return tagged
            return tagged[:k] + [(w, "title") for w, _ in tagged[k:end]] + tagged[end:]
        if tagged[k][1] != "title":
            return tagged
    return tagged


def _editors_run_to_their_mark(tagged: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Vancouver's "Title. In: Higgins JPT, Thomas J, et al., editors. Book.": after "In:", the names up to the
    editors' mark are the editors, whichever of author, editor or title the CRF gave them.

    >>> _editors_run_to_their_mark([("Ch.", "title"), ("In:", "editor"), ("Lee", "editor"), ("J,", "author"),
    ...     ("Kim", "author"), ("S,", "author"), ("editors.", "title"), ("Book.", "title")])[1:7]
    [('In:', 'editor'), ('Lee', 'editor'), ('J,', 'editor'), ('Kim', 'editor'), ('S,', 'editor'), ('editors.', 'editor')]
    """
    for k in range(1, len(tagged) - 2):
        if tagged[k][0] != "In:" or tagged[k - 1][1] != "title" or tagged[k][1] not in ("editor", "author"):
            continue
        for end in range(k + 1, min(k + 60, len(tagged))):
            word, label = tagged[end]
            if _EDITORS_MARK.match(word):
                if tagged[end - 1][0].endswith((",", ".")) and end > k + 1:
                    return tagged[:k] + [(w, "editor") for w, _ in tagged[k:end + 1]] + tagged[end + 1:]
                return tagged
            if label not in ("editor", "author"):
                return tagged
        return tagged
    return tagged


#: The editors' mark closing a name list in the author's place with the names' full stop: Chicago's "eds.".
_OPENING_EDITORS_MARK = re.compile(r"^(?:eds?|editors?)\.$", re.I)
#: A word of a name list: a capitalised name, maybe closed by its comma ("Jiří", "Hošek,", "O'Neil,"), a
#: particle ("van"), the list's "and" or "&".  (Initials are read by _INITIAL.)
_LIST_NAME_WORD = re.compile(r"^(?:[^\W\d_][^\W\d_'’-]*(?:['’-][^\W\d_]+)*,?|and|&)$")


@_applies_when(any_of=("author", "editor"))
def _opening_names_to_their_editors_mark(tagged: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Chicago's "Lee, Ann, Bo Kim, Cy Roe, and Di Vale, eds. 2001. Title.": a name list opening the entry and
    closed by the editors' mark after its comma ("eds.", "ed.") is the editors', printed in the author's place,
    whichever of author, editor or title the CRF gave its words (a long list it cuts into runs).  Every word
    up to the mark must be a name's, an initial or the list's "and": a title's words never end at that mark.
    The date or the italic title follows the mark: a mark before more names ("Ann Lee, Title, ed. Bo Kim")
    leads those names, the editors printed after the title.

    >>> [label for _, label in _opening_names_to_their_editors_mark([("Lee,", "author"), ("Ann,", "author"),
    ...     ("Bo", "title"), ("Kim,", "title"), ("and", "editor"), ("Cy", "editor"), ("Roe,", "editor"),
    ...     ("eds.", "editor"), ("2001.", "date")])]
    ['editor', 'editor', 'editor', 'editor', 'editor', 'editor', 'editor', 'editor', 'date']
    """
    k = 0
    while k < len(tagged) and tagged[k][1] == "citation-number":
        k += 1
    if k >= len(tagged) or tagged[k][1] not in ("author", "editor"):
        return tagged
    for end in range(k + 2, min(k + 40, len(tagged))):
        word, label = tagged[end]
        if label not in ("author", "editor", "title"):
            return tagged
        if _OPENING_EDITORS_MARK.match(word):
            if not tagged[end - 1][0].endswith(",") or all(lab == "editor" for _, lab in tagged[k:end + 1]):
                return tagged
            if end + 1 < len(tagged) and tagged[end + 1][1] != "date" and not tagged[end + 1][0].startswith("*"):
                # "Ann Lee, Title Words, ed. Bo Kim": the mark leads the editors' names after it, closing none.
                return tagged
            if not all(_LIST_NAME_WORD.match(w) or _INITIAL.match(w) for w, _ in tagged[k:end]):
                return tagged
            return tagged[:k] + [(w, "editor") for w, _ in tagged[k:end + 1]] + tagged[end + 1:]
    return tagged


#: MLA's role word closing the name list that opens an entry: "editor." ("editors."), "translator." ("translators.").
_MLA_OPENING_ROLE = re.compile(r"^(editor|translator)s?\.$")


def _mla_opening_contributors_before_italic_title(tagged: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """MLA's work listed under its editors or translator, "Lee, Ann, translator. *Tide*. Pub, 2001." or "Lee,
    Ann, and Bo Kim, editors. *Tide*. 2020, www.tide.org.": a name list that opens the entry ("Surname, Given,"
    first, every word a name's, an initial or the list's "and") and is closed, after its comma, by the role word
    with the names' full stop ("editor.", "editors.", "translator.", "translators.") is the editors' (or the
    translators') with their role word, and an italic span right after it, to its closing marker, is the
    title, whatever the CRF labelled them (it often reads the whole sentence as one run of another label).

    >>> [label for _, label in _mla_opening_contributors_before_italic_title([("Lee,", "director"),
    ...     ("Ann,", "director"), ("translator.", "director"), ("*Tide*.", "director"), ("Pub,", "publisher")])]
    ['translator', 'translator', 'translator', 'title', 'publisher']
    >>> tagged = [("Lee,", "editor"), ("Ann,", "editor"), ("editor.", "editor"), ("Tide.", "title")]
    >>> _mla_opening_contributors_before_italic_title(tagged) is tagged
    True
    """
    k = 0
    while k < len(tagged) and tagged[k][1] == "citation-number":
        k += 1
    # A cheap first test: the list opens with a surname and its comma.
    if k + 3 >= len(tagged) or not tagged[k][0].endswith(",") or not tagged[k][0][:1].isupper():
        return tagged
    role = next((i for i in range(k + 2, min(k + 16, len(tagged) - 1)) if _MLA_OPENING_ROLE.match(tagged[i][0])),
                None)
    if role is None or not tagged[role - 1][0].endswith(",") or not tagged[role + 1][0].startswith(("*", "_")):
        return tagged
    if not all(_LIST_NAME_WORD.match(w) or _INITIAL.match(w) for w, _ in tagged[k:role]):
        return tagged
    close = _italic_closed_at(tagged, role + 1, min(role + 40, len(tagged)))
    if close is None:
        return tagged
    label = "translator" if tagged[role][0].startswith("translator") else "editor"
    return (tagged[:k] + [(w, label) for w, _ in tagged[k:role + 1]]
            + [(w, "title") for w, _ in tagged[role + 1:close + 1]] + tagged[close + 1:])


@_applies_when(all_of=("editor", "container-title"))
def _vancouver_book_sentence_after_editors(tagged: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Vancouver's chapter "Title. In: Lee J, editor. Book, parts & more: a subtitle. Leeds: Pub; 2009.": after
    the editors' run that "In:" opens and "editor." or "editors." closes, the sentence up to its full stop is the
    book (the container) when the place or the publisher follows it, whichever of container, title or date the
    CRF gave its later words.

    >>> _vancouver_book_sentence_after_editors([("Ch.", "title"), ("In:", "editor"), ("Lee", "editor"),
    ...     ("J,", "editor"), ("editor.", "editor"), ("Sea,", "container-title"), ("lakes", "date"), ("&", "title"),
    ...     ("rivers.", "title"), ("Leeds:", "location")])[5:]
    [('Sea,', 'container-title'), ('lakes', 'container-title'), ('&', 'container-title'), ('rivers.', 'container-title'), ('Leeds:', 'location')]
    >>> _vancouver_book_sentence_after_editors([("Ch.", "title"), ("In:", "editor"), ("Lee", "editor"),
    ...     ("J,", "editor"), ("editor.", "editor"), ("Sea.", "container-title"), ("Rivers.", "title"),
    ...     ("Leeds:", "location")])[6]
    ('Rivers.', 'title')
    """
    start = next((i for i, (_, label) in enumerate(tagged) if label == "editor"), None)
    if start is None or tagged[start][0] != "In:":
        return tagged
    mark = _run_end(tagged, start, "editor") - 1
    if (mark < start + 2 or mark + 1 >= len(tagged) or tagged[mark + 1][1] != "container-title"
            or not tagged[mark][0].endswith(".") or not _EDITORS_MARK.match(tagged[mark][0])):
        return tagged
    end = _run_end(tagged, mark + 1, "container-title")
    if tagged[end - 1][0].endswith("."):
        return tagged
    stop = end
    while stop < len(tagged) and stop - end < 20 and tagged[stop][1] in ("container-title", "title", "date"):
        if tagged[stop][0].endswith("."):
            break
        stop += 1
    if (stop >= len(tagged) - 1 or not tagged[stop][0].endswith(".")
            or tagged[stop][1] not in ("container-title", "title", "date")
            or tagged[stop + 1][1] not in ("location", "publisher")):
        return tagged
    return tagged[:end] + [(w, "container-title") for w, _ in tagged[end:stop + 1]] + tagged[stop + 1:]


def _body_sentence_before_italic_title(tagged: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """"National Endowment for the Arts. *Reading at Risk*.": with no author found after it, a first sentence
    naming a body (capitalised words and "of", "for", "the"...) right before an italic title is the author.

    The CRF may have cut the sentence into author and title words ("Joint/author Commission/author on/author
    Flood/title ... Coast./title *The/genre Report*./genre"): the whole sentence is still the author, and an
    italic span it read as no title is the title to its closing marker (MLA's and Chicago's body author before
    an italic book; APA prints a date after the body, Harvard no full stop).  So is an italic title the CRF
    cut before its closing marker, once the body's sentence no longer opens the title run.

    >>> _body_sentence_before_italic_title([("Royal", "title"), ("Society.", "title"), ("*Clean", "title"),
    ...     ("rivers*.", "title"), ("2001.", "date")])[:3]
    [('Royal', 'author'), ('Society.', 'author'), ('*Clean', 'title')]
    >>> _body_sentence_before_italic_title([("Royal", "author"), ("Society", "author"), ("of", "title"),
    ...     ("Art.", "title"), ("*Clean", "genre"), ("rivers*.", "genre"), ("2001.", "date")])[1:6]
    [('Society', 'author'), ('of', 'author'), ('Art.', 'author'), ('*Clean', 'title'), ('rivers*.', 'title')]
    >>> _body_sentence_before_italic_title([("Royal", "title"), ("Society.", "title"), ("*Clean", "title"),
    ...     ("rivers*.", "publisher"), ("Acme,", "publisher"), ("2001.", "date")])[2:5]
    [('*Clean', 'title'), ('rivers*.', 'title'), ('Acme,', 'publisher')]
    """
    if not tagged or tagged[0][1] not in ("title", "author"):
        return tagged
    end = next((k for k in range(min(len(tagged), 15)) if tagged[k][0].endswith(".")), None)
    if end is None or end + 1 >= len(tagged) or not tagged[end + 1][0].startswith(("*", "_")):
        return tagged
    if any(label not in ("title", "author") for _, label in tagged[:end + 1]) or any(
            label == "author" for _, label in tagged[end + 1:]) or all(label == "author" for _, label in tagged[:end + 1]):
        return tagged
    words = [w for w, _ in tagged[:end + 1]]
    if not _is_body_sentence(words):
        return tagged
    if tagged[end + 1][1] == "title":
        # The italic title now opens the title run: it runs to its closing marker (the CRF may have read the
        # span's last word as the publisher's, "... Framework*. Acme, 2011.").
        return _italic_title_to_its_end([(w, "author") for w in words] + tagged[end + 1:])
    # The italic span the CRF read as a genre, a note ...: the title, when it closes and no title word follows.
    close = _italic_closed_at(tagged, end + 1, len(tagged))
    if close is None or any(label == "title" for _, label in tagged[close + 1:]):
        return tagged
    return [(w, "author") for w in words] + [(w, "title") for w, _ in tagged[end + 1:close + 1]] + tagged[close + 1:]


def _is_body_sentence(words: list[str]) -> bool:
    """Whether ``words`` name an organisation: capitalised words (or numbers) and small links, a body's word.

    >>> _is_body_sentence(["Centers", "for", "Disease", "Control."]), _is_body_sentence(["The", "bad", "Group."])
    (True, False)
    """
    return _CORPORATE.search(" ".join(words)) is not None and all(
        w.lstrip("(")[:1].isupper() or w.isdigit() or w in _PARTICLES or w in _BODY_LINKS for w in words)


#: The start of NLM's date-and-volume run printed as one word, "2014;129(25" or "2001;27(1):363-85.".
_NLM_RUN_START = re.compile(r"^(?:1[5-9]|20)\d\d;\d")


@_applies_when(all_of=("title", "date", "author"))
def _title_start_before_second_date(tagged: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Vancouver prints the date after the journal; a "date" or "genre" run between the authors and the
    title, when a date follows later, is the title's first words ("CONSORT 2010 statement: ...").  The later
    date may sit in NLM's run the CRF read as the volume ("2014;129(25 Suppl 2):S1-45.").

    >>> _title_start_before_second_date([("Moher", "author"), ("D.", "author"), ("CONSORT", "genre"),
    ...     ("2010", "date"), ("statement.", "title"), ("BMJ.", "container-title"), ("2010", "date")])[2:4]
    [('CONSORT', 'title'), ('2010', 'title')]
    >>> _title_start_before_second_date([("Roe", "author"), ("AB.", "author"), ("2013", "date"),
    ...     ("guideline.", "title"), ("Circ.", "container-title"), ("2014;12(3):1-5.", "volume")])[2]
    ('2013', 'title')

    A body's name opening the title ("The Tide Society 1990 criteria for ...") the CRF may read as a journal
    before that year: a container run there is the title's too, when the journal follows the title (a
    container run right after it) and the title's own words do not end at a full stop before it.

    >>> _title_start_before_second_date([("Roe", "author"), ("AB.", "author"), ("The", "container-title"),
    ...     ("Society", "container-title"), ("1990", "date"), ("criteria.", "title"), ("Circ.", "container-title"),
    ...     ("1991", "date")])[2:5]
    [('The', 'title'), ('Society', 'title'), ('1990', 'title')]
    >>> _title_start_before_second_date([("Roe", "author"), ("AB.", "author"), ("Tide", "container-title"),
    ...     ("1990", "date"), ("criteria.", "title"), ("Leeds:", "location"), ("1991", "date")])[2]
    ('Tide', 'container-title')
    """
    first = next((i for i, (_, label) in enumerate(tagged) if label == "title"), None)
    if first is None:
        return tagged
    # The run before the title is looked at first: it is absent from most entries, and the test is cheaper
    # than the scan for a later date (both must hold, so their order changes no result).
    k = first
    while k > 0 and tagged[k - 1][1] in ("date", "genre", "container-title"):
        k -= 1
    # A container word before the title only with the journal printed right after the title.
    if any(label == "container-title" for _, label in tagged[k:first]):
        after = _run_end(tagged, first, "title")
        if after >= len(tagged) or tagged[after][1] != "container-title":
            return tagged
    if k == first or k == 0 or tagged[k - 1][1] != "author" or not tagged[k - 1][0].endswith("."):
        return tagged
    if not any(label == "date" or (label != "title" and _NLM_RUN_START.match(word))
               for word, label in tagged[first:]):
        return tagged
    if any(w.startswith("(") or w.endswith((".", ")")) for w, _ in tagged[k:first]):
        return tagged
    return tagged[:k] + [(w, "title") for w, _ in tagged[k:first]] + tagged[first:]


@_applies_when(all_of=("title", "container-title"))
def _subtitle_out_of_container(tagged: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """A title that ends with a colon goes on to the next full stop: the subtitle the CRF gave to the
    container ("... anxiety disorder: The GAD-7. *Archives of ...*") is the title's.

    >>> _subtitle_out_of_container([("Coping:", "title"), ("The", "container-title"), ("ABC-3.", "container-title"),
    ...     ("*Journal", "container-title"), ("of", "container-title"), ("Stress*,", "container-title")])[1:4]
    [('The', 'title'), ('ABC-3.', 'title'), ('*Journal', 'container-title')]
    """
    for k in range(1, len(tagged)):
        if tagged[k][1] == "container-title" and tagged[k - 1][1] == "title":
            if not tagged[k - 1][0].endswith(":") or _IN.match(tagged[k][0] + " "):
                return tagged
            end = k
            while end < len(tagged) and tagged[end][1] == "container-title" and not tagged[end][0].endswith("."):
                end += 1
            if end + 1 >= len(tagged) or tagged[end][1] != "container-title" or tagged[end + 1][1] != "container-title":
                return tagged
            return tagged[:k] + [(w, "title") for w, _ in tagged[k:end + 1]] + tagged[end + 1:]
    return tagged


_ARTICLE_WORD = re.compile(r"^(?:Article|Art\.)$", re.I)
_NUMBER_WORD = re.compile(r"^[*_(]*[A-Za-z]?\d+[A-Za-z]?[*_)]*(?:\(\S+\))?[.,;:]?$")
#: An article number: a number, maybe after up to four letters ("e0185809", "CD001292", "eaaw2586", as
#: fields._ARTICLE_NO reads it), a lettered one maybe with a hyphened year ("e01234-19"), or AGU's letters and
#: numbers in turn ("F03S28": a section letter, then the paper's letter and number).
_ARTICLE_ID = re.compile(r"^[*_(]*(?:[A-Za-z]{0,4}\d+[A-Za-z]?|[A-Za-z]{1,4}\d+-\d+|[A-Za-z]{1,4}\d+[A-Za-z]\d+)[*_)]*[.,;:]?$")


@_applies_when(all_of=("title", "date"))
def _dated_title_end_before_italics(tagged: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """APA's "(2020). Cases among travellers from Leeds, UK, 20–28 January 2020. *Journal*, *25*(5), ...": with
    the entry's date printed in brackets before the title, a date after the title that holds a month and ends
    the sentence right before the italic journal (a place before it too) is the title's end: the work's dates.

    >>> _dated_title_end_before_italics([("(2020).", "date"), ("Cases", "title"), ("Leeds,", "title"),
    ...     ("UK,", "location"), ("1–5", "date"), ("May", "date"), ("2020.", "date"), ("*Sea*,", "note")])[3:7]
    [('UK,', 'title'), ('1–5', 'title'), ('May', 'title'), ('2020.', 'title')]
    >>> _dated_title_end_before_italics([("2020.", "date"), ("Cases", "title"), ("May", "date"),
    ...     ("2020.", "date"), ("*Sea*,", "note")])[2]
    ('May', 'date')
    >>> _dated_title_end_before_italics([("(2020).", "date"), ("Cases,", "title"), ("1–5", "pages"), ("May", "date"),
    ...     ("2020.", "date"), ("*Sea*,", "note")])[2]
    ('1–5', 'title')
    """
    first = next((i for i, (_, label) in enumerate(tagged) if label == "title"), None)
    if first is None or first == 0 or tagged[first - 1][1] != "date" or not tagged[first - 1][0].startswith("("):
        return tagged
    end = _run_end(tagged, first, "title")
    start = end
    place = _run_end(tagged, end, "location")
    if place - end <= 3 and place > end and tagged[place - 1][0].endswith(","):
        end = place
    if end >= len(tagged):
        return tagged
    # The CRF may read the day range opening the date as pages ("3–9 March 2021.").
    day_range = (tagged[end][1] == "pages" and end + 1 < len(tagged) and tagged[end + 1][1] == "date"
                 and re.fullmatch(r"\d{1,2}[-–]\d{1,2}", tagged[end][0]) is not None)
    if tagged[end][1] != "date" and not day_range:
        return tagged
    close = _run_end(tagged, end + 1 if day_range else end, "date")
    words = [w for w, _ in tagged[end:close]]
    if (close >= len(tagged) or not tagged[close][0].startswith(("*", "_")) or not words[-1].endswith(".")
            or _YEAR.fullmatch(words[-1].rstrip(".")) is None
            or not any(w.strip(".,").lower() in _MONTHS for w in words)):
        return tagged
    return tagged[:start] + [(w, "title") for w, _ in tagged[start:close]] + tagged[close:]


@_applies_when(all_of=("note", "title"), none_of=("container-title",))
def _italic_note_is_container(tagged: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """With no container found, a "note" run right after the title that opens in italics ("*Frontiers in
    Public Health*, *4*, Article 112.") starts with the container: its words up to the closing marker.

    >>> _italic_note_is_container([("Title.", "title"), ("*Brain", "note"), ("Reports*,", "note"), ("*3*,", "note")])
    [('Title.', 'title'), ('*Brain', 'container-title'), ('Reports*,', 'container-title'), ('*3*,', 'note')]
    """
    if any(label == "container-title" for _, label in tagged):
        return tagged
    for k in range(1, len(tagged)):
        if tagged[k][1] == "note" and tagged[k - 1][1] == "title":
            if not tagged[k][0].startswith(("*", "_")):
                return tagged
            mark = tagged[k][0][0]
            end = k
            while end < len(tagged) and tagged[end][1] == "note":
                if tagged[end][0].rstrip(".,:;").endswith(mark) and (end > k or len(tagged[end][0]) > 2):
                    return tagged[:k] + [(w, "container-title") for w, _ in tagged[k:end + 1]] + tagged[end + 1:]
                end += 1
            return tagged
    return tagged


@_applies_when(all_of=("container-title",))
def _article_number_out_of_container(tagged: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """APA's "*Frontiers in Psychology*, *4*, Article 863.": the volume and the article number the CRF
    ran into the container (or a note, or a date: "Article 2011.") are the volume (``split_volume`` reads
    "Article 863" as the pages).

    >>> _article_number_out_of_container([("*Brain*,", "container-title"), ("*10*,", "container-title"),
    ...     ("Article", "container-title"), ("1234.", "volume")])[1:]
    [('*10*,', 'volume'), ('Article', 'volume'), ('1234.', 'volume')]
    >>> _article_number_out_of_container([("*Biology*,", "container-title"), ("*9*(10),", "container-title"),
    ...     ("Article", "container-title"), ("e1003285.", "url"), ("https://doi.org/10.1/x", "url")])[1:]
    [('*9*(10),', 'volume'), ('Article', 'volume'), ('e1003285.', 'volume'), ('https://doi.org/10.1/x', 'url')]
    """
    loose = ("container-title", "note")
    after = (*loose, "volume", "pages", "date", "url", "doi")
    for k in range(1, len(tagged) - 1):
        # The id may be read as a link too ("Article e1003285." before the DOI): no link matches _ARTICLE_ID.
        if (tagged[k][1] in loose and _ARTICLE_WORD.match(tagged[k][0]) and _ARTICLE_ID.match(tagged[k + 1][0])
                and tagged[k + 1][1] in after):
            before = tagged[k - 1]
            # APA 7's year as the volume, "*Reviews*, *2017*(3), Article CD001292.": the italic year the CRF read
            # as a date is the volume when the entry has its date elsewhere.
            year_volume = (before[1] == "date" and before[0].startswith(("*", "_"))
                           and any(label == "date" for _, label in tagged[:k - 1]))
            start = k - 1 if (before[1] in loose or year_volume) and _NUMBER_WORD.match(before[0]) else k
            if start == 0 or tagged[start - 1][1] != "container-title":
                return tagged
            return tagged[:start] + [(w, "volume") for w, _ in tagged[start:k + 2]] + tagged[k + 2:]
    return tagged


#: The key of an article number ending a volume run, "Art. no.", "Article no.", "article number", "Art.".
_ARTICLE_KEY_END = re.compile(r"(?:^|\s)(?:art(?:icle)?\.?(?:\s+(?:no\.?|number|nr\.?))?)$", re.I)


@_applies_when(all_of=("volume",))
def _article_number_after_its_key(tagged: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """IEEE's "vol. 12, no. 3, Art. no. 104512, Mar. 2019,": the CRF may read the volume up to the key "Art.
    no." and the number after it as the date (or a note).  The number right after a volume run that ends in an
    article-number key is the volume's too (``split_volume`` reads it as the pages); a bare year there only
    when the entry has a date of its own elsewhere.

    >>> _article_number_after_its_key([("vol.", "volume"), ("12,", "volume"), ("Art.", "volume"),
    ...     ("no.", "volume"), ("104512,", "date"), ("Mar.", "date"), ("2019,", "date")])[4:]
    [('104512,', 'volume'), ('Mar.', 'date'), ('2019,', 'date')]
    >>> _article_number_after_its_key([("vol.", "volume"), ("12,", "volume"), ("no.", "volume"),
    ...     ("104512,", "date")])[3]
    ('104512,', 'date')
    """
    for k in range(1, len(tagged)):
        if tagged[k][1] not in ("date", "note", "container-title") or tagged[k - 1][1] != "volume":
            continue
        if not _ARTICLE_ID.match(tagged[k][0]):
            continue
        tail = " ".join(w for w, _ in tagged[max(0, k - 2):k])
        if not _ARTICLE_KEY_END.search(tail):
            continue
        if _YEAR.fullmatch(tagged[k][0].strip(".,;:")) and not any(
                label == "date" for i, (_, label) in enumerate(tagged) if i != k):
            return tagged
        return tagged[:k] + [(tagged[k][0], "volume")] + tagged[k + 1:]
    return tagged


#: Names ("Moreno AP,") before "editors.", or none: the CRF may have kept every name in the author run.
_NAME_SENTENCE = re.compile(r"^(?:(?:[^\W\d][\w'-]* ){1,3}[A-Z]{1,3}, )*editors?\.$")


@_applies_when(all_of=("title", "author"))
def _editor_names_out_of_title(tagged: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Vancouver's "Hale RT, Moreno AP, editors. Book.": a title that opens with a sentence of names ending
    in "editors." opens with the rest of the author list.

    >>> _editor_names_out_of_title([("Hale", "author"), ("RT,", "author"), ("Moreno", "title"), ("AP,", "title"),
    ...     ("editors.", "title"), ("Book.", "title")])[2:5]
    [('Moreno', 'author'), ('AP,', 'author'), ('editors.', 'author')]
    >>> _editor_names_out_of_title([("Hale", "author"), ("RT,", "author"), ("editors.", "title"), ("Book.", "title")])[2]
    ('editors.', 'author')
    """
    for k in range(1, len(tagged)):
        if tagged[k][1] == "title" and tagged[k - 1][1] == "author":
            end = k
            while end < len(tagged) and tagged[end][1] == "title" and not tagged[end][0].endswith("."):
                end += 1
            if end + 1 >= len(tagged) or tagged[end + 1][1] != "title":
                return tagged
            if not tagged[k - 1][0].endswith(",") or not _NAME_SENTENCE.match(" ".join(w for w, _ in tagged[k:end + 1])):
                return tagged
            return tagged[:k] + [(w, "author") for w, _ in tagged[k:end + 1]] + tagged[end + 1:]
    return tagged


#: Vancouver's contributors after the title: names ("Lee AB, Roe C,") closed by their role word.
_VANCOUVER_CONTRIBUTORS = re.compile(r"^(?:(?:[^\W\d][\w'-]* ){1,3}[A-Z]{1,3}, )+(translator|editor)s?\.$")


@_applies_when(all_of=("title",))
def _vancouver_contributors_out_of_title(tagged: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Vancouver's translated book "Title: subtitle. Lee AB, translator. Place: Publisher; year.": a sentence of
    names closed by "translator." ("translators.", "editor.", "editors.") right after a full stop inside the
    title run, or right after the title's own, names the book's translators (or editors), not more of its title
    nor a container.

    >>> _vancouver_contributors_out_of_title([("Sea", "title"), ("tides.", "title"), ("Lee", "title"),
    ...     ("AB,", "title"), ("translator.", "title"), ("Leeds:", "location")])[2:]
    [('Lee', 'translator'), ('AB,', 'translator'), ('translator.', 'translator'), ('Leeds:', 'location')]
    >>> _vancouver_contributors_out_of_title([("Sea", "title"), ("tides.", "title"), ("The", "title"),
    ...     ("translator.", "title"), ("Leeds:", "location")])[3]
    ('translator.', 'title')
    """
    first = next((i for i, (_, label) in enumerate(tagged) if label == "title"), None)
    if first is None:
        return tagged
    end = _run_end(tagged, first, "title")
    loose = ("title", "translator", "editor", "note", "container-title")
    # The sentence may open inside the title run or right after it (the CRF's container: "Lee AB, translators.").
    for k in range(first + 1, min(end + 1, len(tagged) - 2)):
        if not tagged[k - 1][0].endswith(".") or not tagged[k][0][:1].isupper():
            continue
        stop = k
        while stop < len(tagged) and stop - k < 16 and tagged[stop][1] in loose:
            if tagged[stop][0].endswith("."):
                break
            stop += 1
        if stop >= len(tagged) or stop - k < 2 or tagged[stop][1] not in loose:
            continue
        found = _VANCOUVER_CONTRIBUTORS.match(" ".join(w for w, _ in tagged[k:stop + 1]))
        if found:
            role = found.group(1)
            return tagged[:k] + [(w, role) for w, _ in tagged[k:stop + 1]] + tagged[stop + 1:]
    return tagged


@_applies_when(all_of=("editor", "title"), none_of=("container-title",))
def _book_title_after_editors(tagged: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """A chapter's "..., in Bryman, A. (eds) *Book*.": a second title run right after an editor run that
    opens with "in" is the book, the container.

    >>> _book_title_after_editors([("‘Sleep’,", "title"), ("in", "editor"), ("Cole,", "editor"), ("M.", "editor"),
    ...     ("(ed.)", "editor"), ("*Rest", "title"), ("work*.", "title"), ("Leeds:", "location")])[5:7]
    [('*Rest', 'container-title'), ('work*.', 'container-title')]
    """
    if any(label == "container-title" for _, label in tagged):
        return tagged
    for k in range(1, len(tagged)):
        if tagged[k][1] == "editor" and tagged[k - 1][1] == "title" and _IN.match(tagged[k][0] + " "):
            end = _run_end(tagged, k, "editor")
            stop = _run_end(tagged, end, "title")
            if stop == end:
                return tagged
            return tagged[:end] + [(w, "container-title") for w, _ in tagged[end:stop]] + tagged[stop:]
    return tagged


#: The editors' mark that closes a name list in the author's place: IEEE's "Eds.,", "Ed.,", APA's "(Eds.).".
_EDITORS_MARK = re.compile(r"^\(?(?:eds?|editors?)\.?\)?[.,:]?$", re.I)


@_applies_when(all_of=("editor", "container-title"), none_of=("title", "author"))
def _edited_book_title_after_opening_editors(tagged: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """IEEE's edited book "[5] A. Lee and B. Kim, Eds., *Book*, vol. 1. City: Pub, 1986.": names in the author's
    place closed by the editors' mark are the book's editors, so the italic run after them is its title, not
    a container (as APA's "Lee, A., & Kim, B. (Eds.). (1986). *Book*.").

    >>> _edited_book_title_after_opening_editors([("[5]", "citation-number"), ("A.", "editor"), ("Lee,", "editor"),
    ...     ("Ed.,", "editor"), ("*Sea", "container-title"), ("work*,", "container-title"), ("1986.", "date")])[4:6]
    [('*Sea', 'title'), ('work*,', 'title')]
    """
    if any(label in ("title", "author") for _, label in tagged):
        return tagged
    k = 0
    while k < len(tagged) and tagged[k][1] == "citation-number":
        k += 1
    if k >= len(tagged) or tagged[k][1] != "editor":
        return tagged
    end = _run_end(tagged, k, "editor")
    if end - k < 2 or not _EDITORS_MARK.match(tagged[end - 1][0]) or end >= len(tagged):
        return tagged
    if tagged[end][1] != "container-title" or not tagged[end][0].startswith(("*", "_")):
        return tagged
    stop = _run_end(tagged, end, "container-title")
    return tagged[:end] + [(w, "title") for w, _ in tagged[end:stop]] + tagged[stop:]


#: Vancouver's names in the author's place ("Hale RT, Moreno AP,"), closed by "editors." or "editor.".
_VANCOUVER_EDITORS = re.compile(r"^(?:(?:[^\W\d][\w'-]* ){1,3}[A-Z]{1,3}, )+editors?\.$")


@_applies_when(all_of=("editor", "title"), none_of=("container-title",))
def _vancouver_book_out_of_editors_run(tagged: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Vancouver's chapter "Title. In: Lee AB, editor. Book and more. Leeds: Pub; 2009." read by the CRF with the
    book's sentence inside the editors' run: the run "In:" opens after the title ends at its mark "editor." (or
    "editors."); the sentence after the mark, to the run's last word ended by a full stop before the place or
    the publisher, is the book (the container), not more editors.

    >>> _vancouver_book_out_of_editors_run([("Ch.", "title"), ("In:", "editor"), ("Lee", "editor"),
    ...     ("AB,", "editor"), ("editor.", "editor"), ("Sea", "editor"), ("work.", "editor"), ("Leeds:", "location")])[4:]
    [('editor.', 'editor'), ('Sea', 'container-title'), ('work.', 'container-title'), ('Leeds:', 'location')]
    >>> _vancouver_book_out_of_editors_run([("Ch.", "title"), ("In:", "editor"), ("Lee", "editor"),
    ...     ("AB,", "editor"), ("Roe", "editor"), ("work.", "editor"), ("Leeds:", "location")])[5]
    ('work.', 'editor')
    """
    start = next((k for k in range(1, len(tagged)) if tagged[k][1] == "editor"), None)
    if start is None or tagged[start][0] != "In:" or tagged[start - 1][1] != "title":
        return tagged
    end = _run_end(tagged, start, "editor")
    if end >= len(tagged) or tagged[end][1] not in ("location", "publisher") or not tagged[end - 1][0].endswith("."):
        return tagged
    mark = next((k for k in range(start + 2, end - 1) if tagged[k][0].endswith(".")), None)
    if mark is None or not _VANCOUVER_EDITORS.match(" ".join(w for w, _ in tagged[start + 1:mark + 1])):
        return tagged
    if any(w.endswith(".") for w, _ in tagged[mark + 1:end - 1]) or not tagged[mark + 1][0][:1].isupper():
        return tagged
    return tagged[:mark + 1] + [(w, "container-title") for w, _ in tagged[mark + 1:end]] + tagged[end:]


@_applies_when(all_of=("editor",), none_of=("title", "author"))
def _vancouver_book_title_after_opening_editors(tagged: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Vancouver's edited book "5. Hale RT, Moreno AP, editors. Sea work. 2nd ed. Leeds: Pub; 2001.": names in
    the author's place closed by "editors." are the book's editors, and the sentence after them, which the CRF
    read as more editors or as a container, is the book's title (as IEEE's "Eds., *Book*" and APA's "(Eds.).").

    >>> _vancouver_book_title_after_opening_editors([("5.", "citation-number"), ("Hale", "editor"), ("RT,", "editor"),
    ...     ("editors.", "editor"), ("Sea", "editor"), ("work.", "editor"), ("Leeds:", "location")])[3:6]
    [('editors.', 'editor'), ('Sea', 'title'), ('work.', 'title')]
    """
    if any(label in ("title", "author") for _, label in tagged):
        return tagged
    k = 0
    while k < len(tagged) and tagged[k][1] == "citation-number":
        k += 1
    if k >= len(tagged) or tagged[k][1] != "editor":
        return tagged
    mark = k
    while mark < len(tagged) and tagged[mark][1] == "editor" and not tagged[mark][0].endswith("."):
        mark += 1
    if mark >= len(tagged) - 1 or tagged[mark][1] != "editor":
        return tagged
    if not _VANCOUVER_EDITORS.match(" ".join(w for w, _ in tagged[k:mark + 1])):
        return tagged
    label = tagged[mark + 1][1]
    if label not in ("editor", "container-title"):
        return tagged
    stop = mark + 1
    while stop < len(tagged) and tagged[stop][1] == label:
        stop += 1
        if label == "editor" and tagged[stop - 1][0].endswith("."):
            break
    return tagged[:mark + 1] + [(w, "title") for w, _ in tagged[mark + 1:stop]] + tagged[stop:]


_ACCESS_WORD = re.compile(r"^[(\[]?(?:accessed|retrieved|viewed|cited|consulted)\b:?", re.I)
_ACCESS_ANYWHERE = re.compile(r"accessed|retrieved|viewed|cited|consulted")


def _access_date_is_no_date(tagged: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """"(Accessed: 3 May 2024)", "(accessed Jan. 5, 2025)", "[cited 2020 Mar 3]": the day a web page was read
    belongs to its address, never the work's date (Harvard's "(no date)" and IEEE's undated pages print one).

    The words from the access word to its closing bracket (or, unbracketed, to the year) are relabelled
    ``url``, so neither the date run nor the lone-year fallback reads the year from them.

    >>> _access_date_is_no_date([("(accessed", "note"), ("Jun.", "date"), ("2,", "date"), ("2021).", "date")])
    [('(accessed', 'url'), ('Jun.', 'url'), ('2,', 'url'), ('2021).', 'url')]
    """
    if _ACCESS_ANYWHERE.search(" ".join([w for w, _ in tagged]).lower()) is None:
        return tagged  # most entries: one search instead of a match per word
    for k, (word, _) in enumerate(tagged):
        if not _ACCESS_WORD.match(word):
            continue
        bracketed = word[:1] in "(["
        for end in range(k, min(k + 7, len(tagged))):
            current = tagged[end][0]
            if (bracketed and current.rstrip(".,;:").endswith((")", "]"))) or (
                    not bracketed and _YEAR.search(current)):
                return tagged[:k] + [(w, "url") for w, _ in tagged[k:end + 1]] + tagged[end + 1:]
    return tagged


_DAY_RANGE = re.compile(r"^(\d{1,2})[–-](\d{1,2})[.,;]?$")


@_applies_when(any_of=("pages", "title"))
def _day_range_is_a_date(tagged: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """A meeting's "7–9 May" or "May 7-9," is its dates, no page range: a range of two small numbers next to
    a month name.  Vancouver's "Proceedings ...; 2002 Aug 17-22; San Diego": such a range the CRF read as a
    title word, right after a month it read as the date, is the date's too.

    >>> _day_range_is_a_date([("Leeds,", "location"), ("12–14", "pages"), ("June.", "date")])[1]
    ('12–14', 'date')
    >>> _day_range_is_a_date([("pp.", "pages"), ("12–14.", "pages")])[1]
    ('12–14.', 'pages')
    >>> _day_range_is_a_date([("Meet;", "container-title"), ("2001", "date"), ("May", "date"), ("3-5;", "title")])[3]
    ('3-5;', 'date')
    """
    # Copied at the first change: most entries have no day range, and :func:`relabel` reads an unchanged
    # list (the very object it passed) as "nothing changed" and keeps its label set.
    out = None
    for k, (word, label) in enumerate(tagged):
        if label != "pages":
            if (label == "title" and k > 0 and tagged[k - 1][1] == "date" and word[:1].isdigit()
                    and tagged[k - 1][0].rstrip(".").lower() in _MONTHS):
                days = _DAY_RANGE.match(word)
                if days and 1 <= int(days.group(1)) < int(days.group(2)) <= 31:
                    if out is None:
                        out = list(tagged)
                    out[k] = (word, "date")
            continue
        days = _DAY_RANGE.match(word)
        if not days or not 1 <= int(days.group(1)) < int(days.group(2)) <= 31:
            continue
        # No punctuation between the days and the month: "18-28, February 1996" is pages, then a date.
        after = k + 1 < len(tagged) and word[-1].isdigit() and tagged[k + 1][0].rstrip(".,;:").lower() in _MONTHS
        before = k > 0 and tagged[k - 1][0].rstrip(".").lower() in _MONTHS
        if after or before:
            if out is None:
                out = list(tagged)
            out[k] = (word, "date")
    return tagged if out is None else out


@_applies_when(all_of=("container-title", "date", "publisher"))
def _meeting_date_before_publication_date(tagged: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """NLM's proceedings, "In: Editors, editors. Proceedings ...; 1985 Aug 18-22; Place, ST. City: Publisher; 1986.":
    the date between the semicolons after the proceedings' title is the meeting's, and the place after it (to its
    full stop, when the place of publication follows) the meeting's too; the entry's own date is the one after
    the publisher.  Both are a note (the meeting's), so neither the year nor the place of publication is read
    from them.

    >>> out = _meeting_date_before_publication_date([("Meet;", "container-title"), ("2001", "date"), ("May", "date"),
    ...     ("3-5;", "date"), ("Oslo.", "location"), ("Leeds:", "location"), ("Acme;", "publisher"), ("2002.", "date")])
    >>> [label for _, label in out][1:]
    ['note', 'note', 'note', 'note', 'location', 'publisher', 'date']
    >>> _meeting_date_before_publication_date([("Meet;", "container-title"), ("2001", "date"), ("May", "date"),
    ...     ("3-5;", "date"), ("Oslo.", "location"), ("Leeds:", "location"), ("Acme.", "publisher")])[1]
    ('2001', 'date')

    The CRF may read the meeting's place, or its first words, as more title words (the title printed before
    "In:"): at most four words after the meeting's date and up to the full stop before the place of publication
    ("; Online Event, Oslo. Leeds: Acme; 2002."), whether the stop ends those title words or a place word the
    CRF read after them, are the meeting's place all the same.

    >>> out = _meeting_date_before_publication_date([("Tide.", "title"), ("In:", "container-title"),
    ...     ("Meet;", "container-title"), ("2001", "date"), ("May", "date"), ("3-5;", "date"), ("Online", "title"),
    ...     ("Event,", "title"), ("Oslo.", "title"), ("Leeds:", "location"), ("Acme;", "publisher"), ("2002.", "date")])
    >>> [label for _, label in out][3:]
    ['note', 'note', 'note', 'note', 'note', 'note', 'location', 'publisher', 'date']
    """
    start = next((k for k in range(1, len(tagged)) if tagged[k][1] == "date" and tagged[k - 1][1] == "container-title"
                  and tagged[k - 1][0].endswith(";")), None)
    if start is None:
        return tagged
    end = _run_end(tagged, start, "date")
    if end < len(tagged) and tagged[end][1] == "title" and tagged[end - 1][0].endswith(";") \
            and any(label == "title" for _, label in tagged[:start]):
        # The meeting's place read as title words: up to its full stop, the place of publication right after.
        stop = _run_end(tagged, end, "title")
        if stop - end > 4 or stop >= len(tagged) or tagged[stop][1] != "location" or any(
                w.endswith(".") for w, _ in tagged[end:stop - 1]):
            return tagged
        # The meeting's place ends at a full stop before the place of publication's last word, four words on at most.
        place = _run_end(tagged, stop, "location")
        if not any(w.endswith(".") for w, _ in tagged[stop - 1:min(place - 1, end + 4)]):
            return tagged
        # Read as the place run the rule expects; unless the rest of the pattern holds, the entry is left alone.
        placed = tagged[:end] + [(w, "location") for w, _ in tagged[end:stop]] + tagged[stop:]
        out = _meeting_date_before_publication_date(placed)
        return tagged if out is placed else out
    if end >= len(tagged) or tagged[end][1] != "location" or not tagged[end - 1][0].endswith(";") or not _YEAR.fullmatch(
            tagged[start][0]):
        return tagged
    # The entry's own date: right after the publisher's run, ended by its semicolon ("Publisher; 1986.").
    publisher = next((k for k in range(end, len(tagged)) if tagged[k][1] == "publisher"), None)
    if publisher is None:
        return tagged
    stop = _run_end(tagged, publisher, "publisher")
    if stop >= len(tagged) or tagged[stop][1] != "date" or not tagged[stop - 1][0].endswith(";"):
        return tagged
    place = _run_end(tagged, end, "location")
    # The meeting's place ends at its full stop when the place of publication follows it in the same run.
    meeting = next((k + 1 for k in range(end, place - 1) if tagged[k][0].endswith(".")), end)
    return tagged[:start] + [(w, "note") for w, _ in tagged[start:meeting]] + tagged[meeting:]


_DAY_WITH_COMMA = re.compile(r"(?:[1-9]|[12]\d|3[01]),")


@_applies_when(all_of=("date",), any_of=("volume", "issue", "pages"))
def _day_between_month_and_year(tagged: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """IEEE's "Jul. 5, 2010.": a day number between a month name and a year, both read as the date, is the
    date's, not a volume or pages.

    >>> _day_between_month_and_year([("Jul.", "date"), ("5,", "volume"), ("2010.", "date")])[1]
    ('5,', 'date')
    >>> _day_between_month_and_year([("vol.", "volume"), ("5,", "volume"), ("2010.", "date")])[1]
    ('5,', 'volume')

    The month may end a container run (Chicago's "W3C Recommendation, December 11, 2008."): it is the date's too.

    >>> _day_between_month_and_year([("Note,", "container-title"), ("May", "container-title"), ("5,", "volume"),
    ...     ("2010.", "date")])[1:3]
    [('May', 'date'), ('5,', 'date')]
    """
    out = None  # copied at the first change
    for k in range(1, len(tagged) - 1):
        word, label = tagged[k]
        if (label in ("volume", "issue", "pages") and _DAY_WITH_COMMA.fullmatch(word)
                and tagged[k - 1][1] in ("date", "container-title") and tagged[k - 1][0].rstrip(".,").lower() in _MONTHS
                and tagged[k + 1][1] == "date" and _YEAR.match(tagged[k + 1][0])):
            if out is None:
                out = list(tagged)
            out[k] = (word, "date")
            out[k - 1] = (tagged[k - 1][0], "date")
    return tagged if out is None else out


_NLM_DAY = re.compile(r"(?:[1-9]|[12]\d|3[01])[.;]?")


@_applies_when(all_of=("date",), any_of=("volume", "issue", "pages"))
def _day_after_year_and_month(tagged: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Vancouver's date "2010 Aug 19.": a day number right after a year and a month name, both read as the
    date, is the date's, not a volume or pages.

    >>> _day_after_year_and_month([("Acme;", "publisher"), ("2010", "date"), ("Aug", "date"), ("19.", "volume")])[3]
    ('19.', 'date')
    >>> _day_after_year_and_month([("2010", "date"), ("Aug", "date"), ("19(3):1-9.", "volume")])[2]
    ('19(3):1-9.', 'volume')
    """
    out = None  # copied at the first change
    for k in range(2, len(tagged)):
        word, label = tagged[k]
        if (label in ("volume", "issue", "pages") and _NLM_DAY.fullmatch(word) and tagged[k - 1][1] == "date"
                and tagged[k - 1][0].lower() in _MONTHS and tagged[k - 2][1] == "date"
                and _YEAR.fullmatch(tagged[k - 2][0])):
            if out is None:
                out = list(tagged)
            out[k] = (word, "date")
    return tagged if out is None else out


_ORDINAL_WORD = re.compile(r"^\(?\d+(?:st|nd|rd|th)$|^\(?(?:Rev|Revised|Expanded)\.?$", re.I)
_EDITION_WORD = re.compile(r"^(?:ed|edn|edition)\.?[,;)]*\.?$", re.I)


@_applies_when(any_of=("volume", "pages", "note", "container-title"))
def _edition_out_of_volume(tagged: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """"(2nd ed., pp. 1-9)", "3rd edn.": an ordinal before "ed." is the edition, whatever label the CRF gave it.

    >>> _edition_out_of_volume([("*Book*", "container-title"), ("(4th", "volume"), ("ed.,", "volume"),
    ...     ("pp.", "pages")])[1:3]
    [('(4th', 'edition'), ('ed.,', 'edition')]
    """
    out = None  # copied at the first change, so an entry without an edition comes back as it went in
    for k in range(len(tagged) - 1):
        if (tagged[k][1] in ("volume", "pages", "note", "container-title") and _ORDINAL_WORD.match(tagged[k][0])
                and _EDITION_WORD.match(tagged[k + 1][0])):
            if out is None:
                out = list(tagged)
            out[k] = (tagged[k][0], "edition")
            out[k + 1] = (tagged[k + 1][0], "edition")
    return tagged if out is None else out


@_applies_when(all_of=("container-title", "title"))
def _bracket_description_out_of_container(tagged: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """APA's "*Title* [Computer software]. Publisher.": a bracketed description opening the container run is
    the genre; with no volume, issue or pages in the entry, a roman sentence after it is the publisher.

    >>> _bracket_description_out_of_container([("*Tool*", "title"), ("[Data", "container-title"),
    ...     ("set].", "container-title"), ("Acme", "container-title"), ("Lab.", "container-title")])[1:]
    [('[Data', 'genre'), ('set].', 'genre'), ('Acme', 'publisher'), ('Lab.', 'publisher')]
    """
    start = next((i for i, (_, label) in enumerate(tagged) if label == "container-title"), None)
    if start is None or not tagged[start][0].startswith("[") or start == 0:
        return tagged
    if tagged[start - 1][1] != "title" and not _version_bracket_after_title(tagged, start):
        return tagged
    end = _run_end(tagged, start, "container-title")
    close = next((k for k in range(start, end) if tagged[k][0].rstrip(".,;:").endswith("]")), None)
    if close is None:
        return tagged
    # A description is a phrase in sentence case ("[Data set]", "[Doctoral dissertation, Univ. of X]"); a
    # bracketed title in title case ("[The Encyclopedia of Optics]", SPIE's italics) is the container.
    phrase = " ".join(w for w, _ in tagged[start:close + 1]).strip("[]. ").split(",")[0].split()
    if len(phrase) > 5 or any(w[:1].isupper() for w in phrase[1:]):
        return tagged
    rest = "container-title"
    numbered = any(label in ("volume", "issue", "pages") for _, label in tagged)
    if close + 1 < end and not numbered and not tagged[close + 1][0].startswith(("*", "_")):
        rest = "publisher"
    return (tagged[:start] + [(w, "genre") for w, _ in tagged[start:close + 1]]
            + [(w, rest) for w, _ in tagged[close + 1:end]] + tagged[end:])


_VERSION_WORD = re.compile(r"^(?:ver\.|version)$", re.I)
_VERSION_NUMBER = re.compile(r"^\d+(?:\.\d+)*[a-z]?[,.;]?$")


@_applies_when(all_of=("container-title", "title"), none_of=("volume", "issue", "pages"))
def _version_after_title_is_no_container(tagged: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """IEEE's data set "“Title,” ver. 1.0.0, Distributor, 2005.": a run the CRF read as the container that opens
    right after the title with a version word and its number is the work's version (an edition), and the rest
    of the run the body that distributes it (the publisher), no container.

    >>> _version_after_title_is_no_container([("Atlas,”", "title"), ("ver.", "container-title"),
    ...     ("2.1,", "container-title"), ("Acme", "container-title"), ("Lab,", "container-title"),
    ...     ("2005.", "date")])[1:5]
    [('ver.', 'edition'), ('2.1,', 'edition'), ('Acme', 'publisher'), ('Lab,', 'publisher')]
    >>> _version_after_title_is_no_container([("Atlas,”", "title"), ("Sea", "container-title"),
    ...     ("Review,", "container-title")])[1]
    ('Sea', 'container-title')
    """
    start = next((i for i, (_, label) in enumerate(tagged) if label == "container-title"), 0)
    if (start == 0 or tagged[start - 1][1] != "title" or start + 1 >= len(tagged)
            or not _VERSION_WORD.match(tagged[start][0]) or tagged[start + 1][1] != "container-title"
            or not _VERSION_NUMBER.match(tagged[start + 1][0])):
        return tagged
    end = _run_end(tagged, start, "container-title")
    return (tagged[:start] + [(w, "edition") for w, _ in tagged[start:start + 2]]
            + [(w, "publisher") for w, _ in tagged[start + 2:end]] + tagged[end:])


def _version_bracket_after_title(tagged: list[tuple[str, str]], start: int) -> bool:
    """Whether the words just before ``start`` are APA's version in round brackets, "(Version 3)" or "(Ver. 2.1)",
    right after the title: "*Index* (Version 3) [Data set]." prints the version between the title and the
    description, and the description is no less the genre for it.

    >>> _version_bracket_after_title([("*Map*", "title"), ("(Version", "publisher"), ("3)", "publisher"),
    ...     ("[Data", "container-title")], 3)
    True
    >>> _version_bracket_after_title([("*Map*", "title"), ("(Ocean", "publisher"), ("3)", "publisher"),
    ...     ("[Data", "container-title")], 3)
    False
    """
    opening = start - 2
    return (opening >= 1 and tagged[opening - 1][1] == "title" and tagged[start - 1][0].endswith(")")
            and tagged[opening][0] in ("(Version", "(Ver.") and tagged[start - 1][0][:1].isdigit())


def _publisher_after_bracket_description_to_the_link(tagged: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """APA's "*Title* [Data set]. Agency Unit Data Centre. https://...": once a bracketed description closes
    an italic title and a publisher follows it, the roman words after, up to the link or the end, are that
    publisher's too (an agency's long name), not title or editor words.

    >>> _publisher_after_bracket_description_to_the_link([("*Map*", "title"), ("[Data", "genre"),
    ...     ("set].", "genre"), ("ABC", "publisher"), ("DE", "editor"), ("Sea", "title"), ("Lab.", "title"),
    ...     ("https://x.org", "url")])[3:]
    [('ABC', 'publisher'), ('DE', 'publisher'), ('Sea', 'publisher'), ('Lab.', 'publisher'), ('https://x.org', 'url')]
    """
    start = next((i for i, (_, label) in enumerate(tagged) if label == "genre"), None)
    if start is None or start == 0 or not tagged[start][0].startswith("[") or tagged[start - 1][1] != "title":
        return tagged
    if not tagged[start - 1][0].rstrip(".,;:").endswith(("*", "_")):
        return tagged
    end = _run_end(tagged, start, "genre")
    if end >= len(tagged) or tagged[end][1] != "publisher" or not tagged[end - 1][0].rstrip(".,;:").endswith("]"):
        return tagged
    k = _run_end(tagged, end, "publisher")
    stop = k
    while stop < len(tagged) and tagged[stop][1] in ("title", "editor") and not tagged[stop][0].startswith(("*", "_")):
        stop += 1
    if stop == k or (stop < len(tagged) and tagged[stop][1] != "url"):
        return tagged
    return tagged[:k] + [(w, "publisher") for w, _ in tagged[k:stop]] + tagged[stop:]


def _round_bracket_phrase_before_medium_is_title(tagged: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Vancouver's "Title words (Short Name) [dataset].": a phrase in round brackets between the title's words
    and a square-bracketed medium ("[dataset]", "[Internet]") ends the title; the CRF gives it to the note.

    >>> _round_bracket_phrase_before_medium_is_title([("Sea", "title"), ("grid", "title"), ("(SG", "note"),
    ...     ("v2)", "note"), ("[dataset].", "note")])[2:]
    [('(SG', 'title'), ('v2)', 'title'), ('[dataset].', 'note')]
    """
    for i in range(1, len(tagged)):
        if tagged[i][1] != "note" or tagged[i - 1][1] != "title" or not tagged[i][0].startswith("("):
            continue
        close = next((k for k in range(i, min(i + 6, len(tagged))) if tagged[k][0].endswith(")")), None)
        if close is None or close + 1 >= len(tagged) or any(label != "note" for _, label in tagged[i:close + 1]):
            return tagged
        if not tagged[close + 1][0].startswith("[") or "(" in " ".join(w for w, _ in tagged[i:close + 1])[1:]:
            return tagged
        return tagged[:i] + [(w, "title") for w, _ in tagged[i:close + 1]] + tagged[close + 1:]
    return tagged


_ROLE_WORD = re.compile(r"^(?:translated|edited|compiled|introduced|revised|trans\.|transl\.|ed\.|and|by|with)$", re.I)


@_applies_when(all_of=("container-title",), any_of=("editor", "translator"))
def _role_words_join_their_names(tagged: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Chicago's "Translated and edited by A and B.": role words the CRF gave to the container just before an
    editor or translator run are that run's.

    >>> _role_words_join_their_names([("*Book*.", "title"), ("Translated", "container-title"),
    ...     ("and", "container-title"), ("edited", "editor"), ("by", "editor"), ("Ann", "editor"), ("Lee.", "editor")])[1:3]
    [('Translated', 'editor'), ('and', 'editor')]
    >>> _role_words_join_their_names([("In", "container-title"), ("*Book*,", "container-title"),
    ...     ("translated", "container-title"), ("and", "container-title"), ("edited", "editor"), ("by", "editor")])[2:4]
    [('translated', 'editor'), ('and', 'editor')]
    """
    for k in range(1, len(tagged)):
        if tagged[k][1] in ("editor", "translator") and tagged[k - 1][1] == "container-title":
            start = k
            while start > 0 and tagged[start - 1][1] == "container-title" and _ROLE_WORD.match(tagged[start - 1][0]):
                start -= 1
            if start == k or (start > 0 and tagged[start - 1][1] == "container-title"
                              and not tagged[start - 1][0].endswith((",", ";"))):
                # Role words inside the container run are its own unless a comma ends the book title before
                # them ("In *Essays*, translated and edited by A and B").
                return tagged
            return tagged[:start] + [(w, tagged[k][1]) for w, _ in tagged[start:k]] + tagged[k:]
    return tagged


@_applies_when(any_of=("translator", "editor"))
def _names_after_and_join_their_run(tagged: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """MLA's "Translated by Ann Lee and Jo Roe. *Signs*": a translator or editor run the CRF ended on its "and"
    goes on over the next name, up to the full stop that ends it (two to four capitalised words).  Only in an
    entry with a "by" ("Translated by", "edited by"): the names of "(Eds.)" and "editors" lists end otherwise.

    >>> _names_after_and_join_their_run([("by", "translator"), ("Ann", "translator"), ("Lee", "translator"),
    ...     ("and", "translator"), ("Jo", "container-title"), ("Roe.", "container-title"), ("*Signs*,", "container-title")])[4:]
    [('Jo', 'translator'), ('Roe.', 'translator'), ('*Signs*,', 'container-title')]
    >>> _names_after_and_join_their_run([("by", "editor"), ("Ann", "editor"), ("and", "editor"),
    ...     ("Heart", "container-title"), ("of", "container-title"), ("Darkness.", "container-title")])[3]
    ('Heart', 'container-title')
    """
    if not tagged:
        return tagged
    words, labels = zip(*tagged)  # C-level: most entries have no such run, and leave here
    if ("by" not in words[:-1] or ("and" not in words and "&" not in words)
            or ("translator" not in labels and "editor" not in labels)):
        return tagged
    for k in range(1, len(tagged)):
        label = tagged[k - 1][1]
        if label not in ("translator", "editor") or tagged[k][1] == label or tagged[k - 1][0] not in ("and", "&"):
            continue
        end = k
        while end < len(tagged) and end - k < 4 and tagged[end][1] == tagged[k][1] and re.match(
                r"^[A-ZÀ-Þ][\w'’.-]*$", tagged[end][0]) and not tagged[end][0].startswith(("*", "_")):
            if tagged[end][0].endswith(".") and not _INITIAL.match(tagged[end][0]):
                if end > k:
                    return tagged[:k] + [(w, label) for w, _ in tagged[k:end + 1]] + tagged[end + 1:]
                break
            end += 1
        return tagged
    return tagged


#: A year glued to a document's number ("Std 802.3-2015),", "ISO 9899:2018"): the number's edition, not the
#: date of the entry when the entry prints a date of its own.
_NUMBERED_YEAR = re.compile(r"^[(\[]?(?:\d+\.\d+(?:\.\d+)*|(?!(?:1[5-9]|20)\d\d\b)\d{3,})[-:–](?:1[5-9]\d\d|20\d\d)[)\].,;:]*$")

_NUMBERED_YEAR_IN = re.compile(r"(?:\.\d|\d{3})[-:–](?:1[5-9]\d\d|20\d\d)\b")


def _numbered_year_is_no_date(tagged: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """IEEE's "IEEE Std 802.3-2018 (Revision of IEEE Std 802.3-2015), Aug. 2018.": a date word that is a
    document number with a year glued to it is the number (its label the words' before it), when another date
    word of the entry holds a year of its own; a year range ("1998-2001") is no such number.

    >>> _numbered_year_is_no_date([("Std", "genre"), ("7.1-2015),", "date"), ("Aug.", "date"), ("2018.", "date")])[1]
    ('7.1-2015),', 'genre')
    >>> _numbered_year_is_no_date([("1998-2001,", "date"), ("2018.", "date")])[0]
    ('1998-2001,', 'date')
    >>> _numbered_year_is_no_date([("Std", "genre"), ("7.1-2015.", "date")])[1]
    ('7.1-2015.', 'date')
    """
    if not tagged:
        return tagged
    words, labels = zip(*tagged)  # C-level checks first: the trigger is absent from nearly every entry
    if labels.count("date") < 2 or not _NUMBERED_YEAR_IN.search(" ".join(words)):
        return tagged
    dates = [i for i, label in enumerate(labels) if label == "date"]
    numbered = [i for i in dates if _NUMBERED_YEAR.match(tagged[i][0])]
    if not numbered or not any(_YEAR.search(tagged[i][0]) for i in dates if i not in numbered):
        return tagged
    out = list(tagged)
    for i in numbered:
        before = out[i - 1][1] if i > 0 and out[i - 1][1] != "date" else "note"
        out[i] = (out[i][0], before)
    return out


def _roman_run_after_italic_title(tagged: list[tuple[str, str]]) -> tuple[int, int, list[str]] | None:
    """The first container run, if it follows an italic title (one that opens and closes in italics) and is
    roman with no "In": its start, its end and its words; else None.

    >>> _roman_run_after_italic_title([("*Dune*.", "title"), ("Ace", "container-title"), ("1965.", "date")])
    (1, 2, ['Ace'])
    >>> _roman_run_after_italic_title([("Dune.", "title"), ("Ace", "container-title"), ("1965.", "date")]) is None
    True
    """
    start = next((i for i, (_, label) in enumerate(tagged) if label == "container-title"), None)
    if start is None or start == 0 or tagged[start - 1][1] != "title":
        return None
    first = next(i for i, (_, label) in enumerate(tagged) if label == "title")
    if not tagged[first][0].startswith(("*", "_")) or not tagged[start - 1][0].rstrip(".,:;").endswith(("*", "_")):
        return None
    end = _run_end(tagged, start, "container-title")
    words = [w for w, _ in tagged[start:end]]
    if any(w.startswith(("*", "_")) for w in words) or _IN.match(words[0] + " "):
        return None
    return start, end, words


@_applies_when(all_of=("container-title", "title", "date"))
def _roman_container_after_italic_title(tagged: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """MLA's "*Book*. Project Gutenberg, 1993, address.": after an italic title (a work that stands alone) a
    roman run with no "In", no volume, issue or pages and a date after it is the publisher, not a container.

    >>> _roman_container_after_italic_title([("*Dune*.", "title"), ("Ace", "container-title"),
    ...     ("Books,", "container-title"), ("1965.", "date")])[1:3]
    [('Ace', 'publisher'), ('Books,', 'publisher')]
    >>> _roman_container_after_italic_title([("*Dune*.", "title"), ("*Sci*,", "container-title"),
    ...     ("1965.", "date")])[1]
    ('*Sci*,', 'container-title')
    """
    run = _roman_run_after_italic_title(tagged)
    if run is None:
        return tagged
    start, end, words = run
    if end >= len(tagged) or tagged[end][1] != "date" or any(
            label in ("volume", "issue", "pages", "editor") for _, label in tagged):
        return tagged
    return tagged[:start] + [(w, "publisher") for w in words] + tagged[end:]


_REPORT_NUMBER = re.compile(r"^(?:RFC|Rep\.|Report|TR|Memo|Memorandum)$")


@_applies_when(all_of=("container-title",))
def _report_number_out_of_container(tagged: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """IEEE's report "“Title,” Internet Engineering Task Force, RFC 793, Sep. 1981.": the body before a report
    number is the issuing institution (the publisher), the number the genre; neither is a container.

    >>> _report_number_out_of_container([("“T,”", "title"), ("Acme", "container-title"), ("Labs,", "container-title"),
    ...     ("Tech.", "container-title"), ("Rep.", "container-title"), ("TR-7,", "container-title"), ("2001.", "date")])[1:6]
    [('Acme', 'publisher'), ('Labs,', 'publisher'), ('Tech.', 'genre'), ('Rep.', 'genre'), ('TR-7,', 'genre')]
    >>> _report_number_out_of_container([("“T,”", "title"), ("Acme,", "container-title"), ("Tech.", "container-title"),
    ...     ("Rep.", "container-title"), ("12,", "volume"), ("2001.", "date")])[1:5]
    [('Acme,', 'publisher'), ('Tech.', 'genre'), ('Rep.', 'genre'), ('12,', 'genre')]
    """
    start = next((i for i, (_, label) in enumerate(tagged) if label == "container-title"), None)
    if start is None or _IN.match(tagged[start][0] + " "):
        return tagged
    end = _run_end(tagged, start, "container-title")
    # The number may be the CRF's volume right after the run ("Tech. Rep./container 12,/volume").
    last = end + 1 if end < len(tagged) and tagged[end][1] == "volume" and _NUMBER_WORD.match(tagged[end][0]) else end
    for k in range(start + 1, last - 1):
        if _REPORT_NUMBER.match(tagged[k][0]) and re.search(r"\d", tagged[k + 1][0]):
            body = k - 1 if tagged[k - 1][0] in ("Tech.", "Technical") else k
            if body > start and tagged[body - 1][0].endswith(","):
                return (tagged[:start] + [(w, "publisher") for w, _ in tagged[start:body]]
                        + [(w, "genre") for w, _ in tagged[body:last]] + tagged[last:])
    return tagged


_ITALIC_WORD = re.compile(r"^[*_][^*_\s]+[*_][.,;:]?$")


@_applies_when(all_of=("date", "title"), none_of=("container-title",))
def _italic_date_is_a_container(tagged: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """A date is never in italics: "*October*, vol. 28" right after the title, with no container found, is
    a journal named for a month.

    >>> _italic_date_is_a_container([("“T.”", "title"), ("*Spring*,", "date"), ("vol.", "volume")])[1]
    ('*Spring*,', 'container-title')
    """
    if any(label == "container-title" for _, label in tagged):
        return tagged
    for k in range(1, len(tagged)):
        if tagged[k][1] == "date" and tagged[k - 1][1] == "title" and _ITALIC_WORD.match(tagged[k][0]):
            return tagged[:k] + [(tagged[k][0], "container-title")] + tagged[k + 1:]
    return tagged


_NO_DATE = re.compile(r"^\((?:n\.\s?d\.|no date|undated|s\.\s?d\.)\)[.,]?$", re.I)


@_applies_when(none_of=("author", "title"))
def _no_date_splits_author_and_title(tagged: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """"Creative Commons (no date) *About CC licenses*.": with no author and no title found, a bracketed
    "no date" / "n.d." after the opening words stands where the year does, between the author and the title.

    >>> _no_date_splits_author_and_title([("Acme", "note"), ("Trust", "note"), ("(no", "note"), ("date)", "note"),
    ...     ("*Our", "note"), ("work*.", "note"), ("Available", "note")])
    [('Acme', 'author'), ('Trust', 'author'), ('(no', 'date'), ('date)', 'date'), ('*Our', 'title'), ('work*.', 'title'), ('Available', 'note')]
    """
    if any(label in ("author", "title") for _, label in tagged):
        return tagged
    for k in range(1, min(len(tagged) - 1, 12)):
        pair = tagged[k][0] + " " + tagged[k + 1][0]
        width = 2 if _NO_DATE.match(pair) else 1 if _NO_DATE.match(tagged[k][0]) else 0
        if not width:
            continue
        start = k + width
        end = start
        while end < len(tagged) and not tagged[end][0].endswith((".", "?", "!")) and not _LINK.match(tagged[end][0]):
            end += 1
        if end >= len(tagged) or _LINK.match(tagged[end][0]):
            return tagged
        return ([(w, "author") for w, _ in tagged[:k]] + [(w, "date") for w, _ in tagged[k:start]]
                + [(w, "title") for w, _ in tagged[start:end + 1]] + tagged[end + 1:])
    return tagged



#: How a contributor other than the author is introduced after a title ("Translated by", "with the assistance
#: of", "Foreword by", "With an introduction by", "Illustrated by"): a phrase that is never a title's.
_CONTRIBUTOR = re.compile(
    r"^(?:with\s+(?:the\s+)?(?:assistance|collaboration|help|cooperation)\s+of|(?:with\s+(?:an?\s+)?)?"
    r"(?:new\s+)?(?:foreword|preface|introduction|afterword|epilogue|notes|commentary|illustrations)\s+by|"
    r"(?:translated|edited|illustrated|compiled|introduced|selected|abridged|annotated|revised)"
    r"(?:\s+and\s+(?:translated|edited|introduced|annotated|revised))?\s+(?:with\s+\w+\s+)?by)\s",
    re.I,
)


@_applies_when(all_of=("title",))
def _contributor_phrase_out_of_title(tagged: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """"*Title*. Translated by A with the assistance of B.": a contributor phrase that goes on from a translator's
    or editor's names, or a lower-case "with a foreword by ..." after the title's end, names people; it is no part
    of the title and runs to the next word ending a sentence or a clause.

    >>> _contributor_phrase_out_of_title([("*Book*.", "title"), ("Translated", "translator"), ("by", "translator"),
    ...     ("Ann", "translator"), ("Lee", "translator"), ("with", "title"), ("the", "title"), ("assistance", "title"),
    ...     ("of", "title"), ("Bo", "title"), ("Kim.", "title"), ("Paris:", "location")])[5:11]
    [('with', 'translator'), ('the', 'translator'), ('assistance', 'translator'), ('of', 'translator'), ('Bo', 'translator'), ('Kim.', 'translator')]
    """
    first = next((i for i, (_, label) in enumerate(tagged) if label == "title"), None)
    if first is None:
        return tagged
    for k in range(first + 1, len(tagged)):
        if tagged[k][1] != "title":
            continue
        before, label_before = tagged[k - 1]
        if not (label_before in ("translator", "editor") or (
                tagged[k][0] == "with" and before.endswith((".", ",", "*", "_")))):
            # A capitalised "Introduction by ..." right after the title is left as the CRF read it (AnyStyle's
            # gold keeps it in the title); one that goes on from a translator's or editor's names is theirs.
            continue
        phrase = " ".join(w for w, _ in tagged[k:k + 8]) + " "
        found = _CONTRIBUTOR.match(phrase)
        if not found:
            continue
        role = label_before if label_before in ("translator", "editor") else (
            "editor" if found.group(0).lower().startswith("edited") else "translator")
        end = k
        while end < len(tagged) and tagged[end][1] == "title" and not (
                end > k + found.group(0).count(" ") and tagged[end][0].endswith((".", ",", ";"))):
            end += 1
        end = min(end + 1, len(tagged))
        return tagged[:k] + [(w, role) for w, _ in tagged[k:end]] + tagged[end:]
    return tagged


#: MLA's contributor phrase after a title or container: "Translated by", "Edited by", "Edited and translated by".
_ROLE_BY = re.compile(r"^(translated|edited)(?:\s+and\s+(?:translated|edited))?\s+by$", re.I)
#: Labels the CRF gives the publisher after such a phrase ("Kozulin, MIT P,": author; "Oxford UP,": location).
_PUBLISHER_MISREAD = frozenset({"author", "translator", "editor", "location", "publisher"})


def _publisher_after_contributor_names(tagged: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """MLA's "*Title*. Translated by A B, Publisher, 1986.": the names up to the first comma are the translator's
    (or editor's), the words between them and the date the publisher, however the CRF labelled them (it reads
    MLA 9's short "MIT P" and "Oxford UP" as more names, a place or an author run).

    The phrase must follow a clause's end; the names must hold no full stop but an initial's (Chicago's
    "Translated by A B. Place: Publisher" is left as it was), and the publisher run must be at most six words
    ending in a comma right before a year.

    >>> _publisher_after_contributor_names([("*Book*.", "title"), ("Translated", "translator"), ("by", "translator"),
    ...     ("Ann", "translator"), ("Lee,", "author"), ("MIT", "author"), ("P,", "author"), ("1990.", "date")])[3:]
    [('Ann', 'translator'), ('Lee,', 'translator'), ('MIT', 'publisher'), ('P,', 'publisher'), ('1990.', 'date')]
    """
    for k in range(1, len(tagged) - 3):
        word = tagged[k][0]
        if word.lower() not in ("translated", "edited") or not tagged[k - 1][0].rstrip("”\"’'").endswith(
                (".", ",", "*", "_")):
            continue
        by = next((j for j in range(k + 1, min(k + 4, len(tagged))) if tagged[j][0].lower() == "by"), None)
        if by is None or not _ROLE_BY.match(" ".join(w for w, _ in tagged[k:by + 1])):
            continue
        end = by + 1  # the names run to the first word ending in a comma
        while end < len(tagged) and end - by <= 8 and not tagged[end][0].endswith(","):
            if tagged[end][0].endswith((".", ";", ":")) and not _INITIAL.match(tagged[end][0].rstrip(".")+"."):
                break
            end += 1
        if end >= len(tagged) or end == by + 1 or not tagged[end][0].endswith(","):
            continue
        date = end + 1
        while date < len(tagged) and date - end <= 7 and not _YEAR.fullmatch(tagged[date][0].strip(".,;()[]")):
            date += 1
        publisher = tagged[end + 1:date]
        if date >= len(tagged) or not publisher or len(publisher) > 6 or not publisher[-1][0].endswith(","):
            continue
        if any(w.endswith((",", ".", ";", ":")) or w.lower() in ("by", "translated", "edited")
               or label not in _PUBLISHER_MISREAD for w, label in publisher[:-1]) \
                or publisher[-1][1] not in _PUBLISHER_MISREAD or not publisher[0][0][:1].isupper():
            continue
        role = "translator" if word.lower() == "translated" else "editor"
        out = tagged[:k] + [(w, role) for w, _ in tagged[k:end + 1]] + [(w, "publisher") for w, _ in publisher]
        out += tagged[date:]
        return out if out != tagged else tagged
    return tagged


#: A bracketed medium or genre marker after a title: Vancouver's "[Internet]", "[dissertation]", Harvard's
#: "[online]", IEEE's "[Online]", "[PhD thesis]", "[CD-ROM]", "[monograph on the Internet]".
_MEDIUM = re.compile(
    r"^\[(?:[\w'’ -]*\s)?(?:internet|online|thesis|dissertation|cd-rom|dvd|monograph|database|homepage|blog|"
    r"video|audio|podcast|software|computer program|data ?set|preprint|e-?book|serial)(?:\s[\w'’ -]*)?\][.,:;]?$",
    re.I,
)


@_applies_when(all_of=("title",))
def _medium_marker_out_of_title(tagged: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """"Title [Internet]. Publisher; 2005.": a bracketed medium marker ending the title run is the genre, not the
    title's words (a bracketed translation or subtitle, "[The history of ...]", stays in the title).

    >>> _medium_marker_out_of_title([("Care", "title"), ("plans", "title"), ("[Internet].", "title"), ("Leeds:", "location")])[2]
    ('[Internet].', 'genre')
    >>> _medium_marker_out_of_title([("Arte", "title"), ("[The", "title"), ("art].", "title")])[2]
    ('art].', 'title')

    A body's document number in square brackets closing a short last sentence of the run, Vancouver's "Title:
    subtitle. Body guideline [AB12]. Place: Publisher; 2018.", names the document's series and number: the
    sentence, up to three words before the number, is the genre (the title ends at the full stop before it).

    >>> _medium_marker_out_of_title([("Tide", "title"), ("care.", "title"), ("Sea", "title"), ("guide", "title"),
    ...     ("[SG12].", "title"), ("Leeds:", "location")])[2:]
    [('Sea', 'genre'), ('guide', 'genre'), ('[SG12].', 'genre'), ('Leeds:', 'location')]
    >>> _medium_marker_out_of_title([("Tide", "title"), ("care", "title"), ("[SG12].", "title")])[2]
    ('[SG12].', 'title')
    """
    first = next((i for i, (_, label) in enumerate(tagged) if label == "title"), None)
    if first is None:
        return tagged
    end = _run_end(tagged, first, "title")
    for start in range(end - 1, max(first, end - 5), -1):
        if tagged[start][0].startswith("["):
            phrase = " ".join(w for w, _ in tagged[start:end])
            if _MEDIUM.match(phrase):
                return tagged[:start] + [(w, "genre") for w, _ in tagged[start:end]] + tagged[end:]
            if start == end - 1 and _DOCUMENT_NUMBER.match(phrase):
                # The sentence the number closes: after a full stop, two title words at least before it.
                opened = next((k for k in range(start - 1, max(first + 1, start - 4), -1)
                               if tagged[k - 1][0].endswith(".")), None)
                if opened is not None:
                    return tagged[:opened] + [(w, "genre") for w, _ in tagged[opened:end]] + tagged[end:]
            return tagged
    return tagged


#: A document number in square brackets closing a sentence, "[NG12].", "[TR-2021-4]." (capitals, then digits).
_DOCUMENT_NUMBER = re.compile(r"^\[[A-Z]{1,8}[-\d]*\d[A-Za-z]?\]\.$")


@_applies_when(all_of=("container-title", "date"))
def _publisher_after_italic_container(tagged: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """MLA's "*Proceedings of the X Conference*, Morgan Kaufmann, 2001, pp. 1–9.": roman words after an italic
    container's closing marker, up to the date, are its publisher (a journal goes on to "vol."; no date follows).
    A body's small words may sit in the publisher's name ("Association for Computing Machinery,").

    >>> _publisher_after_italic_container([("*Proc.", "container-title"), ("Conf.*,", "container-title"),
    ...     ("Acme", "container-title"), ("Press,", "container-title"), ("2001,", "date")])[2:4]
    [('Acme', 'publisher'), ('Press,', 'publisher')]
    >>> _publisher_after_italic_container([("*Proc.*,", "container-title"), ("Society", "container-title"),
    ...     ("for", "container-title"), ("Art,", "container-title"), ("2001,", "date")])[1:4]
    [('Society', 'publisher'), ('for', 'publisher'), ('Art,', 'publisher')]
    >>> _publisher_after_italic_container([("*Annals*", "container-title"), ("Series", "container-title"),
    ...     ("B,", "container-title"), ("vol.", "volume")])[1]
    ('Series', 'container-title')
    """
    found = _container_opening(tagged)
    if found is None:
        return tagged
    opened, end = found
    mark = tagged[opened][0][:1]
    if mark not in ("*", "_") or end >= len(tagged) or tagged[end][1] != "date":
        return tagged
    close = next((k for k in range(opened, end) if tagged[k][0].rstrip(".,:;").endswith(mark)
                  and (k > opened or len(tagged[k][0].rstrip(".,:;")) > 2)), None)
    if close is None or close + 1 >= end or not tagged[close][0].endswith(","):
        return tagged
    words = [w for w, _ in tagged[close + 1:end]]
    if not words[-1].endswith(",") or any(not w[:1].isupper() and w not in _BODY_LINKS for w in words):
        return tagged
    return tagged[:close + 1] + [(w, "publisher") for w in words] + tagged[end:]


@_applies_when(all_of=("container-title", "editor", "date"))
def _publisher_after_editors_of_italic_container(tagged: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """MLA's "*Handbook of Things*, edited by A. Lee et al., Society of Makers, 1996, pp. 4–9.": after an italic
    container closed by its marker and a comma, an "edited by" run closed by a comma and a run the CRF gave back to
    the container, right before the date, the run is the publisher: the italics closed the book's title, and MLA
    prints the publisher between the editors and the year.  The run must be capitalised words (a body's small
    words, "of", "for", may sit inside) ending in a comma.

    >>> _publisher_after_editors_of_italic_container([("*Big", "container-title"), ("Book*,", "container-title"),
    ...     ("edited", "editor"), ("by", "editor"), ("A.", "editor"), ("Lee,", "editor"), ("Guild", "container-title"),
    ...     ("of", "container-title"), ("Art,", "container-title"), ("1990,", "date")])[6:]
    [('Guild', 'publisher'), ('of', 'publisher'), ('Art,', 'publisher'), ('1990,', 'date')]
    >>> _publisher_after_editors_of_italic_container([("*Big", "container-title"), ("Book*,", "container-title"),
    ...     ("edited", "editor"), ("by", "editor"), ("A.", "editor"), ("Lee,", "editor"), ("vol.", "container-title"),
    ...     ("2,", "container-title"), ("1990,", "date")])[6]
    ('vol.', 'container-title')
    """
    found = _container_opening(tagged)
    if found is None:
        return tagged
    opened, end = found
    if tagged[opened][0][:1] not in ("*", "_") or end + 2 >= len(tagged) or tagged[end][1] != "editor" \
            or tagged[end][0].lower() != "edited" or tagged[end + 1][0].lower() != "by":
        return tagged
    close = _italic_closed_at(tagged, opened, end)
    if close != end - 1 or not tagged[close][0].endswith(","):
        return tagged
    names_end = _run_end(tagged, end, "editor")
    if not tagged[names_end - 1][0].endswith(",") or names_end >= len(tagged) \
            or tagged[names_end][1] != "container-title":
        return tagged
    date = _run_end(tagged, names_end, "container-title")
    if date >= len(tagged) or tagged[date][1] != "date" or date - names_end > 8:
        return tagged
    words = [w for w, _ in tagged[names_end:date]]
    if not words[-1].endswith(",") or any(w.endswith((".", ";", ":")) or (not w[:1].isupper() and w not in _BODY_LINKS)
                                          for w in words):
        return tagged
    return tagged[:names_end] + [(w, "publisher") for w in words] + tagged[date:]


#: The editors' mark closing APA's bracketed editors after a book's title: "Eds.).", "Ed.).".
_BRACKETED_EDS_END = re.compile(r"^(?:Eds?|eds?)\.\)\.$")


@_applies_when(all_of=("title", "editor", "container-title"), none_of=("volume", "issue", "pages"))
def _publisher_after_bracketed_editors_of_italic_title(tagged: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """APA's edited book or report, "Body. (2016). *Title* (A. Lee & B. Roe, Eds.). Publisher.": after an italic
    title closed by its marker and the bracketed editors' run closed by "Eds.)." or "Ed.).", a roman run the CRF
    read as the container, to the entry's end (a link may follow), is the publisher: APA prints a chapter's book
    after "In" and in italics, before its editors' bracket never after it.  The run must be capitalised words (a
    body's small words, "of", "the", may sit inside) ending in a full stop, with no volume, issue or pages in the
    entry.

    >>> [label for _, label in _publisher_after_bracketed_editors_of_italic_title([("*Tide", "title"),
    ...     ("atlas*", "title"), ("(A.", "editor"), ("Lee,", "editor"), ("Ed.).", "editor"),
    ...     ("Office", "container-title"), ("of", "container-title"), ("Tides.", "container-title")])][5:]
    ['publisher', 'publisher', 'publisher']
    >>> _publisher_after_bracketed_editors_of_italic_title([("*Tide", "title"), ("atlas*", "title"), ("(A.", "editor"),
    ...     ("Lee,", "editor"), ("Ed.).", "editor"), ("*Sea", "container-title"), ("Law*.", "container-title")])[5]
    ('*Sea', 'container-title')
    """
    start = next((i for i, (_, label) in enumerate(tagged) if label == "editor"), None)
    if start is None or start == 0 or tagged[start - 1][1] != "title" or not tagged[start][0].startswith("(") \
            or not tagged[start - 1][0].rstrip(".,").endswith(("*", "_")):
        return tagged
    end = _run_end(tagged, start, "editor")
    if end >= len(tagged) or tagged[end][1] != "container-title" or not _BRACKETED_EDS_END.match(tagged[end - 1][0]):
        return tagged
    stop = _run_end(tagged, end, "container-title")
    if any(label not in ("url", "doi") for _, label in tagged[stop:]):
        return tagged
    words = [w for w, _ in tagged[end:stop]]
    if (_IN_WORD.match(words[0]) or not words[-1].endswith(".") or any(w.endswith((";", ":")) or w.startswith(
            ("*", "_")) or (not w[:1].isupper() and w not in _BODY_LINKS) for w in words)):
        return tagged
    return tagged[:end] + [(w, "publisher") for w in words] + tagged[stop:]


#: Words naming an institution that issues reports ("Univ.", "Nat. Inst. Standards Technol.", "Bell Labs.").
_INSTITUTION = re.compile(
    r"\b(?:Univ|University|Universit[äéà]\w*|Inst|Institute|Lab|Labs|Laboratory|Laboratories|Dept|Department|"
    r"Corp|Corporation|Inc|Ltd|Agency|Bureau|College|Ministry)\b")
#: Words naming a meeting: a talk's venue ("Presented at the ... Congress, Kalamazoo, MI") is its container.
_MEETING = re.compile(r"\b(?:proc|proceedings|conf|conference|congress|meeting|forum|symposium|workshop|session|"
                      r"presented|poster)\b", re.I)


_DOCUMENT_SERIES = re.compile(r"^(?:Publ|Pub|Publication|Rep|Report|Std|Standard|Memo|Note|Ser|Series)\.?$")


@_applies_when(all_of=("pages",), any_of=("publisher", "genre"))
def _document_number_is_no_pages(tagged: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """IEEE's report "..., Place, NIST Spec. Publ. 800-38A, Dec. 2001.": a lone number right after a series'
    name ("Publ.", "Rep.", "Std"), which the CRF read as the publisher or the genre, numbers the document (its
    genre); it is no page range, which a "pp." would lead.

    >>> _document_number_is_no_pages([("Acme", "publisher"), ("Tech.", "publisher"), ("Rep.", "publisher"),
    ...     ("12-3B,", "pages"), ("2001.", "date")])[3]
    ('12-3B,', 'genre')
    >>> _document_number_is_no_pages([("Acme", "publisher"), ("Press,", "publisher"), ("12-19,", "pages")])[2]
    ('12-19,', 'pages')
    """
    for k in range(1, len(tagged)):
        word, label = tagged[k]
        if (label == "pages" and tagged[k - 1][1] in ("publisher", "genre") and word[:1].isdigit()
                and (k + 1 == len(tagged) or tagged[k + 1][1] != "pages")
                and _DOCUMENT_SERIES.match(tagged[k - 1][0].rstrip(","))):
            return tagged[:k] + [(word, "genre")] + tagged[k + 1:]
    return tagged


_ARXIV_ID = re.compile(r"^[*_(\[]*arxiv:\s*(?:\d{4}\.\d{4,5}|[a-z-]+(?:\.[a-z]{2})?/\d{7})(?:v\d+)?[*_)\].,;]*$", re.I)


@_applies_when(all_of=("pages",))
def _arxiv_number_is_no_pages(tagged: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """IEEE's preprint "..., 2014, *arXiv:1409.0473*.": an arXiv identifier the CRF read as the pages names the
    preprint (a note); its dotted number is no page range.

    >>> _arxiv_number_is_no_pages([("2014,", "date"), ("*arXiv:1409.0473*.", "pages")])[1]
    ('*arXiv:1409.0473*.', 'note')
    >>> _arxiv_number_is_no_pages([("2014,", "date"), ("pp.", "pages"), ("12-19.", "pages")])[2]
    ('12-19.', 'pages')
    """
    for k, (word, label) in enumerate(tagged):
        if label == "pages" and _ARXIV_ID.match(word):
            return tagged[:k] + [(word, "note")] + tagged[k + 1:]
    return tagged


#: A span of years, "1800-1914," (a book's period, printed in its title).
_YEAR_SPAN = re.compile(r"^(1[5-9]\d\d|20\d\d)[-–](1[5-9]\d\d|20\d\d)[.,:;]?$")


@_applies_when(all_of=("pages",), any_of=("title", "container-title"))
def _year_span_in_title_is_no_pages(tagged: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Vancouver's "In: Roe A, editor. Book on the trade, 1800-1914. Place: Press; 1997. p. 26-30.": a span
    of years after the comma of a title (or a book's title) ends that title, no page range, when the entry's
    pages follow later in a run of their own.

    >>> _year_span_in_title_is_no_pages([("Trade,", "container-title"), ("1800-1914.", "pages"), ("1997.", "date"),
    ...     ("p.", "pages"), ("26-30.", "pages")])[1]
    ('1800-1914.', 'container-title')
    >>> _year_span_in_title_is_no_pages([("Trade,", "container-title"), ("1800-1914.", "pages"), ("1997.", "date")])[1]
    ('1800-1914.', 'pages')
    """
    k = next((i for i, (_, label) in enumerate(tagged) if label == "pages"), len(tagged))
    if not 0 < k < len(tagged) - 2 or tagged[k + 1][1] == "pages":
        return tagged
    span = _YEAR_SPAN.match(tagged[k][0])
    before, label = tagged[k - 1]
    if (span is None or int(span.group(2)) <= int(span.group(1)) or label not in ("title", "container-title")
            or not before.endswith(",") or all(other != "pages" for _, other in tagged[k + 2:])):
        return tagged
    return tagged[:k] + [(tagged[k][0], label)] + tagged[k + 1:]


_PART_WORD = re.compile(r"^(?:pt|part)\.?$", re.I)
_PART_NUMBER = re.compile(r"^(?:\d+|[ivx]+)[,.;]?$", re.I)


@_applies_when(all_of=("volume",))
def _part_number_is_no_volume(tagged: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """IEEE's "in *Conv. Rec.*, pt. 4, 1960,": a volume run that is only a part word and its number names a part
    of the proceedings (a note), no volume.

    >>> _part_number_is_no_volume([("Rec.*,", "container-title"), ("pt.", "volume"), ("4,", "volume")])[1:]
    [('pt.', 'note'), ('4,', 'note')]
    >>> _part_number_is_no_volume([("vol.", "volume"), ("4,", "volume")])[0]
    ('vol.', 'volume')
    """
    for k, (word, label) in enumerate(tagged):
        if label == "volume":
            if (_PART_WORD.match(word) and k + 1 < len(tagged) and tagged[k + 1][1] == "volume"
                    and _PART_NUMBER.match(tagged[k + 1][0])
                    and (k + 2 == len(tagged) or tagged[k + 2][1] != "volume")):
                return tagged[:k] + [(word, "note"), (tagged[k + 1][0], "note")] + tagged[k + 2:]
            return tagged
    return tagged


_VOLUMES_WORD = re.compile(r"^(?:vols|volumes)\.?$", re.I)


@_applies_when(all_of=("volume", "date"))
def _volume_count_after_date_is_no_volume(tagged: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """MLA's "*Title*. Publisher, 1974. 2 vols.": a number of volumes printed last, after the sentence the date
    closes, counts the work's volumes (an optional element MLA puts at the end), so it is a note, no volume.
    Printed before the publication facts ("Title. 2 vols. London: ...") it stays the volume.

    >>> _volume_count_after_date_is_no_volume([("Press,", "publisher"), ("1974.", "date"), ("3", "volume"),
    ...     ("vols.", "volume")])[2:]
    [('3', 'note'), ('vols.', 'note')]
    >>> _volume_count_after_date_is_no_volume([("Title.", "title"), ("3", "volume"), ("vols.", "volume"),
    ...     ("London:", "location"), ("1974.", "date")])[1]
    ('3', 'volume')
    """
    n = len(tagged)
    if (n < 3 or tagged[-1][1] != "volume" or tagged[-2][1] != "volume" or not _VOLUMES_WORD.match(tagged[-1][0])
            or not tagged[-2][0].isdigit() or tagged[-3][1] != "date" or not tagged[-3][0].endswith(".")):
        return tagged
    return tagged[:-2] + [(tagged[-2][0], "note"), (tagged[-1][0], "note")]


_TITLE_END_YEAR = re.compile(r"^(?:1[5-9]|20)\d\d\.$")
_NLM_YEAR = re.compile(r"^(?:1[5-9]|20)\d\d(?:[;.]|$)")
_NLM_VOLUME = re.compile(r";\s*\d")


@_applies_when(all_of=("date", "title"))
def _title_end_year_before_nlm_date(tagged: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Vancouver's "Causes of death in the United States, 2000. JAMA. 2004 Mar 10;291(10):1238-45.": a year
    ending the title sentence that the CRF read as the date belongs to the title when the sentence after it is
    followed by the NLM date ("2004 Mar 10;291(10):..."): that sentence is the journal.

    >>> out = _title_end_year_before_nlm_date([("Deaths,", "title"), ("1990.", "date"), ("Lancet.", "author"),
    ...                                        ("1995", "date"), ("Jan;12(3):4-9.", "volume")])
    >>> [label for _, label in out]
    ['title', 'title', 'container-title', 'date', 'volume']
    >>> _title_end_year_before_nlm_date([("Deaths.", "title"), ("1990.", "date"), ("Lancet.", "container-title")])[1]
    ('1990.', 'date')
    """
    for k in range(1, len(tagged) - 2):
        word, label = tagged[k]
        if label != "date" or tagged[k - 1][1] != "title" or not _TITLE_END_YEAR.match(word):
            continue
        m = k + 1
        while m < len(tagged) and tagged[m][1] != "date" and not tagged[m][0].endswith("."):
            m += 1
        m += 1
        if m >= len(tagged) or tagged[m][1] != "date" or not _NLM_YEAR.match(tagged[m][0]):
            return tagged
        if not any(_NLM_VOLUME.search(w) for w, _ in tagged[m:m + 4]):
            return tagged
        if any(lab == "date" for _, lab in tagged[k + 1:m]):
            return tagged
        return (tagged[:k] + [(word, "title")] + [(w, "container-title") for w, _ in tagged[k + 1:m]]
                + tagged[m:])
    return tagged


@_applies_when(all_of=("title", "container-title", "date"))
def _title_sentences_out_of_nlm_journal(tagged: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Vancouver's "Title. Report number 10. Journal. 1991 May;98(5):1-9.": NLM prints the journal's abbreviated
    name without full stops, as one sentence right before the date; a container run between the title's full
    stop and that date which holds more sentences than one holds the title's last ones (a report's number, a
    part), all but its last sentence, when they read as the title's (sentence case, two words or more each).

    >>> _title_sentences_out_of_nlm_journal([("Sea", "title"), ("tides.", "title"), ("Tide", "container-title"),
    ...     ("report", "container-title"), ("no", "container-title"), ("4.", "container-title"),
    ...     ("Mar", "container-title"), ("Biol.", "container-title"), ("2001", "date"), ("Jan;12(3):4-9.", "note")])[2:8]
    [('Tide', 'title'), ('report', 'title'), ('no', 'title'), ('4.', 'title'), ('Mar', 'container-title'), ('Biol.', 'container-title')]
    >>> _title_sentences_out_of_nlm_journal([("Sea", "title"), ("tides.", "title"), ("Acta", "container-title"),
    ...     ("Mar.", "container-title"), ("Suppl.", "container-title"), ("2001", "date"), ("Jan;12(3):4-9.", "note")])[2]
    ('Acta', 'container-title')
    """
    run = _container_after_title_sentence(tagged)
    if run is None:
        return tagged
    start, end = run
    if end >= len(tagged) or tagged[end][1] != "date" or not _NLM_YEAR.match(tagged[end][0]):
        return tagged
    if not any(_NLM_VOLUME.search(w) for w, _ in tagged[end:end + 3]):
        return tagged
    stops = [k for k in range(start, end) if tagged[k][0].endswith(".")]
    if len(stops) < 2 or stops[-1] != end - 1:
        return tagged
    # Each sentence moved has two words or more (no dotted abbreviation: "J. Mar. Biol." is one journal's name)
    # and a lower-case word other than a link (Vancouver's titles are in sentence case, journals capitalised:
    # "Acta Paediatr. Suppl." stays whole).
    cut = stops[-2]
    bounds = [start - 1] + stops[:-1]
    if any(b - a < 2 for a, b in zip(bounds, bounds[1:])) or not any(
            w[:1].islower() and w not in _BODY_LINKS and w not in _PARTICLES for w, _ in tagged[start:cut + 1]):
        return tagged
    return tagged[:start] + [(w, "title") for w, _ in tagged[start:cut + 1]] + tagged[cut + 1:]


#: Words naming a periodical: a journal's name may hold a body's head ("Journal of the Tide Society").
_PERIODICAL = re.compile(r"\b(?:Journal|J\.|Review|Rev\.|Transactions|Trans\.|Bulletin|Bull\.|Magazine|Newsletter|"
                         r"Letters|Annals|Quarterly|Gazette|Digest|Record)")


@_applies_when(all_of=("container-title", "title", "location"))
def _institution_before_place_is_no_container(tagged: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """IEEE's report "“Title,” Univ. Toronto, Toronto, ON, Canada, Tech. Rep., 2009.": a roman run right after a
    quoted title, without "In", naming an institution and followed by a place, in an entry with no volume, issue,
    pages or editor, is the issuing institution (the publisher), not a container: a journal prints its numbers,
    a proceedings "in", and a meeting ("Conference", "Forum") is the container of a talk.  An acronym alone there
    ("“Title,” NIST, Gaithersburg, MD, USA, FIPS 203, 2024,") is the issuing body's short name.  So is a body's
    name, its head word any of :data:`~kg.ingest.references.names._CORPORATE`'s ("“Title,” Tide Office for
    the North, Oslo, Norway, 2018."), unless a periodical's word names a journal (:data:`_PERIODICAL`).

    >>> _institution_before_place_is_no_container([("“T,”", "title"), ("Acme", "container-title"),
    ...     ("Labs,", "container-title"), ("Leeds,", "location"), ("2001.", "date")])[1:3]
    [('Acme', 'publisher'), ('Labs,', 'publisher')]
    >>> _institution_before_place_is_no_container([("“T,”", "title"), ("Acme", "container-title"),
    ...     ("Labs,", "container-title"), ("Leeds,", "location"), ("pp.", "pages"), ("1-9.", "pages")])[1]
    ('Acme', 'container-title')
    >>> _institution_before_place_is_no_container([("“T,”", "title"), ("Lab", "container-title"),
    ...     ("Forum,", "container-title"), ("Leeds,", "location"), ("2001.", "date")])[1]
    ('Lab', 'container-title')
    >>> _institution_before_place_is_no_container([("“T,”", "title"), ("ACSB,", "container-title"),
    ...     ("Leeds,", "location"), ("2001.", "date")])[1]
    ('ACSB,', 'publisher')
    >>> _institution_before_place_is_no_container([("“T,”", "title"), ("Tide", "container-title"),
    ...     ("Office,", "container-title"), ("Oslo,", "location"), ("2001.", "date")])[1:3]
    [('Tide', 'publisher'), ('Office,', 'publisher')]
    >>> _institution_before_place_is_no_container([("“T,”", "title"), ("J.", "container-title"),
    ...     ("Tide", "container-title"), ("Society,", "container-title"), ("Oslo,", "location"),
    ...     ("2001.", "date")])[1]
    ('J.', 'container-title')
    """
    start = next((i for i, (_, label) in enumerate(tagged) if label == "container-title"), None)
    if (start is None or start == 0 or tagged[start - 1][1] != "title" or _IN.match(tagged[start][0] + " ")
            or not tagged[start - 1][0].endswith(("”", ",”", "\"", ",\""))):
        return tagged
    end = _run_end(tagged, start, "container-title")
    words = [w for w, _ in tagged[start:end]]
    name = " ".join(words)
    if (end >= len(tagged) or tagged[end][1] != "location" or any(w.startswith(("*", "_")) for w in words)
            or not (_INSTITUTION.search(name) or _report_after_place(tagged, end) or _issuer_acronym(words)
                    or (_CORPORATE.search(name) and not _PERIODICAL.search(name)))
            or _MEETING.search(name)
            or any(label in ("volume", "issue", "pages", "editor") for _, label in tagged)):
        return tagged
    return tagged[:start] + [(w, "publisher") for w in words] + tagged[end:]


def _issuer_acronym(words: list[str]) -> bool:
    """Whether the run is one acronym closed by its comma ("NIST,"): a body's short name, no journal's.

    >>> _issuer_acronym(["NIST,"]), _issuer_acronym(["Nat.", "Inst.,"]), _issuer_acronym(["NIST"])
    (True, False, False)
    """
    return len(words) == 1 and words[0].endswith(",") and _ACRONYM.match(words[0][:-1]) is not None


_REPORT_GENRE = re.compile(r"^(?:Tech\.|Technical|Rep\.|Report|Res\.|Research)$")


def _report_after_place(tagged: list[tuple[str, str]], place: int) -> bool:
    """Whether a report's genre ("Tech. Rep.", "Technical Report") follows the place run that starts at ``place``.

    IEEE prints a report as "institution, place, Tech. Rep. number, date": whatever the institution is called
    ("Stanford InfoLab"), the name before such a place is the issuer, not a container.

    >>> _report_after_place([("Leeds,", "location"), ("UK,", "location"), ("Tech.", "genre"), ("Rep.", "genre")], 0)
    True
    >>> _report_after_place([("Leeds,", "location"), ("2001.", "date")], 0)
    False
    """
    end = _run_end(tagged, place, "location")
    return end < len(tagged) and _REPORT_GENRE.match(tagged[end][0]) is not None


def _italic_opening_is_the_title(tagged: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """IEEE's standard "[9] *IEEE Standard for Floating-Point Arithmetic*, IEEE Std 754-2008, Aug. 2008.": with
    no title found, an italic run that opens the entry (after its number), whatever the CRF labelled it, is the
    title, and the roman words after it, up to the date, the document's number (the genre).

    >>> _italic_opening_is_the_title([("[2]", "citation-number"), ("*Safety", "container-title"), ("code*,", "container-title"),
    ...     ("ISO", "container-title"), ("1,", "date"), ("2001.", "date")])[1:4]
    [('*Safety', 'title'), ('code*,', 'title'), ('ISO', 'genre')]
    """
    if any(label == "title" for _, label in tagged):
        return tagged
    start = 1 if tagged and tagged[0][1] == "citation-number" else 0
    if start >= len(tagged) or not tagged[start][0].startswith(("*", "_")):
        return tagged
    # No name opens in italics: the CRF's author run there ("*Standard/author for/author ...") is the title too.
    label = tagged[start][1]
    end = _run_end(tagged, start, label)
    close = _italic_closed_at(tagged, start, end)
    if close is None:
        return tagged
    if end < len(tagged) and tagged[end][1] == "container-title" and label != "container-title":
        # "*Name*,/author IEEE/container Std/container 1234,/date": the roman run after it numbers the document.
        after = _run_end(tagged, end, "container-title")
        end = after if after < len(tagged) and tagged[after][1] == "date" else end
    return (tagged[:start] + [(w, "title") for w, _ in tagged[start:close + 1]]
            + [(w, "genre") for w, _ in tagged[close + 1:end]] + tagged[end:])


@_applies_when(all_of=("note",), none_of=("title",))
def _italic_note_after_names_is_the_title(tagged: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Harvard's web page "Body (2023) *What is it?* Available at: https://...": with no title found, an italic
    run that opens the note right after the names and date is the title, and the words after its closing
    marker ("Available at:") stay the note.

    >>> _italic_note_after_names_is_the_title([("Acme", "author"), ("(2020)", "date"), ("*Why", "note"),
    ...     ("so?*", "note"), ("Available", "note"), ("at:", "note")])[2:]
    [('*Why', 'title'), ('so?*', 'title'), ('Available', 'note'), ('at:', 'note')]
    """
    if any(label == "title" for _, label in tagged):
        return tagged
    k = 0
    while k < len(tagged) and tagged[k][1] in ("citation-number", "author", "date"):
        k += 1
    if k == 0 or k >= len(tagged) or tagged[k][1] != "note" or not tagged[k][0].startswith(("*", "_")):
        return tagged
    end = _run_end(tagged, k, "note")
    close = _italic_closed_at(tagged, k, end)
    if close is None or close + 1 >= end:
        return tagged
    return tagged[:k] + [(w, "title") for w, _ in tagged[k:close + 1]] + tagged[close + 1:]


def _series_number_after_italic_title(tagged: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """MLA's "*Reading at Risk*. Research Division Report 46, June 2004.": after an italic title (a work that stands
    alone), a roman run ending in a report or paper word and the number after it are the report's series and
    number (the genre), not a journal and its volume: a journal would be in italics.

    >>> _series_number_after_italic_title([("*Study*.", "title"), ("Policy", "container-title"), ("Paper", "container-title"),
    ...     ("12,", "volume"), ("2004.", "date")])[1:4]
    [('Policy', 'genre'), ('Paper', 'genre'), ('12,', 'genre')]
    >>> _series_number_after_italic_title([("*Study*", "title"), ("(ABC", "container-title"),
    ...     ("Publication", "container-title"), ("No.", "volume"), ("01-23).", "volume"), ("Acme.", "publisher")])[1:5]
    [('(ABC', 'genre'), ('Publication', 'genre'), ('No.', 'genre'), ('01-23).', 'genre')]
    >>> _series_number_after_italic_title([("*Aims*.", "title"), ("Statement", "container-title"),
    ...     ("Concepts", "container-title"), ("No.", "volume"), ("1.", "volume"), ("Leeds:", "location")])[1:5]
    [('Statement', 'genre'), ('Concepts', 'genre'), ('No.', 'genre'), ('1.', 'genre')]
    """
    run = _roman_run_after_italic_title(tagged)
    if run is None:
        return tagged
    start, end, words = run
    # The number may follow a "no." ("Bulletin no. 4."), and APA puts the series and number in brackets.
    number = end + 1 if end + 1 < len(tagged) and _NUMBER_MARK.match(tagged[end][0]) else end
    # A series named without a report word, "*Title*. Statement of Concepts No. 1. Place: Publisher.", is one too
    # when its "No." number ends a sentence and the place follows: a journal's volume would not stand there.
    placed = (number > end and number + 1 < len(tagged) and tagged[number + 1][1] == "location"
              and tagged[number][0].endswith("."))
    if not _SERIES_WORD.match(words[-1]) and not placed:
        return tagged
    opened = words[0].startswith("(")
    if (number >= len(tagged) or any(tagged[k][1] != "volume" for k in range(end, number + 1))
            or not re.fullmatch(r"\d[\d-]*\)[.,;]?" if opened else r"\d+[.,;]?", tagged[number][0])):
        return tagged
    return tagged[:start] + [(w, "genre") for w, _ in tagged[start:number + 1]] + tagged[number + 1:]


@_applies_when(all_of=("container-title", "location"))
def _place_start_after_container_sentence(tagged: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Vancouver's "In: Lee J, editor. Book of things. New Town (ST): Press; 2001." or Harvard's "*Book of
    things*. The Dale: Press": the book's title ends at its full stop (or its closing italics and full stop), so
    one or two capitalised words without punctuation after it that end the container run, right before a short
    place run closed by the colon before the publisher, are the place's first words.

    >>> _place_start_after_container_sentence([("In:", "container-title"), ("Sea", "container-title"),
    ...     ("tides.", "container-title"), ("New", "container-title"), ("Town", "container-title"),
    ...     ("(ST):", "location"), ("Acme;", "publisher")])[3:5]
    [('New', 'location'), ('Town', 'location')]
    >>> _place_start_after_container_sentence([("*Sea", "container-title"), ("tides*.", "container-title"),
    ...     ("The", "container-title"), ("Dale:", "location"), ("Acme,", "publisher")])[2]
    ('The', 'location')
    >>> _place_start_after_container_sentence([("J.", "container-title"), ("Sea", "container-title"),
    ...     ("(ST):", "location"), ("Acme;", "publisher")])[1]
    ('Sea', 'container-title')
    """
    opening = _container_opening(tagged)
    if opening is None:
        return tagged
    start, end = opening
    stop = _run_end(tagged, end, "location")
    if (stop == end or stop - end > 2 or stop >= len(tagged) or not tagged[stop - 1][0].endswith(":")
            or tagged[stop][1] != "publisher"):
        return tagged
    tail = end
    while tail > start and end - tail < 3 and not tagged[tail - 1][0].endswith("."):
        tail -= 1
    if tail == end or tail - 1 <= start or not tagged[tail - 1][0].endswith("."):
        return tagged
    words = [w for w, _ in tagged[tail:end]]
    closing = tagged[tail - 1][0].rstrip(".")
    # The full stop closes a sentence, not an abbreviation ("J. Sea"): a word of letters past three, or italics.
    if (any(not w[:1].isupper() or not w.replace("-", "").isalpha() for w in words)
            or not (closing.endswith(("*", "_")) or (len(closing) > 3 and closing.isalpha() and closing.islower()))):
        return tagged
    return tagged[:tail] + [(w, "location") for w in words] + tagged[end:]


@_applies_when(all_of=("container-title", "title", "location"))
def _numbered_series_before_place(tagged: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Vancouver's report in a numbered series, "Title. Series Name No. 56. Place: Publisher; 2010.": a roman run
    right after the title's full stop, without "In", whose sentence ends in a "No." number and is followed by
    the place and then the publisher, in NLM's publication statement ("Place: Publisher; year."), is the series
    and its number (the genre), not a journal and its issue: NLM prints a journal's numbers after the year
    ("Journal. 2010;5(2):1-9."), never a place and a publisher after it.

    >>> _numbered_series_before_place([("Sea.", "title"), ("Tide", "container-title"), ("Notes", "container-title"),
    ...     ("No.", "volume"), ("5.", "volume"), ("Leeds:", "location"), ("Acme;", "publisher"), ("2001.", "date")])[1:6]
    [('Tide', 'genre'), ('Notes', 'genre'), ('No.', 'genre'), ('5.', 'genre'), ('Leeds:', 'location')]
    >>> _numbered_series_before_place([("Sea.", "title"), ("Tide", "container-title"), ("Notes", "container-title"),
    ...     ("No.", "volume"), ("5.", "volume"), ("Leeds:", "location"), ("Acme.", "publisher")])[1]
    ('Tide', 'container-title')
    """
    run = _container_after_title_sentence(tagged)
    if run is None:
        return tagged
    start, end = run
    # The CRF reads the number as the volume ("No./volume 56./volume") or keeps it in the run.
    number = _run_end(tagged, end, "volume") - 1
    if number - start < 2 or number + 1 >= len(tagged) or tagged[number + 1][1] != "location":
        return tagged
    if not _NUMBER_MARK.match(tagged[number - 1][0]) or not re.fullmatch(r"\d+[A-Za-z]?\.", tagged[number][0]):
        return tagged
    if any(w.endswith(".") or w.startswith(("*", "_")) for w, _ in tagged[start:number - 1]):
        return tagged
    # NLM's publication statement, "Place: Publisher; 2010.": other styles' series ("Bulletin of the ... Museum No.
    # 6. Austin: Museum.") are read as the container and its number, as AnyStyle's labels read them.
    place = _run_end(tagged, number + 1, "location")
    stop = _run_end(tagged, place, "publisher")
    if (place >= len(tagged) or tagged[place][1] != "publisher" or stop >= len(tagged)
            or not tagged[stop - 1][0].endswith(";") or tagged[stop][1] != "date"):
        return tagged
    return tagged[:start] + [(w, "genre") for w, _ in tagged[start:number + 1]] + tagged[number + 1:]


_SERIES_WORD = re.compile(r"^\(?(?:Report|Reports|Paper|Papers|Series|Rep\.|Bulletin|Brief|Publication)$")
_NUMBER_MARK = re.compile(r"^(?:no|No|nr|Nr)\.$")


def _end_of_whole_italic_title(tagged: list[tuple[str, str]], then: str) -> int | None:
    """Where the first title run ends, when it is wholly italic and a run labelled ``then`` follows it."""
    first = next((i for i, (_, label) in enumerate(tagged) if label == "title"), None)
    if first is None or not tagged[first][0].startswith(("*", "_")):
        return None
    end = _run_end(tagged, first, "title")
    if _italic_closed_at(tagged, first, end) != end - 1 or end >= len(tagged) or tagged[end][1] != then:
        return None
    return end


def _roman_sentence_after_title_and_date(tagged: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """MLA's dissertation "*Transformational Analysis*. 1955. U of Pennsylvania, PhD dissertation.": after a whole
    italic title and the date, a second title run is the institution (the publisher), its genre words the genre.

    >>> _roman_sentence_after_title_and_date([("*Sea*.", "title"), ("1950.", "date"), ("Yale", "title"), ("U,", "title"),
    ...     ("PhD", "genre"), ("dissertation.", "genre")])[2:]
    [('Yale', 'publisher'), ('U,', 'publisher'), ('PhD', 'genre'), ('dissertation.', 'genre')]
    """
    end = _end_of_whole_italic_title(tagged, "date")
    if end is None:
        return tagged
    second = _run_end(tagged, end, "date")
    if second >= len(tagged) or tagged[second][1] != "title":
        return tagged
    stop = _run_end(tagged, second, "title")
    out = tagged[:second]
    genre = False
    for k in range(second, stop):
        word = tagged[k][0]
        genre = genre or (k > second and tagged[k - 1][0].endswith(",") and _GENRE_START.match(word) is not None)
        out.append((word, "genre" if genre else "publisher"))
    return out + tagged[stop:]


@_applies_when(all_of=("title", "date"))
def _series_sentence_after_publication_date(tagged: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """MLA 9's series after the date, "*Book*. Pub, 2015. Global Monitoring Report.": after a whole italic title,
    its publisher and its date, a closing roman sentence the CRF read as more title is a note (a series).

    >>> _series_sentence_after_publication_date([("*Sea*.", "title"), ("Brill,", "publisher"), ("2015.", "date"),
    ...     ("Sea", "title"), ("Reports.", "title")])[3:]
    [('Sea', 'note'), ('Reports.', 'note')]
    """
    end = _end_of_whole_italic_title(tagged, "publisher")
    if end is None:
        return tagged
    date = _run_end(tagged, end, "publisher")
    if date >= len(tagged) or tagged[date][1] != "date":
        return tagged
    second = _run_end(tagged, date, "date")
    if second >= len(tagged) or tagged[second][1] != "title" or tagged[second][0].startswith(("*", "_")):
        return tagged
    stop = _run_end(tagged, second, "title")
    if not tagged[stop - 1][0].endswith(".") or any(label != "url" for _, label in tagged[stop:]):
        return tagged
    return tagged[:second] + [(w, "note") for w, _ in tagged[second:stop]] + tagged[stop:]


#: The last word of a standards body's document genre: "W3C Recommendation", "ISO Standard", "IETF Internet-Draft",
#: "W3C Working Group Note", "White Paper", "Technical Specification".
_DOCUMENT_GENRE = re.compile(r"^(?:Recommendation|Standard|Draft|Internet-Draft|Note|Specification|Paper|Whitepaper)[.,;]?$")


@_applies_when(all_of=("container-title", "title"), none_of=("volume", "issue", "pages"))
def _document_genre_is_no_container(tagged: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """IEEE's "“Title,” W3C Recommendation, Nov. 26, 2008.": a short roman run after the title, without "In", that
    ends in a document genre and is followed by the date, in an entry with no volume, issue or pages, is the
    genre; a journal ("*Nursing Standard*, vol. 3") has numbers.  So is a series acronym and the document's
    number in it ("“Style guide,” PEP 8, Jul. 2001.").

    >>> _document_genre_is_no_container([("“T,”", "title"), ("ISO", "container-title"), ("Standard,", "container-title"),
    ...     ("2019.", "date")])[1:3]
    [('ISO', 'genre'), ('Standard,', 'genre')]
    >>> _document_genre_is_no_container([("“T,”", "title"), ("PEP", "container-title"), ("8,", "container-title"),
    ...     ("2001.", "date")])[1:3]
    [('PEP', 'genre'), ('8,', 'genre')]
    >>> _document_genre_is_no_container([("“T,”", "title"), ("Nurs.", "container-title"), ("Standard,", "container-title"),
    ...     ("vol.", "volume"), ("3,", "volume"), ("2019.", "date")])[2]
    ('Standard,', 'container-title')
    """
    start = next((i for i, (_, label) in enumerate(tagged) if label == "container-title"), None)
    if start is None or start == 0 or tagged[start - 1][1] != "title" or _IN.match(tagged[start][0] + " "):
        return tagged
    end = _run_end(tagged, start, "container-title")
    words = [w for w, _ in tagged[start:end]]
    numbered = len(words) > 1 and re.fullmatch(r"\d+[.,;]?", words[-1]) is not None and all(
        _ACRONYM.match(w) for w in words[:-1])
    if (len(words) > 5 or any(w.startswith(("*", "_")) for w in words)
            or not (_DOCUMENT_GENRE.match(words[-1]) or numbered)
            or (end < len(tagged) and tagged[end][1] != "date")
            or any(label in ("volume", "issue", "pages") for _, label in tagged)):
        return tagged
    return tagged[:start] + [(w, "genre") for w in words] + tagged[end:]


@_applies_when(all_of=("container-title", "title"), none_of=("volume", "issue", "pages"))
def _numbered_document_after_title_is_no_container(tagged: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Chicago's standard "*Title*. 2nd ed. Standard ABC-12. Place: Body.": a short roman sentence after the title
    (or its edition), without "In", that opens with a document genre word ("Standard", "Recommendation") and ends
    in the document's number, with the place or the publisher after it, is the genre, not a container.

    >>> _numbered_document_after_title_is_no_container([("*Rules*.", "title"), ("2nd", "edition"),
    ...     ("ed.", "edition"), ("Standard", "container-title"), ("ABC-12.", "container-title"),
    ...     ("Leeds:", "location")])[3:5]
    [('Standard', 'genre'), ('ABC-12.', 'genre')]
    >>> _numbered_document_after_title_is_no_container([("*Rules*.", "title"), ("Standard", "container-title"),
    ...     ("Works.", "container-title"), ("Leeds:", "location")])[1]
    ('Standard', 'container-title')
    """
    start = next((i for i, (_, label) in enumerate(tagged) if label == "container-title"), None)
    if start is None or start == 0 or not _DOCUMENT_GENRE.match(tagged[start][0]):
        return tagged
    before = start - 1
    while before > 0 and tagged[before][1] == "edition":
        before -= 1
    end = _run_end(tagged, start, "container-title")
    if (tagged[before][1] != "title" or not tagged[start - 1][0].endswith(".") or end - start > 4
            or end >= len(tagged) or tagged[end][1] not in ("location", "publisher")
            or not tagged[end - 1][0].endswith(".") or not any(c.isdigit() for c in tagged[end - 1][0])
            or any(label in ("volume", "issue", "pages") for _, label in tagged)):
        return tagged
    return tagged[:start] + [(w, "genre") for w, _ in tagged[start:end]] + tagged[end:]


#: A thesis's genre word, English or as French, Spanish, Portuguese and Italian print it ("Thèse de doctorat").
_THESIS_WORD = re.compile(r"^(?:thesis|dissertation|thèse|tesis|tese|tesi)[,.]?$", re.I)


@_applies_when(all_of=("container-title", "title"), none_of=("volume", "issue", "pages"))
def _thesis_genre_opening_container(tagged: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """IEEE's thesis "“Title,” Ph.D. dissertation, School, Place, 1980." (or "Thèse de docteur-ingénieur,
    School,"): a run the CRF read as the container that opens, right after the title, with a short phrase holding
    a thesis's genre word and closed by a comma is that genre, and the rest of the run the school (the
    publisher), no container, in an entry with no volume, issue or pages.

    >>> _thesis_genre_opening_container([("Tides,”", "title"), ("Thèse", "container-title"), ("de", "container-title"),
    ...     ("doctorat,", "container-title"), ("École", "container-title"), ("Navale,", "container-title"),
    ...     ("Brest,", "location")])[1:6]
    [('Thèse', 'genre'), ('de', 'genre'), ('doctorat,', 'genre'), ('École', 'publisher'), ('Navale,', 'publisher')]
    >>> _thesis_genre_opening_container([("Tides,”", "title"), ("Dissertation", "container-title"),
    ...     ("Abstracts,", "container-title"), ("2001.", "date")])[1]
    ('Dissertation', 'container-title')
    """
    start = next((i for i, (_, label) in enumerate(tagged) if label == "container-title"), 0)
    if start == 0 or tagged[start - 1][1] != "title" or not tagged[start - 1][0].endswith((",”", ",\"", ",")):
        return tagged
    end = _run_end(tagged, start, "container-title")
    close = next((k for k in range(start, min(end, start + 4)) if tagged[k][0].endswith(",")), start - 1)
    genre = next((k for k in range(start, close + 1) if _THESIS_WORD.match(tagged[k][0])), None)
    # Only lower-case words after the genre word ("de doctorat,"): "Dissertation Abstracts International," is a
    # journal's name; an italic run is a container's too.
    if (genre is None or any(w[:1].isupper() for w, _ in tagged[genre + 1:close + 1])
            or any(w.startswith(("*", "_")) for w, _ in tagged[start:end])):
        return tagged
    return (tagged[:start] + [(w, "genre") for w, _ in tagged[start:close + 1]]
            + [(w, "publisher") for w, _ in tagged[close + 1:end]] + tagged[end:])


#: The rules in the order :func:`relabel` applies them.
RULES = (
    _italic_opening_date_word_is_title,
    _italic_title_out_of_author,
    _contributors_after_italic_title,
    _end_title_at_quote,
    _editors_after_quoted_title,
    _end_title_at_italics,
    _italic_title_to_its_end,
    _italic_container_to_its_end,
    _place_start_after_italic_container,
    _volume_after_italic_container,
    _italic_volume_title_after_container_volume,
    _volume_inside_italic_handbook,
    _editors_inside_container_before_italics,
    _date_inside_title,
    _date_inside_italic_title,
    _title_start_before_second_date,
    _et_al_joins_contributors,
    _numbered_series_after_contributors,
    _group_author_before_title,
    _body_and_title_read_as_container,
    _body_before_quoted_title,
    _body_sentence_before_italic_title,
    _body_author_to_its_full_stop,
    _body_title_before_its_author_end,
    _subtitle_out_of_container,
    _dated_title_end_before_italics,
    _italic_note_is_container,
    _italic_run_after_quoted_title_is_container,
    _article_number_out_of_container,
    _article_number_after_its_key,
    _italic_book_opening_editors_run,
    _editors_run_to_their_mark,
    _opening_names_to_their_editors_mark,
    _mla_opening_contributors_before_italic_title,
    _vancouver_book_sentence_after_editors,
    _vancouver_book_out_of_editors_run,
    _editor_names_out_of_title,
    _vancouver_contributors_out_of_title,
    _book_title_after_editors,
    _edited_book_title_after_opening_editors,
    _vancouver_book_title_after_opening_editors,
    _genre_out_of_title,
    _editors_after_container,
    _access_date_is_no_date,
    _no_date_splits_author_and_title,
    _container_to_its_closing_bracket,
    _day_range_is_a_date,
    _meeting_date_before_publication_date,
    _day_between_month_and_year,
    _day_after_year_and_month,
    _month_day_after_italic_container,
    _edition_out_of_volume,
    _bracket_description_out_of_container,
    _version_after_title_is_no_container,
    _publisher_after_bracket_description_to_the_link,
    _round_bracket_phrase_before_medium_is_title,
    _role_words_join_their_names,
    _names_after_and_join_their_run,
    _roman_container_after_italic_title,
    _series_number_after_italic_title,
    _numbered_series_before_place,
    _place_start_after_container_sentence,
    _report_number_out_of_container,
    _document_number_is_no_pages,
    _arxiv_number_is_no_pages,
    _year_span_in_title_is_no_pages,
    _part_number_is_no_volume,
    _volume_count_after_date_is_no_volume,
    _title_end_year_before_nlm_date,
    _title_sentences_out_of_nlm_journal,
    _institution_before_place_is_no_container,
    _italic_date_is_a_container,
    _contributor_phrase_out_of_title,
    _publisher_after_contributor_names,
    _medium_marker_out_of_title,
    _publisher_after_italic_container,
    _publisher_after_editors_of_italic_container,
    _publisher_after_bracketed_editors_of_italic_title,
    _document_genre_is_no_container,
    _numbered_document_after_title_is_no_container,
    _thesis_genre_opening_container,
    _italic_opening_is_the_title,
    _italic_note_after_names_is_the_title,
    _roman_sentence_after_title_and_date,
    _series_sentence_after_publication_date,
    _numbered_year_is_no_date,
)


#: Rules that read italics markers and change nothing in an entry without one ("*" or "_" in no word): most
#: entries print none (AnyStyle's sets never do), so :func:`relabel` skips these there.  No rule adds a marker.
_ITALIC_RULES = frozenset({
    _mla_opening_contributors_before_italic_title,
    _numbered_series_after_contributors,
    _italic_book_opening_editors_run,
    _date_inside_italic_title,
    _series_sentence_after_publication_date,
    _publisher_after_bracket_description_to_the_link,
    _edited_book_title_after_opening_editors,
    _editors_inside_container_before_italics,
    _italic_opening_date_word_is_title,
    _month_day_after_italic_container,
    _italic_run_after_quoted_title_is_container,
    _italic_title_out_of_author,
    _contributors_after_italic_title,
    _end_title_at_italics,
    _italic_title_to_its_end,
    _italic_container_to_its_end,
    _place_start_after_italic_container,
    _volume_after_italic_container,
    _italic_volume_title_after_container_volume,
    _volume_inside_italic_handbook,
    _body_sentence_before_italic_title,
    _dated_title_end_before_italics,
    _italic_note_is_container,
    _roman_container_after_italic_title,
    _series_number_after_italic_title,
    _italic_date_is_a_container,
    _publisher_after_italic_container,
    _publisher_after_editors_of_italic_container,
    _publisher_after_bracketed_editors_of_italic_title,
    _italic_opening_is_the_title,
    _italic_note_after_names_is_the_title,
    _roman_sentence_after_title_and_date,
})


#: Words (lower case) one of which a genre rule needs: those of ``_GENRE_START`` and ``_GENRE``.
_GENRE_WORDS = ("report", "thesis", "dissertation", "doctoral", "master", "tech", "research", "internal", "phd",
                "ph.d", "msc", "m.sc", "diploma", "habilitation", "preprint", "unpublished", "internet-draft",
                "working", "discussion", "manuscript")
_DASH_YEAR = re.compile(r"[-:–](?:1[5-9]|20)\d\d\b")


def _genre_trigger(low: str) -> bool:
    """Whether the lower-cased words hold a genre word ``_genre_out_of_title`` could read."""
    return any(word in low for word in _GENRE_WORDS)


#: Rules that run only when their trigger is in the entry's words, lower-cased and joined: each changes nothing
#: without it, and the trigger is absent from most entries, so a substring test is cheaper than the rule's own
#: loop over the words.  The genre rule needs a genre word; the article-number rule "Article" or "Art."; the
#: access-date rule an access word; the names rule a word "by" and an "and" or "&" with words after them; the
#: numbered-year rule a dash or colon before a year; the contributor-publisher rule "translated by" or "edited by".
#: The square-bracket rules act only on a word opening "[" (a medium, a description); the NLM-date rule needs
#: the ";" of "2004 Mar 10;291(10)"; the arXiv rule the identifier's "arXiv" ("arx": "i" is one of the letters
#: ``re.I`` also matches to others, so it is left out of the test); the edition rule a word after the first
#: opening "ed" ("ed.", "edn", "edition"); the version rule "ver." or "version" before a space; the
#: contributors rule a translator's or an editor's role word ("Trans.", "Ed.", "Eds.").  (A regular expression
#: as the test, for the day-range rule's "12–14" say, costs as much as the rule it would skip.)
_TRIGGERS: tuple[tuple[tuple[Rule, ...], Callable[[str], object]], ...] = (
    ((_genre_out_of_title,), _genre_trigger),
    ((_thesis_genre_opening_container,), lambda low: "thesis" in low or "dissertation" in low or "thèse" in low
     or "tesi" in low or "tese" in low),
    ((_article_number_out_of_container, _article_number_after_its_key),
     lambda low: "article" in low or "art." in low),
    ((_access_date_is_no_date,), lambda low: _ACCESS_ANYWHERE.search(low) is not None),
    ((_names_after_and_join_their_run,), lambda low: "by " in low and ("and " in low or "& " in low)),
    ((_et_al_joins_contributors,), lambda low: "et al" in low),
    ((_numbered_year_is_no_date,), _DASH_YEAR.search),
    ((_publisher_after_contributor_names,), lambda low: "ed by " in low),
    ((_medium_marker_out_of_title, _round_bracket_phrase_before_medium_is_title,
      _bracket_description_out_of_container), lambda low: "[" in low),
    ((_title_end_year_before_nlm_date, _title_sentences_out_of_nlm_journal), lambda low: ";" in low),
    ((_arxiv_number_is_no_pages,), lambda low: "arx" in low),
    ((_version_after_title_is_no_container,), lambda low: "ver. " in low or "version " in low),
    ((_edition_out_of_volume, _opening_names_to_their_editors_mark), lambda low: " ed" in low),
    ((_contributors_after_italic_title,), lambda low: "trans" in low or " ed" in low),
    ((_vancouver_contributors_out_of_title, _vancouver_book_out_of_editors_run),
     lambda low: "tor." in low or "tors." in low),
)


_Plan = tuple[tuple[Rule, tuple[frozenset[str], frozenset[str], frozenset[str]] | None], ...]


@functools.cache
def _plan(key: int) -> _Plan:
    """The rules to apply for one combination of italics (bit 0) and :data:`_TRIGGERS` found (bits 1 on).

    Each rule comes with its :func:`_applies_when` mark (``None`` when unmarked), looked up here once rather
    than for every rule of every entry; a plan is made at its combination's first entry (cached), as there
    are thousands of combinations and a reference list meets few of them.
    """
    off = set() if key & 1 else set(_ITALIC_RULES)
    off |= {rule for n, (rules, _) in enumerate(_TRIGGERS) if not key >> (n + 1) & 1 for rule in rules}
    return tuple((rule, _WHEN.get(rule)) for rule in RULES if rule not in off)




def relabel(tagged: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Apply every rule of :data:`RULES`, in order, to the tagged words of one reference.

    Rules that could change nothing (italics rules without a marker, a trigger of :data:`_TRIGGERS` absent) are
    skipped: no rule changes a word, only labels, so the words' text read once holds for every rule.  So is a
    rule marked with :func:`_applies_when` whose mark the entry's labels, as the rules before it left them,
    cannot meet (a rule that changes nothing returns its input itself, so the label set is made again only
    after a change).

    >>> relabel([("Roe,", "author"), ("A.", "author"), ("*Tide*.", "author"), ("Sea", "author"), ("2001.", "date")])[2]
    ('*Tide*.', 'title')
    """
    text = " ".join([word for word, _ in tagged])
    key = 1 if "*" in text or "_" in text else 0
    low = text.lower()
    bit = 2
    for _, trigger in _TRIGGERS:
        if trigger(low):
            key |= bit
        bit <<= 1
    labels = {label for _, label in tagged}
    for rule, when in _plan(key):
        if when is not None and not (when[0] <= labels and (not when[1] or not when[1].isdisjoint(labels))
                                     and when[2].isdisjoint(labels)):
            continue
        out = rule(tagged)
        if out is not tagged:
            tagged = out
            labels = {label for _, label in tagged}
    return tagged
