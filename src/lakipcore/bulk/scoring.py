"""Scoring Arrow tables of indicator and budget rows, exactly, with the core's formulas.

:func:`score` goes from rows to every figure the core computes (capaian, unit achievement,
absorption, performance, the office row, the changes between consecutive periods of a kind);
:func:`score_indicators` is its row stage alone, for engines that hand over one batch at a time.
Every figure is rounded once, at output, to ``scale`` places with a named ``rounding``, and
equals ``round_to(exact value, scale, rounding)``; docs/scale.md gives the design and the limits.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from fractions import Fraction
from types import MappingProxyType
from typing import Any, Final

import attrs

from lakipcore.bulk._changes import indicator_changes, unit_changes
from lakipcore.bulk._columns import as_decimal, pyarrow
from lakipcore.bulk._numpy import numpy
from lakipcore.bulk._office import Offices
from lakipcore.bulk._output import FIGURES, PREFIXES, Output
from lakipcore.bulk._rows import INTERNAL_SCALE, Rows, column, encode_periods, text
from lakipcore.bulk._units import ORIGINAL_COLUMN, Units
from lakipcore.errors import (
    InvalidValueError,
    LakipTypeError,
    MethodNotApplicableError,
    UnknownNameError,
)
from lakipcore.i18n import M_
from lakipcore.methods import (
    AbsorptionAggregation,
    AbsorptionBase,
    AchievementAggregation,
    ScoringMethod,
    ZeroTargetPolicy,
    get_method,
)
from lakipcore.methods.formulas import Formula
from lakipcore.model import ReportPeriod, comparable_pairs
from lakipcore.results.tables import ScoreTables
from lakipcore.rounding import Rounding

__all__ = [
    "METHOD_PARTS",
    "BulkScore",
    "MethodArgument",
    "check_method",
    "score",
    "score_indicators",
]

MethodArgument = str | ScoringMethod | Mapping[str, str | ScoringMethod]
"""One method (a preset name or a :class:`ScoringMethod`) for every period, or one per key."""


BulkScore = ScoreTables
"""What :func:`score` returns: the score tables of :mod:`lakipcore.results.tables` (the one
schema the object path's :func:`lakipcore.arrow.score_tables` gives too), the columns of
:data:`~lakipcore.results.tables.BULK_COLUMNS` filled; each figure a ``decimal128(38, scale)``
column. ``recomputed`` counts the figures whose interval straddled a rounding boundary and
were recomputed exactly with fractions."""

METHOD_PARTS: Final[Mapping[str, frozenset[object] | str]] = MappingProxyType(
    {
        "name": "a label: the office table's method column",
        "description": "a label, not read",
        "lower_is_better": frozenset(f for f in Formula if f is not Formula.RATIO),
        "cap": "any cap: the minimum of both ends of each capaian's interval",
        "zero_target": frozenset(ZeroTargetPolicy),
        "achievement": frozenset(AchievementAggregation),
        "absorption": frozenset(AbsorptionAggregation),
        "weights": "any weights: exact fractions over a common denominator",
        "rounding": (
            "not a part of the scores: how the report rounds what it prints, which the audit "
            "reads; the bulk path rounds its output with score(rounding=)"
        ),
        "absorption_base": frozenset(AbsorptionBase),
        "plausibility": (
            "not a part of the scores: the bounds of the audit's plausibility warnings, which "
            "the bulk path (scores only, no audit) has no use for"
        ),
    }
)
"""How the bulk path handles each field of :class:`~lakipcore.ScoringMethod`: the values it
implements (a set), or in words why any value is handled. A field missing here, or a value
outside its set, is refused by name (:func:`check_method`): the bulk path never ignores a part
of a method, so a new field of the method fails until the bulk path handles or refuses it."""


def check_method(method: ScoringMethod, budgets: Any | None = None) -> None:
    """Refuse ``method`` when the bulk path does not implement one of its parts (or, for
    ``absorption_base`` original, when ``budgets`` has no ``pagu_original`` column to read the
    pagu awal from), with a :class:`~lakipcore.errors.MethodNotApplicableError` naming it."""
    for field in attrs.fields(ScoringMethod):
        handled = METHOD_PARTS.get(field.name)
        value = getattr(method, field.name)
        if handled is None or (isinstance(handled, frozenset) and value not in handled):
            shown = getattr(value, "value", value)
            raise MethodNotApplicableError(
                M_(
                    "method {name}: lakipcore.bulk does not implement {name2} = "
                    "{shown}; score this report with lakipcore.assess",
                    name=repr(method.name),
                    name2=field.name,
                    shown=repr(shown),
                ),
                field=field.name,
            )
    if method.absorption_base is AbsorptionBase.ORIGINAL and (
        budgets is not None and budgets.num_rows and ORIGINAL_COLUMN not in budgets.column_names
    ):
        raise MethodNotApplicableError(
            M_(
                "method {name} measures absorption against the pagu awal "
                "(absorption_base = 'original'), but the budget rows have no "
                "{original_column} column",
                name=repr(method.name),
                original_column=ORIGINAL_COLUMN,
            ),
            field="absorption_base",
        )


def _check_output(scale: object, rounding: object) -> tuple[int, Rounding]:
    if isinstance(scale, bool) or not isinstance(scale, int):
        raise LakipTypeError(
            M_("scale must be an int, got {scale}", scale=repr(scale)), field="scale"
        )
    if not 0 <= scale < INTERNAL_SCALE:
        raise InvalidValueError(
            M_(
                "scale must be from 0 to {value} (the bulk path carries "
                "{internal_scale} places internally), got {scale}",
                value=INTERNAL_SCALE - 1,
                internal_scale=INTERNAL_SCALE,
                scale=scale,
            ),
            field="scale",
        )
    if not isinstance(rounding, Rounding):
        raise LakipTypeError(
            M_("expected a Rounding member, got {rounding}", rounding=repr(rounding)),
            field="rounding",
        )
    return scale, rounding


def _resolve(
    method: MethodArgument, keys: Sequence[str], budgets: Any | None = None
) -> dict[str, ScoringMethod]:
    """Each period's method (a preset name, or the method itself), checked part by part."""
    if isinstance(method, Mapping):
        missing = [k for k in keys if k not in method]
        if missing:
            raise UnknownNameError(
                M_("method= names no method for {join}", join=", ".join(missing)), field="method"
            )
        methods = {k: get_method(method[k]) for k in keys}
    else:
        methods = dict.fromkeys(keys, get_method(method))
    for chosen in set(methods.values()):
        check_method(chosen, budgets)
    return methods


def _keys(
    tables: Sequence[Any], periods: Sequence[str] | None, known: Sequence[str] = ()
) -> list[str]:
    """The call's periods in order; ``known`` the periods of rows already read."""
    _, pc = pyarrow()
    seen: dict[str, None] = dict.fromkeys(known)
    for table in tables:
        if table is not None and table.num_rows:
            values = column(table, "period", combine=False)
            if values.null_count:  # first, as encode_periods does on the numpy path
                row = pc.index(pc.is_null(values), True).as_py()
                raise InvalidValueError(M_("row {row} has no period", row=row), field="period")
            for key in pc.unique(text(values)).to_pylist():
                seen.setdefault(key)
    if periods is None:
        # The report's order: by last day, the order of first appearance breaking ties.
        return sorted(seen, key=lambda k: ReportPeriod(k).span.end)
    order = list(periods)
    unknown = [k for k in seen if k not in order]
    if unknown:
        raise UnknownNameError(
            M_("the rows name periods {join} that periods= does not list", join=", ".join(unknown)),
            field="periods",
        )
    return order


def _periods(indicators: Any) -> tuple[Any | None, list[str]]:
    """On the numpy path, the indicators' periods encoded once (see :func:`encode_periods`)."""
    if numpy() is None or indicators is None or not indicators.num_rows:
        return None, []
    return encode_periods(indicators)


def score_indicators(
    indicators: Any,
    *,
    method: MethodArgument,
    scale: int = 2,
    rounding: Rounding = Rounding.HALF_UP,
) -> Any:
    """``indicators`` with two columns added: ``capaian`` (``decimal128(38, scale)``, rounded
    once with ``rounding``) and ``excluded``. Row by row, so any batch of rows will do."""
    scale, rounding = _check_output(scale, rounding)
    encoded, known = _periods(indicators)
    keys = _keys([] if encoded is not None else [indicators], None, known)
    rows = Rows(indicators, _resolve(method, keys), keys, periods=encoded)
    out = Output(scale, rounding)
    capaian = out.column(rows.lo, rows.hi, rows.exact, rows.arrays())
    return indicators.append_column("capaian", capaian).append_column("excluded", rows.excluded)


def score(
    indicators: Any,
    budgets: Any | None = None,
    *,
    method: MethodArgument,
    periods: Sequence[str] | None = None,
    office: str | None = None,
    scale: int = 2,
    rounding: Rounding = Rounding.HALF_UP,
    with_indicator_changes: bool = True,
) -> BulkScore:
    """Score indicator rows (and budget rows) the way :func:`lakipcore.score_report` does.

    ``indicators`` has columns period, unit, code, target and realisation (decimal128; null
    target = *Tidak ditargetkan*, null realisation = none yet), optional polarity (``higher`` /
    ``lower``) and formula; ``budgets`` period, unit, pagu and realisation (one row per output)
    or rate (a reported absorption in percent), and ``pagu_original`` (the pagu awal, where a
    programme states one; read under a method whose ``absorption_base`` is original, which
    refuses budgets without the column). The units of a period are combined into its
    office row under ``method``; ``office`` names the unit whose rows are the office's own.
    ``periods`` gives the report's order (default: by last day). The changes of every
    indicator (a join of the rows of two periods) are left out with
    ``with_indicator_changes=False``.
    """
    scale, rounding = _check_output(scale, rounding)
    encoded, known = _periods(indicators)
    keys = _keys([budgets] if encoded is not None else [indicators, budgets], periods, known)
    methods = _resolve(method, keys, budgets)
    rows = Rows(indicators, methods, keys, periods=encoded)
    units = Units(rows, budgets, methods, keys)
    out = Output(scale, rounding)
    capaian = out.column(rows.lo, rows.hi, rows.exact, rows.arrays())
    indicator_table = _table(
        period=rows.period,
        unit=rows.unit,
        code=rows.code,
        capaian=capaian,
        excluded=rows.excluded,
    )
    figures = {}
    for name, prefix in zip(FIGURES, PREFIXES, strict=True):

        def exact(i: int, name: str = name) -> Fraction | None:
            return units.exact_unit(i)[name]

        lo, hi = getattr(units, f"{prefix}_lo"), getattr(units, f"{prefix}_hi")
        figures[name] = out.column(lo, hi, exact)
    amount = units.amount_scale
    unit_table = _table(
        period=units.table["period"],
        unit=units.table["unit"],
        indicators=units.table["n"],
        **figures,
        pagu=as_decimal(units.table["pagu"], amount),
        realisation=as_decimal(units.table["real"], amount),
    )
    if office is not None:
        unit_table = unit_table.filter(pyarrow()[1].not_equal(unit_table["unit"], office))
    offices = Offices(units, methods, keys, office)
    pairs = comparable_pairs(tuple(ReportPeriod(k) for k in keys))
    return ScoreTables(
        indicator_table,
        unit_table,
        offices.table(out),
        unit_changes(units, offices, pairs, out),
        indicator_changes(rows, capaian, pairs, out) if with_indicator_changes else None,
        scale,
        rounding,
        out.recomputed,
    )


def _table(**columns: Any) -> Any:
    pa, _ = pyarrow()
    return pa.table({name: text(values) for name, values in columns.items()})
