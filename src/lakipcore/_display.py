"""How the model and the results show themselves, without importing a renderer.

A class whose ``repr`` is one line (every value a notebook user meets: the report and its parts,
the scores, the changes, the methods) inherits :class:`Short`; one that a notebook also shows as
a table (a report, its scores, the audit's findings, an assessment) inherits :class:`Displayed`;
one with a natural table (an assessment, the scores) inherits :class:`Tabular`, the Arrow
PyCapsule stream interface, so that ``pyarrow.table(value)`` and ``polars.DataFrame(value)`` read
it directly. The one-line ``repr``, the HTML and Markdown tables and the Arrow tables are written
by the display layer (:mod:`lakipcore.render.reprs`, :mod:`lakipcore.render.notebook`,
:mod:`lakipcore.render.arrow`), loaded by name the first time a value is shown: the display
layer depends on the classes it shows, the classes only on this protocol, so the model and the
results import no renderer (docs/architecture.md). The module costs nothing until something is
displayed.
"""

from __future__ import annotations

import importlib
from types import ModuleType
from typing import Final

__all__ = ["ARROW_MODULE", "DISPLAY_MODULE", "REPR_MODULE", "Displayed", "Short", "Tabular"]

REPR_MODULE: Final = "lakipcore.render.reprs"
"""The module with ``short(value)``, the one-line ``repr`` of every class that inherits
:class:`Short`."""

DISPLAY_MODULE: Final = "lakipcore.render.notebook"
"""The module with ``html(value)`` and ``markdown(value)`` (and ``short``) for every class that
inherits :class:`Displayed`."""

ARROW_MODULE: Final = "lakipcore.render.arrow"
"""The module with ``arrow_c_stream(value, requested_schema)`` for every class that inherits
:class:`Tabular`."""


def _module(name: str) -> ModuleType:
    return importlib.import_module(name)


class Short:
    """A one-line ``repr`` of at most 200 characters, written by the display layer.

    attrs would print the whole tree of a report, a unit or a change (tens of kilobytes); this
    shows what the value is and its main figures. Equality is attrs' own, unchanged.
    """

    __slots__ = ()

    def __repr__(self) -> str:
        text: str = _module(REPR_MODULE).short(self)
        return text


class Displayed(Short):
    """A one-line ``repr`` and notebook tables, written by the display layer."""

    __slots__ = ()

    def _repr_html_(self) -> str:
        """The value as an HTML table, for notebooks."""
        text: str = _module(DISPLAY_MODULE).html(self)
        return text

    def _repr_markdown_(self) -> str:
        """The value as a Markdown table, for notebooks."""
        text: str = _module(DISPLAY_MODULE).markdown(self)
        return text


class Tabular:
    """The Arrow PyCapsule stream interface: the value's natural table, read by any Arrow
    consumer (``pyarrow.table(value)``, ``polars.DataFrame(value)``, DuckDB).

    The table is made by :mod:`lakipcore.render.arrow` with pyarrow, the ``lakipcore[arrow]``
    extra; without it, an error names the extra.
    """

    __slots__ = ()

    def __arrow_c_stream__(self, requested_schema: object | None = None) -> object:
        """The value's table as an ``ArrowArrayStream`` PyCapsule; ``requested_schema`` (a
        schema capsule) asks for another schema, which pyarrow casts to where it can."""
        stream: object = _module(ARROW_MODULE).arrow_c_stream(self, requested_schema)
        return stream
