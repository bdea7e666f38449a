"""Rules: how a number follows from an evidence table (:mod:`lakipcore.model.evidence`).

A :class:`Rule` counts a table's rows, sums columns or averages scores on a common scale,
optionally over the rows meeting :class:`Condition` s; or it combines two such rules, as the
ratio of two counts in percent ("perkara diselesaikan" = selesai / masuk × 100) or the relative
change between two periods' counts ("penurunan temuan", (a − b) / a × 100), each operand
possibly over another period's evidence. A rule is checked on its own here; whether its table
and columns exist is checked against the tables (:func:`lakipcore.model.evidence.check_rule`).
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from lakipcore._display import Short
from lakipcore._names import NamedEnum
from lakipcore._text import text_field
from lakipcore.errors import InvalidValueError
from lakipcore.i18n import M_
from lakipcore.model.origin import Origin

__all__ = ["Comparison", "Condition", "Direction", "Rule", "RuleOp"]


def _names(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(items)


def _conditions(items: Iterable[Condition]) -> tuple[Condition, ...]:
    return tuple(items)


class Comparison(NamedEnum):
    """A comparison in a condition."""

    __what__ = "comparison"

    EQ = "="
    NE = "!="
    GE = ">="
    GT = ">"
    LE = "<="
    LT = "<"


@attrs.frozen(repr=False)
class Condition(Short):
    """``column op value``: text columns compare by equality, numeric ones by value.

    ``value`` is printed text read like the column's cells (``"75%"`` for a percent column).
    """

    column: str
    op: Comparison
    value: str = attrs.field(validator=text_field("value"))


class RuleOp(NamedEnum):
    """What a rule computes."""

    __what__ = "rule"

    ROWS = "rows"
    """The number of rows (meeting the conditions)."""
    SUM = "sum"
    """The sum of the given columns over the rows; nil cells count as zero."""
    MEAN = "mean"
    """The mean of the given cells; scores are first converted to the rule's scale."""
    RATIO = "ratio"
    """The first operand over the second, in percent: ``of / to × 100``."""
    CHANGE = "change"
    """The relative change from the first operand to the second, in percent, signed by the
    rule's :class:`Direction`."""

    @property
    def combines(self) -> bool:
        """Whether the rule combines two operand rules (a ratio or a change)."""
        return self in (RuleOp.RATIO, RuleOp.CHANGE)


class Direction(NamedEnum):
    """Which way a change rule counts as positive: ``(b − a) / a`` or ``(a − b) / a``."""

    __what__ = "direction"

    RISE = "rise"
    """A rise is positive: ``(to − from) / from × 100`` ("persentase kenaikan")."""
    FALL = "fall"
    """A fall is positive: ``(from − to) / from × 100`` ("persentase penurunan")."""


def _operands(items: Iterable[Rule]) -> tuple[Rule, ...]:
    return tuple(items)


@attrs.frozen(repr=False)
class Rule(Short):
    """A number computed from an evidence table of the same unit (and, by default, period).

    ``columns`` are needed by SUM and MEAN (several columns: every cell of each); ``where``
    selects rows (all conditions must hold); ``scale`` is the scale a MEAN converts scores to
    (required when any column is a score). ``period`` names another period whose evidence
    the rule reads (an operand of a change between periods). ``origin`` is where the rule was
    read from.

    RATIO and CHANGE combine two ``operands``, each a ROWS, SUM or MEAN rule, and have no
    table, columns, conditions or scale of their own (``table`` is empty): RATIO is
    ``operands[0] / operands[1] × 100``; CHANGE from ``operands[0]`` (a) to ``operands[1]``
    (b) is ``(b − a) / a × 100`` for the ``direction`` RISE and ``(a − b) / a × 100`` for FALL.
    :meth:`ratio` and :meth:`change` build them.
    """

    op: RuleOp
    table: str
    columns: tuple[str, ...] = attrs.field(default=(), converter=_names)
    where: tuple[Condition, ...] = attrs.field(default=(), converter=_conditions)
    scale: str | None = None
    origin: Origin | None = attrs.field(default=None, eq=False, repr=False)
    operands: tuple[Rule, ...] = attrs.field(default=(), converter=_operands, kw_only=True)
    direction: Direction | None = attrs.field(default=None, kw_only=True)
    period: str | None = attrs.field(default=None, kw_only=True)

    def __attrs_post_init__(self) -> None:
        if self.op.combines:
            self._check_combined()
            return
        if self.operands or self.direction is not None:
            raise InvalidValueError(
                M_(
                    "a {value} rule has no operands or direction; those belong to a ratio "
                    "or change rule",
                    value=self.op.value,
                ),
                field="operands" if self.operands else "direction",
            )
        if self.period is not None and (not isinstance(self.period, str) or not self.period):
            raise InvalidValueError(
                M_("expected a period key, got {period}", period=repr(self.period)),
                field="period",
            )
        if self.op is RuleOp.ROWS and self.columns:
            raise InvalidValueError(M_("a rows rule takes no columns"), field="columns")
        if self.op is not RuleOp.ROWS and not self.columns:
            raise InvalidValueError(
                M_("a {value} rule needs columns", value=self.op.value), field="columns"
            )

    def _check_combined(self) -> None:
        """A ratio or change: two plain operands, nothing of its own but a change's direction."""
        own = [
            name
            for name, present in (
                ("table", bool(self.table)),
                ("columns", bool(self.columns)),
                ("where", bool(self.where)),
                ("scale", self.scale is not None),
                ("period", self.period is not None),
            )
            if present
        ]
        if own:
            raise InvalidValueError(
                M_(
                    "a {value} rule has no {name} of its own; give it to its operands",
                    value=self.op.value,
                    name=own[0],
                ),
                field=own[0],
            )
        if len(self.operands) != 2 or not all(isinstance(r, Rule) for r in self.operands):
            raise InvalidValueError(
                M_("a {value} rule combines exactly two rules", value=self.op.value),
                field="operands",
            )
        for index, operand in enumerate(self.operands):
            if operand.op.combines:
                raise InvalidValueError(
                    M_(
                        "the operands of a {value} rule are rows, sum or mean rules, "
                        "not {value2} rules",
                        value=self.op.value,
                        value2=operand.op.value,
                    ),
                    field=f"operands[{index}]",
                )
        if self.op is RuleOp.CHANGE and not isinstance(self.direction, Direction):
            raise InvalidValueError(
                M_(
                    'a change rule needs its direction: "rise" ((to − from) / from) or '
                    '"fall" ((from − to) / from)'
                ),
                field="direction",
            )
        if self.op is RuleOp.RATIO and self.direction is not None:
            raise InvalidValueError(
                M_("a ratio rule has no direction; only a change has one"), field="direction"
            )

    @classmethod
    def ratio(cls, of: Rule, to: Rule, *, origin: Origin | None = None) -> Rule:
        """The rule ``of / to × 100`` (in percent)."""
        return cls(RuleOp.RATIO, "", origin=origin, operands=(of, to))

    @classmethod
    def change(
        cls, start: Rule, end: Rule, direction: Direction, *, origin: Origin | None = None
    ) -> Rule:
        """The relative change from ``start`` to ``end`` in percent, positive as
        ``direction`` says."""
        return cls(RuleOp.CHANGE, "", origin=origin, operands=(start, end), direction=direction)

    def describe(self) -> str:
        """The rule in a few words, for messages: ``sum of peserta in pembinaan-perancang``."""
        if self.op.combines:
            first, second = (f"({r.describe()})" for r in self.operands)
            if self.op is RuleOp.RATIO:
                return f"ratio of {first} to {second}"
            assert self.direction is not None, "checked at construction"
            return f"{self.direction.value} from {first} to {second}"
        what = {
            RuleOp.ROWS: "rows",
            RuleOp.SUM: "sum of " + " + ".join(self.columns),
            RuleOp.MEAN: "mean of " + ", ".join(self.columns),
        }[self.op]
        text = f"{what} in {self.table}"
        if self.period is not None:
            text += f" of {self.period}"
        if self.where:
            text += " where " + " and ".join(
                f"{c.column} {c.op.value} {c.value}" for c in self.where
            )
        if self.scale:
            text += f" on {self.scale}"
        return text
