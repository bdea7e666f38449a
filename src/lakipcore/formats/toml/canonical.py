"""A fast reader for report files in the shape ``dump_report`` writes, with their line index.

``tomllib`` reads any TOML, and then :class:`~lakipcore.formats.toml.reader.LineIndex` scans the
text again for the line of every table and key: together about 60 µs per indicator-year
(docs/scale.md, "Loading speed"), half of loading a national report. Most report files are in the
shape lakip itself writes (and hand written ones are close): ``[table]`` and ``[[array]]`` headers
of bare keys, and ``key = value`` lines whose value is a string (escaping at most a quote, a
backslash or a character by ``\\uXXXX``, as the writer does), an integer, a boolean, an inline table
(of those, nested) or an array of those: on one line, or one element a line between ``key = [`` and
``]``, as ``dump_report`` writes evidence rows and totals. :func:`read_canonical` reads that shape a
line at a time and builds, in one pass, the same dict ``tomllib`` would and the same line index. On
the first line outside that shape, or anything whose meaning it would have to judge (a duplicate
key, a table defined twice, dotted keys reaching into a table defined elsewhere), it gives up and
returns ``None``: the caller then reads the text with ``tomllib``, which also reports any error. So
this reader never decides what is valid TOML; tests check that what it accepts, ``tomllib`` reads
the same."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, Final

__all__ = ["read_canonical"]

_HEADER_RE: Final = re.compile(
    r"[ \t]*(\[\[?)([A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*)(\]\]?)[ \t]*(?:#.*)?"
)
_KEY_RE: Final = re.compile(r"[ \t]*([A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*)[ \t]*=[ \t]*")
_BARE_RE: Final = re.compile(r"[A-Za-z0-9_-]+")
_INT_RE: Final = re.compile(r"[+-]?(?:0|[1-9][0-9]*)")
_SPACE_RE: Final = re.compile(r"[ \t]*")
# Characters tomllib refuses outside strings or that break lines in str.splitlines() but not in
# TOML: a text holding any is left to tomllib.
_AWKWARD_RE: Final = re.compile("[\x00-\x08\x0b-\x1f\x7f\x85\u2028\u2029]")
_ENDS_VALUE: Final = frozenset(" \t,}]#")
# A basic string whose escapes are \" \\ or \uXXXX only (the others are tomllib's to read).
_ESCAPED_RE: Final = re.compile(r'"((?:[^"\\]|\\["\\]|\\u[0-9A-Fa-f]{4})*)"')
_ESCAPE_RE: Final = re.compile(r'\\["\\]|\\u[0-9A-Fa-f]{4}')
_ARRAY_DEPTH: Final = 4  # evidence rows are arrays of arrays: 2


class _NotCanonicalError(Exception):
    """The text leaves the canonical shape: tomllib reads it instead."""


def read_canonical(text: str) -> tuple[dict[str, Any], dict[str, int]] | None:
    """``(data, lines)`` for a report file in the canonical shape, else ``None``.

    ``data`` is what ``tomllib.loads(text)`` gives; ``lines`` maps each table's and key's path
    (``units[2].indicators[0].periods.2019``) to its line, as ``LineIndex`` would.
    """
    if "\r" in text:
        text = text.replace("\r\n", "\n")
    if _AWKWARD_RE.search(text) is not None:
        return None
    try:
        return _Reader().read(text)
    except _NotCanonicalError:
        return None


class _Reader:
    """One pass over the lines, keeping what TOML's table rules need to know."""

    def __init__(self) -> None:
        self.root: dict[str, Any] = {}
        self.lines: dict[str, int] = {}
        self.defined: set[int] = set()  # tables defined by a header (or a [[ ]] element)
        self.implicit: set[int] = set()  # tables a header created on its way
        self.dotted: dict[int, int] = {}  # tables dotted keys created -> the section that did
        self.frozen: set[int] = set()  # inline tables and arrays: never extended
        self.arrays: set[int] = set()  # arrays of tables made by [[ ]]

    def read(self, text: str) -> tuple[dict[str, Any], dict[str, int]]:
        table, path = self.root, ""
        self.defined.add(id(table))
        lines = iter(enumerate(text.split("\n"), 1))
        for number, line in lines:
            stripped = line.lstrip(" \t")
            if not stripped or stripped[0] == "#":
                continue
            if stripped[0] == "[":
                table, path = self._header(line)
                self.lines.setdefault(path, number)
                continue
            key = _KEY_RE.match(line)
            if key is None:
                raise _NotCanonicalError
            if line[key.end() :].rstrip(" \t") == "[":
                value, end = self._multiline_array(lines), len(line)
            else:
                value, end = _value(line, key.end(), self.frozen)
            rest = line[end:].lstrip(" \t")
            if rest and rest[0] != "#":
                raise _NotCanonicalError
            self._assign(table, key[1], value)
            self.lines.setdefault(f"{path}.{key[1]}" if path else key[1], number)
        return self.root, self.lines

    def _multiline_array(self, lines: Iterator[tuple[int, str]]) -> list[Any]:
        """The elements after ``key = [``, one whole value a line, each but the last followed
        by a comma (the last may have one too),
        up to a line that is ``]``: a value split over lines, a comment or a blank line inside
        is left to tomllib (TOML allows more there, but tomllib alone decides it)."""
        result: list[Any] = []
        self.frozen.add(id(result))
        last = False  # an element without its comma must be the last one
        for _number, line in lines:
            stripped = line.strip(" \t")
            if stripped == "]":
                return result
            if last or not stripped or stripped[0] == "#":
                raise _NotCanonicalError
            value, end = _value(stripped, 0, self.frozen)
            rest = stripped[end:].lstrip(" \t")
            if rest not in ("", ","):
                raise _NotCanonicalError
            last = not rest
            result.append(value)
        raise _NotCanonicalError  # the text ends inside the array

    def _header(self, line: str) -> tuple[dict[str, Any], str]:
        match = _HEADER_RE.fullmatch(line)
        if match is None or len(match[1]) != len(match[3]):
            raise _NotCanonicalError
        parts = match[2].split(".")
        node, path = self.root, ""
        for part in parts[:-1]:
            node, path = self._into(node, part, path)
        last = parts[-1]
        child = node.get(last)
        path = f"{path}.{last}" if path else last
        if match[1] == "[[":
            if child is None:
                child = node[last] = []
                self.arrays.add(id(child))
            elif not isinstance(child, list) or id(child) not in self.arrays:
                raise _NotCanonicalError
            element: dict[str, Any] = {}
            child.append(element)
            self.defined.add(id(element))
            return element, f"{path}[{len(child) - 1}]"
        if child is None:
            child = node[last] = {}
        elif not isinstance(child, dict) or id(child) not in self.implicit:
            raise _NotCanonicalError  # defined twice, by dotted keys, inline, or not a table
        self.implicit.discard(id(child))
        self.defined.add(id(child))
        return child, path

    def _into(self, node: dict[str, Any], part: str, path: str) -> tuple[dict[str, Any], str]:
        """The table ``part`` of ``node`` on a header's way (the last element of an array)."""
        child = node.get(part)
        path = f"{path}.{part}" if path else part
        if child is None:
            child = node[part] = {}
            self.implicit.add(id(child))
            return child, path
        if isinstance(child, list) and id(child) in self.arrays:
            return child[-1], f"{path}[{len(child) - 1}]"
        if isinstance(child, dict) and (id(child) in self.defined or id(child) in self.implicit):
            return child, path
        raise _NotCanonicalError

    def _assign(self, table: dict[str, Any], dotted: str, value: Any) -> None:
        parts = dotted.split(".")
        node = table
        for part in parts[:-1]:
            child = node.get(part)
            if child is None:
                child = node[part] = {}
                self.dotted[id(child)] = id(table)
            elif not isinstance(child, dict) or self.dotted.get(id(child)) != id(table):
                raise _NotCanonicalError  # a value, or a table defined elsewhere
            node = child
        if parts[-1] in node:
            raise _NotCanonicalError  # a duplicate key: tomllib reports it
        node[parts[-1]] = value


def _value(line: str, start: int, frozen: set[int]) -> tuple[Any, int]:
    """The value at ``line[start:]`` and where it ends."""
    first = line[start : start + 1]
    if first == "{":
        return _inline_table(line, start, frozen)
    if first == "[":
        return _array(line, start, frozen)
    return _scalar(line, start)


def _nested(line: str, at: int, frozen: set[int], depth: int) -> tuple[Any, int]:
    """A value inside an array or an inline table at ``depth``."""
    if line.startswith("{", at):
        return _inline_table(line, at, frozen, depth + 1)
    if line.startswith("[", at):
        return _array(line, at, frozen, depth + 1)
    return _scalar(line, at)


def _scalar(line: str, start: int) -> tuple[Any, int]:
    """A basic string, a boolean or a decimal integer."""
    if line.startswith('"', start):
        end = line.find('"', start + 1)
        if end < 0:
            raise _NotCanonicalError
        text = line[start + 1 : end]
        if "\\" in text:  # escapes: read strictly, below
            return _escaped(line, start)
        if not text.isprintable():
            raise _NotCanonicalError  # characters whose reading tomllib decides
        return text, end + 1
    for word, meaning in (("true", True), ("false", False)):
        if line.startswith(word, start):
            end = start + len(word)
            if end == len(line) or line[end] in _ENDS_VALUE:
                return meaning, end
            raise _NotCanonicalError
    number = _INT_RE.match(line, start)
    if number is None:
        raise _NotCanonicalError
    end = number.end()
    if end != len(line) and line[end] not in _ENDS_VALUE:
        raise _NotCanonicalError  # a float, a date, 0x1F, 1_000: tomllib's
    return int(number[0]), end


def _escaped(line: str, start: int) -> tuple[str, int]:
    """A basic string whose escapes are a quote, a backslash or a printable ``\\uXXXX``
    character (what the writer's JSON-style strings hold); any other is left to tomllib."""
    match = _ESCAPED_RE.match(line, start)
    if match is None:
        raise _NotCanonicalError
    text = _ESCAPE_RE.sub(_unescape, match[1])
    if not text.isprintable():
        raise _NotCanonicalError
    return text, match.end()


def _unescape(match: re.Match[str]) -> str:
    code = match[0]
    if len(code) == 2:  # \" or \\
        return code[1]
    value = int(code[2:], 16)
    if 0xD800 <= value <= 0xDFFF:
        raise _NotCanonicalError  # not a Unicode scalar value: tomllib refuses it
    return chr(value)


def _skip(line: str, at: int) -> int:
    match = _SPACE_RE.match(line, at)
    return at if match is None else match.end()


def _inline_table(
    line: str, start: int, frozen: set[int], depth: int = 1
) -> tuple[dict[str, Any], int]:
    """``{ key = value, ... }`` of bare keys and values (scalars, inline tables, arrays), on
    one line: a total's ``{ rule = { mean = ["ipk"] }, printed = "94,33" }``."""
    if depth > _ARRAY_DEPTH:
        raise _NotCanonicalError  # deeper than a report writes
    result: dict[str, Any] = {}
    frozen.add(id(result))
    at = _skip(line, start + 1)
    if line.startswith("}", at):
        return result, at + 1
    while True:
        key = _BARE_RE.match(line, at)
        if key is None:
            raise _NotCanonicalError
        at = _skip(line, key.end())
        if not line.startswith("=", at):
            raise _NotCanonicalError  # a dotted key, or no value
        value, at = _nested(line, _skip(line, at + 1), frozen, depth)
        if key[0] in result:
            raise _NotCanonicalError
        result[key[0]] = value
        at = _skip(line, at)
        if line.startswith("}", at):
            return result, at + 1
        if not line.startswith(",", at):
            raise _NotCanonicalError
        at = _skip(line, at + 1)


def _array(line: str, start: int, frozen: set[int], depth: int = 1) -> tuple[list[Any], int]:
    """``[value, ...]`` of scalars, inline tables and such arrays, on one line (a trailing comma
    allowed): evidence rows are ``[["JAN", "1"], ["FEB", "1"]]``."""
    if depth > _ARRAY_DEPTH:
        raise _NotCanonicalError  # deeper than a report writes: tomllib's (and its limits')
    result: list[Any] = []
    frozen.add(id(result))
    at = _skip(line, start + 1)
    while not line.startswith("]", at):
        value, at = _nested(line, at, frozen, depth)
        result.append(value)
        at = _skip(line, at)
        if line.startswith(",", at):
            at = _skip(line, at + 1)
        elif not line.startswith("]", at):
            raise _NotCanonicalError
    return result, at + 1
