"""The style sheet every self-contained page of lakipcore carries inline.

The report page, the evaluation (LKE) page and the monitoring page share ``report.css`` and
number their printed A4 pages the same way, in the reader's language ("Halaman 3 dari 12", in
English "Page 3 of 12"); each may add rules of its own on top.
"""

from __future__ import annotations

import string
from importlib import resources

from lakipcore.i18n import N_, Language, translate

__all__ = ["page_css"]


def page_css(lang: Language, extra: str = "") -> str:
    """``report.css``, then ``extra`` (a page's own rules), then the number of each printed
    page in ``lang``."""
    sheet = resources.files("lakipcore.render").joinpath("report.css").read_text(encoding="utf-8")
    return f"{sheet}\n{extra}@page {{ @bottom-center {{ content: {_page_number(lang)}; }} }}\n"


def _page_number(lang: Language) -> str:
    """The CSS ``content`` of a printed page's number in ``lang``: the catalogue's "Page
    {page} of {pages}" with the page counters for its placeholders
    (``"Halaman " counter(page) " dari " counter(pages)``)."""
    words = translate(N_("Page {page} of {pages}"), lang)
    parts = []
    for literal, field, _, _ in string.Formatter().parse(words):
        if literal:
            escaped = literal.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ")
            parts.append(f'"{escaped}"')
        if field is not None:
            parts.append(f"counter({field})")
    return " ".join(parts)
