"""``lakip lke score|audit|gap|report|export|template|designs``: the SAKIP evaluation worksheet
from the command line.

``lakip lke score [FILE ...]`` scores worksheets, TOML files or workbooks (the shipped worked
example without FILE); several files are scored and ranked, as an Inspektorat evaluating every
UPT. ``audit`` lists the findings (exit 1 when there are errors), ``gap`` what it takes to
reach the next predikat, ``report`` writes the HTML page, ``export`` the workbook, ``template``
an empty workbook of a design, ``designs`` lists the shipped designs. Every computed predikat
is printed as a simulation.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from lakipcore.i18n import T_
from lakipcore.rounding import Rounding

if TYPE_CHECKING:
    from lakipcore.lke import Evaluation, Worksheet

__all__ = ["add_commands"]

_EXIT_FINDINGS = 1


def add_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``lke`` and its subcommands to the ``lakip`` parser."""
    lke = commands.add_parser(
        "lke",
        help=T_("score and audit a SAKIP evaluation worksheet (LKE) and show the next predikat"),
        description=T_(
            "The SAKIP evaluation worksheet (LKE, PermenPAN-RB 88/2021 and older designs): "
            "score it exactly, audit its answers and printed figures, and show what it takes "
            "to reach the next predikat (docs/evaluation.md). Every computed predikat is a "
            "simulation, not the official result."
        ),
    )
    actions = lke.add_subparsers(dest="lke_command", metavar="ACTION")
    score = actions.add_parser(
        "score",
        help=T_("score worksheets; several files are ranked"),
        description=T_(
            "Score worksheet files (the shipped worked example without FILE). Several files "
            "are scored and ranked by their exact total."
        ),
    )
    _files(score)
    _options(score)
    score.set_defaults(run=_score)
    audit = actions.add_parser(
        "audit",
        help=T_("list the findings of worksheets (exit 1 on errors)"),
        description=T_(
            "Audit worksheet files: unanswered criteria, breaches of the design's consistency "
            "rules (kerangka logis), answers their evidence does not give, and the printed "
            "total, components and predikat recomputed. Exit status 1 when there are errors."
        ),
    )
    _files(audit)
    _options(audit)
    audit.set_defaults(run=_audit)
    gap = actions.add_parser(
        "gap",
        help=T_("what it takes to reach the next predikat"),
        description=T_(
            "The answers whose improvement gains most, the fewest steps to the next "
            "predikat (exact, enumerated), and how the predikat moves with the "
            "unanswered-criterion policy."
        ),
    )
    _files(gap)
    _options(gap)
    gap.set_defaults(run=_gap)
    report = actions.add_parser(
        "report",
        help=T_("write an evaluation as one self-contained HTML page"),
        description=T_(
            "Write the evaluation of a worksheet as one HTML page: the predikat (a "
            "simulation), a bar per component, the gap to the next predikat, the layers' "
            "differences and the findings marked. No network, no script."
        ),
    )
    _files(report)
    _options(report)
    report.add_argument("-o", "--output", metavar="OUT", help=T_("write here instead of stdout"))
    report.set_defaults(run=_report)
    export = actions.add_parser(
        "export",
        help=T_("write a worksheet, its scores and findings as an Excel workbook"),
        description=T_(
            "Write a worksheet as the workbook evaluators keep (one row per criterion, a "
            "column per score layer), with its scores and findings; lakip lke score reads it "
            "back."
        ),
    )
    _files(export)
    _options(export)
    export.add_argument("-o", "--output", metavar="OUT", required=True, help=T_("the .xlsx file"))
    export.set_defaults(run=_export)
    template = actions.add_parser(
        "template",
        help=T_("write an empty worksheet of a design to fill in (Excel)"),
        description=T_(
            "Write an empty worksheet of a shipped design as an Excel workbook, each answer "
            "cell limited to the criterion's answers."
        ),
    )
    template.add_argument(
        "design", metavar="DESIGN", help=T_("a shipped design (lakip lke designs)")
    )
    template.add_argument("-o", "--output", metavar="OUT", required=True, help=T_("the .xlsx file"))
    template.add_argument("--unit", default="", help=T_("the unit's code"))
    template.add_argument("--name", default="", help=T_("the unit's name"))
    template.add_argument("--year", type=int, default=None, help=T_("the year evaluated"))
    template.add_argument(
        "--layers", default=None, metavar="A,B", help=T_("the score layers (default: the design's)")
    )
    template.set_defaults(run=_template)
    listing = actions.add_parser(
        "designs",
        help=T_("list the shipped worksheet designs"),
        description=T_("List the shipped worksheet designs with their sources."),
    )
    listing.add_argument("--format", choices=["text", "json"], default="text")
    listing.set_defaults(run=_designs)
    for parser in (
        score,
        audit,
        gap,
        report,
        export,
        template,
        listing,
    ):  # `lke` gets --lang from the main parser
        parser.add_argument("--lang", metavar="LANG", default=argparse.SUPPRESS)
    lke.set_defaults(run=lambda _args: _help(lke))


def _help(parser: argparse.ArgumentParser) -> int:
    parser.print_help()
    return 0


def _files(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "files",
        metavar="FILE",
        nargs="*",
        help=T_("worksheet files (docs/evaluation.md); the shipped worked example without one"),
    )
    parser.add_argument(
        "--design-file",
        metavar="DESIGN",
        help=T_(
            "the design file of workbooks filled on a design of one's own (a TOML worksheet "
            "names its own)"
        ),
    )


def _options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--layer", metavar="LAYER", help=T_("the score layer shown (default: the last answered)")
    )
    parser.add_argument(
        "--policy",
        choices=["error", "zero", "renormalise"],
        help=T_("what an unanswered criterion counts for (default: the design's policy)"),
    )
    parser.add_argument(
        "--highest",
        metavar="ANSWER",
        help=T_("the best answer the steps to the next predikat may use (e.g. BB)"),
    )
    parser.add_argument("--places", type=int, default=2, help=T_("decimal places shown"))
    parser.add_argument(
        "--rounding",
        choices=[mode.value for mode in Rounding],
        default=Rounding.HALF_UP.value,
        help=T_("rounding of shown figures (default half-up)"),
    )
    parser.add_argument("--format", choices=["text", "json"], default="text")


def _worksheets(files: Sequence[str], design_file: str | None = None) -> list[Worksheet]:
    """The worksheets of ``files``: TOML files, or workbooks (``.xlsx``, ``.xlsm``) in the
    layout ``lakip lke template`` writes, read on ``design_file`` when given (a workbook names
    its design, and only a shipped one is found by name); the shipped worked example without
    one."""
    from lakipcore.lke import example_worksheet, load_design, load_worksheet

    if not files:
        return [example_worksheet()]
    design = None if design_file is None else load_design(Path(design_file))
    found = []
    for file in files:
        if Path(file).suffix.lower() in {".xlsx", ".xlsm"}:
            from lakipcore.lke.workbook import read_workbook

            found.append(read_workbook(Path(file), design=design))
        else:
            found.append(load_worksheet(Path(file)))
    return found


def _evaluations(args: argparse.Namespace) -> list[Evaluation]:
    from lakipcore.lke import UnansweredPolicy, evaluate, evaluate_many

    policy = None if args.policy is None else UnansweredPolicy.from_name(args.policy)
    worksheets = _worksheets(args.files, args.design_file)
    if len(worksheets) == 1:
        return [evaluate(worksheets[0], layer=args.layer, policy=policy, highest=args.highest)]
    return list(evaluate_many(worksheets, layer=args.layer, policy=policy, highest=args.highest))


def _write_json(data: object) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def _score(args: argparse.Namespace) -> int:
    from lakipcore.lke.render import (
        evaluation_text,
        evaluation_to_dict,
        ranking_text,
        ranking_to_dict,
    )

    evaluations = _evaluations(args)
    rounding = Rounding.from_name(args.rounding)
    if len(evaluations) > 1:
        if args.format == "json":
            _write_json(ranking_to_dict(evaluations, places=args.places, rounding=rounding))
        else:
            sys.stdout.write(
                ranking_text(evaluations, places=args.places, rounding=rounding) + "\n"
            )
        return 0
    (evaluation,) = evaluations
    if args.format == "json":
        _write_json(evaluation_to_dict(evaluation, places=args.places, rounding=rounding))
    else:
        sys.stdout.write(evaluation_text(evaluation, places=args.places, rounding=rounding) + "\n")
    return 0


def _audit(args: argparse.Namespace) -> int:
    from lakipcore.results.findings import findings_to_dict

    evaluations = _evaluations(args)
    errors = False
    documents = []
    for evaluation in evaluations:
        findings = evaluation.findings
        errors = errors or bool(findings.errors)
        if args.format == "json":
            documents.append(findings_to_dict(findings, source=evaluation.worksheet.source))
            continue
        name = evaluation.worksheet.source or evaluation.worksheet.unit
        sys.stdout.write(f"{name}: {findings.counted()}\n")
        if findings:
            sys.stdout.write(str(findings) + "\n")
    if args.format == "json":
        _write_json(documents[0] if len(documents) == 1 else documents)
    return _EXIT_FINDINGS if errors else 0


def _gap(args: argparse.Namespace) -> int:
    from lakipcore.lke.render import evaluation_to_dict, gap_text

    rounding = Rounding.from_name(args.rounding)
    evaluations = _evaluations(args)
    for evaluation in evaluations:
        if args.format == "json":
            data = evaluation_to_dict(evaluation, places=args.places, rounding=rounding)
            _write_json(
                {key: data[key] for key in ("unit", "layer", "next", "best_steps", "policies")}
            )
        else:
            sys.stdout.write(gap_text(evaluation, places=args.places, rounding=rounding) + "\n")
    return 0


def _one(args: argparse.Namespace, command: str) -> Evaluation:
    evaluations = _evaluations(args)
    if len(evaluations) != 1:
        from lakipcore.errors import InvalidValueError
        from lakipcore.i18n import M_

        raise InvalidValueError(
            M_(
                "lakip lke {command} takes one worksheet, got {count}",
                command=command,
                count=len(evaluations),
            ),
            field="FILE",
        )
    return evaluations[0]


def _report(args: argparse.Namespace) -> int:
    from lakipcore.lke.page import evaluation_page

    page = evaluation_page(
        _one(args, "report"), places=args.places, rounding=Rounding.from_name(args.rounding)
    )
    if args.output:
        Path(args.output).write_text(page, encoding="utf-8")
    else:
        sys.stdout.write(page)
    return 0


def _export(args: argparse.Namespace) -> int:
    from lakipcore.lke.workbook import write_workbook

    write_workbook(
        _one(args, "export"),
        Path(args.output),
        places=args.places,
        rounding=Rounding.from_name(args.rounding),
    )
    return 0


def _template(args: argparse.Namespace) -> int:
    from lakipcore.lke import get_design
    from lakipcore.lke.workbook import write_template

    layers = None if args.layers is None else [x.strip() for x in args.layers.split(",")]
    write_template(
        get_design(args.design),
        Path(args.output),
        unit=args.unit,
        name=args.name,
        year=args.year,
        layers=layers,
    )
    return 0


def _designs(args: argparse.Namespace) -> int:
    from lakipcore.lke import designs

    shipped = designs()
    if args.format == "json":
        _write_json(
            [
                {
                    "name": d.name,
                    "title": d.title,
                    "version": d.version,
                    "source": d.source,
                    "components": len(d.components),
                    "criteria": len(d.criteria),
                    "rules": len(d.rules),
                    "unverified": list(d.unverified),
                }
                for d in shipped.values()
            ]
        )
        return 0
    components, criteria, rules = T_("components"), T_("criteria"), T_("consistency rules")
    for design in shipped.values():
        sys.stdout.write(
            f"{design.name}: {design.title} — {len(design.components)} {components}, "
            f"{len(design.criteria)} {criteria}, {len(design.rules)} {rules}\n"
        )
    return 0
