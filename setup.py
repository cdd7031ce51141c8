"""Build hook: compile the reference parser's hot modules with mypyc (the metadata is in setup.cfg).

The modules of ``kg.ingest.references.native.NATIVE`` are compiled to C
extensions beside their source; an editable install (``pip install -e .``)
builds them in place.  Without a C compiler, or with ``KG_PURE_PYTHON=1``
set at install time, the package installs as pure Python, which reads every
reference the same, more slowly.  See ``kg/ingest/references/native.py``.
"""

from __future__ import annotations

import os
import sys

from setuptools import setup

NATIVE = ("crf", "fields", "names", "relabel")  # as kg/ingest/references/native.py names them


#: The setup commands that only write metadata or copy sources (pip runs the first two before the build):
#: they need no C code, and mypyc's translation takes a while.
SOURCE_ONLY = {"egg_info", "dist_info", "sdist"}


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
    extensions = mypycify([f"kg/ingest/references/{name}.py" for name in NATIVE], opt_level="3",
                          group_name="kg.ingest.references.compiled")
    for extension in extensions:
        extension.optional = True
    return extensions


setup(ext_modules=native_extensions())
