"""Structured reference formats: BibTeX, RIS, CSL-JSON, CSV; detection; round trips; bad input."""

from __future__ import annotations

import json
from pathlib import Path
from textwrap import dedent

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from kg.cli import main
from kg.errors import InputError
from kg.ingest.references import detect_form, parse_references, read_references
from kg.ingest.references.bibtex import parse_bibtex
from kg.ingest.references.export import to_bibtex, to_csl_json, to_ris
from kg.ingest.references.latex import decode_latex
from kg.ingest.references.ris import parse_ris
from kg.ingest.references.text import parse_text_list

BUNDLED = Path(__file__).resolve().parents[3] / "corpus" / "community-support" / "references.txt"

BIB = dedent(r"""
    @string{psy = "Psychological Bulletin"}

    @article{cohen1985,
      author = {Cohen, Sheldon and Wills, Thomas Ashby},
      title = {Stress, Social Support, and the Buffering Hypothesis},
      journal = psy, year = 1985, volume = 98, number = 2, pages = {310--357},
      doi = {10.1037/0033-2909.98.2.310}
    }

    @incollection{wills1991,
      author = {Wills, T. A.}, title = {Social Support and Interpersonal Relationships},
      crossref = {friedman1991}, pages = {97--116}
    }

    @book{friedman1991,
      editor = {Friedman, H. S. and Schustack, M. K.}, title = {Personality: Foundations and Issues},
      publisher = {Allyn \& Bacon}, year = {1991}
    }

    @article{cohen1985,
      author = {R{\"a}is{\"a}nen, U. and others}, title = {The {R}ole of Social Support}, year = {2015}
    }

    @article{broken, title = {No closing brace
    """)


def test_bibtex_strings_crossref_latex_duplicates():
    """@string and crossref resolve, LaTeX decodes, a duplicate key is kept and reported."""
    refs, problems = parse_bibtex(BIB, "lib.bib")
    by_id = {r.id: r for r in refs}
    assert by_id["cohen1985"].container == "Psychological Bulletin"
    assert by_id["cohen1985"].pages == "310-357" and by_id["cohen1985"].issue == "2"
    assert [p.family for p in by_id["cohen1985"].authors] == ["Cohen", "Wills"]
    chapter = by_id["wills1991"]
    assert (chapter.type, chapter.container, chapter.publisher, chapter.year) == (
        "chapter", "Personality: Foundations and Issues", "Allyn & Bacon", 1991)
    duplicate = next(r for r in refs if r.id.startswith("cohen1985#"))
    assert duplicate.authors[0].family == "Räisänen" and duplicate.et_al and duplicate.title == "The Role of Social Support"
    kinds = sorted(p.kind for p in problems)
    assert kinds == ["broken-entry", "duplicate-key"]
    broken = next(p for p in problems if p.kind == "broken-entry")
    assert broken.where.line == 25


def test_latex_decoding():
    """Accents, special letters, escapes and dashes decode to Unicode."""
    assert decode_latex(r"{\v{S}}koda and {\o}stergaard --- \ss{} \&") == "Škoda and østergaard — ß &"


def test_ris_records_with_and_without_er():
    """RIS records read with repeated authors, SP/EP, DO; a missing ER is reported, the record kept."""
    text = dedent("""\
        TY  - JOUR
        ID  - r1
        AU  - Corrigan, P. W.
        AU  - Watson, A. C.
        TI  - How stigma interferes with mental health care
        JO  - American Psychologist
        PY  - 2004///
        VL  - 59
        IS  - 7
        SP  - 614
        EP  - 625
        DO  - 10.1037/0003-066X.59.7.614
        ER  - 
        TY  - BOOK
        AU  - Walsh F
        TI  - Normal family processes
        PB  - Guilford Press
        PY  - 2016
        """)
    refs, problems = parse_ris(text, "x.ris")
    assert [r.id for r in refs] == ["r1", "2"]
    assert refs[0].pages == "614-625" and refs[0].year == 2004 and len(refs[0].authors) == 2
    assert refs[1].type == "book" and refs[1].authors[0].family == "Walsh"
    assert [p.kind for p in problems] == ["missing-er"] and problems[0].where.line == 14


def test_detection():
    """The form is detected from the content."""
    assert detect_form("@article{k, title={x}}") == "bibtex"
    assert detect_form("TY  - JOUR\nER  - ") == "ris"
    assert detect_form('[{"id": "a"}]') == "csl-json"
    assert detect_form("record_id,author,title\n") == "csv"
    assert detect_form("1. Smith, J. (2001). T. J, 1, 1-2.") == "text"


@pytest.mark.parametrize(("writer", "form"), [(to_bibtex, "bibtex"), (to_ris, "ris"), (to_csl_json, "csl-json")],
                         ids=["bibtex", "ris", "csl-json"])
def test_import_export_import_round_trip(writer, form):
    """Exporting the bundled list and reading it back gives the same records."""
    first = read_references(BUNDLED).references
    again = parse_references(writer(first), f"lib.{form}", form).references
    keys = ("id", "type", "year", "title", "container", "volume", "issue", "pages", "edition", "publisher", "doi")
    assert [tuple(getattr(r, k) for k in keys) for r in again] == [tuple(getattr(r, k) for k in keys) for r in first]
    assert [[(p.family, p.given) for p in r.authors] for r in again] == [
        [(p.family, p.given) for p in r.authors] for r in first]
    assert [[p.family for p in r.editors] for r in again] == [[p.family for p in r.editors] for r in first]
    third = parse_references(writer(again), f"lib.{form}", form).references
    assert third == again


def test_bibtex_export_keys_stay_distinct():
    """Ids that are no valid BibTeX key, or that become one key once made valid, are all read back."""
    from kg.model import Person, Reference

    ids = ["c.ris:smith 2020", "c.ris:smith_2020", "c.ris:smith{2020}", "", "c.ris:smith_2020-2"]
    refs = [Reference(id=i, type="article-journal", title=f"Work {n}", year=2020, authors=(Person(family="Smith"),))
            for n, i in enumerate(ids)]
    again = parse_references(to_bibtex(refs), "lib.bib", "bibtex")
    assert not again.problems
    assert [r.title for r in again.references] == [f"Work {n}" for n in range(5)]
    assert [r.id for r in again.references] == [
        "c.ris:smith_2020-3", "c.ris:smith_2020", "c.ris:smith_2020_", "ref", "c.ris:smith_2020-2"]


def test_corpus_reads_its_reference_list_as_bibtex(corpus_copy):
    """A corpus whose reference list is BibTeX builds the same works, and the graph says so."""
    from rdflib import Literal

    from kg.pipeline import build
    from kg.vocab import KG

    refs = read_references(corpus_copy / "references.txt").references
    (corpus_copy / "references.bib").write_text(to_bibtex(refs), encoding="utf-8")
    manifest = corpus_copy / "corpus.yaml"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace("references: references.txt",
                                                                      "references: references.bib"), encoding="utf-8")
    built = build(corpus_copy)
    assert len(built.corpus.works) == 21 and len(built.corpus.references) == 26
    assert (None, KG.sourceFormat, Literal("bibtex")) in built.graph


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"", "empty"), (b"\x00\x01\x02binary", "binary"), (b"[{bad json", r"x\.json:1:3: not valid JSON")],
    ids=["empty", "binary", "json"],
)
def test_bad_files(tmp_path, content, message):
    """Empty, binary and broken JSON files are clear errors naming the file."""
    path = tmp_path / "x.json"
    path.write_bytes(content)
    with pytest.raises(InputError, match=message):
        read_references(path)


def test_cli_parse_formats_and_exit_codes(runner, tmp_path):
    """`kg refs parse` prints CSL-JSON with input ids; exits 1 only when nothing was read or with --strict."""
    result = runner.invoke(main, ["refs", "parse", str(BUNDLED)])
    assert result.exit_code == 0 and '"id": "26"' in result.stdout
    bib = tmp_path / "lib.bib"
    bib.write_text(BIB, encoding="utf-8")
    result = runner.invoke(main, ["refs", "parse", str(bib), "--format", "table"])
    assert result.exit_code == 0 and "lib.bib:25" in result.stderr
    assert runner.invoke(main, ["refs", "parse", str(bib), "--strict"]).exit_code == 1
    empty = tmp_path / "empty.ris"
    empty.write_text("", encoding="utf-8")
    assert runner.invoke(main, ["refs", "parse", str(empty)]).exit_code == 1



def test_cli_parse_several_files_keeps_ids_unique(runner, tmp_path):
    """With several files, each record's id is prefixed by its file's name, so no two records share one."""
    for name, entry in (("a.txt", "Corrigan, P. W. (2004). How stigma interferes with mental health care. "
                                  "American Psychologist, 59(7), 614-625."),
                        ("b.txt", "Cohen, S., & Wills, T. A. (1985). Stress, social support, and the buffering "
                                  "hypothesis. Psychological Bulletin, 98(2), 310-357.")):
        (tmp_path / name).write_text(entry + "\n", encoding="utf-8")
    result = runner.invoke(main, ["refs", "parse", str(tmp_path / "a.txt"), str(tmp_path / "b.txt")])
    assert result.exit_code == 0
    assert [item["id"] for item in json.loads(result.stdout)] == ["a.txt:1", "b.txt:1"]

@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
@example("- ")  # a lone bullet once gave a record with no text at all
def test_text_parser_never_crashes(text):
    """Any text parses to records or problems, never an exception."""
    refs, _problems = parse_text_list(text, "x.txt")
    assert all(r.raw or r.title or r.leftover for r in refs) or not refs


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.sampled_from(["Smith", "Lee", "Räisänen", "Holt-Lunstad", "O'Brien"]), min_size=1, max_size=4, unique=True),
    st.integers(1900, 2030),
    st.text(alphabet=st.characters(whitelist_categories=("Lu", "Ll"), max_codepoint=0x24F), min_size=3, max_size=12),
)
def test_formatted_apa_parses_back(surnames, year, word):
    """Formatting a record in APA and parsing it back gives the record."""
    from kg.ingest.references.styles import format_apa
    from kg.model import Person, Reference

    record = Reference("1", authors=tuple(Person(s, "A. B.") for s in surnames), year=year,
                       title=f"Community support and {word}", container="Journal of Tests", volume="12",
                       issue="3", pages="45-67")
    (back,), _ = parse_text_list(format_apa(record), "x.txt")
    assert [(p.family, p.given) for p in back.authors] == [(s, "A. B.") for s in surnames]
    assert (back.year, back.title, back.container, back.volume, back.issue, back.pages) == (
        year, record.title, "Journal of Tests", "12", "3", "45-67")


RIS_PUBMED = dedent("""\
    TY  - JOUR
    DB  - NLM
    AN  - 15491256
    AU  - Corrigan PW
    AU  - Watson AC
    T1  - How stigma interferes with mental health care
    JO  - Am Psychol
    JF  - The American psychologist
    Y1  - 2004/10//
    VL  - 59
    IS  - 7
    SP  - 614-625
    SN  - 0003-066X (Print)
    SN  - 0003-066X (Linking)
    M3  - 10.1037/0003-066X.59.7.614
    N1  - 1935-990x Corrigan, Patrick W Watson, Amy C Journal Article
    KW  - Humans
    KW  - Stereotyping
    UR  - https://pubmed.ncbi.nlm.nih.gov/15491256/
    ER  - 
    """)
RIS_SCOPUS = dedent("""\
    TY  - JOUR
    AU  - Holt-Lunstad, J.
    AU  - Smith, T.B.
    AU  - Layton, J.B.
    TI  - Social relationships and mortality risk: A meta-analytic review
    PY  - 2010
    T2  - PLoS Medicine
    VL  - 7
    IS  - 7
    C7  - e1000316
    DO  - 10.1371/journal.pmed.1000316
    UR  - https://www.scopus.com/inward/record.uri?eid=2-s2.0-77955451581&doi=10.1371%2fjournal.pmed.1000316
    AB  - Background: The quality and quantity of individuals' social relationships has been linked
          to mental health and to morbidity and mortality.
    PB  - Public Library of Science
    SN  - 15491277
    C2  - 20668659
    LA  - English
    J2  - PLoS Med.
    M3  - Review
    DB  - Scopus
    N1  - Cited By :5000; Export Date: 1 December 2026
    ER  - 
    """)
RIS_WOS = dedent("""\
    TY  - JOUR
    AU  - Cohen, S
    AU  - Wills, TA
    TI  - STRESS, SOCIAL SUPPORT, AND THE BUFFERING HYPOTHESIS
    T2  - PSYCHOLOGICAL BULLETIN
    J9  - PSYCHOL BULL
    DA  - SEP
    PY  - 1985
    VL  - 98
    IS  - 2
    SP  - 310
    EP  - 357
    DO  - 10.1037/0033-2909.98.2.310
    AN  - WOS:A1985ASC9700007
    SN  - 0033-2909
    UR  - <Go to ISI>://WOS:A1985ASC9700007
    ER  - 
    """)
RIS_ENDNOTE = dedent("""\
    TY  - CHAP
    ID  - 17
    A1  - Berkman, Lisa F.
    A1  - Glass, Thomas
    AU  - Berkman, Lisa F.
    A2  - Berkman, Lisa F.
    A2  - Kawachi, Ichiro
    T1  - Social integration, social networks, social support, and health
    T2  - Social epidemiology
    PY  - 2000///
    SP  - 137
    EP  - 173
    CY  - New York
    PB  - Oxford University Press
    SN  - 978-0-19-508331-6
    L1  - internal-pdf://0123/berkman.pdf
    N1  - Chapter 7
    ER  - 
    TY  - THES
    ID  - 18
    AU  - van der Berg, Anna
    TI  - Peer support in recovery
    PY  - 2019
    PB  - Universiteit Utrecht
    CY  - Utrecht
    M3  - Doctoral dissertation
    UR  - https://dspace.library.uu.nl/handle/1874/380000
    ER  - 
    """)


def test_ris_pubmed_export():
    """PubMed records through a reference manager: 'Family GI' names, JF over JO, Y1, SP 'a-b', DOI in M3, AN as PMID."""
    (ref,), problems = parse_ris(RIS_PUBMED, "pubmed.ris")
    assert problems == []
    assert [(p.family, p.given) for p in ref.authors] == [("Corrigan", "PW"), ("Watson", "AC")]
    assert (ref.title, ref.container, ref.year, ref.volume, ref.issue, ref.pages) == (
        "How stigma interferes with mental health care", "The American psychologist", 2004, "59", "7", "614-625")
    assert (ref.doi, ref.pmid, ref.isbn, ref.url) == (
        "10.1037/0003-066X.59.7.614", "15491256", "", "https://pubmed.ncbi.nlm.nih.gov/15491256/")
    assert dict(ref.extra)["issn"] == "0003-066X" and dict(ref.extra)["keywords"] == "Humans; Stereotyping"


def test_ris_scopus_export():
    """Scopus: T2 over J2, the article number C7 as pages, ISSN in SN, the PubMed id in C2, wrapped abstract."""
    (ref,), problems = parse_ris(RIS_SCOPUS, "scopus.ris")
    assert problems == []
    assert [p.display for p in ref.authors] == ["Holt-Lunstad, J.", "Smith, T.B.", "Layton, J.B."]
    assert (ref.container, ref.year, ref.pages, ref.doi, ref.pmid, ref.isbn, ref.publisher) == (
        "PLoS Medicine", 2010, "e1000316", "10.1371/journal.pmed.1000316", "20668659", "", "Public Library of Science")
    assert dict(ref.extra)["issn"] == "15491277" and dict(ref.extra)["medium"] == "Review"


def test_ris_web_of_science_export():
    """Web of Science: 'Family, GI' names, DA month beside PY, AN as an accession number, no fake <Go to ISI> URL."""
    (ref,), problems = parse_ris(RIS_WOS, "wos.ris")
    assert problems == []
    assert [(p.family, p.given) for p in ref.authors] == [("Cohen", "S"), ("Wills", "TA")]
    assert (ref.year, ref.pages, ref.container, ref.url, ref.pmid) == (1985, "310-357", "PSYCHOLOGICAL BULLETIN", "", "")
    assert dict(ref.extra)["accession"] == "WOS:A1985ASC9700007"


def test_ris_endnote_export_with_bom_and_crlf(tmp_path):
    """EndNote: a BOM and CRLF ends, A1 and AU naming the same author once, A2 editors, ISBN, no file:// link."""
    path = tmp_path / "endnote.ris"
    path.write_bytes(b"\xef\xbb\xbf" + RIS_ENDNOTE.replace("\n", "\r\n").encode("utf-8"))
    listing = read_references(path)
    assert listing.form == "ris" and listing.problems == ()
    chapter, thesis = listing.references
    assert [p.family for p in chapter.authors] == ["Berkman", "Glass"]
    assert [p.family for p in chapter.editors] == ["Berkman", "Kawachi"]
    assert (chapter.id, chapter.type, chapter.container, chapter.year, chapter.pages, chapter.place,
            chapter.publisher, chapter.isbn, chapter.url) == (
        "17", "chapter", "Social epidemiology", 2000, "137-173", "New York", "Oxford University Press",
        "978-0-19-508331-6", "")
    assert (thesis.type, thesis.publisher, thesis.url) == (
        "thesis", "Universiteit Utrecht", "https://dspace.library.uu.nl/handle/1874/380000")
    assert (thesis.authors[0].particle, thesis.authors[0].family) == ("van der", "Berg")


def test_ris_one_space_tags_and_wrapped_value_after_missing_er():
    """Tags with one space before the dash read; a continuation line in a new record never reaches the old one."""
    text = "TY - JOUR\nTI - First\nAB - Long\n  abstract\nTY - JOUR\n  stray continuation\nTI - Second\nER -\n"
    refs, problems = parse_ris(text, "x.ris")
    assert [r.title for r in refs] == ["First", "Second"]
    assert [(p.kind, p.where.line) for p in problems] == [("missing-er", 1)]


def test_ris_doi_from_links_only_when_doi_org():
    """Without DO, a doi.org link gives the DOI; a DOI inside another link's query string does not."""
    text = ("TY  - JOUR\nTI  - A\nUR  - https://doi.org/10.1000/abc.1\nER  - \n"
            "TY  - JOUR\nTI  - B\nUR  - https://www.scopus.com/record.uri?doi=10.1371%2fjournal.x&md5=1\nER  - \n")
    refs, _ = parse_ris(text, "x.ris")
    assert [(r.doi, r.url) for r in refs] == [
        ("10.1000/abc.1", "https://doi.org/10.1000/abc.1"),
        ("", "https://www.scopus.com/record.uri?doi=10.1371%2fjournal.x&md5=1")]


def test_ris_duplicate_ids_kept_apart():
    """Two records with one ID both kept, the second renamed and reported."""
    text = "TY  - JOUR\nID  - a\nTI  - One\nER  - \nTY  - JOUR\nID  - a\nTI  - Two\nER  - \n"
    refs, problems = parse_ris(text, "x.ris")
    assert [r.id for r in refs] == ["a", "a#5"] and [p.kind for p in problems] == ["duplicate-id"]


def test_ris_record_without_id_never_takes_another_records_id():
    """A record with no ID is numbered by its position unless another record has that number as its ID:
    the explicit ID keeps its value, the numbered record takes the next free one, and nothing is warned."""
    text = "TY  - JOUR\nTI  - One\nER  - \nTY  - JOUR\nID  - 1\nTI  - Two\nER  - \n"
    refs, problems = parse_ris(text, "x.ris")
    assert [(r.id, r.title) for r in refs] == [("1-2", "One"), ("1", "Two")] and problems == []


def test_medline_nbib_export():
    """PubMed's own MEDLINE (.nbib) export is read: FAU names, DP, PG, the [doi] LID, a CN group author."""
    text = dedent("""\
        PMID- 15491256
        OWN - NLM
        TI  - How stigma interferes with mental health care.
        PG  - 614-25
        LID - 10.1037/0003-066X.59.7.614 [doi]
        AB  - Many people who would benefit from mental health services opt not to pursue
              them or fail to fully participate once they have begun.
        FAU - Corrigan, Patrick
        AU  - Corrigan P
        CN  - Stigma Research Group
        LA  - eng
        PT  - Journal Article
        DP  - 2004 Oct
        JT  - The American psychologist
        TA  - Am Psychol
        VI  - 59
        IP  - 7

        PMID- 20668659
        TI  - Social relationships and mortality risk: a meta-analytic review.
        FAU - Holt-Lunstad, Julianne
        DP  - 2010 Jul 27
        JT  - PLoS medicine
        """)
    assert detect_form(text) == "ris"
    listing = parse_references(text, "pubmed.nbib")
    first, second = listing.references
    assert (first.id, first.pmid, first.year, first.pages, first.doi, first.container, first.volume, first.issue) == (
        "15491256", "15491256", 2004, "614-25", "10.1037/0003-066X.59.7.614", "The American psychologist", "59", "7")
    assert [(p.family, p.given, p.literal) for p in first.authors] == [
        ("Corrigan", "Patrick", ""), ("", "", "Stigma Research Group")]
    assert (second.id, second.year, second.authors[0].family) == ("20668659", 2010, "Holt-Lunstad")


def _round_trip_records():
    """Records of every kind the writers must carry: names with particles, suffixes, corporate and
    Unicode names, editors, chapters, theses, reports, conference papers, identifiers, odd characters."""
    from kg.model import Person, Reference

    return [
        Reference("holt2020a", "article-journal", authors=(
            Person("Berg", "Anna", particle="van der"), Person("King", "Martin L.", suffix="Jr."),
            Person("Šimić", "Ana"), Person("", literal="World Health Organization"), Person("Øster", "Zoë")),
            year=2020, year_suffix="a", title="50% of R&D_x: {Braces}, ~tilde, a\\b -- not a dash, ``quoted''",
            container="Journal of Mental Health & Society", volume="12", issue="3", pages="S875-S880",
            doi="10.1000/abc_(2020)-x", url="https://example.org/a%20b?x=1&y=2#frag", pmid="12345678"),
        Reference("berkman2000", "chapter", authors=(Person("Berkman", "L. F."), Person("Glass", "T.")),
                  editors=(Person("Berkman", "L. F."), Person("Kawachi", "I.")), year=2000,
                  title="Social integration, social networks, social support, and health",
                  container="Social epidemiology", pages="137-173", edition="2", publisher="Oxford University Press",
                  place="New York", isbn="978-0-19-508331-6"),
        Reference("friedman1991", "book", editors=(Person("Friedman", "H. S."), Person("Cruz", "J.", "de la")),
                  year=1991, title="Personality: Foundations and Issues", publisher="Allyn & Bacon",
                  place="Boston", isbn="0-205-12345-6"),
        Reference("hossain2012", "thesis", authors=(Person("Hossain", "Md Masrur"),), year=2012,
                  title="Magnetic penetration depth in exotic superconductors",
                  publisher="University of British Columbia", place="Vancouver, BC",
                  url="https://open.library.ubc.ca/items/1.0073321"),
        Reference("rovner1968", "report", authors=(Person("Rovner", "L. H."),), year=1968,
                  title="Vaporization of refractory metals", issue="AFML-TR-68-200",
                  publisher="Air Force Materials Laboratory", place="Dayton, OH"),
        Reference("lee2019", "paper-conference", authors=(Person("Lee", "Jae-Won"), Person("Ng", "A.")), year=2019,
                  title="Peer support chat bots", container="Proceedings of the CHI Conference on Human Factors",
                  pages="1-12", publisher="ACM", place="Glasgow", doi="10.1145/3290605.3300001"),
        Reference("who2021", "webpage", authors=(Person("", literal="World Health Organization"),), year=2021,
                  title="Mental health atlas", url="https://www.who.int/publications/i/item/9789240036703"),
        Reference("smith-inpress", "article", authors=(Person("Smith", "J."),), date_text="in press",
                  title="A forthcoming note"),
        Reference("many2015", "article-journal", authors=(Person("Räisänen", "U."),), et_al=True, year=2015,
                  title="The role of social support", container="BMJ Open", volume="5", pages="e008000"),
    ]


_COMPARED = ("id", "type", "authors", "editors", "et_al", "year", "year_suffix", "date_text", "title", "container",
             "volume", "issue", "pages", "edition", "publisher", "place", "doi", "url", "isbn", "pmid")
#: What a format has no field for (RIS: year letters and "et al."; CSL-JSON: "et al.").
_NOT_CARRIED = {"bibtex": (), "ris": ("year_suffix", "et_al"), "csl-json": ("et_al",)}


@pytest.mark.parametrize(("writer", "form"), [(to_bibtex, "bibtex"), (to_ris, "ris"), (to_csl_json, "csl-json")],
                         ids=["bibtex", "ris", "csl-json"])
def test_round_trip_every_kind_of_record(writer, form):
    """Export then import keeps every field a format carries; a second round trip changes nothing."""
    records = _round_trip_records()
    back = parse_references(writer(records), f"lib.{form}", form)
    assert back.problems == ()
    for original, read in zip(records, back.references, strict=True):
        for name in _COMPARED:
            expected = getattr(original, name)
            if name in _NOT_CARRIED[form]:
                continue
            assert getattr(read, name) == expected, (original.id, name)
    again = parse_references(writer(back.references), f"lib.{form}", form)
    assert again.references == back.references


@pytest.mark.parametrize("text", [BIB, RIS_PUBMED + RIS_SCOPUS + RIS_WOS + RIS_ENDNOTE], ids=["bibtex", "ris"])
def test_import_export_import_of_real_shapes(text):
    """A BibTeX library (strings, crossref, a duplicate) and four RIS exports read, written and read back the same."""
    first = parse_references(text, "in")
    writer = {"bibtex": to_bibtex, "ris": to_ris}[first.form]
    second = parse_references(writer(first.references), "out", first.form)
    keys = [k for k in _COMPARED if k not in _NOT_CARRIED[first.form] and k != "id"] + ["extra"]
    assert [[getattr(r, k) for k in keys] for r in second.references] == [
        [getattr(r, k) for k in keys] for r in first.references]
    # BibTeX keys are written LaTeX-safe: the duplicate kept as 'cohen1985#21' is written as 'cohen1985_21'.
    assert [r.id for r in second.references] == [r.id.replace("#", "_") for r in first.references]
    third = parse_references(writer(second.references), "out", first.form)
    assert third.references == second.references


def test_bibtex_string_concatenation_and_case():
    """'#' joins strings and quoted parts; @string names are case-insensitive."""
    text = '@string{JMH = "Mental Health"}\n@article{a, journal = "Journal of " # jmh, title = {A # B}}\n'
    (ref,), problems = parse_bibtex(text, "x.bib")
    assert (ref.container, ref.title, problems) == ("Journal of Mental Health", "A # B", [])


_WORD = st.text(alphabet=st.characters(whitelist_categories=("Lu", "Ll", "Nd"), max_codepoint=0x24F)
                | st.sampled_from(list("&%$#_{}~^\\-'`\".,:;!?()[]/")), min_size=1, max_size=8)
_NAME = st.text(alphabet=st.characters(whitelist_categories=("Lu", "Ll"), max_codepoint=0x24F), min_size=1, max_size=8)


@settings(max_examples=150, deadline=None)
@given(st.lists(_WORD, min_size=1, max_size=6).map(" ".join),
       st.lists(st.tuples(_NAME, _NAME, st.sampled_from(["", "van", "de la", "von der"]),
                          st.sampled_from(["", "Jr.", "III"])), min_size=1, max_size=3))
def test_any_title_and_names_survive_every_writer(title, names):
    """Titles full of LaTeX specials (braces, dashes, quotes, backslashes) and names with particles and
    suffixes, repeated names included, read back unchanged from BibTeX, RIS and CSL-JSON."""
    from kg.model import Person, Reference

    authors = tuple(Person(f.capitalize(), g.capitalize() + ".", p, s) for f, g, p, s in names)
    record = Reference("k1", title=title, authors=authors, year=2000, container="J")
    for writer, form in ((to_bibtex, "bibtex"), (to_ris, "ris"), (to_csl_json, "csl-json")):
        (back,) = parse_references(writer([record]), "x", form).references
        assert (back.title, back.authors) == (title, authors), form


def test_ris_same_name_twice_kept_and_au_a1_merged():
    """Two authors with one name under AU are both kept; A1 repeating AU's names adds nobody."""
    text = "TY  - JOUR\nAU  - Wang, L.\nAU  - Wang, L.\nA1  - Wang, L.\nAU  - Li, X.\nER  - \n"
    (ref,), _ = parse_ris(text, "x.ris")
    assert [p.display for p in ref.authors] == ["Wang, L.", "Wang, L.", "Li, X."]


@pytest.mark.parametrize("edition", ["4", "4th", "4th ed", "4th ed.", "4th edn."])
def test_an_edition_is_printed_once_with_its_word(edition):
    """A reader may keep the word with the edition ("4th ed"): APA prints "(4th ed.)", never "(4th ed ed.)"."""
    from kg.model import Person, Reference
    from kg.ingest.references.styles import format_apa

    book = Reference("1", type="book", authors=(Person("Walsh", "F."),), year=2016, title="Normal Family Processes",
                     edition=edition, publisher="Guilford Press")
    assert format_apa(book) == "Walsh, F. (2016). Normal Family Processes (4th ed.). Guilford Press."


def test_apa_chapter_editors_do_not_take_the_word_in():
    """"In L. F. Berkman & I. Kawachi (Eds.)": the editor is L. F. Berkman, one person with the author
    Berkman, L. F. of the same list (the given names were "In L. F.")."""
    (ref,), _ = parse_text_list(
        'Berkman, L. F., & Glass, T. (2000). "Social Integration, Social Networks, Social Support, and Health." '
        "In L. F. Berkman & I. Kawachi (Eds.), *Social Epidemiology* (pp. 137-173). Oxford University Press.\n",
        "x.txt")
    assert [(p.family, p.given) for p in ref.editors] == [("Berkman", "L. F."), ("Kawachi", "I.")]
