"""The deviation of realisation from the disbursement plan (Deviasi Halaman III DIPA), an IKPA
indicator, per type of spending and per month.

A type's deviation is ``|realisation − RPD| / RPD × 100``: 0 where the RPD is 0 and nothing was
spent, undefined (``None``) where the RPD is 0 and something was. A month's deviation is its
types' deviations weighted by each type's share of the pagu (PER-5/PB/2024), or their plain
mean (the 2022 rule). The conversion of a month's deviation into IKPA's 0–100 value is not
computed: its text was not found (docs/catalogue.md).
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from lakipcore._exact import HUNDRED, ZERO, div, mul, sub, total

__all__ = ["WEIGHTINGS", "month_deviation", "type_deviation"]

WEIGHTINGS = ("pagu-share", "mean")
"""How the types' deviations of a month make its deviation."""


def type_deviation(realisation: Decimal, plan: Decimal) -> Decimal | None:
    """``|realisation − plan| / plan × 100``; 0 for a plan of 0 with nothing spent, ``None``
    for a plan of 0 with spending (undefined)."""
    if plan == ZERO:
        return ZERO if realisation == ZERO else None
    return mul(div(abs(sub(realisation, plan)), plan), HUNDRED)


def month_deviation(
    types: Sequence[tuple[Decimal, Decimal, Decimal]], weighting: str = "pagu-share"
) -> Decimal | None:
    """The deviation of a month of ``types`` (``(pagu, realisation, plan)`` each) weighted as
    ``weighting`` says; types with no defined deviation are left out; ``None`` when none has
    one (or, weighted by the pagu, their pagu is 0)."""
    defined = [
        (pagu, deviation)
        for pagu, realisation, plan in types
        if (deviation := type_deviation(realisation, plan)) is not None
    ]
    if not defined:
        return None
    if weighting == "mean":
        return div(total(d for _, d in defined), Decimal(len(defined)))
    pagu = total(p for p, _ in defined)
    if pagu == ZERO:
        return None
    return div(total(mul(p, d) for p, d in defined), pagu)
