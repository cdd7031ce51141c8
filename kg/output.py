"""Writing outputs: deterministic serialisation and atomic file writes."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

from rdflib import Dataset, Graph

from kg.errors import OutputError
from kg.vocab import bind_prefixes

#: Formats ``kg build`` writes, with their rdflib serializer names.
GRAPH_FORMATS = {"trig": "trig", "ttl": "turtle", "jsonld": "json-ld", "nt": "nt", "nq": "nquads"}
SUFFIXES = {"trig": ".trig", "ttl": ".ttl", "jsonld": ".jsonld", "nt": ".nt", "nq": ".nq"}
#: The format a graph file's suffix names.
FORMAT_OF_SUFFIX = {suffix: name for name, suffix in SUFFIXES.items()}


def _sorted_jsonld(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _sorted_jsonld(v) for k, v in value.items()}
    if isinstance(value, list):
        items = [_sorted_jsonld(v) for v in value]
        return sorted(items, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
    return value


def serialize(graph: Graph, fmt: str = "trig") -> bytes:
    """Serialise a graph so that equal graphs give byte-identical output.

    Turtle and TriG are sorted by rdflib; N-Triples and N-Quads lines and
    JSON-LD node lists are sorted here.

    Examples:
        >>> from rdflib import URIRef, Literal
        >>> g = Graph(); _ = g.add((URIRef("urn:a"), URIRef("urn:p"), Literal("x")))
        >>> serialize(g, "nt")
        b'<urn:a> <urn:p> "x" .\\n'
    """
    if fmt not in GRAPH_FORMATS:
        raise ValueError(f"unknown graph format {fmt!r}; use one of {', '.join(GRAPH_FORMATS)}")
    if fmt in ("trig", "nq"):
        dataset = Dataset()
        bind_prefixes(dataset)
        named = dataset.graph(graph.identifier)
        for triple in graph:
            named.add(triple)
        data = dataset.serialize(format=GRAPH_FORMATS[fmt], encoding="utf-8")
    else:
        data = graph.serialize(format=GRAPH_FORMATS[fmt], encoding="utf-8")
    if fmt in ("nt", "nq"):
        lines = sorted(set(line for line in data.decode("utf-8").splitlines() if line.strip()))
        return ("\n".join(lines) + "\n").encode("utf-8")
    if fmt == "jsonld":
        doc = _sorted_jsonld(json.loads(data))
        return (json.dumps(doc, indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode("utf-8")
    return data


DEFAULT_FOLDER = Path("out")


def default_output(name: str) -> Path:
    """``out/NAME``, the output path when a command is given no ``-o``; makes ``out/``.

    Raises:
        OutputError: ``out`` exists and is not a folder, or cannot be made.
    """
    if DEFAULT_FOLDER.exists() and not DEFAULT_FOLDER.is_dir():
        raise OutputError(f"{DEFAULT_FOLDER}: is a file, so the default output {DEFAULT_FOLDER / name} cannot be "
                          "written; give -o FILE, or move that file")
    try:
        DEFAULT_FOLDER.mkdir(exist_ok=True)
    except OSError as err:
        raise OutputError(f"{DEFAULT_FOLDER}: cannot make the output folder ({err.strerror}); give -o FILE") from err
    return DEFAULT_FOLDER / name


def output_folder(path: Path) -> Path:
    """The folder ``path`` is to be written in, which must exist (a command checks it before its work).

    Raises:
        OutputError: the folder does not exist.
    """
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError(f"{path}: folder {folder} does not exist; create it or choose another output path")
    return folder


def write_atomic(path: str | Path, data: bytes | str) -> Path:
    """Write ``data`` to ``path`` through a temporary file and a rename.

    A reader never sees a half-written file, and a failure leaves any old
    file untouched.

    Raises:
        OutputError: the folder does not exist or cannot be written.
    """
    path = Path(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    folder = output_folder(path)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as err:
        raise OutputError(f"{path}: cannot write in {folder} ({err.strerror}); choose another output path") from err
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
        # mkstemp creates the file private (0600); give it the usual mode.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except OSError as err:
        Path(tmp).unlink(missing_ok=True)
        raise OutputError(f"{path}: cannot write ({err.strerror}); choose another output path") from err
    return path
