"""Tests for the evidence layer: tables, rules, derived realisations, supports and their audit.

Every report here is built in this file (in Python or as a small TOML text): the shipped example
is being edited elsewhere, so no test depends on its evidence.
"""

from __future__ import annotations

import re
from decimal import Decimal

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from lakipcore import (
    BudgetLine,
    BudgetOutput,
    Indicator,
    IndicatorPeriod,
    LakipError,
    MeasureKind,
    Realisation,
    Report,
    ReportFileError,
    ReportPeriod,
    Target,
    Unit,
    UnitPeriod,
    capaian,
    dump_report,
    format_number,
    loads_report,
    round_to,
    score_period,
    score_report,
)
from lakipcore.audit import Severity, Subject, audit
from lakipcore.errors import FigureFormatError, InvalidValueError, UnknownNameError
from lakipcore.figures import NOT_TARGETED
from lakipcore.model import (
    KANWIL_TABLES,
    Column,
    ColumnKind,
    Comparison,
    Condition,
    EvidenceTable,
    Origin,
    RowCheck,
    Rule,
    RuleOp,
    Support,
    TableTotal,
)
from lakipcore.results import IndicatorScore, UnitScore
from lakipcore.scoring import score_indicator
from lakipcore.scoring.evidence import rule_value

K = ColumnKind
SOURCE = "bukti.toml"
METHOD = "banten-2019"
YEAR = "2019"

# --- shared builders ----------------------------------------------------------------------------

# Five regions: a nil cell in peserta (row 2), hadir (row 4, printed empty) and capaian (row 4),
# and the category printed in three cases.
REGIONS = EvidenceTable(
    "wilayah",
    "Capaian per wilayah",
    [
        Column("wilayah"),
        Column("peserta", K.NUMBER),
        Column("hadir", K.NUMBER),
        Column("capaian", K.PERCENT),
        Column("kategori"),
        Column("tanggal", K.DATES),
    ],
    [
        ["Serang", "10", "8", "80%", "kota", "12 Maret 2019"],
        ["Lebak", "-", "3", "60%", "kabupaten", "5 Juni 2019"],
        ["Cilegon", "5", "5", "75%", "Kota", "1 Juli 2019"],
        ["Pandeglang", "7", "", "-", "kabupaten", "-"],
        ["Tangerang", "12", "10", "90,5%", "KOTA", "2 Agustus 2019"],
    ],
)

# Scores on three scales; Lapas Serang's IKM is printed as a dash.
SURVEY = EvidenceTable(
    "survei",
    "Hasil survei IPK, IKM dan Integritas",
    [
        Column("satker"),
        Column("ipk", K.SCORE, "skala-15"),
        Column("ikm", K.SCORE, "skala-20"),
        Column("integritas", K.SCORE, "skala-100"),
    ],
    [
        ["Kanwil Banten", "14,15", "18,76", "84,86"],
        ["Lapas Serang", "13,46", "-", "80"],
    ],
)

TABLES = (REGIONS, SURVEY)
KANWIL = Condition("satker", Comparison.EQ, "Kanwil Banten")
IKM_ON_10 = Rule(RuleOp.MEAN, "survei", ("ikm",), (KANWIL,), "skala-10")


def where(column: str, op: str, value: str) -> Condition:
    """A condition from its printed parts: ``where("capaian", ">=", "75%")``."""
    return Condition(column, Comparison.from_name(op), value)


def count(value: int, unit: str = "Laporan") -> tuple[Target, Realisation]:
    """A count target and its equal realisation."""
    return (
        Target(MeasureKind.COUNT, Decimal(value), unit),
        Realisation(MeasureKind.COUNT, Decimal(value), unit),
    )


def derived_ikm(rule: Rule = IKM_ON_10) -> Indicator:
    """An index indicator on skala 10 (target 7,1) whose 2019 realisation is derived by ``rule``."""
    target = Target(MeasureKind.INDEX, Decimal("7.1"), scale=Decimal(10))
    entry = IndicatorPeriod(YEAR, target, derivation=rule)
    return Indicator("ikm", "Indeks kepuasan masyarakat", (entry,))


def plain_indicator() -> Indicator:
    """A count indicator with a stated realisation and no evidence: capaian 100 %."""
    target, realisation = count(12)
    return Indicator(
        "laporan", "Laporan yang disusun", (IndicatorPeriod(YEAR, target, realisation),)
    )


def unit(
    indicators: list[Indicator] | None = None, evidence: tuple[EvidenceTable, ...] = TABLES
) -> Unit:
    """A unit in 2019 with the given indicators (default: one plain, one derived) and tables."""
    budget = BudgetLine("Pembinaan Hukum", [BudgetOutput("Layanan", Decimal(1000), Decimal(900))])
    chosen = [plain_indicator(), derived_ikm()] if indicators is None else indicators
    block = UnitPeriod(YEAR, budget, evidence=evidence)
    return Unit("pelayanan", "Divisi Pelayanan", indicators=chosen, periods=(block,))


def report_of(unit_: Unit) -> Report:
    """A report of 2019 (method banten-2019) whose office has the one unit ``unit_``."""
    office = Unit("office", "Office", units=(unit_,))
    return Report((ReportPeriod(YEAR, method=METHOD),), office, KANWIL_TABLES)


def scored(unit_: Unit) -> UnitScore:
    """``unit_`` scored in 2019 within :func:`report_of` it."""
    return score_report(report_of(unit_)).period(YEAR).unit(unit_.code)


def single_column(cells: list[str], kind: ColumnKind = K.PERCENT) -> EvidenceTable:
    """A table ``t`` with one column ``c`` of ``kind``."""
    return EvidenceTable("t", "T", [Column("c", kind)], [[cell] for cell in cells])


def assert_unique(cases: tuple[tuple, ...]) -> None:
    """A case table holds no duplicate ids and no duplicate inputs."""
    assert len({c[0] for c in cases}) == len(cases)
    assert len({repr(c[1]) for c in cases}) == len(cases)


# --- model: columns ---------------------------------------------------------------------------

# id, Column arguments, error class, field, message regex
COLUMN_CASES = (
    (
        "empty-name",
        (" ",),
        InvalidValueError,
        "name",
        r"a column needs a name",
    ),
    (
        "score-without-scale",
        ("ipk", K.SCORE),
        InvalidValueError,
        "scale",
        r"column 'ipk': a score column needs a scale, and only a score column has one",
    ),
    (
        "scale-on-number",
        ("peserta", K.NUMBER, "skala-15"),
        InvalidValueError,
        "scale",
        r"column 'peserta': a score column needs a scale",
    ),
    (
        "grade-without-of",
        ("mutu", K.GRADE, None, "kemenkumham-ipk-15"),
        InvalidValueError,
        "grades",
        r"column 'mutu': a grade column names its grade table \(grades\) and the column it "
        r"grades \(of\)",
    ),
    (
        "grade-without-grades",
        ("mutu", K.GRADE, None, None, "ipk"),
        InvalidValueError,
        "grades",
        r"column 'mutu': a grade column names its grade table",
    ),
    (
        "grades-on-text",
        ("mutu", K.TEXT, None, "kemenkumham-ipk-15", "ipk"),
        InvalidValueError,
        "grades",
        r"column 'mutu': only a grade column has grades and of",
    ),
    (
        "unknown-scale",
        ("ipk", K.SCORE, "skala-16"),
        UnknownNameError,
        "scale",
        r"unknown scale 'skala-16'; known scales: 'skala-4', 'skala-10', 'skala-15'",
    ),
)


def test_column_cases_unique():
    """COLUMN_CASES holds no duplicate ids and no duplicate arguments."""
    assert_unique(COLUMN_CASES)


@pytest.mark.parametrize("case", COLUMN_CASES, ids=[c[0] for c in COLUMN_CASES])
def test_column_refused(case):
    """A column whose kind and scale, grades or of disagree is refused at the bad field."""
    _, arguments, error, field, match = case
    with pytest.raises(error, match=match) as info:
        Column(*arguments)
    assert field == info.value.field


def _report_with_grade_column(column: Column) -> Report:
    table = EvidenceTable(
        "mutu-ipk", "Mutu IPK", [Column("ipk", K.SCORE, scale="skala-15"), column], [("14", "A")]
    )
    return report_of(unit([plain_indicator()], (table,)))


def test_a_report_refuses_an_unknown_grade_table():
    """A grade column may name a table the report defines, so its name is checked by the
    report it is part of: an unknown name is refused there, listing the names known."""
    column = Column("mutu", K.GRADE, grades="ipk-99", of="ipk")
    assert "ipk-99" == column.grades
    with pytest.raises(UnknownNameError, match=r"unknown grade table 'ipk-99'; known tables: "):
        _report_with_grade_column(column)


def test_columns_that_are_well_formed():
    """Each kind builds with exactly the fields it needs; text is the default kind."""
    assert K.TEXT == Column("satker").kind
    assert "skala-20" == Column("ikm", K.SCORE, "skala-20").scale
    grade = Column("mutu", K.GRADE, grades="kemenkumham-ipk-15", of="ipk")
    assert ("kemenkumham-ipk-15", "ipk") == (grade.grades, grade.of)


def test_column_kind_from_name():
    """Kinds are looked up by their file names; an unknown one lists the known kinds."""
    assert [K.TEXT, K.DATES] == [K.from_name("text"), K.from_name("dates")]
    with pytest.raises(UnknownNameError, match=r"unknown column kind 'date'; expected one of"):
        K.from_name("date")


# --- model: tables ------------------------------------------------------------------------------


def test_table_refuses_duplicate_column_names():
    """Two columns of one name are refused at the second, naming the table."""
    with pytest.raises(InvalidValueError, match=r"table 'x' has two columns named 'a'") as info:
        EvidenceTable("x", "X", [Column("a"), Column("b"), Column("a")], [])
    assert "columns[2]" == info.value.field


def test_table_refuses_no_columns():
    """A table needs at least one column."""
    with pytest.raises(InvalidValueError, match=r"table 'x' has no columns") as info:
        EvidenceTable("x", "X", [], [])
    assert "columns" == info.value.field


@pytest.mark.parametrize(
    ("row", "cells"),
    [(["Serang"], 1), (["Serang", "10", "kota"], 3)],
    ids=["missing-cell", "extra-cell"],
)
def test_table_refuses_a_row_of_the_wrong_width(row, cells):
    """A row with a missing or extra cell names the table, the row and the columns."""
    message = (
        rf"row 2 of table 'x' has {cells} cells but the table has 2 columns \(wilayah, peserta\)"
    )
    with pytest.raises(InvalidValueError, match=message) as info:
        EvidenceTable(
            "x", "X", [Column("wilayah"), Column("peserta", K.NUMBER)], [["Lebak", "3"], row]
        )
    assert "rows[1]" == info.value.field


# id, column, malformed cell, error class, message regex (after "table 'sel', row 2, <column>: ")
CELL_CASES = (
    (
        "number-with-decimal-point",
        Column("nilai", K.NUMBER),
        "7.1",
        FigureFormatError,
        r"'7\.1' is not a figure in the Indonesian report style.*write '7,1'",
    ),
    (
        "percent-without-sign",
        Column("capaian", K.PERCENT),
        "75",
        InvalidValueError,
        r"'75' should be a percentage",
    ),
    (
        "percent-in-number-column",
        Column("nilai", K.NUMBER),
        "75%",
        InvalidValueError,
        r"'75%' is a percentage in a number column",
    ),
    (
        "score-above-its-scale",
        Column("ipk", K.SCORE, "skala-15"),
        "16",
        InvalidValueError,
        r"16 lies above skala-15 \(0–15\)",
    ),
    (
        "impossible-date",
        Column("tanggal", K.DATES),
        "31 Februari 2019",
        InvalidValueError,
        r"'31 Februari 2019' is not a real date: Februari 2019 has 28 days",
    ),
    (
        "not-a-date",
        Column("tanggal", K.DATES),
        "kemarin",
        FigureFormatError,
        r"'kemarin' is not a date, a list of dates or a range in the report's style",
    ),
)


def test_cell_cases_unique():
    """CELL_CASES holds no duplicate ids and no duplicate (column, cell) inputs."""
    assert len({c[0] for c in CELL_CASES}) == len(CELL_CASES)
    assert len({(c[1], c[2]) for c in CELL_CASES}) == len(CELL_CASES)


@pytest.mark.parametrize("case", CELL_CASES, ids=[c[0] for c in CELL_CASES])
def test_table_refuses_a_malformed_cell(case):
    """A cell that does not read as its column's kind is refused naming the row and column."""
    _, column, text, error, match = case
    prefix = re.escape(f"table 'sel', row 2, {column.name}: ")
    with pytest.raises(error, match=prefix + match) as info:
        EvidenceTable("sel", "Sel", [Column("satker"), column], [["a", "-"], ["b", text]])
    assert "rows[1][1]" == info.value.field


@pytest.mark.parametrize("nil", ["", "-", " - "])
def test_table_accepts_nil_cells_of_every_kind(nil):
    """Cells printed empty or as a dash are nil in every kind of column, and kept verbatim."""
    columns = [
        Column("satker"),
        Column("n", K.NUMBER),
        Column("p", K.PERCENT),
        Column("ipk", K.SCORE, "skala-15"),
        Column("tanggal", K.DATES),
        Column("mutu", K.GRADE, grades="kemenkumham-ipk-15", of="ipk"),
    ]
    row = (nil,) * len(columns)
    table = EvidenceTable("nil", "Nil", columns, [row])
    assert (row,) == table.rows
    assert Decimal(0) == rule_value(Rule(RuleOp.SUM, "nil", ("n", "p", "ipk")), [table])


def test_table_refuses_a_grade_of_a_text_column():
    """A grade column grades a numeric column of the same table."""
    with pytest.raises(InvalidValueError, match=r"column 'satker' of table 'x' is text") as info:
        EvidenceTable(
            "x",
            "X",
            [Column("satker"), Column("mutu", K.GRADE, None, "kemenkumham-ipk-15", "satker")],
            [],
        )
    assert "columns[1].of" == info.value.field


def test_table_refuses_a_row_check_of_an_unknown_column():
    """A row check names columns of its table."""
    with pytest.raises(UnknownNameError, match=r"table 'x' has no column 'total'") as info:
        EvidenceTable(
            "x", "X", [Column("a", K.NUMBER)], [], row_checks=[RowCheck("total", RuleOp.SUM, ["a"])]
        )
    assert "row_checks[0].column" == info.value.field


# --- model: rules -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("op", "columns", "match"),
    [
        (RuleOp.ROWS, ("peserta",), r"a rows rule takes no columns"),
        (RuleOp.SUM, (), r"a sum rule needs columns"),
        (RuleOp.MEAN, (), r"a mean rule needs columns"),
    ],
    ids=["rows-with-columns", "sum-without-columns", "mean-without-columns"],
)
def test_rule_refuses_columns_that_do_not_fit_its_op(op, columns, match):
    """A row count takes no columns; a sum or mean needs some."""
    with pytest.raises(InvalidValueError, match=match) as info:
        Rule(op, "wilayah", columns)
    assert "columns" == info.value.field


def test_rule_describe():
    """A rule describes itself in a few words for messages."""
    rule = Rule(RuleOp.SUM, "wilayah", ("peserta", "hadir"), (where("capaian", ">=", "75%"),))
    assert "sum of peserta + hadir in wilayah where capaian >= 75%" == rule.describe()
    assert "mean of ikm in survei where satker = Kanwil Banten on skala-10" == (
        IKM_ON_10.describe()
    )


def test_comparison_from_name():
    """Comparisons are looked up by symbol; '=>' is not one."""
    assert [Comparison.GE, Comparison.NE] == [Comparison.from_name(s) for s in (">=", "!=")]
    with pytest.raises(UnknownNameError, match=r"unknown comparison '=>'; expected one of '='"):
        Comparison.from_name("=>")


# id, where the rule goes, rule, error class, field inside the rule, message regex
CHECK_RULE_CASES = (
    (
        "unknown-table",
        "derivation",
        Rule(RuleOp.ROWS, "tidak-ada"),
        UnknownNameError,
        "table",
        r"no evidence table 'tidak-ada' in this unit and year \(tables: 'wilayah', 'survei'\)",
    ),
    (
        "unknown-column",
        "support",
        Rule(RuleOp.SUM, "wilayah", ("jumlah",)),
        UnknownNameError,
        "columns",
        r"table 'wilayah' has no column 'jumlah'; its columns are 'wilayah', 'peserta'",
    ),
    (
        "sum-of-text",
        "total",
        Rule(RuleOp.SUM, "wilayah", ("kategori",)),
        InvalidValueError,
        "columns",
        r"column 'kategori' of table 'wilayah' is text; a sum rule needs numbers",
    ),
    (
        "mean-of-dates",
        "derivation",
        Rule(RuleOp.MEAN, "wilayah", ("tanggal",)),
        InvalidValueError,
        "columns",
        r"column 'tanggal' of table 'wilayah' is dates; a mean rule needs numbers",
    ),
    (
        "mean-of-scales-without-scale",
        "derivation",
        Rule(RuleOp.MEAN, "survei", ("ipk", "ikm")),
        InvalidValueError,
        "scale",
        r"the columns ipk, ikm are on different scales; give the scale to convert them to",
    ),
    (
        "unknown-rule-scale",
        "support",
        Rule(RuleOp.MEAN, "survei", ("ipk",), scale="skala-7"),
        UnknownNameError,
        "scale",
        r"unknown scale 'skala-7'",
    ),
    (
        "condition-on-dates",
        "support",
        Rule(RuleOp.ROWS, "wilayah", where=(where("tanggal", ">=", "1 Juli 2019"),)),
        InvalidValueError,
        "where",
        r"conditions on the dates column 'tanggal' are not supported",
    ),
    (
        "condition-on-unknown-column",
        "total",
        Rule(RuleOp.ROWS, "wilayah", where=(where("provinsi", "=", "Banten"),)),
        UnknownNameError,
        "where",
        r"table 'wilayah' has no column 'provinsi'",
    ),
)


# Where _unit_with puts the rule: indicator rules are checked by the Unit (paths relative to
# it), a table's totals by the UnitPeriod holding the table (paths relative to that).
RULE_PATHS = {
    "derivation": "indicators[1].periods[0].derive",
    "support": "indicators[1].periods[0].supports[1]",
    "total": "evidence[1].totals[1].rule",
}


def _unit_with(place: str, rule: Rule) -> Unit:
    """A unit: ``rule`` at indicators[1]'s derive or supports[1], or evidence[1].totals[1]."""
    fine = Rule(RuleOp.ROWS, "wilayah")
    if place == "derivation":
        return unit([plain_indicator(), derived_ikm(rule)])
    if place == "support":
        target, realisation = count(5)
        entry = IndicatorPeriod(YEAR, target, realisation, supports=[Support(fine), Support(rule)])
        return unit([plain_indicator(), Indicator("wilayah", "Wilayah", (entry,))])
    totals = [TableTotal(fine, "5"), TableTotal(rule, "1")]
    return unit([plain_indicator()], (SURVEY, attrs.evolve(REGIONS, totals=totals)))


def test_check_rule_cases_unique():
    """CHECK_RULE_CASES holds no duplicate ids and no duplicate rules."""
    assert_unique(tuple((c[0], c[2]) for c in CHECK_RULE_CASES))


@pytest.mark.parametrize("case", CHECK_RULE_CASES, ids=[c[0] for c in CHECK_RULE_CASES])
def test_unit_refuses_a_rule_its_tables_cannot_answer(case):
    """Rules are checked against the tables of their period when the unit is built, at the
    rule's path (indicator rules by the Unit, against the UnitPeriod of the same period)."""
    _, place, rule, error, _, match = case
    with pytest.raises(error, match=match) as info:
        _unit_with(place, rule)
    assert info.value.field is not None
    assert info.value.field.startswith(RULE_PATHS[place])


@pytest.mark.parametrize("case", CHECK_RULE_CASES, ids=[c[0] for c in CHECK_RULE_CASES])
def test_unit_names_the_bad_field_of_a_rule(case):
    """The error names the rule's bad field: ``indicators[1].periods[0].derive.table``."""
    _, place, rule, error, field, _ = case
    with pytest.raises(error) as info:
        _unit_with(place, rule)
    assert f"{RULE_PATHS[place]}.{field}" == info.value.field


@pytest.mark.parametrize("place", ["derivation", "support", "total"])
def test_unit_accepts_rules_its_tables_answer(place):
    """The same builders with a good rule build a unit (so the cases above fail on the rule)."""
    assert "pelayanan" == _unit_with(place, IKM_ON_10).code


def test_unit_checks_rules_against_the_tables_of_their_own_period():
    """A rule of 2019 is checked against the 2019 tables: tables of 2018 do not answer it."""
    target = Target(MeasureKind.INDEX, Decimal("7.1"), scale=Decimal(10))
    entries = (
        IndicatorPeriod("2018", target, Realisation(MeasureKind.INDEX, Decimal(8), scale=10)),
        IndicatorPeriod(YEAR, target, derivation=IKM_ON_10),
    )
    ikm = Indicator("ikm", "Indeks kepuasan masyarakat", entries)
    with pytest.raises(UnknownNameError, match=r"no evidence table 'survei'") as info:
        Unit("pelayanan", "Divisi Pelayanan", [ikm], [UnitPeriod("2018", evidence=TABLES)])
    assert info.value.field is not None
    assert info.value.field.startswith("indicators[0].periods[1].derive")

    both = [UnitPeriod("2018", evidence=TABLES), UnitPeriod(YEAR, evidence=TABLES)]
    assert TABLES == Unit("pelayanan", "Divisi Pelayanan", [ikm], both).evidence(YEAR)


def test_indicator_refuses_realisation_and_derivation():
    """A realisation is either stated or derived, not both."""
    target, realisation = count(2)
    with pytest.raises(
        InvalidValueError, match=r"a realisation is stated, derived or accumulated, one of them"
    ) as info:
        IndicatorPeriod(YEAR, target, realisation, derivation=Rule(RuleOp.ROWS, "wilayah"))
    assert "derivation" == info.value.field


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        ({"supports": [Support(Rule(RuleOp.ROWS, "wilayah"))]}, "supports"),
        ({"derivation": Rule(RuleOp.ROWS, "wilayah")}, "derivation"),
    ],
    ids=["supports", "derivation"],
)
def test_not_targeted_indicator_refuses_evidence(extra, field):
    """'Tidak ditargetkan' has no realisation, so nothing to derive or support."""
    with pytest.raises(
        InvalidValueError, match=r"has no realisation, derivation, accumulation or supporting"
    ) as info:
        IndicatorPeriod(YEAR, NOT_TARGETED, **extra)
    assert field == info.value.field


@pytest.mark.parametrize("against", ["value", "note"])
def test_derived_realisation_refuses_a_support_against_itself(against):
    """A derived realisation is its evidence: a support can only check a printed copy."""
    target = Target(MeasureKind.INDEX, Decimal("7.1"), scale=Decimal(10))
    support = Support(Rule(RuleOp.ROWS, "wilayah"), against)
    with pytest.raises(InvalidValueError, match=r"a derived realisation is its evidence") as info:
        IndicatorPeriod(YEAR, target, derivation=IKM_ON_10, supports=[support])
    assert "supports[0].against" == info.value.field
    printed = IndicatorPeriod(
        YEAR, target, derivation=IKM_ON_10, supports=[attrs.evolve(support, against="prose")]
    )
    assert "prose" == printed.supports[0].against


def test_unit_period_refuses_duplicate_table_ids():
    """Rules name tables by id, so ids are unique within a unit's period."""
    with pytest.raises(InvalidValueError, match=r"duplicate evidence table id 'survei'") as info:
        unit(evidence=(REGIONS, SURVEY, SURVEY))
    assert "evidence[2]" == info.value.field


# --- rule evaluation ----------------------------------------------------------------------------

# id, rule over TABLES, exact value
VALUE_CASES = (
    ("rows", Rule(RuleOp.ROWS, "wilayah"), Decimal(5)),
    ("percent-ge", Rule(RuleOp.ROWS, "wilayah", where=[where("capaian", ">=", "75%")]), 3),
    ("percent-gt", Rule(RuleOp.ROWS, "wilayah", where=[where("capaian", ">", "75%")]), 2),
    ("percent-le", Rule(RuleOp.ROWS, "wilayah", where=[where("capaian", "<=", "75%")]), 2),
    ("percent-lt", Rule(RuleOp.ROWS, "wilayah", where=[where("capaian", "<", "75%")]), 1),
    ("percent-eq", Rule(RuleOp.ROWS, "wilayah", where=[where("capaian", "=", "75,0%")]), 1),
    ("percent-ne", Rule(RuleOp.ROWS, "wilayah", where=[where("capaian", "!=", "75%")]), 3),
    ("number-eq", Rule(RuleOp.ROWS, "wilayah", where=[where("peserta", "=", "7")]), 1),
    ("number-ge", Rule(RuleOp.ROWS, "wilayah", where=[where("peserta", ">=", "10")]), 2),
    ("number-lt", Rule(RuleOp.ROWS, "wilayah", where=[where("peserta", "<", "10")]), 2),
    ("text-eq-any-case", Rule(RuleOp.ROWS, "wilayah", where=[where("kategori", "=", "KOTA")]), 3),
    ("text-eq-spaces", Rule(RuleOp.ROWS, "wilayah", where=[where("kategori", "=", " kota ")]), 3),
    ("text-ne-any-case", Rule(RuleOp.ROWS, "wilayah", where=[where("kategori", "!=", "Kota")]), 2),
    ("text-no-match", Rule(RuleOp.ROWS, "wilayah", where=[where("kategori", "=", "desa")]), 0),
    (
        "all-conditions-hold",
        Rule(
            RuleOp.ROWS,
            "wilayah",
            where=[where("kategori", "=", "kota"), where("capaian", ">", "75%")],
        ),
        2,
    ),
    ("sum-nil-is-zero", Rule(RuleOp.SUM, "wilayah", ("peserta",)), 34),
    ("sum-empty-is-zero", Rule(RuleOp.SUM, "wilayah", ("hadir",)), 26),
    ("sum-several-columns", Rule(RuleOp.SUM, "wilayah", ("peserta", "hadir")), 60),
    ("sum-percent", Rule(RuleOp.SUM, "wilayah", ("capaian",)), Decimal("305.5")),
    (
        "sum-where",
        Rule(RuleOp.SUM, "wilayah", ("peserta",), [where("kategori", "=", "kota")]),
        27,
    ),
    (
        "sum-of-no-rows",
        Rule(RuleOp.SUM, "wilayah", ("peserta",), [where("kategori", "=", "desa")]),
        0,
    ),
    (
        "mean-where",
        Rule(RuleOp.MEAN, "wilayah", ("capaian",), [where("peserta", ">=", "10")]),
        Decimal("85.25"),
    ),
    ("mean-one-scale-unconverted", Rule(RuleOp.MEAN, "survei", ("ipk",)), Decimal("13.805")),
    ("mean-converted-to-10", IKM_ON_10, Decimal("9.38")),
    (
        "mean-skala-100-on-10",
        Rule(RuleOp.MEAN, "survei", ("integritas",), scale="skala-10"),
        Decimal("8.243"),
    ),
    (
        "mean-skala-20-on-100",
        Rule(RuleOp.MEAN, "survei", ("ikm",), (KANWIL,), "skala-100"),
        Decimal("93.8"),
    ),
)


def test_value_cases_unique():
    """VALUE_CASES holds no duplicate ids and no duplicate rules."""
    assert_unique(VALUE_CASES)


@pytest.mark.parametrize("case", VALUE_CASES, ids=[c[0] for c in VALUE_CASES])
def test_rule_value(case):
    """Counts, sums and means over the rows meeting the conditions; nil cells meet none."""
    _, rule, expected = case
    assert Decimal(expected) == rule_value(rule, TABLES)


def test_mean_over_three_scales():
    """IPK 14,15 (skala 15), IKM 18,76 (skala 20) and Integritas 84,86 on skala 100: 90,9977…"""
    rule = Rule(RuleOp.MEAN, "survei", ("ipk", "ikm", "integritas"), (KANWIL,), "skala-100")
    actual = rule_value(rule, TABLES)

    # (94,333… + 93,8 + 84,86) / 3 = 272,99333… / 3
    assert Decimal("90.99777777777777777778") == round_to(actual, 20)
    assert Decimal("91.00") == round_to(actual, 2)


def test_mean_refuses_a_nil_cell():
    """A mean needs every selected value: a nil cell is an error naming its row and column."""
    rule = Rule(RuleOp.MEAN, "survei", ("ikm",), scale="skala-10")
    with pytest.raises(
        InvalidValueError,
        match=r"table 'survei', row 2: ikm is empty, but a mean needs every value",
    ) as info:
        rule_value(rule, TABLES)
    assert "rows[1]" == info.value.field


def test_mean_refuses_an_empty_cell_in_a_number_column():
    """An empty cell is as nil as a dash: the mean of hadir over kabupaten rows stops at row 4."""
    rule = Rule(RuleOp.MEAN, "wilayah", ("hadir",), [where("kategori", "=", "kabupaten")])
    with pytest.raises(InvalidValueError, match=r"table 'wilayah', row 4: hadir is empty") as info:
        rule_value(rule, TABLES)
    assert "rows[3]" == info.value.field


def test_mean_refuses_no_rows():
    """A mean over rows that no row meets is an error, not zero."""
    rule = Rule(RuleOp.MEAN, "wilayah", ("peserta",), [where("kategori", "=", "desa")])
    message = r"mean of peserta in wilayah where kategori = desa: no rows to average"
    with pytest.raises(InvalidValueError, match=message) as info:
        rule_value(rule, TABLES)
    assert "where" == info.value.field


def test_rule_value_refuses_an_unknown_table():
    """Evaluating a rule over tables that lack its table names the table."""
    with pytest.raises(UnknownNameError, match=r"no evidence table 'wilayah'") as info:
        rule_value(Rule(RuleOp.ROWS, "wilayah"), [SURVEY])
    assert "table" == info.value.field


NIL = st.sampled_from(["", "-"])
PERCENTS = st.decimals(min_value=0, max_value=150, places=1).map(lambda d: format_number(d) + "%")
COUNTS = st.integers(min_value=0, max_value=10**9).map(lambda n: format_number(Decimal(n)))
NEGATIONS = (("=", "!="), (">=", "<"), (">", "<="))


def _rows(cells: list[str], condition: Condition | None = None) -> Decimal:
    where_ = () if condition is None else (condition,)
    return rule_value(Rule(RuleOp.ROWS, "t", where=where_), [single_column(cells)])


@given(
    cells=st.lists(st.one_of(PERCENTS, NIL), max_size=8),
    threshold=PERCENTS,
    pair=st.sampled_from(NEGATIONS),
)
def test_a_condition_and_its_negation_partition_the_rows(cells, threshold, pair):
    """rows(c op x) + rows(c not-op x) == rows, less the nil cells, which meet no condition."""
    op, negated = pair
    met = _rows(cells, where("c", op, threshold))
    not_met = _rows(cells, where("c", negated, threshold))
    nil = sum(cell in ("", "-") for cell in cells)

    assert _rows(cells) == met + not_met + nil


@given(
    rows=st.lists(st.tuples(PERCENTS, st.one_of(COUNTS, NIL)), max_size=8),
    threshold=PERCENTS,
)
def test_a_sum_splits_over_a_threshold(rows, threshold):
    """sum over all rows == sum over rows with c >= x plus sum over rows with c < x."""
    table = EvidenceTable("t", "T", [Column("c", K.PERCENT), Column("n", K.NUMBER)], rows)

    def total(*conditions: Condition) -> Decimal:
        return rule_value(Rule(RuleOp.SUM, "t", ("n",), conditions), [table])

    assert total() == total(where("c", ">=", threshold)) + total(where("c", "<", threshold))


# --- scoring ------------------------------------------------------------------------------------


def test_derived_realisation_is_scored():
    """An indicator with a derivation gets its realisation from the evidence: 18,76 → 9,38."""
    result = scored(unit())
    ikm = result.indicator("ikm")

    assert ("ikm", Decimal("9.38")) == (ikm.code, ikm.realisation)
    assert capaian(Decimal("7.1"), Decimal("9.38")) == ikm.capaian
    assert Decimal("132.11") == round_to(ikm.capaian or Decimal(0), 2)
    assert Decimal("116.06") == round_to(result.achievement or Decimal(0), 2)  # (132,11… + 100) / 2


def test_derived_realisation_is_scored_by_score_period():
    """score_period gives the unit the same scores as score_report's period."""
    report = report_of(unit())
    assert scored(unit()) == score_period(report, YEAR).unit("pelayanan")


def test_changed_evidence_flows_through():
    """A changed survey score changes the derived realisation, its capaian and the achievement."""
    rows = (("Kanwil Banten", "14,15", "16,00", "84,86"), SURVEY.rows[1])
    changed = unit(evidence=(REGIONS, attrs.evolve(SURVEY, rows=rows)))
    before, after = scored(unit()), scored(changed)

    assert Decimal(8) == after.indicator("ikm").realisation
    assert capaian(Decimal("7.1"), Decimal(8)) == after.indicator("ikm").capaian
    assert Decimal("106.34") == round_to(after.achievement or Decimal(0), 2)  # (112,68… + 100) / 2
    assert before.achievement != after.achievement
    assert before.indicator("laporan") == after.indicator("laporan")


def test_scoring_without_the_evidence_refuses_a_derivation():
    """score_indicator evaluates a derivation over the evidence it is given, none by default."""
    with pytest.raises(UnknownNameError, match=r"no evidence table 'survei'") as info:
        score_indicator(derived_ikm(), YEAR, METHOD)
    assert info.value.field is not None
    assert "derive" in info.value.field


def test_score_indicator_derives_from_the_evidence_given():
    """score_indicator(indicator, key, method, evidence) derives over ``evidence``: 9,38."""
    result = score_indicator(derived_ikm(), YEAR, METHOD, TABLES)
    assert isinstance(result, IndicatorScore)
    assert Decimal("9.38") == result.realisation


DERIVE_ERROR_FIELD = "units[pelayanan].indicators[ikm].periods.2019"


def _nil_derivation() -> Report:
    """A report whose derived IKM is a mean over a nil cell (Lapas Serang's '-')."""
    every_row = Rule(RuleOp.MEAN, "survei", ("ikm",), scale="skala-10")
    return report_of(unit([plain_indicator(), derived_ikm(every_row)]))


def test_derive_error_is_located():
    """A derivation that cannot be evaluated (a mean over a nil cell) names the indicator."""
    with pytest.raises(InvalidValueError, match=r"table 'survei', row 2: ikm is empty") as info:
        score_report(_nil_derivation())
    assert info.value.field is not None
    assert info.value.field.startswith(DERIVE_ERROR_FIELD)


def test_derive_error_names_the_row():
    """The location goes down to the rule and the row: ``….periods.2019.derive.rows[1]``."""
    with pytest.raises(InvalidValueError) as info:
        score_report(_nil_derivation())
    assert f"{DERIVE_ERROR_FIELD}.derive.rows[1]" == info.value.field


def test_derive_error_is_a_problem_when_problems_are_collected():
    """With ``problems`` the derive error is collected and the indicator is left unscored."""
    problems: list = []
    result = score_report(_nil_derivation(), problems=problems).period(YEAR).unit("pelayanan")

    (problem,) = problems
    assert ("pelayanan", "ikm", YEAR) == (problem.unit, problem.indicator, problem.period)
    assert "table 'survei', row 2: ikm is empty" in problem.error.message
    assert result.indicator("ikm").capaian is None
    assert Decimal(100) == result.achievement  # the plain indicator alone


# --- the report file ----------------------------------------------------------------------------

# A unit with two evidence tables, a derived realisation (given as a TOML table rather than the
# inline table the writer uses), supports against the value, the note and a declared table,
# printed totals in two tables, a printed grade and row checks. It is consistent: the audit finds
# nothing.
DOC = """\
schema = 2

[report]
main = "2019"

[[periods]]
key = "2019"
method = "banten-2019"

[[tables]]
id = "unit-indicators"
kind = "indicators"
title = "REALISASI INDIKATOR KINERJA"

[[tables]]
id = "unit-yoy"
kind = "changes"
title = "REALISASI INDIKATOR KINERJA (YoY)"

[[tables]]
id = "prose"
kind = "prose"
title = "Uraian"

[[tables]]
id = "evidence"
kind = "evidence"
title = "Data dukung"

[office]
code = "kanwil-banten"
name = "Kanwil Banten"

[[units]]
code = "pelayanan"
name = "Divisi Pelayanan Hukum"

[units.periods.2019.budget]
programme = "Pembinaan Hukum"

[[units.periods.2019.budget.outputs]]
name = "Layanan"
pagu = "1.000"
realisation = "900"

[[units.periods.2019.evidence]]
id = "permohonan"
title = "Permohonan per wilayah"
columns = [
  { name = "wilayah" },
  { name = "baru", kind = "number" },
  { name = "lama", kind = "number" },
  { name = "jumlah", kind = "number" },
  { name = "capaian", kind = "percent" },
  { name = "tanggal", kind = "dates" },
]
rows = [
  ["Serang", "60", "40", "100", "80%", "12 Maret 2019"],
  ["Lebak", "-", "-", "-", "60%", "5 Juni 2019"],
  ["Cilegon", "50", "19", "69", "75%", "21 Oktober 2019 sampai 31 Desember 2019"],
]
totals = [
  { rule = { sum = ["jumlah"] }, printed = "169" },
  { rule = { mean = ["capaian"] }, printed = "71,67%", place = "prose" },
]
row-checks = [
  { column = "jumlah", sum = ["baru", "lama"] },
]

[[units.periods.2019.evidence]]
id = "survei"
title = "Hasil survei IPK dan IKM"
columns = [
  { name = "satker" },
  { name = "ipk", kind = "score", scale = "skala-15" },
  { name = "mutu", kind = "grade", grades = "kemenkumham-ipk-15", of = "ipk" },
  { name = "ikm", kind = "score", scale = "skala-20" },
  { name = "konversi", kind = "score", scale = "skala-10" },
]
rows = [
  ["Kanwil Banten", "14,15", "A", "18,76", "9,38"],
  ["Lapas Serang", "13,46", "B", "17,80", "8,90"],
]
totals = [
  { rule = { mean = ["ipk"], scale = "skala-100" }, printed = "92,03" },
  { rule = { mean = ["ipk"] }, printed = "A", grades = "kemenkumham-ipk-15" },
]
row-checks = [
  { column = "konversi", mean = ["ikm"] },
]

[[units.indicators]]
code = "ikm"
name = "Indeks kepuasan masyarakat"

[units.indicators.periods.2019]
target = "7,1"
scale = "10"
printed.realisation = { unit-indicators = "9,38" }

[units.indicators.periods.2019.derive]
mean = ["ikm"]
table = "survei"
where = [{ column = "satker", op = "=", value = "kanwil banten" }]
scale = "skala-10"

[[units.indicators]]
code = "ki"
name = "Permohonan kekayaan intelektual"

[units.indicators.periods.2019]
target = "80%"
realisation = "100% (total 169 permohonan)"
supports = [
  { sum = ["jumlah"], table = "permohonan", against = "note" },
  { sum = ["jumlah"], table = "permohonan", against = "unit-yoy" },
]
printed.realisation = { unit-yoy = "100% (total 169 permohonan)" }

[[units.indicators]]
code = "wilayah"
name = "Wilayah dengan capaian minimal 75%"

[units.indicators.periods.2019]
target = "2 Wilayah"
realisation = "2 Wilayah"
supports = [
  { rows = true, table = "permohonan", where = [{ column = "capaian", op = ">=", value = "75%" }] },
]
"""

REQUEST_TOTALS = """\
totals = [
  { rule = { sum = ["jumlah"] }, printed = "169" },
  { rule = { mean = ["capaian"] }, printed = "71,67%", place = "prose" },
]
"""
REQUEST_CHECKS = """\
row-checks = [
  { column = "jumlah", sum = ["baru", "lama"] },
]
"""
KI_SUPPORTS = """\
supports = [
  { sum = ["jumlah"], table = "permohonan", against = "note" },
  { sum = ["jumlah"], table = "permohonan", against = "unit-yoy" },
]
"""
SURVEY_ROWS = """\
rows = [
  ["Kanwil Banten", "14,15", "A", "18,76", "9,38"],
  ["Lapas Serang", "13,46", "B", "17,80", "8,90"],
]
"""
EVIDENCE = "units[0].periods.2019.evidence"
INDICATORS = "units[0].indicators"


def doc(*edits: tuple[str, str]) -> str:
    """DOC with each (old, new) edit applied; ``old`` must occur exactly once."""
    text = DOC
    for old, new in edits:
        assert 1 == text.count(old), f"edit target {old!r} is not unique in the document"
        text = text.replace(old, new)
    return text


def load(*edits: tuple[str, str]) -> Report:
    """The report of DOC with ``edits``."""
    return loads_report(doc(*edits), source=SOURCE)


def line_of(text: str, start: int = 0) -> int:
    """The 1-based line of DOC on which ``text`` first occurs (after character ``start``)."""
    return DOC[: DOC.index(text, start)].count("\n") + 1


def test_doc_loads():
    """The document loads into the tables, rules and supports it spells out."""
    unit_ = load().unit("pelayanan")
    block = unit_.at(YEAR)
    assert block is not None
    requests, survey = block.evidence

    assert ["permohonan", "survei"] == [t.id for t in unit_.evidence(YEAR)]
    assert Origin(SOURCE, f"{EVIDENCE}[0]", line_of("[[units.periods.2019.evidence]]")) == (
        requests.origin
    )
    assert ("Lebak", "-", "-", "-", "60%", "5 Juni 2019") == requests.rows[1]
    assert Column("mutu", K.GRADE, grades="kemenkumham-ipk-15", of="ipk") == survey.columns[2]
    assert (
        TableTotal(Rule(RuleOp.SUM, "permohonan", ("jumlah",)), "169"),
        TableTotal(Rule(RuleOp.MEAN, "permohonan", ("capaian",)), "71,67%", "prose"),
    ) == requests.totals
    assert requests.totals[0].place is None  # printed in the evidence table itself
    assert requests.totals[1].origin is not None
    assert (SOURCE, f"{EVIDENCE}[0].totals[1].printed") == (
        requests.totals[1].origin.source,
        requests.totals[1].origin.path,
    )
    assert "kemenkumham-ipk-15" == survey.totals[1].grades
    assert (RowCheck("jumlah", RuleOp.SUM, ("baru", "lama")),) == requests.row_checks

    ikm, ki, regions = (indicator.at(YEAR) for indicator in unit_.indicators)
    assert ikm is not None
    assert ki is not None
    assert regions is not None
    assert (
        None,
        Rule(RuleOp.MEAN, "survei", ("ikm",), (where("satker", "=", "kanwil banten"),), "skala-10"),
    ) == (
        ikm.realisation,
        ikm.derivation,
    )
    assert ["note", "unit-yoy"] == [s.against for s in ki.supports]
    assert (
        Support(Rule(RuleOp.ROWS, "permohonan", where=(where("capaian", ">=", "75%"),))),
    ) == regions.supports


def test_doc_scores_its_derived_realisation():
    """The derived realisation of the file is scored: 9,38 against 7,1."""
    result = score_report(load()).period(YEAR).unit("pelayanan")
    assert Decimal("9.38") == result.indicator("ikm").realisation


def test_round_trip():
    """dump_report → loads_report gives an equal report, and a second dump the same text."""
    report = load()
    text = dump_report(report)
    again = loads_report(text, source="dumped.toml")

    assert report == again
    assert text == dump_report(again)
    assert 'derive = { mean = ["ikm"], table = "survei", where = [' in text  # inline on writing


def test_round_trip_of_a_report_built_in_python():
    """Tables, totals, row checks, derivations and supports built in Python survive the file."""
    totals = [
        TableTotal(Rule(RuleOp.SUM, "wilayah", ("peserta",)), "34", "prose"),
        TableTotal(Rule(RuleOp.MEAN, "survei", ("ipk",)), "A", grades="kemenkumham-ipk-15"),
    ]
    regions = attrs.evolve(
        REGIONS, totals=totals, row_checks=[RowCheck("peserta", RuleOp.SUM, ["hadir"])]
    )
    target, realisation = count(3, "Wilayah")
    entry = IndicatorPeriod(
        YEAR,
        target,
        realisation,
        supports=[
            Support(Rule(RuleOp.ROWS, "wilayah", where=[where("kategori", "=", "kota")])),
            Support(Rule(RuleOp.SUM, "wilayah", ("peserta", "hadir")), "prose"),
        ],
    )
    supported = Indicator("wilayah", "Wilayah", (entry,))
    report = report_of(unit([supported, derived_ikm()], (regions, SURVEY)))

    assert report == loads_report(dump_report(report))


# The old file format (schema 1) still loads; its paths keep the schema-1 names.
SCHEMA_1_DOC = """\
schema = 1

[report]
office = "Kanwil Banten"
year = 2019

[[units]]
code = "pelayanan"
name = "Divisi Pelayanan Hukum"

[[units.years.2019.evidence]]
id = "survei"
title = "Hasil survei IPK dan IKM"
columns = [
  { name = "satker" },
  { name = "ipk", kind = "score", scale = "skala-15" },
  { name = "mutu", kind = "grade", grades = "kemenkumham-ipk-15", of = "ipk" },
  { name = "ikm", kind = "score", scale = "skala-20" },
]
rows = [
  ["Kanwil Banten", "14,15", "A", "18,76"],
]
totals = [
  { rule = { mean = ["ikm"], scale = "skala-10" }, printed = "9,38", place = "prose" },
]

[[units.indicators]]
code = "ikm"
name = "Indeks kepuasan masyarakat"

[units.indicators.years.2019]
target = "7,1"
scale = "10"
derive = { mean = ["ikm"], table = "survei", scale = "skala-10" }
"""
OLD_EVIDENCE = "units[0].years.2019.evidence"


def test_schema_1_evidence_loads_with_its_own_paths():
    """A schema-1 file's tables, totals and derivations load, located by schema-1 paths."""
    report = loads_report(SCHEMA_1_DOC, source=SOURCE)
    unit_ = report.unit("pelayanan")
    (survey,) = unit_.evidence(YEAR)

    assert "office" == report.root.code
    assert survey.origin is not None
    assert survey.totals[0].origin is not None
    assert f"{OLD_EVIDENCE}[0]" == survey.origin.path
    assert f"{OLD_EVIDENCE}[0].totals[0].printed" == survey.totals[0].origin.path
    assert "prose" == survey.totals[0].place
    result = score_report(report, METHOD).period(YEAR).unit("pelayanan")
    assert Decimal("9.38") == result.indicator("ikm").realisation


def test_schema_1_evidence_errors_and_findings_use_schema_1_paths():
    """Errors and findings about a schema-1 file name the fields as that file spells them."""
    with pytest.raises(UnknownNameError, match=r"no evidence table 'surv'") as info:
        loads_report(SCHEMA_1_DOC.replace('table = "survei"', 'table = "surv"'), source=SOURCE)
    assert "units[0].indicators[0].years.2019.derive.table" == info.value.field

    report = loads_report(SCHEMA_1_DOC.replace('"14,15", "A"', '"14,15", "B"'), source=SOURCE)
    (finding,) = audit(report, method=METHOD, source=SOURCE)
    assert ("grade-mismatch", f"{OLD_EVIDENCE}[0].rows[0][2]") == (
        finding.code,
        finding.location.field,
    )


# id, edits of DOC, error class, field, message regex
LOAD_ERROR_CASES = (
    (
        "unknown-table-key",
        (('title = "Permohonan per wilayah"', 'title = "Permohonan per wilayah"\njudul = "x"'),),
        ReportFileError,
        f"{EVIDENCE}[0].judul",
        r"unknown field 'judul'; expected one of columns, id, notation, row-checks, rows, title, "
        r"totals",
    ),
    (
        "unknown-column-key",
        (('{ name = "wilayah" }', '{ name = "wilayah", jenis = "text" }'),),
        ReportFileError,
        f"{EVIDENCE}[0].columns[0].jenis",
        r"unknown field 'jenis'; expected one of grades, kind, name, of, scale",
    ),
    (
        "unknown-rule-key",
        (('rule = { sum = ["jumlah"] }', 'rule = { sum = ["jumlah"], kolom = "x" }'),),
        ReportFileError,
        f"{EVIDENCE}[0].totals[0].rule.kolom",
        r"unknown field 'kolom'; expected one of change, direction, mean, period, ratio, rows, "
        r"scale, sum, table, where",
    ),
    (
        "rule-with-two-ops",
        (('rule = { sum = ["jumlah"] }', 'rule = { sum = ["jumlah"], rows = true }'),),
        ReportFileError,
        f"{EVIDENCE}[0].totals[0].rule",
        r"a rule has exactly one of rows, sum, mean, ratio or change",
    ),
    (
        "rule-without-op",
        (('mean = ["ikm"]\ntable = "survei"', 'table = "survei"'),),
        ReportFileError,
        f"{INDICATORS}[0].periods.2019.derive",
        r"a rule has exactly one of rows, sum, mean, ratio or change",
    ),
    (
        "rows-false",
        (("{ rows = true, table", "{ rows = false, table"),),
        ReportFileError,
        f"{INDICATORS}[2].periods.2019.supports[0].rows",
        r"write rows = true",
    ),
    (
        "sum-not-a-list",
        (('rule = { sum = ["jumlah"] }', 'rule = { sum = "jumlah" }'),),
        ReportFileError,
        f"{EVIDENCE}[0].totals[0].rule.sum",
        r"expected a list of column names",
    ),
    (
        "rule-not-a-table",
        (('rule = { sum = ["jumlah"] }', 'rule = "sum"'),),
        ReportFileError,
        f"{EVIDENCE}[0].totals[0].rule",
        r"expected a rule: \{ rows = true \} or \{ sum = \[\.\.\.\] \}",
    ),
    (
        "derive-without-table",
        (('table = "survei"\n', ""),),
        ReportFileError,
        f"{INDICATORS}[0].periods.2019.derive.table",
        r"missing field: the evidence table's id",
    ),
    (
        "where-not-a-list",
        (
            (
                'where = [{ column = "satker", op = "=", value = "kanwil banten" }]',
                'where = { column = "satker", op = "=", value = "kanwil banten" }',
            ),
        ),
        ReportFileError,
        f"{INDICATORS}[0].periods.2019.derive.where",
        r"expected a list of \{ column, op, value \}",
    ),
    (
        "where-item-missing-op",
        (('{ column = "capaian", op = ">=", value', '{ column = "capaian", value'),),
        ReportFileError,
        f"{INDICATORS}[2].periods.2019.supports[0].where[0].op",
        r"missing field",
    ),
    (
        "where-unknown-comparison",
        (('op = ">="', 'op = "=>"'),),
        UnknownNameError,
        f"{INDICATORS}[2].periods.2019.supports[0].where[0].op",
        r"unknown comparison '=>'; expected one of '=', '!=', '>=', '>', '<=', '<'",
    ),
    (
        "where-unknown-key",
        (('op = "=", value', 'op = "=", nilai'),),
        ReportFileError,
        f"{INDICATORS}[0].periods.2019.derive.where[0].nilai",
        r"unknown field 'nilai'; expected one of column, op, value",
    ),
    (
        "against-undeclared-table",
        (('against = "unit-yoy"', 'against = "unit-yo"'),),
        InvalidValueError,
        f"{INDICATORS}[1].periods.2019",
        r"support against 'unit-yo': not 'value', 'note' or a declared table",
    ),
    (
        "supports-not-a-list",
        ((KI_SUPPORTS, 'supports = { sum = ["jumlah"], table = "permohonan" }\n'),),
        ReportFileError,
        f"{INDICATORS}[1].periods.2019.supports",
        r"expected a list of rules",
    ),
    (
        "derive-and-realisation",
        (('scale = "10"\n', 'scale = "10"\nrealisation = "9,38"\n'),),
        ReportFileError,
        f"{INDICATORS}[0].periods.2019.realisation",
        r"a realisation is stated, derived or accumulated; give realisation or derive, not both",
    ),
    (
        "derive-not-targeted",
        (('target = "7,1"\nscale = "10"\n', 'target = "Tidak ditargetkan"\n'),),
        ReportFileError,
        f"{INDICATORS}[0].periods.2019.derive",
        r"a not-targeted period \('Tidak ditargetkan'\) has no derive",
    ),
    (
        "totals-item-not-a-table",
        (('{ rule = { sum = ["jumlah"] }, printed = "169" }', '"169"'),),
        ReportFileError,
        f"{EVIDENCE}[0].totals[0]",
        r'expected \{ rule = \{\.\.\.\}, printed = "\.\.\." \}',
    ),
    (
        "total-undeclared-table",
        (('place = "prose"', 'place = "prosa"'),),
        InvalidValueError,
        f"{EVIDENCE}[0].totals[1].printed",
        r"table 'prosa' is not declared in the report's tables",
    ),
    (
        "total-without-printed",
        ((', printed = "169" }', " }"),),
        ReportFileError,
        f"{EVIDENCE}[0].totals[0].printed",
        r"missing field",
    ),
    (
        "row-check-with-two-ops",
        (('sum = ["baru", "lama"] }', 'sum = ["baru", "lama"], mean = ["baru"] }'),),
        ReportFileError,
        f"{EVIDENCE}[0].row-checks[0]",
        r"a row check has exactly one of sum or mean",
    ),
    (
        "columns-missing",
        (('columns = [\n  { name = "wilayah" },', 'kolom = [\n  { name = "wilayah" },'),),
        ReportFileError,
        f"{EVIDENCE}[0].kolom",
        r"unknown field 'kolom'",
    ),
    (
        "column-not-a-table",
        (('{ name = "wilayah" }', '"wilayah"'),),
        ReportFileError,
        f"{EVIDENCE}[0].columns[0]",
        r"expected \{ name = \.\.\., kind = \.\.\. \}",
    ),
    (
        "score-column-without-scale",
        (
            (
                '{ name = "ipk", kind = "score", scale = "skala-15" }',
                '{ name = "ipk", kind = "score" }',
            ),
        ),
        InvalidValueError,
        f"{EVIDENCE}[1].columns[1].scale",
        r"column 'ipk': a score column needs a scale",
    ),
    (
        "unknown-scale",
        (('kind = "score", scale = "skala-15"', 'kind = "score", scale = "skala-16"'),),
        UnknownNameError,
        f"{EVIDENCE}[1].columns[1].scale",
        r"unknown scale 'skala-16'",
    ),
    (
        "grade-of-unknown-column",
        (('of = "ipk"', 'of = "ipkx"'),),
        UnknownNameError,
        f"{EVIDENCE}[1].columns[2].of",
        r"table 'survei' has no column 'ipkx'",
    ),
    (
        "duplicate-column",
        (('{ name = "lama", kind', '{ name = "baru", kind'),),
        InvalidValueError,
        f"{EVIDENCE}[0].columns[2]",
        r"table 'permohonan' has two columns named 'baru'",
    ),
    (
        "row-with-extra-cell",
        (('"19", "69", "75%"', '"19", "69", "75%", "x"'),),
        InvalidValueError,
        f"{EVIDENCE}[0].rows[2]",
        r"row 3 of table 'permohonan' has 7 cells but the table has 6 columns \(wilayah, baru, "
        r"lama, jumlah, capaian, tanggal\)",
    ),
    (
        "cell-not-text",
        (('["Serang", "60"', '["Serang", 60'),),
        ReportFileError,
        f"{EVIDENCE}[0].rows[0]",
        r"expected a row: a list of cells as quoted text",
    ),
    (
        "rows-not-a-list",
        ((SURVEY_ROWS, 'rows = "x"\n'),),
        ReportFileError,
        f"{EVIDENCE}[1].rows",
        r"expected a list of rows",
    ),
    (
        "table-id-not-text",
        (('id = "survei"', "id = 5"),),
        ReportFileError,
        f"{EVIDENCE}[1].id",
        r"expected a string, got an integer",
    ),
)


# A cell that does not read as its column's kind is held as printed: the file loads, and the
# audit reports a malformed figure at the cell (issue 19, item 8). Each case: name, the edits,
# the cell's field and the finding's message.
MALFORMED_CELL_CASES = (
    (
        "percent-cell-without-sign",
        (('"100", "80%"', '"100", "80"'),),
        f"{EVIDENCE}[0].rows[0][4]",
        r"table 'permohonan', row 1, capaian: '80' should be a percentage",
    ),
    (
        "impossible-date-cell",
        (('"5 Juni 2019"', '"31 Februari 2019"'),),
        f"{EVIDENCE}[0].rows[1][5]",
        r"table 'permohonan', row 2, tanggal: '31 Februari 2019' is not a real date",
    ),
    (
        "score-cell-off-its-scale",
        (('"14,15"', '"16"'),),
        f"{EVIDENCE}[1].rows[0][1]",
        r"table 'survei', row 1, ipk: 16 lies above skala-15",
    ),
)


@pytest.mark.parametrize(
    ("edits", "field", "match"),
    [c[1:] for c in MALFORMED_CELL_CASES],
    ids=[c[0] for c in MALFORMED_CELL_CASES],
)
def test_a_malformed_cell_is_a_finding_at_its_cell(
    edits: tuple[tuple[str, str], ...], field: str, match: str
) -> None:
    """The file loads as printed; the audit's malformed-figure names the cell and the reason,
    and the printed text is kept."""
    report = load(*edits)
    cells = [
        f
        for f in audit(report)
        if f.code.value == "malformed-figure" and (f.location.field or "").endswith(field)
    ]
    assert 1 == len(cells)
    assert re.search(match, cells[0].message_in("en"))
    assert cells[0].severity is Severity.ERROR
    assert cells[0].published == edits[0][1].split(", ")[-1].strip('"')


def test_load_error_cases_unique():
    """LOAD_ERROR_CASES holds no duplicate ids and no duplicate documents."""
    assert len({c[0] for c in LOAD_ERROR_CASES}) == len(LOAD_ERROR_CASES)
    assert len({doc(*c[1]) for c in LOAD_ERROR_CASES}) == len(LOAD_ERROR_CASES)


@pytest.mark.parametrize("case", LOAD_ERROR_CASES, ids=[c[0] for c in LOAD_ERROR_CASES])
def test_load_error(case):
    """Each bad document is refused with the right class and message, at the exact path."""
    _, edits, error, field, match = case
    with pytest.raises(error, match=match) as info:
        load(*edits)

    assert (SOURCE, field) == (info.value.source, info.value.field)
    assert isinstance(info.value.line, int)
    assert str(info.value).startswith(f"{SOURCE}:{info.value.line}: {field}: ")


# --- the audit ----------------------------------------------------------------------------------


def findings_of(*edits: tuple[str, str]) -> set[tuple[str, str | None]]:
    """(code, field) of every finding about DOC with ``edits``."""
    return {(f.code, f.location.field) for f in audit(load(*edits), method=METHOD, source=SOURCE)}


def only(code: str, *edits: tuple[str, str]):
    """The one finding of ``code`` about DOC with ``edits``."""
    found = [f for f in audit(load(*edits), method=METHOD, source=SOURCE) if f.code == code]
    assert 1 == len(found), found
    return found[0]


def test_consistent_report_has_no_findings():
    """DOC agrees with its evidence everywhere: totals, row checks, grades, dates, supports."""
    assert set() == findings_of()


def test_evidence_mismatch_names_the_rule_and_rows():
    """A stated realisation its rows contradict is an evidence-mismatch naming rule and rows."""
    edits = (
        (
            'target = "2 Wilayah"\nrealisation = "2 Wilayah"',
            'target = "2 Wilayah"\nrealisation = "3 Wilayah"',
        ),
    )
    finding = only("evidence-mismatch", *edits)

    assert Severity.ERROR is finding.severity
    assert (
        "the realisation is 3 but rows in permohonan where capaian >= 75% gives 2 "
        "(rows 1, 3 of permohonan)"
    ) == finding.message_in("en")
    assert (Subject("pelayanan", "wilayah"), Decimal(2), "3") == (
        finding.subject,
        finding.recomputed,
        finding.published,
    )
    assert (SOURCE, f"{INDICATORS}[2].periods.2019.realisation", "unit-indicators") == (
        finding.location.source,
        finding.location.field,
        finding.location.place,
    )
    assert {("evidence-mismatch", f"{INDICATORS}[2].periods.2019.realisation")} == findings_of(
        *edits
    )


def test_evidence_mismatch_against_the_note():
    """against = 'note' compares the number in the note: 170 in '100% (total 170 permohonan)'."""
    edits = (('realisation = "100% (total 169', 'realisation = "100% (total 170'),)
    finding = only("evidence-mismatch", *edits)

    assert (
        "the number in the realisation's note is 170 but sum of jumlah in permohonan gives 169 "
        "(all 3 rows of permohonan)"
    ) == finding.message_in("en")
    assert f"{INDICATORS}[1].periods.2019.realisation" == finding.location.field


def test_evidence_mismatch_against_a_place():
    """against a place compares the note of the realisation printed there."""
    edits = (('{ unit-yoy = "100% (total 169', '{ unit-yoy = "100% (total 1.690'),)
    finding = only("evidence-mismatch", *edits)

    assert finding.message_in("en").startswith("the number in the realisation's note is 1.690 but ")
    assert f"{INDICATORS}[1].periods.2019.printed.realisation.unit-yoy" == finding.location.field
    assert "100% (total 1.690 permohonan)" == finding.published


def test_note_without_a_number_is_not_recomputable():
    """A note that states no number cannot be compared: an info finding, not an error."""
    finding = only(
        "not-recomputable",
        ('realisation = "100% (total 169 permohonan)"', 'realisation = "100% (semua permohonan)"'),
    )
    assert Severity.INFO is finding.severity
    assert "the realisation states no number to compare with sum of jumlah in permohonan" == (
        finding.message_in("en")
    )
    assert Decimal(169) == finding.recomputed


def test_support_against_a_place_that_prints_nothing_is_not_recomputable():
    """A support against a place where the realisation is not printed has nothing to compare."""
    finding = only("not-recomputable", ('against = "unit-yoy"', 'against = "prose"'))
    assert f"{INDICATORS}[1].periods.2019" == finding.location.field


@pytest.mark.parametrize(
    ("edit", "field", "place"),
    [
        (
            ('printed = "169"', 'printed = "170"'),
            f"{EVIDENCE}[0].totals[0].printed",
            "evidence",
        ),
        (
            ('printed = "71,67%"', 'printed = "71,70%"'),
            f"{EVIDENCE}[0].totals[1].printed",
            "prose",
        ),
        (
            ('printed = "92,03"', 'printed = "92,30"'),
            f"{EVIDENCE}[1].totals[0].printed",
            "evidence",
        ),
        (('"Serang", "60"', '"Serang", "61"'), f"{EVIDENCE}[0].rows[0][3]", "evidence"),
        (('"18,76", "9,38"', '"18,76", "9,83"'), f"{EVIDENCE}[1].rows[0][4]", "evidence"),
    ],
    ids=["sum-total", "mean-total-in-prose", "converted-mean", "row-check-sum", "row-check-mean"],
)
def test_wrong_table_figures_are_mismatches(edit, field, place):
    """A printed total or computed cell off by more than rounding is a figure-mismatch there."""
    finding = only("figure-mismatch", edit)

    assert (field, place) == (finding.location.field, finding.location.place)
    assert {("figure-mismatch", field)} == findings_of(edit)


def test_table_figure_mismatch_message():
    """The mismatch of a total states what was printed and what the rows give."""
    finding = only("figure-mismatch", ('printed = "169"', 'printed = "170"'))
    assert finding.message_in("en").startswith("published 170 but the inputs give 169")
    assert (Subject("pelayanan", "permohonan"), Decimal(169)) == (
        finding.subject,
        finding.recomputed,
    )
    assert "pelayanan / permohonan" == str(finding.subject)


@pytest.mark.parametrize(
    "edit",
    [('printed = "92,03"', 'printed = "92,0"'), ('printed = "71,67%"', 'printed = "72%"')],
    ids=["one-place", "no-places"],
)
def test_totals_rounded_to_fewer_places_agree(edit):
    """A total printed at a coarser precision, rounded half-up, is no finding."""
    assert set() == findings_of(edit)


def test_derived_realisation_printed_wrongly_is_a_mismatch():
    """The printed copies of a derived realisation are compared with the derived value."""
    finding = only(
        "figure-mismatch", ('{ unit-indicators = "9,38" }', '{ unit-indicators = "9,83" }')
    )
    assert f"{INDICATORS}[0].periods.2019.printed.realisation.unit-indicators" == (
        finding.location.field
    )
    assert Decimal("9.38") == finding.recomputed


def test_grade_mismatch():
    """A grade cell whose score its grade table grades otherwise is a grade-mismatch."""
    finding = only("grade-mismatch", ('"14,15", "A"', '"14,15", "B"'))

    assert Severity.ERROR is finding.severity
    assert (f"{EVIDENCE}[1].rows[0][2]", "evidence") == (
        finding.location.field,
        finding.location.place,
    )
    assert finding.message_in("en").startswith("printed 'B' but 14,15 is A")
    assert Subject("pelayanan", "survei row 1") == finding.subject
    assert YEAR == finding.period


def test_grade_total_mismatch():
    """A printed grade of a table's mean is checked like a grade cell."""
    finding = only("grade-mismatch", ('printed = "A", grades', 'printed = "B", grades'))
    assert f"{EVIDENCE}[1].totals[1].printed" == finding.location.field
    assert Decimal("13.805") == finding.recomputed


def test_score_the_grade_table_does_not_know_is_not_gradable():
    """IPK 12,00 lies below what kemenkumham-ipk-15 knows: not-gradable, not a guess."""
    edit = ('"13,46", "B"', '"12,00", "B"')
    finding = only("not-gradable", edit)

    assert Severity.INFO is finding.severity
    assert f"{EVIDENCE}[1].rows[1][2]" == finding.location.field
    assert "kemenkumham-ipk-15 cannot grade" in finding.message_in("en")
    # the table's mean (14,15 + 12,00) / 2 = 13,075 is B and 87,17 on skala 100: both totals show it
    assert {
        ("not-gradable", f"{EVIDENCE}[1].rows[1][2]"),
        ("grade-mismatch", f"{EVIDENCE}[1].totals[1].printed"),
        ("figure-mismatch", f"{EVIDENCE}[1].totals[0].printed"),
    } == findings_of(edit)


@pytest.mark.parametrize(
    ("edit", "row", "shown"),
    [
        (('"12 Maret 2019"', '"12 Maret 2018"'), 0, "2018-03-12"),
        (("sampai 31 Desember 2019", "sampai 5 Januari 2020"), 2, "2020-01-05"),
    ],
    ids=["date-in-2018", "range-ending-in-2020"],
)
def test_date_outside_the_period_is_a_warning(edit, row, shown):
    """Evidence dated outside the reporting period is an outside-period warning at its cell."""
    finding = only("outside-period", edit)

    assert Severity.WARNING is finding.severity
    assert f"{EVIDENCE}[0].rows[{row}][5]" == finding.location.field
    assert finding.message_in("en").endswith(
        f"lies outside the reporting period Tahun Anggaran 2019 ({shown})"
    )
    assert {("outside-period", f"{EVIDENCE}[0].rows[{row}][5]")} == findings_of(edit)


# --- bugs found while writing these tests, now fixed ------------------------------------------


def test_findings_on_a_report_built_in_python_are_not_located_at_none():
    """Evidence findings on a report built in Python carry no 'None' in their field path."""
    graded = EvidenceTable(
        "survei",
        "Survei",
        [
            Column("ipk", K.SCORE, "skala-15"),
            Column("mutu", K.GRADE, None, "kemenkumham-ipk-15", "ipk"),
        ],
        [["14,15", "B"]],
    )
    (finding,) = audit(report_of(unit([plain_indicator()], (graded,))), method=METHOD)

    assert "grade-mismatch" == finding.code
    # Objects built in Python have no origin: the finding has no field path rather than a made-up
    # one, and its subject names the table and row.
    assert (None, "evidence") == (finding.location.field, finding.location.place)
    assert Subject("pelayanan", "survei row 1") == finding.subject
    assert "None" not in str(finding.location)


def test_findings_on_a_report_built_in_python_use_the_origins_given():
    """A table built in Python with an Origin is located at its cell, like a loaded one."""
    graded = EvidenceTable(
        "survei",
        "Survei",
        [
            Column("ipk", K.SCORE, "skala-15"),
            Column("mutu", K.GRADE, None, "kemenkumham-ipk-15", "ipk"),
        ],
        [["14,15", "B"]],
        origin=Origin("sheet.xlsx", "Survei", 3),
    )
    (finding,) = audit(report_of(unit([plain_indicator()], (graded,))), method=METHOD)

    assert ("sheet.xlsx", "Survei.rows[0][1]") == (
        finding.location.source,
        finding.location.field,
    )


@pytest.mark.parametrize(
    ("edit", "prefix"),
    [
        pytest.param(
            ('rule = { sum = ["jumlah"] }', 'rule = { sum = ["wilayah"] }'),
            f"{EVIDENCE}[0].totals[0].rule",
        ),
        (
            ('table = "survei"\nwhere', 'table = "survey"\nwhere'),
            f"{INDICATORS}[0].periods.2019.derive",
        ),
        (
            ('table = "permohonan", against = "note"', 'table = "x", against = "note"'),
            f"{INDICATORS}[1].periods.2019.supports[0]",
        ),
    ],
    ids=["total", "derive", "support"],
)
def test_rule_errors_in_a_file_name_the_file_path(edit, prefix):
    """A rule the tables cannot answer is refused at its path in the file."""
    with pytest.raises(LakipError) as info:
        load(edit)
    assert info.value.field is not None
    assert info.value.field.startswith(prefix)


def test_unknown_grade_table_is_located_at_grades():
    """An unknown grade-table name is refused at its 'grades' field by the report (which knows
    the tables it defines itself); columns and totals take any name."""
    assert "ipk-99" == Column("mutu", K.GRADE, grades="ipk-99", of="ipk").grades
    assert "ipk-99" == TableTotal(Rule(RuleOp.ROWS, "survei"), "A", grades="ipk-99").grades
    with pytest.raises(InvalidValueError, match="grade table's name"):
        TableTotal(Rule(RuleOp.ROWS, "survei"), "A", grades="")
    with pytest.raises(UnknownNameError) as info:
        load(('printed = "A", grades = "kemenkumham-ipk-15"', 'printed = "A", grades = "ipk-99"'))
    assert f"{EVIDENCE}[1].totals[1].grades" == info.value.field


@pytest.mark.parametrize(
    ("edit", "key"),
    [
        ((REQUEST_TOTALS, "totals = 5\n"), "totals"),
        ((REQUEST_TOTALS, 'totals = "169"\n'), "totals"),
        ((REQUEST_CHECKS, "row-checks = 5\n"), "row-checks"),
    ],
    ids=["totals-integer", "totals-string", "row-checks-integer"],
)
def test_totals_and_row_checks_not_a_list(edit, key):
    """totals and row-checks that are not lists are refused at their own path."""
    with pytest.raises(ReportFileError) as info:
        load(edit)
    assert f"{EVIDENCE}[0].{key}" == info.value.field


def test_unknown_column_kind_is_located_at_kind():
    """An unknown column kind is refused at the column's kind."""
    with pytest.raises(UnknownNameError, match=r"unknown column kind 'date'") as info:
        load(('kind = "dates"', 'kind = "date"'))
    assert f"{EVIDENCE}[0].columns[5].kind" == info.value.field


def test_nil_text_cell_meets_no_condition():
    """A text cell printed '-' or empty meets neither = nor != (docs/format.md)."""
    table = single_column(["kota", "-", "", "desa"], K.TEXT)
    rule = Rule(RuleOp.ROWS, "t", where=[where("c", "!=", "kota")])
    assert Decimal(1) == rule_value(rule, [table])


CONDITIONS = [
    where("capaian", ">=", "75"),
    where("kategori", ">=", "kota"),
    where("peserta", ">", "-"),
]
CONDITION_IDS = ["percent-without-sign", "order-on-text", "nil-threshold"]


@pytest.mark.parametrize("condition", CONDITIONS, ids=CONDITION_IDS)
def test_unit_refuses_a_condition_that_cannot_be_evaluated(condition):
    """A condition that cannot be evaluated is refused when the unit is built, like a dates one."""
    with pytest.raises(LakipError) as info:
        _unit_with("support", Rule(RuleOp.ROWS, "wilayah", where=[condition]))
    assert info.value.field is not None
    assert info.value.field.startswith(RULE_PATHS["support"])


@pytest.mark.parametrize("condition", CONDITIONS, ids=CONDITION_IDS)
def test_unit_locates_a_bad_condition_at_where(condition):
    """The refused condition is located at the support's ``where``."""
    with pytest.raises(LakipError) as info:
        _unit_with("support", Rule(RuleOp.ROWS, "wilayah", where=[condition]))
    assert f"{RULE_PATHS['support']}.where" == info.value.field


@pytest.mark.parametrize("against", ["", 5])
def test_support_refuses_an_against_that_is_not_a_name(against):
    """Support(rule, against) takes 'value', 'note' or a table id: a non-empty string."""
    with pytest.raises(InvalidValueError, match=r"against must be 'value', 'note' or a table id"):
        Support(Rule(RuleOp.ROWS, "wilayah"), against)


def test_report_refuses_a_support_against_an_undeclared_table():
    """A support against a table id is checked by the Report against its declared tables."""
    target, realisation = count(5)
    entry = IndicatorPeriod(
        YEAR, target, realisation, supports=[Support(Rule(RuleOp.ROWS, "wilayah"), "tabel")]
    )
    with pytest.raises(
        InvalidValueError, match=r"support against 'tabel': not 'value', 'note' or a declared table"
    ) as info:
        report_of(unit([Indicator("wilayah", "Wilayah", (entry,))]))
    assert "units[pelayanan].indicators[wilayah]" == info.value.field
    declared = attrs.evolve(entry, supports=[Support(Rule(RuleOp.ROWS, "wilayah"), "prose")])
    assert report_of(unit([Indicator("wilayah", "Wilayah", (declared,))])).unit("pelayanan")


def test_report_refuses_a_total_printed_in_an_undeclared_table():
    """TableTotal.place is a table id the Report declares, or None for the evidence table."""
    totals = [TableTotal(Rule(RuleOp.ROWS, "wilayah"), "5", "prosa")]
    with pytest.raises(InvalidValueError, match=r"table 'prosa' is not declared") as info:
        report_of(unit(evidence=(attrs.evolve(REGIONS, totals=totals), SURVEY)))
    assert "units[pelayanan]" == info.value.field
    for place in ("prose", None):
        fine = [TableTotal(Rule(RuleOp.ROWS, "wilayah"), "5", place)]
        report = report_of(unit(evidence=(attrs.evolve(REGIONS, totals=fine), SURVEY)))
        assert place == report.unit("pelayanan").evidence(YEAR)[0].totals[0].place
