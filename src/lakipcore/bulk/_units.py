"""The unit stage: achievement, absorption and performance per unit and period, as intervals.

Sums of capaian intervals stay in int64 when ``max |end| × rows < 2**63`` (checked, per group
if the global bound fails); a mean is ``[⌊Σlo / n⌋, ⌈Σhi / n⌉]``. Absorption is the exact long
division of the scaled sums (or a reported rate, exact); performance the weighted sum of the two
intervals, the weights taken as exact fractions.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import Any

from lakipcore.bulk import _numpy, _rational
from lakipcore.bulk._columns import (
    INT64_MAX,
    BoundError,
    ceil_divide,
    checked,
    floor_divide,
    outer_join,
    pyarrow,
    rescale,
    scaled_quotient,
    unscaled,
)
from lakipcore.bulk._rows import INTERNAL_SCALE, Rows, column, text
from lakipcore.errors import InvalidValueError
from lakipcore.i18n import M_
from lakipcore.methods import AbsorptionBase, ScoringMethod

ORIGINAL_COLUMN = "pagu_original"
"""The budget column of the pagu awal: a unit-period's is the sum over its rows that give one
(none given: it states none, and its pagu is its only pagu)."""


def weights_of(method: ScoringMethod) -> tuple[int, int, int]:
    """The performance weights as integers over a common denominator."""
    first, second = Fraction(method.weights.achievement), Fraction(method.weights.absorption)
    denominator = first.denominator * second.denominator
    return (
        int(first * denominator),
        int(second * denominator),
        denominator,
    )


def _encoded(values: Any) -> Any:
    pa, pc = pyarrow()
    return values if pa.types.is_dictionary(values.type) else pc.dictionary_encode(values)


def _check_sums(table: Any, columns: Sequence[str], rows: int) -> None:
    """Refuse sums that could have wrapped: every partial sum is below ``max|x| × rows``."""
    _, pc = pyarrow()
    for name in columns:
        largest = pc.max(pc.abs(table.column(name))).as_py() or 0
        if largest * rows > INT64_MAX:
            raise BoundError(
                f"the sum of {rows} values up to {largest} (scaled) may leave int64; split the "
                "batch by period or unit"
            )


class Units:
    """One row per unit and period, with the intervals of its figures at the internal scale."""

    def __init__(
        self,
        rows: Rows,
        budgets: Any | None,
        methods: Mapping[str, ScoringMethod],
        keys: Sequence[str],
    ) -> None:
        pa, pc = pyarrow()
        self.rows = rows
        self.methods = methods
        self.keys = keys
        self._exact: dict[int, dict[str, Fraction | None]] = {}
        units = self._group_numpy(rows, keys) if rows.np is not None else self._group(rows)
        self.amount_scale = 2  # no budget rows: null amounts at the usual Rupiah scale
        if budgets is not None and budgets.num_rows:
            units = self._join_budgets(units, budgets)
        else:
            empty = pa.nulls(units.num_rows, pa.int64())
            units = units.append_column("pagu", empty).append_column("real", empty)
            units = units.append_column("rate", empty)
            units = units.append_column("budget_rows", pa.array([0] * units.num_rows, pa.int64()))
        index = pc.index_in(units.column("period"), value_set=pa.array(list(keys), pa.string()))
        order = pc.sort_indices(
            pa.table({"p": index, "o": units.column("order")}),
            sort_keys=[("p", "ascending"), ("o", "ascending")],
        )
        self.table = units.take(order)
        self.index = pc.take(index, order)
        self._figures(methods, keys)

    def _group(self, rows: Rows) -> Any:
        """Per unit and period, the count and the sums of the capaian intervals (pyarrow)."""
        pa, pc = pyarrow()
        grouped = (
            pa.table(
                {
                    "period": _encoded(rows.period),
                    "unit": _encoded(rows.unit),
                    "lo": rows.lo,
                    "hi": rows.hi,
                    "row": pa.array(range(rows.count), pa.int64()),
                }
            )
            .group_by(["period", "unit"], use_threads=False)
            .aggregate([("lo", "sum"), ("hi", "sum"), ("lo", "count"), ("row", "min")])
        )
        if rows.count:
            biggest = pc.max(grouped.column("lo_count")).as_py() or 0
            pa_lo = pa.table({"lo": pc.fill_null(rows.lo, 0), "hi": pc.fill_null(rows.hi, 0)})
            _check_sums(pa_lo, ["lo", "hi"], biggest)
        return pa.table(
            {
                "period": text(grouped.column("period").combine_chunks()),
                "unit": text(grouped.column("unit").combine_chunks()),
                # The group's first row: the order of first appearance (a hash group_by's
                # output order is not promised).
                "order": grouped.column("row_min"),
                "n": grouped.column("lo_count"),
                "slo": pc.fill_null(grouped.column("lo_sum"), 0),
                "shi": pc.fill_null(grouped.column("hi_sum"), 0),
            }
        )

    def _group_numpy(self, rows: Rows, keys: Sequence[str]) -> Any:
        """The same table with numpy: a dense group number per row (period × unit code), counts
        by ``bincount`` and exact int64 sums by ``add.at`` after one bound check. ``order`` is
        the group's first row, so units keep their order of first appearance; ``group`` is the
        group number, from which the exact path finds a unit's rows without a string compare."""
        pa, pc = pyarrow()
        np: Any = rows.np
        unit = rows.unit
        distinct_dictionary = pa.types.is_dictionary(unit.type) and len(
            pc.unique(unit.dictionary)
        ) == len(unit.dictionary)
        encoded = unit if distinct_dictionary else pc.dictionary_encode(text(unit))
        if hasattr(encoded, "combine_chunks"):
            # The chunks of one encoding share its dictionary: this joins the indices only.
            encoded = encoded.combine_chunks()
        ucode = np.asarray(encoded.indices.to_numpy(zero_copy_only=False), np.int64)
        width = len(encoded.dictionary)
        groups = rows.pcode * width + ucode
        size = len(keys) * width
        if size > 4 * rows.count + 1024:
            # Many periods × many units, few of the pairs present: number the present ones.
            codes, groups = np.unique(groups, return_inverse=True)
            size = len(codes)
        else:
            codes = np.arange(size, dtype=np.int64)
        # A group's first row starts a run of equal group numbers: look at run starts only.
        starts = np.flatnonzero(np.concatenate(([True], groups[1:] != groups[:-1])))
        first = np.full(size, rows.count, np.int64)
        np.minimum.at(first, groups[starts], starts)
        present = np.flatnonzero(first < rows.count)
        counts = np.bincount(groups[rows.valid_np], minlength=size)
        biggest = int(counts.max()) if size else 0
        sums = []
        for ends in (rows.lo_np, rows.hi_np):
            largest = _numpy.extreme(ends)
            if largest * biggest > INT64_MAX:
                raise BoundError(
                    f"the sum of {biggest} values up to {largest} (scaled) may leave int64; "
                    "split the batch by period or unit"
                )
            total = np.zeros(size, np.int64)
            np.add.at(total, groups, ends)  # rows without capaian hold 0
            sums.append(total)
        self._groups, self._ucode = groups, ucode
        picked = codes[present]
        return pa.table(
            {
                "period": pa.array(list(keys), pa.string()).take(pa.array(picked // width)),
                "unit": text(encoded.dictionary).take(pa.array(picked % width)),
                "order": pa.array(first[present]),
                "n": pa.array(counts[present].astype(np.int64)),
                "slo": pa.array(sums[0][present]),
                "shi": pa.array(sums[1][present]),
                "group": pa.array(present.astype(np.int64)),
            }
        )

    def _join_budgets(self, units: Any, budgets: Any) -> Any:
        pa, pc = pyarrow()
        pagu, p_scale = unscaled(column(budgets, "pagu"), "pagu")
        real, r_scale = unscaled(column(budgets, "realisation"), "realisation")
        stated = column(budgets, ORIGINAL_COLUMN, required=False)
        original, o_scale = (
            (pa.nulls(budgets.num_rows, pa.int64()), 0)
            if stated is None
            else unscaled(stated, ORIGINAL_COLUMN)
        )
        self.amount_scale = scale = max(p_scale, r_scale, o_scale)
        pagu, real = rescale(pagu, p_scale, scale), rescale(real, r_scale, scale)
        original = rescale(original, o_scale, scale)
        rate_column = column(budgets, "rate", required=False)
        if rate_column is None:
            rate = pa.nulls(budgets.num_rows, pa.int64())
        else:
            rate, rate_scale = unscaled(rate_column, "rate")
            if rate_scale > INTERNAL_SCALE:
                raise InvalidValueError(
                    M_(
                        "a reported rate at scale {rate_scale} is finer than the bulk "
                        "path's {internal_scale} places",
                        rate_scale=rate_scale,
                        internal_scale=INTERNAL_SCALE,
                    ),
                    field="rate",
                )
            rate = rescale(rate, rate_scale, INTERNAL_SCALE)
        for name, values in (
            ("pagu", pagu),
            ("realisation", real),
            ("rate", rate),
            (ORIGINAL_COLUMN, original),
        ):
            lowest = pc.min(values).as_py()
            if lowest is not None and lowest < 0:
                raise InvalidValueError(
                    M_("budget {name} must not be negative", name=name), field=name
                )
        if pc.any(pc.and_(pc.is_valid(original), pc.is_null(pagu))).as_py():
            raise InvalidValueError(
                M_("a pagu awal belongs to an output row with pagu and realisasi, not to a rate"),
                field=ORIGINAL_COLUMN,
            )
        half = pc.xor(pc.is_valid(pagu), pc.is_valid(real))
        if pc.any(half).as_py():
            raise InvalidValueError(
                M_("a budget row needs both pagu and realisasi (or only a rate)"), field="pagu"
            )
        keys = {name: text(column(budgets, name)) for name in ("period", "unit")}
        for name, values in keys.items():
            if values.null_count:
                row = pc.index(pc.is_null(values), True).as_py()
                raise InvalidValueError(
                    M_("budget row {row} has no {name}", row=row, name=name), field=name
                )
        table = pa.table(
            {
                "period": keys["period"],
                "unit": keys["unit"],
                "pagu": pagu,
                "real": real,
                "rate": rate,
                "original": original,
                "row": pa.array(range(budgets.num_rows), pa.int64()),
            }
        )
        _check_sums(table, ["pagu", "real", "original"], table.num_rows)
        grouped = table.group_by(["period", "unit"], use_threads=False).aggregate(
            [
                ("pagu", "sum"),
                ("real", "sum"),
                ("pagu", "count"),
                ("rate", "sum"),
                ("rate", "count"),
                ("original", "sum"),
                ("original", "count"),
                ("row", "min"),
            ]
        )
        both = pc.and_(
            pc.greater(grouped.column("rate_count"), 0),
            pc.greater(grouped.column("pagu_count"), 0),
        )
        several = pc.greater(grouped.column("rate_count"), 1)
        if pc.any(pc.or_(both, several)).as_py():
            raise InvalidValueError(
                M_(
                    "a unit's budget in a period is either outputs with pagu and "
                    "realisasi or one reported rate"
                ),
                field="rate",
            )
        # The pagu absorption is measured against (the resolve stage's choice, as the object
        # path's): the pagu awal where the period's method says so and the unit states one.
        against_original = [
            k for k in self.keys if self.methods[k].absorption_base is AbsorptionBase.ORIGINAL
        ]
        base = grouped.column("pagu_sum")
        if against_original:
            use = pc.and_(
                pc.is_in(grouped.column("period"), value_set=pa.array(against_original)),
                pc.greater(grouped.column("original_count"), 0),
            )
            base = pc.if_else(use, grouped.column("original_sum"), base)
        grouped = pa.table(
            {
                "period": grouped.column("period"),
                "unit": grouped.column("unit"),
                "pagu": base,
                "real": grouped.column("real_sum"),
                "rate": grouped.column("rate_sum"),
                "budget_rows": pc.add(grouped.column("pagu_count"), grouped.column("rate_count")),
                "border": grouped.column("row_min"),  # the budget's first row
            }
        )
        joined = outer_join(units, grouped, self.keys)
        # Units with a budget but no indicator rows come after the others, in budget order.
        after = pc.add(joined.column("border"), pa.scalar(INT64_MAX // 2, pa.int64()))
        joined = joined.set_column(
            joined.schema.get_field_index("order"), "order", pc.coalesce(joined["order"], after)
        )
        zero = pa.scalar(0, pa.int64())
        for name in ("n", "slo", "shi", "budget_rows"):
            i = joined.schema.get_field_index(name)
            joined = joined.set_column(i, name, pc.fill_null(joined[name], zero))
        return joined.drop_columns(["border"])

    def _figures(self, methods: Mapping[str, ScoringMethod], keys: Sequence[str]) -> None:
        pa, pc = pyarrow()
        t = self.table
        null = pa.scalar(None, pa.int64())
        n = t.column("n").combine_chunks()
        some = pc.greater(n, 0)
        safe = pc.if_else(some, n, pa.scalar(1, pa.int64()))
        self.ach_lo = pc.if_else(some, floor_divide(t.column("slo").combine_chunks(), safe), null)
        self.ach_hi = pc.if_else(some, ceil_divide(t.column("shi").combine_chunks(), safe), null)
        pagu = t.column("pagu").combine_chunks()
        real = t.column("real").combine_chunks()
        rate = t.column("rate").combine_chunks()
        amounts = pc.fill_null(pc.greater(pagu, 0), False)
        quotient, inexact = scaled_quotient(
            pc.if_else(amounts, real, pa.scalar(0, pa.int64())),
            pc.if_else(amounts, pagu, pa.scalar(1, pa.int64())),
            INTERNAL_SCALE + 2,
        )
        has_rate = pc.is_valid(rate)
        self.abs_lo = pc.if_else(has_rate, rate, pc.if_else(amounts, quotient, null))
        upper = checked("add", quotient, pc.cast(inexact, pa.int64()))
        self.abs_hi = pc.if_else(has_rate, rate, pc.if_else(amounts, upper, null))
        parts = [weights_of(methods[k]) for k in keys]
        first, second, denominator = (
            pc.take(pa.array([p[i] for p in parts], pa.int64()), self.index) for i in range(3)
        )

        def combine(a: Any, b: Any) -> Any:
            return checked("add", checked("multiply", a, first), checked("multiply", b, second))

        both = pc.and_(pc.is_valid(self.ach_lo), pc.is_valid(self.abs_lo))
        low = floor_divide(
            combine(pc.fill_null(self.ach_lo, 0), pc.fill_null(self.abs_lo, 0)), denominator
        )
        high = ceil_divide(
            combine(pc.fill_null(self.ach_hi, 0), pc.fill_null(self.abs_hi, 0)), denominator
        )
        self.perf_lo = pc.if_else(both, low, null)
        self.perf_hi = pc.if_else(both, high, null)

    # --- the exact path for the rare figure whose interval straddles a rounding boundary ---

    def exact_capaians(self, period: str, unit: str | None) -> list[tuple[object, Fraction]]:
        """Every capaian of ``unit`` (or of all units) in ``period`` exactly, each with a key
        that tells its unit apart (the unit, or its code on the numpy path)."""
        _, pc = pyarrow()
        rows = self.rows
        if rows.np is not None:
            np = rows.np
            mask = (rows.pcode == list(self.keys).index(period)) & rows.valid_np
            picked = np.flatnonzero(mask)
            return list(zip(self._ucode[picked].tolist(), rows.exact_rows(picked), strict=True))
        mask = pc.and_(pc.equal(text(rows.period), period), rows.valid)
        if unit is not None:
            mask = pc.and_(mask, pc.equal(text(rows.unit), unit))
        columns = [
            pc.filter(values, mask).to_pylist()
            for values in (text(rows.unit), rows.target, rows.realised, rows.formula, rows.cap)
        ]
        scale = 10**INTERNAL_SCALE
        return [
            (u, _rational.capaian(t, r, f, None if c is None else Fraction(c, scale)))
            for u, t, r, f, c in zip(*columns, strict=True)
        ]

    def _unit_capaians(self, i: int) -> list[Fraction]:
        """The exact capaians of unit row ``i``."""
        rows = self.rows
        if rows.np is None:
            period, unit = self.table["period"][i].as_py(), self.table["unit"][i].as_py()
            return [value for _, value in self.exact_capaians(period, unit)]
        group = self.table["group"][i].as_py()
        if group is None:  # a unit with a budget and no indicator rows
            return []
        np = rows.np
        picked = np.flatnonzero(self._groups == group)
        return rows.exact_rows(picked[rows.valid_np[picked]])

    def exact_unit(self, i: int) -> dict[str, Fraction | None]:
        """The exact achievement, absorption and performance of unit row ``i`` (cached)."""
        if i not in self._exact:
            self._exact[i] = self._exact_unit(i)
        return self._exact[i]

    def _exact_unit(self, i: int) -> dict[str, Fraction | None]:
        t = self.table
        period = t["period"][i].as_py()
        capaians = self._unit_capaians(i)
        achievement = _rational.mean(capaians) if capaians else None
        rate, pagu, real = t["rate"][i].as_py(), t["pagu"][i].as_py(), t["real"][i].as_py()
        absorption: Fraction | None = None
        if rate is not None:
            absorption = Fraction(rate, 10**INTERNAL_SCALE)
        elif pagu:
            absorption = _rational.absorption(pagu, real)
        return {
            "achievement": achievement,
            "absorption": absorption,
            "performance": combined(achievement, absorption, self.methods[period]),
        }


def combined(
    achievement: Fraction | None, absorption: Fraction | None, method: ScoringMethod
) -> Fraction | None:
    """Performance from exact parts, or ``None`` when either is absent."""
    if achievement is None or absorption is None:
        return None
    return _rational.weighted(
        (
            (Fraction(method.weights.achievement), achievement),
            (Fraction(method.weights.absorption), absorption),
        )
    )
