"""Number formats and used ranges read from a workbook's XML (issue 21, item 7).

python-calamine gives values only; the number formats a foreign layout needs (a percent target,
a capaian's shown decimals) are read from ``xl/styles.xml`` and the sheet's XML, so that
python-calamine can read every workbook and both readers give the same report.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

import lakipcore
from extras import require
from lakipcore.formats.excel._sheets import _columns
from lakipcore.formats.excel._styles import UnplacedStylesError, cell_formats, style_formats

NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
STYLES = (
    f"<styleSheet {NS}><numFmts><numFmt numFmtId='164' formatCode='0.0%'/></numFmts>"
    "<cellXfs><xf numFmtId='0'/><xf numFmtId='10'/><xf numFmtId='164'/><xf numFmtId='3'/>"
    "<xf numFmtId='14'/></cellXfs></styleSheet>"
).encode()


def test_cell_styles_map_to_builtin_and_custom_formats() -> None:
    """Style 0 is General (left out); 10 is the built-in 0.00%; 164 the workbook's own; 14 the
    built-in date, named as openpyxl names it."""
    assert {1: "0.00%", 2: "0.0%", 3: "#,##0", 4: "mm-dd-yy"} == style_formats(STYLES)
    assert {} == style_formats(None)


@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        ('<c r="A1" s="1"><v>1</v></c><c r="B1"><v>2</v></c>', {(0, 0): "0.00%"}),
        ('<c s="2" r="C7" t="n"><v>1</v></c>', {(6, 2): "0.0%"}),  # the style first
        ('<c r="AB3" s="3"/><c r="D3" s="0"/>', {(2, 27): "#,##0"}),
        ('<c\nr="A2"\ns="1"><v>1</v></c>', {(1, 0): "0.00%"}),  # other whitespace
    ],
    ids=["reference then style", "style then reference", "two letters, General", "newlines"],
)
def test_each_cell_gets_its_styles_format(cells: str, expected: dict[tuple[int, int], str]) -> None:
    formats = style_formats(STYLES)
    assert expected == cell_formats(f"<worksheet><sheetData>{cells}</sheetData>".encode(), formats)


def test_a_rows_own_style_is_not_a_cells() -> None:
    xml = b'<sheetData><row r="1" s="1" customFormat="1"><c r="A1"><v>1</v></c></row></sheetData>'
    assert {} == cell_formats(xml, style_formats(STYLES))


def test_a_styled_cell_without_a_reference_sends_the_sheet_to_openpyxl() -> None:
    with pytest.raises(UnplacedStylesError):
        cell_formats(b'<row r="1"><c s="1"><v>1</v></c></row>', style_formats(STYLES))


@pytest.mark.parametrize(
    ("xml", "columns"),
    [
        (b'<c r="A1"/><c r="H1"/>', 8),
        (b'<c r="Z9"/>', 26),
        (b'<c r="B1"/><c r="AB1"/>', 28),
        (b'<dimension ref="A1:XFD9"/><c r="C1"/>', 3),  # the dimension may lie; cells say
        (b'<c r="XFD1"/>', 16384),
        (b"<row/>", 0),
    ],
)
def test_the_columns_a_sheet_reaches(xml: bytes, columns: int) -> None:
    assert columns == _columns(xml)


def test_a_foreign_workbook_reads_the_same_with_either_reader(tmp_path: Path) -> None:
    """Percent targets and a capaian's shown decimals come from the formats: python-calamine,
    which gives none, reads a foreign layout to the report openpyxl reads."""
    openpyxl = require("openpyxl")
    require("python_calamine")
    from lakipcore.excel import choose_reader, read_workbook

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Pengukuran Kinerja"
    sheet.append(["No", "Indikator Kinerja", "Satuan", "Target 2023", "Realisasi 2023", "Capaian"])
    sheet.append([1, "Persentase layanan tepat waktu", "%", 0.8, 0.85, 1.0625])
    sheet.append([2, "Laporan kinerja", "Dokumen", 2, 2, 1])
    for ref, code in (("D2", "0.00%"), ("E2", "0%"), ("F2", "0.0%"), ("F3", "0%")):
        sheet[ref].number_format = code
    path = tmp_path / "lampiran.xlsx"
    book.save(path)
    assert "calamine" == choose_reader(path)
    fast, slow = read_workbook(path, reader="calamine"), read_workbook(path, reader="openpyxl")
    assert fast == slow
    entry = fast.root.indicators[0].at("2023")
    assert (Decimal("80.00"), "percent") == (entry.target.value, entry.target.kind.value)
    assert Decimal("85") == entry.realisation.value
    assert ["106,3%"] == [p.text for p in entry.printed]  # 1,0625 shown at 0.0%, half-up
    assert ["100%"] == [p.text for p in fast.root.indicators[1].at("2023").printed]


def test_every_example_reads_the_same_with_either_reader(tmp_path: Path) -> None:
    require("openpyxl")
    require("python_calamine")
    from lakipcore.excel import read_workbook, write_workbook

    for name in ("banten-2019.toml", "gunung-kaler-2020.toml", "lapas-baubau-2022-s1.toml"):
        report = lakipcore.load_report(Path(lakipcore.__file__).parent / "data" / name)
        path = write_workbook(lakipcore.assess(report), tmp_path / f"{name}.xlsx")
        assert read_workbook(path, reader="calamine") == read_workbook(path, reader="openpyxl")
