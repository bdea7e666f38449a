"""A long fuzzing campaign: generated strings through every text parser, mutated report files
through load, assess (score and audit), the page and write. Prints what it tried and what happened.

    python tools/fuzz.py                                # the full campaign (1.000.000 / 20.000)
    python tools/fuzz.py --strings 20000 --files 200    # a quick one
    python tools/fuzz.py --jobs 2 --seed 7

Every input must end in one of two ways: accepted (and then it must round-trip: a figure,
date or period written back reads the same; a report written back loads equal and writes the
same text), or refused with a ``LakipError``. Anything else is counted:

* foreign exceptions (any other exception), by the place in lakipcore that raised them;
* silent acceptances: an accepted input of a kind the library promises to refuse (a non-ASCII
  digit in a figure or date, a non-canonical period key) or that does not round-trip;
* slow inputs: any single input that took more than a second of CPU time (a hang, or
  quadratic time); CPU time, so that other work on a shared machine does not count.

The generators are seeded, so a run is repeatable; ``--jobs`` splits the work over processes.
The script always exits 0 when the campaign ran; read the counts.
"""

from __future__ import annotations

import argparse
import collections
import multiprocessing
import random
import sys
import time
import traceback
from collections.abc import Callable, Iterator
from importlib.resources import files
from typing import Any

import lakipcore
from lakipcore import LakipError
from lakipcore.dates import format_date, format_date_range, format_dates
from lakipcore.figures import format_figure
from lakipcore.formats.toml import dump_report, loads_report
from lakipcore.render.html import render_html

SLOW_SECONDS = 1.0

# --- strings ------------------------------------------------------------------------------------

SEEDS = [
    "98,75%",
    "20.142.047.000",
    "7,1",
    "7.1",
    "104.30%",
    "12 Laporan",
    "Rp 19.889.350.777",
    "Rp. 1.250.000,-",
    "100% (total 169 permohonan)",
    "-21,62",
    "−3,5",
    "0",
    "-0",
    "1,000.50",
    "Tidak ditargetkan",
    "136.133 layanan",
    "87,50",
    "95.50%",
    "5 ( )",
    "1.2.3",
    "9,38 Nilai",
    "16 April 2019",
    "11-04-2019",
    "Senin, 16 Desember 2019",
    "27 & 29 November 2019",
    "04,05, & 09 Desember 2019",
    "21 Oktober – 22 November 2019",
    "21-25 Oktober 2019",
    "Jum'at, 08 Maret 2019",
    "Jum’at, 08 Maret 2019",
    "Tahun 2019",
    "Tahun Anggaran 2018",
    "TA 2019",
    "Tahun 2019 s.d. Tahun 2021",
    "Semester I 2019",
    "Triwulan III 2021",
    "bulan Oktober sampai dengan bulan Desember tahun 2019",
    "Oktober 2019",
    "01/02/2020",
]
ALPHABET = (
    "0123456789.,%-−() &/:'’Rp sdSDTahunTriwulanSemesterIVXOktoberDesember"
    "٠١٢٣٤٥٦٧٨٩０１２３\u212a\u200b\u00a0\u2060\ufeff\x00\t\n²³½"
)
TOKENS = [
    "1",
    "12",
    "123",
    "1.234",
    ".",
    ",",
    "%",
    " ",
    "Rp",
    "Rp.",
    "-",
    "(",
    ")",
    "Laporan",
    "s.d.",
    "sampai dengan",
    "&",
    "–",
    "—",
    "Tahun",
    "Anggaran",
    "Semester",
    "Triwulan",
    "I",
    "II",
    "IV",
    "April",
    "Mei",
    "Pebruari",
    "Senin",
    "Jum'at",
    "2019",
    "02019",
    "٢٠١٩",
    "/",
    "16",
    "31",
    "29",
]


def _mutate(text: str, rng: random.Random) -> str:
    chars = list(text)
    for _ in range(rng.randint(1, 3)):
        operation = rng.random()
        position = rng.randint(0, len(chars))
        if operation < 0.4 or not chars:
            chars.insert(position, rng.choice(ALPHABET))
        elif operation < 0.7:
            del chars[min(position, len(chars) - 1)]
        else:
            chars[min(position, len(chars) - 1)] = rng.choice(ALPHABET)
    return "".join(chars)


def strings(count: int, seed: int) -> Iterator[str]:
    """``count`` strings: mutated seeds, token soups, random text and the occasional long one."""
    rng = random.Random(seed)
    for index in range(count):
        kind = index % 10
        if kind < 5:
            yield _mutate(rng.choice(SEEDS), rng)
        elif kind < 8:
            yield "".join(rng.choice(TOKENS) for _ in range(rng.randint(1, 8)))
        elif kind < 9:
            yield "".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 20)))
        else:
            unit = rng.choice(["1", ".111", "1.1", ",1", " 1", "Tahun 2019 s.d. "])
            yield unit * rng.randint(50, 400) + rng.choice(["", "x", "%", "."])


def _figure_back(value: Any) -> str:
    return format_figure(value) if isinstance(value, lakipcore.figures.Figure) else str(value)


def _when_back(value: Any) -> str:
    if isinstance(value, tuple):
        return format_dates(value)
    if isinstance(value, lakipcore.dates.DateRange):
        return format_date_range(value)
    return format_date(value)


def _same_figure(a: Any, b: Any) -> bool:
    if isinstance(a, lakipcore.figures.Figure) and isinstance(b, lakipcore.figures.Figure):
        return (a.value, a.percent, a.unit, a.note, a.currency) == (
            b.value,
            b.percent,
            b.unit,
            b.note,
            b.currency,
        ) and a.value.as_tuple() == b.value.as_tuple()
    return bool(a == b)


# Each parser with how to write its result back and how to compare the re-read value.
PARSERS: dict[str, tuple[Callable[[str], Any], Callable[[Any], str], Callable[[Any, Any], bool]]]
PARSERS = {
    "parse_figure": (lakipcore.parse_figure, _figure_back, _same_figure),
    "parse_cell": (lakipcore.figures.parse_cell, _figure_back, _same_figure),
    "parse_number": (lakipcore.parse_number, lakipcore.format_number, lambda a, b: a == b),
    "parse_date": (lakipcore.dates.parse_date, format_date, lambda a, b: a == b),
    "parse_dates": (lakipcore.dates.parse_dates, format_dates, lambda a, b: a == b),
    "parse_date_range": (lakipcore.dates.parse_date_range, format_date_range, lambda a, b: a == b),
    "parse_when": (lakipcore.dates.parse_when, _when_back, lambda a, b: a == b),
    "parse_period": (
        lakipcore.periods.parse_period,
        str,
        lambda a, b: (a.start, a.end) == (b.start, b.end),
    ),
}


def _numeric_part_is_foreign(name: str, text: str, value: Any) -> bool:
    """An accepted input holding a non-ASCII digit where only 0-9 may be (a silent acceptance)."""
    foreign = [c for c in text if c.isdecimal() and not c.isascii()]
    if not foreign:
        return False
    if isinstance(value, lakipcore.figures.Figure):  # a label or note may hold any text
        labels = (value.unit or "") + (value.note or "")
        return any(c not in labels for c in foreign)
    return name != "parse_cell"


def _site(error: BaseException) -> str:
    frames = [f for f in traceback.extract_tb(error.__traceback__) if "lakipcore" in f.filename]
    where = (
        f"{frames[-1].filename.rsplit('lakipcore', 1)[-1]}:{frames[-1].lineno}" if frames else "?"
    )
    return f"{type(error).__name__} at {where}"


class Tally:
    """What happened to the inputs of one kind."""

    def __init__(self) -> None:
        self.tried = 0
        self.accepted = 0
        self.refused = 0
        self.foreign: collections.Counter[str] = collections.Counter()
        self.silent: collections.Counter[str] = collections.Counter()
        self.later: collections.Counter[str] = collections.Counter()
        self.examples: dict[str, str] = {}
        self.slow = 0
        self.slowest = (0.0, "")

    def merge(self, other: Tally) -> None:
        self.tried += other.tried
        self.accepted += other.accepted
        self.refused += other.refused
        self.foreign.update(other.foreign)
        self.silent.update(other.silent)
        self.later.update(other.later)
        for key, text in other.examples.items():
            self.examples.setdefault(key, text)
        self.slow += other.slow
        self.slowest = max(self.slowest, other.slowest)

    def timed(self, seconds: float, text: str) -> None:
        if seconds > SLOW_SECONDS:
            self.slow += 1
        if seconds > self.slowest[0]:
            self.slowest = (seconds, text[:80])

    def note(self, counter: collections.Counter[str], key: str, text: str) -> None:
        counter[key] += 1
        self.examples.setdefault(key, text[:200])


def run_strings(count: int, seed: int) -> dict[str, Tally]:
    """Every string through every parser."""
    tallies = {name: Tally() for name in PARSERS}
    for text in strings(count, seed):
        for name, (parse, back, same) in PARSERS.items():
            tally = tallies[name]
            tally.tried += 1
            start = time.process_time()
            try:
                value = parse(text)
            except LakipError:
                tally.refused += 1
                tally.timed(time.process_time() - start, text)
                continue
            except Exception as error:
                tally.note(tally.foreign, _site(error), text)
                continue
            tally.timed(time.process_time() - start, text)
            tally.accepted += 1
            if _numeric_part_is_foreign(name, text, value):
                tally.note(tally.silent, "non-ASCII digit accepted", text)
            try:
                again = parse(back(value))
            except Exception as error:
                tally.note(tally.silent, f"written back, not re-read: {_site(error)}", text)
                continue
            if not same(value, again):
                tally.note(tally.silent, "written back, re-read differently", text)
    return tallies


# --- report files -------------------------------------------------------------------------------


def _examples() -> list[str]:
    data = files("lakipcore.data")
    return [
        (data / name).read_text(encoding="utf-8")
        for name in sorted(p.name for p in data.iterdir() if p.name.endswith(".toml"))
    ]


VALUES = [
    '"98,75%"',
    '"7.1"',
    '"0"',
    '"-0"',
    '"1' + "1" * 40 + '"',
    '"٢٠١٩"',
    '"Tidak ditargetkan"',
    "12",
    "1.5",
    "true",
    '""',
    '" "',
    '"x"',
    "[]",
    "{}",
    '"12 Dokumen"',
    '"101%"',
    '"2019"',
    '"02019"',
    '"2019-s1"',
    '"sekjen"',
    '"banten-2019"',
    '"lower"',
    '"ratio"',
    '"sum"',
]


def _mutate_file(text: str, rng: random.Random) -> str:
    lines = text.split("\n")
    for _ in range(rng.randint(1, 4)):
        operation = rng.random()
        index = rng.randrange(len(lines))
        line = lines[index]
        if operation < 0.25 and " = " in line:  # a value replaced
            key = line.split(" = ", 1)[0]
            lines[index] = f"{key} = {rng.choice(VALUES)}"
        elif operation < 0.4:  # a line removed
            del lines[index]
        elif operation < 0.55:  # a line duplicated elsewhere
            lines.insert(rng.randrange(len(lines)), line)
        elif operation < 0.65:  # two lines swapped
            other = rng.randrange(len(lines))
            lines[index], lines[other] = lines[other], line
        elif operation < 0.75 and line.startswith("["):  # a table header renamed
            lines[index] = line.replace("2019", rng.choice(["02019", "2018", "٢٠١٩", "2020"]), 1)
        elif operation < 0.85:  # characters mutated inside a line
            lines[index] = _mutate(line, rng)
        elif operation < 0.92:  # a block of lines moved (order of units and indicators)
            start = rng.randrange(len(lines))
            block = lines[start : start + rng.randint(1, 30)]
            del lines[start : start + len(block)]
            at = rng.randrange(len(lines) + 1)
            lines[at:at] = block
        else:  # the file cut short
            lines = lines[: rng.randrange(1, len(lines) + 1)]
        if not lines:
            lines = [""]
    return "\n".join(lines)


def run_files(count: int, seed: int) -> dict[str, Tally]:
    """Mutated example files through load, assess, the page, score_report, write and re-load."""
    rng = random.Random(seed)
    examples = _examples()
    # The large Banten example costs ten times the others: it takes one file in ten.
    weights = [1 if len(text) > 30_000 else 3 for text in examples]
    tally = Tally()
    for _ in range(count):
        text = _mutate_file(rng.choices(examples, weights)[0], rng)
        tally.tried += 1
        start = time.process_time()
        stage = "load"
        try:
            report = loads_report(text)
            # A report that loads is assessed and audited to the end, and its page is made
            # from that assessment; only then is the strict part, score_report, tried.
            stage = "assess"
            assessment = lakipcore.assess(report)
            stage = "page"
            render_html(assessment)
            stage = "score"
            try:
                lakipcore.score_report(report)
            except LakipError:  # a valid refusal: no method named, an unscorable indicator
                tally.note(tally.later, "loaded, then refused by score_report", text)
            stage = "write"
            written = dump_report(report)
            again = loads_report(written)
        except LakipError:
            tally.refused += 1
            if stage != "load":  # a report that loads must assess (findings) and write
                tally.note(tally.silent, f"loaded, then refused at {stage}", text)
            tally.timed(time.process_time() - start, text)
            continue
        except Exception as error:
            tally.note(tally.foreign, f"{stage}: {_site(error)}", text)
            continue
        tally.timed(time.process_time() - start, text)
        tally.accepted += 1
        if again != report:
            tally.note(tally.silent, "written back, loads unequal", text)
        elif dump_report(again) != written:
            tally.note(tally.silent, "written back, writes differently", text)
    return {"report files": tally}


# --- the campaign -------------------------------------------------------------------------------


def _job(arguments: tuple[str, int, int]) -> dict[str, Tally]:
    kind, count, seed = arguments
    return run_strings(count, seed) if kind == "strings" else run_files(count, seed)


def campaign(strings_count: int, files_count: int, jobs: int, seed: int) -> dict[str, Tally]:
    """Run the campaign split over ``jobs`` processes; return the merged tallies."""
    chunks = max(jobs * 4, 1)
    work = [
        ("strings", strings_count // chunks + (i < strings_count % chunks), seed + i)
        for i in range(chunks)
    ]
    work += [
        ("files", files_count // chunks + (i < files_count % chunks), seed + 1000 + i)
        for i in range(chunks)
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
            lines.append(f"  {name}: {number} × {key}; e.g. {t.examples[key][:300]!r}")
        for key, number in t.later.items():
            lines.append(f"  {name}: {number} × {key} (refused, with the library's error)")
    totals = (
        sum(sum(t.foreign.values()) for t in tallies.values()),
        sum(sum(t.silent.values()) for t in tallies.values()),
        sum(t.slow for t in tallies.values()),
    )
    lines.append(
        f"total: {totals[0]} foreign exceptions, {totals[1]} silent acceptances, "
        f"{totals[2]} inputs over {SLOW_SECONDS:g} s; {seconds:.0f} s"
    )
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--strings", type=int, default=1_000_000, help="strings to generate")
    parser.add_argument("--files", type=int, default=20_000, help="mutated report files")
    parser.add_argument("--jobs", type=int, default=multiprocessing.cpu_count(), help="processes")
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args(argv)
    start = time.perf_counter()
    tallies = campaign(args.strings, args.files, args.jobs, args.seed)
    sys.stdout.write(report(tallies, time.perf_counter() - start, args.strings))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
