"""Budgets: a programme with its outputs, or a rate printed without its amounts."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

import attrs

from lakipcore._exact import ZERO, total
from lakipcore.errors import InvalidValueError
from lakipcore.figures import figure_value
from lakipcore.model._members import members
from lakipcore.model.codes import check_code
from lakipcore.model.origin import Origin
from lakipcore.model.printed import PrintedFigures, printed_figures

__all__ = ["Budget", "BudgetLine", "BudgetOutput", "ReportedAbsorption"]


def _amount(value: object, field_name: str) -> Decimal:
    amount = figure_value(value, field=field_name)
    if amount < ZERO:
        raise InvalidValueError(
            f"{field_name} must not be negative, got {amount}", field=field_name
        )
    return amount


def _pagu(value: object) -> Decimal:
    return _amount(value, "pagu")


def _realisation(value: object) -> Decimal:
    return _amount(value, "realisation")


def _rate(value: object) -> Decimal:
    return _amount(value, "absorption")


def _code(_instance: object, _attribute: object, value: Any) -> None:
    check_code(value, "output")


@attrs.frozen
class BudgetOutput:
    """One output (keluaran) of a programme: its pagu and realisasi in Rupiah.

    Realisasi above pagu is allowed here (it happens); the audit reports it.
    """

    name: str
    pagu: Decimal = attrs.field(converter=_pagu)
    realisation: Decimal = attrs.field(converter=_realisation)
    code: str | None = attrs.field(default=None, validator=attrs.validators.optional(_code))
    printed: PrintedFigures = attrs.field(default=(), converter=printed_figures)
    origin: Origin | None = attrs.field(default=None, eq=False, repr=False)


def _outputs(items: Iterable[BudgetOutput]) -> tuple[BudgetOutput, ...]:
    return members(BudgetOutput, "outputs")(items)


@attrs.frozen
class BudgetLine:
    """A unit's budget programme for a period, with all its outputs.

    The programme's pagu and realisasi are the sums of its outputs; what the report prints for the
    programme row is kept in :attr:`printed` and compared with those sums.
    """

    programme: str
    outputs: tuple[BudgetOutput, ...] = attrs.field(converter=_outputs)
    printed: PrintedFigures = attrs.field(default=(), converter=printed_figures)
    origin: Origin | None = attrs.field(default=None, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        if not self.outputs:
            raise InvalidValueError(
                f"programme {self.programme!r} needs at least one output", field="outputs"
            )
        seen: set[str] = set()
        for index, output in enumerate(self.outputs):
            if output.code is not None:
                if output.code in seen:
                    raise InvalidValueError(
                        f"duplicate output code {output.code!r}", field=f"outputs[{index}].code"
                    )
                seen.add(output.code)

    @property
    def pagu(self) -> Decimal:
        """Σ pagu of the outputs."""
        return total(o.pagu for o in self.outputs)

    @property
    def realisation(self) -> Decimal:
        """Σ realisasi of the outputs."""
        return total(o.realisation for o in self.outputs)


@attrs.frozen
class ReportedAbsorption:
    """A budget known only as a printed absorption rate, without pagu or realisasi.

    The 2018 comparatives of the Banten report are like this. lakipcore never invents amounts for
    it: a method that sums amounts refuses a year holding one.
    """

    rate: Decimal = attrs.field(converter=_rate)
    printed: PrintedFigures = attrs.field(default=(), converter=printed_figures)
    origin: Origin | None = attrs.field(default=None, eq=False, repr=False)


Budget = BudgetLine | ReportedAbsorption
"""A unit's budget for a period."""
