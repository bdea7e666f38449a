"""An evaluation as one self-contained HTML page: the predikat, the bars, the gap, the audit.

:func:`evaluation_page` reads an :class:`~lakipcore.lke.Evaluation` and computes nothing of
its own, as :mod:`lakipcore.lke.render` does: every figure comes from the evaluation, exact,
and is rounded once, when it is shown (``places`` and ``rounding``), in the Indonesian style
in every language. The page needs nothing but itself: the CSS is inline (the report page's
``report.css`` and a few rules of its own), the bars are CSS, there is no script and no link
to load. Its words come from the message catalogues, in Indonesian by default, in English
with ``lang="en"``.

It shows, in order: the unit, the year, the design and the layer shown; the predikat and the
total, marked as a simulation (*nilai usulan*), never the official result; a bar per component
and sub-component (points of weight); what it takes to reach the next predikat (the target
band, the points short, the fewest steps per criterion); the single steps that gain most; the
total under each unanswered-criterion policy; how the layers differ; the printed figures of
an LHE beside their recomputation; every criterion's answers; the audit's findings; and the
design, its source and what of it is unverified.

A criterion (or printed figure) with a finding is marked where it is shown: its row has the
class ``flagged``, the numbers of its findings (``data-findings``) and links to them
(``#temuan-3``); each finding links back to the rows it marks (``#kriteria-1.a.2``). The page
scrolls sideways on no screen (wide tables scroll in their own box) and prints on numbered
A4 pages.
"""

from __future__ import annotations

from lakipcore.errors import LakipTypeError
from lakipcore.i18n import M_, N_, language
from lakipcore.lke.evaluation import Evaluation
from lakipcore.lke.page.steps import Steps
from lakipcore.lke.page.summary import Summary
from lakipcore.lke.page.tables import Tables
from lakipcore.lke.page.words import css, e
from lakipcore.lke.render import SIMULATION_LABEL
from lakipcore.render.marks import said
from lakipcore.results.findings import file_name
from lakipcore.rounding import Rounding

__all__ = ["evaluation_page"]


class _Page(Summary, Steps, Tables):
    """The whole page: its sections in order, the footer, the document."""

    def page(self) -> str:
        evaluation, worksheet = self.evaluation, self.worksheet
        score = evaluation.score
        body = []
        if score is not None:
            body += [self.scores(score), self.next(score), self.best()]
        if evaluation.effects:
            body.append(self.policies())
        if evaluation.comparisons:
            body.append(self.layers())
        if worksheet.printed is not None:
            body.append(self.printed())
        if any(r.answers for r in worksheet.responses.values()):
            body.append(self.criteria())
        # The audit last of the sections that mark rows: every row is known by then.
        body += [self.audit(), self.design_section()]
        title = worksheet.name or worksheet.unit
        if worksheet.year is not None:
            title += f" {worksheet.year}"
        title += f" – {self.design.title}"
        source = file_name(worksheet.source) or worksheet.unit
        made = said(
            N_(
                "Source: {source}. Made with lakipcore; every score is computed exactly from the "
                "answers of the worksheet and the weights of the design."
            ),
            self.lang,
            source=e(source),
        )
        computed = score is not None or any(e.score is not None for e in evaluation.effects)
        label = self.t(SIMULATION_LABEL) if computed else ""
        footer = f"<footer><p>{made}</p>" + (f"<p>{label}</p>" if label else "") + "</footer>"
        return (
            f'<!DOCTYPE html>\n<html lang="{self.lang}"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{e(title)}</title><style>{css(self.lang)}</style></head><body>"
            f"{self.header()}<main>{''.join(body)}</main>{footer}</body></html>\n"
        )


def evaluation_page(
    evaluation: Evaluation,
    *,
    places: int = 2,
    rounding: Rounding = Rounding.HALF_UP,
    lang: str | None = None,
) -> str:
    """``evaluation`` as one self-contained HTML page (module docs): figures rounded to
    ``places`` with ``rounding`` when shown, words in ``lang`` (Indonesian by default).

    >>> from lakipcore import lke
    >>> page = evaluation_page(lke.evaluate(lke.example_worksheet()), lang="en")
    >>> "74,73" in page and "<script" not in page
    True
    """
    if not isinstance(evaluation, Evaluation):
        raise LakipTypeError(
            M_(
                "{output} reads an Evaluation, got {type}; make one with lakipcore.lke.evaluate("
                "worksheet)",
                output="evaluation_page",
                type=type(evaluation).__name__,
            ),
            field="evaluation",
        )
    return _Page(evaluation, places, rounding, language(lang)).page()
