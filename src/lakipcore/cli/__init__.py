"""The ``lakip`` command line (also ``python -m lakipcore``).

``lakip score [FILE]`` prints the Dashboard Performance table of a report file's main period and
a table for each change between periods, or those of the shipped Banten 2019 example when no
FILE is given. ``lakip audit [FILE]`` recomputes every printed figure and lists the findings.
``lakip migrate FILE`` rewrites a schema 1 file as schema 2. ``lakip convert`` and ``lakip
grade`` do survey arithmetic.
``lakip report [FILE] -o report.html`` writes the report as one self-contained HTML page.
Exit status: 0 on success (for ``audit``: no errors found), 1 when
``audit`` found errors, 2 when the input cannot be used (the message names the file and field).
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import io
import os
import sys
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from lakipcore.cli.batch import add_options as add_batch_options
from lakipcore.cli.batch import is_batch, run_audit, run_score
from lakipcore.cli.limits import add_limit_option, limits_of
from lakipcore.errors import LakipError, UnknownNameError
from lakipcore.formats.toml import EXAMPLE_NAME, load_example, load_report
from lakipcore.i18n import M_, T_, language, speaking
from lakipcore.methods import PRESETS
from lakipcore.model import Report
from lakipcore.rounding import Rounding
from lakipcore.scoring import MethodChoice
from lakipcore.scoring.choice import on_command_line

if TYPE_CHECKING:
    from lakipcore.results.assessment import Assessment

__all__ = ["main"]

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_UNUSABLE_INPUT = 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="lakip",
        description=T_("Score and audit Indonesian performance-accountability reports (LAKIP)."),
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"%(prog)s {_version()}",
        help=T_("print the version"),
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    score = commands.add_parser(
        "score",
        help=T_("print the Dashboard Performance and YoY tables of a report"),
        description=(
            M_(
                "Score a report file and print its Dashboard Performance and YoY "
                "tables in the report's number format. Without FILE, scores the "
                "shipped example ({example_name}).",
                example_name=EXAMPLE_NAME,
            ).render()
        ),
    )
    _common(score)
    score.add_argument(
        "--places",
        type=_places,
        default=2,
        help=T_("decimal places shown for percentages (default 2)"),
    )
    score.add_argument(
        "--rounding",
        choices=[mode.value for mode in Rounding],
        default=Rounding.HALF_UP.value,
        help=T_("rounding of shown figures (default half-up)"),
    )
    score.add_argument(
        "--tables",
        type=_tables,
        default=None,
        metavar="NAME[,NAME...]",
        help=(
            T_(
                "text tables to print, of dashboard, indicators, changes "
                "(default all three; for several files, the roll-up's "
                "dashboard,changes; ignored with --format json, which carries "
                "every figure)"
            )
        ),
    )
    add_batch_options(score, rollup=True)
    audit = commands.add_parser(
        "audit",
        help=T_("recompute every printed figure and list the inconsistencies"),
        description=(
            M_(
                "Recompute every figure a report file records as printed and "
                "list all findings, grouped by unit. Exit status 0 when there "
                "are no errors, 1 when there are, 2 when the input cannot be "
                "used. Without FILE, audits the shipped example ({example_name}).",
                example_name=EXAMPLE_NAME,
            ).render()
        ),
    )
    _common(audit)
    add_batch_options(audit, rollup=False)
    migrate = commands.add_parser(
        "migrate",
        help=T_("rewrite a report file in the current schema"),
        description=(
            T_(
                "Read a report file of any supported schema (1 or 2) and print "
                "it, or write it to -o FILE, in the current schema. Nothing is "
                "lost: the result loads to the same report."
            )
        ),
    )
    migrate.add_argument("file", metavar="FILE", help=T_("a report file (docs/format.md)"))
    migrate.add_argument("-o", "--output", metavar="OUT", help=T_("write here instead of stdout"))
    import importlib

    for name in _COMMAND_MODULES:
        importlib.import_module(name).add_commands(commands)
    # --lang before or after the command: `lakip --lang en audit` and `lakip audit --lang en`.
    for each in (parser, *commands.choices.values()):
        each.add_argument(
            "--lang",
            metavar="LANG",
            default=None if each is parser else argparse.SUPPRESS,
            help=T_(
                "language of what is printed: id (Bahasa Indonesia, the default) or en; "
                "LAKIP_LANG sets it too"
            ),
        )
        _speak_argparse(each)
    return parser


class _Formatter(argparse.HelpFormatter):
    """argparse's help in the language in force: its own words ("usage: ") are not in
    lakipcore's catalogue otherwise (argparse's translations are Python's, and none is
    Indonesian)."""

    def add_usage(
        self,
        usage: str | None,
        actions: Iterable[argparse.Action],
        groups: Iterable[argparse._MutuallyExclusiveGroup],
        prefix: str | None = None,
    ) -> None:
        super().add_usage(usage, actions, groups, T_("usage: ") if prefix is None else prefix)


def _speak_argparse(parser: argparse.ArgumentParser) -> None:
    """argparse's own words of ``parser`` (section titles, the help option) in the language in
    force."""
    parser.formatter_class = _Formatter
    parser._positionals.title = T_("positional arguments")
    parser._optionals.title = T_("options")
    for action in parser._actions:
        if isinstance(action, argparse._HelpAction):
            action.help = T_("show this help message and exit")


# Modules that register further subcommands. Each has ``add_commands(commands)``, which adds its
# parsers with ``set_defaults(run=function)``; ``main`` calls ``args.run(args)``. They must stay
# light to import: heavy libraries are imported inside the run functions.
_COMMAND_MODULES = (
    "lakipcore.cli.methods",
    "lakipcore.cli.surveys",
    "lakipcore.cli.report",
    "lakipcore.cli.workbook",
    "lakipcore.cli.schema",
    "lakipcore.cli.lke",
    "lakipcore.cli.monitor",
)


def _places(text: str) -> int:
    places = int(text)
    if places < 0:
        raise argparse.ArgumentTypeError(f"must be 0 or more, got {places}")
    return places


def _tables(text: str) -> tuple[str, ...]:
    from lakipcore.render.text import TABLES, parse_tables

    try:
        return parse_tables(text)
    except LakipError:
        raise argparse.ArgumentTypeError(
            f"expected names of {', '.join(TABLES)} separated by commas, got {text!r}"
        ) from None


def _common(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "file",
        nargs="*",
        metavar="PATH",
        help=(
            T_(
                "a report file (docs/format.md) or workbook; several, a "
                "directory or a glob score each and roll them up (docs/cli.md, "
                "Many reports at once)"
            )
        ),
    )
    command.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help=T_("output format (default text)"),
    )
    presets = ", ".join(PRESETS)
    command.add_argument(
        "--method",
        metavar="[PERIOD=]NAME",
        action="append",
        default=[],
        help=(
            M_(
                "scoring method for every period, or for one period as "
                "PERIOD=NAME (repeatable); default: the file's, else the "
                "aggregation its printed office row shows, else "
                "pooled-indicators/total-amounts. Presets: {presets}; or a "
                "method the file defines (lakip methods FILE lists them)",
                presets=presets,
            ).render()
        ),
    )
    add_limit_option(command)


def _methods(options: list[str], report: Report) -> MethodChoice:
    """The --method options as one method or a mapping by period; errors name the option.

    A name may be a preset, an alias or a method the report file defines, so the names are
    checked against the loaded report."""
    chosen: dict[str, str] = {}
    single: str | None = None
    for option in options:
        key, _, name = option.rpartition("=")
        try:
            report.method(name)
        except LakipError as error:
            raise error.relocated(field="--method") from None
        if key:
            chosen[key] = name
        else:
            single = name
    if single is not None and chosen:
        raise UnknownNameError(
            M_("give --method NAME for every period, or PERIOD=NAME options, not both"),
            field="--method",
        )
    return single if single is not None else (chosen or None)


@contextlib.contextmanager
def loading() -> Iterator[None]:
    """Load with the cyclic garbage collector paused, then freeze what was loaded.

    A loaded report is millions of objects that live until the command ends and hold no
    garbage; the collector would walk all of them again and again while they are built and
    while they are scored (measured on a 5.000-unit file: 28 % of loading). The command line
    owns its process, so it may do this; the library never touches the collector. :func:`main`
    unfreezes at its end, so a caller running it in-process gets its collector back.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


def _load(args: argparse.Namespace) -> tuple[Report, str]:
    if isinstance(args.file, list):  # nargs="*": one FILE, or none for the example
        args.file = args.file[0] if args.file else None
    # Outputs name the file by its own name, not the directory it was typed with.
    args.source = Path(args.file).name if args.file else EXAMPLE_NAME
    from lakipcore.formats import load_any  # a report file, or a workbook by suffix

    with loading():
        report = load_any(args.file, limits_of(args)) if args.file else load_example()
    # The file may define methods, so the --method names are checked once it is loaded.
    args.methods = _methods(args.method, report)
    if isinstance(args.methods, dict):
        for key in args.methods:
            try:
                report.period(key)
            except KeyError:
                known = ", ".join(p.key for p in report.periods)
                raise UnknownNameError(
                    M_(
                        "--method names period {key}; the report has {known}",
                        key=repr(key),
                        known=known,
                    ),
                    field="--method",
                ) from None
    return report, args.source


def _audit(args: argparse.Namespace) -> int:
    import json

    from lakipcore.assessment import assess
    from lakipcore.render.text import render_findings
    from lakipcore.results.findings import findings_to_dict

    if is_batch(args.file):
        return run_audit(args)
    report, source = _load(args)
    assessment = assess(report, method=args.methods, source=source)
    findings = assessment.audit_findings("lakip audit")
    if args.format == "json":
        data = findings_to_dict(findings, source=source)
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(render_findings(assessment))
    return EXIT_FINDINGS if findings.errors else EXIT_OK


def _score(args: argparse.Namespace) -> int:
    if is_batch(args.file):
        return run_score(args)
    report, source = _load(args)
    assessment = scores_of(report, args.methods, source)
    rounding = Rounding(args.rounding)
    if args.format == "json":
        import json

        from lakipcore.render.json import score_to_dict

        data = score_to_dict(assessment, places=args.places, rounding=rounding)
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    else:
        from lakipcore.render.text import DEFAULT_TABLES, render_score_text

        tables = DEFAULT_TABLES if args.tables is None else args.tables
        text = render_score_text(assessment, places=args.places, rounding=rounding, tables=tables)
        sys.stdout.write(text)
    return EXIT_OK


def scores_of(report: Report, methods: MethodChoice, source: str | None) -> Assessment:
    """The assessment ``lakip score`` prints: the scores alone (no audit), and an indicator
    that cannot be scored is an error of the input (exit 2), as it always was."""
    from lakipcore.assessment import assess

    try:
        assessment = assess(report, method=methods, source=source, audit=False)
        if assessment.problems:
            raise assessment.problems[0].error
    except LakipError as error:  # in a batch too: --method, not Python's method=
        raise on_command_line(error) from None
    return assessment


def _migrate(args: argparse.Namespace) -> int:
    from lakipcore.formats.toml import dump_report

    args.source = str(args.file)
    text = dump_report(load_report(args.file))
    if args.output:
        from pathlib import Path

        Path(args.output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return EXIT_OK


def _version() -> str:
    from lakipcore import __version__

    return __version__


def _check_command(parser: argparse.ArgumentParser, argv: Sequence[str]) -> None:
    """Refuse an unknown command with the closest known one (``lakip scor``: did you mean
    'score'?), as argparse itself does only from Python 3.14."""
    import difflib

    # The first word that is neither an option nor the value of `--lang X` before the command.
    words = [a for i, a in enumerate(argv) if not (i and argv[i - 1] == "--lang")]
    first = next((a for a in words if not a.startswith("-")), None)
    commands = next(a.choices for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    if first is not None and first not in commands:
        close = difflib.get_close_matches(first, list(commands), n=1)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        parser.error(f"unknown command {first!r}{hint} (commands: {', '.join(commands)})")


def _asked_language(arguments: Sequence[str]) -> str | None:
    """The value of ``--lang`` among ``arguments`` (``--lang en`` or ``--lang=en``), read
    before the parser is built so that its help is in that language."""
    for index, argument in enumerate(arguments):
        if argument == "--lang" and index + 1 < len(arguments):
            return arguments[index + 1]
        if argument.startswith("--lang="):
            return argument.partition("=")[2]
    return None


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default ``sys.argv[1:]``); return the exit status.
    Bare ``lakip`` prints the help. Everything it prints, its help included, is in the language
    of ``--lang``, else ``LAKIP_LANG``, else Indonesian. When the reader of the output goes
    away (``lakip score DIR | head``), it stops quietly."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    try:
        lang: str | None = language(_asked_language(arguments))
        refused = None
    except LakipError as error:  # --lang, or LAKIP_LANG, names no language lakipcore speaks
        lang, refused = None, error
    with speaking(lang if refused is None else "id"):
        parser = _parser()
        if refused is not None:
            parser.error(str(refused))
        _check_command(parser, arguments)
        args = parser.parse_args(arguments)
        if args.command is None:
            parser.print_help()
            return EXIT_OK
        try:
            return _run(args)
        except BrokenPipeError:
            # The pipe's reader closed it: nothing more can be written, and Python would print
            # a second error when it flushes stdout at exit. Point stdout at /dev/null instead.
            with contextlib.suppress(OSError, ValueError, io.UnsupportedOperation):
                devnull = os.open(os.devnull, os.O_WRONLY)
                os.dup2(devnull, sys.stdout.fileno())
            return EXIT_FINDINGS
        finally:
            gc.unfreeze()  # what loading() froze


def _run(args: argparse.Namespace) -> int:
    try:
        if args.command == "migrate":
            return _migrate(args)
        run = getattr(args, "run", None)
        if run is not None:
            return int(run(args))
        return _audit(args) if args.command == "audit" else _score(args)
    except LakipError as error:
        # Scoring errors know the unit and indicator, not the file: add it; and an error
        # about the method choice names --method, not Python's method=.
        located = on_command_line(error).located(source=getattr(args, "source", None))
        sys.stderr.write(f"lakip: {located}\n")
        if getattr(args, "format", None) == "json":  # a backend parses stdout: JSON there too
            import json

            data = {"schema": "lakipcore.error/1", **located.to_dict()}
            sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        return EXIT_UNUSABLE_INPUT
    except RecursionError:
        sys.stderr.write("lakip: the input nests too deeply\n")
        return EXIT_UNUSABLE_INPUT
