"""Printed figures: what the report prints, where, exactly as printed.

Scoring never reads printed figures; it recomputes everything from inputs. Printed figures are kept
so that golden tests and the audit can compare the report with the recomputation. Their text is
kept verbatim, typos included (``104.30%``); :meth:`PrintedFigure.figure` parses it on demand and
raises for text that is not a well-formed figure, which the audit reports instead of crashing.
"""

from __future__ import annotations

import enum

import attrs

from lakipcore._names import member
from lakipcore.figures import Figure, parse_figure

__all__ = ["Place", "PrintedFigure", "PrintedFigures", "Quantity"]


class Quantity(enum.Enum):
    """What a printed figure states."""

    TARGET = "target"
    """An indicator's target, as printed in a table other than the unit's own."""
    REALISATION = "realisation"
    """An indicator's realisation, or a budget's realisasi in Rupiah."""
    CAPAIAN = "capaian"
    """An indicator's capaian: realisation against target, in percent."""
    CAPAIAN_YOY = "capaian-yoy"
    """An indicator's capaian this year minus last year, in percentage points."""
    RELATIVE_CHANGE = "relative-change"
    """A relative change (growth) in percent, which is not a difference of percentages."""
    ACHIEVEMENT = "achievement"
    """Indicator achievement of a unit or the office: the mean of capaian."""
    ACHIEVEMENT_YOY = "achievement-yoy"
    """Achievement this year minus last year, in percentage points."""
    ABSORPTION = "absorption"
    """Budget absorption (penyerapan): realisasi over pagu, in percent."""
    PERFORMANCE = "performance"
    """The performance composite of achievement and absorption."""
    PERFORMANCE_YOY = "performance-yoy"
    """Performance this year minus last year, in percentage points."""
    PAGU = "pagu"
    """A budget ceiling in Rupiah."""
    TOTAL = "total"
    """A total, average or computed cell of an evidence table, checked against its rows."""

    @classmethod
    def from_name(cls, name: str) -> Quantity:
        """Look a quantity up by its file name (``"capaian-yoy"``)."""
        return member(cls, name, "quantity")


class Place(enum.Enum):
    """The table of the report (or the prose) where a figure is printed."""

    SUMMARY_INDICATORS = "summary-indicators"
    """KANWIL: REALISASI INDIKATOR KINERJA, all units in one table; capaian in whole percent."""
    SUMMARY_BUDGET = "summary-budget"
    """KANWIL: REALISASI ANGGARAN, one row per programme and the office total."""
    SUMMARY_DASHBOARD = "summary-dashboard"
    """KANWIL: DASHBOARD PERFORMANCE, one row per unit and the office row."""
    SUMMARY_YOY = "summary-yoy"
    """KANWIL: PERFORMANCE YEAR ON YEAR, both years for each unit and the office."""
    UNIT_INDICATORS = "unit-indicators"
    """The unit's REALISASI INDIKATOR KINERJA table."""
    UNIT_BUDGET = "unit-budget"
    """The unit's REALISASI ANGGARAN table (programme and outputs)."""
    UNIT_DASHBOARD = "unit-dashboard"
    """The unit's DASHBOARD PERFORMANCE row."""
    UNIT_YOY = "unit-yoy"
    """The unit's REALISASI INDIKATOR KINERJA (YoY) table, including its total row."""
    PROSE = "prose"
    """A figure restated in the running text."""
    EVIDENCE = "evidence"
    """A supporting table printed beside an indicator (its total row, a computed column)."""

    @classmethod
    def from_name(cls, name: str) -> Place:
        """Look a place up by its file name (``"unit-yoy"``)."""
        return member(cls, name, "place")


@attrs.frozen
class PrintedFigure:
    """One figure as printed: which quantity, where, the text, and the field it was read from."""

    quantity: Quantity
    place: Place
    text: str
    field: str | None = attrs.field(default=None, eq=False)

    def figure(self) -> Figure:
        """Parse :attr:`text`; raises :class:`~lakipcore.FigureFormatError` for malformed text."""
        return parse_figure(self.text, field=self.field)


PrintedFigures = tuple[PrintedFigure, ...]
"""The printed figures of one subject (an indicator year, a unit year, a budget line, …)."""
