"""Reading the tree of units of a report file: units, their periods, budgets and indicators.

:func:`read_tree` builds the office with every unit under it from the ``[office]`` table and
the ``[[units]]`` array (each naming its ``parent``), collecting every error with its path and
line. The entry points and the report's other parts are in :mod:`lakipcore.formats.toml.loader`.
"""

from __future__ import annotations

import functools
from decimal import Decimal
from typing import TypeVar

from lakipcore.figures import Figure, NotReported, NotTargeted, not_reported
from lakipcore.formats import document
from lakipcore.formats.toml.derived import read_derived
from lakipcore.formats.toml.evidence import read_evidence, read_rule, read_supports
from lakipcore.formats.toml.reader import NotBuiltError, Reader, Table, join
from lakipcore.i18n import M_
from lakipcore.model import (
    MAX_LEVELS,
    Accumulation,
    Budget,
    BudgetLine,
    BudgetOutput,
    Formula,
    Indicator,
    IndicatorPeriod,
    MeasureKind,
    Polarity,
    Quantity,
    Realisation,
    ReportedAbsorption,
    Revision,
    RevisionKind,
    Target,
    Unit,
    UnitPeriod,
)

__all__ = ["read_tree"]

_M = TypeVar("_M", Target, Realisation)

_INDICATOR_QUANTITIES = frozenset(
    {
        Quantity.GRADE,
        Quantity.TARGET,
        Quantity.REALISATION,
        Quantity.CAPAIAN,
        Quantity.CAPAIAN_YOY,
        Quantity.RELATIVE_CHANGE,
    }
)
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
    for key, table in _period_tables(reader, item, path, keys).items():
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
        indicator = reader.collect(functools.partial(_indicator, reader, data, ipath, keys))
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


def _period_tables(reader: Reader, parent: Table, path: str, keys: set[str]) -> dict[str, Table]:
    table = reader.table(parent, "periods", path, required=False)
    result = {}
    for key in table:
        if key not in keys:
            expected = ", ".join(sorted(keys))
            raise reader.fail(
                join(join(path, "periods"), key),
                M_(
                    "unknown period {key}; this report's periods are {expected}",
                    key=repr(key),
                    expected=expected,
                ),
            )
        result[key] = reader.table(table, key, join(path, "periods"))
    return result


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
    outputs = []
    for index, item in enumerate(reader.array(table, "outputs", path)):
        opath = f"{path}.outputs[{index}]"
        output_origin = reader.origin(opath, within=path)
        reader.only(item, document.OUTPUT, opath)
        with reader.placed(opath):
            outputs.append(
                BudgetOutput(
                    name=reader.shared(reader.required_text(item, "name", opath)),
                    pagu=_amount(reader, item, "pagu", opath),
                    realisation=_amount(reader, item, "realisation", opath),
                    code=reader.text(item, "code", opath, required=False),
                    printed=reader.printed(item, opath, _BUDGET_QUANTITIES),
                    origin=output_origin,
                )
            )
    programme = reader.shared(reader.required_text(table, "programme", path))
    printed = reader.printed(table, path, _PROGRAMME_QUANTITIES)
    original = (
        _amount(reader, table, document.ORIGINAL, path) if document.ORIGINAL in table else None
    )
    plan = _amount(reader, table, document.PLAN, path) if document.PLAN in table else None
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
    with reader.placed(path):
        return BudgetLine(
            programme,
            tuple(outputs),
            printed,
            origin=origin,
            original=original,
            revisions=tuple(revisions),
            plan=plan,
        )


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


def _indicator(reader: Reader, item: Table, path: str, keys: set[str]) -> Indicator:
    origin = reader.origin(path)
    reader.only(item, document.INDICATOR, path)
    tables = _period_tables(reader, item, path, keys)
    if not tables:
        raise reader.fail(join(path, "periods"), M_("an indicator needs at least one period block"))
    polarity_name = reader.text(item, "polarity", path, required=False)
    formula_name = reader.text(item, "formula", path, required=False)
    accumulation_name = reader.text(item, "accumulation", path, required=False)
    plain = reader.collect(lambda: _plain_values(reader, item, path))
    with reader.placed(join(path, "polarity"), replace=True):
        polarity = Polarity.from_name(polarity_name) if polarity_name else Polarity.HIGHER_IS_BETTER
    with reader.placed(join(path, "formula"), replace=True):
        formula = Formula.from_name(formula_name) if formula_name else None
    with reader.placed(join(path, "accumulation"), replace=True):
        accumulation = Accumulation.from_name(accumulation_name) if accumulation_name else None
    entries = []
    for key, table in tables.items():
        entry = reader.collect(
            functools.partial(_indicator_period, reader, table, path, key, plain=bool(plain))
        )
        if entry is not None:
            entries.append(entry)
    code = reader.required_text(item, "code", path)
    # Names and goals repeat across the units of a ministry (the same IKU in every UPT).
    name = reader.shared(reader.required_text(item, "name", path))
    goal = reader.text(item, "goal", path, required=False)
    goal = None if goal is None else reader.shared(goal)
    if len(entries) != len(tables) or plain is None:
        raise NotBuiltError
    with reader.placed(path):
        return Indicator(
            code,
            name,
            tuple(entries),
            goal,
            polarity,
            formula,
            accumulation,
            origin=origin,
        )


def _plain_values(reader: Reader, item: Table, path: str) -> bool:
    """``kind = "value"``: the indicator's bare figures are plain values, not counts."""
    name = reader.text(item, "kind", path, required=False)
    if name is None:
        return False
    if name != MeasureKind.VALUE.value:
        raise reader.fail(
            join(path, "kind"),
            M_(
                'kind {name} is not one an indicator declares: only "value" (a plain number '
                "without a scale); counts, percentages and indices are read from the figures",
                name=repr(name),
            ),
        )
    return True


def _indicator_period(
    reader: Reader, table: Table, indicator_path: str, key: str, *, plain: bool = False
) -> IndicatorPeriod:
    path = f"{indicator_path}.periods.{key}"
    origin = reader.origin(path, within=indicator_path)
    # Each part is read on its own, so that one run reports every bad field of the entry (a bad
    # target must not hide a bad realisation or a bad printed figure).
    collected = len(reader.errors)
    reader.collect(lambda: reader.only(table, document.INDICATOR_PERIOD, path))
    pair = reader.collect(lambda: _target_and_realisation(reader, table, path, plain=plain))
    printed = reader.collect(lambda: reader.printed(table, path, _INDICATOR_QUANTITIES))
    derivation = (
        reader.collect(lambda: read_rule(reader, table["derive"], f"{path}.derive"))
        if "derive" in table
        else None
    )
    supports = (
        reader.collect(lambda: read_supports(reader, table["supports"], f"{path}.supports"))
        if "supports" in table
        else ()
    )
    accumulate = reader.collect(lambda: reader.boolean(table, "accumulate", path))
    if (
        len(reader.errors) > collected
        or pair is None
        or printed is None
        or supports is None
        or accumulate is None
    ):
        raise NotBuiltError
    target, stated = pair
    missing = stated if isinstance(stated, NotReported) else None
    realisation = stated if isinstance(stated, Realisation) else None
    with reader.placed(path):
        return IndicatorPeriod(
            reader.shared(key),
            target,
            realisation,
            printed,
            derivation,
            supports,
            accumulate,
            not_reported=missing,
            origin=origin,
        )


def _target_and_realisation(
    reader: Reader, table: Table, path: str, *, plain: bool = False
) -> tuple[Target | NotTargeted, Realisation | NotReported | None]:
    target_text = reader.required_text(table, "target", path)
    # The target and the realisation are read apart, so that a bad one does not hide the other.
    cell = reader.collect(lambda: reader.cell(target_text, join(path, "target")))
    missing = not_reported(table.get("realisation"))
    stated = (
        reader.collect(lambda: reader.figure(table, "realisation", path))
        if "realisation" in table and missing is None
        else None
    )
    if cell is None or ("realisation" in table and missing is None and stated is None):
        raise NotBuiltError
    if missing is not None and not isinstance(cell, NotTargeted):
        return _not_reported(reader, table, path, cell, missing, plain=plain)
    if isinstance(cell, NotTargeted):
        for key in ("realisation", "scale", "derive", "supports", "accumulate"):
            if key in table:
                raise reader.fail(
                    join(path, key),
                    M_(
                        "a not-targeted period ('{target_text}') has no {key}",
                        target_text=target_text,
                        key=key,
                    ),
                )
        return cell, None
    scale = _scale(reader, table, path)
    target = _measure(reader, Target, cell, scale, join(path, "target"), plain=plain)
    if "realisation" not in table:
        return target, None  # derived, accumulated or planned: the model checks which
    for key in ("derive", "accumulate"):
        if key in table:
            raise reader.fail(
                join(path, "realisation"),
                M_(
                    "a realisation is stated, derived or accumulated; give "
                    "realisation or {key}, not both (printed copies go under "
                    "printed.realisation)",
                    key=key,
                ),
            )
    realisation_figure = stated
    if realisation_figure is None:  # pragma: no cover - "realisation" is in the table
        raise NotBuiltError
    realisation = _measure(
        reader, Realisation, realisation_figure, scale, join(path, "realisation"), plain=plain
    )
    if realisation.kind is not target.kind:
        raise reader.fail(
            join(path, "realisation"),
            M_(
                "a {value} target ({target_text}) needs a {value} realisation, got {text}",
                value=target.kind.value,
                target_text=repr(target_text),
                text=repr(realisation_figure.text),
            ),
        )
    return target, realisation


def _not_reported(
    reader: Reader, table: Table, path: str, cell: Figure, missing: NotReported, *, plain: bool
) -> tuple[Target, NotReported]:
    """A targeted period whose realisation is printed as not reported (``n/a``)."""
    for key in ("derive", "accumulate", "supports"):
        if key in table:
            raise reader.fail(
                join(path, key),
                M_(
                    "the realisation is printed as {text} (not reported); a "
                    "not-reported period has no {key}",
                    text=repr(missing.text),
                    key=key,
                ),
            )
    scale = _scale(reader, table, path)
    return _measure(reader, Target, cell, scale, join(path, "target"), plain=plain), missing


def _scale(reader: Reader, table: Table, path: str) -> Decimal | None:
    if "scale" not in table:
        return None
    scale_figure = reader.figure(table, "scale", path)
    if scale_figure.percent or scale_figure.unit or scale_figure.note:
        raise reader.fail(join(path, "scale"), M_('a scale is a bare number such as "10"'))
    return scale_figure.value


def _measure(
    reader: Reader,
    cls: type[_M],
    figure: Figure,
    scale: Decimal | None,
    path: str,
    *,
    plain: bool = False,
) -> _M:
    if figure.currency:
        raise reader.fail(
            path, M_("{text} is an amount of money, not an indicator value", text=repr(figure.text))
        )
    if figure.percent and scale is not None:
        raise reader.fail(
            path, M_("{text} is a percentage; an index has no '%'", text=repr(figure.text))
        )
    if plain and figure.percent:
        raise reader.fail(
            path,
            M_(
                '{text} is a percentage, but the indicator declares kind = "value" (plain '
                "numbers): drop the '%' or the kind",
                text=repr(figure.text),
            ),
        )
    kind = (
        MeasureKind.PERCENT
        if figure.percent
        else MeasureKind.VALUE
        if plain
        else MeasureKind.INDEX
        if scale is not None
        else MeasureKind.COUNT
    )

    def make() -> _M:
        with reader.placed(path, replace=True):
            return cls(kind, figure.value, figure.unit, scale, figure.note)

    # One object per distinct target or realisation text (and scale) in a file.
    return reader.once(
        (cls, figure.text, reader.notation, None if scale is None else str(scale), plain), make
    )
