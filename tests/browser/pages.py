"""What the browser tests share: a page opened with its requests and console errors recorded,
and the A4 print check."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

A4_WIDTH = 794  # 210 mm at 96 dpi


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


def assert_fits_a4(browser: Any, url: str) -> None:
    """Printed (print media, an A4-wide viewport), nothing on the page is wider than A4."""
    context = browser.new_context(viewport={"width": A4_WIDTH, "height": 1123})
    page = context.new_page()
    try:
        page.emulate_media(media="print")
        page.goto(url, wait_until="load")
        assert page.evaluate("document.documentElement.scrollWidth") <= A4_WIDTH
        wide = page.evaluate(
            """w => [...document.querySelectorAll('table, svg, pre, p')]
                .filter(e => e.getBoundingClientRect().right > w + 0.5).length""",
            A4_WIDTH,
        )
        assert 0 == wide
    finally:
        context.close()
