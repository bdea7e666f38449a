"""The roll-up of same-shaped offices: units addressed within their office (``office/unit``).

Offices of one shape (33 Kanwil) use the same unit codes (``sekjen``, ``ahu``, ``ham``); the
roll-up codes each unit below an office ``office/unit``, so their files roll up as they are, and
two files collide only when they are the same office (docs/cli.md, "The roll-up").
"""

from __future__ import annotations

import json
import tomllib
from decimal import Decimal
from pathlib import Path

import attrs
import pytest

import lakipcore as lk
from extras import require
from lakipcore import _exact
from lakipcore.cli import main
from lakipcore.errors import InvalidValueError, LakipTypeError
from lakipcore.formats.batch import load_many
from lakipcore.model.rollup import address, rollup

UNITS = ("sekjen", "ahu", "ham", "pas", "imigrasi")
PERIODS = ("2023", "2024")


def kanwil(number: int, periods: tuple[str, ...] = PERIODS) -> lk.Report:
    """Kanwil ``number``: the same unit and indicator codes as every other Kanwil, its own
    figures (three indicators and a budget per unit and period)."""
    units = []
    for u, code in enumerate(UNITS):
        indicators = [
            lk.Indicator(
                f"ik-{n}",
                f"Indikator {n}",
                [
                    lk.IndicatorPeriod(
                        key,
                        lk.Target(lk.MeasureKind.COUNT, Decimal(10)),
                        lk.Realisation(lk.MeasureKind.COUNT, Decimal(7 + (number + u + n + p) % 6)),
                    )
                    for p, key in enumerate(periods)
                ],
            )
            for n in range(3)
        ]
        blocks = [
            lk.UnitPeriod(
                key,
                lk.BudgetLine(
                    "Program Dukungan Manajemen",
                    (
                        lk.BudgetOutput(
                            "Layanan Perkantoran",
                            Decimal(1000),
                            Decimal(900 + (7 * number + u) % 97 - p),
                        ),
                    ),
                ),
            )
            for p, key in enumerate(periods)
        ]
        units.append(lk.Unit(code, f"Divisi {code}", indicators, blocks))
    root = lk.Unit(f"kanwil-{number:02d}", f"Kanwil {number:02d}", units=units)
    return lk.Report([lk.ReportPeriod(k, method="mean-of-units") for k in periods], root)


def recoded(report: lk.Report, code: str) -> lk.Report:
    """``report`` as the report of another office: its root coded ``code``."""
    return attrs.evolve(report, root=attrs.evolve(report.root, code=code))


def write(path: Path, report: lk.Report) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(lk.dump_report(report), encoding="utf-8")
    return path


def test_33_copies_of_a_kanwil_file_roll_up_and_score() -> None:
    """33 copies of the Banten Kanwil file, one unit code set and 33 office codes, roll up:
    each office's row is Banten's under mean-of-units, and so is the national row."""
    banten = lk.load_example()
    codes = [f"kanwil-{n:02d}" for n in range(1, 34)]
    national = rollup([recoded(banten, code) for code in codes])
    scored = lk.score_report(national).period("2019")
    alone = lk.score_report(banten, "mean-of-units").period("2019")
    assert codes == [u.code for u in scored.root.units]
    assert [alone.achievement] * 33 == [u.achievement for u in scored.root.units]
    assert alone.achievement == scored.achievement
    assert "134,52%" == lk.format_percent(scored.achievement)
    own = [u.code for u in banten.root.units]
    assert "sekjen" == own[0]
    inside = scored.unit("kanwil-33/sekjen")
    assert alone.unit("sekjen").achievement == inside.achievement
    assert [f"kanwil-33/{c}" for c in own] == [u.code for u in scored.unit("kanwil-33").units]
    assert 1 + 33 * (1 + len(own)) == len(list(national.units()))


def test_a_directory_of_same_shaped_offices_rolls_up(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``lakip score DIR`` of 33 Kanwil files with the same unit codes scores the roll-up: the
    national row is the exact mean of the offices' own rows, each unit is its file's unit."""
    paths = [write(tmp_path / f"kanwil-{n:02d}.toml", kanwil(n)) for n in range(1, 34)]
    status = main(["score", str(tmp_path), "--jobs", "1", "--format", "json"])
    data = json.loads(capsys.readouterr().out)
    assert 0 == status
    assert {"files": 33, "scored": 33, "unusable": 0} == data["summary"]
    periods = {p["key"]: p for p in data["rollup"]["score"]["periods"]}
    reports = [lk.load_report(path) for path in paths]
    for key in PERIODS:
        own = [lk.score_report(r).period(key) for r in reports]
        office = periods[key]["office"]
        by_hand = _exact.mean(p.achievement for p in own)
        assert by_hand == Decimal(office["achievement"]["exact"])
        rows = office["units"]
        assert [r.root.code for r in reports] == [row["code"] for row in rows]
        seventh = rows[6]
        assert [f"kanwil-07/{code}" for code in UNITS] == [u["code"] for u in seventh["units"]]
        assert [str(own[6].unit(code).achievement) for code in UNITS] == [
            u["achievement"]["exact"] for u in seventh["units"]
        ]


def test_two_files_of_one_office_collide_naming_both(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Only two files of the same office (the same root code) collide; the error names both
    files, and each file is still scored on its own."""
    first = write(tmp_path / "a" / "kanwil.toml", kanwil(1))
    other = write(tmp_path / "b" / "kanwil.toml", kanwil(2))
    second = write(tmp_path / "c" / "kanwil.toml", recoded(kanwil(3), "kanwil-01"))
    paths = [first, other, second]
    reports = load_many(paths, jobs=1).reports
    rollup(reports[:2])  # the same unit codes in two offices: no collision
    with pytest.raises(InvalidValueError, match=r"'kanwil-01' is in both report 1 \(kanwil-01\) "):
        rollup([kanwil(1), kanwil(1)])  # one report twice: one office twice
    with pytest.raises(InvalidValueError) as caught:
        rollup(reports, sources=[str(path) for path in paths])
    assert "office.code" == caught.value.field
    assert f"office 'kanwil-01' is in both {first} and {second}" in str(caught.value)
    with pytest.raises(InvalidValueError, match="sources names each of the 3 reports") as caught:
        rollup(reports, sources=[str(first)])
    assert "sources" == caught.value.field
    status, out = main(["score", str(first), str(second), "--jobs", "1"]), capsys.readouterr()
    assert 2 == status
    assert f"roll-up.office.code: office 'kanwil-01' is in both {first} and {second}" in out.err
    assert str(first) in out.out
    assert str(second) in out.out


def test_a_file_code_holding_the_address_of_another_office_unit_collides() -> None:
    """A file may code its units with '/', so an office coded 'kanwil-01/ham' meets the unit
    'ham' of the office 'kanwil-01': refused, naming both reports."""
    clash = lk.Report([lk.ReportPeriod("2024")], lk.Unit("kanwil-01/ham", "Kanwil HAM"))
    with pytest.raises(InvalidValueError, match=r"unit 'kanwil-01/ham' is in both report 1 "):
        rollup([kanwil(1), clash])
    with pytest.raises(InvalidValueError, match=r"'nasional' in report 2 .* national root"):
        rollup([kanwil(1), recoded(kanwil(2), "nasional")])


def test_units_are_addressed_in_every_output() -> None:
    """The address is the unit's code in the roll-up, so lookups, scores, the score JSON, Arrow
    rows and the audit's findings all show ``office/unit``."""
    banten = lk.load_example()
    national = rollup([banten, recoded(banten, "kanwil-jabar")])
    assert "kanwil-jabar/sekjen" == address("kanwil-jabar", "sekjen")
    unit = national.unit("kanwil-jabar/sekjen")
    assert banten.unit("sekjen").indicators == unit.indicators  # shared, not copied
    assert "kanwil-jabar" == national.parent("kanwil-jabar/sekjen").code
    with pytest.raises(KeyError):
        national.unit("sekjen")
    assessed = lk.assess(national)
    data = lk.render.score_to_dict(assessed)
    jabar = data["periods"][-1]["office"]["units"][1]
    assert "kanwil-jabar" == jabar["code"]
    assert all(u["code"].startswith("kanwil-jabar/") for u in jabar["units"])
    subjects = {f.subject.unit for f in assessed.findings}
    assert {"kanwil-banten/sekjen", "kanwil-jabar/sekjen"} <= subjects
    assert not subjects - {u.code for u in national.units()}
    require("pyarrow")
    tables = lk.arrow.score_tables(assessed, scale=2)
    rows = set(tables.units.column("unit").to_pylist())
    assert {"kanwil-banten/pas", "kanwil-jabar/pas", "kanwil-jabar"} <= rows
    assert "pas" not in rows


def test_parents_nest_offices_which_keep_their_codes() -> None:
    """``parents`` names offices by their codes; an office nested under another keeps its code
    and its units their address in it."""
    upt = recoded(kanwil(9), "lapas-09")
    national = rollup([kanwil(1), upt], parents={"lapas-09": "kanwil-01"})
    assert ["kanwil-01"] == [u.code for u in national.root.units]
    assert "kanwil-01" == national.parent("lapas-09").code
    assert "lapas-09" == national.parent("lapas-09/sekjen").code
    assert [*(f"kanwil-01/{c}" for c in UNITS), "lapas-09"] == [
        u.code for u in national.unit("kanwil-01").units
    ]


def test_an_office_without_units_joins_as_it_is() -> None:
    """A UPT reporting on itself has nothing to address: its root joins the roll-up unchanged."""
    upt = lk.Report([lk.ReportPeriod("2024")], lk.Unit("lapas-a", "Lapas A"))
    national = rollup([upt, kanwil(1)])
    assert national.unit("lapas-a") is upt.root


def test_a_roll_up_round_trips_as_a_report_file() -> None:
    """A roll-up is a report: its file, with the addressed codes, loads back equal and is valid
    under the report schema; and it rolls up again, one office level deeper."""
    national = rollup([kanwil(1), kanwil(2)])
    text = lk.dump_report(national)
    assert 'code = "kanwil-02/ham"' in text
    back = lk.loads_report(text)
    assert national == back
    assert text == lk.dump_report(back)
    jsonschema = require("jsonschema")
    schema = lk.schemas.load_schema("report")
    assert [] == list(jsonschema.Draft202012Validator(schema).iter_errors(tomllib.loads(text)))
    west = recoded(national, "wilayah-barat")
    again = rollup([national, west], code="pusat")
    assert "wilayah-barat/kanwil-02/ham" in {u.code for u in again.units()}
    assert lk.score_report(national).current.achievement == (
        lk.score_report(again).current.achievement
    )


@pytest.mark.parametrize(
    ("code", "error"),
    [
        ("kanwil-banten/sekjen", None),
        ("a/b/c", None),
        ("/".join(["a"] * 32), None),
        ("/".join(["a"] * 33), InvalidValueError),
        ("a//b", InvalidValueError),
        ("/a", InvalidValueError),
        ("a/", InvalidValueError),
        ("a/B", InvalidValueError),
        ("a/-b", InvalidValueError),
        (b"a/b", LakipTypeError),
    ],
    ids=["address", "three", "32-parts", "33-parts", "empty-part", "leading", "trailing",
         "upper-case", "part-starting-with-dash", "bytes"],
)  # fmt: skip
def test_a_unit_code_is_a_code_or_a_path_of_codes(code: object, error: type | None) -> None:
    """A unit code is a code or up to 32 codes joined by '/'; other codes stay single."""
    if error is None:
        assert code == lk.Unit(code, "Unit").code  # type: ignore[arg-type]
    else:
        with pytest.raises(error) as caught:
            lk.Unit(code, "Unit")  # type: ignore[arg-type]
        assert "code" == caught.value.field
    with pytest.raises(InvalidValueError, match="indicator code"):
        lk.Indicator("ik/1", "Indikator", [])


def test_the_columnar_path_agrees_on_a_roll_up_of_offices_without_units() -> None:
    """The columnar path is flat: a roll-up of offices without units scores there as in the
    core; a roll-up of offices with units is refused by name, not scored differently."""
    require("pyarrow")
    upts = [
        lk.Report(r.periods, attrs.evolve(r.unit(f"kanwil-{n:02d}/ham"), code=f"upt-{n:02d}"))
        for n, r in ((n, rollup([kanwil(n)])) for n in (1, 2, 3))
    ]
    national = rollup(upts)
    scored = lk.bulk.report_to_batches(national).score(scale=2)
    core = lk.arrow.score_tables(lk.assess(national, audit=False), scale=2)
    for name in ("indicators", "units", "office", "changes"):
        want = getattr(core, name).select(list(lk.arrow.BULK_COLUMNS[name])).to_pylist()
        assert want == getattr(scored, name).to_pylist(), name
    assert ["upt-01", "upt-02", "upt-03"] == sorted(set(scored.units.column("unit").to_pylist()))
    with pytest.raises(lk.LakipError, match="kanwil-01, kanwil-02 have sub-units"):
        lk.bulk.report_to_batches(rollup([kanwil(1), kanwil(2)]))
