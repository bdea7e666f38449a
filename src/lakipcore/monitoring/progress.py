"""What monitoring finds: each indicator's progress to a date, each unit's, the whole report's.

Every figure is exact (``Decimal``) and rounded only when shown. ``used`` names the periods a
figure comes from, so that a reader sees that Q2 was empty and Q3 was used. A projection is a
projection: its own fields, its method named, never mixed with what was realised.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from decimal import Decimal

import attrs

from lakipcore.i18n import Message
from lakipcore.model import ToDate
from lakipcore.model.ordinal import ORDINAL_SCALES
from lakipcore.monitoring.budget import BudgetExecution
from lakipcore.monitoring.rules import MonitoringRules, ProjectionMethod, Status, Trajectory

__all__ = ["IndicatorProgress", "Monitoring", "UnitProgress"]


@attrs.frozen
class IndicatorProgress:
    """One indicator of one unit, to the date monitored.

    ``annual_target`` is the year's target (the annual period's, else made up from the
    periods'); ``target_to_date`` and ``realised_to_date`` are taken over ``used`` (the filled
    periods the ``method`` uses), along the ``trajectory`` (the periods' own targets, or a
    straight line from the year's where they print only that); ``missing`` are the periods up
    to the date with no realisation; ``capaian`` is realised against target to date by the
    indicator's formula; ``status`` and its ``reason`` judge it with the rules' tolerance;
    ``projection`` is the realisation projected to the year's end by ``projection_method``
    (``None``, with ``projection_reason``, when the method has too little to go on),
    ``projected_capaian`` its capaian against the annual target.

    A target printed as a range has its upper end in ``annual_target_upper`` and
    ``target_to_date_upper`` (``None`` for a plain target); ``annual_target`` and
    ``target_to_date`` are then its lower end, and a capaian against it is 100 % inside the
    range, else measured against the nearer end.
    """

    unit: str
    code: str
    name: str
    method: ToDate
    trajectory: Trajectory
    annual_target: Decimal | None
    target_to_date: Decimal | None
    realised_to_date: Decimal | None
    capaian: Decimal | None
    used: tuple[str, ...]
    missing: tuple[str, ...]
    status: Status
    reason: Message
    projection: Decimal | None = None
    projected_capaian: Decimal | None = None
    projection_method: ProjectionMethod | None = None
    projection_reason: Message | None = None
    annual_target_upper: Decimal | None = None
    target_to_date_upper: Decimal | None = None
    ordinal: str | None = None

    LEVELS = ("annual_target", "target_to_date", "realised_to_date")
    """The figures that are a predikat's level for an ordinal indicator (``ordinal`` names
    its scale), shown by the level's label."""

    def level(self, value: Decimal | None) -> str | None:
        """The label of the predikat worth ``value`` (``WTP``) when the indicator is ordinal
        and ``value`` is one of its levels, else ``None``."""
        scale = None if self.ordinal is None else ORDINAL_SCALES.get(self.ordinal)
        return None if scale is None or value is None else scale.label_of(value)


@attrs.frozen
class UnitProgress:
    """A unit's indicators, to the date monitored."""

    code: str
    name: str
    indicators: tuple[IndicatorProgress, ...]

    def indicator(self, code: str) -> IndicatorProgress:
        """The progress of indicator ``code``; ``KeyError`` if the unit has none."""
        for item in self.indicators:
            if item.code == code:
                return item
        raise KeyError(code)


@attrs.frozen(repr=False)
class Monitoring:
    """A report monitored in ``year`` up to the period ``to`` (a quarter, a month or an
    "s.d." period), over the ``periods`` of the year of that kind, under ``rules``."""

    year: int
    to: str
    periods: tuple[str, ...]
    units: tuple[UnitProgress, ...]
    rules: MonitoringRules
    source: str | None = None
    budgets: tuple[BudgetExecution, ...] = ()
    """Each unit's budget execution against the RPD and the absorption trajectory (units
    with budget lines in the periods monitored)."""

    def __repr__(self) -> str:
        counts = dict.fromkeys(Status, 0)
        for item in self.indicators():
            counts[item.status] += 1
        shown = ", ".join(f"{n} {s.value}" for s, n in counts.items() if n)
        return f"<Monitoring {self.year} to {self.to}: {shown or 'no indicators'}>"

    def _repr_html_(self) -> str:
        """A table per unit, for notebooks (:mod:`lakipcore.monitoring.notebook`, loaded by
        name: the results do not import their outputs)."""
        text: str = importlib.import_module("lakipcore.monitoring.notebook").html(self)
        return text

    def _repr_markdown_(self) -> str:
        """The same tables in Markdown, for notebooks."""
        text: str = importlib.import_module("lakipcore.monitoring.notebook").markdown(self)
        return text

    def unit(self, code: str) -> UnitProgress:
        """The progress of unit ``code``; ``KeyError`` if there is none."""
        for unit in self.units:
            if unit.code == code:
                return unit
        raise KeyError(code)

    def indicators(self) -> Iterator[IndicatorProgress]:
        """Every indicator's progress, unit by unit."""
        for unit in self.units:
            yield from unit.indicators
