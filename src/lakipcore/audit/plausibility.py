"""Plausibility checks: figures that compute, but deserve a second look (warnings only).

Each check reads its bound from the period's method (:class:`~lakipcore.methods.Plausibility`;
``None`` turns it off), so a report whose indicators legitimately pass a bound says so in its
own method. docs/audit.md, "Plausibility", gives the rules with examples.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from lakipcore._exact import HUNDRED, div, mul
from lakipcore.audit.context import AuditContext
from lakipcore.audit.words import quantity_word
from lakipcore.figures import format_number
from lakipcore.i18n import N_, Message
from lakipcore.model import (
    Indicator,
    IndicatorPeriod,
    MeasureKind,
    Quantity,
    Target,
    Unit,
)
from lakipcore.notation import Notation
from lakipcore.results.findings import Finding, FindingCode, Location, Subject
from lakipcore.results.scores import IndicatorScore, UnitScore
from lakipcore.rounding import round_to

__all__ = ["check_decimal_slips", "check_implausible_values", "check_thin_achievements"]


def _shown(value: Decimal, notation: Notation) -> str:
    return format_number(round_to(value, 2), notation=notation)


def _entries(context: AuditContext) -> Iterator[tuple[Unit, Indicator, IndicatorPeriod]]:
    for unit in context.report.units():
        for indicator in unit.indicators:
            for entry in indicator.periods:
                yield unit, indicator, entry


def _scored(context: AuditContext, unit: str, code: str, period: str) -> IndicatorScore | None:
    scored = context.score.period(period)
    if not scored.has_unit(unit):
        return None
    try:
        return scored.unit(unit).indicator(code)
    except KeyError:  # not scored: a not-scorable finding says why
        return None


def _location(context: AuditContext, entry: IndicatorPeriod, part: str) -> Location:
    """The ``part`` (target, realisation) of ``entry``, at the line of the entry's block (the
    model keeps no line per value)."""
    origin = entry.origin.within(part, entry.origin.line) if entry.origin is not None else None
    return Location.of(origin, None, context.source)


def check_implausible_values(context: AuditContext) -> list[Finding]:
    """A percentage above its bound (a share above the whole), and a capaian above its
    bound (twice the target, by default, for percentages and indices; off for counts)."""
    findings = []
    notation = context.report.notation
    for unit, indicator, entry in _entries(context):
        method = context.methods.get(entry.period)
        if method is None or not isinstance(entry.target, Target):
            continue
        bounds = method.plausibility
        subject = Subject(unit.code, indicator.code)
        scored = _scored(context, unit.code, indicator.code, entry.period)
        if bounds.percent_realisation is not None:
            for part, quantity, value in _percent_values(entry, scored):
                if value > bounds.percent_realisation:
                    findings.append(
                        Finding(
                            code=FindingCode.IMPLAUSIBLE_PERCENT,
                            subject=subject,
                            period=entry.period,
                            location=_location(context, entry, part),
                            text=Message(
                                N_(
                                    "the {quantity} {value}% of a percentage indicator is "
                                    "above {bound}%: a share above the whole, perhaps a "
                                    "misplaced decimal mark"
                                ),
                                quantity=quantity_word(quantity),
                                value=_shown(value, notation),
                                bound=_shown(bounds.percent_realisation, notation),
                            ),
                            recomputed=value,
                        )
                    )
        capaian = scored.capaian if scored is not None else None
        counts = entry.target.kind is MeasureKind.COUNT
        bound = bounds.count_capaian if counts else bounds.capaian
        if bound is not None and capaian is not None and capaian > bound:
            findings.append(
                Finding(
                    code=FindingCode.IMPLAUSIBLE_CAPAIAN,
                    subject=subject,
                    period=entry.period,
                    location=_location(context, entry, "realisation"),
                    text=Message(
                        N_(
                            "capaian {value}% is above {bound}%: is the target or the "
                            "realisation in another unit or scale?"
                        ),
                        value=_shown(capaian, notation),
                        bound=_shown(bound, notation),
                    ),
                    recomputed=capaian,
                )
            )
    return findings


def _percent_values(
    entry: IndicatorPeriod, scored: IndicatorScore | None
) -> Iterator[tuple[str, Quantity, Decimal]]:
    """The target and the realisation of ``entry`` that are percentages (stated so, or scored
    for a percentage target), with the part of the entry each is read from."""
    target = entry.target
    if isinstance(target, Target) and target.kind is MeasureKind.PERCENT:
        yield "target", Quantity.TARGET, target.value
    realisation = entry.realisation
    if realisation is not None:
        if realisation.kind is MeasureKind.PERCENT:
            yield "realisation", Quantity.REALISATION, realisation.value
    elif (
        isinstance(target, Target)
        and target.kind is MeasureKind.PERCENT
        and scored is not None
        and scored.realisation is not None
    ):
        yield "realisation", Quantity.REALISATION, scored.realisation  # derived or accumulated


def _counted(unit: UnitScore) -> int:
    """How many indicators the achievement of ``unit`` (and its sub-units) rests on."""
    return sum(i.counts for i in unit.indicators) + sum(_counted(u) for u in unit.units)


def _targeted(unit: Unit, period: str) -> int:
    """How many indicators of ``unit`` and its sub-units are targeted in ``period``."""
    own = 0
    for indicator in unit.indicators:
        entry = indicator.at(period)
        own += entry is not None and entry.is_targeted
    return own + sum(_targeted(u, period) for u in unit.units)


def check_thin_achievements(context: AuditContext) -> list[Finding]:
    """A unit's achievement that rests on fewer of its targeted indicators than the method's
    share (the others not scored, excluded or without a realisation)."""
    findings = []
    notation = context.report.notation
    for period in context.score.periods:
        share = period.method.plausibility.indicator_share
        if share is None:
            continue
        for unit in context.report.units():
            if not period.has_unit(unit.code):
                continue
            scored = period.unit(unit.code)
            targeted = _targeted(unit, period.key)
            counted = _counted(scored)
            if scored.achievement is None or not targeted:
                continue
            if mul(div(Decimal(counted), Decimal(targeted)), HUNDRED) >= share:
                continue
            block = unit.at(period.key)
            origin = block.origin if block is not None else unit.origin
            findings.append(
                Finding(
                    code=FindingCode.THIN_ACHIEVEMENT,
                    subject=Subject(unit.code),
                    period=period.key,
                    location=Location.of(origin, None, context.source),
                    text=Message(
                        N_(
                            "the achievement {achievement}% rests on {counted} of its "
                            "{targeted} targeted indicators, fewer than {share}%"
                        ),
                        achievement=_shown(scored.achievement, notation),
                        counted=str(counted),
                        targeted=str(targeted),
                        share=_shown(share, notation),
                    ),
                    recomputed=scored.achievement,
                )
            )
    return findings


def check_decimal_slips(context: AuditContext) -> list[Finding]:
    """A target or realisation that is the method's factor (100 by default) times each of its
    neighbours in the indicator's series of periods of one kind, or that many times smaller."""
    findings = []
    report = context.report
    for unit in report.units():
        for indicator in unit.indicators:
            for quantity in (Quantity.TARGET, Quantity.REALISATION):
                findings += _slips(context, unit, indicator, quantity)
    return findings


def _series_value(
    context: AuditContext,
    unit: Unit,
    indicator: Indicator,
    entry: IndicatorPeriod,
    quantity: Quantity,
) -> Decimal | None:
    if quantity is Quantity.TARGET:
        return entry.target.value if isinstance(entry.target, Target) else None
    if entry.realisation is not None:
        return entry.realisation.value
    scored = _scored(context, unit.code, indicator.code, entry.period)
    return scored.realisation if scored is not None else None


def _slips(
    context: AuditContext, unit: Unit, indicator: Indicator, quantity: Quantity
) -> list[Finding]:
    report, findings = context.report, []
    by_kind: dict[object, list[tuple[IndicatorPeriod, Decimal]]] = {}
    for entry in indicator.periods:
        value = _series_value(context, unit, indicator, entry, quantity)
        if value is not None and value > 0:
            by_kind.setdefault(report.period(entry.period).kind, []).append((entry, value))
    for series in by_kind.values():
        if len(series) < 2:
            continue
        # A slip is the factor away from every other value of its series, so that one slip
        # among several periods is the only one flagged. With two values each is that far from
        # the other: the later, the figure being reported, is the one flagged.
        candidates = series[-1:] if len(series) == 2 else series
        for entry, value in candidates:
            others = [v for e, v in series if e is not entry]
            method = context.methods.get(entry.period)
            factor = method.plausibility.slip_factor if method is not None else None
            if factor is None:
                continue
            if not all(value >= mul(v, factor) or mul(value, factor) <= v for v in others):
                continue
            nearest = min(others, key=lambda v: max(div(value, v), div(v, value)))
            places = [e.period for e, _ in series if e is not entry]
            findings.append(
                Finding(
                    code=FindingCode.DECIMAL_SLIP,
                    subject=Subject(unit.code, indicator.code),
                    period=entry.period,
                    location=_location(context, entry, quantity.value),
                    text=Message(
                        N_(
                            "the {quantity} {value} is at least {factor} times "
                            "{direction} than in {periods} ({other}): a misplaced decimal "
                            "mark or another unit?"
                        ),
                        quantity=quantity_word(quantity),
                        value=format_number(value, notation=report.notation),
                        factor=format_number(factor, notation=report.notation),
                        direction=Message(N_("larger"))
                        if value > nearest
                        else Message(N_("smaller")),
                        periods=", ".join(places),
                        other=format_number(nearest, notation=report.notation),
                    ),
                    recomputed=value,
                )
            )
    return findings
