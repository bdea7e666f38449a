"""The data a catalogue entry is made of: parameters, inputs, sources, worked examples.

Everything here is frozen data. An entry's ``function`` is pure: it takes the converted inputs
and the resolved parameters and returns an unrounded ``Decimal``; it never reads the caller's
``decimal`` context (all arithmetic goes through :mod:`lakipcore._exact`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from types import MappingProxyType
from typing import Any

import attrs

from lakipcore._exact import ONE, ZERO, total
from lakipcore.errors import InvalidValueError, LakipError, LakipTypeError, UnknownNameError
from lakipcore.figures import exact_decimal
from lakipcore.i18n import M_

__all__ = [
    "REQUIRED",
    "Example",
    "Input",
    "NamedFormula",
    "Parameter",
    "Source",
    "check_choice",
    "check_flag",
    "check_optional_positive",
    "check_positive",
    "check_weights",
    "number",
    "numbers",
    "pairs",
    "programs",
    "rows",
]


class _Required:
    """The default of a parameter that has none: the caller must give it."""

    def __repr__(self) -> str:
        return "REQUIRED"


REQUIRED: Any = _Required()
"""Marks a :class:`Parameter` without a default."""


@attrs.frozen
class Source:
    """Where a formula comes from.

    ``document`` names the regulation or report, ``location`` the article, annex or page,
    ``url`` where the text was read. ``verified`` is False when the text of the formula itself
    could not be read there, so the entry follows a secondary source or a documented
    convention (``note`` says which and why).
    """

    document: str
    location: str
    url: str | None
    verified: bool
    note: str = ""


@attrs.frozen
class Example:
    """A worked example: ``inputs`` and ``parameters`` give ``result`` (exact, unrounded).

    ``printed`` is the figure as the source prints it (``"94,87%"``), ``url`` the page that
    prints it, and ``note`` anything a reader must know (a rounded input, a truncated table).
    """

    inputs: Mapping[str, Any]
    result: Decimal
    printed: str | None
    url: str | None
    parameters: Mapping[str, Any] = attrs.field(factory=dict)
    note: str = ""


Converter = Callable[[object, str], Any]
"""Turns a raw input or parameter value into its checked form; ``str`` is the field path."""


@attrs.frozen
class Parameter:
    """A named setting of a formula, with its type, default and check.

    ``check`` converts and validates a given value (raising a lakipcore error naming ``field``);
    ``default`` is used when the caller gives none, :data:`REQUIRED` when there is no default.
    """

    name: str
    type: str
    meaning: str
    check: Converter
    default: Any = REQUIRED

    @property
    def required(self) -> bool:
        """Whether the caller must give this parameter."""
        return self.default is REQUIRED


@attrs.frozen
class Input:
    """A named input of a formula (a figure, or a list of rows of figures)."""

    name: str
    type: str
    meaning: str
    convert: Converter


@attrs.frozen
class NamedFormula:
    """One entry of the formula catalogue: its name, meaning, data and the function itself.

    ``exact`` is False for the one entry whose result is irrational (a geometric mean): it is
    rounded once, at 60 significant digits, instead of being exact.
    """

    name: str
    meaning: str
    inputs: tuple[Input, ...]
    parameters: tuple[Parameter, ...]
    source: Source
    example: Example
    function: Callable[[Mapping[str, Any], Mapping[str, Any]], Decimal] = attrs.field(repr=False)
    exact: bool = True
    formula: str = ""

    def resolve(self, parameters: Mapping[str, object] | None = None) -> Mapping[str, Any]:
        """The checked parameters: the given ones, the defaults for the rest.

        An unknown name is an :class:`UnknownNameError` listing the known ones; a missing
        required parameter or a bad value is an :class:`InvalidValueError` naming
        ``parameters.NAME``.
        """
        given = dict(parameters or {})
        known = {p.name: p for p in self.parameters}
        for name in given:
            if name not in known:
                choices = ", ".join(repr(n) for n in known) or "none"
                raise UnknownNameError(
                    M_(
                        "formula {name} has no parameter {name2}; its parameters: {choices}",
                        name=repr(self.name),
                        name2=repr(name),
                        choices=choices,
                    ),
                    field=f"parameters.{name}",
                )
        resolved: dict[str, Any] = {}
        for parameter in self.parameters:
            field = f"parameters.{parameter.name}"
            if parameter.name in given:
                resolved[parameter.name] = parameter.check(given[parameter.name], field)
            elif parameter.required:
                raise InvalidValueError(
                    M_(
                        "formula {name} needs the parameter {name2} ({meaning})",
                        name=repr(self.name),
                        name2=repr(parameter.name),
                        meaning=parameter.meaning,
                    ),
                    field=field,
                )
            else:
                resolved[parameter.name] = parameter.default
        return MappingProxyType(resolved)

    def convert_inputs(self, inputs: Mapping[str, object]) -> Mapping[str, Any]:
        """The checked inputs; an unknown or missing one is an error naming ``inputs.NAME``."""
        known = {i.name: i for i in self.inputs}
        for name in inputs:
            if name not in known:
                choices = ", ".join(repr(n) for n in known)
                raise UnknownNameError(
                    M_(
                        "formula {name} has no input {name2}; its inputs: {choices}",
                        name=repr(self.name),
                        name2=repr(name),
                        choices=choices,
                    ),
                    field=f"inputs.{name}",
                )
        converted: dict[str, Any] = {}
        for item in self.inputs:
            field = f"inputs.{item.name}"
            if item.name not in inputs:
                raise InvalidValueError(
                    M_(
                        "formula {name} needs the input {name2} ({meaning})",
                        name=repr(self.name),
                        name2=repr(item.name),
                        meaning=item.meaning,
                    ),
                    field=field,
                )
            converted[item.name] = item.convert(inputs[item.name], field)
        return MappingProxyType(converted)

    def evaluate(
        self, inputs: Mapping[str, object], parameters: Mapping[str, object] | None = None
    ) -> Decimal:
        """The formula's unrounded result for ``inputs`` under ``parameters``."""
        resolved = self.resolve(parameters)
        converted = self.convert_inputs(inputs)
        try:
            return self.function(converted, resolved)
        except LakipError as error:
            # The pure functions name their own argument ("target"); say which input it was.
            if error.field is not None and not error.field.startswith(("inputs.", "parameters.")):
                raise error.relocated(field=f"inputs.{error.field}") from None
            raise


# -- converters: each turns a raw value into its checked form, naming the field on error ----


def number(value: object, field: str) -> Decimal:
    """One exact figure (``Decimal`` or ``int``)."""
    return exact_decimal(value, field=field)


def _sequence(value: object, field: str) -> Sequence[object]:
    if isinstance(value, (str, bytes)) or not isinstance(value, Sequence):
        raise LakipTypeError(
            M_("expected a list, got {type}", type=type(value).__name__), field=field
        )
    return value


def numbers(value: object, field: str) -> tuple[Decimal, ...]:
    """A non-empty list of exact figures."""
    items = _sequence(value, field)
    if not items:
        raise InvalidValueError(M_("expected at least one figure"), field=field)
    return tuple(exact_decimal(item, field=f"{field}[{i}]") for i, item in enumerate(items))


def rows(width: int) -> Converter:
    """A converter for a non-empty list of rows of ``width`` exact figures each."""

    def convert(value: object, field: str) -> tuple[tuple[Decimal, ...], ...]:
        items = _sequence(value, field)
        if not items:
            raise InvalidValueError(M_("expected at least one row"), field=field)
        result = []
        for i, row in enumerate(items):
            cells = _sequence(row, f"{field}[{i}]")
            if len(cells) != width:
                raise InvalidValueError(
                    M_(
                        "expected {width} figures in a row, got {count}",
                        width=width,
                        count=len(cells),
                    ),
                    field=f"{field}[{i}]",
                )
            result.append(
                tuple(exact_decimal(c, field=f"{field}[{i}][{j}]") for j, c in enumerate(cells))
            )
        return tuple(result)

    return convert


pairs = rows(2)
"""A non-empty list of ``(target, realisation)`` pairs."""


def _non_empty(value: object, field: str, what: str) -> Sequence[object]:
    items = _sequence(value, field)
    if not items:
        raise InvalidValueError(M_("expected at least one {what}", what=what), field=field)
    return items


def programs(value: object, field: str) -> tuple[tuple[tuple[tuple[Decimal, ...], ...], ...], ...]:
    """Programs, each a non-empty list of outputs, each a non-empty list of pairs."""
    return tuple(
        tuple(
            pairs(output, f"{field}[{p}][{o}]")
            for o, output in enumerate(_non_empty(program, f"{field}[{p}]", "output"))
        )
        for p, program in enumerate(_non_empty(value, field, "program"))
    )


# -- parameter checks ------------------------------------------------------------------------


def check_positive(value: object, field: str) -> Decimal:
    """A figure greater than zero (a cap, a bound)."""
    result = exact_decimal(value, field=field)
    if result <= ZERO:
        raise InvalidValueError(
            M_("must be greater than 0, got {result}", result=result), field=field
        )
    return result


def check_optional_positive(value: object, field: str) -> Decimal | None:
    """``None`` (no limit) or a figure greater than zero."""
    return None if value is None else check_positive(value, field)


def check_flag(value: object, field: str) -> bool:
    """A ``bool`` (``1`` or ``"yes"`` are refused: a typo should not switch a rule)."""
    if not isinstance(value, bool):
        raise LakipTypeError(
            M_("expected true or false, got {value}", value=repr(value)), field=field
        )
    return value


def check_choice(*choices: str) -> Converter:
    """A check accepting one of ``choices`` (the names of a policy)."""

    def check(value: object, field: str) -> str:
        if not isinstance(value, str) or value not in choices:
            known = ", ".join(repr(c) for c in choices)
            raise UnknownNameError(
                M_(
                    "unknown choice {value}; expected one of {known}",
                    value=repr(value),
                    known=known,
                ),
                field=field,
            )
        return value

    return check


def check_weights(*names: str) -> Converter:
    """A check for a mapping of exactly ``names`` to non-negative weights summing to 1 exactly."""

    def check(value: object, field: str) -> Mapping[str, Decimal]:
        if not isinstance(value, Mapping):
            raise LakipTypeError(
                M_("expected a table of weights, got {type}", type=type(value).__name__),
                field=field,
            )
        for name in value:
            if name not in names:
                known = ", ".join(repr(n) for n in names)
                raise UnknownNameError(
                    M_("unknown weight {name}; expected {known}", name=repr(name), known=known),
                    field=f"{field}.{name}",
                )
        weights: dict[str, Decimal] = {}
        for name in names:
            if name not in value:
                raise InvalidValueError(
                    M_("missing the weight {name}", name=repr(name)), field=f"{field}.{name}"
                )
            weight = exact_decimal(value[name], field=f"{field}.{name}")
            if weight < ZERO:
                raise InvalidValueError(
                    M_("a weight must not be negative, got {weight}", weight=weight),
                    field=f"{field}.{name}",
                )
            weights[name] = weight
        # Exactly 1, not "about 1": 0,097 + 0,182 + 0,435 + 0,286 is 1 exactly in Decimal,
        # and a weight table that is off by 0,001 is a typo the audit should not absorb.
        weight_sum = total(weights.values())
        if weight_sum != ONE:
            parts = " + ".join(str(w) for w in weights.values())
            raise InvalidValueError(
                M_(
                    "weights must sum to 1, got {parts} = {weight_sum}",
                    parts=parts,
                    weight_sum=weight_sum,
                ),
                field=field,
            )
        return MappingProxyType(weights)

    return check
