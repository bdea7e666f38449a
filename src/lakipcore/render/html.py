"""The report as one self-contained HTML page: tables, inline SVG charts, the audit, the method.

The page needs nothing but itself: the CSS is inline, the charts are inline SVG, there is no
script and no link to load. Headings are those a LAKIP prints (Dashboard Performance,
Pengukuran Kinerja, Realisasi Anggaran, Hasil Audit); every figure is written with lakipcore's
own formatting (``116,13%``, ``Rp 20.142.047.000``), rounded once, at output. A figure that
the data cannot give is shown as ``–`` (tidak tersedia). Printed figures that the audit finds
wrong are marked in the tables beside the recomputed value (:mod:`lakipcore.render.marks`); a
notation slip (the right value in the other notation) is shown and counted apart. The charts of
one section's units share one axis. The page scrolls sideways on no screen (wide tables scroll in
their own box) and prints on numbered A4 pages (report.css).
"""

from __future__ import annotations

import itertools
from decimal import Decimal
from importlib import resources

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
from lakipcore.render.html_budget import BudgetSections, chart_units
from lakipcore.render.marks import Marks
from lakipcore.render.method import method_section
from lakipcore.render.sections import (
    NA,
    Formats,
    audit_section,
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
    ReportScore,
)
from lakipcore.rounding import Rounding

__all__ = ["render_html"]

_Q = Quantity
_DASHBOARD = (TableKind.DASHBOARD,)
_INDICATORS = (TableKind.INDICATORS, TableKind.CHANGES)
# A figure of the indicator tables that the report's YoY tables print too (the unit's mean).
_CHANGES_FIRST = (TableKind.CHANGES, TableKind.INDICATORS)
_HUNDRED = Decimal(100)


def _css() -> str:
    return resources.files("lakipcore.render").joinpath("report.css").read_text(encoding="utf-8")


class _Page(BudgetSections):
    def __init__(self, report: Report, scored: ReportScore, marks: Marks, fmt: Formats) -> None:
        self.report, self.scored, self.marks, self.fmt = report, scored, marks, fmt
        self.main = scored.current
        self.key = self.main.key

    # --- Dashboard Performance ------------------------------------------------------------

    def dashboard(self) -> str:
        section = "Dashboard Performance"
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
        table = (
            f'<table class="dashboard"><caption>Dashboard Performance {text(period.period.label)}'
            "</caption><thead><tr><th>No</th><th>Unit Kerja</th><th>Indikator Kinerja</th>"
            "<th>Penyerapan Anggaran</th><th>Performance</th></tr></thead><tbody>"
            + "".join(rows)
            + "</tbody></table>"
        )
        table = scrolling(table, f"Dashboard Performance {period.period.label}")
        units = chart_units(period)
        bars = [
            Bar(u.code, u.name, u.achievement, plain_percent(self.fmt, u.achievement))
            for u in units
        ]
        chart = self.figure(
            bar_chart(
                "grafik-capaian-unit",
                "achievement",
                f"Capaian indikator kinerja per unit, {period.period.label}",
                bars,
                reference=_HUNDRED,
                reference_text="100%",
            ),
            "Capaian indikator kinerja per unit; garis putus-putus: 100%.",
        )
        return f'<section id="dashboard"><h2>Dashboard Performance</h2>{table}{chart}</section>'

    # --- Pengukuran Kinerja -----------------------------------------------------------------

    def measurement(self) -> str:
        section = "Pengukuran Kinerja"
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
            parts.append("<p>Laporan ini tidak memuat indikator kinerja untuk periode ini.</p>")
        return (
            '<section id="pengukuran"><h2>Pengukuran Kinerja</h2>'
            f"<p>Target, realisasi dan capaian setiap indikator kinerja, "
            f"{text(self.main.period.label)}.</p>" + "".join(parts) + "</section>"
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
        score = self.main.unit(unit.code)
        earlier = None if change is None else self.scored.period(change.earlier)
        moved, moved_indicators = changes_of(change, unit.code, self.report.root.code)
        graded = grades_capaian(self.report)  # the scores then carry each grade
        head = (
            "<th>No</th><th>Indikator Kinerja</th><th>Target</th><th>Realisasi</th>"
            f"<th>Capaian {text(short_label(self.main.period))}</th>"
        )
        if graded:
            head += "<th>Predikat</th>"
        if earlier is not None:
            head += f"<th>Capaian {text(short_label(earlier.period))}</th><th>Perubahan (poin)</th>"
        rows, bars = [], []
        for number, indicator in enumerate(indicators, 1):
            entry = indicator.at(key)
            if entry is None:  # pragma: no cover - the caller keeps only indicators of the period
                continue
            scored = indicator_score(score, indicator.code)
            capaian = None if scored is None else scored.capaian
            item = (unit.code, indicator.code)
            realised = realisation_text(entry, None if scored is None else scored.realisation)
            cells = [
                self.cell([(*item, key, _Q.TARGET)], _INDICATORS, target_text(entry), section),
                self.cell([(*item, key, _Q.REALISATION)], _INDICATORS, realised, section),
                self.cell([(*item, key, _Q.CAPAIAN)], _INDICATORS, self.capaian(scored), section),
            ]
            if graded:
                shown = (None if scored is None else scored.grade) or "–"
                cells.append(self.cell([(*item, key, _Q.GRADE)], _INDICATORS, shown, section))
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
        footer = (
            '<tr class="mean"><td></td><th scope="row" colspan="3">Capaian indikator kinerja '
            f"(rata-rata)</th>{''.join(mean)}</tr>"
        )
        table = (
            f'<table class="indicators" data-unit="{text(unit.code)}"><caption>Realisasi '
            f"Indikator Kinerja: {text(unit.name)}</caption><thead><tr>{head}</tr></thead>"
            f"<tbody>{''.join(rows)}</tbody><tfoot>{footer}</tfoot></table>"
        )
        table = scrolling(table, f"Realisasi Indikator Kinerja: {unit.name}")
        if any(
            entry.derivation is not None or entry.accumulate for entry in entries(indicators, key)
        ):
            table += (
                '<p class="note">* Realisasi dihitung dari data dukung (atau diakumulasi dari '
                "periode yang lebih pendek), tidak dinyatakan langsung.</p>"
            )
        chart = ""
        if bars:
            chart = self.figure(
                bar_chart(
                    f"grafik-indikator-{unit.code}",
                    "indicators",
                    f"Capaian indikator kinerja {unit.name}, {self.main.period.label}",
                    bars,
                    reference=_HUNDRED,
                    reference_text="100%",
                    axis=axis,
                ),
                f"Capaian tiap indikator {unit.name}; garis putus-putus: 100%"
                + ("; sumbu sama untuk semua unit." if axis is not None else "."),
            )
        return (
            f'<div class="unit" id="unit-{text(unit.code)}"><h3>{text(unit.name)}</h3>'
            f"{table}{chart}</div>"
        )

    def capaian(self, scored: IndicatorScore | None) -> str:
        if scored is not None and scored.capaian is not None:
            return self.fmt.percent(scored.capaian)
        if scored is not None and scored.excluded:
            return f'<span class="na" title="{text(scored.excluded)}">–</span>'
        return NA


def render_html(
    assessment: Assessment,
    *,
    places: int = 2,
    rounding: Rounding = Rounding.HALF_UP,
) -> str:
    """The assessed report as one self-contained HTML page (a ``str``; write it with UTF-8).

    Percentages are rounded with ``rounding`` at ``places`` (default half-up, 2), once, when
    shown. The page holds the Dashboard Performance, the indicator tables (Pengukuran Kinerja),
    the budget (Realisasi Anggaran), the derived figures, the periods and their changes, the
    audit (Hasil Audit) with the wrong printed figures marked in the tables, and the method in
    words; charts are inline SVG. Everything is read from ``assessment``
    (:func:`lakipcore.assess`): the page scores and audits nothing itself.
    """
    assessment = assessment_of(assessment, "render_html")
    report, scored = assessment.report, assessment.scores
    findings = assessment.audit_findings("render_html")
    fmt = Formats(places, rounding)
    marks = Marks(report, findings)
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
        f'<div><dt>{label}</dt><dd class="{cls}">{fmt.percent(value)}</dd></div>'
        for label, cls, value in (
            ("Capaian Indikator Kinerja", "achievement", office.achievement),
            ("Penyerapan Anggaran", "absorption", office.absorption),
            ("Performance", "performance", office.performance),
        )
    )
    # Wrong values; the notation slips (the right value in the other notation) apart.
    errors, slips = marks.wrong_values(), len(marks.slips)
    noted = (
        f' <a href="#kesalahan-notasi" class="slips">{slips} kesalahan notasi</a>' if slips else ""
    )
    title = report.title or report.office
    head = (
        '<!DOCTYPE html>\n<html lang="id"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{text(title)}</title><style>{_css()}</style></head><body>"
        f'<header><p class="kicker">Laporan Akuntabilitas Kinerja, dihitung ulang dan diaudit '
        f'oleh lakipcore</p><h1>{text(title)}</h1><p class="office">{text(report.office)}, '
        f'{text(main.period.label)}</p><dl class="summary" id="ringkasan">{summary}'
        f'<div><dt>Hasil Audit</dt><dd class="errors{" none" if not errors else ""}">'
        f'<a href="#audit">{errors} kesalahan</a>{noted}</dd></div></dl>'
        + _contents(bool(derived))
        + "</header><main>"
    )
    footer = (
        f"<footer><p>Sumber: {text(assessment.source or report.source or 'laporan')}. "
        "Dibuat dengan "
        "lakipcore; semua angka dihitung ulang dari target, realisasi, pagu dan realisasi "
        "anggaran dalam berkas laporan.</p></footer>"
    )
    return marks.resolve(head + "".join(body) + "</main>" + footer + "</body></html>\n")


def _contents(derived: bool) -> str:
    items = (
        ("dashboard", "Dashboard Performance"),
        ("pengukuran", "Pengukuran Kinerja"),
        ("anggaran", "Realisasi Anggaran"),
        *((("turunan", "Nilai Turunan"),) if derived else ()),
        ("periode", "Kinerja Antar Periode"),
        ("audit", "Hasil Audit"),
        ("metode", "Metode Perhitungan"),
    )
    links = "".join(f'<li><a href="#{anchor}">{label}</a></li>' for anchor, label in items)
    return f'<nav aria-label="Daftar isi"><ol>{links}</ol></nav>'
