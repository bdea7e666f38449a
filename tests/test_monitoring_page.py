"""The monitoring page (lakipcore.monitoring.page) as text: its figures rounded once, the
projection marked as one, the status badges, one line per series in each chart with a point
per period drawn, its words in both languages, and that it is one self-contained, escaped file.

The browser's view of the page (charts visible, phone, print) is in
tests/browser/test_browser_monitoring_page.py. Expected figures come from the monitoring itself
or are worked by hand, never read from the page.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from decimal import Decimal
from html.parser import HTMLParser
from importlib import resources

import attrs
import pytest

import lakipcore
from lakipcore import monitoring
from lakipcore.errors import LakipTypeError, UnknownNameError
from lakipcore.figures import format_number
from lakipcore.i18n import translate
from lakipcore.monitoring import MonitoringRules, ProjectionMethod, Status
from lakipcore.monitoring.page import monitoring_page, words
from lakipcore.rounding import Rounding, round_to

QUARTERS = ("2024-tw1", "2024-tw2", "2024-tw3", "2024-tw4")
MONTHS = tuple(f"2024-{m:02d}" for m in range(1, 13))


@attrs.frozen
class Item:
    """One indicator of a built report: each period's (target, realisation); a period left
    out has no entry; ``annual`` the year's target."""

    code: str
    name: str
    periods: Mapping[str, tuple[str | None, str | None]]
    annual: str | None = None
    extra: str = ""


def report_text(
    items: Sequence[Item],
    *,
    unit: str = "Unit",
    keys: Sequence[str] = QUARTERS,
    planned: Sequence[str] = (),
) -> str:
    """A report of the office's indicators, its periods ``keys`` and the year (as
    tests/test_monitoring.py builds them)."""
    lines = ["schema = 2", "", "[report]", 'title = "Rencana Aksi 2024"', ""]
    for key in (*keys, "2024"):
        lines += ["[[periods]]", f'key = "{key}"', 'method = "banten-2019"']
        if key in planned or key == "2024":
            lines.append("planned = true")
        lines.append("")
    lines += ["[office]", 'code = "u"', f"name = {json.dumps(unit)}", ""]
    for item in items:
        lines += [
            "[[office.indicators]]",
            f'code = "{item.code}"',
            f"name = {json.dumps(item.name)}",
        ]
        lines += [item.extra, ""]
        for key, (target, realisation) in item.periods.items():
            lines.append(f"[office.indicators.periods.{key}]")
            if target is not None:
                lines.append(f'target = "{target}"')
            if realisation is not None:
                lines.append(f'realisation = "{realisation}"')
            lines.append("")
        if item.annual is not None:
            lines += ["[office.indicators.periods.2024]", f'target = "{item.annual}"', ""]
    return "\n".join(lines) + "\n"


COUNTS = Item(
    "laporan",
    "Jumlah laporan",
    {
        "2024-tw1": ("10 Laporan", "12 Laporan"),
        "2024-tw2": ("10 Laporan", "0 Laporan"),
        "2024-tw3": ("10 Laporan", "9 Laporan"),
        "2024-tw4": ("10 Laporan", None),
    },
    annual="40 Laporan",
)
LEVELS = Item(
    "indeks",
    "Indeks kepuasan",
    {
        "2024-tw1": ("85%", "84%"),
        "2024-tw2": ("87%", "-"),
        "2024-tw3": ("88%", "86%"),
        "2024-tw4": ("90%", None),
    },
    annual="90%",
)
LINE = Item(
    "sosialisasi",
    "Jumlah sosialisasi",
    {
        "2024-tw1": ("40 Kali", "12 Kali"),
        "2024-tw2": ("40 Kali", "0 Kali"),
        "2024-tw3": ("40 Kali", "9 Kali"),
        "2024-tw4": ("40 Kali", None),
    },
    annual="40 Kali",
    extra='phasing = "annual"',
)
EMPTY = Item("kosong", "Belum terisi", {"2024-tw1": ("10 Dokumen", "n/a")})


def bpom() -> lakipcore.Assessment:
    """The interim reports of Balai POM di Pangkalpinang, 2021 (docs/monitoring.md)."""
    name = "bpom-pangkalpinang-2021.toml"
    text = resources.files("lakipcore.data").joinpath(name).read_text("utf-8")
    return lakipcore.assess(lakipcore.loads_report(text))


def assessed(text: str) -> lakipcore.Assessment:
    return lakipcore.assess(lakipcore.loads_report(text))


@pytest.fixture(scope="module")
def example() -> tuple[monitoring.Monitoring, lakipcore.Assessment]:
    assessment = assessed(report_text([COUNTS, LEVELS, LINE, EMPTY], planned=("2024-tw4",)))
    return monitoring.monitor(assessment), assessment


@pytest.fixture(scope="module")
def page_id(example: tuple[monitoring.Monitoring, lakipcore.Assessment]) -> str:
    return monitoring_page(*example, lang="id")


@pytest.fixture(scope="module")
def page_en(example: tuple[monitoring.Monitoring, lakipcore.Assessment]) -> str:
    return monitoring_page(*example, lang="en")


# --- reading the page -----------------------------------------------------------------------


@attrs.define
class Chart:
    """One indicator's chart: its series' polylines (the number of points of each) and the
    exact values of each series' points."""

    polylines: dict[str, list[int]] = attrs.Factory(dict)
    values: dict[str, list[Decimal]] = attrs.Factory(dict)
    svg: dict[str, str] = attrs.Factory(dict)
    labels: list[str] = attrs.Factory(list)


class _Charts(HTMLParser):
    """Each indicator's chart (by code), and every element's tag and attributes."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.charts: dict[str, Chart] = {}
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.indicator: str | None = None
        self.series: str | None = None
        self.in_label = False
        self.feed(html)

    def handle_starttag(self, tag: str, attrs_: list[tuple[str, str | None]]) -> None:
        found = {k: v or "" for k, v in attrs_}
        self.elements.append((tag, found))
        if tag == "article":
            self.indicator = found["data-indicator"]
            self.charts[self.indicator] = Chart()
        chart = self.charts.get(self.indicator or "")
        if chart is None:
            return
        if tag == "svg":
            chart.svg = found
        elif tag == "g" and "data-series" in found:
            self.series = found["class"]
        elif tag == "polyline":
            chart.polylines.setdefault(found["class"], []).append(len(found["points"].split()))
        elif tag == "circle" and self.series is not None:
            chart.values.setdefault(self.series, []).append(Decimal(found["data-value"]))
        elif tag == "text" and "period" in found.get("class", "").split():
            self.in_label = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "article":
            self.indicator = None
        elif tag == "g":
            self.series = None
        elif tag == "text":
            self.in_label = False

    def handle_data(self, data: str) -> None:
        if self.in_label and self.indicator is not None:
            self.charts[self.indicator].labels.append(data)


def cells(page: str, code: str) -> dict[str, str]:
    """The text of each cell of an indicator's row, by the cell's class (tags dropped)."""
    row = re.search(rf'<tr data-indicator="{re.escape(code)}"[^>]*>(.*?)</tr>', page, re.S)
    assert row is not None, code
    out = {}
    for cls, inner in re.findall(r'<td class="([^"]*)">(.*?)</td>', row[1], re.S):
        out[cls] = re.sub(r"<[^>]+>", "", inner)
    out["all"] = re.sub(r"<[^>]+>", "", row[1])
    return out


def shown(value: Decimal | None, places: int = 2, rounding: Rounding = Rounding.HALF_UP) -> str:
    assert value is not None
    return format_number(round_to(value, places, rounding))


# --- figures ----------------------------------------------------------------------------------


def test_the_table_shows_the_monitorings_figures(
    page_id: str, example: tuple[monitoring.Monitoring, lakipcore.Assessment]
) -> None:
    """Counts: 21 of 30 to date, 70 %; each figure of the row is the monitoring's, rounded
    once at two places."""
    result, _ = example
    item = result.unit("u").indicator("laporan")
    row = cells(page_id, "laporan")
    assert "40,00" == row["num annual"]
    assert "30,00" == row["num target"]
    assert "21,00" == row["num realised"]
    assert "70,00%" == row["num capaian"]
    assert shown(item.projection) in row["num"]  # 28,00
    for other in result.unit("u").indicators:
        row = cells(page_id, other.code)
        for cls, value in (("num target", other.target_to_date), ("num capaian", other.capaian)):
            if value is None:
                assert "–" == row[cls]
            else:
                assert row[cls].startswith(shown(value)), (other.code, cls)


def test_figures_are_rounded_once() -> None:
    """The latest of 86 % against 88 % projects 86 / 88 × 90 = 87,9545…: 87,95 at two places;
    rounded twice (to 87,955 first) it would be 87,96. At one place, 88,0."""
    assessment = assessed(report_text([LEVELS], planned=("2024-tw4",)))
    result = monitoring.monitor(assessment)
    item = result.unit("u").indicator("indeks")
    assert item.projection is not None
    assert Decimal("87.9545") == round(item.projection, 4)
    page = monitoring_page(result, assessment, lang="en")
    assert "87,95" in cells(page, "indeks")["num"]
    assert "87,96" not in page
    one = monitoring_page(result, assessment, places=1, lang="en")
    assert "88,0" in cells(one, "indeks")["num"]
    down = monitoring_page(result, assessment, rounding=Rounding.TRUNCATE, lang="en")
    assert "97,72%" == cells(down, "indeks")["num capaian"]  # 86 / 88 = 97,727…
    assert "97,73%" == cells(page, "indeks")["num capaian"]


def test_the_projection_is_marked_as_one(page_id: str, page_en: str) -> None:
    """In the table and the details, a projected figure stands in italics with the word
    "proyeksi"; in the chart its line is dashed and labelled."""
    for page, word in ((page_id, "proyeksi"), (page_en, "projection")):
        projected = re.findall(r'<span class="projected"[^>]*>(.*?)</td>', page, re.S)
        assert projected
        assert all(f"({word})" in p for p in projected)
        assert "28,00" in re.sub(r"<[^>]+>", "", projected[0])
        assert ".projected { font-style: italic; }" in page
        assert re.search(r"polyline\.projection \{[^}]*stroke-dasharray", page)
        label = re.findall(r'<text class="projection-label"[^>]*>([^<]*)</text>', page)
        assert label
        assert {word} == set(label)
        facts = re.search(r'<dd class="projection"><span class="projected">(.*?)</dd>', page, re.S)
        assert facts is not None
        assert "<em>" in facts[1]
        assert word in facts[1]


def test_no_projection_is_a_dash(page_en: str) -> None:
    """Nothing filled: no projection in the table, a dash."""
    row = cells(page_en, "kosong")
    assert "projected" not in row["all"]
    assert "–" in row["num"]


def test_status_badges(
    page_id: str, example: tuple[monitoring.Monitoring, lakipcore.Assessment]
) -> None:
    """Each row carries its status as a coloured badge in the page's words; the header counts
    them."""
    result, _ = example
    badges = re.findall(
        r'<span class="badge status status-([a-z-]+)" data-status="\1">([^<]*)</span>', page_id
    )
    statuses = {s.value for s in Status}
    assert {b[0] for b in badges} <= statuses
    for item in result.indicators():
        row = re.search(rf'<tr data-indicator="{item.code}" data-status="([^"]+)"', page_id)
        assert row is not None
        assert item.status.value == row[1]
        assert (item.status.value, translate(item.status.words, "id")) in badges
    for status in {i.status for i in result.indicators()}:
        assert re.search(rf"\.status-{status.value} \{{ background: ", page_id), status
    assert "tertinggal" in page_id  # behind
    assert "belum ada data" in page_id  # no data yet


def test_each_status_has_its_reason_and_missing_periods(
    page_en: str, example: tuple[monitoring.Monitoring, lakipcore.Assessment]
) -> None:
    result, _ = example
    for item in result.indicators():
        article = re.search(
            rf'<article class="indicator"[^>]*data-indicator="{item.code}">(.*?)</article>',
            page_en,
            re.S,
        )
        assert article is not None
        text = re.sub(r"<[^>]+>", "", article[1]).replace("&#x27;", "'")
        assert item.reason.render("en") in text
        for key in item.missing:
            missing = re.search(r'<dd class="missing">(.*?)</dd>', article[1], re.S)
            assert missing is not None
            assert key in missing[1]
        if item.projection is None and item.projection_reason is not None:
            assert item.projection_reason.render("en") in text
    indeks = re.search(r'data-indicator="indeks">.*?<dd class="missing">(.*?)</dd>', page_en, re.S)
    assert indeks is not None
    assert "Triwulan II 2024 (2024-tw2)" == indeks[1]


# --- charts -----------------------------------------------------------------------------------


def test_each_chart_has_a_line_per_series_with_a_point_per_period(page_id: str) -> None:
    """Counts, cumulative: the target 10, 20, 30, 40; realised 12, 12, 21 to TW III (0 in TW
    II is filled); the projection from 21 in TW III to 28 in December, dashed."""
    charts = _Charts(page_id).charts
    laporan = charts["laporan"]
    assert {"target": [4], "realised": [3], "projection": [2]} == laporan.polylines
    assert [10, 20, 30, 40] == laporan.values["target"]
    assert [12, 12, 21] == laporan.values["realised"]
    assert [21, 28] == laporan.values["projection"]
    assert ["TW I", "TW II", "TW III", "TW IV"] == laporan.labels
    # Latest: each quarter's own target; TW II printed "-" is not drawn.
    indeks = charts["indeks"]
    assert {"target": [4], "realised": [2], "projection": [2]} == indeks.polylines
    assert [85, 87, 88, 90] == indeks.values["target"]
    assert [84, 86] == indeks.values["realised"]
    # A straight line from the year's 40: 10 a quarter, cumulative.
    line = charts["sosialisasi"]
    assert [10, 20, 30, 40] == line.values["target"]
    assert [12, 12, 21] == line.values["realised"]
    # Nothing filled: the target alone.
    assert {"target": [1]} == charts["kosong"].polylines


def test_charts_have_text_alternatives(page_en: str) -> None:
    """Each chart is an image named by its title and described by every value."""
    charts = _Charts(page_en).charts
    assert 4 == len(charts)
    for code, chart in charts.items():
        assert "img" == chart.svg["role"], code
        title, described = chart.svg["aria-labelledby"].split()
        assert f'<title id="{title}">' in page_en
        assert f'<desc id="{described}">' in page_en
    desc = re.search(r'<desc id="grafik-indikator-u--laporan-d">([^<]*)</desc>', page_en)
    assert desc is not None
    assert "Target trajectory: TW I 10,00, TW II 20,00, TW III 30,00, TW IV 40,00" in desc[1]
    assert "Realisation: TW I 12,00, TW II 12,00, TW III 21,00" in desc[1]
    assert "Projection to the year&#x27;s end: TW III 21,00, TW IV 28,00" in desc[1]


def test_monthly_periods_are_drawn_by_month() -> None:
    item = Item(
        "m",
        "Bulanan",
        {key: ("5 Laporan", "5 Laporan" if n < 5 else None) for n, key in enumerate(MONTHS)},
        annual="60 Laporan",
    )
    assessment = assessed(report_text([item], keys=MONTHS, planned=MONTHS[5:]))
    rules = MonitoringRules(projection=ProjectionMethod.STRAIGHT_LINE)
    result = monitoring.monitor(assessment, rules=rules)
    page = monitoring_page(result, assessment, lang="en")
    chart = _Charts(page).charts["m"]
    assert {"target": [12], "realised": [5], "projection": [2]} == chart.polylines
    assert [25, 60] == chart.values["projection"]  # 25 × 12 / 5
    assert ["Jan", "Feb", "Mar", "Apr", "Mei"] == chart.labels[:5]
    assert 12 == len(chart.labels)
    assert "2024-05" == result.to


def test_sd_periods_of_a_published_report() -> None:
    """Balai POM di Pangkalpinang: s.d. TW I and s.d. TW IV, each a figure to date."""
    assessment = bpom()
    result = monitoring.monitor(assessment)
    page = monitoring_page(result, assessment, lang="id")
    assert "82,39%" == cells(page, "obat-aman-bermutu")["num capaian"]
    charts = _Charts(page).charts
    assert ["s.d. TW I", "s.d. TW IV"] == charts["obat-aman-bermutu"].labels
    # s.d. TW IV is December: the projection is the realisation, one point.
    assert [1] == charts["obat-aman-bermutu"].polylines["projection"]
    assert "https://fliphtml5.com" in page  # the report's source, as text, not a link
    # Printed in s.d. TW I only, with no year's target: not projected, and the page says why.
    sarana = result.unit("bpom-pangkalpinang").indicator("sarana-distribusi")
    assert sarana.projection is None
    assert sarana.projection_reason is not None
    english = monitoring_page(result, assessment, lang="en")
    why = f"no projection: {sarana.projection_reason.render('en')}".replace("'", "&#x27;")
    assert f'<dd class="projection">{why}</dd>' in english
    assert "–" in cells(english, "sarana-distribusi")["num"]


# --- one self-contained, escaped page ---------------------------------------------------------


def test_every_text_is_escaped() -> None:
    hostile = '<script>alert("x")</script> & Co'
    item = attrs.evolve(COUNTS, name="<b>bold</b> & <i>")
    assessment = assessed(report_text([item], unit=hostile, planned=("2024-tw4",)))
    page = monitoring_page(monitoring.monitor(assessment), assessment, lang="en")
    assert "<script" not in page.lower()
    assert "&lt;script&gt;" in page
    assert "<b>bold" not in page
    assert "&lt;b&gt;bold&lt;/b&gt; &amp; &lt;i&gt;" in page
    elements = _Charts(page).elements
    assert not any(tag in {"script", "b", "i"} for tag, _ in elements)


def test_nothing_to_load(page_id: str, page_en: str) -> None:
    """No script, no link, no image, no URL: the page is one file."""
    for page in (page_id, page_en):
        assert "<script" not in page.lower()
        elements = _Charts(page).elements
        assert not {tag for tag, _ in elements} & {"script", "link", "img", "iframe", "object"}
        for _, found in elements:
            assert not found.get("href", "#").strip() or found.get("href", "#").startswith("#")
            assert "src" not in found
            assert not any(name.startswith("on") for name in found)
        assert not re.search(r"https?://|url\(|@import", page)
        assert page.startswith("<!DOCTYPE html>")
        assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in page
        assert "@page" in page
        assert "size: A4" in page


def test_both_languages(
    page_id: str, page_en: str, example: tuple[monitoring.Monitoring, lakipcore.Assessment]
) -> None:
    assert '<html lang="id">' in page_id
    assert '<html lang="en">' in page_en
    for msgid in (words.TARGET_TO_DATE, words.REALISED_TO_DATE, words.PROJECTION, words.KICKER):
        assert translate(msgid, "id") in page_id.replace("&#x27;", "'")
        assert msgid in page_en.replace("&#x27;", "'")
    assert "Target s.d. periode" in page_id
    assert "Realisasi s.d. periode" in page_id
    assert "Halaman" in page_id
    assert "Target to date" in page_en
    assert "behind" in page_en
    assert "Page" in page_en
    # The reasons are the monitoring's messages, in the page's language.
    result, _ = example
    reason = result.unit("u").indicator("laporan").reason
    assert reason.render("id").replace(" ", "") in page_id.replace(" ", "")
    assert "lebih dari 5 poin di bawah 100 %" in page_id
    assert "more than 5 points below 100 %" in page_en
    # Figures are written the same in both.
    assert cells(page_id, "laporan")["num capaian"] == cells(page_en, "laporan")["num capaian"]


@pytest.mark.usefixtures("indonesian")
def test_indonesian_by_default(example: tuple[monitoring.Monitoring, lakipcore.Assessment]) -> None:
    assert '<html lang="id">' in monitoring_page(*example)


def test_the_header_states_the_rules(
    example: tuple[monitoring.Monitoring, lakipcore.Assessment],
) -> None:
    result, assessment = example
    page = monitoring_page(result, assessment, lang="en")
    assert "Triwulan III 2024 (2024-tw3)" in page
    assert "Triwulan I 2024 (2024-tw1), Triwulan II 2024 (2024-tw2)" in page
    assert "5 points either side of 100% (95% to 105% is on track)" in page
    assert 'data-method="trajectory"' in page
    ruled = monitoring.monitor(
        assessment,
        rules=MonitoringRules(Decimal("2.5"), ProjectionMethod.STRAIGHT_LINE),
    )
    page = monitoring_page(ruled, assessment, lang="en")
    assert "2,5 points either side of 100% (97,5% to 102,5% is on track)" in page
    assert 'data-method="straight-line"' in page


def test_what_it_reads_is_checked(
    example: tuple[monitoring.Monitoring, lakipcore.Assessment],
) -> None:
    result, assessment = example
    with pytest.raises(LakipTypeError, match="reads a Monitoring"):
        monitoring_page(assessment, assessment)  # type: ignore[arg-type]
    with pytest.raises(LakipTypeError, match="reads an Assessment"):
        monitoring_page(result, result)  # type: ignore[arg-type]
    other = bpom()
    with pytest.raises(UnknownNameError, match="2024-tw1"):
        monitoring_page(result, other)
