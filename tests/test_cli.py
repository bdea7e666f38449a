"""The ``lakip`` command line."""

from __future__ import annotations

import gc
import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

import lakipcore
from lakipcore.cli import main

EXAMPLE_DIR = Path(lakipcore.__file__).parent / "data"

SCHEMA1_EXAMPLE = Path(__file__).parent / "data" / "banten-2019-schema1.toml"

# Two years, each with a full budget, so that a pooling method applies to both.
TWO_YEARS = """\
schema = 2

[report]

[[periods]]
key = "2018"

[[periods]]
key = "2019"

[office]
code = "kanwil"
name = "Kanwil"

[[units]]
code = "sekjen"
name = "Sekjen"

[units.periods.2018.budget]
programme = "Dukungan Manajemen"

[[units.periods.2018.budget.outputs]]
name = "Gaji"
pagu = "1.000"
realisation = "900"

[units.periods.2019.budget]
programme = "Dukungan Manajemen"

[[units.periods.2019.budget.outputs]]
name = "Gaji"
pagu = "1.000"
realisation = "950"

[[units.indicators]]
code = "ikm"
name = "Indeks kepuasan"

[units.indicators.periods.2018]
target = "12 Laporan"
realisation = "10 Laporan"

[units.indicators.periods.2019]
target = "12 Laporan"
realisation = "12 Laporan"
"""


def test_score_prints_the_dashboard_of_the_example(
    capsys: pytest.CaptureFixture[str], indonesian: None
) -> None:
    """With no FILE, the example's dashboard is printed in Indonesian format."""
    assert 0 == main(["score"])
    out = capsys.readouterr().out
    assert "DASHBOARD PERFORMANCE Tahun Anggaran 2019  (metode: banten-2019)" in out
    office_row = next(line for line in out.splitlines() if line.startswith("A "))
    assert office_row.split()[-3:] == ["133,51%", "98,75%", "116,13%"]
    assert "Ditjen Imigrasi" in out
    assert "197,55%" in out


def test_score_prints_the_yoy_table(capsys: pytest.CaptureFixture[str]) -> None:
    """The change table shows both years under their methods and the change in points."""
    assert 0 == main(["score"])
    out = capsys.readouterr().out
    yoy = out[out.index("PERFORMANCE Tahun Anggaran 2018 → Tahun Anggaran 2019") :]
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
    assert "lakipcore.score/2" == data["schema"]
    assert "2019" == data["main"]
    assert ["2018", "2019"] == [p["key"] for p in data["periods"]]
    period = data["periods"][1]
    assert ("annual", "Tahun Anggaran 2019") == (period["kind"], period["label"])
    assert ("2019-01-01", "2019-12-31") == (period["start"], period["end"])
    assert "banten-2019" == period["method"]["name"]
    assert "pooled-indicators" == period["method"]["achievement"]
    assert "kanwil-banten" == period["office"]["code"]
    assert 9 == len(period["office"]["units"])
    achievement = period["office"]["achievement"]
    assert "133,51" == achievement["shown"]
    assert Decimal("133.51") == lakipcore.round_to(Decimal(achievement["exact"]), 2)
    assert len(achievement["exact"]) > 20
    assert "banten-2018" == data["periods"][0]["method"]["name"]
    (change,) = data["changes"]
    assert ("2018", "2019") == (change["from"], change["to"])
    assert "7,46" == change["office"]["performance"]["shown"]
    assert [u["code"] for u in period["office"]["units"]] == [u["code"] for u in change["units"]]
    indicator = change["units"][0]["indicators"][0]
    assert {"later", "earlier", "points"} <= set(indicator)


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
    text = lakipcore.formats.toml.example_text().replace('target = "7,1"', 'target = "7.1"', 1)
    path = tmp_path / "bad.toml"
    path.write_text(text, encoding="utf-8")
    assert 2 == main(["score", str(path)])
    err = capsys.readouterr().err
    line = next(n for n, text in enumerate(text.splitlines(), 1) if 'target = "7.1"' in text)
    assert err.startswith(
        f"lakip: {path}:{line}: units[0].indicators[0].periods.2019.target: '7.1'"
    )
    assert "'7,1'" in err


def test_missing_file_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A file that does not exist exits 2 with the OS message."""
    assert 2 == main(["score", str(tmp_path / "nope.toml")])
    assert "nope.toml" in capsys.readouterr().err


def test_unknown_method_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    """An unknown --method is unusable input."""
    assert 2 == main(["score", "--method", "nope"])
    assert "unknown scoring method 'nope'" in capsys.readouterr().err


def test_method_per_period(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], indonesian: None
) -> None:
    """--method PERIOD=NAME, repeated, sets each period's method."""
    path = tmp_path / "two-years.toml"
    path.write_text(TWO_YEARS, encoding="utf-8")
    argv = ["score", str(path), "--method", "2018=banten-2019", "--method", "2019=banten-2019"]
    assert 0 == main(argv)
    out = capsys.readouterr().out
    assert "DASHBOARD PERFORMANCE Tahun Anggaran 2019  (metode: banten-2019)" in out
    assert "(metode: banten-2019 / banten-2019;" in out
    change = out[out.index("PERFORMANCE Tahun Anggaran 2018 → Tahun Anggaran 2019") :]
    office_row = next(line for line in change.splitlines() if line.startswith("A "))
    assert office_row.split()[-7:] == [
        "83,33%",
        "90,00%",
        "86,67%",
        "100,00%",
        "95,00%",
        "97,50%",
        "10,83%",
    ]


def test_method_that_cannot_score_a_period_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    """banten-2019 pools pagu, which the example's 2018 budgets (rates only) do not have."""
    assert 2 == main(["score", "--method", "2018=banten-2019", "--method", "2019=banten-2019"])
    assert "known only as a printed absorption rate" in capsys.readouterr().err


def test_method_for_one_period_of_the_example(
    capsys: pytest.CaptureFixture[str], indonesian: None
) -> None:
    """A period not named keeps the file's method."""
    assert 0 == main(["score", "--method", "2019=banten-2018"])
    out = capsys.readouterr().out
    assert "DASHBOARD PERFORMANCE Tahun Anggaran 2019  (metode: banten-2018)" in out
    assert "(metode: banten-2018 / banten-2018;" in out


def test_method_for_an_unknown_period_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    """--method naming a period the report does not have is unusable input naming --method."""
    assert 2 == main(["score", "--method", "2017=banten-2019"])
    err = capsys.readouterr().err
    assert "--method" in err
    assert "'2017'" in err


def test_deeply_nested_file_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """TOML nested thousands deep is unusable input, not a crash."""
    path = tmp_path / "deep.toml"
    path.write_text("a = " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    assert 2 == main(["score", str(path)])
    err = capsys.readouterr().err
    assert err.startswith(f"lakip: {path}")
    assert "Traceback" not in err


def test_migrate_prints_a_schema_2_file(capsys: pytest.CaptureFixture[str]) -> None:
    """`lakip migrate` prints the schema 1 example as schema 2; it loads to the same report."""
    assert 0 == main(["migrate", str(SCHEMA1_EXAMPLE)])
    text = capsys.readouterr().out
    assert text.startswith("schema = 2\n")
    report = lakipcore.loads_report(text, source="migrated.toml")
    assert text == lakipcore.dump_report(report)
    assert lakipcore.load_report(SCHEMA1_EXAMPLE) == report


def test_migrate_writes_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`lakip migrate FILE -o OUT` writes OUT instead of printing."""
    out = tmp_path / "new.toml"
    assert 0 == main(["migrate", str(SCHEMA1_EXAMPLE), "-o", str(out)])
    assert "" == capsys.readouterr().out
    assert lakipcore.load_report(SCHEMA1_EXAMPLE) == lakipcore.load_report(out)


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


def test_score_prints_the_indicator_tables(
    capsys: pytest.CaptureFixture[str], indonesian: None
) -> None:
    """By default the text has the dashboard, one indicator table per unit, then the changes."""
    assert 0 == main(["score"])
    out = capsys.readouterr().out
    title = "REALISASI INDIKATOR KINERJA Sekjen - Divisi Administrasi Tahun Anggaran 2019"
    assert out.index("DASHBOARD PERFORMANCE") < out.index(title) < out.index(" → ")
    table = out[out.index(title) :].split("\n\n")[1].splitlines()
    header = ["NO", "KODE", "INDIKATOR", "KINERJA", "SATUAN", "TARGET", "REALISASI", "CAPAIAN"]
    assert header == table[0].split()
    # The sasaran heads its indicators; the satuan of an index is its scale.
    goal = "Meningkatnya layanan dukungan manajemen di lingkungan Kantor Wilayah"
    assert table[2].startswith(f"Sasaran: {goal}")
    ikm = next(line for line in table if " sekjen-ikm-internal " in line)
    assert ["skala", "10", "7,1", "9,38", "132,11%"] == ikm.split()[-5:]
    dropped = next(line for line in table if " sekjen-dokumen-perencanaan " in line)
    assert ["-", "Tidak", "ditargetkan", "-", "-"] == dropped.split()[-5:]
    assert out.count("REALISASI INDIKATOR KINERJA ") == 9
    ham = out[out.index("REALISASI INDIKATOR KINERJA Ditjen Hak Asasi Manusia") :]
    row = next(line for line in ham.splitlines() if " ham-pemda-aksi-ham " in line)
    assert row.split()[-6:] == ["Pemda", "4", "Pemda", "8", "Pemda", "200,00%"]
    assert "Metode " not in out  # the example names its methods: no line says why


@pytest.mark.parametrize(
    ("tables", "present", "absent"),
    [
        ("dashboard", ["DASHBOARD PERFORMANCE"], ["REALISASI INDIKATOR", " → "]),
        ("indicators", ["REALISASI INDIKATOR"], ["DASHBOARD PERFORMANCE", " → "]),
        ("changes,dashboard", ["DASHBOARD PERFORMANCE", " → "], ["REALISASI"]),
    ],
)
def test_score_tables_option(
    tables: str,
    present: list[str],
    absent: list[str],
    capsys: pytest.CaptureFixture[str],
    indonesian: None,
) -> None:
    """--tables chooses the text tables; they keep their order whatever the option's."""
    assert 0 == main(["score", "--tables", tables])
    out = capsys.readouterr().out
    assert all(text in out for text in present)
    assert not any(text in out for text in absent)
    assert out.rstrip().endswith("hanya saat ditampilkan.")
    if tables == "changes,dashboard":
        assert out.index("DASHBOARD PERFORMANCE") < out.index(" → ")


def test_score_tables_option_refuses_unknown_names(capsys: pytest.CaptureFixture[str]) -> None:
    """An unknown table name is a usage error (status 2) naming the known ones."""
    with pytest.raises(SystemExit) as exit_info:
        main(["score", "--tables", "dashboard,yoy"])
    assert 2 == exit_info.value.code
    assert "dashboard, indicators, changes" in capsys.readouterr().err


def test_score_json_carries_indicator_details(capsys: pytest.CaptureFixture[str]) -> None:
    """Each indicator in the JSON has its printed target and realisation, kind, unit label,
    scale, polarity and grade, beside the exact numbers; the schema name stays /2."""
    assert 0 == main(["score", "--format", "json"])
    data = json.loads(capsys.readouterr().out)
    assert "lakipcore.score/2" == data["schema"]
    units = {u["code"]: u for u in data["periods"][1]["office"]["units"]}
    items = {i["code"]: i for u in units.values() for i in u["indicators"]}
    ikm = items["sekjen-ikm-internal"]
    assert ("7,1", "9,38", "index", None, "10", "higher", None) == (
        ikm["target_text"],
        ikm["realisation_text"],
        ikm["kind"],
        ikm["unit_label"],
        ikm["scale"],
        ikm["polarity"],
        ikm["grade"],
    )
    assert ("7.1", "9.38") == (ikm["target"]["exact"], ikm["realisation"]["exact"])
    pemda = items["ham-pemda-aksi-ham"]
    assert ("4 Pemda", "8 Pemda", "count", "Pemda") == (
        pemda["target_text"],
        pemda["realisation_text"],
        pemda["kind"],
        pemda["unit_label"],
    )
    percent = items["ki-permohonan"]
    assert ("80%", "100%", "percent", None) == (
        percent["target_text"],
        percent["realisation_text"],
        percent["kind"],
        percent["scale"],
    )
    dropped = items["sekjen-dokumen-perencanaan"]
    assert ("Tidak ditargetkan", None, None, "not targeted") == (
        dropped["target_text"],
        dropped["realisation_text"],
        dropped["kind"],
        dropped["excluded"],
    )
    lower = [i for i in items.values() if i["polarity"] == "lower"]
    assert lower, "the example has lower-is-better indicators"


@pytest.mark.parametrize("argv", [["score"], ["audit"], ["score", "--quiet", str(EXAMPLE_DIR)]])
def test_main_gives_the_collector_back(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    # The command line pauses the cyclic collector while it loads and freezes what it loaded;
    # a caller running main() in-process gets it back as it was.
    assert gc.isenabled()
    main(argv)
    capsys.readouterr()
    assert gc.isenabled()
    assert 0 == gc.get_freeze_count()
    gc.disable()
    try:
        main(argv)
        assert not gc.isenabled()  # a caller's own choice is kept
    finally:
        gc.enable()


def test_limit_options_bound_the_input(capsys: pytest.CaptureFixture[str]) -> None:
    banten = str(EXAMPLE_DIR / "banten-2019.toml")
    assert 2 == main(["score", "--limit", "file-bytes=1000", banten])
    assert "at most 1.000 are accepted (lakipcore.limits.Limits.file_bytes)" in (
        capsys.readouterr().err
    )
    # Raised above the file's size, the file loads; and a batch applies them to every file.
    assert 0 == main(["score", "--limit", "file-bytes=70000", "--tables", "dashboard", banten])
    capsys.readouterr()
    code = main(["score", "--quiet", "--limit", "units=1", str(EXAMPLE_DIR)])
    err = capsys.readouterr().err
    assert 2 == code
    assert "banten-2019.toml" in err
    assert "Limits.units" in err


@pytest.mark.parametrize(
    ("option", "message"),
    [
        ("bytes=10", "unknown limit 'bytes'; expected NAME=N"),
        ("units=0", "units must be a whole number from 1, got '0'"),
        ("units=١٢", "units must be a whole number from 1"),
    ],
)
def test_bad_limit_options_are_usage_errors(
    option: str, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as info:
        main(["audit", "--limit", option])
    assert 2 == info.value.code
    assert message in capsys.readouterr().err


def test_version_and_bare_lakip_print_and_exit_zero(capsys: pytest.CaptureFixture[str]) -> None:
    """``lakip --version`` prints the version; bare ``lakip`` prints the help (it was a usage
    error)."""
    with pytest.raises(SystemExit) as exited:
        main(["--version"])
    assert 0 == exited.value.code
    assert f"lakip {lakipcore.__version__}" == capsys.readouterr().out.strip()
    assert 0 == main([])
    out = capsys.readouterr().out
    assert out.startswith("usage: lakip")
    assert "score" in out


def test_an_unknown_command_names_the_closest_one(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["scor", "report.toml"])
    assert 2 == exited.value.code
    assert "unknown command 'scor'; did you mean 'score'?" in capsys.readouterr().err


def test_a_closed_pipe_ends_quietly() -> None:
    """``lakip score DIR | head`` ended in a BrokenPipeError traceback once ``head`` left."""
    process = subprocess.Popen(
        [sys.executable, "-m", "lakipcore", "report"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None
    assert process.stderr is not None
    # Closed before lakip has written anything (it takes a good part of a second to start),
    # so that its first write fails, however large the machine's pipe buffers are.
    process.stdout.close()
    with process.stderr:
        error = process.stderr.read().decode()
    assert 1 == process.wait(timeout=60)
    assert "Traceback" not in error
    assert "BrokenPipeError" not in error


def _without_methods(tmp_path: Path) -> Path:
    """The example without its periods' methods, as a file."""
    import re

    from lakipcore.formats.toml import example_text

    text = re.sub(r'^method = "banten-201[89]"\n', "", example_text(), flags=re.MULTILINE)
    path = tmp_path / "tanpa-metode.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_report_naming_no_method_says_which_it_got_and_why(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], indonesian: None
) -> None:
    """Its printed office rows give each period's aggregation: the text ends with a line per
    period saying so, the JSON says inferred and the method's description why; a method given
    with --method is given, one the file names is the report's."""
    path = _without_methods(tmp_path)
    assert 0 == main(["score", str(path)])
    out = capsys.readouterr().out
    assert (
        "Metode Tahun Anggaran 2019: pooled-indicators/total-amounts; laporan tidak menyatakan "
        "metode, jadi dipilih cara penggabungan yang paling menjelaskan baris kantor yang "
        "dicetaknya."
    ) in out
    assert "Metode Tahun Anggaran 2018: mean-of-unit-means/mean-of-unit-rates;" in out
    assert 0 == main(["score", str(path), "--format", "json"])
    periods = json.loads(capsys.readouterr().out)["periods"]
    assert ["inferred", "inferred"] == [p["method_choice"] for p in periods]
    assert periods[1]["method"]["description"].startswith("Inferred: the report names no method")
    assert 0 == main(["score", str(path), "--format", "json", "--method", "2019=banten-2019"])
    periods = json.loads(capsys.readouterr().out)["periods"]
    assert ["inferred", "given"] == [p["method_choice"] for p in periods]
    assert 0 == main(["score", "--format", "json", "--method", "2019=banten-2018"])
    periods = json.loads(capsys.readouterr().out)["periods"]
    assert ["report", "given"] == [p["method_choice"] for p in periods]


def test_a_printed_office_row_no_aggregation_explains_gets_the_default(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """When no aggregation gives any printed office figure, the default one scores the period,
    and the audit's note says so rather than that it explains the row."""
    import re

    path = _without_methods(tmp_path)
    text = path.read_text(encoding="utf-8")
    # Every printed office figure of 2019 made one no aggregation gives.
    block = text[text.index("[office.periods.2019") :]
    block = block[: block.index("\n[office.periods.2018]")]
    wrong = re.sub(r'"\d+,\d\d%"', '"1,23%"', block)
    assert wrong != block
    path.write_text(text.replace(block, wrong), encoding="utf-8")
    assert 1 == main(["audit", str(path), "--lang", "en"])
    out = capsys.readouterr().out
    assert (
        "no method declared for 2019; no aggregation gives a figure of its printed office row: "
        "pooled-indicators/total-amounts, the default aggregation"
    ) in out
    assert "no method declared for 2018; mean-of-unit-means/mean-of-unit-rates explains" in out


def test_errors_about_the_method_name_the_option_of_each_face(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Python names method=; the command line, --method, for the same error."""
    from lakipcore.errors import LakipError, UnknownNameError
    from lakipcore.i18n import speaking
    from lakipcore.scoring import inference

    report = lakipcore.load_report(_without_methods(tmp_path))
    with speaking("en"), pytest.raises(UnknownNameError) as raised:
        lakipcore.score_report(report)
    assert "no scoring method for 2018: pass method=," in raised.value.message_in("en")

    def unscorable(*args: object, **kwargs: object) -> None:
        raise LakipError("no budget to pool", field="method")

    monkeypatch.setattr(inference, "scored_period", unscorable)
    with pytest.raises(LakipError) as raised:
        lakipcore.assess(report)
    assert "pass method= a method that fits its data" in raised.value.message_in("en")
    for command in ("score", "audit", "report"):
        assert 2 == main([command, str(tmp_path / "tanpa-metode.toml"), "--lang", "en"])
        err = capsys.readouterr().err
        assert (
            "tanpa-metode.toml: --method: no scoring method for 2018: the report names none, and "
            "no aggregation can score it (no budget to pool); pass --method a method that fits "
            "its data"
        ) in err
        assert "method=" not in err
