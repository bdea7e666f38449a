"""Scores and findings as rows, Arrow tables and DataFrames (docs/dataframes.md).

:func:`as_rows` needs nothing beyond lakipcore: one plain dict per indicator and period.
:func:`to_arrow` makes a pyarrow Table whose numbers are ``decimal128`` columns at a declared
scale, quantized from the exact values with a named rounding (never through ``float``);
:func:`to_pandas` and :func:`to_polars` go through it. pyarrow is the ``lakipcore[arrow]``
extra, imported on first use.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Final

from lakipcore._exact import quantize
from lakipcore.errors import LakipError, LakipValueError
from lakipcore.figures import NotTargeted
from lakipcore.model import MeasureKind, Target
from lakipcore.render.common import assessment_of
from lakipcore.results.assessment import Assessment
from lakipcore.rounding import Rounding

__all__ = [
    "FINDING_COLUMNS",
    "ROW_COLUMNS",
    "as_rows",
    "findings_as_rows",
    "findings_to_arrow",
    "to_arrow",
    "to_pandas",
    "to_polars",
]

ROW_COLUMNS: Final = (
    "period",
    "unit",
    "unit_name",
    "code",
    "name",
    "goal",
    "kind",
    "unit_label",
    "scale",
    "polarity",
    "target",
    "realisation",
    "capaian",
    "excluded",
    "method",
)
"""The keys of each row of :func:`as_rows`, in order."""

FINDING_COLUMNS: Final = (
    "code",
    "severity",
    "unit",
    "item",
    "period",
    "source",
    "field",
    "line",
    "place",
    "published",
    "recomputed",
    "places",
    "message",
)
_DECIMAL_COLUMNS: Final = ("scale", "target", "realisation", "capaian")
_PRECISION: Final = 38  # decimal128 holds 38 digits


def as_rows(assessment: Assessment) -> list[dict[str, Any]]:
    """One dict per indicator and period (keys :data:`ROW_COLUMNS`), in report order, read
    from ``assessment`` (:func:`lakipcore.assess`).

    ``target``, ``realisation`` and ``capaian`` are exact, unrounded ``Decimal`` (``None``
    when absent: a not-targeted period has no target, an unscored one no capaian); ``kind``
    is ``count``, ``percent``, ``index`` or ``not-targeted``; ``method`` the name of the
    period's scoring method.
    """
    assessment = assessment_of(assessment, "as_rows")
    report, scored = assessment.report, assessment.scores
    rows = []
    for period in scored.periods:
        for unit in report.units():
            if not period.has_unit(unit.code):
                continue
            unit_score = period.unit(unit.code)
            for indicator in unit.indicators:
                entry = indicator.at(period.key)
                if entry is None:
                    continue
                score = next((s for s in unit_score.indicators if s.code == indicator.code), None)
                stated = entry.target
                target = None if isinstance(stated, NotTargeted) else stated
                rows.append(
                    {
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
                        "realisation": None if score is None else score.realisation,
                        "capaian": None if score is None else score.capaian,
                        "excluded": None if score is None else score.excluded,
                        "method": period.method.name,
                    }
                )
    return rows


def _label(target: Target | None) -> str | None:
    if target is None:
        return None
    return "%" if target.kind is MeasureKind.PERCENT else target.unit


def findings_as_rows(findings: list[Any]) -> list[dict[str, Any]]:
    """The audit's findings (``lakipcore.audit.audit``) as dicts, keys :data:`FINDING_COLUMNS`."""
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


def _pyarrow() -> Any:
    try:
        import pyarrow  # type: ignore[import-untyped]  # noqa: PLC0415 - optional
    except ImportError:
        raise LakipError(
            "Arrow tables and DataFrames need pyarrow; install it with: "
            "pip install 'lakipcore[arrow]'"
        ) from None
    return pyarrow


def _quantized(
    values: list[Decimal | None], scale: int, rounding: Rounding
) -> list[Decimal | None]:
    quantum = Decimal((0, (1,), -scale))
    mode = Rounding(rounding).decimal_mode
    out: list[Decimal | None] = []
    for value in values:
        if value is None:
            out.append(None)
            continue
        rounded = quantize(value, quantum, mode)
        if len(rounded.as_tuple().digits) > _PRECISION:
            raise LakipValueError(f"{value} does not fit decimal128({_PRECISION}, {scale})")
        out.append(rounded)
    return out


def _table(
    rows: list[dict[str, Any]],
    columns: tuple[str, ...],
    decimals: tuple[str, ...],
    scale: int,
    rounding: Rounding,
) -> Any:
    pa = _pyarrow()
    if not isinstance(scale, int) or isinstance(scale, bool) or not 0 <= scale <= 30:
        raise LakipValueError(
            f"scale must be a whole number from 0 to 30, got {scale!r}", field="scale"
        )
    arrays, fields = [], []
    for name in columns:
        values = [row[name] for row in rows]
        if name in decimals:
            kind = pa.decimal128(_PRECISION, scale)
            values = _quantized(values, scale, rounding)
        elif name in ("line", "places"):
            kind = pa.int64()
        else:
            kind = pa.string()
        arrays.append(pa.array(values, type=kind))
        fields.append(pa.field(name, kind))
    return pa.Table.from_arrays(arrays, schema=pa.schema(fields))


def to_arrow(
    assessment: Assessment, *, scale: int = 10, rounding: Rounding = Rounding.HALF_UP
) -> Any:
    """:func:`as_rows` as a pyarrow Table; ``scale``, ``target``, ``realisation`` and
    ``capaian`` are ``decimal128(38, scale)``, each exact value quantized to ``scale`` places
    with ``rounding`` (half-up by default)."""
    rows = as_rows(assessment)
    return _table(rows, ROW_COLUMNS, _DECIMAL_COLUMNS, scale, rounding)


def findings_to_arrow(
    findings: list[Any], *, scale: int = 10, rounding: Rounding = Rounding.HALF_UP
) -> Any:
    """The audit's findings as a pyarrow Table; ``recomputed`` is ``decimal128(38, scale)``."""
    return _table(findings_as_rows(findings), FINDING_COLUMNS, ("recomputed",), scale, rounding)


def to_pandas(assessment: Assessment, **options: Any) -> Any:
    """:func:`to_arrow` as a pandas DataFrame (decimal columns hold ``Decimal`` objects)."""
    return to_arrow(assessment, **options).to_pandas()


def to_polars(assessment: Assessment, **options: Any) -> Any:
    """:func:`to_arrow` as a polars DataFrame (decimal columns are ``pl.Decimal``)."""
    import polars  # noqa: PLC0415 - optional

    return polars.from_arrow(to_arrow(assessment, **options))
