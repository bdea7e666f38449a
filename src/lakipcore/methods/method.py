"""A scoring method as immutable data: every choice the formulas leave open, by name.

A :class:`ScoringMethod` bundles the lower-is-better formula, a cap, what to do with a zero
target, how units aggregate into the office, the performance weights and how the report rounds
its printed figures. Every result carries the method that made it. Presets are in
:mod:`lakipcore.methods.presets`; a report file may define its own (``[methods.NAME]``,
docs/format.md).
"""

from __future__ import annotations

from decimal import Decimal

import attrs

from lakipcore._display import Short
from lakipcore._names import NamedEnum, enum_field
from lakipcore.errors import InvalidValueError, LakipTypeError
from lakipcore.figures import exact_decimal
from lakipcore.i18n import M_
from lakipcore.methods.formulas import Formula, PerformanceWeights
from lakipcore.methods.plausibility import DEFAULT_PLAUSIBILITY, Plausibility
from lakipcore.rounding import Rounding

__all__ = [
    "AbsorptionAggregation",
    "AbsorptionBase",
    "AchievementAggregation",
    "PerformanceWeights",
    "ScoringMethod",
    "ZeroTargetPolicy",
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


class AbsorptionBase(NamedEnum):
    """Which pagu a unit's absorption is measured against, when its budget was revised."""

    __what__ = "absorption base"

    REVISED = "revised"
    """The pagu after the revisions (the outputs' pagu): what the report spends against."""
    ORIGINAL = "original"
    """The pagu awal (the first DIPA); a budget that states none has only its pagu."""


def _check_text(value: object, field: str, *, empty: bool = False) -> None:
    if not isinstance(value, str):
        raise LakipTypeError(
            M_("expected the {field} as a str, got {value}", field=field, value=repr(value)),
            field=field,
        )
    if not empty and not value.strip():
        raise InvalidValueError(M_("a method needs a non-empty {field}", field=field), field=field)


def _optional_cap(value: object) -> Decimal | None:
    if value is None:
        return None
    cap = exact_decimal(value, field="cap")
    if cap <= 0:
        raise InvalidValueError(M_("a cap must be positive, got {cap}", cap=cap), field="cap")
    return cap


@attrs.frozen(repr=False)
class ScoringMethod(Short):
    """Every choice of the scoring, by name. Immutable; derive variants with ``attrs.evolve``.

    ``name`` is how files and results call it; the other fields are its parts. Two methods with
    the same parts score alike (:meth:`same_parts`), whatever their names.
    """

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
    rounding: Rounding = attrs.field(
        default=Rounding.HALF_UP, validator=enum_field(Rounding, "rounding")
    )
    """How the report rounds the figures it prints; the audit reads them this way first."""
    absorption_base: AbsorptionBase = attrs.field(
        default=AbsorptionBase.REVISED, validator=enum_field(AbsorptionBase, "absorption_base")
    )
    """Which pagu absorption is measured against (a revised budget's pagu, or its pagu awal)."""
    plausibility: Plausibility = attrs.field(
        default=DEFAULT_PLAUSIBILITY, validator=attrs.validators.instance_of(Plausibility)
    )
    """The bounds of the audit's plausibility warnings (:class:`Plausibility`); they do not
    change any score."""

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.weights, PerformanceWeights):
            raise LakipTypeError(
                M_("expected PerformanceWeights, got {type}", type=type(self.weights).__name__),
                field="weights",
            )
        if not isinstance(self.rounding, Rounding):  # pragma: no cover - the validator checks
            raise LakipTypeError(M_("expected a Rounding"), field="rounding")
        if self.lower_is_better is Formula.RATIO:
            raise InvalidValueError(
                M_(
                    "lower_is_better must be a lower-is-better formula "
                    "('kondisi-khusus' or 'inverse-ratio')"
                ),
                field="lower_is_better",
            )

    def same_parts(self, other: ScoringMethod) -> bool:
        """Whether ``other`` scores exactly like this method (its name, description and
        plausibility bounds aside: they change warnings, not scores)."""
        same = attrs.evolve(
            other, name=self.name, description=self.description, plausibility=self.plausibility
        )
        return same == self
