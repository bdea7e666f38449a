"""``lakip report``: the report as one self-contained HTML page (tables, charts, audit)."""

from __future__ import annotations

import argparse
import sys

from lakipcore.cli.limits import add_limit_option
from lakipcore.formats.toml import EXAMPLE_NAME
from lakipcore.i18n import M_, T_
from lakipcore.methods import PRESETS

__all__ = ["add_commands", "run_report"]


def add_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register ``report`` on the ``lakip`` parser."""
    report = commands.add_parser(
        "report",
        help=T_("write a report as one self-contained HTML page with charts and the audit"),
        description=(
            M_(
                "Score and audit a report file and write it as a single HTML "
                "page: the Dashboard Performance, the indicator and budget "
                "tables, inline SVG charts, the audit with the wrong printed "
                "figures marked, and the method in words. The page needs no "
                "network and no script. Without FILE, the shipped example "
                "({example_name}).",
                example_name=EXAMPLE_NAME,
            ).render()
        ),
    )
    report.add_argument(
        "file", nargs="?", metavar="FILE", help=T_("a report file (docs/format.md)")
    )
    report.add_argument(
        "-o", "--output", metavar="OUT", help=T_("write the page here (default: stdout)")
    )
    presets = ", ".join(PRESETS)
    report.add_argument(
        "--method",
        metavar="[PERIOD=]NAME",
        action="append",
        default=[],
        help=(
            M_(
                "scoring method for every period, or for one period as "
                "PERIOD=NAME (repeatable); default: the file's, else the "
                "aggregation its printed office row shows, else "
                "pooled-indicators/total-amounts. Presets: {presets}",
                presets=presets,
            ).render()
        ),
    )
    add_limit_option(report)
    report.set_defaults(run=run_report)


def run_report(args: argparse.Namespace) -> int:
    """Write the HTML page of the report named by ``args`` (0: written)."""
    from lakipcore.assessment import assess
    from lakipcore.cli import EXIT_OK, _load
    from lakipcore.render.html import render_html

    loaded, source = _load(args)
    page = render_html(assess(loaded, method=args.methods, source=source))
    if args.output:
        from pathlib import Path

        Path(args.output).write_text(page, encoding="utf-8")
    else:
        sys.stdout.write(page)
    return EXIT_OK
