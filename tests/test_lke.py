"""The SAKIP evaluation worksheet: the model, exact scoring, policies, layers and the audit."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest

from lakipcore import lke
from lakipcore.errors import (
    InvalidValueError,
    LakipError,
    LakipTypeError,
    UnansweredCriterionError,
    UnknownNameError,
)
from lakipcore.lke import (
    Answer,
    AnswerScale,
    Component,
    Criterion,
    Design,
    LogicRule,
    Part,
    Response,
    RuleKind,
    UnansweredPolicy,
    Worksheet,
)
from lakipcore.lke.scoring import finite_decimal, grade_exact
from lakipcore.results.findings import FindingCode
from lakipcore.surveys import get_grade_table

AKIP = AnswerScale(
    "akip",
    [
        Answer(code, value)
        for code, value in zip(
            ("AA", "A", "BB", "B", "CC", "C", "D", "E"),
            (100, 90, 80, 70, 60, 50, 30, 0),
            strict=True,
        )
    ],
)
YT = AnswerScale("y-t", [Answer("Y", 1), Answer("T", 0)])


def part(identifier: str, weight: object, count: int, scale: AnswerScale = AKIP) -> Part:
    return Part(
        identifier,
        f"part {identifier}",
        weight,
        [Criterion(f"{identifier}.{i}", f"criterion {i}", scale) for i in range(1, count + 1)],
    )


def small_design(**options: object) -> Design:
    """Two components: 30 points in 7 + 10 + 8 criteria (as 88/2021's planning), 70 in 3."""
    return Design(
        "small",
        "Small design",
        "1",
        "tests",
        [
            Component(
                "1", "Perencanaan", 30, [part("1.a", 6, 7), part("1.b", 9, 10), part("1.c", 15, 8)]
            ),
            Component("2", "Sisanya", 70, [part("2.a", 70, 3)]),
        ],
        "akip-permenpanrb-88-2021",
        **options,  # type: ignore[arg-type]
    )


def answered(design: Design, code: str = "BB", layer: str = "penilai", **codes: str) -> Worksheet:
    responses = [
        Response(c.id, {layer: codes.get(c.id.replace(".", "_"), code)}) for c in design.criteria
    ]
    return Worksheet(design, "unit", responses, year=2023, layers=(layer,))


# --- the design ------------------------------------------------------------------------------


def test_seven_equal_criteria_carry_exactly_a_seventh() -> None:
    """No 14,29 %: each of the seven criteria of a 6-point sub-component carries 6/7."""
    design = small_design()
    first = design.part("1.a")
    assert {Fraction(6, 7)} == {first.weight_of(c) for c in first.criteria}
    assert Fraction(6) == sum(first.weight_of(c) for c in first.criteria)


@pytest.mark.parametrize(
    ("build", "words"),
    [
        (
            lambda: Component("1", "x", 30, [part("1.a", 6, 1), part("1.b", 9, 1)]),
            "sum to 15, not to its weight 30",
        ),
        (
            lambda: Design(
                "d",
                "t",
                "1",
                "s",
                [Component("1", "x", 30, [part("1.a", 30, 1)])],
                "akip-permenpanrb-88-2021",
            ),
            "sum to 30, not to the design's total 100",
        ),
        (
            lambda: Design(
                "d",
                "t",
                "1",
                "s",
                [Component("1", "x", 100, [part("1", 100, 1)])],
                "akip-permenpanrb-88-2021",
            ),
            "the id '1' is used twice",
        ),
        (lambda: Part("1.a", "x", 6, []), "has no criteria"),
        (lambda: AnswerScale("s", [Answer("A", 1), Answer("B", 2)]), "falling values"),
        (lambda: AnswerScale("s", [Answer("A", 1), Answer("a", 0)]), "lists answer 'a' twice"),
        (
            lambda: Part(
                "1.a", "x", 6, [Criterion("1", "t", YT, weight=2), Criterion("2", "t", YT)]
            ),
            "every criterion states its weight or none",
        ),
        (
            lambda: Part(
                "1.a",
                "x",
                6,
                [Criterion("1", "t", YT, weight=2), Criterion("2", "t", YT, weight=3)],
            ),
            "sum to 5, not to its weight 6",
        ),
        (
            lambda: small_design(rules=[LogicRule("r", RuleKind.NOT_ABOVE, "9.9", "1.a.1")]),
            "names criterion '9.9'",
        ),
        (
            lambda: small_design(rules=[LogicRule("r", RuleKind.NOT_ABOVE, "1.a.2", "1.a")]),
            "not a criterion of the design",
        ),
        (
            lambda: small_design(
                rules=[LogicRule("r", RuleKind.NOT_ABOVE, "1.a.2", ["1.a.1", "1.a.3"])]
            ),
            "limited by one criterion",
        ),
        (lambda: Part("1.a", "x", 0, [Criterion("1", "t", YT)]), "a weight must be above 0"),
    ],
)
def test_a_bad_design_is_refused_by_name(build: object, words: str) -> None:
    """Weights that do not sum, ids used twice, empty parts and rules naming unknown ids are
    errors that say what is wrong."""
    with pytest.raises(LakipError) as caught:
        build()  # type: ignore[operator]
    assert words in caught.value.message_in("en")


def test_a_rule_may_be_limited_by_a_sub_components_mean() -> None:
    design = small_design(rules=[LogicRule("r", RuleKind.NOT_ABOVE_MEAN, "1.b.1", "1.a")])
    assert design.part("1.a").criteria == design.limit_criteria(design.rules[0])


def test_the_shipped_designs_load_with_their_counts() -> None:
    """The shipped designs: 88/2021 with 7+10+8, 3+7+10, 6+9+7, 3+5+5 criteria (t-SEMAR), the
    12/2015 worksheet with five components, and the wp-eval-sakip adaptation with its rules."""
    current = lke.get_design("permenpanrb-88-2021")
    counts = [len(p.criteria) for p in current.parts]
    assert [7, 10, 8, 3, 7, 10, 6, 9, 7, 3, 5, 5] == counts
    assert [30, 30, 15, 25] == [c.weight for c in current.components]
    assert [
        Decimal(w) for w in ("6", "9", "15", "6", "9", "15", "3", "4.5", "7.5", "5", "7.5", "12.5")
    ] == [p.weight for p in current.parts]
    assert current.unverified
    older = lke.get_design("permenpanrb-12-2015")
    assert [30, 25, 15, 10, 20] == [c.weight for c in older.components]
    assert 128 == len(older.rules)
    assert 117 == len(lke.get_design("wp-eval-sakip-madiun").rules)
    with pytest.raises(UnknownNameError, match="permenpanrb-88-2021"):
        lke.get_design("permenpanrb-88-2022")


# --- the worksheet ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("responses", "layers", "words"),
    [
        ([Response("9.9", {"penilai": "A"})], ("penilai",), "criterion '9.9' is not in the design"),
        ([Response("1.a.1", {"verifikator": "A"})], ("penilai",), "layer 'verifikator'"),
        (
            [Response("1.a.1", {"penilai": "AAA"})],
            ("penilai",),
            "'AAA' is not an answer of scale 'akip'",
        ),
        (
            [Response("1.a.1", {"penilai": "A"}), Response("1.a.1", {"penilai": "B"})],
            ("penilai",),
            "answered twice",
        ),
        ([], ("penilai", "penilai"), "named twice"),
    ],
)
def test_a_bad_worksheet_is_refused_naming_the_criterion(
    responses: list[Response], layers: tuple[str, ...], words: str
) -> None:
    with pytest.raises(LakipError) as caught:
        Worksheet(small_design(), "unit", responses, layers=layers)
    assert words in caught.value.message_in("en")


def test_answers_are_matched_trimmed_and_in_any_case() -> None:
    worksheet = Worksheet(
        small_design(), "unit", [Response("1.a.1", {"penilai": " bb "})], layers=("penilai",)
    )
    assert "BB" == worksheet.answer("1.a.1", "penilai").code  # type: ignore[union-attr]


def test_a_design_is_refused_where_a_worksheet_is_expected() -> None:
    with pytest.raises(LakipTypeError):
        Worksheet("permenpanrb-88-2021", "unit", [])  # type: ignore[arg-type]


# --- scoring ---------------------------------------------------------------------------------


def test_all_bb_scores_exactly_80_and_80_is_bb() -> None:
    """BB everywhere is 80 % of every weight: 80 exactly, which the "> 80" edge leaves BB."""
    score = lke.score_worksheet(answered(small_design()))
    assert Fraction(80) == score.total
    assert "BB" == score.predikat
    assert Fraction(24) == score.component("1").points
    assert False is score.official


@pytest.mark.parametrize(
    ("total", "letter"),
    [
        (Fraction(90), "A"),
        (Fraction(90) + Fraction(1, 10**30), "AA"),
        (Fraction(270, 3), "A"),
        (Fraction(541, 6), "AA"),  # 90,1666…
        (Fraction(539, 6), "A"),  # 89,8333…
        (Fraction(30), "D"),
        (Fraction(91, 3), "C"),  # 30,333…
        (Fraction(0), "D"),
        (Fraction(100), "AA"),
    ],
)
def test_the_predikat_is_the_band_of_the_exact_total(total: Fraction, letter: str) -> None:
    """The AKIP bands' "> x" edges are read exactly, for totals with and without a finite
    decimal expansion."""
    assert letter == grade_exact(get_grade_table("akip-permenpanrb-88-2021"), total).letter


def test_finite_decimal_is_exact_or_none() -> None:
    assert Decimal("65.93") == finite_decimal(Fraction(6593, 100))
    assert finite_decimal(Fraction(1, 3)) is None
    assert Decimal("-0.125") == finite_decimal(Fraction(-1, 8))


def test_the_worked_example_scores_as_docs_evaluation_md_computes_by_hand() -> None:
    """docs/evaluation.md works the example out by hand: each sub-component's points, the
    components 24,24 · 22,62 · 11,29 · 16,58 and the total 74,73 (BB)."""
    evaluation = lke.evaluate(lke.example_worksheet())
    score = evaluation.score
    assert score is not None
    shown = {c.component.id: str(score.rounded(c.points)) for c in score.components}
    assert {"1": "24.24", "2": "22.62", "3": "11.29", "4": "16.58"} == shown
    # 1.a: A, A, BB, A, AA, BB, A = 90 + 90 + 80 + 90 + 100 + 80 + 90 = 620 of 700
    assert Fraction(6) * Fraction(620, 700) == score.part("1.a").points == Fraction(186, 35)
    assert "74.73" == str(score.rounded(score.total))
    assert "BB" == score.predikat
    mandiri = evaluation.scores["mandiri"]
    assert not isinstance(mandiri, Exception)
    assert mandiri.total > score.total  # the self-assessment is more generous here


def test_unanswered_criteria_follow_the_policy() -> None:
    """Error by default, naming every criterion; zero counts them as E; renormalise leaves
    them out and scales the rest up to the weight."""
    design = small_design()
    worksheet = answered(design).with_answers("penilai", {})
    responses = {k: v for k, v in worksheet.responses.items() if k not in {"1.a.1", "2.a.3"}}
    partial = Worksheet(design, "unit", responses, layers=("penilai",))
    with pytest.raises(UnansweredCriterionError) as caught:
        lke.score_worksheet(partial)
    assert ("1.a.1", "2.a.3") == caught.value.criteria
    zero = lke.score_worksheet(partial, policy=UnansweredPolicy.ZERO)
    assert (
        Fraction(80) - Fraction(6, 7) * Fraction(8, 10) - Fraction(70, 3) * Fraction(8, 10)
        == zero.total
    )
    renormalised = lke.score_worksheet(partial, policy=UnansweredPolicy.RENORMALISE)
    assert Fraction(80) == renormalised.total
    assert ("1.a.1", "2.a.3") == renormalised.unanswered


def test_renormalise_scales_a_part_with_no_answers_out_of_its_component() -> None:
    design = small_design()
    responses = [
        Response(c.id, {"penilai": "A"}) for c in design.criteria if not c.id.startswith("1.a.")
    ]
    score = lke.score_worksheet(
        Worksheet(design, "u", responses, layers=("penilai",)), policy=UnansweredPolicy.RENORMALISE
    )
    assert score.part("1.a").points is None
    assert Fraction(27) == score.component("1").points  # 90 % of 30, from 1.b and 1.c alone
    assert Fraction(90) == score.total


def test_a_worksheet_with_no_answer_cannot_be_scored_under_any_policy() -> None:
    worksheet = Worksheet(small_design(), "unit", [], layers=("penilai",))
    for policy in UnansweredPolicy:
        with pytest.raises(UnansweredCriterionError):
            lke.score_worksheet(worksheet, policy=policy)


def test_own_criterion_weights_are_used_as_given() -> None:
    """12/2015's capaian criteria weigh 3, 1,5 and 3 points of 7,5."""
    design = lke.get_design("permenpanrb-12-2015")
    part_e = design.part("E.I")
    assert [Fraction(3), Fraction(3, 2), Fraction(3)] == [
        part_e.weight_of(c) for c in part_e.criteria
    ]


def test_an_unknown_layer_is_refused_listing_the_layers() -> None:
    with pytest.raises(UnknownNameError, match="penilai"):
        lke.score_worksheet(answered(small_design()), "verifikator")


# --- layers ----------------------------------------------------------------------------------


def test_layers_are_compared_per_criterion_and_level() -> None:
    design = small_design()
    responses = [
        Response(c.id, {"mandiri": "A", "penilai": "A" if c.id != "2.a.1" else "B"})
        for c in design.criteria
    ]
    worksheet = Worksheet(design, "u", responses, layers=("mandiri", "penilai"))
    evaluation = lke.evaluate(worksheet)
    (comparison,) = evaluation.comparisons
    (difference,) = comparison.criteria
    assert ("2.a.1", "A", "B") == (
        difference.criterion,
        difference.first.code,
        difference.second.code,
    )  # type: ignore[union-attr]
    assert Fraction(-70, 3) * Fraction(2, 10) == comparison.total == comparison.components["2"]
    assert Fraction(0) == comparison.components["1"]


# --- the audit -------------------------------------------------------------------------------


def test_each_unanswered_criterion_is_a_finding_in_a_layer_with_answers() -> None:
    design = small_design()
    responses = [Response(c.id, {"penilai": "A"}) for c in design.criteria if c.id != "1.b.4"]
    findings = lke.audit_worksheet(Worksheet(design, "u", responses, layers=("mandiri", "penilai")))
    assert [("unanswered-criterion", "1.b.4")] == [(f.code.value, f.subject.item) for f in findings]


def test_a_kerangka_logis_breach_names_the_rule_and_both_answers() -> None:
    design = small_design(
        rules=[
            LogicRule("renja", RuleKind.NOT_ABOVE, "1.b.1", "1.a.1", "Renja di atas Renstra"),
            LogicRule("mean", RuleKind.NOT_ABOVE_MEAN, "1.c.1", "1.a"),
            LogicRule("highest", RuleKind.NOT_ABOVE_HIGHEST, "2.a.1", ["1.a.1", "1.a.2"]),
        ]
    )
    worksheet = answered(design, "B", **{"1_b_1": "A", "1_c_1": "BB", "2_a_1": "A", "1_a_2": "BB"})
    findings = lke.audit_worksheet(worksheet)
    assert [FindingCode.LOGIC_RULE_BREACH] * 3 == [f.code for f in findings]
    assert ["1.b.1", "1.c.1", "2.a.1"] == [f.subject.item for f in findings]
    assert "Renja di atas Renstra" in findings[0].message_in("en")
    # the mean of 1.a: six B (70) and one BB (80): 71,43 %, below BB
    assert Decimal("71.43") == round(findings[1].recomputed, 2)  # type: ignore[arg-type]
    # the highest of 1.a.1 (B) and 1.a.2 (BB) is 80: A (90) is above it
    assert Decimal(80) == findings[2].recomputed


def test_an_answer_its_evidence_does_not_give_is_a_finding() -> None:
    from lakipcore.surveys import Band, GradeTable

    bands = GradeTable(
        "persen",
        "skala-100",
        (
            Band(0, 10, "E"),
            Band(10, 40, "D", lower_inclusive=False),
            Band(40, 75, "C", lower_inclusive=False),
            Band(75, 90, "B", lower_inclusive=False),
            Band(90, 100, "A", lower_inclusive=False),
        ),
        "wp-eval-sakip penjelasan",
    )
    scale = AnswerScale(
        "a-e",
        [
            Answer("A", 1),
            Answer("B", Decimal("0.75")),
            Answer("C", Decimal("0.5")),
            Answer("D", Decimal("0.25")),
            Answer("E", 0),
        ],
        evidence=bands,
    )
    design = Design(
        "d",
        "t",
        "1",
        "s",
        [Component("1", "x", 100, [part("1.a", 100, 2, scale)])],
        "akip-permenpanrb-88-2021",
    )
    worksheet = Worksheet(
        design,
        "u",
        [
            Response("1.a.1", {"penilai": "A"}, evidence=Decimal(96)),
            Response("1.a.2", {"penilai": "A"}, evidence=Decimal(90)),
        ],
        layers=("penilai",),
    )
    findings = lke.audit_worksheet(worksheet)
    assert [("evidence-band-mismatch", "1.a.2")] == [
        (f.code.value, f.subject.item) for f in findings
    ]
    assert "gives B" in findings[0].message_in("en")


def test_printed_figures_are_recomputed_from_the_answers() -> None:
    from lakipcore.figures import parse_figure
    from lakipcore.lke import PrintedEvaluation, PrintedScore

    def printed(text: str) -> PrintedScore:
        return PrintedScore(text, parse_figure(text))

    design = small_design()
    worksheet = answered(design)
    sheet = Worksheet(
        design,
        "u",
        worksheet.responses,
        layers=("penilai",),
        printed=PrintedEvaluation(
            "penilai",
            total=printed("80,01"),
            predikat="A",
            components={"1": printed("24"), "2": printed("56,00")},
        ),
    )
    findings = lke.audit_worksheet(sheet)
    assert [("figure-mismatch", "total"), ("grade-mismatch", "predikat")] == [
        (f.code.value, f.subject.item) for f in findings
    ]


def test_lakip_errors_subclass_valueerror_and_typeerror() -> None:
    assert issubclass(UnansweredCriterionError, ValueError)
    assert issubclass(InvalidValueError, ValueError)
