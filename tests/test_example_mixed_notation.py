"""Golden tests of ``setda-sumut-2021.toml``: Tabel 19 of the Laporan Kinerja 2021 of the
Sekretariat Daerah Provinsi Sumatera Utara, a table in two notations.

Its amounts group thousands with ``.`` (``749.930.215``) and its CAPAIAN REALISASI ANGGARAN
(%) column writes decimals after a point (``93.6``). The expected figures are the report's
own (docs/examples.md gives the source); the audit's findings on it are listed and asserted.
"""

from __future__ import annotations

from decimal import Decimal
from importlib.resources import files

import pytest

from lakipcore import dump_report, format_percent, load_report, loads_report, score_report
from lakipcore.audit import audit
from lakipcore.model import BudgetLine, ColumnUnit, Quantity, Report
from lakipcore.notation import Notation

EXAMPLE = files("lakipcore.data") / "setda-sumut-2021.toml"
TEXT = EXAMPLE.read_text(encoding="utf-8")
OUTPUTS = "office.periods.2021.budget.outputs"

# (pagu, realisasi, capaian realisasi anggaran) of each sub kegiatan row, as printed.
ROWS = [
    ("749.930.215", "702.188.300", "93.6"),
    ("216.194.000", "188.957.200", "87.4"),
    ("378.896.500", "351.953.546", "92.9"),
    ("398.379.650", "307.055.630", "80.5"),
]


@pytest.fixture(scope="module")
def report() -> Report:
    return load_report(str(EXAMPLE))


def _budget(report: Report) -> BudgetLine:
    budget = report.root.at("2021").budget
    assert isinstance(budget, BudgetLine)
    return budget


def test_the_table_declares_its_columns(report: Report) -> None:
    table = report.table("tabel-19")
    assert Notation.INDONESIAN is report.notation
    assert table.notation is None  # the report's
    assert Notation.DECIMAL_POINT is table.notation_of(Quantity.ABSORPTION, report.notation)
    assert Notation.INDONESIAN is table.notation_of(Quantity.PAGU, report.notation)
    assert ColumnUnit.PERCENT is table.unit_of(Quantity.ABSORPTION)
    assert ColumnUnit.RUPIAH is table.unit_of(Quantity.PAGU)
    assert ColumnUnit.RUPIAH is table.unit_of(Quantity.REALISATION)


def test_every_printed_figure_is_kept_as_printed_and_read_in_its_columns_notation(
    report: Report,
) -> None:
    budget = _budget(report)
    printed = [
        tuple(
            next(f for f in output.printed if f.quantity is q).text
            for q in (Quantity.PAGU, Quantity.REALISATION, Quantity.ABSORPTION)
        )
        for output in budget.outputs
    ]
    assert ROWS == printed
    values = [
        [str(f.figure().value) for f in output.printed if f.quantity is Quantity.ABSORPTION]
        for output in budget.outputs
    ]
    assert [["93.6"], ["87.4"], ["92.9"], ["80.5"]] == values
    amounts = [f.figure().value for f in budget.outputs[0].printed if f.quantity is Quantity.PAGU]
    assert [Decimal("749930215")] == amounts
    (programme,) = budget.printed
    assert ("88.6", Decimal("88.6")) == (programme.text, programme.figure().value)


def test_the_inputs_are_the_amounts(report: Report) -> None:
    budget = _budget(report)
    assert [Decimal(p.replace(".", "")) for p, _, _ in ROWS] == [o.pagu for o in budget.outputs]
    assert Decimal("1743400365") == budget.pagu
    assert Decimal("1550154676") == budget.realisation


def test_the_absorption_recomputed(report: Report) -> None:
    """The four lines recompute to 93,63, 87,40, 92,89 and 77,08 %; the programme to 88,92 %."""
    unit = score_report(report).current.unit("setda-sumut")
    assert "88,92%" == format_percent(unit.absorption)
    budget = _budget(report)
    rates = [format_percent(o.realisation * 100 / o.pagu) for o in budget.outputs]
    assert ["93,63%", "87,40%", "92,89%", "77,08%"] == rates


def test_the_audit_reports_the_two_lines_that_do_not_recompute(report: Report) -> None:
    """Two figure-mismatch errors, written in the column's notation; no malformed figure and
    no missing-percent-sign note for the bare percentages of the "%" column."""
    findings = [
        (f.code.value, f.severity.value, f.location.field, f.location.line, f.published)
        for f in audit(report)
    ]
    assert [
        (
            "figure-mismatch",
            "error",
            "office.periods.2021.budget.printed.absorption.tabel-19",
            TEXT.splitlines().index('printed.absorption = { tabel-19 = "88.6" }') + 1,
            "88.6",
        ),
        (
            "figure-mismatch",
            "error",
            f"{OUTPUTS}[3].printed.absorption.tabel-19",
            TEXT.splitlines().index('printed.absorption = { tabel-19 = "80.5" }') + 1,
            "80.5",
        ),
    ] == findings
    texts = [f.text.render("en") for f in audit(report)]
    assert texts[0].startswith("published 88.6 but the inputs give 88.9 (exact 88.9156")
    assert texts[1].startswith("published 80.5 but the inputs give 77.1 (exact 77.0761")
    assert texts[1].endswith("3.4 too high")


def test_without_the_column_facts_every_percentage_is_malformed() -> None:
    """Read in the report's notation alone, the five percentages are not figures: the audit
    would report five malformed-figure errors, three of them right values in the other
    notation."""
    line = next(line for line in TEXT.splitlines() if line.startswith("columns = "))
    findings = audit(loads_report(TEXT.replace(line + "\n", "")))
    assert 5 * ["malformed-figure"] == [f.code.value for f in findings]
    agreeing = [f.published for f in findings if "which agrees" in f.text.render("en")]
    assert ["93.6", "87.4", "92.9"] == agreeing


def test_it_round_trips(report: Report) -> None:
    written = dump_report(report)
    assert report == loads_report(written)
    assert (
        'columns = { pagu = { unit = "Rp" }, realisation = { unit = "Rp" }, absorption = '
        '{ notation = "decimal-point", unit = "%" } }'
    ) in written
    assert 'printed.absorption = { tabel-19 = "93.6" }' in written
