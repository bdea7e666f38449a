"""From the report-file data a workbook holds to a :class:`~lakipcore.Report`.

A workbook reader does not build model objects itself: it assembles the same data a report
file holds (docs/format.md: tables of strings) and remembers which cell each field came from.
The report-file loader then checks and builds it, so a workbook is validated exactly like a
file, every error is collected, and every origin and error names its cell (``Sheet!A1``).
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from typing import Any

from lakipcore.errors import ReportFileError
from lakipcore.formats.toml.loader import build_report
from lakipcore.i18n import M_
from lakipcore.limits import DEFAULT_LIMITS, Limits
from lakipcore.model import Report

__all__ = ["Cells", "build", "inline_toml", "read_inline"]


class Cells:
    """Which cell each field path of the data came from; a path without a cell of its own
    takes the cell of the nearest enclosing field (an indicator's, its first row's)."""

    def __init__(self) -> None:
        self._cells: dict[str, str] = {}

    def __setitem__(self, path: str, ref: str) -> None:
        self._cells.setdefault(path, ref)

    def __call__(self, path: str) -> str:
        probe = path
        while probe:
            found = self._cells.get(probe)
            if found is not None:
                return found
            cut = max(probe.rfind("."), probe.rfind("["))
            if cut <= 0:
                break
            probe = probe[:cut]
        return path


def build(
    data: dict[str, Any], cells: Cells, source: str, limits: Limits = DEFAULT_LIMITS
) -> Report:
    """Check and build the report ``data`` (the report file's layout) read from workbook
    ``source``; every error is collected and names its cell."""
    return build_report(data, source=source, locate=cells, limits=limits)


def read_inline(text: str, ref: str, source: str) -> Any:
    """A TOML inline value written in a cell (a rule ``{ sum = ["a"] }``); errors name it."""
    try:
        return tomllib.loads(f"value = {text}")["value"]
    except tomllib.TOMLDecodeError as error:
        raise ReportFileError(
            M_("not a TOML inline value ({error}): {text}", error=error, text=repr(text)),
            field=ref,
            source=source,
        ) from None


def inline_toml(value: object) -> str:
    """``value`` (strings, booleans, integers, lists and tables of them) as TOML inline text."""
    import json

    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007f")
    if isinstance(value, Mapping):
        if not value:
            return "{}"
        items = ", ".join(f"{_key(k)} = {inline_toml(v)}" for k, v in value.items())
        return f"{{ {items} }}"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(inline_toml(v) for v in value) + "]"
    raise TypeError(f"cannot write {type(value).__name__} as TOML")  # pragma: no cover


def _key(name: str) -> str:
    bare = name.replace("-", "").replace("_", "")
    return name if name and bare.isascii() and bare.isalnum() else inline_toml(name)
