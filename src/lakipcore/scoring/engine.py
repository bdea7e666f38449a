"""Scoring a report: indicators → units → the office, in every period, and the changes
between consecutive periods of the same kind.

The method is resolved once per period; everything below takes a :class:`ScoringMethod`.
A unit with sub-units aggregates them under the method (docs/methodology.md): its own
indicators and budget count as one more member.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal

import attrs

from lakipcore._exact import mean, total
from lakipcore.errors import (
    InvalidValueError,
    LakipError,
    LakipTypeError,
    MethodNotApplicableError,
    UnknownNameError,
    ZeroTargetError,
)
from lakipcore.figures import NotTargeted
from lakipcore.methods import AbsorptionBase
from lakipcore.methods.formulas import (
    capaian,
    checked_capaian,
    defined_absorption,
    performance,
    yoy_points,
)
from lakipcore.model import (
    Accumulation,
    BudgetLine,
    EvidenceTable,
    Formula,
    Indicator,
    IndicatorPeriod,
    MeasureKind,
    Origin,
    PeriodKind,
    Polarity,
    Report,
    ReportPeriod,
    Target,
    Unit,
    comparable_pairs,
)
from lakipcore.scoring.evidence import rule_value
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
    OutputScore,
    PeriodChange,
    PeriodScore,
    ReportScore,
    UnitChange,
    UnitScore,
)

__all__ = [
    "MethodChoice",
    "Problem",
    "check_method_choice",
    "resolve_method",
    "score_indicator",
    "score_period",
    "score_report",
]

MethodChoice = str | ScoringMethod | Mapping[str, str | ScoringMethod] | None
"""A method for every period, one per period key, or ``None`` for the ones the report names."""

Evidence = Callable[[str], tuple[EvidenceTable, ...]]
"""The evidence tables of a unit in a period (by key)."""


@attrs.frozen
class Problem:
    """An indicator that could not be scored, when scoring collects problems (the audit does)."""

    unit: str
    indicator: str
    period: str
    error: LakipError


def check_method_choice(method: MethodChoice, report: Report) -> None:
    """Refuse a ``method=`` argument that is not a choice for ``report``: a wrong type, or a
    mapping that names a period the report does not have (which would otherwise be ignored)."""
    if method is None or isinstance(method, str | ScoringMethod):
        return
    if not isinstance(method, Mapping):
        raise LakipTypeError(
            f"expected a method name, a ScoringMethod or a mapping of period keys to them, got "
            f"{type(method).__name__}",
            field="method",
        )
    keys = {p.key for p in report.periods}
    for key, chosen in method.items():
        if key not in keys:
            known = ", ".join(p.key for p in report.periods)
            raise UnknownNameError(
                f"method= names the period {key!r}; the report has {known}", field="method"
            )
        if not isinstance(chosen, str | ScoringMethod):
            raise LakipTypeError(
                f"expected a method name or a ScoringMethod for {key}, got {type(chosen).__name__}",
                field=f"method.{key}",
            )


def resolve_method(
    method: MethodChoice, period: ReportPeriod, report: Report | None = None
) -> ScoringMethod:
    """The method for ``period``: the one given (for all periods or by key), else the one the
    period names. A name is looked up among ``report``'s own methods first, then the presets."""
    chosen: str | ScoringMethod | None
    if isinstance(method, Mapping):
        chosen = method.get(period.key)
    elif method is None or isinstance(method, str | ScoringMethod):
        chosen = method
    else:
        raise LakipTypeError(
            f"expected a method name, a ScoringMethod or a mapping of period keys to them, got "
            f"{type(method).__name__}",
            field="method",
        )
    if chosen is None:
        chosen = period.method
    if chosen is None:
        raise UnknownNameError(
            f"no scoring method for {period.key}: pass method=, or name one for the period in "
            "the report file ([[periods]] method = ...)",
            field="method",
        )
    return report.method(chosen) if report is not None else get_method(chosen)


def _placed(error: LakipError, origin: Origin | None, relative: str) -> LakipError:
    """``error`` placed where it happened: inside ``origin`` when the object came from a file,
    else under the ``relative`` path; an error already located in a file stays as it is."""
    if error.source is not None:
        return error
    if origin is not None:
        inner = origin.child(error.field) if error.field else origin
        return error.relocated(field=inner.path, source=origin.source, line=origin.line)
    return error.relocated(field=f"{relative}.{error.field}" if error.field else relative)


class _Scorer:
    """Scores one period of one report under one method."""

    def __init__(
        self,
        report: Report | None,
        period: ReportPeriod,
        method: ScoringMethod,
        problems: list[Problem] | None,
    ) -> None:
        self.report = report
        self.period = period
        self.method = method
        self.problems = problems

    # --- indicators ----------------------------------------------------------------------

    def indicator(
        self, unit: str, indicator: Indicator, entry: IndicatorPeriod, evidence: Evidence
    ) -> IndicatorScore:
        code, name = indicator.code, indicator.name
        if isinstance(entry.target, NotTargeted):
            return IndicatorScore(code, name, None, "not targeted")
        target = entry.target.value
        stated = entry.realisation
        if stated is not None:  # the common case: no rule to evaluate, nothing to fail
            realised: Decimal | None = stated.value
        else:
            failure: LakipError | None = None
            try:
                realised = self.realisation(indicator, entry, evidence)
            except LakipError as error:
                failure = error
            if failure is not None:  # handled outside the except block: no chained traceback
                return self._failed(unit, indicator, entry, failure)
        if realised is None:
            return IndicatorScore(code, name, None, "planned", target=target)
        formula = indicator.formula
        if formula is None:
            higher = indicator.polarity is Polarity.HIGHER_IS_BETTER
            formula = Formula.RATIO if higher else self.method.lower_is_better
        try:
            if stated is not None:
                # The model checked the values and the formula's polarity, the method its cap.
                value = checked_capaian(target, realised, formula, self.method.cap)
            else:  # derived or accumulated: a rule may give any value, so check it
                value = capaian(
                    target,
                    realised,
                    polarity=indicator.polarity,
                    formula=formula,
                    cap=self.method.cap,
                )
        except ZeroTargetError as error:
            zero: LakipError = error
        else:
            return IndicatorScore(code, name, value, None, realised, target)
        if self.method.zero_target is ZeroTargetPolicy.EXCLUDE:
            return IndicatorScore(code, name, None, "zero target excluded", realised, target)
        return self._failed(unit, indicator, entry, zero)

    def _failed(
        self, unit: str, indicator: Indicator, entry: IndicatorPeriod, error: LakipError
    ) -> IndicatorScore:
        fallback = f"units[{unit}].indicators[{indicator.code}].periods.{entry.period}"
        error = _placed(error, entry.origin, fallback)
        if self.problems is None:
            raise error
        self.problems.append(Problem(unit, indicator.code, entry.period, error))
        target = entry.target.value if not isinstance(entry.target, NotTargeted) else None
        return IndicatorScore(
            indicator.code, indicator.name, None, f"not scored: {error.message}", target=target
        )

    def realisation(
        self, indicator: Indicator, entry: IndicatorPeriod, evidence: Evidence
    ) -> Decimal | None:
        """The realisation scored: stated, derived, accumulated, or ``None`` (planned)."""
        if entry.realisation is not None:
            return entry.realisation.value
        if entry.derivation is not None:
            try:
                return rule_value(entry.derivation, evidence(entry.period))
            except LakipError as error:
                raise _placed(error, entry.derivation.origin, "derive") from None
        if entry.accumulate:
            if self.report is None:
                raise MethodNotApplicableError(
                    "an accumulated realisation is built from the report's other periods: "
                    "score it with score_report",
                    field="accumulate",
                )
            period = self.report.period(entry.period)
            return self.accumulated(self.report, indicator, period, evidence)
        return None

    def accumulated(
        self, report: Report, indicator: Indicator, period: ReportPeriod, evidence: Evidence
    ) -> Decimal:
        parts = _tiling(report, period, indicator)
        if parts is None:
            raise InvalidValueError(
                f"accumulate = true, but no semesters or quarters of the report with this "
                f"indicator make up {period.key} exactly",
                field="accumulate",
            )
        values = []
        for part in parts:
            entry = indicator.at(part.key)
            value = None if entry is None else self.realisation(indicator, entry, evidence)
            if value is None:
                raise InvalidValueError(
                    f"accumulate = true, but {part.key} has no realisation", field="accumulate"
                )
            values.append(value)
        kind = _kind_of(indicator, period.key)
        rule = indicator.accumulation_for(kind)
        if rule is Accumulation.SUM:
            return total(values)
        if rule is Accumulation.MEAN:
            return mean(values)
        return values[-1]

    # --- units ---------------------------------------------------------------------------

    def unit(self, unit: Unit) -> UnitScore | None:
        key = self.period.key
        children = tuple(s for child in unit.units if (s := self.unit(child)) is not None)
        entries = [(i, e) for i in unit.indicators if (e := i.at(key)) is not None]
        block = unit.at(key)
        if not entries and not children and block is None:
            return None
        indicators = tuple(self.indicator(unit.code, i, e, unit.evidence) for i, e in entries)
        gaps: list[str] = []
        achievement = self._achievement(indicators, children, gaps)
        budget = None if block is None else block.budget
        outputs: tuple[OutputScore, ...] = ()
        own_amounts: tuple[Decimal, Decimal] | None = None
        own_rate: Decimal | None = None
        if isinstance(budget, BudgetLine):
            outputs = tuple(
                OutputScore(
                    o.code, o.name, o.pagu, o.realisation, defined_absorption(o.pagu, o.realisation)
                )
                for o in budget.outputs
            )
            base = budget.pagu
            if self.method.absorption_base is AbsorptionBase.ORIGINAL and budget.original:
                base = budget.original  # a budget stating no pagu awal has only its pagu
            own_amounts = (base, budget.realisation)
            own_rate = defined_absorption(base, budget.realisation)
            if own_rate is None:
                gaps.append(f"absorption: the pagu of {unit.code} is zero in {key}")
        elif budget is not None:
            own_rate = budget.rate
        rate, amounts = self._absorption(
            unit,
            budget is not None,
            own_rate=own_rate,
            own_amounts=own_amounts,
            children=children,
            gaps=gaps,
        )
        result_performance = None
        if achievement is not None and rate is not None:
            result_performance = performance(achievement, rate, self.method.weights)
        else:
            gaps.append("performance: needs both achievement and absorption")
        return UnitScore(
            code=unit.code,
            name=unit.name,
            period=key,
            indicators=indicators,
            achievement=achievement,
            absorption=rate,
            performance=result_performance,
            pagu=None if amounts is None else amounts[0],
            realisation=None if amounts is None else amounts[1],
            outputs=outputs,
            units=children,
            gaps=tuple(gaps),
        )

    def _achievement(
        self,
        indicators: tuple[IndicatorScore, ...],
        children: tuple[UnitScore, ...],
        gaps: list[str],
    ) -> Decimal | None:
        own = [i.capaian for i in indicators if i.capaian is not None]
        if not children:
            members = own
        elif self.method.achievement is AchievementAggregation.POOLED_INDICATORS:
            members = own + [value for child in children for value in child.pooled()]
        else:
            members = ([mean(own)] if own else []) + [
                c.achievement for c in children if c.achievement is not None
            ]
        if not members:
            gaps.append("achievement: no targeted indicator with a capaian")
            return None
        return mean(members)

    def _absorption(
        self,
        unit: Unit,
        has_budget: bool,
        *,
        own_rate: Decimal | None,
        own_amounts: tuple[Decimal, Decimal] | None,
        children: tuple[UnitScore, ...],
        gaps: list[str],
    ) -> tuple[Decimal | None, tuple[Decimal, Decimal] | None]:
        if not children:
            if not has_budget:
                gaps.append(f"absorption: no budget in {self.period.key}")
            return own_rate, own_amounts
        members = ([(unit.code, own_rate, own_amounts)] if has_budget else []) + [
            (
                c.code,
                c.absorption,
                None if c.pagu is None or c.realisation is None else (c.pagu, c.realisation),
            )
            for c in children
        ]
        missing = [code for code, rate, _ in members if rate is None]
        # The amounts are reported whenever every member has them, whatever the method.
        known = [a for _, _, a in members if a is not None]
        amounts = None
        if not missing and len(known) == len(members):
            amounts = (total(a[0] for a in known), total(a[1] for a in known))
        if missing:
            gaps.append(f"absorption: no budget for {', '.join(missing)} in {self.period.key}")
            return None, amounts
        if self.method.absorption is AbsorptionAggregation.MEAN_OF_UNIT_RATES:
            return mean(rate for _, rate, _ in members if rate is not None), amounts
        if amounts is None:
            rates_only = [code for code, _, a in members if a is None]
            raise MethodNotApplicableError(
                f"method {self.method.name!r} sums pagu and realisasi, but in {self.period.key} "
                f"the budget of {', '.join(rates_only)} is known only as a printed absorption "
                "rate; use a method that averages unit rates",
                field="method",
            )
        rate = defined_absorption(*amounts)
        if rate is None:
            gaps.append(f"absorption: the pagu of {unit.code} and its units is zero")
        return rate, amounts


def _kind_of(indicator: Indicator, key: str) -> MeasureKind:
    entry = indicator.at(key)
    target = None if entry is None else entry.target
    return target.kind if isinstance(target, Target) else MeasureKind.COUNT


def _tiling(
    report: Report, period: ReportPeriod, indicator: Indicator
) -> tuple[ReportPeriod, ...] | None:
    """The report's semesters or quarters that make up ``period`` exactly, where the indicator
    has an entry in each (semesters first)."""
    for kind in (PeriodKind.SEMESTER, PeriodKind.TRIWULAN):
        parts = sorted(
            (p for p in report.periods if p.kind is kind and period.covers(p)),
            key=lambda p: p.span.start,
        )
        if not parts or any(indicator.at(p.key) is None for p in parts):
            continue
        contiguous = all(
            (b.span.start - a.span.end).days == 1 for a, b in itertools.pairwise(parts)
        )
        if (
            contiguous
            and parts[0].span.start == period.span.start
            and parts[-1].span.end == (period.span.end)
        ):
            return tuple(parts)
    return None


def _check_report(report: object) -> Report:
    if not isinstance(report, Report):
        raise LakipTypeError(
            f"expected a Report (see lakipcore.load_report), got {type(report).__name__}",
            field="report",
        )
    return report


def score_period(
    report: Report,
    key: str,
    method: MethodChoice = None,
    *,
    problems: list[Problem] | None = None,
) -> PeriodScore:
    """Score every unit of period ``key`` and aggregate them up to the office.

    ``method`` defaults to the one the report names for the period. With ``problems`` (a
    list), an indicator that cannot be scored is recorded there and left without a capaian
    instead of raising.
    """
    report = _check_report(report)
    try:
        period = report.period(key)
    except (KeyError, TypeError):
        known = ", ".join(p.key for p in report.periods)
        raise UnknownNameError(
            f"no period {key!r}; the report has {known}", field="period"
        ) from None
    chosen = resolve_method(method, period, report)
    root = _Scorer(report, period, chosen, problems).unit(report.root)
    if root is None:
        root = UnitScore(
            report.root.code,
            report.root.name,
            key,
            (),
            None,
            None,
            None,
            gaps=(f"nothing reported in {key}",),
        )
    return PeriodScore(period, chosen, root)


def _change(later: UnitScore, earlier: UnitScore) -> Change:
    def points(a: Decimal | None, b: Decimal | None) -> Decimal | None:
        return None if a is None or b is None else yoy_points(a, b)

    return Change(
        achievement=points(later.achievement, earlier.achievement),
        absorption=points(later.absorption, earlier.absorption),
        performance=points(later.performance, earlier.performance),
    )


_NO_CHANGE = Change(None, None, None)


def _unit_change(unit: Unit, later: PeriodScore, earlier: PeriodScore) -> UnitChange | None:
    now = later.unit(unit.code) if later.has_unit(unit.code) else None
    before = earlier.unit(unit.code) if earlier.has_unit(unit.code) else None
    if now is None and before is None:
        return None
    items = []
    # By code, once per unit (a unit score's own lookup scans its indicators).
    later_scores = {} if now is None else {i.code: i for i in now.indicators}
    earlier_scores = {} if before is None else {i.code: i for i in before.indicators}
    for indicator in unit.indicators:
        a = later_scores.get(indicator.code) if indicator.at(later.key) else None
        b = earlier_scores.get(indicator.code) if indicator.at(earlier.key) else None
        if a is None and b is None:
            continue
        a_value = None if a is None else a.capaian
        b_value = None if b is None else b.capaian
        delta = None if a_value is None or b_value is None else yoy_points(a_value, b_value)
        items.append(
            IndicatorChange(unit.code, indicator.code, indicator.name, a_value, b_value, delta)
        )
    change = _change(now, before) if now is not None and before is not None else _NO_CHANGE
    return UnitChange(unit.code, unit.name, change, tuple(items))


def period_change(report: Report, earlier: PeriodScore, later: PeriodScore) -> PeriodChange:
    """The changes from ``earlier`` to ``later`` for the office and every unit."""
    units = tuple(
        c
        for unit in report.units()
        if unit is not report.root and (c := _unit_change(unit, later, earlier)) is not None
    )
    office = _unit_change(report.root, later, earlier)
    own = () if office is None else office.indicators
    return PeriodChange(earlier.key, later.key, _change(later.root, earlier.root), units, own)


def score_report(
    report: Report,
    method: MethodChoice = None,
    *,
    problems: list[Problem] | None = None,
) -> ReportScore:
    """Score every period of ``report`` and the changes between consecutive periods of a kind.

    Each period is scored with its own method (by default the one the report names for it),
    because that is how the report computed its office rows; pass one method to compare the
    periods under it, or a mapping from period keys to methods.
    """
    report = _check_report(report)
    check_method_choice(method, report)
    periods = tuple(score_period(report, p.key, method, problems=problems) for p in report.periods)
    by_key = {p.key: p for p in periods}
    changes = tuple(
        period_change(report, by_key[a.key], by_key[b.key])
        for a, b in comparable_pairs(report.periods)
    )
    return ReportScore(periods, changes, report.main)


def score_indicator(
    indicator: Indicator,
    period: str,
    method: str | ScoringMethod,
    evidence: Sequence[EvidenceTable] = (),
) -> IndicatorScore:
    """Capaian of one indicator in ``period`` under ``method`` (unrounded, in percent).

    A derived realisation is computed from ``evidence`` (the unit's tables of the period). An
    accumulated one needs the report's other periods: score it with :func:`score_report`.
    """
    if not isinstance(indicator, Indicator):
        raise LakipTypeError(
            f"expected an Indicator, got {type(indicator).__name__}", field="indicator"
        )
    entry = indicator.at(period)
    if entry is None:
        raise UnknownNameError(
            f"indicator {indicator.code!r} has no entry for {period!r}", field="period"
        )
    tables = tuple(evidence)
    scorer = _Scorer(None, ReportPeriod(period), get_method(method), None)
    return scorer.indicator("indicator", indicator, entry, lambda _key: tables)
