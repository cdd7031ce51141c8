"""Deduplication under review: reviewer decisions (contradictory, repeated, chained), ids across
several inputs, merged records, parts, notices, protocols and preprints."""

from __future__ import annotations

import json
from textwrap import dedent

import pytest

from kg.cli import main
from kg.dedup import deduplicate, read_decisions
from kg.model import Person, Reference

TITLE = "Peer support groups and recovery in serious mental illness"


def ref(rid, title=TITLE, year=2019, authors=("Smith", "Jones"), container="Psychiatric Services", volume="65",
        pages="429-441", doi="", **kw):
    """A record built inline."""
    return Reference(rid, authors=tuple(Person(a, "A.") for a in authors), year=year, title=title,
                     container=container, volume=volume, pages=pages, doi=doi, **kw)


def clusters(records, decisions=None, **kw):
    return [list(c) for c in deduplicate(records, decisions, **kw).clusters]


def same(x, y):
    return frozenset({x, y})


BIB = dedent("""\
    @article{A,
      author = {Smith, John and Jones, Mary},
      title = {Peer support groups and recovery in serious mental illness},
      journal = {Psychiatric Services}, year = {2019}, volume = {65}, pages = {429-441}
    }
    @article{B,
      author = {Smith, J. and Jones, M.},
      title = {Peer support groups and recovery in serious mental illness},
      journal = {Psychiatr Serv}, year = {2019}, volume = {65}, pages = {429-41}
    }
    @article{C,
      author = {Smith, J and Jones, M},
      title = {Peer support groups and recovery in serious mental illness.},
      journal = {Psychiatric services}, year = {2019}, volume = {65}, pages = {429}
    }
    """)


def test_a_different_decision_holds_against_a_chain_of_same_decisions():
    """A = B and B = C by the reviewer, but A != C: A and C never end in one work, and the
    'same' decision that would join them is reported, not applied."""
    records = [ref("A"), ref("B"), ref("C")]
    decisions = {same("A", "B"): True, same("B", "C"): True, same("A", "C"): False}
    result = deduplicate(records, decisions)
    assert not any({"A", "C"} <= set(c) for c in result.clusters)
    assert [p.kind for p in result.problems] == ["contradictory-decision"]
    assert "'A' and 'C'" in result.problems[0].message


def test_a_chained_contradiction_in_the_decisions_file_names_its_lines(tmp_path):
    path = tmp_path / "d.yaml"
    path.write_text("- {left: A, right: C, decision: different}\n- {left: A, right: B, decision: same}\n"
                    "- {left: B, right: C, decision: same}\n", encoding="utf-8")
    decisions, problems = read_decisions(path, ["A", "B", "C"])
    assert decisions == {same("A", "C"): False, same("A", "B"): True}
    assert [(p.kind, p.where.line) for p in problems] == [("contradictory-decision", 3)]
    assert "line 1" in problems[0].message and "'A' and 'C'" in problems[0].message


def test_contradictory_and_repeated_decisions_are_reported_with_their_lines(tmp_path):
    """One pair marked same on one line and different on another: neither is applied (the matcher
    decides) and both lines are named; a decision given twice is kept once and reported."""
    path = tmp_path / "d.yaml"
    path.write_text("- {left: A, right: B, decision: same}\n- {left: C, right: D, decision: same}\n"
                    "- {left: B, right: A, decision: different}\n- {left: D, right: C, decision: same}\n",
                    encoding="utf-8")
    decisions, problems = read_decisions(path, ["A", "B", "C", "D"])
    assert decisions == {same("C", "D"): True}
    assert [(p.kind, p.where.line) for p in problems] == [("contradictory-decision", 3),
                                                         ("duplicate-decision", 4)]
    assert "line 1" in problems[0].message and "line 2" in problems[1].message


def test_decided_pairs_are_no_longer_listed_for_review():
    """A preprint linked as a version of its article is listed for review until the reviewer decides."""
    article = ref("1", "Peer mentoring and loneliness in first-year students", 2021,
                  container="Journal of Student Life", volume="12", pages="40-52")
    preprint = ref("2", article.title, 2021, container="", volume="", pages="", doi="10.31234/osf.io/xyz98")
    assert [(u.left, u.right) for u in deduplicate([article, preprint]).uncertain] == [("1", "2")]
    for verdict in (True, False):
        result = deduplicate([article, preprint], {same("1", "2"): verdict})
        assert not result.uncertain
        assert [list(c) for c in result.clusters] == ([["1", "2"]] if verdict else [["1"], ["2"]])


def test_decisions_with_bare_ids_across_several_inputs(runner, tmp_path):
    """With several inputs ids carry the file's name; a decision written with a bare id that one
    input holds still applies, and one that several inputs hold is reported with the choices."""
    first, second = tmp_path / "first.bib", tmp_path / "second.bib"
    first.write_text(BIB, encoding="utf-8")
    second.write_text(BIB.replace("{A,", "{X,").replace("{B,", "{Y,"), encoding="utf-8")
    decisions = tmp_path / "d.yaml"
    decisions.write_text("- {left: A, right: B, decision: different}\n- {left: C, right: X, decision: different}\n",
                         encoding="utf-8")
    result = runner.invoke(main, ["dedup", str(first), str(second), "--format", "json", "--decisions",
                                  str(decisions)])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert not any({"first.bib:A", "first.bib:B"} <= set(c) for c in doc["clusters"])
    (problem,) = [p for p in doc["problems"] if p["where"].endswith("d.yaml:2")]
    assert "'C'" in problem["message"] and "first.bib:C" in problem["message"]
    assert "second.bib:C" in problem["message"]


def test_an_unquoted_numeric_id_is_the_id_as_written(tmp_path):
    """YAML reads an unquoted 007 as 7, and 1.10 as 1.1: the decision names the records as the file writes them."""
    path = tmp_path / "d.yaml"
    path.write_text("- {left: 007, right: '008', decision: same}\n- {left: 1.10, right: 0x1F, decision: different}\n",
                    encoding="utf-8")
    decisions, problems = read_decisions(path, ["007", "008", "1.10", "0x1F"])
    assert decisions == {frozenset({"007", "008"}): True, frozenset({"1.10", "0x1F"}): False}
    assert problems == []


def test_merged_work_keeps_the_whole_author_list():
    """The fullest record says 'Smith et al.'; another member lists every author: the work lists them."""
    truncated = ref("1", authors=("Smith",), et_al=True, issue="4", publisher="APA", url="https://x.org/1")
    whole = ref("2", authors=("Smith", "Jones", "Brown", "Lee"), container="Psychiatr Serv")
    (work,) = deduplicate([truncated, whole]).works
    assert work.members == ("1", "2")
    assert [p.family for p in work.record.authors] == ["Smith", "Jones", "Brown", "Lee"]
    assert not work.record.et_al and work.record.issue == "4"


def test_duplicate_ids_are_refused():
    """Clusters name records by id: two records with one id would make them ambiguous."""
    with pytest.raises(ValueError, match="'1'"):
        deduplicate([ref("1"), ref("1", "Another work entirely on something else")])


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("Comment on: " + TITLE, "Reply to comment on: " + TITLE),
        ("Erratum: " + TITLE, "Retraction notice: " + TITLE),
    ],
    ids=["comment-vs-reply", "erratum-vs-retraction"],
)
def test_two_kinds_of_notice_on_one_work_stay_apart(left, right):
    """A comment on a paper and the authors' reply to it (or its erratum and its retraction) are two works."""
    assert clusters([ref("1", left, pages=""), ref("2", right, pages="")]) == [["1"], ["2"]]


def test_a_csv_header_error_names_the_file_once(runner, tmp_path):
    path = tmp_path / "r.csv"
    path.write_text("record_id,author,name,year\n1,a,b,2000\n", encoding="utf-8")
    result = runner.invoke(main, ["dedup", str(path)])
    assert result.exit_code == 1
    assert f"{path}:1: CSV header lacks column(s) title" in result.stderr
    assert f"{path}: {path}" not in result.stderr


def test_a_trial_protocol_and_the_trial_report_stay_apart():
    """Same authors, journal and year: 'protocol for a randomised trial' and the trial's results are two works."""
    protocol = ref("1", "Peer support in schizophrenia: protocol for a randomized controlled trial", pages="")
    trial = ref("2", "Peer support in schizophrenia: a randomized controlled trial")
    assert clusters([protocol, trial]) == [["1"], ["2"]]
    copy = ref("3", "Peer support in schizophrenia: protocol for a randomised controlled trial.", pages="")
    assert clusters([protocol, copy]) == [["1", "3"]]


@pytest.mark.parametrize(
    ("left", "right"),
    [
        (TITLE + ", Part A", TITLE + ", Part B"),
        (TITLE + " I", TITLE + " II"),
        (TITLE + " (II)", TITLE + " (III)"),
        (TITLE, TITLE + " II"),
    ],
    ids=["part-a-vs-b", "bare-i-vs-ii", "ii-vs-iii", "none-vs-ii"],
)
def test_parts_named_by_letters_or_a_closing_numeral_stay_apart(left, right):
    assert clusters([ref("1", left, pages=""), ref("2", right, pages="")]) == [["1"], ["2"]]


def test_a_part_written_two_ways_is_one_part():
    assert clusters([ref("1", TITLE + ", Part II", pages=""), ref("2", TITLE + " II", pages="")]) == [["1", "2"]]


def test_decisions_follow_inputs_given_by_another_path(runner, tmp_path):
    """Decisions written when the inputs were given as d1/refs.bib and d2/refs.bib still hold when
    they are given by their absolute paths (the ids then carry the whole path)."""
    for folder in ("d1", "d2"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "refs.bib").write_text(BIB, encoding="utf-8")
    decisions = tmp_path / "d.yaml"
    decisions.write_text("- {left: d1/refs.bib:A, right: d2/refs.bib:A, decision: different}\n", encoding="utf-8")
    inputs = [str(tmp_path / "d1" / "refs.bib"), str(tmp_path / "d2" / "refs.bib")]
    result = runner.invoke(main, ["dedup", *inputs, "--format", "json", "--decisions", str(decisions)])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert not doc["problems"]
    assert not any({f"{inputs[0]}:A", f"{inputs[1]}:A"} <= set(c) for c in doc["clusters"])


def test_ids_with_colons_in_one_input_are_taken_as_written(tmp_path):
    """Keys with colons ('smith:2020') in one input: '2020' names no record, it is not read as their tail;
    with several inputs only the input's own prefix may be left out."""
    path = tmp_path / "d.yaml"
    path.write_text("- {left: '2020', right: x, decision: different}\n", encoding="utf-8")
    decisions, problems = read_decisions(path, ["smith:2020", "x"])
    assert not decisions and [p.kind for p in problems] == ["unknown-decision-id"]
    decisions, problems = read_decisions(path, ["a.bib:smith:2020", "a.bib:x", "b.bib:y"], ["a.bib", "b.bib"])
    assert not decisions and [p.kind for p in problems] == ["unknown-decision-id"]


def test_a_preprint_and_its_article_with_their_own_dois_are_linked_versions():
    """A preprint's DOI (bioRxiv 10.1101/...) and the article's differ, as they always do: the two are
    linked as versions and merged only when asked, never merged by default."""
    preprint = ref("1", container="bioRxiv", volume="", pages="", doi="10.1101/2019.01.01.123456")
    article = ref("2", container="Psychiatric Services", doi="10.1176/appi.ps.2019.123")
    result = deduplicate([preprint, article])
    assert [list(c) for c in result.clusters] == [["1"], ["2"]]
    assert [(v.left, v.right) for v in result.versions] == [("1", "2")]
    assert clusters([preprint, article], link_versions=True) == [["1", "2"]]
    other = ref("3", "Housing first and tenancy outcomes in a randomised trial", authors=("Lee",),
                doi="10.1176/appi.ps.2019.999")
    assert clusters([preprint, other], link_versions=True) == [["1"], ["3"]]
