"""What every writer shows the same way: targets and realisations as the report prints them.

Writers show figures, they do not compute them: a value comes from the assessment's scores,
exact, and is rounded once, here or by the writer, when it is shown.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from lakipcore._exact import integral
from lakipcore.errors import LakipTypeError
from lakipcore.figures import NotTargeted, format_number
from lakipcore.i18n import M_
from lakipcore.model import IndicatorPeriod, Measure, MeasureKind, Report
from lakipcore.results.assessment import Assessment
from lakipcore.results.scores import PeriodScore, UnitScore
from lakipcore.rounding import round_to

__all__ = [
    "NOT_TARGETED_LABEL",
    "assessment_of",
    "grades_capaian",
    "measure_text",
    "numbered_units",
    "realisation_text",
]

NOT_TARGETED_LABEL = "Tidak ditargetkan"
"""How a report prints the target of an indicator that had none in the period."""


def measure_text(measure: Measure) -> str:
    """A target or realisation as the report writes it, without its note: ``12 Laporan``,
    ``80%``, ``7,1``, a range ``5,2–5,6%`` (the values at their own precision)."""
    if measure.level is not None:  # a predikat: "WTP"
        return measure.level
    shown = ("1:" if measure.ratio else "") + format_number(measure.value)
    upper = getattr(measure, "upper", None)  # a range target
    if upper is not None:
        shown += f"\u2013{format_number(upper)}"
    if measure.kind is MeasureKind.PERCENT:
        shown += "%"
    return f"{shown} {measure.unit}" if measure.unit else shown


def realisation_text(entry: IndicatorPeriod, value: Decimal | None) -> str | None:
    """The realisation as the report writes it: the stated one, or the scored ``value`` of a
    derived or accumulated one (whole, or rounded half-up to 2 places), with the target's sign
    and unit label; the printed text of a not-reported one (``n/a``); ``None`` when there is
    none (not targeted, planned)."""
    if entry.realisation is not None:
        return measure_text(entry.realisation)
    if entry.not_reported is not None:
        return entry.not_reported.text
    target = entry.target
    if value is None or isinstance(target, NotTargeted):
        return None
    # A computed realisation has no printed precision of its own: a whole one is shown as the
    # report would write a count ("12", not "12,00"), anything else at 2 places.
    shown = format_number(value if integral(value) else round_to(value, 2))
    if target.kind is MeasureKind.PERCENT:
        shown += "%"
    return f"{shown} {target.unit}" if target.unit else shown


def assessment_of(value: object, output: str) -> Assessment:
    """``value`` if it is an :class:`Assessment`; else an error saying how to make one (a
    writer reads an assessment and computes nothing itself)."""
    if not isinstance(value, Assessment):
        raise LakipTypeError(
            M_(
                "{output} reads an Assessment, got {type}; make one with lakipcore.assess(report)",
                output=output,
                type=type(value).__name__,
            ),
            field="assessment",
        )
    return value


def numbered_units(period: PeriodScore) -> Iterator[tuple[str, int, UnitScore]]:
    """(number, depth, score) as the report's dashboard numbers them: the office as ``A``, then
    every unit below it depth first, numbered 1, 2, ... in report order."""
    yield "A", 0, period.root
    stack = [(unit, 0) for unit in reversed(period.root.units)]
    number = 0
    while stack:
        unit, depth = stack.pop()
        number += 1
        yield str(number), depth, unit
        stack.extend((child, depth + 1) for child in reversed(unit.units))


def grades_capaian(report: Report) -> bool:
    """Whether the report grades capaian (the scores then carry each indicator's grade)."""
    return "capaian" in report.grading
