"""Plain-text tables in the report's layout and Indonesian number format (``lakip score``).

>>> import lakipcore
>>> from lakipcore.render.text import render_score_text
>>> assessment = lakipcore.assess(lakipcore.load_example(), audit=False)
>>> text = render_score_text(assessment, tables=("dashboard",))
>>> print(text.splitlines()[2])
DASHBOARD PERFORMANCE Tahun Anggaran 2019  (metode: banten-2019)

Three tables, chosen by name (:data:`TABLES`): the Dashboard Performance of the main period,
the Realisasi Indikator Kinerja of each unit in the main period (satuan, target, realisasi and
capaian of every indicator, under its sasaran), and one change table per pair of consecutive
periods of a kind; then the method of each period the report names none for, and why; and the
audit's findings as ``lakip audit`` lists them (:func:`render_findings`). Both read an
:class:`~lakipcore.Assessment` and compute nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Final

from lakipcore.errors import UnknownNameError
from lakipcore.figures import NotTargeted, format_number, format_percent
from lakipcore.i18n import M_, N_, Language, Message, language, translate
from lakipcore.model import MeasureKind, Report, Target
from lakipcore.notation import Notation
from lakipcore.render.common import (
    assessment_of,
    grades_capaian,
    measure_text,
    numbered_units,
    realisation_text,
)
from lakipcore.render.json import method_choice
from lakipcore.results.assessment import Assessment
from lakipcore.results.scores import PeriodChange, PeriodScore, ReportScore, UnitScore
from lakipcore.rounding import Rounding

if TYPE_CHECKING:  # the findings are loaded by the audit that makes them
    from lakipcore.results.findings import Finding, Findings

__all__ = [
    "DEFAULT_TABLES",
    "TABLES",
    "parse_tables",
    "render_findings",
    "render_score_text",
    "satuan_text",
    "text_table",
]

TABLES = ("dashboard", "indicators", "changes")
"""The tables :func:`render_score_text` can print, in the order it prints them."""

DEFAULT_TABLES = TABLES
"""All three: ``lakip score`` prints them unless ``--tables`` chooses."""

_NAME_WIDTH = 52


def text_table(header: Sequence[str], rows: Sequence[Sequence[str]], left: int = 2) -> list[str]:
    """Columns padded to their widest cell: the first ``left`` to the left (text), the others
    to the right (figures)."""
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    lines = []
    for row in [header, *rows]:
        cells = [
            cell.ljust(widths[i]) if i < left else cell.rjust(widths[i])
            for i, cell in enumerate(row)
        ]
        lines.append("  ".join(cells).rstrip())
    lines.insert(1, "  ".join("-" * w for w in widths))
    return lines


def _name(text: str) -> str:
    return text if len(text) <= _NAME_WIDTH else text[: _NAME_WIDTH - 1] + "…"


class _Percent:
    def __init__(self, places: int, rounding: Rounding):
        self.places, self.rounding = places, rounding

    def __call__(self, value: Decimal | None) -> str:
        return "-" if value is None else format_percent(value, self.places, self.rounding)


def _label(name: str, depth: int) -> str:
    return _name("  " * depth + name)


def _words(lang: Language, *msgids: str) -> list[str]:
    return [translate(msgid, lang) for msgid in msgids]


def _dashboard(period: PeriodScore, pct: _Percent, lang: Language) -> list[str]:
    rows = [[n, _label(u.name, d), *_triple(u, pct)] for n, d, u in numbered_units(period)]
    header = _words(
        lang,
        N_("NO"),
        N_("WORK UNIT"),
        N_("INDICATORS"),
        N_("BUDGET ABSORPTION"),
        N_("PERFORMANCE"),
    )
    title = M_(
        "DASHBOARD PERFORMANCE {period}  (method: {method})",
        period=period.period.label,
        method=period.method.name,
    ).render(lang)
    return [title, "", *text_table(header, rows)]


def _triple(score: UnitScore | None, pct: _Percent) -> list[str]:
    if score is None:
        return ["-", "-", "-"]
    return [pct(score.achievement), pct(score.absorption), pct(score.performance)]


def _change_table(
    scored: ReportScore,
    change: PeriodChange,
    names: dict[str, str],
    pct: _Percent,
    lang: Language,
) -> list[str]:
    earlier, later = scored.period(change.earlier), scored.period(change.later)
    absorption, performance = _words(lang, N_("ABSORPTION"), N_("PERFORMANCE"))
    header = [
        *_words(lang, N_("NO"), N_("WORK UNIT")),
        M_("{key} INDICATORS", key=earlier.key).render(lang),
        absorption,
        performance,
        M_("{key} INDICATORS", key=later.key).render(lang),
        absorption,
        performance,
        translate(N_("CHANGE"), lang),
    ]
    office = later.root
    rows = [
        [
            "A",
            _name(office.name),
            *_triple(earlier.root, pct),
            *_triple(later.root, pct),
            pct(change.office.performance),
        ]
    ]
    for number, unit in enumerate(change.units, 1):
        before = earlier.unit(unit.code) if earlier.has_unit(unit.code) else None
        now = later.unit(unit.code) if later.has_unit(unit.code) else None
        rows.append(
            [
                str(number),
                _name(names.get(unit.code, unit.name)),
                *_triple(before, pct),
                *_triple(now, pct),
                pct(unit.change.performance),
            ]
        )
    title = M_(
        "PERFORMANCE {earlier} → {later}  (method: {earlier_method} / {later_method}; "
        "changes in percentage points)",
        earlier=earlier.period.label,
        later=later.period.label,
        earlier_method=earlier.method.name,
        later_method=later.method.name,
    ).render(lang)
    return [title, "", *text_table(header, rows)]


def satuan_text(
    target: Target | NotTargeted, report: Report | None = None, lang: str | None = None
) -> str:
    """The satuan (unit of measure) of an indicator's figures, as a LAKIP table's Satuan
    column prints it: ``%``, a count's label (``Laporan``), an index's word and scale
    (``Indeks (skala 4)``, ``skala 10``; in English ``scale 10``); ``-`` when not targeted or
    a bare count. The scale is written in ``report``'s notation."""
    if isinstance(target, NotTargeted):
        return "-"
    if target.kind is MeasureKind.PERCENT:
        return "%"
    if target.kind is MeasureKind.INDEX and target.scale is not None:
        notation = Notation.INDONESIAN if report is None else report.notation
        scale = format_number(target.scale, notation=notation)
        if target.unit:
            return M_("{unit} (scale {scale})", unit=target.unit, scale=scale).render(lang)
        return M_("scale {scale}", scale=scale).render(lang)
    return target.unit or "-"


def _indicator_rows(
    report: Report, score: UnitScore, pct: _Percent, lang: Language
) -> list[tuple[str | None, list[str]]]:
    """Each indicator's sasaran (``None`` when it names none) and its row."""
    try:
        unit = report.unit(score.code)
    except KeyError:  # a score of another report: names and figures only
        unit = None
    rows = []
    for number, item in enumerate(score.indicators, 1):
        entry, goal = None, None
        if unit is not None:
            try:
                indicator = unit.indicator(item.code)
            except KeyError:
                pass
            else:
                entry, goal = indicator.at(score.period), indicator.goal
        satuan = "-" if entry is None else satuan_text(entry.target, report, lang)
        if entry is None:
            target = "-"
            realised = "-"
        elif isinstance(entry.target, NotTargeted):
            target, realised = translate(N_("Not targeted"), lang), "-"
        else:
            target = measure_text(entry.target)
            realised = realisation_text(entry, item.realisation) or "-"
        row = [
            str(number),
            item.code,
            _name(item.name),
            satuan,
            target,
            realised,
            pct(item.capaian),
        ]
        if grades_capaian(report):
            row.append(item.grade or "-")
        rows.append((goal, row))
    return rows


def _indicators(report: Report, period: PeriodScore, pct: _Percent, lang: Language) -> list[str]:
    """One REALISASI INDIKATOR KINERJA table per unit with indicators of its own; each run of
    indicators of one sasaran under a ``Sasaran:`` line."""
    header = _words(
        lang,
        N_("NO"),
        N_("CODE"),
        N_("PERFORMANCE INDICATOR"),
        N_("MEASURE"),
        N_("TARGET"),
        N_("REALISATION"),
        N_("ACHIEVEMENT"),
    )
    if grades_capaian(report):
        header.append(translate(N_("GRADE"), lang))
    lines: list[str] = []
    for _, _, score in numbered_units(period):
        if not score.indicators:
            continue
        if lines:
            lines.append("")
        rows = _indicator_rows(report, score, pct, lang)
        table = text_table(header, [row for _, row in rows], left=4)
        body, shown = table[:2], None
        for (goal, _), line in zip(rows, table[2:], strict=True):
            if goal is not None and goal != shown:
                body.append(M_("Objective: {goal}", goal=goal).render(lang))
            shown = goal
            body.append(line)
        title = M_(
            "PERFORMANCE INDICATOR REALISATION {unit} {period}",
            unit=score.name,
            period=period.period.label,
        )
        lines += [title.render(lang), "", *body]
    return lines


_CHOSEN: Final = {
    "inferred": N_(
        "the report names no method, so the aggregation that best explains its printed office "
        "row was chosen"
    ),
    "default": N_(
        "the report names no method and prints no office row, so the default aggregation is "
        "used (achievement averaged over every indicator, absorption Σ realisasi / Σ pagu)"
    ),
}


def _methods_chosen(report: Report, scored: ReportScore, lang: Language) -> list[str]:
    """A line for each period the report names no method for: the method and why."""
    lines = []
    for period in scored.periods:
        why = _CHOSEN.get(method_choice(report, period))
        if why is not None:
            line = M_(
                "Method {period}: {method}; {why}.",
                period=period.period.label,
                method=period.method.name,
                why=Message(why),
            )
            lines.append(line.render(lang))
    return lines


def parse_tables(text: str) -> tuple[str, ...]:
    """Table names separated by commas (``"dashboard,indicators"``), in :data:`TABLES` order;
    an unknown name is an :class:`~lakipcore.errors.UnknownNameError`."""
    names = [name.strip() for name in text.split(",") if name.strip()]
    unknown = [name for name in names if name not in TABLES]
    if unknown or not names:
        raise UnknownNameError(
            M_("unknown table {table}", table=repr(unknown[0]))
            if unknown
            else M_("no table named"),
            field="--tables",
        )
    return tuple(name for name in TABLES if name in names)


def render_score_text(
    assessment: Assessment,
    *,
    places: int = 2,
    rounding: Rounding = Rounding.HALF_UP,
    tables: Iterable[str] = DEFAULT_TABLES,
    lang: str | None = None,
) -> str:
    """The chosen ``tables`` (names of :data:`TABLES`, printed in that order) of the
    assessment's scores, as text in the report's number format, rounded with ``rounding`` at
    ``places``: the Dashboard Performance of the main period, the Realisasi Indikator Kinerja
    of every unit in it, and a table for each change between periods. Headings and notes are
    in ``lang`` (:func:`lakipcore.i18n.language`: Indonesian unless asked otherwise)."""
    assessment = assessment_of(assessment, "render_score_text")
    report, scored = assessment.report, assessment.scores
    chosen = set(tables)
    unknown = sorted(chosen - set(TABLES))
    if unknown:
        known = ", ".join(TABLES)
        raise UnknownNameError(
            M_("unknown table {value}; expected {known}", value=repr(unknown[0]), known=known),
            field="tables",
        )
    chosen_lang = language(lang)
    pct = _Percent(places, rounding)
    lines = [report.title or report.office]
    if "dashboard" in chosen:
        lines += ["", *_dashboard(scored.current, pct, chosen_lang)]
    if "indicators" in chosen:
        lines += ["", *_indicators(report, scored.current, pct, chosen_lang)]
    if "changes" in chosen:
        names = {unit.code: unit.name for unit in report.units()}
        for change in scored.changes:
            lines += ["", *_change_table(scored, change, names, pct, chosen_lang)]
    methods = _methods_chosen(report, scored, chosen_lang)
    if methods:
        lines += ["", *methods]
    rounded = M_(
        "Rounding: {rounding}, {places} decimal places, only when shown.",
        rounding=rounding.value,
        places=places,
    )
    lines += ["", rounded.render(chosen_lang)]
    return "\n".join(lines) + "\n"


def render_findings(assessment: Assessment, *, lang: str | None = None) -> str:
    """The audit's findings as text, grouped by unit (the office first, then the units in
    report order), one per line, with the counts last (the output of ``lakip audit``), in
    ``lang`` (:func:`lakipcore.i18n.language`: Indonesian unless asked otherwise)."""
    assessment = assessment_of(assessment, "render_findings")
    findings: Findings = assessment.audit_findings("render_findings")
    names = {unit.code: unit.name for unit in assessment.report.units()}
    grouped: dict[str, list[Finding]] = {}
    for finding in findings:
        grouped.setdefault(finding.subject.unit, []).append(finding)
    lines = []
    for code, name in names.items():
        members = grouped.get(code, [])
        if not members:
            continue
        lines.append(f"{code} ({name})")
        lines += [f"  {finding.describe(lang)}" for finding in members]
    others = [f for f in findings if f.subject.unit not in names]
    if others:
        lines.append(translate(N_("other"), lang))
        lines += [f"  {finding.describe(lang)}" for finding in others]
    lines.append(findings.counted(lang))
    return "\n".join(lines) + "\n"
