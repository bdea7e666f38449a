"""The calendar of Indonesian reports: month and day names, exact dates and inclusive ranges,
and the checks every date text passes first (:mod:`lakipcore.dates` is the public API).

Nothing here imports python-dateutil's parser (about 12 ms): the model, the periods and
``lakip score`` need the calendar, only reading a printed date needs the parser
(:mod:`lakipcore.dates._reading`, loaded on first use)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Final, Literal, TypeAlias

import attrs

from lakipcore.errors import FigureFormatError, InvalidValueError, LakipTypeError
from lakipcore.i18n import M_, Message
from lakipcore.limits import CELL_TEXT, foreign_character

__all__ = [
    "MONTH_NAMES",
    "MONTH_ROWS",
    "RANGE_SEPARATOR",
    "STYLES",
    "WEEKDAY_NAMES",
    "WEEKDAY_ROWS",
    "DateRange",
    "DateStyle",
    "When",
    "backwards_message",
    "check_cell_text",
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
            M_("expected a date, got the datetime {value}; pass its .date()", value=repr(value)),
            field=field,
        )
    if isinstance(value, str):
        raise LakipTypeError(
            M_(
                "expected a date, got the str {value}; read printed text with parse_date()",
                value=repr(value),
            ),
            field=field,
        )
    if not isinstance(value, date):
        raise LakipTypeError(
            M_("expected a date, got {type}", type=type(value).__name__), field=field
        )
    return value


def long_date(day: date) -> str:
    """``16 April 2019``: the day as the report's prose writes it, the month's name, the year."""
    return f"{day.day} {MONTH_NAMES[day.month - 1]} {day.year:04d}"


def backwards_message(start: date, end: date) -> Message:
    return M_(
        "the range ends on {end}, before it starts on {start}",
        end=long_date(end),
        start=long_date(start),
    )


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


# Between the two ends of a range. Words need spaces around them; a hyphen needs spaces too
# unless it joins two bare days ("21-25 Oktober 2019"), so the hyphens of 11-04-2019 stay put.
RANGE_SEPARATOR: Final = (
    r"\s+(?:sampai\s+dengan|sampai|hingga|s/d|s\.d\.?)\s+"
    r"|\s*[–—]\s*"
    r"|\s+-\s+"
    r"|(?<=\d)-(?=\d{1,2}\s+[^\W\d_])"
)


def check_cell_text(raw: str, field: str | None) -> None:
    """Refuse text too long to be a date, or holding letters or digits outside ASCII."""
    if len(raw) > CELL_TEXT:
        raise FigureFormatError(
            M_(
                "{value}… is {count} characters long; a date has at most {cell_text}",
                value=repr(raw[:40]),
                count=len(raw),
                cell_text=CELL_TEXT,
            ),
            field=field,
        )
    foreign = foreign_character(raw)
    if foreign is not None:
        raise FigureFormatError(
            M_("{raw}: {foreign}; dates are written in ASCII", raw=repr(raw), foreign=foreign),
            field=field,
        )
