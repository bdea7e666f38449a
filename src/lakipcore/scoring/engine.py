"""Scoring a report: indicators → units → office, and the year-on-year changes."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from lakipcore._exact import mean, total
from lakipcore.errors import (
    InvalidValueError,
    LakipError,
    MethodNotApplicableError,
    UnknownNameError,
    ZeroTargetError,
)
from lakipcore.figures import NotTargeted
from lakipcore.model import (
    BudgetLine,
    EvidenceTable,
    Indicator,
    OfficeYear,
    Polarity,
    Report,
    UnitPerformance,
)
from lakipcore.scoring.evidence import rule_value
from lakipcore.scoring.formulas import absorption, capaian, performance, yoy_points
from lakipcore.scoring.methods import (
    AbsorptionAggregation,
    AchievementAggregation,
    ScoringMethod,
    ZeroTargetPolicy,
    get_method,
)
from lakipcore.scoring.results import (
    Change,
    IndicatorChange,
    IndicatorScore,
    OfficeScore,
    OutputScore,
    ReportScore,
    UnitChange,
    UnitScore,
)

__all__ = ["score_indicator", "score_report", "score_unit", "score_year"]


def score_indicator(
    indicator: Indicator,
    method: str | ScoringMethod,
    evidence: Sequence[EvidenceTable] = (),
) -> IndicatorScore:
    """Capaian of one indicator under ``method`` (unrounded, in percent).

    A derived realisation is computed from ``evidence`` (the unit's tables of the year).
    """
    method = get_method(method)
    if isinstance(indicator.target, NotTargeted):
        return IndicatorScore(indicator.code, indicator.name, None, "not targeted")
    realised = _realisation(indicator, evidence)
    formula = indicator.formula
    if formula is None and indicator.polarity is not Polarity.HIGHER_IS_BETTER:
        formula = method.lower_is_better
    try:
        value = capaian(
            indicator.target.value,
            realised,
            polarity=indicator.polarity,
            formula=formula,
            cap=method.cap,
        )
    except ZeroTargetError as error:
        if method.zero_target is ZeroTargetPolicy.EXCLUDE:
            return IndicatorScore(
                indicator.code, indicator.name, None, "zero target excluded", realised
            )
        raise error.located(field=f"indicators[{indicator.code}]") from None
    return IndicatorScore(indicator.code, indicator.name, value, realisation=realised)


def _realisation(indicator: Indicator, evidence: Sequence[EvidenceTable]) -> Decimal:
    if indicator.derivation is not None:
        try:
            return rule_value(indicator.derivation, evidence)
        except LakipError as error:
            raise error.located(field=f"indicators[{indicator.code}].derive") from None
    if indicator.realisation is None:  # pragma: no cover - Indicator requires one or the other
        raise InvalidValueError("no realisation", field=f"indicators[{indicator.code}]")
    return indicator.realisation.value


def score_unit(unit: UnitPerformance, method: str | ScoringMethod) -> UnitScore:
    """A unit's achievement (mean capaian), absorption and performance under ``method``."""
    method = get_method(method)
    indicators = tuple(score_indicator(i, method, unit.evidence) for i in unit.indicators)
    counted = [i.capaian for i in indicators if i.capaian is not None]
    if not counted:
        raise InvalidValueError(
            f"unit {unit.code!r} has no targeted indicator with a capaian in {unit.year}",
            field="indicators",
        )
    achievement = mean(counted)
    budget = unit.budget
    if isinstance(budget, BudgetLine):
        outputs = tuple(
            OutputScore(o.code, o.name, o.pagu, o.realisation, absorption(o.pagu, o.realisation))
            for o in budget.outputs
        )
        pagu, spent = budget.pagu, budget.realisation
        unit_absorption = absorption(pagu, spent)
        amounts: tuple[Decimal | None, Decimal | None] = (pagu, spent)
    else:
        outputs, unit_absorption, amounts = (), budget.rate, (None, None)
    return UnitScore(
        code=unit.code,
        name=unit.name,
        year=unit.year,
        indicators=indicators,
        achievement=achievement,
        absorption=unit_absorption,
        performance=performance(achievement, unit_absorption, method.weights),
        pagu=amounts[0],
        realisation=amounts[1],
        outputs=outputs,
    )


def _resolve(method: str | ScoringMethod | None, office_year: OfficeYear) -> ScoringMethod:
    if method is not None:
        return get_method(method)
    if office_year.method is not None:
        return get_method(office_year.method)
    raise UnknownNameError(
        f"no scoring method for {office_year.year}: pass method=, or name one for the year in "
        "the report file's [methods] table",
        field="method",
    )


def score_year(office_year: OfficeYear, method: str | ScoringMethod | None = None) -> OfficeScore:
    """Score every unit of a year and aggregate them into the office row.

    ``method`` defaults to the one the report file names for the year.
    """
    chosen = _resolve(method, office_year)
    units: list[UnitScore] = []
    for unit in office_year.units:
        try:
            units.append(score_unit(unit, chosen))
        except LakipError as error:
            raise error.located(field=f"units[{unit.code}].years.{office_year.year}") from None
    if chosen.achievement is AchievementAggregation.POOLED_INDICATORS:
        achievement = mean(i.capaian for u in units for i in u.indicators if i.capaian is not None)
    else:
        achievement = mean(u.achievement for u in units)
    # The office's amounts are reported whenever every unit has them, whatever the method.
    missing = [u.code for u in units if u.pagu is None]
    pagu = None if missing else total(u.pagu for u in units if u.pagu is not None)
    spent = None if missing else total(u.realisation for u in units if u.realisation is not None)
    if chosen.absorption is AbsorptionAggregation.TOTAL_AMOUNTS:
        if pagu is None or spent is None:
            raise MethodNotApplicableError(
                f"method {chosen.name!r} sums pagu and realisasi, but in {office_year.year} the "
                f"budget of {', '.join(missing)} is known only as a printed absorption rate; use "
                "a method that averages unit rates",
                field="method",
            )
        office_absorption = absorption(pagu, spent)
    else:
        office_absorption = mean(u.absorption for u in units)
    return OfficeScore(
        year=office_year.year,
        method=chosen,
        units=tuple(units),
        achievement=achievement,
        absorption=office_absorption,
        performance=performance(achievement, office_absorption, chosen.weights),
        pagu=pagu,
        realisation=spent,
    )


def _change(current: UnitScore | OfficeScore, previous: UnitScore | OfficeScore) -> Change:
    return Change(
        achievement=yoy_points(current.achievement, previous.achievement),
        absorption=yoy_points(current.absorption, previous.absorption),
        performance=yoy_points(current.performance, previous.performance),
    )


def _indicator_changes(
    current: UnitScore, previous: UnitScore | None
) -> tuple[IndicatorChange, ...]:
    earlier = {i.code: i for i in previous.indicators} if previous else {}
    changes: list[IndicatorChange] = []
    seen: set[str] = set()
    for item in current.indicators:
        seen.add(item.code)
        before = earlier.get(item.code)
        before_value = before.capaian if before else None
        points = (
            yoy_points(item.capaian, before_value)
            if item.capaian is not None and before_value is not None
            else None
        )
        changes.append(
            IndicatorChange(current.code, item.code, item.name, item.capaian, before_value, points)
        )
    for code, before in earlier.items():
        if code not in seen:
            changes.append(
                IndicatorChange(current.code, code, before.name, None, before.capaian, None)
            )
    return tuple(changes)


def score_report(
    report: Report,
    method: str | ScoringMethod | None = None,
    previous_method: str | ScoringMethod | None = None,
) -> ReportScore:
    """Score both years of ``report`` and the year-on-year changes.

    Each year is scored with its own method (by default the one the report file names for it),
    because that is how the report computed its office rows; pass the same method twice to
    compare the years under a single method.
    """
    current = score_year(report.current, method)
    if report.previous is None:
        return ReportScore(current=current)
    previous = score_year(report.previous, previous_method)
    unit_changes = []
    for unit in current.units:
        try:
            before: UnitScore | None = previous.unit(unit.code)
        except KeyError:
            before = None
        change = _change(unit, before) if before else Change(None, None, None)
        unit_changes.append(
            UnitChange(unit.code, unit.name, change, _indicator_changes(unit, before))
        )
    current_codes = {u.code for u in current.units}
    for gone in previous.units:
        if gone.code not in current_codes:  # a unit that existed only last year
            unit_changes.append(
                UnitChange(
                    gone.code,
                    gone.name,
                    Change(None, None, None),
                    tuple(
                        IndicatorChange(gone.code, i.code, i.name, None, i.capaian, None)
                        for i in gone.indicators
                    ),
                )
            )
    return ReportScore(
        current=current,
        previous=previous,
        change=_change(current, previous),
        units=tuple(unit_changes),
    )
