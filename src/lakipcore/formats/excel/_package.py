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
from lakipcore.i18n import M_

__all__ = ["SPREADSHEET_NAMESPACES", "verify"]

SPREADSHEET_NAMESPACES: Final = frozenset(
    {
        # ECMA-376 transitional, which Excel, LibreOffice and openpyxl write
        "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    }
)
_REQUIRED: Final = ("[Content_Types].xml", "_rels/.rels")
WORKBOOK_PART: Final = "xl/workbook.xml"
# The content types of a workbook part (openpyxl finds the workbook by them; python-calamine
# follows the officeDocument relationship of _rels/.rels): both must point at one part.
_WORKBOOK_TYPES: Final = frozenset(
    {
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
        "application/vnd.ms-excel.sheet.macroEnabled.main+xml",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml",
        "application/vnd.ms-excel.template.macroEnabled.main+xml",
    }
)
_CT_ATTRIBUTES: Final = {
    "Default": frozenset({"Extension", "ContentType"}),
    "Override": frozenset({"PartName", "ContentType"}),
}
_CT_NS: Final = "{http://schemas.openxmlformats.org/package/2006/content-types}"
_REL_NS: Final = "{http://schemas.openxmlformats.org/package/2006/relationships}"
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
                M_(
                    "the workbook holds the part {name} twice (readers would each "
                    "take a different copy)",
                    name=repr(name),
                ),
                source=source,
            )
        seen.add(name)
    return seen


def _workbook_pointers(archive: zipfile.ZipFile, source: str) -> None:
    """Refuse a package whose content types and package relationships do not both point at
    ``xl/workbook.xml`` (each reader follows one of them)."""
    from xml.etree import ElementTree

    try:
        types = ElementTree.fromstring(archive.read("[Content_Types].xml"))
        rels = ElementTree.fromstring(archive.read("_rels/.rels"))
    except ElementTree.ParseError:
        return  # reported as not well-formed, part by part, below
    for element, allowed in _CT_ATTRIBUTES.items():
        for item in types.iter(f"{_CT_NS}{element}"):
            odd = sorted(set(item.attrib) ^ allowed)
            if odd:  # openpyxl refuses the manifest, calamine does not read it
                raise ReportFileError(
                    M_(
                        "the content types ([Content_Types].xml) have a <{element}> with "
                        "{value} attribute {value2}",
                        element=element,
                        value=M_("an unknown") if odd[0] in item.attrib else M_("no"),
                        value2=repr(odd[0]),
                    ),
                    source=source,
                )
    by_type = [
        o.get("PartName", "").lstrip("/")
        for o in types.iter(f"{_CT_NS}Override")
        if o.get("ContentType") in _WORKBOOK_TYPES
    ]
    if not by_type and any(
        d.get("ContentType") in _WORKBOOK_TYPES for d in types.iter(f"{_CT_NS}Default")
    ):
        by_type = [WORKBOOK_PART]
    by_relationship = [
        r.get("Target", "").lstrip("/")
        for r in rels.iter(f"{_REL_NS}Relationship")
        if r.get("Type", "").endswith("/officeDocument")
    ]
    if by_type[:1] != [WORKBOOK_PART] or by_relationship[:1] != [WORKBOOK_PART]:
        raise ReportFileError(
            M_(
                "the package does not point at its workbook part {workbook_part} "
                "both by its content types ([Content_Types].xml: {value}) and by "
                "its relationships (_rels/.rels: {value2})",
                workbook_part=repr(WORKBOOK_PART),
                value=", ".join(by_type) or "none",
                value2=", ".join(by_relationship) or "none",
            ),
            source=source,
        )


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
            raise ReportFileError(
                M_("not an .xlsx workbook: it has no part {name}", name=repr(name)), source=source
            )
    for name in related:  # openpyxl reads them all, calamine some: both need them
        if name not in seen:
            raise ReportFileError(
                M_("the workbook refers to the part {name} but has none", name=repr(name)),
                source=source,
            )
    sheet_of = {part: sheet for sheet, part in sheets.items()}
    _workbook_pointers(archive, source)
    for sheet, part in sheets.items():
        if part not in seen:
            raise ReportFileError(
                M_("the workbook lists the sheet but has no part {part}", part=repr(part)),
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
                M_("the part {name} is not well-formed XML: {error}", name=repr(name), error=error),
                field=listed,
                source=source,
            ) from None
        if listed is not None:
            namespace, _, element = root.rpartition("}")
            if element in _NOT_TABLES:
                without_table.add(listed)
            elif element != "worksheet" or namespace not in SPREADSHEET_NAMESPACES:
                raise ReportFileError(
                    M_(
                        "the sheet's part {name} is not a SpreadsheetML worksheet (its "
                        "root element is {value})",
                        name=repr(name),
                        value=root.replace("}", " ") or "missing",
                    ),
                    field=listed,
                    source=source,
                )
    return without_table
