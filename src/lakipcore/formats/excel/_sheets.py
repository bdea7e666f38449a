"""Sheets of a workbook as grids of values, read by openpyxl or python-calamine.

python-calamine reads values many times faster than openpyxl and is used when it is installed;
it gives no number formats (a percent cell, the decimals shown), which a foreign layout needs,
so they are read from the styles and the sheet's XML (:mod:`._styles`). openpyxl, the reader
without python-calamine, gives both. Neither tells a formula without a cached value from an
empty cell, so the sheet's XML is scanned for such formulas, once and only when an empty cell
is read. Merged cells carry the value of their top-left cell to every cell of the range.

A workbook is an upload like a report file: before any cell is read, its size, the sizes its
zip directory declares and each sheet's used range are checked against the
:class:`~lakipcore.limits.Limits` (one stray cell at XFD1048576 would make both readers fill a
grid of 17 billion cells), and any failure of the zip, the XML or either reader is the
library's :class:`~lakipcore.ReportFileError` naming the workbook and the sheet.
"""

from __future__ import annotations

import functools
import io
import re
import warnings
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from typing import Any, BinaryIO, Final
from xml.etree import ElementTree

from lakipcore.errors import LakipError, ReportFileError
from lakipcore.formats.excel._cells import (
    GENERAL,
    NumberFormat,
    beyond_dates,
    is_date_format,
    number_format,
    xlsx_unescape,
)
from lakipcore.formats.excel._package import verify
from lakipcore.formats.excel._styles import UnplacedStylesError, cell_formats, style_formats
from lakipcore.i18n import M_
from lakipcore.limits import DEFAULT_LIMITS, Limits

__all__ = ["Grid", "column_index", "column_letter", "load_grids", "openpyxl"]

EXTRA_HINT: Final = "install it with: pip install 'lakipcore[excel]'"
_MAIN_NS: Final = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL_NS: Final = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_NS: Final = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_CELL_RE: Final = re.compile(rb"<c\b([^>]*?)(?:/>|>(.*?)</c>)", re.S)
_REF_RE: Final = re.compile(rb'\br="([A-Z]+[0-9]+)"')
_EMPTY_V_RE: Final = re.compile(rb"<v\s*/>|<v>\s*</v>")
_VALUE_RE: Final = re.compile(rb"<v>([^<]*)</v>")
_TEXT_RE: Final = re.compile(rb"<t(?:\s[^>]*)?>([^<]*)</t>")
_BLANK_TEXT_RE: Final = re.compile(rb"<t(?:\s[^>]*)?>\s+</t>|<v>\s+</v>")
_SHARED_ITEM_RE: Final = re.compile(rb"<si>(.*?)</si>|<si/>", re.S)
_MERGE_RE: Final = re.compile(rb'<mergeCell\s+ref="([A-Z]+[0-9]+):([A-Z]+[0-9]+)"')
_A1_RE: Final = re.compile(r"([A-Z]+)([0-9]+)")
# The used range of a sheet, from its XML: the rows' numbers, and the column letters of its
# cells (a cell's reference names its row too; one outside its row element is looked for
# separately, by the number of digits, so that the common case costs two quick scans).
_ROW_NUMBER_RE: Final = re.compile(rb'<row\b[^>]*?\br="([0-9]+)"')
_WIDE_COLUMN_RE: Final = re.compile(rb'r="([A-Z]{2,})[0-9]')
# A used range of more than a million cells, fifty times the cells the sheet holds, is read
# by openpyxl (see _Xml.sparse).
_SPARSE_AREA: Final = 1_000_000
_SPARSE_RATIO: Final = 50
_CELL_REF_RE: Final = re.compile(rb'\br="([A-Z]+)([0-9]+)"')
# What zipfile and its decompressors raise for a damaged or unsupported archive.
_ZIP_ERRORS: Final = (
    OSError,
    EOFError,
    zipfile.BadZipFile,
    zlib.error,
    NotImplementedError,  # a compression method zipfile does not support
    RuntimeError,  # an encrypted member
    ValueError,
)


def openpyxl() -> Any:
    """The openpyxl module, or an error naming the ``lakipcore[excel]`` extra."""
    try:
        import openpyxl as module  # type: ignore[import-untyped]
    except ImportError:
        raise LakipError(
            M_(
                "reading and writing .xlsx workbooks needs openpyxl; {extra_hint}",
                extra_hint=EXTRA_HINT,
            )
        ) from None
    return module


@functools.lru_cache(maxsize=1024)
def column_letter(index: int) -> str:
    """The letters of the 0-based column ``index`` (0 → ``A``, 26 → ``AA``)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def column_index(letters: str) -> int:
    """The 0-based index of column ``letters`` (``A`` → 0)."""
    index = 0
    for char in letters.upper():
        if not "A" <= char <= "Z":
            raise ValueError(letters)
        index = index * 26 + ord(char) - 64
    return index - 1


def _split(ref: str) -> tuple[int, int]:
    match = _A1_RE.fullmatch(ref)
    if match is None:  # pragma: no cover - refs come from the file's own XML
        raise ValueError(ref)
    return int(match[2]) - 1, column_index(match[1])


EXCEL_ERRORS: Final = frozenset(
    {"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA"}
)
"""The error values both readers know (python-calamine refuses a sheet holding any other)."""


def _quoted(name: str) -> str:
    """A sheet name as Excel writes it in a reference: ``'Data dukung'``, ``Indikator``."""
    return name if re.fullmatch(r"[A-Za-z0-9_]+", name) else "'" + name.replace("'", "''") + "'"


def _check_as_openpyxl(data: bytes, source: str, part: str) -> None:
    """Refuse a part that openpyxl cannot read, though it is well-formed XML: the stylesheet
    (a colour that is not aRGB, a border style it does not know) or the workbook part (an
    attribute it does not know). openpyxl refuses the whole workbook over it; python-calamine
    reads no colour and fewer attributes; both refuse it. openpyxl is the ``excel`` extra
    every reader needs."""
    openpyxl()  # the extra's error, when it is missing
    try:
        if part == "styles":
            from openpyxl.styles.stylesheet import Stylesheet  # type: ignore[import-untyped]

            parse = Stylesheet.from_tree
        else:
            from openpyxl.packaging.workbook import (  # type: ignore[import-untyped]
                WorkbookPackage,
            )

            parse = WorkbookPackage.from_tree
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            parse(ElementTree.fromstring(data))
    except Exception as error:  # openpyxl raises many kinds for a part it cannot read
        raise ReportFileError(
            M_(
                "cannot read the {part} part (as openpyxl reads it): {type}: {error}",
                part=part,
                type=type(error).__name__,
                error=error,
            ),
            source=source,
        ) from None


def _part(target: str) -> str:
    """A relationship's target as the zip member's name (``worksheets/sheet1.xml`` →
    ``xl/worksheets/sheet1.xml``)."""
    part = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
    return str(PurePosixPath(part))


def _n(count: int) -> str:
    """A count as Indonesian text: ``1.048.576``."""
    return f"{count:,}".replace(",", ".")


class _Xml:
    """The parts of a workbook's XML that the readers do not give: each sheet's part name,
    its merged ranges and its formulas without a cached value."""

    def __init__(self, path: Path | bytes, source: str, limits: Limits = DEFAULT_LIMITS) -> None:
        self.path, self.source, self.limits = path, source, limits
        size = len(path) if isinstance(path, bytes) else path.stat().st_size
        if size > limits.file_bytes:
            raise ReportFileError(
                M_(
                    "the workbook is {value} bytes; at most {value2} are accepted "
                    "(lakipcore.limits.Limits.file_bytes)",
                    value=_n(size),
                    value2=_n(limits.file_bytes),
                ),
                source=source,
            )
        try:
            with self.open_zip() as archive:
                unpacked = sum(info.file_size for info in archive.infolist())
                if unpacked > limits.unpacked_bytes:
                    raise ReportFileError(
                        M_(
                            "the workbook's parts unpack to {value} bytes; at most {value2} "
                            "are accepted (lakipcore.limits.Limits.unpacked_bytes)",
                            value=_n(unpacked),
                            value2=_n(limits.unpacked_bytes),
                        ),
                        source=source,
                    )
                self.workbook_xml = archive.read("xl/workbook.xml")
                workbook = ElementTree.fromstring(self.workbook_xml)
                rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
        except KeyError as error:
            raise ReportFileError(
                M_("not an .xlsx workbook: it has no part {value}", value=repr(error.args[0])),
                source=source,
            ) from None
        except (*_ZIP_ERRORS, ElementTree.ParseError) as error:
            raise ReportFileError(
                M_("not an .xlsx workbook: {error}", error=error), source=source
            ) from None
        relationships = list(rels.iter(f"{_PKG_NS}Relationship"))
        targets = {r.get("Id"): r.get("Target", "") for r in relationships}
        # The workbook's own parts by kind (styles, sharedStrings, theme), the first of each.
        by_kind: dict[str, str] = {}
        for r in relationships:
            if r.get("TargetMode") != "External":
                by_kind.setdefault(r.get("Type", "").rsplit("/", 1)[-1], _part(r.get("Target", "")))
        self.styles_part = by_kind.get("styles")
        self.shared_part = by_kind.get("sharedStrings")
        self._blank_shared: frozenset[bytes] | None = None
        self._formats: dict[int, str] | None = None
        self.parts: dict[str, str] = {}
        for sheet in workbook.iter(f"{_MAIN_NS}sheet"):
            target = targets.get(sheet.get(f"{_REL_NS}id"), "")
            self.parts[sheet.get("name", "")] = _part(target)
        related = [
            _part(r.get("Target", ""))
            for r in relationships
            if r.get("TargetMode") != "External"
            and r.get("Type", "").rsplit("/", 1)[-1] in ("styles", "sharedStrings", "theme")
        ]
        try:
            with self.open_zip() as archive:
                for name in verify(archive, source, self.parts, related):
                    del self.parts[name]  # a chart sheet: no table, read by neither reader
        except LakipError:
            raise
        except _ZIP_ERRORS as error:
            raise ReportFileError(
                M_("cannot unpack the workbook: {error}", error=error), source=source
            ) from None
        self._data: dict[str, bytes] = {}

    def open_zip(self) -> zipfile.ZipFile:
        """The workbook's zip archive, opened anew (from its file, or its bytes)."""
        if isinstance(self.path, bytes):
            return zipfile.ZipFile(io.BytesIO(self.path))
        return zipfile.ZipFile(self.path)

    def open_binary(self) -> BinaryIO:
        """The workbook as a binary stream, for a reader (from its file, or its bytes)."""
        if isinstance(self.path, bytes):
            return io.BytesIO(self.path)
        return self.path.open("rb")

    def _sheet(self, name: str) -> bytes:
        if name not in self._data:
            part = self.parts[name]
            try:
                with self.open_zip() as archive:
                    self._data = {name: archive.read(part)}  # one sheet kept at a time
            except KeyError:
                raise ReportFileError(
                    M_("the workbook lists the sheet but has no part {part}", part=repr(part)),
                    field=name,
                    source=self.source,
                ) from None
            except _ZIP_ERRORS as error:
                raise ReportFileError(
                    M_("cannot unpack the sheet: {error}", error=error),
                    field=name,
                    source=self.source,
                ) from None
        return self._data[name]

    def cell_formats(self, name: str) -> dict[tuple[int, int], str] | None:
        """The number format of each cell of sheet ``name`` that has one other than General,
        read from the XML (python-calamine gives none); ``None`` when the XML alone cannot
        place them (a cell written without its reference)."""
        if self._formats is None:
            data = None
            if self.styles_part is not None:
                try:
                    with self.open_zip() as archive:
                        data = archive.read(self.styles_part)
                except KeyError:
                    data = None  # no styles: every cell is General
                except _ZIP_ERRORS as error:
                    raise ReportFileError(
                        M_("cannot unpack the styles: {error}", error=error), source=self.source
                    ) from None
            try:
                self._formats = style_formats(data)
            except (ElementTree.ParseError, ValueError) as error:
                raise ReportFileError(
                    M_("cannot read the styles: {error}", error=error), source=self.source
                ) from None
            if data:
                _check_as_openpyxl(data, self.source, "styles")
        try:
            return cell_formats(self._sheet(name), self._formats)
        except UnplacedStylesError:
            return None

    def check_size(self, name: str) -> int:
        """Refuse sheet ``name`` when its used range is beyond the limits, before any reader
        fills a grid for it (the grid spans the used range, empty cells included); return the
        number of cells of that range."""
        data = self._sheet(name)
        numbers = _ROW_NUMBER_RE.findall(data)
        # Rows without a number follow the one before; counting the row elements covers them.
        elements = data.count(b"<row ") + data.count(b"<row>") + data.count(b"<row/>")
        rows = max(max((int(n) for n in numbers), default=0), elements)
        columns = _columns(data)
        for _, last in self.merges(name):  # a merged range fills its cells
            bottom, right = _split(last)
            rows, columns = max(rows, bottom + 1), max(columns, right + 1)
        # A cell whose reference has more digits than the last row's number lies below it.
        far = re.compile(rb'r="[A-Z]+[0-9]{%d,}"' % (len(str(rows)) + 1))
        if any(_attribute(data, m.start()) for m in far.finditer(data)):
            rows = max(rows, *(int(n) for _, n in _CELL_REF_RE.findall(data)))
        limits = self.limits
        if rows > limits.sheet_rows or rows * columns > limits.sheet_cells:
            last = f"{column_letter(max(columns - 1, 0))}{rows}"
            raise ReportFileError(
                M_(
                    "the sheet's used range reaches {last}: {value} rows × {value2} "
                    "columns; at most {value3} rows and {value4} cells are accepted "
                    "(lakipcore.limits.Limits.sheet_rows, sheet_cells); delete the "
                    "stray cells beyond the table",
                    last=last,
                    value=_n(rows),
                    value2=_n(columns),
                    value3=_n(limits.sheet_rows),
                    value4=_n(limits.sheet_cells),
                ),
                field=name,
                source=self.source,
            )
        return rows * columns

    def sparse(self, name: str, area: int) -> bool:
        """Whether sheet ``name``, whose used range holds ``area`` cells, is mostly empty (a
        stray cell far from its table): python-calamine would fill the whole range with Python
        objects, openpyxl passes the missing rows over."""
        if area <= _SPARSE_AREA:
            return False
        data = self._sheet(name)
        present = data.count(b"<c ") + data.count(b"<c>") + data.count(b"<c/>")
        return area > _SPARSE_RATIO * present

    def merges(self, name: str) -> list[tuple[str, str]]:
        data = self._sheet(name)
        if b"<mergeCell" not in data:
            return []
        return [(a.decode(), b.decode()) for a, b in _MERGE_RE.findall(data)]

    def error_cells(self, name: str) -> dict[tuple[int, int], str]:
        """The cells of sheet ``name`` holding an Excel error (``#DIV/0!``, ``#REF!``), by
        0-based (row, column): python-calamine reads them as empty, openpyxl as their text.
        A cell typed as an error whose value is none that both readers know is an error naming
        the cell (calamine refused the whole sheet, openpyxl gave the text)."""
        data = self._sheet(name)
        if b't="e"' not in data:
            return {}
        found = {}
        for match in _CELL_RE.finditer(data):
            attributes, body = match[1], match[2] or b""
            if b't="e"' in attributes:
                ref = _REF_RE.search(attributes)
                value = _VALUE_RE.search(body)
                if ref is not None:
                    text = value[1].decode(errors="replace") if value is not None else "#N/A"
                    if text not in EXCEL_ERRORS:
                        raise ReportFileError(
                            M_(
                                "the cell is typed as an Excel error but holds {value}, "
                                "not one of {join}",
                                value=repr(text[:40]),
                                join=", ".join(sorted(EXCEL_ERRORS)),
                            ),
                            field=f"{_quoted(name)}!{ref[1].decode()}",
                            source=self.source,
                        )
                    found[_split(ref[1].decode())] = text
        return found

    def check_booleans(self, name: str) -> None:
        """Refuse a cell of sheet ``name`` typed as a boolean whose value is not 0 or 1: the
        readers disagree on the rest (openpyxl reads 5 as TRUE and refuses "true";
        python-calamine the other way round), so both refuse it, naming the cell."""
        data = self._sheet(name)
        if b't="b"' not in data:
            return
        for match in _CELL_RE.finditer(data):
            attributes, body = match[1], match[2] or b""
            if b't="b"' not in attributes:
                continue
            value = _VALUE_RE.search(body)
            ref = _REF_RE.search(attributes)
            if value is None or ref is None or value[1].strip() in (b"0", b"1"):
                continue
            raise ReportFileError(
                M_(
                    "the cell is typed as TRUE/FALSE but holds {value}, not 0 or 1",
                    value=repr(value[1].decode(errors="replace")[:40]),
                ),
                field=f"{_quoted(name)}!{ref[1].decode()}",
                source=self.source,
            )

    def blank_texts(self, name: str) -> set[tuple[int, int]]:
        """The cells of sheet ``name`` whose text is only whitespace as written in the XML, by
        0-based (row, column). Written without ``xml:space="preserve"`` (as openpyxl writes
        it) python-calamine reads such a cell as empty and openpyxl as its spaces; both readers
        take it as empty. lakipcore writes whitespace-only text escaped (``_x0020_``), which is
        not blank here and reads back as its spaces."""
        blank_strings = self._blank_shared_strings()
        data = self._sheet(name)
        if not blank_strings and _BLANK_TEXT_RE.search(data) is None:
            return set()
        found = set()
        for match in _CELL_RE.finditer(data):
            attributes, body = match[1], match[2] or b""
            ref = _REF_RE.search(attributes)
            if ref is None or not body:
                continue
            if b't="s"' in attributes:
                value = _VALUE_RE.search(body)
                blank = value is not None and value[1].strip() in blank_strings
            elif b't="inlineStr"' in attributes or b't="str"' in attributes:
                texts = b"".join(_TEXT_RE.findall(body)) or b"".join(_VALUE_RE.findall(body))
                blank = bool(texts) and texts.isspace()
            else:
                continue
            if blank:
                found.add(_split(ref[1].decode()))
        return found

    def _blank_shared_strings(self) -> frozenset[bytes]:
        """The indexes (as written in a cell's ``<v>``) of the shared strings that are only
        whitespace."""
        if self._blank_shared is None:
            self._blank_shared = frozenset()
            if self.shared_part is not None:
                with self.open_zip() as archive:
                    data = archive.read(self.shared_part)  # checked whole by verify()
                if _BLANK_TEXT_RE.search(data) is not None:
                    self._blank_shared = frozenset(
                        str(index).encode()
                        for index, item in enumerate(_SHARED_ITEM_RE.findall(data))
                        if (texts := b"".join(_TEXT_RE.findall(item))) and texts.isspace()
                    )
        return self._blank_shared

    def uncached(self, name: str) -> frozenset[str]:
        data = self._sheet(name)
        if b"<f" not in data:
            return frozenset()
        found = set()
        for match in _CELL_RE.finditer(data):
            body = match[2]
            if body and b"<f" in body and (b"<v" not in body or _EMPTY_V_RE.search(body)):
                ref = _REF_RE.search(match[1])
                if ref is not None:
                    found.add(ref[1].decode())
        return frozenset(found)


def _attribute(data: bytes, at: int) -> bool:
    """Whether ``r="`` at ``at`` is an attribute of its own (not the end of ``ref="``)."""
    return at > 0 and data[at - 1 : at] in (b" ", b"\t", b"\n", b"\r")


def _columns(data: bytes) -> int:
    """The number of columns a sheet's cells reach, from their references (``r="AB12"``).

    Most sheets stay within column Z: references of two letters or more are looked for in one
    scan, and the last single letter by halving the alphabet, each step one scan that stops at
    its first match, so that the hundreds of thousands of references are never all collected.
    """
    wide = {m[1] for m in _WIDE_COLUMN_RE.finditer(data) if _attribute(data, m.start())}
    if wide:
        return max(column_index(x.decode()) for x in wide) + 1
    low, high = 0, 26  # some single letter at index < high, none at index >= high
    if not _present(data, b"A-Z"):
        return 0
    while high - low > 1:
        middle = (low + high) // 2
        if _present(data, f"{chr(65 + middle)}-Z".encode()):
            low = middle
        else:
            high = middle
    return low + 1


def _present(data: bytes, letters: bytes) -> bool:
    pattern = re.compile(rb'r="[' + letters + rb"][0-9]")
    return any(_attribute(data, m.start()) for m in pattern.finditer(data))


class Grid:
    """One sheet: ``values[row][column]`` (0-based), merged cells filled, and the number format
    of each cell that has one other than General, by (row, column). :meth:`value` refuses a
    formula without a cached value."""

    def __init__(
        self,
        name: str,
        values: list[list[Any]],
        formats: dict[tuple[int, int], str],
        xml: _Xml,
    ) -> None:
        self.name, self.values, self.formats, self._xml = name, values, formats, xml
        self._uncached: frozenset[str] | None = None
        self._prefix = f"{_quoted(name)}!"  # 'Data dukung'!B5

    @property
    def height(self) -> int:
        """The number of rows."""
        return len(self.values)

    @property
    def sheet(self) -> str:
        """The sheet's name as a reference writes it (``'Data dukung'``, ``Indikator``)."""
        return self._prefix[:-1]

    def ref(self, row: int, column: int) -> str:
        """``Sheet!B5`` for the 0-based ``row`` and ``column``."""
        return f"{self._prefix}{column_letter(column)}{row + 1}"

    def raw(self, row: int, column: int) -> Any:
        """The cell's value as read, ``None`` when empty or outside the sheet."""
        if row >= len(self.values):
            return None
        cells = self.values[row]
        return cells[column] if column < len(cells) else None

    def value(self, row: int, column: int) -> Any:
        """The cell's value; an empty cell that holds a formula without a cached value (a file
        written by a program that does not compute formulas) is an error naming the cell."""
        found = self.raw(row, column)
        if found is None:
            if self._uncached is None:
                self._uncached = self._xml.uncached(self.name)
            if self._uncached and f"{column_letter(column)}{row + 1}" in self._uncached:
                raise ReportFileError(
                    M_(
                        "the cell holds a formula without a cached value (the file was "
                        "saved by a program that does not compute formulas): open and "
                        "save it in Excel or LibreOffice, or type the value"
                    ),
                    field=self.ref(row, column),
                    source=self._xml.source,
                )
        return found

    def format(self, row: int, column: int) -> NumberFormat:
        """The cell's number format (``General`` when the reader gives none)."""
        code = self.formats.get((row, column))
        return GENERAL if code is None else number_format(code)

    def rows(self) -> Iterator[int]:
        """The 0-based indexes of the rows."""
        return iter(range(len(self.values)))


NO_CELLS: Final[list[Any]] = []
"""Every empty row of a grid: one shared list, never changed (a stray cell far below a table
makes hundreds of thousands of empty rows; one list each would be as many objects for the
garbage collector to walk)."""


def _own_row(values: list[list[Any]], row: int) -> list[Any]:
    """Row ``row`` of ``values`` as a list of its own, to be changed (an empty row is the
    shared :data:`NO_CELLS` until then)."""
    while len(values) <= row:
        values.append(NO_CELLS)
    if values[row] is NO_CELLS:
        values[row] = []
    return values[row]


def _put(values: list[list[Any]], row: int, column: int, value: Any) -> None:
    cells = _own_row(values, row)
    if len(cells) <= column:
        cells.extend([None] * (column + 1 - len(cells)))
    cells[column] = value


def _fill_merges(values: list[list[Any]], merges: list[tuple[str, str]]) -> None:
    for first, last in merges:
        top, left = _split(first)
        bottom, right = _split(last)
        if top >= len(values):
            continue
        corner = values[top][left] if left < len(values[top]) else None
        if corner is None:
            continue
        # A range may reach below the last row of values (openpyxl's grid has the empty cells a
        # merge writes, calamine's ends at the last value): both fill it to its last row.
        while len(values) <= bottom:
            values.append(NO_CELLS)
        for row in range(top, bottom + 1):
            cells = _own_row(values, row)
            if len(cells) <= right:
                cells.extend([None] * (right + 1 - len(cells)))
            for column in range(left, right + 1):
                if (row, column) != (top, left):
                    cells[column] = corner


def _openpyxl_grids(xml: _Xml, names: list[str] | None) -> dict[str, Grid]:
    module = openpyxl()
    # Opened here and closed here: openpyxl leaves its own handle open when loading fails.
    # openpyxl warns of what it reads its own way (a date beyond the calendar read as #VALUE!,
    # an extension it does not support); lakipcore reports what matters as errors naming the
    # cell, so its warnings are not passed on to the caller.
    with xml.open_binary() as handle, warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            book = module.load_workbook(handle, read_only=True, data_only=True)
        except Exception as error:  # openpyxl raises many kinds for a damaged file
            raise ReportFileError(
                M_(
                    "cannot read the workbook: {type}: {error}",
                    type=type(error).__name__,
                    error=error,
                ),
                source=xml.source,
            ) from None
        try:
            grids = {}
            for sheet in book.worksheets:
                if sheet.title not in xml.parts or (names is not None and sheet.title not in names):
                    continue
                grids[sheet.title] = _read_sheet(sheet, xml)
            return grids
        finally:
            book.close()


def _read_sheet(sheet: Any, xml: _Xml) -> Grid:
    name = sheet.title
    xml.check_size(name)
    xml.error_cells(name)  # an error cell neither reader knows is refused by both
    xml.check_booleans(name)  # so is a TRUE/FALSE cell that is neither
    values: list[list[Any]] = []
    formats: dict[tuple[int, int], str] = {}
    try:
        empty: object = None  # openpyxl gives each missing row as one shared tuple
        for number, row in enumerate(sheet.iter_rows(min_row=1, min_col=1)):
            if row is empty:
                values.append(NO_CELLS)
                continue
            cells = [cell.value for cell in row]
            if cells.count(None) == len(cells):
                values.append(NO_CELLS)  # an empty row (see _calamine_grids)
                empty = row
                continue
            for index, value in enumerate(cells):
                if value.__class__ is str:
                    if value.isspace():
                        cells[index] = None  # blank as written: see _Xml.blank_texts
                    elif "_x" in value:
                        cells[index] = xlsx_unescape(value)  # as Excel and calamine read it
            values.append(cells)
            for index, cell in enumerate(row):
                code = getattr(cell, "number_format", None)
                if code and code != "General":
                    formats[number, index] = code
    except LakipError:
        raise
    except Exception as error:  # a damaged sheet: its XML, its styles, its shared strings
        raise ReportFileError(
            M_("cannot read the sheet: {type}: {error}", type=type(error).__name__, error=error),
            field=name,
            source=xml.source,
        ) from None
    _fill_merges(values, xml.merges(name))
    return Grid(name, values, formats, xml)


def _as_openpyxl_reads(
    values: list[list[Any]], xml: _Xml, name: str, formats: dict[tuple[int, int], str]
) -> None:
    """Correct python-calamine's grid of sheet ``name`` where it reads a cell otherwise than
    openpyxl: a number formatted as a date beyond the calendar (openpyxl: ``#VALUE!``), text
    that is only whitespace as written (both: empty), an Excel error (calamine: empty)."""

    def inside(row: int, column: int) -> bool:
        return row < len(values) and column < len(values[row])

    dates = {code for code in set(formats.values()) if is_date_format(code)}
    for (row, column), code in formats.items() if dates else ():
        if code in dates and inside(row, column):
            value = values[row][column]
            if value.__class__ in (int, float) and beyond_dates(value):
                values[row][column] = "#VALUE!"
    for row, column in xml.blank_texts(name):
        if inside(row, column):
            values[row][column] = None
    for (row, column), text in xml.error_cells(name).items():
        _put(values, row, column, text)  # as openpyxl gives it: never empty


def _calamine_grids(xml: _Xml, names: list[str] | None) -> dict[str, Grid] | None:
    """The sheets read by python-calamine, their number formats from the XML; ``None`` when
    the XML cannot place the formats or a sheet is mostly empty (then openpyxl reads the
    workbook, and gives the same grids)."""
    from python_calamine import CalamineWorkbook

    chosen = [n for n in xml.parts if names is None or n in names]
    _check_as_openpyxl(xml.workbook_xml, xml.source, "workbook")
    formats = {}
    for name in chosen:  # before calamine sees the file: it allocates the whole used range
        if xml.sparse(name, xml.check_size(name)):
            return None
        xml.error_cells(name)  # an error cell neither reader knows is refused by both
        xml.check_booleans(name)  # so is a TRUE/FALSE cell that is neither
        found = xml.cell_formats(name)
        if found is None:
            return None
        formats[name] = found
    grids = {}
    where = None
    try:
        if isinstance(xml.path, bytes):
            book = CalamineWorkbook.from_filelike(io.BytesIO(xml.path))
        else:
            book = CalamineWorkbook.from_path(str(xml.path))
        for name in book.sheet_names:
            if name not in chosen:
                continue
            where = name
            sheet = book.get_sheet_by_name(name)
            # The empty rows and columns before the first used cell are included: the grid
            # starts at A1, as openpyxl's does and as the number formats are placed.
            # An empty row is NO_CELLS: a stray cell far below a table makes hundreds of
            # thousands of them, each checked here in C.
            values: list[list[Any]] = [
                [None if cell == "" else cell for cell in row]
                if row.count("") < len(row)
                else NO_CELLS
                for row in sheet.to_python(skip_empty_area=False)
            ]
            _as_openpyxl_reads(values, xml, name, formats[name])
            _fill_merges(values, xml.merges(name))
            grids[name] = Grid(name, values, formats[name], xml)
    except LakipError:
        raise
    except BaseException as error:  # calamine's errors, and a Rust panic (a BaseException)
        if isinstance(error, KeyboardInterrupt | SystemExit | GeneratorExit):
            raise
        raise ReportFileError(
            M_("cannot read the workbook: {type}: {error}", type=type(error).__name__, error=error),
            field=where,
            source=xml.source,
        ) from None
    return grids


def calamine_available() -> bool:
    """Whether python-calamine can be imported."""
    try:
        import python_calamine  # noqa: F401
    except ImportError:
        return False
    return True


def sheet_names(path: Path | bytes, source: str, limits: Limits = DEFAULT_LIMITS) -> list[str]:
    """The names of the workbook's sheets, in order."""
    return list(_Xml(path, source, limits).parts)


def load_grids(
    path: Path | bytes,
    source: str,
    *,
    reader: str,
    names: list[str] | None = None,
    limits: Limits = DEFAULT_LIMITS,
    xml: _Xml | None = None,
) -> dict[str, Grid]:
    """The sheets ``names`` (default all) of the workbook at ``path`` as grids, read by
    ``reader`` (``openpyxl`` or ``calamine``), each checked against ``limits`` first. ``xml``
    is the workbook as :class:`_Xml` checked it, when the caller has it (its package is
    checked whole, once)."""
    if xml is None:
        xml = _Xml(path, source, limits)
    if reader == "calamine":
        grids = _calamine_grids(xml, names)
        if grids is not None:
            return grids
    return _openpyxl_grids(xml, names)
