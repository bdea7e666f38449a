"""Notebook display: HTML and Markdown tables of reports, scores and findings.

Jupyter and IPython call ``_repr_html_`` / ``_repr_markdown_`` on the value of a cell; the
classes' methods call the functions here, imported only then (the one-line reprs are
:mod:`lakipcore.render.reprs`). Everything is written with the standard library
(``html.escape``) and lakipcore's own number format, so showing a score in a notebook never
imports pandas, numpy or pyarrow. Styles are inline: notebook front ends sanitise or share
``<style>`` elements, inline ``style`` attributes survive both.

The tables are compact: a table shows at most :data:`MAX_ROWS` rows and says how many it
leaves out (the rows and DataFrames of :mod:`lakipcore.arrow` have every one); the findings
come errors first, then warnings, then notes, their message wrapping in a wide column and
their location in small type in a narrow one.

Headings and captions are in Indonesian, or in English on request: each function takes
``lang`` (``None``: an enclosing :func:`~lakipcore.i18n.speaking` block, else ``LAKIP_LANG``,
else Indonesian), and ``_repr_html_`` / ``_repr_markdown_`` speak the default language.
Figures keep the report's notation in either language.

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
from collections.abc import Iterable, Iterator, Mapping, Sequence
from decimal import Decimal
from html import escape

from lakipcore.figures import format_number, format_percent
from lakipcore.i18n import M_, N_, Language, language, translate
from lakipcore.model import Report
from lakipcore.render.common import numbered_units
from lakipcore.render.reprs import (
    assessment_repr,
    period_score_repr,
    report_repr,
    report_score_repr,
    short,
    unit_score_repr,
)
from lakipcore.results.assessment import Assessment
from lakipcore.results.findings import Finding, Findings, Severity
from lakipcore.results.scores import PeriodChange, PeriodScore, ReportScore, UnitScore
from lakipcore.rounding import round_to

__all__ = [
    "MAX_ROWS",
    "SEVERITY_COLOURS",
    "assessment_html",
    "assessment_markdown",
    "assessment_repr",
    "errors_first",
    "findings_html",
    "findings_markdown",
    "html",
    "markdown",
    "period_score_html",
    "period_score_markdown",
    "period_score_repr",
    "report_html",
    "report_markdown",
    "report_repr",
    "report_score_html",
    "report_score_markdown",
    "report_score_repr",
    "short",
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

MAX_ROWS = 100
"""The most rows a notebook table shows; a longer one ends with a row saying how many it leaves
out (``lakipcore.arrow`` gives every row). Set it to show more or fewer."""

_NA = "-"
_TABLE = "border-collapse:collapse;font-size:0.9em;margin:0.4em 0"
_CELL = "border:1px solid #ccc;padding:2px 6px"
_NUMERIC = _CELL + ";text-align:right;font-variant-numeric:tabular-nums"
_MORE = "font-style:italic;color:#555"

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


def _words(names: Iterable[str], lang: Language) -> Row:
    """Headings (messages marked with ``N_``) in ``lang``."""
    return [translate(name, lang) for name in names]


def _shown(rows: Iterable[Row], total: int, lang: Language) -> tuple[list[Row], str | None]:
    """The first :data:`MAX_ROWS` of ``total`` rows (only those are made), and the note on the
    rest when some are left out."""
    limit = max(MAX_ROWS, 0)
    shown = [row for _, row in zip(range(limit), rows, strict=False)]
    left = total - len(shown)
    if left <= 0:
        return shown, None
    more = (
        N_("… and {count} more row not shown (every row: lakipcore.arrow)")
        if left == 1
        else N_("… and {count} more rows not shown (every row: lakipcore.arrow)")
    )
    return shown, M_(more, count=format_number(Decimal(left))).render(lang)


def _html_table(
    header: Row,
    rows: Iterable[Row],
    total: int,
    lang: Language,
    *,
    left: int = 2,
    styles: Sequence[str] | None = None,
    columns: Mapping[int, tuple[str, str]] | None = None,
) -> str:
    """A table of the first :data:`MAX_ROWS` of ``total`` rows, whose first ``left`` columns
    are text and the others figures; ``styles`` adds a row style (a severity colour) per row,
    ``columns`` a style to a column's heading (its width) and one to each of its cells (a type
    size, where a word may break). Every cell is escaped here."""
    columns = columns or {}
    head = "".join(
        f'<th style="{_CELL}{columns[i][0] if i in columns else ""}">{escape(h)}</th>'
        for i, h in enumerate(header)
    )
    kinds = [
        (_CELL if i < left else _NUMERIC) + (columns[i][1] if i in columns else "")
        for i in range(len(header))
    ]
    shown, more = _shown(rows, total, lang)
    body = []
    for index, row in enumerate(shown):
        style = f' style="{styles[index]}"' if styles is not None else ""
        cells = "".join(f'<td style="{kinds[i]}">{escape(cell)}</td>' for i, cell in enumerate(row))
        body.append(f"<tr{style}>{cells}</tr>")
    if more is not None:
        span = len(header)
        body.append(f'<tr><td colspan="{span}" style="{_CELL};{_MORE}">{escape(more)}</td></tr>')
    rows_html = "".join(body)
    return (
        f'<table style="{_TABLE}"><thead><tr>{head}</tr></thead>'
        f'<tbody style="vertical-align:top">{rows_html}</tbody></table>'
    )


def _md_cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def _md_table(
    header: Row, rows: Iterable[Row], total: int, lang: Language, *, left: int = 2
) -> str:
    shown, more = _shown(rows, total, lang)
    align = ["---" if i < left else "---:" for i in range(len(header))]
    lines = [header, align, *shown]
    table = "\n".join("| " + " | ".join(_md_cell(c) for c in line) + " |" for line in lines)
    return table if more is None else f"{table}\n\n{_md_cell(more)}"


def _html(title: str, *parts: str) -> str:
    return f'<div class="lakipcore"><strong>{escape(title)}</strong>{"".join(parts)}</div>'


def _caption(text: str) -> str:
    return f'<div style="margin-top:0.6em">{escape(text)}</div>'


# --- scores ------------------------------------------------------------------------------------

_DASHBOARD = (
    N_("No."),
    N_("Unit"),
    N_("Performance indicators"),
    N_("Budget absorption"),
    N_("Performance"),
)


def _unit_count(period: PeriodScore) -> int:
    return sum(1 for _ in period.root.walk())


def _dashboard_rows(period: PeriodScore) -> Iterator[Row]:
    """The office ("A") and every unit below it, indented by depth, in report order."""
    for number, depth, unit in numbered_units(period):
        yield [
            number,
            "\u2003" * depth + unit.name,
            _pct(unit.achievement),
            _pct(unit.absorption),
            _pct(unit.performance),
        ]


def _period_title(period: PeriodScore, lang: Language) -> str:
    return M_(
        "Performance dashboard {period} (method: {method})",
        period=period.period.label,
        method=period.method.name,
    ).render(lang)


def _change_rows(scored: ReportScore, change: PeriodChange) -> Iterator[Row]:
    earlier, later = scored.period(change.earlier), scored.period(change.later)
    yield [
        "A",
        later.root.name,
        _pct(earlier.performance),
        _pct(later.performance),
        _pct(change.office.performance),
    ]
    for number, unit in enumerate(change.units, 1):
        before = earlier.unit(unit.code).performance if earlier.has_unit(unit.code) else None
        now = later.unit(unit.code).performance if later.has_unit(unit.code) else None
        yield [str(number), unit.name, _pct(before), _pct(now), _pct(unit.change.performance)]


def _change_header(scored: ReportScore, change: PeriodChange, lang: Language) -> tuple[str, Row]:
    earlier, later = scored.period(change.earlier), scored.period(change.later)
    title = M_(
        "Performance {earlier} → {later} (method: {earlier_method} / {later_method}; changes "
        "in percentage points)",
        earlier=earlier.period.label,
        later=later.period.label,
        earlier_method=earlier.method.name,
        later_method=later.method.name,
    ).render(lang)
    number, unit, moved = _words((N_("No."), N_("Unit"), N_("Change")), lang)
    return title, (number, unit, earlier.key, later.key, moved)


def report_score_html(scored: ReportScore, *, lang: str | None = None) -> str:
    """A scored report: the main period's Dashboard Performance and each change table."""
    chosen = language(lang)
    current = scored.current
    parts = [
        _caption(_period_title(current, chosen)),
        _html_table(
            _words(_DASHBOARD, chosen), _dashboard_rows(current), _unit_count(current), chosen
        ),
    ]
    for change in scored.changes:
        title, header = _change_header(scored, change, chosen)
        rows = _change_rows(scored, change)
        parts += [_caption(title), _html_table(header, rows, 1 + len(change.units), chosen)]
    return _html(f"{current.root.name}: {_periods(scored, chosen)}", *parts)


def report_score_markdown(scored: ReportScore, *, lang: str | None = None) -> str:
    """:func:`report_score_html` as Markdown."""
    chosen = language(lang)
    current = scored.current
    parts = [
        f"**{current.root.name}: {_periods(scored, chosen)}**",
        "",
        _period_title(current, chosen),
        "",
        _md_table(
            _words(_DASHBOARD, chosen), _dashboard_rows(current), _unit_count(current), chosen
        ),
    ]
    for change in scored.changes:
        title, header = _change_header(scored, change, chosen)
        rows = _change_rows(scored, change)
        parts += ["", title, "", _md_table(header, rows, 1 + len(change.units), chosen)]
    return "\n".join(parts) + "\n"


def _periods(scored: ReportScore, lang: Language) -> str:
    return M_(
        "{periods} (main {main})",
        periods=", ".join(p.key for p in scored.periods),
        main=scored.current.key,
    ).render(lang)


def period_score_html(period: PeriodScore, *, lang: str | None = None) -> str:
    """One period's Dashboard Performance."""
    chosen = language(lang)
    header = _words(_DASHBOARD, chosen)
    table = _html_table(header, _dashboard_rows(period), _unit_count(period), chosen)
    return _html(_period_title(period, chosen), table)


def period_score_markdown(period: PeriodScore, *, lang: str | None = None) -> str:
    """:func:`period_score_html` as Markdown."""
    chosen = language(lang)
    header = _words(_DASHBOARD, chosen)
    table = _md_table(header, _dashboard_rows(period), _unit_count(period), chosen)
    return f"**{_period_title(period, chosen)}**\n\n{table}\n"


_INDICATORS = (
    N_("Code"),
    N_("Performance indicator"),
    N_("Target"),
    N_("Realisation"),
    N_("Achievement"),
)
_UNIT = (
    N_("Unit"),
    N_("Performance indicators"),
    N_("Budget absorption"),
    N_("Performance"),
)


def _indicator_rows(unit: UnitScore, lang: Language) -> Iterator[Row]:
    for item in unit.indicators:
        target = _value(item.target)
        if item.target is None and item.excluded == "not targeted":
            target = translate(N_("Not targeted"), lang)
        # An indicator that does not count says why in the capaian column.
        capaian = _pct(item.capaian) if item.capaian is not None else (item.excluded or _NA)
        yield [item.code, item.name, target, _value(item.realisation), capaian]


def _unit_row(unit: UnitScore) -> Row:
    return [unit.name, _pct(unit.achievement), _pct(unit.absorption), _pct(unit.performance)]


def _unit_title(unit: UnitScore) -> str:
    return f"{unit.name} ({unit.code}), {unit.period}"


_INDICATOR_RESULTS = N_("Performance indicator realisation")
_SUB_UNITS = N_("Sub-units")


def _gaps(unit: UnitScore, lang: Language) -> str:
    # The reasons are data of the score, in English (docs/language.md).
    return M_("Not available: {reasons}", reasons="; ".join(unit.gaps)).render(lang)


def unit_score_html(unit: UnitScore, *, lang: str | None = None) -> str:
    """A unit's scores, its indicators' target, realisasi and capaian, and its sub-units."""
    chosen = language(lang)
    header = _words(_UNIT, chosen)
    parts = [_html_table(header, [_unit_row(unit)], 1, chosen, left=1)]
    if unit.indicators:
        table = _html_table(
            _words(_INDICATORS, chosen),
            _indicator_rows(unit, chosen),
            len(unit.indicators),
            chosen,
        )
        parts += [_caption(translate(_INDICATOR_RESULTS, chosen)), table]
    if unit.units:
        table = _html_table(header, map(_unit_row, unit.units), len(unit.units), chosen, left=1)
        parts += [_caption(translate(_SUB_UNITS, chosen)), table]
    if unit.gaps:
        parts.append(_caption(_gaps(unit, chosen)))
    return _html(_unit_title(unit), *parts)


def unit_score_markdown(unit: UnitScore, *, lang: str | None = None) -> str:
    """:func:`unit_score_html` as Markdown."""
    chosen = language(lang)
    header = _words(_UNIT, chosen)
    parts = [
        f"**{_unit_title(unit)}**",
        "",
        _md_table(header, [_unit_row(unit)], 1, chosen, left=1),
    ]
    if unit.indicators:
        table = _md_table(
            _words(_INDICATORS, chosen),
            _indicator_rows(unit, chosen),
            len(unit.indicators),
            chosen,
        )
        parts += ["", translate(_INDICATOR_RESULTS, chosen), "", table]
    if unit.units:
        table = _md_table(header, map(_unit_row, unit.units), len(unit.units), chosen, left=1)
        parts += ["", translate(_SUB_UNITS, chosen), "", table]
    if unit.gaps:
        parts += ["", _gaps(unit, chosen)]
    return "\n".join(parts) + "\n"


# --- the report --------------------------------------------------------------------------------

_UNITS = (N_("Code"), N_("Unit"), N_("Periods"), N_("Indicators"))
_PERIODS = (N_("Key"), N_("Period"), N_("Method"), N_("Planned"))


def _period_rows(report: Report, lang: Language) -> Iterator[Row]:
    yes = translate(N_("yes"), lang)
    for p in report.periods:
        yield [p.key, p.label, p.method or _NA, yes if p.planned else ""]


def _report_unit_rows(report: Report) -> Iterator[Row]:
    stack = [(report.root, 0)]
    while stack:
        unit, depth = stack.pop()
        taking = ", ".join(p.key for p in report.periods if unit.takes_part(p.key))
        name = "\u2003" * max(depth - 1, 0) + unit.name
        yield [unit.code, name, taking, str(len(unit.indicators))]
        stack.extend((child, depth + 1) for child in reversed(unit.units))


def _report_title(report: Report) -> str:
    return report.title or report.office


def report_html(report: Report, *, lang: str | None = None) -> str:
    """A report's periods (with their methods) and its tree of units; nothing is scored."""
    chosen = language(lang)
    units = sum(1 for _ in report.units())
    periods = _period_rows(report, chosen)
    return _html(
        _report_title(report),
        _html_table(_words(_PERIODS, chosen), periods, len(report.periods), chosen, left=4),
        _html_table(_words(_UNITS, chosen), _report_unit_rows(report), units, chosen, left=3),
    )


def report_markdown(report: Report, *, lang: str | None = None) -> str:
    """:func:`report_html` as Markdown."""
    chosen = language(lang)
    units = sum(1 for _ in report.units())
    rows = _period_rows(report, chosen)
    periods = _md_table(_words(_PERIODS, chosen), rows, len(report.periods), chosen, left=4)
    tree = _md_table(_words(_UNITS, chosen), _report_unit_rows(report), units, chosen, left=3)
    return f"**{_report_title(report)}**\n\n{periods}\n\n{tree}\n"


# --- findings ----------------------------------------------------------------------------------

_FINDINGS = (
    N_("Severity"),
    N_("Code"),
    N_("Subject"),
    N_("Period"),
    N_("Printed"),
    N_("Computed"),
    N_("Location"),
    N_("Message"),
)
_SUBJECT, _LOCATION, _MESSAGE = 2, 6, 7

# The message wraps in a wide column (its heading's min-width); the location (a file, a line and
# a field path: one long word) is small type that breaks anywhere, so its column is as narrow as
# its heading's width and cannot squeeze the message to a word per line.
_COLUMNS: Mapping[int, tuple[str, str]] = {
    _SUBJECT: (";min-width:8em", ";overflow-wrap:anywhere"),
    _LOCATION: (";width:10em;min-width:7em", ";font-size:0.78em;word-break:break-all"),
    _MESSAGE: (";min-width:24em", ""),
}

_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


def errors_first(findings: Iterable[Finding]) -> list[Finding]:
    """The findings ordered errors, warnings, notes; in the audit's order within each."""
    return sorted(findings, key=lambda f: _ORDER[f.severity])


def _finding_row(finding: Finding, lang: Language) -> Row:
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
        finding.location.said(lang),  # in words; the file by its own name
        finding.message_in(lang),
    ]


def _counts(findings: Sequence[Finding], lang: Language) -> str:
    counts = {s: sum(1 for f in findings if f.severity is s) for s in Severity}
    # The severities' words, with the codes of the severity column.
    return M_(
        "Audit: {errors} errors, {warnings} warnings, {notes} notes (info)",
        errors=str(counts[Severity.ERROR]),
        warnings=str(counts[Severity.WARNING]),
        notes=str(counts[Severity.INFO]),
    ).render(lang)


def _severity_style(finding: Finding) -> str:
    colour, background = SEVERITY_COLOURS[finding.severity]
    return f"color:{colour};background:{background}"


def findings_html(findings: Sequence[Finding], *, lang: str | None = None) -> str:
    """The audit's findings, counts first, then one row each, errors first, then warnings,
    then notes, coloured by severity; the message wraps, the location is small and narrow."""
    chosen = language(lang)
    ordered = errors_first(findings)
    shown = ordered[: max(MAX_ROWS, 0)]
    rows = (_finding_row(finding, chosen) for finding in shown)
    styles = [_severity_style(f) for f in shown]
    header = _words(_FINDINGS, chosen)
    table = (
        _html_table(header, rows, len(ordered), chosen, left=8, styles=styles, columns=_COLUMNS)
        if ordered
        else ""
    )
    return _html(_counts(findings, chosen), table)


def findings_markdown(findings: Sequence[Finding], *, lang: str | None = None) -> str:
    """:func:`findings_html` as Markdown (severity as a word: Markdown has no colours)."""
    chosen = language(lang)
    ordered = errors_first(findings)
    rows = (_finding_row(finding, chosen) for finding in ordered)
    header = _words(_FINDINGS, chosen)
    table = f"\n\n{_md_table(header, rows, len(ordered), chosen, left=8)}" if ordered else ""
    return f"**{_counts(findings, chosen)}**{table}\n"


# --- an assessment ----------------------------------------------------------------------------


def assessment_html(assessment: Assessment, *, lang: str | None = None) -> str:
    """The scores' dashboard and change tables, then the audit's findings."""
    chosen = language(lang)
    parts = [report_score_html(assessment.scores, lang=chosen)]
    if assessment.findings is not None:
        parts.append(findings_html(assessment.findings, lang=chosen))
    return "".join(parts)


def assessment_markdown(assessment: Assessment, *, lang: str | None = None) -> str:
    """:func:`assessment_html` as Markdown."""
    chosen = language(lang)
    parts = [report_score_markdown(assessment.scores, lang=chosen)]
    if assessment.findings is not None:
        parts.append(findings_markdown(assessment.findings, lang=chosen))
    return "\n".join(parts)


# --- the display protocol of lakipcore._display ---------------------------------------------


def _unknown(form: str, value: object) -> TypeError:
    return TypeError(f"lakipcore has no {form} display for {type(value).__name__}")


@functools.singledispatch
def html(value: object) -> str:
    """The notebook HTML table of a displayed value."""
    raise _unknown("HTML", value)


@functools.singledispatch
def markdown(value: object) -> str:
    """The notebook Markdown table of a displayed value."""
    raise _unknown("Markdown", value)


for _shown_class, _as_html, _as_markdown in (
    (Report, report_html, report_markdown),
    (Assessment, assessment_html, assessment_markdown),
    (ReportScore, report_score_html, report_score_markdown),
    (PeriodScore, period_score_html, period_score_markdown),
    (UnitScore, unit_score_html, unit_score_markdown),
    (Findings, findings_html, findings_markdown),
):
    html.register(_shown_class, _as_html)
    markdown.register(_shown_class, _as_markdown)
