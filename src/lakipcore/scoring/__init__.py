"""Scoring: the formulas, the named methods, and the engine that applies them to a report."""

from lakipcore.methods.formulas import (
    PerformanceWeights,
    absorption,
    capaian,
    performance,
    relative_change,
    yoy_points,
)
from lakipcore.scoring.engine import (
    MethodChoice,
    Problem,
    check_method_choice,
    resolve_method,
    score_indicator,
    score_period,
    score_report,
)
from lakipcore.scoring.export import JSON_SCHEMA, score_to_dict
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
    OutputScore,
    PeriodChange,
    PeriodScore,
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
    "MethodChoice",
    "OutputScore",
    "PerformanceWeights",
    "PeriodChange",
    "PeriodScore",
    "Problem",
    "ReportScore",
    "ScoringMethod",
    "UnitChange",
    "UnitScore",
    "ZeroTargetPolicy",
    "absorption",
    "capaian",
    "check_method_choice",
    "get_method",
    "performance",
    "relative_change",
    "resolve_method",
    "score_indicator",
    "score_period",
    "score_report",
    "score_to_dict",
    "yoy_points",
]
