"""Monitoring during the year: capaian to date, status against the trajectory, projection to the
year's end (docs/monitoring.md).

:func:`monitor` reads an :class:`~lakipcore.Assessment`, so the realisations it works with are
those the one pass scored (stated, derived from evidence, accumulated). A status is judged with
the tolerance of :class:`MonitoringRules`; a projection is always marked as one.
"""

from __future__ import annotations

from lakipcore.monitoring.budget import (
    TRAJECTORIES,
    AbsorptionTrajectory,
    BudgetExecution,
    PeriodExecution,
    TypeExecution,
    Weighting,
)
from lakipcore.monitoring.engine import monitor
from lakipcore.monitoring.progress import IndicatorProgress, Monitoring, UnitProgress
from lakipcore.monitoring.rules import (
    DEFAULT_RULES,
    MonitoringRules,
    ProjectionMethod,
    Status,
    Trajectory,
)

__all__ = [
    "DEFAULT_RULES",
    "TRAJECTORIES",
    "AbsorptionTrajectory",
    "BudgetExecution",
    "IndicatorProgress",
    "Monitoring",
    "MonitoringRules",
    "PeriodExecution",
    "ProjectionMethod",
    "Status",
    "Trajectory",
    "TypeExecution",
    "UnitProgress",
    "Weighting",
    "monitor",
]
