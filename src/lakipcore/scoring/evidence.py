"""Evaluating evidence rules: counts, sums and means over a unit's supporting tables, and the
ratios and relative changes (in percent) of two such rules."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from decimal import Decimal

from lakipcore._exact import HUNDRED, ZERO, div, mean, mul, sub, total
from lakipcore.errors import (
    InvalidValueError,
    LakipError,
    UnknownNameError,
    ZeroDenominatorError,
)
from lakipcore.figures import Figure, parse_number
from lakipcore.i18n import M_
from lakipcore.model.evidence import (
    NIL_CELLS,
    Column,
    ColumnKind,
    Evidence,
    EvidenceTable,
    read_cell,
)
from lakipcore.model.rules import Comparison, Condition, Direction, Rule, RuleOp
from lakipcore.notation import Notation

__all__ = [
    "combined",
    "matching_rows",
    "note_number",
    "operand_tables",
    "operand_value",
    "rule_value",
    "table_by_id",
]


def table_by_id(tables: Iterable[EvidenceTable], table_id: str) -> EvidenceTable:
    """The table called ``table_id``; :class:`UnknownNameError` otherwise."""
    for table in tables:
        if table.id == table_id:
            return table
    raise UnknownNameError(
        M_("no evidence table {table_id}", table_id=repr(table_id)), field="table"
    )


def _number(column: Column, text: str, notation: Notation) -> Decimal | None:
    value = read_cell(column, text, notation)
    if value is None or isinstance(value, Decimal):
        return value
    raise InvalidValueError(  # pragma: no cover - check_rule allows numeric columns only
        M_("column {name} does not hold numbers", name=repr(column.name)), field=column.name
    )


def _holds(table: EvidenceTable, row: Sequence[str], condition: Condition) -> bool:
    column = table.column(condition.column)
    text = row[table.index(column.name)]
    if column.kind in (ColumnKind.TEXT, ColumnKind.GRADE):
        if text.strip() in NIL_CELLS:
            return False  # a nil cell meets no condition, = and != alike
        left, right = text.strip().casefold(), condition.value.strip().casefold()
        if condition.op is Comparison.EQ:
            return left == right
        if condition.op is Comparison.NE:
            return left != right
        raise InvalidValueError(
            M_("text column {name} can only be compared with = or !=", name=repr(column.name)),
            field="where",
        )
    if column.kind is ColumnKind.DATES:
        raise InvalidValueError(
            M_("dates column {name} cannot be compared", name=repr(column.name)), field="where"
        )
    value = _number(column, text, table.notation)
    if value is None:
        return False  # a nil cell meets no numeric condition
    threshold = _number(column, condition.value, table.notation)
    if threshold is None:
        raise InvalidValueError(
            M_("condition on {name} has no value", name=repr(column.name)), field="where"
        )
    return {
        Comparison.EQ: value == threshold,
        Comparison.NE: value != threshold,
        Comparison.GE: value >= threshold,
        Comparison.GT: value > threshold,
        Comparison.LE: value <= threshold,
        Comparison.LT: value < threshold,
    }[condition.op]


def matching_rows(table: EvidenceTable, where: Sequence[Condition]) -> list[int]:
    """Indexes of the rows meeting every condition, in table order."""
    return [
        index
        for index, row in enumerate(table.rows)
        if all(_holds(table, row, condition) for condition in where)
    ]


def _cell_value(table: EvidenceTable, row: int, column: Column, rule: Rule) -> Decimal | None:
    value = _number(column, table.rows[row][table.index(column.name)], table.notation)
    if value is None or column.kind is not ColumnKind.SCORE or rule.scale is None:
        return value
    from lakipcore.surveys.scales import convert  # noqa: PLC0415 - survey presets load lazily

    return convert(value, column.scale or "", rule.scale)


def rule_value(
    rule: Rule, tables: Iterable[EvidenceTable], *, evidence: Evidence | None = None
) -> Decimal:
    """The exact value ``rule`` gives over ``tables`` (unrounded).

    A mean needs every selected cell: a nil cell is an error naming its row and column, while a
    sum counts it as zero and a row count does not look at cells. A ratio or change evaluates
    its operands, one naming another period over ``evidence(period)`` (the unit's tables in
    that period), and raises :class:`~lakipcore.errors.ZeroDenominatorError` for a zero
    denominator.
    """
    if rule.op.combines:
        return _combined_value(rule, tuple(tables), evidence)
    table = table_by_id(tables, rule.table)
    rows = matching_rows(table, rule.where)
    if rule.op is RuleOp.ROWS:
        return Decimal(len(rows))
    columns = [table.column(name) for name in rule.columns]
    values: list[Decimal] = []
    for row in rows:
        for column in columns:
            value = _cell_value(table, row, column, rule)
            if value is None and rule.op is RuleOp.MEAN:
                raise InvalidValueError(
                    M_(
                        "table {id}, row {value}: {name} is empty, but a mean needs every value",
                        id=repr(table.id),
                        value=row + 1,
                        name=column.name,
                    ),
                    field=f"rows[{row}]",
                )
            if value is not None:
                values.append(value)
    if rule.op is RuleOp.SUM:
        return total(values)
    if not values:
        raise InvalidValueError(
            M_("{describe}: no rows to average", describe=rule.describe()), field="where"
        )
    return mean(values)


def _combined_value(
    rule: Rule, tables: tuple[EvidenceTable, ...], evidence: Evidence | None
) -> Decimal:
    names = ("of", "to") if rule.op is RuleOp.RATIO else ("from", "to")
    values = []
    for name, operand in zip(names, rule.operands, strict=True):
        try:
            values.append(operand_value(operand, tables, evidence=evidence))
        except LakipError as error:  # placed inside the operand it came from
            inner = f"{rule.op.value}.{name}"
            error.field = f"{inner}.{error.field}" if error.field else inner
            raise
    return combined(rule, values[0], values[1])


def operand_tables(
    rule: Rule, tables: Iterable[EvidenceTable], evidence: Evidence | None
) -> Iterable[EvidenceTable]:
    """The tables an operand reads: ``tables``, or those of the other period it names."""
    if rule.period is None:
        return tables
    if evidence is None:
        raise InvalidValueError(
            M_(
                "{describe}: the evidence of another period is known only within its report",
                describe=rule.describe(),
            ),
            field="period",
        )
    return evidence(rule.period)


def operand_value(
    rule: Rule, tables: Iterable[EvidenceTable], *, evidence: Evidence | None = None
) -> Decimal:
    """The value of one operand of a ratio or change, over its own period's tables."""
    return rule_value(rule, operand_tables(rule, tables, evidence), evidence=evidence)


def combined(rule: Rule, first: Decimal, second: Decimal) -> Decimal:
    """A ratio (``first / second × 100``) or a change from ``first`` to ``second`` (in
    percent, signed by the rule's direction), exact to 60 digits."""
    denominator = second if rule.op is RuleOp.RATIO else first
    if denominator == ZERO:
        raise ZeroDenominatorError(
            M_(
                "{describe}: the denominator is zero, so the rule gives no value",
                describe=rule.describe(),
            )
        )
    if rule.op is RuleOp.RATIO:
        return div(mul(first, HUNDRED), second)
    rise = sub(second, first) if rule.direction is Direction.RISE else sub(first, second)
    return div(mul(rise, HUNDRED), first)


def note_number(figure: Figure, notation: Notation = Notation.INDONESIAN) -> Decimal | None:
    """The first number in a figure's note: 169 in ``100% (total 169 permohonan)``."""
    if figure.note is None:
        return None
    group, decimal = re.escape(notation.group), re.escape(notation.decimal)
    pattern = rf"[0-9]{{1,3}}(?:{group}[0-9]{{3}})+(?:{decimal}[0-9]+)?|[0-9]+(?:{decimal}[0-9]+)?"
    match = re.search(pattern, figure.note)
    return None if match is None else parse_number(match.group(0), notation=notation)
