"""Trees of units are at most ``MAX_LEVELS`` deep, and at that depth everything works (issue 21).

A unit tree about 495 levels deep used to load and then raise ``RecursionError`` in scoring and
the audit. The tree is now bounded where a unit is built (in a file, a workbook, a roll-up or in
Python), and every walk over it is run at the bound with only a few hundred frames of stack
left, as a caller deep in a web framework or a notebook would have.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import lakipcore
from extras import require
from lakipcore.errors import InvalidValueError, ReportFileError
from lakipcore.model import MAX_LEVELS, Unit

HEAD = """\
schema = 2

[report]
title = "A deep tree"
main = "2020"

[[periods]]
key = "2019"
method = "banten-2019"

[[periods]]
key = "2020"
method = "banten-2019"

[[tables]]
id = "t"
kind = "dashboard"

[office]
code = "u0"
name = "Unit 0"
"""


def _unit(level: int, parent: str) -> str:
    blocks = []
    for year in ("2019", "2020"):
        blocks.append(f"""
[units.periods.{year}]
printed.performance = {{ t = "100%" }}

[units.periods.{year}.budget]
programme = "Program {level}"

[[units.periods.{year}.budget.outputs]]
name = "Keluaran {level}"
pagu = "1.000.000"
realisation = "990.000"
""")
    indicator = f"""
[[units.indicators]]
code = "i{level}"
name = "Indikator {level}"

[units.indicators.periods.2019]
target = "10 Laporan"
realisation = "9 Laporan"

[units.indicators.periods.2020]
target = "10 Laporan"
realisation = "11 Laporan"
"""
    head = f'\n[[units]]\ncode = "u{level}"\nname = "Unit {level}"\nparent = "{parent}"\n'
    return head + "".join(blocks) + indicator


def deep_report_text(levels: int) -> str:
    """A chain of ``levels`` units, the office first, each with a budget and an indicator."""
    return HEAD + "".join(_unit(level, f"u{level - 1}") for level in range(1, levels))


def _with_little_stack(frames_left: int, work: Callable[[], Any]) -> Any:
    """Run ``work`` with only ``frames_left`` frames below Python's recursion limit."""
    depth = 0
    frame = sys._getframe()
    while frame is not None:
        depth += 1
        frame = frame.f_back  # type: ignore[assignment]
    budget = sys.getrecursionlimit() - depth - frames_left

    def descend(n: int) -> Any:
        return work() if n <= 0 else descend(n - 1)

    return descend(budget)


def test_the_deepest_tree_allowed_is_assessed_and_written_with_little_stack_left() -> None:
    report = lakipcore.loads_report(deep_report_text(MAX_LEVELS))
    assert MAX_LEVELS == report.root.levels

    def everything() -> dict[str, Any]:
        from lakipcore.render.html import render_html
        from lakipcore.render.json import score_to_dict
        from lakipcore.render.notebook import report_score_html
        from lakipcore.render.text import render_findings, render_score_text

        assessment = lakipcore.assess(report)
        again = lakipcore.loads_report(lakipcore.dump_report(report))
        return {
            "assessment": assessment,
            "html": render_html(assessment),
            "json": score_to_dict(assessment),
            "text": render_score_text(assessment) + render_findings(assessment),
            "notebook": report_score_html(assessment.scores) + repr(report),
            "equal": again == report and hash(again.root) == hash(report.root),
        }

    done = _with_little_stack(250, everything)
    current = done["assessment"].current
    deepest = current.root
    while deepest.units:
        deepest = deepest.units[0]
    assert f"u{MAX_LEVELS - 1}" == deepest.code
    assert done["equal"]
    assert f"Unit {MAX_LEVELS - 1}" in done["html"]
    assert f"Unit {MAX_LEVELS - 1}" in done["text"]
    assert {"periods", "changes"} <= set(done["json"])


def test_a_roll_up_that_would_go_too_deep_is_refused() -> None:
    """Rolling a tree of the deepest kind up under a national root adds a level."""
    from lakipcore.model.rollup import rollup

    shallower = lakipcore.loads_report(deep_report_text(MAX_LEVELS - 1))
    assert MAX_LEVELS == rollup([shallower]).root.levels
    with pytest.raises(InvalidValueError, match=f"at most {MAX_LEVELS} levels"):
        rollup([lakipcore.loads_report(deep_report_text(MAX_LEVELS))])


def test_the_deepest_tree_goes_through_a_workbook_with_little_stack_left(tmp_path: Path) -> None:
    require("openpyxl")
    from lakipcore.excel import read_workbook, write_workbook

    report = lakipcore.loads_report(deep_report_text(MAX_LEVELS))

    def round_trip() -> Unit:
        path = write_workbook(lakipcore.assess(report), tmp_path / "deep.xlsx")
        return read_workbook(path).root

    assert MAX_LEVELS == _with_little_stack(250, round_trip).levels


def test_a_deeper_tree_in_a_file_is_refused_at_the_unit_that_goes_too_deep() -> None:
    with pytest.raises(ReportFileError) as info:
        lakipcore.loads_report(deep_report_text(MAX_LEVELS + 1), source="deep.toml")
    assert f"units[{MAX_LEVELS - 1}].parent" == info.value.field
    assert f"'u{MAX_LEVELS}' would be at level {MAX_LEVELS + 1}" in str(info.value)
    assert "deep.toml" == info.value.source
    assert info.value.line is not None
    assert f"at most {MAX_LEVELS} levels" in str(info.value)


def test_495_levels_are_refused_not_a_recursion_error() -> None:
    with pytest.raises((InvalidValueError, ReportFileError), match="at most 32 levels"):
        lakipcore.loads_report(deep_report_text(495))


def test_a_deeper_tree_built_in_python_is_refused() -> None:
    unit = Unit("leaf", "Leaf")
    for level in range(MAX_LEVELS - 1):
        unit = Unit(f"u{level}", f"Unit {level}", units=(unit,))
    assert MAX_LEVELS == unit.levels
    with pytest.raises(InvalidValueError, match="nest 33 levels deep") as info:
        Unit("top", "Top", units=(unit,))
    assert "units" == info.value.field
