"""Monitoring's edge cases (the reviewer's confirmed defects): a period whose own capaian is
undefined (a target of 0, the inverse ratio of 0) is still filled and its realisation counts;
two series of "s.d." periods ending together; the caller's decimal context; a negative target;
a budget without RPD; arguments of the wrong type; a figure too wide for Arrow."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

import lakipcore
from extras import require
from lakipcore import monitoring
from lakipcore.cli import main
from lakipcore.errors import LakipTypeError, LakipValueError, UnknownNameError
from lakipcore.monitoring import MonitoringRules, ProjectionMethod, Status, Weighting
from lakipcore.monitoring.page import monitoring_page
from lakipcore.monitoring.render import monitoring_text, monitoring_to_dict
from strategies import hostile_context

QUARTERS = ("2024-tw1", "2024-tw2", "2024-tw3", "2024-tw4")
STRAIGHT = MonitoringRules(projection=ProjectionMethod.STRAIGHT_LINE)


def report_text(
    quarters: dict[str, tuple[str, str | None]], *, annual: str | None = None, extra: str = ""
) -> str:
    """One indicator over the quarters of 2024: each quarter's (target, realisation)."""
    lines = ["schema = 2", "[report]", 'title = "t"']
    for key in (*QUARTERS, "2024"):
        lines += ["[[periods]]", f'key = "{key}"', 'method = "banten-2019"']
        if key == "2024":
            lines.append("planned = true")
    lines += ["[office]", 'code = "u"', 'name = "Unit"', "[[office.indicators]]"]
    lines += ['code = "i"', 'name = "Indikator"', extra]
    for key, (target, realisation) in quarters.items():
        lines += [f"[office.indicators.periods.{key}]", f'target = "{target}"']
        if realisation is not None:
            lines.append(f'realisation = "{realisation}"')
    if annual is not None:
        lines += ["[office.indicators.periods.2024]", f'target = "{annual}"']
    return "\n".join(lines) + "\n"


def assessed(text: str) -> lakipcore.Assessment:
    return lakipcore.assess(lakipcore.loads_report(text))


def progress(text: str, **options: object) -> monitoring.IndicatorProgress:
    result = monitoring.monitor(assessed(text), **options)  # type: ignore[arg-type]
    return result.unit("u").indicator("i")


INVERSE = 'polarity = "lower"\nformula = "inverse-ratio"'


# --- 1: the straight line through a period scoring gave no capaian ------------------------


@pytest.mark.parametrize(
    ("quarters", "extra", "annual", "projection", "projected"),
    [
        # A target of 0 in TW I: the line through 5 (March) and 70 (June) reaches 200 by
        # December; 200 against the year's 80 is 250 %.
        (
            {"2024-tw1": ("0%", "5%"), "2024-tw2": ("80%", "70%")},
            "",
            "80%",
            Decimal(200),
            Decimal(250),
        ),
        # The inverse ratio of a realisation of 0 in TW I: 0 (March) to 2 (June) reaches 6;
        # 5 / 6 = 83,33 %.
        (
            {"2024-tw1": ("5%", "0%"), "2024-tw2": ("5%", "2%")},
            INVERSE,
            "5%",
            Decimal(6),
            Decimal("83.3333333333"),
        ),
    ],
)
def test_the_straight_line_uses_the_realisation_of_a_period_without_capaian(
    quarters: dict[str, tuple[str, str | None]],
    extra: str,
    annual: str,
    projection: Decimal,
    projected: Decimal,
) -> None:
    item = progress(report_text(quarters, annual=annual, extra=extra), rules=STRAIGHT)
    assert ("2024-tw2",) == item.used
    assert (projection, ProjectionMethod.STRAIGHT_LINE) == (
        item.projection,
        item.projection_method,
    )
    assert item.projected_capaian is not None
    assert projected == round(item.projected_capaian, 10)
    assert item.projection_reason is None


def test_the_command_prints_the_straight_line_projection(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "f.toml"
    path.write_text(
        report_text({"2024-tw1": ("0%", "5%"), "2024-tw2": ("80%", "70%")}), encoding="utf-8"
    )
    assert 0 == main(["monitor", str(path), "--projection", "straight-line", "--format", "json"])
    (item,) = json.loads(capsys.readouterr().out)["units"][0]["indicators"]
    assert {"method": "straight-line", "exact": "200"} == {
        "method": item["projection"]["method"],
        "exact": item["projection"]["realisation"]["exact"],
    }


# --- 3: a quarter's target of 0 in a cumulative sum -----------------------------------------


@pytest.mark.parametrize(
    ("quarters", "target", "realised", "capaian", "status"),
    [
        # TW I 0 of 0: Σ 17 of Σ 20 = 85 %.
        (
            {
                "2024-tw1": ("0 Laporan", "0 Laporan"),
                "2024-tw2": ("10 Laporan", "8 Laporan"),
                "2024-tw3": ("10 Laporan", "9 Laporan"),
            },
            Decimal(20),
            Decimal(17),
            Decimal(85),
            Status.BEHIND,
        ),
        # TW I 3 realised against 0: Σ 13 of Σ 10 = 130 %.
        (
            {"2024-tw1": ("0 Laporan", "3 Laporan"), "2024-tw2": ("10 Laporan", "10 Laporan")},
            Decimal(10),
            Decimal(13),
            Decimal(130),
            Status.AHEAD,
        ),
    ],
)
def test_a_quarter_with_a_target_of_0_counts_in_the_sums(
    quarters: dict[str, tuple[str, str | None]],
    target: Decimal,
    realised: Decimal,
    capaian: Decimal,
    status: Status,
) -> None:
    item = progress(report_text(quarters))
    assert tuple(quarters) == item.used
    assert (target, realised, capaian, status) == (
        item.target_to_date,
        item.realised_to_date,
        item.capaian,
        item.status,
    )


def test_the_sum_of_targets_of_0_is_not_scorable_with_the_formula_s_reason() -> None:
    quarters = {"2024-tw1": ("0 Laporan", "3 Laporan"), "2024-tw2": ("0 Laporan", "1 Laporan")}
    item = progress(report_text(quarters))
    assert (Status.NOT_SCORABLE, None) == (item.status, item.capaian)
    assert item.reason.render("en").startswith("capaian to date undefined: ")
    assert "zero target" in item.reason.render("en")


# --- 4: the latest filled period by default -------------------------------------------------


@pytest.mark.parametrize(
    ("quarters", "extra"),
    [
        ({"2024-tw1": ("80%", "70%"), "2024-tw2": ("0%", "5%")}, ""),
        ({"2024-tw1": ("5%", "4%"), "2024-tw2": ("5%", "0%")}, INVERSE),
    ],
)
def test_the_default_date_is_a_period_filled_beside_an_undefined_capaian(
    quarters: dict[str, tuple[str, str | None]], extra: str
) -> None:
    result = monitoring.monitor(assessed(report_text(quarters, extra=extra)))
    item = result.unit("u").indicator("i")
    assert ("2024-tw2", ("2024-tw2",), ()) == (result.to, item.used, item.missing)
    assert Status.NOT_SCORABLE == item.status


# --- 2: two series of "s.d." periods ending together ----------------------------------------

SD_TWO_SERIES = """schema = 2
[report]
title = "t"
[[periods]]
key = "2024-sd-03"
method = "pooled-sum"
[[periods]]
key = "2024-sd-tw1"
method = "pooled-sum"
[office]
code = "u"
name = "U"
[[office.indicators]]
code = "i"
name = "I"
[office.indicators.periods.2024-sd-03]
target = "80%"
realisation = "70%"
[office.indicators.periods.2024-sd-tw1]
target = "80%"
realisation = "72%"
"""


def test_an_sd_month_and_an_sd_quarter_series_are_two_kinds() -> None:
    assessment = assessed(SD_TWO_SERIES)
    with pytest.raises(UnknownNameError) as raised:
        monitoring.monitor(assessment, rules=STRAIGHT)
    assert "to" == raised.value.field
    assert (
        "the report has periods of several kinds in 2024 (cumulative sd-MM, cumulative "
        "sd-twN): say which to monitor with the period to monitor to"
    ) == raised.value.message_in("en")


@pytest.mark.parametrize(("to", "realised"), [("2024-sd-tw1", "72"), ("2024-sd-03", "70")])
def test_the_period_to_monitor_to_chooses_its_series(to: str, realised: str) -> None:
    result = monitoring.monitor(assessed(SD_TWO_SERIES), to=to, rules=STRAIGHT)
    item = result.unit("u").indicator("i")
    assert ((to,), (to,), Decimal(realised)) == (result.periods, item.used, item.realised_to_date)
    assert item.projection is None  # one period: no line
    assert "two filled periods" in item.projection_reason.render("en")  # type: ignore[union-attr]


# --- 6: the caller's decimal context --------------------------------------------------------


@pytest.mark.parametrize(
    ("capaian", "tolerance", "status"),
    [
        ("104", "5", Status.ON_TRACK),
        ("105", "5", Status.ON_TRACK),
        ("105.01", "5", Status.AHEAD),
        ("94.99", "5", Status.BEHIND),
        ("105.5", "5.5", Status.ON_TRACK),
        ("105.51", "5.5", Status.AHEAD),
        ("94.5", "5.5", Status.ON_TRACK),
        ("94.49", "5.5", Status.BEHIND),
    ],
)
def test_the_status_ignores_the_caller_s_context(
    capaian: str, tolerance: str, status: Status
) -> None:
    rules = MonitoringRules(tolerance=Decimal(tolerance))
    with hostile_context():
        assert status == rules.status(Decimal(capaian))


def test_monitoring_in_a_hostile_context_equals_monitoring_in_the_default() -> None:
    text = report_text({"2024-tw1": ("100%", "104%")})
    rules = MonitoringRules(tolerance=Decimal("5.5"))
    expected = progress(text, rules=rules)
    with hostile_context():
        assert expected == progress(text, rules=rules)
    assert Status.ON_TRACK == expected.status


def test_the_page_header_ignores_the_caller_s_context() -> None:
    assessment = assessed(report_text({"2024-tw1": ("100%", "104%")}))
    result = monitoring.monitor(assessment, rules=MonitoringRules(tolerance=Decimal("5.5")))
    with hostile_context():
        page = monitoring_page(result, assessment, lang="en")
    assert "94,5% to 105,5% is on track" in page


# --- 7: a negative target -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("quarter", "annual", "shown"),
    [
        (("-2%", "1%"), "5%", "5,00 and -2,00"),
        (("2%", "1%"), "-5%", "-5,00 and 2,00"),
    ],
)
def test_the_trajectory_does_not_project_from_a_target_below_0(
    quarter: tuple[str, str], annual: str, shown: str
) -> None:
    item = progress(report_text({"2024-tw1": quarter}, annual=annual))
    assert (None, None, ProjectionMethod.TRAJECTORY) == (
        item.projection,
        item.projected_capaian,
        item.projection_method,
    )
    assert (
        "the trajectory method needs the year's target and the target to date above 0, got " + shown
    ) == item.projection_reason.render("en")  # type: ignore[union-attr]


# --- 8: a budget without RPD ----------------------------------------------------------------


def budget_text(outputs: tuple[tuple[str, str, str | None], ...]) -> str:
    """Two months of a count and a budget: each output (type, realisation, RPD or None),
    pagu 1.000 each."""
    lines = ["schema = 2", "[report]", 'title = "t"']
    for key in ("2024-01", "2024-02"):
        lines += ["[[periods]]", f'key = "{key}"', 'method = "pooled-sum"']
    lines += ["[office]", 'code = "u"', 'name = "U"', "[[office.indicators]]"]
    lines += ['code = "i"', 'name = "I"']
    for key in ("2024-01", "2024-02"):
        lines += [f"[office.indicators.periods.{key}]", 'target = "1 Laporan"']
        lines += ['realisation = "1 Laporan"']
    for key in ("2024-01", "2024-02"):
        lines += [f"[office.periods.{key}.budget]", 'programme = "DIPA"']
        for kind, realisation, plan in outputs:
            lines += [f"[[office.periods.{key}.budget.outputs]]", f'name = "Belanja {kind}"']
            lines += [f'type = "{kind}"', 'pagu = "1.000"', f'realisation = "{realisation}"']
            if plan is not None:
                lines.append(f'plan = "{plan}"')
    return "\n".join(lines) + "\n"


def test_a_budget_without_rpd_has_no_deviation_and_says_why() -> None:
    result = monitoring.monitor(assessed(budget_text((("barang", "80", None),))))
    (execution,) = result.budgets
    assert execution.deviation is None
    for period in execution.periods:
        (kind,) = period.types
        assert (None, None, None) == (kind.plan, kind.deviation, period.deviation)
        assert period.note is not None
        assert (
            f"a type of spending without an RPD has no deviation; left out of {period.period}"
        ) == period.note.render("en")
    assert monitoring_text(result, lang="en").endswith(
        "mean deviation from the RPD - %\n"
        "    2024-01: a type of spending without an RPD has no deviation; left out of 2024-01\n"
        "    2024-02: a type of spending without an RPD has no deviation; left out of 2024-02"
    )
    (budget,) = monitoring_to_dict(result)["budgets"]
    assert (None, None) == (budget["deviation"], budget["periods"][0]["types"][0]["plan"])


def test_a_type_without_rpd_is_left_out_and_the_others_deviate() -> None:
    """Barang 80 of an RPD of 100 deviates by 20 %; modal has no RPD and is left out, not
    counted as an RPD of 0."""
    outputs = (("barang", "80", "100"), ("modal", "50", None))
    (execution,) = monitoring.monitor(assessed(budget_text(outputs))).budgets
    for period in execution.periods:
        barang, modal = period.types
        assert (Decimal(100), Decimal(20)) == (barang.plan, barang.deviation)
        assert (None, None) == (modal.plan, modal.deviation)
        assert Decimal(20) == period.deviation
        assert period.note is not None
        assert "without an RPD" in period.note.render("en")
    assert Decimal(20) == execution.deviation


# --- 10: arguments of the wrong type, a figure too wide -------------------------------------


@pytest.mark.parametrize(
    ("options", "field", "message"),
    [
        ({"rules": None}, "rules", "rules must be of type MonitoringRules, got NoneType"),
        (
            {"trajectory": None},
            "trajectory",
            "trajectory must be of type AbsorptionTrajectory, got NoneType",
        ),
        (
            {"weighting": "mean"},
            "weighting",
            "expected a Weighting member, got 'mean'; use Weighting.from_name() to look one up "
            "by name",
        ),
    ],
)
def test_monitor_refuses_arguments_of_the_wrong_type(
    options: dict[str, object], field: str, message: str
) -> None:
    assessment = assessed(budget_text((("barang", "80", "100"),)))
    with pytest.raises(LakipTypeError) as raised:
        monitoring.monitor(assessment, **options)  # type: ignore[arg-type]
    assert (field, message) == (raised.value.field, raised.value.message_in("en"))


def test_monitor_refuses_a_report_and_says_how_to_assess_it() -> None:
    report = lakipcore.loads_report(budget_text((("barang", "80", "100"),)))
    with pytest.raises(LakipTypeError) as raised:
        monitoring.monitor(report)  # type: ignore[arg-type]
    assert "assessment" == raised.value.field
    assert (
        "monitor reads an Assessment, got Report; make one with lakipcore.assess(report)"
    ) == raised.value.message_in("en")


def test_monitor_still_takes_a_weighting_by_member() -> None:
    assessment = assessed(budget_text((("barang", "80", "100"), ("modal", "0", "100"))))
    (execution,) = monitoring.monitor(assessment, weighting=Weighting.MEAN).budgets
    assert Decimal(60) == execution.deviation  # (20 + 100) / 2


def test_to_arrow_refuses_a_figure_wider_than_decimal128() -> None:
    require("pyarrow")
    from lakipcore.monitoring.rows import to_arrow

    text = report_text({"2024-tw1": ("1 Laporan", "100000000000000000000000000000 Laporan")})
    result = monitoring.monitor(assessed(text))
    with pytest.raises(LakipValueError) as raised:
        to_arrow(result)
    assert "does not fit decimal128(38, 10)" in raised.value.message_in("en")
    assert 1 == to_arrow(result, scale=0).num_rows


@pytest.mark.parametrize("scale", [-1, 31, True, "10"])
def test_to_arrow_refuses_a_scale_outside_0_to_30(scale: object) -> None:
    require("pyarrow")
    from lakipcore.monitoring.rows import to_arrow

    result = monitoring.monitor(assessed(report_text({"2024-tw1": ("1 Laporan", "1 Laporan")})))
    with pytest.raises(LakipValueError) as raised:
        to_arrow(result, scale=scale)  # type: ignore[arg-type]
    assert "scale" == raised.value.field
    assert raised.value.message_in("en").startswith("scale must be a whole number from 0 to 30")
