"""Reading worksheet designs and filled worksheets from TOML (docs/evaluation.md).

Both readers are as strict as the report reader: an unknown key is an error, every error names
the file, the field and its line, and every bad field of a file is reported at once. A design::

    schema = "lakipcore.lke-design/1"
    name = "permenpanrb-88-2021"
    title = "LKE AKIP (PermenPAN-RB 88/2021)"
    version = "2021"
    source = "…"
    grades = "akip-permenpanrb-88-2021"     # the predikat table (a preset)
    layers = ["mandiri", "penilai"]
    unanswered = "error"                     # or "zero", "renormalise"

    [scales.akip]
    answers = [ { code = "AA", value = 100, meaning = "…" }, … ]

    [[components]]
    id = "1"
    name = "Perencanaan Kinerja"
    weight = 30
    [[components.parts]]
    id = "1.a"
    name = "Pemenuhan"
    weight = 6
    scale = "akip"                           # its criteria's scale, unless one says otherwise
    [[components.parts.criteria]]
    id = "1.a.1"
    text = "Terdapat pedoman teknis perencanaan kinerja."

A worksheet names its design and answers criteria by id, one line each::

    schema = "lakipcore.lke/1"
    design = "permenpanrb-88-2021"           # a shipped design, or design-file = "my.toml"
    unit = "kanwil-banten"
    year = 2023
    layers = ["mandiri", "penilai"]

    [answers]
    "1.a.1" = { mandiri = "AA", penilai = "A" }
    "1.a.2" = { mandiri = "BB", penilai = "BB", evidence = "96%", note = "…" }

Numbers (weights, values) are TOML integers or strings in the Indonesian notation (``"4,5"``),
never TOML floats, which are binary approximations.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

from lakipcore.errors import LakipError, LakipTypeError, ReportFileError
from lakipcore.formats.toml.grades import read_grade_table
from lakipcore.formats.toml.reader import LineIndex, NotBuiltError, Reader, Table, join
from lakipcore.i18n import M_
from lakipcore.limits import DEFAULT_LIMITS, Limits
from lakipcore.lke.design import (
    Component,
    Criterion,
    Design,
    LogicRule,
    Part,
    RuleKind,
    UnansweredPolicy,
)
from lakipcore.lke.scale import Answer, AnswerScale

__all__ = ["DESIGN_SCHEMA", "built", "load_design", "loads_design", "parse", "read_file"]

_T = TypeVar("_T")

DESIGN_SCHEMA = "lakipcore.lke-design/1"
"""The ``schema`` of a worksheet design file."""

_DESIGN = frozenset(
    {"schema", "name", "title", "version", "source", "grades", "layers", "unanswered", "total"}
    | {"unverified", "scales", "components", "rules"}
)
_SCALE = frozenset({"answers", "full", "source", "evidence"})
_ANSWER = frozenset({"code", "value", "meaning"})
_COMPONENT = frozenset({"id", "name", "weight", "parts"})
_PART = frozenset({"id", "name", "weight", "scale", "criteria"})
_CRITERION = frozenset({"id", "text", "scale", "guidance", "evidence", "weight"})
_RULE = frozenset({"id", "kind", "criterion", "limit", "message", "source"})


def parse(text: str | bytes, source: str, limits: Limits) -> tuple[dict[str, Any], Reader]:
    import tomllib  # noqa: PLC0415 - lazily, as the report loader does

    if isinstance(text, bytes | bytearray):
        if len(text) > limits.file_bytes:
            raise ReportFileError(
                M_("the file is larger than {limit} bytes", limit=limits.file_bytes),
                source=source,
            )
        try:
            text = bytes(text).decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise ReportFileError(
                M_("not UTF-8 text: {error}", error=error), source=source
            ) from None
    if not isinstance(text, str):
        raise LakipTypeError(
            M_("expected TOML text (str or bytes), got {type}", type=type(text).__name__),
            field="text",
        )
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise _toml_error(error, text, source) from None
    return data, Reader(source, LineIndex(text))


def _toml_error(error: Exception, text: str, source: str) -> ReportFileError:
    """TOML's own error, and for a key written twice (a criterion answered twice) the key."""
    message = str(error)
    found = re.search(r"at line (\d+)", message)
    line = int(found[1]) if found else None
    if "overwrite" in message.lower() and line is not None and line <= len(text.splitlines()):
        key = text.splitlines()[line - 1].split("=", 1)[0].strip().strip("\"'")
        return ReportFileError(
            M_("{key} is written twice (a criterion answered twice?)", key=repr(key)),
            source=source,
            line=line,
            field=key,
        )
    return ReportFileError(M_("not valid TOML: {error}", error=message), source=source)


def read_file(path: str | Path, limits: Limits) -> bytes:
    file = Path(path)
    try:
        if file.is_file() and file.stat().st_size > limits.file_bytes:
            raise ReportFileError(
                M_("the file is larger than {limit} bytes", limit=limits.file_bytes),
                source=str(file),
            )
        return file.read_bytes()
    except OSError as error:
        raise ReportFileError(
            M_("cannot read the file: {value}", value=error.strerror or error), source=str(file)
        ) from None


def built(reader: Reader, build: Callable[[], _T]) -> _T:
    """``build()``, every error of the file raised at once: those collected while reading and
    the one that stopped it (once, however it was raised)."""
    try:
        result = build()
    except LakipError as error:
        already = any(error is e for e in reader.errors) or error.errors == tuple(reader.errors)
        if not reader.errors or already:
            raise _in_file(reader, error) from None
        reader.errors.append(_in_file(reader, error))
        reader.raise_collected()
        raise  # pragma: no cover - raise_collected raises
    reader.raise_collected()
    return result


def _in_file(reader: Reader, error: LakipError) -> LakipError:
    """``error`` placed in the file ``reader`` reads, unless it is already placed in a file:
    an error of the design file a worksheet names keeps that file's name and line."""
    return reader.at("", error) if error.source is None else error


def check_schema(reader: Reader, data: Table, expected: str) -> None:
    schema = reader.text(data, "schema", "", required=False)
    if schema is not None and schema != expected:
        raise reader.fail(
            "schema",
            M_(
                "expected schema {expected}, got {schema}",
                expected=repr(expected),
                schema=repr(schema),
            ),
        )


def number(reader: Reader, parent: Table, key: str, path: str) -> Decimal:
    value = parent.get(key)
    if isinstance(value, int) and not isinstance(value, bool):
        return Decimal(value)
    if isinstance(value, str):
        return reader.figure(parent, key, path).value
    if value is None:
        raise reader.fail(join(path, key), M_("missing field"))
    raise reader.fail(
        join(path, key),
        M_(
            'expected an integer or a number as a string ("4,5"), got {value}',
            value=type(value).__name__,
        ),
    )


def texts(reader: Reader, parent: Table, key: str, path: str) -> tuple[str, ...]:
    value = parent.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise reader.fail(join(path, key), M_("expected a list of strings"))
    return tuple(value)


# --- designs ---------------------------------------------------------------------------------


def loads_design(
    text: str | bytes, *, source: str = "<string>", limits: Limits = DEFAULT_LIMITS
) -> Design:
    """A worksheet design from TOML ``text``; ``source`` names it in errors."""
    data, reader = parse(text, source, limits)
    return built(reader, functools.partial(_design, reader, data))


def load_design(path: str | Path, *, limits: Limits = DEFAULT_LIMITS) -> Design:
    """A worksheet design from the TOML file at ``path``."""
    return loads_design(read_file(path, limits), source=str(path), limits=limits)


def _design(reader: Reader, data: Table) -> Design:
    reader.only(data, _DESIGN, "")
    check_schema(reader, data, DESIGN_SCHEMA)
    scales: dict[str, AnswerScale] = {}
    for name, item in reader.table(data, "scales", "").items():
        built = reader.collect(functools.partial(_scale, reader, name, item, join("scales", name)))
        if built is not None:
            scales[name] = built
    components = []
    for index, item in enumerate(reader.array(data, "components", "")):
        path = f"components[{index}]"
        built_component = reader.collect(functools.partial(_component, reader, item, path, scales))
        if built_component is not None:
            components.append(built_component)
    rules = []
    for index, item in enumerate(reader.array(data, "rules", "")):
        built_rule = reader.collect(functools.partial(_rule, reader, item, f"rules[{index}]"))
        if built_rule is not None:
            rules.append(built_rule)
    reader.raise_collected()
    unanswered = reader.text(data, "unanswered", "", required=False)
    with reader.placed("unanswered", replace=True):
        policy = UnansweredPolicy.from_name(unanswered) if unanswered else UnansweredPolicy.ERROR
    with reader.placed("", replace=False):
        return Design(
            reader.required_text(data, "name", ""),
            reader.required_text(data, "title", ""),
            reader.required_text(data, "version", ""),
            reader.required_text(data, "source", ""),
            components,
            reader.required_text(data, "grades", ""),
            layers=texts(reader, data, "layers", "") or ("mandiri", "penilai"),
            unanswered=policy,
            rules=rules,
            unverified=texts(reader, data, "unverified", ""),
            total=number(reader, data, "total", "") if "total" in data else Decimal(100),
            origin=reader.origin(""),
        )


def _scale(reader: Reader, name: str, item: object, path: str) -> AnswerScale:
    if not isinstance(item, Mapping):
        raise reader.fail(path, M_("expected a table with the scale's answers"))
    reader.only(item, _SCALE, path)
    answers = []
    raw = item.get("answers")
    if not isinstance(raw, list) or not all(isinstance(a, Mapping) for a in raw):
        raise reader.fail(
            join(path, "answers"),
            M_("expected a list of answers, each a table with a code and a value"),
        )
    for index, answer in enumerate(raw):
        apath = f"{path}.answers[{index}]"
        reader.only(answer, _ANSWER, apath)
        with reader.placed(apath, replace=True):
            answers.append(
                Answer(
                    reader.required_text(answer, "code", apath),
                    number(reader, answer, "value", apath),
                    reader.text(answer, "meaning", apath, required=False) or "",
                )
            )
    evidence = None
    if "evidence" in item:
        evidence = read_grade_table(
            reader, f"{name}-evidence", item["evidence"], join(path, "evidence")
        )
        if evidence.defects:
            raise reader.fail(
                join(path, "evidence"),
                M_(
                    "the evidence bands of a design must not overlap or leave gaps: {defect}",
                    defect=evidence.defects[0].kind.value,
                ),
            )
    with reader.placed(path, replace=True):
        return AnswerScale(
            name,
            answers,
            number(reader, item, "full", path) if "full" in item else None,
            source=reader.text(item, "source", path, required=False) or "",
            evidence=evidence,
            origin=reader.origin(path),
        )


def _component(
    reader: Reader, item: Table, path: str, scales: Mapping[str, AnswerScale]
) -> Component:
    reader.only(item, _COMPONENT, path)
    origin = reader.origin(path)
    before = len(reader.errors)
    parts = []
    for index, part in enumerate(reader.array(item, "parts", path)):
        built = reader.collect(
            functools.partial(_part, reader, part, f"{path}.parts[{index}]", scales)
        )
        if built is not None:
            parts.append(built)
    heading = _heading(reader, item, path)
    if heading is None or len(reader.errors) > before:
        # Its parts' errors are collected already; raising them again here would list each
        # once more for every level above (a 500 KB message for one bad weight).
        raise NotBuiltError
    with reader.placed(path, replace=True):
        return Component(*heading, parts, origin=origin)


def _heading(reader: Reader, item: Table, path: str) -> tuple[str, str, Decimal] | None:
    """The id, name and weight of a component or sub-component, or ``None`` with the errors
    collected (read even when a part of it is bad, so that all its errors show at once)."""
    identifier = reader.collect(functools.partial(reader.required_text, item, "id", path))
    name = reader.collect(functools.partial(reader.required_text, item, "name", path))
    weight = reader.collect(functools.partial(number, reader, item, "weight", path))
    if identifier is None or name is None or weight is None:
        return None
    return identifier, name, weight


def _scale_named(
    reader: Reader, item: Table, path: str, scales: Mapping[str, AnswerScale], default: str | None
) -> AnswerScale:
    name = reader.text(item, "scale", path, required=default is None) or default
    assert name is not None
    found = scales.get(name)
    if found is None:
        raise reader.fail(
            join(path, "scale"),
            M_(
                "unknown answer scale {name}; the design's scales: {known}",
                name=repr(name),
                known=", ".join(scales) or "-",
            ),
        )
    return found


def _part(reader: Reader, item: Table, path: str, scales: Mapping[str, AnswerScale]) -> Part:
    reader.only(item, _PART, path)
    origin = reader.origin(path)
    default = reader.text(item, "scale", path, required=False)
    before = len(reader.errors)
    criteria = []
    for index, criterion in enumerate(reader.array(item, "criteria", path)):
        cpath = f"{path}.criteria[{index}]"
        built = reader.collect(
            functools.partial(_criterion, reader, criterion, cpath, scales, default)
        )
        if built is not None:
            criteria.append(built)
    heading = _heading(reader, item, path)
    if heading is None or len(reader.errors) > before:
        raise NotBuiltError  # its errors are collected already (see _component)
    with reader.placed(path, replace=True):
        return Part(*heading, criteria, origin=origin)


def _criterion(
    reader: Reader,
    item: Table,
    path: str,
    scales: Mapping[str, AnswerScale],
    default: str | None,
) -> Criterion:
    reader.only(item, _CRITERION, path)
    with reader.placed(path, replace=True):
        return Criterion(
            reader.required_text(item, "id", path),
            reader.required_text(item, "text", path),
            _scale_named(reader, item, path, scales, default),
            guidance=reader.text(item, "guidance", path, required=False) or "",
            evidence=texts(reader, item, "evidence", path),
            weight=number(reader, item, "weight", path) if "weight" in item else None,
            origin=reader.origin(path),
        )


def _limit_ids(reader: Reader, item: Table, path: str) -> tuple[str, ...]:
    value = item.get("limit")
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
        return tuple(value)
    raise reader.fail(join(path, "limit"), M_("expected an id or a list of ids"))


def _rule(reader: Reader, item: Table, path: str) -> LogicRule:
    reader.only(item, _RULE, path)
    kind = reader.required_text(item, "kind", path)
    with reader.placed(join(path, "kind"), replace=True):
        rule_kind = RuleKind.from_name(kind)
    with reader.placed(path, replace=True):
        return LogicRule(
            reader.required_text(item, "id", path),
            rule_kind,
            reader.required_text(item, "criterion", path),
            _limit_ids(reader, item, path),
            reader.text(item, "message", path, required=False) or "",
            source=reader.text(item, "source", path, required=False) or "",
            origin=reader.origin(path),
        )
