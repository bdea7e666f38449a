"""Worksheet and design files: the forms they take, and a located error for every bad input."""

from __future__ import annotations

from pathlib import Path

import pytest

from lakipcore import lke
from lakipcore.errors import LakipError, ReportFileError

HEAD = """\
schema = "lakipcore.lke/1"
design = "permenpanrb-88-2021"
unit = "kanwil-contoh"
year = 2023
layers = ["mandiri", "penilai"]

[answers]
"""


def test_a_worksheet_file_reads_answers_evidence_and_notes_per_layer() -> None:
    worksheet = lke.loads_worksheet(
        HEAD + '"1.a.1" = { mandiri = "AA", penilai = "a", evidence = "96%", note = "lengkap" }\n',
        source="w.toml",
    )
    response = worksheet.responses["1.a.1"]
    assert {"mandiri": "AA", "penilai": "a"} == dict(response.answers)
    assert 96 == response.evidence
    assert "lengkap" == response.note
    assert 8 == response.origin.line  # type: ignore[union-attr]
    assert "A" == worksheet.answer("1.a.1", "penilai").code  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("tail", "line", "words"),
    [
        ('"1.a.1" = { mandiri = "AAA" }\n', 8, "'AAA' is not an answer of scale 'akip'"),
        ('"1.a.1" = { verifikator = "A" }\n', 8, "layer 'verifikator'"),
        ('"9.9.9" = { mandiri = "A" }\n', 8, "criterion '9.9.9' is not in the design"),
        (
            '"1.a.1" = { mandiri = "A" }\n"1.a.1" = { mandiri = "B" }\n',
            9,
            "'1.a.1' is written twice",
        ),
        ('"1.a.1" = "A"\n', 8, "write the answer as { mandiri = 'A' }"),
        (
            '"1.a.1" = { mandiri = "A", evidence = "120%" }\n',
            8,
            "evidence percentage lies in 0–100",
        ),
        ('"1.a.1" = { mandiri = 1 }\n', 8, "expected a string"),
    ],
)
def test_a_bad_answer_is_an_error_at_its_line(tail: str, line: int, words: str) -> None:
    with pytest.raises(LakipError) as caught:
        lke.loads_worksheet(HEAD + tail, source="w.toml")
    error = caught.value
    assert words in error.message_in("en")
    assert "w.toml" == error.source
    assert line == error.line


def test_every_bad_answer_of_a_file_is_reported_at_once() -> None:
    text = HEAD + '"1.a.1" = { mandiri = "X" }\n"1.a.2" = { mandiri = "Y" }\nunknown-key = 1\n'
    with pytest.raises(ReportFileError) as caught:
        lke.loads_worksheet(text, source="w.toml")
    assert 3 == len(caught.value.errors)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ('unit = "x"\n', "give either design"),
        ('design = "permenpanrb-99-2030"\nunit = "x"\n', "unknown worksheet design"),
        ('design = "permenpanrb-88-2021"\n', "missing field"),
        (
            'schema = "lakipcore.lke/9"\ndesign = "permenpanrb-88-2021"\nunit = "x"\n',
            "expected schema",
        ),
        ('design = "permenpanrb-88-2021"\nunit = "x"\nyear = "2023"\n', "expected an integer"),
        (
            'design = "permenpanrb-88-2021"\nunit = "x"\n'
            '[printed]\ntotal = "65,93"\npredikat = "Z"\n',
            "not a grade",
        ),
        (
            'design = "permenpanrb-88-2021"\nunit = "x"\n[printed]\ncomponents = { "9" = "1" }\n',
            "no component '9'",
        ),
        ('design = "permenpanrb-88-2021"\nunit = "x"\n[printed]\ntotal = "65.93%x"\n', "65.93%x"),
        ("not toml = = 1\n", "not valid TOML"),
    ],
)
def test_a_bad_worksheet_header_is_refused_by_name(text: str, words: str) -> None:
    with pytest.raises(LakipError) as caught:
        lke.loads_worksheet(text, source="w.toml")
    assert words in caught.value.message_in("en")


DESIGN = """\
schema = "lakipcore.lke-design/1"
name = "mine"
title = "My design"
version = "1"
source = "tests"
grades = "akip-permenpanrb-88-2021"
layers = ["penilai"]

[scales.y-t]
answers = [{ code = "Y", value = 1 }, { code = "T", value = 0 }]

[[components]]
id = "1"
name = "Satu"
weight = 100

[[components.parts]]
id = "1.a"
name = "Satu a"
weight = "{weight}"
scale = "y-t"

[[components.parts.criteria]]
id = "1.a.1"
text = "Ada"

[[rules]]
id = "r"
kind = "{kind}"
criterion = "1.a.1"
limit = "1.a.1"
"""


def _design(weight: str, kind: str) -> str:
    return DESIGN.replace("{weight}", weight).replace("{kind}", kind)


def test_a_design_file_and_a_worksheet_naming_it(tmp_path: Path) -> None:
    (tmp_path / "mine.toml").write_text(_design("100", "not-above"), encoding="utf-8")
    sheet = tmp_path / "sheet.toml"
    sheet.write_text(
        'design-file = "mine.toml"\nunit = "u"\n[answers]\n"1.a.1" = "Y"\n', encoding="utf-8"
    )
    worksheet = lke.load_worksheet(sheet)
    assert "mine" == worksheet.design.name
    assert 100 == lke.score_worksheet(worksheet).total


@pytest.mark.parametrize(
    ("weight", "kind", "words"),
    [
        ("99", "not-above", "sum to 99, not to its weight 100"),
        ("100", "above", "unknown rule kind 'above'"),
        ("1.5", "not-above", "1.5"),
    ],
)
def test_a_bad_design_file_is_an_error_at_its_field(weight: str, kind: str, words: str) -> None:
    with pytest.raises(LakipError) as caught:
        lke.loads_design(_design(weight, kind), source="mine.toml")
    assert words in str(caught.value.message_in("en"))
    assert "mine.toml" == caught.value.source


def test_a_float_weight_is_refused() -> None:
    text = _design("100", "not-above").replace('weight = "100"', "weight = 100.0")
    with pytest.raises(ReportFileError, match="expected an integer or a number as a string"):
        lke.loads_design(text, source="mine.toml")


def test_the_shipped_example_worksheets_load() -> None:
    for name in lke.EXAMPLE_WORKSHEETS:
        assert lke.example_worksheet(name).unit
