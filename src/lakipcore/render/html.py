"""The report as one self-contained HTML page: tables, inline SVG charts, the audit, the method.

The page needs nothing but itself: the CSS is inline, the charts are inline SVG, there is no
script and no link to load. Its words are in Indonesian, or in English on request (``lang``,
``LAKIP_LANG``, a :func:`~lakipcore.i18n.speaking` block), from the message catalogues: the
headings are those a LAKIP prints (Dashboard Performance, Pengukuran Kinerja, Realisasi
Anggaran, Hasil Audit), in English "Performance dashboard", "Performance measurement", "Budget
realisation", "Audit results". Every figure is written with lakipcore's own formatting
(``116,13%``, ``Rp 20.142.047.000``) in every language, rounded once, at output. A figure that
the data cannot give is shown as ``–`` (tidak tersedia, not available). Printed figures that
the audit finds wrong are marked in the tables beside the recomputed value
(:mod:`lakipcore.render.marks`); a notation slip (the right value in the other notation) is
shown and counted apart. The charts of one section's units share one axis. The page scrolls
sideways on no screen (wide tables scroll in their own box) and prints on numbered A4 pages
(report.css; "Halaman 3 dari 12", in English "Page 3 of 12").
"""

from __future__ import annotations

import itertools
from decimal import Decimal

from lakipcore.i18n import M_, N_, Language, language, translate
from lakipcore.model import (
    Indicator,
    Quantity,
    Report,
    TableKind,
    Unit,
)
from lakipcore.render.cells import (
    changes_of,
    entries,
    indicator_score,
    realisation_text,
    target_text,
)
from lakipcore.render.common import assessment_of, grades_capaian, numbered_units
from lakipcore.render.common import measure_text as plain_measure_text
from lakipcore.render.html_budget import BudgetSections, chart_units
from lakipcore.render.marks import Marks, said
from lakipcore.render.method import method_section
from lakipcore.render.page_style import page_css
from lakipcore.render.sections import (
    ABSORPTION,
    ACHIEVEMENT,
    AUDIT,
    BUDGET,
    DASHBOARD,
    DERIVED,
    MEASUREMENT,
    METHOD,
    NUMBER,
    PERFORMANCE,
    PERIODS,
    UNIT,
    Formats,
    audit_section,
    counted,
    periods_section,
    plain_percent,
    scrolling,
    short_label,
    text,
)
from lakipcore.render.svg import Axis, Bar, bar_chart
from lakipcore.results.assessment import Assessment
from lakipcore.results.scores import (
    IndicatorScore,
    PeriodChange,
    PeriodScore,
    ReportScore,
)
from lakipcore.rounding import Rounding

__all__ = ["render_html"]

_Q = Quantity
_DASHBOARD = (TableKind.DASHBOARD,)
_INDICATORS = (TableKind.INDICATORS, TableKind.CHANGES)
# A figure of the indicator tables that the report's YoY tables print too (the unit's mean).
_CHANGES_FIRST = (TableKind.CHANGES, TableKind.INDICATORS)
CHANGE_POINTS = N_("Change (points)")
_HUNDRED = Decimal(100)


class _Page(BudgetSections):
    def __init__(self, report: Report, scored: ReportScore, marks: Marks, fmt: Formats) -> None:
        self.report, self.scored, self.marks, self.fmt = report, scored, marks, fmt
        self.main = scored.current
        self.key = self.main.key

    # --- Dashboard Performance ------------------------------------------------------------

    def dashboard(self) -> str:
        fmt = self.fmt
        section = fmt.words(DASHBOARD)
        period = self.main
        rows = []
        for number, depth, unit in numbered_units(period):
            keys = [(unit.code, None, self.key, q) for q in (_Q.ACHIEVEMENT, _Q.ABSORPTION)]
            keys.append((unit.code, None, self.key, _Q.PERFORMANCE))
            values = (unit.achievement, unit.absorption, unit.performance)
            cells = "".join(
                self.cell([key], _DASHBOARD, self.fmt.percent(value), section)
                for key, value in zip(keys, values, strict=True)
            )
            office = ' class="office"' if number == "A" else ""
            rows.append(
                f'<tr{office} data-unit="{text(unit.code)}"><td>{number}</td>'
                f'<th scope="row" class="depth-{min(depth, 3)}">{text(unit.name)}</th>{cells}</tr>'
            )
        caption = M_("Performance dashboard {period}", period=period.period.label)
        caption_text = caption.render(fmt.lang)
        head = "".join(
            f"<th>{text(fmt.words(name))}</th>"
            for name in (NUMBER, UNIT, ACHIEVEMENT, ABSORPTION, PERFORMANCE)
        )
        table = (
            f'<table class="dashboard"><caption>{text(caption_text)}</caption>'
            f"<thead><tr>{head}</tr></thead><tbody>" + "".join(rows) + "</tbody></table>"
        )
        table = scrolling(table, caption_text)
        units = chart_units(period)
        bars = [
            Bar(u.code, u.name, u.achievement, plain_percent(self.fmt, u.achievement))
            for u in units
        ]
        title = M_(
            "Performance indicator achievement by unit, {period}", period=period.period.label
        )
        chart = self.figure(
            bar_chart(
                "grafik-capaian-unit",
                "achievement",
                title.render(fmt.lang),
                bars,
                reference=_HUNDRED,
                reference_text="100%",
            ),
            fmt.words(N_("Performance indicator achievement by unit; dashed line: 100%.")),
        )
        return f'<section id="dashboard"><h2>{text(section)}</h2>{table}{chart}</section>'

    # --- Pengukuran Kinerja -----------------------------------------------------------------

    def measurement(self) -> str:
        fmt = self.fmt
        section = fmt.words(MEASUREMENT)
        change = self.scored.change_to(self.key)
        shown = []
        for unit in self.report.units():
            indicators = [i for i in unit.indicators if i.at(self.key) is not None]
            if indicators and self.main.has_unit(unit.code):
                shown.append((unit, indicators))
        # One axis for the charts of every unit, from every capaian they draw and the 100 %
        # line, so that the units compare by eye (a unit alone keeps its own).
        drawn: list[list[Decimal]] = []
        for unit, indicators in shown:
            score = self.main.unit(unit.code)
            scores = [indicator_score(score, indicator.code) for indicator in indicators]
            values = [s.capaian for s in scores if s is not None and s.capaian is not None]
            if values:
                drawn.append(values)
        axis = Axis.over([_HUNDRED, *itertools.chain(*drawn)]) if len(drawn) > 1 else None
        parts = [
            self.indicator_table(unit, indicators, change, section, axis)
            for unit, indicators in shown
        ]
        if not parts:
            none = fmt.words(N_("This report has no performance indicators for this period."))
            parts.append(f"<p>{text(none)}</p>")
        about = M_(
            "Target, realisation and achievement of each performance indicator, {period}.",
            period=self.main.period.label,
        ).render(fmt.lang)
        return (
            f'<section id="pengukuran"><h2>{text(section)}</h2>'
            f"<p>{text(about)}</p>" + "".join(parts) + "</section>"
        )

    def indicator_table(
        self,
        unit: Unit,
        indicators: list[Indicator],
        change: PeriodChange | None,
        section: str,
        axis: Axis | None,
    ) -> str:
        key, fmt = self.key, self.fmt
        lang = fmt.lang
        score = self.main.unit(unit.code)
        earlier = None if change is None else self.scored.period(change.earlier)
        moved, moved_indicators = changes_of(change, unit.code, self.report.root.code)
        graded = grades_capaian(self.report)  # the scores then carry each grade
        planned = any(indicator.end_of_plan is not None for indicator in indicators)
        head = self._indicator_head(graded=graded, planned=planned, earlier=earlier)
        rows, bars = [], []
        for number, indicator in enumerate(indicators, 1):
            entry = indicator.at(key)
            if entry is None:  # pragma: no cover - the caller keeps only indicators of the period
                continue
            scored = indicator_score(score, indicator.code)
            capaian = None if scored is None else scored.capaian
            item = (unit.code, indicator.code)
            realised = realisation_text(entry, None if scored is None else scored.realisation, lang)
            cells = [
                self.cell(
                    [(*item, key, _Q.TARGET)], _INDICATORS, target_text(entry, lang), section
                ),
                self.cell([(*item, key, _Q.REALISATION)], _INDICATORS, realised, section),
                self.cell([(*item, key, _Q.CAPAIAN)], _INDICATORS, self.capaian(scored), section),
            ]
            if graded:
                shown = (None if scored is None else scored.grade) or "–"
                cells.append(self.cell([(*item, key, _Q.GRADE)], _INDICATORS, shown, section))
            if planned:
                cells += self._plan_cells(indicator, scored, item, section)
            if earlier is not None:
                past = moved_indicators.get(indicator.code)
                cells.append(
                    self.cell(
                        [(*item, earlier.key, _Q.CAPAIAN)],
                        _CHANGES_FIRST,
                        fmt.percent(None if past is None else past.earlier),
                        section,
                    )
                )
                cells.append(
                    self.cell(
                        [(*item, key, _Q.CAPAIAN_YOY)],
                        (TableKind.CHANGES,),
                        fmt.points(None if past is None else past.points),
                        section,
                    )
                )
            rows.append(
                f'<tr data-indicator="{text(indicator.code)}"><td>{number}</td>'
                f'<th scope="row">{text(indicator.name)}</th>{"".join(cells)}</tr>'
            )
            if capaian is not None:
                label = f"{number}. {indicator.name}"
                bars.append(Bar(indicator.code, label, capaian, fmt.percent(capaian)))
        mean = [
            self.cell(
                [(unit.code, None, key, _Q.ACHIEVEMENT)],
                _CHANGES_FIRST,
                fmt.percent(score.achievement),
                section,
            )
        ]
        if graded:
            mean.append("<td></td>")
        if earlier is not None:
            before = earlier.unit(unit.code) if earlier.has_unit(unit.code) else None
            mean.append(
                self.cell(
                    [(unit.code, None, earlier.key, _Q.ACHIEVEMENT)],
                    _CHANGES_FIRST,
                    fmt.percent(None if before is None else before.achievement),
                    section,
                )
            )
            mean.append(
                self.cell(
                    [(unit.code, None, key, _Q.ACHIEVEMENT_YOY)],
                    (TableKind.CHANGES,),
                    fmt.points(None if moved is None else moved.achievement),
                    section,
                )
            )
        mean_label = fmt.words(N_("Performance indicator achievement (mean)"))
        footer = (
            f'<tr class="mean"><td></td><th scope="row" colspan="3">{text(mean_label)}'
            f"</th>{''.join(mean)}</tr>"
        )
        caption = M_("Performance indicator realisation: {unit}", unit=unit.name).render(lang)
        table = (
            f'<table class="indicators" data-unit="{text(unit.code)}"><caption>'
            f"{text(caption)}</caption><thead><tr>{head}</tr></thead>"
            f"<tbody>{''.join(rows)}</tbody><tfoot>{footer}</tfoot></table>"
        )
        table = scrolling(table, caption)
        if any(
            entry.derivation is not None or entry.accumulate for entry in entries(indicators, key)
        ):
            derived = fmt.words(
                N_(
                    "Realisation computed from supporting data (or accumulated from shorter "
                    "periods), not stated directly."
                )
            )
            table += f'<p class="note">* {text(derived)}</p>'
        chart = self.indicator_chart(unit, bars, axis) if bars else ""
        return (
            f'<div class="unit" id="unit-{text(unit.code)}"><h3>{text(unit.name)}</h3>'
            f"{table}{chart}</div>"
        )

    def indicator_chart(self, unit: Unit, bars: list[Bar], axis: Axis | None) -> str:
        """The capaian of each indicator of ``unit``, on ``axis`` when the units share one."""
        lang = self.fmt.lang
        title = M_(
            "Performance indicator achievement of {unit}, {period}",
            unit=unit.name,
            period=self.main.period.label,
        )
        caption = (
            N_(
                "Achievement of each indicator of {unit}; dashed line: 100%; the same axis "
                "for every unit."
            )
            if axis is not None
            else N_("Achievement of each indicator of {unit}; dashed line: 100%.")
        )
        return self.figure(
            bar_chart(
                f"grafik-indikator-{unit.code}",
                "indicators",
                title.render(lang),
                bars,
                reference=_HUNDRED,
                reference_text="100%",
                axis=axis,
            ),
            M_(caption, unit=unit.name).render(lang),
        )

    def _indicator_head(self, *, graded: bool, planned: bool, earlier: PeriodScore | None) -> str:
        """The header cells of an indicator table: the grade column where the report grades
        capaian, the end-of-plan columns where an indicator has a target akhir."""
        fmt, lang = self.fmt, self.fmt.lang
        names = [NUMBER, N_("Performance indicator"), N_("Target"), N_("Realisation")]
        head = "".join(f"<th>{text(fmt.words(name))}</th>" for name in names)
        head += f"<th>{text(_capaian_of(short_label(self.main.period), lang))}</th>"
        if graded:
            grade = fmt.words(N_("Grade"))
            head += f"<th>{text(grade)}</th>"
        if planned:  # the target akhir Renstra / RPJMD and the capaian against it
            for name in (N_("End-of-plan target"), N_("Achievement against the end of plan")):
                head += f"<th>{text(fmt.words(name))}</th>"
        if earlier is not None:
            head += (
                f"<th>{text(_capaian_of(short_label(earlier.period), lang))}</th>"
                f"<th>{text(fmt.words(CHANGE_POINTS))}</th>"
            )
        return head

    def _plan_cells(
        self,
        indicator: Indicator,
        scored: IndicatorScore | None,
        item: tuple[str, str],
        section: str,
    ) -> list[str]:
        """The end-of-plan target and the capaian against it (flagged like any printed one)."""
        value = None if scored is None else scored.end_of_plan
        shown = self.fmt.na if value is None else self.fmt.percent(value)
        return [
            f'<td class="num">{text(_end_target(indicator))}</td>',
            self.cell([(*item, self.key, _Q.CAPAIAN_END_OF_PLAN)], _INDICATORS, shown, section),
        ]

    def capaian(self, scored: IndicatorScore | None) -> str:
        if scored is not None and scored.capaian is not None:
            return self.fmt.percent(scored.capaian)
        if scored is not None and scored.excluded:
            return f'<span class="na" title="{text(scored.excluded)}">–</span>'
        return self.fmt.na


def _end_target(indicator: Indicator) -> str:
    """The end-of-plan target as the report prints it, with its year: ``5,78% (2021)``."""
    end = indicator.end_of_plan
    return "–" if end is None else f"{plain_measure_text(end.target)} ({end.year})"


def _capaian_of(period: str, lang: Language) -> str:
    """The heading of a period's capaian column: ``Capaian 2019``."""
    return M_("Achievement {period}", period=period).render(lang)


def render_html(
    assessment: Assessment,
    *,
    places: int = 2,
    rounding: Rounding = Rounding.HALF_UP,
    lang: str | None = None,
) -> str:
    """The assessed report as one self-contained HTML page (a ``str``; write it with UTF-8).

    Percentages are rounded with ``rounding`` at ``places`` (default half-up, 2), once, when
    shown. The page holds the Dashboard Performance, the indicator tables (Pengukuran Kinerja),
    the budget (Realisasi Anggaran), the derived figures, the periods and their changes, the
    audit (Hasil Audit) with the wrong printed figures marked in the tables, and the method in
    words; charts are inline SVG. Everything is read from ``assessment``
    (:func:`lakipcore.assess`): the page scores and audits nothing itself.

    The page's words, the findings' messages and the printed pages' numbers are in ``lang``
    (``"id"`` or ``"en"``; by default that of an enclosing
    :func:`~lakipcore.i18n.speaking` block, else ``LAKIP_LANG``, else Indonesian), which
    ``<html lang>`` states; figures keep the report's notation in either language.
    """
    assessment = assessment_of(assessment, "render_html")
    chosen = language(lang)
    report, scored = assessment.report, assessment.scores
    findings = assessment.audit_findings("render_html")
    fmt = Formats(places, rounding, chosen)
    marks = Marks(report, findings, lang=chosen)
    page = _Page(report, scored, marks, fmt)
    # Tables first: the audit section names the cells its findings are marked in.
    derived = page.derived()
    body = [page.dashboard(), page.measurement(), page.budget(), derived]
    body.append(periods_section(report, scored, marks, fmt))
    body.append(audit_section(report, marks, fmt))
    body.append(method_section(report, scored, fmt))
    main = scored.current
    office = main.root
    summary = "".join(
        f'<div><dt>{text(fmt.words(label))}</dt><dd class="{cls}">{fmt.percent(value)}</dd></div>'
        for label, cls, value in (
            (N_("Performance indicator achievement"), "achievement", office.achievement),
            (ABSORPTION, "absorption", office.absorption),
            (PERFORMANCE, "performance", office.performance),
        )
    )
    # Wrong values; the notation slips (the right value in the other notation) apart.
    errors, slips = marks.wrong_values(), len(marks.slips)
    noted = ""
    if slips:
        said_slips = counted(
            slips, N_("{count} notation error"), N_("{count} notation errors"), chosen
        )
        noted = f' <a href="#kesalahan-notasi" class="slips">{text(said_slips)}</a>'
    said_errors = counted(errors, N_("{count} error"), N_("{count} errors"), chosen)
    title = report.title or report.office
    kicker = fmt.words(N_("Performance accountability report, recomputed and audited by lakipcore"))
    head = (
        f'<!DOCTYPE html>\n<html lang="{chosen}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{text(title)}</title><style>{page_css(chosen)}</style></head><body>"
        f'<header><p class="kicker">{text(kicker)}</p><h1>{text(title)}</h1>'
        f'<p class="office">{text(report.office)}, {text(main.period.label)}</p>'
        f'<dl class="summary" id="ringkasan">{summary}'
        f'<div><dt>{text(fmt.words(AUDIT))}</dt><dd class="errors{" none" if not errors else ""}">'
        f'<a href="#audit">{text(said_errors)}</a>{noted}</dd></div></dl>'
        + _contents(bool(derived), chosen)
        + "</header><main>"
    )
    source = assessment.source or report.source or translate(N_("the report"), chosen)
    made = said(
        N_(
            "Source: {source}. Made with lakipcore; every figure is recomputed from the "
            "targets, realisations, pagu and budget realisations in the report file."
        ),
        chosen,
        source=text(source),
    )
    footer = f"<footer><p>{made}</p></footer>"
    return marks.resolve(head + "".join(body) + "</main>" + footer + "</body></html>\n")


def _contents(derived: bool, lang: Language) -> str:
    items = (
        ("dashboard", DASHBOARD),
        ("pengukuran", MEASUREMENT),
        ("anggaran", BUDGET),
        *((("turunan", DERIVED),) if derived else ()),
        ("periode", PERIODS),
        ("audit", AUDIT),
        ("metode", METHOD),
    )
    links = "".join(
        f'<li><a href="#{anchor}">{text(translate(label, lang))}</a></li>'
        for anchor, label in items
    )
    label = text(translate(N_("Contents"), lang))
    return f'<nav aria-label="{label}"><ol>{links}</ol></nav>'
