"""An assessment as rows, Arrow tables and DataFrames (docs/dataframes.md).

Every table follows the one schema of :mod:`lakipcore.results.tables`, which the columnar path
(:mod:`lakipcore.bulk`) fills too. :func:`as_rows` needs nothing beyond lakipcore: the
``indicators`` table as plain dicts of exact, unrounded values. :func:`score_tables` makes every
table as pyarrow Tables whose numbers are ``decimal128`` columns at a declared scale, each exact
value rounded once with a named rounding (never through ``float``); :func:`to_arrow` gives the
``indicators`` table, :func:`units_to_arrow` the Dashboard Performance as rows (every unit and
period), :func:`changes_to_arrow` the change tables as rows, and :func:`to_pandas` and
:func:`to_polars` any of them as a DataFrame. pyarrow is the ``lakipcore[arrow]`` extra,
imported on first use. Nothing here scores or audits: every value is read from the
:class:`~lakipcore.Assessment`.

The assessment and its scores are Arrow streams too (the PyCapsule interface,
``__arrow_c_stream__``): ``pyarrow.table(assessment)`` is :func:`to_arrow`,
``pyarrow.table(assessment.scores)`` :func:`units_to_arrow`, and polars and DuckDB read them
the same way (:func:`arrow_c_stream`).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import Any, Final

from lakipcore._exact import quantize
from lakipcore.errors import InvalidValueError, LakipValueError
from lakipcore.figures import NotTargeted
from lakipcore.i18n import M_
from lakipcore.model import MeasureKind, Report, Target
from lakipcore.render.common import assessment_of, numbered_units
from lakipcore.results.assessment import Assessment
from lakipcore.results.findings import Finding
from lakipcore.results.scores import (
    IndicatorChange,
    PeriodChange,
    PeriodScore,
    ReportScore,
    UnitScore,
)
from lakipcore.results.tables import (
    TABLES,
    VIEWS,
    ColumnType,
    ScoreTables,
    pyarrow_module,
    table_columns,
)
from lakipcore.rounding import Rounding, round_to

__all__ = [
    "CHANGE_COLUMNS",
    "FINDING_COLUMNS",
    "FRAMES",
    "ROW_COLUMNS",
    "UNIT_COLUMNS",
    "arrow_c_stream",
    "arrow_table",
    "as_rows",
    "changes_as_rows",
    "changes_to_arrow",
    "check_scale",
    "findings_as_rows",
    "findings_to_arrow",
    "fitting_decimal128",
    "score_tables",
    "table_rows",
    "to_arrow",
    "to_pandas",
    "to_polars",
    "units_as_rows",
    "units_to_arrow",
]

ROW_COLUMNS: Final = tuple(name for name, _ in TABLES["indicators"])
"""The keys of each row of :func:`as_rows`, in order (the ``indicators`` table's columns)."""

FINDING_COLUMNS: Final = tuple(name for name, _ in TABLES["findings"])
"""The keys of each row of :func:`findings_as_rows`, in order."""

UNIT_COLUMNS: Final = tuple(name for name, _ in VIEWS["dashboard"])
"""The keys of each row of :func:`units_as_rows`, in order (the ``dashboard`` view's columns)."""

CHANGE_COLUMNS: Final = tuple(name for name, _ in VIEWS["unit_changes"])
"""The keys of each row of :func:`changes_as_rows`, in order (the ``unit_changes`` view's)."""

FRAMES: Final = ("indicators", "units", "changes", "findings")
"""The tables :func:`to_pandas` and :func:`to_polars` make (``table=``): :func:`to_arrow`,
:func:`units_to_arrow`, :func:`changes_to_arrow` and the findings (:func:`findings_to_arrow`)."""

_PRECISION: Final = 38  # decimal128 holds 38 digits
_FIGURE_KINDS = (ColumnType.FIGURE, ColumnType.VALUE)


def _label(target: Target | None) -> str | None:
    if target is None:
        return None
    return "%" if target.kind is MeasureKind.PERCENT else target.unit


def _indicator_rows(report: Report, scored: ReportScore) -> Iterator[dict[str, Any]]:
    for period in scored.periods:
        for unit in report.units():
            if not period.has_unit(unit.code):
                continue
            unit_score = period.unit(unit.code)
            for indicator in unit.indicators:
                entry = indicator.at(period.key)
                if entry is None:
                    continue
                score = unit_score.indicator(indicator.code)
                stated = entry.target
                target = None if isinstance(stated, NotTargeted) else stated
                yield {
                    "period": period.key,
                    "unit": unit.code,
                    "unit_name": unit.name,
                    "code": indicator.code,
                    "name": indicator.name,
                    "goal": indicator.goal,
                    "kind": "not-targeted" if target is None else target.kind.value,
                    "unit_label": _label(target),
                    "scale": None if target is None else target.scale,
                    "polarity": indicator.polarity.value,
                    "target": None if target is None else target.value,
                    "realisation": score.realisation,
                    "capaian": score.capaian,
                    "excluded": score.excluded,
                    "grade": score.grade,
                    "method": period.method.name,
                }


def _figures(score: Any) -> dict[str, Decimal | None]:
    return {
        "achievement": score.achievement,
        "absorption": score.absorption,
        "performance": score.performance,
    }


def _unit_rows(period: PeriodScore) -> Iterator[dict[str, Any]]:
    """The units below the office (the office has a table of its own)."""
    stack: list[tuple[UnitScore, str | None]] = [(u, None) for u in reversed(period.root.units)]
    while stack:  # depth first, in report order, below the office
        unit, parent = stack.pop()
        yield {
            "period": period.key,
            "unit": unit.code,
            "unit_name": unit.name,
            "parent": parent,
            "indicators": sum(1 for i in unit.indicators if i.counts),
            **_figures(unit),
            "pagu": unit.pagu,
            "realisation": unit.realisation,
        }
        stack.extend((child, unit.code) for child in reversed(unit.units))


def _change_rows(scored: ReportScore) -> Iterator[tuple[str, dict[str, Any]]]:
    for change in scored.changes:
        pair = {"earlier": change.earlier, "later": change.later}
        yield "changes", {**pair, "unit": None, **_figures(change.office)}
        moved: list[IndicatorChange] = list(change.indicators)
        for unit in change.units:
            yield "changes", {**pair, "unit": unit.code, **_figures(unit.change)}
            moved.extend(unit.indicators)
        for item in moved:
            yield (
                "indicator_changes",
                {
                    **pair,
                    "unit": item.unit,
                    "code": item.code,
                    "later_capaian": item.later,
                    "earlier_capaian": item.earlier,
                    "points": item.points,
                },
            )


def _dashboard_rows(period: PeriodScore) -> Iterator[dict[str, Any]]:
    """The office and every unit below it, numbered as the dashboard numbers them."""
    parents: dict[str, str] = {}
    method = period.method.name
    for number, depth, unit in numbered_units(period):
        parents.update((child.code, unit.code) for child in unit.units)
        yield {
            "period": period.key,
            "number": number,
            # numbered_units indents the units under the office by 0, as the dashboard does
            "depth": 0 if unit is period.root else depth + 1,
            "unit": unit.code,
            "unit_name": unit.name,
            "parent": parents.get(unit.code),
            "method": method,
            "indicators": sum(1 for i in unit.indicators if i.counts),
            "indicators_total": sum(1 for _ in unit.pooled()),
            **_figures(unit),
            "pagu": unit.pagu,
            "realisation": unit.realisation,
            "gaps": "; ".join(unit.gaps) or None,
        }


def _performance(period: PeriodScore, code: str) -> Decimal | None:
    return period.unit(code).performance if period.has_unit(code) else None


def _unit_change_rows(scored: ReportScore, change: PeriodChange) -> Iterator[dict[str, Any]]:
    earlier, later = scored.period(change.earlier), scored.period(change.later)
    pair = {"earlier": change.earlier, "later": change.later}
    office = later.root
    yield {
        **pair,
        "number": "A",
        "unit": office.code,
        "unit_name": office.name,
        "earlier_performance": earlier.performance,
        "later_performance": later.performance,
        **_figures(change.office),
    }
    for number, unit in enumerate(change.units, 1):
        yield {
            **pair,
            "number": str(number),
            "unit": unit.code,
            "unit_name": unit.name,
            "earlier_performance": _performance(earlier, unit.code),
            "later_performance": _performance(later, unit.code),
            **_figures(unit.change),
        }


def units_as_rows(assessment: Assessment) -> list[dict[str, Any]]:
    """The Dashboard Performance of every period as dicts (keys :data:`UNIT_COLUMNS`): one per
    unit and period, the office first (``number`` ``A``, ``depth`` 0, ``parent`` ``None``),
    then every unit below it, depth first in report order, numbered 1, 2, ... as the report's
    dashboard numbers them.

    ``indicators`` counts the unit's own indicators that have a capaian, ``indicators_total``
    those of the unit and every unit below it; ``achievement``, ``absorption`` and
    ``performance`` are exact, unrounded ``Decimal`` (``None`` when the unit lacks one, and
    ``gaps`` says why), ``pagu`` and ``realisation`` the amounts absorption is measured with
    (``None`` for a budget printed only as a rate); ``method`` is the period's method.
    """
    assessment = assessment_of(assessment, "units_as_rows")
    return _score_dashboard(assessment.scores)


def _score_dashboard(scored: ReportScore) -> list[dict[str, Any]]:
    return [row for period in scored.periods for row in _dashboard_rows(period)]


def changes_as_rows(assessment: Assessment) -> list[dict[str, Any]]:
    """The change tables as dicts (keys :data:`CHANGE_COLUMNS`): for each pair of periods of a
    kind (``earlier``, ``later``), the office (``number`` ``A``) and every unit that takes part
    in either, with its performance in both (``None`` where it does not take part) and the
    changes of achievement, absorption and performance in points, exact."""
    assessment = assessment_of(assessment, "changes_as_rows")
    scored = assessment.scores
    return [row for change in scored.changes for row in _unit_change_rows(scored, change)]


def table_rows(assessment: Assessment) -> dict[str, list[dict[str, Any]]]:
    """Every table of :data:`~lakipcore.results.tables.TABLES` as lists of dicts of exact,
    unrounded values (``findings`` when the assessment was audited)."""
    assessment = assessment_of(assessment, "table_rows")
    report, scored = assessment.report, assessment.scores
    tables: dict[str, list[dict[str, Any]]] = {name: [] for name in TABLES}
    tables["indicators"] = list(_indicator_rows(report, scored))
    for period in scored.periods:
        tables["units"].extend(_unit_rows(period))
        tables["office"].append(
            {
                "period": period.key,
                "method": period.method.name,
                **_figures(period.root),
                "pagu": period.root.pagu,
                "realisation": period.root.realisation,
            }
        )
    for name, row in _change_rows(scored):
        tables[name].append(row)
    if assessment.findings is None:
        del tables["findings"]
    else:
        tables["findings"] = findings_as_rows(assessment.findings)
    return tables


def as_rows(assessment: Assessment) -> list[dict[str, Any]]:
    """One dict per indicator and period (keys :data:`ROW_COLUMNS`), in report order, read
    from ``assessment`` (:func:`lakipcore.assess`).

    ``target``, ``realisation`` and ``capaian`` are exact, unrounded ``Decimal`` (``None``
    when absent: a not-targeted period has no target, an unscored one no capaian); ``kind``
    is ``count``, ``percent``, ``index`` or ``not-targeted``; ``grade`` the predikat where the
    report grades capaian; ``method`` the name of the period's scoring method.
    """
    assessment = assessment_of(assessment, "as_rows")
    return list(_indicator_rows(assessment.report, assessment.scores))


def findings_as_rows(findings: Iterable[Finding]) -> list[dict[str, Any]]:
    """The audit's findings as dicts, keys :data:`FINDING_COLUMNS`."""
    return [
        {
            "code": f.code.value,
            "severity": f.severity.value,
            "unit": f.subject.unit,
            "item": f.subject.item,
            "period": f.period,
            "source": f.location.source,
            "field": f.location.field,
            "line": f.location.line,
            "place": f.location.place,
            "published": f.published,
            "recomputed": f.recomputed,
            "places": f.places,
            "message": f.message,
        }
        for f in findings
    ]


def check_scale(scale: object, name: str = "scale") -> int:
    """``scale``, the decimal places of a ``decimal128(38, scale)`` column: a whole number from
    0 to 30 (room for 8 digits before the point); an error naming ``name`` otherwise. Every
    Arrow writer of lakipcore checks its scale here."""
    if not isinstance(scale, int) or isinstance(scale, bool) or not 0 <= scale <= 30:
        raise InvalidValueError(
            M_(
                "{name} must be a whole number from 0 to 30, got {scale}",
                name=name,
                scale=repr(scale),
            ),
            field=name,
        )
    return scale


def fitting_decimal128(rounded: Decimal, value: object, scale: int) -> Decimal:
    """``rounded`` (``value`` rounded to ``scale`` places) if a ``decimal128(38, scale)``
    column holds it; an error naming ``value`` otherwise, never pyarrow's own."""
    if len(rounded.as_tuple().digits) > _PRECISION:
        raise InvalidValueError(
            M_(
                "{value} does not fit decimal128({precision}, {scale})",
                value=value,
                precision=_PRECISION,
                scale=scale,
            )
        )
    return rounded


class _Quantizer:
    """Exact values to ``decimal128(38, scale)``: rounded once with a named rounding (after a
    half-even rounding at ``exact_places``, when given: see :func:`score_tables`)."""

    def __init__(self, scale: int, rounding: Rounding, exact_places: int | None) -> None:
        self.quantum = Decimal((0, (1,), -scale))
        self.mode = Rounding(rounding).decimal_mode
        self.scale, self.rounding, self.exact_places = scale, rounding, exact_places

    def __call__(self, value: Decimal | None) -> Decimal | None:
        if value is None:
            return None
        if self.exact_places is not None:
            value = round_to(value, self.exact_places, Rounding.HALF_EVEN)
        return fitting_decimal128(quantize(value, self.quantum, self.mode), value, self.scale)


def _table(
    name: str,
    rows: list[dict[str, Any]],
    figure: _Quantizer,
    amount: _Quantizer,
    amount_scale: int,
) -> Any:
    pa = pyarrow_module()
    columns = table_columns(name)
    arrays, fields = [], []
    for column, kind in columns:
        values = [row[column] for row in rows]
        if kind in _FIGURE_KINDS:
            kind_type = pa.decimal128(_PRECISION, figure.scale)
            values = [figure(v) for v in values]
        elif kind is ColumnType.AMOUNT:
            kind_type = pa.decimal128(_PRECISION, amount_scale)
            values = [amount(v) for v in values]
        elif kind is ColumnType.COUNT:
            kind_type = pa.int64()
        else:
            kind_type = pa.string()
        arrays.append(pa.array(values, type=kind_type))
        fields.append(pa.field(column, kind_type))
    return pa.Table.from_arrays(arrays, schema=pa.schema(fields))


def score_tables(
    assessment: Assessment,
    *,
    scale: int = 10,
    rounding: Rounding = Rounding.HALF_UP,
    amount_scale: int = 2,
    exact_places: int | None = None,
) -> ScoreTables:
    """Every table of the assessment's scores (and its findings) as pyarrow Tables, in the
    schema the columnar path shares: figures, targets and realisations as
    ``decimal128(38, scale)`` rounded once with ``rounding``; amounts at ``amount_scale``,
    half-up.

    With ``exact_places`` each figure is first rounded half-even at that many places: the core
    carries quotients to 60 significant digits, so a figure made of quotients that do not
    terminate but cancel (833,33… − 29,33… = 804) can come out as 803,99…97, which truncates to
    803; rounded at 40 places first it is the exact 804 an exact engine gives.
    """
    assessment = assessment_of(assessment, "score_tables")
    scale, amount_scale = check_scale(scale), check_scale(amount_scale, "amount_scale")
    figure = _Quantizer(scale, rounding, exact_places)
    amount = _Quantizer(amount_scale, Rounding.HALF_UP, None)
    rows = table_rows(assessment)
    tables = {
        name: _table(name, table, figure, amount, amount_scale) for name, table in rows.items()
    }
    return ScoreTables(
        tables["indicators"],
        tables["units"],
        tables["office"],
        tables["changes"],
        tables["indicator_changes"],
        scale,
        rounding,
        findings=tables.get("findings"),
    )


def to_arrow(
    assessment: Assessment, *, scale: int = 10, rounding: Rounding = Rounding.HALF_UP
) -> Any:
    """The ``indicators`` table (:func:`as_rows`) as a pyarrow Table; ``scale``, ``target``,
    ``realisation`` and ``capaian`` are ``decimal128(38, scale)``, each exact value quantized
    to ``scale`` places with ``rounding`` (half-up by default)."""
    assessment = assessment_of(assessment, "to_arrow")
    figure = _Quantizer(check_scale(scale), rounding, None)
    rows = as_rows(assessment)
    return _table("indicators", rows, figure, figure, scale)


def findings_to_arrow(
    findings: Iterable[Finding], *, scale: int = 10, rounding: Rounding = Rounding.HALF_UP
) -> Any:
    """The audit's findings as a pyarrow Table; ``recomputed`` is ``decimal128(38, scale)``."""
    figure = _Quantizer(check_scale(scale), rounding, None)
    return _table("findings", findings_as_rows(findings), figure, figure, scale)


def _figure_options(
    scale: int, rounding: Rounding, amount_scale: int
) -> tuple[_Quantizer, _Quantizer, int]:
    figure = _Quantizer(check_scale(scale), rounding, None)
    amount_scale = check_scale(amount_scale, "amount_scale")
    return figure, _Quantizer(amount_scale, Rounding.HALF_UP, None), amount_scale


def units_to_arrow(
    assessment: Assessment,
    *,
    scale: int = 10,
    rounding: Rounding = Rounding.HALF_UP,
    amount_scale: int = 2,
) -> Any:
    """The Dashboard Performance of every period (:func:`units_as_rows`) as a pyarrow Table:
    the figures ``decimal128(38, scale)`` rounded once with ``rounding`` (half-up by default),
    ``pagu`` and ``realisation`` ``decimal128(38, amount_scale)``."""
    assessment = assessment_of(assessment, "units_to_arrow")
    figure, amount, amount_scale = _figure_options(scale, rounding, amount_scale)
    rows = _score_dashboard(assessment.scores)
    return _table("dashboard", rows, figure, amount, amount_scale)


def changes_to_arrow(
    assessment: Assessment, *, scale: int = 10, rounding: Rounding = Rounding.HALF_UP
) -> Any:
    """The change tables (:func:`changes_as_rows`) as a pyarrow Table; every figure
    ``decimal128(38, scale)``, rounded once with ``rounding``."""
    assessment = assessment_of(assessment, "changes_to_arrow")
    figure = _Quantizer(check_scale(scale), rounding, None)
    return _table("unit_changes", changes_as_rows(assessment), figure, figure, scale)


def _frame_table(assessment: Assessment, table: str, options: dict[str, Any]) -> Any:
    if table == "indicators":
        return to_arrow(assessment, **options)
    if table == "units":
        return units_to_arrow(assessment, **options)
    if table == "changes":
        return changes_to_arrow(assessment, **options)
    if table == "findings":
        assessment = assessment_of(assessment, "the findings table")
        return findings_to_arrow(assessment.audit_findings("the findings table"), **options)
    raise LakipValueError(
        M_("table must be one of {join}, got {table}", join=", ".join(FRAMES), table=repr(table)),
        field="table",
    )


def to_pandas(assessment: Assessment, *, table: str = "indicators", **options: Any) -> Any:
    """One table of the assessment as a pandas DataFrame (decimal columns hold ``Decimal``
    objects): ``table`` is ``indicators`` (:func:`to_arrow`, the default), ``units``
    (:func:`units_to_arrow`), ``changes`` (:func:`changes_to_arrow`) or ``findings``;
    ``options`` are that function's (``scale=2``)."""
    return _frame_table(assessment, table, options).to_pandas()


def to_polars(assessment: Assessment, *, table: str = "indicators", **options: Any) -> Any:
    """:func:`to_pandas` as a polars DataFrame (decimal columns are ``pl.Decimal``)."""
    import polars  # noqa: PLC0415 - optional

    return polars.from_arrow(_frame_table(assessment, table, options))


# --- the Arrow PyCapsule stream of lakipcore._display.Tabular -----------------------------------


@functools.singledispatch
def arrow_table(value: object) -> Any:
    """The natural table of an assessment, its scores or a period's scores, as a pyarrow Table
    at the default scale: an assessment's ``indicators`` (:func:`to_arrow`), the Dashboard
    Performance of the scores (every period) or of one period (:func:`units_to_arrow`)."""
    raise LakipValueError(M_("lakipcore has no Arrow table for {type}", type=type(value).__name__))


@arrow_table.register
def _assessment_table(value: Assessment) -> Any:
    return to_arrow(value)


@arrow_table.register
def _scores_table(value: ReportScore) -> Any:
    figure, amount, amount_scale = _figure_options(10, Rounding.HALF_UP, 2)
    return _table("dashboard", _score_dashboard(value), figure, amount, amount_scale)


@arrow_table.register
def _period_table(value: PeriodScore) -> Any:
    figure, amount, amount_scale = _figure_options(10, Rounding.HALF_UP, 2)
    return _table("dashboard", list(_dashboard_rows(value)), figure, amount, amount_scale)


def arrow_c_stream(value: object, requested_schema: object | None = None) -> object:
    """``value.__arrow_c_stream__(requested_schema)``: :func:`arrow_table` as an Arrow
    PyCapsule stream (pyarrow casts to a ``requested_schema`` where it can). Without pyarrow,
    a :class:`~lakipcore.LakipError` names the ``lakipcore[arrow]`` extra."""
    stream: object = arrow_table(value).__arrow_c_stream__(requested_schema)
    return stream
