"""Notation per report, per table, per column and per figure (docs/format.md, "Numbers").

A report mixes notations: a table printed ``93.6`` beside amounts ``749.930.215``, one
``102,43`` in a table otherwise printed ``93.39``, ``1,231,790,000`` in one column. Each
printed figure is read, and judged by the audit, in the first notation stated for it: its own,
its column's, its table's, the report's. A column whose header carries ``%`` makes its bare
cells percentages.
"""

from __future__ import annotations

import tomllib
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extras import require
from lakipcore import dump_report, loads_report
from lakipcore.audit import audit
from lakipcore.errors import LakipError
from lakipcore.figures import format_as_printed
from lakipcore.model import (
    ColumnUnit,
    PrintedFigure,
    Quantity,
    Report,
    ReportTable,
    TableColumn,
    TableKind,
)
from lakipcore.notation import Notation
from lakipcore.render.marks import notation_slip
from lakipcore.schemas import load_schema
from strategies import decimals

ID = Notation.INDONESIAN
DP = Notation.DECIMAL_POINT

# An Indonesian report whose indicator table prints with decimal points and "%" in its
# header, one capaian of it in Indonesian notation, and a budget table whose pagu column
# prints the English "1,231,790,000".
MIXED = """\
schema = 2

[report]
title = "Laporan campuran"

[[periods]]
key = "2021"
method = "pooled-sum"

[[tables]]
id = "tabel-3"
kind = "indicators"
notation = "decimal-point"
columns = { capaian = { unit = "%" } }

[[tables]]
id = "tabel-anggaran"
kind = "budget"
columns = { pagu = { notation = "decimal-point", unit = "Rp" }, absorption = { unit = "%" } }

[[tables]]
id = "prose"
kind = "prose"

[office]
code = "upt"
name = "UPT"

[office.periods.2021]

[office.periods.2021.budget]
programme = "Program"
printed.pagu = { tabel-anggaran = "1,231,790,000" }
printed.realisation = { tabel-anggaran = "1.200.000.000" }
printed.absorption = { tabel-anggaran = "97,42" }

[[office.periods.2021.budget.outputs]]
name = "Layanan"
pagu = "1.231.790.000"
realisation = "1.200.000.000"

[[office.indicators]]
code = "a"
name = "Persentase A"

[office.indicators.periods.2021]
target = "80%"
realisation = "74,88%"
printed.capaian = { tabel-3 = "93.60", prose = "93,6%" }

[[office.indicators]]
code = "b"
name = "Persentase B"

[office.indicators.periods.2021]
target = "80%"
realisation = "81,944%"
printed.capaian.tabel-3 = { text = "102,43", notation = "indonesian" }
printed.capaian.prose = ["102,43%", { text = "102.43%", notation = "decimal-point" }]
"""


def _figures(report: Report) -> dict[tuple[str, str, str], list[PrintedFigure]]:
    """The printed figures of the mixed report by (subject, quantity, table)."""
    found: dict[tuple[str, str, str], list[PrintedFigure]] = {}
    budget = report.root.at("2021").budget
    assert budget is not None
    subjects = [("budget", budget.printed)]
    subjects += [(i.code, i.at("2021").printed) for i in report.root.indicators]
    for subject, figures in subjects:
        for figure in figures:
            key = (subject, figure.quantity.value, figure.place)
            found.setdefault(key, []).append(figure)
    return found


def test_each_figure_is_read_in_its_own_notation() -> None:
    """Figure > column > table > report: every figure reads as the value printed."""
    figures = _figures(loads_report(MIXED))
    expected = {
        ("budget", "pagu", "tabel-anggaran"): [(DP, "1231790000")],  # column
        ("budget", "realisation", "tabel-anggaran"): [(ID, "1200000000")],  # report
        ("budget", "absorption", "tabel-anggaran"): [(ID, "97.42")],
        ("a", "capaian", "tabel-3"): [(DP, "93.60")],  # table
        ("a", "capaian", "prose"): [(ID, "93.6")],
        ("b", "capaian", "tabel-3"): [(ID, "102.43")],  # the figure's own
        ("b", "capaian", "prose"): [(ID, "102.43"), (DP, "102.43")],
    }
    assert expected == {
        key: [(f.notation, str(f.figure().value)) for f in items] for key, items in figures.items()
    }


def test_a_mixed_notation_report_audits_with_no_false_finding() -> None:
    """Every figure is right in its own notation, and bare figures of a "%" column are
    percentages: the audit has nothing to say."""
    assert [] == [(f.code.value, f.location.field) for f in audit(loads_report(MIXED))]


def test_without_its_notations_the_same_report_is_full_of_false_errors() -> None:
    """The declarations are what the audit needs: without them every figure of the other
    notation is malformed and every bare percentage lacks its sign."""
    text = MIXED.replace('notation = "decimal-point"\ncolumns = { capaian = { unit = "%" } }\n', "")
    text = text.replace(
        'columns = { pagu = { notation = "decimal-point", unit = "Rp" }, absorption = { unit = '
        '"%" } }\n',
        "",
    )
    codes = sorted(f.code.value for f in audit(loads_report(text)))
    assert 2 * ["malformed-figure"] + 2 * ["missing-percent-sign"] == codes


def test_a_figure_malformed_in_its_own_notation_is_still_reported() -> None:
    """``93,60`` in the decimal-point table of an Indonesian report is malformed there, though
    it is a good figure in the report's notation: a malformed-figure error, its message naming
    the table's notation and what it seems to mean, and a notation slip."""
    report = loads_report(MIXED.replace('tabel-3 = "93.60"', 'tabel-3 = "93,60"'))
    (finding,) = audit(report)
    assert "malformed-figure" == finding.code.value
    assert "office.indicators[0].periods.2021.printed.capaian.tabel-3" == finding.location.field
    text = finding.text.render("en")
    assert "is not a figure in decimal-point notation, the notation of its table" in text
    assert "it seems to mean 93.60, which agrees with the recomputed 93.6" in text
    assert notation_slip(finding)
    assert notation_slip(finding, DP)


def test_a_figure_malformed_in_the_notation_it_states() -> None:
    stated = '{ text = "102.43%", notation = "decimal-point" }'
    report = loads_report(MIXED.replace(stated, stated.replace("102.43", "102,43")))
    (finding,) = audit(report)
    assert "malformed-figure" == finding.code.value
    assert "office.indicators[1].periods.2021.printed.capaian.prose[1]" == finding.location.field
    assert "decimal-point notation, the notation stated for it" in finding.text.render("en")


def test_a_wrong_value_in_a_decimal_point_column_is_a_mismatch_in_its_notation() -> None:
    """A figure-mismatch message writes its numbers in the figure's own notation."""
    report = loads_report(MIXED.replace('tabel-3 = "93.60"', 'tabel-3 = "95.60"'))
    (finding,) = audit(report)
    assert "figure-mismatch" == finding.code.value
    assert "published 95.60 but the inputs give 93.60" in finding.text.render("en")


def test_the_percent_column_spares_only_its_own_quantity() -> None:
    """The "%" of the capaian column says nothing of another quantity: a bare capaian in the
    prose still lacks its sign."""
    report = loads_report(MIXED.replace('prose = "93,6%"', 'prose = "93,6"'))
    assert [
        ("missing-percent-sign", "office.indicators[0].periods.2021.printed.capaian.prose")
    ] == [(f.code.value, f.location.field) for f in audit(report)]


def test_the_model() -> None:
    table = loads_report(MIXED).table("tabel-anggaran")
    assert table.notation is None
    assert (
        TableColumn(Quantity.PAGU, DP, ColumnUnit.RUPIAH),
        TableColumn(Quantity.ABSORPTION, None, ColumnUnit.PERCENT),
    ) == table.columns
    assert DP is table.notation_of(Quantity.PAGU, ID)
    assert ID is table.notation_of(Quantity.REALISATION, ID)
    assert ColumnUnit.PERCENT is table.unit_of(Quantity.ABSORPTION)
    assert table.unit_of(Quantity.REALISATION) is None
    report = loads_report(MIXED)
    assert DP is report.printed_notation("tabel-3", Quantity.CAPAIAN)
    assert ID is report.printed_notation("prose", Quantity.CAPAIAN)


def test_the_model_refuses_two_columns_for_one_quantity() -> None:
    with pytest.raises(LakipError, match="two columns for 'capaian'"):
        ReportTable(
            "t",
            TableKind.INDICATORS,
            columns=[TableColumn(Quantity.CAPAIAN), TableColumn(Quantity.CAPAIAN, DP)],
        )
    with pytest.raises(LakipError, match="expected a Notation member"):
        TableColumn(Quantity.CAPAIAN, "decimal-point")  # type: ignore[arg-type]


def test_it_round_trips_and_writes_a_figures_notation_only_where_it_differs() -> None:
    report = loads_report(MIXED)
    written = dump_report(report)
    assert loads_report(written) == report
    assert written == dump_report(loads_report(written))
    assert 'columns = { capaian = { unit = "%" } }' in written
    assert 'notation = "decimal-point"\ncolumns' in written
    assert 'tabel-3 = { text = "102,43", notation = "indonesian" }' in written
    assert 'prose = ["102,43%", { text = "102.43%", notation = "decimal-point" }]' in written
    assert 'tabel-anggaran = "1,231,790,000"' in written  # its column's notation: bare


def test_a_figure_built_in_python_in_any_notation_is_written_with_it() -> None:
    """A Report accepts a printed figure in any notation, and the writer keeps it."""
    report = loads_report(MIXED)
    entry = report.root.indicator("a").at("2021")
    figure = PrintedFigure(Quantity.CAPAIAN, "prose", "93.6%", notation=DP)
    import attrs

    changed = attrs.evolve(
        report,
        root=attrs.evolve(
            report.root,
            indicators=[
                attrs.evolve(
                    report.root.indicator("a"),
                    periods=[attrs.evolve(entry, printed=(*entry.printed[:1], figure))],
                ),
                report.root.indicator("b"),
            ],
        ),
    )
    again = loads_report(dump_report(changed))
    assert again == changed
    assert DP is again.root.indicator("a").at("2021").printed[1].notation


def test_the_json_schema_accepts_the_new_keys() -> None:
    jsonschema = require("jsonschema")
    validator = jsonschema.Draft202012Validator(load_schema("report"))
    assert [] == list(validator.iter_errors(tomllib.loads(MIXED)))
    bad = tomllib.loads(MIXED.replace('unit = "%" } }\n', 'unit = "percent" } }\n', 1))
    assert list(validator.iter_errors(bad))


def test_the_workbook_carries_them(tmp_path: Path) -> None:
    """Exported to lakipcore's workbook and read back, the report is the same: the table's
    notation and columns in the Tabel sheet, a figure's own notation in the Tercetak sheet."""
    require("openpyxl")
    import lakipcore
    from lakipcore.excel import read_workbook, write_workbook

    report = loads_report(MIXED)
    written = write_workbook(lakipcore.assess(report), tmp_path / "mixed.xlsx")
    assert report == read_workbook(written)


# --- the file form: accepted and refused ----------------------------------------------------

_TABLE = 'id = "tabel-3"\nkind = "indicators"\n'
_CELL = 'tabel-3 = "93.60"'

REFUSED = [
    # Each: its name, the text of MIXED replaced, its replacement, the error's field and text.
    (
        "table notation unknown",
        _TABLE + 'notation = "decimal-point"',
        _TABLE + 'notation = "english"',
        "tables[0].notation",
        "unknown notation 'english'; expected one of 'indonesian', 'decimal-point'",
    ),
    (
        "columns not a table",
        'columns = { capaian = { unit = "%" } }',
        'columns = "capaian"',
        "tables[0].columns",
        "expected a table of quantity",
    ),
    (
        "column of an unknown quantity",
        'columns = { capaian = { unit = "%" } }',
        'columns = { capaian-persen = { unit = "%" } }',
        "tables[0].columns.capaian-persen",
        "unknown quantity 'capaian-persen'",
    ),
    (
        "column facts not a table",
        'columns = { capaian = { unit = "%" } }',
        'columns = { capaian = "%" }',
        "tables[0].columns.capaian",
        'expected a table { notation = "…", unit = "…" } for the column of \'capaian\'',
    ),
    (
        "column unit unknown",
        'columns = { capaian = { unit = "%" } }',
        'columns = { capaian = { unit = "persen" } }',
        "tables[0].columns.capaian.unit",
        "unknown column unit 'persen'; expected one of '%', 'Rp'",
    ),
    (
        "column notation unknown",
        'columns = { capaian = { unit = "%" } }',
        'columns = { capaian = { notation = "en" } }',
        "tables[0].columns.capaian.notation",
        "unknown notation 'en'",
    ),
    (
        "column key unknown",
        'columns = { capaian = { unit = "%" } }',
        'columns = { capaian = { units = "%" } }',
        "tables[0].columns.capaian.units",
        "unknown field 'units'; expected one of notation, unit; did you mean 'unit'?",
    ),
    (
        "column unit a number",
        'columns = { capaian = { unit = "%" } }',
        "columns = { capaian = { unit = 100 } }",
        "tables[0].columns.capaian.unit",
        "expected a string, got an integer",
    ),
    (
        "figure notation unknown",
        _CELL,
        'tabel-3 = { text = "93.60", notation = "english" }',
        "office.indicators[0].periods.2021.printed.capaian.tabel-3.notation",
        "unknown notation 'english'",
    ),
    (
        "figure without its notation",
        _CELL,
        'tabel-3 = { text = "93.60" }',
        "office.indicators[0].periods.2021.printed.capaian.tabel-3.notation",
        "missing field",
    ),
    (
        "figure without its text",
        _CELL,
        'tabel-3 = { notation = "indonesian" }',
        "office.indicators[0].periods.2021.printed.capaian.tabel-3.text",
        "missing field",
    ),
    (
        "figure text a number",
        _CELL,
        'tabel-3 = { text = 93.6, notation = "decimal-point" }',
        "office.indicators[0].periods.2021.printed.capaian.tabel-3.text",
        "expected a string, got a float; write numbers as quoted strings",
    ),
    (
        "figure key unknown",
        _CELL,
        'tabel-3 = { text = "93.60", notation = "decimal-point", unit = "%" }',
        "office.indicators[0].periods.2021.printed.capaian.tabel-3.unit",
        "unknown field 'unit'; expected one of notation, text",
    ),
    (
        "figure in a list, notation unknown",
        '"102,43%", { text = "102.43%", notation = "decimal-point" }',
        '"102,43%", { text = "102.43%", notation = "dp" }',
        "office.indicators[1].periods.2021.printed.capaian.prose[1].notation",
        "unknown notation 'dp'",
    ),
    (
        "a dotted table id still gets its hint",
        _CELL,
        'tabel.3 = "93.60"',
        "office.indicators[0].periods.2021.printed.capaian.tabel",
        'a table id with a dot must be quoted: "tabel.3" = …',
    ),
]


@pytest.mark.parametrize(
    ("old", "new", "field", "message"), [r[1:] for r in REFUSED], ids=[r[0] for r in REFUSED]
)
def test_refused_forms_name_their_key(old: str, new: str, field: str, message: str) -> None:
    assert old in MIXED
    with pytest.raises(LakipError) as info:
        loads_report(MIXED.replace(old, new, 1), source="mixed.toml")
    errors = info.value.errors or (info.value,)
    assert any(e.field == field and message in e.text.render("en") for e in errors), [
        (e.field, e.text.render("en")) for e in errors
    ]


ACCEPTED = [
    # Each: its name, the text replaced, its replacement, the notation of a's tabel-3 capaian.
    ("the table's notation", _CELL, _CELL, DP),
    ("the column's over the table's", 'unit = "%" }', 'unit = "%", notation = "indonesian" }', ID),
    (
        "the figure's over the column's",
        _CELL,
        'tabel-3 = { text = "93.60", notation = "decimal-point" }',
        DP,
    ),
    ("the report's without any", 'notation = "decimal-point"\ncolumns', "columns", ID),
    (
        "a column with no facts",
        'columns = { capaian = { unit = "%" } }',
        "columns = { capaian = {} }",
        DP,
    ),
]


@pytest.mark.parametrize(
    ("old", "new", "notation"), [r[1:] for r in ACCEPTED], ids=[r[0] for r in ACCEPTED]
)
def test_accepted_forms(old: str, new: str, notation: Notation) -> None:
    text = MIXED.replace(old, new, 1)
    if notation is ID:  # the cell is then written in Indonesian notation
        text = text.replace(_CELL, 'tabel-3 = "93,60"')
    report = loads_report(text)
    (figure,) = [f for f in report.root.indicator("a").at("2021").printed if f.place == "tabel-3"]
    assert notation is figure.notation
    assert Decimal("93.60") == figure.figure().value
    assert report == loads_report(dump_report(report))


# --- the property ---------------------------------------------------------------------------

_PROPERTY = """\
schema = 2
[report]
{report_notation}
[[periods]]
key = "2021"
[[tables]]
id = "t"
kind = "indicators"
{table}
[office]
name = "UPT"
[office.periods.2021]
printed.achievement = {{ t = {cell} }}
"""


@settings(max_examples=60, deadline=None)
@given(
    value=decimals(max_integer_digits=12),
    notation=st.sampled_from(list(Notation)),
    level=st.sampled_from(["table", "column", "figure"]),
    percent=st.booleans(),
)
def test_an_override_never_changes_the_value_of_a_figure_written_in_it(
    value: Decimal, notation: Notation, level: str, percent: bool
) -> None:
    """A Decimal formatted in notation N and declared N (for its table, its column or itself)
    on a report whose default is the other notation parses back to the same Decimal, its
    printed places kept."""
    other = next(n for n in Notation if n is not notation)
    text = format_as_printed(value, notation) + ("%" if percent else "")
    cell = f'"{text}"'
    table = ""
    if level == "table":
        table = f'notation = "{notation.value}"'
    elif level == "column":
        table = f'columns = {{ achievement = {{ notation = "{notation.value}" }} }}'
    else:
        cell = f'{{ text = "{text}", notation = "{notation.value}" }}'
    report = loads_report(
        _PROPERTY.format(report_notation=f'notation = "{other.value}"', table=table, cell=cell)
    )
    (figure,) = report.root.at("2021").printed
    assert notation is figure.notation
    parsed = figure.figure()
    assert value.as_tuple() == parsed.value.as_tuple()
    assert percent == parsed.percent
    assert report == loads_report(dump_report(report))


# --- an evidence table in a notation of its own ----------------------------------------------

OWN_EVIDENCE = """schema = 2

[report]
title = "Anggaran per bulan"

[[periods]]
key = "2022"
method = "pooled-sum"

[office]
code = "subbid"
name = "Sub Bidang"

[office.periods.2022]

[[office.periods.2022.evidence]]
id = "bulanan"
title = "Realisasi per bulan"
notation = "decimal-point"
columns = [{ name = "bulan" }, { name = "jumlah", kind = "number" }]
rows = [["1", "1,004.5"], ["2", "2,000"]]
totals = [{ rule = { sum = ["jumlah"] }, printed = "3,004.5" }]

[[office.indicators]]
code = "dokumen"
name = "Jumlah dokumen"

[office.indicators.periods.2022]
target = "3.000"
derive = { sum = ["jumlah"], table = "bulanan" }
"""


def test_an_evidence_table_is_read_in_its_own_notation() -> None:
    """In an Indonesian report, a table stating ``notation = "decimal-point"`` reads "1,004.5"
    as 1004,5: the realisation it derives is 3.004,5 and its printed total agrees."""
    report = loads_report(OWN_EVIDENCE)
    assert Notation.INDONESIAN == report.notation
    (table,) = report.root.evidence("2022")
    assert Notation.DECIMAL_POINT == table.notation
    from lakipcore.scoring import score_report

    scored = score_report(report).period("2022").root.indicator("dokumen")
    assert Decimal("3004.5") == scored.realisation
    assert [] == list(audit(report))


def test_an_evidence_tables_notation_is_written_only_where_it_differs(tmp_path: Path) -> None:
    """The writer states a table's notation only when it is not the report's; the file and the
    workbook read back equal."""
    report = loads_report(OWN_EVIDENCE)
    written = dump_report(report)
    assert 'title = "Realisasi per bulan"\nnotation = "decimal-point"\n' in written
    assert loads_report(written) == report
    same = loads_report(
        OWN_EVIDENCE.replace(
            'title = "Anggaran per bulan"\n', 'title = "A"\nnotation = "decimal-point"\n'
        )
    )
    assert "notation = " not in dump_report(same).split("[[office.periods.2022.evidence]]")[1]
    require("openpyxl")
    import lakipcore
    from lakipcore.excel import read_workbook, write_workbook

    book = write_workbook(lakipcore.assess(report), tmp_path / "own.xlsx")
    assert report == read_workbook(book)


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('notation = "decimal-point"\ncolumns', 'notation = "dot"\ncolumns', "notation"),
        ('notation = "decimal-point"\ncolumns', "notation = 1\ncolumns", "notation"),
        # in its own notation "1.004,5" is no figure: held as printed, found by the audit
        ('"1,004.5"]', '"1.004,5"]', None),
    ],
)
def test_an_evidence_tables_notation_refused_or_held(
    old: str, new: str, message: str | None
) -> None:
    text = OWN_EVIDENCE.replace(old, new)
    assert text != OWN_EVIDENCE
    if message is None:
        findings = list(audit(loads_report(text)))
        assert "malformed-figure" in {f.code.value for f in findings}
        return
    with pytest.raises(LakipError) as caught:
        loads_report(text)
    assert "evidence[0].notation" in str(caught.value)
