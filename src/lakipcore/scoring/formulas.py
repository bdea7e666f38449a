"""The report's formulas, one function each, on unrounded ``Decimal``.

Every function returns the exact (unrounded) value in percent or percentage points; round it once,
at output, with :func:`lakipcore.round_to`. None of them reads the caller's ``decimal`` context.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from lakipcore._exact import HUNDRED, ZERO, div, mul, sub, total
from lakipcore.errors import InvalidValueError, ZeroTargetError
from lakipcore.figures import exact_decimal
from lakipcore.methods.method import PerformanceWeights
from lakipcore.model.indicator import Formula, Polarity

__all__ = [
    "PerformanceWeights",
    "absorption",
    "capaian",
    "performance",
    "relative_change",
    "yoy_points",
]


_TWO = Decimal(2)


def capaian(
    target: Decimal,
    realisation: Decimal,
    *,
    polarity: Polarity = Polarity.HIGHER_IS_BETTER,
    formula: Formula | None = None,
    cap: Decimal | None = None,
) -> Decimal:
    """Capaian (achievement) of one indicator, in percent.

    * higher is better, :attr:`Formula.RATIO`: R / T × 100 (9,38 against 7,1 → 132,11…);
    * lower is better, :attr:`Formula.KONDISI_KHUSUS` (the default for that polarity):
      (2T − R) / T × 100, which can fall below zero when R > 2T;
    * lower is better, :attr:`Formula.INVERSE_RATIO`: T / R × 100.

    ``cap`` (in percent, e.g. 120) limits the result from above; the report caps nothing.
    A zero target raises :class:`ZeroTargetError` (a zero-target policy decides what a unit does
    with it); so does a zero realisation under the inverse ratio.
    """
    target = exact_decimal(target, field="target")
    realisation = exact_decimal(realisation, field="realisation")
    if formula is None:
        formula = Formula.RATIO if polarity is Polarity.HIGHER_IS_BETTER else Formula.KONDISI_KHUSUS
    elif formula.polarity is not polarity:
        raise InvalidValueError(
            f"formula {formula.value!r} is for {formula.polarity.value}-is-better indicators, "
            f"not {polarity.value}-is-better",
            field="formula",
        )
    if target < ZERO or realisation < ZERO:
        raise InvalidValueError(
            f"target and realisation must not be negative (target {target}, realisation "
            f"{realisation})",
            field="target" if target < ZERO else "realisation",
        )
    if cap is not None:
        cap = exact_decimal(cap, field="cap")
        if cap <= ZERO:
            raise InvalidValueError(f"a cap must be positive, got {cap}", field="cap")
    return checked_capaian(target, realisation, formula, cap)


def checked_capaian(
    target: Decimal, realisation: Decimal, formula: Formula, cap: Decimal | None
) -> Decimal:
    """:func:`capaian` of values already checked: finite, non-negative ``Decimal``, a formula
    of the indicator's polarity and a positive cap, as the model and a method guarantee. The
    engine calls this for every indicator-year, so it checks nothing twice."""
    if target == ZERO:
        raise ZeroTargetError(
            "capaian of a zero target is undefined; choose a zero-target policy", field="target"
        )
    if formula is Formula.RATIO:
        result = mul(div(realisation, target), HUNDRED)
    elif formula is Formula.KONDISI_KHUSUS:
        result = mul(div(sub(mul(_TWO, target), realisation), target), HUNDRED)
    else:
        if realisation == ZERO:
            raise ZeroTargetError(
                "the inverse ratio T/R is undefined for a zero realisation", field="realisation"
            )
        result = mul(div(target, realisation), HUNDRED)
    if cap is not None and result > cap:
        return cap
    return result


def absorption(pagu: Decimal, realisation: Decimal) -> Decimal:
    """Budget absorption (penyerapan anggaran): realisasi / pagu × 100, in percent.

    Realisasi above pagu gives more than 100 %; it is not an error here (the audit reports it).
    """
    pagu = exact_decimal(pagu, field="pagu")
    realisation = exact_decimal(realisation, field="realisation")
    if pagu < ZERO or realisation < ZERO:
        raise InvalidValueError(
            f"pagu and realisasi must not be negative (pagu {pagu}, realisasi {realisation})",
            field="pagu" if pagu < ZERO else "realisation",
        )
    if pagu == ZERO:
        raise InvalidValueError("absorption of a zero pagu is undefined", field="pagu")
    return mul(div(realisation, pagu), HUNDRED)


def defined_absorption(pagu: Decimal, realisation: Decimal) -> Decimal | None:
    """:func:`absorption`, or ``None`` for a zero pagu, where the rate is undefined: scoring
    keeps it absent (never zero) and goes on with the figures that are defined."""
    return None if pagu.is_zero() else absorption(pagu, realisation)


def performance(
    achievement: Decimal,
    absorption: Decimal,
    weights: PerformanceWeights | None = None,
) -> Decimal:
    """Performance: the weighted mean of indicator achievement and budget absorption.

    With the default ½/½: (133,508… + 98,745…) / 2 = 116,126… for the Banten office in 2019.
    """
    weights = weights or PerformanceWeights()
    parts: Sequence[Decimal] = (
        mul(exact_decimal(achievement, field="achievement"), weights.achievement),
        mul(exact_decimal(absorption, field="absorption"), weights.absorption),
    )
    return total(parts)


def yoy_points(current: Decimal, previous: Decimal) -> Decimal:
    """Year-on-year change in percentage points: this year's figure − last year's.

    The report prints it with a ``%`` sign ("7,74% YoY"), but it is a difference of percentages,
    not a growth rate; see :func:`relative_change` for that.
    """
    return sub(exact_decimal(current, field="current"), exact_decimal(previous, field="previous"))


def relative_change(current: Decimal, previous: Decimal) -> Decimal:
    """Relative change in percent: (current − previous) / previous × 100.

    169 requests against 117 the year before is a growth of 44,44…%.
    """
    current = exact_decimal(current, field="current")
    previous = exact_decimal(previous, field="previous")
    if previous == ZERO:
        raise InvalidValueError("relative change from zero is undefined", field="previous")
    return mul(div(sub(current, previous), previous), HUNDRED)
