"""Targets and realisations (target, realisasi): a value of a kind, with the label, scale and
note printed beside it, and a target's upper end when it is printed as a range."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

import attrs

from lakipcore._display import Short
from lakipcore._exact import ZERO, integral
from lakipcore._names import NamedEnum, enum_field
from lakipcore.errors import InvalidValueError, LakipTypeError
from lakipcore.figures import figure_value
from lakipcore.i18n import M_

__all__ = ["Measure", "MeasureKind", "Realisation", "Target"]


class MeasureKind(NamedEnum):
    """What kind of number a target or realisation is."""

    __what__ = "kind"

    COUNT = "count"
    """A whole number of things (``12 Laporan``, ``136.133`` layanan). Capaian is R/T."""
    PERCENT = "percent"
    """A percentage (``80%``). Capaian is still R/T: 100 % against 80 % is 125 %."""
    INDEX = "index"
    """A score on a scale (``7,1`` on skala 10). Target and realisation share the scale."""
    VALUE = "value"
    """A plain number with no published scale: an index in "poin", a rate, a ratio, a count
    measured as an average (``4,83``). Any decimal, negative too; a ``scale``, where given, is
    only a range check (0 to the scale). Capaian is R/T, like the others."""
    ORDINAL = "ordinal"
    """A predikat (``WTP``, ``BB``): a level of the indicator's ordinal scale, whose value
    capaian is computed with (:class:`~lakipcore.model.ordinal.OrdinalScale`)."""

    @property
    def may_be_negative(self) -> bool:
        """Whether values of this kind may fall below zero: a percentage measured as a change
        (``-2,1%`` growth in 2020) and a plain value may; a count and an index on a scale not."""
        return self in (MeasureKind.PERCENT, MeasureKind.VALUE)


def _to_value(value: object) -> Decimal:
    return figure_value(value, field="value")


# What the figure format can write back: a label of words that start with a letter, and a note
# without parentheses (docs/format.md). Anything else would not survive a round trip.
_UNIT_RE = re.compile(r"[^\W\d_][^\s()]*(?: [^\W\d_][^\s()]*)*")
_NOTE_RE = re.compile(r"[^()\s](?:[^()]*[^()\s])?")


def kind_article(kind: MeasureKind) -> str:
    return f"an {kind.value}" if kind.value[0] in "aeiou" else f"a {kind.value}"


def printable_text(text: str) -> bool:
    return text.isprintable() and "\u200b" not in text and "\ufeff" not in text


def _check_labels(unit: str | None, note: str | None) -> None:
    if unit is not None and (
        not isinstance(unit, str) or not _UNIT_RE.fullmatch(unit) or not printable_text(unit)
    ):
        raise InvalidValueError(
            M_(
                "unit label {unit} must be words starting with a letter, without parentheses",
                unit=repr(unit),
            ),
            field="unit",
        )
    if note is not None and (
        not isinstance(note, str) or not _NOTE_RE.fullmatch(note) or not printable_text(note)
    ):
        raise InvalidValueError(
            M_(
                "note {note} must be non-empty text without parentheses or outer spaces",
                note=repr(note),
            ),
            field="note",
        )


def _boolean(field: str) -> Any:
    def check(_instance: object, _attribute: object, value: object) -> None:
        if not isinstance(value, bool):
            raise LakipTypeError(
                M_("expected True or False, got {value}", value=repr(value)), field=field
            )

    return check


def _optional_decimal(value: object) -> Decimal | None:
    return None if value is None else figure_value(value, field="scale")


def _optional_upper(value: object) -> Decimal | None:
    return None if value is None else figure_value(value, field="upper")


@attrs.frozen(repr=False)
class Measure(Short):
    """A target or a realisation: a value of some :class:`MeasureKind`.

    ``unit`` is the printed label (``Laporan``, ``Pemda``, ``orang``); ``scale`` is the top of the
    scale for an :attr:`~MeasureKind.INDEX` (10 for skala 10), and an optional range check for a
    :attr:`~MeasureKind.VALUE`; ``note`` a printed parenthesis. A percentage or a plain value may
    be negative (:attr:`MeasureKind.may_be_negative`).
    """

    kind: MeasureKind = attrs.field(validator=enum_field(MeasureKind, "kind"))
    value: Decimal = attrs.field(converter=_to_value)
    unit: str | None = None
    scale: Decimal | None = attrs.field(default=None, converter=_optional_decimal)
    note: str | None = None
    ratio: bool = attrs.field(default=False, kw_only=True, validator=_boolean("ratio"))
    """Printed as a ratio ``1:N`` (one doctor per ``N`` inhabitants): ``value`` is N, a plain
    value whose polarity the indicator states."""
    level: str | None = attrs.field(default=None, kw_only=True)
    """The predikat as printed (``WTP``) of an :attr:`~MeasureKind.ORDINAL` measure, whose
    ``value`` is that level's value on the indicator's ordinal scale."""

    _WHAT = "measure"

    def __attrs_post_init__(self) -> None:
        what, kind = self._WHAT, self.kind
        value, scale = self.value, self.scale
        if value < ZERO and not kind.may_be_negative:
            raise InvalidValueError(
                M_("{what} must not be negative, got {value}", what=what, value=value),
                field="value",
            )
        if kind is MeasureKind.INDEX and (scale is None or scale <= ZERO):
            raise InvalidValueError(
                M_(
                    "an index {what} needs a positive scale (the top of its scale, e.g. 10)",
                    what=what,
                ),
                field="scale",
            )
        if scale is not None:
            self._check_scale(what, value, scale)
        if kind is MeasureKind.COUNT and not integral(value):
            raise InvalidValueError(
                M_(
                    "a count {what} must be a whole number, got {value}; if it is a "
                    "score on a scale, make it an index with a scale; if it has no scale, "
                    "make it a plain value (kind value)",
                    what=what,
                    value=value,
                ),
                field="value",
            )
        _check_labels(self.unit, self.note)
        self._check_marks(what, kind, value)

    def _check_marks(self, what: str, kind: MeasureKind, value: Decimal) -> None:
        if self.ratio and (kind is not MeasureKind.VALUE or value <= ZERO):
            raise InvalidValueError(
                M_(
                    "a ratio 1:N is a plain value with N above zero; this {what} is {value}",
                    what=what,
                    value=kind_article(kind),
                ),
                field="ratio",
            )
        ordinal = kind is MeasureKind.ORDINAL
        level = self.level
        if ordinal != (level is not None) or (
            level is not None and (not isinstance(level, str) or not level.strip())
        ):
            raise InvalidValueError(
                M_(
                    "an ordinal {what} has its level (the predikat as printed), and only an "
                    "ordinal one; got {level} for {value}",
                    what=what,
                    level=repr(level),
                    value=kind_article(kind),
                ),
                field="level",
            )
        if ordinal and value <= ZERO:
            raise InvalidValueError(
                M_(
                    "an ordinal {what} is worth more than zero, got {value}",
                    what=what,
                    value=value,
                ),
                field="value",
            )

    def _check_scale(self, what: str, value: Decimal, scale: Decimal) -> None:
        if self.kind not in (MeasureKind.INDEX, MeasureKind.VALUE):
            raise InvalidValueError(
                M_(
                    "only an index or a plain value {what} has a scale; this one is {value}",
                    what=what,
                    value=kind_article(self.kind),
                ),
                field="scale",
            )
        if scale <= ZERO:
            raise InvalidValueError(
                M_("a scale must be positive, got {scale}", scale=scale), field="scale"
            )
        if value < ZERO:  # a plain value on a scale: the scale runs from 0
            raise InvalidValueError(
                M_(
                    "{what} {value} lies below the bottom of its scale (0 to {scale})",
                    what=what,
                    value=value,
                    scale=scale,
                ),
                field="value",
            )
        if value > scale:
            raise InvalidValueError(
                M_(
                    "{what} {value} lies above the top of its scale {scale}",
                    what=what,
                    value=value,
                    scale=scale,
                ),
                field="value",
            )


@attrs.frozen(repr=False)
class Target(Measure):
    """An indicator's target for a period (the fields of :class:`Measure`).

    ``upper`` is the upper end of a target printed as a range (``69,1–69,5``: ``value`` 69,1,
    ``upper`` 69,5), of the same kind and scale; capaian of a range is 100 % inside it and the
    ratio to the nearer end outside (:func:`~lakipcore.methods.formulas.range_capaian`).
    """

    upper: Decimal | None = attrs.field(default=None, converter=_optional_upper)

    _WHAT = "target"

    def __attrs_post_init__(self) -> None:
        super().__attrs_post_init__()
        upper = self.upper
        if upper is None:
            return
        if upper <= self.value:
            raise InvalidValueError(
                M_(
                    "a range target runs from its lower end to a higher one, got {value} to "
                    "{upper}",
                    value=self.value,
                    upper=upper,
                ),
                field="upper",
            )
        # The upper end obeys what the lower one does (a whole count, the scale, the sign).
        try:
            _UpperEnd(self.kind, upper, self.unit, self.scale, self.note, ratio=self.ratio)
        except InvalidValueError as error:
            raise error.relocated(field="upper") from None

    @property
    def is_range(self) -> bool:
        """Whether the target is printed as a range."""
        return self.upper is not None


@attrs.frozen(repr=False)
class _UpperEnd(Measure):
    """The upper end of a range target, checked as a value of its kind."""

    _WHAT = "upper end of the target"


@attrs.frozen(repr=False)
class Realisation(Measure):
    """An indicator's realisation (realisasi) for a period (same fields as :class:`Measure`)."""

    _WHAT = "realisation"
