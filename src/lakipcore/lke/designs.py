"""The worksheet designs shipped with lakipcore.

Each design is a data file in ``lakipcore/data/lke/`` (``<name>.toml``), read on first use and
kept; each says its source and what of it is unverified. ``lakip lke designs`` lists them.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from types import MappingProxyType

from lakipcore.errors import LakipTypeError, UnknownNameError
from lakipcore.i18n import M_
from lakipcore.lke.design import Design
from lakipcore.lke.design_file import loads_design

__all__ = [
    "DESIGN_NAMES",
    "designs",
    "get_design",
    "shipped_text",
]

_PACKAGE = "lakipcore.data"
_FOLDER = "lke"

DESIGN_NAMES: tuple[str, ...] = (
    "permenpanrb-88-2021",
    "permenpanrb-12-2015",
    "wp-eval-sakip-madiun",
)
"""The names of the shipped designs, the current one first."""


def shipped_text(*parts: str) -> str:
    from importlib import resources  # noqa: PLC0415 - lazily: it pulls in tempfile, shutil, …

    file = resources.files(_PACKAGE).joinpath(_FOLDER)
    for part in parts:
        file = file.joinpath(part)
    return file.read_text(encoding="utf-8")


@functools.cache
def _load(name: str) -> Design:
    return loads_design(shipped_text(f"{name}.toml"), source=f"{name}.toml")


def get_design(design: Design | str) -> Design:
    """The shipped design called ``design`` (``design`` itself when it is a :class:`Design`);
    :class:`~lakipcore.UnknownNameError` listing the shipped designs otherwise."""
    if isinstance(design, Design):
        return design
    if not isinstance(design, str):
        raise LakipTypeError(
            M_("expected a Design or a design name, got {type}", type=type(design).__name__),
            field="design",
        )
    if design not in DESIGN_NAMES:
        raise UnknownNameError(
            M_(
                "unknown worksheet design {name}; shipped designs: {known}",
                name=repr(design),
                known=", ".join(DESIGN_NAMES),
            ),
            field="design",
        )
    return _load(design)


def designs() -> Mapping[str, Design]:
    """Every shipped design by name (read-only)."""
    return MappingProxyType({name: get_design(name) for name in DESIGN_NAMES})
