"""What every audit check receives."""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from lakipcore.audit.recompute import Recomputed
from lakipcore.model import Report
from lakipcore.scoring import ScoringMethod

__all__ = ["AuditContext"]


@attrs.frozen
class AuditContext:
    """What every check sees: the report, the methods, the recomputed figures, the file name."""

    report: Report
    method: ScoringMethod
    previous_method: ScoringMethod | None
    items: Sequence[Recomputed]
    source: str | None = None
