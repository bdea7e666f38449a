"""Computing one period: indicators → units → the office, from the resolved facts.

:func:`scored_period` (and :func:`score_period` for a period named by key) resolves each unit
of the period once (:mod:`lakipcore.scoring.facts`) and computes every figure the outputs show,
exactly: each capaian and its grade, each unit's achievement, absorption and performance
aggregated up the tree under the method (a unit's own indicators and budget count as one more
member beside its sub-units, docs/methodology.md), the budget's pagu awal and RPD with
realisasi against each, and the unit's derived figures.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal

import attrs

from lakipcore._exact import mean, total
from lakipcore.errors import (
    LakipError,
    LakipTypeError,
    MethodNotApplicableError,
    UndefinedCapaianError,
    UnknownNameError,
    ZeroTargetError,
)
from lakipcore.i18n import M_
from lakipcore.methods import (
    AbsorptionAggregation,
    AbsorptionBase,
    AchievementAggregation,
    ScoringMethod,
    ZeroTargetPolicy,
    get_method,
)
from lakipcore.methods.formulas import (
    checked_capaian,
    checked_range_capaian,
    defined_absorption,
    performance,
)
from lakipcore.model import EvidenceTable, Indicator, Report, ReportPeriod, Unit, UnitPeriod
from lakipcore.results.scores import (
    DerivedScore,
    IndicatorScore,
    OutputScore,
    PeriodScore,
    Problem,
    ProgrammeScore,
    UnitScore,
)
from lakipcore.scoring.choice import MethodChoice, check_report, resolve_method
from lakipcore.scoring.derived import derived_values
from lakipcore.scoring.facts import (
    BudgetFact,
    IndicatorFact,
    indicator_fact,
    placed,
    resolve_unit,
)
from lakipcore.scoring.plan import end_of_plan_capaian
from lakipcore.surveys import GradeTable

__all__ = ["score_indicator", "score_period", "scored_period"]

Amounts = tuple[Decimal, Decimal]
"""(pagu, realisasi) in Rupiah."""


NOT_REPORTED = "not reported"
"""Why an indicator whose realisation the report prints as ``n/a`` has no capaian."""


class _Scorer:
    """Computes one period of one report from its facts, resolved unit by unit as the tree is
    walked (the facts of a unit live only while it is computed: a national report's would
    otherwise all be alive at once)."""

    def __init__(
        self,
        report: Report | None,
        period: ReportPeriod,
        method: ScoringMethod,
        problems: list[Problem] | None,
        grades: GradeTable | None,
    ) -> None:
        self.report, self.method, self.key = report, method, period.key
        self.planned = period.planned
        self.period_origin = period.origin
        self.problems, self.grades = problems, grades

    # --- indicators ----------------------------------------------------------------------

    def indicator(self, unit: str, fact: IndicatorFact) -> IndicatorScore:
        code, name, target, realised, formula, failure, _, missing, upper = fact
        if target is None:
            return IndicatorScore(code, name, None, "not targeted")
        if failure is not None:
            return self._failed(unit, fact, failure)
        if realised is None:
            # A Renstra table prints "-" for years not reached: that is planned, not missing.
            reason = NOT_REPORTED if missing and not self.planned else "planned"
            return IndicatorScore(code, name, None, reason, target=target)
        try:
            # The model checked stated values and the resolve stage derived ones; the method
            # checked its cap. Nothing is checked twice.
            if upper is None:
                value = checked_capaian(target, realised, formula, self.method.cap)
            else:  # a range target
                value = checked_range_capaian(target, upper, realised, formula, self.method.cap)
        except ZeroTargetError as error:  # a zero target, or a zero realisation under T / R
            if self.method.zero_target is ZeroTargetPolicy.EXCLUDE:
                return IndicatorScore(code, name, None, "zero target excluded", realised, target)
            undefined: LakipError = error
        except UndefinedCapaianError as error:  # T / R of a negative value: no policy applies
            undefined = error
        else:
            grade = None if self.grades is None else self.grades.letter_of(value)
            return IndicatorScore(code, name, value, None, realised, target, grade)
        fallback = f"units[{unit}].indicators[{code}].periods.{self.key}"
        return self._failed(unit, fact, placed(undefined, fact.origin, fallback))

    def _with_plan(self, unit: Unit, score: IndicatorScore) -> IndicatorScore:
        """``score`` with its capaian against the end-of-plan target, where it has one."""
        assert self.report is not None, "units are scored within a report"
        indicator = unit.indicator(score.code)
        value = end_of_plan_capaian(
            self.report,
            unit,
            indicator,
            key=self.key,
            method=self.method,
            realised=score.realisation,
        )
        return score if value is None else attrs.evolve(score, end_of_plan=value)

    def _failed(self, unit: str, fact: IndicatorFact, error: LakipError) -> IndicatorScore:
        if self.problems is None:
            raise error
        self.problems.append(Problem(unit, fact.code, self.key, error))
        return IndicatorScore(
            fact.code, fact.name, None, f"not scored: {error.message}", target=fact.target
        )

    # --- units ---------------------------------------------------------------------------

    def unit(self, unit: Unit) -> UnitScore | None:
        key = self.key
        children = tuple(s for child in unit.units if (s := self.unit(child)) is not None)
        assert self.report is not None, "units are scored within a report"
        facts = resolve_unit(self.report, unit, key, self.method)
        if not facts.indicators and not children and facts.block is None:
            return None
        indicators = tuple(self.indicator(unit.code, fact) for fact in facts.indicators)
        if any(indicator.end_of_plan is not None for indicator in unit.indicators):
            indicators = tuple(self._with_plan(unit, score) for score in indicators)
        gaps: list[str] = [
            f"achievement: {i.code} not reported in {key}"
            for i in indicators
            if i.excluded == NOT_REPORTED
        ]
        achievement = self._achievement(indicators, children, gaps)
        budget = facts.budget
        programme = None if budget is None or budget.line is None else _programme(budget)
        own_amounts: Amounts | None = None
        own_rate: Decimal | None = None
        if budget is not None and budget.base is not None and programme is not None:
            own_amounts = (budget.base, programme.realisation)
            # The programme's rate against the pagu the method measures absorption against.
            against_original = self.method.absorption_base is AbsorptionBase.ORIGINAL
            own_rate = (
                programme.absorption_original
                if against_original and programme.original is not None
                else programme.absorption
            )
            if own_rate is None:
                gaps.append(f"absorption: the pagu of {unit.code} is zero in {key}")
        elif budget is not None:
            own_rate = budget.rate
            if own_rate is None:  # a programme with its pagu and no realisation yet
                gaps.append(f"absorption: no realisation yet of {unit.code} in {key}")
        rate, amounts = self._absorption(
            unit.code,
            [] if budget is None else [(unit.code, own_rate, own_amounts)],
            children,
            gaps,
        )
        if not children and budget is None:
            gaps.append(f"absorption: no budget in {key}")
        result_performance = None
        if achievement is not None and rate is not None:
            result_performance = performance(achievement, rate, self.method.weights)
        else:
            gaps.append("performance: needs both achievement and absorption")
        block = facts.block
        stated_pagu, original, plan = _sums(programme, children, budget)
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
            outputs=_outputs(budget),
            units=children,
            gaps=tuple(gaps),
            programme=programme,
            stated_pagu=stated_pagu,
            original=original,
            plan=plan,
            plan_absorption=self._plan_absorption(unit.code, programme, budget, children),
            derived=() if block is None or not block.derived else _derived(block),
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
        code: str,
        own: list[tuple[str, Decimal | None, Amounts | None]],
        children: tuple[UnitScore, ...],
        gaps: list[str],
        *,
        what: str = "absorption",
    ) -> tuple[Decimal | None, Amounts | None]:
        """A rate over the unit's own budget (``own``, empty without one) and its sub-units',
        aggregated under the method, with the amounts summed whenever every member has them.
        The one aggregation of absorption, also used for realisasi against the RPD."""
        if not children:
            (_, rate, amounts), *_ = own or [(code, None, None)]
            return rate, amounts
        members = own + [(c.code, *_member(c, what)) for c in children]
        missing = [member for member, rate, _ in members if rate is None]
        known = [a for _, _, a in members if a is not None]
        amounts = None
        if not missing and len(known) == len(members):
            amounts = (total(a[0] for a in known), total(a[1] for a in known))
        if missing:
            gaps.append(f"{what}: no budget for {', '.join(missing)} in {self.key}")
            return None, amounts
        if self.method.absorption is AbsorptionAggregation.MEAN_OF_UNIT_RATES:
            return mean(rate for _, rate, _ in members if rate is not None), amounts
        if amounts is None:
            rates_only = [member for member, _, a in members if a is None]
            message = M_(
                "method {method} sums pagu and realisasi, but in {key} the budget of {units} "
                "is known only as a printed absorption rate; use a method that averages unit rates",
                method=repr(self.method.name),
                key=self.key,
                units=", ".join(rates_only),
            )
            error = MethodNotApplicableError(message, field="method")
            if self.problems is None:  # score_report: the caller asked for this method
                raise error
            # An assessment completes: the figure is a gap and the unit's problem, which the
            # audit reports (once: realisasi against the RPD is aggregated the same way).
            if what == "absorption":
                where = placed(error, self.period_origin, f"periods[{self.key}]")
                self.problems.append(Problem(code, None, self.key, where))
            gaps.append(f"{what}: {message}")
            return None, None
        rate = defined_absorption(*amounts)
        if rate is None:
            gaps.append(f"{what}: the pagu of {code} and its units is zero")
        return rate, amounts

    def _plan_absorption(
        self,
        code: str,
        programme: ProgrammeScore | None,
        budget: BudgetFact | None,
        children: tuple[UnitScore, ...],
    ) -> Decimal | None:
        """Realisasi against the RPD, aggregated as absorption is; ``None`` where a member has
        no RPD (or no budget, or only a rate)."""
        if not children:
            return None if programme is None else programme.absorption_plan
        own: list[tuple[str, Decimal | None, Amounts | None]] = []
        if budget is not None:
            plan = None if programme is None else programme.plan
            amounts = None if plan is None or programme is None else (plan, programme.realisation)
            own = [(code, None if programme is None else programme.absorption_plan, amounts)]
        try:
            rate, _ = self._absorption(code, own, children, [], what="plan")
        except MethodNotApplicableError:  # only rates are known: the absorption said so
            return None
        return rate


def _member(child: UnitScore, what: str) -> tuple[Decimal | None, Amounts | None]:
    """A sub-unit as a member of its parent's absorption (``what`` is ``absorption``) or of
    its realisasi against the RPD (``plan``): its rate and its amounts, if known."""
    base = child.plan if what == "plan" else child.pagu
    rate = child.plan_absorption if what == "plan" else child.absorption
    if base is None or child.realisation is None:
        return rate, None
    return rate, (base, child.realisation)


def _programme(budget: BudgetFact) -> ProgrammeScore:
    line, pagu, realised = budget.line, budget.pagu, budget.realisation
    assert line is not None, "a programme's fact"
    assert pagu is not None, "a programme's fact"
    assert realised is not None, "a programme's fact"
    original, plan = line.original, line.plan
    return ProgrammeScore(
        name=line.programme,
        pagu=pagu,
        realisation=realised,
        absorption=defined_absorption(pagu, realised),
        original=original,
        absorption_original=None if original is None else defined_absorption(original, realised),
        plan=plan,
        absorption_plan=None if plan is None else defined_absorption(plan, realised),
    )


def _outputs(budget: BudgetFact | None) -> tuple[OutputScore, ...]:
    if budget is None or budget.line is None:
        return ()
    return tuple(
        OutputScore(
            o.code, o.name, o.pagu, o.realisation, defined_absorption(o.pagu, o.realisation)
        )
        for o in budget.line.outputs
    )


def _sums(
    programme: ProgrammeScore | None, children: tuple[UnitScore, ...], budget: BudgetFact | None
) -> tuple[Decimal | None, Decimal | None, Decimal | None]:
    """Σ stated pagu, Σ pagu awal and Σ RPD over the unit and its sub-units, each when every
    programme the row stands for states it (a unit without a budget of its own but with
    sub-units stands for theirs; a budget known only as a rate has no amounts)."""
    if budget is not None and programme is None:
        return None, None, None  # a rate without amounts
    if programme is None and not children:
        return None, None, None  # no budget at all
    if not children and programme is not None:  # a leaf: its own programme
        return programme.pagu, programme.original, programme.plan
    members = [(c.stated_pagu, c.original, c.plan) for c in children]
    if programme is not None:
        members.append((programme.pagu, programme.original, programme.plan))
    return (
        _total_of(m[0] for m in members),
        _total_of(m[1] for m in members),
        _total_of(m[2] for m in members),
    )


def _total_of(values: Iterable[Decimal | None]) -> Decimal | None:
    known = list(values)
    return None if any(v is None for v in known) else total(v for v in known if v is not None)


def _derived(block: UnitPeriod) -> tuple[DerivedScore, ...]:
    values = derived_values(block)
    scores = []
    for figure in block.derived:
        value = values[figure.key]
        if isinstance(value, LakipError):
            scores.append(DerivedScore(figure.key, figure.formula, None, value.message))
        else:
            scores.append(DerivedScore(figure.key, figure.formula, value))
    return tuple(scores)


def scored_period(
    report: Report,
    period: ReportPeriod,
    method: ScoringMethod,
    problems: list[Problem] | None = None,
    *,
    inferred: bool = False,
) -> PeriodScore:
    """Period ``period`` of ``report`` under ``method`` (already resolved): resolved, then
    computed. With ``problems`` (a list), an indicator that cannot be scored is recorded there
    instead of raising."""
    scorer = _Scorer(report, period, method, problems, report.grading_table("capaian"))
    root = scorer.unit(report.root)
    if root is None:
        root = UnitScore(
            report.root.code,
            report.root.name,
            period.key,
            (),
            None,
            None,
            None,
            gaps=(f"nothing reported in {period.key}",),
        )
    return PeriodScore(period, method, root, inferred=inferred)


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
    report = check_report(report)
    try:
        period = report.period(key)
    except (KeyError, TypeError):
        known = ", ".join(p.key for p in report.periods)
        raise UnknownNameError(
            M_("no period {key}; the report has {known}", key=repr(key), known=known),
            field="period",
        ) from None
    return scored_period(report, period, resolve_method(method, period, report), problems)


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
            M_("expected an Indicator, got {type}", type=type(indicator).__name__),
            field="indicator",
        )
    entry = indicator.at(period)
    if entry is None:
        raise UnknownNameError(
            M_(
                "indicator {code} has no entry for {period}",
                code=repr(indicator.code),
                period=repr(period),
            ),
            field="period",
        )
    tables = tuple(evidence)
    chosen = get_method(method)
    fact = indicator_fact(indicator, entry, chosen, lambda _key: tables)
    return _Scorer(None, ReportPeriod(period), chosen, None, None).indicator("indicator", fact)
