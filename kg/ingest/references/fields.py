"""Volume, issue and pages as a reference prints them, read into plain values.

These helpers read the text of one field the tagger already cut out (the
``volume`` or ``pages`` words), so they are neither relabelling rules nor CRF
features: record assembly (:func:`kg.ingest.references.crf.parse_with_crf`)
calls them.  They sit in a module of their own, the lowest of the reference
parser's, because the markup and whitespace patterns they share with the name
splitter (:mod:`kg.ingest.references.names`) live here.
"""

from __future__ import annotations

import re

_SPACES = re.compile(r"\s+")
_BEFORE_PAGES = re.compile(r"^.*?\b(?=(?:pp?\.|pages?)\s*[A-Za-z]?\d)", re.I)
_DASH_RUN = re.compile(r"\s*(?:[–—-]+|\s-\s)\s*")
_MARKUP = re.compile(r"</?\w+>|\{\\\w+\s*|[{}*]")
_VOL_KEY = re.compile(
    r"(?<![^\W\d_])(?:vol(?:ume)?s?|v|bd|band|t|tome|jg|jahrgang)\.?\s*((?:[A-Z]{1,5}-)?[A-Za-z]?\d+[A-Za-z]?|[IVXLC]+\b)",
    re.I,
)
# IEEE's "Art. no. 061102", "article number e124": an article number stands for the pages (a lettered one may
# carry a hyphened year, APA's "Article e01234-19"; AGU's mixes letters and numbers, "Article F03S28").
_ARTICLE_NO = re.compile(r"[,;]?\s*\b(?:art(?:icle)?\.?\s*(?:no\.?|number|nr\.?)|article)\s*([A-Za-z]{1,4}\d+-\d+[A-Za-z]?|[A-Za-z]{1,4}\d+[A-Za-z]\d+|[A-Za-z]{0,4}\d+[A-Za-z]?)\b\.?", re.I)
_ISSUE_KEY = re.compile(
    r"(?<![^\W\d_])(?:nos?|n[°º]|nr|n|num(?:ber|éro|ero)?|issue|iss|heft|h|fasc|cahier)\.?\s*"
    r"(\d+[A-Za-z]?(?:\s*[-–/&]\s*\d+)?(?:,?\s*(?-i:pt)\.\s*\d+)?|[A-Za-z]\d+)",
    re.I,
)
_BARE_VOLUME = re.compile(
    r"^([A-Za-z]?\d+[A-Za-z]?|[IVXLC]+)(?:\s*\(([^)]+)\)|\s*[,:.]\s*(\d+(?:\s*[/&]\s*\d+)?)(?=\s*(?:[,:;.]|$))|\s*/\s*(\d+))?"
    r"\s*[,:;.]?\s*(?:(?:pp?\.?\s*)?([A-Za-z]?\d+\s*[-–—]+\s*[A-Za-z]?\d+|(?<=:)[A-Za-z]?\d+(?=\W*$)))?"
)
#: A volume range printed with a range dash, "375–377:213–8" (pages after the colon), "vol. 375–377,".  Only an
#: en or em dash: the hyphen of "45-3" is French journals' volume-issue.
_VOL_RANGE_RUN = re.compile(r"^(\d+)[–—](\d+)\s*(?:\(([^)]+)\))?\s*:\s*([A-Za-z]?\d+(?:\s*[-–—]+\s*[A-Za-z]?\d+)?)$")
_VOL_RANGE_END = re.compile(r"[–—](\d+)\b")
#: A volume printed as a capital letter alone after its key, "Vol. A" (a handbook's lettered volumes): the letter.
_LETTER_VOLUME = re.compile(r"(?i:vol(?:ume)?)\.?\s*([A-Z])")
_RUN = re.compile(r"^(\d+)\s*(?:\(([^)]+)\))?\s*:\s*([A-Za-z]?\d+(?:\s*[-–—]+\s*[A-Za-z]?\d+)?)$")
#: NLM's supplement without brackets, "2016;37 Suppl 1:5S-27S": the supplement is the issue, after it the pages.
_SUPPLEMENT_RUN = re.compile(
    r"^(\d+)\s+(Suppl\.?(?:\s*\d+[A-Za-z]?)?)\s*:\s*([A-Za-z]?\d+[A-Za-z]?(?:\s*[-–—]+\s*[A-Za-z]?\d+[A-Za-z]?)?)$")
#: A volume and a lone number after its colon, "7:42717": the pages when NLM's "year;" came before it.
_NLM_PAGES_RUN = re.compile(r"^(\d+)\s*:\s*([A-Za-z]?\d+[A-Za-z]?)$")
#: A lettered article number after the colon, "372:n71", "2(8):e124", Science's "361(6409):eaau0137" (up to four
#: letters, as ``_ARTICLE_NO`` reads them).
_ARTICLE_RUN = re.compile(r"^(\d+)\s*(?:\(([^)]+)\))?\s*:\s*([A-Za-z]{1,4}\d+)$")
#: NLM's month (or day) before the semicolon of "1965 Feb;14:61-5": the end of the date, no part of the pages.
_NLM_DATE_TAIL = re.compile(r"^(?:[A-Z][a-z]{2}(?:-[A-Z][a-z]{2})?\s*\d{0,2}|\d{1,2})\s*;\s*(?=[A-Za-z]?\d)")
#: NLM's days of a weekly issue before the semicolon, "2004 Sep 11-17;364(9438)": read in a volume field only
#: (in a pages field "12-15; 20-25" are two page ranges).
_NLM_DAY_RANGE = re.compile(r"^(?:[A-Z][a-z]{2}\s*)?(?:[1-9]|[12]\d|3[01])[-–](?:[1-9]|[12]\d|3[01])\s*;\s*(?=[A-Za-z]?\d)")
#: The word of an article number labelled as pages ("article 117", "Art. no. 79", "Article e0185809"): no part of the value.
_ARTICLE_WORD = re.compile(r"^(?:art(?:icle)?\.?\s*(?:no\.?|number|nr\.?)?)\s*(?=[A-Za-z]{0,4}\d+[A-Za-z]?$|[A-Za-z]{1,4}\d+-\d+[A-Za-z]?$|[A-Za-z]{1,4}\d+[A-Za-z]\d+$)", re.I)
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
        >>> split_volume("11-17;364(9438):937-52.")
        ('364', '9438', '937-52')
        >>> split_volume("vol. 98, no. 5, pt. 2,")
        ('98', '5, pt. 2', '')
        >>> split_volume("2016 Apr 28;4:CD004667."), split_volume("vol. 3, no. 14, Art. no. eaar7650,")
        (('4', '', 'CD004667'), ('3', '14', 'eaar7650'))
        >>> split_volume("2018;361(6409):eaau0137.")
        ('361', '6409', 'eaau0137')
        >>> split_volume("2016;37 Suppl 1:5S-27S.")
        ('37', 'Suppl 1', '5S-27S')
        >>> split_volume("vol. 375–377,"), split_volume("2004;375–377:213–8.")
        (('375-377', '', ''), ('375-377', '', '213-8'))
        >>> split_volume("Vol. A."), split_volume("Vol. 12.")
        (('A', '', ''), ('12', '', ''))
    """
    t = _SPACES.sub(" ", _MARKUP.sub(" ", text)).strip(" .,;:[]")
    t = re.sub(r"^\(|\)$", "", t) if t.count("(") != t.count(")") else t
    dated = re.sub(r"^.*?\b(?:1[5-9]\d\d|20\d\d)[a-z]?\s*(?:[A-Za-z]{3}\s*(?:\d{1,2})?)?\s*;\s*", "", t)
    # NLM's "2017;7:42717": after "year;volume" the colon leads the pages (an article number when there is no
    # range), never an issue, which NLM brackets ("2017;7(3):42717").
    nlm = _NLM_PAGES_RUN.match(dated) if dated != t else None
    if nlm:
        return nlm.group(1), "", nlm.group(2)
    t = dated
    # NLM's "1970 Aug 15;227(5259)": the month or day before the semicolon, when the year is a word of its own.
    t = _NLM_DATE_TAIL.sub("", t)
    if ";" in t:
        t = _NLM_DAY_RANGE.sub("", t)
    if not t:
        return "", "", ""
    ranged = _VOL_RANGE_RUN.match(t)
    if ranged and int(ranged.group(2)) > int(ranged.group(1)):
        return f"{ranged.group(1)}-{ranged.group(2)}", ranged.group(3) or "", clean_pages(ranged.group(4))
    supplement = _SUPPLEMENT_RUN.match(t)
    if supplement:
        return supplement.group(1), supplement.group(2), clean_pages(supplement.group(3))
    article = _ARTICLE_NO.search(t)
    if article:
        t = (t[: article.start()] + t[article.end():]).strip(" .,;:")
    run = _ARTICLE_RUN.match(t)
    if run:
        # "372:n71", "2(8):e124": a lettered article number after the colon is the pages, never an issue.
        return run.group(1), run.group(2) or "", run.group(3)
    art = article.group(1) if article else ""
    lettered = _LETTER_VOLUME.fullmatch(t)
    if lettered:
        return lettered.group(1), "", art
    vol = _VOL_KEY.search(t)
    iss = _ISSUE_KEY.search(t)
    if not vol and iss and iss.start() > 0:
        vol = re.match(r"([A-Za-z]?\d+[A-Za-z]?|[IVXLC]+\b)", t)
    if vol or (iss and iss.start() == 0):
        volume = vol.group(1) if vol else ""
        # "vol. 375–377": a rising range after the singular key is the volume (the bench's gold reads only the
        # first of "vols. 19–21", a series' volumes).
        ranged = _VOL_RANGE_END.match(t, vol.end()) if vol and volume.isdigit() else None
        if vol and ranged and int(ranged.group(1)) > int(volume) and not re.match(r"vol(?:ume)?s", t[vol.start():], re.I):
            volume = f"{volume}-{ranged.group(1)}"
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
    >>> clean_pages("Feb;14:61-5.")
    '14:61-5'
    >>> clean_pages("article 117."), clean_pages("Art. no. e79")
    ('117', 'e79')
    """
    t = _SPACES.sub(" ", _MARKUP.sub(" ", text)).strip(" .,;:()[]")
    # "1965 Feb;14:61-5" labelled pages from the month on: record assembly reads "14:61-5" as volume and pages.
    t = _NLM_DATE_TAIL.sub("", t)
    t = _BEFORE_PAGES.sub("", t)
    t = _PAGE_WORDS.sub("", t).strip(" .,;:()[]")
    t = _ARTICLE_WORD.sub("", t)
    return _DASH_RUN.sub("-", t)
