"""The ``lakip`` command line."""

from __future__ import annotations

import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

import lakipcore
from lakipcore.cli import main


def test_score_prints_the_dashboard_of_the_example(capsys: pytest.CaptureFixture[str]) -> None:
    """With no FILE, the example's dashboard is printed in Indonesian format."""
    assert 0 == main(["score"])
    out = capsys.readouterr().out
    assert "DASHBOARD PERFORMANCE 2019" in out
    office_row = next(line for line in out.splitlines() if line.startswith("A "))
    assert office_row.split()[-3:] == ["133,51%", "98,75%", "116,13%"]
    assert "Ditjen Imigrasi" in out
    assert "197,55%" in out


def test_score_prints_the_yoy_table(capsys: pytest.CaptureFixture[str]) -> None:
    """The YoY table shows both years under their methods and the change in points."""
    assert 0 == main(["score"])
    out = capsys.readouterr().out
    yoy = out[out.index("YEAR ON YEAR") :]
    office_row = next(line for line in yoy.splitlines() if line.startswith("A "))
    assert office_row.split()[-7:] == [
        "119,58%",
        "97,75%",
        "108,66%",
        "133,51%",
        "98,75%",
        "116,13%",
        "7,46%",
    ]
    assert "banten-2018 / banten-2019" in yoy


def test_score_json_is_machine_readable(capsys: pytest.CaptureFixture[str]) -> None:
    """JSON output names the method and carries unrounded values as strings."""
    assert 0 == main(["score", "--format", "json"])
    data = json.loads(capsys.readouterr().out)
    assert "lakipcore.score/1" == data["schema"]
    year = data["years"][0]
    assert 2019 == year["year"]
    assert "banten-2019" == year["method"]["name"]
    assert "pooled-indicators" == year["method"]["achievement"]
    achievement = year["office"]["achievement"]
    assert "133,51" == achievement["shown"]
    assert Decimal("133.51") == lakipcore.round_to(Decimal(achievement["exact"]), 2)
    assert len(achievement["exact"]) > 20
    assert data["yoy"]["from"] == 2018


def test_score_rounding_option(capsys: pytest.CaptureFixture[str]) -> None:
    """--places and --rounding change only how figures are shown."""
    assert 0 == main(["score", "--places", "0", "--rounding", "truncate"])
    out = capsys.readouterr().out
    office_row = next(line for line in out.splitlines() if line.startswith("A "))
    assert office_row.split()[-3:] == ["133%", "98%", "116%"]


def test_score_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A report file given as FILE is scored."""
    path = tmp_path / "report.toml"
    lakipcore.write_report(lakipcore.load_example(), path)
    assert 0 == main(["score", str(path)])
    assert "116,13%" in capsys.readouterr().out


def test_bad_file_exits_2_naming_file_and_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Unusable input exits 2 with a file: field: message line on stderr."""
    text = lakipcore.reportfile.example_text().replace('target = "7,1"', 'target = "7.1"', 1)
    path = tmp_path / "bad.toml"
    path.write_text(text, encoding="utf-8")
    assert 2 == main(["score", str(path)])
    err = capsys.readouterr().err
    assert err.startswith(f"lakip: {path}: units[0].indicators[0].years.2019.target: '7.1'")
    assert "'7,1'" in err


def test_missing_file_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A file that does not exist exits 2 with the OS message."""
    assert 2 == main(["score", str(tmp_path / "nope.toml")])
    assert "nope.toml" in capsys.readouterr().err


def test_unknown_method_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    """An unknown --method is unusable input."""
    assert 2 == main(["score", "--method", "nope"])
    assert "unknown scoring method 'nope'" in capsys.readouterr().err


def test_python_dash_m() -> None:
    """``python -m lakipcore score`` works and exits 0."""
    result = subprocess.run(
        [sys.executable, "-m", "lakipcore", "score"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert 0 == result.returncode, result.stderr
    assert "116,13%" in result.stdout


def test_convert_command(capsys: pytest.CaptureFixture[str]) -> None:
    """`lakip convert` converts a printed score exactly between scales."""
    assert 0 == main(["convert", "18,76", "--from", "skala-20", "--to", "skala-10"])
    assert "18,76 on skala-20 = 9,38 on skala-10 (exact 9.38)\n" == capsys.readouterr().out


def test_convert_refuses_a_decimal_point(capsys: pytest.CaptureFixture[str]) -> None:
    """A score written with a decimal point is refused with exit 2 and a hint."""
    assert 2 == main(["convert", "7.1", "--from", "skala-20", "--to", "skala-10"])
    assert "lakip: VALUE: '7.1'" in capsys.readouterr().err


def test_grade_command(capsys: pytest.CaptureFixture[str]) -> None:
    """`lakip grade` prints the letter and label, and refuses scores the table does not know."""
    assert 0 == main(["grade", "96,25", "--table", "permenpanrb-14-2017-ikm"])
    assert "A (Sangat Baik)" in capsys.readouterr().out
    assert 0 == main(["grade", "13,41", "--table", "kemenkumham-ipk-15"])
    assert ": B [kemenkumham-ipk-15]" in capsys.readouterr().out
    assert 2 == main(["grade", "12", "--table", "kemenkumham-ipk-15"])
    assert "does not know grades below 12.74" in capsys.readouterr().err


def test_grade_list(capsys: pytest.CaptureFixture[str]) -> None:
    """`lakip grade --list` names every preset table with its source."""
    assert 0 == main(["grade", "--list"])
    out = capsys.readouterr().out
    assert "akip-permenpanrb-88-2021" in out
    assert "source:" in out
