"""Budgets: a programme with its outputs, or a rate printed without its amounts.

A programme may state how its pagu came about: the pagu awal (the first DIPA) and the
revisions since (penghematan and blokir take away, tambahan adds), which must lead to the pagu
its outputs hold; and its disbursement plan (RPD) to the end of the period, against which
absorption is also measured.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

import attrs

from lakipcore._display import Short
from lakipcore._exact import ZERO, add, sub, total
from lakipcore._names import NamedEnum, enum_field
from lakipcore._text import text_field
from lakipcore.errors import InvalidValueError
from lakipcore.figures import figure_value
from lakipcore.i18n import M_
from lakipcore.model._members import members
from lakipcore.model.codes import check_code
from lakipcore.model.origin import Origin
from lakipcore.model.printed import PrintedFigures, printed_figures

__all__ = ["Budget", "BudgetLine", "BudgetOutput", "ReportedAbsorption", "Revision", "RevisionKind"]


def _amount(value: object, field_name: str) -> Decimal:
    amount = figure_value(value, field=field_name)
    if amount < ZERO:
        raise InvalidValueError(
            M_(
                "{field_name} must not be negative, got {amount}",
                field_name=field_name,
                amount=amount,
            ),
            field=field_name,
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


@attrs.frozen(repr=False)
class BudgetOutput(Short):
    """One output (keluaran) of a programme: its pagu and realisasi in Rupiah.

    Realisasi above pagu is allowed here (it happens); the audit reports it.
    """

    name: str = attrs.field(validator=text_field("name"))
    pagu: Decimal = attrs.field(converter=_pagu)
    realisation: Decimal = attrs.field(converter=_realisation)
    code: str | None = attrs.field(default=None, validator=attrs.validators.optional(_code))
    printed: PrintedFigures = attrs.field(default=(), converter=printed_figures)
    origin: Origin | None = attrs.field(default=None, eq=False, repr=False)


def _outputs(items: Iterable[BudgetOutput]) -> tuple[BudgetOutput, ...]:
    return members(BudgetOutput, "outputs")(items)


class RevisionKind(NamedEnum):
    """How a revision of the DIPA changes a programme's pagu."""

    __what__ = "revision kind"

    PENGHEMATAN = "penghematan"
    """A saving imposed on the budget (self-blocking, refocusing): taken from the pagu."""
    BLOKIR = "blokir"
    """An amount blocked (frozen): not available to spend, so taken from the pagu."""
    TAMBAHAN = "tambahan"
    """An addition to the pagu."""

    @property
    def adds(self) -> bool:
        """Whether the revision adds to the pagu (else it takes away)."""
        return self is RevisionKind.TAMBAHAN


def _revision_amount(value: object) -> Decimal:
    return _amount(value, "amount")


@attrs.frozen(repr=False)
class Revision(Short):
    """One revision of a programme's pagu: its kind and amount (in Rupiah, not negative)."""

    kind: RevisionKind = attrs.field(validator=enum_field(RevisionKind, "kind"))
    amount: Decimal = attrs.field(converter=_revision_amount)
    note: str | None = attrs.field(default=None, validator=text_field("note", optional=True))
    origin: Origin | None = attrs.field(default=None, eq=False, repr=False)


def _revisions(items: Iterable[Revision]) -> tuple[Revision, ...]:
    return members(Revision, "revisions")(items)


def _original(value: object) -> Decimal | None:
    return None if value is None else _amount(value, "original")


def _plan(value: object) -> Decimal | None:
    return None if value is None else _amount(value, "plan")


@attrs.frozen(repr=False)
class BudgetLine(Short):
    """A unit's budget programme for a period, with all its outputs.

    The programme's pagu and realisasi are the sums of its outputs; what the report prints for the
    programme row is kept in :attr:`printed` and compared with those sums.
    """

    programme: str = attrs.field(validator=text_field("programme"))
    outputs: tuple[BudgetOutput, ...] = attrs.field(converter=_outputs)
    printed: PrintedFigures = attrs.field(default=(), converter=printed_figures)
    origin: Origin | None = attrs.field(default=None, eq=False, repr=False)
    original: Decimal | None = attrs.field(default=None, converter=_original, kw_only=True)
    """The pagu awal (the first DIPA), when the report states it."""
    revisions: tuple[Revision, ...] = attrs.field(default=(), converter=_revisions, kw_only=True)
    """The revisions from the pagu awal to the pagu, in the order the report lists them."""
    plan: Decimal | None = attrs.field(default=None, converter=_plan, kw_only=True)
    """The disbursement planned to the end of the period (RPD), when the report states it."""

    def __attrs_post_init__(self) -> None:
        if not self.outputs:
            raise InvalidValueError(
                M_(
                    "programme {programme} needs at least one output",
                    programme=repr(self.programme),
                ),
                field="outputs",
            )
        self._check_revisions()
        seen: set[str] = set()
        for index, output in enumerate(self.outputs):
            if output.code is not None:
                if output.code in seen:
                    raise InvalidValueError(
                        M_("duplicate output code {code}", code=repr(output.code)),
                        field=f"outputs[{index}].code",
                    )
                seen.add(output.code)

    def _check_revisions(self) -> None:
        if not self.revisions:
            return
        if self.original is None:
            raise InvalidValueError(
                M_("revisions need the pagu awal they start from (original)"), field="original"
            )
        running = self.original
        for index, revision in enumerate(self.revisions):
            change = revision.amount
            running = add(running, change) if revision.kind.adds else sub(running, change)
            if running < ZERO:
                raise InvalidValueError(
                    M_(
                        "the {value} of {change} makes the pagu negative ({running})",
                        value=revision.kind.value,
                        change=change,
                        running=running,
                    ),
                    field=f"revisions[{index}].amount",
                )
        if running != self.pagu:
            raise InvalidValueError(
                M_(
                    "the pagu awal {original} with its revisions gives {running}, "
                    "but the outputs' pagu sum to {pagu}",
                    original=self.original,
                    running=running,
                    pagu=self.pagu,
                ),
                field="revisions",
            )

    @property
    def pagu(self) -> Decimal:
        """Σ pagu of the outputs."""
        return total(o.pagu for o in self.outputs)

    @property
    def realisation(self) -> Decimal:
        """Σ realisasi of the outputs."""
        return total(o.realisation for o in self.outputs)


@attrs.frozen(repr=False)
class ReportedAbsorption(Short):
    """A budget known only as a printed absorption rate, without pagu or realisasi.

    The 2018 comparatives of the Banten report are like this. lakipcore never invents amounts for
    it: a method that sums amounts refuses a year holding one.
    """

    rate: Decimal = attrs.field(converter=_rate)
    printed: PrintedFigures = attrs.field(default=(), converter=printed_figures)
    origin: Origin | None = attrs.field(default=None, eq=False, repr=False)


Budget = BudgetLine | ReportedAbsorption
"""A unit's budget for a period."""
