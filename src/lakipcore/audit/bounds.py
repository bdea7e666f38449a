"""Recomputation with the rounding intervals of inputs that are themselves rounded figures.

A budget known only as a printed rate (``ReportedAbsorption``, "99,73%") stands for some value in
[99,725; 99,735]. Every unit-level figure built on it is monotone in it (means and weighted sums
rise with it), so a period's figures reach their extremes when all of that period's rates sit at
one end of their intervals: scoring the period twice, all low and all high, bounds them. A
change from period q to p is a difference, so it lies in [low_p − high_q, high_p − low_q].
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

import attrs

from lakipcore._exact import ZERO, add, sub
from lakipcore.audit.recompute import CHANGE_ATTRIBUTE, SCORE_ATTRIBUTE, Recomputed, recompute
from lakipcore.model import Report, ReportedAbsorption, Unit, UnitPeriod
from lakipcore.results.scores import PeriodScore, ReportScore
from lakipcore.scoring.engine import scored_period

__all__ = ["recompute_bounded"]


def _half_unit(value: Decimal) -> Decimal:
    exponent = value.as_tuple().exponent
    if not isinstance(exponent, int):  # pragma: no cover - rates are finite by construction
        return ZERO
    return Decimal((0, (5,), exponent - 1))


def _shift_block(block: UnitPeriod, direction: int) -> UnitPeriod:
    budget = block.budget
    if not isinstance(budget, ReportedAbsorption):
        return block
    half = _half_unit(budget.rate)
    rate = add(budget.rate, half) if direction > 0 else max(ZERO, sub(budget.rate, half))
    return attrs.evolve(block, budget=attrs.evolve(budget, rate=rate))


def _shift_unit(unit: Unit, key: str, direction: int) -> Unit:
    blocks = tuple(_shift_block(b, direction) if b.period == key else b for b in unit.periods)
    children = tuple(_shift_unit(child, key, direction) for child in unit.units)
    return attrs.evolve(unit, periods=blocks, units=children)


def _has_rounded_inputs(report: Report, key: str) -> bool:
    return any(isinstance(u.budget(key), ReportedAbsorption) for u in report.units())


def recompute_bounded(report: Report, score: ReportScore) -> list[Recomputed]:
    """Every printed figure with its exact value and, where inputs are rounded, its bounds
    (each period with rounded inputs scored twice more, under its method, at both ends)."""
    base = list(recompute(report, score))
    variants: dict[str, tuple[PeriodScore, PeriodScore]] = {}
    for period in report.periods:
        if not _has_rounded_inputs(report, period.key):
            continue
        pair = []
        method = score.period(period.key).method
        for direction in (-1, 1):
            shifted = attrs.evolve(report, root=_shift_unit(report.root, period.key, direction))
            pair.append(scored_period(shifted, period, method, []))
        variants[period.key] = (pair[0], pair[1])
    if not variants:
        return base
    merged = []
    for item in base:
        bounds = _bounds(item, score, variants)
        if bounds is None or item.exact is None:
            merged.append(item)
            continue
        low, high = bounds
        merged.append(attrs.evolve(item, low=min(low, item.exact), high=max(high, item.exact)))
    return merged


def _level(
    key: str,
    code: str,
    attribute: str,
    score: ReportScore,
    variants: Mapping[str, tuple[PeriodScore, PeriodScore]],
) -> tuple[Decimal, Decimal] | None:
    scores = variants.get(key, (score.period(key), score.period(key)))
    values = []
    for variant in scores:
        if not variant.has_unit(code):
            return None
        value = getattr(variant.unit(code), attribute)
        if value is None:
            return None
        values.append(value)
    return min(values), max(values)


def _bounds(
    item: Recomputed, score: ReportScore, variants: Mapping[str, tuple[PeriodScore, PeriodScore]]
) -> tuple[Decimal, Decimal] | None:
    if item.subject.item is not None:
        return None
    quantity, code = item.printed.quantity, item.subject.unit
    attribute = SCORE_ATTRIBUTE.get(quantity)
    if attribute is not None:
        return _level(item.period, code, attribute, score, variants)
    attribute = CHANGE_ATTRIBUTE.get(quantity)
    change = score.change_to(item.period)
    if attribute is None or change is None:
        return None
    if item.period not in variants and change.earlier not in variants:
        return None
    later = _level(item.period, code, attribute, score, variants)
    earlier = _level(change.earlier, code, attribute, score, variants)
    if later is None or earlier is None:
        return None
    return sub(later[0], earlier[1]), sub(later[1], earlier[0])
