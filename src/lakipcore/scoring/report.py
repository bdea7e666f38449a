"""Scoring a whole report: every period under its method, then the changes between periods."""

from __future__ import annotations

from lakipcore.model import Report, comparable_pairs
from lakipcore.results.scores import PeriodScore, Problem, ReportScore
from lakipcore.scoring.changes import period_change
from lakipcore.scoring.choice import (
    MethodChoice,
    check_method_choice,
    check_report,
    chosen_name,
    resolve_method,
)
from lakipcore.scoring.engine import scored_period

__all__ = ["score_report"]


def score_report(
    report: Report,
    method: MethodChoice = None,
    *,
    problems: list[Problem] | None = None,
    infer: bool = False,
) -> ReportScore:
    """Score every period of ``report`` and the changes between consecutive periods of a kind.

    Each period is scored with its own method (by default the one the report names for it),
    because that is how the report computed its office rows; pass one method to compare the
    periods under it, or a mapping from period keys to methods. Each method is resolved once.

    With ``problems`` (a list), an indicator that cannot be scored is recorded there (and in
    the result's ``problems``) and left without a capaian, instead of raising. With ``infer``,
    a period for which neither ``method`` nor the report names a method is scored with the
    aggregation that best explains its printed office row (``PeriodScore.inferred``), instead
    of raising.
    """
    report = check_report(report)
    check_method_choice(method, report)
    periods: list[PeriodScore] = []
    for period in report.periods:
        guessed = infer and chosen_name(method, period) is None
        if guessed:
            from lakipcore.scoring.inference import infer_method  # noqa: PLC0415 - rarely used

            chosen = infer_method(report, period)
        else:
            chosen = resolve_method(method, period, report)
        periods.append(scored_period(report, period, chosen, problems, inferred=guessed))
    by_key = {p.key: p for p in periods}
    changes = tuple(
        period_change(report, by_key[a.key], by_key[b.key])
        for a, b in comparable_pairs(report.periods)
    )
    return ReportScore(
        tuple(periods), changes, report.main, problems=() if problems is None else tuple(problems)
    )
