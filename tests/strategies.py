"""Shared Hypothesis strategies (and one context helper) for the lakipcore tests.

Everything here is report-sized: at most 15 integer digits (the office's pagu is eleven) and
0-4 decimal places, which is what Indonesian LAKIP tables print.
"""

from __future__ import annotations

import decimal
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from decimal import Decimal

import attrs
from hypothesis import strategies as st

from lakipcore import (
    BudgetLine,
    BudgetOutput,
    Indicator,
    IndicatorPeriod,
    MeasureKind,
    Polarity,
    Realisation,
    Report,
    ReportPeriod,
    Target,
    Unit,
    UnitPeriod,
)
from lakipcore.figures import NOT_TARGETED, Figure, NotReported
from lakipcore.methods import PRESETS
from lakipcore.model import KANWIL_TABLES, Formula, PrintedFigure, Quantity, ReportedAbsorption
from lakipcore.model.ordinal import ORDINAL_SCALES

__all__ = [
    "amounts",
    "decimals",
    "figures",
    "hostile_context",
    "measures",
    "names",
    "notes",
    "period_keys",
    "printed_figures",
    "reports",
    "unit_labels",
]

MAX_INTEGER_DIGITS = 15
PLACES = tuple(table.id for table in KANWIL_TABLES)
"""The table ids generated reports print figures in (they declare the Kanwil tables)."""
MAX_PLACES = 4


def decimals(
    *,
    min_places: int = 0,
    max_places: int = MAX_PLACES,
    max_integer_digits: int = MAX_INTEGER_DIGITS,
    signed: bool = True,
) -> st.SearchStrategy[Decimal]:
    """Finite Decimals with ``min_places``-``max_places`` places (the exponent is exactly -places).

    Trailing zeros are kept: ``Decimal("87.50")`` is drawn as itself, never normalised.
    """

    @st.composite
    def build(draw: st.DrawFn) -> Decimal:
        places = draw(st.integers(min_places, max_places))
        bound = 10 ** (max_integer_digits + places) - 1
        coefficient = draw(st.integers(-bound if signed else 0, bound))
        return Decimal(f"{coefficient}E-{places}")

    return build()


def amounts(max_integer_digits: int = 13) -> st.SearchStrategy[Decimal]:
    """Whole, non-negative Rupiah amounts such as a pagu or a realisasi."""
    return st.integers(0, 10**max_integer_digits - 1).map(Decimal)


_LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZÀÉéèüñ"
_DIGITS = "0123456789"


def _word(first: str, rest: str, max_size: int = 10) -> st.SearchStrategy[str]:
    head = st.sampled_from(first)
    tail = st.text(alphabet=rest, max_size=max_size - 1)
    return st.tuples(head, tail).map("".join)


def unit_labels() -> st.SearchStrategy[str]:
    """Unit labels the parser reads back: one or two words, each starting with a letter."""
    word = _word(_LETTERS, _LETTERS + _DIGITS + "/-")
    return st.lists(word, min_size=1, max_size=2).map(" ".join)


def notes() -> st.SearchStrategy[str]:
    """Texts of a trailing parenthesis: words without parentheses, single-spaced, no edge space."""
    characters = _LETTERS + _DIGITS + "%.,:/-"
    word = st.text(alphabet=characters, min_size=1, max_size=10)
    return st.lists(word, min_size=1, max_size=4).map(" ".join)


@st.composite
def figures(draw: st.DrawFn) -> Figure:
    """A :class:`Figure` as :func:`lakipcore.figures.format_figure` writes it (no ``text``)."""
    percent = draw(st.booleans())
    return Figure(
        value=draw(decimals()),
        percent=percent,
        unit=draw(st.none() | unit_labels()),
        note=draw(st.none() | notes()),
        currency=None if percent else draw(st.sampled_from([None, "Rp"])),
    )


def names() -> st.SearchStrategy[str]:
    """Free text for names and titles, including quotes, backslashes, tabs and line breaks,
    and every character a text field may hold (no other control character, lone surrogate or
    bidirectional control: those are refused, see tests/test_text.py)."""
    allowed = st.characters(
        exclude_categories=("Cs", "Cc"),
        exclude_characters="\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069",
        include_characters="\t\n\r",
    )
    return st.text(allowed, max_size=12)


def _codes(min_size: int, max_size: int) -> st.SearchStrategy[list[str]]:
    code = st.from_regex(r"[a-z](?:[a-z0-9-]{0,7}[a-z0-9])?", fullmatch=True)
    return st.lists(code, min_size=min_size, max_size=max_size, unique=True)


def printable_names() -> st.SearchStrategy[str]:
    """Names of units and indicators: printable text that starts with a visible character."""
    visible = st.characters(categories=("L", "N", "P", "S"), exclude_characters="\u00ad")
    rest = st.text(
        st.characters(categories=("L", "N", "P", "S"), include_characters=" "), max_size=11
    )
    return st.tuples(visible, rest).map("".join)


def _up_to(top: Decimal, max_places: int = 2) -> st.SearchStrategy[Decimal]:
    """Decimals from 0 to ``top`` inclusive with 0-``max_places`` places."""

    @st.composite
    def build(draw: st.DrawFn) -> Decimal:
        places = draw(st.integers(0, max_places))
        coefficient = draw(st.integers(0, int(top) * 10**places))
        return Decimal(f"{coefficient}E-{places}")

    return build()


@st.composite
def measures(
    draw: st.DrawFn, kind: MeasureKind | None = None, ordinal: str | None = None
) -> tuple[Target, Realisation]:
    """A valid target and realisation of the same kind (and scale): ``kind``, or any kind but
    a plain value or a predikat (which an indicator declares for all its periods); a predikat
    on the preset ordinal scale ``ordinal``. Percentages and plain values are sometimes
    negative (a growth rate of -2,1 %)."""
    if ordinal is not None:
        levels = ORDINAL_SCALES[ordinal].levels
        target, realised = draw(st.sampled_from(levels)), draw(st.sampled_from(levels))
        return (
            Target(MeasureKind.ORDINAL, target.value, level=target.label),
            Realisation(MeasureKind.ORDINAL, realised.value, level=realised.label),
        )
    if kind is None:
        special = (MeasureKind.VALUE, MeasureKind.ORDINAL)
        kind = draw(st.sampled_from([k for k in MeasureKind if k not in special]))
    scale = None
    if kind is MeasureKind.COUNT:
        values = st.integers(0, 10**9).map(Decimal)
    elif kind is MeasureKind.PERCENT:
        values = decimals(max_places=2, max_integer_digits=3, signed=draw(st.booleans()))
    elif kind is MeasureKind.VALUE and draw(st.booleans()):
        values = decimals(max_places=3, max_integer_digits=4, signed=True)
    else:
        scale = draw(st.sampled_from([Decimal(4), Decimal(10), Decimal(100)]))
        values = _up_to(scale)
    extras = {"unit": st.none() | unit_labels(), "note": st.none() | notes()}
    target = Target(kind, draw(values), scale=scale, **{k: draw(v) for k, v in extras.items()})
    realisation = Realisation(
        kind, draw(values), scale=scale, **{k: draw(v) for k, v in extras.items()}
    )
    return target, realisation


@st.composite
def printed_figures(draw: st.DrawFn, quantities: Sequence[Quantity]) -> tuple[PrintedFigure, ...]:
    """Printed figures grouped by quantity, then place, as the file format stores them."""
    result: list[PrintedFigure] = []
    for quantity in draw(st.lists(st.sampled_from(quantities), max_size=2, unique=True)):
        for place in draw(st.lists(st.sampled_from(PLACES), min_size=1, max_size=2, unique=True)):
            for text in draw(st.lists(names(), min_size=1, max_size=2)):
                result.append(PrintedFigure(quantity, place, text))
    return tuple(result)


_INDICATOR_QUANTITIES = (Quantity.TARGET, Quantity.CAPAIAN, Quantity.CAPAIAN_YOY)
_YEAR_QUANTITIES = (Quantity.ACHIEVEMENT, Quantity.ABSORPTION, Quantity.PERFORMANCE)
_BUDGET_QUANTITIES = (Quantity.PAGU, Quantity.REALISATION, Quantity.ABSORPTION)


@st.composite
def _budget(draw: st.DrawFn) -> BudgetLine | ReportedAbsorption:
    if draw(st.booleans()):
        rate = draw(decimals(max_places=2, max_integer_digits=3, signed=False))
        return ReportedAbsorption(rate, draw(printed_figures([Quantity.ABSORPTION])))
    letters = draw(st.lists(st.none() | st.sampled_from("abcdefghij"), min_size=1, max_size=2))
    outputs = [
        BudgetOutput(
            name=draw(names()),
            pagu=draw(amounts()),
            realisation=draw(amounts()),
            code=None if code is None or code in letters[:index] else code,
            printed=draw(printed_figures(_BUDGET_QUANTITIES)),
        )
        for index, code in enumerate(letters)
    ]
    return BudgetLine(draw(names()), outputs, draw(printed_figures(_BUDGET_QUANTITIES)))


_PERIOD_SERIES = (
    lambda year, n: [str(year - n + 1 + i) for i in range(n)],  # a Renstra-like run of years
    lambda year, n: [f"{year}-tw{i + 1}" for i in range(min(n, 4))],  # quarters of one year
    lambda year, n: [f"{year - n + 1 + i}-s1" for i in range(n)],  # first semesters compared
    lambda year, n: [f"{year}-{i + 1:02d}" for i in range(min(n, 12))],  # months of one year
)


@st.composite
def period_keys(draw: st.DrawFn, max_periods: int = 6) -> list[str]:
    """Keys of 1 to ``max_periods`` ordered periods: years, quarters, semesters or months."""
    year = draw(st.integers(2015, 2030))
    count = draw(st.integers(1, max_periods))
    return draw(st.sampled_from(_PERIOD_SERIES))(year, count)


@st.composite
def reports(
    draw: st.DrawFn, max_periods: int = 2, max_units: int = 2, planned: bool = False
) -> Report:
    """Small valid reports: 1 to ``max_periods`` periods, an office with 0 to ``max_units``
    units (sometimes one level deeper), 1-2 indicators each, budgets present or absent.

    With no units the office reports on itself (a UPT). Units take part in a period when they
    have a block for it; printed figures are grouped by quantity and place, as the file stores
    them.
    """
    keys = draw(period_keys(max_periods))
    periods = [
        ReportPeriod(
            key,
            method=draw(st.none() | st.sampled_from(sorted(PRESETS))),
            planned=planned and index == len(keys) - 1 and draw(st.booleans()),
        )
        for index, key in enumerate(keys)
    ]
    codes = draw(_codes(1, 1 + max_units + 2))
    office_code, unit_codes = codes[0], codes[1:]
    n_units = draw(st.integers(0, min(max_units, len(unit_codes))))

    def unit(code: str, children: tuple[Unit, ...], with_indicators: bool) -> Unit:
        indicators = []
        for indicator_code in draw(_codes(1, 2)) if with_indicators else []:
            polarity = draw(st.sampled_from(Polarity))
            formulas = [f for f in Formula if f.polarity is polarity]
            special = draw(st.integers(0, 9))
            plain = MeasureKind.VALUE if special < 2 else None
            ordinal = draw(st.sampled_from(sorted(ORDINAL_SCALES))) if special == 2 else None
            entries = []
            for period in periods:
                if not draw(st.booleans()) and entries:
                    continue
                if draw(st.integers(0, 3)) > 0:
                    target, realisation = draw(measures(plain, ordinal))
                    if period.planned and draw(st.booleans()):
                        entry = IndicatorPeriod(period.key, target)
                    elif draw(st.integers(0, 7)) == 0:  # printed "n/a": not reported
                        missing = NotReported(draw(st.sampled_from(["n/a", "-", "N/A", "NA"])))
                        entry = IndicatorPeriod(period.key, target, not_reported=missing)
                    else:
                        entry = IndicatorPeriod(period.key, target, realisation)
                else:
                    entry = IndicatorPeriod(period.key, NOT_TARGETED)
                printed = draw(printed_figures(_INDICATOR_QUANTITIES))
                entries.append(attrs.evolve(entry, printed=printed))
            if any(
                measure.value < 0
                for entry in entries
                for measure in (entry.target, entry.realisation)
                if isinstance(measure, Target | Realisation)
            ):  # T / R has no reading below zero: scoring would refuse the indicator
                formulas = [f for f in formulas if f is not Formula.INVERSE_RATIO]
            indicators.append(
                Indicator(
                    f"{code}-{indicator_code}",
                    draw(printable_names()),
                    entries,
                    goal=draw(st.none() | printable_names()),
                    polarity=polarity,
                    formula=draw(st.none() | st.sampled_from(formulas)),
                    ordinal=ordinal,
                )
            )
        blocks = [
            UnitPeriod(
                period.key,
                draw(st.none() | _budget()),
                draw(printed_figures(_YEAR_QUANTITIES)),
            )
            for period in periods
            if draw(st.booleans())
        ]
        return Unit(code, draw(printable_names()), indicators, blocks, children)

    units = []
    for index, code in enumerate(unit_codes[:n_units]):
        grandchildren = ()
        if index == 0 and len(unit_codes) > n_units and draw(st.booleans()):
            grandchildren = (unit(unit_codes[n_units], (), True),)
        units.append(unit(code, grandchildren, True))
    root = unit(office_code, tuple(units), not units or draw(st.booleans()))
    return Report(
        periods,
        root,
        KANWIL_TABLES,
        title=draw(st.none() | names()),
        source=draw(st.none() | names()),
    )


@contextmanager
def hostile_context() -> Iterator[decimal.Context]:
    """A caller's decimal context that would spoil any arithmetic done in it.

    Three significant digits, rounding toward -infinity, and traps on Inexact and Rounded: a
    library that used the current context would return different numbers or raise.
    """
    with decimal.localcontext() as context:
        context.prec = 3
        context.rounding = decimal.ROUND_FLOOR
        context.traps[decimal.Inexact] = True
        context.traps[decimal.Rounded] = True
        context.clear_flags()  # localcontext() copies the flags other code already raised
        yield context
