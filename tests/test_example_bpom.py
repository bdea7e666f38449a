"""Golden tests of ``bpom-pangkalpinang-2021.toml``: the Laporan Kinerja Interim Triwulan I and
Triwulan IV 2021 of the Balai POM di Pangkalpinang (docs/examples.md): two cumulative periods
("s.d TW I", "s.d Triwulan IV Tahun 2021"), percentage indicators derived from the printed
Pembilang and Penyebut, and tables in two notations (decimal points in TW I, commas in TW IV).

The expected figures are the reports' own (Tabel 3.5 and 3.15 of TW I, Tabel 3.8 of TW IV). A
printed figure the report gets wrong would be expected as an audit finding, never as a score;
here every printed figure agrees. The example-wide tests (round trip, finding fields, source
header) are in ``tests/test_examples.py``.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

import lakipcore
from lakipcore._exact import HUNDRED, div, mul
from lakipcore.audit import audit
from lakipcore.cli import main
from lakipcore.figures import format_percent
from lakipcore.formats.toml import loads_report
from lakipcore.model import PeriodKind, Quantity, TableScope
from lakipcore.notation import Notation
from lakipcore.scoring import ReportScore, score_report

D = Decimal
NAME = "bpom-pangkalpinang-2021.toml"
PATH = Path(lakipcore.__file__).parent / "data" / NAME
OFFICE = "bpom-pangkalpinang"
OBAT = "obat-aman-bermutu"
SARANA = "sarana-distribusi"
TW1, TW4 = "2021-sd-tw1", "2021-sd-tw4"


@pytest.fixture(scope="module")
def report() -> lakipcore.Report:
    return lakipcore.load_report(PATH)


@pytest.fixture(scope="module")
def score(report: lakipcore.Report) -> ReportScore:
    return score_report(report)


def _ratio(of: int, to: int) -> Decimal:
    """of / to × 100, exact in the library's private context (as the ratio rule computes it)."""
    return div(mul(D(of), HUNDRED), D(to))


def _text() -> str:
    return PATH.read_text(encoding="utf-8")


# --- the shape ---------------------------------------------------------------------------------


def test_two_cumulative_periods_titled_as_printed(report: lakipcore.Report) -> None:
    """s.d TW I and s.d Triwulan IV Tahun 2021, both from 1 Januari; no annual period."""
    assert [(p.key, p.kind, p.title) for p in report.periods] == [
        (TW1, PeriodKind.CUMULATIVE, "s.d TW I"),
        (TW4, PeriodKind.CUMULATIVE, "s.d Triwulan IV Tahun 2021"),
    ]
    assert TW4 == report.main
    assert "Balai POM di Pangkalpinang" == report.root.name
    assert () == report.root.units


def test_each_table_prints_one_indicator_in_its_own_notation(report: lakipcore.Report) -> None:
    """The TW I tables print decimal points, the TW IV table commas; every Capaian column is a
    percentage printed without its sign."""
    assert Notation.INDONESIAN is report.notation
    tables = {t.id: t for t in report.tables}
    for table_id, notation in (
        ("tabel-3-5-tw1", Notation.DECIMAL_POINT),
        ("tabel-3-15-tw1", Notation.DECIMAL_POINT),
        ("tabel-3-8-tw4", None),
    ):
        table = tables[table_id]
        assert TableScope.ONE_INDICATOR is table.scope
        assert notation is table.notation
        assert "%" == table.unit_of(Quantity.CAPAIAN).value


def test_the_sarana_indicator_is_printed_to_tw1_only(report: lakipcore.Report) -> None:
    """Tabel 3.15 is in the TW I report only: the indicator has no s.d. TW IV block."""
    sarana = report.root.indicator(SARANA)
    assert [TW1] == [entry.period for entry in sarana.periods]
    assert [TW1, TW4] == [entry.period for entry in report.root.indicator(OBAT).periods]


def test_kriteria_words_are_not_encoded(report: lakipcore.Report) -> None:
    """The Kriteria column ("Cukup", "Sangat Baik") has no printed thresholds: no grade table,
    no printed grade (docs/examples.md)."""
    assert not report.grade_tables
    assert not report.grading
    for indicator in report.root.indicators:
        for entry in indicator.periods:
            assert all(f.quantity is not Quantity.GRADE for f in entry.printed)


# --- scoring -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("period", "code", "of", "to"),
    [(TW1, OBAT, 23, 36), (TW4, OBAT, 174, 264), (TW1, SARANA, 58, 122)],
)
def test_realisations_are_derived_from_pembilang_and_penyebut(
    score: ReportScore, period: str, code: str, of: int, to: int
) -> None:
    """Each realisation is the printed Pembilang / Penyebut × 100, exactly."""
    realisation = score.period(period).root.indicator(code).realisation
    assert isinstance(realisation, Decimal)
    assert _ratio(of, to) == realisation


@pytest.mark.parametrize(
    ("period", "code", "counts", "capaian"),
    [
        (TW1, OBAT, (23, 36, "80.00"), "79,86%"),  # printed 79.86 (Tabel 3.5)
        (TW4, OBAT, (174, 264, "80"), "82,39%"),  # printed 82,39 (Tabel 3.8)
        (TW1, SARANA, (58, 122, "42.00"), "113,19%"),  # printed 113.19 (Tabel 3.15)
    ],
)
def test_capaian_as_scored(
    score: ReportScore, period: str, code: str, counts: tuple[int, int, str], capaian: str
) -> None:
    """Capaian = (pembilang / penyebut × 100) / target × 100, the derived realisation
    unrounded; it rounds to the printed figure."""
    of, to, target = counts
    item = score.period(period).root.indicator(code)
    assert D(target) == item.target
    assert div(mul(_ratio(of, to), HUNDRED), D(target)) == item.capaian
    assert capaian == format_percent(item.capaian)


def test_obat_capaian_to_tw4_exact(score: ReportScore) -> None:
    """174 / 264 / 80 = 82,386 36… %, printed 82,39."""
    capaian = score.period(TW4).root.indicator(OBAT).capaian
    assert capaian is not None
    assert str(capaian).startswith("82.38636363")


def test_achievement_to_tw1_is_the_mean_of_the_two(score: ReportScore) -> None:
    """Not printed by the extracts (so not audited): the mean of 79,86… and 113,19… ."""
    achievement = score.period(TW1).achievement
    assert "96,53%" == format_percent(achievement)
    assert "82,39%" == format_percent(score.period(TW4).achievement)


# --- the audit ---------------------------------------------------------------------------------


def test_the_audit_finds_nothing(report: lakipcore.Report) -> None:
    """Every printed target, realisation and capaian agrees with the derived figures, each read
    in its table's notation; the bare capaian sit in "%" columns."""
    assert [] == list(audit(report))


def test_lakip_audit_reports_nothing(capsys: pytest.CaptureFixture[str]) -> None:
    """``lakip audit --format json FILE``: exit 0, no finding."""
    assert 0 == main(["audit", "--format", "json", "--lang", "en", str(PATH)])
    data = json.loads(capsys.readouterr().out)
    assert {"error": 0, "warning": 0, "info": 0} == data["summary"]
    assert [] == data["findings"]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        # a capaian one hundredth off
        (
            'tabel-3-15-tw1 = "113.19"',
            'tabel-3-15-tw1 = "113.20"',
            [("figure-mismatch", SARANA, "113.20")],
        ),
        # the TW IV comma in a TW I (decimal-point) table
        (
            'tabel-3-5-tw1 = "79.86"',
            'tabel-3-5-tw1 = "79,86"',
            [("malformed-figure", OBAT, "79,86")],
        ),
        # a misread target
        ('tabel-3-8-tw4 = "80%"', 'tabel-3-8-tw4 = "85%"', [("figure-mismatch", OBAT, "85%")]),
    ],
)
def test_the_printed_figures_are_audited(old: str, new: str, expected: list) -> None:
    """The clean audit is not vacuous: a changed printed figure is reported at its place."""
    text = _text()
    assert 1 == text.count(old)
    findings = audit(loads_report(text.replace(old, new)))
    assert expected == [(f.code.value, f.subject.item, f.published) for f in findings]


def test_a_changed_count_flows_to_realisation_and_capaian() -> None:
    """175 instead of 174 sampel: the printed 65,91 % and 82,39 (table and prose) all disagree."""
    text = _text().replace('"174", "264"', '"175", "264"')
    findings = audit(loads_report(text))
    assert sorted((f.code.value, f.location.place, f.published) for f in findings) == [
        ("figure-mismatch", "prose-tw4", "65,91%"),
        ("figure-mismatch", "prose-tw4", "82,39%"),
        ("figure-mismatch", "tabel-3-8-tw4", "65,91%"),
        ("figure-mismatch", "tabel-3-8-tw4", "82,39"),
    ]


def test_without_the_percent_columns_the_bare_capaian_are_noted() -> None:
    """Without ``columns = { capaian = { unit = "%" } }`` each of the three bare capaian is a
    missing-percent-sign note."""
    text = _text().replace('columns = { capaian = { unit = "%" } }\n', "")
    findings = audit(loads_report(text))
    assert sorted((f.code.value, f.published) for f in findings) == [
        ("missing-percent-sign", "113.19"),
        ("missing-percent-sign", "79.86"),
        ("missing-percent-sign", "82,39"),
    ]


# --- monitoring --------------------------------------------------------------------------------


def test_monitoring_to_tw4_takes_the_scored_capaian(score: ReportScore) -> None:
    """A cumulative "s.d." period is already a figure to date: monitored to s.d. TW IV, the obat
    indicator's capaian to date is the scored capaian of 2021-sd-tw4 (82,386…)."""
    monitoring = pytest.importorskip("lakipcore.monitoring")
    report = lakipcore.load_report(PATH)
    progress = monitoring.monitor(lakipcore.assess(report), to=TW4)
    assert TW4 == progress.to
    obat = progress.unit(OFFICE).indicator(OBAT)
    assert score.period(TW4).root.indicator(OBAT).capaian == obat.capaian
    assert (TW4,) == obat.used
    assert _ratio(174, 264) == obat.realised_to_date
    assert D(80) == obat.target_to_date


def test_a_wrong_realisation_is_told_against_the_derived_one_cut_at_four_places() -> None:
    """A derived realisation (174 / 264) is a 60-digit quotient: the message shows 65,9091…,
    not every digit."""
    text = _text().replace(
        'printed.realisation = { tabel-3-8-tw4 = "65,91%", prose-tw4 = "65,91%" }',
        'printed.realisation = { tabel-3-8-tw4 = "66,29%", prose-tw4 = "65,91%" }',
    )
    (finding,) = audit(loads_report(text, source="bpom.toml")).errors
    message = finding.message_in("en")
    assert "the realisation scored is 65,9091…; 0,38 too high" in message
    assert "909090909" not in message
