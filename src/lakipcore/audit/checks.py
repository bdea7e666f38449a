"""The audit's checks. Each takes the audit context and returns a list of findings."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import attrs

from lakipcore._exact import sub
from lakipcore.audit.context import AuditContext
from lakipcore.audit.evidence import check_evidence_dates, check_grades, check_supports
from lakipcore.audit.findings import Finding, Location
from lakipcore.audit.recompute import Reading, Recomputed, explain, parsed_figure
from lakipcore.errors import LakipError
from lakipcore.figures import format_number
from lakipcore.model import BudgetLine, Indicator, OfficeYear, Place, Quantity, Report
from lakipcore.rounding import places_of, round_to
from lakipcore.scoring import (
    AbsorptionAggregation,
    AchievementAggregation,
    ScoringMethod,
    score_report,
    score_year,
)

__all__ = ["CHECKS", "AuditContext"]


_PERCENT_QUANTITIES = frozenset(
    {
        Quantity.CAPAIAN,
        Quantity.CAPAIAN_YOY,
        Quantity.RELATIVE_CHANGE,
        Quantity.ACHIEVEMENT,
        Quantity.ACHIEVEMENT_YOY,
        Quantity.ABSORPTION,
        Quantity.PERFORMANCE,
        Quantity.PERFORMANCE_YOY,
    }
)
_OFFICE_YEAR_QUANTITIES = {
    Quantity.ACHIEVEMENT: "achievement",
    Quantity.ABSORPTION: "absorption",
    Quantity.PERFORMANCE: "performance",
}


def _n(value: Decimal, places: int = 2) -> str:
    return format_number(round_to(value, places))


def _exact(value: Decimal) -> str:
    return format_number(round_to(value, 4))


def _location(context: AuditContext, item: Recomputed) -> Location:
    return Location(context.source, item.printed.field, item.printed.place)


def _finding(context: AuditContext, item: Recomputed, code: str, message: str) -> Finding:
    printed = _parsed(item.printed.text)
    places = places_of(printed) if printed is not None else None
    return Finding(
        code=code,
        subject=item.subject,
        year=item.year,
        location=_location(context, item),
        message=message,
        published=item.printed.text,
        recomputed=item.exact,
        places=places,
        reading=None if code in ("figure-mismatch", "malformed-figure") else code,
    )


def _parsed(text: str) -> Decimal | None:
    figure = parsed_figure(text)
    return None if figure is None else figure.value


def _lenient(text: str) -> Decimal | None:
    """The value of a figure misprinted with a decimal point (``104.30%`` → 104,30)."""
    head, dot, tail = text.rpartition(".")
    if not dot:
        return None
    return _parsed(f"{head.replace('.', '')},{tail}")


def _difference(printed: Decimal, exact: Decimal) -> str:
    places = places_of(printed)
    delta = sub(printed, round_to(exact, places))
    direction = "too high" if delta > 0 else "too low"
    return f"{format_number(abs(delta))} {direction}"


def _mismatch_message(item: Recomputed, exact: Decimal, printed: Decimal) -> str:
    places = places_of(printed)
    if item.printed.quantity in (Quantity.TARGET, Quantity.REALISATION):
        return (
            f"published {item.printed.text} but the {item.printed.quantity.value} scored is "
            f"{format_number(exact)}; {_difference(printed, exact)}"
        )
    parts = [
        f"published {item.printed.text} but the inputs give {_n(exact, places)} "
        f"(exact {_exact(exact)}, half-up at {places} places)"
    ]
    for now, before in item.operands:
        parts.append(
            f"the printed {_n(now, places)} − {_n(before, places)} = {_n(sub(now, before), places)}"
        )
    if item.low is not None and item.high is not None and item.low != item.high:
        parts.append(f"rounded inputs allow {_exact(item.low)} to {_exact(item.high)}")
    return "; ".join(parts) + f"; {_difference(printed, exact)}"


_INFO_MESSAGES = {
    Reading.TRUNCATED: (
        "published {text}: the exact {exact} truncated, not rounded half-up ({half_up})"
    ),
    Reading.PRINTED_OPERANDS: (
        "published {text}: computed from the rounded figures printed beside it, not from the "
        "exact {exact} ({half_up})"
    ),
    Reading.ROUNDED_INPUT: (
        "published {text}: within the rounding interval of a rounded input ({low} to {high}), "
        "though the exact {exact} gives {half_up}"
    ),
}


def _alternative_methods(method: ScoringMethod) -> list[ScoringMethod]:
    return [
        attrs.evolve(method, name=f"{a.value}/{b.value}", achievement=a, absorption=b)
        for a in AchievementAggregation
        for b in AbsorptionAggregation
        if (a, b) != (method.achievement, method.absorption)
    ]


def _office_alternative(context: AuditContext, item: Recomputed, printed: Decimal) -> str | None:
    """The name of another aggregation that explains an office figure of one year, if any."""
    attribute = _OFFICE_YEAR_QUANTITIES.get(item.printed.quantity)
    if item.subject != "office" or attribute is None:
        return None
    office = _office_year(context.report, item.year)
    declared = context.method if item.year == context.report.year else context.previous_method
    if office is None or declared is None:
        return None
    for alternative in _alternative_methods(declared):
        try:
            value = getattr(score_year(office, alternative), attribute)
        except LakipError:
            continue
        if round_to(value, places_of(printed)) == printed:
            return alternative.name
    return None


def _office_year(report: Report, year: int) -> OfficeYear | None:
    if report.current.year == year:
        return report.current
    return report.previous


def check_printed_figures(context: AuditContext) -> list[Finding]:
    """Compare every printed figure with its recomputed value under admissible readings."""
    findings = []
    for item in context.items:
        printed = _parsed(item.printed.text)
        if printed is None:
            findings.append(_malformed(context, item))
            continue
        if item.printed.quantity in _PERCENT_QUANTITIES and not _is_percent(item.printed.text):
            findings.append(
                _finding(
                    context,
                    item,
                    "missing-percent-sign",
                    f"published {item.printed.text} without '%'; it is a percentage",
                )
            )
        if item.exact is None:
            findings.append(
                _finding(
                    context,
                    item,
                    "not-recomputable",
                    f"published {item.printed.text}: a {item.printed.quantity.value} that needs "
                    "the supporting evidence behind the realisation, which this file does not hold",
                )
            )
            continue
        reading = explain(item)
        if reading is Reading.HALF_UP:
            continue
        if reading is not None:
            template = _INFO_MESSAGES[reading]
            message = template.format(
                text=item.printed.text,
                exact=_exact(item.exact),
                half_up=_n(item.exact, places_of(printed)),
                low=_exact(item.low if item.low is not None else item.exact),
                high=_exact(item.high if item.high is not None else item.exact),
            )
            findings.append(_finding(context, item, reading.value, message))
            continue
        alternative = _office_alternative(context, item, printed)
        if alternative is not None:
            findings.append(
                _finding(
                    context,
                    item,
                    "other-method",
                    f"published {item.printed.text}: not the declared method's "
                    f"{_n(item.exact, places_of(printed))}, but what {alternative} gives",
                )
            )
            continue
        findings.append(
            _finding(context, item, "figure-mismatch", _mismatch_message(item, item.exact, printed))
        )
    return findings


def _is_percent(text: str) -> bool:
    figure = parsed_figure(text)
    return True if figure is None else figure.percent


def _malformed(context: AuditContext, item: Recomputed) -> Finding:
    message = f"{item.printed.text!r} is not a figure in the Indonesian style"
    lenient = _lenient(item.printed.text)
    if lenient is not None:
        shown = format_number(lenient)
        message += f"; it seems to mean {shown}"
        if item.exact is not None and round_to(item.exact, places_of(lenient)) == lenient:
            message += f", which agrees with the recomputed {_exact(item.exact)}"
        elif item.exact is not None:
            message += f", but the inputs give {_exact(item.exact)}"
    return _finding(context, item, "malformed-figure", message)


def check_method_change(context: AuditContext) -> list[Finding]:
    """Warn when the two years of a YoY comparison use different aggregation methods."""
    report, current, previous = context.report, context.method, context.previous_method
    if report.previous is None or previous is None:
        return []
    if (current.achievement, current.absorption) == (previous.achievement, previous.absorption):
        return []
    alternatives = []
    for single in (current, previous):
        try:
            scored = score_report(report, single, single)
        except LakipError as error:
            alternatives.append(f"{single.name} cannot score both years ({error.message})")
            continue
        change = scored.change.performance if scored.change is not None else None
        alternatives.append(
            f"under {single.name} for both years the office performance YoY is "
            f"{_n(change) if change is not None else '-'} points"
        )
    message = (
        f"{report.year} is scored with {current.name} ({current.achievement.value}, "
        f"{current.absorption.value}) and {report.previous.year} with {previous.name} "
        f"({previous.achievement.value}, {previous.absorption.value}): the office YoY compares "
        f"two methods; " + "; ".join(alternatives)
    )
    return [
        Finding(
            code="method-change",
            subject="office",
            year=report.year,
            location=Location(context.source, "methods", Place.SUMMARY_YOY),
            message=message,
        )
    ]


def check_overspending(context: AuditContext) -> list[Finding]:
    """Warn about realisasi above pagu in any output or programme."""
    findings = []
    years = [context.report.current] + (
        [context.report.previous] if context.report.previous else []
    )
    for office in years:
        for unit_index, unit in enumerate(office.units):
            budget = unit.budget
            if not isinstance(budget, BudgetLine):
                continue
            path = f"units[{unit_index}].years.{office.year}.budget"
            lines = [
                (f"{path}.outputs[{i}]", o.name, o.pagu, o.realisation)
                for i, o in enumerate(budget.outputs)
            ]
            lines.append((path, budget.programme, budget.pagu, budget.realisation))
            for field, name, pagu, spent in lines:
                if spent > pagu:
                    findings.append(
                        Finding(
                            code="overspent",
                            subject=f"{unit.code} / {name}",
                            year=office.year,
                            location=Location(context.source, field, Place.UNIT_BUDGET),
                            message=(
                                f"realisasi {format_number(spent)} exceeds pagu "
                                f"{format_number(pagu)} by {format_number(sub(spent, pagu))}"
                            ),
                            recomputed=spent,
                        )
                    )
    return findings


def _indicator_path(indicator: Indicator, unit_index: int) -> str:
    """The indicator's path in the file, known from its printed figures' fields."""
    for printed in indicator.printed:
        if printed.field and ".years." in printed.field:
            return printed.field.split(".years.")[0]
    return f"units[{unit_index}]"


def check_table_omissions(context: AuditContext) -> list[Finding]:
    """Warn when a table prints the capaian of some of a unit's indicators but not all."""
    findings = []
    office = context.report.current
    for unit_index, unit in enumerate(office.units):
        targeted = [(i, ind) for i, ind in enumerate(unit.indicators) if ind.is_targeted]
        for place in (Place.SUMMARY_INDICATORS, Place.UNIT_INDICATORS):
            printed_here = [
                any(p.place is place and p.quantity is Quantity.CAPAIAN for p in ind.printed)
                for _, ind in targeted
            ]
            if not any(printed_here) or all(printed_here):
                continue
            for (_, indicator), present in zip(targeted, printed_here, strict=True):
                if present:
                    continue
                findings.append(
                    Finding(
                        code="table-omission",
                        subject=f"{unit.code} / {indicator.code}",
                        year=office.year,
                        location=Location(
                            context.source, _indicator_path(indicator, unit_index), place
                        ),
                        message=(
                            f"the {place.value} table lists {sum(printed_here)} of the "
                            f"{len(targeted)} indicators of {unit.name}; it omits "
                            f"{indicator.name!r}, which the unit's achievement includes"
                        ),
                    )
                )
    return findings


CHECKS: tuple[Callable[[AuditContext], list[Finding]], ...] = (
    check_printed_figures,
    check_method_change,
    check_overspending,
    check_table_omissions,
    check_supports,
    check_grades,
    check_evidence_dates,
)
"""The checks :func:`lakipcore.audit.audit` runs, in order. A tuple: pass your own to extend."""
