"""Rounding at output: intervals of scaled integers to ``decimal128(38, scale)`` columns.

Both ends of an interval are rounded with the named mode; where they agree, that is the exact
value's rounding (every mode is monotone). Where they differ, the figure is recomputed with
fractions and rounded with integer arithmetic, and counted in ``recomputed``.
"""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction
from typing import Any

from lakipcore.bulk import _numpy, _rational
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

    def column(
        self,
        lo: Any,
        hi: Any,
        exact: Callable[[int], Fraction | None],
        arrays: tuple[Any, Any, Any | None] | None = None,
    ) -> Any:
        """The rounded column of the intervals ``[lo, hi]`` (int64 arrays, null: no value);
        ``arrays`` gives the same as numpy ``(lo, hi, valid)`` when the caller has them."""
        pa, pc = pyarrow()
        shift = INTERNAL_SCALE - self.scale
        np = _numpy.numpy()
        if np is not None and len(lo):
            if arrays is None:
                low_values, valid, _ = _numpy.ints(lo)
                high_values, _, _ = _numpy.ints(hi)
            else:
                low_values, high_values, valid = arrays
            low = _numpy.round_scaled(low_values, shift, self.rounding)
            # Only the ends that differ can round differently (null slots hold 0 at both).
            wide = np.flatnonzero(low_values != high_values)
            high = _numpy.round_scaled(high_values[wide], shift, self.rounding)
            for i in wide[low[wide] != high].tolist():
                low[i] = self._recompute(exact(i))
            return _numpy.to_decimal(low, valid, self.scale)
        low = round_scaled(lo, shift, self.rounding)
        high = round_scaled(hi, shift, self.rounding)
        ambiguous = pc.indices_nonzero(pc.fill_null(pc.not_equal(low, high), False)).to_pylist()
        if ambiguous:
            values = low.to_pylist()
            for i in ambiguous:
                values[i] = self._recompute(exact(i))
            low = pa.array(values, pa.int64())
        return as_decimal(low, self.scale)

    def _recompute(self, value: Fraction | None) -> int:
        assert value is not None, "an interval has a value"
        self.recomputed += 1
        return _rational.round_fraction(value, self.scale, self.rounding)

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
        return self._recompute(exact())
