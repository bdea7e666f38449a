"""The components of the evaluation of budget performance (EKA) of PMK 22/PMK.02/2021.

Penyerapan, konsistensi against the disbursement plan (RPD), capaian output as a geometric
mean, efisiensi E and its nilai NE, and the weighted nilai kinerja anggaran (NKA). Every
function returns an unrounded ``Decimal`` in percent and never reads the caller's context.

The geometric mean is the one irrational value of the catalogue: an n-th root. It is
computed as exp(mean(ln xᵢ)) in a private context of :data:`ROOT_PRECISION` (80) digits and
rounded once to 60 significant digits (:data:`lakipcore._exact.PRECISION`), so it is not exact
but within 10⁻⁵⁹ of the true value, relatively. That is safe: reports print a capaian with two
decimals, so the rounded mean and the true one can differ in a printed figure only if the true
value lies within 10⁻⁵⁷ of a rounding half; the other formulas already carry their quotients
(2/3) at the same 60 digits.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import (
    ROUND_HALF_EVEN,
    Context,
    Decimal,
    DivisionByZero,
    InvalidOperation,
    Overflow,
)
from types import MappingProxyType

from lakipcore._exact import HUNDRED, ZERO, add, context, div, mul, sub, total
from lakipcore.errors import InvalidValueError
from lakipcore.figures import exact_decimal
from lakipcore.i18n import M_
from lakipcore.methods.formulas import absorption

__all__ = [
    "NE_BOUNDS",
    "NKA_COMPONENTS",
    "NKA_WEIGHTS",
    "ROOT_PRECISION",
    "capaian_output_program",
    "capaian_rincian_output",
    "efisiensi",
    "geometric_mean",
    "konsistensi",
    "nilai_efisiensi",
    "nilai_kinerja_anggaran",
    "penyerapan",
]

ROOT_PRECISION = 80
"""Digits of the private context in which the logarithms and the exponential are taken."""


def _root_context() -> Context:
    # A fresh context per call: nothing shared between threads, nothing the caller can reach.
    return Context(
        prec=ROOT_PRECISION,
        rounding=ROUND_HALF_EVEN,
        Emin=-999_999,
        Emax=999_999,
        traps=[InvalidOperation, DivisionByZero, Overflow],
    )


def geometric_mean(values: Sequence[Decimal]) -> Decimal:
    """The geometric mean (x₁ × … × xₙ)^(1/n) of non-negative ``values``.

    Rounded at 60 significant digits (see the module docstring), and kept between the
    smallest and the largest value, where the true mean lies: the clamp only absorbs the last
    digit of rounding. A zero value makes the mean zero.
    """
    items = tuple(exact_decimal(v, field=f"values[{i}]") for i, v in enumerate(values))
    if not items:
        raise InvalidValueError(M_("a geometric mean needs at least one value"), field="values")
    for i, item in enumerate(items):
        if item < ZERO:
            raise InvalidValueError(
                M_("a geometric mean of a negative value ({item}) is undefined", item=item),
                field=f"values[{i}]",
            )
    low, high = min(items), max(items)
    if low.is_zero():
        return ZERO
    if low == high:
        return low
    ctx = _root_context()
    log_sum = ZERO
    for item in items:
        log_sum = ctx.add(log_sum, item.ln(ctx))
    root = ctx.exp(ctx.divide(log_sum, Decimal(len(items))))
    result = context().plus(root)  # the one rounding, to 60 significant digits
    return min(max(result, low), high)


def _ratio(target: Decimal, realisation: Decimal, field: str, cap: Decimal | None) -> Decimal:
    if target <= ZERO:
        raise InvalidValueError(
            M_("a target must be greater than 0, got {target}", target=target), field=field
        )
    if realisation < ZERO:
        raise InvalidValueError(
            M_("a realisation must not be negative, got {realisation}", realisation=realisation),
            field=field,
        )
    ratio = div(realisation, target)
    if cap is not None:
        limit = div(cap, HUNDRED)
        if ratio > limit:
            return limit
    return ratio


def capaian_rincian_output(
    indicators: Sequence[tuple[Decimal, Decimal]], cap: Decimal | None = None
) -> Decimal:
    """Capaian of one output: the geometric mean of realisasi / target of its indicators, × 100.

    ``indicators`` are ``(target, realisasi)`` pairs; ``cap`` (percent) limits each ratio.
    Lampiran A.1.a of PMK 22/PMK.02/2021: indicators 5/5 and 9/10 give 94,87 %.
    """
    ratios = [_ratio(t, r, f"indicators[{i}]", cap) for i, (t, r) in enumerate(indicators)]
    return mul(geometric_mean(ratios), HUNDRED)


def capaian_output_program(
    programs: Sequence[Sequence[Sequence[tuple[Decimal, Decimal]]]], cap: Decimal | None = None
) -> Decimal:
    """Capaian Output Program of a unit eselon I: geometric means nested three deep.

    Over the indicators of each output, then over the outputs of each program, then over the
    programs (Lampiran A.1.a.1) of PMK 22/PMK.02/2021). ``programs[p][o]`` is the list of
    ``(target, realisasi)`` pairs of output ``o`` of program ``p``.
    """
    if not programs:
        raise InvalidValueError(M_("expected at least one program"), field="programs")
    program_means = []
    for p, outputs in enumerate(programs):
        if not outputs:
            raise InvalidValueError(M_("expected at least one output"), field=f"programs[{p}]")
        output_means = []
        for o, indicators in enumerate(outputs):
            if not indicators:
                raise InvalidValueError(
                    M_("expected at least one indicator"), field=f"programs[{p}][{o}]"
                )
            ratios = [
                _ratio(t, r, f"programs[{p}][{o}][{i}]", cap) for i, (t, r) in enumerate(indicators)
            ]
            output_means.append(geometric_mean(ratios))
        program_means.append(geometric_mean(output_means))
    return mul(geometric_mean(program_means), HUNDRED)


def penyerapan(pagu: Decimal, realisasi: Decimal) -> Decimal:
    """Penyerapan anggaran: realisasi / pagu × 100 (P = RA / PA × 100 %)."""
    return absorption(pagu, realisasi)


def konsistensi(
    realisasi: Sequence[Decimal],
    rpd: Sequence[Decimal],
    *,
    cumulative: bool = True,
    cap: Decimal | None = HUNDRED,
) -> Decimal:
    """Konsistensi of absorption against the RPD: the mean over the months of realisasi / RPD.

    With ``cumulative`` each month compares the running totals up to that month; ``cap``
    (percent) limits each month's ratio, so spending ahead of plan one month cannot make up
    for spending behind it another. See the catalogue entry: this reading is unverified.
    """
    if len(realisasi) != len(rpd):
        raise InvalidValueError(
            M_(
                "{count} months of realisasi against {count2} months of RPD",
                count=len(realisasi),
                count2=len(rpd),
            ),
            field="rpd",
        )
    if not rpd:
        raise InvalidValueError(M_("expected at least one month"), field="rpd")
    spent, planned = ZERO, ZERO
    ratios = []
    for month, (raw_r, raw_p) in enumerate(zip(realisasi, rpd, strict=True)):
        r = exact_decimal(raw_r, field=f"realisasi[{month}]")
        p = exact_decimal(raw_p, field=f"rpd[{month}]")
        if r < ZERO or p < ZERO:
            raise InvalidValueError(
                M_("amounts must not be negative"),
                field=f"realisasi[{month}]" if r < ZERO else f"rpd[{month}]",
            )
        spent, planned = (add(spent, r), add(planned, p)) if cumulative else (r, p)
        if planned.is_zero():
            raise InvalidValueError(
                M_("the RPD plans nothing up to this month: the ratio is undefined"),
                field=f"rpd[{month}]",
            )
        ratio = mul(div(spent, planned), HUNDRED)
        ratios.append(ratio if cap is None or ratio <= cap else cap)
    return div(total(ratios), Decimal(len(ratios)))


def efisiensi(
    outputs: Sequence[tuple[Decimal, Decimal, Decimal]], cap: Decimal | None = None
) -> Decimal:
    """Efisiensi E: Σ(pagu × capaian − realisasi) / Σ(pagu × capaian) × 100.

    ``outputs`` are ``(pagu, realisasi, capaian in percent)`` rows, one per output; ``cap``
    (percent) limits each capaian. Positive E means the outputs cost less than their pagu
    scaled by what was achieved; negative, more.
    """
    achieved, gained = [], []
    for i, (pagu, realisasi, printed_capaian) in enumerate(outputs):
        capaian = printed_capaian
        if pagu < ZERO or realisasi < ZERO or capaian < ZERO:
            raise InvalidValueError(
                M_("pagu, realisasi and capaian must not be negative"), field=f"outputs[{i}]"
            )
        if cap is not None and capaian > cap:
            capaian = cap
        value = mul(pagu, div(capaian, HUNDRED))
        achieved.append(value)
        gained.append(sub(value, realisasi))
    denominator = total(achieved)
    if denominator.is_zero():
        raise InvalidValueError(
            M_("Σ pagu × capaian is zero: efisiensi is undefined"), field="outputs"
        )
    return mul(div(total(gained), denominator), HUNDRED)


NE_BOUNDS = (Decimal(-20), Decimal(20))
"""E is taken within these bounds (percent), so that NE runs from 0 % to 100 %."""

_TWENTY = Decimal(20)
_FIFTY = Decimal(50)


def nilai_efisiensi(e: Decimal, *, clamp: bool = True) -> Decimal:
    """Nilai efisiensi NE = 50 % + (E / 20) × 50 %, with E clamped to [−20 %, 20 %].

    Monotone in E: E = 0 gives 50 %, E ≥ 20 % gives 100 %, E ≤ −20 % gives 0 %. ``clamp=False``
    gives the formula without the clamp, to recompute a printed NE above 100 %.
    """
    e = exact_decimal(e, field="efisiensi")
    if clamp:
        low, high = NE_BOUNDS
        e = low if e < low else high if e > high else e
    return add(_FIFTY, mul(div(e, _TWENTY), _FIFTY))


NKA_COMPONENTS = ("penyerapan", "konsistensi", "capaian_output", "nilai_efisiensi")
"""The four components of the aspek implementasi, in the order of the regulation."""

NKA_WEIGHTS: Mapping[str, Decimal] = MappingProxyType(
    {
        "penyerapan": Decimal("0.097"),
        "konsistensi": Decimal("0.182"),
        "capaian_output": Decimal("0.435"),
        "nilai_efisiensi": Decimal("0.286"),
    }
)
"""Weights 9,7 %, 18,2 %, 43,5 %, 28,6 %: the ones that reproduce a published NKA (see the
catalogue entry ``pmk22-nka`` for their source and what could not be verified)."""


def nilai_kinerja_anggaran(
    components: Mapping[str, Decimal], weights: Mapping[str, Decimal] = NKA_WEIGHTS
) -> Decimal:
    """NKA: Σ weightᵢ × componentᵢ over :data:`NKA_COMPONENTS` (weights summing to 1)."""
    parts = []
    for name in NKA_COMPONENTS:
        value = exact_decimal(components[name], field=name)
        parts.append(mul(value, weights[name]))
    return total(parts)
