"""`kg viz` refuses outputs and options it cannot honour, as usage errors, and writes nothing then."""

from __future__ import annotations

import pytest

from kg.cli import main


@pytest.fixture()
def graph_file(runner, tmp_path, corpus_copy):
    """The bundled corpus's graph written by `kg build`."""
    path = tmp_path / "g.trig"
    assert runner.invoke(main, ["build", str(corpus_copy), "-o", str(path)]).exit_code == 0
    return path


def test_output_that_is_the_input_graph_is_refused(runner, graph_file):
    """`kg viz g.trig -o g.trig` once replaced the graph with its page; now a usage error naming -o."""
    before = graph_file.read_bytes()
    result = runner.invoke(main, ["viz", str(graph_file), "-o", str(graph_file)])
    assert result.exit_code == 2, result.output
    assert "'-o' / '--output'" in result.stderr and "not an HTML file" in result.stderr
    assert graph_file.read_bytes() == before


def test_a_page_named_as_a_link_to_the_graph_replaces_the_link_not_the_graph(runner, graph_file):
    """The page is written through a temporary file and a rename, so a link is
    replaced by the page and the graph it pointed to is untouched."""
    link = graph_file.with_name("g.html")
    link.symlink_to(graph_file)
    before = graph_file.read_bytes()
    result = runner.invoke(main, ["viz", str(graph_file), "-o", str(link)])
    assert result.exit_code == 0, result.output
    assert graph_file.read_bytes() == before and not link.is_symlink()


def test_a_corpus_file_as_output_is_refused(runner, corpus_copy):
    """`-o corpus.yaml` was accepted and replaced the manifest with a page."""
    target = corpus_copy / "corpus.yaml"
    before = target.read_bytes()
    result = runner.invoke(main, ["viz", str(corpus_copy), "-o", str(target)])
    assert result.exit_code == 2, result.output
    assert "'-o' / '--output'" in result.stderr and "not an HTML file" in result.stderr
    assert target.read_bytes() == before


def test_output_not_named_html_is_refused(runner, corpus_copy, tmp_path):
    """An output whose suffix is not .html or .htm is a usage error; nothing is written."""
    target = tmp_path / "page.txt"
    result = runner.invoke(main, ["viz", str(corpus_copy), "-o", str(target)])
    assert result.exit_code == 2 and "'-o' / '--output'" in result.stderr and ".html" in result.stderr
    assert not target.exists()


def test_a_file_named_out_gives_a_clean_error(runner, corpus_copy, tmp_path, monkeypatch):
    """With a file `out` where the default output folder goes, the error names it and says what to do."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "out").write_text("not a folder", encoding="utf-8")
    result = runner.invoke(main, ["viz", str(corpus_copy)])
    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit)  # a message, not a FileExistsError traceback
    assert "out: is a file" in result.stderr and "give -o FILE" in result.stderr
    assert (tmp_path / "out").read_text(encoding="utf-8") == "not a folder"


@pytest.mark.parametrize("args", [["--focus", ""], ["--view", "focus", "--focus", ""], ["--focus", "  "]],
                         ids=["focus-alone", "with-view-focus", "blank"])
def test_empty_focus_is_a_usage_error(runner, corpus_copy, tmp_path, args):
    """An empty --focus is refused alike with and without --view focus (it once gave the whole graph)."""
    target = tmp_path / "p.html"
    result = runner.invoke(main, ["viz", str(corpus_copy), "-o", str(target), *args])
    assert result.exit_code == 2, result.output
    assert "'--focus'" in result.stderr and "is empty" in result.stderr
    assert not target.exists()


def test_focus_view_without_focus_is_a_usage_error(runner, corpus_copy, tmp_path):
    """`--view focus` with no --focus is a usage error (exit 2) before the graph is read, like an empty --focus."""
    target = tmp_path / "p.html"
    result = runner.invoke(main, ["viz", str(corpus_copy), "-o", str(target), "--view", "focus"])
    assert result.exit_code == 2, result.output
    assert "--view focus needs --focus ID" in result.stderr
    assert not target.exists()
