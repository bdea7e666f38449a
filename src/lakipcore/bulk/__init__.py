"""The columnar path: exact scoring of Arrow tables of indicator and budget rows.

For millions of rows, where building a :class:`~lakipcore.Report` per office would be slow:
:func:`score` takes Arrow tables (``decimal128`` figures, never float) and returns Arrow
tables of capaian, unit figures, the office row and the changes between periods, computed
with the core's formulas and methods in scaled int64 integers (pyarrow compute) and rounded
once, at output, to a declared scale with a named :class:`~lakipcore.Rounding`. Each figure
equals ``round_to(exact value, scale, rounding)``. Needs the ``lakipcore[arrow]`` extra
(pyarrow, imported on first use); docs/scale.md shows it inside DuckDB, polars, Dask, Spark
and Ray.
"""

from __future__ import annotations

from lakipcore.bulk._rows import INTERNAL_SCALE
from lakipcore.bulk.convert import Batches, report_to_batches
from lakipcore.bulk.scoring import (
    METHOD_PARTS,
    BulkScore,
    MethodArgument,
    check_method,
    score,
    score_indicators,
)

__all__ = [
    "INTERNAL_SCALE",
    "METHOD_PARTS",
    "Batches",
    "BulkScore",
    "MethodArgument",
    "check_method",
    "report_to_batches",
    "score",
    "score_indicators",
]
