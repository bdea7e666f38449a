"""Reading report files (docs/format.md) into the model.

The loader is strict: an unknown key is an error (it is usually a typo that would otherwise drop
data silently), and every error names the file, the path of the field and its line, e.g.
``lapas.toml:41: units[2].indicators[0].periods.2019.target: '7.1' is not a figure ...``.
It reports every bad field of a file at once. Schema 1 files (two years, Banten's table
names) are migrated on the fly (``lakipcore.formats.toml.migrate``); their errors name the
fields of the schema 1 file.
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any, BinaryIO

from lakipcore._text import refused_character
from lakipcore.errors import InvalidValueError, LakipError, LakipTypeError, ReportFileError
from lakipcore.formats import document
from lakipcore.formats.toml.canonical import read_canonical
from lakipcore.formats.toml.grades import read_grade_tables, read_grading
from lakipcore.formats.toml.methods import read_methods
from lakipcore.formats.toml.migrate import migrate_v1, v1_path
from lakipcore.formats.toml.notations import read_table_notation
from lakipcore.formats.toml.reader import LineIndex, Reader, Table, join
from lakipcore.formats.toml.units import read_tree
from lakipcore.i18n import M_
from lakipcore.limits import DEFAULT_LIMITS, Limits
from lakipcore.methods import ScoringMethod, get_method
from lakipcore.model import (
    Report,
    ReportPeriod,
    ReportTable,
    TableKind,
    TableScope,
)
from lakipcore.notation import Notation
from lakipcore.surveys.grades import GradeTable

__all__ = ["SCHEMA_VERSION", "build_report", "load_grade_tables", "load_report", "loads_report"]

SCHEMA_VERSION = 2
"""The schema this lakipcore writes. It reads schema 1 files too."""


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
        raise LakipTypeError(
            M_("expected the source name as a str, got {source}", source=repr(source)),
            field="source",
        )
    if not isinstance(limits, Limits):
        raise LakipTypeError(
            M_("expected Limits, got {type}", type=type(limits).__name__), field="limits"
        )
    if isinstance(text, bytes | bytearray):
        _check_size(len(text), limits, source)
        raw = bytes(text)
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as error:
            raise not_utf8(raw, error, source) from None
    elif isinstance(text, str):
        # A character is 1 to 4 bytes in UTF-8: count the bytes only when it could matter.
        if len(text) * 4 > limits.file_bytes:
            _check_size(len(text.encode("utf-8", "surrogatepass")), limits, source)
    else:
        raise LakipTypeError(
            M_(
                "expected the report's TOML text (str or bytes), got {type}",
                type=type(text).__name__,
            ),
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
        raise ReportFileError(M_("not valid TOML: {error}", error=error), source=source) from None
    except RecursionError:
        raise ReportFileError(
            M_("the TOML nests too deeply (at most {nesting} levels)", nesting=limits.nesting),
            source=source,
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


def read_stream(
    stream: BinaryIO, limits: Limits, source: str | None, default: str
) -> tuple[bytes, str]:
    """The bytes of an upload (a binary file object) and its name: ``source``, else the
    stream's own ``name``, else ``default``. At most one byte more than ``limits.file_bytes``
    is read, so that a stream too large is refused by the size check without being read
    whole."""
    name = source or str(getattr(stream, "name", None) or default)
    data = stream.read(limits.file_bytes + 1)
    if not isinstance(data, bytes):
        raise LakipTypeError(
            M_(
                "expected a binary file object, got one that reads {type}", type=type(data).__name__
            ),
            field="path",
        )
    return data, name


def load_report(
    path: str | Path | BinaryIO, *, limits: Limits = DEFAULT_LIMITS, source: str | None = None
) -> Report:
    """Read a report file, from its path or a binary file object (an upload, read here up to
    ``limits.file_bytes``; for text or bytes in hand, :func:`loads_report`); errors name the
    file (``source``, default the path or the stream's name), the path of the bad field and its
    line.

    ``limits`` bounds what is accepted (:class:`~lakipcore.limits.Limits`); a file larger than
    ``limits.file_bytes`` is refused before it is read.
    """
    if source is not None and not isinstance(source, str):
        raise LakipTypeError(
            M_("expected the source name as a str, got {source}", source=repr(source)),
            field="source",
        )
    if not isinstance(path, str | Path):
        if not callable(getattr(path, "read", None)):
            raise LakipTypeError(
                M_(
                    "expected a file path or a binary file object, got {type}",
                    type=type(path).__name__,
                ),
                field="path",
            )
        data, name = read_stream(path, limits, source, "report.toml")
        return loads_report(data, source=name, limits=limits)
    file = Path(path)
    try:
        size = file.stat().st_size
        if file.is_file():
            _check_size(size, limits, str(file))
        data = file.read_bytes()
    except OSError as error:
        raise ReportFileError(
            M_("cannot read the file: {value}", value=error.strerror or error),
            source=source or str(file),
        ) from None
    return loads_report(data, source=source or str(file), limits=limits)


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
        raise LakipTypeError(
            M_("expected the report data as a mapping, got {value}", value=_kind(data))
        )
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
            M_(
                "the file is {size} bytes; at most {most} are accepted "
                "(lakipcore.limits.Limits.file_bytes)",
                size=format(size, ",").replace(",", "."),
                most=format(limits.file_bytes, ",").replace(",", "."),
            ),
            source=source,
        )


def _check_values(
    value: Mapping[str, object] | list[object],
    depth: int,
    keys: list[str],
    nesting: int,
    reader: Reader,
) -> None:
    """Refuse tables and arrays nested deeper than ``nesting``, and collect an error for every
    key or string holding a character no text may hold (:mod:`lakipcore._text`: a control
    character, a lone surrogate, a bidirectional control). The path of a value is built only
    for an error: the walk visits every value of the file."""
    if depth > nesting:
        raise reader.fail(
            _path(keys),
            M_("the TOML nests deeper than {nesting} levels (Limits.nesting)", nesting=nesting),
        )
    items: Iterable[tuple[str | int, object]] = (
        value.items() if isinstance(value, Mapping) else enumerate(value)
    )
    for name, item in items:
        part = name if isinstance(name, str) else f"[{name}]"
        if isinstance(name, str) and not name.isprintable():
            _check_string(name, [*keys, part], reader, "key")
        if isinstance(item, str):
            if not item.isprintable():
                _check_string(item, [*keys, part], reader, "value")
        elif isinstance(item, dict | list):
            keys.append(part)
            _check_values(item, depth + 1, keys, nesting, reader)
            keys.pop()


def _path(keys: list[str]) -> str:
    path = ""
    for part in keys:
        path = join(path, part)
    return path


def _check_string(text: str, keys: list[str], reader: Reader, what: str) -> None:
    refused = refused_character(text)
    if refused is not None:
        shown = repr(text) if len(text) <= 60 else repr(text[:57]) + "…"
        message = M_(
            "the {what} {shown} holds {refused}, which no text may hold",
            what=what,
            shown=shown,
            refused=refused,
        )
        # The model refuses the same text with the same error when it is built in Python.
        reader.errors.append(reader.at("", InvalidValueError(message, field=_path(keys))))


def _check_shape(data: Mapping[str, object], limits: Limits, reader: Reader) -> None:
    """Refuse a file nested deeper, or holding more units, indicators or periods, than allowed.

    Counted on the parsed TOML, before anything is built, so that an upload over a limit costs
    no more than its parsing.
    """
    _check_values(data, 0, [], limits.nesting, reader)
    reader.raise_collected()
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
                path,
                M_(
                    "the report has {count} {what}; at most {limit} are accepted (Limits.{what})",
                    count=count,
                    what=what,
                    limit=limit,
                ),
            )


def _build_report(reader: Reader, data: Table) -> Report:
    reader.only(data, document.TOP, "")
    schema = reader.integer(data, "schema", "")
    if schema != SCHEMA_VERSION:
        raise reader.fail(
            "schema",
            M_(
                "unsupported schema {schema}; this lakipcore reads 1 and {schema_version}",
                schema=schema,
                schema_version=SCHEMA_VERSION,
            ),
        )
    head = reader.table(data, "report", "")
    reader.only(head, document.REPORT, "report")
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
    reader.tables = {table.id: table for table in tables}
    office_data = reader.table(data, "office", "")
    reader.only(office_data, document.OFFICE, "office")
    units_data = reader.array(data, "units", "")
    root = read_tree(reader, office_data, units_data, keys)
    title = reader.text(head, "title", "report", required=False)
    source = reader.text(head, "source", "report", required=False)
    main = reader.text(head, "main", "report", required=False)
    if main is not None and main not in keys:
        reader.errors.append(
            reader.fail("report.main", M_("{main} is not one of the periods", main=repr(main)))
        )
    reader.raise_collected()
    if root is None:  # pragma: no cover - an error was collected instead
        raise reader.fail("office", M_("no office"))
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
        raise reader.fail(
            "periods", M_("a report needs at least one period ([[periods]] key = ...)")
        )
    built = (
        reader.collect(functools.partial(_period, reader, item, i, methods))
        for i, item in enumerate(items)
    )
    return tuple(period for period in built if period is not None)


def _period(
    reader: Reader, item: Table, index: int, methods: Mapping[str, ScoringMethod]
) -> ReportPeriod:
    path = f"periods[{index}]"
    reader.only(item, document.PERIOD, path)
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
    reader.only(item, document.TABLE, path)
    kind_name = reader.required_text(item, "kind", path)
    with reader.placed(join(path, "kind"), replace=True):
        kind = TableKind.from_name(kind_name)
    scope_name = reader.text(item, "scope", path, required=False)
    with reader.placed(join(path, "scope"), replace=True):
        scope = TableScope.from_name(scope_name) if scope_name else TableScope.EACH_UNIT
    notation, columns = read_table_notation(reader, item, path)
    with reader.placed(path):
        return ReportTable(
            reader.required_text(item, "id", path),
            kind,
            reader.text(item, "title", path, required=False),
            scope,
            origin=reader.origin(path),
            notation=notation,
            columns=columns,
        )


def not_utf8(data: bytes, error: UnicodeDecodeError, source: str) -> ReportFileError:
    """The error for a file that is not UTF-8: the byte and its line, and how to fix it (a
    file saved by Windows Notepad or Excel as "ANSI" holds cp1252, where an en dash is 0x96)."""
    line = data.count(b"\n", 0, error.start) + 1
    column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
    return ReportFileError(
        M_(
            "not UTF-8 text: byte 0x{value} at line {line}, column {column} "
            "is not UTF-8 (the file was probably saved as ANSI or "
            "Windows-1252); save it as UTF-8, e.g. in Notepad: Save As, "
            "Encoding: UTF-8",
            value=format(data[error.start], "02x"),
            line=line,
            column=column,
        ),
        source=source,
        line=line,
    )


def load_grade_tables(path: str) -> dict[str, GradeTable]:
    """The grade tables of a file: a report file's ``[grades.NAME]`` tables, or a standalone
    TOML file holding only such tables (and optionally ``notation``). Errors name the file."""
    import tomllib
    from pathlib import Path

    from lakipcore.errors import ReportFileError
    from lakipcore.formats.toml.reader import LineIndex

    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise ReportFileError(
            M_("cannot read the file: {error}", error=error), source=path
        ) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ReportFileError(M_("not valid TOML: {error}", error=error), source=path) from None
    if "schema" in data:  # a report: its tables, checked as the report is
        report = loads_report(text, source=path)
        return {table.name: table for table in report.grade_tables}
    reader = Reader(path, LineIndex(text))
    reader.only(data, document.GRADE_FILE, "")
    notation = data.get("notation")
    if notation is not None:
        with reader.placed("notation", replace=True):
            reader.notation = Notation.from_name(str(notation))
    tables = read_grade_tables(reader, data)
    reader.raise_collected()
    return {table.name: table for table in tables}
