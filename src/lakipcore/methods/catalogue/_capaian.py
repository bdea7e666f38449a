"""Capaian formulas, baseline-aware progress and the conversion of a capaian to a nilai.

Each function returns an unrounded ``Decimal`` in percent (or, for the nilai, on the
regulation's 0-120 scale) and never reads the caller's ``decimal`` context.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import attrs

from lakipcore._exact import HUNDRED, ONE, ZERO, add, div, mul, quantize, sub
from lakipcore.errors import InvalidValueError
from lakipcore.figures import exact_decimal
from lakipcore.i18n import M_
from lakipcore.methods.formulas import Formula, Polarity, capaian

__all__ = [
    "GAP_POLICIES",
    "IKI_BANDS",
    "IkiBand",
    "capaian_inverse",
    "capaian_kondisi_khusus",
    "capaian_ratio",
    "capaian_ratio_capped",
    "nilai_capaian_iki",
    "progress_from_baseline",
]


def capaian_ratio(target: Decimal, realisation: Decimal) -> Decimal:
    """Capaian where more is better: realisasi / target × 100 (7,1 → 9,38 gives 132,11…)."""
    return capaian(target, realisation)


def capaian_inverse(target: Decimal, realisation: Decimal) -> Decimal:
    """Capaian where less is better, inverse ratio: target / realisasi × 100."""
    return capaian(
        target, realisation, polarity=Polarity.LOWER_IS_BETTER, formula=Formula.INVERSE_RATIO
    )


def capaian_kondisi_khusus(target: Decimal, realisation: Decimal) -> Decimal:
    """Capaian "kondisi khusus" (less is better): (1 + (1 − realisasi / target)) × 100."""
    return capaian(
        target, realisation, polarity=Polarity.LOWER_IS_BETTER, formula=Formula.KONDISI_KHUSUS
    )


def capaian_ratio_capped(target: Decimal, realisation: Decimal, cap: Decimal) -> Decimal:
    """:func:`capaian_ratio` limited from above by ``cap`` (in percent, > 0)."""
    return capaian(target, realisation, cap=cap)


def progress_from_baseline(baseline: Decimal, target: Decimal, realisation: Decimal) -> Decimal:
    """Progress from a baseline: (realisasi − baseline) / (target − baseline) × 100.

    It works in both directions: a reduction target (baseline 20, target 10, realisasi 15)
    is 50 % of the way. A target equal to the baseline asks for no change, so there is no
    distance to measure progress along: that is an error naming ``target``, never a guessed
    0 % or 100 %.
    """
    baseline = exact_decimal(baseline, field="baseline")
    target = exact_decimal(target, field="target")
    realisation = exact_decimal(realisation, field="realisation")
    distance = sub(target, baseline)
    if distance.is_zero():
        raise InvalidValueError(
            M_(
                "the target equals the baseline ({target}): progress from the "
                "baseline is undefined; score the indicator with a capaian "
                "formula instead",
                target=target,
            ),
            field="target",
        )
    return mul(div(sub(realisation, baseline), distance), HUNDRED)


@attrs.frozen
class IkiBand:
    """One category of capaian IKI and the nilai it converts to, by linear interpolation.

    A capaian from ``low`` to ``high`` percent (both included) converts to
    ``nilai_low + (nilai_high − nilai_low) / (high − low) × (capaian − low)``; a band with
    ``low == high`` converts to ``nilai_high``.
    """

    category: str
    low: Decimal
    high: Decimal
    nilai_low: Decimal
    nilai_high: Decimal
    verified: bool

    def nilai(self, value: Decimal) -> Decimal:
        """The nilai of a capaian inside this band."""
        if self.low == self.high:
            return self.nilai_high
        slope = div(sub(self.nilai_high, self.nilai_low), sub(self.high, self.low))
        return add(self.nilai_low, mul(slope, sub(value, self.low)))


def _d(text: str) -> Decimal:
    return Decimal(text)


IKI_BANDS: tuple[IkiBand, ...] = (
    # Lampiran BAB VI A.1.b.2)(g): "Nilai Capaian IKI = Capaian IKI / 59% × 49".
    IkiBand("Sangat Kurang", _d("0"), _d("59"), _d("0"), _d("49"), True),
    # (f): 50 + (69 − 50) / (79% − 60%) × (Capaian IKI − 60%).
    IkiBand("Kurang", _d("60"), _d("79"), _d("50"), _d("69"), True),
    # (e): 70 + (89 − 70) / (99% − 80%) × (Capaian IKI − 80%).
    IkiBand("Cukup", _d("80"), _d("99"), _d("70"), _d("89"), True),
    # (d) was not readable; the regulation's example SKP (page 243) converts 100 % "Baik" to 109.
    IkiBand("Baik", _d("100"), _d("100"), _d("109"), _d("109"), False),
    # (c) was not readable: the band 101 %-110 % → 110-120 follows the pattern of (e)-(f) and
    # rule (h) (above 110 % → 120); marked unverified.
    IkiBand("Sangat Baik", _d("101"), _d("110"), _d("110"), _d("120"), False),
)
"""The bands of PermenPAN-RB 8/2021 (Lampiran BAB VI A.1.b.2)). Printed in whole percents,
they leave gaps (99 %-100 %, 100 %-101 %, 79 %-80 %, 59 %-60 %)."""

GAP_POLICIES = ("error", "round-half-up")
"""How a capaian in a gap between two bands is read: an error naming ``capaian``, or rounded
half-up to a whole percent (the bands' precision) first."""

_ABOVE_ALL = _d("110")
_TOP_NILAI = _d("120")


def nilai_capaian_iki(
    value: Decimal, *, gap: str = "error", target_is_maximum: bool = False
) -> Decimal:
    """The nilai (0-120) of a capaian IKI in percent, by the bands of :data:`IKI_BANDS`.

    Above 110 % the nilai is 120 (rule h); so is a capaian of 100 % when the target was the
    most the indicator can reach (rule i, ``target_is_maximum``). A negative capaian (a
    kondisi-khusus capaian can be) has no nilai in the regulation and is refused.
    """
    value = exact_decimal(value, field="capaian")
    if gap not in GAP_POLICIES:
        raise InvalidValueError(M_("unknown gap reading {gap}", gap=repr(gap)), field="gap")
    if value < ZERO:
        raise InvalidValueError(
            M_("a capaian below 0 % ({value}) has no nilai in the regulation", value=value),
            field="capaian",
        )
    if gap == "round-half-up":
        value = quantize(value, ONE, ROUND_HALF_UP)
    if value > _ABOVE_ALL:
        return _TOP_NILAI
    if target_is_maximum and value == HUNDRED:
        return _TOP_NILAI
    for band in IKI_BANDS:
        if band.low <= value <= band.high:
            return band.nilai(value)
    raise InvalidValueError(
        M_(
            "capaian {value} % falls between two bands of the regulation "
            "(they are printed in whole percents); choose the gap reading "
            "'round-half-up' to round it first",
            value=value,
        ),
        field="capaian",
    )
