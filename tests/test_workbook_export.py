"""The exported workbook as people open it: column widths from their content, a filter over
every table, frozen header rows and identifying columns, and realisations that scoring
computed (derived from evidence, accumulated) shown beside their capaian, marked, and never
read back as stated ones."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import lakipcore
from extras import require
from lakipcore.errors import LakipError, ReportFileError

READERS = ("openpyxl", "calamine")

# Every sheet written as one table under a header row, and the columns frozen beside its rows.
TABLES = {
    "Dashboard": "E2",  # periode, metode, kode unit, unit
    "Indikator": "D2",  # kode unit, unit, kode indikator
    "Anggaran": "D2",  # kode unit, unit, periode
    "Perubahan": "E2",  # dari, ke, kode unit, unit
    "Temuan": "A2",
    "Tercetak": "E2",  # kode unit, periode, kode indikator, bagian
    "Unit": "B2",  # kode
    "Periode": "A2",
    "Tabel": "A2",
    "Definisi": "A2",
}

# A quarter's realisations and the half-year accumulated from them (3 + 2 = 5 Laporan), and
# a percentage whose s.d. TW II is the latest quarter's (the default for percentages).
ACCUMULATED = """
schema = 2

[report]
title = "Laporan uji akumulasi"

[[periods]]
key = "2021-tw1"
[[periods]]
key = "2021-tw2"
[[periods]]
key = "2021-sd-tw2"

[office]
code = "upt"
name = "UPT Uji"

[[office.indicators]]
code = "laporan"
name = "Jumlah laporan kegiatan"

[office.indicators.periods.2021-tw1]
target = "3 Laporan"
realisation = "3 Laporan"

[office.indicators.periods.2021-tw2]
target = "3 Laporan"
realisation = "2 Laporan"

[office.indicators.periods.2021-sd-tw2]
target = "6 Laporan"
accumulate = true

[[office.indicators]]
code = "persen"
name = "Persentase layanan tepat waktu"

[office.indicators.periods.2021-tw1]
target = "80%"
realisation = "75,5%"

[office.indicators.periods.2021-tw2]
target = "80%"
realisation = "82,25%"

[office.indicators.periods.2021-sd-tw2]
target = "80%"
accumulate = true
"""


def _reader(name: str) -> str:
    if name == "calamine":
        require("python_calamine")
    return name


@pytest.fixture(scope="module")
def banten(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped example, exported once (its Sekjen, HAM and Imigrasi survey and count
    realisations are derived from evidence)."""
    require("openpyxl")
    from lakipcore.excel import write_workbook

    folder = tmp_path_factory.mktemp("export")
    return write_workbook(lakipcore.assess(lakipcore.load_example()), folder / "banten.xlsx")


def _book(path: Path) -> Any:
    return require("openpyxl").load_workbook(path)


def _rows(sheet: Any) -> Iterator[dict[str, Any]]:
    """Each row below the header as {header: cell}."""
    headers = [cell.value for cell in sheet[1]]
    for row in sheet.iter_rows(min_row=2):
        yield dict(zip(headers, row, strict=False))


def _row(sheet: Any, code: str, period: str) -> dict[str, Any]:
    return next(
        row
        for row in _rows(sheet)
        if row["Kode indikator"].value == code and row["Periode"].value == period
    )


def _width(sheet: Any, header: str) -> float:
    letter = next(cell.column_letter for cell in sheet[1] if cell.value == header)
    width: float = sheet.column_dimensions[letter].width
    return width


# --- column widths -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "fmt", "shown"),
    [
        ("Indeks kepuasan", None, "Indeks kepuasan"),
        ("baris pertama\nbaris kedua yang lebih panjang", None, "baris kedua yang lebih panjang"),
        (1234567, "#,##0", "1.234.567"),
        (-1234.5, "#,##0.00", "-1.234,50"),
        (0.9875, "0.00%", "98,75%"),
        (80.5, '#,##0.00"%"', "80,50%"),
        (9.38, "#,##0.00", "9,38"),
        (0.30000000000000004, None, "0,3"),
        (2019, None, "2019"),
    ],
)
def test_a_cell_is_measured_as_it_is_shown(value: object, fmt: str | None, shown: str) -> None:
    """A text by its longest line; a number as its format shows it (grouped, its places, a
    percent sign), a General number as Excel shows it (at most 11 characters)."""
    from lakipcore.render.workbook_sheets import shown_length

    assert len(shown) == shown_length(value, fmt)


def test_every_column_is_as_wide_as_its_content(banten: Path) -> None:
    """Each column of each sheet has a width: long Indonesian labels capped, codes, periods
    and percentages narrow, amounts wide enough for their grouped digits."""
    from lakipcore.render.workbook_sheets import WIDTH_CAP

    book = _book(banten)
    for sheet in book.worksheets:
        for column in range(1, sheet.max_column + 1):
            letter = sheet.cell(1, column).column_letter
            dimension = sheet.column_dimensions[letter]
            assert dimension.customWidth, (sheet.title, letter)
            assert 8 <= dimension.width <= WIDTH_CAP + 2, (sheet.title, letter)
    indicators = book["Indikator"]
    # Indicator names and sasaran run past the cap (the whole text stays in the cell).
    longest = max(len(row["Indikator"].value) for row in _rows(indicators))
    assert longest > WIDTH_CAP
    assert WIDTH_CAP + 2 == _width(indicators, "Indikator")
    assert WIDTH_CAP + 2 == _width(indicators, "Sasaran")
    # "Periode" (a header with its filter arrow) is wider than 2019; "132,11%" fits Capaian.
    assert len("Periode") + 3 + 2 == _width(indicators, "Periode")
    assert len("Capaian") + 3 + 2 == _width(indicators, "Capaian")
    # The widest pagu, as #,##0 shows it (1.234.567.890), plus the padding.
    budget = book["Anggaran"]
    pagu = max(row["Pagu"].value for row in _rows(budget) if row["Pagu"].value is not None)
    assert len(f"{pagu:,}") + 2 == _width(budget, "Pagu")
    # The unit's name is an identifying column: capped narrower, so that it can stay frozen.
    names = [row["Unit"].value for row in _rows(budget)]
    assert max(len(name) for name in names) > 30
    assert 32 == _width(budget, "Unit")


def test_a_short_table_is_not_widened_by_another_sheet(tmp_path: Path) -> None:
    """Widths are per sheet: the Periode sheet of a report with short keys stays narrow."""
    require("openpyxl")
    from lakipcore.excel import write_workbook

    path = write_workbook(
        lakipcore.assess(lakipcore.loads_report(ACCUMULATED)), tmp_path / "a.xlsx"
    )
    periods = _book(path)["Periode"]
    assert len("2021-sd-tw2") + 2 == _width(periods, "Kunci")  # wider than "Kunci" and its arrow
    assert len("Metode") + 3 + 2 == _width(periods, "Metode")  # no method: the header decides


# --- filters and frozen panes -------------------------------------------------------------------


def test_every_table_has_a_filter_over_its_header_and_rows(banten: Path) -> None:
    """A filter spans each table's header and every row written; the Data dukung sheet (many
    tables one under another) and the Laporan sheet (labels and values) have none."""
    book = _book(banten)
    letter = require("openpyxl").utils.get_column_letter
    for title in TABLES:
        sheet = book[title]
        assert f"A1:{letter(sheet.max_column)}{sheet.max_row}" == sheet.auto_filter.ref, title
        assert sheet.max_row > 1, title
    for title in ("Data dukung", "Laporan"):
        assert book[title].auto_filter.ref is None
        assert book[title].freeze_panes is None


def test_header_rows_and_identifying_columns_are_frozen(banten: Path) -> None:
    """The header row stays in view, and beside the rows the columns that say which unit,
    indicator or period a row is about."""
    book = _book(banten)
    assert TABLES == {title: book[title].freeze_panes for title in TABLES}


def test_identifying_columns_are_frozen_only_as_far_as_they_fit(tmp_path: Path) -> None:
    """With a long unit code, unit name and indicator code (each capped at 30 characters),
    freezing all three would hide most of the sheet on a laptop: the code and name of the
    unit are frozen, the indicator's code scrolls."""
    require("openpyxl")
    from lakipcore.excel import read_workbook, write_workbook
    from lakipcore.render.workbook_sheets import FROZEN_WIDTH, IDENTIFYING_CAP

    text = (
        ACCUMULATED.replace('code = "upt"', f'code = "{"u" * 40}"')
        .replace('name = "UPT Uji"', 'name = "Unit Pelaksana Teknis Uji dengan Nama Panjang"')
        .replace('code = "laporan"', f'code = "{"k" * 40}"')
    )
    report = lakipcore.loads_report(text)
    path = write_workbook(lakipcore.assess(report), tmp_path / "long.xlsx")
    sheet = _book(path)["Indikator"]
    widths = [_width(sheet, h) for h in ("Kode unit", "Unit", "Kode indikator")]
    assert [IDENTIFYING_CAP + 2] * 3 == widths
    assert sum(widths[:2]) <= FROZEN_WIDTH < sum(widths)
    assert "C2" == sheet.freeze_panes
    assert report == read_workbook(path)


# --- realisations scoring computed ---------------------------------------------------------------


def test_a_derived_realisation_is_shown_beside_its_capaian_and_marked(banten: Path) -> None:
    """The Sekjen's internal IKM (9,38, the mean of the survey's scores on skala 10) and the
    HAM count (8 Pemda, the rows of its table) are in their Realisasi cells, grey and italic,
    with a comment saying they were computed and a mark in Realisasi dihitung; a stated
    realisation beside them is plain."""
    from lakipcore.render.workbook_sheets import COMPUTED_FILL

    sheet = _book(banten)["Indikator"]
    for code, value, fmt, shown in (
        ("sekjen-ikm-internal", 9.38, "#,##0.00", "9,38"),
        ("sekjen-nilai-akip", 90.99777777777778, "#,##0.00", "91,00"),
        ("ham-pemda-aksi-ham", 8, "#,##0", "8 Pemda"),
    ):
        row = _row(sheet, code, "2019")
        cell = row["Realisasi"]
        assert value == cell.value
        assert fmt == cell.number_format
        assert row["Realisasi (teks)"].value is None  # never stated
        assert row["Derive"].value  # the rule, which is read back
        assert "dari data dukung" == row["Realisasi dihitung"].value
        assert row["Capaian"].value > 1
        assert cell.fill.fgColor.rgb.endswith(COMPUTED_FILL)
        assert cell.font.i
        assert cell.comment is not None
        assert "dihitung lakipcore dari data dukung" in cell.comment.text
        assert f"bukan dinyatakan laporan: {shown}." in cell.comment.text
    stated = _row(sheet, "sekjen-nilai-rb", "2019")
    assert stated["Realisasi"].value == 77.37
    assert stated["Realisasi (teks)"].value == "77,37"
    assert stated["Realisasi dihitung"].value is None
    assert stated["Realisasi"].comment is None
    assert not stated["Realisasi"].font.i
    assert stated["Realisasi"].fill.fgColor.rgb == "00000000"


def test_an_unscored_realisation_stays_blank(banten: Path) -> None:
    """Only a realisation the scores hold is shown: a row without one (a not-targeted
    indicator) has no Realisasi and no mark."""
    for row in _rows(_book(banten)["Indikator"]):
        if row["Target (teks)"].value == "Tidak ditargetkan":
            assert row["Realisasi"].value is None
            assert row["Realisasi dihitung"].value is None
            break
    else:
        pytest.fail("the example has a not-targeted indicator")


@pytest.mark.parametrize("reader", READERS)
def test_an_accumulated_realisation_is_shown_and_reads_back_as_accumulated(
    reader: str, tmp_path: Path
) -> None:
    """s.d. TW II accumulated from the quarters: 3 + 2 = 5 Laporan, and the latest quarter's
    82,25 % for a percentage; shown and marked, and read back as accumulated, not stated."""
    require("openpyxl")
    from lakipcore.excel import read_workbook, write_workbook

    report = lakipcore.loads_report(ACCUMULATED)
    path = write_workbook(lakipcore.assess(report), tmp_path / "acc.xlsx")
    sheet = _book(path)["Indikator"]
    count = _row(sheet, "laporan", "2021-sd-tw2")
    assert 5 == count["Realisasi"].value
    assert "#,##0" == count["Realisasi"].number_format
    assert "akumulasi periode" == count["Realisasi dihitung"].value
    assert "ya" == count["Akumulasi periode"].value
    assert "diakumulasi lakipcore" in count["Realisasi"].comment.text
    assert "bukan dinyatakan laporan: 5 Laporan." in count["Realisasi"].comment.text
    percent = _row(sheet, "persen", "2021-sd-tw2")
    assert 82.25 == percent["Realisasi"].value
    assert '#,##0.00"%"' == percent["Realisasi"].number_format
    assert "82,25%" in percent["Realisasi"].comment.text
    back = read_workbook(path, reader=_reader(reader))
    assert report == back
    entry = back.root.indicator("laporan").at("2021-sd-tw2")
    assert entry.realisation is None
    assert entry.accumulate


@pytest.mark.parametrize("reader", READERS)
def test_a_derived_realisation_reads_back_as_its_rule(
    banten: Path, reader: str, tmp_path: Path
) -> None:
    """Read back, the derived realisation is the derive rule again, not a stated 9,38: the
    report is unchanged and scores to the same capaian."""
    from lakipcore.excel import read_workbook

    report = lakipcore.load_example()
    back = read_workbook(banten, reader=_reader(reader))
    assert report == back
    entry = back.unit("sekjen").indicator("sekjen-ikm-internal").at("2019")
    assert entry.realisation is None
    assert (
        entry.derivation
        == report.unit("sekjen").indicator("sekjen-ikm-internal").at("2019").derivation
    )
    scored = lakipcore.assess(back).scores.period("2019").unit("sekjen")
    assert Decimal("9.38") == scored.indicator("sekjen-ikm-internal").realisation


def _edit(path: Path, target: Path, code: str, clear: tuple[str, ...]) -> tuple[Path, int]:
    """The workbook at ``path`` with the cells ``clear`` of indicator ``code`` (2019) emptied,
    saved as ``target``; and the row edited."""
    book = _book(path)
    sheet = book["Indikator"]
    row = _row(sheet, code, "2019")
    for header in clear:
        row[header].value = None
    book.save(target)
    return target, row["Kode indikator"].row


@pytest.mark.parametrize("reader", READERS)
def test_a_computed_realisation_whose_rule_was_removed_is_an_error(
    banten: Path, reader: str, tmp_path: Path
) -> None:
    """Clearing the Derive cell but leaving the computed 9,38 marked would turn it into a
    stated realisation unasked: it is an error naming the mark."""
    from lakipcore.excel import read_workbook

    path, row = _edit(banten, tmp_path / "edited.xlsx", "sekjen-ikm-internal", ("Derive",))
    with pytest.raises(ReportFileError) as info:
        read_workbook(path, reader=_reader(reader))
    errors = getattr(info.value, "errors", None) or [info.value]
    error = next(e for e in errors if "computed from the row's derive" in str(e))
    assert f"Indikator!N{row}" == error.field
    assert f"Indikator!K{row}" in str(error)


@pytest.mark.parametrize("reader", READERS)
def test_clearing_the_rule_and_the_mark_states_the_number(
    banten: Path, reader: str, tmp_path: Path
) -> None:
    """What the comment says to do: with Derive and Realisasi dihitung cleared, the number in
    Realisasi is read as the stated realisation (9,38 on skala 10)."""
    from lakipcore.excel import read_workbook

    path, _ = _edit(
        banten,
        tmp_path / "stated.xlsx",
        "sekjen-ikm-internal",
        ("Derive", "Realisasi dihitung"),
    )
    entry = read_workbook(path, reader=_reader(reader)).unit("sekjen")
    stated = entry.indicator("sekjen-ikm-internal").at("2019")
    assert stated.derivation is None
    assert stated.realisation is not None
    assert Decimal("9.38") == stated.realisation.value
    assert Decimal(10) == stated.realisation.scale


@pytest.mark.parametrize("reader", READERS)
def test_a_number_typed_beside_a_rule_without_the_mark_is_still_refused(
    banten: Path, reader: str, tmp_path: Path
) -> None:
    """Only the mark says a number is lakipcore's own: a Realisasi on a deriving row without
    it is a stated realisation beside a derived one, refused as before."""
    from lakipcore.excel import read_workbook

    path, row = _edit(
        banten, tmp_path / "unmarked.xlsx", "sekjen-ikm-internal", ("Realisasi dihitung",)
    )
    with pytest.raises(LakipError, match="give realisation or derive, not both") as info:
        read_workbook(path, reader=_reader(reader))
    assert f"Indikator!K{row}" == info.value.field
