"""Where a value came from: the file, the field path inside it, and the line.

The loader sets an :class:`Origin` once, on every object it builds (unit, indicator, period block,
budget, output, printed figure, evidence table, total); errors and audit findings copy it. Nothing
downstream rebuilds a path. Objects built in Python have no origin (``None``).

Paths have one style: TOML keys joined by dots, array elements by their index in the file,
``units[2].indicators[0].periods.2019.target``. A spreadsheet origin uses ``Sheet!A1`` as its path.

A loaded national report holds millions of origins, so an origin the loader makes inside another
(:meth:`Origin.within`) keeps only its parent, its key (shared between origins) and its line as
an offset from its parent's: its path and line are worked out when asked, which is when an
error or a finding names them. Origin is therefore a small slotted class of its own rather
than an ``attrs`` class like the rest of the model; it is immutable all the same.
"""

from __future__ import annotations

from typing import Any

from attrs.exceptions import FrozenInstanceError

__all__ = ["Origin"]

# A line kept as its distance from its parent's line, where that is a small int: Python makes
# the ints up to 256 once, so such a line costs nothing; a larger one is a 28-byte int object.
_NEAR = 256


class Origin:
    """A place in a source: ``source`` (a file name), ``path`` inside it, and ``line`` (1-based).

    Two origins are equal when their source, path and line are, however they were made.
    """

    __slots__ = ("_key", "_line", "_parent", "_source")

    _source: str | None
    _key: str | None  # the path of an origin without a parent; else the key in the parent
    _parent: Origin | None
    _line: int | None  # the line, or with a parent its distance from the parent's line

    def __init__(
        self, source: str | None = None, path: str | None = None, line: int | None = None
    ) -> None:
        _set(self, source, path, None, line)

    @property
    def source(self) -> str | None:
        """The file (or workbook) name; ``None`` for an object built in Python."""
        return self._source

    @property
    def path(self) -> str | None:
        """The field path inside the source (``units[2].indicators[0]``), if known."""
        parent = self._parent
        if parent is None:
            return self._key
        above = parent.path
        key = self._key
        assert key is not None  # an origin within another always has its key
        return key if above is None else _joined(above, key)

    @property
    def line(self) -> int | None:
        """The 1-based line of the field, if known."""
        parent, line = self._parent, self._line
        if parent is None or line is None:
            return line
        if line < 0:
            return ~line  # kept whole (see within)
        above = parent.line
        assert above is not None  # an offset is kept only from a known line
        return above + line

    def child(self, key: str) -> Origin:
        """The origin of ``key`` inside this one (``key`` is ``"target"`` or ``"[3]"``), with no
        line of its own."""
        return Origin(self.source, self._child_path(key), None)

    def within(self, key: str, line: int | None) -> Origin:
        """The origin of ``key`` inside this one, at ``line``, keeping no path string of its own:
        its path is joined from this one's when asked. The loader makes one per field of a
        file (and shares ``key`` between them)."""
        if line is not None and line < 0:  # not a line of a file: kept as a plain origin
            return Origin(self.source, self._child_path(key), line)
        origin = object.__new__(Origin)
        above = self.line
        if line is not None and above is not None and 0 <= line - above <= _NEAR:
            kept: int | None = line - above  # a small int: shared by Python
        else:
            kept = None if line is None else ~line  # negative: the line itself, not an offset
        _set(origin, self._source, key, self, kept)
        return origin

    def _child_path(self, key: str) -> str:
        path = self.path
        return key.lstrip(".") if path is None else _joined(path, key)

    def _parts(self) -> tuple[str | None, str | None, int | None]:
        return (self.source, self.path, self.line)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Origin):
            return NotImplemented
        return self._parts() == other._parts()

    def __hash__(self) -> int:
        return hash(self._parts())

    def __setattr__(self, name: str, value: object) -> None:
        raise FrozenInstanceError

    def __delattr__(self, name: str) -> None:
        raise FrozenInstanceError

    def __repr__(self) -> str:
        return f"Origin(source={self.source!r}, path={self.path!r}, line={self.line!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        # A pickled origin keeps its parent (pickled once for all its children) and its key.
        if self._parent is None:
            return (Origin, (self._source, self._key, self._line))
        return (_within, (self._parent, self._key, self.line))

    def __str__(self) -> str:
        parts = [self.source or "<report>"]
        line = self.line
        if line is not None:
            parts.append(str(line))
        path = self.path
        if path:
            parts.append(path)
        return ":".join(parts)


def _set(
    origin: Origin, source: str | None, key: str | None, parent: Origin | None, line: int | None
) -> None:
    # The one place the slots are written, past the frozen __setattr__.
    object.__setattr__(origin, "_source", source)
    object.__setattr__(origin, "_key", key)
    object.__setattr__(origin, "_parent", parent)
    object.__setattr__(origin, "_line", line)


def _within(parent: Origin, key: str, line: int | None) -> Origin:
    return parent.within(key, line)


def _joined(path: str, key: str) -> str:
    return f"{path}{key}" if key.startswith("[") else f"{path}.{key}"
