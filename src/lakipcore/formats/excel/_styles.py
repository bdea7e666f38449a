"""Number formats of a sheet's cells, read from the workbook's XML.

python-calamine gives values only; a foreign layout needs the number format of some cells (a
percent-formatted target, the decimals a capaian cell shows). They are read here from two parts:
``xl/styles.xml`` maps a cell style (``s="3"``) to a number format, and the sheet's XML gives
each cell's style. Only cells whose style has a format other than ``General`` are kept, by
0-based (row, column), so a sheet of plain numbers costs one scan.
"""

from __future__ import annotations

import re
from typing import Final
from xml.etree import ElementTree

__all__ = ["BUILTIN_FORMATS", "cell_formats", "style_formats"]

_MAIN_NS: Final = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
# ECMA-376 Part 1, 18.8.30: the formats a workbook refers to by number without writing them,
# as openpyxl names them (so that both readers give a cell the same format).
BUILTIN_FORMATS: Final = {
    1: "0",
    2: "0.00",
    3: "#,##0",
    4: "#,##0.00",
    5: '"$"#,##0_);("$"#,##0)',
    6: '"$"#,##0_);[Red]("$"#,##0)',
    7: '"$"#,##0.00_);("$"#,##0.00)',
    8: '"$"#,##0.00_);[Red]("$"#,##0.00)',
    9: "0%",
    10: "0.00%",
    11: "0.00E+00",
    12: "# ?/?",
    13: "# ??/??",
    14: "mm-dd-yy",
    15: "d-mmm-yy",
    16: "d-mmm",
    17: "mmm-yy",
    18: "h:mm AM/PM",
    19: "h:mm:ss AM/PM",
    20: "h:mm",
    21: "h:mm:ss",
    22: "m/d/yy h:mm",
    37: "#,##0_);(#,##0)",
    38: "#,##0_);[Red](#,##0)",
    39: "#,##0.00_);(#,##0.00)",
    40: "#,##0.00_);[Red](#,##0.00)",
    41: '_(* #,##0_);_(* \\(#,##0\\);_(* "-"_);_(@_)',
    42: '_("$"* #,##0_);_("$"* \\(#,##0\\);_("$"* "-"_);_(@_)',
    43: '_(* #,##0.00_);_(* \\(#,##0.00\\);_(* "-"??_);_(@_)',
    44: '_("$"* #,##0.00_)_("$"* \\(#,##0.00\\)_("$"* "-"??_)_(@_)',
    45: "mm:ss",
    46: "[h]:mm:ss",
    47: "mmss.0",
    48: "##0.0E+0",
    49: "@",
}
_STYLE_ATTRIBUTE: Final = re.compile(rb'\ss="([0-9]+)"')
_REF: Final = re.compile(rb'\sr="([A-Z]{1,3})([0-9]{1,7})"')
_REF_THEN_STYLE: Final = re.compile(rb'<c r="([A-Z]{1,3})([0-9]{1,7})" s="([0-9]+)"')


class UnplacedStylesError(Exception):
    """The styles cannot be placed on cells from the XML alone (a cell without a reference);
    the caller reads the sheet with openpyxl instead."""


def style_formats(styles_xml: bytes | None) -> dict[int, str]:
    """The number format code of each cell style (its index in ``cellXfs``) that has one other
    than ``General``. ``styles_xml`` is ``xl/styles.xml`` (``None`` when the workbook has none)."""
    if not styles_xml:
        return {}
    root = ElementTree.fromstring(styles_xml)
    codes = dict(BUILTIN_FORMATS)
    for element in root.iter(f"{_MAIN_NS}numFmt"):
        number = element.get("numFmtId")
        if number is not None and number.isdigit():
            codes[int(number)] = element.get("formatCode", "")
    found: dict[int, str] = {}
    xfs = root.find(f"{_MAIN_NS}cellXfs")
    for index, xf in enumerate(xfs if xfs is not None else ()):
        number = xf.get("numFmtId", "0")
        code = codes.get(int(number)) if number.isdigit() else None
        if code and code != "General":
            found[index] = code
    return found


def cell_formats(sheet_xml: bytes, formats: dict[int, str]) -> dict[tuple[int, int], str]:
    """The number format of each cell of ``sheet_xml`` whose style has one, by 0-based (row,
    column). A row's or column's own style (``<row s=…>``, ``<col style=…>``) formats only its
    empty cells and is not read."""
    if not formats or b's="' not in sheet_xml:
        return {}
    wanted = {str(index).encode(): code for index, code in formats.items()}
    # Excel, LibreOffice and openpyxl write a cell's reference first and its style second;
    # when every style attribute of the sheet is found so, one scan places them all.
    ordered = _REF_THEN_STYLE.findall(sheet_xml)
    if len(ordered) == len(_STYLE_ATTRIBUTE.findall(sheet_xml)):
        return {
            (int(row) - 1, _column(letters)): wanted[style]
            for letters, row, style in ordered
            if style in wanted
        }
    found: dict[tuple[int, int], str] = {}
    for match in _STYLE_ATTRIBUTE.finditer(sheet_xml):
        if match[1] not in wanted:
            continue
        start = sheet_xml.rfind(b"<", 0, match.start())
        if sheet_xml[start : start + 3].rstrip() != b"<c":
            continue  # a row's style, or another element's attribute
        end = sheet_xml.find(b">", start)
        ref = _REF.search(sheet_xml, start, end)
        if ref is None:
            raise UnplacedStylesError
        found[int(ref[2]) - 1, _column(ref[1])] = wanted[match[1]]
    return found


def _column(letters: bytes) -> int:
    index = 0
    for char in letters:
        index = index * 26 + char - 64
    return index - 1
