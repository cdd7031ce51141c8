"""The package type-checks under the strict settings of setup.cfg."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_package_passes_mypy_strict(tmp_path):
    """`mypy kg` (strict, as configured in setup.cfg) reports no error."""
    api = pytest.importorskip("mypy.api", reason="mypy is a test extra: pip install -e '.[test]'")
    stdout, stderr, status = api.run(["--config-file", str(ROOT / "setup.cfg"), "--cache-dir", str(tmp_path),
                                      str(ROOT / "kg")])
    assert status == 0, stdout + stderr
