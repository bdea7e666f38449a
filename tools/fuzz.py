"""A long fuzzing campaign: generated strings through every text parser, mutated report files
through load, assess (score and audit), the page and write, mutated workbooks through both
readers and back, mutated Arrow batches through both bulk kernels. Prints what it tried and
what happened.

    python tools/fuzz.py          # the full campaign (1.000.000 / 20.000 / 5.000 / 5.000)
    python tools/fuzz.py --strings 20000 --files 200 --workbooks 100 --batches 100  # a quick one
    python tools/fuzz.py --strings 0 --files 0 --workbooks 1000 --jobs 2 --seed 7

Every input must end in one of two ways: accepted (and then it must round-trip: a figure,
date or period written back reads the same; a report written back loads equal and writes the
same text; a workbook's report written with write_workbook reads back equal with both
readers), or refused with a ``LakipError``. Anything else is counted:

* foreign exceptions (any other exception), by the place in lakipcore that raised them;
* silent changes: an accepted input of a kind the library promises to refuse (a non-ASCII
  digit in a figure or date, a non-canonical period key), one that does not round-trip, a
  workbook the openpyxl and python-calamine readers read differently (one refuses what the
  other accepts, or both accept it as unequal reports), a batch the numpy and pyarrow kernels
  score differently (other tables, or another error), or a report whose batches score
  otherwise than its assessment (``score_tables``);
* slow inputs: any single input that took more than a second of CPU time (a hang, or
  quadratic time); CPU time, so that other work on a shared machine does not count. For a
  workbook, its slowest step: either read, or the round trip.

Workbooks are the shipped examples as ``write_workbook`` writes them and two appendices in a
foreign layout, changed with openpyxl (cell values and types, number formats, rows, columns,
sheets, merges, a stray cell far away) and at the zip level (a member dropped, garbled,
stored twice or edited; the file cut or its bytes changed). Batches are the examples'
``report_to_batches`` and a synthetic one, with values, column types, columns, rows and the
call's options changed; or the batches of a mutated report file, compared with ``assess``.
Each workbook and batch is made from one number (``mutated_workbook(case)``,
``batch_case(case)``), shown first in its example, so a finding can be rebuilt.

The generators are seeded, so a run is repeatable; ``--jobs`` splits the work over processes.
The kinds of input live in ``fuzz_text.py`` (strings, report files), ``fuzz_workbooks.py`` and
``fuzz_batches.py``; ``fuzz_tally.py`` counts.
The exit status is 1 when the campaign found any foreign exception, silent change or slow
input, else 0.
"""

from __future__ import annotations

import argparse
import multiprocessing
import sys
import time
from collections.abc import Callable

from fuzz_batches import batch_case, run_batches
from fuzz_tally import SLOW_KEY, SLOW_SECONDS, Tally
from fuzz_text import (
    ALPHABET,
    PARSERS,
    SEEDS,
    TOKENS,
    _examples,
    _mutate,
    _mutate_file,
    _numeric_part_is_foreign,
    run_files,
    run_strings,
    strings,
)
from fuzz_workbooks import mutated_workbook, run_workbooks

__all__ = [
    "ALPHABET",
    "PARSERS",
    "SEEDS",
    "SLOW_SECONDS",
    "TOKENS",
    "Tally",
    "_examples",
    "_mutate",
    "_mutate_file",
    "_numeric_part_is_foreign",
    "batch_case",
    "campaign",
    "exit_status",
    "main",
    "mutated_workbook",
    "report",
    "run_batches",
    "run_files",
    "run_strings",
    "run_workbooks",
    "strings",
]

# --- the campaign -------------------------------------------------------------------------------


RUNNERS: dict[str, Callable[[int, int], dict[str, Tally]]] = {
    "strings": run_strings,
    "files": run_files,
    "workbooks": run_workbooks,
    "batches": run_batches,
}


def _job(arguments: tuple[str, int, int]) -> dict[str, Tally]:
    kind, count, seed = arguments
    return RUNNERS[kind](count, seed)


def campaign(
    strings_count: int,
    files_count: int,
    jobs: int,
    seed: int,
    *,
    workbooks_count: int = 0,
    batches_count: int = 0,
) -> dict[str, Tally]:
    """Run the campaign split over ``jobs`` processes; return the merged tallies."""
    chunks = max(jobs * 4, 1)
    counts = {
        "strings": strings_count,
        "files": files_count,
        "workbooks": workbooks_count,
        "batches": batches_count,
    }
    work = [
        (kind, count // chunks + (i < count % chunks), seed + 1000 * k + i)
        for k, (kind, count) in enumerate(counts.items())
        for i in range(chunks)
        if count // chunks + (i < count % chunks)
    ]
    merged: dict[str, Tally] = {}
    if jobs > 1:
        with multiprocessing.get_context("spawn").Pool(jobs) as pool:
            results = pool.map(_job, work, chunksize=1)
    else:
        results = [_job(item) for item in work]
    for result in results:
        for name, tally in result.items():
            merged.setdefault(name, Tally()).merge(tally)
    return merged


def faults(tallies: dict[str, Tally]) -> tuple[int, int, int]:
    """The foreign exceptions, silent changes and slow inputs of the campaign."""
    return (
        sum(sum(t.foreign.values()) for t in tallies.values()),
        sum(sum(t.silent.values()) for t in tallies.values()),
        sum(t.slow for t in tallies.values()),
    )


def exit_status(tallies: dict[str, Tally]) -> int:
    """1 when the campaign found any foreign exception, silent change or slow input, else 0."""
    return 1 if any(faults(tallies)) else 0


def report(tallies: dict[str, Tally], seconds: float, strings_count: int) -> str:
    """The counts as a table, then every foreign exception and silent acceptance with an example."""
    lines = [
        f"strings generated: {strings_count:,}".replace(",", "."),
        f"{'input':<18}{'tried':>10}{'accepted':>10}{'refused':>10}{'foreign':>9}{'silent':>8}"
        f"{'>1 s':>6}  slowest",
    ]
    for name, t in tallies.items():
        lines.append(
            f"{name:<18}{t.tried:>10}{t.accepted:>10}{t.refused:>10}{sum(t.foreign.values()):>9}"
            f"{sum(t.silent.values()):>8}{t.slow:>6}  {t.slowest[0] * 1000:.1f} ms"
            f" {t.slowest[1]!r}"
        )
    for name, t in tallies.items():
        for key, number in [*t.foreign.items(), *t.silent.items()]:
            lines.append(f"  {name}: {number} × {key}; e.g. {t.examples[key]!r}")
        if t.slow:
            lines.append(f"  {name}: {t.slow} × {SLOW_KEY}; e.g. {t.examples[SLOW_KEY]!r}")
        for key, number in t.later.items():
            lines.append(f"  {name}: {number} × {key} (refused, with the library's error)")
    totals = faults(tallies)
    lines.append(
        f"total: {totals[0]} foreign exceptions, {totals[1]} silent acceptances, "
        f"{totals[2]} inputs over {SLOW_SECONDS:g} s; {seconds:.0f} s"
    )
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--strings", type=int, default=1_000_000, help="strings to generate")
    parser.add_argument("--files", type=int, default=20_000, help="mutated report files")
    parser.add_argument("--workbooks", type=int, default=5_000, help="mutated workbooks")
    parser.add_argument("--batches", type=int, default=5_000, help="mutated bulk batches")
    parser.add_argument("--jobs", type=int, default=multiprocessing.cpu_count(), help="processes")
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args(argv)
    start = time.perf_counter()
    tallies = campaign(
        args.strings,
        args.files,
        args.jobs,
        args.seed,
        workbooks_count=args.workbooks,
        batches_count=args.batches,
    )
    sys.stdout.write(report(tallies, time.perf_counter() - start, args.strings))
    return exit_status(tallies)


if __name__ == "__main__":
    raise SystemExit(main())
