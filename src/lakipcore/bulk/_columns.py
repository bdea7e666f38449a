"""Exact integer kernels over Arrow arrays: scaled integers in int64, never float.

A figure of the bulk path is an ``int64`` holding the value times ``10**scale``. Every operation
that could leave int64 is a ``*_checked`` kernel, so an overflow raises (and becomes a
:class:`~lakipcore.errors.LakipValueError` naming the bound) instead of wrapping silently.

A value that a quotient does not give exactly at the internal scale is carried as a closed
interval ``[lo, hi]`` of scaled integers that contains it (``lo == hi`` when exact). Rounding the
interval to the output scale gives the exact rounding of the value whenever both ends round the
same way, because every named rounding is a monotone step function; the few values whose
interval straddles a rounding boundary are recomputed with ``fractions.Fraction``
(:mod:`lakipcore.bulk._rational`).
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any, Final

from lakipcore.errors import LakipError, LakipValueError
from lakipcore.i18n import M_
from lakipcore.rounding import Rounding

INT64_MAX: Final = 2**63 - 1
DECIMAL_PRECISION: Final = 38


def pyarrow() -> tuple[Any, Any]:
    """``(pyarrow, pyarrow.compute)``, imported on first use (the ``arrow`` extra)."""
    try:
        import pyarrow as pa  # type: ignore[import-untyped]  # noqa: PLC0415 - optional
        import pyarrow.compute as pc  # type: ignore[import-untyped]  # noqa: PLC0415
    except ImportError:
        raise LakipError(
            M_("lakipcore.bulk needs pyarrow; install it with: pip install 'lakipcore[arrow]'")
        ) from None
    return pa, pc


class BoundError(LakipValueError):
    """A scaled integer of the bulk path would leave int64 (see docs/scale.md, "Limits")."""


def checked(operation: str, *args: Any) -> Any:
    """``pyarrow.compute.<operation>_checked``, with an overflow raised as :class:`BoundError`."""
    pa, pc = pyarrow()
    try:
        return getattr(pc, operation + "_checked")(*args)
    except pa.ArrowInvalid as error:
        raise BoundError(
            f"a scaled integer leaves int64 ({error}); the bulk path holds capaian and sums "
            "at 10 decimal places of a percent in int64: split the batch, or score these rows "
            "with lakipcore.score_report"
        ) from None


def contiguous(values: Any) -> Any:
    """An Arrow array as one chunk (a ChunkedArray combined; an Array as it is)."""
    return values.combine_chunks() if hasattr(values, "combine_chunks") else values


def beyond_int64(kind: Any, name: str | None = None) -> BoundError:
    """The error for an integer column with a value beyond int64 (both kernels raise it)."""
    return BoundError(
        f"a value of an {kind} column does not fit int64; the bulk path reads figures into int64",
        field=name,
    )


def too_many_digits(kind: Any, name: str | None = None) -> BoundError:
    """The error for a decimal128 value with more than 18 digits (both kernels raise it)."""
    return BoundError(
        f"a value of a decimal128 column at scale {kind.scale} has more than 18 digits "
        "(without its point); the bulk path reads figures into int64",
        field=name,
    )


def not_figures(kind: Any, name: str | None = None) -> LakipValueError:
    """The error for a column that holds no figures (both kernels raise it)."""
    return LakipValueError(
        M_(
            "expected a decimal128 (or integer) column, got {kind}; floats "
            "cannot hold report figures exactly",
            kind=kind,
        ),
        field=name,
    )


def unscaled(array: Any, name: str | None = None) -> tuple[Any, int]:
    """A decimal128 array as its unscaled int64 integers and its scale (zero-copy view); an
    error names column ``name``.

    The buffers of a ``decimal128(p, s)`` hold the integer ``value × 10**s``; reading them as
    ``decimal128(38, 0)`` and casting (checked) to int64 gives it without any arithmetic.
    """
    pa, pc = pyarrow()
    array = contiguous(array)
    kind = array.type
    if pa.types.is_integer(kind):
        try:
            return pc.cast(array, pa.int64()), 0  # checked: a uint64 beyond int64 is refused
        except pa.ArrowInvalid:
            raise beyond_int64(kind, name) from None
    if not pa.types.is_decimal128(kind):
        raise not_figures(kind, name)
    raw = pa.Array.from_buffers(
        pa.decimal128(DECIMAL_PRECISION, 0), len(array), array.buffers(), offset=array.offset
    )
    try:
        return pc.cast(raw, pa.int64()), kind.scale
    except pa.ArrowInvalid:
        raise too_many_digits(kind, name) from None


def outer_pairs(left: Any, right: Any) -> tuple[Any, Any]:
    """A full outer pairing of two string arrays, each without repeats: every left position in
    order with the position of its key on the right (null when absent), then the right
    positions no left key has, in order. Two int64 index arrays for ``take`` (a hash lookup of
    the keys each way; no join, whose output order is unspecified)."""
    pa, pc = pyarrow()
    left, right = contiguous(left), contiguous(right)
    match = contiguous(pc.cast(pc.index_in(left, value_set=right), pa.int64()))
    alone = pc.cast(pc.indices_nonzero(pc.invert(pc.is_in(right, value_set=left))), pa.int64())
    left_side = pa.concat_arrays(
        [pa.array(range(len(left)), pa.int64()), pa.nulls(len(alone), pa.int64())]
    )
    return left_side, pa.concat_arrays([match, alone])


def outer_join(left: Any, right: Any, periods: Sequence[str]) -> Any:
    """The full outer join of two tables on ``(period, unit)``, each pair at most once per
    table: per period, the left rows in order, then the right rows without a left partner.
    Columns: period, unit, the left table's others, then the right's."""
    pa, pc = pyarrow()
    lefts, rights = [], []
    for key in periods:
        here = contiguous(pc.cast(pc.indices_nonzero(pc.equal(left["period"], key)), pa.int64()))
        there = contiguous(pc.cast(pc.indices_nonzero(pc.equal(right["period"], key)), pa.int64()))
        pair_left, pair_right = outer_pairs(left["unit"].take(here), right["unit"].take(there))
        lefts.append(here.take(pair_left))
        rights.append(there.take(pair_right))
    on_left = pa.concat_arrays(lefts) if lefts else pa.array([], pa.int64())
    on_right = pa.concat_arrays(rights) if rights else pa.array([], pa.int64())
    columns = {
        name: pc.coalesce(left[name].take(on_left), right[name].take(on_right))
        for name in ("period", "unit")
    }
    for table, index in ((left, on_left), (right, on_right)):
        for name in table.column_names:
            if name not in columns:
                columns[name] = table[name].take(index)
    return pa.table(columns)


def rescale(values: Any, scale: int, target: int) -> Any:
    """Scaled integers at ``scale`` re-expressed at ``target`` ≥ ``scale`` (exact)."""
    if target == scale:
        return values
    return checked("multiply", values, 10 ** (target - scale))


def as_decimal(values: Any, scale: int) -> Any:
    """int64 scaled integers at ``scale`` as ``decimal128(38, scale)``, nulls kept (zero-copy)."""
    pa, pc = pyarrow()
    whole = contiguous(pc.cast(values, pa.decimal128(DECIMAL_PRECISION, 0)))
    return pa.Array.from_buffers(
        pa.decimal128(DECIMAL_PRECISION, scale), len(whole), whole.buffers(), offset=whole.offset
    )


def floor_divide(numerator: Any, denominator: Any) -> Any:
    """⌊n / d⌋ for int64 arrays (or scalars) with d > 0; n may be negative."""
    pa, pc = pyarrow()
    quotient = pc.divide(numerator, denominator)  # truncates toward zero
    remainder = pc.subtract(numerator, pc.multiply(quotient, denominator))
    negative = pc.less(remainder, 0)
    return pc.subtract(quotient, pc.cast(negative, pa.int64()))


def ceil_divide(numerator: Any, denominator: Any) -> Any:
    """⌈n / d⌉ for int64 arrays (or scalars) with d > 0."""
    _, pc = pyarrow()
    return pc.negate(floor_divide(pc.negate(numerator), denominator))


def scaled_quotient(numerator: Any, denominator: Any, digits: int) -> tuple[Any, Any]:
    """``(⌊n × 10**digits / d⌋, n × 10**digits is not a multiple of d)`` for n ≥ 0, d > 0.

    Long division in steps of ``10**c``, with ``c`` the largest power for which every
    remainder × 10**c (< d × 10**c) stays in int64: exact, without 128-bit products.
    """
    pa, pc = pyarrow()
    largest = pc.max(denominator).as_py() or 1
    step = len(str(INT64_MAX // largest)) - 1
    if step < 1:
        raise BoundError(
            f"a divisor of {largest} (scaled) is too large for exact int64 long division; "
            "the bulk path needs targets, realisations and pagu below 9 × 10**17 when scaled"
        )
    # As the numpy version: the first step shifts the numerator by as many digits as its
    # maximum allows, and the first quotient bounds the result, so that both kernels refuse
    # exactly the same batches with the same message.
    first = min(digits, len(str(INT64_MAX // max(pc.max(numerator).as_py() or 0, 1))) - 1)
    shifted = pc.multiply(numerator, 10**first) if first > 0 else numerator
    quotient = pc.divide(shifted, denominator)
    remainder = pc.subtract(shifted, pc.multiply(quotient, denominator))
    left = digits - max(first, 0)
    check_quotient(pc.max(quotient).as_py() or 0, left)
    while left:
        now = min(step, left)
        factor = 10**now
        shifted = pc.multiply(remainder, factor)  # < d × 10**step ≤ INT64_MAX
        part = pc.divide(shifted, denominator)
        remainder = pc.subtract(shifted, pc.multiply(part, denominator))
        quotient = pc.add(pc.multiply(quotient, factor), part)  # bounded by check_quotient
        left -= now
    return quotient, pc.not_equal(remainder, pa.scalar(0, pa.int64()))


def check_quotient(top: int, left: int) -> None:
    """Refuse a long division whose first quotient's largest value ``top``, shifted by the
    ``left`` digits still to come, may leave int64 (the result is below (top + 1) × 10**left)."""
    if (top + 1) * 10**left > INT64_MAX:
        raise BoundError(
            "a capaian or rate leaves int64 at 10 decimal places of a percent (above "
            "9,2 × 10**8 %); split the batch, or score these rows with lakipcore.score_report"
        )


def round_scaled(values: Any, shift: int, rounding: Rounding) -> Any:
    """Scaled integers rounded by ``shift`` decimal places with the named ``rounding``.

    Sign and magnitude are rounded apart, so half-up and truncate act away from and toward
    zero for negative values as :func:`lakipcore.round_to` does.
    """
    pa, pc = pyarrow()
    if shift == 0:
        return values
    unit = 10**shift
    magnitude = pc.abs(values)
    quotient = pc.divide(magnitude, unit)
    twice = pc.multiply(pc.subtract(magnitude, pc.multiply(quotient, unit)), 2)
    if rounding is Rounding.HALF_UP:
        up = pc.greater_equal(twice, unit)
    elif rounding is Rounding.HALF_EVEN:
        odd = pc.equal(pc.bit_wise_and(quotient, 1), 1)
        up = pc.or_(pc.greater(twice, unit), pc.and_(pc.equal(twice, unit), odd))
    else:
        up = None
    if up is not None:
        quotient = pc.add(quotient, pc.cast(up, pa.int64()))
    return pc.if_else(pc.less(values, 0), pc.negate(quotient), quotient)


def decimal_scalar(value: Decimal, scale: int) -> int:
    """``value × 10**scale`` as an int; :class:`LakipValueError` when that is not whole."""
    sign, digits, exponent = value.as_tuple()
    assert isinstance(exponent, int), "a finite Decimal"
    number = int("".join(map(str, digits)) or "0")
    shift = scale + exponent
    if shift < 0:
        whole, rest = divmod(number, 10**-shift)
        if rest:
            raise LakipValueError(
                M_("{value} has more than {scale} decimal places", value=value, scale=scale)
            )
        number = whole
    else:
        number *= 10**shift
    return int(-number if sign else number)
