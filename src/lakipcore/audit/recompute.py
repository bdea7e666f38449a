"""Pair every printed figure of a report with the value recomputed from the inputs.

This is the base of the audit: :func:`recompute` walks all printed figures of a scored report and
yields, for each, the exact recomputed value; :func:`explain` says which admissible reading
(rounding of the exact value, or arithmetic on the figures printed beside it) gives the printed
text, or that none does.
"""

from __future__ import annotations

import enum
from collections.abc import Iterator, Sequence
from decimal import Decimal

import attrs

from lakipcore._exact import sub
from lakipcore.audit.budget_lines import line_figure, planned_items, subtotal_items
from lakipcore.errors import LakipError, Sentence
from lakipcore.model import (
    BudgetLine,
    EvidenceTable,
    IndicatorPeriod,
    PlannedBudget,
    PrintedFigure,
    Quantity,
    Report,
    ReportedAbsorption,
    RowCheck,
    Rule,
    TableKind,
    Target,
    Unit,
    UnitPeriod,
)
from lakipcore.model.evidence import NIL_CELLS
from lakipcore.results.findings import Subject
from lakipcore.results.scores import (
    Change,
    IndicatorChange,
    PeriodChange,
    ReportScore,
    UnitScore,
)
from lakipcore.rounding import Rounding, explaining_rounding, places_of, round_to
from lakipcore.scoring.evidence import rule_value
from lakipcore.scoring.inference import AGGREGATE_ATTRIBUTE

__all__ = ["Reading", "Recomputed", "explain", "parsed_value", "recompute"]

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
    ``reason`` says why a tried computation gave no value.
    ``operands`` holds, for a change (YoY) figure, pairs of figures printed for this period and
    the previous one in the same table (any table, for prose), so that a change computed from
    rounded figures can be recognised.
    """

    printed: PrintedFigure
    subject: Subject
    period: str
    exact: Decimal | None
    operands: tuple[tuple[Decimal, Decimal], ...] = ()
    low: Decimal | None = attrs.field()
    high: Decimal | None = attrs.field()
    reason: str | Sentence | None = attrs.field(default=None, kw_only=True)
    """Why ``exact`` is ``None``, when a computation was tried and refused."""

    @low.default
    def _low(self) -> Decimal | None:
        return self.exact

    @high.default
    def _high(self) -> Decimal | None:
        return self.exact


class Reading(enum.Enum):
    """How a printed figure follows from the inputs."""

    AS_DECLARED = "as-declared"
    """The exact value rounded at the printed precision the way the period's method says the
    report rounds (half-up unless the method names another rounding)."""
    HALF_UP = "half-up"
    """The exact value rounded half-up, where the method declares another rounding."""
    TRUNCATED = "truncated"
    """The exact value truncated at the printed precision, where the method declares another
    rounding."""
    PRINTED_OPERANDS = "printed-operands"
    """A difference of the two rounded figures printed beside it (a YoY of printed figures)."""
    ROUNDED_INPUT = "rounded-input"
    """Some value within the rounding interval of a rounded input, rounded half-up."""


_MODE_READINGS = {Rounding.HALF_UP: Reading.HALF_UP, Rounding.TRUNCATE: Reading.TRUNCATED}


def parsed_value(printed: PrintedFigure) -> Decimal | None:
    """The value ``printed`` shows, ``None`` when its text is malformed (reported on its own)."""
    figure = printed.parsed()
    return None if figure is None else figure.value


def _covers(printed: Decimal, low: Decimal, high: Decimal) -> bool:
    # Rounding is monotone, so the values of [low, high] round to every quantum in between.
    places = places_of(printed)
    return round_to(low, places) <= printed <= round_to(high, places)


def explain(item: Recomputed, declared: Rounding = Rounding.HALF_UP) -> Reading | None:
    """The first admissible reading that gives the printed figure, or ``None``.

    ``declared`` is the rounding the period's method says the report uses; it is tried first.
    ``None`` also when the printed text is malformed or the quantity cannot be recomputed.
    """
    printed = parsed_value(item.printed)
    if printed is None or item.exact is None:
        return None
    if explaining_rounding(printed, item.exact, (declared,)) is not None:
        return Reading.AS_DECLARED
    others = tuple(mode for mode in _MODE_READINGS if mode is not declared)
    mode = explaining_rounding(printed, item.exact, others)
    if mode is not None:
        return _MODE_READINGS[mode]
    for now, before in item.operands:
        if explaining_rounding(printed, sub(now, before), (Rounding.HALF_UP,)) is not None:
            return Reading.PRINTED_OPERANDS
    if item.low is not None and item.high is not None and _covers(printed, item.low, item.high):
        return Reading.ROUNDED_INPUT
    return None


def _printed_value(
    figures: Sequence[PrintedFigure], quantity: Quantity, place: str
) -> Decimal | None:
    for figure in figures:
        if figure.quantity is quantity and figure.place == place:
            return parsed_value(figure)
    return None


def _operands(
    report: Report,
    printed: PrintedFigure,
    current: Sequence[PrintedFigure],
    previous: Sequence[PrintedFigure] | None,
) -> tuple[tuple[Decimal, Decimal], ...]:
    base = _YOY_BASE.get(printed.quantity)
    if base is None or previous is None:
        return ()
    prose = report.table(printed.place).kind is TableKind.PROSE
    places = [t.id for t in report.tables] if prose else [printed.place]
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
    quantity: Quantity,
    entry: IndicatorPeriod,
    code: str,
    score: UnitScore,
    change: IndicatorChange | None,
) -> Decimal | None:
    if quantity is Quantity.TARGET:
        return entry.target.value if isinstance(entry.target, Target) else None
    if quantity is Quantity.REALISATION:
        return score.indicator(code).realisation
    if quantity is Quantity.CAPAIAN:
        return score.indicator(code).capaian
    if quantity is Quantity.CAPAIAN_YOY:
        return None if change is None else change.points
    if quantity is Quantity.CAPAIAN_END_OF_PLAN:
        return score.indicator(code).end_of_plan
    return None  # a relative change needs the evidence behind the realisation


# Which attribute of a score (or of its change) a unit-level quantity reads. A printed pagu is
# the stated (revised) one, also under a method measuring absorption against the pagu awal.
SCORE_ATTRIBUTE = {
    **AGGREGATE_ATTRIBUTE,
    Quantity.PAGU: "stated_pagu",
    Quantity.REALISATION: "realisation",
}
CHANGE_ATTRIBUTE = {
    Quantity.ACHIEVEMENT_YOY: "achievement",
    Quantity.PERFORMANCE_YOY: "performance",
}


def _unit_exact(quantity: Quantity, score: UnitScore, change: Change | None) -> Decimal | None:
    attribute = SCORE_ATTRIBUTE.get(quantity)
    if attribute is not None:
        value: Decimal | None = getattr(score, attribute)
        return value
    attribute = CHANGE_ATTRIBUTE.get(quantity)
    if attribute is None or change is None:
        return None
    change_value: Decimal | None = getattr(change, attribute)
    return change_value


# A programme row's quantities: its own programme's figures, where the unit has sub-units (the
# unit's scores are its aggregate with them); else the unit's own scores, which are the
# programme's (absorption against the pagu the method measures it against).
_PROGRAMME_ATTRIBUTE = {
    Quantity.PAGU: "pagu",
    Quantity.REALISATION: "realisation",
    Quantity.ABSORPTION: "absorption",
    Quantity.PAGU_ORIGINAL: "original",
    Quantity.ABSORPTION_ORIGINAL: "absorption_original",
    Quantity.PLAN: "plan",
    Quantity.ABSORPTION_PLAN: "absorption_plan",
}
_AGGREGATED = frozenset({Quantity.REALISATION, Quantity.ABSORPTION})
_OUTPUT_ATTRIBUTE = {
    Quantity.PAGU: "pagu",
    Quantity.REALISATION: "realisation",
    Quantity.ABSORPTION: "absorption",
}


def _budget_items(unit: Unit, block: UnitPeriod, score: UnitScore) -> Iterator[Recomputed]:
    budget, key, programme = block.budget, block.period, score.programme
    if isinstance(budget, BudgetLine) and programme is not None:
        for printed in budget.printed:
            attribute = _PROGRAMME_ATTRIBUTE.get(printed.quantity)
            own = unit.units or printed.quantity not in _AGGREGATED
            source: object = programme if own else score
            exact = None if attribute is None else getattr(source, attribute)
            if exact is None and own:  # pagu awal or RPD stated per output only: their sums
                exact = line_figure(printed.quantity, budget.outputs)
            yield Recomputed(printed, Subject(unit.code, "programme"), key, exact)
        for output, output_score in zip(budget.outputs, score.outputs, strict=True):
            for printed in output.printed:
                name = _OUTPUT_ATTRIBUTE.get(printed.quantity)
                exact = None if name is None else getattr(output_score, name)
                if name is None:  # pagu awal and RPD: the output's own (budget_lines)
                    exact = line_figure(printed.quantity, [output])
                subject = Subject(unit.code, f"output {output.code or output.name}")
                yield Recomputed(printed, subject, key, exact)
        yield from (Recomputed(*item) for item in subtotal_items(unit.code, budget, key))
    elif isinstance(budget, PlannedBudget):
        yield from (Recomputed(*item) for item in planned_items(unit.code, budget, key))
    elif isinstance(budget, ReportedAbsorption):
        for printed in budget.printed:
            yield Recomputed(printed, Subject(unit.code, "programme"), key, budget.rate)


def evidence_path(table: EvidenceTable, suffix: str) -> str | None:
    """The file path of a part of a table read from a file (``None`` for one built in Python)."""
    return None if table.origin is None or table.origin.path is None else table.origin.path + suffix


def _derived_items(unit: Unit, block: UnitPeriod, score: UnitScore) -> Iterator[Recomputed]:
    """The printed values of the block's derived figures, each against its formula."""
    for figure, derived in zip(block.derived, score.derived, strict=True):
        subject = Subject(unit.code, figure.key)
        for printed in figure.printed:
            yield Recomputed(printed, subject, block.period, derived.value, reason=derived.error)


def _evidence_items(unit: Unit, block: UnitPeriod) -> Iterator[Recomputed]:
    """Printed totals of the unit's evidence tables, and their computed cells, row by row."""
    for table in block.evidence:
        subject = Subject(unit.code, table.id)
        for item in table.totals:
            if item.grades is not None:
                continue  # a printed grade is checked by the grade check
            printed = PrintedFigure(
                Quantity.TOTAL,
                item.place or "evidence",
                item.text,
                item.origin,
                notation=table.notation,
            )
            try:
                total = rule_value(item.rule, block.evidence)
            except LakipError as error:  # e.g. a mean over no rows: a finding, not an abort
                yield Recomputed(printed, subject, block.period, None, reason=error.text)
                continue
            yield Recomputed(printed, subject, block.period, total)
        for check in table.row_checks:
            target = table.column(check.column)
            position = table.index(check.column)
            for row_index, row in enumerate(table.rows):
                if row[position].strip() in NIL_CELLS:
                    continue
                exact = _row_value(table, row_index, check, target.scale)
                origin = (
                    table.origin.child(f"rows[{row_index}][{position}]") if table.origin else None
                )
                printed = PrintedFigure(
                    Quantity.TOTAL, "evidence", row[position], origin, notation=table.notation
                )
                yield Recomputed(
                    printed,
                    Subject(unit.code, f"{table.id} row {row_index + 1}"),
                    block.period,
                    exact,
                )


def _row_value(
    table: EvidenceTable, row: int, check: RowCheck, scale: str | None
) -> Decimal | None:
    rule = Rule(check.op, table.id, check.of, (), scale)
    single = attrs.evolve(table, rows=(table.rows[row],), totals=(), row_checks=())
    try:
        return rule_value(rule, (single,))
    except LakipError:
        return None


def _changes_of(
    report: Report, unit: Unit, change: PeriodChange | None
) -> tuple[Change | None, dict[str, IndicatorChange]]:
    """The unit's change in ``change``, and its indicators' by code."""
    if change is None:
        return None, {}
    if unit is report.root:
        return change.office, {i.code: i for i in change.indicators}
    try:
        found = change.unit(unit.code)
    except KeyError:
        return None, {}
    return found.change, {i.code: i for i in found.indicators}


def _block_items(
    report: Report,
    unit: Unit,
    block: UnitPeriod,
    *,
    prior: Sequence[PrintedFigure] | None,
    score: UnitScore,
    change: Change | None,
) -> Iterator[Recomputed]:
    """The figures printed for the unit itself in one period (its dashboard row)."""
    for printed in block.printed:
        exact = _unit_exact(printed.quantity, score, change)
        yield Recomputed(
            printed,
            Subject(unit.code),
            block.period,
            exact,
            _operands(report, printed, block.printed, prior),
            reason=None if exact is not None else _gap(score, printed.quantity),
        )


def _gap(score: UnitScore, quantity: Quantity) -> str | None:
    """Why the scores have no value for a unit figure (its gap, as ``quantity: reason``)."""
    attribute = SCORE_ATTRIBUTE.get(quantity)
    prefix = f"{attribute}: "
    for gap in score.gaps:
        if gap.startswith(prefix):
            return gap.removeprefix(prefix)
    return None


def _unit_items(
    report: Report,
    unit: Unit,
    key: str,
    score: UnitScore,
    change: PeriodChange | None,
    *,
    year_level_only: bool,
) -> Iterator[Recomputed]:
    earlier = None if change is None else change.earlier
    unit_change, indicator_changes = _changes_of(report, unit, change)
    block = unit.at(key)
    if block is not None:
        prior_block = None if earlier is None else unit.at(earlier)
        prior = None if prior_block is None else prior_block.printed
        yield from _block_items(
            report,
            unit,
            block,
            prior=prior,
            score=score,
            change=unit_change,
        )
    if year_level_only:
        return
    if block is not None:
        yield from _budget_items(unit, block, score)
        yield from _evidence_items(unit, block)
        yield from _derived_items(unit, block, score)
    for indicator in unit.indicators:
        entry = indicator.at(key)
        if entry is None:
            continue
        before = None if earlier is None else indicator.at(earlier)
        for printed in entry.printed:
            if printed.quantity is Quantity.GRADE:
                continue  # a predikat is text, checked by the grade check
            yield Recomputed(
                printed,
                Subject(unit.code, indicator.code),
                key,
                _indicator_exact(
                    printed.quantity,
                    entry,
                    indicator.code,
                    score,
                    indicator_changes.get(indicator.code),
                ),
                _operands(report, printed, entry.printed, before.printed if before else None),
            )


def recompute(
    report: Report, score: ReportScore, *, year_level_only: bool = False
) -> Iterator[Recomputed]:
    """Every printed figure of ``report`` with its value recomputed in ``score``.

    ``year_level_only`` keeps the office's and units' own figures (achievement, absorption,
    performance and their changes), the only ones a budget's printed rate can move.
    """
    for period in report.periods:
        period_score = score.period(period.key)
        change = score.change_to(period.key)
        for unit in report.units():
            if not period_score.has_unit(unit.code):
                continue
            yield from _unit_items(
                report,
                unit,
                period.key,
                period_score.unit(unit.code),
                change,
                year_level_only=year_level_only,
            )
