"""Derived figures: a value a report computes with a named formula of the catalogue and prints.

A budget-performance table prints nilai efisiensi (NE) and the nilai kinerja anggaran (NKA);
a prose paragraph prints "peningkatan 44,44 %". Neither is a capaian, but each follows from
other figures by a named formula (docs/catalogue.md). A :class:`DerivedFigure` records which
formula, its inputs (figures, lists of figures, or references to earlier derived figures of
the same unit and period, written ``@key``) and its parameters, and what the report printed,
so that the audit recomputes the printed value like any other.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from types import MappingProxyType
from typing import Any, TypeAlias

import attrs

from lakipcore._display import Short
from lakipcore.errors import InvalidValueError, LakipTypeError
from lakipcore.figures import Figure
from lakipcore.i18n import M_
from lakipcore.model.codes import check_code
from lakipcore.model.origin import Origin
from lakipcore.model.printed import PrintedFigures, Quantity, printed_figures

__all__ = ["DerivedFigure", "DerivedInput", "Reference", "check_derived"]


@attrs.frozen(repr=False)
class Reference(Short):
    """An input that is another derived figure of the same unit and period (``@key``)."""

    key: str

    def __str__(self) -> str:
        return f"@{self.key}"


DerivedInput: TypeAlias = "Decimal | Figure | Reference | tuple[DerivedInput, ...]"
"""An input of a derived figure: a number, a figure as printed (a file keeps its unit, note,
currency and percent sign, so that it is written back as it was read), a reference, or a list
of inputs (rows)."""


def _check_input(value: object, field: str) -> None:
    if isinstance(value, Decimal | Figure | Reference):
        return
    if isinstance(value, tuple):
        for index, item in enumerate(value):
            _check_input(item, f"{field}[{index}]")
        return
    raise LakipTypeError(
        M_(
            "expected a Decimal, a Figure, a Reference or a tuple of them, got {type}",
            type=type(value).__name__,
        ),
        field=field,
    )


def _inputs(value: Mapping[str, Any]) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise LakipTypeError(
            M_("expected a mapping of inputs, got {value}", value=repr(value)), field="inputs"
        )
    for name, item in value.items():
        _check_input(item, f"inputs.{name}")
    return MappingProxyType(dict(value))


def _parameters(value: Mapping[str, Any]) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise LakipTypeError(
            M_("expected a mapping of parameters, got {value}", value=repr(value)),
            field="parameters",
        )
    return MappingProxyType(dict(value))


def _key(_instance: object, _attribute: object, value: Any) -> None:
    check_code(value, "derived figure", field="key")


def _formula(_instance: object, _attribute: object, value: Any) -> None:
    if not isinstance(value, str) or not value:
        raise LakipTypeError(
            M_("expected a formula name, got {value}", value=repr(value)), field="formula"
        )


def _printed(items: Iterable[Any]) -> PrintedFigures:
    figures = printed_figures(items)
    for index, figure in enumerate(figures):
        if figure.quantity is not Quantity.VALUE:
            raise InvalidValueError(
                M_(
                    "a derived figure prints its value, not {value}",
                    value=repr(figure.quantity.value),
                ),
                field=f"printed[{index}]",
            )
    return figures


@attrs.frozen(repr=False)
class DerivedFigure(Short):
    """A figure computed by ``formula`` (a name of the catalogue) from ``inputs`` under
    ``parameters``, as printed in ``printed`` (quantity ``value``)."""

    key: str = attrs.field(validator=_key)
    formula: str = attrs.field(validator=_formula)
    inputs: Mapping[str, Any] = attrs.field(converter=_inputs, hash=False)
    parameters: Mapping[str, Any] = attrs.field(
        factory=lambda: MappingProxyType({}), converter=_parameters, hash=False
    )
    printed: PrintedFigures = attrs.field(default=(), converter=_printed)
    origin: Origin | None = attrs.field(default=None, eq=False, repr=False)

    def references(self) -> list[str]:
        """The keys of the derived figures this one takes as inputs, in input order."""
        found: list[str] = []

        def walk(value: object) -> None:
            if isinstance(value, Reference):
                found.append(value.key)
            elif isinstance(value, tuple):
                for item in value:
                    walk(item)

        for value in self.inputs.values():
            walk(value)
        return found


def check_derived(items: tuple[DerivedFigure, ...]) -> None:
    """Keys unique, and every reference to a derived figure listed before it."""
    seen: set[str] = set()
    for index, item in enumerate(items):
        if not isinstance(item, DerivedFigure):
            raise LakipTypeError(
                M_("expected a DerivedFigure, got {type}", type=type(item).__name__),
                field=f"derived[{index}]",
            )
        if item.key in seen:
            raise InvalidValueError(
                M_("duplicate derived figure {key}", key=repr(item.key)),
                field=f"derived[{index}].key",
            )
        for key in item.references():
            if key not in seen:
                raise InvalidValueError(
                    M_(
                        "@{key} is not a derived figure listed before {key2}",
                        key=key,
                        key2=repr(item.key),
                    ),
                    field=f"derived[{index}].inputs",
                )
        seen.add(item.key)
