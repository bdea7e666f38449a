"""``lakip monitor FILE [--to 2024-tw3] [--html page.html]``: progress during the year
(docs/monitoring.md).

Prints, per unit, each indicator's target to date, realised to date, capaian to date, status and
projection to the year's end (marked as a projection), then the reason of each status; ``--format
json`` prints the document ``lakipcore.monitoring/1`` (``lakip schema monitoring``).
"""

from __future__ import annotations

import argparse
import json
import sys
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING

from lakipcore.i18n import T_
from lakipcore.rounding import Rounding

if TYPE_CHECKING:
    from lakipcore.model import Report

__all__ = ["add_commands"]


def _tolerance(text: str) -> Decimal:
    try:
        value = Decimal(text.replace(",", "."))
    except InvalidOperation:
        raise argparse.ArgumentTypeError(
            f"expected a number of percentage points, got {text!r}"
        ) from None
    if not value.is_finite() or value < 0:
        raise argparse.ArgumentTypeError(f"expected a number of 0 or more, got {text!r}")
    return value


def add_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``monitor`` to the ``lakip`` parser."""
    monitor = commands.add_parser(
        "monitor",
        help=T_("progress during the year: capaian to date, status, projection"),
        description=T_(
            "Monitor a report during the year from its quarters, months or s.d. periods: each "
            "indicator's target and realisation to date, its capaian to date by its to-date "
            "method, its status against the trajectory (with a tolerance), and the realisation "
            "projected to the year's end, marked as a projection."
        ),
    )
    monitor.add_argument("file", metavar="FILE", help=T_("a report file or workbook"))
    monitor.add_argument(
        "--to",
        metavar="PERIOD",
        help=T_(
            "the period to monitor to (2024-tw3, 2024-06, 2024-sd-tw3); default: the latest filled"
        ),
    )
    monitor.add_argument(
        "--year", type=int, help=T_("the year (default: that of --to, else the latest)")
    )
    monitor.add_argument(
        "--layout",
        choices=["report", "monitoring"],
        default="report",
        help=T_(
            "how an .xlsx FILE is laid out: a report workbook (the default), or the monitoring "
            "layout (a row per indicator, Target/Realisasi per period; needs --year and --kind)"
        ),
    )
    monitor.add_argument(
        "--kind",
        choices=["triwulan", "monthly"],
        help=T_("the periods of a monitoring-layout workbook: quarters or months"),
    )
    monitor.add_argument(
        "--tolerance",
        type=_tolerance,
        default=Decimal(5),
        metavar="POINTS",
        help=T_(
            "percentage points either side of a full capaian that count as on track (default 5)"
        ),
    )
    monitor.add_argument(
        "--projection",
        choices=["straight-line", "trajectory"],
        help=T_("the projection method (default: trajectory)"),
    )
    monitor.add_argument("--places", type=int, default=2, help=T_("decimal places shown"))
    monitor.add_argument(
        "--rounding",
        choices=[mode.value for mode in Rounding],
        default=Rounding.HALF_UP.value,
        help=T_("rounding of shown figures (default half-up)"),
    )
    monitor.add_argument("--format", choices=["text", "json"], default="text")
    monitor.add_argument(
        "--html",
        metavar="OUT",
        help=T_(
            "also write the monitoring as one self-contained HTML page with a chart per indicator"
        ),
    )
    monitor.add_argument(
        "--xlsx",
        metavar="OUT",
        help=T_(
            "also write the layout offices keep (a row per indicator, target and realisation "
            "per period) with the result, as an Excel workbook"
        ),
    )
    monitor.set_defaults(run=_run)


def _report(args: argparse.Namespace) -> Report:
    """The report of FILE: a report file or workbook, or a workbook in the monitoring layout."""
    from lakipcore.formats import load_any

    if args.layout == "report":
        return load_any(Path(args.file))
    from lakipcore.errors import InvalidValueError
    from lakipcore.i18n import M_
    from lakipcore.monitoring.workbook import read_monitoring_workbook

    if args.year is None or args.kind is None:
        raise InvalidValueError(
            M_("a workbook in the monitoring layout needs --year and --kind"), field="--layout"
        )
    return read_monitoring_workbook(Path(args.file), year=args.year, kind=args.kind)


def _run(args: argparse.Namespace) -> int:
    from lakipcore.assessment import assess
    from lakipcore.cli import loading
    from lakipcore.monitoring import MonitoringRules, ProjectionMethod, monitor
    from lakipcore.monitoring.render import monitoring_text, monitoring_to_dict

    args.source = args.file
    projection = None if args.projection is None else ProjectionMethod.from_name(args.projection)
    rules = MonitoringRules(args.tolerance, projection)
    with loading():  # the collector paused while the report is built and scored, as elsewhere
        assessment = assess(_report(args), source=args.file)
    result = monitor(assessment, year=args.year, to=args.to, rules=rules)
    rounding = Rounding.from_name(args.rounding)
    if args.html:
        from lakipcore.monitoring.page import monitoring_page

        page = monitoring_page(result, assessment, places=args.places, rounding=rounding)
        Path(args.html).write_text(page, encoding="utf-8")
    if args.xlsx:
        from lakipcore.monitoring.workbook import write_monitoring_workbook

        write_monitoring_workbook(result, assessment, Path(args.xlsx))
    if args.format == "json":
        data = monitoring_to_dict(result, places=args.places, rounding=rounding)
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(monitoring_text(result, places=args.places, rounding=rounding) + "\n")
    return 0
