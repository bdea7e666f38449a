"""Shared Hypothesis strategies (and one context helper) for the lakipcore tests.

Everything here is report-sized: at most 15 integer digits (the office's pagu is eleven) and
0-4 decimal places, which is what Indonesian LAKIP tables print.
"""

from __future__ import annotations

import decimal
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from decimal import Decimal

from hypothesis import strategies as st

from lakipcore import (
    NOT_TARGETED,
    PRESETS,
    BudgetLine,
    BudgetOutput,
    Figure,
    Formula,
    Indicator,
    MeasureKind,
    OfficeYear,
    Place,
    Polarity,
    PrintedFigure,
    Quantity,
    Realisation,
    Report,
    ReportedAbsorption,
    Target,
    UnitPerformance,
)

__all__ = [
    "amounts",
    "decimals",
    "figures",
    "hostile_context",
    "measures",
    "names",
    "notes",
    "printed_figures",
    "reports",
    "unit_labels",
]

MAX_INTEGER_DIGITS = 15
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
    """A :class:`Figure` as :func:`lakipcore.format_figure` writes it (``text`` left empty)."""
    percent = draw(st.booleans())
    return Figure(
        value=draw(decimals()),
        percent=percent,
        unit=draw(st.none() | unit_labels()),
        note=draw(st.none() | notes()),
        currency=None if percent else draw(st.sampled_from([None, "Rp"])),
    )


def names() -> st.SearchStrategy[str]:
    """Free text for names and titles, including quotes, backslashes and control characters."""
    return st.text(st.characters(exclude_categories=("Cs",)), max_size=12)


def _codes(min_size: int, max_size: int) -> st.SearchStrategy[list[str]]:
    code = _word("abcdefghijklmnopqrstuvwxyz", "abcdefghijklmnopqrstuvwxyz0123456789-", 9)
    return st.lists(code, min_size=min_size, max_size=max_size, unique=True)


def _up_to(top: Decimal, max_places: int = 2) -> st.SearchStrategy[Decimal]:
    """Decimals from 0 to ``top`` inclusive with 0-``max_places`` places."""

    @st.composite
    def build(draw: st.DrawFn) -> Decimal:
        places = draw(st.integers(0, max_places))
        coefficient = draw(st.integers(0, int(top) * 10**places))
        return Decimal(f"{coefficient}E-{places}")

    return build()


@st.composite
def measures(draw: st.DrawFn) -> tuple[Target, Realisation]:
    """A valid target and realisation of the same kind (and scale)."""
    kind = draw(st.sampled_from(MeasureKind))
    scale = None
    if kind is MeasureKind.COUNT:
        values = st.integers(0, 10**9).map(Decimal)
    elif kind is MeasureKind.PERCENT:
        values = decimals(max_places=2, max_integer_digits=3, signed=False)
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
        for place in draw(st.lists(st.sampled_from(Place), min_size=1, max_size=2, unique=True)):
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
    outputs = [
        BudgetOutput(
            name=draw(names()),
            pagu=draw(amounts()),
            realisation=draw(amounts()),
            code=draw(st.none() | st.sampled_from("abcdefghij")),
            printed=draw(printed_figures(_BUDGET_QUANTITIES)),
        )
        for _ in range(draw(st.integers(1, 2)))
    ]
    return BudgetLine(draw(names()), outputs, draw(printed_figures(_BUDGET_QUANTITIES)))


@st.composite
def reports(draw: st.DrawFn) -> Report:
    """Small valid reports (1-2 units, 1-2 indicators each) in the order the writer keeps.

    Units and indicators appear in the same order in both years, and printed figures are grouped
    by quantity and place, because the file format stores them that way.
    """
    year = draw(st.integers(2015, 2030))
    years = [year, year - 1] if draw(st.booleans()) else [year]
    unit_specs = []
    for code in draw(_codes(1, 2)):
        indicators = []
        for indicator_code in draw(_codes(1, 2)):
            polarity = draw(st.sampled_from(Polarity))
            formulas = [f for f in Formula if f.polarity is polarity]
            indicators.append(
                {
                    "code": indicator_code,
                    "name": draw(names()),
                    "goal": draw(st.none() | names()),
                    "polarity": polarity,
                    "formula": draw(st.none() | st.sampled_from(formulas)),
                }
            )
        unit_specs.append((code, draw(names()), indicators))

    def office_year(y: int) -> OfficeYear:
        units = []
        for code, name, specs in unit_specs:
            indicators = []
            for spec in specs:
                if draw(st.booleans()):
                    target, realisation = draw(measures())
                    cell: dict[str, object] = {"target": target, "realisation": realisation}
                else:
                    cell = {"target": NOT_TARGETED}
                printed = draw(printed_figures(_INDICATOR_QUANTITIES))
                indicators.append(Indicator(**spec, **cell, printed=printed))
            units.append(
                UnitPerformance(
                    code,
                    name,
                    y,
                    indicators,
                    draw(_budget()),
                    draw(printed_figures(_YEAR_QUANTITIES)),
                )
            )
        method = draw(st.none() | st.sampled_from(sorted(PRESETS)))
        return OfficeYear(y, units, method, draw(printed_figures(_YEAR_QUANTITIES)))

    built = [office_year(y) for y in years]
    return Report(
        office=draw(names()),
        current=built[0],
        previous=built[1] if len(built) > 1 else None,
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
