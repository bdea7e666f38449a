"""The RPD on the HTML page in a real browser (headless chromium): a report whose programmes
state their disbursement plan (tests/data/rpd-2021.toml) shows realisasi against the RPD beside
realisasi against the pagu, in the table and in the absorption chart, without console errors.

Expected figures come from the model (each programme's RPD and realisasi) through lakipcore's
own absorption formula and formatting, never from the page itself.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from pages import DESKTOP, PHONE, Loaded, assert_fits_a4, assert_no_sideways_scroll, opened

import lakipcore
from lakipcore.model import BudgetLine
from lakipcore.render import render_html
from lakipcore.scoring import absorption

RPD = Path(__file__).resolve().parents[1] / "data" / "rpd-2021.toml"


@pytest.fixture(scope="module")
def report() -> lakipcore.Report:
    return lakipcore.load_report(RPD)


@pytest.fixture(scope="module")
def loaded(
    browser: Any, report: lakipcore.Report, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Loaded]:
    """The page, opened from a file; every request and console error recorded."""
    # The Indonesian page, the default, asked for by name (a module's fixture is made before
    # the suite's English is set for a test).
    with opened(
        browser,
        render_html(lakipcore.assess(report), lang="id"),
        tmp_path_factory.mktemp("rpd") / "rpd.html",
    ) as page:
        yield page


def _programmes(report: lakipcore.Report) -> dict[str, BudgetLine]:
    """Each unit's programme in the main period (every unit of the file has one)."""
    key = report.main_period.key
    lines = {}
    for unit in report.units():
        budget = unit.budget(key)
        if isinstance(budget, BudgetLine):
            lines[unit.code] = budget
    return lines


def _against_plan(line: BudgetLine) -> Decimal:
    assert line.plan is not None
    return absorption(line.plan, line.realisation)


def test_loads_alone_without_errors(loaded: Loaded) -> None:
    """No console error, and no request but the page itself."""
    assert [] == loaded.errors
    assert [loaded.url] == loaded.requests


def test_rpd_figures_are_in_the_rendered_text(loaded: Loaded, report: lakipcore.Report) -> None:
    """The headings, and in each unit's row its RPD, realisasi against it and (where stated)
    its pagu awal, as the browser renders them; the office's Σ realisasi / Σ RPD."""
    table = loaded.page.locator("table.budget")
    head = table.locator("thead").inner_text()
    for heading in ("Pagu Awal (Rp)", "RPD (Rp)", "Realisasi thd RPD"):
        assert heading in head
    for code, line in _programmes(report).items():
        row = table.locator(f'tr[data-unit="{code}"]')
        assert row.is_visible()
        shown = row.inner_text()
        assert line.plan is not None
        assert lakipcore.format_rupiah(line.plan, prefix=False) in shown
        assert lakipcore.format_percent(_against_plan(line)) in shown
        if line.original is not None:
            assert lakipcore.format_rupiah(line.original, prefix=False) in shown
    lines = _programmes(report).values()
    plan = sum((line.plan for line in lines if line.plan is not None), Decimal(0))
    realised = sum((line.realisation for line in lines), Decimal(0))
    office = table.locator(f'tr[data-unit="{report.root.code}"]').inner_text()
    assert lakipcore.format_rupiah(plan, prefix=False) in office
    assert lakipcore.format_percent(absorption(plan, realised)) in office


def test_the_wrong_printed_rate_is_marked(loaded: Loaded) -> None:
    """The printed 81,25 % of hukum is struck, visibly, in its Realisasi thd RPD cell."""
    cell = loaded.page.locator('td.flagged[data-unit="hukum"][data-quantity="absorption-rpd"]')
    assert 1 == cell.count()
    assert cell.is_visible()
    assert "81,25%" == cell.locator("s").inner_text()
    assert "seharusnya 62,50%" == cell.locator("mark").inner_text()


def _bars(loaded: Loaded) -> dict[str, Any]:
    return {
        bar.get_attribute("data-key") or "": bar
        for bar in loaded.page.locator('svg[data-chart="absorption"] rect.bar').all()
    }


def test_bars_are_ordered_by_value(loaded: Loaded, report: lakipcore.Report) -> None:
    """Each unit has a bar against the pagu and one against the RPD; across both, a larger
    value draws a bar at least as long (to within a rendering half-pixel)."""
    scored = lakipcore.score_report(report).current
    values = {unit.code: unit.absorption for unit in scored.units}
    values |= {f"{code}:rpd": _against_plan(line) for code, line in _programmes(report).items()}
    bars = _bars(loaded)
    assert set(values) == set(bars)
    lengths = {}
    for key, bar in bars.items():
        box = bar.bounding_box()
        assert box is not None
        lengths[key] = Decimal(str(box["width"]))
    ranked = sorted(values, key=lambda key: values[key] or Decimal(0))
    for low, high in itertools.pairwise(ranked):
        if (values[low] or 0) < (values[high] or 0):
            assert lengths[low] <= lengths[high] + Decimal("0.5"), (low, high)


def test_the_rpd_bar_sits_below_its_units_bar(loaded: Loaded, report: lakipcore.Report) -> None:
    """In each row the RPD bar is just below the pagu bar, in another colour, and the legend
    names both."""
    bars = _bars(loaded)
    for code in _programmes(report):
        upper, lower = bars[code].bounding_box(), bars[f"{code}:rpd"].bounding_box()
        assert upper is not None
        assert lower is not None
        assert upper["y"] + upper["height"] <= lower["y"] + 0.5
        assert lower["y"] - (upper["y"] + upper["height"]) < 5
        fills = {
            bars[key].evaluate("e => getComputedStyle(e).fill") for key in (code, f"{code}:rpd")
        }
        assert 2 == len(fills)
    legend = loaded.page.locator('svg[data-chart="absorption"] g.legend').text_content() or ""
    assert "Realisasi thd pagu" in legend
    assert "Realisasi thd RPD" in legend


def test_print_layout_fits_a4(browser: Any, loaded: Loaded) -> None:
    """Printed, the wider budget table (eight columns) still fits the A4 width."""
    assert_fits_a4(browser, loaded.url)


@pytest.mark.parametrize("width", [PHONE, DESKTOP])
def test_the_page_does_not_scroll_sideways(browser: Any, loaded: Loaded, width: int) -> None:
    """The eight-column budget table scrolls in its own box on a phone; the page does not."""
    assert_no_sideways_scroll(browser, loaded.url, width)
