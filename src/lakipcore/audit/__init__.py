"""The audit: recompute every printed figure of a report and report all inconsistencies at once.

>>> import lakipcore
>>> from lakipcore.audit import audit
>>> findings = audit(lakipcore.load_example())
>>> sorted({f.code.value for f in findings if f.severity.value == "error"})
['figure-mismatch', 'malformed-figure']

The result is a :class:`Findings`: a ``list`` of :class:`Finding` (so it compares equal to a
list) with ``errors``, ``by_unit()``, ``summary()``, ``to_dict()`` and a notebook display.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

import attrs

from lakipcore.audit.bounds import recompute_bounded
from lakipcore.audit.checks import CHECKS, AuditContext
from lakipcore.audit.export import AUDIT_JSON_SCHEMA, Findings, findings_to_dict, render_findings
from lakipcore.audit.findings import CODES, Finding, FindingCode, Location, Severity, Subject
from lakipcore.audit.recompute import AGGREGATE_ATTRIBUTE, Reading, Recomputed, explain, recompute
from lakipcore.errors import LakipError, LakipTypeError, MethodNotApplicableError
from lakipcore.model import PrintedFigure, Report, ReportPeriod
from lakipcore.rounding import places_of, round_to
from lakipcore.scoring import (
    MethodChoice,
    Problem,
    ScoringMethod,
    check_method_choice,
    resolve_method,
    score_period,
    score_report,
)
from lakipcore.scoring.methods import aggregation_variants

__all__ = [
    "AUDIT_JSON_SCHEMA",
    "CHECKS",
    "CODES",
    "AuditContext",
    "Finding",
    "FindingCode",
    "Findings",
    "Location",
    "Reading",
    "Recomputed",
    "Severity",
    "Subject",
    "audit",
    "explain",
    "findings_to_dict",
    "recompute",
    "render_findings",
]


def _infer(report: Report, period: ReportPeriod) -> ScoringMethod:
    """The aggregation that explains most of the period's printed office figures."""
    block = report.root.at(period.key)
    printed = () if block is None else block.printed
    best: tuple[int, ScoringMethod] | None = None
    default = ScoringMethod(
        name="default", description="inferred by the audit from the printed office row"
    )
    base = attrs.evolve(default, name=f"{default.achievement.value}/{default.absorption.value}")
    for method in aggregation_variants(base):
        hits = _hits(report, period, method, printed)
        if hits is not None and (best is None or hits > best[0]):
            best = (hits, method)
    if best is None:
        raise MethodNotApplicableError(
            f"no aggregation method can score {period.key}", field="method"
        )
    return best[1]


def _hits(
    report: Report, period: ReportPeriod, method: ScoringMethod, printed: tuple[PrintedFigure, ...]
) -> int | None:
    """How many of the office's printed figures ``method`` gives (``None``: it cannot score)."""
    try:
        scored = score_period(report, period.key, method, problems=[])
    except LakipError:
        return None
    hits = 0
    for figure in printed:
        attribute = AGGREGATE_ATTRIBUTE.get(figure.quantity)
        if attribute is None:
            continue
        try:
            value = figure.figure().value
        except LakipError:
            continue
        computed = getattr(scored, attribute)
        hits += computed is not None and round_to(computed, places_of(value)) == value
    return hits


def _method_for(
    report: Report,
    period: ReportPeriod,
    given: MethodChoice,
    inferred: list[Finding],
    source: str | None,
) -> ScoringMethod:
    named = given.get(period.key) if isinstance(given, Mapping) else given
    if named is not None or period.method is not None:
        return resolve_method(given, period, report)
    method = _infer(report, period)
    inferred.append(
        Finding(
            code=FindingCode.METHOD_INFERRED,
            subject=Subject(report.root.code),
            period=period.key,
            location=Location.of(period.origin, None, source),
            message=(
                f"no method declared for {period.key}; {method.name} explains most of its "
                "printed office row"
            ),
        )
    )
    return method


def audit(
    report: Report,
    *,
    method: MethodChoice = None,
    source: str | None = None,
    checks: Iterable[Callable[[AuditContext], list[Finding]]] = CHECKS,
) -> Findings:
    """Every finding about ``report``, collected in one pass, as :class:`Findings` (a list).

    Each period is scored with ``method`` (one for all periods, or a mapping from period keys),
    else the method the report declares for it, else the aggregation that best explains its
    printed office row (reported as ``method-inferred``). ``source`` names the report file in
    the findings of objects built in Python (those loaded from a file know their file). An
    indicator that cannot be scored is a ``not-scorable`` finding; the audit raises only for
    unusable input (a method that cannot score a period at all).
    """
    if not isinstance(report, Report):
        raise LakipTypeError(
            f"expected a Report (see lakipcore.load_report), got {type(report).__name__}",
            field="report",
        )
    check_method_choice(method, report)
    findings: list[Finding] = []
    methods = {p.key: _method_for(report, p, method, findings, source) for p in report.periods}
    problems: list[Problem] = []
    score = score_report(report, methods, problems=problems)
    context = AuditContext(
        report=report,
        methods=methods,
        score=score,
        items=recompute_bounded(report, score, methods),
        problems=tuple(problems),
        source=source,
    )
    for check in checks:
        findings.extend(check(context))
    return Findings(findings)
