"""Reading input files: UTF-8 text with clear errors, and YAML with line numbers."""

from __future__ import annotations

import datetime
import difflib
import re
import unicodedata
from collections.abc import Generator, Iterable
from pathlib import Path
from typing import Any, TypeVar

import yaml

from kg.errors import InputError
from kg.model import Problem, SourceLocation

LINE_KEY = "__line__"


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError as err:
        raise InputError(f"{path}: no such file; check the path") from err
    except IsADirectoryError as err:
        raise InputError(f"{path}: is a folder; give a file") from err
    except OSError as err:
        raise InputError(f"{path}: cannot read ({err.strerror}); check its permissions") from err


def read_text(path: str | Path) -> str:
    """Read a UTF-8 text file, naming the file and line of any bad byte.

    Raises:
        InputError: the file is missing, unreadable or not UTF-8.
    """
    path = Path(path)
    data = _read_bytes(path)
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
    return normal_text(text)


def normal_text(text: str) -> str:
    r"""Text as kg compares it: ``\n`` line ends and Unicode NFC.

    Text extracted from PDFs often spells "ä" as "a" plus a combining mark
    (NFD); composed (NFC), it matches the same name typed on a keyboard, so
    citations, quotes and queries find it.

    >>> normal_text("Ra\u0308isa\u0308nen\r\n") == "R\u00e4is\u00e4nen\n"
    True
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text if text.isascii() else unicodedata.normalize("NFC", text)


#: Leading bytes of binary formats people pass by mistake, and what they are.
_MAGIC = ((b"%PDF-", "a PDF"), (b"PK\x03\x04", "a ZIP archive (or .docx/.xlsx)"), (b"\x1f\x8b", "gzip data"),
          (b"\x89PNG", "a PNG image"), (b"GIF8", "a GIF image"), (b"\xff\xd8\xff", "a JPEG image"),
          (b"\xd0\xcf\x11\xe0", "an old Office document (.doc/.xls)"), (b"\x7fELF", "a program"))


def _utf16(data: bytes) -> str | None:
    """``data`` decoded as UTF-16 when it has a UTF-16 byte-order mark or its shape (every other byte NUL)."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        codec = "utf-16"
    else:
        sample = data[:4096]
        half = max(1, len(sample) // 2)
        odd, even = sample[1::2].count(0), sample[0::2].count(0)
        if odd > 0.4 * half and even == 0:
            codec = "utf-16-le"
        elif even > 0.4 * half and odd == 0:
            codec = "utf-16-be"
        else:
            return None
    try:
        return data.decode(codec).lstrip("\ufeff")
    except UnicodeDecodeError:
        return None


def decode_text(data: bytes, path: str = "<bytes>") -> tuple[str, tuple[Problem, ...]]:
    """Decode a text file's bytes, keeping what can be read.

    UTF-8 (with or without a byte-order mark) and UTF-16 are read as they
    are.  Lines that are not UTF-8 are read as Windows-1252 (a superset of
    Latin-1, what a legacy export usually is) and named in one warning, so
    a file with a few stray bytes is still read whole.

    Returns:
        The text, with ``\\n`` line ends, and the problems met.

    Raises:
        InputError: the data is a binary file.

    Examples:
        >>> text, problems = decode_text("Müller\\n".encode() + "Gödel\\n".encode("cp1252"), "x.txt")
        >>> text, problems[0].where.line, problems[0].message.split(";")[0]
        ('Müller\\nGödel\\n', 2, "line 2 is not UTF-8 (byte 0xf6 in 'G?del')")
    """
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise InputError(f"{path}: is {what}, not a text file; give a UTF-8 text file")
    problems: list[Problem] = []
    text = _utf16(data) if b"\x00" in data[:8192] else None
    if text is None:
        if b"\x00" in data[:8192]:
            raise InputError(f"{path}: looks like a binary file (NUL bytes); give a UTF-8 text file")
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text, problems = _mixed(data, path)
    text = normal_text(text)
    controls = sum(1 for ch in text[:8192] if ord(ch) < 32 and ch not in "\n\t\f\v" or ord(ch) == 127)
    if controls > 0.05 * min(len(text), 8192):
        what = "NUL bytes" if b"\x00" in data[:8192] else f"{controls} control characters in its first 8 KB"
        raise InputError(f"{path}: looks like a binary file ({what}); give a UTF-8 text file")
    return text, tuple(problems)


def _mixed(data: bytes, path: str) -> tuple[str, list[Problem]]:
    """Mostly UTF-8 with some legacy lines: each bad line read as Windows-1252."""
    lines = data.split(b"\n")
    bad: list[int] = []
    out: list[str] = []
    first_byte, first_sample = 0, ""
    for n, raw in enumerate(lines, start=1):
        try:
            out.append(raw.decode("utf-8-sig" if n == 1 else "utf-8"))
        except UnicodeDecodeError as err:
            if not bad:
                first_byte = raw[err.start]
                start, end = raw.rfind(b" ", 0, err.start) + 1, raw.find(b" ", err.start)
                first_sample = raw[start:end if end >= 0 else len(raw)].decode("utf-8", "replace")
                first_sample = first_sample.replace("\ufffd", "?")[:40]
            bad.append(n)
            out.append(_decode_line(raw))
    shown = ", ".join(str(n) for n in bad[:10]) + (f" and {len(bad) - 10} more" if len(bad) > 10 else "")
    which = f"line {shown} is" if len(bad) == 1 else f"lines {shown} are"
    message = (f"{which} not UTF-8 (byte 0x{first_byte:02x} in {first_sample!r}); read as Windows-1252 "
               "(Latin-1); check those lines and re-save the file as UTF-8")
    return "\n".join(out), [Problem("encoding", "warning", message, SourceLocation(path, bad[0]))]


def _decode_line(raw: bytes) -> str:
    """A line that is not UTF-8: its UTF-8 sequences read as UTF-8 (a line may mix both), other bytes as
    Windows-1252, the five bytes Windows-1252 leaves undefined as Latin-1."""
    out, i = [], 0
    for match in re.finditer(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}", raw):
        out.append(_cp1252(raw[i:match.start()]))
        try:
            out.append(match.group(0).decode("utf-8"))
        except UnicodeDecodeError:
            out.append(_cp1252(match.group(0)))
        i = match.end()
    out.append(_cp1252(raw[i:]))
    return "".join(out)


def _cp1252(raw: bytes) -> str:
    return "".join(chr(b) if b < 0x80 or b in b"\x81\x8d\x8f\x90\x9d" else bytes([b]).decode("cp1252") for b in raw)


def read_text_lenient(path: str | Path) -> tuple[str, tuple[Problem, ...]]:
    """Read a text file with :func:`decode_text`: stray legacy bytes are a warning, not an error.

    Raises:
        InputError: the file is missing, unreadable or binary.
    """
    path = Path(path)
    return decode_text(_read_bytes(path), str(path))


class _RepeatedKey(yaml.YAMLError):
    """A key given twice in one mapping; :func:`parse_yaml` turns it into an :class:`InputError`."""

    def __init__(self, key: str, mark: yaml.Mark, first: yaml.Mark) -> None:
        super().__init__(key)
        self.key, self.mark, self.first = key, mark, first


class _LoneSurrogate(yaml.YAMLError):
    """A ``\\u`` escape that gives half a character; :func:`parse_yaml` turns it into an :class:`InputError`."""

    def __init__(self, mark: yaml.Mark, half: str) -> None:
        super().__init__(half)
        self.mark, self.half = mark, half


#: Half of a UTF-16 pair: a Python string holds one when a ``\\u`` escape (YAML, JSON, Turtle) gave it.
SURROGATE = re.compile(r"[\ud800-\udfff]")


def without_lone_surrogates(text: str) -> str:
    """``text`` with each pair of halves joined into its character and each lone half
    replaced by U+FFFD, which UTF-8 can write (a lone half stops every UTF-8 writer).

    >>> without_lone_surrogates("Recovery \\ud83d Model \\ud83d\\ude00") == "Recovery \\ufffd Model \\U0001f600"
    True
    """
    if not SURROGATE.search(text):
        return text
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")


def whole_characters(text: str) -> str | None:
    """``text`` with each escaped UTF-16 pair joined into its character (YAML reads
    "\\ud83d\\ude00" as two halves of one emoji), or None when half a pair is
    left alone, which no UTF-8 file can hold.

    >>> whole_characters(chr(0xD83D) + chr(0xDE00)) == chr(0x1F600), whole_characters(chr(0xD83D) + " alone")
    (True, None)
    """
    if not SURROGATE.search(text):
        return text
    try:
        return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le")
    except UnicodeDecodeError:
        return None


class _WrittenInt(int):
    """An integer YAML read from a plain scalar, with the scalar's text as the file writes it."""

    written: str


class _WrittenFloat(float):
    """A float YAML read from a plain scalar, with the scalar's text as the file writes it."""

    written: str


class _WrittenDate(datetime.date):
    """A date YAML read from a plain scalar, with the scalar's text as the file writes it."""

    written: str


class _WrittenDatetime(datetime.datetime):
    """A date and time YAML read from a plain scalar, with the scalar's text as the file writes it."""

    written: str


class YamlList(list[Any]):
    """A YAML sequence as loaded, with the 1-based line of each item (``lines``): a mapping keeps its
    own under ``__line__``, a string or number item has nowhere else to keep it."""

    lines: tuple[int, ...] = ()


_Scalar = TypeVar("_Scalar")


def _with_text(value: _Scalar, node: yaml.ScalarNode) -> _Scalar:
    """``value`` (an int, float or date YAML read from ``node``) as the same value that also keeps
    ``node``'s text: YAML 1.1 reads ``010`` as 8, ``0x1F`` as 31, ``1_000`` as 1000 and ``12:30`` as
    750, so where a field is an identifier or text, :func:`written` gives it as typed."""
    kept: Any
    if isinstance(value, datetime.datetime):
        kept = _WrittenDatetime.combine(value.date(), value.timetz())
    elif isinstance(value, datetime.date):
        kept = _WrittenDate.fromordinal(value.toordinal())
    elif isinstance(value, float):
        kept = _WrittenFloat(value)
    elif isinstance(value, int) and not isinstance(value, bool):
        kept = _WrittenInt(value)
    else:
        return value
    kept.written = node.value
    return kept  # type: ignore[no-any-return]  # the subclass of value's own type


def written(value: Any) -> Any:
    r"""A loaded YAML value as the file writes it where YAML read it as a number or a date: the text of
    an identifier or a text field (``id: 010`` is the id "010", not 8; ``title: 2001-01-02`` the text
    "2001-01-02"); any other value as loaded.  Fields that are numbers use the value itself.

    >>> data = parse_yaml("id: 010\nn: 0x1F\nwhen: 2001-1-2\nok: yes\n", "f.yaml")
    >>> data["id"] == 8, written(data["id"]), written(data["n"]), written(data["when"]), written(data["ok"])
    (True, '010', '0x1F', '2001-1-2', True)
    """
    text = getattr(value, "written", None)
    return text if isinstance(text, str) else value


def item_line(items: list[Any], index: int, default: int = 0) -> int:
    """The 1-based line of ``items[index]`` in its file (a :class:`YamlList`), else ``default``."""
    lines = getattr(items, "lines", ())
    return int(lines[index]) if index < len(lines) else default


def yaml_hint(value: Any) -> str:
    """What to do about a value YAML 1.1 read as something else than the text it looks like, for an
    error message ('' for other values): ``yes``/``no``/``on``/``off`` are true or false, ``null``
    and ``~`` (or nothing) are empty.

    >>> yaml_hint(True).split(":")[0], yaml_hint("x")
    ('; YAML reads yes, no, on, off, true and false unquoted as true or false', '')
    """
    if isinstance(value, bool):
        return ("; YAML reads yes, no, on, off, true and false unquoted as true or false: put the value in "
                "quotes ('yes', 'off')")
    if value is None:
        return "; the value is empty (YAML reads null and ~ as empty): write it, in quotes if it is 'null'"
    return ""


#: Keys that are no keys of their own: the merge key ``<<`` (which may be repeated) and the value key ``=``.
_SPECIAL_KEY_TAGS = ("tag:yaml.org,2002:merge", "tag:yaml.org,2002:value")


class _LineLoader(yaml.SafeLoader):
    """A safe loader that records each mapping's 1-based line under ``__line__`` and each sequence's
    item lines (:class:`YamlList`), keeps the text of a number or date as written (:func:`written`),
    and refuses a key given twice in one mapping."""

    def compose_mapping_node(self, anchor: Any) -> yaml.MappingNode:
        # PyYAML keeps the last of two equal keys and drops the first without a word (a second
        # ``claims:`` block would replace the first), so repeats are refused here, on the mapping as
        # written: after composing, '<<' merges have not yet added the keys they may override.
        node = super().compose_mapping_node(anchor)
        first: dict[Any, yaml.Mark] = {}
        for key_node, _value in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag in _SPECIAL_KEY_TAGS:
                continue  # a sequence or mapping key is refused by PyYAML itself (unhashable)
            key = self.construct_object(key_node)  # the key as loaded: 'yes' and 'true' are one key
            if key in first:
                raise _RepeatedKey(key_node.value, key_node.start_mark, first[key])
            first[key] = key_node.start_mark
        return node

    def construct_scalar(self, node: yaml.ScalarNode | yaml.MappingNode) -> Any:
        # YAML's "\\ud83d" escapes give UTF-16 halves: a pair is joined, a lone half refused
        # (it would stop every UTF-8 output later, far from its line).
        value = super().construct_scalar(node)
        if isinstance(value, str) and SURROGATE.search(value):
            joined = whole_characters(value)
            if joined is None:
                half = next(c for c in value if SURROGATE.match(c))
                raise _LoneSurrogate(node.start_mark, f"U+{ord(half):04X}")
            return joined
        return value

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        mapping = super().construct_mapping(node, deep=deep)
        mapping[LINE_KEY] = node.start_mark.line + 1
        return mapping

    def construct_yaml_seq(self, node: yaml.SequenceNode) -> Generator[list[Any]]:
        data = YamlList()
        data.lines = tuple(item.start_mark.line + 1 for item in node.value)
        yield data
        data.extend(self.construct_sequence(node))

    def construct_yaml_int(self, node: yaml.ScalarNode) -> int:
        return _with_text(super().construct_yaml_int(node), node)

    def construct_yaml_float(self, node: yaml.ScalarNode) -> float:
        return _with_text(super().construct_yaml_float(node), node)

    def construct_yaml_timestamp(self, node: yaml.ScalarNode) -> datetime.date:
        return _with_text(super().construct_yaml_timestamp(node), node)


_LineLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _LineLoader.construct_mapping
)
_LineLoader.add_constructor("tag:yaml.org,2002:seq", _LineLoader.construct_yaml_seq)
_LineLoader.add_constructor("tag:yaml.org,2002:int", _LineLoader.construct_yaml_int)
_LineLoader.add_constructor("tag:yaml.org,2002:float", _LineLoader.construct_yaml_float)
_LineLoader.add_constructor("tag:yaml.org,2002:timestamp", _LineLoader.construct_yaml_timestamp)


def as_written(value: Any) -> Any:
    """A parsed YAML value without the ``__line__`` keys, to show in a message."""
    if isinstance(value, dict):
        return {k: as_written(v) for k, v in value.items() if k != LINE_KEY}
    if isinstance(value, list):
        return [as_written(v) for v in value]
    return value


def parse_yaml(text: str, path: str) -> Any:
    """Parse YAML safely; every mapping gets its line under ``__line__``.

    Raises:
        InputError: the text is not valid YAML, or a mapping gives one key twice (with line and column).
    """
    try:
        return yaml.load(normal_text(text), Loader=_LineLoader)  # noqa: S506 - a SafeLoader subclass
    except _RepeatedKey as err:
        raise InputError(
            f"{path}:{err.mark.line + 1}:{err.mark.column + 1}: key {err.key!r} is given twice in one mapping "
            f"(first at line {err.first.line + 1}); YAML keeps only the last, so merge the two or remove one"
        ) from err
    except _LoneSurrogate as err:
        raise InputError(
            f"{path}:{err.mark.line + 1}:{err.mark.column + 1}: a \\u escape gives half a character ({err.half}, "
            "a lone UTF-16 surrogate), which no UTF-8 file can hold; write the character itself, or both "
            "halves of its pair (\\ud83d\\ude00)"
        ) from err
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


def unknown_keys(mapping: dict[Any, Any], known: Iterable[str]) -> list[str]:
    """The keys of a parsed YAML mapping that are not ``known`` (nor ``__line__``), as text, sorted.

    YAML keys need not be strings (``2: x``, ``null: x``); as text they sort, and a message can name them.

    >>> unknown_keys({"id": 1, 2: "x", "outcome": [], LINE_KEY: 3}, ["id", "outcomes"])
    ['2', 'outcome']
    """
    allowed = {*known, LINE_KEY}
    return sorted(str(written(key)) for key in mapping if key not in allowed)


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """A " (did you mean 'x'?)" hint, or '' when nothing is close.

    >>> did_you_mean("hopes", ["hope", "stigma"])
    " (did you mean 'hope'?)"
    """
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""
