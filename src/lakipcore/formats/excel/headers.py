"""Finding the tables of a LAKIP / LKjIP workbook by their headers.

A pengukuran kinerja table has a header row with *Indikator* (or *IKU*, *Indikator Kinerja
Utama*), *Target* and *Realisasi* (and often *Sasaran*, *Satuan*, *Capaian*); a realisasi
anggaran table one with *Pagu* (or *Anggaran*) and *Realisasi*. Headers are compared case- and
spacing-insensitively. A period is read from the header cell (``Target 2019``, ``Realisasi TW
II 2021``, ``Realisasi Bulan Juni 2022``, ``Realisasi s.d. Juni 2022``) or from a header above it
(``Tahun 2019`` merged over Target, Realisasi and Capaian); when they name none, from the
sheet's title (:mod:`.titles`).
"""

from __future__ import annotations

import re
from typing import Final

from lakipcore.dates import MONTH_NAMES
from lakipcore.formats.excel._sheets import Grid
from lakipcore.i18n import LANGUAGES, translate

__all__ = [
    "MONTH_WORDS",
    "YEAR_RE",
    "Header",
    "find_header",
    "fold_label",
    "header_period",
    "label_spellings",
    "normalise",
]

SCAN_ROWS: Final = 30
_ROMAN: Final = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
YEAR_RE: Final = re.compile(r"\b(1[0-9]{3}|2[0-9]{3})\b")
_SEMESTER_RE: Final = re.compile(r"\b(?:semester|smt|sem)\s*(ii|i|[12])\b")
_QUARTER_RE: Final = re.compile(r"\b(?:triwulan|tw)\s*(iv|iii|ii|i|[1-4])\b")
_CUMULATIVE_RE: Final = re.compile(r"\bs\s*\.?\s*d\b|sampai dengan")
# Months by their full names only, with the older spellings still printed: an abbreviation
# ("Mar", "Des") is too likely a word of something else in a header.
_MONTHS: Final = {
    **{name.casefold(): number for number, name in enumerate(MONTH_NAMES, 1)},
    "pebruari": 2,
    "nopember": 11,
}
MONTH_WORDS: Final = "|".join(_MONTHS)
"""The month names a header or a title is read for, as a regex alternation (case-folded)."""
_MONTH_WORD_RE: Final = re.compile(rf"\b(?:{MONTH_WORDS})\b")
# A month followed by its year ("Juni 2022", "Bulan Juni Tahun 2022"), but not one after a day
# number: "31 Desember 2022" is a date ("keadaan s.d. 31 Desember 2022"), not a month's figures.
_MONTH_RE: Final = re.compile(
    rf"(?<![0-9] )\b(?P<month>{MONTH_WORDS}) (?:tahun (?:anggaran )?)?(?P<year>[12][0-9]{{3}})\b"
)


def normalise(value: object) -> str:
    """A header as compared: case-folded, punctuation as spaces, spaces collapsed."""
    text = str(value).casefold().replace("%", " persen ")
    return " ".join(re.sub(r"[^\w]+", " ", text).split())


def fold_label(text: str) -> str:
    """A label or header of lakipcore's own workbooks as matched: spaces collapsed, any case, a
    trailing colon dropped (lighter than :func:`normalise`, which also drops punctuation)."""
    return " ".join(text.split()).casefold().rstrip(":").rstrip()


def label_spellings(msgid: str) -> set[str]:
    """What the catalogue label ``msgid`` reads as in every language, folded: a workbook written
    in English is read back like one written in Indonesian."""
    return {fold_label(translate(msgid, lang)) for lang in LANGUAGES}


def _indicator_role(h: str) -> str | None:  # noqa: PLR0911 - a table of header words, one return each
    if not h:
        return None
    if "capaian" in h:
        return "capaian"
    if h.startswith("target"):
        return "target"
    if h.startswith("realisasi"):
        return "realisation"
    if h.startswith(("satuan kerja", "unit kerja")) or h in ("unit", "satker", "divisi", "bidang"):
        return "unit"
    if h.startswith("satuan"):
        return "unit-label"
    if h.startswith(("sasaran", "tujuan")):
        return "goal"
    if "indikator" in h or h == "iku" or h.startswith("iku "):
        return "name"
    return None


def _budget_role(h: str) -> str | None:  # noqa: PLR0911 - a table of header words, one return each
    if not h:
        return None
    if h.startswith(("persen", "penyerapan")) or "persen" in h.split() or "capaian" in h:
        return "absorption"
    if h.startswith("pagu") or h in ("anggaran", "alokasi anggaran"):
        return "pagu"
    if h.startswith("realisasi"):
        return "realisation"
    if h.startswith("kode"):
        return "code"
    if h.split(maxsplit=1)[0] in (
        "program",
        "kegiatan",
        "output",
        "uraian",
        "keluaran",
        "rincian",
        "komponen",
        "sub",
    ):
        return "name"
    return None


ROLES: Final = {"indicators": _indicator_role, "budget": _budget_role}
PERIOD_ROLES: Final = frozenset({"target", "realisation", "capaian", "pagu", "absorption"})


class Header:
    """A table's header: its kind, its row (0-based), the columns of row roles, the columns of
    period roles by period key (``None`` when the headers name no period), and the columns
    whose header says they hold percentages (``Target (%)``)."""

    def __init__(self, kind: str, row: int) -> None:
        self.kind, self.row = kind, row
        self.columns: dict[str, int] = {}
        self.periods: dict[str | None, dict[str, int]] = {}
        self.percent: set[int] = set()


def header_period(text: str) -> str | None:
    """The period key a header names (``Target 2019`` → ``2019``, ``TW II 2021`` →
    ``2021-tw2``, ``Bulan Juni 2022`` → ``2022-06``, ``s.d. Juni 2022`` → ``2022-sd-06``), or
    ``None``. A header naming two months (``Januari - Juni 2022``) names no month: its year."""
    h = normalise(text)
    year = YEAR_RE.search(h)
    if year is None:
        return None
    key = year[1]
    cumulative = "sd-" if _CUMULATIVE_RE.search(h) else ""
    semester, quarter = _SEMESTER_RE.search(h), _QUARTER_RE.search(h)
    if quarter is not None:
        number = _ROMAN.get(quarter[1]) or int(quarter[1])
        return f"{key}-{cumulative}tw{number}"
    if semester is not None:
        number = _ROMAN.get(semester[1]) or int(semester[1])
        return f"{key}-{cumulative}s{number}"
    month = _MONTH_RE.search(h)
    if month is not None and len(set(_MONTH_WORD_RE.findall(h))) == 1:
        return f"{month['year']}-{cumulative}{_MONTHS[month['month']]:02d}"
    return key


def _roles(grid: Grid, row: int, kind: str) -> dict[int, str]:
    role_of = ROLES[kind]
    found = {}
    for column, value in enumerate(grid.values[row]):
        if isinstance(value, str):
            role = role_of(normalise(value))
            if role is not None:
                found[column] = role
    return found


def _complete(kind: str, roles: set[str]) -> bool:
    if kind == "indicators":
        return {"name", "target", "realisation"} <= roles
    return {"pagu", "realisation"} <= roles and "name" in roles


def find_header(grid: Grid, kind: str | None = None, row: int | None = None) -> Header | None:
    """The header of the first table in ``grid`` (of ``kind``, at ``row`` when given)."""
    rows = [row] if row is not None else range(min(grid.height, SCAN_ROWS))
    kinds = [kind] if kind else list(ROLES)
    for index in rows:
        if index >= grid.height:
            continue
        for candidate in kinds:
            roles = _roles(grid, index, candidate)
            if not _complete(candidate, set(roles.values())) and row is None:
                continue
            header = Header(candidate, index)
            for column, role in roles.items():
                if "persen" in normalise(grid.values[index][column]).split():
                    header.percent.add(column)
                if role in PERIOD_ROLES:
                    header.periods.setdefault(_period_above(grid, index, column), {}).setdefault(
                        role, column
                    )
                else:
                    header.columns.setdefault(role, column)
            return header
    return None


def _period_above(grid: Grid, row: int, column: int) -> str | None:
    # The header cell itself, then the two rows above it (merged group headers are filled).
    for above in (row, row - 1, row - 2):
        if above < 0:
            break
        value = grid.raw(above, column)
        if isinstance(value, int | float) and not isinstance(value, bool):
            value = str(int(value)) if float(value).is_integer() else None
        if isinstance(value, str):
            key = header_period(value)
            if key is not None:
                return key
    return None
