"""Capaian against the end-of-plan target (target akhir Renstra / RPJMD).

The rule (docs/methodology.md, "Baseline and end-of-plan target"): the indicator's formula,
applied to the end-of-plan target and to

* the period's realisation, for a level (accumulation ``latest`` or ``mean``: percentages,
  indices, plain values by default);
* the sum of the realisations of the plan's periods of that kind so far, for a count that adds
  up (accumulation ``sum``): the years after the baseline's, up to and including this one.

It is ``None`` (absent, never zero) when the indicator has no end-of-plan target, the period
lies after the plan's last year, a realisation it needs is missing, or the formula has no
value (a zero target).
"""

from __future__ import annotations

from decimal import Decimal

from lakipcore._exact import total
from lakipcore.errors import LakipError, UndefinedCapaianError
from lakipcore.methods import ScoringMethod
from lakipcore.methods.formulas import checked_capaian, checked_range_capaian
from lakipcore.model import Accumulation, Indicator, Report, Target, Unit
from lakipcore.scoring.facts import Realisations, formula_of, resolve_indicator

__all__ = ["end_of_plan_capaian"]


def end_of_plan_capaian(
    report: Report,
    unit: Unit,
    indicator: Indicator,
    *,
    key: str,
    method: ScoringMethod,
    realised: Decimal | None,
) -> Decimal | None:
    """Capaian of ``indicator`` in period ``key`` against its end-of-plan target, or ``None``."""
    end = indicator.end_of_plan
    if end is None or realised is None:
        return None
    period = report.period(key)
    if period.span.start.year > end.year:
        return None
    target = end.target
    if indicator.accumulation_for(target.kind) is Accumulation.SUM:
        so_far = _cumulative(report, unit, indicator, key, method)
        if so_far is None:
            return None
        realised = so_far
    formula = formula_of(indicator, method)
    try:
        if target.upper is None:
            return checked_capaian(target.value, realised, formula, method.cap)
        return checked_range_capaian(target.value, target.upper, realised, formula, method.cap)
    except UndefinedCapaianError:
        return None


def _cumulative(
    report: Report, unit: Unit, indicator: Indicator, key: str, method: ScoringMethod
) -> Decimal | None:
    """The sum of the realisations of the plan's periods of ``key``'s kind up to ``key``."""
    period = report.period(key)
    first = None if indicator.baseline is None else indicator.baseline.year + 1
    realisations = Realisations(report, unit.evidence)
    values = []
    for part in report.periods:
        if part.kind is not period.kind or part.span.end > period.span.end:
            continue
        if first is not None and part.span.start.year < first:
            continue
        entry = indicator.at(part.key)
        if entry is None or not isinstance(entry.target, Target):
            continue  # the indicator was not part of the plan that year
        try:
            fact = resolve_indicator(unit.code, indicator, entry, method, realisations)
        except LakipError:
            return None
        if fact.realisation is None or fact.failure is not None:
            return None
        values.append(fact.realisation)
    return total(values) if values else None
