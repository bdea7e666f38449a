"""``lakip import`` and ``lakip export``: Excel workbooks in and out (docs/excel.md).

``lakip import WORKBOOK.xlsx [--mapping MAP.toml] [-o report.toml]`` reads a workbook and writes
the report file; ``lakip export report.toml -o scored.xlsx`` writes the report, its scores and
its audit as a workbook. ``lakip score`` and ``lakip audit`` read a workbook directly
(:func:`lakipcore.formats.load_any`). openpyxl is imported by the run functions only.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from lakipcore.cli.limits import add_limit_option, limits_of
from lakipcore.formats import load_any
from lakipcore.i18n import T_

__all__ = ["add_commands"]


def add_commands(commands: Any) -> None:
    """Add ``import`` and ``export`` to the ``lakip`` subcommands."""
    imports = commands.add_parser(
        "import",
        help=T_("read an Excel workbook into a report file"),
        description=(
            T_(
                "Read a LAKIP / LKjIP workbook (.xlsx): its pengukuran kinerja "
                "and realisasi anggaran tables, found by their headers or as "
                "--mapping says, or a workbook that lakip export wrote. Prints "
                "the report file, or writes it to -o FILE."
            )
        ),
    )
    imports.add_argument("file", metavar="WORKBOOK", help=T_("an .xlsx workbook"))
    imports.add_argument(
        "--mapping", metavar="MAP", help=T_("a column mapping file (docs/excel.md)")
    )
    imports.add_argument("-o", "--output", metavar="OUT", help=T_("write here instead of stdout"))
    imports.set_defaults(run=_import)
    exports = commands.add_parser(
        "export",
        help=T_("write a report, its scores and audit to an Excel workbook"),
        description=(
            T_(
                "Write a report file (or workbook) as an .xlsx workbook: "
                "dashboard, indicators, budget, changes and the audit's "
                "findings, flagged printed figures highlighted. The workbook "
                "reads back (lakip import) to the same report."
            )
        ),
    )
    exports.add_argument("file", metavar="FILE", help=T_("a report file or workbook"))
    exports.add_argument(
        "-o", "--output", metavar="OUT", required=True, help=T_("the .xlsx to write")
    )
    exports.set_defaults(run=_export)
    for command in (imports, exports):
        add_limit_option(command)


def _import(args: argparse.Namespace) -> int:
    from lakipcore.formats.excel import read_workbook
    from lakipcore.formats.toml import dump_report

    args.source = str(args.file)
    text = dump_report(read_workbook(args.file, args.mapping, limits=limits_of(args)))
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


def _export(args: argparse.Namespace) -> int:
    from lakipcore.assessment import assess
    from lakipcore.render.workbook import write_workbook

    args.source = Path(args.file).name  # no directory in the workbook
    report = load_any(args.file, limits_of(args))
    write_workbook(assess(report, source=args.source), args.output)
    return 0
