"""The HTML report in a real browser (headless chromium): it loads alone, shows the figures,
draws the bars to scale, marks the wrong printed figures and fits A4 when printed.

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
from pages import A4_WIDTH, Loaded, assert_fits_a4, opened

import lakipcore
from lakipcore.audit import Finding, Severity, audit
from lakipcore.render import render_html

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
    with opened(
        browser,
        render_html(lakipcore.assess(report)),
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
    # The headline: performance, else achievement (no budget), else absorption (no indicators).
    headline = next(
        v for v in (office.performance, office.achievement, office.absorption) if v is not None
    )
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


def test_flagged_figures_are_marked(loaded: Loaded, report: lakipcore.Report) -> None:
    """Every error of the audit is marked, visibly, in a table cell of its unit and period,
    which shows the printed text struck through and the recomputed value highlighted."""
    for finding in _errors(report):
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


def test_print_layout_fits_a4(browser: Any, loaded: Loaded) -> None:
    """Printed (print media, an A4-wide viewport), nothing is wider than the page."""
    assert_fits_a4(browser, loaded.url)


def test_banten_screenshots(browser: Any, artifacts: Path, tmp_path: Path) -> None:
    """Screenshots of the Banten page, on screen and printed, go to tests/artifacts/."""
    path = tmp_path / "banten.html"
    path.write_text(render_html(lakipcore.assess(lakipcore.load_example())), encoding="utf-8")
    for media, width, name in (
        ("screen", 1000, "report-banten-screen.png"),
        ("print", A4_WIDTH, "report-banten-print.png"),
    ):
        context = browser.new_context(viewport={"width": width, "height": 1123})
        page = context.new_page()
        try:
            page.emulate_media(media=media)
            page.goto(path.as_uri(), wait_until="load")
            page.screenshot(path=str(artifacts / name), full_page=True)
        finally:
            context.close()
        assert (artifacts / name).stat().st_size > 0
