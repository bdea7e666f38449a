"""The workbook layout of a worksheet: sheet names, the header block's labels, the columns,
and the few helpers the writer and the reader share (the package docs describe the layout)."""

from __future__ import annotations

import re
from typing import Final

from lakipcore.i18n import M_, N_

__all__ = ["FINDINGS_SHEET", "SCORES_SHEET", "WORKSHEET_SHEET"]

WORKSHEET_SHEET: Final = N_("Worksheet")
"""The name of the worksheet sheet (Indonesian ``LKE``)."""
SCORES_SHEET: Final = N_("Scores")
"""The name of the scores sheet :func:`write_workbook` adds (Indonesian ``Nilai``)."""
FINDINGS_SHEET: Final = N_("Findings")
"""The name of the findings sheet :func:`write_workbook` adds (Indonesian ``Temuan``)."""

# The header block's labels.
DESIGN: Final = N_("Design")
UNIT: Final = N_("Unit code")
NAME: Final = N_("Unit name")
YEAR: Final = N_("Year")
LAYERS: Final = N_("Score layers")
LABELS: Final = (
    ("design", DESIGN),
    ("unit", UNIT),
    ("name", NAME),
    ("year", YEAR),
    ("layers", LAYERS),
)

# The worksheet's columns.
COMPONENT: Final = N_("Component")
PART: Final = N_("Sub-component")
CODE: Final = N_("Criterion code")
TEXT: Final = N_("Criterion")
WEIGHT: Final = N_("Weight")
LAYER: Final = N_("Score {layer}")
EVIDENCE: Final = N_("Evidence (%)")
NOTE: Final = N_("Note")
NUMBER: Final = N_("No.")
COLUMNS: Final = (
    ("component", COMPONENT),
    ("part", PART),
    ("code", CODE),
    ("text", TEXT),
    ("weight", WEIGHT),
    ("evidence", EVIDENCE),
    ("note", NOTE),
    ("number", NUMBER),
)
NOT_READ: Final = frozenset({"component", "part", "text", "number"})

# The scores and findings sheets.
LEVEL: Final = N_("Level")
ID: Final = N_("Code")
ITEM: Final = N_("Name")
POINTS: Final = N_("Points {layer}")
EXACT: Final = N_("Points {layer}, exact")
TOTAL: Final = N_("Total")
PREDIKAT: Final = N_("Predikat (simulation)")
UNANSWERED: Final = N_("Unanswered")
NOT_SCORED: Final = N_("Not scored")
SEVERITY: Final = N_("Severity")
WHERE: Final = N_("Where")
WRITTEN: Final = N_("Written")
RECOMPUTED: Final = N_("Recomputed")
MESSAGE: Final = N_("Message")
ANSWER_ERROR: Final = N_("Choose one of the answers of the criterion's scale")
EVIDENCE_ERROR: Final = N_("A percentage from 0 to 100")

HEADER_ROW: Final = 7  # 1-based: the block's five rows, a blank row, the table's header
SCAN_ROWS: Final = 100  # how far down the reader looks for the table's header
LIST_LIMIT: Final = 255  # the longest list a data validation holds
EXCEL_DIGITS: Final = 15  # the significant digits a cell's number keeps, as Excel shows it
HEADER_FILL: Final = "DDEBF7"
INPUT_FILL: Final = "FFF2CC"
WIDTHS: Final = {"component": 24, "part": 30, "code": 12, "text": 60, "weight": 8, "note": 40}


def reference(sheet: str, cell: str) -> str:
    """``Sheet!C12``, the sheet's name quoted where a reference needs it."""
    if not re.fullmatch(r"[A-Za-z0-9_]+", sheet):
        sheet = "'" + sheet.replace("'", "''") + "'"
    return f"{sheet}!{cell}"


def layer_header(layer: str, lang: str) -> str:
    return M_(LAYER, layer=layer).render(lang)
