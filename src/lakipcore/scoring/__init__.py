"""Scoring: resolve a report's periods into flat facts, then compute every figure from them.

``score_report`` scores every period and the changes between them; ``score_period`` one
period; ``score_indicator`` one indicator. The formulas and the methods they read live in
:mod:`lakipcore.methods` (re-exported here); the results in :mod:`lakipcore.results`.
"""

from lakipcore.methods import (
    PRESETS,
    AbsorptionAggregation,
    AchievementAggregation,
    ScoringMethod,
    ZeroTargetPolicy,
    get_method,
)
from lakipcore.methods.formulas import (
    PerformanceWeights,
    absorption,
    capaian,
    performance,
    relative_change,
    yoy_points,
)
from lakipcore.results.scores import (
    Change,
    DerivedScore,
    IndicatorChange,
    IndicatorScore,
    OutputScore,
    PeriodChange,
    PeriodScore,
    Problem,
    ProgrammeScore,
    ReportScore,
    UnitChange,
    UnitScore,
)
from lakipcore.scoring.choice import MethodChoice, check_method_choice, resolve_method
from lakipcore.scoring.engine import score_indicator, score_period
from lakipcore.scoring.report import score_report

__all__ = [
    "PRESETS",
    "AbsorptionAggregation",
    "AchievementAggregation",
    "Change",
    "DerivedScore",
    "IndicatorChange",
    "IndicatorScore",
    "MethodChoice",
    "OutputScore",
    "PerformanceWeights",
    "PeriodChange",
    "PeriodScore",
    "Problem",
    "ProgrammeScore",
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
    "yoy_points",
]
