"""Derived figures: a printed value computed by a named formula of the catalogue (NE, NKA, a
relative change) is recomputed and audited like a capaian."""

from __future__ import annotations

from decimal import Decimal

import pytest

from lakipcore import ReportFileError, dump_report, format_number, loads_report
from lakipcore.audit import audit
from lakipcore.errors import InvalidValueError, UnknownNameError
from lakipcore.model import DerivedFigure, Reference
from lakipcore.scoring.derived import derived_values

# A budget-performance table in the style of the EKA results a LAKIP prints (PMK 22/2021):
# nilai efisiensi from E, and the NKA from its four components under the catalogue's weights.
EKA = """\
schema = 2

[report]
main = "2021"

[[periods]]
key = "2021"
method = "pooled-sum"

[[tables]]
id = "eka"
kind = "dashboard"
title = "Nilai Evaluasi Kinerja Anggaran"

[office]
code = "satker"
name = "Satuan Kerja"

[office.periods.2021]

[[office.periods.2021.derived]]
key = "ne"
formula = "pmk22-nilai-efisiensi"
inputs = { efisiensi = "3,99" }
printed = { eka = "59,98" }

[[office.periods.2021.derived]]
key = "nka"
formula = "pmk22-nka"
inputs = { penyerapan = "95,53", konsistensi = "99,61", capaian_output = "99,72", \
nilai_efisiensi = "@ne" }
printed = { eka = "87,93" }

[[office.periods.2021.derived]]
key = "growth"
formula = "relative-change"
inputs = { current = "169", previous = "117" }
printed = { eka = "44,44%" }
"""


def test_derived_figures_are_computed_in_order() -> None:
    report = loads_report(EKA)
    block = report.root.at("2021")
    assert block is not None
    assert ["ne", "nka", "growth"] == [d.key for d in block.derived]
    assert Reference("ne") == block.derived[1].inputs["nilai_efisiensi"]
    values = derived_values(block)
    assert Decimal("59.975") == values["ne"]  # 50 + 3,99 / 20 × 50
    # 0,097 × 95,53 + 0,182 × 99,61 + 0,435 × 99,72 + 0,286 × 59,975, exactly
    assert Decimal("87.92648") == values["nka"]
    assert Decimal(52) / Decimal(117) * 100 - values["growth"] < Decimal("1E-50")


def test_printed_derived_figures_are_audited() -> None:
    """All three printed values follow from their formulas; a wrong one is a mismatch."""
    findings = audit(loads_report(EKA))
    assert not [f for f in findings if f.subject.item in ("ne", "nka", "growth")]
    wrong = audit(
        loads_report(EKA.replace('printed = { eka = "87,93" }', 'printed = { eka = "88,93" }'))
    )
    found = [f for f in wrong if f.subject.item == "nka"]
    assert ["figure-mismatch"] == [f.code for f in found]
    assert "office.periods.2021.derived[1].printed.eka" == found[0].location.field
    assert "published 88,93 but the inputs give 87,93" in found[0].message_in("en")


def test_a_derived_figure_that_cannot_be_computed_is_a_finding() -> None:
    text = EKA.replace(
        'inputs = { current = "169", previous = "117" }',
        'inputs = { current = "169", previous = "0" }',
    )
    found = [f for f in audit(loads_report(text)) if f.subject.item == "growth"]
    assert ["not-recomputable"] == [f.code for f in found]
    assert "relative change from zero is undefined" in found[0].message_in("en")


def test_derived_figures_round_trip() -> None:
    report = loads_report(EKA)
    text = dump_report(report)
    again = loads_report(text)
    assert report == again
    assert text == dump_report(again)
    assert 'nilai_efisiensi = "@ne"' in text


def test_derived_inputs_are_written_back_as_printed() -> None:
    """An input keeps its unit label, note, currency and percent sign through a round trip
    (they were dropped on write: ``169 Permohonan`` came back as ``169``); the formula takes
    its number."""
    printed = {
        "current": "169 Permohonan (KI dan IG)",
        "previous": "Rp 117",
    }
    text = EKA.replace(
        'inputs = { current = "169", previous = "117" }',
        'inputs = { current = "169 Permohonan (KI dan IG)", previous = "Rp 117" }',
    ).replace('inputs = { efisiensi = "3,99" }', 'inputs = { efisiensi = "3,99%" }')
    report = loads_report(text)
    written = dump_report(report)
    for name, shown in printed.items():
        assert f'{name} = "{shown}"' in written
    assert 'efisiensi = "3,99%"' in written
    assert report == loads_report(written)
    block = report.root.at("2021")
    assert block is not None
    growth = derived_values(block)["growth"]
    assert isinstance(growth, Decimal)
    assert "44,44" == format_number(growth, 2)


@pytest.mark.parametrize(
    ("edit", "error", "field", "message"),
    [
        (
            ('formula = "relative-change"', 'formula = "growth"'),
            UnknownNameError,
            "derived[2].formula",
            "unknown formula",
        ),
        (
            ('inputs = { current = "169"', 'inputs = { now = "169"'),
            ReportFileError,
            "derived[2].inputs.now",
            "no input 'now'",
        ),
        (
            ('nilai_efisiensi = "@ne"', 'nilai_efisiensi = "@nka"'),
            InvalidValueError,
            "derived",
            "listed before",
        ),
        (
            ('inputs = { efisiensi = "3,99" }', 'inputs = { efisiensi = "3.99" }'),
            Exception,
            "derived[0].inputs.efisiensi",
            "decimal point",
        ),
        (
            ('key = "growth"', 'key = "ne"'),
            InvalidValueError,
            "derived",
            "duplicate derived figure 'ne'",
        ),
        (
            (
                'inputs = { efisiensi = "3,99" }',
                'inputs = { efisiensi = "3,99" }\nparameters = { clamp = "ya" }',
            ),
            Exception,
            "derived[0]",
            "clamp",
        ),
    ],
)
def test_bad_derived_figures_are_refused_naming_the_field(edit, error, field, message) -> None:
    with pytest.raises(error, match=message) as info:
        loads_report(EKA.replace(*edit), source="eka.toml")
    fields = [e.field or "" for e in getattr(info.value, "errors", (info.value,))]
    assert any(field in f for f in fields), fields


def test_derived_figures_built_in_python_are_checked() -> None:
    with pytest.raises(InvalidValueError, match="derived figure code"):
        DerivedFigure("NE", "pmk22-nilai-efisiensi", {"efisiensi": Decimal(4)})
    figure = DerivedFigure("ne", "pmk22-nilai-efisiensi", {"efisiensi": Decimal(4)})
    assert [] == figure.references()


def test_a_file_with_derived_figures_validates_against_the_schema() -> None:
    import tomllib

    from extras import require

    jsonschema = require("jsonschema")
    from lakipcore.schemas import load_schema

    data = tomllib.loads(EKA)
    jsonschema.validate(data, load_schema("report"))
    data["office"]["periods"]["2021"]["derived"][0]["formul"] = "x"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, load_schema("report"))
