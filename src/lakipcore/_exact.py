"""Decimal arithmetic that never reads or changes the caller's ``decimal`` context.

``Decimal.__add__``, ``__truediv__``, unary minus and even ``sum()`` use the *current* thread's
context: a caller who set ``getcontext().prec = 3`` would silently change every capaian. All
arithmetic in lakipcore therefore goes through the functions here, which use one private context.

Precision is 60 significant digits. Sums and differences of the figures a report holds (at most
15 integer digits, a few decimals) are exact; quotients such as 9,38 / 7,1 are carried to 60
digits, far beyond any precision a report prints, and rounded once, at output.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import (
    ROUND_HALF_EVEN,
    Context,
    Decimal,
    DivisionByZero,
    InvalidOperation,
    Overflow,
)

__all__ = ["CONTEXT", "HUNDRED", "ONE", "ZERO", "add", "div", "mean", "mul", "neg", "sub", "total"]

CONTEXT = Context(
    prec=60,
    rounding=ROUND_HALF_EVEN,
    Emin=-999_999,
    Emax=999_999,
    traps=[InvalidOperation, DivisionByZero, Overflow],
)

ZERO = Decimal(0)
ONE = Decimal(1)
HUNDRED = Decimal(100)


def add(a: Decimal, b: Decimal) -> Decimal:
    """``a + b`` in the private context."""
    return CONTEXT.add(a, b)


def sub(a: Decimal, b: Decimal) -> Decimal:
    """``a - b`` in the private context."""
    return CONTEXT.subtract(a, b)


def mul(a: Decimal, b: Decimal) -> Decimal:
    """``a * b`` in the private context."""
    return CONTEXT.multiply(a, b)


def div(a: Decimal, b: Decimal) -> Decimal:
    """``a / b`` in the private context. Callers check for a zero divisor first."""
    return CONTEXT.divide(a, b)


def neg(a: Decimal) -> Decimal:
    """``-a`` in the private context."""
    return CONTEXT.minus(a)


def total(values: Iterable[Decimal]) -> Decimal:
    """Sum of ``values`` (``ZERO`` for none), exact for report-sized figures."""
    result = ZERO
    for value in values:
        result = CONTEXT.add(result, value)
    return result


def mean(values: Iterable[Decimal]) -> Decimal:
    """Arithmetic mean; the caller guarantees at least one value."""
    items = tuple(values)
    return CONTEXT.divide(total(items), Decimal(len(items)))
