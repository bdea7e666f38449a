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

from collections.abc import Iterable
from datetime import date
from itertools import groupby, pairwise
from typing import TYPE_CHECKING

from lakipcore.dates._calendar import (
    MONTH_NAMES,
    STYLES,
    WEEKDAY_NAMES,
    DateRange,
    DateStyle,
    When,
    exact_date,
    long_date,
)
from lakipcore.i18n import M_, Message

if TYPE_CHECKING:
    from lakipcore.dates._reading import IndonesianParserInfo, month_number
from lakipcore.errors import FigureFormatError, InvalidValueError, LakipTypeError, UnknownNameError

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


def _kind(when: When) -> str | Message:
    if isinstance(when, DateRange):
        return M_("a range")
    if isinstance(when, tuple):
        return M_("a list of {count} dates", count=len(when))
    return M_("one date")


def _read(text: str, field: str | None) -> When:
    # The reader, and python-dateutil's parser with it, load on the first date read.
    from lakipcore.dates._reading import read_when  # noqa: PLC0415

    return read_when(text, field)


def __getattr__(name: str) -> object:
    if name in ("IndonesianParserInfo", "month_number"):
        from lakipcore.dates import _reading  # noqa: PLC0415

        return getattr(_reading, name)
    raise AttributeError(f"module 'lakipcore.dates' has no attribute {name!r}")


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
            M_(
                "{text} is {value}, not one date; {value2} reads it",
                text=repr(text),
                value=_kind(when),
                value2="parse_date_range" if isinstance(when, DateRange) else "parse_dates",
            ),
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
            M_(
                "{text} is a range, not a list of dates; parse_date_range reads it",
                text=repr(text),
            ),
            field=field,
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
            M_(
                "{text} is {value}, not a range (no 'sampai', 's/d', 'hingga' or dash)",
                text=repr(text),
                value=_kind(when),
            ),
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
    if style not in STYLES:
        raise UnknownNameError(
            M_(
                "unknown date style {style}; expected one of {join}",
                style=repr(style),
                join=", ".join(map(repr, STYLES)),
            ),
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
    text = f"{day.day:02d}-{day.month:02d}-{day.year:04d}" if style == "numeric" else long_date(day)
    return f"{WEEKDAY_NAMES[day.weekday()]}, {text}" if weekday else text


def format_dates(dates: Iterable[date]) -> str:
    """Write dates in the report's list style: ``22, 23 Oktober 2019 & 01, 04 November 2019``.

    Days of the same month are grouped, with two digits each as in the report's tables; groups
    are joined with `` & ``. The dates must be ascending without repeats (what
    :func:`parse_dates` returns), else :class:`InvalidValueError`.
    """
    days = tuple(exact_date(d, field=f"dates[{i}]") for i, d in enumerate(dates))
    if not days:
        raise InvalidValueError(M_("there are no dates to write"), field="dates")
    for earlier, later in pairwise(days):
        if later <= earlier:
            raise InvalidValueError(
                M_(
                    "dates must be ascending without repeats: {value} follows {value2}",
                    value=long_date(later),
                    value2=long_date(earlier),
                ),
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
        raise LakipTypeError(
            M_("expected a DateRange, got {type}", type=type(span).__name__), field="span"
        )
    return f"{format_date(span.start, style)} sampai {format_date(span.end, style)}"
