"""The national roll-up: reports of same-shaped offices joined into one tree the engine scores.

:func:`rollup` builds a real :class:`~lakipcore.model.Report` whose root is a new national unit
with each report's root (its office) as a sub-unit, so that the engine scores the whole tree
under one named method (:data:`ROLLUP_METHOD` by default; docs/cli.md, "Many reports at once";
docs/scale.md, "The object path"). A unit below an office is addressed within it: the roll-up
codes it ``office/unit`` (``kanwil-banten/sekjen``), so offices of one shape, whose files use the
same unit codes, roll up side by side, and every output of the roll-up shows the address.
"""

from __future__ import annotations

import collections
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TypeVar

import attrs

from lakipcore.errors import InvalidValueError, LakipError, UnknownNameError
from lakipcore.i18n import M_
from lakipcore.methods import ALIASES, PRESETS, ScoringMethod, get_method
from lakipcore.model.budget import BudgetLine, PlannedBudget
from lakipcore.model.period import ReportPeriod
from lakipcore.model.report import Report
from lakipcore.model.tables import ReportTable
from lakipcore.model.unit import Unit
from lakipcore.surveys.grades import GradeTable

__all__ = ["ROLLUP_METHOD", "address", "rollup"]

ROLLUP_METHOD = "mean-of-units"
"""The default roll-up method: every office (and every unit inside it) counts once, whatever
its number of indicators or the size of its budget. A national average of offices should not
let a Kanwil with 50 indicators outweigh a UPT with 10, nor Σ pagu let the biggest budget
decide; and it works when some offices know their budget only as a printed rate."""

_T = TypeVar("_T")


def _file_of(report: Report, index: int) -> str:
    """The file a report came from (its root's origin), else its place in the batch."""
    origin = report.root.origin
    if origin is not None and origin.source:
        return origin.source
    return f"report {index + 1} ({report.root.code})"


def _sources(sources: Sequence[str] | None, reports: Sequence[Report]) -> list[str]:
    """The name errors give each report: ``sources`` if given, else :func:`_file_of`."""
    if sources is None:
        return [_file_of(report, index) for index, report in enumerate(reports)]
    names = [] if isinstance(sources, str) else list(sources)
    if len(names) != len(reports) or not all(isinstance(n, str) and n for n in names):
        raise InvalidValueError(
            M_(
                "sources names each of the {count} reports' files, in order; got {sources}",
                count=len(reports),
                sources=repr(sources),
            ),
            field="sources",
        )
    return names


def address(office: str, unit: str) -> str:
    """The code of unit ``unit`` of office ``office`` in a roll-up: ``office/unit``."""
    return f"{office}/{unit}"


def _addressed(unit: Unit, office: str) -> Unit:
    """``unit``, a unit below the office ``office``, and its sub-units, each coded with its
    address in the office; indicators and period blocks are shared, not copied."""
    units = tuple(_addressed(child, office) for child in unit.units)
    return attrs.evolve(unit, code=address(office, unit.code), units=units)


def _in_office(report: Report, file: str) -> Unit:
    """The report's office (its root, which keeps its code) with every unit below it
    addressed within it. An office without units is the report's own root object."""
    root = report.root
    if not root.units:
        return root
    try:
        units = tuple(_addressed(unit, root.code) for unit in root.units)
    except LakipError as error:  # an address longer than a unit code may be
        raise error.located(source=file) from None
    return attrs.evolve(root, units=units)


def _check_codes(offices: Sequence[Unit], files: Sequence[str], code: str) -> None:
    """Two files of the same office (one root code) are refused, naming both files; so is an
    office with the national root's code. Units below an office carry its code in theirs, so
    they cannot meet another office's (unless a file's own codes hold a '/': checked too)."""
    where: dict[str, tuple[int, str, bool]] = {}
    for index, (office, file) in enumerate(zip(offices, files, strict=True)):
        for unit in office.walk():
            if unit.code == code:
                raise InvalidValueError(
                    M_(
                        "unit code {code} in {file} is the code of the national root; "
                        "give the roll-up another code",
                        code=repr(unit.code),
                        file=file,
                    ),
                    field="code",
                )
            seen, first, was_office = where.setdefault(unit.code, (index, file, unit is office))
            if seen == index:
                continue
            if was_office and unit is office:
                raise InvalidValueError(
                    M_(
                        "office {code} is in both {first} and {file}; a roll-up takes "
                        "each office once (offices of one shape differ by their office "
                        "code)",
                        code=repr(unit.code),
                        first=first,
                        file=file,
                    ),
                    field="office.code",
                )
            raise InvalidValueError(
                M_(
                    "unit {code} is in both {first} and {file}",
                    code=repr(unit.code),
                    first=first,
                    file=file,
                ),
                field="units",
            )


def _resolve(method: str | ScoringMethod, reports: Sequence[Report]) -> ScoringMethod:
    if isinstance(method, ScoringMethod):
        return method
    try:
        return get_method(method)
    except UnknownNameError:
        # A method one of the reports defines for itself may name the roll-up too.
        defined = [m for r in reports for m in r.methods if m.name == method]
        if defined and all(m == defined[0] for m in defined):
            return defined[0]
        if defined:
            raise InvalidValueError(
                M_("the reports define method {method} in different ways", method=repr(method)),
                field="method",
            ) from None
        raise


def _union_periods(reports: Sequence[Report], method: str) -> tuple[ReportPeriod, ...]:
    by_key: dict[str, list[ReportPeriod]] = {}
    for report in reports:
        for period in report.periods:
            by_key.setdefault(period.key, []).append(period)
    periods = []
    for key, found in by_key.items():
        titles = {p.title for p in found}
        periods.append(
            ReportPeriod(
                key,
                method=method,
                # A period some report has planned may hold targets without realisations.
                planned=any(p.planned for p in found),
                title=titles.pop() if len(titles) == 1 else None,
            )
        )
    return tuple(sorted(periods, key=lambda p: (p.span.end, p.span.start, p.key)))


def _main_period(reports: Sequence[Report], periods: Sequence[ReportPeriod]) -> str:
    order = {p.key: i for i, p in enumerate(periods)}
    counts = collections.Counter(r.main_period.key for r in reports)
    return max(counts, key=lambda key: (counts[key], order[key]))


def _first_by(items: Iterable[_T], key: Callable[[_T], str]) -> tuple[_T, ...]:
    found: dict[str, _T] = {}
    for item in items:
        found.setdefault(key(item), item)
    return tuple(found.values())


def _programme_unprinted(budget: BudgetLine | PlannedBudget) -> BudgetLine | PlannedBudget:
    """A programme without what its report printed (outputs and subtotals too)."""
    subtotals = [attrs.evolve(s, printed=()) for s in budget.subtotals]
    if isinstance(budget, BudgetLine):
        outputs = [attrs.evolve(o, printed=()) for o in budget.outputs]
        return attrs.evolve(budget, printed=(), outputs=outputs, subtotals=subtotals)
    planned = [attrs.evolve(o, printed=()) for o in budget.outputs]
    return attrs.evolve(budget, printed=(), outputs=planned, subtotals=subtotals)


def _unprinted(unit: Unit, file: str) -> Unit:
    """``unit`` and its sub-units without their printed figures, which scoring never reads.
    Evidence tables stay: each is read in its own notation, and scoring derives realisations
    from them."""
    blocks = []
    for block in unit.periods:
        budget = block.budget
        if isinstance(budget, BudgetLine | PlannedBudget):
            budget = _programme_unprinted(budget)
        elif budget is not None:
            budget = attrs.evolve(budget, printed=())
        derived = [attrs.evolve(figure, printed=()) for figure in block.derived]
        blocks.append(attrs.evolve(block, budget=budget, printed=(), derived=derived))
    indicators = [
        attrs.evolve(i, periods=[attrs.evolve(e, printed=()) for e in i.periods])
        for i in unit.indicators
    ]
    units = [_unprinted(child, file) for child in unit.units]
    return attrs.evolve(unit, indicators=indicators, periods=blocks, units=units)


def _in_notation(report: Report, file: str) -> Report:
    # Printed figures are read in their report's notation, and a Report accepts only its own:
    # a report in the minority notation joins the roll-up without them (the roll-up scores,
    # it does not audit; each file's own audit reads them).
    return attrs.evolve(report, root=_unprinted(report.root, file))


def _nest(offices: Sequence[Unit], parents: Mapping[str, str]) -> tuple[Unit, ...]:
    roots = {office.code: office for office in offices}
    children: dict[str, list[str]] = {}
    for child, parent in parents.items():
        if child not in roots:
            raise UnknownNameError(
                M_(
                    "parents names {child}, which is not the office code of a report "
                    "in the roll-up",
                    child=repr(child),
                ),
                field=f"parents.{child}",
            )
        if parent not in roots:
            raise UnknownNameError(
                M_(
                    "parents puts {child} under {parent}, which is not the office "
                    "code of another report in the roll-up",
                    child=repr(child),
                    parent=repr(parent),
                ),
                field=f"parents.{child}",
            )
        children.setdefault(parent, []).append(child)
    order = {code: i for i, code in enumerate(roots)}

    def build(code: str, path: tuple[str, ...]) -> Unit:
        if code in path:
            cycle = " → ".join((*path[path.index(code) :], code))
            raise InvalidValueError(
                M_("parents form a cycle: {cycle}", cycle=cycle), field="parents"
            )
        below = sorted(children.get(code, ()), key=order.__getitem__)
        root = roots[code]
        if not below:
            return root
        nested = tuple(build(c, (*path, code)) for c in below)
        return attrs.evolve(root, units=(*root.units, *nested))

    tops = [code for code in roots if code not in parents]
    if not tops:
        raise InvalidValueError(
            M_("parents form a cycle: no report is left directly under the root"), field="parents"
        )
    built = tuple(build(code, ()) for code in tops)
    placed = sum(1 for unit in built for u in unit.walk() if u.code in roots)
    if placed != len(roots):
        raise InvalidValueError(M_("parents form a cycle"), field="parents")
    return built


def rollup(
    reports: Iterable[Report],
    *,
    method: str | ScoringMethod = ROLLUP_METHOD,
    code: str = "nasional",
    name: str = "Nasional",
    parents: Mapping[str, str] | None = None,
    main: str | None = None,
    sources: Sequence[str] | None = None,
) -> Report:
    """One report whose root is a new unit (``code``, ``name``) with each report's root, its
    office, as a sub-unit, in the order given: a national tree the engine scores under
    ``method`` (a preset, an alias, a method the reports define, or a ScoringMethod) in every
    period and at every level.

    * The periods are the union of the reports' periods, ordered by their last day; in each,
      the offices that have it take part (an office without it is left out of that period).
    * ``parents`` maps an office code to the office code of another report, to put the first
      under the second (a UPT under its Kanwil): ministry → Kanwil → UPT. Without it, every
      office sits directly under the root.
    * ``main`` is the main period; by default the one most reports have as their main (on a
      tie, the later).
    * Each unit below an office is coded with its address in the office,
      ``office/unit`` (:func:`address`: ``kanwil-banten/sekjen``; a new :class:`Unit`
      sharing the indicators and period blocks), so reports of same-shaped offices, with the
      same unit codes, roll up; the offices keep their codes (an office without units is the
      report's own root). Two reports of one office (the same root code) are an
      :class:`~lakipcore.errors.InvalidValueError` naming both files: ``sources``, the
      reports' file names in order (``lakip score`` gives the paths it loaded), else each
      report's own (its office's origin), else its place in the list. The roll-up prints
      numbers in the notation most reports use; a report in another notation joins it
      without its printed figures (scoring never reads them) and with its evidence tables,
      each read in its own notation. The declared tables and grade tables
      are gathered by id and name (the first report's definition wins): they are needed to
      accept the units' printed figures, which the roll-up does not audit.
    """
    items = list(reports)
    if not items:
        raise InvalidValueError(M_("a roll-up needs at least one report"), field="reports")
    for index, report in enumerate(items):
        if not isinstance(report, Report):
            raise InvalidValueError(
                M_(
                    "expected Reports, got {type} at {index}",
                    type=type(report).__name__,
                    index=index,
                ),
                field="reports",
            )
    files = _sources(sources, items)
    counts = collections.Counter(r.notation for r in items)
    notation = max(counts, key=lambda n: (counts[n], -[r.notation for r in items].index(n)))
    items = [
        r if r.notation is notation else _in_notation(r, file)
        for r, file in zip(items, files, strict=True)
    ]
    offices = [_in_office(report, file) for report, file in zip(items, files, strict=True)]
    _check_codes(offices, files, code)
    chosen = _resolve(method, items)
    own: tuple[ScoringMethod, ...] = ()
    if chosen.name in PRESETS or chosen.name in ALIASES:
        if chosen != get_method(chosen.name):
            raise InvalidValueError(
                M_(
                    "the roll-up method has the name of the preset {name} but "
                    "differs from it; give it a name of its own",
                    name=repr(chosen.name),
                ),
                field="method",
            )
    else:
        own = (chosen,)
    periods = _union_periods(items, chosen.name)
    tables: tuple[ReportTable, ...] = _first_by(
        (t for r in items for t in r.tables), lambda t: t.id
    )
    grades: tuple[GradeTable, ...] = _first_by(
        (g for r in items for g in r.grade_tables), lambda g: g.name
    )
    root = Unit(code, name, units=_nest(offices, parents or {}))
    return Report(
        periods,
        root,
        tables,
        title=f"{name}: gabungan {len(items)} laporan",
        main=main if main is not None else _main_period(items, periods),
        methods=own,
        notation=notation,
        grade_tables=grades,
    )
