"""Reading a hand-kept monitoring sheet into a report, every bad cell named (package docs)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, BinaryIO

from lakipcore.errors import LakipError, LakipTypeError, Listing, ReportFileError, Sentence
from lakipcore.figures import NOT_TARGETED_TEXT
from lakipcore.formats.excel import workbook_content
from lakipcore.formats.excel._build import Cells
from lakipcore.formats.excel._cells import cell_text
from lakipcore.formats.excel._sheets import Grid, calamine_available, load_grids, openpyxl
from lakipcore.formats.excel.headers import fold_label, label_spellings
from lakipcore.formats.toml.loader import build_report
from lakipcore.i18n import LANGUAGES, M_, translate
from lakipcore.limits import DEFAULT_LIMITS, Limits
from lakipcore.model import (
    PeriodKind,
    Report,
    ReportPeriod,
)
from lakipcore.monitoring.workbook.layout import (
    BARE_NUMBER,
    BLOCK,
    COLUMNS,
    NA,
    PERCENT_LABELS,
    REALISATION,
    REALISATION_WORDS,
    REQUIRED,
    SCAN_ROWS,
    TARGET,
    TARGET_WORDS,
    TO_DATE_WORDS,
    Kind,
)
from lakipcore.periods import parse_period

__all__ = ["read_monitoring_workbook"]

# --- reading -----------------------------------------------------------------------------------


def _prefixes(msgid: str, words: frozenset[str]) -> set[str]:
    """The words before ``{period}`` of ``msgid`` in every language, folded, and ``words``."""
    found = {fold_label(translate(msgid, lang).split("{period}")[0]) for lang in LANGUAGES}
    return {word for word in found | words if word}


class _Reading:
    """One sheet of the monitoring layout read into the report file's data."""

    def __init__(self, grid: Grid, head: int, year: int, kind: PeriodKind, source: str) -> None:
        self.grid, self.head, self.year, self.kind, self.source = grid, head, year, kind, source
        self.cells = Cells()
        self.errors: list[LakipError] = []
        self.columns: dict[str, int] = {}
        self.targets: dict[str, int] = {}
        self.realisations: dict[str, int] = {}
        self.periods = [ReportPeriod(key) for key in _period_keys(year, kind)]
        self.annual = ReportPeriod(str(year))

    def fail(self, ref: str, message: str | Sentence) -> None:
        self.errors.append(ReportFileError(message, field=ref, source=self.source))

    def text(self, row: int, column: int | None) -> str | None:
        if column is None:
            return None
        try:
            value = self.grid.value(row, column)
            if isinstance(value, str):
                return value.strip() or None
            return cell_text(value, self.grid.format(row, column), self.grid.ref(row, column))
        except LakipError as error:
            self.errors.append(error.located(source=self.source))
            return None

    # --- the header ---------------------------------------------------------------------------

    def header(self) -> None:
        names = {key: label_spellings(msgid) for key, msgid in COLUMNS}
        targets = _prefixes(TARGET, TARGET_WORDS)
        realisations = _prefixes(REALISATION, REALISATION_WORDS)
        row = self.grid.values[self.head] if self.head < self.grid.height else []
        for column, raw in enumerate(row):
            if raw is None or not str(raw).strip():
                continue
            folded = fold_label(str(raw))
            ref = self.grid.ref(self.head, column)
            key = next((k for k, found in names.items() if folded in found), None)
            if key is not None:
                self.once(self.columns, key, column, ref)
                continue
            word, _, rest = folded.partition(" ")
            if not rest or word not in targets | realisations:
                continue  # a column of the office's own (a note, a computed capaian)
            period = self.period(rest.strip(), str(raw), ref, word in targets)
            if period is None:
                continue
            into = self.targets if word in targets else self.realisations
            self.once(into, period.key, column, ref)
        missing = [h for k, h in COLUMNS if k in REQUIRED and k not in self.columns]
        if missing:
            self.fail(
                self.grid.ref(self.head, 0),
                M_(
                    "the header row has no column {join}",
                    join=", ".join(repr(translate(m)) for m in missing),
                ),
            )
        if not any(p.key in self.targets for p in self.periods):
            self.fail(
                self.grid.ref(self.head, 0),
                M_(
                    "the header row has no target column of a period of {year} (such as {example})",
                    year=self.year,
                    example=M_(TARGET, period=self.periods[0].span.label),
                ),
            )
        for key, column in self.realisations.items():
            if key not in self.targets:
                self.fail(
                    self.grid.ref(self.head, column),
                    M_("the column has no target column of its period beside it"),
                )

    def once(self, into: dict[str, int], key: str, column: int, ref: str) -> None:
        if key in into:
            self.fail(
                ref,
                M_(
                    "the column is given twice, also at {ref}; keep one",
                    ref=self.grid.ref(self.head, into[key]),
                ),
            )
            return
        into[key] = column

    def period(self, rest: str, raw: str, ref: str, target: bool) -> ReportPeriod | None:
        """The period a ``Target …`` or ``Realisasi …`` header names: a period of the year's
        kind, or the year itself (its target only)."""
        wanted = [*self.periods, self.annual] if target else self.periods
        for period in wanted:
            if rest == period.key:
                return period
        try:
            span = parse_period(rest, field=ref)
        except LakipError:
            return None  # not a period: a column of the office's own
        for period in wanted:
            if (period.span.start, period.span.end) == (span.start, span.end):
                return period
        self.fail(
            ref,
            M_(
                "the column {header} is not for a {kind} of {year}: its periods are {keys}",
                header=repr(raw.strip()),
                kind=self.kind.value,
                year=self.year,
                keys=", ".join(p.key for p in wanted),
            ),
        )
        return None

    # --- the rows --------------------------------------------------------------------------

    def rows(self) -> list[tuple[str, str, str, int]]:
        """Each indicator row: its unit's code, name and cell, and the row."""
        found: list[tuple[str, str, str, int]] = []
        seen: dict[tuple[str, str], str] = {}
        for row in range(self.head + 1, self.grid.height):
            cells = self.grid.values[row]
            if all(c is None or (isinstance(c, str) and not c.strip()) for c in cells):
                continue
            code = self.text(row, self.columns.get("code"))
            unit = self.text(row, self.columns.get("unit"))
            where = self.columns.get("code", 0)
            if code is None or unit is None:
                column = self.columns.get("unit", 0) if unit is None else where
                self.fail(
                    self.grid.ref(row, column),
                    M_(
                        "the row has no {what} but holds other cells; fill it in, or clear the row",
                        what=translate(
                            dict(COLUMNS)["unit" if unit is None else "code"]
                        ).casefold(),
                    ),
                )
                continue
            if (unit, code) in seen:
                self.fail(
                    self.grid.ref(row, where),
                    M_(
                        "indicator {code} of unit {unit} is listed twice, also at {ref}",
                        code=repr(code),
                        unit=repr(unit),
                        ref=seen[unit, code],
                    ),
                )
                continue
            seen[unit, code] = self.grid.ref(row, where)
            name = self.text(row, self.columns.get("unit-name")) or ""
            found.append((unit, name, self.grid.ref(row, self.columns.get("unit", 0)), row))
        return found

    def label(self, row: int) -> str | None:
        return self.text(row, self.columns.get("label"))

    def figure(self, row: int, column: int, label: str | None) -> str | None:
        """A target or realisation cell as the report file writes it (module docs)."""
        text = self.text(row, column)
        return None if text is None else _labelled(text, label)

    def indicator(self, row: int, path: str) -> dict[str, Any]:
        item: dict[str, Any] = {}
        for key in ("code", "name", "to-date", "polarity", "formula", "kind", "ordinal", "phasing"):
            column = self.columns.get(key)
            value = self.text(row, column)
            if value is None or column is None:
                continue
            if key == "to-date":
                value = TO_DATE_WORDS.get(value.casefold(), value)
            item[key] = value
            self.cells[f"{path}.{key}"] = self.grid.ref(row, column)
        baseline = self.text(row, self.columns.get("baseline"))
        if baseline is not None:
            column = self.columns["baseline"]
            ref = self.grid.ref(row, column)
            year_column = self.columns.get("baseline-year")
            raw_year = None if year_column is None else self.grid.raw(row, year_column)
            item["baseline"] = {"value": _labelled(baseline, self.label(row))}
            self.cells[f"{path}.baseline"] = self.cells[f"{path}.baseline.value"] = ref
            if raw_year is not None and year_column is not None:
                year_ref = self.grid.ref(row, year_column)
                self.cells[f"{path}.baseline.year"] = year_ref
                try:
                    item["baseline"]["year"] = int(str(raw_year).strip().removesuffix(".0"))
                except ValueError:
                    self.fail(year_ref, M_("expected a year, got {value}", value=repr(raw_year)))
        return item

    def entries(self, row: int, path: str, item: dict[str, Any]) -> None:
        label = self.label(row)
        scale = self.text(row, self.columns.get("scale"))
        periods: dict[str, Any] = {}
        for key, column in self.targets.items():
            epath = f"{path}.periods.{key}"
            target = self.figure(row, column, label)
            realisation_column = self.realisations.get(key)
            realisation = (
                None if realisation_column is None else self.figure(row, realisation_column, label)
            )
            if target is None and realisation is None:
                continue
            entry: dict[str, Any] = {}
            self.cells[epath] = self.grid.ref(row, column)
            if target is not None:
                entry["target"] = target
                self.cells[f"{epath}.target"] = self.grid.ref(row, column)
            if realisation is not None and realisation_column is not None:
                entry["realisation"] = realisation
                self.cells[f"{epath}.realisation"] = self.grid.ref(row, realisation_column)
                if target is None:
                    self.cells[epath] = self.grid.ref(row, realisation_column)
            elif realisation_column is not None:
                self.cells[f"{epath}.realisation"] = self.grid.ref(row, realisation_column)
            targeted = target is not None and fold_label(target) != fold_label(NOT_TARGETED_TEXT)
            if scale is not None and targeted:
                entry["scale"] = scale
                self.cells[f"{epath}.scale"] = self.grid.ref(row, self.columns["scale"])
            periods[key] = entry
        item["periods"] = periods

    def block(self) -> dict[str, tuple[str, str]]:
        labels = {key: label_spellings(msgid) for key, msgid in BLOCK}
        found: dict[str, tuple[str, str]] = {}
        for row in range(self.head):
            raw = self.grid.raw(row, 0)
            if raw is None:
                continue
            key = next((k for k, names in labels.items() if fold_label(str(raw)) in names), None)
            value = self.text(row, 1)
            if key is not None and value is not None:
                found.setdefault(key, (value, self.grid.ref(row, 1)))
        return found

    def data(self) -> dict[str, Any]:
        self.header()
        if self.errors:
            self.raise_errors()
        block = self.block()
        units: dict[str, dict[str, Any]] = {}
        paths: dict[str, str] = {}
        rows = self.rows()
        office = self.office(block, rows)
        others: list[dict[str, Any]] = []
        for unit, name, ref, row in rows:
            if unit not in units:
                if unit == office["code"]:
                    record, path = office, "office"
                    if "office-name" not in block and name:
                        office["name"] = name
                else:
                    record, path = {"code": unit, "name": name}, f"units[{len(others)}]"
                    others.append(record)
                units[unit], paths[unit] = record, path
                self.cells[path] = self.cells[f"{path}.code"] = ref
                if "unit-name" in self.columns:
                    self.cells[f"{path}.name"] = self.grid.ref(row, self.columns["unit-name"])
                record["indicators"] = []
            record, path = units[unit], paths[unit]
            if name and record.get("name") != name and path != "office":
                self.fail(
                    self.grid.ref(row, self.columns["unit-name"]),
                    M_(
                        "unit {code} is named {name} here and {other} above",
                        code=repr(unit),
                        name=repr(name),
                        other=repr(record.get("name")),
                    ),
                )
            ipath = f"{path}.indicators[{len(record['indicators'])}]"
            self.cells[ipath] = self.grid.ref(row, self.columns.get("code", 0))
            item = self.indicator(row, ipath)
            self.entries(row, ipath, item)
            record["indicators"].append(item)
        if self.errors:
            self.raise_errors()
        method = block.get("method")
        periods = self.period_data(units.values(), method)
        if method is not None:
            for index in range(len(periods)):
                self.cells[f"periods[{index}].method"] = method[1]
        data: dict[str, Any] = {"report": {}, "periods": periods, "office": office}
        if others:
            data["units"] = others
        return data

    def office(
        self, block: Mapping[str, tuple[str, str]], rows: list[tuple[str, str, str, int]]
    ) -> dict[str, Any]:
        """The office: the block's; else the one unit of the rows; else a new office above
        the units, named after the sheet (module docs)."""
        codes = {unit for unit, _, _, _ in rows}
        code = block["office-code"][0] if "office-code" in block else None
        if code is None and len(codes) > 1:
            code = next(
                c
                for c in ("office", *(f"office-{n}" for n in range(1, len(codes) + 1)))
                if c not in codes
            )
        if code is None:
            code = rows[0][0] if rows else "office"
        office: dict[str, Any] = {"code": code, "name": self.grid.name}
        if "office-name" in block:
            office["name"] = block["office-name"][0]
            self.cells["office.name"] = block["office-name"][1]
        if "office-code" in block:
            self.cells["office.code"] = self.cells["office"] = block["office-code"][1]
        return office

    def period_data(
        self, units: Iterable[dict[str, Any]], method: tuple[str, str] | None
    ) -> list[dict[str, Any]]:
        """The periods read, and each empty realisation settled (module docs)."""
        entries: dict[str, list[dict[str, Any]]] = {}
        for unit in units:
            for indicator in unit.get("indicators", []):
                for key, entry in indicator["periods"].items():
                    entries.setdefault(key, []).append(entry)
        out: list[dict[str, Any]] = []
        for period in [*self.periods, self.annual]:
            if period.key not in self.targets:
                continue
            found = entries.get(period.key, [])
            realised = any("realisation" in e for e in found)
            item: dict[str, Any] = {"key": period.key}
            if method is not None:
                item["method"] = method[0]
            if period is self.annual or not realised:
                item["planned"] = True
            else:
                for entry in found:
                    target = entry.get("target")
                    if "realisation" in entry or target is None:
                        continue
                    if fold_label(target) != fold_label(NOT_TARGETED_TEXT):
                        entry["realisation"] = NA
            out.append(item)
        return out

    def raise_errors(self) -> None:
        errors = self.errors
        if len(errors) == 1:
            raise errors[0]
        raise ReportFileError(
            M_("{count} errors:\n{listing}", count=len(errors), listing=Listing(errors)),
            source=self.source,
            field=errors[0].field,
            errors=errors,
        )


def _labelled(text: str, label: str | None) -> str:
    """A bare number (a number cell, or text of digits) with its row's unit of measure."""
    if not label or text.endswith("%") or BARE_NUMBER.fullmatch(text) is None:
        return text
    if label.strip().casefold() in PERCENT_LABELS:
        return text + "%"
    return f"{text} {label.strip()}"


def _period_keys(year: int, kind: PeriodKind) -> list[str]:
    if kind is PeriodKind.TRIWULAN:
        return [f"{year}-tw{n}" for n in range(1, 5)]
    return [f"{year}-{n:02d}" for n in range(1, 13)]


def _kind(kind: object) -> PeriodKind:
    if isinstance(kind, PeriodKind) and kind in (PeriodKind.TRIWULAN, PeriodKind.MONTHLY):
        return kind
    if kind in ("triwulan", "monthly"):
        return PeriodKind(kind)
    raise LakipTypeError(
        M_(
            "expected the kind of periods as 'triwulan' or 'monthly', got {kind}",
            kind=repr(kind),
        ),
        field="kind",
    )


def _find(grids: Mapping[str, Grid], source: str) -> tuple[Grid, int]:
    """The first sheet with the layout's header row, and that row."""
    codes = label_spellings(dict(COLUMNS)["code"])
    units = label_spellings(dict(COLUMNS)["unit"])
    for grid in grids.values():
        for row in range(min(grid.height, SCAN_ROWS)):
            folded = {fold_label(str(c)) for c in grid.values[row] if c is not None}
            if folded & codes and folded & units:
                return grid, row
    raise ReportFileError(
        M_(
            "no sheet has the header row of the monitoring layout (the columns {unit} and "
            "{code} in one of its first {rows} rows)",
            unit=repr(translate(dict(COLUMNS)["unit"])),
            code=repr(translate(dict(COLUMNS)["code"])),
            rows=SCAN_ROWS,
        ),
        source=source,
    )


def read_monitoring_workbook(
    path: str | Path | bytes | BinaryIO,
    *,
    year: int,
    kind: Kind | PeriodKind,
    source: str | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> Report:
    """The report a sheet of the monitoring layout holds (module docs): the targets and
    realisations of the quarters (``kind="triwulan"``) or months (``"monthly"``) of ``year``,
    checked as a report file is. Every bad cell is an error naming it (``Monitoring!F7``), all
    of them raised at once (:class:`~lakipcore.ReportFileError`). ``path`` may also be the
    workbook's bytes or a binary file object (an upload). ``source`` names the workbook in
    errors and origins (default: the path, or ``workbook.xlsx`` for bytes and streams). Needs
    openpyxl (``lakipcore[excel]``)."""
    chosen = _kind(kind)
    if isinstance(year, bool) or not isinstance(year, int):
        raise LakipTypeError(
            M_("expected the year as a whole number, got {value}", value=repr(year)),
            field="year",
        )
    content, source = workbook_content(path, source, limits)
    openpyxl()  # the extra's error, when it is missing
    reader = "calamine" if calamine_available() else "openpyxl"
    grids = load_grids(content, source, reader=reader, limits=limits)
    grid, head = _find(grids, source)
    reading = _Reading(grid, head, year, chosen, source)
    data = reading.data()
    return build_report(data, source=source, locate=reading.cells, limits=limits)
