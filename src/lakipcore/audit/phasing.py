"""Phased targets against the year's: the quarters' or months' targets of a Rencana Aksi must
make up the annual target of the Perjanjian Kinerja.

Where a report gives an indicator's target for a year and for every quarter (or every month)
of it, the year's target is the sum of the periods' for an indicator measured cumulatively
(counts: ``10 + 10 + 10 + 10 = 40 Laporan``) and the last period's for one measured by its
latest value (a percentage: the fourth quarter's 90 % is the year's 90 %), as its to-date
method says (docs/monitoring.md). A year whose target is neither is a ``phased-target-mismatch``
at the year's target. Periods of a year that are not all given are not checked. An indicator
whose periods print the year's target instead (``phasing = "annual"``) has each period's target
checked against the year's.
"""

from __future__ import annotations

from decimal import Decimal

from lakipcore._exact import total
from lakipcore.audit.context import AuditContext
from lakipcore.figures import format_number
from lakipcore.i18n import N_, Message
from lakipcore.model import Indicator, PeriodKind, Phasing, ToDate, Unit
from lakipcore.results.findings import Finding, FindingCode, Location, Subject

__all__ = ["check_phased_targets"]

_COUNTS = {PeriodKind.TRIWULAN: 4, PeriodKind.MONTHLY: 12}


def check_phased_targets(context: AuditContext) -> list[Finding]:
    """A ``phased-target-mismatch`` for each year whose target its quarters' or months'
    targets do not make up (module docs)."""
    findings: list[Finding] = []
    report = context.report
    years = [p for p in report.periods if p.kind is PeriodKind.ANNUAL]
    for year in years:
        for kind, count in _COUNTS.items():
            phases = [p for p in report.periods if p.kind is kind and p.year == year.year]
            if len(phases) != count:
                continue
            for unit in report.units():
                for indicator in unit.indicators:
                    found = _check(context, unit, indicator, year.key, [p.key for p in phases])
                    if found is not None:
                        findings.append(found)
    return findings


def _target(context: AuditContext, key: str, unit: str, code: str) -> Decimal | None:
    score = context.score.indicator_at(key, unit, code)
    return None if score is None else score.target


def _annual(  # noqa: PLR0917 - the parts of one check
    context: AuditContext,
    unit: Unit,
    indicator: Indicator,
    year: str,
    phases: list[str],
    annual: Decimal,
) -> Finding | None:
    """An indicator whose periods print the year's target: the first period whose target is
    not the year's."""
    for key in phases:
        target = _target(context, key, unit.code, indicator.code)
        if target is None or target == annual:
            continue
        entry = indicator.at(key)
        origin = None if entry is None else entry.origin
        if origin is not None:
            origin = origin.within("target", origin.line)
        return Finding(
            code=FindingCode.PHASED_TARGET_MISMATCH,
            subject=Subject(unit.code, indicator.code),
            period=key,
            location=Location.of(origin, None, context.source),
            text=Message(
                N_(
                    "the indicator's periods print the year's target (phasing = annual), but "
                    "{period}'s target {target} is not the year's {annual}"
                ),
                period=key,
                target=format_number(target),
                annual=format_number(annual),
            ),
            published=format_number(target),
            recomputed=annual,
        )
    return None


def _check(
    context: AuditContext, unit: Unit, indicator: Indicator, year: str, phases: list[str]
) -> Finding | None:
    annual = _target(context, year, unit.code, indicator.code)
    targets = [_target(context, key, unit.code, indicator.code) for key in phases]
    if annual is None or any(t is None for t in targets):
        return None
    if indicator.phasing is Phasing.ANNUAL:
        return _annual(context, unit, indicator, year, phases, annual)
    known = [t for t in targets if t is not None]
    method = indicator.to_date_for(indicator.measure_kind)
    if method is ToDate.CUMULATIVE:
        expected = total(known)
        working = " + ".join(format_number(t) for t in known)
        text = Message(
            N_(
                "the year's target {annual} is not the sum of its periods' targets: "
                "{working} = {expected} (the indicator is measured cumulatively)"
            ),
            annual=format_number(annual),
            working=working,
            expected=format_number(expected),
        )
    else:
        expected = known[-1]
        text = Message(
            N_(
                "the year's target {annual} is not its last period's target {expected} ({last}; "
                "the indicator is measured by its latest value)"
            ),
            annual=format_number(annual),
            expected=format_number(expected),
            last=phases[-1],
        )
    if expected == annual:
        return None
    entry = indicator.at(year)
    origin = None if entry is None else entry.origin
    if origin is not None:
        origin = origin.within("target", origin.line)
    return Finding(
        code=FindingCode.PHASED_TARGET_MISMATCH,
        subject=Subject(unit.code, indicator.code),
        period=year,
        location=Location.of(origin, None, context.source),
        text=text,
        published=format_number(annual),
        recomputed=expected,
    )
