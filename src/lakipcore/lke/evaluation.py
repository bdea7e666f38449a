"""One pass from a worksheet to one result, which every output reads.

:func:`evaluate` scores each layer of a worksheet once (under the design's policy, or the one
given), audits the worksheet once, works out what it takes to reach the next predikat and how
the predikat moves with the unanswered-criterion policy, and compares the layers. The text,
JSON, HTML, workbook and rows outputs (:mod:`lakipcore.lke.render`, :mod:`lakipcore.lke.page`,
:mod:`lakipcore.lke.workbook`) take the :class:`Evaluation` and compute nothing, as the report
outputs take an :class:`~lakipcore.Assessment`.
"""

from __future__ import annotations

import importlib
import itertools
from collections.abc import Iterable, Mapping
from fractions import Fraction
from types import MappingProxyType

import attrs

from lakipcore.errors import InvalidValueError, LakipTypeError, UnansweredCriterionError
from lakipcore.i18n import M_, Message
from lakipcore.lke.audit import audit_worksheet
from lakipcore.lke.design import UnansweredPolicy
from lakipcore.lke.gap import (
    NextPredikat,
    PolicyEffect,
    Step,
    check_highest,
    next_predikat,
    policy_effects,
)
from lakipcore.lke.gap import step_gains as _step_gains
from lakipcore.lke.scale import Answer
from lakipcore.lke.scoring import EvaluationScore, grade_exact, policy_of, score_worksheet
from lakipcore.lke.worksheet import Worksheet
from lakipcore.results.findings import Findings
from lakipcore.surveys.grades import Band

__all__ = [
    "CriterionDifference",
    "Evaluation",
    "LayerComparison",
    "compare_layers",
    "evaluate",
    "evaluate_many",
]


@attrs.frozen
class CriterionDifference:
    """One criterion answered differently in two layers, and the points of the total the
    difference is worth under the first layer's scoring (``second`` − ``first``)."""

    criterion: str
    first: Answer | None
    second: Answer | None
    points: Fraction | None


@attrs.frozen
class LayerComparison:
    """Two layers' scores side by side: the differences per criterion, sub-component,
    component and total (``second`` − ``first``)."""

    first: EvaluationScore
    second: EvaluationScore
    criteria: tuple[CriterionDifference, ...]
    parts: Mapping[str, Fraction | None]
    components: Mapping[str, Fraction | None]
    total: Fraction


def _difference(a: Fraction | None, b: Fraction | None) -> Fraction | None:
    return None if a is None or b is None else b - a


def compare_layers(first: EvaluationScore, second: EvaluationScore) -> LayerComparison:
    """How ``second`` (an evaluator's layer) differs from ``first`` (the self-assessment)."""
    criteria = []
    for a, b in zip(first.criteria, second.criteria, strict=True):
        if a.answer != b.answer:
            criteria.append(
                CriterionDifference(
                    a.criterion.id, a.answer, b.answer, _difference(a.points, b.points)
                )
            )
    parts = {
        a.part.id: _difference(a.points, b.points)
        for a, b in zip(first.parts, second.parts, strict=True)
    }
    components = {
        a.component.id: _difference(a.points, b.points)
        for a, b in zip(first.components, second.components, strict=True)
    }
    return LayerComparison(
        first,
        second,
        tuple(criteria),
        MappingProxyType(parts),
        MappingProxyType(components),
        second.total - first.total,
    )


@attrs.frozen(repr=False)
class Evaluation:
    """A worksheet evaluated once (module docs).

    ``scores`` holds each layer's score, or the :class:`~lakipcore.UnansweredCriterionError`
    saying why it has none; :attr:`score` is the layer shown first (``layer``: the last, most
    reviewed layer with answers, unless chosen). ``next`` and ``steps`` say what it takes to
    reach the next predikat from that score; ``effects`` how the predikat moves with the
    unanswered-criterion policy; ``comparisons`` how each later layer differs from the one
    before. Every computed predikat is a simulation (*nilai usulan*), never the official one.
    """

    worksheet: Worksheet
    layer: str
    policy: UnansweredPolicy
    scores: Mapping[str, EvaluationScore | UnansweredCriterionError]
    findings: Findings
    next: NextPredikat | None
    steps: tuple[Step, ...]
    effects: tuple[PolicyEffect, ...]
    comparisons: tuple[LayerComparison, ...]
    highest: str | None = None
    printed_sum: Fraction | None = None
    """The sum of the printed component scores, when every component's is printed."""
    printed_band: Band | None = None
    """The band of the design's grade table the printed total falls in."""

    def __repr__(self) -> str:
        score = self.score
        shown = "not scored" if score is None else f"{score.rounded(score.total)} {score.predikat}"
        return (
            f"<Evaluation {self.worksheet.unit} [{self.layer}]: {shown} (simulation), "
            f"{self.findings.counted('en')}>"
        )

    def _repr_html_(self) -> str:
        """The score per component, the total and the predikat as a simulation, for notebooks
        (:mod:`lakipcore.lke.notebook`, loaded by name: the result imports no output)."""
        text: str = importlib.import_module("lakipcore.lke.notebook").html(self)
        return text

    def _repr_markdown_(self) -> str:
        """The same in Markdown, for notebooks."""
        text: str = importlib.import_module("lakipcore.lke.notebook").markdown(self)
        return text

    @property
    def score(self) -> EvaluationScore | None:
        """The score of the layer shown first, or ``None`` when it cannot be scored."""
        found = self.scores.get(self.layer)
        return found if isinstance(found, EvaluationScore) else None

    @property
    def error(self) -> UnansweredCriterionError | None:
        """Why the layer shown first has no score, if it has none."""
        found = self.scores.get(self.layer)
        return found if isinstance(found, UnansweredCriterionError) else None

    @property
    def no_answers(self) -> Message | None:
        """Why the layer shown first has no score when no answer is the reason (``None``
        otherwise): the layer has none (naming the layers that have), or no layer has any."""
        if self.layer in self.scores:
            return None
        answered = _answered_layers(self.worksheet)
        if answered:
            return M_(
                "Layer {layer} has no answers; the layers with answers: {layers}.",
                layer=repr(self.layer),
                layers=", ".join(answered),
            )
        return M_("No layer has answers: only the printed figures are checked.")


def _answered_layers(worksheet: Worksheet) -> tuple[str, ...]:
    answered = {layer for r in worksheet.responses.values() for layer in r.answers}
    return tuple(layer for layer in worksheet.layers if layer in answered)


def evaluate(
    worksheet: Worksheet,
    *,
    layer: str | None = None,
    policy: UnansweredPolicy | str | None = None,
    highest: str | None = None,
) -> Evaluation:
    """Score, audit and analyse ``worksheet`` once (module docs). ``layer`` is the layer
    shown first, ``policy`` the unanswered-criterion policy (the design's unless given; a
    member or its name), ``highest`` the best answer the steps to the next predikat may use
    (an answer code of a scale of the design; anything else is an error naming it)."""
    if not isinstance(worksheet, Worksheet):
        raise LakipTypeError(
            M_("expected a Worksheet, got {type}", type=type(worksheet).__name__),
            field="worksheet",
        )
    chosen_policy = policy_of(worksheet.design, policy)
    highest = check_highest(worksheet.design, highest)
    answered = _answered_layers(worksheet)
    shown = worksheet.layer(layer) if layer is not None else (answered or worksheet.layers)[-1]
    scores: dict[str, EvaluationScore | UnansweredCriterionError] = {}
    for name in answered:
        try:
            scores[name] = score_worksheet(worksheet, name, policy=chosen_policy)
        except UnansweredCriterionError as error:
            scores[name] = error
    score = scores.get(shown)
    scored = [s for s in scores.values() if isinstance(s, EvaluationScore)]
    comparisons = tuple(compare_layers(a, b) for a, b in itertools.pairwise(scored))
    printed = worksheet.printed
    printed_sum = printed_band = None
    if printed is not None:
        if printed.components and len(printed.components) == len(worksheet.design.components):
            printed_sum = sum((Fraction(f.value) for f in printed.components.values()), Fraction(0))
        if printed.total is not None:
            try:
                printed_band = grade_exact(worksheet.design.grades, Fraction(printed.total.value))
            except InvalidValueError:
                # Off the table's scale (100,5; -1): no predikat; the audit says why.
                printed_band = None
    return Evaluation(
        worksheet,
        shown,
        chosen_policy,
        MappingProxyType(scores),
        audit_worksheet(worksheet, policy=chosen_policy, scores=scores),
        next_predikat(score, highest=highest) if isinstance(score, EvaluationScore) else None,
        _step_gains(score, highest=highest) if isinstance(score, EvaluationScore) else (),
        policy_effects(worksheet, shown) if shown in answered else (),
        comparisons,
        highest,
        printed_sum,
        printed_band,
    )


def evaluate_many(
    worksheets: Iterable[Worksheet],
    *,
    layer: str | None = None,
    policy: UnansweredPolicy | str | None = None,
    highest: str | None = None,
) -> tuple[Evaluation, ...]:
    """Evaluate several units' worksheets (an Inspektorat evaluating every UPT), ranked by
    their exact computed total, highest first; then the worksheets known only by a printed
    total (an LHE's, a Satu Data table's), by that total; last those with neither, in the
    order given."""
    done = [evaluate(w, layer=layer, policy=policy, highest=highest) for w in worksheets]

    def key(evaluation: Evaluation) -> tuple[int, Fraction]:
        score = evaluation.score
        if score is not None:
            return (0, -score.total)
        printed = evaluation.worksheet.printed
        if printed is not None and printed.total is not None:
            return (1, -Fraction(printed.total.value))
        return (2, Fraction(0))

    return tuple(sorted(done, key=key))
