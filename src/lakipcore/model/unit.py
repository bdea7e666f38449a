"""Units (the office, its Divisi, Ditjen, UPT) as a tree, with their data in each period."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import attrs

from lakipcore._display import Short
from lakipcore.errors import InvalidValueError, LakipError, LakipTypeError
from lakipcore.i18n import M_
from lakipcore.model._members import members
from lakipcore.model.budget import Budget, BudgetLine, PlannedBudget, ReportedAbsorption
from lakipcore.model.codes import check_unit_code
from lakipcore.model.derived import DerivedFigure, check_derived
from lakipcore.model.evidence import Evidence, EvidenceTable, check_rule
from lakipcore.model.indicator import Indicator
from lakipcore.model.origin import Origin
from lakipcore.model.printed import PrintedFigures, printed_figures
from lakipcore.model.rules import Rule

__all__ = ["MAX_LEVELS", "Unit", "UnitPeriod"]

MAX_LEVELS = 32
"""The most levels a tree of units may have, the office being the first. A ministry's report
rolled up from its offices has about six (Kementerian, Eselon I, Kanwil, Divisi, UPT, seksi);
the bound keeps every walk over the tree (scoring, the audit, the writers, comparing two
reports) far inside Python's recursion limit."""


def _units(items: Iterable[Unit]) -> tuple[Unit, ...]:
    return members(Unit, "units")(items)  # Unit is defined below


def _budget(_instance: object, _attribute: object, value: Any) -> None:
    if value is not None and not isinstance(value, BudgetLine | PlannedBudget | ReportedAbsorption):
        raise LakipTypeError(
            M_(
                "expected a BudgetLine, a ReportedAbsorption, a PlannedBudget or None, got {type}",
                type=type(value).__name__,
            ),
            field="budget",
        )


def _evidence(items: Iterable[EvidenceTable]) -> tuple[EvidenceTable, ...]:
    return members(EvidenceTable, "evidence")(items)


def _indicators(items: Iterable[Indicator]) -> tuple[Indicator, ...]:
    return members(Indicator, "indicators")(items)


def _derived(items: Iterable[DerivedFigure]) -> tuple[DerivedFigure, ...]:
    return members(DerivedFigure, "derived")(items)


def _blocks(items: Iterable[UnitPeriod]) -> tuple[UnitPeriod, ...]:
    return members(UnitPeriod, "periods")(items)


@attrs.frozen(repr=False)
class UnitPeriod(Short):
    """A unit in one period: its budget (``None`` when the report prints none), the unit-level
    printed figures, and the supporting tables its indicators' rules refer to by id."""

    period: str
    budget: Budget | None = attrs.field(default=None, validator=_budget)
    printed: PrintedFigures = attrs.field(default=(), converter=printed_figures)
    evidence: tuple[EvidenceTable, ...] = attrs.field(default=(), converter=_evidence)
    origin: Origin | None = attrs.field(default=None, eq=False, repr=False)
    derived: tuple[DerivedFigure, ...] = attrs.field(default=(), converter=_derived, kw_only=True)
    """Figures the report computes with a named formula and prints (NE, NKA, growth)."""

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.period, str):
            raise LakipTypeError(
                M_("expected a period key, got {period}", period=repr(self.period)), field="period"
            )
        check_derived(self.derived)
        seen: set[str] = set()
        for index, table in enumerate(self.evidence):
            if table.id in seen:
                raise InvalidValueError(
                    M_("duplicate evidence table id {id}", id=repr(table.id)),
                    field=f"evidence[{index}]",
                )
            seen.add(table.id)
        for index, table in enumerate(self.evidence):
            for number, total in enumerate(table.totals):
                fallback = Origin(path=f"evidence[{index}].totals[{number}].rule")
                _check_rule(total.rule, self.evidence, total.rule.origin or fallback)


def _check_rule(
    rule: Rule, tables: tuple[EvidenceTable, ...], where: Origin, evidence: Evidence | None = None
) -> None:
    try:
        check_rule(rule, tables, evidence)
    except LakipError as error:
        inner = where.child(error.field) if error.field else where
        raise error.relocated(field=inner.path, source=where.source, line=where.line) from None


def _check_unique(codes: Iterable[str], what: str, field: str) -> None:
    seen: set[str] = set()
    for index, code in enumerate(codes):
        if code in seen:
            raise InvalidValueError(
                M_("duplicate {what} {code}", what=what, code=repr(code)), field=f"{field}[{index}]"
            )
        seen.add(code)


def _code(_instance: object, _attribute: object, value: Any) -> None:
    check_unit_code(value)


def _name(_instance: object, _attribute: object, value: Any) -> None:
    if not isinstance(value, str) or not value.strip() or not value.isprintable():
        raise InvalidValueError(
            M_("a unit needs a printable name, got {value}", value=repr(value)), field="name"
        )


@attrs.frozen(repr=False)
class Unit(Short):
    """A unit of the report and its sub-units: the office (the root), a Divisi, a UPT.

    ``indicators`` are the unit's own (a Kanwil office row usually has none: it aggregates its
    units); ``periods`` hold the unit's budget, printed figures and evidence per period (a unit
    without a block for a period may still take part in it through its indicators or sub-units);
    ``units`` are its sub-units, in report order.
    """

    code: str = attrs.field(validator=_code)
    name: str = attrs.field(validator=_name)
    indicators: tuple[Indicator, ...] = attrs.field(default=(), converter=_indicators)
    periods: tuple[UnitPeriod, ...] = attrs.field(default=(), converter=_blocks)
    units: tuple[Unit, ...] = attrs.field(default=(), converter=_units)
    origin: Origin | None = attrs.field(default=None, eq=False, repr=False)
    _by_period: dict[str, UnitPeriod] = attrs.field(init=False, eq=False, repr=False, hash=False)
    _by_code: dict[str, Indicator] = attrs.field(init=False, eq=False, repr=False, hash=False)
    levels: int = attrs.field(init=False, eq=False, repr=False, hash=False)
    """How many levels of units this one heads: 1 without sub-units (at most :data:`MAX_LEVELS`)."""

    @levels.default
    def _levels(self) -> int:
        return 1 + max((unit.levels for unit in self.units), default=0)

    @_by_period.default
    def _period_index(self) -> dict[str, UnitPeriod]:
        return {entry.period: entry for entry in self.periods}

    @_by_code.default
    def _code_index(self) -> dict[str, Indicator]:
        return {indicator.code: indicator for indicator in self.indicators}

    def __attrs_post_init__(self) -> None:
        if self.levels > MAX_LEVELS:
            deepest = max(self.units, key=lambda unit: unit.levels)
            raise InvalidValueError(
                M_(
                    "the units under {code} nest {levels} levels deep (through "
                    "{code2}); a tree of units has at most {max_levels} levels",
                    code=repr(self.code),
                    levels=self.levels,
                    code2=repr(deepest.code),
                    max_levels=MAX_LEVELS,
                ),
                field="units",
            )
        _check_unique((i.code for i in self.indicators), "indicator code", "indicators")
        _check_unique((p.period for p in self.periods), "period", "periods")
        for index, indicator in enumerate(self.indicators):
            for number, entry in enumerate(indicator.periods):
                tables = self.evidence(entry.period)
                base = entry.origin or Origin(path=f"indicators[{index}].periods[{number}]")
                if entry.derivation is not None:
                    where = entry.derivation.origin or base.child("derive")
                    _check_rule(entry.derivation, tables, where, self.evidence)
                for n, support in enumerate(entry.supports):
                    where = support.rule.origin or base.child(f"supports[{n}]")
                    _check_rule(support.rule, tables, where, self.evidence)

    def at(self, period: str) -> UnitPeriod | None:
        """The unit's own block for ``period``, or ``None``."""
        return self._by_period.get(period)

    def evidence(self, period: str) -> tuple[EvidenceTable, ...]:
        """The unit's evidence tables of ``period`` (none without a block)."""
        block = self._by_period.get(period)
        return () if block is None else block.evidence

    def budget(self, period: str) -> Budget | None:
        """The unit's budget in ``period``, or ``None``."""
        block = self._by_period.get(period)
        return None if block is None else block.budget

    def indicator(self, code: str) -> Indicator:
        """The indicator with ``code``; ``KeyError`` if there is none."""
        return self._by_code[code]

    def takes_part(self, period: str) -> bool:
        """Whether the unit appears in ``period``: a block, an indicator, or a sub-unit there."""
        return any(
            unit.at(period) is not None or any(i.at(period) for i in unit.indicators)
            for unit in self.walk()
        )

    def walk(self) -> Iterator[Unit]:
        """This unit and every unit below it, depth first, in report order."""
        stack = [self]
        while stack:
            unit = stack.pop()
            yield unit
            stack.extend(reversed(unit.units))
