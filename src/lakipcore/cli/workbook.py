"""``lakip import`` and ``lakip export``: Excel workbooks in and out (docs/excel.md).

``lakip import WORKBOOK.xlsx [--mapping MAP.toml] [-o report.toml]`` reads a workbook and writes
the report file; ``lakip export report.toml -o scored.xlsx`` writes the report, its scores and
its audit as a workbook. :func:`load_any` lets ``lakip score`` and ``lakip audit`` read a
workbook directly. openpyxl is imported by the run functions only.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from lakipcore.limits import DEFAULT_LIMITS, Limits
from lakipcore.model import Report

__all__ = ["add_commands", "load_any"]

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")


def load_any(path: str | Path, limits: Limits = DEFAULT_LIMITS) -> Report:
    """A report from a report file or, by its suffix, from an .xlsx workbook (``limits``
    apply to report files; a workbook is bounded by its sheets' own size)."""
    if Path(path).suffix.lower() in WORKBOOK_SUFFIXES:
        from lakipcore.excel import read_workbook

        return read_workbook(path)
    from lakipcore.reportfile import load_report

    return load_report(path, limits=limits)


def add_commands(commands: Any) -> None:
    """Add ``import`` and ``export`` to the ``lakip`` subcommands."""
    imports = commands.add_parser(
        "import",
        help="read an Excel workbook into a report file",
        description=(
            "Read a LAKIP / LKjIP workbook (.xlsx): its pengukuran kinerja and realisasi "
            "anggaran tables, found by their headers or as --mapping says, or a workbook that "
            "lakip export wrote. Prints the report file, or writes it to -o FILE."
        ),
    )
    imports.add_argument("file", metavar="WORKBOOK", help="an .xlsx workbook")
    imports.add_argument("--mapping", metavar="MAP", help="a column mapping file (docs/excel.md)")
    imports.add_argument("-o", "--output", metavar="OUT", help="write here instead of stdout")
    imports.set_defaults(run=_import)
    exports = commands.add_parser(
        "export",
        help="write a report, its scores and audit to an Excel workbook",
        description=(
            "Write a report file (or workbook) as an .xlsx workbook: dashboard, indicators, "
            "budget, changes and the audit's findings, flagged printed figures highlighted. "
            "The workbook reads back (lakip import) to the same report."
        ),
    )
    exports.add_argument("file", metavar="FILE", help="a report file or workbook")
    exports.add_argument("-o", "--output", metavar="OUT", required=True, help="the .xlsx to write")
    exports.set_defaults(run=_export)


def _import(args: argparse.Namespace) -> int:
    from lakipcore.excel import read_workbook
    from lakipcore.reportfile import dump_report

    args.source = str(args.file)
    text = dump_report(read_workbook(args.file, args.mapping))
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


def _export(args: argparse.Namespace) -> int:
    from lakipcore.assessment import assess
    from lakipcore.excel import write_workbook

    args.source = str(args.file)
    write_workbook(assess(load_any(args.file), source=args.source), args.output)
    return 0
