"""Rows, Arrow tables and DataFrames of an assessment (docs/dataframes.md): the public namespace.

The functions live in :mod:`lakipcore.render.arrow` (they write results, as the other
renderers do) and the one schema of the score tables in :mod:`lakipcore.results.tables`.
"""

from lakipcore.render.arrow import (
    CHANGE_COLUMNS,
    FINDING_COLUMNS,
    FRAMES,
    ROW_COLUMNS,
    UNIT_COLUMNS,
    as_rows,
    changes_as_rows,
    changes_to_arrow,
    findings_as_rows,
    findings_to_arrow,
    score_tables,
    table_rows,
    to_arrow,
    to_pandas,
    to_polars,
    units_as_rows,
    units_to_arrow,
)
from lakipcore.results.tables import BULK_COLUMNS, TABLES, VIEWS, ScoreTables, arrow_schema

__all__ = [
    "BULK_COLUMNS",
    "CHANGE_COLUMNS",
    "FINDING_COLUMNS",
    "FRAMES",
    "ROW_COLUMNS",
    "TABLES",
    "UNIT_COLUMNS",
    "VIEWS",
    "ScoreTables",
    "arrow_schema",
    "as_rows",
    "changes_as_rows",
    "changes_to_arrow",
    "findings_as_rows",
    "findings_to_arrow",
    "score_tables",
    "table_rows",
    "to_arrow",
    "to_pandas",
    "to_polars",
    "units_as_rows",
    "units_to_arrow",
]
