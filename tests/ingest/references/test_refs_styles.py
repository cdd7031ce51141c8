"""The six citation styles: formatters, the real-works test set and round trips through the parser."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.ingest.references.crf import MODEL_PATH
from kg.ingest.references.styles import STYLES, format_reference, labelled_words
from kg.ingest.references.text import parse_reference
from kg.model import Person, Reference, SourceLocation

DATA = Path(__file__).resolve().parents[2] / "data" / "refstyles"
BENCH = Path(__file__).resolve().parents[3] / "bench"
SRC = SourceLocation("refs.txt", 1)
#: Field F1 over all fields that each style reaches on its tune part and on
#: its held part (the held works were never looked at while tuning the
#: parser), and the floor for any one field (17 or 36 works a part: one miss
#: costs a field 0.03 to 0.06).
FLOOR = 0.97
FIELD_FLOOR = 0.9


def _load(name: str, path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


generate = _load("refstyles_generate", DATA / "generate.py")
#: The scorer the bench prints its six-style figures with: the floors below check the bench's own numbers.
refscore = _load("refscore", BENCH / "refscore.py")
norm = refscore.norm
expected_fields = refscore.expected_fields
field_f1 = refscore.field_f1

needs_model = pytest.mark.skipif(not MODEL_PATH.exists(), reason="no CRF model in kg/data")


def parsed_fields(text: str) -> dict[str, str]:
    """The normalised fields the parser finds in ``text``, as the bench scores them."""
    ref, _ = parse_reference(text, "1", SRC)
    return refscore.parsed_fields(ref)  # type: ignore[no-any-return]


def rows(style: str) -> list[dict[str, object]]:
    path = DATA / f"{style}.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_each_style_has_real_works_of_every_kind_in_both_parts() -> None:
    """Every style file holds the same works, at least 30, with articles, books and chapters in tune and held."""
    works = [json.loads(line) for line in (DATA / "works.jsonl").read_text(encoding="utf-8").splitlines() if line]
    assert len(works) >= 30
    for style in STYLES:
        printed = rows(style)
        assert [r["id"] for r in printed] == [w["id"] for w in works]
        for part in ("tune", "held"):
            kinds = {r["expected"]["type"] for r in printed if r["split"] == part}  # type: ignore[index]
            assert kinds == {"article-journal", "book", "chapter"}, (style, part)


def test_style_files_match_the_formatters() -> None:
    """The stored strings are what the formatters print for works.jsonl (rerun generate.py after a change)."""
    works = [json.loads(line) for line in (DATA / "works.jsonl").read_text(encoding="utf-8").splitlines() if line]
    for style, formatter in STYLES.items():
        for n, (work, row) in enumerate(zip(works, rows(style)), start=1):
            text = formatter(generate.record(work, style))
            assert str(row["text"]).endswith(text), (style, work["id"])


@needs_model
@pytest.mark.parametrize("part", ["tune", "held"])
@pytest.mark.parametrize("style", sorted(STYLES))
def test_real_works_parse_back_in_each_style(style: str, part: str) -> None:
    """Real works printed in each style parse back with field F1 of at least 0.97 (0.9 for any one field)."""
    pairs = [(expected_fields(r["expected"]), parsed_fields(str(r["text"]))) for r in rows(style) if r["split"] == part]  # type: ignore[arg-type]
    scores = field_f1(pairs)
    assert scores["all"] >= FLOOR, f"{style} {part}: field F1 {scores['all']:.3f} < {FLOOR}"
    low = {f: round(s, 3) for f, s in scores.items() if s < FIELD_FLOOR}
    assert not low, f"{style} {part}: fields below {FIELD_FLOOR}: {low}"


def test_formatters_print_one_article_as_each_style_prescribes() -> None:
    """One article in each style, checked against the style manuals' own pattern."""
    ref = Reference("1", authors=(Person("Link", "Bruce G."), Person("Phelan", "Jo C.")), year=2001,
                    title="Conceptualizing stigma", container="Annual Review of Sociology", volume="27", issue="1",
                    pages="363-385")
    assert format_reference(ref, "apa") == (
        "Link, B. G., & Phelan, J. C. (2001). Conceptualizing stigma. Annual Review of Sociology, 27(1), 363-385.")
    assert format_reference(ref, "harvard").startswith("Link, B.G. and Phelan, J.C. (2001) ‘Conceptualizing stigma’")
    assert "2001. “Conceptualizing Stigma.” Annual Review of Sociology 27 (1): 363–85." in format_reference(ref, "chicago")
    assert format_reference(ref, "mla").endswith("vol. 27, no. 1, 2001, pp. 363–85.")
    assert format_reference(ref, "vancouver").endswith("Annual Review of Sociology. 2001;27(1):363-85.")
    assert format_reference(ref, "ieee").startswith("B. G. Link and J. C. Phelan, “Conceptualizing stigma,”")
    with pytest.raises(ValueError, match="unknown citation style 'nature'"):
        format_reference(ref, "nature")


@pytest.mark.parametrize("style", sorted(STYLES))
def test_labelled_words_cover_the_printed_entry(style: str) -> None:
    """The labelled words of an entry are exactly its printed words, every field under its own label."""
    ref = Reference("1", type="chapter", authors=(Person("Berkman", "Lisa F."), Person("Glass", "Thomas")), year=2000,
                    title="Social integration, social networks, social support, and health",
                    editors=(Person("Kawachi", "Ichiro"),), container="Social epidemiology", pages="137-173",
                    place="New York", publisher="Oxford University Press")
    words = labelled_words(ref, style)
    assert " ".join(w for w, _ in words) == format_reference(ref, style)
    labels = {label for _, label in words}
    assert {"author", "date", "title", "container-title", "editor", "pages", "publisher"} <= labels
    assert all(label == "title" for w, label in words if w.strip("“”‘’,.").lower() == "integration")


FAMILIES = ["Smith", "Nguyen", "Müller", "García", "Kowalski", "O'Brien", "Holt-Lunstad", "Okafor", "Björk",
            "Tanaka", "Dubois", "Rossi", "Svensson", "Zhang", "Papadopoulos", "Novák", "Fernández", "Ivanova"]
GIVEN = ["Anna", "James", "Marie-Claire", "Jürgen", "Li", "Olga", "Pedro", "Siobhan", "Kenji", "A. B.", "R."]
WORDS = ["community", "support", "mental", "health", "recovery", "networks", "stigma", "outcomes", "peer",
         "resilience", "older", "adults", "randomized", "trial", "social", "isolation", "loneliness", "care",
         "services", "depression", "anxiety", "evidence", "review", "children", "urban", "rural"]
JOURNALS = ["Journal of Community Psychology", "Social Science & Medicine", "Psychological Medicine",
            "American Journal of Public Health", "BMC Psychiatry", "Health Psychology Review"]


PARTICLES = [("van der", "Berg"), ("de", "Vries"), ("von", "Humboldt"), ("da", "Silva")]
BOOKS = ["Handbook of social support and the family", "Mental health services research",
         "The sociology of health and illness", "Community psychology in practice"]
PUBLISHERS = [("New York", "Springer"), ("Oxford", "Oxford University Press"), ("London", "Routledge"),
              ("Thousand Oaks, CA", "Sage")]


@st.composite
def records(draw: st.DrawFn) -> Reference:
    """An article, book or chapter with 1-4 authors of real-world name shapes (diacritics, hyphens, apostrophes, particles)."""
    families = draw(st.lists(st.sampled_from(FAMILIES), min_size=1, max_size=4, unique=True))
    people = [Person(f, draw(st.sampled_from(GIVEN))) for f in families]
    if draw(st.booleans()) and draw(st.booleans()):
        particle, family = draw(st.sampled_from(PARTICLES))
        people[draw(st.integers(0, len(people) - 1))] = Person(family, draw(st.sampled_from(GIVEN)), particle)
    words = draw(st.lists(st.sampled_from(WORDS), min_size=2, max_size=9, unique=True))
    first = draw(st.integers(1, 2000))
    kind = draw(st.sampled_from(["article-journal", "article-journal", "book", "chapter"]))
    place, publisher = draw(st.sampled_from(PUBLISHERS))
    common = {
        "authors": tuple(people),
        "year": draw(st.integers(1950, 2025)),
        "title": (" ".join(words)).capitalize(),
    }
    if kind == "book":
        return Reference("1", type=kind, place=place, publisher=publisher, **common)  # type: ignore[arg-type]
    pages = f"{first}-{first + draw(st.integers(1, 60))}"
    if kind == "chapter":
        editors = tuple(Person(f, draw(st.sampled_from(GIVEN))) for f in draw(
            st.lists(st.sampled_from(FAMILIES), min_size=1, max_size=3, unique=True)))
        return Reference("1", type=kind, editors=editors, container=draw(st.sampled_from(BOOKS)), pages=pages,
                         place=place, publisher=publisher, **common)  # type: ignore[arg-type]
    return Reference(
        "1",
        container=draw(st.sampled_from(JOURNALS)),
        volume=str(draw(st.integers(1, 300))),
        issue=str(draw(st.integers(1, 12))),
        pages=pages,
        **common,  # type: ignore[arg-type]
    )


@needs_model
@pytest.mark.parametrize("style", sorted(STYLES))
# Derandomized: the same 60 records on every run, so CI cannot turn red on a
# draw no run before it saw (set derandomize=False locally to explore further).
@settings(max_examples=60, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(record=records())
def test_formatted_record_parses_back(style: str, record: Reference) -> None:
    """A record formatted in any of the six styles parses back to its authors, year, title, container and numbers."""
    text = format_reference(record, style)
    expected = expected_fields(generate.expected(record, style))
    got = parsed_fields(text)
    assert got == expected, text


@needs_model
def test_hand_typed_entries_parse_in_every_style() -> None:
    """Entries typed as real lists print them (italics markers, wrapped lines, NLM dates) reach field F1 0.97."""
    hand = [json.loads(line) for line in (DATA / "handwritten.jsonl").read_text(encoding="utf-8").splitlines() if line]
    assert {r["style"] for r in hand} == set(STYLES) and len(hand) >= 24
    pairs = [(expected_fields(r["expected"]), parsed_fields(r["text"])) for r in hand]
    scores = field_f1(pairs)
    assert scores["all"] >= FLOOR, scores


#: Field F1 over all fields that each style reaches on ``typed_held.jsonl``
#: (rounded down), two hand-typed held-out rounds (40 entries a style: held29-*
#: and held30-*, each 20 a style of 6 journal articles, 4 books, 4 chapters,
#: 2 reports, 2 theses or conference papers and 2 preprints, web pages or
#: datasets) from four writers, committed (4688a14) before any parse and
#: measured once with the parser unchanged: round 29 APA 1.000, Harvard 1.000,
#: Chicago 1.000, MLA 0.952, Vancouver 0.979, IEEE 1.000; round 30 APA 0.989,
#: Harvard 0.957, Chicago 0.984, MLA 0.990, Vancouver 0.964, IEEE 0.995;
#: together APA 0.995, Harvard 0.979, Chicago 0.992, MLA 0.971, Vancouver
#: 0.971, IEEE 0.997 (at or above the 0.97 target in every style), and not
#: tuned on since.  Those pooled first figures are the floors.  The 2,040
#: entries of twenty-eight earlier held sets sit in ``typed_tune.jsonl`` (each
#: measured once, then tuned on; see tests/data/refstyles/generate.py).
HELD_FLOORS = {"apa": 0.99, "harvard": 0.97, "chicago": 0.99, "mla": 0.97, "vancouver": 0.97, "ieee": 0.99}
#: Field F1 over all fields that each style reaches on ``typed_tune.jsonl``,
#: and the floor for any one field there.
TUNE_FLOORS = {"apa": FLOOR, "harvard": FLOOR, "chicago": FLOOR, "mla": FLOOR, "vancouver": FLOOR, "ieee": FLOOR}
TUNE_FIELD_FLOOR = FIELD_FLOOR


def typed(name: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in (DATA / f"{name}.jsonl").read_text(encoding="utf-8").splitlines() if line]


def test_typed_sets_hold_distinct_real_works_in_every_style() -> None:
    """typed_tune: 348 entries a style; typed_held: empty or 40 a style; no work in two sets or in works.jsonl / handwritten.jsonl."""
    tune, held = typed("typed_tune"), typed("typed_held")
    assert all(r["split"] == "tune" for r in tune) and all(r["split"] == "held" for r in held)
    for style in STYLES:
        assert sum(1 for r in tune if r["style"] == style) == 348, ("tune", style)
        assert sum(1 for r in held if r["style"] == style) in ((0, 40) if not held else (40,)), ("held", style)
    works = [json.loads(line) for line in (DATA / "works.jsonl").read_text(encoding="utf-8").splitlines() if line]
    seen = [norm(w["title"]) for w in works] + [norm(r["expected"]["title"]) for r in typed("handwritten")]  # type: ignore[index]
    titles = [norm(r["expected"]["title"]) for r in tune + held]  # type: ignore[index]
    assert len(set(titles)) == len(titles)
    assert not set(titles) & set(seen)


@needs_model
@pytest.mark.parametrize("style", sorted(STYLES))
def test_typed_held_entries_parse_at_their_floor(style: str) -> None:
    """Hand-typed held-out references of real works parse at least at the style's floor in HELD_FLOORS."""
    entries = [r for r in typed("typed_held") if r["style"] == style]
    if not entries:
        pytest.skip(f"typed_held.jsonl has no {style} entries (the new held set is not written yet)")
    pairs = [(expected_fields(r["expected"]), parsed_fields(str(r["text"]))) for r in entries]  # type: ignore[arg-type]
    scores = field_f1(pairs)
    assert scores["all"] >= HELD_FLOORS[style], f"{style}: {scores}"


@needs_model
@pytest.mark.parametrize("style", sorted(STYLES))
def test_typed_tune_entries_parse_in_each_style(style: str) -> None:
    """Hand-typed tuning references of real works (the parser's rules were fixed on them) reach their floors."""
    pairs = [(expected_fields(r["expected"]), parsed_fields(str(r["text"]))) for r in typed("typed_tune") if r["style"] == style]  # type: ignore[arg-type]
    scores = field_f1(pairs)
    assert scores["all"] >= TUNE_FLOORS[style], f"{style}: {scores}"
    low = {f: round(v, 3) for f, v in scores.items() if v < TUNE_FIELD_FLOOR}
    assert not low, f"{style}: fields below {TUNE_FIELD_FLOOR}: {low}"
