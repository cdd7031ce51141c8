"""Corpus files that YAML reads but that say something else than meant: a key given twice, a field of the
wrong type, a misspelt key.  Each is an error naming file:line, never a traceback or a silent change."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from kg.errors import CorpusError, InputError
from kg.ingest import load_corpus
from kg.ingest.claims import parse_claims
from kg.ingest.concepts import parse_concepts
from kg.ingest.text import parse_yaml
from corpus_edits import edit as _edit, line_of as _line_of


JOURNAL = "  journal: Social Signs Review\n"


# --- a key given twice -------------------------------------------------------------------------------------


def test_second_claims_block_is_refused_naming_both_lines(corpus_copy):
    """A second `claims:` block would replace the first 32 claims by its own; it is an error naming both."""
    claims = corpus_copy / "claims.yaml"
    with claims.open("a", encoding="utf-8") as out:
        out.write("claims:\n  - {id: X1, statement: S, quote: Q}\n")
    first, second = _line_of(claims, "claims:"), _line_of(claims, "claims:", _line_of(claims, "claims:") + 1)
    with pytest.raises(InputError) as info:
        load_corpus(corpus_copy)
    assert str(info.value).startswith(f"{claims}:{second}:1: key 'claims' is given twice in one mapping "
                                      f"(first at line {first}); ")


@pytest.mark.parametrize(("text", "where", "key", "first"), [
    ("claims:\n  - id: C1\n    statement: S\n    quote: Q one\n    quote: Q two\n", "c.yaml:5:5", "quote", 4),
    ("claims:\n  - {id: C1, statement: S, quote: Q, id: C2}\n", "c.yaml:2:38", "id", 2),
], ids=["block", "flow"])
def test_repeated_field_in_a_claim_is_refused(text, where, key, first):
    """A field given twice in one claim is refused, not overwritten by the second."""
    with pytest.raises(InputError, match=rf"^{where}: key '{key}' is given twice in one mapping "
                                         rf"\(first at line {first}\)"):
        parse_claims(text, "c.yaml")


def test_repeated_broader_in_a_concept_is_refused():
    """A concept's second `broader:` would drop its first; it is refused."""
    text = ("scheme: {id: s, title: S}\nconcepts:\n  - id: a\n    kind: outcome\n    label: A\n"
            "    broader: [b]\n    broader: [c]\n")
    with pytest.raises(InputError, match=r"^k\.yaml:7:5: key 'broader' is given twice .*\(first at line 6\)"):
        parse_concepts(text, "k.yaml")


def test_keys_that_load_as_one_are_one_key():
    """`yes` and `true` are both the key True to YAML 1.1, so the second would replace the first."""
    with pytest.raises(InputError, match=r"^f\.yaml:2:1: key 'true' is given twice .*\(first at line 1\)"):
        parse_yaml("yes: 1\ntrue: 2\n", "f.yaml")


def test_merge_keys_may_still_be_overridden():
    """A `<<` merge, and a key that overrides a merged one, are no repeats."""
    data = parse_yaml("base: &b {x: 1, y: 2}\nd: {<<: *b, x: 3}\ne: {<<: [*b], <<: *b, z: 0}\n", "f.yaml")
    assert (data["d"]["x"], data["d"]["y"], data["e"]["z"]) == (3, 2, 0)


# --- fields of the wrong type -------------------------------------------------------------------------------


@pytest.mark.parametrize("year", ["twenty", "[2024]", "true", "2024.5"])
def test_article_year_that_is_not_a_year_is_an_error(runner, corpus_copy, year):
    """`kg build` and `kg check` name the line and field of a year that is no number, with no traceback
    (`year: true` was written as the year 1)."""
    from kg.cli import main

    manifest = corpus_copy / "corpus.yaml"
    _edit(manifest, JOURNAL, f"{JOURNAL}  year: {year}\n")
    line = _line_of(manifest, "title: Exploring")
    built = runner.invoke(main, ["build", str(corpus_copy), "-o", str(corpus_copy / "g.trig")])
    assert built.exit_code == 1 and isinstance(built.exception, SystemExit)  # not a ValueError or TypeError
    assert f"{manifest}:{line}: 'article.year' must be a year such as 2024, got " in built.stderr
    checked = runner.invoke(main, ["check", str(corpus_copy), "--format", "json"])
    assert checked.exit_code == 1 and isinstance(checked.exception, SystemExit)
    (finding,) = json.loads(checked.stdout)["findings"]
    assert finding["kind"] == "input-error" and "'article.year' must be a year" in finding["message"]


def test_article_year_may_be_quoted(corpus_copy):
    """`year: "2024"` is the year 2024."""
    _edit(corpus_copy / "corpus.yaml", JOURNAL, f'{JOURNAL}  year: "2024"\n')
    assert load_corpus(corpus_copy).record.year == 2024


@pytest.mark.parametrize("kind", ["claim", "concept"])
def test_number_key_beside_a_misspelt_field_is_named(kind):
    """A key YAML reads as a number (`2: x`) is named as an unknown field, not a TypeError from sorting."""
    if kind == "claim":
        with pytest.raises(CorpusError, match=r"c\.yaml:2: unknown field '2'"):
            parse_claims("claims:\n  - {id: C1, statement: S, quote: Q, outcome: [hope], 2: x}\n", "c.yaml")
    else:
        with pytest.raises(CorpusError, match=r"c\.yaml:3: unknown field '2'"):
            parse_concepts("scheme: {id: s}\nconcepts:\n  - {id: a, kind: outcome, label: A, brodaer: [], 2: x}\n",
                           "c.yaml")


def test_a_single_issn_or_keyword_is_a_one_item_list(corpus_copy):
    """`issn: 3006-466X` is one ISSN, `keywords: Peer Support` one keyword, not one per letter."""
    manifest = corpus_copy / "corpus.yaml"
    _edit(manifest, "issn: [3006-466X, 3006-4651]", "issn: 3006-466X")
    text = re.sub(r"  keywords:\n(    - .*\n)+", "  keywords: Peer Support\n", manifest.read_text(encoding="utf-8"))
    manifest.write_text(text, encoding="utf-8")
    record = load_corpus(corpus_copy).record
    assert (record.issn, record.keywords) == (("3006-466X",), ("Peer Support",))


@pytest.mark.parametrize(("old", "new", "message"), [
    ("    - {family: Nazeer, given: Kamran}", "    - {family: [Nazeer], given: Kamran}",
     r"corpus\.yaml:7: 'article\.authors\.family' must be text, got \['Nazeer'\]"),
    ("  authors:\n    - {family: Nazeer, given: Kamran}", "  authors: Kamran Nazeer",
     r"corpus\.yaml:5: each article author needs 'family' \(and 'given'\), got 'Kamran Nazeer'; "
     r"write it as - \{family: Surname, given: Given\}"),
    ("  journal: Social Signs Review", "  journal: {name: Social Signs Review}",
     r"corpus\.yaml:5: 'article\.journal' must be text, got \{'name': 'Social Signs Review'\}"),
    ("  issn: [3006-466X, 3006-4651]", "  issn: [[3006-466X, 3006-4651]]",
     r"corpus\.yaml:5: 'article\.issn' must be text, got \['3006-466X', '3006-4651'\]"),
    ("  claims: claims.yaml", "  claims: claims.yaml\n  decisions: [a.yaml, b.yaml]",
     r"corpus\.yaml:3: 'files\.decisions' must name one file, got \['a\.yaml', 'b\.yaml'\]"),
], ids=["family-list", "authors-string", "journal-mapping", "issn-nested", "decisions-list"])
def test_manifest_field_of_the_wrong_type_is_an_error(corpus_copy, old, new, message):
    """A list, mapping or string where corpus.yaml expects another is an error naming file:line and
    field, not a garbled value ("['Nazeer']", "got 'K'") or a traceback."""
    _edit(corpus_copy / "corpus.yaml", old, new)
    with pytest.raises(CorpusError, match=message):
        load_corpus(corpus_copy)


def test_a_single_author_mapping_is_a_one_item_list(corpus_copy):
    """`authors: {family: Nazeer, given: Kamran}` is the one author."""
    _edit(corpus_copy / "corpus.yaml", "  authors:\n    - {family: Nazeer, given: Kamran}",
          "  authors: {family: Nazeer, given: Kamran}")
    assert [(p.family, p.given) for p in load_corpus(corpus_copy).record.authors] == [("Nazeer", "Kamran")]


# --- misspelt keys -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(("old", "new", "where", "message"), [
    ("files:\n", "citation-style: numeric\nfiles:\n", "citation-style:",
     "unknown key 'citation-style' at the top level (did you mean 'citation_style'?)"),
    (JOURNAL, f"{JOURNAL}  yeer: 2024\n", "yeer:",
     "unknown key 'yeer' under 'article' (did you mean 'year'?)"),
    ("  text: article.txt\n", "  text: article.txt\n  decision: x.yaml\n", "decision:",
     "unknown key 'decision' under 'files' (did you mean 'decisions'?)"),
    ("{family: Nazeer, given: Kamran}", "{family: Nazeer, givne: Kamran}", "family: Nazeer",
     "unknown key 'givne' in an article author (did you mean 'given'?)"),
], ids=["top", "article", "files", "author"])
def test_unknown_manifest_key_names_the_nearest_known_one(corpus_copy, old, new, where, message):
    """A key corpus.yaml has no use for is refused at its own line with the nearest known key, as unknown
    claim and concept fields are, instead of being ignored."""
    manifest = corpus_copy / "corpus.yaml"
    _edit(manifest, old, new)
    with pytest.raises(CorpusError) as info:
        load_corpus(corpus_copy)
    assert str(info.value) == (f"{manifest}:{_line_of(manifest, where)}: {message}; "
                               "see corpus/README.md for the keys of corpus.yaml")


def test_every_documented_manifest_key_is_accepted(corpus_copy):
    """Every key corpus/README.md documents, `files.decisions` and `citation_style` included, still loads."""
    manifest = corpus_copy / "corpus.yaml"
    (corpus_copy / "decisions.yaml").write_text("[]\n", encoding="utf-8")
    _edit(manifest, JOURNAL, f"{JOURNAL}  year: 2024\n  volume: 3\n  issue: '1'\n  doi: 10.1234/x\n")
    _edit(manifest, "  claims: claims.yaml\n", "  claims: claims.yaml\n  decisions: decisions.yaml\n")
    manifest.write_text(manifest.read_text(encoding="utf-8") + "citation_style: author-year\n", encoding="utf-8")
    record = load_corpus(corpus_copy).record
    assert (record.year, record.volume, record.issue, record.doi) == (2024, "3", "1", "10.1234/x")


# --- characters no UTF-8 file can hold ------------------------------------------------------------------------


def test_a_lone_surrogate_escape_is_refused_at_its_line():
    """YAML's "\\ud83d" alone is half a character: accepted, it stopped `kg build -o g.nt` and `kg viz`
    with a traceback far from its line; both halves of a pair are one character."""
    with pytest.raises(InputError, match=r"f\.yaml:2:8: a \\u escape gives half a character \(U\+D83D"):
        parse_yaml('id: x\nlabel: "Recovery \\ud83d Model"\n', "f.yaml")
    assert parse_yaml('label: "a \\ud83d\\ude00 b"\n', "f.yaml")["label"] == "a \U0001F600 b"
