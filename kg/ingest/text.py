"""Reading input files: UTF-8 text with clear errors, and YAML with line numbers."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml

from kg.errors import InputError

LINE_KEY = "__line__"


def read_text(path: str | Path) -> str:
    """Read a UTF-8 text file, naming the file and line of any bad byte.

    Raises:
        InputError: the file is missing, unreadable or not UTF-8.
    """
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError as err:
        raise InputError(f"{path}: no such file; check the path") from err
    except OSError as err:
        raise InputError(f"{path}: cannot read ({err.strerror}); check its permissions") from err
    if b"\x00" in data[:8192]:
        raise InputError(f"{path}: looks like a binary file (NUL bytes); give a UTF-8 text file")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise InputError(
            f"{path}:{line}: not valid UTF-8 (byte 0x{data[err.start]:02x} at offset {err.start}); "
            "re-save the file as UTF-8"
        ) from err
    return text.replace("\r\n", "\n").replace("\r", "\n")


class _LineLoader(yaml.SafeLoader):
    """A safe loader that records each mapping's 1-based line under ``__line__``."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        mapping = super().construct_mapping(node, deep=deep)
        mapping[LINE_KEY] = node.start_mark.line + 1
        return mapping


_LineLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _LineLoader.construct_mapping
)


def parse_yaml(text: str, path: str) -> Any:
    """Parse YAML safely; every mapping gets its line under ``__line__``.

    Raises:
        InputError: the text is not valid YAML (with line and column).
    """
    try:
        return yaml.load(text, Loader=_LineLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        where = f"{path}:{mark.line + 1}:{mark.column + 1}" if mark else path
        context = ""
        if err.context and err.context_mark and err.context_mark is not mark:
            context = f", {err.context} at line {err.context_mark.line + 1}"
        raise InputError(f"{where}: invalid YAML ({err.problem or err.context}{context}); fix the syntax") from err
    except yaml.YAMLError as err:
        raise InputError(f"{path}: invalid YAML ({err}); fix the syntax") from err


def read_yaml(path: str | Path) -> Any:
    """Read a UTF-8 YAML file (see :func:`parse_yaml`)."""
    return parse_yaml(read_text(path), str(path))


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """A " (did you mean 'x'?)" hint, or '' when nothing is close.

    >>> did_you_mean("hopes", ["hope", "stigma"])
    " (did you mean 'hope'?)"
    """
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""
