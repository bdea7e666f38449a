"""Monitoring an assessed report during the year: capaian to date, status, projection.

:func:`monitor` reads an :class:`~lakipcore.Assessment` (the one pass: each period's scores,
the realisations as scored, stated, derived or accumulated) and computes, for every indicator of
every unit, its progress to a date (docs/monitoring.md):

* the **periods** of the year of one kind: quarters (``2024-tw1`` …), months (``2024-01`` …),
  or "s.d." periods (``2024-sd-tw1`` …), each of which is already a figure to date;
* which are **filled**: a period with a realisation is filled, a realisation of 0 too; one with
  none (or printed *n/a*) is not, and is named in ``missing``;
* the **capaian to date** by the indicator's :class:`~lakipcore.model.ToDate` method: the sum of
  the filled periods' realisations over the sum of their targets (cumulative), or the latest
  filled period's (latest), by the indicator's formula and the period's method (its cap too);
* the **target to date** from the periods' own targets (the Rencana Aksi's quarterly or monthly
  targets, or the "s.d." period's), and the year's target from its annual period, else made up
  from the periods' (their sum, or the last, by the to-date method);
* the **status** against 100 % with the rules' tolerance, with the reason in words;
* the **projection** to the year's end (:class:`~lakipcore.monitoring.ProjectionMethod`),
  never from fewer periods than its method needs.

Time is counted in months: a quarter is three, a month one, an "s.d." period runs from January
to its last month, so a year's periods of any kind are measured alike.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from lakipcore._exact import ZERO, add, div, mul, sub, total
from lakipcore._names import enum_field
from lakipcore.errors import LakipError, LakipTypeError, UnknownNameError
from lakipcore.figures import NotTargeted, format_number
from lakipcore.i18n import M_, Message
from lakipcore.methods.formulas import checked_capaian, checked_range_capaian
from lakipcore.model import (
    Indicator,
    MeasureKind,
    PeriodKind,
    Phasing,
    ReportPeriod,
    ToDate,
    Unit,
)
from lakipcore.monitoring.budget import (
    SMART_DJA_2022,
    AbsorptionTrajectory,
    Weighting,
    budget_execution,
)
from lakipcore.monitoring.progress import IndicatorProgress, Monitoring, UnitProgress
from lakipcore.monitoring.rules import (
    DEFAULT_RULES,
    MonitoringRules,
    ProjectionMethod,
    Status,
    Trajectory,
)
from lakipcore.render.common import assessment_of
from lakipcore.results.assessment import Assessment
from lakipcore.rounding import round_to
from lakipcore.scoring.facts import Realisations, formula_of, resolve_indicator

__all__ = ["monitor"]

_MONTHS = Decimal(12)
_KINDS = (PeriodKind.TRIWULAN, PeriodKind.MONTHLY, PeriodKind.CUMULATIVE)


def _months(period: ReportPeriod) -> int:
    """The months a period covers (an "s.d." period from January)."""
    return period.span.end.month - period.span.start.month + 1


def _series(period: ReportPeriod) -> str:
    """The series a period belongs to: its kind, and for an "s.d." period what it runs to
    (``sd-sN``, ``sd-twN`` or ``sd-MM``): "s.d. March" and "s.d. TW I" end together and are
    two series, not one."""
    kind = str(period.kind.value)
    if period.kind is not PeriodKind.CUMULATIVE:
        return kind
    part = period.key.rsplit("-", 1)[-1]
    shape = "sd-sN" if part.startswith("s") else "sd-twN" if part.startswith("tw") else "sd-MM"
    return f"{kind} {shape}"


def _choose(
    periods: Sequence[ReportPeriod], year: int | None, to: str | None
) -> tuple[int, list[ReportPeriod], ReportPeriod | None]:
    """The year, its periods of the kind monitored (in time order) and the period to monitor
    to (``None``: the latest filled, chosen later). Quarters, months and each series of "s.d."
    periods (to a semester, a quarter, a month) are kinds of their own (:func:`_series`)."""
    chosen = None
    if to is not None:
        found = [p for p in periods if p.key == to]
        if not found or found[0].kind not in _KINDS:
            keys = ", ".join(p.key for p in periods if p.kind in _KINDS) or "-"
            raise UnknownNameError(
                M_(
                    "{to} is not a quarter, month or s.d. period of the report; its periods "
                    "of the year: {keys}",
                    to=repr(to),
                    keys=keys,
                ),
                field="to",
            )
        chosen = found[0]
        year = chosen.year
    candidates = [p for p in periods if p.kind in _KINDS]
    if year is None:
        if not candidates:
            raise UnknownNameError(
                M_("the report has no quarter, month or s.d. period to monitor"), field="to"
            )
        year = max(p.year for p in candidates)
    of_year = [p for p in candidates if p.year == year]
    kinds = {_series(p) for p in of_year} if chosen is None else {_series(chosen)}
    if not of_year:
        raise UnknownNameError(
            M_("the report has no quarter, month or s.d. period in {year}", year=year),
            field="year",
        )
    if len(kinds) > 1:
        raise UnknownNameError(
            M_(
                "the report has periods of several kinds in {year} ({kinds}): say which to "
                "monitor with the period to monitor to",
                year=year,
                kinds=", ".join(sorted(kinds)),
            ),
            field="to",
        )
    (kind,) = kinds
    chosen_kind = sorted((p for p in of_year if _series(p) == kind), key=lambda p: p.span.end)
    return year, chosen_kind, chosen


def _argument(value: object, kind: type, name: str) -> None:
    """Refuse an argument of :func:`monitor` that is not a ``kind``, naming it."""
    if not isinstance(value, kind):
        raise LakipTypeError(
            M_(
                "{name} must be of type {kind}, got {type}",
                name=name,
                kind=kind.__name__,
                type=type(value).__name__,
            ),
            field=name,
        )


def monitor(
    assessment: Assessment,
    *,
    year: int | None = None,
    to: str | None = None,
    rules: MonitoringRules = DEFAULT_RULES,
    weighting: Weighting = Weighting.PAGU_SHARE,
    trajectory: AbsorptionTrajectory = SMART_DJA_2022,
) -> Monitoring:
    """Every indicator's progress in ``year`` up to the period ``to`` (module docs): by default
    the latest year with quarters, months or "s.d." periods, up to its latest period with a
    realisation; and each unit's budget execution against its RPD (``weighting``) and the
    absorption ``trajectory``. Raises :class:`~lakipcore.UnknownNameError` naming the periods
    when ``to`` is not one of them, or when a year has periods of several kinds and ``to``
    does not say which (an "s.d. month" and an "s.d. quarter" series are two kinds); and
    :class:`~lakipcore.errors.LakipTypeError` naming an argument of the wrong type."""
    report = assessment_of(assessment, "monitor").report
    _argument(rules, MonitoringRules, "rules")
    enum_field(Weighting, "weighting")(None, None, weighting)
    _argument(trajectory, AbsorptionTrajectory, "trajectory")
    year, periods, chosen = _choose(report.periods, year, to)
    if chosen is None:
        chosen = _latest_filled(assessment, periods) or periods[-1]
    upto = [p for p in periods if p.span.end <= chosen.span.end]
    annual = next(
        (p for p in report.periods if p.kind is PeriodKind.ANNUAL and p.year == year), None
    )
    units = []
    for unit in report.units():
        items = [
            _Indicator(assessment, unit, indicator, periods, upto, annual, rules).progress()
            for indicator in unit.indicators
            if any(indicator.at(p.key) is not None for p in periods)
        ]
        if items:
            units.append(UnitProgress(unit.code, unit.name, tuple(items)))
    return Monitoring(
        year,
        chosen.key,
        tuple(p.key for p in periods),
        tuple(units),
        rules,
        assessment.source,
        budget_execution(
            list(report.units()), upto, rules, weighting=weighting, trajectory=trajectory
        ),
    )


def _latest_filled(assessment: Assessment, periods: Sequence[ReportPeriod]) -> ReportPeriod | None:
    """The latest period where any indicator is filled (:meth:`_Indicator.filled`): a
    realisation beside a target of 0 too, which scoring gives no capaian."""
    units = list(assessment.report.units())
    for period in reversed(periods):
        for unit in units:
            for indicator in unit.indicators:
                entry = indicator.at(period.key)
                if entry is not None and entry.has_realisation and entry.not_reported is None:
                    return period
    return None


def realised_value(
    assessment: Assessment, unit: Unit, indicator: Indicator, key: str
) -> Decimal | None:
    """What ``indicator`` of ``unit`` realised in period ``key`` as monitoring counts it: the
    value scored (stated, derived, accumulated), or, where scoring gave the period no capaian
    (a target of 0, the inverse ratio of 0) and so kept no realisation, the entry's own,
    resolved as scoring resolves it; ``None`` where there is none."""
    score = assessment.scores.indicator_at(key, unit.code, indicator.code)
    value = None if score is None else score.realisation
    entry = indicator.at(key)
    if value is None and entry is not None and entry.not_reported is None:
        if entry.realisation is not None:
            value = entry.realisation.value
        elif entry.has_realisation:
            method = assessment.scores.period(key).method
            fact = resolve_indicator(
                unit.code, indicator, entry, method, Realisations(assessment.report, unit.evidence)
            )
            value = fact.realisation
    return value


def _upper_of(indicator: Indicator, key: str | None) -> Decimal | None:
    """The upper end of the indicator's target in period ``key`` printed as a range."""
    entry = None if key is None else indicator.at(key)
    upper = None if entry is None else getattr(entry.target, "upper", None)
    return upper if isinstance(upper, Decimal) else None


def _range_sum(
    ranges: Sequence[tuple[Decimal, Decimal | None]],
) -> tuple[Decimal, Decimal | None]:
    """The sum of targets, some of them ranges: (Σ lower ends, Σ upper ends), a plain target
    counting as both its ends; the upper end is ``None`` when none is a range (nor the sums
    make one)."""
    lower = total(low for low, _ in ranges)
    if all(high is None for _, high in ranges):
        return lower, None
    upper = total(low if high is None else high for low, high in ranges)
    return lower, upper if upper > lower else None


def _shown(value: Decimal) -> str:
    return format_number(round_to(value, 2))


class _Indicator:
    """The progress of one indicator of one unit (module docs)."""

    def __init__(  # noqa: PLR0917 - the parts of one computation
        self,
        assessment: Assessment,
        unit: Unit,
        indicator: Indicator,
        periods: Sequence[ReportPeriod],
        upto: Sequence[ReportPeriod],
        annual: ReportPeriod | None,
        rules: MonitoringRules,
    ) -> None:
        self.assessment = assessment
        self.unit, self.indicator, self.rules = unit, indicator, rules
        self.periods, self.upto = periods, upto
        self.snapshots = bool(periods) and periods[0].kind is PeriodKind.CUMULATIVE
        method = assessment.scores.period(upto[-1].key).method
        self.formula, self.cap = formula_of(indicator, method), method.cap
        self.kind = indicator.measure_kind
        self.method = indicator.to_date_for(self.kind)
        self.scores = {
            p.key: assessment.scores.indicator_at(p.key, unit.code, indicator.code) for p in periods
        }
        self.annual_key = None if annual is None else annual.key
        self.annual_score = (
            None
            if annual is None
            else assessment.scores.indicator_at(annual.key, unit.code, indicator.code)
        )
        self.straight = indicator.phasing is Phasing.ANNUAL
        self.annual_target, self.annual_upper = self._annual_target()
        self.baseline = self._start_of_year(assessment)
        self._values: dict[str, Decimal | None] = {}

    # --- targets ---------------------------------------------------------------------------

    def _annual_target(self) -> tuple[Decimal | None, Decimal | None]:
        """The year's target and, for a range, its upper end (else ``None``): the annual
        period's, else made up from the periods' (a sum of ranges is the range of the sums)."""
        score = self.annual_score
        if score is not None and score.target is not None:
            return score.target, _upper_of(self.indicator, self.annual_key)
        targets = [self._own_range(p) for p in self.periods]
        if self.straight:  # the periods print the year's target
            return next((t for t in reversed(targets) if t is not None), (None, None))
        if self.snapshots or not targets or any(t is None for t in targets):
            last = targets[-1] if targets else None
            covers_year = bool(self.periods) and _months(self.periods[-1]) == 12
            if last is not None and self.snapshots and covers_year:
                return last
            return None, None
        known = [t for t in targets if t is not None]
        if self.method is ToDate.CUMULATIVE:
            return _range_sum(known)
        return known[-1]

    def _start_of_year(self, assessment: Assessment) -> Decimal | None:
        """Where a level stands when the year monitored begins, for the straight line of
        annual phasing: the previous year's realisation where the report scores one, else a
        baseline (kondisi awal) of the previous year; ``None`` otherwise. An older baseline
        (the RPJMD's 2019 in 2024) is not the start of this year."""
        if not self.periods:
            return None
        before = self.periods[0].year - 1
        score = assessment.scores.indicator_at(str(before), self.unit.code, self.indicator.code)
        if score is not None and score.realisation is not None:
            return score.realisation
        baseline = self.indicator.baseline
        return None if baseline is None or baseline.year != before else baseline.value.value

    def _own_range(self, period: ReportPeriod) -> tuple[Decimal, Decimal | None] | None:
        """The period's own target and, for a range, its upper end; ``None`` without one."""
        score = self.scores.get(period.key)
        if score is None or score.target is None:
            return None
        return score.target, _upper_of(self.indicator, period.key)

    def _line_range(self, period: ReportPeriod) -> tuple[Decimal, Decimal | None] | None:
        """The target to date of ``period`` along the straight line from the year's target,
        and of a range both its ends (:attr:`Trajectory.STRAIGHT_LINE`); ``None`` without the
        year's target."""
        if self.annual_target is None:
            return None
        lower = self._line_target(period, self.annual_target)
        upper = self.annual_upper
        return lower, None if upper is None else self._line_target(period, upper)

    def _line_target(self, period: ReportPeriod, annual: Decimal) -> Decimal:
        """The straight line from the year's target ``annual`` to ``period``."""
        cumulative = self.method is ToDate.CUMULATIVE and not self.snapshots
        if cumulative or (self.snapshots and self.kind is MeasureKind.COUNT):
            return div(mul(annual, Decimal(_months(period))), _MONTHS)
        if self.baseline is None:
            return annual
        month = Decimal(period.span.end.month)
        return add(self.baseline, div(mul(sub(annual, self.baseline), month), _MONTHS))

    # --- the realisations --------------------------------------------------------------------

    def value(self, period: ReportPeriod) -> Decimal | None:
        """What was realised in ``period``: the value scored (stated, derived, accumulated), or,
        where scoring gave the period no capaian (a target of 0, the inverse ratio of 0) and so
        kept no realisation, the entry's own, resolved as scoring resolves it. ``None`` where
        there is none (not filled, or its rule could not be evaluated)."""
        key = period.key
        if key not in self._values:
            self._values[key] = realised_value(self.assessment, self.unit, self.indicator, key)
        return self._values[key]

    # --- the progress ----------------------------------------------------------------------

    def filled(self) -> list[ReportPeriod]:
        """The periods up to the date with a realisation (stated, derived or accumulated; 0
        too), in time order. One printed *n/a* is not filled."""
        found = []
        for period in self.upto:
            entry = self.indicator.at(period.key)
            score = self.scores.get(period.key)
            if score is not None and score.realisation is not None:
                found.append(period)
            elif entry is not None and entry.has_realisation and entry.not_reported is None:
                found.append(period)  # filled, though its score says why it has no capaian
        return found

    def progress(self) -> IndicatorProgress:
        filled = self.filled()
        # A period the indicator has no entry in is one it does not exist in, not a gap; one
        # printed "Tidak ditargetkan" targets nothing: nothing is missing there either.
        missing = tuple(
            p.key
            for p in self.upto
            if p not in filled
            and (entry := self.indicator.at(p.key)) is not None
            and not isinstance(entry.target, NotTargeted)
        )
        latest = self.method is ToDate.LATEST or self.snapshots
        used = filled[-1:] if latest else filled
        base = {
            "unit": self.unit.code,
            "code": self.indicator.code,
            "name": self.indicator.name,
            "method": self.method,
            "trajectory": Trajectory.STRAIGHT_LINE if self.straight else Trajectory.PHASED,
            "annual_target": self.annual_target,
            "used": tuple(p.key for p in used),
            "missing": missing,
            "ordinal": self.indicator.ordinal,
        }
        if not used:
            return IndicatorProgress(
                **base,  # type: ignore[arg-type]
                target_to_date=None,
                realised_to_date=None,
                capaian=None,
                status=Status.NO_DATA,
                reason=M_("no period up to {to} has a realisation yet", to=self.upto[-1].key),
            )
        scores = [self.scores.get(p.key) for p in used]
        values = [self.value(p) for p in used]
        # A period's own capaian may be undefined (a target of 0) while the sum is not: only
        # a period with no target or no realisation at all leaves the capaian to date undefined.
        unscored = next(
            (
                (s, v)
                for s, v in zip(scores, values, strict=True)
                if s is None or v is None or s.target is None
            ),
            None,
        )
        if unscored is not None:
            score = unscored[0]
            why = "-" if score is None or score.excluded is None else score.excluded
            return IndicatorProgress(
                **base,  # type: ignore[arg-type]
                target_to_date=None,
                realised_to_date=None,
                capaian=None,
                status=Status.NOT_SCORABLE,
                reason=M_("capaian to date undefined: {error}", error=why),
            )
        if self.straight:
            lines = [self._line_range(p) for p in used]
            if any(t is None for t in lines):
                return IndicatorProgress(
                    **base,  # type: ignore[arg-type]
                    target_to_date=None,
                    realised_to_date=None,
                    capaian=None,
                    status=Status.NOT_SCORABLE,
                    reason=M_("no target to date: the year's target is not known"),
                )
            target, upper = _range_sum([t for t in lines if t is not None])
        else:
            target, upper = _range_sum([r for p in used if (r := self._own_range(p)) is not None])
        realised = total(v for v in values if v is not None)
        capaian, reason = self._capaian(used, target, upper, realised)
        if capaian is None:
            status, why_message = Status.NOT_SCORABLE, reason
        else:
            status = self.rules.status(capaian)
            why_message = self._reason(status, capaian, used)
        projection = self._projection(filled, target, realised)
        return IndicatorProgress(
            **base,  # type: ignore[arg-type]
            target_to_date=target,
            realised_to_date=realised,
            capaian=capaian,
            status=status,
            reason=why_message,
            projection=projection[0],
            projected_capaian=projection[1],
            projection_method=projection[2],
            projection_reason=projection[3],
            annual_target_upper=self.annual_upper,
            target_to_date_upper=upper,
        )

    def _capaian(
        self,
        used: Sequence[ReportPeriod],
        target: Decimal,
        upper: Decimal | None,
        realised: Decimal,
    ) -> tuple[Decimal | None, Message]:
        if len(used) == 1 and not self.straight:
            score = self.scores[used[0].key]
            if score is not None and score.capaian is not None:
                return score.capaian, M_("as scored")  # ranges, predikat and caps included
        try:
            return self._against(target, upper, realised), M_("computed")
        except LakipError as error:
            return None, M_("capaian to date undefined: {error}", error=error.text)

    def _against(self, target: Decimal, upper: Decimal | None, realised: Decimal) -> Decimal:
        """Capaian of ``realised`` against ``target``, or against the range ``target`` to
        ``upper`` (100 % inside it, else against the nearer end) when it is one."""
        if upper is None:
            return checked_capaian(target, realised, self.formula, self.cap)
        return checked_range_capaian(target, upper, realised, self.formula, self.cap)

    def _reason(self, status: Status, capaian: Decimal, used: Sequence[ReportPeriod]) -> Message:
        periods = ", ".join(p.key for p in used)
        words = {
            Status.AHEAD: M_(
                "capaian to date {capaian} % over {periods}: more than {tolerance} points above "
                "100 %",
                capaian=_shown(capaian),
                periods=periods,
                tolerance=format_number(self.rules.tolerance),
            ),
            Status.ON_TRACK: M_(
                "capaian to date {capaian} % over {periods}: within {tolerance} points of 100 %",
                capaian=_shown(capaian),
                periods=periods,
                tolerance=format_number(self.rules.tolerance),
            ),
        }
        return words.get(
            status,
            M_(
                "capaian to date {capaian} % over {periods}: more than {tolerance} points below "
                "100 %",
                capaian=_shown(capaian),
                periods=periods,
                tolerance=format_number(self.rules.tolerance),
            ),
        )

    # --- the projection --------------------------------------------------------------------

    def _projection(
        self,
        filled: Sequence[ReportPeriod],
        target: Decimal,
        realised: Decimal,
    ) -> tuple[Decimal | None, Decimal | None, ProjectionMethod | None, Message | None]:
        method = self.rules.projection or ProjectionMethod.TRAJECTORY
        if self.indicator.ordinal is not None:
            return None, None, method, M_("a predikat is not projected")
        if method is ProjectionMethod.TRAJECTORY:
            value, why = self._trajectory(target, realised)
        else:
            value, why = self._straight_line(filled, realised)
        if value is None:
            return None, None, method, why
        if self.annual_target is None:
            return (
                value,
                None,
                method,
                M_("no capaian of the projection: the year's target is not known"),
            )
        try:
            projected = self._against(self.annual_target, self.annual_upper, value)
        except LakipError as error:
            return value, None, method, M_("capaian to date undefined: {error}", error=error.text)
        return value, projected, method, None

    def _trajectory(
        self, target: Decimal, realised: Decimal
    ) -> tuple[Decimal | None, Message | None]:
        annual = self.annual_target
        if annual is None or target == ZERO:
            return None, M_(
                "the trajectory method needs the year's target and a target to date other than 0"
            )
        if target < ZERO or annual <= ZERO:
            # R × A / T with a target below 0 turns the sign of the realisation: no guess.
            return None, M_(
                "the trajectory method needs the year's target and the target to date above 0, "
                "got {annual} and {target}",
                annual=_shown(annual),
                target=_shown(target),
            )
        return div(mul(realised, annual), target), None  # one quotient: exact when it can be

    def _straight_line(
        self, filled: Sequence[ReportPeriod], realised: Decimal
    ) -> tuple[Decimal | None, Message | None]:
        if self.method is ToDate.CUMULATIVE and not self.snapshots:
            months = Decimal(sum(_months(p) for p in filled))
            return div(mul(realised, _MONTHS), months), None
        if self.snapshots and self.kind is MeasureKind.COUNT:
            last = filled[-1]  # the period used: its realisation is known
            return div(mul(realised, _MONTHS), Decimal(last.span.end.month)), None
        # The line runs through the first and the last filled periods with a known realisation,
        # in two different months.
        known = [(p, v) for p in filled if (v := self.value(p)) is not None]
        if len({p.span.end.month for p, _ in known}) < 2:
            return None, M_(
                "the straight line needs two filled periods, {count} is filled",
                count=len(known),
            )
        (first, v1), (last, v2) = known[0], known[-1]
        m1, m2 = Decimal(first.span.end.month), Decimal(last.span.end.month)
        # v2 + (v2 − v1) × (12 − m2) / (m2 − m1), one quotient: exact when it can be.
        return add(v2, div(mul(sub(v2, v1), sub(_MONTHS, m2)), sub(m2, m1))), None
