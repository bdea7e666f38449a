"""The audit: recompute every printed figure of a report and report all inconsistencies at once.

>>> import lakipcore
>>> from lakipcore.audit import audit
>>> findings = audit(lakipcore.load_example())
>>> sorted({f.code for f in findings if f.severity.value == "error"})
['figure-mismatch', 'malformed-figure']
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from lakipcore.audit.bounds import recompute_bounded
from lakipcore.audit.checks import CHECKS, AuditContext
from lakipcore.audit.findings import CODES, Finding, Location, Severity
from lakipcore.audit.recompute import Reading, Recomputed, explain, recompute
from lakipcore.errors import LakipError
from lakipcore.model import OfficeYear, Place, Report
from lakipcore.rounding import places_of, round_to
from lakipcore.scoring import (
    AbsorptionAggregation,
    AchievementAggregation,
    ScoringMethod,
    get_method,
    score_year,
)

__all__ = [
    "CHECKS",
    "CODES",
    "AuditContext",
    "Finding",
    "Location",
    "Reading",
    "Recomputed",
    "Severity",
    "audit",
    "explain",
    "recompute",
]

_ATTRIBUTES = {
    "achievement": "achievement",
    "absorption": "absorption",
    "performance": "performance",
}


def _infer(office: OfficeYear) -> ScoringMethod:
    """The aggregation that explains most of the year's printed office figures."""
    best: tuple[int, ScoringMethod] | None = None
    for achievement in AchievementAggregation:
        for absorption in AbsorptionAggregation:
            method = ScoringMethod(
                name=f"{achievement.value}/{absorption.value}",
                description="inferred by the audit from the printed office row",
                achievement=achievement,
                absorption=absorption,
            )
            try:
                scored = score_year(office, method)
            except LakipError:
                continue
            hits = 0
            for printed in office.printed:
                attribute = _ATTRIBUTES.get(printed.quantity.value)
                if attribute is None:
                    continue
                try:
                    value = printed.figure().value
                except LakipError:
                    continue
                hits += round_to(getattr(scored, attribute), places_of(value)) == value
            if best is None or hits > best[0]:
                best = (hits, method)
    if best is None:
        raise LakipError(f"no aggregation method can score {office.year}")
    return best[1]


def _method_for(
    office: OfficeYear,
    given: str | ScoringMethod | None,
    inferred: list[Finding],
    source: str | None,
) -> ScoringMethod:
    if given is not None:
        return get_method(given)
    if office.method is not None:
        return get_method(office.method)
    method = _infer(office)
    inferred.append(
        Finding(
            code="method-inferred",
            subject="office",
            year=office.year,
            location=Location(source, "methods", Place.SUMMARY_DASHBOARD),
            message=(
                f"no method declared for {office.year}; {method.name} explains most of its "
                "printed office row"
            ),
        )
    )
    return method


def audit(
    report: Report,
    *,
    method: str | ScoringMethod | None = None,
    previous_method: str | ScoringMethod | None = None,
    source: str | None = None,
    checks: Iterable[Callable[[AuditContext], list[Finding]]] = CHECKS,
) -> list[Finding]:
    """Every finding about ``report``, collected in one pass.

    Each year is scored with ``method`` / ``previous_method``, else the method its file declares,
    else the aggregation that best explains its printed office row (reported as
    ``method-inferred``). ``source`` names the report file in the findings' locations. Raises
    only for unusable input (a method that cannot score a year); inconsistencies are findings.
    """
    findings: list[Finding] = []
    current = _method_for(report.current, method, findings, source)
    previous = (
        _method_for(report.previous, previous_method, findings, source)
        if report.previous is not None
        else None
    )
    context = AuditContext(
        report=report,
        method=current,
        previous_method=previous,
        items=recompute_bounded(report, current, previous),
        source=source,
    )
    for check in checks:
        findings.extend(check(context))
    return findings
