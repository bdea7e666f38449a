"""``lakip schema report|score|audit|error``: print a JSON Schema lakipcore ships."""

from __future__ import annotations

import argparse
import sys

from lakipcore.i18n import T_

__all__ = ["add_commands"]


def add_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``schema`` to the subcommands."""
    from lakipcore.schemas import SCHEMA_NAMES

    schema = commands.add_parser(
        "schema",
        help=T_("print the JSON Schema of the report file, the score JSON or the audit JSON"),
        description=(
            T_(
                "Print a JSON Schema (draft 2020-12): 'report' for the report "
                "file format (docs/format.md), 'score' for lakip score --format "
                "json (docs/json.md), 'audit' for lakip audit --format json "
                "(docs/audit.md), 'lke-score' for lakip lke score --format json "
                "(docs/evaluation.md), 'monitoring' for lakip monitor --format json "
                "(docs/monitoring.md)."
            )
        ),
    )
    schema.add_argument(
        "name",
        choices=SCHEMA_NAMES,
        metavar="NAME",
        help=T_("report, score, audit, error, lke-score or monitoring"),
    )
    schema.set_defaults(run=_run)


def _run(args: argparse.Namespace) -> int:
    from lakipcore.schemas import schema_text

    sys.stdout.write(schema_text(args.name))
    return 0
