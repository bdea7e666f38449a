"""Reading dates in two steps: a pre-parser of regular expressions checks the shape of a date,
a list or a range, then python-dateutil reads each complete date (see :mod:`lakipcore.dates`)."""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime
from itertools import pairwise
from typing import Final, NamedTuple

from dateutil.parser import ParserError, parser, parserinfo

from lakipcore.dates._calendar import (
    MONTH_NAMES,
    MONTH_ROWS,
    RANGE_SEPARATOR,
    WEEKDAY_NAMES,
    WEEKDAY_ROWS,
    DateRange,
    When,
    backwards_message,
    check_cell_text,
    long_date,
)
from lakipcore.errors import FigureFormatError, InvalidValueError, LakipTypeError
from lakipcore.i18n import M_, Message

__all__ = ["INFO", "IndonesianParserInfo", "month_number", "read_when"]

# --- the pre-parser: shapes -------------------------------------------------------------------


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
    MONTHS = MONTH_ROWS  # type: ignore[assignment]
    WEEKDAYS = WEEKDAY_ROWS  # type: ignore[assignment]

    def convertyear(self, year: int, century_specified: bool = False) -> int:
        """Return ``year`` unchanged: never pick a century from the clock.

        dateutil turns a year below 100 into the one within 50 years of *today* (it reads the
        local time when the parserinfo is built), so ``1 Januari 0019`` would become 2019 and the
        answer would change as the years pass. Years here are always written with four digits.
        """
        return year


INFO: Final = IndonesianParserInfo()
PARSER: Final = parser(INFO)
# Handed to dateutil so that it never consults today's date. The pre-parser guarantees a day,
# a month and a year, so the default is never used; the result is checked against the
# pre-parser's reading anyway (see _call_dateutil).
NO_DEFAULT: Final = datetime(1, 1, 1)


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
_RANGE_SEP_RE: Final = re.compile(RANGE_SEPARATOR, re.IGNORECASE | re.ASCII)
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
        M_("expected a date as printed text (str), got {type}", type=type(text).__name__),
        field=field,
    )


def month_number(name: str, *, field: str | None = None) -> int:
    """The number (1-12) of a month name or abbreviation, Indonesian or English, any case.

    Raises :class:`FigureFormatError` listing the accepted names for anything else.
    """
    return _month_number(name, "", field)


def _month_number(name: str, context: str, field: str | None) -> int:
    number = INFO.month(name) if name.isascii() else None
    if number is None:
        accepted = "; ".join("/".join(row) for row in MONTH_ROWS)
        raise FigureFormatError(
            M_(
                "{context}{name} is not a month; accepted (in any case): {accepted}",
                context=context,
                name=repr(name),
                accepted=accepted,
            ),
            field=field,
        )
    return number


def _weekday_number(name: str, context: str, field: str | None) -> int:
    number = INFO.weekday(name) if name.isascii() else None
    if number is None:
        accepted = ", ".join("/".join(row) for row in WEEKDAY_ROWS)
        raise FigureFormatError(
            M_(
                "{context}{name} is not a day name; accepted (in any case): {accepted}",
                context=context,
                name=repr(name),
                accepted=accepted,
            ),
            field=field,
        )
    return number


def _item(match: re.Match[str], field: str | None) -> _Item:
    weekday = match["weekday"]
    if weekday is not None and INFO.weekday(weekday) is None and INFO.month(weekday):
        # "April 16, 2019" reads as the day name "April" before "16"; say what it really is.
        raise FigureFormatError(
            M_(
                "{value} puts the month before the day; report dates put the day "
                "first, as in '16 April 2019'",
                value=repr(match[0]),
            ),
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


def _stray_hint(rest: str) -> str | Message:
    if re.fullmatch(r"\d{1,2}(?:[.:]\d{2})*", rest, re.ASCII):
        return M_(
            " (a time or a stray number is not part of a date; dateutil would read it as an hour)"
        )
    return ""


def _shape_hint(text: str) -> str | Message:
    """Why text that is not a date looks like one it might have been meant as."""
    if re.fullmatch(r"\d{4}([-/.])\d{1,2}\1\d{1,2}", text, re.ASCII):
        year, month, day = re.split(r"[-/.]", text)
        return M_(
            "; it puts the year first (ISO 8601), but report dates put the "
            "day first: write '{value}-{value2}-{year}' (given "
            "dayfirst=True, dateutil would swap its month and day)",
            value=format(int(day), "02d"),
            value2=format(int(month), "02d"),
            year=year,
        )
    if re.fullmatch(r"\d{1,2}([-/.])\d{1,2}\1\d{2}", text, re.ASCII):
        return M_(
            "; the year must have four digits (dateutil would pick a century from today's date)"
        )
    if re.fullmatch(r"\d{1,2}\.\d{1,2}\.\d{4}", text, re.ASCII):
        return M_("; write numeric dates with '-': {replace}", replace=repr(text.replace(".", "-")))
    month_year = re.fullmatch(rf"({_WORD})\s+(\d{{4}})", text, re.ASCII)
    if month_year is not None and INFO.month(month_year[1]) is not None:
        return M_(
            "; it has no day (dateutil would take the day from today): a "
            "whole month is a period, lakipcore.periods.bulan({value}, "
            "{month})",
            value=int(month_year[2]),
            month=INFO.month(month_year[1]),
        )
    return ""


def _not_a_date(raw: str, text: str, field: str | None) -> FigureFormatError:
    return FigureFormatError(
        M_(
            "{raw} is not a date, a list of dates or a range in the report's "
            "style ({examples}){value}",
            raw=repr(raw),
            examples=_EXAMPLES,
            value=_shape_hint(text),
        ),
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
                M_(
                    "{raw} is not a date: {rest} follows {value}{value2}",
                    raw=repr(raw),
                    rest=repr(rest),
                    value=repr(match[0]),
                    value2=_stray_hint(rest),
                ),
                field=field,
            )
        position = separator.end()


def _missing(item: _Item) -> Message:
    return M_("month and year") if item.month is None else M_("year")


def _incomplete(raw: str, item: _Item, count: int, field: str | None) -> FigureFormatError:
    if count == 1:
        return FigureFormatError(
            M_(
                "{raw} has no {value}: a date needs a day, a month and a 4-digit "
                "year, and a missing part is never taken from today's date",
                raw=repr(raw),
                value=_missing(item),
            ),
            field=field,
        )
    return FigureFormatError(
        M_(
            "{raw} is not a date: it ends with {text}, which has no {value}; "
            "a list of days ends with their month and year, as in '27 & 29 "
            "November 2019'",
            raw=repr(raw),
            text=repr(item.text),
            value=_missing(item),
        ),
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
        M_(
            "{text} is not a real date: {value} {year} has {days} days",
            text=repr(item.text),
            value=MONTH_NAMES[month - 1],
            year=format(year, "04d"),
            days=days,
        ),
        field=field,
    )


def _check_ranges(item: _Item, field: str | None) -> None:
    # Checked before dateutil sees the text: given 12-13-2019 and dayfirst=True, dateutil
    # silently reads 13 December, because dayfirst is only a preference.
    if item.month is not None and not 1 <= item.month <= 12:
        raise InvalidValueError(
            M_(
                "{text} is not a real date: there is no month {month}",
                text=repr(item.text),
                month=item.month,
            ),
            field=field,
        )
    if item.year == 0:
        raise InvalidValueError(
            M_("{text} is not a real date: there is no year 0", text=repr(item.text)), field=field
        )
    if not 1 <= item.day <= 31:
        raise InvalidValueError(
            M_(
                "{text} is not a real date: there is no day {day}",
                text=repr(item.text),
                day=item.day,
            ),
            field=field,
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
        parsed = PARSER.parse(text, default=NO_DEFAULT, dayfirst=dayfirst).date()
    except ParserError:
        raise _impossible(item, field) from None
    # dateutil resolves day, month and year by heuristics; hold it to the pre-parser's reading.
    if (parsed.year, parsed.month, parsed.day) != (item.year, item.month, item.day):
        raise FigureFormatError(  # pragma: no cover - a dateutil regression
            M_(
                "dateutil read {text} as {isoformat}; refusing to guess",
                text=repr(text),
                isoformat=parsed.isoformat(),
            ),
            field=field,
        )
    _check_weekday(item, parsed, field)
    return parsed


def _check_weekday(item: _Item, day: date, field: str | None) -> None:
    # dateutil ignores a day name when the day of the month is given, even a wrong one.
    if item.weekday is not None and item.weekday != day.weekday():
        raise InvalidValueError(
            M_(
                "{text} contradicts itself: {value} is a {value2}, not a {value3}",
                text=repr(item.text),
                value=long_date(day),
                value2=WEEKDAY_NAMES[day.weekday()],
                value3=WEEKDAY_NAMES[item.weekday],
            ),
            field=field,
        )


# --- reading the three shapes ----------------------------------------------------------------


def _read_list(raw: str, text: str, field: str | None) -> tuple[date, ...]:
    items = _complete(_scan_list(raw, text, field), raw, field)
    days = tuple(_call_dateutil(item, field) for item in items)
    for earlier, later in pairwise(days):
        if later <= earlier:
            how = M_("twice") if later == earlier else M_("after {date}", date=long_date(earlier))
            raise InvalidValueError(
                M_(
                    "{raw}: the dates of a list must be in order, without repeats, "
                    "but {value} comes {how}",
                    raw=repr(raw),
                    value=long_date(later),
                    how=how,
                ),
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
            M_(
                "{raw} is not a range: its end {text} has no {value}; the end of "
                "a range is a complete date, as in '21 Oktober – 22 November "
                "2019'",
                raw=repr(raw),
                text=repr(end.text),
                value=_missing(end),
            ),
            field=field,
        )
    borrowed = start.year is None
    start, end = _complete([start, end], raw, field)
    first, last = _call_dateutil(start, field), _call_dateutil(end, field)
    if last < first:
        # "21 Desember – 05 Januari 2020" starts in December 2020: say where that year came from.
        note = f" (the start {start.text!r} takes its year from the end)" if borrowed else ""
        raise InvalidValueError(
            M_(
                "{raw}: {value}{note}",
                raw=repr(raw),
                value=backwards_message(first, last),
                note=note,
            ),
            field=field,
        )
    return DateRange(first, last)


def read_when(text: str, field: str | None) -> When:
    """Read a date, a list or a range; the shape decides which."""
    raw = _reject_non_text(text, field)
    check_cell_text(raw, field)
    cleaned = _normalise(raw)
    separators = list(_RANGE_SEP_RE.finditer(cleaned))
    if len(separators) > 1:
        raise FigureFormatError(
            M_(
                "{raw} is not a range: it has {count} range separators ({join}); a range has one",
                raw=repr(raw),
                count=len(separators),
                join=", ".join(repr(s[0].strip()) for s in separators),
            ),
            field=field,
        )
    if separators:
        return _read_range(raw, cleaned, separators[0], field)
    days = _read_list(raw, cleaned, field)
    return days[0] if len(days) == 1 else days
