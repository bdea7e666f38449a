"""The sizes of input lakipcore accepts, so that a web backend can expose it to uploads.

Every limit is far above what a real report needs (the Banten 2019 report, 1.600 lines of TOML,
is 60 KB with 12 units) and low enough that no input within it makes loading, scoring or
auditing slow or exhausts memory. Input beyond a limit is refused with the library's own error
naming the file and field; nothing is cut short or silently dropped. See docs/guarantees.md.
"""

from __future__ import annotations

import unicodedata
from typing import Final

import attrs

from lakipcore.errors import InvalidValueError, LakipTypeError
from lakipcore.i18n import M_

__all__ = ["CELL_TEXT", "DEFAULT_LIMITS", "FIGURE_DIGITS", "Limits", "foreign_character"]

FIGURE_DIGITS: Final = 30
"""Digits in one figure, before and after the decimal comma together. The largest amounts in
Indonesian budgets (the APBN, in Rupiah) have 16; 30 digits keep every sum and product of two
figures exact in the 60-digit arithmetic."""

CELL_TEXT: Final = 500
"""Characters in the printed text of one figure (its unit label and note included), date, list
of dates or period. The parsers' error hints search the text, so the bound keeps them fast."""


def foreign_character(text: str) -> str | None:
    """A description of the first letter or digit of ``text`` outside ASCII, or ``None``.

    Figures, dates and periods are written in ASCII (after spaces and apostrophes are
    normalised); a non-ASCII digit or letter there is a corrupted or spoofed cell.
    """
    if text.isascii():
        return None
    for character in text:
        if character.isalnum() and not character.isascii():
            name = unicodedata.name(character, f"U+{ord(character):04X}")
            return f"{character!r} ({name}) is not an ASCII letter or digit"
    return None


def _positive(_instance: object, attribute: attrs.Attribute[int], value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        raise LakipTypeError(
            M_("{name} must be an int, got {value}", name=attribute.name, value=repr(value)),
            field=attribute.name,
        )
    if value < 1:
        raise InvalidValueError(
            M_("{name} must be 1 or more, got {value}", name=attribute.name, value=value),
            field=attribute.name,
        )


@attrs.frozen
class Limits:
    """The bounds :func:`~lakipcore.loads_report` enforces on one report file, and
    :func:`~lakipcore.excel.read_workbook` on one workbook (``file_bytes`` is the workbook's
    size; the units, indicators and periods it holds are counted as a file's are).

    The defaults suit uploads to a web service; a batch job that trusts its files may raise
    them: ``loads_report(text, limits=Limits(file_bytes=1 << 30))``.
    """

    file_bytes: int = attrs.field(default=32 * 1024 * 1024, validator=_positive)
    """Size of the file in bytes (UTF-8): 32 MiB, about 500 times the Banten report."""
    nesting: int = attrs.field(default=16, validator=_positive)
    """Depth of TOML tables and arrays inside each other; the format itself needs 8."""
    units: int = attrs.field(default=100_000, validator=_positive)
    """Units in one report, the office included (Kemenkumham has about a thousand)."""
    indicators: int = attrs.field(default=1_000_000, validator=_positive)
    """Indicators in one report, over all units."""
    periods: int = attrs.field(default=100, validator=_positive)
    """Periods in one report (a five-year Renstra by quarters and cumulations needs 45)."""
    unpacked_bytes: int = attrs.field(default=512 * 1024 * 1024, validator=_positive)
    """A workbook's parts unpacked (the sizes its zip directory declares, summed): 512 MiB.
    A 100.000-row pengukuran kinerja sheet is about 40 MB; a zip bomb is refused before any
    part is unpacked."""
    sheet_rows: int = attrs.field(default=500_000, validator=_positive)
    """Rows of one sheet, up to its last used row (a stray cell at row 1.048.576 makes a
    sheet that long): five times a national pengukuran kinerja table."""
    sheet_cells: int = attrs.field(default=5_000_000, validator=_positive)
    """Cells of one sheet's used range, its rows times its columns (the grid the readers fill,
    so that one stray cell at XFD1048576 cannot make them allocate 17 billion): 250.000 rows
    of lakipcore's own ``Indikator`` sheet. A range this large costs under a second to read
    even when it is a small table and one stray cell far from it."""


DEFAULT_LIMITS: Final = Limits()
