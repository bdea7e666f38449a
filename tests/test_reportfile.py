"""Tests for the report file format: loader errors, the writer, and round trips."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import attrs
import pytest
from hypothesis import given

from lakipcore import (
    BudgetLine,
    BudgetOutput,
    Indicator,
    IndicatorPeriod,
    LakipError,
    MeasureKind,
    Polarity,
    Realisation,
    Report,
    ReportFileError,
    ReportPeriod,
    Target,
    Unit,
    UnitPeriod,
    dump_report,
    load_example,
    load_report,
    loads_report,
    score_report,
    write_report,
)
from lakipcore.errors import (
    FigureFormatError,
    InvalidValueError,
    LakipTypeError,
    UnknownNameError,
)
from lakipcore.figures import NOT_TARGETED
from lakipcore.model import (
    KANWIL_TABLES,
    PrintedFigure,
    Quantity,
    ReportedAbsorption,
    ReportTable,
    TableKind,
)
from strategies import reports

SOURCE = "banten.toml"
SCHEMA1_EXAMPLE = Path(__file__).parent / "data" / "banten-2019-schema1.toml"

# A valid report: an office with one unit, one indicator and one output in one period, and the
# tables its printed figures may name. It is exactly what dump_report writes for the report it
# holds (test_minimal_is_canonical), so edits to it are edits of writer output.
MINIMAL = """\
schema = 2

[report]
main = "2019"

[[periods]]
key = "2019"

[[tables]]
id = "summary-dashboard"
kind = "dashboard"

[[tables]]
id = "unit-indicators"
kind = "indicators"

[[tables]]
id = "unit-budget"
kind = "budget"

[[tables]]
id = "unit-dashboard"
kind = "dashboard"

[[tables]]
id = "prose"
kind = "prose"

[office]
code = "kanwil"
name = "Kanwil Banten"

[[units]]
code = "sekjen"
name = "Sekjen"

[units.periods.2019]

[units.periods.2019.budget]
programme = "Dukungan Manajemen"

[[units.periods.2019.budget.outputs]]
name = "Gaji"
pagu = "1.000"
realisation = "900"

[[units.indicators]]
code = "ikm"
name = "Indeks kepuasan"

[units.indicators.periods.2019]
target = "12 Laporan"
realisation = "12 Laporan"
"""

END = 'realisation = "12 Laporan"\n'
BUDGET = """\
[units.periods.2019.budget]
programme = "Dukungan Manajemen"

[[units.periods.2019.budget.outputs]]
name = "Gaji"
pagu = "1.000"
realisation = "900"
"""
OUTPUT = """\
[[units.periods.2019.budget.outputs]]
name = "Gaji"
pagu = "1.000"
realisation = "900"
"""
PERIOD_2019 = '[[periods]]\nkey = "2019"\n'

# The same report in schema 1, as lakipcore 1 wrote it (the office has no code there).
MINIMAL_V1 = """\
schema = 1

[report]
office = "Kanwil Banten"
year = 2019

[[units]]
code = "sekjen"
name = "Sekjen"

[units.years.2019.budget]
programme = "Dukungan Manajemen"

[[units.years.2019.budget.outputs]]
name = "Gaji"
pagu = "1.000"
realisation = "900"

[[units.indicators]]
code = "ikm"
name = "Indeks kepuasan"

[units.indicators.years.2019]
target = "12 Laporan"
realisation = "12 Laporan"
"""


def edited(text: str, *edits: tuple[str, str]) -> str:
    """``text`` with each (old, new) edit applied; ``old`` must occur exactly once."""
    for old, new in edits:
        assert 1 == text.count(old), f"edit target {old!r} is not unique in the document"
        text = text.replace(old, new)
    return text


def minimal_toml(*edits: tuple[str, str]) -> str:
    """MINIMAL with each (old, new) edit applied."""
    return edited(MINIMAL, *edits)


def minimal_v1_toml(*edits: tuple[str, str]) -> str:
    """MINIMAL_V1 with each (old, new) edit applied."""
    return edited(MINIMAL_V1, *edits)


def appended(extra: str) -> tuple[str, str]:
    """An edit adding ``extra`` at the end of the document (inside the indicator's period)."""
    return (END, END + extra)


def line_of(text: str, needle: str) -> int:
    """The number (from 1) of the only line of ``text`` that contains ``needle``."""
    numbers = [n for n, line in enumerate(text.splitlines(), 1) if needle in line]
    assert 1 == len(numbers), f"{needle!r} is on lines {numbers}"
    return numbers[0]


MINIMAL_TABLES = (
    ReportTable("summary-dashboard", TableKind.DASHBOARD),
    ReportTable("unit-indicators", TableKind.INDICATORS),
    ReportTable("unit-budget", TableKind.BUDGET),
    ReportTable("unit-dashboard", TableKind.DASHBOARD),
    ReportTable("prose", TableKind.PROSE),
)


def minimal_unit() -> Unit:
    """The unit that MINIMAL holds, built by hand."""
    laporan = {"unit": "Laporan"}
    indicator = Indicator(
        "ikm",
        "Indeks kepuasan",
        [
            IndicatorPeriod(
                "2019",
                Target(MeasureKind.COUNT, Decimal(12), **laporan),
                Realisation(MeasureKind.COUNT, Decimal(12), **laporan),
            )
        ],
    )
    line = BudgetLine("Dukungan Manajemen", [BudgetOutput("Gaji", Decimal(1000), Decimal(900))])
    return Unit("sekjen", "Sekjen", [indicator], [UnitPeriod("2019", line)])


def minimal_report() -> Report:
    """The Report that MINIMAL holds, built by hand."""
    root = Unit("kanwil", "Kanwil Banten", units=[minimal_unit()])
    return Report([ReportPeriod("2019")], root, MINIMAL_TABLES, main="2019")


# id, edits, error class, field (None: the whole file), message regex
LOAD_ERROR_CASES = (
    (
        "toml-syntax",
        (("[[units]]\n", "[[units]\n"),),
        ReportFileError,
        None,
        r"not valid TOML: .*line 33",
    ),
    (
        "unknown-top-key",
        (("schema = 2\n", "schema = 2\nshema = 2\n"),),
        ReportFileError,
        "shema",
        r"unknown field 'shema'; expected one of grades, methods, office, periods, report, "
        r"schema, tables, units",
    ),
    (
        "unknown-report-key",
        (('main = "2019"', 'mian = "2019"'),),
        ReportFileError,
        "report.mian",
        r"unknown field 'mian'; expected one of grading, main, notation, source, title",
    ),
    (
        "unknown-period-key",
        ((PERIOD_2019, PERIOD_2019 + 'metod = "banten-2019"\n'),),
        ReportFileError,
        "periods[0].metod",
        r"unknown field 'metod'; expected one of key, method, planned, title",
    ),
    (
        "unknown-table-key",
        (('id = "prose"\n', 'id = "prose"\ntitel = "Uraian"\n'),),
        ReportFileError,
        "tables[4].titel",
        r"unknown field 'titel'; expected one of columns, id, kind, notation, scope, title",
    ),
    (
        "unknown-table-kind",
        (('kind = "prose"', 'kind = "uraian"'),),
        UnknownNameError,
        "tables[4].kind",
        r"unknown table kind 'uraian'",
    ),
    (
        "unknown-office-key",
        (('code = "kanwil"\n', 'code = "kanwil"\nparent = "kanwil"\n'),),
        ReportFileError,
        "office.parent",
        r"unknown field 'parent'; expected one of code, indicators, name, periods",
    ),
    (
        "unknown-unit-key",
        (('name = "Sekjen"', 'nmae = "Sekjen"'),),
        ReportFileError,
        "units[0].nmae",
        r"unknown field 'nmae'; expected one of code, indicators, name, parent, periods",
    ),
    (
        "unknown-indicator-key",
        (('name = "Indeks kepuasan"', 'nama = "Indeks kepuasan"'),),
        ReportFileError,
        "units[0].indicators[0].nama",
        r"unknown field 'nama'; expected one of accumulation, baseline, code, end-of-plan, "
        r"formula, goal, kind, name, ordinal, periods, phasing, polarity, to-date",
    ),
    (
        "unknown-indicator-period-key",
        ((END, 'realisasi = "12 Laporan"\n'),),
        ReportFileError,
        "units[0].indicators[0].periods.2019.realisasi",
        r"unknown field 'realisasi'; expected one of accumulate, derive, printed, realisation, "
        r"scale, supports, target",
    ),
    (
        "unknown-unit-period-key",
        (("[units.periods.2019]\n", "[units.periods.2019]\nbudjet = 1\n"),),
        ReportFileError,
        "units[0].periods.2019.budjet",
        r"unknown field 'budjet'; expected one of budget, derived, evidence, printed",
    ),
    (
        "unknown-budget-key",
        (("programme =", "programe ="),),
        ReportFileError,
        "units[0].periods.2019.budget.programe",
        r"unknown field 'programe'; expected one of original, outputs, plan, printed, programme, "
        r"revisions",
    ),
    (
        "unknown-output-key",
        (('pagu = "1.000"', 'pagu = "1.000"\npgu = "1"'),),
        ReportFileError,
        "units[0].periods.2019.budget.outputs[0].pgu",
        r"unknown field 'pgu'",
    ),
    (
        "float-target",
        (('target = "12 Laporan"', "target = 98.75"),),
        ReportFileError,
        "units[0].indicators[0].periods.2019.target",
        r"expected a string, got a float; "
        r'write numbers as quoted strings as printed, e\.g\. "98,75%"',
    ),
    (
        "integer-realisation",
        ((END, "realisation = 12\n"),),
        ReportFileError,
        "units[0].indicators[0].periods.2019.realisation",
        r'expected a string, got an integer; .*"98,75%"',
    ),
    (
        "integer-pagu",
        (('pagu = "1.000"', "pagu = 1000"),),
        ReportFileError,
        "units[0].periods.2019.budget.outputs[0].pagu",
        r'got an integer; .*"98,75%"',
    ),
    (
        "list-target",
        (('target = "12 Laporan"', 'target = ["12"]'),),
        ReportFileError,
        "units[0].indicators[0].periods.2019.target",
        r"expected a string, got list",
    ),
    (
        "point-target",
        (('target = "12 Laporan"', 'target = "7.1"'),),
        FigureFormatError,
        "units[0].indicators[0].periods.2019.target",
        r"'7\.1' is not a figure.*'7,1' if a decimal was meant, or '71'",
    ),
    (
        "point-realisation",
        ((END, 'realisation = "104.30%"\n'),),
        FigureFormatError,
        "units[0].indicators[0].periods.2019.realisation",
        r"'104,30'",
    ),
    (
        "duplicate-indicator",
        (
            appended(
                '\n[[units.indicators]]\ncode = "ikm"\nname = "Lagi"\n'
                '\n[units.indicators.periods.2019]\ntarget = "1"\nrealisation = "1"\n'
            ),
        ),
        ReportFileError,
        "units[0].indicators[1].code",
        r"duplicate code 'ikm' \(first at units\[0\]\.indicators\[0\]\)",
    ),
    (
        "duplicate-unit",
        (appended('\n[[units]]\ncode = "sekjen"\nname = "Lagi"\n'),),
        ReportFileError,
        "units[1].code",
        r"duplicate code 'sekjen' \(first at units\[0\]\)",
    ),
    (
        "unit-with-office-code",
        (appended('\n[[units]]\ncode = "kanwil"\nname = "Lagi"\n'),),
        ReportFileError,
        "units[1].code",
        r"duplicate code 'kanwil' \(first at office\)",
    ),
    (
        "unknown-parent",
        (('name = "Sekjen"\n', 'name = "Sekjen"\nparent = "kanwi"\n'),),
        ReportFileError,
        "units[0].parent",
        r"no unit 'kanwi' to be under",
    ),
    (
        "own-parent",
        (('name = "Sekjen"\n', 'name = "Sekjen"\nparent = "sekjen"\n'),),
        ReportFileError,
        "units[0].parent",
        r"units are under each other in a circle",
    ),
    (
        "bad-unit-code",
        (('code = "sekjen"', 'code = "Sekjen Baru"'),),
        InvalidValueError,
        "units[0].code",
        r"'Sekjen Baru'",
    ),
    (
        "unknown-indicator-period",
        (("[units.indicators.periods.2019]", "[units.indicators.periods.2020]"),),
        ReportFileError,
        "units[0].indicators[0].periods.2020",
        r"unknown period '2020'; this report's periods are 2019",
    ),
    (
        "unknown-unit-period",
        (("[units.periods.2019]\n", "[units.periods.2020]\n"),),
        ReportFileError,
        "units[0].periods.2020",
        r"unknown period '2020'; this report's periods are 2019",
    ),
    (
        "non-numeric-period",
        (("[units.indicators.periods.2019]", "[units.indicators.periods.tahun]"),),
        ReportFileError,
        "units[0].indicators[0].periods.tahun",
        r"unknown period 'tahun'",
    ),
    (
        "bad-period-key",
        (('key = "2019"', 'key = "2019-q1"'),),
        LakipError,
        "periods[0].key",
        r"'2019-q1'",
    ),
    (
        "period-key-boolean",
        (('key = "2019"', "key = true"),),
        ReportFileError,
        "periods[0].key",
        r"expected a string, got a boolean",
    ),
    (
        "no-periods",
        ((PERIOD_2019, ""),),
        ReportFileError,
        "periods",
        r"a report needs at least one period",
    ),
    (
        "periods-out-of-order",
        ((PERIOD_2019, PERIOD_2019 + '\n[[periods]]\nkey = "2018"\n'),),
        InvalidValueError,
        "periods[1]",
        r"periods are listed in order of their last day: 2018 ends before 2019",
    ),
    (
        "unknown-main",
        (('main = "2019"', 'main = "2091"'),),
        ReportFileError,
        "report.main",
        r"'2091' is not one of the periods",
    ),
    (
        "unknown-method",
        ((PERIOD_2019, PERIOD_2019 + 'method = "banten-2091"\n'),),
        UnknownNameError,
        "periods[0].method",
        r"unknown scoring method 'banten-2091'",
    ),
    (
        "unknown-quantity",
        (appended('printed.capaiann = { unit-indicators = "100%" }\n'),),
        UnknownNameError,
        "units[0].indicators[0].periods.2019.printed.capaiann",
        r"unknown quantity 'capaiann'; expected one of 'target', ",
    ),
    (
        "undeclared-place",
        (appended('printed.capaian = { unit-indicatorz = "100%" }\n'),),
        InvalidValueError,
        "units[0].indicators[0].periods.2019.printed.capaian.unit-indicatorz",
        r"table 'unit-indicatorz' is not declared in the report's tables "
        r"\(summary-dashboard, unit-indicators, ",
    ),
    (
        "unknown-office-quantity",
        (
            (
                "[[units]]\n",
                '[office.periods.2019]\nprinted.achievment = { summary-dashboard = "133,51%" }\n'
                "\n[[units]]\n",
            ),
        ),
        UnknownNameError,
        "office.periods.2019.printed.achievment",
        r"unknown quantity 'achievment'",
    ),
    (
        "quantity-not-printed-here",
        (appended('printed.pagu = { unit-indicators = "1.000" }\n'),),
        ReportFileError,
        "units[0].indicators[0].periods.2019.printed.pagu",
        r"'pagu' is not printed here; "
        r"expected capaian, capaian-end-of-plan, capaian-yoy, grade, realisation, "
        r"relative-change, target",
    ),
    (
        "printed-not-text",
        (appended("printed.capaian = { unit-indicators = 100 }\n"),),
        ReportFileError,
        "units[0].indicators[0].periods.2019.printed.capaian.unit-indicators",
        r"expected the printed text, or a list of texts",
    ),
    (
        "missing-realisation",
        ((END, ""),),
        InvalidValueError,
        "units[0].indicators[0].periods.2019",
        r"a targeted indicator needs its realisation in 2019",
    ),
    (
        "realisation-not-targeted",
        (('target = "12 Laporan"', 'target = "Tidak ditargetkan"'),),
        ReportFileError,
        "units[0].indicators[0].periods.2019.realisation",
        r"a not-targeted period \('Tidak ditargetkan'\) has no realisation",
    ),
    (
        "scale-not-targeted",
        (('target = "12 Laporan"', 'target = "Tidak ditargetkan"'), (END, 'scale = "10"\n')),
        ReportFileError,
        "units[0].indicators[0].periods.2019.scale",
        r"has no scale",
    ),
    (
        "realisation-and-accumulate",
        (appended("accumulate = true\n"),),
        ReportFileError,
        "units[0].indicators[0].periods.2019.realisation",
        r"a realisation is stated, derived or accumulated; give realisation or accumulate",
    ),
    (
        "percent-target-count-realisation",
        (('target = "12 Laporan"', 'target = "80%"'),),
        ReportFileError,
        "units[0].indicators[0].periods.2019.realisation",
        r"a percent target \('80%'\) needs a percent realisation, got '12 Laporan'",
    ),
    (
        "rupiah-target",
        (('target = "12 Laporan"', 'target = "Rp 12"'),),
        ReportFileError,
        "units[0].indicators[0].periods.2019.target",
        r"'Rp 12' is an amount of money, not an indicator value",
    ),
    (
        "percent-index",
        (
            ('target = "12 Laporan"', 'target = "80%"'),
            (END, 'realisation = "90%"\nscale = "100"\n'),
        ),
        ReportFileError,
        "units[0].indicators[0].periods.2019.target",
        r"'80%' is a percentage; an index has no '%'",
    ),
    (
        "scale-with-unit",
        (
            ('target = "12 Laporan"', 'target = "7,1"'),
            (END, 'realisation = "9,38"\nscale = "10 poin"\n'),
        ),
        ReportFileError,
        "units[0].indicators[0].periods.2019.scale",
        r'a scale is a bare number such as "10"',
    ),
    (
        "count-fraction",
        (('target = "12 Laporan"', 'target = "7,1"'), (END, 'realisation = "9,38"\n')),
        InvalidValueError,
        "units[0].indicators[0].periods.2019.target",
        r"a count target must be a whole number, got 7\.1; .*index with a scale",
    ),
    (
        "index-above-scale",
        (
            ('target = "12 Laporan"', 'target = "7,1"'),
            (END, 'realisation = "10,5"\nscale = "10"\n'),
        ),
        InvalidValueError,
        "units[0].indicators[0].periods.2019.realisation",
        r"realisation 10\.5 lies above the top of its scale 10",
    ),
    (
        "negative-target",
        (('target = "12 Laporan"', 'target = "-1"'), (END, 'realisation = "1"\n')),
        InvalidValueError,
        "units[0].indicators[0].periods.2019.target",
        r"target must not be negative, got -1",
    ),
    (
        "negative-pagu",
        (('pagu = "1.000"', 'pagu = "-1.000"'),),
        ReportFileError,
        "units[0].periods.2019.budget.outputs[0].pagu",
        r"pagu must not be negative, got '-1\.000'",
    ),
    (
        "percent-pagu",
        (('pagu = "1.000"', 'pagu = "10%"'),),
        ReportFileError,
        "units[0].periods.2019.budget.outputs[0].pagu",
        r"'10%' should be an amount in Rupiah",
    ),
    (
        "no-outputs",
        ((OUTPUT, ""),),
        InvalidValueError,
        "units[0].periods.2019.budget.outputs",
        r"programme 'Dukungan Manajemen' needs at least one output",
    ),
    (
        "absorption-not-percent",
        ((BUDGET, '[units.periods.2019.budget]\nabsorption = "99,52"\n'),),
        ReportFileError,
        "units[0].periods.2019.budget.absorption",
        r"an absorption rate is a percentage",
    ),
    (
        "indicator-without-periods",
        (('[units.indicators.periods.2019]\ntarget = "12 Laporan"\n' + END, ""),),
        ReportFileError,
        "units[0].indicators[0].periods",
        r"an indicator needs at least one period block",
    ),
    (
        "units-not-an-array",
        (("[[units]]", "[units]"),),
        ReportFileError,
        "units",
        r"expected an array of tables \(\[\[\.\.\.\]\]\)",
    ),
    (
        "schema-3",
        (("schema = 2", "schema = 3"),),
        ReportFileError,
        "schema",
        r"unsupported schema 3; this lakipcore reads 1 and 2",
    ),
    (
        "schema-missing",
        (("schema = 2\n", ""),),
        ReportFileError,
        "schema",
        r": missing field$",
    ),
    (
        "office-name-missing",
        (('name = "Kanwil Banten"\n', ""),),
        ReportFileError,
        "office.name",
        r": missing field$",
    ),
    (
        "unknown-polarity",
        (('name = "Indeks kepuasan"', 'name = "Indeks kepuasan"\npolarity = "lowest"'),),
        UnknownNameError,
        "units[0].indicators[0].polarity",
        r"unknown polarity 'lowest'; expected one of 'higher', 'lower'",
    ),
    (
        "unknown-formula",
        (('name = "Indeks kepuasan"', 'name = "Indeks kepuasan"\nformula = "rasio"'),),
        UnknownNameError,
        "units[0].indicators[0].formula",
        r"unknown formula 'rasio'",
    ),
    (
        "formula-of-other-polarity",
        (('name = "Indeks kepuasan"', 'name = "Indeks kepuasan"\nformula = "kondisi-khusus"'),),
        InvalidValueError,
        "units[0].indicators[0].formula",
        r"formula 'kondisi-khusus' is for lower-is-better indicators",
    ),
)

# Errors in schema 1 files: the same strictness, with paths in schema 1 names.
V1_LOAD_ERROR_CASES = (
    (
        "v1-unknown-top-key",
        (("schema = 1\n", "schema = 1\nshema = 1\n"),),
        ReportFileError,
        "shema",
        r"unknown field 'shema'; expected one of methods, office, report, schema, units",
    ),
    (
        "v1-unknown-report-key",
        (("year = 2019", "yaer = 2019"),),
        ReportFileError,
        "report.yaer",
        r"unknown field 'yaer'",
    ),
    (
        "v1-unknown-unit-key",
        (('name = "Sekjen"', 'nmae = "Sekjen"'),),
        ReportFileError,
        "units[0].nmae",
        r"unknown field 'nmae'",
    ),
    (
        "v1-unknown-indicator-year-key",
        ((END, 'realisasi = "12 Laporan"\n'),),
        ReportFileError,
        "units[0].indicators[0].years.2019.realisasi",
        r"unknown field 'realisasi'",
    ),
    (
        "v1-point-target",
        (('target = "12 Laporan"', 'target = "7.1"'),),
        FigureFormatError,
        "units[0].indicators[0].years.2019.target",
        r"'7\.1' is not a figure.*'7,1' if a decimal was meant, or '71'",
    ),
    (
        "v1-integer-pagu",
        (('pagu = "1.000"', "pagu = 1000"),),
        ReportFileError,
        "units[0].years.2019.budget.outputs[0].pagu",
        r'got an integer; .*"98,75%"',
    ),
    (
        "v1-unknown-indicator-year",
        (("[units.indicators.years.2019]", "[units.indicators.years.2020]"),),
        ReportFileError,
        "units[0].indicators[0].years.2020",
        r"unknown year '2020'; this report has 2019",
    ),
    (
        "v1-non-numeric-year",
        (("[units.indicators.years.2019]", "[units.indicators.years.tahun]"),),
        ReportFileError,
        "units[0].indicators[0].years.tahun",
        r"unknown year 'tahun'",
    ),
    (
        "v1-zero-padded-year",
        (("[units.indicators.years.2019]", "[units.indicators.years.02019]"),),
        ReportFileError,
        "units[0].indicators[0].years.02019",
        r"unknown year '02019'; this report has 2019",
    ),
    (
        "v1-fullwidth-year",
        (("[units.indicators.years.2019]", '[units.indicators.years."２０１９"]'),),
        ReportFileError,
        "units[0].indicators[0].years.２０１９",
        r"unknown year '２０１９'; this report has 2019",
    ),
    (
        "v1-superscript-year",
        (("[units.years.2019.budget]", '[units.years."²".budget]'),),
        ReportFileError,
        "units[0].years.²",
        r"unknown year '²'; this report has 2019",
    ),
    (
        "v1-unknown-method",
        (("year = 2019\n", 'year = 2019\n\n[methods]\n2019 = "banten-2091"\n'),),
        UnknownNameError,
        "methods.2019",
        r"unknown scoring method 'banten-2091'",
    ),
    (
        "v1-unknown-method-year",
        (("year = 2019\n", 'year = 2019\n\n[methods]\n2018 = "banten-2018"\n'),),
        ReportFileError,
        "methods.2018",
        r"unknown year '2018'; this report has 2019",
    ),
    (
        "v1-year-boolean",
        (("year = 2019", "year = true"),),
        ReportFileError,
        "report.year",
        r"expected an integer, got a boolean",
    ),
    (
        "v1-office-missing",
        (('office = "Kanwil Banten"\n', ""),),
        ReportFileError,
        "report.office",
        r": missing field$",
    ),
    (
        "v1-previous-year-not-before",
        (("year = 2019\n", "year = 2019\nprevious_year = 2019\n"),),
        ReportFileError,
        "report.previous_year",
        r"the previous year 2019 must come before 2019",
    ),
)

ALL_CASES = tuple((minimal_toml, *c) for c in LOAD_ERROR_CASES) + tuple(
    (minimal_v1_toml, *c) for c in V1_LOAD_ERROR_CASES
)
ALL_IDS = [c[1] for c in ALL_CASES]

# Cases that fail because of a known bug in src/ (reported; remove the entry once fixed).
ALL_PARAMS = [pytest.param(c, id=c[1]) for c in ALL_CASES]


def test_load_error_cases_unique():
    """The error cases hold no duplicate ids and no duplicate documents."""
    assert len(set(ALL_IDS)) == len(ALL_CASES)
    assert len({make(*c[1]) for make, *c in ALL_CASES}) == len(ALL_CASES)


def test_minimal_loads():
    """The unedited document is valid and holds the intended report (so edits cause the errors)."""
    assert minimal_report() == loads_report(minimal_toml(), source=SOURCE)


def test_minimal_is_canonical():
    """dump_report writes the minimal report back as exactly the minimal document."""
    assert MINIMAL == dump_report(loads_report(MINIMAL))


def test_minimal_v1_loads():
    """The schema 1 document holds the same report, with the office coded 'office'."""
    report = minimal_report()
    root = attrs.evolve(report.root, code="office")
    expected = attrs.evolve(report, root=root, tables=KANWIL_TABLES)

    assert expected == loads_report(minimal_v1_toml(), source=SOURCE)


@pytest.mark.parametrize("case", ALL_PARAMS)
def test_load_error(case):
    """Each bad document is refused with the right error class and message, at the exact path."""
    make, _, edits, error, field, match = case
    with pytest.raises(error, match=match) as info:
        loads_report(make(*edits), source=SOURCE)

    assert isinstance(info.value, LakipError)
    assert (SOURCE, field) == (info.value.source, info.value.field)


@pytest.mark.parametrize("case", ALL_PARAMS)
def test_load_error_str(case):
    """str() of each error is 'source:line: field: message', the form editors and CI logs read
    (no line for a field that is missing from the file)."""
    make, _, edits, error, field, _ = case
    with pytest.raises(error) as info:
        loads_report(make(*edits), source=SOURCE)

    line = info.value.line
    head = SOURCE if line is None else f"{SOURCE}:{line}"
    assert str(info.value).startswith(head + ": " if field is None else f"{head}: {field}: ")
    if field is not None and "missing" not in str(info.value) and field != "periods":
        assert line is not None  # a field that is in the file has a line


# id, document, the text on the line the error names
LINE_CASES = (
    ("unknown-unit-key", minimal_toml(('name = "Sekjen"', 'nmae = "Sekjen"')), "nmae"),
    ("point-target", minimal_toml(('target = "12 Laporan"', 'target = "7.1"')), '"7.1"'),
    ("unknown-output-key", minimal_toml(('pagu = "1.000"', 'pagu = "1.000"\npgu = "1"')), "pgu"),
    (
        "unknown-period",
        minimal_toml(("[units.periods.2019]\n", "[units.periods.2020]\n")),
        "[units.periods.2020]",
    ),
    (
        "printed-place",
        minimal_toml(appended('printed.capaian = { unit-indicatorz = "100%" }\n')),
        "unit-indicatorz",
    ),
    (
        "second-unit",
        minimal_toml(appended('\n[[units]]\ncode = "sekjen"\nname = "Lagi"\n')),
        '"Lagi"',
    ),
    ("method", minimal_toml((PERIOD_2019, PERIOD_2019 + 'method = "nope"\n')), '"nope"'),
    (
        "v1-year",
        minimal_v1_toml(("[units.indicators.years.2019]", "[units.indicators.years.02019]")),
        "02019",
    ),
    ("v1-target", minimal_v1_toml(('target = "12 Laporan"', 'target = "7.1"')), '"7.1"'),
)


@pytest.mark.parametrize("case", LINE_CASES, ids=[c[0] for c in LINE_CASES])
def test_error_names_the_line(case):
    """An error carries the line of the bad key in the TOML text (or of the second key for
    a duplicate code, the unit's header being the table it is in)."""
    _, text, needle = case
    with pytest.raises(LakipError) as info:
        loads_report(text, source=SOURCE)

    expected = line_of(text, needle)
    if needle == '"Lagi"':  # a duplicate code: the line of the 'code' key before the name
        expected -= 1
    assert expected == info.value.line
    assert str(info.value).startswith(f"{SOURCE}:{expected}: ")


def test_all_bad_fields_are_reported_at_once():
    """Three bad fields in one file: one ReportFileError whose .errors lists each, located.

    The misspelt ``nmae`` is two errors: an unknown field, and the missing ``name``; the loader
    reads on after the first, so the second is not left for the next attempt."""
    text = minimal_toml(
        ('pagu = "1.000"', 'pagu = "1.000"\npgu = "1"'),
        ('target = "12 Laporan"', 'target = "7.1"'),
        appended('\n[[units]]\ncode = "ahu"\nnmae = "AHU"\n'),
    )

    with pytest.raises(ReportFileError) as info:
        loads_report(text, source=SOURCE)

    errors = info.value.errors
    assert 4 == len(errors)
    assert {
        "units[1].nmae": line_of(text, "nmae"),
        "units[1].name": line_of(text, 'code = "ahu"') - 1,  # its [[units]] header
        "units[0].periods.2019.budget.outputs[0].pgu": line_of(text, "pgu"),
        "units[0].indicators[0].periods.2019.target": line_of(text, '"7.1"'),
    } == {e.field: e.line for e in errors}
    assert all(e.source == SOURCE for e in errors)
    assert any(isinstance(e, FigureFormatError) for e in errors)
    message = str(info.value)
    assert all(str(e) in message for e in errors)
    assert (errors[0].field, errors[0].line) == (info.value.field, info.value.line)


def test_parent_cycle_is_refused():
    """Units under each other in a circle (never reaching the office) are an error for each."""
    text = minimal_toml(
        ('name = "Sekjen"\n', 'name = "Sekjen"\nparent = "ahu"\n'),
        appended('\n[[units]]\ncode = "ahu"\nname = "AHU"\nparent = "sekjen"\n'),
    )

    with pytest.raises(ReportFileError, match="units are under each other in a circle") as info:
        loads_report(text, source=SOURCE)

    assert {"units[0].parent", "units[1].parent"} == {e.field for e in info.value.errors}
    assert all(e.line is not None for e in info.value.errors)


def test_unknown_parent_is_one_error():
    """A unit under a unit that does not exist is one error, not also a circle."""
    text = minimal_toml(('name = "Sekjen"\n', 'name = "Sekjen"\nparent = "kanwi"\n'))

    with pytest.raises(ReportFileError, match="no unit 'kanwi' to be under") as info:
        loads_report(text, source=SOURCE)
    assert (info.value,) == info.value.errors  # one error: .errors is just itself
    assert "circle" not in str(info.value)


def test_previous_year_after_current_is_named():
    """In schema 1, a previous_year later than the report year is refused at
    report.previous_year."""
    text = minimal_v1_toml(("year = 2019\n", "year = 2019\nprevious_year = 2020\n"))

    with pytest.raises(LakipError, match="previous year 2020 must come before 2019") as info:
        loads_report(text, source=SOURCE)
    assert (SOURCE, "report.previous_year") == (info.value.source, info.value.field)


def test_loader_accepts_what_the_format_allows():
    """Realisasi above pagu, 'Rp' amounts, printed lists and an earlier period all load."""
    text = minimal_toml(
        (PERIOD_2019, '[[periods]]\nkey = "2018"\n\n' + PERIOD_2019),
        ('pagu = "1.000"\nrealisation = "900"', 'pagu = "Rp 1.000"\nrealisation = "1.200"'),
        appended(
            'printed.capaian = { unit-indicators = "100%", prose = ["100%", "100,00%"] }\n'
            "\n[units.periods.2018.budget]\n"
            'absorption = "99,52%"\n'
            "\n[units.indicators.periods.2018]\n"
            'target = "Tidak ditargetkan"\n'
        ),
    )
    # The 2018 blocks refer to the unit and indicator already open, as TOML allows.
    report = loads_report(text, source=SOURCE)
    sekjen = report.unit("sekjen")
    budget_2019 = sekjen.budget("2019")

    assert ["2018", "2019"] == [p.key for p in report.periods]
    assert (Decimal(1000), Decimal(1200)) == (budget_2019.pagu, budget_2019.realisation)
    assert ReportedAbsorption(Decimal("99.52")) == sekjen.budget("2018")
    assert NOT_TARGETED is sekjen.indicator("ikm").at("2018").target
    printed = sekjen.indicator("ikm").at("2019").printed
    assert ["100%", "100%", "100,00%"] == [p.text for p in printed]
    assert [
        "units[0].indicators[0].periods.2019.printed.capaian.unit-indicators",
        "units[0].indicators[0].periods.2019.printed.capaian.prose[0]",
        "units[0].indicators[0].periods.2019.printed.capaian.prose[1]",
    ] == [p.origin.path for p in printed]
    assert {SOURCE} == {p.origin.source for p in printed}
    assert [line_of(text, "prose = [")] * 3 == [p.origin.line for p in printed]


def test_loader_accepts_units_without_blocks_or_budgets():
    """A unit without a period block, and a period block without a budget, load (the unit
    takes part through its indicators; its absorption is then unknown)."""
    without_block = loads_report(minimal_toml(("[units.periods.2019]\n\n" + BUDGET, "")))
    without_budget = loads_report(
        minimal_toml(
            (BUDGET, '[units.periods.2019.printed]\nachievement = { unit-dashboard = "100%" }\n')
        )
    )

    assert () == without_block.unit("sekjen").periods
    assert without_block.unit("sekjen").takes_part("2019")
    assert without_budget.unit("sekjen").budget("2019") is None
    assert 1 == len(without_budget.unit("sekjen").at("2019").printed)


def test_loader_keeps_printed_text_verbatim():
    """A malformed printed figure ('104.30%') is kept as text, not refused at load time."""
    report = loads_report(minimal_toml(appended('printed.capaian = { prose = "104.30%" }\n')))
    (printed,) = report.unit("sekjen").indicators[0].at("2019").printed

    assert PrintedFigure(Quantity.CAPAIAN, "prose", "104.30%") == printed
    with pytest.raises(FigureFormatError, match="'104,30'") as info:
        printed.figure()
    assert "units[0].indicators[0].periods.2019.printed.capaian.prose" == info.value.field


def test_loader_index_and_lower_polarity():
    """A scale makes target and realisation indices; polarity and formula are read."""
    report = loads_report(
        minimal_toml(
            ('name = "Indeks kepuasan"', 'name = "Indeks kepuasan"\npolarity = "lower"'),
            ('name = "Indeks kepuasan"', 'name = "Indeks kepuasan"\nformula = "inverse-ratio"'),
            ('target = "12 Laporan"', 'target = "7,1"'),
            (END, 'realisation = "9,38"\nscale = "10"\n'),
        )
    )
    indicator = report.unit("sekjen").indicators[0]
    entry = indicator.at("2019")

    assert Target(MeasureKind.INDEX, Decimal("7.1"), scale=Decimal(10)) == entry.target
    assert Realisation(MeasureKind.INDEX, Decimal("9.38"), scale=Decimal(10)) == (entry.realisation)
    assert (Polarity.LOWER_IS_BETTER, "inverse-ratio") == (
        indicator.polarity,
        indicator.formula.value,
    )


def test_loads_report_reads_bytes_with_a_bom():
    """UTF-8 bytes load, with or without a byte order mark, as the text does."""
    expected = loads_report(MINIMAL)
    encoded = MINIMAL.encode("utf-8")

    assert expected == loads_report(encoded)
    assert expected == loads_report(b"\xef\xbb\xbf" + encoded)
    assert expected == loads_report("\ufeff" + MINIMAL)


def test_deep_nesting_is_a_file_error():
    """TOML nested thousands deep is refused as a ReportFileError, not a RecursionError."""
    text = "a = " + "[" * 5000 + "]" * 5000 + "\n"

    with pytest.raises(ReportFileError) as info:
        loads_report(text, source=SOURCE)
    assert SOURCE == info.value.source
    with pytest.raises(ReportFileError):
        loads_report(text.encode("utf-8"), source=SOURCE)


def test_example():
    """The shipped example holds the 2019 report of 9 units with 2018 comparatives for 9 units."""
    report = load_example()
    units = report.root.units

    assert ("2018", "2019") == tuple(p.key for p in report.periods)
    assert "2019" == report.main_period.key
    assert 9 == len(units)
    assert (9, 9) == tuple(sum(u.takes_part(k) for u in units) for k in ("2019", "2018"))
    assert "Kantor Wilayah Kementerian Hukum dan HAM Banten" == report.office
    assert "kanwil-banten" == report.root.code
    assert ("banten-2019", "banten-2018") == (
        report.period("2019").method,
        report.period("2018").method,
    )


def test_example_contents():
    """Spot checks of the example: an index on skala 10, a rate-only 2018 budget, not-targeted."""
    report = load_example()
    sekjen = report.unit("sekjen")
    ikm = sekjen.indicator("sekjen-ikm-internal")

    assert Target(MeasureKind.INDEX, Decimal("7.1"), scale=Decimal(10)) == ikm.at("2019").target
    assert NOT_TARGETED is ikm.at("2018").target
    assert ReportedAbsorption(Decimal("99.52")) == sekjen.budget("2018")
    assert Decimal("145296000") == sekjen.budget("2019").outputs[0].pagu
    assert any(i.polarity is Polarity.LOWER_IS_BETTER for u in report.units() for i in u.indicators)
    unit_yoy = [
        p.text
        for p in sekjen.at("2019").printed
        if p.quantity is Quantity.ACHIEVEMENT and p.place == "unit-yoy"
    ]
    assert ["114,48%"] == unit_yoy  # the report's own inconsistency is kept


def test_example_round_trip():
    """dump_report → loads_report gives back an equal example, and dumping again is stable."""
    report = load_example()
    text = dump_report(report)
    again = loads_report(text, source="dumped.toml")

    assert report == again
    assert text == dump_report(again)


def _figures(report: Report) -> list[tuple[object, ...]]:
    """Every score figure of ``report``: each period's units, then each change's."""
    scored = score_report(report)
    rows: list[tuple[object, ...]] = []
    for period in scored.periods:
        for unit in [period.root, *period.units]:
            rows.append(
                (period.key, unit.name, unit.achievement, unit.absorption, unit.performance)
            )
            rows += [(period.key, unit.name, i.code, i.capaian) for i in unit.indicators]
    for change in scored.changes:
        rows.append((change.earlier, change.later, change.office))
        rows += [(change.earlier, change.later, u) for u in change.units]
    return rows


def _without_growth(unit: Unit) -> Unit:
    """``unit`` and its tree without derived figures and printed relative changes: the one
    figure schema 2 records as a derived figure (KI's 44,44 % growth) where schema 1 could
    only record it as printed."""
    entries = [
        attrs.evolve(
            indicator,
            periods=[
                attrs.evolve(
                    e, printed=[p for p in e.printed if p.quantity is not Quantity.RELATIVE_CHANGE]
                )
                for e in indicator.periods
            ],
        )
        for indicator in unit.indicators
    ]
    blocks = [attrs.evolve(b, derived=()) for b in unit.periods]
    units = [_without_growth(u) for u in unit.units]
    return attrs.evolve(unit, indicators=entries, periods=blocks, units=units)


def test_schema_1_example_still_loads():
    """The schema 1 example loads to the shipped example, but for the office's code and the
    growth that schema 2 records as a derived figure."""
    old = load_report(SCHEMA1_EXAMPLE)
    new = load_example()

    assert "office" == old.root.code
    renamed = attrs.evolve(old.root, code=new.root.code)
    assert attrs.evolve(new, root=_without_growth(new.root)) == attrs.evolve(
        old, root=_without_growth(renamed)
    )
    derived = new.unit("ki").at("2019").derived
    assert ["ki-permohonan-growth"] == [d.key for d in derived]
    assert ["44,44%"] == [p.text for p in derived[0].printed]


def test_schema_1_origins_use_schema_1_paths():
    """Fields of a schema 1 file keep their schema 1 paths and lines as their origin."""
    text = SCHEMA1_EXAMPLE.read_text(encoding="utf-8")
    report = loads_report(text, source="old.toml")
    (printed, *_) = report.unit("sekjen").at("2019").printed

    assert "units[0].years.2019.printed.achievement.summary-dashboard" == printed.origin.path
    assert line_of(text, printed.text + '", summary-yoy = "114,58%", unit-dashboard') == (
        printed.origin.line
    )


@given(reports())
def test_round_trip(report):
    """dump_report → loads_report gives an equal report, and the text is stable on a second dump."""
    text = dump_report(report)
    again = loads_report(text)

    assert report == again
    assert text == dump_report(again)


def test_dump_escapes_strings():
    """Titles with quotes, backslashes, tabs and newlines, and names with quotes, backslashes
    and non-ASCII letters survive the TOML writer (other control characters are refused:
    tests/test_text.py)."""
    report = minimal_report()
    root = attrs.evolve(report.root, name='Kanwil "Banten"\\ ü')
    report = attrs.evolve(report, root=root, title='Laporan "2019"\\\n\t\r ü')

    assert report == loads_report(dump_report(report))


def test_round_trip_keeps_unit_order_across_periods():
    """A file whose first unit takes part only in the earlier period loads, writes and loads
    back identically, units in the file's order."""
    text = minimal_toml(
        (PERIOD_2019, '[[periods]]\nkey = "2018"\n\n' + PERIOD_2019),
        (
            "[[units]]\n",
            '[[units]]\ncode = "ahu"\nname = "AHU"\n\n[units.periods.2018.budget]\n'
            'absorption = "94,24%"\n\n[[units.indicators]]\ncode = "ahu-1"\nname = "Layanan"\n'
            '\n[units.indicators.periods.2018]\ntarget = "80%"\nrealisation = "90%"\n'
            "\n[[units]]\n",
        ),
    )
    report = loads_report(text)
    written = dump_report(report)
    again = loads_report(written)

    assert ["ahu", "sekjen"] == [u.code for u in report.root.units]
    assert report.unit("ahu").takes_part("2018")
    assert not report.unit("ahu").takes_part("2019")
    assert report == again
    assert ["ahu", "sekjen"] == [u.code for u in again.root.units]
    assert written == dump_report(again)
    scored = score_report(again, "banten-2018")
    assert (["ahu"], ["sekjen"]) == tuple(
        [u.code for u in scored.period(key).units] for key in ("2018", "2019")
    )


def test_write_and_load_report(tmp_path):
    """write_report writes UTF-8 text that load_report reads back equal."""
    path = tmp_path / "laporan.toml"
    report = attrs.evolve(minimal_report(), title="Laporan Kinerja — Banten ü")

    write_report(report, path)

    assert dump_report(report) == path.read_text(encoding="utf-8")
    assert report == load_report(path)
    assert report == load_report(str(path))


def test_load_report_errors_name_the_path(tmp_path):
    """An error in a file on disk names the file's path as its source, and the line."""
    path = tmp_path / "rusak.toml"
    path.write_text(minimal_toml(("schema = 2", "schema = 3")), encoding="utf-8")

    with pytest.raises(ReportFileError, match="unsupported schema 3") as info:
        load_report(path)
    assert (str(path), "schema", 1) == (info.value.source, info.value.field, info.value.line)
    assert str(info.value).startswith(f"{path}:1: schema: ")


def test_load_report_refuses_non_utf8(tmp_path):
    """A file that is not UTF-8 (here Latin-1) is refused with ReportFileError naming it."""
    path = tmp_path / "latin1.toml"
    path.write_bytes(minimal_toml(('"Sekjen"', '"Sekjen Ümum"')).encode("latin-1"))

    with pytest.raises(ReportFileError, match="not UTF-8 text") as info:
        load_report(path)
    assert (str(path), None) == (info.value.source, info.value.field)


def test_loads_report_default_source():
    """Without a source, loads_report names the text '<string>'."""
    with pytest.raises(ReportFileError) as info:
        loads_report("schema = ")

    assert "<string>" == info.value.source
    assert re.match(r"<string>: not valid TOML: ", str(info.value))


@pytest.mark.parametrize(
    ("edit", "field"),
    [
        (('code = "kanwil"', 'code = ""'), "office.code"),
        (
            ('[[units]]\ncode = "sekjen"', '[[units]]\ncode = "sekjen"\nparent = ""'),
            "units[0].parent",
        ),
    ],
    ids=["office code", "parent"],
)
def test_an_empty_code_is_refused_not_taken_for_the_default(
    edit: tuple[str, str], field: str
) -> None:
    """``office.code = ""`` silently became ``office`` and ``parent = ""`` the office; only a
    missing field takes the default now (issue 21)."""
    assert edit[0] in MINIMAL
    with pytest.raises(LakipError) as info:
        loads_report(MINIMAL.replace(*edit), source="r.toml")
    assert field == info.value.field


def test_an_unknown_field_names_the_closest_known_one() -> None:
    """A typo gets its correction; a word that is close to nothing gets the list alone."""
    text = MINIMAL.replace("schema = 2\n", "schema = 2\nshema = 2\n", 1)
    with pytest.raises(
        ReportFileError, match=r"unknown field 'shema'; expected one of .*; did you mean 'schema'\?"
    ):
        loads_report(text)
    text = MINIMAL.replace("schema = 2\n", "schema = 2\nxyzzy = 2\n", 1)
    with pytest.raises(ReportFileError, match=r"unknown field 'xyzzy'; expected one of"):
        loads_report(text)


def test_a_file_that_is_not_utf8_names_the_byte_and_its_line() -> None:
    """A file saved as ANSI (cp1252: an en dash is 0x96) said only "can't decode byte 0x96 in
    position 2941"."""
    text = MINIMAL.replace('name = "', 'name = "2019 \u2013 ', 1)
    data = text.encode("cp1252")
    line = text[: text.index("\u2013")].count("\n") + 1
    with pytest.raises(ReportFileError, match=r"byte 0x96 at line \d+, column \d+") as info:
        loads_report(data, source="kantor.toml")
    assert line == info.value.line
    assert "save it as UTF-8" in str(info.value)


def test_a_report_file_is_read_from_a_binary_stream(tmp_path: Path) -> None:
    """An upload (a binary file object) reads as the file does, named by ``source``."""
    import io

    from lakipcore.limits import Limits

    path = tmp_path / "kantor.toml"
    path.write_text(MINIMAL, encoding="utf-8")
    with path.open("rb") as handle:
        assert load_report(path) == load_report(handle)
    upload = load_report(io.BytesIO(MINIMAL.encode()), source="unggahan.toml")
    assert "unggahan.toml" == upload.root.origin.source
    assert load_report(path, source="x.toml").root.origin.source == "x.toml"
    with pytest.raises(ReportFileError, match=r"Limits\.file_bytes") as info:
        load_report(io.BytesIO(MINIMAL.encode()), limits=Limits(file_bytes=10))
    assert "report.toml" == info.value.source
    with pytest.raises(LakipTypeError, match="reads str"):
        load_report(io.StringIO(MINIMAL))  # type: ignore[arg-type]


def test_every_bad_field_of_an_indicator_period_is_reported_in_one_run() -> None:
    """A bad target does not hide a bad realisation or a bad accumulate flag of the same
    period (issue 19, item 10): each is its own error, at its own line."""
    text = (
        'schema = 2\n[report]\ntitle = "x"\nmain = "2023"\n'
        '[[tables]]\nid = "t"\nkind = "indicators"\n'
        '[[periods]]\nkey = "2023"\nmethod = "banten-2019"\n'
        '[office]\ncode = "k"\nname = "K"\n'
        '[[office.indicators]]\ncode = "i1"\nname = "I"\n'
        "[office.indicators.periods.2023]\n"
        'target = "7.1"\n'
        'realisation = "abc"\n'
        'accumulate = "yes"\n'
    )
    with pytest.raises(ReportFileError) as caught:
        loads_report(text, source="dua.toml")
    fields = [error.field for error in caught.value.errors]
    period = "office.indicators[0].periods.2023"
    assert [f"{period}.target", f"{period}.realisation", f"{period}.accumulate"] == fields
    assert [18, 19] == [error.line for error in caught.value.errors[:2]]


def test_a_table_id_with_a_dot_gets_a_hint_to_quote_it() -> None:
    """TOML reads `tabel.3 = "…"` as a table `tabel` holding a key `3`: the error says to quote
    the id (issue 19, item 10)."""
    text = (
        'schema = 2\n[report]\ntitle = "x"\nmain = "2023"\n'
        '[[tables]]\nid = "tabel.3"\nkind = "indicators"\n'
        '[[periods]]\nkey = "2023"\nmethod = "banten-2019"\n'
        '[office]\ncode = "k"\nname = "K"\n'
        '[[office.indicators]]\ncode = "i1"\nname = "I"\n'
        "[office.indicators.periods.2023]\n"
        'target = "7"\nrealisation = "7"\n'
        'printed.capaian = { tabel.3 = "100%" }\n'
    )
    with pytest.raises(ReportFileError, match=r'must be quoted: "tabel\.3" = …') as caught:
        loads_report(text, source="titik.toml")
    assert 20 == caught.value.line
    quoted = text.replace("{ tabel.3 =", '{ "tabel.3" =')
    assert "100%" == loads_report(quoted).root.indicators[0].periods[0].printed[0].text
