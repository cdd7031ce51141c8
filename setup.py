"""Build hook: compile the reference parser's hot modules with mypyc (the metadata is in setup.cfg).

The modules of ``kg.ingest.references.native.NATIVE`` are compiled to C
extensions beside their source; an editable install (``pip install -e .``)
builds them in place.  Beside them the build writes ``compiled-from.json``,
the SHA-256 of each source it compiled, so that an edited source is never
shadowed by its old build.  Without a C compiler, or with ``KG_PURE_PYTHON=1``
set at install time, the package installs as pure Python, which reads every
reference the same, more slowly.  See ``kg/ingest/references/native.py``.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_ext import build_ext

NATIVE = ("crf", "fields", "names", "relabel")  # as kg/ingest/references/native.py names them
SOURCES = Path(__file__).resolve().parent / "kg" / "ingest" / "references"

#: The setup commands that only write metadata or copy sources (pip runs the first two before the build):
#: they need no C code, and mypyc's translation takes a while.
SOURCE_ONLY = {"egg_info", "dist_info", "sdist"}


class BuildExtRecordingSources(build_ext):
    """``build_ext``, then ``compiled-from.json`` beside the compiled modules: what each was compiled from."""

    def initialize_options(self) -> None:
        super().initialize_options()
        self.recorded: str | None = None

    def run(self) -> None:
        super().run()
        built = [name for name in NATIVE if Path(self.get_ext_fullpath(f"kg.ingest.references.{name}")).exists()]
        if not built:
            return  # nothing compiled (no C compiler): the source runs
        target = Path(self.get_ext_fullpath("kg.ingest.references.crf")).parent / "compiled-from.json"
        digests = {name: hashlib.sha256((SOURCES / f"{name}.py").read_bytes()).hexdigest() for name in built}
        target.write_text(json.dumps(digests, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        self.recorded = str(target)

    def get_outputs(self) -> list[str]:
        return [*super().get_outputs(), *([self.recorded] if self.recorded else [])]


def native_extensions() -> list:
    """The mypyc extensions, each optional (a failed compile leaves the package as Python), or none."""
    command = next((arg for arg in sys.argv[1:] if not arg.startswith("-")), "")
    if os.environ.get("KG_PURE_PYTHON") or command in SOURCE_ONLY or not command:
        return []
    try:
        from mypyc.build import mypycify
    except ImportError:
        print("kg: mypyc not found; installing the reference parser as pure Python", file=sys.stderr)
        return []
    # mypyc type-checks what it compiles, following its imports; the build may run before the package's own
    # dependencies are installed (a fresh machine), so none is needed: no setup.cfg (its strict check is the
    # tests' job), missing imports ignored, errors of the modules followed not reported.
    options = ["--config-file=", "--ignore-missing-imports", "--follow-imports=silent"]
    try:
        extensions = mypycify([*options, *(f"kg/ingest/references/{name}.py" for name in NATIVE)], opt_level="3",
                              group_name="kg.ingest.references.compiled")
    except (Exception, SystemExit) as error:  # mypyc reports a failed translation by exiting
        print(f"kg: mypyc could not translate the parser ({error}); installing it as pure Python", file=sys.stderr)
        return []
    for extension in extensions:
        extension.optional = True
    return extensions


setup(ext_modules=native_extensions(), cmdclass={"build_ext": BuildExtRecordingSources})
