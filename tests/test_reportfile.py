"""Tests for the report file format: loader errors, the writer, and round trips."""

from __future__ import annotations

from decimal import Decimal

import attrs
import pytest
from hypothesis import given

from lakipcore import (
    NOT_TARGETED,
    BudgetLine,
    BudgetOutput,
    FigureFormatError,
    Indicator,
    InvalidValueError,
    LakipError,
    MeasureKind,
    OfficeYear,
    Place,
    Polarity,
    PrintedFigure,
    Quantity,
    Realisation,
    Report,
    ReportedAbsorption,
    ReportFileError,
    Target,
    UnitPerformance,
    UnknownNameError,
    dump_report,
    load_example,
    load_report,
    loads_report,
    write_report,
)
from strategies import reports

SOURCE = "banten.toml"

# A valid report with one unit, one indicator and one output. It is exactly what dump_report
# writes for the report it holds (test_minimal_is_canonical), so edits to it are edits of
# writer output.
MINIMAL = """\
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

END = 'realisation = "12 Laporan"\n'
BUDGET = """\
[units.years.2019.budget]
programme = "Dukungan Manajemen"

[[units.years.2019.budget.outputs]]
name = "Gaji"
pagu = "1.000"
realisation = "900"
"""
OUTPUT = """\
[[units.years.2019.budget.outputs]]
name = "Gaji"
pagu = "1.000"
realisation = "900"
"""


def minimal_toml(*edits: tuple[str, str]) -> str:
    """MINIMAL with each (old, new) edit applied; ``old`` must occur exactly once."""
    text = MINIMAL
    for old, new in edits:
        assert 1 == text.count(old), f"edit target {old!r} is not unique in the document"
        text = text.replace(old, new)
    return text


def appended(extra: str) -> tuple[str, str]:
    """An edit adding ``extra`` at the end of the document (inside the indicator's year)."""
    return (END, END + extra)


def minimal_report() -> Report:
    """The Report that MINIMAL holds, built by hand."""
    laporan = {"unit": "Laporan"}
    indicator = Indicator(
        "ikm",
        "Indeks kepuasan",
        Target(MeasureKind.COUNT, Decimal(12), **laporan),
        Realisation(MeasureKind.COUNT, Decimal(12), **laporan),
    )
    line = BudgetLine("Dukungan Manajemen", [BudgetOutput("Gaji", Decimal(1000), Decimal(900))])
    unit = UnitPerformance("sekjen", "Sekjen", 2019, [indicator], line)
    return Report("Kanwil Banten", OfficeYear(2019, [unit]))


# id, edits, error class, field (None: the whole file), message regex
LOAD_ERROR_CASES = (
    (
        "toml-syntax",
        (("[[units]]\n", "[[units]\n"),),
        ReportFileError,
        None,
        r"not valid TOML: .*line 7",
    ),
    (
        "unknown-top-key",
        (("schema = 1\n", "schema = 1\nshema = 1\n"),),
        ReportFileError,
        "shema",
        r"unknown field 'shema'; expected one of methods, office, report, schema, units",
    ),
    (
        "unknown-report-key",
        (("year = 2019", "yaer = 2019"),),
        ReportFileError,
        "report.yaer",
        r"unknown field 'yaer'",
    ),
    (
        "unknown-unit-key",
        (('name = "Sekjen"', 'nmae = "Sekjen"'),),
        ReportFileError,
        "units[0].nmae",
        r"unknown field 'nmae'; expected one of code, indicators, name, years",
    ),
    (
        "unknown-indicator-key",
        (('name = "Indeks kepuasan"', 'nama = "Indeks kepuasan"'),),
        ReportFileError,
        "units[0].indicators[0].nama",
        r"unknown field 'nama'; expected one of code, formula, goal, name, polarity, years",
    ),
    (
        "unknown-indicator-year-key",
        ((END, 'realisasi = "12 Laporan"\n'),),
        ReportFileError,
        "units[0].indicators[0].years.2019.realisasi",
        r"unknown field 'realisasi'; expected one of derive, printed, realisation, scale, "
        r"supports, target",
    ),
    (
        "unknown-budget-key",
        (("programme =", "programe ="),),
        ReportFileError,
        "units[0].years.2019.budget.programe",
        r"unknown field 'programe'; expected one of outputs, printed, programme",
    ),
    (
        "unknown-output-key",
        (('pagu = "1.000"', 'pagu = "1.000"\npgu = "1"'),),
        ReportFileError,
        "units[0].years.2019.budget.outputs[0].pgu",
        r"unknown field 'pgu'",
    ),
    (
        "float-target",
        (('target = "12 Laporan"', "target = 98.75"),),
        ReportFileError,
        "units[0].indicators[0].years.2019.target",
        r"expected a string, got a float; "
        r'write numbers as quoted strings as printed, e\.g\. "98,75%"',
    ),
    (
        "integer-realisation",
        ((END, "realisation = 12\n"),),
        ReportFileError,
        "units[0].indicators[0].years.2019.realisation",
        r'expected a string, got an integer; .*"98,75%"',
    ),
    (
        "integer-pagu",
        (('pagu = "1.000"', "pagu = 1000"),),
        ReportFileError,
        "units[0].years.2019.budget.outputs[0].pagu",
        r'got an integer; .*"98,75%"',
    ),
    (
        "list-target",
        (('target = "12 Laporan"', 'target = ["12"]'),),
        ReportFileError,
        "units[0].indicators[0].years.2019.target",
        r"expected a string, got list",
    ),
    (
        "point-target",
        (('target = "12 Laporan"', 'target = "7.1"'),),
        FigureFormatError,
        "units[0].indicators[0].years.2019.target",
        r"'7\.1' is not a figure.*'7,1' if a decimal was meant, or '71'",
    ),
    (
        "point-realisation",
        ((END, 'realisation = "104.30%"\n'),),
        FigureFormatError,
        "units[0].indicators[0].years.2019.realisation",
        r"'104,30'",
    ),
    (
        "duplicate-indicator",
        (
            appended(
                '\n[[units.indicators]]\ncode = "ikm"\nname = "Lagi"\n'
                '\n[units.indicators.years.2019]\ntarget = "1"\nrealisation = "1"\n'
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
        "unknown-indicator-year",
        (("[units.indicators.years.2019]", "[units.indicators.years.2020]"),),
        ReportFileError,
        "units[0].indicators[0].years.2020",
        r"unknown year '2020'; this report has 2019",
    ),
    (
        "non-numeric-year",
        (("[units.indicators.years.2019]", "[units.indicators.years.tahun]"),),
        ReportFileError,
        "units[0].indicators[0].years.tahun",
        r"unknown year 'tahun'",
    ),
    (
        "unknown-method",
        (("year = 2019\n", 'year = 2019\n\n[methods]\n2019 = "banten-2091"\n'),),
        UnknownNameError,
        "methods.2019",
        r"unknown scoring method 'banten-2091'",
    ),
    (
        "unknown-method-year",
        (("year = 2019\n", 'year = 2019\n\n[methods]\n2018 = "banten-2018"\n'),),
        ReportFileError,
        "methods.2018",
        r"unknown year '2018'; this report has 2019",
    ),
    (
        "unknown-quantity",
        (appended('printed.capaiann = { unit-indicators = "100%" }\n'),),
        UnknownNameError,
        "units[0].indicators[0].years.2019.printed.capaiann",
        r"unknown quantity 'capaiann'; expected one of 'target', ",
    ),
    (
        "unknown-place",
        (appended('printed.capaian = { unit-indicatorz = "100%" }\n'),),
        UnknownNameError,
        "units[0].indicators[0].years.2019.printed.capaian.unit-indicatorz",
        r"unknown place 'unit-indicatorz'; expected one of 'summary-indicators', ",
    ),
    (
        "unknown-office-quantity",
        (
            (
                "[[units]]\n",
                '[office.years.2019.printed]\nachievment = { summary-dashboard = "133,51%" }\n'
                "\n[[units]]\n",
            ),
        ),
        UnknownNameError,
        "office.years.2019.printed.achievment",
        r"unknown quantity 'achievment'",
    ),
    (
        "quantity-not-printed-here",
        (appended('printed.pagu = { unit-indicators = "1.000" }\n'),),
        ReportFileError,
        "units[0].indicators[0].years.2019.printed.pagu",
        r"'pagu' is not printed here; "
        r"expected capaian, capaian-yoy, realisation, relative-change, target",
    ),
    (
        "printed-not-text",
        (appended("printed.capaian = { unit-indicators = 100 }\n"),),
        ReportFileError,
        "units[0].indicators[0].years.2019.printed.capaian.unit-indicators",
        r"expected the printed text, or a list of texts",
    ),
    (
        "missing-realisation",
        ((END, ""),),
        ReportFileError,
        "units[0].indicators[0].years.2019.realisation",
        r"missing field; a targeted indicator needs its realisation",
    ),
    (
        "realisation-not-targeted",
        (('target = "12 Laporan"', 'target = "Tidak ditargetkan"'),),
        ReportFileError,
        "units[0].indicators[0].years.2019.realisation",
        r"a not-targeted year \('Tidak ditargetkan'\) has no realisation",
    ),
    (
        "scale-not-targeted",
        (('target = "12 Laporan"', 'target = "Tidak ditargetkan"'), (END, 'scale = "10"\n')),
        ReportFileError,
        "units[0].indicators[0].years.2019.scale",
        r"has no scale",
    ),
    (
        "percent-target-count-realisation",
        (('target = "12 Laporan"', 'target = "80%"'),),
        ReportFileError,
        "units[0].indicators[0].years.2019.realisation",
        r"a percent target \('80%'\) needs a percent realisation, got '12 Laporan'",
    ),
    (
        "rupiah-target",
        (('target = "12 Laporan"', 'target = "Rp 12"'),),
        ReportFileError,
        "units[0].indicators[0].years.2019.target",
        r"'Rp 12' is an amount of money, not an indicator value",
    ),
    (
        "percent-index",
        (
            ('target = "12 Laporan"', 'target = "80%"'),
            (END, 'realisation = "90%"\nscale = "100"\n'),
        ),
        ReportFileError,
        "units[0].indicators[0].years.2019.target",
        r"'80%' is a percentage; an index has no '%'",
    ),
    (
        "scale-with-unit",
        (
            ('target = "12 Laporan"', 'target = "7,1"'),
            (END, 'realisation = "9,38"\nscale = "10 poin"\n'),
        ),
        ReportFileError,
        "units[0].indicators[0].years.2019.scale",
        r'a scale is a bare number such as "10"',
    ),
    (
        "count-fraction",
        (('target = "12 Laporan"', 'target = "7,1"'), (END, 'realisation = "9,38"\n')),
        InvalidValueError,
        "units[0].indicators[0].years.2019.target",
        r"a count target must be a whole number, got 7\.1; .*index with a scale",
    ),
    (
        "index-above-scale",
        (
            ('target = "12 Laporan"', 'target = "7,1"'),
            (END, 'realisation = "10,5"\nscale = "10"\n'),
        ),
        InvalidValueError,
        "units[0].indicators[0].years.2019.realisation",
        r"realisation 10\.5 lies above the top of its scale 10",
    ),
    (
        "negative-target",
        (('target = "12 Laporan"', 'target = "-1"'), (END, 'realisation = "1"\n')),
        InvalidValueError,
        "units[0].indicators[0].years.2019.target",
        r"target must not be negative, got -1",
    ),
    (
        "negative-pagu",
        (('pagu = "1.000"', 'pagu = "-1.000"'),),
        ReportFileError,
        "units[0].years.2019.budget.outputs[0].pagu",
        r"pagu must not be negative, got '-1\.000'",
    ),
    (
        "percent-pagu",
        (('pagu = "1.000"', 'pagu = "10%"'),),
        ReportFileError,
        "units[0].years.2019.budget.outputs[0].pagu",
        r"'10%' should be an amount in Rupiah",
    ),
    (
        "no-outputs",
        ((OUTPUT, ""),),
        InvalidValueError,
        "units[0].years.2019.budget.outputs",
        r"programme 'Dukungan Manajemen' needs at least one output",
    ),
    (
        "absorption-not-percent",
        ((BUDGET, '[units.years.2019.budget]\nabsorption = "99,52"\n'),),
        ReportFileError,
        "units[0].years.2019.budget.absorption",
        r"an absorption rate is a percentage",
    ),
    (
        "indicators-without-year-block",
        ((BUDGET, ""),),
        ReportFileError,
        "units[0].years.2019",
        r"the unit has indicators in 2019 but no year block",
    ),
    (
        "year-block-without-budget",
        ((BUDGET, '[units.years.2019.printed]\nachievement = { unit-dashboard = "100%" }\n'),),
        ReportFileError,
        "units[0].years.2019.budget",
        r": missing table$",
    ),
    (
        "indicator-without-years",
        (('[units.indicators.years.2019]\ntarget = "12 Laporan"\n' + END, ""),),
        ReportFileError,
        "units[0].indicators[0].years",
        r"an indicator needs at least one year block",
    ),
    (
        "no-units",
        (("[[units]]", "[units]"),),
        ReportFileError,
        "units",
        r"expected an array of tables \(\[\[\.\.\.\]\]\)",
    ),
    (
        "schema-2",
        (("schema = 1", "schema = 2"),),
        ReportFileError,
        "schema",
        r"unsupported schema 2; this lakipcore reads 1",
    ),
    (
        "schema-missing",
        (("schema = 1\n", ""),),
        ReportFileError,
        "schema",
        r": missing field$",
    ),
    (
        "year-boolean",
        (("year = 2019", "year = true"),),
        ReportFileError,
        "report.year",
        r"expected an integer, got a boolean",
    ),
    (
        "office-missing",
        (('office = "Kanwil Banten"\n', ""),),
        ReportFileError,
        "report.office",
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
    (
        "previous-year-not-before",
        (("year = 2019\n", "year = 2019\nprevious_year = 2019\n"),),
        InvalidValueError,
        "report.previous_year",
        r"the previous year 2019 must come before 2019",
    ),
)


def test_load_error_cases_unique():
    """LOAD_ERROR_CASES holds no duplicate ids and no duplicate documents."""
    assert len({c[0] for c in LOAD_ERROR_CASES}) == len(LOAD_ERROR_CASES)
    assert len({minimal_toml(*c[1]) for c in LOAD_ERROR_CASES}) == len(LOAD_ERROR_CASES)


def test_minimal_loads():
    """The unedited document is valid and holds the intended report (so edits cause the errors)."""
    assert minimal_report() == loads_report(minimal_toml(), source=SOURCE)


def test_minimal_is_canonical():
    """dump_report writes the minimal report back as exactly the minimal document."""
    assert MINIMAL == dump_report(loads_report(MINIMAL))


@pytest.mark.parametrize("case", LOAD_ERROR_CASES, ids=[c[0] for c in LOAD_ERROR_CASES])
def test_load_error(case):
    """Each bad document is refused with the right error class and message, at the exact path."""
    _, edits, error, field, match = case
    with pytest.raises(error, match=match) as info:
        loads_report(minimal_toml(*edits), source=SOURCE)

    assert isinstance(info.value, LakipError)
    assert (SOURCE, field) == (info.value.source, info.value.field)


@pytest.mark.parametrize("case", LOAD_ERROR_CASES, ids=[c[0] for c in LOAD_ERROR_CASES])
def test_load_error_str(case):
    """str() of each error is 'source: field: message', the form editors and CI logs read."""
    _, edits, error, field, _ = case
    with pytest.raises(error) as info:
        loads_report(minimal_toml(*edits), source=SOURCE)

    prefix = SOURCE if field is None else f"{SOURCE}: {field}"
    assert str(info.value).startswith(prefix + ": ")


def test_previous_year_after_current_is_named():
    """A previous_year later than the report year is refused at report.previous_year."""
    text = minimal_toml(("year = 2019\n", "year = 2019\nprevious_year = 2020\n"))

    with pytest.raises(InvalidValueError, match="previous year 2020 must come before 2019") as info:
        loads_report(text, source=SOURCE)
    assert (SOURCE, "report.previous_year") == (info.value.source, info.value.field)


def test_loader_accepts_what_the_format_allows():
    """Realisasi above pagu, 'Rp' amounts, printed lists and a previous year all load."""
    text = minimal_toml(
        ("year = 2019\n", "year = 2019\nprevious_year = 2018\n"),
        ('pagu = "1.000"\nrealisation = "900"', 'pagu = "Rp 1.000"\nrealisation = "1.200"'),
        appended(
            'printed.capaian = { unit-indicators = "100%", prose = ["100%", "100,00%"] }\n'
            "\n[units.years.2018.budget]\n"
            'absorption = "99,52%"\n'
            "\n[units.indicators.years.2018]\n"
            'target = "Tidak ditargetkan"\n'
        ),
    )
    # The 2018 blocks refer to the unit and indicator already open, as TOML allows.
    report = loads_report(text, source=SOURCE)
    unit_2019 = report.current.unit("sekjen")
    unit_2018 = report.previous.unit("sekjen")

    assert (Decimal(1000), Decimal(1200)) == (unit_2019.budget.pagu, unit_2019.budget.realisation)
    assert ReportedAbsorption(Decimal("99.52")) == unit_2018.budget
    assert NOT_TARGETED is unit_2018.indicator("ikm").target
    printed = unit_2019.indicator("ikm").printed
    assert ["100%", "100%", "100,00%"] == [p.text for p in printed]
    assert [
        "units[0].indicators[0].years.2019.printed.capaian.unit-indicators",
        "units[0].indicators[0].years.2019.printed.capaian.prose[0]",
        "units[0].indicators[0].years.2019.printed.capaian.prose[1]",
    ] == [p.field for p in printed]


def test_loader_keeps_printed_text_verbatim():
    """A malformed printed figure ('104.30%') is kept as text, not refused at load time."""
    report = loads_report(minimal_toml(appended('printed.capaian = { prose = "104.30%" }\n')))
    (printed,) = report.current.units[0].indicators[0].printed

    assert PrintedFigure(Quantity.CAPAIAN, Place.PROSE, "104.30%") == printed
    with pytest.raises(FigureFormatError, match="'104,30'") as info:
        printed.figure()
    assert "units[0].indicators[0].years.2019.printed.capaian.prose" == info.value.field


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
    indicator = report.current.units[0].indicators[0]

    assert Target(MeasureKind.INDEX, Decimal("7.1"), scale=Decimal(10)) == indicator.target
    assert Realisation(MeasureKind.INDEX, Decimal("9.38"), scale=Decimal(10)) == (
        indicator.realisation
    )
    assert (Polarity.LOWER_IS_BETTER, "inverse-ratio") == (
        indicator.polarity,
        indicator.formula.value,
    )


def test_example():
    """The shipped example holds the 2019 report of 9 units with 2018 comparatives for 9 units."""
    report = load_example()

    assert (2019, 2018) == (report.current.year, report.previous.year)
    assert (9, 9) == (len(report.current.units), len(report.previous.units))
    assert "Kantor Wilayah Kementerian Hukum dan HAM Banten" == report.office
    assert ("banten-2019", "banten-2018") == (report.current.method, report.previous.method)


def test_example_contents():
    """Spot checks of the example: an index on skala 10, a rate-only 2018 budget, not-targeted."""
    report = load_example()
    sekjen = report.current.unit("sekjen")
    ikm = sekjen.indicator("sekjen-ikm-internal")

    assert Target(MeasureKind.INDEX, Decimal("7.1"), scale=Decimal(10)) == ikm.target
    assert NOT_TARGETED is report.previous.unit("sekjen").indicator("sekjen-ikm-internal").target
    assert ReportedAbsorption(Decimal("99.52")) == report.previous.unit("sekjen").budget
    assert Decimal("145296000") == sekjen.budget.outputs[0].pagu
    assert any(
        i.polarity is Polarity.LOWER_IS_BETTER for u in report.current.units for i in u.indicators
    )
    unit_yoy = [
        p.text
        for p in sekjen.printed
        if p.quantity is Quantity.ACHIEVEMENT and p.place is Place.UNIT_YOY
    ]
    assert ["114,48%"] == unit_yoy  # the report's own inconsistency is kept


def test_example_round_trip():
    """dump_report → loads_report gives back an equal example, and dumping again is stable."""
    report = load_example()
    text = dump_report(report)
    again = loads_report(text, source="dumped.toml")

    assert report == again
    assert text == dump_report(again)


@given(reports())
def test_round_trip(report):
    """dump_report → loads_report gives an equal report, and the text is stable on a second dump."""
    text = dump_report(report)
    again = loads_report(text)

    assert report == again
    assert text == dump_report(again)


def test_dump_escapes_strings():
    """Names with quotes, backslashes, newlines and DEL survive the TOML writer."""
    report = attrs.evolve(minimal_report(), office='Kanwil "Banten"\\\n\t\x7f\x00 ü')

    assert report == loads_report(dump_report(report))


def test_dump_refuses_names_that_differ_between_years():
    """The file holds one unit name for all years; a report whose years disagree is refused."""
    current = minimal_report().current
    renamed = attrs.evolve(current.units[0], name="Sekjen baru", year=2018)
    report = Report("Kanwil", current, OfficeYear(2018, [renamed]))

    with pytest.raises(InvalidValueError, match="one unit name for all years") as info:
        dump_report(report)
    assert "unit name" == info.value.field


def test_round_trip_uses_one_unit_order():
    """The file lists units once: a previous year in another order comes back in the file's.

    docs/format.md documents this: the order is the current year's, then units of the previous
    year only. Everything else about the year is kept.
    """
    unit = minimal_report().current.units[0]
    other = attrs.evolve(unit, code="ahu", name="AHU")

    def year(y, units):
        return OfficeYear(y, [attrs.evolve(u, year=y) for u in units])

    report = Report("K", year(2019, [unit, other]), year(2018, [other, unit]))

    reloaded = loads_report(dump_report(report))
    assert report.current == reloaded.current
    assert reloaded.previous is not None
    assert ["sekjen", "ahu"] == [u.code for u in reloaded.previous.units]
    assert report.previous == attrs.evolve(reloaded.previous, units=reloaded.previous.units[::-1])


def test_write_and_load_report(tmp_path):
    """write_report writes UTF-8 text that load_report reads back equal."""
    path = tmp_path / "laporan.toml"
    report = attrs.evolve(minimal_report(), title="Laporan Kinerja — Banten ü")

    write_report(report, path)

    assert dump_report(report) == path.read_text(encoding="utf-8")
    assert report == load_report(path)
    assert report == load_report(str(path))


def test_load_report_errors_name_the_path(tmp_path):
    """An error in a file on disk names the file's path as its source."""
    path = tmp_path / "rusak.toml"
    path.write_text(minimal_toml(("schema = 1", "schema = 2")), encoding="utf-8")

    with pytest.raises(ReportFileError, match="unsupported schema 2") as info:
        load_report(path)
    assert (str(path), "schema") == (info.value.source, info.value.field)
    assert str(info.value).startswith(f"{path}: schema: ")


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
    assert str(info.value).startswith("<string>: not valid TOML: ")
