"""A hand-kept office workbook, as an office keeps its LKj table in Excel: a title over the
table instead of a mapping, IKU headers, a year only in the title, a sasaran written once, a
`%` satuan, percentages typed or formatted, a blank capaian. It reads, scores, reports and
audits without a method named, every output carries its sasaran and satuan, and what cannot be
read is an error at its own cell (issue 20, item 2)."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import lakipcore
from extras import require
from lakipcore.errors import ReportFileError

OFFICE = "KANTOR PERTANAHAN KABUPATEN CONTOH"
SERVICE = "Meningkatnya kualitas layanan pertanahan"
SATISFACTION = "Meningkatnya kepuasan masyarakat"
HEADERS = ["No", "Sasaran", "IKU", "Satuan", "Target", "Realisasi", "Capaian (%)"]


def _rows() -> list[list[Any]]:
    """Row 6 on: a sasaran written once above blank cells, a % satuan, a count, an index, a
    blank capaian (row 8)."""
    return [
        [1, SERVICE, "Persentase layanan tepat waktu", "%", 0.8, 0.85, 106.25],
        [2, None, "Persentase berkas selesai", "%", 80, 90, 112.5],
        [3, SATISFACTION, "Jumlah sertipikat terbit", "Sertipikat", 1200, 1100, None],
        [4, None, "Indeks kepuasan masyarakat", "Indeks (skala 4)", 3.2, 3.5, 109.38],
    ]


def _workbook(
    path: Path,
    rows: list[list[Any]] | None = None,
    *,
    title: list[str] | None = None,
    sheet: str = "Pengukuran",
    formats: dict[str, str] | None = None,
) -> Path:
    """The office's workbook: its title on three lines (the year only in the third, not above
    the Target column), a blank row, the headers in row 5, the rows from row 6."""
    openpyxl = require("openpyxl")
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = sheet
    lines = ["LAPORAN KINERJA", OFFICE, "TAHUN 2023"] if title is None else title
    for number, line in enumerate(lines, 1):
        ws.cell(number, 1, line)
    for number, row in enumerate([HEADERS, *(_rows() if rows is None else rows)], 5):
        for column, value in enumerate(row, 1):
            ws.cell(number, column, value)
    # The first row's target and realisation typed as 80 % and 85 %: fractions formatted so.
    for ref, code in ({"E6": "0%", "F6": "0%"} if formats is None else formats).items():
        ws[ref].number_format = code
    book.save(path)
    return path


@pytest.mark.parametrize("reader", ["openpyxl", "calamine"])
def test_the_workbook_names_its_office_period_sasaran_and_satuan(
    tmp_path: Path, reader: str
) -> None:
    """The title names the office (as printed), the report and the period; the IKU column is
    the indicators'; the sasaran written once belongs to the rows under it; each satuan is kept
    (an index's word beside its scale); the blank capaian is simply not printed."""
    if reader == "calamine":
        require("python_calamine")
    from lakipcore.excel import read_workbook

    report = read_workbook(_workbook(tmp_path / "kantor.xlsx"), reader=reader)
    assert OFFICE == report.office
    assert f"LAPORAN KINERJA {OFFICE} TAHUN 2023" == report.title
    assert report.root.origin is not None
    assert ["2023"] == [p.key for p in report.periods]
    assert [None] == [p.method for p in report.periods]
    indicators = report.root.indicators
    assert [SERVICE, SERVICE, SATISFACTION, SATISFACTION] == [i.goal for i in indicators]
    entries = [i.at("2023") for i in indicators]
    assert entries[0].target.kind is lakipcore.MeasureKind.PERCENT
    assert ("80", "85") == (str(entries[0].target.value), str(entries[0].realisation.value))
    assert ("80", "90") == (str(entries[1].target.value), str(entries[1].realisation.value))
    assert ("Sertipikat", Decimal(1200)) == (entries[2].target.unit, entries[2].target.value)
    index = entries[3].target
    assert (index.kind, index.unit, index.scale) == (
        lakipcore.MeasureKind.INDEX,
        "Indeks",
        Decimal(4),
    )
    assert [["106,25%"], ["112,5%"], [], ["109,38%"]] == [
        [p.text for p in e.printed] for e in entries
    ]
    assert "Pengukuran!C8" == indicators[2].origin.path


def test_score_report_and_audit_use_one_stated_default_method(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], indonesian: None
) -> None:
    """No method named, no office row printed: score, report and audit all use the default
    aggregation, and each says which and why."""
    from lakipcore.cli import main

    path = _workbook(tmp_path / "kantor.xlsx")
    assert 0 == main(["score", str(path)])
    out = capsys.readouterr().out
    assert out.startswith(f"LAPORAN KINERJA {OFFICE} TAHUN 2023\n")
    assert "(metode: pooled-indicators/total-amounts)" in out
    assert (
        "Metode Tahun Anggaran 2023: pooled-indicators/total-amounts; laporan tidak menyatakan "
        "metode dan tidak mencetak baris kantor, jadi dipakai cara penggabungan bawaan"
    ) in out
    office = next(line for line in out.splitlines() if line.startswith("A "))
    assert office.split()[-3:] == ["104,95%", "-", "-"]  # (106,25 + 112,5 + 91,67 + 109,38) / 4
    assert 0 == main(["score", str(path), "--format", "json"])
    period = json.loads(capsys.readouterr().out)["periods"][0]
    assert "default" == period["method_choice"]
    assert period["method"]["description"].startswith("The default aggregation")
    page = tmp_path / "kantor.html"
    assert 0 == main(["report", str(path), "-o", str(page)])
    assert OFFICE in page.read_text(encoding="utf-8")
    assert 0 == main(["audit", str(path), "--lang", "en"])
    audit = capsys.readouterr().out
    assert (
        "no method declared for 2023; no office row printed: pooled-indicators/total-amounts, "
        "the default aggregation"
    ) in audit


def test_a_blank_capaian_is_not_printed_not_an_omission(tmp_path: Path) -> None:
    """The table lists the indicator whose capaian cell is blank: it is not said to omit it.

    Needs check_table_omissions to pass over an indicator whose capaian is printed in no
    table (the change to src/lakipcore/audit/checks.py given with issue 20, item 2)."""
    from lakipcore.excel import read_workbook

    report = read_workbook(_workbook(tmp_path / "kantor.xlsx"))
    findings = lakipcore.assess(report).findings or []
    assert [] == [f for f in findings if f.code == "table-omission"]
    assert [] == [f for f in findings if f.severity.value == "error"]


def test_a_fraction_in_a_percent_row_needs_a_percent_format(tmp_path: Path) -> None:
    """0,8 formatted 0% is 80 %; 0,8 unformatted in a % row could be 0,8 % or 80 % and is an
    error at its cell, saying both and how to choose; 80 typed is 80 %."""
    from lakipcore.excel import read_workbook

    rows = _rows()
    rows[1][4] = 0.8  # E7: the second row's target typed as a fraction, not formatted
    with pytest.raises(ReportFileError) as raised:
        read_workbook(_workbook(tmp_path / "fraction.xlsx", rows))
    assert ["Pengukuran!E7"] == [e.field for e in raised.value.errors]
    message = raised.value.errors[0].message
    assert "reads as 0,8%, yet may be 80% written as a fraction" in message
    assert "format the cell as a percentage if 80% is meant, or type 0,8% if 0,8% is" in message
    # Formatted, it is 80 %; typed with its sign, 0,8 %.
    fixed = read_workbook(
        _workbook(tmp_path / "fixed.xlsx", rows, formats={"E6": "0%", "F6": "0%", "E7": "0%"})
    )
    assert Decimal(80) == fixed.root.indicators[1].at("2023").target.value
    rows[1][4] = "0,8%"
    typed = read_workbook(_workbook(tmp_path / "typed.xlsx", rows))
    assert Decimal("0.8") == typed.root.indicators[1].at("2023").target.value


def test_a_fraction_under_a_percent_header_or_beside_a_percent_cell(tmp_path: Path) -> None:
    """A row is a percentage row by its satuan, by a (%) header, or by its other cell's format."""
    openpyxl = require("openpyxl")
    from lakipcore.excel import read_workbook

    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "IKU 2023"
    ws.append(["Indikator Kinerja Utama", "Target (%)", "Realisasi (%)"])
    ws.append(["Persentase A", 90, 0.95])
    ws.append(["Persentase B", 0.9, 0.95])
    ws["B3"].number_format = "0%"
    path = tmp_path / "header.xlsx"
    book.save(path)
    with pytest.raises(ReportFileError) as raised:
        read_workbook(path)
    assert ["'IKU 2023'!C2", "'IKU 2023'!C3"] == [e.field for e in raised.value.errors]


def test_each_error_is_at_its_own_cell(tmp_path: Path) -> None:
    """A missing realisation at the empty realisasi cell (not the target's), a fraction at its
    cell, a satuan no figure can carry at the satuan: all collected, each at its cell."""
    from lakipcore.excel import read_workbook

    rows = _rows()
    rows[0][5] = None  # F6: no realisation
    rows[1][5] = 0.9  # F7: a fraction in a % row
    rows[2][3] = "1 paket"  # D8: a satuan that cannot follow a figure
    with pytest.raises(ReportFileError) as raised:
        read_workbook(_workbook(tmp_path / "errors.xlsx", rows))
    errors = raised.value.errors
    assert ["Pengukuran!F6", "Pengukuran!F7", "Pengukuran!D8"] == [e.field for e in errors]
    assert "has a target for 2023 but no realisasi" in errors[0].message
    assert "satuan '1 paket' cannot follow a figure" in errors[2].message


def test_a_not_targeted_row_needs_no_realisation(tmp_path: Path) -> None:
    from lakipcore.excel import read_workbook

    rows = _rows()
    rows[2][4:7] = ["Tidak ditargetkan", None, None]
    report = read_workbook(_workbook(tmp_path / "nt.xlsx", rows))
    assert not report.root.indicators[2].at("2023").is_targeted


@pytest.mark.parametrize(
    ("satuan", "target", "unit", "note"),
    [
        ("Dokumen (buah)", "12 Dokumen", "Dokumen", "buah"),
        ("-", "12", None, None),  # a dash: no satuan
        ("Orang/Hari", "12 Orang/Hari", "Orang/Hari", None),
    ],
)
def test_a_count_keeps_its_satuan(
    tmp_path: Path, satuan: str, target: str, unit: str | None, note: str | None
) -> None:
    """A satuan with a note in parentheses is a label and its note; it is never dropped."""
    from lakipcore.excel import read_workbook
    from lakipcore.render.common import measure_text

    rows = [[1, SERVICE, "Jumlah dokumen", satuan, 12, 12, 100]]
    report = read_workbook(_workbook(tmp_path / "count.xlsx", rows, formats={}))
    measure = report.root.indicators[0].at("2023").target
    assert (unit, note) == (measure.unit, measure.note)
    assert target.split(" (", maxsplit=1)[0] == measure_text(measure)


@pytest.mark.parametrize(
    ("title", "sheet", "office", "period"),
    [
        (["LAPORAN KINERJA KANTOR X TAHUN 2023"], "Data", "KANTOR X", "2023"),
        (
            ["LKjIP Dinas Kesehatan Kota Contoh", "TA 2022"],
            "Data",
            "Dinas Kesehatan Kota Contoh",
            "2022",
        ),
        (["Unit Kerja : Balai Contoh", "Tahun 2021"], "Data", "Balai Contoh", "2021"),
        (["Capaian Kinerja Triwulan II Tahun 2021 UPT Contoh"], "Data", "UPT Contoh", "2021-tw2"),
        ([], "IKU 2023", "kantor", "2023"),  # the sheet's name gives the year, not an office
        (["LAPORAN KINERJA", "KANTOR Z", "", "Lampiran 2"], "Data 2023", "KANTOR Z", "2023"),
        ([], "LKj Kantor Y 2024", "Kantor Y", "2024"),
    ],
)
def test_titles_name_the_office_and_the_period(
    tmp_path: Path, title: list[str], sheet: str, office: str, period: str
) -> None:
    from lakipcore.excel import read_workbook

    path = _workbook(tmp_path / "kantor.xlsx", title=title, sheet=sheet)
    report = read_workbook(path)
    assert (office, [period]) == (report.office, [p.key for p in report.periods])


def test_a_title_naming_two_years_names_no_period(tmp_path: Path) -> None:
    """A Renstra's span says nothing of which year the table holds: the headers must."""
    from lakipcore.excel import read_workbook

    path = _workbook(tmp_path / "renstra.xlsx", title=["RENSTRA 2020-2024", "LAPORAN KINERJA X"])
    with pytest.raises(ReportFileError, match="the headers name no period"):
        read_workbook(path)


def test_the_mapping_names_the_office_first(tmp_path: Path) -> None:
    from lakipcore.excel import read_workbook
    from lakipcore.formats.excel.mapping import loads_mapping

    mapping = loads_mapping('[report]\noffice = "UPT Contoh"\ntitle = "LKj UPT Contoh"\n')
    report = read_workbook(_workbook(tmp_path / "kantor.xlsx"), mapping)
    assert ("UPT Contoh", "LKj UPT Contoh") == (report.office, report.title)


def test_a_sasaran_row_of_its_own_heads_the_rows_below(tmp_path: Path) -> None:
    openpyxl = require("openpyxl")
    from lakipcore.excel import read_workbook

    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["No", "IKU", "Satuan", "Target 2023", "Realisasi 2023"])
    ws.append([None, "Sasaran 1: Meningkatnya akuntabilitas"])
    ws.append([1, "Nilai AKIP", "Nilai (skala 100)", 70, 72])
    ws.append([None, "Sasaran 2: Meningkatnya layanan"])
    ws.append([2, "Jumlah layanan", "Layanan", 10, 12])
    path = tmp_path / "rows.xlsx"
    book.save(path)
    indicators = read_workbook(path).root.indicators
    assert ["Meningkatnya akuntabilitas", "Meningkatnya layanan"] == [i.goal for i in indicators]


def test_sasaran_and_satuan_reach_every_output(tmp_path: Path, indonesian: None) -> None:
    """The text table, the score JSON, the Arrow rows and the exported workbook carry each
    indicator's sasaran and satuan; the exported workbook reads back to the same report."""
    openpyxl = require("openpyxl")
    from lakipcore.arrow import as_rows
    from lakipcore.excel import read_workbook, write_workbook
    from lakipcore.render.json import score_to_dict
    from lakipcore.render.text import render_score_text

    report = read_workbook(_workbook(tmp_path / "kantor.xlsx"))
    assessment = lakipcore.assess(report)
    text = render_score_text(assessment, tables=("indicators",))
    lines = text.splitlines()
    assert "SATUAN" in lines[4].split()  # after the title and the table's title
    assert lines[6] == f"Sasaran: {SERVICE}"
    index_row = next(line for line in lines if " ik-4 " in line)
    assert "Indeks (skala 4)" in index_row
    assert text.count("Sasaran: ") == 2
    data = score_to_dict(assessment)
    items = data["periods"][0]["office"]["indicators"]
    assert [SERVICE, SERVICE, SATISFACTION, SATISFACTION] == [i["goal"] for i in items]
    assert [("percent", None, None), ("count", "Sertipikat", None), ("index", "Indeks", "4")] == [
        (i["kind"], i["unit_label"], i["scale"]) for i in items[1:]
    ]
    rows = as_rows(assessment)
    assert [("%", SERVICE), ("Indeks", SATISFACTION)] == [
        (r["unit_label"], r["goal"]) for r in (rows[0], rows[3])
    ]
    written = write_workbook(assessment, tmp_path / "export.xlsx")
    sheet = openpyxl.load_workbook(written)["Indikator"]
    header = [c.value for c in sheet[1]]
    first = dict(zip(header, [c.value for c in sheet[2]], strict=True))
    assert (SERVICE, "%") == (first["Sasaran"], first["Satuan"])
    last = dict(zip(header, [c.value for c in sheet[5]], strict=True))
    assert ("Indeks", "4") == (last["Satuan"], last["Skala"])
    assert report == read_workbook(written)


def test_a_fraction_in_the_capaian_column_is_read_as_printed_and_audited(tmp_path: Path) -> None:
    """A capaian is a printed figure: an unformatted 1,0625 under Capaian (%) is read as it
    shows, 1,0625 %, and the audit reports it against the 106,25 % its inputs give, at its
    cell; formatted as a percentage it is 106,25 % and agrees."""
    from lakipcore.excel import read_workbook

    rows = _rows()
    rows[0][6] = 1.0625
    report = read_workbook(_workbook(tmp_path / "capaian.xlsx", rows))
    assert ["1,0625%"] == [p.text for p in report.root.indicators[0].at("2023").printed]
    findings = lakipcore.assess(report).findings or []
    mismatch = [f for f in findings if f.code == "figure-mismatch"]
    assert ["Pengukuran!G6"] == [f.location.field for f in mismatch]
    formatted = read_workbook(
        _workbook(tmp_path / "f.xlsx", rows, formats={"E6": "0%", "F6": "0%", "G6": "0.00%"})
    )
    assert ["106,25%"] == [p.text for p in formatted.root.indicators[0].at("2023").printed]
