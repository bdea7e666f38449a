"""Scoring methods as named, immutable data.

A :class:`ScoringMethod` bundles every choice the formulas leave open: the lower-is-better
formula, a cap, what to do with a zero target, how units aggregate into the office, and the
performance weights. Presets reproduce each year's office row of the Banten report; every result
carries the method that made it.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from types import MappingProxyType

import attrs

from lakipcore._names import NamedEnum, enum_field
from lakipcore.errors import InvalidValueError, LakipTypeError, UnknownNameError
from lakipcore.figures import exact_decimal
from lakipcore.model.indicator import Formula
from lakipcore.scoring.formulas import PerformanceWeights

__all__ = [
    "PRESETS",
    "AbsorptionAggregation",
    "AchievementAggregation",
    "ScoringMethod",
    "ZeroTargetPolicy",
    "aggregation_variants",
    "get_method",
]


class ZeroTargetPolicy(NamedEnum):
    """What scoring does with an indicator whose target is zero."""

    __what__ = "zero-target policy"

    ERROR = "error"
    """Raise :class:`~lakipcore.ZeroTargetError` naming the indicator (the default)."""
    EXCLUDE = "exclude"
    """Leave the indicator out of the unit's mean and record it in the result."""


class AchievementAggregation(NamedEnum):
    """How a unit with sub-units (the office) forms its indicator achievement.

    A unit's own indicators count with its sub-units: pooled, they join the pool; under the mean
    of unit means, their mean is one more member. A sub-unit without an achievement (one that
    reports only a budget) is absent, not zero.
    """

    __what__ = "achievement aggregation"

    POOLED_INDICATORS = "pooled-indicators"
    """Mean of the capaian of all targeted indicators of all units, pooled. A unit with many
    indicators weighs more. The Banten office row of 2019 (133,51 %)."""
    MEAN_OF_UNIT_MEANS = "mean-of-unit-means"
    """Mean of the units' achievements: every unit weighs the same. The 2018 row (119,58 %)."""


class AbsorptionAggregation(NamedEnum):
    """How a unit with sub-units (the office) forms its budget absorption.

    A unit's own budget counts as one more member. When a member has no budget in the period,
    the aggregate is absent (never a sum over the others), and the score says which.
    """

    __what__ = "absorption aggregation"

    TOTAL_AMOUNTS = "total-amounts"
    """Σ realisasi / Σ pagu over all units: needs the amounts. The 2019 row (98,75 %)."""
    MEAN_OF_UNIT_RATES = "mean-of-unit-rates"
    """Plain mean of the units' absorption percentages. The 2018 row (97,75 %)."""


def _check_text(value: object, field: str, *, empty: bool = False) -> None:
    if not isinstance(value, str):
        raise LakipTypeError(f"expected the {field} as a str, got {value!r}", field=field)
    if not empty and not value.strip():
        raise InvalidValueError(f"a method needs a non-empty {field}", field=field)


def _optional_cap(value: object) -> Decimal | None:
    if value is None:
        return None
    cap = exact_decimal(value, field="cap")
    if cap <= 0:
        raise InvalidValueError(f"a cap must be positive, got {cap}", field="cap")
    return cap


@attrs.frozen
class ScoringMethod:
    """Every choice of the scoring, by name. Immutable; derive variants with ``attrs.evolve``."""

    name: str = attrs.field(validator=lambda _i, _a, v: _check_text(v, "name"))
    description: str = attrs.field(
        default="", validator=lambda _i, _a, v: _check_text(v, "description", empty=True)
    )
    lower_is_better: Formula = attrs.field(
        default=Formula.KONDISI_KHUSUS, validator=enum_field(Formula, "lower_is_better")
    )
    cap: Decimal | None = attrs.field(default=None, converter=_optional_cap)
    zero_target: ZeroTargetPolicy = attrs.field(
        default=ZeroTargetPolicy.ERROR, validator=enum_field(ZeroTargetPolicy, "zero_target")
    )
    achievement: AchievementAggregation = attrs.field(
        default=AchievementAggregation.POOLED_INDICATORS,
        validator=enum_field(AchievementAggregation, "achievement"),
    )
    absorption: AbsorptionAggregation = attrs.field(
        default=AbsorptionAggregation.TOTAL_AMOUNTS,
        validator=enum_field(AbsorptionAggregation, "absorption"),
    )
    weights: PerformanceWeights = attrs.field(factory=PerformanceWeights)

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.weights, PerformanceWeights):
            raise LakipTypeError(
                f"expected PerformanceWeights, got {type(self.weights).__name__}", field="weights"
            )
        if self.lower_is_better is Formula.RATIO:
            raise InvalidValueError(
                "lower_is_better must be a lower-is-better formula ('kondisi-khusus' or "
                "'inverse-ratio')",
                field="lower_is_better",
            )


_BANTEN_SOURCE = "the Kanwil Kemenkumham Banten LAKIP 2019, chapter III"

PRESETS: Mapping[str, ScoringMethod] = MappingProxyType(
    {
        method.name: method
        for method in (
            ScoringMethod(
                name="banten-2019",
                description=(
                    "The 2019 office row of " + _BANTEN_SOURCE + ": achievement pooled over all "
                    "indicators, absorption Σ realisasi / Σ pagu, performance ½ / ½, capaian "
                    "uncapped, lower-is-better by kondisi khusus."
                ),
                achievement=AchievementAggregation.POOLED_INDICATORS,
                absorption=AbsorptionAggregation.TOTAL_AMOUNTS,
            ),
            ScoringMethod(
                name="banten-2018",
                description=(
                    "The 2018 office row of " + _BANTEN_SOURCE + " (its YoY table): achievement "
                    "as the mean of unit means, absorption as the mean of unit percentages, "
                    "performance ½ / ½, capaian uncapped, lower-is-better by kondisi khusus."
                ),
                achievement=AchievementAggregation.MEAN_OF_UNIT_MEANS,
                absorption=AbsorptionAggregation.MEAN_OF_UNIT_RATES,
            ),
        )
    }
)
"""The named methods shipped with lakipcore. Read-only: pass your own :class:`ScoringMethod`
where a method is expected instead of adding to this mapping."""


def get_method(method: str | ScoringMethod) -> ScoringMethod:
    """A preset by name, or ``method`` itself; :class:`UnknownNameError` for an unknown name."""
    if isinstance(method, ScoringMethod):
        return method
    if not isinstance(method, str):
        raise LakipTypeError(
            f"expected a method name or a ScoringMethod, got {type(method).__name__}",
            field="method",
        )
    try:
        return PRESETS[method]
    except KeyError:
        known = ", ".join(repr(name) for name in PRESETS)
        raise UnknownNameError(
            f"unknown scoring method {method!r}; known presets: {known}", field="method"
        ) from None


def aggregation_variants(method: ScoringMethod) -> tuple[ScoringMethod, ...]:
    """``method`` under every combination of achievement and absorption aggregation, its own
    first; the others are named ``achievement/absorption`` (``mean-of-unit-means/total-amounts``).

    The audit tries them on office figures that the declared method does not explain, and
    infers a method for a period that declares none.
    """
    variants = [method]
    for achievement in AchievementAggregation:
        for absorption in AbsorptionAggregation:
            if (achievement, absorption) != (method.achievement, method.absorption):
                variants.append(
                    attrs.evolve(
                        method,
                        name=f"{achievement.value}/{absorption.value}",
                        achievement=achievement,
                        absorption=absorption,
                    )
                )
    return tuple(variants)
