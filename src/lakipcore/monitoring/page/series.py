"""What each indicator's chart draws, read from the assessment and the monitoring.

The target trajectory is the periods' own targets from the assessment's period scores (summed
from January for an indicator measured cumulatively), or, for a straight-line trajectory, the
line docs/monitoring.md describes, recomputed from the year's target for drawing only: a
count's target spread evenly over the months, a level's the year's target or the point on the
line from its baseline. The realisation is that of each filled period up to the date (summed
for a cumulative indicator; a period without one is skipped, not drawn as 0). The projection
runs from the last realised point to December. The table's figures are the monitoring's own.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal

import attrs

from lakipcore._exact import add, div, mul, sub
from lakipcore.model import Indicator, MeasureKind, PeriodKind, ReportPeriod, ToDate, Unit
from lakipcore.monitoring.engine import realised_value
from lakipcore.monitoring.page.chart import Point
from lakipcore.monitoring.progress import IndicatorProgress, Monitoring
from lakipcore.monitoring.rules import Trajectory
from lakipcore.results.assessment import Assessment
from lakipcore.results.scores import IndicatorScore

_MONTHS = Decimal(12)
_ROMAN = ("I", "II", "III", "IV")
_MONTH_NAMES = (
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "Mei",
    "Jun",
    "Jul",
    "Agu",
    "Sep",
    "Okt",
    "Nov",
    "Des",
)


def tick_label(period: ReportPeriod) -> str:
    """A period as the chart's axis names it: ``TW III``, ``Agu``, ``s.d. TW II`` (the
    report's own abbreviations, in every language, as its period labels are)."""
    end = period.span.end.month
    if period.kind is PeriodKind.MONTHLY:
        return _MONTH_NAMES[end - 1]
    quarter = f"TW {_ROMAN[(end - 1) // 3]}" if end % 3 == 0 else _MONTH_NAMES[end - 1]
    return f"s.d. {quarter}" if period.kind is PeriodKind.CUMULATIVE else quarter


@attrs.frozen
class Drawn:
    """The three series of one indicator's chart."""

    target: tuple[Point, ...]
    realised: tuple[Point, ...]
    projection: tuple[Point, ...]


def _unit(assessment: Assessment, unit: str) -> Unit | None:
    try:
        return assessment.report.unit(unit)
    except KeyError:
        return None


def _indicator(assessment: Assessment, unit: str, code: str) -> Indicator | None:
    try:
        found = assessment.report.unit(unit)
    except KeyError:
        return None
    return next((i for i in found.indicators if i.code == code), None)


def _value(score: IndicatorScore | None, field: str) -> Decimal | None:
    if score is None:
        return None
    value: Decimal | None = getattr(score, field)
    return value


def _running(
    values: Sequence[tuple[ReportPeriod, Decimal | None]], stop: bool
) -> list[tuple[ReportPeriod, Decimal]]:
    """Each value summed with those before it; a ``None`` ends the sums (``stop``) or is
    skipped."""
    out, sum_ = [], Decimal(0)
    for period, value in values:
        if value is None:
            if stop:
                break
            continue
        sum_ = add(sum_, value)
        out.append((period, sum_))
    return out


def _line(
    periods: Sequence[ReportPeriod],
    annual: Decimal | None,
    indicator: Indicator | None,
    *,
    counted: bool,
) -> list[tuple[ReportPeriod, Decimal]]:
    """The straight line from the year's target, as docs/monitoring.md draws it: a count's
    target spread evenly over the months to each period's last (``counted``); a level's the
    year's target, or the point on the line from its baseline to the year's target."""
    if annual is None:
        return []
    baseline = None if indicator is None or indicator.baseline is None else indicator.baseline
    out = []
    for period in periods:
        month = Decimal(period.span.end.month)
        if counted:
            value = div(mul(annual, month), _MONTHS)
        elif baseline is None:
            value = annual
        else:
            start = baseline.value.value
            value = add(start, div(mul(sub(annual, start), month), _MONTHS))
        out.append((period, value))
    return out


def drawn(
    monitoring: Monitoring,
    assessment: Assessment,
    periods: Sequence[ReportPeriod],
    item: IndicatorProgress,
    shown: Callable[[Decimal], str],
) -> Drawn:
    """The target trajectory, the realisation and the projection of ``item`` (module docs);
    ``shown`` writes a value as the page does."""

    def point(period: ReportPeriod, value: Decimal) -> Point:
        return Point(period.span.end.month, period.key, value, item.level(value) or shown(value))

    snapshots = bool(periods) and periods[0].kind is PeriodKind.CUMULATIVE
    summed = item.method is ToDate.CUMULATIVE and not snapshots
    scores = {p.key: assessment.scores.indicator_at(p.key, item.unit, item.code) for p in periods}
    target: list[tuple[ReportPeriod, Decimal]]
    if item.trajectory is Trajectory.STRAIGHT_LINE:
        indicator = _indicator(assessment, item.unit, item.code)
        counted = summed or (
            snapshots
            and (MeasureKind.COUNT if indicator is None else indicator.measure_kind)
            is MeasureKind.COUNT
        )
        target = _line(periods, item.annual_target, indicator, counted=counted)
    else:
        own = [(p, _value(scores[p.key], "target")) for p in periods]
        target = _running(own, stop=True) if summed else [(p, v) for p, v in own if v is not None]
    upto = periods[: monitoring.periods.index(monitoring.to) + 1]
    # The realisations monitoring counted: a quarter with a target of 0 has no capaian, but
    # its realisation is in the realised to date, and so on the chart.
    model = _unit(assessment, item.unit)
    found = None if model is None else _indicator(assessment, item.unit, item.code)
    real = [
        (
            p,
            None
            if model is None or found is None
            else realised_value(assessment, model, found, p.key),
        )
        for p in upto
    ]
    if summed:
        realised = [point(p, v) for p, v in _running(real, stop=False)]
    else:
        realised = [point(p, v) for p, v in real if v is not None]
    projection: list[Point] = []
    if item.projection is not None and periods:
        last = periods[-1]
        key = last.key if last.span.end.month == 12 else f"{monitoring.year}-12"
        end = Point(12, key, item.projection, shown(item.projection))
        if realised and realised[-1].month < 12:
            projection.append(realised[-1])
        projection.append(end)
    return Drawn(tuple(point(p, v) for p, v in target), tuple(realised), tuple(projection))
