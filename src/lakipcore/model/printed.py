"""Printed figures: what the report prints, where, exactly as printed.

Scoring never reads printed figures; it recomputes everything from inputs. Printed figures are kept
so that golden tests and the audit can compare the report with the recomputation. Their text is
kept verbatim, typos included (``104.30%``); :meth:`PrintedFigure.figure` parses it on demand and
raises for text that is not a well-formed figure, which the audit reports instead of crashing.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import attrs

from lakipcore._display import Short
from lakipcore._names import NamedEnum, enum_field
from lakipcore._text import check_text
from lakipcore.errors import FigureFormatError, LakipTypeError
from lakipcore.figures import Figure, parse_figure
from lakipcore.i18n import M_
from lakipcore.model._members import members
from lakipcore.model.origin import Origin
from lakipcore.notation import Notation

__all__ = ["PrintedFigure", "PrintedFigures", "Quantity"]


def _place(_instance: object, _attribute: object, value: Any) -> None:
    if not isinstance(value, str):
        raise LakipTypeError(
            M_("expected a table id, got {value}", value=repr(value)), field="place"
        )


def _text(_instance: object, _attribute: object, value: Any) -> None:
    check_text(value, "text", what="printed text")


def _working(_instance: object, _attribute: object, value: Any) -> None:
    if value is not None:
        check_text(value, "working", what="printed working")


class Quantity(NamedEnum):
    """What a printed figure states.

    The ``-yoy`` quantities are changes from the previous period of the same kind (the year
    before for an annual period, the semester before for a semester), in percentage points.
    """

    __what__ = "quantity"

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
    PAGU_ORIGINAL = "pagu-awal"
    """A programme's pagu awal (the first DIPA, before its revisions), in Rupiah."""
    ABSORPTION_ORIGINAL = "absorption-awal"
    """Realisasi against the pagu awal, in percent."""
    PLAN = "rpd"
    """The disbursement planned to the end of the period (RPD), in Rupiah."""
    ABSORPTION_PLAN = "absorption-rpd"
    """Realisasi against the RPD, in percent: absorption against plan."""
    TOTAL = "total"
    """A total, average or computed cell of an evidence table, checked against its rows."""
    VALUE = "value"
    """The value of a derived figure (NE, NKA, a relative change), computed by its formula."""
    GRADE = "grade"
    """An indicator's predikat (``Sangat Baik``): the grade its capaian gets in the grade table
    the report names for capaian (``[report] grading``). Text, not a number."""
    CAPAIAN_END_OF_PLAN = "capaian-end-of-plan"
    """An indicator's capaian against its end-of-plan target (target akhir Renstra / RPJMD),
    in percent."""


@attrs.frozen(repr=False)
class PrintedFigure(Short):
    """One figure as printed: which quantity, in which table of the report (``place``, a table
    id the report declares), the text verbatim, and where it was read from; optionally the
    working printed beside it (a fraction such as ``169 / 169 × 100%``)."""

    quantity: Quantity = attrs.field(validator=enum_field(Quantity, "quantity"))
    place: str = attrs.field(validator=_place)
    text: str = attrs.field(validator=_text)
    origin: Origin | None = attrs.field(default=None, eq=False, repr=False)
    notation: Notation = attrs.field(
        default=Notation.INDONESIAN, validator=enum_field(Notation, "notation"), kw_only=True
    )
    """The notation :attr:`text` is read in: the one the figure states, else its column's,
    its table's or the report's (:meth:`~lakipcore.model.Report.printed_notation`)."""
    working: str | None = attrs.field(default=None, kw_only=True, validator=_working)
    """The working printed beside the figure, verbatim (``169 / 169 × 100%``): a fraction the
    audit recomputes (:func:`lakipcore.audit.workings.parse_working`), read in :attr:`notation`."""
    # The figure, parsed on first use and kept (the audit and the writers read it many times);
    # False once the text is known to be malformed. One slot: a report holds many of these.
    _parsed: Figure | bool | None = attrs.field(init=False, default=None, eq=False, repr=False)

    def figure(self) -> Figure:
        """:attr:`text` parsed in :attr:`notation` (once: the result is kept); raises
        :class:`~lakipcore.FigureFormatError` for malformed text."""
        parsed = self._parsed
        if isinstance(parsed, Figure):
            return parsed
        field = self.origin.path if self.origin else None
        try:
            figure = parse_figure(self.text, field=field, notation=self.notation)
        except FigureFormatError:
            object.__setattr__(self, "_parsed", False)
            raise
        object.__setattr__(self, "_parsed", figure)
        return figure

    def parsed(self) -> Figure | None:
        """:meth:`figure`, or ``None`` when the text is malformed (the audit reports it)."""
        parsed = self._parsed
        if isinstance(parsed, Figure):
            return parsed
        if parsed is False:
            return None
        try:
            return self.figure()
        except FigureFormatError:
            return None


PrintedFigures = tuple[PrintedFigure, ...]
"""The printed figures of one subject (an indicator year, a unit year, a budget line, …)."""


def printed_figures(items: Iterable[PrintedFigure]) -> PrintedFigures:
    """The converter of every ``printed`` field: a tuple of :class:`PrintedFigure`, checked."""
    return members(PrintedFigure, "printed")(items)
