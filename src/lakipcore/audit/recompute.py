"""Pair every printed figure of a report with the value recomputed from the inputs.

This is the base of the audit: :func:`recompute` walks all printed figures of a scored report and
yields, for each, the exact recomputed value; :func:`explain` says which admissible reading
(rounding of the exact value, or arithmetic on the figures printed beside it) gives the printed
text, or that none does.
"""

from __future__ import annotations

import enum
import functools
from collections.abc import Iterator, Sequence
from decimal import Decimal

import attrs

from lakipcore._exact import sub
from lakipcore.errors import FigureFormatError, LakipError
from lakipcore.figures import Figure, parse_figure
from lakipcore.model import (
    BudgetLine,
    EvidenceTable,
    Indicator,
    OfficeYear,
    Place,
    PrintedFigure,
    Quantity,
    Report,
    RowCheck,
    Rule,
    Target,
    UnitPerformance,
)
from lakipcore.model.evidence import NIL_CELLS
from lakipcore.rounding import Rounding, explaining_rounding, places_of, round_to
from lakipcore.scoring.evidence import rule_value
from lakipcore.scoring.results import (
    Change,
    IndicatorChange,
    OfficeScore,
    ReportScore,
    UnitScore,
)

__all__ = ["Reading", "Recomputed", "explain", "recompute"]

_YOY_BASE = {
    Quantity.CAPAIAN_YOY: Quantity.CAPAIAN,
    Quantity.ACHIEVEMENT_YOY: Quantity.ACHIEVEMENT,
    Quantity.PERFORMANCE_YOY: Quantity.PERFORMANCE,
}


@attrs.frozen
class Recomputed:
    """A printed figure, the exact value recomputed for it, and its context.

    ``exact`` is ``None`` when the core cannot recompute the quantity (a relative change needs
    the supporting evidence). ``low`` and ``high`` bound the value when an input is itself a
    rounded figure (a budget known only as a printed rate); otherwise both equal ``exact``.
    ``operands`` holds, for a year-on-year figure, pairs of figures printed for this year and
    last year in the same table (any table, for prose), so that a YoY computed from rounded
    figures can be recognised.
    """

    printed: PrintedFigure
    subject: str
    year: int
    exact: Decimal | None
    operands: tuple[tuple[Decimal, Decimal], ...] = ()
    low: Decimal | None = attrs.field()
    high: Decimal | None = attrs.field()

    @low.default
    def _low(self) -> Decimal | None:
        return self.exact

    @high.default
    def _high(self) -> Decimal | None:
        return self.exact


class Reading(enum.Enum):
    """How a printed figure follows from the inputs."""

    HALF_UP = "half-up"
    """The exact value rounded half-up at the printed precision."""
    TRUNCATED = "truncated"
    """The exact value truncated at the printed precision."""
    PRINTED_OPERANDS = "printed-operands"
    """A difference of the two rounded figures printed beside it (a YoY of printed figures)."""
    ROUNDED_INPUT = "rounded-input"
    """Some value within the rounding interval of a rounded input, rounded half-up."""


@functools.lru_cache(maxsize=4096)
def parsed_figure(text: str) -> Figure | None:
    """``text`` parsed as a figure, or ``None`` when malformed (cached: audits reread texts)."""
    try:
        return parse_figure(text)
    except FigureFormatError:
        return None


def _value(printed: PrintedFigure) -> Decimal | None:
    figure = parsed_figure(printed.text)
    return None if figure is None else figure.value


def _covers(printed: Decimal, low: Decimal, high: Decimal) -> bool:
    # Rounding is monotone, so the values of [low, high] round to every quantum in between.
    places = places_of(printed)
    return round_to(low, places) <= printed <= round_to(high, places)


def explain(item: Recomputed) -> Reading | None:
    """The first admissible reading that gives the printed figure, or ``None``.

    ``None`` also when the printed text is malformed or the quantity cannot be recomputed.
    """
    printed = _value(item.printed)
    if printed is None or item.exact is None:
        return None
    mode = explaining_rounding(printed, item.exact)
    if mode is Rounding.HALF_UP:
        return Reading.HALF_UP
    if mode is Rounding.TRUNCATE:
        return Reading.TRUNCATED
    for now, before in item.operands:
        if explaining_rounding(printed, sub(now, before), (Rounding.HALF_UP,)) is not None:
            return Reading.PRINTED_OPERANDS
    if item.low is not None and item.high is not None and _covers(printed, item.low, item.high):
        return Reading.ROUNDED_INPUT
    return None


def _printed_value(
    figures: Sequence[PrintedFigure], quantity: Quantity, place: Place
) -> Decimal | None:
    for figure in figures:
        if figure.quantity is quantity and figure.place is place:
            return _value(figure)
    return None


def _operands(
    printed: PrintedFigure,
    current: Sequence[PrintedFigure],
    previous: Sequence[PrintedFigure] | None,
) -> tuple[tuple[Decimal, Decimal], ...]:
    base = _YOY_BASE.get(printed.quantity)
    if base is None or previous is None:
        return ()
    places = list(Place) if printed.place is Place.PROSE else [printed.place]
    pairs: list[tuple[Decimal, Decimal]] = []
    for place in places:
        now = _printed_value(current, base, place)
        before = _printed_value(previous, base, place)
        if now is None or before is None or places_of(now) != places_of(before):
            continue
        pair = (now, before)
        if pair not in pairs:
            pairs.append(pair)
    return tuple(pairs)


def _indicator_exact(
    quantity: Quantity, indicator: Indicator, score: UnitScore, change: IndicatorChange | None
) -> Decimal | None:
    if quantity is Quantity.TARGET:
        return indicator.target.value if isinstance(indicator.target, Target) else None
    if quantity is Quantity.REALISATION:
        return score.indicator(indicator.code).realisation
    if quantity is Quantity.CAPAIAN:
        return score.indicator(indicator.code).capaian
    if quantity is Quantity.CAPAIAN_YOY:
        return None if change is None else change.points
    return None  # a relative change needs the evidence behind the realisation


# Which attribute of a score (or of its change) a year-level quantity reads.
_SCORE_ATTRIBUTE = {
    Quantity.ACHIEVEMENT: "achievement",
    Quantity.ABSORPTION: "absorption",
    Quantity.PERFORMANCE: "performance",
    Quantity.PAGU: "pagu",
    Quantity.REALISATION: "realisation",
}
_CHANGE_ATTRIBUTE = {
    Quantity.ACHIEVEMENT_YOY: "achievement",
    Quantity.PERFORMANCE_YOY: "performance",
}


def _year_exact(
    quantity: Quantity, score: UnitScore | OfficeScore, change: Change | None
) -> Decimal | None:
    attribute = _SCORE_ATTRIBUTE.get(quantity)
    if attribute is not None:
        value: Decimal | None = getattr(score, attribute)
        return value
    attribute = _CHANGE_ATTRIBUTE.get(quantity)
    if attribute is None or change is None:
        return None
    change_value: Decimal | None = getattr(change, attribute)
    return change_value


def _find_unit(office: OfficeYear | None, code: str) -> UnitPerformance | None:
    if office is None:
        return None
    return next((u for u in office.units if u.code == code), None)


def _unit_items(
    unit: UnitPerformance,
    *,
    score: UnitScore,
    change: Change | None,
    indicator_changes: dict[str, IndicatorChange],
    other: UnitPerformance | None,
    is_current: bool,
    year_level_only: bool,
) -> Iterator[Recomputed]:
    year = unit.year
    prior = other.printed if (other is not None and is_current) else None
    for printed in unit.printed:
        yield Recomputed(
            printed,
            unit.code,
            year,
            _year_exact(printed.quantity, score, change),
            _operands(printed, unit.printed, prior),
        )
    if year_level_only:
        return
    budget = unit.budget
    if isinstance(budget, BudgetLine):
        for printed in budget.printed:
            exact = {
                Quantity.PAGU: score.pagu,
                Quantity.REALISATION: score.realisation,
                Quantity.ABSORPTION: score.absorption,
            }.get(printed.quantity)
            yield Recomputed(printed, f"{unit.code} / programme", year, exact)
        for output, output_score in zip(budget.outputs, score.outputs, strict=True):
            for printed in output.printed:
                exact = {
                    Quantity.PAGU: output_score.pagu,
                    Quantity.REALISATION: output_score.realisation,
                    Quantity.ABSORPTION: output_score.absorption,
                }.get(printed.quantity)
                name = output.code or output.name
                yield Recomputed(printed, f"{unit.code} / output {name}", year, exact)
    else:
        for printed in budget.printed:
            yield Recomputed(printed, f"{unit.code} / programme", year, budget.rate)
    yield from _evidence_items(unit)
    for indicator in unit.indicators:
        before = None
        if other is not None and is_current:
            before = next((i for i in other.indicators if i.code == indicator.code), None)
        change_item = indicator_changes.get(indicator.code) if is_current else None
        for printed in indicator.printed:
            yield Recomputed(
                printed,
                f"{unit.code} / {indicator.code}",
                year,
                _indicator_exact(printed.quantity, indicator, score, change_item),
                _operands(printed, indicator.printed, before.printed if before else None),
            )


def table_path(unit: UnitPerformance, table: EvidenceTable) -> str:
    """Where a table is: its file path, or (built in Python) its unit, year and id."""
    return table.field or f"units[{unit.code}].years.{unit.year}.evidence[{table.id}]"


def _evidence_items(unit: UnitPerformance) -> Iterator[Recomputed]:
    """Printed totals of the unit's evidence tables, and their computed cells, row by row."""
    for table in unit.evidence:
        subject = f"{unit.code} / {table.id}"
        for number, item in enumerate(table.totals):
            if item.grades is not None:
                continue  # a printed grade is checked by the grade check
            printed = PrintedFigure(
                Quantity.TOTAL,
                item.place,
                item.text,
                item.field or f"{table_path(unit, table)}.totals[{number}]",
            )
            yield Recomputed(printed, subject, unit.year, rule_value(item.rule, unit.evidence))
        for check in table.row_checks:
            target = table.column(check.column)
            position = table.index(check.column)
            for row_index, row in enumerate(table.rows):
                if row[position].strip() in NIL_CELLS:
                    continue
                exact = _row_value(table, row_index, check, target.scale)
                printed = PrintedFigure(
                    Quantity.TOTAL,
                    Place.EVIDENCE,
                    row[position],
                    f"{table_path(unit, table)}.rows[{row_index}][{position}]",
                )
                yield Recomputed(printed, f"{subject} row {row_index + 1}", unit.year, exact)


def _row_value(
    table: EvidenceTable, row: int, check: RowCheck, scale: str | None
) -> Decimal | None:
    rule = Rule(
        check.op,
        table.id,
        check.of,
        (),
        scale,
    )
    single = attrs.evolve(table, rows=(table.rows[row],), totals=(), row_checks=())
    try:
        return rule_value(rule, (single,))
    except LakipError:
        return None


def recompute(
    report: Report, score: ReportScore, *, year_level_only: bool = False
) -> Iterator[Recomputed]:
    """Every printed figure of ``report`` with its value recomputed in ``score``.

    ``year_level_only`` keeps the office's and units' own figures (achievement, absorption,
    performance and their YoY), the only ones a budget's printed rate can move.
    """
    years: list[tuple[OfficeYear, OfficeScore, bool]] = [(report.current, score.current, True)]
    if report.previous is not None and score.previous is not None:
        years.append((report.previous, score.previous, False))
    for office, office_score, is_current in years:
        other_office = report.previous if is_current else report.current
        office_change = score.change if is_current else None
        prior = report.previous.printed if (is_current and report.previous) else None
        for printed in office.printed:
            yield Recomputed(
                printed,
                "office",
                office.year,
                _year_exact(printed.quantity, office_score, office_change),
                _operands(printed, office.printed, prior),
            )
        for unit, unit_score in zip(office.units, office_score.units, strict=True):
            unit_change = None
            indicator_changes: dict[str, IndicatorChange] = {}
            if is_current and score.previous is not None:
                found = next((u for u in score.units if u.code == unit.code), None)
                if found is not None:
                    unit_change = found.change
                    indicator_changes = {i.code: i for i in found.indicators}
            yield from _unit_items(
                unit,
                score=unit_score,
                change=unit_change,
                indicator_changes=indicator_changes,
                other=_find_unit(other_office, unit.code),
                is_current=is_current,
                year_level_only=year_level_only,
            )
