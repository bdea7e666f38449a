"""What scoring returns: unrounded values, and the method that made them.

A :class:`ReportScore` holds one :class:`PeriodScore` per period of the report (each a tree of
:class:`UnitScore` under the office) and one :class:`PeriodChange` per pair of consecutive
periods of the same kind. A value the data cannot give is ``None``, never zero, and the unit's
``gaps`` say why.

The scores are complete: every figure an output shows is here, computed once by the engine
(the capaian and its grade, the unit figures, the budget's pagu awal, RPD and absorption
against each, the derived figures), so that no writer computes one of its own.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import TypeVar

import attrs

from lakipcore._display import Displayed, Short, Tabular
from lakipcore.errors import LakipError
from lakipcore.methods import ScoringMethod
from lakipcore.model import ReportPeriod

__all__ = [
    "Change",
    "DerivedScore",
    "IndicatorChange",
    "IndicatorScore",
    "OutputScore",
    "PeriodChange",
    "PeriodScore",
    "Problem",
    "ProgrammeScore",
    "ReportScore",
    "UnitChange",
    "UnitScore",
]


@attrs.frozen(repr=False)
class IndicatorScore(Short):
    """One indicator's capaian in a period, in percent, or why it has none.

    ``capaian`` is ``None`` for a not-targeted indicator, for one without a realisation in a
    planned period, for one left out under the ``exclude`` zero-target policy, and (in an
    audit) for one that could not be scored; ``excluded`` then says why. ``realisation`` is the
    value scored: stated, derived from evidence, or accumulated; ``target`` the target's value.
    ``grade`` is the predikat the report's grading table (``[report] grading``) gives the
    capaian, or ``None`` when the report grades nothing or the table does not cover it.
    ``end_of_plan`` is the capaian against the indicator's end-of-plan target (target akhir
    Renstra / RPJMD), when it has one (docs/methodology.md, "Baseline and end-of-plan target").
    """

    code: str
    name: str
    capaian: Decimal | None
    excluded: str | None = None
    realisation: Decimal | None = None
    target: Decimal | None = None
    grade: str | None = None
    end_of_plan: Decimal | None = None

    @property
    def counts(self) -> bool:
        """Whether this capaian enters the unit's achievement."""
        return self.capaian is not None


@attrs.frozen(repr=False)
class OutputScore(Short):
    """One budget output: amounts in Rupiah and absorption in percent (``None`` when the pagu
    is zero: a rate of nothing is undefined)."""

    code: str | None
    name: str
    pagu: Decimal
    realisation: Decimal
    absorption: Decimal | None


@attrs.frozen(repr=False)
class ProgrammeScore(Short):
    """A unit's own budget programme in a period, exactly: the stated (revised) pagu and the
    realisasi (Σ over its outputs), absorption against the pagu, and, where the report states
    them, the pagu awal (``original``) and the RPD (``plan``) with realisasi against each.
    A rate against a zero amount is ``None`` (undefined)."""

    name: str
    pagu: Decimal
    realisation: Decimal
    absorption: Decimal | None
    original: Decimal | None = None
    absorption_original: Decimal | None = None
    plan: Decimal | None = None
    absorption_plan: Decimal | None = None


@attrs.frozen(repr=False)
class DerivedScore(Short):
    """A derived figure of a unit's period (a growth, a nilai efisiensi, an NKA): its value by
    its catalogue ``formula``, or the ``error`` that keeps it from being computed."""

    key: str
    formula: str
    value: Decimal | None
    error: str | None = None


@attrs.frozen(repr=False)
class Problem(Short):
    """What could not be scored, when scoring collects problems (the audit and
    :func:`lakipcore.assess` do): an indicator, or with ``indicator`` ``None`` a unit's
    aggregate that the period's method cannot compute (a method summing pagu and realisasi
    over units whose budget is known only as a rate). ``error`` is located in the report file
    where it can be."""

    unit: str
    indicator: str | None
    period: str
    error: LakipError


_Coded = TypeVar("_Coded", "IndicatorScore", "IndicatorChange")

# Up to this many indicators a unit's scores are searched by a scan, as fast as a dict for so
# few, and without a dict per unit and period (a national report has hundreds of thousands).
_SCANNED = 16


def _index(items: tuple[_Coded, ...]) -> dict[str, _Coded] | None:
    return None if len(items) <= _SCANNED else {item.code: item for item in items}


def _find(items: tuple[_Coded, ...], index: dict[str, _Coded] | None, code: str) -> _Coded:
    if index is not None:
        return index[code]
    for item in items:
        if item.code == code:
            return item
    raise KeyError(code)


@attrs.frozen(repr=False)
class UnitScore(Displayed):
    """A unit's scores in one period, unrounded, with its sub-units' scores.

    ``achievement`` is ``None`` when no indicator of the unit (or below it) has a capaian;
    ``absorption`` when a budget it needs is missing; ``performance`` when either is. ``pagu``
    is the pagu absorption is measured against (the revised pagu, or the pagu awal under a
    method with ``absorption_base`` original), summed over the unit and its sub-units. ``pagu``
    and ``realisation`` are ``None`` (and ``outputs`` empty) when the amounts are not known (a
    budget printed only as a rate). ``gaps`` explains every ``None``.

    ``programme`` is the unit's own budget programme (``None`` without one, or for a budget
    printed only as a rate). Over the unit and its sub-units: ``stated_pagu`` is Σ the stated
    (revised) pagu, ``original`` Σ the pagu awal, ``plan`` Σ the RPD, each when every
    programme it stands for states it; ``plan_absorption`` is realisasi against the RPD,
    aggregated as the method aggregates absorption. ``derived`` holds the unit's derived
    figures of the period, in the report's order.
    """

    code: str
    name: str
    period: str
    indicators: tuple[IndicatorScore, ...]
    achievement: Decimal | None
    absorption: Decimal | None
    performance: Decimal | None
    pagu: Decimal | None = None
    realisation: Decimal | None = None
    outputs: tuple[OutputScore, ...] = ()
    units: tuple[UnitScore, ...] = ()
    gaps: tuple[str, ...] = ()
    programme: ProgrammeScore | None = attrs.field(default=None, kw_only=True)
    stated_pagu: Decimal | None = attrs.field(default=None, kw_only=True)
    original: Decimal | None = attrs.field(default=None, kw_only=True)
    plan: Decimal | None = attrs.field(default=None, kw_only=True)
    plan_absorption: Decimal | None = attrs.field(default=None, kw_only=True)
    derived: tuple[DerivedScore, ...] = attrs.field(default=(), kw_only=True)
    _by_code: dict[str, IndicatorScore] | None = attrs.field(
        init=False, eq=False, repr=False, hash=False
    )

    @_by_code.default
    def _indicator_index(self) -> dict[str, IndicatorScore] | None:
        return _index(self.indicators)

    def indicator(self, code: str) -> IndicatorScore:
        """The score of indicator ``code``; ``KeyError`` if there is none."""
        return _find(self.indicators, self._by_code, code)

    def walk(self) -> Iterator[UnitScore]:
        """This score and every sub-unit's, depth first, in report order."""
        stack = [self]
        while stack:
            unit = stack.pop()
            yield unit
            stack.extend(reversed(unit.units))

    def pooled(self) -> Iterator[Decimal]:
        """Every capaian that counts, of this unit's indicators and those below it."""
        for unit in self.walk():
            for item in unit.indicators:
                if item.capaian is not None:
                    yield item.capaian


@attrs.frozen(repr=False)
class PeriodScore(Displayed, Tabular):
    """The scores of one period under ``method``: the office (``root``) and every unit below.
    ``inferred`` says the report names no method for the period and the scoring chose the
    aggregation that best explains its printed office row. As an Arrow stream
    (``pyarrow.table(period)``, ``polars.DataFrame(period)``) it is the period's Dashboard
    Performance, one row per unit (:func:`lakipcore.arrow.units_to_arrow`)."""

    period: ReportPeriod
    method: ScoringMethod
    root: UnitScore
    inferred: bool = attrs.field(default=False, kw_only=True)
    _by_code: dict[str, UnitScore] = attrs.field(init=False, eq=False, repr=False, hash=False)

    @_by_code.default
    def _unit_index(self) -> dict[str, UnitScore]:
        return {unit.code: unit for unit in self.root.walk()}

    @property
    def key(self) -> str:
        """The period's key (``2019``, ``2021-s1``)."""
        return self.period.key

    @property
    def achievement(self) -> Decimal | None:
        """The office's achievement."""
        return self.root.achievement

    @property
    def absorption(self) -> Decimal | None:
        """The office's absorption."""
        return self.root.absorption

    @property
    def performance(self) -> Decimal | None:
        """The office's performance."""
        return self.root.performance

    @property
    def pagu(self) -> Decimal | None:
        """The office's pagu, when every budget's amounts are known."""
        return self.root.pagu

    @property
    def realisation(self) -> Decimal | None:
        """The office's realisasi, when every budget's amounts are known."""
        return self.root.realisation

    @property
    def units(self) -> tuple[UnitScore, ...]:
        """The units directly under the office."""
        return self.root.units

    def unit(self, code: str) -> UnitScore:
        """The score of unit ``code`` anywhere in the tree; ``KeyError`` if there is none."""
        return self._by_code[code]

    def has_unit(self, code: str) -> bool:
        """Whether unit ``code`` takes part in this period."""
        return code in self._by_code


@attrs.frozen(repr=False)
class Change(Short):
    """Changes of achievement, absorption and performance between two periods, in points.

    A field is ``None`` when one of the two periods lacks the figure.
    """

    achievement: Decimal | None
    absorption: Decimal | None
    performance: Decimal | None


@attrs.frozen(repr=False)
class IndicatorChange(Short):
    """An indicator's capaian in both periods and the change in points (``None`` if one lacks
    it)."""

    unit: str
    code: str
    name: str
    later: Decimal | None
    earlier: Decimal | None
    points: Decimal | None


@attrs.frozen(repr=False)
class UnitChange(Short):
    """A unit's changes between two periods and those of its indicators."""

    code: str
    name: str
    change: Change
    indicators: tuple[IndicatorChange, ...]
    _by_code: dict[str, IndicatorChange] | None = attrs.field(
        init=False, eq=False, repr=False, hash=False
    )

    @_by_code.default
    def _indicator_index(self) -> dict[str, IndicatorChange] | None:
        return _index(self.indicators)

    def indicator(self, code: str) -> IndicatorChange:
        """The change of indicator ``code``; ``KeyError`` if there is none."""
        return _find(self.indicators, self._by_code, code)


@attrs.frozen(repr=False)
class PeriodChange(Short):
    """The changes from period ``earlier`` to ``later`` (keys): the office's, its own
    indicators', and every unit's that takes part in either, in report order."""

    earlier: str
    later: str
    office: Change
    units: tuple[UnitChange, ...]
    indicators: tuple[IndicatorChange, ...] = ()
    """The changes of the office's own indicators (a single-unit report has only these)."""
    _by_code: dict[str, UnitChange] = attrs.field(init=False, eq=False, repr=False, hash=False)

    @_by_code.default
    def _unit_index(self) -> dict[str, UnitChange]:
        return {unit.code: unit for unit in self.units}

    def unit(self, code: str) -> UnitChange:
        """The change of unit ``code``; ``KeyError`` if there is none."""
        return self._by_code[code]


@attrs.frozen(repr=False)
class ReportScore(Displayed, Tabular):
    """A scored report: every period's scores and the changes between consecutive periods.
    ``problems`` are the indicators that could not be scored, when the scoring collected them
    instead of raising (``score_report(..., problems=[])``, the audit, :func:`assess`). As an
    Arrow stream (``pyarrow.table(scores)``, ``polars.DataFrame(scores)``) it is the Dashboard
    Performance of every period, one row per unit and period
    (:func:`lakipcore.arrow.units_to_arrow`)."""

    periods: tuple[PeriodScore, ...]
    changes: tuple[PeriodChange, ...] = ()
    main: str | None = None
    problems: tuple[Problem, ...] = attrs.field(default=(), kw_only=True)
    _by_key: dict[str, PeriodScore] = attrs.field(init=False, eq=False, repr=False, hash=False)

    @_by_key.default
    def _period_index(self) -> dict[str, PeriodScore]:
        return {period.key: period for period in self.periods}

    @property
    def current(self) -> PeriodScore:
        """The scores of the report's main period (by default its last)."""
        return self._by_key[self.main] if self.main else self.periods[-1]

    def period(self, key: str) -> PeriodScore:
        """The scores of period ``key``; ``KeyError`` if there is none."""
        return self._by_key[key]

    def indicator_at(self, key: str, unit: str, code: str) -> IndicatorScore | None:
        """The score of indicator ``code`` of unit ``unit`` in period ``key``; ``None`` when
        the period has no such unit or the unit no such indicator there."""
        period = self._by_key.get(key)
        if period is None or not period.has_unit(unit):
            return None
        try:
            return period.unit(unit).indicator(code)
        except KeyError:
            return None

    def change_to(self, key: str) -> PeriodChange | None:
        """The change into period ``key`` from the previous period of its kind, if any."""
        return next((c for c in self.changes if c.later == key), None)
