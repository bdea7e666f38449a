"""Tests for the validation of the domain model's value objects (lakipcore.model)."""

from __future__ import annotations

from decimal import Decimal

import attrs
import pytest

from lakipcore import (
    NOT_TARGETED,
    BudgetLine,
    BudgetOutput,
    FigureFormatError,
    Formula,
    Indicator,
    InvalidValueError,
    LakipTypeError,
    MeasureKind,
    OfficeYear,
    Place,
    Polarity,
    PrintedFigure,
    Quantity,
    Realisation,
    Report,
    ReportedAbsorption,
    Target,
    UnitPerformance,
    UnknownNameError,
)
from strategies import hostile_context

COUNT, PERCENT, INDEX = MeasureKind.COUNT, MeasureKind.PERCENT, MeasureKind.INDEX
D = Decimal


def count_indicator(code="i1", value=5, **kwargs):
    """A valid count indicator with target and realisation ``value``."""
    return Indicator(code, "Indicator", Target(COUNT, value), Realisation(COUNT, value), **kwargs)


def budget(*amounts):
    """A budget line with one output per (pagu, realisation) pair."""
    outputs = [BudgetOutput(f"o{i}", pagu, real) for i, (pagu, real) in enumerate(amounts)]
    return BudgetLine("Programme", outputs or [BudgetOutput("o", 10, 9)])


def unit(code="u1", year=2019, indicators=None):
    """A valid unit with one count indicator and a one-output budget."""
    return UnitPerformance(code, "Unit", year, indicators or [count_indicator()], budget())


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
    (
        "percent-negative",
        PERCENT,
        D("-0.01"),
        None,
        InvalidValueError,
        "value",
        r"must not be negative",
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
        r"only an index \w+ has a scale; this one is a count",
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


# id, constructor keyword arguments (besides code and name), error field, regex
INVALID_INDICATOR_CASES = (
    (
        "targeted-without-realisation",
        {"target": Target(COUNT, D(1))},
        "realisation",
        r"a targeted indicator needs a realisation",
    ),
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
        "kondisi-khusus-on-higher",
        {
            "target": Target(COUNT, D(1)),
            "realisation": Realisation(COUNT, D(1)),
            "formula": Formula.KONDISI_KHUSUS,
        },
        "formula",
        r"formula 'kondisi-khusus' is for lower-is-better indicators, but this one is higher",
    ),
    (
        "ratio-on-lower",
        {
            "target": Target(PERCENT, D(10)),
            "realisation": Realisation(PERCENT, D(8)),
            "polarity": Polarity.LOWER_IS_BETTER,
            "formula": Formula.RATIO,
        },
        "formula",
        r"formula 'ratio' is for higher-is-better indicators, but this one is lower",
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
    """An indicator refuses a missing or mismatched realisation and a formula of wrong polarity."""
    with pytest.raises(InvalidValueError, match=match) as info:
        Indicator("i1", "Indicator", **kwargs)

    assert field == info.value.field


@pytest.mark.parametrize("code", ["", "   ", "\t"], ids=["empty", "spaces", "tab"])
def test_indicator_needs_code(code):
    """An indicator refuses an empty or blank code."""
    with pytest.raises(InvalidValueError, match="needs a non-empty code") as info:
        count_indicator(code)

    assert "code" == info.value.field


def test_valid_indicators():
    """Matching kinds, not-targeted without realisation, and polarity-matched formulas are fine."""
    not_targeted = Indicator("nt", "Not targeted", NOT_TARGETED)
    lower = Indicator(
        "low",
        "Residivis",
        Target(PERCENT, D(10)),
        Realisation(PERCENT, D(8)),
        polarity=Polarity.LOWER_IS_BETTER,
        formula=Formula.INVERSE_RATIO,
    )
    index = Indicator(
        "ikm", "IKM", Target(INDEX, D("7.1"), scale=D(10)), Realisation(INDEX, D("9.38"), scale=10)
    )

    assert (False, None) == (not_targeted.is_targeted, not_targeted.realisation)
    assert (True, Formula.INVERSE_RATIO) == (lower.is_targeted, lower.formula)
    assert D(10) == index.realisation.scale
    assert Polarity.HIGHER_IS_BETTER == count_indicator().polarity


def test_scales_compare_by_value():
    """Target and realisation scales of 10 and 10,0 are the same scale."""
    indicator = Indicator(
        "ikm", "IKM", Target(INDEX, D(7), scale=D(10)), Realisation(INDEX, D(8), scale=D("10.0"))
    )

    assert indicator.realisation.scale == indicator.target.scale


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


def test_unit_needs_indicators():
    """A unit with no indicators is refused."""
    with pytest.raises(InvalidValueError, match="unit 'u1' has no indicators in 2019") as info:
        UnitPerformance("u1", "Unit", 2019, [], budget())

    assert "indicators" == info.value.field


def test_unit_refuses_duplicate_indicator_codes():
    """A unit refuses two indicators with one code, naming the second."""
    with pytest.raises(InvalidValueError, match="duplicate indicator code 'i1'") as info:
        unit(indicators=[count_indicator("i1"), count_indicator("i2"), count_indicator("i1")])

    assert "indicators[2]" == info.value.field


def test_unit_lookup():
    """UnitPerformance.indicator finds an indicator by code and raises KeyError for others."""
    second = count_indicator("i2", 7)
    performance = unit(indicators=[count_indicator("i1"), second])

    assert second is performance.indicator("i2")
    with pytest.raises(KeyError):
        performance.indicator("i3")


def test_office_year_refuses_duplicate_units():
    """An office year refuses two units with one code."""
    with pytest.raises(InvalidValueError, match="duplicate unit code 'a'") as info:
        OfficeYear(2019, [unit("a"), unit("b"), unit("a")])

    assert "units[2]" == info.value.field


def test_office_year_refuses_wrong_year():
    """An office year refuses a unit of another year, naming the unit's year field."""
    with pytest.raises(InvalidValueError, match="unit 'b' is for 2018, not 2019") as info:
        OfficeYear(2019, [unit("a"), unit("b", 2018)])

    assert "units[1].year" == info.value.field


def test_office_year_needs_units():
    """An office year without units is refused."""
    with pytest.raises(InvalidValueError, match="the office has no units in 2019") as info:
        OfficeYear(2019, [])

    assert "units" == info.value.field


def test_office_year_lookup():
    """OfficeYear.unit finds a unit by code and raises KeyError for others."""
    second = unit("b")
    office = OfficeYear(2019, [unit("a"), second])

    assert second is office.unit("b")
    with pytest.raises(KeyError):
        office.unit("c")


@pytest.mark.parametrize("previous", [2019, 2020], ids=["same", "later"])
def test_report_previous_year_must_come_first(previous):
    """A report refuses a previous year that is not before the current one."""
    current = OfficeYear(2019, [unit(year=2019)])
    other = OfficeYear(previous, [unit(year=previous)])

    with pytest.raises(InvalidValueError, match=f"previous year {previous} must come before 2019"):
        Report("Kanwil", current, other)


def test_report_year():
    """A report's year is its current office year's."""
    report = Report("Kanwil", OfficeYear(2019, [unit()]), OfficeYear(2018, [unit(year=2018)]))

    assert (2019, 2018) == (report.year, report.previous.year)


def test_objects_are_frozen():
    """Every value object refuses attribute assignment."""
    target = Target(COUNT, D(1))
    indicator = count_indicator()
    performance = unit()
    office = OfficeYear(2019, [performance])
    objects = [
        (target, "value"),
        (Realisation(COUNT, D(1)), "value"),
        (indicator, "code"),
        (BudgetOutput("o", 1, 1), "pagu"),
        (budget(), "outputs"),
        (ReportedAbsorption(D(1)), "rate"),
        (performance, "indicators"),
        (office, "year"),
        (Report("K", office), "previous"),
        (PrintedFigure(Quantity.CAPAIAN, Place.PROSE, "1%"), "text"),
    ]

    for obj, name in objects:
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            setattr(obj, name, None)


def test_sequences_become_tuples():
    """Lists given for outputs, indicators and units are stored as tuples."""
    performance = unit(indicators=[count_indicator()])
    office = OfficeYear(2019, [performance])

    assert (tuple, tuple, tuple) == (
        type(performance.indicators),
        type(office.units),
        type(performance.budget.outputs),
    )


# enum, name, member
NAME_CASES = (
    (Polarity, "higher", Polarity.HIGHER_IS_BETTER),
    (Polarity, "lower", Polarity.LOWER_IS_BETTER),
    (Formula, "ratio", Formula.RATIO),
    (Formula, "kondisi-khusus", Formula.KONDISI_KHUSUS),
    (Formula, "inverse-ratio", Formula.INVERSE_RATIO),
    (Quantity, "capaian-yoy", Quantity.CAPAIAN_YOY),
    (Place, "unit-yoy", Place.UNIT_YOY),
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
        (Place, r"unknown place 'Higher'; expected one of 'summary-indicators', "),
    ],
    ids=["polarity", "formula", "quantity", "place"],
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


def test_printed_figure():
    """A printed figure parses its verbatim text on demand; its field does not affect equality."""
    good = PrintedFigure(Quantity.CAPAIAN, Place.UNIT_INDICATORS, "132,11%", field="a")
    typo = PrintedFigure(Quantity.CAPAIAN, Place.PROSE, "104.30%", field="units[3].printed")

    assert D("132.11") == good.figure().value
    assert PrintedFigure(Quantity.CAPAIAN, Place.UNIT_INDICATORS, "132,11%", field="b") == good
    with pytest.raises(FigureFormatError, match="'104,30'") as info:
        typo.figure()
    assert "units[3].printed" == info.value.field
