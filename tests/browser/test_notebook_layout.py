"""The notebook's findings table laid out by a real browser (headless chromium): in an output
area as wide as a notebook's, every message wraps in a wide column, every location (a file, a
line and a field path: one long word) stays in a narrow column of small type, and the errors
come first. Before, the location's unbreakable path took the width and squeezed the message to
a word per line.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pages import opened

import lakipcore

NOTEBOOK_WIDTH = 900  # px: a JupyterLab output area beside its prompt, on a laptop screen

_ROWS = """() => [...document.querySelectorAll('#out tbody tr')].map(row => {
    const cells = row.querySelectorAll('td');
    const box = cell => cell.getBoundingClientRect();
    return {severity: cells[0].innerText, location: box(cells[6]).width,
            message: box(cells[7]).width};
})"""


@pytest.mark.parametrize("width", [NOTEBOOK_WIDTH, 1200])
def test_messages_wrap_beside_a_narrow_location(browser: Any, tmp_path: Path, width: int) -> None:
    """In a notebook-wide output, each message column is wider than 300 px and more than twice
    the location column, which stays under 160 px (14em of its small type); errors first."""
    assessment = lakipcore.assess(lakipcore.load_example())
    page = (
        '<!DOCTYPE html><html><head><meta charset="utf-8"></head>'
        '<body style="font:14px sans-serif">'
        f'<div id="out" style="width:{width}px">{assessment.findings._repr_html_()}</div>'
        "</body></html>"
    )
    with opened(browser, page, tmp_path / "findings.html") as loaded:
        assert [] == loaded.errors
        rows = loaded.page.evaluate(_ROWS)
    assert 25 == len(rows)
    assert ["error"] * 9 + ["warning"] * 2 + ["info"] * 14 == [r["severity"] for r in rows]
    for row in rows:
        assert row["location"] < 160, row
        assert row["message"] > 300, row
        assert row["message"] > 2 * row["location"], row
