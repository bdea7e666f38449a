"""Survey scales, exact conversions between them, and composites of survey scores.

A survey score means nothing without its scale: the Banten report prints IKM 18,76 on *skala 20*,
IPK 14,15 on *skala 15*, Integritas 84,86 on *skala 100*, and converts them to *skala 10* or
*skala 100* to compare them with a target. A :class:`Scale` is a named closed interval
``[low, high]``; :func:`convert` maps a value linearly from one scale onto another::

    (value − low₁) / (high₁ − low₁) × (high₂ − low₂) + low₂

The report's conversions treat skala 10, 15, 20 and 100 as starting at 0 (18,76 on skala 20 is
9,38 on skala 10), so those presets run from 0. The element scale of PermenPAN-RB 14/2017 runs
from 1 to 4, and a unit's IKM from 25 to 100 (the mean of the elements × 25).

Every result is an unrounded ``Decimal`` computed in lakipcore's private context (see
:mod:`lakipcore._exact`); round it once, at output, with :func:`lakipcore.round_to`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from types import MappingProxyType
from typing import TypeVar

import attrs

from lakipcore._exact import add, div, mean, mul, sub
from lakipcore.errors import InvalidValueError, LakipTypeError, UnknownNameError
from lakipcore.figures import exact_decimal
from lakipcore.i18n import M_

__all__ = [
    "SCALES",
    "Scale",
    "composite_mean",
    "convert",
    "get_scale",
    "ikm_from_elements",
    "mean_of_scores",
]

IKM_ELEMENTS = 9
"""Number of service elements (*unsur pelayanan*) in a PermenPAN-RB 14/2017 IKM survey."""

_IKM_FACTOR = Decimal(25)
_T = TypeVar("_T")


def _low(value: object) -> Decimal:
    return exact_decimal(value, field="low")


def _high(value: object) -> Decimal:
    return exact_decimal(value, field="high")


@attrs.frozen
class Scale:
    """A closed interval ``[low, high]`` on which a survey reports its score (*skala*).

    ``name`` identifies the scale (``"skala-20"``); ``description`` says where it is used.
    ``low`` must be below ``high``. A value on the scale may be any ``Decimal`` from ``low`` to
    ``high``, both included.
    """

    name: str
    low: Decimal = attrs.field(converter=_low)
    high: Decimal = attrs.field(converter=_high)
    description: str = ""

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.name, str) or not self.name:
            raise InvalidValueError(M_("a scale needs a non-empty name"), field="name")
        if not self.low < self.high:
            raise InvalidValueError(
                M_(
                    "scale {name} must have low < high, got low {low} and high {high}",
                    name=repr(self.name),
                    low=self.low,
                    high=self.high,
                ),
                field="high",
            )

    def __str__(self) -> str:
        return f"{self.name} ({self.low}–{self.high})"

    @property
    def span(self) -> Decimal:
        """``high − low``: the width of the scale."""
        return sub(self.high, self.low)

    def contains(self, value: Decimal) -> bool:
        """Whether ``value`` lies on the scale (``low ≤ value ≤ high``)."""
        number = exact_decimal(value, field="value")
        return self.low <= number <= self.high

    def check(self, value: object, *, field: str = "value") -> Decimal:
        """Return ``value`` as a ``Decimal`` if it lies on the scale.

        Raises :class:`~lakipcore.LakipTypeError` for a float, a str or another non-number, and
        :class:`~lakipcore.InvalidValueError` naming the value and the scale when it lies
        outside ``[low, high]``.
        """
        number = exact_decimal(value, field=field)
        if not self.low <= number <= self.high:
            side = M_("below") if number < self.low else M_("above")
            raise InvalidValueError(
                M_(
                    "{number} lies {side} {self}: a score on {name} must be from {low} to {high}",
                    number=number,
                    side=side,
                    self=self,
                    name=self.name,
                    low=self.low,
                    high=self.high,
                ),
                field=field,
            )
        return number


SCALES: Mapping[str, Scale] = MappingProxyType(
    {
        scale.name: scale
        for scale in (
            Scale(
                "skala-4",
                Decimal(1),
                Decimal(4),
                "the element scale of PermenPAN-RB 14/2017: each of the nine unsur pelayanan "
                "is scored 1 (tidak baik) to 4 (sangat baik)",
            ),
            Scale(
                "skala-10",
                Decimal(0),
                Decimal(10),
                "targets of the Perjanjian Kinerja for satisfaction indices (7,1; 7,3)",
            ),
            Scale(
                "skala-15",
                Decimal(0),
                Decimal(15),
                "Kemenkumham's IPK (Indeks Persepsi Korupsi) self-survey",
            ),
            Scale(
                "skala-20",
                Decimal(0),
                Decimal(20),
                "Kemenkumham's IKM (Indeks Kepuasan Masyarakat) self-survey",
            ),
            Scale(
                "skala-100",
                Decimal(0),
                Decimal(100),
                "percent-style scores: Integritas, the Nilai Akuntabilitas Kinerja composite, "
                "AKIP evaluation",
            ),
            Scale(
                "ikm-25-100",
                Decimal(25),
                Decimal(100),
                "a service unit's IKM under PermenPAN-RB 14/2017: mean of the elements on "
                "1–4, × 25",
            ),
        )
    }
)
"""The scales shipped with lakipcore, by name. Read-only: build your own :class:`Scale` and pass
it wherever a scale is expected instead of adding to this mapping."""


def get_scale(scale: Scale | str, *, field: str = "scale") -> Scale:
    """A preset scale by name, or ``scale`` itself.

    Raises :class:`~lakipcore.UnknownNameError` listing the preset names for an unknown name.
    """
    if isinstance(scale, Scale):
        return scale
    if not isinstance(scale, str):
        raise LakipTypeError(
            M_("expected a Scale or a preset name, got {type}", type=type(scale).__name__),
            field=field,
        )
    try:
        return SCALES[scale]
    except KeyError:
        known = ", ".join(repr(name) for name in SCALES)
        raise UnknownNameError(
            M_("unknown scale {scale}; known scales: {known}", scale=repr(scale), known=known),
            field=field,
        ) from None


def _linear(value: Decimal, source: Scale, target: Scale) -> Decimal:
    # Multiply before dividing: conversions whose ratio terminates (skala 20 → 10) stay exact.
    return add(div(mul(sub(value, source.low), target.span), source.span), target.low)


def convert(value: Decimal, from_scale: Scale | str, to_scale: Scale | str) -> Decimal:
    """Map ``value`` linearly from ``from_scale`` onto ``to_scale``, exactly.

    ``(value − low₁) / (high₁ − low₁) × (high₂ − low₂) + low₂``, unrounded. Examples from the
    report: IKM 18,76 on skala 20 is 9,38 on skala 10; IPK 14,15 on skala 15 is 94,333… on
    skala 100.

    Raises :class:`~lakipcore.InvalidValueError` naming the value and the scale when ``value``
    lies outside ``from_scale``, and :class:`~lakipcore.UnknownNameError` for an unknown scale.
    """
    source = get_scale(from_scale, field="from_scale")
    target = get_scale(to_scale, field="to_scale")
    return _linear(source.check(value), source, target)


def ikm_from_elements(scores: Iterable[Decimal], *, elements: int = IKM_ELEMENTS) -> Decimal:
    """A service unit's IKM (25–100) from its element scores, as PermenPAN-RB 14/2017 defines it.

    Each score is one element's (*unsur*'s) mean over the respondents, on the 1–4 scale
    (``skala-4``). The IKM is their plain mean × 25, which is also the linear conversion from
    ``skala-4`` to ``ikm-25-100``. The regulation has nine elements; ``elements`` states how many
    scores are expected (any number from 1), so a survey with another count must say so.

    The mean is exact (weight 1/n). Worksheets that multiply by a rounded weight such as
    0,111 give a slightly different figure.
    """
    if isinstance(elements, bool) or not isinstance(elements, int):
        raise LakipTypeError(
            M_("elements must be a whole number, got {type}", type=type(elements).__name__),
            field="elements",
        )
    if elements < 1:
        raise InvalidValueError(
            M_("elements must be 1 or more, got {elements}", elements=elements), field="elements"
        )
    element_scale = SCALES["skala-4"]
    values = tuple(
        element_scale.check(score, field=f"scores[{index}]")
        for index, score in enumerate(_iterable(scores, "scores"))
    )
    if len(values) != elements:
        raise InvalidValueError(
            M_(
                "expected {elements} element scores, got {count}; PermenPAN-RB "
                "14/2017 has {ikm_elements} elements: pass elements={value} for "
                "a survey with another number",
                elements=elements,
                count=len(values),
                ikm_elements=IKM_ELEMENTS,
                value=len(values) or 1,
            ),
            field="scores",
        )
    return mul(mean(values), _IKM_FACTOR)


def composite_mean(
    scores: Iterable[tuple[Decimal, Scale | str]], *, scale: Scale | str = "skala-100"
) -> Decimal:
    """The exact mean of scores on different scales, each first converted onto ``scale``.

    Each item is ``(value, scale_of_value)``. The report's *Nilai Akuntabilitas Kinerja* is the
    mean of IPK 14,15 (skala 15), IKM 18,76 (skala 20) and Integritas 84,86 (skala 100), each
    converted to skala 100: 90,997… unrounded.
    """
    common = get_scale(scale)
    converted: list[Decimal] = []
    for index, item in enumerate(_iterable(scores, "scores")):
        field = f"scores[{index}]"
        if isinstance(item, str) or not isinstance(item, tuple) or len(item) != 2:
            raise LakipTypeError(
                M_(
                    "expected a (value, scale) pair, got {item}; e.g. "
                    "(Decimal('18.76'), 'skala-20')",
                    item=repr(item),
                ),
                field=field,
            )
        value, value_scale = item
        source = get_scale(value_scale, field=f"{field}.scale")
        converted.append(_linear(source.check(value, field=f"{field}.value"), source, common))
    if not converted:
        raise InvalidValueError(M_("a composite needs at least one score"), field="scores")
    return mean(converted)


def mean_of_scores(
    values: Iterable[Decimal], scale: Scale | str, *, to: Scale | str | None = None
) -> Decimal:
    """The exact mean of several units' scores on one ``scale``, optionally converted ``to``.

    The report's three immigration offices score 96,25, 87 and 77: the mean is 86,75, which on
    skala 10 is 8,675 (``to="skala-10"``, reading the scores as skala 100).
    """
    common = get_scale(scale)
    checked = tuple(
        common.check(value, field=f"values[{index}]")
        for index, value in enumerate(_iterable(values, "values"))
    )
    if not checked:
        raise InvalidValueError(M_("a mean needs at least one score"), field="values")
    result = mean(checked)
    if to is None:
        return result
    return _linear(result, common, get_scale(to, field="to"))


def _iterable(items: Iterable[_T], field: str) -> tuple[_T, ...]:
    if isinstance(items, str | bytes | Mapping) or not isinstance(items, Iterable):
        raise LakipTypeError(
            M_("expected a sequence, got {type}", type=type(items).__name__),
            field=field,
        )
    return tuple(items)
