"""Grade tables in report files: bands kept as printed with a named reading of their gaps, the
table that grades capaian, printed predikat audited, ``lakip grade --table FILE:NAME``.

The bands are those of the LKjIP Inspektorat Daerah Kabupaten Sampang 2019, Tabel 3.1
"Interval Penilaian Kinerja" (https://123dok.com/document/zx5dll94-baik-baik-cukup-kurang-kurang.html):
"91 % ≤ 100 % Sangat Baik; 76 % ≤ 90% Baik; 66 % ≤ 75 % Cukup; 51 % ≤ 65 % Kurang; ≤ 50 %
Sangat Kurang", printed in whole percents one unit apart.
"""

from __future__ import annotations

import json
from decimal import Decimal
from importlib.resources import files

import pytest
from hypothesis import given
from hypothesis import strategies as st

import lakipcore
from lakipcore import ReportFileError, dump_report, loads_report
from lakipcore.audit import audit
from lakipcore.cli import main
from lakipcore.errors import FigureFormatError, InvalidValueError, UnknownNameError
from lakipcore.render import score_to_dict
from lakipcore.surveys import Band, GapReading, GradeTable

SAMPANG = """\
[grades.predikat-sampang]
source = "LKjIP Inspektorat Daerah Kabupaten Sampang 2019, Tabel 3.1 Interval Penilaian Kinerja"
gaps = "round-to-band"
scale = { low = "0%", high = "200%" }
bands = [
  { to = "50%", letter = "Sangat Kurang" },
  { from = "51%", to = "65%", letter = "Kurang" },
  { from = "66%", to = "75%", letter = "Cukup" },
  { from = "76%", to = "90%", letter = "Baik" },
  { from = "91%", letter = "Sangat Baik" },
]

"""

GUNUNG_KALER = (files("lakipcore.data") / "gunung-kaler-2020.toml").read_text(encoding="utf-8")


def _graded(text: str = GUNUNG_KALER, tables: str = SAMPANG, grading: str = "predikat-sampang"):
    text = text.replace("[report]\n", f'[report]\ngrading = {{ capaian = "{grading}" }}\n', 1)
    return text.replace("\n[[periods]]", "\n" + tables + "[[periods]]", 1)


def _with_predikat(text: str, printed: str) -> str:
    """The 2020 IKM row (capaian 104,96 %) printing ``printed`` as its predikat."""
    old = 'printed.capaian = { tabel-3-5 = "104,96%", prose = "104,96 %" }'
    assert old in text
    return text.replace(old, old + f'\nprinted.grade = {{ tabel-3-5 = "{printed}" }}')


def test_a_report_grades_its_capaian_with_its_own_table() -> None:
    report = loads_report(_graded())
    table = report.grading_table("capaian")
    assert table is not None
    assert "predikat-sampang" == table.name
    assert GapReading.ROUND_TO_BAND is table.gaps
    assert ["Sangat Kurang", "Kurang", "Cukup", "Baik", "Sangat Baik"] == list(table.letters)
    data = score_to_dict(lakipcore.assess(report))
    grades = {
        (p["key"], i["code"]): i["grade"]
        for p in data["periods"]
        for i in p["office"]["indicators"]
    }
    # Capaian 107,81 / 102,57 / 100 in 2019; 104,96 / 95,24 / 100 in 2020: all above 91 %.
    assert {"Sangat Baik"} == set(grades.values())
    assert 6 == len(grades)


def test_printed_predikat_are_audited() -> None:
    right = list(audit(loads_report(_with_predikat(_graded(), "Sangat Baik"))))
    assert not [f for f in right if f.code in ("grade-mismatch", "not-gradable")]
    wrong = audit(loads_report(_with_predikat(_graded(), "Baik")))
    found = [f for f in wrong if f.code == "grade-mismatch"]
    assert 1 == len(found)
    assert "printed 'Baik' but 104,96 is Sangat Baik in predikat-sampang" == found[0].message_in(
        "en"
    )
    assert ("kec-gunung-kaler", "01.01", "2020") == (
        found[0].subject.unit,
        found[0].subject.item,
        found[0].period,
    )
    assert found[0].location.place == "tabel-3-5"


def test_a_printed_predikat_without_a_grade_table_is_not_gradable() -> None:
    findings = audit(loads_report(_with_predikat(GUNUNG_KALER, "Sangat Baik")))
    found = [f for f in findings if f.code == "not-gradable"]
    assert 1 == len(found)
    assert "names no grade table for capaian" in found[0].message_in("en")


@pytest.mark.parametrize(
    ("reading", "value", "grade"),
    [
        ("round-to-band", "90.5", "Sangat Baik"),
        ("round-to-band", "90.49", "Baik"),
        ("round-to-band", "65.5", "Cukup"),
        ("round-to-band", "150", "Sangat Baik"),
        ("not-gradable", "90.5", None),
        ("not-gradable", "90", "Baik"),
    ],
)
def test_gap_readings(reading: str, value: str, grade: str | None) -> None:
    report = loads_report(_graded(tables=SAMPANG.replace("round-to-band", reading)))
    table = report.grade_table("predikat-sampang")
    if grade is None:
        with pytest.raises(InvalidValueError, match="lies between 'Baik'"):
            table.grade(Decimal(value))
    else:
        assert grade == table.grade(Decimal(value)).letter


def test_grade_tables_round_trip() -> None:
    report = loads_report(_with_predikat(_graded(), "Sangat Baik"))
    text = dump_report(report)
    assert "[grades.predikat-sampang]" in text
    assert 'grading = { capaian = "predikat-sampang" }' in text
    again = loads_report(text)
    assert report == again
    assert report.grade_tables == again.grade_tables
    assert text == dump_report(again)


@pytest.mark.parametrize(
    ("edit", "error", "field", "message"),
    [
        # Bands that overlap or leave gaps are held as printed and audited, not refused:
        # tests/test_printed_bands.py.
        (
            ('{ from = "66%", to = "75%"', '{ to = "75%"'),
            ReportFileError,
            "grades.predikat-sampang.bands[2].from",
            "only the first band",
        ),
        (("round-to-band", "guess"), UnknownNameError, "grades.predikat-sampang.gaps", "guess"),
        (
            ('to = "50%"', 'to = "50 Orang"'),
            ReportFileError,
            "grades.predikat-sampang.bands",
            "band end",
        ),
        (
            ("predikat-sampang]", "ikm-sampang]"),
            UnknownNameError,
            "report.grading.capaian",
            "unknown",
        ),
        (
            ("[grades.predikat-sampang]", "[grades.akip-permenpanrb-88-2021]"),
            ReportFileError,
            "grades.akip-permenpanrb-88-2021",
            "preset",
        ),
        (
            ('letter = "Kurang"', 'lettre = "Kurang"'),
            ReportFileError,
            "grades.predikat-sampang.bands[1]",
            "unknown field",
        ),
    ],
)
def test_bad_grade_tables_are_refused_naming_the_field(edit, error, field, message) -> None:
    tables = SAMPANG.replace(*edit)
    with pytest.raises(error, match=message) as info:
        loads_report(_graded(tables=tables), source="r.toml")
    fields = [e.field or "" for e in info.value.errors]
    assert any(f.startswith(field) for f in fields), fields


def test_grading_something_else_is_refused() -> None:
    text = _graded().replace("grading = { capaian", "grading = { absorption", 1)
    with pytest.raises(InvalidValueError, match="grades capaian, not 'absorption'"):
        loads_report(text)


def test_lakip_grade_with_a_table_of_a_file(tmp_path, capsys) -> None:
    report = tmp_path / "report.toml"
    report.write_text(_graded(), encoding="utf-8")
    assert 0 == main(["grade", "90,5%", "--table", f"{report}:predikat-sampang"])
    assert (
        "90,5% on predikat-sampang-scale: Sangat Baik [predikat-sampang]" in capsys.readouterr().out
    )
    standalone = tmp_path / "grades.toml"
    standalone.write_text(SAMPANG, encoding="utf-8")
    assert 0 == main(["grade", "64", "--table", f"{standalone}:predikat-sampang"])
    assert ": Kurang [predikat-sampang]" in capsys.readouterr().out
    assert 2 == main(["grade", "64", "--table", f"{standalone}:predikat"])
    assert (
        "defines no grade table 'predikat'; it defines 'predikat-sampang'"
        in capsys.readouterr().err
    )
    assert 2 == main(["grade", "64 Orang", "--table", f"{standalone}:predikat-sampang"])
    assert "should be a number or a percentage" in capsys.readouterr().err


def test_a_score_json_validates_with_grades() -> None:
    """The schema allows the grade strings the report's table gives."""
    from extras import require

    jsonschema = require("jsonschema")
    from lakipcore.schemas import load_schema

    report = loads_report(_graded())
    data = json.loads(json.dumps(score_to_dict(lakipcore.assess(report))))
    jsonschema.validate(data, load_schema("score"))


# --- gap readings never give two grades -----------------------------------------------------


@st.composite
def gapped_tables(draw: st.DrawFn) -> GradeTable:
    """Bands in whole numbers on 0-100, each starting one unit after the previous one ends."""
    cuts = sorted(draw(st.sets(st.integers(1, 98), min_size=1, max_size=6)))
    bands, low = [], 0
    for index, cut in enumerate([*cuts, 100]):
        if cut <= low:
            continue
        bands.append(Band(Decimal(low), Decimal(cut), f"g{index}"))
        low = cut + 1
    reading = draw(st.sampled_from([GapReading.ROUND_TO_BAND, GapReading.NOT_GRADABLE]))
    return GradeTable("t", "skala-100", bands, source="generated", gaps=reading)


@given(gapped_tables(), st.decimals(0, 100, places=2))
def test_a_value_gets_at_most_one_grade(table: GradeTable, value: Decimal) -> None:
    holding = [band for band in table.bands if band.contains(value)]
    assert len(holding) <= 1
    try:
        band = table.grade(value)
    except InvalidValueError:
        assert table.gaps is GapReading.NOT_GRADABLE or not holding
        assert not holding
        return
    if holding:
        assert [band] == holding  # a value inside a band gets that band, whatever the reading
    else:  # in a gap, rounded to whole numbers: one of the two neighbours
        assert table.gaps is GapReading.ROUND_TO_BAND
        assert band.contains(value.quantize(Decimal(1), rounding="ROUND_HALF_UP"))


def test_figure_text_for_a_grade_is_checked() -> None:
    with pytest.raises(FigureFormatError):
        loads_report(_graded(tables=SAMPANG.replace('to = "50%"', 'to = "5O%"')))


def test_a_graded_report_file_validates_against_the_schema() -> None:
    import tomllib

    from extras import require

    jsonschema = require("jsonschema")
    from lakipcore.schemas import load_schema

    data = tomllib.loads(_with_predikat(_graded(), "Sangat Baik"))
    jsonschema.validate(data, load_schema("report"))
    data["grades"]["predikat-sampang"]["gaps"] = "guess"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, load_schema("report"))


def test_lakip_score_prints_each_indicators_predikat(tmp_path, capsys, indonesian: None) -> None:
    """With a grade table for capaian, the Realisasi Indikator Kinerja table gains a PREDIKAT
    column; without one it has none."""
    path = tmp_path / "report.toml"
    path.write_text(_graded(), encoding="utf-8")
    assert 0 == main(["score", str(path), "--tables", "indicators"])
    out = capsys.readouterr().out
    assert "PREDIKAT" in out
    rows = [line for line in out.splitlines() if line.lstrip().startswith(("1 ", "2 ", "3 "))]
    assert rows
    assert all(line.rstrip().endswith("Sangat Baik") for line in rows)
    plain = tmp_path / "plain.toml"
    plain.write_text(GUNUNG_KALER, encoding="utf-8")
    assert 0 == main(["score", str(plain), "--tables", "indicators"])
    assert "PREDIKAT" not in capsys.readouterr().out


@pytest.mark.usefixtures("indonesian")
def test_the_html_page_shows_each_indicators_predikat() -> None:
    """The Pengukuran Kinerja table gains a Predikat column, and a wrong printed predikat is
    listed among the audit's errors on the page."""
    from lakipcore.render import render_html

    page = render_html(lakipcore.assess(loads_report(_with_predikat(_graded(), "Baik"))))
    assert "<th>Predikat</th>" in page
    assert "Sangat Baik</td>" in page or "Sangat Baik<" in page
    assert "dicetak &#x27;Baik&#x27;, tetapi 104,96 adalah Sangat Baik" in page
    plain = render_html(lakipcore.assess(loads_report(GUNUNG_KALER)))
    assert "<th>Predikat</th>" not in plain
