"""Bulk benchmark (issue 13, part 3): one million indicator rows, exact vs float64.

Generates 1.000.000 indicator rows (10.000 units × 50 indicators × 2 years, with targets that
make capaian land exactly on the half-up boundary at 2 places, and lower-is-better rows) and
one budget row per unit and year, writes them to Parquet in a temporary directory, then runs
three pipelines, each in its own subprocess so that each has its own peak RSS:

* ``lakipcore``: ``pyarrow.parquet.read_table`` → ``lakipcore.bulk.score`` (capaian per row,
  unit achievement, absorption and performance, the office row, unit and office changes);
* ``pandas``: the same figures in float64, rounded half-up as ``floor(x × 100 + 0.5) / 100``;
* ``polars``: the same in float64 with ``round(2)``.

Each pipeline writes its rounded figures; the script counts, for each, the figures that differ
from the exact ones at 2 places half-up. The exact reference is lakipcore.bulk's output, itself
checked on a sample of units against the Decimal core (``lakipcore.capaian`` and exact means).

Each pipeline runs ``--repeat`` times (5), the runs interleaved; the median is printed with the
fastest and the slowest run.

Run: ``python benchmarks/bulk.py`` (``--units`` and ``--indicators`` to change the size).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

TARGETS = (8, 16, 40, 80, 3, 7, 12.5, 200, 25, 6)
"""Targets (whole or with one decimal): 8, 16, 40 and 80 against realisations at 2 places give
capaian ending in 5 at the third place (ties for half-up at 2); 3, 7 and 6 do not terminate."""


def generate(directory: Path, units: int, indicators: int) -> None:
    """Write indicators.parquet and budgets.parquet with a fixed seed."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.parquet as pq

    from lakipcore.bulk._columns import as_decimal

    rng = np.random.default_rng(13)
    rows = units * indicators * 2
    unit_codes = np.array([f"upt-{u:05d}" for u in range(units)], dtype=object)
    unit_index = np.repeat(np.arange(units), indicators * 2)
    period = np.tile(np.repeat(np.array(["2018", "2019"], dtype=object), indicators), units)
    code = np.tile(np.array([f"iku-{i:02d}" for i in range(indicators)], dtype=object), units * 2)
    targets = np.array([int(t * 100) for t in TARGETS], dtype=np.int64)
    target = rng.choice(targets, rows)
    # Realisations around the target (0–160 %), at 2 places (scaled by 100).
    realised = (target * rng.integers(0, 160, rows) // 100) + rng.integers(0, 100, rows)
    lower = rng.random(rows) < 0.1
    table = pa.table(
        {
            "period": pa.array(period, pa.string()),
            "unit": pa.array(unit_codes[unit_index], pa.string()),
            "code": pa.array(code, pa.string()),
            "polarity": pa.array(np.where(lower, "lower", "higher"), pa.string()),
            "target": as_decimal(pa.array(target, pa.int64()), 2),
            "realisation": as_decimal(pa.array(realised, pa.int64()), 2),
        }
    )
    table = table.cast(
        table.schema.set(4, pa.field("target", pa.decimal128(18, 2))).set(
            5, pa.field("realisation", pa.decimal128(18, 2))
        )
    )
    pq.write_table(table, directory / "indicators.parquet")
    pagu = rng.integers(10**8, 10**11, units * 2)
    spent = pagu * rng.integers(700, 1000, units * 2) // 1000
    budgets = pa.table(
        {
            "period": pa.array(np.tile(np.array(["2018", "2019"], dtype=object), units)),
            "unit": pa.array(np.repeat(unit_codes, 2), pa.string()),
            "pagu": pc_decimal(pagu, 0),
            "realisation": pc_decimal(spent, 0),
        }
    )
    pq.write_table(budgets, directory / "budgets.parquet")


def pc_decimal(values: object, scale: int) -> object:
    """An int64 numpy array as ``decimal128(18, scale)``."""
    import pyarrow as pa

    from lakipcore.bulk._columns import as_decimal

    return as_decimal(pa.array(values, pa.int64()), scale).cast(pa.decimal128(18, scale))


# --- pipelines, each run in a subprocess -----------------------------------------------------


def run_lakipcore(directory: Path) -> None:
    import pyarrow.parquet as pq

    from lakipcore import bulk

    indicators = pq.read_table(directory / "indicators.parquet")
    budgets = pq.read_table(directory / "budgets.parquet")
    scored = bulk.score(indicators, budgets, method="banten-2019", with_indicator_changes=False)
    write(directory, "lakipcore", scored.indicators, scored.units, scored.office)


def run_pandas(directory: Path) -> None:
    import numpy as np
    import pandas as pd
    import pyarrow as pa
    import pyarrow.parquet as pq

    def floats(path: Path) -> pd.DataFrame:
        table = pq.read_table(path)
        schema = pa.schema(
            [
                pa.field(f.name, pa.float64()) if pa.types.is_decimal(f.type) else f
                for f in table.schema
            ]
        )
        return table.cast(schema).to_pandas()

    df, budgets = floats(directory / "indicators.parquet"), floats(directory / "budgets.parquet")
    ratio = df["realisation"] / df["target"] * 100
    df["capaian"] = np.where(df["polarity"] == "lower", 200 - ratio, ratio)
    units = df.groupby(["period", "unit"], sort=False)["capaian"].mean().rename("achievement")
    money = budgets.groupby(["period", "unit"], sort=False)[["pagu", "realisation"]].sum()
    units = units.to_frame().join(money)
    units["absorption"] = units["realisation"] / units["pagu"] * 100
    units["performance"] = (units["achievement"] + units["absorption"]) / 2
    office = df.groupby("period")["capaian"].mean().rename("achievement").to_frame()
    totals = budgets.groupby("period")[["pagu", "realisation"]].sum()
    office["absorption"] = totals["realisation"] / totals["pagu"] * 100
    office["performance"] = (office["achievement"] + office["absorption"]) / 2

    def half_up(x: pd.Series) -> pd.Series:
        return np.floor(x * 100 + 0.5) / 100

    rows = pd.DataFrame({"capaian": half_up(df["capaian"])})
    units = units.reset_index()
    for name in ("achievement", "absorption", "performance"):
        units[name] = half_up(units[name])
        office[name] = half_up(office[name])
    write(
        directory,
        "pandas",
        pa.Table.from_pandas(rows, preserve_index=False),
        pa.Table.from_pandas(units[["period", "unit", "achievement", "absorption", "performance"]]),
        pa.Table.from_pandas(
            office.reset_index()[["period", "achievement", "absorption", "performance"]]
        ),
    )


def run_polars(directory: Path) -> None:
    import polars as pl

    def floats(path: Path) -> pl.DataFrame:
        frame = pl.read_parquet(path)
        return frame.with_columns(pl.col(pl.Decimal).cast(pl.Float64))

    df, budgets = floats(directory / "indicators.parquet"), floats(directory / "budgets.parquet")
    ratio = pl.col("realisation") / pl.col("target") * 100
    df = df.with_columns(
        pl.when(pl.col("polarity") == "lower").then(200 - ratio).otherwise(ratio).alias("capaian")
    )
    units = df.group_by(["period", "unit"], maintain_order=True).agg(
        pl.col("capaian").mean().alias("achievement")
    )
    money = budgets.group_by(["period", "unit"]).agg(
        pl.col("pagu").sum(), pl.col("realisation").sum()
    )
    units = units.join(money, on=["period", "unit"], how="left").with_columns(
        (pl.col("realisation") / pl.col("pagu") * 100).alias("absorption")
    )
    units = units.with_columns(
        ((pl.col("achievement") + pl.col("absorption")) / 2).alias("performance")
    )
    office = df.group_by("period", maintain_order=True).agg(
        pl.col("capaian").mean().alias("achievement")
    )
    totals = budgets.group_by("period").agg(pl.col("pagu").sum(), pl.col("realisation").sum())
    office = office.join(totals, on="period").with_columns(
        (pl.col("realisation") / pl.col("pagu") * 100).alias("absorption")
    )
    office = office.with_columns(
        ((pl.col("achievement") + pl.col("absorption")) / 2).alias("performance")
    )
    figures = ["achievement", "absorption", "performance"]
    write(
        directory,
        "polars",
        df.select(pl.col("capaian").round(2)).to_arrow(),
        units.select(["period", "unit", *[pl.col(f).round(2) for f in figures]]).to_arrow(),
        office.select(["period", *[pl.col(f).round(2) for f in figures]]).to_arrow(),
    )


OUTPUTS: dict[str, object] = {}


def write(directory: Path, name: str, rows: object, units: object, office: object) -> None:
    """Keep the pipeline's rounded figures; :func:`child` writes them after the timing."""
    del directory, name
    OUTPUTS.update(rows=rows, units=units, office=office)


PIPELINES = {"lakipcore": run_lakipcore, "pandas": run_pandas, "polars": run_polars}


def high_water_mark() -> int:
    """This process's peak resident memory in bytes, from its own ``VmHWM`` (``ru_maxrss``
    after a fork can report the parent's peak)."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024  # kB
    return 0


def child(name: str, directory: Path, label: str | None = None) -> None:
    """Run one pipeline, timing load → score → aggregate; print seconds and peak RSS. The
    outputs are written under ``label`` (default the pipeline's name)."""
    # Imports are not what is timed: load every library the pipeline uses first.
    import importlib

    # pyarrow.parquet.read_table imports pyarrow.dataset on first use, and that imports pandas
    # when it is installed (about 0,25 s): it is loaded here for every pipeline alike.
    shared = ("numpy", "pyarrow.parquet", "pyarrow.dataset")
    for module in (*shared, "lakipcore.bulk", "pandas", "polars"):
        if name in module or module in shared:
            importlib.import_module(module)
    start = time.perf_counter()
    PIPELINES[name](directory)
    seconds = time.perf_counter() - start
    import pyarrow.parquet as pq

    for part, table in OUTPUTS.items():
        pq.write_table(table, directory / f"{label or name}-{part}.parquet")
    peak = high_water_mark()
    print(json.dumps({"seconds": seconds, "peak": peak}))


# --- checking --------------------------------------------------------------------------------


def check_sample(directory: Path, sample: int) -> int:
    """Check lakipcore.bulk's rows and units of ``sample`` units against the Decimal core."""
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    import lakipcore
    from lakipcore._exact import mean
    from lakipcore.model import Polarity

    rows = pq.read_table(directory / "indicators.parquet")
    got = pq.read_table(directory / "lakipcore-rows.parquet")
    units = pq.read_table(directory / "lakipcore-units.parquet").to_pylist()
    by_unit = {(u["period"], u["unit"]): u for u in units}
    wanted = {f"upt-{u:05d}" for u in range(0, 10_000, max(1, 10_000 // sample))}
    mask = pc.is_in(rows["unit"], value_set=__import__("pyarrow").array(sorted(wanted)))
    picked = rows.filter(mask).to_pylist()
    values = got.filter(mask).column("capaian").to_pylist()
    wrong = 0
    groups: dict[tuple[str, str], list[Decimal]] = {}
    for row, value in zip(picked, values, strict=True):
        polarity = Polarity(row["polarity"])
        exact = lakipcore.capaian(row["target"], row["realisation"], polarity=polarity)
        wrong += lakipcore.round_to(exact, 2) != value
        groups.setdefault((row["period"], row["unit"]), []).append(exact)
    for key, items in groups.items():
        wrong += lakipcore.round_to(mean(items), 2) != by_unit[key]["achievement"]
    return wrong


def differences(directory: Path, name: str) -> int:
    """Figures of ``name`` that differ from lakipcore's exact ones at 2 places half-up."""
    import pyarrow.parquet as pq

    count = 0
    for part in ("rows", "units", "office"):
        exact = pq.read_table(directory / f"lakipcore-{part}.parquet")
        other = pq.read_table(directory / f"{name}-{part}.parquet")
        figures = ["capaian"] if part == "rows" else ["achievement", "absorption", "performance"]
        if part != "rows":
            import pyarrow as pa

            keys = ["period"] if part == "office" else ["period", "unit"]
            for key in keys:
                i = other.schema.get_field_index(key)
                other = other.set_column(i, key, other[key].cast(pa.string()))
            other = (
                exact.select(keys).join(other, keys=keys).sort_by([(k, "ascending") for k in keys])
            )
            exact = exact.sort_by([(k, "ascending") for k in keys])
        for figure in figures:
            want = [None if v is None else Decimal(v) for v in exact[figure].to_pylist()]
            have = other[figure].to_pylist()
            if name not in ("lakipcore", "peer"):  # the others compute in floats
                have = [
                    None if v is None else Decimal(repr(v)).quantize(Decimal("0.01")) for v in have
                ]
            count += sum(a != b for a, b in zip(want, have, strict=True))
    return count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=10_000)
    parser.add_argument("--indicators", type=int, default=50, help="per unit and year")
    parser.add_argument("--repeat", type=int, default=5, help="runs of each pipeline")
    parser.add_argument(
        "--peer",
        help="the python of another install of lakipcore: its bulk path runs as a fourth "
        "pipeline, interleaved with the others, and its ratio to this install is printed",
    )
    parser.add_argument("--child", choices=sorted(PIPELINES), help=argparse.SUPPRESS)
    parser.add_argument("--label", help=argparse.SUPPRESS)
    parser.add_argument("--dir", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.dir, args.label)
        return
    commands = {name: [sys.executable, __file__, "--child", name] for name in PIPELINES}
    if args.peer:
        commands["peer"] = [args.peer, __file__, "--child", "lakipcore", "--label", "peer"]
    with tempfile.TemporaryDirectory() as temp:
        directory = Path(temp)
        generate(directory, args.units, args.indicators)
        rows = args.units * args.indicators * 2
        print(f"{rows:_} indicator rows, {args.units:_} units, 2 years (Parquet)".replace("_", "."))
        # Interleaved runs, the median kept: on a shared machine the load changes from second
        # to second, and the first process after the files are written is slower, whichever
        # pipeline it runs.
        runs: dict[str, list[dict[str, float]]] = {name: [] for name in commands}
        for _ in range(args.repeat):
            for name, command in commands.items():
                out = subprocess.run(
                    [*command, "--dir", str(directory)],
                    check=True,
                    capture_output=True,
                    text=True,
                )
                runs[name].append(json.loads(out.stdout.strip().splitlines()[-1]))
        results = {
            name: {
                "seconds": statistics.median(r["seconds"] for r in items),
                "low": min(r["seconds"] for r in items),
                "high": max(r["seconds"] for r in items),
                "peak": max(r["peak"] for r in items),
            }
            for name, items in runs.items()
        }
        sample = check_sample(directory, 200)
        print(f"lakipcore.bulk checked against the Decimal core on a sample: {sample} differences")
        base = results["pandas"]["seconds"]
        print(f"seconds: the median of {args.repeat} interleaved runs (fastest–slowest)")
        print(
            f"{'pipeline':<10} {'seconds':>8} {'runs':>13} {'× pandas':>9} {'peak RSS':>10} "
            f"{'differences':>12}"
        )
        for name, result in results.items():
            mib = result["peak"] / 2**20
            spread = f"{result['low']:.2f}–{result['high']:.2f}"
            print(
                f"{name:<10} {result['seconds']:8.3f} {spread:>13} "
                f"{result['seconds'] / base:9.2f} {mib:7.0f} MiB "
                f"{differences(directory, name):12d}"
            )
        if "peer" in results:
            mine, theirs = results["lakipcore"]["seconds"], results["peer"]["seconds"]
            print(f"lakipcore / peer: {mine / theirs:.2f} (medians measured in the same run)")


if __name__ == "__main__":
    main()
