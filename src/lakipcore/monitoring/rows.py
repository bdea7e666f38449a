"""Monitoring as rows and as an Arrow table: one row per unit and indicator.

:func:`progress_rows` reads a :class:`~lakipcore.monitoring.Monitoring` and computes nothing,
as the text and JSON outputs (:mod:`lakipcore.monitoring.render`) do. Every figure appears as
the JSON shows it: exactly, as a string (``format(value, "f")``: ``"70"``,
``"87.95454545454545454545454545"``), and beside it ``<name>_shown``, rounded to ``places``
with the named ``rounding`` in the Indonesian style (``"87,95"``); ``None`` where the figure
is undefined. The columns, in order:

``year``, ``to``
    the year monitored and the period monitored to;
``unit``, ``unit_name``, ``indicator``, ``name``
    the unit's code and name, the indicator's code and name;
``method``, ``trajectory``
    the to-date method (``cumulative``, ``latest``) and where the target to date comes from
    (``phased``, ``straight-line``);
``annual_target``, ``target_to_date``, ``realised_to_date``, ``capaian``
    each with its ``_shown``;
``status``
    the status's name (``on-track``, ``behind`` …);
``used``, ``missing``
    the period keys the figures come from, and those up to the date without a realisation
    (lists of strings);
``projection``, ``projected_capaian``
    each with its ``_shown``: the realisation projected to the year's end and its capaian
    against the year's target, a projection and never a realisation;
``projection_method``
    the method that projected it (``trajectory``, ``straight-line``), ``None`` when none was
    applied.

:func:`to_arrow` puts the rows in a pyarrow Table (the ``lakipcore[arrow]`` extra, imported on
first use): the exact strings, the lists as ``list<string>``, and for each figure a
``<name>_value`` column of ``decimal128(38, scale)``, the exact value rounded to ``scale``
places (10 by default) for sorting and summing.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any, Final

from lakipcore.errors import LakipTypeError
from lakipcore.figures import format_number
from lakipcore.i18n import M_
from lakipcore.monitoring.progress import IndicatorProgress, Monitoring
from lakipcore.render.arrow import check_scale, fitting_decimal128
from lakipcore.results.tables import pyarrow_module
from lakipcore.rounding import Rounding, round_to

__all__ = ["FIGURES", "PROGRESS_COLUMNS", "progress_rows", "to_arrow"]

FIGURES: Final[tuple[str, ...]] = (
    "annual_target",
    "target_to_date",
    "realised_to_date",
    "capaian",
    "projection",
    "projected_capaian",
)
"""The figures of a row, each an exact string with its ``_shown`` beside it."""

PROGRESS_COLUMNS: Final[tuple[str, ...]] = (
    "year",
    "to",
    "unit",
    "unit_name",
    "indicator",
    "name",
    "method",
    "trajectory",
    "annual_target",
    "annual_target_shown",
    "target_to_date",
    "target_to_date_shown",
    "realised_to_date",
    "realised_to_date_shown",
    "capaian",
    "capaian_shown",
    "status",
    "used",
    "missing",
    "projection",
    "projection_shown",
    "projected_capaian",
    "projected_capaian_shown",
    "projection_method",
)
"""The keys of a row of :func:`progress_rows`, in order (module docs)."""

_PRECISION: Final = 38
_LISTS: Final = ("used", "missing")


def _monitoring(value: object) -> Monitoring:
    if not isinstance(value, Monitoring):
        raise LakipTypeError(
            M_("expected a Monitoring, got {type}", type=type(value).__name__),
            field="monitoring",
        )
    return value


def _rounded(value: Decimal | None, places: int, rounding: Rounding) -> Decimal | None:
    """``value`` rounded to ``places`` for a ``decimal128(38, places)`` column; a
    :class:`~lakipcore.errors.LakipValueError` when it has more digits than the column."""
    if value is None:
        return None
    return fitting_decimal128(round_to(value, places, rounding), value, places)


def _figures(item: IndicatorProgress) -> dict[str, Decimal | None]:
    return {name: getattr(item, name) for name in FIGURES}


def _rows(
    monitoring: Monitoring, places: int, rounding: Rounding
) -> Iterator[tuple[dict[str, object], dict[str, Decimal | None]]]:
    """Each row with its exact figures."""
    for unit in _monitoring(monitoring).units:
        for item in unit.indicators:
            figures = _figures(item)
            row: dict[str, object] = {
                "year": monitoring.year,
                "to": monitoring.to,
                "unit": unit.code,
                "unit_name": unit.name,
                "indicator": item.code,
                "name": item.name,
                "method": item.method.value,
                "trajectory": item.trajectory.value,
                "status": item.status.value,
                "used": list(item.used),
                "missing": list(item.missing),
                "projection_method": None
                if item.projection_method is None
                else item.projection_method.value,
            }
            for name, value in figures.items():
                row[name] = None if value is None else format(value, "f")
                level = item.level(value) if name in item.LEVELS else None
                shown = (
                    None
                    if value is None
                    else level or format_number(round_to(value, places, rounding))
                )
                # A range target to date shows both ends (16,00–20,00); its exact figure and
                # its decimal column are the lower end, as in the JSON.
                upper = getattr(item, f"{name}_upper", None)
                if shown is not None and upper is not None:
                    shown += "\u2013" + format_number(round_to(upper, places, rounding))
                row[f"{name}_shown"] = shown
            yield {column: row[column] for column in PROGRESS_COLUMNS}, figures


def progress_rows(
    monitoring: Monitoring, *, places: int = 2, rounding: Rounding = Rounding.HALF_UP
) -> list[dict[str, object]]:
    """One row per unit and indicator of ``monitoring`` (module docs), the units and their
    indicators in the report's order; ``places`` and ``rounding`` make the ``_shown`` figures,
    the exact ones are unrounded strings."""
    return [row for row, _ in _rows(monitoring, places, rounding)]


def to_arrow(
    monitoring: Monitoring,
    *,
    scale: int = 10,
    places: int = 2,
    rounding: Rounding = Rounding.HALF_UP,
) -> Any:
    """The rows of :func:`progress_rows` as a pyarrow Table: the exact figures as strings,
    ``used`` and ``missing`` as ``list<string>``, ``year`` as ``int32``, and a
    ``<figure>_value`` column of ``decimal128(38, scale)`` for each figure, rounded to
    ``scale`` places with ``rounding`` (module docs). Needs pyarrow (``lakipcore[arrow]``).
    Raises :class:`~lakipcore.errors.LakipValueError` for a ``scale`` outside 0–30 and for a
    figure with more digits than ``decimal128(38, scale)`` holds."""
    scale = check_scale(scale)
    pa = pyarrow_module()
    made = list(_rows(monitoring, places, rounding))
    rows = [row for row, _ in made]
    kinds: dict[str, Any] = dict.fromkeys(PROGRESS_COLUMNS, pa.string())
    kinds["year"] = pa.int32()
    for column in _LISTS:
        kinds[column] = pa.list_(pa.string())
    decimal = pa.decimal128(_PRECISION, scale)
    arrays, fields = [], []
    for column in PROGRESS_COLUMNS:
        arrays.append(pa.array([row[column] for row in rows], type=kinds[column]))
        fields.append(pa.field(column, kinds[column]))
    for name in FIGURES:
        values = [_rounded(exact[name], scale, rounding) for _, exact in made]
        arrays.append(pa.array(values, type=decimal))
        fields.append(pa.field(f"{name}_value", decimal))
    return pa.Table.from_arrays(arrays, schema=pa.schema(fields))
