"""The reference parser's compiled modules, and when their Python source runs instead.

``pip install`` compiles the modules of :data:`NATIVE` (the CRF's features
and record assembly, the relabelling rules, the name splitter and the field
cleaners: most of the time a free-text reference takes) with mypyc, when the
machine has a C compiler (``setup.py``).  Python then imports the compiled
module, a ``.so`` file beside each ``.py``: the same code, checked by
``mypy --strict``, run about a fifth faster (the tests check that both give
the same records).

The source runs instead, for all of them together, when

- ``KG_PURE_PYTHON=1`` is set (tracebacks with line numbers, a debugger or a
  profiler see the Python functions), or
- a compiled module was built from another text than its ``.py`` holds now
  (the build records each source's SHA-256 in :data:`RECORD`): an editable
  install whose ``.py`` was edited after the build would otherwise run the
  old code.  A warning says how to rebuild (``pip install -e .`` again).

The package's ``__init__`` calls :func:`choose` before it imports any of them.
"""

from __future__ import annotations

import hashlib
import importlib.abc
import importlib.machinery
import importlib.util
import json
import os
import sys
import warnings
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

#: The modules compiled by ``setup.py``, in ``kg/ingest/references/``.
NATIVE = ("crf", "fields", "names", "relabel")
#: The library that holds their code (each module's own compiled file only loads it), named by ``setup.py``.
LIBRARY = "compiled__mypyc"
#: What the build compiled: the SHA-256 of each module's source, by name, written by ``setup.py``.
RECORD = "compiled-from.json"

_HERE = Path(__file__).resolve().parent
_PACKAGE = __name__.rpartition(".")[0]


def compiled_file(directory: Path, name: str) -> Path | None:
    """The compiled module ``name`` in ``directory`` for this Python, or ``None``."""
    for suffix in importlib.machinery.EXTENSION_SUFFIXES:
        path = directory / f"{name}{suffix}"
        if path.exists():
            return path
    return None


def stale(directory: Path, names: Sequence[str] = NATIVE) -> list[str]:
    """The modules of ``names`` compiled in ``directory`` from another text than their ``.py`` holds now.

    The build records the SHA-256 of each source it compiled in :data:`RECORD`; a compiled module missing
    from that record (or with no record) is stale too.  A compiled module with no ``.py`` beside it is not.
    """
    try:
        record = json.loads((directory / RECORD).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        record = {}
    out = []
    for name in names:
        source = directory / f"{name}.py"
        if compiled_file(directory, name) is not None and source.exists() and (
                record.get(name) != hashlib.sha256(source.read_bytes()).hexdigest()):
            out.append(name)
    return out


class _SourceFinder(importlib.abc.MetaPathFinder):
    """Finds the modules of :data:`NATIVE` as their ``.py`` source, ahead of the compiled files."""

    def find_spec(self, fullname: str, path: Sequence[str] | None = None,
                  target: ModuleType | None = None) -> importlib.machinery.ModuleSpec | None:
        package, _, name = fullname.rpartition(".")
        if package != _PACKAGE or name not in NATIVE:
            return None
        source = str(_HERE / f"{name}.py")
        return importlib.util.spec_from_file_location(
            fullname, source, loader=importlib.machinery.SourceFileLoader(fullname, source))


def choose() -> str:
    """Make the modules of :data:`NATIVE` import compiled or from source, once a process, and say which:
    ``"compiled"``, ``"source"`` (not all compiled, or ``KG_PURE_PYTHON`` set) or ``"source (stale build)"``."""
    global _decision
    if _decision is None:
        _decision = _decide()
        if _decision != "compiled":
            sys.meta_path.insert(0, _SourceFinder())
    return _decision


def _decide() -> str:
    if os.environ.get("KG_PURE_PYTHON"):
        return "source"
    old = stale(_HERE)
    if old:
        warnings.warn(
            f"{', '.join(f'{n}.py' for n in old)} in {_HERE} changed since it was compiled: running the Python "
            "source of the reference parser (slower); run `pip install -e .` again to recompile it",
            RuntimeWarning, stacklevel=3)
        return "source (stale build)"
    return "compiled" if all(compiled_file(_HERE, name) for name in (*NATIVE, LIBRARY)) else "source"


#: What :func:`choose` decided, once a process.
_decision: str | None = None


def running() -> str:
    """``"compiled"`` when the modules of :data:`NATIVE`, imported, are all compiled, else ``"source"``."""
    modules = [importlib.import_module(f"{_PACKAGE}.{name}") for name in NATIVE]
    return "source" if any(str(m.__file__).endswith(".py") for m in modules) else "compiled"
