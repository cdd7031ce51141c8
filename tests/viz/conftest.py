"""Fixtures the viz tests share: a graph file merged from two corpora."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kg.cli import main


@pytest.fixture()
def merged_graph_file(runner, tmp_path, corpus_copy) -> Path:
    """One graph file holding two corpora that share claim ids, concepts and works
    (the bundled corpus twice, under two corpus ids)."""
    second = tmp_path / "second"
    shutil.copytree(corpus_copy, second)
    manifest = second / "corpus.yaml"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace(
        "\nid: community-support\n", "\nid: community-support-two\n", 1), encoding="utf-8")
    parts = []
    for folder in (corpus_copy, second):
        out = tmp_path / f"{folder.name}.trig"
        result = runner.invoke(main, ["build", str(folder), "-o", str(out)])
        assert result.exit_code == 0, result.output
        parts.append(out.read_text(encoding="utf-8"))
    merged = tmp_path / "two.trig"
    merged.write_text("".join(parts), encoding="utf-8")
    return merged
