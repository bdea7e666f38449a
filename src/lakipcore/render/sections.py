"""Sections of the HTML report over several periods, and the audit and the method in words."""

from __future__ import annotations

import itertools
from decimal import Decimal
from html import escape

import attrs

from lakipcore.figures import format_number, format_percent, format_rupiah
from lakipcore.model import PeriodKind, Quantity, Report, ReportPeriod, TableKind
from lakipcore.notation import Notation
from lakipcore.render.marks import CellKey, Marks
from lakipcore.render.svg import Axis, Bar, Series, bar_chart, column_chart
from lakipcore.results.findings import Finding, Severity, file_name
from lakipcore.results.scores import Change, PeriodChange, ReportScore
from lakipcore.rounding import Rounding

__all__ = [
    "NA",
    "Formats",
    "audit_section",
    "periods_section",
    "plain_percent",
    "scrolling",
    "text",
]

NA = '<span class="na" title="tidak tersedia">–</span>'
_HUNDRED = Decimal(100)
_Q = Quantity


def text(value: str) -> str:
    """``value`` escaped for HTML text and attributes (NUL, the cell placeholder mark, dropped)."""
    return escape(value.replace("\x00", ""))


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
    full. ``None`` is written as a dash titled "tidak tersedia"."""

    places: int = 2
    rounding: Rounding = Rounding.HALF_UP

    def percent(self, value: Decimal | None) -> str:
        """``98,75%``."""
        if value is None:
            return NA
        return format_percent(value, self.places, self.rounding)

    def points(self, value: Decimal | None) -> str:
        """A change in percentage points with its sign: ``+7,46``, ``-21,62``."""
        if value is None:
            return NA
        shown = format_number(value, self.places, self.rounding)
        return shown if shown.startswith("-") or not value else "+" + shown

    def rupiah(self, value: Decimal | None) -> str:
        """An amount without the ``Rp`` (the column says it): ``20.142.047.000``."""
        return NA if value is None else format_rupiah(value, prefix=False)

    def number(self, value: Decimal | None, places: int | None) -> str:
        """A number at ``places`` (its own precision when ``None``)."""
        return NA if value is None else format_number(value, places, self.rounding)


def short_label(period: ReportPeriod) -> str:
    """The period as a column heading: the year of an annual period, else its label."""
    return period.key if period.kind is PeriodKind.ANNUAL else period.label


_TRIPLE = (
    (_Q.ACHIEVEMENT, _Q.ACHIEVEMENT_YOY, "Indikator Kinerja"),
    (_Q.ABSORPTION, _Q.ABSORPTION, "Penyerapan Anggaran"),
    (_Q.PERFORMANCE, _Q.PERFORMANCE_YOY, "Performance"),
)


def _of(change: Change | None, quantity: Quantity) -> Decimal | None:
    if change is None:
        return None
    if quantity is _Q.ACHIEVEMENT:
        return change.achievement
    return change.absorption if quantity is _Q.ABSORPTION else change.performance


def periods_section(report: Report, scored: ReportScore, marks: Marks, fmt: Formats) -> str:
    """Kinerja Antar Periode: the office in every period (table and columns), then a table and
    a chart for each change between consecutive periods of a kind."""
    section = "Kinerja Antar Periode"
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
        planned = " (direncanakan)" if period.period.planned else ""
        rows.append(
            f'<tr data-period="{text(period.key)}"><th scope="row">'
            f"{text(period.period.label)}{planned}</th><td>{text(period.method.name)}</td>"
            f"{cells}</tr>"
        )
    table = (
        f'<table class="periods"><caption>Kinerja {text(report.office)} per periode</caption>'
        "<thead><tr><th>Periode</th><th>Metode</th><th>Indikator Kinerja</th>"
        "<th>Penyerapan Anggaran</th><th>Performance</th></tr></thead><tbody>"
        + "".join(rows)
        + "</tbody></table>"
    )
    table = scrolling(table, f"Kinerja {report.office} per periode")
    groups = [short_label(p.period) for p in scored.periods]
    series = [
        Series(
            name,
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
            (_Q.ACHIEVEMENT, "Indikator Kinerja", "achievement"),
            (_Q.ABSORPTION, "Penyerapan Anggaran", "absorption"),
            (_Q.PERFORMANCE, "Performance", "performance"),
        )
    ]
    chart = column_chart(
        "grafik-periode",
        "periods",
        f"Kinerja {report.office} per periode",
        groups,
        series,
        reference=_HUNDRED,
        reference_text="100%",
    )
    parts = [
        '<section id="periode"><h2>Kinerja Antar Periode</h2>',
        table,
        f'<figure class="chart">{chart}<figcaption>Capaian indikator kinerja, penyerapan '
        "anggaran dan performance kantor di setiap periode laporan; – : tidak tersedia."
        "</figcaption></figure>",
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
    section = "Kinerja Antar Periode"
    earlier, later = scored.period(change.earlier), scored.period(change.later)
    heading = f"Perubahan {earlier.period.label} → {later.period.label}"
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
        return (
            f"<h3>{text(heading)}</h3><p>Tidak tersedia: kedua periode tidak memuat capaian, "
            "penyerapan atau performance yang dapat dibandingkan.</p>"
        )
    before, after = text(short_label(earlier.period)), text(short_label(later.period))
    sub = f"<th>{before}</th><th>{after}</th><th>Perubahan</th>" * 3
    table = (
        f'<table class="changes"><caption>{text(heading)} (perubahan dalam poin persentase)'
        '</caption><thead><tr><th rowspan="2">No</th><th rowspan="2">Unit Kerja</th>'
        + "".join(f'<th colspan="3">{name}</th>' for _, _, name in _TRIPLE)
        + f"</tr><tr>{sub}</tr></thead><tbody>"
        + "".join(rows)
        + "</tbody></table>"
    )
    table = scrolling(table, heading)
    return f"<h3>{text(heading)}</h3>{table}{_change_chart(change, heading, drawn, axis)}"


_ATTRIBUTE = {
    _Q.ACHIEVEMENT: "achievement",
    _Q.ABSORPTION: "absorption",
    _Q.PERFORMANCE: "performance",
}


def _change_bars(report: Report, change: PeriodChange, fmt: Formats) -> tuple[list[Bar], str]:
    """The bars of a change chart and what they measure: performance per unit where known,
    else achievement; for a report without units, the change of each of the office's
    indicators."""
    names = {unit.code: unit.name for unit in report.units()}
    if not change.units:
        bars = [Bar(i.code, i.name, i.points, _points(fmt, i.points)) for i in change.indicators]
        return bars, "capaian tiap indikator"
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
    return bars, "performance" if quantity == "performance" else "capaian indikator kinerja"


def _change_chart(
    change: PeriodChange, heading: str, drawn: tuple[list[Bar], str], axis: Axis | None
) -> str:
    """Bars of the change per unit (or per indicator), on ``axis`` when the section has more
    than one change."""
    bars, what = drawn
    if all(bar.value is None for bar in bars):
        return ""
    title = f"Perubahan {what}, {heading.removeprefix('Perubahan ')} (poin persentase)"
    chart = bar_chart(
        f"grafik-perubahan-{change.earlier}-{change.later}", "change", title, bars, axis=axis
    )
    shared = "; sumbu sama untuk semua perubahan" if axis is not None else ""
    return (
        f'<figure class="chart">{chart}<figcaption>{text(title)}; batang merah: turun{shared}.'
        "</figcaption></figure>"
    )


def _points(fmt: Formats, value: Decimal | None) -> str:
    return "–" if value is None else fmt.points(value)


_SEVERITY = {
    Severity.ERROR: ("Kesalahan", "error"),
    Severity.WARNING: ("Peringatan", "warning"),
    Severity.INFO: ("Catatan", "info"),
}


_NOTATION_WORDS = {
    Notation.INDONESIAN: "notasi Indonesia: titik memisahkan ribuan, koma memulai desimal",
    Notation.DECIMAL_POINT: "notasi titik desimal: koma memisahkan ribuan, titik memulai desimal",
}


def audit_section(report: Report, marks: Marks, fmt: Formats) -> str:
    """Hasil Audit: every finding, numbered, grouped by unit, with its severity; errors link to
    the cells where they are marked. The notation slips (:func:`~lakipcore.render.marks.
    notation_slip`) are counted apart from the wrong values and listed after them."""
    findings = marks.findings
    counts = {s: sum(f.severity is s for f in findings) for s in Severity}
    slips = len(marks.slips)
    noted = f"{slips} kesalahan notasi, " if slips else ""
    parts = [
        '<section id="audit"><h2>Hasil Audit</h2>',
        "<p>lakipcore menghitung ulang setiap angka yang dicetak laporan dari masukannya dan "
        "membandingkannya pada presisi cetaknya: "
        f"<strong>{marks.wrong_values()} kesalahan</strong>, {noted}"
        f"{counts[Severity.WARNING]} peringatan, {counts[Severity.INFO]} catatan.</p>",
        '<p class="legend">Angka yang dicetak salah ditandai di tabel: <span class="printed">'
        "dicetak <s>angka laporan</s></span> <mark>seharusnya angka hasil hitung ulang</mark> "
        "dengan nomor temuannya.</p>",
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
        parts.append("<p>Tidak ada temuan: setiap angka yang dicetak sesuai hitung ulang.</p>")
    parts.append("</section>")
    return "".join(parts)


def _slips(report: Report, marks: Marks, fmt: Formats) -> str:
    """The notation slips, after the other findings: each as :func:`_finding` writes it, its
    badge saying what it is."""
    label, cls = _SEVERITY[Severity.ERROR]
    badge = f'<span class="badge {cls}">{label}</span>'
    items = []
    for number in sorted(marks.slips):
        finding = marks.findings[number - 1]
        item = _finding(report, marks, fmt, number, finding)
        item = item.replace(badge, '<span class="badge slip">Kesalahan notasi</span>', 1)
        item = item.replace(f'class="finding {cls}"', f'class="finding {cls} slip"', 1)
        items.append(item)
    return (
        '<h3 id="kesalahan-notasi">Kesalahan notasi</h3><p class="legend">Angka berikut bukan '
        f"angka dalam notasi laporan ini ({_NOTATION_WORDS[report.notation]}), tetapi nilainya "
        "dalam notasi yang lain sesuai hasil hitung ulang: salah tulis, bukan salah nilai, "
        "sehingga tidak dihitung sebagai kesalahan. Di tabel, teks yang dicetak tampil di atas "
        "nilainya, tanpa dicoret.</p>"
        f'<ol class="findings slips" start="{min(marks.slips)}">' + "".join(items) + "</ol>"
    )


def _finding(report: Report, marks: Marks, fmt: Formats, number: int, finding: Finding) -> str:
    label, cls = _SEVERITY[finding.severity]
    facts = [
        f'<span class="badge {cls}">{label}</span>',
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
            what = "uraian" if table.kind is TableKind.PROSE else "tabel"
            title = table.title or table.id
            # Titles often start with the word already ("Tabel 3.5 …", "Uraian …").
            named = title if title.lower().startswith(what) else f"{what} {title}"
            facts.append(text(named))
    if finding.subject.item is not None:
        facts.append(text(finding.subject.item))
    if finding.published is not None:
        facts.append(f"dicetak <b>{text(finding.published)}</b>")
    if finding.recomputed is not None:
        places = finding.places if finding.places is not None else fmt.places
        facts.append(f"hitung ulang <b>{fmt.number(finding.recomputed, places)}</b>")
    where = ""
    spots = marks.places(number)
    if spots:
        links = ", ".join(f'<a href="#{cell}">{text(section)}</a>' for cell, section in spots)
        where = f'<p class="marked">Ditandai di: {links}</p>'
    elif finding.severity is Severity.ERROR:
        where = '<p class="marked">Angka ini tidak tampil di tabel halaman ini.</p>'
    return (
        f'<li id="temuan-{number}" class="finding {cls}" value="{number}" '
        f'data-severity="{finding.severity.value}" data-unit="{text(finding.subject.unit)}">'
        f'<p class="facts">{" · ".join(facts)}</p><p class="message">'
        f"{text(finding.message_in(PAGE_LANGUAGE))}</p>{where}"
        f'<p class="where">{_where(finding)}</p></li>'
    )


# The page is written in Indonesian: its findings and locations speak it too, whatever the
# default language of the process (docs/language.md).
PAGE_LANGUAGE = "id"


def _where(finding: Finding) -> str:
    """Where the figure is, in words, then the file and line (``banten-2019.toml:255``) for
    whoever opens the file: the file's own name, never a directory."""
    location = finding.location
    words = location.words.render(PAGE_LANGUAGE) if location.words is not None else None
    file = file_name(location.source)
    if file is not None and location.line is not None:
        file = f"{file}:{location.line}"
    shown = [text(words)] if words else []
    if file:
        shown.append(f"<code>{text(file)}</code>")
    return " · ".join(shown)
