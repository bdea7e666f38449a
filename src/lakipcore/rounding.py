"""Rounding at output, with the mode and the quantum always named.

lakipcore computes with unrounded ``Decimal`` and rounds exactly once: when a figure is printed or
compared with a printed figure. The mode is never taken from the caller's ``decimal`` context
(``py-moneyed``'s ``Money.round()`` did, so ``2.5`` rounded differently from one program to the
next); every function here takes a :class:`Rounding` and a number of decimal places.
"""

from __future__ import annotations

from decimal import ROUND_DOWN, ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal
from fractions import Fraction

from lakipcore._exact import PRECISION, quantize_places
from lakipcore._names import NamedEnum
from lakipcore.errors import InvalidValueError, LakipTypeError
from lakipcore.i18n import M_

__all__ = [
    "MAX_PLACES",
    "Rounding",
    "explaining_rounding",
    "places_of",
    "round_fraction",
    "round_to",
]

MAX_PLACES = 100
"""The most decimal places :func:`round_to` shows: far more than any report prints, and a bound
on the size of the result (a million places would be a million digits)."""


class Rounding(NamedEnum):
    """How an exact value is cut to a printed precision."""

    __what__ = "rounding"

    HALF_UP = "half-up"
    """0,5 of the last place rounds away from zero: 99,805 → 99,81. The report's usual mode."""

    TRUNCATE = "truncate"
    """Digits past the last place are dropped (toward zero): 275,502 → 275. Some cells do this."""

    HALF_EVEN = "half-even"
    """0,5 rounds to the even neighbour (banker's rounding): 0,125 → 0,12. Offered for callers."""

    @property
    def decimal_mode(self) -> str:
        """The ``decimal`` module's name for this mode."""
        return _DECIMAL_MODES[self._value_]


# Keyed by the member's value (``_value_``: ``.value`` and an enum member's own hash are
# Python-level calls, and rounding runs for every printed figure an audit compares).
_DECIMAL_MODES = {
    Rounding.HALF_UP.value: ROUND_HALF_UP,
    Rounding.TRUNCATE.value: ROUND_DOWN,
    Rounding.HALF_EVEN.value: ROUND_HALF_EVEN,
}


def round_to(value: Decimal, places: int, rounding: Rounding = Rounding.HALF_UP) -> Decimal:
    """Round ``value`` to ``places`` decimal places with the named ``rounding``.

    >>> round_to(Decimal("99.805"), 2)
    Decimal('99.81')
    >>> round_to(Decimal("275.502"), 0, Rounding.TRUNCATE)
    Decimal('275')
    """
    if type(places) is not int or not 0 <= places <= MAX_PLACES:
        _check_places(places)
    if not isinstance(rounding, Rounding):
        raise LakipTypeError(
            M_(
                "expected a Rounding member, got {rounding}; use Rounding.from_name()",
                rounding=repr(rounding),
            ),
            field="rounding",
        )
    if not isinstance(value, Decimal):
        raise LakipTypeError(
            M_("expected a Decimal, got {type}", type=type(value).__name__), field="value"
        )
    if not value.is_finite():
        raise InvalidValueError(M_("{value} is not a finite number", value=value), field="value")
    # A value of at most 44 digits needs no guard; its text is never shorter than its digits
    # (and str() is much cheaper than counting them with as_tuple()).
    if len(str(value)) > _GUARD_DIGITS_FREE:
        keep = _GUARDED_PLACES - value.adjusted()
        if keep > places:
            value = quantize_places(value, keep, ROUND_HALF_EVEN)
    return quantize_places(value, places, _DECIMAL_MODES[rounding._value_])


def round_fraction(value: Fraction, places: int, rounding: Rounding = Rounding.HALF_UP) -> Decimal:
    """Round an exact rational ``value`` to ``places`` decimal places with the named
    ``rounding``, in integers (no ``decimal`` context is read): a seventh of 30 points is
    4,29 half-up.

    >>> round_fraction(Fraction(30, 7), 2)
    Decimal('4.29')
    >>> round_fraction(Fraction(-5, 2), 0)
    Decimal('-3')
    """
    _check_places(places)
    if not isinstance(rounding, Rounding):
        raise LakipTypeError(
            M_(
                "expected a Rounding member, got {rounding}; use Rounding.from_name()",
                rounding=repr(rounding),
            ),
            field="rounding",
        )
    if not isinstance(value, Fraction):
        raise LakipTypeError(
            M_("expected a Fraction, got {type}", type=type(value).__name__), field="value"
        )
    scaled = value * 10**places
    negative = scaled < 0
    quotient, remainder = divmod(abs(scaled.numerator), scaled.denominator)
    twice = 2 * remainder
    if rounding is Rounding.HALF_UP:
        quotient += twice >= scaled.denominator
    elif rounding is Rounding.HALF_EVEN:
        above = twice > scaled.denominator
        quotient += above or (twice == scaled.denominator and quotient % 2 == 1)
    sign = "-" if negative and quotient else ""
    return Decimal(f"{sign}{quotient}E-{places}")


def _check_places(places: object) -> None:
    if isinstance(places, bool) or not isinstance(places, int):
        raise LakipTypeError(
            M_("places must be an int, got {places}", places=repr(places)), field="places"
        )
    if not 0 <= places <= MAX_PLACES:
        raise InvalidValueError(
            M_(
                "places must be from 0 to {max_places}, got {places}",
                max_places=MAX_PLACES,
                places=places,
            ),
            field="places",
        )


# How many of the last significant digits of a full-precision value are not trusted: a value
# is first rounded half-even to the 52nd significant digit a 60-digit value of its size would
# have, i.e. to ``_GUARDED_PLACES - value.adjusted()`` decimal places.
_GUARD_DIGITS = 8
_GUARDED_PLACES = PRECISION - 1 - _GUARD_DIGITS
_GUARD_DIGITS_FREE = PRECISION - 2 * _GUARD_DIGITS  # 44: no figure has more than 30 digits

# Why the guard: a value carrying (nearly) all 60 digits of lakipcore's arithmetic is a quotient
# rounded at its 60th digit, or a sum or difference of such quotients (whose leading digits may
# cancel): 4/3 − 1/3 comes out as 0,99…97, and truncating that would give 0 instead of 1. No
# figure has more than 30 digits, so a value of more than 44 is such a result. The last digits
# hold only that rounding error, so they are dropped before the rounding asked for. Exact values
# a report produces (rationals with report-sized denominators) lie either on a rounding
# boundary or much farther than 10⁻⁵⁰ from it, so this never moves a value across a boundary
# it was not on.


_COMMON_PLACES = (2, 0, 1)
_PLACE_QUANTA = {places: Decimal((0, (1,), -places)) for places in _COMMON_PLACES}


def places_of(printed: Decimal) -> int:
    """Decimal places a printed value shows: 2 for ``87,50``, 1 for ``87,5``, 0 for ``100``."""
    # Printed figures show 2 or 0 places nearly always; same_quantum() answers those without
    # building the digit tuple of as_tuple() (the audit asks this for every figure it compares).
    for places in _COMMON_PLACES:
        if printed.same_quantum(_PLACE_QUANTA[places]):
            return places
    exponent = printed.as_tuple().exponent
    if not isinstance(exponent, int):  # NaN or Infinity never come out of the figure parser
        raise InvalidValueError(M_("{printed} is not a finite number", printed=printed))
    return max(0, -exponent)


def explaining_rounding(
    printed: Decimal,
    exact: Decimal,
    modes: tuple[Rounding, ...] = (Rounding.HALF_UP, Rounding.TRUNCATE),
) -> Rounding | None:
    """The first of ``modes`` that turns ``exact`` into ``printed`` at the printed precision.

    ``None`` when no mode does, i.e. the printed figure does not follow from ``exact``.
    The comparison is by value at the printed precision, so ``100`` and ``100,00`` are each
    compared at their own number of places.
    """
    places = places_of(printed)
    for mode in modes:
        if round_to(exact, places, mode) == printed:
            return mode
    return None
