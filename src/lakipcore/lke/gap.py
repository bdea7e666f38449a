"""What it takes: the answers whose improvement gains most, and the fewest steps to the next
predikat, exactly.

A *step* raises one criterion's answer by one place on its scale (B → BB). Its gain is the
points it adds to the total, exactly: the criterion's weight times the rise in its share of
full marks, scaled as its sub-component, component and the total are under the policy
scored (under ``renormalise`` a part left out scales the others up).

:func:`next_predikat` finds the smallest number of steps that lifts the total into the next
band of the design's grade table, by enumeration, not sampling: for each number of steps k
it knows the largest gain any k steps can make (a grouped knapsack over the criteria, in
exact integers), and the first k whose best gain reaches the band is the answer, with one
set of steps that achieves it. No set of fewer steps reaches the band, since none gains
more than the best. ``highest`` caps the answers considered (``"BB"``: AA and A ask for
innovation worthy of a national example, which a plan may not count on).
"""

from __future__ import annotations

import math
from fractions import Fraction

import attrs

from lakipcore.errors import UnansweredCriterionError, UnknownNameError
from lakipcore.i18n import M_
from lakipcore.lke.design import Criterion, Design, UnansweredPolicy
from lakipcore.lke.fields import str_field
from lakipcore.lke.scale import Answer
from lakipcore.lke.scoring import EvaluationScore, grade_exact, score_worksheet
from lakipcore.lke.worksheet import Worksheet
from lakipcore.surveys.grades import Band

__all__ = [
    "NextPredikat",
    "PolicyEffect",
    "Step",
    "check_highest",
    "next_predikat",
    "policy_effects",
    "step_gains",
]


@attrs.frozen
class Step:
    """Raising ``criterion`` from ``before`` to ``after`` (one place up) gains ``gain``
    points of the total."""

    criterion: Criterion
    before: Answer
    after: Answer
    gain: Fraction


@attrs.frozen
class NextPredikat:
    """The fewest steps from ``current`` to the next band ``target`` (``None`` at the top
    band): ``steps`` (one smallest set, largest gain first), the total they give, and
    whether the band can be reached at all with the answers allowed."""

    current: Band
    target: Band | None
    total: Fraction
    steps: tuple[Step, ...]
    total_after: Fraction
    reachable: bool


@attrs.frozen
class PolicyEffect:
    """The worksheet scored under ``policy``: its score, or why it cannot be scored."""

    policy: UnansweredPolicy
    score: EvaluationScore | None
    error: UnansweredCriterionError | None


def _multipliers(score: EvaluationScore) -> dict[str, Fraction]:
    """Points of the total per unit of share, for each criterion counted (module docs): the
    answered ones, and under ``zero`` the unanswered ones too (they count as 0)."""
    kept = [c for c in score.components if c.points is not None]
    covered_total = sum((Fraction(c.component.weight) for c in kept), Fraction(0))
    top = Fraction(score.worksheet.design.total) / covered_total
    found: dict[str, Fraction] = {}
    for component in kept:
        parts = [p for p in component.parts if p.points is not None]
        covered = sum((Fraction(p.part.weight) for p in parts), Fraction(0))
        middle = Fraction(component.component.weight) / covered
        for part in parts:
            counted = [c for c in part.criteria if c.points is not None]
            inner = Fraction(part.part.weight) / sum((c.weight for c in counted), Fraction(0))
            for criterion in counted:
                found[criterion.criterion.id] = criterion.weight * inner * middle * top
    return found


def check_highest(design: Design, highest: object) -> str | None:
    """``highest`` (a cap on the answers the steps may use) if it is an answer code of some
    scale of ``design`` (trimmed, any case); an error naming the field ``highest`` otherwise:
    a cap that no scale knows would be silently ignored."""
    if highest is None:
        return None
    code = str_field(highest, "highest")
    scales = {criterion.scale.name: criterion.scale for criterion in design.criteria}
    if any(scale.find(code) is not None for scale in scales.values()):
        return code
    known = dict.fromkeys(c for scale in scales.values() for c in scale.codes)
    raise UnknownNameError(
        M_(
            "{code} is not an answer of any scale of design {design}; answers: {known}",
            code=repr(code),
            design=repr(design.name),
            known=", ".join(known),
        ),
        field="highest",
    )


def _ladders(score: EvaluationScore, highest: str | None) -> list[list[Step]]:
    """For each criterion counted below the cap, its steps up in order.

    Under ``zero`` an unanswered criterion counts as the lowest answer (as 0): its ladder
    starts at the scale's lowest answer, and its first step gains from 0. Under
    ``renormalise`` it is left out of the score, and answering it would change what every
    other criterion of its sub-component weighs, so it has no ladder of fixed gains."""
    highest = check_highest(score.worksheet.design, highest)
    multipliers = _multipliers(score)
    ladders = []
    for entry in score.criteria:
        multiplier = multipliers.get(entry.criterion.id)
        if multiplier is None:
            continue
        scale = entry.criterion.scale
        cap = scale.find(highest) if highest is not None else None
        ladder: list[Step] = []
        current = entry.answer if entry.answer is not None else scale.answers[-1]
        share = Fraction(0) if entry.answer is None else scale.share(current)
        for better in scale.above(current):
            if cap is not None and better.value > cap.value:
                break
            gain = (scale.share(better) - share) * multiplier
            ladder.append(Step(entry.criterion, current, better, gain))
            current, share = better, scale.share(better)
        if ladder:
            ladders.append(ladder)
    return ladders


def step_gains(score: EvaluationScore, *, highest: str | None = None) -> tuple[Step, ...]:
    """One step up for each criterion counted that has a better answer (at most
    ``highest``; under ``zero`` an unanswered one counts as its lowest answer), the largest
    gain first (ties in the design's order)."""
    firsts = [ladder[0] for ladder in _ladders(score, highest)]
    return tuple(sorted(firsts, key=lambda step: -step.gain))


def _reaches(score: EvaluationScore, total: Fraction, target: Band) -> bool:
    table = score.worksheet.design.grades
    return table.rank(grade_exact(table, total).letter) >= table.rank(target.letter)


def next_predikat(score: EvaluationScore, *, highest: str | None = None) -> NextPredikat:
    """The fewest steps that lift ``score`` into the next predikat (module docs)."""
    table = score.worksheet.design.grades
    rank = table.rank(score.predikat)
    if rank + 1 >= len(table.bands):
        return NextPredikat(score.band, None, score.total, (), score.total, False)
    target = table.bands[rank + 1]
    ladders = _ladders(score, highest)
    # Exact integers: every gain over one common denominator.
    scale = math.lcm(*(step.gain.denominator for ladder in ladders for step in ladder), 1)
    gains = [[int(step.gain * scale) for step in ladder] for ladder in ladders]
    limit = sum(len(ladder) for ladder in ladders)
    # best[k]: the largest gain of at most k steps over the criteria seen so far;
    # choice[i][k]: how many steps criterion i takes in that best set.
    best = [0] * (limit + 1)
    choices: list[list[int]] = []
    for ladder in gains:
        cumulative = [0, *_running(ladder)]
        new = best[:]
        taken = [0] * (limit + 1)
        for k in range(limit + 1):
            for j in range(1, min(len(ladder), k) + 1):
                candidate = best[k - j] + cumulative[j]
                if candidate > new[k]:
                    new[k], taken[k] = candidate, j
        best = new
        choices.append(taken)
    for k in range(limit + 1):
        if _reaches(score, score.total + Fraction(best[k], scale), target):
            steps = _chosen(ladders, choices, k)
            return NextPredikat(
                score.band, target, score.total, steps, score.total + Fraction(best[k], scale), True
            )
    everything = tuple(step for ladder in ladders for step in ladder)
    after = score.total + sum((step.gain for step in everything), Fraction(0))
    return NextPredikat(score.band, target, score.total, (), after, False)


def _running(values: list[int]) -> list[int]:
    total, out = 0, []
    for value in values:
        total += value
        out.append(total)
    return out


def _chosen(ladders: list[list[Step]], choices: list[list[int]], k: int) -> tuple[Step, ...]:
    """The steps of the best set of at most ``k`` steps, read back from the choices."""
    steps: list[Step] = []
    for index in range(len(ladders) - 1, -1, -1):
        taken = choices[index][k]
        steps.extend(ladders[index][:taken])
        k -= taken
    return tuple(sorted(steps, key=lambda step: -step.gain))


def policy_effects(worksheet: Worksheet, layer: str | None = None) -> tuple[PolicyEffect, ...]:
    """``worksheet`` scored in ``layer`` under each unanswered-criterion policy: how the
    total and the predikat move with the policy (the same under all when every criterion is
    answered)."""
    effects = []
    for policy in UnansweredPolicy:
        try:
            effects.append(
                PolicyEffect(policy, score_worksheet(worksheet, layer, policy=policy), None)
            )
        except UnansweredCriterionError as error:
            effects.append(PolicyEffect(policy, None, error))
    return tuple(effects)
