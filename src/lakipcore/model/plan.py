"""An indicator's place in its plan: where it started (kondisi awal) and where the plan
(Renstra, RPJMD) means it to end (target akhir).

Pemda and ministry reports print both beside the year's target and realisation, and many print
a second capaian, against the end-of-plan target ("% capaian s/d 2020 terhadap akhir RPJMD
2021"). docs/methodology.md, "Baseline and end-of-plan target", gives the rule with the LPPD
Kabupaten Wonogiri 2020 as its example.
"""

from __future__ import annotations

from typing import Any

import attrs

from lakipcore._display import Short
from lakipcore.errors import InvalidValueError, LakipTypeError
from lakipcore.i18n import M_
from lakipcore.model.measures import Realisation, Target

__all__ = ["Baseline", "EndOfPlan", "check_year"]


def check_year(_instance: object, _attribute: object, value: Any) -> None:
    """A plan year: a whole number from 1000 to 9999 (``2019``), as period keys are."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise LakipTypeError(
            M_("expected a year as an int, got {value}", value=repr(value)), field="year"
        )
    if not 1000 <= value <= 9999:
        raise InvalidValueError(
            M_("a year has four digits, got {value}", value=value), field="year"
        )


def _of(value: object, kind: type, field: str) -> None:
    if not isinstance(value, kind):
        raise LakipTypeError(
            M_("expected a {kind}, got {type}", kind=kind.__name__, type=type(value).__name__),
            field=field,
        )


@attrs.frozen(repr=False)
class Baseline(Short):
    """The kondisi awal: the indicator's value in ``year``, before the plan's first year.

    ``value`` is a :class:`~lakipcore.model.Realisation` of the indicator's kind. Against an
    end-of-plan target measured cumulatively, only the years after it count.
    """

    value: Realisation = attrs.field(validator=lambda _i, _a, v: _of(v, Realisation, "value"))
    year: int = attrs.field(validator=check_year)


@attrs.frozen(repr=False)
class EndOfPlan(Short):
    """The target akhir Renstra or RPJMD: the ``target`` the plan sets for ``year``, its last.

    Capaian against it follows the indicator's accumulation: a count that sums (``sum``) is
    measured by the realisations of the plan's years so far added up (cumulative); a level
    (``latest``, the default for percentages, indices and plain values) by the period's own.
    """

    target: Target = attrs.field(validator=lambda _i, _a, v: _of(v, Target, "target"))
    year: int = attrs.field(validator=check_year)
