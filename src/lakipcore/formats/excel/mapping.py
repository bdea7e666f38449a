"""The column mapping file: where a workbook's tables are when headers do not say (docs/excel.md).

```toml
[report]                      # all optional
office = "Lapas Kelas IIA Baubau"
office-code = "lapas-baubau"
method = "banten-2019"        # the scoring method of every period
main = "2022"

[[sheets]]
sheet = "Lampiran 1"          # the sheet's name
kind = "indicators"           # or "budget"; by default found from the headers
header-row = 4                # the row of the column headers (1-based)
period = "2022"               # the period when the headers name none
scale = "10"                  # the scale of index indicators (satuan Indeks, Nilai)
columns = { goal = "B", name = "C", unit-label = "D" }
periods = [{ key = "2022", target = "E", realisation = "F", capaian = "G" }]
```

Roles: ``unit``, ``goal``, ``name``, ``unit-label``, ``target``, ``realisation``, ``capaian`` for
an indicator table; ``code``, ``name``, ``pagu``, ``realisation``, ``absorption`` for a budget
table. A role given here overrides what the headers say.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any, Final

import attrs

from lakipcore.errors import ReportFileError, Sentence
from lakipcore.formats.excel._sheets import column_index
from lakipcore.formats.toml.reader import unknown_field
from lakipcore.i18n import M_

__all__ = ["Mapping", "SheetPlan", "load_mapping", "loads_mapping"]

KINDS: Final = ("indicators", "budget")
ROW_ROLES: Final = ("unit", "goal", "name", "unit-label", "code")
PERIOD_ROLES: Final = ("target", "realisation", "capaian", "pagu", "absorption")
_REPORT_KEYS: Final = frozenset({"office", "office-code", "title", "method", "main"})
_SHEET_KEYS: Final = frozenset(
    {"sheet", "kind", "header-row", "period", "scale", "programme", "unit", "columns", "periods"}
)


@attrs.frozen
class SheetPlan:
    """What the mapping says of one sheet: its kind, header row, period, columns (0-based
    indexes by role) and per-period columns (period key → role → index)."""

    sheet: str
    kind: str | None = None
    header_row: int | None = None
    period: str | None = None
    scale: str | None = None
    programme: str | None = None
    unit: str | None = None
    columns: dict[str, int] = attrs.field(factory=dict)
    periods: dict[str, dict[str, int]] = attrs.field(factory=dict)


@attrs.frozen
class Mapping:
    """A column mapping: report-level settings and a plan per sheet (none: detect them all)."""

    report: dict[str, str] = attrs.field(factory=dict)
    sheets: tuple[SheetPlan, ...] = ()

    def plan(self, sheet: str) -> SheetPlan | None:
        """The plan for ``sheet``, if the mapping names it."""
        return next((p for p in self.sheets if p.sheet == sheet), None)


def _fail(source: str, field: str, message: str | Sentence) -> ReportFileError:
    return ReportFileError(message, field=field, source=source)


def _only(table: dict[str, Any], allowed: frozenset[str], path: str, source: str) -> None:
    for key in table:
        if key not in allowed:
            raise _fail(source, f"{path}.{key}".lstrip("."), unknown_field(key, allowed))


def _text(table: dict[str, Any], key: str, path: str, source: str) -> str | None:
    value = table.get(key)
    if value is not None and not isinstance(value, str):
        raise _fail(
            source, f"{path}.{key}", M_("expected a string, got {value}", value=repr(value))
        )
    return value


def _letters(table: Any, roles: tuple[str, ...], path: str, source: str) -> dict[str, int]:
    if not isinstance(table, dict):
        raise _fail(source, path, M_("expected a table of role = column letter"))
    found = {}
    for role, letters in table.items():
        if role not in roles:
            raise _fail(
                source,
                f"{path}.{role}",
                M_("unknown role; expected one of {join}", join=", ".join(roles)),
            )
        try:
            found[role] = column_index(str(letters))
        except ValueError:
            raise _fail(
                source,
                f"{path}.{role}",
                M_("{letters} is not a column letter", letters=repr(letters)),
            ) from None
    return found


def loads_mapping(text: str, *, source: str = "<mapping>") -> Mapping:
    """Read a mapping from TOML ``text``; errors name ``source`` and the field."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ReportFileError(M_("not valid TOML: {error}", error=error), source=source) from None
    _only(data, frozenset({"report", "sheets"}), "", source)
    report = data.get("report", {})
    _only(report, _REPORT_KEYS, "report", source)
    for key in report:
        _text(report, key, "report", source)
    plans = []
    for index, item in enumerate(data.get("sheets", [])):
        path = f"sheets[{index}]"
        _only(item, _SHEET_KEYS, path, source)
        sheet = _text(item, "sheet", path, source)
        if sheet is None:
            raise _fail(source, f"{path}.sheet", M_("missing field: the sheet's name"))
        kind = _text(item, "kind", path, source)
        if kind is not None and kind not in KINDS:
            raise _fail(source, f"{path}.kind", M_("expected one of {join}", join=", ".join(KINDS)))
        header = item.get("header-row")
        if header is not None and (
            not isinstance(header, int) or isinstance(header, bool) or header < 1
        ):
            raise _fail(source, f"{path}.header-row", M_("expected a row number from 1"))
        periods = {}
        for number, entry in enumerate(item.get("periods", [])):
            ppath = f"{path}.periods[{number}]"
            key = _text(entry, "key", ppath, source)
            if key is None:
                raise _fail(source, f"{ppath}.key", M_("missing field: the period key"))
            periods[key] = _letters(
                {k: v for k, v in entry.items() if k != "key"}, PERIOD_ROLES, ppath, source
            )
        plans.append(
            SheetPlan(
                sheet,
                kind,
                header,
                _text(item, "period", path, source),
                _text(item, "scale", path, source),
                _text(item, "programme", path, source),
                _text(item, "unit", path, source),
                _letters(
                    item.get("columns", {}), ROW_ROLES + PERIOD_ROLES, f"{path}.columns", source
                ),
                periods,
            )
        )
    return Mapping(dict(report), tuple(plans))


def load_mapping(path: str | Path | None) -> Mapping:
    """Read the mapping file at ``path`` (``None``: an empty mapping, detect everything)."""
    if path is None:
        return Mapping()
    file = Path(path)
    try:
        text = file.read_text(encoding="utf-8")
    except OSError as error:
        raise ReportFileError(
            M_("cannot read the mapping: {value}", value=error.strerror or error), source=str(file)
        ) from None
    return loads_mapping(text, source=str(file))
