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
    BudgetLine,
    BudgetOutput,
    Indicator,
    IndicatorPeriod,
    MeasureKind,
    Polarity,
    Realisation,
    Report,
    ReportPeriod,
    Rounding,
    ScoringMethod,
    Target,
    Unit,
    UnitPeriod,
)
from lakipcore.figures import NOT_TARGETED
from lakipcore.methods import (
    AbsorptionAggregation,
    AchievementAggregation,
    ZeroTargetPolicy,
    aggregation_variants,
)
from lakipcore.model import Accumulation, Formula, ReportedAbsorption, comparable_pairs
from lakipcore.results import Change, UnitScore
from strategies import reports

D = Decimal
PERCENT, COUNT = MeasureKind.PERCENT, MeasureKind.COUNT
positive = st.decimals(min_value=D("0.01"), max_value=D("1000000"), places=2)
non_negative = st.decimals(min_value=D(0), max_value=D("1000000"), places=2)
factor = st.decimals(min_value=D("0.01"), max_value=D("1000"), places=2)


def _indicator(
    code: str, target: Decimal, realisation: Decimal, period: str = "2019", **kwargs: object
) -> Indicator:
    """A percent indicator with one period's target and realisation."""
    entry = IndicatorPeriod(period, Target(PERCENT, target), Realisation(PERCENT, realisation))
    return Indicator(code, f"indicator {code}", [entry], **kwargs)  # type: ignore[arg-type]


def _budget(pagu: int, spent: int, period: str = "2019") -> UnitPeriod:
    """A unit's block for ``period`` with a one-output budget."""
    return UnitPeriod(period, BudgetLine("programme", [BudgetOutput("output", D(pagu), D(spent))]))


def _unit(
    code: str,
    capaians: list[tuple[Decimal, Decimal]],
    pagu: int | None,
    spent: int = 0,
    units: tuple[Unit, ...] = (),
) -> Unit:
    """A unit with one percent indicator per (target, realisation) and a budget unless pagu is
    None."""
    return Unit(
        code,
        f"unit {code}",
        [_indicator(f"{code}-{n}", t, r) for n, (t, r) in enumerate(capaians)],
        [] if pagu is None else [_budget(pagu, spent)],
        units,
    )


def _report(*units: Unit, root: Unit | None = None, periods: tuple[str, ...] = ("2019",)) -> Report:
    """A report of ``periods`` whose root is ``root`` or an office holding ``units``."""
    office = root if root is not None else Unit("office", "office", units=units)
    return Report([ReportPeriod(key) for key in periods], office)


def _points(later: Decimal | None, earlier: Decimal | None) -> Decimal | None:
    """The expected change: later − earlier, or None when either is missing."""
    return (
        None if later is None or earlier is None else lakipcore.scoring.yoy_points(later, earlier)
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
    with pytest.raises(lakipcore.errors.InvalidValueError, match="lower-is-better"):
        lakipcore.capaian(D(1), D(1), formula=Formula.KONDISI_KHUSUS)


def test_cap_limits_capaian() -> None:
    """An optional cap limits capaian from above and leaves lower values alone."""
    assert D(120) == lakipcore.capaian(D(21), D(61), cap=D(120))
    assert D(50) == lakipcore.capaian(D(2), D(1), cap=D(120))


@pytest.mark.parametrize("target", [D(0), D("0.00")])
def test_zero_target_is_an_error(target: Decimal) -> None:
    """Capaian of a zero target raises; it is never a silent 0 % or 100 %."""
    with pytest.raises(lakipcore.errors.ZeroTargetError, match="zero target"):
        lakipcore.capaian(target, D(5))


def test_zero_target_policy_exclude_leaves_the_indicator_out() -> None:
    """Under the exclude policy the indicator is recorded as excluded and the mean skips it."""
    unit = Unit(
        "u",
        "unit",
        [_indicator("a", D(0), D(5)), _indicator("b", D(80), D(100))],
        [_budget(100, 90)],
    )
    report = _report(root=unit)
    with pytest.raises(lakipcore.errors.ZeroTargetError, match=r"indicators\[a\]"):
        lakipcore.score_period(report, "2019", "banten-2019")
    method = attrs.evolve(
        lakipcore.get_method("banten-2019"), name="exclude", zero_target=ZeroTargetPolicy.EXCLUDE
    )
    scored = lakipcore.score_period(report, "2019", method).root
    assert scored.indicator("a").capaian is None
    assert "zero target excluded" == scored.indicator("a").excluded
    assert D(125) == scored.achievement


def test_problems_collects_an_unscorable_indicator() -> None:
    """With problems=, a zero target under the error policy is recorded instead of raised."""
    unit = Unit("u", "unit", [_indicator("a", D(0), D(5)), _indicator("b", D(80), D(100))])
    problems: list[lakipcore.scoring.Problem] = []

    scored = lakipcore.score_report(_report(root=unit), "banten-2019", problems=problems)

    assert [("u", "a", "2019")] == [(p.unit, p.indicator, p.period) for p in problems]
    assert isinstance(problems[0].error, lakipcore.errors.ZeroTargetError)
    assert scored.current.root.indicator("a").excluded.startswith("not scored: ")
    assert D(125) == scored.current.achievement


@pytest.mark.parametrize(
    ("args", "error"),
    [
        ((1.5, D(1)), lakipcore.LakipTypeError),
        ((D(1), "1"), lakipcore.LakipTypeError),
        ((D("NaN"), D(1)), lakipcore.errors.FigureFormatError),
        ((D(1), D("Infinity")), lakipcore.errors.FigureFormatError),
    ],
    ids=["float", "str", "nan", "infinity"],
)
def test_capaian_bad_input(args: tuple[object, object], error: type[Exception]) -> None:
    """Float, str and non-finite inputs get a specific exception (negative values have a
    reading: tests/test_negative_values.py)."""
    with pytest.raises(error):
        lakipcore.capaian(*args)  # type: ignore[arg-type]


def test_absorption_worked_example_and_overspend() -> None:
    """Σ realisasi / Σ pagu of the office is 98,75 %; spending above pagu is allowed."""
    exact = lakipcore.scoring.absorption(D(20_142_047_000), D(19_889_350_777))
    assert D("98.75") == lakipcore.round_to(exact, 2)
    assert D(110) == lakipcore.scoring.absorption(D(100), D(110))
    with pytest.raises(lakipcore.errors.InvalidValueError, match="zero pagu"):
        lakipcore.scoring.absorption(D(0), D(0))


def test_performance_weights_are_data() -> None:
    """Performance is ½/½ by default and follows other weights when given."""
    assert D(75) == lakipcore.scoring.performance(D(100), D(50))
    weights = lakipcore.methods.PerformanceWeights(D("0.6"), D("0.4"))
    assert D(80) == lakipcore.scoring.performance(D(100), D(50), weights)
    with pytest.raises(lakipcore.errors.InvalidValueError, match="sum to 1"):
        lakipcore.methods.PerformanceWeights(D("0.6"), D("0.6"))


def test_yoy_points_and_relative_change_differ() -> None:
    """YoY is a difference in points; relative change is a growth rate (169 vs 117 → 44,44 %)."""
    assert D(52) == lakipcore.scoring.yoy_points(D(169), D(117))
    assert D("44.44") == lakipcore.round_to(lakipcore.scoring.relative_change(D(169), D(117)), 2)
    with pytest.raises(lakipcore.errors.InvalidValueError, match="from zero"):
        lakipcore.scoring.relative_change(D(1), D(0))


def test_unknown_method_name() -> None:
    """An unknown preset name raises UnknownNameError listing the presets."""
    with pytest.raises(lakipcore.errors.UnknownNameError, match="banten-2019"):
        lakipcore.get_method("banten-2020")


def test_presets_are_read_only() -> None:
    """The preset mapping cannot be grown in place."""
    with pytest.raises(TypeError):
        lakipcore.methods.PRESETS["mine"] = ScoringMethod("mine")  # type: ignore[index]


def test_results_carry_their_method() -> None:
    """Each period's score says which method made it: by default the one the report names."""
    report = lakipcore.load_example()
    scored = lakipcore.score_report(report)

    assert "banten-2019" == lakipcore.score_period(report, "2019").method.name
    assert ["banten-2018", "banten-2019"] == [p.method.name for p in scored.periods]
    assert ("2019", "2019") == (scored.current.key, scored.main)


def test_method_per_period_replaces_previous_method() -> None:
    """A {period: method} mapping picks each period's method; one method applies to every period."""
    report = lakipcore.load_example()
    default = lakipcore.score_report(report)

    mapped = lakipcore.score_report(report, {"2018": "banten-2018", "2019": "banten-2019"})
    assert default == mapped
    partial = lakipcore.score_report(report, {"2019": lakipcore.get_method("banten-2018")})
    assert ["banten-2018", "banten-2018"] == [p.method.name for p in partial.periods]
    assert "banten-2018" == lakipcore.score_report(report, "banten-2018").period("2019").method.name
    with pytest.raises(
        lakipcore.errors.MethodNotApplicableError, match="in 2018 the budget of sekjen"
    ):
        lakipcore.score_report(report, "banten-2019")
    with pytest.raises(lakipcore.LakipTypeError, match="mapping of period keys") as info:
        lakipcore.score_report(report, ["banten-2019"])  # type: ignore[arg-type]
    assert "method" == info.value.field


def test_example_office_figures() -> None:
    """The shipped example's office rows and its 2018 → 2019 change, at the printed places."""
    scored = lakipcore.score_report(lakipcore.load_example())
    now, before = scored.current, scored.period("2018")

    assert D("116.13") == lakipcore.round_to(now.performance, 2)
    assert D("98.75") == lakipcore.round_to(now.absorption, 2)
    assert D("133.51") == lakipcore.round_to(now.achievement, 2)
    assert (D("119.58"), D("97.75")) == (
        lakipcore.round_to(before.achievement, 2),
        lakipcore.round_to(before.absorption, 2),
    )
    change = scored.change_to("2019")
    assert ("2018", "2019") == (change.earlier, change.later)
    assert _points(now.performance, before.performance) == change.office.performance
    assert None is scored.change_to("2018")
    assert "sekjen" == change.unit("sekjen").code


def test_method_must_be_named_somewhere() -> None:
    """Without method= and without one in the file, scoring refuses to guess."""
    report = _report(_unit("a", [(D(1), D(1))], 1, 1))
    with pytest.raises(lakipcore.errors.UnknownNameError, match="no scoring method for 2019"):
        lakipcore.score_period(report, "2019")
    with pytest.raises(lakipcore.errors.UnknownNameError, match="no scoring method"):
        lakipcore.score_report(report, {})
    # A mapping naming a period the report lacks is refused, not ignored.
    with pytest.raises(lakipcore.errors.UnknownNameError, match="names the period '2018'"):
        lakipcore.score_report(report, {"2018": "banten-2019"})


def test_score_period_unknown_key() -> None:
    """Scoring a period the report lacks raises UnknownNameError listing its periods."""
    with pytest.raises(
        lakipcore.errors.UnknownNameError, match=r"no period '2020'; the report has 2019"
    ):
        lakipcore.score_period(_report(_unit("a", [(D(1), D(1))], 1, 1)), "2020", "banten-2019")


def test_score_indicator() -> None:
    """score_indicator gives one indicator's capaian in a period under a method."""
    indicator = _indicator("a", D(80), D(100))
    scored = lakipcore.scoring.score_indicator(indicator, "2019", "banten-2019")

    assert (D(125), D(100), D(80)) == (scored.capaian, scored.realisation, scored.target)
    assert scored.counts
    with pytest.raises(lakipcore.errors.UnknownNameError, match="has no entry for '2018'"):
        lakipcore.scoring.score_indicator(indicator, "2018", "banten-2019")


def test_method_chooses_lower_is_better_formula_and_cap() -> None:
    """A lower-is-better indicator without a formula uses the method's; the method's cap applies."""
    lower = _indicator("r", D(10), D(8), polarity=Polarity.LOWER_IS_BETTER)
    method = lakipcore.get_method("banten-2019")
    inverse = attrs.evolve(method, name="inverse", lower_is_better=Formula.INVERSE_RATIO)
    capped = attrs.evolve(method, name="capped", cap=D(120))

    assert D(120) == lakipcore.scoring.score_indicator(lower, "2019", method).capaian
    assert D(125) == lakipcore.scoring.score_indicator(lower, "2019", inverse).capaian
    assert (
        D(120)
        == lakipcore.scoring.score_indicator(_indicator("x", D(21), D(61)), "2019", capped).capaian
    )


def test_aggregation_variants() -> None:
    """aggregation_variants gives the method first, then the three other aggregation pairs."""
    method = lakipcore.get_method("banten-2019")
    variants = aggregation_variants(method)

    assert method is variants[0]
    assert 4 == len({(v.achievement, v.absorption) for v in variants})
    assert "mean-of-unit-means/total-amounts" in [v.name for v in variants]


# --- the tree of units ----------------------------------------------------------------------


def _ministry() -> Report:
    """Ministry → kanwil (own indicator and budget) → two UPTs, with percent targets of 100."""
    hundred = D(100)
    upt_a = _unit("upt-a", [(hundred, D(100)), (hundred, D(110)), (hundred, D(150))], 1000, 900)
    upt_b = _unit("upt-b", [(hundred, D(80))], 3000, 3000)
    kanwil = _unit("kanwil", [(hundred, D(110))], 1000, 500, units=(upt_a, upt_b))
    return _report(root=Unit("ministry", "Kementerian", units=[kanwil]))


def test_tree_pooled_rolls_up_every_capaian_and_total_amounts() -> None:
    """banten-2019: achievement is the mean of all capaians in the tree, absorption Σ/Σ."""
    scored = lakipcore.score_period(_ministry(), "2019", "banten-2019")
    kanwil = scored.unit("kanwil")

    assert (D(110), D(110)) == (scored.achievement, kanwil.achievement)  # 550 / 5
    assert (D(88), D(88)) == (scored.absorption, kanwil.absorption)  # 4400 / 5000
    assert D(99) == scored.performance
    assert (D(5000), D(4400)) == (scored.pagu, scored.realisation)
    assert (D(120), D(80)) == (scored.unit("upt-a").achievement, scored.unit("upt-b").achievement)
    assert ["kanwil"] == [u.code for u in scored.units]
    assert ["upt-a", "upt-b"] == [u.code for u in kanwil.units]
    assert "ministry" == scored.root.code


def test_tree_mean_of_means_rolls_up_child_achievements_and_rates() -> None:
    """banten-2018: each level is the mean of its members' achievements and absorption rates."""
    scored = lakipcore.score_period(_ministry(), "2019", "banten-2018")
    kanwil = scored.unit("kanwil")

    # the kanwil's own mean (110) is one more member beside its UPTs (120 and 80)
    assert D("103.3333333333") == lakipcore.round_to(kanwil.achievement, 10)
    assert D("103.33333333333333333333") == lakipcore.round_to(kanwil.achievement, 20)
    children = [child.achievement for child in scored.units]
    with decimal.localcontext(decimal.Context(prec=60)):
        expected = sum(children) / len(children)
    assert lakipcore.round_to(expected, 40) == lakipcore.round_to(scored.achievement, 40)
    assert kanwil.achievement == scored.achievement
    # rates: kanwil 50 %, UPT-a 90 %, UPT-b 100 %
    assert (D(80), D(80)) == (kanwil.absorption, scored.absorption)
    assert (D(5000), D(4400)) == (scored.pagu, scored.realisation)


def test_tree_methods_differ_for_unequal_indicator_counts() -> None:
    """With unequal indicator counts the two achievement aggregations give different offices."""
    report = _ministry()
    pooled = lakipcore.score_period(report, "2019", "banten-2019")
    means = lakipcore.score_period(report, "2019", "banten-2018")

    assert pooled.achievement != means.achievement
    assert pooled.unit("upt-a") == means.unit("upt-a")


def test_rates_only_budget_needs_a_mean_of_rates_method() -> None:
    """A child budget known only as a rate: Σ/Σ refuses, the mean of rates uses the rate."""
    rated = Unit(
        "b",
        "unit b",
        [_indicator("b-0", D(100), D(100))],
        [UnitPeriod("2019", ReportedAbsorption(D(70)))],
    )
    report = _report(_unit("a", [(D(100), D(100))], 100, 90), rated)

    with pytest.raises(lakipcore.errors.MethodNotApplicableError, match="known only as a printed"):
        lakipcore.score_period(report, "2019", "banten-2019")
    scored = lakipcore.score_period(report, "2019", "banten-2018")
    assert D(80) == scored.absorption
    assert (None, None) == (scored.pagu, scored.realisation)


# --- missing data -----------------------------------------------------------------------------


def test_single_unit_report_scores_itself() -> None:
    """A root with indicators and a budget but no sub-units is scored on its own data."""
    upt = _unit("upt", [(D(80), D(100)), (D(100), D(90))], 200, 150)
    scored = lakipcore.score_period(_report(root=upt), "2019", "banten-2019")

    assert D("107.5") == scored.achievement  # mean of 125 and 90
    assert D(75) == scored.absorption
    assert D("91.25") == scored.performance
    assert () == scored.units
    assert scored.root is scored.unit("upt")
    assert () == scored.root.gaps
    assert [D(125), D(90)] == [i.capaian for i in scored.root.indicators]


def test_unit_without_budget_has_no_absorption() -> None:
    """No budget: absorption and performance are None, and the gaps say why."""
    upt = _unit("upt", [(D(80), D(100))], None)
    scored = lakipcore.score_period(_report(root=upt), "2019", "banten-2019").root

    assert (D(125), None, None) == (scored.achievement, scored.absorption, scored.performance)
    assert (None, None, ()) == (scored.pagu, scored.realisation, scored.outputs)
    assert (
        "absorption: no budget in 2019",
        "performance: needs both achievement and absorption",
    ) == scored.gaps


def test_office_with_an_unbudgeted_unit_has_no_absorption() -> None:
    """One unit without a budget leaves the office's absorption None, naming the unit."""
    report = _report(_unit("a", [(D(100), D(100))], 100, 90), _unit("b", [(D(100), D(120))], None))
    scored = lakipcore.score_period(report, "2019", "banten-2019")

    assert (D(110), None, None) == (scored.achievement, scored.absorption, scored.performance)
    assert "absorption: no budget for b in 2019" in scored.root.gaps


def test_budget_only_unit_has_no_achievement() -> None:
    """A unit with a budget but no indicators has achievement None; the office leaves it out."""
    budget_only = Unit("b", "unit b", periods=[_budget(300, 300)])
    report = _report(_unit("a", [(D(100), D(120))], 100, 90), budget_only)

    for method in ("banten-2019", "banten-2018"):
        scored = lakipcore.score_period(report, "2019", method)
        unit = scored.unit("b")
        assert (None, D(100), None) == (unit.achievement, unit.absorption, unit.performance)
        assert "achievement: no targeted indicator with a capaian" in unit.gaps
        assert D(120) == scored.achievement
    assert D("97.5") == lakipcore.score_period(report, "2019", "banten-2019").absorption
    assert D(95) == lakipcore.score_period(report, "2019", "banten-2018").absorption


def test_not_targeted_indicator_is_left_out() -> None:
    """A not-targeted indicator has no capaian, says so, and does not enter the mean."""
    blank = Indicator("nt", "Not targeted", [IndicatorPeriod("2019", NOT_TARGETED)])
    upt = Unit("upt", "UPT", [_indicator("a", D(80), D(100)), blank], [_budget(10, 10)])
    scored = lakipcore.score_period(_report(root=upt), "2019", "banten-2019").root

    assert (None, "not targeted") == (
        scored.indicator("nt").capaian,
        scored.indicator("nt").excluded,
    )
    assert D(125) == scored.achievement


def test_planned_period_scores_no_capaian() -> None:
    """A target without realisation in a planned period scores capaian None, excluded 'planned'."""
    indicator = Indicator(
        "a",
        "Renstra",
        [
            IndicatorPeriod("2023", Target(PERCENT, D(80)), Realisation(PERCENT, D(100))),
            IndicatorPeriod("2024", Target(PERCENT, D(90))),
        ],
    )
    office = Unit("kanwil", "Kanwil", units=[Unit("upt", "UPT", [indicator])])
    periods = [ReportPeriod("2023"), ReportPeriod("2024", planned=True)]
    scored = lakipcore.score_report(Report(periods, office), "banten-2019")

    planned = scored.period("2024").unit("upt").indicator("a")
    assert (None, "planned", D(90), None) == (
        planned.capaian,
        planned.excluded,
        planned.target,
        planned.realisation,
    )
    assert (None, None) == (scored.period("2024").achievement, scored.period("2024").performance)
    assert D(125) == scored.period("2023").achievement
    change = scored.change_to("2024")
    assert None is change.office.achievement
    item = change.unit("upt").indicator("a")
    assert (None, D(125), None) == (item.later, item.earlier, item.points)


def test_planned_gate_needs_a_planned_period() -> None:
    """The same bare target in a period not marked planned is refused when the report is built."""
    indicator = Indicator("a", "Renstra", [IndicatorPeriod("2024", Target(PERCENT, D(90)))])
    with pytest.raises(
        lakipcore.errors.InvalidValueError, match="needs its realisation in 2024"
    ) as info:
        Report([ReportPeriod("2024")], Unit("upt", "UPT", [indicator]))

    assert "units[upt].indicators[a]" == info.value.field


# --- accumulation -----------------------------------------------------------------------------

QUARTERS = ("2021-tw1", "2021-tw2", "2021-sd-tw2")


def _accumulating(
    code: str,
    kind: MeasureKind,
    values: tuple[int, int],
    target: int = 10,
    accumulation: Accumulation | None = None,
) -> Indicator:
    """An indicator realised ``values`` in TW I and TW II, accumulated s.d. TW II."""
    entries = [
        IndicatorPeriod(key, Target(kind, D(target)), Realisation(kind, D(value)))
        for key, value in zip(QUARTERS[:2], values, strict=True)
    ]
    entries.append(IndicatorPeriod(QUARTERS[2], Target(kind, D(target)), accumulate=True))
    return Indicator(code, f"indicator {code}", entries, accumulation=accumulation)


def _quarterly(*indicators: Indicator) -> Report:
    """A report of TW I, TW II and s.d. TW II 2021 for one UPT holding ``indicators``."""
    return Report([ReportPeriod(key) for key in QUARTERS], Unit("upt", "UPT", indicators))


def test_accumulation_sums_counts_takes_latest_percent_and_means_on_request() -> None:
    """s.d. TW II realisations: a count sums (5 + 7), a percent takes TW II, MEAN averages."""
    report = _quarterly(
        _accumulating("laporan", COUNT, (5, 7)),
        _accumulating("persen", PERCENT, (70, 90), target=80),
        _accumulating("rerata", COUNT, (5, 7), target=5, accumulation=Accumulation.MEAN),
    )
    scored = lakipcore.score_report(report, "banten-2019")
    cumulative = scored.period("2021-sd-tw2").root

    assert (D(12), D(120)) == (
        cumulative.indicator("laporan").realisation,
        cumulative.indicator("laporan").capaian,
    )
    assert (D(90), D("112.5")) == (
        cumulative.indicator("persen").realisation,
        cumulative.indicator("persen").capaian,
    )
    assert (D(6), D(120)) == (
        cumulative.indicator("rerata").realisation,
        cumulative.indicator("rerata").capaian,
    )
    assert [("2021-tw1", "2021-tw2")] == [(c.earlier, c.later) for c in scored.changes]


@pytest.mark.parametrize(
    ("tw2", "match"),
    [
        (
            None,
            r"no semesters, quarters or months of the report with this indicator make up "
            r"2021-sd-tw2",
        ),
        (IndicatorPeriod("2021-tw2", NOT_TARGETED), r"accumulate = true, but 2021-tw2 has no"),
    ],
    ids=["quarter-missing", "quarter-not-targeted"],
)
def test_accumulation_with_a_missing_quarter_is_an_error(
    tw2: IndicatorPeriod | None, match: str
) -> None:
    """Accumulating without a realisation for every quarter raises, naming the entry."""
    entries = [IndicatorPeriod("2021-tw1", Target(COUNT, D(5)), Realisation(COUNT, D(5)))]
    entries += [] if tw2 is None else [tw2]
    entries.append(IndicatorPeriod("2021-sd-tw2", Target(COUNT, D(10)), accumulate=True))
    report = _quarterly(Indicator("gap", "Gap", entries))

    with pytest.raises(lakipcore.errors.InvalidValueError, match=match) as info:
        lakipcore.score_report(report, "banten-2019")
    assert "units[upt].indicators[gap].periods.2021-sd-tw2.accumulate" == info.value.field
    problems: list[lakipcore.scoring.Problem] = []
    scored = lakipcore.score_report(report, "banten-2019", problems=problems)
    assert None is scored.period("2021-sd-tw2").root.indicator("gap").capaian
    assert ["2021-sd-tw2"] == [p.period for p in problems]


# --- generated reports --------------------------------------------------------------------------

EXCLUDING = attrs.evolve(
    lakipcore.get_method("banten-2018"), name="excluding", zero_target=ZeroTargetPolicy.EXCLUDE
)
"""A method that scores any generated report: rates averaged, zero targets left out."""


def _expected_change(later: UnitScore | None, earlier: UnitScore | None) -> Change:
    """The change a unit's two period scores imply; all None when the unit lacks one of them."""
    if later is None or earlier is None:
        return Change(None, None, None)
    return Change(
        _points(later.achievement, earlier.achievement),
        _points(later.absorption, earlier.absorption),
        _points(later.performance, earlier.performance),
    )


def test_zero_pagu_output_does_not_block_scoring() -> None:
    """A line with a zero-pagu output beside a funded one scores the line's Σ/Σ absorption."""
    line = BudgetLine("p", [BudgetOutput("empty", D(0), D(0)), BudgetOutput("funded", D(10), D(9))])
    upt = Unit("upt", "UPT", [_indicator("a", D(80), D(100))], [UnitPeriod("2019", line)])

    scored = lakipcore.score_period(_report(root=upt), "2019", "banten-2019")
    assert D(90) == scored.absorption


@given(report=reports(max_periods=6, max_units=3, planned=True))
def test_generated_reports_score_write_reload_and_change(report: Report) -> None:
    """A report of 1-6 periods and a unit tree scores, writes and reloads identically, and every
    change is later − earlier of the two periods' scores (None when either is None)."""
    reloaded = lakipcore.loads_report(lakipcore.dump_report(report))
    assert report == reloaded

    scored = lakipcore.score_report(report, EXCLUDING)
    assert scored == lakipcore.score_report(reloaded, EXCLUDING)
    assert [p.key for p in report.periods] == [p.key for p in scored.periods]
    pairs = [(a.key, b.key) for a, b in comparable_pairs(report.periods)]
    assert pairs == [(c.earlier, c.later) for c in scored.changes]

    for change in scored.changes:
        later, earlier = scored.period(change.later), scored.period(change.earlier)
        assert _expected_change(later.root, earlier.root) == change.office
        expected_units = [
            u.code
            for u in report.units()
            if u is not report.root and (later.has_unit(u.code) or earlier.has_unit(u.code))
        ]
        assert expected_units == [u.code for u in change.units]
        for unit_change in change.units:
            now = later.unit(unit_change.code) if later.has_unit(unit_change.code) else None
            before = earlier.unit(unit_change.code) if earlier.has_unit(unit_change.code) else None
            assert _expected_change(now, before) == unit_change.change
            for item in unit_change.indicators:
                assert _points(item.later, item.earlier) == item.points
                for score, value in ((now, item.later), (before, item.earlier)):
                    codes = {i.code for i in score.indicators} if score else set()
                    expected = score.indicator(item.code).capaian if item.code in codes else None
                    assert expected == value


# --- validation gates -------------------------------------------------------------------------


def test_scoring_method_refuses_plain_strings() -> None:
    """An aggregation given as its name (a str) is a LakipTypeError naming the field."""
    with pytest.raises(
        lakipcore.LakipTypeError, match=r"AchievementAggregation\.from_name"
    ) as info:
        ScoringMethod(name="x", achievement="pooled-indicators")  # type: ignore[arg-type]
    assert "achievement" == info.value.field
    with pytest.raises(lakipcore.LakipTypeError) as info:
        ScoringMethod(name="x", zero_target="exclude")  # type: ignore[arg-type]
    assert "zero_target" == info.value.field
    named = ScoringMethod(
        name="x", achievement=AchievementAggregation.from_name("pooled-indicators")
    )
    assert AchievementAggregation.POOLED_INDICATORS is named.achievement


def test_scoring_method_refuses_a_bad_cap_or_formula() -> None:
    """A method's cap must be positive and its lower-is-better formula a lower-is-better one."""
    for cap in (D(0), D(-1)):
        with pytest.raises(
            lakipcore.errors.InvalidValueError, match="a cap must be positive"
        ) as info:
            ScoringMethod(name="x", cap=cap)
        assert "cap" == info.value.field
    with pytest.raises(lakipcore.errors.InvalidValueError) as info:
        ScoringMethod(name="x", lower_is_better=Formula.RATIO)
    assert "lower_is_better" == info.value.field


@pytest.mark.parametrize("report", [None, "banten-2019.toml", 2019], ids=["none", "str", "int"])
def test_score_report_refuses_a_non_report(report: object) -> None:
    """score_report and score_period refuse anything but a Report with LakipTypeError."""
    with pytest.raises(lakipcore.LakipTypeError, match="expected a Report") as info:
        lakipcore.score_report(report)  # type: ignore[arg-type]
    assert "report" == info.value.field
    with pytest.raises(lakipcore.LakipTypeError, match="expected a Report"):
        lakipcore.score_period(report, "2019")  # type: ignore[arg-type]


def test_round_to_takes_a_rounding_member() -> None:
    """round_to rounds with the Rounding given; from_name turns a mode's name into one."""
    value = D("99.805")
    assert D("99.81") == lakipcore.round_to(value, 2, Rounding.from_name("half-up"))
    assert D("99.80") == lakipcore.round_to(value, 2, Rounding.HALF_EVEN)
    assert D("99.80") == lakipcore.round_to(value, 2, Rounding.TRUNCATE)


def test_round_to_refuses_a_mode_name() -> None:
    """round_to given the mode as a str refuses it with LakipTypeError."""
    with pytest.raises(lakipcore.LakipTypeError):
        lakipcore.round_to(D("99.805"), 2, "half-up")  # type: ignore[arg-type]


@pytest.mark.parametrize("prefix", [b"", b"\xef\xbb\xbf"], ids=["plain", "bom"])
def test_loads_report_accepts_bytes(prefix: bytes) -> None:
    """loads_report reads UTF-8 bytes, with or without a byte order mark, like the text."""
    report = lakipcore.load_example()
    text = lakipcore.dump_report(report)

    assert report == lakipcore.loads_report(prefix + text.encode("utf-8"))
    assert report == lakipcore.loads_report("\ufeff" + text)


def test_loads_report_refuses_bad_input() -> None:
    """None is a LakipTypeError; bytes that are not UTF-8 a ReportFileError."""
    with pytest.raises(lakipcore.LakipTypeError, match=r"str or bytes\), got NoneType"):
        lakipcore.loads_report(None)  # type: ignore[arg-type]
    with pytest.raises(lakipcore.ReportFileError, match="not UTF-8"):
        lakipcore.loads_report(b"schema = 2\n\xff")


def test_capaian_refuses_a_negative_cap() -> None:
    """capaian refuses a cap that is not positive, naming the cap."""
    with pytest.raises(lakipcore.errors.InvalidValueError) as info:
        lakipcore.capaian(D(10), D(20), cap=D(-1))
    assert "cap" == info.value.field


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


def _office(data: list[tuple[list[tuple[Decimal, Decimal]], int, int]]) -> Report:
    """A 2019 report of an office holding one unit per (capaians, pagu, realisasi)."""
    return _report(
        *[_unit(f"u{n}", caps, pagu, spent) for n, (caps, pagu, spent) in enumerate(data)]
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
        a = lakipcore.score_period(_office(data), "2019", method)
        b = lakipcore.score_period(_office(shuffled), "2019", method)
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
    pooled = lakipcore.score_period(office, "2019", METHODS[0])
    means = lakipcore.score_period(office, "2019", METHODS[2])
    assert METHODS[0].achievement is not METHODS[2].achievement
    assert lakipcore.round_to(pooled.achievement, 40) == lakipcore.round_to(means.achievement, 40)


@given(outputs=st.lists(st.tuples(st.integers(1, 10**12), st.integers(0, 10**12)), min_size=1))
def test_absorption_of_merged_lines_is_total_over_total(outputs: list[tuple[int, int]]) -> None:
    """Absorption of a programme is Σ realisasi / Σ pagu of its outputs, not a mean of rates."""
    line = BudgetLine("p", [BudgetOutput(f"o{n}", D(p), D(s)) for n, (p, s) in enumerate(outputs)])
    expected = lakipcore.scoring.absorption(
        D(sum(p for p, _ in outputs)), D(sum(s for _, s in outputs))
    )
    assert expected == lakipcore.scoring.absorption(line.pagu, line.realisation)


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
