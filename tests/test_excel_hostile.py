"""Workbooks as hostile as report files (issue 21): limits checked before any cell is read, and
every failure of the zip, the XML or either reader is the library's error naming the workbook.

Before, one stray cell at XFD1048576 in a 14 KB workbook made openpyxl exhaust memory and
python-calamine abort the process (a whole ``lakip`` batch with it); a damaged member raised
``zlib.error`` or ``BadZipFile``; ``--limit`` did not apply to workbooks.
"""

from __future__ import annotations

import shutil
import time
import zipfile
from pathlib import Path

import pytest

import lakipcore
from extras import require
from lakipcore.errors import LakipValueError, ReportFileError
from lakipcore.limits import Limits

DATA = Path(lakipcore.__file__).parent / "data"
READERS = ("openpyxl", "calamine")


def _reader(name: str) -> str:
    require("openpyxl")
    if name == "calamine":
        require("python_calamine")
    return name


@pytest.fixture(scope="module")
def native(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Gunung Kaler example in lakipcore's own layout."""
    require("openpyxl")
    from lakipcore.excel import write_workbook

    path = tmp_path_factory.mktemp("wb") / "gunung-kaler.xlsx"
    report = lakipcore.load_report(DATA / "gunung-kaler-2020.toml")
    return write_workbook(lakipcore.assess(report), path)


@pytest.fixture(scope="module")
def banten(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Banten example in lakipcore's own layout: every sheet has several rows."""
    require("openpyxl")
    from lakipcore.excel import write_workbook

    path = tmp_path_factory.mktemp("wb") / "banten.xlsx"
    return write_workbook(lakipcore.assess(lakipcore.load_example()), path)


def _with_stray_cell(source: Path, target: Path, ref: str, sheet: str = "Indikator") -> Path:
    openpyxl = require("openpyxl")
    book = openpyxl.load_workbook(source)
    book[sheet][ref] = "x"
    book.save(target)
    return target


@pytest.mark.parametrize("reader", READERS)
@pytest.mark.parametrize(
    ("ref", "reach"),
    [("XFD1048576", r"XFD1048576: 1\.048\.576 rows × 16\.384"), ("A1048576", r"Z1048576: 1\.048")],
)
def test_a_stray_far_cell_is_refused_before_any_cell_is_read(
    native: Path, tmp_path: Path, reader: str, ref: str, reach: str
) -> None:
    from lakipcore.excel import read_workbook

    path = _with_stray_cell(native, tmp_path / "stray.xlsx", ref)
    assert path.stat().st_size < 100_000
    started = time.process_time()
    with pytest.raises(ReportFileError, match=f"reaches {reach}") as info:
        read_workbook(path, reader=_reader(reader))
    assert time.process_time() - started < 5  # refused from the XML, not after reading
    assert "Indikator" == info.value.field
    assert str(path) == info.value.source
    assert "Limits.sheet_rows" in str(info.value)


@pytest.mark.parametrize("reader", READERS)
def test_a_wide_sheet_is_refused_by_its_cells(native: Path, tmp_path: Path, reader: str) -> None:
    from lakipcore.excel import read_workbook

    path = _with_stray_cell(native, tmp_path / "wide.xlsx", "XFD20")
    with pytest.raises(ReportFileError, match=r"reaches XFD\d+: \d+ rows × 16\.384 columns"):
        read_workbook(path, reader=_reader(reader), limits=Limits(sheet_cells=100_000))
    # Within the default limits the sheet is read, and the stray cell is not silently skipped:
    # its row holds a cell but no indicator code.
    with pytest.raises(ReportFileError, match=r"Indikator!C20: the row has no indicator code"):
        read_workbook(path, reader=_reader(reader))


def test_the_limits_apply_to_workbooks_too(native: Path, tmp_path: Path) -> None:
    """``--limit`` and ``limits=`` bound a workbook: its size, its parts unpacked, its rows,
    and the units, indicators and periods it holds, as they bound a report file."""
    require("openpyxl")
    from lakipcore.cli import main
    from lakipcore.excel import read_workbook

    cases = {
        "file_bytes": (Limits(file_bytes=1000), "Limits.file_bytes"),
        "unpacked_bytes": (Limits(unpacked_bytes=10_000), "Limits.unpacked_bytes"),
        "sheet_rows": (Limits(sheet_rows=3), "Limits.sheet_rows"),
        "indicators": (Limits(indicators=1), "Limits.indicators"),
    }
    for limits, named in cases.values():
        with pytest.raises(ReportFileError, match=named.replace(".", r"\.")):
            read_workbook(native, limits=limits)
        with pytest.raises(ReportFileError, match=named.replace(".", r"\.")):
            lakipcore.formats.load_any(native, limits)
    assert 2 == main(["score", str(native), "--limit", "sheet-rows=3"])
    assert 0 == main(["score", str(native)])
    assert 2 == main(["import", str(native), "--limit", "unpacked-bytes=10000"])


def _damaged(source: Path, target: Path, member: str, change: str) -> Path:
    """``source`` with one member's stored bytes changed, dropped or replaced."""
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(target, "w") as copy:
        for info in original.infolist():
            data = original.read(info)
            if info.filename == member:
                if change == "drop":
                    continue
                if change == "xml":
                    data = data[: len(data) // 2]  # cut in the middle of an element
            copy.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED)
    if change == "bytes":  # flip bytes inside the member's compressed data
        raw = bytearray(target.read_bytes())
        with zipfile.ZipFile(target) as archive:
            info = archive.getinfo(member)
        start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
        for offset in range(start + 10, start + min(info.compress_size, 60)):
            raw[offset] ^= 0x5A
        target.write_bytes(bytes(raw))
    return target


@pytest.mark.parametrize("reader", READERS)
@pytest.mark.parametrize(
    ("member", "change"),
    [
        ("xl/worksheets/sheet2.xml", "bytes"),
        ("xl/worksheets/sheet2.xml", "xml"),
        ("xl/worksheets/sheet2.xml", "drop"),
        ("xl/workbook.xml", "xml"),
        ("xl/workbook.xml", "drop"),
        ("xl/styles.xml", "bytes"),
        ("xl/styles.xml", "xml"),
        ("xl/_rels/workbook.xml.rels", "drop"),
        ("[Content_Types].xml", "xml"),
    ],
)
def test_a_damaged_workbook_is_the_librarys_error_or_read_right(
    native: Path, tmp_path: Path, reader: str, member: str, change: str
) -> None:
    from lakipcore.excel import read_workbook

    with zipfile.ZipFile(native) as archive:
        if member not in archive.namelist():
            pytest.skip(f"{member} is not written")
    path = _damaged(native, tmp_path / "damaged.xlsx", member, change)
    outcome: object
    try:
        outcome = read_workbook(path, reader=_reader(reader))
    except ReportFileError as error:
        outcome = error
    if isinstance(outcome, ReportFileError):
        assert str(path) == outcome.source
    else:  # a part the reader does not need: read, and read right
        assert read_workbook(native, reader=reader) == outcome


def test_a_file_that_is_not_a_zip_is_the_librarys_error(tmp_path: Path) -> None:
    require("openpyxl")
    from lakipcore.excel import read_workbook

    path = tmp_path / "report.xlsx"
    shutil.copy(DATA / "gunung-kaler-2020.toml", path)
    with pytest.raises(ReportFileError, match=r"not an \.xlsx workbook"):
        read_workbook(path)


def test_a_bad_workbook_never_stops_a_batch(native: Path, tmp_path: Path) -> None:
    """In a batch (worker processes, calamine where installed), the stray-cell workbook and a
    damaged one are errors of their own files; the others load."""
    from lakipcore.formats.batch import load_many

    folder = tmp_path / "batch"
    folder.mkdir()
    shutil.copy(native, folder / "a-good.xlsx")
    _with_stray_cell(native, folder / "b-stray.xlsx", "XFD1048576")
    _damaged(native, folder / "c-damaged.xlsx", "xl/workbook.xml", "xml")
    shutil.copy(DATA / "gunung-kaler-2020.toml", folder / "d-good.toml")
    result = load_many([folder], jobs=2)
    assert [True, False, False, True] == [f.ok for f in result.files]
    errors = [f.error for f in result.files if f.error is not None]
    assert all(isinstance(e, ReportFileError) for e in errors)
    assert "Limits.sheet_rows" in str(errors[0])


@pytest.mark.parametrize("header", ["Kode unit", "Periode"])
def test_a_renamed_definisi_header_is_an_error_naming_it(tmp_path: Path, header: str) -> None:
    """Renaming the Definisi sheet's unit or period header raised KeyError 'unit' / 'period'."""
    openpyxl = require("openpyxl")
    from lakipcore.excel import read_workbook, write_workbook

    report = lakipcore.load_example()  # its derived figure is written on the Definisi sheet
    path = write_workbook(lakipcore.assess(report), tmp_path / "banten.xlsx")
    book = openpyxl.load_workbook(path)
    sheet = book["Definisi"]
    for cell in sheet[1]:
        if cell.value == header:
            cell.value = header + " (lama)"
    book.save(path)
    with pytest.raises(ReportFileError, match=f"needs the sheet's column '{header}'") as info:
        read_workbook(path, reader="openpyxl")
    assert (info.value.field or "").startswith("Definisi!A")


@pytest.mark.parametrize(
    ("sheet", "header"),
    [("Indikator", "Kode indikator"), ("Anggaran", "Kode unit"), ("Unit", "Kode")],
)
def test_a_row_without_its_key_is_an_error_not_skipped(
    banten: Path, tmp_path: Path, sheet: str, header: str
) -> None:
    """A row whose key cell is empty was skipped without a word (26 indicator-periods read as
    25); a row that holds cells but no key now names the key's cell. An empty row is fine."""
    openpyxl = require("openpyxl")
    from lakipcore.excel import read_workbook

    book = openpyxl.load_workbook(banten)
    grid = book[sheet]
    headers = [c.value for c in grid[1]]
    if header not in headers:
        pytest.skip(f"{sheet} has no {header!r} column: {headers}")
    column = headers.index(header) + 1
    grid.cell(row=3, column=column).value = None
    grid.append([])  # an empty row at the end is no error
    path = tmp_path / "keyless.xlsx"
    book.save(path)
    letter = openpyxl.utils.get_column_letter(column)
    with pytest.raises(ReportFileError, match="the row has no") as info:
        read_workbook(path, reader="openpyxl")
    fields = [e.field for e in info.value.errors]
    assert f"{sheet}!{letter}3" in fields


@pytest.mark.parametrize("reader", READERS)
def test_an_error_cell_is_an_error_with_either_reader(
    native: Path, tmp_path: Path, reader: str
) -> None:
    """python-calamine read ``#DIV/0!`` as an empty cell (so a realisation vanished); both
    readers now see the error value, and it is refused naming its cell."""
    openpyxl = require("openpyxl")
    from lakipcore.excel import read_workbook

    book = openpyxl.load_workbook(native)
    sheet = book["Indikator"]
    headers = [c.value for c in sheet[1]]
    for header in ("Realisasi (teks)", "Realisasi"):
        cell = sheet.cell(row=2, column=headers.index(header) + 1)
        cell.value = "#DIV/0!"
        cell.data_type = "e"
    path = tmp_path / "error.xlsx"
    book.save(path)
    with pytest.raises(LakipValueError, match="'#DIV/0!' is not a figure") as info:
        read_workbook(path, reader=_reader(reader))
    letter = openpyxl.utils.get_column_letter(headers.index("Realisasi") + 1)
    assert f"Indikator!{letter}2" == info.value.field
