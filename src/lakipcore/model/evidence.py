"""Supporting evidence: the tables a report prints beside a realisation, and rules over them.

A report rarely types a realisation out of nowhere: "12 Laporan" stands for twelve activities
listed with their dates, "686 penyelesaian" for three offices' counts, "9,38" for a survey score
converted to skala 10. An :class:`EvidenceTable` holds such rows verbatim, with typed columns; a
:class:`Rule` says how a number follows from them (count the rows, sum columns, average scores
on a common scale, optionally over the rows meeting conditions). Rules serve three purposes:

* an indicator's realisation can be *derived* from evidence (:attr:`Indicator.derivation`):
  scoring computes it, so a changed survey score flows through to the dashboard;
* an indicator can be *supported* by evidence (:class:`Support`): the stated realisation is
  scored, and the audit compares it with what the rows give;
* a table's printed totals and averages (:class:`TableTotal`) and per-row computed columns
  (:class:`RowCheck`) are compared with their rows.

A rule may also combine two such rules: the ratio of two counts in percent ("perkara
diselesaikan" = selesai / masuk × 100) or the relative change between two periods' counts
("penurunan temuan", (a − b) / a × 100), each operand possibly over another period's evidence.

Cells are kept as printed text. Each column's kind says how to read it; the table checks at
construction that every cell reads, so a malformed date or number is an error naming its row
and column, not a surprise during the audit.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, TypeAlias

import attrs

from lakipcore._display import Short
from lakipcore._names import NamedEnum, enum_field
from lakipcore._text import check_text, text_field
from lakipcore.errors import InvalidValueError, LakipError, UnknownNameError
from lakipcore.figures import parse_figure
from lakipcore.i18n import M_
from lakipcore.model.origin import Origin
from lakipcore.model.rules import Comparison, Condition, Rule, RuleOp
from lakipcore.notation import Notation

if TYPE_CHECKING:
    from lakipcore.dates import DateRange
    from lakipcore.surveys.scales import Scale

__all__ = [
    "NIL_CELLS",
    "Cell",
    "Column",
    "ColumnKind",
    "EvidenceTable",
    "RowCheck",
    "Support",
    "TableTotal",
    "check_rule",
    "read_cell",
]

NIL_CELLS = frozenset({"", "-"})
"""Cells printed empty or as a dash: nothing, which a sum counts as zero."""


def _check_scale(name: str) -> Scale:
    """The scale called ``name`` (the survey presets load on first use: they cost import time)."""
    from lakipcore.surveys.scales import get_scale  # noqa: PLC0415

    return get_scale(name, field="scale")


def _check_grades(name: str) -> None:
    """A grade table's name: a report may define its own tables, so the name is looked up
    when the table becomes part of a report (``Report`` refuses one it does not know)."""
    if not isinstance(name, str) or not name.strip():
        raise InvalidValueError(
            M_("expected a grade table's name, got {name}", name=repr(name)), field="grades"
        )


def _names(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(items)


class ColumnKind(NamedEnum):
    """How the cells of a column are read."""

    __what__ = "column kind"

    TEXT = "text"
    """Free text: a name, a place, a category. Compared by equality in conditions."""
    NUMBER = "number"
    """A figure such as ``100 Orang``, ``128.185`` or ``Rp 145.296.000``: summable."""
    PERCENT = "percent"
    """A percentage such as ``93,75%``: comparable with a percent threshold."""
    SCORE = "score"
    """A survey score on the column's ``scale`` (``14,15`` on skala 15): convertible."""
    DATES = "dates"
    """One date, a list or a range, Indonesian style (``04,05, & 09 Desember 2019``)."""
    GRADE = "grade"
    """A grade letter or label given to the score in column ``of`` by the grade table ``grades``."""


@attrs.frozen(repr=False)
class Column(Short):
    """A column of an evidence table.

    ``scale`` names the scale of a SCORE column (``skala-15``); ``grades`` the grade table and
    ``of`` the graded column of a GRADE column.
    """

    name: str = attrs.field(validator=text_field("name"))
    kind: ColumnKind = ColumnKind.TEXT
    scale: str | None = None
    grades: str | None = None
    of: str | None = None

    def __attrs_post_init__(self) -> None:
        if not self.name.strip():
            raise InvalidValueError(M_("a column needs a name"), field="name")
        if (self.kind is ColumnKind.SCORE) != (self.scale is not None):
            raise InvalidValueError(
                M_(
                    "column {name}: a score column needs a scale, and only a score column has one",
                    name=repr(self.name),
                ),
                field="scale",
            )
        if self.kind is ColumnKind.GRADE and (self.grades is None or self.of is None):
            raise InvalidValueError(
                M_(
                    "column {name}: a grade column names its grade table (grades) "
                    "and the column it grades (of)",
                    name=repr(self.name),
                ),
                field="grades",
            )
        if self.kind is not ColumnKind.GRADE and (self.grades is not None or self.of is not None):
            raise InvalidValueError(
                M_("column {name}: only a grade column has grades and of", name=repr(self.name)),
                field="grades",
            )
        if self.scale is not None:
            _check_scale(self.scale)
        if self.grades is not None:
            _check_grades(self.grades)


@attrs.frozen(repr=False)
class Support(Short):
    """Evidence that a stated realisation should agree with.

    ``against`` is ``"value"`` (the realisation itself), ``"note"`` (the number in the
    realisation's note, as in ``100% (total 169 permohonan)``) or the id of a report table
    whose printed realisation's note is meant (the report checks that it declares the table).
    """

    rule: Rule
    against: str = "value"

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.against, str) or not self.against:
            raise InvalidValueError(
                M_(
                    "against must be 'value', 'note' or a table id, got {against}",
                    against=repr(self.against),
                ),
                field="against",
            )


@attrs.frozen(repr=False)
class TableTotal(Short):
    """A total, average or grade the report prints for a table, with the rule that gives it.

    ``grades`` (a grade table name) makes the printed text a grade of the rule's value.
    ``place`` is the id of the report table the figure is printed in when that is not the
    evidence table itself (the prose restating a total).
    """

    rule: Rule
    text: str = attrs.field(validator=text_field("text"))
    place: str | None = None
    grades: str | None = None
    origin: Origin | None = attrs.field(default=None, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        if self.grades is not None:
            _check_grades(self.grades)


@attrs.frozen(repr=False)
class RowCheck(Short):
    """A column whose every cell is computed from other cells of its row.

    SUM adds the ``of`` columns (a TOTAL column); MEAN of one score column converts it to this
    column's scale (a "Konversi Skala 10" column).
    """

    column: str
    op: RuleOp
    of: tuple[str, ...] = attrs.field(converter=_names)


_NUMERIC = (ColumnKind.NUMBER, ColumnKind.PERCENT, ColumnKind.SCORE)

Cell: TypeAlias = "Decimal | str | date | tuple[date, ...] | DateRange | None"
"""A cell as read: a number, text, a date, dates or a range; ``None`` for a nil cell."""


@functools.lru_cache(maxsize=8192)
def _read(kind: ColumnKind, scale: str | None, text: str, notation: Notation) -> Cell:
    if text.strip() in NIL_CELLS:
        return None
    if kind in (ColumnKind.TEXT, ColumnKind.GRADE):
        return text
    if kind is ColumnKind.DATES:
        from lakipcore.dates import parse_when  # noqa: PLC0415 - dateutil costs import time

        return parse_when(text)
    figure = parse_figure(text, notation=notation)
    if kind is ColumnKind.PERCENT and not figure.percent:
        raise InvalidValueError(M_("{text} should be a percentage", text=repr(text)))
    if kind is not ColumnKind.PERCENT and figure.percent:
        raise InvalidValueError(
            M_("{text} is a percentage in a {value} column", text=repr(text), value=kind.value)
        )
    if kind is ColumnKind.SCORE and scale is not None:
        _check_scale(scale).check(figure.value)
    return figure.value


def read_cell(column: Column, text: str, notation: Notation = Notation.INDONESIAN) -> Cell:
    """Read one printed cell as its column's kind says; ``None`` for a nil cell (``-``, empty).

    Numbers are read in ``notation`` (the table's: :attr:`EvidenceTable.notation`). Raises a
    :class:`~lakipcore.LakipError` for a cell that does not read (a malformed number or date, a
    score off its scale).
    """
    return _read(column.kind, column.scale, text, notation)


def _totals(items: Iterable[TableTotal]) -> tuple[TableTotal, ...]:
    return tuple(items)


def _checks(items: Iterable[RowCheck]) -> tuple[RowCheck, ...]:
    return tuple(items)


def _columns(items: Iterable[Column]) -> tuple[Column, ...]:
    return tuple(items)


def _rows(items: Iterable[Iterable[str]]) -> tuple[tuple[str, ...], ...]:
    rows = tuple(tuple(row) for row in items)
    for index, row in enumerate(rows):
        for column, cell in enumerate(row):
            if type(cell) is not str or not cell.isprintable():
                check_text(cell, f"rows[{index}][{column}]", what="cell")
    return rows


@attrs.frozen(repr=False)
class EvidenceTable(Short):
    """A supporting table: typed columns and rows of printed cells.

    ``id`` is unique within the unit and period; rules refer to the table by it. A cell that
    does not read as its column's kind is refused, unless the table is held ``printed``, as a
    report file's tables are: then it is kept in :attr:`malformed` (row, column, reason), the
    audit reports it at its cell, and a rule that needs it fails with that reason.
    """

    id: str
    title: str = attrs.field(validator=text_field("title"))
    columns: tuple[Column, ...] = attrs.field(converter=_columns)
    rows: tuple[tuple[str, ...], ...] = attrs.field(converter=_rows)
    totals: tuple[TableTotal, ...] = attrs.field(default=(), converter=_totals)
    row_checks: tuple[RowCheck, ...] = attrs.field(default=(), converter=_checks)
    notation: Notation = attrs.field(
        default=Notation.INDONESIAN, validator=enum_field(Notation, "notation"), kw_only=True
    )
    """How the table's cells write numbers: the report's notation unless the table states its
    own (a table of another report in a roll-up keeps its own)."""
    origin: Origin | None = attrs.field(default=None, eq=False, repr=False)
    printed: bool = attrs.field(default=False, kw_only=True, eq=False, repr=False)
    """Hold cells that do not read as printed (:attr:`malformed`) instead of refusing them."""
    malformed: tuple[tuple[int, int, LakipError], ...] = attrs.field(
        init=False, default=(), eq=False, repr=False
    )
    """The cells that do not read: (row index, column index, the error), for the audit."""

    def __attrs_post_init__(self) -> None:
        names = [c.name for c in self.columns]
        if not names:
            raise InvalidValueError(
                M_("table {id} has no columns", id=repr(self.id)), field="columns"
            )
        for index, name in enumerate(names):
            if name in names[:index]:
                raise InvalidValueError(
                    M_(
                        "table {id} has two columns named {name}", id=repr(self.id), name=repr(name)
                    ),
                    field=f"columns[{index}]",
                )
        for index, row in enumerate(self.rows):
            if len(row) != len(names):
                raise InvalidValueError(
                    M_(
                        "row {value} of table {id} has {count} cells but the table has "
                        "{count2} columns ({join})",
                        value=index + 1,
                        id=repr(self.id),
                        count=len(row),
                        count2=len(names),
                        join=", ".join(names),
                    ),
                    field=f"rows[{index}]",
                )
        for index, column in enumerate(self.columns):
            if column.of is not None:
                self._check_column(column.of, f"columns[{index}].of", _NUMERIC)
        object.__setattr__(self, "malformed", self._read_cells())
        for index, check in enumerate(self.row_checks):
            self._check_column(check.column, f"row_checks[{index}].column")
            for name in check.of:
                self._check_column(name, f"row_checks[{index}].of")

    def _check_column(
        self, name: str, field: str, kinds: tuple[ColumnKind, ...] | None = None
    ) -> None:
        column = self.column(name, field=field)
        if kinds is not None and column.kind not in kinds:
            raise InvalidValueError(
                M_(
                    "column {name} of table {id} is {value}, not numeric",
                    name=repr(name),
                    id=repr(self.id),
                    value=column.kind.value,
                ),
                field=field,
            )

    def _read_cells(self) -> tuple[tuple[int, int, LakipError], ...]:
        """Every cell read as its column's kind: the cells that do not, held as printed (or the
        first refused, naming its row and column)."""
        malformed = []
        for index, row in enumerate(self.rows):
            for column, text in zip(self.columns, row, strict=True):
                try:
                    read_cell(column, text, self.notation)
                except LakipError as error:
                    error.field = f"rows[{index}][{self.index(column.name)}]"
                    error.message = M_(
                        "table {table}, row {row}, {column}: {reason}",
                        table=repr(self.id),
                        row=index + 1,
                        column=column.name,
                        reason=error.text,
                    )
                    if not self.printed:
                        raise
                    malformed.append((index, self.index(column.name), error))
        return tuple(malformed)

    def readable(self, row: int, column: int) -> bool:
        """Whether the cell at ``row``, ``column`` reads as its column's kind."""
        return not any(r == row and c == column for r, c, _ in self.malformed)

    def column(self, name: str, *, field: str | None = None) -> Column:
        """The column called ``name``; :class:`UnknownNameError` naming the table otherwise."""
        for column in self.columns:
            if column.name == name:
                return column
        known = ", ".join(repr(c.name) for c in self.columns)
        raise UnknownNameError(
            M_(
                "table {id} has no column {name}; its columns are {known}",
                id=repr(self.id),
                name=repr(name),
                known=known,
            ),
            field=field,
        )

    def index(self, name: str) -> int:
        """The position of column ``name``."""
        return self.columns.index(self.column(name))

    def cells(self, name: str) -> tuple[str, ...]:
        """The printed cells of column ``name``, top to bottom."""
        position = self.index(name)
        return tuple(row[position] for row in self.rows)


Evidence = Callable[[str], Iterable[EvidenceTable]]
"""The evidence tables of one unit in a period, by the period's key."""


def _rule_table(
    rule: Rule, tables: tuple[EvidenceTable, ...], evidence: Evidence | None
) -> EvidenceTable:
    """The table a plain rule reads: among ``tables``, or among those of its ``period``."""
    if rule.period is not None:
        if evidence is None:
            raise InvalidValueError(
                M_(
                    "a rule over another period's evidence ({period}) belongs to an "
                    "indicator's derive or supports",
                    period=rule.period,
                ),
                field="period",
            )
        tables = tuple(evidence(rule.period))
    by_id = {table.id: table for table in tables}
    table = by_id.get(rule.table)
    if table is None:
        known = ", ".join(repr(t) for t in by_id) or "none"
        if rule.period is not None:
            raise UnknownNameError(
                M_(
                    "no evidence table {table} in this unit in {period} (tables: {known})",
                    table=repr(rule.table),
                    period=rule.period,
                    known=known,
                ),
                field="table",
            )
        raise UnknownNameError(
            M_(
                "no evidence table {table} in this unit and year (tables: {known})",
                table=repr(rule.table),
                known=known,
            ),
            field="table",
        )
    return table


def check_rule(
    rule: Rule, tables: Iterable[EvidenceTable], evidence: Evidence | None = None
) -> None:
    """Check that ``rule`` names a table among ``tables`` and columns that table has.

    A SUM needs numeric columns; a MEAN of score columns needs a scale to convert them to. The
    operands of a ratio or change are checked in turn; one that names another ``period`` is
    checked against ``evidence(period)``, the unit's tables in that period (an indicator's
    rules only: a table's own totals have no other period to read).
    """
    tables = tuple(tables)
    if rule.op.combines:
        names = ("of", "to") if rule.op is RuleOp.RATIO else ("from", "to")
        for name, operand in zip(names, rule.operands, strict=True):
            try:
                check_rule(operand, tables, evidence)
            except LakipError as error:
                inner = f"{rule.op.value}.{name}"
                error.field = f"{inner}.{error.field}" if error.field else inner
                raise
        return
    table = _rule_table(rule, tables, evidence)
    scales = set()
    for name in rule.columns:
        column = table.column(name, field="columns")
        if column.kind not in _NUMERIC:
            raise InvalidValueError(
                M_(
                    "column {name} of table {id} is {value}; a {value2} rule needs numbers",
                    name=repr(name),
                    id=repr(table.id),
                    value=column.kind.value,
                    value2=rule.op.value,
                ),
                field="columns",
            )
        if column.kind is ColumnKind.SCORE:
            scales.add(column.scale)
    if rule.op is RuleOp.MEAN and rule.scale is None and len(scales) > 1:
        raise InvalidValueError(
            M_(
                "the columns {join} are on different scales; give the scale to convert them to",
                join=", ".join(rule.columns),
            ),
            field="scale",
        )
    if rule.scale is not None:
        _check_scale(rule.scale)
    for condition in rule.where:
        _check_condition(table, condition)


def _check_condition(table: EvidenceTable, condition: Condition) -> None:
    """A condition must be evaluable: text compares by = / !=, numbers by a readable value."""
    column = table.column(condition.column, field="where")
    if column.kind is ColumnKind.DATES:
        raise InvalidValueError(
            M_("conditions on the dates column {name} are not supported", name=repr(column.name)),
            field="where",
        )
    if column.kind in (ColumnKind.TEXT, ColumnKind.GRADE):
        if condition.op not in (Comparison.EQ, Comparison.NE):
            raise InvalidValueError(
                M_(
                    "the text column {name} compares with = or != only, not {value}",
                    name=repr(column.name),
                    value=condition.op.value,
                ),
                field="where",
            )
        return
    try:
        value = read_cell(column, condition.value, table.notation)
    except LakipError as error:
        raise InvalidValueError(
            M_(
                "condition {name} {value} {value2}: {message}",
                name=column.name,
                value=condition.op.value,
                value2=repr(condition.value),
                message=error.message,
            ),
            field="where",
        ) from None
    if value is None:
        raise InvalidValueError(
            M_(
                "condition {name} {value} needs a value, not {value2}",
                name=column.name,
                value=condition.op.value,
                value2=repr(condition.value),
            ),
            field="where",
        )
