"""Exact int64 kernels in numpy, over zero-copy views of Arrow buffers, when numpy is there.

pyarrow does not depend on numpy, so the ``arrow`` extra does not bring it: the bulk path
uses it when it can be imported (it is several times faster than a chain of pyarrow compute
kernels, which allocate a result and a validity bitmap each) and falls back to pyarrow
compute otherwise; the tests run both. numpy integer operations wrap silently on overflow,
so every function here checks its bound once, up front, from the operands' extremes, and
raises :class:`~lakipcore.bulk._columns.BoundError` before any value could wrap.

Arrays travel as ``(values, valid)``: ``values`` a contiguous ``int64`` array whose null slots
hold 0, ``valid`` a boolean array, or ``None`` when nothing is null.
"""

from __future__ import annotations

import sys
from typing import Any, Final

from lakipcore.bulk._columns import (
    DECIMAL_PRECISION,
    INT64_MAX,
    BoundError,
    beyond_int64,
    check_quotient,
    not_figures,
    pyarrow,
    too_many_digits,
)
from lakipcore.rounding import Rounding

ENABLED = True
"""Switched off by the tests to run the pyarrow compute fallback on the same cases."""

_LITTLE: Final = sys.byteorder == "little"


def numpy() -> Any | None:
    """The numpy module when it is importable (and enabled), else ``None``."""
    if not ENABLED or not _LITTLE:
        # The buffer views below read Arrow's little-endian layout as native integers.
        return None
    try:
        import numpy as np  # noqa: PLC0415 - optional, not a dependency of the extra
    except ImportError:
        return None
    return np


def _np() -> Any:
    np = numpy()
    assert np is not None, "only called on the numpy path"
    return np


def validity(array: Any) -> Any | None:
    """The validity of an Arrow array as booleans (``None`` when it has no nulls)."""
    np = _np()
    if array.null_count == 0:
        return None
    bitmap = array.buffers()[0]
    bits = np.unpackbits(np.frombuffer(bitmap, np.uint8), bitorder="little")
    return bits[array.offset : array.offset + len(array)].view(np.bool_)


def ints(array: Any, name: str | None = None) -> tuple[Any, Any | None, int]:
    """A decimal128 or integer Arrow array (or chunked array) as ``(values, valid, scale)``;
    an error names column ``name``.

    A ``decimal128(p, s)`` slot holds the two's-complement integer ``value × 10**s`` in 16
    little-endian bytes; it fits int64 exactly when its high word is the sign extension of its
    low word, which is checked for every valid slot before the low words are used. The result
    is always a fresh contiguous array (the chunks joined), its null slots set to 0.
    """
    np = _np()
    pa, pc = pyarrow()
    chunks = array.chunks if hasattr(array, "chunks") else [array]
    kind = array.type
    if pa.types.is_integer(kind) and kind != pa.int64():
        if pa.types.is_unsigned_integer(kind) and (pc.max(array).as_py() or 0) > INT64_MAX:
            raise beyond_int64(kind, name)
        return ints(pc.cast(array, pa.int64()), name)
    if not (kind == pa.int64() or pa.types.is_decimal128(kind)):
        raise not_figures(kind, name)
    wide = pa.types.is_decimal128(kind)
    parts, masks = [], []
    for chunk in chunks:
        n, offset = len(chunk), chunk.offset
        valid = validity(chunk)
        if not n:
            continue
        words = np.frombuffer(chunk.buffers()[1], np.int64)
        if wide:
            words = words[2 * offset : 2 * (offset + n)].reshape(n, 2)
            low = words[:, 0]
            beyond = words[:, 1] != (low >> 63)
            if valid is not None:
                beyond &= valid
            if beyond.any():
                raise too_many_digits(kind, name)
            parts.append(low)
        else:
            parts.append(words[offset : offset + n])
        masks.append(np.ones(n, np.bool_) if valid is None else valid)
    if not parts:
        return np.zeros(0, np.int64), None, kind.scale if wide else 0
    # A copy: contiguous for the kernels, and null slots (whatever the buffer held) set to 0.
    values = np.concatenate(parts) if len(parts) > 1 else np.array(parts[0], np.int64)
    valid_all = None
    if array.null_count:
        valid_all = np.concatenate(masks)
        values[~valid_all] = 0
    return values, valid_all, kind.scale if wide else 0


def rescale(values: Any, scale: int, target: int) -> Any:
    """Scaled integers at ``scale`` re-expressed at ``target`` ≥ ``scale``, bound checked."""
    if target == scale:
        return values
    factor = 10 ** (target - scale)
    check(values, factor, "rescaling a column")
    return values * factor


def extreme(values: Any) -> int:
    """``max |v|`` as a Python int (0 for an empty array)."""
    if not len(values):
        return 0
    return max(abs(int(values.max())), abs(int(values.min())))


def check(values: Any, factor: int, what: str, offset: int = 0) -> None:
    """Refuse ``values × factor + offset`` that could leave int64 (exact bound, Python ints)."""
    if extreme(values) * factor + abs(offset) > INT64_MAX:
        raise BoundError(
            f"a scaled integer leaves int64 ({what}); the bulk path holds capaian and sums at "
            "10 decimal places of a percent in int64: split the batch, or score these rows "
            "with lakipcore.score_report"
        )


def scaled_quotient(numerator: Any, denominator: Any, digits: int) -> tuple[Any, Any]:
    """``(⌊n × 10**digits / d⌋, n × 10**digits is not a multiple of d)`` for n ≥ 0, d > 0.

    Long division in steps of ``10**c`` as in the pyarrow version; the first quotient's maximum
    bounds the result, so one check before the loop covers every step.
    """
    np = _np()
    largest = int(denominator.max()) if len(denominator) else 1
    step = len(str(INT64_MAX // max(largest, 1))) - 1
    if step < 1:
        raise BoundError(
            f"a divisor of {largest} (scaled) is too large for exact int64 long division; "
            "the bulk path needs targets, realisations and pagu below 9 × 10**17 when scaled"
        )
    # The first step shifts the numerator itself by as many digits as its maximum allows (all
    # of them for report figures, so one division usually does), later steps the remainder.
    first = min(digits, len(str(INT64_MAX // max(extreme(numerator), 1))) - 1)
    shifted = numerator * 10**first if first > 0 else numerator
    quotient, remainder = np.divmod(shifted, denominator)  # one pass for both
    left = digits - max(first, 0)
    # The result is below (the first quotient + 1) × 10**left; that and one more must fit.
    check_quotient(int(quotient.max()) if len(quotient) else 0, left)
    while left:
        now = min(step, left)
        factor = 10**now
        # remainder < d, so remainder × factor is below d × 10**step ≤ INT64_MAX.
        part, remainder = np.divmod(remainder * factor, denominator)
        quotient *= factor
        quotient += part
        left -= now
    return quotient, remainder != 0


def round_scaled(values: Any, shift: int, rounding: Rounding) -> Any:
    """Scaled integers rounded by ``shift`` places, sign and magnitude apart (as round_to)."""
    np = _np()
    if shift == 0:
        return values
    unit = 10**shift
    lowest = int(values.min()) if len(values) else 0
    if rounding is Rounding.HALF_UP and lowest >= 0 and extreme(values) + unit // 2 <= INT64_MAX:
        # ⌊(v + unit / 2) / unit⌋ is half-up for v ≥ 0 (unit is even): two passes, not seven.
        return (values + unit // 2) // unit
    # |v| of the most negative int64 would wrap; the bounds checked upstream keep every figure
    # far from it.
    magnitude = np.abs(values)
    quotient = magnitude // unit  # a scalar divisor: numpy divides by multiplication
    if rounding is Rounding.HALF_UP or rounding is Rounding.HALF_EVEN:
        twice = 2 * (magnitude - quotient * unit)
        up = twice >= unit
        if rounding is Rounding.HALF_EVEN:
            up &= (twice > unit) | (quotient & 1 == 1)
        quotient += up
    if lowest < 0:
        np.negative(quotient, out=quotient, where=values < 0)
    return quotient


def to_arrow(values: Any, valid: Any | None) -> Any:
    """``(values, valid)`` as an Arrow int64 array (the values buffer shared, not copied)."""
    np = _np()
    pa, _ = pyarrow()
    values = np.ascontiguousarray(values, np.int64)
    return pa.Array.from_buffers(
        pa.int64(), len(values), [_bitmap(valid), pa.py_buffer(values)], null_count=_nulls(valid)
    )


def to_decimal(values: Any, valid: Any | None, scale: int) -> Any:
    """``(values, valid)`` at ``scale`` as ``decimal128(38, scale)``: low word, sign word."""
    np = _np()
    pa, _ = pyarrow()
    words = np.zeros((len(values), 2), np.int64)
    words[:, 0] = values
    if len(values) and values.min() < 0:
        words[:, 1] = values >> 63
    if valid is not None:
        words[~valid] = 0
    return pa.Array.from_buffers(
        pa.decimal128(DECIMAL_PRECISION, scale),
        len(values),
        [_bitmap(valid), pa.py_buffer(words)],
        null_count=_nulls(valid),
    )


def null_strings(count: int) -> Any:
    """A string column of ``count`` nulls. Its buffers come from ``numpy.zeros``, whose pages
    the system zeroes only when touched: ``pyarrow.nulls`` writes all of them."""
    np = _np()
    pa, _ = pyarrow()
    validity = pa.py_buffer(np.zeros((count + 7) // 8, np.uint8))
    offsets = pa.py_buffer(np.zeros(count + 1, np.int32))
    return pa.Array.from_buffers(
        pa.string(), count, [validity, offsets, pa.py_buffer(b"")], null_count=count
    )


def _bitmap(valid: Any | None) -> Any | None:
    if valid is None:
        return None
    pa, _ = pyarrow()
    return pa.py_buffer(_np().packbits(valid, bitorder="little"))


def _nulls(valid: Any | None) -> int:
    return 0 if valid is None else int(len(valid) - _np().count_nonzero(valid))
