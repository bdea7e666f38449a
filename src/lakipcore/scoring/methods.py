"""Scoring methods moved to :mod:`lakipcore.methods`; this module keeps the old import path."""

from lakipcore.methods import (
    ALIASES,
    PRESETS,
    AbsorptionAggregation,
    AchievementAggregation,
    ScoringMethod,
    ZeroTargetPolicy,
    aggregation_variants,
    get_method,
    known_names,
)

__all__ = [
    "ALIASES",
    "PRESETS",
    "AbsorptionAggregation",
    "AchievementAggregation",
    "ScoringMethod",
    "ZeroTargetPolicy",
    "aggregation_variants",
    "get_method",
    "known_names",
]
