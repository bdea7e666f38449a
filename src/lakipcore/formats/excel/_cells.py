"""Exact values from spreadsheet cells.

A numeric cell holds a binary double. Excel itself shows and computes with at most 15
significant digits, so the number a person typed (``9,38``) or a formula shows (``0,1+0,2`` is
``0,3``) is the double's 15-digit repr: ``Decimal(format(x, ".15g"))``. ``Decimal(x)`` would keep
the binary expansion (``9.379999999999999005…``) and is never used.

A cell's number format says how it is shown: ``0.00%`` shows 0,9875 as ``98,75%`` (the value is
multiplied by 100 and two decimals are the printed precision). An *input* (a target, a
realisation, a pagu) keeps every digit of its value and gains the shown trailing zeros
(``0.80`` at ``0.00%`` is ``80,00%``); a *printed figure* (a capaian column) is what the cell
shows, rounded half-up at the shown decimals, as Excel displays it.
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_EVEN, Decimal
from typing import Final

import attrs

from lakipcore._exact import context, quantize
from lakipcore.errors import FigureFormatError, LakipTypeError
from lakipcore.figures import format_number
from lakipcore.i18n import M_
from lakipcore.rounding import Rounding, places_of, round_to

__all__ = [
    "NumberFormat",
    "beyond_dates",
    "cell_decimal",
    "cell_text",
    "is_date_format",
    "number_format",
    "xlsx_string",
    "xlsx_unescape",
]

_QUOTED: Final = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]|_.|\*.')
_ONE: Final = Decimal(1)
# ECMA-376's escape for a character in cell text (ST_Xstring): _x000D_ is a carriage return,
# _x005F_ an underscore that would otherwise start an escape. Excel and python-calamine
# decode it; openpyxl neither decodes nor writes it.
_ESCAPED: Final = re.compile(r"_x([0-9A-Fa-f]{4})_")
_NEEDS_ESCAPE: Final = re.compile(r"\r|_(?=x[0-9A-Fa-f]{4}_)")


# What makes a number format show a date or time (the rule openpyxl applies): a d, m, y, h or
# s outside quotes and outside [brackets] other than the elapsed-time [h] [mm] [ss].
_DATE_STRIP: Final = re.compile(r'".*?"|\[(?!hh?\]|mm?\]|ss?\])[^\]]*\]')
_DATE_PART: Final = re.compile(r"(?<![_\\])[dmhysDMHYS]")
_EXCEL_EPOCH: Final = datetime(1899, 12, 30)


def is_date_format(code: str) -> bool:
    """Whether the number format ``code`` shows a date or time (``yyyy-mm-dd``, ``h:mm``)."""
    return _DATE_PART.search(_DATE_STRIP.sub("", code.split(";", 1)[0])) is not None


def beyond_dates(serial: float) -> bool:
    """Whether a number formatted as a date is outside the dates a reader can give (Excel shows
    ``####``; openpyxl reads the cell as the error ``#VALUE!``)."""
    try:
        _EXCEL_EPOCH + timedelta(days=math.floor(serial))
    except (OverflowError, ValueError):
        return True
    return False


def xlsx_string(text: str) -> str:
    """``text`` as a cell holds it unchanged through the XML: a carriage return (which XML
    reads as a line feed) and an underscore that would start an escape are escaped, and so is
    every character of a whitespace-only text (which a reader may strip: openpyxl writes it
    without ``xml:space="preserve"``)."""
    if text and text.isspace():
        return "".join(f"_x{ord(char):04X}_" for char in text)
    if "\r" not in text and "_x" not in text:
        return text
    return _NEEDS_ESCAPE.sub(lambda m: f"_x{ord(m[0]):04X}_", text)


def xlsx_unescape(text: str) -> str:
    """Cell text as Excel shows it: ``_x000D_`` escapes decoded (python-calamine does this
    itself; openpyxl gives the escapes as written)."""
    if "_x" not in text:
        return text
    return _ESCAPED.sub(lambda m: chr(int(m[1], 16)), text)


@attrs.frozen
class NumberFormat:
    """What matters of an Excel number format: a percent sign, and the decimals shown (``None``
    for ``General``, which shows what the value has)."""

    percent: bool = False
    places: int | None = None
    text: bool = False


GENERAL: Final = NumberFormat()
_CACHE: dict[str, NumberFormat] = {}


def number_format(code: str | None) -> NumberFormat:
    """Read an Excel number format code (``0.00%``, ``#,##0``, ``General``, ``@``)."""
    if not code or code == "General":
        return GENERAL
    found = _CACHE.get(code)
    if found is None:
        # The first section is for positive numbers; quoted text, escapes and [colour] or
        # [condition] blocks show nothing numeric.
        section = _QUOTED.sub("", code.split(";", 1)[0])
        if section.strip() == "@":
            found = NumberFormat(text=True)
        else:
            _, point, after = section.partition(".")
            places = len(re.match(r"[0#?]*", after)[0]) if point else 0  # type: ignore[index]
            found = NumberFormat(percent="%" in section, places=places)
        if len(_CACHE) < 4096:
            _CACHE[code] = found
    return found


def cell_decimal(value: object, ref: str) -> Decimal:
    """A numeric cell's value through its 15 significant digits; errors name ``ref``."""
    if isinstance(value, bool):
        raise LakipTypeError(
            M_("the cell holds TRUE/FALSE, not a number: {value}", value=value), field=ref
        )
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise FigureFormatError(
                M_("the cell holds {value}, not a finite number", value=value), field=ref
            )
        exact = Decimal(format(value, ".15g"))
        if exact.as_tuple().exponent > 0:  # type: ignore[operator]
            # 1e+20 reads as 1E+20: give it the integer exponent the figure format writes
            exact = quantize(exact, _ONE, ROUND_HALF_EVEN)  # exact: an integer
        return exact
    raise LakipTypeError(
        M_("expected a number in the cell, got {type}", type=type(value).__name__), field=ref
    )


def _pad(value: Decimal, places: int | None) -> Decimal:
    if places is None or places_of(value) >= places:
        return value
    return quantize(value, Decimal((0, (1,), -places)), ROUND_HALF_EVEN)  # exact: adds zeros


def cell_text(
    value: object, fmt: NumberFormat, ref: str, *, shown: bool = False, percent: bool = False
) -> str | None:
    """A cell as figure text in the report style (``98,75%``, ``136.133``), ``None`` if empty.

    Text is returned stripped, for the figure parser to read. ``shown`` gives what the cell
    displays (rounded half-up at its decimals), for printed figures; otherwise every digit of
    the value is kept. ``percent`` marks a number that is a percentage without a ``%`` format
    (a capaian column holding ``98,75``).
    """
    if value is None:
        return None
    if isinstance(value, str):
        stripped = value.strip()
        if stripped.startswith("#") and stripped.endswith(("!", "?", "A")):
            raise FigureFormatError(
                M_("the cell shows the Excel error {stripped}", stripped=stripped), field=ref
            )
        return stripped or None
    if isinstance(value, datetime | date | time | timedelta):
        raise FigureFormatError(
            M_(
                "the cell holds a date or time ({value}), not a figure; format "
                "the cell as a number or as text",
                value=value,
            ),
            field=ref,
        )
    number = cell_decimal(value, ref)
    if fmt.percent:
        number = number.scaleb(2, context=context())  # exact: moves the decimal point
    if shown and fmt.places is not None:
        number = round_to(number, fmt.places, Rounding.HALF_UP)
    else:
        number = _pad(number, fmt.places)
    text = format_number(number)
    return f"{text}%" if fmt.percent or percent else text
