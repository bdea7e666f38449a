"""Evidence tables, rules and supports in the report file: reading and writing (docs/format.md).

A rule is an inline table with exactly one of ``rows = true``, ``sum = [columns]`` or
``mean = [columns]``, and optionally ``table`` (the evidence table's id; a table's own totals
default to it), ``where`` (a list of ``{ column, op, value }``) and ``scale`` (for means of
scores). A support adds ``against`` (``"value"``, ``"note"`` or a table id).

A rule may instead combine two such rules, its operands: ``ratio = { of = {...}, to = {...} }``
(of / to × 100) or ``change = { from = {...}, to = {...} }`` with ``direction = "rise"`` or
``"fall"`` beside it; an operand may name another period's evidence with ``period``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from lakipcore.errors import LakipError, Sentence
from lakipcore.formats import document
from lakipcore.formats.toml.notations import optional_notation
from lakipcore.formats.toml.reader import Reader as _Reader
from lakipcore.i18n import M_
from lakipcore.model import (
    Column,
    ColumnKind,
    Comparison,
    Condition,
    Direction,
    EvidenceTable,
    RowCheck,
    Rule,
    RuleOp,
    Support,
    TableTotal,
)
from lakipcore.notation import Notation

__all__ = ["read_evidence", "read_rule", "read_supports", "write_evidence", "write_rule"]

Table = Mapping[str, Any]


def _fail(reader: _Reader, path: str, message: str | Sentence) -> LakipError:
    return reader.fail(path, message)


def read_rule(
    reader: _Reader,
    data: object,
    path: str,
    *,
    default_table: str | None = None,
    extra: frozenset[str] = frozenset(),
    operand: bool = False,
) -> Rule:
    """A rule from its inline table at ``path``; ``operand``: one of a ratio or change."""
    if not isinstance(data, Mapping):
        raise _fail(reader, path, M_("expected a rule: {{ rows = true }} or {{ sum = [...] }} …"))
    reader.only(data, document.RULE | extra, path)
    ops = [op for op in RuleOp if op.value in data]
    if len(ops) != 1:
        raise _fail(reader, path, M_("a rule has exactly one of rows, sum, mean, ratio or change"))
    op = ops[0]
    if op.combines:
        if operand:
            raise _fail(
                reader,
                f"{path}.{op.value}",
                M_("the operands of a ratio or change are rows, sum or mean rules"),
            )
        return _read_combined(reader, data, path, op, default_table)
    if "direction" in data:
        raise _fail(reader, f"{path}.direction", M_("only a change rule has a direction"))
    if "period" in data and not operand:
        raise _fail(
            reader,
            f"{path}.period",
            M_(
                "period names another period's evidence; it belongs in an operand of a "
                "ratio or change rule"
            ),
        )
    columns: list[str] = []
    if op is RuleOp.ROWS:
        if data["rows"] is not True:
            raise _fail(reader, f"{path}.rows", M_("write rows = true"))
    else:
        raw = data[op.value]
        if not isinstance(raw, list) or not raw or not all(isinstance(c, str) for c in raw):
            raise _fail(reader, f"{path}.{op.value}", M_("expected a list of column names"))
        columns = raw
    table = reader.text(data, "table", path, required=False) or default_table
    if table is None:
        raise _fail(reader, f"{path}.table", M_("missing field: the evidence table's id"))
    where = _read_where(reader, data, path)
    scale = reader.text(data, "scale", path, required=False)
    period = reader.text(data, "period", path, required=False)
    with reader.placed(path):
        return Rule(
            op,
            table,
            tuple(columns),
            where,
            scale,
            origin=reader.origin(path),
            period=period,
        )


def _read_where(reader: _Reader, data: Mapping[str, Any], path: str) -> tuple[Condition, ...]:
    """A rule's conditions: ``where = [{ column, op, value }, ...]``."""
    where = []
    raw_where = data.get("where", [])
    if not isinstance(raw_where, list):
        raise _fail(reader, f"{path}.where", M_("expected a list of {{ column, op, value }}"))
    for index, item in enumerate(raw_where):
        cpath = f"{path}.where[{index}]"
        if not isinstance(item, Mapping):
            raise _fail(reader, cpath, M_("expected {{ column = ..., op = ..., value = ... }}"))
        reader.only(item, document.CONDITION, cpath)
        op_text = reader.required_text(item, "op", cpath)
        with reader.placed(f"{cpath}.op", replace=True):
            comparison = Comparison.from_name(op_text)
        where.append(
            Condition(
                reader.required_text(item, "column", cpath),
                comparison,
                reader.required_text(item, "value", cpath),
            )
        )
    return tuple(where)


def _operand_names(op: RuleOp) -> tuple[str, str]:
    """The keys of a ratio's or change's two operands, in order."""
    return ("of", "to") if op is RuleOp.RATIO else ("from", "to")


def _read_combined(
    reader: _Reader, data: Mapping[str, Any], path: str, op: RuleOp, default_table: str | None
) -> Rule:
    """A ratio or change rule: its two operands and, for a change, its direction."""
    for key in ("table", "where", "scale", "period"):
        if key in data:
            raise _fail(
                reader,
                f"{path}.{key}",
                M_(
                    "a {value} rule has no {name} of its own; give it to its operands",
                    value=op.value,
                    name=key,
                ),
            )
    names = _operand_names(op)
    inner, ipath = data[op.value], f"{path}.{op.value}"
    if not isinstance(inner, Mapping):
        raise _fail(
            reader,
            ipath,
            M_(
                "expected {{ {first} = {{ rule }}, {second} = {{ rule }} }}",
                first=names[0],
                second=names[1],
            ),
        )
    reader.only(inner, document.RATIO if op is RuleOp.RATIO else document.CHANGE, ipath)
    operands = []
    for name in names:
        if name not in inner:
            raise _fail(
                reader,
                f"{ipath}.{name}",
                M_("missing field: the {name} rule of the {value}", name=name, value=op.value),
            )
        operands.append(
            read_rule(
                reader, inner[name], f"{ipath}.{name}", default_table=default_table, operand=True
            )
        )
    direction: Direction | None = None
    direction_name = reader.text(data, "direction", path, required=False)
    if op is RuleOp.CHANGE:
        if direction_name is None:
            raise _fail(
                reader,
                f"{path}.direction",
                M_(
                    'missing field: a change rule needs direction = "rise" ((to − from) / '
                    'from × 100) or "fall" ((from − to) / from × 100)'
                ),
            )
        with reader.placed(f"{path}.direction", replace=True):
            direction = Direction.from_name(direction_name)
    elif direction_name is not None:
        raise _fail(reader, f"{path}.direction", M_("only a change rule has a direction"))
    with reader.placed(path):
        return Rule(
            op, "", origin=reader.origin(path), operands=tuple(operands), direction=direction
        )


def read_supports(reader: _Reader, data: object, path: str) -> tuple[Support, ...]:
    """The supports list of an indicator period."""
    if not isinstance(data, list):
        raise _fail(reader, path, M_("expected a list of rules"))
    supports = []
    for index, item in enumerate(data):
        spath = f"{path}[{index}]"
        rule = read_rule(reader, item, spath, extra=frozenset({"against"}))
        against = reader.text(item, "against", spath, required=False) or "value"
        with reader.placed(spath):
            supports.append(Support(rule, against))
    return tuple(supports)


def _columns(reader: _Reader, data: object, path: str) -> list[Column]:
    if not isinstance(data, list) or not data:
        raise _fail(reader, path, M_("expected a list of {{ name = ..., kind = ... }}"))
    columns = []
    for index, item in enumerate(data):
        cpath = f"{path}[{index}]"
        if not isinstance(item, Mapping):
            raise _fail(reader, cpath, M_("expected {{ name = ..., kind = ... }}"))
        reader.only(item, document.COLUMN, cpath)
        kind_name = reader.text(item, "kind", cpath, required=False) or "text"
        with reader.placed(f"{cpath}.kind", replace=True):
            kind = ColumnKind.from_name(kind_name)
        with reader.placed(cpath):
            column = Column(
                reader.required_text(item, "name", cpath),
                kind,
                reader.text(item, "scale", cpath, required=False),
                reader.text(item, "grades", cpath, required=False),
                reader.text(item, "of", cpath, required=False),
            )
        columns.append(column)
    return columns


def _rows(reader: _Reader, data: object, path: str) -> list[list[str]]:
    if not isinstance(data, list):
        raise _fail(reader, path, M_("expected a list of rows, each a list of printed cells"))
    for index, row in enumerate(data):
        if not isinstance(row, list) or not all(isinstance(cell, str) for cell in row):
            raise _fail(
                reader, f"{path}[{index}]", M_("expected a row: a list of cells as quoted text")
            )
    return data


def read_evidence(reader: _Reader, data: Table, path: str) -> EvidenceTable:
    """One evidence table at ``path``."""
    reader.only(data, document.EVIDENCE, path)
    table_id = reader.required_text(data, "id", path)
    columns = _columns(reader, data.get("columns"), f"{path}.columns")
    rows = _rows(reader, data.get("rows", []), f"{path}.rows")
    totals = []
    for key in ("totals", "row-checks"):
        if not isinstance(data.get(key, []), list):
            raise _fail(reader, f"{path}.{key}", M_("expected a list of inline tables"))
    for index, item in enumerate(data.get("totals", [])):
        tpath = f"{path}.totals[{index}]"
        if not isinstance(item, Mapping):
            raise _fail(reader, tpath, M_('expected {{ rule = {{...}}, printed = "..." }}'))
        reader.only(item, document.TOTAL, tpath)
        place = reader.text(item, "place", tpath, required=False)
        rule = read_rule(reader, item.get("rule"), f"{tpath}.rule", default_table=table_id)
        text = reader.required_text(item, "printed", tpath)
        grades = reader.text(item, "grades", tpath, required=False)
        with reader.placed(tpath):
            totals.append(
                TableTotal(rule, text, place, grades, origin=reader.origin(f"{tpath}.printed"))
            )
    checks = []
    for index, item in enumerate(data.get("row-checks", [])):
        cpath = f"{path}.row-checks[{index}]"
        if not isinstance(item, Mapping):
            raise _fail(reader, cpath, M_("expected {{ column = ..., sum = [...] }}"))
        reader.only(item, document.ROW_CHECK, cpath)
        ops = [op for op in (RuleOp.SUM, RuleOp.MEAN) if op.value in item]
        if len(ops) != 1:
            raise _fail(reader, cpath, M_("a row check has exactly one of sum or mean"))
        of = item[ops[0].value]
        if not isinstance(of, list) or not all(isinstance(c, str) for c in of):
            raise _fail(reader, f"{cpath}.{ops[0].value}", M_("expected a list of column names"))
        checks.append(RowCheck(reader.required_text(item, "column", cpath), ops[0], tuple(of)))
    title = reader.required_text(data, "title", path)
    # A table may print in a notation of its own; by default the report's.
    notation = optional_notation(reader, data, path) or reader.notation
    with reader.placed(path):
        return EvidenceTable(
            table_id,
            title,
            columns,
            rows,
            tuple(totals),
            tuple(checks),
            notation=notation,
            origin=reader.origin(path),
            printed=True,  # a cell that does not read is a finding at its cell, not a refusal
        )


# --- writing -------------------------------------------------------------------------------


def write_rule(rule: Rule, string: Any, *, own_table: str | None = None) -> str:
    """A rule as an inline table; ``own_table`` omits ``table`` for a table's own totals."""
    if rule.op.combines:
        first, second = (write_rule(r, string, own_table=own_table) for r in rule.operands)
        names = _operand_names(rule.op)
        text = f"{{ {rule.op.value} = {{ {names[0]} = {first}, {names[1]} = {second} }}"
        if rule.direction is not None:
            text += f", direction = {string(rule.direction.value)}"
        return text + " }"
    parts = []
    if rule.op is RuleOp.ROWS:
        parts.append("rows = true")
    else:
        parts.append(f"{rule.op.value} = [{', '.join(string(c) for c in rule.columns)}]")
    if rule.table != own_table:
        parts.append(f"table = {string(rule.table)}")
    if rule.where:
        conditions = ", ".join(
            f"{{ column = {string(c.column)}, op = {string(c.op.value)}, "
            f"value = {string(c.value)} }}"
            for c in rule.where
        )
        parts.append(f"where = [{conditions}]")
    if rule.scale is not None:
        parts.append(f"scale = {string(rule.scale)}")
    if rule.period is not None:
        parts.append(f"period = {string(rule.period)}")
    return "{ " + ", ".join(parts) + " }"


def write_evidence(
    table: EvidenceTable, header: str, string: Any, notation: Notation = Notation.INDONESIAN
) -> list[str]:
    """An evidence table as lines of TOML under ``[[header]]``, in a report of ``notation``
    (the table's own is written when it differs)."""
    out = ["", f"[[{header}]]", f"id = {string(table.id)}", f"title = {string(table.title)}"]
    if table.notation is not notation:
        out.append(f"notation = {string(table.notation.value)}")
    out.append("columns = [")
    for column in table.columns:
        parts = [f"name = {string(column.name)}"]
        if column.kind is not ColumnKind.TEXT:
            parts.append(f"kind = {string(column.kind.value)}")
        for key in ("scale", "grades", "of"):
            value = getattr(column, key)
            if value is not None:
                parts.append(f"{key} = {string(value)}")
        out.append("  { " + ", ".join(parts) + " },")
    out.append("]")
    out.append("rows = [")
    out += ["  [" + ", ".join(string(cell) for cell in row) + "]," for row in table.rows]
    out.append("]")
    if table.totals:
        out.append("totals = [")
        for total in table.totals:
            parts = [f"rule = {write_rule(total.rule, string, own_table=table.id)}"]
            parts.append(f"printed = {string(total.text)}")
            if total.place is not None:
                parts.append(f"place = {string(total.place)}")
            if total.grades is not None:
                parts.append(f"grades = {string(total.grades)}")
            out.append("  { " + ", ".join(parts) + " },")
        out.append("]")
    if table.row_checks:
        out.append("row-checks = [")
        for check in table.row_checks:
            of = ", ".join(string(c) for c in check.of)
            out.append(f"  {{ column = {string(check.column)}, {check.op.value} = [{of}] }},")
        out.append("]")
    return out
