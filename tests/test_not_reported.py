"""Realisations a report prints as not reported: "n/a", "-", "belum tersedia" (issue 19, item 7).

LKjIP Inspektorat Daerah Kabupaten Sampang 2019, Tabel 3.1 Pencapaian Kinerja, prints for
"Persentase penurunan temuan keuangan yang bersifat materil" a target of 55 % and a realisation
and capaian of "n/a", and says its indicators average above 90 %: the row is left out of the
average, not counted as zero. These tests hold lakipcore to that reading.
"""

from __future__ import annotations

from decimal import Decimal as D  # noqa: N817 - the short name keeps the figures readable
from pathlib import Path

import pytest

import lakipcore
from extras import require
from lakipcore import (
    IndicatorPeriod,
    MeasureKind,
    Target,
    dump_report,
    loads_report,
)
from lakipcore.errors import InvalidValueError, LakipTypeError, ReportFileError
from lakipcore.figures import NOT_TARGETED, NotReported, not_reported
from lakipcore.model import Realisation

SAMPANG = """\
schema = 2

[report]
source = "LKjIP Inspektorat Daerah Kabupaten Sampang 2019, Tabel 3.1 (first row; one made up)"

[[periods]]
key = "2019"
method = "pooled-sum"
{planned}
[office]
code = "inspektorat"
name = "Inspektorat Daerah Kabupaten Sampang"

[[office.indicators]]
code = "temuan"
name = "Persentase penurunan temuan keuangan yang bersifat materil"

[office.indicators.periods.2019]
target = "55%"
realisation = "{realisation}"
{extra}
[[office.indicators]]
code = "lain"
name = "Indikator lain"

[office.indicators.periods.2019]
target = "80%"
realisation = "90%"
"""


def _file(realisation: str, extra: str = "", planned: str = "") -> str:
    return SAMPANG.format(realisation=realisation, extra=extra, planned=planned)


@pytest.mark.parametrize(
    "text",
    [
        "n/a",
        "N/A",
        "NA",
        "-",
        "belum tersedia",
        "Data belum tersedia",
        "tidak tersedia data",
        "belum rilis",
        " n/a ",
    ],
)
def test_printed_states_read_as_not_reported(text: str) -> None:
    """Each printed form is the not-reported state, kept as printed (spaces normalised)."""
    state = not_reported(text)
    assert state == NotReported(" ".join(text.split()))
    report = loads_report(_file(text))
    entry = report.root.indicator("temuan").at("2019")
    assert entry is not None
    assert entry.realisation is None
    assert entry.not_reported == state


@pytest.mark.parametrize("text", ["0", "0%", "nihil", "n.a", "--", "tidak ditargetkan", ""])
def test_other_texts_are_not_the_state(text: str) -> None:
    """Zero is a figure, and other words are not silently taken for "not reported"."""
    assert not_reported(text) is None


def test_not_reported_is_left_out_of_the_achievement_not_counted_as_zero() -> None:
    """The unit's achievement is the other indicator's alone; the reason and the gap are named."""
    scored = lakipcore.score_period(loads_report(_file("n/a")), "2019")
    temuan = scored.root.indicator("temuan")
    assert temuan.capaian is None
    assert "not reported" == temuan.excluded
    assert D("55") == temuan.target
    assert D("112.5") == scored.root.achievement  # 90 / 80 alone, not (112,5 + 0) / 2
    assert "achievement: temuan not reported in 2019" in scored.root.gaps


def test_the_audit_notes_each_gap_at_its_place() -> None:
    """A not-reported note for the row, at its realisation, in both languages."""
    assessment = lakipcore.assess(loads_report(_file("n/a"), source="sampang.toml"))
    notes = [f for f in assessment.findings if f.code == "not-reported"]
    assert 1 == len(notes)
    note = notes[0]
    assert "info" == note.severity.value
    assert "temuan" == note.subject.item
    assert "sampang.toml" == note.location.source
    assert note.location.field is not None
    assert note.location.field.endswith("periods.2019.realisation")
    assert "printed as 'n/a'" in note.message_in("en")
    assert "tidak dilaporkan" in note.message_in("id")


def test_in_a_planned_period_a_dash_is_planned_not_a_gap() -> None:
    """A Renstra table prints "-" for years not reached: no note, the reason stays "planned"."""
    report = loads_report(_file("-", planned="planned = true\n"))
    scored = lakipcore.score_period(report, "2019")
    assert "planned" == scored.root.indicator("temuan").excluded
    findings = lakipcore.assess(report).findings
    assert not [f for f in findings if f.code == "not-reported"]


# Each case: name, the lines added to the entry, and the error's message.
REFUSED = [
    ("with-derive", 'derive = { table = "t", rows = true }', r"not-reported period has no derive"),
    ("with-accumulate", "accumulate = true", r"not-reported period has no accumulate"),
]


@pytest.mark.parametrize(("extra", "error"), [c[1:] for c in REFUSED], ids=[c[0] for c in REFUSED])
def test_a_not_reported_period_states_nothing_else(extra: str, error: str) -> None:
    """A realisation printed "n/a" beside a rule that would compute one is a contradiction."""
    with pytest.raises((ReportFileError, InvalidValueError), match=error):
        loads_report(_file("n/a", extra=extra + "\n"))


def test_the_model_refuses_contradictions() -> None:
    """Not targeted and not reported, or a realisation and "n/a", are refused by name."""
    target = Target(MeasureKind.PERCENT, D(55))
    missing = NotReported("n/a")
    with pytest.raises(InvalidValueError, match="has no realisation, reported or not"):
        IndicatorPeriod("2019", NOT_TARGETED, not_reported=missing)
    with pytest.raises(InvalidValueError, match=r"printed as 'n/a' \(not reported\) has no"):
        IndicatorPeriod(
            "2019", target, Realisation(MeasureKind.PERCENT, D(50)), not_reported=missing
        )
    with pytest.raises(LakipTypeError, match="expected NotReported or None, got str"):
        IndicatorPeriod("2019", target, not_reported="n/a")  # type: ignore[arg-type]


def test_the_state_survives_the_file_and_the_workbook(tmp_path: Path) -> None:
    """The writer keeps the printed text; a workbook written and read back is equal."""
    report = loads_report(_file("belum tersedia"))
    text = dump_report(report)
    assert 'realisation = "belum tersedia"' in text
    assert report == loads_report(text)
    require("openpyxl")
    from lakipcore.excel import read_workbook, write_workbook

    written = write_workbook(lakipcore.assess(report), tmp_path / "sampang.xlsx")
    assert report == read_workbook(written)


def test_outputs_show_the_printed_state() -> None:
    """The score JSON and the text table show "n/a" where the realisation would be."""
    text = lakipcore.render.render_score_text(
        lakipcore.assess(loads_report(_file("n/a"))), lang="en"
    )
    assert "n/a" in next(line for line in text.splitlines() if "temuan" in line)
    assessment = lakipcore.assess(loads_report(_file("n/a")))
    data = lakipcore.render.score_to_dict(assessment)
    rows = data["periods"][0]["office"]["indicators"]
    temuan = next(row for row in rows if row["code"] == "temuan")
    assert "n/a" == temuan["realisation_text"]
    assert "not reported" == temuan["excluded"]
    assert temuan["realisation"] is None


def test_the_bulk_path_gives_the_same_reason() -> None:
    """report_to_batches marks the row; the columnar path says "not reported" like the core."""
    require("pyarrow")
    from lakipcore.bulk import report_to_batches

    report = loads_report(_file("n/a"))
    scored = report_to_batches(report).score()
    rows = scored.indicators.to_pydict()
    reasons = dict(zip(rows["code"], rows["excluded"], strict=True))
    assert {"temuan": "not reported", "lain": None} == reasons
