"""The reference parser's shortcuts change nothing it reads.

The CRF's fast tagging path reads exactly what the model was trained on, whatever its caches hold;
relabel() skips a rule only where its ``_applies_when`` mark says it would change nothing; the
type hints' cue words skip only searches that cannot match.
"""

from __future__ import annotations

import ast
import doctest
import functools
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.ingest.references import crf
from kg.ingest.references import relabel as relabel_rules
from kg.model import SourceLocation

pytestmark = pytest.mark.skipif(not crf.MODEL_PATH.exists(), reason="no CRF model in kg/data")

STYLES = Path(__file__).resolve().parents[2] / "data" / "refstyles"
RELABEL_SOURCE = Path(__file__).resolve().parents[3] / "kg" / "ingest" / "references" / "relabel.py"
SRC = SourceLocation("refs.txt", 1)


def _texts() -> list[str]:
    texts = []
    for path in sorted(STYLES.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            text = json.loads(line).get("text")
            if text:
                texts.append(text)
    return texts


def _as_model_reads(words: list[str]) -> list[list[bytes]]:
    """What crfsuite keeps of the training features: the attributes its model knows, in order."""
    known = crf._vocabulary().known
    return [[a.encode() for a in attributes if a in known] for attributes in crf.features(words)]


def _clear_caches() -> None:
    crf._word_features.cache_clear()
    crf._model_word.cache_clear()


def test_model_features_are_the_training_features_the_model_knows() -> None:
    """On every entry of the six-style test sets, attribute for attribute and in order."""
    texts = _texts()
    assert len(texts) > 400
    for text in texts:
        words = text.split()
        assert crf._model_features(words) == _as_model_reads(words), text


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(min_size=1, max_size=12).map(lambda s: s.replace(" ", "")).filter(bool), min_size=1,
                max_size=12))
def test_model_features_match_on_any_words(words: list[str]) -> None:
    """Odd words too: punctuation only, underscores, digits of other scripts, "|" inside a bigram."""
    words = [w for w in " ".join(words).split()] or ["x"]
    assert crf._model_features(words) == _as_model_reads(words)


def test_bigrams_are_found_whatever_the_bars() -> None:
    """A known bigram is found by its first word even when a word holds "|" itself."""
    vocabulary = crf._Vocabulary(["bi=a|b|c", "bi=x|y", "w=a"])
    assert vocabulary.bigrams["a"]["b|c"] == b"bi=a|b|c"
    assert vocabulary.bigrams["a|b"]["c"] == b"bi=a|b|c"
    assert vocabulary.bigrams["x"] == {"y": b"bi=x|y"}
    assert vocabulary.value["w="] == {"a": b"w=a"}


def test_same_parse_with_cold_and_warm_caches() -> None:
    """The per-word caches change no label, probability or record."""
    texts = _texts()[:120]
    _clear_caches()
    cold = [(crf.tag_with_probability(t), crf.parse_with_crf(t, "1", SRC)) for t in texts]
    warm = [(crf.tag_with_probability(t), crf.parse_with_crf(t, "1", SRC)) for t in texts]
    assert crf._model_word.cache_info().hits > 0
    assert cold == warm
    # Training fills its own cache; tagging after it reads the same.
    _clear_caches()
    for text in texts:
        crf.features(text.split())
    assert [(crf.tag_with_probability(t), crf.parse_with_crf(t, "1", SRC)) for t in texts] == cold


def _mark_met(rule: object, labels: set[str]) -> bool:
    all_of, any_of, none_of = relabel_rules._WHEN[rule]  # type: ignore[index]
    return all_of <= labels and (not any_of or not any_of.isdisjoint(labels)) and none_of.isdisjoint(labels)


def test_rules_are_skipped_only_where_they_change_nothing() -> None:
    """Each rule's ``_applies_when`` mark holds on the six-style entries as tagged, and with a label dropped."""
    marked = [rule for rule in relabel_rules.RULES if rule in relabel_rules._WHEN]
    assert len(marked) > 20
    skipped = 0
    for text in _texts():
        tagged = crf.tag(text) or []
        present = sorted({label for _, label in tagged})
        # The entry as tagged, and the entry with each of its labels turned into "note" or "title".
        variants = [tagged] + [[(w, other if label == gone else label) for w, label in tagged]
                               for gone in present for other in ("note", "title")]
        for variant in variants:
            labels = {label for _, label in variant}
            for rule in marked:
                if not _mark_met(rule, labels):
                    skipped += 1
                    assert rule(variant) == variant, (rule.__name__, variant)
    assert skipped > 1000


_LABELS = ["author", "editor", "translator", "title", "container-title", "date", "volume", "issue", "pages", "publisher",
           "location", "note", "genre", "url", "doi", "edition", "citation-number"]
_WORDS = ["In", "in", "“Title,”", "*Book*.", "*Book", "Press,", "(Eds.),", "Eds.", "editors.", "Translated", "by",
          "2001.", "(2001).", "12–14", "June.", "4th", "ed.,", "[Internet].", "Article", "863.", "10.", "Group.",
          "Smith,", "J.", "RFC", "793,", "(accessed", "2021).", "(no", "date)", "with", "the", "assistance", "of",
          "Standard,", "[Data", "set].", "vol.", "3,", "pp.", "1-9.", "Jul.", "5,", "and", "Ann", "Lee.", "Leeds,",
          "Stanford", "InfoLab,", "Tech.", "Rep.", "*Why", "so?*", "Aug", "17-22;", "Publ.", "800-38A,"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_WORDS), st.sampled_from(_LABELS)), min_size=1, max_size=14))
def test_rule_marks_hold_on_any_labelling(tagged: list[tuple[str, str]]) -> None:
    """Random labellings of words the rules look for: a rule whose mark fails returns its input unchanged."""
    labels = {label for _, label in tagged}
    for rule in relabel_rules.RULES:
        if rule in relabel_rules._WHEN and not _mark_met(rule, labels):
            assert rule(tagged) == tagged, rule.__name__


def test_relabel_with_marks_equals_every_rule_in_turn() -> None:
    """Skipping marked rules gives what applying all of them in order gives."""
    for text in _texts():
        tagged = crf.tag(text) or []
        expected = tagged
        for rule in relabel_rules.RULES:
            expected = rule(expected)
        assert relabel_rules.relabel(tagged) == expected, text


@functools.cache
def _docstrings() -> dict[str, str]:
    """The docstring of each function of relabel.py, read from its source (a compiled function keeps none)."""
    tree = ast.parse(RELABEL_SOURCE.read_text(encoding="utf-8"))
    return {node.name: ast.get_docstring(node) or "" for node in tree.body if isinstance(node, ast.FunctionDef)}


def _doc_inputs(rule: object) -> list[list[tuple[str, str]]]:
    """The tagged words each doctest example of ``rule`` passes to it."""
    inputs = []
    for example in doctest.DocTestParser().get_examples(_docstrings().get(getattr(rule, "__name__", ""), "")):
        for node in ast.walk(ast.parse(example.source.strip())):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == getattr(rule, "__name__", None):
                inputs.append(ast.literal_eval(node.args[0]))
    return inputs


def test_rule_marks_are_met_where_the_rules_own_examples_change_something() -> None:
    """A mark that a rule's own example of a change fails is wrong: relabel() would skip that change."""
    checked = 0
    for rule in relabel_rules.RULES:
        if rule not in relabel_rules._WHEN:
            continue
        for tagged in _doc_inputs(rule):
            if rule(tagged) != tagged:
                checked += 1
                assert _mark_met(rule, {label for _, label in tagged}), (rule.__name__, tagged)
    assert checked > 20


@pytest.mark.parametrize("name,tagged", [
    ("_names_after_and_join_their_run", [("edited", "editor"), ("by", "editor"), ("Ann", "editor"), ("Lee", "editor"),
                                         ("and", "editor"), ("Jo", "title"), ("Roe.", "title"), ("*Book*.", "title")]),
    ("_day_between_month_and_year", [("T.", "title"), ("Jul.", "date"), ("5,", "pages"), ("2010.", "date")]),
    ("_day_range_is_a_date", [("A", "author"), ("T.", "title"), ("2002", "date"), ("Aug", "date"), ("17-22;", "title")]),
    ("_italic_title_to_its_end", [("*A,", "title"), ("b,", "title"), ("c*", "publisher"), ("Press.", "publisher")]),
    ("_italic_note_after_names_is_the_title", [("[1]", "citation-number"), ("Body", "author"), ("*Why*", "note"),
                                               ("Online.", "note")]),
    ("_document_number_is_no_pages", [("T,", "title"), ("Std", "genre"), ("7-2,", "pages"), ("2001.", "date")]),
])
def test_rule_marks_are_met_by_made_up_changes(name: str, tagged: list[tuple[str, str]]) -> None:
    """Changes the rules' own examples do not show (an editor run; a day read as pages; a day range read as a
    title word with no pages; an italic title's end read as the publisher; an italic note after the names with
    no date; a number after a series read as the genre)."""
    rule = getattr(relabel_rules, name)
    assert rule(tagged) != tagged
    assert _mark_met(rule, {label for _, label in tagged})


def _every_hint(text: str) -> str:
    return next((hinted for pattern, hinted, _ in crf._TYPE_HINTS if pattern.search(text)), "")


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="thesisdrpocnfwkgyum THESISDRPOCNFWKGYUM.İıſ\u212a", max_size=40))
def test_type_hint_cues_miss_no_match(text: str) -> None:
    """The cue words skip a hint's search only where it cannot match, "İ", "ı", "ſ" and the Kelvin sign too."""
    assert crf._type_hint(text) == _every_hint(text)


def test_type_hint_cues_on_the_style_sets() -> None:
    for text in _texts() + ["PhD THESIS, 2001", "Proc. of the Workshop", "Tech. Report 7", "DİSSERTATİON"]:
        assert crf._type_hint(text) == _every_hint(text), text


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="thesisdrpocnfwkgyum THESISDRPOCNFWKGYUM.İıſ\u212aé", max_size=40))
def test_folding_skips_only_a_translation_that_changes_nothing(text: str) -> None:
    """The four-letter test spares str.translate only where it would leave the text as it is."""
    assert crf._folded(text) == text.translate(crf._FOLD_TO_ASCII).lower()


@settings(max_examples=400, deadline=None)
@given(st.one_of(st.text(max_size=30), st.sampled_from(["http://a.b", "doi:10.1/x", "www.x", "10.1234/5", "a.org",
                                                        "(https://x", "[doi.org/1", "<www.a>", "x.com/y", "DOI:1"])))
def test_a_link_holds_a_full_stop_or_a_colon(word: str) -> None:
    """Record assembly asks :func:`crf._is_link` only of words with a "." or a ":": no other word is a link."""
    if crf._is_link(word):
        assert "." in word or ":" in word
