"""What the browser tests share: a page opened with its requests and console errors recorded,
the A4 print checks (the width, the page numbers, headings kept with what follows) and the
check that a screen never scrolls sideways."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from pdftext import page_texts

A4_WIDTH = 794  # 210 mm at 96 dpi
# What a printed page holds: A4 less the side margins of report.css's @page (12 mm each),
# 186 mm at 96 dpi, the width Chromium lays the page out at when it prints.
PRINTABLE_WIDTH = 703
PHONE, DESKTOP = 390, 1280

_TOO_WIDE = """w => [...document.querySelectorAll('body *')]
    .filter(e => e.getBoundingClientRect().right > w + 0.5)
    .map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : ''))"""


class Loaded:
    """A page opened in the browser, with what happened while it loaded."""

    def __init__(self, page: Any, url: str, requests: list[str], errors: list[str]) -> None:
        self.page, self.url, self.requests, self.errors = page, url, requests, errors


@contextmanager
def opened(browser: Any, html: str, path: Path) -> Iterator[Loaded]:
    """``html`` written to ``path`` and opened from the file; every request and console error
    recorded."""
    path.write_text(html, encoding="utf-8")
    context = browser.new_context(viewport={"width": 1000, "height": 900})
    page = context.new_page()
    requests: list[str] = []
    errors: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    url = path.as_uri()
    page.goto(url, wait_until="load")
    try:
        yield Loaded(page, url, requests, errors)
    finally:
        context.close()


@contextmanager
def viewed(
    browser: Any, url: str, width: int, height: int = 844, *, media: str = "screen"
) -> Iterator[Any]:
    """``url`` opened on a screen ``width`` × ``height`` in ``media`` ("screen" or "print"); the
    browser context is closed afterwards."""
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    try:
        if media != "screen":
            page.emulate_media(media=media)
        page.goto(url, wait_until="load")
        yield page
    finally:
        context.close()


def assert_fits_a4(browser: Any, url: str) -> None:
    """Printed (print media, the printable width of an A4 page), no element is wider than the
    page, tables and charts included: nothing scrolls or is cut off on paper."""
    with viewed(browser, url, PRINTABLE_WIDTH, 1123, media="print") as page:
        assert page.evaluate("document.documentElement.scrollWidth") <= PRINTABLE_WIDTH
        assert [] == page.evaluate(_TOO_WIDE, PRINTABLE_WIDTH)
        boxes = page.evaluate(
            """() => [...document.querySelectorAll('.table-scroll')]
                .filter(e => e.scrollWidth > e.clientWidth + 0.5).length"""
        )
        assert 0 == boxes


def assert_no_sideways_scroll(browser: Any, url: str, width: int) -> None:
    """On a screen ``width`` wide the document does not scroll sideways: whatever is wider
    than the screen (a wide table) scrolls inside a box of its own, which fits the screen."""
    with viewed(browser, url, width) as page:
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        assert page.evaluate("document.body.scrollWidth <= window.innerWidth")
        inner = page.evaluate("window.innerWidth")
        wide = page.evaluate(
            """w => [...document.querySelectorAll('body *')]
                .filter(e => e.getBoundingClientRect().right > w + 0.5)
                .filter(e => !e.closest('.table-scroll'))
                .map(e => e.tagName.toLowerCase())""",
            inner,
        )
        assert [] == wide
        # Each wide table is reachable: its box scrolls, and it is a region a keyboard reaches.
        boxes = page.evaluate(
            """() => [...document.querySelectorAll('.table-scroll')]
                .filter(e => e.scrollWidth > e.clientWidth + 0.5)
                .map(e => [getComputedStyle(e).overflowX, e.tabIndex,
                           e.getAttribute('role'), e.getAttribute('aria-label') || ''])"""
        )
        for overflow, tab_index, role, label in boxes:
            assert ("auto", 0, "region") == (overflow, tab_index, role)
            assert label


def printed(browser: Any, url: str) -> tuple[bytes, list[list[str]]]:
    """The page printed to PDF as Chromium prints it (its own @page size and margins), and
    [heading, the text of the first block after it] for each visible h2 and h3, as printed
    (an h2 in capitals)."""
    context = browser.new_context()
    page = context.new_page()
    try:
        page.goto(url, wait_until="load")
        pdf = page.pdf(prefer_css_page_size=True)
        page.emulate_media(media="print")
        headings = page.evaluate(_HEADINGS)
    finally:
        context.close()
    return pdf, headings


# Each heading printed, and the text of the first block after it (a table's first row, an
# item, a paragraph, a chart's text): what must be on the heading's page.
_HEADINGS = """() => {
  const blocks = [...document.querySelectorAll('tbody tr, li, p, dd, svg text, figcaption')];
  const out = [];
  for (const h of document.querySelectorAll('h2, h3')) {
    if (!h.getClientRects().length) continue;
    const next = blocks.find(e => h.compareDocumentPosition(e) & Node.DOCUMENT_POSITION_FOLLOWING);
    out.push([h.innerText, next ? (next.innerText ?? next.textContent) : '']);
  }
  return out;
}"""


def squashed(text: str) -> str:
    """``text`` without white space: the PDF breaks lines and runs where the page does not."""
    return "".join(text.split())


def pages_of(pdf: bytes) -> list[str]:
    """The text of each printed page, without white space."""
    return [squashed(text) for text in page_texts(pdf)]


def screenshots(browser: Any, url: str, artifacts: Path, stem: str) -> list[Path]:
    """Full-page screenshots of ``url`` on a screen, a phone and printed (A4), saved to
    ``artifacts`` as ``<stem>-screen.png``, ``-phone.png`` and ``-print.png``."""
    saved = []
    for media, width, name in (
        ("screen", 1000, f"{stem}-screen.png"),
        ("screen", PHONE, f"{stem}-phone.png"),
        ("print", A4_WIDTH, f"{stem}-print.png"),
    ):
        context = browser.new_context(viewport={"width": width, "height": 1123})
        page = context.new_page()
        try:
            page.emulate_media(media=media)
            page.goto(url, wait_until="load")
            page.screenshot(path=str(artifacts / name), full_page=True)
        finally:
            context.close()
        saved.append(artifacts / name)
    return saved


def assert_shown(page: Any, selectors: Any) -> None:
    """Each of ``selectors`` matches at least one element, and none of them is hidden (has no
    box) in ``page`` as it is now laid out (e.g. with print media emulated)."""
    for selector in selectors:
        counts = page.evaluate(
            """s => { const all = [...document.querySelectorAll(s)];
                return [all.length, all.filter(e => !e.getClientRects().length).length]; }""",
            selector,
        )
        assert counts[0] > 0, selector
        assert 0 == counts[1], selector
