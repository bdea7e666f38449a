"""Monitoring during the year: capaian to date by method, status, projection (docs/monitoring.md).

Reports are built from quarters' targets and realisations; each case states what a planner
computes by hand, and the edge cases the issue names: a realisation of 0, a gap quarter, lower
is better with 0, a target of 0.
"""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

import lakipcore
from lakipcore import monitoring
from lakipcore.cli import main
from lakipcore.errors import UnknownNameError
from lakipcore.figures import format_percent
from lakipcore.monitoring import MonitoringRules, ProjectionMethod, Status, Trajectory

QUARTERS = ("2024-tw1", "2024-tw2", "2024-tw3", "2024-tw4")


def report_text(
    quarters: dict[str, tuple[str | None, str | None]],
    *,
    annual: str | None = None,
    extra: str = "",
    planned: tuple[str, ...] = (),
    accumulate: bool = False,
) -> str:
    """A report of one indicator: each quarter's (target, realisation), a quarter left out of
    ``quarters`` has no entry; ``annual`` the year's target."""
    lines = ["schema = 2", "", "[report]", 'title = "t"', ""]
    for key in (*QUARTERS, "2024"):
        lines += ["[[periods]]", f'key = "{key}"', 'method = "banten-2019"']
        if key in planned or (key == "2024" and not accumulate):
            lines.append("planned = true")
        lines.append("")
    lines += ["[office]", 'code = "u"', 'name = "Unit"', "", "[[office.indicators]]"]
    lines += ['code = "i"', 'name = "Indikator"', extra, ""]
    for key, (target, realisation) in quarters.items():
        lines.append(f"[office.indicators.periods.{key}]")
        if target is not None:
            lines.append(f'target = "{target}"')
        if realisation is not None:
            lines.append(f'realisation = "{realisation}"')
        lines.append("")
    if annual is not None:
        lines += ["[office.indicators.periods.2024]", f'target = "{annual}"']
        if accumulate:
            lines.append("accumulate = true")
    return "\n".join(lines) + "\n"


def progress(text: str, **options: object) -> monitoring.IndicatorProgress:
    report = lakipcore.loads_report(text)
    result = monitoring.monitor(lakipcore.assess(report), **options)  # type: ignore[arg-type]
    return result.unit("u").indicator("i")


COUNTS = {
    "2024-tw1": ("10 Laporan", "12 Laporan"),
    "2024-tw2": ("10 Laporan", "0 Laporan"),
    "2024-tw3": ("10 Laporan", "9 Laporan"),
    "2024-tw4": ("10 Laporan", None),
}


def test_cumulative_counts_sum_the_filled_quarters_and_0_is_filled() -> None:
    """12 + 0 + 9 = 21 against 10 + 10 + 10 = 30: 70 %; the quarter with 0 is filled."""
    item = progress(report_text(COUNTS, annual="40 Laporan", planned=("2024-tw4",)))
    assert ("2024-tw1", "2024-tw2", "2024-tw3") == item.used
    assert () == item.missing
    assert (Decimal(30), Decimal(21), Decimal(70)) == (
        item.target_to_date,
        item.realised_to_date,
        item.capaian,
    )
    assert Status.BEHIND == item.status
    # the trajectory projection: 21 / 30 of the year's 40
    assert (Decimal(28), Decimal(70)) == (item.projection, item.projected_capaian)
    assert ProjectionMethod.TRAJECTORY == item.projection_method


def test_a_gap_quarter_is_named_and_left_out() -> None:
    quarters = dict(COUNTS)
    quarters["2024-tw2"] = ("10 Laporan", "n/a")
    item = progress(report_text(quarters, annual="40 Laporan", planned=("2024-tw4",)))
    assert ("2024-tw1", "2024-tw3") == item.used
    assert ("2024-tw2",) == item.missing
    assert Decimal(105) == item.capaian  # 21 of 20
    assert Status.ON_TRACK == item.status  # within 5 points of 100 %, both ends included


@pytest.mark.parametrize(
    ("capaian_text", "tolerance", "status"),
    [
        ("95%", 5, Status.ON_TRACK),
        ("94%", 5, Status.BEHIND),
        ("106%", 5, Status.AHEAD),
        ("100%", 0, Status.ON_TRACK),
        ("101%", 0, Status.AHEAD),
    ],
)
def test_the_tolerance_is_data_and_its_ends_are_on_track(
    capaian_text: str, tolerance: int, status: Status
) -> None:
    quarters = {"2024-tw1": ("100%", capaian_text)}
    item = progress(report_text(quarters), rules=MonitoringRules(Decimal(tolerance)))
    assert status == item.status


def test_latest_uses_the_last_filled_quarter() -> None:
    quarters = {
        "2024-tw1": ("85%", "84%"),
        "2024-tw2": ("87%", "-"),
        "2024-tw3": ("88%", "86%"),
        "2024-tw4": ("90%", None),
    }
    item = progress(report_text(quarters, annual="90%", planned=("2024-tw4",)))
    assert ("2024-tw3",) == item.used
    assert ("2024-tw2",) == item.missing
    assert lakipcore.capaian(Decimal(88), Decimal(86)) == item.capaian
    # trajectory: 86 of 88, of 90
    assert item.projection is not None
    assert Decimal("87.95454545") == round(item.projection, 8)


def test_lower_is_better_with_a_realisation_of_0() -> None:
    """Kondisi khusus: (2 × 5 − 0) / 5 = 200 %; the inverse ratio is undefined for 0 and says
    so rather than guess."""
    quarters = {"2024-tw1": ("5 Kasus", "0 Kasus")}
    item = progress(report_text(quarters, extra='polarity = "lower"'))
    assert (Decimal(200), Status.AHEAD) == (item.capaian, item.status)
    inverse = progress(report_text(quarters, extra='polarity = "lower"\nformula = "inverse-ratio"'))
    assert Status.NOT_SCORABLE == inverse.status
    assert "zero realisation" in inverse.reason.render("en")


def test_a_target_of_0_is_not_scorable_with_its_reason() -> None:
    item = progress(report_text({"2024-tw1": ("0 Laporan", "3 Laporan")}))
    assert Status.NOT_SCORABLE == item.status
    assert item.capaian is None


def test_nothing_filled_is_no_data() -> None:
    item = progress(report_text({"2024-tw1": ("10 Laporan", "n/a")}))
    assert (Status.NO_DATA, ()) == (item.status, item.used)
    assert item.projection is None


def test_a_straight_line_projection_of_counts_repeats_the_filled_months() -> None:
    """12 realised in TW I: 12 × 12 / 3 = 48 by December."""
    quarters = {"2024-tw1": ("10 Laporan", "12 Laporan")}
    rules = MonitoringRules(projection=ProjectionMethod.STRAIGHT_LINE)
    item = progress(report_text(quarters, annual="40 Laporan"), rules=rules)
    assert (Decimal(48), Decimal(120)) == (item.projection, item.projected_capaian)


def test_a_year_without_its_own_target_takes_its_periods() -> None:
    """No annual period target: the year's target is the sum of the quarters' (counts)."""
    item = progress(report_text(COUNTS, planned=("2024-tw4",)))
    assert Decimal(40) == item.annual_target


def test_a_straight_line_of_levels_needs_two_filled_quarters() -> None:
    quarters = {"2024-tw1": ("80%", "70%"), "2024-tw2": ("80%", "74%")}
    rules = MonitoringRules(projection=ProjectionMethod.STRAIGHT_LINE)
    one = progress(report_text(quarters, annual="80%"), to="2024-tw1", rules=rules)
    assert one.projection is None
    assert "two filled periods" in one.projection_reason.render("en")  # type: ignore[union-attr]
    two = progress(report_text(quarters, annual="80%"), to="2024-tw2", rules=rules)
    # 70 in March, 74 in June: 4 points a quarter, 82 by December
    assert Decimal(82) == two.projection


def test_the_period_to_monitor_to_must_be_one_of_the_report() -> None:
    text = report_text(COUNTS, annual="40 Laporan", planned=("2024-tw4",))
    with pytest.raises(UnknownNameError, match="2024-tw1, 2024-tw2"):
        progress(text, to="2024-tw5")


# --- properties ---------------------------------------------------------------------------


@given(
    st.lists(st.integers(min_value=0, max_value=500), min_size=4, max_size=4),
    st.lists(st.integers(min_value=1, max_value=500), min_size=4, max_size=4),
)
def test_a_filled_year_to_date_is_the_year(realised: list[int], targets: list[int]) -> None:
    """Cumulative capaian of four filled quarters is the annual capaian (the year's target the
    sum of the quarters', its realisation accumulated), and a projection of a filled year is
    its realisation, by either method."""
    quarters = {
        key: (f"{t} Laporan", f"{r} Laporan")
        for key, t, r in zip(QUARTERS, targets, realised, strict=True)
    }
    text = report_text(quarters, annual=f"{sum(targets)} Laporan", accumulate=True)
    report = lakipcore.loads_report(text)
    assessment = lakipcore.assess(report)
    annual = assessment.scores.period("2024").unit("u").indicator("i")
    for method in ProjectionMethod:
        result = monitoring.monitor(assessment, rules=MonitoringRules(projection=method))
        item = result.unit("u").indicator("i")
        assert annual.capaian == item.capaian
        assert Decimal(sum(realised)) == item.projection


# --- the command line ---------------------------------------------------------------------


def test_lakip_monitor_prints_a_table_and_json(
    capsys: pytest.CaptureFixture[str], tmp_path: object
) -> None:
    from pathlib import Path

    path = Path(str(tmp_path)) / "m.toml"
    path.write_text(
        report_text(COUNTS, annual="40 Laporan", planned=("2024-tw4",)), encoding="utf-8"
    )
    assert 0 == main(["monitor", str(path), "--lang", "en"])
    out = capsys.readouterr().out
    assert "Monitored to 2024-tw3" in out
    assert "behind" in out
    assert "28,00 (projection, 70,00 %)" in out
    assert 0 == main(["monitor", str(path), "--to", "2024-tw1", "--format", "json"])
    document = json.loads(capsys.readouterr().out)
    assert "lakipcore.monitoring/1" == document["schema"]
    item = document["units"][0]["indicators"][0]
    assert "ahead" == item["status"]
    assert Decimal(120) == Decimal(item["capaian"]["exact"])
    jsonschema = pytest.importorskip("jsonschema")
    from lakipcore.schemas import load_schema

    assert [] == list(
        jsonschema.Draft202012Validator(load_schema("monitoring")).iter_errors(document)
    )


def test_to_date_is_read_and_written_by_the_report_file() -> None:
    text = report_text(
        COUNTS, annual="40 Laporan", planned=("2024-tw4",), extra='to-date = "latest"'
    )
    report = lakipcore.loads_report(text)
    assert lakipcore.model.ToDate.LATEST == report.unit("u").indicators[0].to_date
    again = lakipcore.loads_report(lakipcore.dump_report(report))
    assert again.unit("u").indicators[0].to_date == lakipcore.model.ToDate.LATEST
    assert ("2024-tw3",) == progress(text).used


# --- periods that print the year's target (phasing = "annual") ----------------------------


def test_a_count_printing_the_years_target_is_judged_along_a_straight_line() -> None:
    """Each quarter prints the year's 40 beside its realisation ("capaian terhadap target
    tahun"): the target to date is 40 spread over the months, 30 by TW III; 21 realised is
    70 %, not the 17,5 % that 21 of 120 would give."""
    quarters = {key: ("40 Laporan", real) for key, (_, real) in COUNTS.items()}
    item = progress(
        report_text(
            quarters, annual="40 Laporan", planned=("2024-tw4",), extra='phasing = "annual"'
        )
    )
    assert Trajectory.STRAIGHT_LINE == item.trajectory
    assert (Decimal(30), Decimal(21), Decimal(70)) == (
        item.target_to_date,
        item.realised_to_date,
        item.capaian,
    )
    assert Decimal(28) == item.projection


def test_a_level_printing_the_years_target_moves_from_its_baseline() -> None:
    """A percentage from a baseline of 60 % (2023) to 90 % in 2024: by June the line stands
    at 75 %; 78 % realised is 104 %."""
    quarters = {"2024-tw1": ("90%", "70%"), "2024-tw2": ("90%", "78%")}
    extra = 'phasing = "annual"\nbaseline = { value = "60%", year = 2023 }'
    item = progress(report_text(quarters, annual="90%", extra=extra))
    assert Decimal(75) == item.target_to_date
    assert Decimal(104) == item.capaian
    assert Status.ON_TRACK == item.status


@pytest.mark.parametrize(
    ("baseline", "previous", "line", "capaian"),
    [
        # a kondisi awal of the year before: the line starts there (60 % to 90 %: 75 % in June)
        ('baseline = { value = "60%", year = 2023 }', None, "75", "104,00%"),
        # an older kondisi awal (the RPJMD's) is not where 2024 begins: the year's target
        ('baseline = { value = "60%", year = 2019 }', None, "90", "86,67%"),
        # the previous year's realisation, where the report scores one, comes first
        ('baseline = { value = "60%", year = 2023 }', "66%", "78", "100,00%"),
    ],
)
def test_a_levels_straight_line_starts_where_the_year_begins(
    baseline: str, previous: str | None, line: str, capaian: str
) -> None:
    """Annual phasing of a level: the straight line runs from where the indicator stood when the
    year began (the previous year's realisation, else a baseline of that year) to the year's
    target; without either, the target to date is the year's target."""
    quarters = {"2024-tw1": ("90%", "70%"), "2024-tw2": ("90%", "78%")}
    text = report_text(quarters, annual="90%", extra=f'phasing = "annual"\n{baseline}')
    if previous is not None:
        text = text.replace(
            "[[periods]]\n", '[[periods]]\nkey = "2023"\nmethod = "banten-2019"\n\n[[periods]]\n', 1
        )
        text += f'\n[office.indicators.periods.2023]\ntarget = "80%"\nrealisation = "{previous}"\n'
    item = progress(text)
    assert Decimal(line) == item.target_to_date
    assert capaian == format_percent(item.capaian)


def test_the_audit_checks_that_annual_phasing_prints_the_years_target() -> None:
    quarters = {
        "2024-tw1": ("40 Laporan", "12 Laporan"),
        "2024-tw2": ("40 Laporan", "0 Laporan"),
        "2024-tw3": ("41 Laporan", "9 Laporan"),
        "2024-tw4": ("40 Laporan", None),
    }
    text = report_text(
        quarters, annual="40 Laporan", planned=("2024-tw4",), extra='phasing = "annual"'
    )
    findings = lakipcore.assess(lakipcore.loads_report(text)).findings
    assert findings is not None
    mismatches = [f for f in findings if f.code == "phased-target-mismatch"]
    assert ["2024-tw3"] == [f.period for f in mismatches]
    assert "is not the year's 40" in mismatches[0].message_in("en")


def test_phased_quarters_that_do_not_make_up_the_year_are_an_error() -> None:
    quarters = dict(COUNTS)
    quarters["2024-tw4"] = ("11 Laporan", None)
    text = report_text(quarters, annual="40 Laporan", planned=("2024-tw4",))
    findings = lakipcore.assess(lakipcore.loads_report(text)).findings
    assert findings is not None
    (mismatch,) = [f for f in findings if f.code == "phased-target-mismatch"]
    assert ("2024", Decimal(41)) == (mismatch.period, mismatch.recomputed)
    assert "10 + 10 + 10 + 11 = 41" in mismatch.message_in("en")


def test_a_scored_indicator_is_found_by_period_unit_and_code() -> None:
    """One lookup serves monitoring, its page, its workbook and the audit; the indicator's kind
    is that of its targets."""
    text = report_text(COUNTS, annual="40 Laporan", planned=("2024-tw4",))
    report = lakipcore.loads_report(text)
    scores = lakipcore.assess(report).scores
    found = scores.indicator_at("2024-tw1", "u", "i")
    assert found is not None
    assert Decimal(12) == found.realisation
    assert scores.indicator_at("2024-tw1", "u", "nope") is None
    assert scores.indicator_at("2024-tw1", "nobody", "i") is None
    assert scores.indicator_at("2030", "u", "i") is None
    assert lakipcore.model.MeasureKind.COUNT is report.unit("u").indicators[0].measure_kind
    percent = lakipcore.loads_report(report_text({"2024-tw1": ("80%", "70%")}))
    assert lakipcore.model.MeasureKind.PERCENT is percent.unit("u").indicators[0].measure_kind
