"""One Arrow schema for scores: the tables both the object path and the columnar path give.

The scores of a report are five tables (docs/dataframes.md, docs/scale.md): ``indicators`` (one
row per indicator and period), ``units`` (one per unit and period), ``office`` (one per
period), ``changes`` (one per unit, or the office, and pair of periods) and
``indicator_changes``; the audit adds ``findings``. :data:`TABLES` names their columns and
types, once. :func:`lakipcore.arrow.score_tables` fills every column from an assessment;
:func:`lakipcore.bulk.score` fills the columns its rows carry (:data:`BULK_COLUMNS`, the same
names and types, in the same order), so that a table of one path compares with the other's by
selecting columns. The row dicts of :func:`lakipcore.arrow.as_rows` are the ``indicators``
table as Python values, exact and unrounded.

:data:`VIEWS` are tables for people, made from an assessment only (the columnar path has no
names or tree): ``dashboard``, the Dashboard Performance as rows (every unit and period, the
office first as the report numbers it), and ``unit_changes``, the change tables as rows.

A figure is ``decimal128(38, scale)`` rounded once with a named rounding; an amount in Rupiah
``decimal128(38, amount_scale)``; a target or realisation ``decimal128(38, scale)`` too.
pyarrow, the ``lakipcore[arrow]`` extra, is imported only when a schema is built.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, Final

import attrs

from lakipcore._display import Short
from lakipcore.errors import LakipError
from lakipcore.i18n import M_
from lakipcore.rounding import Rounding

__all__ = [
    "BULK_COLUMNS",
    "TABLES",
    "VIEWS",
    "ColumnType",
    "ScoreTables",
    "arrow_schema",
    "pyarrow_module",
    "table_columns",
]


class ColumnType(enum.Enum):
    """The Arrow type of a column of the score tables."""

    TEXT = "text"
    """``string``."""
    FIGURE = "figure"
    """A percentage or points: ``decimal128(38, scale)``."""
    VALUE = "value"
    """A target, realisation or scale as the report states it: ``decimal128(38, scale)``."""
    AMOUNT = "amount"
    """Rupiah: ``decimal128(38, amount_scale)``."""
    COUNT = "count"
    """A whole number: ``int64``."""


_T, _F, _V, _A, _N = (
    ColumnType.TEXT,
    ColumnType.FIGURE,
    ColumnType.VALUE,
    ColumnType.AMOUNT,
    ColumnType.COUNT,
)
_FIGURES = (("achievement", _F), ("absorption", _F), ("performance", _F))

TABLES: Final[Mapping[str, tuple[tuple[str, ColumnType], ...]]] = MappingProxyType(
    {
        "indicators": (
            ("period", _T),
            ("unit", _T),
            ("unit_name", _T),
            ("code", _T),
            ("name", _T),
            ("goal", _T),
            ("kind", _T),
            ("unit_label", _T),
            ("scale", _V),
            ("polarity", _T),
            ("target", _V),
            ("realisation", _V),
            ("capaian", _F),
            ("excluded", _T),
            ("grade", _T),
            ("method", _T),
        ),
        "units": (
            ("period", _T),
            ("unit", _T),
            ("unit_name", _T),
            ("parent", _T),
            ("indicators", _N),
            *_FIGURES,
            ("pagu", _A),
            ("realisation", _A),
        ),
        "office": (
            ("period", _T),
            ("method", _T),
            *_FIGURES,
            ("pagu", _A),
            ("realisation", _A),
        ),
        "changes": (("earlier", _T), ("later", _T), ("unit", _T), *_FIGURES),
        "indicator_changes": (
            ("earlier", _T),
            ("later", _T),
            ("unit", _T),
            ("code", _T),
            ("later_capaian", _F),
            ("earlier_capaian", _F),
            ("points", _F),
        ),
        "findings": (
            ("code", _T),
            ("severity", _T),
            ("unit", _T),
            ("item", _T),
            ("period", _T),
            ("source", _T),
            ("field", _T),
            ("line", _N),
            ("place", _T),
            ("published", _T),
            ("recomputed", _F),
            ("places", _N),
            ("message", _T),
        ),
    }
)
"""Every table of the scores and its columns in order, with their kinds."""

VIEWS: Final[Mapping[str, tuple[tuple[str, ColumnType], ...]]] = MappingProxyType(
    {
        "dashboard": (
            ("period", _T),
            ("number", _T),
            ("depth", _N),
            ("unit", _T),
            ("unit_name", _T),
            ("parent", _T),
            ("method", _T),
            ("indicators", _N),
            ("indicators_total", _N),
            *_FIGURES,
            ("pagu", _A),
            ("realisation", _A),
            ("gaps", _T),
        ),
        "unit_changes": (
            ("earlier", _T),
            ("later", _T),
            ("number", _T),
            ("unit", _T),
            ("unit_name", _T),
            ("earlier_performance", _F),
            ("later_performance", _F),
            *_FIGURES,
        ),
    }
)
"""The tables for people and their columns in order: ``dashboard`` (one row per unit and period,
the office included: its dashboard number, ``A`` for the office; its depth, 0 for the office;
the code of the unit above; the period's method; how many of its own indicators have a capaian
and how many at and below it; its three figures, its pagu and realisasi, and why a figure is
missing) and ``unit_changes`` (one row per unit, the office first, and pair of periods: the
performance of both and the changes of the three figures, in points)."""

BULK_COLUMNS: Final[Mapping[str, tuple[str, ...]]] = MappingProxyType(
    {
        "indicators": ("period", "unit", "code", "capaian", "excluded"),
        "units": (
            "period",
            "unit",
            "indicators",
            "achievement",
            "absorption",
            "performance",
            "pagu",
            "realisation",
        ),
        "office": tuple(name for name, _ in TABLES["office"]),
        "changes": tuple(name for name, _ in TABLES["changes"]),
        "indicator_changes": tuple(name for name, _ in TABLES["indicator_changes"]),
    }
)
"""The columns :func:`lakipcore.bulk.score` fills: the rows carry no names, goals or texts."""


def pyarrow_module() -> Any:
    """pyarrow, imported on first use; an error naming the extra when it is missing."""
    try:
        import pyarrow  # type: ignore[import-untyped]  # noqa: PLC0415 - optional
    except ImportError:
        raise LakipError(
            M_(
                "Arrow tables and DataFrames need pyarrow; install it with: pip "
                "install 'lakipcore[arrow]'"
            )
        ) from None
    return pyarrow


def table_columns(table: str) -> tuple[tuple[str, ColumnType], ...]:
    """The columns of ``table``, a name of :data:`TABLES` or :data:`VIEWS`."""
    return TABLES[table] if table in TABLES else VIEWS[table]


def arrow_schema(
    table: str, *, scale: int, amount_scale: int = 2, columns: tuple[str, ...] | None = None
) -> Any:
    """The pyarrow schema of ``table`` (of :data:`TABLES` or :data:`VIEWS`; its ``columns``, by
    default all), figures at ``scale`` and amounts at ``amount_scale``."""
    pa = pyarrow_module()
    kinds = dict(table_columns(table))
    types = {
        ColumnType.TEXT: pa.string(),
        ColumnType.FIGURE: pa.decimal128(38, scale),
        ColumnType.VALUE: pa.decimal128(38, scale),
        ColumnType.AMOUNT: pa.decimal128(38, amount_scale),
        ColumnType.COUNT: pa.int64(),
    }
    names = columns if columns is not None else tuple(kinds)
    return pa.schema([(name, types[kinds[name]]) for name in names])


@attrs.frozen(repr=False)
class ScoreTables(Short):
    """The score tables of :data:`TABLES` (pyarrow Tables), each figure a
    ``decimal128(38, scale)`` column rounded once with ``rounding``.

    The columnar path (:func:`lakipcore.bulk.score`) fills :data:`BULK_COLUMNS` and counts in
    ``recomputed`` the figures whose interval straddled a rounding boundary and were recomputed
    exactly with fractions; ``indicator_changes`` is ``None`` when not asked for, ``findings``
    when there is no audit (the columnar path has none).
    """

    indicators: Any
    units: Any
    office: Any
    changes: Any
    indicator_changes: Any | None
    scale: int
    rounding: Rounding
    recomputed: int = 0
    findings: Any | None = attrs.field(default=None, kw_only=True)

    def rows(self) -> dict[str, list[dict[str, Any]]]:
        """Every table as a list of dicts (figures as ``Decimal``), by table name."""
        return {
            name: table.to_pylist() for name in TABLES if (table := getattr(self, name)) is not None
        }
