"""The shipped example's survey and evidence tables reproduce the report's derived figures.

Expected values are the report's own (chapter III of the Banten LAKIP 2019); the inputs are the
rows encoded in the example file, so a changed row flows through to these results.
"""

from __future__ import annotations

from decimal import Decimal

import attrs
import pytest

import lakipcore
from lakipcore import Report, Unit
from lakipcore.model import ColumnKind, EvidenceTable, read_cell

D = Decimal


@pytest.fixture(scope="module")
def report() -> lakipcore.Report:
    """The shipped example."""
    return lakipcore.load_example()


KEY = "2019"


def _table(report: lakipcore.Report, unit: str, table: str) -> EvidenceTable:
    return next(t for t in report.unit(unit).evidence(KEY) if t.id == table)


def _score(report: Report, unit: str) -> lakipcore.results.UnitScore:
    """Unit ``unit`` of the example's 2019, scored with banten-2019."""
    return lakipcore.score_period(report, KEY, "banten-2019").unit(unit)


def _replace(unit: Unit, changed: Unit) -> Unit:
    """``unit``'s tree with the unit of ``changed``'s code replaced by ``changed``."""
    if unit.code == changed.code:
        return changed
    return attrs.evolve(unit, units=[_replace(u, changed) for u in unit.units])


def _numbers(table: EvidenceTable, column: str) -> list[Decimal]:
    values = [read_cell(table.column(column), cell) for cell in table.cells(column)]
    return [v for v in values if isinstance(v, Decimal)]


@pytest.mark.parametrize(
    ("unit", "indicator", "printed"),
    [
        ("sekjen", "sekjen-ikm-internal", "9.38"),  # IKM 18,76 on skala 20 → skala 10
        ("imigrasi", "imigrasi-ikm", "8.675"),  # mean of 96,25; 87; 77 on skala 100 → skala 10
        ("ham", "ham-pemda-aksi-ham", "8"),  # Kab/Kota running Aksi HAM
        ("ham", "ham-kab-kota-peduli-ham", "6"),  # Kab/Kota with capaian ≥ 75 %
    ],
)
def test_derived_realisations(
    report: lakipcore.Report, unit: str, indicator: str, printed: str
) -> None:
    """Realisations derived from the encoded evidence equal the report's, exactly."""
    assert D(printed) == _score(report, unit).indicator(indicator).realisation


def test_nilai_akuntabilitas_is_the_mean_of_three_surveys(report: lakipcore.Report) -> None:
    """90,99 is the mean of 94,33…, 93,80 and 84,86 (truncated in the report)."""
    realisation = _score(report, "sekjen").indicator("sekjen-nilai-akip").realisation
    assert realisation is not None
    assert D("90.99") == lakipcore.round_to(realisation, 2, lakipcore.Rounding.TRUNCATE)
    assert D("91.00") == lakipcore.round_to(realisation, 2)


def test_peduli_ham_count_and_list(report: lakipcore.Report) -> None:
    """Six Kab/Kota reach 75 % (Kab. Lebak exactly), and they are the ones the table names."""
    table = _table(report, "ham", "aksi-ham")
    regions = list(zip(table.cells("kab-kota"), _numbers(table, "capaian"), strict=True))
    result = lakipcore.surveys.peduli_ham(regions)
    assert 6 == result.count
    named = tuple(cell for cell in table.cells("peduli-ham") if cell.strip())
    assert named == result.qualifying
    assert "Kab. Lebak" in result.qualifying


WBK_ELIGIBLE = (
    "Bapas Ciangir",
    "Rupbasan Serang",
    "LP Perempuan Tangerang",
    "Bapas Tangerang",
    "LP Serang",
    "Rutan Tangerang",
    "Bapas Serang",
    "LPKA",
    "Rutan Pandeglang",
)


def test_wbk_candidacy_of_the_fifteen_units(report: lakipcore.Report) -> None:
    """IPK ≥ 13,50, IKM ≥ 16,00 and ≥ 30 respondents: nine of fifteen units qualify."""
    table = _table(report, "pas", "survei-upt")
    results = {
        name: lakipcore.surveys.wbk_candidacy(ipk, ikm, int(respondents))
        for name, respondents, ipk, ikm in zip(
            table.cells("upt"),
            _numbers(table, "responden"),
            _numbers(table, "ipk"),
            _numbers(table, "ikm"),
            strict=True,
        )
    }
    assert 15 == len(results)
    assert WBK_ELIGIBLE == tuple(name for name, r in results.items() if r.eligible)
    ciangir = results["LP Terbuka Ciangir"]
    assert [("respondents", D(10))] == [(c.name, c.value) for c in ciangir.failed]
    assert [("ipk", D("13.41"))] == [
        (c.name, c.value) for c in results["LP Kls I Tangerang"].failed
    ]


def test_every_printed_grade_is_reproduced(report: lakipcore.Report) -> None:
    """Each grade cell of the encoded survey tables is what its grade table gives."""
    checked = 0
    for unit in report.units():
        for table in unit.evidence(KEY):
            for column in table.columns:
                if column.kind is not ColumnKind.GRADE or column.grades is None:
                    continue
                grades = lakipcore.surveys.get_grade_table(column.grades)
                scores = _numbers(table, column.of or "")
                for cell, score in zip(table.cells(column.name), scores, strict=True):
                    band = grades.grade(score)
                    assert cell in (band.letter, band.label), (table.id, score, cell)
                    checked += 1
    assert 1 * 2 + 15 * 2 + 3 == checked  # Kanwil IPK/IKM, 15 UPT × 2, 3 immigration offices


def test_a_changed_survey_score_flows_to_the_dashboard(report: lakipcore.Report) -> None:
    """Editing the Kanwil IKM cell changes Sekjen's realisation, capaian and achievement."""
    unit = report.unit("sekjen")
    table = _table(report, "sekjen", "survei-kanwil")
    position = table.index("ikm")
    rows = tuple((*row[:position], "20", *row[position + 1 :]) for row in table.rows)
    block = unit.at(KEY)
    assert block is not None
    evidence = [attrs.evolve(table, rows=rows) if t is table else t for t in block.evidence]
    periods = [attrs.evolve(b, evidence=evidence) if b is block else b for b in unit.periods]
    changed = attrs.evolve(report, root=_replace(report.root, attrs.evolve(unit, periods=periods)))
    before = lakipcore.score_period(report, KEY, "banten-2019")
    after = lakipcore.score_period(changed, KEY, "banten-2019")
    sekjen = after.unit("sekjen")
    assert D(10) == sekjen.indicator("sekjen-ikm-internal").realisation
    earlier = before.unit("sekjen").indicator("sekjen-ikm-internal").capaian
    later = sekjen.indicator("sekjen-ikm-internal").capaian
    assert earlier is not None
    assert later is not None
    assert later > earlier
    unit_before, unit_after = before.unit("sekjen").achievement, sekjen.achievement
    assert unit_before is not None
    assert unit_after is not None
    assert unit_after > unit_before
    assert before.achievement is not None
    assert after.achievement is not None
    assert after.achievement > before.achievement  # the office row pools the indicators


def test_units_have_evidence(report: lakipcore.Report) -> None:
    """Every unit but Balitbang (which prints none) carries its supporting tables in 2019; the
    office row itself has none."""
    units = report.root.units
    with_evidence = {u.code for u in units if u.evidence(KEY)}
    assert {u.code for u in units} - {"balitbang"} == with_evidence
    assert all(isinstance(u, Unit) for u in units)
    assert () == report.root.evidence(KEY)
    assert "kanwil-banten" == report.root.code
