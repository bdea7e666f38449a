"""Exact rational values for the few figures whose interval straddles a rounding boundary.

The vectorised path carries capaian and means as intervals of scaled integers; when the two
ends of an interval round differently at the output scale, the figure is recomputed here with
``fractions.Fraction`` from the rows themselves (no precision limit, no decimal context) and
rounded with integer arithmetic.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from fractions import Fraction
from typing import Final

from lakipcore.methods.formulas import Formula, Term
from lakipcore.rounding import Rounding

FORMULAS: Final = tuple(Formula)
"""The capaian formulas; a row's formula code is its position here. Each is evaluated from
its definition, :attr:`Formula.terms`, the one the Decimal engine reads too."""
CODES: Final = {formula: code for code, formula in enumerate(FORMULAS)}
_BELOW_ZERO: Final = {
    CODES[Formula.RATIO]: CODES[Formula.KONDISI_KHUSUS],
    CODES[Formula.KONDISI_KHUSUS]: CODES[Formula.RATIO],
}


def capaian(target: int, realised: int, formula: int, cap: Fraction | None) -> Fraction:
    """One capaian in percent from scaled target and realisation at the same scale:
    ``100 × (base × d + sign × n) / d`` by the terms of formula code ``formula``; below a zero
    target the ratio and kondisi khusus trade terms, as in :func:`lakipcore.capaian`."""
    if target < 0:
        formula = _BELOW_ZERO.get(formula, formula)
    terms = FORMULAS[formula].terms
    n = target if terms.numerator is Term.TARGET else realised
    d = target if terms.denominator is Term.TARGET else realised
    value = Fraction(100 * (terms.base * d + terms.sign * n), d)
    return value if cap is None or value <= cap else cap


def mean(values: Sequence[Fraction]) -> Fraction:
    """The exact mean of at least one value."""
    return Fraction(sum(values, Fraction(0)), len(values))


def absorption(pagu: int, realised: int) -> Fraction:
    """Σ realisasi / Σ pagu × 100 from scaled sums at the same scale (pagu > 0)."""
    return Fraction(100 * realised, pagu)


def weighted(parts: Iterable[tuple[Fraction, Fraction]]) -> Fraction:
    """Σ weight × value."""
    return sum((w * v for w, v in parts), Fraction(0))


def round_fraction(value: Fraction, scale: int, rounding: Rounding) -> int:
    """``value`` rounded to ``scale`` places with ``rounding``, as an integer × 10**-scale."""
    numerator = abs(value.numerator) * 10**scale
    quotient, remainder = divmod(numerator, value.denominator)
    twice = 2 * remainder
    if rounding is Rounding.HALF_UP:
        quotient += twice >= value.denominator
    elif rounding is Rounding.HALF_EVEN:
        quotient += twice > value.denominator or (twice == value.denominator and quotient % 2 == 1)
    return int(-quotient if value < 0 else quotient)
