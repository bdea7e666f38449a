"""Audit checks on supporting evidence: realisations against their rows, grades, dates."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal

from lakipcore.audit.context import AuditContext
from lakipcore.audit.findings import Finding, Location
from lakipcore.audit.recompute import table_path as _table_path
from lakipcore.errors import LakipError
from lakipcore.figures import Figure, format_number, parse_figure
from lakipcore.model import (
    ColumnKind,
    EvidenceTable,
    Indicator,
    OfficeYear,
    Place,
    Quantity,
    Rule,
    UnitPerformance,
    read_cell,
)
from lakipcore.rounding import places_of, round_to
from lakipcore.scoring.evidence import matching_rows, note_number, rule_value, table_by_id
from lakipcore.surveys.grades import get_grade_table

__all__ = ["check_evidence_dates", "check_grades", "check_supports"]


def _years(context: AuditContext) -> Iterator[OfficeYear]:
    report = context.report
    yield report.current
    if report.previous is not None:
        yield report.previous


def _rows_named(table: EvidenceTable, rule: Rule) -> str:
    rows = matching_rows(table, rule.where)
    if not rule.where:
        return f"all {len(rows)} rows of {table.id}"
    numbers = ", ".join(str(r + 1) for r in rows) or "none"
    return f"rows {numbers} of {table.id}"


def _stated(indicator: Indicator, against: str) -> tuple[Figure | None, str | None]:
    """The figure a support is compared with, and the field it was read from."""
    if against in ("value", "note"):
        realisation = indicator.realisation
        if realisation is None:
            return None, None
        text = format_number(realisation.value)
        if realisation.note:
            text += f" ({realisation.note})"
        field = f"{indicator.field}.realisation" if indicator.field else None
        return parse_figure(text), field
    place = Place.from_name(against)
    for printed in indicator.printed:
        if printed.quantity is Quantity.REALISATION and printed.place is place:
            try:
                return printed.figure(), printed.field
            except LakipError:
                return None, printed.field
    return None, None


def check_supports(context: AuditContext) -> list[Finding]:
    """A stated realisation (or the number in its note) must agree with its evidence."""
    source = context.source
    findings = []
    for office in _years(context):
        for unit in office.units:
            for indicator in unit.indicators:
                for support in indicator.supports:
                    findings += _support_finding(
                        unit, indicator, support.rule, support.against, source
                    )
    return findings


def _support_finding(
    unit: UnitPerformance, indicator: Indicator, rule: Rule, against: str, source: str | None
) -> list[Finding]:
    figure, field = _stated(indicator, against)
    subject = f"{unit.code} / {indicator.code}"
    location = Location(source, field or indicator.field, Place.UNIT_INDICATORS)
    evidence = rule_value(rule, unit.evidence)
    rows = _rows_named(table_by_id(unit.evidence, rule.table), rule)
    stated: Decimal | None = None
    if figure is not None:
        stated = figure.value if against == "value" else note_number(figure)
    if stated is None:
        return [
            Finding(
                code="not-recomputable",
                subject=subject,
                year=unit.year,
                location=location,
                message=f"the realisation states no number to compare with {rule.describe()}",
                recomputed=evidence,
            )
        ]
    places = places_of(stated)
    if round_to(evidence, places) == stated:
        return []
    what = "realisation" if against == "value" else "number in the realisation's note"
    return [
        Finding(
            code="evidence-mismatch",
            subject=subject,
            year=unit.year,
            location=location,
            message=(
                f"the {what} is {format_number(stated)} but {rule.describe()} gives "
                f"{format_number(round_to(evidence, max(places, 2)).normalize())} "
                f"({rows})"
            ),
            published=figure.text if figure else None,
            recomputed=evidence,
            places=places,
        )
    ]


def check_grades(context: AuditContext) -> list[Finding]:
    """Every printed grade in an evidence table must be what its grade table gives."""
    source = context.source
    findings = []
    for office in _years(context):
        for unit in office.units:
            for table in unit.evidence:
                findings += _grade_cells(unit, table, source)
                findings += _grade_totals(unit, table, source)
    return findings


def _grade_of(grades: str, value: Decimal) -> tuple[str, str] | str:
    """(letter, label) of ``value`` in table ``grades``, or the message why it has none."""
    try:
        band = get_grade_table(grades).grade(value)
    except LakipError as error:
        return error.message
    return band.letter, band.label


def _matches(printed: str, grade: tuple[str, str]) -> bool:
    text = printed.strip().casefold()
    return text in (grade[0].casefold(), grade[1].casefold())


def _grade_finding(
    *,
    unit: UnitPerformance,
    subject: str,
    field: str,
    printed: str,
    value: Decimal,
    grades: str,
    source: str | None,
) -> Finding | None:
    grade = _grade_of(grades, value)
    location = Location(source, field, Place.EVIDENCE)
    if isinstance(grade, str):
        return Finding(
            code="not-gradable",
            subject=subject,
            year=unit.year,
            location=location,
            message=(
                f"printed {printed!r} for {format_number(value)}, which {grades} cannot "
                f"grade: {grade}"
            ),
            published=printed,
            recomputed=value,
        )
    if _matches(printed, grade):
        return None
    return Finding(
        code="grade-mismatch",
        subject=subject,
        year=unit.year,
        location=location,
        message=(
            f"printed {printed!r} but {format_number(value)} is {grade[0]} ({grade[1]}) in {grades}"
        ),
        published=printed,
        recomputed=value,
    )


def _grade_cells(unit: UnitPerformance, table: EvidenceTable, source: str | None) -> list[Finding]:
    findings = []
    for position, column in enumerate(table.columns):
        if column.kind is not ColumnKind.GRADE or column.grades is None or column.of is None:
            continue
        scored = table.column(column.of)
        scored_at = table.index(column.of)
        for row_index, row in enumerate(table.rows):
            value = read_cell(scored, row[scored_at])
            if not isinstance(value, Decimal) or not row[position].strip():
                continue
            finding = _grade_finding(
                unit=unit,
                subject=f"{unit.code} / {table.id} row {row_index + 1}",
                field=f"{_table_path(unit, table)}.rows[{row_index}][{position}]",
                printed=row[position],
                value=value,
                grades=column.grades,
                source=source,
            )
            if finding is not None:
                findings.append(finding)
    return findings


def _grade_totals(unit: UnitPerformance, table: EvidenceTable, source: str | None) -> list[Finding]:
    findings = []
    for number, total in enumerate(table.totals):
        if total.grades is None:
            continue
        finding = _grade_finding(
            unit=unit,
            subject=f"{unit.code} / {table.id}",
            field=total.field or f"{_table_path(unit, table)}.totals[{number}]",
            printed=total.text,
            value=rule_value(total.rule, unit.evidence),
            grades=total.grades,
            source=source,
        )
        if finding is not None:
            findings.append(finding)
    return findings


def _dates_of(value: object) -> tuple[date, ...]:
    if isinstance(value, date):
        return (value,)
    if isinstance(value, tuple):
        return tuple(v for v in value if isinstance(v, date))
    start, end = getattr(value, "start", None), getattr(value, "end", None)
    return tuple(d for d in (start, end) if isinstance(d, date))


def check_evidence_dates(context: AuditContext) -> list[Finding]:
    """Evidence dated outside its year (the tahun anggaran) is reported."""
    from lakipcore.periods import tahun_anggaran  # noqa: PLC0415 - dateutil only when needed

    source = context.source
    findings = []
    for office in _years(context):
        period = tahun_anggaran(office.year)
        for unit in office.units:
            for table in unit.evidence:
                for position, column in enumerate(table.columns):
                    if column.kind is not ColumnKind.DATES:
                        continue
                    for row_index, row in enumerate(table.rows):
                        outside = [
                            d
                            for d in _dates_of(read_cell(column, row[position]))
                            if d not in period
                        ]
                        if outside:
                            shown = ", ".join(d.isoformat() for d in outside)
                            findings.append(
                                Finding(
                                    code="outside-period",
                                    subject=f"{unit.code} / {table.id} row {row_index + 1}",
                                    year=office.year,
                                    location=Location(
                                        source,
                                        f"{_table_path(unit, table)}.rows[{row_index}][{position}]",
                                        Place.EVIDENCE,
                                    ),
                                    message=(
                                        f"{row[position]!r} lies outside the reporting year "
                                        f"{office.year} ({shown})"
                                    ),
                                    published=row[position],
                                )
                            )
    return findings
