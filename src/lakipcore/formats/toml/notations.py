"""The notations of a report file's tables and printed figures (docs/format.md, "Numbers").

A ``[[tables]]`` entry may state the notation the table prints in and, per column (keyed by the
quantity the column prints), the notation and the unit its header states::

    [[tables]]
    id = "tabel-19"
    kind = "budget"
    notation = "indonesian"
    columns = { absorption = { notation = "decimal-point", unit = "%" }, pagu = { unit = "Rp" } }

and one printed figure may state its own: ``printed.capaian = { tabel-3 = { text = "102,43",
notation = "indonesian" } }``. Reading these is here; so is writing them back, each figure's
notation written only where it differs from the one its table gives it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from lakipcore.formats import document
from lakipcore.formats.toml.reader import Reader, Table, join
from lakipcore.i18n import M_
from lakipcore.model import ColumnUnit, PrintedFigure, Quantity, ReportTable, TableColumn
from lakipcore.notation import Notation

__all__ = [
    "columns_value",
    "optional_notation",
    "place_value",
    "read_table_notation",
    "table_notation_lines",
]


def read_table_notation(
    reader: Reader, item: Table, path: str
) -> tuple[Notation | None, tuple[TableColumn, ...]]:
    """The ``notation`` and ``columns`` of the ``[[tables]]`` entry ``item`` at ``path``."""
    notation = optional_notation(reader, item, path)
    columns_data = item.get("columns")
    if columns_data is None:
        return notation, ()
    cpath = join(path, "columns")
    if not isinstance(columns_data, Mapping):
        raise reader.fail(
            cpath,
            M_(
                'expected a table of quantity = {{ notation = "…", unit = "…" }}, e.g. '
                'columns = {{ capaian = {{ unit = "%" }} }}'
            ),
        )
    columns = []
    for name, facts in columns_data.items():
        qpath = join(cpath, name)
        with reader.placed(qpath, replace=True):
            quantity = Quantity.from_name(name)
        if not isinstance(facts, Mapping):
            raise reader.fail(
                qpath,
                M_(
                    'expected a table {{ notation = "…", unit = "…" }} for the column of {name}',
                    name=repr(name),
                ),
            )
        reader.only(facts, document.TABLE_COLUMN, qpath)
        unit_name = reader.text(facts, "unit", qpath, required=False)
        with reader.placed(join(qpath, "unit"), replace=True):
            unit = None if unit_name is None else ColumnUnit.from_name(unit_name)
        columns.append(TableColumn(quantity, optional_notation(reader, facts, qpath), unit))
    return notation, tuple(columns)


def optional_notation(reader: Reader, item: Table, path: str) -> Notation | None:
    """The ``notation`` key of ``item`` (a table's, a column's), or ``None`` when it has none."""
    name = reader.text(item, "notation", path, required=False)
    if name is None:
        return None
    with reader.placed(join(path, "notation"), replace=True):
        return Notation.from_name(name)


def table_notation_lines(table: ReportTable, string: Callable[[str], str]) -> list[str]:
    """The ``notation`` and ``columns`` lines of ``table``'s ``[[tables]]`` entry, if any."""
    lines = []
    if table.notation is not None:
        lines.append(f"notation = {string(table.notation.value)}")
    if table.columns:
        lines.append(f"columns = {columns_value(table, string)}")
    return lines


def columns_value(table: ReportTable, string: Callable[[str], str]) -> str:
    """``table``'s columns as the TOML inline table of ``columns``."""
    cells = []
    for column in table.columns:
        facts = []
        if column.notation is not None:
            facts.append(f"notation = {string(column.notation.value)}")
        if column.unit is not None:
            facts.append(f"unit = {string(column.unit.value)}")
        inner = f"{{ {', '.join(facts)} }}" if facts else "{}"
        cells.append(f"{column.quantity.value} = {inner}")
    return "{ " + ", ".join(cells) + " }"


def place_value(
    figures: Iterable[PrintedFigure], default: Notation, string: Callable[[str], Any]
) -> str:
    """The TOML value of the figures printed in one table: a text, a list of texts, each one
    ``{ text = "…", notation = "…" }`` when it is read in a notation other than ``default``
    (the notation its table gives it)."""
    values = [_figure_value(f, default, string) for f in figures]
    return values[0] if len(values) == 1 else "[" + ", ".join(values) + "]"


def _figure_value(figure: PrintedFigure, default: Notation, string: Callable[[str], Any]) -> str:
    """One printed figure: its text, or ``{ text, notation, working }`` with what it states."""
    parts = []
    if figure.notation is not default:
        parts.append(f"notation = {string(figure.notation.value)}")
    if figure.working is not None:
        parts.append(f"working = {string(figure.working)}")
    if not parts:
        return str(string(figure.text))
    return "{ " + ", ".join([f"text = {string(figure.text)}", *parts]) + " }"
