"""Plausibility bounds: where a figure that may be right is worth a second look.

Published reports carry slips that no arithmetic check sees, because the figure is computed
right from a wrong input: a "Persentase" realisation typed as 1.234,5 (meant 12,345), a
capaian of 1.000 % from a target typed in the wrong unit, a realisation of 4.830 in a series
of 48, an office capaian that rests on one of six indicators because the others were left
blank. The audit reports such figures as warnings, never refusals: each bound is part of the
scoring method (so a report whose indicators legitimately exceed it says so in its own
method), and ``None`` turns its check off. docs/audit.md, "Plausibility", has the rules and
the defaults' reasons.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Final

import attrs

from lakipcore.errors import InvalidValueError
from lakipcore.figures import exact_decimal
from lakipcore.i18n import M_

__all__ = ["DEFAULT_PLAUSIBILITY", "Plausibility"]


def _bound(value: object, field: str, above: Decimal) -> Decimal | None:
    if value is None:
        return None
    bound = exact_decimal(value, field=field)
    if not bound > above:
        raise InvalidValueError(
            M_(
                "a plausibility bound for {field} must be above {above}, got {bound}",
                field=field,
                above=above,
                bound=bound,
            ),
            field=field,
        )
    return bound


# attrs converters must be named functions for mypy: one per bound, naming its field.
def _percent_realisation(value: object) -> Decimal | None:
    return _bound(value, "percent_realisation", Decimal(0))


def _capaian(value: object) -> Decimal | None:
    return _bound(value, "capaian", Decimal(0))


def _count_capaian(value: object) -> Decimal | None:
    return _bound(value, "count_capaian", Decimal(0))


def _indicator_share(value: object) -> Decimal | None:
    return _bound(value, "indicator_share", Decimal(0))


def _slip_factor(value: object) -> Decimal | None:
    return _bound(value, "slip_factor", Decimal(1))


@attrs.frozen
class Plausibility:
    """The bounds of the plausibility warnings (each ``None`` to turn its check off).

    ``percent_realisation``
        A realisation of an indicator measured in percent (its unit is ``%`` or its name
        starts "Persentase") above this many percent: a share cannot exceed the whole, so
        such a figure is usually a slip of the decimal mark (1.234,5 for 12,345). Default 100;
        a report of growth rates (a "persentase peningkatan" may exceed 100) sets it higher.
    ``capaian``
        The capaian of an indicator measured as a percentage or an index above this many
        percent: 200 by default, twice the target, which such indicators reach mostly through
        a target or realisation in the wrong unit or scale (a realisation of 100 % against a
        target of 15 % is 666,67 %).
    ``count_capaian``
        The same for an indicator that counts (permohonan, peserta, dokumen): off by default,
        because counts often pass modest targets many times over (292,50 % in the Banten
        report); a method sets it where they should not.
    ``indicator_share``
        The least share, in percent, of a unit's targeted indicators that its capaian should
        rest on: a unit achievement computed from fewer (the others not scored, excluded or
        without a realisation) is reported with how many it rests on. Default 50.
    ``slip_factor``
        A target or realisation this many times its neighbours (the same indicator's target
        and realisation in one period, or its values in the other periods), or that many
        times smaller: a misplaced decimal mark or a unit slip. Default 100, two orders of
        magnitude: ordinary year-on-year changes stay far below it.
    """

    percent_realisation: Decimal | None = attrs.field(
        default=Decimal(100), converter=_percent_realisation
    )
    capaian: Decimal | None = attrs.field(default=Decimal(200), converter=_capaian)
    count_capaian: Decimal | None = attrs.field(default=None, converter=_count_capaian)
    indicator_share: Decimal | None = attrs.field(default=Decimal(50), converter=_indicator_share)
    slip_factor: Decimal | None = attrs.field(default=Decimal(100), converter=_slip_factor)

    def __attrs_post_init__(self) -> None:
        if self.indicator_share is not None and self.indicator_share > 100:
            raise InvalidValueError(
                M_(
                    "indicator_share is a share of a unit's indicators, at most 100 "
                    "(%), got {indicator_share}",
                    indicator_share=self.indicator_share,
                ),
                field="indicator_share",
            )


DEFAULT_PLAUSIBILITY: Final = Plausibility()
"""The bounds every method starts from (docs/audit.md, "Plausibility")."""
