"""Audit checks on supporting evidence: realisations against their rows, grades, dates."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal

from lakipcore.audit.context import AuditContext
from lakipcore.errors import LakipError, Sentence
from lakipcore.figures import Figure, format_number, parse_figure
from lakipcore.i18n import N_, Message
from lakipcore.model import (
    ColumnKind,
    Direction,
    EvidenceTable,
    IndicatorPeriod,
    Origin,
    PrintedFigure,
    Quantity,
    Rule,
    RuleOp,
    TableKind,
    Unit,
    UnitPeriod,
    read_cell,
)
from lakipcore.notation import Notation
from lakipcore.results.findings import Finding, FindingCode, Location, Subject
from lakipcore.rounding import places_of, round_to
from lakipcore.scoring.evidence import matching_rows, note_number, rule_value, table_by_id
from lakipcore.surveys.grades import GradeTable

__all__ = [
    "check_evidence_cells",
    "check_evidence_dates",
    "check_grades",
    "check_printed_grades",
    "check_supports",
]


def _blocks(context: AuditContext) -> Iterator[tuple[Unit, UnitPeriod]]:
    for unit in context.report.units():
        for block in unit.periods:
            yield unit, block


def _rows_of(unit: Unit, period: str, rule: Rule) -> Message:
    """The rows a rule reads, named; for a ratio or change, its operands' rows in turn."""
    if rule.op.combines:
        first, second = (_rows_of(unit, period, r) for r in rule.operands)
        return Message(N_("{first}; {second}"), first=first, second=second)
    key = period if rule.period is None else rule.period
    rows = _rows_named(table_by_id(unit.evidence(key), rule.table), rule)
    if rule.period is None:
        return rows
    return Message(N_("{rows} in {period}"), rows=rows, period=rule.period)


def _rows_named(table: EvidenceTable, rule: Rule) -> Message:
    rows = matching_rows(table, rule.where)
    if not rule.where:
        return Message(N_("all {count} rows of {table}"), count=str(len(rows)), table=table.id)
    if not rows:
        return Message(N_("no rows of {table}"), table=table.id)
    numbers = ", ".join(str(r + 1) for r in rows)
    return Message(N_("rows {numbers} of {table}"), numbers=numbers, table=table.id)


def rule_words(rule: Rule) -> Message:
    """The rule in a few words (:meth:`Rule.describe`, as a message): ``sum of peserta in
    pembinaan-perancang``."""
    if rule.op.combines:
        first, second = (rule_words(r) for r in rule.operands)
        what = {
            RuleOp.RATIO: N_("the ratio of ({first}) to ({second})"),
            Direction.RISE: N_("the rise from ({first}) to ({second})"),
            Direction.FALL: N_("the fall from ({first}) to ({second})"),
        }[rule.direction or rule.op]
        return Message(what, first=first, second=second)
    columns = {"columns": " + ".join(rule.columns)} if rule.op is RuleOp.SUM else {}
    if rule.op is RuleOp.MEAN:
        columns = {"columns": ", ".join(rule.columns)}
    what = {
        RuleOp.ROWS: N_("rows in {table}"),
        RuleOp.SUM: N_("sum of {columns} in {table}"),
        RuleOp.MEAN: N_("mean of {columns} in {table}"),
    }[rule.op]
    words = Message(what, table=rule.table, **columns)
    if rule.period is not None:
        words = Message(N_("{rule} of {period}"), rule=words, period=rule.period)
    if rule.where:
        condition = " and ".join(f"{c.column} {c.op.value} {c.value}" for c in rule.where)
        words = Message(N_("{rule} where {condition}"), rule=words, condition=condition)
    if rule.scale:
        words = Message(N_("{rule} on {scale}"), rule=words, scale=rule.scale)
    return words


def _stated(entry: IndicatorPeriod, against: str) -> tuple[Figure | None, Origin | None]:
    """The figure a support is compared with, and where it was read from."""
    if against in ("value", "note"):
        realisation = entry.realisation
        if realisation is None:
            return None, None
        text = format_number(realisation.value)
        if realisation.note:
            text += f" ({realisation.note})"
        origin = entry.origin.child("realisation") if entry.origin else None
        return parse_figure(text), origin
    for printed in entry.printed:
        if printed.quantity is Quantity.REALISATION and printed.place == against:
            try:
                return printed.figure(), printed.origin
            except LakipError:
                return None, printed.origin
    return None, None


def _indicator_table(context: AuditContext) -> str | None:
    return next((t.id for t in context.report.tables if t.kind is TableKind.INDICATORS), None)


def check_supports(context: AuditContext) -> list[Finding]:
    """A stated realisation (or the number in its note) must agree with its evidence."""
    findings = []
    for unit in context.report.units():
        for indicator in unit.indicators:
            for entry in indicator.periods:
                for support in entry.supports:
                    findings += _support_finding(
                        context,
                        unit,
                        indicator.code,
                        entry,
                        rule=support.rule,
                        against=support.against,
                    )
    return findings


def _support_finding(
    context: AuditContext,
    unit: Unit,
    code: str,
    entry: IndicatorPeriod,
    *,
    rule: Rule,
    against: str,
) -> list[Finding]:
    figure, origin = _stated(entry, against)
    subject = Subject(unit.code, code)
    place = against if against not in ("value", "note") else _indicator_table(context)
    location = Location.of(origin or entry.origin, place, context.source)
    tables = unit.evidence(entry.period)

    def not_recomputable(message: Message, recomputed: Decimal | None = None) -> list[Finding]:
        return [
            Finding(
                code=FindingCode.NOT_RECOMPUTABLE,
                subject=subject,
                period=entry.period,
                location=location,
                text=message,
                recomputed=recomputed,
            )
        ]

    try:
        evidence = rule_value(rule, tables, evidence=unit.evidence)
    except LakipError as error:  # e.g. a mean over no rows: a finding, not an abort
        return not_recomputable(
            Message(
                N_("{rule} cannot be computed ({reason})"),
                rule=rule_words(rule),
                reason=error.text,
            )
        )
    rows = _rows_of(unit, entry.period, rule)
    stated: Decimal | None = None
    # A note printed in a table is read in that figure's notation (its table's, or its own).
    notation = next(
        (
            p.notation
            for p in entry.printed
            if p.quantity is Quantity.REALISATION and p.place == against
        ),
        context.report.notation,
    )
    if figure is not None:
        stated = figure.value if against == "value" else note_number(figure, notation)
    if stated is None:
        return not_recomputable(
            Message(
                N_("the realisation states no number to compare with {rule}"),
                rule=rule_words(rule),
            ),
            evidence,
        )
    places = places_of(stated)
    if round_to(evidence, places) == stated:
        return []
    what = (
        N_("the realisation is {stated} but {rule} gives {evidence} ({rows})")
        if against == "value"
        else N_(
            "the number in the realisation's note is {stated} but {rule} gives {evidence} ({rows})"
        )
    )
    shown = format_number(round_to(evidence, max(places, 2)), notation=notation)
    return [
        Finding(
            code=FindingCode.EVIDENCE_MISMATCH,
            subject=subject,
            period=entry.period,
            location=location,
            text=Message(
                what,
                stated=format_number(stated, notation=notation),
                rule=rule_words(rule),
                evidence=_trimmed(shown, notation),
                rows=rows,
            ),
            published=figure.text if figure else None,
            recomputed=evidence,
            places=places,
        )
    ]


def _trimmed(shown: str, notation: Notation) -> str:
    """``12,50`` → ``12,5`` and ``270,00`` → ``270``: trailing zeros off, without arithmetic."""
    mark = notation.decimal
    if mark not in shown:
        return shown
    return shown.rstrip("0").rstrip(mark)


def check_grades(context: AuditContext) -> list[Finding]:
    """Every printed grade in an evidence table must be what its grade table gives."""
    findings = []
    for unit, block in _blocks(context):
        for table in block.evidence:
            findings += _grade_cells(context, unit, block, table)
            findings += _grade_totals(context, unit, block, table)
    return findings


def _shown(value: Decimal, notation: Notation) -> str:
    """A graded value for a message: as it is when short, else at 2 places (a capaian)."""
    shown = value if places_of(value) <= 4 else round_to(value, 2)
    return format_number(shown, notation=notation)


def _grade_of(grades: GradeTable, value: Decimal) -> tuple[str, str] | str | Sentence:
    """(letter, label) of ``value`` in table ``grades``, or the message why it has none."""
    try:
        band = grades.grade(value)
    except LakipError as error:
        return error.text
    return band.letter, band.label


def _matches(printed: str, grade: tuple[str, str]) -> bool:
    text = printed.strip().casefold()
    return text in (grade[0].casefold(), grade[1].casefold())


def _grade_finding(
    *,
    period: str,
    subject: Subject,
    location: Location,
    printed: str,
    value: Decimal,
    grades: GradeTable,
    notation: Notation,
) -> Finding | None:
    grade = _grade_of(grades, value)
    if not isinstance(grade, tuple):
        return Finding(
            code=FindingCode.NOT_GRADABLE,
            subject=subject,
            period=period,
            location=location,
            text=Message(
                N_("printed '{printed}' for {value}, which {grades} cannot grade: {reason}"),
                printed=printed,
                value=_shown(value, notation),
                grades=grades.name,
                reason=grade,
            ),
            published=printed,
            recomputed=value,
        )
    if _matches(printed, grade):
        return None
    return Finding(
        code=FindingCode.GRADE_MISMATCH,
        subject=subject,
        period=period,
        location=location,
        text=Message(
            N_("printed '{printed}' but {value} is {grade} in {grades}"),
            printed=printed,
            value=_shown(value, notation),
            grade=f"{grade[0]} ({grade[1]})" if grade[1] else grade[0],
            grades=grades.name,
        ),
        published=printed,
        recomputed=value,
    )


def _cell(context: AuditContext, table: EvidenceTable, row: int, position: int) -> Location:
    origin = table.origin.child(f"rows[{row}][{position}]") if table.origin else None
    return Location.of(origin, "evidence", context.source)


def _grade_cells(
    context: AuditContext, unit: Unit, block: UnitPeriod, table: EvidenceTable
) -> list[Finding]:
    findings = []
    for position, column in enumerate(table.columns):
        if column.kind is not ColumnKind.GRADE or column.grades is None or column.of is None:
            continue
        scored = table.column(column.of)
        scored_at = table.index(column.of)
        for row_index, row in enumerate(table.rows):
            if not table.readable(row_index, scored_at):
                continue  # check_evidence_cells reports it
            value = read_cell(scored, row[scored_at], table.notation)
            if not isinstance(value, Decimal) or not row[position].strip():
                continue
            finding = _grade_finding(
                period=block.period,
                subject=Subject(unit.code, f"{table.id} row {row_index + 1}"),
                location=_cell(context, table, row_index, position),
                printed=row[position],
                value=value,
                grades=context.report.grade_table(column.grades),
                notation=context.report.notation,
            )
            if finding is not None:
                findings.append(finding)
    return findings


def _grade_totals(
    context: AuditContext, unit: Unit, block: UnitPeriod, table: EvidenceTable
) -> list[Finding]:
    findings = []
    for total in table.totals:
        if total.grades is None:
            continue
        try:
            value = rule_value(total.rule, block.evidence)
        except LakipError:
            continue  # the total's own check reports it as not recomputable
        finding = _grade_finding(
            period=block.period,
            subject=Subject(unit.code, table.id),
            location=Location.of(total.origin, total.place or "evidence", context.source),
            printed=total.text,
            value=value,
            grades=context.report.grade_table(total.grades),
            notation=context.report.notation,
        )
        if finding is not None:
            findings.append(finding)
    return findings


def check_printed_grades(context: AuditContext) -> list[Finding]:
    """Every predikat printed for an indicator must be the grade of its capaian in the table
    the report names for capaian (``[report] grading``)."""
    findings = []
    table = context.report.grading_table("capaian")
    for unit in context.report.units():
        for indicator in unit.indicators:
            for entry in indicator.periods:
                for printed in entry.printed:
                    if printed.quantity is not Quantity.GRADE:
                        continue
                    findings += _printed_grade(
                        context,
                        unit,
                        code=indicator.code,
                        entry=entry,
                        printed=printed,
                        table=table,
                    )
    return findings


def _printed_grade(
    context: AuditContext,
    unit: Unit,
    *,
    code: str,
    entry: IndicatorPeriod,
    printed: PrintedFigure,
    table: GradeTable | None,
) -> list[Finding]:
    subject = Subject(unit.code, code)
    location = Location.of(printed.origin, printed.place, context.source)
    try:
        capaian = context.score.period(entry.period).unit(unit.code).indicator(code).capaian
    except KeyError:  # an indicator the scoring could not score (a not-scorable finding)
        capaian = None
    if table is None or capaian is None:
        reason = (
            Message(N_("the report names no grade table for capaian ([report] grading)"))
            if table is None
            else Message(N_("the indicator has no capaian"))
        )
        return [
            Finding(
                code=FindingCode.NOT_GRADABLE,
                subject=subject,
                period=entry.period,
                location=location,
                text=Message(
                    N_("printed '{printed}', but {reason}"), printed=printed.text, reason=reason
                ),
                published=printed.text,
            )
        ]
    finding = _grade_finding(
        period=entry.period,
        subject=subject,
        location=location,
        printed=printed.text,
        value=capaian,
        grades=table,
        notation=context.report.notation,
    )
    return [] if finding is None else [finding]


def _dates_of(value: object) -> tuple[date, ...]:
    if isinstance(value, date):
        return (value,)
    if isinstance(value, tuple):
        return tuple(v for v in value if isinstance(v, date))
    start, end = getattr(value, "start", None), getattr(value, "end", None)
    return tuple(d for d in (start, end) if isinstance(d, date))


def check_evidence_cells(context: AuditContext) -> list[Finding]:
    """A cell of an evidence table that does not read as its column's kind (``7.1`` in a
    number column of an Indonesian report, a date that is no date): a malformed figure at its
    cell. The table is held as printed; a rule that needs the cell is not scorable."""
    findings = []
    for unit, block in _blocks(context):
        for table in block.evidence:
            for row_index, position, error in table.malformed:
                findings.append(
                    Finding(
                        code=FindingCode.MALFORMED_FIGURE,
                        subject=Subject(unit.code, f"{table.id} row {row_index + 1}"),
                        period=block.period,
                        location=_cell(context, table, row_index, position),
                        # The load's own sentence: "table 't', row 1, nilai: '7.1' is not ..."
                        text=error.text if isinstance(error.text, Message) else str(error.text),
                        published=table.rows[row_index][position],
                    )
                )
    return findings


def check_evidence_dates(context: AuditContext) -> list[Finding]:
    """Evidence dated outside the period it supports (its year, semester or quarter)."""
    findings = []
    for unit, block in _blocks(context):
        period = context.report.period(block.period)
        for table in block.evidence:
            for position, column in enumerate(table.columns):
                if column.kind is not ColumnKind.DATES:
                    continue
                for row_index, row in enumerate(table.rows):
                    if not table.readable(row_index, position):
                        continue  # check_evidence_cells reports it
                    cell = read_cell(column, row[position], table.notation)
                    outside = [d for d in _dates_of(cell) if d not in period.span]
                    if not outside:
                        continue
                    shown = ", ".join(d.isoformat() for d in outside)
                    findings.append(
                        Finding(
                            code=FindingCode.OUTSIDE_PERIOD,
                            subject=Subject(unit.code, f"{table.id} row {row_index + 1}"),
                            period=block.period,
                            location=_cell(context, table, row_index, position),
                            text=Message(
                                N_("'{cell}' lies outside the reporting period {period} ({dates})"),
                                cell=row[position],
                                period=period.label,
                                dates=shown,
                            ),
                            published=row[position],
                        )
                    )
    return findings
