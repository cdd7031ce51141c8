"""The reference parser's compiled modules: built where they can be, read every reference as their source
does, run their source when asked or when a build is stale, and keep their doctests run."""

from __future__ import annotations

import ast
import doctest
import hashlib
import importlib.machinery
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from kg.ingest.references import native

ROOT = Path(__file__).resolve().parents[3]
PACKAGE = ROOT / "kg" / "ingest" / "references"
STYLES = ROOT / "tests" / "data" / "refstyles"

compiled = pytest.mark.skipif(native.running() != "compiled",
                              reason="the reference parser runs as Python source here (no build, or KG_PURE_PYTHON)")

#: Prints, a line each, the record of every reference of the given JSON list of strings.
PARSE_ALL = """
import json, sys
from kg.ingest.references import native
from kg.ingest.references.text import parse_reference
from kg.model import SourceLocation
print(native.running())
for k, text in enumerate(json.load(sys.stdin), 1):
    print(repr(parse_reference(text, str(k), SourceLocation("refs.txt", k))))
"""


def _texts(shared: str | None) -> list[str]:
    """The six-style set's references, and AnyStyle's labelled ones when the shared data is at hand."""
    rows = [json.loads(line) for path in sorted(STYLES.glob("*.jsonl"))
            for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    texts = [row["text"] for row in rows if "text" in row]
    if shared:
        for name in ("core", "good", "bad", "gold"):
            path = Path(shared) / "data" / "refparse" / f"anystyle_{name}.jsonl"
            texts += [json.loads(line)["raw"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return texts


def _parse_in_child(texts: list[str], **env: str) -> list[str]:
    """The output of :data:`PARSE_ALL` run in a fresh interpreter with ``env`` added to the environment."""
    child = subprocess.run([sys.executable, "-c", PARSE_ALL], input=json.dumps(texts), capture_output=True,
                           text=True, check=True, env={**os.environ, **env}, cwd=ROOT)
    return child.stdout.splitlines()


def test_the_parser_runs_compiled_where_it_can_be_built() -> None:
    """With a C compiler and Python's headers, an install compiles the parser, and Python runs the compiled code."""
    headers = Path(sysconfig.get_paths()["include"]) / "Python.h"
    if os.environ.get("KG_PURE_PYTHON") or not (shutil.which("cc") or shutil.which("gcc")) or not headers.exists():
        pytest.skip("no C compiler or Python headers here, or KG_PURE_PYTHON set: the parser installs as Python")
    assert native.running() == "compiled", (
        "kg/ingest/references has no up-to-date compiled modules: run `pip install -e .` (it compiles them)")


def test_setup_compiles_the_modules_native_names() -> None:
    """setup.py's list (it cannot import the package) is :data:`native.NATIVE`."""
    tree = ast.parse((ROOT / "setup.py").read_text(encoding="utf-8"))
    listed = next(ast.literal_eval(node.value) for node in tree.body
                  if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "NATIVE")
    assert listed == native.NATIVE
    assert f'group_name="kg.ingest.references.{native.LIBRARY.removesuffix("__mypyc")}"' in (
        ROOT / "setup.py").read_text(encoding="utf-8")


@compiled
def test_compiled_and_source_read_every_reference_the_same() -> None:
    """Every reference of the six-style set (and of AnyStyle's four sets with KG_SHARED): the same record,
    field for field, from the compiled modules and from their Python source."""
    texts = _texts(os.environ.get("KG_SHARED"))
    fast, slow = _parse_in_child(texts), _parse_in_child(texts, KG_PURE_PYTHON="1")
    assert (fast[0], slow[0]) == ("compiled", "source")
    assert len(fast) == len(texts) + 1
    differing = [text for text, a, b in zip(texts, fast[1:], slow[1:]) if a != b]
    assert differing == [], f"{len(differing)} references read differently, the first: {differing[:1]}"


def test_kg_pure_python_runs_the_source() -> None:
    """KG_PURE_PYTHON=1 makes every module of NATIVE import from its .py."""
    lines = _parse_in_child(["Lee, A. (2001). A title. Journal of Things, 3(2), 1-9."], KG_PURE_PYTHON="1")
    assert lines[0] == "source" and "title='A title'" in lines[1]


def test_a_build_of_another_text_than_the_source_is_stale(tmp_path: Path) -> None:
    """The source of an edited module runs, not its old build: a compiled module whose recorded source digest
    differs from its .py (or that has no record) is stale; one with no build, or no .py, is not."""
    suffix = importlib.machinery.EXTENSION_SUFFIXES[0]
    for name in ("kept", "edited", "unrecorded", "unbuilt"):
        (tmp_path / f"{name}.py").write_text(f"# {name}\n", encoding="utf-8")
        if name != "unbuilt":
            (tmp_path / f"{name}{suffix}").write_bytes(b"")
    (tmp_path / f"bare{suffix}").write_bytes(b"")
    digest = {name: hashlib.sha256(f"# {name}\n".encode()).hexdigest() for name in ("kept", "edited")}
    (tmp_path / native.RECORD).write_text(json.dumps(digest), encoding="utf-8")
    (tmp_path / "edited.py").write_text("# edited since\n", encoding="utf-8")
    names = ["kept", "edited", "unrecorded", "unbuilt", "bare"]
    assert native.stale(tmp_path, names) == ["edited", "unrecorded"]
    (tmp_path / native.RECORD).write_text("{not json", encoding="utf-8")
    assert native.stale(tmp_path, names) == ["kept", "edited", "unrecorded"]
    assert native.compiled_file(tmp_path, "unbuilt") is None


@compiled
def test_the_installed_build_is_of_the_sources_here() -> None:
    """Where the parser runs compiled, the build's record names every compiled module with its source's digest."""
    assert native.stale(PACKAGE) == []
    assert sorted(json.loads((PACKAGE / native.RECORD).read_text(encoding="utf-8"))) == sorted(native.NATIVE)


@compiled
@pytest.mark.parametrize("name", native.NATIVE)
def test_doctests_of_a_compiled_module_pass_on_its_source(name: str) -> None:
    """A compiled function keeps no docstring, and pytest cannot import the module from its file: its doctests
    run here on its source, loaded apart from the compiled module the package uses."""
    # Under a name of its own: doctest skips a function whose __module__ names an imported module other than
    # the one searched, and the compiled module is imported under the real name.
    path, full_name = PACKAGE / f"{name}.py", f"source_of_{name}"
    spec = importlib.util.spec_from_file_location(full_name, path,
                                                  loader=importlib.machinery.SourceFileLoader(full_name, str(path)))
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    tests = doctest.DocTestFinder().find(module, name, globs=vars(module))
    for test in tests:
        runner.run(test)
    results = runner.summarize(verbose=False)
    assert results.failed == 0, results
    # Every docstring of the source with an example was run.
    tree = ast.parse(path.read_text(encoding="utf-8"))
    with_examples = sum(">>>" in (ast.get_docstring(node) or "") for node in ast.walk(tree)
                        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef)))
    assert len([test for test in tests if test.examples]) == with_examples > 0
