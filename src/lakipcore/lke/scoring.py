"""Scoring a worksheet exactly: criterion → sub-component → component → total → predikat.

A criterion earns its weight (its sub-component's weight over the number of its criteria)
times its answer's share of full marks (value / full: BB is 80 / 100). A sub-component's
score is the sum of its criteria's (equivalently, its weight times the mean share), a
component's the sum of its sub-components', the total the sum of the components'. Every
figure is an exact :class:`~fractions.Fraction`: seven criteria of a 30-point sub-component
carry exactly 30/7 each, and the total is rounded only when shown (:func:`round_fraction`,
under a named mode). The predikat is the band of the design's grade table the *exact* total
falls in, with the table's own edge semantics (AKIP: "> 90" is AA, 90 itself is A).

A criterion without an answer counts as the policy says (:class:`UnansweredPolicy`): by
default scoring refuses, naming every such criterion. A computed predikat is a simulation
(*nilai usulan*): the official one is the evaluator's (:attr:`EvaluationScore.official` is
always ``False``).
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import attrs

from lakipcore.errors import InvalidValueError, LakipError, UnansweredCriterionError
from lakipcore.i18n import M_
from lakipcore.lke.design import Component, Criterion, Design, Part, UnansweredPolicy
from lakipcore.lke.scale import Answer
from lakipcore.lke.worksheet import Worksheet
from lakipcore.rounding import Rounding, places_of, round_fraction
from lakipcore.surveys.grades import Band, GradeTable

__all__ = [
    "ComponentScore",
    "CriterionScore",
    "EvaluationScore",
    "PartScore",
    "finite_decimal",
    "grade_exact",
    "policy_of",
    "score_worksheet",
]


@attrs.frozen
class CriterionScore:
    """A criterion's answer in one layer and what it earns: ``weight`` points at most,
    ``points`` earned (``None`` when it is unanswered and the policy leaves it out)."""

    criterion: Criterion
    answer: Answer | None
    weight: Fraction
    points: Fraction | None

    @property
    def answered(self) -> bool:
        """Whether the criterion has an answer in the layer scored."""
        return self.answer is not None


@attrs.frozen
class PartScore:
    """A sub-component's score: ``points`` of its ``part.weight`` (``None`` when none of its
    criteria is answered and the policy leaves it out)."""

    part: Part
    criteria: tuple[CriterionScore, ...]
    points: Fraction | None

    @property
    def unanswered(self) -> tuple[str, ...]:
        """The ids of its criteria without an answer."""
        return tuple(c.criterion.id for c in self.criteria if c.answer is None)


@attrs.frozen
class ComponentScore:
    """A component's score: ``points`` of its ``component.weight``."""

    component: Component
    parts: tuple[PartScore, ...]
    points: Fraction | None


@attrs.frozen(repr=False)
class EvaluationScore:
    """A worksheet scored in one ``layer`` under one unanswered-criterion ``policy``.

    ``total`` is the exact nilai AKIP, ``band`` the predikat's band of the design's grade
    table; :meth:`rounded` shows a figure. ``unanswered`` names the criteria without an
    answer (counted as the policy says). A computed predikat is a simulation, never the
    official result (:attr:`official`).
    """

    worksheet: Worksheet
    layer: str
    policy: UnansweredPolicy
    components: tuple[ComponentScore, ...]
    total: Fraction
    band: Band
    unanswered: tuple[str, ...]

    official = False
    """Always ``False``: lakipcore computes a proposed score (*nilai usulan*); the predikat of
    record is the evaluator's."""

    def __repr__(self) -> str:
        return (
            f"<EvaluationScore {self.worksheet.unit} [{self.layer}]: "
            f"{self.rounded(self.total)} {self.predikat} (simulation)>"
        )

    @property
    def predikat(self) -> str:
        """The predikat's letter (``"BB"``)."""
        return self.band.letter

    @property
    def parts(self) -> tuple[PartScore, ...]:
        """Every sub-component's score, in the design's order."""
        return tuple(part for component in self.components for part in component.parts)

    @property
    def criteria(self) -> tuple[CriterionScore, ...]:
        """Every criterion's score, in the design's order."""
        return tuple(c for part in self.parts for c in part.criteria)

    def component(self, identifier: str) -> ComponentScore:
        """The score of the component with this id."""
        for component in self.components:
            if component.component.id == identifier:
                return component
        self.worksheet.design.component(identifier)  # raises, naming the id
        raise AssertionError  # pragma: no cover

    def part(self, identifier: str) -> PartScore:
        """The score of the sub-component with this id."""
        for part in self.parts:
            if part.part.id == identifier:
                return part
        self.worksheet.design.part(identifier)  # raises, naming the id
        raise AssertionError  # pragma: no cover

    @staticmethod
    def rounded(
        value: Fraction | None, places: int = 2, rounding: Rounding = Rounding.HALF_UP
    ) -> Decimal | None:
        """``value`` (a figure of this score) rounded for showing: ``places`` decimal places
        under the named ``rounding``; ``None`` stays ``None``."""
        return None if value is None else round_fraction(value, places, rounding)


def grade_exact(table: GradeTable, value: Fraction) -> Band:
    """The band of ``table`` an exact ``value`` falls in, with the table's edge semantics.

    A value with a finite decimal expansion is graded as that decimal. Any other lies strictly
    between two neighbours on the grid of the table's printed precision plus one place, and
    no band edge lies between them, so it is graded as their midpoint, which compares with
    every edge as the value itself does.
    """
    finite = finite_decimal(value)
    if finite is not None:
        return table.grade(finite)
    if value < 0:
        raise InvalidValueError(M_("a score below 0 has no predikat"), field="total")
    places = max(places_of(edge) for band in table.bands for edge in (band.lower, band.upper))
    below = round_fraction(value, places + 1, Rounding.TRUNCATE)
    return table.grade(Decimal(format(below, "f") + "5"))


def finite_decimal(value: Fraction) -> Decimal | None:
    """``value`` as an exact :class:`~decimal.Decimal` when its decimal expansion is finite
    (its denominator has no prime factor but 2 and 5), else ``None``."""
    rest, twos, fives = value.denominator, 0, 0
    while rest % 2 == 0:
        rest, twos = rest // 2, twos + 1
    while rest % 5 == 0:
        rest, fives = rest // 5, fives + 1
    if rest != 1:
        return None
    places = max(twos, fives)
    return Decimal(f"{value.numerator * 10**places // value.denominator}E-{places}")


def policy_of(design: Design, policy: UnansweredPolicy | str | None) -> UnansweredPolicy:
    """The unanswered-criterion policy in force: ``policy`` (a member, or its name such as
    ``"zero"``), else the design's. A name that is no policy is an
    :class:`~lakipcore.UnknownNameError`, anything else a :class:`~lakipcore.LakipTypeError`,
    both naming the field ``policy``."""
    if policy is None:
        return design.unanswered
    if isinstance(policy, UnansweredPolicy):
        return policy
    try:
        return UnansweredPolicy.from_name(policy)
    except LakipError as error:
        raise error.located(field="policy") from None


def score_worksheet(
    worksheet: Worksheet,
    layer: str | None = None,
    *,
    policy: UnansweredPolicy | str | None = None,
) -> EvaluationScore:
    """Score ``worksheet`` in ``layer`` (its last, most reviewed layer by default) under
    ``policy`` (the design's unless given; a member or its name).

    Raises :class:`~lakipcore.UnansweredCriterionError` naming every unanswered criterion when
    the policy is :attr:`UnansweredPolicy.ERROR`, and when no criterion at all is answered.
    """
    chosen = worksheet.layer(layer)
    design = worksheet.design
    rule = policy_of(design, policy)
    missing = worksheet.unanswered(chosen)
    if missing and (rule is UnansweredPolicy.ERROR or len(missing) == len(design.criteria)):
        raise UnansweredCriterionError(
            M_(
                "{count} of {total} criteria are not answered in layer {layer}: {ids}; under "
                "the policy {policy} the worksheet cannot be scored (the policy 'zero' or "
                "'renormalise' counts them, and every output then says so)",
                count=len(missing),
                total=len(design.criteria),
                layer=repr(chosen),
                ids=", ".join(missing),
                policy=repr(rule.value),
            ),
            criteria=missing,
            source=worksheet.source,
        )
    components = tuple(_component(worksheet, c, chosen, rule) for c in design.components)
    total = _weighted(
        [(Fraction(c.component.weight), c.points) for c in components], Fraction(design.total)
    )
    assert total is not None  # some criterion is answered
    return EvaluationScore(
        worksheet,
        chosen,
        rule,
        components,
        total,
        grade_exact(design.grades, total),
        missing,
    )


def _component(
    worksheet: Worksheet, component: Component, layer: str, rule: UnansweredPolicy
) -> ComponentScore:
    parts = tuple(_part(worksheet, part, layer, rule) for part in component.parts)
    points = _weighted(
        [(Fraction(p.part.weight), p.points) for p in parts], Fraction(component.weight)
    )
    return ComponentScore(component, parts, points)


def _part(worksheet: Worksheet, part: Part, layer: str, rule: UnansweredPolicy) -> PartScore:
    scores = []
    for criterion in part.criteria:
        weight = part.weight_of(criterion)
        answer = worksheet.answer(criterion.id, layer)
        if answer is not None:
            points: Fraction | None = weight * criterion.scale.share(answer)
        else:
            points = Fraction(0) if rule is UnansweredPolicy.ZERO else None
        scores.append(CriterionScore(criterion, answer, weight, points))
    earned = [s.points for s in scores if s.points is not None]
    if not earned:
        return PartScore(part, tuple(scores), None)
    # Renormalising scales the points earned up from the weight of the answered criteria
    # to the sub-component's weight (with equal weights: the mean share times the weight).
    points = sum(earned, Fraction(0))
    covered = sum((s.weight for s in scores if s.points is not None), Fraction(0))
    return PartScore(part, tuple(scores), points * Fraction(part.weight) / covered)


def _weighted(
    children: list[tuple[Fraction, Fraction | None]], weight: Fraction
) -> Fraction | None:
    """The sum of the children's points, scaled up to ``weight`` when some are left out
    (``None``, renormalised away); ``None`` when all are."""
    kept = [(w, p) for w, p in children if p is not None]
    if not kept:
        return None
    points = sum((p for _, p in kept), Fraction(0))
    covered = sum((w for w, _ in kept), Fraction(0))
    return points if covered == weight else points * weight / covered
