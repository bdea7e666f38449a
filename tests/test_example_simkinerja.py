"""Golden tests of ``polman-simkinerja-2022.toml``: a page of the e-Kinerja application
(SIMKinerja) of the Kabupaten Polewali Mandar, "Pengukuran Kinerja Tahun 2022" of the Sub Bidang
Penyusunan Anggaran (docs/examples.md): realisations per month with their Jumlah, the Kinerja
(%) and Realisasi (%) the application prints, in decimal-point notation with comma thousands.

The expected figures are the page's own. Every printed figure agrees, so the audit is clean;
the tests change one figure at a time to show that each would be found. The example-wide
tests (round trip, finding fields, source header) are in ``tests/test_examples.py``.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

import lakipcore
from lakipcore.audit import audit
from lakipcore.figures import format_percent
from lakipcore.formats.toml import loads_report
from lakipcore.notation import Notation
from lakipcore.scoring import ReportScore, score_report

NAME = "polman-simkinerja-2022.toml"
PATH = Path(lakipcore.__file__).parent / "data" / NAME


@pytest.fixture(scope="module")
def report() -> lakipcore.Report:
    return lakipcore.load_report(PATH)


@pytest.fixture(scope="module")
def score(report: lakipcore.Report) -> ReportScore:
    return score_report(report)


def _text() -> str:
    return PATH.read_text(encoding="utf-8")


def test_the_page_reads_in_decimal_point_notation(report: lakipcore.Report) -> None:
    """ "95.56" is 95,56 and "1,004,422,800" a thousand million: the page's own notation."""
    assert Notation.DECIMAL_POINT == report.notation
    entry = report.root.indicator("dokumen-penganggaran").at("2022")
    assert entry is not None
    assert entry.target is not None
    assert Decimal("95.56") == entry.target.value
    budget = report.root.budget("2022")
    assert budget is not None
    assert [Decimal(808_430_200), Decimal(195_992_600)] == [o.pagu for o in budget.outputs]


@pytest.mark.parametrize(
    ("code", "realised", "capaian"),
    [
        ("dokumen-penganggaran", "93", "97,32%"),  # 93 / 95.56
        ("ranperda-apbd", "3", "150,00%"),  # 1 + 0 + 2 of 2 dokumen
        ("ranperda-perubahan-apbd", "5", "166,67%"),  # 1 + 1 + 1 + 2 of 3 dokumen
    ],
)
def test_capaian_as_the_page_prints_it(
    score: ReportScore, code: str, realised: str, capaian: str
) -> None:
    """The realisations of the dokumen indicators are the sums of their month cells; each
    capaian is the page's Kinerja (%)."""
    scored = score.period("2022").root.indicator(code)
    assert scored.realisation is not None
    assert Decimal(realised) == scored.realisation
    assert capaian == format_percent(scored.capaian)


def test_absorption_as_the_page_prints_it(score: ReportScore) -> None:
    """The Kegiatan's Realisasi (%): 1,000,972,958 of 1,004,422,800 = 99.66 %, its two
    Sub-Kegiatan adding up to both amounts."""
    office = score.period("2022").root
    assert Decimal(1_004_422_800) == office.pagu
    assert Decimal(1_000_972_958) == office.realisation
    assert "99,66%" == format_percent(office.absorption)


def test_the_audit_finds_nothing(report: lakipcore.Report) -> None:
    """Every printed Kinerja (%), amount, Realisasi (%) and Jumlah agrees."""
    assert [] == list(audit(report))


@pytest.mark.parametrize(
    ("old", "new", "code", "published"),
    [
        ('kinerja = "97.32"', 'kinerja = "97.23"', "figure-mismatch", "97.23"),
        ('kinerja = "166.67"', 'kinerja = "166.66"', "truncated", "166.66"),
        ('anggaran = "99.66"', 'anggaran = "99.65"', "truncated", "99.65"),
        ('anggaran = "99.80"', 'anggaran = "98.80"', "figure-mismatch", "98.80"),
        ('anggaran = "1,004,422,800"', 'anggaran = "1,004,422,000"', "figure-mismatch", None),
        ('"2", "", "3"]', '"2", "", "4"]', "figure-mismatch", "4"),  # a Jumlah
        ('"115,545,074", "", "195,603,374"]', '"115,545,074", "", "195,603,347"]', None, None),
    ],
)
def test_each_printed_figure_is_audited(
    old: str, new: str, code: str | None, published: str | None
) -> None:
    """The clean audit is not vacuous: one changed figure is one finding at it."""
    text = _text()
    assert 1 == text.count(old)
    findings = list(audit(loads_report(text.replace(old, new))))
    assert 1 == len(findings), findings
    if code is not None:
        assert code == findings[0].code.value
    if published is not None:
        assert published == findings[0].published


def test_a_changed_month_flows_to_the_realisation_and_capaian() -> None:
    """A third month of 3 instead of 2 dokumen: the Jumlah (3) and the Kinerja (150.00) no
    longer agree with the cells."""
    text = _text().replace('"1", "0", "2", "", "3"]', '"1", "0", "3", "", "3"]')
    findings = audit(loads_report(text))
    assert sorted((f.code.value, f.published) for f in findings) == [
        ("figure-mismatch", "150.00"),
        ("figure-mismatch", "3"),
    ]
