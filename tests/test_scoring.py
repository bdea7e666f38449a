"""Scoring formulas, methods and the engine: properties, worked examples and bad input."""

from __future__ import annotations

import decimal
import random
from decimal import Decimal

import attrs
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import lakipcore
from lakipcore import (
    AbsorptionAggregation,
    AchievementAggregation,
    BudgetLine,
    BudgetOutput,
    Formula,
    Indicator,
    MeasureKind,
    OfficeYear,
    Polarity,
    Realisation,
    ScoringMethod,
    Target,
    UnitPerformance,
    ZeroTargetPolicy,
)

D = Decimal
positive = st.decimals(min_value=D("0.01"), max_value=D("1000000"), places=2)
non_negative = st.decimals(min_value=D(0), max_value=D("1000000"), places=2)
factor = st.decimals(min_value=D("0.01"), max_value=D("1000"), places=2)


def _indicator(code: str, target: Decimal, realisation: Decimal, **kwargs: object) -> Indicator:
    return Indicator(
        code,
        f"indicator {code}",
        Target(MeasureKind.PERCENT, target),
        Realisation(MeasureKind.PERCENT, realisation),
        **kwargs,  # type: ignore[arg-type]
    )


def _unit(
    code: str, capaians: list[tuple[Decimal, Decimal]], pagu: int, spent: int
) -> UnitPerformance:
    return UnitPerformance(
        code,
        f"unit {code}",
        2019,
        [_indicator(f"{code}-{n}", t, r) for n, (t, r) in enumerate(capaians)],
        BudgetLine("programme", [BudgetOutput("output", D(pagu), D(spent))]),
    )


# --- worked examples from the report -------------------------------------------------------


@pytest.mark.parametrize(
    ("target", "realisation", "printed"),
    [
        ("7.1", "9.38", "132.11"),  # Sekjen IKM on skala 10
        ("80", "100", "125.00"),  # percent target, percent realisation
        ("21", "61", "290.48"),  # BPHN non-litigasi, uncapped
        ("136133", "269955", "198.30"),  # Imigrasi layanan
        ("7.3", "8.675", "118.84"),  # Imigrasi IKM, the unrounded 8,675
    ],
)
def test_capaian_worked_examples(target: str, realisation: str, printed: str) -> None:
    """R/T × 100 reproduces the report's capaian at two places, half-up."""
    exact = lakipcore.capaian(D(target), D(realisation))
    assert D(printed) == lakipcore.round_to(exact, 2)


def test_lower_is_better_formulas() -> None:
    """Kondisi khusus is (2T − R)/T; the inverse ratio is T/R; both give 100 at R = T."""
    kk = lakipcore.capaian(D(10), D(8), polarity=Polarity.LOWER_IS_BETTER)
    inv = lakipcore.capaian(
        D(10), D(8), polarity=Polarity.LOWER_IS_BETTER, formula=Formula.INVERSE_RATIO
    )
    assert D(120) == kk
    assert D(125) == inv
    for formula in (Formula.KONDISI_KHUSUS, Formula.INVERSE_RATIO):
        assert D(100) == lakipcore.capaian(
            D(10), D(10), polarity=Polarity.LOWER_IS_BETTER, formula=formula
        )


def test_kondisi_khusus_goes_negative_beyond_twice_the_target() -> None:
    """(2T − R)/T is negative when R > 2T: the formula is applied as written, not clamped."""
    assert D(-50) == lakipcore.capaian(D(10), D(25), polarity=Polarity.LOWER_IS_BETTER)


def test_formula_must_match_polarity() -> None:
    """A higher-is-better indicator cannot be scored with a lower-is-better formula."""
    with pytest.raises(lakipcore.InvalidValueError, match="lower-is-better"):
        lakipcore.capaian(D(1), D(1), formula=Formula.KONDISI_KHUSUS)


def test_cap_limits_capaian() -> None:
    """An optional cap limits capaian from above and leaves lower values alone."""
    assert D(120) == lakipcore.capaian(D(21), D(61), cap=D(120))
    assert D(50) == lakipcore.capaian(D(2), D(1), cap=D(120))


@pytest.mark.parametrize("target", [D(0), D("0.00")])
def test_zero_target_is_an_error(target: Decimal) -> None:
    """Capaian of a zero target raises; it is never a silent 0 % or 100 %."""
    with pytest.raises(lakipcore.ZeroTargetError, match="zero target"):
        lakipcore.capaian(target, D(5))


def test_zero_target_policy_exclude_leaves_the_indicator_out() -> None:
    """Under the exclude policy the indicator is recorded as excluded and the mean skips it."""
    unit = UnitPerformance(
        "u",
        "unit",
        2019,
        [_indicator("a", D(0), D(5)), _indicator("b", D(80), D(100))],
        BudgetLine("p", [BudgetOutput("o", D(100), D(90))]),
    )
    with pytest.raises(lakipcore.ZeroTargetError, match=r"indicators\[a\]"):
        lakipcore.score_unit(unit, "banten-2019")
    method = attrs.evolve(
        lakipcore.get_method("banten-2019"), name="exclude", zero_target=ZeroTargetPolicy.EXCLUDE
    )
    scored = lakipcore.score_unit(unit, method)
    assert scored.indicator("a").capaian is None
    assert "zero target excluded" == scored.indicator("a").excluded
    assert D(125) == scored.achievement


@pytest.mark.parametrize(
    ("args", "error"),
    [
        ((D(-1), D(1)), lakipcore.InvalidValueError),
        ((D(1), D(-1)), lakipcore.InvalidValueError),
        ((1.5, D(1)), lakipcore.LakipTypeError),
        ((D(1), "1"), lakipcore.LakipTypeError),
        ((D("NaN"), D(1)), lakipcore.FigureFormatError),
        ((D(1), D("Infinity")), lakipcore.FigureFormatError),
    ],
    ids=["negative-target", "negative-realisation", "float", "str", "nan", "infinity"],
)
def test_capaian_bad_input(args: tuple[object, object], error: type[Exception]) -> None:
    """Negative, float, str and non-finite inputs get a specific exception."""
    with pytest.raises(error):
        lakipcore.capaian(*args)  # type: ignore[arg-type]


def test_absorption_worked_example_and_overspend() -> None:
    """Σ realisasi / Σ pagu of the office is 98,75 %; spending above pagu is allowed."""
    exact = lakipcore.absorption(D(20_142_047_000), D(19_889_350_777))
    assert D("98.75") == lakipcore.round_to(exact, 2)
    assert D(110) == lakipcore.absorption(D(100), D(110))
    with pytest.raises(lakipcore.InvalidValueError, match="zero pagu"):
        lakipcore.absorption(D(0), D(0))


def test_performance_weights_are_data() -> None:
    """Performance is ½/½ by default and follows other weights when given."""
    assert D(75) == lakipcore.performance(D(100), D(50))
    weights = lakipcore.PerformanceWeights(D("0.6"), D("0.4"))
    assert D(80) == lakipcore.performance(D(100), D(50), weights)
    with pytest.raises(lakipcore.InvalidValueError, match="sum to 1"):
        lakipcore.PerformanceWeights(D("0.6"), D("0.6"))


def test_yoy_points_and_relative_change_differ() -> None:
    """YoY is a difference in points; relative change is a growth rate (169 vs 117 → 44,44 %)."""
    assert D(52) == lakipcore.yoy_points(D(169), D(117))
    assert D("44.44") == lakipcore.round_to(lakipcore.relative_change(D(169), D(117)), 2)
    with pytest.raises(lakipcore.InvalidValueError, match="from zero"):
        lakipcore.relative_change(D(1), D(0))


def test_unknown_method_name() -> None:
    """An unknown preset name raises UnknownNameError listing the presets."""
    with pytest.raises(lakipcore.UnknownNameError, match="banten-2019"):
        lakipcore.get_method("banten-2020")


def test_presets_are_read_only() -> None:
    """The preset mapping cannot be grown in place."""
    with pytest.raises(TypeError):
        lakipcore.PRESETS["mine"] = ScoringMethod("mine")  # type: ignore[index]


def test_results_carry_their_method() -> None:
    """An office score says which method made it."""
    office = lakipcore.score_year(lakipcore.load_example().current, "banten-2019")
    assert "banten-2019" == office.method.name


def test_method_must_be_named_somewhere() -> None:
    """Without method= and without one in the file, scoring refuses to guess."""
    office = OfficeYear(2019, [_unit("a", [(D(1), D(1))], 1, 1)])
    with pytest.raises(lakipcore.UnknownNameError, match="no scoring method"):
        lakipcore.score_year(office)


# --- properties ----------------------------------------------------------------------------


@given(target=positive, low=non_negative, high=non_negative)
def test_capaian_is_monotone_in_realisation(target: Decimal, low: Decimal, high: Decimal) -> None:
    """Capaian rises with realisation when higher is better and falls when lower is better."""
    assume(low < high)
    assert lakipcore.capaian(target, low) < lakipcore.capaian(target, high)
    for formula in (Formula.KONDISI_KHUSUS, Formula.INVERSE_RATIO):
        if formula is Formula.INVERSE_RATIO and low == 0:
            continue
        kwargs = {"polarity": Polarity.LOWER_IS_BETTER, "formula": formula}
        assert lakipcore.capaian(target, low, **kwargs) > lakipcore.capaian(  # type: ignore[arg-type]
            target,
            high,
            **kwargs,  # type: ignore[arg-type]
        )


@given(target=positive, realisation=positive, k=factor)
def test_capaian_is_scale_invariant(target: Decimal, realisation: Decimal, k: Decimal) -> None:
    """Scaling target and realisation by the same k > 0 leaves capaian unchanged (at 40 places)."""
    base = lakipcore.capaian(target, realisation)
    scaled = lakipcore.capaian(target * k, realisation * k)
    assert lakipcore.round_to(base, 40) == lakipcore.round_to(scaled, 40)


units_strategy = st.lists(
    st.tuples(
        st.lists(st.tuples(positive, non_negative), min_size=1, max_size=5),
        st.integers(min_value=1, max_value=10**12),
        st.integers(min_value=0, max_value=10**12),
    ),
    min_size=1,
    max_size=6,
)


def _office(data: list[tuple[list[tuple[Decimal, Decimal]], int, int]]) -> OfficeYear:
    return OfficeYear(
        2019, [_unit(f"u{n}", caps, pagu, spent) for n, (caps, pagu, spent) in enumerate(data)]
    )


METHODS = [
    ScoringMethod("t1", achievement=a, absorption=b)
    for a in AchievementAggregation
    for b in AbsorptionAggregation
]


@given(data=units_strategy, seed=st.integers(0, 2**16))
def test_aggregation_ignores_unit_order(
    data: list[tuple[list[tuple[Decimal, Decimal]], int, int]], seed: int
) -> None:
    """Office figures do not depend on the order of units (or of their indicators)."""
    shuffled = [(random.Random(seed).sample(c, len(c)), p, s) for c, p, s in data]
    random.Random(seed).shuffle(shuffled)
    for method in METHODS:
        a = lakipcore.score_year(_office(data), method)
        b = lakipcore.score_year(_office(shuffled), method)
        for field in ("achievement", "absorption", "performance"):
            assert lakipcore.round_to(getattr(a, field), 40) == lakipcore.round_to(
                getattr(b, field), 40
            )


@given(
    units=st.lists(
        st.lists(st.tuples(positive, non_negative), min_size=3, max_size=3), min_size=1, max_size=5
    )
)
def test_office_methods_agree_with_equal_indicator_counts(
    units: list[list[tuple[Decimal, Decimal]]],
) -> None:
    """With equal indicator counts per unit, pooled and mean-of-means achievements agree."""
    office = _office([(caps, 1, 1) for caps in units])
    pooled = lakipcore.score_year(office, METHODS[0])
    means = lakipcore.score_year(office, METHODS[2])
    assert METHODS[0].achievement is not METHODS[2].achievement
    assert lakipcore.round_to(pooled.achievement, 40) == lakipcore.round_to(means.achievement, 40)


@given(outputs=st.lists(st.tuples(st.integers(1, 10**12), st.integers(0, 10**12)), min_size=1))
def test_absorption_of_merged_lines_is_total_over_total(outputs: list[tuple[int, int]]) -> None:
    """Absorption of a programme is Σ realisasi / Σ pagu of its outputs, not a mean of rates."""
    line = BudgetLine("p", [BudgetOutput(f"o{n}", D(p), D(s)) for n, (p, s) in enumerate(outputs)])
    expected = lakipcore.absorption(D(sum(p for p, _ in outputs)), D(sum(s for _, s in outputs)))
    assert expected == lakipcore.absorption(line.pagu, line.realisation)


def test_results_ignore_a_hostile_decimal_context() -> None:
    """Scoring gives identical results whatever decimal context the caller has set."""
    report = lakipcore.load_example()
    expected = lakipcore.score_report(report)
    hostile = decimal.Context(
        prec=3,
        rounding=decimal.ROUND_FLOOR,
        Emin=-5,
        Emax=5,
        traps=[decimal.Inexact, decimal.Rounded, decimal.Overflow, decimal.DivisionByZero],
    )
    with decimal.localcontext(hostile):
        actual = lakipcore.score_report(report)
        text = lakipcore.format_percent(actual.current.performance)
        assert 3 == decimal.getcontext().prec
        assert not any(decimal.getcontext().flags.values())
    assert expected == actual
    assert "116,13%" == text


def test_scoring_leaves_the_callers_context_alone() -> None:
    """The caller's context is neither read nor changed: flags stay clear, settings stay."""
    context = decimal.Context(prec=7, rounding=decimal.ROUND_UP)
    with decimal.localcontext(context):
        lakipcore.score_report(lakipcore.load_example())
        current = decimal.getcontext()
        assert 7 == current.prec
        assert decimal.ROUND_UP == current.rounding
        assert not any(current.flags.values())
