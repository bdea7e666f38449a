"""An evaluation as rows and as an Arrow table: one row per criterion per scored layer.

:func:`criterion_rows` reads an :class:`~lakipcore.lke.Evaluation` and computes nothing, as the
text and JSON outputs (:mod:`lakipcore.lke.render`) do. Every number appears as the JSON
shows it: exactly, as a string (:func:`~lakipcore.lke.render.exact_string`: ``"2.5"``, or the
fraction ``"6/7"`` when the decimal expansion does not end), and ``shown``, rounded with the
named mode in the Indonesian style (``"0,86"``). The columns, in order:

``unit``, ``name``, ``year``
    the unit's code and name, the year evaluated (``None`` when not stated);
``design``
    the design's name (``permenpanrb-88-2021``);
``layer``, ``policy``
    the score layer and the unanswered-criterion policy it is scored under;
``component``, ``part``, ``criterion``
    the ids of the component, the sub-component and the criterion;
``answer``
    the answer's code (``None`` when unanswered);
``share``
    the answer's value over the scale's full marks, exact (``"4/5"`` is ``"0.8"``);
``weight``
    the points the criterion carries, exact;
``points``, ``shown``
    the points it earns, exact and shown (``None`` when it is unanswered and the policy leaves
    it out);
``unanswered``
    whether the criterion has no answer in the layer.

A criterion's ``points`` are its own: the criteria's points sum to the total exactly, except
where the ``renormalise`` policy leaves an unanswered criterion out and scales the rest of its
sub-component up (the sub-component's and component's scores are in the JSON document).

:func:`to_arrow` puts the rows of one evaluation or of several (an Inspektorat evaluating every
UPT, :func:`~lakipcore.lke.evaluate_many`) in one pyarrow Table (the ``lakipcore[arrow]``
extra, imported on first use). It keeps the exact strings, and adds three ``decimal128(38,
scale)`` columns for sorting and summing, ``share_value``, ``weight_value`` and
``points_value``: the exact value rounded to ``scale`` places (10 by default) with the named
rounding, so a ``6/7`` is ``0.8571428571`` there and exact only in its string.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from decimal import Decimal
from fractions import Fraction
from typing import Any, Final

from lakipcore.errors import LakipTypeError
from lakipcore.figures import format_number
from lakipcore.i18n import M_
from lakipcore.lke.evaluation import Evaluation
from lakipcore.lke.render import exact_string
from lakipcore.lke.scoring import EvaluationScore
from lakipcore.render.arrow import check_scale, fitting_decimal128
from lakipcore.results.tables import pyarrow_module
from lakipcore.rounding import Rounding, round_fraction

__all__ = ["CRITERION_COLUMNS", "criterion_rows", "to_arrow"]

CRITERION_COLUMNS: Final[tuple[str, ...]] = (
    "unit",
    "name",
    "year",
    "design",
    "layer",
    "policy",
    "component",
    "part",
    "criterion",
    "answer",
    "share",
    "weight",
    "points",
    "shown",
    "unanswered",
)
"""The keys of a row of :func:`criterion_rows`, in order (module docs)."""

_DECIMALS: Final = ("share_value", "weight_value", "points_value")
_PRECISION: Final = 38


def _exact(value: Fraction | None) -> str | None:
    return None if value is None else exact_string(value)


def _evaluation(value: object) -> Evaluation:
    if not isinstance(value, Evaluation):
        raise LakipTypeError(
            M_("expected an Evaluation, got {type}", type=type(value).__name__),
            field="evaluation",
        )
    return value


def _rows(
    evaluation: Evaluation, places: int, rounding: Rounding
) -> Iterator[tuple[dict[str, object], tuple[Fraction | None, ...]]]:
    """Each row with its exact share, weight and points."""
    worksheet = _evaluation(evaluation).worksheet
    design = worksheet.design
    for score in evaluation.scores.values():
        if not isinstance(score, EvaluationScore):
            continue
        for component in score.components:
            for part in component.parts:
                for criterion in part.criteria:
                    answer, points = criterion.answer, criterion.points
                    share = None if answer is None else criterion.criterion.scale.share(answer)
                    row: dict[str, object] = {
                        "unit": worksheet.unit,
                        "name": worksheet.name,
                        "year": worksheet.year,
                        "design": design.name,
                        "layer": score.layer,
                        "policy": score.policy.value,
                        "component": component.component.id,
                        "part": part.part.id,
                        "criterion": criterion.criterion.id,
                        "answer": None if answer is None else answer.code,
                        "share": _exact(share),
                        "weight": exact_string(criterion.weight),
                        "points": _exact(points),
                        "shown": None
                        if points is None
                        else format_number(round_fraction(points, places, rounding)),
                        "unanswered": answer is None,
                    }
                    yield row, (share, criterion.weight, points)


def criterion_rows(
    evaluation: Evaluation, *, places: int = 2, rounding: Rounding = Rounding.HALF_UP
) -> list[dict[str, object]]:
    """One row per criterion per scored layer of ``evaluation`` (module docs), the layers in
    the worksheet's order and the criteria in the design's; ``places`` and ``rounding`` make
    the ``shown`` points. A layer that could not be scored (its
    :class:`~lakipcore.UnansweredCriterionError` is in ``evaluation.scores``) has no rows."""
    return [row for row, _ in _rows(evaluation, places, rounding)]


def _rounded(value: Fraction, scale: int, rounding: Rounding) -> Decimal:
    rounded = round_fraction(value, scale, rounding)
    return fitting_decimal128(rounded, rounded, scale)


def to_arrow(
    evaluations: Evaluation | Iterable[Evaluation],
    *,
    places: int = 2,
    rounding: Rounding = Rounding.HALF_UP,
    scale: int = 10,
) -> Any:
    """The rows of :func:`criterion_rows` of one evaluation, or of several in one table (in
    the order given), as a pyarrow Table: the exact values as strings, and ``share_value``,
    ``weight_value`` and ``points_value`` as ``decimal128(38, scale)``, rounded to ``scale``
    places with ``rounding`` (module docs). Needs pyarrow (``lakipcore[arrow]``). Raises
    :class:`~lakipcore.errors.InvalidValueError` for a ``scale`` outside 0–30 and for a value
    with more digits than ``decimal128(38, scale)`` holds."""
    scale = check_scale(scale)
    pa = pyarrow_module()
    given = [evaluations] if isinstance(evaluations, Evaluation) else list(evaluations)
    made = [pair for e in given for pair in _rows(e, places, rounding)]
    rows = [row for row, _ in made]
    kinds: dict[str, Any] = dict.fromkeys(CRITERION_COLUMNS, pa.string())
    kinds["year"] = pa.int32()
    kinds["unanswered"] = pa.bool_()
    decimal = pa.decimal128(_PRECISION, scale)
    arrays, fields = [], []
    for column in CRITERION_COLUMNS:
        arrays.append(pa.array([row[column] for row in rows], type=kinds[column]))
        fields.append(pa.field(column, kinds[column]))
    for index, column in enumerate(_DECIMALS):
        values = [
            None if value is None else _rounded(value, scale, rounding)
            for value in (exact[index] for _, exact in made)
        ]
        arrays.append(pa.array(values, type=decimal))
        fields.append(pa.field(column, decimal))
    return pa.Table.from_arrays(arrays, schema=pa.schema(fields))
