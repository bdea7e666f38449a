"""The ``lakip`` command line (also ``python -m lakipcore``).

``lakip score [FILE]`` prints the Dashboard Performance and YoY tables of a report file, or of the
shipped Banten 2019 example when no FILE is given. Exit status: 0 on success, 2 when the input
cannot be used (the message names the file and the field).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from lakipcore.errors import LakipError
from lakipcore.reportfile import EXAMPLE_NAME, load_example, load_report
from lakipcore.rounding import Rounding
from lakipcore.scoring import PRESETS, score_report

__all__ = ["main"]

EXIT_OK = 0
EXIT_UNUSABLE_INPUT = 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="lakip",
        description="Score and audit Indonesian performance-accountability reports (LAKIP).",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    score = commands.add_parser(
        "score",
        help="print the Dashboard Performance and YoY tables of a report",
        description=(
            "Score a report file and print its Dashboard Performance and YoY tables in the "
            f"report's number format. Without FILE, scores the shipped example ({EXAMPLE_NAME})."
        ),
    )
    score.add_argument("file", nargs="?", metavar="FILE", help="a report file (docs/format.md)")
    score.add_argument(
        "--format", choices=("text", "json"), default="text", help="output format (default text)"
    )
    presets = ", ".join(PRESETS)
    score.add_argument(
        "--method",
        metavar="NAME",
        help=f"method for the reporting year (default: the file's; presets: {presets})",
    )
    score.add_argument(
        "--previous-method", metavar="NAME", help="method for the previous year (default: the file's)"
    )
    score.add_argument(
        "--places", type=int, default=2, help="decimal places shown for percentages (default 2)"
    )
    score.add_argument(
        "--rounding",
        choices=[mode.value for mode in Rounding],
        default=Rounding.HALF_UP.value,
        help="rounding of shown figures (default half-up)",
    )
    return parser


def _score(args: argparse.Namespace) -> int:
    report = load_report(args.file) if args.file else load_example()
    scored = score_report(report, args.method, args.previous_method)
    rounding = Rounding(args.rounding)
    if args.format == "json":
        import json

        from lakipcore.scoring.export import score_to_dict

        data = score_to_dict(scored, places=args.places, rounding=rounding)
        data["office"] = report.office
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    else:
        from lakipcore.cli.tables import render_score

        sys.stdout.write(render_score(report, scored, places=args.places, rounding=rounding))
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default ``sys.argv[1:]``); return the exit status."""
    args = _parser().parse_args(argv)
    try:
        return _score(args)
    except LakipError as error:
        sys.stderr.write(f"lakip: {error}\n")
        return EXIT_UNUSABLE_INPUT
    except OSError as error:
        sys.stderr.write(f"lakip: {error}\n")
        return EXIT_UNUSABLE_INPUT
