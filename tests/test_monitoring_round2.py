"""Monitoring's edge cases, second round (the reviewer's confirmed defects A–F): range
targets in sums, lines and projections; a period not targeted is not missing; the periods'
budget notes in the outputs; predikat shown as labels; the chart's realisations; a derived
realisation through the workbook."""

from __future__ import annotations

from decimal import Decimal

import pytest

from extras import require
from lakipcore import monitoring
from lakipcore.monitoring import Status
from lakipcore.monitoring.render import monitoring_text, monitoring_to_dict
from test_monitoring_edges import assessed, progress, report_text

# --- A: range targets -----------------------------------------------------------------------

RANGE_CASES = [
    # 18 inside 8–10 + 8–10 = 16–20: 100 %, on track (not 18 / 16 = 112,5 % ahead).
    pytest.param(
        {"2024-tw1": ("8 - 10 Laporan", "9 Laporan"), "2024-tw2": ("8 - 10 Laporan", "9 Laporan")},
        {},
        "",
        (None, None, Decimal(16), Decimal(20), Decimal(18), Decimal(100), Status.ON_TRACK),
        (None, None),
        id="cumulative-inside",
    ),
    # 22 above 8–10 + 10 = 18–20: against the upper end, 22 / 20 = 110 %.
    pytest.param(
        {"2024-tw1": ("8 - 10 Laporan", "9 Laporan"), "2024-tw2": ("10 Laporan", "13 Laporan")},
        {},
        "",
        (None, None, Decimal(18), Decimal(20), Decimal(22), Decimal(110), Status.AHEAD),
        (None, None),
        id="cumulative-plain-and-range-above",
    ),
    # The year keeps its range 80–90: 85 projects to 85, 100 % (not 106,25).
    pytest.param(
        {"2024-tw1": ("80 - 90%", "85%")},
        {"annual": "80 - 90%"},
        "",
        (
            Decimal(80),
            Decimal(90),
            Decimal(80),
            Decimal(90),
            Decimal(85),
            Decimal(100),
            Status.ON_TRACK,
        ),
        (Decimal(85), Decimal(100)),
        id="latest-annual-range",
    ),
    # Straight-line phasing spreads both ends: 85 inside 80–90, 100 % on track.
    pytest.param(
        {"2024-tw1": ("80 - 90%", "85%")},
        {},
        'phasing = "annual"',
        (
            Decimal(80),
            Decimal(90),
            Decimal(80),
            Decimal(90),
            Decimal(85),
            Decimal(100),
            Status.ON_TRACK,
        ),
        (Decimal(85), Decimal(100)),
        id="straight-line-range",
    ),
]


@pytest.mark.parametrize(("quarters", "options", "extra", "expected", "projected"), RANGE_CASES)
def test_a_range_target_is_met_inside_its_range(
    quarters: dict[str, tuple[str, str | None]],
    options: dict[str, str],
    extra: str,
    expected: tuple[object, ...],
    projected: tuple[object, object],
) -> None:
    item = progress(report_text(quarters, extra=extra, **options))
    assert expected == (
        item.annual_target,
        item.annual_target_upper,
        item.target_to_date,
        item.target_to_date_upper,
        item.realised_to_date,
        item.capaian,
        item.status,
    )
    assert projected == (item.projection, item.projected_capaian)


def test_straight_line_phasing_of_a_range_spreads_both_ends() -> None:
    """A count's year of 40–60 Laporan on a straight line: 10–15 by TW I; 9 is below it,
    9 / 10 = 90 %."""
    text = report_text({"2024-tw1": ("40 - 60 Laporan", "9 Laporan")}, extra='phasing = "annual"')
    item = progress(text)
    assert (Decimal(10), Decimal(15), Decimal(90), Status.BEHIND) == (
        item.target_to_date,
        item.target_to_date_upper,
        item.capaian,
        item.status,
    )


def test_a_range_target_to_date_is_shown_with_both_ends() -> None:
    quarters = {
        "2024-tw1": ("8 - 10 Laporan", "9 Laporan"),
        "2024-tw2": ("8 - 10 Laporan", "9 Laporan"),
    }
    result = monitoring.monitor(assessed(report_text(quarters)))
    (item,) = monitoring_to_dict(result, lang="en")["units"][0]["indicators"]
    assert {"exact": "16", "shown": "16,00\u201320,00"} == item["target_to_date"]
    assert {"exact": "100", "shown": "100,00"} == item["capaian"]
    assert "16,00\u201320,00" in monitoring_text(result, lang="en")


def test_the_rows_the_notebook_and_the_page_show_both_ends_too() -> None:
    """The rows' ``_shown``, the notebook table and the page cell show a range target to date
    with both ends; the exact figure (and its title on the page) keeps the lower end first."""
    from lakipcore.monitoring.notebook import markdown
    from lakipcore.monitoring.page import monitoring_page
    from lakipcore.monitoring.rows import progress_rows

    quarters = {
        "2024-tw1": ("8 - 10 Laporan", "9 Laporan"),
        "2024-tw2": ("8 - 10 Laporan", "9 Laporan"),
    }
    assessment = assessed(report_text(quarters))
    result = monitoring.monitor(assessment)
    (row,) = progress_rows(result)
    assert ("16", "16,00\u201320,00") == (row["target_to_date"], row["target_to_date_shown"])
    assert "16,00\u201320,00" in markdown(result, lang="en")
    page = monitoring_page(result, assessment, lang="en")
    assert '<span title="16\u201320">16,00\u201320,00</span>' in page


# --- C: a period not targeted is not missing ------------------------------------------------


def test_a_period_not_targeted_is_not_missing() -> None:
    quarters: dict[str, tuple[str, str | None]] = {
        "2024-tw1": ("Tidak ditargetkan", None),
        "2024-tw2": ("10 Laporan", "n/a"),
        "2024-tw3": ("10 Laporan", "8 Laporan"),
    }
    item = progress(report_text(quarters))
    assert (("2024-tw2",), ("2024-tw3",)) == (item.missing, item.used)
    assert (Decimal(10), Decimal(8), Decimal(80), Status.BEHIND) == (
        item.target_to_date,
        item.realised_to_date,
        item.capaian,
        item.status,
    )
    result = monitoring.monitor(assessed(report_text(quarters)))
    (shown,) = monitoring_to_dict(result, lang="en")["units"][0]["indicators"]
    assert ["2024-tw2"] == shown["missing"]


# --- D: the period's note in the outputs ----------------------------------------------------


def test_the_period_s_note_is_in_the_json_and_the_text() -> None:
    from lakipcore.schemas import load_schema
    from test_monitoring_edges import budget_text

    outputs = (("barang", "80", "100"), ("modal", "50", "0"))
    result = monitoring.monitor(assessed(budget_text(outputs)))
    (budget,) = monitoring_to_dict(result, lang="en")["budgets"]
    notes = [period["note"] for period in budget["periods"]]
    assert [
        "a type of spending with an RPD of 0 and spending has no deviation; left out of 2024-01",
        "a type of spending with an RPD of 0 and spending has no deviation; left out of 2024-02",
    ] == notes
    text = monitoring_text(result, lang="en")
    assert "    2024-02: a type of spending with an RPD of 0 and spending has no deviation" in text
    clean = monitoring.monitor(assessed(budget_text((("barang", "80", "100"),))))
    (plain,) = monitoring_to_dict(clean, lang="en")["budgets"]
    assert [None, None] == [period["note"] for period in plain["periods"]]
    jsonschema = require("jsonschema")
    for document in (monitoring_to_dict(result), monitoring_to_dict(clean)):
        jsonschema.validate(document, load_schema("monitoring"))


# --- B: a predikat is shown by its label ----------------------------------------------------


def test_a_predikat_is_shown_by_its_label() -> None:
    from lakipcore.monitoring.notebook import markdown
    from lakipcore.monitoring.page import monitoring_page
    from lakipcore.monitoring.rows import progress_rows

    text = report_text(
        {"2024-tw1": ("WTP", "WDP"), "2024-tw2": ("WTP", "WTP")},
        annual="WTP",
        extra='ordinal = "opini-bpk"',
    )
    assessment = assessed(text)
    result = monitoring.monitor(assessment)
    item = result.unit("u").indicator("i")
    # The numbers stay for arithmetic: WTP is the fourth level of opini-bpk.
    assert (Decimal(4), Decimal(4), Decimal(4), Decimal(100)) == (
        item.annual_target,
        item.target_to_date,
        item.realised_to_date,
        item.capaian,
    )
    (shown,) = monitoring_to_dict(result, lang="en")["units"][0]["indicators"]
    assert [{"exact": "4", "shown": "WTP"}] * 3 == [
        shown["annual_target"],
        shown["target_to_date"],
        shown["realised_to_date"],
    ]
    assert {"exact": "100", "shown": "100,00"} == shown["capaian"]
    (row,) = progress_rows(result)
    assert ("WTP", "WTP", "WTP", "100,00") == (
        row["annual_target_shown"],
        row["target_to_date_shown"],
        row["realised_to_date_shown"],
        row["capaian_shown"],
    )
    line = next(x for x in monitoring_text(result, lang="en").splitlines() if x.startswith("  i "))
    assert line.split()[1:4] == ["WTP", "WTP", "100,00"]
    assert "| WTP | WTP | 100,00 |" in markdown(result, lang="en")
    page = monitoring_page(result, assessment, lang="en")
    assert '<td class="num realised"><span title="4">WTP</span></td>' in page
    assert "Realisation: TW I WDP, TW II WTP" in page


# --- E: the chart draws the realisations monitoring counted ---------------------------------


def test_the_chart_draws_a_quarter_with_a_target_of_0() -> None:
    from lakipcore.model import ReportPeriod
    from lakipcore.monitoring.page.series import drawn

    text = report_text(
        {"2024-tw1": ("0 Laporan", "3 Laporan"), "2024-tw2": ("10 Laporan", "10 Laporan")}
    )
    assessment = assessed(text)
    result = monitoring.monitor(assessment)
    item = result.unit("u").indicator("i")
    assert Decimal(13) == item.realised_to_date
    periods: list[ReportPeriod] = [p for p in assessment.report.periods if p.key in result.periods]
    chart = drawn(result, assessment, periods, item, str)
    assert [("2024-tw1", Decimal(3)), ("2024-tw2", Decimal(13))] == [
        (p.period, p.value) for p in chart.realised
    ]
