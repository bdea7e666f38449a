"""Many reports at once: ``lakipcore.formats.batch`` and ``lakip score|audit PATH...``."""

from __future__ import annotations

import json
import sys
from decimal import Decimal
from pathlib import Path

import pytest

import lakipcore as lk
from lakipcore import _exact
from lakipcore.cli import main
from lakipcore.errors import InvalidValueError
from lakipcore.formats.batch import expand_paths, load_many
from lakipcore.model.rollup import rollup
from lakipcore.notation import Notation

DATA = Path(lk.__file__).parent / "data"
EXAMPLES = sorted(str(p) for p in DATA.glob("*.toml"))
BROKEN = "schema = 2\n\n[report]\ntitel = 'typo'\n"


def upt(code: str, realised: list[int], spent: int, periods: tuple[str, ...] = ("2023", "2024")):
    """A UPT reporting on itself: one indicator per realisation (target 10), a budget."""
    indicators = [
        lk.Indicator(
            f"{code}-i{n}",
            f"Indikator {n}",
            [
                lk.IndicatorPeriod(
                    key,
                    lk.Target(lk.MeasureKind.COUNT, Decimal(10)),
                    lk.Realisation(lk.MeasureKind.COUNT, Decimal(value + p)),
                )
                for p, key in enumerate(periods)
            ],
        )
        for n, value in enumerate(realised)
    ]
    blocks = [
        lk.UnitPeriod(
            key,
            lk.BudgetLine(
                "Program", (lk.BudgetOutput("Keluaran", Decimal(1000), Decimal(spent - p)),)
            ),
        )
        for p, key in enumerate(periods)
    ]
    root = lk.Unit(code, f"UPT {code}", indicators, blocks)
    return lk.Report([lk.ReportPeriod(k, method="banten-2019") for k in periods], root)


def write(path: Path, report: lk.Report) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(lk.dump_report(report), encoding="utf-8")
    return path


@pytest.fixture
def upts(tmp_path: Path) -> list[Path]:
    return [
        write(tmp_path / "upt" / "a.toml", upt("lapas-a", [9, 12, 10], 950)),
        write(tmp_path / "upt" / "b.toml", upt("lapas-b", [7, 11], 990)),
        write(tmp_path / "upt" / "c.toml", upt("rutan-c", [10, 10, 10, 13], 875)),
    ]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_examples_and_a_broken_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = tmp_path / "broken.toml"
    broken.write_text(BROKEN, encoding="utf-8")
    status, out, err = run(
        capsys, "score", *EXAMPLES, str(broken), "--jobs", "1", "--format", "json"
    )
    assert status == 2
    data = json.loads(out)
    files = {Path(f["file"]).name: f for f in data["files"]}
    assert data["summary"] == {"files": len(EXAMPLES) + 1, "scored": len(EXAMPLES), "unusable": 1}
    # The broken file's error names it; the others are scored as on their own.
    assert all(str(broken) == e["source"] for e in files["broken.toml"]["errors"])
    assert f"lakip: {broken}:4: report.titel: 2 errors:" in err
    assert f"{broken}:4: report.titel: unknown field 'titel'" in err
    banten = files["banten-2019.toml"]["score"]
    assert banten == lk.render.score_to_dict(lk.assess(lk.load_example(), audit=False))
    assert data["rollup"]["method"] == "mean-of-units"
    assert data["rollup"]["files"] == len(EXAMPLES)
    # In 2019 four of the offices report, three with indicators (bua-ma-2019 has only its
    # budget): the national achievement is the mean of those three rows, each scored under the
    # roll-up's method.
    periods = {p["key"]: p for p in data["rollup"]["score"]["periods"]}
    office = periods["2019"]["office"]
    with_indicators = ("banten-2019.toml", "gunung-kaler-2020.toml", "kemlu-aspasaf-2019.toml")
    by_hand = _exact.mean(
        lk.score_report(lk.load_report(DATA / name), "mean-of-units").period("2019").achievement
        for name in with_indicators
    )
    assert Decimal(office["achievement"]["exact"]) == by_hand
    assert [u["code"] for u in office["units"]] == [
        "kanwil-banten",
        "bua-ma",
        "kec-gunung-kaler",
        "ditjen-aspasaf",
    ]
    assert [p["key"] for p in data["rollup"]["score"]["periods"]][:2] == ["2011", "2012"]


def test_rollup_is_the_mean_of_the_offices(upts: list[Path]) -> None:
    reports = load_many(upts, jobs=1).reports
    national = rollup(reports)
    scored = lk.score_report(national)
    for key in ("2023", "2024"):
        own = [lk.score_report(r).period(key) for r in reports]
        office = scored.period(key)
        assert office.method.name == "mean-of-units"
        assert office.achievement == _exact.mean(p.achievement for p in own)
        assert office.absorption == _exact.mean(p.absorption for p in own)
        assert office.performance == lk.scoring.performance(
            office.achievement, office.absorption, office.method.weights
        )
        assert [u.code for u in office.root.units] == ["lapas-a", "lapas-b", "rutan-c"]
        # Each office's row in the roll-up is its own dashboard row (a UPT alone).
        assert [u.performance for u in office.root.units] == [p.performance for p in own]
    assert national.root.code == "nasional"
    assert national.unit("lapas-b") is reports[1].root


def test_rollup_periods_are_the_union(tmp_path: Path) -> None:
    early = upt("upt-early", [10], 1000, ("2022", "2023"))
    late = upt("upt-late", [8], 900, ("2023", "2024"))
    national = rollup([early, late])
    assert [p.key for p in national.periods] == ["2022", "2023", "2024"]
    scored = lk.score_report(national)
    assert [u.code for u in scored.period("2022").root.units] == ["upt-early"]
    assert [u.code for u in scored.period("2023").root.units] == ["upt-early", "upt-late"]
    assert scored.period("2024").achievement == lk.score_report(late).period("2024").achievement


def test_parents_nest_a_upt_under_its_kanwil() -> None:
    kanwil, lapas = upt("kanwil-x", [10], 1000), upt("lapas-x", [12], 950)
    national = rollup([kanwil, lapas], parents={"lapas-x": "kanwil-x"})
    assert [u.code for u in national.root.units] == ["kanwil-x"]
    assert national.parent("lapas-x").code == "kanwil-x"
    with pytest.raises(InvalidValueError, match="cycle"):
        rollup([kanwil, lapas], parents={"lapas-x": "kanwil-x", "kanwil-x": "lapas-x"})


def test_jobs_2_equals_jobs_1(upts: list[Path], capsys: pytest.CaptureFixture[str]) -> None:
    folder = str(upts[0].parent)
    one = run(capsys, "score", folder, *EXAMPLES, "--format", "json", "--jobs", "1")
    two = run(capsys, "score", folder, *EXAMPLES, "--format", "json", "--jobs", "2")
    assert one == two
    assert one[0] == 0
    # The reports themselves cross the process boundary intact.
    assert load_many([folder], jobs=2).files == load_many([folder], jobs=1).files


def test_two_files_of_one_office(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Two files whose office has one code are refused by the roll-up, naming both files; each
    file is still scored (tests/test_rollup.py has the roll-up of same-shaped offices)."""
    first = write(tmp_path / "one.toml", upt("lapas-a", [10], 1000))
    second = write(tmp_path / "two.toml", upt("lapas-a", [9], 1000))
    with pytest.raises(InvalidValueError) as caught:
        rollup(load_many([first, second], jobs=1).reports, sources=[str(first), str(second)])
    assert f"office 'lapas-a' is in both {first} and {second}" in str(caught.value)
    status, out, err = run(capsys, "score", str(first), str(second), "--jobs", "1")
    assert status == 2
    assert f"lakip: roll-up.office.code: office 'lapas-a' is in both {first} and {second}" in err
    assert str(first) in out  # each file is still scored
    assert str(second) in out


def test_directories_and_globs(tmp_path: Path) -> None:
    for name in ("b/two.toml", "a/one.toml", "a/deeper/three.xlsx", ".hidden/x.toml", "a/n.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("", encoding="utf-8")
    files, unusable = expand_paths([tmp_path])
    assert [Path(f).relative_to(tmp_path).as_posix() for f in files] == [
        "a/deeper/three.xlsx",
        "a/one.toml",
        "b/two.toml",
    ]
    assert not unusable
    files, unusable = expand_paths([f"{tmp_path}/*/*.toml", str(tmp_path / "a" / "one.toml")])
    assert [Path(f).name for f in files] == ["one.toml", "two.toml"]  # named twice, kept once
    files, unusable = expand_paths([f"{tmp_path}/*.nope"])
    assert not files
    assert "matches no file" in str(unusable[0].error)


def test_a_missing_file_does_not_stop_the_batch(upts: list[Path]) -> None:
    result = load_many([*upts, upts[0].parent / "missing.toml"], jobs=1)
    assert [f.ok for f in result.files] == [True, True, True, False]
    assert "missing.toml: cannot read the file" in str(result.failed[0].error)


def test_audit_batch_exit_codes(upts: list[Path], capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "audit", str(upts[0].parent), "--jobs", "1")
    assert status == 0
    assert out.count("== ") == 3
    gunung = str(DATA / "gunung-kaler-2020.toml")  # the audit finds its wrong 2020 figures
    status, out, _ = run(
        capsys, "audit", gunung, *map(str, upts), "--jobs", "1", "--format", "json"
    )
    assert status == 1
    data = json.loads(out)
    assert data["summary"]["audited"] == 4
    assert data["summary"]["error"] > 0
    broken = upts[0].parent / "broken.toml"
    broken.write_text(BROKEN, encoding="utf-8")
    status, _, err = run(capsys, "audit", gunung, str(broken), "--jobs", "1")
    assert status == 2
    assert str(broken) in err


def test_progress_bar_only_on_a_terminal(
    upts: list[Path], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = str(upts[0].parent)
    _, _, err = run(capsys, "score", folder, "--jobs", "1")
    assert err == ""
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    _, _, err = run(capsys, "score", folder, "--jobs", "1")
    assert "\rloading  [" in err
    assert "] 3/3 files\n" in err
    assert "\rscoring  [" + "#" * 30 + "] 3/3 files" in err
    _, _, err = run(capsys, "score", folder, "--jobs", "1", "--quiet")
    assert err == ""


def test_one_file_keeps_the_single_file_output(
    upts: list[Path], capsys: pytest.CaptureFixture[str], indonesian: None
) -> None:
    single = run(capsys, "score", str(upts[0]))
    assert single[1].startswith("UPT lapas-a\n\nDASHBOARD PERFORMANCE")
    assert "REALISASI INDIKATOR KINERJA" in single[1]
    batch = run(capsys, "score", str(upts[0]), str(upts[1]), "--jobs", "1")
    assert batch[1].startswith("2 berkas: 2 dinilai, 0 tidak dapat dipakai")
    assert "Nasional: gabungan 2 laporan" in batch[1]
    assert "REALISASI INDIKATOR KINERJA" not in batch[1]  # the roll-up's default tables


def test_a_report_in_another_notation_joins_without_its_derived_figures_printed() -> None:
    # Puslatbang prints "87.93" (decimal point) for a derived NKA; in a roll-up read in
    # Indonesian notation it joins without its printed figures, derived ones included.
    banten = lk.load_example()
    puslatbang = lk.load_report(DATA / "puslatbang-kmp-2021.toml")
    national = rollup([banten, puslatbang])
    unit = national.unit("puslatbang-kmp")
    block = unit.at("2021")
    assert block is not None
    assert ["nka"] == [figure.key for figure in block.derived]
    assert all(not figure.printed for figure in block.derived)
    assert lk.score_report(national).period("2021") is not None


def test_a_report_in_another_notation_joins_with_its_evidence_read_in_its_own() -> None:
    """The SIMKinerja page prints "1,004,422,800" (decimal point, comma thousands) in its
    evidence tables; rolled up with the Banten report (Indonesian notation) its tables keep
    their notation, so the dokumen realisations derived from its month cells are the same."""
    banten = lk.load_example()
    simkinerja = lk.load_report(DATA / "polman-simkinerja-2022.toml")
    national = rollup([banten, simkinerja])
    assert Notation.INDONESIAN == national.notation
    block = national.unit("subbid-penyusunan-anggaran").at("2022")
    assert block is not None
    assert {Notation.DECIMAL_POINT} == {table.notation for table in block.evidence}
    own = lk.score_report(simkinerja).period("2022").root
    rolled = lk.score_report(national).period("2022").unit("subbid-penyusunan-anggaran")
    for code in ("ranperda-apbd", "ranperda-perubahan-apbd"):
        realised = rolled.indicator(code).realisation
        assert realised is not None
        assert own.indicator(code).realisation == realised
    assert Decimal(3) == rolled.indicator("ranperda-apbd").realisation
    # The roll-up writes and reads back: the table states its own notation.
    assert national == lk.loads_report(lk.dump_report(national))


def test_the_batch_documents_keep_their_schema_names() -> None:
    """The names of the batch JSON documents are identifiers other programs check (docs/cli.md):
    they change only with a new version number."""
    from lakipcore.cli.batch import BATCH_AUDIT_SCHEMA, BATCH_SCORE_SCHEMA

    assert ("lakipcore.batch-score/1", "lakipcore.batch-audit/1") == (
        BATCH_SCORE_SCHEMA,
        BATCH_AUDIT_SCHEMA,
    )
