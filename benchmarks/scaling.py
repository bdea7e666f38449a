"""How scoring, the audit and the writer grow with the number of units.

Builds an office with N units × 10 indicators × 2 annual periods (with budgets and a few
printed figures) in Python, then times ``score_report``, ``audit``, ``dump_report`` and
``loads_report`` at a small and a large N and prints both times and their ratio against the
ratio of sizes: a linear cost has a time ratio close to the size ratio. Score, audit and dump
are timed a second time with the report frozen (``gc.freeze()``, as ``lakip`` does after
loading), which separates lakipcore's own (linear) work from the cyclic collector's passes over
all live objects. Asserts nothing.

    python benchmarks/scaling.py                 # 1.000 and 10.000 units
    python benchmarks/scaling.py --small 200 --large 2000
"""

from __future__ import annotations

import argparse
import gc
import time
from collections.abc import Callable, Sequence
from decimal import Decimal

import lakipcore as lk
from lakipcore.audit import audit

INDICATORS = 10
PERIODS = ("2023", "2024")
# 10.000 units write 34 MB of TOML, above the default upload limit of 32 MiB.
BIG = lk.limits.Limits(file_bytes=1 << 30, units=1_000_000)


def build(units: int) -> lk.Report:
    """An office with ``units`` units, each with 10 indicators and a budget in both periods."""
    children = []
    for u in range(units):
        indicators = []
        for i in range(INDICATORS):
            entries = []
            for p, key in enumerate(PERIODS):
                target = lk.Target(lk.MeasureKind.COUNT, Decimal(10 + i))
                realisation = lk.Realisation(lk.MeasureKind.COUNT, Decimal(9 + i + p + u % 3))
                printed = (
                    lk.model.PrintedFigure(lk.model.Quantity.CAPAIAN, "unit-indicators", "100%"),
                )
                entries.append(lk.IndicatorPeriod(key, target, realisation, printed))
            indicators.append(lk.Indicator(f"u{u}-i{i}", f"Indikator {i}", entries))
        blocks = [
            lk.UnitPeriod(
                key,
                lk.BudgetLine(
                    "Program",
                    (lk.BudgetOutput("Keluaran", Decimal(1_000_000 + u), Decimal(990_000 + p)),),
                ),
                (lk.model.PrintedFigure(lk.model.Quantity.ACHIEVEMENT, "unit-dashboard", "100%"),),
            )
            for p, key in enumerate(PERIODS)
        ]
        children.append(lk.Unit(f"u{u}", f"Unit {u}", indicators, blocks))
    periods = [lk.ReportPeriod(key, method="banten-2019") for key in PERIODS]
    return lk.Report(periods, lk.Unit("office", "Kantor", units=children), lk.model.KANWIL_TABLES)


def seconds(function: Callable[[], object], repeat: int = 3, *, frozen: bool = False) -> float:
    """The best of ``repeat`` timings of ``function()``, in seconds; with ``frozen`` the objects
    alive before (the report) are frozen first (``gc.freeze()``), as ``lakip`` does after
    loading and docs/scale.md advises: the cyclic collector still runs, but no longer walks the
    report on each of its full passes, whose cost grows with everything alive."""
    best = float("inf")
    for _ in range(repeat):
        if frozen:
            gc.collect()
            gc.freeze()
        try:
            start = time.perf_counter()
            function()
            best = min(best, time.perf_counter() - start)
        finally:
            if frozen:
                gc.unfreeze()
    return best


def measure(units: int) -> dict[str, float]:
    report = build(units)
    text = lk.dump_report(report)
    results = {
        "build (model validation)": seconds(lambda: build(units), 1),
        "score_report": seconds(lambda: lk.score_report(report)),
        "audit": seconds(lambda: audit(report), 1),
        "dump_report": seconds(lambda: lk.dump_report(report)),
        "loads_report": seconds(lambda: lk.loads_report(text, limits=BIG), 1),
    }
    # The same with the report frozen: without the collector's passes over it, which make
    # large runs look superlinear.
    results["score_report, report frozen"] = seconds(lambda: lk.score_report(report), frozen=True)
    results["audit, report frozen"] = seconds(lambda: audit(report), 1, frozen=True)
    results["dump_report, report frozen"] = seconds(lambda: lk.dump_report(report), frozen=True)
    return results


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", type=int, default=1000)
    parser.add_argument("--large", type=int, default=10000)
    args = parser.parse_args(argv)
    small, large = measure(args.small), measure(args.large)
    size_ratio = args.large / args.small
    print(f"{INDICATORS} indicators × {len(PERIODS)} periods per unit; size ratio {size_ratio:g}")
    print(f"{'measurement':30} {args.small:>8} units {args.large:>8} units   ratio")
    for name in small:
        ratio = large[name] / small[name] if small[name] else float("nan")
        print(f"{name:30} {small[name]:12.3f} s {large[name]:12.3f} s {ratio:7.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
