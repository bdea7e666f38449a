"""The package of an .xlsx workbook checked whole, before either reader sees it.

openpyxl and python-calamine read different parts of a workbook and forgive different damage:
openpyxl parses the content types, the properties and the start of every sheet and skips a
sheet whose part is missing; python-calamine reads only the sheets asked for and ignores a
sheet's namespace. A workbook damaged in a part one of them does not read was accepted by one
and refused by the other (the fuzz campaign's "readers disagree"). So the package is checked
here by one rule for both: every part is intact (its checksum), listed once, every XML part is
well-formed, and every sheet the workbook lists exists and is a SpreadsheetML worksheet (or a
chart, dialog or macro sheet, which holds no table and is read by neither). A
workbook that fails is the library's :class:`~lakipcore.ReportFileError` naming the part (and
the sheet), whichever reader was asked for.
"""

from __future__ import annotations

import zipfile
from typing import Final
from xml.parsers import expat

from lakipcore.errors import ReportFileError

__all__ = ["SPREADSHEET_NAMESPACES", "verify"]

SPREADSHEET_NAMESPACES: Final = frozenset(
    {
        # ECMA-376 transitional, which Excel, LibreOffice and openpyxl write
        "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    }
)
_REQUIRED: Final = ("[Content_Types].xml", "_rels/.rels")
_NOT_TABLES: Final = frozenset({"chartsheet", "dialogsheet", "macrosheet"})


def _root(data: bytes) -> str:
    """The namespace and name of the XML document's root element (``ns}name``), after checking
    that the whole document is well-formed; raises :class:`expat.ExpatError` otherwise."""
    parser = expat.ParserCreate(namespace_separator="}")
    found: list[str] = []

    def first(name: str, attributes: object) -> None:
        del attributes
        found.append(name)
        parser.StartElementHandler = None  # one call, then expat runs in C alone

    parser.StartElementHandler = first
    parser.Parse(data, True)
    return found[0] if found else ""


def _listed_once(names: list[str], source: str) -> set[str]:
    seen: set[str] = set()
    for name in names:
        if name in seen:
            raise ReportFileError(
                f"the workbook holds the part {name!r} twice (readers would each take a "
                "different copy)",
                source=source,
            )
        seen.add(name)
    return seen


def verify(
    archive: zipfile.ZipFile, source: str, sheets: dict[str, str], related: list[str]
) -> set[str]:
    """Check the package of ``archive`` (the workbook ``source``) whose sheets are ``sheets``
    (name → part) and whose workbook refers to the parts ``related`` (its styles, shared
    strings, theme); return the names of those that hold no table (a chart sheet, a dialog or
    macro sheet), which neither reader reads. Raises :class:`~lakipcore.ReportFileError`
    naming the first fault."""
    names = [info.filename for info in archive.infolist()]
    seen = _listed_once(names, source)
    for name in _REQUIRED:
        if name not in seen:
            raise ReportFileError(f"not an .xlsx workbook: it has no part {name!r}", source=source)
    for name in related:  # openpyxl reads them all, calamine some: both need them
        if name not in seen:
            raise ReportFileError(
                f"the workbook refers to the part {name!r} but has none", source=source
            )
    sheet_of = {part: sheet for sheet, part in sheets.items()}
    for sheet, part in sheets.items():
        if part not in seen:
            raise ReportFileError(
                f"the workbook lists the sheet but has no part {part!r}",
                field=sheet,
                source=source,
            )
    without_table: set[str] = set()
    for name in names:
        # Reading a part whole checks its checksum; every XML part is parsed by expat, in C.
        data = archive.read(name)
        if not name.endswith((".xml", ".rels", ".vml")):
            continue
        listed = sheet_of.get(name)
        try:
            root = _root(data)
        except expat.ExpatError as error:
            raise ReportFileError(
                f"the part {name!r} is not well-formed XML: {error}", field=listed, source=source
            ) from None
        if listed is not None:
            namespace, _, element = root.rpartition("}")
            if element in _NOT_TABLES:
                without_table.add(listed)
            elif element != "worksheet" or namespace not in SPREADSHEET_NAMESPACES:
                raise ReportFileError(
                    f"the sheet's part {name!r} is not a SpreadsheetML worksheet (its root "
                    f"element is {root.replace('}', ' ') or 'missing'})",
                    field=listed,
                    source=source,
                )
    return without_table
