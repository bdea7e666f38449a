"""The monitoring page (lakipcore.monitoring.page) in a real browser (headless chromium): it
loads alone without errors, draws every indicator's chart with its lines (the projection
dashed), never scrolls sideways on a phone or a desktop, and prints on numbered A4 pages that
it fits, hiding nothing essential.

Expected figures come from the monitoring itself, never from the page.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pages import (
    A4_WIDTH,
    DESKTOP,
    PHONE,
    Loaded,
    assert_fits_a4,
    assert_no_sideways_scroll,
    assert_shown,
    opened,
    pages_of,
    printed,
    screenshots,
    viewed,
)

import lakipcore
from lakipcore import monitoring
from lakipcore.monitoring.page import monitoring_page
from test_monitoring_page import COUNTS, EMPTY, LEVELS, LINE, Item, bpom, report_text

_LONG = Item(
    "panjang",
    "Persentase rekomendasi hasil pengawasan yang ditindaklanjuti oleh unit kerja di lingkungan "
    "Balai Besar Pengawas Obat dan Makanan sesuai ketentuan",
    {"2024-tw1": ("25%", "30%"), "2024-tw2": ("50%", "52%"), "2024-tw3": ("75%", "74%")},
    annual="100%",
)

_LINES = """() => [...document.querySelectorAll('svg.trend')].map(svg => {
  const box = svg.getBoundingClientRect();
  const lines = [...svg.querySelectorAll('polyline')].map(p => {
    const b = p.getBoundingClientRect();
    const s = getComputedStyle(p);
    return [p.getAttribute('class'), b.width + b.height, s.stroke, s.strokeDasharray,
            p.points.numberOfItems];
  });
  return [svg.closest('article').dataset.indicator, box.width, box.height, lines];
})"""


def _assessed() -> lakipcore.Assessment:
    text = report_text(
        [COUNTS, LEVELS, LINE, EMPTY, _LONG],
        unit="Balai Besar Pengawas Obat dan Makanan di Kota Contoh <script>",
        planned=("2024-tw4",),
    )
    return lakipcore.assess(lakipcore.loads_report(text))


@pytest.fixture(scope="module")
def example() -> tuple[monitoring.Monitoring, lakipcore.Assessment]:
    assessment = _assessed()
    return monitoring.monitor(assessment), assessment


@pytest.fixture(scope="module")
def loaded(
    browser: Any,
    example: tuple[monitoring.Monitoring, lakipcore.Assessment],
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[Loaded]:
    """The built report's page in Indonesian (asked for by name: a module's fixture is made
    before the suite's English is set for a test)."""
    with opened(
        browser,
        monitoring_page(*example, lang="id"),
        tmp_path_factory.mktemp("monitoring") / "rencana-aksi.html",
    ) as page:
        yield page


@pytest.fixture(scope="module")
def published(browser: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Loaded]:
    """The page of the Balai POM di Pangkalpinang interim reports ("s.d." periods)."""
    assessment = bpom()
    with opened(
        browser,
        monitoring_page(monitoring.monitor(assessment), assessment, lang="id"),
        tmp_path_factory.mktemp("monitoring") / "bpom.html",
    ) as page:
        yield page


def test_loads_alone_without_errors(loaded: Loaded, published: Loaded) -> None:
    """No console error, and no request but the page itself."""
    for page in (loaded, published):
        assert [] == page.errors
        assert [page.url] == page.requests


def test_every_chart_is_visible_with_its_lines(
    loaded: Loaded, example: tuple[monitoring.Monitoring, lakipcore.Assessment]
) -> None:
    """A chart per indicator, drawn at a readable size; each line of two points or more drawn
    (not collapsed; one point is its circle), the projection dashed and the others solid."""
    result, _ = example
    charts = loaded.page.evaluate(_LINES)
    assert [i.code for i in result.indicators()] == [c[0] for c in charts]
    for code, width, height, lines in charts:
        assert width >= 250, code
        assert height >= 120, code
        for cls, size, stroke, dashes, points in lines:
            assert size > 0 or points == 1, (code, cls)
            assert stroke not in ("none", "rgba(0, 0, 0, 0)"), (code, cls)
            assert (dashes != "none") == (cls == "projection"), (code, cls, dashes)
    drawn = {c[0]: [line[0] for line in c[3]] for c in charts}
    assert ["target", "realised", "projection"] == drawn["laporan"]
    assert ["target"] == drawn["kosong"]
    label = loaded.page.locator("article[data-indicator=laporan] text.projection-label")
    assert label.is_visible()
    assert "proyeksi" == label.text_content()


def test_badges_are_coloured(
    loaded: Loaded, example: tuple[monitoring.Monitoring, lakipcore.Assessment]
) -> None:
    """Each status badge stands on a background of its own colour, white text on it."""
    result, _ = example
    colours = {}
    for item in result.indicators():
        badge = loaded.page.locator(f"tr[data-indicator={item.code}] .badge.status")
        assert badge.is_visible()
        colours[item.status] = badge.evaluate("e => getComputedStyle(e).backgroundColor")
        assert "rgb(255, 255, 255)" == badge.evaluate("e => getComputedStyle(e).color")
    assert len(set(colours.values())) == len(colours)


def test_projection_is_in_italics(loaded: Loaded) -> None:
    projected = loaded.page.locator("tr[data-indicator=laporan] .projected")
    assert projected.is_visible()
    assert "italic" == projected.evaluate("e => getComputedStyle(e).fontStyle")
    assert "(proyeksi)" in projected.inner_text()


@pytest.mark.parametrize("width", [PHONE, DESKTOP])
def test_the_page_does_not_scroll_sideways(
    browser: Any, loaded: Loaded, published: Loaded, width: int
) -> None:
    """On a phone (390 px) and a desktop (1280 px) the document is no wider than the screen;
    the wide table scrolls in its own box."""
    for page in (loaded, published):
        assert_no_sideways_scroll(browser, page.url, width)


def test_the_phone_shows_each_chart_whole(browser: Any, loaded: Loaded) -> None:
    """On a phone each chart fits the screen, its details under it."""
    with viewed(browser, loaded.url, PHONE) as page:
        for code, width, _, _ in page.evaluate(_LINES):
            box = page.locator(f"article[data-indicator={code}] svg").bounding_box()
            assert box is not None
            assert box["x"] >= 0
            assert box["x"] + box["width"] <= PHONE, code
            assert width >= 250, code
            facts = page.locator(f"article[data-indicator={code}] dl.facts").bounding_box()
            assert facts is not None
            assert facts["y"] >= box["y"] + box["height"] - 1, code


def test_print_layout_fits_a4(browser: Any, loaded: Loaded, published: Loaded) -> None:
    """Printed (print media, the printable width of A4), nothing is wider than the page."""
    for page in (loaded, published):
        assert_fits_a4(browser, page.url)


_ESSENTIAL = (
    "h1",
    "dl.summary dd",
    "p.periods",
    "p.tally .badge",
    "section h2",
    "table.monitoring",
    "td.num",
    ".badge.status",
    ".projected",
    "svg.trend",
    "svg.trend polyline",
    "text.projection-label",
    "figcaption.legend",
    "dl.facts dd",
    "footer",
)


def test_print_hides_nothing_essential(browser: Any, loaded: Loaded) -> None:
    """In print media every part of the page is shown: the header, the tables, the badges
    (their colours kept), the projections, the charts and their lines, the reasons."""
    with viewed(browser, loaded.url, A4_WIDTH, 1123, media="print") as page:
        assert_shown(page, _ESSENTIAL)
        badge = page.locator(".badge.status").first.evaluate(
            "e => getComputedStyle(e).backgroundColor"
        )
        assert badge not in ("rgba(0, 0, 0, 0)", "transparent")
        for code, width, _, lines in page.evaluate(_LINES):
            assert width >= 200, code
            assert all(size > 0 or points == 1 for _, size, _, _, points in lines), code


def test_printed_pages_are_numbered(browser: Any, loaded: Loaded) -> None:
    """Each printed page carries 'Halaman n dari N'; the first the title and the date."""
    data, _ = printed(browser, loaded.url)
    pages = pages_of(data)
    assert pages
    for number, text in enumerate(pages, 1):
        assert f"Halaman{number}dari{len(pages)}" in text
    assert "RencanaAksi2024" in pages[0]
    assert "(2024-tw3)" in pages[0]


def test_english_page(
    browser: Any, example: tuple[monitoring.Monitoring, lakipcore.Assessment], tmp_path: Path
) -> None:
    """The English page's longer words still fit a phone and A4."""
    with opened(browser, monitoring_page(*example, lang="en"), tmp_path / "en.html") as page:
        assert [] == page.errors
        assert "en" == page.page.evaluate("document.documentElement.lang")
        label = page.page.locator("article[data-indicator=laporan] text.projection-label")
        assert "projection" == label.text_content()
        assert_no_sideways_scroll(browser, page.url, PHONE)
        assert_fits_a4(browser, page.url)
        data, _ = printed(browser, page.url)
    pages = pages_of(data)
    for number, text in enumerate(pages, 1):
        assert f"Page{number}of{len(pages)}" in text


def test_screenshots(browser: Any, loaded: Loaded, published: Loaded, artifacts: Path) -> None:
    """Screenshots of both pages, on a screen, a phone and printed, go to tests/artifacts/."""
    for source, stem in ((loaded, "monitoring-rencana-aksi"), (published, "monitoring-bpom")):
        for saved in screenshots(browser, source.url, artifacts, stem):
            assert saved.stat().st_size > 0
