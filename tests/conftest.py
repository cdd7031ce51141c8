"""Shared fixtures: the CLI runner, the bundled corpus built once, the
labelled data folder, and a tiny corpus copied to a temporary folder."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parents[1]
BUNDLED = ROOT / "corpus" / "community-support"


@pytest.fixture()
def runner() -> CliRunner:
    """A click runner that keeps stdout and stderr apart."""
    return CliRunner()


@pytest.fixture(scope="session")
def bundled():
    """The bundled corpus and its graph, built once per test session."""
    from kg.pipeline import build

    return build(BUNDLED)


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The shared labelled data ($KG_SHARED); tests skip without it."""
    value = os.environ.get("KG_SHARED")
    if not value:
        pytest.skip("KG_SHARED is not set: the labelled data in shared/ is not available in this clone")
    path = Path(value)
    if not path.is_dir():
        pytest.fail(f"KG_SHARED={value} is not a folder")
    return path


@pytest.fixture()
def corpus_copy(tmp_path: Path) -> Path:
    """A writable copy of the bundled corpus, for tests that break it."""
    target = tmp_path / "community-support"
    shutil.copytree(BUNDLED, target)
    return target
