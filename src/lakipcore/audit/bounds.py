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
    # Only the office's and units' own figures depend on the rates: recompute just those.
    bounds: dict[tuple[object, ...], list[Decimal]] = {}
    for now, before in ((-1, -1), (1, 1), (-1, 1), (1, -1)):
        shifted = attrs.evolve(
            report,
            current=_shift_year(report.current, now),
            previous=None if report.previous is None else _shift_year(report.previous, before),
        )
        scored = score_report(shifted, method, previous_method)
        for item in recompute(shifted, scored, year_level_only=True):
            if item.exact is not None:
                bounds.setdefault(_key(item), []).append(item.exact)
    merged = []
    for item in base:
        values = bounds.get(_key(item))
        if item.exact is None or values is None or len(values) != 4:
            merged.append(item)
            continue
        known = [item.exact, *values]
        merged.append(attrs.evolve(item, low=min(known), high=max(known)))
    return merged


def _key(item: Recomputed) -> tuple[object, ...]:
    printed = item.printed
    return (item.subject, item.year, printed.quantity, printed.place, printed.text, printed.field)
