"""The evaluation page (lakipcore.lke.page) in a real browser (headless chromium): it loads
alone, shows the predikat and the simulation notice, draws each bar as long as the points of
the weight, marks a criterion with a finding and links it both ways, never scrolls sideways on
a phone or a desktop, and prints on numbered A4 pages that it fits, hiding nothing but the
contents.

Expected figures come from the evaluation itself (lakipcore's scoring and audit of the
worksheet), never from the page.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from fractions import Fraction
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

from lakipcore import lke
from lakipcore.i18n import translate
from lakipcore.lke.page import evaluation_page
from lakipcore.lke.render import SIMULATION_LABEL

# Points of the weight, as drawn: the fill of a bar is as wide as its share of the bar's
# inner width, to within a rendering pixel.
_PIXEL = 1.0

_BARS = """() => [...document.querySelectorAll('.meter[data-key]')].map(m => {
  const fill = m.querySelector('.fill');
  return [m.dataset.key, m.dataset.points, m.dataset.weight, m.clientWidth,
          fill ? fill.getBoundingClientRect().width : 0];
})"""

_IN_VIEW = """e => { const r = e.getBoundingClientRect();
  return r.bottom > 0 && r.top < window.innerHeight; }"""


def _madiun() -> lke.Worksheet:
    """A worksheet of the wp-eval-sakip design answered at random in both layers: its
    answers break the design's consistency rules, and a few criteria are unanswered."""
    design = lke.get_design("wp-eval-sakip-madiun")
    rng = random.Random(7)
    responses = [
        lke.Response(
            c.id, {"mandiri": rng.choice(c.scale.codes), "penilai": rng.choice(c.scale.codes)}
        )
        for c in design.criteria
        if rng.random() > 0.05
    ]
    return lke.Worksheet(design, "upt-acak", responses, name="UPT Acak", year=2024)


@pytest.fixture(scope="module")
def example() -> lke.Evaluation:
    return lke.evaluate(lke.example_worksheet())


@pytest.fixture(scope="module")
def breached() -> lke.Evaluation:
    return lke.evaluate(_madiun(), policy=lke.UnansweredPolicy.ZERO)


@pytest.fixture(scope="module")
def loaded(
    browser: Any, example: lke.Evaluation, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Loaded]:
    """The worked example's page in Indonesian (asked for by name: a module's fixture is
    made before the suite's English is set for a test)."""
    with opened(
        browser,
        evaluation_page(example, lang="id"),
        tmp_path_factory.mktemp("lke") / "contoh.html",
    ) as page:
        yield page


@pytest.fixture(scope="module")
def marked(
    browser: Any, breached: lke.Evaluation, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Loaded]:
    """The page of a worksheet whose answers break the design's rules."""
    with opened(
        browser,
        evaluation_page(breached, lang="id"),
        tmp_path_factory.mktemp("lke") / "acak.html",
    ) as page:
        yield page


def test_loads_alone_without_errors(loaded: Loaded, marked: Loaded) -> None:
    """No console error, and no request but the page itself."""
    for page in (loaded, marked):
        assert [] == page.errors
        assert [page.url] == page.requests


def test_predikat_total_and_simulation_notice_are_visible(
    loaded: Loaded, example: lke.Evaluation
) -> None:
    """The predikat and the total stand large at the top, and beside them, visible, the
    notice that they are a simulation, not the official result."""
    score = example.score
    assert score is not None
    page = loaded.page
    predikat = page.locator("dd.predikat")
    assert predikat.is_visible()
    assert predikat.inner_text().startswith(score.predikat)
    total = page.locator("dd.total")
    assert total.is_visible()
    assert total.inner_text().startswith("74,73")
    size = float(predikat.evaluate("e => parseFloat(getComputedStyle(e).fontSize)"))
    body = float(page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)"))
    assert size >= 1.8 * body
    notice = page.locator("#simulasi")
    assert notice.is_visible()
    assert translate(SIMULATION_LABEL, "id") == notice.inner_text().strip()
    # The notice sits right under the figures, above the fold of a laptop screen.
    box = notice.bounding_box()
    assert box is not None
    assert box["y"] + box["height"] < 900


def test_bars_are_as_long_as_the_points_of_the_weight(
    loaded: Loaded, example: lke.Evaluation
) -> None:
    """A bar per component, sub-component and the total; each fill's rendered width is its
    points over its weight of the bar's width (to within a pixel), the figures taken from the
    evaluation, not the page."""
    score = example.score
    assert score is not None
    expected = {c.component.id: (c.points, c.component.weight) for c in score.components}
    expected |= {p.part.id: (p.points, p.part.weight) for p in score.parts}
    expected["total"] = (score.total, example.worksheet.design.total)
    drawn = {key: (width, fill) for key, _, _, width, fill in loaded.page.evaluate(_BARS)}
    assert set(expected) == set(drawn)
    for key, (points, weight) in expected.items():
        assert points is not None
        width, fill = drawn[key]
        assert width > 20, key
        share = float(points / Fraction(weight))
        assert abs(fill - share * width) <= _PIXEL, (key, fill, share * width)


def test_a_finding_marks_its_criterion_and_the_anchors_work(
    marked: Loaded, breached: lke.Evaluation
) -> None:
    """The row of a criterion with a finding is highlighted; its link leads to the finding,
    whose link leads back to the row (each scrolled into view and the :target)."""
    page = marked.page
    finding = next(f for f in breached.findings if f.code.value == "logic-rule-breach")
    item = finding.subject.item
    assert item is not None
    row = page.locator(f'tr[id="kriteria-{item}"]')
    assert row.is_visible()
    assert "flagged" in (row.get_attribute("class") or "").split()
    background = row.locator("td").nth(1).evaluate("e => getComputedStyle(e).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent")
    edge = row.locator("td").first.evaluate("e => getComputedStyle(e).boxShadow")
    assert edge != "none"
    number = (row.get_attribute("data-findings") or "").split()[0]
    row.locator(f'a.ref[href="#temuan-{number}"]').click()
    assert page.url.endswith(f"#temuan-{number}")
    target = page.locator(f"li#temuan-{number}")
    assert target.evaluate(_IN_VIEW)
    assert target.evaluate("e => e.matches(':target')")
    assert item in target.inner_text()
    target.locator(f'p.marked a[href="#kriteria-{item}"]').click()
    assert page.url.endswith(f"#kriteria-{item}")
    assert row.evaluate(_IN_VIEW)
    assert row.evaluate("e => e.matches(':target')")


def test_every_finding_is_listed_and_linked(marked: Loaded, breached: lke.Evaluation) -> None:
    """Hasil Audit lists every finding; each on a criterion links to a marked row."""
    page = marked.page
    assert len(breached.findings) == page.locator("ol.findings > li").count()
    links = page.evaluate(
        """() => [...document.querySelectorAll('ol.findings > li p.marked a')]
            .map(a => [a.getAttribute('href'),
                       document.getElementById(a.getAttribute('href').slice(1))?.className])"""
    )
    assert len(links) == len(breached.findings)
    for href, cls in links:
        assert cls is not None, href
        assert "flagged" in cls.split(), href


@pytest.mark.parametrize("width", [PHONE, DESKTOP])
def test_the_page_does_not_scroll_sideways(
    browser: Any, loaded: Loaded, marked: Loaded, width: int
) -> None:
    """On a phone (390 px) and a desktop (1280 px) the document is no wider than the screen;
    a wider table scrolls in its own box."""
    for page in (loaded, marked):
        assert_no_sideways_scroll(browser, page.url, width)


def test_the_phone_shows_the_predikat_and_notice_first(browser: Any, loaded: Loaded) -> None:
    """On a phone the predikat, the total and the simulation notice are on the first screen."""
    with viewed(browser, loaded.url, PHONE) as page:
        for selector in ("dd.predikat", "dd.total", "#simulasi"):
            box = page.locator(selector).bounding_box()
            assert box is not None
            assert box["x"] >= 0
            assert box["x"] + box["width"] <= PHONE
            assert box["y"] + box["height"] <= 844, selector


def test_print_layout_fits_a4(browser: Any, loaded: Loaded, marked: Loaded) -> None:
    """Printed (print media, the printable width of A4), nothing is wider than the page."""
    for page in (loaded, marked):
        assert_fits_a4(browser, page.url)


_ESSENTIAL = (
    "h1",
    "dd.predikat",
    "dd.total",
    "#simulasi",
    "section h2",
    "table.scores",
    ".meter .fill",
    "table.steps",
    "table.policies",
    "table.criteria",
    "tr.flagged",
    "ol.findings > li",
    "ul.unverified li",
    "footer",
)


def test_print_hides_nothing_essential(browser: Any, marked: Loaded) -> None:
    """In print media every part of the page but the contents is shown: the predikat, the
    notice, the bars (their colours kept), the tables, the marked rows, the findings."""
    with viewed(browser, marked.url, A4_WIDTH, 1123, media="print") as page:
        assert_shown(page, _ESSENTIAL)
        fill = page.locator(".meter .fill").first.evaluate(
            "e => getComputedStyle(e).backgroundColor"
        )
        assert fill not in ("rgba(0, 0, 0, 0)", "transparent")
        assert page.evaluate("getComputedStyle(document.querySelector('nav')).display") == "none"


def test_printed_pages_are_numbered_and_keep_the_notice(browser: Any, loaded: Loaded) -> None:
    """Each printed page carries 'Halaman n dari N'; the first carries the predikat and the
    simulation notice."""
    data, _ = printed(browser, loaded.url)
    pages = pages_of(data)
    assert len(pages) > 1
    for number, text in enumerate(pages, 1):
        assert f"Halaman{number}dari{len(pages)}" in text
    notice = "".join(translate(SIMULATION_LABEL, "id").split())
    assert notice in pages[0]
    assert "74,73" in pages[0]


def test_english_page(browser: Any, example: lke.Evaluation, tmp_path: Path) -> None:
    """The English page says 'Proposed score (simulation)' and numbers its pages in English;
    its longer words still fit a phone and A4."""
    html = evaluation_page(example, lang="en")
    with opened(browser, html, tmp_path / "contoh-en.html") as page:
        assert [] == page.errors
        assert "en" == page.page.evaluate("document.documentElement.lang")
        notice = page.page.locator("#simulasi")
        assert notice.is_visible()
        assert notice.inner_text().startswith("Proposed score (simulation)")
        assert_no_sideways_scroll(browser, page.url, PHONE)
        assert_fits_a4(browser, page.url)
        data, _ = printed(browser, page.url)
    pages = pages_of(data)
    for number, text in enumerate(pages, 1):
        assert f"Page{number}of{len(pages)}" in text


def test_screenshots(browser: Any, loaded: Loaded, marked: Loaded, artifacts: Path) -> None:
    """Screenshots of both pages, on a screen, a phone and printed, go to tests/artifacts/."""
    for source, stem in ((loaded, "lke-contoh"), (marked, "lke-acak")):
        for saved in screenshots(browser, source.url, artifacts, stem):
            assert saved.stat().st_size > 0
