"""Units, office years and the report that holds them."""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from lakipcore.errors import InvalidValueError, LakipError
from lakipcore.model.budget import Budget
from lakipcore.model.evidence import EvidenceTable, Rule, check_rule
from lakipcore.model.indicator import Indicator
from lakipcore.model.printed import PrintedFigures

__all__ = ["OfficeYear", "Report", "UnitPerformance"]


def _indicators(items: Iterable[Indicator]) -> tuple[Indicator, ...]:
    return tuple(items)


def _tables(items: Iterable[EvidenceTable]) -> tuple[EvidenceTable, ...]:
    return tuple(items)


def _units(items: Iterable[UnitPerformance]) -> tuple[UnitPerformance, ...]:
    return tuple(items)


def _check_rule(rule: Rule, tables: tuple[EvidenceTable, ...], field: str) -> None:
    try:
        check_rule(rule, tables)
    except LakipError as error:
        raise error.located(field=field) from None


def _check_unique(codes: Iterable[str], what: str, field: str) -> None:
    seen: set[str] = set()
    for index, code in enumerate(codes):
        if code in seen:
            raise InvalidValueError(f"duplicate {what} code {code!r}", field=f"{field}[{index}]")
        seen.add(code)


@attrs.frozen
class UnitPerformance:
    """One unit (Divisi, Ditjen, Badan) in one year: its indicators and its budget.

    Indicators that exist in the other year of a comparison but were "Tidak ditargetkan" this year
    are listed too, with that state; a unit must have at least one indicator. ``evidence`` holds
    the supporting tables of the year, which the indicators' rules refer to by id.
    """

    code: str
    name: str
    year: int
    indicators: tuple[Indicator, ...] = attrs.field(converter=_indicators)
    budget: Budget
    printed: PrintedFigures = ()
    evidence: tuple[EvidenceTable, ...] = attrs.field(default=(), converter=_tables)
    field: str | None = attrs.field(default=None, eq=False)

    def __attrs_post_init__(self) -> None:
        if not self.indicators:
            raise InvalidValueError(
                f"unit {self.code!r} has no indicators in {self.year}", field="indicators"
            )
        _check_unique((i.code for i in self.indicators), "indicator", "indicators")
        _check_unique((t.id for t in self.evidence), "evidence table", "evidence")
        for index, table in enumerate(self.evidence):
            for number, total in enumerate(table.totals):
                # Where the table was read from a file, name the rule's place in it.
                where = f"{table.field}.totals[{number}].rule" if table.field else None
                _check_rule(
                    total.rule, self.evidence, where or f"evidence[{index}].totals[{number}]"
                )
        for index, indicator in enumerate(self.indicators):
            base = indicator.field or f"indicators[{index}]"
            derive = "derive" if indicator.field else "derivation"
            rules = [(derive, indicator.derivation)] if indicator.derivation else []
            rules += [(f"supports[{n}]", s.rule) for n, s in enumerate(indicator.supports)]
            for where, rule in rules:
                if rule is not None:
                    _check_rule(rule, self.evidence, f"{base}.{where}")

    def indicator(self, code: str) -> Indicator:
        """The indicator with ``code``; ``KeyError`` if there is none."""
        for item in self.indicators:
            if item.code == code:
                return item
        raise KeyError(code)


@attrs.frozen
class OfficeYear:
    """The office (Kanwil) in one year: its units and the office-level printed figures.

    ``method`` names the scoring method the report used for this year's office row, when known.
    """

    year: int
    units: tuple[UnitPerformance, ...] = attrs.field(converter=_units)
    method: str | None = None
    printed: PrintedFigures = ()

    def __attrs_post_init__(self) -> None:
        if not self.units:
            raise InvalidValueError(f"the office has no units in {self.year}", field="units")
        _check_unique((u.code for u in self.units), "unit", "units")
        for index, unit in enumerate(self.units):
            if unit.year != self.year:
                raise InvalidValueError(
                    f"unit {unit.code!r} is for {unit.year}, not {self.year}",
                    field=f"units[{index}].year",
                )

    def unit(self, code: str) -> UnitPerformance:
        """The unit with ``code``; ``KeyError`` if there is none."""
        for item in self.units:
            if item.code == code:
                return item
        raise KeyError(code)


@attrs.frozen
class Report:
    """A performance report: the office in its year and, optionally, last year's comparatives."""

    office: str
    current: OfficeYear
    previous: OfficeYear | None = None
    title: str | None = None
    source: str | None = None

    def __attrs_post_init__(self) -> None:
        if self.previous is not None and self.previous.year >= self.current.year:
            raise InvalidValueError(
                f"the previous year {self.previous.year} must come before {self.current.year}",
                field="previous_year",
            )

    @property
    def year(self) -> int:
        """The reporting year."""
        return self.current.year
