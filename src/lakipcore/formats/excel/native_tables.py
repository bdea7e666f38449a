"""Reading lakipcore's own workbook layout, continued: the printed figures (``Tercetak``), the
definitions (``Definisi``) and the evidence tables (``Data dukung``), whose rows name the unit,
indicator and period they belong to. A part of :class:`~lakipcore.formats.excel.native._Native`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from lakipcore.errors import LakipError, Sentence
from lakipcore.formats import document
from lakipcore.formats.excel import _layout as layout
from lakipcore.formats.excel._build import Cells, read_inline
from lakipcore.formats.excel._sheets import Grid
from lakipcore.i18n import M_
from lakipcore.notation import Notation

__all__ = ["NativeTables"]


class NativeTables:
    """The sheets of printed figures, definitions and evidence tables (a part of the reader
    of lakipcore's layout, which gives the cell helpers and the units read so far)."""

    grids: dict[str, Grid]
    source: str
    cells: Cells
    errors: list[LakipError]
    units: dict[str, tuple[dict[str, Any], str]]
    indicators: dict[tuple[str, str], tuple[dict[str, Any], str]]
    notation: Notation

    # Given by the reader (_Native); declared here for the type checker.
    def fail(self, ref: str, message: str | Sentence) -> None:
        raise NotImplementedError

    def text(self, grid: Grid, row: int, column: int | None) -> str | None:
        raise NotImplementedError

    def table(
        self, name: str, columns: Sequence[tuple[str, str]], required: Sequence[str]
    ) -> tuple[Grid | None, dict[str, int]]:
        raise NotImplementedError

    def unit(self, grid: Grid, row: int, column: int) -> tuple[dict[str, Any], str] | None:
        raise NotImplementedError

    def block(
        self, grid: Grid, row: int, columns: dict[str, int]
    ) -> tuple[dict[str, Any], str] | None:
        raise NotImplementedError

    def key(self, grid: Grid, row: int, column: int, what: str) -> str | None:
        raise NotImplementedError

    def printed_rows(self) -> None:
        grid, columns = self.table(
            layout.PRINTED, layout.PRINTED_COLUMNS, ("unit", "period", "quantity", "place", "text")
        )
        if grid is None:
            return
        for row in range(1, grid.height):
            if self.key(grid, row, columns["unit"], "unit") is None:
                continue
            found = self.subject(grid, row, columns)
            text = self.text(grid, row, columns["text"])
            quantity = self.text(grid, row, columns["quantity"])
            place = self.text(grid, row, columns["place"])
            if found is None or text is None or quantity is None or place is None:
                if found is not None:
                    self.fail(
                        grid.ref(row, columns["text"]),
                        M_("a printed figure needs its quantity, table and text"),
                    )
                continue
            subject, spath = found
            places = subject.setdefault("printed", {}).setdefault(quantity, {})
            ppath = f"{spath}.printed.{quantity}.{place}"
            ref = grid.ref(row, columns["text"])
            # A figure that states its own notation or a working is the file's
            # { text, notation, working } table.
            value: str | dict[str, str] = text
            stated = {
                key: cell
                for key in ("notation", "working")
                if (cell := self.text(grid, row, columns.get(key))) is not None
            }
            if stated:
                value = {"text": text, **stated}
            if place in places:
                texts = places[place] if isinstance(places[place], list) else [places[place]]
                self.cells[f"{ppath}[{len(texts)}]"] = ref
                places[place] = [*texts, value]
            else:
                places[place] = value
                self.cells[ppath] = self.cells[f"{ppath}[0]"] = ref

    def subject(  # noqa: PLR0911 - a table of header words, one return each
        self, grid: Grid, row: int, columns: dict[str, int]
    ) -> tuple[dict[str, Any], str] | None:
        code = self.text(grid, row, columns.get("indicator"))
        if code is not None:
            found = self.unit(grid, row, columns["unit"])
            if found is None:
                return None
            indicator = self.indicators.get((found[1], code))
            period = self.text(grid, row, columns["period"]) or ""
            if indicator is None or period not in indicator[0]["periods"]:
                self.fail(
                    grid.ref(row, columns["indicator"]),
                    M_(
                        "indicator {code} has no row for {period} in the {indicators} sheet",
                        code=repr(code),
                        period=repr(period),
                        indicators=repr(layout.INDICATORS),
                    ),
                )
                return None
            return indicator[0]["periods"][period], f"{indicator[1]}.periods.{period}"
        block = self.block(grid, row, columns)
        if block is None:
            return None
        item = (self.text(grid, row, columns.get("item")) or "").strip().casefold()
        if not item:
            return block
        budget = block[0].get("budget")
        ref = grid.ref(row, columns["item"])
        if budget is None:
            self.fail(
                ref,
                M_(
                    "{item}: the unit has no budget in this period in the {budget} sheet",
                    item=repr(item),
                    budget=repr(layout.BUDGET),
                ),
            )
            return None
        if item == layout.BUDGET_ITEM:
            return budget, f"{block[1]}.budget"
        head, _, number = item.partition(" ")
        outputs = budget.get("outputs", [])
        if head == layout.OUTPUT_ITEM and number.isdigit() and 1 <= int(number) <= len(outputs):
            return outputs[int(number) - 1], f"{block[1]}.budget.outputs[{int(number) - 1}]"
        subtotals = budget.get(document.SUBTOTALS, [])
        for index, subtotal in enumerate(subtotals if isinstance(subtotals, list) else []):
            if head == layout.SUBTOTAL_ITEM and subtotal.get(document.TYPE) == number.strip():
                return subtotal, f"{block[1]}.budget.subtotals[{index}]"
        self.fail(
            ref,
            M_(
                "{item} is not {budget_item} or 'output N' (N from 1 to {count})",
                item=repr(item),
                budget_item=repr(layout.BUDGET_ITEM),
                count=len(outputs),
            ),
        )
        return None

    def definition_rows(self, data: dict[str, Any]) -> None:
        """Methods, grade tables, grading and derived figures, each an inline TOML table."""
        grid, columns = self.table(layout.DEFINITIONS, layout.DEFINITION_COLUMNS, ("kind", "spec"))
        if grid is None:
            return
        for row in range(1, grid.height):
            kind = self.text(grid, row, columns["kind"])
            spec = self.text(grid, row, columns["spec"])
            if kind is None or spec is None:
                continue
            ref = grid.ref(row, columns["spec"])
            name = self.text(grid, row, columns.get("name")) or ""
            value = read_inline(spec, ref, self.source)
            kind = kind.strip().casefold()
            if kind == layout.DEF_METHOD:
                data.setdefault("methods", {})[name] = value
                self.cells[f"methods.{name}"] = ref
            elif kind == layout.DEF_GRADES:
                data.setdefault("grades", {})[name] = value
                self.cells[f"grades.{name}"] = ref
            elif kind == layout.DEF_GRADING:
                data["report"].setdefault("grading", {})[name] = value
                self.cells[f"report.grading.{name}"] = ref
            elif kind == layout.DEF_DERIVED:
                missing = [h for k, h in layout.DEFINITION_COLUMNS if k in ("unit", "period")
                           and k not in columns]  # fmt: skip
                if missing:  # a derived figure belongs to a unit and period
                    self.fail(
                        grid.ref(row, columns["kind"]),
                        M_(
                            "a derived figure needs the sheet's column {join} (its unit and "
                            "period)",
                            join=", ".join(repr(m) for m in missing),
                        ),
                    )
                    continue
                found = self.block(grid, row, columns)
                if found is None:
                    continue
                block, bpath = found
                items = block.setdefault("derived", [])
                self.cells[f"{bpath}.derived[{len(items)}]"] = ref
                items.append(value)
            else:
                self.fail(
                    grid.ref(row, columns["kind"]), M_("unknown definition {kind}", kind=repr(kind))
                )

    def _evidence_table(self, grid: Grid, row: int) -> tuple[dict[str, Any] | None, str]:
        """The evidence table a ``#tabel`` row starts (unit, period, id, title and, where it
        differs from the report's, its notation), added to its unit's period; ``None`` when the
        row names no unit or period."""
        unit = self.units.get(self.text(grid, row, 1) or "")
        key = self.text(grid, row, 2)
        if unit is None or key is None:
            self.fail(grid.ref(row, 1), M_("an evidence table names its unit (B) and period (C)"))
            return None, ""
        block = unit[0]["periods"].setdefault(key, {})
        items = block.setdefault("evidence", [])
        tpath = f"{unit[1]}.periods.{key}.evidence[{len(items)}]"
        table: dict[str, Any] = {"id": self.text(grid, row, 3) or ""}
        for column, name in ((4, "title"), (5, "notation")):
            value = self.text(grid, row, column)
            if value is not None:
                table[name] = value
                self.cells[f"{tpath}.{name}"] = grid.ref(row, column)
        self.cells[tpath] = grid.ref(row, 3)
        items.append(table)
        return table, tpath

    def evidence_rows(self) -> None:  # noqa: PLR0912 - one branch per row marker or role; splitting hides the layout
        grid = self.grids.get(layout.EVIDENCE)
        if grid is None:
            return
        table: dict[str, Any] | None = None
        tpath = ""
        for row in grid.rows():
            marker = grid.raw(row, 0)
            if marker is None:
                continue
            marker = str(marker).strip()
            ref = grid.ref(row, 1)
            if marker == layout.EV_TABLE:
                table, tpath = self._evidence_table(grid, row)
            elif table is None:
                continue
            elif marker == layout.EV_COLUMNS:
                width = len(grid.values[row])
                names = [self.text(grid, row, c) for c in range(1, width)]
                while names and names[-1] is None:
                    names.pop()
                table["columns"] = [{"name": name or ""} for name in names]
                for c in range(len(names)):
                    self.cells[f"{tpath}.columns[{c}]"] = grid.ref(row, c + 1)
            elif marker == layout.EV_KINDS:
                for c, column in enumerate(table.get("columns", [])):
                    spec = self.text(grid, row, c + 1)
                    if spec is not None:
                        column.update(read_inline(spec, grid.ref(row, c + 1), self.source))
            elif marker in (layout.EV_TOTAL, layout.EV_ROW_CHECK):
                key = "totals" if marker == layout.EV_TOTAL else "row-checks"
                items = table.setdefault(key, [])
                self.cells[f"{tpath}.{key}[{len(items)}]"] = ref
                items.append(read_inline(self.text(grid, row, 1) or "{}", ref, self.source))
            else:
                rows = table.setdefault("rows", [])
                width = len(table.get("columns", []))
                self.cells[f"{tpath}.rows[{len(rows)}]"] = grid.ref(row, 0)
                for c in range(width):
                    self.cells[f"{tpath}.rows[{len(rows)}][{c}]"] = grid.ref(row, c + 1)
                rows.append([self.text(grid, row, c + 1) or "" for c in range(width)])
