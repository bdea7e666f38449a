"""The rules of monitoring during the year, as data: the tolerance of the status, the projection
method, and the words of each status.

Nothing here is an official threshold: no regulation found defines when an indicator is "on
track" during the year, so the tolerance is lakipcore's stated default (5 percentage points of
capaian to date either side of 100 %), to be set by whoever monitors (docs/monitoring.md).
"""

from __future__ import annotations

from decimal import Decimal

import attrs

from lakipcore._exact import HUNDRED, add, sub
from lakipcore._names import NamedEnum, enum_field
from lakipcore.errors import InvalidValueError
from lakipcore.figures import exact_decimal
from lakipcore.i18n import M_, N_

__all__ = ["DEFAULT_RULES", "MonitoringRules", "ProjectionMethod", "Status", "Trajectory"]


class Status(NamedEnum):
    """Where an indicator stands against its trajectory to date."""

    __what__ = "status"

    AHEAD = "ahead"
    """Capaian to date above 100 % plus the tolerance."""
    ON_TRACK = "on-track"
    """Capaian to date within the tolerance of 100 %, both ends included."""
    BEHIND = "behind"
    """Capaian to date below 100 % minus the tolerance."""
    NO_DATA = "no-data"
    """No period up to the date is filled: nothing to judge yet."""
    NOT_SCORABLE = "not-scorable"
    """Periods are filled, but the capaian to date is undefined (a target of 0, a formula
    undefined for the values), with the reason."""

    @property
    def words(self) -> str:
        """The status as a person reads it (a catalogue message)."""
        return _WORDS[self]


_WORDS = {
    Status.AHEAD: N_("ahead"),
    Status.ON_TRACK: N_("on track"),
    Status.BEHIND: N_("behind"),
    Status.NO_DATA: N_("no data yet"),
    Status.NOT_SCORABLE: N_("not scorable"),
}


class ProjectionMethod(NamedEnum):
    """How the realisation at the year's end is projected from the periods filled so far. A
    projection is always marked as one."""

    __what__ = "projection method"

    STRAIGHT_LINE = "straight-line"
    """Counts (cumulative): what is realised so far, spread over the filled periods, repeated
    for every period of the year (needs one filled period). Levels (latest): the line through
    the first and the last filled periods, carried to the year's end (needs two)."""
    TRAJECTORY = "trajectory"
    """The realised share of the target to date applied to the annual target: realised to
    date × annual target / target to date (needs one filled period, the year's target and a
    target to date other than 0). The default."""


class Trajectory(NamedEnum):
    """Where the target to date comes from (the indicator's :class:`~lakipcore.model.Phasing`)."""

    __what__ = "trajectory"

    PHASED = "phased"
    """The periods' own targets (the Rencana Aksi's)."""
    STRAIGHT_LINE = "straight-line"
    """The periods print the year's target: a count's target to date is the year's spread
    evenly over the months covered; a level's is the year's target, or the point on the line
    from the baseline (where the indicator gives one) to the year's target at the period's
    last month."""


def _tolerance(value: object) -> Decimal:
    number = exact_decimal(value, field="tolerance")
    if number < 0:
        raise InvalidValueError(
            M_("a tolerance cannot be below 0, got {value}", value=number), field="tolerance"
        )
    return number


@attrs.frozen
class MonitoringRules:
    """``tolerance``: percentage points of capaian to date either side of 100 % that count as
    on track (5: from 95 % to 105 %, both included); ``projection``: the projection method,
    or ``None`` for the default, the trajectory."""

    tolerance: Decimal = attrs.field(default=Decimal(5), converter=_tolerance)
    projection: ProjectionMethod | None = attrs.field(
        default=None,
        validator=attrs.validators.optional(enum_field(ProjectionMethod, "projection")),
    )

    def status(self, capaian: Decimal) -> Status:
        """The status of a capaian to date (in percent), whatever the caller's ``decimal``
        context."""
        if capaian > add(HUNDRED, self.tolerance):
            return Status.AHEAD
        if capaian >= sub(HUNDRED, self.tolerance):
            return Status.ON_TRACK
        return Status.BEHIND


DEFAULT_RULES = MonitoringRules()
"""A tolerance of 5 percentage points; the trajectory projection."""
