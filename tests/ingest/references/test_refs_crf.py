"""The CRF fallback for printed references in styles other than author-date."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.ingest.references.crf import MODEL_PATH, split_names
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
