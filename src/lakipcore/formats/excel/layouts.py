"""Reading a LAKIP / LKjIP workbook that lakipcore did not write.

Each sheet holding a pengukuran kinerja table (sasaran, indikator, satuan, target, realisasi,
capaian; one group of target/realisasi/capaian columns per period) or a realisasi anggaran table
(program/kegiatan/output, pagu, realisasi, persentase) is read, by its headers or as the
mapping says. The rows become the report's indicators and the office's (or a named unit's)
budget; a capaian or persentase column becomes the figures the report prints, which the audit
checks. Merged cells (a sasaran spanning its indicators' rows) carry their value to every row,
and so does a sasaran written once above blank cells, or as a row of its own. The title above
the first table names the office, the report and, when the headers do not, the period
(:mod:`.titles`).
"""

from __future__ import annotations

import re
from typing import Any, Final

import attrs

from lakipcore._exact import context
from lakipcore.errors import FigureFormatError, LakipError, ReportFileError, Sentence
from lakipcore.figures import NOT_TARGETED_TEXT, Figure, format_number, parse_cell
from lakipcore.formats.excel._build import Cells
from lakipcore.formats.excel._cells import cell_decimal, cell_text
from lakipcore.formats.excel._sheets import Grid
from lakipcore.formats.excel.headers import Header, find_header, normalise
from lakipcore.formats.excel.mapping import Mapping, SheetPlan
from lakipcore.formats.excel.titles import Title, read_title, sheet_name_title
from lakipcore.i18n import M_, Message
from lakipcore.model import ReportPeriod

__all__ = ["read_foreign"]

INDICATOR_TABLE: Final = "pengukuran-kinerja"
BUDGET_TABLE: Final = "realisasi-anggaran"
_INDEX_LABEL: Final = re.compile(r"^(indeks|index|nilai|skor|skala)\b", re.I)
_SCALE_IN_LABEL: Final = re.compile(r"skala\s*(\d+)", re.I)
_NUMBERING: Final = re.compile(r"\(?(\d{1,2})\)?")
_TOTAL_ROW: Final = ("jumlah", "total")
# The summary row under a pengukuran kinerja table ("Rata-rata capaian", "Jumlah"); an
# indicator may well start with "Jumlah" ("Jumlah laporan …"), so only these names match.
_SUMMARY_ROW: Final = re.compile(r"(nilai )?(rata rata|rerata)\b|(jumlah|total)( capaian| nilai)?$")
_ROLE_WORDS: Final = {"realisation": "realisasi", "capaian": "capaian"}
_PERCENT_WORDS: Final = frozenset({"persen", "persentase", "prosentase"})
# What a satuan says of an index beside its word: its scale, "(skala 10)" or "Skala 10".
_SCALE_PHRASE: Final = re.compile(r"\(?\s*skala\s*\d+(?:[.,]\d+)?\s*\)?", re.I)
# A sasaran written as a row of its own above its indicators: "Sasaran 1: Meningkatnya …".
_GOAL_ROW: Final = re.compile(r"^(?:sasaran|tujuan)\b[^:]*:\s*(?P<goal>\S.*)$", re.I | re.S)
# A cell printed as a dash holds nothing (a capaian not printed, a satuan not given).
_DASHES: Final = frozenset({"-", "–", "—"})


def _is_numbering(cells: list[Any]) -> bool:
    """Whether a row is the column numbers under a header: (1) (2) (3) …, counting up by one
    (a data row of small numbers is not: 2, 3, 3 holds figures)."""
    numbers = []
    for value in cells:
        match = _NUMBERING.fullmatch(str(value).strip())
        if match is None:
            return False
        numbers.append(int(match[1]))
    return len(numbers) > 2 and numbers == list(range(numbers[0], numbers[0] + len(numbers)))


@attrs.frozen
class _Satuan:
    """A row's satuan as written (``text``, at ``ref``) and what it says: a percentage, an
    index, and the label its figures carry (``Laporan``; ``Indeks`` of ``Indeks (skala 10)``)."""

    text: str | None = None
    ref: str | None = None
    percent: bool = False
    index: bool = False
    label: str | None = None


def _fraction(text: str, value: float, ref: str) -> Message:
    """Why a number cell of a percentage row holding a fraction (0,8) is not read: it shows
    0,8, which is 0,8 %, yet it may be 80 % typed as a fraction; the cell's format decides,
    and it has none."""
    hundredfold = format_number(cell_decimal(value, ref).scaleb(2, context=context()))
    return M_(
        "the cell shows {text} in a percentage row but is not formatted as a percentage: it "
        "reads as {text}%, yet may be {hundredfold}% written as a fraction; format the cell "
        "as a percentage if {hundredfold}% is meant, or type {text}% if {text}% is",
        text=text,
        hundredfold=hundredfold,
    )


def slug(text: str) -> str:
    """A code from a name: lower-case ASCII letters and digits joined by ``-``."""
    ascii_text = text.encode("ascii", "ignore").decode().lower()
    return "-".join(re.findall(r"[a-z0-9]+", ascii_text))[:64].strip("-") or "unit"


class _Foreign:
    def __init__(self, mapping: Mapping, source: str, stem: str) -> None:
        self.mapping, self.source = mapping, source
        self.cells = Cells()
        self.errors: list[LakipError] = []
        head = mapping.report
        code = head.get("office-code") or "office"
        self.office: dict[str, Any] = {
            "code": code,
            "name": head.get("office") or stem,
            "periods": {},
        }
        self.units: dict[str, tuple[dict[str, Any], str]] = {code: (self.office, "office")}
        self.unit_list: list[dict[str, Any]] = []
        self.keys: set[str] = set()
        self.tables: list[dict[str, Any]] = []
        self.counts: dict[str, int] = {}
        self.title: str | None = head.get("title")
        self.period_refs: dict[str, str] = {}  # the cell naming each period first
        self.titled = False  # the first table's title has named what it names

    def name_office(self, title: Title, tab: Title) -> None:
        """The office and the report's title, from the first table's title or its sheet's
        name, unless the mapping names them."""
        if self.titled:
            return
        self.titled = True
        head = self.mapping.report
        office = title.office or tab.office
        if office is not None and "office" not in head:
            self.office["name"] = office[0]
            self.cells["office.name"] = office[1]
        if title.title is not None and "title" not in head:
            self.title = title.title[0]
            self.cells["report.title"] = title.title[1]

    def fail(self, ref: str, message: str | Sentence) -> None:
        self.errors.append(ReportFileError(message, field=ref, source=self.source))

    def text(self, grid: Grid, row: int, column: int | None, **options: Any) -> str | None:
        if column is None:
            return None
        try:
            value = grid.value(row, column)
            if value is None:
                return None
            if value.__class__ is str and not options:  # most cells: the reference only on error
                stripped: str = value.strip()
                if not stripped.startswith("#"):
                    return stripped or None
            return cell_text(value, grid.format(row, column), grid.ref(row, column), **options)
        except LakipError as error:
            self.errors.append(error.located(source=self.source))
            return None

    def unit(self, name: str | None, ref: str) -> tuple[dict[str, Any], str]:
        if name is None:
            return self.units[self.office["code"]]
        code = slug(name)
        if code not in self.units:
            item: dict[str, Any] = {"code": code, "name": name, "periods": {}}
            path = f"units[{len(self.unit_list)}]"
            self.cells[path] = ref
            self.unit_list.append(item)
            self.units[code] = (item, path)
        return self.units[code]

    def table_id(self, kind: str, sheet: str) -> str:
        base = INDICATOR_TABLE if kind == "indicators" else BUDGET_TABLE
        used = {t["id"] for t in self.tables}
        table_id = base if base not in used else f"{base}-{slug(sheet)}"
        self.tables.append({"id": table_id, "kind": kind, "title": sheet})
        return table_id

    def periods(
        self, header: Header, plan: SheetPlan | None, ref: str, titled: tuple[str, str] | None
    ) -> dict[str, dict[str, int]]:
        found = dict(header.periods.items())
        if plan is not None and plan.periods:
            return plan.periods
        if None in found:
            named = [k for k in found if k is not None]
            # "%" beside "Pagu 2019" and "Realisasi 2019" belongs to the one period named.
            key = named[0] if len(named) == 1 else None
            if key is None and plan is not None and plan.period:
                key = plan.period
            if key is None and titled is not None:
                # "TAHUN 2023" above the table, or the sheet named "IKU 2023"
                key = titled[0]
                self.period_refs.setdefault(key, titled[1])
            if key is None:
                key = self.mapping.report.get("main")
            roles = found.pop(None)
            if key is None:
                self.fail(
                    ref,
                    M_(
                        "the headers name no period: write the year in them (Target "
                        "2019) or in the title above the table (TAHUN 2019), or give "
                        "period in the mapping"
                    ),
                )
                return {}
            found[key] = {**roles, **found.get(key, {})}
        if plan is not None:
            for role, column in plan.columns.items():
                if role in ("target", "realisation", "capaian", "pagu", "absorption"):
                    for roles in found.values():
                        roles[role] = column
        return {key: roles for key, roles in found.items() if key is not None}

    def sheet(self, grid: Grid, plan: SheetPlan | None) -> None:
        header = find_header(
            grid,
            plan.kind if plan else None,
            plan.header_row - 1 if plan and plan.header_row else None,
        )
        if header is None:
            if plan is not None:
                self.fail(
                    f"{grid.ref(0, 0)}",
                    M_("no {value} table headers found", value=plan.kind or "indicator or budget"),
                )
            return
        columns = {**header.columns, **(plan.columns if plan else {})}
        title, tab = read_title(grid, header.row), sheet_name_title(grid)
        self.name_office(title, tab)
        periods = self.periods(header, plan, grid.ref(header.row, 0), title.period or tab.period)
        self.keys.update(periods)
        for key, roles in periods.items():  # where each period is first named
            named = roles.get("target", roles.get("pagu", min(roles.values(), default=0)))
            self.period_refs.setdefault(key, grid.ref(header.row, named))
        table_id = self.table_id(header.kind, grid.name)
        if header.kind == "indicators":
            for key, roles in periods.items():
                if "target" not in roles:  # every row of the period would be dropped
                    self.fail(
                        grid.ref(header.row, 0),
                        M_(
                            "the headers give period {key} no target column (Target {key}); "
                            "name it in the headers or in the mapping's periods",
                            key=key,
                        ),
                    )
            self.indicator_rows(grid, header, columns, periods, table_id, plan)
        else:
            self.budget_rows(grid, header.row, columns, periods, table_id, plan)

    def data_rows(self, grid: Grid, header_row: int) -> list[int]:
        rows = []
        for row in range(header_row + 1, grid.height):
            cells = [v for v in grid.values[row] if v is not None and v != ""]
            if not cells:
                continue
            if row <= header_row + 2 and _is_numbering(cells):
                continue
            rows.append(row)
        return rows

    def indicator_rows(  # noqa: PLR0917 - private helpers passing a grid, a row and its columns
        self,
        grid: Grid,
        header: Header,
        columns: dict[str, int],
        periods: dict[str, dict[str, int]],
        table_id: str,
        plan: SheetPlan | None,
    ) -> None:
        # The sasaran the rows below belong to, and its cell: written in the Sasaran column
        # (merged over its rows, or once above blank cells) or as a row of its own.
        goal: tuple[str, str] | None = None
        for row in self.data_rows(grid, header.row):
            name = self.text(grid, row, columns.get("name"))
            if not any(
                grid.raw(row, roles[r]) not in (None, "")
                for roles in periods.values()
                for r in ("target", "realisation", "capaian")
                if r in roles
            ):
                goal = self.goal_row(grid, row, columns) or goal
                continue  # a sasaran's title row, a spacer: no figure at all
            if name is not None and _SUMMARY_ROW.match(normalise(name)):
                continue  # "Rata-rata capaian": the table's summary, not an indicator
            if name is None:  # its figures would vanish with it
                self.fail(
                    grid.ref(row, columns.get("name", 0)),
                    M_(
                        "the row has figures but no indicator name; write the name, or "
                        "clear the row"
                    ),
                )
                continue
            unit_name = self.text(grid, row, columns.get("unit"))
            default = plan.unit if plan is not None else None
            unit, upath = self.unit(unit_name or default, grid.ref(row, columns.get("unit", 0)))
            indicators = unit.setdefault("indicators", [])
            ipath = f"{upath}.indicators[{len(indicators)}]"
            self.counts[upath] = self.counts.get(upath, 0) + 1
            item: dict[str, Any] = {"code": f"ik-{self.counts[upath]}", "name": name, "periods": {}}
            self.cells[ipath] = grid.ref(row, columns["name"])
            self.cells[f"{ipath}.name"] = grid.ref(row, columns["name"])
            written = self.text(grid, row, columns.get("goal"))
            if written is not None:
                goal = (written, grid.ref(row, columns["goal"]))
            if goal is not None:
                item["goal"] = goal[0]
                self.cells[f"{ipath}.goal"] = goal[1]
            label = self.satuan(grid, row, columns.get("unit-label"))
            for key, roles in periods.items():
                entry = self.entry(grid, row, roles, header, label, f"{ipath}.periods.{key}", plan)
                if entry is not None:
                    capaian = self.text(grid, row, roles.get("capaian"), shown=True, percent=True)
                    if capaian is not None and capaian not in _DASHES:  # a dash: not printed
                        entry["printed"] = {"capaian": {table_id: capaian}}
                        self.cells[f"{ipath}.periods.{key}.printed"] = grid.ref(
                            row, roles["capaian"]
                        )
                    item["periods"][key] = entry
            if item["periods"]:
                indicators.append(item)

    def goal_row(self, grid: Grid, row: int, columns: dict[str, int]) -> tuple[str, str] | None:
        """The sasaran a row without figures names, and its cell: the text of its Sasaran
        column, or a row of its own (``Sasaran 1: Meningkatnya …``); ``None`` for a spacer or
        another heading."""
        column = columns.get("goal")
        written = self.text(grid, row, column)
        if written is not None and column is not None:
            return written, grid.ref(row, column)
        for index, value in enumerate(grid.values[row]):
            if isinstance(value, str) and (match := _GOAL_ROW.match(value.strip())) is not None:
                return match["goal"].strip(), grid.ref(row, index)
        return None

    def satuan(self, grid: Grid, row: int, column: int | None) -> _Satuan:
        """The row's satuan: a percentage, an index (its word and scale), or a count's label
        (``Laporan``; ``Dokumen (buah)``, a label and its note). A satuan that cannot follow a
        figure is an error at its cell, never dropped."""
        text = self.text(grid, row, column)
        if text is None or column is None or text in _DASHES:
            return _Satuan()
        ref = grid.ref(row, column)
        words = normalise(text).split()
        if words and set(words) <= _PERCENT_WORDS:
            return _Satuan(text, ref, percent=True)
        index = _INDEX_LABEL.match(text) is not None
        label: str | None = " ".join(_SCALE_PHRASE.sub(" ", text).split()) if index else text
        if label:
            try:
                parsed = parse_cell(f"1 {label}")
            except FigureFormatError:
                parsed = None
            if not isinstance(parsed, Figure) or parsed.percent or parsed.currency:
                self.fail(
                    ref,
                    M_(
                        "satuan {text} cannot follow a figure ('1 {label}' is not one): "
                        "write it as words starting with a letter (Dokumen), with a note "
                        "in parentheses (Dokumen (buah)), or % for a percentage",
                        text=repr(text),
                        label=label,
                    ),
                )
                label = None
        return _Satuan(text, ref, index=index, label=label or None)

    def entry(  # noqa: PLR0917 - private helpers passing a grid, a row and its columns
        self,
        grid: Grid,
        row: int,
        roles: dict[str, int],
        header: Header,
        satuan: _Satuan,
        path: str,
        plan: SheetPlan | None,
    ) -> dict[str, Any] | None:
        key = path.rsplit(".", 1)[-1]
        if "target" not in roles:
            return None  # reported once, at the headers
        if grid.raw(row, roles["target"]) is None:
            given = [
                r
                for r in ("realisation", "capaian")
                if r in roles and grid.raw(row, roles[r]) not in (None, "")
            ]
            if given:  # the row's figures would vanish with it
                self.fail(
                    grid.ref(row, roles["target"]),
                    M_(
                        "the row has a {join} for {key} but no target; write the target",
                        join=" and a ".join(_ROLE_WORDS[r] for r in given),
                        key=key,
                    ),
                )
            return None
        self.cells[path] = grid.ref(row, roles["target"])
        figures = [(r, roles[r]) for r in ("target", "realisation") if r in roles]
        target_text = self.text(grid, row, roles["target"])
        column = roles.get("realisation")
        if (
            column is not None
            and self.text(grid, row, column) in (None, *_DASHES)
            and target_text not in (None, *_DASHES)  # a dash target: the loader refuses it
            and normalise(target_text or "") != normalise(NOT_TARGETED_TEXT)
        ):
            self.fail(
                grid.ref(row, column),
                M_(
                    "the row has a target for {key} but no realisasi; write the "
                    "realisasi, or '{not_targeted_text}' as the target if it had none",
                    key=key,
                    not_targeted_text=NOT_TARGETED_TEXT,
                ),
            )
            return None
        # A percentage row: its satuan says %, a header says (%), or a cell is formatted so.
        percent = (
            satuan.percent
            or any(c in header.percent for _, c in figures)
            or any(grid.format(row, c).percent for _, c in figures)
        )
        entry: dict[str, Any] = {}
        for role, column in figures:
            text = self.text(grid, row, column)
            if text is None:
                continue
            ref = grid.ref(row, column)
            self.cells[f"{path}.{role}"] = ref
            raw = grid.raw(row, column)
            numeric = raw.__class__ in (int, float)
            if percent and numeric and not grid.format(row, column).percent and 0 < raw <= 1:
                self.fail(ref, _fraction(text, raw, ref))
                continue
            entry[role] = self.figure(text, percent, None if percent else satuan.label, numeric)
        if satuan.index and "target" in entry:
            scale = _SCALE_IN_LABEL.search(satuan.text or "")
            value = scale[1] if scale else plan.scale if plan is not None else None
            if value is None:
                self.fail(
                    satuan.ref or grid.ref(row, 0),
                    M_(
                        "satuan {text} is an index: give its scale (Skala 10) in the "
                        "satuan, or scale in the mapping",
                        text=repr(satuan.text),
                    ),
                )
            else:
                entry["scale"] = value
                self.cells[f"{path}.scale"] = satuan.ref or grid.ref(row, 0)
        return entry

    @staticmethod
    def figure(text: str, percent: bool, label: str | None, numeric: bool) -> str:
        """The figure text of a target or realisation cell, with the row's satuan: ``%`` for a
        percentage, the label for a count or an index (``12 Laporan``, ``3,2 Indeks``). A text
        cell that already carries its own sign or unit is kept as typed. A number cell's text
        is a bare number, or a percentage when the cell is formatted so, and is not parsed
        again."""
        if numeric:
            if text.endswith("%"):
                return text
        else:
            try:
                parsed = parse_cell(text)
            except FigureFormatError:
                return text  # the loader reports it, at its cell
            if not isinstance(parsed, Figure) or parsed.percent or parsed.unit or parsed.currency:
                return text
        if percent:
            return f"{text}%"
        return f"{text} {label}" if label else text

    def budget_rows(  # noqa: PLR0912, PLR0917 - one branch per row marker or role
        self,
        grid: Grid,
        header_row: int,
        columns: dict[str, int],
        periods: dict[str, dict[str, int]],
        table_id: str,
        plan: SheetPlan | None,
    ) -> None:
        default = plan.unit if plan is not None else None
        for key, roles in periods.items():
            budget: dict[str, Any] = {
                "programme": plan.programme if plan and plan.programme else grid.name,
                "outputs": [],
            }
            unit, upath = self.unit(default, grid.ref(header_row, 0))
            bpath = f"{upath}.periods.{key}.budget"
            printed: dict[str, Any] = {}
            for row in self.data_rows(grid, header_row):
                name = self.text(grid, row, columns.get("name"))
                if name is None:
                    continue
                values = {}
                for role in ("pagu", "realisation", "absorption"):
                    column = roles.get(role)
                    text = self.text(
                        grid, row, column, shown=role == "absorption", percent=role == "absorption"
                    )
                    if text is not None and column is not None:
                        values[role] = (text, grid.ref(row, column))
                lowered = normalise(name)
                if lowered.startswith(_TOTAL_ROW) or (
                    lowered.startswith("program") and not budget["outputs"]
                ):
                    if lowered.startswith("program"):
                        budget["programme"] = name
                        self.cells[bpath] = grid.ref(row, columns["name"])
                    for role, (text, ref) in values.items():
                        printed[role] = {table_id: text}
                        self.cells[f"{bpath}.printed.{role}"] = ref
                    continue
                if "pagu" not in values:
                    continue
                opath = f"{bpath}.outputs[{len(budget['outputs'])}]"
                output: dict[str, Any] = {"name": name}
                self.cells[opath] = grid.ref(row, columns["name"])
                code = self.text(grid, row, columns.get("code"))
                if code is not None and re.fullmatch(
                    r"[a-z0-9]([a-z0-9._-]*[a-z0-9])?", code.casefold()
                ):
                    output["code"] = code.casefold()
                for role in ("pagu", "realisation"):
                    if role in values:
                        output[role] = values[role][0]
                        self.cells[f"{opath}.{role}"] = values[role][1]
                if "absorption" in values:
                    output["printed"] = {"absorption": {table_id: values["absorption"][0]}}
                    self.cells[f"{opath}.printed"] = values["absorption"][1]
                budget["outputs"].append(output)
            if printed:
                budget["printed"] = printed
            if budget["outputs"]:
                self.cells.__setitem__(bpath, grid.ref(header_row, 0))
                unit["periods"].setdefault(key, {})["budget"] = budget


def read_foreign(
    grids: dict[str, Grid], mapping: Mapping, source: str, stem: str
) -> tuple[dict[str, Any], Cells]:
    """The report data of a LAKIP workbook in a layout of its own, and the cell of each field."""
    reader = _Foreign(mapping, source, stem)
    names = [p.sheet for p in mapping.sheets] or list(grids)
    for name in names:
        grid = grids.get(name)
        if grid is None:
            reader.fail(name, M_("the workbook has no sheet {name}", name=repr(name)))
            continue
        reader.sheet(grid, mapping.plan(name))
    if not reader.keys and not reader.errors:
        reader.fail(
            source,
            M_(
                "no pengukuran kinerja or realisasi anggaran table found: name "
                "the sheets and columns in a mapping (docs/excel.md)"
            ),
        )
    if reader.errors:
        errors = reader.errors
        if len(errors) == 1:
            raise errors[0]
        listing = "\n".join(f"  {e}" for e in errors)
        raise ReportFileError(
            M_("{count} errors:\n{listing}", count=len(errors), listing=listing),
            source=source,
            field=errors[0].field,
            errors=errors,
        )
    head = mapping.report
    try:
        ordered = sorted(
            reader.keys, key=lambda k: (ReportPeriod(k).span.end, ReportPeriod(k).span.start)
        )
    except LakipError as error:
        raise error.located(source=source) from None
    periods = [
        {"key": key, **({"method": head["method"]} if "method" in head else {})} for key in ordered
    ]
    for index, key in enumerate(ordered):
        if key in reader.period_refs:
            reader.cells[f"periods[{index}]"] = reader.period_refs[key]
    report: dict[str, str] = {k: head[k] for k in ("main",) if k in head}
    if reader.title is not None:
        report["title"] = reader.title
    report["source"] = source.rsplit("/", 1)[-1]
    data = {
        "report": report,
        "periods": periods,
        "tables": reader.tables,
        "office": reader.office,
        "units": reader.unit_list,
    }
    return data, reader.cells
