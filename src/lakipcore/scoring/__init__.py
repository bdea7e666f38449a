"""Scoring: the formulas, the named methods, and the engine that applies them to a report."""

from lakipcore.scoring.engine import score_indicator, score_report, score_unit, score_year
from lakipcore.scoring.export import JSON_SCHEMA, score_to_dict
from lakipcore.scoring.formulas import (
    PerformanceWeights,
    absorption,
    capaian,
    performance,
    relative_change,
    yoy_points,
)
from lakipcore.scoring.methods import (
    PRESETS,
    AbsorptionAggregation,
    AchievementAggregation,
    ScoringMethod,
    ZeroTargetPolicy,
    get_method,
)
from lakipcore.scoring.results import (
    Change,
    IndicatorChange,
    IndicatorScore,
    OfficeScore,
    OutputScore,
    ReportScore,
    UnitChange,
    UnitScore,
)

__all__ = [
    "JSON_SCHEMA",
    "PRESETS",
    "AbsorptionAggregation",
    "AchievementAggregation",
    "Change",
    "IndicatorChange",
    "IndicatorScore",
    "OfficeScore",
    "OutputScore",
    "PerformanceWeights",
    "ReportScore",
    "ScoringMethod",
    "UnitChange",
    "UnitScore",
    "ZeroTargetPolicy",
    "absorption",
    "capaian",
    "get_method",
    "performance",
    "relative_change",
    "score_indicator",
    "score_report",
    "score_to_dict",
    "score_unit",
    "score_year",
    "yoy_points",
]
