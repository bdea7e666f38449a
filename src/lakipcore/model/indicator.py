"""Indicators (indikator kinerja) with their target and realisation for one year."""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

import attrs

from lakipcore._exact import CONTEXT, ZERO
from lakipcore._names import member
from lakipcore.errors import InvalidValueError, LakipTypeError
from lakipcore.figures import NotTargeted, exact_decimal
from lakipcore.model.evidence import Rule, Support
from lakipcore.model.printed import PrintedFigures

__all__ = [
    "Formula",
    "Indicator",
    "MeasureKind",
    "Polarity",
    "Realisation",
    "Target",
]


class MeasureKind(enum.Enum):
    """What kind of number a target or realisation is."""

    COUNT = "count"
    """A whole number of things (``12 Laporan``, ``136.133`` layanan). Capaian is R/T."""
    PERCENT = "percent"
    """A percentage (``80%``). Capaian is still R/T: 100 % against 80 % is 125 %."""
    INDEX = "index"
    """A score on a scale (``7,1`` on skala 10). Target and realisation share the scale."""

    @classmethod
    def from_name(cls, name: str) -> MeasureKind:
        """Look a kind up by name: ``"count"``, ``"percent"``, ``"index"``."""
        return member(cls, name, "kind")


class Polarity(enum.Enum):
    """Which direction of the realisation is good."""

    HIGHER_IS_BETTER = "higher"
    """More is better (the usual case). Capaian is R/T."""
    LOWER_IS_BETTER = "lower"
    """Less is better ("Menurunnya Persentase Residivis"). Capaian by a lower-is-better formula."""

    @classmethod
    def from_name(cls, name: str) -> Polarity:
        """Look a polarity up by name: ``"higher"`` or ``"lower"``."""
        return member(cls, name, "polarity")


class Formula(enum.Enum):
    """A capaian formula, by name. Each belongs to one polarity."""

    RATIO = "ratio"
    """R / T × 100, for higher-is-better indicators."""
    KONDISI_KHUSUS = "kondisi-khusus"
    """(2T − R) / T × 100 = (1 + (1 − R/T)) × 100: KemenPAN-RB's rule for lower-is-better."""
    INVERSE_RATIO = "inverse-ratio"
    """T / R × 100: another lower-is-better convention in use."""

    @property
    def polarity(self) -> Polarity:
        """The polarity this formula is meant for."""
        return Polarity.HIGHER_IS_BETTER if self is Formula.RATIO else Polarity.LOWER_IS_BETTER

    @classmethod
    def from_name(cls, name: str) -> Formula:
        """Look a formula up by name: ``"ratio"``, ``"kondisi-khusus"``, ``"inverse-ratio"``."""
        return member(cls, name, "formula")


def _enum(cls: type[enum.Enum], field: str) -> Any:
    """An attrs validator refusing anything but a member of ``cls`` (a str such as 'lower' too)."""

    def check(_instance: object, _attribute: object, value: object) -> None:
        if not isinstance(value, cls):
            raise LakipTypeError(
                f"expected a {cls.__name__} member, got {value!r}; use {cls.__name__}.from_name()"
                " to look one up by name",
                field=field,
            )

    return check


def _supports(items: Iterable[Support]) -> tuple[Support, ...]:
    return tuple(items)


def _to_value(value: object) -> Decimal:
    return exact_decimal(value, field="value")


# What the figure format can write back: a label of words that start with a letter, and a note
# without parentheses (docs/format.md). Anything else would not survive a round trip.
_UNIT_RE = re.compile(r"[^\W\d_][^\s()]*(?: [^\W\d_][^\s()]*)*")
_NOTE_RE = re.compile(r"[^()\s](?:[^()]*[^()\s])?")


def _article(kind: MeasureKind) -> str:
    return f"an {kind.value}" if kind.value[0] in "aeiou" else f"a {kind.value}"


def _check_labels(unit: str | None, note: str | None) -> None:
    if unit is not None and not _UNIT_RE.fullmatch(unit):
        raise InvalidValueError(
            f"unit label {unit!r} must be words starting with a letter, without parentheses",
            field="unit",
        )
    if note is not None and not _NOTE_RE.fullmatch(note):
        raise InvalidValueError(
            f"note {note!r} must be non-empty text without parentheses or outer spaces",
            field="note",
        )


def _check_measure(kind: MeasureKind, value: Decimal, scale: Decimal | None, what: str) -> None:
    if value < ZERO:
        raise InvalidValueError(f"{what} must not be negative, got {value}", field="value")
    if kind is MeasureKind.INDEX:
        if scale is None or scale <= ZERO:
            raise InvalidValueError(
                f"an index {what} needs a positive scale (the top of its scale, e.g. 10)",
                field="scale",
            )
        if value > scale:
            raise InvalidValueError(
                f"{what} {value} lies above the top of its scale {scale}", field="value"
            )
    elif scale is not None:
        raise InvalidValueError(
            f"only an index {what} has a scale; this one is {_article(kind)}", field="scale"
        )
    if kind is MeasureKind.COUNT and value != value.to_integral_value(context=CONTEXT):
        raise InvalidValueError(
            f"a count {what} must be a whole number, got {value}; if it is a score on a scale, "
            "make it an index with a scale",
            field="value",
        )


def _optional_decimal(value: object) -> Decimal | None:
    return None if value is None else exact_decimal(value, field="scale")


@attrs.frozen
class Target:
    """An indicator's target for a year.

    ``unit`` is the printed label (``Laporan``, ``Pemda``, ``orang``); ``scale`` is the top of the
    scale for an :attr:`~MeasureKind.INDEX` (10 for skala 10); ``note`` a printed parenthesis.
    """

    kind: MeasureKind = attrs.field(validator=_enum(MeasureKind, "kind"))
    value: Decimal = attrs.field(converter=_to_value)
    unit: str | None = None
    scale: Decimal | None = attrs.field(default=None, converter=_optional_decimal)
    note: str | None = None

    def __attrs_post_init__(self) -> None:
        _check_measure(self.kind, self.value, self.scale, "target")
        _check_labels(self.unit, self.note)


@attrs.frozen
class Realisation:
    """An indicator's realisation (realisasi) for a year; same fields as :class:`Target`."""

    kind: MeasureKind = attrs.field(validator=_enum(MeasureKind, "kind"))
    value: Decimal = attrs.field(converter=_to_value)
    unit: str | None = None
    scale: Decimal | None = attrs.field(default=None, converter=_optional_decimal)
    note: str | None = None

    def __attrs_post_init__(self) -> None:
        _check_measure(self.kind, self.value, self.scale, "realisation")
        _check_labels(self.unit, self.note)


@attrs.frozen
class Indicator:
    """A performance indicator (indikator kinerja) in one year.

    ``target`` is a :class:`Target` or :data:`~lakipcore.NOT_TARGETED` ("Tidak ditargetkan"); a
    targeted indicator has either a stated ``realisation`` of the same kind (and scale) or a
    ``derivation``: a rule over the unit's evidence that scoring evaluates (a survey score
    converted to the target's scale, a count of qualifying regions). A not-targeted one has
    neither. ``supports`` are evidence rules the stated realisation should agree with (checked by
    the audit). ``formula`` forces a capaian formula for this indicator; by default the scoring
    method chooses by :attr:`polarity`. ``field`` is where the indicator was read from.
    """

    code: str
    name: str
    target: Target | NotTargeted
    realisation: Realisation | None = None
    goal: str | None = None
    polarity: Polarity = attrs.field(
        default=Polarity.HIGHER_IS_BETTER, validator=_enum(Polarity, "polarity")
    )
    formula: Formula | None = attrs.field(
        default=None, validator=attrs.validators.optional(_enum(Formula, "formula"))
    )
    printed: PrintedFigures = ()
    derivation: Rule | None = None
    supports: tuple[Support, ...] = attrs.field(default=(), converter=_supports)
    field: str | None = attrs.field(default=None, eq=False)

    def __attrs_post_init__(self) -> None:
        if not self.code.strip():
            raise InvalidValueError("an indicator needs a non-empty code", field="code")
        if isinstance(self.target, NotTargeted):
            if self.realisation is not None or self.derivation is not None or self.supports:
                raise InvalidValueError(
                    "a not-targeted indicator ('Tidak ditargetkan') has no realisation, "
                    "derivation or supporting evidence",
                    field="realisation",
                )
        elif self.derivation is not None:
            if self.realisation is not None:
                raise InvalidValueError(
                    "a derived realisation is computed from evidence; state either a "
                    "realisation or a derivation, not both (printed copies go under printed)",
                    field="realisation",
                )
            for index, support in enumerate(self.supports):
                if support.against in ("value", "note"):
                    raise InvalidValueError(
                        "a derived realisation is its evidence; a support can only check a "
                        "realisation printed at a place (against = a place)",
                        field=f"supports[{index}].against",
                    )
        else:
            self._check_realisation(self.target, self.realisation)
        if self.formula is not None and self.formula.polarity is not self.polarity:
            raise InvalidValueError(
                f"formula {self.formula.value!r} is for {self.formula.polarity.value}-is-better "
                f"indicators, but this one is {self.polarity.value}-is-better",
                field="formula",
            )

    @staticmethod
    def _check_realisation(target: Target, realisation: Realisation | None) -> None:
        if realisation is None:
            raise InvalidValueError(
                "a targeted indicator needs a realisation; print 'Tidak ditargetkan' as its "
                "target if it had none",
                field="realisation",
            )
        if realisation.kind is not target.kind:
            raise InvalidValueError(
                f"{_article(target.kind)} target needs {_article(target.kind)} realisation, got "
                f"{_article(realisation.kind)}",
                field="realisation",
            )
        if realisation.scale != target.scale:
            raise InvalidValueError(
                f"target and realisation are on different scales ({target.scale} and "
                f"{realisation.scale})",
                field="realisation",
            )

    @property
    def is_targeted(self) -> bool:
        """False for "Tidak ditargetkan"."""
        return not isinstance(self.target, NotTargeted)
