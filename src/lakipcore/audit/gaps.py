"""Gaps in the data a report prints: realisations it says it does not have.

A report that prints ``n/a`` or ``belum tersedia`` for a year already past is not wrong, but
its achievement then rests on fewer indicators than it targeted, and a reader should know
which (docs/audit.md, "Not reported"); so is a programme with a pagu and no realisation yet.
A planned period's missing realisation is no gap.
"""

from __future__ import annotations

from lakipcore.audit.context import AuditContext
from lakipcore.figures import format_number
from lakipcore.i18n import N_, Message
from lakipcore.model import PlannedBudget, Unit
from lakipcore.results.findings import Finding, FindingCode, Location, Subject

__all__ = ["check_not_reported"]


def check_not_reported(context: AuditContext) -> list[Finding]:
    """A note for each realisation printed as not reported in a period already past, saying
    what the unit's achievement then rests on."""
    findings = []
    report = context.report
    for unit in report.units():
        for indicator in unit.indicators:
            for entry in indicator.periods:
                missing = entry.not_reported
                if missing is None or report.period(entry.period).planned:
                    continue
                origin = entry.origin
                if origin is not None:
                    origin = origin.within("realisation", origin.line)
                findings.append(
                    Finding(
                        code=FindingCode.NOT_REPORTED,
                        subject=Subject(unit.code, indicator.code),
                        period=entry.period,
                        location=Location.of(origin, None, context.source),
                        text=Message(
                            N_(
                                "the realisation is printed as '{text}': not reported, so "
                                "the indicator is left out of the unit's achievement (not "
                                "counted as zero)"
                            ),
                            text=missing.text,
                        ),
                    )
                )
        findings += _planned_budgets(context, unit)
    return findings


def _planned_budgets(context: AuditContext, unit: Unit) -> list[Finding]:
    """A note for each programme planned only (a pagu, no realisation yet) in a period
    already past: the unit has no absorption there (absent, not zero)."""
    findings = []
    for block in unit.periods:
        budget = block.budget
        if not isinstance(budget, PlannedBudget) or context.report.period(block.period).planned:
            continue
        findings.append(
            Finding(
                code=FindingCode.NOT_REPORTED,
                subject=Subject(unit.code, budget.programme),
                period=block.period,
                location=Location.of(budget.origin, None, context.source),
                text=Message(
                    N_(
                        "the programme has a pagu of {pagu} and no realisation yet: no "
                        "absorption for the unit in this period (not counted as zero)"
                    ),
                    pagu=format_number(budget.pagu, notation=context.report.notation),
                ),
            )
        )
    return findings
