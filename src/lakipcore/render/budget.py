"""Budget figures of the page that scoring does not return: the pagu awal and the RPD.

Scoring measures absorption against the pagu (or, by the method's absorption base, the pagu
awal); a programme's disbursement plan (RPD) is only in the model. The page shows, per row of
Realisasi Anggaran, the pagu awal, the RPD and realisasi against the RPD, computed here the way
scoring computes absorption: with :func:`~lakipcore.scoring.formulas.defined_absorption` (the
formula scoring and the audit use), exactly, and aggregated over sub-units as the period's
method aggregates absorption (Σ realisasi / Σ RPD, or the mean of the units' rates). A row gets
a figure only when every programme it stands for states it; otherwise ``None`` (shown ``–``).
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import attrs

from lakipcore._exact import mean, total
from lakipcore.methods.formulas import defined_absorption
from lakipcore.model import BudgetLine, Report
from lakipcore.scoring import AbsorptionAggregation, UnitScore

__all__ = [
    "PlanFigures",
    "has_original",
    "has_plan",
    "pagu_awal",
    "plan_figures",
]


def _lines(report: Report, score: UnitScore, key: str) -> list[BudgetLine] | None:
    """The programmes a row of ``score`` stands for: its own and its sub-units', or ``None``
    when one of them is not a programme with amounts (no budget, or only a printed rate)."""
    lines = []
    for unit in score.walk():
        budget = report.unit(unit.code).budget(key)
        if isinstance(budget, BudgetLine):
            lines.append(budget)
        elif budget is not None or not unit.units:
            return None  # a rate without amounts, or a unit without the budget it needs
    return lines or None


def _any(report: Report, score: UnitScore, key: str, stated: Callable[[BudgetLine], bool]) -> bool:
    for unit in score.walk():
        budget = report.unit(unit.code).budget(key)
        if isinstance(budget, BudgetLine) and stated(budget):
            return True
    return False


def has_original(report: Report, score: UnitScore, key: str) -> bool:
    """Whether a programme of the period (under ``score``) states its pagu awal."""
    return _any(report, score, key, lambda line: line.original is not None)


def has_plan(report: Report, score: UnitScore, key: str) -> bool:
    """Whether a programme of the period (under ``score``) states its RPD."""
    return _any(report, score, key, lambda line: line.plan is not None)


def pagu_awal(report: Report, score: UnitScore, key: str) -> Decimal | None:
    """Σ pagu awal of the row's programmes, when every one states it."""
    lines = _lines(report, score, key)
    if lines is None or any(line.original is None for line in lines):
        return None
    return total(line.original for line in lines if line.original is not None)


@attrs.frozen
class PlanFigures:
    """A row's RPD in Rupiah and realisasi against it in percent (``None``: not known)."""

    plan: Decimal | None
    absorption: Decimal | None


def plan_figures(
    report: Report, score: UnitScore, key: str, aggregation: AbsorptionAggregation
) -> PlanFigures:
    """The RPD of the row of ``score`` in period ``key`` and realisasi against it.

    The RPD is Σ RPD of the row's programmes when every one states it. The rate is realisasi /
    RPD for a programme; for a unit with sub-units, the members (its own programme, then each
    sub-unit) are aggregated as ``aggregation`` aggregates absorption.
    """
    lines = _lines(report, score, key)
    plan = None
    if lines is not None and all(line.plan is not None for line in lines):
        plan = total(line.plan for line in lines if line.plan is not None)
    return PlanFigures(plan, _rate(report, score, key, aggregation))


def _rate(
    report: Report, score: UnitScore, key: str, aggregation: AbsorptionAggregation
) -> Decimal | None:
    """Realisasi / RPD of the row, aggregated as scoring aggregates absorption: undefined when
    a member's is (no RPD, a zero RPD, no budget)."""
    own = report.unit(score.code).budget(key)
    own_rate = None
    if isinstance(own, BudgetLine) and own.plan is not None:
        own_rate = defined_absorption(own.plan, own.realisation)
    if not score.units:
        return own_rate
    rates = [own_rate] if own is not None else []
    rates += [_rate(report, child, key, aggregation) for child in score.units]
    known = [rate for rate in rates if rate is not None]
    if not known or len(known) < len(rates):
        return None
    if aggregation is AbsorptionAggregation.MEAN_OF_UNIT_RATES:
        return mean(known)
    lines = _lines(report, score, key)
    if lines is None:  # pragma: no cover - every member's rate is known, so are its amounts
        return None
    return defined_absorption(
        total(line.plan for line in lines if line.plan is not None),
        total(line.realisation for line in lines),
    )
