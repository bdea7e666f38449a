"""The monitoring page's words (headings, labels, notes), its CSS and the escaping every part
uses. Every msgid is English, marked for the catalogues; the page shows it in its language."""

from __future__ import annotations

from html import escape

from lakipcore.i18n import N_, Language
from lakipcore.model import ToDate
from lakipcore.monitoring.rules import ProjectionMethod, Status, Trajectory
from lakipcore.render.page_style import page_css

# Words of the header.
KICKER = N_("Performance monitoring during the year, computed by lakipcore")
YEAR = N_("Year")
MONITORED_TO = N_("Monitored to")
PERIODS = N_("Periods")
TOLERANCE = N_("Tolerance")
TOLERANCE_WORDS = N_("{tolerance} points either side of 100% ({low}% to {high}% is on track)")
PROJECTION_METHOD = N_("Projection method")
CONTENTS = N_("Contents")

# Column headings.
INDICATOR = N_("Indicator")
METHOD = N_("Method")
TRAJECTORY = N_("Trajectory")
ANNUAL_TARGET = N_("Year's target")
TARGET_TO_DATE = N_("Target to date")
REALISED_TO_DATE = N_("Realised to date")
CAPAIAN = N_("Capaian")
STATUS = N_("Status")
PROJECTION = N_("Projection")
PROJECTED = N_("projection")  # the mark beside a projected figure
TABLE_LABEL = N_("Indicators of {unit}")

# Words of each indicator's details.
USED = N_("Periods used")
MISSING = N_("Periods without a realisation")
NONE = N_("none")
NOT_AVAILABLE = N_("not available")
NOT_PROJECTED = N_("no projection: {reason}")
PROJECTION_SENTENCE = N_(
    "{value} by the year's end ({projection}, {method}); capaian {capaian} of the year's target"
)

# Words of the charts.
TARGET_LINE = N_("Target trajectory")
REALISED_LINE = N_("Realisation")
PROJECTION_LINE = N_("Projection to the year's end")
CUMULATIVE_VALUES = N_("values summed from January")
CHART_TITLE = N_("{indicator}: target trajectory, realisation and projection")
SERIES_VALUES = N_("{series}: {values}")
NO_VALUES = N_("no value")

FOOTER = N_(
    "Source: {source}. Made with lakipcore; the capaian to date, the status and the projection "
    "are computed from the targets and realisations of the report file. A projection is an "
    "estimate, not a realisation."
)
THE_REPORT = N_("the report")

METHOD_WORDS = {
    ToDate.CUMULATIVE: N_("cumulative"),
    ToDate.LATEST: N_("latest value"),
}
TRAJECTORY_WORDS = {
    Trajectory.PHASED: N_("phased targets"),
    Trajectory.STRAIGHT_LINE: N_("straight line from the year's target"),
}
PROJECTION_WORDS = {
    ProjectionMethod.TRAJECTORY: N_("trajectory"),
    ProjectionMethod.STRAIGHT_LINE: N_("straight line"),
}
PROJECTION_EXPLAINED = {
    ProjectionMethod.TRAJECTORY: N_(
        "trajectory: realised to date × the year's target ÷ target to date"
    ),
    ProjectionMethod.STRAIGHT_LINE: N_(
        "straight line: the pace of the filled periods carried to December"
    ),
}

STATUS_ORDER = (
    Status.BEHIND,
    Status.ON_TRACK,
    Status.AHEAD,
    Status.NOT_SCORABLE,
    Status.NO_DATA,
)

# Rules of the monitoring page on top of report.css: the status badges, the projection mark,
# each indicator's chart beside its details. Badges and lines keep their colours in print
# (report.css prints colours exactly).
CSS = """
.summary dd.small { font-size: 0.95rem; font-weight: 600; }
h2 code { font-size: 0.7em; font-weight: 400; text-transform: none; color: var(--muted); }
.tally { display: flex; flex-wrap: wrap; gap: 0.3rem 0.9rem; margin: 0.4rem 0;
  font-size: 0.9rem; }
.tally span.count { font-weight: 700; }
.periods { margin: 0.3rem 0; font-size: 0.9rem; color: var(--muted); overflow-wrap: anywhere; }
.badge.status { white-space: nowrap; }
.status-ahead { background: #1d5e20; }
.status-on-track { background: #1f5f99; }
.status-behind { background: var(--error); }
.status-no-data { background: #5a5a5a; }
.status-not-scorable { background: var(--warning); }
td.name { min-width: 9rem; }
td.name code { display: block; color: var(--muted); }
td.words { font-size: 0.95em; }
.projected { font-style: italic; }
.projected .tag { font-size: 0.85em; font-weight: 700; color: #b35900; white-space: nowrap; }
.projected .sub { display: block; font-size: 0.9em; color: var(--muted); }
article.indicator { margin: 1rem 0 1.4rem; break-inside: avoid; page-break-inside: avoid; }
article.indicator h3 { margin-bottom: 0.3rem; overflow-wrap: anywhere; }
article.indicator h3 code { font-weight: 400; color: var(--muted); }
.detail { display: grid; grid-template-columns: minmax(0, 22rem) minmax(0, 1fr); gap: 0.4rem 1.2rem;
  align-items: start; }
figure.trend { margin: 0; min-width: 0; }
figure.trend svg { display: block; width: 100%; height: auto; max-width: 360px; }
svg.trend { font-family: inherit; }
svg.trend text { fill: var(--ink); font-size: 10px; }
svg.trend text.tick { fill: var(--muted); font-size: 9px; }
svg.trend line.grid { stroke: #e1e1e1; stroke-width: 1; }
svg.trend line.zero { stroke: #5a5a5a; stroke-width: 1; }
svg.trend polyline { fill: none; stroke-width: 2; stroke-linejoin: round; }
svg.trend polyline.target { stroke: #1f5f99; }
svg.trend polyline.realised { stroke: #b35900; }
svg.trend polyline.projection { stroke: #b35900; stroke-dasharray: 5 4; }
svg.trend .target circle { fill: #1f5f99; }
svg.trend .realised circle { fill: #b35900; }
svg.trend .projection circle { fill: #fff; stroke: #b35900; stroke-width: 1.5; }
svg.trend text.projection-label { fill: #b35900; font-style: italic; font-weight: 700; }
.legend { display: flex; flex-wrap: wrap; gap: 0.1rem 0.8rem; margin: 0.2rem 0 0; }
.key { display: inline-block; width: 1.4rem; margin-right: 0.3rem; vertical-align: middle;
  border-top: 2px solid #1f5f99; }
.key.realised { border-top-color: #b35900; }
.key.projection { border-top: 2px dashed #b35900; }
dl.facts { display: grid; grid-template-columns: minmax(6rem, max-content) minmax(0, 1fr);
  gap: 0.25rem 0.8rem; margin: 0; font-size: 0.9rem; }
dl.facts dt { color: var(--muted); font-size: 0.85rem; }
dl.facts dd { margin: 0; overflow-wrap: anywhere; }
@media (max-width: 40rem) {
  .detail { grid-template-columns: minmax(0, 1fr); }
  dl.facts { grid-template-columns: minmax(0, 1fr); }
  dl.facts dd { margin-bottom: 0.3rem; }
}
@media print {
  .detail { grid-template-columns: 80mm minmax(0, 1fr); }
  figure.trend svg { max-width: 80mm; }
}
"""


def e(value: object) -> str:
    """``value`` as text escaped for HTML text and attributes."""
    return escape(str(value))


def css(lang: Language) -> str:
    """report.css, this page's own rules, and the number of each printed page in ``lang``
    ("Halaman 3 dari 12"), as the report page numbers its pages."""
    return page_css(lang, CSS)
