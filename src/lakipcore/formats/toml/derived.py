"""Reading and writing derived figures (``[[units.periods.KEY.derived]]``, docs/format.md)::

    [[units.periods.2021.derived]]
    key = "ne"
    formula = "pmk22-nilai-efisiensi"
    inputs = { efisiensi = "19,96" }
    parameters = { clamp = true }
    printed = { tabel-3-67 = "99,90" }

    [[units.periods.2021.derived]]
    key = "nka"
    formula = "pmk22-nka"
    inputs = { penyerapan = "95,53", konsistensi = "99,61", capaian_output = "99,72",
               nilai_efisiensi = "@ne" }   # (one line in the file)
    printed = { tabel-3-67 = "87,93" }

An input is a figure as printed (in the report's notation), a list of inputs (rows), or
``"@key"``: a derived figure listed before, in the same block. A parameter is a figure, true or
false, a name, or a table of figures (weights: ``"0,097"``, or ``"9,7%"`` for a percentage
of the whole).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any

from lakipcore.figures import Figure, format_as_printed, format_figure, parse_figure
from lakipcore.formats import document
from lakipcore.formats.toml.methods import weight_value
from lakipcore.formats.toml.notations import place_value
from lakipcore.formats.toml.reader import Reader, Table, join
from lakipcore.i18n import M_
from lakipcore.methods.catalogue import get_formula
from lakipcore.model import DerivedFigure, PrintedFigure, Quantity, Reference
from lakipcore.notation import Notation

__all__ = ["derived_lines", "read_derived"]


def read_derived(reader: Reader, item: Table, path: str) -> DerivedFigure:
    """One derived figure at ``path``; its formula, inputs and parameters checked now."""
    reader.only(item, document.DERIVED, path)
    key = reader.required_text(item, "key", path)
    name = reader.required_text(item, "formula", path)
    with reader.placed(join(path, "formula"), replace=True):
        formula = get_formula(name)
    inputs_table = reader.table(item, "inputs", path)
    inputs = {
        input_name: _input(reader, value, join(join(path, "inputs"), input_name))
        for input_name, value in inputs_table.items()
    }
    known = {i.name for i in formula.inputs}
    for input_name in inputs:
        if input_name not in known:
            choices = ", ".join(repr(n) for n in known)
            raise reader.fail(
                join(join(path, "inputs"), input_name),
                M_(
                    "formula {name} has no input {input_name}; its inputs: {choices}",
                    name=repr(name),
                    input_name=repr(input_name),
                    choices=choices,
                ),
            )
    for needed in known - set(inputs):
        raise reader.fail(
            join(path, "inputs"),
            M_("formula {name} needs the input {needed}", name=repr(name), needed=repr(needed)),
        )
    parameters_table = reader.table(item, "parameters", path, required=False)
    parameters = {
        pname: _parameter(reader, value, join(join(path, "parameters"), pname), pname)
        for pname, value in parameters_table.items()
    }
    with reader.placed(path):
        formula.resolve(parameters)  # unknown names, bad values, weights not summing to 1
    printed = _printed(reader, item, path)
    with reader.placed(path):
        return DerivedFigure(key, name, inputs, parameters, printed, origin=reader.origin(path))


def _input(reader: Reader, value: object, path: str) -> Any:
    if isinstance(value, str) and value.startswith("@"):
        return Reference(value[1:])
    if isinstance(value, str):  # kept whole: its unit, note and signs are written back
        with reader.placed(path, replace=True):
            return parse_figure(value, notation=reader.notation)
    if isinstance(value, list):
        return tuple(_input(reader, item, f"{path}[{index}]") for index, item in enumerate(value))
    raise reader.fail(path, M_("expected a figure as printed, '@key', or a list of them"))


def _figure(reader: Reader, text: str) -> Decimal:
    """A figure's number as printed, in the file's notation (``95,53%`` is 95.53)."""
    return parse_figure(text, notation=reader.notation).value


def _parameter(reader: Reader, value: object, path: str, name: str) -> Any:
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        if value and not value[0].isdigit() and value[0] not in "-−":
            return value  # a name (a gap reading)
        with reader.placed(path, replace=True):
            return _figure(reader, value)
    if isinstance(value, Mapping):  # weights: fractions of the whole, or percentages of it
        weights = {}
        for key, text in value.items():
            if not isinstance(text, str):
                raise reader.fail(join(path, key), M_("expected a weight as printed text"))
            with reader.placed(join(path, key), replace=True):
                figure = parse_figure(text, notation=reader.notation)
            weights[key] = weight_value(figure)
        return weights
    raise reader.fail(
        path,
        M_("expected a figure, true or false, a name or a table, got {value}", value=repr(value)),
    )


def _printed(reader: Reader, item: Table, path: str) -> tuple[PrintedFigure, ...]:
    table = reader.table(item, "printed", path, required=False)
    figures = []
    for place, texts in table.items():
        ppath = join(join(path, "printed"), place)
        figures += reader.printed_place(texts, Quantity.VALUE, place, ppath, path)
    return tuple(figures)


def derived_lines(
    figure: DerivedFigure,
    header: str,
    string: Any,
    key: Any,
    notation: Notation,
    *,
    notations: Callable[[str], Notation] | None = None,
) -> list[str]:
    """The ``[[HEADER]]`` block of ``figure``; ``notations`` gives the notation a figure printed
    in a table (by id) is read in unless it states its own (by default ``notation``)."""

    def value(item: object) -> str:
        if isinstance(item, Reference):
            return str(string(f"@{item.key}"))
        if isinstance(item, tuple):
            return "[" + ", ".join(value(i) for i in item) + "]"
        if isinstance(item, bool):
            return "true" if item else "false"
        if isinstance(item, Figure | Decimal):  # a figure as read, or a number given in Python
            shown = (
                format_figure(item, notation)
                if isinstance(item, Figure)
                else format_as_printed(item, notation)
            )
            return str(string(shown))
        if isinstance(item, Mapping):
            return "{ " + ", ".join(f"{key(k)} = {value(v)}" for k, v in item.items()) + " }"
        return str(string(str(item)))

    lines = ["", f"[[{header}]]", f"key = {string(figure.key)}"]
    lines.append(f"formula = {string(figure.formula)}")
    inputs = ", ".join(f"{key(k)} = {value(v)}" for k, v in figure.inputs.items())
    lines.append(f"inputs = {{ {inputs} }}")
    if figure.parameters:
        parameters = ", ".join(f"{key(k)} = {value(v)}" for k, v in figure.parameters.items())
        lines.append(f"parameters = {{ {parameters} }}")
    grouped: dict[str, list[PrintedFigure]] = {}
    for printed in figure.printed:
        grouped.setdefault(printed.place, []).append(printed)
    if grouped:
        cells = ", ".join(
            f"{key(place)} = "
            + place_value(items, notations(place) if notations else notation, string)
            for place, items in grouped.items()
        )
        lines.append(f"printed = {{ {cells} }}")
    return lines
