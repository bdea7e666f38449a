"""The method of a period that names none: the aggregation that explains its printed office row.

A report file converted from a workbook, or written by hand, often names no method. The
aggregation is then the one whose office figures (achievement, absorption, performance),
rounded at the places the report prints them, agree with the most printed office figures; on
a tie, the first of :func:`~lakipcore.methods.aggregation_variants`, which is the default
aggregation (achievement pooled over every indicator, absorption Σ realisasi / Σ pagu: the
rules of ``pooled-sum``). A period whose office row is not printed at all gets that default.
The scoring records that it chose (``PeriodScore.inferred``), the method's description says
which way, and the audit reports it as a ``method-inferred`` note (docs/cli.md, "The method of
a report that names none").
"""

from __future__ import annotations

from typing import Final

import attrs

from lakipcore.errors import LakipError, MethodNotApplicableError
from lakipcore.i18n import M_
from lakipcore.methods import ScoringMethod, aggregation_variants
from lakipcore.model import PrintedFigure, Quantity, Report, ReportPeriod
from lakipcore.results.scores import PeriodScore
from lakipcore.rounding import places_of, round_to
from lakipcore.scoring.choice import PYTHON_OPTION
from lakipcore.scoring.engine import scored_period

__all__ = [
    "AGGREGATE_ATTRIBUTE",
    "DEFAULT_UNEXPLAINED",
    "DEFAULT_UNPRINTED",
    "INFERRED",
    "explained",
    "infer_method",
    "printed_office_figures",
]

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
_DEFAULT_RULES: Final = (
    "achievement pooled over every indicator of every unit, absorption Σ realisasi / Σ pagu "
    "(the rules of pooled-sum)"
)
INFERRED: Final = (
    "Inferred: the report names no method for the period; of the aggregations, this one gives "
    "the most figures of its printed office row."
)
"""The description of a method inferred from the printed office row."""
DEFAULT_UNPRINTED: Final = (
    "The default aggregation: the report names no method for the period and prints no office "
    f"row to infer one from; {_DEFAULT_RULES}."
)
"""The description of the default aggregation, for a period whose office row is not printed."""
DEFAULT_UNEXPLAINED: Final = (
    "The default aggregation: the report names no method for the period, and no aggregation "
    f"gives a figure of its printed office row; {_DEFAULT_RULES}."
)
"""The description of the default aggregation, for a period whose printed office row no
aggregation explains."""


def printed_office_figures(report: Report, key: str) -> tuple[PrintedFigure, ...]:
    """The office's printed figures of period ``key`` that an aggregation decides (its
    achievement, absorption and performance): what a method is inferred from."""
    block = report.root.at(key)
    if block is None:
        return ()
    return tuple(f for f in block.printed if f.quantity in AGGREGATE_ATTRIBUTE)


def explained(scored: PeriodScore, printed: tuple[PrintedFigure, ...]) -> int:
    """How many of the office's ``printed`` figures the office row of ``scored`` gives, each
    rounded at the places it is printed with (a malformed one gives none: the audit reports
    it)."""
    hits = 0
    for figure in printed:
        attribute = AGGREGATE_ATTRIBUTE.get(figure.quantity)
        parsed = figure.parsed()
        if attribute is None or parsed is None:
            continue
        value = parsed.value
        computed = getattr(scored.root, attribute)
        hits += computed is not None and round_to(computed, places_of(value)) == value
    return hits


def infer_method(report: Report, period: ReportPeriod) -> ScoringMethod:
    """The aggregation that explains most of ``period``'s printed office figures (the first
    of :func:`~lakipcore.methods.aggregation_variants`, the default aggregation, on a tie and
    when none is printed). Its description says which (:data:`INFERRED`,
    :data:`DEFAULT_UNPRINTED`, :data:`DEFAULT_UNEXPLAINED`)."""
    printed = printed_office_figures(report, period.key)
    best: tuple[int, ScoringMethod] | None = None
    failures: list[LakipError] = []
    for method in aggregation_variants(_INFERRED):
        try:
            scored = scored_period(report, period, method, [])
        except LakipError as error:
            failures.append(error)
            continue
        hits = explained(scored, printed)
        if best is None or hits > best[0]:
            best = (hits, method)
    if best is None:
        reason = failures[0].text  # every variant failed (there is always one)
        raise MethodNotApplicableError(
            M_(
                "no scoring method for {key}: the report names none, and no "
                "aggregation can score it ({reason}); pass {python_option} a method "
                "that fits its data",
                key=period.key,
                reason=reason,
                python_option=PYTHON_OPTION,
            ),
            field="method",
        )
    hits, method = best
    if hits:
        return attrs.evolve(method, description=INFERRED)
    return attrs.evolve(method, description=DEFAULT_UNEXPLAINED if printed else DEFAULT_UNPRINTED)
