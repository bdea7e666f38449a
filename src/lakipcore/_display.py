"""How the model and the results show themselves in a notebook, without importing a renderer.

A class a notebook shows (a report, its scores, the audit's findings, an assessment) inherits
:class:`Displayed`. Its short ``repr`` and its HTML and Markdown tables are written by the
display layer, :mod:`lakipcore.render.notebook`, which is loaded by name the first time a value
is shown: the display layer depends on the classes it shows, the classes only on this protocol,
so the model and the results import no renderer (docs/architecture.md). The module costs
nothing until something is displayed.
"""

from __future__ import annotations

import importlib
from types import ModuleType
from typing import Final

__all__ = ["DISPLAY_MODULE", "Displayed"]

DISPLAY_MODULE: Final = "lakipcore.render.notebook"
"""The module with ``short(value)``, ``html(value)`` and ``markdown(value)`` for every class
that inherits :class:`Displayed`."""


def _display() -> ModuleType:
    return importlib.import_module(DISPLAY_MODULE)


class Displayed:
    """A short ``repr`` and notebook tables, written by the display layer.

    attrs would print the whole tree of a report or a score (tens of kilobytes); these show a
    line, and a table in Jupyter (``_repr_html_``) or any Markdown front end.
    """

    __slots__ = ()

    def __repr__(self) -> str:
        text: str = _display().short(self)
        return text

    def _repr_html_(self) -> str:
        """The value as an HTML table, for notebooks."""
        text: str = _display().html(self)
        return text

    def _repr_markdown_(self) -> str:
        """The value as a Markdown table, for notebooks."""
        text: str = _display().markdown(self)
        return text
