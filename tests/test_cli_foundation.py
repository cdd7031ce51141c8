"""The build, stats and check commands."""

from __future__ import annotations

import json
import re

from kg.cli import main


def test_build_writes_the_graph_and_says_where(runner, tmp_path, corpus_copy):
    """`kg build CORPUS -o FILE` writes the file and prints its path."""
    out = tmp_path / "g.ttl"
    result = runner.invoke(main, ["build", str(corpus_copy), "-o", str(out), "--format", "ttl"])
    assert result.exit_code == 0, result.output
    assert str(out) in result.stdout
    assert out.read_text(encoding="utf-8").startswith("@prefix")


def test_build_format_follows_the_output_suffix(runner, tmp_path, corpus_copy):
    """Without --format the -o suffix picks the format (a .ttl file is Turtle, a .nt file N-Triples);
    a --format the suffix contradicts is a usage error that writes nothing."""
    from rdflib import Graph

    for suffix, fmt in ((".ttl", "turtle"), (".nt", "nt")):
        out = tmp_path / f"g{suffix}"
        assert runner.invoke(main, ["build", str(corpus_copy), "-o", str(out)]).exit_code == 0
        assert len(Graph().parse(out, format=fmt)) > 1000
    clash = tmp_path / "clash.ttl"
    result = runner.invoke(main, ["build", str(corpus_copy), "-o", str(clash), "--format", "trig"])
    assert result.exit_code == 2 and "names a .ttl file but --format is trig" in result.stderr
    assert not clash.exists()
    unknown = tmp_path / "g.xml"
    result = runner.invoke(main, ["build", str(corpus_copy), "-o", str(unknown)])
    assert result.exit_code == 2 and "give -o one of these suffixes, or --format" in result.stderr
    assert not unknown.exists()
    assert runner.invoke(main, ["build", str(corpus_copy), "-o", str(unknown), "--format", "nt"]).exit_code == 0


def test_stats_json(runner, corpus_copy):
    """`kg stats --format json` gives the documented keys."""
    result = runner.invoke(main, ["stats", str(corpus_copy), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    for key in ("reference_entries", "works", "duplicate_entries", "in_text_citations", "resolved_citations",
                "unresolved_citations", "cited_works", "uncited_works", "claims", "claims_without_source", "triples"):
        assert key in data
    assert data["works"] == 21


def test_check_names_uncited_references(runner, corpus_copy):
    """`kg check` conforms on the bundled corpus and lists the uncited references."""
    result = runner.invoke(main, ["check", str(corpus_copy), "--format", "json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["conforms"] is True
    uncited = [f for f in report["findings"] if f["kind"] == "uncited-reference"]
    assert sorted(f["message"].split("'")[1] for f in uncited) == ["Davis 2020", "Johnson & Lee 2021", "Smith 2022"]
    assert all(f["where"].endswith(tuple(f":{n}" for n in range(1, 40))) for f in uncited)


def test_check_fails_on_unresolved_citation(runner, corpus_copy):
    """An in-text citation with no matching entry makes check report it and exit 1."""
    refs = corpus_copy / "references.txt"
    refs.write_text(refs.read_text(encoding="utf-8").replace("Rappaport, J. (1977)", "Rappaport, J. (1978)"),
                    encoding="utf-8")
    claims = corpus_copy / "claims.yaml"
    text = claims.read_text(encoding="utf-8")
    assert "Rappaport, 1977" in text
    claims.write_text(re.sub(r"(cites:\s*)\[[^\]]*Rappaport, 1977[^\]]*\]", r"\1[]", text), encoding="utf-8")
    result = runner.invoke(main, ["check", str(corpus_copy), "--format", "json"])
    assert result.exit_code == 1, result.output
    report = json.loads(result.stdout)
    assert report["conforms"] is False
    unresolved = [f for f in report["findings"] if f["kind"] == "unresolved-citation"]
    assert len(unresolved) == 1 and "Rappaport, 1977" in unresolved[0]["message"]
    assert unresolved[0]["where"].endswith("article.txt:41")


def test_bad_corpus_exits_1_and_writes_nothing(runner, tmp_path, corpus_copy):
    """A broken claims file exits 1 with file:line and leaves no output file."""
    claims = corpus_copy / "claims.yaml"
    claims.write_text(claims.read_text(encoding="utf-8") + "  - id: [broken\n", encoding="utf-8")
    out = tmp_path / "g.trig"
    result = runner.invoke(main, ["build", str(corpus_copy), "-o", str(out)])
    assert result.exit_code == 1
    assert "claims.yaml:" in result.stderr and "invalid YAML" in result.stderr
    assert not out.exists()
    assert list(tmp_path.glob("*.tmp")) == []


def test_unwritable_output(runner, tmp_path, corpus_copy):
    """An output path in a missing folder is a clear error."""
    result = runner.invoke(main, ["build", str(corpus_copy), "-o", str(tmp_path / "no" / "g.trig")])
    assert result.exit_code == 1
    assert "does not exist" in result.stderr


def test_a_file_named_out_is_a_clear_error(runner, tmp_path, corpus_copy, monkeypatch):
    """With no -o the graph goes to out/; a file named out is said, not a traceback."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "out").write_text("", encoding="utf-8")
    result = runner.invoke(main, ["build", str(corpus_copy)])
    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit)  # a message, not a FileExistsError
    assert "out: is a file" in result.stderr and "give -o FILE" in result.stderr


def test_python_dash_m_kg_runs():
    """`python -m kg --help` works."""
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-m", "kg", "--help"], capture_output=True, text=True, check=True)
    assert "build" in result.stdout


def test_check_reports_a_missing_quote_as_a_finding(runner, corpus_copy):
    """A quote not in the article is a check finding with file:line, and exit 1."""
    claims = corpus_copy / "claims.yaml"
    claims.write_text(claims.read_text(encoding="utf-8").replace("(Anthony, 1993).", "(Anthony, 1993)!", 1),
                      encoding="utf-8")
    result = runner.invoke(main, ["check", str(corpus_copy), "--format", "json"])
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert report["conforms"] is False
    (finding,) = report["findings"]
    assert finding["kind"] == "input-error"
    assert finding["where"].endswith("claims.yaml:7")
    assert finding["message"].startswith("quote of claim C01 not found")


def test_check_json_reports_a_corpus_that_cannot_load(runner, corpus_copy):
    """`kg check --format json` answers a corpus that cannot be loaded (invalid YAML, a references file
    that is not text) with JSON findings naming file and line, and exits 1."""
    claims = corpus_copy / "claims.yaml"
    claims.write_text(claims.read_text(encoding="utf-8") + "  - id: [broken\n", encoding="utf-8")
    result = runner.invoke(main, ["check", str(corpus_copy), "--format", "json"])
    assert result.exit_code == 1
    (finding,) = json.loads(result.stdout)["findings"]
    assert finding["kind"] == "input-error" and "invalid YAML" in finding["message"]
    assert re.search(r"claims\.yaml:\d+$", finding["where"])
