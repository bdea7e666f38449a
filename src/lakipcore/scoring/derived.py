"""Computing a unit-period's derived figures with the formulas of the catalogue."""

from __future__ import annotations

from decimal import Decimal

from lakipcore.errors import InvalidValueError, LakipError
from lakipcore.figures import Figure
from lakipcore.i18n import M_
from lakipcore.methods.catalogue import evaluate
from lakipcore.model.derived import DerivedFigure, Reference
from lakipcore.model.unit import UnitPeriod

__all__ = ["derived_values"]


def derived_values(block: UnitPeriod) -> dict[str, Decimal | LakipError]:
    """Each derived figure of ``block`` by key: its exact value, or the error that keeps it
    from being computed (an input out of range, a reference to one that failed)."""
    values: dict[str, Decimal | LakipError] = {}
    for figure in block.derived:
        try:
            values[figure.key] = _value(figure, values)
        except LakipError as error:
            values[figure.key] = error
    return values


def _value(figure: DerivedFigure, done: dict[str, Decimal | LakipError]) -> Decimal:
    def resolve(value: object) -> object:
        if isinstance(value, Reference):
            found = done[value.key]  # check_derived: listed before, so computed
            if isinstance(found, LakipError):
                raise InvalidValueError(
                    M_(
                        "it needs @{key}, which cannot be computed ({message})",
                        key=value.key,
                        message=found.message,
                    ),
                    field="inputs",
                )
            return found
        if isinstance(value, tuple):
            return tuple(resolve(item) for item in value)
        if isinstance(value, Figure):  # an input as printed: the formulas take its number
            return value.value
        return value

    inputs = {name: resolve(value) for name, value in figure.inputs.items()}
    return evaluate(figure.formula, inputs, figure.parameters)
