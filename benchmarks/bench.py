"""Benchmarks for lakipcore: import time, in-process scoring, and ``lakip score`` wall time.

Run with the interpreter that has lakipcore installed::

    python benchmarks/bench.py            # 15 runs of each subprocess measurement
    python benchmarks/bench.py --quick    # fewer runs, for a quick look
    python benchmarks/bench.py --runs 30  # more runs, on a noisy machine

The script only prints figures. It asserts nothing and always exits 0 when it could measure:
machines are shared and noisy, so every figure is a median of repeated runs and a target that is
missed is reported as "over", never as a failure.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence

# Targets, in milliseconds.
IMPORT_TARGET_MS = 60.0
SCORE_TARGET_MS = 2.0
AUDIT_TARGET_MS = 20.0
CLI_TARGET_MS = 200.0

# Modules that are costly to import, or that a scoring library should not need at import time.
HEAVY_MODULES = (
    "json",
    "decimal",
    "tomllib",
    "argparse",
    "dateutil",
    "pandas",
    "numpy",
    "openpyxl",
    "matplotlib",
)

DEFAULT_RUNS = 15
QUICK_RUNS = 5
SCORE_REPS = 200
QUICK_SCORE_REPS = 50
WARMUP_REPS = 20

_LIST_MODULES = "import sys\nfor name in sorted(sys.modules):\n    print(name)\n"

# Subprocesses run as an installed wheel would: with cached bytecode. An installer compiles .pyc
# files; a machine with PYTHONDONTWRITEBYTECODE set would otherwise recompile lakipcore on every
# run and measure the compiler, not the import. The cache goes to a private folder.
_PYCACHE = tempfile.mkdtemp(prefix="lakipcore-bench-pycache-")
_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
_ENV["PYTHONPYCACHEPREFIX"] = _PYCACHE


class Row:
    """One line of the result table; times in milliseconds."""

    def __init__(
        self, name: str, samples: Sequence[float], target: float | None, note: str = ""
    ) -> None:
        self.name = name
        self.samples = list(samples)
        self.target = target
        self.note = note

    @property
    def median(self) -> float:
        return statistics.median(self.samples)

    @property
    def p90(self) -> float:
        return percentile(self.samples, 90)

    @property
    def status(self) -> str:
        if self.note:
            return self.note
        if self.target is None:
            return "info"
        return "ok" if self.median <= self.target else "over"


def percentile(samples: Sequence[float], pct: int) -> float:
    """The ``pct``-th percentile (inclusive method); the sole sample when there is only one."""
    if len(samples) == 1:
        return samples[0]
    return statistics.quantiles(samples, n=100, method="inclusive")[pct - 1]


def wall_ms(command: Sequence[str]) -> tuple[float, int]:
    """Wall time of one run of ``command`` in ms, and its exit status; output is discarded."""
    start = time.perf_counter()
    completed = subprocess.run(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, env=_ENV
    )
    return (time.perf_counter() - start) * 1000.0, completed.returncode


def _failed(command: Sequence[str]) -> bool:
    """Run ``command`` once (a warm-up that also fills the bytecode cache); report a failure."""
    _, status = wall_ms(command)
    if status != 0:
        print(f"warning: {' '.join(command)} exited with status {status}", file=sys.stderr)
    return status != 0


def measure_import(runs: int) -> list[Row]:
    """``import lakipcore`` over a bare interpreter: paired runs, so drift affects both alike."""
    bare = [sys.executable, "-c", "pass"]
    importing = [sys.executable, "-c", "import lakipcore"]
    failed = _failed(importing)
    _failed(bare)
    bare_ms: list[float] = []
    import_ms: list[float] = []
    for _ in range(runs):
        bare_ms.append(wall_ms(bare)[0])
        import_ms.append(wall_ms(importing)[0])
    overhead = [
        with_import - without for with_import, without in zip(import_ms, bare_ms, strict=True)
    ]
    return [
        Row(
            "import lakipcore (over bare python)",
            overhead,
            IMPORT_TARGET_MS,
            "error" if failed else "",
        ),
        Row("  python -c 'pass' (bare interpreter)", bare_ms, None),
        Row("  python -c 'import lakipcore'", import_ms, None),
    ]


def loaded_modules(code: str) -> set[str]:
    """The names in ``sys.modules`` after a fresh interpreter runs ``code``."""
    completed = subprocess.run(
        [sys.executable, "-c", code + "\n" + _LIST_MODULES],
        capture_output=True,
        text=True,
        check=False,
        env=_ENV,
    )
    if completed.returncode != 0:
        print(f"warning: could not list modules: {completed.stderr.strip()}", file=sys.stderr)
    return set(completed.stdout.split())


def report_eager_imports() -> None:
    """Print which heavy modules, and which other top-level packages, ``import lakipcore`` loads."""
    bare = loaded_modules("pass")
    after = loaded_modules("import lakipcore")
    heavy = [name for name in HEAVY_MODULES if name in after and name not in bare]
    print("Eager imports of `import lakipcore`:")
    print(f"  heavy modules loaded: {', '.join(heavy) if heavy else 'none'}")
    absent = [name for name in HEAVY_MODULES if name not in after]
    print(f"  heavy modules not loaded: {', '.join(absent) if absent else 'none'}")
    new = after - bare
    top_level = sorted(
        {name.split(".")[0] for name in new if not name.startswith("_")} - {"lakipcore"}
    )
    print(
        f"  modules added: {len(new)} ({len([n for n in new if n.startswith('lakipcore')])} "
        "of them lakipcore's own)"
    )
    print(f"  other top-level packages added: {', '.join(top_level)}")
    print()


def report_bytecode_cache() -> None:
    """Say whether the measured subprocesses import lakipcore from cached bytecode."""
    code = (
        "import os, sys, lakipcore\n"
        "cached = lakipcore.__cached__\n"
        "print(bool(cached) and os.path.exists(cached), sys.dont_write_bytecode)\n"
    )
    completed = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, env=_ENV
    )
    if completed.returncode != 0:
        print(f"warning: import lakipcore failed: {completed.stderr.strip()}", file=sys.stderr)
        return
    has_pyc, no_writes = completed.stdout.split()
    print(f"lakipcore bytecode cached: {has_pyc == 'True'}; bytecode writes disabled: {no_writes}")
    if has_pyc != "True":
        print(
            "  note: every run compiles lakipcore from source (PYTHONDONTWRITEBYTECODE?), "
            "which inflates the import and CLI times"
        )
    print()


def time_calls(function: Callable[[], object], reps: int, warmup: int) -> list[float]:
    """Per-call wall times of ``function`` in ms, after ``warmup`` untimed calls."""
    for _ in range(warmup):
        function()
    samples: list[float] = []
    for _ in range(reps):
        start = time.perf_counter()
        function()
        samples.append((time.perf_counter() - start) * 1000.0)
    return samples


def measure_in_process(runs: int, score_reps: int) -> list[Row]:
    """Scoring the shipped example, plus loading and dumping it, in this process."""
    import lakipcore
    from lakipcore.audit import audit

    report = lakipcore.load_example()
    score = time_calls(lambda: lakipcore.score_report(report), score_reps, WARMUP_REPS)
    audited = time_calls(lambda: audit(report), max(runs, score_reps // 4), 3)
    load = time_calls(lakipcore.load_example, runs, 2)
    dump = time_calls(lambda: lakipcore.dump_report(report), runs, 2)
    return [
        Row(f"score_report(example) x{score_reps}", score, SCORE_TARGET_MS),
        Row(f"audit(example) x{len(audited)}", audited, AUDIT_TARGET_MS),
        Row(f"load_example() x{runs}", load, None),
        Row(f"dump_report(example) x{runs}", dump, None),
    ]


def console_script() -> str | None:
    """The ``lakip`` console script in the directory of ``sys.executable``, if there is one."""
    directory = os.path.dirname(sys.executable)
    for name in ("lakip", "lakip.exe"):
        path = os.path.join(directory, name)
        if os.path.isfile(path) and os.access(path, os.X_OK):
            return path
    return None


def measure_cli(runs: int) -> list[Row]:
    """Wall time of ``python -m lakipcore score`` and, when installed, ``lakip score``."""
    commands = [("python -m lakipcore score", [sys.executable, "-m", "lakipcore", "score"])]
    script = console_script()
    if script is not None:
        commands.append(("lakip score", [script, "score"]))
    rows: list[Row] = []
    for label, command in commands:
        failed = _failed(command)
        samples = [wall_ms(command)[0] for _ in range(runs)]
        rows.append(Row(label, samples, CLI_TARGET_MS, "error" if failed else ""))
    if script is None:
        print("note: no `lakip` console script next to sys.executable; skipped it\n")
    return rows


def _target_text(target: float | None) -> str:
    return "-" if target is None else f"<= {target:g}"


def print_table(rows: Sequence[Row]) -> None:
    """The compact result table: measurement, median, p90, target, status."""
    width = max(len("measurement"), *(len(row.name) for row in rows))
    header = (
        f"{'measurement':<{width}}  {'median ms':>10}  {'p90 ms':>10}  {'target ms':>10}  status"
    )
    print(header)
    print("-" * len(header))
    for row in rows:
        print(
            f"{row.name:<{width}}  {row.median:>10.3f}  {row.p90:>10.3f}  "
            f"{_target_text(row.target):>10}  {row.status}"
        )


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Measure lakipcore's import time, scoring time and `lakip score` wall time."
    )
    parser.add_argument(
        "--runs",
        type=int,
        metavar="N",
        help=f"runs per subprocess measurement (default {DEFAULT_RUNS}, {QUICK_RUNS} with --quick)",
    )
    parser.add_argument(
        "--quick",
        action="store_true",
        help=f"fewer runs ({QUICK_RUNS} per subprocess, {QUICK_SCORE_REPS} scoring repetitions)",
    )
    args = parser.parse_args(argv)
    if args.runs is not None and args.runs < 1:
        parser.error("--runs must be at least 1")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    runs: int = args.runs if args.runs is not None else (QUICK_RUNS if args.quick else DEFAULT_RUNS)
    score_reps = QUICK_SCORE_REPS if args.quick else SCORE_REPS
    print(f"python: {sys.executable} ({sys.version.split()[0]})")
    print(f"runs per subprocess measurement: {runs}; scoring repetitions: {score_reps}\n")
    report_bytecode_cache()
    report_eager_imports()
    rows = measure_import(runs)
    rows += measure_in_process(runs, score_reps)
    rows += measure_cli(runs)
    print_table(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
