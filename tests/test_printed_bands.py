"""Bad printed data is audited, not refused (issue 19, item 8).

A report file's grade table is loaded as printed: bands that overlap by a typo ("65,00–76,66"
then "76,61–88,30", after PermenPAN-RB 14/2017's IKM table), bands out of order and gaps the
table does not say how to read are findings at the band, while the same bands built in Python
are still refused. A score the defects leave without exactly one grade gets none, with the
reason. A printed total that is not what its rows give, and a figure in the wrong notation,
are findings too, never load errors.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import lakipcore
from lakipcore import dump_report, loads_report
from lakipcore.audit import Severity, audit
from lakipcore.cli import main
from lakipcore.errors import InvalidValueError
from lakipcore.render import score_to_dict
from lakipcore.surveys import Band, BandDefectKind, GapReading, GradeTable
from test_evidence import EVIDENCE, INDICATORS, findings_of
from test_grade_tables import GUNUNG_KALER, _graded, _with_predikat

SOURCE = "laporan.toml"
BAND_CODES = {"overlapping-grade-bands", "grade-band-gap", "grade-bands-out-of-order"}


def _tables(bands: str, gaps: str | None = None, name: str = "t") -> str:
    """A ``[grades.NAME]`` table with ``bands`` (one inline table a line) and ``gaps``."""
    head = f'[grades.{name}]\nsource = "as printed"\n'
    if gaps is not None:
        head += f'gaps = "{gaps}"\n'
    return f"{head}bands = [\n{bands}]\n\n"


def _report_text(tables: str) -> str:
    """The Gunung Kaler report with ``tables`` defined (and grading nothing)."""
    return GUNUNG_KALER.replace("\n[[periods]]", "\n" + tables + "[[periods]]", 1)


def _line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


# id, gaps, bands as printed, expected (code, band index) findings, the Python API's error
CASES = (
    (
        "overlap-by-a-typo",
        "round-to-band",  # printed one hundredth apart, read as the table says
        """\
  { from = "25,00", to = "64,99", letter = "D" },
  { from = "65,00", to = "76,66", letter = "C" },
  { from = "76,61", to = "88,30", letter = "B" },
  { from = "88,31", to = "100,00", letter = "A" },
""",
        {("overlapping-grade-bands", 2)},
        r"bands overlap: bands\[1\] 'C' \[65\.00, 76\.66\] and bands\[2\] 'B' \[76\.61, 88\.30\] "
        r"\(both cover 76\.61–76\.66\)",
    ),
    (
        "touching-both-included",
        None,
        """\
  { from = "0", to = "50", letter = "Kurang" },
  { from = "50", to = "100", letter = "Baik" },
""",
        {("overlapping-grade-bands", 1)},
        r"bands overlap: .* \(both include 50\)",
    ),
    (
        "one-band-inside-another",
        None,
        """\
  { from = "0", to = "100", letter = "Baik" },
  { from = "40", to = "60", letter = "Cukup" },
""",
        {("overlapping-grade-bands", 1)},
        r"bands overlap: .* \(both cover 40–60\)",
    ),
    (
        "gaps-one-unit-apart-under-refuse",
        None,  # the default: "refuse"
        """\
  { to = "50%", letter = "Sangat Kurang" },
  { from = "51%", to = "65%", letter = "Kurang" },
  { from = "66%", to = "75%", letter = "Cukup" },
  { from = "76%", to = "90%", letter = "Baik" },
  { from = "91%", to = "100%", letter = "Sangat Baik" },
""",
        {
            ("grade-band-gap", 1),
            ("grade-band-gap", 2),
            ("grade-band-gap", 3),
            ("grade-band-gap", 4),
        },
        r"gap between bands: bands\[0\] 'Sangat Kurang' \[0, 50\] and bands\[1\] 'Kurang' "
        r"\[51, 65\] leave \(50, 51\) without a grade",
    ),
    (
        "a-point-both-bands-leave-out",
        "refuse",
        """\
  { from = "0", to = "50", letter = "Kurang", to-inclusive = false },
  { from = "50", to = "100", letter = "Baik", from-inclusive = false },
""",
        {("grade-band-gap", 1)},
        r"gap between bands: .* both leave out 50, so it gets no grade",
    ),
    (
        "printed-from-the-highest-down",
        None,
        """\
  { from = "88,31", to = "100", letter = "A" },
  { from = "76,61", to = "88,31", letter = "B", to-inclusive = false },
  { from = "65", to = "76,61", letter = "C", to-inclusive = false },
""",
        {("grade-bands-out-of-order", 1), ("grade-bands-out-of-order", 2)},
        r"bands are not in ascending order: bands\[0\] 'A' \[88\.31, 100\] and bands\[1\] 'B'",
    ),
    (
        "one-band-out-of-place",
        None,
        """\
  { from = "0", to = "25", letter = "D", to-inclusive = false },
  { from = "50", to = "75", letter = "B", to-inclusive = false },
  { from = "25", to = "50", letter = "C", to-inclusive = false },
  { from = "75", to = "100", letter = "A" },
""",
        {("grade-bands-out-of-order", 2)},
        # Python checks the bands as listed, neighbour by neighbour: D and B leave 25–50 out.
        r"gap between bands: bands\[0\] 'D' \[0, 25\) and bands\[1\] 'B' \[50, 75\) leave "
        r"\(25, 50\) without a grade",
    ),
    (
        "out-of-order-and-overlapping",
        "not-gradable",
        """\
  { from = "60", to = "100", letter = "Baik" },
  { from = "0", to = "61", letter = "Kurang" },
""",
        {("grade-bands-out-of-order", 1), ("overlapping-grade-bands", 1)},
        r"bands are not in ascending order",
    ),
    (
        "touching-bands-are-fine",
        None,
        """\
  { from = "0", to = "50", letter = "Kurang", to-inclusive = false },
  { from = "50", to = "75", letter = "Cukup" },
  { from = "75", to = "100", letter = "Baik", from-inclusive = false },
""",
        set(),
        None,
    ),
    (
        "gaps-read-as-the-table-says-are-fine",
        "not-gradable",
        """\
  { to = "50%", letter = "Kurang" },
  { from = "51%", to = "100%", letter = "Baik" },
""",
        set(),
        None,
    ),
)


def test_cases_unique() -> None:
    assert len({c[0] for c in CASES}) == len(CASES)
    assert len({(c[1], c[2]) for c in CASES}) == len(CASES)


def _held(case: tuple) -> tuple[str, lakipcore.Report]:
    _, gaps, bands, _, _ = case
    text = _report_text(_tables(bands, gaps))
    return text, loads_report(text, source=SOURCE)


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_a_printed_table_is_loaded_and_audited_at_its_bands(case: tuple) -> None:
    """The file loads; the audit reports each defect at the later band of the two, with the
    file, the band's path, the line of its bands and words a person reads."""
    _, _, _, expected, _ = case
    text, report = _held(case)
    table = report.grade_table("t")
    assert table.printed
    found = [f for f in audit(report) if f.code in BAND_CODES]
    assert {(code, f"grades.t.bands[{index}]") for code, index in expected} == {
        (f.code, f.location.field) for f in found
    }
    line = _line_of(text, "bands = [")
    for finding in found:
        assert (SOURCE, line, None) == (
            finding.location.source,
            finding.location.line,
            finding.period,
        )
        index = int(finding.location.field.rsplit("[", 1)[1].rstrip("]"))
        assert f"grade table t, band {index + 1}; line {line}" == finding.location.said("en")
        assert "grade table 't'" in finding.message_in("en")
        assert (report.root.code, "t") == (finding.subject.unit, finding.subject.item)
    assert len(found) == len(table.defects)


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_the_python_api_still_refuses_the_same_bands(case: tuple) -> None:
    """Built in Python, the same bands are refused with the specific error as before; where
    the bands are listed in order, the held table's defect at that band says the same."""
    _, _, _, _, match = case
    _, report = _held(case)
    held = report.grade_table("t")
    rebuilt = {"scale": held.scale, "bands": held.bands, "source": held.source, "gaps": held.gaps}
    if match is None:
        strict = GradeTable("t", **rebuilt)
        assert strict == held
        assert () == strict.defects == held.defects
        return
    with pytest.raises(InvalidValueError, match=match) as caught:
        GradeTable("t", **rebuilt)
    assert held.defects
    if all(d.kind is not BandDefectKind.ORDER for d in held.defects):
        said = {(f"bands[{d.second}]", d.text.render("en")) for d in held.defects}
        assert (caught.value.field, caught.value.message_in("en")) in said


def test_defects_are_records_of_the_two_bands_and_their_scores() -> None:
    _, report = _held(CASES[0])
    (defect,) = report.grade_table("t").defects
    assert (BandDefectKind.OVERLAP, 1, 2, Decimal("76.61"), Decimal("76.66")) == (
        defect.kind,
        defect.first,
        defect.second,
        defect.low,
        defect.high,
    )
    _, gapped = _held(CASES[3])
    gap = gapped.grade_table("t").defects[0]
    assert (BandDefectKind.GAP, 0, 1, Decimal(50), Decimal(51)) == (
        gap.kind,
        gap.first,
        gap.second,
        gap.low,
        gap.high,
    )


def test_severities() -> None:
    from lakipcore.audit import FindingCode

    assert Severity.ERROR is FindingCode.OVERLAPPING_GRADE_BANDS.severity
    assert Severity.WARNING is FindingCode.GRADE_BAND_GAP.severity
    assert Severity.WARNING is FindingCode.GRADE_BANDS_OUT_OF_ORDER.severity


# --- grading with a table held as printed -----------------------------------------------------


@pytest.mark.parametrize(
    ("case", "value", "grade", "reason"),
    [
        (0, "76.63", None, r"gives 76\.63 more than one grade: its bands 'C' .* and 'B' .*"),
        (0, "76.61", None, r"more than one grade"),
        (0, "76.67", "B", None),  # above the overlap: one band
        (0, "76.605", "C", None),  # below it, inside C as printed
        (1, "50", None, r"gives 50 more than one grade"),
        (1, "49.99", "Kurang", None),
        (3, "50.5", None, r"50\.5 lies in a gap between .* \(gaps = \"refuse\"\), so the score"),
        (3, "50", "Sangat Kurang", None),
        (4, "50", None, r"50 lies in a gap between"),
        (5, "90", "A", None),  # out of order, but each band grades what it covers
        (5, "70", "C", None),
        (5, "64", None, r"64 lies below t-scale \(65–100\)"),
    ],
)
def test_grading_where_the_printed_bands_give_no_one_grade_is_refused_with_the_reason(
    case: int, value: str, grade: str | None, reason: str | None
) -> None:
    table = _held(CASES[case])[1].grade_table("t")
    if grade is not None:
        assert grade == table.grade(Decimal(value)).letter
        return
    with pytest.raises(InvalidValueError, match=reason) as caught:
        table.grade(Decimal(value))
    assert "value" == caught.value.field
    assert table.letter_of(Decimal(value)) is None


OVERLAPPING_CAPAIAN = _tables(
    """\
  { to = "110%", letter = "Baik" },
  { from = "100%", letter = "Sangat Baik" },
""",
    name="predikat",
).replace(
    'source = "as printed"\n', 'source = "as printed"\nscale = { low = "0%", high = "200%" }\n'
)


def test_a_printed_predikat_in_an_overlap_is_not_checked_and_says_why() -> None:
    """The 2020 IKM capaian 104,96 % lies in both bands: its predikat cannot be checked, which
    is a finding that gives the reason, and its grade in the scores is null."""
    text = _with_predikat(_graded(tables=OVERLAPPING_CAPAIAN, grading="predikat"), "Baik")
    report = loads_report(text, source=SOURCE)
    findings = lakipcore.assess(report).findings
    (not_gradable,) = [f for f in findings if f.code == "not-gradable"]
    assert "office.indicators[0].periods.2020.printed.grade.tabel-3-5" == (
        not_gradable.location.field
    )
    assert not_gradable.message_in("en").startswith(
        "printed 'Baik' for 104,96, which predikat cannot grade: grade table 'predikat' gives "
    )
    assert "more than one grade" in not_gradable.message_in("en")
    assert not [f for f in findings if f.code == "grade-mismatch"]
    assert {("overlapping-grade-bands", "grades.predikat.bands[1]")} == {
        (f.code, f.location.field) for f in findings if f.code in BAND_CODES
    }
    grades = {
        (p["key"], i["code"]): i["grade"]
        for p in score_to_dict(lakipcore.assess(report))["periods"]
        for i in p["office"]["indicators"]
    }
    assert grades[("2020", "01.01")] is None  # 104,96 %: in both bands
    assert "Baik" in grades.values()  # 95,24 % lies in one band only


def test_a_table_held_as_printed_round_trips_with_its_defects() -> None:
    _, report = _held(CASES[0])
    again = loads_report(dump_report(report), source=SOURCE)
    assert report.grade_tables == again.grade_tables
    assert report.grade_table("t").defects == again.grade_table("t").defects


def test_a_table_built_in_python_may_be_held_as_printed() -> None:
    bands = [Band(Decimal(0), Decimal(50), "K"), Band(Decimal(50), Decimal(100), "B")]
    held = GradeTable("t", "skala-100", bands, source="typed", printed=True)
    assert [BandDefectKind.OVERLAP] == [d.kind for d in held.defects]
    assert [BandDefectKind.OVERLAP] == [d.kind for d in attrs.evolve(held, note="x").defects]
    with pytest.raises(InvalidValueError, match="bands overlap"):
        attrs.evolve(held, printed=False)


def test_lakip_grade_warns_of_a_printed_tables_defects_and_refuses_an_ambiguous_score(
    tmp_path, capsys
) -> None:
    path = tmp_path / "grades.toml"
    path.write_text(_tables(CASES[0][2], "round-to-band"), encoding="utf-8")
    assert 0 == main(["grade", "80", "--table", f"{path}:t"])
    captured = capsys.readouterr()
    assert "80 on t-scale: B [t]" in captured.out
    assert captured.err.startswith("lakip grade: warning: grade table 't': bands overlap: ")
    assert 2 == main(["grade", "76,63", "--table", f"{path}:t"])
    captured = capsys.readouterr()
    assert "lakip grade: warning: grade table 't': bands overlap" in captured.err
    assert "grade table 't' gives 76.63 more than one grade" in captured.err
    assert "" == captured.out


# --- held without defects, a printed table grades as the strict one ---------------------------


@st.composite
def band_lists(draw: st.DrawFn) -> list[Band]:
    """Bands in whole numbers on 0–100: often tiling the range (defect-free unless the
    inclusive ends say otherwise), else anywhere (out of order, overlapping, gapped)."""
    if draw(st.booleans()):
        cuts = sorted(draw(st.sets(st.integers(1, 99), max_size=5)))
        ends = list(zip([0, *cuts], [*cuts, 100], strict=True))
    else:
        ends = []
        for _ in range(draw(st.integers(1, 5))):
            low = draw(st.integers(0, 99))
            ends.append((low, draw(st.integers(low + 1, 100))))
    return [
        Band(
            Decimal(low),
            Decimal(high),
            f"g{index}",
            lower_inclusive=draw(st.booleans()),
            upper_inclusive=draw(st.booleans()),
        )
        for index, (low, high) in enumerate(ends)
    ]


def _refusal(build: Callable[[], object]) -> str | None:
    """The English message of the InvalidValueError ``build()`` raises, if it raises one."""
    try:
        build()
    except InvalidValueError as error:
        return error.message_in("en")
    return None


def _outcome(table: GradeTable, value: Decimal) -> str:
    try:
        return table.grade(value).letter
    except InvalidValueError as error:
        return f"refused: {error.message_in('en')}"


@given(band_lists(), st.sampled_from(list(GapReading)), st.decimals(0, 100, places=2))
def test_a_printed_table_without_defects_grades_as_the_strict_table(
    bands: list[Band], gaps: GapReading, value: Decimal
) -> None:
    """A table held as printed has no defects exactly when the strict table can be built, and
    then grades every value exactly as the strict table does, refusals included. Bands listed
    in order that the strict table refuses are refused for a defect the held table records."""
    held = GradeTable("t", "skala-100", bands, source="generated", gaps=gaps, printed=True)
    refusal = _refusal(lambda: GradeTable("t", "skala-100", bands, source="generated", gaps=gaps))
    if refusal is not None:
        assert held.defects
        if all(d.kind is not BandDefectKind.ORDER for d in held.defects):
            assert refusal in {d.text.render("en") for d in held.defects}
        return
    strict = GradeTable("t", "skala-100", bands, source="generated", gaps=gaps)
    assert () == held.defects
    assert strict == held
    assert _outcome(strict, value) == _outcome(held, value)


# --- a total that is not its rows', a figure in the wrong notation: findings -------------------


@pytest.mark.parametrize(
    ("edit", "code", "field"),
    [
        (
            ('printed = "169"', 'printed = "170"'),
            "figure-mismatch",
            f"{EVIDENCE}[0].totals[0].printed",
        ),
        (('"Serang", "60"', '"Serang", "61"'), "figure-mismatch", f"{EVIDENCE}[0].rows[0][3]"),
        (
            ('printed = "71,67%"', 'printed = "71.67%"'),
            "malformed-figure",
            f"{EVIDENCE}[0].totals[1].printed",
        ),
        (
            ('printed = "92,03"', 'printed = "92.03"'),
            "malformed-figure",
            f"{EVIDENCE}[1].totals[0].printed",
        ),
        (
            ('{ unit-indicators = "9,38" }', '{ unit-indicators = "9.38" }'),
            "malformed-figure",
            f"{INDICATORS}[0].periods.2019.printed.realisation.unit-indicators",
        ),
    ],
    ids=["total", "row-total", "mean-in-points", "converted-in-points", "realisation-in-points"],
)
def test_bad_printed_totals_and_notation_are_findings_not_load_errors(
    edit: tuple[str, str], code: str, field: str
) -> None:
    """A printed total the rows do not give (its own or a row's) is a figure-mismatch, and a
    figure printed with a decimal point in an Indonesian report a malformed-figure, each at
    the figure; the file loads."""
    assert {(code, field)} == findings_of(edit)


def test_a_printed_capaian_in_the_wrong_notation_is_a_malformed_figure() -> None:
    """ "104.96%" in an Indonesian report loads, and is reported where it is printed, with
    what it would read as."""
    text = GUNUNG_KALER.replace('tabel-3-5 = "104,96%"', 'tabel-3-5 = "104.96%"', 1)
    assert text != GUNUNG_KALER
    findings = audit(loads_report(text, source=SOURCE))
    malformed = [f for f in findings if f.code == "malformed-figure"]
    assert ["office.indicators[0].periods.2020.printed.capaian.tabel-3-5"] == [
        f.location.field for f in malformed
    ]
    assert Severity.ERROR is malformed[0].severity
    assert "104.96%" == malformed[0].published
