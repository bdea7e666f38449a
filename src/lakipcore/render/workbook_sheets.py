"""The data sheets of a workbook: the report itself, as :func:`lakipcore.excel.read_workbook`
reads it back (``Indikator``, ``Anggaran``, ``Tercetak``, ``Data dukung``, ``Definisi``,
``Unit``, ``Periode``, ``Tabel``, ``Laporan``), every exact value as a text column beside a
number column people can sort and sum. The computed sheets are in
:mod:`lakipcore.render.workbook`.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from typing import Any

from lakipcore._exact import integral
from lakipcore.figures import NOT_TARGETED_TEXT, format_as_printed, format_number
from lakipcore.formats import document
from lakipcore.formats.excel import _layout as layout
from lakipcore.formats.excel._build import inline_toml
from lakipcore.formats.excel._cells import xlsx_string
from lakipcore.formats.excel._sheets import openpyxl
from lakipcore.formats.toml.notations import columns_value
from lakipcore.formats.toml.writer import measure_text
from lakipcore.model import (
    BudgetLine,
    BudgetOutput,
    Indicator,
    IndicatorPeriod,
    MeasureKind,
    Phasing,
    PlannedBudget,
    PlannedOutput,
    PrintedFigure,
    Quantity,
    Report,
    ReportedAbsorption,
    Target,
    Unit,
)
from lakipcore.notation import Notation
from lakipcore.render.common import realisation_text
from lakipcore.results.scores import IndicatorScore
from lakipcore.rounding import places_of

__all__ = [
    "COMPUTED_FILL",
    "FILLS",
    "DataSheets",
    "Sheet",
    "Widths",
    "number",
    "number_format",
    "shown_length",
]

FILLS = {"error": "FFC7CE", "warning": "FFEB9C"}
"""The fill of a cell the audit flags, by the finding's severity."""
COMPUTED_FILL = "EDEDED"
"""The fill of a realisation scoring computed (derived or accumulated), not printed."""
_HEADER_FILL = "DDEBF7"

WIDTH_CAP = 60
"""The widest a column is made, in characters: longer text is cut at the cell's edge (the
whole of it is in the cell)."""
IDENTIFYING_CAP = 30
"""The widest an identifying column (frozen at the left) is made."""
FROZEN_WIDTH = 80
"""The most characters of identifying columns frozen at the left (about 560 pixels in the
default font), so that the columns scrolled past them stay in view on a laptop."""
_WIDTH_MIN = 6
_PADDING = 2
_FILTER_BUTTON = 3  # the header's filter arrow covers its last characters


def number_format(value: Decimal, suffix: str = "") -> str:
    places = max(places_of(value), 0)
    return ("#,##0" + ("." + "0" * places if places else "")) + suffix


def number(value: Decimal) -> int | float:
    # Shown numbers only: the exact value is in the text column beside it.
    return int(value) if integral(value) and value.copy_abs() < 10**15 else float(value)


def shown_length(value: object, fmt: str | None = None) -> int:
    """About how many characters a cell shows: a text's longest line, a number as its format
    ``fmt`` writes it (``#,##0.00`` 1.234,50; ``0.00%`` 98,75%; ``General`` at most 11)."""
    if value is None:
        return 0
    if isinstance(value, str):
        return max(len(line) for line in value.split("\n"))
    if not isinstance(value, int | float) or isinstance(value, bool):
        return len(str(value))
    if fmt is None or fmt == "General":
        return min(len(format(value, ".10g")), 11)
    percent = fmt.endswith("%") and not fmt.endswith('"%"')
    shown = abs(value) * (100 if percent else 1)
    decimals = fmt.partition(".")[2]
    places = len(decimals) - len(decimals.lstrip("0"))
    grouped = "," in fmt.partition(".")[0]
    text = f"{shown:{',' if grouped else ''}.{places}f}"
    return len(text) + (value < 0) + ("%" in fmt)


class Widths:
    """The widths of a sheet's columns, each from the longest value written in it (in shown
    characters, capped), set on the sheet as they grow."""

    def __init__(self, ws: Any, caps: dict[int, int] | None = None) -> None:
        self.ws = ws
        self.caps = caps or {}
        self.chars: dict[int, int] = {}
        self.letter: Callable[[int], str] = openpyxl().utils.get_column_letter

    def see(self, column: int, value: object, fmt: str | None = None, extra: int = 0) -> bool:
        """Widen ``column`` to show ``value``; whether it grew."""
        length = min(shown_length(value, fmt) + extra, self.caps.get(column, WIDTH_CAP))
        if length <= self.chars.get(column, 0):
            return False
        self.chars[column] = length
        self.ws.column_dimensions[self.letter(column)].width = self.width(column)
        return True

    def width(self, column: int) -> int:
        return max(self.chars.get(column, 0), _WIDTH_MIN) + _PADDING


class Sheet:
    """A sheet being written: a header row, then rows appended; cells by column key.

    Its columns are as wide as their longest value (capped), a filter covers the header and
    the rows, and the header row stays in view (``freeze_panes`` below it), with the first
    ``identifying`` columns (the unit, indicator or period a row is about) frozen beside the
    rows as far as they fit in :data:`FROZEN_WIDTH`."""

    def __init__(
        self, book: Any, title: str, columns: Sequence[tuple[str, str]], identifying: int = 0
    ) -> None:
        self.ws = book.create_sheet(title)
        self.keys = [key for key, _ in columns]
        self.identifying = identifying
        self.widths = Widths(self.ws, dict.fromkeys(range(1, identifying + 1), IDENTIFYING_CAP))
        self.last = self.widths.letter(max(len(self.keys), 1))
        self.row = 1
        self.append_headers([header for _, header in columns])

    def append_headers(self, headers: Sequence[str]) -> None:
        styles = openpyxl().styles
        for column, header in enumerate(headers, 1):
            cell = self.ws.cell(self.row, column, header)
            cell.font = styles.Font(bold=True)
            cell.fill = styles.PatternFill("solid", fgColor=_HEADER_FILL)
            self.widths.see(column, header, extra=_FILTER_BUTTON)
        self.row += 1
        self.header_rows = self.row - 1
        self.freeze()
        self.ws.auto_filter.ref = f"A1:{self.last}{self.header_rows}"

    def put(self, column: int, value: object, fmt: str | None = None) -> Any:
        cell = self.ws.cell(self.row, column)
        if value is None or value == "":
            return cell
        if isinstance(value, str):
            cell.value = xlsx_string(value)
            cell.data_type = "s"  # text that starts with '=' stays text, never a formula
        else:
            cell.value = value
        if fmt is not None:
            cell.number_format = fmt
        if self.widths.see(column, value, fmt) and column <= self.identifying:
            self.freeze()
        return cell

    def set(self, cell: Any, value: str) -> None:
        """Write ``value`` into ``cell`` of a row already added (its width counts)."""
        cell.value = xlsx_string(value)
        cell.data_type = "s"
        if self.widths.see(cell.column, value) and cell.column <= self.identifying:
            self.freeze()

    def freeze(self) -> None:
        """Freeze the header rows and as many identifying columns as fit."""
        frozen, total = 0, 0
        for column in range(1, self.identifying + 1):
            total += self.widths.width(column)
            if total > FROZEN_WIDTH:
                break
            frozen = column
        self.ws.freeze_panes = f"{self.widths.letter(frozen + 1)}{self.header_rows + 1}"

    def add(
        self, values: dict[str, object], formats: dict[str, str] | None = None
    ) -> dict[str, Any]:
        cells = {}
        for column, key in enumerate(self.keys, 1):
            fmt = formats.get(key) if formats else None
            cells[key] = self.put(column, values.get(key), fmt)
        self.row += 1
        self.ws.auto_filter.ref = f"A1:{self.last}{self.row - 1}"
        return cells


class DataSheets:
    """The sheets that hold the report itself (read back by :func:`lakipcore.excel.read_workbook`):
    units, periods, tables, indicators, budgets, printed figures, evidence and definitions.

    A subclass gives :meth:`flag` (a printed figure the audit flags) and
    :meth:`indicator_score` (an indicator's capaian and the realisation scored), which the data
    sheets show beside the inputs.
    """

    report: Report
    data: dict[str, Any]
    book: Any
    flagged: dict[str, list[Any]]

    def flag(self, cell: Any, figure: PrintedFigure | None, origin_path: str | None) -> str | None:
        """Mark ``cell`` when the audit flagged the figure; the finding codes, or ``None``."""
        raise NotImplementedError

    def indicator_score(self, unit: str, code: str, period: str) -> IndicatorScore | None:
        """The score of an indicator in a period (its capaian, the realisation scored), or
        ``None``."""
        raise NotImplementedError

    def output_absorption(self, unit: str, period: str, index: int) -> Decimal | None:
        """The scored absorption of a unit's ``index``-th output in a period, or ``None``."""
        raise NotImplementedError

    def report_sheets(self) -> None:
        ws = self.book.create_sheet(layout.REPORT)
        widths = Widths(ws)
        ws.cell(1, 1, layout.MARKER)
        for row, (key, label) in enumerate(layout.REPORT_FIELDS, 2):
            ws.cell(row, 1, label)
            widths.see(1, label)
            value = getattr(self.report, key)
            if isinstance(value, Notation):  # the default notation is not written
                value = None if value is Notation.INDONESIAN else value.value
            if value is not None:
                ws.cell(row, 2, xlsx_string(value)).data_type = "s"
                widths.see(2, value)
        periods = Sheet(self.book, layout.PERIODS, layout.PERIOD_COLUMNS)
        for period in self.report.periods:
            periods.add(
                {
                    "key": period.key,
                    "method": period.method,
                    "planned": layout.YES if period.planned else None,
                    "title": period.title,
                }
            )
        tables = Sheet(self.book, layout.TABLES, layout.TABLE_COLUMNS)
        for table in self.report.tables:
            tables.add(
                {
                    "id": table.id,
                    "kind": table.kind.value,
                    "title": table.title,
                    "scope": table.scope.value,
                    "notation": None if table.notation is None else table.notation.value,
                    "columns": columns_value(table, inline_toml) if table.columns else None,
                }
            )

    def units(self) -> None:
        sheet = Sheet(self.book, layout.UNITS, layout.UNIT_COLUMNS, identifying=1)
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
        # Frozen beside the rows: the unit's code and name and the indicator's code.
        sheet = Sheet(self.book, layout.INDICATORS, layout.INDICATOR_COLUMNS, identifying=3)
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
                        "kind": "value" if indicator.plain_values else None,
                        "ordinal": indicator.ordinal,
                        "to-date": None if indicator.to_date is None else indicator.to_date.value,
                        "phasing": None
                        if indicator.phasing is Phasing.PHASED
                        else indicator.phasing.value,
                        **self._plan(indicator),
                        "period": entry.period,
                        "derive": inline_toml(edata["derive"]) if "derive" in edata else None,
                        "supports": inline_toml(edata["supports"]) if "supports" in edata else None,
                        "accumulate": layout.YES if entry.accumulate else None,
                    }
                    formats = self._measures(entry, values)
                    score = self.indicator_score(unit.code, indicator.code, entry.period)
                    if score is not None and score.capaian is not None:
                        values["shown:capaian"] = float(score.capaian) / 100
                        formats["shown:capaian"] = "0.00%"
                    computed = self._computed(entry, score, values, formats)
                    cells = sheet.add(values, formats)
                    if computed is not None:
                        _mark_computed(cells["number:realisation"], computed)

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
            values[f"number:{key}"] = number(measure.value)
            formats[f"number:{key}"] = number_format(measure.value, suffix)
        if entry.not_reported is not None:  # printed "n/a": read back as not reported
            values["realisation"] = entry.not_reported.text
        return formats

    def _plan(self, indicator: Indicator) -> dict[str, object]:
        """The Kondisi awal and Target akhir rencana cells: inline tables as the file writes
        them (``{ value = "5,14%", year = 2019 }``), read back by :func:`read_workbook`."""
        n = self.report.notation
        cells: dict[str, object] = {}
        if indicator.baseline is not None:
            value = measure_text(indicator.baseline.value, n)
            cells["baseline"] = inline_toml({"value": value, "year": indicator.baseline.year})
        if indicator.end_of_plan is not None:
            target = measure_text(indicator.end_of_plan.target, n)
            cells["end-of-plan"] = inline_toml(
                {"target": target, "year": indicator.end_of_plan.year}
            )
        return cells

    @staticmethod
    def _computed(
        entry: IndicatorPeriod,
        score: IndicatorScore | None,
        values: dict[str, object],
        formats: dict[str, str],
    ) -> str | None:
        """Show the realisation scoring computed for ``entry`` (derived from evidence or
        accumulated) in its Realisasi cell, marked in ``Realisasi dihitung`` so that
        :func:`read_workbook` does not read it back as a stated one; the cell's comment, or
        ``None`` when the realisation is stated or unknown."""
        target = entry.target
        if (
            entry.realisation is not None
            or not isinstance(target, Target)
            or score is None
            or score.realisation is None
        ):
            return None
        value = score.realisation
        if entry.derivation is not None:
            mark, source = layout.COMPUTED_DERIVED, "dihitung lakipcore dari data dukung (Derive)"
        elif entry.accumulate:
            mark = layout.COMPUTED_ACCUMULATED
            source = "diakumulasi lakipcore dari periode yang lebih pendek"
        else:
            return None
        # As other writers show a computed realisation: whole, or at 2 places.
        suffix = '"%"' if target.kind is MeasureKind.PERCENT else ""
        values["number:realisation"] = number(value)
        formats["number:realisation"] = ("#,##0" if integral(value) else "#,##0.00") + suffix
        values["computed"] = mark
        return (
            f"Realisasi ini {source}, bukan dinyatakan laporan: "
            f"{realisation_text(entry, value)}.\nSel ini tidak dibaca kembali (aturannya yang "
            "dibaca). Untuk menyatakan realisasi sendiri, kosongkan Derive (atau Akumulasi "
            "periode) dan Realisasi dihitung."
        )

    def budget(self) -> None:
        # Frozen beside the rows: the unit's code and name and the period.
        sheet = Sheet(self.book, layout.BUDGET, layout.BUDGET_COLUMNS, identifying=3)
        for unit in self.report.units():
            for block in unit.periods:
                budget = block.budget
                base = {"unit": unit.code, "shown:unit": unit.name, "period": block.period}
                if budget is None:
                    continue
                if isinstance(budget, ReportedAbsorption):
                    shown = format_as_printed(budget.rate, self.report.notation)
                    sheet.add({**base, "absorption": shown + "%"})
                    continue
                n = self.report.notation
                outputs: Sequence[BudgetOutput | PlannedOutput] = budget.outputs
                for index, output in enumerate(outputs):
                    values: dict[str, object] = {
                        **base,
                        "programme": budget.programme,
                        "code": output.code,
                        "name": output.name,
                        "number:pagu": number(output.pagu),
                        "pagu": format_as_printed(output.pagu, n),
                        **_output_cells(output, n),
                        **(self._revision_cells(budget) if index == 0 else {}),
                    }
                    formats = {"number:pagu": number_format(output.pagu)}
                    if isinstance(output, BudgetOutput):  # a planned output has none yet
                        absorption = self.output_absorption(unit.code, block.period, index)
                        values["shown:absorption"] = (
                            None if absorption is None else float(absorption) / 100
                        )
                        values["number:realisation"] = number(output.realisation)
                        values["realisation"] = format_as_printed(output.realisation, n)
                        formats["number:realisation"] = number_format(output.realisation)
                        formats["shown:absorption"] = "0.00%"
                    sheet.add(values, formats)

    def _revision_cells(self, budget: BudgetLine | PlannedBudget) -> dict[str, object]:
        """The programme's pagu awal, revisions (inline TOML), RPD and subtotal types, on its
        first row (the subtotals' printed figures are on the printed sheet)."""
        n = self.report.notation
        cells = _pagu_cells(budget, n, "")
        if budget.subtotals:
            types = [{document.TYPE: s.type.value} for s in budget.subtotals]
            cells[document.SUBTOTALS] = inline_toml(types)
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
                    lines = derived_lines(
                        figure,
                        "d",
                        _string,
                        _key,
                        n,
                        notations=lambda place: report.printed_notation(place, Quantity.VALUE),
                    )
                    spec = _table_of(lines, "d", 0)
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
        sheet = Sheet(self.book, layout.DEFINITIONS, layout.DEFINITION_COLUMNS)
        for row in rows:
            sheet.add(row)

    def printed(self) -> None:
        # Frozen beside the rows: the unit, period, indicator and part a figure is printed for.
        sheet = Sheet(self.book, layout.PRINTED, layout.PRINTED_COLUMNS, identifying=4)

        def rows(figures: Iterable[PrintedFigure], base: dict[str, object]) -> None:
            for figure in figures:
                stated = figure.notation is not self.report.printed_notation(
                    figure.place, figure.quantity
                )
                values = {
                    **base,
                    "quantity": figure.quantity.value,
                    "place": figure.place,
                    "text": figure.text,
                    "notation": figure.notation.value if stated else None,
                    "working": figure.working,
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
                    sheet.set(cells["shown:finding"], codes)

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
                for subtotal in getattr(budget, "subtotals", ()):
                    item = f"{layout.SUBTOTAL_ITEM} {subtotal.type.value}"
                    rows(subtotal.printed, {**base, "item": item})
            for indicator in unit.indicators:
                for entry in indicator.periods:
                    base = {"unit": unit.code, "period": entry.period, "indicator": indicator.code}
                    rows(entry.printed, base)

    def evidence(self) -> None:
        # Several tables one below another: no one header row to filter or freeze.
        ws = self.book.create_sheet(layout.EVIDENCE)
        widths = Widths(ws)
        row = 1
        bold = openpyxl().styles.Font(bold=True)

        def put(r: int, c: int, value: object) -> Any:
            cell = ws.cell(r, c)
            if isinstance(value, str) and value:
                cell.value = xlsx_string(value)
                cell.data_type = "s"
            elif value is not None and value != "":
                cell.value = value
            widths.see(c, value)
            return cell

        for unit, data in self._unit_data():
            for key, block in data.get("periods", {}).items():
                model_block = unit.at(key)
                for index, table in enumerate(block.get("evidence", [])):
                    model = model_block.evidence[index] if model_block is not None else None
                    head = (layout.EV_TABLE, unit.code, key, table["id"], table.get("title"))
                    # The table's own notation, only where it differs from the report's.
                    for c, value in enumerate((*head, table.get("notation")), 1):
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


def _mark_computed(cell: Any, comment: str) -> None:
    """Mark a computed realisation's cell: italic grey on a grey fill, with ``comment``."""
    styles = openpyxl()
    cell.font = styles.styles.Font(italic=True, color="595959")
    cell.fill = styles.styles.PatternFill("solid", fgColor=COMPUTED_FILL)
    cell.comment = styles.comments.Comment(comment, "lakipcore", width=320, height=110)


def _table_of(lines: list[str], *path: str | int) -> str:
    """The table at ``path`` of the report-file ``lines`` (``[methods.NAME]`` and its keys), as
    an inline TOML table: the same data the report file holds, in one cell."""
    value: Any = tomllib.loads("\n".join(lines))
    for step in path:
        value = value[step]
    return inline_toml(value)


def _pagu_cells(
    item: BudgetLine | PlannedBudget | BudgetOutput | PlannedOutput, n: Notation, prefix: str
) -> dict[str, object]:
    """The pagu awal, RPD (a percent as the file gave it) and revisions (inline TOML) of a
    programme (columns without ``prefix``) or of an output (``output-``)."""
    cells: dict[str, object] = {}
    if item.original is not None:
        cells[prefix + document.ORIGINAL] = format_as_printed(item.original, n)
    if item.plan_percent is not None:
        cells[prefix + document.PLAN] = format_as_printed(item.plan_percent, n) + "%"
    elif item.plan is not None:
        cells[prefix + document.PLAN] = format_as_printed(item.plan, n)
    if item.revisions:
        rows = []
        for revision in item.revisions:
            row = {"kind": revision.kind.value, "amount": format_as_printed(revision.amount, n)}
            if revision.note is not None:
                row["note"] = revision.note
            rows.append(row)
        cells[prefix + document.REVISIONS] = inline_toml(rows)
    return cells


def _output_cells(output: BudgetOutput | PlannedOutput, n: Notation) -> dict[str, object]:
    """An output's type of spending, pagu awal, revisions and RPD, in its own columns."""
    cells = _pagu_cells(output, n, layout.OUTPUT_PREFIX)
    if output.type is not None:
        cells[document.TYPE] = output.type.value
    return cells
