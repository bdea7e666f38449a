"""Methodologies as data: scoring methods, their parts, and the presets.

How a report turns indicators and budgets into a unit's and an office's figures differs between
ministries, provinces and years. Each choice is a named part of a :class:`ScoringMethod`; the
presets name the common combinations, and a report file may define its own methods
(``[methods.NAME]``, docs/format.md).
"""

from lakipcore.methods.method import (
    AbsorptionAggregation,
    AbsorptionBase,
    AchievementAggregation,
    PerformanceWeights,
    ScoringMethod,
    ZeroTargetPolicy,
)
from lakipcore.methods.plausibility import DEFAULT_PLAUSIBILITY, Plausibility
from lakipcore.methods.presets import (
    ALIASES,
    PRESETS,
    aggregation_variants,
    get_method,
    known_names,
)

__all__ = [
    "ALIASES",
    "DEFAULT_PLAUSIBILITY",
    "PRESETS",
    "AbsorptionAggregation",
    "AbsorptionBase",
    "AchievementAggregation",
    "PerformanceWeights",
    "Plausibility",
    "ScoringMethod",
    "ZeroTargetPolicy",
    "aggregation_variants",
    "get_method",
    "known_names",
]
