"""lakipcore: exact, audited scoring of Indonesian performance-accountability reports.

>>> import lakipcore
>>> assessment = lakipcore.assess(lakipcore.load_example())
>>> lakipcore.format_percent(assessment.current.performance)
'116,13%'
>>> assessment.findings.summary()
{'error': 9, 'warning': 2, 'info': 14}

The façade holds what most callers need (``__all__``): loading and writing report files, the
one pass (:func:`assess`) and its parts, the main model types, methods, and the figure and
rounding helpers. Everything else lives in a documented public namespace, each with its own
``__all__`` and loaded on first use as an attribute of this package (``lakipcore.surveys``,
``lakipcore.audit``, ...): see :data:`NAMESPACES` and docs/index.md. Other submodules are
private and may change.

Names are loaded on first use (PEP 562): ``import lakipcore`` costs almost nothing, so a web
backend that only formats figures never pays for the scoring engine, python-dateutil's parser or
the survey presets. A name that used to be here and moved to a namespace still works, with a
``DeprecationWarning`` naming its new place.
"""

import importlib
import warnings
from typing import TYPE_CHECKING, Final

from lakipcore.errors import LakipError, LakipTypeError, LakipValueError, ReportFileError

if TYPE_CHECKING:
    # The namespaces, as attributes (a redundant alias re-exports a name to type checkers).
    from lakipcore import arrow as arrow
    from lakipcore import audit as audit
    from lakipcore import bulk as bulk
    from lakipcore import dates as dates
    from lakipcore import errors as errors
    from lakipcore import excel as excel
    from lakipcore import figures as figures
    from lakipcore import formats as formats
    from lakipcore import limits as limits
    from lakipcore import lke as lke
    from lakipcore import methods as methods
    from lakipcore import model as model
    from lakipcore import monitoring as monitoring
    from lakipcore import notation as notation
    from lakipcore import periods as periods
    from lakipcore import render as render
    from lakipcore import results as results
    from lakipcore import rounding as rounding
    from lakipcore import schemas as schemas
    from lakipcore import scoring as scoring
    from lakipcore import surveys as surveys
    from lakipcore.assessment import assess
    from lakipcore.figures import (
        format_number,
        format_percent,
        format_rupiah,
        parse_figure,
        parse_number,
    )
    from lakipcore.formats import (
        dump_report,
        load_any,
        load_example,
        load_report,
        loads_report,
        write_report,
    )
    from lakipcore.formats.batch import load_many
    from lakipcore.methods import ScoringMethod, get_method
    from lakipcore.methods.formulas import capaian
    from lakipcore.model import (
        BudgetLine,
        BudgetOutput,
        Indicator,
        IndicatorPeriod,
        MeasureKind,
        Polarity,
        Realisation,
        Report,
        ReportPeriod,
        Target,
        Unit,
        UnitPeriod,
    )
    from lakipcore.model.rollup import rollup
    from lakipcore.results import Assessment, ReportScore
    from lakipcore.rounding import Rounding, round_to
    from lakipcore.scoring import score_period, score_report

__version__ = "0.1.0.dev0"

_EAGER: Final = ("LakipError", "LakipTypeError", "LakipValueError", "ReportFileError")
"""The error classes every caller catches: imported with the package (a small module)."""

# The one list of the façade's lazy names: (module, names). __all__ and the lazy table are
# made from it; tests/test_api.py checks that the TYPE_CHECKING imports above say the same.
_PUBLIC: Final = (
    (
        "lakipcore.formats",
        (
            "dump_report",
            "load_any",
            "load_example",
            "load_report",
            "loads_report",
            "write_report",
        ),
    ),
    ("lakipcore.formats.batch", ("load_many",)),
    ("lakipcore.model.rollup", ("rollup",)),
    ("lakipcore.assessment", ("assess",)),
    ("lakipcore.results", ("Assessment", "ReportScore")),
    ("lakipcore.scoring", ("score_period", "score_report")),
    (
        "lakipcore.model",
        (
            "BudgetLine",
            "BudgetOutput",
            "Indicator",
            "IndicatorPeriod",
            "MeasureKind",
            "Polarity",
            "Realisation",
            "Report",
            "ReportPeriod",
            "Target",
            "Unit",
            "UnitPeriod",
        ),
    ),
    ("lakipcore.methods", ("ScoringMethod", "get_method")),
    ("lakipcore.methods.formulas", ("capaian",)),
    (
        "lakipcore.figures",
        ("format_number", "format_percent", "format_rupiah", "parse_figure", "parse_number"),
    ),
    ("lakipcore.rounding", ("Rounding", "round_to")),
)

NAMESPACES: Final = (
    "arrow",
    "audit",
    "bulk",
    "dates",
    "errors",
    "excel",
    "figures",
    "formats",
    "limits",
    "lke",
    "methods",
    "model",
    "monitoring",
    "notation",
    "periods",
    "render",
    "results",
    "rounding",
    "schemas",
    "scoring",
    "surveys",
)
"""The documented public namespaces, each a module with its own ``__all__``, loaded on first
use as ``lakipcore.<name>``."""

_LAZY: Final = {name: module for module, names in _PUBLIC for name in names}

# Names the façade exported before it was made small, and the namespace each lives in now.
_MOVED: Final = {
    **dict.fromkeys(
        (
            "DateRange",
            "format_date",
            "format_date_range",
            "format_dates",
            "parse_date",
            "parse_date_range",
            "parse_dates",
            "parse_when",
        ),
        "lakipcore.dates",
    ),
    **dict.fromkeys(
        ("NOT_TARGETED", "Figure", "NotTargeted", "format_figure", "parse_cell"),
        "lakipcore.figures",
    ),
    **dict.fromkeys(
        (
            "KANWIL_TABLES",
            "Accumulation",
            "Budget",
            "Column",
            "ColumnKind",
            "Comparison",
            "Condition",
            "DerivedFigure",
            "Direction",
            "EvidenceTable",
            "Formula",
            "Measure",
            "Origin",
            "PeriodKind",
            "PrintedFigure",
            "Quantity",
            "ReportTable",
            "PlannedBudget",
            "PlannedOutput",
            "ReportedAbsorption",
            "Revision",
            "RevisionKind",
            "RowCheck",
            "Rule",
            "SpendingType",
            "Subtotal",
            "RuleOp",
            "Support",
            "TableKind",
            "TableScope",
            "TableTotal",
            "read_cell",
        ),
        "lakipcore.model",
    ),
    **dict.fromkeys(
        ("Period", "bulan", "parse_period", "semester", "tahun_anggaran", "triwulan"),
        "lakipcore.periods",
    ),
    "explaining_rounding": "lakipcore.rounding",
    **dict.fromkeys(
        (
            "ALIASES",
            "PRESETS",
            "AbsorptionAggregation",
            "AchievementAggregation",
            "PerformanceWeights",
            "ZeroTargetPolicy",
        ),
        "lakipcore.methods",
    ),
    **dict.fromkeys(
        (
            "Change",
            "IndicatorChange",
            "IndicatorScore",
            "OutputScore",
            "PeriodChange",
            "PeriodScore",
            "UnitChange",
            "UnitScore",
            "Findings",
        ),
        "lakipcore.results",
    ),
    **dict.fromkeys(
        ("absorption", "performance", "relative_change", "yoy_points", "score_indicator"),
        "lakipcore.scoring",
    ),
    "rule_value": "lakipcore.scoring.evidence",
    **dict.fromkeys(("CATALOGUE", "NamedFormula", "get_formula"), "lakipcore.methods.catalogue"),
    **dict.fromkeys(
        (
            "GRADE_TABLES",
            "SCALES",
            "Band",
            "Criterion",
            "GapReading",
            "GradeTable",
            "PeduliHamResult",
            "Scale",
            "WbkCandidacy",
            "composite_mean",
            "convert",
            "get_grade_table",
            "get_scale",
            "ikm_from_elements",
            "mean_of_scores",
            "peduli_ham",
            "wbk_candidacy",
        ),
        "lakipcore.surveys",
    ),
    **dict.fromkeys(("BatchResult", "BatchFile"), "lakipcore.formats.batch"),
    **dict.fromkeys(("read_workbook", "write_workbook"), "lakipcore.excel"),
    "as_rows": "lakipcore.arrow",
    **dict.fromkeys(
        ("render_html", "render_score_text", "render_findings", "score_to_dict"),
        "lakipcore.render",
    ),
    "findings_to_dict": "lakipcore.audit",
    "load_schema": "lakipcore.schemas",
    "build_report": "lakipcore.formats",
    "Notation": "lakipcore.notation",
    **dict.fromkeys(("DEFAULT_LIMITS", "Limits"), "lakipcore.limits"),
    **dict.fromkeys(
        (
            "FigureFormatError",
            "InvalidValueError",
            "MethodNotApplicableError",
            "UndefinedCapaianError",
            "UnknownNameError",
            "ZeroTargetError",
        ),
        "lakipcore.errors",
    ),
}


def __getattr__(name: str) -> object:
    module = _LAZY.get(name)
    if module is not None:
        value = getattr(importlib.import_module(module), name)
    elif name in NAMESPACES:
        value = importlib.import_module(f"lakipcore.{name}")
    elif name in _MOVED:
        new = _MOVED[name]
        warnings.warn(
            f"lakipcore.{name} has moved to {new}.{name}; the old path goes in lakipcore 0.3",
            DeprecationWarning,
            stacklevel=2,
        )
        return getattr(importlib.import_module(new), name)
    else:
        raise AttributeError(f"module 'lakipcore' has no attribute {name!r}")
    globals()[name] = value  # later lookups skip __getattr__
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY) | set(NAMESPACES))


# Literal, for type checkers; tests/test_api.py checks it is _EAGER, _LAZY and __version__.
__all__ = [
    "Assessment",
    "BudgetLine",
    "BudgetOutput",
    "Indicator",
    "IndicatorPeriod",
    "LakipError",
    "LakipTypeError",
    "LakipValueError",
    "MeasureKind",
    "Polarity",
    "Realisation",
    "Report",
    "ReportFileError",
    "ReportPeriod",
    "ReportScore",
    "Rounding",
    "ScoringMethod",
    "Target",
    "Unit",
    "UnitPeriod",
    "__version__",
    "assess",
    "capaian",
    "dump_report",
    "format_number",
    "format_percent",
    "format_rupiah",
    "get_method",
    "load_any",
    "load_example",
    "load_many",
    "load_report",
    "loads_report",
    "parse_figure",
    "parse_number",
    "rollup",
    "round_to",
    "score_period",
    "score_report",
    "write_report",
]
