"""Writing a library: CSL-JSON, BibTeX and RIS from Reference records.

Each record keeps its input id (CSL-JSON ``id``, BibTeX key, RIS ``ID``).
Everything the readers of :mod:`kg.ingest.references` read back survives a
round trip: the CSL type as a BibLaTeX entry type (``@dataset``,
``@software``, ``@unpublished`` for a manuscript...) or an RIS type
(``DATA``, ``COMP``, ``MANSCPT``...) where the format has one, page ranges
written "376-383" (``376--383`` in BibTeX), and in RIS a corporate name with
a comma written with EndNote's trailing comma (``AU  - Department of Health,
UK,``), "et al." as a last ``AU  - et al.`` line, and the year suffix after
the year (``PY  - 2015b``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable

from kg.ingest.references.common import free_id, page_range
from kg.ingest.references.ris import RIS_TYPES, ris_person
from kg.model import Person, Reference

#: The entry type written for each CSL type (BibTeX's where it has one, else BibLaTeX's), read back by
#: :mod:`kg.ingest.references.bibtex`; a type with none (a speech, a map) is written as ``@misc``.
_BIBTEX_TYPES = {"article-journal": "article", "article-magazine": "article", "article-newspaper": "article",
                 "book": "book", "chapter": "incollection", "paper-conference": "inproceedings",
                 "report": "techreport", "thesis": "phdthesis", "webpage": "online", "post-weblog": "online",
                 "article": "misc", "manuscript": "unpublished", "dataset": "dataset", "software": "software",
                 "patent": "patent", "periodical": "periodical", "standard": "standard",
                 "entry-encyclopedia": "inreference", "personal_communication": "letter",
                 "legal_case": "jurisdiction", "legislation": "legislation", "motion_picture": "movie",
                 "song": "audio", "graphic": "artwork", "performance": "performance", "review": "review"}
#: The BibTeX field that names the publisher of each kind of work.
_PUBLISHER_FIELD = {"thesis": "school", "report": "institution"}


def _csl_name(person: Person) -> dict[str, str]:
    if person.literal:
        return {"literal": person.literal}
    name = {"family": person.family, "given": person.given}
    if person.particle:
        name["non-dropping-particle"] = person.particle
    if person.suffix:
        name["suffix"] = person.suffix
    return {k: v for k, v in name.items() if v}


def csl_item(ref: Reference) -> dict[str, object]:
    """One record as a CSL-JSON item (CSL 1.0.2 field names)."""
    item: dict[str, object] = {"id": ref.id, "type": ref.type}
    if ref.authors:
        item["author"] = [_csl_name(p) for p in ref.authors]
    if ref.editors:
        item["editor"] = [_csl_name(p) for p in ref.editors]
    if ref.year:
        item["issued"] = {"date-parts": [[ref.year]]}
    elif ref.date_text:
        item["issued"] = {"literal": ref.date_text}
    if ref.year_suffix:
        item["year-suffix"] = ref.year_suffix
    for key, value in (("title", ref.title), ("container-title", ref.container), ("volume", ref.volume),
                       ("number" if ref.type == "report" else "issue", ref.issue), ("page", page_range(ref.pages)),
                       ("edition", ref.edition),
                       ("publisher", ref.publisher), ("publisher-place", ref.place), ("DOI", ref.doi),
                       ("URL", ref.url), ("ISBN", ref.isbn), ("PMID", ref.pmid)):
        if value:
            item[key] = value
    return item


def to_csl_json(refs: Iterable[Reference]) -> str:
    """The records as a CSL-JSON array."""
    return json.dumps([csl_item(r) for r in refs], indent=2, ensure_ascii=False) + "\n"


_BIB_KEY_OTHER = re.compile(r"[^A-Za-z0-9_:.-]")
_BIB_SPECIAL = re.compile(r"[&%$#_{}\\~^]")
_BIB_WORDS = {"\\": r"\textbackslash{}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}


def _bib_escape(text: str) -> str:
    r"""Escape the characters LaTeX reads as markup (decoded back by :func:`decode_latex`).

    >>> _bib_escape("50% of R&D_x ~ a\\b")
    '50\\% of R\\&D\\_x \\textasciitilde{} a\\textbackslash{}b'
    """
    return _BIB_SPECIAL.sub(lambda m: _BIB_WORDS.get(m.group(0), "\\" + m.group(0)), text)


def _bib_text(text: str) -> str:
    """A text field: escaped, and "--" kept from reading as a dash."""
    return re.sub(r"([-`'])(?=\1)", r"\1{}", _bib_escape(text))  # "---", "``", "''" kept from reading as dashes or quotes


def _bib_name(person: Person) -> str:
    if person.literal:
        return "{" + _bib_escape(person.literal) + "}"
    family = f"{person.particle} {person.family}".strip()
    if not person.given and not person.suffix and len(family.split()) > 1:
        return "{" + _bib_escape(family) + "}"  # unbraced, "World Health Organization" reads as given names + family
    parts = [family, person.suffix, person.given] if person.suffix else [family, person.given]
    return ", ".join(_bib_escape(p) for p in parts if p)


def bibtex_keys(ids: list[str]) -> list[str]:
    """A distinct BibTeX key for each id: the id where it is a valid key, else with its other characters as "_".

    An id that is already a valid key keeps it (its first occurrence does); a key that would repeat one
    gets the first free "-2", "-3", ... suffix, so no entry shadows another when the file is read back.

    >>> bibtex_keys(["smith 2020", "smith_2020", "smith_2020", ""])
    ['smith_2020-2', 'smith_2020', 'smith_2020-3', 'ref']
    """
    wanted = [_BIB_KEY_OTHER.sub("_", i) or "ref" for i in ids]
    keys: list[str | None] = [None] * len(ids)
    used: set[str] = set()
    for n, (id_, key) in enumerate(zip(ids, wanted)):  # valid ids first: they keep their key
        if id_ == key and key not in used:
            keys[n] = key
            used.add(key)
    for n, key in enumerate(wanted):
        if keys[n] is None:
            keys[n] = candidate = free_id(key, used)
            used.add(candidate)
    return [k for k in keys if k is not None]


def to_bibtex(refs: Iterable[Reference]) -> str:
    """The records as BibTeX entries, keyed by their input ids (made valid and distinct by :func:`bibtex_keys`)."""
    out = []
    refs = list(refs)
    for ref, key in zip(refs, bibtex_keys([r.id for r in refs])):
        fields: list[tuple[str, str]] = []
        if ref.authors:
            fields.append(("author", " and ".join(_bib_name(p) for p in ref.authors) + (" and others" if ref.et_al else "")))
        if ref.editors:
            fields.append(("editor", " and ".join(_bib_name(p) for p in ref.editors)))
        container_field = {"chapter": "booktitle", "paper-conference": "booktitle"}.get(ref.type, "journal")
        for name, value in (("title", ref.title), (container_field, ref.container),
                            ("year", f"{ref.year}{ref.year_suffix}" if ref.year else ref.date_text),
                            ("volume", ref.volume), ("number", ref.issue), ("pages", page_range(ref.pages)),
                            ("edition", ref.edition), (_PUBLISHER_FIELD.get(ref.type, "publisher"), ref.publisher),
                            ("address", ref.place)):
            if value:
                text = _bib_text(value)
                fields.append((name, text.replace("-", "--") if name == "pages" else text))
        for name, value in (("doi", ref.doi), ("url", ref.url), ("isbn", ref.isbn), ("pmid", ref.pmid)):
            if value:  # identifiers are verbatim in BibTeX: only braces, which would end the value, are escaped
                fields.append((name, re.sub(r"([{}])", r"\\\1", value)))
        body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
        out.append(f"@{_BIBTEX_TYPES.get(ref.type, 'misc')}{{{key},\n{body}\n}}\n")
    return "\n".join(out)


def _ris_name(person: Person) -> str:
    """A name as :func:`~kg.ingest.references.ris.ris_person` reads it back: a corporate name it would
    split ("Department of Health, UK") or take for a person ("Cochrane") ends in EndNote's comma.

    >>> [_ris_name(Person("", literal=n)) for n in ("Department of Health, UK", "Cochrane", "World Health Organization")]
    ['Department of Health, UK,', 'Cochrane,', 'World Health Organization']
    """
    name = " ".join(person.display.split())
    if person.literal and ris_person(name) != Person("", literal=name):
        return name + ","
    return name


def to_ris(refs: Iterable[Reference]) -> str:
    """The records as RIS, one TY..ER block each."""
    lines: list[str] = []
    for ref in refs:
        lines.append(f"TY  - {RIS_TYPES.get(ref.type, 'GEN')}")
        lines.append(f"ID  - {ref.id}")
        lines.extend(f"AU  - {_ris_name(p)}" for p in ref.authors)
        if ref.et_al:
            lines.append("AU  - et al.")
        lines.extend(f"ED  - {_ris_name(p)}" for p in ref.editors)
        first, _, last = page_range(ref.pages).partition("-")
        extra = dict(ref.extra)
        for tag, value in (("TI", ref.title), ("T2", ref.container),
                           ("PY", f"{ref.year}{ref.year_suffix}" if ref.year else ref.date_text), ("VL", ref.volume),
                           ("IS", ref.issue), ("SP", first), ("EP", last), ("ET", ref.edition),
                           ("PB", ref.publisher), ("CY", ref.place), ("DO", ref.doi), ("UR", ref.url),
                           ("SN", ref.isbn), ("SN", extra.get("issn", "")),
                           ("AN", ref.pmid or extra.get("accession", "")), ("DB", "PubMed" if ref.pmid else ""),
                           ("LA", extra.get("language", "")), ("M3", extra.get("medium", ""))):
            if value:
                lines.append(f"{tag}  - {' '.join(value.split())}")
        lines.extend(f"KW  - {k}" for k in extra.get("keywords", "").split("; ") if k)
        lines.append("ER  - ")
        lines.append("")
    return "\n".join(lines)
