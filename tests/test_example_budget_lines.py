"""Golden tests of ``bua-ma-2019.toml``: the LAKIP 2019 of the Badan Urusan Administrasi
Mahkamah Agung RI, its table of pagu awal, pagu revisi and realisasi per type of spending
(docs/examples.md). The expected figures are the report's own."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

import lakipcore
from lakipcore.audit import Finding, audit
from lakipcore.model import BudgetLine, SpendingType

D = Decimal
PATH = Path(lakipcore.__file__).parent / "data" / "bua-ma-2019.toml"
BUDGET = "office.periods.2019.budget"


@pytest.fixture(scope="module")
def report() -> lakipcore.Report:
    return lakipcore.load_report(PATH)


@pytest.fixture(scope="module")
def findings(report: lakipcore.Report) -> list[Finding]:
    return audit(report, source=PATH.name)


def test_each_row_is_a_type_of_spending_with_its_pagu_awal(report: lakipcore.Report) -> None:
    budget = report.root.budget("2019")
    assert isinstance(budget, BudgetLine)
    rows = [(o.type, o.original, o.pagu, o.realisation) for o in budget.outputs]
    assert rows == [
        (SpendingType.PEGAWAI, D(2592320000), D(1877248000), D(1856657167)),
        (SpendingType.BARANG, D(1008627000), D(1145827000), D(1144390700)),
        (SpendingType.MODAL, D(0), D(26000000), D(25040000)),
    ]
    assert budget.original is None
    assert not budget.revisions


def test_absorption_is_against_the_pagu_revisi(report: lakipcore.Report) -> None:
    office = lakipcore.score_report(report).period("2019").root
    assert office.pagu == D(3049075000)
    assert office.realisation == D(3026087867)
    assert office.absorption is not None
    assert round(office.absorption, 2) == D("99.25")  # as printed on the JUMLAH row
    assert [round(o.absorption or 0, 2) for o in office.outputs] == [
        D("98.90"),
        D("99.87"),
        D("96.31"),
    ]


def test_the_findings_are_the_jumlah_rows_three_amounts(findings: list[Finding]) -> None:
    found = {(f.code.value, f.location.field, f.published, f.recomputed) for f in findings}
    assert found == {
        ("figure-mismatch", f"{BUDGET}.printed.pagu-awal.dipa-01", "3.606.947.000", D(3600947000)),
        ("figure-mismatch", f"{BUDGET}.printed.pagu.dipa-01", "3.055.075.000", D(3049075000)),
        (
            "figure-mismatch",
            f"{BUDGET}.printed.realisation.dipa-01",
            "3.032.087.867",
            D(3026087867),
        ),
    }
    assert all(f.location.line is not None for f in findings)


def test_the_example_round_trips(report: lakipcore.Report) -> None:
    assert lakipcore.loads_report(lakipcore.dump_report(report)) == report
