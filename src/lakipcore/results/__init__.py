"""What one pass over a report gives: the scores, the audit's findings, the assessment of both,
and the one table schema both engines fill. The results hold values; they import no engine,
no audit and no renderer (they are shown through :mod:`lakipcore._display`).
"""

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lakipcore.results.assessment import Assessment
    from lakipcore.results.findings import (
        Finding,
        FindingCode,
        Findings,
        Location,
        Severity,
        Subject,
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
    from lakipcore.results.tables import ScoreTables

__all__ = [
    "Assessment",
    "Change",
    "DerivedScore",
    "Finding",
    "FindingCode",
    "Findings",
    "IndicatorChange",
    "IndicatorScore",
    "Location",
    "OutputScore",
    "PeriodChange",
    "PeriodScore",
    "Problem",
    "ProgrammeScore",
    "ReportScore",
    "ScoreTables",
    "Severity",
    "Subject",
    "UnitChange",
    "UnitScore",
]

# Loaded on first use: a caller of the scores alone (lakip score) never loads the findings.
_MODULES = {
    "Assessment": "assessment",
    "ScoreTables": "tables",
    **dict.fromkeys(
        ("Finding", "FindingCode", "Findings", "Location", "Severity", "Subject"), "findings"
    ),
}


def __getattr__(name: str) -> object:
    if name not in __all__:
        raise AttributeError(f"module 'lakipcore.results' has no attribute {name!r}")
    module = importlib.import_module(f"lakipcore.results.{_MODULES.get(name, 'scores')}")
    return getattr(module, name)
