"""No output names the directory its input was read from (issue 20, item 1).

A page, a workbook or a JSON document is shared; the directory is only the author's machine's
("../p/src/…"). Outputs name a file by its own name.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import lakipcore
from lakipcore.cli import main

EXAMPLE = Path(lakipcore.__file__).parent / "data" / "banten-2019.toml"


@pytest.fixture
def deep(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The example in a directory with a telling name, given as a relative path with '..'."""
    folder = tmp_path / "rahasia-kantor" / "laporan"
    folder.mkdir(parents=True)
    shutil.copy(EXAMPLE, folder / "banten-2019.toml")
    work = tmp_path / "kerja"
    work.mkdir()
    monkeypatch.chdir(work)
    return Path("..") / "rahasia-kantor" / "laporan" / "banten-2019.toml"


def _no_directory(text: str, deep: Path, *, named: bool = True) -> None:
    assert "rahasia-kantor" not in text
    assert str(deep.parent) not in text
    assert named == ("banten-2019.toml" in text)


@pytest.mark.parametrize(
    "argv",
    [
        ["audit"],
        ["audit", "--format", "json"],
        ["audit", "--lang", "en"],
        ["score", "--format", "json"],
    ],
)
def test_text_and_json_outputs_name_the_file_only(
    argv: list[str], deep: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    main([argv[0], str(deep), *argv[1:]])
    # The score document names no file at all; the others name it by its own name.
    _no_directory(capsys.readouterr().out, deep, named=argv[0] != "score")


def test_the_page_names_the_file_only(deep: Path, tmp_path: Path) -> None:
    out = tmp_path / "page.html"
    assert 0 == main(["report", str(deep), "-o", str(out)])
    _no_directory(out.read_text(encoding="utf-8"), deep)


def test_the_workbook_names_the_file_only(deep: Path, tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    out = tmp_path / "banten.xlsx"
    assert 0 == main(["export", str(deep), "-o", str(out)])
    book = openpyxl.load_workbook(out)
    cells = [
        str(cell.value)
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if cell.value is not None
    ]
    comments = [
        cell.comment.text
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if cell.comment is not None
    ]
    text = "\n".join(cells + comments)
    assert "rahasia-kantor" not in text
    # The Temuan sheet says where each figure is in words, with its line.
    assert "baris 103" in text


def test_findings_of_a_report_loaded_from_a_path_name_the_file_only(deep: Path) -> None:
    findings = lakipcore.assess(lakipcore.load_report(deep)).findings
    assert {"banten-2019.toml"} == {f.location.source for f in findings}
    assert all("rahasia-kantor" not in str(f) for f in findings)
    # An error, printed to whoever typed the path, keeps it as typed.
    with pytest.raises(lakipcore.LakipError) as caught:
        lakipcore.load_report(deep.with_name("tidak-ada.toml"))
    assert "rahasia-kantor" in str(caught.value)
