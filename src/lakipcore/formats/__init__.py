"""The formats a report is read from (and written back to): the readers.

A reader parses bytes, attaches every value's origin (file, field, line, ``Sheet!A1``) and
builds the :class:`~lakipcore.model.Report`; nothing here scores. :mod:`lakipcore.formats.toml`
is the report file (TOML, docs/format.md; schema 1 migrates), :mod:`lakipcore.formats.excel`
reads workbooks (docs/excel.md), :mod:`lakipcore.formats.batch` loads many files at once, and
:func:`load_any` takes either kind of file by its suffix. :func:`build_report` checks and builds
a report from data in the report file's layout that another reader assembled (how a workbook
becomes a report).
"""

from __future__ import annotations

from pathlib import Path

from lakipcore.formats.toml import (
    EXAMPLE_NAME,
    SCHEMA_VERSION,
    dump_report,
    example_text,
    load_example,
    load_report,
    loads_report,
    write_report,
)
from lakipcore.formats.toml.loader import build_report
from lakipcore.limits import DEFAULT_LIMITS, Limits
from lakipcore.model import Report

__all__ = [
    "EXAMPLE_NAME",
    "SCHEMA_VERSION",
    "WORKBOOK_SUFFIXES",
    "build_report",
    "dump_report",
    "example_text",
    "load_any",
    "load_example",
    "load_report",
    "loads_report",
    "write_report",
]

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")
"""The suffixes :func:`load_any` reads as Excel workbooks."""


def load_any(path: str | Path, limits: Limits = DEFAULT_LIMITS) -> Report:
    """A report from a report file or, by its suffix, from an .xlsx workbook; ``limits``
    apply to both (:class:`~lakipcore.limits.Limits`)."""
    if Path(path).suffix.lower() in WORKBOOK_SUFFIXES:
        from lakipcore.formats.excel import read_workbook

        return read_workbook(path, limits=limits)
    return load_report(path, limits=limits)
