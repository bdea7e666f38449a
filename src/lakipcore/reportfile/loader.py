"""Reading report files (docs/format.md) into the model.

The loader is strict: an unknown key is an error (it is usually a typo that would otherwise drop
data silently), and every error names the file and the path of the field, e.g.
``banten.toml: units[2].indicators[0].years.2019.target: '7.1' is not a figure ...``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

from lakipcore.errors import InvalidValueError, LakipError, ReportFileError
from lakipcore.figures import Figure, NotTargeted, parse_cell, parse_figure
from lakipcore.model import (
    Budget,
    BudgetLine,
    BudgetOutput,
    Formula,
    Indicator,
    MeasureKind,
    OfficeYear,
    Place,
    Polarity,
    PrintedFigure,
    Quantity,
    Realisation,
    Report,
    ReportedAbsorption,
    Target,
    UnitPerformance,
)
from lakipcore.reportfile.evidence import read_evidence, read_rule, read_supports
from lakipcore.scoring.methods import get_method

__all__ = ["SCHEMA_VERSION", "load_report", "loads_report"]

SCHEMA_VERSION = 1

Table = Mapping[str, Any]
_M = TypeVar("_M", Target, Realisation)

_INDICATOR_QUANTITIES = frozenset(
    {
        Quantity.TARGET,
        Quantity.REALISATION,
        Quantity.CAPAIAN,
        Quantity.CAPAIAN_YOY,
        Quantity.RELATIVE_CHANGE,
    }
)
_YEAR_QUANTITIES = frozenset(
    {
        Quantity.ACHIEVEMENT,
        Quantity.ABSORPTION,
        Quantity.PERFORMANCE,
        Quantity.ACHIEVEMENT_YOY,
        Quantity.PERFORMANCE_YOY,
        Quantity.PAGU,
        Quantity.REALISATION,
    }
)
_BUDGET_QUANTITIES = frozenset({Quantity.PAGU, Quantity.REALISATION, Quantity.ABSORPTION})


@contextmanager
def _at(path: str, *, replace: bool = False) -> Iterator[None]:
    """Give errors raised inside the block the field ``path``.

    Model errors carry a field relative to the object being built (``value``); with
    ``replace`` the file path replaces it, because the file path is then the exact place.
    """
    try:
        yield
    except LakipError as error:
        if replace or error.field is None:
            error.field = path
        elif not error.field.startswith(path):  # already a full path in the file
            error.field = f"{path}.{error.field}"
        raise


class _Reader:
    """Walks one parsed file, knowing its name for error messages."""

    def __init__(self, source: str):
        self.source = source

    def fail(self, path: str, message: str) -> ReportFileError:
        return ReportFileError(message, field=path or None, source=self.source)

    def table(self, parent: Table, key: str, path: str, *, required: bool = True) -> Table:
        value = parent.get(key)
        if value is None:
            if required:
                raise self.fail(_join(path, key), "missing table")
            return {}
        if not isinstance(value, Mapping):
            raise self.fail(_join(path, key), f"expected a table, got {_kind(value)}")
        return value

    def array(self, parent: Table, key: str, path: str) -> list[Table]:
        value = parent.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, Mapping) for v in value):
            raise self.fail(_join(path, key), "expected an array of tables ([[...]])")
        return value

    def text(self, parent: Table, key: str, path: str, *, required: bool = True) -> str | None:
        value = parent.get(key)
        if value is None:
            if required:
                raise self.fail(_join(path, key), "missing field")
            return None
        if not isinstance(value, str):
            hint = (
                '; write numbers as quoted strings as printed, e.g. "98,75%"'
                if isinstance(value, int | float)
                else ""
            )
            raise self.fail(_join(path, key), f"expected a string, got {_kind(value)}{hint}")
        return value

    def required_text(self, parent: Table, key: str, path: str) -> str:
        value = self.text(parent, key, path)
        if value is None:  # pragma: no cover - text(required=True) raises instead
            raise self.fail(_join(path, key), "missing field")
        return value

    def integer(self, parent: Table, key: str, path: str, *, required: bool = True) -> int | None:
        value = parent.get(key)
        if value is None:
            if required:
                raise self.fail(_join(path, key), "missing field")
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.fail(_join(path, key), f"expected an integer, got {_kind(value)}")
        return value

    def only(self, table: Table, allowed: frozenset[str] | set[str], path: str) -> None:
        for key in table:
            if key not in allowed:
                known = ", ".join(sorted(allowed))
                raise self.fail(_join(path, key), f"unknown field {key!r}; expected one of {known}")

    def figure(self, parent: Table, key: str, path: str) -> Figure:
        text = self.required_text(parent, key, path)
        with _at(_join(path, key), replace=True):
            return parse_figure(text)

    def printed(
        self, parent: Table, path: str, allowed: frozenset[Quantity]
    ) -> tuple[PrintedFigure, ...]:
        table = self.table(parent, "printed", path, required=False)
        base = _join(path, "printed")
        figures: list[PrintedFigure] = []
        for quantity_name, places in table.items():
            qpath = _join(base, quantity_name)
            with _at(qpath, replace=True):
                quantity = Quantity.from_name(quantity_name)
            if quantity not in allowed:
                names = ", ".join(sorted(q.value for q in allowed))
                raise self.fail(qpath, f"{quantity_name!r} is not printed here; expected {names}")
            if not isinstance(places, Mapping):
                raise self.fail(qpath, 'expected a table of place = "text"')
            for place_name, texts in places.items():
                ppath = _join(qpath, place_name)
                with _at(ppath, replace=True):
                    place = Place.from_name(place_name)
                items = texts if isinstance(texts, list) else [texts]
                if not items or not all(isinstance(t, str) for t in items):
                    raise self.fail(ppath, "expected the printed text, or a list of texts")
                for index, text in enumerate(items):
                    where = ppath if not isinstance(texts, list) else f"{ppath}[{index}]"
                    figures.append(PrintedFigure(quantity, place, text, where))
        return tuple(figures)


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _kind(value: object) -> str:
    return {bool: "a boolean", int: "an integer", float: "a float", str: "a string"}.get(
        type(value), type(value).__name__
    )


def loads_report(text: str, *, source: str = "<string>") -> Report:
    """Read a report from TOML ``text``; ``source`` names it in error messages."""
    import tomllib  # lazily: only loading needs it, and it costs import time

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ReportFileError(f"not valid TOML: {error}", source=source) from None
    try:
        return _build_report(_Reader(source), data)
    except LakipError as error:
        # Errors from the figure parser and the model know the field but not the file.
        raise error.located(source=source) from None


def load_report(path: str | Path) -> Report:
    """Read a report file; errors name the file and the path of the bad field."""
    file = Path(path)
    try:
        text = file.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise ReportFileError(f"not UTF-8 text: {error}", source=str(file)) from None
    except OSError as error:
        raise ReportFileError(
            f"cannot read the file: {error.strerror or error}", source=str(file)
        ) from None
    return loads_report(text, source=str(file))


def _build_report(reader: _Reader, data: Table) -> Report:
    reader.only(data, {"schema", "report", "methods", "office", "units"}, "")
    schema = reader.integer(data, "schema", "")
    if schema != SCHEMA_VERSION:
        raise reader.fail(
            "schema", f"unsupported schema {schema}; this lakipcore reads {SCHEMA_VERSION}"
        )
    head = reader.table(data, "report", "")
    reader.only(head, {"title", "office", "year", "previous_year", "source"}, "report")
    year = reader.integer(head, "year", "report")
    if year is None:  # pragma: no cover - integer(required=True) raises instead
        raise reader.fail("report.year", "missing field")
    previous_year = reader.integer(head, "previous_year", "report", required=False)
    if previous_year is not None and previous_year >= year:
        raise InvalidValueError(
            f"the previous year {previous_year} must come before {year}",
            field="report.previous_year",
            source=reader.source,
        )
    years = [year] if previous_year is None else [year, previous_year]
    methods = _methods(reader, data, years)
    office = reader.table(data, "office", "", required=False)
    reader.only(office, {"years"}, "office")
    office_years = _year_tables(reader, office, "office", years)
    units = reader.array(data, "units", "")
    if not units:
        raise reader.fail("units", "a report needs at least one unit")
    _check_unique_codes(reader, units, "units")
    built = {
        y: OfficeYear(
            year=y,
            units=tuple(
                u
                for index, unit in enumerate(units)
                if (u := _unit(reader, unit, f"units[{index}]", y, years)) is not None
            ),
            method=methods.get(y),
            printed=_printed_year(reader, office_years.get(y, {}), f"office.years.{y}"),
        )
        for y in years
    }
    office_name = reader.required_text(head, "office", "report")
    title = reader.text(head, "title", "report", required=False)
    source = reader.text(head, "source", "report", required=False)
    with _at("report"):
        return Report(
            office=office_name,
            current=built[year],
            previous=built[previous_year] if previous_year is not None else None,
            title=title,
            source=source,
        )


def _methods(reader: _Reader, data: Table, years: list[int]) -> dict[int, str]:
    table = reader.table(data, "methods", "", required=False)
    result = {}
    for key in table:
        year = _year_key(reader, key, "methods", years)
        name = reader.required_text(table, key, "methods")
        with _at(f"methods.{key}", replace=True):
            get_method(name)  # the file can name presets only; refuse a typo when loading
        result[year] = name
    return result


def _year_key(reader: _Reader, key: str, path: str, years: list[int]) -> int:
    if not key.isdigit() or int(key) not in years:
        expected = " or ".join(str(y) for y in years)
        raise reader.fail(_join(path, key), f"unknown year {key!r}; this report has {expected}")
    return int(key)


def _year_tables(reader: _Reader, parent: Table, path: str, years: list[int]) -> dict[int, Table]:
    table = reader.table(parent, "years", path, required=False)
    result = {}
    for key in table:
        year = _year_key(reader, key, _join(path, "years"), years)
        result[year] = reader.table(table, key, _join(path, "years"))
    return result


def _printed_year(reader: _Reader, table: Table, path: str) -> tuple[PrintedFigure, ...]:
    reader.only(table, {"printed"}, path)
    return reader.printed(table, path, _YEAR_QUANTITIES)


def _check_unique_codes(reader: _Reader, items: list[Table], path: str) -> None:
    seen: dict[str, int] = {}
    for index, item in enumerate(items):
        code = reader.required_text(item, "code", f"{path}[{index}]")
        if code in seen:
            raise reader.fail(
                f"{path}[{index}].code", f"duplicate code {code!r} (first at {path}[{seen[code]}])"
            )
        seen[code] = index


def _unit(
    reader: _Reader, unit: Table, path: str, year: int, years: list[int]
) -> UnitPerformance | None:
    reader.only(unit, {"code", "name", "years", "indicators"}, path)
    year_tables = _year_tables(reader, unit, path, years)
    indicators_data = reader.array(unit, "indicators", path)
    _check_unique_codes(reader, indicators_data, _join(path, "indicators"))
    indicators = tuple(
        i
        for index, item in enumerate(indicators_data)
        if (i := _indicator(reader, item, f"{path}.indicators[{index}]", year, years)) is not None
    )
    year_path = f"{path}.years.{year}"
    if year not in year_tables:
        if indicators:
            raise reader.fail(year_path, f"the unit has indicators in {year} but no year block")
        return None
    table = year_tables[year]
    reader.only(table, {"printed", "budget", "evidence"}, year_path)
    # Read every field first: their errors already carry full paths. Only the model's own
    # checks, raised by the constructor with paths relative to the unit, get the unit's prefix.
    code = reader.required_text(unit, "code", path)
    name = reader.required_text(unit, "name", path)
    budget = _budget(reader, reader.table(table, "budget", year_path), f"{year_path}.budget")
    printed = reader.printed(table, year_path, _YEAR_QUANTITIES)
    evidence = tuple(
        read_evidence(reader, item, f"{year_path}.evidence[{index}]")
        for index, item in enumerate(reader.array(table, "evidence", year_path))
    )
    with _at(path):
        return UnitPerformance(
            code, name, year, indicators, budget, printed, evidence, field=year_path
        )


def _budget(reader: _Reader, table: Table, path: str) -> Budget:
    if "absorption" in table:
        reader.only(table, {"absorption", "printed"}, path)
        figure = reader.figure(table, "absorption", path)
        if not figure.percent:
            raise reader.fail(_join(path, "absorption"), "an absorption rate is a percentage")
        printed = reader.printed(table, path, frozenset({Quantity.ABSORPTION}))
        with _at(_join(path, "absorption"), replace=True):
            return ReportedAbsorption(figure.value, printed)
    reader.only(table, {"programme", "outputs", "printed"}, path)
    outputs = []
    for index, item in enumerate(reader.array(table, "outputs", path)):
        opath = f"{path}.outputs[{index}]"
        reader.only(item, {"code", "name", "pagu", "realisation", "printed"}, opath)
        outputs.append(
            BudgetOutput(
                name=reader.required_text(item, "name", opath),
                pagu=_amount(reader, item, "pagu", opath),
                realisation=_amount(reader, item, "realisation", opath),
                code=reader.text(item, "code", opath, required=False),
                printed=reader.printed(item, opath, _BUDGET_QUANTITIES),
            )
        )
    programme = reader.required_text(table, "programme", path)
    printed = reader.printed(table, path, _BUDGET_QUANTITIES)
    with _at(path):
        return BudgetLine(programme, tuple(outputs), printed)


def _amount(reader: _Reader, table: Table, key: str, path: str) -> Decimal:
    figure = reader.figure(table, key, path)
    if figure.percent or figure.unit or figure.note:
        raise reader.fail(_join(path, key), f"{figure.text!r} should be an amount in Rupiah")
    if figure.value < 0:
        raise reader.fail(_join(path, key), f"{key} must not be negative, got {figure.text!r}")
    return figure.value


def _indicator(
    reader: _Reader, item: Table, path: str, year: int, years: list[int]
) -> Indicator | None:
    reader.only(item, {"code", "name", "goal", "polarity", "formula", "years"}, path)
    year_tables = _year_tables(reader, item, path, years)
    if not year_tables:
        raise reader.fail(_join(path, "years"), "an indicator needs at least one year block")
    table = year_tables.get(year)
    if table is None:
        return None
    ypath = f"{path}.years.{year}"
    reader.only(table, {"target", "realisation", "scale", "derive", "supports", "printed"}, ypath)
    polarity_name = reader.text(item, "polarity", path, required=False)
    formula_name = reader.text(item, "formula", path, required=False)
    with _at(_join(path, "polarity"), replace=True):
        polarity = Polarity.from_name(polarity_name) if polarity_name else Polarity.HIGHER_IS_BETTER
    with _at(_join(path, "formula"), replace=True):
        formula = Formula.from_name(formula_name) if formula_name else None
    target, realisation = _target_and_realisation(reader, table, ypath)
    code = reader.required_text(item, "code", path)
    name = reader.required_text(item, "name", path)
    goal = reader.text(item, "goal", path, required=False)
    printed = reader.printed(table, ypath, _INDICATOR_QUANTITIES)
    derivation = (
        read_rule(reader, table["derive"], f"{ypath}.derive") if "derive" in table else None
    )
    supports = (
        read_supports(reader, table["supports"], f"{ypath}.supports") if "supports" in table else ()
    )
    with _at(path):
        return Indicator(
            code,
            name,
            target,
            realisation,
            goal,
            polarity,
            formula,
            printed,
            derivation,
            supports,
            field=ypath,
        )


def _target_and_realisation(
    reader: _Reader, table: Table, path: str
) -> tuple[Target | NotTargeted, Realisation | None]:
    target_text = reader.required_text(table, "target", path)
    with _at(_join(path, "target"), replace=True):
        cell = parse_cell(target_text)
    if isinstance(cell, NotTargeted):
        for key in ("realisation", "scale", "derive", "supports"):
            if key in table:
                raise reader.fail(
                    _join(path, key), f"a not-targeted year ('{target_text}') has no {key}"
                )
        return cell, None
    scale = None
    if "scale" in table:
        scale_figure = reader.figure(table, "scale", path)
        if scale_figure.percent or scale_figure.unit or scale_figure.note:
            raise reader.fail(_join(path, "scale"), 'a scale is a bare number such as "10"')
        scale = scale_figure.value
    target = _measure(reader, Target, cell, scale, _join(path, "target"))
    if "derive" in table:
        if "realisation" in table:
            raise reader.fail(
                _join(path, "realisation"),
                "a derived realisation is computed; give derive or realisation, not both "
                "(printed copies go under printed.realisation)",
            )
        return target, None
    if "realisation" not in table:
        raise reader.fail(
            _join(path, "realisation"),
            "missing field; a targeted indicator needs its realisation, or a derive rule (or "
            "print its target as 'Tidak ditargetkan')",
        )
    realisation_figure = reader.figure(table, "realisation", path)
    realisation = _measure(
        reader, Realisation, realisation_figure, scale, _join(path, "realisation")
    )
    if realisation.kind is not target.kind:
        raise reader.fail(
            _join(path, "realisation"),
            f"a {target.kind.value} target ({target_text!r}) needs a {target.kind.value} "
            f"realisation, got {realisation_figure.text!r}",
        )
    return target, realisation


def _measure(
    reader: _Reader, cls: type[_M], figure: Figure, scale: Decimal | None, path: str
) -> _M:
    if figure.currency:
        raise reader.fail(path, f"{figure.text!r} is an amount of money, not an indicator value")
    if figure.percent and scale is not None:
        raise reader.fail(path, f"{figure.text!r} is a percentage; an index has no '%'")
    kind = (
        MeasureKind.PERCENT
        if figure.percent
        else MeasureKind.INDEX
        if scale is not None
        else MeasureKind.COUNT
    )
    with _at(path, replace=True):
        return cls(kind, figure.value, figure.unit, scale, figure.note)
