"""``lakip convert`` and ``lakip grade``: quick survey arithmetic from the command line."""

from __future__ import annotations

import argparse
import sys
from decimal import Decimal

from lakipcore.errors import FigureFormatError
from lakipcore.figures import format_number, parse_figure, parse_number
from lakipcore.i18n import M_, T_
from lakipcore.rounding import Rounding, round_to
from lakipcore.surveys import GRADE_TABLES, SCALES, GradeTable, convert, get_grade_table

__all__ = ["add_commands", "run_convert", "run_grade"]


def add_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register ``convert`` and ``grade`` on the ``lakip`` parser."""
    scales = ", ".join(SCALES)
    conversion = commands.add_parser(
        "convert",
        help=T_("convert a survey score between scales (18,76 on skala-20 → skala-10)"),
        description=M_(
            "Convert a score exactly between scales. Scales: {scales}.", scales=scales
        ).render(),
    )
    conversion.add_argument("value", metavar="VALUE", help=T_("the score as printed, e.g. 18,76"))
    conversion.add_argument("--from", dest="from_scale", required=True, metavar="SCALE")
    conversion.add_argument("--to", dest="to_scale", required=True, metavar="SCALE")
    conversion.add_argument(
        "--places", type=int, default=2, help=T_("decimal places shown (default 2; exact too)")
    )
    conversion.set_defaults(run=run_convert)
    tables = ", ".join(GRADE_TABLES)
    grading = commands.add_parser(
        "grade",
        help=T_("grade a score with a grade table (IKM, IPK, AKIP, Peduli HAM)"),
        description=M_(
            "Grade a score with a preset grade table. Tables: {tables}.", tables=tables
        ).render(),
    )
    grading.add_argument("value", metavar="VALUE", nargs="?", help=T_("the score as printed"))
    grading.add_argument(
        "--table",
        metavar="[FILE:]NAME",
        help=T_(
            "a preset grade table, or FILE:NAME for one a report file (or a "
            "file of grade tables) defines"
        ),
    )
    grading.add_argument(
        "--list", action="store_true", help=T_("list the grade tables with their bands and sources")
    )
    grading.set_defaults(run=run_grade)


def run_convert(args: argparse.Namespace) -> int:
    """Print the converted value, rounded half-up and exact."""
    value = parse_number(args.value, field="VALUE")
    result = convert(value, args.from_scale, args.to_scale)
    shown = format_number(round_to(result, max(args.places, 0), Rounding.HALF_UP))
    sys.stdout.write(
        f"{args.value} on {args.from_scale} = {shown} on {args.to_scale} "
        f"(exact {format(result, 'f')})\n"
    )
    return 0


def _score(text: str) -> Decimal:
    """A score as printed: a number, or a percentage (``90,5%``) for a table of capaian."""
    figure = parse_figure(text, field="VALUE")
    if figure.unit or figure.note or figure.currency:
        raise FigureFormatError(
            M_(
                "{text} should be a number or a percentage, without a unit, note or currency",
                text=repr(text),
            ),
            field="VALUE",
        )
    return figure.value


def _grade_table(option: str) -> GradeTable:
    """``NAME`` (a preset) or ``FILE:NAME`` (a table a report or grades file defines)."""
    path, colon, name = option.rpartition(":")
    if not colon:
        return get_grade_table(option)
    from lakipcore.errors import UnknownNameError
    from lakipcore.formats.toml.loader import load_grade_tables

    tables = load_grade_tables(path)
    if name not in tables:
        known = ", ".join(repr(n) for n in tables) or "none"
        raise UnknownNameError(
            M_(
                "{path} defines no grade table {name}; it defines {known}",
                path=path,
                name=repr(name),
                known=known,
            ),
            field="--table",
        )
    return tables[name]


def run_grade(args: argparse.Namespace) -> int:
    """Print the grade of a score, or list the tables."""
    if args.list or args.value is None:
        for name, table in GRADE_TABLES.items():
            bands = "; ".join(
                f"{band.letter} {format_number(band.lower)}–{format_number(band.upper)}"
                for band in reversed(table.bands)
            )
            sys.stdout.write(f"{name} ({table.scale.name}): {bands}\n  source: {table.source}\n")
        return 0
    if args.table is None:
        sys.stderr.write("lakip grade: give --table NAME (see lakip grade --list)\n")
        return 2
    table = _grade_table(args.table)
    # A table a file prints is held as printed: say what is wrong with it before grading,
    # which refuses a score the defects leave without exactly one grade.
    for defect in table.defects:
        warning = M_("warning: {defect}", defect=defect.text).render()
        sys.stderr.write(f"lakip grade: {warning}\n")
    band = table.grade(_score(args.value))
    label = f" ({band.label})" if band.label else ""
    sys.stdout.write(f"{args.value} on {table.scale.name}: {band.letter}{label} [{table.name}]\n")
    return 0
