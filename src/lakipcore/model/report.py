"""The report: its periods, its tree of units, the tables it prints and the methods it defines."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from types import MappingProxyType, ModuleType
from typing import TYPE_CHECKING

import attrs

from lakipcore._display import Displayed
from lakipcore._names import enum_field
from lakipcore._text import text_field
from lakipcore.errors import InvalidValueError, LakipError, LakipTypeError, Sentence
from lakipcore.i18n import M_
from lakipcore.model._members import members
from lakipcore.model.evidence import EvidenceTable
from lakipcore.model.indicator import IndicatorPeriod
from lakipcore.model.origin import Origin
from lakipcore.model.period import ReportPeriod
from lakipcore.model.printed import PrintedFigure, Quantity
from lakipcore.model.tables import ReportTable, tables_by_id
from lakipcore.model.unit import Unit
from lakipcore.notation import Notation
from lakipcore.surveys.grades import GRADE_TABLES, GradeTable, get_grade_table

if TYPE_CHECKING:
    from lakipcore.methods import ScoringMethod

__all__ = ["Report"]


# lakipcore.methods builds on the model (a method names a Formula), so the model reaches the
# methods only when a report is built or asked, never when the package is imported: importing
# either package first then works.
def _methods_module() -> ModuleType:
    import lakipcore.methods  # noqa: PLC0415

    return lakipcore.methods


def _fail(message: str | Sentence, origin: Origin | None, fallback: str) -> InvalidValueError:
    if origin is not None:
        return InvalidValueError(message, field=origin.path, source=origin.source)
    return InvalidValueError(message, field=fallback)


def _periods(items: Iterable[ReportPeriod]) -> tuple[ReportPeriod, ...]:
    return members(ReportPeriod, "periods")(items)


def _tables(items: Iterable[ReportTable]) -> tuple[ReportTable, ...]:
    return members(ReportTable, "tables")(items)


def _methods(items: Iterable[ScoringMethod]) -> tuple[ScoringMethod, ...]:
    method_class: type[ScoringMethod] = _methods_module().ScoringMethod
    return members(method_class, "methods")(items)


def _grade_tables(items: Iterable[GradeTable]) -> tuple[GradeTable, ...]:
    return members(GradeTable, "grade_tables")(items)


GRADED = ("capaian",)
"""What a report may grade with a table of its own or a preset (``[report] grading``)."""


def _grading(value: Mapping[str, str]) -> Mapping[str, str]:
    if not isinstance(value, Mapping):
        raise LakipTypeError(
            M_(
                "expected a mapping of what is graded to a grade table, got {value}",
                value=repr(value),
            ),
            field="grading",
        )
    for key, name in value.items():
        if key not in GRADED:
            raise InvalidValueError(
                M_("a report grades {join}, not {key}", join=", ".join(GRADED), key=repr(key)),
                field=f"grading.{key}",
            )
        if not isinstance(name, str):
            raise LakipTypeError(
                M_("expected a grade table name, got {name}", name=repr(name)),
                field=f"grading.{key}",
            )
    return MappingProxyType(dict(value))


@attrs.frozen(repr=False)
class Report(Displayed):
    """A performance report (LAKIP, LKjIP, Laporan Kinerja).

    ``periods`` is the ordered series of periods it covers (ordered by their last day); ``root``
    the reporting office with its tree of units (a single UPT reporting on itself is a root
    without sub-units); ``tables`` the tables its printed figures name. ``main`` is the key of
    the period the report is about (by default the last). ``methods`` are the scoring methods
    the report defines itself (a file's ``[methods.NAME]``); a period names one of them, a
    preset or an alias. ``notation`` is how it prints numbers; its inputs are read in it, and so are
    its evidence tables and printed figures unless they state another (an evidence table's
    :attr:`~EvidenceTable.notation`; a printed figure's table, column or own notation:
    :meth:`printed_notation`).
    """

    periods: tuple[ReportPeriod, ...] = attrs.field(converter=_periods)
    root: Unit
    tables: tuple[ReportTable, ...] = attrs.field(default=(), converter=_tables)
    title: str | None = attrs.field(default=None, validator=text_field("title", optional=True))
    source: str | None = attrs.field(default=None, validator=text_field("source", optional=True))
    main: str | None = None
    methods: tuple[ScoringMethod, ...] = attrs.field(default=(), converter=_methods)
    notation: Notation = attrs.field(
        default=Notation.INDONESIAN, validator=enum_field(Notation, "notation")
    )
    grade_tables: tuple[GradeTable, ...] = attrs.field(default=(), converter=_grade_tables)
    grading: Mapping[str, str] = attrs.field(
        factory=lambda: MappingProxyType({}), converter=_grading, hash=False
    )
    _grade_index: dict[str, GradeTable] = attrs.field(init=False, eq=False, repr=False, hash=False)
    _method_index: dict[str, ScoringMethod] = attrs.field(
        init=False, eq=False, repr=False, hash=False
    )
    _period_index: dict[str, ReportPeriod] = attrs.field(
        init=False, eq=False, repr=False, hash=False
    )
    _table_index: Mapping[str, ReportTable] = attrs.field(
        init=False, eq=False, repr=False, hash=False
    )
    _unit_index: dict[str, Unit] = attrs.field(init=False, eq=False, repr=False, hash=False)
    _parents: dict[str, str] = attrs.field(init=False, eq=False, repr=False, hash=False)

    @_grade_index.default
    def _grade_tables_by_name(self) -> dict[str, GradeTable]:
        return {g.name: g for g in self.grade_tables if isinstance(g, GradeTable)}

    @_method_index.default
    def _methods_by_name(self) -> dict[str, ScoringMethod]:
        return {m.name: m for m in self.methods}  # the converter checked their type

    @_period_index.default
    def _periods_by_key(self) -> dict[str, ReportPeriod]:
        return {p.key: p for p in self.periods if isinstance(p, ReportPeriod)}

    @_table_index.default
    def _tables_by_id(self) -> Mapping[str, ReportTable]:
        return tables_by_id(self.tables)

    @_unit_index.default
    def _units_by_code(self) -> dict[str, Unit]:
        return {}

    @_parents.default
    def _parent_codes(self) -> dict[str, str]:
        return {}

    def __attrs_post_init__(self) -> None:
        self._check_methods()
        self._check_grade_tables()
        self._check_periods()
        if not isinstance(self.root, Unit):
            raise LakipTypeError(
                M_("expected the root Unit, got {type}", type=type(self.root).__name__),
                field="root",
            )
        for unit in self.root.walk():
            if unit.code in self._unit_index:
                raise _fail(
                    M_("duplicate unit code {code}", code=repr(unit.code)), unit.origin, "root"
                )
            self._unit_index[unit.code] = unit
            self._parents.update((child.code, unit.code) for child in unit.units)
            self._check_unit(unit)

    def _check_periods(self) -> None:
        if not self.periods:
            raise InvalidValueError(M_("a report needs at least one period"), field="periods")
        if len(self._period_index) != len(self.periods):
            keys = [p.key for p in self.periods]
            twice = next(k for k in keys if keys.count(k) > 1)
            raise InvalidValueError(
                M_("period {twice} is listed twice", twice=repr(twice)), field="periods"
            )
        for earlier, later in zip(self.periods, self.periods[1:], strict=False):
            if later.span.end < earlier.span.end:
                raise _fail(
                    M_(
                        "periods are listed in order of their last day: {key} ends before {key2}",
                        key=later.key,
                        key2=earlier.key,
                    ),
                    later.origin,
                    "periods",
                )
        for period in self.periods:
            self._check_period_method(period)
        if self.main is not None and self.main not in self._period_index:
            raise InvalidValueError(
                M_(
                    "the main period {main} is not one of the report's periods",
                    main=repr(self.main),
                ),
                field="main",
            )

    def _check_methods(self) -> None:
        if len(self._method_index) != len(self.methods):
            names = [m.name for m in self.methods]
            twice = next(n for n in names if names.count(n) > 1)
            raise InvalidValueError(
                M_("method {twice} is defined twice", twice=repr(twice)), field="methods"
            )
        for name in self._method_index:
            presets = _methods_module()
            if name in presets.PRESETS or name in presets.ALIASES:
                raise InvalidValueError(
                    M_(
                        "method {name} has the name of a preset; give the report's own "
                        "method a name of its own",
                        name=repr(name),
                    ),
                    field=f"methods.{name}",
                )

    def _check_grade_tables(self) -> None:
        if len(self._grade_index) != len(self.grade_tables):
            names = [g.name for g in self.grade_tables]
            twice = next(n for n in names if names.count(n) > 1)
            raise InvalidValueError(
                M_("grade table {twice} is defined twice", twice=repr(twice)), field="grades"
            )
        for name in self._grade_index:
            if name in GRADE_TABLES:
                raise InvalidValueError(
                    M_(
                        "grade table {name} has the name of a preset; give it a name of its own",
                        name=repr(name),
                    ),
                    field=f"grades.{name}",
                )
        for key, name in self.grading.items():
            try:
                self.grade_table(name)
            except LakipError as error:
                raise error.relocated(field=f"report.grading.{key}") from None

    def _check_evidence_grades(self, table: EvidenceTable, fallback: str) -> None:
        """The grade tables an evidence table names must be the report's own or presets."""
        named = [(c.grades, f"columns[{i}].grades") for i, c in enumerate(table.columns)]
        named += [(t.grades, f"totals[{i}].grades") for i, t in enumerate(table.totals)]
        for name, where in named:
            if name is None:
                continue
            try:
                self.grade_table(name)
            except LakipError as error:
                if table.origin is None:
                    raise error.relocated(
                        field=f"{fallback}.evidence[{table.id}].{where}"
                    ) from None
                origin = table.origin.child(where)
                raise error.relocated(
                    field=origin.path, source=origin.source, line=table.origin.line
                ) from None

    def _check_period_method(self, period: ReportPeriod) -> None:
        if period.method is None:
            return
        try:
            _methods_module().get_method(period.method, self._method_index)
        except LakipError as error:
            if period.origin is None:
                raise error.relocated(field=f"periods[{period.key}].method") from None
            origin = period.origin.child("method")
            raise error.relocated(
                field=origin.path, source=origin.source, line=period.origin.line
            ) from None

    def _check_key(self, key: str, origin: Origin | None, fallback: str) -> None:
        if key not in self._period_index:
            known = ", ".join(self._period_index)
            raise _fail(
                M_(
                    "period {key} is not one of the report's periods ({known})",
                    key=repr(key),
                    known=known,
                ),
                origin,
                fallback,
            )

    def _check_place(self, figure: PrintedFigure, fallback: str) -> None:
        # A printed figure carries the notation it is read in (its own, its column's, its
        # table's or the report's: a report may mix them), so any notation is allowed here.
        if figure.place not in self._table_index:
            known = ", ".join(self._table_index) or "none declared"
            raise _fail(
                M_(
                    "table {place} is not declared in the report's tables ({known})",
                    place=repr(figure.place),
                    known=known,
                ),
                figure.origin,
                fallback,
            )

    def _check_unit(self, unit: Unit) -> None:
        here = f"units[{unit.code}]"
        for block in unit.periods:
            self._check_key(block.period, block.origin, here)
            figures = list(block.printed)
            figures += [p for derived in block.derived for p in derived.printed]
            if block.budget is not None:
                figures += block.budget.printed
                figures += [p for o in getattr(block.budget, "outputs", ()) for p in o.printed]
            for figure in figures:
                self._check_place(figure, here)
            for table in block.evidence:
                self._check_evidence_grades(table, here)
                for total in table.totals:
                    if total.place is not None and total.place not in self._table_index:
                        raise _fail(
                            M_(
                                "table {place} is not declared in the report's tables",
                                place=repr(total.place),
                            ),
                            total.origin,
                            here,
                        )
        for indicator in unit.indicators:
            for entry in indicator.periods:
                self._check_entry(entry, indicator.origin, f"{here}.indicators[{indicator.code}]")

    def _check_entry(self, entry: IndicatorPeriod, origin: Origin | None, fallback: str) -> None:
        where = entry.origin or origin
        self._check_key(entry.period, where, fallback)
        period = self._period_index[entry.period]
        if (
            entry.is_targeted
            and not entry.has_realisation
            and entry.not_reported is None
            and not period.planned
        ):
            raise _fail(
                M_(
                    "a targeted indicator needs its realisation in {period} (or a "
                    "derive rule, or accumulate = true; print its target as 'Tidak "
                    "ditargetkan' if it had none, its realisation as 'n/a' if the report "
                    "has none, or mark the period planned)",
                    period=entry.period,
                ),
                where,
                fallback,
            )
        for figure in entry.printed:
            self._check_place(figure, fallback)
        for support in entry.supports:
            if support.against not in ("value", "note") and support.against not in (
                self._table_index
            ):
                raise _fail(
                    M_(
                        "support against {against}: not 'value', 'note' or a declared table",
                        against=repr(support.against),
                    ),
                    where,
                    fallback,
                )

    # --- lookups ---------------------------------------------------------------------------

    @property
    def office(self) -> str:
        """The reporting office's name (the root unit's)."""
        return self.root.name

    @property
    def main_period(self) -> ReportPeriod:
        """The period the report is about: ``main``, or the last period."""
        return self._period_index[self.main] if self.main else self.periods[-1]

    def method(self, name: str | ScoringMethod) -> ScoringMethod:
        """The method ``name`` as this report knows it: one it defines, a preset or an alias;
        a :class:`ScoringMethod` is returned as it is. :class:`UnknownNameError` lists the
        names it knows."""
        method: ScoringMethod = _methods_module().get_method(name, self._method_index)
        return method

    def grade_table(self, name: str | GradeTable) -> GradeTable:
        """The grade table ``name``: one the report defines, else a preset."""
        return get_grade_table(name, self._grade_index)

    def grading_table(self, graded: str) -> GradeTable | None:
        """The table that grades ``graded`` (``"capaian"``), or ``None`` when none is named."""
        name = self.grading.get(graded)
        return None if name is None else self.grade_table(name)

    def period_method(self, key: str) -> ScoringMethod | None:
        """The method period ``key`` names, or ``None`` when it names none."""
        period = self._period_index[key]
        return None if period.method is None else self.method(period.method)

    def period(self, key: str) -> ReportPeriod:
        """The period with ``key``; ``KeyError`` if there is none."""
        return self._period_index[key]

    def table(self, table_id: str) -> ReportTable:
        """The declared table ``table_id``; ``KeyError`` if there is none."""
        return self._table_index[table_id]

    def printed_notation(self, place: str, quantity: Quantity) -> Notation:
        """The notation a figure of ``quantity`` printed in table ``place`` is read in unless
        it states its own: the column's, else the table's, else the report's."""
        table = self._table_index.get(place)
        return self.notation if table is None else table.notation_of(quantity, self.notation)

    def unit(self, code: str) -> Unit:
        """The unit with ``code`` anywhere in the tree; ``KeyError`` if there is none."""
        return self._unit_index[code]

    def parent(self, code: str) -> Unit | None:
        """The unit directly above unit ``code`` (``None`` for the root)."""
        parent = self._parents.get(code)
        return None if parent is None else self._unit_index[parent]

    def units(self) -> Iterator[Unit]:
        """Every unit, the root first, depth first in report order."""
        return self.root.walk()
