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
import sys
import unicodedata
from functools import lru_cache
from urllib.parse import unquote

_LATEX_COMMAND = re.compile(r"\\[a-zA-Z]+\s*|\\.")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_LANGUAGE_TAG = re.compile(r"\[(?:[A-Z][a-z]+(?:\s+[a-z]+)?)\]\.?$")
_DOI = re.compile(r"10\.\d{3,9}/\S+", re.I)
_DOI_VIEW = re.compile(r"/(?:full|abstract|pdf|epdf|fulltext|summary)$")
STOPWORDS = frozenset(
    "a an the of on in and for to from with at by as is are its into or via vs versus".split()
)


# Latin-1 and General Punctuation marks, the minus sign and CJK punctuation: after
# NFKD has turned superscripts and ligatures into letters and digits, what is
# left in these blocks is punctuation or space.  A soft hyphen and the
# zero-width joiners sit inside words, so they go without a space.
_PUNCTUATION_TO_SPACE: dict[int, str | None] = {
    **{cp: " " for cp in (*range(0xA0, 0xC0), 0xD7, 0xF7, *range(0x2000, 0x2070), 0x2212, *range(0x3000, 0x3040))},
    **{cp: None for cp in (0xAD, 0x200C, 0x200D, 0x2060)},
}


def fold(text: str) -> str:
    """Lower-case ASCII words separated by single spaces.

    HTML entities and LaTeX commands are decoded or dropped, accents removed.
    Punctuation outside ASCII (en and em dashes, curly quotes, no-break
    spaces) separates words as its ASCII form does: "Shiga-Toxin–Associated"
    and "Shiga-toxin-associated" are the same words, and "Editor’s" is
    "Editor's".

    >>> fold("Sch{\\\\\\"o}n &amp; Räisänen: The  Role")
    'schon raisanen the role'
    >>> fold(fold("Ünïcode")) == fold("Ünïcode")
    True
    >>> fold("Shiga-Toxin–Associated HUS"), fold("Editor’s comments")
    ('shiga toxin associated hus', 'editor s comments')
    """
    if "&" in text:
        text = html.unescape(text)
    if "{" in text or "\\" in text:
        text = text.replace("{", "").replace("}", "")
        text = _LATEX_COMMAND.sub("", text)
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text).translate(_PUNCTUATION_TO_SPACE)
        text = text.encode("ascii", "ignore").decode("ascii")
    return _NON_ALNUM.sub(" ", text.lower()).strip()


_BRACKETED = re.compile(r"\s*\[[^\[\]]*(?:\]|$)")
_YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b")


def _drop_cited_in_parens(text: str) -> str:
    """Drop a closing parenthesis that cites a source ("(vol 360, pg 542, 2009)",
    "(N Engl J Med (2009) 360 (542-544))"): one that holds a year."""
    body = text.rstrip(" .")
    if not body.endswith(")"):
        return text
    depth = 0
    for i in range(len(body) - 1, -1, -1):
        depth += {")": 1, "(": -1}.get(body[i], 0)
        if depth == 0:
            inside = body[i:]
            return body[:i].rstrip() if _YEAR.search(inside) and i > 0 else text
    return text
_CITED_AFTER_ELLIPSIS = re.compile(r"\s*(?:\.\.\.|…)\s+\S.*\b(?:1[89]|20)\d\d\b.*$")
_MARKUP = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?>")
_REPORT_IN_PARENS = re.compile(r"\s*\((?:[A-Za-z]{2,6})[-\s](?:[A-Za-z]{2,6})-(?:TR-)?\d{2}-\d{1,4}\)\s*\.?$")
_ABSTRACT_TAG = re.compile(r"(?i)\s*\((?:structured|provisional) abstract\)")


def clean_title(title: str) -> str:
    """A title without the notes databases append to it.

    MEDLINE and Embase exports add "[Review] [24 refs]", "[Erratum appears in
    ...]", "[Chinese]", "(vol 360, pg 542, 2009)" or "... N Engl J Med.
    2009;360(5):544-6"; a title printed wholly in brackets is a translation
    and keeps its words.

    >>> clean_title("Dynamics of HPV16 load.[Erratum appears in J Clin Virol. 2006;36(4):315]")
    'Dynamics of HPV16 load.'
    >>> clean_title("Eculizumab for aHUS (vol 360, pg 542, 2009)")
    'Eculizumab for aHUS'
    >>> clean_title("Eculizumab for aHUS.[Erratum appears in N Engl J Med. 2009;360(23):2487 Note: Saez [corrected to Opazo]]")
    'Eculizumab for aHUS.'
    >>> clean_title("[Impact of cognitive deficit on survival]")
    'Impact of cognitive deficit on survival'
    >>> clean_title("<date>(1995)</date> Fast perceptual learning in <i>hyperacuity</i>.")
    'Fast perceptual learning in  hyperacuity .'
    >>> clean_title("(1988) An empirical study of learning speed (CMU-CS-88-162)")
    'An empirical study of learning speed'
    """
    text = html.unescape(title).strip()
    if "<" in text:
        text = _MARKUP.sub(" ", text).strip()  # "<i>E. coli</i>", "<date>(1995)</date> Fast ..."
    stripped, previous = text, ""
    while stripped != previous:  # nested notes: "[Erratum appears in ... [corrected to ...]]"
        previous, stripped = stripped, _BRACKETED.sub("", stripped)
    if len(stripped.split()) < 2:
        # Translated titles are printed in brackets: keep the words, drop the tags.
        stripped = _LANGUAGE_TAG.sub("", text.strip()).strip().strip(".").strip("[]")
    stripped = re.sub(r"^\s*\((?:1[89]|20)\d\d[a-z]?\)\s*", "", stripped)  # "(1991) Instance-based ..."
    stripped = _CITED_AFTER_ELLIPSIS.sub("", stripped)
    stripped = _drop_cited_in_parens(stripped)
    stripped = _ABSTRACT_TAG.sub("", stripped)
    stripped = _REPORT_IN_PARENS.sub("", stripped)
    return stripped.strip()


_NOTE_WORDS = re.compile(r"(?i)erratum|comment|review|refs?\b|retract|correct|published|see |appears|author|reply")


def original_title(title: str) -> str:
    """The original-language title some databases print in brackets after a
    translated one ("Crowdwork: ... [Arbeiten in der Crowd: ...]"), folded; '' if none.

    >>> original_title("Working in the platform economy [Arbeiten in der Plattformökonomie]")
    'arbeiten in der plattformokonomie'
    >>> original_title("New paradigms in cervical cancer prevention. [Review] [24 refs]")
    ''
    """
    for inside in re.findall(r"\[([^\[\]]{12,})\]?", html.unescape(title)):
        if len(inside.split()) >= 3 and not _NOTE_WORDS.search(inside) and not title.strip().startswith("["):
            return fold(inside)
    return ""


def title_key(title: str) -> str:
    """A title's comparable form: cleaned (:func:`clean_title`) and folded.

    >>> title_key("Efficacy of batroxobin. [Chinese]")
    'efficacy of batroxobin'
    >>> title_key("New paradigms in cervical cancer prevention. [Review] [24 refs]")
    'new paradigms in cervical cancer prevention'
    """
    return fold(clean_title(title))


def title_words(key: str) -> list[str]:
    """The content words of a title key (interned: a library repeats its vocabulary)."""
    return [sys.intern(w) for w in key.split() if w not in STOPWORDS]


def doi_key(doi: str) -> str:
    """A DOI without resolver prefixes, lower-case.

    >>> doi_key("http://dx.doi.org/10.1097/MOL.0b013e3282ffaf82")
    '10.1097/mol.0b013e3282ffaf82'
    >>> doi_key("doi: 10.1234/X.")
    '10.1234/x'
    >>> doi_key("http://dx.doi.org/10.1016/S0025-7753%2817%2930624-3")
    '10.1016/s0025-7753(17)30624-3'
    >>> doi_key("https://onlinelibrary.wiley.com/doi/10.1111/j.1365-2575.2001.00109.x/full")
    '10.1111/j.1365-2575.2001.00109.x'
    """
    match = _DOI.search(unquote(doi.strip()))
    if not match:
        return ""
    # A publisher's landing-page URL adds the view ("/full", "/abstract", "/pdf").
    return _DOI_VIEW.sub("", match.group(0).lower().rstrip(".,;"))


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
    >>> page_range("pp. 37-66.")
    ('37', '66')
    >>> page_range("(pp. 107 - 120).")
    ('107', '120')
    >>> page_range("pp. 794 799).")
    ('794', '799')
    """
    if re.search(r"(?i)\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\b", pages):
        return "", ""  # a spreadsheet turned "9-11" into "11-Sep": the pages are lost
    # "(pp. 414-417).", "pp 278-296", "pp. 794 799)": brackets, a prefix and a range whose dash became a space.
    pages = pages.strip().rstrip(".,;").strip("()[] ")
    pages = re.sub(r"(?i)^(?:pp?\.|pp?\s|pages?\b)\s*", "", pages).strip().rstrip(".,;")
    spaced = re.fullmatch(r"(\d+)\s+(\d+)", pages)
    if spaced and int(spaced[2]) >= int(spaced[1]):
        pages = f"{spaced[1]}-{spaced[2]}"
    parts = [p for p in re.split(r"\s*(?:-+|–|—)\s*", pages.strip()) if p]
    if not parts:
        return "", ""
    first = parts[0].lstrip("0") or parts[0]
    last = parts[1].lstrip("0") if len(parts) > 1 else ""
    if not re.fullmatch(r"(?i)[a-z]{0,2}\d+|[ivxlc]+", first):
        return "", ""  # "Suppl-29", "t-8": an export mangled the pages
    if first.isdigit() and last.isdigit() and len(last) < len(first):
        last = first[: len(first) - len(last)] + last
    return sys.intern(first.lower()), sys.intern(last.lower())


_CONTAINER_NOTE = re.compile(
    r"(?i)\s*(?:\[[^\]]*\]|\((?:online|print|electronic|clinical research ed\.?)\)|\(\w+\)\s*$)")
_CONTAINER_TAIL = re.compile(r"(?i)(?:\s+[:\-–]\s+|\.\s*conference\b|\s+vol\b\.?\s*\d).*$")


@lru_cache(maxsize=65536)
def container_key(container: str) -> str:
    """A journal or book title's comparable form.

    Subtitles after " : ", meeting notes (".Conference: ..."), "[Electronic
    Resource]", "(Online)" and a leading "In" are dropped.

    >>> container_key("Clinical cancer research : an official journal of the AACR")
    'clinical cancer research'
    >>> container_key("Nephron - Clinical Practice.")
    'nephron'
    >>> container_key("PLoS ONE [Electronic Resource]")
    'plos one'
    >>> container_key("In Advances in Neural Information Processing Systems 2")
    'advances neural information processing systems'
    >>> container_key("Med Clin (Barc)")
    'med clin'
    """
    text = html.unescape(container).strip()
    text = _CONTAINER_TAIL.sub("", text)
    text = _CONTAINER_NOTE.sub("", text)
    text = re.sub(r"^(?i:in)\s+(?=[A-Z])", "", text.strip())
    # Years and volume numbers printed inside the name ("AMCIS 2017 Proceedings").
    return " ".join(w for w in title_words(fold(text)) if not w.isdigit())


def _acronym(letters: str, words: list[str]) -> bool:
    """Whether ``letters`` splits into non-empty prefixes of ``words`` in order."""
    if not words:
        return not letters
    word = words[0]
    for size in range(min(len(word), len(letters) - len(words) + 1), 0, -1):
        if word.startswith(letters[:size]) and _acronym(letters[size:], words[1:]):
            return True
    return False


def abbreviates(short: str, full: str) -> bool:
    """Whether container key ``short`` abbreviates ``full`` word by word.

    >>> abbreviates("curr opin lipidol", "current opinion lipidology")
    True
    >>> abbreviates("j appl phys", "journal applied physics")
    True
    >>> abbreviates("cancer", "cancer cytopathology")
    False
    >>> abbreviates("icis", "international conference information systems")
    True
    >>> abbreviates("amcis proceedings", "americas conference information systems")
    True
    >>> abbreviates("nips", "advances neural information processing systems")
    True
    """
    a, b = short.split(), full.split()
    a = [w for w in a if w not in ("proceedings", "proc")] or a
    if not a:
        return False
    if len(a) == 1 and len(a[0]) <= 8:
        # An acronym: "icis" or "amcis" for "americas conference information systems";
        # "nips" for "advances neural information processing systems" (its first word left out).
        if len(b) > 2 and _acronym(a[0], b) or len(b) > 3 and _acronym(a[0], b[1:]):
            return True
    if len(a) != len(b):
        return False
    return all(y.startswith(x) for x, y in zip(a, b))


@lru_cache(maxsize=262144)
def surname_key(name: str) -> str:
    """A surname's comparable form (letters only).

    >>> surname_key("Holt-Lunstad")
    'holtlunstad'
    """
    return fold(name).replace(" ", "")


_NO_NUMBERS: frozenset[str] = frozenset()
_NUMBER_WORDS = {"one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7",
                 "eight": "8", "nine": "9", "ten": "10", "twelve": "12", "twenty": "20"}
_ROMAN = {"i": "1", "ii": "2", "iii": "3", "iv": "4", "v": "5", "vi": "6", "vii": "7", "viii": "8", "ix": "9"}


def numbers_in(text: str) -> frozenset[str]:
    """The numbers that name a part of a series ("Part II", "Study 3", "Phase 2")
    and years in the title: works that differ here are different works.

    >>> sorted(numbers_in("Part II: the 2010 survey, study 3"))
    ['2010', 'part 2', 'study 3']
    >>> sorted(numbers_in("ADAMTS 13 deficiency in 12 children"))
    []
    >>> [sorted(numbers_in(t)) for t in ("Self-help groups, Part B", "Self-help groups (II)", "Part II: groups")]
    [['part b'], ['part 2'], ['part 2']]
    >>> sorted(numbers_in("Insulin in diabetes type II")), sorted(numbers_in("Care in cancer of stage IV"))
    ([], [])
    >>> sorted(numbers_in("Housing first: 5-year follow-up")), sorted(numbers_in("Housing first: five year follow up"))
    (['5 year'], ['5 year'])
    """
    key = f" {fold(text)} "
    found = set(re.findall(r"\b(?:19|20)\d\d\b", key))
    for word, number in re.findall(r"\b(part|study|phase|trial|experiment|volume|series)\s+([0-9]+|[ivx]+|one|two|three)\b", key):
        number = {"i": "1", "ii": "2", "iii": "3", "iv": "4", "v": "5", "vi": "6", "one": "1", "two": "2",
                  "three": "3"}.get(number, number)
        found.add(f"{word} {number}")
    # "Part A" / "Part B"; a title ending in a numeral ("Self-help groups II", "... (III)"): parts too.
    found.update(f"part {letter}" for letter in re.findall(r"\bpart\s+([a-h])\b", key))
    last = re.search(r"(?<!type)(?<!phase)(?<!grade)(?<!stage)(?<!class)(?<!step)\s(ii|iii|iv|vi|vii|viii|ix)\s*$",
                     key)  # "type II diabetes" is no part: it is "type 2" in another record
    if last:
        found.add(f"part {_ROMAN[last.group(1)]}")
    # How long a cohort was followed: "5-year follow-up" and "10-year follow-up" are two reports.
    for number, unit in re.findall(rf"\b([0-9]+|{'|'.join(_NUMBER_WORDS)})\s+(year|month|week)s?\b", key):
        found.add(f"{_NUMBER_WORDS.get(number, number)} {unit}")
    return frozenset(found) if found else _NO_NUMBERS


#: Words that set two studies of one team apart when the titles differ in them and agree otherwise
#: ("... : a qualitative study" / "... : a quantitative study", "... in men" / "... in women"): each
#: word gives its axis and its side.
_CONTRASTS = {
    "qualitative": "method qualitative", "quantitative": "method quantitative",
    "men": "sex men", "male": "sex men", "males": "sex men", "boys": "sex men",
    "women": "sex women", "female": "sex women", "females": "sex women", "girls": "sex women",
    "adult": "age adult", "adults": "age adult", "child": "age child", "children": "age child",
    "childhood": "age child", "adolescent": "age adolescent", "adolescents": "age adolescent",
    "infant": "age infant", "infants": "age infant",
    "acute": "course acute", "chronic": "course chronic",
    "prospective": "design prospective", "retrospective": "design retrospective",
    "urban": "setting urban", "rural": "setting rural",
    "inpatient": "care inpatient", "inpatients": "care inpatient",
    "outpatient": "care outpatient", "outpatients": "care outpatient",
}
_NO_CONTRASTS: frozenset[str] = frozenset()
_contrast_sets: dict[frozenset[str], frozenset[str]] = {}  # one set object per distinct set


def contrasts_in(title: str) -> frozenset[str]:
    """The contrast words of a folded title, as "axis side" (see :func:`contrasting`).

    >>> sorted(contrasts_in("peer support for adults and children with a chronic illness"))
    ['age adult', 'age child', 'course chronic']
    """
    found = frozenset(_CONTRASTS[w] for w in title.split() if w in _CONTRASTS)
    return _contrast_sets.setdefault(found, found) if found else _NO_CONTRASTS


def contrasting(a: frozenset[str], b: frozenset[str]) -> str:
    """An axis on which two titles name different sides and share none ('' when none): "in men" against
    "in women", but not "in adults and children" against "in children".

    >>> contrasting(frozenset({"sex men"}), frozenset({"sex women"})), contrasting(frozenset({"age adult",
    ...     "age child"}), frozenset({"age child"}))
    ('sex', '')
    """
    if a == b or not a or not b:
        return ""
    sides: dict[str, tuple[set[str], set[str]]] = {}
    for which, found in ((0, a), (1, b)):
        for item in found:
            axis, side = item.split(" ", 1)
            sides.setdefault(axis, (set(), set()))[which].add(side)
    return next((axis for axis, (x, y) in sorted(sides.items()) if x and y and not x & y), "")


_NOTICE = re.compile(r"\b(erratum|errata|corrigendum|correction|retraction|retracted|reply|response to|"
                     r"comment on|commentary on|author s reply|in reply)\b")


_NOTICE_KINDS = {"erratum": "correction", "errata": "correction", "corrigendum": "correction",
                 "correction": "correction", "retraction": "retraction", "retracted": "retraction",
                 "comment on": "comment", "commentary on": "comment"}  # any other: a reply


def notice_kind(title: str) -> str:
    """The kind of notice a title announces: 'correction', 'retraction', 'comment' or 'reply' (a
    comment and the reply to it are two notices); '' otherwise.

    >>> [notice_kind(t) for t in ("Erratum: Peer support", "Reply to comment on: Peer support", "Peer support")]
    ['correction', 'reply', '']
    """
    found = _NOTICE.search(fold(title))
    return _NOTICE_KINDS.get(found.group(1), "reply") if found else ""


# Trial registry numbers (ClinicalTrials.gov, ISRCTN, ANZCTR, ChiCTR, DRKS, UMIN,
# CRiS, PACTR, CTRI, IRCT; EudraCT numbers only after the word "EudraCT", since
# the bare form "2009-012345-67" is not distinctive).
_REGISTRY_HINTS = ("CT", "DRKS", "UMIN")  # every other prefix holds "CT": a cheap test before the pattern
_REGISTRY_ID = re.compile(
    r"\b(NCT) ?(\d{8})\b|\b(ISRCTN) ?(\d{8})\b|\b(ACTRN) ?(\d{14})\b|\b(ChiCTR)(-?[A-Z]{0,4}-?\d{6,})\b"
    r"|\b(DRKS)(\d{8})\b|\b(UMIN)(\d{9})\b|\b(KCT)(\d{7})\b|\b(PACTR)(\d{15})\b"
    r"|\b(CTRI)/(\d{4}/\d{2,3}/\d{6})\b|\b(IRCT)(\d{6,}N\d{1,3})\b"
    r"|\b(EudraCT)\b[^0-9]{0,25}(\d{4}-\d{6}-\d{2})\b")
_NO_REGISTRATIONS: frozenset[str] = frozenset()


def registry_ids(*texts: str) -> frozenset[str]:
    """The trial registry numbers named in a record's texts (title, citation,
    URL, abstract, notes), upper-case and without spaces.

    A registry number names one trial as a DOI names one article: records that
    name only different registrations report different trials, however alike
    their titles (sibling registrations for adults and for adolescents share
    every word but one, and some share every word).

    >>> sorted(registry_ids("Eculizumab in aHUS. ClinicalTrials.gov: NCT 00844545; EudraCT no. 2008-003020-33"))
    ['EUDRACT2008-003020-33', 'NCT00844545']
    >>> sorted(registry_ids("https://clinicaltrials.gov/show/NCT00838513", "ISRCTN12345678"))
    ['ISRCTN12345678', 'NCT00838513']
    >>> registry_ids("A study of NCT-1 cells in 2009-012345-67 patients")
    frozenset()
    """
    found: set[str] = set()
    for text in texts:
        if not text or not any(hint in text for hint in _REGISTRY_HINTS):
            continue
        for match in _REGISTRY_ID.finditer(text):
            prefix, number = (g for g in match.groups() if g)
            found.add(sys.intern(f"{prefix}{number}".upper()))
    return frozenset(found) if found else _NO_REGISTRATIONS


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


_LANGUAGE_WORDS = {
    "en": frozenset("the of and in on for with from to an is are by".split()),
    "de": frozenset("der die das und im zum zur fur von mit ein eine des den dem auf uber als".split()),
    "fr": frozenset("le la les des du et une dans pour sur par au aux est".split()),
    "es": frozenset("el la los las del y en para por con una un sobre".split()),
    "pt": frozenset("o os da do das dos e em para com uma um sobre".split()),
    "it": frozenset("il lo gli della delle del e per con una un nel sulla".split()),
}
_WORD_LANGUAGES: dict[str, tuple[str, ...]] = {}
for _lang, _vocab in _LANGUAGE_WORDS.items():
    for _word in _vocab:
        _WORD_LANGUAGES[_word] = (*_WORD_LANGUAGES.get(_word, ()), _lang)


def language_of(title_key_: str) -> str:
    """A guess at a folded title's language from its function words ('' when unsure).

    Used only to tell a translated title from a different work at the same
    pages, so it needs two clear function words.

    >>> language_of("zum aktuellen stand des plattformkapitalismus und der arbeit")
    'de'
    >>> language_of("the current situation of platform capitalism")
    'en'
    >>> language_of("deep learning")
    ''
    """
    counts: dict[str, int] = {}
    for word in title_key_.split():
        for lang in _WORD_LANGUAGES.get(word, ()):
            counts[lang] = counts.get(lang, 0) + 1
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    if not ranked or ranked[0][1] < 2 or (len(ranked) > 1 and ranked[0][1] == ranked[1][1]):
        return ""
    return ranked[0][0]


_REPORT_NUMBER = re.compile(r"\b([A-Za-z]{2,6})[-\s]([A-Za-z]{2,6})-(?:TR-)?(\d{2})-(\d{1,4})\b")


def report_number(raw: str, title: str = "") -> str:
    """A technical report's number ("CMU-CS-88-162") in a citation string, upper-case; '' if none.

    Like a DOI it names one report, whatever title a citer gives it.

    >>> report_number("Fahlman, S. E. An empirical study. Technical Report CMU CS-88-162, Carnegie Mellon.")
    'CMU-CS-88-162'
    >>> report_number("Smith, J. (1990). A study. Journal of Things, 12, 34-56.")
    ''
    """
    # The title is searched too: a citer may print the number inside it
    # ("An empirical study ... (CMU-CS-88-162)").
    match = _REPORT_NUMBER.search(raw) or _REPORT_NUMBER.search(title)
    if not match:
        return ""
    return sys.intern("-".join((match.group(1).upper(), match.group(2).upper(), match.group(3),
                                match.group(4).lstrip("0") or "0")))


_RAW_REPORT = re.compile(r"(?i)\b(?:tech(?:nical)?\.?\s*(?:rep(?:ort)?|memo)\b|working paper\b|TR[- ]?\d|rpt\b)"
                         r"|\b[A-Za-z]{2,}-[A-Za-z]{2,}-(?:TR-)?\d\d-\d{2,}\b")  # CMU-CS-90-100
_RAW_THESIS = re.compile(r"(?i)\b(?:ph\.?\s?d\.?|doctoral|master'?s)\s+(?:thesis|dissertation)\b|\bdissertation\b|^\s*ph\.?\s?d\b")
_RAW_VENUE = re.compile(r"(?i)\b(?:in\s+(?:proc|[A-Z].*\(eds?\.?\))|proceedings\b|submitted to|journal\b|editors?\b)"
                        r"|\(eds?\.\)|(?-i:\bIn\s+(?:[A-Z]\.\s*-?)+\s*[A-Z][a-z]+)")  # "In R. S. Michalski (editors)"


_THESIS_INDEX = re.compile(r"(?i)dissertation abstracts|dissertations? (?:and|&) theses")


def kind_of(ref_type: str, container: str, raw: str = "", title: str = "", numbers: str = "",
            institution: str = "") -> str:
    """What a record is, as far as telling works apart needs: 'thesis',
    'report', 'venue' (a journal or proceedings paper, a chapter) or '' (unsaid).

    The record's type and container decide (Dissertation Abstracts holds
    theses; ``numbers``, the volume and issue, may say "Ph.D."); a citation
    string (``raw``, without its title) is read when the fields say nothing:
    a report number ("CMU-CS-88-162") or an issuing ``institution`` (BibTeX's
    field for reports) with no venue makes a report.

    >>> kind_of("article-journal", "", "Fahlman, S. The cascade-correlation architecture. "
    ...         "Technical Report CMU-CS-90-100, 1990.", "The cascade-correlation architecture")
    'report'
    >>> kind_of("article-journal", "Machine Learning")
    'venue'
    >>> kind_of("article-journal", "Dissertation Abstracts International: Section B"), kind_of("article", "", numbers="Ph.D.")
    ('thesis', 'thesis')
    >>> kind_of("article-journal", "", "Smith (1990). A study.", "A study")
    ''
    >>> kind_of("article-journal", "", "Utgoff, P. (1986). Shift of bias. In R. S. Michalski, J. G.", "Shift of bias")
    'venue'
    >>> kind_of("article-journal", "", "Fahlman, S. (1988) An empirical study, CMU-CS-88-162, Carnegie Mellon.")
    'report'
    >>> kind_of("article-journal", "", "Fahlman, S. (1988) An empirical study.", institution="Carnegie Mellon")
    'report'
    """
    if ref_type in ("thesis", "report"):
        return ref_type
    if _THESIS_INDEX.search(container) or _RAW_THESIS.search(numbers):
        return "thesis"  # Dissertation Abstracts lists theses; "Ph.D." typed into the volume
    if container.strip():
        return "venue"
    rest = raw.replace(title, " ") if title else raw
    if _RAW_THESIS.search(rest):
        return "thesis"
    if _RAW_REPORT.search(rest) or institution.strip():
        return "report"
    if _RAW_VENUE.search(rest):
        return "venue"
    return ""
