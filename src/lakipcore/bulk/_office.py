"""The office row of each period, from its units' intervals, in Python integers.

A period has a few thousand units at most, so the office figures are computed with unbounded
Python integers from the per-unit sums: pooled, Σ over units of Σlo / Σ n; mean of unit means,
the mean of the units' intervals; Σ realisasi / Σ pagu by exact ``divmod``.
"""

from __future__ import annotations

import bisect
from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import Any

from lakipcore.bulk import _rational
from lakipcore.bulk._columns import as_decimal, pyarrow
from lakipcore.bulk._output import FIGURES, Output
from lakipcore.bulk._rows import INTERNAL_SCALE
from lakipcore.bulk._units import Units, combined, weights_of
from lakipcore.errors import MethodNotApplicableError
from lakipcore.i18n import M_
from lakipcore.methods import (
    AbsorptionAggregation,
    AchievementAggregation,
    ScoringMethod,
)

Interval = tuple[int, int] | None
"""A figure at the internal scale: the closed range of scaled integers holding it."""

_SCALE = 10**INTERNAL_SCALE


def _mean(lows: Sequence[int], highs: Sequence[int]) -> tuple[int, int]:
    return sum(lows) // len(lows), -(-sum(highs) // len(highs))


class Offices:
    """The office row of each period from its units' intervals, in Python integers."""

    def __init__(
        self,
        units: Units,
        methods: Mapping[str, ScoringMethod],
        keys: Sequence[str],
        office: str | None,
    ) -> None:
        self.units, self.methods, self.keys, self.office = units, methods, keys, office
        t = units.table
        names = ("unit", "n", "slo", "shi", "pagu", "real", "rate", "budget_rows")
        # Columns as Python lists (exact, unbounded sums), and each period's rows as a range:
        # the unit table is sorted by period, so a period's units are contiguous.
        self.cols: dict[str, list[Any]] = {name: t[name].to_pylist() for name in names}
        for name in ("ach_lo", "ach_hi", "abs_lo", "abs_hi"):
            self.cols[name] = getattr(units, name).to_pylist()
        positions = units.index.to_pylist()
        self.spans: dict[str, range] = {}
        start = 0
        for number, key in enumerate(keys):
            stop = bisect.bisect_right(positions, number, lo=start)
            self.spans[key] = range(start, stop)
            start = stop
        self._intervals: dict[str, dict[str, Any]] = {}
        self._exact: dict[str, dict[str, Fraction | None]] = {}

    def _sum(self, name: str, members: range | list[int]) -> int:
        values = self.cols[name]
        if isinstance(members, range):
            return sum(values[members.start : members.stop])
        return sum(values[i] for i in members)

    def _has_none(self, name: str, members: range | list[int]) -> bool:
        values = self.cols[name]
        if isinstance(members, range):
            return None in values[members.start : members.stop]
        return any(values[i] is None for i in members)

    def _alone(self, key: str) -> int | None:
        """The office's row when it is the period's only unit (a single-unit report)."""
        members = self.spans[key]
        if len(members) == 1 and self.cols["unit"][members[0]] == self.office:
            return members[0]
        return None

    def _budgeted(self, key: str) -> range | list[int]:
        """The members of the absorption: every unit, the office only with a budget."""
        members = self.spans[key]
        if self.office is None:
            return members
        unit, rows = self.cols["unit"], self.cols["budget_rows"]
        return [i for i in members if unit[i] != self.office or rows[i]]

    def table(self, out: Output) -> Any:
        """One row per period: period, method, the three figures, pagu and realisasi."""
        pa, _ = pyarrow()
        rows = []
        for key in self.keys:
            values = self.intervals(key)
            row = {"pagu": values["pagu"], "realisation": values["realisation"]}
            for f in FIGURES:

                def exact(key: str = key, f: str = f) -> Fraction | None:
                    return self.exact(key)[f]

                row[f] = out.one(values[f], exact)
            rows.append(row)

        def ints(name: str) -> Any:
            return pa.array([r[name] for r in rows], pa.int64())

        amount = self.units.amount_scale
        return pa.table(
            {
                "period": pa.array(list(self.keys), pa.string()),
                "method": pa.array([self.methods[k].name for k in self.keys], pa.string()),
                **{f: as_decimal(ints(f), out.scale) for f in FIGURES},
                "pagu": as_decimal(ints("pagu"), amount),
                "realisation": as_decimal(ints("realisation"), amount),
            }
        )

    def intervals(self, key: str) -> dict[str, Any]:
        """The office's figures in period ``key`` as intervals, with its pagu and realisasi."""
        if key not in self._intervals:
            method = self.methods[key]
            achievement = self._achievement(key, method)
            absorption, pagu, realised = self._absorption(key, method)
            performance: Interval = None
            if achievement is not None and absorption is not None:
                first, second, denominator = weights_of(method)
                low = first * achievement[0] + second * absorption[0]
                high = first * achievement[1] + second * absorption[1]
                performance = (low // denominator, -(-high // denominator))
            self._intervals[key] = {
                "achievement": achievement,
                "absorption": absorption,
                "performance": performance,
                "pagu": pagu,
                "realisation": realised,
            }
        return self._intervals[key]

    def _achievement(self, key: str, method: ScoringMethod) -> Interval:
        members, alone, c = self.spans[key], self._alone(key), self.cols
        if alone is not None:
            return None if c["ach_lo"][alone] is None else (c["ach_lo"][alone], c["ach_hi"][alone])
        if method.achievement is AchievementAggregation.POOLED_INDICATORS:
            count = self._sum("n", members)
            if not count:
                return None
            low, high = self._sum("slo", members), self._sum("shi", members)
            return low // count, -(-high // count)
        means = [i for i in members if c["ach_lo"][i] is not None]
        if not means:
            return None
        return _mean([c["ach_lo"][i] for i in means], [c["ach_hi"][i] for i in means])

    def _absorption(
        self, key: str, method: ScoringMethod
    ) -> tuple[Interval, int | None, int | None]:
        budgeted, c = self._budgeted(key), self.cols
        # As in the core, the amounts are given whenever every member has them.
        complete = bool(budgeted) and not any(
            self._has_none(name, budgeted) for name in ("pagu", "abs_lo")
        )
        pagu = self._sum("pagu", budgeted) if complete else None
        realised = self._sum("real", budgeted) if complete else None
        alone = self._alone(key)
        if alone is not None:
            rate = None if c["abs_lo"][alone] is None else (c["abs_lo"][alone], c["abs_hi"][alone])
            return rate, pagu, realised
        if not budgeted or self._has_none("abs_lo", budgeted):
            return None, pagu, realised
        if method.absorption is AbsorptionAggregation.MEAN_OF_UNIT_RATES:
            rates = _mean([c["abs_lo"][i] for i in budgeted], [c["abs_hi"][i] for i in budgeted])
            return rates, pagu, realised
        if pagu is None or realised is None:
            only = ", ".join(c["unit"][i] for i in budgeted if c["rate"][i] is not None)
            raise MethodNotApplicableError(
                M_(
                    "method {name} sums pagu and realisasi, but in {key} the budget "
                    "of {only} is known only as a printed absorption rate; use a "
                    "method that averages unit rates",
                    name=repr(method.name),
                    key=key,
                    only=only,
                ),
                field="method",
            )
        if not pagu:
            return None, pagu, realised
        quotient, rest = divmod(realised * 100 * _SCALE, pagu)
        return (quotient, quotient + (rest > 0)), pagu, realised

    def exact(self, key: str) -> dict[str, Fraction | None]:
        """The office's figures in period ``key`` as exact fractions (the rare path)."""
        if key not in self._exact:
            self._exact[key] = self._exact_figures(key)
        return self._exact[key]

    def _exact_figures(self, key: str) -> dict[str, Fraction | None]:
        method, values, alone = self.methods[key], self.intervals(key), self._alone(key)
        achievement: Fraction | None = None
        if values["achievement"] is not None:
            capaians = self.units.exact_capaians(key, None)
            if alone is not None or method.achievement is AchievementAggregation.POOLED_INDICATORS:
                achievement = _rational.mean([c for _, c in capaians])
            else:
                grouped: dict[object, list[Fraction]] = {}
                for unit, value in capaians:
                    grouped.setdefault(unit, []).append(value)
                achievement = _rational.mean([_rational.mean(v) for v in grouped.values()])
        absorption: Fraction | None = None
        if values["absorption"] is not None:
            rates = [self.units.exact_unit(i)["absorption"] for i in self._budgeted(key)]
            if alone is not None:
                absorption = rates[0]
            elif method.absorption is AbsorptionAggregation.MEAN_OF_UNIT_RATES:
                absorption = _rational.mean([r for r in rates if r is not None])
            else:
                absorption = _rational.absorption(values["pagu"], values["realisation"])
        return {
            "achievement": achievement,
            "absorption": absorption,
            "performance": combined(achievement, absorption, method),
        }
