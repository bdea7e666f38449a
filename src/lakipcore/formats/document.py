"""The keys of the report document, defined once (docs/format.md).

A report file (TOML), lakipcore's workbook layout and the JSON Schema ``lakip schema report``
describe one document. Its sections and their keys are named here, and every part that reads or
writes the document reads them from here: the TOML reader allows exactly these keys in each
table (an unknown one is an error naming it), the writer writes them, the workbook's data
columns carry them, and tests/test_schemas.py checks the JSON Schema's properties against
them. A new key is added here, and the tests show every place that must learn it.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Final

# and a constant per section
__all__ = ["ORIGINAL", "PLAN", "REVISIONS", "SECTIONS", "SUBTOTALS", "TYPE"]

# The keys of a programme's budget that describe how its pagu came about (docs/format.md,
# "Budgets"), spelled once: the reader, the writer and both workbook directions use these.
ORIGINAL: Final = "original"
"""The pagu awal (the first DIPA)."""
REVISIONS: Final = "revisions"
"""The revisions from the pagu awal to the pagu, in order."""
PLAN: Final = "plan"
"""The disbursement planned to the end of the period (RPD)."""
TYPE: Final = "type"
"""An output's type of spending (jenis belanja)."""
SUBTOTALS: Final = "subtotals"
"""A programme's printed subtotals per type of spending."""

TOP: Final = frozenset(
    {"schema", "report", "methods", "grades", "periods", "tables", "office", "units"}
)
REPORT: Final = frozenset({"title", "source", "main", "notation", "grading"})
PERIOD: Final = frozenset({"key", "method", "planned", "title"})
TABLE: Final = frozenset({"id", "kind", "title", "scope", "notation", "columns"})
TABLE_COLUMN: Final = frozenset({"notation", "unit"})
"""What a table's column header states (``columns = { capaian = { unit = "%" } }``)."""
PRINTED_TEXT: Final = frozenset({"text", "notation", "working"})
"""A printed figure that states its own notation or the working printed beside it:
``{ text = "102,43", notation = "..." }``, ``{ text = "100%", working = "169 / 169 × 100%" }``."""
UNIT: Final = frozenset({"code", "name", "parent", "periods", "indicators"})
OFFICE: Final = UNIT - {"parent"}
UNIT_PERIOD: Final = frozenset({"printed", "budget", "evidence", "derived"})
PROGRAMME: Final = frozenset(
    {"programme", "outputs", "printed", ORIGINAL, REVISIONS, PLAN, SUBTOTALS}
)
RATE: Final = frozenset({"absorption", "printed"})
OUTPUT: Final = frozenset(
    {"code", "name", "pagu", "realisation", "printed", TYPE, ORIGINAL, REVISIONS, PLAN}
)
REVISION: Final = frozenset({"kind", "amount", "note"})
SUBTOTAL: Final = frozenset({TYPE, "printed"})
INDICATOR: Final = frozenset(
    {
        "code",
        "name",
        "goal",
        "polarity",
        "formula",
        "accumulation",
        "to-date",
        "phasing",
        "kind",
        "ordinal",
        "baseline",
        "end-of-plan",
        "periods",
    }
)
INDICATOR_PERIOD: Final = frozenset(
    {"target", "realisation", "scale", "derive", "supports", "accumulate", "printed"}
)
EVIDENCE: Final = frozenset({"id", "title", "columns", "rows", "totals", "row-checks", "notation"})
COLUMN: Final = frozenset({"name", "kind", "scale", "grades", "of"})
TOTAL: Final = frozenset({"rule", "printed", "place", "grades"})
ROW_CHECK: Final = frozenset({"column", "sum", "mean"})
CONDITION: Final = frozenset({"column", "op", "value"})
RULE: Final = frozenset(
    {"rows", "sum", "mean", "ratio", "change", "direction", "table", "where", "scale", "period"}
)
RATIO: Final = frozenset({"of", "to"})
"""A ratio rule's operands: ``ratio = { of = { rule }, to = { rule } }``."""
CHANGE: Final = frozenset({"from", "to"})
"""A change rule's operands: ``change = { from = { rule }, to = { rule } }``."""
SUPPORT: Final = RULE | {"against"}
METHOD: Final = frozenset(
    {
        "base",
        "description",
        "achievement",
        "absorption",
        "lower-is-better",
        "cap",
        "zero-target",
        "rounding",
        "weights",
        "absorption-base",
        "plausibility",
    }
)
WEIGHTS: Final = frozenset({"achievement", "absorption"})
PLAUSIBILITY: Final = frozenset(
    {"percent-realisation", "capaian", "count-capaian", "indicator-share", "slip-factor"}
)
GRADE_TABLE: Final = frozenset({"source", "note", "gaps", "bands", "scale"})
BAND: Final = frozenset({"from", "to", "letter", "label", "from-inclusive", "to-inclusive"})
SCALE: Final = frozenset({"low", "high"})
DERIVED: Final = frozenset({"key", "formula", "inputs", "parameters", "printed"})
GRADE_FILE: Final = frozenset({"grades", "notation"})
"""A standalone file of grade tables (``lakip grade --table FILE:NAME``)."""

SECTIONS: Final[Mapping[str, frozenset[str]]] = MappingProxyType(
    {
        "top": TOP,
        "report": REPORT,
        "period": PERIOD,
        "table": TABLE,
        "table-column": TABLE_COLUMN,
        "printed-text": PRINTED_TEXT,
        "unit": UNIT,
        "office": OFFICE,
        "unit-period": UNIT_PERIOD,
        "programme": PROGRAMME,
        "rate": RATE,
        "output": OUTPUT,
        "revision": REVISION,
        "subtotal": SUBTOTAL,
        "indicator": INDICATOR,
        "indicator-period": INDICATOR_PERIOD,
        "evidence": EVIDENCE,
        "column": COLUMN,
        "total": TOTAL,
        "row-check": ROW_CHECK,
        "condition": CONDITION,
        "rule": RULE,
        "ratio": RATIO,
        "change": CHANGE,
        "support": SUPPORT,
        "method": METHOD,
        "weights": WEIGHTS,
        "plausibility": PLAUSIBILITY,
        "grade-table": GRADE_TABLE,
        "band": BAND,
        "scale": SCALE,
        "derived": DERIVED,
    }
)
"""Every table of the document and the keys it may hold."""
