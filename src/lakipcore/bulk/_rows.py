"""The row stage: every indicator row's capaian as an interval of scaled integers.

Capaian is carried at :data:`INTERNAL_SCALE` (10) decimal places of a percent in int64. For
R/T × 100 the long division gives ``C = ⌊R × 10**12 / T⌋`` and whether it was exact, so the
true value lies in ``[C, C + 1]`` (``[C, C]`` when exact); kondisi khusus is 200 minus that and
the inverse ratio the same division the other way round. A cap takes the minimum of both ends.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Final

from lakipcore.bulk import _rational
from lakipcore.bulk._columns import (
    checked,
    decimal_scalar,
    pyarrow,
    rescale,
    scaled_quotient,
    unscaled,
)
from lakipcore.errors import InvalidValueError, LakipValueError, ZeroTargetError
from lakipcore.model.indicator import Formula, Polarity
from lakipcore.scoring.methods import ScoringMethod, ZeroTargetPolicy

INTERNAL_SCALE: Final = 10
"""Decimal places of a percent at which the bulk path carries capaian, means and rates."""

FORMULA_CODES: Final = {
    Formula.KONDISI_KHUSUS: _rational.KONDISI,
    Formula.RATIO: _rational.RATIO,
    Formula.INVERSE_RATIO: _rational.INVERSE,
}
_BY_NAME: Final = {f.value: code for f, code in FORMULA_CODES.items()}

NOT_TARGETED: Final = "not targeted"
PLANNED: Final = "planned"
ZERO_EXCLUDED: Final = "zero target excluded"


def column(table: Any, name: str, *, required: bool = True) -> Any:
    """Column ``name`` of ``table`` as one contiguous array (``None`` if optional and absent)."""
    if name not in table.column_names:
        if required:
            raise LakipValueError(
                f"the table has no column {name!r} (it has {', '.join(table.column_names)})",
                field=name,
            )
        return None
    values = table.column(name)
    return values.combine_chunks() if hasattr(values, "combine_chunks") else values


def text(values: Any) -> Any:
    """A string column (large_string from polars, or dictionary-encoded) as plain strings."""
    pa, pc = pyarrow()
    if pa.types.is_dictionary(values.type) or pa.types.is_large_string(values.type):
        return pc.cast(values, pa.string())
    return values


def _keys_of(values: Any) -> Any:
    """A key column as strings, kept dictionary-encoded when it is (grouping is faster)."""
    pa, pc = pyarrow()
    if pa.types.is_dictionary(values.type):
        if not pa.types.is_string(values.type.value_type):
            return pc.cast(values, pa.dictionary(values.type.index_type, pa.string()))
        return values
    return text(values)


class Rows:
    """The indicator rows of one call, scored: scaled inputs and capaian intervals."""

    def __init__(self, table: Any, methods: Mapping[str, ScoringMethod], keys: Sequence[str]):
        pa, pc = pyarrow()
        self.count = table.num_rows
        self.period = _keys_of(column(table, "period"))
        self.unit = _keys_of(column(table, "unit"))
        self.code = text(column(table, "code"))
        target, t_scale = unscaled(column(table, "target"))
        realised, r_scale = unscaled(column(table, "realisation"))
        self.scale = max(t_scale, r_scale)
        self.target = rescale(target, t_scale, self.scale)
        self.realised = rescale(realised, r_scale, self.scale)
        self._check_signs()
        index = pc.index_in(text(self.period), value_set=pa.array(list(keys), pa.string()))
        self.formula = self._formulas(table, methods, keys, index)
        caps = [methods[k].cap for k in keys]
        self.cap = pc.take(
            pa.array(
                [None if c is None else decimal_scalar(c, INTERNAL_SCALE) for c in caps],
                pa.int64(),
            ),
            index,
        )
        exclude = pc.take(
            pa.array([methods[k].zero_target is ZeroTargetPolicy.EXCLUDE for k in keys]), index
        )
        self._score(exclude)

    def _check_signs(self) -> None:
        _, pc = pyarrow()
        for name, values in (("target", self.target), ("realisation", self.realised)):
            lowest = pc.min(values).as_py()
            if lowest is not None and lowest < 0:
                row = pc.index(pc.less(values, 0), True).as_py()
                raise InvalidValueError(
                    f"target and realisation must not be negative ({self.where(row)})",
                    field=name,
                )

    def where(self, row: int) -> str:
        """The row's period, unit and code, for messages."""
        return (
            f"row {row}: period {self.period[row].as_py()}, unit {self.unit[row].as_py()}, "
            f"indicator {self.code[row].as_py()}"
        )

    def _formulas(
        self, table: Any, methods: Mapping[str, ScoringMethod], keys: Sequence[str], index: Any
    ) -> Any:
        pa, pc = pyarrow()
        polarity = column(table, "polarity", required=False)
        lower = (
            pa.array([False] * self.count)
            if polarity is None
            else pc.fill_null(pc.equal(text(polarity), Polarity.LOWER_IS_BETTER.value), False)
        )
        defaults = pc.take(
            pa.array([FORMULA_CODES[methods[k].lower_is_better] for k in keys], pa.int8()), index
        )
        codes = pc.if_else(lower, defaults, pa.scalar(_rational.RATIO, pa.int8()))
        stated = column(table, "formula", required=False)
        if stated is None or stated.null_count == len(stated):
            return codes
        stated = text(stated)
        names = sorted(_BY_NAME)
        known = pc.index_in(stated, value_set=pa.array(names))
        unknown = pc.and_(pc.is_valid(stated), pc.is_null(known))
        if pc.any(unknown).as_py():
            row = pc.index(unknown, True).as_py()
            raise InvalidValueError(
                f"unknown formula {stated[row].as_py()!r} ({self.where(row)}); known: "
                + ", ".join(names),
                field="formula",
            )
        explicit = pc.take(pa.array([_BY_NAME[n] for n in names], pa.int8()), known)
        ratio = pc.equal(explicit, _rational.RATIO)
        mismatch = pc.fill_null(pc.not_equal(ratio, pc.invert(lower)), False)
        if pc.any(mismatch).as_py():
            row = pc.index(mismatch, True).as_py()
            raise InvalidValueError(
                f"formula {stated[row].as_py()!r} does not match the indicator's polarity "
                f"({self.where(row)})",
                field="formula",
            )
        return pc.coalesce(explicit, codes)

    def _score(self, exclude: Any) -> None:
        pa, pc = pyarrow()
        targeted = pc.is_valid(self.target)
        scorable = pc.and_(targeted, pc.is_valid(self.realised))
        inverse = pc.equal(self.formula, _rational.INVERSE)
        # Absent figures compare as 1, so that no comparison below yields null.
        target, realised = pc.fill_null(self.target, 1), pc.fill_null(self.realised, 1)
        zero = pc.and_(
            scorable,
            pc.or_(pc.equal(target, 0), pc.and_(inverse, pc.equal(realised, 0))),
        )
        refused = pc.and_(zero, pc.invert(exclude))
        if pc.any(refused).as_py():
            row = pc.index(refused, True).as_py()
            raise ZeroTargetError(
                "capaian of a zero target (or of a zero realisation under the inverse ratio) "
                f"is undefined; choose a zero-target policy ({self.where(row)})",
                field="target",
            )
        self.valid = valid = pc.and_(scorable, pc.invert(zero))
        one, nought = pa.scalar(1, pa.int64()), pa.scalar(0, pa.int64())
        # Rows that are not scored divide 0 by 1, so one pass over the whole column is safe.
        numerator = pc.if_else(valid, self.realised, nought)
        denominator = pc.if_else(valid, self.target, one)
        digits = INTERNAL_SCALE + 2  # × 100 for percent, × 10**10 for the internal scale
        floor, inexact = scaled_quotient(numerator, denominator, digits)
        step = pc.cast(inexact, pa.int64())
        lo, hi = floor, checked("add", floor, step)
        kondisi = pc.equal(self.formula, _rational.KONDISI)
        if pc.any(kondisi).as_py():
            twice = 2 * 10**digits
            lo = pc.if_else(kondisi, checked("subtract", twice, hi), lo)
            hi = pc.if_else(kondisi, checked("subtract", twice, floor), hi)
        if pc.any(pc.and_(inverse, valid)).as_py():
            use = pc.and_(inverse, valid)
            back, back_inexact = scaled_quotient(
                pc.if_else(use, self.target, nought), pc.if_else(use, self.realised, one), digits
            )
            lo = pc.if_else(use, back, lo)
            hi = pc.if_else(use, checked("add", back, pc.cast(back_inexact, pa.int64())), hi)
        if self.cap.null_count < len(self.cap):
            lo = pc.if_else(pc.is_valid(self.cap), pc.min_element_wise(lo, self.cap), lo)
            hi = pc.if_else(pc.is_valid(self.cap), pc.min_element_wise(hi, self.cap), hi)
        null = pa.scalar(None, pa.int64())
        self.lo = pc.if_else(valid, lo, null)
        self.hi = pc.if_else(valid, hi, null)
        self.excluded = pc.if_else(
            pc.invert(targeted),
            NOT_TARGETED,
            pc.if_else(
                pc.invert(scorable),
                PLANNED,
                pc.if_else(zero, ZERO_EXCLUDED, pa.scalar(None, pa.string())),
            ),
        )

    def exact(self, row: int) -> Any:
        """The exact capaian of ``row`` (a Fraction), or ``None`` when it has none."""
        if not self.valid[row].as_py():
            return None
        cap = self.cap[row].as_py()
        from fractions import Fraction  # noqa: PLC0415 - only on the rare exact path

        return _rational.capaian(
            self.target[row].as_py(),
            self.realised[row].as_py(),
            self.formula[row].as_py(),
            None if cap is None else Fraction(cap, 10**INTERNAL_SCALE),
        )
