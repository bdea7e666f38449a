"""The writers: an assessment as a person or a program reads it.

Every function here takes an :class:`~lakipcore.Assessment` (:func:`lakipcore.assess`) and
computes nothing: text tables (``lakip score``, ``lakip audit``), the score JSON, one
self-contained HTML page with inline SVG charts (``lakip report``), the notebook display, the
Excel workbook (``lakip export``) and rows and Arrow tables.

>>> import lakipcore
>>> from lakipcore.render import render_html
>>> page = render_html(lakipcore.assess(lakipcore.load_example()))
>>> "116,13%" in page and "Dashboard Performance" in page
True
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lakipcore.render.arrow import as_rows, score_tables, to_arrow
    from lakipcore.render.html import render_html
    from lakipcore.render.json import score_to_dict
    from lakipcore.render.text import render_findings, render_score_text
    from lakipcore.render.workbook import write_workbook

__all__ = [
    "as_rows",
    "render_findings",
    "render_html",
    "render_score_text",
    "score_tables",
    "score_to_dict",
    "to_arrow",
    "write_workbook",
]

# Loaded on first use: ``lakip score`` needs the text tables, not the HTML page or openpyxl.
_LAZY = {
    "as_rows": "lakipcore.render.arrow",
    "score_tables": "lakipcore.render.arrow",
    "to_arrow": "lakipcore.render.arrow",
    "render_html": "lakipcore.render.html",
    "score_to_dict": "lakipcore.render.json",
    "render_findings": "lakipcore.render.text",
    "render_score_text": "lakipcore.render.text",
    "write_workbook": "lakipcore.render.workbook",
}


def __getattr__(name: str) -> object:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'lakipcore.render' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
