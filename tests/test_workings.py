"""Workings: the fraction a report prints beside a realisation or a capaian (``169/169 x 100%
= 100%``), kept with the figure in the file and recomputed by the audit (issue 19, item 3)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from lakipcore import LakipError, ReportFileError, dump_report, loads_report
from lakipcore.audit import FindingCode, audit
from lakipcore.audit.workings import parse_working
from lakipcore.errors import FigureFormatError, ZeroDenominatorError
from lakipcore.model import PrintedFigure, Quantity, Report
from lakipcore.notation import Notation

SOURCE = "rumus.toml"
ENTRY = "units[0].indicators[0].periods.2019"

# 169 requests of 169 were served: 100 %, against a target of 80 %: capaian 125 %.
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
id = "prose"
kind = "prose"
title = "Uraian"

[office]
code = "kanwil"
name = "Kanwil Banten"

[[units]]
code = "pelayanan"
name = "Divisi Pelayanan Hukum"

[[units.indicators]]
code = "ki"
name = "Persentase permohonan yang dilayani"

[units.indicators.periods.2019]
target = "80%"
realisation = "100%"
printed.realisation = { prose = { text = "100%", working = "169/169 x 100% = 100%" } }
printed.capaian = { unit-indicators = { text = "125%", working = "100% / 80% × 100%" } }
"""


def load(*edits: tuple[str, str]) -> Report:
    """The report of DOC with each (old, new) edit applied (``old`` occurs once)."""
    text = DOC
    for old, new in edits:
        assert 1 == text.count(old), f"edit target {old!r} is not unique"
        text = text.replace(old, new)
    return loads_report(text, source=SOURCE)


# --- reading a working --------------------------------------------------------------------------

PARSED = (
    ("spaced", "1 / 1 × 100 %", Notation.INDONESIAN, ("1", "1", True, None), Decimal(100)),
    ("tight", "169/169 x 100% = 100%", Notation.INDONESIAN, ("169", "169", True, "100"), 100),
    ("capital-x", "3 / 4 X 100", Notation.INDONESIAN, ("3", "4", True, None), Decimal(75)),
    ("no-factor", "1 / 4 = 0,25", Notation.INDONESIAN, ("1", "4", False, "0.25"), Decimal("0.25")),
    ("percents", "75% / 80% × 100%", Notation.INDONESIAN, ("75", "80", True, None), "93.75"),
    ("labels", "12 Laporan / 16 Laporan × 100%", Notation.INDONESIAN, ("12", "16", True, None), 75),
    ("grouped", "1.250 / 2.500 × 100%", Notation.INDONESIAN, ("1250", "2500", True, None), 50),
    (
        "decimal-point",
        "1,250 / 2,500 x 100%",
        Notation.DECIMAL_POINT,
        ("1250", "2500", True, None),
        50,
    ),
    ("decimal-comma", "2,5 / 10 × 100%", Notation.INDONESIAN, ("2.5", "10", True, None), 25),
)


@pytest.mark.parametrize(
    ("text", "notation", "parts", "value"), [c[1:] for c in PARSED], ids=[c[0] for c in PARSED]
)
def test_parse_working(text: str, notation: Notation, parts: tuple, value: object) -> None:
    """numerator / denominator [× 100 [%]] [= result], each number in the report's notation."""
    working = parse_working(text, notation=notation)
    numerator, denominator, hundred, result = parts
    assert Decimal(numerator) == working.numerator.value
    assert Decimal(denominator) == working.denominator.value
    assert hundred == working.hundred
    assert (None if result is None else Decimal(result)) == (
        None if working.result is None else working.result.value
    )
    assert Decimal(str(value)) == working.value


MALFORMED = (
    ("no-fraction", "169 × 100%"),
    ("two-slashes", "1 / 2 / 3"),
    ("two-results", "1 / 1 = 1 = 1"),
    ("other-factor", "1 / 2 × 1000"),
    ("wrong-notation", "1.5 / 2 × 100%"),
    ("empty-numerator", " / 2"),
    ("word", "seluruh / 169"),
)


@pytest.mark.parametrize("text", [c[1] for c in MALFORMED], ids=[c[0] for c in MALFORMED])
def test_parse_working_refuses(text: str) -> None:
    """Anything else is a FigureFormatError naming the field it was read from."""
    with pytest.raises(FigureFormatError) as info:
        parse_working(text, field="printed.capaian.t.working")
    assert "printed.capaian.t.working" == info.value.field


def test_a_zero_denominator_has_no_value() -> None:
    """0 / 0 reads, but has no value."""
    with pytest.raises(ZeroDenominatorError, match="divides by zero"):
        _ = parse_working("0 / 0 × 100%").value


# --- the file -----------------------------------------------------------------------------------


def test_the_file_keeps_the_working_with_its_figure() -> None:
    """``{ text, working }`` is a printed figure with its working; the notation is its table's."""
    entry = load().unit("pelayanan").indicator("ki").at("2019")
    assert entry is not None
    realisation, capaian = entry.printed
    assert (
        PrintedFigure(Quantity.REALISATION, "prose", "100%", working="169/169 x 100% = 100%")
        == realisation
    )
    assert "100% / 80% × 100%" == capaian.working
    assert Notation.INDONESIAN is capaian.notation


def test_round_trip() -> None:
    """dump_report → loads_report is equal; the writer writes the working as read."""
    report = load()
    text = dump_report(report)
    assert report == loads_report(text)
    assert '{ text = "125%", working = "100% / 80% × 100%" }' in text


def test_round_trip_with_a_notation_too() -> None:
    """A figure stating its notation and a working keeps both."""
    report = load(
        ('{ text = "125%", working', '{ text = "125.00%", notation = "decimal-point", working')
    )
    text = dump_report(report)
    assert 'notation = "decimal-point", working = "100% / 80% × 100%"' in text
    assert report == loads_report(text)


def test_workbook_round_trip(tmp_path) -> None:
    """lakipcore's workbook carries the working in a column of the printed sheet."""
    pytest.importorskip("openpyxl")
    from lakipcore import assess
    from lakipcore.excel import read_workbook, write_workbook

    report = load()
    path = write_workbook(assess(report), tmp_path / "rumus.xlsx")
    assert report == read_workbook(path)


@pytest.mark.parametrize(
    ("old", "new", "field", "message"),
    [
        (
            '{ text = "125%", working = "100% / 80% × 100%" }',
            '{ text = "125%" }',
            f"{ENTRY}.printed.capaian.unit-indicators.notation",
            "missing field",
        ),
        (
            'working = "100% / 80% × 100%"',
            'rumus = "100% / 80% × 100%"',
            f"{ENTRY}.printed.capaian.unit-indicators.rumus",
            "unknown field 'rumus'; expected one of notation, text, working",
        ),
        (
            'working = "100% / 80% × 100%"',
            "working = 1.25",
            f"{ENTRY}.printed.capaian.unit-indicators.working",
            "expected a string, got a float",
        ),
    ],
)
def test_the_file_refuses(old: str, new: str, field: str, message: str) -> None:
    """A figure table without notation or working, an unknown key or a non-text working."""
    with pytest.raises(LakipError, match=message) as info:
        load((old, new))
    error = info.value
    errors = error.errors if isinstance(error, ReportFileError) else [error]
    assert field in [e.field for e in errors]


# --- the audit ----------------------------------------------------------------------------------


def _workings(report: Report) -> list[tuple[str, str | None]]:
    return [
        (f.code, f.location.field)
        for f in audit(report)
        if f.code in (FindingCode.WORKING_MISMATCH, FindingCode.MALFORMED_FIGURE)
    ]


CAPAIAN = f"{ENTRY}.printed.capaian.unit-indicators.working"
PROSE = f"{ENTRY}.printed.realisation.prose.working"

AUDITED = (
    ("agree", (), []),
    ("at-printed-precision", (("100% / 80%", "2 / 3"), ('"125%"', '"66,67%"')), "unscored"),
    ("figure-disagrees", (("100% / 80%", "100% / 90%"),), [("working-mismatch", CAPAIAN)]),
    ("result-disagrees", (("= 100%", "= 99%"),), [("working-mismatch", PROSE)]),
    ("both-disagree", (("169/169", "168/169"),), [("working-mismatch", PROSE)] * 2),
    ("zero", (("169/169", "0/0"),), [("working-mismatch", PROSE)]),
    ("malformed", (("169/169 x 100%", "169 x 100%"),), [("malformed-figure", PROSE)]),
    ("no-factor", (("100% / 80% × 100%", "100% / 80%"),), [("working-mismatch", CAPAIAN)]),
)


@pytest.mark.parametrize(
    ("edits", "expected"), [c[1:] for c in AUDITED], ids=[c[0] for c in AUDITED]
)
def test_audit_recomputes_workings(edits: tuple, expected: object) -> None:
    """A working must give the figure beside it and its own stated result, at their printed
    precision; each disagreement is a finding at the working."""
    report = load(*edits)
    if expected == "unscored":  # 2 / 3 = 66,666… % printed as 66,67 %: the working agrees
        assert [] == [c for c, _ in _workings(report) if c == "working-mismatch"]
        return
    assert expected == _workings(report)


def test_a_mismatch_says_what_the_working_gives() -> None:
    """The message quotes the working, its value and the figure; the finding carries them."""
    report = load(("100% / 80%", "100% / 90%"))
    (finding,) = [f for f in audit(report) if f.code == FindingCode.WORKING_MISMATCH]
    assert "the working '100% / 90% × 100%' gives 111,11, but the figure beside it is 125%" == str(
        finding.text
    )
    assert "100% / 90% × 100%" == finding.published
    assert "unit-indicators" == finding.location.place
    assert finding.recomputed is not None
    assert Decimal("111.11") == round(finding.recomputed, 2)


def test_working_mismatch_is_appended_after_the_earlier_codes() -> None:
    """The code was appended: the codes before it keep their order."""
    codes = list(FindingCode)
    assert codes.index(FindingCode.WORKING_MISMATCH) == codes.index(FindingCode.NOT_REPORTED) + 1
    assert FindingCode.WORKING_MISMATCH.severity.value == "error"


def test_the_json_schema_describes_workings() -> None:
    """The report schema accepts a figure with a working and refuses one with neither."""
    import tomllib

    jsonschema = pytest.importorskip("jsonschema")
    from lakipcore.schemas import load_schema

    validator = jsonschema.Draft202012Validator(load_schema("report"))
    assert [] == list(validator.iter_errors(tomllib.loads(DOC)))
    bare = DOC.replace(', working = "100% / 80% × 100%"', "")
    assert list(validator.iter_errors(tomllib.loads(bare)))
