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
from functools import lru_cache
from pathlib import Path

from kg.ingest.references.text import doi_and_url
from kg.model import Person, Reference, SourceLocation

MODEL_PATH = Path(__file__).resolve().parent.parent.parent / "data" / "refparse.crfsuite"

_LABEL_MAP = {"journal": "container-title"}
_YEAR = re.compile(r"(1[5-9]\d\d|20\d\d)([a-z]?)")
_GIVEN = re.compile(r"^[A-ZÀ-Þ][a-zß-ÿ]+(?:-[A-ZÀ-Þ][a-zß-ÿ]+)?(?:\s+[A-ZÀ-Þ]\.)*$")
_VANCOUVER = re.compile(r"\b(?:1[5-9]\d\d|20\d\d)[^;]{0,20};\s*(\w+)\s*(?:\(([^)]+)\))?\s*:\s*(\w+(?:\s*[-–]\s*\w+)?)")
_INITIAL = re.compile(r"^(?:[A-ZÀ-Þ]\.?-?){1,3}[.,;]*$")


def _shape(word: str) -> str:
    shape = re.sub(r"[A-ZÀ-Þ]", "A", word)
    shape = re.sub(r"[a-zß-ÿ]", "a", shape)
    shape = re.sub(r"\d", "0", shape)
    return re.sub(r"(.)\1+", r"\1\1", shape)


@lru_cache(maxsize=65536)
def _word_features(word: str) -> dict[str, object]:
    # Cached: words recur across references; callers copy before changing.
    stripped = re.sub(r"^\W+|\W+$", "", word)
    low = stripped.lower()
    return {
        "w": low,
        "sh": _shape(word),
        "suf3": low[-3:],
        "pre2": low[:2],
        "last": word[-1:] if not word[-1:].isalnum() else "_",
        "first": word[:1] if not word[:1].isalnum() else "_",
        "year": bool(_YEAR.search(word)),
        "num": stripped.isdigit(),
        "range": bool(re.search(r"\d\s*[-–—]\s*\d", word)),
        "init": bool(_INITIAL.match(word)),
        "cap": stripped[:1].isupper(),
        "url": word.startswith(("http", "www", "doi:", "10.")),
        "paren": "(" in word or ")" in word,
        "quote": any(q in word for q in "\"“”'«»"),
    }


def features(words: list[str]) -> list[dict[str, object]]:
    """CRF features of each word, with its neighbours' words and position."""
    base = [_word_features(w) for w in words]
    n = len(words)
    out = []
    for i, feats in enumerate(base):
        f: dict[str, object] = dict(feats)
        f["pos"] = min(9, i * 10 // max(n, 1))
        f["i"] = min(i, 6)
        for off in (-2, -1, 1, 2):
            j = i + off
            if 0 <= j < n:
                f[f"{off}:w"] = base[j]["w"]
                f[f"{off}:sh"] = base[j]["sh"]
                f[f"{off}:last"] = base[j]["last"]
            else:
                f[f"{off}:edge"] = True
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
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open(str(MODEL_PATH))
    return tagger


def tag(text: str) -> list[tuple[str, str]] | None:
    """Label the words of one reference, or ``None`` when no model is installed."""
    tagger = _tagger()
    words = text.split()
    if tagger is None or not words:
        return None
    labels = tagger.tag(features(words))  # type: ignore[attr-defined]
    return list(zip(words, labels))


def split_names(text: str) -> tuple[tuple[Person, ...], bool]:
    """Split a printed name list in any common order ("Smith, J.", "J. Smith", "Smith J").

    Examples:
        >>> [p.family for p in split_names("J. Smith, K. L. Jones and A. van Dam")[0]]
        ['Smith', 'Jones', 'van Dam']
        >>> [p.family for p in split_names("Heidegger M., Arendt H.")[0]]
        ['Heidegger', 'Arendt']
    """
    text = re.sub(r"\s+", " ", text).strip(" .,;:")
    text = re.sub(r"^(?:by|edited by|eds?\.?|hrsg\.?)\s+", "", text, flags=re.I)
    text = re.sub(r"\s*\((?:eds?|hrsg|dir|coord)\.?\)\s*", " ", text, flags=re.I).strip(" .,;")
    et_al = bool(re.search(r"\bet\s*al\b\.?", text))
    text = re.sub(r",?\s*\bet\s*al\b\.?", "", text)
    text = re.sub(r"\s*(?:,\s*)?(?:&|\band\b|\bund\b|\bet\b|\by\b)\s+", ", ", text)
    if ";" in text:
        parts = [p.strip(" ,") for p in text.split(";")]
    else:
        parts = [p.strip() for p in text.split(",")]
    parts = [p for p in parts if p]
    people: list[Person] = []
    i = 0
    while i < len(parts):
        part = parts[i]
        words = part.split()
        if i + 1 < len(parts) and all(_INITIAL.match(w) for w in parts[i + 1].split()) and not all(
            _INITIAL.match(w) for w in words
        ):
            people.append(Person(part, parts[i + 1]))
            i += 2
            continue
        if (
            i + 1 < len(parts)
            and len(words) == 1
            and not _INITIAL.match(part)
            and _GIVEN.match(parts[i + 1])
            and (i == 0 or " " in parts[i + 1])
        ):
            # "Link, Bruce G., and Jo C. Phelan": the first name inverted (MLA, Chicago).
            people.append(Person(part, parts[i + 1]))
            i += 2
            continue
        if ";" in text and "," in part:
            family, given = part.split(",", 1)
            people.append(Person(family.strip(), given.strip()))
        elif len(words) > 1 and all(_INITIAL.match(w) for w in words[1:]):
            people.append(Person(words[0], " ".join(words[1:])))
        elif len(words) > 1:
            k = len(words) - 1
            while k > 1 and words[k - 1][:1].islower():
                k -= 1
            people.append(Person(" ".join(words[k:]), " ".join(words[:k])))
        else:
            people.append(Person(part))
        i += 1
    return tuple(people), et_al


_TYPE_HINTS = (
    (re.compile(r"\b(?:thesis|dissertation|diss\.)", re.I), "thesis"),
    (re.compile(r"\b(?:report|working paper|technical rep)", re.I), "report"),
    (re.compile(r"\b(?:proceedings|proc\.|conference|symposium|workshop)", re.I), "paper-conference"),
)


def parse_with_crf(entry: str, ref_id: str, source: SourceLocation) -> Reference | None:
    """Parse one printed reference with the CRF, or ``None`` without a model."""
    raw = re.sub(r"\s+", " ", entry).strip()
    tagged = tag(raw)
    if tagged is None:
        return None
    groups: dict[str, list[str]] = {}
    for word, label in tagged:
        groups.setdefault(label, []).append(word)
    text = {k: " ".join(v) for k, v in groups.items()}

    def clean(value: str) -> str:
        return re.sub(r"\s+", " ", value.replace("*", "")).strip(" .,;:\"“”‘’«»()[]")

    authors, et_al = split_names(text.get("author", ""))
    editors, _ = split_names(text.get("editor", "")) if "editor" in text else ((), False)
    date = text.get("date", "")
    year_match = _YEAR.search(date)
    year = int(year_match.group(1)) if year_match else None
    volume_text = clean(text.get("volume", ""))
    volume, issue = volume_text, ""
    match = re.match(r"^(?:vol(?:ume)?\.?\s*|bd\.?\s*)?([^\s(,:]+)\s*[(,:]?\s*(?:no\.?\s*|nr\.?\s*)?([^)\s]*)\)?", volume_text, re.I)
    if match:
        volume, issue = match.group(1), match.group(2)
    pages = re.sub(r"^(?:pp?\.|s\.)\s*", "", clean(text.get("pages", "")), flags=re.I)
    vancouver = _VANCOUVER.search(raw)
    if vancouver and not volume and not pages:
        # "2001;27(1):363-85": the CRF tends to label the whole run a date.
        volume, issue, pages = vancouver.group(1), vancouver.group(2) or "", vancouver.group(3)
    pages = re.sub(r"\s*[–—-]+\s*", "-", pages)
    container = clean(text.get("container-title", ""))
    container = re.sub(r"^in:?\s+", "", container, flags=re.I)
    kind = "article-journal"
    if "container-title" not in text:
        kind = "book"
    elif "editor" in text or "publisher" in text:
        kind = "chapter"
    for pattern, hinted in _TYPE_HINTS:
        if pattern.search(raw):
            kind = hinted
            break
    doi, url = doi_and_url(raw)
    isbn = re.search(r"ISBN[:\s]*([\dXx-]{10,17})", raw)
    leftover = clean(" ".join(groups.get("note", [])))
    found = sum(1 for k in ("author", "title", "date") if k in text)
    return Reference(
        id=ref_id,
        type=kind,
        authors=authors,
        editors=editors,
        et_al=et_al,
        year=year,
        year_suffix=year_match.group(2) if year_match else "",
        date_text="" if year else clean(date),
        title=clean(text.get("title", "")),
        container=container,
        volume=clean(volume),
        issue=clean(issue),
        pages=pages,
        edition=clean(text.get("edition", "")),
        publisher=clean(text.get("publisher", "")),
        place=clean(text.get("location", "")),
        doi=doi,
        url=url,
        isbn=isbn.group(1) if isbn else "",
        raw=raw,
        source=source,
        source_format="text",
        confidence=round(0.4 + 0.15 * found, 2),
        leftover=leftover,
    )
