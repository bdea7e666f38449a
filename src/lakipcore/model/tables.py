"""The report's own tables: where its figures are printed.

A report file declares its tables (``[[tables]]``: id, printed title, kind), and every printed
figure names the table it is printed in by id. The audit reads the kind: an indicator table
is meant to list the capaian of its units' targeted indicators, so one that lists some but not
all of a unit's is an omission; a changes table holds the period-on-period figures.

A table may print its numbers in a notation of its own (``notation``, beside the report's), and
say per column (:class:`TableColumn`, keyed by the quantity the column prints) what its header
states: another notation, or the unit (``Capaian (%)``, ``Realisasi (Rp)``) that its bare cells
then carry.

:data:`KANWIL_TABLES` is the layout of a Kemenkumham Kanwil LAKIP (the Banten report): schema 1
files, which named these places without declaring them, load with it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Any, Final

import attrs

from lakipcore._display import Short
from lakipcore._names import NamedEnum, enum_field
from lakipcore._text import text_field
from lakipcore.errors import InvalidValueError, LakipTypeError
from lakipcore.i18n import M_
from lakipcore.model.codes import check_code
from lakipcore.model.origin import Origin
from lakipcore.model.printed import Quantity
from lakipcore.notation import Notation

__all__ = [
    "KANWIL_TABLES",
    "ColumnUnit",
    "ReportTable",
    "TableColumn",
    "TableKind",
    "TableScope",
    "tables_by_id",
]


class TableKind(NamedEnum):
    """What a table of the report lists."""

    __what__ = "table kind"

    INDICATORS = "indicators"
    """Indicators with target, realisation and capaian (pengukuran kinerja)."""
    BUDGET = "budget"
    """Budget programmes and outputs: pagu, realisasi, penyerapan (realisasi anggaran)."""
    DASHBOARD = "dashboard"
    """One row per unit (and the office): achievement, absorption, performance."""
    CHANGES = "changes"
    """Figures of two periods side by side and the change between them (YoY)."""
    PROSE = "prose"
    """Not a table: figures restated in the running text."""
    EVIDENCE = "evidence"
    """A supporting table printed beside an indicator (counts, survey results)."""


class TableScope(NamedEnum):
    """Which units' indicators an indicator table is meant to list."""

    __what__ = "table scope"

    EACH_UNIT = "each-unit"
    """One table per unit: a unit that appears in it appears with all its targeted indicators."""
    ALL_UNITS = "all-units"
    """One table for every unit: every targeted indicator of every unit belongs in it."""
    ONE_INDICATOR = "one-indicator"
    """Tables of one indicator each (one table per IKU, common in pemda reports), declared as
    one id: an indicator missing from it is not an omission."""


class ColumnUnit(NamedEnum):
    """The unit a column's header states, so that its cells print bare numbers."""

    __what__ = "column unit"

    PERCENT = "%"
    """``Capaian (%)``: a bare ``93,6`` in the column is 93,6 %."""
    RUPIAH = "Rp"
    """``Realisasi (Rp)``: the cells are amounts in Rupiah."""


def _id(_instance: object, _attribute: object, value: Any) -> None:
    check_code(value, "table", "id")


def _optional_notation(_instance: object, attribute: Any, value: Any) -> None:
    if value is not None:
        enum_field(Notation, attribute.name)(_instance, attribute, value)


def _optional_unit(_instance: object, attribute: Any, value: Any) -> None:
    if value is not None:
        enum_field(ColumnUnit, attribute.name)(_instance, attribute, value)


@attrs.frozen
class TableColumn:
    """What a table's column header says about the figures of one ``quantity`` printed in it:
    their ``notation`` (when it is not the table's) and the ``unit`` the header carries."""

    quantity: Quantity = attrs.field(validator=enum_field(Quantity, "quantity"))
    notation: Notation | None = attrs.field(default=None, validator=_optional_notation)
    unit: ColumnUnit | None = attrs.field(default=None, validator=_optional_unit)


def _columns(items: Iterable[TableColumn]) -> tuple[TableColumn, ...]:
    columns = tuple(items)
    seen: set[Quantity] = set()
    for index, column in enumerate(columns):
        if not isinstance(column, TableColumn):
            raise LakipTypeError(
                M_("expected a TableColumn, got {column}", column=repr(column)),
                field=f"columns[{index}]",
            )
        if column.quantity in seen:
            raise InvalidValueError(
                M_("two columns for {quantity}", quantity=repr(column.quantity.value)),
                field=f"columns.{column.quantity.value}",
            )
        seen.add(column.quantity)
    return columns


@attrs.frozen(repr=False)
class ReportTable(Short):
    """A table of the report: ``id`` (what printed figures name), the ``title`` it prints, its
    ``kind``, and for an indicator table its ``scope``.

    ``notation``, when given, is how the table prints numbers, in place of the report's; each of
    ``columns`` says what the header of the column printing one quantity states (its notation,
    its unit). A printed figure is read in its own notation if it states one, else its
    column's, else its table's, else the report's (:meth:`notation_of`).
    """

    id: str = attrs.field(validator=_id)
    kind: TableKind = attrs.field(validator=enum_field(TableKind, "kind"))
    title: str | None = attrs.field(default=None, validator=text_field("title", optional=True))
    scope: TableScope = attrs.field(
        default=TableScope.EACH_UNIT, validator=enum_field(TableScope, "scope")
    )
    origin: Origin | None = attrs.field(default=None, eq=False, repr=False)
    notation: Notation | None = attrs.field(
        default=None, validator=_optional_notation, kw_only=True
    )
    columns: tuple[TableColumn, ...] = attrs.field(default=(), converter=_columns, kw_only=True)

    def column(self, quantity: Quantity) -> TableColumn | None:
        """The column printing ``quantity``, if the table declares one."""
        return next((c for c in self.columns if c.quantity is quantity), None)

    def notation_of(self, quantity: Quantity, default: Notation) -> Notation:
        """The notation figures of ``quantity`` are printed in here: the column's, else the
        table's, else ``default`` (the report's)."""
        column = self.column(quantity)
        if column is not None and column.notation is not None:
            return column.notation
        return self.notation if self.notation is not None else default

    def unit_of(self, quantity: Quantity) -> ColumnUnit | None:
        """The unit the header of the column printing ``quantity`` states, if any."""
        column = self.column(quantity)
        return None if column is None else column.unit


KANWIL_TABLES: Final = (
    ReportTable(
        "summary-indicators",
        TableKind.INDICATORS,
        "KANWIL: REALISASI INDIKATOR KINERJA",
    ),
    ReportTable("summary-budget", TableKind.BUDGET, "KANWIL: REALISASI ANGGARAN"),
    ReportTable("summary-dashboard", TableKind.DASHBOARD, "KANWIL: DASHBOARD PERFORMANCE"),
    ReportTable("summary-yoy", TableKind.CHANGES, "KANWIL: PERFORMANCE YEAR ON YEAR"),
    ReportTable("unit-indicators", TableKind.INDICATORS, "REALISASI INDIKATOR KINERJA"),
    ReportTable("unit-budget", TableKind.BUDGET, "REALISASI ANGGARAN"),
    ReportTable("unit-dashboard", TableKind.DASHBOARD, "DASHBOARD PERFORMANCE"),
    ReportTable("unit-yoy", TableKind.CHANGES, "REALISASI INDIKATOR KINERJA (YoY)"),
    ReportTable("prose", TableKind.PROSE, "Uraian"),
    ReportTable("evidence", TableKind.EVIDENCE, "Data dukung"),
)
"""The tables of a Kemenkumham Kanwil LAKIP (chapter III of the Banten 2019 report)."""


def tables_by_id(tables: tuple[ReportTable, ...]) -> Mapping[str, ReportTable]:
    """The tables by id, refusing duplicates."""
    found: dict[str, ReportTable] = {}
    for index, table in enumerate(tables):
        if not isinstance(table, ReportTable):
            raise LakipTypeError(
                M_("expected a ReportTable, got {table}", table=repr(table)),
                field=f"tables[{index}]",
            )
        if table.id in found:
            raise InvalidValueError(
                M_("duplicate table id {id}", id=repr(table.id)), field=f"tables[{index}]"
            )
        found[table.id] = table
    return MappingProxyType(found)
