"""Ordinal scales: indicators whose target and realisation are a predikat, not a number.

Reports set targets such as "Opini BPK: WTP" or "Nilai SAKIP: BB" and print the predikat
reached. To score one, lakipcore needs the levels in order and a value for each: a declared
ordinal scale. Capaian is then the indicator's formula on those values (docs/methodology.md,
"Ordinal indicators"): a realisation at the target's level is 100 %, one level below is less.

The presets rank their levels 1, 2, 3, … from the lowest. No regulation defines the capaian of
a predikat; the ranks are lakipcore's reading, stated here and in the docs, and a report that
scores predikat otherwise declares its own values.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from types import MappingProxyType
from typing import Any, Final

import attrs

from lakipcore._display import Short
from lakipcore._exact import ZERO
from lakipcore.errors import InvalidValueError, LakipTypeError, UnknownNameError
from lakipcore.figures import figure_value
from lakipcore.i18n import M_

__all__ = ["ORDINAL_SCALES", "OrdinalLevel", "OrdinalScale", "get_ordinal_scale"]


def _label(_instance: object, _attribute: object, value: Any) -> None:
    if not isinstance(value, str) or not value.strip() or value != value.strip():
        raise InvalidValueError(
            M_("an ordinal level is a non-empty label, got {value}", value=repr(value)),
            field="label",
        )


def _level_value(value: object) -> Decimal:
    return figure_value(value, field="value")


@attrs.frozen(repr=False)
class OrdinalLevel(Short):
    """A level of an ordinal scale: its ``label`` as reports print it (``WTP``) and the
    ``value`` capaian is computed with (positive)."""

    label: str = attrs.field(validator=_label)
    value: Decimal = attrs.field(converter=_level_value)

    def __attrs_post_init__(self) -> None:
        if self.value <= ZERO:
            raise InvalidValueError(
                M_(
                    "the value of ordinal level {label} must be above zero, got {value}",
                    label=repr(self.label),
                    value=self.value,
                ),
                field="value",
            )


def _levels(items: Iterable[OrdinalLevel]) -> tuple[OrdinalLevel, ...]:
    levels = tuple(items)
    for level in levels:
        if not isinstance(level, OrdinalLevel):
            raise LakipTypeError(
                M_("expected an OrdinalLevel, got {type}", type=type(level).__name__),
                field="levels",
            )
    return levels


@attrs.frozen(repr=False)
class OrdinalScale(Short):
    """Ordered levels from the lowest up, each with a value that rises with the level.

    ``source`` says where the levels and their order come from. Labels are matched without
    regard to case (``wtp`` is ``WTP``).
    """

    name: str
    levels: tuple[OrdinalLevel, ...] = attrs.field(converter=_levels)
    source: str = ""
    _by_label: Mapping[str, OrdinalLevel] = attrs.field(
        init=False, eq=False, repr=False, hash=False
    )

    @_by_label.default
    def _index(self) -> Mapping[str, OrdinalLevel]:
        return {level.label.casefold(): level for level in self.levels}

    def __attrs_post_init__(self) -> None:
        if len(self.levels) < 2:
            raise InvalidValueError(M_("an ordinal scale has at least two levels"), field="levels")
        if len(self._by_label) != len(self.levels):
            raise InvalidValueError(
                M_("ordinal scale {name} names a level twice", name=repr(self.name)),
                field="levels",
            )
        for lower, higher in zip(self.levels, self.levels[1:], strict=False):
            if higher.value <= lower.value:
                raise InvalidValueError(
                    M_(
                        "ordinal scale {name}: level {label} must be worth more than {lower}",
                        name=repr(self.name),
                        label=repr(higher.label),
                        lower=repr(lower.label),
                    ),
                    field="levels",
                )

    def level(self, label: str, *, field: str | None = None) -> OrdinalLevel:
        """The level printed as ``label`` (any case, spaces around it ignored)."""
        found = self._by_label.get(label.strip().casefold()) if isinstance(label, str) else None
        if found is None:
            raise InvalidValueError(
                M_(
                    "{label} is not a level of the ordinal scale {name} ({levels})",
                    label=repr(label),
                    name=repr(self.name),
                    levels=", ".join(level.label for level in self.levels),
                ),
                field=field,
            )
        return found

    def label_of(self, value: Decimal) -> str | None:
        """The label of the level worth ``value``, or ``None``."""
        return next((level.label for level in self.levels if level.value == value), None)


def _ranked(name: str, labels: Iterable[str], source: str) -> OrdinalScale:
    levels = [OrdinalLevel(label, Decimal(rank)) for rank, label in enumerate(labels, 1)]
    return OrdinalScale(name, levels, source)


ORDINAL_SCALES: Final[Mapping[str, OrdinalScale]] = MappingProxyType(
    {
        scale.name: scale
        for scale in (
            _ranked(
                "opini-bpk",
                ("TMP", "TW", "WDP", "WTP"),
                "UU 15/2004, Penjelasan Pasal 16 ayat (1): the four opinions of BPK (WTP, WDP, "
                "TW, TMP). WTP the highest and WDP above TW and TMP: BPK Perwakilan NTB "
                "(ntb.bpk.go.id/?p=6079). The order of TW and TMP is unverified; ranks 1-4 are "
                "lakipcore's values.",
            ),
            _ranked(
                "sakip",
                ("D", "C", "CC", "B", "BB", "A", "AA"),
                "PermenPANRB 88/2021 (and 12/2015): predikat AA > A > BB > B > CC > C > D of the "
                "evaluation of SAKIP; the order A > BB > B > CC > C as BPK Perwakilan Kalsel "
                "prints it (kalsel.bpk.go.id/?p=23153). Ranks 1-7 are lakipcore's values.",
            ),
        )
    }
)
"""The preset ordinal scales, by name: ``opini-bpk`` and ``sakip``."""


def get_ordinal_scale(name: str, *, field: str | None = None) -> OrdinalScale:
    """The preset ordinal scale called ``name``."""
    scale = ORDINAL_SCALES.get(name) if isinstance(name, str) else None
    if scale is None:
        raise UnknownNameError(
            M_(
                "unknown ordinal scale {name}; known: {names}",
                name=repr(name),
                names=", ".join(sorted(ORDINAL_SCALES)),
            ),
            field=field,
        )
    return scale
