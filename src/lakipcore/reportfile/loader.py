"""Reading report files (docs/format.md) into the model.

The loader is strict: an unknown key is an error (it is usually a typo that would otherwise drop
data silently), and every error names the file, the path of the field and its line, e.g.
``lapas.toml:41: units[2].indicators[0].periods.2019.target: '7.1' is not a figure ...``.
It reports every bad field of a file at once. Schema 1 files (two years, Banten's table
names) are migrated on the fly (``lakipcore.reportfile.migrate``); their errors name the
fields of the schema 1 file.
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Callable, Iterable, Iterator, Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

from lakipcore.errors import LakipError, LakipTypeError, ReportFileError
from lakipcore.figures import Figure, NotTargeted
from lakipcore.limits import DEFAULT_LIMITS, Limits
from lakipcore.methods import ScoringMethod, get_method
from lakipcore.model import (
    Accumulation,
    Budget,
    BudgetLine,
    BudgetOutput,
    Formula,
    Indicator,
    IndicatorPeriod,
    MeasureKind,
    Polarity,
    Quantity,
    Realisation,
    Report,
    ReportedAbsorption,
    ReportPeriod,
    ReportTable,
    Revision,
    RevisionKind,
    TableKind,
    TableScope,
    Target,
    Unit,
    UnitPeriod,
)
from lakipcore.notation import Notation
from lakipcore.reportfile.canonical import read_canonical
from lakipcore.reportfile.derived import read_derived
from lakipcore.reportfile.evidence import read_evidence, read_rule, read_supports
from lakipcore.reportfile.grades import read_grade_tables, read_grading
from lakipcore.reportfile.methods import read_methods
from lakipcore.reportfile.migrate import migrate_v1, v1_path
from lakipcore.reportfile.reader import LineIndex, NotBuiltError, Reader, Table, join

__all__ = ["SCHEMA_VERSION", "build_report", "load_report", "loads_report"]

SCHEMA_VERSION = 2
"""The schema this lakipcore writes. It reads schema 1 files too."""

_M = TypeVar("_M", Target, Realisation)

_INDICATOR_QUANTITIES = frozenset(
    {
        Quantity.GRADE,
        Quantity.TARGET,
        Quantity.REALISATION,
        Quantity.CAPAIAN,
        Quantity.CAPAIAN_YOY,
        Quantity.RELATIVE_CHANGE,
    }
)
_UNIT_QUANTITIES = frozenset(
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
# A programme row may also print its pagu awal and its RPD, and absorption against each.
_PROGRAMME_QUANTITIES = _BUDGET_QUANTITIES | {
    Quantity.PAGU_ORIGINAL,
    Quantity.ABSORPTION_ORIGINAL,
    Quantity.PLAN,
    Quantity.ABSORPTION_PLAN,
}
_UNIT_KEYS = frozenset({"code", "name", "parent", "periods", "indicators"})


def loads_report(
    text: str | bytes, *, source: str = "<string>", limits: Limits = DEFAULT_LIMITS
) -> Report:
    """Read a report from TOML ``text`` (``bytes`` are read as UTF-8, with or without a BOM);
    ``source`` names it in error messages.

    Input beyond ``limits`` (size, nesting, number of units, indicators and periods; see
    :class:`~lakipcore.limits.Limits`) is refused with a :class:`ReportFileError` before any of
    it is built.
    """
    if not isinstance(source, str):
        raise LakipTypeError(f"expected the source name as a str, got {source!r}", field="source")
    if not isinstance(limits, Limits):
        raise LakipTypeError(f"expected Limits, got {type(limits).__name__}", field="limits")
    if isinstance(text, bytes | bytearray):
        _check_size(len(text), limits, source)
        try:
            text = bytes(text).decode("utf-8")
        except UnicodeDecodeError as error:
            raise ReportFileError(f"not UTF-8 text: {error}", source=source) from None
    elif isinstance(text, str):
        # A character is 1 to 4 bytes in UTF-8: count the bytes only when it could matter.
        if len(text) * 4 > limits.file_bytes:
            _check_size(len(text.encode("utf-8", "surrogatepass")), limits, source)
    else:
        raise LakipTypeError(
            f"expected the report's TOML text (str or bytes), got {type(text).__name__}",
            source=source,
        )
    text = text.removeprefix("\ufeff")  # a byte order mark, as some editors on Windows write
    data, lines = _parsed(text, source, limits)
    _check_shape(data, limits, Reader(source, lines))
    schema = data.get("schema")
    if schema == 1:
        reader = Reader(source, lines, rename=v1_path)
        with _collected_first(reader), reader.placed(""):
            data = migrate_v1(data, reader)
        keys = [period["key"] for period in data["periods"]]
        reader.rename = functools.partial(v1_path, keys=keys)
    else:
        reader = Reader(source, lines)
    with _collected_first(reader):
        return _build_report(reader, data)


def _parsed(text: str, source: str, limits: Limits) -> tuple[dict[str, Any], LineIndex]:
    """The TOML of ``text`` and the line of each of its fields: in one pass for a file in the
    shape lakip writes (``read_canonical``), else by ``tomllib`` and a scan for the lines."""
    import tomllib  # lazily: only loading needs it, and it costs import time

    canonical = read_canonical(text)
    if canonical is not None:
        return canonical[0], LineIndex.of(canonical[1])
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ReportFileError(f"not valid TOML: {error}", source=source) from None
    except RecursionError:
        raise ReportFileError(
            f"the TOML nests too deeply (at most {limits.nesting} levels)", source=source
        ) from None
    return data, LineIndex(text)


@contextlib.contextmanager
def _collected_first(reader: Reader) -> Iterator[None]:
    """An error that stops the loader is raised together with those collected before it, in
    file order of discovery, so that the first typo is not hidden behind its consequence."""
    try:
        yield
    except LakipError as error:
        already = any(error is e for e in reader.errors) or error.errors == tuple(reader.errors)
        if not reader.errors or already:
            raise
        reader.errors.append(error if error.source == reader.source else reader.at("", error))
        reader.raise_collected()
        raise  # pragma: no cover - raise_collected raises


def load_report(path: str | Path, *, limits: Limits = DEFAULT_LIMITS) -> Report:
    """Read a report file; errors name the file, the path of the bad field and its line.

    ``limits`` bounds what is accepted (:class:`~lakipcore.limits.Limits`); a file larger than
    ``limits.file_bytes`` is refused before it is read.
    """
    if not isinstance(path, str | Path):
        raise LakipTypeError(f"expected a file path, got {type(path).__name__}", field="path")
    file = Path(path)
    try:
        size = file.stat().st_size
        if file.is_file():
            _check_size(size, limits, str(file))
        data = file.read_bytes()
    except OSError as error:
        raise ReportFileError(
            f"cannot read the file: {error.strerror or error}", source=str(file)
        ) from None
    return loads_report(data, source=str(file), limits=limits)


def build_report(
    data: Mapping[str, Any],
    *,
    source: str,
    locate: Callable[[str], str] | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> Report:
    """Check and build a report from ``data`` in the report file's layout (schema 2: tables of
    strings, as ``tomllib`` parses a report file), assembled by another reader.

    This is how a workbook becomes a report (``lakipcore.excel``): it is validated exactly like
    a file, every error is collected, and ``locate`` turns each field path into the place the
    errors and origins should name (a cell such as ``Indikator!F12``).
    """
    if not isinstance(data, Mapping):
        raise LakipTypeError(f"expected the report data as a mapping, got {_kind(data)}")
    reader = Reader(source, None, rename=locate)
    table = {"schema": SCHEMA_VERSION, **data}
    _check_shape(table, limits, reader)
    with _collected_first(reader):
        return _build_report(reader, table)


def _kind(value: object) -> str:
    return type(value).__name__


def _check_size(size: int, limits: Limits, source: str) -> None:
    if size > limits.file_bytes:
        raise ReportFileError(
            f"the file is {size:,} bytes; at most {limits.file_bytes:,} are accepted "
            "(lakipcore.limits.Limits.file_bytes)".replace(",", "."),
            source=source,
        )


def _check_nesting(
    value: Mapping[str, object] | list[object],
    depth: int,
    keys: list[str],
    nesting: int,
    reader: Reader,
) -> None:
    """Refuse tables and arrays nested deeper than ``nesting``. The path of a container is
    built only for the error: the walk visits every value of the file."""
    if depth > nesting:
        path = ""
        for part in keys:
            path = join(path, part)
        raise reader.fail(path, f"the TOML nests deeper than {nesting} levels (Limits.nesting)")
    items: Iterable[tuple[str | int, object]] = (
        value.items() if isinstance(value, Mapping) else enumerate(value)
    )
    for name, item in items:
        if isinstance(item, dict | list):
            keys.append(name if isinstance(name, str) else f"[{name}]")
            _check_nesting(item, depth + 1, keys, nesting, reader)
            keys.pop()


def _check_shape(data: Mapping[str, object], limits: Limits, reader: Reader) -> None:
    """Refuse a file nested deeper, or holding more units, indicators or periods, than allowed.

    Counted on the parsed TOML, before anything is built, so that an upload over a limit costs
    no more than its parsing.
    """
    _check_nesting(data, 0, [], limits.nesting, reader)
    units = data.get("units")
    periods = data.get("periods")
    unit_tables = [data.get("office"), *(units if isinstance(units, list) else [])]
    counts = {
        "units": ("units", len(unit_tables), limits.units),
        "periods": ("periods", len(periods) if isinstance(periods, list) else 0, limits.periods),
        "indicators": (
            "",  # over the whole file
            sum(
                len(u["indicators"])
                for u in unit_tables
                if isinstance(u, dict) and isinstance(u.get("indicators"), list)
            ),
            limits.indicators,
        ),
    }
    for what, (path, count, limit) in counts.items():
        if count > limit:
            raise reader.fail(
                path, f"the report has {count} {what}; at most {limit} are accepted (Limits.{what})"
            )


def _build_report(reader: Reader, data: Table) -> Report:
    top = {"schema", "report", "methods", "grades", "periods", "tables", "office", "units"}
    reader.only(data, top, "")
    schema = reader.integer(data, "schema", "")
    if schema != SCHEMA_VERSION:
        raise reader.fail(
            "schema", f"unsupported schema {schema}; this lakipcore reads 1 and {SCHEMA_VERSION}"
        )
    head = reader.table(data, "report", "")
    reader.only(head, {"title", "source", "main", "notation", "grading"}, "report")
    notation_name = reader.text(head, "notation", "report", required=False)
    if notation_name is not None:
        with reader.placed("report.notation", replace=True):
            reader.notation = Notation.from_name(notation_name)
    methods = read_methods(reader, data)
    grade_tables = read_grade_tables(reader, data)
    grading = read_grading(reader, head)
    periods = _periods(reader, data, {m.name: m for m in methods})
    keys = {p.key for p in periods} | _declared_keys(data)
    tables = _tables(reader, data)
    office_data = reader.table(data, "office", "")
    reader.only(office_data, _UNIT_KEYS - {"parent"}, "office")
    units_data = reader.array(data, "units", "")
    root = _tree(reader, office_data, units_data, keys)
    title = reader.text(head, "title", "report", required=False)
    source = reader.text(head, "source", "report", required=False)
    main = reader.text(head, "main", "report", required=False)
    if main is not None and main not in keys:
        reader.errors.append(reader.fail("report.main", f"{main!r} is not one of the periods"))
    reader.raise_collected()
    if root is None:  # pragma: no cover - an error was collected instead
        raise reader.fail("office", "no office")
    with reader.placed(""):
        return Report(
            periods=periods,
            root=root,
            tables=tables,
            title=title,
            source=source,
            main=main,
            methods=methods,
            notation=reader.notation,
            grade_tables=grade_tables,
            grading=grading,
        )


def _periods(
    reader: Reader, data: Table, methods: Mapping[str, ScoringMethod]
) -> tuple[ReportPeriod, ...]:
    items = reader.array(data, "periods", "")
    if not items:
        raise reader.fail("periods", "a report needs at least one period ([[periods]] key = ...)")
    built = (
        reader.collect(functools.partial(_period, reader, item, i, methods))
        for i, item in enumerate(items)
    )
    return tuple(period for period in built if period is not None)


def _period(
    reader: Reader, item: Table, index: int, methods: Mapping[str, ScoringMethod]
) -> ReportPeriod:
    path = f"periods[{index}]"
    reader.only(item, {"key", "method", "planned", "title"}, path)
    key = reader.required_text(item, "key", path)
    method = reader.text(item, "method", path, required=False)
    if method is not None:
        with reader.placed(join(path, "method"), replace=True):
            get_method(method, methods)  # refuse a typo when loading
    with reader.placed(join(path, "key"), replace=True):
        return ReportPeriod(
            key,
            method=method,
            planned=reader.boolean(item, "planned", path),
            title=reader.text(item, "title", path, required=False),
            origin=reader.origin(path),
        )


def _declared_keys(data: Table) -> set[str]:
    """The period keys the file declares, including those of periods that failed to build, so
    that their blocks are not reported a second time as blocks of unknown periods."""
    items = data.get("periods")
    if not isinstance(items, list):
        return set()
    return {i["key"] for i in items if isinstance(i, dict) and isinstance(i.get("key"), str)}


def _tables(reader: Reader, data: Table) -> tuple[ReportTable, ...]:
    items = reader.array(data, "tables", "")
    built = (
        reader.collect(functools.partial(_table, reader, item, i)) for i, item in enumerate(items)
    )
    return tuple(table for table in built if table is not None)


def _table(reader: Reader, item: Table, index: int) -> ReportTable:
    path = f"tables[{index}]"
    reader.only(item, {"id", "kind", "title", "scope"}, path)
    kind_name = reader.required_text(item, "kind", path)
    with reader.placed(join(path, "kind"), replace=True):
        kind = TableKind.from_name(kind_name)
    scope_name = reader.text(item, "scope", path, required=False)
    with reader.placed(join(path, "scope"), replace=True):
        scope = TableScope.from_name(scope_name) if scope_name else TableScope.EACH_UNIT
    with reader.placed(path):
        return ReportTable(
            reader.required_text(item, "id", path),
            kind,
            reader.text(item, "title", path, required=False),
            scope,
            origin=reader.origin(path),
        )


def _tree(reader: Reader, office: Table, units: list[Table], keys: set[str]) -> Unit | None:
    """The office and its units as a tree: each unit under its ``parent`` (the office by
    default), children in file order."""
    office_code = reader.text(office, "code", "office", required=False) or "office"
    paths = {office_code: "office"}
    data = {office_code: office}
    parents: dict[str, str] = {}
    for index, item in enumerate(units):
        path = f"units[{index}]"
        code = reader.required_text(item, "code", path)
        if code in paths:
            reader.errors.append(
                reader.fail(join(path, "code"), f"duplicate code {code!r} (first at {paths[code]})")
            )
            continue
        paths[code], data[code] = path, item
        parents[code] = reader.text(item, "parent", path, required=False) or office_code
    children: dict[str, list[str]] = {code: [] for code in paths}
    for code, parent in parents.items():
        if parent in children:
            children[parent].append(code)
        else:
            reader.errors.append(
                reader.fail(join(paths[code], "parent"), f"no unit {parent!r} to be under")
            )
    # Every unit has one parent, so the units reachable from the office form a tree; the others
    # hang in a circle of parents (or under a unit that does not exist, reported above).
    reached = [office_code]
    for code in reached:
        reached.extend(children[code])
    seen = set(reached)
    for code, parent in parents.items():
        if code not in seen and parent in children:
            reader.errors.append(
                reader.fail(join(paths[code], "parent"), "units are under each other in a circle")
            )
    built: dict[str, Unit | None] = {}
    for code in reversed(reached):  # sub-units before the unit above them
        subunits = tuple(built[child] for child in children[code])
        built[code] = reader.collect(
            functools.partial(
                _unit,
                reader,
                data[code],
                paths[code],
                keys,
                office_code=office_code,
                subunits=subunits,
            )
        )
    return built[office_code]


def _unit(
    reader: Reader,
    item: Table,
    path: str,
    keys: set[str],
    *,
    office_code: str,
    subunits: tuple[Unit | None, ...],
) -> Unit:
    before = len(reader.errors)
    origin = reader.origin(path)  # first: the origins of the unit's fields are made inside it
    reader.only(item, _UNIT_KEYS if path != "office" else _UNIT_KEYS - {"parent"}, path)
    code = reader.text(item, "code", path, required=path != "office") or office_code
    name = reader.required_text(item, "name", path)
    blocks = []
    for key, table in _period_tables(reader, item, path, keys).items():
        block = reader.collect(functools.partial(_unit_period, reader, table, path, key))
        if block is not None:
            blocks.append(block)
    indicators_data = reader.array(item, "indicators", path)
    seen: dict[str, int] = {}
    indicators = []
    for index, data in enumerate(indicators_data):
        ipath = f"{path}.indicators[{index}]"
        indicator_code = data.get("code")
        if isinstance(indicator_code, str) and indicator_code in seen:
            reader.errors.append(
                reader.fail(
                    join(ipath, "code"),
                    f"duplicate code {indicator_code!r} (first at {path}.indicators"
                    f"[{seen[indicator_code]}])",
                )
            )
            continue
        if isinstance(indicator_code, str):
            seen[indicator_code] = index
        indicator = reader.collect(functools.partial(_indicator, reader, data, ipath, keys))
        if indicator is not None:
            indicators.append(indicator)
    if len(reader.errors) > before or any(u is None for u in subunits):
        raise NotBuiltError
    with reader.placed(path):
        return Unit(
            code,
            name,
            tuple(indicators),
            tuple(blocks),
            tuple(u for u in subunits if u is not None),
            origin=origin,
        )


def _period_tables(reader: Reader, parent: Table, path: str, keys: set[str]) -> dict[str, Table]:
    table = reader.table(parent, "periods", path, required=False)
    result = {}
    for key in table:
        if key not in keys:
            expected = ", ".join(sorted(keys))
            raise reader.fail(
                join(join(path, "periods"), key),
                f"unknown period {key!r}; this report's periods are {expected}",
            )
        result[key] = reader.table(table, key, join(path, "periods"))
    return result


def _unit_period(reader: Reader, table: Table, unit_path: str, key: str) -> UnitPeriod:
    path = f"{unit_path}.periods.{key}"
    origin = reader.origin(path, within=unit_path)
    reader.only(table, {"printed", "budget", "evidence", "derived"}, path)
    budget = (
        _budget(reader, reader.table(table, "budget", path), f"{path}.budget")
        if "budget" in table
        else None
    )
    printed = reader.printed(table, path, _UNIT_QUANTITIES)
    evidence = tuple(
        read_evidence(reader, item, f"{path}.evidence[{index}]")
        for index, item in enumerate(reader.array(table, "evidence", path))
    )
    derived = tuple(
        read_derived(reader, item, f"{path}.derived[{index}]")
        for index, item in enumerate(reader.array(table, "derived", path))
    )
    with reader.placed(path):
        return UnitPeriod(
            reader.shared(key), budget, printed, evidence, origin=origin, derived=derived
        )


def _budget(reader: Reader, table: Table, path: str) -> Budget:
    if "absorption" in table:
        reader.only(table, {"absorption", "printed"}, path)
        figure = reader.figure(table, "absorption", path)
        if not figure.percent:
            raise reader.fail(join(path, "absorption"), "an absorption rate is a percentage")
        printed = reader.printed(table, path, frozenset({Quantity.ABSORPTION}))
        with reader.placed(join(path, "absorption"), replace=True):
            return ReportedAbsorption(figure.value, printed, origin=reader.origin(path))
    origin = reader.origin(path)
    reader.only(table, {"programme", "outputs", "printed", "original", "revisions", "plan"}, path)
    outputs = []
    for index, item in enumerate(reader.array(table, "outputs", path)):
        opath = f"{path}.outputs[{index}]"
        output_origin = reader.origin(opath, within=path)
        reader.only(item, {"code", "name", "pagu", "realisation", "printed"}, opath)
        with reader.placed(opath):
            outputs.append(
                BudgetOutput(
                    name=reader.shared(reader.required_text(item, "name", opath)),
                    pagu=_amount(reader, item, "pagu", opath),
                    realisation=_amount(reader, item, "realisation", opath),
                    code=reader.text(item, "code", opath, required=False),
                    printed=reader.printed(item, opath, _BUDGET_QUANTITIES),
                    origin=output_origin,
                )
            )
    programme = reader.shared(reader.required_text(table, "programme", path))
    printed = reader.printed(table, path, _PROGRAMME_QUANTITIES)
    original = _amount(reader, table, "original", path) if "original" in table else None
    plan = _amount(reader, table, "plan", path) if "plan" in table else None
    revisions = []
    for index, item in enumerate(reader.array(table, "revisions", path)):
        rpath = f"{path}.revisions[{index}]"
        reader.only(item, {"kind", "amount", "note"}, rpath)
        with reader.placed(join(rpath, "kind"), replace=True):
            kind = RevisionKind.from_name(reader.required_text(item, "kind", rpath))
        with reader.placed(rpath):
            revisions.append(
                Revision(
                    kind,
                    _amount(reader, item, "amount", rpath),
                    reader.text(item, "note", rpath, required=False),
                    origin=reader.origin(rpath),
                )
            )
    with reader.placed(path):
        return BudgetLine(
            programme,
            tuple(outputs),
            printed,
            origin=origin,
            original=original,
            revisions=tuple(revisions),
            plan=plan,
        )


def _amount(reader: Reader, table: Table, key: str, path: str) -> Decimal:
    figure = reader.figure(table, key, path)
    if figure.percent or figure.unit or figure.note:
        raise reader.fail(join(path, key), f"{figure.text!r} should be an amount in Rupiah")
    if figure.value < 0:
        raise reader.fail(join(path, key), f"{key} must not be negative, got {figure.text!r}")
    return figure.value


def _indicator(reader: Reader, item: Table, path: str, keys: set[str]) -> Indicator:
    origin = reader.origin(path)
    reader.only(
        item, {"code", "name", "goal", "polarity", "formula", "accumulation", "periods"}, path
    )
    tables = _period_tables(reader, item, path, keys)
    if not tables:
        raise reader.fail(join(path, "periods"), "an indicator needs at least one period block")
    polarity_name = reader.text(item, "polarity", path, required=False)
    formula_name = reader.text(item, "formula", path, required=False)
    accumulation_name = reader.text(item, "accumulation", path, required=False)
    with reader.placed(join(path, "polarity"), replace=True):
        polarity = Polarity.from_name(polarity_name) if polarity_name else Polarity.HIGHER_IS_BETTER
    with reader.placed(join(path, "formula"), replace=True):
        formula = Formula.from_name(formula_name) if formula_name else None
    with reader.placed(join(path, "accumulation"), replace=True):
        accumulation = Accumulation.from_name(accumulation_name) if accumulation_name else None
    entries = []
    for key, table in tables.items():
        entry = reader.collect(functools.partial(_indicator_period, reader, table, path, key))
        if entry is not None:
            entries.append(entry)
    code = reader.required_text(item, "code", path)
    # Names and goals repeat across the units of a ministry (the same IKU in every UPT).
    name = reader.shared(reader.required_text(item, "name", path))
    goal = reader.text(item, "goal", path, required=False)
    goal = None if goal is None else reader.shared(goal)
    if len(entries) != len(tables):
        raise NotBuiltError
    with reader.placed(path):
        return Indicator(
            code,
            name,
            tuple(entries),
            goal,
            polarity,
            formula,
            accumulation,
            origin=origin,
        )


def _indicator_period(
    reader: Reader, table: Table, indicator_path: str, key: str
) -> IndicatorPeriod:
    path = f"{indicator_path}.periods.{key}"
    origin = reader.origin(path, within=indicator_path)
    reader.only(
        table,
        {"target", "realisation", "scale", "derive", "supports", "accumulate", "printed"},
        path,
    )
    target, realisation = _target_and_realisation(reader, table, path)
    printed = reader.printed(table, path, _INDICATOR_QUANTITIES)
    derivation = read_rule(reader, table["derive"], f"{path}.derive") if "derive" in table else None
    supports = (
        read_supports(reader, table["supports"], f"{path}.supports") if "supports" in table else ()
    )
    accumulate = reader.boolean(table, "accumulate", path)
    with reader.placed(path):
        return IndicatorPeriod(
            reader.shared(key),
            target,
            realisation,
            printed,
            derivation,
            supports,
            accumulate,
            origin=origin,
        )


def _target_and_realisation(
    reader: Reader, table: Table, path: str
) -> tuple[Target | NotTargeted, Realisation | None]:
    target_text = reader.required_text(table, "target", path)
    cell = reader.cell(target_text, join(path, "target"))
    if isinstance(cell, NotTargeted):
        for key in ("realisation", "scale", "derive", "supports", "accumulate"):
            if key in table:
                raise reader.fail(
                    join(path, key), f"a not-targeted period ('{target_text}') has no {key}"
                )
        return cell, None
    scale = None
    if "scale" in table:
        scale_figure = reader.figure(table, "scale", path)
        if scale_figure.percent or scale_figure.unit or scale_figure.note:
            raise reader.fail(join(path, "scale"), 'a scale is a bare number such as "10"')
        scale = scale_figure.value
    target = _measure(reader, Target, cell, scale, join(path, "target"))
    if "realisation" not in table:
        return target, None  # derived, accumulated or planned: the model checks which
    for key in ("derive", "accumulate"):
        if key in table:
            raise reader.fail(
                join(path, "realisation"),
                f"a realisation is stated, derived or accumulated; give realisation or {key}, "
                "not both (printed copies go under printed.realisation)",
            )
    realisation_figure = reader.figure(table, "realisation", path)
    realisation = _measure(
        reader, Realisation, realisation_figure, scale, join(path, "realisation")
    )
    if realisation.kind is not target.kind:
        raise reader.fail(
            join(path, "realisation"),
            f"a {target.kind.value} target ({target_text!r}) needs a {target.kind.value} "
            f"realisation, got {realisation_figure.text!r}",
        )
    return target, realisation


def _measure(reader: Reader, cls: type[_M], figure: Figure, scale: Decimal | None, path: str) -> _M:
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

    def make() -> _M:
        with reader.placed(path, replace=True):
            return cls(kind, figure.value, figure.unit, scale, figure.note)

    # One object per distinct target or realisation text (and scale) in a file.
    return reader.once(
        (cls, figure.text, reader.notation, None if scale is None else str(scale)), make
    )
