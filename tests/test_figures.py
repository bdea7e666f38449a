"""Tests for the Indonesian figure parser and formatter (lakipcore.figures)."""

from __future__ import annotations

from decimal import Decimal

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from lakipcore import (
    LakipError,
    LakipTypeError,
    Rounding,
    format_number,
    format_percent,
    format_rupiah,
    parse_figure,
    parse_number,
)
from lakipcore.errors import FigureFormatError
from lakipcore.figures import (
    NOT_TARGETED,
    Figure,
    NotTargeted,
    exact_decimal,
    format_figure,
    parse_cell,
)
from strategies import decimals, figures, hostile_context, notes, unit_labels

# text, value (compared with its exponent), percent, unit, note, currency
PARSE_CASES = (
    ("20.142.047.000", "20142047000", False, None, None, None),
    ("98,75%", "98.75", True, None, None, None),
    ("7,1", "7.1", False, None, None, None),
    ("136.133", "136133", False, None, None, None),
    ("12 Laporan", "12", False, "Laporan", None, None),
    ("100% (total 169 permohonan)", "100", True, None, "total 169 permohonan", None),
    ("Rp 19.889.350.777", "19889350777", False, None, None, "Rp"),
    ("1 (kanwil)", "1", False, None, "kanwil", None),
    ("-21,62%", "-21.62", True, None, None, None),
    ("−21,62%", "-21.62", True, None, None, None),  # U+2212 MINUS SIGN, as typeset
    ("87,50", "87.50", False, None, None, None),
    ("87,5", "87.5", False, None, None, None),
    ("100,00%", "100.00", True, None, None, None),
    ("0%", "0", True, None, None, None),
    ("1.000,50", "1000.50", False, None, None, None),
    ("1000", "1000", False, None, None, None),
    ("12 Laporan Kegiatan", "12", False, "Laporan Kegiatan", None, None),
    ("80% Pemda", "80", True, "Pemda", None, None),
    ("98,75 %", "98.75", True, None, None, None),
    ("7,1\u00a0%", "7.1", True, None, None, None),
    ("  7,1  ", "7.1", False, None, None, None),
    ("Rp. 145.296.000", "145296000", False, None, None, "Rp"),
    ("Rp145.296.000", "145296000", False, None, None, "Rp"),
)

# text, regex the FigureFormatError message must match
REFUSE_CASES = (
    ("7.1", r"'7\.1' is not a figure.*write '7,1' if a decimal was meant, or '71'"),
    ("104.30%", r"'104\.30%' is not a figure.*write '104,30' .* or '10430'"),
    ("", r"'' is not a figure in the Indonesian report style"),
    ("abc", r"'abc' is not a figure"),
    ("7,1,2", r"'7,1,2' is not a figure"),
    ("1.23.456", r"'1\.23\.456' is not a figure"),
    ("1000.000", r"'1000\.000' is not a figure"),
    (",5", r"',5' is not a figure"),
    ("5,", r"'5,' is not a figure"),
    ("98,75%%", r"is not a figure"),
    ("Tidak ditargetkan", r"\(not targeted\) is not a number"),
    ("tidak  DITARGETKAN", r"\(not targeted\) is not a number"),
    ("12 (a) (b)", r"is not a figure"),
    ("Laporan 12", r"is not a figure"),
)

# value, places, rounding, expected text
FORMAT_CASES = (
    ("20142047000", None, Rounding.HALF_UP, "20.142.047.000"),
    ("19889350777", None, Rounding.HALF_UP, "19.889.350.777"),
    ("136133", None, Rounding.HALF_UP, "136.133"),
    ("999", None, Rounding.HALF_UP, "999"),
    ("1000", None, Rounding.HALF_UP, "1.000"),
    ("1E+3", None, Rounding.HALF_UP, "1.000"),
    ("132.11", None, Rounding.HALF_UP, "132,11"),
    ("87.50", None, Rounding.HALF_UP, "87,50"),
    ("87.5", None, Rounding.HALF_UP, "87,5"),
    ("-21.62", None, Rounding.HALF_UP, "-21,62"),
    ("-1234567.891", None, Rounding.HALF_UP, "-1.234.567,891"),
    ("0.001", None, Rounding.HALF_UP, "0,001"),
    ("-0.00", None, Rounding.HALF_UP, "0,00"),
    ("2.345", 2, Rounding.HALF_UP, "2,35"),
    ("2.345", 2, Rounding.HALF_EVEN, "2,34"),
    ("2.345", 2, Rounding.TRUNCATE, "2,34"),
    ("2.355", 2, Rounding.HALF_EVEN, "2,36"),
    ("-2.345", 2, Rounding.HALF_UP, "-2,35"),
    ("-2.349", 2, Rounding.TRUNCATE, "-2,34"),
    ("-0.001", 2, Rounding.HALF_UP, "0,00"),
    ("275.502", 0, Rounding.TRUNCATE, "275"),
    ("275.502", 0, Rounding.HALF_UP, "276"),
    ("999.995", 2, Rounding.HALF_UP, "1.000,00"),
    ("7.1", 3, Rounding.HALF_UP, "7,100"),
    ("1234567", 0, Rounding.HALF_UP, "1.234.567"),
)

# value, places, expected text
PERCENT_CASES = (
    ("98.745", 2, "98,75%"),
    ("116.13499", 2, "116,13%"),
    ("132.1126760563380281690140845", 2, "132,11%"),
    ("100", 2, "100,00%"),
    ("-21.615", 2, "-21,62%"),
    ("133.5", 0, "134%"),
    ("87.50", None, "87,50%"),
)


def test_parse_cases_unique():
    """PARSE_CASES holds no duplicate texts."""
    assert len({c[0] for c in PARSE_CASES}) == len(PARSE_CASES)


@pytest.mark.parametrize("case", PARSE_CASES, ids=[c[0] for c in PARSE_CASES])
def test_parse_figure(case):
    """parse_figure reads each printed form, keeping the printed precision in the exponent."""
    text, value, percent, unit, note, currency = case
    figure = parse_figure(text)

    assert Decimal(value).as_tuple() == figure.value.as_tuple()
    assert (percent, unit, note, currency, text) == (
        figure.percent,
        figure.unit,
        figure.note,
        figure.currency,
        figure.text,
    )


def test_exponent_is_kept():
    """'87,50' parses to Decimal('87.50') with exponent -2, unlike '87,5'."""
    two = parse_figure("87,50")
    one = parse_figure("87,5")

    assert -2 == two.value.as_tuple().exponent
    assert -1 == one.value.as_tuple().exponent
    assert "87.50" == str(two.value)
    assert (2, 1) == (two.places, one.places)
    assert two.value == one.value  # equal values, different printed precision


def test_refuse_cases_unique():
    """REFUSE_CASES holds no duplicate texts."""
    assert len({c[0] for c in REFUSE_CASES}) == len(REFUSE_CASES)


@pytest.mark.parametrize(("text", "match"), REFUSE_CASES, ids=[repr(c[0]) for c in REFUSE_CASES])
def test_parse_figure_refuses(text, match):
    """parse_figure refuses text that is not exactly one Indonesian-style figure."""
    with pytest.raises(FigureFormatError, match=match) as info:
        parse_figure(text)

    assert info.value.field is None
    assert info.value.source is None


def test_point_hint_only_for_point_decimals():
    """Only text that looks like an English decimal point gets the ',' / '.' hint."""
    with pytest.raises(FigureFormatError) as info:
        parse_figure("abc")

    assert "decimal point" not in str(info.value)


def test_refusal_names_field():
    """A refusal names the field it was given, in front of the message."""
    with pytest.raises(FigureFormatError) as info:
        parse_figure("7.1", field="units[0].target")

    assert "units[0].target" == info.value.field
    assert str(info.value).startswith("units[0].target: '7.1' is not a figure")


def test_parse_cell_not_targeted():
    """parse_cell gives the NOT_TARGETED singleton for 'Tidak ditargetkan', in any case/spacing."""
    assert NOT_TARGETED is parse_cell("Tidak ditargetkan")
    assert NOT_TARGETED is parse_cell(" tidak\u00a0DITARGETKAN ")
    assert "Tidak ditargetkan" == str(NOT_TARGETED)
    assert "NOT_TARGETED" == repr(NOT_TARGETED)
    assert isinstance(NOT_TARGETED, NotTargeted)


def test_parse_cell_figure():
    """parse_cell parses any other text as a figure, and refuses what parse_figure refuses."""
    assert parse_figure("98,75%") == parse_cell("98,75%")
    with pytest.raises(FigureFormatError, match=r"'7,1' if a decimal") as info:
        parse_cell("7.1", field="x")

    assert "x" == info.value.field


def test_parse_figure_refuses_not_targeted_naming_field():
    """parse_figure refuses 'Tidak ditargetkan' and names the field."""
    with pytest.raises(
        FigureFormatError, match="allowed only where a target may be absent"
    ) as info:
        parse_figure("Tidak ditargetkan", field="scale")

    assert "scale" == info.value.field


def test_parse_number():
    """parse_number reads bare numbers and keeps their exponent."""
    assert Decimal("136133") == parse_number("136.133")
    assert (0, (7, 1), -1) == parse_number("7,1").as_tuple()


@pytest.mark.parametrize(
    "text", ["98,75%", "12 Laporan", "1 (kanwil)", "Rp 1.000"], ids=["pct", "unit", "note", "rp"]
)
def test_parse_number_refuses_decorated(text):
    """parse_number refuses a figure with '%', a unit, a note or a currency."""
    with pytest.raises(FigureFormatError, match="should be a bare number") as info:
        parse_number(text, field="scale")

    assert "scale" == info.value.field


# function, value, regex
TYPE_CASES = (
    (
        "parse_figure-float",
        parse_figure,
        1.5,
        r"float 1\.5.*pass the printed text, e\.g\. '98,75%'",
    ),
    ("parse_cell-float", parse_cell, 0.1, r"float 0\.1"),
    ("parse_number-float", parse_number, 7.1, r"float 7\.1"),
    ("parse_figure-int", parse_figure, 5, r"as printed text \(str\), got int"),
    ("parse_figure-bool", parse_figure, True, r"as printed text \(str\), got bool"),
    ("parse_figure-decimal", parse_figure, Decimal(1), r"got Decimal"),
    ("parse_figure-none", parse_figure, None, r"got NoneType"),
    ("exact_decimal-float", exact_decimal, 1.5, r"float 1\.5.*Decimal\(1\.5\) is 1\.5"),
    ("exact_decimal-float-0.1", exact_decimal, 0.1, r"Decimal\(0\.1\) is 0\.1000000000000000055"),
    ("exact_decimal-str", exact_decimal, "1.5", r"got the str '1\.5'"),
    ("exact_decimal-str-comma", exact_decimal, "7,1", r"got the str '7,1'"),
    ("exact_decimal-bool", exact_decimal, True, r"bool True"),
    ("exact_decimal-bool-false", exact_decimal, False, r"bool False"),
    ("exact_decimal-none", exact_decimal, None, r"got NoneType"),
    ("exact_decimal-list", exact_decimal, [1], r"got list"),
)


def test_type_cases_unique():
    """TYPE_CASES holds no duplicate ids."""
    assert len({c[0] for c in TYPE_CASES}) == len(TYPE_CASES)


@pytest.mark.parametrize(
    ("name", "function", "value", "match"), TYPE_CASES, ids=[c[0] for c in TYPE_CASES]
)
def test_wrong_types_refused(name, function, value, match):
    """Floats, bools and other wrong types (str, for exact_decimal) raise LakipTypeError."""
    with pytest.raises(LakipTypeError, match=match) as info:
        function(value)

    assert isinstance(info.value, TypeError)
    assert isinstance(info.value, LakipError)


@pytest.mark.parametrize("value", ["NaN", "sNaN", "Infinity", "-Infinity"])
def test_exact_decimal_refuses_non_finite(value):
    """exact_decimal refuses NaN and infinite Decimals, naming the field."""
    with pytest.raises(FigureFormatError, match="is not a finite number") as info:
        exact_decimal(Decimal(value), field="value")

    assert "value" == info.value.field


def test_exact_decimal_field_on_type_error():
    """exact_decimal's LakipTypeError names the field it was given."""
    with pytest.raises(LakipTypeError) as info:
        exact_decimal(1.5, field="pagu")

    assert "pagu" == info.value.field


def test_exact_decimal_accepts():
    """exact_decimal returns Decimals unchanged (exponent included) and converts ints."""
    value = Decimal("87.50")

    assert value is exact_decimal(value)
    assert (0, (5,), 0) == exact_decimal(5).as_tuple()
    assert Decimal(-3) == exact_decimal(-3)


def test_format_cases_unique():
    """FORMAT_CASES holds no duplicate (value, places, rounding)."""
    assert len({c[:3] for c in FORMAT_CASES}) == len(FORMAT_CASES)


@pytest.mark.parametrize(
    ("value", "places", "rounding", "expected"),
    FORMAT_CASES,
    ids=[f"{c[0]}-{c[1]}-{c[2].value}" for c in FORMAT_CASES],
)
def test_format_number(value, places, rounding, expected):
    """format_number groups with '.', writes decimals after ',' and rounds by the named mode."""
    assert expected == format_number(Decimal(value), places, rounding)


def test_format_number_default_mode_is_half_up():
    """Without a rounding argument format_number rounds half-up."""
    assert "2,35" == format_number(Decimal("2.345"), 2)


def test_percent_cases_unique():
    """PERCENT_CASES holds no duplicate (value, places)."""
    assert len({c[:2] for c in PERCENT_CASES}) == len(PERCENT_CASES)


@pytest.mark.parametrize(
    ("value", "places", "expected"), PERCENT_CASES, ids=[f"{c[0]}-{c[1]}" for c in PERCENT_CASES]
)
def test_format_percent(value, places, expected):
    """format_percent writes a percentage, by default half-up to 2 places."""
    assert expected == format_percent(Decimal(value), places)


def test_format_percent_defaults_and_mode():
    """format_percent defaults to 2 places half-up; another mode can be named."""
    assert "2,35%" == format_percent(Decimal("2.345"))
    assert "2,34%" == format_percent(Decimal("2.345"), rounding=Rounding.TRUNCATE)


def test_format_rupiah():
    """format_rupiah writes 'Rp' and the grouped amount, or only the amount with prefix=False."""
    assert "Rp 19.889.350.777" == format_rupiah(Decimal("19889350777"))
    assert "20.142.047.000" == format_rupiah(Decimal("20142047000"), prefix=False)
    assert "Rp 0" == format_rupiah(Decimal(0))


def test_formatters_refuse_float():
    """The formatters refuse floats like every other entry point."""
    with pytest.raises(LakipTypeError, match="float"):
        format_number(2.345)  # type: ignore[arg-type]
    with pytest.raises(LakipTypeError, match="float"):
        format_percent(98.75)  # type: ignore[arg-type]
    with pytest.raises(FigureFormatError, match="not a finite number"):
        format_rupiah(Decimal("NaN"))


def test_format_figure():
    """format_figure writes currency, '%', unit and note in canonical report style."""
    cases = {
        "Rp 19.889.350.777": Figure(Decimal("19889350777"), currency="Rp"),
        "100% (total 169 permohonan)": Figure(
            Decimal(100), percent=True, note="total 169 permohonan"
        ),
        "12 Laporan": Figure(Decimal(12), unit="Laporan"),
        "87,50%": Figure(Decimal("87.50"), percent=True),
        "-21,62%": Figure(Decimal("-21.62"), percent=True),
        "5% Laporan (x)": Figure(Decimal(5), percent=True, unit="Laporan", note="x"),
    }

    assert list(cases) == [format_figure(f) for f in cases.values()]


def test_format_figure_canonicalises():
    """format_figure normalises what the parser tolerates ('Rp.', '98,75 %', U+2212)."""
    assert "Rp 1.000" == format_figure(parse_figure("Rp. 1.000"))
    assert "98,75%" == format_figure(parse_figure("98,75 %"))
    assert "-21,62%" == format_figure(parse_figure("−21,62%"))


def test_figure_is_frozen():
    """A Figure cannot be changed after it is made."""
    figure = parse_figure("98,75%")

    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        figure.value = Decimal(1)  # type: ignore[misc]


def test_parse_and_format_ignore_callers_context():
    """Parsing and formatting give the same results inside a hostile decimal context."""
    texts = ["20.142.047.000", "98,75%", "87,50", "-21,62%"]
    expected = [format_figure(parse_figure(t)) for t in texts]
    rounded = format_number(Decimal("2.345"), 2)

    with hostile_context():
        actual = [format_figure(parse_figure(t)) for t in texts]
        actual_rounded = format_number(Decimal("2.345"), 2)

    assert expected == actual
    assert rounded == actual_rounded


@given(decimals())
def test_number_round_trip(value):
    """parse_number(format_number(x)) is x, with the same exponent, for report-sized x."""
    parsed = parse_number(format_number(value))

    assert value == parsed
    assert value.as_tuple().exponent == parsed.as_tuple().exponent


@given(decimals(), st.integers(0, 4), st.sampled_from(Rounding))
def test_formatted_places(value, places, rounding):
    """format_number(x, places) prints exactly ``places`` decimals, read back at that precision."""
    parsed = parse_number(format_number(value, places, rounding))

    assert -places == parsed.as_tuple().exponent
    assert abs(parsed - value) < Decimal(1).scaleb(-places)


@given(figures())
def test_figure_round_trip(figure):
    """parse_figure(format_figure(f)) gives f back: value, exponent, %, unit, note, currency."""
    text = format_figure(figure)
    parsed = parse_figure(text)

    assert attrs.evolve(figure, text=text) == parsed
    assert figure.value.as_tuple().exponent == parsed.value.as_tuple().exponent


@given(
    decimals(max_places=2, max_integer_digits=3),
    st.none() | unit_labels(),
    st.none() | notes(),
)
def test_percent_round_trip(value, unit, note):
    """A percentage with a unit label and a note survives format_figure → parse_figure."""
    figure = Figure(value, percent=True, unit=unit, note=note)
    parsed = parse_figure(format_figure(figure))

    assert (value, True, unit, note) == (parsed.value, parsed.percent, parsed.unit, parsed.note)
    assert str(value) == str(parsed.value)
