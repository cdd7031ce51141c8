"""A CRF (python-crfsuite) sequence labeller for printed references.

Each whitespace-separated word of a reference gets one label (``author``,
``title``, ``container-title``, ``date``, ``volume``, ``pages`` ...), as in
AnyStyle; contiguous words with the same label form a field, which rule
post-processing turns into a :class:`~kg.model.Reference`.  The model ships in
``kg/data/refparse.crfsuite``; retrain it with
``python -m kg.ingest.references.train``.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from kg.ingest.references.text import doi_and_url
from kg.model import Person, Reference, SourceLocation

MODEL_PATH = Path(__file__).resolve().parent.parent.parent / "data" / "refparse.crfsuite"

_LABEL_MAP = {"journal": "container-title"}
_YEAR = re.compile(r"(1[5-9]\d\d|20\d\d)([a-z]?)")
_GIVEN = re.compile(r"^[A-ZÀ-Þ][a-zß-ÿ]+(?:-[A-ZÀ-Þ][a-zß-ÿ]+)?(?:\s+[A-ZÀ-Þ]\.)*$")
_VANCOUVER = re.compile(r"\b(?:1[5-9]\d\d|20\d\d)[^;]{0,20};\s*(\w+)\s*(?:\(([^)]+)\))?\s*:\s*(\w+(?:\s*[-–]\s*\w+)?)")
_SPACES = re.compile(r"\s+")
_ENDS_WITH_INITIAL = re.compile(r"(?:^|[\s.-])[A-ZÀ-Þ]\.$")
_NAMES_LEAD = re.compile(r"^(?:by|edited by|eds?\.?|hrsg\.?)\s+", re.I)
_EDS_MARK = re.compile(r"\s*\((?:eds?|editors?|hrsg|dir|coord)\.?\)\s*", re.I)
_ET_AL = re.compile(r"\bet\s*al\b\.?")
_ET_AL_CUT = re.compile(r",?\s*\bet\s*al\b\.?")
_AND = re.compile(r"\s*(?:,\s*)?(?:&|\band\b|\bund\b|\bet\b|\by\b)\s+")
_BEFORE_PAGES = re.compile(r"^.*?\b(?=(?:pp?\.|pages?)\s*[A-Za-z]?\d)", re.I)
_DASH_RUN = re.compile(r"\s*(?:[–—-]+|\s-\s)\s*")
_DASHES = re.compile(r"\s*[–—-]+\s*")
_IN = re.compile(r"^in:?\s+", re.I)
_ISBN = re.compile(r"ISBN[:\s]*([\dXx-]{10,17})")
_PMID = re.compile(r"\bPMID:?\s*(\d{5,9})\b")
_LINK = re.compile(r"^[(<\[]?(?:https?://|doi:|doi\.org/|dx\.doi\.org/|www\.\w|10\.\d{4,9}/)", re.I)
_LONE_YEAR = re.compile(r"^[(\[]?(1[5-9]\d\d|20\d\d)([a-z]?)[)\]]?[.,;:]?$")
# The initials feature the CRF model was trained with (kept as it was).
_WORD_INITIAL = re.compile(r"^(?:[A-ZÀ-Þ]\.?-?){1,3}[.,;]*$")
# In name lists: up to four initials ("C.J.C.H."), Latin letters beyond Latin-1 too ("Ł.").
_INITIAL = re.compile(r"^(?:[A-ZÀ-ÞĀ-ʯ]\.?-?){1,4}[.,;]*$")
# A first author's given names (two of them, "Arlie Russell") and trailing particles ("Simone de").
_FIRST_GIVEN = re.compile(r"^([A-ZÀ-Þ][a-zß-ÿ]+(?:-[A-ZÀ-Þ][a-zß-ÿ]+)?(?:\s+[A-ZÀ-Þ][a-zß-ÿ]+)?(?:\s+[A-ZÀ-Þ]\.)*)((?:\s+(?:van|von|der|den|de|del|della|di|da|dos|das|du|la|le|ten|ter|zu|af))*)$")


_MONTHS = frozenset(
    "jan feb mar apr may jun jul aug sep sept oct nov dec january february march april june july august "
    "september october november december spring summer autumn fall winter".split()
)
_KEYWORDS = {
    "vol": "vol", "vols": "vol", "volume": "vol", "v": "vol", "bd": "vol", "tome": "vol",
    "no": "no", "nos": "no", "nr": "no", "n°": "no", "issue": "no", "heft": "no", "num": "no",
    "pp": "pp", "p": "pp", "pages": "pp", "page": "pp", "s": "pp",
    "ed": "ed", "eds": "ed", "edn": "ed", "edition": "ed", "editor": "ed", "editors": "ed", "hrsg": "ed",
    "in": "in", "et": "et", "al": "al", "and": "and", "&": "and", "und": "and",
    "doi": "id", "isbn": "id", "issn": "id", "pmid": "id", "retrieved": "url", "available": "url",
    "accessed": "url", "press": "pub", "university": "pub", "publishers": "pub", "publishing": "pub",
    "verlag": "pub", "books": "pub", "proceedings": "proc", "proc": "proc", "conference": "proc",
    "symposium": "proc", "workshop": "proc", "journal": "jour", "review": "jour", "thesis": "thesis",
    "dissertation": "thesis", "phd": "thesis", "report": "report", "transl": "trans", "trans": "trans",
}


_SHAPE_TABLE = str.maketrans(
    {
        **{c: "A" for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ" + "".join(map(chr, range(0xC0, 0xDF)))},
        **{c: "a" for c in "abcdefghijklmnopqrstuvwxyz" + "".join(map(chr, range(0xDF, 0x100)))},
        **{c: "0" for c in "0123456789"},
    }
)
_EDGE_PUNCT = re.compile(r"^\W+|\W+$")
_FLAGS = (
    ("range", re.compile(r"\d\s*[-–—]+\s*\d").search),
    ("abbr", re.compile(r"^[A-ZÀ-Þ][a-zß-ÿ]{1,8}\.,?$").match),
    ("volno", re.compile(r"^\(?\d+\s*\(\S+\)[:,.]?").match),
    ("vanc", re.compile(r"\d{4}[a-z]?\s*;\s*\d").search),
    ("colnum", re.compile(r"^\d+[:;]\d*").match),
)
_DIGIT_OR_DOT = re.compile(r"[\d.]")
_QUOTES = frozenset("\"“”'‘’«»„")
_ROMAN = re.compile(r"^[IVXLCivxlc]{2,}[.,:]?$")
_ORDINAL = re.compile(r"^\d+(?:st|nd|rd|th|e|er|ème)$")
# First letters that _WORD_INITIAL and _ROMAN can match, and the marks _quote_after reads.
_INITIAL_LETTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ" + "".join(map(chr, range(0xC0, 0xDF))))
_ROMAN_LETTERS = "IVXLCivxlc"
_QUOTE_MARKS = frozenset("“«‘”»’\"")
_OFFSETS = ("-2:", "-1:", "1:", "2:")


def _shape(word: str) -> str:
    """The word with letters as A/a and digits as 0, runs cut to two ("Aa.", "00-00")."""
    out: list[str] = []
    # The last two characters read; a character is dropped only after two like it, so they are the last two kept.
    last = before = ""
    for ch in word.translate(_SHAPE_TABLE):
        if not (ch == last == before):
            out.append(ch)
        before, last = last, ch
    return "".join(out)


class _Word(NamedTuple):
    """What the features of one word are made of (the uncached work behind :func:`_word_features`)."""

    low: str  # lower-cased, edge punctuation stripped
    shape: str
    last: str  # its last character if not alphanumeric, else "_"
    first: str  # its first character if not alphanumeric, else "_"
    length: int  # of the word without its edge punctuation, at most 8
    flags: list[str]  # "year", "num", "init", ... in feature order
    key: str  # its keyword class ("vol", "pp", ...) or ""
    has_year: bool
    stop: bool  # ends a sentence
    opens: bool  # a quotation is open after it, none being open before
    keeps: bool  # a quotation is open after it, one being open before


def _word(word: str) -> _Word:
    """The parts of a word's features (see :class:`_Word`).

    Cheap tests guard the regular expressions that cannot match (a word of
    letters holds no year): a third or more of the words of a reference list
    are new to the caches, so this runs often.
    """
    # "\W" is neither alphanumeric nor "_": a word with letters or digits at both ends has no edge to strip.
    stripped = word if word[:1].isalnum() and word[-1:].isalnum() else _EDGE_PUNCT.sub("", word)
    low = stripped.lower()
    flags = []
    letters = word.isalpha()
    has_year = not letters and _YEAR.search(word) is not None
    if has_year:
        flags.append("year")
    if stripped.isdigit():
        flags.append("num")
    if word[:1] in _INITIAL_LETTERS and _WORD_INITIAL.match(word) is not None:
        flags.append("init")
    if stripped[:1].isupper():
        flags.append("cap")
    if len(stripped) > 1 and stripped.isupper():
        flags.append("upper")
    if word.startswith(("http", "www", "doi:", "10.", "<http", "(http")):
        flags.append("url")
    if letters:
        # Most words: no brackets, quotes, digits or full stops to look for.
        quote = plain = False
    else:
        plain = True
        if "(" in word or ")" in word:
            flags.append("paren")
        # At an edge only: the apostrophe of "O'Brien" or "children's" opens no quotation.
        quote = word[:1] in _QUOTES or word.rstrip(".,;:")[-1:] in _QUOTES
        if quote:
            flags.append("quote")
    if low in _MONTHS:
        flags.append("month")
    if stripped[:1] in _ROMAN_LETTERS and _ROMAN.match(stripped) is not None:
        flags.append("roman")
    if plain:
        if low[:1].isdecimal() and _ORDINAL.match(low) is not None:
            flags.append("ordinal")
        if _DIGIT_OR_DOT.search(word):
            flags.extend([name for name, test in _FLAGS if test(word) is not None])
    # A word without quotation marks leaves a quotation as it was.
    moves = (quote or plain) and not _QUOTE_MARKS.isdisjoint(word)
    return _Word(
        low,
        _shape(word),
        word[-1:] if not word[-1:].isalnum() else "_",
        word[:1] if not word[:1].isalnum() else "_",
        min(len(stripped), 8),
        flags,
        _KEYWORDS.get(low.rstrip("."), ""),
        has_year,
        word[-1:] in ".:;" or word.endswith(('."', ".”", ",”", ',"')),
        _quote_after(word, False) if moves else False,
        _quote_after(word, True) if moves else True,
    )


@lru_cache(maxsize=65536)
def _word_features(
    word: str,
) -> tuple[tuple[str, ...], tuple[tuple[str, ...], ...], str, bool, bool, bool, bool]:
    """A word's own attributes, the short lists its neighbours see (at -2, -1,
    +1, +2), its lower-cased form, whether it holds a year or ends a
    sentence, and whether a quotation is open after it (none or one open before).

    Cached: words recur across references.  Attributes are plain strings
    (python-crfsuite reads a list of strings faster than a dict).
    """
    w = _word(word)
    low, shape, last, key = w.low, w.shape, w.last, w.key
    own = ["w=" + low, "sh=" + shape, "suf3=" + low[-3:], "pre2=" + low[:2], "last=" + last, "first=" + w.first,
           f"len={w.length}", *w.flags]
    near: tuple[str, ...]
    if key:
        own.append("key=" + key)
        near = ("w=" + low, "sh=" + shape, "last=" + last, "key=" + key)
    else:
        near = ("w=" + low, "sh=" + shape, "last=" + last)
    return (
        tuple(own),
        tuple(tuple([off + a for a in near]) for off in _OFFSETS),
        low,
        w.has_year,
        w.stop,
        w.opens,
        w.keeps,
    )


def _quote_after(word: str, inside: bool) -> bool:
    """Whether a quotation is open after ``word``, given whether one was open before it."""
    for ch in word:
        if ch in "“«‘":
            inside = True
        elif ch in "”»’":
            inside = False
        elif ch == '"':
            inside = not inside
    return inside


_POS = tuple(f"pos={k}" for k in range(10))
_INDEX = tuple(f"i={k}" for k in range(7))
_STOPS = tuple(f"stops={k}" for k in range(6))
_EDGES = (("-2:edge",), ("-1:edge",), ("1:edge",), ("2:edge",))


def features(words: list[str]) -> list[list[str]]:
    """CRF attributes of each word, with its neighbours', its position and what came before it."""
    base = [_word_features(w) for w in words]
    n = len(words)
    out = []
    seen_year = False
    stops = 0
    quote_open = False
    for i, (own, _, low, is_year, stop, opens, keeps) in enumerate(base):
        f = [*own, _POS[i * 10 // n], _INDEX[min(i, 6)], _STOPS[min(stops, 5)]]
        if seen_year:
            f.append("after-year")
        if quote_open:
            f.append("in-quote")
        f.extend(base[i - 2][1][0] if i >= 2 else _EDGES[0])
        f.extend(base[i - 1][1][1] if i >= 1 else _EDGES[1])
        if i + 1 < n:
            f.extend(base[i + 1][1][2])
            f.append("bi=" + low + "|" + base[i + 1][2])
        else:
            f.extend(_EDGES[2])
        f.extend(base[i + 2][1][3] if i + 2 < n else _EDGES[3])
        seen_year = seen_year or is_year
        stops += stop
        quote_open = keeps if quote_open else opens
        out.append(f)
    return out


def labelled_words(spans: list[list[str]]) -> tuple[list[str], list[str]]:
    """Words and labels of one AnyStyle-tagged reference."""
    words: list[str] = []
    labels: list[str] = []
    for label, text in spans:
        for word in text.split():
            words.append(word)
            labels.append(_LABEL_MAP.get(label, label))
    return words, labels


@lru_cache(maxsize=1)
def _tagger() -> object | None:
    if not MODEL_PATH.exists():
        return None
    import pycrfsuite  # type: ignore[import-untyped]

    tagger: object = pycrfsuite.Tagger()
    tagger.open(str(MODEL_PATH))  # type: ignore[attr-defined]
    return tagger


class _Vocabulary:
    """The attributes the installed model has weights for, as the bytes python-crfsuite takes.

    crfsuite drops each attribute its model has no weight for before scoring
    (``Tagger::set``), so leaving those out, the rest in the same order, changes
    no label and no probability; handing over bytes spares python-crfsuite a
    UTF-8 encoding per attribute.  Tagging spends much of its time there.
    Built once, at the first reference tagged (reading the model's attribute
    list through ``Tagger.info()`` takes a fraction of a second).
    """

    def __init__(self, attributes: Iterable[str]) -> None:
        self.known = {name: name.encode() for name in attributes}
        # The known attributes of each kind by value: value["w="]["smith"] is b"w=smith".
        self.value: defaultdict[str, dict[str, bytes]] = defaultdict(dict)
        for name, encoded in self.known.items():
            kind, equals, rest = name.partition("=")
            if equals:
                self.value[kind + "="][rest] = encoded
        # What a word shows itself and its neighbours (at -2, -1, +1, +2) of the kinds they share:
        # by_low["smith"] is (b"w=smith", b"-2:w=smith", None, ...).
        self.by_low, self.by_shape, self.by_last, self.by_key = (
            self._across_offsets(kind) for kind in ("w=", "sh=", "last=", "key="))
        # "bi=low|next" by its first word: every "|" in a known bigram may be the one between the words.
        self.bigrams: dict[str, dict[str, bytes]] = {}
        for name in self.known:
            if name.startswith("bi="):
                pair = name[3:]
                for k, ch in enumerate(pair):
                    if ch == "|":
                        self.bigrams.setdefault(pair[:k], {})[pair[k + 1:]] = name.encode()
        # The position, index and stop-count attributes together: heads[pos][index][stops].
        self.heads = [[[self.encode([p, i, s]) for s in _STOPS] for i in _INDEX] for p in _POS]
        self.edges = tuple(self.encode(a) for a in _EDGES)
        self.after_year = self.encode(["after-year"])
        self.in_quote = self.encode(["in-quote"])

    def _across_offsets(self, kind: str) -> dict[str, tuple[bytes | None, ...]]:
        """Each value of ``kind`` known at some offset, with its attribute at no offset and at each of :data:`_OFFSETS`."""
        kinds = [self.value[kind]] + [self.value[off + kind] for off in _OFFSETS]
        values = {v for known in kinds for v in known}
        return {v: tuple(known.get(v) for known in kinds) for v in values}

    def encode(self, names: Iterable[str]) -> tuple[bytes, ...]:
        """The known ones of ``names``, in order, UTF-8 encoded."""
        known = self.known
        return tuple([known[a] for a in names if a in known])


@lru_cache(maxsize=1)
def _vocabulary() -> _Vocabulary:
    tagger = _tagger()
    assert tagger is not None
    return _Vocabulary(tagger.info().attributes)  # type: ignore[attr-defined]


# A value the model knows at no offset (see _Vocabulary.by_low).
_UNKNOWN: tuple[bytes | None, ...] = (None,) * 5

_ModelWord = tuple[tuple[bytes, ...], tuple[tuple[bytes, ...], ...], str, dict[str, bytes], bool, bool, bool, bool]


@lru_cache(maxsize=65536)
def _model_word(word: str) -> _ModelWord:
    """:func:`_word_features` of ``word`` as the model reads them, with the bigrams it knows that start with the word.

    Cached apart from :func:`_word_features` (whose cache training fills).
    Each attribute is looked up by its value ("smith" among the known
    "w=..."), so no attribute string is built for a new word.
    """
    w = _word(word)
    vocabulary = _vocabulary()
    low, known, value, unknown = w.low, vocabulary.known, vocabulary.value, _UNKNOWN
    on_low = vocabulary.by_low.get(low, unknown)
    on_shape = vocabulary.by_shape.get(w.shape, unknown)
    on_last = vocabulary.by_last.get(w.last, unknown)
    on_key = vocabulary.by_key.get(w.key, unknown) if w.key else unknown
    own = [on_low[0], on_shape[0], value["suf3="].get(low[-3:]), value["pre2="].get(low[:2]), on_last[0],
           value["first="].get(w.first), value["len="].get(str(w.length)), *[known.get(flag) for flag in w.flags],
           on_key[0]]
    return (
        tuple([a for a in own if a is not None]),
        tuple(tuple([a for a in (on_low[k], on_shape[k], on_last[k], on_key[k]) if a is not None]) for k in (1, 2, 3, 4)),
        low,
        vocabulary.bigrams.get(low, {}),
        w.has_year,
        w.stop,
        w.opens,
        w.keeps,
    )


def _model_features(words: list[str]) -> list[list[bytes]]:
    """:func:`features` of ``words`` as the installed model reads them: only the attributes it knows, as bytes.

    The same walk as :func:`features`, attribute for attribute in the same
    order (tests compare the two), so the tagging is
    the same; faster, as python-crfsuite converts fewer attributes, already
    encoded, and the position attributes come from one precomputed table.
    """
    vocabulary = _vocabulary()
    heads, after_year, in_quote, edges = vocabulary.heads, vocabulary.after_year, vocabulary.in_quote, vocabulary.edges
    base = [_model_word(w) for w in words]
    n = len(words)
    out = []
    seen_year = False
    stops = 0
    quote_open = False
    for i, (own, _, _, bigrams, is_year, stop, opens, keeps) in enumerate(base):
        f = [*own, *heads[i * 10 // n][i if i < 6 else 6][stops if stops < 5 else 5]]
        if seen_year:
            f.extend(after_year)
        if quote_open:
            f.extend(in_quote)
        f.extend(base[i - 2][1][0] if i >= 2 else edges[0])
        f.extend(base[i - 1][1][1] if i >= 1 else edges[1])
        if i + 1 < n:
            after = base[i + 1]
            f.extend(after[1][2])
            bigram = bigrams.get(after[2])
            if bigram is not None:
                f.append(bigram)
        else:
            f.extend(edges[2])
        f.extend(base[i + 2][1][3] if i + 2 < n else edges[3])
        seen_year = seen_year or is_year
        stops += stop
        quote_open = keeps if quote_open else opens
        out.append(f)
    return out


def tag(text: str) -> list[tuple[str, str]] | None:
    """Label the words of one reference, or ``None`` when no model is installed."""
    tagged = tag_with_probability(text)
    return tagged[0] if tagged else None


def tag_with_probability(text: str) -> tuple[list[tuple[str, str]], float] | None:
    """The words' labels and the per-word geometric mean of the labelling's probability."""
    tagger = _tagger()
    words = text.split()
    if tagger is None or not words:
        return None
    labels = tagger.tag(_model_features(words))  # type: ignore[attr-defined]
    probability = tagger.probability(labels)  # type: ignore[attr-defined]
    return list(zip(words, labels)), probability ** (1 / len(words))


def split_names(text: str) -> tuple[tuple[Person, ...], bool]:
    """Split a printed name list in any common order ("Smith, J.", "J. Smith", "Smith J").

    Examples:
        >>> [p.family for p in split_names("J. Smith, K. L. Jones and A. van Dam")[0]]
        ['Smith', 'Jones', 'Dam']
        >>> split_names("van der Berg, Anna, and Jo Smith")[0][0]
        Person(family='Berg', given='Anna', particle='van der', suffix='', literal='')
        >>> split_names("World Health Organization")[0][0].literal
        'World Health Organization'
        >>> [p.family for p in split_names("Heidegger M., Arendt H.")[0]]
        ['Heidegger', 'Arendt']
        >>> [p.family or p.literal for p in split_names("Schulz KF, Altman DG, Moher D; CONSORT Group.")[0]]
        ['Schulz', 'Altman', 'Moher', 'CONSORT Group']
    """
    # Markdown/TeX emphasis ("B. P. Abbott *et al.*") is no part of a name.
    text = _SPACES.sub(" ", _MARKUP.sub(" ", text)).strip(" ,;:")
    if not _ENDS_WITH_INITIAL.search(text):
        # A full stop that ends the author field, not an initial's.
        text = text.rstrip(" .,;:")
    text = _NAMES_LEAD.sub("", text)
    text = _EDS_MARK.sub(" ", text).strip(" ,;")
    # Vancouver's "Kohn LT, Corrigan JM, editors.": the word that marks the names as editors is no name.
    text = _EDITORS_WORD.sub("", text)
    et_al = bool(_ET_AL.search(text))
    text = _ET_AL_CUT.sub("", text)
    series = _BODY_SERIES.match(text)
    if series and _CORPORATE.search(series.group(1)):
        # "National Academies of Sciences, Engineering, and Medicine": the commas and "and" list the fields
        # in one body's name, not people.
        return (Person("", literal=text),), et_al
    if "," not in text and ";" not in text and _is_body(text) and not any(
            _INITIAL.match(w) and not _ACRONYM.match(w) for w in text.split()):
        # "National Institute for Health and Care Excellence", "GBD 2019 ... Collaborators": one body, its "and"
        # no list's (an acronym of three capitals or more is the body's, not a person's initials).
        return (Person("", literal=text),), et_al
    text = _AND.sub(", ", text)
    if ";" in text:
        parts = [p.strip(" ,") for p in text.split(";")]
        # "Schulz KF, Altman DG, Moher D; CONSORT Group": Vancouver names, then a group after the semicolon.
        parts = [q.strip() for p in parts for q in (p.split(",") if _VANCOUVER_NAMES.match(p) else [p])]
    else:
        parts = [p.strip() for p in text.split(",")]
    parts = [p for p in parts if p]
    # "R. Platt Jr", "D'Agostino RB Sr": a suffix after a whole name is a part of its own, read below.
    parts = [q for p in parts for q in ([p.rsplit(" ", 1)[0], p.rsplit(" ", 1)[1]]
                                       if len(p.split()) > 2 and _SUFFIX.match(p.split()[-1]) else [p])]
    people: list[Person] = []
    # Whether the list so far is inverted ("Mervis, Carolyn B., & Greco, Carolyn"): then a later lone
    # family name takes the next part as its given name too.
    inverted = False
    i = 0
    while i < len(parts):
        part = parts[i]
        words = part.split()
        if _SUFFIX.match(part) and people:
            # "Hershey, Robert D., Jr.": the suffix of the name before it.
            last = people[-1]
            people[-1] = Person(last.family, last.given, last.particle, part.rstrip("."), last.literal)
            i += 1
            continue
        if len(words) > 1 and _CORPORATE.search(part):
            people.append(Person("", literal=part))
            i += 1
            continue
        if i + 1 < len(parts) and all(_INITIAL.match(w) for w in parts[i + 1].split()) and not all(
            _INITIAL.match(w) and not _CAPITALS.match(w) for w in words
        ):
            # "LODI, J. B.": a family name in capitals is no run of initials.
            people.append(Person(part, parts[i + 1]))
            inverted = True
            i += 2
            continue
        if (
            i + 1 < len(parts)
            and (len(words) == 1 or _particled(words))
            and not _INITIAL.match(part)
            and _INVERTED_GIVEN.match(parts[i + 1])
            and (i == 0 or " " in parts[i + 1] or inverted)
        ):
            # "Link, Bruce G., and Jo C. Phelan": the first name inverted (MLA, Chicago); "Pate, C. Marvin",
            # "Poole, Keith T" too.
            people.append(Person(part, parts[i + 1]))
            inverted = True
            i += 2
            continue
        if i == 0 and len(words) == 2 and len(parts) > 1 and _COMPOUND_FAMILY.match(part) and _ONE_GIVEN.match(
                parts[i + 1]) and all(len(p.split()) > 1 for p in parts[2:]):
            # "García Márquez, Gabriel", "Lloyd Webber, Andrew": a first author inverted with a family name of
            # two words (Spanish, Portuguese, English double-barrelled without a hyphen); the names after it,
            # if any, are printed given name first.
            people.append(Person(part, parts[i + 1]))
            inverted = True
            i += 2
            continue
        first = _FIRST_GIVENS.match(parts[i + 1]) if i == 0 and len(parts) > 1 and len(words) == 1 else None
        if first and not _INITIAL.match(part):
            # "Hochschild, Arlie Russell", "Beauvoir, Simone de", "Dornelas, José Carlos Assis": the first name
            # inverted, up to four given names or a particle.
            people.append(Person(part, first.group(1), first.group(2).strip()))
            inverted = True
            i += 2
            continue
        inverted = False
        if ";" in text and "," in part:
            family, given = part.split(",", 1)
            people.append(Person(family.strip(), given.strip()))
        elif len(words) > 1 and all(_INITIAL.match(w) for w in words[1:]):
            people.append(Person(words[0], " ".join(words[1:])))
        elif len(words) > 2 and _INITIAL.match(words[-1]) and _particled(words[:-1]):
            # Vancouver "van der Berg A".
            people.append(Person(" ".join(words[:-1]), words[-1]))
        elif len(words) > 1:
            k = len(words) - 1
            while k > 1 and (words[k - 1][:1].islower() or words[k - 1].lower() in _PARTICLES):
                # "Anna van der Berg", "Grant Van Horn": the particles belong to the family name.
                k -= 1
            people.append(Person(" ".join(words[k:]), " ".join(words[:k])))
        else:
            people.append(Person(part))
        i += 1
    return tuple(_split_particle(p) for p in people), et_al


_CORPORATE = re.compile(
    r"\b(?:Organi[sz]ation|Association|Institute|Institut|Society|Council|Department|Agency|Committee|Group|"
    r"Foundation|Office|Cent(?:re|er)|Board|Ministry|Commission|Corporation|Company|Inc|Ltd|Collaboration|"
    r"Consortium|Network|Services|Trust|Bureau|Federation|Alliance|Authority|Government|Team|Collaborators|"
    r"Investigators|Academy|Academies|Task Force|Programme|Fund|Forum|Union|Nations|Secretariat|Laboratory|Panel|"
    r"Initiative|Partnership|Coalition|Observatory|Assembly|Parliament|Institution|Registry)\b"
)
#: Words that name a body only when the name is no list ("World Bank", "Creative Commons"): "Bank" and
#: "Commons" are family names too, and "Anna Bank and Jo Lee" two people.
_WEAK_BODY = re.compile(r"^[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+)*\s+(?:Bank|Commons|Project)$")
#: A body's name that lists its fields after "of"/"for": "Academies of Sciences, Engineering, and Medicine".
_BODY_SERIES = re.compile(
    r"^((?:[A-Z][\w'-]*\s+)+(?:of|for)\s+[A-Z][\w'-]*)(?:,\s+[A-Z][\w'-]*)*,?\s+(?:and|&)\s+[A-Z][\w'-]*$"
)


def _is_body(text: str) -> bool:
    """Whether a name list without commas is one organisation's name (its "and" then the body's own)."""
    return _CORPORATE.search(text) is not None or _WEAK_BODY.match(text) is not None
_SUFFIX = re.compile(r"^(?:Jr|Sr)\.?$")
#: Two capitalised words, no initial: a compound family name when a lone given name follows its comma.
_COMPOUND_FAMILY = re.compile(r"^[A-ZÀ-Þ][a-zß-ÿ'’]+(?:-[A-ZÀ-Þ][a-zß-ÿ]+)? [A-ZÀ-Þ][a-zß-ÿ'’]+(?:-[A-ZÀ-Þ][a-zß-ÿ]+)?$")
#: One given name, maybe with initials after it ("Gabriel", "Mario J."): no second name that could be a family.
_ONE_GIVEN = re.compile(r"^[A-ZÀ-Þ][a-zß-ÿ]+(?:-[A-ZÀ-Þ][a-zß-ÿ]+)?(?:\s+[A-ZÀ-Þ]\.)*$")
# An inverted given name: "Bruce G.", "Keith T", "C. Marvin".
_INVERTED_GIVEN = re.compile(r"^(?:[A-ZÀ-Þ]\.\s+)?[A-ZÀ-Þ][a-zß-ÿ]+(?:-[A-ZÀ-Þ][a-zß-ÿ]+)?(?:\s+[A-ZÀ-Þ]\.?)*$")
# A first author's given names (up to four, "José Carlos Assis") and trailing particles ("Simone de").
_FIRST_GIVENS = re.compile(
    r"^([A-ZÀ-Þ][a-zß-ÿ]+(?:-[A-ZÀ-Þ][a-zß-ÿ]+)?(?:\s+[A-ZÀ-Þ][a-zß-ÿ]+){0,3}(?:\s+[A-ZÀ-Þ]\.)*)"
    r"((?:\s+(?:van|von|der|den|de|del|della|di|da|dos|das|du|la|le|ten|ter|zu|af))*)$"
)
# Four capitals or more with no full stop: a family name in capitals ("LODI"), not initials.
_CAPITALS = re.compile(r"^[A-ZÀ-Þ]{4,}[,;]?$")
_ACRONYM = re.compile(r"^[A-Z]{3,}$")
#: The word that marks a name list as editors, after the names: Vancouver's "editors", Chicago's "eds." and
#: "ed." (lower case only: "Smith, Ed" is a man named Ed).
_EDITORS_WORD = re.compile(r",?\s*\b(?:[Ee]ditors?|[Ee][Dd][Ss]\.?|ed\.?)$")
_VANCOUVER_NAMES = re.compile(r"^[^\W\d][\w'-]+ [A-Z]{1,3}\.?(?:, [^\W\d][\w' -]*? [A-Z]{1,3}\.?)+$")
_PARTICLES = frozenset("van von der den de del della di da dos das du la le ten ter zu af".split())


def _particled(words: list[str]) -> bool:
    """Whether ``words`` are a family name after particles ("van der Berg", "Del Rey", "Van Breusegem")."""
    return len(words) > 1 and all(w.lower() in _PARTICLES for w in words[:-1]) and words[-1][:1].isupper()


def _split_particle(person: Person) -> Person:
    """Move a family name's leading particles ("van der") to ``particle``."""
    words = person.family.split()
    if person.particle or not _particled(words):
        return person
    return Person(words[-1], person.given, " ".join(words[:-1]), person.suffix, person.literal)


_TYPE_HINTS = (
    (re.compile(r"\b(?:thesis|dissertation|diss\.)", re.I), "thesis"),
    (re.compile(r"\b(?:report|working paper|technical rep)", re.I), "report"),
    (re.compile(r"\b(?:proceedings|proc\.|conference|symposium|workshop)", re.I), "paper-conference"),
)


_MARKUP = re.compile(r"</?\w+>|\{\\\w+\s*|[{}*]")
_VOL_KEY = re.compile(
    r"(?<![^\W\d_])(?:vol(?:ume)?s?|v|bd|band|t|tome|jg|jahrgang)\.?\s*((?:[A-Z]{1,3}-)?[A-Za-z]?\d+[A-Za-z]?|[IVXLC]+\b)",
    re.I,
)
# IEEE's "Art. no. 061102", "article number e124": an article number stands for the pages.
_ARTICLE_NO = re.compile(r"[,;]?\s*\b(?:art(?:icle)?\.?\s*(?:no\.?|number|nr\.?)|article)\s*([A-Za-z]?\d+[A-Za-z]?)\b\.?", re.I)
_ISSUE_KEY = re.compile(
    r"(?<![^\W\d_])(?:nos?|n[°º]|nr|n|num(?:ber|éro|ero)?|issue|iss|heft|h|fasc|cahier)\.?\s*"
    r"(\d+[A-Za-z]?(?:\s*[-–/&]\s*\d+)?|[A-Za-z]\d+)",
    re.I,
)
_BARE_VOLUME = re.compile(
    r"^([A-Za-z]?\d+[A-Za-z]?|[IVXLC]+)(?:\s*\(([^)]+)\)|\s*[,:.]\s*(\d+(?:\s*[/&]\s*\d+)?)(?=\s*(?:[,:;.]|$))|\s*/\s*(\d+))?"
    r"\s*[,:;.]?\s*(?:(?:pp?\.?\s*)?([A-Za-z]?\d+\s*[-–—]+\s*[A-Za-z]?\d+|(?<=:)[A-Za-z]?\d+(?=\W*$)))?"
)
_RUN = re.compile(r"^(\d+)\s*(?:\(([^)]+)\))?\s*:\s*([A-Za-z]?\d+(?:\s*[-–—]+\s*[A-Za-z]?\d+)?)$")
_ARTICLE_RUN = re.compile(r"^(\d+)\s*(?:\(([^)]+)\))?\s*:\s*([A-Za-z]\d+)$")
_PAGE_WORDS = re.compile(r"^\(?(?:pp?\.|pages?|pp|s\.|seiten|S\.)\s*|\s*(?:pp?\.?|pages|S\.)\)?$", re.I)


def split_volume(text: str) -> tuple[str, str, str]:
    """Volume, issue and pages from what a reference prints as its volume.

    Examples:
        >>> split_volume("vol. 7, no. 3,")
        ('7', '3', '')
        >>> split_volume("2001;27(1):363-85")
        ('27', '1', '363-85')
        >>> split_volume("n° 54, vol. 1,")
        ('1', '54', '')
        >>> split_volume("v. 45,")
        ('45', '', '')
        >>> split_volume("15;227(5259):680-5.")
        ('227', '5259', '680-5')
    """
    t = _SPACES.sub(" ", _MARKUP.sub(" ", text)).strip(" .,;:[]")
    t = re.sub(r"^\(|\)$", "", t) if t.count("(") != t.count(")") else t
    t = re.sub(r"^.*?\b(?:1[5-9]\d\d|20\d\d)[a-z]?\s*(?:[A-Za-z]{3}\s*(?:\d{1,2})?)?\s*;\s*", "", t)
    # NLM's "1970 Aug 15;227(5259)": the month or day before the semicolon, when the year is a word of its own.
    t = re.sub(r"^(?:[A-Z][a-z]{2}(?:-[A-Z][a-z]{2})?\s*\d{0,2}|\d{1,2})\s*;\s*(?=[A-Za-z]?\d)", "", t)
    if not t:
        return "", "", ""
    article = _ARTICLE_NO.search(t)
    if article:
        t = (t[: article.start()] + t[article.end():]).strip(" .,;:")
    run = _ARTICLE_RUN.match(t)
    if run:
        # "372:n71", "2(8):e124": a lettered article number after the colon is the pages, never an issue.
        return run.group(1), run.group(2) or "", run.group(3)
    art = article.group(1) if article else ""
    vol = _VOL_KEY.search(t)
    iss = _ISSUE_KEY.search(t)
    if not vol and iss and iss.start() > 0:
        vol = re.match(r"([A-Za-z]?\d+[A-Za-z]?|[IVXLC]+\b)", t)
    if vol or (iss and iss.start() == 0):
        volume = vol.group(1) if vol else ""
        issue = iss.group(1) if iss else ""
        if vol and not iss:
            after = re.match(r"\s*(?:\(([^)]+)\)|[,:]\s*(\d+)\b(?!\s*[-–]))", t[vol.end():])
            if after:
                issue = after.group(1) or after.group(2)
        return volume, issue, art
    bare = _BARE_VOLUME.match(t)
    if bare:
        issue = bare.group(2) or bare.group(3) or bare.group(4) or ""
        return bare.group(1), issue.strip(), clean_pages(bare.group(5) or "") or art
    if not re.search(r"\d", t):
        # MLA's "Fall 2019 ed.,": words with no number in them are no volume.
        return "", "", art
    return t, "", art


def clean_pages(text: str) -> str:
    """Pages as printed less "pp."/"pages" words, dashes made plain hyphens.

    >>> clean_pages("pp. 1477 – 81.")
    '1477-81'
    >>> clean_pages("of pages 56-66,")
    '56-66'
    """
    t = _SPACES.sub(" ", _MARKUP.sub(" ", text)).strip(" .,;:()[]")
    t = _BEFORE_PAGES.sub("", t)
    t = _PAGE_WORDS.sub("", t).strip(" .,;:()[]")
    return _DASH_RUN.sub("-", t)


_OPEN_QUOTE = ("“", '"', "‘", "«", "„", "'")
_CLOSE_QUOTE = re.compile(r"[”\"’»'][.,:;]$|[.,:;?!][”\"’»']$")


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
    end = start
    while end < len(tagged) and tagged[end][1] == "title":
        end += 1
    for k in range(start, end - 1):
        word = tagged[k][0]
        if _CLOSE_QUOTE.search(word) and not (k == start and len(word) <= 2):
            return tagged[: k + 1] + [(w, "container-title") for w, _ in tagged[k + 1:end]] + tagged[end:]
    return tagged


_ONE_RUN = frozenset({"author", "editor", "pages"})
_MARKED_PAGES = re.compile(r"\b(?:pp?\.|pages)\s*([A-Za-z]?\d+\s*[-–—]+\s*[A-Za-z]?\d+)")
_GENRE = re.compile(r"dissertation|thesis|report|working paper|doctoral|master|unpublished|preprint|manuscript", re.I)


_GENRE_START = re.compile(
    r"^(?:Technical|Tech\.|Research|Internal|PhD|Ph\.D\.?|Master'?s|MSc|M\.Sc\.|Doctoral|Diploma|Habilitation|"
    r"Preprint|Unpublished|Internet-Draft|Working|Discussion|Report|Thesis|Dissertation)[.,]?$"
)


def _genre_out_of_title(tagged: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """A genre that closes the title ("(Doctoral dissertation).", ". Technical Report 11,") is the genre, not the title.

    >>> _genre_out_of_title([("Peer", "title"), ("support", "title"), ("(Doctoral", "title"), ("dissertation).", "title")])
    [('Peer', 'title'), ('support', 'title'), ('(Doctoral', 'genre'), ('dissertation).', 'genre')]
    >>> _genre_out_of_title([("Robot", "title"), ("vision.", "title"), ("Technical", "title"), ("Report", "title")])
    [('Robot', 'title'), ('vision.', 'title'), ('Technical', 'genre'), ('Report', 'genre')]
    """
    start = next((i for i, (_, label) in enumerate(tagged) if label == "title"), None)
    if start is not None:
        end = start
        while end < len(tagged) and tagged[end][1] == "title":
            end += 1
        for k in range(start + 2, end):
            word, before = tagged[k][0], tagged[k - 1][0]
            if before.endswith((".", ",", ".”", ",”", ".\"", ",\"", "''")) and _GENRE_START.match(word):
                nxt = tagged[k + 1][0] if k + 1 < end else ""
                if re.match(r"^(?:Technical|Tech|Research|Working|Internal|Discussion)", word) and not re.match(r"^(?:Rep|Report|Paper|No|Memo|TR|\w*\d)", nxt):
                    continue  # "Technical", "Research", "Working" start a genre only with "Report", "Paper"...
                return tagged[:k] + [(w, "genre") for w, _ in tagged[k:end]] + tagged[end:]
    end = max((i for i, (_, label) in enumerate(tagged) if label == "title"), default=-1)
    if end < 1 or not re.search(r"[)\]][.,]?$", tagged[end][0]):
        return tagged
    start = end
    while start > 0 and tagged[start - 1][1] == "title" and not tagged[start][0].startswith(("(", "[")):
        start -= 1
    if start == 0 or not tagged[start][0].startswith(("(", "[")) or tagged[start - 1][1] != "title":
        return tagged
    if not _GENRE.search(" ".join(w for w, _ in tagged[start:end + 1])):
        return tagged
    return tagged[:start] + [(w, "genre") for w, _ in tagged[start:end + 1]] + tagged[end + 1:]


def _editors_after_container(tagged: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """IEEE's "in Book, M.-C. Smith and A. Nguyen, Eds.": names the CRF left in the book title go to the editors.

    >>> _editors_after_container([("in", "container-title"), ("Book,", "container-title"), ("M.-C.", "container-title"),
    ...     ("Smith", "container-title"), ("and", "container-title"), ("A.", "editor"), ("Lee,", "editor"), ("Eds.", "editor")])[2:5]
    [('M.-C.', 'editor'), ('Smith', 'editor'), ('and', 'editor')]
    """
    for k in range(1, len(tagged)):
        if tagged[k][1] == "editor" and tagged[k - 1][1] == "container-title":
            end = k
            while end < len(tagged) and tagged[end][1] == "editor":
                end += 1
            if not re.match(r"^\(?[Ee]ds?\.", tagged[end - 1][0]):
                return tagged
            start = k
            while start > 0 and tagged[start - 1][1] == "container-title" and not tagged[start - 1][0].endswith(","):
                start -= 1
            if start == 0 or tagged[start - 1][1] != "container-title" or k - start > 8:
                return tagged
            return tagged[:start] + [(w, "editor") for w, _ in tagged[start:k]] + tagged[k:]
    return tagged


def _end_title_at_italics(tagged: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """An italic title ends at its closing marker: words the CRF ran on past it are the publisher's.

    >>> _end_title_at_italics([("*A", "title"), ("book*.", "title"), ("Delacorte.", "title")])
    [('*A', 'title'), ('book*.', 'title'), ('Delacorte.', 'publisher')]
    """
    start = next((i for i, (_, label) in enumerate(tagged) if label == "title"), None)
    if start is None or not tagged[start][0].startswith(("*", "_")):
        return tagged
    mark = tagged[start][0][0]
    end = start
    while end < len(tagged) and tagged[end][1] == "title":
        end += 1
    for k in range(start, end - 1):
        word = tagged[k][0].rstrip(".,:;")
        if word.endswith(mark) and (k > start or len(word) > 2):
            return tagged[: k + 1] + [(w, "publisher") for w, _ in tagged[k + 1:end]] + tagged[end:]
    return tagged


def _italic_container_to_its_end(tagged: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """An italic container runs to its closing marker: "*Proc. ... (CVPR)*," is all the container.

    >>> _italic_container_to_its_end([("*Proc.", "container-title"), ("Conf.", "container-title"),
    ...     ("(CVPR)*,", "location"), ("Paris,", "location")])[2]
    ('(CVPR)*,', 'container-title')
    """
    start = next((i for i, (_, label) in enumerate(tagged) if label == "container-title"), None)
    if start is None:
        return tagged
    end = start
    while end < len(tagged) and tagged[end][1] == "container-title":
        end += 1
    opened = next((k for k in range(start, end) if tagged[k][0].startswith(("*", "_"))), None)
    if opened is None:
        return tagged
    mark = tagged[opened][0][0]
    if any(tagged[k][0].rstrip(".,:;").endswith(mark) and (k > opened or len(tagged[k][0]) > 2)
           for k in range(opened, end)):
        return tagged
    for k in range(end, min(end + 4, len(tagged))):
        if tagged[k][1] in ("title", "author", "url", "doi"):
            return tagged
        if tagged[k][0].rstrip(".,:;").endswith(mark):
            return tagged[:end] + [(w, "container-title") for w, _ in tagged[end:k + 1]] + tagged[k + 1:]
    return tagged


_LIST_NUMBER = re.compile(r"^(?:\d{1,4}\.|\[\d{1,4}\])$")
#: The small words inside a body's name ("Committee on Quality of Health Care in America").
_BODY_LINKS = frozenset({"of", "for", "and", "on", "in", "the", "&"})


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
    """
    if len(tagged) < 4 or not _LIST_NUMBER.match(tagged[0][0]):
        return tagged
    if tagged[0][1] != "title" and (tagged[0][1] != "citation-number" or any(label == "author" for _, label in tagged)):
        return tagged
    # A committee's name may run long: "Institute of Medicine (US) Committee on Quality of Health Care in America."
    end = next((k for k in range(1, min(len(tagged), 20)) if tagged[k][0].endswith(".")), None)
    if end is None or end + 1 >= len(tagged) or tagged[end + 1][1] != "title":
        return tagged
    group = " ".join(w for w, _ in tagged[1:end + 1])
    if not _CORPORATE.search(group) or not all(w.lstrip("(")[:1].isupper() or w.isdigit() or w in _PARTICLES
                                               or w in _BODY_LINKS for w, _ in tagged[1:end + 1]):
        return tagged
    return [(tagged[0][0], "citation-number")] + [(w, "author") for w, _ in tagged[1:end + 1]] + tagged[end + 1:]


def _body_author_to_its_full_stop(tagged: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """A body's name runs to its full stop: "National Research Council (US)/author Committee on the Future of
    ... America./title Quality ..." holds the committee in the author, and the title starts after the stop.

    Only when the author run names a body (no initials in it), stops without punctuation, and the title's
    first sentence is a body's name too (capitalised words and "of", "on", "in" ...) with more title after it.

    >>> _body_author_to_its_full_stop([("Royal", "author"), ("Society", "author"), ("Working", "title"),
    ...     ("Group", "title"), ("on", "title"), ("Water.", "title"), ("Clean", "title"), ("rivers.", "title")])[2:5]
    [('Working', 'author'), ('Group', 'author'), ('on', 'author')]
    """
    start = next((i for i, (_, label) in enumerate(tagged) if label == "author"), None)
    if start is None:
        return tagged
    k = start
    while k < len(tagged) and tagged[k][1] == "author":
        k += 1
    names = [w for w, _ in tagged[start:k]]
    if k >= len(tagged) or tagged[k][1] != "title" or names[-1][-1:] in ".,;:":
        return tagged
    if any(_INITIAL.match(w) and not _ACRONYM.match(w.strip("()")) for w in names):
        return tagged
    end = next((j for j in range(k, min(k + 15, len(tagged))) if tagged[j][0].endswith(".")), None)
    if end is None or end + 1 >= len(tagged) or tagged[end + 1][1] != "title" or tagged[end][1] != "title":
        return tagged
    sentence = [w for w, _ in tagged[k:end + 1]]
    if not all(w.lstrip("(")[:1].isupper() or w in _BODY_LINKS for w in sentence) or not _CORPORATE.search(
            " ".join(names + sentence)):
        return tagged
    return tagged[:k] + [(w, "author") for w in sentence] + tagged[end + 1:]


def _title_start_before_second_date(tagged: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Vancouver prints the date after the journal; a "date" or "genre" run between the authors and the
    title, when a date follows later, is the title's first words ("CONSORT 2010 statement: ...").

    >>> _title_start_before_second_date([("Moher", "author"), ("D.", "author"), ("CONSORT", "genre"),
    ...     ("2010", "date"), ("statement.", "title"), ("BMJ.", "container-title"), ("2010", "date")])[2:4]
    [('CONSORT', 'title'), ('2010', 'title')]
    """
    first = next((i for i, (_, label) in enumerate(tagged) if label == "title"), None)
    if first is None or not any(label == "date" for _, label in tagged[first:]):
        return tagged
    k = first
    while k > 0 and tagged[k - 1][1] in ("date", "genre"):
        k -= 1
    if k == first or k == 0 or tagged[k - 1][1] != "author" or not tagged[k - 1][0].endswith("."):
        return tagged
    if any(w.startswith("(") or w.endswith((".", ")")) for w, _ in tagged[k:first]):
        return tagged
    return tagged[:k] + [(w, "title") for w, _ in tagged[k:first]] + tagged[first:]


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


def _article_number_out_of_container(tagged: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """APA's "*Frontiers in Psychology*, *4*, Article 863.": the volume and the article number the CRF
    ran into the container (or a note, or a date: "Article 2011.") are the volume (``split_volume`` reads
    "Article 863" as the pages).

    >>> _article_number_out_of_container([("*Brain*,", "container-title"), ("*10*,", "container-title"),
    ...     ("Article", "container-title"), ("1234.", "volume")])[1:]
    [('*10*,', 'volume'), ('Article', 'volume'), ('1234.', 'volume')]
    """
    loose = ("container-title", "note")
    for k in range(1, len(tagged) - 1):
        if (_ARTICLE_WORD.match(tagged[k][0]) and tagged[k][1] in loose and _NUMBER_WORD.match(tagged[k + 1][0])
                and tagged[k + 1][1] in (*loose, "volume", "pages", "date")):
            start = k - 1 if tagged[k - 1][1] in loose and _NUMBER_WORD.match(tagged[k - 1][0]) else k
            if start == 0 or tagged[start - 1][1] != "container-title":
                return tagged
            return tagged[:start] + [(w, "volume") for w, _ in tagged[start:k + 2]] + tagged[k + 2:]
    return tagged


_NAME_SENTENCE = re.compile(r"^(?:[^\W\d][\w'-]* ){1,3}[A-Z]{1,3},(?: (?:[^\W\d][\w'-]* ){1,3}[A-Z]{1,3},)* editors?\.$")


def _editor_names_out_of_title(tagged: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Vancouver's "Hale RT, Moreno AP, editors. Book.": a title that opens with a sentence of names ending
    in "editors." opens with the rest of the author list.

    >>> _editor_names_out_of_title([("Hale", "author"), ("RT,", "author"), ("Moreno", "title"), ("AP,", "title"),
    ...     ("editors.", "title"), ("Book.", "title")])[2:5]
    [('Moreno', 'author'), ('AP,', 'author'), ('editors.', 'author')]
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
            end = k
            while end < len(tagged) and tagged[end][1] == "editor":
                end += 1
            stop = end
            while stop < len(tagged) and tagged[stop][1] == "title":
                stop += 1
            if stop == end:
                return tagged
            return tagged[:end] + [(w, "container-title") for w, _ in tagged[end:stop]] + tagged[stop:]
    return tagged


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
    if _ACCESS_ANYWHERE.search(" ".join(w for w, _ in tagged).lower()) is None:
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


def _day_range_is_a_date(tagged: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """A meeting's "7–9 May" or "May 7-9," is its dates, no page range: a range of two small numbers next to
    a month name.

    >>> _day_range_is_a_date([("Leeds,", "location"), ("12–14", "pages"), ("June.", "date")])[1]
    ('12–14', 'date')
    >>> _day_range_is_a_date([("pp.", "pages"), ("12–14.", "pages")])[1]
    ('12–14.', 'pages')
    """
    out = list(tagged)
    for k, (word, label) in enumerate(tagged):
        if label != "pages":
            continue
        days = _DAY_RANGE.match(word)
        if not days or not 1 <= int(days.group(1)) < int(days.group(2)) <= 31:
            continue
        # No punctuation between the days and the month: "18-28, February 1996" is pages, then a date.
        after = k + 1 < len(tagged) and word[-1].isdigit() and tagged[k + 1][0].rstrip(".,;:").lower() in _MONTHS
        before = k > 0 and tagged[k - 1][0].rstrip(".").lower() in _MONTHS
        if after or before:
            out[k] = (word, "date")
    return out


_ORDINAL_WORD = re.compile(r"^\(?\d+(?:st|nd|rd|th)$|^\(?(?:Rev|Revised|Expanded)\.?$", re.I)
_EDITION_WORD = re.compile(r"^(?:ed|edn|edition)\.?[,;)]*\.?$", re.I)


def _edition_out_of_volume(tagged: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """"(2nd ed., pp. 1-9)", "3rd edn.": an ordinal before "ed." is the edition, whatever label the CRF gave it.

    >>> _edition_out_of_volume([("*Book*", "container-title"), ("(4th", "volume"), ("ed.,", "volume"),
    ...     ("pp.", "pages")])[1:3]
    [('(4th', 'edition'), ('ed.,', 'edition')]
    """
    out = list(tagged)
    for k in range(len(tagged) - 1):
        if (tagged[k][1] in ("volume", "pages", "note", "container-title") and _ORDINAL_WORD.match(tagged[k][0])
                and _EDITION_WORD.match(tagged[k + 1][0])):
            out[k] = (tagged[k][0], "edition")
            out[k + 1] = (tagged[k + 1][0], "edition")
    return out


def _bracket_description_out_of_container(tagged: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """APA's "*Title* [Computer software]. Publisher.": a bracketed description opening the container run is
    the genre; with no volume, issue or pages in the entry, a roman sentence after it is the publisher.

    >>> _bracket_description_out_of_container([("*Tool*", "title"), ("[Data", "container-title"),
    ...     ("set].", "container-title"), ("Acme", "container-title"), ("Lab.", "container-title")])[1:]
    [('[Data', 'genre'), ('set].', 'genre'), ('Acme', 'publisher'), ('Lab.', 'publisher')]
    """
    start = next((i for i, (_, label) in enumerate(tagged) if label == "container-title"), None)
    if start is None or not tagged[start][0].startswith("[") or start == 0 or tagged[start - 1][1] != "title":
        return tagged
    end = start
    while end < len(tagged) and tagged[end][1] == "container-title":
        end += 1
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


_ROLE_WORD = re.compile(r"^(?:translated|edited|compiled|introduced|revised|trans\.|transl\.|ed\.|and|by|with)$", re.I)


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
    start = next((i for i, (_, label) in enumerate(tagged) if label == "container-title"), None)
    if start is None or start == 0 or tagged[start - 1][1] != "title":
        return tagged
    first = next(i for i, (_, label) in enumerate(tagged) if label == "title")
    if not tagged[first][0].startswith(("*", "_")) or not tagged[start - 1][0].rstrip(".,:;").endswith(("*", "_")):
        return tagged
    end = start
    while end < len(tagged) and tagged[end][1] == "container-title":
        end += 1
    words = [w for w, _ in tagged[start:end]]
    if (any(w.startswith(("*", "_")) for w in words) or _IN.match(words[0] + " ") or end >= len(tagged)
            or tagged[end][1] != "date" or any(label in ("volume", "issue", "pages", "editor") for _, label in tagged)):
        return tagged
    return tagged[:start] + [(w, "publisher") for w in words] + tagged[end:]


_REPORT_NUMBER = re.compile(r"^(?:RFC|Rep\.|Report|TR|Memo|Memorandum)$")


def _report_number_out_of_container(tagged: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """IEEE's report "“Title,” Internet Engineering Task Force, RFC 793, Sep. 1981.": the body before a report
    number is the issuing institution (the publisher), the number the genre; neither is a container.

    >>> _report_number_out_of_container([("“T,”", "title"), ("Acme", "container-title"), ("Labs,", "container-title"),
    ...     ("Tech.", "container-title"), ("Rep.", "container-title"), ("TR-7,", "container-title"), ("2001.", "date")])[1:6]
    [('Acme', 'publisher'), ('Labs,', 'publisher'), ('Tech.', 'genre'), ('Rep.', 'genre'), ('TR-7,', 'genre')]
    """
    start = next((i for i, (_, label) in enumerate(tagged) if label == "container-title"), None)
    if start is None or _IN.match(tagged[start][0] + " "):
        return tagged
    end = start
    while end < len(tagged) and tagged[end][1] == "container-title":
        end += 1
    for k in range(start + 1, end - 1):
        if _REPORT_NUMBER.match(tagged[k][0]) and re.search(r"\d", tagged[k + 1][0]):
            body = k - 1 if tagged[k - 1][0] in ("Tech.", "Technical") else k
            if body > start and tagged[body - 1][0].endswith(","):
                return (tagged[:start] + [(w, "publisher") for w, _ in tagged[start:body]]
                        + [(w, "genre") for w, _ in tagged[body:end]] + tagged[end:])
    return tagged


_ITALIC_WORD = re.compile(r"^[*_][^*_\s]+[*_][.,;:]?$")


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


#: A bracketed medium or genre marker after a title: Vancouver's "[Internet]", "[dissertation]", Harvard's
#: "[online]", IEEE's "[Online]", "[PhD thesis]", "[CD-ROM]", "[monograph on the Internet]".
_MEDIUM = re.compile(
    r"^\[(?:[\w'’ -]*\s)?(?:internet|online|thesis|dissertation|cd-rom|dvd|monograph|database|homepage|blog|"
    r"video|audio|podcast|software|computer program|data ?set|preprint|e-?book|serial)(?:\s[\w'’ -]*)?\][.,:;]?$",
    re.I,
)


def _medium_marker_out_of_title(tagged: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """"Title [Internet]. Publisher; 2005.": a bracketed medium marker ending the title run is the genre, not the
    title's words (a bracketed translation or subtitle, "[The history of ...]", stays in the title).

    >>> _medium_marker_out_of_title([("Care", "title"), ("plans", "title"), ("[Internet].", "title"), ("Leeds:", "location")])[2]
    ('[Internet].', 'genre')
    >>> _medium_marker_out_of_title([("Arte", "title"), ("[The", "title"), ("art].", "title")])[2]
    ('art].', 'title')
    """
    first = next((i for i, (_, label) in enumerate(tagged) if label == "title"), None)
    if first is None:
        return tagged
    end = first
    while end < len(tagged) and tagged[end][1] == "title":
        end += 1
    for start in range(end - 1, max(first, end - 5), -1):
        if tagged[start][0].startswith("["):
            phrase = " ".join(w for w, _ in tagged[start:end])
            if _MEDIUM.match(phrase):
                return tagged[:start] + [(w, "genre") for w, _ in tagged[start:end]] + tagged[end:]
            return tagged
    return tagged


def _publisher_after_italic_container(tagged: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """MLA's "*Proceedings of the X Conference*, Morgan Kaufmann, 2001, pp. 1–9.": roman words after an italic
    container's closing marker, up to the date, are its publisher (a journal goes on to "vol."; no date follows).

    >>> _publisher_after_italic_container([("*Proc.", "container-title"), ("Conf.*,", "container-title"),
    ...     ("Acme", "container-title"), ("Press,", "container-title"), ("2001,", "date")])[2:4]
    [('Acme', 'publisher'), ('Press,', 'publisher')]
    >>> _publisher_after_italic_container([("*Annals*", "container-title"), ("Series", "container-title"),
    ...     ("B,", "container-title"), ("vol.", "volume")])[1]
    ('Series', 'container-title')
    """
    start = next((i for i, (_, label) in enumerate(tagged) if label == "container-title"), None)
    if start is None:
        return tagged
    end = start
    while end < len(tagged) and tagged[end][1] == "container-title":
        end += 1
    opened = start + 1 if _IN.match(tagged[start][0] + " ") and start + 1 < end else start
    mark = tagged[opened][0][:1]
    if mark not in ("*", "_") or end >= len(tagged) or tagged[end][1] != "date":
        return tagged
    close = next((k for k in range(opened, end) if tagged[k][0].rstrip(".,:;").endswith(mark)
                  and (k > opened or len(tagged[k][0].rstrip(".,:;")) > 2)), None)
    if close is None or close + 1 >= end or not tagged[close][0].endswith(","):
        return tagged
    words = [w for w, _ in tagged[close + 1:end]]
    if not words[-1].endswith(",") or any(not w[:1].isupper() and w not in ("&", "and", "of") for w in words):
        return tagged
    return tagged[:close + 1] + [(w, "publisher") for w in words] + tagged[end:]


#: The last word of a standards body's document genre: "W3C Recommendation", "ISO Standard", "IETF Internet-Draft",
#: "W3C Working Group Note", "White Paper", "Technical Specification".
_DOCUMENT_GENRE = re.compile(r"^(?:Recommendation|Standard|Draft|Internet-Draft|Note|Specification|Paper|Whitepaper)[.,;]?$")


def _document_genre_is_no_container(tagged: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """IEEE's "“Title,” W3C Recommendation, Nov. 26, 2008.": a short roman run after the title, without "In", that
    ends in a document genre and is followed by the date, in an entry with no volume, issue or pages, is the
    genre; a journal ("*Nursing Standard*, vol. 3") has numbers.

    >>> _document_genre_is_no_container([("“T,”", "title"), ("ISO", "container-title"), ("Standard,", "container-title"),
    ...     ("2019.", "date")])[1:3]
    [('ISO', 'genre'), ('Standard,', 'genre')]
    >>> _document_genre_is_no_container([("“T,”", "title"), ("Nurs.", "container-title"), ("Standard,", "container-title"),
    ...     ("vol.", "volume"), ("3,", "volume"), ("2019.", "date")])[2]
    ('Standard,', 'container-title')
    """
    start = next((i for i, (_, label) in enumerate(tagged) if label == "container-title"), None)
    if start is None or start == 0 or tagged[start - 1][1] != "title" or _IN.match(tagged[start][0] + " "):
        return tagged
    end = start
    while end < len(tagged) and tagged[end][1] == "container-title":
        end += 1
    words = [w for w, _ in tagged[start:end]]
    if (len(words) > 5 or any(w.startswith(("*", "_")) for w in words) or not _DOCUMENT_GENRE.match(words[-1])
            or (end < len(tagged) and tagged[end][1] != "date")
            or any(label in ("volume", "issue", "pages") for _, label in tagged)):
        return tagged
    return tagged[:start] + [(w, "genre") for w in words] + tagged[end:]


# MLA prints web addresses without their scheme: "plato.stanford.edu/entries/...".
_BARE_ADDRESS = re.compile(r"^(?:[a-z0-9-]+\.)+[a-z]{2,6}/\S*$")


def _date_text(text: str) -> str:
    """A date without a year as APA prints it: "n.d.", "in press", else as printed."""
    if re.fullmatch(r"n\.?\s?d\.?|s\.?\s?d\.?|o\.\s?J\.?|no date|undated", text, re.I):
        return "n.d."
    if re.fullmatch(r"in press|forthcoming|im druck|sous presse", text, re.I):
        return text.lower()
    return text


def clean(value: str) -> str:
    """A field's text without italics markers, doubled spaces and edge punctuation."""
    return " ".join(value.replace("*", "").split()).strip(" .,;:\"“”‘’«»()[]")


#: Words around a link that say how to reach it, not what the work is.
_LINK_WORDS = frozenset(["retrieved", "from", "available", "at", "accessed", "cited", "viewed", "on", "via",
                         "online", "[online]", "[internet]", "doi", "url", "internet", "and", "in", "the", "at:"])
_ACCESS_WORDS = frozenset(["retrieved", "accessed", "cited", "viewed", "updated", "consulted"])


def _unplaced_link_words(tagged: list[tuple[str, str]]) -> list[str]:
    """Words the CRF gave to the link that are no link, such as a repository's name ("PsyArXiv.").

    The DOI and URL are read from the raw text, so such words would be lost;
    they are kept as leftover text instead.  Access phrases ("Retrieved
    from", "accessed 5 May 2020") say nothing about the work and are left out.

    >>> _unplaced_link_words([("Title.", "title"), ("PsyArXiv.", "url"), ("https://doi.org/10.1/x", "url")])
    ['PsyArXiv.']
    >>> _unplaced_link_words([("Retrieved", "url"), ("May", "url"), ("3,", "url"), ("2020,", "url"),
    ...                       ("from", "url"), ("https://who.int/", "url")])
    []
    """
    kept: list[str] = []
    accessing = False
    for word, label in tagged:
        if label not in ("url", "doi"):
            accessing = False
            continue
        bare = word.strip(".,;:()[]<>").lower()
        if _LINK.match(word) or _BARE_ADDRESS.match(word):
            accessing = False
        elif bare in _ACCESS_WORDS:
            accessing = True
        elif not accessing and bare and bare not in _LINK_WORDS and bare.rstrip(":") not in _LINK_WORDS:
            kept.append(word)
    return kept


def parse_with_crf(entry: str, ref_id: str, source: SourceLocation) -> Reference | None:
    """Parse one printed reference with the CRF, or ``None`` without a model."""
    raw = " ".join(entry.split())
    result = tag_with_probability(raw)
    if result is None:
        return None
    tagged, certainty = result
    # A DOI or a web address is never part of another field, whatever the CRF says.
    tagged = [(w, "url" if _LINK.match(w) or _BARE_ADDRESS.match(w) else label) for w, label in tagged]
    tagged = _end_title_at_quote(tagged)
    tagged = _end_title_at_italics(tagged)
    tagged = _italic_container_to_its_end(tagged)
    tagged = _title_start_before_second_date(tagged)
    tagged = _group_author_before_title(tagged)
    tagged = _body_author_to_its_full_stop(tagged)
    tagged = _subtitle_out_of_container(tagged)
    tagged = _italic_note_is_container(tagged)
    tagged = _article_number_out_of_container(tagged)
    tagged = _editor_names_out_of_title(tagged)
    tagged = _book_title_after_editors(tagged)
    tagged = _genre_out_of_title(tagged)
    tagged = _editors_after_container(tagged)
    tagged = _access_date_is_no_date(tagged)
    tagged = _no_date_splits_author_and_title(tagged)
    tagged = _day_range_is_a_date(tagged)
    tagged = _edition_out_of_volume(tagged)
    tagged = _bracket_description_out_of_container(tagged)
    tagged = _role_words_join_their_names(tagged)
    tagged = _roman_container_after_italic_title(tagged)
    tagged = _report_number_out_of_container(tagged)
    tagged = _italic_date_is_a_container(tagged)
    tagged = _contributor_phrase_out_of_title(tagged)
    tagged = _medium_marker_out_of_title(tagged)
    tagged = _publisher_after_italic_container(tagged)
    tagged = _document_genre_is_no_container(tagged)
    if not any(label == "title" for _, label in tagged):
        # No title: the first run the CRF gave to a translator, an editor or a
        # note right after the authors and date is the title it missed.
        k = 0
        while k < len(tagged) and tagged[k][1] in ("citation-number", "author", "date"):
            k += 1
        run = tagged[k][1] if k < len(tagged) else ""
        if k and run in ("translator", "editor", "note", "genre"):
            j = k
            while j < len(tagged) and tagged[j][1] == run:
                j += 1
            tagged = tagged[:k] + [(w, "title") for w, _ in tagged[k:j]] + tagged[j:]
        elif k and run in ("publisher", "location"):
            # "..., and Anna Nguyen. Community Support. Routledge, 1950.": the
            # first sentence of a publisher run is the title.
            j = k
            while j < len(tagged) and tagged[j][1] == run and not tagged[j][0].endswith("."):
                j += 1
            if j + 1 < len(tagged) and tagged[j + 1][1] == run:
                tagged = tagged[:k] + [(w, "title") for w, _ in tagged[k:j + 1]] + tagged[j + 1:]
        else:
            # "Smith, Anna, and Anna O'Brien. Health Community.": the author run
            # went on past the full stop that ends the names.
            first = next((i for i, (_, label) in enumerate(tagged) if label == "author"), None)
            end = first
            while end is not None and end < len(tagged) and tagged[end][1] == "author":
                end += 1
            for i in range(first or 0, (end or 0) - 1):
                word = tagged[i][0]
                if first is not None and i > first and word.endswith(".") and len(word.strip(".,")) > 2 \
                        and not _WORD_INITIAL.match(word) and word.rstrip(".").lower() not in ("al", "eds", "ed", "jr"):
                    tagged = tagged[: i + 1] + [(w, "title") for w, _ in tagged[i + 1:end]] + tagged[end:]
                    break
    groups: dict[str, list[str]] = {}
    stray: list[str] = []
    previous = ""
    for word, label in tagged:
        if label in _ONE_RUN and label in groups and previous != label:
            # A second run of author words ("..., Washington, D. C., 1993") is a
            # place or a publisher the CRF misread, not more authors.
            stray.append(word)
        else:
            groups.setdefault(label, []).append(word)
        previous = label
    text = {k: " ".join(v) for k, v in groups.items()}

    authors, et_al = split_names(text.get("author", ""))
    editors, _ = split_names(text.get("editor", "")) if "editor" in text else ((), False)
    date = text.get("date", "")
    year_match = _YEAR.search(date)
    if year_match is None:
        # "2002;1(1):16-20." is one word, labelled volume as a whole; or the
        # year sits in a word the CRF gave to another field.
        year_match = re.match(r"^\(?(1[5-9]\d\d|20\d\d)([a-z]?)\)?\s*;", text.get("volume", ""))
        for word, label in tagged:
            if year_match is not None:
                break
            if label not in ("title", "container-title", "url", "doi", "pages"):
                year_match = _LONE_YEAR.match(word)
    year = int(year_match.group(1)) if year_match else None
    volume, issue, more_pages = split_volume(text.get("volume", ""))
    pages = clean_pages(text.get("pages", "")) or more_pages
    vancouver = _VANCOUVER.search(raw)
    if vancouver and not volume and not pages:
        # "2001;27(1):363-85": the CRF tends to label the whole run a date.
        volume, issue, pages = vancouver.group(1), vancouver.group(2) or "", vancouver.group(3)
    if not volume and not issue and pages:
        # "59(7):614-25" labelled pages as a whole.
        glued = _RUN.match(pages)
        if glued:
            volume, issue, pages = glued.group(1), glued.group(2) or "", glued.group(3)
    if not pages:
        # "pages 393-397," or "pp. 813-818" the CRF gave to another field.
        outside_title = " ".join(w for w, label in tagged if label not in ("title", "url", "doi"))
        marked = _MARKED_PAGES.search(outside_title)
        if marked:
            pages = marked.group(1)
    pages = _DASHES.sub("-", pages)
    container = clean(text.get("container-title", ""))
    lone_acronym = not _IN.match(container)
    container = _IN.sub("", container)
    publisher = clean(text.get("publisher", ""))
    if (lone_acronym and container and not publisher and not volume and not issue and not pages
            and re.fullmatch(r"[A-Z]{2,6}", container) and "editor" not in text):
        # A lone acronym after the title, no "In" before it and no volume or pages ("CERN.") is the issuing
        # body, no journal.
        publisher, container = container, ""
        text.pop("container-title", None)
        text["publisher"] = publisher
    kind = "article-journal"
    if "container-title" not in text:
        kind = "book"
    elif "editor" in text or "publisher" in text:
        kind = "chapter"
    # Hints come from outside the title: a paper titled "A report on ..." is no report.
    outside = " ".join(w for w, label in tagged if label != "title")
    for pattern, hinted in _TYPE_HINTS:
        if pattern.search(outside):
            kind = hinted
            break
    doi, url = doi_and_url(raw)
    if kind == "book" and url and "publisher" not in text:
        kind = "webpage"
    isbn = _ISBN.search(raw) if "ISBN" in raw else None
    pmid = _PMID.search(raw) if "PMID" in raw else None
    leftover = clean(" ".join(groups.get("note", []) + stray + _unplaced_link_words(tagged)))
    found = sum(1 for k in ("author", "title", "date") if k in text)
    return Reference(
        id=ref_id,
        type=kind,
        authors=authors,
        editors=editors,
        et_al=et_al,
        year=year,
        year_suffix=year_match.group(2) if year_match else "",
        date_text="" if year else _date_text(clean(date)),
        title=clean(text.get("title", "")),
        container=container,
        volume=clean(volume),
        issue=clean(issue),
        pages=pages,
        edition=clean(text.get("edition", "")),
        publisher=publisher,
        place=clean(text.get("location", "")),
        doi=doi,
        url=url,
        isbn=isbn.group(1) if isbn else "",
        pmid=pmid.group(1) if pmid else "",
        raw=raw,
        source=source,
        source_format="text",
        confidence=round(certainty * (0.55 + 0.15 * found), 2),
        leftover=leftover,
    )
