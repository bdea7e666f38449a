"""Rows, Arrow tables and DataFrames of an assessment (docs/dataframes.md): the public namespace.

The functions live in :mod:`lakipcore.render.arrow` (they write results, as the other
renderers do) and the one schema of the score tables in :mod:`lakipcore.results.tables`.
"""

from lakipcore.render.arrow import (
    FINDING_COLUMNS,
    ROW_COLUMNS,
    as_rows,
    findings_as_rows,
    findings_to_arrow,
    score_tables,
    table_rows,
    to_arrow,
    to_pandas,
    to_polars,
)
from lakipcore.results.tables import BULK_COLUMNS, TABLES, ScoreTables, arrow_schema

__all__ = [
    "BULK_COLUMNS",
    "FINDING_COLUMNS",
    "ROW_COLUMNS",
    "TABLES",
    "ScoreTables",
    "arrow_schema",
    "as_rows",
    "findings_as_rows",
    "findings_to_arrow",
    "score_tables",
    "table_rows",
    "to_arrow",
    "to_pandas",
    "to_polars",
]
