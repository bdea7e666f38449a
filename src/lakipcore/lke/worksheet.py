"""A filled worksheet (*LKE*): a unit's answers to a design's criteria, per score layer.

A worksheet answers the criteria of one :class:`~lakipcore.lke.Design` for one unit and year,
in one or more score layers: the unit's own *penilaian mandiri*, the evaluator's (*penilai*),
a verifier's. Building one checks every answer against the design, so that nothing is dropped
or guessed: a criterion the design does not have, a layer the worksheet does not declare, an
answer not on the criterion's scale, a criterion answered twice are errors naming the
criterion (and, read from a file, its line). A criterion left unanswered is allowed: what it
counts for is the design's policy (:class:`~lakipcore.lke.UnansweredPolicy`), and the audit
names it.

``printed`` holds the figures an evaluation report (LHE) or a LAKIP prints for the worksheet
(total, components, sub-components, predikat), which the audit recomputes.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from types import MappingProxyType
from typing import TYPE_CHECKING

import attrs

from lakipcore.errors import InvalidValueError, LakipError, LakipTypeError, UnknownNameError
from lakipcore.figures import Figure, exact_decimal
from lakipcore.i18n import M_
from lakipcore.lke.design import Design
from lakipcore.lke.scale import Answer
from lakipcore.model.plan import check_year

if TYPE_CHECKING:
    from lakipcore.model.origin import Origin

__all__ = [
    "PrintedEvaluation",
    "PrintedScore",
    "Response",
    "Worksheet",
    "check_response",
    "printed_errors",
]


def _text(value: object, field: str) -> str:
    if not isinstance(value, str):
        raise LakipTypeError(
            M_("{field} must be a str, got {type}", field=field, type=type(value).__name__),
            field=field,
        )
    return value


def _answers(value: Mapping[str, str]) -> Mapping[str, str]:
    if not isinstance(value, Mapping):
        raise LakipTypeError(
            M_(
                "expected the answers as a mapping of layer to answer, got {type}",
                type=type(value).__name__,
            ),
            field="answers",
        )
    for layer, code in value.items():
        _text(layer, "layer")
        _text(code, f"answers.{layer}")
    return MappingProxyType(dict(value))


def _note(value: object) -> str:
    return _text(value, "note")


def _percent(value: object) -> Decimal | None:
    if value is None:
        return None
    number = exact_decimal(value, field="evidence")
    if not 0 <= number <= 100:
        raise InvalidValueError(
            M_("an evidence percentage lies in 0–100, got {value}", value=number),
            field="evidence",
        )
    return number


def _layer_names(value: Iterable[str]) -> tuple[str, ...]:
    return tuple(value)


def _scores(value: Mapping[str, PrintedScore]) -> Mapping[str, PrintedScore]:
    return MappingProxyType(dict(value))


def _origins(value: Mapping[str, Origin]) -> Mapping[str, Origin]:
    return MappingProxyType(dict(value))


@attrs.frozen
class Response:
    """The answers to one criterion: ``answers`` by layer (``{"mandiri": "A", "penilai":
    "BB"}``), the percentage of evidence met where the criterion is read through bands
    (``evidence``), and a note. ``origins`` are where each layer's answer is written."""

    criterion: str
    answers: Mapping[str, str] = attrs.field(converter=_answers)
    evidence: Decimal | None = attrs.field(default=None, converter=_percent, kw_only=True)
    note: str = attrs.field(default="", converter=_note, kw_only=True)
    origin: Origin | None = attrs.field(default=None, eq=False, repr=False, kw_only=True)
    origins: Mapping[str, Origin] = attrs.field(
        factory=dict, converter=_origins, eq=False, repr=False, kw_only=True
    )

    def where(self, layer: str | None = None) -> Origin | None:
        """Where ``layer``'s answer is written (the response's origin when not known)."""
        if layer is not None and layer in self.origins:
            return self.origins[layer]
        return self.origin


@attrs.frozen
class PrintedScore:
    """A score as an evaluation report prints it: the text and its exact value."""

    text: str
    figure: Figure
    origin: Origin | None = attrs.field(default=None, eq=False, repr=False, kw_only=True)

    @property
    def value(self) -> Decimal:
        """The printed value, exactly as printed."""
        return self.figure.value


@attrs.frozen
class PrintedEvaluation:
    """What an LHE or a LAKIP prints of an evaluation: the ``total`` (nilai AKIP), its
    ``predikat``, and component and sub-component scores by id; ``layer`` is the score layer
    the figures belong to, ``source`` where they are printed (document and page)."""

    layer: str
    source: str = ""
    total: PrintedScore | None = None
    predikat: str | None = None
    components: Mapping[str, PrintedScore] = attrs.field(factory=dict, converter=_scores)
    parts: Mapping[str, PrintedScore] = attrs.field(factory=dict, converter=_scores)
    origin: Origin | None = attrs.field(default=None, eq=False, repr=False, kw_only=True)
    predikat_origin: Origin | None = attrs.field(default=None, eq=False, repr=False, kw_only=True)


def _responses(value: Iterable[Response] | Mapping[str, Response]) -> Mapping[str, Response]:
    items = value.values() if isinstance(value, Mapping) else value
    found: dict[str, Response] = {}
    for index, response in enumerate(items):
        if not isinstance(response, Response):
            raise LakipTypeError(
                M_("expected a Response, got {type}", type=type(response).__name__),
                field=f"responses[{index}]",
            )
        if response.criterion in found:
            raise InvalidValueError(
                M_("criterion {id} is answered twice", id=repr(response.criterion)),
                field=f"responses[{index}]",
            )
        found[response.criterion] = response
    return MappingProxyType(found)


def check_response(design: Design, layers: tuple[str, ...], response: Response) -> None:
    """Check ``response`` against ``design`` and the worksheet's ``layers``: an error naming
    the criterion when the design does not have it, a layer is not the worksheet's, or an
    answer is not on the criterion's scale (a reader checks each response so, to report all
    bad answers of a file at once)."""
    if not design.has_criterion(response.criterion):
        raise UnknownNameError(
            M_(
                "criterion {id} is not in the design {design}",
                id=repr(response.criterion),
                design=repr(design.name),
            ),
            field=f"answers.{response.criterion}",
        )
    scale = design.criterion(response.criterion).scale
    for layer, code in response.answers.items():
        if layer not in layers:
            raise UnknownNameError(
                M_(
                    "criterion {id} is answered in layer {layer}, which the worksheet does "
                    "not have; its layers: {layers}",
                    id=repr(response.criterion),
                    layer=repr(layer),
                    layers=", ".join(layers),
                ),
                field=f"answers.{response.criterion}.{layer}",
            )
        if scale.find(code) is None:
            raise UnknownNameError(
                M_(
                    "criterion {id}: {code} is not an answer of scale {scale}; answers: {known}",
                    id=repr(response.criterion),
                    code=repr(code),
                    scale=repr(scale.name),
                    known=scale.codes_text,
                ),
                field=f"answers.{response.criterion}.{layer}",
            )


def printed_errors(
    design: Design, layers: tuple[str, ...], printed: PrintedEvaluation
) -> list[LakipError]:
    """What is wrong with ``printed`` for a worksheet on ``design`` with ``layers``: a layer
    the worksheet does not have, a component or sub-component the design does not have, a
    predikat not of its grades; each error names its field (``printed.components.5``), so
    that a reader places every one at its line."""
    errors: list[LakipError] = []
    if printed.layer not in layers:
        errors.append(
            UnknownNameError(
                M_(
                    "the printed figures belong to layer {layer}, which the worksheet does "
                    "not have; its layers: {layers}",
                    layer=repr(printed.layer),
                    layers=", ".join(layers),
                ),
                field="printed.layer",
            )
        )
    for identifier in printed.components:
        try:
            design.component(identifier)
        except UnknownNameError as error:
            errors.append(error.relocated(field=f"printed.components.{identifier}"))
    for identifier in printed.parts:
        try:
            design.part(identifier)
        except UnknownNameError as error:
            errors.append(error.relocated(field=f"printed.parts.{identifier}"))
    if printed.predikat is not None and printed.predikat not in design.grades.letters:
        errors.append(
            UnknownNameError(
                M_(
                    "the printed predikat {grade} is not a grade of {table}; grades: {known}",
                    grade=repr(printed.predikat),
                    table=repr(design.grades.name),
                    known=", ".join(design.grades.letters),
                ),
                field="printed.predikat",
            )
        )
    return errors


@attrs.frozen(repr=False)
class Worksheet:
    """A unit's answers to a design (module docs): ``unit`` (a code) and ``name``, the
    ``year`` evaluated (a whole number of four digits), the score ``layers`` it has (the
    design's unless given), its ``responses`` by criterion id, and what an evaluation report
    prints of it."""

    design: Design
    unit: str
    responses: Mapping[str, Response] = attrs.field(converter=_responses)
    name: str = ""
    year: int | None = attrs.field(default=None, validator=attrs.validators.optional(check_year))
    layers: tuple[str, ...] = attrs.field(default=(), converter=_layer_names)
    printed: PrintedEvaluation | None = None
    source: str | None = attrs.field(default=None, kw_only=True)
    origin: Origin | None = attrs.field(default=None, eq=False, repr=False, kw_only=True)

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.design, Design):
            raise LakipTypeError(
                M_("expected a Design, got {type}", type=type(self.design).__name__),
                field="design",
            )
        if not isinstance(self.unit, str) or not self.unit.strip():
            raise InvalidValueError(M_("a worksheet needs the unit's code"), field="unit")
        if not self.layers:
            object.__setattr__(self, "layers", self.design.layers)
        if len(set(self.layers)) != len(self.layers):
            raise InvalidValueError(M_("a score layer is named twice"), field="layers")
        for response in self.responses.values():
            check_response(self.design, self.layers, response)
        if self.printed is not None:
            self._check_printed(self.printed)

    def _check_printed(self, printed: PrintedEvaluation) -> None:
        for error in printed_errors(self.design, self.layers, printed):
            raise error

    def __repr__(self) -> str:
        answered = sum(1 for r in self.responses.values() if r.answers)
        return (
            f"<Worksheet {self.unit} {self.year or ''} ({self.design.name}): "
            f"{answered} of {len(self.design.criteria)} criteria answered, layers "
            f"{', '.join(self.layers)}>"
        )

    def layer(self, name: str | None = None) -> str:
        """``name`` if the worksheet has that layer (the last layer, the most reviewed, when
        ``None``); :class:`~lakipcore.UnknownNameError` listing its layers otherwise."""
        if name is None:
            return self.layers[-1]
        if name not in self.layers:
            raise UnknownNameError(
                M_(
                    "the worksheet has no layer {layer}; its layers: {layers}",
                    layer=repr(name),
                    layers=", ".join(self.layers),
                ),
                field="layer",
            )
        return name

    def answer(self, criterion: str, layer: str) -> Answer | None:
        """The answer to ``criterion`` in ``layer``, or ``None`` when it is not answered."""
        response = self.responses.get(criterion)
        if response is None or layer not in response.answers:
            return None
        return self.design.criterion(criterion).scale.answer(response.answers[layer])

    def unanswered(self, layer: str) -> tuple[str, ...]:
        """The ids of the criteria with no answer in ``layer``, in the design's order."""
        return tuple(
            criterion.id
            for criterion in self.design.criteria
            if self.answer(criterion.id, layer) is None
        )

    def with_answers(self, layer: str, answers: Mapping[str, str]) -> Worksheet:
        """A copy with ``answers`` (criterion id → code) set in ``layer``: a what-if."""
        responses = dict(self.responses)
        for criterion, code in answers.items():
            old = responses.get(criterion)
            if old is None:
                responses[criterion] = Response(criterion, {layer: code})
            else:
                responses[criterion] = attrs.evolve(old, answers={**old.answers, layer: code})
        return attrs.evolve(self, responses=responses)
