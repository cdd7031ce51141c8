"""RIS: multi-record files from PubMed, Scopus, Web of Science, EndNote, Zotero.

The exports differ in which tags carry what; this reader takes them all:
authors from ``AU`` and ``A1`` (the same name given under both is kept
once), the journal from ``T2``/``JF``/``JO``/``JA``/``J2`` (full title
first), the year from ``PY``/``Y1``/``DA`` in any of their shapes
(``2004``, ``2004///``, ``2004/10/15/``), pages from ``SP``/``EP`` or
``SP  - 614-625`` in one field, the DOI from ``DO``/``DI``, a doi.org link
or an old EndNote ``M3  - doi:...``, a link from ``UR``/``L2``/``L1``
(web links only, never ``file://`` attachments or Web of Science's
``<Go to ISI>://``), ``SN`` as an ISBN or (for journals) an ISSN, ``AN``
as a PubMed id when the database is PubMed/NLM.  Byte-order marks and CRLF
line ends are accepted, and so are tags followed by one space instead of
two.  PubMed's own MEDLINE export (``.nbib``: ``PMID- ``, ``FAU - ``,
``DP  - ``, ``PG  - ``...) is read too.

Three conventions carry what RIS has no field for, and
:func:`kg.ingest.references.export.to_ris` writes them: a name ending in a
comma is a corporate name taken whole (EndNote's convention:
``AU  - Department of Health, UK,``), an ``AU  - et al.`` line marks a list
of authors cut short, and a letter after the year (``PY  - 2015b``) is the
year suffix.  A year that cannot be read (``PY  - 20x9``) is kept as the
date text, with a warning naming the line.
"""

from __future__ import annotations

import re
from dataclasses import replace

from kg.ingest.references.common import distinct_ids, page_range, split_particle
from kg.model import Person, Problem, Reference, SourceLocation

_TAG = re.compile(r"^([A-Z][A-Z0-9])[ \t]{1,2}-(?:[ \t](.*))?$")
_MEDLINE_TAG = re.compile(r"^([A-Z][A-Z0-9]{0,3})\s*- (.*)$")
_TYPES = {"JOUR": "article-journal", "JFULL": "article-journal", "ABST": "article-journal",
          "MGZN": "article-magazine", "NEWS": "article-newspaper", "EJOUR": "article-journal",
          "INPR": "article-journal", "BOOK": "book", "EBOOK": "book", "EDBOOK": "book", "CHAP": "chapter",
          "ECHAP": "chapter", "CONF": "paper-conference", "CPAPER": "paper-conference", "RPRT": "report",
          "GOVDOC": "report", "THES": "thesis", "ELEC": "webpage", "WEB": "webpage", "BLOG": "post-weblog",
          "GEN": "article", "UNPB": "manuscript", "MANSCPT": "manuscript", "DATA": "dataset", "DBASE": "dataset",
          "AGGR": "dataset", "COMP": "software", "PAT": "patent", "STAND": "standard", "ENCYC": "entry-encyclopedia",
          "DICT": "entry-dictionary", "PAMP": "pamphlet", "PCOMM": "personal_communication", "CASE": "legal_case",
          "STAT": "legislation", "BILL": "bill", "HEAR": "hearing", "MAP": "map", "MPCT": "motion_picture",
          "VIDEO": "motion_picture", "SOUND": "song", "MUSIC": "musical_score", "ART": "graphic",
          "FIGURE": "figure", "SLIDE": "speech", "ICOMM": "personal_communication"}
#: The RIS type written for each CSL type (by kg.ingest.references.export), read back by :data:`_TYPES`.
RIS_TYPES = {"article-journal": "JOUR", "article-magazine": "MGZN", "article-newspaper": "NEWS", "book": "BOOK",
             "chapter": "CHAP", "paper-conference": "CPAPER", "report": "RPRT", "thesis": "THES", "webpage": "ELEC",
             "post-weblog": "BLOG", "article": "GEN", "manuscript": "MANSCPT", "dataset": "DATA", "software": "COMP",
             "patent": "PAT", "standard": "STAND", "entry-encyclopedia": "ENCYC", "entry-dictionary": "DICT",
             "pamphlet": "PAMP", "personal_communication": "PCOMM", "legal_case": "CASE", "legislation": "STAT",
             "bill": "BILL", "hearing": "HEAR", "map": "MAP", "motion_picture": "MPCT", "song": "SOUND",
             "musical_score": "MUSIC", "graphic": "ART", "figure": "FIGURE", "speech": "SLIDE"}
_INITIALS = re.compile(r"^(?:[A-Z]\.?-?){1,4}$")
_SUFFIX = re.compile(r"^(?:Jr|Sr|II|III|IV|V)\.?$", re.I)
_YEAR = re.compile(r"(?<!\d)(1[5-9]\d\d|20\d\d)(?!\d)")
_DOI = re.compile(r"(10\.\d{4,9}/[^\s\"<>]+)")
#: A DOI given as a tag's whole value: it runs to the first blank, "<" and ">" included (Wiley's SICI DOIs).
_DOI_VALUE = re.compile(r"(10\.\d{4,9}/\S+)")
_WEB = re.compile(r"^(?:https?|ftp)://", re.I)
_YEAR_SUFFIX = re.compile(r"^\s*(\d{4})([a-z])(?:/|\s*$)")
_ET_AL = re.compile(r"^(?:et\.?\s*al\.?|others)$", re.I)
#: Date texts that say there is no year yet: kept, without a warning.
_NO_YEAR = re.compile(r"(?i)^(?:in[ -]press|forthcoming|n\.\s?d\.?|nd|no date|s\.\s?d\.?|submitted|accepted|"
                      r"under review|in preparation|in review|preprint|unpublished|to appear|(?:epub )?ahead of print|"
                      r"online first|early access)\.?$")


def ris_person(text: str) -> Person:
    """One RIS name: "Family, Given[, Suffix]", PubMed's "Family GI", or a corporate name.

    >>> [ris_person(n) for n in ("Corrigan, P. W.", "Adeli K", "van der Berg, Anna", "King, Martin L., Jr.")]  \
# doctest: +NORMALIZE_WHITESPACE
    [Person(family='Corrigan', given='P. W.', particle='', suffix='', literal=''),
     Person(family='Adeli', given='K', particle='', suffix='', literal=''),
     Person(family='Berg', given='Anna', particle='van der', suffix='', literal=''),
     Person(family='King', given='Martin L.', particle='', suffix='Jr.', literal='')]
    >>> ris_person("World Health Organization").literal, ris_person("Department of Health, UK,").literal
    ('World Health Organization', 'Department of Health, UK')
    """
    text = text.strip()
    if text.endswith(","):  # EndNote's mark of a corporate name: taken whole
        return Person("", literal=text.rstrip(",").strip())
    if "," in text:
        family, _, rest = text.partition(",")
        given, _, suffix = rest.partition(",")
        if suffix.strip() and not _SUFFIX.match(suffix.strip()):
            given, suffix = f"{given},{suffix}", ""
        particle, family = split_particle(family.strip())
        return Person(family, given.strip(), particle, suffix.strip())
    words = text.split()
    if len(words) > 1 and _INITIALS.match(words[-1]):
        particle, family = split_particle(" ".join(words[:-1]))  # PubMed style "Adeli K"
        return Person(family, words[-1], particle)
    if len(words) > 1:
        return Person("", literal=text)  # no comma and no initials: a corporate author
    return Person(text)


def _pages(first: str, last: str) -> str:
    first, last = page_range(first), page_range(last).lstrip("-")
    if "-" in first or not last or last == first:
        return first
    return f"{first}-{last}"


def _isbn_or_issn(values: list[str]) -> tuple[str, str]:
    """The first ISBN and ISSN among ``SN`` values ("0003-066X (Print)", "978-0-12-345678-9")."""
    isbn = issn = ""
    for value in values:
        for piece in re.split(r"[;\n]|\s{2,}", value):
            digits = re.sub(r"\s*\(.*?\)|[^0-9Xx]", "", piece)
            if len(digits) in (10, 13) and not isbn:
                isbn = re.sub(r"\s*\(.*?\)", "", piece).strip()
            elif len(digits) == 8 and not issn:
                issn = re.sub(r"\s*\(.*?\)", "", piece).strip()
    return isbn, issn


def _doi(value: str, pattern: re.Pattern[str] = _DOI) -> str:
    match = pattern.search(value)
    doi = match.group(1).rstrip(".,;") if match else ""
    return doi[:-1] if doi.endswith(">") and "<" not in doi else doi  # "<https://doi.org/10...>"


def _merge_names(first: list[str], second: list[str]) -> list[Person]:
    """People named under two tags (AU and A1, ED and A2): when one list holds the other, the longer
    one; otherwise both, the second's names not in the first added.  Within one tag a name may repeat
    (two authors called "Wang, L.")."""
    one, two = [ris_person(n) for n in first if not _ET_AL.match(n)], [ris_person(n) for n in second
                                                                        if not _ET_AL.match(n)]
    if not one or not two:
        return one or two
    if all(p in one for p in two):
        return one
    if all(p in two for p in one):
        return two
    return one + [p for p in two if p not in one]


def _reference(line: int, tags: dict[str, list[str]], path: str) -> Reference:
    def one(*names: str) -> str:
        for name in names:
            for value in tags.get(name, ()):
                if value:
                    return value
        return ""

    def every(*names: str) -> list[str]:
        return [v for name in names for v in tags.get(name, ()) if v]

    date = one("PY", "Y1", "DA", "Y2")
    year = _YEAR.search(" ".join(every("PY", "Y1", "DA", "Y2")))
    suffix = _YEAR_SUFFIX.match(one("PY", "Y1"))
    kind = _TYPES.get(one("TY").upper(), "article-journal")
    title = one("TI", "T1", "CT") or (one("BT") if kind == "book" else "")
    if kind == "book":
        container = next((v for v in every("T2") if v != title), "")
    elif kind == "chapter":
        container = one("T2", "BT", "T3")
    else:
        container = one("T2", "JF", "JO", "JA", "J2", "BT")
    authors = _merge_names(every("AU"), every("A1"))
    editors = _merge_names(every("ED"), every("A2") if kind in ("chapter", "book", "paper-conference") else [])
    # a DOI elsewhere: a doi.org link (not a DOI inside a query string), or old EndNote's "M3  - doi:..."
    linked = [v for v in every("UR", "L2") if re.match(r"https?://(?:dx\.)?doi\.org/", v, re.I)]
    doi = _doi(one("DO", "DI"), _DOI_VALUE) or next((_doi(v) for v in linked + every("M3", "N1") if _doi(v)), "")
    url = next((v for v in every("UR", "L2", "L1", "LK") if _WEB.match(v)), "")
    isbn, issn = _isbn_or_issn(every("SN", "BN", "IB"))
    database = " ".join(every("DB", "DP")).upper()
    accession = one("AN")
    pmid = accession if accession.isdigit() and (not database or re.search(r"PUBMED|NLM|MEDLINE", database)) else ""
    if not pmid and "SCOPUS" in database and one("C2").isdigit():
        pmid = one("C2")  # Scopus puts the PubMed id in C2
    medium = one("M3")  # the type of work ("Review"), unless it is where an old EndNote put the DOI
    extra = {"issn": issn, "accession": accession if accession != pmid else "", "keywords": "; ".join(every("KW")),
             "language": one("LA"), "medium": "" if _doi(medium) else medium}
    return Reference(
        id=one("ID"),  # none: numbered by _distinct_ids
        type=kind,
        authors=tuple(authors),
        editors=tuple(editors),
        et_al=any(_ET_AL.match(v) for v in every("AU", "A1")),
        year=int(year.group(1)) if year else None,
        year_suffix=suffix.group(2) if suffix and year and suffix.group(1) == year.group(1) else "",
        date_text="" if year else date,
        title=title,
        container=container,
        volume=one("VL"),
        issue=one("IS", "CP", "M1"),
        pages=_pages(one("SP"), one("EP")) or page_range(one("C7")),  # C7: the article number of an online-only journal
        edition=one("ET"),
        publisher=one("PB"),
        place=one("CY", "PP"),
        doi=doi,
        url=url,
        isbn=isbn,
        pmid=pmid,
        source=SourceLocation(path, line),
        source_format="ris",
        extra=tuple(sorted((k, v) for k, v in extra.items() if v)),
    )


def parse_ris(text: str, path: str = "<string>") -> tuple[list[Reference], list[Problem]]:
    """Parse RIS records (id = the ``ID`` tag, else the record's position, if no record has that ``ID``).

    A record without ``ER`` ends at the next ``TY`` or the end of the file and
    is kept, with a warning; a tag outside any record is a warning too.

    Examples:
        >>> refs, problems = parse_ris("TY  - JOUR\\r\\nAU  - Adeli K\\r\\nSP  - 614-625\\r\\nTY  - BOOK\\r\\nER  - ")
        >>> [(r.id, r.type, r.pages) for r in refs], [(p.kind, p.where.line) for p in problems]
        ([('1', 'article-journal', '614-625'), ('2', 'book', '')], [('missing-er', 1)])
    """
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if not any(_TAG.match(line.lstrip("\ufeff ").rstrip()) and line.lstrip("\ufeff ").startswith("TY")
               for line in lines) and any(line.lstrip("\ufeff").startswith("PMID-") for line in lines):
        return parse_medline(text, path)
    records: list[tuple[int, dict[str, list[str]]]] = []
    problems: list[Problem] = []
    current: dict[str, list[str]] | None = None
    tag_lines: dict[int, dict[str, int]] = {}  # by record start: the line of each tag's first value
    start = 0
    last_tag = ""
    for n, raw_line in enumerate(lines, start=1):
        line = raw_line.lstrip("\ufeff").rstrip()
        match = _TAG.match(line)
        if not match:
            if current is not None and line.strip() and last_tag:
                current[last_tag][-1] += " " + line.strip()  # a wrapped value
            continue
        tag, value = match.group(1), (match.group(2) or "").strip()
        if tag == "TY":
            if current is not None:
                problems.append(Problem("missing-er", "warning",
                                        f"record starting at line {start} has no ER line; read up to line {n - 1}",
                                        SourceLocation(path, start)))
                records.append((start, current))
            current, start, last_tag = {"TY": [value]}, n, "TY"
            tag_lines[start] = {}
        elif tag == "ER":
            if current is not None:
                records.append((start, current))
            else:
                problems.append(Problem("stray-line", "warning", "ER with no record open (no TY before it)",
                                        SourceLocation(path, n)))
            current, last_tag = None, ""
        elif current is not None:
            current.setdefault(tag, []).append(value)
            tag_lines[start].setdefault(tag, n)
            last_tag = tag
        else:
            problems.append(Problem("stray-line", "warning", f"tag {tag} outside a record (no TY before it); "
                                    "ignored", SourceLocation(path, n)))
    if current is not None:
        problems.append(Problem("missing-er", "warning", f"record starting at line {start} has no ER line",
                                SourceLocation(path, start)))
        records.append((start, current))
    references = distinct_ids([_reference(first_line, tags, path) for first_line, tags in records], "ID",
                               problems, path)
    for reference, (first_line, tags) in zip(references, records):
        problems.extend(_year_problem(reference, tags, tag_lines[first_line], ("PY", "Y1", "DA", "Y2"), path))
    problems.sort(key=lambda p: p.where.line if p.where else 0)
    return references, problems


def _year_problem(reference: Reference, tags: dict[str, list[str]], lines: dict[str, int],
                  date_tags: tuple[str, ...], path: str) -> list[Problem]:
    """A warning when the record gives a date but no year can be read from it ("20x9"); none for a
    date text that says there is no year yet ("in press", "n.d.")."""
    if reference.year is not None:
        return []
    tag, value = next(((t, v) for t in date_tags for v in tags.get(t, ()) if v.strip()), ("", ""))
    if not tag or _NO_YEAR.match(value.strip()):
        return []
    return [Problem("bad-year", "warning", f"record {reference.id} (line {reference.source.line}): no year can "
                    f"be read from {tag} '{value}'; it is kept as the date text; give a four-digit year "
                    "(1500-2099)", SourceLocation(path, lines.get(tag, reference.source.line)))]


_MEDLINE_TO_RIS = {"TI": "TI", "BTI": "TI", "JT": "T2", "TA": "J2", "VI": "VL", "IP": "IS", "PB": "PB",
                   "PL": "CY", "ISBN": "SN", "IS": "SN", "AB": "AB", "LA": "LA", "ED": "ED", "OT": "KW", "MH": "KW"}


def parse_medline(text: str, path: str = "<string>") -> tuple[list[Reference], list[Problem]]:
    """Parse PubMed's MEDLINE export (``.nbib``): records start at ``PMID-`` (id = the PMID).

    Full author names (``FAU``) are preferred to the short ones (``AU``),
    ``CN`` is a corporate author, ``DP`` the date, ``PG`` the pages, and the
    DOI is the ``LID``/``AID`` value marked ``[doi]``.  As in :func:`parse_ris`,
    a repeated PMID (two searches' exports joined) is kept as ``PMID#line``,
    with a warning, and so is a ``DP`` with no readable year.

    Examples:
        >>> refs, _ = parse_medline("PMID- 15491256\\nTI  - How stigma interferes\\n      with care.\\n"
        ...                         "FAU - Corrigan, Patrick W\\nAU  - Corrigan PW\\nDP  - 2004 Oct\\n"
        ...                         "PG  - 614-25\\nLID - 10.1037/0003-066X.59.7.614 [doi]\\nPT  - Journal Article\\n")
        >>> r = refs[0]; (r.id, r.title, r.authors[0].given, r.year, r.pages, r.doi, r.pmid)
        ('15491256', 'How stigma interferes with care.', 'Patrick W', 2004, '614-25', '10.1037/0003-066X.59.7.614', '15491256')
    """
    records: list[tuple[int, dict[str, list[str]]]] = []
    current: dict[str, list[str]] | None = None
    tag_lines: dict[int, dict[str, int]] = {}  # by record start: the line of each tag's first value
    start = 0
    last_tag = ""
    for n, raw_line in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), start=1):
        line = raw_line.lstrip("\ufeff").rstrip()
        match = _MEDLINE_TAG.match(line)
        if match and not raw_line.startswith(" "):
            tag, value = match.group(1), match.group(2).strip()
            if tag == "PMID":
                current, start = {}, n
                records.append((n, current))
                tag_lines[start] = {}
            if current is not None:
                current.setdefault(tag, []).append(value)
                tag_lines[start].setdefault(tag, n)
                last_tag = tag
        elif current is not None and line.strip() and last_tag:
            current[last_tag][-1] += " " + line.strip()
    references: list[Reference] = []
    problems: list[Problem] = []
    for first_line, tags in records:
        ris: dict[str, list[str]] = {"ID": tags.get("PMID", []), "AN": tags.get("PMID", []), "DB": ["PubMed"]}
        kinds = " ".join(tags.get("PT", [])).lower()
        ris["TY"] = ["CHAP" if "BTI" in tags and "TI" in tags else "BOOK" if "BTI" in tags else
                     "JOUR" if "journal article" in kinds or "JT" in tags else "GEN"]
        if "BTI" in tags and "TI" in tags:
            tags = {**tags, "BT": tags["BTI"]}
            tags.pop("BTI")
        for source, target in _MEDLINE_TO_RIS.items():
            ris.setdefault(target, []).extend(tags.get(source, []))
        if "BT" in tags:
            ris["T2"] = tags["BT"] + ris.get("T2", [])
        ris["AU"] = tags.get("FAU") or tags.get("AU", [])
        ris["AU"] = ris["AU"] + tags.get("CN", [])
        ris["PY"] = tags.get("DP", [])
        ris["SP"] = tags.get("PG", [])
        ris["DO"] = [v for v in tags.get("LID", []) + tags.get("AID", []) if v.endswith("[doi]")][:1]
        reference = _reference(first_line, ris, path)
        corporate = {c.strip() for c in tags.get("CN", [])}
        authors = tuple(Person("", literal=p.display) if p.display in corporate or p.literal in corporate else p
                        for p in reference.authors)
        references.append(replace(reference, authors=authors))
    references = distinct_ids(references, "PMID", problems, path)
    for reference, (first_line, tags) in zip(references, records):
        problems.extend(_year_problem(reference, tags, tag_lines[first_line], ("DP",), path))
    problems.sort(key=lambda p: p.where.line if p.where else 0)
    return references, problems
