"""Reading Excel workbooks: :func:`read_workbook` (docs/excel.md); writing is
:func:`lakipcore.render.workbook.write_workbook`, and :mod:`lakipcore.excel` has both.

Needs openpyxl, the ``lakipcore[excel]`` extra, imported on first use; python-calamine is used,
when installed, to read faster.
"""

from __future__ import annotations

from pathlib import Path, PurePath
from typing import Any, BinaryIO

from lakipcore.errors import LakipTypeError, LakipValueError
from lakipcore.formats.excel import _layout
from lakipcore.formats.excel._build import build
from lakipcore.formats.excel._sheets import _Xml, calamine_available, load_grids
from lakipcore.i18n import M_
from lakipcore.limits import DEFAULT_LIMITS, Limits
from lakipcore.model import Report

__all__ = ["READERS", "choose_reader", "read_workbook", "workbook_content"]

READERS = ("auto", "openpyxl", "calamine")
"""The readers :func:`read_workbook` can use."""


def _is_native_by_name(names: list[str]) -> bool:
    return _layout.REPORT in names and _layout.INDICATORS in names


def choose_reader(path: str | Path, reader: str = "auto") -> str:
    """The reader :func:`read_workbook` asks for to read ``path``: ``calamine`` when
    python-calamine is installed (the number formats it does not give are read from the
    workbook's XML), else ``openpyxl``. Both read every workbook to the same report; a
    workbook whose styles the XML cannot place, or with a mostly empty sheet, is read with
    openpyxl either way (docs/excel.md, Readers)."""
    if reader not in READERS:
        raise LakipValueError(
            M_(
                "unknown reader {reader}; expected one of {join}",
                reader=repr(reader),
                join=", ".join(READERS),
            )
        )
    if not isinstance(path, str | Path):
        raise LakipTypeError(
            M_("expected a workbook path, got {type}", type=type(path).__name__), field="path"
        )
    if reader != "auto":
        return reader
    return "calamine" if calamine_available() else "openpyxl"


def workbook_content(
    path: str | Path | bytes | bytearray | BinaryIO, source: str | None, limits: Limits
) -> tuple[Path | bytes, str]:
    """What a workbook reader opens, and the name its errors give: a path (which must be a
    file), the workbook's bytes or a binary file object (an upload), read within ``limits``.
    ``source`` names it (default: the path, or ``workbook.xlsx``)."""
    from lakipcore.errors import ReportFileError

    if source is not None and not isinstance(source, str):
        raise LakipTypeError(
            M_("expected the source name as a str, got {source}", source=repr(source)),
            field="source",
        )
    if isinstance(path, str | Path):
        content = Path(path)
        if not content.is_file():
            raise ReportFileError(M_("no such workbook"), source=source or str(content))
        return content, source or str(content)
    if isinstance(path, bytes | bytearray):
        return bytes(path), source or "workbook.xlsx"
    if callable(getattr(path, "read", None)):
        from lakipcore.formats.toml.loader import read_stream

        return read_stream(path, limits, source, "workbook.xlsx")
    raise LakipTypeError(
        M_(
            "expected a workbook path, bytes or a binary file object, got {type}",
            type=type(path).__name__,
        ),
        field="path",
    )


def read_workbook(
    path: str | Path | bytes | bytearray | BinaryIO,
    mapping: str | Path | Any = None,
    *,
    reader: str = "auto",
    limits: Limits = DEFAULT_LIMITS,
    source: str | None = None,
) -> Report:
    """Read a report from an .xlsx workbook: a path, the workbook's bytes, or a binary file
    object (an upload, as a web framework hands it over; read here, at most
    ``limits.file_bytes`` of it).

    A workbook written by :func:`lakipcore.excel.write_workbook` is read back from its data
    sheets. Any other workbook is read from its pengukuran kinerja and realisasi anggaran
    tables, found by their headers, or as ``mapping`` (a mapping file's path, or a
    :class:`~lakipcore.formats.excel.mapping.Mapping`) says. Every origin and error names its
    cell (``Indikator!F12``) in ``source`` (default: the path, or ``workbook.xlsx`` for bytes
    and streams); errors are collected and raised together as one
    :class:`~lakipcore.ReportFileError`.

    ``limits`` bound the workbook as they bound a report file (its size, its parts unpacked,
    each sheet's used range, the units, indicators and periods it holds), checked before the
    cells are read; a damaged workbook is a :class:`~lakipcore.ReportFileError`, whatever
    broke in it.
    """
    if not isinstance(limits, Limits):
        raise LakipTypeError(
            M_("expected Limits, got {type}", type=type(limits).__name__), field="limits"
        )
    content, source = workbook_content(path, source, limits)
    chosen = choose_reader(Path(source), reader)
    xml = _Xml(content, source, limits)  # the package checked whole, once
    if mapping is None and _is_native_by_name(list(xml.parts)):
        from lakipcore.formats.excel.native import is_native, read_native

        names = list(_layout.DATA_SHEETS)
        grids = load_grids(content, source, reader=chosen, names=names, limits=limits, xml=xml)
        if is_native(grids):
            data, cells = read_native(grids, source)
            return build(data, cells, source, limits)
    from lakipcore.formats.excel.layouts import read_foreign
    from lakipcore.formats.excel.mapping import Mapping, load_mapping

    plan = mapping if isinstance(mapping, Mapping) else load_mapping(mapping)
    grids = load_grids(content, source, reader=chosen, limits=limits, xml=xml)
    data, cells = read_foreign(grids, plan, source, PurePath(source).stem)
    return build(data, cells, source, limits)
