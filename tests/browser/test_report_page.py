"""The HTML report in a real browser (headless chromium): it loads alone, shows the figures,
draws the bars to scale (one axis for the charts of a section), marks the wrong printed figures
and shows the notation slips apart, never scrolls sideways on a phone or a desktop, and prints
on numbered A4 pages that it fits, with no heading left at the foot of a page; the English page
numbers its printed pages in English.

Expected figures come from lakipcore's scoring and audit of each shipped example (and, for
Banten, from the figures the report prints), never from the page itself.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from pages import (
    DESKTOP,
    PHONE,
    Loaded,
    assert_fits_a4,
    assert_no_sideways_scroll,
    opened,
    pages_of,
    printed,
    screenshots,
    squashed,
)

import lakipcore
from lakipcore.audit import Finding, FindingCode, Severity, audit
from lakipcore.notation import Notation
from lakipcore.render import render_html
from lakipcore.rounding import places_of

EXAMPLES = sorted((Path(lakipcore.__file__).parent / "data").glob("*.toml"))


@pytest.fixture(scope="module", params=EXAMPLES, ids=lambda p: p.stem)
def example(request: pytest.FixtureRequest) -> Path:
    return Path(request.param)


@pytest.fixture(scope="module")
def report(example: Path) -> lakipcore.Report:
    return lakipcore.load_report(example)


@pytest.fixture(scope="module")
def loaded(
    browser: Any, report: lakipcore.Report, example: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Loaded]:
    """The example's page, opened from a file; every request and console error recorded."""
    # The Indonesian page, the default: asked for by name, as a module's fixture is made
    # before the suite's English is set for a test.
    with opened(
        browser,
        render_html(lakipcore.assess(report), lang="id"),
        tmp_path_factory.mktemp("report") / f"{example.stem}.html",
    ) as page:
        yield page


def test_loads_alone_without_errors(loaded: Loaded) -> None:
    """No console error, and no request but the page itself."""
    assert [] == loaded.errors
    assert [loaded.url] == loaded.requests


def test_figures_are_in_the_rendered_text(loaded: Loaded, report: lakipcore.Report) -> None:
    """The office's performance (or its achievement without a budget, or its absorption
    without indicators) and each unit's three figures appear in the text the browser renders."""
    scored = lakipcore.score_report(report).current
    shown = loaded.page.inner_text("body")
    office = scored.root
    # The headline: performance, else achievement (no budget), else absorption (no indicators);
    # a period with none of them (nothing targeted yet, DJPB to Triwulan III) shows none.
    headline = next(
        (v for v in (office.performance, office.achievement, office.absorption) if v is not None),
        None,
    )
    if headline is not None:
        assert lakipcore.format_percent(headline) in shown
    for unit in scored.root.walk():
        row = loaded.page.locator(f'table.dashboard tr[data-unit="{unit.code}"]')
        text = row.inner_text()
        assert unit.name in text
        for value in (unit.achievement, unit.absorption, unit.performance):
            assert (lakipcore.format_percent(value) if value is not None else "–") in text


def _lengths(loaded: Loaded, chart: str, axis: str) -> dict[str, Decimal]:
    """The rendered length of each bar of a chart (width or height, in CSS pixels), by key."""
    lengths: dict[str, Decimal] = {}
    for bar in loaded.page.locator(f'svg[data-chart="{chart}"] rect.bar').all():
        box = bar.bounding_box()
        assert box is not None
        lengths[bar.get_attribute("data-key") or ""] = Decimal(str(box[axis]))
    return lengths


def _in_order(values: dict[str, Decimal], lengths: dict[str, Decimal]) -> None:
    """Larger values have bars at least as long (to within a rendering half-pixel)."""
    assert set(values) == set(lengths)
    ranked = sorted(values, key=lambda key: values[key])
    for low, high in itertools.pairwise(ranked):
        if values[low] < values[high]:
            assert lengths[low] <= lengths[high] + Decimal("0.5"), (low, high)


def test_bars_per_unit_follow_the_values(loaded: Loaded, report: lakipcore.Report) -> None:
    """The capaian chart (and, with a budget, the absorption chart) has one bar per unit whose
    rendered width follows the unit's value."""
    scored = lakipcore.score_report(report).current
    units = scored.units or (scored.root,)
    for chart, attribute in (("achievement", "achievement"), ("absorption", "absorption")):
        values = {u.code: getattr(u, attribute) for u in units}
        if chart == "absorption" and all(v is None for v in values.values()):
            assert 0 == loaded.page.locator('svg[data-chart="absorption"]').count()
            continue
        lengths = _lengths(loaded, chart, "width")
        present = {k: v for k, v in values.items() if v is not None}
        _in_order(present, lengths)


def test_indicator_and_change_charts_follow_the_values(
    loaded: Loaded, report: lakipcore.Report
) -> None:
    """Each unit's indicator chart has a bar per scored indicator, and each change chart a bar
    per unit, both drawn in the order of the values (a change by its size)."""
    scored = lakipcore.score_report(report)
    for unit in scored.current.root.walk():
        values = {i.code: i.capaian for i in unit.indicators if i.capaian is not None}
        chart = loaded.page.locator(f"svg#grafik-indikator-{unit.code}")
        if not values:
            assert 0 == chart.count()
            continue
        lengths = {}
        for bar in chart.locator("rect.bar").all():
            box = bar.bounding_box()
            assert box is not None
            lengths[bar.get_attribute("data-key") or ""] = Decimal(str(box["width"]))
        _in_order(values, lengths)
    for change in scored.changes:
        chart_id = f"grafik-perubahan-{change.earlier}-{change.later}"
        if change.units:
            wanted = "performance"
            if all(u.change.performance is None for u in change.units):
                wanted = "achievement"
            moved = {u.code: getattr(u.change, wanted) for u in change.units}
        else:
            moved = {i.code: i.points for i in change.indicators}
        present = {k: abs(v) for k, v in moved.items() if v is not None}
        chart = loaded.page.locator(f"svg#{chart_id}")
        if not present:
            assert 0 == chart.count()
            continue
        lengths = {}
        for bar in chart.locator("rect.bar").all():
            box = bar.bounding_box()
            assert box is not None
            lengths[bar.get_attribute("data-key") or ""] = Decimal(str(box["width"]))
        _in_order(present, lengths)


def test_period_columns_follow_the_values(loaded: Loaded, report: lakipcore.Report) -> None:
    """The chart across periods has a column per period and figure, as tall as the value."""
    scored = lakipcore.score_report(report)
    values = {
        f"{p.key}:{quantity}": getattr(p.root, quantity)
        for p in scored.periods
        for quantity in ("achievement", "absorption", "performance")
    }
    present = {k: v for k, v in values.items() if v is not None}
    _in_order(present, _lengths(loaded, "periods", "height"))


def _errors(report: lakipcore.Report) -> list[Finding]:
    return [f for f in audit(report) if f.severity is Severity.ERROR]


def _slip(finding: Finding, notation: Notation) -> bool:
    """Whether ``finding`` is a notation slip: malformed in the report's ``notation``, and in
    the other notation the value the inputs give at the places it prints (Banten's '104.30%'
    for 104,2977…, PPPOMN's '23.03%')."""
    if finding.code is not FindingCode.MALFORMED_FIGURE or finding.recomputed is None:
        return False
    other = next(n for n in Notation if n is not notation)
    try:
        meant = lakipcore.parse_figure(finding.published or "", notation=other).value
    except lakipcore.LakipError:
        return False
    return lakipcore.round_to(finding.recomputed, places_of(meant)) == meant


def test_flagged_figures_are_marked(loaded: Loaded, report: lakipcore.Report) -> None:
    """Every error of the audit that is a wrong value is marked, visibly, in a table cell of
    its unit and period, which shows the printed text struck through and the recomputed value
    highlighted."""
    for finding in _errors(report):
        if _slip(finding, report.notation):
            continue
        cells = loaded.page.locator(
            f'td.flagged[data-unit="{finding.subject.unit}"][data-period="{finding.period}"]'
        )
        matching = [c for c in cells.all() if finding.published in (c.get_attribute("title") or "")]
        assert matching, finding
        for cell in matching:
            assert cell.is_visible()
            assert finding.published in cell.locator("s").inner_text()
            mark = cell.locator("mark")
            assert mark.inner_text().startswith("seharusnya ")
            background = mark.evaluate("e => getComputedStyle(e).backgroundColor")
            assert background not in ("rgba(0, 0, 0, 0)", "transparent")


def test_notation_slips_are_shown_apart(loaded: Loaded, report: lakipcore.Report) -> None:
    """A notation slip is not struck out: its cell shows the printed text above the value in
    another colour than a wrong value's; the header counts the wrong values and, apart, the
    slips, which Hasil Audit lists under Kesalahan notasi."""
    errors = _errors(report)
    slips = [f for f in errors if _slip(f, report.notation)]
    header = loaded.page.locator("dd.errors").inner_text().split("\n")
    wanted = [f"{len(errors) - len(slips)} kesalahan"]
    if slips:
        wanted.append(f"{len(slips)} kesalahan notasi")
    assert wanted == header
    assert len(slips) == loaded.page.locator("#kesalahan-notasi + p + ol.slips > li").count()
    for finding in slips:
        (cell,) = [
            c
            for c in loaded.page.locator(f'td.slip[data-unit="{finding.subject.unit}"]').all()
            if finding.published in (c.get_attribute("title") or "")
        ]
        assert cell.is_visible()
        assert 0 == cell.locator("s, mark").count()
        shown = cell.locator(".printed")
        assert f"dicetak {finding.published}" == shown.inner_text()
        assert "block" == shown.evaluate("e => getComputedStyle(e).display")
        assert lakipcore.format_percent(finding.recomputed or 0) in cell.inner_text()
    if slips:
        colours = {
            loaded.page.evaluate(f"getComputedStyle(document.querySelector('{selector}')).color")
            for selector in ("td.slip .printed", "p.legend .printed")
        }
        assert 2 == len(colours)


def test_print_layout_fits_a4(browser: Any, loaded: Loaded) -> None:
    """Printed (print media, the printable width of A4), nothing is wider than the page."""
    assert_fits_a4(browser, loaded.url)


@pytest.mark.parametrize("width", [PHONE, DESKTOP])
def test_the_page_does_not_scroll_sideways(browser: Any, loaded: Loaded, width: int) -> None:
    """On a phone (390 px) and a desktop (1280 px) the document is no wider than the screen;
    a wider table scrolls in its own box."""
    assert_no_sideways_scroll(browser, loaded.url, width)


@pytest.fixture(scope="module")
def pdf(browser: Any, loaded: Loaded) -> tuple[list[str], list[list[str]]]:
    """The page printed to PDF by chromium: each page's text, and each heading with the text
    of the block that follows it."""
    data, headings = printed(browser, loaded.url)
    return pages_of(data), headings


def test_printed_pages_are_numbered(pdf: tuple[list[str], list[list[str]]]) -> None:
    """Each printed page carries 'Halaman n dari N' (the @page margin box of report.css, its
    words from the catalogue, which chromium prints without any footer of its own)."""
    pages, _ = pdf
    assert pages
    for number, text in enumerate(pages, 1):
        assert f"Halaman{number}dari{len(pages)}" in text


def test_the_english_page_prints_its_page_numbers_in_english(browser: Any, tmp_path: Path) -> None:
    """Printed, the English page (``lang="en"``) carries 'Page n of N' on each page, and no
    'Halaman': the margin box's words follow the page's language. Its longer headings still
    fit A4 and a phone."""
    html = render_html(lakipcore.assess(lakipcore.load_example()), lang="en")
    with opened(browser, html, tmp_path / "banten-en.html") as loaded:
        assert [] == loaded.errors
        assert "en" == loaded.page.evaluate("document.documentElement.lang")
        assert_fits_a4(browser, loaded.url)
        assert_no_sideways_scroll(browser, loaded.url, PHONE)
        data, _ = printed(browser, loaded.url)
    pages = pages_of(data)
    assert len(pages) > 1
    for number, text in enumerate(pages, 1):
        assert f"Page{number}of{len(pages)}" in text
        assert "Halaman" not in text


def test_no_heading_ends_a_printed_page(pdf: tuple[list[str], list[list[str]]]) -> None:
    """Each heading is printed on the page of the block that follows it (a table's first row,
    not only its caption; the first finding; the paragraph): never alone at a page's foot.

    The headings are found in page order, each after the one before, in the text of the
    whole document, so that a name repeated in a chart or table is not taken for one."""
    pages, headings = pdf
    ends, whole = [], ""
    for text in pages:
        whole += text
        ends.append(len(whole))

    def page(position: int) -> int:
        return next(n for n, end in enumerate(ends, 1) if position < end)

    cursor = 0
    for heading, following in headings:
        at = whole.find(squashed(heading), cursor)
        assert at >= 0, heading
        cursor = at + len(squashed(heading))
        first = whole.find(squashed(following)[:30], cursor)
        assert first >= 0, (heading, following)
        assert page(at) == page(first), (heading, following[:60])


def _per_value(chart: Any) -> Decimal:
    """The rendered pixels per unit of value of a chart's axis, from its first and last tick."""
    ticks = chart.locator("text.tick").all()
    first, last = ticks[0], ticks[-1]
    left, right = first.bounding_box(), last.bounding_box()
    assert left is not None
    assert right is not None
    span = (
        lakipcore.parse_figure(last.inner_html()).value
        - lakipcore.parse_figure(first.inner_html()).value
    )
    centre = Decimal(str(right["x"] + right["width"] / 2)) - Decimal(
        str(left["x"] + left["width"] / 2)
    )
    return centre / span


def test_unit_charts_share_one_axis(loaded: Loaded, report: lakipcore.Report) -> None:
    """The indicator charts of Pengukuran Kinerja, one per unit, share one axis: the same
    ticks, the 100 % line at the same place on screen, and a bar as long per point of capaian
    in every chart (to within a rendering pixel)."""
    charts = loaded.page.locator('svg[data-chart="indicators"]').all()
    if len(charts) < 2:  # a report of one unit: nothing to share
        assert not report.root.units
        return
    ticks = {tuple(c.locator("text.tick").all_inner_texts()) for c in charts}
    assert 1 == len(ticks)
    lines = set()
    for chart in charts:
        box = chart.locator("g.reference line").bounding_box()
        assert box is not None
        lines.add(round(box["x"]))
    assert 1 == len(lines)
    scale = _per_value(charts[0])
    for chart in charts:
        for bar in chart.locator("rect.bar").all():
            box = bar.bounding_box()
            assert box is not None
            value = Decimal(bar.get_attribute("data-value") or "0")
            assert abs(Decimal(str(box["width"])) - value * scale) <= 1


def test_banten_screenshots(browser: Any, artifacts: Path, tmp_path: Path) -> None:
    """Screenshots of the Banten page, on a screen, a phone and printed, go to
    tests/artifacts/."""
    path = tmp_path / "banten.html"
    page = render_html(lakipcore.assess(lakipcore.load_example()), lang="id")
    path.write_text(page, encoding="utf-8")
    for saved in screenshots(browser, path.as_uri(), artifacts, "report-banten"):
        assert saved.stat().st_size > 0
