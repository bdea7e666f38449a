"""The two workbook readers agree (issue 21, item 1): the fuzz campaign's disagreements, one by one.

openpyxl and python-calamine read different parts of a workbook and forgive different damage.
Each case here was found by ``tools/fuzz.py --workbooks`` as "readers disagree": one reader
refused and the other accepted, or both accepted with different reports. Now both refuse with
the library's error naming the part or cell, or both read the same report.
"""

from __future__ import annotations

import io
import re
import warnings
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

import lakipcore
from extras import require
from lakipcore.errors import LakipError, ReportFileError

READERS = ("openpyxl", "calamine")
Parts = list[tuple[str, bytes]]


@pytest.fixture(scope="module")
def native(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """The Gunung Kaler example in lakipcore's own layout (sheet1 is the Dashboard, never
    read; sheet6 is Tercetak, read)."""
    require("openpyxl")
    from lakipcore.excel import write_workbook

    data = Path(lakipcore.__file__).parent / "data" / "gunung-kaler-2020.toml"
    path = tmp_path_factory.mktemp("readers") / "seed.xlsx"
    return write_workbook(lakipcore.assess(lakipcore.load_report(data)), path).read_bytes()


def _rezip(data: bytes, change: Callable[[Parts], Parts]) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        parts = [(info.filename, archive.read(info)) for info in archive.infolist()]
    out = io.BytesIO()
    with warnings.catch_warnings(), zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        warnings.simplefilter("ignore")  # zipfile warns of a name written twice, on purpose
        for name, content in change(parts):
            archive.writestr(name, content)
    return out.getvalue()


def _outcomes(data: bytes, tmp_path: Path) -> dict[str, object]:
    require("python_calamine")
    from lakipcore.excel import read_workbook

    path = tmp_path / "case.xlsx"
    path.write_bytes(data)
    found: dict[str, object] = {}
    for reader in READERS:
        try:
            found[reader] = read_workbook(path, reader=reader)
        except LakipError as error:
            found[reader] = error
    return found


def _drop(part: str) -> Callable[[Parts], Parts]:
    return lambda parts: [(n, c) for n, c in parts if n != part]


def _garbage(part: str) -> Callable[[Parts], Parts]:
    return lambda parts: [(n, b"\x8f<not xml" if n == part else c) for n, c in parts]


def _twice(part: str) -> Callable[[Parts], Parts]:
    return lambda parts: parts + [(n, c) for n, c in parts if n == part]


def _namespace(part: str) -> Callable[[Parts], Parts]:
    old = b"spreadsheetml/2006/main"
    return lambda parts: [
        (n, c.replace(old, b"spreadsheetml/20 6/main", 1) if n == part else c) for n, c in parts
    ]


def _edit(part: str, old: bytes, new: bytes) -> Callable[[Parts], Parts]:
    return lambda parts: [(n, c.replace(old, new, 1) if n == part else c) for n, c in parts]


WORKBOOK_TYPE = b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
DAMAGE = {
    # openpyxl finds the workbook part by its content type, calamine by the package's relationship
    "workbook content type changed": (
        _edit("[Content_Types].xml", WORKBOOK_TYPE, b"application/x-other"),
        "does not point at its workbook part",
    ),
    "a content type attribute misspelt": (
        _edit("[Content_Types].xml", b"ContentType=", b"ContentT1ype="),
        "unknown attribute 'ContentT1ype'",
    ),
    "a number typed as an Excel error": (
        # Indikator is sheet2; any number cell made an error cell that no reader knows
        lambda parts: [
            (n, re.sub(rb'<c r="([A-Z]+3)" ([^>]*)t="n"', rb'<c r="\1" \2t="e"', c, count=1))
            if n == "xl/worksheets/sheet2.xml"
            else (n, c)
            for n, c in parts
        ],
        "the cell is typed as an Excel error but holds",
    ),
    # a TRUE/FALSE cell holding 5 (openpyxl: TRUE) or "true" (calamine: TRUE)
    **{
        f"a number typed as TRUE/FALSE holding {value.decode()}": (
            lambda parts, value=value: [
                (
                    n,
                    re.sub(
                        rb'<c r="([A-Z]+3)" ([^>]*)t="n"([^>]*)><v>[^<]*</v>',
                        rb'<c r="\1" \2t="b"\3><v>' + value + b"</v>",
                        c,
                        count=1,
                    ),
                )
                if n == "xl/worksheets/sheet2.xml"
                else (n, c)
                for n, c in parts
            ],
            "the cell is typed as TRUE/FALSE but holds",
        )
        for value in (b"5", b"-1", b"true", b"TRUE")
    },
    "a workbook attribute misspelt": (
        _edit("xl/workbook.xml", b' state="visible"', b' stste="visible"'),
        "cannot read the workbook",
    ),
    "package relationship retargeted": (
        _edit("_rels/.rels", b'Target="xl/workbook.xml"', b'Target="xl=workbook.xml"'),
        "does not point at its workbook part",
    ),
    "content types not XML": (
        _garbage("[Content_Types].xml"),
        "'[Content_Types].xml' is not well-formed",
    ),
    "package relationships missing": (_drop("_rels/.rels"), "no part '_rels/.rels'"),
    "styles missing": (_drop("xl/styles.xml"), "refers to the part 'xl/styles.xml' but has none"),
    "a sheet never read not XML": (_garbage("xl/worksheets/sheet1.xml"), "is not well-formed XML"),
    "a read sheet without its part": (
        _drop("xl/worksheets/sheet6.xml"),
        "lists the sheet but has no part",
    ),
    "a sheet in another namespace": (
        _namespace("xl/worksheets/sheet6.xml"),
        "is not a SpreadsheetML worksheet",
    ),
    "a part stored twice": (
        _twice("[Content_Types].xml"),
        "holds the part '[Content_Types].xml' twice",
    ),
}


@pytest.mark.parametrize("case", sorted(DAMAGE))
def test_a_damaged_package_is_refused_by_both_readers_naming_the_part(
    case: str, native: bytes, tmp_path: Path
) -> None:
    change, message = DAMAGE[case]
    found = _outcomes(_rezip(native, change), tmp_path)
    for reader, outcome in found.items():
        assert isinstance(outcome, ReportFileError), (reader, outcome)
        assert message in str(outcome), (reader, outcome)


def test_a_part_whose_checksum_fails_is_refused_by_both_even_one_neither_reads(
    native: bytes, tmp_path: Path
) -> None:
    data = bytearray(native)
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive:
        info = archive.getinfo("xl/theme/theme1.xml")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    data[start + 10] ^= 0xFF
    for reader, outcome in _outcomes(bytes(data), tmp_path).items():
        assert isinstance(outcome, ReportFileError), (reader, outcome)


def _sheet(
    rows: list[list[object]], formats: dict[str, str], merges: tuple[str, ...] = ()
) -> bytes:
    openpyxl = require("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Realisasi Anggaran"
    for row in rows:
        sheet.append(row)
    for ref, code in formats.items():
        sheet[ref].number_format = code
    for merged in merges:
        sheet.merge_cells(merged)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


BUDGET = [
    ["Kode", "Program / Output", "Pagu 2023", "Realisasi 2023", "%"],
    [None, "Program Dukungan Manajemen", 219150000, 213734523, 0.9752887],
    ["a", "Penyusunan Rencana", 145296000, 145291523, 0.9999692],
    ["b", "Pemantauan Evaluasi", 73854000, 68443000, 0.9267338],
]


def test_a_table_below_empty_rows_gets_its_cells_formats(tmp_path: Path) -> None:
    """calamine's grid was shifted by the empty rows above the table, so the last row's
    percent cell lost its format (0,9267338% against openpyxl's 92,67%)."""
    formats = {f"E{row}": "0.00%" for row in range(1, 6)}
    found = _outcomes(_sheet([[], *BUDGET], formats), tmp_path)
    assert found["openpyxl"] == found["calamine"]
    report = found["calamine"]
    assert isinstance(report, lakipcore.Report)
    outputs = report.root.at("2023").budget.outputs
    assert ["100,00%", "92,67%"] == [p.text for o in outputs for p in o.printed]


def test_a_number_formatted_as_a_date_beyond_the_calendar_is_refused_by_both(
    tmp_path: Path,
) -> None:
    """openpyxl reads it as #VALUE! (Excel shows ####); calamine read the number."""
    found = _outcomes(_sheet(BUDGET, {"D3": "yyyy-mm-dd"}), tmp_path)
    for reader, outcome in found.items():
        assert isinstance(outcome, LakipError), (reader, outcome)
        assert "#VALUE!" in str(outcome), (reader, outcome)
        assert "D3" in str(outcome.field), (reader, outcome)


def test_a_merge_reaching_below_the_last_row_fills_it_for_both(tmp_path: Path) -> None:
    """openpyxl's grid had the merge's last row, calamine's ended at the last value."""
    found = _outcomes(_sheet(BUDGET, {}, merges=("B4:B5",)), tmp_path)
    assert type(found["openpyxl"]) is type(found["calamine"])
    assert str(found["openpyxl"]) == str(found["calamine"])


def test_a_chart_sheet_is_read_by_neither(tmp_path: Path) -> None:
    openpyxl = require("openpyxl")
    from lakipcore.formats.excel._sheets import sheet_names

    book = openpyxl.load_workbook(io.BytesIO(_sheet(BUDGET, {})))
    chart = openpyxl.chart.BarChart()
    chart.add_data(openpyxl.chart.Reference(book.active, min_col=3, min_row=1, max_row=4))
    book.create_chartsheet("Grafik").add_chart(chart)
    path = tmp_path / "chart.xlsx"
    book.save(path)
    found = _outcomes(path.read_bytes(), tmp_path)
    assert found["openpyxl"] == found["calamine"]
    assert isinstance(found["calamine"], lakipcore.Report)
    assert "Grafik" not in sheet_names(path, str(path))


def test_a_stray_cell_far_below_is_read_by_openpyxl_with_the_same_outcome(
    native: bytes, tmp_path: Path
) -> None:
    """python-calamine filled every empty cell down to a stray cell (seconds for a 14 KB file);
    such a mostly empty sheet is read by openpyxl, which passes missing rows over."""
    openpyxl = require("openpyxl")
    from lakipcore.formats.excel._sheets import _Xml

    book = openpyxl.load_workbook(io.BytesIO(native))
    book["Tercetak"]["T200000"] = "x"
    path = tmp_path / "stray.xlsx"
    book.save(path)
    xml = _Xml(path, str(path))
    assert xml.sparse("Tercetak", xml.check_size("Tercetak"))
    assert not xml.sparse("Indikator", xml.check_size("Indikator"))
    found = _outcomes(path.read_bytes(), tmp_path)
    assert str(found["openpyxl"]) == str(found["calamine"])
    assert "Tercetak!A200000: the row has no unit" in str(found["calamine"])


def test_a_cell_of_spaces_as_openpyxl_writes_it_is_empty_for_both(
    native: bytes, tmp_path: Path
) -> None:
    """openpyxl writes " " without xml:space="preserve": python-calamine read it as empty and
    openpyxl as a space (an unknown table scope ' '). Both take it as empty; a whitespace-only
    text lakipcore writes is escaped and reads back as its spaces (test_excel_losses.py)."""
    openpyxl = require("openpyxl")

    book = openpyxl.load_workbook(io.BytesIO(native))
    book["Tabel"]["D3"] = " "
    path = tmp_path / "space.xlsx"
    book.save(path)
    found = _outcomes(path.read_bytes(), tmp_path)
    assert isinstance(found["calamine"], lakipcore.Report)
    assert found["openpyxl"] == found["calamine"]


def test_a_stylesheet_openpyxl_cannot_read_is_refused_by_both(
    native: bytes, tmp_path: Path
) -> None:
    """openpyxl refused the workbook over a colour that is not aRGB; python-calamine, which
    reads only the number formats, accepted it (fuzz finding)."""
    change = _edit("xl/styles.xml", b'rgb="00', b'rgb="ZZ')
    found = _outcomes(_rezip(native, change), tmp_path)
    for reader, outcome in found.items():
        assert isinstance(outcome, ReportFileError), (reader, outcome)
