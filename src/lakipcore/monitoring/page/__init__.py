"""Monitoring during the year as one self-contained HTML page (docs/monitoring.md).

:func:`monitoring_page` reads a :class:`~lakipcore.monitoring.Monitoring` and the
:class:`~lakipcore.Assessment` it was made from, and computes nothing of its own: every figure
of the tables is the monitoring's, exact, rounded once when it is shown (``places`` and
``rounding``), in the Indonesian style in every language. The page needs nothing but itself:
the CSS is inline (the report page's ``report.css`` and a few rules of its own), the charts
are inline SVG, there is no script and no link to load. Its words come from the message
catalogues, in Indonesian by default, in English with ``lang="en"``.

It shows: the report, the year, the period monitored to, the periods, the tolerance and the
projection method of the rules, and how many indicators stand where; then, unit by unit, a
table of the indicators (method, trajectory, the year's target, target and realisation to
date, capaian, status as a coloured badge, the projection marked as one: in italics, with the
word "proyeksi"), and for each indicator a small chart (the target trajectory, the
realisation of the filled periods, the projection to December, dashed and labelled) beside
the reason of its status, the periods used and those without a realisation. The charts draw
the periods' own targets from the assessment (:mod:`lakipcore.monitoring.page.series`); the
page scrolls sideways on no screen (a wide table scrolls in its own box) and prints on
numbered A4 pages.
"""

from __future__ import annotations

import re
from decimal import Decimal

from lakipcore._exact import HUNDRED, add, sub
from lakipcore.errors import LakipTypeError, UnknownNameError
from lakipcore.figures import format_number
from lakipcore.i18n import M_, Language, Message, language, translate
from lakipcore.model import PeriodKind, ToDate
from lakipcore.monitoring.page import words as w
from lakipcore.monitoring.page.chart import Line, Point, trend_chart
from lakipcore.monitoring.page.series import drawn, tick_label
from lakipcore.monitoring.page.words import css, e
from lakipcore.monitoring.progress import IndicatorProgress, Monitoring, UnitProgress
from lakipcore.monitoring.rules import ProjectionMethod, Status
from lakipcore.render.common import assessment_of
from lakipcore.render.marks import said
from lakipcore.render.sections import scrolling
from lakipcore.results.assessment import Assessment
from lakipcore.results.findings import file_name
from lakipcore.rounding import Rounding, round_to

__all__ = ["monitoring_page"]

_UNSAFE = re.compile(r"[^A-Za-z0-9.\-]")


def anchor_of(kind: str, *parts: str) -> str:
    """An element id (``indikator-u--i``): letters, digits, dots and dashes as they are, any
    other character by its code, so that two codes never share an id."""
    safe = (_UNSAFE.sub(lambda m: f"_{ord(m.group()):x}_", part) for part in parts)
    return f"{kind}-" + "--".join(safe)


class _Page:
    """The page in one language and one rounding."""

    def __init__(
        self,
        monitoring: Monitoring,
        assessment: Assessment,
        places: int,
        rounding: Rounding,
        lang: Language,
    ) -> None:
        self.monitoring, self.assessment = monitoring, assessment
        self.places, self.rounding, self.lang = places, rounding, lang
        by_key = {p.key: p for p in assessment.report.periods}
        missing = [key for key in monitoring.periods if key not in by_key]
        if missing:
            raise UnknownNameError(
                M_(
                    "the monitoring is not of this assessment: its period {period} is not a "
                    "period of the report",
                    period=missing[0],
                ),
                field="assessment",
            )
        self.periods = [by_key[key] for key in monitoring.periods]
        self.by_key = by_key

    # --- words and figures -----------------------------------------------------------------

    def t(self, msgid: str) -> str:
        """``msgid`` (marked with ``N_``) in the page's language, escaped."""
        return e(translate(msgid, self.lang))

    def m(self, message: Message) -> str:
        """``message`` in the page's language, escaped."""
        return e(message.render(self.lang))

    def plain(self, value: Decimal) -> str:
        """``value`` rounded once, as text (``82,39``)."""
        return format_number(round_to(value, self.places, self.rounding))

    def shown(
        self,
        value: Decimal | None,
        suffix: str = "",
        level: str | None = None,
        upper: Decimal | None = None,
    ) -> str:
        """``value`` rounded once (or its predikat's ``level``; of a range, both ends to
        ``upper``), its exact value in its title; a dash titled "not available" for none."""
        if value is None:
            return f'<span class="na" title="{self.t(w.NOT_AVAILABLE)}">–</span>'
        text = self.plain(value) if level is None else level
        exact = format(value, "f")
        if upper is not None and level is None:
            text += "\u2013" + self.plain(upper)
            exact += "\u2013" + format(upper, "f")
        return f'<span title="{e(exact)}">{e(text)}{e(suffix)}</span>'

    def label(self, key: str) -> str:
        period = self.by_key.get(key)
        return key if period is None else f"{period.label} ({key})"

    def badge(self, status: Status) -> str:
        return (
            f'<span class="badge status status-{e(status.value)}" data-status="{e(status.value)}">'
            f"{self.t(status.words)}</span>"
        )

    # --- the header ------------------------------------------------------------------------

    def header(self) -> str:
        monitoring, report = self.monitoring, self.assessment.report
        rules = monitoring.rules
        title = report.title or report.office
        tolerance = rules.tolerance
        low, high = sub(HUNDRED, tolerance), add(HUNDRED, tolerance)
        method = rules.projection or ProjectionMethod.TRAJECTORY
        items = (
            (w.YEAR, "year", e(monitoring.year)),
            (w.MONITORED_TO, "to small", e(self.label(monitoring.to))),
            (
                w.TOLERANCE,
                "tolerance small",
                self.m(
                    M_(
                        w.TOLERANCE_WORDS,
                        tolerance=format_number(tolerance),
                        low=format_number(low),
                        high=format_number(high),
                    )
                ),
            ),
            (
                w.PROJECTION_METHOD,
                "projection-method small",
                f'<span data-method="{e(method.value)}">'
                f"{self.t(w.PROJECTION_EXPLAINED[method])}</span>",
            ),
        )
        summary = "".join(
            f'<div><dt>{self.t(label)}</dt><dd class="{cls}">{value}</dd></div>'
            for label, cls, value in items
        )
        periods = ", ".join(e(self.label(key)) for key in monitoring.periods)
        counts = dict.fromkeys(Status, 0)
        for item in monitoring.indicators():
            counts[item.status] += 1
        tally = "".join(
            f'<span>{self.badge(status)} <span class="count">{counts[status]}</span></span>'
            for status in w.STATUS_ORDER
            if counts[status]
        )
        office = e(report.office) if report.title else ""
        return (
            f'<header><p class="kicker">{self.t(w.KICKER)}</p><h1>{e(title)}</h1>'
            + (f'<p class="office">{office}</p>' if office else "")
            + f'<dl class="summary" id="ringkasan">{summary}</dl>'
            f'<p class="periods"><strong>{self.t(w.PERIODS)}:</strong> {periods}</p>'
            + (f'<p class="tally" id="status">{tally}</p>' if tally else "")
            + self.contents()
            + "</header>"
        )

    def contents(self) -> str:
        units = self.monitoring.units
        if len(units) < 2:
            return ""
        links = "".join(
            f'<li><a href="#{anchor_of("unit", u.code)}">{e(u.name)}</a></li>' for u in units
        )
        return f'<nav aria-label="{self.t(w.CONTENTS)}"><ol>{links}</ol></nav>'

    # --- a unit ----------------------------------------------------------------------------

    def unit(self, unit: UnitProgress) -> str:
        heads = (
            w.INDICATOR,
            w.METHOD,
            w.TRAJECTORY,
            w.ANNUAL_TARGET,
            w.TARGET_TO_DATE,
            w.REALISED_TO_DATE,
            w.CAPAIAN,
            w.STATUS,
            w.PROJECTION,
        )
        head = "".join(f'<th scope="col">{self.t(h)}</th>' for h in heads)
        rows = "".join(self.row(item) for item in unit.indicators)
        label = M_(w.TABLE_LABEL, unit=unit.name).render(self.lang)
        table = (
            f'<table class="monitoring" data-unit="{e(unit.code)}" aria-label="{e(label)}">'
            f"<thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"
        )
        details = "".join(self.indicator(item) for item in unit.indicators)
        return (
            f'<section class="unit" id="{anchor_of("unit", unit.code)}">'
            f"<h2>{e(unit.name)} <code>{e(unit.code)}</code></h2>"
            f"{scrolling(table, label)}{details}</section>"
        )

    def row(self, item: IndicatorProgress) -> str:
        anchor = anchor_of("indikator", item.unit, item.code)
        level = item.level
        annual_upper, upper = item.annual_target_upper, item.target_to_date_upper
        return (
            f'<tr data-indicator="{e(item.code)}" data-status="{e(item.status.value)}">'
            f'<td class="name"><a href="#{anchor}">{e(item.name)}</a><code>{e(item.code)}</code>'
            f'</td><td class="words method" data-method="{e(item.method.value)}">'
            f"{self.t(w.METHOD_WORDS[item.method])}</td>"
            f'<td class="words trajectory" data-trajectory="{e(item.trajectory.value)}">'
            f"{self.t(w.TRAJECTORY_WORDS[item.trajectory])}</td>"
            f'<td class="num annual">'
            f"{self.shown(item.annual_target, level=level(item.annual_target), upper=annual_upper)}"
            f'</td><td class="num target">'
            f"{self.shown(item.target_to_date, level=level(item.target_to_date), upper=upper)}</td>"
            f'<td class="num realised">'
            f"{self.shown(item.realised_to_date, level=item.level(item.realised_to_date))}</td>"
            f'<td class="num capaian">{self.shown(item.capaian, "%")}</td>'
            f"<td>{self.badge(item.status)}</td>"
            f'<td class="num">{self.projected(item)}</td></tr>'
        )

    def projected(self, item: IndicatorProgress) -> str:
        """The projection, marked as one: in italics, with the word "proyeksi", its capaian
        under it."""
        if item.projection is None:
            return self.shown(None)
        capaian = ""
        if item.projected_capaian is not None:
            capaian = (
                f'<span class="sub">{self.t(w.CAPAIAN)} '
                f"{self.shown(item.projected_capaian, '%')}</span>"
            )
        return (
            f'<span class="projected" data-projection="{e(format(item.projection, "f"))}">'
            f'{self.shown(item.projection)} <span class="tag">({self.t(w.PROJECTED)})</span>'
            f"{capaian}</span>"
        )

    # --- an indicator's chart and details --------------------------------------------------

    def indicator(self, item: IndicatorProgress) -> str:
        anchor = anchor_of("indikator", item.unit, item.code)
        used = ", ".join(e(self.label(k)) for k in item.used) or self.t(w.NONE)
        missing = ", ".join(e(self.label(k)) for k in item.missing) or self.t(w.NONE)
        facts = (
            (w.STATUS, "reason", f"{self.badge(item.status)} {self.m(item.reason)}"),
            (w.USED, "used", used),
            (w.MISSING, "missing", missing),
            (w.PROJECTION, "projection", self.projection_words(item)),
        )
        listed = "".join(
            f'<dt>{self.t(label)}</dt><dd class="{cls}">{value}</dd>' for label, cls, value in facts
        )
        return (
            f'<article class="indicator" id="{anchor}" data-indicator="{e(item.code)}">'
            f"<h3>{e(item.name)} <code>{e(item.code)}</code></h3>"
            f'<div class="detail">{self.chart(item, anchor)}'
            f'<dl class="facts">{listed}</dl></div></article>'
        )

    def projection_words(self, item: IndicatorProgress) -> str:
        if item.projection is None:
            if item.projection_reason is None:
                return self.shown(None)
            return self.m(M_(w.NOT_PROJECTED, reason=item.projection_reason))
        method = item.projection_method or ProjectionMethod.TRAJECTORY
        sentence = said(
            w.PROJECTION_SENTENCE,
            self.lang,
            value=f"<em>{self.shown(item.projection)}</em>",
            projection=self.t(w.PROJECTED),
            method=self.t(w.PROJECTION_WORDS[method]),
            capaian=self.shown(item.projected_capaian, "%"),
        )
        why = "" if item.projection_reason is None else f"; {self.m(item.projection_reason)}"
        return f'<span class="projected">{sentence}{why}</span>'

    def chart(self, item: IndicatorProgress, anchor: str) -> str:
        series = drawn(self.monitoring, self.assessment, self.periods, item, self.plain)
        lines = (
            Line("target", translate(w.TARGET_LINE, self.lang), series.target),
            Line("realised", translate(w.REALISED_LINE, self.lang), series.realised),
            Line("projection", translate(w.PROJECTION_LINE, self.lang), series.projection),
        )
        summed = (
            item.method is ToDate.CUMULATIVE and self.periods[0].kind is not PeriodKind.CUMULATIVE
        )
        title = M_(w.CHART_TITLE, indicator=item.name).render(self.lang)
        if summed:
            title += f" ({translate(w.CUMULATIVE_VALUES, self.lang)})"
        description = title + ". " + "; ".join(self.described(line) for line in lines) + "."
        ticks = [(p.span.end.month, tick_label(p)) for p in self.periods]
        svg = trend_chart(
            f"grafik-{anchor}",
            title,
            description,
            ticks,
            [line for line in lines if line.points],
            projection_label=translate(w.PROJECTED, self.lang),
        )
        keys = "".join(
            f'<span><span class="key {line.name}" aria-hidden="true"></span>{e(line.words)}</span>'
            for line in lines
            if line.points
        )
        return f'<figure class="trend">{svg}<figcaption class="legend">{keys}</figcaption></figure>'

    def described(self, line: Line) -> str:
        def name(point: Point) -> str:
            period = self.by_key.get(point.period)
            return point.period if period is None else tick_label(period)

        values = ", ".join(f"{name(p)} {p.text}" for p in line.points)
        return M_(
            w.SERIES_VALUES, series=line.words, values=values or translate(w.NO_VALUES, self.lang)
        ).render(self.lang)

    # --- the page --------------------------------------------------------------------------

    def page(self) -> str:
        monitoring, report = self.monitoring, self.assessment.report
        body = "".join(self.unit(unit) for unit in monitoring.units)
        source = (
            file_name(monitoring.source or self.assessment.source)
            or report.source  # where the report was published, as the report page says
            or translate(w.THE_REPORT, self.lang)
        )
        made = said(w.FOOTER, self.lang, source=e(source))
        title = f"{report.title or report.office} – {self.label(monitoring.to)}"
        return (
            f'<!DOCTYPE html>\n<html lang="{self.lang}"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{e(title)}</title><style>{css(self.lang)}</style></head><body>"
            f"{self.header()}<main>{body}</main><footer><p>{made}</p></footer>"
            "</body></html>\n"
        )


def monitoring_page(
    monitoring: Monitoring,
    assessment: Assessment,
    *,
    places: int = 2,
    rounding: Rounding = Rounding.HALF_UP,
    lang: str | None = None,
) -> str:
    """``monitoring`` (of ``assessment``) as one self-contained HTML page (module docs):
    figures rounded to ``places`` with ``rounding`` when shown, words in ``lang``
    (Indonesian by default).

    >>> from importlib import resources
    >>> import lakipcore
    >>> from lakipcore import monitoring
    >>> name = "bpom-pangkalpinang-2021.toml"
    >>> text = resources.files("lakipcore.data").joinpath(name).read_text("utf-8")
    >>> assessment = lakipcore.assess(lakipcore.loads_report(text))
    >>> page = monitoring_page(monitoring.monitor(assessment), assessment, lang="en")
    >>> "82,39%" in page and "<script" not in page
    True
    """
    if not isinstance(monitoring, Monitoring):
        raise LakipTypeError(
            M_(
                "{output} reads a Monitoring, got {type}; make one with "
                "lakipcore.monitoring.monitor(assessment)",
                output="monitoring_page",
                type=type(monitoring).__name__,
            ),
            field="monitoring",
        )
    chosen = assessment_of(assessment, "monitoring_page")
    return _Page(monitoring, chosen, places, rounding, language(lang)).page()
