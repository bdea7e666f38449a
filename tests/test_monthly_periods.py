"""Monthly periods (``2022-01`` … ``2022-12``) and cumulative-to-month periods (``2022-sd-06``,
"s.d. Bulan Juni"), accumulated as quarters are (issue 19, item 5): their keys and labels, the
tiling of a longer period by months, the changes between months, a whole monthly report file
loaded, scored and audited, the columnar path and the Excel reader's titles."""

from __future__ import annotations

import re
import tomllib
from datetime import date
from decimal import Decimal as D  # noqa: N817 - the short name keeps the figures readable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import lakipcore as L  # noqa: N812 - as in docs/methodology.md
from extras import require
from lakipcore.errors import InvalidValueError
from lakipcore.figures import NOT_TARGETED
from lakipcore.formats.excel.headers import header_period
from lakipcore.model import Accumulation, PeriodKind, comparable_pairs
from lakipcore.periods import bulan
from lakipcore.schemas import load_schema

COUNT, PERCENT = L.MeasureKind.COUNT, L.MeasureKind.PERCENT
MONTHS = tuple(f"2022-{month:02d}" for month in range(1, 13))
FORMS = (
    r"is not one of YYYY, YYYY-s1, YYYY-tw2, YYYY-06 \(a month, 01 to 12\), YYYY-sd-tw2 or "
    r"YYYY-sd-06 \(lower case, ASCII digits, a year from 1000\)"
)

# --- keys and labels ------------------------------------------------------------------------

# key, kind, label, first day, last day
KEYS = (
    ("2022-01", PeriodKind.MONTHLY, "Januari 2022", date(2022, 1, 1), date(2022, 1, 31)),
    ("2022-02", PeriodKind.MONTHLY, "Februari 2022", date(2022, 2, 1), date(2022, 2, 28)),
    ("2024-02", PeriodKind.MONTHLY, "Februari 2024", date(2024, 2, 1), date(2024, 2, 29)),
    ("2022-06", PeriodKind.MONTHLY, "Juni 2022", date(2022, 6, 1), date(2022, 6, 30)),
    ("2022-10", PeriodKind.MONTHLY, "Oktober 2022", date(2022, 10, 1), date(2022, 10, 31)),
    ("2022-12", PeriodKind.MONTHLY, "Desember 2022", date(2022, 12, 1), date(2022, 12, 31)),
    ("2022-sd-01", PeriodKind.CUMULATIVE, "s.d. Januari 2022", date(2022, 1, 1), date(2022, 1, 31)),
    ("2022-sd-06", PeriodKind.CUMULATIVE, "s.d. Juni 2022", date(2022, 1, 1), date(2022, 6, 30)),
    (
        "2022-sd-12",
        PeriodKind.CUMULATIVE,
        "s.d. Desember 2022",
        date(2022, 1, 1),
        date(2022, 12, 31),
    ),
    # The quarter's cumulative label is made the same way: "s.d." and the part's label.
    (
        "2022-sd-tw2",
        PeriodKind.CUMULATIVE,
        "s.d. Triwulan II 2022",
        date(2022, 1, 1),
        date(2022, 6, 30),
    ),
)


@pytest.mark.parametrize(("key", "kind", "label", "start", "end"), KEYS, ids=[c[0] for c in KEYS])
def test_month_keys_give_their_kind_label_and_days(
    key: str, kind: PeriodKind, label: str, start: date, end: date
) -> None:
    period = L.ReportPeriod(key)
    assert (kind, label, start, end, start.year) == (
        period.kind,
        period.label,
        period.span.start,
        period.span.end,
        period.year,
    )
    assert label == str(period)


def test_a_month_and_s_d_juni_cover_what_they_should() -> None:
    """The month is a part of its quarter and of s.d. Juni; s.d. Juni and s.d. TW II are the
    same days, so neither covers the other; and a month names its kind by its file name."""
    june, sd_june, tw2 = (L.ReportPeriod(k) for k in ("2022-06", "2022-sd-06", "2022-tw2"))
    assert (True, True, False, False) == (
        tw2.covers(june),
        sd_june.covers(june),
        sd_june.covers(L.ReportPeriod("2022-sd-tw2")),
        june.covers(june),
    )
    assert PeriodKind.MONTHLY is PeriodKind.from_name("monthly")


REFUSED = (
    "2022-13",
    "2022-00",
    "2022-1",
    "2022-6",
    "2022-sd-13",
    "2022-sd-00",
    "2022-sd-6",
    "2022-012",
    "2022-M06",
    "2022-06-01",
    "2022-sd-",
    "2022-bulan-06",
    "2022-０６",
)


@pytest.mark.parametrize("key", REFUSED)
def test_a_key_that_is_no_month_is_refused_naming_it_and_the_forms(key: str) -> None:
    with pytest.raises(InvalidValueError) as info:
        L.ReportPeriod(key)
    assert "key" == info.value.field
    assert info.match(rf"^key: period key {key!r} {FORMS}$")


def test_bulan_lists_the_months_by_name() -> None:
    """periods.bulan (what a month key is built with) names the months, not Roman numerals."""
    assert ("Juni 2022", date(2022, 6, 30)) == (str(bulan(2022, 6)), bulan(2022, 6).end)
    with pytest.raises(
        InvalidValueError, match=r"months 1 to 12 \(Januari, Februari, .*Desember\), got 13"
    ):
        bulan(2022, 13)


# --- accumulation -----------------------------------------------------------------------------


def _entry(key: str, kind: L.MeasureKind, target: int, realised: int | None) -> L.IndicatorPeriod:
    """An entry stating ``realised``, or accumulated (``None``)."""
    if realised is None:
        return L.IndicatorPeriod(key, L.Target(kind, D(target)), accumulate=True)
    return L.IndicatorPeriod(key, L.Target(kind, D(target)), L.Realisation(kind, D(realised)))


def _report(
    keys: tuple[str, ...],
    values: dict[str, int | None],
    kind: L.MeasureKind = COUNT,
    accumulation: Accumulation | None = None,
) -> L.Report:
    """A UPT over ``keys`` whose one indicator states ``values`` (``None``: accumulated); a key
    without a value has no entry. Every target is 10."""
    entries = [_entry(k, kind, 10, values[k]) for k in keys if k in values]
    indicator = L.Indicator("i", "Indikator", entries, accumulation=accumulation)
    return L.Report(
        [L.ReportPeriod(k, method="banten-2019") for k in keys], L.Unit("upt", "UPT", [indicator])
    )


def _realised(report: L.Report, key: str) -> D | None:
    return L.score_report(report).period(key).root.indicator("i").realisation


SALES = dict(zip(MONTHS, (3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8), strict=True))
"""A count realised month by month: 52 in the year, 23 by the end of June."""


@pytest.mark.parametrize(
    ("kind", "accumulation", "expected"),
    [
        (COUNT, None, D(52)),  # a count sums: 3 + 1 + … + 8
        (PERCENT, None, D(8)),  # a percentage is December's
        (COUNT, Accumulation.LATEST, D(8)),
        (COUNT, Accumulation.MEAN, D("4.33333333333333333333")),  # 52 / 12
    ],
    ids=["count-sums", "percent-latest", "latest-stated", "mean-stated"],
)
def test_the_year_is_accumulated_from_its_twelve_months(
    kind: L.MeasureKind, accumulation: Accumulation | None, expected: D
) -> None:
    report = _report((*MONTHS, "2022"), {**SALES, "2022": None}, kind, accumulation)
    realised = _realised(report, "2022")
    assert realised is not None
    assert expected == round(realised, 20)


def test_s_d_juni_and_a_quarter_are_accumulated_from_their_months() -> None:
    """s.d. Juni is the first six months (3+1+4+1+5+9 = 23), TW II April to Juni (1+5+9 = 15),
    s.d. Desember the twelve (52); the capaian follows from the accumulated realisation."""
    keys = (*MONTHS[:6], "2022-tw2", "2022-sd-06", *MONTHS[6:], "2022-sd-12")
    values = {**SALES, "2022-tw2": None, "2022-sd-06": None, "2022-sd-12": None}
    scored = L.score_report(_report(keys, values))

    got = {
        k: scored.period(k).root.indicator("i") for k in ("2022-tw2", "2022-sd-06", "2022-sd-12")
    }
    assert {"2022-tw2": D(15), "2022-sd-06": D(23), "2022-sd-12": D(52)} == {
        k: v.realisation for k, v in got.items()
    }
    assert (D(150), D(230)) == (got["2022-tw2"].capaian, got["2022-sd-06"].capaian)


def test_coarser_parts_come_first_and_a_part_may_be_accumulated_itself() -> None:
    """With the semesters stated, the year is their sum even when the months say otherwise;
    with quarters accumulated from months, the year is built through them."""
    keys = (*MONTHS[:6], "2022-s1", *MONTHS[6:], "2022-s2", "2022")
    stated = {**SALES, "2022-s1": 20, "2022-s2": 30, "2022": None}
    assert D(50) == _realised(_report(keys, stated), "2022")  # 20 + 30, not the months' 52

    quarters = (
        *MONTHS[:3],
        "2022-tw1",
        *MONTHS[3:6],
        "2022-tw2",
        *MONTHS[6:9],
        "2022-tw3",
        *MONTHS[9:],
        "2022-tw4",
        "2022",
    )
    nested = {**SALES, **dict.fromkeys(("2022-tw1", "2022-tw2", "2022-tw3", "2022-tw4", "2022"))}
    report = _report(quarters, nested)
    assert (D(8), D(15), D(13), D(16), D(52)) == tuple(
        _realised(report, k) for k in ("2022-tw1", "2022-tw2", "2022-tw3", "2022-tw4", "2022")
    )


@pytest.mark.parametrize(
    ("keys", "expected"),
    [
        (("2022-01", "2022-sd-01"), D(3)),  # s.d. Januari is Januari
        (("2022-01", "2022-02", "2022-03", "2022-tw1", "2022-sd-tw1"), D(9)),  # TW I's stated 9
    ],
    ids=["sd-01", "sd-tw1"],
)
def test_a_single_part_may_span_the_whole_cumulative_period(
    keys: tuple[str, ...], expected: D
) -> None:
    values: dict[str, int | None] = {**SALES, "2022-tw1": 9, keys[-1]: None}
    assert expected == _realised(_report(keys, values), keys[-1])


@pytest.mark.parametrize(
    ("keys", "values"),
    [
        # A mixed tiling, TW I + April + Mei: the parts are of one kind only.
        (
            ("2022-tw1", "2022-04", "2022-05", "2022-sd-05"),
            {"2022-tw1": 8, "2022-04": 1, "2022-05": 5, "2022-sd-05": None},
        ),
        # April lacks an entry of the indicator: the months no longer tile s.d. Mei.
        (
            (*MONTHS[:5], "2022-sd-05"),
            {**{k: SALES[k] for k in MONTHS[:5] if k != "2022-04"}, "2022-sd-05": None},
        ),
        # Months of another year do not make up this one.
        (("2021-12", "2022-01", "2022-sd-02"), {"2021-12": 1, "2022-01": 2, "2022-sd-02": None}),
    ],
    ids=["tw1-april-mei", "april-missing", "other-year"],
)
def test_a_period_no_parts_of_one_kind_tile_is_an_error(
    keys: tuple[str, ...], values: dict[str, int | None]
) -> None:
    report = _report(keys, values)
    last = keys[-1]
    with pytest.raises(InvalidValueError) as info:
        L.score_report(report)
    assert info.match(
        rf"^units\[upt\]\.indicators\[i\]\.periods\.{last}\.accumulate: accumulate = true, but "
        rf"no semesters, quarters or months of the report with this indicator make up {last} "
        r"exactly$"
    )
    problems: list[L.scoring.Problem] = []
    scored = L.score_report(report, problems=problems)
    assert (None, [last]) == (
        scored.period(last).root.indicator("i").capaian,
        [p.period for p in problems],
    )


def test_a_month_without_a_realisation_stops_the_accumulation() -> None:
    keys = (*MONTHS[:3], "2022-sd-03")
    entries = [
        *(_entry(k, COUNT, 10, 1) for k in MONTHS[:2]),
        L.IndicatorPeriod(MONTHS[2], NOT_TARGETED),
    ]
    entries.append(_entry("2022-sd-03", COUNT, 30, None))
    report = L.Report(
        [L.ReportPeriod(k, method="banten-2019") for k in keys],
        L.Unit("upt", "UPT", [L.Indicator("i", "Indikator", entries)]),
    )
    with pytest.raises(
        InvalidValueError, match=r"accumulate = true, but 2022-03 has no realisation$"
    ):
        L.score_report(report)


@given(
    values=st.lists(st.integers(0, 10**9), min_size=12, max_size=12),
    month=st.integers(1, 12),
)
def test_accumulated_year_and_s_d_month_are_sums_of_their_months(
    values: list[int], month: int
) -> None:
    """For any monthly counts, the accumulated year is their sum and s.d. month k the sum of
    the first k, exactly."""
    sd = f"2022-sd-{month:02d}"
    keys = (*MONTHS[:month], sd, *MONTHS[month:], "2022")
    report = _report(keys, {**dict(zip(MONTHS, values, strict=True)), sd: None, "2022": None})
    scored = L.score_report(report)
    assert (D(sum(values)), D(sum(values[:month]))) == (
        scored.period("2022").root.indicator("i").realisation,
        scored.period(sd).root.indicator("i").realisation,
    )


# --- changes ------------------------------------------------------------------------------------


def test_changes_run_month_to_month_and_cumulative_to_cumulative() -> None:
    """Januari → Februari → Maret; s.d. Februari → s.d. TW I (both cumulative); the quarter has
    no quarter before it; a month of the next year follows the last month (YoY of one month)."""
    keys = ("2022-01", "2022-02", "2022-sd-02", "2022-03", "2022-tw1", "2022-sd-tw1", "2023-03")
    values = {
        "2022-01": 5,
        "2022-02": 8,
        "2022-sd-02": 13,
        "2022-03": 12,
        "2022-tw1": 25,
        "2022-sd-tw1": 25,
        "2023-03": 9,
    }
    scored = L.score_report(_report(keys, values))

    pairs = [
        ("2022-01", "2022-02"),
        ("2022-02", "2022-03"),
        ("2022-sd-02", "2022-sd-tw1"),
        ("2022-03", "2023-03"),
    ]
    assert pairs == [(c.earlier, c.later) for c in scored.changes]
    assert pairs == [(a.key, b.key) for a, b in comparable_pairs(_report(keys, values).periods)]
    # capaian 50 → 80 → 120 → 90 %: the office's achievement changes by +30, +40, -30 points.
    assert [D(30), D(40), D(-30)] == [
        scored.change_to(k).office.achievement for k in ("2022-02", "2022-03", "2023-03")
    ]
    (indicator,) = scored.change_to("2022-02").indicators  # the UPT's own: it is the office
    assert (D(80), D(50), D(30)) == (indicator.later, indicator.earlier, indicator.points)


# --- a report file ------------------------------------------------------------------------------

MONTHLY_FILE = """\
schema = 2

[report]
title = "e-SAKIP UPT Contoh, Januari s.d. Juni 2022"
main = "2022-sd-06"

[[periods]]
key = "2022-01"
method = "banten-2019"
[[periods]]
key = "2022-02"
method = "banten-2019"
[[periods]]
key = "2022-03"
method = "banten-2019"
[[periods]]
key = "2022-04"
method = "banten-2019"
[[periods]]
key = "2022-05"
method = "banten-2019"
[[periods]]
key = "2022-06"
method = "banten-2019"
title = "Bulan Juni 2022"
[[periods]]
key = "2022-sd-06"
method = "banten-2019"
title = "s.d. Bulan Juni 2022"

[[tables]]
id = "iku"
kind = "indicators"

[office]
code = "upt"
name = "UPT Contoh"

[office.periods.2022-sd-06]
printed.achievement = { iku = "113,17%" }

[office.periods.2022-sd-06.budget]
programme = "Dukungan Manajemen"

[[office.periods.2022-sd-06.budget.outputs]]
code = "a"
name = "Layanan Perkantoran"
pagu = "1.200.000.000"
realisation = "540.000.000"
printed.absorption = { iku = "45,00%" }

[[office.indicators]]
code = "laporan"
name = "Jumlah laporan kegiatan"

[office.indicators.periods.2022-01]
target = "2 Laporan"
realisation = "2 Laporan"
printed.capaian = { iku = "100,00%" }

[office.indicators.periods.2022-02]
target = "2 Laporan"
realisation = "1 Laporan"
printed.capaian = { iku = "50,00%" }

[office.indicators.periods.2022-03]
target = "2 Laporan"
realisation = "3 Laporan"
printed.capaian = { iku = "150,00%" }

[office.indicators.periods.2022-04]
target = "2 Laporan"
realisation = "2 Laporan"
printed.capaian = { iku = "100,00%" }

[office.indicators.periods.2022-05]
target = "2 Laporan"
realisation = "2 Laporan"
printed.capaian = { iku = "100,00%" }

[office.indicators.periods.2022-06]
target = "2 Laporan"
realisation = "3 Laporan"
printed.capaian = { iku = "150,00%" }

[office.indicators.periods.2022-sd-06]
target = "12 Laporan"
accumulate = true               # 2 + 1 + 3 + 2 + 2 + 3 = 13 Laporan
printed.capaian = { iku = "108,33%" }

[[office.indicators]]
code = "tepat-waktu"
name = "Persentase layanan tepat waktu"

[office.indicators.periods.2022-01]
target = "80%"
realisation = "72%"
printed.capaian = { iku = "90,00%" }

[office.indicators.periods.2022-02]
target = "80%"
realisation = "76%"
printed.capaian = { iku = "95,00%" }

[office.indicators.periods.2022-03]
target = "80%"
realisation = "80%"
printed.capaian = { iku = "100,00%" }

[office.indicators.periods.2022-04]
target = "80%"
realisation = "82%"
printed.capaian = { iku = "102,50%" }

[office.indicators.periods.2022-05]
target = "80%"
realisation = "84%"
printed.capaian = { iku = "105,00%" }

[office.indicators.periods.2022-06]
target = "80%"
realisation = "94,4%"
printed.capaian = { iku = "118,00%" }

[office.indicators.periods.2022-sd-06]
target = "80%"
accumulate = true               # the latest month's, June
printed.capaian = { iku = "118,00%" }
"""


def test_a_monthly_report_file_loads_scores_and_audits_clean() -> None:
    """The months and s.d. Juni load with their labels; s.d. Juni is accumulated (13 Laporan,
    and June's 94,4 %), its achievement is (108,33 + 118) / 2 = 113,17 % as printed, its
    absorption 540 / 1.200 = 45 %; the audit, which compares every printed figure, finds
    nothing."""
    report = L.loads_report(MONTHLY_FILE)
    assert [
        ("2022-01", "monthly", "Januari 2022"),
        ("2022-06", "monthly", "Bulan Juni 2022"),
        ("2022-sd-06", "cumulative", "s.d. Bulan Juni 2022"),
    ] == [
        (p.key, p.kind.value, p.label)
        for p in report.periods
        if p.key in ("2022-01", "2022-06", "2022-sd-06")
    ]
    assert "Juni 2022" == str(report.period("2022-06").span)

    assessed = L.assess(report)
    half = assessed.scores.period("2022-sd-06")
    assert (D(13), D("94.4")) == (
        half.root.indicator("laporan").realisation,
        half.root.indicator("tepat-waktu").realisation,
    )
    assert (
        D(45),
        round(half.achievement, 2),
        [("2022-01", "2022-02"), ("2022-02", "2022-03")],
    ) == (
        half.absorption,
        D("113.17"),
        [(c.earlier, c.later) for c in assessed.scores.changes][:2],
    )
    assert [] == [f"{f.code.value} {f.message}" for f in assessed.findings]


def test_the_audit_checks_the_monthly_figures() -> None:
    """A misprinted capaian of a month, and of the accumulated s.d. Juni, are findings: the
    clean audit above is not for want of looking."""
    wrong = MONTHLY_FILE.replace('"50,00%"', '"55,00%"').replace('"108,33%"', '"110,00%"')
    findings = L.assess(L.loads_report(wrong)).findings
    assert {"2022-02", "2022-sd-06"} == {f.period for f in findings}


def test_a_monthly_report_file_round_trips_and_validates_against_the_schemas() -> None:
    """Written and read back it is the same report; the file and the score JSON are valid
    under the shipped schemas (their period-key pattern and kinds know months)."""
    jsonschema = require("jsonschema")
    from lakipcore.render.json import score_to_dict

    report = L.loads_report(MONTHLY_FILE)
    assert report == L.loads_report(L.dump_report(report))
    for name, data in (
        ("report", tomllib.loads(MONTHLY_FILE)),
        ("score", score_to_dict(L.assess(report), places=2, rounding=L.Rounding.HALF_UP)),
    ):
        errors = list(jsonschema.Draft202012Validator(load_schema(name)).iter_errors(data))
        assert [] == [e.message for e in errors], name
    pattern = load_schema("report")["$defs"]["periodKey"]["pattern"]
    assert [True, True, False, False] == [
        re.fullmatch(pattern.strip("^$"), k) is not None
        for k in ("2022-06", "2022-sd-12", "2022-13", "2022-6")
    ]


def test_a_block_under_a_refused_month_key_names_the_key() -> None:
    text = MONTHLY_FILE.replace('key = "2022-04"', 'key = "2022-4"')
    with pytest.raises(L.LakipError, match=r"period key '2022-4' is not one of YYYY"):
        L.loads_report(text)


# --- the columnar path --------------------------------------------------------------------------


def test_the_columnar_path_agrees_on_a_monthly_report() -> None:
    """Every table of lakipcore.bulk equals the core's for the monthly file and for a year
    accumulated from twelve months (the same resolved facts, the same pairs of periods)."""
    require("pyarrow")
    from test_bulk import assert_agrees

    got = assert_agrees(L.loads_report(MONTHLY_FILE))
    assert {"2022-sd-06": D("108.33")} == {
        row["period"]: row["capaian"]
        for row in got.indicators.to_pylist()
        if row["code"] == "laporan" and row["period"] == "2022-sd-06"
    }
    year = assert_agrees(_report((*MONTHS, "2022"), {**SALES, "2022": None}))
    assert [("2022-01", "2022-02")] == [
        (r["earlier"], r["later"]) for r in year.changes.to_pylist()
    ][:1]


def test_the_columnar_path_refuses_a_month_key_the_core_refuses() -> None:
    """Rows of period 2022-13 are refused with the core's message, never scored."""
    require("pyarrow")
    from lakipcore import bulk

    batches = bulk.report_to_batches(_report(MONTHS[:2], {MONTHS[0]: 1, MONTHS[1]: 2}))
    table: Any = batches.indicators
    bad = table.set_column(
        table.schema.get_field_index("period"),
        "period",
        require("pyarrow").array(["2022-13"] * table.num_rows),
    )
    with pytest.raises(InvalidValueError, match=rf"period key '2022-13' {FORMS}"):
        bulk.score(bad, method="banten-2019")


# --- the Excel reader ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("s.d. Bulan Juni 2022", "2022-sd-06"),
        ("Bulan Juni 2022", "2022-06"),
        ("Juni 2022", "2022-06"),
        ("Realisasi s.d. Juni 2022", "2022-sd-06"),
        ("Target Bulan Nopember Tahun 2021", "2021-11"),
        ("REALISASI SAMPAI DENGAN BULAN MARET 2023", "2023-sd-03"),
        ("Januari - Juni 2022", "2022"),  # two months: only the year is sure
        ("Keadaan s.d. 31 Desember 2022", "2022"),  # a date, not a month's figures
        ("Triwulan II (April - Juni) 2022", "2022-tw2"),
        ("Realisasi Juni", None),
    ],
)
def test_headers_and_titles_name_months(text: str, key: str | None) -> None:
    assert key == header_period(text)


@pytest.mark.parametrize(
    ("title", "office", "key"),
    [
        (["LAPORAN KINERJA KANTOR CONTOH", "S.D. BULAN JUNI 2022"], "KANTOR CONTOH", "2022-sd-06"),
        (["Capaian Kinerja Bulan Juni 2022 UPT Contoh"], "UPT Contoh", "2022-06"),
    ],
)
def test_a_workbook_titled_by_month_reads_to_the_month_key(
    tmp_path: Path, title: list[str], office: str, key: str
) -> None:
    openpyxl = require("openpyxl")
    from lakipcore.excel import read_workbook

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Data"
    for row, line in enumerate(title, 1):
        sheet.cell(row, 1, line)
    for row, values in enumerate(
        [["No", "IKU", "Satuan", "Target", "Realisasi"], [1, "Jumlah laporan", "Laporan", 2, 3]], 5
    ):
        for column, value in enumerate(values, 1):
            sheet.cell(row, column, value)
    book.save(tmp_path / "bulanan.xlsx")

    report = read_workbook(tmp_path / "bulanan.xlsx")
    assert (office, [key]) == (report.office, [p.key for p in report.periods])
    assert D(3) == report.root.indicators[0].at(key).realisation.value


def test_a_monthly_report_round_trips_through_the_exported_workbook(tmp_path: Path) -> None:
    """lakipcore's own workbook keeps the month keys, their titles and the accumulated entry."""
    require("openpyxl")
    from lakipcore.excel import read_workbook, write_workbook

    report = L.loads_report(MONTHLY_FILE)
    back = read_workbook(write_workbook(L.assess(report), tmp_path / "bulanan.xlsx"))
    assert report == back
    assert back.root.indicators[0].at("2022-sd-06").accumulate
