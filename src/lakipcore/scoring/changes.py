"""The changes between two scored periods of a kind: the office's, each unit's, each
indicator's, in percentage points."""

from __future__ import annotations

from decimal import Decimal

from lakipcore.methods.formulas import yoy_points
from lakipcore.model import Report, Unit
from lakipcore.results.scores import (
    Change,
    IndicatorChange,
    PeriodChange,
    PeriodScore,
    UnitChange,
    UnitScore,
)

__all__ = ["period_change"]


def _points(a: Decimal | None, b: Decimal | None) -> Decimal | None:
    return None if a is None or b is None else yoy_points(a, b)


def _change(later: UnitScore, earlier: UnitScore) -> Change:
    return Change(
        achievement=_points(later.achievement, earlier.achievement),
        absorption=_points(later.absorption, earlier.absorption),
        performance=_points(later.performance, earlier.performance),
    )


_NO_CHANGE = Change(None, None, None)


def _unit_change(unit: Unit, later: PeriodScore, earlier: PeriodScore) -> UnitChange | None:
    now = later.unit(unit.code) if later.has_unit(unit.code) else None
    before = earlier.unit(unit.code) if earlier.has_unit(unit.code) else None
    if now is None and before is None:
        return None
    items = []
    # By code, once per unit (a unit score's own lookup scans its indicators).
    later_scores = {} if now is None else {i.code: i for i in now.indicators}
    earlier_scores = {} if before is None else {i.code: i for i in before.indicators}
    for indicator in unit.indicators:
        a = later_scores.get(indicator.code) if indicator.at(later.key) else None
        b = earlier_scores.get(indicator.code) if indicator.at(earlier.key) else None
        if a is None and b is None:
            continue
        a_value = None if a is None else a.capaian
        b_value = None if b is None else b.capaian
        items.append(
            IndicatorChange(
                unit.code,
                indicator.code,
                indicator.name,
                a_value,
                b_value,
                _points(a_value, b_value),
            )
        )
    change = _change(now, before) if now is not None and before is not None else _NO_CHANGE
    return UnitChange(unit.code, unit.name, change, tuple(items))


def period_change(report: Report, earlier: PeriodScore, later: PeriodScore) -> PeriodChange:
    """The changes from ``earlier`` to ``later`` for the office and every unit."""
    units = tuple(
        c
        for unit in report.units()
        if unit is not report.root and (c := _unit_change(unit, later, earlier)) is not None
    )
    office = _unit_change(report.root, later, earlier)
    own = () if office is None else office.indicators
    return PeriodChange(earlier.key, later.key, _change(later.root, earlier.root), units, own)
