"""Where a value came from: the file, the field path inside it, and the line.

The loader sets an :class:`Origin` once, on every object it builds (unit, indicator, period block,
budget, output, printed figure, evidence table, total); errors and audit findings copy it. Nothing
downstream rebuilds a path. Objects built in Python have no origin (``None``).

Paths have one style: TOML keys joined by dots, array elements by their index in the file,
``units[2].indicators[0].periods.2019.target``. A spreadsheet origin uses ``Sheet!A1`` as its path.
"""

from __future__ import annotations

from typing import Any

import attrs

__all__ = ["Origin"]


@attrs.frozen(eq=False)
class Origin:
    """A place in a source: ``source`` (a file name), ``path`` inside it, and ``line`` (1-based).

    Two origins are equal when their source, path and line are, however they were made.
    """

    source: str | None = None
    path: str | None = None
    line: int | None = None

    def child(self, key: str) -> Origin:
        """The origin of ``key`` inside this one (``key`` is ``"target"`` or ``"[3]"``)."""
        if self.path is None:
            return Origin(self.source, key.lstrip("."), None)
        return Origin(self.source, _joined(self.path, key), None)

    def within(self, key: str, line: int | None) -> Origin:
        """The origin of ``key`` inside this one, at ``line``, keeping no path of its own: its
        path is joined from this one's when asked. The loader makes one per field of a file, so
        a loaded report does not hold a path string per object (``key`` is usually shared)."""
        return _Within(self, key, line)

    def _parts(self) -> tuple[str | None, str | None, int | None]:
        return (self.source, self.path, self.line)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Origin):
            return NotImplemented
        return self._parts() == other._parts()

    def __hash__(self) -> int:
        return hash(self._parts())

    def __str__(self) -> str:
        parts = [self.source or "<report>"]
        if self.line is not None:
            parts.append(str(self.line))
        if self.path:
            parts.append(self.path)
        return ":".join(parts)


def _joined(path: str, key: str) -> str:
    return f"{path}{key}" if key.startswith("[") else f"{path}.{key}"


class _Within(Origin):
    """An :class:`Origin` inside another: the parent and a key instead of a path string."""

    __slots__ = ("_key", "_parent")
    _key: str
    _parent: Origin

    def __init__(self, parent: Origin, key: str, line: int | None) -> None:
        # Frozen: the attributes are set once, here, past attrs' frozen __setattr__.
        object.__setattr__(self, "source", parent.source)
        object.__setattr__(self, "line", line)
        object.__setattr__(self, "_parent", parent)
        object.__setattr__(self, "_key", key)

    @property  # a field of Origin, computed here instead of stored
    def path(self) -> str | None:
        parent = self._parent.path
        return self._key if parent is None else _joined(parent, self._key)

    def __repr__(self) -> str:
        return f"Origin(source={self.source!r}, path={self.path!r}, line={self.line!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        # Pickled as parent and key too, so a pickled report shares its paths' parts as well.
        return (_Within, (self._parent, self._key, self.line))
