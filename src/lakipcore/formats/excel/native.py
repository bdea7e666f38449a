"""Reading lakipcore's own workbook layout (the one :func:`write_workbook` writes) back.

Every data sheet is read by its header row, so columns may be moved or added; computed
columns (``Capaian``, ``Penyerapan``) are never read. The exact value of a target, realisation
or amount is its text column (``Target (teks)``); the number column beside it must agree with it
(an edit to one but not the other is an error naming both cells), and when the text cell is
empty the number is read instead, so a person can type a new realisation in the number column.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from lakipcore.errors import LakipError, Listing, ReportFileError, Sentence
from lakipcore.figures import Figure, format_as_printed, format_number, parse_cell, parse_figure
from lakipcore.formats import document
from lakipcore.formats.excel import _layout as layout
from lakipcore.formats.excel._build import Cells, read_inline
from lakipcore.formats.excel._cells import cell_decimal, cell_text
from lakipcore.formats.excel._sheets import Grid
from lakipcore.formats.excel.native_tables import NativeTables
from lakipcore.i18n import M_
from lakipcore.notation import Notation

__all__ = ["is_native", "read_native"]


def is_native(grids: dict[str, Grid]) -> bool:
    """Whether the workbook is in lakipcore's layout (its ``Laporan`` sheet says so)."""
    grid = grids.get(layout.REPORT)
    return grid is not None and grid.raw(0, 0) == layout.MARKER


class _Native(NativeTables):
    def __init__(self, grids: dict[str, Grid], source: str) -> None:
        self.grids, self.source = grids, source
        self.cells = Cells()
        self.errors: list[LakipError] = []
        self.units: dict[str, tuple[dict[str, Any], str]] = {}
        self.indicators: dict[tuple[str, str], tuple[dict[str, Any], str]] = {}
        self.notation = Notation.INDONESIAN  # until the Laporan sheet says otherwise

    def fail(self, ref: str, message: str | Sentence) -> None:
        self.errors.append(ReportFileError(message, field=ref, source=self.source))

    def key(self, grid: Grid, row: int, column: int, what: str) -> str | None:
        """The row's key cell as text; ``None`` for an empty row, and for a row that holds
        cells but no key, which is an error naming the key's cell (such a row was skipped)."""
        if row >= grid.height or not grid.values[row]:
            return None  # an empty row (there may be many below a stray cell)
        value = self.text(grid, row, column)
        if value is None and not _blank(grid.values[row]):
            self.fail(
                grid.ref(row, column),
                M_(
                    "the row has no {what} but holds other cells; fill it in, or clear the row",
                    what=what,
                ),
            )
        return value

    def text(self, grid: Grid, row: int, column: int | None) -> str | None:
        """The cell as text: a string as it is, a number in the report style."""
        if column is None:
            return None
        value = grid.value(row, column)
        if value is None or value == "":
            return None
        if isinstance(value, str):
            return value
        return cell_text(value, grid.format(row, column), grid.ref(row, column))

    def table(
        self, name: str, columns: Sequence[tuple[str, str]], required: Sequence[str]
    ) -> tuple[Grid | None, dict[str, int]]:
        grid = self.grids.get(name)
        if grid is None:
            return None, {}
        headers = {
            str(grid.raw(0, c)).strip().casefold(): c
            for c in range(len(grid.values[0]) if grid.values else 0)
            if grid.raw(0, c) is not None
        }
        found = {
            key: headers[header.casefold()]
            for key, header in columns
            if header.casefold() in headers
        }
        missing = [header for key, header in columns if key in required and key not in found]
        if missing:
            raise ReportFileError(
                M_(
                    "sheet {name} has no column {join}",
                    name=repr(name),
                    join=", ".join(repr(m) for m in missing),
                ),
                field=f"{name}!1",
                source=self.source,
            )
        return grid, found

    def put(  # noqa: PLR0917 - private helpers passing a grid, a row and its columns
        self,
        target: dict[str, Any],
        key: str,
        grid: Grid,
        row: int,
        columns: dict[str, int],
        path: str,
        column: str | None = None,
    ) -> str | None:
        index = columns.get(column or key)
        value = self.text(grid, row, index)
        if value is not None and index is not None:
            target[key] = value
            self.cells[f"{path}.{key}"] = grid.ref(row, index)
        return value

    # --- sheets ------------------------------------------------------------------------------

    def report(self) -> dict[str, Any]:
        grid = self.grids[layout.REPORT]
        labels = {label.casefold(): key for key, label in layout.REPORT_FIELDS}
        head: dict[str, Any] = {}
        seen: dict[str, int] = {}
        for row in grid.rows():
            label = grid.raw(row, 0)
            key = labels.get(str(label).strip().casefold()) if label is not None else None
            if key is None:
                continue
            if key in seen:  # the later row was taken silently; neither is more right
                self.fail(
                    grid.ref(row, 0),
                    M_(
                        "{label} is given twice, also at {ref}; keep one row",
                        label=str(label),
                        ref=grid.ref(seen[key], 0),
                    ),
                )
                continue
            seen[key] = row
            value = self.text(grid, row, 1)
            if value is not None:
                head[key] = value
                self.cells[f"report.{key}"] = grid.ref(row, 1)
        if "notation" in head:  # the exact texts of the other sheets are written in it
            try:
                self.notation = Notation.from_name(head["notation"])
            except LakipError as error:
                where = self.cells("report.notation")
                raise error.relocated(field=where, source=self.source) from None
        return head

    def periods(self) -> list[dict[str, Any]]:
        grid, columns = self.table(layout.PERIODS, layout.PERIOD_COLUMNS, ("key",))
        items: list[dict[str, Any]] = []
        if grid is None:
            raise ReportFileError(
                M_("no sheet {periods}", periods=repr(layout.PERIODS)), source=self.source
            )
        for row in range(1, grid.height):
            item: dict[str, Any] = {}
            path = f"periods[{len(items)}]"
            if self.key(grid, row, columns["key"], "period key") is None:
                continue
            self.put(item, "key", grid, row, columns, path)
            self.cells[path] = grid.ref(row, columns["key"])
            self.put(item, "method", grid, row, columns, path)
            self.put(item, "title", grid, row, columns, path)
            planned = self.text(grid, row, columns.get("planned"))
            if planned is not None:
                item["planned"] = planned.strip().casefold() in (layout.YES, "true", "1")
            items.append(item)
        return items

    def tables(self) -> list[dict[str, Any]]:
        grid, columns = self.table(layout.TABLES, layout.TABLE_COLUMNS, ("id", "kind"))
        items: list[dict[str, Any]] = []
        if grid is None:
            return items
        for row in range(1, grid.height):
            item: dict[str, Any] = {}
            path = f"tables[{len(items)}]"
            if self.key(grid, row, columns["id"], "table id") is None:
                continue
            self.put(item, "id", grid, row, columns, path)
            self.cells[path] = grid.ref(row, columns["id"])
            for key in ("kind", "title", "scope", "notation"):
                self.put(item, key, grid, row, columns, path)
            spec = self.text(grid, row, columns.get("columns"))
            if spec is not None:
                ref = grid.ref(row, columns["columns"])
                self.cells[f"{path}.columns"] = ref
                item["columns"] = read_inline(spec, ref, self.source)
            items.append(item)
        return items

    def tree(self) -> tuple[dict[str, Any], list[dict[str, Any]]]:
        grid, columns = self.table(layout.UNITS, layout.UNIT_COLUMNS, ("code", "name"))
        if grid is None:
            raise ReportFileError(
                M_("no sheet {units}", units=repr(layout.UNITS)), source=self.source
            )
        office: dict[str, Any] | None = None
        units: list[dict[str, Any]] = []
        for row in range(1, grid.height):
            item: dict[str, Any] = {}
            path = "office" if office is None else f"units[{len(units)}]"
            code = self.key(grid, row, columns["code"], "unit code")
            if code is None:
                continue
            self.put(item, "code", grid, row, columns, path)
            self.cells[path] = grid.ref(row, columns["code"])
            self.put(item, "name", grid, row, columns, path)
            if office is not None:
                self.put(item, "parent", grid, row, columns, path)
            blocks = self.text(grid, row, columns.get("periods")) or ""
            periods: dict[str, Any] = {}
            for key in (k.strip() for k in blocks.split(",")):
                if key:
                    periods[key] = {}
                    self.cells[f"{path}.periods.{key}"] = grid.ref(row, columns["periods"])
            item["periods"] = periods
            if code in self.units:
                self.fail(
                    grid.ref(row, columns["code"]),
                    M_("unit {code} is listed twice", code=repr(code)),
                )
                continue
            self.units[code] = (item, path)
            if office is None:
                office = item
            else:
                units.append(item)
        if office is None:
            raise ReportFileError(
                M_("sheet {units} lists no unit", units=repr(layout.UNITS)), source=self.source
            )
        return office, units

    def unit(self, grid: Grid, row: int, column: int) -> tuple[dict[str, Any], str] | None:
        code = self.text(grid, row, column)
        found = self.units.get(code or "")
        if found is None:
            self.fail(
                grid.ref(row, column),
                M_(
                    "unit {code} is not in the {units} sheet",
                    code=repr(code),
                    units=repr(layout.UNITS),
                ),
            )
        return found

    def block(
        self, grid: Grid, row: int, columns: dict[str, int]
    ) -> tuple[dict[str, Any], str] | None:
        found = self.unit(grid, row, columns["unit"])
        key = self.text(grid, row, columns["period"])
        if found is None or key is None:
            if key is None:
                self.fail(grid.ref(row, columns["period"]), M_("the period is empty"))
            return None
        unit, path = found
        bpath = f"{path}.periods.{key}"
        self.cells[bpath] = grid.ref(row, columns["period"])
        return unit.setdefault("periods", {}).setdefault(key, {}), bpath

    def new_indicator(
        self, grid: Grid, row: int, columns: dict[str, int], unit: dict[str, Any], upath: str
    ) -> tuple[dict[str, Any], str]:
        """The indicator first named in ``row``: its fields, appended to ``unit``'s."""
        indicators = unit.setdefault("indicators", [])
        ipath = f"{upath}.indicators[{len(indicators)}]"
        item: dict[str, Any] = {"code": self.text(grid, row, columns["code"]) or "", "periods": {}}
        self.cells[ipath] = grid.ref(row, columns["code"])
        for field in (
            "name",
            "goal",
            "polarity",
            "formula",
            "accumulation",
            "kind",
            "ordinal",
            "to-date",
        ):
            self.put(item, field, grid, row, columns, ipath)
        for field in ("baseline", "end-of-plan"):  # { value|target = "…", year = N }
            self.inline(item, field, grid, row, columns, ipath)
        if item.get("polarity") == "higher":
            del item["polarity"]  # the default, which the file format leaves out
        indicators.append(item)
        return item, ipath

    def indicator_rows(self) -> None:
        grid, columns = self.table(
            layout.INDICATORS,
            layout.INDICATOR_COLUMNS,
            ("unit", "code", "name", "period", "target"),
        )
        if grid is None:
            return
        for row in range(1, grid.height):
            if self.key(grid, row, columns["code"], "indicator code") is None:
                continue
            found = self.unit(grid, row, columns["unit"])
            if found is None:
                continue
            unit, upath = found
            code = self.text(grid, row, columns["code"]) or ""
            key = (upath, code)
            if key not in self.indicators:
                self.indicators[key] = self.new_indicator(grid, row, columns, unit, upath)
            item, ipath = self.indicators[key]
            period = self.text(grid, row, columns["period"])
            if period is None:
                self.fail(grid.ref(row, columns["period"]), M_("the period is empty"))
                continue
            epath = f"{ipath}.periods.{period}"
            if period in item["periods"]:
                self.fail(
                    grid.ref(row, columns["period"]),
                    M_("indicator {code} has {period} twice", code=repr(code), period=period),
                )
                continue
            entry: dict[str, Any] = {}
            self.cells[epath] = grid.ref(row, columns["period"])
            for field in ("scale",):
                self.put(entry, field, grid, row, columns, epath)
            for field in ("target", "realisation"):
                if field == "realisation" and self.computed(grid, row, columns):
                    continue  # the realisation scoring computed, shown beside its capaian
                self.measure(entry, field, grid, row, columns, epath)
            for field in ("derive", "supports"):
                self.inline(entry, field, grid, row, columns, epath)
            accumulate = self.text(grid, row, columns.get("accumulate"))
            if accumulate is not None:
                entry["accumulate"] = accumulate.strip().casefold() in (layout.YES, "true", "1")
                self.cells[f"{epath}.accumulate"] = grid.ref(row, columns["accumulate"])
            item["periods"][period] = entry

    def computed(self, grid: Grid, row: int, columns: dict[str, int]) -> bool:
        """Whether the row's Realisasi number is the realisation scoring computed, which
        :func:`write_workbook` shows there marked in ``Realisasi dihitung`` (with no
        ``Realisasi (teks)``): never read, the row's derive or accumulation stands for it. A
        number so marked on a row that neither derives nor accumulates is an error naming the
        mark, so that a computed value is never read as a stated one unasked."""
        mark = columns.get("computed")
        number = columns.get("number:realisation")
        if (
            mark is None
            or self.text(grid, row, mark) is None
            or self.text(grid, row, columns.get("realisation")) is not None
        ):
            return False
        accumulate = (self.text(grid, row, columns.get("accumulate")) or "").strip().casefold()
        if self.text(grid, row, columns.get("derive")) is None and accumulate not in (
            layout.YES,
            "true",
            "1",
        ):
            shown = None if number is None else grid.value(row, number)
            if number is not None and shown is not None and str(shown).strip():
                self.fail(
                    grid.ref(row, mark),
                    M_(
                        "the realisation in {ref} was computed from the row's derive or "
                        "accumulation, which it no longer has: clear this cell to read "
                        "that number as the stated realisation, or give the row its rule "
                        "back",
                        ref=grid.ref(row, number),
                    ),
                )
        return True

    def measure(  # noqa: PLR0917 - private helpers passing a grid, a row and its columns
        self,
        entry: dict[str, Any],
        field: str,
        grid: Grid,
        row: int,
        columns: dict[str, int],
        path: str,
    ) -> None:
        text = self.put(entry, field, grid, row, columns, path)
        index = columns.get(f"number:{field}")
        number = None if index is None else grid.value(row, index)
        if number is None or (isinstance(number, str) and not number.strip()):
            return
        ref = grid.ref(row, index)  # type: ignore[arg-type]
        try:
            value = (
                cell_decimal(number, ref)
                if not isinstance(number, str)
                else parse_figure(number, field=ref, notation=self.notation).value
            )
        except LakipError as error:
            self.errors.append(error.located(source=self.source))
            return
        if text is None:
            label = self.text(grid, row, columns.get("label"))
            entry[field] = self.measure_text(value, label, "scale" in entry)
            self.cells[f"{path}.{field}"] = ref
            return
        try:
            stated = parse_cell(text, notation=self.notation)
        except LakipError:
            return  # the loader reports the text cell
        # The number column holds a double: compare at its 15 digits, as Excel shows it.
        if isinstance(stated, Figure) and cell_decimal(float(stated.value), ref) != value:
            text_ref = grid.ref(row, columns[field])
            self.fail(
                ref,
                M_(
                    "the number {value} disagrees with its exact text {text} in "
                    "{text_ref}: change both, or clear the text to use the number",
                    value=format_number(value),
                    text=repr(text),
                    text_ref=text_ref,
                ),
            )

    def measure_text(self, value: Decimal, label: str | None, indexed: bool) -> str:
        text = format_as_printed(value, self.notation)
        if label and label.strip() in ("%", "persen"):
            return text + "%"
        return text if indexed or not label else f"{text} {label.strip()}"

    def budget_rows(self) -> None:
        grid, columns = self.table(layout.BUDGET, layout.BUDGET_COLUMNS, ("unit", "period"))
        if grid is None:
            return
        for row in range(1, grid.height):
            if self.key(grid, row, columns["unit"], "unit") is None:
                continue
            found = self.block(grid, row, columns)
            if found is None:
                continue
            block, bpath = found
            path = f"{bpath}.budget"
            rate = self.text(grid, row, columns.get("absorption"))
            if rate is not None:
                block["budget"] = {"absorption": rate}
                self.cells[path] = self.cells[f"{path}.absorption"] = grid.ref(
                    row, columns["absorption"]
                )
                continue
            budget = block.setdefault("budget", {"outputs": []})
            if "outputs" not in budget:
                self.fail(
                    grid.ref(row, columns["unit"]),
                    M_("a budget is a printed rate or outputs, not both"),
                )
                continue
            self.cells[path] = grid.ref(row, columns.get("programme", columns["unit"]))
            self.put(budget, "programme", grid, row, columns, path)
            self.put(budget, document.ORIGINAL, grid, row, columns, path)
            self.put(budget, document.PLAN, grid, row, columns, path)
            self.inline(budget, document.REVISIONS, grid, row, columns, path)
            self.inline(budget, document.SUBTOTALS, grid, row, columns, path)
            opath = f"{path}.outputs[{len(budget['outputs'])}]"
            output: dict[str, Any] = {}
            self.cells[opath] = grid.ref(row, columns.get("name", columns["unit"]))
            for field in ("code", "name", document.TYPE):
                self.put(output, field, grid, row, columns, opath)
            for field in ("pagu", "realisation"):
                self.measure(output, field, grid, row, columns, opath)
            # An output's own pagu awal, RPD and revisions (docs/format.md, "Budget fields").
            for field in (document.ORIGINAL, document.PLAN):
                column = layout.OUTPUT_PREFIX + field
                self.put(output, field, grid, row, columns, opath, column=column)
            column = layout.OUTPUT_PREFIX + document.REVISIONS
            self.inline(output, document.REVISIONS, grid, row, columns, opath, column=column)
            budget["outputs"].append(output)

    def inline(  # noqa: PLR0917 - private helpers passing a grid, a row and its columns
        self,
        target: dict[str, Any],
        key: str,
        grid: Grid,
        row: int,
        columns: dict[str, int],
        path: str,
        column: str | None = None,
    ) -> None:
        """A cell holding an inline TOML value (a rule, revisions, a baseline), read; a cell
        that is not TOML is an error collected with the others, at its cell."""
        index = columns.get(column or key)
        text = self.text(grid, row, index)
        if text is None or index is None:
            return
        ref = grid.ref(row, index)
        try:
            target[key] = read_inline(text, ref, self.source)
        except LakipError as error:
            self.errors.append(error)
        self.cells[f"{path}.{key}"] = ref


def read_native(grids: dict[str, Grid], source: str) -> tuple[dict[str, Any], Cells]:
    """The report data of a workbook in lakipcore's layout, and the cell of each field."""
    native = _Native(grids, source)
    data: dict[str, Any] = {"report": native.report()}
    data["periods"] = native.periods()
    data["tables"] = native.tables()
    office, units = native.tree()
    native.indicator_rows()
    native.budget_rows()
    native.printed_rows()
    native.evidence_rows()
    native.definition_rows(data)
    data["office"], data["units"] = office, units
    if native.errors:
        errors = native.errors
        if len(errors) == 1:
            raise errors[0]
        raise ReportFileError(
            M_("{count} errors:\n{listing}", count=len(errors), listing=Listing(errors)),
            source=source,
            field=errors[0].field,
            errors=errors,
        )
    return data, native.cells


def _blank(cells: list[Any]) -> bool:
    """Whether a row holds nothing (empty cells, or only spaces)."""
    return all(c is None or (isinstance(c, str) and not c.strip()) for c in cells)
