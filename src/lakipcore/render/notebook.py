"""Notebook display: short reprs, and HTML and Markdown tables of reports, scores and findings.

Jupyter and IPython call ``_repr_html_`` / ``_repr_markdown_`` on the value of a cell; the
classes' methods call the functions here, imported only then. Everything is written with the
standard library (``html.escape``) and lakipcore's own number format, so showing a score in a
notebook never imports pandas, numpy or pyarrow. Styles are inline: notebook front ends
sanitise or share ``<style>`` elements, inline ``style`` attributes survive both.

>>> import lakipcore
>>> assessment = lakipcore.assess(lakipcore.load_example())
>>> assessment   # doctest: +ELLIPSIS
<Assessment 'Kantor Wilayah ... Banten' main 2019: performance 116,13%, 9 errors>
>>> assessment.scores
<ReportScore 2 periods, main 2019: performance 116,13%>
>>> "116,13%" in assessment._repr_html_()
True
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from decimal import Decimal
from html import escape

from lakipcore.figures import format_number, format_percent
from lakipcore.model import Report
from lakipcore.render.common import numbered_units
from lakipcore.results.assessment import Assessment
from lakipcore.results.findings import Finding, Findings, Severity
from lakipcore.results.scores import PeriodChange, PeriodScore, ReportScore, UnitScore
from lakipcore.rounding import round_to

__all__ = [
    "SEVERITY_COLOURS",
    "assessment_html",
    "assessment_markdown",
    "assessment_repr",
    "findings_html",
    "findings_markdown",
    "period_score_html",
    "period_score_markdown",
    "period_score_repr",
    "report_html",
    "report_markdown",
    "report_repr",
    "report_score_html",
    "report_score_markdown",
    "report_score_repr",
    "unit_score_html",
    "unit_score_markdown",
    "unit_score_repr",
]

SEVERITY_COLOURS: dict[Severity, tuple[str, str]] = {
    Severity.ERROR: ("#8b0000", "#fde8e8"),
    Severity.WARNING: ("#7a4b00", "#fff3d6"),
    Severity.INFO: ("#1f4e79", "#e8f1fb"),
}
"""(text colour, background) of a finding's row, by severity."""

_NA = "-"
_TABLE = "border-collapse:collapse;font-size:0.9em;margin:0.4em 0"
_CELL = "border:1px solid #ccc;padding:2px 6px"
_NUMERIC = _CELL + ";text-align:right;font-variant-numeric:tabular-nums"

Row = Sequence[str]


# --- figures -------------------------------------------------------------------------------


def _pct(value: Decimal | None) -> str:
    return _NA if value is None else format_percent(value)


def _value(value: Decimal | None) -> str:
    """A target or realisation value: at its own precision, or at 2 places when it has more
    (a derived realisation such as 90,9977…)."""
    if value is None:
        return _NA
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -2:
        return format_number(round_to(value, 2))
    return format_number(value)


# --- HTML and Markdown tables ------------------------------------------------------------------


def _html_table(
    header: Row, rows: Iterable[Row], *, left: int = 2, styles: Sequence[str] | None = None
) -> str:
    """A table whose first ``left`` columns are text and the others figures; ``styles`` adds a
    row style (a severity colour) per row. Every cell is escaped here."""
    head = "".join(f'<th style="{_CELL}">{escape(h)}</th>' for h in header)
    body = []
    for index, row in enumerate(rows):
        style = f' style="{styles[index]}"' if styles is not None else ""
        cells = "".join(
            f'<td style="{_CELL if i < left else _NUMERIC}">{escape(cell)}</td>'
            for i, cell in enumerate(row)
        )
        body.append(f"<tr{style}>{cells}</tr>")
    rows_html = "".join(body)
    return (
        f'<table style="{_TABLE}"><thead><tr>{head}</tr></thead><tbody>{rows_html}</tbody></table>'
    )


def _md_cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def _md_table(header: Row, rows: Iterable[Row], *, left: int = 2) -> str:
    align = ["---" if i < left else "---:" for i in range(len(header))]
    lines = [header, align, *rows]
    return "\n".join("| " + " | ".join(_md_cell(c) for c in line) + " |" for line in lines)


def _html(title: str, *parts: str) -> str:
    return f'<div class="lakipcore"><strong>{escape(title)}</strong>{"".join(parts)}</div>'


def _caption(text: str) -> str:
    return f'<div style="margin-top:0.6em">{escape(text)}</div>'


# --- scores ------------------------------------------------------------------------------------

_DASHBOARD = ("No", "Unit kerja", "Indikator kinerja", "Penyerapan anggaran", "Performance")


def _dashboard_rows(period: PeriodScore) -> list[Row]:
    """The office ("A") and every unit below it, indented by depth, in report order."""
    return [
        [
            number,
            "\u2003" * depth + unit.name,
            _pct(unit.achievement),
            _pct(unit.absorption),
            _pct(unit.performance),
        ]
        for number, depth, unit in numbered_units(period)
    ]


def _period_title(period: PeriodScore) -> str:
    return f"Dashboard Performance {period.period.label} (metode: {period.method.name})"


def _change_rows(scored: ReportScore, change: PeriodChange) -> list[Row]:
    earlier, later = scored.period(change.earlier), scored.period(change.later)
    rows: list[Row] = [
        [
            "A",
            later.root.name,
            _pct(earlier.performance),
            _pct(later.performance),
            _pct(change.office.performance),
        ]
    ]
    for number, unit in enumerate(change.units, 1):
        before = earlier.unit(unit.code).performance if earlier.has_unit(unit.code) else None
        now = later.unit(unit.code).performance if later.has_unit(unit.code) else None
        rows.append(
            [str(number), unit.name, _pct(before), _pct(now), _pct(unit.change.performance)]
        )
    return rows


def _change_header(scored: ReportScore, change: PeriodChange) -> tuple[str, Row]:
    earlier, later = scored.period(change.earlier), scored.period(change.later)
    title = (
        f"Performance {earlier.period.label} → {later.period.label} "
        f"(metode: {earlier.method.name} / {later.method.name}; perubahan dalam poin persentase)"
    )
    return title, ("No", "Unit kerja", earlier.key, later.key, "Perubahan")


def report_score_html(scored: ReportScore) -> str:
    """A scored report: the main period's Dashboard Performance and each change table."""
    current = scored.current
    parts = [_caption(_period_title(current)), _html_table(_DASHBOARD, _dashboard_rows(current))]
    for change in scored.changes:
        title, header = _change_header(scored, change)
        parts += [_caption(title), _html_table(header, _change_rows(scored, change))]
    return _html(f"{current.root.name}: {_periods(scored)}", *parts)


def report_score_markdown(scored: ReportScore) -> str:
    """:func:`report_score_html` as Markdown."""
    current = scored.current
    parts = [
        f"**{current.root.name}: {_periods(scored)}**",
        "",
        _period_title(current),
        "",
        _md_table(_DASHBOARD, _dashboard_rows(current)),
    ]
    for change in scored.changes:
        title, header = _change_header(scored, change)
        parts += ["", title, "", _md_table(header, _change_rows(scored, change))]
    return "\n".join(parts) + "\n"


def _periods(scored: ReportScore) -> str:
    return ", ".join(p.key for p in scored.periods) + f" (utama {scored.current.key})"


def period_score_html(period: PeriodScore) -> str:
    """One period's Dashboard Performance."""
    return _html(_period_title(period), _html_table(_DASHBOARD, _dashboard_rows(period)))


def period_score_markdown(period: PeriodScore) -> str:
    """:func:`period_score_html` as Markdown."""
    table = _md_table(_DASHBOARD, _dashboard_rows(period))
    return f"**{_period_title(period)}**\n\n{table}\n"


_INDICATORS = ("Kode", "Indikator kinerja", "Target", "Realisasi", "Capaian")
_UNIT = ("Unit kerja", "Indikator kinerja", "Penyerapan anggaran", "Performance")


def _unit_parts(unit: UnitScore) -> tuple[str, Row, list[Row], list[Row]]:
    title = f"{unit.name} ({unit.code}), {unit.period}"
    summary: Row = [
        unit.name,
        _pct(unit.achievement),
        _pct(unit.absorption),
        _pct(unit.performance),
    ]
    indicators: list[Row] = []
    for item in unit.indicators:
        target = _value(item.target)
        if item.target is None and item.excluded == "not targeted":
            target = "Tidak ditargetkan"
        # An indicator that does not count says why in the capaian column.
        capaian = _pct(item.capaian) if item.capaian is not None else (item.excluded or _NA)
        indicators.append([item.code, item.name, target, _value(item.realisation), capaian])
    subunits: list[Row] = [
        [u.name, _pct(u.achievement), _pct(u.absorption), _pct(u.performance)] for u in unit.units
    ]
    return title, summary, indicators, subunits


def unit_score_html(unit: UnitScore) -> str:
    """A unit's scores, its indicators' target, realisasi and capaian, and its sub-units."""
    title, summary, indicators, subunits = _unit_parts(unit)
    parts = [_html_table(_UNIT, [summary], left=1)]
    if indicators:
        parts += [_caption("Realisasi Indikator Kinerja"), _html_table(_INDICATORS, indicators)]
    if subunits:
        parts += [_caption("Sub-unit"), _html_table(_UNIT, subunits, left=1)]
    if unit.gaps:
        parts.append(_caption("Tidak tersedia: " + "; ".join(unit.gaps)))
    return _html(title, *parts)


def unit_score_markdown(unit: UnitScore) -> str:
    """:func:`unit_score_html` as Markdown."""
    title, summary, indicators, subunits = _unit_parts(unit)
    parts = [f"**{title}**", "", _md_table(_UNIT, [summary], left=1)]
    if indicators:
        parts += ["", "Realisasi Indikator Kinerja", "", _md_table(_INDICATORS, indicators)]
    if subunits:
        parts += ["", "Sub-unit", "", _md_table(_UNIT, subunits, left=1)]
    if unit.gaps:
        parts += ["", "Tidak tersedia: " + "; ".join(unit.gaps)]
    return "\n".join(parts) + "\n"


# --- the report --------------------------------------------------------------------------------

_UNITS = ("Kode", "Unit kerja", "Periode", "Indikator")


def _report_parts(report: Report) -> tuple[str, list[Row], list[Row]]:
    periods: list[Row] = [
        [p.key, p.label, p.method or _NA, "ya" if p.planned else ""] for p in report.periods
    ]
    units: list[Row] = []
    stack = [(report.root, 0)]
    while stack:
        unit, depth = stack.pop()
        taking = ", ".join(p.key for p in report.periods if unit.takes_part(p.key))
        name = "\u2003" * max(depth - 1, 0) + unit.name
        units.append([unit.code, name, taking, str(len(unit.indicators))])
        stack.extend((child, depth + 1) for child in reversed(unit.units))
    return report.title or report.office, periods, units


_PERIODS = ("Kunci", "Periode", "Metode", "Rencana")


def report_html(report: Report) -> str:
    """A report's periods (with their methods) and its tree of units; nothing is scored."""
    title, periods, units = _report_parts(report)
    return _html(
        title,
        _html_table(_PERIODS, periods, left=4),
        _html_table(_UNITS, units, left=3),
    )


def report_markdown(report: Report) -> str:
    """:func:`report_html` as Markdown."""
    title, periods, units = _report_parts(report)
    tables = f"{_md_table(_PERIODS, periods, left=4)}\n\n{_md_table(_UNITS, units, left=3)}"
    return f"**{title}**\n\n{tables}\n"


# --- findings ----------------------------------------------------------------------------------

_FINDINGS = ("Tingkat", "Kode", "Subjek", "Periode", "Tercetak", "Dihitung", "Letak", "Pesan")


def _finding_row(finding: Finding) -> Row:
    recomputed = finding.recomputed
    if recomputed is None:
        computed = _NA
    else:
        computed = format_number(
            round_to(recomputed, 2 if finding.places is None else finding.places)
        )
    return [
        finding.severity.value,
        finding.code.value,
        str(finding.subject),
        finding.period or _NA,
        finding.published or _NA,
        computed,
        str(finding.location),
        finding.message,
    ]


def _counts(findings: Sequence[Finding]) -> str:
    counts = {s: sum(1 for f in findings if f.severity is s) for s in Severity}
    return (
        f"{counts[Severity.ERROR]} kesalahan (error), {counts[Severity.WARNING]} peringatan "
        f"(warning), {counts[Severity.INFO]} catatan (info)"
    )


def findings_html(findings: Sequence[Finding]) -> str:
    """The audit's findings, one row each, coloured by severity, counts first."""
    styles = [
        f"color:{SEVERITY_COLOURS[f.severity][0]};background:{SEVERITY_COLOURS[f.severity][1]}"
        for f in findings
    ]
    rows = [_finding_row(f) for f in findings]
    table = _html_table(_FINDINGS, rows, left=8, styles=styles) if rows else ""
    return _html(f"Audit: {_counts(findings)}", table)


def findings_markdown(findings: Sequence[Finding]) -> str:
    """:func:`findings_html` as Markdown (severity as a word: Markdown has no colours)."""
    rows = [_finding_row(f) for f in findings]
    table = f"\n\n{_md_table(_FINDINGS, rows, left=8)}" if rows else ""
    return f"**Audit: {_counts(findings)}**{table}\n"


# --- short reprs -------------------------------------------------------------------------------


def report_score_repr(scored: ReportScore) -> str:
    """``<ReportScore 2 periods, main 2019: performance 116,13%>``."""
    count = len(scored.periods)
    noun = "period" if count == 1 else "periods"
    performance = _pct(scored.current.performance)
    return f"<ReportScore {count} {noun}, main {scored.current.key}: performance {performance}>"


def period_score_repr(period: PeriodScore) -> str:
    """``<PeriodScore 2019 (banten-2019): performance 116,13%, 9 units>``."""
    count = sum(1 for _ in period.root.walk()) - 1
    return (
        f"<PeriodScore {period.key} ({period.method.name}): performance "
        f"{_pct(period.performance)}, {count} unit{'' if count == 1 else 's'}>"
    )


def unit_score_repr(unit: UnitScore) -> str:
    """``<UnitScore sekjen 2019: achievement 114,58%, absorption 98,77%, performance 106,68%>``."""
    return (
        f"<UnitScore {unit.code} {unit.period}: achievement {_pct(unit.achievement)}, "
        f"absorption {_pct(unit.absorption)}, performance {_pct(unit.performance)}>"
    )


def report_repr(report: Report) -> str:
    """``<Report 'Kantor Wilayah …' 2 periods (2018, 2019), 10 units, 45 indicators>``."""
    units = list(report.units())
    indicators = sum(len(u.indicators) for u in units)
    keys = ", ".join(p.key for p in report.periods)
    count = len(report.periods)
    return (
        f"<Report {report.office!r} {count} period{'' if count == 1 else 's'} ({keys}), "
        f"{len(units)} unit{'' if len(units) == 1 else 's'}, {indicators} indicators>"
    )


# --- an assessment ----------------------------------------------------------------------------


def assessment_repr(assessment: Assessment) -> str:
    """``<Assessment 'Kantor …' main 2019: performance 116,13%, 9 errors>``."""
    findings = assessment.findings
    audit = "not audited" if findings is None else f"{len(findings.errors)} errors"
    current = assessment.current
    return (
        f"<Assessment {assessment.report.office!r} main {current.key}: performance "
        f"{_pct(current.performance)}, {audit}>"
    )


def assessment_html(assessment: Assessment) -> str:
    """The scores' dashboard and change tables, then the audit's findings."""
    parts = [report_score_html(assessment.scores)]
    if assessment.findings is not None:
        parts.append(findings_html(assessment.findings))
    return "".join(parts)


def assessment_markdown(assessment: Assessment) -> str:
    """:func:`assessment_html` as Markdown."""
    parts = [report_score_markdown(assessment.scores)]
    if assessment.findings is not None:
        parts.append(findings_markdown(assessment.findings))
    return "\n".join(parts)


# --- the display protocol of lakipcore._display ---------------------------------------------


def _unknown(form: str, value: object) -> TypeError:
    return TypeError(f"lakipcore has no {form} display for {type(value).__name__}")


@functools.singledispatch
def short(value: object) -> str:
    """The short ``repr`` of a report, a score, the findings or an assessment."""
    raise _unknown("short", value)


@functools.singledispatch
def html(value: object) -> str:
    """The notebook HTML table of a displayed value."""
    raise _unknown("HTML", value)


@functools.singledispatch
def markdown(value: object) -> str:
    """The notebook Markdown table of a displayed value."""
    raise _unknown("Markdown", value)


for _shown, _as_short, _as_html, _as_markdown in (
    (Report, report_repr, report_html, report_markdown),
    (Assessment, assessment_repr, assessment_html, assessment_markdown),
    (ReportScore, report_score_repr, report_score_html, report_score_markdown),
    (PeriodScore, period_score_repr, period_score_html, period_score_markdown),
    (UnitScore, unit_score_repr, unit_score_html, unit_score_markdown),
    (Findings, list.__repr__, findings_html, findings_markdown),
):
    short.register(_shown, _as_short)
    html.register(_shown, _as_html)
    markdown.register(_shown, _as_markdown)
