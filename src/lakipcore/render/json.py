"""An assessment's scores as plain JSON-ready data (documented in docs/json.md).

Every number appears twice: ``exact``, the unrounded value as a string in Python's decimal
notation (machine-readable, no precision lost), and ``shown``, rounded with the named mode and
written in the report's Indonesian style. A value the data cannot give is ``null``.

The dictionaries are typed (:class:`ScoreDict` and the ``TypedDict`` s it holds), and the
schema ``schemas/score.json`` (``lakip schema score``) describes the same document.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Final, Literal, TypedDict

from lakipcore.figures import NotTargeted, format_number
from lakipcore.methods import ScoringMethod
from lakipcore.model import IndicatorPeriod, Quantity, Report
from lakipcore.render.common import (
    NOT_TARGETED_LABEL,
    assessment_of,
    measure_text,
    realisation_text,
)
from lakipcore.results.assessment import Assessment
from lakipcore.results.scores import (
    Change,
    IndicatorScore,
    PeriodChange,
    PeriodScore,
    UnitScore,
)
from lakipcore.rounding import Rounding, round_to

__all__ = [
    "JSON_SCHEMA",
    "ChangeDict",
    "IndicatorChangeDict",
    "IndicatorDict",
    "MethodDict",
    "NumberDict",
    "OutputDict",
    "PeriodChangeDict",
    "PeriodDict",
    "RoundingDict",
    "ScoreDict",
    "UnitChangeDict",
    "UnitDict",
    "WeightsDict",
    "method_choice",
    "score_to_dict",
]

JSON_SCHEMA = "lakipcore.score/2"
"""The name of the document's layout. Keys are only ever added under one name; a changed or
removed key gets a new name (``lakipcore.score/3``)."""


MethodChoiceName = Literal["given", "report", "inferred", "default"]
"""How a period's method was chosen (:func:`method_choice`)."""

_OFFICE_ROW: Final = frozenset({Quantity.ACHIEVEMENT, Quantity.ABSORPTION, Quantity.PERFORMANCE})


def method_choice(report: Report, period: PeriodScore) -> MethodChoiceName:
    """How ``period``'s method was chosen: ``report``, the one the report names for it;
    ``given``, another one given to the assessment (``method=``, ``--method``); ``inferred``,
    the report names none and the aggregation explaining most of its printed office row was
    chosen; ``default``, the report names none and prints no office row, so the default
    aggregation scores it (docs/cli.md, "The method of a report that names none")."""
    if period.inferred:
        block = report.root.at(period.key)
        printed = block is not None and any(f.quantity in _OFFICE_ROW for f in block.printed)
        return "inferred" if printed else "default"
    named = report.period(period.key).method
    return "report" if named is not None and report.method(named) == period.method else "given"


class NumberDict(TypedDict):
    """A number: ``exact`` (unrounded, decimal notation) and ``shown`` (rounded, Indonesian)."""

    exact: str
    shown: str


class WeightsDict(TypedDict):
    """The performance weights as decimal strings."""

    achievement: str
    absorption: str


class MethodDict(TypedDict):
    """A scoring method, every choice named."""

    name: str
    description: str
    lower_is_better: str
    cap: str | None
    zero_target: str
    achievement: str
    absorption: str
    weights: WeightsDict
    rounding: str
    absorption_base: str


class IndicatorDict(TypedDict):
    """An indicator's target, realisation and capaian in a period (docs/json.md)."""

    code: str
    name: str
    goal: str | None
    target: NumberDict | None
    realisation: NumberDict | None
    capaian: NumberDict | None
    excluded: str | None
    target_text: str | None
    realisation_text: str | None
    kind: str | None
    unit_label: str | None
    scale: str | None
    polarity: str | None
    grade: str | None
    target_upper: NumberDict | None
    capaian_end_of_plan: NumberDict | None


class OutputDict(TypedDict):
    """A budget output's amounts and absorption."""

    code: str | None
    name: str
    pagu: NumberDict | None
    realisation: NumberDict | None
    absorption: NumberDict | None


class DerivedDict(TypedDict):
    """A derived figure of the unit's period (a growth, a nilai efisiensi, an NKA): its value by
    its formula, or why it has none."""

    key: str
    formula: str
    value: NumberDict | None
    error: str | None


class UnitDict(TypedDict):
    """A unit's scores in a period, with its indicators, outputs, derived figures and
    sub-units."""

    code: str
    name: str
    achievement: NumberDict | None
    absorption: NumberDict | None
    performance: NumberDict | None
    pagu: NumberDict | None
    realisation: NumberDict | None
    gaps: list[str]
    indicators: list[IndicatorDict]
    outputs: list[OutputDict]
    derived: list[DerivedDict]
    units: list[UnitDict]


class PeriodDict(TypedDict):
    """A period: its key, kind, label, days, method, how the method was chosen and the tree
    of unit scores."""

    key: str
    kind: str
    label: str
    start: str
    end: str
    method: MethodDict
    method_choice: MethodChoiceName
    office: UnitDict


class ChangeDict(TypedDict):
    """Changes of the three figures, in points."""

    achievement: NumberDict | None
    absorption: NumberDict | None
    performance: NumberDict | None


class IndicatorChangeDict(TypedDict):
    """An indicator's capaian in both periods and the change in points."""

    code: str
    name: str
    later: NumberDict | None
    earlier: NumberDict | None
    points: NumberDict | None


class UnitChangeDict(ChangeDict):
    """A unit's changes and its indicators'."""

    code: str
    name: str
    indicators: list[IndicatorChangeDict]


# "from" is a keyword: the functional form is the only way to name the key.
PeriodChangeDict = TypedDict(
    "PeriodChangeDict",
    {"from": str, "to": str, "office": ChangeDict, "units": list[UnitChangeDict]},
)
"""The change from one period to the next of its kind."""


class RoundingDict(TypedDict):
    """How every ``shown`` was rounded."""

    mode: str
    places: int


class ScoreDict(TypedDict):
    """The whole document (schema ``lakipcore.score/2``)."""

    schema: str
    office: str | None
    main: str
    rounding: RoundingDict
    periods: list[PeriodDict]
    changes: list[PeriodChangeDict]


class _Numbers:
    def __init__(self, places: int, rounding: Rounding):
        self.places = places
        self.rounding = rounding

    def __call__(self, value: Decimal | None, *, places: int | None = None) -> NumberDict | None:
        if value is None:
            return None
        shown_places = self.places if places is None else places
        return {
            "exact": format(value, "f"),
            "shown": format_number(round_to(value, shown_places, self.rounding)),
        }


def _method(method: ScoringMethod) -> MethodDict:
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
        "rounding": method.rounding.value,
        "absorption_base": method.absorption_base.value,
    }


def _indicator(
    item: IndicatorScore,
    entry: IndicatorPeriod | None,
    polarity: str | None,
    num: _Numbers,
    goal: str | None,
) -> IndicatorDict:
    target = None if entry is None or isinstance(entry.target, NotTargeted) else entry.target
    stated = None if entry is None else entry.realisation
    label = target.unit if target is not None and target.unit else None
    if label is None and stated is not None:
        label = stated.unit
    return {
        "code": item.code,
        "name": item.name,
        "goal": goal,
        "target": num(item.target),
        "realisation": num(item.realisation),
        "capaian": num(item.capaian),
        "excluded": item.excluded,
        "target_text": (
            None
            if entry is None
            else NOT_TARGETED_LABEL
            if target is None
            else measure_text(target)
        ),
        "realisation_text": None if entry is None else realisation_text(entry, item.realisation),
        "kind": None if target is None else target.kind.value,
        "unit_label": label,
        "scale": None if target is None or target.scale is None else format(target.scale, "f"),
        "polarity": polarity,
        "grade": item.grade,
        "target_upper": None if target is None else num(target.upper),
        "capaian_end_of_plan": num(item.end_of_plan),
    }


def _indicators(unit: UnitScore, report: Report, num: _Numbers) -> list[IndicatorDict]:
    model = report.unit(unit.code)
    items = []
    for item in unit.indicators:
        indicator = model.indicator(item.code)
        entry = indicator.at(unit.period)
        items.append(_indicator(item, entry, indicator.polarity.value, num, indicator.goal))
    return items


def _unit(unit: UnitScore, num: _Numbers, report: Report) -> UnitDict:
    return {
        "code": unit.code,
        "name": unit.name,
        "achievement": num(unit.achievement),
        "absorption": num(unit.absorption),
        "performance": num(unit.performance),
        "pagu": num(unit.pagu, places=0),
        "realisation": num(unit.realisation, places=0),
        "gaps": list(unit.gaps),
        "indicators": _indicators(unit, report, num),
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
        "derived": _derived(unit, num),
        "units": [_unit(u, num, report) for u in unit.units],
    }


def _derived(unit: UnitScore, num: _Numbers) -> list[DerivedDict]:
    """The unit's derived figures in the period, as scored."""
    return [
        {"key": d.key, "formula": d.formula, "value": num(d.value), "error": d.error}
        for d in unit.derived
    ]


def _period(period: PeriodScore, num: _Numbers, report: Report) -> PeriodDict:
    return {
        "key": period.key,
        "kind": period.period.kind.value,
        "label": period.period.label,
        "start": period.period.span.start.isoformat(),
        "end": period.period.span.end.isoformat(),
        "method": _method(period.method),
        "method_choice": method_choice(report, period),
        "office": _unit(period.root, num, report),
    }


def _change(change: Change, num: _Numbers) -> ChangeDict:
    return {
        "achievement": num(change.achievement),
        "absorption": num(change.absorption),
        "performance": num(change.performance),
    }


def _period_change(change: PeriodChange, num: _Numbers) -> PeriodChangeDict:
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
    assessment: Assessment,
    *,
    places: int = 2,
    rounding: Rounding = Rounding.HALF_UP,
) -> ScoreDict:
    """An assessment's scores as JSON-ready data (docs/json.md), for ``json.dumps``.

    ``shown`` values are rounded with ``rounding`` at ``places``; ``exact`` values are the
    unrounded ``Decimal`` as strings. Each indicator carries its printed target and
    realisation, kind, unit label, scale, polarity and grade from the assessed report.
    """
    assessment = assessment_of(assessment, "score_to_dict")
    report, score = assessment.report, assessment.scores
    num = _Numbers(places, rounding)
    return {
        "schema": JSON_SCHEMA,
        "office": report.office,
        "main": score.current.key,
        "rounding": {"mode": rounding.value, "places": places},
        "periods": [_period(p, num, report) for p in score.periods],
        "changes": [_period_change(c, num) for c in score.changes],
    }
