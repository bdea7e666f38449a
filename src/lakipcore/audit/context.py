"""What every audit check receives."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import attrs

from lakipcore.audit.recompute import Recomputed
from lakipcore.methods import ScoringMethod
from lakipcore.model import Report
from lakipcore.results.scores import Problem, ReportScore

__all__ = ["AuditContext"]


@attrs.frozen
class AuditContext:
    """What every check sees: the report, each period's method, the scores, the recomputed
    figures, the indicators that could not be scored, and the file name."""

    report: Report
    methods: Mapping[str, ScoringMethod]
    score: ReportScore
    items: Sequence[Recomputed]
    problems: Sequence[Problem] = ()
    source: str | None = None
