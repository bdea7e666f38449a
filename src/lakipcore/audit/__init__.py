"""The audit: recompute every printed figure of a report and report all inconsistencies at once.

>>> import lakipcore
>>> from lakipcore.audit import audit
>>> findings = audit(lakipcore.load_example())   # or lakipcore.assess(report).findings
>>> sorted({f.code.value for f in findings if f.severity.value == "error"})
['figure-mismatch', 'malformed-figure']

The result is a :class:`Findings`: a ``list`` of :class:`Finding` (so it compares equal to a
list) with ``errors``, ``by_unit()``, ``summary()``, ``to_dict()`` and a notebook display.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from lakipcore.audit.bounds import recompute_bounded
from lakipcore.audit.checks import CHECKS, AuditContext
from lakipcore.audit.recompute import Reading, Recomputed, explain, recompute
from lakipcore.audit.words import with_words
from lakipcore.errors import LakipTypeError, LakipValueError
from lakipcore.i18n import M_, N_, Message
from lakipcore.model import Report
from lakipcore.results.assessment import check_scores_of
from lakipcore.results.findings import (
    AUDIT_JSON_SCHEMA,
    CODES,
    AuditDict,
    Finding,
    FindingCode,
    Findings,
    Location,
    Severity,
    Subject,
    findings_to_dict,
)
from lakipcore.results.scores import ReportScore
from lakipcore.scoring import MethodChoice, check_method_choice, score_report
from lakipcore.scoring.choice import check_report
from lakipcore.scoring.inference import explained, printed_office_figures

__all__ = [
    "AUDIT_JSON_SCHEMA",
    "CHECKS",
    "CODES",
    "AuditContext",
    "AuditDict",
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
]


def _inferred(report: Report, score: ReportScore, source: str | None) -> list[Finding]:
    """A note for each period whose method the scoring chose because the report names none:
    the aggregation that explains most of its printed office row, or the default aggregation
    when no office row is printed or none explains it (docs/cli.md, "The method of a report
    that names none")."""
    findings = []
    for period in score.periods:
        if not period.inferred:
            continue
        printed = printed_office_figures(report, period.key)
        method = period.method.name
        if not printed:
            text = Message(
                N_(
                    "no method declared for {period}; no office row printed: {method}, the "
                    "default aggregation (achievement pooled over every indicator, absorption "
                    "Σ realisasi / Σ pagu)"
                ),
                period=period.key,
                method=method,
            )
        elif not explained(period, printed):
            text = Message(
                N_(
                    "no method declared for {period}; no aggregation gives a figure of its "
                    "printed office row: {method}, the default aggregation (achievement pooled "
                    "over every indicator, absorption Σ realisasi / Σ pagu)"
                ),
                period=period.key,
                method=method,
            )
        else:
            text = Message(
                N_(
                    "no method declared for {period}; {method} explains most of its printed "
                    "office row"
                ),
                period=period.key,
                method=method,
            )
        findings.append(
            Finding(
                code=FindingCode.METHOD_INFERRED,
                subject=Subject(report.root.code),
                period=period.key,
                location=Location.of(report.period(period.key).origin, None, source),
                text=text,
            )
        )
    return findings


def audit(
    report: Report,
    *,
    method: MethodChoice = None,
    source: str | None = None,
    checks: Iterable[Callable[[AuditContext], list[Finding]]] = CHECKS,
    scores: ReportScore | None = None,
) -> Findings:
    """Every finding about ``report``, collected in one pass, as :class:`Findings` (a list).

    The audit reads the scores it is given (``scores``, as :func:`lakipcore.assess` passes
    them); without them it scores the report once itself, each period with ``method`` (one for
    all periods, or a mapping from period keys), else the method the report declares for it,
    else the aggregation that best explains its printed office row (reported as
    ``method-inferred``), collecting the indicators that cannot be scored. Given scores must
    have been made that way (``score_report(report, problems=[], infer=True)``); ``method``
    is then not needed and must not be given. ``source`` names the report file in the
    findings of objects built in Python (those loaded from a file know their file). An
    indicator that cannot be scored is a ``not-scorable`` finding; the audit raises only for
    unusable input (a method that cannot score a period at all).
    """
    report = check_report(report)
    if scores is None:
        check_method_choice(method, report)
        scores = score_report(report, method, problems=[], infer=True)
    elif method is not None:
        raise LakipValueError(
            M_("audit(scores=...) reads the methods of the scores; do not pass method= too"),
            field="method",
        )
    elif not isinstance(scores, ReportScore):
        raise LakipTypeError(
            M_("expected the ReportScore of the report, got {type}", type=type(scores).__name__),
            field="scores",
        )
    else:
        check_scores_of(report, scores)
    context = AuditContext(
        report=report,
        methods={p.key: p.method for p in scores.periods},
        score=scores,
        items=recompute_bounded(report, scores),
        problems=scores.problems,
        source=source,
    )
    findings = _inferred(report, scores, source)
    for check in checks:
        findings.extend(check(context))
    # Where each figure is, in words, once for every output (a check of one's own included).
    return Findings(with_words(findings, report))
