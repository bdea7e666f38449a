"""Changes between consecutive periods of a kind: office, units and indicators.

A change is later − earlier in percentage points; of two intervals it is
``[lo_later − hi_earlier, hi_later − lo_earlier]``. Units and indicators are paired across the
two periods by a full outer join, so a unit or indicator present in one period only gets null
changes, as in the core.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from fractions import Fraction
from typing import Any

from lakipcore.bulk._columns import as_decimal, contiguous, outer_pairs, pyarrow
from lakipcore.bulk._office import Interval, Offices
from lakipcore.bulk._output import FIGURES, PREFIXES, Output
from lakipcore.bulk._rows import Rows, text
from lakipcore.bulk._units import Units
from lakipcore.model import ReportPeriod


def _difference(later: Interval, earlier: Interval) -> Interval:
    if later is None or earlier is None:
        return None
    return (later[0] - earlier[1], later[1] - earlier[0])


def _later_first(later: Any, earlier: Any) -> Any:
    """Row order of a full outer join: the later period's order, then rows of the earlier only
    (nulls sort last as the largest int64, without a pyarrow-version-dependent option)."""
    pa, pc = pyarrow()
    last = pa.scalar(2**63 - 1, pa.int64())
    keys = pa.table({"b": pc.fill_null(later, last), "a": pc.fill_null(earlier, last)})
    return pc.sort_indices(keys, sort_keys=[("b", "ascending"), ("a", "ascending")])


def _paired(base: Any, periods: Any, earlier: str, later: str, keys: list[str]) -> Any:
    """The rows of ``later`` and ``earlier`` side by side (suffixes ``_b`` and ``_a``)."""
    _, pc = pyarrow()
    now = base.filter(pc.equal(periods, later))
    before = base.filter(pc.equal(periods, earlier))
    joined = now.join(
        before, keys=keys, join_type="full outer", left_suffix="_b", right_suffix="_a"
    )
    return joined.take(_later_first(joined["order_b"], joined["order_a"]))


def _paired_units(base: Any, periods: Any, earlier: str, later: str) -> Any:
    """As :func:`_paired` for the unit table, whose units are unique in a period and in order:
    a hash lookup of the units each way instead of a join and a sort."""
    pa, pc = pyarrow()
    now = contiguous(base.filter(pc.equal(periods, later)))
    before = contiguous(base.filter(pc.equal(periods, earlier)))
    on_now, on_before = outer_pairs(now["unit"], before["unit"])
    columns = {"unit": pc.coalesce(now["unit"].take(on_now), before["unit"].take(on_before))}
    for name in base.column_names:
        if name != "unit":
            columns[f"{name}_b"] = now[name].take(on_now)
            columns[f"{name}_a"] = before[name].take(on_before)
    return pa.table(columns)


def _office_change(offices: Offices, earlier: str, later: str, out: Output) -> Any:
    pa, _ = pyarrow()
    values = {}
    for f in FIGURES:
        interval = _difference(offices.intervals(later)[f], offices.intervals(earlier)[f])

        def exact(f: str = f) -> Fraction | None:
            now, before = offices.exact(later)[f], offices.exact(earlier)[f]
            return None if now is None or before is None else now - before

        values[f] = as_decimal(pa.array([out.one(interval, exact)], pa.int64()), out.scale)
    return pa.table(
        {"earlier": [earlier], "later": [later], "unit": pa.array([None], pa.string()), **values}
    )


def _between(
    minus: Callable[[int, int], Fraction | None], joined: Any, prefix: str, out: Output
) -> Any:
    """The change column of ``prefix`` (``ach``, ...) of paired rows, rounded."""
    _, pc = pyarrow()
    lo = pc.subtract(joined[f"{prefix}_lo_b"], joined[f"{prefix}_hi_a"]).combine_chunks()
    hi = pc.subtract(joined[f"{prefix}_hi_b"], joined[f"{prefix}_lo_a"]).combine_chunks()
    row_b, row_a = joined["row_b"].to_pylist(), joined["row_a"].to_pylist()
    return out.column(lo, hi, lambda i: minus(row_b[i], row_a[i]))


def unit_changes(
    units: Units,
    offices: Offices,
    pairs: Sequence[tuple[ReportPeriod, ReportPeriod]],
    out: Output,
) -> Any:
    """For each pair of periods, the office's change (unit null), then every unit's."""
    pa, pc = pyarrow()
    t = units.table
    base = pa.table(
        {
            "row": pa.array(range(t.num_rows), pa.int64()),
            "unit": t["unit"],
            "order": t["order"],
            **{
                f"{p}_{end}": getattr(units, f"{p}_{end}") for p in PREFIXES for end in ("lo", "hi")
            },
        }
    )
    if offices.office is not None:
        keep = pc.not_equal(t["unit"], offices.office)
        base, periods = base.filter(keep), t["period"].filter(keep)
    else:
        periods = t["period"]
    parts = []
    for earlier, later in pairs:
        office_row = _office_change(offices, earlier.key, later.key, out)
        joined = _paired_units(base, periods, earlier.key, later.key)
        columns = {
            "earlier": pa.array([earlier.key] * joined.num_rows, pa.string()),
            "later": pa.array([later.key] * joined.num_rows, pa.string()),
            "unit": joined["unit"],
        }
        for f, prefix in zip(FIGURES, PREFIXES, strict=True):

            def minus(b: int, a: int, f: str = f) -> Fraction | None:
                now, before = units.exact_unit(b)[f], units.exact_unit(a)[f]
                return None if now is None or before is None else now - before

            columns[f] = _between(minus, joined, prefix, out)
        parts += [office_row, pa.table(columns).cast(office_row.schema)]
    if not parts:
        fields = [("earlier", pa.string()), ("later", pa.string()), ("unit", pa.string())]
        fields += [(f, pa.decimal128(38, out.scale)) for f in FIGURES]
        return pa.schema(fields).empty_table()
    return pa.concat_tables(parts)


def indicator_changes(
    rows: Rows, capaian: Any, pairs: Sequence[tuple[ReportPeriod, ReportPeriod]], out: Output
) -> Any:
    """For each pair of periods, every indicator's capaian in both and the change in points."""
    pa, _ = pyarrow()
    base = pa.table(
        {
            "row": pa.array(range(rows.count), pa.int64()),
            "order": pa.array(range(rows.count), pa.int64()),
            "unit": text(rows.unit),
            "code": text(rows.code),
            "c_lo": rows.lo,
            "c_hi": rows.hi,
            "capaian": capaian,
        }
    )

    def minus(b: int, a: int) -> Fraction | None:
        now, before = rows.exact(b), rows.exact(a)
        return None if now is None or before is None else now - before

    figure = pa.decimal128(38, out.scale)
    parts = []
    for earlier, later in pairs:
        joined = _paired(base, text(rows.period), earlier.key, later.key, ["unit", "code"])
        parts.append(
            pa.table(
                {
                    "earlier": pa.array([earlier.key] * joined.num_rows, pa.string()),
                    "later": pa.array([later.key] * joined.num_rows, pa.string()),
                    "unit": joined["unit"],
                    "code": joined["code"],
                    "later_capaian": joined["capaian_b"],
                    "earlier_capaian": joined["capaian_a"],
                    "points": _between(minus, joined, "c", out),
                }
            )
        )
    if not parts:
        names = ("earlier", "later", "unit", "code")
        fields = [(n, pa.string()) for n in names]
        fields += [(n, figure) for n in ("later_capaian", "earlier_capaian", "points")]
        return pa.schema(fields).empty_table()
    return pa.concat_tables(parts)
