"""Tests for the validation of the domain model's value objects (lakipcore.model)."""

from __future__ import annotations

from decimal import Decimal

import attrs
import pytest

from lakipcore import (
    BudgetLine,
    BudgetOutput,
    Indicator,
    IndicatorPeriod,
    LakipTypeError,
    MeasureKind,
    Polarity,
    Realisation,
    Report,
    ReportPeriod,
    Target,
    Unit,
    UnitPeriod,
)
from lakipcore.errors import FigureFormatError, InvalidValueError, UnknownNameError
from lakipcore.figures import NOT_TARGETED
from lakipcore.model import (
    KANWIL_TABLES,
    Accumulation,
    Formula,
    Origin,
    PeriodKind,
    PrintedFigure,
    Quantity,
    ReportedAbsorption,
    ReportTable,
    TableKind,
)
from strategies import hostile_context

COUNT, PERCENT, INDEX = MeasureKind.COUNT, MeasureKind.PERCENT, MeasureKind.INDEX
D = Decimal


def count_entry(period="2019", value=5, **kwargs):
    """A count IndicatorPeriod of ``period`` with target and realisation ``value``."""
    return IndicatorPeriod(period, Target(COUNT, value), Realisation(COUNT, value), **kwargs)


def count_indicator(code="i1", value=5, period="2019", **kwargs):
    """A valid count indicator with target and realisation ``value`` in ``period``."""
    return Indicator(code, "Indicator", [count_entry(period, value)], **kwargs)


def budget(*amounts):
    """A budget line with one output per (pagu, realisation) pair."""
    outputs = [BudgetOutput(f"o{i}", pagu, real) for i, (pagu, real) in enumerate(amounts)]
    return BudgetLine("Programme", outputs or [BudgetOutput("o", 10, 9)])


def unit(code="u1", period="2019", indicators=None, units=()):
    """A valid unit with one count indicator and a one-output budget in ``period``."""
    return Unit(
        code,
        "Unit",
        indicators or [count_indicator(period=period)],
        [UnitPeriod(period, budget())],
        units,
    )


def report(*units, periods=("2019",), **kwargs):
    """A report of ``periods`` (keys) whose office ``kanwil`` holds ``units``."""
    return Report(
        [ReportPeriod(key) for key in periods], Unit("kanwil", "Kanwil", units=units), **kwargs
    )


# id, kind, value, scale
VALID_MEASURE_CASES = (
    ("count", COUNT, D(12), None),
    ("count-zero", COUNT, D(0), None),
    ("count-int", COUNT, 136133, None),
    ("count-whole-with-places", COUNT, D("12.00"), None),
    ("percent", PERCENT, D("98.75"), None),
    ("percent-above-100", PERCENT, D("144.44"), None),
    ("index", INDEX, D("7.1"), D(10)),
    ("index-at-top", INDEX, D(10), D(10)),
    ("index-int-scale", INDEX, D("77.37"), 100),
)

# id, kind, value, scale, error, field, regex
INVALID_MEASURE_CASES = (
    (
        "count-fraction",
        COUNT,
        D("7.1"),
        None,
        InvalidValueError,
        "value",
        r"a count \w+ must be a whole number, got 7\.1.*index with a scale",
    ),
    (
        "count-negative",
        COUNT,
        D(-1),
        None,
        InvalidValueError,
        "value",
        r"must not be negative, got -1",
    ),
    ("index-negative", INDEX, D(-1), D(10), InvalidValueError, "value", r"must not be negative"),
    (
        "index-no-scale",
        INDEX,
        D("7.1"),
        None,
        InvalidValueError,
        "scale",
        r"needs a positive scale",
    ),
    ("index-zero-scale", INDEX, D(0), D(0), InvalidValueError, "scale", r"needs a positive scale"),
    ("index-negative-scale", INDEX, D(0), D(-10), InvalidValueError, "scale", r"positive scale"),
    (
        "index-above-scale",
        INDEX,
        D("10.01"),
        D(10),
        InvalidValueError,
        "value",
        r"10\.01 lies above the top of its scale 10",
    ),
    (
        "count-with-scale",
        COUNT,
        D(5),
        D(10),
        InvalidValueError,
        "scale",
        r"only an index or a plain value \w+ has a scale; this one is a count",
    ),
    (
        "percent-with-scale",
        PERCENT,
        D(5),
        D(100),
        InvalidValueError,
        "scale",
        r"this one is a percent",
    ),
    ("float-value", PERCENT, 98.75, None, LakipTypeError, "value", r"float 98\.75"),
    ("str-value", COUNT, "12", None, LakipTypeError, "value", r"str '12'"),
    ("bool-value", COUNT, True, None, LakipTypeError, "value", r"bool True"),
    ("nan-value", PERCENT, D("NaN"), None, FigureFormatError, "value", r"not a finite number"),
    ("float-scale", INDEX, D(7), 10.0, LakipTypeError, "scale", r"float 10\.0"),
    ("str-scale", INDEX, D(7), "10", LakipTypeError, "scale", r"str '10'"),
)


def test_valid_measure_cases_unique():
    """VALID_MEASURE_CASES holds no duplicate ids."""
    assert len({c[0] for c in VALID_MEASURE_CASES}) == len(VALID_MEASURE_CASES)


def test_invalid_measure_cases_unique():
    """INVALID_MEASURE_CASES holds no duplicate ids."""
    assert len({c[0] for c in INVALID_MEASURE_CASES}) == len(INVALID_MEASURE_CASES)


@pytest.mark.parametrize("cls", [Target, Realisation])
@pytest.mark.parametrize(
    ("name", "kind", "value", "scale"), VALID_MEASURE_CASES, ids=[c[0] for c in VALID_MEASURE_CASES]
)
def test_valid_measure(cls, name, kind, value, scale):
    """Targets and realisations accept whole counts, percents and indices within their scale."""
    measure = cls(kind, value, scale=scale)

    assert (D(value), None if scale is None else D(scale)) == (measure.value, measure.scale)
    assert isinstance(measure.value, Decimal)
    assert scale is None or isinstance(measure.scale, Decimal)


@pytest.mark.parametrize("cls", [Target, Realisation])
@pytest.mark.parametrize("case", INVALID_MEASURE_CASES, ids=[c[0] for c in INVALID_MEASURE_CASES])
def test_invalid_measure(cls, case):
    """Targets and realisations refuse fractional counts, bad scales, negatives and floats."""
    _, kind, value, scale, error, field, match = case
    with pytest.raises(error, match=match) as info:
        cls(kind, value, scale=scale)

    assert field == info.value.field


def test_measure_messages_name_the_role():
    """A refusal says whether the target or the realisation is wrong."""
    with pytest.raises(InvalidValueError, match="a count target must be a whole number"):
        Target(COUNT, D("7.1"))
    with pytest.raises(InvalidValueError, match="a count realisation must be a whole number"):
        Realisation(COUNT, D("7.1"))


def test_measure_keeps_exponent():
    """A target keeps the printed precision of its value."""
    assert (0, (8, 7, 5, 0), -2) == Target(PERCENT, D("87.50")).value.as_tuple()


def test_evolve_revalidates():
    """attrs.evolve runs the converters and checks again, so it cannot make an invalid target."""
    target = Target(INDEX, D("7.1"), scale=D(10))

    with pytest.raises(InvalidValueError, match="lies above the top"):
        attrs.evolve(target, value=D(11))
    assert D(9) == attrs.evolve(target, value=9).value


# id, IndicatorPeriod keyword arguments (besides period), error field, regex
INVALID_ENTRY_CASES = (
    (
        "percent-target-count-realisation",
        {"target": Target(PERCENT, D(80)), "realisation": Realisation(COUNT, D(80))},
        "realisation",
        r"a percent target needs a percent realisation, got a count",
    ),
    (
        "index-target-percent-realisation",
        {"target": Target(INDEX, D(7), scale=D(10)), "realisation": Realisation(PERCENT, D(7))},
        "realisation",
        r"an? index target needs an? index realisation, got a percent",
    ),
    (
        "different-scales",
        {
            "target": Target(INDEX, D(7), scale=D(10)),
            "realisation": Realisation(INDEX, D(7), scale=D(100)),
        },
        "realisation",
        r"different scales \(10 and 100\)",
    ),
    (
        "not-targeted-with-realisation",
        {"target": NOT_TARGETED, "realisation": Realisation(COUNT, D(1))},
        "realisation",
        r"a not-targeted indicator \('Tidak ditargetkan'\) has no realisation",
    ),
    (
        "not-targeted-accumulated",
        {"target": NOT_TARGETED, "accumulate": True},
        "accumulate",
        r"a not-targeted indicator \('Tidak ditargetkan'\) has no realisation",
    ),
    (
        "stated-and-accumulated",
        {
            "target": Target(COUNT, D(1)),
            "realisation": Realisation(COUNT, D(1)),
            "accumulate": True,
        },
        "accumulate",
        r"stated, derived or accumulated, one of them; this one has realisation and accumulate",
    ),
)


def test_invalid_entry_cases_unique():
    """INVALID_ENTRY_CASES holds no duplicate ids."""
    assert len({c[0] for c in INVALID_ENTRY_CASES}) == len(INVALID_ENTRY_CASES)


@pytest.mark.parametrize(
    ("name", "kwargs", "field", "match"),
    INVALID_ENTRY_CASES,
    ids=[c[0] for c in INVALID_ENTRY_CASES],
)
def test_invalid_indicator_period(name, kwargs, field, match):
    """An indicator period refuses a mismatched realisation, or more than one source of it."""
    with pytest.raises(InvalidValueError, match=match) as info:
        IndicatorPeriod("2019", **kwargs)

    assert field == info.value.field


def test_indicator_period_refuses_wrong_types():
    """An indicator period refuses a bare number as target and a non-str period key."""
    with pytest.raises(LakipTypeError, match="expected a Target or NOT_TARGETED") as info:
        IndicatorPeriod("2019", D(1))
    assert "target" == info.value.field
    with pytest.raises(LakipTypeError, match="expected a period key") as info:
        IndicatorPeriod(2019, Target(COUNT, D(1)), Realisation(COUNT, D(1)))
    assert "period" == info.value.field
    with pytest.raises(LakipTypeError, match="expected a Realisation") as info:
        IndicatorPeriod("2019", Target(COUNT, D(1)), D(1))
    assert "realisation" == info.value.field


# id, Indicator keyword arguments (besides code, name and periods), error field, regex
INVALID_INDICATOR_CASES = (
    (
        "kondisi-khusus-on-higher",
        {"formula": Formula.KONDISI_KHUSUS},
        "formula",
        r"formula 'kondisi-khusus' is for lower-is-better indicators, but this one is higher",
    ),
    (
        "ratio-on-lower",
        {"polarity": Polarity.LOWER_IS_BETTER, "formula": Formula.RATIO},
        "formula",
        r"formula 'ratio' is for higher-is-better indicators, but this one is lower",
    ),
    ("empty-name", {"name": ""}, "name", r"expected non-empty printable text, got ''"),
    ("blank-goal", {"goal": "  "}, "goal", r"expected non-empty printable text"),
    (
        "period-twice",
        {"periods": [count_entry("2019"), count_entry("2019")]},
        "periods[1]",
        r"indicator 'i1' has period '2019' twice",
    ),
)


def test_invalid_indicator_cases_unique():
    """INVALID_INDICATOR_CASES holds no duplicate ids."""
    assert len({c[0] for c in INVALID_INDICATOR_CASES}) == len(INVALID_INDICATOR_CASES)


@pytest.mark.parametrize(
    ("name", "kwargs", "field", "match"),
    INVALID_INDICATOR_CASES,
    ids=[c[0] for c in INVALID_INDICATOR_CASES],
)
def test_invalid_indicator(name, kwargs, field, match):
    """An indicator refuses a formula of wrong polarity, a blank name or goal, a period twice."""
    arguments = {"code": "i1", "name": "Indicator", "periods": [count_entry()], **kwargs}
    with pytest.raises(InvalidValueError, match=match) as info:
        Indicator(**arguments)

    assert field == info.value.field


@pytest.mark.parametrize(
    "code",
    ["", "   ", "\t", "Sekjen", "sekjen ikm", "-sekjen", "sekjen-", "a" * 65],
    ids=["empty", "spaces", "tab", "upper-case", "space", "leading-dash", "trailing-dash", "long"],
)
def test_indicator_code_must_be_a_code(code):
    """An indicator refuses a code that is not 1-64 lower-case ASCII letters, digits, -, _, ."""
    with pytest.raises(InvalidValueError, match="must be 1-64 lower-case ASCII") as info:
        count_indicator(code)

    assert "code" == info.value.field


@pytest.mark.parametrize("code", ["a", "sekjen", "sekjen-ikm", "pas_2.1", "a" * 64])
def test_indicator_codes_accepted(code):
    """Lower-case ASCII codes with inner '-', '_' and '.' are kept as given."""
    assert code == count_indicator(code).code


def test_indicator_code_must_be_a_str():
    """An indicator refuses a code that is not a str with LakipTypeError naming the code."""
    with pytest.raises(LakipTypeError, match="expected the indicator code as a str, got 1") as info:
        Indicator(code=1, name="Indicator", periods=[count_entry()])

    assert "code" == info.value.field


def test_enum_fields_refuse_plain_strings():
    """Enum-typed fields refuse the member's name as a plain str; from_name looks it up."""
    with pytest.raises(LakipTypeError, match=r"use Polarity\.from_name") as info:
        count_indicator(polarity="lower")
    assert "polarity" == info.value.field
    with pytest.raises(LakipTypeError, match="expected a Accumulation member") as info:
        count_indicator(accumulation="sum")
    assert "accumulation" == info.value.field
    with pytest.raises(LakipTypeError, match="expected a Quantity member") as info:
        PrintedFigure("capaian", "prose", "1%")
    assert "quantity" == info.value.field
    with pytest.raises(LakipTypeError, match="expected a MeasureKind member") as info:
        Target("count", D(1))
    assert "kind" == info.value.field
    assert Polarity.LOWER_IS_BETTER is Polarity.from_name("lower")


def test_valid_indicators():
    """Matching kinds, not-targeted without realisation, and polarity-matched formulas are fine."""
    not_targeted = Indicator("nt", "Not targeted", [IndicatorPeriod("2019", NOT_TARGETED)])
    lower = Indicator(
        "low",
        "Residivis",
        [IndicatorPeriod("2019", Target(PERCENT, D(10)), Realisation(PERCENT, D(8)))],
        polarity=Polarity.LOWER_IS_BETTER,
        formula=Formula.INVERSE_RATIO,
    )
    index = Indicator(
        "ikm",
        "IKM",
        [
            IndicatorPeriod(
                "2019",
                Target(INDEX, D("7.1"), scale=D(10)),
                Realisation(INDEX, D("9.38"), scale=10),
            )
        ],
    )

    entry = not_targeted.at("2019")
    assert (False, None, False) == (entry.is_targeted, entry.realisation, entry.has_realisation)
    assert (True, Formula.INVERSE_RATIO) == (lower.at("2019").is_targeted, lower.formula)
    assert D(10) == index.at("2019").realisation.scale
    assert Polarity.HIGHER_IS_BETTER == count_indicator().polarity
    assert None is count_indicator().at("2018")


def test_indicator_periods():
    """An indicator keeps one entry per period in order and finds each by key."""
    earlier, later = count_entry("2018", 3), count_entry("2019", 4)
    indicator = Indicator("i1", "Indicator", [earlier, later])

    assert (earlier, later) == indicator.periods
    assert (earlier, later) == (indicator.at("2018"), indicator.at("2019"))
    assert isinstance(indicator.periods, tuple)


def test_accumulated_and_targeted_entries_have_a_realisation():
    """An accumulated entry has a realisation to compute; a bare target in itself has none."""
    accumulated = IndicatorPeriod("2021-sd-tw2", Target(COUNT, D(10)), accumulate=True)
    bare = IndicatorPeriod("2024", Target(COUNT, D(10)))

    assert (True, None) == (accumulated.has_realisation, accumulated.realisation)
    assert (False, True) == (bare.has_realisation, bare.is_targeted)


@pytest.mark.parametrize(
    ("kind", "accumulation", "expected"),
    [
        (COUNT, None, Accumulation.SUM),
        (PERCENT, None, Accumulation.LATEST),
        (INDEX, None, Accumulation.LATEST),
        (COUNT, Accumulation.MEAN, Accumulation.MEAN),
        (PERCENT, Accumulation.SUM, Accumulation.SUM),
    ],
    ids=["count", "percent", "index", "count-mean", "percent-sum"],
)
def test_accumulation_defaults(kind, accumulation, expected):
    """Counts add up and percentages and indices take the latest, unless the indicator says."""
    assert expected is count_indicator(accumulation=accumulation).accumulation_for(kind)


def test_scales_compare_by_value():
    """Target and realisation scales of 10 and 10,0 are the same scale."""
    entry = IndicatorPeriod(
        "2019", Target(INDEX, D(7), scale=D(10)), Realisation(INDEX, D(8), scale=D("10.0"))
    )

    assert entry.realisation.scale == entry.target.scale


# id, pagu, realisation, error, field, regex
INVALID_OUTPUT_CASES = (
    ("negative-pagu", D(-1), D(0), InvalidValueError, "pagu", r"pagu must not be negative, got -1"),
    (
        "negative-realisation",
        D(10),
        D("-0.01"),
        InvalidValueError,
        "realisation",
        r"must not be negative",
    ),
    ("float-pagu", 1000.0, D(0), LakipTypeError, "pagu", r"float 1000\.0"),
    ("str-realisation", D(10), "9", LakipTypeError, "realisation", r"str '9'"),
)


def test_invalid_output_cases_unique():
    """INVALID_OUTPUT_CASES holds no duplicate ids."""
    assert len({c[0] for c in INVALID_OUTPUT_CASES}) == len(INVALID_OUTPUT_CASES)


@pytest.mark.parametrize("case", INVALID_OUTPUT_CASES, ids=[c[0] for c in INVALID_OUTPUT_CASES])
def test_invalid_budget_output(case):
    """A budget output refuses negative or inexact amounts, naming the amount."""
    _, pagu, realisation, error, field, match = case
    with pytest.raises(error, match=match) as info:
        BudgetOutput("Output", pagu, realisation)

    assert field == info.value.field


def test_realisation_above_pagu_allowed():
    """Realisasi above pagu is kept as given (the audit reports it, the model does not refuse)."""
    output = BudgetOutput("Output", D(100), D(120))

    assert (D(100), D(120)) == (output.pagu, output.realisation)


def test_budget_line_needs_outputs():
    """A budget line without outputs is refused."""
    with pytest.raises(InvalidValueError, match="programme 'P' needs at least one output") as info:
        BudgetLine("P", [])

    assert "outputs" == info.value.field


def test_budget_line_refuses_duplicate_output_codes():
    """A budget line refuses two outputs with one code, naming the second; uncoded ones are fine."""
    with pytest.raises(InvalidValueError, match="duplicate output code 'a'") as info:
        BudgetLine(
            "P",
            [
                BudgetOutput("first", 1, 1, code="a"),
                BudgetOutput("second", 1, 1, code="b"),
                BudgetOutput("third", 1, 1, code="a"),
            ],
        )
    assert "outputs[2].code" == info.value.field

    line = BudgetLine("P", [BudgetOutput("x", 1, 1), BudgetOutput("y", 2, 2)])
    assert (D(3), D(3)) == (line.pagu, line.realisation)


def test_output_code_must_be_a_code():
    """An output code follows the code rules: upper case is refused, an int is a type error."""
    with pytest.raises(InvalidValueError, match="output code 'A'") as info:
        BudgetOutput("x", 1, 1, code="A")
    assert "code" == info.value.field
    with pytest.raises(LakipTypeError, match="output code as a str"):
        BudgetOutput("x", 1, 1, code=1)


def test_budget_line_sums():
    """A budget line's pagu and realisasi are the exact sums of its outputs."""
    line = budget((D("145296000"), D("145291523")), (D("61254000"), D("55943000")), (1, 0))

    assert (D("206550001"), D("201234523")) == (line.pagu, line.realisation)
    assert isinstance(line.outputs, tuple)


def test_budget_line_sums_ignore_callers_context():
    """The sums stay exact inside a caller's 3-digit decimal context."""
    line = budget((D("8780958000"), D("8662795797")), (D("2818519000"), D("2791676474")))

    with hostile_context():
        sums = (line.pagu, line.realisation)

    assert (D("11599477000"), D("11454472271")) == sums


def test_reported_absorption():
    """A reported absorption holds a rate without any amounts; negatives and floats are refused."""
    absorption = ReportedAbsorption(D("99.52"))

    assert D("99.52") == absorption.rate
    assert not hasattr(absorption, "pagu")
    with pytest.raises(InvalidValueError, match="absorption must not be negative") as info:
        ReportedAbsorption(D("-1"))
    assert "absorption" == info.value.field
    with pytest.raises(LakipTypeError, match="float"):
        ReportedAbsorption(99.52)


def test_unit_period_budget_types():
    """A unit period's budget is a BudgetLine, a ReportedAbsorption or None; nothing else."""
    assert None is UnitPeriod("2019").budget
    assert D(1) == UnitPeriod("2019", ReportedAbsorption(D(1))).budget.rate
    with pytest.raises(LakipTypeError, match="expected a BudgetLine, a ReportedAbsorption") as info:
        UnitPeriod("2019", D(1))
    assert "budget" == info.value.field


def test_unit_may_have_no_indicators():
    """A unit without indicators (budget only, or an office that aggregates) is valid."""
    budget_only = Unit("u1", "Unit", periods=[UnitPeriod("2019", budget())])
    office = Unit("kanwil", "Kanwil", units=[unit("a")])

    assert () == budget_only.indicators
    assert (True, False) == (budget_only.takes_part("2019"), budget_only.takes_part("2018"))
    assert D(10) == budget_only.budget("2019").pagu
    assert None is budget_only.budget("2018")
    assert (True, False) == (office.takes_part("2019"), office.takes_part("2018"))


@pytest.mark.parametrize(
    ("code", "name", "error", "field"),
    [
        ("U1", "Unit", InvalidValueError, "code"),
        ("", "Unit", InvalidValueError, "code"),
        (1, "Unit", LakipTypeError, "code"),
        ("u1", "", InvalidValueError, "name"),
        ("u1", "a\nb", InvalidValueError, "name"),
    ],
    ids=["upper-case-code", "empty-code", "int-code", "empty-name", "unprintable-name"],
)
def test_unit_code_and_name(code, name, error, field):
    """A unit needs a valid code and a printable name."""
    with pytest.raises(error) as info:
        Unit(code, name)

    assert field == info.value.field


def test_unit_refuses_duplicate_indicator_codes():
    """A unit refuses two indicators with one code, naming the second."""
    with pytest.raises(InvalidValueError, match="duplicate indicator code 'i1'") as info:
        unit(indicators=[count_indicator("i1"), count_indicator("i2"), count_indicator("i1")])

    assert "indicators[2]" == info.value.field


def test_unit_refuses_a_period_block_twice():
    """A unit refuses two blocks for one period, naming the second."""
    with pytest.raises(InvalidValueError, match="duplicate period '2019'") as info:
        Unit("u1", "Unit", periods=[UnitPeriod("2019"), UnitPeriod("2019")])

    assert "periods[1]" == info.value.field


def test_unit_refuses_wrong_member_types():
    """A unit refuses a non-Unit among its sub-units, naming it."""
    with pytest.raises(LakipTypeError, match="expected a Unit, got str") as info:
        Unit("u1", "Unit", units=[unit("a"), "b"])
    assert "units[1]" == info.value.field


@pytest.mark.parametrize(
    ("build", "field"),
    [
        (lambda: Unit("u1", "Unit", indicators=["i1"]), "indicators[0]"),
        (lambda: Unit("u1", "Unit", periods=["2019"]), "periods[0]"),
        (lambda: Indicator("i1", "Indicator", ["2019"]), "periods[0]"),
    ],
    ids=["unit-indicators", "unit-periods", "indicator-periods"],
)
def test_wrong_member_types_are_type_errors(build, field):
    """A str where an Indicator, UnitPeriod or IndicatorPeriod belongs is a LakipTypeError."""
    with pytest.raises(LakipTypeError) as info:
        build()

    assert field == info.value.field


def test_unit_lookup():
    """Unit.indicator finds an indicator by code and raises KeyError for others; at() a block."""
    second = count_indicator("i2", 7)
    performance = unit(indicators=[count_indicator("i1"), second])

    assert second is performance.indicator("i2")
    assert "2019" == performance.at("2019").period
    assert None is performance.at("2018")
    with pytest.raises(KeyError):
        performance.indicator("i3")


def test_report_refuses_duplicate_units_anywhere_in_the_tree():
    """A report refuses two units with one code, among siblings or at different depths."""
    with pytest.raises(InvalidValueError, match="duplicate unit code 'a'") as info:
        report(unit("a"), unit("b"), unit("a"))
    assert "root" == info.value.field
    with pytest.raises(InvalidValueError, match="duplicate unit code 'a'"):
        report(unit("a"), unit("b", units=[unit("a")]))
    with pytest.raises(InvalidValueError, match="duplicate unit code 'kanwil'"):
        report(unit("kanwil"))


def test_report_refuses_a_period_it_does_not_cover():
    """A unit's block or indicator entry for a period the report lacks is refused, naming it."""
    late = Unit("b", "Unit", [count_indicator(period="2018")])
    with pytest.raises(
        InvalidValueError, match=r"period '2018' is not one of the report's periods \(2019\)"
    ) as info:
        report(unit("a"), late)
    assert "units[b].indicators[i1]" == info.value.field

    stray = Unit("b", "Unit", periods=[UnitPeriod("2018")])
    with pytest.raises(InvalidValueError, match="period '2018' is not one of") as info:
        report(unit("a"), stray)
    assert "units[b]" == info.value.field


def test_report_needs_periods_and_a_root_unit():
    """A report needs at least one period and a Unit as its root."""
    with pytest.raises(InvalidValueError, match="a report needs at least one period") as info:
        Report([], Unit("kanwil", "Kanwil"))
    assert "periods" == info.value.field
    with pytest.raises(LakipTypeError, match="expected the root Unit, got str") as info:
        Report([ReportPeriod("2019")], "kanwil")
    assert "root" == info.value.field
    with pytest.raises(LakipTypeError, match="expected a ReportPeriod, got str") as info:
        Report(["2019"], Unit("kanwil", "Kanwil"))
    assert "periods[0]" == info.value.field


@pytest.mark.parametrize(
    ("keys", "match"),
    [
        (("2019", "2018"), r"in order of their last day: 2018 ends before 2019"),
        (("2019-tw2", "2019-tw1"), r"2019-tw1 ends before 2019-tw2"),
        (("2019", "2019"), r"period '2019' is listed twice"),
    ],
    ids=["years-reversed", "quarters-reversed", "twice"],
)
def test_report_periods_in_order(keys, match):
    """A report refuses periods out of order by their last day, or a period listed twice."""
    with pytest.raises(InvalidValueError, match=match) as info:
        report(periods=keys)

    assert "periods" == info.value.field


def test_report_main_must_be_one_of_its_periods():
    """The main period defaults to the last; a main key the report lacks is refused."""
    assert "2019" == report(unit(), periods=("2018", "2019")).main_period.key
    assert (
        "2018" == report(unit("u", "2019"), periods=("2018", "2019"), main="2018").main_period.key
    )
    with pytest.raises(InvalidValueError, match="the main period '2020' is not one") as info:
        report(periods=("2019",), main="2020")
    assert "main" == info.value.field


def test_report_lookups():
    """A report finds units anywhere in the tree, their parents, periods and tables by key."""
    upt = unit("upt")
    divisi = unit("divisi", units=[upt])
    other = unit("other")
    built = report(divisi, other, tables=KANWIL_TABLES)

    assert upt is built.unit("upt")
    assert divisi is built.parent("upt")
    assert built.root is built.parent("divisi")
    assert None is built.parent("kanwil")
    assert ["kanwil", "divisi", "upt", "other"] == [u.code for u in built.units()]
    assert "Kanwil" == built.office
    assert "2019" == built.period("2019").key
    assert TableKind.PROSE is built.table("prose").kind
    for lookup, key in ((built.unit, "none"), (built.period, "2018"), (built.table, "x")):
        with pytest.raises(KeyError):
            lookup(key)


def test_report_planned_period_gate():
    """A targeted entry without realisation is refused unless its report period is planned."""
    bare = Indicator("i1", "Indicator", [IndicatorPeriod("2024", Target(COUNT, D(10)))])
    root = Unit("upt", "UPT", [bare])

    with pytest.raises(
        InvalidValueError, match=r"a targeted indicator needs its realisation in 2024"
    ) as info:
        Report([ReportPeriod("2024")], root)
    assert "units[upt].indicators[i1]" == info.value.field

    planned = Report([ReportPeriod("2024", planned=True)], root)
    assert planned.period("2024").planned


def test_report_refuses_undeclared_tables():
    """Every printed figure's place must be a table the report declares."""
    figure = PrintedFigure(Quantity.ACHIEVEMENT, "prose", "100%")
    office = Unit("kanwil", "Kanwil", [count_indicator()], [UnitPeriod("2019", printed=[figure])])

    with pytest.raises(InvalidValueError, match=r"table 'prose' is not declared .*none declared"):
        Report([ReportPeriod("2019")], office)
    assert "prose" == Report([ReportPeriod("2019")], office, KANWIL_TABLES).table("prose").id
    tables = (ReportTable("prose", TableKind.PROSE),)
    assert tables == Report([ReportPeriod("2019")], office, tables).tables


def test_report_refuses_duplicate_table_ids():
    """A report refuses two tables with one id, naming the second."""
    tables = (ReportTable("prose", TableKind.PROSE), ReportTable("prose", TableKind.EVIDENCE))
    with pytest.raises(InvalidValueError, match="duplicate table id 'prose'") as info:
        report(tables=tables)

    assert "tables[1]" == info.value.field


# key, kind, label, year, start, end
PERIOD_CASES = (
    ("2019", PeriodKind.ANNUAL, "Tahun Anggaran 2019", 2019, "2019-01-01", "2019-12-31"),
    ("2021-s1", PeriodKind.SEMESTER, "Semester I 2021", 2021, "2021-01-01", "2021-06-30"),
    ("2021-tw3", PeriodKind.TRIWULAN, "Triwulan III 2021", 2021, "2021-07-01", "2021-09-30"),
    (
        "2021-sd-tw2",
        PeriodKind.CUMULATIVE,
        "s.d. Triwulan II 2021",
        2021,
        "2021-01-01",
        "2021-06-30",
    ),
)


@pytest.mark.parametrize("case", PERIOD_CASES, ids=[c[0] for c in PERIOD_CASES])
def test_report_period_kinds(case):
    """A period's key fixes its kind, its standard label, its fiscal year and the days it spans."""
    key, kind, label, year, start, end = case
    period = ReportPeriod(key)

    assert (kind, label, year) == (period.kind, period.label, period.year)
    assert (start, end) == (period.span.start.isoformat(), period.span.end.isoformat())
    assert "Tahun 2019" == ReportPeriod("2019", title="Tahun 2019").label


@pytest.mark.parametrize("key", ["2019-tw5", "19", "2019-S1", "2019-sd", "0999", "２０１９"])
def test_report_period_bad_key(key):
    """A key that is not YYYY, YYYY-s1, YYYY-tw2 or YYYY-sd-tw2 is refused, naming the key."""
    with pytest.raises(InvalidValueError, match="is not one of YYYY") as info:
        ReportPeriod(key)

    assert "key" == info.value.field


def test_report_period_method_must_be_a_str():
    """A period refuses a method that is not a name (str)."""
    with pytest.raises(LakipTypeError, match="expected a method name") as info:
        ReportPeriod("2019", method=1)
    assert "method" == info.value.field


def test_report_period_planned_must_be_a_bool():
    """A period refuses a planned flag that is not a bool with LakipTypeError."""
    with pytest.raises(LakipTypeError, match="planned must be True or False") as info:
        ReportPeriod("2019", planned="yes")

    assert "planned" == info.value.field


def test_report_period_key_must_be_a_str():
    """A period key given as an int is refused with LakipTypeError naming the key."""
    with pytest.raises(LakipTypeError) as info:
        ReportPeriod(2019)

    assert "key" == info.value.field


def test_objects_are_frozen():
    """Every value object refuses attribute assignment."""
    performance = unit()
    built = report(performance)
    objects = [
        (Target(COUNT, D(1)), "value"),
        (Realisation(COUNT, D(1)), "value"),
        (count_indicator(), "code"),
        (count_entry(), "target"),
        (BudgetOutput("o", 1, 1), "pagu"),
        (budget(), "outputs"),
        (ReportedAbsorption(D(1)), "rate"),
        (performance, "indicators"),
        (performance.at("2019"), "budget"),
        (ReportPeriod("2019"), "key"),
        (built, "root"),
        (KANWIL_TABLES[0], "id"),
        (Origin("f", "p", 1), "line"),
        (PrintedFigure(Quantity.CAPAIAN, "prose", "1%"), "text"),
    ]

    for obj, name in objects:
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            setattr(obj, name, None)


def test_sequences_become_tuples():
    """Lists given for outputs, indicators, periods, blocks, units and tables become tuples."""
    performance = unit(indicators=[count_indicator()])
    built = Report(
        [ReportPeriod("2019")], Unit("kanwil", "Kanwil", units=[performance]), list(KANWIL_TABLES)
    )

    assert {tuple} == {
        type(performance.indicators),
        type(performance.periods),
        type(performance.indicators[0].periods),
        type(built.root.units),
        type(built.periods),
        type(built.tables),
        type(performance.budget("2019").outputs),
    }


# enum, name, member
NAME_CASES = (
    (Polarity, "higher", Polarity.HIGHER_IS_BETTER),
    (Polarity, "lower", Polarity.LOWER_IS_BETTER),
    (Formula, "ratio", Formula.RATIO),
    (Formula, "kondisi-khusus", Formula.KONDISI_KHUSUS),
    (Formula, "inverse-ratio", Formula.INVERSE_RATIO),
    (Quantity, "capaian-yoy", Quantity.CAPAIAN_YOY),
    (TableKind, "changes", TableKind.CHANGES),
    (PeriodKind, "cumulative", PeriodKind.CUMULATIVE),
    (Accumulation, "latest", Accumulation.LATEST),
)


def test_name_cases_unique():
    """NAME_CASES holds no duplicate (enum, name)."""
    assert len({c[:2] for c in NAME_CASES}) == len(NAME_CASES)


@pytest.mark.parametrize(
    ("enum", "name", "member"), NAME_CASES, ids=[f"{c[0].__name__}-{c[1]}" for c in NAME_CASES]
)
def test_from_name(enum, name, member):
    """Each named enum finds its members by file name."""
    assert member is enum.from_name(name)


@pytest.mark.parametrize(
    ("enum", "match"),
    [
        (Polarity, r"unknown polarity 'Higher'; expected one of 'higher', 'lower'"),
        (Formula, r"unknown formula 'Higher'; expected one of 'ratio', "),
        (Quantity, r"unknown quantity 'Higher'; expected one of 'target', "),
        (TableKind, r"unknown table kind 'Higher'; expected one of 'indicators', "),
        (Accumulation, r"unknown accumulation 'Higher'; expected one of 'sum', 'latest', 'mean'"),
    ],
    ids=["polarity", "formula", "quantity", "table-kind", "accumulation"],
)
def test_from_unknown_name(enum, match):
    """Each named enum refuses an unknown name with UnknownNameError, listing the known ones."""
    with pytest.raises(UnknownNameError, match=match):
        enum.from_name("Higher")


def test_formula_polarity():
    """RATIO is for higher-is-better indicators; the other formulas for lower-is-better ones."""
    assert [Polarity.HIGHER_IS_BETTER, Polarity.LOWER_IS_BETTER, Polarity.LOWER_IS_BETTER] == [
        f.polarity for f in (Formula.RATIO, Formula.KONDISI_KHUSUS, Formula.INVERSE_RATIO)
    ]


def test_kanwil_tables():
    """KANWIL_TABLES declares the ten table ids of the Banten report, each once."""
    ids = [table.id for table in KANWIL_TABLES]

    assert [
        "summary-indicators",
        "summary-budget",
        "summary-dashboard",
        "summary-yoy",
        "unit-indicators",
        "unit-budget",
        "unit-dashboard",
        "unit-yoy",
        "prose",
        "evidence",
    ] == ids


def test_printed_figure():
    """A printed figure parses its verbatim text on demand; its origin does not affect equality."""
    good = PrintedFigure(Quantity.CAPAIAN, "unit-indicators", "132,11%", origin=Origin(path="a"))
    typo = PrintedFigure(
        Quantity.CAPAIAN, "prose", "104.30%", origin=Origin("f.toml", "units[3].printed", 7)
    )

    assert D("132.11") == good.figure().value
    other = PrintedFigure(Quantity.CAPAIAN, "unit-indicators", "132,11%", origin=Origin(path="b"))
    assert other == good
    with pytest.raises(FigureFormatError, match="'104,30'") as info:
        typo.figure()
    assert "units[3].printed" == info.value.field


def test_printed_figure_place_is_a_table_id():
    """A printed figure's place is a str (a table id); anything else is a type error."""
    with pytest.raises(LakipTypeError, match="expected a table id") as info:
        PrintedFigure(Quantity.CAPAIAN, 1, "1%")
    assert "place" == info.value.field
    with pytest.raises(LakipTypeError, match="expected the printed text as a str") as info:
        PrintedFigure(Quantity.CAPAIAN, "prose", 1)
    assert "text" == info.value.field


def test_origin_child_paths():
    """Origin.child joins keys with dots and indices without; str names source, line and path."""
    origin = Origin("f.toml", "units[2]", 9)

    assert "units[2].indicators" == origin.child("indicators").path
    assert "units[2][3]" == origin.child("[3]").path
    assert "target" == Origin().child("target").path
    assert "f.toml:9:units[2]" == str(origin)
    assert "<report>" == str(Origin())


@pytest.mark.parametrize("line", [None, 1, 9, 10, 265, 266, 10_000])
def test_an_origin_within_another_is_the_origin_of_its_path(line: int | None) -> None:
    """Origin.within keeps the parent, the key and the line as an offset; it compares, hashes,
    prints and pickles as the plain origin of the joined path and line."""
    import pickle

    from attrs.exceptions import FrozenInstanceError

    unit = Origin("f.toml", "units[2]", 9)
    inner = unit.within("indicators[0]", line).within("periods.2019", line).within("[1]", line)
    plain = Origin("f.toml", "units[2].indicators[0].periods.2019[1]", line)
    assert plain == inner
    assert hash(plain) == hash(inner)
    assert (plain.source, plain.path, plain.line) == (inner.source, inner.path, inner.line)
    assert str(plain) == str(inner)
    assert repr(plain) == repr(inner)
    assert plain == pickle.loads(pickle.dumps(inner))
    assert Origin(path="a.b", line=line) == Origin().within("a", None).within("b", line)
    with pytest.raises(FrozenInstanceError):
        inner.line = 3  # type: ignore[misc]
