"""The typed domain model: indicators, budgets, units, office years and reports.

All value objects are frozen ``attrs`` classes with slots; change one with ``attrs.evolve``.
Numbers are ``Decimal`` (``int`` is accepted and converted); ``float`` and ``str`` are refused.
"""

from lakipcore.model.budget import Budget, BudgetLine, BudgetOutput, ReportedAbsorption
from lakipcore.model.evidence import (
    Column,
    ColumnKind,
    Comparison,
    Condition,
    EvidenceTable,
    RowCheck,
    Rule,
    RuleOp,
    Support,
    TableTotal,
    read_cell,
)
from lakipcore.model.indicator import Formula, Indicator, MeasureKind, Polarity, Realisation, Target
from lakipcore.model.printed import Place, PrintedFigure, PrintedFigures, Quantity
from lakipcore.model.report import OfficeYear, Report, UnitPerformance

__all__ = [
    "Budget",
    "BudgetLine",
    "BudgetOutput",
    "Column",
    "ColumnKind",
    "Comparison",
    "Condition",
    "EvidenceTable",
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
    "RowCheck",
    "Rule",
    "RuleOp",
    "Support",
    "TableTotal",
    "Target",
    "UnitPerformance",
    "read_cell",
]
