"""An evaluation as rows and as an Arrow table (lakipcore.lke.rows)."""

from __future__ import annotations

import sys
from decimal import Decimal
from fractions import Fraction

import attrs
import pytest

from extras import require
from lakipcore import lke
from lakipcore.errors import LakipError, LakipTypeError
from lakipcore.lke import Response, UnansweredPolicy, Worksheet
from lakipcore.lke.rows import CRITERION_COLUMNS, criterion_rows, to_arrow
from lakipcore.lke.scoring import EvaluationScore


def _score(evaluation: lke.Evaluation, layer: str) -> EvaluationScore:
    score = evaluation.scores[layer]
    assert isinstance(score, EvaluationScore)
    return score


def _gap(worksheet: Worksheet) -> Worksheet:
    """The worked example with 1.a.1 unanswered by the evaluator."""
    responses = dict(worksheet.responses)
    responses["1.a.1"] = Response("1.a.1", {"mandiri": "AA"})
    return attrs.evolve(worksheet, responses=responses)


def test_a_row_per_criterion_per_scored_layer_whose_points_sum_to_the_total() -> None:
    evaluation = lke.evaluate(lke.example_worksheet())
    rows = criterion_rows(evaluation)
    design = evaluation.worksheet.design
    assert 2 * len(design.criteria) == len(rows)
    assert list(CRITERION_COLUMNS) == list(rows[0])
    for layer in ("mandiri", "penilai"):
        mine = [row for row in rows if row["layer"] == layer]
        assert [c.id for c in design.criteria] == [row["criterion"] for row in mine]
        total = sum((Fraction(str(row["points"])) for row in mine), Fraction(0))
        assert _score(evaluation, layer).total == total
        weights = sum((Fraction(str(row["weight"])) for row in mine), Fraction(0))
        assert Fraction(design.total) == weights
    first = rows[0]
    assert {
        "unit": "kanwil-contoh",
        "name": "Kantor Wilayah Contoh",
        "year": 2023,
        "design": "permenpanrb-88-2021",
        "layer": "mandiri",
        "policy": "error",
        "component": "1",
        "part": "1.a",
        "criterion": "1.a.1",
        "answer": "AA",
        "share": "1",
        "weight": "6/7",
        "points": "6/7",
        "shown": "0,86",
        "unanswered": False,
    } == first
    bb = next(row for row in rows if row["answer"] == "BB")
    assert "0.8" == bb["share"]


def test_an_unanswered_criterion_is_flagged_as_the_policy_counts_it() -> None:
    worksheet = _gap(lke.example_worksheet())
    zero = criterion_rows(lke.evaluate(worksheet, policy=UnansweredPolicy.ZERO))
    gap = next(r for r in zero if r["layer"] == "penilai" and r["criterion"] == "1.a.1")
    assert (None, None, "0", "0,00", True) == (
        gap["answer"],
        gap["share"],
        gap["points"],
        gap["shown"],
        gap["unanswered"],
    )
    renormalised = criterion_rows(lke.evaluate(worksheet, policy=UnansweredPolicy.RENORMALISE))
    gap = next(r for r in renormalised if r["layer"] == "penilai" and r["criterion"] == "1.a.1")
    assert (None, None, True) == (gap["points"], gap["shown"], gap["unanswered"])
    # A layer the policy cannot score has no rows.
    refused = lke.evaluate(worksheet)
    assert not isinstance(refused.scores["penilai"], EvaluationScore)
    assert {"mandiri"} == {row["layer"] for row in criterion_rows(refused)}


def test_the_shown_points_follow_places_and_rounding() -> None:
    from lakipcore.rounding import Rounding

    rows = criterion_rows(
        lke.evaluate(lke.example_worksheet()), places=3, rounding=Rounding.TRUNCATE
    )
    assert "0,857" == rows[0]["shown"]


def test_rows_refuse_what_is_not_an_evaluation() -> None:
    with pytest.raises(LakipTypeError, match="expected an Evaluation"):
        criterion_rows(lke.example_worksheet())  # type: ignore[arg-type]


def test_the_arrow_table_keeps_exact_strings_and_decimal_columns() -> None:
    pa = require("pyarrow")
    evaluation = lke.evaluate(lke.example_worksheet())
    table = to_arrow(evaluation)
    assert 160 == table.num_rows
    decimal = pa.decimal128(38, 10)
    expected = [pa.field(name, pa.string()) for name in CRITERION_COLUMNS]
    expected[CRITERION_COLUMNS.index("year")] = pa.field("year", pa.int32())
    expected[CRITERION_COLUMNS.index("unanswered")] = pa.field("unanswered", pa.bool_())
    expected += [pa.field(name, decimal) for name in ("share_value", "weight_value")]
    expected.append(pa.field("points_value", decimal))
    assert pa.schema(expected) == table.schema
    first = table.slice(0, 1).to_pylist()[0]
    assert ("6/7", Decimal("0.8571428571")) == (first["points"], first["points_value"])
    assert criterion_rows(evaluation) == [
        {key: row[key] for key in CRITERION_COLUMNS} for row in table.to_pylist()
    ]
    assert 4 == to_arrow(evaluation, scale=4).schema.field("weight_value").type.scale


def test_a_batch_of_evaluations_is_one_table() -> None:
    require("pyarrow")
    first = lke.example_worksheet()
    second = attrs.evolve(_gap(first), unit="upt-lain", name="UPT Lain", year=2024)
    evaluations = lke.evaluate_many([first, second], policy=UnansweredPolicy.RENORMALISE)
    table = to_arrow(evaluations)
    assert 320 == table.num_rows
    units = table.column("unit").to_pylist()
    assert {"kanwil-contoh": 160, "upt-lain": 160} == {u: units.count(u) for u in set(units)}
    assert 1 == sum(table.column("unanswered").to_pylist())
    assert [None] == [row["points_value"] for row in table.to_pylist() if row["unanswered"]]
    assert 0 == to_arrow([]).num_rows


def test_without_pyarrow_the_error_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    evaluation = lke.evaluate(lke.example_worksheet())
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    with pytest.raises(LakipError, match=r"lakipcore\[arrow\]"):
        to_arrow(evaluation)
    assert criterion_rows(evaluation)  # the rows need no extra
