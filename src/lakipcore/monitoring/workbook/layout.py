"""The monitoring workbook's layout: its sheets, the block above the header, the columns, and
the words the writer and the reader share (the package docs describe the layout)."""

from __future__ import annotations

import re
from typing import Final, Literal

from lakipcore.i18n import N_

__all__ = ["MONITORING_SHEET", "RESULT_SHEET"]

MONITORING_SHEET: Final = N_("Monitoring")
"""The name of the sheet of targets and realisations (Indonesian ``Monitoring``)."""
RESULT_SHEET: Final = N_("Monitoring result")
"""The name of the sheet of the monitoring itself, written for people and never read."""

# The block above the header row.
OFFICE_CODE: Final = N_("Office code")
OFFICE_NAME: Final = N_("Office name")
METHOD: Final = N_("Scoring method")
YEAR: Final = N_("Year")
BLOCK: Final = (("office-code", OFFICE_CODE), ("office-name", OFFICE_NAME), ("method", METHOD))

# The columns of the monitoring sheet: (key, header), the report file's field for the
# indicator's own columns.
COLUMNS: Final = (
    ("unit", N_("Unit code")),
    ("unit-name", N_("Unit name")),
    ("code", N_("Indicator code")),
    ("name", N_("Indicator name")),
    ("to-date", N_("To-date method")),
    ("label", N_("Unit of measure")),
    ("polarity", N_("Polarity")),
    ("formula", N_("Formula")),
    ("kind", N_("Kind of figures")),
    ("ordinal", N_("Predikat scale")),
    ("scale", N_("Index scale")),
    ("phasing", N_("Phasing")),
    ("baseline", N_("Baseline")),
    ("baseline-year", N_("Baseline year")),
)
REQUIRED: Final = ("unit", "unit-name", "code", "name")
ALWAYS: Final = ("unit", "unit-name", "code", "name", "to-date", "label", "polarity")
TARGET: Final = N_("Target {period}")
REALISATION: Final = N_("Realisation {period}")
# The layout's own words, read whatever the catalogue says: the sheet offices keep.
TARGET_WORDS: Final = frozenset({"target"})
REALISATION_WORDS: Final = frozenset({"realisasi", "realisation"})
TO_DATE_WORDS: Final = {"kumulatif": "cumulative", "terakhir": "latest"}
PERCENT_LABELS: Final = frozenset({"%", "persen", "percent"})

# The columns of the result sheet.
RESULT_COLUMNS: Final = (
    ("unit", N_("Unit code")),
    ("unit-name", N_("Unit name")),
    ("code", N_("Indicator code")),
    ("name", N_("Indicator name")),
    ("to-date", N_("To-date method")),
    ("trajectory", N_("Trajectory")),
    ("used", N_("Periods used")),
    ("missing", N_("Periods without a realisation")),
    ("annual", N_("Target of the year")),
    ("target", N_("Target to date")),
    ("realised", N_("Realised to date")),
    ("capaian", N_("Capaian to date (%)")),
    ("status", N_("Status")),
    ("reason", N_("Reason")),
    ("projection", N_("Projection at the year's end")),
    ("projected", N_("Projected capaian (%)")),
    ("projection-method", N_("Projection method")),
    ("projection-note", N_("Projection note")),
)
PROJECTION_KEYS: Final = frozenset(
    {"projection", "projected", "projection-method", "projection-note"}
)

SCAN_ROWS: Final = 30
HEADER_FILL: Final = "DDEBF7"
PROJECTION_FILL: Final = "EDEDED"
BARE_NUMBER: Final = re.compile(r"[+\-\u2212]?[0-9][0-9.,]*")
NA: Final = "n/a"

Kind = Literal["triwulan", "monthly"]
