"""Splitting a printed name list into :class:`~kg.model.Person` values.

:func:`split_names` reads the words the CRF labelled ``author`` or
``editor`` in any common order ("Smith, J. & Lee, K.", "J. Smith and K. Lee",
Vancouver's "Smith J, Lee K"), and tells organisations' names, particles
("van der") and suffixes ("Jr.") apart.  The name patterns live here; the
relabelling rules (:mod:`kg.ingest.references.relabel`) import the few they
share (bodies, initials, particles).
"""

from __future__ import annotations

import re

from kg.ingest.references.fields import _MARKUP, _SPACES
from kg.model import Person

_GIVEN = re.compile(r"^[A-ZÀ-Þ][a-zß-ÿ]+(?:-[A-ZÀ-Þ][a-zß-ÿ]+)?(?:\s+[A-ZÀ-Þ]\.)*$")
#: (Or a given name's dotted abbreviation in a run of initials, "M.Th.": see _INITIAL.)
_ENDS_WITH_INITIAL = re.compile(r"(?:^|[\s.-])[A-ZÀ-Þ]\.$|[A-ZÀ-Þ]\.[A-ZÀ-Þ][a-zß-ÿ]{1,2}\.$")
#: A chapter's "in Smith, J. (ed.)" (a lower-case "in": no name starts so) leads the editors, no name either.
#: MLA's "edited and translated by" leads them too.
_NAMES_LEAD = re.compile(
    r"^(?:by|(?:edited|translated) and (?:edited|translated) by|edited by|eds?\.?|hrsg\.?|in:|(?-i:in))\s+", re.I)
#: A generation suffix after a name: "Jr", "Sr" and NLM's numbers ("Reynolds CF 3rd", "Platt R II").
_SUFFIX_WORD = r"(?:Jr|Sr|2nd|3rd|[4-9]th|II|III)\.?"
#: "T. Bray, Ed" (its full stop already stripped): an editors' mark after a name whose given names are initials,
#: a generation suffix maybe after it ("R. Marks II, Ed", "R. Platt, Jr., Ed").
_DIRECT_NAME_ED = re.compile(
    rf"((?:^|[\s,])(?:[A-ZÀ-Þ]\.[\s-]?)+[^\W\d][\w'’-]+(?:,?\s+{_SUFFIX_WORD})?),\s*Eds?\.?$")
_EDS_MARK = re.compile(r"\s*\((?:eds?|editors?|hrsg|dir|coord)\.?\)\s*", re.I)
_ET_AL = re.compile(r"\bet\s*al\b\.?")
_ET_AL_CUT = re.compile(r",?\s*\bet\s*al\b\.?")
_AND = re.compile(r"\s*(?:,\s*)?(?:&|\band\b|\bund\b|\bet\b|\by\b)\s+")
# In name lists: up to four initials ("C.J.C.H."), Latin letters beyond Latin-1 too ("Ł."); or, after dotted
# initials, a given name abbreviated to a capital and one or two small letters with its full stop ("M.Th." for
# Maria Theodorus, "J.Chr.", "A.Ph."), as Dutch and German lists print them. The full stop and the dotted initial
# before it are required: a short family name ("Li", "Wu") has neither, nor do "Vol." and "No." in a run.
_INITIAL = re.compile(r"^(?:(?:[A-ZÀ-ÞĀ-ʯ]\.?-?){1,4}|(?:[A-ZÀ-ÞĀ-ʯ]\.-?){1,3}[A-ZÀ-Þ][a-zß-ÿ]{1,2}\.)[.,;]*$")
# A first author's given names (two of them, "Arlie Russell") and trailing particles ("Simone de").
_FIRST_GIVEN = re.compile(r"^([A-ZÀ-Þ][a-zß-ÿ]+(?:-[A-ZÀ-Þ][a-zß-ÿ]+)?(?:\s+[A-ZÀ-Þ][a-zß-ÿ]+)?(?:\s+[A-ZÀ-Þ]\.)*)((?:\s+(?:van|von|der|den|de|del|della|di|da|dos|das|du|la|le|ten|ter|zu|af))*)$")


def split_names(text: str) -> tuple[tuple[Person, ...], bool]:
    """Split a printed name list in any common order ("Smith, J.", "J. Smith", "Smith J").

    Examples:
        >>> [p.family for p in split_names("J. Smith, K. L. Jones and A. van Dam")[0]]
        ['Smith', 'Jones', 'Dam']
        >>> split_names("van der Berg, Anna, and Jo Smith")[0][0]
        Person(family='Berg', given='Anna', particle='van der', suffix='', literal='')
        >>> split_names("World Health Organization")[0][0].literal
        'World Health Organization'
        >>> split_names("Bank of England")[0][0].literal
        'Bank of England'
        >>> [p.family for p in split_names("Heidegger M., Arendt H.")[0]]
        ['Heidegger', 'Arendt']
        >>> [p.family or p.literal for p in split_names("Schulz KF, Altman DG, Moher D; CONSORT Group.")[0]]
        ['Schulz', 'Altman', 'Moher', 'CONSORT Group']
        >>> split_names("NHS England")[0][0].literal
        'NHS England'
        >>> split_names("Reef Watch International")[0][0].literal
        'Reef Watch International'
    """
    # Markdown/TeX emphasis ("B. P. Abbott *et al.*") is no part of a name.
    # (Each substitution below is tried only when the text holds a character its pattern needs: most name
    # lists hold no markup, bracketed editors' mark or "et al", and a pass of ``re`` costs more than the test.)
    if "*" in text or "<" in text or "{" in text or "}" in text:
        text = _MARKUP.sub(" ", text)
    text = _SPACES.sub(" ", text).strip(" ,;:")
    if not _ENDS_WITH_INITIAL.search(text):
        # A full stop that ends the author field, not an initial's.
        text = text.rstrip(" .,;:")
    text = _NAMES_LEAD.sub("", text)
    # IEEE's "T. Bray, Ed.": after a name printed initials first, "Ed." is the editors' mark, not a man named Ed
    # (who is printed "Smith, Ed", his family name first).
    if text.endswith(("Ed", "Ed.", "Eds", "Eds.")):
        text = _DIRECT_NAME_ED.sub(r"\1", text)
    if "(" in text:
        text = _EDS_MARK.sub(" ", text)
    text = text.strip(" ,;")
    # Vancouver's "Kohn LT, Corrigan JM, editors.": the word that marks the names as editors is no name.
    # (Only a text ending in one of its words can match; the search tries every position of the others.)
    if text[-7:].lower().endswith(("ed", "ed.", "eds", "eds.", "editor", "editors")):
        text = _EDITORS_WORD.sub("", text)
    et_al = bool(_ET_AL.search(text))
    if et_al:  # _ET_AL_CUT matches only where _ET_AL does
        text = _ET_AL_CUT.sub("", text)
    series = _BODY_SERIES.match(text)
    if series and _CORPORATE.search(series.group(1)):
        # "National Academies of Sciences, Engineering, and Medicine": the commas and "and" list the fields
        # in one body's name, not people.
        return (Person("", literal=text),), et_al
    if "," not in text and ";" not in text and _is_body(text) and not any(
            _INITIAL.match(w) and not _ACRONYM.match(w) for w in _body_field(text).split()):
        pair = _two_bodies(text)
        if pair:
            # "National Research Council & Institute of Medicine": two bodies, each named whole on its side.
            return pair, et_al
        # "National Institute for Health and Care Excellence", "GBD 2019 ... Collaborators": one body, its "and"
        # no list's (an acronym of three capitals or more is the body's, not a person's initials; so is a
        # dotted one before "Department of": "U.S. Department of Health and Human Services").
        return (Person("", literal=text),), et_al
    # A joining word is followed by white space, all of it " " here (_SPACES): a list without one of these
    # pairs has nothing for _AND, which tries every position.
    if "& " in text or "nd " in text or "et " in text or "y " in text:
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
    if len(parts) > 2 and "." not in text and text.isupper() and all(_ACRONYM_PART.match(p) for p in parts) and not all(
            _INITIAL.match(p) for p in parts[1::2]):
        # "FAO, IIASA, ISRIC, ISSCAS, JRC": capitals alone between the commas, no lower-case word anywhere, and no
        # reading as inverted names from the list's start (family, then initials: "GOURGUES, RUI, TOPCU"), as
        # "IIASA" is too long for initials: bodies' acronyms, so "JRC" after "ISSCAS" is a body's, not its
        # initials.
        return tuple(Person("", literal=p) for p in parts), et_al
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
        ) and not _SUFFIX.match(parts[i + 1]):
            # (A generation suffix cut off the name before it, "Ames RT" + "II", is read below, not as initials.)
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
        # A particle may lead it: "Le Roy Ladurie, Emmanuel".
        compound = " ".join(words[1:]) if len(words) == 3 and words[0].lower() in _PARTICLES else part
        if i == 0 and len(compound.split()) == 2 and len(parts) > 1 and _COMPOUND_FAMILY.match(compound) and _ONE_GIVEN.match(
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
        elif len(words) > 2 and _NLM_INITIALS.match(words[-1]) and _NLM_FAMILY_WORD.match(words[0]) \
                and _NAME_WORD.match(words[-2]) and all(_NLM_FAMILY_WORD.match(w) or w in _PARTICLES for w in words[:-1]) \
                and (len(parts) == 1 or any(_NLM_NAME.match(p) for p in parts if p != part)):
            # Vancouver "Egger M, Davey Smith G": in a list of "Family INITIALS" names, initials after two
            # capitalised words follow a family name of two words (no one is called "G"); lower-case particles
            # may join its words ("Pinto da Costa M"), as a given name printed first never ends in initials.
            # A Dutch double name hyphens a name to the next one's particle ("Jansen-van den Berg A"): its
            # first word is a name and a particle, the family name's as a whole.
            people.append(Person(" ".join(words[:-1]), words[-1].rstrip(".")))
        elif len(words) > 2 and words[0] in _PARTICLES and _NLM_INITIALS.match(words[-1]) and all(
                w in _PARTICLES or _NAME_WORD.match(w) for w in words[1:-1]) and _NAME_WORD.match(words[-2]):
            # Vancouver "de Solla Price DJ": a lower-case particle, then capitalised words, then initials is a
            # family name of several words (a name printed given name first never opens with a particle).
            lead = 1
            while words[lead] in _PARTICLES:
                lead += 1
            people.append(Person(" ".join(words[lead:-1]), words[-1].rstrip("."), " ".join(words[:lead])))
        elif len(words) > 1 and len(parts) == 1 and _BODY_ACRONYM.match(words[0]) and all(_NAME_WORD.match(w) for w in words[1:]):
            # "NHS England", "UNESCO Institute": an acronym of three capitals or more before capitalised words
            # leads a body's name; no one's given name or initials ("Smith JR", "Gale, N.K." are read above).
            people.append(Person("", literal=part))
        elif len(words) > 1:
            k = len(words) - 1
            while k > 1 and (words[k - 1][:1].islower() or words[k - 1].lower() in _PARTICLES):
                # "Anna van der Berg", "Grant Van Horn": the particles belong to the family name.
                k -= 1
            lead = next((j for j, w in enumerate(words) if not _INITIAL.match(w)), len(words))
            if 0 < lead < k and words[lead] in _PARTICLES:
                # IEEE's "C. de Vries Mantel": after initials first, the given names are those initials; a
                # lower-case particle after them opens the family name, all the words after it its own.
                k = lead
            elif lead >= 3 and k == lead + 1 and all(_SPACED_INITIAL.match(w) for w in words[:lead]) \
                    and _NAME_WORD.match(words[lead]) and _NAME_WORD.match(words[k]):
                # IEEE's "A. B. C. Vander Kool": three initials or more, each its own word, print all the given
                # names; two capitalised words after them are a family name of two words (one or two initials
                # may come before a given name spelled out: "J. A. Muir Gray" is Gray).
                k = lead
            if k == 1 and len(words) == 2 and words[0].lower() in _PARTICLES and words[0][:1].isupper() \
                    and words[0] not in _GIVEN_PARTICLES and len(parts) == 1:
                # "Le Corbusier", "Da Ponte": a lone author of a particle and a name has no given name; the
                # particle is the family name's (_split_particle moves it to ``particle``).
                k = 0
            people.append(Person(" ".join(words[k:]), " ".join(words[:k])))
        else:
            people.append(Person(part))
        i += 1
    return tuple(_split_particle(p) for p in people), et_al


#: A body's head words, any one of which makes a name of two words or more a body's.  "Congress" heads a
#: legislature's, a movement's or a meeting's name ("Library of Congress", "Congress for ..."), no person's;
#: "Division" a body's unit ("Population Division", "Soil Science Division Staff"); "Database" the name a
#: data resource's keepers print as its author (Harvard's "Coral Reef Database (2020) *Coral Reef Database*."),
#: and "Catalog" ("Catalogue") a taxonomic or bibliographic resource's ("Sea Snail Catalog (2021) *Sea snail
#: catalog*."): no person's family name either.
_CORPORATE = re.compile(
    r"\b(?:Organi[sz]ation|Association|Institute|Institut|Society|Council|Department|Agency|Committee|Group|"
    r"Foundation|Office|Cent(?:re|er)s?|Board|Ministry|Commission|Corporation|Company|Inc|Ltd|Collaboration|"
    r"Consortium|Network|Services|Trust|Bureau|Federation|Alliance|Authority|Government|Team|Collaborators|"
    r"Investigators|Academy|Academies|Task Force|Programme|Fund|Forum|Union|Nations|Secretariat|Laboratory|Panel|"
    r"Initiative|Partnership|Coalition|Observatory|Assembly|Parliament|Institution|Registry|Endowment|Archives?|"
    r"Administration|Congress|Division|Database|Catalog(?:ue)?)\b"
)
#: Words that name a body only when the name is no list ("World Bank", "Creative Commons", "Bank of England",
#: "English Heritage", Harvard's "Coastal Heritage Wales (2014)" with no full stop before its year):
#: "Bank", "Commons" and "Heritage" are family names too, and "Anna Bank and Jo Lee" two people.  The word that
#: ends the names of bodies working across countries ("Amnesty International", "SRI International") is no one's
#: name, but opens journals' and meetings' ("International Journal of ..."): it names a body only at the end.
#: So do a university's and a college's head words (Harvard's "Coastal University (2010)"), and a research
#: group's or a firm's laboratory's (Vancouver's "3. TideLab Research. Title."): they open journals' and
#: publishers' names too ("University Press", "College English", "Research Policy"), but end no person's name.
_WEAK_BODY = re.compile(r"^(?:[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+)*\s+"
                        r"(?:Bank|Commons|Project|International|University|College|Research)"
                        r"|(?:[A-Z][\w'-]+\s+)+Heritage(?:\s+[A-Z][\w'-]+)*"
                        r"|(?:[A-Z][\w'-]+\s+)*(?:Bank|Project)\s+(?:of|for)(?:\s+the)?(?:\s+[A-Z][\w'-]+)+)$")
#: A body's name that lists its fields after "of"/"for": "Academies of Sciences, Engineering, and Medicine".
_BODY_SERIES = re.compile(
    r"^((?:[A-Z][\w'-]*\s+)+(?:of|for)\s+[A-Z][\w'-]*)(?:,\s+[A-Z][\w'-]*)*,?\s+(?:and|&)\s+[A-Z][\w'-]*$"
)


def _is_body(text: str) -> bool:
    """Whether a name list without commas is one organisation's name (its "and" then the body's own)."""
    return _CORPORATE.search(text) is not None or _WEAK_BODY.match(text) is not None


#: Two capitals opening a body's name before a capitalised word: a country's ("US", "UK", "EU"), or its dotted
#: capitals printed with no space between them ("U.S.", "U.K.").
_COUNTRY_CAPITALS = re.compile(r"^(?:[A-Z]{2}|(?:[A-Z]\.){2,3}) [A-Z][a-z]")
#: A body's head before its field: "Department of", "Institute for", "Commission on".
_BODY_HEAD = re.compile(_CORPORATE.pattern + r"\s+(?:of|for|on|upon)\s+")


def _body_field(text: str) -> str:
    """The words after a body's head ("Department of") with no "and" before it: the only words of a name list
    without commas whose initials would make it people's.  A dotted abbreviation before the head ("U.S.", "U.K.")
    is the body's; the "and" after it joins the field's words ("Health and Human Services"), while a people's
    list ("J. Lee and K. Roe") has no such head and keeps all its words (the whole text).

    An opening word of two capitals before a capitalised word ("US Food and Drug Administration", "UK Space
    Agency") is a country's too, printed without full stops, or with them and no space ("U.S. Food and Drug
    Administration", before a body's head with no "of" after it); a person's initials so printed ("JR Lee and
    KL Roe", "J.R. Lee and K.L. Roe") come again before the next name, which keeps them in the field.

    >>> _body_field("U.S. Department of Health and Human Services"), _body_field("J. Lee and K. Roe")
    ('Health and Human Services', 'J. Lee and K. Roe')
    >>> _body_field("US Food and Drug Administration"), _body_field("JR Lee and KL Roe Group")
    ('Food and Drug Administration', 'Lee and KL Roe Group')
    >>> _body_field("U.S. Food and Drug Administration"), _body_field("J.R. Lee and K.L. Roe Group")
    ('Food and Drug Administration', 'Lee and K.L. Roe Group')
    """
    if text[2:3] == " " or text[1:2] == ".":
        opening = _COUNTRY_CAPITALS.match(text)
        if opening:
            text = text[opening.end() - 2:]
    head = _BODY_HEAD.search(text)
    if head is None or _AND.search(text, 0, head.start()):
        return text
    return text[head.end():]


def _two_bodies(text: str) -> tuple[Person, ...]:
    """Two bodies joined by one "&" or "and", or nothing when the "and" is the body's own.

    Each side must be a body by itself, and the "and" must not join the field words after a head's "of"/"for"
    ("U.S. Department of Health and Human Services", "Institute for Health and Care Excellence"): so either the
    side before it holds no such field (it ends in its own head or name, "National Research Council"), or the
    side after it opens a field of its own ("Institute of Medicine", "Society for ...").

    >>> [p.literal for p in _two_bodies("Royal Society & Institute of Physics")]
    ['Royal Society', 'Institute of Physics']
    >>> _two_bodies("U.S. Department of Health and Human Services"), _two_bodies("Ann Lee and Jo Roe")
    ((), ())

    A head before "on" or "upon" names the body's topic, which may run long and hold a head word and an "of" of
    its own ("Commission on Tides and Administration of Harbours"): the "and" is still the topic's, so the name
    is one body's.

    >>> _two_bodies("Commission on Tides and Administration of Harbours")
    ()
    >>> [p.literal for p in _two_bodies("Harbour Board and Institute of Tides")]
    ['Harbour Board', 'Institute of Tides']
    """
    sides = _AND.split(text)
    if len(sides) != 2 or not all(len(s.split()) > 1 and _is_body(s) for s in sides):
        return ()
    head = _BODY_HEAD.search(sides[0])
    if head and (not _BODY_HEAD.search(sides[1]) or head.group().rstrip().endswith((" on", " upon"))):
        return ()
    return tuple(Person("", literal=s.strip()) for s in sides)


#: "Jr", "Sr" and NLM's generation numbers ("Reynolds CF 3rd", "Platt R II").
_SUFFIX = re.compile(rf"^{_SUFFIX_WORD}$")
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
#: One word of capitals between a list's commas ("FAO", "IIASA"): an acronym, or a family name or initials in capitals.
_ACRONYM_PART = re.compile(r"^[A-Z]{2,}$")
#: The word that marks a name list as editors, after the names: Vancouver's "editors", Chicago's "eds." and
#: "ed." (lower case only: "Smith, Ed" is a man named Ed).  A capitalised "Editors" is the mark only after a
#: comma: "International Committee of Medical Journal Editors" is a body's name.
_EDITORS_WORD = re.compile(r",?\s*\b(?:editors?|[Ee][Dd][Ss]\.?|ed\.?)$|,\s*Editors?$")
_VANCOUVER_NAMES = re.compile(r"^[^\W\d][\w'-]+ [A-Z]{1,3}\.?(?:, [^\W\d][\w' -]*? [A-Z]{1,3}\.?)+$")
#: NLM's initials, capitals without full stops ("G", "DG"; the list's closing full stop allowed).
_NLM_INITIALS = re.compile(r"^[A-ZÀ-Þ]{1,3}\.?$")
_NAME_WORD = re.compile(r"^[A-ZÀ-Þ][a-zß-ÿ'’]+(?:-[A-ZÀ-Þ][a-zß-ÿ'’]+)?$")
#: A word of a family name printed before Vancouver's initials: a capitalised name (:data:`_NAME_WORD`), or one
#: hyphened to a particle that opens the second name of a Dutch double name ("Jansen-van", in "Jansen-van den
#: Berg A").
_NLM_FAMILY_WORD = re.compile(
    r"^[A-ZÀ-Þ][a-zß-ÿ'’]+(?:-[A-ZÀ-Þ][a-zß-ÿ'’]+)?(?:-(?:van|von|der|den|de|del|della|di|da|dos|das|du|la|le|ten|ter|zu|af))?$")
#: One initial printed as a word of its own, "A.", in a run of them ("A. B. C."; not "A.B.C.").
_SPACED_INITIAL = re.compile(r"^[A-ZÀ-Þ]\.$")
#: A whole Vancouver name, "Egger M", "Altman DG".
_NLM_NAME = re.compile(r"^[^\W\d][\w'’-]+ [A-ZÀ-Þ]{1,3}\.?$")
_PARTICLES = frozenset("van von der den de del della di da dos das du la le ten ter zu af".split())
#: The particles that are also given names ("Van Morrison", "Della Reese"): before one name they stay given.
_GIVEN_PARTICLES = frozenset({"Van", "Della"})


def _particled(words: list[str]) -> bool:
    """Whether ``words`` are a family name after particles ("van der Berg", "Del Rey", "Van Breusegem").

    The last word is a family name, never an initial: Vancouver's "Du R" is Du, initial R.  A name printed
    in capitals prints its particle in capitals too ("LE GALL", "LE MÉE"): there the capitals are the family.

    >>> _particled(["van", "der", "Berg"]), _particled(["Du", "R"]), _particled(["LE", "GAL"])
    (True, False, True)
    """
    return (len(words) > 1 and all(w.lower() in _PARTICLES for w in words[:-1]) and words[-1][:1].isupper()
            and (words[0].isupper() or not _INITIAL.match(words[-1])))


def _split_particle(person: Person) -> Person:
    """Move a family name's leading particles ("van der") to ``particle``."""
    words = person.family.split()
    if person.particle or not _particled(words):
        return person
    return Person(words[-1], person.given, " ".join(words[:-1]), person.suffix, person.literal)
#: Three capitals before capitalised words in a lone name ("NHS England"): a body's acronym; four or more are
#: a family name in capitals before the given name ("DELISLE Léopold", "BARD Jean").
_BODY_ACRONYM = re.compile(r"^[A-Z]{3}$")
