"""The fuzz campaign's workbooks (tools/fuzz.py): the shipped examples as write_workbook writes
them and two foreign appendices, changed cell by cell and at the zip level, through both
readers, the page and the workbook writer.
"""

from __future__ import annotations

import dataclasses
import datetime
import functools
import io
import random
import re
import tempfile
import time
import warnings
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from fuzz_tally import Tally
from fuzz_tally import crash_site as _site
from fuzz_text import _example_reports

import lakipcore
from lakipcore import LakipError, Report
from lakipcore.excel import read_workbook, write_workbook
from lakipcore.formats.excel._layout import CHANGES, DASHBOARD, DATA_SHEETS, FINDINGS
from lakipcore.formats.excel._sheets import column_letter, openpyxl
from lakipcore.formats.toml import loads_report
from lakipcore.render.html import render_html

# --- workbooks ----------------------------------------------------------------------------------

# What a cell may be set to: text a reader parses, numbers of every size and sign, booleans,
# dates and times, formulas without a cached value, Excel errors, nothing.
CELL_VALUES: tuple[object, ...] = (
    None,
    "",
    " ",
    "x",
    "98,75%",
    "7.1",
    "7,1",
    "1.234",
    "Tidak ditargetkan",
    "٢٠١٩",
    "2019",
    "2019-s1",
    "sekjen",
    "banten-2019",
    "lower",
    "ratio",
    "{ x = 1 }",
    "\u200b",
    "a" * 600,
    0,
    1,
    -1,
    7,
    2019,
    1.5,
    0.1 + 0.2,
    -0.001,
    1e-300,
    1e300,
    10**20,
    -(2**63),
    float("inf"),
    float("nan"),
    True,
    False,
    datetime.date(2019, 4, 16),
    datetime.datetime(2019, 12, 31, 23, 59),
    datetime.time(12, 30),
    datetime.timedelta(days=3),
    "=1+1",
    "=A1",
    "#DIV/0!",
    "#N/A",
    "#REF!",
)
NUMBER_FORMATS = ("General", "0", "0.00", "0.00%", "0%", "#,##0", "@", "yyyy-mm-dd", "h:mm")
SHOWN_SHEETS = (DASHBOARD, CHANGES, FINDINGS)  # written for people, read by no one
SHEET_TITLES = (*DATA_SHEETS, "Sheet", "indikator", "Indikator ", "Pengukuran Kinerja", "Data")
MEMBERS = (  # the parts of an .xlsx that a zip mutation picks from, when present
    "[Content_Types].xml",
    "_rels/.rels",
    "xl/workbook.xml",
    "xl/_rels/workbook.xml.rels",
    "xl/styles.xml",
    "xl/sharedStrings.xml",
    "xl/worksheets/sheet1.xml",
    "xl/worksheets/sheet2.xml",
    "xl/worksheets/sheet5.xml",
)
# Edits of the XML where the readers parse it: a cell's type, value or reference, a row's end,
# the dimension, a shared string, a formula.
XML_EDITS = (
    (rb' t="[a-z]+"', [b' t="n"', b' t="s"', b' t="e"', b' t="b"', b' t="str"', b""]),
    (rb"<v>[^<]*</v>", [b"<v>99999</v>", b"<v>-1</v>", b"<v>1E+400</v>", b"<v>x</v>", b"<v/>"]),
    (rb' r="[A-Z]+[0-9]+"', [b' r="A1"', b' r="B2"', b' r="XFD1"', b' r="A0"', b""]),
    (rb"</row>", [b"", b"</row></row>"]),
    (rb'<dimension ref="[^"]*"/>', [b'<dimension ref="A1:XFD1048576"/>', b""]),
    (rb"<si>", [b"", b"<si><t>x</t></si><si>"]),
    (rb"<f>[^<]*</f>", [b"<f>1/0</f>", b""]),
)
CAPAIAN_HEADS = ("Target", "Realisasi", "Capaian")
W3CDTF = re.compile(rb"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z")


def _zipped(parts: list[tuple[str, bytes]]) -> bytes:
    """``parts`` (name, content) as a zip whose members are all dated 1980-01-01."""
    out = io.BytesIO()
    with warnings.catch_warnings(), zipfile.ZipFile(out, "w") as archive:
        warnings.simplefilter("ignore")  # "Duplicate name": meant, by _member_twice
        for name, content in parts:
            archive.writestr(zipfile.ZipInfo(name), content, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def _stable(data: bytes) -> bytes:
    """A workbook openpyxl saved, without the times it wrote (the members' dates, the created
    and modified times of docProps/core.xml): a case gives the same bytes on any day."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        parts = [(info.filename, archive.read(info)) for info in archive.infolist()]
    return _zipped(
        [
            (n, W3CDTF.sub(b"2026-01-01T00:00:00Z", c) if n == "docProps/core.xml" else c)
            for n, c in parts
        ]
    )


def _book_bytes(book: Any) -> bytes:
    out = io.BytesIO()
    book.save(out)
    return _stable(out.getvalue())


def _foreign_seed(merged_header: bool) -> bytes:
    """A small LAKIP appendix in no layout of lakipcore's: a pengukuran kinerja table of two
    units and two periods (named in each header, or in a header merged above), capaian
    formatted as percent, and a realisasi anggaran sheet."""
    book = openpyxl().Workbook()
    sheet = book.active
    sheet.title = "Pengukuran Kinerja"
    head = ["No", "Unit Kerja", "Sasaran", "Indikator Kinerja", "Satuan"]
    if merged_header:
        sheet.append([*head, "Tahun 2022", None, None, "Tahun 2023"])
        sheet.append([None] * 5 + ["Target", "Realisasi", "Capaian (%)"] * 2)
        for cells in ("F1:H1", "I1:K1", *(f"{c}1:{c}2" for c in "ABCDE")):
            sheet.merge_cells(cells)
    else:
        sheet.append(
            [*head, *(f"{what} {year}" for year in (2022, 2023) for what in CAPAIAN_HEADS)]
        )
    for number in range(1, 7):
        label = ("Laporan", "%", "Indeks (skala 10)")[number % 3]
        target = {"Laporan": 10 + number, "%": 0.8, "Indeks (skala 10)": 7.1}[label]
        figures: list[object] = []
        for year in (0, 1):
            realisation = target + (number + year) % 4 - 1 if label == "Laporan" else target
            figures += [target, realisation, realisation / target]
        goal = f"Sasaran {number % 3}"
        sheet.append(
            [number, f"Satker {number % 2 + 1}", goal, f"Indikator {number}", label, *figures]
        )
        for column in ("H", "K", *(("F", "G", "I", "J") if label == "%" else ())):
            sheet[f"{column}{sheet.max_row}"].number_format = "0.00%"
    budget = book.create_sheet("Realisasi Anggaran")
    budget.append(["Kode", "Program / Output", "Pagu 2023", "Realisasi 2023", "%"])
    budget.append([None, "Program Dukungan Manajemen", 219150000, 213734523, 0.9752887])
    budget.append(["a", "Penyusunan Rencana", 145296000, 145291523, 0.9999692])
    budget.append(["b", "Pemantauan Evaluasi", 73854000, 68443000, 0.9267338])
    for row in range(2, 5):
        budget[f"E{row}"].number_format = "0.00%"
    return _book_bytes(book)


@functools.cache
def _workbook_seeds() -> tuple[tuple[str, bytes, bool], ...]:
    """(name, workbook, in lakipcore's own layout): each shipped example as write_workbook
    writes it, and two appendices in a foreign layout."""
    seeds = []
    with tempfile.TemporaryDirectory() as folder:
        for name, text in _example_reports():
            path = write_workbook(lakipcore.assess(loads_report(text)), Path(folder, "seed.xlsx"))
            seeds.append((name, _stable(path.read_bytes()), True))
    seeds.append(("appendix", _foreign_seed(merged_header=False), False))
    seeds.append(("appendix, merged header", _foreign_seed(merged_header=True), False))
    return tuple(seeds)


@dataclasses.dataclass
class _Spot:
    """Where a cell mutation applies: a sheet of the book, a cell in or just past its used
    range."""

    book: Any
    sheet: Any
    row: int
    column: int
    rng: random.Random

    @property
    def ref(self) -> str:
        return f"{column_letter(self.column - 1)}{self.row}"


def _set_value(at: _Spot) -> str:
    value = at.rng.choice(CELL_VALUES)
    if at.rng.random() < 0.3:  # a value from elsewhere in the sheet: plausible, misplaced
        value = at.sheet.cell(at.rng.randint(1, at.sheet.max_row), at.column).value
    at.sheet.cell(at.row, at.column).value = value
    return f"{at.sheet.title}!{at.ref} = {value!r}"[:120]


def _set_format(at: _Spot) -> str:
    cell = at.sheet.cell(at.row, at.column)
    cell.number_format = at.rng.choice(NUMBER_FORMATS)
    return f"{at.sheet.title}!{at.ref} formatted {cell.number_format!r}"


def _delete_rows(at: _Spot) -> str:
    at.sheet.delete_rows(at.row, at.rng.randint(1, 2))
    return f"{at.sheet.title}: row {at.row} deleted"


def _insert_row(at: _Spot) -> str:
    at.sheet.insert_rows(at.row)
    return f"{at.sheet.title}: row inserted at {at.row}"


def _duplicate_row(at: _Spot) -> str:
    at.sheet.insert_rows(at.row + 1)
    for column in range(1, at.sheet.max_column + 1):
        at.sheet.cell(at.row + 1, column).value = at.sheet.cell(at.row, column).value
    return f"{at.sheet.title}: row {at.row} duplicated"


def _delete_column(at: _Spot) -> str:
    at.sheet.delete_cols(at.column)
    return f"{at.sheet.title}: column {column_letter(at.column - 1)} deleted"


def _insert_column(at: _Spot) -> str:
    at.sheet.insert_cols(at.column)
    return f"{at.sheet.title}: column inserted at {column_letter(at.column - 1)}"


def _duplicate_column(at: _Spot) -> str:
    at.sheet.insert_cols(at.column + 1)
    for row in range(1, at.sheet.max_row + 1):
        at.sheet.cell(row, at.column + 1).value = at.sheet.cell(row, at.column).value
    return f"{at.sheet.title}: column {column_letter(at.column - 1)} duplicated"


def _rename_sheet(at: _Spot) -> str:
    old = at.sheet.title
    at.sheet.title = at.rng.choice(SHEET_TITLES)
    return f"sheet {old!r} renamed {at.sheet.title!r}"


def _delete_sheet(at: _Spot) -> str:
    if len(at.book.worksheets) < 2:
        return "(the only sheet kept)"
    at.book.remove(at.sheet)
    return f"sheet {at.sheet.title!r} deleted"


def _move_sheet(at: _Spot) -> str:
    offset = at.rng.randint(-len(at.book.worksheets), len(at.book.worksheets))
    at.book.move_sheet(at.sheet, offset)
    return f"sheet {at.sheet.title!r} moved by {offset}"


def _copy_sheet(at: _Spot) -> str:
    copy = at.book.copy_worksheet(at.sheet)
    return f"sheet {at.sheet.title!r} copied as {copy.title!r}"


def _merge(at: _Spot) -> str:
    rows, columns = at.rng.choice([(0, 1), (1, 0), (1, 1), (3, 0), (0, 2)])
    last = f"{column_letter(at.column - 1 + columns)}{at.row + rows}"
    at.sheet.merge_cells(f"{at.ref}:{last}")
    return f"{at.sheet.title}!{at.ref}:{last} merged"


def _stray_cell(at: _Spot) -> str:
    """A cell far below or to the right, within the default limits: 10 to 400.000 rows down,
    log-uniformly (the readers fill the used range, so the far ones are slow)."""
    row = int(10 ** at.rng.uniform(1, 5.6))
    column = at.rng.randint(1, max(1, min(16_000, 9_000_000 // row)))
    at.sheet.cell(row, column).value = at.rng.choice(["x", 1, "=1"])
    return f"stray cell {at.sheet.title}!{column_letter(column - 1)}{row}"


# Each mutation of a workbook's cells, rows, columns and sheets, with its weight.
CELL_MUTATIONS: tuple[tuple[Callable[[_Spot], str], int], ...] = (
    (_set_value, 35),
    (_set_format, 7),
    (_delete_rows, 8),
    (_insert_row, 5),
    (_duplicate_row, 7),
    (_delete_column, 5),
    (_insert_column, 3),
    (_duplicate_column, 4),
    (_rename_sheet, 4),
    (_delete_sheet, 3),
    (_move_sheet, 3),
    (_copy_sheet, 2),
    (_merge, 8),
    (_stray_cell, 6),
)


def _cell_mutation(book: Any, rng: random.Random) -> str:
    """Change ``book`` in one way; return what was done."""
    readable = [s for s in book.worksheets if s.title not in SHOWN_SHEETS] or book.worksheets
    sheet = rng.choice(readable)
    row, column = rng.randint(1, sheet.max_row + 1), rng.randint(1, sheet.max_column + 1)
    mutate = rng.choices([m for m, _ in CELL_MUTATIONS], [w for _, w in CELL_MUTATIONS])[0]
    return mutate(_Spot(book, sheet, row, column, rng))


def _drop_member(parts: list[tuple[str, bytes]], index: int, rng: random.Random) -> str:
    return f"{parts.pop(index)[0]} dropped"


def _garbage_member(parts: list[tuple[str, bytes]], index: int, rng: random.Random) -> str:
    parts[index] = (parts[index][0], rng.randbytes(rng.randint(0, 2000)))
    return f"{parts[index][0]} replaced by garbage"


def _member_twice(parts: list[tuple[str, bytes]], index: int, rng: random.Random) -> str:
    name, content = parts[index]
    parts.append((name, rng.choice([b"", content[: len(content) // 2], rng.randbytes(50)])))
    return f"{name} stored twice"


def _member_bytes(parts: list[tuple[str, bytes]], index: int, rng: random.Random) -> str:
    name, content = parts[index]
    edited = bytearray(content)
    for _ in range(rng.randint(1, 6)):
        at = rng.randrange(len(edited) + 1)
        byte = rng.choice(b'<>/"= 0123456789.-Eetsnbr#&;')
        if rng.random() < 0.5 and edited:
            edited[min(at, len(edited) - 1)] = byte
        else:
            edited.insert(at, byte)
    parts[index] = (name, bytes(edited))
    return f"bytes in {name} changed"


def _member_xml(parts: list[tuple[str, bytes]], index: int, rng: random.Random) -> str:
    name, content = parts[index]
    pattern, replacements = rng.choice(XML_EDITS)
    found = list(re.finditer(pattern, content))
    if not found:
        return f"(nothing to edit in {name})"
    match, new = rng.choice(found), rng.choice(replacements)
    parts[index] = (name, content[: match.start()] + new + content[match.end() :])
    return f"in {name}, {match[0][:40]!r} → {new!r}"


ZIP_MUTATIONS: tuple[tuple[Callable[[list[tuple[str, bytes]], int, random.Random], str], int], ...]
ZIP_MUTATIONS = (
    (_drop_member, 10),
    (_garbage_member, 15),
    (_member_twice, 10),
    (_member_bytes, 20),
    (_member_xml, 25),
)


def _zip_mutation(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    """``data`` damaged in one way at the file or zip level; with what was done."""
    if rng.random() < 0.1:
        at = rng.randrange(len(data))
        return data[:at], f"cut at byte {at} of {len(data)}"
    if rng.random() < 0.1:
        damaged = bytearray(data)
        for _ in range(rng.randint(1, 4)):
            damaged[rng.randrange(len(damaged))] = rng.randrange(256)
        return bytes(damaged), "bytes of the file changed"
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = [(info.filename, archive.read(info)) for info in archive.infolist()]
    except (zipfile.BadZipFile, OSError, EOFError, zlib.error, ValueError):
        return data, "(not a zip: unchanged)"
    names = [name for name, _ in parts]
    index = names.index(rng.choice([n for n in MEMBERS if n in names] or names))
    mutate = rng.choices([m for m, _ in ZIP_MUTATIONS], [w for _, w in ZIP_MUTATIONS])[0]
    done = mutate(parts, index, rng)
    return _zipped(parts), done


def mutated_workbook(case: int) -> tuple[bytes, str, bool]:
    """Workbook ``case`` of the campaign: a seed changed at the cell level (openpyxl), at the
    zip level, or both; with what was done and whether the seed is in lakipcore's layout."""
    rng = random.Random(case)
    seeds = _workbook_seeds()
    # The Banten workbook costs ten times the others: it takes one in about fifteen.
    weights = [1 if len(data) > 30_000 else 2 for _, data, _ in seeds]
    name, data, native = rng.choices(seeds, weights)[0]
    done = [f"case {case}: {name}"]
    zip_changes = rng.randint(1, 2)
    if rng.random() < 0.75:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl on a title over 31 characters
            book = openpyxl().load_workbook(io.BytesIO(data))
            for _ in range(rng.randint(1, 3)):
                try:
                    done.append(_cell_mutation(book, rng))
                except Exception as error:  # openpyxl refused the change (a merged cell's value)
                    done.append(f"(unchanged: {type(error).__name__})")
            try:
                data = _book_bytes(book)
            except Exception as error:  # openpyxl cannot save what it was given
                done.append(f"(not saved: {type(error).__name__}: the seed unchanged)")
        zip_changes = 1 if rng.random() < 0.2 else 0
    for _ in range(zip_changes):
        data, what = _zip_mutation(data, rng)
        done.append(what)
    return data, "; ".join(done), native


Outcome = Report | LakipError
"""What reading a workbook gave: the report, or the library's refusal."""


def _read(path: Path, reader: str) -> Outcome:
    try:
        return read_workbook(path, reader=reader)
    except LakipError as error:
        return error


def _disagreement(first: Outcome, second: Outcome) -> str | None:
    """How the openpyxl (``first``) and calamine (``second``) readings differ, if they do."""
    if isinstance(first, LakipError) and isinstance(second, LakipError):
        return None
    if isinstance(first, LakipError):
        return f"readers disagree: openpyxl refuses ({type(first).__name__}), calamine accepts"
    if isinstance(second, LakipError):
        return f"readers disagree: openpyxl accepts, calamine refuses ({type(second).__name__})"
    return None if first == second else "readers disagree: unequal reports"


def _shown(text: str, *outcomes: Outcome) -> str:
    """``text`` with the messages of the refusals among ``outcomes``."""
    return text + "".join(f" → {o}" for o in outcomes if isinstance(o, LakipError))


def _compare_readers(first: Outcome, second: Outcome, tally: Tally, text: str) -> None:
    differs = _disagreement(first, second)
    if differs is not None:
        tally.note(tally.silent, differs, _shown(text, first, second))


def _round_trip(report: Report, path: Path, tally: Tally, text: str) -> None:
    """An accepted report assessed, rendered, written and read back by both readers, each
    reading equal to it. A refusal on the way is noted; any other exception propagates, with
    the stage in its notes."""
    stage = "assess"
    try:
        assessment = lakipcore.assess(report)
        stage = "page"
        render_html(assessment)
        stage = "write"
        try:
            write_workbook(assessment, path)
        except LakipError as error:
            if error.field is None:
                tally.note(tally.silent, "refused at write, naming no field", _shown(text, error))
            else:
                tally.note(tally.later, f"refused at write: {type(error).__name__}", text)
            return
        for reader in ("openpyxl", "calamine"):
            stage = f"read back ({reader})"
            again = _read(path, reader)
            if isinstance(again, LakipError):
                tally.note(tally.silent, f"written, not read back ({reader})", _shown(text, again))
            elif again != report:
                tally.note(tally.silent, f"workbook round trip unequal ({reader})", text)
    except LakipError as error:
        tally.note(tally.silent, f"accepted, then refused at {stage}", _shown(text, error))
    except Exception as error:
        error.add_note(stage)
        raise


def run_workbooks(count: int, seed: int) -> dict[str, Tally]:
    """Mutated workbooks through both readers; an accepted one assessed, rendered, written and
    read back. Each input's time is that of its slowest step (a read, or the round trip)."""
    rng = random.Random(seed)
    tally = Tally()
    with tempfile.TemporaryDirectory() as folder, warnings.catch_warnings():
        warnings.simplefilter("ignore")  # openpyxl on what it does not support: not a failure
        path, written = Path(folder, "fuzz.xlsx"), Path(folder, "written.xlsx")
        for _ in range(count):
            data, text, _ = mutated_workbook(rng.getrandbits(32))
            path.write_bytes(data)
            tally.tried += 1
            steps: list[float] = []
            stage = "read (openpyxl)"
            try:
                start = time.process_time()
                first = _read(path, "openpyxl")
                steps.append(time.process_time() - start)
                stage = "read (calamine)"
                second = _read(path, "calamine")
                steps.append(time.process_time() - start - steps[0])
                _compare_readers(first, second, tally, text)
                if not isinstance(first, LakipError):
                    start = time.process_time()
                    _round_trip(first, written, tally, text)
                    steps.append(time.process_time() - start)
            except Exception as error:
                stage = (getattr(error, "__notes__", None) or [stage])[-1]
                tally.note(tally.foreign, f"{stage}: {_site(error)}", text)
                continue
            tally.timed(max(steps), text)
            if isinstance(first, LakipError):
                tally.refused += 1
            else:
                tally.accepted += 1
    return {"workbooks": tally}
