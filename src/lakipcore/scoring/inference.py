"""The method of a period that names none: the aggregation that explains its printed office row.

A report file converted from a workbook, or written by hand, often names no method. The
aggregation is then the one whose office figures (achievement, absorption, performance),
rounded at the places the report prints them, agree with the most printed office figures.
The scoring records that it chose (``PeriodScore.inferred``) and the audit reports it as a
``method-inferred`` note.
"""

from __future__ import annotations

from typing import Final

import attrs

from lakipcore.errors import LakipError, MethodNotApplicableError
from lakipcore.methods import ScoringMethod, aggregation_variants
from lakipcore.model import PrintedFigure, Quantity, Report, ReportPeriod
from lakipcore.rounding import places_of, round_to
from lakipcore.scoring.engine import scored_period

__all__ = ["AGGREGATE_ATTRIBUTE", "infer_method"]

AGGREGATE_ATTRIBUTE: Final = {
    Quantity.ACHIEVEMENT: "achievement",
    Quantity.ABSORPTION: "absorption",
    Quantity.PERFORMANCE: "performance",
}
"""The quantities an aggregation method decides, and the score attributes that hold them."""


def infer_method(report: Report, period: ReportPeriod) -> ScoringMethod:
    """The aggregation that explains most of ``period``'s printed office figures (the first
    of :func:`~lakipcore.methods.aggregation_variants` on a tie)."""
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
        scored = scored_period(report, period, method, [])
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
        computed = getattr(scored.root, attribute)
        hits += computed is not None and round_to(computed, places_of(value)) == value
    return hits
