"""Corpus files whose YAML or text says something else than meant: ids YAML 1.1 reads as numbers, dates or
true/false, list items and keys named without their own line, numbered reference-list headings, and the
folders a failed ``kg init`` leaves behind.  Each is read as written or is an error naming file:line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kg.cli import main
from kg.errors import CorpusError, InputError
from kg.ingest import load_corpus
from kg.ingest.article import parse_article
from kg.ingest.claims import parse_claims
from kg.ingest.concepts import parse_concepts
from kg.ingest.draft import draft_corpus, split_reference_list
from kg.ingest.text import parse_yaml, written
from corpus_edits import edit as _edit, line_of as _line_of

ROOT = Path(__file__).resolve().parents[2]
NUMERIC = ROOT / "tests" / "data" / "numeric"
JOURNAL = "  journal: Social Signs Review\n"
REFERENCE = "Lee, A. (2001). Peer support and recovery. Journal of Support, 3, 1-9.\n"


def _claim(fields: str) -> str:
    return f"claims:\n  - {{statement: S., quote: Q, {fields}}}\n"


# --- ids YAML 1.1 reads as numbers or dates are read as written ---------------------------------------------


@pytest.mark.parametrize("claim_id", ["010", "0x1F", "1_000", "2001-01-02", "1e3"])
def test_a_claim_id_is_read_as_written(claim_id):
    """`id: 010` was the claim "8" (octal), `0x1F` "31", `1_000` "1000"; a date was refused as a date."""
    (claim,) = parse_claims(_claim(f"id: {claim_id}"), "claims.yaml")
    assert claim.id == claim_id


@pytest.mark.parametrize("claim_id", ["12:30", "+12", "1.50"])
def test_a_claim_id_yaml_reads_as_a_number_is_judged_as_written(claim_id):
    """`id: 12:30` was the claim "750" (base 60) and `+12` the claim "12"; as written they are no id."""
    with pytest.raises(CorpusError, match=rf"claims\.yaml:2: claim id must be letters, digits, '-' or '_', "
                                          rf"got '\{claim_id}'$" if claim_id[0] == "+" else
                       rf"claims\.yaml:2: claim id must be letters, digits, '-' or '_', got '{claim_id}'$"):
        parse_claims(_claim(f"id: {claim_id}"), "claims.yaml")


@pytest.mark.parametrize(("claim_id", "hint"), [
    ("yes", "YAML reads yes, no, on, off, true and false unquoted as true or false: put the value in quotes"),
    ("off", "YAML reads yes, no, on, off, true and false unquoted as true or false: put the value in quotes"),
    ("null", "the value is empty (YAML reads null and ~ as empty)"),
    ("~", "the value is empty (YAML reads null and ~ as empty)"),
])
def test_a_claim_id_yaml_reads_as_true_false_or_empty_says_why(claim_id, hint):
    """`id: off` was refused as "got False", which does not say that YAML made it so, nor what to do."""
    with pytest.raises(CorpusError) as info:
        parse_claims(_claim(f"id: {claim_id}"), "claims.yaml")
    assert "claims.yaml:2: claim id must be letters, digits, '-' or '_', got " in str(info.value)
    assert hint in str(info.value)


def test_a_quoted_yes_is_a_claim_id():
    (claim,) = parse_claims(_claim("id: 'yes'"), "claims.yaml")
    assert claim.id == "yes"


def test_concept_ids_and_the_scheme_id_are_read_as_written():
    """`id: 010` for a concept was refused as "got 8", and `broader: [010]` as a list of no strings; a
    claim naming it (`outcomes: [010]`) names the concept "010"."""
    scheme = parse_concepts("scheme: {id: 2024}\nconcepts:\n"
                            "  - {id: 010, kind: outcome, label: 2001}\n"
                            "  - {id: 011, kind: outcome, label: Hope, broader: [010], alt_labels: [1.50]}\n",
                            "concepts.yaml")
    assert scheme.id == "2024"
    assert [(c.id, c.label, c.broader, c.alt_labels) for c in scheme.concepts] == [
        ("010", "2001", (), ()), ("011", "Hope", ("010",), ("1.50",))]
    (claim,) = parse_claims(_claim("id: C1, outcomes: [010], theories: 011"), "claims.yaml")
    assert (claim.outcomes, claim.theories) == (("010",), ("011",))


@pytest.mark.parametrize(("text", "message"), [
    ("scheme: {id: s}\nconcepts:\n  - {id: on, kind: outcome, label: L}\n",
     r"concepts\.yaml:3: concept id must be lower-case letters, digits and hyphens, got True; YAML reads yes"),
    ("scheme: {id: no}\nconcepts: []\n",
     r"concepts\.yaml:1: scheme id must be lower-case letters, digits and hyphens, got False; YAML reads yes"),
    ("scheme: {id: s}\nconcepts:\n  - {id: a, kind: outcome, label: yes}\n",
     r"concepts\.yaml:3: concept 'a''s 'label' must be text, got True; YAML reads yes"),
    ("scheme: {id: s}\nconcepts:\n  - {id: a, kind: outcome, label: L, broader: [no]}\n",
     r"concepts\.yaml:3: 'broader' must be a list of strings, got \[False\]; YAML reads yes"),
], ids=["concept-id", "scheme-id", "label", "broader"])
def test_concept_fields_yaml_reads_as_true_or_false_say_why(text, message):
    with pytest.raises(CorpusError, match=message):
        parse_concepts(text, "concepts.yaml")


def test_text_fields_of_a_claim_are_read_as_written():
    """`note: 1.50` was the note "1.5"; `statement: 2001` was refused as an empty statement."""
    (claim,) = parse_claims("claims:\n  - {id: C1, statement: 2001, quote: 2001-01-02, note: 1.50}\n", "c.yaml")
    assert (claim.statement, claim.quote, claim.note) == ("2001", "2001-01-02", "1.50")


def test_a_statement_yaml_reads_as_true_says_why():
    """`statement: yes` was reported as "needs a non-empty 'statement'", which it has."""
    with pytest.raises(CorpusError, match=r"c\.yaml:2: claim C1's 'statement' must be text, got True; YAML reads"):
        parse_claims("claims:\n  - {id: C1, statement: yes, quote: Q}\n", "c.yaml")


@pytest.mark.parametrize(("cites", "expected"), [
    ("[010]", ("[010]",)), ("010", ("[010]",)), ("[12, 07]", ("[12]", "[07]")), ("[0x1F]", ("[0x1F]",))])
def test_numeric_cites_are_read_as_written(cites, expected):
    """`cites: [010]` was "[8]" and `cites: [0x1F]` "[31]": entries that the annotator never named."""
    (claim,) = parse_claims(_claim(f"id: C1, cites: {cites}"), "claims.yaml")
    assert claim.cites == expected


def test_a_numeric_cite_resolves_as_written_and_one_that_is_no_number_is_named(tmp_path):
    """In the numeric corpus, `cites: [07]` is entry 7 (YAML alone reads it as 7 too, but `[010]` as 8),
    and `cites: [0x7]` (7 to YAML) is an error naming its line, not entry 7 said differently."""
    corpus = tmp_path / "numeric"
    shutil.copytree(NUMERIC, corpus)
    claims = corpus / "claims.yaml"
    _edit(claims, "    cites: [7]\n", "    cites: [07]\n")
    assert [c.works for c in load_corpus(corpus).claims if c.id == "N2"] == \
        [next(c.works for c in load_corpus(NUMERIC).claims if c.id == "N2")]
    _edit(claims, "    cites: [07]\n", "    cites: [0x7]\n")
    with pytest.raises(CorpusError, match=rf"{claims}:{_line_of(claims, 'id: N2')}: claim N2 cites '\[0x7\]', "
                                          "which is neither an author-year nor a numeric citation"):
        load_corpus(corpus)


def test_the_corpus_id_is_read_as_written(corpus_copy):
    """`id: 010` in corpus.yaml was the corpus "8"; `id: 0` was false to Python and gave way to the
    folder's name without a word."""
    manifest = corpus_copy / "corpus.yaml"
    _edit(manifest, "id: community-support\n", "id: 010\n")
    assert load_corpus(corpus_copy).id == "010"
    _edit(manifest, "id: 010\n", "id: 0\n")
    assert load_corpus(corpus_copy).id == "0"


def test_a_corpus_id_of_no_is_an_error_not_the_folder_name(runner, corpus_copy):
    """`id: no` (false to YAML) was replaced by the folder's name without a word."""
    manifest = corpus_copy / "corpus.yaml"
    _edit(manifest, "id: community-support\n", "id: no\n")
    result = runner.invoke(main, ["build", str(corpus_copy), "-o", str(corpus_copy / "g.trig")])
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)
    assert f"{manifest}:3: corpus id must be lower-case letters, digits and hyphens, got False; YAML reads " \
        in result.stderr
    assert not (corpus_copy / "g.trig").exists()


def test_manifest_text_fields_are_read_as_written(corpus_copy):
    """`volume: 012` was "10" (octal), `issue: 1_0` "10", `doi: 10.1230` "10.123"; `title: 2001-01-02`
    was refused as a date."""
    manifest = corpus_copy / "corpus.yaml"
    _edit(manifest, JOURNAL, f"{JOURNAL}  volume: 012\n  issue: 1_0\n  doi: 10.1230\n")
    _edit(manifest, "  title: Exploring the Role of Community Support in Mental Health Recovery\n",
          "  title: 2001-01-02\n")
    record = load_corpus(corpus_copy).record
    assert (record.title, record.volume, record.issue, record.doi) == ("2001-01-02", "012", "1_0", "10.1230")


@pytest.mark.parametrize(("year", "expected"), [("2024", 2024), ("02024", 2024), ("2_024", 2024)])
def test_the_year_stays_a_number(corpus_copy, year, expected):
    """A year is a number: its digits as written (`02024` is no octal 1044), or YAML's number."""
    _edit(corpus_copy / "corpus.yaml", JOURNAL, f"{JOURNAL}  year: {year}\n")
    assert load_corpus(corpus_copy).record.year == expected


def test_numbers_keep_their_value_for_fields_that_are_numbers():
    """The text as written is kept beside the value, not instead of it: other readers see YAML's numbers."""
    data = parse_yaml("a: 010\nb: 1.50\nc: [0x1F]\nd: yes\n", "f.yaml")
    assert (data["a"], data["b"], data["c"], data["d"]) == (8, 1.5, [31], True)
    assert isinstance(data["a"], int) and str(data["a"]) == "8"
    assert (written(data["a"]), written(data["b"]), written(data["c"][0]), written(data["d"])) == \
        ("010", "1.50", "0x1F", True)


def test_an_unknown_number_key_is_named_as_written():
    """`010: x` in a claim was named as the unknown field '8'."""
    with pytest.raises(CorpusError, match=r"c\.yaml:2: unknown field '010'"):
        parse_claims(_claim("id: C1, 010: x"), "c.yaml")


# --- a list item that is no mapping is named at its line -------------------------------------------------


def test_a_claim_that_is_no_mapping_is_named_at_its_line():
    """`- just a string` in the claims list was reported as "claims.yaml: each claim must be...", no line."""
    text = "claims:\n  - {id: C1, statement: S., quote: Q}\n\n  - just a string\n  - 010\n"
    with pytest.raises(CorpusError) as info:
        parse_claims(text, "claims.yaml")
    assert str(info.value).splitlines()[1:] == [
        "claims.yaml:4: each claim must be a mapping with id, statement, quote...; got 'just a string'; "
        "write it as - {id: C1, statement: ..., quote: ...}",
        "claims.yaml:5: each claim must be a mapping with id, statement, quote...; got 8; "
        "write it as - {id: C1, statement: ..., quote: ...}",
    ]


def test_a_claim_that_is_no_mapping_is_named_at_its_line_in_a_corpus(runner, corpus_copy):
    claims = corpus_copy / "claims.yaml"
    with claims.open("a", encoding="utf-8") as out:
        out.write("  - just a string\n")
    line = len(claims.read_text(encoding="utf-8").splitlines())
    result = runner.invoke(main, ["build", str(corpus_copy), "-o", str(corpus_copy / "g.trig")])
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)
    assert f"{claims}:{line}: each claim must be a mapping" in result.stderr


def test_a_concept_that_is_no_mapping_is_named_at_its_line():
    with pytest.raises(CorpusError, match=r"c\.yaml:4: each concept must be a mapping, got 'just a string'"):
        parse_concepts("scheme: {id: s}\nconcepts:\n  - {id: a, kind: outcome, label: A}\n  - just a string\n",
                       "c.yaml")


# --- an unknown key of corpus.yaml is named at its own line -----------------------------------------------


@pytest.mark.parametrize(("old", "new", "key", "message"), [
    ("files:\n", "citation-style: numeric\nfiles:\n", "citation-style:",
     "unknown key 'citation-style' at the top level (did you mean 'citation_style'?)"),
    (JOURNAL, f"{JOURNAL}  yeer: 2024\n", "yeer:", "unknown key 'yeer' under 'article' (did you mean 'year'?)"),
    ("  claims: claims.yaml\n", "  claims: claims.yaml\n  decision: x.yaml\n", "decision:",
     "unknown key 'decision' under 'files' (did you mean 'decisions'?)"),
    ("    - {family: Nazeer, given: Kamran}", "    - family: Nazeer\n      givne: Kamran", "givne:",
     "unknown key 'givne' in an article author (did you mean 'given'?)"),
], ids=["top", "article", "files", "author"])
def test_an_unknown_manifest_key_is_named_at_its_own_line(runner, corpus_copy, old, new, key, message):
    """`yeer: 2024` ten lines below `title:` was reported at the line of `title:`, where its mapping starts."""
    manifest = corpus_copy / "corpus.yaml"
    _edit(manifest, old, new)
    result = runner.invoke(main, ["check", str(corpus_copy)])
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)
    with pytest.raises(CorpusError) as info:
        load_corpus(corpus_copy)
    assert str(info.value) == (f"{manifest}:{_line_of(manifest, key)}: {message}; "
                               "see corpus/README.md for the keys of corpus.yaml")


# --- a numbered reference-list heading ends the body ---------------------------------------------------------


@pytest.mark.parametrize("heading", ["References", "7. References", "7 References", "VII. REFERENCES",
                                     "8.1 Bibliography", "References and notes", "IV References:"])
def test_a_numbered_reference_heading_ends_the_body(heading):
    """"7. References" was read as body text, and the reference list after it with it."""
    article = parse_article(f"Intro\n\nBody text (Lee, 2001).\n\n{heading}\n\n{REFERENCE}")
    assert article.text == "Intro\n\nBody text (Lee, 2001)."
    body, listing, _ = split_reference_list(f"Intro\n\nBody text (Lee, 2001).\n\n{heading}\n\n{REFERENCE}")
    assert (body, listing) == ("Intro\n\nBody text (Lee, 2001).", REFERENCE.strip())


@pytest.mark.parametrize("line", ["References to recovery abound.", "References and notes on method follow",
                                  "7. References were checked.", "2001 References"])
def test_a_body_line_that_starts_with_references_is_no_heading(line):
    article = parse_article(f"Intro\n\n{line}\n\nMore text.\n")
    assert article.text == f"Intro\n\n{line}\n\nMore text."
    with pytest.raises(InputError, match="no reference-list heading"):
        split_reference_list(f"Intro\n\n{line}\n\nMore text.\n")


def test_kg_init_drafts_an_article_with_a_numbered_heading(runner, tmp_path):
    article = tmp_path / "a.txt"
    article.write_text(f"A Review\n\n1. Introduction\n\nPeer support helps (Lee, 2001).\n\n7. References\n\n"
                       f"{REFERENCE}", encoding="utf-8")
    result = runner.invoke(main, ["init", str(article), str(tmp_path / "review")])
    assert result.exit_code == 0, result.output
    assert "1 reference entries, 1 works; 1 in-text citations (1 resolved" in result.output
    assert "References" not in (tmp_path / "review" / "article.txt").read_text(encoding="utf-8")
    assert runner.invoke(main, ["check", str(tmp_path / "review")]).exit_code == 0


# --- a failed kg init leaves no folders behind ----------------------------------------------------------------


def test_a_failed_draft_removes_the_parent_folders_it_created(tmp_path, monkeypatch):
    """`kg init a.txt new/deep/folder` made new/ and new/deep/ and left them when drafting failed."""
    article = tmp_path / "a.txt"
    article.write_text(f"A Review\n\nPeer support helps (Lee, 2001).\n\nReferences\n\n{REFERENCE}", encoding="utf-8")
    (tmp_path / "mine").mkdir()

    def fail(folder: object) -> None:
        raise CorpusError("drafting failed")

    monkeypatch.setattr("kg.ingest.draft.load_corpus", fail)
    with pytest.raises(CorpusError, match="drafting failed"):
        draft_corpus(article, tmp_path / "new" / "deep" / "folder")
    with pytest.raises(CorpusError, match="drafting failed"):
        draft_corpus(article, tmp_path / "mine" / "deep" / "folder")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "mine"]  # mine/ was there before
    assert list((tmp_path / "mine").iterdir()) == []


@pytest.mark.parametrize(("text", "message"), [
    ("A Review\n\nNo list here (Lee, 2001).\n", "no reference-list heading"),
    (f"References\n\n{REFERENCE}", "no body text before the reference-list heading"),
], ids=["no-list", "no-body"])
def test_cli_init_of_a_bad_article_creates_no_folder(runner, tmp_path, text, message):
    """An article with a list and no body was refused after new/deep/ had been made, naming the
    article.txt of a staging folder that was then gone; now the article itself, before anything is made."""
    article = tmp_path / "a.txt"
    article.write_text(text, encoding="utf-8")
    result = runner.invoke(main, ["init", str(article), str(tmp_path / "new" / "deep" / "folder")])
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)
    assert f"{article}: " in result.output and message in result.output and ".tmp" not in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]
