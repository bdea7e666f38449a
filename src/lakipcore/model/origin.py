"""Where a value came from: the file, the field path inside it, and the line.

The loader sets an :class:`Origin` once, on every object it builds (unit, indicator, period block,
budget, output, printed figure, evidence table, total); errors and audit findings copy it. Nothing
downstream rebuilds a path. Objects built in Python have no origin (``None``).

Paths have one style: TOML keys joined by dots, array elements by their index in the file,
``units[2].indicators[0].periods.2019.target``. A spreadsheet origin uses ``Sheet!A1`` as its path.
"""

from __future__ import annotations

import attrs

__all__ = ["Origin"]


@attrs.frozen
class Origin:
    """A place in a source: ``source`` (a file name), ``path`` inside it, and ``line`` (1-based)."""

    source: str | None = None
    path: str | None = None
    line: int | None = None

    def child(self, key: str) -> Origin:
        """The origin of ``key`` inside this one (``key`` is ``"target"`` or ``"[3]"``)."""
        if self.path is None:
            return Origin(self.source, key.lstrip("."), None)
        joiner = "" if key.startswith("[") else "."
        return Origin(self.source, f"{self.path}{joiner}{key}", None)

    def __str__(self) -> str:
        parts = [self.source or "<report>"]
        if self.line is not None:
            parts.append(str(self.line))
        if self.path:
            parts.append(self.path)
        return ":".join(parts)
