"""Golden tests of ``lapas-baubau-2022-s1.toml``: the LAKIP Semester I 2022 of the Lembaga
Pemasyarakatan Kelas IIA Baubau (docs/examples.md): the year 2021 beside the semester, two
percentage indicators, and two monthly tables (JAN to MEI) with their JUMLAH and RATA-RATA.

The expected figures are the report's own (flipbook pages 36, 51 and 58). A printed figure the
report gets wrong is expected as an audit finding, never as a score. The example-wide tests
(round trip, finding fields, source header) are in ``tests/test_examples.py``.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

import lakipcore
from lakipcore.audit import Finding, Severity, Subject, audit
from lakipcore.cli import main
from lakipcore.figures import format_percent
from lakipcore.formats.toml import loads_report
from lakipcore.model import EvidenceTable
from lakipcore.rounding import Rounding
from lakipcore.scoring import ReportScore, score_report
from lakipcore.scoring.evidence import rule_value

D = Decimal
NAME = "lapas-baubau-2022-s1.toml"
PATH = Path(lakipcore.__file__).parent / "data" / NAME
OFFICE = "lapas-baubau"


@pytest.fixture(scope="module")
def report() -> lakipcore.Report:
    return lakipcore.load_report(PATH)


@pytest.fixture(scope="module")
def score(report: lakipcore.Report) -> ReportScore:
    return score_report(report)


@pytest.fixture(scope="module")
def findings(report: lakipcore.Report) -> list[Finding]:
    return list(audit(report))


def _capaian(score: ReportScore, period: str, code: str) -> Decimal | None:
    return score.period(period).root.indicator(code).capaian


def _table(report: lakipcore.Report, table: str) -> EvidenceTable:
    return next(t for t in report.root.evidence("2022-sd-05") if t.id == table)


# --- the shape ------------------------------------------------------------------------------


def test_periods_are_the_year_the_months_to_mei_and_the_semester(
    report: lakipcore.Report, score: ReportScore
) -> None:
    """TAHUN 2021 (annual), the monthly tables' JAN..MEI (s.d. Mei 2022) and the semester;
    three kinds, so no change between them."""
    assert [(p.key, p.kind.value) for p in report.periods] == [
        ("2021", "annual"),
        ("2022-sd-05", "cumulative"),
        ("2022-s1", "semester"),
    ]
    assert report.main == "2022-s1"
    assert score.changes == ()


def test_a_single_unit_with_two_indicators_and_one_table_each(report: lakipcore.Report) -> None:
    """The Lapas reports on itself; Tabel 3.15 and 3.36 print one indicator each."""
    assert report.root.code == OFFICE
    assert report.root.units == ()
    assert [i.code for i in report.root.indicators] == ["1.5", "2.5"]
    scopes = {t.id: (t.kind.value, t.scope.value if t.scope else None) for t in report.tables}
    assert scopes["tabel-3-15"] == ("indicators", "one-indicator")
    assert scopes["tabel-3-36"] == ("indicators", "one-indicator")


# --- the indicators: Tabel 3.15 and Tabel 3.36 ----------------------------------------------


@pytest.mark.parametrize(
    ("period", "code", "printed"),
    [
        ("2021", "1.5", "100%"),  # Tabel 3.15: 75% / 75%
        ("2022-s1", "1.5", "125%"),  # Tabel 3.15: 100% / 80%
        ("2021", "2.5", "100%"),  # Tabel 3.36: 13% / 13%
    ],
)
def test_capaian_as_printed(score: ReportScore, period: str, code: str, printed: str) -> None:
    """Capaian (columns 5 = 4/3x100% and 8 = 7/6x100%) at the whole percents printed."""
    value = _capaian(score, period, code)
    assert value is not None
    assert format_percent(value, 0) == printed


def test_resiko_tinggi_capaian_is_printed_truncated(score: ReportScore) -> None:
    """2.5 in 2022: 100 / 15 x 100 = 666,666...; Tabel 3.36 prints 666,66%, truncated."""
    value = _capaian(score, "2022-s1", "2.5")
    assert value is not None
    assert round(value, 10) == round(D(100) / D(15) * 100, 10)
    assert format_percent(value) == "666,67%"
    assert format_percent(value, rounding=Rounding.TRUNCATE) == "666,66%"


def test_achievement_is_the_mean_of_the_two_capaian(score: ReportScore) -> None:
    """The report prints no achievement; the mean of the capaian is (100 + 100) / 2 in 2021
    and (125 + 666,66...) / 2 in the semester. The months to Mei have no indicator."""
    assert score.period("2021").achievement == D(100)
    semester = score.period("2022-s1").achievement
    assert semester is not None
    assert format_percent(semester) == "395,83%"
    assert score.period("2022-sd-05").achievement is None


# --- the monthly tables: Tabel 3.14 and Tabel 3.55 ------------------------------------------


@pytest.mark.parametrize(
    ("table", "months", "jumlah", "rata_rata"),
    [
        ("tabel-3-14", ["1", "1", "1", "1", "1"], "5", "1"),
        ("tabel-3-55", ["0", "5", "5", "0", "0"], "10", "2"),
    ],
)
def test_monthly_tables_hold_the_months_and_their_totals(
    report: lakipcore.Report, table: str, months: list[str], jumlah: str, rata_rata: str
) -> None:
    """One row per month JAN..MEI, verbatim; JUMLAH OUTPUT is their sum, RATA-RATA their mean."""
    evidence = _table(report, table)
    assert [list(row) for row in evidence.rows] == [
        [month, count]
        for month, count in zip(["JAN", "FEB", "MAR", "APR", "MEI"], months, strict=True)
    ]
    totals = [(t.rule.op.value, t.text) for t in evidence.totals]
    assert totals == [("sum", jumlah), ("mean", rata_rata)]
    recomputed = [rule_value(t.rule, (evidence,)) for t in evidence.totals]
    assert recomputed == [D(jumlah), D(rata_rata)]


def test_the_semester_holds_no_monthly_evidence(report: lakipcore.Report) -> None:
    """The monthly tables run to Mei, so they sit in 2022-sd-05, not in the semester."""
    assert report.root.evidence("2022-s1") == ()
    assert [t.id for t in report.root.evidence("2022-sd-05")] == ["tabel-3-14", "tabel-3-55"]


# --- the audit -------------------------------------------------------------------------------


def test_the_findings_are_the_truncation_and_the_implausible_capaian(
    findings: list[Finding],
) -> None:
    """The truncated 666,66% (a note) and a capaian above 200 % for a percentage (a warning).
    Nothing else: the other capaian, the working of Tabel 3.37 and the monthly totals agree."""
    found = [
        (f.code.value, f.severity, f.subject, f.period, f.location.field, f.published)
        for f in findings
    ]
    assert found == [
        (
            "truncated",
            Severity.INFO,
            Subject(OFFICE, "2.5"),
            "2022-s1",
            "office.indicators[1].periods.2022-s1.printed.capaian.tabel-3-36",
            "666,66%",
        ),
        (
            "implausible-capaian",
            Severity.WARNING,
            Subject(OFFICE, "2.5"),
            "2022-s1",
            "office.indicators[1].periods.2022-s1.realisation",
            None,
        ),
    ]
    assert findings[0].message_in("en") == (
        "published 666,66%: the exact 666,6667 truncated, not rounded half-up (666,67)"
    )
    assert findings[1].message_in("en").startswith("capaian 666,67% is above 200,00%")


def test_lakip_audit_reports_the_same(capsys: pytest.CaptureFixture[str]) -> None:
    """``lakip audit --format json FILE``: no error (exit 0), one warning, one note."""
    assert 0 == main(["audit", "--format", "json", "--lang", "en", str(PATH)])
    data = json.loads(capsys.readouterr().out)
    assert data["summary"] == {"error": 0, "warning": 1, "info": 1}
    assert [(f["code"], f["subject"], f["published"]) for f in data["findings"]] == [
        ("truncated", {"unit": OFFICE, "item": "2.5"}, "666,66%"),
        ("implausible-capaian", {"unit": OFFICE, "item": "2.5"}, None),
    ]


def test_the_tabel_3_37_working_is_audited(report: lakipcore.Report) -> None:
    """Tabel 3.37's "4 / 4 x 100 % = 100 %" is recomputed: the file's passes, and a changed
    denominator is a working-mismatch."""
    text = PATH.read_text(encoding="utf-8")
    assert 'working = "4 / 4 x 100 % = 100 %"' in text
    changed = loads_report(text.replace("4 / 4 x 100 %", "4 / 5 x 100 %"), source=NAME)
    codes = {f.code.value for f in audit(changed)}
    assert "working-mismatch" in codes
    assert "working-mismatch" not in {f.code.value for f in audit(report)}


@pytest.mark.parametrize(
    ("table", "old", "new"),
    [
        ("tabel-3-14", 'printed = "5"', 'printed = "6"'),
        ("tabel-3-55", 'printed = "2"', 'printed = "3"'),
    ],
)
def test_a_wrong_monthly_total_would_be_found(table: str, old: str, new: str) -> None:
    """The monthly totals are audited: had the report printed another JUMLAH or RATA-RATA,
    the audit would report it at the table."""
    text = PATH.read_text(encoding="utf-8")
    assert text.count(old) == 1
    changed = loads_report(text.replace(old, new), source=NAME)
    extra = [f for f in audit(changed) if f.code.value == "figure-mismatch"]
    assert [f.location.place for f in extra] == [table]
