"""Scores as plain JSON-ready data (documented in docs/json.md).

Every number appears twice: ``exact``, the unrounded value as a string in Python's decimal
notation (machine-readable, no precision lost), and ``shown``, rounded with the named mode and
written in the report's Indonesian style. A value the data cannot give is ``null``.

The dictionaries are typed (:class:`ScoreDict` and the ``TypedDict`` s it holds), and the
schema ``schemas/score.json`` (``lakip schema score``) describes the same document.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TypedDict

from lakipcore._exact import integral
from lakipcore.errors import LakipError
from lakipcore.figures import NotTargeted, format_number
from lakipcore.model import IndicatorPeriod, Measure, MeasureKind, Report
from lakipcore.rounding import Rounding, round_to
from lakipcore.scoring.derived import derived_values
from lakipcore.scoring.methods import ScoringMethod
from lakipcore.scoring.results import (
    Change,
    IndicatorScore,
    PeriodChange,
    PeriodScore,
    ReportScore,
    UnitScore,
)
from lakipcore.surveys.grades import GradeTable

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
    "measure_text",
    "realisation_text",
    "score_to_dict",
]

JSON_SCHEMA = "lakipcore.score/2"
"""The name of the document's layout. Keys are only ever added under one name; a changed or
removed key gets a new name (``lakipcore.score/3``)."""


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
    """A period: its key, kind, label, days, method and the tree of unit scores."""

    key: str
    kind: str
    label: str
    start: str
    end: str
    method: MethodDict
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


def measure_text(measure: Measure) -> str:
    """A target or realisation as the report writes it, without its note: ``12 Laporan``,
    ``80%``, ``7,1`` (the value at its own precision)."""
    shown = format_number(measure.value)
    if measure.kind is MeasureKind.PERCENT:
        shown += "%"
    return f"{shown} {measure.unit}" if measure.unit else shown


def realisation_text(entry: IndicatorPeriod, value: Decimal | None) -> str | None:
    """The realisation as the report writes it: the stated one, or the scored ``value`` of a
    derived or accumulated one (whole, or rounded half-up to 2 places), with the target's sign
    and unit label; ``None`` when there is none (not targeted, planned)."""
    if entry.realisation is not None:
        return measure_text(entry.realisation)
    target = entry.target
    if value is None or isinstance(target, NotTargeted):
        return None
    shown = format_number(value if integral(value) else round_to(value, 2))
    if target.kind is MeasureKind.PERCENT:
        shown += "%"
    return f"{shown} {target.unit}" if target.unit else shown


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
    grades: GradeTable | None = None,
) -> IndicatorDict:
    target = None if entry is None or isinstance(entry.target, NotTargeted) else entry.target
    stated = None if entry is None else entry.realisation
    label = target.unit if target is not None and target.unit else None
    if label is None and stated is not None:
        label = stated.unit
    return {
        "code": item.code,
        "name": item.name,
        "target": num(item.target),
        "realisation": num(item.realisation),
        "capaian": num(item.capaian),
        "excluded": item.excluded,
        "target_text": (
            None
            if entry is None
            else "Tidak ditargetkan"
            if target is None
            else measure_text(target)
        ),
        "realisation_text": None if entry is None else realisation_text(entry, item.realisation),
        "kind": None if target is None else target.kind.value,
        "unit_label": label,
        "scale": None if target is None or target.scale is None else format(target.scale, "f"),
        "polarity": polarity,
        "grade": None if grades is None else grades.letter_of(item.capaian),
    }


def _indicators(unit: UnitScore, report: Report | None, num: _Numbers) -> list[IndicatorDict]:
    model = None
    if report is not None:
        try:
            model = report.unit(unit.code)
        except KeyError:
            model = None
    items = []
    for item in unit.indicators:
        try:
            indicator = None if model is None else model.indicator(item.code)
        except KeyError:
            indicator = None
        entry = None if indicator is None else indicator.at(unit.period)
        polarity = None if indicator is None else indicator.polarity.value
        grades = None if report is None else report.grading_table("capaian")
        items.append(_indicator(item, entry, polarity, num, grades))
    return items


def _unit(unit: UnitScore, num: _Numbers, report: Report | None) -> UnitDict:
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
        "derived": _derived(unit, num, report),
        "units": [_unit(u, num, report) for u in unit.units],
    }


def _derived(unit: UnitScore, num: _Numbers, report: Report | None) -> list[DerivedDict]:
    """The unit's derived figures in the period, when the scored report is given."""
    if report is None:
        return []
    try:
        block = report.unit(unit.code).at(unit.period)
    except KeyError:  # a score of another report than the one given
        return []
    if block is None or not block.derived:
        return []
    values = derived_values(block)
    items: list[DerivedDict] = []
    for figure in block.derived:
        value = values[figure.key]
        items.append(
            {
                "key": figure.key,
                "formula": figure.formula,
                "value": None if isinstance(value, LakipError) else num(value),
                "error": value.message if isinstance(value, LakipError) else None,
            }
        )
    return items


def _period(period: PeriodScore, num: _Numbers, report: Report | None) -> PeriodDict:
    return {
        "key": period.key,
        "kind": period.period.kind.value,
        "label": period.period.label,
        "start": period.period.span.start.isoformat(),
        "end": period.period.span.end.isoformat(),
        "method": _method(period.method),
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
    score: ReportScore,
    *,
    places: int = 2,
    rounding: Rounding = Rounding.HALF_UP,
    office: str | None = None,
    report: Report | None = None,
) -> ScoreDict:
    """A scored report as JSON-ready data (docs/json.md), for ``json.dumps``.

    ``shown`` values are rounded with ``rounding`` at ``places``; ``exact`` values are the
    unrounded ``Decimal`` as strings. ``office`` names the office in the output (by default
    ``report``'s). ``report``, the report that was scored, gives each indicator its printed
    target and realisation, kind, unit label, scale and polarity; without it those keys are
    ``null``.
    """
    num = _Numbers(places, rounding)
    if office is None and report is not None:
        office = report.office
    return {
        "schema": JSON_SCHEMA,
        "office": office,
        "main": score.current.key,
        "rounding": {"mode": rounding.value, "places": places},
        "periods": [_period(p, num, report) for p in score.periods],
        "changes": [_period_change(c, num) for c in score.changes],
    }
