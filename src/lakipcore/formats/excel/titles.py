"""What the title above a table says: the office, the report's title and the period.

A hand-kept workbook seldom comes with a mapping file; its sheet opens with a title instead,
one cell (often merged across the table) or one line per row::

    LAPORAN KINERJA KANTOR PERTANAHAN KABUPATEN CONTOH TAHUN 2023

    LAPORAN KINERJA
    KANTOR PERTANAHAN KABUPATEN CONTOH
    TAHUN 2023

or a labelled cell (``Unit Kerja : Kantor Pertanahan Kabupaten Contoh``), and its tab may be
named like a title (``LKj Kantor X 2023``). The office is the title without the words that
name the report and the period; the period is the one year the title names. Nothing else is
read from the title: a line that is neither a label nor starts with the words of a report
title (*Laporan Kinerja*, *LAKIP*, *LKjIP*, *Pengukuran Kinerja*, *IKU*, …) names nothing.
"""

from __future__ import annotations

import re
from typing import Final

import attrs

from lakipcore.formats.excel._sheets import Grid
from lakipcore.formats.excel.headers import (
    MONTH_WORDS,
    SCAN_ROWS,
    YEAR_RE,
    header_period,
    normalise,
)

__all__ = ["Title", "read_title", "sheet_name_title"]

# The words a report's title starts with (docs/excel.md, "The office and the period").
_REPORT_WORDS: Final = re.compile(
    r"^(?:laporan\s+(?:akuntabilitas\s+)?kinerja(?:\s+instansi\s+pemerintah(?:an)?)?"
    r"|lakip|lkjip|lkip|lkj"
    r"|(?:pengukuran\s+)?capaian\s+kinerja|pengukuran\s+kinerja|realisasi\s+kinerja"
    r"|indikator\s+kinerja\s+utama|iku)\b[\s:,.\-–]*",
    re.IGNORECASE,
)
# A label naming the office: "Unit Kerja : Kantor X" (the colon in the cell or its own cell).
_LABELLED: Final = re.compile(
    r"^(?:nama\s+)?(?:instansi|unit\s+kerja|satuan\s+kerja|satker|kantor|unit\s+organisasi"
    r"|perangkat\s+daerah|opd)\s*:\s*(?P<name>\S.*)$",
    re.IGNORECASE,
)
# The period within a title: "TAHUN 2023", "TA 2023", "TRIWULAN II TAHUN 2023", "s.d. 2023",
# "BULAN JUNI 2022", "S.D. JUNI 2022".
_PERIOD_PHRASE: Final = re.compile(
    r"\b(?:(?:s\.?\s*d\.?|sampai\s+dengan)\s+)?"
    r"(?:(?:triwulan|tw|semester|smt)\s+(?:iv|iii|ii|i|[1-4])\s+"
    rf"|(?:bulan\s+)?(?:{MONTH_WORDS})\s+)?"
    r"(?:(?:tahun(?:\s+anggaran)?|t\.?\s?a\.?|periode)\s*)?"
    r"(?:19|20)\d{2}\b",
    re.IGNORECASE,
)
_EDGES: Final = " \t-–,:;."
_TITLE_LINES: Final = 3  # a title of its own lines: report words, office, period


@attrs.frozen
class Title:
    """What a table's title names, each with the cell it was read from: the office, the
    report's title (the title's lines, joined), and the period key."""

    office: tuple[str, str] | None = None
    title: tuple[str, str] | None = None
    period: tuple[str, str] | None = None


def _office_of(title: str) -> str | None:
    """A title without the words that name the report and the period: the office, or
    ``None`` when nothing is left (``IKU 2023``)."""
    rest = _REPORT_WORDS.sub("", title.strip(), count=1)
    rest = " ".join(_PERIOD_PHRASE.sub(" ", rest).split()).strip(_EDGES)
    return rest or None


def _lines(grid: Grid, header_row: int) -> list[tuple[str, str]]:
    """The text above a table's header, one line per row with the cell of its first text:
    each row's distinct texts (a title merged across the columns fills each of them) joined by
    a space."""
    lines = []
    for row in range(min(header_row, SCAN_ROWS)):
        texts: list[str] = []
        first = None
        for column, value in enumerate(grid.values[row]):
            text = value.strip() if isinstance(value, str) else ""
            if text and text not in texts:
                texts.append(text)
                first = column if first is None else first
        if first is not None:
            lines.append((" ".join(texts), grid.ref(row, first)))
    return lines


def _row_of(ref: str) -> int:
    """The row number of a cell reference (``'IKU 2023'!A3`` → 3)."""
    return int(re.search(r"(\d+)$", ref)[0])  # type: ignore[index]


def _period(lines: list[tuple[str, str]]) -> tuple[str, str] | None:
    """The period the lines name, and the cell of the first line naming it, when they name
    exactly one year; else ``None``: a title naming two years (a Renstra's span) says nothing
    of which one the table holds."""
    joined = " ".join(text for text, _ in lines)
    key = header_period(joined)
    if key is None or len(set(YEAR_RE.findall(normalise(joined)))) != 1:
        return None
    return key, next(ref for text, ref in lines if YEAR_RE.search(normalise(text)))


def read_title(grid: Grid, header_row: int) -> Title:
    """What the lines above the header at ``header_row`` of ``grid`` name."""
    lines = _lines(grid, header_row)
    office = next(
        (
            (match["name"].strip(), ref)
            for text, ref in lines
            if (match := _LABELLED.match(text)) is not None
        ),
        None,
    )
    title = None
    start = next((i for i, (text, _) in enumerate(lines) if _REPORT_WORDS.match(text)), None)
    if start is not None:
        block: list[str] = []
        row = _row_of(lines[start][1])
        for text, ref in lines[start : start + _TITLE_LINES]:
            if _row_of(ref) != row + len(block):
                break  # a blank row ends the title
            block.append(text)
            if YEAR_RE.search(text):
                break  # the period ends the title
        joined = " ".join(block)
        title = (joined, lines[start][1])
        named = _office_of(joined)
        if office is None and named is not None:
            office = (named, lines[start][1])
    return Title(office, title, _period(lines))


def sheet_name_title(grid: Grid) -> Title:
    """What a sheet's name says when it reads like a title (``LKj Kantor X 2023``: the office
    and the period; ``IKU 2023``: the period); a name that does not (``Sheet1``, ``Data``)
    names nothing but its one year. The office's place is the sheet (``'LKj Kantor X
    2023'``)."""
    name = grid.name
    period = _period([(name, grid.sheet)])
    if _REPORT_WORDS.match(name) is None:
        return Title(period=period)
    named = _office_of(name)
    return Title(None if named is None else (named, grid.sheet), None, period)
