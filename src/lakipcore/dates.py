"""One strict parser and formatter for dates as Indonesian reports print them.

A LAKIP prints dates in three shapes (docs/dates.md has the full table):

* one date, day first: ``11-04-2019``, ``16 April 2019``, ``16 Agu 2019``,
  ``Senin, 16 Desember 2019``;
* a list, whose bare days take the month and year written after them:
  ``22, 23 Oktober 2019 & 01, 04 November 2019``, ``04,05, & 09 Desember 2019``;
* a range, inclusive: ``21 Oktober 2019 sampai 31 Desember 2019``,
  ``21 Oktober – 22 November 2019``, ``10 s/d 12 Juni 2019``.

The text is read in two steps. A pre-parser made of regular expressions checks the *shape*: every
item is a day number, a month name or number and a 4-digit year (a bare day or day and month may
borrow the rest from the date written after it), with an optional day name in front. Only then is
each complete date handed to python-dateutil, through :class:`IndonesianParserInfo`, with an
explicit ``default`` and ``dayfirst=True`` for the numeric form only. dateutil on its own would fill
a missing year from today, read ``7,1`` as a date, swap the day and month of ``2019-04-11`` under
``dayfirst``, take ``10`` in ``16 April 2019 10`` as ten o'clock and ignore a day name that
contradicts the date; each of these is an error here, with a message that says what was expected.

Shape errors raise :class:`FigureFormatError`; dates that cannot exist (``31 Februari 2019``), a
day name that contradicts its date, and lists or ranges out of order raise
:class:`InvalidValueError`; anything but text raises :class:`LakipTypeError`.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable
from datetime import date, datetime
from itertools import groupby, pairwise
from typing import Final, Literal, NamedTuple, TypeAlias

import attrs
from dateutil.parser import ParserError, parser, parserinfo

from lakipcore.errors import FigureFormatError, InvalidValueError, LakipTypeError, UnknownNameError
from lakipcore.limits import CELL_TEXT, foreign_character

__all__ = [
    "MONTH_NAMES",
    "WEEKDAY_NAMES",
    "DateRange",
    "DateStyle",
    "IndonesianParserInfo",
    "When",
    "exact_date",
    "format_date",
    "format_date_range",
    "format_dates",
    "month_number",
    "parse_date",
    "parse_date_range",
    "parse_dates",
    "parse_when",
]

# Each row is one month: the Indonesian name the formatter writes comes first, then the other
# names accepted for it (Indonesian abbreviations, the older spellings Pebruari and Nopember still
# seen in government documents, English names). Matching is case-insensitive.
_MONTH_ROWS: Final[tuple[tuple[str, ...], ...]] = (
    ("Januari", "Jan", "January"),
    ("Februari", "Feb", "Pebruari", "February"),
    ("Maret", "Mar", "March"),
    ("April", "Apr"),
    ("Mei", "May"),
    ("Juni", "Jun", "June"),
    ("Juli", "Jul", "July"),
    ("Agustus", "Agu", "Agt", "Agus", "August", "Aug"),
    ("September", "Sep", "Sept"),
    ("Oktober", "Okt", "October", "Oct"),
    ("November", "Nov", "Nopember"),
    ("Desember", "Des", "December", "Dec"),
)
# Monday first, as date.weekday() and dateutil count. Jum'at is the spelling with the Arabic 'ain.
_WEEKDAY_ROWS: Final[tuple[tuple[str, ...], ...]] = (
    ("Senin",),
    ("Selasa",),
    ("Rabu",),
    ("Kamis",),
    ("Jumat", "Jum'at"),
    ("Sabtu",),
    ("Minggu",),
)

MONTH_NAMES: Final[tuple[str, ...]] = tuple(row[0] for row in _MONTH_ROWS)
"""The Indonesian month names the formatter writes, January first: ``Januari`` … ``Desember``."""

WEEKDAY_NAMES: Final[tuple[str, ...]] = tuple(row[0] for row in _WEEKDAY_ROWS)
"""The Indonesian day names the formatter writes, Monday first: ``Senin`` … ``Minggu``."""


class IndonesianParserInfo(parserinfo):
    """dateutil's ``parserinfo`` for Indonesian month and day names.

    Months: ``Januari``…``Desember``, the abbreviations ``Jan, Feb, Mar, Apr, Mei, Jun, Jul,
    Agu/Agt/Agus, Sep/Sept, Okt, Nov, Des``, the older spellings ``Pebruari`` and ``Nopember``,
    and the English names. Days: ``Senin, Selasa, Rabu, Kamis, Jumat/Jum'at, Sabtu, Minggu``.

    It can be passed to ``dateutil.parser.parse`` directly, but that brings back dateutil's
    guessing (prefer :func:`parse_date`), and dateutil's lexer splits ``Jum'at`` at the
    apostrophe, so only :func:`parse_date` and friends read that spelling.
    """

    # The types-python-dateutil stubs allow two or three names a month and exactly two a day;
    # dateutil itself takes any number (parserinfo._convert iterates over each row).
    MONTHS = _MONTH_ROWS  # type: ignore[assignment]
    WEEKDAYS = _WEEKDAY_ROWS  # type: ignore[assignment]

    def convertyear(self, year: int, century_specified: bool = False) -> int:
        """Return ``year`` unchanged: never pick a century from the clock.

        dateutil turns a year below 100 into the one within 50 years of *today* (it reads the
        local time when the parserinfo is built), so ``1 Januari 0019`` would become 2019 and the
        answer would change as the years pass. Years here are always written with four digits.
        """
        return year


_INFO: Final = IndonesianParserInfo()
_PARSER: Final = parser(_INFO)
# Handed to dateutil so that it never consults today's date. The pre-parser guarantees a day,
# a month and a year, so the default is never used; the result is checked against the
# pre-parser's reading anyway (see _call_dateutil).
_NO_DEFAULT: Final = datetime(1, 1, 1)

DateStyle: TypeAlias = Literal["numeric", "long"]
"""``"numeric"`` writes ``11-04-2019``; ``"long"`` writes ``16 April 2019``."""

_STYLES: Final[tuple[str, ...]] = ("numeric", "long")


def exact_date(value: object, *, field: str | None = None) -> date:
    """Check that ``value`` is a ``datetime.date`` and not a ``datetime``; return it.

    A ``datetime`` is a ``date`` to Python but carries a time of day that a report date does
    not have; comparing one with a ``date`` raises ``TypeError``. Pass ``value.date()`` instead.
    Text is refused too: read it with :func:`parse_date`.
    """
    if isinstance(value, datetime):
        raise LakipTypeError(
            f"expected a date, got the datetime {value!r}; pass its .date()", field=field
        )
    if isinstance(value, str):
        raise LakipTypeError(
            f"expected a date, got the str {value!r}; read printed text with parse_date()",
            field=field,
        )
    if not isinstance(value, date):
        raise LakipTypeError(f"expected a date, got {type(value).__name__}", field=field)
    return value


def _long(day: date) -> str:
    return f"{day.day} {MONTH_NAMES[day.month - 1]} {day.year:04d}"


def _backwards_message(start: date, end: date) -> str:
    return f"the range ends on {_long(end)}, before it starts on {_long(start)}"


def _check_order(instance: DateRange, _attribute: object, end: date) -> None:
    if end < instance.start:
        raise InvalidValueError(_backwards_message(instance.start, end), field="end")


@attrs.frozen
class DateRange:
    """An inclusive range of days, as in ``21 Oktober 2019 sampai 31 Desember 2019``.

    ``start`` and ``end`` are both in the range; a one-day range has ``start == end``. A range
    that ends before it starts is refused with :class:`InvalidValueError`.
    """

    start: date = attrs.field(validator=lambda _i, _a, v: exact_date(v, field="start"))
    end: date = attrs.field(validator=[lambda _i, _a, v: exact_date(v, field="end"), _check_order])

    def __contains__(self, day: object) -> bool:
        """Whether ``day`` (a ``date``) falls in the range, both ends included."""
        return self.start <= exact_date(day) <= self.end

    @property
    def days(self) -> int:
        """The number of days in the range, both ends counted: 1 when ``start == end``."""
        return (self.end - self.start).days + 1

    def dates(self) -> tuple[date, ...]:
        """Every day of the range, in order (the range expanded)."""
        return tuple(
            date.fromordinal(n) for n in range(self.start.toordinal(), self.end.toordinal() + 1)
        )

    def __str__(self) -> str:
        return format_date_range(self)


When: TypeAlias = date | tuple[date, ...] | DateRange
"""What :func:`parse_when` returns: one date, a list of dates, or a range."""


# --- the pre-parser: shapes -------------------------------------------------------------------

# Every pattern here is ASCII: "\d" would read Arabic-Indic digits (١٦ April ٢٠١٩) and
# case-insensitive matching would take the Kelvin sign for a "k"; month and day names are ASCII.
# A word of letters, with at most one apostrophe inside (Jum'at).
_WORD = r"[^\W\d_]+(?:'[^\W\d_]+)?"
# One item of a date, a list or a range: an optional day name, then either a numeric date
# (dd-mm-yyyy, or with '/') or a day with an optional month name and, after that, a year.
_ITEM_RE: Final = re.compile(
    rf"(?:(?P<weekday>{_WORD})(?:,\s*|\s+))?"
    r"(?:(?P<nday>\d{1,2})(?P<sep>[-/])(?P<nmonth>\d{1,2})(?P=sep)(?P<nyear>\d{4})"
    rf"|(?P<day>\d{{1,2}})(?:\s+(?P<month>{_WORD})(?:\s+(?P<year>\d{{4}}))?)?)"
    r"(?![\w'/.:-])",
    re.ASCII,
)
# Between items of a list: a comma, an ampersand, or both (the report writes "04,05, & 09").
_LIST_SEP_RE: Final = re.compile(r"\s*(?:,\s*&|,|&)\s*", re.ASCII)
# Between the two ends of a range. Words need spaces around them; a hyphen needs spaces too
# unless it joins two bare days ("21-25 Oktober 2019"), so the hyphens of 11-04-2019 stay put.
_RANGE_SEPARATOR: Final = (
    r"\s+(?:sampai\s+dengan|sampai|hingga|s/d|s\.d\.?)\s+"
    r"|\s*[–—]\s*"
    r"|\s+-\s+"
    r"|(?<=\d)-(?=\d{1,2}\s+[^\W\d_])"
)
_RANGE_SEP_RE: Final = re.compile(_RANGE_SEPARATOR, re.IGNORECASE | re.ASCII)
_EXAMPLES: Final = (
    "e.g. '11-04-2019', '16 April 2019', 'Senin, 16 Desember 2019', '27 & 29 November 2019', "
    "'21 Oktober – 22 November 2019'"
)


class _Item(NamedTuple):
    """One item as written; month and year are None where the text leaves them out."""

    text: str
    weekday: int | None
    day: int
    month: int | None
    month_word: str | None  # None for the numeric form, whose month is a number
    year: int | None


def _normalise(text: str) -> str:
    # Table cells wrap ("22, 23 Oktober 2019 &" / "01, 04 November 2019") and typesetting uses
    # non-breaking spaces and curly apostrophes (Jum’at).
    text = text.replace("\u00a0", " ").replace("\u2019", "'").replace("\u2018", "'")
    return " ".join(text.split())


def _reject_non_text(text: object, field: str | None) -> str:
    if isinstance(text, str):
        return text
    raise LakipTypeError(
        f"expected a date as printed text (str), got {type(text).__name__}", field=field
    )


def month_number(name: str, *, field: str | None = None) -> int:
    """The number (1-12) of a month name or abbreviation, Indonesian or English, any case.

    Raises :class:`FigureFormatError` listing the accepted names for anything else.
    """
    return _month_number(name, "", field)


def _month_number(name: str, context: str, field: str | None) -> int:
    number = _INFO.month(name) if name.isascii() else None
    if number is None:
        accepted = "; ".join("/".join(row) for row in _MONTH_ROWS)
        raise FigureFormatError(
            f"{context}{name!r} is not a month; accepted (in any case): {accepted}", field=field
        )
    return number


def _weekday_number(name: str, context: str, field: str | None) -> int:
    number = _INFO.weekday(name) if name.isascii() else None
    if number is None:
        accepted = ", ".join("/".join(row) for row in _WEEKDAY_ROWS)
        raise FigureFormatError(
            f"{context}{name!r} is not a day name; accepted (in any case): {accepted}",
            field=field,
        )
    return number


def _item(match: re.Match[str], field: str | None) -> _Item:
    weekday = match["weekday"]
    if weekday is not None and _INFO.weekday(weekday) is None and _INFO.month(weekday):
        # "April 16, 2019" reads as the day name "April" before "16"; say what it really is.
        raise FigureFormatError(
            f"{match[0]!r} puts the month before the day; report dates put the day first, as "
            "in '16 April 2019'",
            field=field,
        )
    context = f"{match[0]!r}: "
    weekday_number = None if weekday is None else _weekday_number(weekday, context, field)
    if match["nday"] is not None:
        day, month, year = int(match["nday"]), int(match["nmonth"]), int(match["nyear"])
        return _Item(match[0], weekday_number, day, month, None, year)
    word = match["month"]
    return _Item(
        match[0],
        weekday_number,
        int(match["day"]),
        None if word is None else _month_number(word, context, field),
        word,
        None if match["year"] is None else int(match["year"]),
    )


def _stray_hint(rest: str) -> str:
    if re.fullmatch(r"\d{1,2}(?:[.:]\d{2})*", rest, re.ASCII):
        return (
            " (a time or a stray number is not part of a date; dateutil would read it as an hour)"
        )
    return ""


def _shape_hint(text: str) -> str:
    """Why text that is not a date looks like one it might have been meant as."""
    if re.fullmatch(r"\d{4}([-/.])\d{1,2}\1\d{1,2}", text, re.ASCII):
        year, month, day = re.split(r"[-/.]", text)
        return (
            f"; it puts the year first (ISO 8601), but report dates put the day first: write "
            f"'{int(day):02d}-{int(month):02d}-{year}' (given dayfirst=True, dateutil would "
            "swap its month and day)"
        )
    if re.fullmatch(r"\d{1,2}([-/.])\d{1,2}\1\d{2}", text, re.ASCII):
        return "; the year must have four digits (dateutil would pick a century from today's date)"
    if re.fullmatch(r"\d{1,2}\.\d{1,2}\.\d{4}", text, re.ASCII):
        return f"; write numeric dates with '-': {text.replace('.', '-')!r}"
    month_year = re.fullmatch(rf"({_WORD})\s+(\d{{4}})", text, re.ASCII)
    if month_year is not None and _INFO.month(month_year[1]) is not None:
        return (
            "; it has no day (dateutil would take the day from today): a whole month is a "
            f"period, lakipcore.periods.bulan({int(month_year[2])}, "
            f"{_INFO.month(month_year[1])})"
        )
    return ""


def _not_a_date(raw: str, text: str, field: str | None) -> FigureFormatError:
    return FigureFormatError(
        f"{raw!r} is not a date, a list of dates or a range in the report's style "
        f"({_EXAMPLES}){_shape_hint(text)}",
        field=field,
    )


def _scan_list(raw: str, text: str, field: str | None) -> list[_Item]:
    """Read items separated by ',' or '&' until the end of the text."""
    items: list[_Item] = []
    position = 0
    while True:
        match = _ITEM_RE.match(text, position)
        if match is None:
            raise _not_a_date(raw, text, field)
        items.append(_item(match, field))
        position = match.end()
        if position == len(text):
            return items
        separator = _LIST_SEP_RE.match(text, position)
        if separator is None or separator.end() == len(text):
            rest = text[position:].strip()
            raise FigureFormatError(
                f"{raw!r} is not a date: {rest!r} follows {match[0]!r}{_stray_hint(rest)}",
                field=field,
            )
        position = separator.end()


def _missing(item: _Item) -> str:
    return "month and year" if item.month is None else "year"


def _incomplete(raw: str, item: _Item, count: int, field: str | None) -> FigureFormatError:
    if count == 1:
        return FigureFormatError(
            f"{raw!r} has no {_missing(item)}: a date needs a day, a month and a 4-digit "
            "year, and a missing part is never taken from today's date",
            field=field,
        )
    return FigureFormatError(
        f"{raw!r} is not a date: it ends with {item.text!r}, which has no "
        f"{_missing(item)}; a list of days ends with their month and year, as in "
        "'27 & 29 November 2019'",
        field=field,
    )


def _complete(items: list[_Item], raw: str, field: str | None) -> list[_Item]:
    """Give each bare day the month, and each day and month the year, written after it."""
    month: _Item | None = None
    year: int | None = None
    done: list[_Item] = []
    for item in reversed(items):
        if item.month is not None:
            month = item
        if item.year is not None:
            year = item.year
        if month is None or year is None:
            raise _incomplete(raw, item, len(items), field)
        done.append(item._replace(month=month.month, month_word=month.month_word, year=year))
    return done[::-1]


# --- dateutil, and the checks it does not make ---------------------------------------------


def _impossible(item: _Item, field: str | None) -> InvalidValueError:
    month = item.month or 1
    year = item.year or 1
    days = calendar.monthrange(year, month)[1]
    return InvalidValueError(
        f"{item.text!r} is not a real date: {MONTH_NAMES[month - 1]} {year:04d} has {days} days",
        field=field,
    )


def _check_ranges(item: _Item, field: str | None) -> None:
    # Checked before dateutil sees the text: given 12-13-2019 and dayfirst=True, dateutil
    # silently reads 13 December, because dayfirst is only a preference.
    if item.month is not None and not 1 <= item.month <= 12:
        raise InvalidValueError(
            f"{item.text!r} is not a real date: there is no month {item.month}", field=field
        )
    if item.year == 0:
        raise InvalidValueError(
            f"{item.text!r} is not a real date: there is no year 0", field=field
        )
    if not 1 <= item.day <= 31:
        raise InvalidValueError(
            f"{item.text!r} is not a real date: there is no day {item.day}", field=field
        )


def _call_dateutil(item: _Item, field: str | None) -> date:
    """Have dateutil build the date of a complete item, then check what it built."""
    _check_ranges(item, field)
    weekday = "" if item.weekday is None else f"{WEEKDAY_NAMES[item.weekday]}, "
    if item.month_word is None:  # the numeric form, the only one where day and month can swap
        text, dayfirst = f"{weekday}{item.day:02d}-{item.month:02d}-{item.year:04d}", True
    else:
        text, dayfirst = f"{weekday}{item.day} {item.month_word} {item.year:04d}", False
    try:
        parsed = _PARSER.parse(text, default=_NO_DEFAULT, dayfirst=dayfirst).date()
    except ParserError:
        raise _impossible(item, field) from None
    # dateutil resolves day, month and year by heuristics; hold it to the pre-parser's reading.
    if (parsed.year, parsed.month, parsed.day) != (item.year, item.month, item.day):
        raise FigureFormatError(  # pragma: no cover - a dateutil regression
            f"dateutil read {text!r} as {parsed.isoformat()}; refusing to guess", field=field
        )
    _check_weekday(item, parsed, field)
    return parsed


def _check_weekday(item: _Item, day: date, field: str | None) -> None:
    # dateutil ignores a day name when the day of the month is given, even a wrong one.
    if item.weekday is not None and item.weekday != day.weekday():
        raise InvalidValueError(
            f"{item.text!r} contradicts itself: {_long(day)} is a {WEEKDAY_NAMES[day.weekday()]}, "
            f"not a {WEEKDAY_NAMES[item.weekday]}",
            field=field,
        )


# --- reading the three shapes ----------------------------------------------------------------


def _read_list(raw: str, text: str, field: str | None) -> tuple[date, ...]:
    items = _complete(_scan_list(raw, text, field), raw, field)
    days = tuple(_call_dateutil(item, field) for item in items)
    for earlier, later in pairwise(days):
        if later <= earlier:
            how = "twice" if later == earlier else f"after {_long(earlier)}"
            raise InvalidValueError(
                f"{raw!r}: the dates of a list must be in order, without repeats, but "
                f"{_long(later)} comes {how}",
                field=field,
            )
    return days


def _read_range(raw: str, text: str, separator: re.Match[str], field: str | None) -> DateRange:
    left = _ITEM_RE.fullmatch(text[: separator.start()].strip())
    right = _ITEM_RE.fullmatch(text[separator.end() :].strip())
    if left is None or right is None:
        raise _not_a_date(raw, text, field)
    start, end = _item(left, field), _item(right, field)
    if end.year is None:
        raise FigureFormatError(
            f"{raw!r} is not a range: its end {end.text!r} has no {_missing(end)}; the end of "
            "a range is a complete date, as in '21 Oktober – 22 November 2019'",
            field=field,
        )
    borrowed = start.year is None
    start, end = _complete([start, end], raw, field)
    first, last = _call_dateutil(start, field), _call_dateutil(end, field)
    if last < first:
        # "21 Desember – 05 Januari 2020" starts in December 2020: say where that year came from.
        note = f" (the start {start.text!r} takes its year from the end)" if borrowed else ""
        raise InvalidValueError(f"{raw!r}: {_backwards_message(first, last)}{note}", field=field)
    return DateRange(first, last)


def check_cell_text(raw: str, field: str | None) -> None:
    """Refuse text too long to be a date, or holding letters or digits outside ASCII."""
    if len(raw) > CELL_TEXT:
        raise FigureFormatError(
            f"{raw[:40]!r}… is {len(raw)} characters long; a date has at most {CELL_TEXT}",
            field=field,
        )
    foreign = foreign_character(raw)
    if foreign is not None:
        raise FigureFormatError(f"{raw!r}: {foreign}; dates are written in ASCII", field=field)


def _read(text: str, field: str | None) -> When:
    """Read a date, a list or a range; the shape decides which."""
    raw = _reject_non_text(text, field)
    check_cell_text(raw, field)
    cleaned = _normalise(raw)
    separators = list(_RANGE_SEP_RE.finditer(cleaned))
    if len(separators) > 1:
        raise FigureFormatError(
            f"{raw!r} is not a range: it has {len(separators)} range separators "
            f"({', '.join(repr(s[0].strip()) for s in separators)}); a range has one",
            field=field,
        )
    if separators:
        return _read_range(raw, cleaned, separators[0], field)
    days = _read_list(raw, cleaned, field)
    return days[0] if len(days) == 1 else days


def _kind(when: When) -> str:
    if isinstance(when, DateRange):
        return "a range"
    if isinstance(when, tuple):
        return f"a list of {len(when)} dates"
    return "one date"


def parse_date(text: str, *, field: str | None = None) -> date:
    """Parse one date: ``11-04-2019``, ``16 April 2019``, ``Senin, 16 Desember 2019``.

    Day first; a month name or number; a 4-digit year; an optional day name, which must agree
    with the date. Raises :class:`FigureFormatError` (naming ``field``) for anything that is not
    entirely one date, and :class:`InvalidValueError` for a date that cannot exist.

    >>> parse_date("Senin, 16 Desember 2019")
    datetime.date(2019, 12, 16)
    """
    when = _read(text, field)
    if not isinstance(when, date):
        raise FigureFormatError(
            f"{text!r} is {_kind(when)}, not one date; "
            f"{'parse_date_range' if isinstance(when, DateRange) else 'parse_dates'} reads it",
            field=field,
        )
    return when


def parse_dates(text: str, *, field: str | None = None) -> tuple[date, ...]:
    """Parse one date or a list of dates, such as ``04,05, & 09 Desember 2019``.

    Returns the dates in the order written, which must be ascending without repeats. A range is
    refused (it is not expanded: a range of a year would be 365 dates); use
    :func:`parse_date_range`, :func:`parse_when`, or :meth:`DateRange.dates` to expand one.

    >>> parse_dates("27 & 29 November 2019")
    (datetime.date(2019, 11, 27), datetime.date(2019, 11, 29))
    """
    when = _read(text, field)
    if isinstance(when, DateRange):
        raise FigureFormatError(
            f"{text!r} is a range, not a list of dates; parse_date_range reads it", field=field
        )
    return when if isinstance(when, tuple) else (when,)


def parse_date_range(text: str, *, field: str | None = None) -> DateRange:
    """Parse a range: ``21 Oktober 2019 sampai 31 Desember 2019``, ``10 s/d 12 Juni 2019``.

    Separators: ``sampai``, ``sampai dengan``, ``s/d``, ``s.d.``, ``hingga``, an en or em dash,
    a hyphen between spaces (or between two bare days: ``21-25 Oktober 2019``). The start may
    leave out the year, or the month and year, which it then takes from the end. A range that
    ends before it starts raises :class:`InvalidValueError` naming both dates.

    >>> parse_date_range("21 Oktober – 22 November 2019")
    DateRange(start=datetime.date(2019, 10, 21), end=datetime.date(2019, 11, 22))
    """
    when = _read(text, field)
    if not isinstance(when, DateRange):
        raise FigureFormatError(
            f"{text!r} is {_kind(when)}, not a range (no 'sampai', 's/d', 'hingga' or dash)",
            field=field,
        )
    return when


def parse_when(text: str, *, field: str | None = None) -> When:
    """Parse any form: one ``date``, a ``tuple`` of dates for a list, or a :class:`DateRange`.

    This is what an evidence table's ``dates`` column holds.

    >>> parse_when("04,05, & 09 Desember 2019")
    (datetime.date(2019, 12, 4), datetime.date(2019, 12, 5), datetime.date(2019, 12, 9))
    """
    return _read(text, field)


# --- formatting ------------------------------------------------------------------------------


def _check_style(style: str) -> None:
    if style not in _STYLES:
        raise UnknownNameError(
            f"unknown date style {style!r}; expected one of {', '.join(map(repr, _STYLES))}",
            field="style",
        )


def format_date(day: date, style: DateStyle = "numeric", *, weekday: bool = False) -> str:
    """Write a date as the report does: ``11-04-2019`` (numeric) or ``16 April 2019`` (long).

    ``weekday=True`` puts the Indonesian day name in front: ``Senin, 16 Desember 2019``. The
    numeric style pads day and month to two digits; the long style writes the day as the
    report's prose does (``6 Januari 2020``). Years always have four digits.
    """
    exact_date(day, field="day")
    _check_style(style)
    text = f"{day.day:02d}-{day.month:02d}-{day.year:04d}" if style == "numeric" else _long(day)
    return f"{WEEKDAY_NAMES[day.weekday()]}, {text}" if weekday else text


def format_dates(dates: Iterable[date]) -> str:
    """Write dates in the report's list style: ``22, 23 Oktober 2019 & 01, 04 November 2019``.

    Days of the same month are grouped, with two digits each as in the report's tables; groups
    are joined with `` & ``. The dates must be ascending without repeats (what
    :func:`parse_dates` returns), else :class:`InvalidValueError`.
    """
    days = tuple(exact_date(d, field=f"dates[{i}]") for i, d in enumerate(dates))
    if not days:
        raise InvalidValueError("there are no dates to write", field="dates")
    for earlier, later in pairwise(days):
        if later <= earlier:
            raise InvalidValueError(
                f"dates must be ascending without repeats: {_long(later)} follows {_long(earlier)}",
                field="dates",
            )
    groups = groupby(days, key=lambda d: (d.year, d.month))
    return " & ".join(
        f"{', '.join(f'{d.day:02d}' for d in group)} {MONTH_NAMES[month - 1]} {year:04d}"
        for (year, month), group in groups
    )


def format_date_range(span: DateRange, style: DateStyle = "long") -> str:
    """Write a range as the report does: ``21 Oktober 2019 sampai 31 Desember 2019``."""
    if not isinstance(span, DateRange):
        raise LakipTypeError(f"expected a DateRange, got {type(span).__name__}", field="span")
    return f"{format_date(span.start, style)} sampai {format_date(span.end, style)}"
