"""Pure normalisers: the comparable forms of a record's fields.

Every function is idempotent (normalising twice gives the same result) and
has no state.

References:
    Hair, K., Bahor, Z., Macleod, M., Liao, J., Sena, E. S. (2023). The
    Automated Systematic Search Deduplicator (ASySD). BMC Biology 21:189
    (which fields to normalise, pages such as 221-8).
    Wagner, G., Prester, J., Paré, G. (2021). Exploring the boundaries and
    processes of digital platforms for knowledge work. (bib-dedupe's
    preparation rules: DOI prefixes, language tags in titles.)
"""

from __future__ import annotations

import html
import re
import unicodedata

_LATEX_COMMAND = re.compile(r"\\[a-zA-Z]+\s*|\\.")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_LANGUAGE_TAG = re.compile(r"\[(?:[A-Z][a-z]+(?:\s+[a-z]+)?)\]\.?$")
_DOI = re.compile(r"10\.\d{3,9}/\S+", re.I)
STOPWORDS = frozenset(
    "a an the of on in and for to from with at by as is are its into or via vs versus".split()
)


def fold(text: str) -> str:
    """Lower-case ASCII words separated by single spaces.

    HTML entities and LaTeX commands are decoded or dropped, accents removed.

    >>> fold("Sch{\\\\\\"o}n &amp; Räisänen: The  Role")
    'schon raisanen the role'
    >>> fold(fold("Ünïcode")) == fold("Ünïcode")
    True
    """
    text = html.unescape(text)
    text = text.replace("{", "").replace("}", "")
    text = _LATEX_COMMAND.sub("", text)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return _NON_ALNUM.sub(" ", text.lower()).strip()


def title_key(title: str) -> str:
    """A title's comparable form: folded, language tags like "[Chinese]" dropped.

    >>> title_key("Efficacy of batroxobin. [Chinese]")
    'efficacy of batroxobin'
    """
    title = _LANGUAGE_TAG.sub("", title.strip())
    return fold(title)


def title_words(key: str) -> list[str]:
    """The content words of a title key."""
    return [w for w in key.split() if w not in STOPWORDS]


def doi_key(doi: str) -> str:
    """A DOI without resolver prefixes, lower-case.

    >>> doi_key("http://dx.doi.org/10.1097/MOL.0b013e3282ffaf82")
    '10.1097/mol.0b013e3282ffaf82'
    >>> doi_key("doi: 10.1234/X.")
    '10.1234/x'
    """
    match = _DOI.search(doi.strip())
    return match.group(0).lower().rstrip(".,;") if match else ""


def page_range(pages: str) -> tuple[str, str]:
    """First and last page, the last expanded from its short form.

    >>> page_range("221-8")
    ('221', '228')
    >>> page_range("161--176")
    ('161', '176')
    >>> page_range("e1000316")
    ('e1000316', '')
    >>> page_range("11-Sep")
    ('', '')
    >>> page_range("Suppl-29")
    ('', '')
    """
    if re.search(r"(?i)\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\b", pages):
        return "", ""  # a spreadsheet turned "9-11" into "11-Sep": the pages are lost
    parts = [p for p in re.split(r"\s*(?:-+|–|—)\s*", pages.strip()) if p]
    if not parts:
        return "", ""
    first = parts[0].lstrip("0") or parts[0]
    last = parts[1].lstrip("0") if len(parts) > 1 else ""
    if not re.fullmatch(r"(?i)[a-z]{0,2}\d+|[ivxlc]+", first):
        return "", ""  # "Suppl-29", "t-8": an export mangled the pages
    if first.isdigit() and last.isdigit() and len(last) < len(first):
        last = first[: len(first) - len(last)] + last
    return first.lower(), last.lower()


def container_key(container: str) -> str:
    """A journal or book title's comparable form."""
    return " ".join(title_words(fold(container)))


def abbreviates(short: str, full: str) -> bool:
    """Whether container key ``short`` abbreviates ``full`` word by word.

    >>> abbreviates("curr opin lipidol", "current opinion lipidology")
    True
    >>> abbreviates("j appl phys", "journal applied physics")
    True
    >>> abbreviates("cancer", "cancer cytopathology")
    False
    """
    a, b = short.split(), full.split()
    if not a or len(a) != len(b):
        return False
    return all(y.startswith(x) for x, y in zip(a, b))


def surname_key(name: str) -> str:
    """A surname's comparable form (letters only).

    >>> surname_key("Holt-Lunstad")
    'holtlunstad'
    """
    return fold(name).replace(" ", "")


def numbers_in(text: str) -> frozenset[str]:
    """The numbers that name a part of a series ("Part II", "Study 3", "Phase 2")
    and years in the title: works that differ here are different works.

    >>> sorted(numbers_in("Part II: the 2010 survey, study 3"))
    ['2010', 'part 2', 'study 3']
    >>> sorted(numbers_in("ADAMTS 13 deficiency in 12 children"))
    []
    """
    key = f" {fold(text)} "
    found = set(re.findall(r"\b(?:19|20)\d\d\b", key))
    for word, number in re.findall(r"\b(part|study|phase|trial|experiment|volume|series)\s+([0-9]+|[ivx]+|one|two|three)\b", key):
        number = {"i": "1", "ii": "2", "iii": "3", "iv": "4", "v": "5", "vi": "6", "one": "1", "two": "2",
                  "three": "3"}.get(number, number)
        found.add(f"{word} {number}")
    return frozenset(found)


_NOTICE = re.compile(r"\b(erratum|errata|corrigendum|correction|retraction|retracted|reply|response to|"
                     r"comment on|commentary on|author s reply|in reply)\b")


def notice_kind(title: str) -> str:
    """'notice' for errata, corrections, retractions, comments and replies; '' otherwise."""
    return "notice" if _NOTICE.search(fold(title)) else ""


_GENERIC = frozenset(
    """editorial editorials introduction preface foreword editorial notes editors note letter to the editor
    book review book reviews conclusion commentary news obituary abstracts index announcement""".split("\n")
)


_GENERIC_PHRASES = ("editor s comments", "editors comments", "from the editor", "issue information",
                    "in this issue", "editorial", "letter to the editor", "book review", "guest editor")


def is_generic(title_key_: str) -> bool:
    """Titles shared by many different works ("Editorial", "Editor's Comments").

    >>> is_generic("remarks from mis quarterly editor editor s comments")
    True
    >>> is_generic("social relationships and health")
    False
    """
    words = title_key_.split()
    if len(words) <= 8 and any(phrase in title_key_ for phrase in _GENERIC_PHRASES):
        return True
    return len(words) <= 3 and (title_key_ in _GENERIC or (bool(words) and words[0] in {
        "editorial", "introduction", "preface", "foreword", "erratum", "correction", "letter", "reply",
        "commentary", "news", "obituary", "index"}))
