"""The fuzz campaign's strings and report files (tools/fuzz.py): generated strings through every
text parser, mutated report files through load, assess, the page, score and write.
"""

from __future__ import annotations

import functools
import random
import time
from collections.abc import Callable, Iterator
from importlib.resources import files
from typing import Any

from fuzz_tally import Tally
from fuzz_tally import crash_site as _site

import lakipcore
from lakipcore import LakipError
from lakipcore.dates import format_date, format_date_range, format_dates
from lakipcore.figures import format_figure
from lakipcore.formats.toml import dump_report, loads_report
from lakipcore.render.html import render_html

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


def _example_names() -> list[str]:
    return sorted(p.name for p in files("lakipcore.data").iterdir() if p.name.endswith(".toml"))


def _examples() -> list[str]:
    data = files("lakipcore.data")
    return [(data / name).read_text(encoding="utf-8") for name in _example_names()]


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


@functools.cache
def _example_reports() -> tuple[tuple[str, str], ...]:
    """(file name, text) of each shipped example."""
    return tuple(zip(_example_names(), _examples(), strict=True))
