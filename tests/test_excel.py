"""Excel in and out: round trips of the shipped examples, a LAKIP appendix workbook made by
hand, exact cells, and errors that name their cell."""

from __future__ import annotations

import re
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import lakipcore
from extras import require
from lakipcore.formats.toml import load_report

DATA = Path(lakipcore.__file__).parent / "data"
EXAMPLES = sorted(DATA.glob("*.toml"))


def _cache(path: Path, sheet: int, values: dict[str, str]) -> None:
    """Give formula cells the cached values Excel would store (openpyxl writes none)."""
    part = f"xl/worksheets/sheet{sheet}.xml"
    with zipfile.ZipFile(path) as archive:
        items = {name: archive.read(name) for name in archive.namelist()}
    xml = items[part].decode()
    for ref, value in values.items():
        xml, count = re.subn(
            rf'(<c r="{ref}"[^>]*>\s*<f>[^<]*</f>)\s*(?:<v\s*/>|<v>\s*</v>)?',
            rf"\g<1><v>{value}</v>",
            xml,
        )
        assert count == 1, ref
    items[part] = xml.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in items.items():
            archive.writestr(name, data)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
@pytest.mark.parametrize("reader", ["openpyxl", "calamine"])
def test_every_example_round_trips(path: Path, reader: str, tmp_path: Path) -> None:
    """An exported example reads back to the same report, by either reader."""
    require("openpyxl")
    if reader == "calamine":
        require("python_calamine")
    from lakipcore.excel import read_workbook, write_workbook

    report = load_report(path)
    written = write_workbook(lakipcore.assess(report), tmp_path / "out.xlsx")
    assert report == read_workbook(written, reader=reader)


def test_read_back_origins_and_findings_name_cells(tmp_path: Path) -> None:
    """A re-read workbook's objects and the audit's findings name their cells."""
    require("openpyxl")
    from lakipcore.audit import audit
    from lakipcore.excel import read_workbook, write_workbook

    back = read_workbook(
        write_workbook(lakipcore.assess(lakipcore.load_example()), tmp_path / "b.xlsx")
    )
    entry = back.unit("sekjen").indicator("sekjen-ikm-internal").at("2019")
    assert entry.origin is not None
    assert re.fullmatch(r"Indikator![A-Z]+\d+", entry.origin.path)
    mismatch = next(f for f in audit(back) if f.code == "figure-mismatch")
    assert mismatch.location.field.startswith("Tercetak!G")


def test_export_highlights_flagged_figures(tmp_path: Path) -> None:
    """The Banten YoY 7,74 % (the inputs give 7,46) is filled and commented in Tercetak."""
    openpyxl = require("openpyxl")
    from lakipcore.excel import write_workbook

    book = openpyxl.load_workbook(
        write_workbook(lakipcore.assess(lakipcore.load_example()), tmp_path / "b.xlsx")
    )
    sheet = book["Tercetak"]
    flagged = [row[6] for row in sheet.iter_rows(min_row=2) if row[6].value == "7,74%"]
    assert flagged
    assert all(cell.comment is not None for cell in flagged)
    assert "7,46" in flagged[0].comment.text
    assert flagged[0].fill.fgColor.rgb.endswith("FFC7CE")
    assert {"Dashboard", "Indikator", "Anggaran", "Perubahan", "Temuan"} <= set(book.sheetnames)
    dashboard = book["Dashboard"]
    office = next(r for r in dashboard.iter_rows(min_row=2, values_only=True) if r[0] == "2019")
    assert office[2] == "kanwil-banten"
    assert round(office[6], 6) == round(1.1612701050798431, 6)


# --- a LAKIP appendix table made by hand -------------------------------------------------------
# Figures of the Sekjen - Divisi Administrasi rows of the 2019 LAKIP of the Kanwil Kemenkumham
# Banten (chapter III, "Realisasi Indikator Kinerja" and "Realisasi Anggaran"; the shipped
# example src/lakipcore/data/banten-2019.toml): capaian 132,11 %, 110,53 %, 101,10 %, mean
# 114,58 %; outputs a-c with their printed penyerapan.

_GOAL = (
    "Meningkatnya layanan dukungan manajemen di lingkungan Kantor Wilayah Kementerian Hukum "
    "dan HAM Banten"
)
_ROWS = (
    ("Indeks kepuasan layanan internal", "Indeks (skala 10)", 7.1, 9.38, "1.3211267605633803"),
    ("Nilai Reformasi Birokrasi", "Nilai (skala 100)", 70, 77.37, "1.1052857142857144"),
    ("Nilai AKIP", "Nilai (skala 100)", 90, 90.99, "1.011"),
)


def _appendix(path: Path) -> Path:
    openpyxl = require("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Pengukuran Kinerja"
    sheet["A1"] = "PENGUKURAN KINERJA SEKJEN - DIVISI ADMINISTRASI TAHUN 2019"
    sheet.append([])
    sheet.append(["No", "Sasaran Strategis", "Indikator Kinerja", "Satuan", "Tahun 2019"])
    sheet.merge_cells("E3:G3")
    sheet.append([None, None, None, None, "Target", "Realisasi", "Capaian (%)"])
    for column in "ABCD":
        sheet.merge_cells(f"{column}3:{column}4")
    sheet.append(["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)"])
    for number, (name, unit, target, realisation, _) in enumerate(_ROWS, 1):
        row = 5 + number
        sheet.append([number, _GOAL if number == 1 else None, name, unit, target, realisation])
        sheet[f"G{row}"] = f"=F{row}/E{row}"
        sheet[f"G{row}"].number_format = "0.00%"
    sheet.merge_cells("B6:B8")
    sheet.append([None, None, "Rata-rata capaian"])
    budget = book.create_sheet("Realisasi Anggaran")
    budget.append(["Kode", "Program / Output", "Pagu 2019", "Realisasi 2019", "%"])
    budget.append([None, "Program Dukungan Manajemen", 219150000, 213734523, 0.9752887])
    budget.append(["a", "Penyusunan Rencana Program dan Anggaran", 145296000, 145291523, 0.9999])
    budget.append(["b", "Pelaksanaan dan Pemantauan Evaluasi", 61254000, 55943000, 0.9133])
    budget.append(["c", "Pengelolaan Data dan Informasi", 12600000, 12500000, 0.9921])
    for row in range(2, 6):
        budget[f"E{row}"].number_format = "0.00%"
    book.save(path)
    _cache(path, 1, {f"G{5 + n}": row[4] for n, row in enumerate(_ROWS, 1)})
    return path


def test_hand_made_appendix_scores_to_the_figures_it_shows(tmp_path: Path) -> None:
    """Headers over two merged rows, a merged sasaran, a formula capaian column with cached
    values and percent cells read to the report the sheet shows, which scores to it."""
    from lakipcore.audit import audit
    from lakipcore.excel import read_workbook

    report = read_workbook(_appendix(tmp_path / "lampiran.xlsx"))
    office = report.root
    assert [p.key for p in report.periods] == ["2019"]
    assert [i.goal for i in office.indicators] == [_GOAL] * 3
    first = office.indicators[0].at("2019")
    assert (first.target.value, first.target.scale) == (Decimal("7.1"), Decimal("10"))
    assert first.realisation.value == Decimal("9.38")
    assert [p.text for p in first.printed] == ["132,11%"]
    assert first.origin.path == "'Pengukuran Kinerja'!E6"
    scored = lakipcore.score_report(report, "banten-2019").current
    shown = [lakipcore.format_percent(i.capaian) for i in scored.root.indicators]
    assert shown == ["132,11%", "110,53%", "101,10%"]
    assert lakipcore.format_percent(scored.root.achievement) == "114,58%"
    assert lakipcore.format_percent(scored.root.absorption) == "97,53%"
    budget = office.at("2019").budget
    assert budget.programme == "Program Dukungan Manajemen"
    assert [o.code for o in budget.outputs] == ["a", "b", "c"]
    assert [p.text for o in budget.outputs for p in o.printed] == ["99,99%", "91,33%", "99,21%"]
    errors = [f for f in audit(report, method="banten-2019") if f.severity.value == "error"]
    assert errors == []


def test_typed_and_computed_numbers_are_exact(tmp_path: Path) -> None:
    """9,38 typed reads as 9,38; a formula 0,1+0,2 (cached 0.30000000000000004) as 0,3."""
    openpyxl = require("openpyxl")
    from lakipcore.excel import read_workbook

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Indikator", "Satuan", "Target 2021", "Realisasi 2021"])
    sheet.append(["Indeks", "Skala 10", 7.1, 9.38])
    sheet.append(["Rasio", "Skala 10", 0.2, "=0.1+0.2"])
    path = tmp_path / "exact.xlsx"
    book.save(path)
    _cache(path, 1, {"D3": "0.30000000000000004"})
    indicators = read_workbook(path).root.indicators
    assert str(indicators[0].at("2021").realisation.value) == "9.38"
    assert str(indicators[1].at("2021").realisation.value) == "0.3"


def test_percent_cells_keep_their_shown_decimals(tmp_path: Path) -> None:
    """0,9875 at 0.00% is 98,75 %; 0,8 at 0.00% is 80,00 % (two places printed)."""
    openpyxl = require("openpyxl")
    from lakipcore.excel import read_workbook

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Indikator Kinerja", "Target 2020", "Realisasi 2020"])
    sheet.append(["Persentase layanan", 0.8, 0.9875])
    sheet["B2"].number_format = sheet["C2"].number_format = "0.00%"
    path = tmp_path / "percent.xlsx"
    book.save(path)
    entry = read_workbook(path).root.indicators[0].at("2020")
    assert (entry.target.kind, str(entry.target.value)) == (lakipcore.MeasureKind.PERCENT, "80.00")
    assert str(entry.realisation.value) == "98.75"


def test_a_formula_without_cached_value_is_refused_naming_its_cell(tmp_path: Path) -> None:
    """openpyxl saves formulas uncomputed: reading one is an error at its cell, never zero."""
    openpyxl = require("openpyxl")
    from lakipcore.excel import read_workbook

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "IKU"
    sheet.append(["Indikator", "Target 2021", "Realisasi 2021"])
    sheet.append(["Laporan", 12, "=B2-1"])
    path = tmp_path / "uncached.xlsx"
    book.save(path)
    with pytest.raises(lakipcore.ReportFileError) as raised:
        read_workbook(path)
    assert raised.value.field == "IKU!C2"
    assert "formula without a cached value" in str(raised.value)


def test_bad_text_is_collected_with_cells(tmp_path: Path) -> None:
    """'7.1' typed as text and an unknown unit are reported together, each at its cell."""
    openpyxl = require("openpyxl")
    from lakipcore.excel import read_workbook

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "IKU"
    sheet.append(["Indikator", "Target 2021", "Realisasi 2021"])
    sheet.append(["A", "7.1", "8"])
    sheet.append(["B", "10", "8.5"])
    path = tmp_path / "bad.xlsx"
    book.save(path)
    with pytest.raises(lakipcore.ReportFileError) as raised:
        read_workbook(path)
    fields = [e.field for e in raised.value.errors]
    assert fields == ["IKU!B2", "IKU!C3"]


def test_mapping_names_columns_headers_do_not(tmp_path: Path) -> None:
    """A sheet with unusual headers reads as its mapping file says."""
    openpyxl = require("openpyxl")
    from lakipcore.excel import read_workbook

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Data"
    sheet.append(["Uraian", "Rencana", "Hasil", "Kinerja"])
    sheet.append(["Laporan kegiatan", 12, 12, 1])
    sheet["D2"].number_format = "0%"
    path = tmp_path / "odd.xlsx"
    book.save(path)
    mapping = tmp_path / "map.toml"
    mapping.write_text(
        '[report]\noffice = "UPT Contoh"\nmethod = "banten-2019"\n'
        '[[sheets]]\nsheet = "Data"\nkind = "indicators"\nheader-row = 1\n'
        'columns = { name = "A" }\n'
        'periods = [{ key = "2022", target = "B", realisation = "C", capaian = "D" }]\n',
        encoding="utf-8",
    )
    report = read_workbook(path, mapping)
    assert report.office == "UPT Contoh"
    entry = report.root.indicators[0].at("2022")
    assert entry.target.value == 12
    assert [p.text for p in entry.printed] == ["100%"]
    assert (
        lakipcore.format_percent(lakipcore.score_report(report).current.root.achievement)
        == "100,00%"
    )


def test_cli_import_export_and_audit_a_workbook(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """lakip export, lakip import and lakip audit/score on a workbook."""
    require("openpyxl")
    from lakipcore.cli import main

    out = tmp_path / "scored.xlsx"
    assert 0 == main(["export", str(DATA / "gunung-kaler-2020.toml"), "-o", str(out)])
    back = tmp_path / "back.toml"
    assert 0 == main(["import", str(out), "-o", str(back)])
    assert load_report(back) == load_report(DATA / "gunung-kaler-2020.toml")
    capsys.readouterr()
    assert 0 == main(["score", str(out)])
    assert "%" in capsys.readouterr().out
    banten = tmp_path / "banten.xlsx"
    assert 0 == main(["export", str(DATA / "banten-2019.toml"), "-o", str(banten)])
    assert 1 == main(["audit", str(banten)])
    assert "Tercetak!G" in capsys.readouterr().out


def test_missing_openpyxl_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without openpyxl the error says to install lakipcore[excel]."""
    import builtins

    from lakipcore.formats.excel._sheets import openpyxl

    real = builtins.__import__

    def refuse(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == "openpyxl":
            raise ImportError(name)
        return real(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", refuse)
    with pytest.raises(lakipcore.LakipError, match=r"lakipcore\[excel\]"):
        openpyxl()


def _with_own_method() -> lakipcore.Report:
    text = (DATA / "gunung-kaler-2020.toml").read_text(encoding="utf-8")
    own = '\n[methods.sendiri]\nbase = "pooled-sum"\ncap = "120%"\n\n[[periods]]'
    return lakipcore.loads_report(text.replace("\n[[periods]]", own, 1))


def _with_grade_table() -> lakipcore.Report:
    from test_grade_tables import _graded, _with_predikat

    return lakipcore.loads_report(_with_predikat(_graded(), "Sangat Baik"))


def _with_derived_figures() -> lakipcore.Report:
    from test_derived import EKA

    return lakipcore.loads_report(EKA)


@pytest.mark.parametrize("build", [_with_own_method, _with_grade_table, _with_derived_figures])
def test_methods_grade_tables_and_derived_figures_round_trip(tmp_path, build) -> None:
    """A report's own methods, grade tables (with what they grade and the printed predikat)
    and derived figures travel in the Definisi sheet and read back: the same report."""
    require("openpyxl")
    from lakipcore.excel import read_workbook, write_workbook

    report = build()
    path = write_workbook(lakipcore.assess(report), tmp_path / "r.xlsx")
    again = read_workbook(path)
    assert report == again
    assert report.methods == again.methods
    assert report.grade_tables == again.grade_tables
    assert dict(report.grading) == dict(again.grading)
    assert lakipcore.dump_report(report) == lakipcore.dump_report(again)


@pytest.mark.parametrize("reader", ["openpyxl", "calamine"])
def test_a_workbook_is_read_from_bytes_or_a_binary_stream(tmp_path: Path, reader: str) -> None:
    """An upload handler had to write a temporary file: read_workbook takes the workbook's
    bytes or a binary file object too, and names it by ``source``."""
    import io

    from lakipcore.errors import LakipTypeError, ReportFileError
    from lakipcore.excel import read_workbook, write_workbook
    from lakipcore.limits import Limits

    require("python_calamine")
    path = write_workbook(lakipcore.assess(lakipcore.load_example()), tmp_path / "banten.xlsx")
    data = path.read_bytes()
    from_path = read_workbook(path, reader=reader)
    assert from_path == read_workbook(data, reader=reader)
    with path.open("rb") as handle:
        assert from_path == read_workbook(handle, reader=reader)
    stream = read_workbook(io.BytesIO(data), reader=reader, source="unggahan.xlsx")
    assert stream == from_path
    entry = stream.unit("sekjen").indicator("sekjen-ikm-internal").at("2019")
    assert "unggahan.xlsx" == entry.origin.source
    with pytest.raises(ReportFileError, match=r"Limits\.file_bytes") as info:
        read_workbook(io.BytesIO(data), limits=Limits(file_bytes=1000))
    assert "workbook.xlsx" == info.value.source
    with pytest.raises(LakipTypeError, match="expected a workbook path, bytes or a binary"):
        read_workbook(12)  # type: ignore[arg-type]
    with pytest.raises(LakipTypeError, match="reads str"):
        read_workbook(io.StringIO("x"))  # type: ignore[arg-type]
