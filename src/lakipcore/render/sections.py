"""Sections of the HTML report over several periods, and the audit and the method in words.

Every word of the page comes from the message catalogues (:mod:`lakipcore.i18n`), in the
language of :attr:`Formats.lang`; figures keep the report's own notation in every language.
"""

from __future__ import annotations

import itertools
from decimal import Decimal
from html import escape

import attrs

from lakipcore.figures import format_number, format_percent, format_rupiah
from lakipcore.i18n import DEFAULT_LANGUAGE, M_, N_, Language, placeholders, translate
from lakipcore.model import PeriodKind, Quantity, Report, ReportPeriod, TableKind
from lakipcore.notation import Notation
from lakipcore.render.marks import CellKey, Marks, said
from lakipcore.render.svg import Axis, Bar, Series, bar_chart, column_chart
from lakipcore.results.findings import Finding, Severity, file_name
from lakipcore.results.scores import Change, PeriodChange, ReportScore
from lakipcore.rounding import Rounding

__all__ = [
    "Formats",
    "audit_section",
    "counted",
    "na",
    "periods_section",
    "plain_percent",
    "said",
    "scrolling",
    "text",
]

_HUNDRED = Decimal(100)
_Q = Quantity


def text(value: str) -> str:
    """``value`` escaped for HTML text and attributes (NUL, the cell placeholder mark, dropped)."""
    return escape(value.replace("\x00", ""))


def counted(count: int, one: str, many: str, lang: Language) -> str:
    """``count`` of something in words, in ``lang``: the message ``one`` for 1, else ``many``
    (both marked with ``N_``; ``many`` has a ``{count}`` placeholder, ``one`` may):
    ``3 errors``, ``3 kesalahan``, ``one period``."""
    chosen = one if count == 1 else many
    if "count" not in placeholders(chosen):
        return translate(chosen, lang)
    return M_(chosen, count=str(count)).render(lang)


def na(lang: Language) -> str:
    """A figure the data cannot give: a dash titled "not available"."""
    title = translate(N_("not available"), lang)
    return f'<span class="na" title="{text(title)}">–</span>'


def scrolling(table: str, label: str) -> str:
    """``table`` in a box that scrolls sideways when the table is wider than the screen (a
    phone), so that the page itself never does; a region a keyboard can reach and scroll,
    named ``label``. In print the box does not scroll: the table fits the page."""
    return (
        f'<div class="table-scroll" role="region" tabindex="0" aria-label="{text(label)}">'
        f"{table}</div>"
    )


@attrs.frozen
class Formats:
    """How the page writes figures: percentages at ``places`` with ``rounding``; amounts in
    full. ``None`` is written as a dash titled "not available" in ``lang``, the language of
    the page's words (figures are written the same in every language)."""

    places: int = 2
    rounding: Rounding = Rounding.HALF_UP
    lang: Language = DEFAULT_LANGUAGE

    @property
    def na(self) -> str:
        """The dash of a figure the data cannot give (:func:`na`)."""
        return na(self.lang)

    def words(self, msgid: str) -> str:
        """``msgid`` (marked with ``N_``) in the page's language, as plain text."""
        return translate(msgid, self.lang)

    def percent(self, value: Decimal | None) -> str:
        """``98,75%``."""
        if value is None:
            return self.na
        return format_percent(value, self.places, self.rounding)

    def points(self, value: Decimal | None) -> str:
        """A change in percentage points with its sign: ``+7,46``, ``-21,62``."""
        if value is None:
            return self.na
        shown = format_number(value, self.places, self.rounding)
        return shown if shown.startswith("-") or not value else "+" + shown

    def rupiah(self, value: Decimal | None) -> str:
        """An amount without the ``Rp`` (the column says it): ``20.142.047.000``."""
        return self.na if value is None else format_rupiah(value, prefix=False)

    def number(self, value: Decimal | None, places: int | None) -> str:
        """A number at ``places`` (its own precision when ``None``)."""
        return self.na if value is None else format_number(value, places, self.rounding)


def short_label(period: ReportPeriod) -> str:
    """The period as a column heading: the year of an annual period, else its label."""
    return period.key if period.kind is PeriodKind.ANNUAL else period.label


# The titles of the page's sections (its headings, its contents and the names of the sections
# in "Marked in: …"), as the LAKIP prints them in Indonesian.
DASHBOARD = N_("Performance dashboard")
MEASUREMENT = N_("Performance measurement")
BUDGET = N_("Budget realisation")
DERIVED = N_("Derived figures")
PERIODS = N_("Performance across periods")
AUDIT = N_("Audit results")
METHOD = N_("Calculation method")

# Column headings that several tables share.
NUMBER = N_("No.")
UNIT = N_("Unit")
ACHIEVEMENT = N_("Performance indicators")
ABSORPTION = N_("Budget absorption")
PERFORMANCE = N_("Performance")

_TRIPLE = (
    (_Q.ACHIEVEMENT, _Q.ACHIEVEMENT_YOY, ACHIEVEMENT),
    (_Q.ABSORPTION, _Q.ABSORPTION, ABSORPTION),
    (_Q.PERFORMANCE, _Q.PERFORMANCE_YOY, PERFORMANCE),
)


def _of(change: Change | None, quantity: Quantity) -> Decimal | None:
    if change is None:
        return None
    if quantity is _Q.ACHIEVEMENT:
        return change.achievement
    return change.absorption if quantity is _Q.ABSORPTION else change.performance


def planned(period: ReportPeriod, lang: Language) -> str:
    """The period's label, said to be planned when it is (plain text)."""
    if not period.planned:
        return period.label
    return M_("{period} (planned)", period=period.label).render(lang)


def periods_section(report: Report, scored: ReportScore, marks: Marks, fmt: Formats) -> str:
    """Kinerja Antar Periode: the office in every period (table and columns), then a table and
    a chart for each change between consecutive periods of a kind."""
    lang = fmt.lang
    section = fmt.words(PERIODS)
    root = report.root.code
    rows = []
    for period in scored.periods:
        office = period.root
        values = (
            (_Q.ACHIEVEMENT, office.achievement),
            (_Q.ABSORPTION, office.absorption),
            (_Q.PERFORMANCE, office.performance),
        )
        cells = "".join(
            marks.cell(
                [(root, None, period.key, q)],
                (TableKind.DASHBOARD, TableKind.CHANGES),
                fmt.percent(v),
                section=section,
            )
            for q, v in values
        )
        rows.append(
            f'<tr data-period="{text(period.key)}"><th scope="row">'
            f"{text(planned(period.period, lang))}</th><td>{text(period.method.name)}</td>"
            f"{cells}</tr>"
        )
    title = M_("Performance of {office} by period", office=report.office).render(lang)
    head = "".join(
        f"<th>{text(fmt.words(name))}</th>"
        for name in (N_("Period"), N_("Method"), ACHIEVEMENT, ABSORPTION, PERFORMANCE)
    )
    table = (
        f'<table class="periods"><caption>{text(title)}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>" + "".join(rows) + "</tbody></table>"
    )
    table = scrolling(table, title)
    groups = [short_label(p.period) for p in scored.periods]
    series = [
        Series(
            fmt.words(name),
            tuple(
                Bar(
                    f"{p.key}:{quantity.value}",
                    short_label(p.period),
                    value,
                    plain_percent(fmt, value),
                )
                for p in scored.periods
                for value in (getattr(p.root, attribute),)
            ),
        )
        for quantity, name, attribute in (
            (_Q.ACHIEVEMENT, ACHIEVEMENT, "achievement"),
            (_Q.ABSORPTION, ABSORPTION, "absorption"),
            (_Q.PERFORMANCE, PERFORMANCE, "performance"),
        )
    ]
    chart = column_chart(
        "grafik-periode",
        "periods",
        title,
        groups,
        series,
        reference=_HUNDRED,
        reference_text="100%",
    )
    caption = fmt.words(
        N_(
            "Performance indicator achievement, budget absorption and performance of the "
            "office in each period of the report; – : not available."
        )
    )
    parts = [
        f'<section id="periode"><h2>{text(section)}</h2>',
        table,
        f'<figure class="chart">{chart}<figcaption>{text(caption)}</figcaption></figure>',
    ]
    # One axis for the charts of every change, so that the changes compare by eye.
    drawn = [_change_bars(report, change, fmt) for change in scored.changes]
    charted = [[b.value for b in bars if b.value is not None] for bars, _ in drawn]
    charted = [values for values in charted if values]
    axis = Axis.over(itertools.chain(*charted)) if len(charted) > 1 else None
    parts += [
        _change(report, scored, change, marks, fmt, drawn=bars, axis=axis)
        for change, bars in zip(scored.changes, drawn, strict=True)
    ]
    parts.append("</section>")
    return "".join(parts)


def plain_percent(fmt: Formats, value: Decimal | None) -> str:
    """A figure for SVG text, where the HTML dash markup does not belong."""
    return "–" if value is None else format_percent(value, fmt.places, fmt.rounding)


def _change(
    report: Report,
    scored: ReportScore,
    change: PeriodChange,
    marks: Marks,
    fmt: Formats,
    *,
    drawn: tuple[list[Bar], str],
    axis: Axis | None,
) -> str:
    section = fmt.words(PERIODS)
    earlier, later = scored.period(change.earlier), scored.period(change.later)
    heading = M_(
        "Change {earlier} → {later}", earlier=earlier.period.label, later=later.period.label
    ).render(fmt.lang)
    names = {unit.code: unit.name for unit in report.units()}
    members: list[tuple[str, str, Change]] = [(report.root.code, report.office, change.office)]
    members += [(u.code, names.get(u.code, u.name), u.change) for u in change.units]
    present = False
    rows = []
    for number, (code, name, moved) in enumerate(members):
        cells = []
        for quantity, moved_quantity, _ in _TRIPLE:
            for period in (earlier, later):
                score = period.unit(code) if period.has_unit(code) else None
                value = None if score is None else getattr(score, _ATTRIBUTE[quantity])
                present = present or value is not None
                key: CellKey = (code, None, period.key, quantity)
                cells.append(
                    marks.cell([key], (TableKind.CHANGES,), fmt.percent(value), section=section)
                )
            delta = _of(moved, quantity)
            key = (code, None, later.key, moved_quantity)
            keys = [key] if moved_quantity is not quantity else []
            cells.append(marks.cell(keys, (TableKind.CHANGES,), fmt.points(delta), section=section))
        label = "A" if number == 0 else str(number)
        office = ' class="office"' if number == 0 else ""
        rows.append(
            f'<tr{office} data-unit="{text(code)}"><td>{label}</td><th scope="row">{text(name)}'
            f"</th>{''.join(cells)}</tr>"
        )
    if not present:
        missing = fmt.words(
            N_(
                "Not available: neither period has an achievement, absorption or performance "
                "that can be compared."
            )
        )
        return f"<h3>{text(heading)}</h3><p>{text(missing)}</p>"
    before, after = text(short_label(earlier.period)), text(short_label(later.period))
    changed = text(fmt.words(N_("Change")))
    sub = f"<th>{before}</th><th>{after}</th><th>{changed}</th>" * 3
    caption = M_("{change} (changes in percentage points)", change=heading).render(fmt.lang)
    table = (
        f'<table class="changes"><caption>{text(caption)}</caption><thead><tr>'
        f'<th rowspan="2">{text(fmt.words(NUMBER))}</th>'
        f'<th rowspan="2">{text(fmt.words(UNIT))}</th>'
        + "".join(f'<th colspan="3">{text(fmt.words(name))}</th>' for _, _, name in _TRIPLE)
        + f"</tr><tr>{sub}</tr></thead><tbody>"
        + "".join(rows)
        + "</tbody></table>"
    )
    table = scrolling(table, heading)
    chart = _change_chart(
        change, earlier.period.label, later.period.label, drawn, axis=axis, fmt=fmt
    )
    return f"<h3>{text(heading)}</h3>{table}{chart}"


_ATTRIBUTE = {
    _Q.ACHIEVEMENT: "achievement",
    _Q.ABSORPTION: "absorption",
    _Q.PERFORMANCE: "performance",
}

# The title of a change chart, by what its bars measure.
_CHANGE_TITLES = {
    "indicators": N_(
        "Change in the achievement of each indicator, {earlier} → {later} (percentage points)"
    ),
    "performance": N_("Change in performance, {earlier} → {later} (percentage points)"),
    "achievement": N_(
        "Change in performance indicator achievement, {earlier} → {later} (percentage points)"
    ),
}


def _change_bars(report: Report, change: PeriodChange, fmt: Formats) -> tuple[list[Bar], str]:
    """The bars of a change chart and what they measure (a key of the chart titles):
    performance per unit where known, else achievement; for a report without units, the
    change of each of the office's indicators."""
    names = {unit.code: unit.name for unit in report.units()}
    if not change.units:
        bars = [Bar(i.code, i.name, i.points, _points(fmt, i.points)) for i in change.indicators]
        return bars, "indicators"
    quantity = (
        "performance"
        if any(u.change.performance is not None for u in change.units)
        else "achievement"
    )
    bars = [
        Bar(u.code, names.get(u.code, u.name), value, _points(fmt, value))
        for u in change.units
        for value in (getattr(u.change, quantity),)
    ]
    return bars, quantity


def _change_chart(
    change: PeriodChange,
    earlier: str,
    later: str,
    drawn: tuple[list[Bar], str],
    *,
    axis: Axis | None,
    fmt: Formats,
) -> str:
    """Bars of the change per unit (or per indicator), on ``axis`` when the section has more
    than one change."""
    bars, what = drawn
    if all(bar.value is None for bar in bars):
        return ""
    title = M_(_CHANGE_TITLES[what], earlier=earlier, later=later).render(fmt.lang)
    chart = bar_chart(
        f"grafik-perubahan-{change.earlier}-{change.later}", "change", title, bars, axis=axis
    )
    caption = (
        N_("{title}; red bars: down; the same axis for every change.")
        if axis is not None
        else N_("{title}; red bars: down.")
    )
    return (
        f'<figure class="chart">{chart}<figcaption>'
        f"{said(caption, fmt.lang, title=text(title))}</figcaption></figure>"
    )


def _points(fmt: Formats, value: Decimal | None) -> str:
    return "–" if value is None else fmt.points(value)


_SEVERITY = {
    Severity.ERROR: (N_("Error"), "error"),
    Severity.WARNING: (N_("Warning"), "warning"),
    Severity.INFO: (N_("Note"), "info"),
}


_NOTATION_WORDS = {
    Notation.INDONESIAN: N_(
        "Indonesian notation: a point separates the thousands, a comma starts the decimals"
    ),
    Notation.DECIMAL_POINT: N_(
        "decimal-point notation: a comma separates the thousands, a point starts the decimals"
    ),
}


def audit_section(report: Report, marks: Marks, fmt: Formats) -> str:
    """Hasil Audit: every finding, numbered, grouped by unit, with its severity; errors link to
    the cells where they are marked. The notation slips (:func:`~lakipcore.render.marks.
    notation_slip`) are counted apart from the wrong values and listed after them."""
    lang = fmt.lang
    findings = marks.findings
    counts = {s: sum(f.severity is s for f in findings) for s in Severity}
    slips = len(marks.slips)
    errors = counted(marks.wrong_values(), N_("{count} error"), N_("{count} errors"), lang)
    tally = [f"<strong>{text(errors)}</strong>"]
    if slips:
        tally.append(
            text(counted(slips, N_("{count} notation error"), N_("{count} notation errors"), lang))
        )
    tally += [
        text(
            counted(counts[Severity.WARNING], N_("{count} warning"), N_("{count} warnings"), lang)
        ),
        text(counted(counts[Severity.INFO], N_("{count} note"), N_("{count} notes"), lang)),
    ]
    recomputed = said(
        N_(
            "lakipcore recomputes every figure the report prints from its inputs and compares "
            "it at the precision it is printed at: {counts}."
        ),
        lang,
        counts=", ".join(tally),
    )
    legend = said(
        N_(
            "Wrong printed figures are marked in the tables: {printed} {should} with their "
            "finding's number."
        ),
        lang,
        printed='<span class="printed">'
        + said(
            N_("printed {figure}"),
            lang,
            figure="<s>" + text(fmt.words(N_("the report figure"))) + "</s>",
        )
        + "</span>",
        should="<mark>"
        + said(N_("should be {figure}"), lang, figure=text(fmt.words(N_("the recomputed figure"))))
        + "</mark>",
    )
    parts = [
        f'<section id="audit"><h2>{text(fmt.words(AUDIT))}</h2>',
        f"<p>{recomputed}</p>",
        f'<p class="legend">{legend}</p>',
    ]
    names = {unit.code: unit.name for unit in report.units()}
    groups: dict[str, list[tuple[int, Finding]]] = {}
    for number, finding in enumerate(findings, 1):
        if number not in marks.slips:
            groups.setdefault(finding.subject.unit, []).append((number, finding))
    for code, members in groups.items():
        parts.append(f"<h3>{text(names.get(code, code))}</h3>")
        parts.append(f'<ol class="findings" start="{members[0][0]}">')
        parts += [_finding(report, marks, fmt, n, f) for n, f in members]
        parts.append("</ol>")
    if slips:
        parts.append(_slips(report, marks, fmt))
    if not findings:
        none = fmt.words(N_("No findings: every printed figure agrees with the recomputation."))
        parts.append(f"<p>{text(none)}</p>")
    parts.append("</section>")
    return "".join(parts)


def _slips(report: Report, marks: Marks, fmt: Formats) -> str:
    """The notation slips, after the other findings: each as :func:`_finding` writes it, its
    badge saying what it is."""
    label, cls = _SEVERITY[Severity.ERROR]
    badge = f'<span class="badge {cls}">{text(fmt.words(label))}</span>'
    slip = text(fmt.words(N_("Notation error")))
    items = []
    for number in sorted(marks.slips):
        finding = marks.findings[number - 1]
        item = _finding(report, marks, fmt, number, finding)
        item = item.replace(badge, f'<span class="badge slip">{slip}</span>', 1)
        item = item.replace(f'class="finding {cls}"', f'class="finding {cls} slip"', 1)
        items.append(item)
    explained = said(
        N_(
            "The following are not figures in this report's notation ({notation}), but in the "
            "other notation their value agrees with the recomputation: a slip of the pen, not "
            "a wrong value, so they are not counted as errors. In the tables the printed text "
            "is shown above its value, not struck out."
        ),
        fmt.lang,
        notation=text(fmt.words(_NOTATION_WORDS[report.notation])),
    )
    return (
        '<h3 id="kesalahan-notasi">' + text(fmt.words(N_("Notation errors"))) + "</h3>"
        f'<p class="legend">{explained}</p>'
        f'<ol class="findings slips" start="{min(marks.slips)}">' + "".join(items) + "</ol>"
    )


# A table of the report named on the page: "tabel …" or "uraian …" (a table of prose), unless
# its title starts with the word already ("Tabel 3.5 …", "Uraian …": titles are the report's).
_TABLE_WORDS = {
    True: ("uraian", N_("text {title}")),
    False: ("tabel", N_("table {title}")),
}


def _table_name(title: str, prose: bool, lang: Language) -> str:
    printed, msgid = _TABLE_WORDS[prose]
    word = translate(msgid, lang).split("{", 1)[0].strip().lower()
    if title.lower().startswith((printed, word)):
        return title
    return M_(msgid, title=title).render(lang)


def _finding(report: Report, marks: Marks, fmt: Formats, number: int, finding: Finding) -> str:
    lang = fmt.lang
    label, cls = _SEVERITY[finding.severity]
    facts = [
        f'<span class="badge {cls}">{text(fmt.words(label))}</span>',
        f"<code>{text(finding.code.value)}</code>",
    ]
    if finding.period is not None:
        try:
            facts.append(text(report.period(finding.period).label))
        except KeyError:
            facts.append(text(finding.period))
    place = finding.location.place
    if place is not None:
        try:
            table = report.table(place)
        except KeyError:
            facts.append(text(place))
        else:
            title = table.title or table.id
            facts.append(text(_table_name(title, table.kind is TableKind.PROSE, lang)))
    if finding.subject.item is not None:
        facts.append(text(finding.subject.item))
    if finding.published is not None:
        facts.append(said(N_("printed {figure}"), lang, figure=f"<b>{text(finding.published)}</b>"))
    if finding.recomputed is not None:
        places = finding.places if finding.places is not None else fmt.places
        recomputed = f"<b>{fmt.number(finding.recomputed, places)}</b>"
        facts.append(said(N_("recomputed {figure}"), lang, figure=recomputed))
    where = ""
    spots = marks.places(number)
    if spots:
        links = ", ".join(f'<a href="#{cell}">{text(section)}</a>' for cell, section in spots)
        marked = said(N_("Marked in: {places}"), lang, places=links)
        where = f'<p class="marked">{marked}</p>'
    elif finding.severity is Severity.ERROR:
        absent = fmt.words(N_("This figure is not shown in the tables of this page."))
        where = f'<p class="marked">{text(absent)}</p>'
    return (
        f'<li id="temuan-{number}" class="finding {cls}" value="{number}" '
        f'data-severity="{finding.severity.value}" data-unit="{text(finding.subject.unit)}">'
        f'<p class="facts">{" · ".join(facts)}</p><p class="message">'
        f"{text(finding.message_in(lang))}</p>{where}"
        f'<p class="where">{_where(finding, lang)}</p></li>'
    )


def _where(finding: Finding, lang: Language) -> str:
    """Where the figure is, in words in ``lang``, then the file and line
    (``banten-2019.toml:255``) for whoever opens the file: the file's own name, never a
    directory."""
    location = finding.location
    words = location.said(lang) if location.words is not None else None
    file = file_name(location.source)
    if file is not None and location.line is not None:
        file = f"{file}:{location.line}"
    shown = [text(words)] if words else []
    if file:
        shown.append(f"<code>{text(file)}</code>")
    return " · ".join(shown)
