"""One pass from a report to its scores and findings: :func:`assess`.

>>> import lakipcore
>>> assessment = lakipcore.assess(lakipcore.load_example())
>>> lakipcore.format_percent(assessment.current.performance)
'116,13%'
>>> assessment.findings.summary()
{'error': 9, 'warning': 2, 'info': 14}

The methods are resolved once (the one given, else the one each period names, else the
aggregation that explains the period's printed office row, or the default aggregation,
``pooled-indicators/total-amounts``, when it prints none: docs/cli.md, "The method of a report
that names none"), the report is scored once, and the audit reads those scores. Every output
(``lakip score``, ``lakip audit``, ``lakip report``, the JSON documents, the HTML page, the
workbook, rows and Arrow tables) is made from the :class:`Assessment`, so none of them scores
or audits again.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from lakipcore.errors import LakipValueError
from lakipcore.i18n import M_
from lakipcore.model import Report
from lakipcore.results.assessment import Assessment
from lakipcore.results.scores import Problem
from lakipcore.scoring import MethodChoice, score_report

if TYPE_CHECKING:
    from lakipcore.audit import AuditContext
    from lakipcore.results.findings import Finding

__all__ = ["Assessment", "assess"]


def assess(
    report: Report,
    *,
    method: MethodChoice = None,
    source: str | None = None,
    audit: bool = True,
    checks: Iterable[Callable[[AuditContext], list[Finding]]] | None = None,
) -> Assessment:
    """Score ``report`` once and audit it on those scores.

    ``method`` is one method (a name or a :class:`~lakipcore.ScoringMethod`) for every
    period, or a mapping from period keys; a period neither names gets the aggregation that
    best explains its printed office row, or the default aggregation when none is printed (a
    ``method-inferred`` note says which; ``PeriodScore.inferred`` is true and the method's
    description says why). An indicator that
    cannot be scored is left without a capaian and listed in ``problems`` (a ``not-scorable``
    finding), never an exception: an assessment of valid input always completes. With
    ``audit=False`` the audit is skipped (``findings`` is ``None``), for outputs that
    show only scores (the audit is not even imported then). ``checks`` replaces the audit's
    checks (:data:`lakipcore.audit.CHECKS`); giving them with ``audit=False`` is an error
    (:class:`~lakipcore.LakipValueError`). ``source`` names the file in the findings and the
    outputs.
    """
    if checks is not None and not audit:
        raise LakipValueError(
            M_("checks are the audit's: pass them without audit=False"), field="checks"
        )
    # score_report checks the report and the method choice (one place for those errors).
    problems: list[Problem] = []
    scores = score_report(report, method, problems=problems, infer=True)
    findings = None
    if audit:
        from lakipcore.audit import CHECKS  # noqa: PLC0415 - lakip score needs no audit
        from lakipcore.audit import audit as audit_scores  # noqa: PLC0415

        chosen = CHECKS if checks is None else checks
        findings = audit_scores(report, scores=scores, source=source, checks=chosen)
    return Assessment(report, scores, findings, source)
