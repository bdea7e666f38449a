"""Scores as plain JSON-ready data (documented in docs/json.md).

Every number appears twice: ``exact``, the unrounded value as a string in Python's decimal
notation (machine-readable, no precision lost), and ``shown``, rounded with the named mode and
written in the report's Indonesian style. A value the data cannot give is ``null``.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from lakipcore.figures import format_number
from lakipcore.rounding import Rounding, round_to
from lakipcore.scoring.methods import ScoringMethod
from lakipcore.scoring.results import Change, PeriodChange, PeriodScore, ReportScore, UnitScore

__all__ = ["JSON_SCHEMA", "score_to_dict"]

JSON_SCHEMA = "lakipcore.score/2"


class _Numbers:
    def __init__(self, places: int, rounding: Rounding):
        self.places = places
        self.rounding = rounding

    def __call__(self, value: Decimal | None, *, places: int | None = None) -> Any:
        if value is None:
            return None
        shown_places = self.places if places is None else places
        return {
            "exact": format(value, "f"),
            "shown": format_number(round_to(value, shown_places, self.rounding)),
        }


def _method(method: ScoringMethod) -> dict[str, Any]:
    return {
        "name": method.name,
        "description": method.description,
        "lower_is_better": method.lower_is_better.value,
        "cap": None if method.cap is None else format(method.cap, "f"),
        "zero_target": method.zero_target.value,
        "achievement": method.achievement.value,
        "absorption": method.absorption.value,
        "weights": {
            "achievement": format(method.weights.achievement, "f"),
            "absorption": format(method.weights.absorption, "f"),
        },
    }


def _unit(unit: UnitScore, num: _Numbers) -> dict[str, Any]:
    return {
        "code": unit.code,
        "name": unit.name,
        "achievement": num(unit.achievement),
        "absorption": num(unit.absorption),
        "performance": num(unit.performance),
        "pagu": num(unit.pagu, places=0),
        "realisation": num(unit.realisation, places=0),
        "gaps": list(unit.gaps),
        "indicators": [
            {
                "code": i.code,
                "name": i.name,
                "target": num(i.target),
                "realisation": num(i.realisation),
                "capaian": num(i.capaian),
                "excluded": i.excluded,
            }
            for i in unit.indicators
        ],
        "outputs": [
            {
                "code": o.code,
                "name": o.name,
                "pagu": num(o.pagu, places=0),
                "realisation": num(o.realisation, places=0),
                "absorption": num(o.absorption),
            }
            for o in unit.outputs
        ],
        "units": [_unit(u, num) for u in unit.units],
    }


def _period(period: PeriodScore, num: _Numbers) -> dict[str, Any]:
    return {
        "key": period.key,
        "kind": period.period.kind.value,
        "label": period.period.label,
        "start": period.period.span.start.isoformat(),
        "end": period.period.span.end.isoformat(),
        "method": _method(period.method),
        "office": _unit(period.root, num),
    }


def _change(change: Change, num: _Numbers) -> dict[str, Any]:
    return {
        "achievement": num(change.achievement),
        "absorption": num(change.absorption),
        "performance": num(change.performance),
    }


def _period_change(change: PeriodChange, num: _Numbers) -> dict[str, Any]:
    return {
        "from": change.earlier,
        "to": change.later,
        "office": _change(change.office, num),
        "units": [
            {
                "code": u.code,
                "name": u.name,
                **_change(u.change, num),
                "indicators": [
                    {
                        "code": i.code,
                        "name": i.name,
                        "later": num(i.later),
                        "earlier": num(i.earlier),
                        "points": num(i.points),
                    }
                    for i in u.indicators
                ],
            }
            for u in change.units
        ],
    }


def score_to_dict(
    score: ReportScore,
    *,
    places: int = 2,
    rounding: Rounding = Rounding.HALF_UP,
    office: str | None = None,
) -> dict[str, Any]:
    """A scored report as JSON-ready data (docs/json.md), for ``json.dumps``.

    ``shown`` values are rounded with ``rounding`` at ``places``; ``exact`` values are the
    unrounded ``Decimal`` as strings. ``office`` names the office in the output.
    """
    num = _Numbers(places, rounding)
    return {
        "schema": JSON_SCHEMA,
        "office": office,
        "main": score.current.key,
        "rounding": {"mode": rounding.value, "places": places},
        "periods": [_period(p, num) for p in score.periods],
        "changes": [_period_change(c, num) for c in score.changes],
    }
