"""Decimal arithmetic that never reads or changes the caller's ``decimal`` context.

``Decimal.__add__``, ``__truediv__``, unary minus and even ``sum()`` use the *current* thread's
context: a caller who set ``getcontext().prec = 3`` would silently change every capaian. All
arithmetic in lakipcore therefore goes through the functions here, which use a private context.

Precision is 60 significant digits. A figure holds at most
:data:`~lakipcore.limits.FIGURE_DIGITS` (30) digits, so sums, differences and products of
figures are exact; quotients such as 9,38 / 7,1 are carried to 60 digits, far beyond any
precision a report prints, and rounded once, at output.

A ``decimal.Context`` is mutable: every operation writes its flags (Inexact, Rounded). One
shared context would be written by every thread at once, and anyone holding it could change its
precision for everybody. Each thread therefore gets its own private context, made on first use
from fixed settings that nothing outside this module can reach.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from decimal import (
    ROUND_HALF_EVEN,
    Context,
    Decimal,
    DivisionByZero,
    InvalidOperation,
    Overflow,
)

from lakipcore.errors import InvalidValueError
from lakipcore.i18n import M_

__all__ = [
    "HUNDRED",
    "MAX_DIGITS",
    "ONE",
    "PRECISION",
    "ZERO",
    "add",
    "check_writable",
    "context",
    "div",
    "integral",
    "mean",
    "mul",
    "neg",
    "quantize",
    "quantize_places",
    "sub",
    "total",
]

PRECISION = 60
"""Significant digits of every intermediate result."""

ZERO = Decimal(0)
ONE = Decimal(1)
HUNDRED = Decimal(100)


class _PerThread(threading.local):
    """One private context per thread, created with the thread's first operation."""

    def __init__(self) -> None:
        self.context = _new_context(PRECISION)


_EMAX = 999_999


def _new_context(precision: int, *, emax: int = _EMAX) -> Context:
    return Context(
        prec=precision,
        rounding=ROUND_HALF_EVEN,
        Emin=-emax,
        Emax=emax,
        traps=[InvalidOperation, DivisionByZero, Overflow],
    )


_local = _PerThread()


def context() -> Context:
    """This thread's private context (never the caller's ``decimal.getcontext()``)."""
    return _local.context


def add(a: Decimal, b: Decimal) -> Decimal:
    """``a + b`` in the private context."""
    return _local.context.add(a, b)


def sub(a: Decimal, b: Decimal) -> Decimal:
    """``a - b`` in the private context."""
    return _local.context.subtract(a, b)


def mul(a: Decimal, b: Decimal) -> Decimal:
    """``a * b`` in the private context."""
    return _local.context.multiply(a, b)


def div(a: Decimal, b: Decimal) -> Decimal:
    """``a / b`` in the private context. Callers check for a zero divisor first."""
    return _local.context.divide(a, b)


def neg(a: Decimal) -> Decimal:
    """``-a`` in the private context."""
    return _local.context.minus(a)


def total(values: Iterable[Decimal]) -> Decimal:
    """Sum of ``values`` (``ZERO`` for none), exact for report-sized figures."""
    add_ = _local.context.add
    result = ZERO
    for value in values:
        result = add_(result, value)
    return result


def mean(values: Iterable[Decimal]) -> Decimal:
    """Arithmetic mean; the caller guarantees at least one value."""
    items = tuple(values)
    return _local.context.divide(total(items), Decimal(len(items)))


def integral(value: Decimal) -> bool:
    """Whether ``value`` is a whole number (``12``, ``12,00``; not ``12,5``)."""
    return value == value.to_integral_value(context=_local.context)


def quantize(value: Decimal, quantum: Decimal, rounding: str) -> Decimal:
    """``value`` rounded to the exponent of ``quantum`` with the ``decimal`` mode ``rounding``.

    Exact whatever the size of ``value``: when the result needs more than :data:`PRECISION`
    digits, a private context just wide enough is used instead of failing.
    """
    exponent = quantum.as_tuple().exponent
    assert isinstance(exponent, int), "a quantum is a finite number"
    return quantize_places(value, -exponent, rounding)


# 10⁻ᵖ for the places rounding uses most, made once: rounding runs for every printed figure.
_QUANTA = tuple(Decimal((0, (1,), -places)) for places in range(101))


def quantize_places(value: Decimal, places: int, rounding: str) -> Decimal:
    """``value`` rounded to ``places`` decimal places (``places`` may be negative).

    Exact for any finite value whose result has at most :data:`MAX_DIGITS` digits; a larger
    one is an :class:`~lakipcore.errors.InvalidValueError` (it could not be written out).
    """
    quantum = _QUANTA[places] if 0 <= places < len(_QUANTA) else Decimal((0, (1,), -places))
    digits = value.adjusted() + places + 2
    if digits <= PRECISION:
        return value.quantize(quantum, rounding, _local.context)  # positional: cheaper
    if digits > MAX_DIGITS + 2:
        check_writable(value, places)
    wide = _new_context(digits, emax=max(_EMAX, value.adjusted() + 1))
    return value.quantize(quantum, rounding, wide)


MAX_DIGITS = 10_000_000
"""The most digits a number written out may have: 10 million (a 13 MB string). Every finite
value up to that is rounded and written exactly; no report figure comes near it (the file
format allows 30 digits)."""


def check_writable(value: Decimal, places: int | None = None) -> None:
    """Refuse ``value`` (at ``places`` decimal places, else at its own exponent) when writing
    it out would take more than :data:`MAX_DIGITS` digits."""
    exponent = value.as_tuple().exponent
    if not isinstance(exponent, int):
        raise InvalidValueError(M_("{value} is not a finite number", value=value), field="value")
    whole = max(value.adjusted() + 1, 1)
    fraction = max(-exponent, 0) if places is None else max(places, 0)
    if whole + fraction > MAX_DIGITS:
        raise InvalidValueError(
            f"{value:.3E} would take {whole + fraction:,} digits to write out; at most "
            f"{MAX_DIGITS:,} are written".replace(",", "."),
            field="value",
        )
