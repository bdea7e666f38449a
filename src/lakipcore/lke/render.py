"""An evaluation as text (``lakip lke score``) and as JSON-ready data (docs/evaluation.md).

Both read an :class:`~lakipcore.lke.Evaluation` and compute nothing. Every number of the JSON
appears twice, as in the report's score document: ``exact`` (the unrounded value: a decimal
when it has a finite expansion, else a fraction ``"461/7"``) and ``shown`` (rounded with the
named mode, in the Indonesian style). Every computed predikat is labelled a simulation
(*nilai usulan*): ``"official": false`` in the JSON, a line of its own in the text.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from fractions import Fraction
from typing import Any

from lakipcore.figures import format_number
from lakipcore.i18n import N_, language, translate
from lakipcore.lke.audit import exact_text
from lakipcore.lke.evaluation import Evaluation
from lakipcore.lke.gap import Step
from lakipcore.lke.scoring import EvaluationScore, finite_decimal
from lakipcore.results.findings import findings_to_dict
from lakipcore.rounding import Rounding, round_fraction

__all__ = [
    "LKE_JSON_SCHEMA",
    "SIMULATION_LABEL",
    "evaluation_text",
    "evaluation_to_dict",
    "exact_string",
    "gap_text",
    "ranking_text",
    "ranking_to_dict",
]

LKE_JSON_SCHEMA = "lakipcore.lke-score/1"
"""The name of the evaluation document's layout (``lakip schema lke-score``)."""

SIMULATION_LABEL = N_(
    "Proposed score (simulation) computed by lakipcore: not the official evaluation result"
)
"""The words every output shows beside a computed predikat."""


# Words of the text outputs (marked here: a marker inside an f-string is not extracted).
_AUDIT = N_("Audit")
_DESIGN = N_("Design")
_FEWEST_STEPS_TO = N_("Fewest steps to")
_LAYER = N_("Layer")
_PREDIKAT = N_("Predikat")
_PRINTED = N_("Printed")
_SUM_OF_THE_PRINTED_COMPONENTS = N_("Sum of the printed components")
_TOTAL = N_("Total")
_UNANSWERED_COUNTED_AS_THE_POLICY_SAYS = N_("Unanswered, counted as the policy says")
_BAND_OF_THE_PRINTED_TOTAL = N_("band of the printed total")
_NOT_REACHABLE_WITH_THE_ANSWERS_ALLOWED = N_("not reachable with the answers allowed")
_NOT_SCORED = N_("not scored")
_STEPS = N_("steps")
_PRINTED_TOTAL = N_("the printed total: no answers are known")


def exact_string(value: Fraction) -> str:
    """An exact value for machines: ``"65.93"`` when its decimal expansion is finite, else
    the fraction ``"461/7"``."""
    finite = finite_decimal(value)
    return format(finite, "f") if finite is not None else f"{value.numerator}/{value.denominator}"


def _number(value: Fraction | None, places: int, rounding: Rounding) -> dict[str, str] | None:
    if value is None:
        return None
    return {
        "exact": exact_string(value),
        "shown": format_number(round_fraction(value, places, rounding)),
    }


def _step(step: Step, places: int, rounding: Rounding) -> dict[str, Any]:
    return {
        "criterion": step.criterion.id,
        "text": step.criterion.text,
        "from": step.before.code,
        "to": step.after.code,
        "gain": _number(step.gain, places, rounding),
    }


def _score(score: EvaluationScore, places: int, rounding: Rounding) -> dict[str, Any]:
    def number(value: Fraction | None) -> dict[str, str] | None:
        return _number(value, places, rounding)

    return {
        "layer": score.layer,
        "policy": score.policy.value,
        "total": number(score.total),
        "predikat": {"letter": score.band.letter, "label": score.band.label},
        "official": False,
        "unanswered": list(score.unanswered),
        "components": [
            {
                "id": c.component.id,
                "name": c.component.name,
                "weight": format(c.component.weight, "f"),
                "points": number(c.points),
                "parts": [
                    {
                        "id": p.part.id,
                        "name": p.part.name,
                        "weight": format(p.part.weight, "f"),
                        "points": number(p.points),
                        "criteria": [
                            {
                                "id": k.criterion.id,
                                "answer": None if k.answer is None else k.answer.code,
                                "weight": number(k.weight),
                                "points": number(k.points),
                            }
                            for k in p.criteria
                        ],
                    }
                    for p in c.parts
                ],
            }
            for c in score.components
        ],
    }


def evaluation_to_dict(
    evaluation: Evaluation,
    *,
    places: int = 2,
    rounding: Rounding = Rounding.HALF_UP,
    lang: str | None = None,
) -> dict[str, Any]:
    """``evaluation`` as JSON-ready data (schema ``lakipcore.lke-score/1``,
    ``schemas/lke-score.json``): the design, the unit, each layer's score (or why it has
    none), what it takes to reach the next predikat, the policies' effects, the layers'
    differences and the audit's findings, messages in ``lang``."""
    chosen = language(lang)
    worksheet = evaluation.worksheet
    design = worksheet.design

    def number(value: Fraction | None) -> dict[str, str] | None:
        return _number(value, places, rounding)

    layers: dict[str, Any] = {}
    for name, found in evaluation.scores.items():
        if isinstance(found, EvaluationScore):
            layers[name] = _score(found, places, rounding)
        else:
            layers[name] = {"error": found.message_in(chosen), "unanswered": list(found.criteria)}
    following = evaluation.next
    return {
        "schema": LKE_JSON_SCHEMA,
        "lang": chosen,
        "label": translate(SIMULATION_LABEL, chosen),
        "official": False,
        "rounding": {"places": places, "mode": rounding.value},
        "design": {
            "name": design.name,
            "title": design.title,
            "version": design.version,
            "source": design.source,
            "unverified": list(design.unverified),
            "grades": design.grades.name,
        },
        "unit": {"code": worksheet.unit, "name": worksheet.name, "year": worksheet.year},
        "source": worksheet.source,
        "layer": evaluation.layer,
        "layers": layers,
        "next": None
        if following is None
        else {
            "current": following.current.letter,
            "target": None if following.target is None else following.target.letter,
            "reachable": following.reachable,
            "total_after": number(following.total_after),
            "steps": [_step(s, places, rounding) for s in following.steps],
            "highest": evaluation.highest,
        },
        "best_steps": [_step(s, places, rounding) for s in evaluation.steps],
        "policies": [
            {
                "policy": effect.policy.value,
                "total": None if effect.score is None else number(effect.score.total),
                "predikat": None if effect.score is None else effect.score.predikat,
            }
            for effect in evaluation.effects
        ],
        "printed": None
        if worksheet.printed is None
        else {
            "layer": worksheet.printed.layer,
            "source": worksheet.printed.source,
            "total": None if worksheet.printed.total is None else worksheet.printed.total.text,
            "predikat": worksheet.printed.predikat,
            "components": {k: v.text for k, v in worksheet.printed.components.items()},
            "parts": {k: v.text for k, v in worksheet.printed.parts.items()},
            "sum_of_components": number(evaluation.printed_sum),
            "band_of_total": None
            if evaluation.printed_band is None
            else evaluation.printed_band.letter,
        },
        "differences": [
            {
                "from": c.first.layer,
                "to": c.second.layer,
                "total": number(c.total),
                "components": {key: number(value) for key, value in c.components.items()},
                "criteria": [
                    {
                        "id": d.criterion,
                        "from": None if d.first is None else d.first.code,
                        "to": None if d.second is None else d.second.code,
                        "points": number(d.points),
                    }
                    for d in c.criteria
                ],
            }
            for c in evaluation.comparisons
        ],
        "audit": findings_to_dict(evaluation.findings, source=worksheet.source, lang=chosen),
    }


class _Text:
    """The pieces of :func:`evaluation_text`, in one language and one rounding."""

    def __init__(self, evaluation: Evaluation, places: int, rounding: Rounding, lang: str) -> None:
        self.evaluation = evaluation
        self.places = places
        self.rounding = rounding
        self.lang = lang

    def t(self, msgid: str) -> str:
        return translate(msgid, self.lang)

    def shown(self, value: Fraction | None) -> str:
        if value is None:
            return "-"
        return format_number(round_fraction(value, self.places, self.rounding))

    def score(self) -> list[str]:
        t, shown, score = self.t, self.shown, self.evaluation.score
        if score is None:
            error = self.evaluation.error
            if error is not None:
                return [error.message_in(self.lang)]
            reason = self.evaluation.no_answers
            assert reason is not None  # neither a score nor an error: no answers
            return [reason.render(self.lang)]
        lines = [f"{t(_LAYER)}: {score.layer}", ""]
        for component in score.components:
            lines.append(
                f"{component.component.id:<6} {component.component.name:<48} "
                f"{shown(component.points):>7} / {format_number(component.component.weight)}"
            )
            lines.extend(
                f"  {part.part.id:<8} {part.part.name[:44]:<44} "
                f"{shown(part.points):>7} / {format_number(part.part.weight)}"
                for part in component.parts
            )
        label = f" ({score.band.label})" if score.band.label else ""
        lines += [
            "",
            f"{t(_TOTAL)}: {shown(score.total)}  {t(_PREDIKAT)}: {score.predikat}{label}",
            t(SIMULATION_LABEL),
        ]
        if score.unanswered:
            lines.append(
                f"{t(_UNANSWERED_COUNTED_AS_THE_POLICY_SAYS)} ({score.policy.value}): "
                + ", ".join(score.unanswered)
            )
        return lines

    def printed(self) -> list[str]:
        t, worksheet = self.t, self.evaluation.worksheet
        printed = worksheet.printed
        if printed is None:
            return []
        lines = ["", f"{t(_PRINTED)} ({printed.source or printed.layer}):"]
        if printed.total is not None:
            band = self.evaluation.printed_band
            line = f"  {t(_TOTAL)}: {printed.total.text}"
            if printed.predikat:
                line += f"  {t(_PREDIKAT)}: {printed.predikat}"
            if band is not None:
                line += f"  ({t(_BAND_OF_THE_PRINTED_TOTAL)}: {band.letter})"
            lines.append(line)
        if self.evaluation.printed_sum is not None:
            total = exact_text(self.evaluation.printed_sum)
            lines.append(f"  {t(_SUM_OF_THE_PRINTED_COMPONENTS)}: {total}")
        for key, figure in printed.components.items():
            component = worksheet.design.component(key)
            weight = format_number(component.weight)
            lines.append(f"  {key:<6} {component.name:<48} {figure.text:>7} / {weight}")
        return lines

    def next(self) -> list[str]:
        t, shown, following = self.t, self.shown, self.evaluation.next
        if following is None or following.target is None:
            return []
        if not following.reachable:
            return [
                "",
                f"{following.target.letter}: {t(_NOT_REACHABLE_WITH_THE_ANSWERS_ALLOWED)}",
            ]
        lines = [
            "",
            f"{t(_FEWEST_STEPS_TO)} {following.target.letter}: {len(following.steps)} "
            f"→ {shown(following.total_after)}",
        ]
        for first, last, gain, count in _grouped(following.steps):
            several = f"  ({count} {t(_STEPS)})" if count > 1 else ""
            lines.append(
                f"  {first.criterion.id:<10} {first.before.code:>3} → {last.after.code:<3} "
                f"+{shown(gain)}{several}"
            )
        return lines


def evaluation_text(
    evaluation: Evaluation,
    *,
    places: int = 2,
    rounding: Rounding = Rounding.HALF_UP,
    lang: str | None = None,
) -> str:
    """``evaluation`` as the text ``lakip lke score`` prints: a line per component and
    sub-component (points of weight), the total and predikat marked as a simulation, the
    printed figures, what it takes to reach the next predikat, and the counts of the audit."""
    text = _Text(evaluation, places, rounding, language(lang))
    worksheet = evaluation.worksheet
    head = f"{worksheet.name or worksheet.unit}"
    if worksheet.year is not None:
        head += f" {worksheet.year}"
    lines = [head, f"{text.t(_DESIGN)}: {worksheet.design.title}"]
    lines += text.score() + text.printed() + text.next()
    lines += ["", f"{text.t(_AUDIT)}: {evaluation.findings.counted(text.lang)}"]
    return "\n".join(lines)


def gap_text(
    evaluation: Evaluation,
    *,
    places: int = 2,
    rounding: Rounding = Rounding.HALF_UP,
    lang: str | None = None,
    best: int = 10,
) -> str:
    """What it takes, as ``lakip lke gap`` prints it: the ``best`` single steps that gain
    most, the fewest steps to the next predikat, and the total and predikat under each
    unanswered-criterion policy."""
    text = _Text(evaluation, places, rounding, language(lang))
    t, shown = text.t, text.shown
    worksheet = evaluation.worksheet
    lines = [f"{worksheet.name or worksheet.unit} ({evaluation.layer})"]
    score = evaluation.score
    if score is None:
        return "\n".join([*lines, *text.score()])
    lines.append(f"{t(_TOTAL)}: {shown(score.total)}  {t(_PREDIKAT)}: {score.predikat}")
    lines.append(t(SIMULATION_LABEL))
    lines += ["", t(N_("One step up that gains most:"))]
    lines.extend(
        f"  {step.criterion.id:<10} {step.before.code:>3} → {step.after.code:<3} "
        f"+{shown(step.gain)}  {step.criterion.text[:60]}"
        for step in evaluation.steps[:best]
    )
    lines += text.next()
    if evaluation.effects:
        lines += ["", t(N_("Under each unanswered-criterion policy:"))]
        for effect in evaluation.effects:
            if effect.score is None:
                lines.append(f"  {effect.policy.value:<12} {t(_NOT_SCORED)}")
            else:
                lines.append(
                    f"  {effect.policy.value:<12} {shown(effect.score.total):>7}  "
                    f"{effect.score.predikat}"
                )
    return "\n".join(lines)


def _grouped(steps: Iterable[Step]) -> list[tuple[Step, Step, Fraction, int]]:
    """Steps of one criterion taken together: its first and last step, their gain and
    number, criteria in the order of their first step."""
    groups: dict[str, list[Step]] = {}
    for step in steps:
        groups.setdefault(step.criterion.id, []).append(step)
    out = []
    for group in groups.values():
        ordered = sorted(group, key=lambda s: s.before.value)
        gain = sum((s.gain for s in ordered), Fraction(0))
        out.append((ordered[0], ordered[-1], gain, len(ordered)))
    return out


def _ranked(evaluation: Evaluation) -> tuple[Fraction | None, str | None, str | None]:
    """The total a ranking shows for ``evaluation``, its predikat, and whether it is computed
    from the answers or printed (a worksheet known only by its printed result)."""
    score = evaluation.score
    if score is not None:
        return score.total, score.predikat, "computed"
    printed = evaluation.worksheet.printed
    if printed is not None and printed.total is not None:
        band = evaluation.printed_band
        return Fraction(printed.total.value), None if band is None else band.letter, "printed"
    return None, None, None


def ranking_to_dict(
    evaluations: Iterable[Evaluation],
    *,
    places: int = 2,
    rounding: Rounding = Rounding.HALF_UP,
    lang: str | None = None,
) -> dict[str, Any]:
    """Several units' evaluations ranked (:func:`~lakipcore.lke.evaluate_many`'s order)."""
    chosen = language(lang)
    rows = []
    for rank, evaluation in enumerate(evaluations, 1):
        total, predikat, basis = _ranked(evaluation)
        rows.append(
            {
                "rank": rank if total is not None else None,
                "unit": evaluation.worksheet.unit,
                "name": evaluation.worksheet.name,
                "source": evaluation.worksheet.source,
                "layer": evaluation.layer,
                "basis": basis,
                "total": _number(total, places, rounding),
                "predikat": predikat,
                "findings": evaluation.findings.summary(),
            }
        )
    return {
        "schema": "lakipcore.lke-ranking/1",
        "lang": chosen,
        "label": translate(SIMULATION_LABEL, chosen),
        "official": False,
        "units": rows,
    }


def ranking_text(
    evaluations: Sequence[Evaluation],
    *,
    places: int = 2,
    rounding: Rounding = Rounding.HALF_UP,
    lang: str | None = None,
) -> str:
    """Several units' evaluations as a ranked table, one line each (a total only printed, not
    computed from answers, marked ``*``)."""
    chosen = language(lang)
    lines = []
    for rank, evaluation in enumerate(evaluations, 1):
        worksheet = evaluation.worksheet
        unit = worksheet.name or worksheet.unit
        if worksheet.year is not None:
            unit = f"{unit[:35]} {worksheet.year}"
        total, predikat, basis = _ranked(evaluation)
        if total is None:
            lines.append(f"{'-':>3}  {unit[:40]:<40} {'-':>7}  -")
            continue
        shown = format_number(round_fraction(total, places, rounding))
        mark = " *" if basis == "printed" else ""
        lines.append(f"{rank:>3}  {unit[:40]:<40} {shown:>7}  {predikat}{mark}")
    if any(_ranked(e)[2] == "printed" for e in evaluations):
        lines.append(f"* {translate(_PRINTED_TOTAL, chosen)}")
    lines.append(translate(SIMULATION_LABEL, chosen))
    return "\n".join(lines)
