"""Invariants of the evaluation's arithmetic, drawn by Hypothesis (profiles in conftest.py)."""

from __future__ import annotations

import itertools
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from lakipcore import lke
from lakipcore.lke import (
    Answer,
    AnswerScale,
    Component,
    Criterion,
    Design,
    Part,
    Response,
    Worksheet,
)
from lakipcore.lke.scoring import grade_exact

CURRENT = lke.get_design("permenpanrb-88-2021")
OLDER = lke.get_design("permenpanrb-12-2015")


@st.composite
def worksheets(draw: st.DrawFn, design: Design) -> Worksheet:
    responses = [
        Response(c.id, {"penilai": draw(st.sampled_from(c.scale.codes))}) for c in design.criteria
    ]
    return Worksheet(design, "unit", responses, layers=("penilai",))


@given(st.sampled_from([CURRENT, OLDER]).flatmap(worksheets))
def test_totals_lie_in_0_to_100_and_levels_add_up(worksheet: Worksheet) -> None:
    score = lke.score_worksheet(worksheet)
    assert 0 <= score.total <= 100
    assert score.total == sum(c.points for c in score.components if c.points is not None)
    for component in score.components:
        assert component.points is not None
        assert 0 <= component.points <= component.component.weight
        assert component.points == sum(p.points for p in component.parts if p.points is not None)


@given(st.sampled_from([CURRENT, OLDER]).flatmap(worksheets), st.data())
def test_raising_one_answer_never_lowers_any_level(
    worksheet: Worksheet, data: st.DataObject
) -> None:
    design = worksheet.design
    criterion = data.draw(st.sampled_from(design.criteria))
    current = worksheet.answer(criterion.id, "penilai")
    assert current is not None
    better = criterion.scale.above(current)
    if not better:
        return
    raised = worksheet.with_answers(
        "penilai", {criterion.id: data.draw(st.sampled_from(better)).code}
    )
    before, after = lke.score_worksheet(worksheet), lke.score_worksheet(raised)
    assert after.total > before.total
    for old, new in zip(before.parts, after.parts, strict=True):
        assert new.points >= old.points  # type: ignore[operator]
    for old_c, new_c in zip(before.components, after.components, strict=True):
        assert new_c.points >= old_c.points  # type: ignore[operator]
    table = design.grades
    assert table.rank(after.predikat) >= table.rank(before.predikat)


@given(st.fractions(min_value=0, max_value=100))
def test_the_predikat_is_the_band_of_the_exact_total(total: Fraction) -> None:
    """Checked against the bands' edges compared as exact fractions."""
    table = CURRENT.grades
    band = grade_exact(table, total)
    lower, upper = Fraction(band.lower), Fraction(band.upper)
    assert (total >= lower) if band.lower_inclusive else (total > lower)
    assert (total <= upper) if band.upper_inclusive else (total < upper)


@given(st.integers(min_value=2, max_value=12))
def test_equal_weights_are_exact(count: int) -> None:
    scale = AnswerScale("y-t", [Answer("Y", 1), Answer("T", 0)])
    part = Part("1.a", "x", 7, [Criterion(str(i), "t", scale) for i in range(count)])
    assert {Fraction(7, count)} == {part.weight_of(c) for c in part.criteria}
    assert Fraction(7) == sum(part.weight_of(c) for c in part.criteria)


SCALE = AnswerScale(
    "akip",
    [
        Answer(c, v)
        for c, v in zip(
            ("AA", "A", "BB", "B", "CC", "C", "D", "E"),
            (100, 90, 80, 70, 60, 50, 30, 0),
            strict=True,
        )
    ],
)
TINY = Design(
    "tiny",
    "Tiny",
    "1",
    "tests",
    [
        Component(
            "1",
            "x",
            40,
            [
                Part(
                    "1.a", "a", 15, [Criterion("1.a.1", "t", SCALE), Criterion("1.a.2", "t", SCALE)]
                ),
                Part("1.b", "b", 25, [Criterion("1.b.1", "t", SCALE)]),
            ],
        ),
        Component(
            "2",
            "y",
            60,
            [
                Part(
                    "2.a",
                    "c",
                    60,
                    [
                        Criterion("2.a.1", "t", SCALE),
                        Criterion("2.a.2", "t", SCALE),
                        Criterion("2.a.3", "t", SCALE),
                    ],
                )
            ],
        ),
    ],
    "akip-permenpanrb-88-2021",
)


@given(worksheets(TINY), st.sampled_from([None, "BB", "A"]))
def test_the_fewest_steps_reach_the_next_band_and_no_fewer_do(
    worksheet: Worksheet, highest: str | None
) -> None:
    """Brute force over every way of spending fewer steps confirms none reaches the band."""
    score = lke.score_worksheet(worksheet)
    result = lke.next_predikat(score, highest=highest)
    table = TINY.grades
    if result.target is None:
        return
    ladders = []
    for criterion in TINY.criteria:
        answer = worksheet.answer(criterion.id, "penilai")
        assert answer is not None
        cap = SCALE.find(highest) if highest else None
        ups = [a for a in SCALE.above(answer) if cap is None or a.value <= cap.value]
        ladders.append([answer, *ups])

    def reaches(choice: tuple[int, ...]) -> bool:
        codes = {
            c.id: ladder[j].code
            for c, ladder, j in zip(TINY.criteria, ladders, choice, strict=True)
        }
        total = lke.score_worksheet(worksheet.with_answers("penilai", codes)).total
        return table.rank(grade_exact(table, total).letter) >= table.rank(result.target.letter)  # type: ignore[union-attr]

    every = list(itertools.product(*(range(len(ladder)) for ladder in ladders)))
    if not result.reachable:
        assert not any(reaches(choice) for choice in every)
        return
    steps = len(result.steps)
    chosen = {c.id: 0 for c in TINY.criteria}
    for step in result.steps:
        chosen[step.criterion.id] += 1
    assert reaches(tuple(chosen[c.id] for c in TINY.criteria))
    assert result.total_after == score.total + sum((s.gain for s in result.steps), Fraction(0))
    assert not any(reaches(choice) for choice in every if sum(choice) < steps)
