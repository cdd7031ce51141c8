"""A CRF (python-crfsuite) sequence labeller for printed references.

Each whitespace-separated word of a reference gets one label (``author``,
``title``, ``container-title``, ``date``, ``volume``, ``pages`` ...), as in
AnyStyle; contiguous words with the same label form a field, which rule
post-processing turns into a :class:`~kg.model.Reference`.  The model ships in
``kg/data/refparse.crfsuite``; retrain it with
``python -m kg.ingest.references.train``.

This module holds the word features, the tagger and the record assembly
(:func:`parse_with_crf`); the parser's other parts have modules of their own,
so each can be read alone: :mod:`~kg.ingest.references.relabel` (the rules
that fix the CRF's labels, applied in order), :mod:`~kg.ingest.references.names`
(splitting name lists) and :mod:`~kg.ingest.references.fields` (volume, issue
and pages).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

import kg
from kg.ingest.references.fields import _RUN, clean_pages, split_volume
from kg.ingest.references.names import _ACRONYM, _CORPORATE, split_names
from kg.ingest.references.relabel import _IN, _LINK, _MONTHS, _YEAR, relabel
from kg.ingest.references.text import doi_and_url
from kg.model import Person, Reference, SourceLocation

#: The trained model, in the package's data folder (found from the package: a compiled module's ``__file__``,
#: read as it is first imported, need not be its file's path).
MODEL_PATH = Path(kg.__file__).resolve().parent / "data" / "refparse.crfsuite"

_LABEL_MAP = {"journal": "container-title"}
_VANCOUVER = re.compile(r"\b(?:1[5-9]\d\d|20\d\d)[^;]{0,20};\s*(\w+)\s*(?:\(([^)]+)\))?\s*:\s*(\w+(?:\s*[-–]\s*\w+)?)")
_DASHES = re.compile(r"\s*[–—-]+\s*")
_ISBN = re.compile(r"ISBN[:\s]*([\dXx-]{10,17})")
_PMID = re.compile(r"\bPMID:?\s*(\d{5,9})\b")
_LONE_YEAR = re.compile(r"^[(\[]?(1[5-9]\d\d|20\d\d)([a-z]?)[)\]]?[.,;:]?$")
# The initials feature the CRF model was trained with (kept as it was).
_WORD_INITIAL = re.compile(r"^(?:[A-ZÀ-Þ]\.?-?){1,3}[.,;]*$")


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
_ASCII_SHAPE_TABLE = bytes.maketrans(
    b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", b"A" * 26 + b"a" * 26 + b"0" * 10)
_EDGE_PUNCT = re.compile(r"^\W+|\W+$")
#: The flags of a word with a digit or a full stop, in feature order, each with the marks one of which a word
#: must hold for the pattern to match (a substring test, much cheaper than the pattern, comes first).
_FLAGS = (
    ("range", re.compile(r"\d\s*[-–—]+\s*\d").search, ("-", "–", "—")),
    ("abbr", re.compile(r"^[A-ZÀ-Þ][a-zß-ÿ]{1,8}\.,?$").match, (".",)),
    ("volno", re.compile(r"^\(?\d+\s*\(\S+\)[:,.]?").match, ("(",)),
    ("vanc", re.compile(r"\d{4}[a-z]?\s*;\s*\d").search, (";",)),
    ("colnum", re.compile(r"^\d+[:;]\d*").match, (":", ";")),
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
    if word.isascii():
        # The same mapping on bytes: a 256-entry table, much cheaper than str.translate's dict lookups.
        return _cut_runs(word.encode().translate(_ASCII_SHAPE_TABLE).decode())
    return _cut_runs(word.translate(_SHAPE_TABLE))


@lru_cache(maxsize=None)  # bounded by _bound_caches
def _cut_runs(classes: str) -> str:
    """``classes`` with each run of one character cut to two.

    Cached: the words of a reference list have ten times fewer letter/digit
    patterns ("Aaaaa,") than spellings, and this loop is the dearest part of
    a new word's features.
    """
    out: list[str] = []
    # The last two characters read; a character is dropped only after two like it, so they are the last two kept.
    last = before = ""
    for ch in classes:
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


#: Marks that often end or open a word, all of them "\W" (neither alphanumeric nor "_").
_COMMON_EDGES = ".,;:()[]{}<>\"'“”‘’«»„*-–—/!?"


def _strip_edges(word: str) -> str:
    r"""``word`` without the runs of "\W" characters at its ends (what ``_EDGE_PUNCT.sub("", word)`` leaves).

    ``str.strip`` of the common marks gives the same when it leaves a word
    character at each end (the runs it took were the whole "\W" runs); only
    other words go through the regular expression.
    """
    stripped = word.strip(_COMMON_EDGES)
    head, tail = stripped[:1], stripped[-1:]
    if (head.isalnum() or head == "_") and (tail.isalnum() or tail == "_"):
        return stripped
    return _EDGE_PUNCT.sub("", word)


def _word(word: str) -> _Word:
    """The parts of a word's features (see :class:`_Word`).

    Cheap tests guard the regular expressions that cannot match (a word of
    letters holds no year): a third or more of the words of a reference list
    are new to the caches, so this runs often.
    """
    stripped = word if word[:1].isalnum() and word[-1:].isalnum() else _strip_edges(word)
    low = stripped.lower()
    flags = []
    letters = word.isalpha()
    has_year = not letters and _YEAR.search(word) is not None
    if has_year:
        flags.append("year")
    if stripped.isdigit():
        flags.append("num")
    # An initial's letter is followed by a capital, ".", "-" or the word's end, never a lower-case letter.
    if word[:1] in _INITIAL_LETTERS and not word[1:2].islower() and _WORD_INITIAL.match(word) is not None:
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
            for name, test, marks in _FLAGS:
                if (marks[0] in word or (len(marks) > 1 and any(m in word for m in marks))) and test(word) is not None:
                    flags.append(name)
    # A word without quotation marks leaves a quotation as it was.
    moves = (quote or plain) and not _QUOTE_MARKS.isdisjoint(word)
    # tuple.__new__ fills the named tuple without the Python-level __new__ a call of _Word runs.
    return tuple.__new__(_Word, (
        low,
        _shape(word),
        word[-1:] if not word[-1:].isalnum() else "_",
        word[:1] if not word[:1].isalnum() else "_",
        len(stripped) if len(stripped) < 8 else 8,
        flags,
        _KEYWORDS.get(low.rstrip("."), ""),
        has_year,
        word[-1:] in ".:;" or word.endswith(('."', ".”", ",”", ',"')),
        _quote_after(word, False) if moves else False,
        _quote_after(word, True) if moves else True,
    ))


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
        # The kinds a new word looks up by value, bound once (``len=`` by the length as a number, 0 to 8).
        self.suf3, self.pre2, self.first = self.value["suf3="], self.value["pre2="], self.value["first="]
        self.length = tuple(self.value["len="].get(str(k)) for k in range(9))
        # The position, index and stop-count attributes together: heads[pos][index][stops].
        self.heads = [[[self.encode([p, i, s]) for s in _STOPS] for i in _INDEX] for p in _POS]
        self.edges = tuple(self.encode(a) for a in _EDGES)
        # What _model_features reads of a neighbour beyond either end: the "edge" attributes at each offset.
        before2, before1, after1, after2 = self.edges
        self.edge_word: _ModelWord = ((), before2, before1, after1, after2, None, None, False, False, False, False)
        self._position_heads: dict[int, list[list[tuple[bytes, ...]]]] = {}
        self.after_year = self.encode(["after-year"])
        self.in_quote = self.encode(["in-quote"])

    def _across_offsets(self, kind: str) -> dict[str, tuple[bytes | None, ...]]:
        """Each value of ``kind`` known at some offset, with its attribute at no offset and at each of :data:`_OFFSETS`."""
        kinds = [self.value[kind]] + [self.value[off + kind] for off in _OFFSETS]
        values = {v for known in kinds for v in known}
        return {v: tuple(known.get(v) for known in kinds) for v in values}

    def position_heads(self, n: int) -> list[list[tuple[bytes, ...]]]:
        """For each word of an ``n``-word reference, its position attributes by stop count: ``heads[pos][index]``."""
        rows = self._position_heads.get(n)
        if rows is None:
            rows = self._position_heads[n] = [self.heads[i * 10 // n][i if i < 6 else 6] for i in range(n)]
        return rows

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

#: A word's own attributes, what its neighbours at -2, -1, +1 and +2 see of it, its lower-cased form (``None`` for
#: the edge words beyond either end), the bigrams starting with it (``None`` for none), and its year, stop and
#: quotation flags.  The collector stops tracking a tuple that holds no container but tuples it no longer tracks; a
#: dict, even an empty one, keeps it tracked, so most entries of the per-word cache leave the collector's lists and
#: the cache's growth sets off no full collection.
_ModelWord = tuple[tuple[bytes, ...], tuple[bytes, ...], tuple[bytes, ...], tuple[bytes, ...], tuple[bytes, ...],
                   str | None, dict[str, bytes] | None, bool, bool, bool, bool]


@lru_cache(maxsize=None)  # bounded by _bound_caches
def _model_word(word: str) -> _ModelWord:
    """:func:`_word_features` of ``word`` as the model reads them, with the bigrams it knows that start with the word.

    Cached apart from :func:`_word_features` (whose cache training fills).
    Each attribute is looked up by its value ("smith" among the known
    "w=..."), so no attribute string is built for a new word.  Known
    attributes are non-empty bytes and unknown ones ``None``, so
    keeping the true ones keeps exactly the known ones, in order (a
    comprehension: compiled, cheaper than ``filter(None, ...)``).
    """
    w = _word(word)
    vocabulary = _vocabulary()
    low, unknown = w.low, _UNKNOWN
    on_low = vocabulary.by_low.get(low, unknown)
    on_shape = vocabulary.by_shape.get(w.shape, unknown)
    on_last = vocabulary.by_last.get(w.last, unknown)
    on_key = vocabulary.by_key.get(w.key, unknown) if w.key else unknown
    own = (on_low[0], on_shape[0], vocabulary.suf3.get(low[-3:]), vocabulary.pre2.get(low[:2]), on_last[0],
           vocabulary.first.get(w.first), vocabulary.length[w.length], *map(vocabulary.known.get, w.flags),
           on_key[0])
    if on_low is unknown:
        # Most new words are unknown to the model: what their neighbours see of them is their shape, last
        # character and keyword alone, shared by many words.
        near = _near_without_word(w.shape, w.last, w.key)
    else:
        near = _near(on_low, on_shape, on_last, on_key)
    return (
        tuple([a for a in own if a]),
        near[0],
        near[1],
        near[2],
        near[3],
        low,
        vocabulary.bigrams.get(low),
        w.has_year,
        w.stop,
        w.opens,
        w.keeps,
    )


#: What the neighbours of a word at -2, -1, +1 and +2 see of it.
_Near = tuple[tuple[bytes, ...], tuple[bytes, ...], tuple[bytes, ...], tuple[bytes, ...]]


def _near(on_low: tuple[bytes | None, ...], on_shape: tuple[bytes | None, ...], on_last: tuple[bytes | None, ...],
          on_key: tuple[bytes | None, ...]) -> _Near:
    """What a word's neighbours at -2, -1, +1 and +2 see of it: the known ones of each kind at that offset."""
    return (
        tuple([a for a in (on_low[1], on_shape[1], on_last[1], on_key[1]) if a]),
        tuple([a for a in (on_low[2], on_shape[2], on_last[2], on_key[2]) if a]),
        tuple([a for a in (on_low[3], on_shape[3], on_last[3], on_key[3]) if a]),
        tuple([a for a in (on_low[4], on_shape[4], on_last[4], on_key[4]) if a]),
    )


@lru_cache(maxsize=None)  # bounded by _bound_caches
def _near_without_word(shape: str, last: str, key: str) -> _Near:
    """:func:`_near` of a word the model knows at no offset, from its shape, last character and keyword."""
    vocabulary = _vocabulary()
    return _near(_UNKNOWN, vocabulary.by_shape.get(shape, _UNKNOWN), vocabulary.by_last.get(last, _UNKNOWN),
                 vocabulary.by_key.get(key, _UNKNOWN) if key else _UNKNOWN)


#: The most words :func:`_model_word` keeps before :func:`_bound_caches` empties it.
_CACHE_WORDS = 65536


def _bound_caches() -> None:
    """Empty the tagging path's per-word caches once they hold :data:`_CACHE_WORDS` words.

    They are unbounded ``lru_cache`` caches, emptied by hand, because a bounded
    one keeps a linked-list cell per entry: a container the garbage collector
    tracks, so a cache filling with a reference list's new words set off full
    collections that cost as much as a tenth of the parse.  The unbounded form
    is a plain dict, and most entries (see :data:`_ModelWord`) are soon
    untracked by the collector.
    """
    if _model_word.cache_info().currsize >= _CACHE_WORDS:
        _model_word.cache_clear()
        _cut_runs.cache_clear()
        _near_without_word.cache_clear()
    if _is_link.cache_info().currsize >= _CACHE_WORDS:
        _is_link.cache_clear()


def _model_features(words: list[str]) -> list[list[bytes]]:
    """:func:`features` of ``words`` as the installed model reads them: only the attributes it knows, as bytes.

    The same walk as :func:`features`, attribute for attribute in the same
    order (tests compare the two), so the tagging is
    the same; faster, as python-crfsuite converts fewer attributes, already
    encoded, and the position attributes come from one precomputed table.
    """
    _bound_caches()
    vocabulary = _vocabulary()
    after_year, in_quote, edge = vocabulary.after_year, vocabulary.in_quote, vocabulary.edge_word
    base = list(map(_model_word, words))
    # Two edge words on either side stand for the neighbours a word at an end lacks: their lists for each
    # offset are the "edge" attributes, and their lower-cased form (None) starts no bigram.
    padded = [edge, edge, *base, edge, edge]
    out = []
    seen_year = False
    stops = 0
    quote_open = False
    for heads, (own, _, _, _, _, _, bigrams, is_year, stop, opens, keeps), before2, before1, after1, after2 in zip(
            vocabulary.position_heads(len(words)), base, padded, padded[1:], padded[3:], padded[4:]):
        f = [*own, *heads[stops if stops < 5 else 5], *(after_year if seen_year else ()),
             *(in_quote if quote_open else ()), *before2[1], *before1[2], *after1[3]]
        if bigrams is not None:
            bigram = bigrams.get(after1[5])
            if bigram is not None:
                f.append(bigram)
        f += after2[4]
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
    words = text.split()
    result = _tag_words(words)
    return (list(zip(words, result[0])), result[1]) if result else None


def _tag_words(words: list[str]) -> tuple[list[str], float] | None:
    """The labels of ``words`` and the per-word geometric mean of the labelling's probability."""
    tagger = _tagger()
    if tagger is None or not words:
        return None
    labels = tagger.tag(_model_features(words))  # type: ignore[attr-defined]
    probability = tagger.probability(labels)  # type: ignore[attr-defined]
    return labels, probability ** (1 / len(words))


# Record assembly: the tagged words, relabelled, made into one Reference.
#: Each hint, the type it gives, and words one of which is in the text, lower-cased, whenever the hint matches.
_TYPE_HINTS = (
    # (As French, Portuguese, Spanish and Italian print a thesis: "Thèse", "Tese", "Tesis", "Tesi".)
    (re.compile(r"\b(?:thesis|dissertation|diss\.|thèse\b|tese\b|tesis\b|tesi\b)", re.I), "thesis",
     ("thesis", "diss", "thèse", "tese", "tesi")),
    (re.compile(r"\b(?:report|working paper|technical rep)", re.I), "report", ("report", "working paper", "technical rep")),
    (re.compile(r"\b(?:proceedings|proc\.|conference|symposium|workshop)", re.I), "paper-conference",
     ("proc", "conference", "symposium", "workshop")),
)
#: The letters other than "I", "S" and "K" that ``re.I`` matches to "i", "s" and "k" ("İ", "ı", "ſ", the Kelvin sign).
_FOLD_TO_ASCII = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})


def _folded(text: str) -> str:
    """``text`` lower-cased, those four letters first made what ``re.I`` matches them to.

    (``str.translate`` with a table walks the whole text in Python's slow
    path; the four substring tests that mostly spare it are far cheaper.)

    >>> _folded("İSTANBUL ſtudies"), _folded("Thèse")
    ('istanbul studies', 'thèse')
    """
    if not text.isascii() and ("\u0130" in text or "\u0131" in text or "\u017f" in text or "\u212a" in text):
        text = text.translate(_FOLD_TO_ASCII)
    return text.lower()


#: A word of each cue of :data:`_TYPE_HINTS` (the first of the two-word ones): the words :func:`_type_hint` reads are
#: some of the entry's, so an entry none of whose words holds one of these (folded the same way) gets no hint.
_HINT_WORDS = ("thesis", "diss", "thèse", "tese", "tesi", "report", "working", "technical", "proc", "conference",
               "symposium", "workshop")


def _type_hint(text: str) -> str:
    """The type the first of :data:`_TYPE_HINTS` to match ``text`` gives, else ``""``.

    Case-insensitive searches are slow in ``re``; a hint is searched for only
    when one of its words is in the text folded as ``re.I`` folds it.
    """
    folded = _folded(text)
    for pattern, hinted, cues in _TYPE_HINTS:
        if any(cue in folded for cue in cues) and pattern.search(text):
            return hinted
    return ""


@lru_cache(maxsize=None)  # bounded by _bound_caches
def _is_link(word: str) -> bool:
    """Whether ``word`` is a DOI or a web address: :data:`_LINK` or :data:`_BARE_ADDRESS` matches it.

    Cached, as every word of every entry is asked (words recur across entries).
    """
    return _LINK.match(word) is not None or _BARE_ADDRESS.match(word) is not None


_ONE_RUN = frozenset({"author", "editor", "pages"})
#: A word closing a run of editors' or translators' names: "eds.", "(Eds.),", "editors.", "trans.".
_ROLE_END = re.compile(r"^\(?(?:eds?|editors?|hrsg|trans|transl|tr|trs|translators?)\.?\)?[.,;:]?$", re.I)
_MARKED_PAGES = re.compile(r"\b(?:pp?\.|pages)\s*([A-Za-z]?\d+\s*[-–—]+\s*[A-Za-z]?\d+)")
#: A volume run the CRF ended inside a part issue's brackets, "1966;44(3 Pt" (the part's number, "2):166-206",
#: read as the pages).
_CUT_PART = re.compile(r"\(\d+\s+Pt\.?$")
#: An article number in a note, "article 31,", "Art. no. e79.": the whole note, nothing else in it.
_NOTE_ARTICLE = re.compile(r"^(?:art(?:icle)?\.?\s*(?:no\.?|number|nr\.?)|article)\s*([A-Za-z]{0,4}\d+[A-Za-z]?)[.,;]?$", re.I)


# MLA prints web addresses without their scheme: "plato.stanford.edu/entries/...", or a site's name alone
# ("2023, example.org."): with no path, only a generic top-level domain marks an address ("art.nr." is none).
_BARE_ADDRESS = re.compile(r"^(?:[a-z0-9-]+\.)+(?:[a-z]{2,6}/\S*|(?:com|org|net|edu|gov|int|info|io)[.,;]?)$")


#: The role words around a translator's names: "Translated by", "trans.", "translated and edited by", Vancouver's
#: closing ", translator." ("translators.").
#: The role word closing MLA's opening translators' names, "Lee, Ann, translator." ("translators.").
_OPENING_TRANSLATOR = re.compile(r",\s*translators?\.$")
_ROLE_WORDS = re.compile(r"^(?:(?:and|&)\s+)?(?:(?:translated|trans\.?|transl\.?|tr\.|edited|ed\.)\s+"
                         r"(?:(?:and|&)\s+)?)+(?:(?:with\s+\w+\s+)?by\s+)?|,?\s*(?:trans|transl|tr|trs|translators?)\.?$", re.I)


def _date_text(text: str) -> str:
    """A date without a year as APA prints it: "n.d.", "in press", else as printed."""
    if re.fullmatch(r"n\.?\s?d\.?|s\.?\s?d\.?|o\.\s?J\.?|no date|undated", text, re.I):
        return "n.d."
    if re.fullmatch(r"in press|forthcoming|im druck|sous presse", text, re.I):
        return text.lower()
    return text


def clean(value: str) -> str:
    """A field's text without italics markers, doubled spaces and edge punctuation."""
    if not value:
        return ""  # most fields of an entry are absent
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
        if _is_link(word):
            accessing = False
        elif bare in _ACCESS_WORDS:
            accessing = True
        elif not accessing and bare and bare not in _LINK_WORDS and bare.rstrip(":") not in _LINK_WORDS:
            kept.append(word)
    return kept


#: The capitalised words of a body's name and the links between them ("Public Health England", "Office for
#: National Statistics"); no "and", which joins two people's names ("Smith and Jones (2014)").
_BODY_NAME_WORD = re.compile(r"^(?:[A-ZÀ-Þ][a-zß-ÿ'’]+(?:-[A-ZÀ-Þ][a-zß-ÿ'’]+)?|of|for|the|on|in)$")
_BRACKETED_YEAR = re.compile(r"^\((?:1[5-9]|20)\d\d[a-z]?[,)]")
#: The links of :data:`_BODY_NAME_WORD` that join a body's words but never a person's names ("Lab of
#: Ornithology", "Centre for Ageing", "Friends of the Earth", "Commission on Tides").
_BODY_LINK = frozenset({"of", "for", "the", "on"})
#: The most words of a linked body's run: a committee's name runs long ("Study Group on the Functional
#: Requirements for ..."); no person's name, no inversion and no initials, has that many.
_LINKED_BODY_WORDS = 16
#: Chicago's author-date year after the author sentence, no brackets: "1993.".
_PLAIN_YEAR = re.compile(r"^(?:1[5-9]|20)\d\d[a-z]?\.$")
#: A quoted title's first word: IEEE's "“Volcanoes".
_QUOTED = re.compile(r"^[“\"]")
#: The words only IEEE prints in a reference (Chicago's notes do not): "vol.", "pp.", "[Online].", "Available:",
#: and its place's country after a US state, "Seattle, WA, USA,".
_IEEE_MARK = re.compile(r"^(?:vol\.|pp\.|\[Online\]\.?|Available:|USA[,.])$")
#: IEEE's abbreviated month before the year, "Oct. 2018." (Chicago's notes spell the month out).
_IEEE_MONTH = re.compile(r"^(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.$")
_IEEE_YEAR = re.compile(r"^(?:1[5-9]|20)\d\d[.,]$")


def _ieee_marked(words: list[str]) -> bool:
    """Whether ``words`` hold one of IEEE's marks (:data:`_IEEE_MARK`) or its abbreviated month before a year
    ("Oct. 2018.").

    >>> _ieee_marked(["Boeing,", "Seattle,", "WA,", "USA,", "2018."]), _ieee_marked(["Acme,", "Oct.", "2018."])
    (True, True)
    >>> _ieee_marked(["in", "Coastal", "Histories,", "October", "2018,", "p.", "12"])
    False
    """
    return any(_IEEE_MARK.match(w) or (_IEEE_MONTH.match(w) and k + 1 < len(words) and _IEEE_YEAR.match(
        words[k + 1])) for k, w in enumerate(words))


def _opening_author_run(tagged: list[tuple[str, str]]) -> tuple[int, int]:
    """Where the entry's opening author run starts (past a citation number) and ends.

    >>> _opening_author_run([("1.", "citation-number"), ("Lee", "author"), ("AB.", "author"), ("Tide.", "title")])
    (1, 3)
    """
    k = 1 if tagged and tagged[0][1] == "citation-number" else 0
    end = k
    while end < len(tagged) and tagged[end][1] == "author":
        end += 1
    return k, end


def _body_before_bracketed_date(tagged: list[tuple[str, str]]) -> bool:
    """Whether the entry opens with one author run of three to eight capitalised words (and links), no comma
    inside it and no initials, where no person's name is printed so: right before the year of an author-date
    style, bracketed (APA's and Harvard's "Public Health England. (2014).") or not (Chicago's "National
    Performance Review. 1993."), as these print the first person inverted ("Health, E. (2014).", "Review,
    Anna. 1993."); or, ended by a comma, right before a quoted title (IEEE's "Global Volcanism Program,
    “Volcanoes ...,”"), as IEEE prints every person initials first ("G. V. Program,").  That is a body's name;
    two words ("Neil Immerman (1989)", "Ann Lee. (2013).") may be a person's name printed given name first.
    A country's dotted capitals may open the run ("U.S. Geological Survey. (2017)."); Harvard's bracketed year
    may follow it with no full stop when a link no person's name holds joins its words ("Cornell Lab of
    Ornithology (2023)"), as a run of plain capitalised words there may be a person's given name first.  A run so
    linked may also run long (a committee's name, up to :data:`_LINKED_BODY_WORDS` words) and open with the
    body's acronym ("NATO Working Party on ...").

    >>> _body_before_bracketed_date([("Public", "author"), ("Health", "author"), ("England.", "author"),
    ...     ("(2014).", "date")]), _body_before_bracketed_date([("Health,", "author"), ("E.", "author"),
    ...     ("(2014).", "date")])
    (True, False)
    >>> _body_before_bracketed_date([("Open", "author"), ("Data", "author"), ("Forum.", "author"),
    ...     ("2001.", "date")]), _body_before_bracketed_date([("Open", "author"), ("Data", "author"),
    ...     ("Forum,", "author"), ("“Rules,”", "title"), ("vol.", "volume")])
    (True, True)
    >>> _body_before_bracketed_date([("Tide", "author"), ("Lab", "author"), ("of", "author"), ("Oslo", "author"),
    ...     ("(2014)", "date")]), _body_before_bracketed_date([("Ann", "author"), ("Lee", "author"), ("Roe", "author"),
    ...     ("(2014)", "date")])
    (True, False)
    """
    k, end = _opening_author_run(tagged)
    if end - k < 3 or end >= len(tagged) or any(label == "author" for _, label in tagged[end:]):
        return False
    words = [w for w, _ in tagged[k:end]]
    # A link no person's name holds (a person's lower-case words are particles, "van", "de") joins a body's words.
    linked = any(w in _BODY_LINK for w in words[1:-1])
    if end - k > (_LINKED_BODY_WORDS if linked else 8):
        return False
    last, (after, label) = tagged[end - 1][0], tagged[end]
    dated = label == "date" and (_BRACKETED_YEAR.match(after) or _PLAIN_YEAR.match(after)) and (
        # Harvard prints no full stop before its bracketed year ("Cornell Lab of Ornithology (2023)"): the run is
        # then a body's only when linked.
        last.endswith(".") or (last[-1:].isalpha() and _BRACKETED_YEAR.match(after) and linked))
    # Chicago's notes print a person given name first before a quoted title too ("Ann Lee Roe, “Title,” in
    # ..."): the quoted title is a body's cue only in an entry with IEEE's marks ("vol.", "pp.", "[Online].", "USA,",
    # "Oct. 2018.").
    quoted = label == "title" and last.endswith(",") and _QUOTED.match(after) and _ieee_marked(
        [w for w, _ in tagged[end:]])
    if not dated and not quoted:
        return False
    if not last[-1:].isalpha():
        words[-1] = words[-1][:-1]
    if _DOTTED_COUNTRY.match(words[0]) or (linked and _ACRONYM.match(words[0])):
        # "U.S. Geological Survey. (2017).": a country's dotted capitals open the body's name (two words at least
        # follow them: the run has three or more); so may a linked body's acronym ("NATO Working Party on ...";
        # unlinked, capitals may be a family name before the given names, "SMITH Anna Lee").
        words = words[1:]
    return words[0][:1].isupper() and all(_BODY_NAME_WORD.match(w) for w in words)


def _acronyms_before_date(tagged: list[tuple[str, str]]) -> bool:
    """Whether the entry opens with one author run of two to four acronyms (three capitals or more each, no
    comma), closed by the names' full stop right before a plain year (Chicago's "NASA JPL. 2013.") or right
    before a bracketed one (APA's and Harvard's "NASA JPL (2013)"): an agency and its unit, one body's name.  A
    person is printed inverted in those styles ("Lee, A. B." or "Lee, Ann."), never as capitals alone.

    >>> _acronyms_before_date([("ESA", "author"), ("ESOC.", "author"), ("2019.", "date"), ("Title.", "title")])
    True
    >>> _acronyms_before_date([("LEE,", "author"), ("ABC.", "author"), ("2019.", "date")])
    False
    """
    k, end = _opening_author_run(tagged)
    if not 2 <= end - k <= 4 or end >= len(tagged) or tagged[end][1] != "date":
        return False
    words = [w for w, _ in tagged[k:end]]
    after = tagged[end][0]
    if words[-1].endswith("."):
        words[-1] = words[-1][:-1]
        if not (_PLAIN_YEAR.match(after) or _BRACKETED_YEAR.match(after)):
            return False
    elif not _BRACKETED_YEAR.match(after):
        return False
    return all(_ACRONYM.match(w) for w in words) and not any(label == "author" for _, label in tagged[end:])


#: A unit's head in a body's hierarchy printed after its parent's name ("..., Population Division").
_BODY_UNIT = re.compile(r"\b(?:Division|Directorate|Section|Unit|Branch|Service)\b")
_BODY_PART_LINK = frozenset({"of", "for", "and", "&", "on", "the", "in"})
#: A country's dotted capitals opening a body's name ("U.S. Department of ...", "U.K. Office for ...").
_DOTTED_COUNTRY = re.compile(r"^(?:[A-Z]\.){2,3}$")


def _country_body_before_title(tagged: list[tuple[str, str]]) -> bool:
    """Whether the entry opens with one author sentence of a country's dotted capitals and two or more
    capitalised words (and links) after them, no comma inside it, ended by a full stop right before the title:
    Vancouver's "10. U.S. Geological Survey. Title ...".  No person's name is printed so before a title: a style
    that prints initials first (IEEE) ends the name with a comma, the others print the family name first (with
    no full stops in Vancouver's initials, "Lee AB."), so the dotted capitals are the country's, the run a body's.

    >>> _country_body_before_title([("1.", "citation-number"), ("U.K.", "author"), ("Tide", "author"),
    ...     ("Survey.", "author"), ("Wave", "title"), ("data.", "title")])
    True
    >>> _country_body_before_title([("J.R.", "author"), ("Van", "author"), ("Roe,", "author"), ("“Waves,”", "title")])
    False
    """
    k, end = _opening_author_run(tagged)
    if end - k < 3 or end >= len(tagged) or tagged[end][1] != "title" or not _DOTTED_COUNTRY.match(tagged[k][0]):
        return False
    words = [w for w, _ in tagged[k + 1:end]]
    if not words[-1].endswith(".") or any(label == "author" for _, label in tagged[end:]):
        return False
    words[-1] = words[-1][:-1]
    return words[0][:1].isupper() and all(_BODY_NAME_WORD.match(w) for w in words)


def _hierarchical_body_end(tagged: list[tuple[str, str]]) -> int | None:
    """Where an opening hierarchical body ends: two or more comma-separated parts, each of two words or more,
    all capitalised or links ("of", "and" ...), no initials, each a body's name or a unit's ("United Nations,
    Department of Economic and Social Affairs, Population Division (2022)"), right before Harvard's bracketed
    year with no full stop (AnyStyle's gold reads APA's "American Bar Association, Commission on Women in the
    Profession. (2001)." as two bodies), or before Chicago's plain year after the names' full stop ("...,
    Population Division. 2019.").  No person is printed so (a person's name has no body's head, an inverted one
    a lone given name or initials): it is one author, a body and its units.

    >>> _hierarchical_body_end([("Ocean", "author"), ("Union,", "author"), ("Office", "title"), ("of", "title"),
    ...     ("Tides", "title"), ("(2001)", "date"), ("*Report*.", "note")])
    5
    >>> _hierarchical_body_end([("Roe,", "author"), ("Anna", "author"), ("(2001)", "date")]) is None
    True
    >>> _hierarchical_body_end([("Ocean", "author"), ("Union,", "author"), ("Tide", "author"), ("Division.", "author"),
    ...     ("2001.", "date")]), _hierarchical_body_end([("Ocean", "author"), ("Union,", "author"), ("Tide", "author"),
    ...     ("Division", "author"), ("2001.", "date")])
    (4, None)
    """
    k = 1 if tagged and tagged[0][1] == "citation-number" else 0
    end = k
    while end < len(tagged) and tagged[end][1] in ("author", "title") and not _BRACKETED_YEAR.match(tagged[end][0]):
        end += 1
    if end >= len(tagged) or tagged[end][1] != "date" or end == k:
        return None
    names = " ".join(w for w, _ in tagged[k:end])
    if _PLAIN_YEAR.match(tagged[end][0]) and names.endswith("."):
        # Chicago's full stop ends the names before its plain year.  (Before a bracketed year, a full stop
        # leaves the run alone: APA's parts, as AnyStyle's gold reads them.)
        names = names[:-1]
    elif not _BRACKETED_YEAR.match(tagged[end][0]):
        return None
    parts = names.split(", ")
    if len(parts) < 2:
        return None
    for part in parts:
        words = part.split()
        if len(words) > 2 and _DOTTED_COUNTRY.match(words[0]):
            # "U.S. Department of Agriculture": the dotted capitals are the country's, not a person's initials
            # (a body's head must still follow among capitalised words).
            words = words[1:]
        if len(words) < 2 or not words[0][:1].isupper() or not all(
                w in _BODY_PART_LINK or _BODY_NAME_WORD.match(w) for w in words):
            return None
        if not (_CORPORATE.search(part) or _BODY_UNIT.search(part)):
            return None
    return end


def _opening_italic_span_is_title(tagged: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """MLA's work with no author opens with its italic title, "*Study of Tides 2019*. Body, 2019.": the CRF may
    read the span as an author and the year inside it as the date.  An italic span opening the entry is a
    title (no style italicises authors); only when no word is a title yet and a date follows the span, so
    the entry keeps its own year.

    >>> [label for _, label in _opening_italic_span_is_title([("*Tide", "author"), ("Study", "author"),
    ...     ("2001*.", "date"), ("Acme,", "publisher"), ("2001.", "date")])]
    ['title', 'title', 'title', 'publisher', 'date']
    """
    k = 1 if tagged and tagged[0][1] == "citation-number" else 0
    if k >= len(tagged) or not tagged[k][0].startswith("*") or tagged[k][0].startswith("**"):
        return tagged
    end = k
    while end < len(tagged) and not (tagged[end][0].rstrip(".,:;").endswith("*") and len(tagged[end][0]) > 1
                                     and (end > k or tagged[end][0].rstrip(".,:;") != "*")):
        end += 1
    if end >= len(tagged) or any(label == "title" for _, label in tagged):
        return tagged
    if not any(label == "date" for _, label in tagged[end + 1:]):
        return tagged
    return tagged[:k] + [(w, "title") for w, _ in tagged[k:end + 1]] + tagged[end + 1:]


def _numbered_body_title_before_note(tagged: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Vancouver's data set by a body, "10. Centre for X at Y University. Data title [dataset]. Host; 2020.":
    the CRF may read the body's sentence as the title and the rest as a note.  A numbered entry with no author
    whose first sentence, read as the whole title, is a body's name (capitalised words and links, a body's
    head) and is followed by a note: the body is the author, the note's first sentence the title, its
    bracketed medium the genre.

    >>> [label for _, label in _numbered_body_title_before_note([("1.", "citation-number"), ("Tide", "title"),
    ...     ("Institute.", "title"), ("Wave", "note"), ("data", "note"), ("[dataset].", "note"),
    ...     ("Acme;", "note")])]
    ['citation-number', 'author', 'author', 'title', 'title', 'genre', 'note']
    """
    if len(tagged) < 4 or tagged[0][1] != "citation-number" or tagged[1][1] != "title":
        return tagged
    end = 1
    while end < len(tagged) and tagged[end][1] == "title":
        end += 1
    if end >= len(tagged) or tagged[end][1] != "note" or not tagged[end - 1][0].endswith(".") or end < 3:
        return tagged
    if any(label in ("title", "author") for _, label in tagged[end:]):
        return tagged
    words = [w for w, _ in tagged[1:end]]
    words[-1] = words[-1][:-1]
    if not words[0][:1].isupper() or not _CORPORATE.search(" ".join(words)) or not all(
            w in _BODY_PART_LINK or w == "at" or _BODY_NAME_WORD.match(w) for w in words):
        return tagged
    stop = end
    while stop < len(tagged) and tagged[stop][1] == "note" and not tagged[stop][0].endswith("."):
        stop += 1
    if stop >= len(tagged) or tagged[stop][1] != "note":
        return tagged
    medium = stop if tagged[stop][0].startswith("[") and tagged[stop][0].endswith("].") else stop + 1
    if medium == end:
        return tagged
    return ([tagged[0]] + [(w, "author") for w, _ in tagged[1:end]] + [(w, "title") for w, _ in tagged[end:medium]]
            + [(w, "genre") for w, _ in tagged[medium:stop + 1]] + tagged[stop + 1:])


_MEETING = re.compile(r"\b(?:Conference|Congress|Symposium|Meeting|Workshop|Colloquium)\b")
_YEAR_STOP = re.compile(r"^(?:1[5-9]|20)\d\d\.$")


def _meeting_place_and_date_in_container(tagged: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """NLM's "In: Population Conference, Liège, 1973. Vol. 1. Liège: Publisher; 1973.": a meeting's name, place
    and date are the container, printed before the volume; the entry's own date follows the publisher.  Only
    when the container run after "In:" names a meeting and ends with a comma, one or two place words follow,
    the last ended by a comma, then a year ended by a full stop, and a later word is a date.

    >>> _meeting_place_and_date_in_container([("In:", "container-title"), ("Tide", "container-title"),
    ...     ("Congress,", "container-title"), ("Oslo,", "location"), ("1990.", "date"), ("Oslo:", "location"),
    ...     ("Acme;", "publisher"), ("1991.", "date")])[3:5]
    [('Oslo,', 'container-title'), ('1990.', 'container-title')]
    """
    for k, (word, label) in enumerate(tagged):
        if word == "In:" and label == "container-title":
            break
    else:
        return tagged
    end = k + 1
    while end < len(tagged) and tagged[end][1] == "container-title":
        end += 1
    if not tagged[end - 1][0].endswith(",") or not _MEETING.search(" ".join(w for w, _ in tagged[k:end])):
        return tagged
    place = end
    while place < len(tagged) and place - end < 2 and tagged[place][1] == "location":
        place += 1
    if place == end or place >= len(tagged) or not tagged[place - 1][0].endswith(","):
        return tagged
    if tagged[place][1] != "date" or not _YEAR_STOP.match(tagged[place][0]):
        return tagged
    if not any(label == "date" for _, label in tagged[place + 1:]):
        return tagged
    return tagged[:end] + [(w, "container-title") for w, _ in tagged[end:place + 1]] + tagged[place + 1:]


def parse_with_crf(entry: str, ref_id: str, source: SourceLocation) -> Reference | None:
    """Parse one printed reference with the CRF, or ``None`` without a model."""
    raw = " ".join(entry.split())
    result = tag_with_probability(raw)
    if result is None:
        return None
    return record_from_tagged(raw, result[0], result[1], ref_id, source)


def record_from_tagged(raw: str, tagged: list[tuple[str, str]], certainty: float, ref_id: str,
                       source: SourceLocation) -> Reference:
    """The record of one reference from its words as the CRF labelled them and the labelling's certainty.

    ``raw`` is the reference with its runs of white space made single spaces,
    and ``tagged`` its words, each with its label.  The rules here and
    :func:`~kg.ingest.references.relabel.relabel` correct the labels before
    the fields are read off them.  (The tests give it labels of their own.)
    """
    # A DOI or a web address is never part of another field, whatever the CRF says.  (Every link holds a "."
    # or a ":"; most words hold neither, and the test spares them the cache.)
    tagged = [(pair[0], "url") if ("." in pair[0] or ":" in pair[0]) and _is_link(pair[0]) else pair
              for pair in tagged]
    # (The body must be followed by a bracketed year, "(2022)", or by a plain one after a full stop.)
    body_end = _hierarchical_body_end(tagged) if "(" in raw or ". " in raw else None
    if body_end is not None:
        # "United Nations, Department of ..., Population Division (2022)": one body, its units after it.
        tagged = [(w, "author" if i < body_end and label != "citation-number" else label)
                  for i, (w, label) in enumerate(tagged)]
    tagged = _meeting_place_and_date_in_container(relabel(tagged))
    tagged = _numbered_body_title_before_note(_opening_italic_span_is_title(tagged))
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
    # Where the words of the run being read go: a resumed run of a one-run label goes elsewhere as a whole.
    target: list[str] = []
    for word, label in tagged:
        if label != previous:
            if label in _ONE_RUN and label in groups:
                # A second run of author words ("..., Washington, D. C., 1993") is a place or a publisher the CRF
                # misread, not more authors: left over.  One right after editors' or translators' names that
                # no role word closed ("edited by Ann Lee and | Bo Kim,") is more of their names, and one
                # right after a publisher ("Printed for A. Roe and | B. Cole.") more of the publisher's.
                if label == "author" and (previous in ("editor", "translator", "publisher")) and not (
                        previous != "publisher" and _ROLE_END.search(groups[previous][-1])):
                    target = groups[previous]
                else:
                    target = stray
            else:
                target = groups.setdefault(label, [])
        target.append(word)
        previous = label
    text = {k: " ".join(v) for k, v in groups.items()}

    authors, et_al = split_names(text.get("author", ""))
    if body_end is not None and "author" in text:
        authors, et_al = (Person("", literal=clean(text["author"]).rstrip(".,")),), False
    elif len(authors) == 1 and not authors[0].literal and (
            _body_before_bracketed_date(tagged) or _country_body_before_title(tagged)
            or _acronyms_before_date(tagged)):
        # APA's and Harvard's "Public Health England. (2014).", Chicago's "... Review. 1993.", IEEE's "Global
        # Volcanism Program, “...”": no inverted name, no initials; Vancouver's "U.S. Geological Survey. Title";
        # Chicago's "NASA JPL. 2013." (acronyms alone).
        authors = (Person("", literal=clean(text["author"]).rstrip(".,")),)
    # APA's "In L. F. Berkman & I. Kawachi (Eds.)": the CRF gives "In" to the editors, where it would
    # join the first editor's given names ("In L. F.") and make another person of her.
    editors, _ = split_names(re.sub(r"^\s*[Ii]n:?\s+", "", text["editor"])) if "editor" in text else ((), False)
    if not authors and not editors and "translator" in text and tagged[0][1] in ("translator", "citation-number") \
            and _OPENING_TRANSLATOR.search(text["translator"]):
        # MLA's "Lee, Ann, translator. *Title*.": no author or editor named, the entry is listed under the
        # translators whose names open it, "Surname, Given, translator.": they are the names it is read by.
        authors, et_al = split_names(_OPENING_TRANSLATOR.sub("", text["translator"]))
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
    # A part issue, "1966;44(3 Pt 2):166-206", the CRF cut inside the brackets: read the run whole.
    volume_text = text.get("volume", "")
    cut = _CUT_PART.search(volume_text) is not None
    vancouver = _VANCOUVER.search(raw) if (cut or not volume and not pages) and ";" in raw else None
    if vancouver:
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
        else:
            # MLA's "vol. 5, 2016, article 31," the CRF read as a note: the article number is the pages.
            note = " ".join(w for w, label in tagged if label == "note")
            numbered = _NOTE_ARTICLE.search(note) if volume else None
            if numbered:
                pages = numbered.group(1)
    pages = _DASHES.sub("-", pages)
    container = clean(text.get("container-title", ""))
    lone_acronym = not _IN.match(container)
    container = _IN.sub("", container)
    publisher = clean(text.get("publisher", ""))
    if (lone_acronym and container and not publisher and not volume and not issue and not pages
            and re.fullmatch(r"[A-Z]{2,6}", container) and "editor" not in text
            and not text["container-title"].startswith(("*", "_"))):
        # A lone acronym after the title, no "In" before it and no volume or pages ("CERN.") is the issuing
        # body, no journal; an italic one (MLA's '"Talk." *TED*, Feb. 2006,') is the container, as italics say.
        publisher, container = container, ""
        text.pop("container-title", None)
        text["publisher"] = publisher
    kind = "article-journal"
    if "container-title" not in text:
        kind = "book"
    elif "editor" in text or "publisher" in text:
        kind = "chapter"
    # Hints come from outside the title: a paper titled "A report on ..." is no report.  (Most entries hold no
    # hint's word at all: the test on the whole entry spares them joining the words outside the title.)
    folded = _folded(raw)
    if any(word in folded for word in _HINT_WORDS):
        kind = _type_hint(" ".join([w for w, label in tagged if label != "title"])) or kind
    doi, url = doi_and_url(raw)
    if kind == "book" and url and "publisher" not in text:
        kind = "webpage"
    isbn = _ISBN.search(raw) if "ISBN" in raw else None
    pmid = _PMID.search(raw) if "PMID" in raw else None
    links = _unplaced_link_words(tagged) if "url" in groups or "doi" in groups else []
    leftover = clean(" ".join(groups.get("note", []) + stray + links))
    found = sum(1 for k in ("author", "title", "date") if k in text)
    # A translator is no author: the names (without "Translated by") are kept beside the record.
    translator = clean(_ROLE_WORDS.sub("", clean(text.get("translator", ""))))
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
        extra=(("translator", translator),) if translator else (),
    )
