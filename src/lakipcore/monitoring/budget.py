"""Budget execution during the year: realisation against the RPD, and absorption against a
quarterly trajectory (docs/monitoring.md, "Budget execution").

Treasurers compare each month's realisation with its disbursement plan (RPD, *rencana
penarikan dana*): the **deviation** of a month (the formula catalogue's ``ikpa-deviasi-rpd``,
docs/catalogue.md, marked unverified there) is ``|realisation − RPD| / RPD × 100`` for each
type of spending (belanja pegawai, barang, modal, bansos), and the month's deviation is their
mean weighted by each type's share of the pagu (PER-5/PB/2024; a plain mean under the 2022
rule, :attr:`Weighting.MEAN`). The deviation to date is the mean of the months'. A type with
an RPD of 0 and nothing spent deviates by 0; one with an RPD of 0 and spending has no defined
deviation and is left out of its month, which says so. A type with no RPD given (an output
without ``plan``, and no RPD of the programme) has no RPD at all, not an RPD of 0: it has no
deviation either and is left out of its month, which says so too.

Absorption to date (Σ realisation / pagu × 100) is compared with a trajectory of targets at the
quarters' ends (:data:`TRAJECTORIES`; DJA's SMART: 15, 40, 60 and 90 %), the target being that
of the last quarter's end the period reaches.

**Unverified** (kept so in the catalogue): the conversion of a month's deviation into IKPA's
0–100 value, and whether the RPD revised in a quarter replaces the months before it; lakipcore
reports the deviations themselves.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from types import MappingProxyType

import attrs

from lakipcore._exact import HUNDRED, ZERO, add, div, mul, sub, total
from lakipcore._names import NamedEnum
from lakipcore.i18n import M_, Message
from lakipcore.methods.catalogue import month_deviation, type_deviation
from lakipcore.model import BudgetLine, PeriodKind, ReportPeriod, SpendingType, Unit
from lakipcore.monitoring.rules import MonitoringRules, Status

__all__ = [
    "SMART_DJA_2022",
    "TRAJECTORIES",
    "AbsorptionTrajectory",
    "BudgetExecution",
    "PeriodExecution",
    "TypeExecution",
    "Weighting",
    "budget_execution",
]


class Weighting(NamedEnum):
    """How the types' deviations of a period make its deviation."""

    __what__ = "deviation weighting"

    PAGU_SHARE = "pagu-share"
    """Weighted by each type's share of the pagu (PER-5/PB/2024; the default)."""
    MEAN = "mean"
    """Their plain mean (the 2022 rule)."""


def _targets(value: Mapping[int, Decimal]) -> Mapping[int, Decimal]:
    return MappingProxyType(dict(value))


@attrs.frozen
class AbsorptionTrajectory:
    """Absorption targets (percent of the pagu) at the end of each quarter, with their source."""

    name: str
    targets: Mapping[int, Decimal] = attrs.field(converter=_targets)
    source: str
    note: str = ""

    def target_at(self, month: int) -> Decimal | None:
        """The target of the last quarter's end reached by the end of ``month`` (``None``
        before the first)."""
        reached = [m for m in self.targets if m <= month]
        return self.targets[max(reached)] if reached else None


SMART_DJA_2022 = AbsorptionTrajectory(
    "smart-dja-2022",
    {3: Decimal(15), 6: Decimal(40), 9: Decimal(60), 12: Decimal(90)},
    "DJA, SMART (Sistem Monitoring dan Evaluasi Kinerja Terpadu) deck 2022: absorption "
    "targets TW I 15 %, TW II 40 %, TW III 60 %, TW IV 90 %",
    "unverified against a regulation's text; a ministry may set its own",
)

TRAJECTORIES: Mapping[str, AbsorptionTrajectory] = MappingProxyType(
    {SMART_DJA_2022.name: SMART_DJA_2022}
)
"""The absorption trajectories shipped, by name."""


@attrs.frozen
class TypeExecution:
    """One type of spending in one period: its pagu, realisation and RPD (``None`` when an
    output of the type gives none: an RPD of part of a type is not the type's), and its
    deviation (``None`` when the RPD is not given, or is 0 and something was spent)."""

    type: SpendingType | None
    pagu: Decimal
    realisation: Decimal
    plan: Decimal | None
    deviation: Decimal | None


@attrs.frozen
class PeriodExecution:
    """One period (a month or a quarter): its types and its deviation (``None`` when no type
    has a defined one), with the reason when a type is left out."""

    period: str
    types: tuple[TypeExecution, ...]
    deviation: Decimal | None
    note: Message | None = None


@attrs.frozen
class BudgetExecution:
    """A unit's budget to the date monitored: each period's execution against the RPD, the
    mean deviation, the absorption to date against the trajectory's target and its status."""

    unit: str
    name: str
    pagu: Decimal
    periods: tuple[PeriodExecution, ...]
    deviation: Decimal | None
    realisation: Decimal
    absorption: Decimal | None
    target: Decimal | None
    status: Status
    trajectory: str


def _lines(unit: Unit, key: str) -> BudgetLine | None:
    block = unit.at(key)
    budget = None if block is None else block.budget
    return budget if isinstance(budget, BudgetLine) else None


def _types(line: BudgetLine) -> tuple[TypeExecution, ...]:
    groups: dict[SpendingType | None, list[tuple[Decimal, Decimal, Decimal | None]]] = {}
    for output in line.outputs:
        groups.setdefault(output.type, []).append((output.pagu, output.realisation, output.plan))
    if all(output.plan is None for output in line.outputs) and line.plan is not None:
        # The RPD is the programme's: one type, the whole line.
        return (
            TypeExecution(
                None,
                line.pagu,
                line.realisation,
                line.plan,
                type_deviation(line.realisation, line.plan),
            ),
        )
    found = []
    for kind, rows in groups.items():
        pagu = total(r[0] for r in rows)
        realised = total(r[1] for r in rows)
        plans = [r[2] for r in rows if r[2] is not None]
        if len(plans) < len(rows):  # no RPD given: not an RPD of 0
            found.append(TypeExecution(kind, pagu, realised, None, None))
            continue
        plan = total(plans)
        found.append(TypeExecution(kind, pagu, realised, plan, type_deviation(realised, plan)))
    return tuple(found)


def _period(key: str, line: BudgetLine, weighting: Weighting) -> PeriodExecution:
    types = _types(line)
    note = None
    if any(t.plan is None for t in types):
        note = M_(
            "a type of spending without an RPD has no deviation; left out of {period}",
            period=key,
        )
    elif any(t.deviation is None for t in types):
        note = M_(
            "a type of spending with an RPD of 0 and spending has no deviation; left out of "
            "{period}",
            period=key,
        )
    rows = [(t.pagu, t.realisation, t.plan) for t in types if t.plan is not None]
    deviation = month_deviation(rows, weighting.value)  # the catalogue's ikpa-deviasi-rpd
    return PeriodExecution(key, types, deviation, note)


def budget_execution(
    units: Sequence[Unit],
    upto: Sequence[ReportPeriod],
    rules: MonitoringRules,
    *,
    weighting: Weighting = Weighting.PAGU_SHARE,
    trajectory: AbsorptionTrajectory = SMART_DJA_2022,
) -> tuple[BudgetExecution, ...]:
    """Each unit's budget execution over ``upto`` (module docs); units without a budget line
    in those periods are left out."""
    if not upto:
        return ()
    snapshots = upto[0].kind is PeriodKind.CUMULATIVE
    last = upto[-1]
    found = []
    for unit in units:
        lines = [(p, _lines(unit, p.key)) for p in upto]
        present = [(p, line) for p, line in lines if line is not None]
        if not present:
            continue
        pagu = present[-1][1].pagu
        executions = tuple(_period(p.key, line, weighting) for p, line in present if not snapshots)
        known = [e.deviation for e in executions if e.deviation is not None]
        deviation = div(total(known), Decimal(len(known))) if known else None
        realised = (
            present[-1][1].realisation
            if snapshots
            else total(line.realisation for _, line in present)
        )
        absorption = None if pagu == ZERO else mul(div(realised, pagu), HUNDRED)
        target = trajectory.target_at(last.span.end.month)
        if absorption is None or target is None:
            status = Status.NO_DATA
        elif absorption > add(target, rules.tolerance):
            status = Status.AHEAD
        elif absorption >= sub(target, rules.tolerance):
            status = Status.ON_TRACK
        else:
            status = Status.BEHIND
        found.append(
            BudgetExecution(
                unit.code,
                unit.name,
                pagu,
                executions,
                deviation,
                realised,
                absorption,
                target,
                status,
                trajectory.name,
            )
        )
    return tuple(found)
