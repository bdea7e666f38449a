"""What scoring returns: unrounded values, and the method that made them."""

from __future__ import annotations

from decimal import Decimal

import attrs

from lakipcore.scoring.methods import ScoringMethod

__all__ = [
    "Change",
    "IndicatorChange",
    "IndicatorScore",
    "OfficeScore",
    "OutputScore",
    "ReportScore",
    "UnitChange",
    "UnitScore",
]


@attrs.frozen
class IndicatorScore:
    """One indicator's capaian in percent, or why it has none.

    ``capaian`` is ``None`` for a not-targeted indicator and for one left out under the
    ``exclude`` zero-target policy; ``excluded`` then says why. ``realisation`` is the value
    scored: the stated one, or the one derived from evidence.
    """

    code: str
    name: str
    capaian: Decimal | None
    excluded: str | None = None
    realisation: Decimal | None = None

    @property
    def counts(self) -> bool:
        """Whether this capaian enters the unit's achievement."""
        return self.capaian is not None


@attrs.frozen
class OutputScore:
    """One budget output: amounts in Rupiah and absorption in percent."""

    code: str | None
    name: str
    pagu: Decimal
    realisation: Decimal
    absorption: Decimal


@attrs.frozen
class UnitScore:
    """A unit's scores for a year, unrounded.

    ``pagu`` and ``realisation`` are ``None`` (and ``outputs`` empty) when the budget is known only
    as a printed rate; ``absorption`` is then that rate.
    """

    code: str
    name: str
    year: int
    indicators: tuple[IndicatorScore, ...]
    achievement: Decimal
    absorption: Decimal
    performance: Decimal
    pagu: Decimal | None = None
    realisation: Decimal | None = None
    outputs: tuple[OutputScore, ...] = ()

    def indicator(self, code: str) -> IndicatorScore:
        """The score of indicator ``code``; ``KeyError`` if there is none."""
        for item in self.indicators:
            if item.code == code:
                return item
        raise KeyError(code)


@attrs.frozen
class OfficeScore:
    """The office's scores for a year under ``method``, with every unit's scores."""

    year: int
    method: ScoringMethod
    units: tuple[UnitScore, ...]
    achievement: Decimal
    absorption: Decimal
    performance: Decimal
    pagu: Decimal | None = None
    realisation: Decimal | None = None

    def unit(self, code: str) -> UnitScore:
        """The score of unit ``code``; ``KeyError`` if there is none."""
        for item in self.units:
            if item.code == code:
                return item
        raise KeyError(code)


@attrs.frozen
class Change:
    """Year-on-year changes of achievement, absorption and performance, in percentage points.

    A field is ``None`` when one of the two years lacks the figure.
    """

    achievement: Decimal | None
    absorption: Decimal | None
    performance: Decimal | None


@attrs.frozen
class IndicatorChange:
    """An indicator's capaian in both years and the change in points (``None`` if one lacks it)."""

    unit: str
    code: str
    name: str
    current: Decimal | None
    previous: Decimal | None
    points: Decimal | None


@attrs.frozen
class UnitChange:
    """A unit's year-on-year changes and those of its indicators."""

    code: str
    name: str
    change: Change
    indicators: tuple[IndicatorChange, ...]


@attrs.frozen
class ReportScore:
    """A scored report: both years' office scores and the changes between them."""

    current: OfficeScore
    previous: OfficeScore | None = None
    change: Change | None = None
    units: tuple[UnitChange, ...] = ()

    def unit_change(self, code: str) -> UnitChange:
        """The year-on-year change of unit ``code``; ``KeyError`` if there is none."""
        for item in self.units:
            if item.code == code:
                return item
        raise KeyError(code)
