"""The one pass at scale: scoring and auditing a generated office, against a peer install.

Builds an office of N units × 10 indicators × 2 annual periods (each indicator and unit with a
printed figure, so that the audit has work), freezes it as ``lakip`` does after loading, and
times the pass that gives both the scores and the findings: ``lakipcore.assess(report)``, or,
in a version without it (the peer, e.g. the release before the one-assessment change), what an
output did there, ``score_report(report)`` and ``audit(report)`` (which scored the report again).
Each size runs in a child process per interpreter; the best of ``--repeat`` runs is printed,
with the growth ratio between the two sizes (a linear cost grows like the sizes, 2×) and, with
``--peer``, the ratio of this install's time to the peer's at each size, measured in the same
run. Then the wall time of ``lakip score`` and ``lakip report`` on the shipped example, each
against the peer's ``lakip`` when given. Asserts nothing.

    python benchmarks/assessment.py                                   # 10.000 and 20.000 units
    python benchmarks/assessment.py --peer /path/to/old/venv/bin/python
    python benchmarks/assessment.py --sizes 1000 2000 --repeat 1      # quicker
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

# Run in a child process by each interpreter: only names both versions of lakipcore have.
CHILD = r"""
import gc, json, sys, time
from decimal import Decimal
from lakipcore.model import (
    KANWIL_TABLES, BudgetLine, BudgetOutput, Indicator, IndicatorPeriod, MeasureKind,
    PrintedFigure, Quantity, Realisation, Report, ReportPeriod, Target, Unit, UnitPeriod,
)

units, repeat = int(sys.argv[1]), int(sys.argv[2])
PERIODS = ("2023", "2024")
children = []
for u in range(units):
    indicators = []
    for i in range(10):
        entries = []
        for p, key in enumerate(PERIODS):
            printed = (PrintedFigure(Quantity.CAPAIAN, "unit-indicators", "100%"),)
            entries.append(IndicatorPeriod(
                key,
                Target(MeasureKind.COUNT, Decimal(10 + i)),
                Realisation(MeasureKind.COUNT, Decimal(9 + i + p + u % 3)),
                printed,
            ))
        indicators.append(Indicator(f"u{u}-i{i}", f"Indikator {i}", entries))
    blocks = [
        UnitPeriod(
            key,
            BudgetLine("Program", (BudgetOutput("Keluaran", Decimal(1_000_000 + u),
                                                Decimal(990_000 + p)),)),
            (PrintedFigure(Quantity.ACHIEVEMENT, "unit-dashboard", "100%"),),
        )
        for p, key in enumerate(PERIODS)
    ]
    children.append(Unit(f"u{u}", f"Unit {u}", indicators, blocks))
periods = [ReportPeriod(key, method="banten-2019") for key in PERIODS]
report = Report(periods, Unit("office", "Kantor", units=children), KANWIL_TABLES)

try:
    from lakipcore.assessment import assess
    def one_pass():
        return assess(report)
    api = "assess(report)"
except ImportError:
    from lakipcore import score_report
    from lakipcore.audit import audit
    def one_pass():
        return score_report(report), audit(report)
    api = "score_report(report) + audit(report)"

gc.collect()
gc.freeze()  # as lakip does after loading
best = float("inf")
for _ in range(repeat):
    start = time.perf_counter()
    one_pass()
    best = min(best, time.perf_counter() - start)
print(json.dumps({"seconds": best, "api": api}))
"""


def child(python: str, units: int, repeat: int) -> dict[str, object]:
    """The child's measurement, run with ``python``."""
    done = subprocess.run(
        [python, "-c", CHILD, str(units), str(repeat)],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONHASHSEED": "0"},
    )
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def wall(command: list[str], runs: int) -> float:
    """The median wall time of ``command`` over ``runs`` runs (output discarded)."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, check=False)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs=2, default=(10_000, 20_000))
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--runs", type=int, default=7, help="runs of each lakip command")
    parser.add_argument("--peer", help="the python of another install of lakipcore")
    args = parser.parse_args()
    pythons = {"this": sys.executable}
    if args.peer:
        pythons["peer"] = args.peer
    results: dict[str, dict[int, dict[str, object]]] = {name: {} for name in pythons}
    # Interleaved, size by size, so that a busy moment on a shared machine hits both.
    for units in args.sizes:
        for name, python in pythons.items():
            results[name][units] = child(python, units, args.repeat)
    small, large = args.sizes
    print(
        f"scores and findings of an office of N units x 10 indicators x 2 periods (best of "
        f"{args.repeat}, report frozen)"
    )
    for name in pythons:
        rows = results[name]
        a, b = float(rows[small]["seconds"]), float(rows[large]["seconds"])  # type: ignore[arg-type]
        print(
            f"  {name:<4} {rows[small]['api']:<40} {small:>6}: {a:6.2f} s   {large:>6}: {b:6.2f} s"
            f"   growth {b / a:4.2f} (sizes {large / small:.1f})"
        )
    if args.peer:
        for units in args.sizes:
            mine = float(results["this"][units]["seconds"])  # type: ignore[arg-type]
            theirs = float(results["peer"][units]["seconds"])  # type: ignore[arg-type]
            print(f"  this / peer at {units}: {mine / theirs:.2f}")
    example = str(Path(__file__).resolve().parent.parent / "src/lakipcore/data/banten-2019.toml")
    print(f"\nlakip commands on the shipped example (median of {args.runs})")
    for command in (["score", example], ["report", example]):
        line = f"  lakip {command[0]:<7}"
        times = {}
        for name, python in pythons.items():
            lakip = str(Path(python).with_name("lakip"))
            times[name] = wall([lakip, *command], args.runs)
            line += f"  {name}: {times[name] * 1000:6.0f} ms"
        if "peer" in times:
            line += f"   this / peer: {times['this'] / times['peer']:.2f}"
        print(line)


if __name__ == "__main__":
    main()
