"""The methods shipped with lakipcore, under names that say what they do, and the lookup of a
method by name among the presets and those a report defines."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

import attrs

from lakipcore.errors import LakipTypeError, UnknownNameError
from lakipcore.i18n import M_
from lakipcore.methods.method import AbsorptionAggregation, AchievementAggregation, ScoringMethod

__all__ = ["ALIASES", "PRESETS", "aggregation_variants", "get_method", "known_names"]


_BANTEN_SOURCE = "the Kanwil Kemenkumham Banten LAKIP 2019, chapter III"
_COMMON = "performance ½ / ½, capaian uncapped, lower-is-better by kondisi khusus"

PRESETS: Mapping[str, ScoringMethod] = MappingProxyType(
    {
        method.name: method
        for method in (
            ScoringMethod(
                name="pooled-sum",
                description=(
                    "Achievement pooled over all indicators of all units; absorption Σ "
                    f"realisasi / Σ pagu; {_COMMON}. The 2019 office row of {_BANTEN_SOURCE}."
                ),
                achievement=AchievementAggregation.POOLED_INDICATORS,
                absorption=AbsorptionAggregation.TOTAL_AMOUNTS,
            ),
            ScoringMethod(
                name="mean-of-units",
                description=(
                    "Achievement as the mean of the units' achievements; absorption as the "
                    f"mean of the units' percentages; {_COMMON}. The 2018 office row of "
                    f"{_BANTEN_SOURCE} (its YoY table)."
                ),
                achievement=AchievementAggregation.MEAN_OF_UNIT_MEANS,
                absorption=AbsorptionAggregation.MEAN_OF_UNIT_RATES,
            ),
        )
    }
)
"""The named methods shipped with lakipcore. Read-only: define your own in a report file
(``[methods.NAME]``) or pass a :class:`ScoringMethod` where a method is expected."""

ALIASES: Mapping[str, str] = MappingProxyType(
    {"banten-2019": "pooled-sum", "banten-2018": "mean-of-units"}
)
"""Older names of presets, still accepted: the names the Banten example used for the two years
of its report. A method looked up by an alias carries the alias as its name, so results and
audits say what the file said."""

# The aliases keep the descriptions the Banten names always had.
_ALIAS_DESCRIPTIONS = {
    "banten-2019": (
        f"The 2019 office row of {_BANTEN_SOURCE}: achievement pooled over all indicators, "
        f"absorption Σ realisasi / Σ pagu, {_COMMON}."
    ),
    "banten-2018": (
        f"The 2018 office row of {_BANTEN_SOURCE} (its YoY table): achievement as the mean of "
        f"unit means, absorption as the mean of unit percentages, {_COMMON}."
    ),
}
_ALIASED: Mapping[str, ScoringMethod] = MappingProxyType(
    {
        alias: attrs.evolve(PRESETS[preset], name=alias, description=_ALIAS_DESCRIPTIONS[alias])
        for alias, preset in ALIASES.items()
    }
)


def known_names(defined: Mapping[str, ScoringMethod] | None = None) -> list[str]:
    """Every name ``get_method`` accepts: a report's own methods, the presets, the aliases."""
    return [*(defined or {}), *PRESETS, *ALIASES]


def get_method(
    method: str | ScoringMethod, defined: Mapping[str, ScoringMethod] | None = None
) -> ScoringMethod:
    """The method named ``method``: one of ``defined`` (a report's own methods, by name), a
    preset or an alias; ``method`` itself when it is a :class:`ScoringMethod`.

    :class:`UnknownNameError` for an unknown name lists every name that would do.
    """
    if isinstance(method, ScoringMethod):
        return method
    if not isinstance(method, str):
        raise LakipTypeError(
            M_("expected a method name or a ScoringMethod, got {type}", type=type(method).__name__),
            field="method",
        )
    found = (defined or {}).get(method) or PRESETS.get(method) or _ALIASED.get(method)
    if found is None:
        where = "the report's methods, presets and aliases" if defined else "presets and aliases"
        known = ", ".join(repr(name) for name in known_names(defined))
        raise UnknownNameError(
            M_(
                "unknown scoring method {method}; {where}: {known}",
                method=repr(method),
                where=where,
                known=known,
            ),
            field="method",
        )
    return found


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
