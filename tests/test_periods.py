"""Tests for reporting periods (lakipcore.periods)."""

from __future__ import annotations

import itertools
from datetime import date, datetime

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from lakipcore.dates import DateRange, parse_when
from lakipcore.errors import FigureFormatError, InvalidValueError, LakipTypeError
from lakipcore.periods import (
    Period,
    bulan,
    parse_period,
    semester,
    tahun_anggaran,
    triwulan,
)

# label, period, start, end, days
CONSTRUCTOR_CASES = (
    ("Tahun Anggaran 2019", tahun_anggaran(2019), date(2019, 1, 1), date(2019, 12, 31), 365),
    ("Tahun Anggaran 2020", tahun_anggaran(2020), date(2020, 1, 1), date(2020, 12, 31), 366),
    ("Semester I 2019", semester(2019, 1), date(2019, 1, 1), date(2019, 6, 30), 181),
    ("Semester II 2019", semester(2019, 2), date(2019, 7, 1), date(2019, 12, 31), 184),
    ("Semester I 2020", semester(2020, 1), date(2020, 1, 1), date(2020, 6, 30), 182),
    ("Triwulan I 2019", triwulan(2019, 1), date(2019, 1, 1), date(2019, 3, 31), 90),
    ("Triwulan I 2020", triwulan(2020, 1), date(2020, 1, 1), date(2020, 3, 31), 91),
    ("Triwulan II 2019", triwulan(2019, 2), date(2019, 4, 1), date(2019, 6, 30), 91),
    ("Triwulan III 2019", triwulan(2019, 3), date(2019, 7, 1), date(2019, 9, 30), 92),
    ("Triwulan IV 2019", triwulan(2019, 4), date(2019, 10, 1), date(2019, 12, 31), 92),
    ("Februari 2019", bulan(2019, 2), date(2019, 2, 1), date(2019, 2, 28), 28),
    ("Februari 2020", bulan(2020, 2), date(2020, 2, 1), date(2020, 2, 29), 29),
    ("Desember 9999", bulan(9999, 12), date(9999, 12, 1), date(9999, 12, 31), 31),
    ("Tahun Anggaran 0001", tahun_anggaran(1), date(1, 1, 1), date(1, 12, 31), 365),
)

# The period forms chapter III of the Banten 2019 report prints (line numbers of the source),
# then other spellings. text, start, end
PARSE_CASES = (
    ("Tahun 2019", date(2019, 1, 1), date(2019, 12, 31)),  # lines 17, 19, ...
    ("Tahun Anggaran 2018", date(2018, 1, 1), date(2018, 12, 31)),  # line 132
    ("Tahun 2019 s.d. Tahun 2021", date(2019, 1, 1), date(2021, 12, 31)),  # line 129
    (
        "bulan Oktober sampai dengan bulan Desember tahun 2019",  # line 614
        date(2019, 10, 1),
        date(2019, 12, 31),
    ),
    (
        "21 Oktober 2019 sampai 31 Desember 2019",  # lines 198, 232
        date(2019, 10, 21),
        date(2019, 12, 31),
    ),
    ("21 Oktober – 22 November 2019", date(2019, 10, 21), date(2019, 11, 22)),  # line 856
    ("tahun 2019", date(2019, 1, 1), date(2019, 12, 31)),
    ("TA 2019", date(2019, 1, 1), date(2019, 12, 31)),
    ("TAHUN ANGGARAN 2019", date(2019, 1, 1), date(2019, 12, 31)),
    ("Tahun 2019 s/d 2021", date(2019, 1, 1), date(2021, 12, 31)),
    ("Tahun 2019 – Tahun 2021", date(2019, 1, 1), date(2021, 12, 31)),
    ("Oktober 2019", date(2019, 10, 1), date(2019, 10, 31)),
    ("bulan Oktober tahun 2019", date(2019, 10, 1), date(2019, 10, 31)),
    ("Okt – Des 2019", date(2019, 10, 1), date(2019, 12, 31)),
    ("Desember 2019 - Januari 2020", date(2019, 12, 1), date(2020, 1, 31)),
    ("Semester I 2019", date(2019, 1, 1), date(2019, 6, 30)),
    ("semester 2 tahun 2019", date(2019, 7, 1), date(2019, 12, 31)),
    ("Triwulan III 2019", date(2019, 7, 1), date(2019, 9, 30)),
    ("triwulan iv 2019", date(2019, 10, 1), date(2019, 12, 31)),
    ("Triwulan 1 2020", date(2020, 1, 1), date(2020, 3, 31)),
)

# text, error class, regex the message must match
REFUSE_CASES = (
    ("Tahun 19", FigureFormatError, r"'Tahun 19' is not a period in the report's style"),
    ("Foo", FigureFormatError, r"is not a period"),
    ("2019", FigureFormatError, r"'2019' is not a date, a list of dates or a range"),
    ("16 April 2019", FigureFormatError, r"'16 April 2019' is one date, not a range"),
    ("16 April sampai 17 Foo 2019", FigureFormatError, r"'Foo' is not a month"),
    ("Triwulan V 2019", FigureFormatError, r"is not a period"),
    ("Semester III 2019", InvalidValueError, r"a year has semesters 1 to 2 \(I, II\), got 3"),
    ("Semester 3 2019", InvalidValueError, r"a year has semesters 1 to 2 \(I, II\), got 3"),
    ("bulan Foo 2019", FigureFormatError, r"'Foo' is not a month"),
    (
        "bulan Desember sampai dengan bulan Oktober tahun 2019",
        InvalidValueError,
        r"the period ends on 31 Oktober 2019, before it starts on 1 Desember 2019",
    ),
    (
        "Tahun 2021 s.d. Tahun 2019",
        InvalidValueError,
        r"the period ends on 31 Desember 2019, before it starts on 1 Januari 2021",
    ),
    (
        "31 Desember 2019 sampai 21 Oktober 2019",
        InvalidValueError,
        r"the range ends on 21 Oktober 2019, before it starts on 31 Desember 2019",
    ),
)


def test_cases_unique():
    """The case tables hold no duplicate labels or texts."""
    assert len({c[0] for c in CONSTRUCTOR_CASES}) == len(CONSTRUCTOR_CASES)
    assert len({c[0] for c in PARSE_CASES}) == len(PARSE_CASES)
    assert len({c[0] for c in REFUSE_CASES}) == len(REFUSE_CASES)


@pytest.mark.parametrize(
    ("label", "period", "start", "end", "days"),
    CONSTRUCTOR_CASES,
    ids=[c[0] for c in CONSTRUCTOR_CASES],
)
def test_constructors(label, period, start, end, days):
    """Each constructor gives the right first and last day, its length and its label."""
    assert (start, end, days) == (period.start, period.end, period.days)
    assert label == period.label
    assert label == str(period)


@pytest.mark.parametrize(("text", "start", "end"), PARSE_CASES, ids=[c[0] for c in PARSE_CASES])
def test_parse_period(text, start, end):
    """parse_period reads each printed form; the label keeps the text as written."""
    period = parse_period(text)

    assert Period(start, end) == period
    assert text == period.label


@pytest.mark.parametrize(("text", "error", "match"), REFUSE_CASES, ids=[c[0] for c in REFUSE_CASES])
def test_parse_period_refuses(text, error, match):
    """Text that is not a period, or a period that runs backwards, is refused."""
    with pytest.raises(error, match=match):
        parse_period(text)


def test_parse_period_names_field():
    """A refusal names the field it was given."""
    with pytest.raises(FigureFormatError) as info:
        parse_period("Tahun 19", field="periode")

    assert "periode" == info.value.field
    with pytest.raises(LakipTypeError, match="got int"):
        parse_period(2019, field="periode")  # type: ignore[arg-type]


def test_label_is_not_part_of_equality():
    """Two periods with the same days are equal whatever their labels."""
    assert tahun_anggaran(2019) == Period(date(2019, 1, 1), date(2019, 12, 31))
    assert tahun_anggaran(2019) == parse_period("Tahun 2019")
    assert hash(tahun_anggaran(2019)) == hash(Period.between(date(2019, 1, 1), date(2019, 12, 31)))
    assert "21 Oktober 2019 sampai 31 Desember 2019" == str(
        Period.between(date(2019, 10, 21), date(2019, 12, 31))
    )


@pytest.mark.parametrize(
    ("make", "n", "error", "match"),
    [
        (semester, 0, InvalidValueError, r"a year has semesters 1 to 2 \(I, II\), got 0"),
        (semester, 3, InvalidValueError, r"got 3"),
        (triwulan, 5, InvalidValueError, r"a year has triwulans 1 to 4 \(I, II, III, IV\), got 5"),
        (triwulan, -1, InvalidValueError, r"got -1"),
        (semester, True, LakipTypeError, r"expected the semester as an int, got bool"),
        (triwulan, "III", LakipTypeError, r"expected the triwulan as an int, got str"),
        (bulan, 13, InvalidValueError, r"a year has months 1 to 12"),
    ],
)
def test_bad_n(make, n, error, match):
    """A semester, quarter or month number out of range, or not an int, is refused by name."""
    with pytest.raises(error, match=match) as info:
        make(2019, n)

    assert info.value.field in {"semester", "triwulan", "month"}


@pytest.mark.parametrize(
    ("year", "error"),
    [(0, InvalidValueError), (10000, InvalidValueError), ("2019", LakipTypeError)],
)
def test_bad_year(year, error):
    """A year outside 1-9999 or not an int is refused, naming the year."""
    with pytest.raises(error) as info:
        tahun_anggaran(year)

    assert "year" == info.value.field


def test_period_validation():
    """A period is two plain dates, the end not before the start."""
    with pytest.raises(
        InvalidValueError,
        match=r"the period ends on 1 Januari 2019, before it starts on 1 Februari 2019",
    ) as info:
        Period(date(2019, 2, 1), date(2019, 1, 1))
    assert "end" == info.value.field
    with pytest.raises(LakipTypeError, match="datetime") as info:
        Period(datetime(2019, 1, 1), date(2019, 12, 31))
    assert "start" == info.value.field
    with pytest.raises(LakipTypeError, match="str"):
        Period.between(date(2019, 1, 1), "31-12-2019")  # type: ignore[arg-type]


def test_membership():
    """`in` asks about one date, both ends included; a datetime is refused, not compared."""
    year = tahun_anggaran(2019)

    assert date(2019, 1, 1) in year
    assert date(2019, 12, 31) in year
    assert date(2020, 1, 1) not in year
    assert date(2018, 12, 31) not in year
    with pytest.raises(LakipTypeError, match="datetime"):
        _ = datetime(2019, 6, 1) in year


def test_contains_and_outside_report_evidence():
    """The report's evidence dates checked against its fiscal year, as the audit will."""
    year = tahun_anggaran(2019)
    survey = parse_when("21 Oktober 2019 sampai 31 Desember 2019")
    visits = parse_when("22, 23 Oktober 2019 & 01, 04 November 2019")
    letter = parse_when("6 Januari 2020")  # the survey results' letter, lines 198 and 232

    assert year.contains(survey)
    assert year.contains(visits)
    assert not year.contains(letter)
    assert () == year.outside(survey)
    assert () == year.outside(visits)
    assert (date(2020, 1, 6),) == year.outside(letter)


def test_outside_counts_a_range_by_its_ends():
    """A range is outside by those of its two ends that are; one enclosing the period by both."""
    q4 = triwulan(2019, 4)

    assert (date(2020, 1, 6),) == q4.outside(DateRange(date(2019, 12, 1), date(2020, 1, 6)))
    assert (date(2019, 9, 1), date(2020, 1, 6)) == q4.outside(
        DateRange(date(2019, 9, 1), date(2020, 1, 6))
    )
    assert not q4.contains(DateRange(date(2019, 9, 1), date(2020, 1, 6)))


def test_outside_keeps_written_order():
    """outside lists the dates outside the period in the order given, from any iterable."""
    q3 = triwulan(2019, 3)
    days = [date(2019, 10, 1), date(2019, 8, 17), date(2019, 6, 30)]

    assert (date(2019, 10, 1), date(2019, 6, 30)) == q3.outside(days)
    assert (date(2019, 10, 1), date(2019, 6, 30)) == q3.outside(iter(days))
    assert () == q3.outside(())
    assert q3.contains([])


@pytest.mark.parametrize(
    ("when", "match"),
    [
        ("21 Oktober 2019", r"got str; read printed text with lakipcore\.dates\.parse_when"),
        (20191021, r"got int"),
        ([date(2019, 10, 1), datetime(2019, 10, 2)], r"datetime"),
        ([date(2019, 10, 1), "02-10-2019"], r"got the str"),
    ],
)
def test_outside_refuses_non_dates(when, match):
    """Text, numbers, datetimes: refused with a LakipTypeError, never silently compared."""
    with pytest.raises(LakipTypeError, match=match):
        tahun_anggaran(2019).outside(when)


def test_as_range():
    """A period's days as a DateRange."""
    assert DateRange(date(2019, 7, 1), date(2019, 12, 31)) == semester(2019, 2).as_range()


def test_label_can_be_changed():
    """A period is a frozen value; attrs.evolve changes its label without touching its days."""
    relabelled = attrs.evolve(tahun_anggaran(2019), label="TA 2019")

    assert "TA 2019" == str(relabelled)
    assert tahun_anggaran(2019) == relabelled


# --- properties ---------------------------------------------------------------------------------

years = st.integers(min_value=1, max_value=9999)


@given(st.dates())
def test_every_day_is_in_one_semester_and_one_triwulan(day):
    """The semesters, and the quarters, of a fiscal year divide it without gap or overlap."""
    halves = [n for n in (1, 2) if day in semester(day.year, n)]
    quarters = [n for n in (1, 2, 3, 4) if day in triwulan(day.year, n)]

    assert [(day.month - 1) // 6 + 1] == halves
    assert [(day.month - 1) // 3 + 1] == quarters
    assert day in tahun_anggaran(day.year)
    assert day in bulan(day.year, day.month)


@given(years)
def test_parts_tile_the_year(year):
    """Quarters and semesters follow each other day after day and cover the fiscal year."""
    whole = tahun_anggaran(year)
    quarters = [triwulan(year, n) for n in (1, 2, 3, 4)]

    assert whole.days == sum(q.days for q in quarters)
    assert whole.start == quarters[0].start
    assert whole.end == quarters[-1].end
    for earlier, later in itertools.pairwise(quarters):
        assert 1 == (later.start - earlier.end).days
    assert semester(year, 1).end == quarters[1].end


@given(
    st.one_of(
        years.map(tahun_anggaran),
        st.tuples(years, st.integers(1, 2)).map(lambda a: semester(*a)),
        st.tuples(years, st.integers(1, 4)).map(lambda a: triwulan(*a)),
        st.tuples(years, st.integers(1, 12)).map(lambda a: bulan(*a)),
        st.tuples(st.dates(), st.dates()).map(lambda a: Period.between(min(a), max(a))),
    )
)
def test_round_trip(period):
    """str() of any period parses back to the same days."""
    assert period == parse_period(str(period))
