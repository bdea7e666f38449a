"""JSON Schemas: the report file format, the score and audit documents, ``lakip schema``."""

from __future__ import annotations

import copy
import json
import tomllib
from pathlib import Path
from typing import Any

import pytest

import lakipcore
from extras import require
from lakipcore.audit import FindingCode, Severity, audit
from lakipcore.cli import main
from lakipcore.formats.toml.loader import build_report
from lakipcore.model import (
    Accumulation,
    ColumnKind,
    Comparison,
    Formula,
    Polarity,
    TableKind,
    TableScope,
)
from lakipcore.notation import Notation
from lakipcore.render.json import IndicatorDict, ScoreDict, UnitDict, score_to_dict
from lakipcore.results.findings import FindingDict, findings_to_dict
from lakipcore.schemas import SCHEMA_NAMES, load_schema, schema_text

EXAMPLES = sorted((Path(lakipcore.__file__).parent / "data").glob("*.toml"))

MINIMAL = """\
schema = 2

[report]
title = "Kanwil"

[[periods]]
key = "2019"
method = "banten-2019"

[[tables]]
id = "unit-indicators"
kind = "indicators"

[office]
code = "kanwil"
name = "Kanwil"

[[units]]
code = "sekjen"
name = "Sekjen"

[units.periods.2019.budget]
programme = "Dukungan Manajemen"

[[units.periods.2019.budget.outputs]]
code = "a"
name = "Gaji"
pagu = "1.000"
realisation = "950"

[[units.indicators]]
code = "ikm"
name = "Indeks kepuasan"
polarity = "higher"

[units.indicators.periods.2019]
target = "12 Laporan"
realisation = "12 Laporan"
printed.capaian = { unit-indicators = "100%" }
"""


def _validator(name: str) -> Any:
    jsonschema = require("jsonschema")
    schema = load_schema(name)
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def _errors(name: str, data: object) -> list[str]:
    return [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
        for e in _validator(name).iter_errors(data)
    ]


@pytest.mark.parametrize("name", SCHEMA_NAMES)
def test_schemas_are_valid_draft_2020_12(name: str) -> None:
    """Each shipped schema is a valid draft 2020-12 schema naming its draft."""
    _validator(name)
    assert "https://json-schema.org/draft/2020-12/schema" == load_schema(name)["$schema"]


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_every_example_validates_against_the_report_schema(path: Path) -> None:
    """Every shipped example, as tomllib parses it, is valid under the report schema."""
    assert [] == _errors("report", tomllib.loads(path.read_text(encoding="utf-8")))


def test_the_minimal_file_loads_and_validates() -> None:
    """The base of the refused samples below is itself accepted by both."""
    report = lakipcore.loads_report(MINIMAL)
    assert "100,00%" == lakipcore.format_percent(
        lakipcore.score_report(report).current.unit("sekjen").achievement
    )
    assert [] == _errors("report", tomllib.loads(MINIMAL))


def _set(data: dict[str, Any], path: str, value: object) -> None:
    *parents, last = path.split("/")
    for part in parents:
        data = data[int(part)] if isinstance(data, list) else data[part]
    if value is _DELETE:
        del data[last]
    else:
        data[last] = value


_DELETE = object()
_INDICATOR = "units/0/indicators/0"
_ENTRY = f"{_INDICATOR}/periods/2019"

# (name, path, value, what the loader's message says): each makes MINIMAL a file the loader
# refuses; the schema must refuse it too.
REFUSED = [
    ("unknown top-level field", "extra", {}, "unknown field 'extra'"),
    ("unknown indicator field", f"{_ENTRY}/realisasi", "12 Laporan", "unknown field 'realisasi'"),
    ("unknown unit field", "units/0/nama", "Sekjen", "unknown field 'nama'"),
    ("target as a TOML float", f"{_ENTRY}/target", 70.5, "expected a string, got a float"),
    ("name as an integer", "units/0/name", 12, "expected a string"),
    ("planned not a boolean", "periods/0/planned", "yes", "expected true or false"),
    ("schema as a string", "schema", "2", "expected an integer"),
    ("missing unit name", "units/0/name", _DELETE, "missing field"),
    ("missing office name", "office/name", _DELETE, "missing field"),
    ("missing indicator name", f"{_INDICATOR}/name", _DELETE, "missing field"),
    ("missing target", f"{_ENTRY}/target", _DELETE, "missing field"),
    ("bad polarity", f"{_INDICATOR}/polarity", "up", "polarity"),
    ("bad formula", f"{_INDICATOR}/formula", "linear", "formula"),
    ("bad table kind", "tables/0/kind", "summary", "kind"),
    ("bad table scope", "tables/0/scope", "some-units", "scope"),
    ("bad printed quantity", f"{_ENTRY}/printed/score", {"unit-indicators": "1"}, "score"),
    ("bad period key", "periods/0/key", "2019-q1", "2019-q1"),
    ("bad period key in a block", f"{_INDICATOR}/periods/2019-tw5", {"target": "1"}, "tw5"),
    ("bad unit code", "units/0/code", "Sekjen Divisi", "code"),
    ("unsupported schema", "schema", 3, "unsupported schema 3"),
    ("no periods", "periods", [], "at least one period"),
    ("budget without outputs", "units/0/periods/2019/budget/outputs", [], "output"),
]
assert len({case[0] for case in REFUSED}) == len(REFUSED)


@pytest.mark.parametrize(("name", "path", "value", "message"), REFUSED, ids=[c[0] for c in REFUSED])
def test_files_the_loader_refuses_are_refused_by_the_schema(
    name: str, path: str, value: object, message: str
) -> None:
    """A sample of broken files: the loader refuses each, and so does the schema."""
    data = tomllib.loads(MINIMAL)
    _set(data, path, value)
    with pytest.raises(lakipcore.LakipError) as refused:
        build_report(copy.deepcopy(data), source="broken.toml")
    assert message in str(refused.value)
    assert _errors("report", data), f"the schema accepts a file with {name}"


def test_schema_enums_are_the_models() -> None:
    """The names the schema lists are those the model knows, so neither drifts from the other."""
    defs = load_schema("report")["$defs"]
    indicator = defs["indicator"]["properties"]
    assert [m.value for m in Polarity] == indicator["polarity"]["enum"]
    assert [m.value for m in Formula] == indicator["formula"]["enum"]
    assert [m.value for m in Accumulation] == indicator["accumulation"]["enum"]
    assert [m.value for m in TableKind] == defs["table"]["properties"]["kind"]["enum"]
    assert [m.value for m in TableScope] == defs["table"]["properties"]["scope"]["enum"]
    assert [m.value for m in ColumnKind] == defs["column"]["properties"]["kind"]["enum"]
    assert [m.value for m in Comparison] == defs["condition"]["properties"]["op"]["enum"]
    report = load_schema("report")["properties"]["report"]["properties"]
    assert [m.value for m in Notation] == report["notation"]["enum"]
    finding = load_schema("audit")["$defs"]["finding"]["properties"]
    assert [c.value for c in FindingCode] == finding["code"]["enum"]
    assert [s.value for s in Severity] == finding["severity"]["enum"]


@pytest.mark.parametrize(
    ("typed", "schema", "where"),
    [
        (ScoreDict, "score", None),
        (UnitDict, "score", "unit"),
        (IndicatorDict, "score", "indicator"),
        (FindingDict, "audit", "finding"),
    ],
    ids=["score", "unit", "indicator", "finding"],
)
def test_typed_dicts_and_schemas_name_the_same_keys(
    typed: type, schema: str, where: str | None
) -> None:
    """The TypedDicts of the dict outputs and the schemas list the same keys, all required."""
    loaded = load_schema(schema)
    node = loaded if where is None else loaded["$defs"][where]
    assert list(typed.__annotations__) == list(node["properties"])
    assert set(typed.__annotations__) == set(node["required"])
    assert node["additionalProperties"] is False


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_score_and_audit_json_of_every_example_validate(
    path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The score and audit JSON of every shipped example are valid under their schemas."""
    for command in ("score", "audit"):
        status = main([command, str(path), "--format", "json"])
        assert status in (0, 1)
        document = json.loads(capsys.readouterr().out)
        assert [] == _errors(command, document)
    report = lakipcore.load_report(path)
    assessment = lakipcore.assess(report)
    for places, rounding in ((0, lakipcore.Rounding.TRUNCATE), (4, lakipcore.Rounding.HALF_EVEN)):
        data = score_to_dict(assessment, places=places, rounding=rounding)
        assert [] == _errors("score", json.loads(json.dumps(data)))
    findings = findings_to_dict(audit(report), source=None)
    assert [] == _errors("audit", json.loads(json.dumps(findings)))


def test_score_schema_is_not_vacuous(capsys: pytest.CaptureFixture[str]) -> None:
    """The score schema refuses a number as a float, a dropped key and a shown value with a
    decimal point."""
    assert 0 == main(["score", "--format", "json"])
    document = json.loads(capsys.readouterr().out)
    broken = copy.deepcopy(document)
    broken["periods"][1]["office"]["performance"]["exact"] = 116.13
    assert _errors("score", broken)
    broken = copy.deepcopy(document)
    del broken["periods"][1]["office"]["units"][0]["indicators"][0]["kind"]
    assert _errors("score", broken)
    broken = copy.deepcopy(document)
    broken["periods"][1]["office"]["performance"]["shown"] = "116.13"
    assert _errors("score", broken)


@pytest.mark.parametrize("name", SCHEMA_NAMES)
def test_lakip_schema_prints_the_schema(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    """``lakip schema NAME`` prints the shipped schema, as JSON."""
    assert 0 == main(["schema", name])
    out = capsys.readouterr().out
    assert schema_text(name) == out
    assert load_schema(name) == json.loads(out)


def test_lakip_schema_refuses_an_unknown_name(capsys: pytest.CaptureFixture[str]) -> None:
    """An unknown schema name is a usage error."""
    with pytest.raises(SystemExit) as exit_info:
        main(["schema", "workbook"])
    assert 2 == exit_info.value.code
    assert "report" in capsys.readouterr().err
    with pytest.raises(lakipcore.LakipError):
        load_schema("workbook")


def test_a_schema_line_for_editors_is_only_a_comment(tmp_path: Path) -> None:
    """A ``#:schema`` first line (taplo, Even Better TOML) changes nothing for the loader."""
    path = tmp_path / "kanwil.toml"
    path.write_text("#:schema ./report.json\n" + MINIMAL, encoding="utf-8")
    with_line = lakipcore.load_report(path)
    assert lakipcore.loads_report(MINIMAL) == with_line
    origin = with_line.unit("sekjen").indicator("ikm").at("2019").origin
    assert origin is not None
    assert MINIMAL.splitlines().index("[units.indicators.periods.2019]") + 2 == origin.line


# --- the document's keys, defined once -----------------------------------------------------

# Where each section of lakipcore.formats.document is described in the report's JSON Schema.
SECTION_POINTERS = {
    "top": "",
    "report": "/properties/report",
    "period": "/$defs/period",
    "table": "/$defs/table",
    "table-column": "/$defs/tableColumn",
    "printed-text": "/$defs/printedText",
    "unit": "/$defs/unit",
    "office": "/$defs/office",
    "unit-period": "/$defs/unitPeriod",
    "programme": "/$defs/budget/oneOf/0",
    "rate": "/$defs/budget/oneOf/1",
    "output": "/$defs/output",
    "revision": "/$defs/budget/oneOf/0/properties/revisions/items",
    "subtotal": "/$defs/budget/oneOf/0/properties/subtotals/items",
    "indicator": "/$defs/indicator",
    "indicator-period": "/$defs/indicatorPeriod",
    "evidence": "/$defs/evidence",
    "column": "/$defs/column",
    "total": "/$defs/total",
    "row-check": "/$defs/rowCheck",
    "condition": "/$defs/condition",
    "rule": "/$defs/rule",
    "support": "/$defs/support",
    "ratio": "/$defs/ratio",
    "change": "/$defs/change",
    "method": "/$defs/method",
    "weights": "/$defs/method/properties/weights",
    "plausibility": "/$defs/method/properties/plausibility",
    "grade-table": "/$defs/gradeTable",
    "band": "/$defs/gradeTable/properties/bands/items",
    "scale": "/$defs/gradeTable/properties/scale/oneOf/1",
    "derived": "/$defs/derived",
}


def _pointed(document: Any, pointer: str) -> Any:
    for step in pointer.split("/")[1:]:
        document = document[int(step)] if isinstance(document, list) else document[step]
    return document


def test_the_json_schema_describes_the_documents_keys() -> None:
    """Every section of the report document (lakipcore.formats.document, which the reader
    allows and the writer writes) has exactly its keys as properties in the JSON Schema."""
    from lakipcore.formats.document import SECTIONS

    schema = load_schema("report")
    assert set(SECTIONS) == set(SECTION_POINTERS)
    for section, keys in SECTIONS.items():
        properties = set(_pointed(schema, SECTION_POINTERS[section])["properties"])
        assert keys == properties, section


def test_the_writer_writes_only_the_documents_keys() -> None:
    """Every table the writer writes for the shipped examples holds only its section's keys."""
    import tomllib

    from lakipcore.formats.document import OUTPUT, PROGRAMME, REVISION, TOP, UNIT_PERIOD

    for path in EXAMPLES:
        data = tomllib.loads(lakipcore.dump_report(lakipcore.load_report(path)))
        assert set(data) <= TOP
        for unit in [data["office"], *data.get("units", [])]:
            for block in unit.get("periods", {}).values():
                assert set(block) <= UNIT_PERIOD
                budget = block.get("budget")
                if budget is None or "outputs" not in budget:
                    continue
                assert set(budget) <= PROGRAMME
                assert all(set(output) <= OUTPUT for output in budget["outputs"])
                assert all(set(item) <= REVISION for item in budget.get("revisions", []))


def test_the_workbook_carries_the_budgets_keys() -> None:
    """The workbook's budget columns are the document's keys for a programme's history."""
    from lakipcore.formats.document import ORIGINAL, PLAN, PROGRAMME, REVISIONS
    from lakipcore.formats.excel._layout import BUDGET_COLUMNS

    columns = {key for key, _ in BUDGET_COLUMNS}
    assert {ORIGINAL, PLAN, REVISIONS} <= columns & PROGRAMME


@pytest.mark.parametrize("command", ["score", "audit"])
def test_an_unusable_input_is_json_too_with_format_json(
    command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A single file with ``--format json`` and bad input printed plain text only; the error
    is now a JSON document on standard output too (``lakip schema error``), every bad field
    in ``errors``, and the one line on standard error as before."""
    bad = tmp_path / "kantor.toml"
    text = (EXAMPLES[0]).read_text(encoding="utf-8")
    bad.write_text(text.replace("schema = 2", "schema = 2\nshema = 2\ntitel = 1", 1), "utf-8")
    assert 2 == main([command, str(bad), "--format", "json"])
    captured = capsys.readouterr()
    document = json.loads(captured.out)
    assert [] == _errors("error", document)
    assert "lakipcore.error/1" == document["schema"]
    assert "ReportFileError" == document["type"]
    assert ["shema", "titel"] == [e["field"] for e in document["errors"]]
    assert all(e["line"] for e in document["errors"])
    assert captured.err.startswith("lakip: ")


def test_error_to_dict_of_a_single_error() -> None:
    error = lakipcore.errors.FigureFormatError("not a figure", field="target", source="a.toml")
    data = error.to_dict()
    assert [] == _errors("error", {"schema": "lakipcore.error/1", **data})
    assert "a.toml: target: not a figure" == data["text"]
    assert [data["text"]] == [e["text"] for e in data["errors"]]


def test_a_recomputed_value_has_its_shown_form(capsys: pytest.CaptureFixture[str]) -> None:
    """The audit JSON gave only ``recomputed``, a 58-digit string; ``shown`` is the value as a
    person reads it, half-up at the finding's places (the Banten performance-yoy: printed
    7,74%, recomputed 7,4645…, shown 7,46)."""
    main(["audit", "--format", "json"])
    document = json.loads(capsys.readouterr().out)
    yoy = next(
        f
        for f in document["findings"]
        if f["location"]["field"] == "office.periods.2019.printed.performance-yoy.summary-yoy"
    )
    assert yoy["recomputed"].startswith("7.4645861754")
    assert "7,46" == yoy["shown"]
    del yoy["shown"]
    assert _errors("audit", document)
