"""``lakip methods [FILE]``: the scoring methods a report can name, and what each does."""

from __future__ import annotations

import argparse
import sys

from lakipcore.i18n import T_

__all__ = ["add_commands", "describe", "run_methods"]


def add_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register ``methods`` on the ``lakip`` parser."""
    methods = commands.add_parser(
        "methods",
        help=T_("list the scoring methods (presets, aliases, a file's own) and their parts"),
        description=(
            T_(
                "List the preset scoring methods, their older names (aliases) "
                "and, with FILE, the methods the report file defines, each with "
                "its parts in the words --method and [methods.NAME] use."
            )
        ),
    )
    methods.add_argument("file", nargs="?", metavar="FILE", help=T_("a report file (optional)"))
    methods.set_defaults(run=run_methods)


def describe(method: object) -> list[str]:
    """The parts of a method, one ``part: value`` line each, in the file's words."""
    from lakipcore.figures import format_number
    from lakipcore.methods import ScoringMethod

    assert isinstance(method, ScoringMethod)
    weights = method.weights
    return [
        f"achievement: {method.achievement.value}",
        f"absorption: {method.absorption.value}",
        f"lower-is-better: {method.lower_is_better.value}",
        f"cap: {format_number(method.cap) + '%' if method.cap is not None else 'none'}",
        f"zero-target: {method.zero_target.value}",
        f"rounding: {method.rounding.value}",
        f"absorption-base: {method.absorption_base.value}",
        f"weights: achievement {format_number(weights.achievement)}, "
        f"absorption {format_number(weights.absorption)}",
    ]


def run_methods(args: argparse.Namespace) -> int:
    """Print every method with its description and parts."""
    from lakipcore.methods import ALIASES, PRESETS, get_method

    out: list[str] = []
    if args.file:
        from lakipcore.formats import load_any

        args.source = str(args.file)
        report = load_any(args.file)
        out.append(
            f"Methods defined in {args.file}:"
            if report.methods
            else f"{args.file} defines no methods."
        )
        for method in report.methods:
            out += _entry(method.name, method.description, describe(method))
        used = {p.key: p.method for p in report.periods}
        out.append("Periods: " + "; ".join(f"{k} {m or '(none named)'}" for k, m in used.items()))
        out.append("")
    out.append("Presets:")
    for name, method in PRESETS.items():
        out += _entry(name, method.description, describe(method))
    out.append("Aliases (older names, still accepted; results keep the alias as the name):")
    for alias, preset in ALIASES.items():
        out.append(f"  {alias} = {preset}: {get_method(alias).description}")
    sys.stdout.write("\n".join(out) + "\n")
    return 0


def _entry(name: str, description: str, parts: list[str]) -> list[str]:
    lines = [f"  {name}"]
    if description:
        lines.append(f"    {description}")
    lines += [f"    {part}" for part in parts]
    return lines
