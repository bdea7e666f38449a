"""The audit's checks. Each takes the audit context and returns a list of findings."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from lakipcore._exact import HUNDRED, sub
from lakipcore.audit.context import AuditContext
from lakipcore.audit.evidence import (
    check_evidence_cells,
    check_evidence_dates,
    check_grades,
    check_printed_grades,
    check_supports,
)
from lakipcore.audit.gaps import check_not_reported
from lakipcore.audit.grades import check_grade_tables
from lakipcore.audit.phasing import check_phased_targets
from lakipcore.audit.plausibility import (
    check_decimal_slips,
    check_implausible_values,
    check_thin_achievements,
)
from lakipcore.audit.recompute import Reading, Recomputed, explain, parsed_value
from lakipcore.audit.words import quantity_word
from lakipcore.audit.workings import check_workings
from lakipcore.errors import FigureFormatError, LakipError
from lakipcore.figures import format_number, parse_figure
from lakipcore.i18n import N_, Message, placeholders
from lakipcore.methods import ScoringMethod, aggregation_variants
from lakipcore.model import (
    BudgetLine,
    ColumnUnit,
    Indicator,
    IndicatorPeriod,
    PrintedFigure,
    Quantity,
    ReportedAbsorption,
    TableKind,
    TableScope,
    Target,
    Unit,
)
from lakipcore.notation import Notation
from lakipcore.results.findings import Finding, FindingCode, Location, Subject, file_name
from lakipcore.results.scores import PeriodScore
from lakipcore.rounding import Rounding, places_of, round_to
from lakipcore.scoring.changes import period_change
from lakipcore.scoring.engine import scored_period
from lakipcore.scoring.inference import AGGREGATE_ATTRIBUTE

__all__ = ["CHECKS", "AuditContext"]


_PERCENT_QUANTITIES = frozenset(
    {
        Quantity.CAPAIAN,
        Quantity.CAPAIAN_YOY,
        Quantity.CAPAIAN_END_OF_PLAN,
        Quantity.RELATIVE_CHANGE,
        Quantity.ACHIEVEMENT,
        Quantity.ACHIEVEMENT_YOY,
        Quantity.ABSORPTION,
        Quantity.PERFORMANCE,
        Quantity.PERFORMANCE_YOY,
    }
)


# Messages write numbers in the report's own notation (a decimal-point report reads "98.80").
def _n(value: Decimal, places: int = 2, notation: Notation = Notation.INDONESIAN) -> str:
    return format_number(round_to(value, places), notation=notation)


def _exact(value: Decimal, notation: Notation = Notation.INDONESIAN) -> str:
    return format_number(round_to(value, 4), notation=notation)


def _scored(value: Decimal, notation: Notation) -> str:
    """A value as scored, for a message: as it is where it has at most four decimals (a stated
    figure), else at four and marked as cut (a derived quotient, 174 / 264 = 65,9091…)."""
    if places_of(value) <= 4:
        return format_number(value, notation=notation)
    return format_number(round_to(value, 4), notation=notation) + "…"


def _location(context: AuditContext, item: Recomputed) -> Location:
    return Location.of(item.printed.origin, item.printed.place, context.source)


def _finding(
    context: AuditContext, item: Recomputed, code: FindingCode, message: Message
) -> Finding:
    printed = parsed_value(item.printed)
    places = places_of(printed) if printed is not None else None
    plain = code in (FindingCode.FIGURE_MISMATCH, FindingCode.MALFORMED_FIGURE)
    return Finding(
        code=code,
        subject=item.subject,
        period=item.period,
        location=_location(context, item),
        text=message,
        published=item.printed.text,
        recomputed=item.exact,
        places=places,
        reading=None if plain else code.value,
    )


def _lenient(printed: PrintedFigure) -> Decimal | None:
    """The value of a figure misprinted in the other notation (``104.30%`` in an Indonesian
    report is 104,30; ``104,30%`` in a decimal-point report is 104.30)."""
    wrong = printed.notation.decimal
    head, mark, tail = printed.text.rpartition(printed.notation.group)
    if not mark or wrong in tail:
        return None
    fixed = f"{head.replace(printed.notation.group, '')}{wrong}{tail}"
    try:
        return parse_figure(fixed, notation=printed.notation).value
    except FigureFormatError:
        return None


def _difference(printed: Decimal, rounded: Decimal, notation: Notation) -> Message:
    """How far the printed figure is from the recomputed one rounded at its places."""
    delta = sub(printed, rounded)
    amount = format_number(delta.copy_abs(), notation=notation)
    if delta > 0:
        return Message(N_("{amount} too high"), amount=amount)
    return Message(N_("{amount} too low"), amount=amount)


def _then(first: Message, then: Message) -> Message:
    return Message(N_("{first}; {then}"), first=first, then=then)


def _mismatch_message(item: Recomputed, exact: Decimal, printed: Decimal) -> Message:
    places = places_of(printed)
    n = item.printed.notation
    rounded = round_to(exact, places)  # once: the message shows it and its difference
    if item.printed.quantity in (Quantity.TARGET, Quantity.REALISATION):
        return Message(
            N_("published {text} but the {quantity} scored is {exact}; {difference}"),
            text=item.printed.text,
            quantity=quantity_word(item.printed.quantity),
            exact=_scored(exact, n),
            difference=_difference(printed, rounded, n),
        )
    message = Message(
        N_(
            "published {text} but the inputs give {rounded} (exact {exact}, half-up at "
            "{places} places)"
        ),
        text=item.printed.text,
        rounded=format_number(rounded, notation=n),
        exact=_exact(exact, n),
        places=str(places),
    )
    for now, before in item.operands:
        message = _then(
            message,
            Message(
                N_("the printed {now} − {before} = {change}"),
                now=_n(now, places, n),
                before=_n(before, places, n),
                change=_n(sub(now, before), places, n),
            ),
        )
    if item.low is not None and item.high is not None and item.low != item.high:
        message = _then(
            message,
            Message(
                N_("rounded inputs allow {low} to {high}"),
                low=_exact(item.low, n),
                high=_exact(item.high, n),
            ),
        )
    return _then(message, _difference(printed, rounded, n))


_INFO_MESSAGES = {
    Reading.HALF_UP: N_(
        "published {text}: the exact {exact} rounded half-up to {half_up}, not the way the "
        "method says the report rounds"
    ),
    Reading.TRUNCATED: N_(
        "published {text}: the exact {exact} truncated, not rounded half-up ({half_up})"
    ),
    Reading.PRINTED_OPERANDS: N_(
        "published {text}: computed from the rounded figures printed beside it, not from the "
        "exact {exact} ({half_up})"
    ),
    Reading.ROUNDED_INPUT: N_(
        "published {text}: within the rounding interval of a rounded input ({low} to {high}), "
        "though the exact {exact} gives {half_up}"
    ),
}


def _office_alternative(context: AuditContext, item: Recomputed, printed: Decimal) -> str | None:
    """The name of another aggregation that explains an office figure of one period, if any."""
    attribute = AGGREGATE_ATTRIBUTE.get(item.printed.quantity)
    report = context.report
    if item.subject != Subject(report.root.code) or attribute is None or not report.root.units:
        return None
    declared = context.methods[item.period]
    period = report.period(item.period)
    for alternative in aggregation_variants(declared):
        if alternative == declared:
            continue
        try:
            value = getattr(scored_period(report, period, alternative).root, attribute)
        except LakipError:
            continue
        if value is not None and round_to(value, places_of(printed)) == printed:
            return alternative.name
    return None


def check_printed_figures(context: AuditContext) -> list[Finding]:
    """Compare every printed figure with its recomputed value under admissible readings."""
    findings = []
    for item in context.items:
        printed = parsed_value(item.printed)
        if printed is None:
            findings.append(_malformed(context, item))
            continue
        if item.printed.quantity in _PERCENT_QUANTITIES and not _is_percent(context, item.printed):
            findings.append(
                _finding(
                    context,
                    item,
                    FindingCode.MISSING_PERCENT_SIGN,
                    Message(
                        N_("published {text} without '%'; it is a percentage"),
                        text=item.printed.text,
                    ),
                )
            )
        if item.exact is None:
            findings.append(
                _finding(
                    context,
                    item,
                    FindingCode.NOT_RECOMPUTABLE,
                    _not_recomputable(item),
                )
            )
            continue
        method = context.methods.get(item.period)
        reading = explain(item, method.rounding if method is not None else Rounding.HALF_UP)
        if reading is Reading.AS_DECLARED:
            continue
        if reading is not None:
            template, n = _INFO_MESSAGES[reading], item.printed.notation
            figures = {
                "text": item.printed.text,
                "exact": _exact(item.exact, n),
                "half_up": _n(item.exact, places_of(printed), n),
                "low": _exact(item.low if item.low is not None else item.exact, n),
                "high": _exact(item.high if item.high is not None else item.exact, n),
            }
            wanted = placeholders(template)
            message = Message(template, **{k: v for k, v in figures.items() if k in wanted})
            findings.append(_finding(context, item, FindingCode(reading.value), message))
            continue
        alternative = _office_alternative(context, item, printed)
        if alternative is not None:
            findings.append(
                _finding(
                    context,
                    item,
                    FindingCode.OTHER_METHOD,
                    Message(
                        N_(
                            "published {text}: not the declared method's {exact}, but what "
                            "{method} gives"
                        ),
                        text=item.printed.text,
                        exact=_n(item.exact, places_of(printed), item.printed.notation),
                        method=alternative,
                    ),
                )
            )
            continue
        findings.append(
            _finding(
                context,
                item,
                FindingCode.FIGURE_MISMATCH,
                _mismatch_message(item, item.exact, printed),
            )
        )
    return findings


def _not_recomputable(item: Recomputed) -> Message:
    quantity, text = item.printed.quantity, item.printed.text
    if item.reason is not None:
        return Message(
            N_("published {text}: a figure ({quantity}) that cannot be computed ({reason})"),
            text=text,
            quantity=quantity_word(quantity),
            reason=item.reason,
        )
    if quantity is Quantity.RELATIVE_CHANGE:
        return Message(
            N_(
                "published {text}: a relative change that needs the supporting evidence behind "
                "the realisation, which this file does not hold"
            ),
            text=text,
        )
    if quantity.value.endswith("-yoy"):
        return Message(
            N_(
                "published {text}: a change from the previous period, but the report has no "
                "earlier period of the same kind as {period}, or one of the two lacks the figure"
            ),
            text=text,
            period=item.period,
        )
    return Message(
        N_("published {text}: a figure ({quantity}) that the file's data cannot give"),
        text=text,
        quantity=quantity_word(quantity),
    )


def _is_percent(context: AuditContext, printed: PrintedFigure) -> bool:
    figure = printed.parsed()
    if figure is None or figure.percent:
        return True
    # A bare figure in a column whose header carries the unit ("Capaian (%)") is a percentage.
    try:
        table = context.report.table(printed.place)
    except KeyError:  # a cell the audit reads from an evidence table, not a declared table
        return False
    return table.unit_of(printed.quantity) is ColumnUnit.PERCENT


def _malformed(context: AuditContext, item: Recomputed) -> Finding:
    notation = item.printed.notation
    style = (
        Message(N_("the Indonesian style"))
        if notation is Notation.INDONESIAN
        else Message(N_("decimal-point notation"))
    )
    report, printed = context.report, item.printed
    if notation is report.notation:
        template = N_("'{text}' is not a figure in {style}, the report's notation")
    elif notation is report.printed_notation(printed.place, printed.quantity):
        template = N_("'{text}' is not a figure in {style}, the notation of its table")
    else:
        template = N_("'{text}' is not a figure in {style}, the notation stated for it")
    message = Message(template, text=printed.text, style=style)
    lenient = _lenient(item.printed)
    if lenient is not None:
        shown = format_number(lenient, notation=notation)
        if item.exact is not None and round_to(item.exact, places_of(lenient)) == lenient:
            meant = Message(
                N_("it seems to mean {shown}, which agrees with the recomputed {exact}"),
                shown=shown,
                exact=_exact(item.exact, notation),
            )
        elif item.exact is not None:
            meant = Message(
                N_("it seems to mean {shown}, but the inputs give {exact}"),
                shown=shown,
                exact=_exact(item.exact, notation),
            )
        else:
            meant = Message(N_("it seems to mean {shown}"), shown=shown)
        message = _then(message, meant)
    return _finding(context, item, FindingCode.MALFORMED_FIGURE, message)


def _changes_table(context: AuditContext) -> str | None:
    return next((t.id for t in context.report.tables if t.kind is TableKind.CHANGES), None)


def check_method_change(context: AuditContext) -> list[Finding]:
    """Warn when the two periods of a change are scored with different aggregation methods."""
    report, findings = context.report, []
    if not report.root.units:
        return []  # a single unit aggregates nothing: the aggregation cannot differ
    for change in context.score.changes:
        later, earlier = context.methods[change.later], context.methods[change.earlier]
        if (later.achievement, later.absorption) == (earlier.achievement, earlier.absorption):
            continue
        message = Message(
            N_(
                "{later} is scored with {later_method} ({later_achievement}, "
                "{later_absorption}) and {earlier} with {earlier_method} ({earlier_achievement}, "
                "{earlier_absorption}): the office change compares two methods"
            ),
            later=change.later,
            later_method=later.name,
            later_achievement=later.achievement.value,
            later_absorption=later.absorption.value,
            earlier=change.earlier,
            earlier_method=earlier.name,
            earlier_achievement=earlier.achievement.value,
            earlier_absorption=earlier.absorption.value,
        )
        for single in (later, earlier):
            try:
                value = _office_change(context, change.earlier, change.later, single)
            except LakipError as error:
                alternative = Message(
                    N_("{method} cannot score both periods ({reason})"),
                    method=single.name,
                    reason=error.text,
                )
            else:
                alternative = Message(
                    N_(
                        "under {method} for both periods the office performance change is "
                        "{change} points"
                    ),
                    method=single.name,
                    change=_n(value, 2, report.notation) if value is not None else "-",
                )
            message = _then(message, alternative)
        origin = report.period(change.later).origin
        findings.append(
            Finding(
                code=FindingCode.METHOD_CHANGE,
                subject=Subject(report.root.code),
                period=change.later,
                location=Location.of(origin, _changes_table(context), context.source),
                text=message,
            )
        )
    return findings


def _office_change(
    context: AuditContext, earlier: str, later: str, single: ScoringMethod
) -> Decimal | None:
    """The office's performance change from ``earlier`` to ``later`` with both periods under
    ``single``: the period already scored under it is read from the scores, the other scored
    again (what-if scoring, the audit's own)."""
    report = context.report

    def under(key: str) -> PeriodScore:
        scored = context.score.period(key)
        if scored.method == single and not any(p.period == key for p in context.problems):
            return scored  # as strict as scoring it again: every indicator scored
        return scored_period(report, report.period(key), single)

    return period_change(report, under(earlier), under(later)).office.performance


def _budget_table(context: AuditContext) -> str | None:
    return next((t.id for t in context.report.tables if t.kind is TableKind.BUDGET), None)


def check_overspending(context: AuditContext) -> list[Finding]:
    """Warn about realisasi above pagu in any output or programme."""
    findings = []
    place = _budget_table(context)
    n = context.report.notation
    for unit in context.report.units():
        for block in unit.periods:
            budget = block.budget
            if isinstance(budget, ReportedAbsorption) and budget.rate > HUNDRED:
                findings.append(
                    Finding(
                        code=FindingCode.OVERSPENT,
                        subject=Subject(unit.code, None),
                        period=block.period,
                        location=Location.of(budget.origin, place, context.source),
                        text=Message(
                            N_(
                                "the reported absorption {rate}% is above 100%: realisasi exceeds "
                                "pagu"
                            ),
                            rate=format_number(budget.rate, notation=n),
                        ),
                        recomputed=budget.rate,
                    )
                )
            if not isinstance(budget, BudgetLine):
                continue
            lines = [(o.origin, o.name, o.pagu, o.realisation) for o in budget.outputs]
            lines.append((budget.origin, budget.programme, budget.pagu, budget.realisation))
            for origin, name, pagu, spent in lines:
                if spent > pagu:
                    findings.append(
                        Finding(
                            code=FindingCode.OVERSPENT,
                            subject=Subject(unit.code, name),
                            period=block.period,
                            location=Location.of(origin, place, context.source),
                            text=Message(
                                N_("realisasi {spent} exceeds pagu {pagu} by {excess}"),
                                spent=format_number(spent, notation=n),
                                pagu=format_number(pagu, notation=n),
                                excess=format_number(sub(spent, pagu), notation=n),
                            ),
                            recomputed=spent,
                        )
                    )
    return findings


def check_unit_labels(context: AuditContext) -> list[Finding]:
    """Warn when a target and its realisation carry different unit labels.

    ``12 Laporan`` against ``12 Dokumen`` scores 100 %, but says the two were counted in
    different things; labels are compared ignoring case (``laporan`` is ``Laporan``).
    """
    findings = []
    for unit in context.report.units():
        for indicator in unit.indicators:
            for entry in indicator.periods:
                target, realisation = entry.target, entry.realisation
                if not isinstance(target, Target) or realisation is None:
                    continue
                if target.unit is None or realisation.unit is None:
                    continue
                if target.unit.casefold() == realisation.unit.casefold():
                    continue
                findings.append(
                    Finding(
                        code=FindingCode.UNIT_LABEL_MISMATCH,
                        subject=Subject(unit.code, indicator.code),
                        period=entry.period,
                        location=Location.of(entry.origin, None, context.source),
                        text=Message(
                            N_(
                                "the target is counted in '{target}' but the realisation in "
                                "'{realised}'"
                            ),
                            target=target.unit,
                            realised=realisation.unit,
                        ),
                    )
                )
    return findings


_Row = tuple[Unit, Indicator, IndicatorPeriod, set[str]]
"""A unit, its indicator, the indicator's period entry, and the tables printing its capaian."""


def check_table_omissions(context: AuditContext) -> list[Finding]:
    """Warn when an indicator table leaves out a targeted indicator it is meant to list.

    A per-unit table (scope ``each-unit``) that prints the capaian of some of a unit's
    indicators must print all of them; a table for all units (``all-units``) that prints any
    capaian of a period must print every targeted indicator of every unit; tables of one
    indicator each (``one-indicator``) are not checked.
    """
    report, findings = context.report, []
    # A table of one indicator each lists no other indicator by design: nothing to omit.
    tables = [
        t
        for t in report.tables
        if t.kind is TableKind.INDICATORS and t.scope is not TableScope.ONE_INDICATOR
    ]
    for period in report.periods:
        key = period.key
        scored = context.score.period(key)
        rows: list[_Row] = []  # the period's targeted indicators with a capaian
        for unit in report.units():
            for indicator in unit.indicators:
                entry = indicator.at(key)
                if entry is None or not entry.is_targeted or not scored.has_unit(unit.code):
                    continue
                if scored.unit(unit.code).indicator(indicator.code).capaian is None:
                    continue
                printed = {p.place for p in entry.printed if p.quantity is Quantity.CAPAIAN}
                rows.append((unit, indicator, entry, printed))
        for table in tables:
            if table.scope is TableScope.ALL_UNITS:
                groups = [rows] if any(table.id in r[3] for r in rows) else []
            else:
                by_unit: dict[str, list[_Row]] = {}
                for row in rows:
                    by_unit.setdefault(row[0].code, []).append(row)
                groups = [g for g in by_unit.values() if any(table.id in r[3] for r in g)]
            for group in groups:
                listed = sum(table.id in r[3] for r in group)
                report_wide = table.scope is TableScope.ALL_UNITS
                for unit, indicator, entry, printed in group:
                    # Listed, or its capaian printed in no table at all (a blank capaian
                    # cell): not printed, not omitted.
                    if table.id in printed or not printed:
                        continue
                    findings.append(
                        Finding(
                            code=FindingCode.TABLE_OMISSION,
                            subject=Subject(unit.code, indicator.code),
                            period=key,
                            location=Location.of(
                                entry.origin or indicator.origin, table.id, context.source
                            ),
                            text=Message(
                                N_(
                                    "the {table} table lists {listed} of the {count} indicators "
                                    "of {whose}; it omits '{indicator}', which the achievement "
                                    "includes"
                                ),
                                table=table.id,
                                listed=str(listed),
                                count=str(len(group)),
                                whose=Message(N_("the report")) if report_wide else unit.name,
                                indicator=indicator.name,
                            ),
                        )
                    )
    return findings


def check_scoring_problems(context: AuditContext) -> list[Finding]:
    """An indicator that cannot be scored, or a unit figure the period's method cannot
    compute, is a finding, and the audit goes on without it."""
    findings = []
    for problem in context.problems:
        error = problem.error
        unit_level = problem.indicator is None
        findings.append(
            Finding(
                code=FindingCode.METHOD_NOT_APPLICABLE if unit_level else FindingCode.NOT_SCORABLE,
                subject=Subject(problem.unit, problem.indicator),
                period=problem.period,
                location=Location(
                    file_name(error.source or context.source), error.field, None, error.line
                ),
                text=(
                    Message(N_("its absorption is left out: {reason}"), reason=error.text)
                    if unit_level
                    else Message(N_("cannot be scored: {reason}"), reason=error.text)
                ),
            )
        )
    return findings


CHECKS: tuple[Callable[[AuditContext], list[Finding]], ...] = (
    check_scoring_problems,
    check_printed_figures,
    check_method_change,
    check_overspending,
    check_unit_labels,
    check_table_omissions,
    check_supports,
    check_grade_tables,
    check_grades,
    check_printed_grades,
    check_evidence_cells,
    check_evidence_dates,
    check_implausible_values,
    check_thin_achievements,
    check_decimal_slips,
    check_not_reported,
    check_workings,
    check_phased_targets,
)
"""The checks :func:`lakipcore.audit.audit` runs, in order. A tuple: pass your own to extend."""
