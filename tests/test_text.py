"""What a text field may hold (issue 21): control characters, lone surrogates and bidirectional
controls are refused in every string of a report, with the field named; tabs and line breaks
(a title over two lines, a wrapped cell) are allowed.

The table of fields is not written by hand: every string of every shipped example is tried,
so that a field added later is covered too.
"""

from __future__ import annotations

import copy
import tomllib
from collections.abc import Iterator
from decimal import Decimal
from importlib import resources
from typing import Any

import attrs
import pytest

import lakipcore
from lakipcore._text import refused_character
from lakipcore.errors import FigureFormatError, InvalidValueError, LakipTypeError
from lakipcore.formats import build_report
from lakipcore.model import BudgetLine, BudgetOutput, ReportPeriod, ReportTable, TableKind

REFUSED = {
    "\x00": "U+0000 (NUL)",
    "\x0b": "U+000B (LINE TABULATION)",
    "\x1b": "U+001B (ESCAPE)",
    "\x7f": "U+007F (DELETE)",
    "\x85": "U+0085 (NEXT LINE)",
    "\ud800": "U+D800 (a lone surrogate",
    "\u202e": "U+202E (RIGHT-TO-LEFT OVERRIDE)",
    "\u2066": "U+2066 (LEFT-TO-RIGHT ISOLATE)",
}


def _examples() -> dict[str, dict[str, Any]]:
    data = resources.files("lakipcore.data")
    return {
        name: tomllib.loads(data.joinpath(name).read_text(encoding="utf-8"))
        for name in sorted(p.name for p in data.iterdir() if p.name.endswith(".toml"))
    }


EXAMPLES = _examples()


def _strings(node: object, path: tuple[str | int, ...] = ()) -> Iterator[tuple[str | int, ...]]:
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _strings(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _strings(value, (*path, index))
    elif isinstance(node, str):
        yield path


def _shape(path: tuple[str | int, ...]) -> str:
    """The field a path is an instance of: indexes and period keys left out."""
    parts = []
    for part in path:
        if isinstance(part, int):
            parts.append("[]")
        elif parts and parts[-1] == "periods" and part[:1].isdigit():
            parts.append("<period>")
        else:
            parts.append(part)
    return ".".join(parts)


def _one_of_each_field() -> list[tuple[str, tuple[str | int, ...]]]:
    seen: dict[str, tuple[str, tuple[str | int, ...]]] = {}
    for name, data in EXAMPLES.items():
        for path in _strings(data):
            seen.setdefault(_shape(path), (name, path))
    return [seen[shape] for shape in sorted(seen)]


FIELDS = _one_of_each_field()


def _with(data: dict[str, Any], path: tuple[str | int, ...], character: str) -> dict[str, Any]:
    changed = copy.deepcopy(data)
    node: Any = changed
    for part in path[:-1]:
        node = node[part]
    text = node[path[-1]]
    node[path[-1]] = text[:1] + character + text[1:]
    return changed


def test_every_string_field_of_the_examples_is_covered() -> None:
    """The examples hold the fields users write: titles, names, codes, figures, notes, cells."""
    shapes = {_shape(path) for _, path in FIELDS}
    assert len(shapes) > 60
    for field in ("report.title", "periods.[].title", "tables.[].title", "office.name"):
        assert field in shapes


@pytest.mark.parametrize(("example", "path"), FIELDS, ids=[_shape(p) for _, p in FIELDS])
@pytest.mark.parametrize("character", ["\x0b", "\ud800", "\u202e"])
def test_a_refused_character_in_any_field_is_an_error_naming_it(
    example: str, path: tuple[str | int, ...], character: str
) -> None:
    data = _with(EXAMPLES[example], path, character)
    with pytest.raises(InvalidValueError) as info:
        build_report(data, source=example)
    assert REFUSED[character] in str(info.value)
    assert info.value.source == example
    assert info.value.field is not None


@pytest.mark.parametrize("character", sorted(REFUSED))
def test_each_refused_character_is_named(character: str) -> None:
    described = refused_character(f"Tahun{character}2019")
    assert described is not None
    assert described.startswith(REFUSED[character])


@pytest.mark.parametrize(
    "text", ["Laporan Kinerja\nTahun 2019", "Kolom\tdua", "a\r\nb", "Tahun 2019"]
)
def test_tabs_and_line_breaks_are_layout_and_allowed(text: str) -> None:
    assert refused_character(text) is None
    period = ReportPeriod("2019", title=text)
    assert text == period.title


def test_the_file_reports_every_refused_character_at_its_line() -> None:
    text = lakipcore.formats.example_text().replace(
        'title = "LAKIP Kanwil', 'title = "LAKIP\\u001b Kanwil', 1
    )
    text = text.replace('name = "Sekjen - Divisi', 'name = "Sekjen\\u0000 - Divisi', 1)
    with pytest.raises(lakipcore.errors.ReportFileError) as info:
        lakipcore.loads_report(text, source="banten.toml")
    fields = [e.field for e in info.value.errors]
    assert ["report.title", "units[0].name"] == fields
    assert all(e.line is not None for e in info.value.errors)


def test_a_figure_with_a_control_character_is_refused_not_read_as_a_space() -> None:
    """``12 Lap\\x0boran`` was read as ``12 Lap oran``: the vertical tab is refused now."""
    with pytest.raises(FigureFormatError, match="U\\+000B"):
        lakipcore.parse_figure("12 Lap\x0boran")
    assert Decimal(12) == lakipcore.parse_figure("12\u00a0Laporan").value  # a no-break space
    assert "Laporan" == lakipcore.parse_figure("12\n Laporan").unit  # a wrapped cell


@pytest.mark.parametrize(
    "build",
    [
        lambda text: ReportPeriod("2019", title=text),
        lambda text: ReportTable("t", TableKind.PROSE, title=text),
        lambda text: BudgetOutput(text, Decimal(1), Decimal(1)),
        lambda text: BudgetLine(text, ()),
        lambda text: attrs.evolve(lakipcore.load_example(), title=text),
        lambda text: attrs.evolve(lakipcore.load_example(), source=text),
    ],
    ids=["period title", "table title", "output name", "programme", "report title", "source"],
)
def test_the_model_refuses_them_when_built_in_python(build: Any) -> None:
    with pytest.raises(InvalidValueError, match="U\\+001B"):
        build("Tahun\x1b2019")
    with pytest.raises(LakipTypeError):
        build(2019)
