"""Writing the monitoring workbook from an assessment and its monitoring (package docs)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

from lakipcore.errors import LakipTypeError
from lakipcore.figures import NOT_TARGETED_TEXT, format_as_printed
from lakipcore.formats.excel._cells import xlsx_string
from lakipcore.formats.excel._sheets import openpyxl
from lakipcore.formats.toml.writer import measure_text
from lakipcore.i18n import M_, language, translate
from lakipcore.model import (
    Indicator,
    IndicatorPeriod,
    MeasureKind,
    PeriodKind,
    Phasing,
    Report,
    Target,
)
from lakipcore.monitoring.progress import IndicatorProgress, Monitoring
from lakipcore.monitoring.workbook.layout import (
    ALWAYS,
    BLOCK,
    COLUMNS,
    HEADER_FILL,
    MONITORING_SHEET,
    PROJECTION_FILL,
    PROJECTION_KEYS,
    REALISATION,
    RESULT_COLUMNS,
    RESULT_SHEET,
    TARGET,
    YEAR,
)
from lakipcore.notation import Notation
from lakipcore.results.assessment import Assessment
from lakipcore.rounding import Rounding, places_of, round_to

__all__ = ["write_monitoring_workbook"]

# --- writing -----------------------------------------------------------------------------------


def _realisation_text(entry: IndicatorPeriod, value: Decimal | None) -> str | None:
    """The realisation as the report file writes it: the stated one, the printed text of a
    not-reported one, or the scored value of a derived or accumulated one, exactly, with the
    target's percent sign and unit label; ``None`` when there is none."""
    if entry.realisation is not None:
        return measure_text(entry.realisation, Notation.INDONESIAN)
    if entry.not_reported is not None:
        return entry.not_reported.text
    target = entry.target
    if value is None or not isinstance(target, Target) or target.level is not None:
        return None
    text = format_as_printed(_within_digits(value), Notation.INDONESIAN)
    if target.kind is MeasureKind.PERCENT:
        text += "%"
    return f"{text} {target.unit}" if target.unit else text


# A cell the reader reads back holds at most 30 significant digits (the report file's limit); a
# quotient derived from evidence (23 / 36 × 100) has sixty, so it is written rounded half-even to
# 28, the most that is written exactly whatever its magnitude, and read back monitors the same in
# every figure shown.
_WRITTEN_DIGITS = 28


def _within_digits(value: Decimal) -> Decimal:
    """``value`` rounded half-even to at most :data:`_WRITTEN_DIGITS` significant digits
    (unchanged when it has no more)."""
    digits = value.adjusted() + 1  # digits before the decimal point (≤ 0 for 0,0…)
    places = _WRITTEN_DIGITS - max(digits, 1)
    if places < 0 or places_of(value) <= places:
        return value
    return round_to(value, places, Rounding.HALF_EVEN)


def _target_text(entry: IndicatorPeriod) -> str:
    target = entry.target
    if not isinstance(target, Target):
        return NOT_TARGETED_TEXT
    return measure_text(target, Notation.INDONESIAN)


def _targets(indicator: Indicator) -> list[Target]:
    return [e.target for e in indicator.periods if isinstance(e.target, Target)]


def _label(indicator: Indicator) -> str | None:
    for target in _targets(indicator):
        if target.kind is MeasureKind.PERCENT:
            return "%"
        if target.unit:
            return target.unit
    return None


def _scale(indicator: Indicator) -> str | None:
    for target in _targets(indicator):
        if target.scale is not None:
            return format_as_printed(target.scale, Notation.INDONESIAN)
    return None


def _fields(indicator: Indicator, item: IndicatorProgress) -> dict[str, object]:
    baseline = indicator.baseline
    return {
        "to-date": item.method.value,
        "label": _label(indicator),
        "polarity": indicator.polarity.value,
        "formula": None if indicator.formula is None else indicator.formula.value,
        "kind": MeasureKind.VALUE.value if indicator.plain_values else None,
        "ordinal": indicator.ordinal,
        "scale": _scale(indicator),
        "phasing": None if indicator.phasing is Phasing.PHASED else indicator.phasing.value,
        "baseline": None if baseline is None else measure_text(baseline.value, Notation.INDONESIAN),
        "baseline-year": None if baseline is None else baseline.year,
    }


class _Writer:
    def __init__(self, book: Any, lang: str) -> None:
        self.book, self.lang = book, lang
        module = openpyxl()
        self.styles, self.letter = module.styles, module.utils.get_column_letter

    def text(self, ws: Any, row: int, column: int, value: object) -> Any:
        cell = ws.cell(row, column)
        if value is None or value == "":
            return cell
        if isinstance(value, str):
            cell.value = xlsx_string(value)
            cell.data_type = "s"  # text that starts with '=' stays text, never a formula
        else:
            cell.value = value
        return cell

    def block(self, ws: Any, block: Mapping[str, str], year: int) -> int:
        """The block above the header row (office, method, year); the row below it."""
        row = 1
        for key, label in (*BLOCK, ("year", YEAR)):
            value: object = year if key == "year" else block.get(key)
            if value is None:
                continue
            cell = self.text(ws, row, 1, translate(label, self.lang))
            cell.font = self.styles.Font(bold=True)
            self.text(ws, row, 2, value)
            row += 1
        return row

    def header(self, ws: Any, row: int, headers: Iterable[str], fills: Mapping[int, str]) -> None:
        for column, header in enumerate(headers, 1):
            cell = self.text(ws, row, column, header)
            cell.font = self.styles.Font(bold=True)
            colour = fills.get(column, HEADER_FILL)
            cell.fill = self.styles.PatternFill("solid", fgColor=colour)
            cell.alignment = self.styles.Alignment(wrap_text=True, vertical="top")
            width = min(max(len(header), 10), 40) + 2
            ws.column_dimensions[self.letter(column)].width = width


def _block(report: Report, keys: Iterable[str]) -> dict[str, str]:
    root = report.root
    block = {"office-code": root.code, "office-name": root.name}
    methods = {report.period(key).method for key in keys}
    if len(methods) == 1 and None not in methods:
        block["method"] = str(next(iter(methods)))
    return block


def write_monitoring_workbook(
    monitoring: Monitoring,
    assessment: Assessment,
    path: str | Path,
    *,
    lang: str | None = None,
) -> Path:
    """Write ``monitoring`` of ``assessment`` to ``path`` (.xlsx) in the layout offices keep
    (module docs): the monitoring sheet, a row per indicator with the target and the
    realisation of each period of the year as the assessment's period scores have them, and
    the result sheet (capaian, status, projection marked as one). Headers are in ``lang``
    (the language in force unless given). Returns the path written. Needs openpyxl
    (``lakipcore[excel]``)."""
    if not isinstance(monitoring, Monitoring):
        raise LakipTypeError(
            M_("expected a Monitoring, got {type}", type=type(monitoring).__name__),
            field="monitoring",
        )
    if not isinstance(assessment, Assessment):
        raise LakipTypeError(
            M_("expected an Assessment, got {type}", type=type(assessment).__name__),
            field="assessment",
        )
    chosen = language(lang)
    report = assessment.report
    periods = [report.period(key) for key in monitoring.periods]
    annual = next(
        (p for p in report.periods if p.kind is PeriodKind.ANNUAL and p.year == monitoring.year),
        None,
    )
    items = [
        (report.unit(unit.code), item) for unit in monitoring.units for item in unit.indicators
    ]
    fields = [_fields(unit.indicator(item.code), item) for unit, item in items]
    used = [k for k, _ in COLUMNS if k in ALWAYS or any(f.get(k) is not None for f in fields)]
    book = openpyxl().Workbook()
    book.remove(book.active)
    writer = _Writer(book, chosen)
    ws = book.create_sheet(translate(MONITORING_SHEET, chosen))
    keys = [*monitoring.periods, *([annual.key] if annual is not None else [])]
    head = writer.block(ws, _block(report, keys), monitoring.year) + 1
    headers = [translate(dict(COLUMNS)[k], chosen) for k in used]
    has_annual = annual is not None and any(
        unit.indicator(item.code).at(annual.key) is not None for unit, item in items
    )
    if has_annual and annual is not None:
        headers.append(M_(TARGET, period=annual.span.label).render(chosen))
    for period in periods:
        headers.append(M_(TARGET, period=period.span.label).render(chosen))
        headers.append(M_(REALISATION, period=period.span.label).render(chosen))
    writer.header(ws, head, headers, {})
    for offset, ((unit, item), values) in enumerate(zip(items, fields, strict=True), 1):
        indicator = unit.indicator(item.code)
        cells: list[object] = []
        own = {"unit": unit.code, "unit-name": unit.name, "code": item.code, "name": item.name}
        cells += [own.get(k, values.get(k)) for k in used]
        if has_annual and annual is not None:
            entry = indicator.at(annual.key)
            cells.append(None if entry is None else _target_text(entry))
        for period in periods:
            entry = indicator.at(period.key)
            if entry is None:
                cells += [None, None]
                continue
            score = _score(assessment, period.key, unit.code, item.code)
            cells += [_target_text(entry), _realisation_text(entry, score)]
        for column, value in enumerate(cells, 1):
            writer.text(ws, head + offset, column, value)
    ws.freeze_panes = f"{writer.letter(5)}{head + 1}"
    _result_sheet(writer, monitoring, chosen)
    target = Path(path)
    book.save(target)
    return target


def _score(assessment: Assessment, key: str, unit: str, code: str) -> Decimal | None:
    score = assessment.scores.indicator_at(key, unit, code)
    return None if score is None else score.realisation


def _number(value: Decimal | None) -> float | int | None:
    if value is None:
        return None
    shown = round_to(value, 2)
    return int(shown) if shown == shown.to_integral_value() else float(shown)


def _result_sheet(writer: _Writer, monitoring: Monitoring, lang: str) -> None:
    ws = writer.book.create_sheet(translate(RESULT_SHEET, lang))
    keys = [k for k, _ in RESULT_COLUMNS]
    fills = {i: PROJECTION_FILL for i, k in enumerate(keys, 1) if k in PROJECTION_KEYS}
    writer.header(ws, 1, [translate(h, lang) for _, h in RESULT_COLUMNS], fills)
    italic = writer.styles.Font(italic=True)
    row = 2
    for unit in monitoring.units:
        for item in unit.indicators:
            values: dict[str, object] = {
                "unit": unit.code,
                "unit-name": unit.name,
                "code": item.code,
                "name": item.name,
                "to-date": item.method.value,
                "trajectory": item.trajectory.value,
                "used": ", ".join(item.used),
                "missing": ", ".join(item.missing),
                "annual": _number(item.annual_target),
                "target": _number(item.target_to_date),
                "realised": _number(item.realised_to_date),
                "capaian": _number(item.capaian),
                "status": translate(item.status.words, lang),
                "reason": item.reason.render(lang),
                "projection": _number(item.projection),
                "projected": _number(item.projected_capaian),
                "projection-method": None
                if item.projection_method is None
                else item.projection_method.value,
                "projection-note": None
                if item.projection_reason is None
                else item.projection_reason.render(lang),
            }
            for column, key in enumerate(keys, 1):
                cell = writer.text(ws, row, column, values[key])
                if isinstance(values[key], float | int):
                    cell.number_format = "#,##0.00"
                if key in PROJECTION_KEYS:
                    cell.font = italic  # a projection, never a realisation
            row += 1
    ws.freeze_panes = "E2"
