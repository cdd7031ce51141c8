"""Deduplication: the traps reviewers report, cluster checks, decisions, properties."""

from __future__ import annotations

import json
from textwrap import dedent

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.cli import main
from kg.dedup import deduplicate
from kg.dedup.keys import doi_key, fold, page_range, title_key
from kg.ingest.references.csvtable import parse_csv, split_authors
from kg.errors import InputError
from kg.model import Person, Reference


def ref(rid, title, year=2010, authors=("Smith", "Jones"), container="Journal of Things", volume="10",
        pages="100-110", doi="", **kw):
    """A record built inline."""
    return Reference(rid, authors=tuple(Person(a, "A.") for a in authors), year=year, title=title,
                     container=container, volume=volume, pages=pages, doi=doi, **kw)


def clusters(records, **kw):
    return [list(c) for c in deduplicate(records, **kw).clusters]


def test_variants_of_one_work_merge():
    """Case, punctuation, DOI prefixes, short page ranges and journal abbreviations still match."""
    a = ref("1", "Intestinal lipoprotein overproduction in insulin-resistant states", container="Current Opinion in Lipidology",
            pages="221-228", doi="10.1097/MOL.0b013e3282ffaf82")
    b = ref("2", "INTESTINAL LIPOPROTEIN OVERPRODUCTION IN INSULIN RESISTANT STATES.", container="Curr Opin Lipidol",
            pages="221-8", doi="http://dx.doi.org/10.1097/mol.0b013e3282ffaf82")
    c = ref("3", "Intestinal lipoprotein overproduction in insulin-resistant states [Chinese]",
            container="Curr Opin Lipidol", pages="221-8")
    assert clusters([a, b, c]) == [["1", "2", "3"]]


def test_same_authors_same_year_different_works_stay_apart():
    """Two 2000 works by Berkman are two works."""
    a = ref("1", "From social integration to health: Durkheim in the new millennium", 2000, ("Berkman", "Glass", "Brissette", "Seeman"),
            "Social Science & Medicine", "51", "843-857")
    b = ref("2", "Social integration, social networks, social support, and health", 2000, ("Berkman", "Glass"),
            "Social Epidemiology", "", "137-173")
    assert clusters([a, b]) == [["1"], ["2"]]


def test_same_title_different_authors_or_years_stay_apart():
    """'Social relationships and health' by different people, or years apart, are different works."""
    a = ref("1", "Social relationships and health", 1988, ("House", "Landis"), "Science", "241", "540-545")
    b = ref("2", "Social relationships and health", 2004, ("Cohen",), "American Psychologist", "59", "676-684")
    c = ref("3", "Social relationships and health", 2010, ("Umberson", "Montez"), "J Health Soc Behav", "51", "S54-S66")
    assert clusters([a, b, c]) == [["1"], ["2"], ["3"]]


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("Self-help groups. Part I: theory", "Self-help groups. Part II: theory"),
        ("Peer support in recovery", "Erratum: Peer support in recovery"),
        ("Peer support in recovery", "Comment on: Peer support in recovery"),
    ],
    ids=["part-1-vs-2", "erratum", "comment"],
)
def test_parts_and_notices_stay_apart(left, right):
    """Part I and Part II, and a notice and its work, are different works."""
    assert clusters([ref("1", left), ref("2", right, pages="")]) == [["1"], ["2"]]


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("Peer support in recovery: a qualitative study", "Peer support in recovery: a quantitative study"),
        ("Housing first for homeless adults: 5-year follow-up", "Housing first for homeless adults: 10-year follow-up"),
        ("Exercise and depression in women", "Exercise and depression in men"),
        ("Peer support for adults with schizophrenia", "Peer support for children with schizophrenia"),
        ("Social support in acute psychosis", "Social support in chronic psychosis"),
    ],
    ids=["qualitative-quantitative", "follow-up-years", "women-men", "adults-children", "acute-chronic"],
)
def test_one_teams_studies_that_differ_in_one_telling_word_stay_apart(left, right):
    """Two studies by one team in one journal and year, with no pages to tell them apart, whose titles differ
    only in the method, the follow-up, the sex, the age group or the course studied, are two works (they
    once merged); two records whose titles both name both sides still match."""
    assert clusters([ref("1", left, pages=""), ref("2", right, pages="")]) == [["1"], ["2"]]
    both = ref("2", "Peer support for adults and children with schizophrenia", pages="")
    assert clusters([ref("1", "Peer support for children and adults with schizophrenia", pages=""), both]) == [["1", "2"]]


def test_a_letter_and_its_reply_stay_apart_and_a_bundled_record_joins_one_side():
    """A letter and the authors' reply printed after it ('... - Reply', the next page of the
    issue) are two works.  A database record bundling both ('(multiple letters)', the letter's
    first page to the reply's last, every author of both) joins the letter it starts with, and
    no cluster ever holds the letter and the reply."""
    title = "Thrombotic microangiopathy after influenza vaccination in a child"
    letter = ref("1", title, 2015, ("Moreno", "Aydin"), "Pediatric Kidney Letters", "30", "811-812", issue="5")
    reply = ref("2", title + " - Reply", 2015, ("Ferrand", "Lucchesi"), "Pediatric Kidney Letters", "30", "813",
                issue="5")
    reply_again = ref("3", title + " - Reply", 2015, ("Ferrand", "Lucchesi"), "Pediatr Kidney Lett", "30", "813-813",
                      issue="5")
    bundled = ref("4", title + " (multiple letters) [1]", 2015, ("Moreno", "Aydin", "Ferrand", "Lucchesi"),
                  "Pediatric Kidney Letters", "30", "811-813", issue="5")
    found = clusters([letter, reply, reply_again, bundled])
    assert found == [["1", "4"], ["2", "3"]]
    assert clusters([letter, reply]) == [["1"], ["2"]]


def test_a_retitled_letter_without_pages_is_listed_for_review_not_merged():
    """The same authors, journal and year, one record with no volume or pages, the title's end
    the same but its head another word ('Eculizumab in ...' / 'Complement blockade in ...'): it
    may be one letter retitled between online-first and print, or two letters on two treatments.
    Nothing in the record tells which, so it is not merged; the reviewer sees it."""
    authors = ("Duval", "Marchetti", "Okafor", "Brandt", "Kessler")
    printed = ref("1", "Eculizumab in severe Shiga-toxin-associated haemolytic uraemic syndrome", 2013, authors,
                  "New England Journal of Medicine", "368", "2561-2563")
    online = ref("2", "Complement blockade in severe Shiga-toxin–associated haemolytic uraemic syndrome", 2013,
                 authors, "N Engl J Med", "", "")
    result = deduplicate([printed, online])
    assert [list(c) for c in result.clusters] == [["1"], ["2"]]
    assert [(u.left, u.right) for u in result.uncertain] == [("1", "2")]


def test_generic_titles_do_not_chain():
    """Editorials with one title merge only with matching pages, never by chaining."""
    records = [ref(str(i), "Editorial", 2010 + i % 2, (f"Editor{i}",), "MIS Quarterly", "", f"{i}-{i + 1}")
               for i in range(1, 7)]
    assert all(len(c) == 1 for c in clusters(records))


def test_conference_abstract_and_later_article_stay_apart():
    """A meeting abstract and the journal article a year later are different works."""
    a = ref("1", "Eculizumab in atypical HUS", 2011, container="Blood", volume="118", pages="S12")
    b = ref("2", "Eculizumab in atypical HUS", 2012, container="New England Journal of Medicine", volume="368", pages="2169-2181")
    assert clusters([a, b]) == [["1"], ["2"]]
    # Linked as related versions (with a title long enough to say so), merged only when asked.
    title = "Terminal complement inhibition in atypical haemolytic uraemic syndrome"
    abstract = ref("5", title, 2011, container="Blood", volume="118", pages="S12")
    article = ref("6", title, 2012, container="New England Journal of Medicine", volume="368", pages="2169-2181")
    assert clusters([abstract, article]) == [["5"], ["6"]]
    assert [(v.left, v.right) for v in deduplicate([abstract, article]).versions] == [("5", "6")]
    assert clusters([abstract, article], link_versions=True) == [["5", "6"]]
    # An article two years later, or by another first author, is no version of the abstract.
    later = ref("7", title, 2013, container="New England Journal of Medicine", volume="368", pages="2169-2181")
    other = ref("8", title, 2012, ("Legendre", "Jones"), "New England Journal of Medicine", "368", "2169-2181")
    for record in (later, other):
        assert not deduplicate([abstract, record]).versions
        assert clusters([abstract, record], link_versions=True) == [["5"], [record.id]]


def test_preprint_and_published_version_merge_only_when_asked():
    """A preprint and its article are linked as versions and merged only on request."""
    a = ref("1", "Deep learning for citation screening", 2019, container="arXiv", volume="", pages="")
    b = ref("2", "Deep learning for citation screening", 2020, container="Systematic Reviews", volume="9", pages="")
    assert clusters([a, b]) == [["1"], ["2"]]
    result = deduplicate([a, b])
    assert any(u.left == "1" and u.right == "2" for u in result.uncertain)
    assert clusters([a, b], link_versions=True) == [["1", "2"]]


def test_preprint_of_the_same_year_is_a_version_not_a_duplicate():
    """Same title, authors and year: a preprint (server read as publisher or left over) is still only linked."""
    article = ref("1", "Peer mentoring and loneliness in first-year students", 2021, container="Journal of Student Life",
                  volume="12", pages="40-52")
    by_doi = ref("2", "Peer mentoring and loneliness in first-year students", 2021, container="", volume="",
                 pages="", doi="10.31234/osf.io/xyz98")
    left_over = Reference("3", authors=article.authors, year=2021, title=article.title,
                          leftover="medRxiv preprint")
    for preprint in (by_doi, left_over):
        result = deduplicate([article, preprint])
        assert [list(c) for c in result.clusters] == [["1"], [preprint.id]]
        assert [(v.left, v.right) for v in result.versions] == [("1", preprint.id)]
        assert clusters([article, preprint], link_versions=True) == [["1", preprint.id]]


def test_printed_record_carrying_a_preprint_doi_is_the_same_work():
    """Same venue and pages, one record with the preprint's DOI: one printed paper, merged."""
    a = ref("1", "Gender gaps in online gig work", 2018, container="International Conference on Information Systems",
            volume="", pages="1-17")
    b = ref("2", "Gender gaps in online gig work", 2018, container="International Conference on Information Systems",
            volume="", pages="1-17", doi="10.2139/ssrn.1234567")
    assert clusters([a, b]) == [["1", "2"]]


def test_meeting_abstract_and_article_in_one_volume_are_linked_versions():
    """A one-page abstract early in a volume and the full article later in it (same title, year,
    authors) are two works linked as related versions, merged only when asked; a one-page record
    after the article (an erratum printing its title) is no version and never merges."""
    authors = ("Varga", "Olsen", "Tanaka")
    title = "Neurological involvement in a child with complement-mediated thrombotic microangiopathy"
    abstract = ref("1", title, 2012, authors, "Paediatric Kidney Journal", "30", "1411")
    article = ref("2", title.lower(), 2012, (*authors, "Brandt"), "Paediatric Kidney Journal", "30", "2203-2208")
    result = deduplicate([abstract, article])
    assert [list(c) for c in result.clusters] == [["1"], ["2"]]
    assert [(v.left, v.right) for v in result.versions] == [("1", "2")]
    assert "a meeting abstract and the later article (related versions)" in result.versions[0].reasons
    assert any(u.left == "1" and u.right == "2" for u in result.uncertain)
    assert clusters([abstract, article], link_versions=True) == [["1", "2"]]
    erratum = ref("3", title, 2012, authors, "Paediatric Kidney Journal", "30", "2790")
    assert not deduplicate([article, erratum]).versions
    assert clusters([article, erratum], link_versions=True) == [["2"], ["3"]]


def test_chains_never_join_conflicting_dois():
    """Records linked pairwise never end in one cluster when two carry different DOIs."""
    a = ref("1", "Community support and recovery outcomes", doi="10.1000/a1", pages="")
    b = ref("2", "Community support and recovery outcomes", pages="")
    c = ref("3", "Community support and recovery outcome", doi="10.1000/zz9", pages="")
    result = clusters([a, b, c])
    assert not any({"1", "3"} <= set(cl) for cl in result)


def test_reviewer_decisions_override_the_matcher():
    """'different' keeps a pair apart; 'same' joins it; both are recorded as reviewer decisions."""
    a, b = ref("1", "Peer support groups"), ref("2", "Peer support groups")
    assert clusters([a, b], decisions={frozenset({"1", "2"}): False}) == [["1"], ["2"]]
    c = ref("3", "Something else entirely", 1999, ("Other",))
    result = deduplicate([a, c], {frozenset({"1", "3"}): True})
    assert [list(x) for x in result.clusters] == [["1", "3"]]
    assert result.decisions[0].by == "reviewer"


def test_a_malformed_decision_names_its_line_and_the_fix(tmp_path):
    """A decision that is not same or different stops the run at its line, showing the entry as written."""
    from kg.dedup import read_decisions

    path = tmp_path / "d.yaml"
    path.write_text("- {left: a, right: b, decision: same}\n- {left: a, right: c, decision: maybe}\n")
    with pytest.raises(InputError) as err:
        read_decisions(path, ["a", "b", "c"])
    message = str(err.value)
    assert message.startswith(f"{path}:2: each decision needs left, right and decision: same or different")
    assert "'decision': 'maybe'" in message and "__line__" not in message
    assert "- {left: A, right: B, decision: same}" in message


def test_merge_keeps_the_most_complete_record_and_every_member():
    """The work takes fields from the fullest record and lists every member."""
    a = ref("1", "Peer support groups", doi="", pages="")
    b = ref("2", "Peer support groups", doi="10.1/x.1", pages="5-9")
    result = deduplicate([a, b])
    (work,) = result.works
    assert work.members == ("1", "2") and work.record.doi == "10.1/x.1" and work.record.pages == "5-9"
    assert result.decisions and result.decisions[0].reasons


def test_works_sharing_a_citekey_get_letters_past_z():
    """The 27th work keyed smith2020effects is ...aa: keys (kg:citekey, work IRIs) stay letters and digits."""
    refs = [Reference(str(n), authors=(Person("Smith", "J."),), year=2020, title=f"Effects of trial {n}",
                      doi=f"10.1000/trial.{n}") for n in range(30)]
    keys = [w.key for w in deduplicate(refs).works]
    assert len(set(keys)) == 30
    assert keys[:2] == ["smith2020effects", "smith2020effectsb"]
    assert keys[25:28] == ["smith2020effectsz", "smith2020effectsaa", "smith2020effectsab"]
    assert all(key.isascii() and key.isalnum() for key in keys)


def test_records_without_title_or_authors_are_kept_and_reported():
    """Incomplete records are never dropped; each is reported."""
    a = Reference("1", title="", year=2000)
    b = Reference("2", title="A title", authors=())
    result = deduplicate([a, b])
    assert sorted(m for c in result.clusters for m in c) == ["1", "2"]
    assert [p.kind for p in result.problems] == ["incomplete-record", "incomplete-record"]
    # Each message says all that is missing.
    assert [p.message.split(";")[0] for p in result.problems] == ["record 1 has no title or authors",
                                                                  "record 2 has no authors"]


@given(st.text(max_size=60))
def test_normalisers_are_idempotent(text):
    """Normalising twice gives what normalising once gives."""
    assert fold(fold(text)) == fold(text)
    assert title_key(title_key(text)) == title_key(text)
    assert doi_key(doi_key(text)) == doi_key(text)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["Peer support", "Peer support.", "PEER SUPPORT", "Stigma"]),
                          st.sampled_from(["", "10.1/a", "10.1/b", "https://doi.org/10.1/a"])),
                min_size=1, max_size=8))
def test_never_merges_two_different_dois_and_is_idempotent(items):
    """No cluster holds two different DOIs (records without pages never print one item at one
    place, the only case where a second DOI is overruled); deduplicating the works again changes nothing."""
    records = [ref(str(i), t, doi=d, pages="") for i, (t, d) in enumerate(items)]
    result = deduplicate(records)
    for cluster in result.clusters:
        dois = {doi_key(records[int(i)].doi) for i in cluster} - {""}
        assert len(dois) <= 1
    again = deduplicate([w.record for w in result.works])
    assert len(again.works) == len(result.works)


def test_page_ranges():
    """Short page ranges expand; en dashes and double hyphens are ranges."""
    assert page_range("221-8") == ("221", "228")
    assert page_range("1297–306") == ("1297", "1306")


def test_csv_reader_errors_and_authors():
    """No title column is an error; another missing column a warning; a broken row is kept and reported;
    author shapes split."""
    with pytest.raises(InputError, match=r"r\.csv:1: CSV header lacks column\(s\) title"):
        parse_csv("record_id,author,name,year\n1,a,b,2000\n", "r.csv")
    refs, problems = parse_csv("record_id,author,title,year,journal,volume,issue,pages\n1,a,b,2000,j,1,1,1\n", "r.csv")
    assert [r.title for r in refs] == ["b"] and [(p.kind, p.where.line) for p in problems] == [("missing-columns", 1)]
    assert "no column(s) doi;" in problems[0].message
    text = dedent("""\
        record_id,cluster_id,author,title,year,journal,volume,issue,pages,doi
        1,c1,"Adeli K.; Lewis G. F.",T,2008,J,19,3,221-8,
        2,c1,"Zuna, R E and Wang, S S",T,2008,J,19,3,221-8,,extra-cell
        """)
    refs, problems = parse_csv(text, "r.csv")
    assert [r.id for r in refs] == ["1", "2"]
    assert [p.kind for p in problems] == ["broken-row"] and problems[0].where.line == 3
    assert all("c1" not in str(r) for r in refs)
    assert [p.family for p in split_authors("Adeli K.; Lewis G. F.")] == ["Adeli", "Lewis"]


def test_cli_json_review_and_decisions(runner, tmp_path):
    """`kg dedup` JSON has records, works and clusters; --review lists pairs; bad decision ids are reported."""
    csv_file = tmp_path / "r.csv"
    csv_file.write_text(dedent("""\
        record_id,cluster_id,author,title,year,journal,volume,issue,pages,doi
        a,x,"Smith, J.",Peer support groups and recovery,2019,arXiv,,,,
        b,x,"Smith, J.",Peer support groups and recovery,2020,Psychiatric Services,65,4,429-441,
        c,y,"Lee, K.",Stigma,2001,J,1,1,1-2,
        """), encoding="utf-8")
    result = runner.invoke(main, ["dedup", str(csv_file), "--format", "json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert set(doc) >= {"records", "works", "clusters", "versions"}
    assert doc["clusters"] == [["a"], ["b"], ["c"]]
    assert [(v["left"], v["right"]) for v in doc["versions"]] == [("a", "b")]  # a preprint and its article
    # The closing summary says what is left for the reviewer.
    assert result.stderr.splitlines()[-1] == ("3 records read, 3 works, 0 broken row(s) and 0 record(s) without "
                                              "title or authors, all kept; 1 uncertain pair(s) to review "
                                              "(--review), 1 related-version link(s)")
    merged = runner.invoke(main, ["dedup", str(csv_file), "--link-versions"])
    assert merged.stderr.splitlines()[-1].endswith("1 related-version link(s) (merged, --link-versions)")
    review = runner.invoke(main, ["dedup", str(csv_file), "--review"])
    assert "a  ~  b" in review.stdout
    # Each pair shows both records, so a reviewer decides without looking them up.
    assert "       a: Smith 2019 | Peer support groups and recovery | arXiv\n" in review.stdout
    assert "       b: Smith 2020 | Peer support groups and recovery | Psychiatric Services 65(4):429-441\n" in review.stdout
    rows = json.loads(runner.invoke(main, ["dedup", str(csv_file), "--review", "--format", "json"]).stdout)
    assert [(r["left_record"]["title"], r["right_record"]["printed"]) for r in rows] == [
        ("Peer support groups and recovery", "Psychiatric Services 65(4):429-441")]
    decisions = tmp_path / "d.yaml"
    decisions.write_text("- {left: a, right: b, decision: same}\n- {left: a, right: zz, decision: different}\n"
                         "- {right: c, decision: same}\n- {left: , right: c, decision: same}\n")
    result = runner.invoke(main, ["dedup", str(csv_file), "--format", "json", "--decisions", str(decisions)])
    doc = json.loads(result.stdout)
    assert doc["clusters"] == [["a", "b"], ["c"]]
    problem, *missing = [p for p in doc["problems"] if p["kind"] == "unknown-decision-id"]
    assert problem["where"].endswith("d.yaml:2")
    assert problem["message"] == "decision 'a' ~ 'zz' names no record of the input: 'zz'; it is ignored"
    assert [p["message"] for p in missing] == ["decision '' ~ 'c' has no left record id; it is ignored"] * 2


def test_cli_writes_deduplicated_library(runner, tmp_path):
    """The bundled reference list deduplicates to 21 works in CSL-JSON, BibTeX and RIS."""
    from pathlib import Path

    refs = Path(__file__).resolve().parents[2] / "corpus" / "community-support" / "references.txt"
    for fmt, marker in (("csl-json", '"id": "'), ("bibtex", "\n@"), ("ris", "TY  - ")):
        out = tmp_path / f"lib.{fmt}"
        result = runner.invoke(main, ["dedup", str(refs), "--format", fmt, "-o", str(out)])
        assert result.exit_code == 0, result.output
        text = out.read_text(encoding="utf-8")
        assert text.count(marker) + (1 if fmt == "bibtex" and text.startswith("@") else 0) == 21


def test_labelled_sets_have_no_false_merges(shared_dir):
    """On the hand-made traps and a systematic-review set, no distinct works are merged."""
    import csv

    from kg.ingest.references.csvtable import read_csv

    for name in ("bibdedupe_special_cases", "sra_stroke"):
        path = shared_dir / "data" / "dedup" / name / "records.csv"
        refs, _ = read_csv(path)
        with path.open(encoding="utf-8") as handle:
            gold = {r["record_id"]: r["cluster_id"] for r in csv.DictReader(handle)}
        for cluster in deduplicate(refs).clusters:
            assert len({gold[m] for m in cluster}) == 1, (name, cluster)


def test_technical_report_and_conference_paper_stay_apart():
    """A record with no venue and one naming a venue, same title and authors, are not merged on that alone."""
    a = ref("1", "The cascade-correlation learning architecture", 1990, ("Fahlman", "Lebiere"), "", "", "")
    b = ref("2", "The cascade-correlation learning architecture", 1990, ("Fahlman", "Lebiere"),
            "Advances in Neural Information Processing Systems", "2", "524-532")
    result = deduplicate([a, b])
    assert [list(c) for c in result.clusters] == [["1"], ["2"]]
    assert any("only one record names a venue" in u.reasons for u in result.uncertain)


def test_cli_inputs_with_one_name_and_unreadable_inputs(runner, tmp_path):
    """Two inputs with one file name keep distinct ids; a file of which nothing can be read exits 1 and
    leaves the output as it was; an entry not read is named and the exit is 1 after writing the rest."""
    for folder, (author, title) in (("d1", ("Smith, John", "A study of things")),
                                    ("d2", ("Jones, Mary", "Another paper on stuff"))):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "refs.bib").write_text(
            f"@article{{smith2020,\n  author = {{{author}}},\n  title = {{{title}}},\n  year = {{2020}}\n}}\n",
            encoding="utf-8")
    inputs = [str(tmp_path / "d1" / "refs.bib"), str(tmp_path / "d2" / "refs.bib")]
    doc = json.loads(runner.invoke(main, ["dedup", *inputs, "--format", "json"]).stdout)
    ids = [r["id"] for r in doc["records"]]
    assert len(set(ids)) == 2 and [i.rsplit("/", 2)[-2:] for i in ids] == [["d1", "refs.bib:smith2020"],
                                                                          ["d2", "refs.bib:smith2020"]]
    twice = json.loads(runner.invoke(main, ["dedup", inputs[0], inputs[0], "--format", "json"]).stdout)
    assert [r["id"] for r in twice["records"]] == ["refs.bib:smith2020", "refs.bib#2:smith2020"]

    broken = tmp_path / "broken.bib"
    broken.write_text("@article{a,\n title = {Unclosed\n", encoding="utf-8")
    out = tmp_path / "keep.bib"
    out.write_text("precious\n", encoding="utf-8")
    result = runner.invoke(main, ["dedup", str(broken), "--format", "bibtex", "-o", str(out)])
    assert result.exit_code == 1 and "nothing written" in result.stderr
    assert "broken.bib:1: entry 'a' not read" in result.stderr
    assert out.read_text(encoding="utf-8") == "precious\n"
    result = runner.invoke(main, ["dedup", str(broken), inputs[0], "--format", "bibtex", "-o", str(out)])
    assert result.exit_code == 1 and "entries not read (named above)" in result.stderr.splitlines()[-1]
    assert out.read_text(encoding="utf-8").count("@article{") == 1
    empty = tmp_path / "empty.ris"
    empty.write_text("", encoding="utf-8")  # a file that cannot be read at all: named, and the others still read
    result = runner.invoke(main, ["dedup", inputs[0], str(empty), "--format", "json"])
    assert result.exit_code == 1 and f"{empty}: the file is empty" in result.stderr
    assert [r["id"] for r in json.loads(result.stdout)["records"]] == ["refs.bib:smith2020"]
