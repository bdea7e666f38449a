"""Predikat indicators scored through a declared ordinal scale (issue 19, item 7): "Opini BPK:
WTP", "Nilai SAKIP: BB". docs/methodology.md, "Ordinal indicators", states the rule tested here.
"""

from __future__ import annotations

from decimal import Decimal as D  # noqa: N817 - the short name keeps the figures readable
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import lakipcore
from extras import require
from lakipcore import dump_report, loads_report
from lakipcore.errors import InvalidValueError, ReportFileError, UnknownNameError
from lakipcore.model import Indicator, IndicatorPeriod, MeasureKind, Realisation, Target
from lakipcore.model.ordinal import ORDINAL_SCALES, OrdinalLevel, OrdinalScale

FILE = """\
schema = 2

[report]
source = "made up from the forms of published reports"

[[periods]]
key = "2020"
method = "pooled-sum"

[office]
code = "pemda"
name = "Pemda"

[[office.indicators]]
code = "x"
name = "Opini BPK atas LKPD"
{lines}
[office.indicators.periods.2020]
{entry}
"""


def _file(entry: str, lines: str = 'ordinal = "opini-bpk"') -> str:
    return FILE.format(lines=lines, entry=entry)


def _capaian(entry: str, lines: str = 'ordinal = "opini-bpk"') -> D | None:
    report = loads_report(_file(entry, lines))
    return lakipcore.score_period(report, "2020").root.indicator("x").capaian


# Each case: name, the scale, target, realisation and the capaian in percent.
CAPAIAN = [
    ("wtp-met", "opini-bpk", "WTP", "WTP", "100"),
    ("wdp-for-wtp", "opini-bpk", "WTP", "WDP", "75"),
    ("lower-case", "opini-bpk", "WTP", "wtp", "100"),
    ("sakip-a-for-bb", "sakip", "BB", "A", "120"),
    ("sakip-b-for-bb", "sakip", "BB", "B", "80"),
]


@pytest.mark.parametrize(
    ("scale", "target", "realisation", "expected"),
    [c[1:] for c in CAPAIAN],
    ids=[c[0] for c in CAPAIAN],
)
def test_capaian_of_a_predikat(scale: str, target: str, realisation: str, expected: str) -> None:
    """The ratio of the levels' values: at the target's level 100 %, one rank down less."""
    entry = f'target = "{target}"\nrealisation = "{realisation}"\n'
    assert D(expected) == _capaian(entry, f'ordinal = "{scale}"')


def test_states_and_round_trip() -> None:
    """ "Tidak ditargetkan" and "n/a" keep their meaning; the file is written back as printed."""
    assert _capaian('target = "Tidak ditargetkan"\n') is None
    assert _capaian('target = "WTP"\nrealisation = "n/a"\n') is None
    report = loads_report(_file('target = "WTP"\nrealisation = "wdp"\n'))
    text = dump_report(report)
    assert 'ordinal = "opini-bpk"' in text
    assert 'realisation = "WDP"' in text  # the scale's spelling
    assert report == loads_report(text)
    entry = report.root.indicator("x").at("2020")
    assert entry is not None
    assert entry.realisation is not None
    assert (MeasureKind.ORDINAL, D(3), "WDP") == (
        entry.realisation.kind,
        entry.realisation.value,
        entry.realisation.level,
    )


# Each case: name, the indicator's lines, the entry, and the error's message.
REFUSED = [
    (
        "unknown-level",
        'ordinal = "opini-bpk"',
        'target = "WTP"\nrealisation = "Baik"\n',
        r"'Baik' is not a level of the ordinal scale 'opini-bpk' \(TMP, TW, WDP, WTP\)",
    ),
    (
        "unknown-scale",
        'ordinal = "bpk"',
        'target = "WTP"\n',
        r"unknown ordinal scale 'bpk'; known: opini-bpk, sakip",
    ),
    (
        "sum",
        'ordinal = "sakip"\naccumulation = "sum"',
        'target = "A"\nrealisation = "A"\n',
        r"predikat do not add up",
    ),
    (
        "scale-key",
        'ordinal = "sakip"',
        'target = "A"\nrealisation = "A"\nscale = "7"\n',
        r"has no scale",
    ),
    ("no-scale-declared", "", 'target = "WTP"\nrealisation = "WTP"\n', r"not a figure"),
]


@pytest.mark.parametrize(
    ("lines", "entry", "error"), [c[1:] for c in REFUSED], ids=[c[0] for c in REFUSED]
)
def test_bad_predikat_forms_are_refused_by_name(lines: str, entry: str, error: str) -> None:
    """An unknown level or scale, a sum of predikat, a numeric scale: refused, named."""
    with pytest.raises((ReportFileError, InvalidValueError, UnknownNameError), match=error):
        loads_report(_file(entry, lines))


def test_the_model_checks_levels_against_the_scale() -> None:
    """A level worth another value than its scale says, or a predikat without a scale."""
    wtp = Target(MeasureKind.ORDINAL, D(4), level="WTP")
    wrong = Realisation(MeasureKind.ORDINAL, D(9), level="WTP")
    with pytest.raises(InvalidValueError, match="is not the level 'WTP'"):
        Indicator("x", "X", [IndicatorPeriod("2020", wtp, wrong)], ordinal="opini-bpk")
    with pytest.raises(InvalidValueError, match="names no ordinal scale"):
        Indicator("x", "X", [IndicatorPeriod("2020", wtp)])
    with pytest.raises(InvalidValueError, match="has its level"):
        Target(MeasureKind.ORDINAL, D(4))


def test_presets_are_sourced_and_ordered() -> None:
    """Each preset names its source; the levels' values rise."""
    for scale in ORDINAL_SCALES.values():
        assert scale.source
        values = [level.value for level in scale.levels]
        assert values == sorted(values)
    assert ["TMP", "TW", "WDP", "WTP"] == [
        level.label for level in ORDINAL_SCALES["opini-bpk"].levels
    ]
    with pytest.raises(InvalidValueError, match="must be worth more than"):
        OrdinalScale("x", [OrdinalLevel("B", 2), OrdinalLevel("A", 1)])


@given(st.sampled_from(sorted(ORDINAL_SCALES)), st.data())
def test_a_higher_level_never_scores_lower(name: str, data: st.DataObject) -> None:
    """For every target level, capaian rises with the realised level and is 100 % at it."""
    levels = ORDINAL_SCALES[name].levels
    target = data.draw(st.sampled_from(levels))
    low, high = sorted(
        data.draw(st.lists(st.sampled_from(levels), min_size=2, max_size=2)),
        key=lambda lv: lv.value,
    )
    capaian = [lakipcore.capaian(target.value, level.value) for level in (low, target, high)]
    assert capaian[1] == D(100)
    assert capaian[0] <= capaian[2]


def test_the_workbook_carries_the_scale(tmp_path: Path) -> None:
    """An exported workbook names the scale (Skala ordinal) and reads back equal."""
    require("openpyxl")
    from lakipcore.excel import read_workbook, write_workbook

    report = loads_report(_file('target = "WTP"\nrealisation = "WDP"\n'))
    assert report == read_workbook(write_workbook(lakipcore.assess(report), tmp_path / "o.xlsx"))
