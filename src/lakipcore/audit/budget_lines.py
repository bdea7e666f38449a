"""The audit's sums over budget lines: an output's own pagu awal and RPD, a programme planned
only, and the subtotals per type of spending a programme prints (docs/audit.md).

Scoring knows a programme's totals; what a report prints for one output's pagu awal, for a
programme without realisation yet, or for the belanja pegawai subtotal is recomputed here from
the outputs, exactly, and compared like any printed figure.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from decimal import Decimal

from lakipcore._exact import total
from lakipcore.methods.formulas import defined_absorption
from lakipcore.model import (
    BudgetLine,
    BudgetOutput,
    PlannedBudget,
    PlannedOutput,
    PrintedFigure,
    Quantity,
)
from lakipcore.results.findings import Subject

__all__ = ["Item", "line_figure", "planned_items", "subtotal_items"]

_Outputs = Sequence[BudgetOutput | PlannedOutput]
Item = tuple[PrintedFigure, Subject, str, Decimal | None]
"""A printed figure, what it is printed for, its period and its exact value (a Recomputed's
first fields: the audit's recompute module makes one of each)."""


def _sum(values: Sequence[Decimal | None]) -> Decimal | None:
    """Σ of ``values``, or ``None`` when one is unknown (never a sum of the known ones)."""
    known = [v for v in values if v is not None]
    return total(known) if len(known) == len(values) else None


def _rate(base: Decimal | None, realised: Decimal | None) -> Decimal | None:
    return None if base is None or realised is None else defined_absorption(base, realised)


def line_figure(quantity: Quantity, outputs: _Outputs) -> Decimal | None:
    """The exact value of ``quantity`` over ``outputs`` (one output, a type's outputs, a
    programme's): Σ pagu, Σ realisasi, Σ pagu awal, Σ RPD, or realisasi against one of them.
    ``None`` where an output lacks the figure (no pagu awal stated, no realisation yet)."""
    pagu = total(o.pagu for o in outputs)
    realised = _sum([o.realisation if isinstance(o, BudgetOutput) else None for o in outputs])
    original = _sum([o.original for o in outputs])
    plan = _sum([o.plan for o in outputs])
    figures = {
        Quantity.PAGU: pagu,
        Quantity.REALISATION: realised,
        Quantity.ABSORPTION: _rate(pagu, realised),
        Quantity.PAGU_ORIGINAL: original,
        Quantity.ABSORPTION_ORIGINAL: _rate(original, realised),
        Quantity.PLAN: plan,
        Quantity.ABSORPTION_PLAN: _rate(plan, realised),
    }
    return figures.get(quantity)


def subtotal_items(unit: str, budget: BudgetLine | PlannedBudget, period: str) -> Iterator[Item]:
    """Each printed figure of the programme's subtotals with its sum over the outputs of the
    subtotal's type (every output has a type when subtotals are printed: the model checks)."""
    outputs: _Outputs = budget.outputs
    for subtotal in budget.subtotals:
        members = [o for o in outputs if o.type is subtotal.type]
        subject = Subject(unit, f"subtotal {subtotal.type.value}")
        for printed in subtotal.printed:
            yield printed, subject, period, line_figure(printed.quantity, members)


def planned_items(unit: str, budget: PlannedBudget, period: str) -> Iterator[Item]:
    """Each printed figure of a programme planned only (pagu, pagu awal, RPD: the loader
    refuses a printed realisation or rate on it), of its outputs and its subtotals."""
    stated = {Quantity.PAGU_ORIGINAL: budget.original, Quantity.PLAN: budget.plan}
    for printed in budget.printed:
        exact = stated.get(printed.quantity)
        if exact is None:  # not stated for the programme: the sum over its outputs
            exact = line_figure(printed.quantity, budget.outputs)
        yield printed, Subject(unit, "programme"), period, exact
    for output in budget.outputs:
        subject = Subject(unit, f"output {output.code or output.name}")
        for printed in output.printed:
            yield printed, subject, period, line_figure(printed.quantity, [output])
    yield from subtotal_items(unit, budget, period)
