"""Reading the tree of units of a report file: units, their periods, budgets and indicators.

:func:`read_tree` builds the office with every unit under it from the ``[office]`` table and
the ``[[units]]`` array (each naming its ``parent``), collecting every error with its path and
line. The entry points and the report's other parts are in :mod:`lakipcore.formats.toml.loader`.
"""

from __future__ import annotations

import functools
from decimal import Decimal
from typing import TypedDict

from lakipcore.formats import document
from lakipcore.formats.toml.derived import read_derived
from lakipcore.formats.toml.evidence import read_evidence
from lakipcore.formats.toml.indicators import period_tables, read_indicator
from lakipcore.formats.toml.reader import NotBuiltError, Reader, Table, join
from lakipcore.i18n import M_
from lakipcore.model import (
    MAX_LEVELS,
    Budget,
    BudgetLine,
    BudgetOutput,
    PlannedBudget,
    PlannedOutput,
    Quantity,
    ReportedAbsorption,
    Revision,
    RevisionKind,
    SpendingType,
    Subtotal,
    Unit,
    UnitPeriod,
)

__all__ = ["read_tree"]

_UNIT_QUANTITIES = frozenset(
    {
        Quantity.ACHIEVEMENT,
        Quantity.ABSORPTION,
        Quantity.PERFORMANCE,
        Quantity.ACHIEVEMENT_YOY,
        Quantity.PERFORMANCE_YOY,
        Quantity.PAGU,
        Quantity.REALISATION,
    }
)
_BUDGET_QUANTITIES = frozenset({Quantity.PAGU, Quantity.REALISATION, Quantity.ABSORPTION})
# A programme row may also print its pagu awal and its RPD, and absorption against each.
_PROGRAMME_QUANTITIES = _BUDGET_QUANTITIES | {
    Quantity.PAGU_ORIGINAL,
    Quantity.ABSORPTION_ORIGINAL,
    Quantity.PLAN,
    Quantity.ABSORPTION_PLAN,
}
# A planned programme (no realisation yet) prints amounts, never a rate of what was spent.
_PLANNED_QUANTITIES = frozenset({Quantity.PAGU, Quantity.PAGU_ORIGINAL, Quantity.PLAN})


class _PaguParts(TypedDict, total=False):
    """How a programme's or an output's pagu came about and its RPD (model keywords)."""

    original: Decimal
    revisions: tuple[Revision, ...]
    plan: Decimal
    plan_percent: Decimal


class _OutputParts(_PaguParts, total=False):
    """An output's parts: also its type of spending."""

    type: SpendingType


def read_tree(reader: Reader, office: Table, units: list[Table], keys: set[str]) -> Unit | None:
    """The office and its units as a tree: each unit under its ``parent`` (the office by
    default), children in file order; ``None`` when an error was collected instead."""
    # Only a missing code defaults (schema 1 had none); an empty one is refused by the model.
    office_code = reader.text(office, "code", "office", required=False)
    if office_code is None:
        office_code = "office"
    paths = {office_code: "office"}
    data = {office_code: office}
    parents: dict[str, str] = {}
    for index, item in enumerate(units):
        path = f"units[{index}]"
        code = reader.required_text(item, "code", path)
        if code in paths:
            reader.errors.append(
                reader.fail(
                    join(path, "code"),
                    M_(
                        "duplicate code {code} (first at {value})",
                        code=repr(code),
                        value=paths[code],
                    ),
                )
            )
            continue
        paths[code], data[code] = path, item
        parent = reader.text(item, "parent", path, required=False)
        parents[code] = office_code if parent is None else parent
    children: dict[str, list[str]] = {code: [] for code in paths}
    for code, parent in parents.items():
        if parent in children:
            children[parent].append(code)
        else:
            reader.errors.append(
                reader.fail(
                    join(paths[code], "parent"),
                    M_("no unit {parent} to be under", parent=repr(parent)),
                )
            )
    # Every unit has one parent, so the units reachable from the office form a tree; the others
    # hang in a circle of parents (or under a unit that does not exist, reported above).
    reached = _reached(reader, office_code, children, paths)
    seen = set(reached)
    for code, parent in parents.items():
        if code not in seen and parent in children:
            reader.errors.append(
                reader.fail(
                    join(paths[code], "parent"), M_("units are under each other in a circle")
                )
            )
    built: dict[str, Unit | None] = {}
    for code in reversed(reached):  # sub-units before the unit above them
        subunits = tuple(built[child] for child in children[code])
        built[code] = reader.collect(
            functools.partial(
                _unit,
                reader,
                data[code],
                paths[code],
                keys,
                office_code=office_code,
                subunits=subunits,
            )
        )
    return built[office_code]


def _reached(
    reader: Reader, office_code: str, children: dict[str, list[str]], paths: dict[str, str]
) -> list[str]:
    """The units under the office, breadth first; raises the errors collected when a branch is
    deeper than :data:`MAX_LEVELS` (the model would refuse every unit above it again)."""
    reached = [office_code]
    level = {office_code: 1}
    too_deep = False
    for code in reached:
        for child in children[code]:
            level[child] = level[code] + 1
            if level[child] == MAX_LEVELS + 1:  # the first too deep on its branch, named once
                too_deep = True
                reader.errors.append(
                    reader.fail(
                        join(paths[child], "parent"),
                        M_(
                            "unit {child} would be at level {value} under the office; a tree "
                            "of units has at most {max_levels} levels",
                            child=repr(child),
                            value=level[child],
                            max_levels=MAX_LEVELS,
                        ),
                    )
                )
        reached.extend(children[code])
    if too_deep:
        reader.raise_collected()
    return reached


def _unit(
    reader: Reader,
    item: Table,
    path: str,
    keys: set[str],
    *,
    office_code: str,
    subunits: tuple[Unit | None, ...],
) -> Unit:
    before = len(reader.errors)
    origin = reader.origin(path)  # first: the origins of the unit's fields are made inside it
    reader.only(item, document.UNIT if path != "office" else document.OFFICE, path)
    code = reader.text(item, "code", path, required=path != "office")
    if code is None:
        code = office_code
    name = reader.required_text(item, "name", path)
    blocks = []
    for key, table in period_tables(reader, item, path, keys).items():
        block = reader.collect(functools.partial(_unit_period, reader, table, path, key))
        if block is not None:
            blocks.append(block)
    indicators_data = reader.array(item, "indicators", path)
    seen: dict[str, int] = {}
    indicators = []
    for index, data in enumerate(indicators_data):
        ipath = f"{path}.indicators[{index}]"
        indicator_code = data.get("code")
        if isinstance(indicator_code, str) and indicator_code in seen:
            reader.errors.append(
                reader.fail(
                    join(ipath, "code"),
                    M_(
                        "duplicate code {indicator_code} (first at {path}.indicators[{value}])",
                        indicator_code=repr(indicator_code),
                        path=path,
                        value=seen[indicator_code],
                    ),
                )
            )
            continue
        if isinstance(indicator_code, str):
            seen[indicator_code] = index
        indicator = reader.collect(functools.partial(read_indicator, reader, data, ipath, keys))
        if indicator is not None:
            indicators.append(indicator)
    if len(reader.errors) > before or any(u is None for u in subunits):
        raise NotBuiltError
    with reader.placed(path):
        return Unit(
            code,
            name,
            tuple(indicators),
            tuple(blocks),
            tuple(u for u in subunits if u is not None),
            origin=origin,
        )


def _unit_period(reader: Reader, table: Table, unit_path: str, key: str) -> UnitPeriod:
    path = f"{unit_path}.periods.{key}"
    origin = reader.origin(path, within=unit_path)
    reader.only(table, document.UNIT_PERIOD, path)
    budget = (
        _budget(reader, reader.table(table, "budget", path), f"{path}.budget")
        if "budget" in table
        else None
    )
    printed = reader.printed(table, path, _UNIT_QUANTITIES)
    evidence = tuple(
        read_evidence(reader, item, f"{path}.evidence[{index}]")
        for index, item in enumerate(reader.array(table, "evidence", path))
    )
    derived = tuple(
        read_derived(reader, item, f"{path}.derived[{index}]")
        for index, item in enumerate(reader.array(table, "derived", path))
    )
    with reader.placed(path):
        return UnitPeriod(
            reader.shared(key), budget, printed, evidence, origin=origin, derived=derived
        )


def _budget(reader: Reader, table: Table, path: str) -> Budget:
    if "absorption" in table:
        reader.only(table, document.RATE, path)
        figure = reader.figure(table, "absorption", path)
        if not figure.percent:
            raise reader.fail(join(path, "absorption"), M_("an absorption rate is a percentage"))
        printed = reader.printed(table, path, frozenset({Quantity.ABSORPTION}))
        with reader.placed(join(path, "absorption"), replace=True):
            return ReportedAbsorption(figure.value, printed, origin=reader.origin(path))
    origin = reader.origin(path)
    reader.only(table, document.PROGRAMME, path)
    items = reader.array(table, "outputs", path)
    # A programme is realised in every output or planned in all (docs/format.md, "Budget
    # fields"): an output without a realisation beside realised ones is a slip, not a plan.
    realised = [index for index, item in enumerate(items) if "realisation" in item]
    planned = bool(items) and not realised
    if realised and len(realised) < len(items):
        index = next(i for i in range(len(items)) if i not in realised)
        raise reader.fail(
            f"{path}.outputs[{index}]",
            M_(
                "realisation is missing: the other outputs of the programme have one (a "
                "programme without realisation yet leaves it out of every output)"
            ),
        )
    allowed = _PLANNED_QUANTITIES if planned else _PROGRAMME_QUANTITIES
    realised_outputs: list[BudgetOutput] = []
    planned_outputs: list[PlannedOutput] = []
    for index, item in enumerate(items):
        opath = f"{path}.outputs[{index}]"
        output_origin = reader.origin(opath, within=path)
        reader.only(item, document.OUTPUT, opath)
        name = reader.shared(reader.required_text(item, "name", opath))
        pagu = _amount(reader, item, "pagu", opath)
        code = reader.text(item, "code", opath, required=False)
        printed = reader.printed(item, opath, allowed)
        parts: _OutputParts = {}
        _pagu_parts(reader, item, opath, parts)
        if document.TYPE in item:
            with reader.placed(join(opath, document.TYPE), replace=True):
                parts["type"] = SpendingType.from_name(
                    reader.required_text(item, document.TYPE, opath)
                )
        with reader.placed(opath):
            if planned:
                planned_outputs.append(
                    PlannedOutput(name, pagu, code, printed, output_origin, **parts)
                )
            else:
                realisation = _amount(reader, item, "realisation", opath)
                realised_outputs.append(
                    BudgetOutput(name, pagu, realisation, code, printed, output_origin, **parts)
                )
    programme = reader.shared(reader.required_text(table, "programme", path))
    printed = reader.printed(table, path, allowed)
    programme_parts: _PaguParts = {}
    _pagu_parts(reader, table, path, programme_parts)
    subtotals = _subtotals(reader, table, path, allowed)
    with reader.placed(path):
        if planned:
            return PlannedBudget(
                programme,
                planned_outputs,
                printed,
                origin=origin,
                subtotals=subtotals,
                **programme_parts,
            )
        return BudgetLine(
            programme,
            realised_outputs,
            printed,
            origin=origin,
            subtotals=subtotals,
            **programme_parts,
        )


def _pagu_parts(reader: Reader, table: Table, path: str, parts: _PaguParts) -> None:
    """Put in ``parts`` how a programme's or an output's pagu came about, and its RPD, as
    keyword arguments of the model."""
    if document.ORIGINAL in table:
        parts["original"] = _amount(reader, table, document.ORIGINAL, path)
    if document.PLAN in table:
        figure = reader.figure(table, document.PLAN, path)
        if figure.percent and not figure.unit and not figure.note:
            # An RPD printed as a share of the pagu: the model computes its amount exactly.
            parts["plan_percent"] = figure.value
        else:
            parts["plan"] = _amount(reader, table, document.PLAN, path)
    revisions = []
    for index, item in enumerate(reader.array(table, document.REVISIONS, path)):
        rpath = f"{path}.revisions[{index}]"
        reader.only(item, document.REVISION, rpath)
        with reader.placed(join(rpath, "kind"), replace=True):
            kind = RevisionKind.from_name(reader.required_text(item, "kind", rpath))
        with reader.placed(rpath):
            revisions.append(
                Revision(
                    kind,
                    _amount(reader, item, "amount", rpath),
                    reader.text(item, "note", rpath, required=False),
                    origin=reader.origin(rpath),
                )
            )
    if revisions:
        parts["revisions"] = tuple(revisions)


def _subtotals(
    reader: Reader, table: Table, path: str, allowed: frozenset[Quantity]
) -> tuple[Subtotal, ...]:
    """The programme's printed subtotals per type of spending (``[[...budget.subtotals]]``)."""
    subtotals = []
    for index, item in enumerate(reader.array(table, document.SUBTOTALS, path)):
        spath = f"{path}.subtotals[{index}]"
        reader.only(item, document.SUBTOTAL, spath)
        with reader.placed(join(spath, document.TYPE), replace=True):
            kind = SpendingType.from_name(reader.required_text(item, document.TYPE, spath))
        printed = reader.printed(item, spath, allowed)
        with reader.placed(spath):
            subtotals.append(Subtotal(kind, printed, origin=reader.origin(spath)))
    return tuple(subtotals)


def _amount(reader: Reader, table: Table, key: str, path: str) -> Decimal:
    figure = reader.figure(table, key, path)
    if figure.percent or figure.unit or figure.note:
        raise reader.fail(
            join(path, key), M_("{text} should be an amount in Rupiah", text=repr(figure.text))
        )
    if figure.value < 0:
        raise reader.fail(
            join(path, key),
            M_("{key} must not be negative, got {text}", key=key, text=repr(figure.text)),
        )
    return figure.value
