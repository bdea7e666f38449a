"""No silent loss through a workbook, in either direction (issue 21).

Out: a report that loads is written so that it reads back equal, with either reader, whatever
its texts hold — whitespace only, a carriage return, an underscore escape — or the writer
refuses naming the field. In: a row that holds figures is never dropped without an error (a
foreign table's row without a target or without a name, a period without a target column),
and a field given twice on the ``Laporan`` sheet is an error, not the later row's value.

The fields tried out are every string field of the shipped examples (one of each shape, as
tests/test_text.py finds them), so a field added later is covered too.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import lakipcore
from extras import require
from lakipcore.errors import LakipError, ReportFileError
from lakipcore.formats import build_report
from test_text import EXAMPLES, _shape, _strings

READERS = ("openpyxl", "calamine")
# Texts an .xlsx cell does not hold as they are: a reader may strip whitespace-only text,
# XML reads a carriage return as a line feed, and _xHHHH_ is the format's own escape.


def _set(data: dict[str, Any], path: tuple[str | int, ...], text: str) -> dict[str, Any]:
    import copy

    changed = copy.deepcopy(data)
    node: Any = changed
    for part in path[:-1]:
        node = node[part]
    node[path[-1]] = text
    return changed


AWKWARD = {"spaces": "  ", "mixed": "a\r\nb_x000D_c\t"}


def _awkward_report(example: str, text: str) -> tuple[lakipcore.Report, list[str]]:
    """The example with ``text`` in the first field of each shape that loads with it (a code,
    a figure, a key is refused at load: nothing to keep), and the fields changed."""
    data = EXAMPLES[example]
    first: dict[str, tuple[str | int, ...]] = {}
    for path in _strings(data):
        first.setdefault(_shape(path), path)
    changed = []
    for shape, path in first.items():
        candidate = _set(data, path, text)
        try:
            build_report(candidate, source=example)
        except LakipError:
            continue
        data = candidate
        changed.append(shape)
    return build_report(data, source=example), changed


@pytest.mark.parametrize("example", sorted(EXAMPLES))
@pytest.mark.parametrize("text", sorted(AWKWARD), ids=sorted(AWKWARD))
def test_what_loads_reads_back_equal_from_a_workbook_or_is_refused_by_name(
    example: str, text: str, tmp_path: Path
) -> None:
    require("openpyxl")
    require("python_calamine")
    from lakipcore.excel import read_workbook, write_workbook

    report, changed = _awkward_report(example, AWKWARD[text])
    # Names, titles, notes, evidence cells: not a vacuous test (the smallest example, DJPB's
    # one table of four indicators, has five such fields).
    assert len(changed) >= 5
    written = write_workbook(lakipcore.assess(report), tmp_path / f"{text}.xlsx")
    for reader in READERS:
        again = read_workbook(written, reader=reader)
        assert again == report, reader


def test_the_awkward_texts_reach_the_text_fields() -> None:
    _, changed = _awkward_report("banten-2019.toml", AWKWARD["spaces"])
    assert {"report.title", "tables.[].title", "units.[].periods.<period>.budget.programme"} <= set(
        changed
    )
    assert any(".printed." in shape for shape in changed)
    assert any("evidence" in shape and "rows" in shape for shape in changed)


def test_a_field_given_twice_on_the_laporan_sheet_is_an_error(tmp_path: Path) -> None:
    """The later row was taken without a word."""
    openpyxl = require("openpyxl")
    from lakipcore.excel import read_workbook, write_workbook

    path = write_workbook(lakipcore.assess(lakipcore.load_example()), tmp_path / "b.xlsx")
    book = openpyxl.load_workbook(path)
    sheet = book["Laporan"]
    sheet.append(["Judul", "Judul lain"])
    book.save(path)
    with pytest.raises(ReportFileError, match="Judul is given twice, also at Laporan!A2") as info:
        read_workbook(path, reader="openpyxl")
    assert f"Laporan!A{sheet.max_row}" == info.value.field


def _foreign(path: Path, rows: list[list[object]], headers: list[str] | None = None) -> Path:
    openpyxl = require("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Pengukuran Kinerja"
    sheet.append(headers or ["No", "Indikator Kinerja", "Satuan", "Target 2023", "Realisasi 2023"])
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def test_a_foreign_row_without_a_target_is_an_error_at_its_target_cell(tmp_path: Path) -> None:
    """The row was dropped, and with it its realisation."""
    from lakipcore.excel import read_workbook

    path = _foreign(
        tmp_path / "t.xlsx",
        [[1, "Laporan kinerja", "Dokumen", 2, 2], [2, "Rekomendasi", "Dokumen", None, 4]],
    )
    with pytest.raises(ReportFileError, match="has a realisasi for 2023 but no target") as info:
        read_workbook(path)
    assert "'Pengukuran Kinerja'!D3" == info.value.field


def test_a_foreign_row_with_figures_but_no_name_is_an_error(tmp_path: Path) -> None:
    from lakipcore.excel import read_workbook

    path = _foreign(
        tmp_path / "n.xlsx", [[1, "Laporan kinerja", "Dokumen", 2, 2], [2, None, None, 3, 3]]
    )
    with pytest.raises(ReportFileError, match="figures but no indicator name") as info:
        read_workbook(path)
    assert "'Pengukuran Kinerja'!B3" == info.value.field


def test_title_spacer_and_summary_rows_are_not_indicators(tmp_path: Path) -> None:
    """A sasaran's title row and a "Rata-rata capaian" row are no errors; an indicator whose
    name starts with Jumlah is an indicator."""
    from lakipcore.excel import read_workbook

    path = _foreign(
        tmp_path / "s.xlsx",
        [
            [None, "Sasaran: meningkatnya kualitas layanan"],
            [1, "Jumlah laporan kinerja", "Dokumen", 2, 2, 1],
            [],
            [None, "Rata-rata capaian", None, None, None, 1],
        ],
        ["No", "Indikator Kinerja", "Satuan", "Target 2023", "Realisasi 2023", "Capaian 2023"],
    )
    report = read_workbook(path)
    assert ["Jumlah laporan kinerja"] == [i.name for i in report.root.indicators]


def test_a_period_without_a_target_column_is_an_error_not_an_empty_report(tmp_path: Path) -> None:
    """With a mapping that gives no target column, every row was dropped and the workbook read
    as a report without indicators, without a word."""
    from lakipcore.excel import read_workbook

    path = _foreign(tmp_path / "m.xlsx", [[1, "Laporan kinerja", "Dokumen", 2, 2]])
    mapping = tmp_path / "map.toml"
    mapping.write_text(
        '[[sheets]]\nsheet = "Pengukuran Kinerja"\nkind = "indicators"\nheader-row = 1\n'
        'columns = { name = "B" }\nperiods = [{ key = "2023", realisation = "E" }]\n',
        encoding="utf-8",
    )
    with pytest.raises(ReportFileError, match="give period 2023 no target column") as info:
        read_workbook(path, mapping)
    assert "'Pengukuran Kinerja'!A1" == info.value.field
