"""The report's formulas: each capaian formula defined once, as data, and evaluated exactly.

A capaian formula is the quotient of two of an indicator's inputs, shifted and signed::

    capaian = 100 × (base × d + sign × n) / d        n, d: the target T or the realisation R

so that R / T is (n = R, d = T, base 0, sign +1), kondisi khusus (2T − R) / T is (n = R, d = T,
base 2, sign −1) and the inverse ratio T / R is (n = T, d = R, base 0, sign +1). Both engines
read these :class:`FormulaTerms`: :func:`checked_capaian` below in ``Decimal``, and the
columnar kernels of :mod:`lakipcore.bulk` in scaled integers. A new formula of this shape is
one more member of :class:`Formula`, and both engines score it.

Every function returns the exact (unrounded) value in percent or percentage points; round it
once, at output, with :func:`lakipcore.round_to`. None of them reads the caller's ``decimal``
context.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from decimal import Decimal

import attrs

from lakipcore._exact import HUNDRED, ONE, ZERO, add, div, mul, sub, total
from lakipcore._names import NamedEnum
from lakipcore.errors import InvalidValueError, UndefinedCapaianError, ZeroTargetError
from lakipcore.figures import exact_decimal
from lakipcore.i18n import M_

__all__ = [
    "Formula",
    "FormulaTerms",
    "PerformanceWeights",
    "Polarity",
    "Term",
    "absorption",
    "capaian",
    "checked_capaian",
    "checked_range_capaian",
    "defined_absorption",
    "performance",
    "range_capaian",
    "relative_change",
    "yoy_points",
]


class Polarity(NamedEnum):
    """Which direction of the realisation is good."""

    __what__ = "polarity"

    HIGHER_IS_BETTER = "higher"
    """More is better (the usual case). Capaian is R/T."""
    LOWER_IS_BETTER = "lower"
    """Less is better ("Menurunnya Persentase Residivis"). Capaian by a lower-is-better formula."""


class Term(enum.Enum):
    """An input of a capaian formula."""

    TARGET = "target"
    REALISATION = "realisation"


@attrs.frozen
class FormulaTerms:
    """A capaian formula as data: ``100 × (base × d + sign × n) / d``.

    ``numerator`` and ``denominator`` name the inputs n and d. A zero target leaves every
    formula undefined (the method's zero-target policy decides), and so does a zero d.
    """

    numerator: Term
    denominator: Term
    base: int = 0
    sign: int = 1


class Formula(NamedEnum):
    """A capaian formula, by name. Each belongs to one polarity; :attr:`terms` defines it."""

    __what__ = "formula"

    RATIO = "ratio"
    """R / T × 100, for higher-is-better indicators."""
    KONDISI_KHUSUS = "kondisi-khusus"
    """(2T − R) / T × 100 = (1 + (1 − R/T)) × 100: KemenPAN-RB's rule for lower-is-better."""
    INVERSE_RATIO = "inverse-ratio"
    """T / R × 100: another lower-is-better convention in use."""

    @property
    def polarity(self) -> Polarity:
        """The polarity this formula is meant for."""
        return Polarity.HIGHER_IS_BETTER if self is Formula.RATIO else Polarity.LOWER_IS_BETTER

    @property
    def terms(self) -> FormulaTerms:
        """The formula's definition, which both engines evaluate."""
        return _TERMS[self]


_T, _R = Term.TARGET, Term.REALISATION
_TERMS = {
    Formula.RATIO: FormulaTerms(numerator=_R, denominator=_T),
    Formula.KONDISI_KHUSUS: FormulaTerms(numerator=_R, denominator=_T, base=2, sign=-1),
    Formula.INVERSE_RATIO: FormulaTerms(numerator=_T, denominator=_R),
}

# Below a zero target the two forms trade places. Both are "1 + the distance from the target,
# in units of the target": R / T = 1 + (R − T) / T and (2T − R) / T = 1 + (T − R) / T. Written
# with |T| they keep their meaning for T < 0 (docs/methodology.md, "Negative targets and
# realisations"), and with |T| = −T each becomes the other's quotient:
# 1 + (R − T) / −T = (2T − R) / T and 1 + (T − R) / −T = R / T. The inverse ratio T / R has no
# such reading and is refused for negative values.
_BELOW_ZERO = {
    Formula.RATIO: Formula.KONDISI_KHUSUS,
    Formula.KONDISI_KHUSUS: Formula.RATIO,
}


def _weight(value: object) -> Decimal:
    weight = exact_decimal(value, field="weight")
    if weight < ZERO:
        raise InvalidValueError(
            M_("a weight must not be negative, got {weight}", weight=weight), field="weight"
        )
    return weight


@attrs.frozen
class PerformanceWeights:
    """Weights of the performance composite. They must sum to 1.

    The report weighs indicator achievement and budget absorption equally (½ and ½); other
    composites use 60/40 and so on, which is why the weights are data.
    """

    achievement: Decimal = attrs.field(default=Decimal("0.5"), converter=_weight)
    absorption: Decimal = attrs.field(default=Decimal("0.5"), converter=_weight)

    def __attrs_post_init__(self) -> None:
        if add(self.achievement, self.absorption) != ONE:
            raise InvalidValueError(
                M_(
                    "performance weights must sum to 1, got {achievement} + {absorption}",
                    achievement=self.achievement,
                    absorption=self.absorption,
                ),
                field="weights",
            )


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

    Targets and realisations may be negative (a growth rate of −2,1 %): the first two read as
    1 + (R − T) / abs(T) and 1 + (T − R) / abs(T) (× 100), the same figures for T > 0, and the
    same meaning below zero: a higher-is-better target of −5 % met with +2 % gives 240 %. The
    inverse ratio raises :class:`~lakipcore.errors.UndefinedCapaianError` for a negative value.

    ``cap`` (in percent, e.g. 120) limits the result from above; the report caps nothing.
    A zero target raises :class:`ZeroTargetError` (a zero-target policy decides what a unit does
    with it); so does a zero realisation under the inverse ratio.
    """
    target = exact_decimal(target, field="target")
    realisation = exact_decimal(realisation, field="realisation")
    return checked_capaian(target, realisation, _formula(polarity, formula), _cap(cap))


def _formula(polarity: Polarity, formula: Formula | None) -> Formula:
    """``formula``, or the default of ``polarity``; refused if it is another polarity's."""
    if formula is None:
        return Formula.RATIO if polarity is Polarity.HIGHER_IS_BETTER else Formula.KONDISI_KHUSUS
    if formula.polarity is not polarity:
        raise InvalidValueError(
            M_(
                "formula {value} is for {value2}-is-better indicators, not {value3}-is-better",
                value=repr(formula.value),
                value2=formula.polarity.value,
                value3=polarity.value,
            ),
            field="formula",
        )
    return formula


def _cap(cap: Decimal | None) -> Decimal | None:
    if cap is None:
        return None
    cap = exact_decimal(cap, field="cap")
    if cap <= ZERO:
        raise InvalidValueError(M_("a cap must be positive, got {cap}", cap=cap), field="cap")
    return cap


def checked_capaian(
    target: Decimal, realisation: Decimal, formula: Formula, cap: Decimal | None
) -> Decimal:
    """:func:`capaian` of values already checked: finite ``Decimal``, a formula of the
    indicator's polarity and a positive cap, as the model and a method guarantee. The engine
    calls this for every indicator-year, so it checks nothing twice."""
    if target == ZERO:  # for every formula: the zero-target policy decides
        raise ZeroTargetError(
            M_("capaian of a zero target is undefined; choose a zero-target policy"), field="target"
        )
    if target < ZERO or realisation < ZERO:
        formula = _below_zero(target, realisation, formula)
    terms = _TERMS[formula]
    n, d = (target, realisation) if terms.numerator is _T else (realisation, target)
    if d == ZERO:  # the target is not zero, so d is the realisation
        raise ZeroTargetError(
            M_("the {value} formula is undefined for a zero realisation", value=formula.value),
            field="realisation",
        )
    if terms.base or terms.sign < 0:  # base × d ± n is exact: the one quotient rounds once
        shifted = mul(Decimal(terms.base), d)
        n = sub(shifted, n) if terms.sign < 0 else add(shifted, n)
    result = mul(div(n, d), HUNDRED)
    if cap is not None and result > cap:
        return cap
    return result


def range_capaian(
    lower: Decimal,
    upper: Decimal,
    realisation: Decimal,
    *,
    polarity: Polarity = Polarity.HIGHER_IS_BETTER,
    formula: Formula | None = None,
    cap: Decimal | None = None,
) -> Decimal:
    """Capaian of a target printed as a range (``69,1–69,5``), in percent.

    Inside the range (ends included) the target is met: 100 %. Outside, the realisation is
    measured against the nearer end with the indicator's formula, as PermenPANRB 6/2022 says
    for a range target ("realisasi lebih besar dari target … batas atas …; realisasi lebih
    kecil dari target … batas bawah"): 70 against 69,1–69,5 is 70 / 69,5; for a lower-is-better
    indicator, 6,5 bulan against 7–8 bulan is (2 × 7 − 6,5) / 7 = 107,14 %. The result is
    continuous at both ends and moves with the realisation like a plain target's.
    """
    lower = exact_decimal(lower, field="target")
    upper = exact_decimal(upper, field="upper")
    if upper <= lower:
        raise InvalidValueError(
            M_(
                "a range target runs from its lower end to a higher one, got {value} to {upper}",
                value=lower,
                upper=upper,
            ),
            field="upper",
        )
    realisation = exact_decimal(realisation, field="realisation")
    return checked_range_capaian(lower, upper, realisation, _formula(polarity, formula), _cap(cap))


def checked_range_capaian(
    lower: Decimal, upper: Decimal, realisation: Decimal, formula: Formula, cap: Decimal | None
) -> Decimal:
    """:func:`range_capaian` of values already checked (see :func:`checked_capaian`)."""
    if lower <= realisation <= upper:
        return HUNDRED if cap is None or cap > HUNDRED else cap
    bound = upper if realisation > upper else lower
    return checked_capaian(bound, realisation, formula, cap)


def _below_zero(target: Decimal, realisation: Decimal, formula: Formula) -> Formula:
    """The formula whose quotient gives ``formula``'s reading when a value is negative."""
    if formula is Formula.INVERSE_RATIO:
        raise UndefinedCapaianError(
            M_(
                "the inverse-ratio formula T / R has no reading for a negative value (target "
                "{target}, realisation {realisation}); score this indicator with "
                "kondisi-khusus",
                target=target,
                realisation=realisation,
            ),
            field="target" if target < ZERO else "realisation",
        )
    return _BELOW_ZERO[formula] if target < ZERO else formula


def absorption(pagu: Decimal, realisation: Decimal) -> Decimal:
    """Budget absorption (penyerapan anggaran): realisasi / pagu × 100, in percent.

    Realisasi above pagu gives more than 100 %; it is not an error here (the audit reports it).
    """
    pagu = exact_decimal(pagu, field="pagu")
    realisation = exact_decimal(realisation, field="realisation")
    if pagu < ZERO or realisation < ZERO:
        raise InvalidValueError(
            M_(
                "pagu and realisasi must not be negative (pagu {pagu}, realisasi {realisation})",
                pagu=pagu,
                realisation=realisation,
            ),
            field="pagu" if pagu < ZERO else "realisation",
        )
    if pagu == ZERO:
        raise InvalidValueError(M_("absorption of a zero pagu is undefined"), field="pagu")
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
        raise InvalidValueError(M_("relative change from zero is undefined"), field="previous")
    return mul(div(sub(current, previous), previous), HUNDRED)
