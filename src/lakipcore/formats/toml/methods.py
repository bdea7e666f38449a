"""Reading and writing the scoring methods a report file defines (``[methods.NAME]``).

A method is written out part by part, each part by its name (docs/format.md)::

    [methods.rata-rata-unit]
    base = "mean-of-units"            # optional: start from a preset and change some parts
    description = "Rata-rata capaian unit"
    achievement = "mean-of-unit-means"
    absorption = "total-amounts"
    lower-is-better = "inverse-ratio"
    cap = "120%"
    zero-target = "exclude"
    rounding = "truncate"
    weights = { achievement = "60%", absorption = "40%" }
    plausibility = { percent-realisation = "150%", capaian = "250%", slip-factor = false }

A weight written with ``%`` is a percentage (``60%`` is 0,6); without, a fraction (``0,6``).
The cap is a percentage and is written with ``%``. The plausibility bounds of the audit's
warnings (docs/audit.md) are percentages but ``slip-factor``, a plain number; ``false`` turns a
check off (a percentage turns on ``count-capaian``, off by default), and a bound not written
keeps its default (so a method is written with the bounds it changes only).
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

import attrs

from lakipcore._exact import HUNDRED, div
from lakipcore.errors import InvalidValueError
from lakipcore.figures import Figure, format_as_printed
from lakipcore.formats import document
from lakipcore.formats.toml.reader import Reader, Table, join
from lakipcore.i18n import M_
from lakipcore.methods import (
    DEFAULT_PLAUSIBILITY,
    AbsorptionAggregation,
    AbsorptionBase,
    AchievementAggregation,
    PerformanceWeights,
    Plausibility,
    ScoringMethod,
    ZeroTargetPolicy,
    get_method,
)
from lakipcore.methods.formulas import Formula
from lakipcore.methods.presets import ALIASES, PRESETS
from lakipcore.model.codes import check_code
from lakipcore.notation import Notation
from lakipcore.rounding import Rounding

__all__ = ["method_lines", "read_methods", "weight_value"]

# The file's name of each part, and the enum that reads it.
_ENUM_PARTS: Mapping[str, tuple[str, Any]] = {
    "achievement": ("achievement", AchievementAggregation),
    "absorption": ("absorption", AbsorptionAggregation),
    "lower-is-better": ("lower_is_better", Formula),
    "zero-target": ("zero_target", ZeroTargetPolicy),
    "rounding": ("rounding", Rounding),
    "absorption-base": ("absorption_base", AbsorptionBase),
}


def read_methods(reader: Reader, data: Table) -> tuple[ScoringMethod, ...]:
    """The methods of the file's ``[methods]`` table, in file order; errors are collected."""
    table = reader.table(data, "methods", "", required=False)
    methods = []
    for name, item in table.items():
        path = join("methods", name)
        built = reader.collect(functools.partial(_method, reader, name, item, path))
        if built is not None:
            methods.append(built)
    return tuple(methods)


def _method(reader: Reader, name: str, item: object, path: str) -> ScoringMethod:
    if not isinstance(item, Mapping):
        raise reader.fail(path, M_("expected a table of the method's parts"))
    with reader.placed(path, replace=True):
        check_code(name, "method", field="name")
    if name in PRESETS or name in ALIASES:
        raise reader.fail(
            path, M_("{name} is the name of a preset; give the method its own", name=repr(name))
        )
    reader.only(item, document.METHOD, path)
    base_name = reader.text(item, "base", path, required=False)
    with reader.placed(join(path, "base"), replace=True):
        base = get_method(base_name) if base_name is not None else ScoringMethod(name=name)
    parts: dict[str, Any] = {"name": name}
    description = reader.text(item, "description", path, required=False)
    parts["description"] = description if description is not None else base.description
    for key, (attribute, enum) in _ENUM_PARTS.items():
        text = reader.text(item, key, path, required=False)
        if text is not None:
            with reader.placed(join(path, key), replace=True):
                parts[attribute] = enum.from_name(text)
    if "cap" in item:
        cap = reader.figure(item, "cap", path)
        if not cap.percent or cap.unit or cap.note or cap.currency:
            raise reader.fail(
                join(path, "cap"),
                M_("write the cap as a percentage ('120%'), got {text}", text=repr(cap.text)),
            )
        parts["cap"] = cap.value
    if "weights" in item:
        parts["weights"] = _weights(reader, item, join(path, "weights"))
    if "plausibility" in item:
        parts["plausibility"] = _plausibility(reader, item, join(path, "plausibility"))
    with reader.placed(path):
        return attrs.evolve(base, **parts)


def _weights(reader: Reader, item: Table, path: str) -> PerformanceWeights:
    table = reader.table(item, "weights", path.rpartition(".")[0])
    reader.only(table, document.WEIGHTS, path)
    values = {}
    for key in ("achievement", "absorption"):
        figure = reader.figure(table, key, path)
        if figure.unit or figure.note or figure.currency:
            raise reader.fail(
                join(path, key),
                M_("a weight is a number or a percentage, got {text}", text=repr(figure.text)),
            )
        values[key] = weight_value(figure)
    with reader.placed(path, replace=True):
        return PerformanceWeights(values["achievement"], values["absorption"])


# The file's name of each plausibility bound, its attribute, and whether it is a percentage.
_BOUNDS: Mapping[str, tuple[str, bool]] = {
    "percent-realisation": ("percent_realisation", True),
    "capaian": ("capaian", True),
    "count-capaian": ("count_capaian", True),
    "indicator-share": ("indicator_share", True),
    "slip-factor": ("slip_factor", False),
}


def _plausibility(reader: Reader, item: Table, path: str) -> Plausibility:
    table = reader.table(item, "plausibility", path.rpartition(".")[0])
    reader.only(table, document.PLAUSIBILITY, path)
    bounds: dict[str, Decimal | None] = {}
    for key, (attribute, percent) in _BOUNDS.items():
        if key not in table:
            continue
        if table[key] is False:
            bounds[attribute] = None
            continue
        figure = reader.figure(table, key, path)
        if figure.percent != percent or figure.unit or figure.note or figure.currency:
            shape = "a percentage ('150%')" if percent else "a plain number ('100')"
            raise reader.fail(
                join(path, key),
                M_("write {key} as {shape}, or false to turn it off", key=key, shape=shape),
            )
        bounds[attribute] = figure.value
    with reader.placed(path, replace=True):
        return attrs.evolve(DEFAULT_PLAUSIBILITY, **bounds)


def _plausibility_line(plausibility: Plausibility, string: Any, notation: Notation) -> str:
    """``plausibility = { … }`` with the bounds that differ from the defaults."""
    parts = []
    for key, (attribute, percent) in _BOUNDS.items():
        value = getattr(plausibility, attribute)
        if value == getattr(DEFAULT_PLAUSIBILITY, attribute):
            continue
        if value is None:
            parts.append(f"{key} = false")
        else:
            parts.append(
                f"{key} = {string(format_as_printed(value, notation) + ('%' if percent else ''))}"
            )
    return f"plausibility = {{ {', '.join(parts)} }}"


def weight_value(figure: Figure) -> Decimal:
    """A weight as written: ``60%`` is a percentage of the whole (0,6), ``0,6`` a fraction."""
    return div(figure.value, HUNDRED) if figure.percent else figure.value


def method_lines(
    method: ScoringMethod, string: Any, notation: Notation = Notation.INDONESIAN
) -> list[str]:
    """The ``[methods.NAME]`` table of ``method``, every part written out (so the file says
    what it means without the reader knowing the defaults); ``string`` quotes a TOML string."""
    if method.name in PRESETS or method.name in ALIASES:  # pragma: no cover - Report refuses
        raise InvalidValueError(M_("{name} is a preset", name=repr(method.name)), field="methods")
    lines = [f"[methods.{method.name}]"]
    if method.description:
        lines.append(f"description = {string(method.description)}")
    lines += [
        f"achievement = {string(method.achievement.value)}",
        f"absorption = {string(method.absorption.value)}",
        f"lower-is-better = {string(method.lower_is_better.value)}",
    ]
    if method.cap is not None:
        lines.append(f"cap = {string(format_as_printed(method.cap, notation) + '%')}")
    lines += [
        f"zero-target = {string(method.zero_target.value)}",
        f"rounding = {string(method.rounding.value)}",
        f"absorption-base = {string(method.absorption_base.value)}",
        f"weights = {{ achievement = "
        f"{string(format_as_printed(method.weights.achievement, notation))}, "
        f"absorption = {string(format_as_printed(method.weights.absorption, notation))} }}",
    ]
    if method.plausibility != DEFAULT_PLAUSIBILITY:
        lines.append(_plausibility_line(method.plausibility, string, notation))
    return lines
