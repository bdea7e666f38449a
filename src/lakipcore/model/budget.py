"""Budgets: a programme with its outputs, a programme planned only, or a rate printed alone.

A programme may state how its pagu came about: the pagu awal (the first DIPA) and the
revisions since (penghematan and blokir take away, tambahan adds), which must lead to the pagu
its outputs hold; and its disbursement plan (RPD) to the end of the period, against which
absorption is also measured. Each output may state the same of its own pagu, and its type of
spending (belanja pegawai, barang, modal, ...), so that subtotals per type can be checked.

A programme whose outputs have a pagu and no realisation yet (a planned period, or realisation
not yet known) is a :class:`PlannedBudget`: it has no absorption, never a zero one.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

import attrs

from lakipcore._display import Short
from lakipcore._exact import HUNDRED, ZERO, add, div, mul, sub, total
from lakipcore._names import NamedEnum, enum_field
from lakipcore._text import text_field
from lakipcore.errors import InvalidValueError
from lakipcore.figures import figure_value
from lakipcore.i18n import M_
from lakipcore.model._members import members
from lakipcore.model.codes import check_code
from lakipcore.model.origin import Origin
from lakipcore.model.printed import PrintedFigures, printed_figures

__all__ = [
    "Budget",
    "BudgetLine",
    "BudgetOutput",
    "PlannedBudget",
    "PlannedOutput",
    "ReportedAbsorption",
    "Revision",
    "RevisionKind",
    "SpendingType",
    "Subtotal",
]


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


class SpendingType(NamedEnum):
    """The type of spending (jenis belanja) an output or budget line is, as reports subtotal it."""

    __what__ = "spending type"

    PEGAWAI = "pegawai"
    """Belanja pegawai (personnel)."""
    BARANG = "barang"
    """Belanja barang (goods and services)."""
    MODAL = "modal"
    """Belanja modal (capital)."""
    BANSOS = "bansos"
    """Belanja bantuan sosial (social assistance)."""
    LAINNYA = "lainnya"
    """Any other type (belanja lain-lain, hibah, subsidi, ...)."""


def _revision_amount(value: object) -> Decimal:
    return _amount(value, "amount")


@attrs.frozen(repr=False)
class Revision(Short):
    """One revision of a pagu: its kind and amount (in Rupiah, not negative)."""

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


def _optional_type(_instance: object, attribute: Any, value: object) -> None:
    if value is not None:
        enum_field(SpendingType, "type")(_instance, attribute, value)


def _check_revisions(
    original: Decimal | None, revisions: tuple[Revision, ...], pagu: Decimal, *, output: bool
) -> None:
    """The pagu awal with its revisions, in order, must come to ``pagu`` without going below
    zero on the way (the pagu of the programme's outputs, or of the one output)."""
    if not revisions:
        return
    if original is None:
        raise InvalidValueError(
            M_("revisions need the pagu awal they start from (original)"), field="original"
        )
    running = original
    for index, revision in enumerate(revisions):
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
    if running == pagu:
        return
    if output:
        message = M_(
            "the pagu awal {original} with its revisions gives {running}, "
            "but the output's pagu is {pagu}",
            original=original,
            running=running,
            pagu=pagu,
        )
    else:
        message = M_(
            "the pagu awal {original} with its revisions gives {running}, "
            "but the outputs' pagu sum to {pagu}",
            original=original,
            running=running,
            pagu=pagu,
        )
    raise InvalidValueError(message, field="revisions")


def planned_amount(pagu: Decimal, percent: Decimal) -> Decimal:
    """The RPD amount a plan printed as a percent of ``pagu`` stands for: pagu × percent / 100,
    exactly (dividing by 100 only moves the decimal point)."""
    return div(mul(pagu, percent), HUNDRED)


def _settle_plan(item: Any, pagu: Decimal) -> None:
    """Give ``item.plan`` the amount of a plan stated as a percent (``plan_percent``), or
    check the amount stated beside it (``attrs.evolve`` passes both back)."""
    percent: Decimal | None = item.plan_percent
    if percent is None:
        return
    amount = planned_amount(pagu, percent)
    if item.plan is None:
        object.__setattr__(item, "plan", amount)  # frozen: set once, while initialising
    elif item.plan != amount:
        raise InvalidValueError(
            M_(
                "the RPD {plan} is not {percent}% of the pagu {pagu} ({amount})",
                plan=item.plan,
                percent=percent,
                pagu=pagu,
                amount=amount,
            ),
            field="plan",
        )


def _percent(value: object) -> Decimal | None:
    if value is None:
        return None
    percent = _amount(value, "plan")
    if percent > HUNDRED:
        raise InvalidValueError(
            M_("an RPD of {percent}% is more than the whole pagu", percent=percent), field="plan"
        )
    return percent


@attrs.frozen(repr=False)
class BudgetOutput(Short):
    """One output (keluaran) of a programme: its pagu and realisasi in Rupiah.

    Realisasi above pagu is allowed here (it happens); the audit reports it. Like a programme,
    an output may state its pagu awal (``original``) and ``revisions``, which must lead to its
    pagu, and its RPD (``plan``: an amount, or ``plan_percent`` of its pagu); and its ``type``
    of spending.
    """

    name: str = attrs.field(validator=text_field("name"))
    pagu: Decimal = attrs.field(converter=_pagu)
    realisation: Decimal = attrs.field(converter=_realisation)
    code: str | None = attrs.field(default=None, validator=attrs.validators.optional(_code))
    printed: PrintedFigures = attrs.field(default=(), converter=printed_figures)
    origin: Origin | None = attrs.field(default=None, eq=False, repr=False)
    type: SpendingType | None = attrs.field(default=None, validator=_optional_type, kw_only=True)
    """The type of spending, when the report says it (subtotals per type need it)."""
    original: Decimal | None = attrs.field(default=None, converter=_original, kw_only=True)
    """The output's pagu awal, when the report states it."""
    revisions: tuple[Revision, ...] = attrs.field(default=(), converter=_revisions, kw_only=True)
    """The revisions of the output's pagu awal to its pagu."""
    plan: Decimal | None = attrs.field(default=None, converter=_plan, kw_only=True)
    """The output's RPD to the end of the period (computed from ``plan_percent`` if given)."""
    plan_percent: Decimal | None = attrs.field(default=None, converter=_percent, kw_only=True)
    """The RPD as the report states it when it gives a percent of the pagu (``45`` for 45 %)."""

    def __attrs_post_init__(self) -> None:
        _check_revisions(self.original, self.revisions, self.pagu, output=True)
        _settle_plan(self, self.pagu)


@attrs.frozen(repr=False)
class PlannedOutput(Short):
    """An output of a planned programme: a pagu, and no realisation yet (not a zero one)."""

    name: str = attrs.field(validator=text_field("name"))
    pagu: Decimal = attrs.field(converter=_pagu)
    code: str | None = attrs.field(default=None, validator=attrs.validators.optional(_code))
    printed: PrintedFigures = attrs.field(default=(), converter=printed_figures)
    origin: Origin | None = attrs.field(default=None, eq=False, repr=False)
    type: SpendingType | None = attrs.field(default=None, validator=_optional_type, kw_only=True)
    """The type of spending, when the report says it."""
    original: Decimal | None = attrs.field(default=None, converter=_original, kw_only=True)
    """The output's pagu awal, when the report states it."""
    revisions: tuple[Revision, ...] = attrs.field(default=(), converter=_revisions, kw_only=True)
    """The revisions of the output's pagu awal to its pagu."""
    plan: Decimal | None = attrs.field(default=None, converter=_plan, kw_only=True)
    """The output's RPD (computed from ``plan_percent`` if given)."""
    plan_percent: Decimal | None = attrs.field(default=None, converter=_percent, kw_only=True)
    """The RPD as a percent of the pagu, when the report states it so."""

    def __attrs_post_init__(self) -> None:
        _check_revisions(self.original, self.revisions, self.pagu, output=True)
        _settle_plan(self, self.pagu)


@attrs.frozen(repr=False)
class Subtotal(Short):
    """The figures a report prints for one type of spending of a programme (the subtotal row of
    belanja pegawai, say); the audit compares them with the sums over the outputs of that type."""

    type: SpendingType = attrs.field(validator=enum_field(SpendingType, "type"))
    printed: PrintedFigures = attrs.field(default=(), converter=printed_figures)
    origin: Origin | None = attrs.field(default=None, eq=False, repr=False)


def _subtotals(items: Iterable[Subtotal]) -> tuple[Subtotal, ...]:
    return members(Subtotal, "subtotals")(items)


def _check_programme(
    programme: str,
    outputs: Sequence[BudgetOutput | PlannedOutput],
    subtotals: tuple[Subtotal, ...],
) -> None:
    """At least one output, output codes unique, and subtotals by types every output has."""
    if not outputs:
        raise InvalidValueError(
            M_("programme {programme} needs at least one output", programme=repr(programme)),
            field="outputs",
        )
    seen: set[str] = set()
    for index, output in enumerate(outputs):
        if output.code is not None:
            if output.code in seen:
                raise InvalidValueError(
                    M_("duplicate output code {code}", code=repr(output.code)),
                    field=f"outputs[{index}].code",
                )
            seen.add(output.code)
    if not subtotals:
        return
    for index, output in enumerate(outputs):
        if output.type is None:
            # Without it the sum of a type would silently leave the output out.
            raise InvalidValueError(
                M_(
                    "output {name} needs a type: the programme prints subtotals per type",
                    name=repr(output.name),
                ),
                field=f"outputs[{index}].type",
            )
    types: set[SpendingType] = set()
    for index, subtotal in enumerate(subtotals):
        if subtotal.type in types:
            raise InvalidValueError(
                M_("duplicate subtotal type {type}", type=repr(subtotal.type.value)),
                field=f"subtotals[{index}].type",
            )
        types.add(subtotal.type)


def _outputs(items: Iterable[BudgetOutput]) -> tuple[BudgetOutput, ...]:
    return members(BudgetOutput, "outputs")(items)


def _planned_outputs(items: Iterable[PlannedOutput]) -> tuple[PlannedOutput, ...]:
    return members(PlannedOutput, "outputs")(items)


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
    plan_percent: Decimal | None = attrs.field(default=None, converter=_percent, kw_only=True)
    """The RPD as a percent of the pagu, when the report states it so."""
    subtotals: tuple[Subtotal, ...] = attrs.field(default=(), converter=_subtotals, kw_only=True)
    """The subtotals per type of spending the report prints."""

    def __attrs_post_init__(self) -> None:
        _check_programme(self.programme, self.outputs, self.subtotals)
        _check_revisions(self.original, self.revisions, self.pagu, output=False)
        _settle_plan(self, self.pagu)

    @property
    def pagu(self) -> Decimal:
        """Σ pagu of the outputs."""
        return total(o.pagu for o in self.outputs)

    @property
    def realisation(self) -> Decimal:
        """Σ realisasi of the outputs."""
        return total(o.realisation for o in self.outputs)


@attrs.frozen(repr=False)
class PlannedBudget(Short):
    """A programme with its pagu and no realisation yet: a planned period, or one whose
    realisation the report does not know yet. It has no absorption (``rate`` is ``None``, so
    scoring leaves the unit's absorption absent, never zero)."""

    programme: str = attrs.field(validator=text_field("programme"))
    outputs: tuple[PlannedOutput, ...] = attrs.field(converter=_planned_outputs)
    printed: PrintedFigures = attrs.field(default=(), converter=printed_figures)
    origin: Origin | None = attrs.field(default=None, eq=False, repr=False)
    original: Decimal | None = attrs.field(default=None, converter=_original, kw_only=True)
    """The pagu awal, when the report states it."""
    revisions: tuple[Revision, ...] = attrs.field(default=(), converter=_revisions, kw_only=True)
    """The revisions from the pagu awal to the pagu."""
    plan: Decimal | None = attrs.field(default=None, converter=_plan, kw_only=True)
    """The RPD to the end of the period, when the report states it."""
    plan_percent: Decimal | None = attrs.field(default=None, converter=_percent, kw_only=True)
    """The RPD as a percent of the pagu, when the report states it so."""
    subtotals: tuple[Subtotal, ...] = attrs.field(default=(), converter=_subtotals, kw_only=True)
    """The subtotals per type of spending the report prints."""

    def __attrs_post_init__(self) -> None:
        _check_programme(self.programme, self.outputs, self.subtotals)
        _check_revisions(self.original, self.revisions, self.pagu, output=False)
        _settle_plan(self, self.pagu)

    @property
    def pagu(self) -> Decimal:
        """Σ pagu of the outputs."""
        return total(o.pagu for o in self.outputs)

    @property
    def rate(self) -> None:
        """No absorption yet: nothing has been realised to measure against the pagu."""
        return None


@attrs.frozen(repr=False)
class ReportedAbsorption(Short):
    """A budget known only as a printed absorption rate, without pagu or realisasi.

    The 2018 comparatives of the Banten report are like this. lakipcore never invents amounts for
    it: a method that sums amounts refuses a year holding one.
    """

    rate: Decimal = attrs.field(converter=_rate)
    printed: PrintedFigures = attrs.field(default=(), converter=printed_figures)
    origin: Origin | None = attrs.field(default=None, eq=False, repr=False)


Budget = BudgetLine | PlannedBudget | ReportedAbsorption
"""A unit's budget for a period."""
