"""``kg init``: a corpus drafted from a review article's text builds as it is."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from kg.check import check
from kg.cli import main
from kg.errors import InputError
from kg.ingest import load_corpus
from kg.ingest.draft import draft_corpus, split_reference_list
from kg.pipeline import build

ROOT = Path(__file__).resolve().parents[2]
BUNDLED = ROOT / "corpus" / "community-support"
NUMERIC = ROOT / "tests" / "data" / "numeric"


def _claims(folder: Path) -> list[dict]:
    return yaml.safe_load((folder / "claims.yaml").read_text(encoding="utf-8"))["claims"]


def test_bundled_article_drafts_a_corpus_like_the_hand_made_one(tmp_path):
    """The article as extracted, references and running headers included, gives the
    hand-made corpus's 26 entries and 21 works, and one draft claim per citing
    sentence that covers every one of the 24 in-text citations."""
    draft = draft_corpus(BUNDLED / "article.txt", tmp_path / "review")
    corpus = draft.corpus
    assert corpus.id == "review"
    assert corpus.record.title == "Exploring the Role of Community Support in Mental Health Recovery"
    assert (len(corpus.references), len(corpus.works)) == (26, 21)
    assert draft.headers_dropped == 2  # the two "e-ISSN ..." page heads inside the list
    assert [c.status for c in corpus.citations].count("resolved") == 24
    assert draft.claims == 24 and not draft.left_out
    kinds = {f.kind for f in check(corpus, build(draft.folder).graph).findings}
    assert "citation-without-claim" not in kinds and "quote-citation-not-cited" not in kinds
    hand_made = load_corpus(BUNDLED)
    assert sorted(w.record.label for w in corpus.works) == sorted(w.record.label for w in hand_made.works)


def test_claims_hold_the_sentence_and_its_citations(tmp_path):
    draft = draft_corpus(BUNDLED / "article.txt", tmp_path / "review")
    claims = _claims(draft.folder)
    first = claims[0]
    assert first["quote"] == ("The Recovery Model, for instance, highlights the importance of hope, personal "
                              "responsibility, and the active involvement of individuals in their recovery process "
                              "(Anthony, 1993).")
    assert first["statement"].endswith("in their recovery process.")  # the bracket taken out
    assert first["cites"] == ["Anthony, 1993"]
    narrative = next(c for c in claims if c["quote"].startswith("According to Cohen and Wills (1985)"))
    assert narrative["cites"] == ["Cohen & Wills, 1985"]
    assert narrative["statement"].startswith("According to Cohen and Wills (1985), social support")
    berkman = {tuple(c["cites"]) for c in claims if any("Berkman" in x for x in c["cites"])}
    assert berkman == {("Berkman & Glass, 2000",), ("Berkman et al., 2000",)}  # the two 2000 works apart
    assert all(c["stance"] == "supports" and "drafted by kg init" in c["note"] for c in claims)
    linked = {c.id: c for c in draft.corpus.claims}
    assert len(linked) == len(claims) and all(linked[c["id"]].works and linked[c["id"]].citations for c in claims)


def test_a_citation_no_entry_matches_is_named_not_dropped(tmp_path):
    """The numeric review's [9] names no entry: its claim lists it in the note."""
    article = tmp_path / "numeric.txt"
    article.write_text((NUMERIC / "article.txt").read_text(encoding="utf-8").split("References")[0]
                       + "References\n\n" + (NUMERIC / "references.txt").read_text(encoding="utf-8"),
                       encoding="utf-8")
    draft = draft_corpus(article, tmp_path / "numeric")
    assert draft.left_out == ("[9] (matches no reference entry)",)
    claims = _claims(draft.folder)
    first = claims[0]
    assert first["cites"] == ["[1]", "[7]"]
    assert first["statement"] == ("Peer workers help people with psychosis stay in care, and peer support also "
                                  "helps them find work.")
    assert next(c for c in claims if "[3-5]" in c["quote"])["cites"] == ["[3]", "[4]", "[5]"]
    traced = next(c for c in claims if "[9]" in c["quote"])
    assert traced["cites"] == [] and traced["note"].endswith("left out of cites: [9] (matches no reference entry)")
    assert yaml.safe_load((draft.folder / "corpus.yaml").read_text())["citation_style"] == "numeric"


def test_references_given_apart_keep_their_form(tmp_path):
    bib = tmp_path / "refs.bib"
    bib.write_text("@article{smith2019,\n  author = {Smith, J. and Brown, K.},\n  title = {Peer support},\n"
                   "  journal = {Psychiatr Serv}, year = {2019}\n}\n", encoding="utf-8")
    article = tmp_path / "a.txt"
    article.write_text("A Review\n\nPeer support helps (Smith & Brown, 2019). Nobody cites this.\n",
                       encoding="utf-8")
    draft = draft_corpus(article, tmp_path / "out", references_path=bib, corpus_id="my-review", title="Mine")
    assert (draft.folder / "references.bib").is_file()
    assert draft.corpus.id == "my-review" and draft.corpus.record.title == "Mine"
    assert _claims(draft.folder) == [{
        "id": "C01", "statement": "Peer support helps.", "quote": "Peer support helps (Smith & Brown, 2019).",
        "cites": ["Smith & Brown, 2019"], "theories": [], "support_types": [], "outcomes": [],
        "stance": "supports", "note": "drafted by kg init: rewrite the statement, check the stance and add the "
                                      "concepts"}]


def test_sentences_do_not_end_at_abbreviations_or_inside_citations(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text(
        "A Review\n\nSupport helps, e.g. in groups (Lee et al., 2001). Dr. Kim agrees (Kim, 2003, p. 4). "
        "Lee et al. (2001) found it too. Unrelated sentence.\n\nReferences\n\n"
        "Kim, S. (2003). Groups. Journal of Care, 1, 1-9.\n"
        "Lee, A., Park, B., & Cho, C. (2001). Support. Journal of Care, 2, 3-8.\n", encoding="utf-8")
    claims = _claims(draft_corpus(article, tmp_path / "out").folder)
    assert [c["quote"] for c in claims] == ["Support helps, e.g. in groups (Lee et al., 2001).",
                                            "Dr. Kim agrees (Kim, 2003, p. 4).", "Lee et al. (2001) found it too."]
    assert [c["cites"] for c in claims] == [["Lee et al., 2001"], ["Kim, 2003, p. 4"], ["Lee et al., 2001"]]


def test_yaml_special_characters_in_sentences_round_trip(tmp_path):
    article = tmp_path / "a.txt"
    text = 'A Review\n\nIt said: "#1 - yes" & {no} [sic] (Lee, 2001).\n\nReferences\n\nLee, A. (2001). T. J, 1.\n'
    article.write_text(text, encoding="utf-8")
    claims = _claims(draft_corpus(article, tmp_path / "out").folder)
    assert claims[0]["quote"] == 'It said: "#1 - yes" & {no} [sic] (Lee, 2001).'


def test_drafting_is_deterministic(tmp_path):
    first = draft_corpus(BUNDLED / "article.txt", tmp_path / "a" / "review").folder
    second = draft_corpus(BUNDLED / "article.txt", tmp_path / "b" / "review").folder
    for name in ("corpus.yaml", "article.txt", "references.txt", "concepts.yaml", "claims.yaml"):
        assert (first / name).read_bytes() == (second / name).read_bytes(), name


def test_split_reference_list_keeps_a_work_printed_three_times():
    """A line repeated through the list is a running head only if the body has it too."""
    entry = "Cohen, S. (1985). Stress. Psychol Bull, 98, 310-357."
    body, listing, dropped = split_reference_list(f"Body.\n\nReferences\n\n{entry}\n{entry}\n{entry}\n")
    assert (body, listing.count(entry), dropped) == ("Body.", 3, 0)


def test_cli_init(runner, tmp_path):
    result = runner.invoke(main, ["init", str(BUNDLED / "article.txt"), str(tmp_path / "review")])
    assert result.exit_code == 0, result.output
    assert "26 reference entries, 21 works; 24 in-text citations (24 resolved" in result.output
    assert "24 draft claims" in result.output and "kg check" in result.output
    assert runner.invoke(main, ["check", str(tmp_path / "review")]).exit_code == 0


def test_cli_init_refuses_a_folder_in_use_and_leaves_it_alone(runner, tmp_path):
    folder = tmp_path / "review"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine", encoding="utf-8")
    result = runner.invoke(main, ["init", str(BUNDLED / "article.txt"), str(folder)])
    assert result.exit_code == 1
    assert f"{folder}: already exists and is not an empty folder; choose a new folder" in result.output
    assert [p.name for p in folder.iterdir()] == ["notes.txt"]


@pytest.mark.parametrize("text, message", [
    ("A Review\n\nNo list here (Lee, 2001).\n", "no reference-list heading"),
    ("A Review\n\nText (Lee, 2001).\n\nReferences\n\n\n", "no reference could be read"),
])
def test_cli_init_bad_article_writes_nothing(runner, tmp_path, text, message):
    article = tmp_path / "a.txt"
    article.write_text(text, encoding="utf-8")
    result = runner.invoke(main, ["init", str(article), str(tmp_path / "out" / "review")])
    assert result.exit_code == 1
    assert message in result.output and str(article) in result.output
    assert not (tmp_path / "out" / "review").exists()
    assert not list((tmp_path / "out").glob(".*")) if (tmp_path / "out").exists() else True


def test_a_non_utf8_article_is_named(tmp_path):
    article = tmp_path / "a.txt"
    article.write_bytes(b"A Review \xff\xfe\x00 text\n")
    with pytest.raises(InputError, match=str(article)):
        draft_corpus(article, tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_an_ambiguous_citation_is_named_with_why(tmp_path):
    """Two works of Lee 2001 printed without year letters: "(Lee, 2001)" names neither."""
    article = tmp_path / "a.txt"
    article.write_text("A Review\n\nIt helps (Lee, 2001). It lasts (Kim, 2003).\n\nReferences\n\n"
                       "Kim, S. (2003). Groups. Journal of Care, 1, 1-9.\n"
                       "Lee, A. (2001). Support at home. Journal of Care, 2, 3-8.\n"
                       "Lee, A. (2001). Support at work. Journal of Work, 5, 10-18.\n", encoding="utf-8")
    draft = draft_corpus(article, tmp_path / "out")
    assert draft.left_out == ("Lee, 2001 (matches several works)",)
    assert [c["cites"] for c in _claims(draft.folder)] == [[], ["Kim, 2003"]]


def test_a_bad_corpus_id_is_refused_before_anything_is_written(runner, tmp_path):
    result = runner.invoke(main, ["init", str(BUNDLED / "article.txt"), str(tmp_path / "x"), "--id", "My Review"])
    assert result.exit_code == 1
    assert "corpus id must be lower-case letters, digits and hyphens, got 'My Review'; e.g. 'my-review'" \
        in result.output
    assert list(tmp_path.iterdir()) == []
