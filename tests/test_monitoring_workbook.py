"""The monitoring workbook: the layout offices keep, written from an assessment and read back
(lakipcore.monitoring.workbook)."""

from __future__ import annotations

import builtins
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal

import attrs
import pytest

import lakipcore
from extras import require
from lakipcore import monitoring
from lakipcore.errors import LakipError, LakipTypeError, ReportFileError
from lakipcore.i18n import translate
from lakipcore.monitoring.workbook import (
    MONITORING_SHEET,
    RESULT_SHEET,
    read_monitoring_workbook,
    write_monitoring_workbook,
)
from test_monitoring import COUNTS
from test_monitoring_rows import TWO_UNITS, report_text

openpyxl = require("openpyxl")

QUARTER_LABELS = ("Triwulan I 2024", "Triwulan II 2024", "Triwulan III 2024", "Triwulan IV 2024")

PHASED_LEVEL = """schema = 2

[report]
title = "t"

[[periods]]
key = "2024-tw1"
method = "banten-2019"

[[periods]]
key = "2024-tw2"
method = "banten-2019"

[[periods]]
key = "2024-tw3"
method = "banten-2019"
planned = true

[[periods]]
key = "2024"
method = "banten-2019"
planned = true

[office]
code = "dinas"
name = "Dinas"

[[office.indicators]]
code = "kasus"
name = "Kasus"
polarity = "lower"

[office.indicators.periods.2024-tw1]
target = "5 Kasus"
realisation = "0 Kasus"

[office.indicators.periods.2024-tw2]
target = "5 Kasus"
realisation = "7 Kasus"

[office.indicators.periods.2024-tw3]
target = "5 Kasus"

[[office.indicators]]
code = "ikm"
name = "Indeks"
phasing = "annual"
baseline = { value = "60%", year = 2023 }

[office.indicators.periods.2024-tw1]
target = "90%"
realisation = "70%"

[office.indicators.periods.2024-tw2]
target = "90%"
realisation = "76,5%"

[office.indicators.periods.2024-tw3]
target = "90%"

[office.indicators.periods.2024]
target = "90%"

[[office.indicators]]
code = "skor"
name = "Skor"

[office.indicators.periods.2024-tw1]
target = "7,1"
realisation = "6,9"
scale = "10"

[office.indicators.periods.2024-tw2]
target = "7,2"
realisation = "n/a"
scale = "10"
"""


def _monitored(report: lakipcore.Report, **options: Any) -> monitoring.Monitoring:
    return monitoring.monitor(lakipcore.assess(report), **options)


def _round_trip(text: str, tmp_path: Path, **options: Any) -> tuple[Any, Any, lakipcore.Report]:
    report = lakipcore.loads_report(text)
    assessment = lakipcore.assess(report)
    original = monitoring.monitor(assessment, **options)
    path = write_monitoring_workbook(original, assessment, tmp_path / "monitoring.xlsx")
    kind: Literal["triwulan", "monthly"] = "triwulan" if "tw" in original.periods[0] else "monthly"
    read = read_monitoring_workbook(path, year=original.year, kind=kind)
    again = _monitored(read, **options)
    return original, again, read


def _same(original: monitoring.Monitoring, again: monitoring.Monitoring) -> None:
    assert attrs.evolve(original, source=None) == attrs.evolve(again, source=None)


@pytest.mark.parametrize(
    "text",
    [
        report_text(COUNTS, annual="40 Laporan", planned=("2024-tw4",)),
        report_text(
            {**COUNTS, "2024-tw2": ("10 Laporan", "n/a")},
            annual="40 Laporan",
            planned=("2024-tw4",),
        ),
        report_text(
            {"2024-tw1": ("85%", "84%"), "2024-tw2": ("87%", "-"), "2024-tw3": ("88%", "86%")}
        ),
        TWO_UNITS,
        PHASED_LEVEL,
    ],
    ids=["counts", "gap", "latest", "two-units", "phasing-polarity-scale"],
)
def test_written_and_read_back_it_monitors_the_same(text: str, tmp_path: Path) -> None:
    original, again, _ = _round_trip(text, tmp_path)
    _same(original, again)


def test_the_round_trip_holds_at_every_date(tmp_path: Path) -> None:
    for to in ("2024-tw1", "2024-tw2", "2024-tw3"):
        original, again, _ = _round_trip(PHASED_LEVEL, tmp_path, to=to)
        _same(original, again)


def test_a_workbook_is_read_from_its_bytes_and_from_an_upload(tmp_path: Path) -> None:
    """The monitoring sheet reads as the file does from its bytes and from a binary file
    object (an upload), named by ``source``."""
    _, _, read = _round_trip(PHASED_LEVEL, tmp_path)
    path = next(tmp_path.glob("*.xlsx"))
    with path.open("rb") as upload:
        for given in (path.read_bytes(), upload):
            again = read_monitoring_workbook(
                given, year=2024, kind="triwulan", source="upload.xlsx"
            )
            assert read == again
            assert "upload.xlsx" == again.root.origin.source  # type: ignore[union-attr]


def test_a_derived_realisation_is_written_as_scored(tmp_path: Path) -> None:
    quarters = {"2024-tw1": ("3 Laporan", "3 Laporan"), "2024-tw2": ("3 Laporan", "2 Laporan")}
    text = report_text(quarters, annual="6 Laporan", accumulate=True)
    original, again, read = _round_trip(text, tmp_path)
    _same(original, again)
    assert read.period("2024").planned  # the year's target only


def _quarters_from_months() -> str:
    lines = ["schema = 2", "[report]", 'title = "t"']
    for key in ("2024-01", "2024-02", "2024-03", "2024-tw1", "2024-tw2"):
        lines += ["[[periods]]", f'key = "{key}"', 'method = "banten-2019"']
    lines += ["[office]", 'code = "u"', 'name = "U"']
    lines += ["[[office.indicators]]", 'code = "i"', 'name = "I"']
    for key, realised in (("2024-01", "1"), ("2024-02", "2"), ("2024-03", "2")):
        lines += [f"[office.indicators.periods.{key}]", 'target = "2 Dokumen"']
        lines.append(f'realisation = "{realised} Dokumen"')
    lines += ["[office.indicators.periods.2024-tw1]", 'target = "6 Dokumen"', "accumulate = true"]
    lines += ["[office.indicators.periods.2024-tw2]", 'target = "6 Dokumen"']
    lines.append('realisation = "6 Dokumen"')
    lines += ["[[office.indicators]]", 'code = "opini"', 'name = "Opini"', 'ordinal = "opini-bpk"']
    for key in ("2024-tw1", "2024-tw2"):
        lines += [f"[office.indicators.periods.{key}]", 'target = "WTP"', 'realisation = "WDP"']
    return "\n".join(lines) + "\n"


def test_an_accumulated_quarter_is_written_as_scored_and_a_predikat_as_printed(
    tmp_path: Path,
) -> None:
    original, again, read = _round_trip(_quarters_from_months(), tmp_path, to="2024-tw2")
    _same(original, again)
    tw1 = read.unit("u").indicator("i").at("2024-tw1")
    assert tw1 is not None
    assert tw1.realisation is not None
    assert (Decimal(5), "Dokumen") == (tw1.realisation.value, tw1.realisation.unit)  # 1 + 2 + 2
    opini = read.unit("u").indicator("opini").at("2024-tw2")
    assert opini is not None
    assert opini.realisation is not None
    assert "WDP" == opini.realisation.level


def test_the_sheet_has_the_layout_offices_keep(tmp_path: Path) -> None:
    report = lakipcore.loads_report(report_text(COUNTS, annual="40 Laporan", planned=("2024-tw4",)))
    assessment = lakipcore.assess(report)
    result = monitoring.monitor(assessment)
    path = write_monitoring_workbook(result, assessment, tmp_path / "m.xlsx", lang="en")
    book = openpyxl.load_workbook(path)
    assert [translate(MONITORING_SHEET, "en"), translate(RESULT_SHEET, "en")] == book.sheetnames
    sheet = book[translate(MONITORING_SHEET, "en")]
    rows = [[c for c in row if c is not None] for row in sheet.iter_rows(values_only=True)]
    assert ["Office code", "u"] == rows[0]
    assert ["Scoring method", "banten-2019"] == rows[2]
    header = next(r for r in rows if "Indicator code" in r)
    assert header[:5] == [
        "Unit code",
        "Unit name",
        "Indicator code",
        "Indicator name",
        "To-date method",
    ]
    pairs = [h for h in header if h.startswith(("Target Tri", "Realisation Tri"))]
    assert pairs == [
        f"{word} {label}" for label in QUARTER_LABELS for word in ("Target", "Realisation")
    ]
    assert "Target Tahun Anggaran 2024" in header
    data = rows[-1]
    assert ["u", "Unit", "i", "Indikator", "cumulative", "Laporan", "higher"] == data[:7]
    assert [
        "40 Laporan",
        "10 Laporan",
        "12 Laporan",
        "10 Laporan",
        "0 Laporan",
        "10 Laporan",
        "9 Laporan",
        "10 Laporan",
    ] == data[7:]
    shown = book[translate(RESULT_SHEET, "en")]
    heads = [c.value for c in shown[1]]
    values = dict(zip(heads, [c.value for c in shown[2]], strict=True))
    assert values["Capaian to date (%)"] == 70
    assert values["Projection at the year's end"] == 28
    assert values["Status"] == "behind"
    assert shown.cell(2, heads.index("Projection at the year's end") + 1).font.italic


def _hand_kept(
    tmp_path: Path,
    rows: list[list[Any]],
    *,
    formats: dict[str, str] | None = None,
    title: str = "Monitoring",
) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    for ref, code in (formats or {}).items():
        sheet[ref].number_format = code
    path = tmp_path / "hand.xlsx"
    book.save(path)
    return path


HEADER = [
    translate("Unit code", "id"),
    translate("Unit name", "id"),
    translate("Indicator code", "id"),
    translate("Indicator name", "id"),
    translate("Unit of measure", "id"),
    "Target Triwulan I 2024",
    "Realisasi Triwulan I 2024",
    "Target Triwulan II 2024",
    "Realisasi Triwulan II 2024",
    "Keterangan",
]


def test_a_hand_kept_sheet_reads_numbers_with_their_unit_of_measure(tmp_path: Path) -> None:
    path = _hand_kept(
        tmp_path,
        [
            ["RENCANA AKSI 2024"],
            [],
            HEADER,
            ["u", "Unit", "laporan", "Laporan", "Laporan", 10, 12, 10, None, "catatan"],
            ["u", "Unit", "ikm", "IKM", "%", 80, "75", 0.85, 0.9, None],
            [],
        ],
        formats={"H5": "0%", "I5": "0.0%"},
    )
    report = read_monitoring_workbook(path, year=2024, kind="triwulan", source="rencana.xlsx")
    laporan = report.unit("u").indicator("laporan")
    tw1 = laporan.at("2024-tw1")
    assert tw1 is not None
    assert tw1.realisation is not None
    assert (tw1.realisation.value, tw1.realisation.unit) == (Decimal(12), "Laporan")
    # TW II: the IKM is realised, so the empty Laporan realisation is not reported, not 0
    assert not report.period("2024-tw2").planned
    tw2 = laporan.at("2024-tw2")
    assert tw2 is not None
    assert tw2.not_reported is not None
    ikm = report.unit("u").indicator("ikm").at("2024-tw2")
    assert ikm is not None
    assert ikm.realisation is not None
    assert ("90.0", "percent") == (str(ikm.realisation.value), ikm.realisation.kind.value)
    result = _monitored(report, to="2024-tw2")
    assert ("2024-tw2",) == result.unit("u").indicator("laporan").missing


def test_a_period_nobody_has_realised_is_planned(tmp_path: Path) -> None:
    path = _hand_kept(
        tmp_path,
        [HEADER, ["u", "Unit", "laporan", "Laporan", "Laporan", 10, 12, 10, None, None]],
    )
    report = read_monitoring_workbook(path, year=2024, kind="triwulan")
    assert report.period("2024-tw2").planned
    assert not report.period("2024-tw1").planned
    assert (None, None) == (report.period("2024-tw1").method, report.period("2024-tw2").method)


def test_a_bad_cell_is_named_by_its_sheet_and_cell(tmp_path: Path) -> None:
    path = _hand_kept(
        tmp_path,
        [
            ["judul"],
            HEADER,
            ["u", "Unit", "laporan", "Laporan", "Laporan", 10, "12,5", 10, 9, None],
        ],
    )
    with pytest.raises(LakipError) as caught:
        read_monitoring_workbook(path, year=2024, kind="triwulan")
    assert "Monitoring!G3" == caught.value.field
    assert "hand.xlsx" in str(caught.value.source)


def test_every_bad_cell_is_reported_at_once(tmp_path: Path) -> None:
    path = _hand_kept(
        tmp_path,
        [
            HEADER,
            ["u", "Unit", "laporan", "Laporan", "Laporan", "sepuluh", 12, 10, 9, None],
            ["u", "Unit", "ikm", "IKM", "%", 80, 75, None, 80, None],
        ],
    )
    with pytest.raises(ReportFileError) as caught:
        read_monitoring_workbook(path, year=2024, kind="triwulan")
    text = str(caught.value)
    assert "Monitoring!F2" in text
    assert "Monitoring!H3" in text or "Monitoring!I3" in text


def test_a_row_without_its_code_and_a_twice_listed_indicator_are_errors(tmp_path: Path) -> None:
    path = _hand_kept(
        tmp_path,
        [
            HEADER,
            ["u", "Unit", "laporan", "Laporan", "Laporan", 10, 12, None, None, None],
            ["u", "Unit", None, "Tanpa kode", "Laporan", 10, 12, None, None, None],
            ["u", "Unit", "laporan", "Laporan", "Laporan", 10, 12, None, None, None],
        ],
    )
    with pytest.raises(ReportFileError) as caught:
        read_monitoring_workbook(path, year=2024, kind="triwulan")
    text = str(caught.value)
    assert "Monitoring!C3" in text
    assert "Monitoring!C4" in text
    assert "Monitoring!C2" in text  # the first listing, named in the message


def test_a_column_of_another_year_is_named(tmp_path: Path) -> None:
    header = [*HEADER[:5], "Target Triwulan I 2023", "Realisasi Triwulan I 2023"]
    path = _hand_kept(tmp_path, [header, ["u", "Unit", "i", "I", "Laporan", 1, 1]])
    with pytest.raises(ReportFileError) as caught:
        read_monitoring_workbook(path, year=2024, kind="triwulan")
    assert "Monitoring!F1" in str(caught.value)


def test_a_sheet_without_the_header_row_is_refused(tmp_path: Path) -> None:
    path = _hand_kept(tmp_path, [["a", "b"], [1, 2]])
    with pytest.raises(ReportFileError, match="header row"):
        read_monitoring_workbook(path, year=2024, kind="triwulan")


def test_months_are_read_by_their_names(tmp_path: Path) -> None:
    header = [
        *HEADER[:5],
        "Target Januari 2024",
        "Realisasi Januari 2024",
        "Target 2024-02",
        "Realisasi 2024-02",
    ]
    path = _hand_kept(tmp_path, [header, ["u", "Unit", "i", "I", "Laporan", 2, 2, 2, 3]])
    report = read_monitoring_workbook(path, year=2024, kind="monthly")
    assert ("2024-01", "2024-02") == tuple(p.key for p in report.periods)
    result = _monitored(report)
    assert 125 == result.unit("u").indicator("i").capaian


def test_the_arguments_are_checked(tmp_path: Path) -> None:
    with pytest.raises(LakipTypeError, match="triwulan"):
        read_monitoring_workbook(tmp_path / "x.xlsx", year=2024, kind="semester")  # type: ignore[arg-type]
    with pytest.raises(ReportFileError, match="no such workbook"):
        read_monitoring_workbook(tmp_path / "x.xlsx", year=2024, kind="triwulan")
    report = lakipcore.loads_report(TWO_UNITS)
    assessment = lakipcore.assess(report)
    with pytest.raises(LakipTypeError, match="Monitoring"):
        write_monitoring_workbook(assessment, assessment, tmp_path / "m.xlsx")  # type: ignore[arg-type]


def test_without_openpyxl_the_error_names_the_extra(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = builtins.__import__

    def refuse(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == "openpyxl" or name.startswith("openpyxl."):
            raise ImportError(name)
        return real(name, *args, **kwargs)

    report = lakipcore.loads_report(TWO_UNITS)
    assessment = lakipcore.assess(report)
    result = monitoring.monitor(assessment)
    monkeypatch.setattr(builtins, "__import__", refuse)
    with pytest.raises(LakipError, match=r"lakipcore\[excel\]"):
        write_monitoring_workbook(result, assessment, tmp_path / "m.xlsx")


def test_lakip_monitor_reads_and_writes_the_monitoring_layout(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``--xlsx`` writes the layout and ``--layout monitoring`` reads it back: the same table."""
    from lakipcore.cli import main

    source = tmp_path / "q.toml"
    source.write_text(
        report_text(COUNTS, annual="40 Laporan", planned=("2024-tw4",)), encoding="utf-8"
    )
    book = tmp_path / "q.xlsx"
    assert 0 == main(["monitor", str(source), "--xlsx", str(book), "--lang", "en"])
    first = capsys.readouterr().out
    assert 0 == main(
        [
            "monitor",
            str(book),
            "--layout",
            "monitoring",
            "--year",
            "2024",
            "--kind",
            "triwulan",
            "--lang",
            "en",
        ]
    )
    again = capsys.readouterr().out
    assert first.splitlines()[2:] == again.splitlines()[2:]
    assert 2 == main(["monitor", str(book), "--layout", "monitoring", "--lang", "en"])
    assert "needs --year and --kind" in capsys.readouterr().err


DERIVED = """schema = 2
[report]
title = "t"
[[periods]]
key = "2024-tw1"
method = "banten-2019"
[[periods]]
key = "2024-tw2"
method = "banten-2019"
[office]
code = "u"
name = "U"
[[office.periods.2024-tw1.evidence]]
id = "e1"
title = "E1"
columns = [{ name = "x" }, { name = "p", kind = "number" }, { name = "q", kind = "number" }]
rows = [["a", "23", "36"]]
[[office.periods.2024-tw2.evidence]]
id = "e2"
title = "E2"
columns = [{ name = "x" }, { name = "p", kind = "number" }, { name = "q", kind = "number" }]
rows = [["a", "58", "122"]]
[[office.indicators]]
code = "i"
name = "I"
[office.indicators.periods.2024-tw1]
target = "80%"
derive = { ratio = { of = { sum = ["p"], table = "e1" }, to = { sum = ["q"], table = "e1" } } }
[office.indicators.periods.2024-tw2]
target = "80%"
derive = { ratio = { of = { sum = ["p"], table = "e2" }, to = { sum = ["q"], table = "e2" } } }
"""


def test_a_derived_realisation_is_written_within_the_readers_digits(tmp_path: Path) -> None:
    """23 / 36 × 100 has sixty digits; the sheet holds it rounded half-even to 28 significant
    digits (the reader takes at most 30), and read back it monitors the same in every figure
    shown, though not in the far digits."""
    assessment = lakipcore.assess(lakipcore.loads_report(DERIVED))
    original = monitoring.monitor(assessment)
    path = write_monitoring_workbook(original, assessment, tmp_path / "derived.xlsx")
    cells = [
        c
        for row in openpyxl.load_workbook(path).worksheets[0].iter_rows(values_only=True)
        for c in row
    ]
    assert "63,88888888888888888888888889%" in cells
    assert "47,54098360655737704918032787%" in cells
    read = read_monitoring_workbook(path, year=2024, kind="triwulan")
    again = monitoring.monitor(lakipcore.assess(read))
    from lakipcore.monitoring.render import monitoring_text

    assert monitoring_text(original) == monitoring_text(again)
    assert attrs.evolve(original, source=None) != attrs.evolve(again, source=None)
