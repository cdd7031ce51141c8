"""The CRF fallback for printed references in styles other than author-date."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.ingest.references.crf import MODEL_PATH
from kg.ingest.references.names import split_names
from kg.ingest.references.text import parse_reference
from kg.model import SourceLocation

pytestmark = pytest.mark.skipif(not MODEL_PATH.exists(), reason="no CRF model in kg/data")

SRC = SourceLocation("refs.txt", 1)

STYLES = [
    (
        "vancouver",
        "1. Corrigan PW, Watson AC. Understanding the impact of stigma on people with mental illness. "
        "World Psychiatry. 2002;1(1):16-20.",
        ("Corrigan", 2002, "understanding the impact of stigma"),
    ),
    (
        "ieee",
        '[2] P. W. Corrigan and A. C. Watson, "Understanding the impact of stigma on people with mental illness," '
        "World Psychiatry, vol. 1, no. 1, pp. 16-20, 2002.",
        ("Corrigan", 2002, "understanding the impact of stigma"),
    ),
    (
        "mla",
        'Link, Bruce G., and Jo C. Phelan. "Conceptualizing Stigma." Annual Review of Sociology, vol. 27, 2001, '
        "pp. 363-385.",
        ("Link", 2001, "conceptualizing stigma"),
    ),
]


@pytest.mark.parametrize("entry,expected", [(e, x) for _, e, x in STYLES], ids=[s for s, _, _ in STYLES])
def test_other_styles_get_first_author_year_and_title(entry: str, expected: tuple[str, int, str]) -> None:
    """Vancouver, IEEE and MLA entries get the first author, the year and the title."""
    ref, problems = parse_reference(entry, "1", SRC)
    family, year, title = expected
    assert problems == []
    assert ref.authors and ref.authors[0].family == family
    assert ref.year == year
    assert ref.title.lower().startswith(title)


SIX_STYLES = {
    "apa": "Link, B. G., & Phelan, J. C. (2001). Conceptualizing stigma. Annual Review of Sociology, 27(1), 363–385.",
    "harvard": "Link, B.G. and Phelan, J.C. (2001) ‘Conceptualizing stigma’, Annual Review of Sociology, 27(1), "
    "pp. 363–385.",
    "chicago": "Link, Bruce G., and Jo C. Phelan. 2001. “Conceptualizing Stigma.” Annual Review of Sociology "
    "27 (1): 363–85.",
    "mla": "Link, Bruce G., and Jo C. Phelan. “Conceptualizing Stigma.” Annual Review of Sociology, vol. 27, no. 1, "
    "2001, pp. 363–385.",
    "vancouver": "2. Link BG, Phelan JC. Conceptualizing stigma. Annu Rev Sociol. 2001;27(1):363-85.",
    "ieee": "[3] B. G. Link and J. C. Phelan, “Conceptualizing stigma,” Annu. Rev. Sociol., vol. 27, no. 1, "
    "pp. 363–385, 2001.",
}


@pytest.mark.parametrize("style", sorted(SIX_STYLES))
def test_one_work_in_six_styles_gives_the_same_fields(style: str) -> None:
    """The same article printed in each of the six styles parses to the same authors, year, title and numbers."""
    ref, _ = parse_reference(SIX_STYLES[style], "1", SRC)
    assert [p.family for p in ref.authors] == ["Link", "Phelan"]
    assert ref.year == 2001
    assert ref.title.lower() == "conceptualizing stigma"
    assert ref.container.replace(".", "") in {"Annual Review of Sociology", "Annu Rev Sociol"}
    assert (ref.volume, ref.issue) == ("27", "1")
    assert ref.pages.startswith("363-")


def test_apa_entry_gets_exact_fields_and_high_confidence() -> None:
    """An APA entry gets its exact fields and a high confidence."""
    ref, _ = parse_reference(
        "Corrigan, P. W. (2004). How stigma interferes with mental health care. American Psychologist, 59(7), 614-625.",
        "1",
        SRC,
    )
    assert (ref.container, ref.volume, ref.issue, ref.pages) == ("American Psychologist", "59", "7", "614-625")
    assert ref.confidence >= 0.9


def test_split_names_handles_name_orders() -> None:
    """Family-first, given-first and semicolon lists split into the right family names."""
    assert [p.family for p in split_names("Smith, J.; Jones, K. L.")[0]] == ["Smith", "Jones"]
    assert [p.family for p in split_names("Corrigan PW, Watson AC")[0]] == ["Corrigan", "Watson"]
    people, et_al = split_names("A. Author, B. Writer, et al.")
    assert [p.family for p in people] == ["Author", "Writer"] and et_al


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=300))
def test_parser_never_crashes_on_arbitrary_text(text: str) -> None:
    """Any string parses to a reference (possibly low confidence) without raising."""
    ref, _ = parse_reference(text, "1", SRC)
    assert ref.id == "1"


@pytest.mark.parametrize(
    "printed,expected",
    [
        ("27(1),", ("27", "1", "")),
        ("vol. 7, no. 3,", ("7", "3", "")),
        ("Vol. 159 Issue 3,", ("159", "3", "")),
        ("2001;27(1):363-85.", ("27", "1", "363-85")),
        ("n° 54, vol. 1,", ("1", "54", "")),
        ("v. 45,", ("45", "", "")),
        ("33, no. 3/4", ("33", "3/4", "")),
        ("14(Suppl.1),", ("14", "Suppl.1", "")),
        ("175(7):4769–76,", ("175", "7", "4769-76")),
        ("12, 45-67", ("12", "", "45-67")),
    ],
    ids=["parens", "vol-no", "issue-word", "vancouver", "issue-first", "v-dot", "double-issue", "supplement",
         "pages-inside", "comma-pages"],
)
def test_split_volume_reads_volume_issue_and_pages(printed: str, expected: tuple[str, str, str]) -> None:
    """Every common way of printing volume, issue and pages splits into the three fields."""
    from kg.ingest.references.fields import split_volume

    assert split_volume(printed) == expected


@pytest.mark.parametrize(
    "names",
    ["van der Berg, Anna, and Jo Smith", "A. van der Berg and J. Smith", "van der Berg A, Smith J",
     "van der Berg, A., & Smith, J."],
    ids=["inverted-full", "natural", "vancouver", "apa"],
)
def test_split_names_keeps_particles_apart(names: str) -> None:
    """'van der' becomes the particle of Berg in every name order."""
    people, _ = split_names(names)
    assert [(p.particle, p.family) for p in people] == [("van der", "Berg"), ("", "Smith")]


def test_numbered_wrapped_list_with_typography_parses() -> None:
    """A numbered list whose entries wrap, with en dashes, typographic quotes, italics markers and Unicode names."""
    from kg.ingest.references.text import parse_text_list

    text = (
        "[1] A.-L. Barabási and R. Albert, “Emergence of scaling in random\n"
        "    networks,” *Science*, vol. 286, no. 5439, pp. 509–512, 1999.\n"
        "[2] J. Hochreiter and J. Schmidhuber, “Long short-term memory,” *Neural Comput.*,\n"
        "    vol. 9, no. 8, pp. 1735–1780, 1997.\n"
    )
    refs, problems = parse_text_list(text, "refs.txt")
    assert problems == [] and len(refs) == 2
    first = refs[0]
    assert [p.family for p in first.authors] == ["Barabási", "Albert"]
    assert (first.year, first.title, first.container) == (1999, "Emergence of scaling in random networks", "Science")
    assert (first.volume, first.issue, first.pages) == ("286", "5439", "509-512")
    assert refs[1].source.line == 3 and refs[1].pages == "1735-1780"


@pytest.mark.parametrize(
    "entry,kind",
    [
        ("Smith, J. (2010). Peer support and recovery (Doctoral dissertation). University of Leeds.", "thesis"),
        ("World Health Organization. (2013). Mental health action plan 2013-2020 (Technical Report No. 12). "
         "Geneva: World Health Organization.", "report"),
        ("A. Lee and B. Chan, “Fast parsing of references,” in Proceedings of the ACM Symposium on Document "
         "Engineering, 2015, pp. 1–10.", "paper-conference"),
        ("Mind. (2020). How to cope with loneliness. Retrieved from https://www.mind.org.uk/loneliness", "webpage"),
        ("Corrigan, P. W. (2004). A report card on stigma. American Psychologist, 59(7), 614-625.", "article-journal"),
    ],
    ids=["thesis", "report", "conference", "webpage", "title-says-report"],
)
def test_entry_types_come_from_outside_the_title(entry: str, kind: str) -> None:
    """Theses, reports, conference papers and web pages are told apart by what surrounds the title."""
    ref, _ = parse_reference(entry, "1", SRC)
    assert ref.type == kind


def test_identifiers_are_kept() -> None:
    """DOI, PMID and ISBN printed in an entry are read out."""
    ref, _ = parse_reference(
        "Corrigan PW. How stigma interferes with mental health care. Am Psychol. 2004;59(7):614-25. "
        "doi:10.1037/0003-066X.59.7.614. PMID: 15491256.", "1", SRC)
    assert (ref.doi, ref.pmid) == ("10.1037/0003-066X.59.7.614", "15491256")
    book, _ = parse_reference("Goffman, E. (1963). Stigma. Prentice-Hall. ISBN 978-0-671-62244-2", "2", SRC)
    assert book.isbn == "978-0-671-62244-2"


def test_rules_read_author_date_entries_without_a_model(monkeypatch: pytest.MonkeyPatch) -> None:
    """With no CRF model installed, the author-date rules still read an APA entry."""
    import kg.ingest.references.text as text

    # parse_with_crf's answer without a model (patched in text.py: a compiled crf module calls its own functions).
    monkeypatch.setattr(text, "_parse_with_crf", lambda entry, ref_id, source: None)
    ref, problems = parse_reference(
        "Corrigan, P. W. (2004). How stigma interferes with mental health care. American Psychologist, 59(7), "
        "614-625.", "1", SRC)
    assert problems == [] and ref.confidence == 0.9
    assert (ref.container, ref.volume, ref.issue, ref.pages) == ("American Psychologist", "59", "7", "614-625")
    other, problems = parse_reference("Corrigan PW. Stigma. Am Psychol. 2004;59(7):614-25.", "2", SRC)
    assert other.confidence == 0.1 and problems[0].kind == "unparsed-reference"


@pytest.mark.parametrize(
    "entry,year,suffix,date_text",
    [
        ("Smith, J. (n.d.). Peer support groups. Retrieved from https://example.org/peer", None, "", "n.d."),
        ("Smith, J. (in press). Peer support groups. Journal of Community Psychology.", None, "", "in press"),
        ("Smith, J. (2000a). Peer support groups. Journal of Community Psychology, 3(1), 1-9.", 2000, "a", ""),
    ],
    ids=["no-date", "in-press", "year-letter"],
)
def test_dates_without_a_plain_year(entry: str, year: int | None, suffix: str, date_text: str) -> None:
    """'n.d.', 'in press' and year letters are kept as such."""
    ref, _ = parse_reference(entry, "1", SRC)
    assert (ref.year, ref.year_suffix, ref.date_text) == (year, suffix, date_text)


def test_corporate_author_is_one_literal_name() -> None:
    """An organisation as author stays one name, not a family and given name."""
    ref, _ = parse_reference(
        "World Health Organization. (2013). Mental health action plan 2013-2020. Geneva: World Health Organization.",
        "1", SRC)
    assert [p.literal for p in ref.authors] == ["World Health Organization"] and ref.year == 2013


def test_retraining_writes_a_model_that_tags(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """train() on a small tagged set plus printed references writes a model that labels words, and bad lines are named."""
    import json

    import pycrfsuite  # type: ignore[import-untyped]

    from kg.ingest.references.crf import features
    from kg.ingest.references.train import train

    spans = [
        [["author", "Link, B. G., & Phelan, J. C."], ["date", "(2001)."], ["title", "Conceptualizing stigma."],
         ["journal", "Annual Review of Sociology,"], ["volume", "27(1),"], ["pages", "363-385."]],
        [["author", "Goffman, E."], ["date", "(1963)."], ["title", "Stigma: Notes on the management of spoiled identity."],
         ["location", "Englewood Cliffs, NJ:"], ["publisher", "Prentice-Hall."]],
        [["author", "Berkman, L. F., & Glass, T."], ["date", "(2000)."], ["title", "Social integration and health."],
         ["editor", "In L. F. Berkman & I. Kawachi (Eds.),"], ["container-title", "Social epidemiology"],
         ["pages", "(pp. 137-173)."], ["location", "New York:"], ["publisher", "Oxford University Press."]],
    ]
    data = tmp_path / "tagged.jsonl"
    data.write_text("\n".join(json.dumps({"raw": " ".join(t for _, t in s), "spans": s}) for s in spans), encoding="utf-8")
    out = tmp_path / "model.crfsuite"
    assert train([data], out, iterations=20, generated=30) == 33
    tagger = pycrfsuite.Tagger()
    tagger.open(str(out))
    words = "Smith, J. (2010). Peer support. Journal of Tests, 3(1), 1-9.".split()
    assert tagger.tag(features(words))[0] == "author"
    data.write_text('{"raw": "x"}\nnot json\n', encoding="utf-8")
    with pytest.raises(ValueError, match="tagged.jsonl:1: expected an object with a 'spans' list"):
        train([data], out, iterations=1)


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        ("Gomez, A. N., Kaiser, Ł., & Polosukhin, I.", [("Gomez", "A. N."), ("Kaiser", "Ł."), ("Polosukhin", "I.")]),
        ("Watkins, C.J.C.H.", [("Watkins", "C.J.C.H.")]),
        ("Hochschild, Arlie Russell", [("Hochschild", "Arlie Russell")]),
        ("B. P. Abbott *et al.*,", [("Abbott", "B. P.")]),
    ],
)
def test_split_names_reads_initials_and_given_names(names: str, expected: list[tuple[str, str]]) -> None:
    """A non-Latin-1 initial, four run-together initials, two given names and marked-up 'et al.' stay one person each."""
    people, _ = split_names(names)
    assert [(p.family, p.given) for p in people] == expected


def test_split_names_moves_a_trailing_particle() -> None:
    """'Beauvoir, Simone de': the particle after the given name belongs to the family name."""
    (person,), _ = split_names("Beauvoir, Simone de")
    assert (person.family, person.given, person.particle) == ("Beauvoir", "Simone", "de")


@pytest.mark.parametrize(
    ("printed", "expected"),
    [
        ("2021 Mar 29;372:n71.", ("372", "", "n71")),
        ("vol. IT-22, no. 6,", ("IT-22", "6", "")),
        ("vol. 116, no. 6, Feb. 2016, Art. no. 061102.", ("116", "6", "061102")),
        ("50: 2,", ("50", "2", "")),
    ],
)
def test_split_volume_article_numbers_and_lettered_volumes(printed: str, expected: tuple[str, str, str]) -> None:
    """A lettered article number after the colon and an 'Art. no.' are pages; 'IT-22' is one volume."""
    from kg.ingest.references.fields import split_volume

    assert split_volume(printed) == expected


def test_split_names_keeps_a_corporate_name_with_and_whole() -> None:
    """A body's name with 'and' in it and no comma is one literal, not two authors."""
    people, _ = split_names("National Institute for Health and Care Excellence")
    assert [p.literal for p in people] == ["National Institute for Health and Care Excellence"]


@pytest.mark.skipif(not MODEL_PATH.exists(), reason="no CRF model in kg/data")
def test_numbered_vancouver_entry_with_a_group_author() -> None:
    """'10. X Research Group. Title. Journal.': the number is no title word and the group is the author."""
    ref, _ = parse_reference(
        "10. Diabetes Prevention Program Research Group. Reduction in the incidence of type 2 diabetes with lifestyle "
        "intervention or metformin. N Engl J Med. 2002 Feb 7;346(6):393-403.", "1", SourceLocation("refs.txt", 1))
    assert [p.literal for p in ref.authors] == ["Diabetes Prevention Program Research Group"]
    assert ref.title.startswith("Reduction in the incidence")


@pytest.mark.skipif(not MODEL_PATH.exists(), reason="no CRF model in kg/data")
def test_a_lone_acronym_without_volume_or_pages_is_the_publisher() -> None:
    """'... “Title.” CERN. https://...': the body that issued a report is no journal."""
    ref, _ = parse_reference("Berners-Lee, Tim. 1989. “Information Management: A Proposal.” CERN. "
                             "https://www.w3.org/History/1989/proposal.html.", "1", SourceLocation("refs.txt", 1))
    assert (ref.container, ref.publisher) == ("", "CERN")
