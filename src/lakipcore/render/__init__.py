"""The report as a page a person reads: one self-contained HTML file with inline SVG charts.

>>> import lakipcore
>>> from lakipcore.render import render_html
>>> page = render_html(lakipcore.load_example())
>>> "116,13%" in page and "Dashboard Performance" in page
True

``lakip report FILE -o report.html`` writes the same page from the command line.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lakipcore.render.html import render_html
    from lakipcore.render.text import render_score_text

__all__ = ["render_html", "render_score_text"]

# Loaded on first use: ``lakip score`` needs the text tables, not the HTML page and its audit.
_LAZY = {"render_html": "lakipcore.render.html", "render_score_text": "lakipcore.render.text"}


def __getattr__(name: str) -> object:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'lakipcore.render' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
