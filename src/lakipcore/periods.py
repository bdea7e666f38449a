"""Reporting periods: the fiscal year (tahun anggaran), its semesters and quarters (triwulan).

In Indonesia the fiscal year is the calendar year, 1 Januari to 31 Desember (UU 17/2003 on state
finances, article 4). A LAKIP reports on one fiscal year, so evidence dated outside it, such as
a survey letter of ``6 Januari 2020`` in a 2019 report, deserves a second look; the audit asks
:meth:`Period.outside` for such dates.

Periods are built with ``dateutil.relativedelta``: the end of a quarter is its start plus
``relativedelta(months=+2, day=31)``, because an absolute ``day=31`` is clamped to the last day
of the month (30 June, 30 September), so no month lengths are written out here.

:func:`parse_period` reads the period forms a report prints: ``Tahun 2019``, ``Tahun Anggaran
2018``, ``Tahun 2019 s.d. Tahun 2021``, ``bulan Oktober sampai dengan bulan Desember tahun 2019``,
``Semester I 2019``, ``Triwulan III 2019`` and day ranges such as ``21 Oktober 2019 sampai 31
Desember 2019``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from typing import Final

import attrs
from dateutil.relativedelta import relativedelta

from lakipcore.dates import (
    MONTH_NAMES,
    DateRange,
    When,
    exact_date,
    format_date,
    format_date_range,
)
from lakipcore.dates._calendar import RANGE_SEPARATOR, check_cell_text
from lakipcore.errors import FigureFormatError, InvalidValueError, LakipTypeError
from lakipcore.i18n import M_, Message

__all__ = [
    "Period",
    "bulan",
    "parse_period",
    "semester",
    "tahun_anggaran",
    "triwulan",
]

_ROMAN: Final = ("I", "II", "III", "IV")


@attrs.frozen
class Period:
    """A reporting period: every day from ``start`` to ``end``, both included.

    ``label`` is how the report names the period (``Tahun Anggaran 2019``, ``Triwulan III
    2019``); it is shown by ``str()`` and plays no part in equality, so ``tahun_anggaran(2019)``
    equals ``Period(date(2019, 1, 1), date(2019, 12, 31))``.
    """

    start: date = attrs.field(validator=lambda _i, _a, v: exact_date(v, field="start"))
    end: date = attrs.field(validator=lambda i, _a, v: _validate_end(i, v))
    label: str | None = attrs.field(default=None, eq=False, kw_only=True)

    @classmethod
    def between(cls, start: date, end: date, *, label: str | None = None) -> Period:
        """The period from ``start`` to ``end``, both included; same as ``Period(start, end)``."""
        return cls(start, end, label=label)

    @property
    def days(self) -> int:
        """The number of days in the period: 365 or 366 for a fiscal year."""
        return (self.end - self.start).days + 1

    def as_range(self) -> DateRange:
        """The period's days as a :class:`~lakipcore.dates.DateRange`."""
        return DateRange(self.start, self.end)

    def __contains__(self, day: object) -> bool:
        """Whether ``day`` (a ``date``) falls in the period, both ends included."""
        return self.start <= exact_date(day) <= self.end

    def contains(self, when: When | Iterable[date]) -> bool:
        """Whether every date written in ``when`` falls in the period.

        ``when`` is what :func:`~lakipcore.dates.parse_when` returns: a date, dates, or a
        :class:`~lakipcore.dates.DateRange` (in the period when both of its ends are).
        """
        return not self.outside(when)

    def outside(self, when: When | Iterable[date]) -> tuple[date, ...]:
        """The dates written in ``when`` that fall outside the period, in the order written.

        A range counts by its two ends: ``21 Oktober 2019 sampai 6 Januari 2020`` checked against
        the fiscal year 2019 gives ``(date(2020, 1, 6),)``. An empty tuple means all inside.
        """
        return tuple(day for day in _written_dates(when) if day not in self)

    def __str__(self) -> str:
        return self.label if self.label is not None else format_date_range(self.as_range())


def _backwards(start: date, end: date) -> Message:
    first, last = format_date(start, "long"), format_date(end, "long")
    return M_("the period ends on {last}, before it starts on {first}", last=last, first=first)


def _validate_end(instance: Period, end: object) -> None:
    day = exact_date(end, field="end")
    if day < instance.start:
        raise InvalidValueError(_backwards(instance.start, day), field="end")


def _written_dates(when: object) -> tuple[date, ...]:
    """The dates a parsed cell writes: one date, the listed dates, or a range's two ends."""
    if isinstance(when, DateRange):
        return (when.start, when.end)
    if isinstance(when, date):
        return (exact_date(when, field="when"),)
    if isinstance(when, str | bytes) or not isinstance(when, Iterable):
        raise LakipTypeError(
            M_(
                "expected a date, dates or a DateRange, got {type}; read printed "
                "text with lakipcore.dates.parse_when() first",
                type=type(when).__name__,
            ),
            field="when",
        )
    return tuple(exact_date(day, field=f"when[{i}]") for i, day in enumerate(when))


# --- constructors -----------------------------------------------------------------------------


def _check_year(year: object) -> int:
    if isinstance(year, bool) or not isinstance(year, int):
        raise LakipTypeError(
            M_("expected the year as an int, got {type}", type=type(year).__name__), field="year"
        )
    if not 1 <= year <= 9999:
        raise InvalidValueError(M_("year must be 1-9999, got {year}", year=year), field="year")
    return year


def _check_number(n: object, last: int, what: str, names: tuple[str, ...] = _ROMAN) -> int:
    if isinstance(n, bool) or not isinstance(n, int):
        raise LakipTypeError(
            M_("expected the {what} as an int, got {type}", what=what, type=type(n).__name__),
            field=what,
        )
    if not 1 <= n <= last:
        raise InvalidValueError(
            M_(
                "a year has {what}s 1 to {last} ({join}), got {n}",
                what=what,
                last=last,
                join=", ".join(names[:last]),
                n=n,
            ),
            field=what,
        )
    return n


def _months(year: int, first: int, count: int, label: str) -> Period:
    start = date(year, first, 1)
    # months=count-1 moves to the last month; the absolute day=31 is clamped to its last day.
    return Period(start, start + relativedelta(months=count - 1, day=31), label=label)


def tahun_anggaran(year: int) -> Period:
    """The fiscal year (tahun anggaran) ``year``: 1 Januari to 31 Desember, as in Indonesia."""
    year = _check_year(year)
    return _months(year, 1, 12, f"Tahun Anggaran {year:04d}")


def semester(year: int, n: int) -> Period:
    """Semester ``n`` (1 or 2) of ``year``: Januari-Juni or Juli-Desember."""
    year, n = _check_year(year), _check_number(n, 2, "semester")
    return _months(year, 6 * (n - 1) + 1, 6, f"Semester {_ROMAN[n - 1]} {year:04d}")


def triwulan(year: int, n: int) -> Period:
    """Quarter (triwulan) ``n`` (1-4) of ``year``: triwulan III is Juli-September."""
    year, n = _check_year(year), _check_number(n, 4, "triwulan")
    return _months(year, 3 * (n - 1) + 1, 3, f"Triwulan {_ROMAN[n - 1]} {year:04d}")


def bulan(year: int, month: int) -> Period:
    """The month ``month`` (1-12) of ``year``, such as ``Oktober 2019``."""
    # The months are listed by name: the Roman numerals name semesters and quarters only.
    year, month = _check_year(year), _check_number(month, 12, "month", MONTH_NAMES)
    return _months(year, month, 1, f"{MONTH_NAMES[month - 1]} {year:04d}")


# --- reading periods as printed -------------------------------------------------------------

# Every pattern is ASCII: "\d" would read Arabic-Indic digits and case-insensitive matching
# would take the Kelvin sign for a "k" (docs/guarantees.md).
_YEAR = r"(?:tahun(?:\s+anggaran)?\s+|ta\.?\s+)?(?P<{name}>\d{{4}})"
_MONTH = r"(?:bulan\s+)?(?P<{name}>[^\W\d_]+)"
_SEP = rf"(?:{RANGE_SEPARATOR})"
_YEARS_RE: Final = re.compile(
    rf"(?:tahun(?:\s+anggaran)?|ta\.?)\s+(?P<first>\d{{4}})"
    rf"(?:{_SEP}{_YEAR.format(name='last')})?",
    re.IGNORECASE | re.ASCII,
)
_MONTHS_RE: Final = re.compile(
    rf"{_MONTH.format(name='first')}(?:\s+{_YEAR.format(name='first_year')})?"
    rf"(?:{_SEP}{_MONTH.format(name='last')})?\s+{_YEAR.format(name='year')}",
    re.IGNORECASE | re.ASCII,
)
_PART_RE: Final = re.compile(
    r"(?P<kind>semester|triwulan)\s+(?P<n>IV|I{1,3}|[1-4])\s+(?:tahun\s+)?(?P<year>\d{4})",
    re.IGNORECASE | re.ASCII,
)


def _joined(first: Period, last: Period, label: str, field: str | None) -> Period:
    """From the start of ``first`` to the end of ``last``, refusing a period that runs backwards."""
    if last.end < first.start:
        raise InvalidValueError(
            M_("{label}: {value}", label=repr(label), value=_backwards(first.start, last.end)),
            field=field,
        )
    return Period(first.start, last.end, label=label)


def _from_years(match: re.Match[str], label: str, field: str | None) -> Period:
    first = tahun_anggaran(int(match["first"]))
    last = first if match["last"] is None else tahun_anggaran(int(match["last"]))
    return _joined(first, last, label, field)


def _from_months(match: re.Match[str], label: str, field: str | None) -> Period:
    # "bulan Oktober sampai dengan bulan Desember tahun 2019": the year written at the end
    # belongs to both months unless the first month has its own.
    from lakipcore.dates import month_number  # noqa: PLC0415 - dateutil's parser, on use

    year = int(match["year"])
    first_year = year if match["first_year"] is None else int(match["first_year"])
    first = bulan(first_year, month_number(match["first"], field=field))
    last = first if match["last"] is None else bulan(year, month_number(match["last"], field=field))
    return _joined(first, last, label, field)


def _from_part(match: re.Match[str], label: str) -> Period:
    text = match["n"].upper()
    n = int(text) if text.isdigit() else _ROMAN.index(text) + 1
    make = semester if match["kind"].lower() == "semester" else triwulan
    return attrs.evolve(make(int(match["year"]), n), label=label)


def parse_period(text: str, *, field: str | None = None) -> Period:
    """Read a period as a report prints it (any case).

    ``Tahun 2019``, ``Tahun Anggaran 2018``, ``TA 2019``: a fiscal year; ``Tahun 2019 s.d. Tahun
    2021``: fiscal years; ``Oktober 2019``, ``bulan Oktober sampai dengan bulan Desember tahun
    2019``: months; ``Semester I 2019``, ``Triwulan III 2019``; and any range
    :func:`~lakipcore.dates.parse_date_range` reads. ``label`` keeps the text as written
    (spaces normalised). Raises :class:`FigureFormatError` for anything else, and
    :class:`InvalidValueError` for a period that ends before it starts.
    """
    if not isinstance(text, str):
        raise LakipTypeError(
            M_("expected a period as printed text, got {type}", type=type(text).__name__),
            field=field,
        )
    check_cell_text(text, field)
    label = " ".join(text.replace("\u00a0", " ").split())
    if (match := _YEARS_RE.fullmatch(label)) is not None:
        return _from_years(match, label, field)
    if (match := _PART_RE.fullmatch(label)) is not None:
        return _from_part(match, label)
    if (match := _MONTHS_RE.fullmatch(label)) is not None:
        return _from_months(match, label, field)
    from lakipcore.dates import parse_date_range  # noqa: PLC0415 - dateutil's parser, on use

    try:
        span = parse_date_range(label, field=field)
    except FigureFormatError:
        if label[:1].isdigit():  # meant as days: the date parser's message is the precise one
            raise
        raise FigureFormatError(
            M_(
                "{label} is not a period in the report's style (e.g. 'Tahun "
                "2019', 'Tahun Anggaran 2018', 'Tahun 2019 s.d. Tahun 2021', "
                "'bulan Oktober sampai dengan bulan Desember tahun 2019', "
                "'Triwulan III 2019', '21 Oktober 2019 sampai 31 Desember 2019')",
                label=repr(label),
            ),
            field=field,
        ) from None
    return Period(span.start, span.end, label=label)
