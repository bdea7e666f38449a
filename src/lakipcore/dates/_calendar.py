"""The calendar of Indonesian reports: month and day names, dateutil's parser for them,
exact dates and inclusive ranges (:mod:`lakipcore.dates` is the public API)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Final, Literal, TypeAlias

import attrs
from dateutil.parser import parser, parserinfo

from lakipcore.errors import InvalidValueError, LakipTypeError

__all__ = [
    "INFO",
    "MONTH_NAMES",
    "MONTH_ROWS",
    "NO_DEFAULT",
    "PARSER",
    "STYLES",
    "WEEKDAY_NAMES",
    "WEEKDAY_ROWS",
    "DateRange",
    "DateStyle",
    "IndonesianParserInfo",
    "When",
    "backwards_message",
    "exact_date",
    "long_date",
]

# Each row is one month: the Indonesian name the formatter writes comes first, then the other
# names accepted for it (Indonesian abbreviations, the older spellings Pebruari and Nopember still
# seen in government documents, English names). Matching is case-insensitive.
MONTH_ROWS: Final[tuple[tuple[str, ...], ...]] = (
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
WEEKDAY_ROWS: Final[tuple[tuple[str, ...], ...]] = (
    ("Senin",),
    ("Selasa",),
    ("Rabu",),
    ("Kamis",),
    ("Jumat", "Jum'at"),
    ("Sabtu",),
    ("Minggu",),
)

MONTH_NAMES: Final[tuple[str, ...]] = tuple(row[0] for row in MONTH_ROWS)
"""The Indonesian month names the formatter writes, January first: ``Januari`` … ``Desember``."""

WEEKDAY_NAMES: Final[tuple[str, ...]] = tuple(row[0] for row in WEEKDAY_ROWS)
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

DateStyle: TypeAlias = Literal["numeric", "long"]
"""``"numeric"`` writes ``11-04-2019``; ``"long"`` writes ``16 April 2019``."""

STYLES: Final[tuple[str, ...]] = ("numeric", "long")


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


def long_date(day: date) -> str:
    """``16 April 2019``: the day as the report's prose writes it, the month's name, the year."""
    return f"{day.day} {MONTH_NAMES[day.month - 1]} {day.year:04d}"


def backwards_message(start: date, end: date) -> str:
    return f"the range ends on {long_date(end)}, before it starts on {long_date(start)}"


def _check_order(instance: DateRange, _attribute: object, end: date) -> None:
    if end < instance.start:
        raise InvalidValueError(backwards_message(instance.start, end), field="end")


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

    def __str__(self) -> str:  # as format_date_range writes it
        return f"{long_date(self.start)} sampai {long_date(self.end)}"


When: TypeAlias = date | tuple[date, ...] | DateRange
"""What :func:`parse_when` returns: one date, a list of dates, or a range."""
