"""The typed domain model: periods, a tree of units, indicators, budgets, printed figures,
evidence and the tables of the report, each parsed object with its origin.

All value objects are frozen ``attrs`` classes with slots; change one with ``attrs.evolve``.
(:class:`Origin`, of which a loaded report holds millions, is a smaller slotted class of its
own, immutable too.)
Numbers are ``Decimal`` (``int`` is accepted and converted); ``float`` and ``str`` are refused.
"""

from lakipcore.model.budget import (
    Budget,
    BudgetLine,
    BudgetOutput,
    PlannedBudget,
    PlannedOutput,
    ReportedAbsorption,
    Revision,
    RevisionKind,
    SpendingType,
    Subtotal,
)
from lakipcore.model.codes import check_code
from lakipcore.model.derived import DerivedFigure, Reference
from lakipcore.model.evidence import (
    Column,
    ColumnKind,
    EvidenceTable,
    RowCheck,
    Support,
    TableTotal,
    read_cell,
)
from lakipcore.model.indicator import (
    Accumulation,
    Formula,
    Indicator,
    IndicatorPeriod,
    Measure,
    MeasureKind,
    Phasing,
    Polarity,
    Realisation,
    Target,
    ToDate,
)
from lakipcore.model.origin import Origin
from lakipcore.model.period import PeriodKind, ReportPeriod, comparable_pairs
from lakipcore.model.plan import Baseline, EndOfPlan
from lakipcore.model.printed import PrintedFigure, PrintedFigures, Quantity
from lakipcore.model.report import Report
from lakipcore.model.rules import Comparison, Condition, Direction, Rule, RuleOp
from lakipcore.model.tables import (
    KANWIL_TABLES,
    ColumnUnit,
    ReportTable,
    TableColumn,
    TableKind,
    TableScope,
)
from lakipcore.model.unit import MAX_LEVELS, Unit, UnitPeriod

__all__ = [
    "KANWIL_TABLES",
    "MAX_LEVELS",
    "Accumulation",
    "Baseline",
    "Budget",
    "BudgetLine",
    "BudgetOutput",
    "Column",
    "ColumnKind",
    "ColumnUnit",
    "Comparison",
    "Condition",
    "DerivedFigure",
    "Direction",
    "EndOfPlan",
    "EvidenceTable",
    "Formula",
    "Indicator",
    "IndicatorPeriod",
    "Measure",
    "MeasureKind",
    "Origin",
    "PeriodKind",
    "Phasing",
    "PlannedBudget",
    "PlannedOutput",
    "Polarity",
    "PrintedFigure",
    "PrintedFigures",
    "Quantity",
    "Realisation",
    "Reference",
    "Report",
    "ReportPeriod",
    "ReportTable",
    "ReportedAbsorption",
    "Revision",
    "RevisionKind",
    "RowCheck",
    "Rule",
    "RuleOp",
    "SpendingType",
    "Subtotal",
    "Support",
    "TableColumn",
    "TableKind",
    "TableScope",
    "TableTotal",
    "Target",
    "ToDate",
    "Unit",
    "UnitPeriod",
    "check_code",
    "comparable_pairs",
    "read_cell",
]
