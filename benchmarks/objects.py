"""The object path at national scale: many small report files, and one large one.

Generates a directory of UPT report files (each a UPT reporting on itself: 10-20 indicators and
a budget in 2 annual periods, written with ``lakipcore.dump_report``) and one office of N units
in a single file (``benchmarks/scaling.py``'s ``build``: 10 indicators, a budget and printed
figures per unit), then times load, score, audit and write at two sizes of each and prints the
times with their growth ratios (a linear cost grows like the sizes, 10x), the national roll-up
of the files (``lakipcore.rollup`` and its score), memory per indicator-year of a loaded
report (tracemalloc: what stays allocated, and the peak while loading) and the TOML load time
per indicator-year. Score and audit are timed as a library caller gets them, and again with the
loaded reports frozen (``gc.freeze()``, as ``lakip`` does), which takes the cyclic collector's
passes over them out. Asserts nothing.

    python benchmarks/objects.py                          # 60 / 600 files, 1.000 / 10.000 units
    python benchmarks/objects.py --files 20 200 --units 200 2000    # quicker
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Sequence
from decimal import Decimal
from pathlib import Path

import lakipcore as lk
from lakipcore.audit import audit
from lakipcore.formats.batch import BatchResult, load_many
from lakipcore.model.rollup import rollup

sys.path.insert(0, str(Path(__file__).parent))
from scaling import BIG, build  # the sibling benchmark's generator

PERIODS = ("2023", "2024")


def upt(number: int) -> lk.Report:
    """UPT ``number``: 10-20 indicators (some lower-is-better, one not targeted) and a budget
    with two outputs in each of two annual periods, with a few printed figures."""
    code = f"upt-{number:04d}"
    indicators = []
    for i in range(10 + number % 11):
        entries = []
        for p, key in enumerate(PERIODS):
            if i == 9 and p == 0:
                entries.append(lk.IndicatorPeriod(key, lk.figures.NOT_TARGETED))
                continue
            target = lk.Target(lk.MeasureKind.COUNT, Decimal(20 + i))
            realisation = lk.Realisation(lk.MeasureKind.COUNT, Decimal(15 + (number + i + p) % 9))
            printed = (
                lk.model.PrintedFigure(lk.model.Quantity.CAPAIAN, "unit-indicators", "100%"),
            )
            entries.append(lk.IndicatorPeriod(key, target, realisation, printed))
        polarity = lk.Polarity.LOWER_IS_BETTER if i % 7 == 3 else lk.Polarity.HIGHER_IS_BETTER
        indicators.append(
            lk.Indicator(f"{code}-ik{i:02d}", f"Indikator kinerja {i}", entries, polarity=polarity)
        )
    blocks = [
        lk.UnitPeriod(
            key,
            lk.BudgetLine(
                "Program Dukungan Manajemen",
                (
                    lk.BudgetOutput(
                        "Layanan Perkantoran",
                        Decimal(800_000_000 + number),
                        Decimal(790_000_000 + p * 1000),
                    ),
                    lk.BudgetOutput(
                        "Layanan Pemasyarakatan",
                        Decimal(200_000_000),
                        Decimal(180_000_000 + number),
                    ),
                ),
            ),
            (lk.model.PrintedFigure(lk.model.Quantity.ACHIEVEMENT, "unit-dashboard", "100%"),),
        )
        for p, key in enumerate(PERIODS)
    ]
    root = lk.Unit(code, f"Lembaga Pemasyarakatan {number}", indicators, blocks)
    periods = [lk.ReportPeriod(key, method="banten-2019") for key in PERIODS]
    return lk.Report(periods, root, lk.model.KANWIL_TABLES, title=f"LAKIP UPT {number} 2024")


def indicator_years(report: lk.Report) -> int:
    return sum(len(i.periods) for u in report.units() for i in u.indicators)


def timed(function: Callable[[], object]) -> tuple[float, object]:
    start = time.perf_counter()
    value = function()
    return time.perf_counter() - start, value


def files_case(count: int, folder: Path) -> dict[str, float]:
    """Write ``count`` UPT files to ``folder`` and time the batch over them."""
    reports = [upt(n) for n in range(count)]
    folder.mkdir(parents=True, exist_ok=True)

    def write() -> None:
        for n, report in enumerate(reports):
            (folder / f"upt-{n:04d}.toml").write_text(lk.dump_report(report), encoding="utf-8")

    results: dict[str, float] = {}
    results["write (dump + file)"], _ = timed(write)
    results["load, --jobs 1"], one = timed(lambda: load_many([folder], jobs=1))
    cores = os.cpu_count() or 1
    results[f"load, --jobs {cores}"], many = timed(lambda: load_many([folder], jobs=cores))
    assert isinstance(one, BatchResult)
    assert isinstance(many, BatchResult)
    assert one.files == many.files  # the same reports, in the same order
    assert one.ok
    loaded = one.reports
    results["score (each file)"], _ = timed(lambda: [lk.score_report(r) for r in loaded])
    results["audit (each file)"], _ = timed(lambda: [audit(r) for r in loaded])
    results["audit (each file), frozen"], _ = frozen(lambda: [audit(r) for r in loaded])
    results["roll-up (build)"], national = timed(lambda: rollup(loaded))
    assert isinstance(national, lk.Report)
    results["roll-up (score)"], _ = timed(lambda: lk.score_report(national))
    years = sum(indicator_years(r) for r in loaded)
    results["indicator-years"] = years
    results["load µs / indicator-year (jobs 1)"] = results["load, --jobs 1"] / years * 1e6
    return results


def memory(text: str) -> tuple[float, float, int]:
    """Bytes per indicator-year that a loaded report keeps, and at the load's peak."""
    tracemalloc.start()
    report = lk.loads_report(text, limits=BIG)
    current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    years = indicator_years(report)
    return current / years, peak / years, years


def frozen(function: Callable[[], object]) -> tuple[float, object]:
    """``timed`` with everything alive frozen first (``gc.freeze()``), as ``lakip`` does after
    loading (docs/scale.md): the collector's full passes then skip the loaded report."""
    gc.collect()
    gc.freeze()
    try:
        return timed(function)
    finally:
        gc.unfreeze()


def units_case(units: int) -> dict[str, float]:
    """One office of ``units`` units in one file: load, score, audit, write."""
    text = lk.dump_report(build(units))  # the built report is gone before the file is loaded
    results: dict[str, float] = {}
    results["load (loads_report)"], loaded = timed(lambda: lk.loads_report(text, limits=BIG))
    assert isinstance(loaded, lk.Report)
    results["score_report"], _ = timed(lambda: lk.score_report(loaded))
    results["audit"], _ = timed(lambda: audit(loaded))
    results["write (dump_report)"], _ = timed(lambda: lk.dump_report(loaded))
    results["score_report, report frozen"], _ = frozen(lambda: lk.score_report(loaded))
    results["audit, report frozen"], _ = frozen(lambda: audit(loaded))
    per, peak, years = memory(text)
    results["indicator-years"] = years
    results["load µs / indicator-year"] = results["load (loads_report)"] / years * 1e6
    results["bytes / indicator-year, loaded"] = per
    results["bytes / indicator-year, load peak"] = peak
    return results


def table(title: str, small: int, large: int, a: dict[str, float], b: dict[str, float]) -> None:
    print(f"\n{title}: {small} and {large} (size ratio {large / small:g})")
    print(f"{'measurement':36} {small:>12} {large:>12}   ratio")
    for name, before in a.items():
        unit = "" if "/" in name or name == "indicator-years" else " s"
        fmt = "{:12.0f}" if unit == "" else "{:10.3f}"
        ratio = b[name] / before if before else float("nan")
        left, right = fmt.format(before), fmt.format(b[name])
        print(f"{name:36} {left}{unit:2} {right}{unit:2} {ratio:7.2f}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, nargs=2, default=(60, 600), metavar=("SMALL", "LARGE"))
    parser.add_argument(
        "--units", type=int, nargs=2, default=(1000, 10000), metavar=("SMALL", "LARGE")
    )
    parser.add_argument(
        "--keep", metavar="DIR", help="write the generated files here and keep them"
    )
    args = parser.parse_args(argv)
    print(f"cores: {os.cpu_count()}; Python {sys.version.split()[0]}")
    with tempfile.TemporaryDirectory() as temporary:
        base = Path(args.keep or temporary)
        small, large = args.files
        a = files_case(small, base / f"upt-{small}")
        b = files_case(large, base / f"upt-{large}")
        table("UPT report files", small, large, a, b)
    small, large = args.units
    a, b = units_case(small), units_case(large)
    table("units in one report file", small, large, a, b)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
