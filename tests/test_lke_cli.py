"""``lakip lke``: score, audit, gap and designs from the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lakipcore import lke
from lakipcore.cli import main

EXAMPLES = Path(lke.__file__).resolve().parents[1] / "data" / "lke" / "examples"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_score_without_a_file_scores_the_worked_example(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "lke", "score", "--lang", "en")
    assert 0 == status
    assert "Total: 74,73  Predikat: BB (Sangat Baik)" in out
    assert "simulation" in out
    assert "Fewest steps to A: 22" in out


def test_score_speaks_indonesian_by_default(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("LAKIP_LANG", raising=False)
    _, out, _ = run(capsys, "lke", "score")
    assert "simulasi" in out
    assert "Predikat: BB" in out


def test_score_json_validates_against_the_shipped_schema(
    capsys: pytest.CaptureFixture[str],
) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    from lakipcore.schemas import load_schema

    status, out, _ = run(capsys, "lke", "score", "--format", "json", "--places", "3")
    assert 0 == status
    document = json.loads(out)
    assert [] == list(
        jsonschema.Draft202012Validator(load_schema("lke-score")).iter_errors(document)
    )
    assert False is document["official"]
    penilai = document["layers"]["penilai"]
    assert {"exact": "627769/8400", "shown": "74,734"} == penilai["total"]
    assert "BB" == penilai["predikat"]["letter"]
    assert "A" == document["next"]["target"]


def test_several_files_are_ranked(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    text = (EXAMPLES / "contoh-88-2021.toml").read_text(encoding="utf-8")
    lower = tmp_path / "lower.toml"
    lower.write_text(
        text.replace('unit = "kanwil-contoh"', 'unit = "upt-b"').replace(
            'penilai = "AA"', 'penilai = "B"'
        ),
        encoding="utf-8",
    )
    status, out, _ = run(
        capsys,
        "lke",
        "score",
        str(EXAMPLES / "contoh-88-2021.toml"),
        str(lower),
        "--format",
        "json",
    )
    assert 0 == status
    units = json.loads(out)["units"]
    assert ["kanwil-contoh", "upt-b"] == [u["unit"] for u in units]
    assert [1, 2] == [u["rank"] for u in units]


def test_audit_exits_1_on_errors_and_0_without(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert 0 == run(capsys, "lke", "audit", str(EXAMPLES / "grobogan-2024.toml"))[0]
    slipped = tmp_path / "slip.toml"
    slipped.write_text(
        (EXAMPLES / "grobogan-2024.toml")
        .read_text(encoding="utf-8")
        .replace('"1" = "23,02"', '"1" = "23,20"'),
        encoding="utf-8",
    )
    status, out, _ = run(capsys, "lke", "audit", str(slipped), "--lang", "en")
    assert 1 == status
    assert "figure-mismatch" in out
    assert "slip.toml" in out


def test_a_bad_file_exits_2_naming_the_file_and_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text(
        'design = "permenpanrb-88-2021"\nunit = "u"\n[answers]\n"1.a.1" = { penilai = "Q" }\n',
        encoding="utf-8",
    )
    status, _, err = run(capsys, "lke", "score", str(bad), "--lang", "en")
    assert 2 == status
    assert "bad.toml:4" in err
    assert "'Q' is not an answer" in err


def test_gap_caps_the_answers_and_lists_the_policies(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "lke", "gap", "--highest", "BB", "--lang", "en")
    assert 0 == status
    assert "Fewest steps to A: 28" in out
    assert "renormalise" in out
    assert " AA " not in out.split("Fewest steps")[1]


def test_designs_lists_the_shipped_designs(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "lke", "designs", "--format", "json")
    assert 0 == status
    listed = {d["name"]: d for d in json.loads(out)}
    assert set(lke.DESIGN_NAMES) == set(listed)
    assert 80 == listed["permenpanrb-88-2021"]["criteria"]


def test_units_known_only_by_a_printed_total_rank_after_computed_ones(
    capsys: pytest.CaptureFixture[str],
) -> None:
    files = [str(EXAMPLES / name) for name in lke.EXAMPLE_WORKSHEETS]
    status, out, _ = run(capsys, "lke", "score", *files, "--lang", "en")
    assert 0 == status
    lines = out.splitlines()
    assert lines[0].split()[-2:] == ["74,73", "BB"]
    assert "Kota Bima 2020" in lines[1]
    assert lines[1].endswith("68,48  B *")
    assert lines[3].endswith("65,93  B *")
    assert "* the printed total: no answers are known" in out
    document = json.loads(run(capsys, "lke", "score", *files, "--format", "json")[1])
    assert ["computed", "printed", "printed", "printed"] == [u["basis"] for u in document["units"]]


def test_report_writes_the_page(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    out_file = tmp_path / "lke.html"
    assert 0 == run(capsys, "lke", "report", "-o", str(out_file))[0]
    page = out_file.read_text(encoding="utf-8")
    assert "74,73" in page
    assert "simulasi" in page.lower()
    assert "<script" not in page
    status, _, err = run(
        capsys,
        "lke",
        "report",
        *[str(EXAMPLES / n) for n in lke.EXAMPLE_WORKSHEETS[:2]],
        "--lang",
        "en",
    )
    assert 2 == status
    assert "takes one worksheet, got 2" in err


def test_a_template_filled_and_an_export_are_read_back(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    pytest.importorskip("openpyxl")
    template = tmp_path / "template.xlsx"
    status = run(
        capsys,
        "lke",
        "template",
        "permenpanrb-12-2015",
        "-o",
        str(template),
        "--unit",
        "upt-x",
        "--year",
        "2024",
        "--layers",
        "mandiri",
    )[0]
    assert 0 == status
    status, out, _ = run(capsys, "lke", "score", str(template), "--lang", "en")
    assert 0 == status
    assert "No layer has answers" in out
    exported = tmp_path / "export.xlsx"
    assert 0 == run(capsys, "lke", "export", "-o", str(exported))[0]
    status, out, _ = run(capsys, "lke", "score", str(exported), "--format", "json")
    assert 0 == status
    assert "627769/8400" == json.loads(out)["layers"]["penilai"]["total"]["exact"]
