"""A worksheet design (*desain LKE*) as data: components, sub-components, criteria, answer scales.

The SAKIP evaluation (PermenPAN-RB 88/2021) scores a unit on a worksheet of criteria grouped
in sub-components (*sub-komponen*), grouped in components (*komponen*). Each component and
sub-component has a weight; the criteria of a sub-component share its weight equally; each
criterion is answered on an answer scale (AA … E with values 100 … 0; Y/T; A–E), and the
answer's value over the scale's full marks is the share of the criterion's weight it earns.

None of this is hard-coded: a design is a versioned, sourced data file (``lakip lke designs``
lists the shipped ones; docs/evaluation.md), read by :mod:`lakipcore.lke.files`, and every
check of its arithmetic is made here, when it is built:

* ids are unique across components, sub-components and criteria (one namespace, so a rule
  or a printed figure can name any of them);
* the components' weights sum exactly to the design's total (100), and each component's
  sub-components' weights to the component's weight;
* every sub-component has a criterion, every criterion a scale, every rule known ids.

Weights are exact: a criterion of a sub-component of seven criteria carries exactly a seventh
of its weight (a :class:`~fractions.Fraction`), never a rounded 14,29 %.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from decimal import Decimal
from fractions import Fraction
from types import MappingProxyType
from typing import TYPE_CHECKING

import attrs

from lakipcore._exact import total
from lakipcore._names import NamedEnum, enum_field
from lakipcore.errors import InvalidValueError, LakipTypeError, UnknownNameError
from lakipcore.i18n import M_
from lakipcore.lke.fields import (
    name_field,
    optional_guidance,
    optional_message,
    optional_source,
    optional_weight,
    required_criterion,
    required_id,
    required_name,
    required_source,
    required_text,
    required_title,
    required_version,
    str_fields,
    weight_field,
)
from lakipcore.lke.scale import Answer, AnswerScale
from lakipcore.surveys.grades import GradeTable, get_grade_table

if TYPE_CHECKING:
    from lakipcore.model.origin import Origin

__all__ = [
    "Answer",
    "AnswerScale",
    "Component",
    "Criterion",
    "Design",
    "LogicRule",
    "Part",
    "RuleKind",
    "UnansweredPolicy",
]


class UnansweredPolicy(NamedEnum):
    """What a criterion without an answer counts for. Whatever the policy, the audit and every
    output name the unanswered criteria."""

    __what__ = "unanswered-criterion policy"

    ERROR = "error"
    """Nothing: scoring refuses a worksheet with an unanswered criterion, naming each (the
    default: the open apps that count it as 0 hide the gap in a lower total)."""
    ZERO = "zero"
    """An unanswered criterion earns nothing: it counts as 0 in its sub-component's mean."""
    RENORMALISE = "renormalise"
    """An unanswered criterion is left out: its sub-component's mean is taken over the answered
    criteria, and a sub-component (or component) with none answered is left out of its parent,
    whose other parts are scaled up to the parent's weight."""


class RuleKind(NamedEnum):
    """How a consistency rule (*kerangka logis*) limits a criterion's answer. Answers are
    compared as shares of full marks, so criteria on different scales compare fairly."""

    __what__ = "rule kind"

    NOT_ABOVE = "not-above"
    """The criterion must not score above another criterion (a Renja cannot score above the
    Renstra it follows)."""
    NOT_ABOVE_HIGHEST = "not-above-highest"
    """The criterion must not score above all of several criteria: at most the highest of
    them."""
    NOT_ABOVE_MEAN = "not-above-mean"
    """The criterion must not score above the mean of the answered criteria of a
    sub-component, or of several criteria."""


def _sums_to(weights: Iterable[Decimal], expected: Decimal) -> bool:
    """Whether ``weights`` sum exactly to ``expected``: compared as fractions, so whatever
    their digits, and never in the caller's ``decimal`` context (which would round the sum,
    set its flags or trap ``Inexact``)."""
    return sum((Fraction(weight) for weight in weights), Fraction(0)) == Fraction(expected)


def _criteria(value: Iterable[Criterion]) -> tuple[Criterion, ...]:
    return tuple(value)


def _parts(value: Iterable[Part]) -> tuple[Part, ...]:
    return tuple(value)


def _components(value: Iterable[Component]) -> tuple[Component, ...]:
    return tuple(value)


def _rules(value: Iterable[LogicRule]) -> tuple[LogicRule, ...]:
    return tuple(value)


@attrs.frozen
class Criterion:
    """One criterion: its id (``"1.a.3"``), its text, the scale it is answered on, the
    guidance (*penjelasan*) and the evidence (*bukti dukung*) the design asks for."""

    id: str = attrs.field(converter=required_id)
    text: str = attrs.field(converter=required_text)
    scale: AnswerScale
    guidance: str = attrs.field(default="", converter=optional_guidance, kw_only=True)
    evidence: tuple[str, ...] = attrs.field(default=(), converter=str_fields, kw_only=True)
    weight: Decimal | None = attrs.field(default=None, converter=optional_weight, kw_only=True)
    """Its own weight, where the design does not weight a sub-component's criteria equally
    (PermenPAN-RB 12/2015's capaian criteria); ``None``: an equal share."""
    origin: Origin | None = attrs.field(default=None, eq=False, repr=False, kw_only=True)

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.scale, AnswerScale):
            raise LakipTypeError(
                M_("expected an AnswerScale, got {type}", type=type(self.scale).__name__),
                field="scale",
            )


@attrs.frozen
class Part:
    """A sub-component: its id, name and weight (points of the total), and its criteria,
    which share the weight equally unless each states its own weight (then all do, and
    their weights sum to the sub-component's)."""

    id: str = attrs.field(converter=required_id)
    name: str = attrs.field(converter=required_name)
    weight: Decimal = attrs.field(converter=weight_field)
    criteria: tuple[Criterion, ...] = attrs.field(converter=_criteria)
    origin: Origin | None = attrs.field(default=None, eq=False, repr=False, kw_only=True)

    def __attrs_post_init__(self) -> None:
        if not self.criteria:
            raise InvalidValueError(
                M_("sub-component {id} has no criteria", id=repr(self.id)), field="criteria"
            )
        for index, criterion in enumerate(self.criteria):
            if not isinstance(criterion, Criterion):
                raise LakipTypeError(
                    M_("expected a Criterion, got {type}", type=type(criterion).__name__),
                    field=f"criteria[{index}]",
                )
        own = [criterion.weight for criterion in self.criteria if criterion.weight is not None]
        if own and len(own) != len(self.criteria):
            raise InvalidValueError(
                M_(
                    "sub-component {id}: either every criterion states its weight or none does",
                    id=repr(self.id),
                ),
                field="criteria",
            )
        if own and not _sums_to(own, self.weight):
            raise InvalidValueError(
                M_(
                    "the weights of the criteria of sub-component {id} sum to {sum}, not to its "
                    "weight {weight}",
                    id=repr(self.id),
                    sum=total(own),
                    weight=self.weight,
                ),
                field="criteria",
            )

    def weight_of(self, criterion: Criterion) -> Fraction:
        """The weight ``criterion`` carries, exactly: its own, else an equal share of the
        sub-component's (a seventh of 6 points is 6/7)."""
        if criterion.weight is not None:
            return Fraction(criterion.weight)
        return Fraction(self.weight) / len(self.criteria)


@attrs.frozen
class Component:
    """A component: its id, name and weight, and its sub-components (whose weights sum to
    its weight)."""

    id: str = attrs.field(converter=required_id)
    name: str = attrs.field(converter=required_name)
    weight: Decimal = attrs.field(converter=weight_field)
    parts: tuple[Part, ...] = attrs.field(converter=_parts)
    origin: Origin | None = attrs.field(default=None, eq=False, repr=False, kw_only=True)

    def __attrs_post_init__(self) -> None:
        if not self.parts:
            raise InvalidValueError(
                M_("component {id} has no sub-components", id=repr(self.id)), field="parts"
            )
        for index, part in enumerate(self.parts):
            if not isinstance(part, Part):
                raise LakipTypeError(
                    M_("expected a Part, got {type}", type=type(part).__name__),
                    field=f"parts[{index}]",
                )
        parts = [part.weight for part in self.parts]
        if not _sums_to(parts, self.weight):
            raise InvalidValueError(
                M_(
                    "the weights of the sub-components of component {id} sum to {sum}, not "
                    "to its weight {weight}",
                    id=repr(self.id),
                    sum=total(parts),
                    weight=self.weight,
                ),
                field="parts",
            )


def _limit(value: str | Iterable[str]) -> tuple[str, ...]:
    ids = (value,) if isinstance(value, str) else tuple(value)
    if not ids:
        raise InvalidValueError(M_("a rule needs the id it is limited by"), field="limit")
    return tuple(name_field(identifier, "limit") for identifier in ids)


@attrs.frozen
class LogicRule:
    """A consistency rule between criteria (*kerangka logis*): ``criterion`` must not score
    above what ``limit`` (one id or several) allows under ``kind`` (:class:`RuleKind`).
    ``message`` is the design's own words for a breach; ``source`` where the rule comes from."""

    id: str = attrs.field(converter=required_id)
    kind: RuleKind = attrs.field(validator=enum_field(RuleKind, "kind"))
    criterion: str = attrs.field(converter=required_criterion)
    limit: tuple[str, ...] = attrs.field(converter=_limit)
    message: str = attrs.field(default="", converter=optional_message)
    source: str = attrs.field(default="", converter=optional_source, kw_only=True)
    origin: Origin | None = attrs.field(default=None, eq=False, repr=False, kw_only=True)


def _layers(value: Iterable[str]) -> tuple[str, ...]:
    layers = tuple(name_field(layer, "layers") for layer in value)
    if not layers:
        raise InvalidValueError(M_("a design needs at least one score layer"), field="layers")
    if len(set(layers)) != len(layers):
        raise InvalidValueError(M_("a score layer is named twice"), field="layers")
    return layers


@attrs.frozen(repr=False)
class Design:
    """A worksheet design: versioned, sourced, its weights checked exactly (module docs).

    ``grades`` is the predikat table of the total (a :class:`~lakipcore.surveys.GradeTable` or
    a preset name), ``layers`` the score layers a worksheet of it has by default (``mandiri``,
    ``penilai``), ``unanswered`` its policy for a criterion left unanswered, ``unverified``
    what of it could not be checked against the regulation's own text.
    """

    name: str = attrs.field(converter=required_name)
    title: str = attrs.field(converter=required_title)
    version: str = attrs.field(converter=required_version)
    source: str = attrs.field(converter=required_source)
    components: tuple[Component, ...] = attrs.field(converter=_components)
    grades: GradeTable = attrs.field(converter=get_grade_table)
    layers: tuple[str, ...] = attrs.field(default=("mandiri", "penilai"), converter=_layers)
    unanswered: UnansweredPolicy = attrs.field(
        default=UnansweredPolicy.ERROR, validator=enum_field(UnansweredPolicy, "unanswered")
    )
    rules: tuple[LogicRule, ...] = attrs.field(default=(), converter=_rules)
    unverified: tuple[str, ...] = attrs.field(default=(), converter=str_fields)
    total: Decimal = attrs.field(default=Decimal(100), converter=weight_field, kw_only=True)
    origin: Origin | None = attrs.field(default=None, eq=False, repr=False, kw_only=True)
    _criteria: Mapping[str, tuple[Component, Part, Criterion]] = attrs.field(
        init=False, eq=False, repr=False
    )
    _parts: Mapping[str, tuple[Component, Part]] = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        if not self.components:
            raise InvalidValueError(M_("a design needs a component"), field="components")
        seen: set[str] = set()
        criteria: dict[str, tuple[Component, Part, Criterion]] = {}
        parts: dict[str, tuple[Component, Part]] = {}

        def claim(identifier: str, field: str) -> None:
            if identifier in seen:
                raise InvalidValueError(
                    M_("the id {id} is used twice in the design", id=repr(identifier)),
                    field=field,
                )
            seen.add(identifier)

        for c, component in enumerate(self.components):
            if not isinstance(component, Component):
                raise LakipTypeError(
                    M_("expected a Component, got {type}", type=type(component).__name__),
                    field=f"components[{c}]",
                )
            claim(component.id, f"components[{c}].id")
            for p, part in enumerate(component.parts):
                claim(part.id, f"components[{c}].parts[{p}].id")
                parts[part.id] = (component, part)
                for k, criterion in enumerate(part.criteria):
                    claim(criterion.id, f"components[{c}].parts[{p}].criteria[{k}].id")
                    criteria[criterion.id] = (component, part, criterion)
        weights = [component.weight for component in self.components]
        if not _sums_to(weights, self.total):
            raise InvalidValueError(
                M_(
                    "the weights of the components sum to {sum}, not to the design's total {total}",
                    sum=total(weights),
                    total=self.total,
                ),
                field="components",
            )
        object.__setattr__(self, "_criteria", MappingProxyType(criteria))
        object.__setattr__(self, "_parts", MappingProxyType(parts))
        for r, rule in enumerate(self.rules):
            self._check_rule(rule, f"rules[{r}]")

    def _check_rule(self, rule: LogicRule, field: str) -> None:
        if not isinstance(rule, LogicRule):
            raise LakipTypeError(
                M_("expected a LogicRule, got {type}", type=type(rule).__name__), field=field
            )
        if rule.criterion not in self._criteria:
            raise UnknownNameError(
                M_(
                    "rule {rule} names criterion {id}, which the design does not have",
                    rule=repr(rule.id),
                    id=repr(rule.criterion),
                ),
                field=f"{field}.criterion",
            )
        one_part = (
            rule.kind is RuleKind.NOT_ABOVE_MEAN
            and len(rule.limit) == 1
            and rule.limit[0] in self._parts
        )
        if rule.kind is RuleKind.NOT_ABOVE and len(rule.limit) != 1:
            raise InvalidValueError(
                M_(
                    "rule {rule} of kind not-above is limited by one criterion; for several "
                    "use not-above-highest or not-above-mean",
                    rule=repr(rule.id),
                ),
                field=f"{field}.limit",
            )
        for identifier in () if one_part else rule.limit:
            if identifier not in self._criteria:
                raise UnknownNameError(
                    M_(
                        "rule {rule} is limited by {id}, which is not a criterion of the "
                        "design{hint}",
                        rule=repr(rule.id),
                        id=repr(identifier),
                        hint=M_(" (a sub-component limits only a not-above-mean rule)")
                        if identifier in self._parts
                        else "",
                    ),
                    field=f"{field}.limit",
                )

    def limit_criteria(self, rule: LogicRule) -> tuple[Criterion, ...]:
        """The criteria whose answers limit ``rule``'s criterion: the sub-component's when
        the rule names one, else the criteria it names."""
        if len(rule.limit) == 1 and rule.limit[0] in self._parts:
            return self._parts[rule.limit[0]][1].criteria
        return tuple(self._criteria[identifier][2] for identifier in rule.limit)

    def __repr__(self) -> str:
        return (
            f"<Design {self.name}: {len(self.components)} components, "
            f"{len(self._parts)} sub-components, {len(self._criteria)} criteria>"
        )

    @property
    def criteria(self) -> tuple[Criterion, ...]:
        """Every criterion, in the design's order."""
        return tuple(entry[2] for entry in self._criteria.values())

    @property
    def parts(self) -> tuple[Part, ...]:
        """Every sub-component, in the design's order."""
        return tuple(entry[1] for entry in self._parts.values())

    def walk(self) -> Iterator[tuple[Component, Part, Criterion]]:
        """Every criterion with its component and sub-component, in the design's order."""
        return iter(self._criteria.values())

    def has_criterion(self, identifier: str) -> bool:
        """Whether the design has a criterion with this id."""
        return identifier in self._criteria

    def criterion(self, identifier: str) -> Criterion:
        """The criterion with this id; :class:`~lakipcore.UnknownNameError` otherwise."""
        return self.locate(identifier)[2]

    def locate(self, identifier: str) -> tuple[Component, Part, Criterion]:
        """The criterion with this id, with its component and sub-component."""
        found = self._criteria.get(identifier)
        if found is None:
            raise UnknownNameError(
                M_(
                    "the design {design} has no criterion {id}",
                    design=repr(self.name),
                    id=repr(identifier),
                ),
                field="criterion",
            )
        return found

    def part(self, identifier: str) -> Part:
        """The sub-component with this id; :class:`~lakipcore.UnknownNameError` otherwise."""
        found = self._parts.get(identifier)
        if found is None:
            raise UnknownNameError(
                M_(
                    "the design {design} has no sub-component {id}",
                    design=repr(self.name),
                    id=repr(identifier),
                ),
                field="part",
            )
        return found[1]

    def component(self, identifier: str) -> Component:
        """The component with this id; :class:`~lakipcore.UnknownNameError` otherwise."""
        for component in self.components:
            if component.id == identifier:
                return component
        raise UnknownNameError(
            M_(
                "the design {design} has no component {id}",
                design=repr(self.name),
                id=repr(identifier),
            ),
            field="component",
        )
