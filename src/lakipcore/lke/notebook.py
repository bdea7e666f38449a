"""An evaluation in a notebook: the score per component and sub-component, the total and the
predikat as a simulation, in a compact HTML or Markdown table.

Written with the standard library, like the report's notebook tables
(:mod:`lakipcore.render.notebook`): every text is escaped, figures are rounded once, half-up at
two places, in lakipcore's number format; words are in ``lang`` (the language in force unless
given). :class:`~lakipcore.lke.Evaluation` loads this module by name when a notebook shows it.
"""

from __future__ import annotations

from fractions import Fraction

from lakipcore.figures import format_number
from lakipcore.i18n import M_, N_, Language, language, translate
from lakipcore.lke.evaluation import Evaluation
from lakipcore.lke.render import SIMULATION_LABEL
from lakipcore.render.notebook import _caption, _html, _html_table, _md_cell, _md_table
from lakipcore.rounding import round_fraction

__all__ = ["html", "markdown"]

_HEADINGS = (N_("Code"), N_("Component"), N_("Points"), N_("Weight"))
_TITLE = N_("{unit}: {design}, layer {layer}")
_RESULT = N_("Total {total}, predikat {predikat}; {findings}")
_NOT_SCORED = N_("Not scored: {reason}")


def _shown(value: Fraction | None) -> str:
    return "-" if value is None else format_number(round_fraction(value, 2))


def _parts(evaluation: Evaluation, lang: str | None) -> tuple[Language, str, list[list[str]], str]:
    chosen = language(lang)
    worksheet = evaluation.worksheet
    unit = worksheet.name or worksheet.unit
    if worksheet.year is not None:
        unit = f"{unit} {worksheet.year}"
    title = M_(_TITLE, unit=unit, design=worksheet.design.title, layer=evaluation.layer)
    score = evaluation.score
    rows: list[list[str]] = []
    if score is None:
        error = evaluation.error
        no_answers = evaluation.no_answers
        if error is not None:
            reason = error.message_in(chosen)
        else:
            assert no_answers is not None  # neither a score nor an error: no answers
            reason = no_answers.render(chosen)
        result = M_(_NOT_SCORED, reason=reason).render(chosen)
        return chosen, title.render(chosen), rows, result
    for component in score.components:
        rows.append(
            [
                component.component.id,
                component.component.name,
                _shown(component.points),
                format_number(component.component.weight),
            ]
        )
        rows.extend(
            [
                f"  {part.part.id}",
                f"  {part.part.name}",
                _shown(part.points),
                format_number(part.part.weight),
            ]
            for part in component.parts
        )
    result = M_(
        _RESULT,
        total=_shown(score.total),
        predikat=score.predikat,
        findings=evaluation.findings.counted(chosen),
    ).render(chosen)
    return chosen, title.render(chosen), rows, f"{result}. {translate(SIMULATION_LABEL, chosen)}"


def html(evaluation: Evaluation, *, lang: str | None = None) -> str:
    """``evaluation`` as HTML for a notebook (module docs)."""
    chosen, title, rows, result = _parts(evaluation, lang)
    header = [translate(h, chosen) for h in _HEADINGS]
    table = _html_table(header, rows, len(rows), chosen) if rows else ""
    return _html(title, table, _caption(result))


def markdown(evaluation: Evaluation, *, lang: str | None = None) -> str:
    """``evaluation`` as Markdown for a notebook (module docs)."""
    chosen, title, rows, result = _parts(evaluation, lang)
    header = [translate(h, chosen) for h in _HEADINGS]
    blocks = [f"**{_md_cell(title)}**"]
    if rows:
        blocks.append(_md_table(header, rows, len(rows), chosen))
    blocks.append(_md_cell(result))
    return "\n\n".join(blocks) + "\n"
