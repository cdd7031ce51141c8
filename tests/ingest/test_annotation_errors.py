"""Bad annotation and input files: each gets a message naming file:line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.errors import CorpusError, InputError
from kg.ingest import load_corpus
from kg.ingest.claims import parse_claims
from kg.ingest.concepts import parse_concepts
from kg.ingest.text import read_text
from corpus_edits import edit as _edit, line_of as _line_of


def test_malformed_yaml_names_line_and_column(tmp_path):
    """A YAML syntax error names file:line:column."""
    with pytest.raises(InputError, match=r"claims\.yaml:4:1: invalid YAML \(.*flow sequence at line 3\)"):
        parse_claims("claims:\n  - id: C1\n    quote: [unclosed\n", "claims.yaml")


def test_claim_missing_fields_and_bad_stance_are_all_listed():
    """Every malformed claim is listed with its line, not just the first."""
    text = "claims:\n  - id: C1\n    statement: S\n  - id: C2\n    statement: S\n    quote: Q\n    stance: agrees\n"
    with pytest.raises(CorpusError) as info:
        parse_claims(text, "claims.yaml")
    message = str(info.value)
    assert "2 problem(s)" in message
    assert "claims.yaml:2: claim C1 needs a non-empty 'quote'" in message
    assert "claims.yaml:4: claim C2 has stance 'agrees'; use one of supports, disputes, mentions" in message


def test_unknown_claim_field_suggests_the_right_one():
    """A misspelt field gets a did-you-mean hint."""
    with pytest.raises(CorpusError, match=r"unknown field 'outcome' \(did you mean 'outcomes'\?\)"):
        parse_claims("claims:\n  - {id: C1, statement: S, quote: Q, outcome: [hope]}\n", "claims.yaml")


def test_duplicate_claim_ids():
    """Two claims with one id are an error naming both lines."""
    text = "claims:\n  - {id: C1, statement: S, quote: Q}\n  - {id: C1, statement: S, quote: Q}\n"
    with pytest.raises(CorpusError, match=r"claims\.yaml:3: claim id C1 is used twice \(first at line 2\)"):
        parse_claims(text, "claims.yaml")


def test_concept_broader_must_exist_and_share_kind():
    """Unknown broader concepts and cross-kind hierarchies are rejected."""
    text = (
        "scheme: {id: s, title: S}\nconcepts:\n"
        "  - {id: hope, kind: outcome, label: Hope, broader: [wellbeing]}\n"
        "  - {id: peer, kind: support-type, label: Peer, broader: [hope]}\n"
    )
    with pytest.raises(CorpusError) as info:
        parse_concepts(text, "concepts.yaml")
    assert "concepts.yaml:3: concept 'hope' names unknown broader concept 'wellbeing'" in str(info.value)
    assert "concepts.yaml:4: concept 'peer' (support-type) cannot be narrower than 'hope' (outcome)" in str(info.value)


@pytest.mark.parametrize(("concepts", "line", "cycle"), [
    (["{id: a, kind: outcome, label: A, broader: [a]}"], 3, "a → a"),
    (["{id: a, kind: outcome, label: A, broader: [b]}", "{id: b, kind: outcome, label: B, broader: [a]}"],
     3, "a → b → a"),
    (["{id: top, kind: outcome, label: Top}", "{id: b, kind: outcome, label: B, broader: [c, top]}",
      "{id: c, kind: outcome, label: C, broader: [d]}", "{id: d, kind: outcome, label: D, broader: [b]}"],
     4, "b → c → d → b"),
], ids=["self", "two", "three"])
def test_concept_broader_cycle_is_rejected(concepts, line, cycle):
    """A concept broader than itself, directly or through others, names the file, line and cycle."""
    text = "scheme: {id: s, title: S}\nconcepts:\n" + "".join(f"  - {c}\n" for c in concepts)
    with pytest.raises(CorpusError) as info:
        parse_concepts(text, "concepts.yaml")
    assert str(info.value).splitlines()[1:] == [
        f"concepts.yaml:{line}: concept '{cycle.split()[0]}' is in a cycle of 'broader' links: {cycle}; "
        "a concept cannot be broader than itself, so remove one of these links"]


def test_concept_cycles_are_each_reported_once():
    """Two separate cycles give two errors, in file order; a shared broader concept is no cycle."""
    text = ("scheme: {id: s, title: S}\nconcepts:\n"
            "  - {id: top, kind: outcome, label: Top}\n"
            "  - {id: x, kind: outcome, label: X, broader: [top, y]}\n"
            "  - {id: y, kind: outcome, label: Y, broader: [top, x]}\n"
            "  - {id: z, kind: outcome, label: Z, broader: [z, top]}\n")
    with pytest.raises(CorpusError, match=r"^2 problem\(s\)") as info:
        parse_concepts(text, "concepts.yaml")
    assert [m.split(": ", 2)[2].split(";")[0] for m in str(info.value).splitlines()[1:]] == [
        "x → y → x", "z → z"]
    diamond = parse_concepts(text.replace(", y]", "]").replace(", x]", "]").replace("[z, top]", "[x, y]"), "c.yaml")
    assert [c.broader for c in diamond.concepts][-1] == ("x", "y")


def test_concept_cycle_stops_the_build_and_check_reports_it(runner, corpus_copy):
    """`kg build` refuses a cyclic concept scheme; `kg check` reports it as an error with file:line."""
    from kg.cli import main

    concepts = corpus_copy / "concepts.yaml"
    _edit(concepts, "alt_labels: [social support, supportive relationships, social networks]",
          "alt_labels: [social support, supportive relationships, social networks]\n"
          "    broader: [stress-buffering-hypothesis]")
    line = _line_of(concepts, "id: social-support-theory")
    cycle = "social-support-theory → stress-buffering-hypothesis → social-support-theory"
    built = runner.invoke(main, ["build", str(corpus_copy), "-o", str(corpus_copy / "g.trig")])
    assert built.exit_code == 1 and cycle in built.stderr
    assert not (corpus_copy / "g.trig").exists()
    result = runner.invoke(main, ["check", str(corpus_copy), "--format", "json"])
    assert result.exit_code == 1
    (finding,) = json.loads(result.stdout)["findings"]
    assert finding["kind"] == "input-error" and finding["severity"] == "error"
    assert finding["where"].endswith(f"concepts.yaml:{line}")
    assert f"cycle of 'broader' links: {cycle};" in finding["message"]


def test_unknown_concept_in_claim(corpus_copy):
    """A claim naming an unknown concept fails with file:line and a hint."""
    claims = corpus_copy / "claims.yaml"
    _edit(claims, "outcomes: [hope, empowerment]", "outcomes: [hopes, empowerment]")
    line = _line_of(claims, "[hopes, empowerment]")
    with pytest.raises(CorpusError, match=r"unknown concept 'hopes' in outcomes \(did you mean 'hope'\?\)") as info:
        load_corpus(corpus_copy)
    assert f"claims.yaml:" in str(info.value) and line > 0


def test_unknown_citation_in_claim(corpus_copy):
    """A claim citing a source that no entry matches fails with a hint."""
    _edit(corpus_copy / "claims.yaml", 'cites: ["Anthony, 1993"]', 'cites: ["Anthony, 1994"]')
    with pytest.raises(CorpusError, match=r"cites 'Anthony, 1994', which matches no entry of the reference list"):
        load_corpus(corpus_copy)


def test_quote_not_in_text(corpus_copy):
    """A quote that is not in the article fails naming the claim and line."""
    _edit(corpus_copy / "claims.yaml", "Anthony, 1993)", "Anthony, 1993]")
    with pytest.raises(CorpusError, match=r"claims\.yaml:\d+: quote of claim \S+ not found in .*article\.txt"):
        load_corpus(corpus_copy)


def test_non_utf8_file_names_line(tmp_path):
    """A non-UTF-8 byte is reported with the file and line."""
    path = tmp_path / "article.txt"
    path.write_bytes(b"line one\nline two caf\xe9\n")
    with pytest.raises(InputError, match=r"article\.txt:2: not valid UTF-8 \(byte 0xe9"):
        read_text(path)


def test_binary_and_missing_files(tmp_path):
    """Binary and missing files get clear errors."""
    binary = tmp_path / "refs.txt"
    binary.write_bytes(b"\x89PNG\x00\x00\x01")
    with pytest.raises(InputError, match="binary file"):
        read_text(binary)
    with pytest.raises(InputError, match="no such file"):
        read_text(tmp_path / "missing.txt")


def test_corpus_without_manifest(tmp_path):
    """A folder without corpus.yaml is not a corpus."""
    with pytest.raises(CorpusError, match="no corpus.yaml here"):
        load_corpus(tmp_path)


def test_article_author_without_family_names_its_line(corpus_copy):
    """An article author with no surname is named at its own line, as written."""
    manifest = corpus_copy / "corpus.yaml"
    _edit(manifest, "- {family: Nazeer, given: Kamran}", "- {given: Kamran}")
    line = _line_of(manifest, "- {given: Kamran}")
    with pytest.raises(CorpusError) as info:
        load_corpus(corpus_copy)
    message = str(info.value)
    assert message.startswith(f"{manifest}:{line}: each article author needs 'family'")
    assert "{'given': 'Kamran'}" in message and "__line__" not in message


def test_manifest_naming_missing_file(corpus_copy):
    """A manifest naming a missing file says which role and how to fix it."""
    _edit(corpus_copy / "corpus.yaml", "claims: claims.yaml", "claims: claim.yaml")
    with pytest.raises(CorpusError, match=r"the claims file .*claim\.yaml does not exist; fix 'files\.claims'"):
        load_corpus(corpus_copy)


def test_cited_source_whose_citation_is_not_in_the_quote_is_reported(corpus_copy):
    """A claim citing a work its quote holds no citation of gets an info finding naming claim and work;
    the bundled claims, whose quotes take in their citations, get none."""
    from kg.pipeline import build

    assert not [p for p in build(corpus_copy).corpus.problems if p.kind == "cited-not-in-quote"]
    claims = corpus_copy / "claims.yaml"
    _edit(claims, 'cites: ["Anthony, 1993"]', 'cites: ["Anthony, 1993", "Davidson et al., 2006"]')
    found = [p for p in build(corpus_copy).corpus.problems if p.kind == "cited-not-in-quote"]
    assert [(p.severity, p.where.line) for p in found] == [("info", _line_of(claims, "id: C01"))]
    assert found[0].message.startswith("claim C01 cites 'davidson") and "holds no citation of it" in found[0].message
