"""Budget execution during the year: the deviation from the RPD per type of spending, weighted
by the pagu, and absorption against the quarterly trajectory (docs/monitoring.md)."""

from __future__ import annotations

from decimal import Decimal

import pytest

import lakipcore
from lakipcore import monitoring
from lakipcore.monitoring import MonitoringRules, Status, Weighting
from lakipcore.monitoring.budget import SMART_DJA_2022

# (month, pegawai realisation, pegawai RPD, barang realisation, barang RPD); pagu 600 and 400.
MONTHS = (
    ("2024-01", "50", "50", "30", "40"),
    ("2024-02", "50", "50", "50", "40"),
    ("2024-03", "50", "50", "0", "0"),
)


def report_text(months: tuple[tuple[str, str, str, str, str], ...] = MONTHS) -> str:
    lines = ["schema = 2", "", "[report]", 'title = "t"', ""]
    for key, *_ in months:
        lines += ["[[periods]]", f'key = "{key}"', 'method = "banten-2019"', ""]
    lines += ["[office]", 'code = "u"', 'name = "Satker"', ""]
    lines += ["[[office.indicators]]", 'code = "i"', 'name = "Laporan"', ""]
    for key, *_ in months:
        lines += [
            f"[office.indicators.periods.{key}]",
            'target = "1 Laporan"',
            'realisation = "1 Laporan"',
            "",
        ]
    for key, pr, pp, br, bp in months:
        lines += [f"[office.periods.{key}.budget]", 'programme = "DIPA"', ""]
        for code, name, kind, pagu, real, plan in (
            ("51", "Belanja Pegawai", "pegawai", "600", pr, pp),
            ("52", "Belanja Barang", "barang", "400", br, bp),
        ):
            lines += [
                f"[[office.periods.{key}.budget.outputs]]",
                f'code = "{code}"',
                f'name = "{name}"',
            ]
            lines += [
                f'type = "{kind}"',
                f'pagu = "{pagu}"',
                f'realisation = "{real}"',
                f'plan = "{plan}"',
                "",
            ]
    return "\n".join(lines) + "\n"


def execution(text: str, **options: object) -> monitoring.BudgetExecution:
    assessment = lakipcore.assess(lakipcore.loads_report(text))
    (found,) = monitoring.monitor(assessment, **options).budgets  # type: ignore[arg-type]
    return found


def test_the_deviation_is_weighted_by_each_types_share_of_the_pagu() -> None:
    """January: pegawai 50 of 50 deviates 0 %, barang 30 of 40 by 25 %; weighted by 600 and
    400 of the pagu, 10 %. February 10 % too, March 0 %: 20/3 % to date."""
    found = execution(report_text())
    assert [Decimal(10), Decimal(10), Decimal(0)] == [p.deviation for p in found.periods]
    assert found.deviation is not None
    assert Decimal("6.666666667") == round(found.deviation, 9)
    january = found.periods[0]
    assert [Decimal(0), Decimal(25)] == [t.deviation for t in january.types]


def test_the_2022_rule_takes_the_plain_mean() -> None:
    found = execution(report_text(), weighting=Weighting.MEAN)
    assert [Decimal("12.5"), Decimal("12.5"), Decimal(0)] == [p.deviation for p in found.periods]


def test_absorption_is_judged_against_the_trajectory_of_the_quarter_reached() -> None:
    """230 of 1.000 spent by March: 23 %, against SMART's 15 % for TW I: ahead (more than 5
    points above); with a tolerance of 10 points, on track."""
    found = execution(report_text())
    assert (Decimal(230), Decimal(23), Decimal(15)) == (
        found.realisation,
        found.absorption,
        found.target,
    )
    assert Status.AHEAD == found.status
    assert Status.ON_TRACK == execution(report_text(), rules=MonitoringRules(Decimal(10))).status
    assert "smart-dja-2022" == found.trajectory


def test_an_rpd_of_0_with_spending_has_no_deviation_and_says_so() -> None:
    months = (("2024-01", "50", "50", "30", "0"),)
    (period,) = execution(report_text(months)).periods
    assert [Decimal(0), None] == [t.deviation for t in period.types]
    assert Decimal(0) == period.deviation  # pegawai alone
    assert period.note is not None
    assert "RPD of 0" in period.note.render("en")


@pytest.mark.parametrize(
    ("month", "target"),
    [(2, None), (3, Decimal(15)), (5, Decimal(15)), (6, Decimal(40)), (12, Decimal(90))],
)
def test_the_trajectory_target_is_that_of_the_last_quarter_end_reached(
    month: int, target: Decimal | None
) -> None:
    assert target == SMART_DJA_2022.target_at(month)


def test_budget_execution_is_in_the_text_and_the_json() -> None:
    from lakipcore.monitoring.render import monitoring_text, monitoring_to_dict

    result = monitoring.monitor(lakipcore.assess(lakipcore.loads_report(report_text())))
    text = monitoring_text(result, lang="en")
    assert "absorption to 2024-03 23,00 % of the pagu 1.000" in text
    assert "mean deviation from the RPD 6,67 %" in text
    document = monitoring_to_dict(result)
    (budget,) = document["budgets"]
    assert "ahead" == budget["status"]
    jsonschema = pytest.importorskip("jsonschema")
    from lakipcore.schemas import load_schema

    assert [] == list(
        jsonschema.Draft202012Validator(load_schema("monitoring")).iter_errors(document)
    )
