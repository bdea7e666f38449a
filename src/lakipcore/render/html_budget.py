"""The page's budget and derived-figure sections: Realisasi Anggaran (pagu awal, pagu,
realisasi, penyerapan, the RPD and realisasi against it, per unit and output, with the
absorption chart) and Nilai Turunan (NE, NKA, a growth, with the formula each was derived by). Every
figure is read from the scores; nothing is computed here.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from lakipcore._exact import total
from lakipcore.figures import format_number
from lakipcore.i18n import M_, N_
from lakipcore.methods.catalogue import get_formula
from lakipcore.model import (
    Budget,
    BudgetLine,
    PlannedBudget,
    PrintedFigure,
    Quantity,
    Report,
    TableKind,
)
from lakipcore.render.common import numbered_units
from lakipcore.render.marks import PROGRAMME, CellKey, Marks, derived_item, output_item
from lakipcore.render.sections import (
    BUDGET,
    DERIVED,
    NUMBER,
    UNIT,
    Formats,
    plain_percent,
    scrolling,
    text,
)
from lakipcore.render.svg import Bar, bar_chart
from lakipcore.results.scores import PeriodScore, ProgrammeScore, UnitScore
from lakipcore.rounding import places_of

__all__ = ["BudgetSections", "chart_units"]

_HUNDRED = Decimal(100)
_Q = Quantity
_BUDGET = (TableKind.BUDGET,)


def _as_printed(printed: tuple[PrintedFigure, ...]) -> tuple[int, bool]:
    """The places and the percent sign the printed copies of a figure show (2 places, no sign,
    when none can be read)."""
    figures = [f for p in printed if (f := p.parsed()) is not None]
    places = max((places_of(f.value) for f in figures), default=2)
    return places, any(f.percent for f in figures)


def chart_units(period: PeriodScore) -> tuple[UnitScore, ...]:
    """The units a per-unit chart shows: those directly under the office, or the office itself
    when it has none (a single UPT reporting on itself)."""
    return period.units or (period.root,)


class BudgetSections:
    """The sections of the page about money and derived figures (a part of the page)."""

    report: Report
    main: PeriodScore
    key: str
    fmt: Formats
    marks: Marks

    def cell(
        self, keys: Sequence[CellKey], kinds: Sequence[TableKind], shown: str, section: str
    ) -> str:
        """A table cell showing ``shown``, marked with the findings on its keys."""
        return self.marks.cell(keys, kinds, shown, section=section)

    def figure(self, svg: str, caption: str) -> str:
        """A chart with its caption."""
        return f'<figure class="chart">{svg}<figcaption>{text(caption)}</figcaption></figure>'

    # --- Realisasi Anggaran -----------------------------------------------------------------

    def budget(self) -> str:
        key, fmt, report = self.key, self.fmt, self.report
        section = fmt.words(BUDGET)
        root = self.main.root
        # The pagu awal and the RPD have columns only where a programme states them.
        programmes = [u.programme for u in root.walk() if u.programme is not None]
        originals = _has_column(programmes, report, key, "original")
        plans = _has_column(programmes, report, key, "plan")
        rows = []
        for number, depth, score in numbered_units(self.main):
            unit = report.unit(score.code)
            own = unit.budget(key)
            if number != "A" and own is None and score.absorption is None and not score.units:
                continue
            # The Pagu column is the stated pagu (the score's pagu is the pagu awal under a
            # method measuring absorption against it).
            amounts = [
                (_Q.PAGU, fmt.rupiah(_stated_pagu(score, own))),
                (_Q.REALISATION, fmt.rupiah(score.realisation)),
                (_Q.ABSORPTION, fmt.percent(score.absorption)),
            ]
            own_original, own_plan = _stated(score, own)
            if originals:
                amounts.insert(0, (_Q.PAGU_ORIGINAL, fmt.rupiah(own_original)))
            if plans:
                amounts.append((_Q.PLAN, fmt.rupiah(own_plan)))
                amounts.append((_Q.ABSORPTION_PLAN, fmt.percent(score.plan_absorption)))
            cells = "".join(
                self.cell(
                    [(score.code, None, key, q), (score.code, PROGRAMME, key, q)],
                    _BUDGET,
                    shown,
                    section,
                )
                for q, shown in amounts
            )
            office = ' class="office"' if number == "A" else ' class="programme-row"'
            name = text(score.name)
            if isinstance(own, BudgetLine | PlannedBudget):
                name += f'<span class="programme">{text(own.programme)}</span>'
            rows.append(
                f'<tr{office} data-unit="{text(score.code)}"><td>{number}</td>'
                f'<th scope="row" class="depth-{min(depth, 3)}">{name}</th>{cells}</tr>'
            )
            for index, output in enumerate(score.outputs):
                item = (score.code, output_item(index), key)
                outputs = (
                    (_Q.PAGU, fmt.rupiah(output.pagu)),
                    (_Q.REALISATION, fmt.rupiah(output.realisation)),
                    (_Q.ABSORPTION, fmt.percent(output.absorption)),
                )
                label = text(
                    output.name if output.code is None else f"{output.code}. {output.name}"
                )
                # An output has neither pagu awal nor RPD: those are the programme's.
                rows.append(
                    f'<tr class="output"><td></td><th scope="row" class="depth-{min(depth, 3) + 1}"'
                    f">{label}</th>"
                    + ("<td></td>" if originals else "")
                    + "".join(self.cell([(*item, q)], _BUDGET, s, section) for q, s in outputs)
                    + ("<td></td><td></td>" if plans else "")
                    + "</tr>"
                )
        if self.main.absorption is None and all(u.absorption is None for u in root.walk()):
            none = fmt.words(N_("This report has no budget for this period (not available)."))
            body = f"<p>{text(none)}</p>"
        else:
            names = [NUMBER, N_("Unit / output")]
            if originals:
                names.append(N_("Original pagu (Rp)"))
            names += [N_("Pagu (Rp)"), N_("Realisation (Rp)"), N_("Absorption")]
            head = "".join(f"<th>{text(fmt.words(name))}</th>" for name in names)
            if plans:
                plan = text(fmt.words(N_("Disbursement plan")))
                against = text(fmt.words(N_("Realisation against RPD")))
                head += f'<th><abbr title="{plan}">RPD</abbr> (Rp)</th><th>{against}</th>'
            caption = M_("Budget realisation {period}", period=self.main.period.label)
            caption_text = caption.render(fmt.lang)
            body = scrolling(
                f'<table class="budget"><caption>{text(caption_text)}</caption>'
                f"<thead><tr>{head}</tr></thead><tbody>" + "".join(rows) + "</tbody></table>",
                caption_text,
            )
            if plans:
                note = fmt.words(
                    N_(
                        "RPD: the disbursement plan up to the end of the period; realisation "
                        "against RPD = realisation / RPD × 100%."
                    )
                )
                body += f'<p class="note">{text(note)}</p>'
            body += self.absorption_chart(plans)
        return f'<section id="anggaran"><h2>{text(section)}</h2>{body}</section>'

    # --- Nilai turunan: the figures the report computes with a named formula --------------

    def derived(self) -> str:
        """The derived figures of the main period (NE, NKA, a growth): each as the scores
        derived it, the printed value marked where it is wrong; empty when the report has none."""
        fmt = self.fmt
        section = fmt.words(DERIVED)
        rows = []
        for unit in self.report.units():
            block = unit.at(self.key)
            if block is None or not block.derived:
                continue
            scores = self.main.unit(unit.code).derived
            for figure, derived in zip(block.derived, scores, strict=True):
                value = derived.value
                places, percent = _as_printed(figure.printed)
                if value is None:
                    shown = f'<span class="na" title="{text(derived.error or "")}">–</span>'
                else:
                    # As the report prints it: a growth "44,44%", an NKA "87,93".
                    number = format_number(value, places, self.fmt.rounding)
                    shown = text(number + ("%" if percent else ""))
                entry = get_formula(figure.formula)
                key = (unit.code, derived_item(figure.key), self.key, _Q.VALUE)
                rows.append(
                    f'<tr data-unit="{text(unit.code)}" data-derived="{text(figure.key)}">'
                    f'<th scope="row">{text(unit.name)}</th><td>{text(figure.key)}</td>'
                    f"<td><code>{text(figure.formula)}</code>: {text(entry.meaning)}</td>"
                    + self.cell([key], tuple(TableKind), shown, section)
                    + "</tr>"
                )
        if not rows:
            return ""
        about = M_(
            "Figures the report computes with a named formula (lakipcore's formula catalogue), "
            "recomputed from the printed inputs, {period}.",
            period=self.main.period.label,
        ).render(fmt.lang)
        head = "".join(
            f"<th>{text(fmt.words(name))}</th>"
            for name in (UNIT, N_("Figure"), N_("Formula"), N_("Recomputed"))
        )
        return (
            f'<section id="turunan"><h2>{text(section)}</h2><p>{text(about)}</p>'
            + scrolling(
                f'<table class="derived"><thead><tr>{head}</tr></thead><tbody>'
                + "".join(rows)
                + "</tbody></table>",
                section,
            )
            + "</section>"
        )

    def absorption_chart(self, plans: bool) -> str:
        """Absorption per unit; with an RPD, realisasi against the RPD beside each bar."""
        fmt, period = self.fmt, self.main
        units = chart_units(period)
        lang = fmt.lang
        title = M_("Budget absorption by unit, {period}", period=period.period.label).render(lang)
        if not plans:
            bars = [
                Bar(u.code, u.name, u.absorption, plain_percent(fmt, u.absorption)) for u in units
            ]
            chart = bar_chart(
                "grafik-serapan-unit",
                "absorption",
                title,
                bars,
                reference=_HUNDRED,
                reference_text="100%",
            )
            caption = N_("Budget absorption (realisation against the pagu) by unit.")
            return self.figure(chart, fmt.words(caption))
        against_pagu: list[Bar] = []
        against_plan: list[Bar] = []
        for unit in units:
            rate = unit.plan_absorption
            for values, item_key, value in (
                (against_pagu, unit.code, unit.absorption),
                (against_plan, f"{unit.code}:{_Q.PLAN.value}", rate),
            ):
                values.append(Bar(item_key, unit.name, value, plain_percent(fmt, value)))
        chart = bar_chart(
            "grafik-serapan-unit",
            "absorption",
            title,
            against_pagu,
            reference=_HUNDRED,
            reference_text="100%",
            paired=against_plan,
            legend=(
                fmt.words(N_("Realisation against pagu")),
                fmt.words(N_("Realisation against RPD")),
            ),
        )
        caption = N_(
            "Budget absorption by unit: realisation against the pagu (upper bar) and against "
            "the disbursement plan, RPD (lower bar)."
        )
        return self.figure(chart, fmt.words(caption))


def _outputs_sum(budget: Budget | None, field: str) -> Decimal | None:
    """Σ of the outputs' pagu awal (``field`` ``original``) or RPD (``plan``) of a programme
    that states none of its own, when every output states it; else ``None``."""
    if not isinstance(budget, BudgetLine | PlannedBudget) or getattr(budget, field) is not None:
        return None
    values: list[Decimal | None] = [getattr(o, field) for o in budget.outputs]
    known = [v for v in values if v is not None]
    return total(known) if len(known) == len(values) else None


def _has_column(programmes: list[ProgrammeScore], report: Report, key: str, field: str) -> bool:
    """Whether a programme states its pagu awal (``field`` ``original``) or RPD (``plan``), or
    every output of one does: the budget table then has the column."""
    if any(getattr(p, field) is not None for p in programmes):
        return True
    return any(_outputs_sum(u.budget(key), field) is not None for u in report.units())


def _stated_pagu(score: UnitScore, own: Budget | None) -> Decimal | None:
    """The Pagu column: the stated pagu (the score's pagu is the pagu awal under a method
    measuring absorption against it); a programme planned only has one, and no absorption."""
    if score.stated_pagu is None and isinstance(own, PlannedBudget) and not score.units:
        return own.pagu
    return score.stated_pagu


def _stated(score: UnitScore, own: Budget | None) -> tuple[Decimal | None, Decimal | None]:
    """The row's pagu awal and RPD: the scored ones, or, for a unit without sub-units whose
    programme states none, the sums over its outputs (the audit compares the same)."""
    original, plan = score.original, score.plan
    if not score.units:
        original = _outputs_sum(own, "original") if original is None else original
        plan = _outputs_sum(own, "plan") if plan is None else plan
    return original, plan
