"""Rounding at output: intervals of scaled integers to ``decimal128(38, scale)`` columns.

Both ends of an interval are rounded with the named mode; where they agree, that is the exact
value's rounding (every mode is monotone). Where they differ, the figure is recomputed with
fractions and rounded with integer arithmetic, and counted in ``recomputed``.
"""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction
from typing import Any

from lakipcore.bulk import _rational
from lakipcore.bulk._columns import as_decimal, pyarrow, round_scaled
from lakipcore.bulk._rows import INTERNAL_SCALE
from lakipcore.rounding import Rounding

FIGURES = ("achievement", "absorption", "performance")
"""The three figures of a unit, an office and a change."""
PREFIXES = ("ach", "abs", "perf")
"""Their short names in the interval columns (``ach_lo``, ``ach_hi``, ...)."""

_SCALE = 10**INTERNAL_SCALE


class Output:
    """Rounds intervals to the output scale, recomputing the ambiguous ones exactly."""

    def __init__(self, scale: int, rounding: Rounding) -> None:
        self.scale, self.rounding = scale, rounding
        self.recomputed = 0

    def column(self, lo: Any, hi: Any, exact: Callable[[int], Fraction | None]) -> Any:
        pa, pc = pyarrow()
        shift = INTERNAL_SCALE - self.scale
        low = round_scaled(lo, shift, self.rounding)
        high = round_scaled(hi, shift, self.rounding)
        ambiguous = pc.indices_nonzero(pc.fill_null(pc.not_equal(low, high), False)).to_pylist()
        if ambiguous:
            values = low.to_pylist()
            for i in ambiguous:
                value = exact(i)
                assert value is not None, "an interval has a value"
                values[i] = _rational.round_fraction(value, self.scale, self.rounding)
            self.recomputed += len(ambiguous)
            low = pa.array(values, pa.int64())
        return as_decimal(low, self.scale)

    def one(
        self, interval: tuple[int, int] | None, exact: Callable[[], Fraction | None]
    ) -> int | None:
        if interval is None:
            return None
        low, high = (
            _rational.round_fraction(Fraction(end, _SCALE), self.scale, self.rounding)
            for end in interval
        )
        if low == high:
            return low
        self.recomputed += 1
        value = exact()
        assert value is not None, "an interval has a value"
        return _rational.round_fraction(value, self.scale, self.rounding)
