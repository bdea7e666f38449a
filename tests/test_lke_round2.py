"""The second round of evaluation fixes: full marks below the best answer, the printed checks
at their lines beside the answers' errors, a chosen layer without answers, the Arrow scale
and the year, and score layers through the workbook (lakipcore.lke)."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest

from extras import require
from lakipcore import lke
from lakipcore.cli import main
from lakipcore.errors import InvalidValueError, LakipTypeError, ReportFileError, UnknownNameError
from lakipcore.figures import parse_figure
from lakipcore.lke import Answer, AnswerScale, Response, Worksheet
from lakipcore.lke.notebook import markdown
from lakipcore.lke.render import evaluation_text

YT = [Answer("Y", 1), Answer("T", 0)]


def line_of(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if needle in line)


# --- B: full marks below the best answer's value --------------------------------------------


@pytest.mark.parametrize("full", [Decimal("0.5"), Decimal("0.999")])
def test_full_marks_below_the_best_answer_are_refused(full: Decimal) -> None:
    with pytest.raises(InvalidValueError) as caught:
        AnswerScale("yt", YT, full)
    assert "full" == caught.value.field
    assert (
        f"scale 'yt': full marks {full} are below the value of its best answer Y (1), "
        "which would earn more than the criterion's weight"
    ) == caught.value.message_in("en")


def test_full_marks_at_or_above_the_best_answer_are_kept() -> None:
    assert Fraction(1) == AnswerScale("yt", YT, 1).share(YT[0])
    assert Fraction(1, 2) == AnswerScale("yt", YT, 2).share(YT[0])


def test_a_design_file_with_full_marks_below_the_best_answer_is_an_error_at_the_scale() -> None:
    from test_lke_edges import mini

    text = mini().replace("[scales.akip]\n", "[scales.akip]\nfull = 90\n")
    with pytest.raises(ReportFileError) as caught:
        lke.loads_design(text, source="full.toml")
    found = [e for e in caught.value.errors if "full marks" in e.message_in("en")]
    assert 1 == len(found)
    error = found[0]
    assert ("full.toml", "scales.akip", line_of(text, "[scales.akip]")) == (
        error.source,
        error.field,
        error.line,
    )
    assert "full marks 90 are below the value of its best answer AA (100)" in error.message_in("en")


# --- A: the printed checks, each at its line, with the answers' errors ----------------------

PRINTED_COMPONENTS = """\
schema = "lakipcore.lke/1"
design = "permenpanrb-88-2021"
unit = "x"
layers = ["penilai"]

[printed]
layer = "penilai"
components = { "1" = "20", "5" = "10" }

[printed.parts]
"1.a" = "5"
"9.z" = "1"
"""


def test_a_printed_component_or_part_the_design_lacks_is_an_error_at_its_line() -> None:
    text = PRINTED_COMPONENTS
    with pytest.raises(ReportFileError) as caught:
        lke.loads_worksheet(text, source="p.toml")
    errors = caught.value.errors
    assert [
        (UnknownNameError, "printed.components.5", line_of(text, "components =")),
        (UnknownNameError, "printed.parts.9.z", line_of(text, '"9.z"')),
    ] == [(type(e), e.field, e.line) for e in errors]
    assert all("p.toml" == e.source for e in errors)
    assert "the design 'permenpanrb-88-2021' has no component '5'" == errors[0].message_in("en")
    assert "has no sub-component '9.z'" in errors[1].message_in("en")


LAYERS = """\
schema = "lakipcore.lke/1"
design = "permenpanrb-88-2021"
unit = "x"
layers = ["mandiri", "penilai", "verifikator"]

[answers]
"1.a.1" = { verifikator = "A" , mandiri = "b"}
"1.a.2" = "A"

[printed]
layer = "inspektorat"
predikat = "Z"
total = "10"
"""


def test_the_printed_errors_come_with_the_answers_errors_all_at_once() -> None:
    text = LAYERS
    with pytest.raises(ReportFileError) as caught:
        lke.loads_worksheet(text, source="ly.toml")
    assert [
        ("answers.1.a.2", line_of(text, '"1.a.2"')),
        ("printed.layer", line_of(text, 'layer = "inspektorat"')),
        ("printed.predikat", line_of(text, 'predikat = "Z"')),
    ] == [(e.field, e.line) for e in caught.value.errors]
    layer = caught.value.errors[1]
    assert isinstance(layer, UnknownNameError)
    assert "belong to layer 'inspektorat'" in layer.message_in("en")


def test_a_worksheet_built_in_code_names_the_printed_field() -> None:
    design = lke.get_design("permenpanrb-88-2021")
    score = lke.PrintedScore("1", parse_figure("1"))
    printed = lke.PrintedEvaluation("penilai", parts={"9.z": score})
    with pytest.raises(UnknownNameError) as caught:
        Worksheet(design, "x", [], printed=printed, layers=("penilai",))
    assert "printed.parts.9.z" == caught.value.field


# --- E: a chosen layer without answers is named ---------------------------------------------

ONE_LAYER = """\
schema = "lakipcore.lke/1"
design = "permenpanrb-88-2021"
unit = "x"
layers = ["mandiri", "penilai"]

[answers]
"1.a.1" = { penilai = "A" }
"""


def test_a_chosen_layer_without_answers_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "w.toml"
    path.write_text(ONE_LAYER, encoding="utf-8")
    status = main(["lke", "score", str(path), "--layer", "mandiri", "--lang", "en"])
    out, _ = capsys.readouterr()
    assert 0 == status
    assert "Layer 'mandiri' has no answers; the layers with answers: penilai." in out
    assert "No layer has answers" not in out
    evaluation = lke.evaluate(lke.loads_worksheet(ONE_LAYER), layer="mandiri")
    assert evaluation.no_answers is not None
    assert "Layer 'mandiri' has no answers" in markdown(evaluation)


def test_a_worksheet_without_any_answer_still_says_so() -> None:
    design = lke.get_design("permenpanrb-88-2021")
    evaluation = lke.evaluate(Worksheet(design, "x", []))
    assert evaluation.no_answers is not None
    words = "No layer has answers: only the printed figures are checked."
    assert words == evaluation.no_answers.render("en")
    assert words in evaluation_text(evaluation, lang="en")
    assert lke.evaluate(lke.example_worksheet()).no_answers is None


# --- D: the Arrow scale and the year ---------------------------------------------------------


@pytest.mark.parametrize("scale", [38, 31, -1, True, "10"])
def test_an_arrow_scale_outside_0_to_30_is_refused(scale: object) -> None:
    require("pyarrow")
    from lakipcore.lke.rows import to_arrow

    with pytest.raises(InvalidValueError) as caught:
        to_arrow(lke.evaluate(lke.example_worksheet()), scale=scale)  # type: ignore[arg-type]
    assert "scale" == caught.value.field
    assert f"scale must be a whole number from 0 to 30, got {scale!r}" == caught.value.message_in(
        "en"
    )


def test_an_arrow_scale_of_30_is_kept() -> None:
    require("pyarrow")
    from lakipcore.lke.rows import to_arrow

    table = to_arrow(lke.evaluate(lke.example_worksheet()), scale=30)
    assert 30 == table.schema.field("points_value").type.scale


@pytest.mark.parametrize(
    ("year", "error", "words"),
    [
        (2**31, InvalidValueError, "a year has four digits, got 2147483648"),
        (999, InvalidValueError, "a year has four digits, got 999"),
        (True, LakipTypeError, "expected a year as an int, got True"),
        ("2023", LakipTypeError, "expected a year as an int, got '2023'"),
    ],
)
def test_a_worksheet_year_must_be_a_year(year: object, error: type, words: str) -> None:
    design = lke.get_design("permenpanrb-88-2021")
    with pytest.raises(error) as caught:
        Worksheet(design, "x", [], year=year)  # type: ignore[arg-type]
    assert "year" == caught.value.field
    assert words == caught.value.message_in("en")
    assert 2023 == Worksheet(design, "x", [], year=2023).year


def test_a_worksheet_files_year_out_of_range_is_an_error_at_its_line() -> None:
    text = ONE_LAYER.replace('unit = "x"\n', 'unit = "x"\nyear = 99999\n')
    with pytest.raises(InvalidValueError) as caught:
        lke.loads_worksheet(text, source="y.toml")
    assert ("y.toml", "year", line_of(text, "year =")) == (
        caught.value.source,
        caught.value.field,
        caught.value.line,
    )


# --- C: score layers through the workbook ----------------------------------------------------


def _worksheet(layers: tuple[str, ...]) -> Worksheet:
    design = lke.get_design("permenpanrb-88-2021")
    answers = dict(zip(layers, ("A", "BB"), strict=False))
    return Worksheet(design, "x", [Response("1.a.1", answers)], layers=layers)


def test_a_layers_case_survives_the_workbook(tmp_path: Path) -> None:
    require("openpyxl")
    from lakipcore.lke.workbook import read_workbook, write_workbook

    worksheet = _worksheet(("Mandiri", "Penilai"))
    path = write_workbook(lke.evaluate(worksheet), tmp_path / "w.xlsx")
    read = read_workbook(path)
    assert ("Mandiri", "Penilai") == read.layers
    assert worksheet.responses == read.responses


@pytest.mark.parametrize("layer", ["a,b", "a;b", " penilai", "pe  nilai", ""])
def test_a_layer_name_the_workbook_cannot_hold_is_refused_naming_it(
    tmp_path: Path, layer: str
) -> None:
    require("openpyxl")
    from lakipcore.lke.workbook import write_template, write_workbook

    design = lke.get_design("permenpanrb-88-2021")
    worksheet = Worksheet(design, "x", [], layers=("mandiri", layer))
    with pytest.raises(InvalidValueError) as caught:
        write_workbook(lke.evaluate(worksheet), tmp_path / "w.xlsx")
    assert "layers" == caught.value.field
    assert (
        f"the score layer {layer!r} cannot be written to a workbook: a layer's name there has "
        "no comma or semicolon, no space at either end and no doubled space"
    ) == caught.value.message_in("en")
    assert not (tmp_path / "w.xlsx").exists()
    with pytest.raises(InvalidValueError):
        write_template(design, tmp_path / "t.xlsx", layers=["mandiri", layer])


def test_layers_that_differ_only_in_case_are_refused_in_a_workbook(tmp_path: Path) -> None:
    require("openpyxl")
    from lakipcore.lke.workbook import write_template

    design = lke.get_design("permenpanrb-88-2021")
    with pytest.raises(InvalidValueError) as caught:
        write_template(design, tmp_path / "t.xlsx", layers=["penilai", "Penilai"])
    assert "layers" == caught.value.field
    assert "the score layer 'Penilai' is named twice" == caught.value.message_in("en")


# --- F: a workbook filled on a design of one's own ---------------------------------------------


def test_a_workbook_on_a_design_of_ones_own_is_read_with_design_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``lakip lke export`` writes a worksheet on its own design file; ``lakip lke score`` reads
    the workbook back only when told the design (``--design-file``), and scores it as the TOML
    file does."""
    require("openpyxl")
    import json

    from test_lke_edges import WS, mini

    (tmp_path / "d.toml").write_text(mini(), encoding="utf-8")
    (tmp_path / "w.toml").write_text(WS.replace("FILE", "d.toml"), encoding="utf-8")
    book = tmp_path / "w.xlsx"
    assert 0 == main(["lke", "export", str(tmp_path / "w.toml"), "-o", str(book)])
    capsys.readouterr()
    assert 2 == main(["lke", "score", str(book), "--lang", "en"])
    assert "mini" in capsys.readouterr().err
    assert 0 == main(["lke", "score", str(tmp_path / "w.toml"), "--format", "json"])
    from_toml = json.loads(capsys.readouterr().out)
    status = main(
        ["lke", "score", str(book), "--design-file", str(tmp_path / "d.toml"), "--format", "json"]
    )
    from_book = json.loads(capsys.readouterr().out)
    assert 0 == status
    assert from_toml["layers"] == from_book["layers"]
    assert from_toml["next"] == from_book["next"]
