"""Targets that belong to the plan or span a range (issue 19, item 2): baseline (kondisi awal),
end-of-plan target (target akhir Renstra / RPJMD) with its capaian, and targets printed as a
range ("69,1–69,5", "7 s.d. 8 bulan"). docs/methodology.md states the rules tested here.
"""

from __future__ import annotations

from decimal import Decimal as D  # noqa: N817 - the short name keeps the figures readable
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import lakipcore
from extras import require
from lakipcore import dump_report, loads_report
from lakipcore.errors import FigureFormatError, InvalidValueError, ReportFileError
from lakipcore.figures import parse_range
from lakipcore.methods.formulas import Polarity, range_capaian
from lakipcore.model import MeasureKind, Target
from strategies import decimals

LOWER = Polarity.LOWER_IS_BETTER

# --- ranges as printed -------------------------------------------------------------------------

# Each case: the text, and its two ends and whether they are percentages (None: not a range).
RANGE_TEXTS = [
    ("69,1–69,5", ("69.1", "69.5", False)),
    ("5,2 - 5,6%", ("5.2", "5.6", True)),
    ("5,2% - 5,6%", ("5.2", "5.6", True)),
    ("80-90%", ("80", "90", True)),
    ("7 s.d. 8 bulan", ("7", "8", False)),
    ("7 s/d 8", ("7", "8", False)),
    ("1.000 sampai dengan 2.000 orang", ("1000", "2000", False)),
    ("-5 - -2", ("-5", "-2", False)),
    ("-1,41%", None),
    ("100% (total 169 permohonan)", None),
    ("12 Laporan (Januari - Desember)", None),
    ("Tidak ditargetkan", None),
]


@pytest.mark.parametrize(("text", "expected"), RANGE_TEXTS, ids=[c[0] for c in RANGE_TEXTS])
def test_ranges_are_read_as_printed(text: str, expected: tuple[str, str, bool] | None) -> None:
    """A range's two ends, its percent sign printed once shared; other texts are no range."""
    ends = parse_range(text)
    if expected is None:
        assert ends is None
        return
    assert ends is not None
    low, high, percent = expected
    assert (D(low), D(high)) == (ends[0].value, ends[1].value)
    assert percent is ends[0].percent is ends[1].percent


def test_a_range_whose_ends_differ_in_kind_is_refused() -> None:
    """A percentage lower end beside a bare upper end is not guessed."""
    with pytest.raises(FigureFormatError, match="the lower end is a percentage"):
        parse_range("2,5%-3")


# --- the capaian of a range (PermenPANRB 6/2022's examples) ------------------------------------

# Each case: name, lower, upper, realisation, polarity and the capaian in percent.
RANGE_CAPAIAN = [
    ("inside", "69.1", "69.5", "69.3", Polarity.HIGHER_IS_BETTER, "100"),
    ("at-lower-end", "69.1", "69.5", "69.1", Polarity.HIGHER_IS_BETTER, "100"),
    ("above-higher-is-better", "80", "90", "99", Polarity.HIGHER_IS_BETTER, "110"),
    ("below-higher-is-better", "80", "90", "70", Polarity.HIGHER_IS_BETTER, "87.5"),
    ("below-lower-is-better", "7", "8", "5.6", LOWER, "120"),
    ("above-lower-is-better", "7", "8", "9", LOWER, "87.5"),
]


@pytest.mark.parametrize(
    ("lower", "upper", "realisation", "polarity", "expected"),
    [c[1:] for c in RANGE_CAPAIAN],
    ids=[c[0] for c in RANGE_CAPAIAN],
)
def test_range_capaian(
    lower: str, upper: str, realisation: str, polarity: Polarity, expected: str
) -> None:
    """100 % inside the range; outside, the formula against the nearer end."""
    value = range_capaian(D(lower), D(upper), D(realisation), polarity=polarity)
    assert D(expected) == value


ends = st.tuples(
    decimals(max_places=2, max_integer_digits=3, signed=False).filter(lambda v: v > 0),
    decimals(max_places=2, max_integer_digits=2, signed=False).filter(lambda v: v > 0),
)


@given(ends=ends, a=decimals(max_places=2, max_integer_digits=3), b=decimals(max_places=2))
def test_range_capaian_moves_with_the_realisation(ends: tuple[D, D], a: D, b: D) -> None:
    """A higher realisation never lowers a higher-is-better range capaian and never raises a
    lower-is-better one, inside the range and on either side of it."""
    lower, width = ends
    upper = lower + width
    low, high = min(a, a + abs(b)), max(a, a + abs(b))
    assert range_capaian(lower, upper, low) <= range_capaian(lower, upper, high)
    assert range_capaian(lower, upper, low, polarity=LOWER) >= range_capaian(
        lower, upper, high, polarity=LOWER
    )
    middle = lower + width / 2
    assert D(100) == range_capaian(lower, upper, middle)


def test_a_range_runs_upwards() -> None:
    """A range target whose upper end is not above its lower end is refused by name."""
    with pytest.raises(InvalidValueError, match="runs from its lower end to a higher one") as info:
        Target(MeasureKind.PERCENT, D(90), upper=D(80))
    assert "upper" == info.value.field
    with pytest.raises(InvalidValueError, match="must be a whole number") as info:
        Target(MeasureKind.COUNT, D(5), upper=D("5.5"))
    assert "upper" == info.value.field


# --- in a report file ---------------------------------------------------------------------------

FILE = """\
schema = 2

[report]
source = "made up from the forms of published reports"

[[tables]]
id = "t"
kind = "indicators"

{periods}
[office]
code = "pemda"
name = "Pemda"

[[office.indicators]]
code = "x"
name = "Indikator"
{indicator}
{entries}
"""


def _file(indicator: str, entries: str, periods: str = '[[periods]]\nkey = "2020"\n') -> str:
    return FILE.format(periods=periods, indicator=indicator, entries=entries)


def test_a_range_target_scores_and_its_printed_capaian_is_audited() -> None:
    """PermenPANRB's example: target 80 - 90 %, realisation 92 %: 92 / 90 = 102,22 %, not the
    113 % its text prints; a report printing 113 % gets a figure-mismatch."""
    text = _file(
        "",
        '[office.indicators.periods.2020]\ntarget = "80 - 90%"\nrealisation = "92%"\n'
        'printed.capaian = { t = "113%" }\n',
    )
    report = loads_report(text)
    score = lakipcore.score_period(report, "2020", "pooled-sum").root.indicator("x")
    assert "102.22" == str(lakipcore.round_to(score.capaian, 2))
    assert D(80) == score.target
    findings = lakipcore.assess(report, method="pooled-sum").findings
    assert ["figure-mismatch"] == [f.code for f in findings if f.severity.value == "error"]
    assert 'target = "80–90%"' in dump_report(report)
    assert report == loads_report(dump_report(report))


PLAN_PERIODS = "".join(f'[[periods]]\nkey = "{year}"\n' for year in (2019, 2020, 2021, 2022))


def _counts(printed: str = "") -> str:
    rows = [(2019, 10, 9), (2020, 10, 12), (2021, 10, 11), (2022, 10, 10)]
    return "".join(
        f'[office.indicators.periods.{year}]\ntarget = "{t} Km"\nrealisation = "{r} Km"\n'
        + (printed if year == 2021 else "")
        for year, t, r in rows
    )


def test_end_of_plan_of_a_count_is_cumulative_after_the_baseline() -> None:
    """A count that adds up is measured by its realisations since the baseline's year: 12 + 11
    of 40 Km in 2021 (the baseline 2019 is before the plan), 23 / 40 = 57,5 %."""
    indicator = (
        'baseline = { value = "9 Km", year = 2019 }\n'
        'end-of-plan = { target = "40 Km", year = 2022 }'
    )
    text = _file(
        indicator, _counts('printed.capaian-end-of-plan = { t = "57,50%" }\n'), PLAN_PERIODS
    )
    report = loads_report(text)
    scored = lakipcore.score_report(report, "pooled-sum")
    values = {p.key: p.root.indicator("x").end_of_plan for p in scored.periods}
    assert {"2019": None, "2020": D(30), "2021": D("57.5"), "2022": D("82.5")} == values
    assert not [
        f
        for f in lakipcore.assess(report, method="pooled-sum").findings
        if f.code == "figure-mismatch"
    ]


def test_end_of_plan_of_a_level_is_the_year_s_own() -> None:
    """A percentage (a level) is measured by the period's realisation alone."""
    indicator = 'end-of-plan = { target = "5,78%", year = 2021 }'
    entries = '[office.indicators.periods.2020]\ntarget = "2%"\nrealisation = "-1,41%"\n'
    score = lakipcore.score_period(loads_report(_file(indicator, entries)), "2020", "pooled-sum")
    assert "-24.39" == str(lakipcore.round_to(score.root.indicator("x").end_of_plan, 2))


def test_end_of_plan_is_absent_after_the_plan_and_without_a_realisation() -> None:
    """A period after the plan's last year, or one with no realisation, has none (never 0)."""
    indicator = 'end-of-plan = { target = "40 Km", year = 2020 }\naccumulation = "latest"'
    entries = (
        '[office.indicators.periods.2020]\ntarget = "10 Km"\nrealisation = "n/a"\n'
        '[office.indicators.periods.2021]\ntarget = "10 Km"\nrealisation = "10 Km"\n'
    )
    periods = '[[periods]]\nkey = "2020"\n[[periods]]\nkey = "2021"\n'
    scored = lakipcore.score_report(loads_report(_file(indicator, entries, periods)), "pooled-sum")
    assert [None, None] == [p.root.indicator("x").end_of_plan for p in scored.periods]


# Each case: name, the indicator's lines, and the error's message.
REFUSED = [
    ("baseline-without-year", 'baseline = { value = "5%" }', r"baseline.year: missing field"),
    (
        "baseline-other-kind",
        'baseline = { value = "5", year = 2019 }',
        r"its baseline is a count, its targets a percent",
    ),
    (
        "end-of-plan-unknown-key",
        'end-of-plan = { target = "5%", year = 2021, tahun = 2021 }',
        r"unknown field 'tahun'",
    ),
    (
        "end-of-plan-year-text",
        'end-of-plan = { target = "5%", year = "2021" }',
        r"expected an integer",
    ),
    (
        "end-of-plan-year-short",
        'end-of-plan = { target = "5%", year = 21 }',
        r"a year has four digits",
    ),
]


@pytest.mark.parametrize(("lines", "error"), [c[1:] for c in REFUSED], ids=[c[0] for c in REFUSED])
def test_bad_plan_fields_are_refused_by_name(lines: str, error: str) -> None:
    """Each bad baseline or end-of-plan field is refused with its key in the message."""
    entries = '[office.indicators.periods.2020]\ntarget = "2%"\nrealisation = "3%"\n'
    with pytest.raises((ReportFileError, InvalidValueError), match=error):
        loads_report(_file(lines, entries))


def test_plan_fields_survive_the_file_and_the_workbook(tmp_path: Path) -> None:
    """The writer keeps baseline and end-of-plan; the file and a workbook read back equal."""
    text = (Path(lakipcore.__file__).parent / "data" / "wonogiri-2020.toml").read_text("utf-8")
    report = loads_report(text)
    written = dump_report(report)
    assert 'baseline = { value = "5,14%", year = 2019 }' in written
    assert 'end-of-plan = { target = "0,018169", year = 2021 }' in written
    assert report == loads_report(written)
    require("openpyxl")
    from lakipcore.excel import read_workbook, write_workbook

    book = write_workbook(lakipcore.assess(report), tmp_path / "wonogiri.xlsx")
    assert report == read_workbook(book)


def test_the_bulk_path_refuses_a_range_target_by_name() -> None:
    """The columnar path scores a target of one figure and says where to score a range."""
    require("pyarrow")
    from lakipcore.bulk import report_to_batches

    entries = '[office.indicators.periods.2020]\ntarget = "80 - 90%"\nrealisation = "92%"\n'
    with pytest.raises(lakipcore.LakipValueError, match="is a range target"):
        report_to_batches(loads_report(_file("", entries)), method="pooled-sum")


# --- ratios "1:N" -------------------------------------------------------------------------------

# Each case: the text, and its value or the error's message.
RATIO_TEXTS = [
    ("1:2.500", "2500"),
    ("1 : 32", "32"),
    ("1:20 orang", "20"),
    ("1:2,5", "2.5"),
    ("1:0", "not a ratio 1:N of a positive number"),
    ("1:50%", "not a ratio 1:N of a positive number"),
    ("1:-3", "not a figure"),
]


@pytest.mark.parametrize(("text", "expected"), RATIO_TEXTS, ids=[c[0] for c in RATIO_TEXTS])
def test_ratios_are_read_as_their_n(text: str, expected: str) -> None:
    """ "1:N" is the figure N, marked as a ratio; a ratio of nothing or of a share is refused."""
    from lakipcore.figures import parse_figure

    if not expected[0].isdigit():
        with pytest.raises(FigureFormatError, match=expected):
            parse_figure(text)
        return
    figure = parse_figure(text)
    assert figure.ratio
    assert D(expected) == figure.value


def test_a_ratio_indicator_scores_by_its_polarity_and_round_trips() -> None:
    """Rasio dokter per penduduk, 1:2.500 planned and 1:2.300 reached, fewer people per doctor
    being better: kondisi khusus (2 x 2.500 - 2.300) / 2.500 = 108 %; the file keeps "1:"."""
    entries = '[office.indicators.periods.2020]\ntarget = "1:2.500"\nrealisation = "1:2.300"\n'
    report = loads_report(_file('polarity = "lower"', entries))
    score = lakipcore.score_period(report, "2020", "pooled-sum").root.indicator("x")
    assert D(108) == score.capaian
    entry = report.root.indicator("x").at("2020")
    assert entry is not None
    assert entry.realisation is not None
    assert entry.realisation.ratio
    assert MeasureKind.VALUE is entry.realisation.kind
    text = dump_report(report)
    assert 'realisation = "1:2.300"' in text
    assert report == loads_report(text)
