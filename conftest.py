"""pytest's settings for the whole checkout.

pytest collects the doctests of ``kg/`` by importing each module from its
file; a module compiled by ``setup.py`` imports as its ``.so``, which pytest
refuses as a mismatch.  So while they run compiled, the compiled modules'
doctests are left to ``tests/ingest/references/test_native.py``, which runs
them from the source.
"""

from kg.ingest.references import native

collect_ignore = [f"kg/ingest/references/{name}.py" for name in native.NATIVE] if native.choose() == "compiled" else []
