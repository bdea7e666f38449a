"""Worksheets (LKE) as Excel workbooks: the template, reading a filled or hand-kept sheet, the
round trip of write_workbook, and every bad cell named (lakipcore.lke.workbook)."""

from __future__ import annotations

import re
import sys
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import attrs
import pytest

from extras import require
from lakipcore import lke
from lakipcore.errors import LakipError, ReportFileError, UnknownNameError
from lakipcore.i18n import translate
from lakipcore.lke import Response, UnansweredPolicy, Worksheet
from lakipcore.lke.render import SIMULATION_LABEL
from lakipcore.lke.scoring import EvaluationScore
from lakipcore.lke.workbook import read_workbook, write_template, write_workbook
from lakipcore.results.findings import FindingCode

openpyxl = require("openpyxl")

SHEET = "Worksheet"  # the tests speak English (conftest)
HEADER = 7  # the table's header row
FIRST = 8  # the first criterion's row
# The columns of a two-layer worksheet: Component, Sub-component, Criterion code, Criterion,
# Weight, Score mandiri, Score penilai, Evidence (%), Note.
CODE, WEIGHT, MANDIRI, PENILAI, EVIDENCE, NOTE = "C", "E", "F", "G", "H", "I"


def _example(path: Path, worksheet: Worksheet | None = None) -> Path:
    return write_workbook(lke.evaluate(worksheet or lke.example_worksheet()), path)


def _edit(path: Path, cells: dict[str, Any], *, insert: int | None = None) -> Path:
    book = openpyxl.load_workbook(path)
    ws = book[SHEET]
    if insert is not None:
        ws.insert_rows(insert)
    for ref, value in cells.items():
        ws[ref] = value
    book.save(path)
    return path


def _same(expected: Worksheet, read: Worksheet) -> None:
    assert expected == attrs.evolve(read, source=expected.source)


def _scores(worksheet: Worksheet) -> dict[str, tuple[Fraction, str]]:
    evaluation = lke.evaluate(worksheet)
    return {
        layer: (score.total, score.predikat)
        for layer, score in evaluation.scores.items()
        if isinstance(score, EvaluationScore)
    }


# --- the template ------------------------------------------------------------------------------


@pytest.mark.parametrize("name", lke.DESIGN_NAMES)
def test_the_template_has_a_row_per_criterion_with_its_weight(name: str, tmp_path: Path) -> None:
    design = lke.get_design(name)
    path = write_template(design, tmp_path / "lke.xlsx", unit="upt-1", year=2024)
    ws = openpyxl.load_workbook(path)[SHEET]
    last = FIRST + len(design.criteria) - 1
    assert [c.id for c in design.criteria] == [
        ws[f"{CODE}{row}"].value for row in range(FIRST, last + 1)
    ]
    assert ws[f"{CODE}{last + 1}"].value is None
    for row, (_, part, criterion) in enumerate(design.walk(), FIRST):
        cell = ws[f"{WEIGHT}{row}"].value
        weight = part.weight_of(criterion)
        given = Fraction(cell) if isinstance(cell, str) else Fraction(Decimal(repr(cell)))
        assert weight == given, criterion.id
    # Each answer cell offers its criterion's answers.
    lists = [v for v in ws.data_validations.dataValidation if v.type == "list"]
    offered = {}
    for validation in lists:
        for cells in validation.sqref.ranges:
            for row in range(cells.min_row, cells.max_row + 1):
                offered[row] = validation.formula1.strip('"').split(",")
    for row, criterion in enumerate(design.criteria, FIRST):
        assert list(criterion.scale.codes) == offered[row], criterion.id
    # Read back as it is: nothing answered, the block as written.
    read = read_workbook(path)
    assert (design, "upt-1", 2024, {}) == (read.design, read.unit, read.year, dict(read.responses))
    assert design.layers == read.layers


def test_a_template_is_filled_with_openpyxl_and_read_back(tmp_path: Path) -> None:
    design = lke.get_design("permenpanrb-88-2021")
    path = write_template(design, tmp_path / "lke.xlsx", layers=["mandiri"])
    book = openpyxl.load_workbook(path)
    ws = book[SHEET]
    ws["B2"], ws["B3"], ws["B4"] = "kanwil-x", "Kanwil X", 2023
    assert "Score mandiri" == ws["F7"].value
    assert "Evidence (%)" == ws["G7"].value
    ws["F8"], ws["F9"], ws["F10"] = " bb ", "aa", "C"  # as people type them
    ws["G9"], ws["H9"] = 96.5, "=1+1 is not a formula here"
    ws["H9"].data_type = "s"  # typed as text
    ws["H10"] = "  "  # blank as written
    book.save(path)
    read = read_workbook(path)
    assert ("kanwil-x", "Kanwil X", 2023, ("mandiri",)) == (
        read.unit,
        read.name,
        read.year,
        read.layers,
    )
    assert {
        "1.a.1": Response("1.a.1", {"mandiri": "BB"}),
        "1.a.2": Response(
            "1.a.2",
            {"mandiri": "AA"},
            evidence=Decimal("96.5"),
            note="=1+1 is not a formula here",
        ),
        "1.a.3": Response("1.a.3", {"mandiri": "C"}),
    } == dict(read.responses)
    response = read.responses["1.a.2"]
    assert response.origin is not None
    assert f"{SHEET}!C9" == response.origin.path
    assert str(path) == response.origin.source
    assert f"{SHEET}!F9" == response.where("mandiri").path  # type: ignore[union-attr]


def test_the_template_checks_its_layers(tmp_path: Path) -> None:
    design = lke.get_design("permenpanrb-88-2021")
    with pytest.raises(LakipError, match="named twice"):
        write_template(design, tmp_path / "x.xlsx", layers=["a", "a"])
    with pytest.raises(LakipError, match="list of names"):
        write_template(design, tmp_path / "x.xlsx", layers="mandiri")


# --- the round trip ----------------------------------------------------------------------------


def test_the_worked_example_round_trips_to_an_equal_worksheet_and_equal_scores(
    tmp_path: Path,
) -> None:
    worksheet = lke.example_worksheet()
    read = read_workbook(_example(tmp_path / "contoh.xlsx"))
    _same(worksheet, read)
    assert _scores(worksheet) == _scores(read)
    assert {"mandiri", "penilai"} == set(_scores(read))


def test_evidence_notes_and_gaps_round_trip(tmp_path: Path) -> None:
    worksheet = lke.example_worksheet()
    responses = dict(worksheet.responses)
    responses["1.a.2"] = attrs.evolve(
        responses["1.a.2"], evidence=Decimal("33.33"), note="Renstra 2020–2024, hal. 12\nrevisi"
    )
    responses["1.a.3"] = Response("1.a.3", {"mandiri": "A"}, note="  penilai belum menilai ")
    responses["2.a.1"] = Response("2.a.1", {}, evidence=Decimal(0))
    responses["1.a.4"] = attrs.evolve(responses["1.a.4"], evidence=Decimal("33.3333333333333333"))
    del responses["2.a.2"]
    worksheet = attrs.evolve(worksheet, responses=responses, name="", year=None)
    path = write_workbook(
        lke.evaluate(worksheet, policy=UnansweredPolicy.ZERO), tmp_path / "x.xlsx"
    )
    read = read_workbook(path)
    _same(worksheet, read)


def test_a_workbook_in_indonesian_is_read_and_an_english_one_too(
    tmp_path: Path, indonesian: None
) -> None:
    worksheet = lke.example_worksheet()
    indonesian_book = write_workbook(lke.evaluate(worksheet), tmp_path / "id.xlsx")
    english_book = write_workbook(lke.evaluate(worksheet), tmp_path / "en.xlsx", lang="en")
    assert translate("Worksheet", "id") in openpyxl.load_workbook(indonesian_book).sheetnames
    assert "Worksheet" in openpyxl.load_workbook(english_book).sheetnames
    _same(worksheet, read_workbook(indonesian_book))
    _same(worksheet, read_workbook(english_book))


def test_indonesian_headers_typed_by_hand_are_read(tmp_path: Path) -> None:
    path = _example(tmp_path / "x.xlsx")
    headers = ["Komponen", "sub-KOMPONEN", "Kode  kriteria", "Kriteria", "Bobot"]
    headers += ["Nilai Mandiri", "nilai penilai", "Bukti (%)", "Catatan"]
    cells = {f"{chr(65 + i)}{HEADER}": h for i, h in enumerate(headers)}
    cells |= {"A1": "Desain:", "A2": "Kode unit", "A3": "Nama unit", "A4": "Tahun"}
    cells["A5"] = "Lapis penilaian"
    _same(lke.example_worksheet(), read_workbook(_edit(path, cells)))


def test_the_scores_and_findings_sheets(tmp_path: Path) -> None:
    worksheet = lke.example_worksheet().with_answers("penilai", {"1.a.1": "E"})
    responses = dict(worksheet.responses)
    responses["1.a.2"] = Response("1.a.2", {"mandiri": "A"})  # a finding: unanswered
    worksheet = attrs.evolve(worksheet, responses=responses)
    evaluation = lke.evaluate(worksheet, policy=UnansweredPolicy.ZERO)
    path = write_workbook(evaluation, tmp_path / "x.xlsx", places=3)
    book = openpyxl.load_workbook(path)
    assert [SHEET, "Scores", "Findings"] == book.sheetnames
    scores = book["Scores"]
    values = [[c.value for c in row] for row in scores.iter_rows()]
    headers = values[0]
    assert ["Level", "Code", "Name", "Weight", "Score mandiri", "Points mandiri"] == headers[:6]
    assert "Points penilai, exact" in headers
    score = evaluation.score
    assert score is not None
    total = next(row for row in values if row[0] == "Total")
    exact = headers.index("Points penilai, exact")
    from lakipcore.lke.render import exact_string

    assert exact_string(score.total) == total[exact]
    assert float(score.rounded(score.total, 3)) == total[exact - 1]  # type: ignore[arg-type]
    predikat = next(row for row in values if row[0] == "Predikat (simulation)")
    assert predikat[headers.index("Score penilai")].startswith(score.predikat)
    assert any(SIMULATION_LABEL in row for row in values)
    criterion = next(row for row in values if row[1] == "1.a.1")
    assert ("Criterion", "6/7", "E", "0") == (
        criterion[0],
        criterion[3],
        criterion[headers.index("Score penilai")],
        criterion[exact],
    )
    findings = [[c.value for c in row] for row in book["Findings"].iter_rows()]
    assert ["Code", "Severity", "Criterion"] == findings[0][:3]
    assert len(evaluation.findings) == len(findings) - 1 > 0
    linked = [
        row[2].hyperlink.location
        for row in book["Findings"].iter_rows(min_row=2)
        if row[2].hyperlink is not None
    ]
    assert [f"{SHEET}!C{FIRST + 1}"] == linked
    flagged = book[SHEET][f"{CODE}{FIRST + 1}"]
    assert flagged.comment is not None
    assert "unanswered-criterion" in flagged.comment.text


# --- hand-kept sheets ----------------------------------------------------------------------------


def test_a_hand_kept_sheet_is_read_despite_its_blank_rows_headings_and_helper_columns(
    tmp_path: Path,
) -> None:
    worksheet = lke.example_worksheet()
    path = _example(tmp_path / "x.xlsx")
    book = openpyxl.load_workbook(path)
    ws = book[SHEET]
    ws.insert_rows(1, 2)  # a title above the block
    ws["A1"] = "LEMBAR KERJA EVALUASI AKIP"
    header, first = HEADER + 2, FIRST + 2
    ws.insert_rows(first)  # a heading row and a blank row inside the table
    ws[f"{CODE}{first}"], ws[f"D{first}"] = "1", "Perencanaan Kinerja"
    ws.insert_rows(first + 3)
    ws.insert_cols(1)  # a "No." column, and a helper column without a header
    ws[f"A{header}"] = "No."
    ws[f"L{first + 1}"] = "helper"
    ws[f"D{header}"] = "  criterion   CODE "  # case and spaces
    ws[f"H{first + 1}"] = " a "  # 1.a.1 penilai, as typed
    ws[f"F{first + 1}"] = 6 / 7  # the weight as Excel's =6/7 computes it
    ws[f"F{first + 2}"] = "0,86"  # rounded to two places
    last = ws.max_row + 1
    ws[f"E{last}"], ws[f"F{last}"] = "Total", 100  # a total row
    book.save(path)
    read = read_workbook(path)
    _same(worksheet, read)
    response = read.responses["1.a.1"]
    assert f"{SHEET}!D{first + 1}" == response.origin.path  # type: ignore[union-attr]


def test_an_evidence_cell_formatted_as_a_percentage_is_read_as_percent(tmp_path: Path) -> None:
    path = _example(tmp_path / "x.xlsx")
    book = openpyxl.load_workbook(path)
    book[SHEET][f"{EVIDENCE}{FIRST}"] = 0.96
    book[SHEET][f"{EVIDENCE}{FIRST}"].number_format = "0%"
    book[SHEET][f"{EVIDENCE}{FIRST + 1}"] = "87,5%"
    book.save(path)
    read = read_workbook(path)
    assert Decimal(96) == read.responses["1.a.1"].evidence
    assert Decimal("87.5") == read.responses["1.a.2"].evidence


def test_findings_point_at_cells(tmp_path: Path) -> None:
    path = _example(tmp_path / "x.xlsx")
    _edit(path, {f"{PENILAI}{FIRST}": None, f"{NOTE}{FIRST}": "belum dinilai"})
    read = read_workbook(path)
    findings = lke.evaluate(read, policy=UnansweredPolicy.ZERO).findings
    unanswered = [f for f in findings if f.code is FindingCode.UNANSWERED_CRITERION]
    assert [("1.a.1", f"{SHEET}!C{FIRST}")] == [
        (f.subject.item, f.location.field) for f in unanswered
    ]


def test_the_design_comes_from_the_block_or_the_caller(tmp_path: Path) -> None:
    path = _example(tmp_path / "x.xlsx")
    design = lke.get_design("permenpanrb-88-2021")
    _same(lke.example_worksheet(), read_workbook(path, design=design))
    other = lke.get_design("wp-eval-sakip-madiun")
    with pytest.raises(ReportFileError) as caught:
        read_workbook(path, design=other)
    assert f"{SHEET}!B1" == caught.value.errors[0].field
    assert any("permenpanrb-88-2021" in e.message for e in caught.value.errors)
    _edit(path, {"B1": "permenpanrb-99"})
    with pytest.raises(UnknownNameError, match="unknown worksheet design") as unknown:
        read_workbook(path)
    assert (f"{SHEET}!B1", str(path)) == (unknown.value.field, unknown.value.source)
    _edit(path, {"B1": None})
    with pytest.raises(ReportFileError, match="does not name its design") as missing:
        read_workbook(path)
    assert f"{SHEET}!B1" == missing.value.field
    _same(lke.example_worksheet(), read_workbook(path, design=design))


# --- bad cells ---------------------------------------------------------------------------------

BAD_CELLS = [
    pytest.param(
        {f"{PENILAI}{FIRST}": "ZZ"},
        f"{PENILAI}{FIRST}",
        r"criterion '1\.a\.1': 'ZZ' is not an answer of scale 'akip'; answers: AA, A, BB",
        id="unknown-answer",
    ),
    pytest.param(
        {f"{CODE}{FIRST}": "9.z.9"},
        f"{CODE}{FIRST}",
        r"criterion '9\.z\.9' is not in the design 'permenpanrb-88-2021'",
        id="criterion-not-in-design",
    ),
    pytest.param(
        {f"{CODE}{FIRST + 1}": "1.A.1"},
        f"{CODE}{FIRST + 1}",
        rf"criterion '1\.a\.1' is listed twice; the first is {SHEET}!C{FIRST}",
        id="criterion-twice",
    ),
    pytest.param(
        {f"{PENILAI}{HEADER}": None},
        f"{HEADER}",
        r"no column for layer 'penilai': add a column headed 'Score penilai'",
        id="missing-layer-column",
    ),
    pytest.param(
        {f"{WEIGHT}{FIRST}": 1},
        f"{WEIGHT}{FIRST}",
        r"criterion '1\.a\.1': the weight 1 contradicts the design's weight 6/7",
        id="weight-contradicts",
    ),
    pytest.param(
        {f"{WEIGHT}{FIRST}": "0,85"},
        f"{WEIGHT}{FIRST}",
        r"criterion '1\.a\.1': the weight 0,85 contradicts the design's weight 6/7",
        id="weight-rounded-wrongly",
    ),
    pytest.param(
        {f"{WEIGHT}{FIRST}": "enam"},
        f"{WEIGHT}{FIRST}",
        r"criterion '1\.a\.1': 'enam' is not a weight",
        id="weight-not-a-number",
    ),
    pytest.param(
        {f"{EVIDENCE}{FIRST}": 150},
        f"{EVIDENCE}{FIRST}",
        r"criterion '1\.a\.1': '150' is not an evidence percentage from 0 to 100",
        id="evidence-out-of-range",
    ),
    pytest.param(
        {f"{EVIDENCE}{FIRST}": "banyak"},
        f"{EVIDENCE}{FIRST}",
        r"criterion '1\.a\.1': 'banyak' is not an evidence percentage",
        id="evidence-not-a-number",
    ),
    pytest.param(
        {f"J{HEADER}": "Notes"},
        f"J{HEADER}",
        r"unknown column 'Notes' \(a column without a header is left out\); expected one of "
        r".*; did you mean 'Note'\?$",
        id="unknown-column",
    ),
    pytest.param(
        {f"J{HEADER}": "note"},
        f"J{HEADER}",
        rf"the column 'note' appears twice; the first is {SHEET}!I{HEADER}",
        id="column-twice",
    ),
    pytest.param(
        {f"J{HEADER}": "Score verifikator"},
        f"J{HEADER}",
        r"the column 'Score verifikator' is for layer 'verifikator', which the worksheet does "
        r"not have; its layers: mandiri, penilai",
        id="undeclared-layer-column",
    ),
    pytest.param(
        {f"{CODE}{FIRST}": None},
        f"{CODE}{FIRST}",
        r"the row has answers but no criterion code",
        id="answers-without-code",
    ),
    pytest.param(
        {f"{CODE}{FIRST}": "1.a"},
        f"{CODE}{FIRST}",
        r"'1\.a' is a component or a sub-component, not a criterion",
        id="answers-on-a-heading",
    ),
    pytest.param(
        {"B4": "tahun lalu"},
        "B4",
        r"the year must be a whole number, got 'tahun lalu'",
        id="year",
    ),
    pytest.param(
        {"B2": None},
        "B2",
        r"the sheet does not name the unit",
        id="no-unit",
    ),
    pytest.param(
        {"B5": "mandiri, penilai, Mandiri"},
        "B5",
        r"the score layer 'Mandiri' is named twice",  # as the cell writes it
        id="layer-twice",
    ),
    pytest.param(
        {"A6": "Year"},
        "A6",
        rf"'Year' is given twice; the first is {SHEET}!A4",
        id="label-twice",
    ),
]


@pytest.mark.parametrize(("cells", "where", "message"), BAD_CELLS)
def test_a_bad_cell_is_an_error_naming_it(
    cells: dict[str, Any], where: str, message: str, tmp_path: Path
) -> None:
    path = _edit(_example(tmp_path / "x.xlsx"), cells)
    with pytest.raises(ReportFileError) as caught:
        read_workbook(path)
    error = caught.value
    assert 1 == len(error.errors), [str(e) for e in error.errors]
    assert (f"{SHEET}!{where}", str(path)) == (error.field, error.source)
    assert re.search(message, error.message_in("en")), error.message_in("en")


def test_every_bad_cell_of_a_file_is_reported_at_once(tmp_path: Path) -> None:
    cells: dict[str, Any] = {
        f"{PENILAI}{FIRST}": "ZZ",
        f"{CODE}{FIRST + 1}": "1.a.1",
        f"{WEIGHT}{FIRST + 2}": 1,
        f"{EVIDENCE}{FIRST + 3}": 150,
        f"{CODE}{FIRST + 12}": "9.z.9",
        f"J{HEADER}": "Notes",
        "B4": "tahun lalu",
    }
    wheres = [f"{SHEET}!{ref}" for ref in cells]
    path = _edit(_example(tmp_path / "x.xlsx"), cells)
    with pytest.raises(ReportFileError) as caught:
        read_workbook(path)
    fields = [str(e.field) for e in caught.value.errors]
    assert sorted(wheres) == sorted(fields)
    text = str(caught.value)
    assert f"{len(wheres)} errors" in text
    assert all(where in text for where in wheres)


def test_a_workbook_without_the_worksheet_is_refused(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    book.active["A1"] = "nothing here"
    book.save(tmp_path / "x.xlsx")
    with pytest.raises(ReportFileError, match="no sheet has a header row with the column"):
        read_workbook(tmp_path / "x.xlsx")
    with pytest.raises(ReportFileError, match="no such workbook"):
        read_workbook(tmp_path / "missing.xlsx")


def test_both_readers_read_the_same_worksheet(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _example(tmp_path / "x.xlsx")
    _edit(path, {f"{EVIDENCE}{FIRST}": 12.5, f"{WEIGHT}{FIRST + 1}": 6 / 7, "B4": "2023"})
    first = read_workbook(path)
    monkeypatch.setattr("lakipcore.lke.workbook.reader.calamine_available", lambda: False)
    second = read_workbook(path)
    assert first == second
    assert Decimal("12.5") == second.responses["1.a.1"].evidence


def test_the_limits_bound_the_workbook(tmp_path: Path) -> None:
    from lakipcore.limits import Limits

    path = _example(tmp_path / "x.xlsx")
    with pytest.raises(ReportFileError) as caught:
        read_workbook(path, limits=Limits(file_bytes=1000))
    assert str(path) == caught.value.source


def test_a_workbook_is_read_from_its_bytes(tmp_path: Path) -> None:
    data = _example(tmp_path / "x.xlsx").read_bytes()
    read = read_workbook(data, source="upload.xlsx")
    _same(lke.example_worksheet(), read)
    assert "upload.xlsx" == read.responses["1.a.1"].origin.source  # type: ignore[union-attr]


def test_a_workbook_is_read_from_an_upload(tmp_path: Path) -> None:
    """A binary file object (a web backend's upload) reads as the file does, as the report
    workbook reader's does."""
    with _example(tmp_path / "x.xlsx").open("rb") as upload:
        read = read_workbook(upload, source="upload.xlsx")
    _same(lke.example_worksheet(), read)
    assert "upload.xlsx" == read.responses["1.a.1"].origin.source  # type: ignore[union-attr]


def test_without_openpyxl_the_error_names_the_extra(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _example(tmp_path / "x.xlsx")
    monkeypatch.setitem(sys.modules, "openpyxl", None)
    design = lke.get_design("permenpanrb-88-2021")
    for call in (
        lambda: write_template(design, tmp_path / "t.xlsx"),
        lambda: write_workbook(lke.evaluate(lke.example_worksheet()), tmp_path / "w.xlsx"),
        lambda: read_workbook(path),
    ):
        with pytest.raises(LakipError, match=r"lakipcore\[excel\]"):
            call()
