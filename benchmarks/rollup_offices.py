"""The national roll-up of same-shaped offices: ``lakip score DIR`` over N Kanwil files.

Writes N copies of a Kanwil report file that share their unit codes (``sekjen``, ``ahu``,
``ham``, …) and differ by their office code (``kanwil-001``, ``kanwil-002``, …) into a
temporary directory, then times ``lakip score DIR`` (text, and ``--format json``) as a user
runs it, in a subprocess with this interpreter, and the stages of the same batch in this
process: loading the files, scoring each, building the roll-up (which addresses each unit
within its office, ``kanwil-001/sekjen``) and scoring it. By default the file is the shipped
Banten example (a Kanwil of 9 units, 2 periods, printed figures, evidence and derived figures);
``--units N`` writes a generated Kanwil of N units of 10 indicators instead. Prints the
times and the exit status; asserts nothing (docs/scale.md, "Limits and measured figures").

    python benchmarks/rollup_offices.py                       # 200 copies of the Banten file
    python benchmarks/rollup_offices.py --files 33 --jobs 2
    python benchmarks/rollup_offices.py --units 30            # a generated Kanwil of 30 units
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

import attrs

import lakipcore as lk
from lakipcore.formats.batch import load_many
from lakipcore.model.rollup import rollup

sys.path.insert(0, str(Path(__file__).parent))
from scaling import build  # the sibling benchmark's generator: N units x 10 indicators

_T = TypeVar("_T")


def office(units: int | None) -> lk.Report:
    """The Kanwil every file copies: the Banten example, or a generated one of ``units``."""
    return lk.load_example() if units is None else build(units)


def write(folder: Path, template: lk.Report, count: int) -> None:
    """``count`` copies of ``template``, each with its own office code, in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(1, count + 1):
        code = f"kanwil-{n:03d}"
        report = attrs.evolve(template, root=attrs.evolve(template.root, code=code))
        (folder / f"{code}.toml").write_text(lk.dump_report(report), encoding="utf-8")


def timed(function: Callable[[], _T]) -> tuple[float, _T]:
    start = time.perf_counter()
    value = function()
    return time.perf_counter() - start, value


def command(folder: Path, *options: str) -> tuple[float, int, int]:
    """Wall time, exit status and bytes of standard output of ``lakip score folder``."""
    argv = [sys.executable, "-m", "lakipcore", "score", str(folder), "--quiet", *options]
    start = time.perf_counter()
    done = subprocess.run(argv, capture_output=True, check=False)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        sys.stderr.write(done.stderr.decode("utf-8", "replace"))
    return elapsed, done.returncode, len(done.stdout)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=200, help="how many offices (default 200)")
    parser.add_argument(
        "--units", type=int, default=None, help="a generated Kanwil of N units, not Banten's"
    )
    parser.add_argument(
        "--jobs", type=int, default=1, help="lakip's --jobs for the command (default 1)"
    )
    parser.add_argument("--keep", metavar="DIR", help="write the files here and keep them")
    args = parser.parse_args(argv)
    template = office(args.units)
    units = len(list(template.units()))
    print(f"cores: {os.cpu_count()}; Python {sys.version.split()[0]}")
    print(
        f"{args.files} files, each a Kanwil of {units} units (the office and "
        f"{units - 1} below it, the same unit codes in every file)"
    )
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(args.keep or temporary) / "kanwil"
        seconds, _ = timed(lambda: write(folder, template, args.files))
        print(f"{'write the files':44} {seconds:8.3f} s")
        jobs = ("--jobs", str(args.jobs))
        for label, options in (
            (f"lakip score DIR --jobs {args.jobs}", jobs),
            (f"lakip score DIR --jobs {args.jobs} --format json", (*jobs, "--format", "json")),
        ):
            seconds, status, size = command(folder, *options)
            print(f"{label:44} {seconds:8.3f} s  exit {status}, {size:,} bytes of output")
        seconds, batch = timed(lambda: load_many([folder], jobs=1))
        reports = batch.reports
        print(f"{'  in process: load_many, jobs=1':44} {seconds:8.3f} s  ({len(reports)} reports)")
        seconds, _ = timed(lambda: [lk.score_report(r) for r in reports])
        print(f"{'  in process: score each file':44} {seconds:8.3f} s")
        seconds, national = timed(lambda: rollup(reports))
        count = len(list(national.units()))
        print(f"{'  in process: rollup (addressed units)':44} {seconds:8.3f} s  ({count} units)")
        seconds, scored = timed(lambda: lk.score_report(national))
        performance = scored.current.performance
        shown = "-" if performance is None else lk.format_percent(performance)
        print(f"{'  in process: score the roll-up':44} {seconds:8.3f} s  (performance {shown})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
