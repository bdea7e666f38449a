"""The typed domain model: indicators, budgets, units, office years and reports.

All value objects are frozen ``attrs`` classes with slots; change one with ``attrs.evolve``.
Numbers are ``Decimal`` (``int`` is accepted and converted); ``float`` and ``str`` are refused.
"""

from lakipcore.model.budget import Budget, BudgetLine, BudgetOutput, ReportedAbsorption
from lakipcore.model.indicator import Formula, Indicator, MeasureKind, Polarity, Realisation, Target
from lakipcore.model.printed import Place, PrintedFigure, PrintedFigures, Quantity
from lakipcore.model.report import OfficeYear, Report, UnitPerformance

__all__ = [
    "Budget",
    "BudgetLine",
    "BudgetOutput",
    "Formula",
    "Indicator",
    "MeasureKind",
    "OfficeYear",
    "Place",
    "Polarity",
    "PrintedFigure",
    "PrintedFigures",
    "Quantity",
    "Realisation",
    "Report",
    "ReportedAbsorption",
    "Target",
    "UnitPerformance",
]
