"""Resolve, then compute: the model of one period turned into the flat facts both engines score.

:func:`resolve_unit` reads one unit of a report's period under one method and writes down, per
indicator, the target, the realisation as scored (stated, derived from evidence, or accumulated
from shorter periods), the capaian formula and why it cannot be scored, if so; and the unit's
budget with the pagu that absorption is measured against (the method's ``absorption_base``).
:func:`resolve_period` does so for every unit of the period. Every choice the model and the
method leave open is settled here, once: the Decimal engine (:mod:`lakipcore.scoring.engine`,
which resolves unit by unit as it walks the tree) and the columnar path
(:func:`lakipcore.bulk.report_to_batches`) then do arithmetic only, on the same facts.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from decimal import Decimal
from typing import Final, NamedTuple

from lakipcore._exact import ZERO, mean, total
from lakipcore.errors import InvalidValueError, LakipError, MethodNotApplicableError
from lakipcore.figures import NotTargeted
from lakipcore.i18n import M_
from lakipcore.methods import AbsorptionBase, ScoringMethod
from lakipcore.methods.formulas import Formula, Polarity
from lakipcore.model import (
    Accumulation,
    BudgetLine,
    EvidenceTable,
    Indicator,
    IndicatorPeriod,
    MeasureKind,
    Origin,
    PeriodKind,
    Report,
    ReportPeriod,
    Target,
    Unit,
    UnitPeriod,
)
from lakipcore.scoring.evidence import rule_value

__all__ = [
    "BudgetFact",
    "IndicatorFact",
    "PeriodFacts",
    "Realisations",
    "UnitFacts",
    "formula_of",
    "indicator_fact",
    "placed",
    "resolve_indicator",
    "resolve_period",
    "resolve_unit",
]

Evidence = Callable[[str], tuple[EvidenceTable, ...]]
"""The evidence tables of a unit in a period (by key)."""


class IndicatorFact(NamedTuple):
    """One indicator in one period, as both engines score it."""

    code: str
    name: str
    target: Decimal | None
    """The target's value; ``None``: not targeted (*Tidak ditargetkan*)."""
    realisation: Decimal | None
    """The realisation scored: stated, derived or accumulated; ``None``: none yet (planned),
    or it could not be derived (``failure``)."""
    formula: Formula
    """The capaian formula: the indicator's own, else ratio for higher-is-better and the
    method's lower-is-better formula."""
    failure: LakipError | None
    """Why the realisation could not be derived or accumulated, located in the file."""
    origin: Origin | None
    """Where the entry was read, to place an error of the computation (a zero target)."""
    not_reported: bool = False
    """The realisation is printed as not reported (``n/a``): ``realisation`` is ``None``, and
    the indicator is left out like a planned one, for another reason."""
    upper: Decimal | None = None
    """The upper end of a target printed as a range (``target`` is its lower end)."""


_new_fact = tuple.__new__


class BudgetFact(NamedTuple):
    """A unit's own budget in one period, as both engines score it."""

    line: BudgetLine | None
    """The programme with its outputs; ``None`` for a budget printed only as a rate."""
    rate: Decimal | None
    """The printed absorption rate of a budget known only as a rate."""
    base: Decimal | None
    """The pagu absorption is measured against, chosen by the method's ``absorption_base``."""
    pagu: Decimal | None = None
    """The programme's stated (revised) pagu: Σ its outputs' (summed once, here)."""
    realisation: Decimal | None = None
    """The programme's realisasi: Σ its outputs'."""


class UnitFacts(NamedTuple):
    """What one unit has in a period: its indicators' facts, its block and its budget."""

    indicators: tuple[IndicatorFact, ...]
    block: UnitPeriod | None
    budget: BudgetFact | None


class PeriodFacts(NamedTuple):
    """One period of a report resolved under one method: its units' facts, by code, in report
    order (a unit without anything in the period is absent)."""

    period: ReportPeriod
    method: ScoringMethod
    units: dict[str, UnitFacts]


def placed(error: LakipError, origin: Origin | None, relative: str) -> LakipError:
    """``error`` placed where it happened: inside ``origin`` when the object came from a file,
    else under the ``relative`` path; an error already located in a file stays as it is."""
    if error.source is not None:
        return error
    if origin is not None:
        inner = origin.child(error.field) if error.field else origin
        return error.relocated(field=inner.path, source=origin.source, line=origin.line)
    return error.relocated(field=f"{relative}.{error.field}" if error.field else relative)


def formula_of(indicator: Indicator, method: ScoringMethod) -> Formula:
    """The capaian formula of ``indicator`` under ``method``."""
    if indicator.formula is not None:
        return indicator.formula
    if indicator.polarity is Polarity.HIGHER_IS_BETTER:
        return Formula.RATIO
    return method.lower_is_better


def _fallback(unit: str, indicator: Indicator, entry: IndicatorPeriod) -> str:
    return f"units[{unit}].indicators[{indicator.code}].periods.{entry.period}"


class Realisations:
    """The realisation an entry is scored with, from its report (accumulation reads the
    report's shorter periods) and its unit's evidence."""

    def __init__(self, report: Report | None, evidence: Evidence) -> None:
        self.report, self.evidence = report, evidence

    def of(self, indicator: Indicator, entry: IndicatorPeriod) -> Decimal | None:
        if entry.realisation is not None:
            return entry.realisation.value
        if entry.derivation is not None:
            try:
                value = rule_value(
                    entry.derivation, self.evidence(entry.period), evidence=self.evidence
                )
            except LakipError as error:
                raise placed(error, entry.derivation.origin, "derive") from None
            # A fall as a relative change is negative and so is a growth that shrank: fine for
            # a percentage or a plain value, never for a count or an index (measures.py).
            kind = _kind_of(indicator, entry.period)
            if value < ZERO and not kind.may_be_negative:
                raise placed(
                    InvalidValueError(
                        M_(
                            "the rule gives a negative realisation ({value}), but a realisation "
                            "of kind {kind} cannot be negative (only percentages and plain "
                            "values can)",
                            value=value,
                            kind=kind.value,
                        ),
                        field="derive",
                    ),
                    entry.origin,
                    "derive",
                )
            return value
        if entry.accumulate:
            if self.report is None:
                raise MethodNotApplicableError(
                    M_(
                        "an accumulated realisation is built from the report's other "
                        "periods: score it with score_report"
                    ),
                    field="accumulate",
                )
            return self._accumulated(indicator, self.report.period(entry.period))
        return None

    def _accumulated(self, indicator: Indicator, period: ReportPeriod) -> Decimal:
        assert self.report is not None, "checked by the caller"
        parts = _tiling(self.report, period, indicator)
        if parts is None:
            raise InvalidValueError(
                M_(
                    "accumulate = true, but no semesters, quarters or months of the "
                    "report with this indicator make up {key} exactly",
                    key=period.key,
                ),
                field="accumulate",
            )
        values = []
        for part in parts:
            entry = indicator.at(part.key)
            value = None if entry is None else self.of(indicator, entry)
            if value is None:
                raise InvalidValueError(
                    M_("accumulate = true, but {key} has no realisation", key=part.key),
                    field="accumulate",
                )
            values.append(value)
        rule = indicator.accumulation_for(_kind_of(indicator, period.key))
        if rule is Accumulation.SUM:
            return total(values)
        if rule is Accumulation.MEAN:
            return mean(values)
        return values[-1]


def resolve_indicator(
    unit: str,
    indicator: Indicator,
    entry: IndicatorPeriod,
    method: ScoringMethod,
    realisations: Realisations,
) -> IndicatorFact:
    """The fact of one indicator-period (see :class:`IndicatorFact`)."""
    formula = formula_of(indicator, method)
    target = entry.target
    if isinstance(target, NotTargeted):
        return IndicatorFact(indicator.code, indicator.name, None, None, formula, None, None)
    code, name, origin, upper = indicator.code, indicator.name, entry.origin, target.upper
    stated = entry.realisation
    if stated is not None:  # the common case: no rule to evaluate, nothing to fail
        return IndicatorFact(
            code, name, target.value, stated.value, formula, None, origin, False, upper
        )
    if entry.not_reported is not None:
        return IndicatorFact(code, name, target.value, None, formula, None, origin, True, upper)
    failure: LakipError | None = None
    realised: Decimal | None = None
    try:
        realised = realisations.of(indicator, entry)
    except LakipError as error:
        failure = placed(error, entry.origin, _fallback(unit, indicator, entry))
    return IndicatorFact(code, name, target.value, realised, formula, failure, origin, False, upper)


def indicator_fact(
    indicator: Indicator, entry: IndicatorPeriod, method: ScoringMethod, evidence: Evidence
) -> IndicatorFact:
    """The fact of one indicator outside a report (no accumulation: no other periods)."""
    return resolve_indicator("indicator", indicator, entry, method, Realisations(None, evidence))


def _budget(block: UnitPeriod | None, method: ScoringMethod) -> BudgetFact | None:
    """The unit's budget: the pagu absorption is measured against is the pagu awal under
    ``absorption_base`` original where the programme states one, else its stated pagu."""
    budget = None if block is None else block.budget
    if budget is None:
        return None
    if isinstance(budget, BudgetLine):
        pagu = budget.pagu  # Σ over the outputs: once
        original = method.absorption_base is AbsorptionBase.ORIGINAL
        base = budget.original if original and budget.original is not None else pagu
        return BudgetFact(budget, None, base, pagu, budget.realisation)
    return BudgetFact(None, budget.rate, None)


def resolve_unit(report: Report, unit: Unit, key: str, method: ScoringMethod) -> UnitFacts:
    """The facts of ``unit`` (its own, not its sub-units') in period ``key``."""
    facts: list[IndicatorFact] = []
    realisations: Realisations | None = None
    for indicator in unit.indicators:
        entry = indicator.at(key)
        if entry is None:
            continue
        target, stated = entry.target, entry.realisation
        if stated is not None and not isinstance(target, NotTargeted):
            # The common case, inline (a national report has millions): a stated realisation.
            formula = formula_of(indicator, method)
            fact = (indicator.code, indicator.name, target.value, stated.value, formula)
            # tuple.__new__ skips the NamedTuple's Python-level __new__ (a call per fact).
            tail = (None, entry.origin, False, target.upper)
            facts.append(_new_fact(IndicatorFact, (*fact, *tail)))
            continue
        if realisations is None:
            realisations = Realisations(report, unit.evidence)
        facts.append(resolve_indicator(unit.code, indicator, entry, method, realisations))
    block = unit.at(key)
    return UnitFacts(tuple(facts), block, _budget(block, method))


def resolve_period(report: Report, period: ReportPeriod, method: ScoringMethod) -> PeriodFacts:
    """Every unit of ``report`` in ``period`` under ``method``, resolved (report order)."""
    units: dict[str, UnitFacts] = {}
    for unit in report.units():
        facts = resolve_unit(report, unit, period.key, method)
        if facts.indicators or facts.block is not None:
            units[unit.code] = facts
    return PeriodFacts(period, method, units)


def _kind_of(indicator: Indicator, key: str) -> MeasureKind:
    entry = indicator.at(key)
    target = None if entry is None else entry.target
    return target.kind if isinstance(target, Target) else MeasureKind.COUNT


_PART_KINDS: Final = (PeriodKind.SEMESTER, PeriodKind.TRIWULAN, PeriodKind.MONTHLY)
"""The kinds of period a longer one is accumulated from, coarsest first."""


def _tiling(
    report: Report, period: ReportPeriod, indicator: Indicator
) -> tuple[ReportPeriod, ...] | None:
    """The report's semesters, quarters or months that make up ``period`` exactly, where the
    indicator has an entry in each: the coarsest that do, all of one kind.

    Parts of one kind only: s.d. Mei is built from Januari to Mei, never from TW I, April and
    Mei. A mixed tiling is not always unique (TW I or its three months), and the rule that
    combines the parts (a mean above all) would then weigh a quarter like a month. A part may
    span the whole period: s.d. Januari is Januari, s.d. TW I is TW I.
    """
    span = period.span
    for kind in _PART_KINDS:
        parts = sorted(
            (
                p
                for p in report.periods
                if p.kind is kind
                and p.key != period.key  # a quarter is not a part of itself
                and span.start <= p.span.start
                and p.span.end <= span.end
            ),
            key=lambda p: p.span.start,
        )
        if not parts or any(indicator.at(p.key) is None for p in parts):
            continue
        contiguous = all(
            (b.span.start - a.span.end).days == 1 for a, b in itertools.pairwise(parts)
        )
        if contiguous and (parts[0].span.start, parts[-1].span.end) == (span.start, span.end):
            return tuple(parts)
    return None
