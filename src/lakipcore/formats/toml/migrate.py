"""Schema 1 report files: read into the schema 2 layout, losslessly.

Schema 1 held exactly two annual years (``report.year`` and ``report.previous_year``), the
methods in a ``[methods]`` table, ``years.YYYY`` blocks, and figures printed in the fixed
tables of a Kemenkumham Kanwil LAKIP. :func:`migrate_v1` rewrites such a file's data as schema
2 (periods, ``periods.KEY`` blocks, the Kanwil tables declared); units and indicators keep their
order, so :func:`v1_path` can name every field by its schema 1 path again in errors.
``lakip migrate FILE`` writes the result as a schema 2 file.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from lakipcore.i18n import M_
from lakipcore.model import KANWIL_TABLES

if TYPE_CHECKING:
    from lakipcore.formats.toml.reader import Reader, Table

__all__ = ["migrate_v1", "v1_path"]

_OFFICE_CODE = "office"


def v1_path(path: str, keys: Sequence[str] = ()) -> str:
    """The schema 1 path of a field of a migrated file (``units[0].periods.2019`` →
    ``units[0].years.2019``); ``keys`` are the migrated periods' keys, in order, so that
    ``periods[1].method`` becomes ``methods.2019``."""
    match = re.match(r"periods\[(\d+)\]", path)
    if match is not None:
        index = int(match[1])
        return f"methods.{keys[index]}" if index < len(keys) else "methods"
    if path == "office.name":
        return "report.office"
    if path == "report.main":
        return "report.year"
    return re.sub(r"(^|\.)periods\.", r"\1years.", path)


def _year(reader: Reader, key: str, path: str, years: list[int]) -> str:
    # Only the canonical ASCII spelling: '02019', '٢٠١٩' or '²' would read as some year.
    if not (key.isascii() and key.isdigit() and key == str(int(key)) and int(key) in years):
        expected = " or ".join(str(y) for y in years)
        raise reader.fail(
            f"{path}.{key}",
            M_("unknown year {key}; this report has {expected}", key=repr(key), expected=expected),
        )
    return key


def _years(reader: Reader, parent: Table, path: str, years: list[int]) -> dict[str, Any]:
    table = reader.table(parent, "years", path, required=False)
    return {_year(reader, key, f"{path}.years", years): value for key, value in table.items()}


def migrate_v1(data: Table, reader: Reader) -> dict[str, Any]:
    """The schema 2 data of a schema 1 file's ``data``."""
    reader.only(data, {"schema", "report", "methods", "office", "units"}, "")
    head = reader.table(data, "report", "")
    reader.only(head, {"title", "office", "year", "previous_year", "source"}, "report")
    year = reader.integer(head, "year", "report")
    previous = reader.integer(head, "previous_year", "report", required=False)
    if year is None:  # pragma: no cover - integer(required=True) raises instead
        raise reader.fail("report.year", M_("missing field"))
    if not 1000 <= year <= 9999:
        raise reader.fail("report.year", M_("a year has four digits, got {year}", year=year))
    if previous is not None and not 1000 <= previous < year:
        raise reader.fail(
            "report.previous_year",
            M_(
                "the previous year {previous} must come before {year}", previous=previous, year=year
            ),
        )
    years = [year] if previous is None else [previous, year]
    methods = reader.table(data, "methods", "", required=False)
    method_of = {}
    for key in methods:
        method_of[_year(reader, key, "methods", years)] = reader.required_text(
            methods, key, "methods"
        )
    periods = []
    for y in years:
        period: dict[str, Any] = {"key": str(y)}
        if str(y) in method_of:
            period["method"] = method_of[str(y)]
        periods.append(period)
    office = reader.table(data, "office", "", required=False)
    reader.only(office, {"years"}, "office")
    units = []
    for index, unit in enumerate(reader.array(data, "units", "")):
        path = f"units[{index}]"
        reader.only(unit, {"code", "name", "years", "indicators"}, path)
        migrated = {k: v for k, v in unit.items() if k not in ("years", "indicators")}
        migrated["periods"] = _years(reader, unit, path, years)
        indicators = []
        for number, indicator in enumerate(reader.array(unit, "indicators", path)):
            ipath = f"{path}.indicators[{number}]"
            moved = {k: v for k, v in indicator.items() if k != "years"}
            moved["periods"] = _years(reader, indicator, ipath, years)
            indicators.append(moved)
        if indicators:
            migrated["indicators"] = indicators
        units.append(migrated)
    if not units:
        raise reader.fail("units", M_("a report needs at least one unit"))
    report: dict[str, Any] = {"main": str(year)}
    for key in ("title", "source"):
        if key in head:
            report[key] = head[key]
    return {
        "schema": 2,
        "report": report,
        "periods": periods,
        "tables": [
            {"id": t.id, "kind": t.kind.value, **({"title": t.title} if t.title else {})}
            for t in KANWIL_TABLES
        ],
        "office": {
            "code": _OFFICE_CODE,
            "name": reader.required_text(head, "office", "report"),
            "periods": _years(reader, office, "office", years),
        },
        "units": units,
    }
