"""Negative targets and realisations, and plain values (issue 19, items 3 and 4).

A growth rate can fall below zero (Laju pertumbuhan ekonomi 2020: target 2 %, realisasi
-1,41 %, capaian printed -70,50 %: LPPD Kabupaten Wonogiri 2020, Tabel 3.16); an index in
"poin" or an average count (4,83) has no published scale. docs/methodology.md states the rule
these tests hold the engine to: 1 + (R - T) / |T| for higher-is-better, 1 + (T - R) / |T| for
kondisi khusus (x 100), the report's own formulas for T > 0; the inverse ratio is refused.
"""

from __future__ import annotations

from decimal import Decimal as D  # noqa: N817 - the short name keeps the figures readable
from fractions import Fraction

import pytest
from hypothesis import given

import lakipcore
from extras import require
from lakipcore import (
    Indicator,
    IndicatorPeriod,
    MeasureKind,
    Polarity,
    Realisation,
    Target,
    dump_report,
    loads_report,
)
from lakipcore.errors import InvalidValueError, ReportFileError, UndefinedCapaianError
from lakipcore.methods.formulas import capaian
from lakipcore.model import Formula
from strategies import decimals

HIGHER, LOWER = Polarity.HIGHER_IS_BETTER, Polarity.LOWER_IS_BETTER

# --- the rule, by example (docs/methodology.md, "Negative targets and realisations") ----------

# Each case: name, target, realisation, polarity, formula and the capaian in percent.
CAPAIAN_CASES = [
    # LPPD Kabupaten Wonogiri 2020, Tabel 3.16: LPE target 2 %, realisasi -1,41 %, printed -70,50 %
    ("wonogiri-lpe-2020", "2", "-1.41", HIGHER, None, "-70.5"),
    ("higher-negative-target-met-above", "-5", "2", HIGHER, None, "240"),
    ("higher-negative-target-met-closer", "-5", "-2", HIGHER, None, "160"),
    ("higher-negative-target-exact", "-5", "-5", HIGHER, None, "100"),
    ("higher-negative-target-missed", "-5", "-10", HIGHER, None, "0"),
    ("lower-negative-target-beaten", "-5", "-7", LOWER, None, "140"),
    ("lower-negative-target-missed", "-5", "2", LOWER, None, "-40"),
    ("lower-positive-target-negative-result", "10", "-2", LOWER, None, "220"),
    ("lower-negative-target-forced-kk", "-5", "-6", LOWER, Formula.KONDISI_KHUSUS, "120"),
]


@pytest.mark.parametrize(
    ("target", "realisation", "polarity", "formula", "expected"),
    [case[1:] for case in CAPAIAN_CASES],
    ids=[case[0] for case in CAPAIAN_CASES],
)
def test_capaian_of_negative_values(
    target: str, realisation: str, polarity: Polarity, formula: Formula | None, expected: str
) -> None:
    """Each worked example of the documented rule gives its capaian exactly."""
    value = capaian(D(target), D(realisation), polarity=polarity, formula=formula)
    assert D(expected) == value


@pytest.mark.parametrize(("target", "realisation"), [("-5", "2"), ("5", "-2"), ("-5", "-2")])
def test_inverse_ratio_has_no_reading_below_zero(target: str, realisation: str) -> None:
    """T / R of a negative value is refused with a specific error, not guessed."""
    with pytest.raises(UndefinedCapaianError, match=r"inverse-ratio formula T / R has no reading"):
        capaian(D(target), D(realisation), polarity=LOWER, formula=Formula.INVERSE_RATIO)


nonzero = decimals(max_places=3, max_integer_digits=4).filter(lambda v: v != 0)
anything = decimals(max_places=3, max_integer_digits=4)


@given(target=nonzero, realisation=anything)
def test_negative_rule_is_the_documented_formula(target: D, realisation: D) -> None:
    """For every non-zero target, of either sign: ratio = 100 x (1 + (R - T) / |T|) and kondisi
    khusus = 100 x (1 + (T - R) / |T|), to the engine's working precision (checked against the
    exact fraction)."""
    t, r = Fraction(target), Fraction(realisation)
    expected_higher = 100 * (1 + (r - t) / abs(t))
    expected_lower = 100 * (1 + (t - r) / abs(t))
    for value, expected in (
        (capaian(target, realisation), expected_higher),
        (capaian(target, realisation, polarity=LOWER), expected_lower),
    ):
        assert abs(Fraction(value) - expected) <= abs(expected) * Fraction(1, 10**50) + Fraction(
            1, 10**50
        )


@given(target=nonzero, low=anything, high=anything)
def test_capaian_moves_with_polarity_on_both_sides_of_zero(target: D, low: D, high: D) -> None:
    """A higher realisation never lowers a higher-is-better capaian and never raises a
    lower-is-better one, whatever the signs; meeting the target exactly is 100 %."""
    low, high = min(low, high), max(low, high)
    assert capaian(target, low) <= capaian(target, high)
    assert capaian(target, low, polarity=LOWER) >= capaian(target, high, polarity=LOWER)
    assert D(100) == capaian(target, target) == capaian(target, target, polarity=LOWER)


# --- the model ----------------------------------------------------------------------------------

# Each case: name, kind, value, scale, and None (accepted) or the error's message.
MEASURE_CASES = [
    ("percent-negative", MeasureKind.PERCENT, "-2.1", None, None),
    ("value-negative", MeasureKind.VALUE, "-0.35", None, None),
    ("value-fraction", MeasureKind.VALUE, "4.83", None, None),
    ("value-large", MeasureKind.VALUE, "1234567.891", None, None),
    ("value-on-scale", MeasureKind.VALUE, "3.2", "4", None),
    ("value-above-scale", MeasureKind.VALUE, "4.5", "4", r"4\.5 lies above the top of its scale 4"),
    ("value-below-scale", MeasureKind.VALUE, "-1", "4", r"-1 lies below the bottom of its scale"),
    ("value-zero-scale", MeasureKind.VALUE, "0", "0", r"a scale must be positive, got 0"),
    ("count-negative", MeasureKind.COUNT, "-1", None, r"must not be negative, got -1"),
    ("index-negative", MeasureKind.INDEX, "-1", "10", r"must not be negative, got -1"),
    ("count-fraction-hint", MeasureKind.COUNT, "4.83", None, r"make it a plain value"),
]


@pytest.mark.parametrize(
    ("kind", "value", "scale", "error"),
    [case[1:] for case in MEASURE_CASES],
    ids=[case[0] for case in MEASURE_CASES],
)
def test_which_kinds_may_be_negative(
    kind: MeasureKind, value: str, scale: str | None, error: str | None
) -> None:
    """Percentages and plain values may be negative; a plain value's scale is a range check."""
    scale_value = None if scale is None else D(scale)
    if error is None:
        assert D(value) == Target(kind, D(value), scale=scale_value).value
        return
    with pytest.raises(InvalidValueError, match=error):
        Realisation(kind, D(value), scale=scale_value)


def test_a_plain_value_indicator_is_plain_in_every_period() -> None:
    """Mixing plain values with counts across periods is refused (a round trip would read the
    count back as a plain value)."""
    entries = [
        IndicatorPeriod("2019", Target(MeasureKind.VALUE, D("4.5")), None),
        IndicatorPeriod("2020", Target(MeasureKind.COUNT, D(4)), None),
    ]
    with pytest.raises(InvalidValueError, match="mixes plain values with count") as info:
        Indicator("x", "X", entries)
    assert "periods" == info.value.field


# --- the file -----------------------------------------------------------------------------------

FILE = """\
schema = 2

[report]
source = "LPPD Kabupaten Wonogiri 2020, Tabel 3.16 (excerpt)"

[[periods]]
key = "2020"
method = "pooled-sum"

[office]
code = "wonogiri"
name = "Pemerintah Kabupaten Wonogiri"

[[office.indicators]]
code = "lpe"
name = "Laju pertumbuhan ekonomi"
{lpe_extra}
[office.indicators.periods.2020]
target = "{target}"
realisation = "{realisation}"
"""


def _file(target: str, realisation: str, extra: str = "") -> str:
    return FILE.format(target=target, realisation=realisation, lpe_extra=extra)


# Each case: name, target, realisation, indicator lines, and the capaian or the error.
FILE_CASES = [
    ("percent-negative", "2%", "-1,41%", "", "-70.5"),
    ("percent-unicode-minus", "2%", "\u22121,41%", "", "-70.5"),
    ("plain-value", "4,5", "4,83", 'kind = "value"', None),
    ("plain-negative", "0,5", "-0,25", 'kind = "value"', "-50"),
    ("plain-with-percent", "4,5%", "4,83%", 'kind = "value"', r"'4,5%' is a percentage"),
    ("unknown-kind", "4", "5", 'kind = "count"', r"kind 'count' is not one an indicator declares"),
    ("count-fraction", "4", "4,83", "", r"make it a plain value \(kind value\)"),
    ("count-negative", "4", "-1", "", r"realisation must not be negative, got -1"),
]


@pytest.mark.parametrize(
    ("target", "realisation", "extra", "expected"),
    [case[1:] for case in FILE_CASES],
    ids=[case[0] for case in FILE_CASES],
)
def test_file_forms(target: str, realisation: str, extra: str, expected: str | None) -> None:
    """Negative percentages and plain values load and score; a bad form is refused at its key."""
    text = _file(target, realisation, extra)
    if expected is not None and not expected.lstrip("-").replace(".", "").isdigit():
        with pytest.raises((ReportFileError, InvalidValueError), match=expected):
            loads_report(text)
        return
    report = loads_report(text)
    scored = lakipcore.score_period(report, "2020").root.indicator("lpe")
    if expected is None:
        assert "107.33" == str(lakipcore.round_to(scored.capaian, 2))
        assert MeasureKind.VALUE is report.root.indicators[0].periods[0].target.kind
    else:
        assert D(expected) == scored.capaian


def test_plain_values_and_negatives_survive_a_round_trip() -> None:
    """The writer keeps kind = "value" and the minus sign; the file reads back equal."""
    report = loads_report(_file("-0,5", "-0,25", 'kind = "value"'))
    text = dump_report(report)
    assert 'kind = "value"' in text
    assert 'realisation = "-0,25"' in text
    assert report == loads_report(text)


def test_inverse_ratio_of_a_negative_value_is_a_finding() -> None:
    """An indicator forced to T / R with a negative realisation is not scored, and the audit
    says why at its place in the file; the rest of the report still scores."""
    text = _file("5%", "-2%", 'polarity = "lower"\nformula = "inverse-ratio"')
    assessment = lakipcore.assess(loads_report(text, source="wonogiri.toml"))
    findings = [f for f in assessment.findings if f.code == "not-scorable"]
    assert 1 == len(findings)
    assert "inverse-ratio formula T / R has no reading" in findings[0].message_in("en")
    assert "office.indicators[0].periods.2020" in (findings[0].location.field or "")
    assert "wonogiri.toml" == findings[0].location.source


def test_the_bulk_path_scores_negative_values_as_the_core_does() -> None:
    """The columnar path gives the core's capaian for negative targets and realisations, and
    refuses the inverse ratio of a negative value by row, as the core does."""
    require("pyarrow")
    from lakipcore.bulk import report_to_batches

    for target, realisation, extra, expected in (
        ("2%", "-1,41%", "", "-70.50"),
        ("-5%", "2%", "", "240.00"),
        ("-5%", "-7%", 'polarity = "lower"', "140.00"),
    ):
        report = loads_report(_file(target, realisation, extra))
        rows = report_to_batches(report).score().indicators.to_pylist()
        assert [D(expected)] == [row["capaian"] for row in rows]
        core = lakipcore.score_period(report, "2020").root.indicator("lpe").capaian
        assert D(expected) == lakipcore.round_to(core, 2)
    inverse = loads_report(_file("5%", "-2%", 'polarity = "lower"\nformula = "inverse-ratio"'))
    with pytest.raises(UndefinedCapaianError, match=r"T / R has no reading .*row 0"):
        report_to_batches(inverse).score()


@pytest.mark.parametrize(
    ("target", "realisation", "extra"),
    [("2%", "-1,41%", ""), ("-5%", "2%", 'polarity = "lower"'), ("0,5", "-0,25", 'kind = "value"')],
    ids=["negative-percent", "negative-target", "plain-value"],
)
def test_excel_round_trip_keeps_signs_and_plain_values(
    tmp_path, target: str, realisation: str, extra: str
) -> None:
    """A workbook written from a report with negative figures and plain values reads back equal
    (the Indikator sheet's Jenis nilai column carries kind = "value")."""
    require("openpyxl")
    from lakipcore.excel import read_workbook, write_workbook

    report = loads_report(_file(target, realisation, extra))
    written = write_workbook(lakipcore.assess(report), tmp_path / "negative.xlsx")
    assert report == read_workbook(written)
