"""Writing a report, its scores and its audit to an .xlsx workbook (lakipcore's layout).

The data sheets (``Indikator``, ``Anggaran``, ``Tercetak``, ``Data dukung``, ``Unit``,
``Periode``, ``Tabel``, ``Laporan``) hold the whole report, every exact value as a text column
(``Target (teks)``) beside a number column people can sort and sum; :func:`read_workbook` reads
them back to the same report. ``Dashboard``, ``Perubahan`` and ``Temuan`` are computed: the
scores and the audit's findings. A printed figure the audit flags is filled red (an error) or
amber (a warning) in ``Tercetak`` (or in ``Data dukung`` for an evidence total), with a comment
giving the recomputed value and the reason.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from lakipcore._exact import integral
from lakipcore.figures import NOT_TARGETED_TEXT, format_as_printed, format_number
from lakipcore.formats.excel import _layout as layout
from lakipcore.formats.excel._build import inline_toml
from lakipcore.formats.excel._sheets import openpyxl
from lakipcore.formats.toml import dump_report
from lakipcore.formats.toml.writer import measure_text
from lakipcore.model import (
    BudgetLine,
    IndicatorPeriod,
    MeasureKind,
    PrintedFigure,
    Target,
    Unit,
)
from lakipcore.notation import Notation
from lakipcore.render.common import assessment_of
from lakipcore.results.assessment import Assessment
from lakipcore.rounding import places_of

__all__ = ["write_workbook"]

_FILLS = {"error": "FFC7CE", "warning": "FFEB9C"}
_HEADER_FILL = "DDEBF7"


def _number_format(value: Decimal, suffix: str = "") -> str:
    places = max(places_of(value), 0)
    return ("#,##0" + ("." + "0" * places if places else "")) + suffix


def _number(value: Decimal) -> int | float:
    # Shown numbers only: the exact value is in the text column beside it.
    return int(value) if integral(value) and value.copy_abs() < 10**15 else float(value)


class _Sheet:
    """A sheet being written: a header row, then rows appended; cells by column key."""

    def __init__(self, book: Any, title: str, columns: Sequence[tuple[str, str]]) -> None:
        self.ws = book.create_sheet(title)
        self.keys = [key for key, _ in columns]
        self.row = 1
        self.append_headers([header for _, header in columns])

    def append_headers(self, headers: Sequence[str]) -> None:
        styles = openpyxl().styles
        for column, header in enumerate(headers, 1):
            cell = self.ws.cell(self.row, column, header)
            cell.font = styles.Font(bold=True)
            cell.fill = styles.PatternFill("solid", fgColor=_HEADER_FILL)
        self.ws.freeze_panes = "A2"
        self.row += 1

    def put(self, column: int, value: object, fmt: str | None = None) -> Any:
        cell = self.ws.cell(self.row, column)
        if value is None or value == "":
            return cell
        cell.value = value
        if isinstance(value, str):
            cell.data_type = "s"  # text that starts with '=' stays text, never a formula
        if fmt is not None:
            cell.number_format = fmt
        return cell

    def add(
        self, values: dict[str, object], formats: dict[str, str] | None = None
    ) -> dict[str, Any]:
        cells = {}
        for column, key in enumerate(self.keys, 1):
            fmt = formats.get(key) if formats else None
            cells[key] = self.put(column, values.get(key), fmt)
        self.row += 1
        return cells


class _Writer:
    def __init__(self, assessment: Assessment) -> None:
        report = assessment.report
        self.report = report
        self.data = tomllib.loads(dump_report(report))  # the file's layout, for rules and tables
        self.book = openpyxl().Workbook()
        self.book.remove(self.book.active)
        self.scored = assessment.scores
        self.findings = assessment.audit_findings("write_workbook")
        # A flagged figure is found by its origin (a report read from a file or a workbook) or,
        # for one built in Python, by the figure object itself.
        self.flagged: dict[str, list[Any]] = {}
        for finding in self.findings:
            if finding.location.field is not None and finding.severity.value in _FILLS:
                self.flagged.setdefault(finding.location.field, []).append(finding)

    # --- computed sheets ---------------------------------------------------------------------

    def dashboard(self) -> None:
        sheet = _Sheet(self.book, layout.DASHBOARD, [(h, h) for h in layout.DASHBOARD_HEADERS])
        for period in self.scored.periods:
            for unit in period.root.walk():
                sheet.add(
                    dict(
                        zip(
                            layout.DASHBOARD_HEADERS,
                            (
                                period.key,
                                period.method.name,
                                unit.code,
                                unit.name,
                                *self._percents(unit.achievement, unit.absorption),
                                *self._percents(unit.performance),
                                *(
                                    None if v is None else _number(v)
                                    for v in (unit.pagu, unit.realisation)
                                ),
                            ),
                            strict=True,
                        )
                    ),
                    {
                        "Capaian kinerja": "0.00%",
                        "Penyerapan anggaran": "0.00%",
                        "Kinerja": "0.00%",
                        "Pagu": "#,##0",
                        "Realisasi": "#,##0",
                    },
                )

    @staticmethod
    def _percents(*values: Decimal | None) -> list[float | None]:
        return [None if v is None else float(v) / 100 for v in values]

    def changes(self) -> None:
        sheet = _Sheet(self.book, layout.CHANGES, [(h, h) for h in layout.CHANGE_HEADERS])
        fmt = dict.fromkeys(layout.CHANGE_HEADERS[4:], "0.00")
        for change in self.scored.changes:
            rows = [(self.report.root.code, self.report.root.name, change.office)]
            rows += [(u.code, u.name, u.change) for u in change.units]
            for code, name, values in rows:
                shown = [
                    None if v is None else float(v)
                    for v in (values.achievement, values.absorption, values.performance)
                ]
                sheet.add(
                    dict(
                        zip(
                            layout.CHANGE_HEADERS,
                            (change.earlier, change.later, code, name, *shown),
                            strict=True,
                        )
                    ),
                    fmt,
                )

    def findings_sheet(self) -> None:
        sheet = _Sheet(self.book, layout.FINDINGS, [(h, h) for h in layout.FINDING_HEADERS])
        for finding in self.findings:
            location = finding.location
            where = location.field or ""
            if location.source:
                where = (
                    f"{location.source}:{location.line}:{where}"
                    if location.line
                    else f"{location.source}:{where}"
                )
            recomputed = finding.recomputed
            cells = sheet.add(
                dict(
                    zip(
                        layout.FINDING_HEADERS,
                        (
                            finding.code.value,
                            finding.severity.value,
                            finding.subject.unit,
                            finding.subject.item,
                            finding.period,
                            where,
                            location.place,
                            finding.published,
                            None
                            if recomputed is None
                            else format_number(
                                recomputed, finding.places if finding.places is not None else 4
                            ),
                            finding.message,
                        ),
                        strict=True,
                    )
                )
            )
            fill = _FILLS.get(finding.severity.value)
            if fill:
                cells["Kode"].fill = openpyxl().styles.PatternFill("solid", fgColor=fill)

    # --- data sheets -------------------------------------------------------------------------

    def flag(self, cell: Any, figure: PrintedFigure | None, origin_path: str | None) -> str | None:
        """Highlight ``cell`` when the audit flagged the figure; the finding codes, or None."""
        path = (
            origin_path
            if origin_path is not None
            else (figure.origin.path if figure and figure.origin else None)
        )
        found = self.flagged.get(path) if path else None
        if not found:
            return None
        worst = "error" if any(f.severity.value == "error" for f in found) else "warning"
        styles = openpyxl()
        cell.fill = styles.styles.PatternFill("solid", fgColor=_FILLS[worst])
        lines = []
        for f in found:
            places = f.places if f.places is not None else 4
            value = (
                ""
                if f.recomputed is None
                else f"dihitung ulang {format_number(f.recomputed, places)}: "
            )
            lines.append(f"{f.code.value}: {value}{f.message}")
        cell.comment = styles.comments.Comment("\n".join(lines), "lakipcore")
        return ", ".join(f.code.value for f in found)

    def report_sheets(self) -> None:
        ws = self.book.create_sheet(layout.REPORT)
        ws.cell(1, 1, layout.MARKER)
        for row, (key, label) in enumerate(layout.REPORT_FIELDS, 2):
            ws.cell(row, 1, label)
            value = getattr(self.report, key)
            if isinstance(value, Notation):  # the default notation is not written
                value = None if value is Notation.INDONESIAN else value.value
            if value is not None:
                ws.cell(row, 2, value).data_type = "s"
        periods = _Sheet(self.book, layout.PERIODS, layout.PERIOD_COLUMNS)
        for period in self.report.periods:
            periods.add(
                {
                    "key": period.key,
                    "method": period.method,
                    "planned": layout.YES if period.planned else None,
                    "title": period.title,
                }
            )
        tables = _Sheet(self.book, layout.TABLES, layout.TABLE_COLUMNS)
        for table in self.report.tables:
            tables.add(
                {
                    "id": table.id,
                    "kind": table.kind.value,
                    "title": table.title,
                    "scope": table.scope.value,
                }
            )

    def units(self) -> None:
        sheet = _Sheet(self.book, layout.UNITS, layout.UNIT_COLUMNS)
        for unit in self.report.units():
            parent = self.report.parent(unit.code)
            sheet.add(
                {
                    "code": unit.code,
                    "name": unit.name,
                    "parent": None if parent is None else parent.code,
                    "periods": ", ".join(block.period for block in unit.periods),
                }
            )

    def _unit_data(self) -> Iterable[tuple[Unit, dict[str, Any]]]:
        return zip(
            self.report.units(), [self.data["office"], *self.data.get("units", [])], strict=True
        )

    def indicators(self) -> None:
        sheet = _Sheet(self.book, layout.INDICATORS, layout.INDICATOR_COLUMNS)
        for unit, data in self._unit_data():
            for indicator, idata in zip(unit.indicators, data.get("indicators", []), strict=True):
                for entry in indicator.periods:
                    edata = idata["periods"][entry.period]
                    values: dict[str, object] = {
                        "unit": unit.code,
                        "shown:unit": unit.name,
                        "code": indicator.code,
                        "goal": indicator.goal,
                        "name": indicator.name,
                        "polarity": indicator.polarity.value,
                        "formula": None if indicator.formula is None else indicator.formula.value,
                        "accumulation": None
                        if indicator.accumulation is None
                        else indicator.accumulation.value,
                        "period": entry.period,
                        "derive": inline_toml(edata["derive"]) if "derive" in edata else None,
                        "supports": inline_toml(edata["supports"]) if "supports" in edata else None,
                        "accumulate": layout.YES if entry.accumulate else None,
                    }
                    formats = self._measures(entry, values)
                    capaian = self._capaian(unit.code, indicator.code, entry.period)
                    if capaian is not None:
                        values["shown:capaian"] = float(capaian) / 100
                        formats["shown:capaian"] = "0.00%"
                    sheet.add(values, formats)

    def _measures(self, entry: IndicatorPeriod, values: dict[str, object]) -> dict[str, str]:
        formats: dict[str, str] = {}
        target = entry.target
        if not isinstance(target, Target):
            values["target"] = NOT_TARGETED_TEXT
            return formats
        values["target"] = measure_text(target, self.report.notation)
        values["label"] = "%" if target.kind is MeasureKind.PERCENT else target.unit
        if target.scale is not None:
            values["scale"] = format_as_printed(target.scale, self.report.notation)
        suffix = '"%"' if target.kind is MeasureKind.PERCENT else ""
        for key, measure in (("target", target), ("realisation", entry.realisation)):
            if measure is None:
                continue
            values[key] = measure_text(measure, self.report.notation)
            values[f"number:{key}"] = _number(measure.value)
            formats[f"number:{key}"] = _number_format(measure.value, suffix)
        return formats

    def _capaian(self, unit: str, code: str, period: str) -> Decimal | None:
        scores = self.scored.period(period)
        if not scores.has_unit(unit):
            return None
        try:
            value: Decimal | None = scores.unit(unit).indicator(code).capaian
        except KeyError:
            return None
        return value

    def budget(self) -> None:
        sheet = _Sheet(self.book, layout.BUDGET, layout.BUDGET_COLUMNS)
        for unit in self.report.units():
            for block in unit.periods:
                budget = block.budget
                base = {"unit": unit.code, "shown:unit": unit.name, "period": block.period}
                if budget is None:
                    continue
                if not isinstance(budget, BudgetLine):
                    shown = format_as_printed(budget.rate, self.report.notation)
                    sheet.add({**base, "absorption": shown + "%"})
                    continue
                for index, output in enumerate(budget.outputs):
                    rate = (
                        None if output.pagu == 0 else float(output.realisation) / float(output.pagu)
                    )
                    sheet.add(
                        {
                            **base,
                            "programme": budget.programme,
                            "code": output.code,
                            "name": output.name,
                            "number:pagu": _number(output.pagu),
                            "number:realisation": _number(output.realisation),
                            "shown:absorption": rate,
                            "pagu": format_as_printed(output.pagu, self.report.notation),
                            "realisation": format_as_printed(
                                output.realisation, self.report.notation
                            ),
                            **(self._revision_cells(budget) if index == 0 else {}),
                        },
                        {
                            "number:pagu": _number_format(output.pagu),
                            "number:realisation": _number_format(output.realisation),
                            "shown:absorption": "0.00%",
                        },
                    )

    def _revision_cells(self, budget: BudgetLine) -> dict[str, object]:
        """The programme's pagu awal, revisions (inline TOML) and RPD, on its first row."""
        n = self.report.notation
        cells: dict[str, object] = {}
        if budget.original is not None:
            cells["original"] = format_as_printed(budget.original, n)
        if budget.plan is not None:
            cells["plan"] = format_as_printed(budget.plan, n)
        if budget.revisions:
            rows = []
            for revision in budget.revisions:
                row = {"kind": revision.kind.value, "amount": format_as_printed(revision.amount, n)}
                if revision.note is not None:
                    row["note"] = revision.note
                rows.append(row)
            cells["revisions"] = inline_toml(rows)
        return cells

    def definitions(self) -> None:
        """The report's own methods, grade tables, grading and derived figures, as the
        report file holds them (one inline TOML table per row), so that they read back."""
        from lakipcore.formats.toml.derived import derived_lines  # noqa: PLC0415
        from lakipcore.formats.toml.grades import grade_table_lines  # noqa: PLC0415
        from lakipcore.formats.toml.methods import method_lines  # noqa: PLC0415
        from lakipcore.formats.toml.writer import _key, _string  # noqa: PLC0415

        report, n = self.report, self.report.notation
        rows: list[dict[str, object]] = []
        for method in report.methods:
            spec = _table_of(method_lines(method, _string, n), "methods", method.name)
            rows.append({"kind": layout.DEF_METHOD, "name": method.name, "spec": spec})
        for table in report.grade_tables:
            spec = _table_of(grade_table_lines(table, _string, n), "grades", table.name)
            rows.append({"kind": layout.DEF_GRADES, "name": table.name, "spec": spec})
        for graded, name in report.grading.items():
            rows.append({"kind": layout.DEF_GRADING, "name": graded, "spec": inline_toml(name)})
        for unit in report.units():
            for block in unit.periods:
                for figure in block.derived:
                    spec = _table_of(derived_lines(figure, "d", _string, _key, n), "d", 0)
                    rows.append(
                        {
                            "kind": layout.DEF_DERIVED,
                            "name": figure.key,
                            "unit": unit.code,
                            "period": block.period,
                            "spec": spec,
                        }
                    )
        if not rows:
            return
        sheet = _Sheet(self.book, layout.DEFINITIONS, layout.DEFINITION_COLUMNS)
        for row in rows:
            sheet.add(row)

    def printed(self) -> None:
        sheet = _Sheet(self.book, layout.PRINTED, layout.PRINTED_COLUMNS)

        def rows(figures: Iterable[PrintedFigure], base: dict[str, object]) -> None:
            for figure in figures:
                values = {
                    **base,
                    "quantity": figure.quantity.value,
                    "place": figure.place,
                    "text": figure.text,
                }
                finding = next(
                    (
                        f
                        for f in self.flagged.get((figure.origin and figure.origin.path) or "", ())
                        if f.recomputed is not None
                    ),
                    None,
                )
                if finding is not None:
                    values["shown:recomputed"] = format_number(finding.recomputed, 4)
                cells = sheet.add(values)
                codes = self.flag(cells["text"], figure, None)
                if codes:
                    cells["shown:finding"].value = codes

        for unit in self.report.units():
            for block in unit.periods:
                base: dict[str, object] = {"unit": unit.code, "period": block.period}
                rows(block.printed, base)
                budget = block.budget
                if budget is None:
                    continue
                rows(budget.printed, {**base, "item": layout.BUDGET_ITEM})
                for number, output in enumerate(getattr(budget, "outputs", ()), 1):
                    rows(output.printed, {**base, "item": f"{layout.OUTPUT_ITEM} {number}"})
            for indicator in unit.indicators:
                for entry in indicator.periods:
                    base = {"unit": unit.code, "period": entry.period, "indicator": indicator.code}
                    rows(entry.printed, base)

    def evidence(self) -> None:
        ws = self.book.create_sheet(layout.EVIDENCE)
        row = 1
        bold = openpyxl().styles.Font(bold=True)

        def put(r: int, c: int, value: object) -> Any:
            cell = ws.cell(r, c)
            if value is not None and value != "":
                cell.value = value
                if isinstance(value, str):
                    cell.data_type = "s"
            return cell

        for unit, data in self._unit_data():
            for key, block in data.get("periods", {}).items():
                model_block = unit.at(key)
                for index, table in enumerate(block.get("evidence", [])):
                    model = model_block.evidence[index] if model_block is not None else None
                    for c, value in enumerate(
                        (layout.EV_TABLE, unit.code, key, table["id"], table.get("title")), 1
                    ):
                        put(row, c, value).font = bold
                    row += 1
                    columns = table.get("columns", [])
                    put(row, 1, layout.EV_COLUMNS)
                    for c, column in enumerate(columns, 2):
                        put(row, c, column["name"]).font = bold
                    row += 1
                    put(row, 1, layout.EV_KINDS)
                    for c, column in enumerate(columns, 2):
                        spec = {k: v for k, v in column.items() if k != "name"}
                        put(row, c, inline_toml(spec) if spec else None)
                    row += 1
                    for number, cells in enumerate(table.get("rows", []), 1):
                        put(row, 1, number)
                        for c, value in enumerate(cells, 2):
                            put(row, c, value)
                        row += 1
                    for number, total in enumerate(table.get("totals", [])):
                        put(row, 1, layout.EV_TOTAL)
                        put(row, 2, inline_toml(total))
                        if model is not None and number < len(model.totals):
                            origin = model.totals[number].origin
                            if origin is not None:
                                cell = ws.cell(row, 2)
                                self.flag(cell, None, f"{origin.path}.printed") or self.flag(
                                    cell, None, origin.path
                                )
                        row += 1
                    for check in table.get("row-checks", []):
                        put(row, 1, layout.EV_ROW_CHECK)
                        put(row, 2, inline_toml(check))
                        row += 1
                    row += 1


def _table_of(lines: list[str], *path: str | int) -> str:
    """The table at ``path`` of the report-file ``lines`` (``[methods.NAME]`` and its keys), as
    an inline TOML table: the same data the report file holds, in one cell."""
    value: Any = tomllib.loads("\n".join(lines))
    for step in path:
        value = value[step]
    return inline_toml(value)


def write_workbook(assessment: Assessment, path: str | Path) -> Path:
    """Write the assessed report with its scores and audit findings to the workbook ``path``
    (.xlsx), all read from ``assessment`` (:func:`lakipcore.assess`).

    The data sheets hold the whole report, exact values as text, so :func:`read_workbook`
    gives back an equal report; ``Dashboard``, ``Perubahan`` and ``Temuan`` hold the scores
    and the findings, a flagged printed figure is filled and commented. Returns the path
    written. Needs openpyxl (``lakipcore[excel]``).
    """
    writer = _Writer(assessment_of(assessment, "write_workbook"))
    writer.dashboard()
    writer.indicators()
    writer.budget()
    writer.changes()
    writer.findings_sheet()
    writer.printed()
    writer.evidence()
    writer.units()
    writer.report_sheets()
    writer.definitions()
    target = Path(path)
    writer.book.save(target)
    return target
