"""Recomputation with the rounding intervals of inputs that are themselves rounded figures.

A budget known only as a printed rate (``ReportedAbsorption``, "99,73%") stands for some value in
[99,725; 99,735]. Every figure built on it is monotone in it (means and weighted sums rise with it;
a YoY rises with this year's rates and falls with last year's), so the extremes of each figure are
reached when all of one year's rates sit at one end of their intervals. Scoring the four
combinations of (this year low/high) × (last year low/high) therefore bounds every figure.
"""

from __future__ import annotations

from decimal import Decimal

import attrs

from lakipcore._exact import ZERO, add, sub
from lakipcore.audit.recompute import Recomputed, recompute
from lakipcore.model import OfficeYear, Report, ReportedAbsorption
from lakipcore.scoring import ScoringMethod, score_report

__all__ = ["recompute_bounded"]


def _half_unit(value: Decimal) -> Decimal:
    exponent = value.as_tuple().exponent
    if not isinstance(exponent, int):  # pragma: no cover - rates are finite by construction
        return ZERO
    return Decimal((0, (5,), exponent - 1))


def _shift_year(office: OfficeYear, direction: int) -> OfficeYear:
    units = []
    for unit in office.units:
        budget = unit.budget
        if isinstance(budget, ReportedAbsorption):
            half = _half_unit(budget.rate)
            rate = add(budget.rate, half) if direction > 0 else max(ZERO, sub(budget.rate, half))
            units.append(attrs.evolve(unit, budget=attrs.evolve(budget, rate=rate)))
        else:
            units.append(unit)
    return attrs.evolve(office, units=tuple(units))


def _has_rounded_inputs(office: OfficeYear | None) -> bool:
    return office is not None and any(
        isinstance(u.budget, ReportedAbsorption) for u in office.units
    )


def recompute_bounded(
    report: Report, method: ScoringMethod, previous_method: ScoringMethod | None
) -> list[Recomputed]:
    """Every printed figure with its exact value and, where inputs are rounded, its bounds."""
    base = list(recompute(report, score_report(report, method, previous_method)))
    if not (_has_rounded_inputs(report.current) or _has_rounded_inputs(report.previous)):
        return base
    variants = []
    for now, before in ((-1, -1), (1, 1), (-1, 1), (1, -1)):
        shifted = attrs.evolve(
            report,
            current=_shift_year(report.current, now),
            previous=None if report.previous is None else _shift_year(report.previous, before),
        )
        variants.append(list(recompute(shifted, score_report(shifted, method, previous_method))))
    merged = []
    for index, item in enumerate(base):
        values = [item.exact] + [v[index].exact for v in variants]
        known = [v for v in values if v is not None]
        if item.exact is None or len(known) != len(values):
            merged.append(item)
            continue
        merged.append(attrs.evolve(item, low=min(known), high=max(known)))
    return merged
