"""Edges of the evaluation slice: degenerate scales, exact design weights, printed figures off
the scale, evidence outside its bands, the gap under the zero policy, argument checks, and the
errors of design files (each once, at its own file and line)."""

from __future__ import annotations

import decimal
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest

from lakipcore import lke
from lakipcore.cli import main
from lakipcore.errors import (
    InvalidValueError,
    LakipError,
    LakipTypeError,
    ReportFileError,
    UnknownNameError,
)
from lakipcore.lke import (
    Answer,
    AnswerScale,
    Component,
    Criterion,
    Design,
    Part,
    Response,
    UnansweredPolicy,
    Worksheet,
)
from lakipcore.lke.designs import shipped_text
from lakipcore.lke.render import evaluation_text, evaluation_to_dict
from lakipcore.lke.worksheet_file import example_worksheet_text
from lakipcore.results.findings import FindingCode

MINI = """\
schema = "lakipcore.lke-design/1"
name = "mini"
title = "Mini"
version = "1"
source = "test"
grades = "akip-permenpanrb-88-2021"
layers = ["penilai"]

[scales.akip]
answers = [
  { code = "AA", value = 100 },
  { code = "A", value = 90 },
  { code = "BB", value = 80 },
  { code = "B", value = 70 },
  { code = "CC", value = 60 },
  { code = "C", value = 50 },
  { code = "D", value = 30 },
  { code = "E", value = 0 },
]
[scales.yt]
answers = [ { code = "Y", value = 1 }, { code = "T", value = 0 } ]
EVIDENCE

[[components]]
id = "1"
name = "Satu"
weight = W1

[[components.parts]]
id = "1.a"
name = "Satu a"
weight = W1A
scale = "akip"

[[components.parts.criteria]]
id = "1.a.1"
text = "x"

[[components.parts.criteria]]
id = "1.a.2"
text = "y"

[[components.parts]]
id = "1.b"
name = "Satu b"
weight = 40
scale = "yt"

[[components.parts.criteria]]
id = "1.b.1"
text = "z"

[[components]]
id = "2"
name = "Dua"
weight = 40

[[components.parts]]
id = "2.a"
name = "Dua a"
weight = W2A
scale = "akip"

[[components.parts.criteria]]
id = "2.a.1"
text = "w"
"""


def mini(w1: str = "60", w1a: str = "20", w2a: str = "40", evidence: str = "") -> str:
    return (
        MINI.replace("EVIDENCE", evidence).replace("W1A", w1a).replace("W2A", w2a).replace("W1", w1)
    )


def line_of(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if needle in line)


AKIP = AnswerScale(
    "akip",
    [Answer(c, v) for c, v in zip(("AA", "BB", "B", "E"), (100, 80, 70, 0), strict=True)],
)


# --- 7: a scale's effective full marks ------------------------------------------------------


@pytest.mark.parametrize(
    ("answers", "full", "field"),
    [
        ([Answer("T", 0)], None, "answers[0].value"),  # the best answer, worth 0, is full marks
        ([Answer("T", 0)], 0, "full"),
        ([Answer("Y", 1), Answer("T", 0)], 0, "full"),
        ([Answer("Y", 1), Answer("T", 0)], Decimal(-1), "full"),
    ],
)
def test_a_scale_whose_full_marks_are_not_above_0_is_refused(
    answers: list[Answer], full: object, field: str
) -> None:
    with pytest.raises(InvalidValueError) as caught:
        AnswerScale("nol", answers, full)
    assert field == caught.value.field
    assert "a scale's full marks must be above 0" in caught.value.message_in("en")


def test_a_design_file_with_a_scale_worth_nothing_is_an_error_at_the_scale() -> None:
    text = mini().replace(
        'answers = [ { code = "Y", value = 1 }, { code = "T", value = 0 } ]',
        'answers = [ { code = "T", value = 0 } ]',
    )
    with pytest.raises(ReportFileError) as caught:
        lke.loads_design(text, source="nol.toml")
    messages = [e.message_in("en") for e in caught.value.errors]
    assert 1 == sum("full marks must be above 0" in m for m in messages)
    full = next(e for e in caught.value.errors if "full marks" in e.message_in("en"))
    assert ("nol.toml", line_of(text, "[scales.yt]")) == (full.source, full.line)


# --- 1: design weights summed exactly, in no caller's context -------------------------------

TINY = Decimal("10.000000000000000000000000000001")  # 33 digits: the default context rounds


def _criteria(prefix: str, count: int) -> list[Criterion]:
    return [Criterion(f"{prefix}.{i}", "x", AKIP) for i in range(1, count + 1)]


def _component_weights() -> object:
    return Design(
        "d",
        "D",
        "1",
        "t",
        [
            Component("1", "c", TINY, [Part("1.a", "p", TINY, _criteria("1.a", 1))]),
            Component("2", "c", 20, [Part("2.a", "p", 20, _criteria("2.a", 1))]),
        ],
        "akip-permenpanrb-88-2021",
        total=30,
    )


def _part_weights() -> object:
    return Component(
        "1",
        "c",
        30,
        [Part("1.a", "p", TINY, _criteria("1.a", 1)), Part("1.b", "p", 20, _criteria("1.b", 1))],
    )


def _criterion_weights() -> object:
    return Part(
        "1.a",
        "p",
        30,
        [
            Criterion("1.a.1", "x", AKIP, weight=TINY),
            Criterion("1.a.2", "y", AKIP, weight=20),
        ],
    )


@pytest.mark.parametrize(
    ("build", "words"),
    [
        (_component_weights, "the weights of the components sum to"),
        (_part_weights, "the weights of the sub-components of component '1' sum to"),
        (_criterion_weights, "the weights of the criteria of sub-component '1.a' sum to"),
    ],
)
def test_weights_that_do_not_sum_exactly_are_refused_whatever_the_callers_context(
    build: object, words: str
) -> None:
    with decimal.localcontext() as caller:
        caller.traps[decimal.Inexact] = True
        caller.traps[decimal.Rounded] = True
        caller.clear_flags()
        with pytest.raises(InvalidValueError) as caught:
            build()  # type: ignore[operator]
        assert not any(caller.flags.values())  # the caller's flags are left alone
    message = caught.value.message_in("en")
    assert words in message
    assert "30.000000000000000000000000000001" in message  # the exact sum, not a rounded 30


def test_exact_weights_are_accepted_in_a_three_digit_context() -> None:
    with decimal.localcontext() as caller:
        caller.prec = 3
        caller.traps[decimal.Inexact] = True
        part = Part(
            "1.a",
            "p",
            Decimal("30.0001"),
            [
                Criterion("1.a.1", "x", AKIP, weight=Decimal("10.0001")),
                Criterion("1.a.2", "y", AKIP, weight=20),
            ],
        )
    assert Fraction("10.0001") == part.weight_of(part.criteria[0])


# --- 5: one bad field, one error ------------------------------------------------------------


def test_one_bad_weight_in_a_shipped_design_is_one_error() -> None:
    text = shipped_text("permenpanrb-88-2021.toml").replace("weight = 6\n", "weight = 7\n", 1)
    with pytest.raises(LakipError) as caught:
        lke.loads_design(text, source="88.toml")
    error = caught.value
    assert 1 == len(error.errors)
    assert "components[0]" == error.field
    assert "sum to 31, not to its weight 30" in error.message_in("en")
    assert len(str(error)) < 300


def test_bad_fields_in_two_components_are_each_listed_once() -> None:
    text = mini().replace('id = "1.a.2"\ntext = "y"', 'id = "1.a.2"\ntext = "y"\nbogus = 1')
    text = text.replace('id = "2.a.1"\ntext = "w"', 'id = "2.a.1"\ntext = "w"\nscale = "nope"')
    with pytest.raises(ReportFileError) as caught:
        lke.loads_design(text, source="two.toml")
    errors = caught.value.errors
    assert [
        ("components[0].parts[0].criteria[1].bogus", line_of(text, "bogus = 1")),
        ("components[1].parts[0].criteria[0].scale", line_of(text, 'scale = "nope"')),
    ] == [(e.field, e.line) for e in errors]
    assert 2 == str(caught.value).count("\n")  # the heading and one line per error


# --- 6: errors of the design file a worksheet names -----------------------------------------

WS = """\
schema = "lakipcore.lke/1"
design-file = "FILE"
unit = "x"
layers = ["penilai"]

[answers]
"1.a.1" = "A"
"1.a.2" = "B"
"1.b.1" = "Y"
"2.a.1" = "BB"
"""


def test_an_error_in_a_named_design_file_is_at_that_files_line(tmp_path: Path) -> None:
    design = mini(w1="61")
    (tmp_path / "d.toml").write_text(design, encoding="utf-8")
    (tmp_path / "w.toml").write_text(WS.replace("FILE", "d.toml"), encoding="utf-8")
    with pytest.raises(InvalidValueError) as caught:
        lke.load_worksheet(tmp_path / "w.toml")
    error = caught.value
    assert str(tmp_path / "d.toml") == error.source
    assert line_of(design, "[[components]]") == error.line
    assert "components[0]" == error.field


def test_a_missing_design_file_is_named(tmp_path: Path) -> None:
    (tmp_path / "w.toml").write_text(WS.replace("FILE", "nowhere.toml"), encoding="utf-8")
    with pytest.raises(ReportFileError) as caught:
        lke.load_worksheet(tmp_path / "w.toml")
    assert str(tmp_path / "nowhere.toml") == caught.value.source
    assert "nowhere.toml" in str(caught.value)


# --- 3: a printed total off the scale -------------------------------------------------------

PRINTED = """\
schema = "lakipcore.lke/1"
design = "permenpanrb-88-2021"
unit = "x"
layers = ["penilai"]

[printed]
layer = "penilai"
total = "TOTAL"
"""


@pytest.mark.parametrize(
    ("total", "predikat", "codes"),
    [
        ("100,5", "AA", [("above-weight", "total", 8), ("not-gradable", "predikat", 9)]),
        ("-1", "D", [("figure-mismatch", "total", 8), ("not-gradable", "predikat", 9)]),
        ("100,5", None, [("above-weight", "total", 8)]),
        ("-1", None, [("figure-mismatch", "total", 8)]),
        ("100", "AA", []),
    ],
)
def test_a_printed_total_off_the_scale_is_a_finding(
    total: str, predikat: str | None, codes: list[tuple[str, str, int]]
) -> None:
    text = PRINTED.replace("TOTAL", total) + (f'predikat = "{predikat}"\n' if predikat else "")
    evaluation = lke.evaluate(lke.loads_worksheet(text, source="p.toml"))
    found = [(f.code.value, f.subject.item, f.location.line) for f in evaluation.findings]
    assert codes == found
    assert (evaluation.printed_band is None) == bool(codes)
    evaluation_text(evaluation, lang="en")  # every output reads the result
    printed = evaluation_to_dict(evaluation)["printed"]
    assert (total, bool(codes)) == (printed["total"], printed["band_of_total"] is None)


def test_a_printed_total_above_100_beside_answers_is_a_finding() -> None:
    text = example_worksheet_text().split("[printed]")[0]
    text += '[printed]\nlayer = "penilai"\ntotal = "100,5"\n'
    findings = lke.evaluate(lke.loads_worksheet(text, source="x.toml")).findings
    codes = {f.code for f in findings if f.subject.item == "total"}
    assert {FindingCode.ABOVE_WEIGHT, FindingCode.FIGURE_MISMATCH} == codes


# --- 4: evidence outside the scale's evidence bands -----------------------------------------

BANDS = (
    'evidence = { bands = [ { from = "50%", to = "75%", letter = "T" }, '
    '{ from = "75%", to = "100%", letter = "Y", from-inclusive = false } ] }'
)


@pytest.mark.parametrize(
    ("evidence", "answer", "words"),
    [
        ("30%", "T", "its evidence 30 % gives no answer"),
        ("75%", "Y", "its evidence 75 % gives T"),
        ("80%", "Y", None),
    ],
)
def test_evidence_outside_the_bands_is_a_finding_at_the_criterion(
    evidence: str, answer: str, words: str | None
) -> None:
    design = lke.loads_design(mini(evidence=BANDS), source="d.toml")
    text = WS.replace('design-file = "FILE"', 'design = "mini"').replace(
        '"1.b.1" = "Y"', f'"1.b.1" = {{ penilai = "{answer}", evidence = "{evidence}" }}'
    )
    worksheet = lke.loads_worksheet(text, source="w.toml", design=design)
    found = [f for f in lke.evaluate(worksheet).findings if f.subject.item == "1.b.1"]
    if words is None:
        assert [] == found
        return
    assert [FindingCode.EVIDENCE_BAND_MISMATCH] == [f.code for f in found]
    assert ("w.toml", line_of(text, '"1.b.1"')) == (
        found[0].location.source,
        found[0].location.line,
    )
    assert words in found[0].message_in("en")


# --- 2: the gap under the zero policy counts the unanswered criteria ------------------------


def _answer_of(step_answers: dict[str, str], worksheet: Worksheet, criterion: str) -> str | None:
    if criterion in step_answers:
        return step_answers[criterion]
    found = worksheet.answer(criterion, "penilai")
    return None if found is None else found.code


@pytest.mark.parametrize("highest", [None, "BB"])
def test_under_zero_an_unanswered_criterion_can_be_raised_from_the_lowest_answer(
    highest: str | None,
) -> None:
    design = lke.get_design("permenpanrb-88-2021")
    first = design.criteria[0]
    worksheet = Worksheet(design, "u", [Response(first.id, {"penilai": "BB"})], layers=("penilai",))
    evaluation = lke.evaluate(worksheet, policy=UnansweredPolicy.ZERO, highest=highest)
    following = evaluation.next
    assert following is not None
    assert following.target is not None
    assert "C" == following.target.letter
    assert following.reachable
    assert following.steps
    raised = [s for s in following.steps if worksheet.answer(s.criterion.id, "penilai") is None]
    assert raised
    assert all(s.before.code == "E" for s in raised if s.before.value == 0)
    # The steps taken give the total they claim, exactly, scored under the same policy.
    after: dict[str, str] = {}
    for step in sorted(following.steps, key=lambda s: s.after.value):
        after[step.criterion.id] = step.after.code
    answers = [
        Response(c.id, {"penilai": code})
        for c in design.criteria
        if (code := _answer_of(after, worksheet, c.id)) is not None
    ]
    rescored = lke.score_worksheet(
        Worksheet(design, "u", answers, layers=("penilai",)), policy=UnansweredPolicy.ZERO
    )
    assert following.total_after == rescored.total
    assert "C" == rescored.predikat


# --- 9: the policy and the cap as arguments -------------------------------------------------


@pytest.mark.parametrize(
    ("options", "error", "field", "words"),
    [
        ({"policy": "maybe"}, UnknownNameError, "policy", "'maybe'"),
        ({"policy": 3}, LakipTypeError, "policy", "int"),
        ({"highest": "ZZ"}, UnknownNameError, "highest", "'ZZ' is not an answer of any scale"),
        ({"highest": 5}, LakipTypeError, "highest", "highest must be a str"),
    ],
)
def test_a_bad_policy_or_cap_is_an_error_naming_it(
    options: dict[str, object], error: type[LakipError], field: str, words: str
) -> None:
    with pytest.raises(error) as caught:
        lke.evaluate(lke.example_worksheet(), **options)  # type: ignore[arg-type]
    assert field == caught.value.field
    assert words in caught.value.message_in("en")


def test_a_policy_may_be_given_by_name() -> None:
    worksheet = lke.example_worksheet()
    by_name = lke.evaluate(worksheet, policy="zero")
    assert UnansweredPolicy.ZERO is by_name.policy
    assert lke.evaluate(worksheet, policy=UnansweredPolicy.ZERO).score == by_name.score
    assert (
        UnansweredPolicy.RENORMALISE is lke.score_worksheet(worksheet, policy="renormalise").policy
    )


def test_a_cap_in_any_case_caps_the_steps() -> None:
    capped = lke.evaluate(lke.example_worksheet(), highest="bb").next
    assert capped is not None
    assert 28 == len(capped.steps)


def test_the_cli_refuses_an_unknown_cap(capsys: pytest.CaptureFixture[str]) -> None:
    status = main(["lke", "gap", "--lang", "en", "--highest", "ZZ"])
    _, err = capsys.readouterr()
    assert 2 == status
    assert "highest: 'ZZ' is not an answer of any scale of design" in err


# --- smaller: the unanswered finding names the policy in force ------------------------------


@pytest.mark.parametrize(
    ("policy", "words"),
    [
        (None, "the design's policy error applies"),
        (UnansweredPolicy.ERROR, "the design's policy error applies"),
        (UnansweredPolicy.RENORMALISE, "the policy renormalise chosen applies"),
        ("zero", "the policy zero chosen applies"),
    ],
)
def test_an_unanswered_criterion_names_the_policy_in_force(
    policy: UnansweredPolicy | str | None, words: str
) -> None:
    design = lke.get_design("permenpanrb-88-2021")
    worksheet = Worksheet(
        design,
        "u",
        [Response(c.id, {"penilai": "BB"}) for c in design.criteria[1:]],
        layers=("penilai",),
    )
    found = [
        f
        for f in lke.evaluate(worksheet, policy=policy).findings
        if f.code is FindingCode.UNANSWERED_CRITERION
    ]
    assert [design.criteria[0].id] == [f.subject.item for f in found]
    assert words in found[0].message_in("en")
