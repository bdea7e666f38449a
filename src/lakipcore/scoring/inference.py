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


def _inferred() -> ScoringMethod:
    # The default method's rules, named like every variant (``achievement/absorption``).
    default = ScoringMethod(name="default")
    return attrs.evolve(
        default,
        name=f"{default.achievement.value}/{default.absorption.value}",
        description="inferred from the printed office row",
    )


_INFERRED: Final = _inferred()


def infer_method(report: Report, period: ReportPeriod) -> ScoringMethod:
    """The aggregation that explains most of ``period``'s printed office figures (the first
    of :func:`~lakipcore.methods.aggregation_variants` on a tie)."""
    block = report.root.at(period.key)
    printed = () if block is None else block.printed
    best: tuple[int, ScoringMethod] | None = None
    for method in aggregation_variants(_INFERRED):
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
    """How many of the office's printed figures ``method`` gives (``None``: it cannot score).

    Each candidate is scored in full and thrown away; the period is scored once more with the
    winner so that its problems are recorded once (inference is rare: only files naming no
    method, and only when asked).
    """
    try:
        scored = scored_period(report, period, method, [])
    except LakipError:
        return None
    hits = 0
    for figure in printed:
        attribute = AGGREGATE_ATTRIBUTE.get(figure.quantity)
        if attribute is None:
            continue
        parsed = figure.parsed()  # a malformed printed figure is the audit's to report
        if parsed is None:
            continue
        value = parsed.value
        computed = getattr(scored.root, attribute)
        hits += computed is not None and round_to(computed, places_of(value)) == value
    return hits
