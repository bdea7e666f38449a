"""``--limit NAME=N``: the input limits (:class:`lakipcore.Limits`) of a command."""

from __future__ import annotations

import argparse

import attrs

from lakipcore.i18n import M_
from lakipcore.limits import DEFAULT_LIMITS, Limits

__all__ = ["add_limit_option", "limits_of"]

# The option's names for the fields of Limits: each field, with dashes.
_NAMES = {field.name.replace("_", "-"): field.name for field in attrs.fields(Limits)}


def add_limit_option(command: argparse.ArgumentParser) -> None:
    """Add ``--limit NAME=N`` (repeatable) to ``command``."""
    command.add_argument(
        "--limit",
        metavar="NAME=N",
        action="append",
        type=_limit,
        default=[],
        help=(
            M_(
                "raise (or lower) a limit on the input, repeatable: {join} "
                "(defaults 32 MiB, 16, 100.000, 1.000.000, 100; "
                "docs/guarantees.md), e.g. --limit file-bytes=100000000 for a "
                "national file",
                join=", ".join(_NAMES),
            ).render()
        ),
    )


def _limit(text: str) -> tuple[str, int]:
    name, _, value = text.partition("=")
    if name not in _NAMES:
        raise argparse.ArgumentTypeError(
            f"unknown limit {name!r}; expected NAME=N with NAME one of {', '.join(_NAMES)}"
        )
    if not value.isascii() or not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"{name} must be a whole number from 1, got {value!r}")
    return _NAMES[name], int(value)


def limits_of(args: argparse.Namespace) -> Limits:
    """The input limits of a command: the defaults, changed by its ``--limit`` options."""
    chosen = dict(getattr(args, "limit", None) or [])
    return attrs.evolve(DEFAULT_LIMITS, **chosen) if chosen else DEFAULT_LIMITS
