"""Plausibility warnings: figures that compute, but deserve a second look (docs/audit.md)."""

from __future__ import annotations

from decimal import Decimal

import pytest

import lakipcore
from lakipcore.audit import Finding, Severity
from lakipcore.errors import InvalidValueError, ReportFileError
from lakipcore.formats.toml import dump_report, loads_report
from lakipcore.methods import DEFAULT_PLAUSIBILITY, Plausibility, ScoringMethod

PLAUSIBLE = ("implausible-percent", "implausible-capaian", "thin-achievement", "decimal-slip")


def _report(
    indicators: str,
    *,
    method: str = "",
    periods: tuple[str, ...] = ("2023",),
    planned: bool = False,
) -> str:
    """A one-office report with ``indicators`` (TOML of [[office.indicators]]) and, when
    ``method`` is given, the method ``m`` with those lines."""
    own = f'[methods.m]\nbase = "banten-2019"\n{method}\n' if method else ""
    declared = "m" if method else "banten-2019"
    plan = "planned = true\n" if planned else ""
    listed = "".join(f'[[periods]]\nkey = "{p}"\nmethod = "{declared}"\n{plan}\n' for p in periods)
    return (
        f'schema = 2\n\n[report]\ntitle = "Uji"\nmain = "{periods[-1]}"\n\n{listed}{own}'
        '[office]\ncode = "kantor"\nname = "Kantor Uji"\n\n' + indicators
    )


def _indicator(code: str, name: str, years: dict[str, tuple[str, str | None]]) -> str:
    lines = f'[[office.indicators]]\ncode = "{code}"\nname = "{name}"\n\n'
    for year, (target, realisation) in years.items():
        lines += f'[office.indicators.periods.{year}]\ntarget = "{target}"\n'
        if realisation is not None:
            lines += f'realisation = "{realisation}"\n'
        lines += "\n"
    return lines


def _warnings(text: str) -> list[Finding]:
    findings = lakipcore.assess(loads_report(text, source="uji.toml")).findings
    return [f for f in findings if f.code.value in PLAUSIBLE]


@pytest.mark.parametrize(
    ("target", "realisation", "expected"),
    [
        # A share above the whole: the realisation typed without its decimal mark.
        (
            "90%",
            "1.234,5%",
            [("implausible-percent", "realisation"), ("implausible-capaian", None)],
        ),
        ("90%", "100%", []),  # at the bound: plausible
        ("90%", "100,01%", [("implausible-percent", "realisation")]),
        ("400%", "80%", [("implausible-percent", "target")]),
        # A percentage capaian of 666,67 % (Lapas Baubau: 100 % against a target of 15 %).
        ("15%", "100%", [("implausible-capaian", None)]),
        ("15%", "30%", []),  # capaian 200 %, at the bound
        # Counts pass modest targets many times over: no capaian bound by default.
        ("10 Laporan", "45 Laporan", []),
    ],
)
def test_percentages_and_capaian_beyond_their_bounds(
    target: str, realisation: str, expected: list[tuple[str, str | None]]
) -> None:
    text = _report(_indicator("i1", "Persentase uji", {"2023": (target, realisation)}))
    found = _warnings(text)
    assert expected == [(f.code.value, _part(f)) for f in found]
    assert all(f.severity is Severity.WARNING for f in found)


def _part(finding: Finding) -> str | None:
    if finding.code.value != "implausible-percent":
        return None
    return (finding.location.field or "").rsplit(".", 1)[-1]


def test_a_message_names_the_figure_and_the_bound_in_both_languages() -> None:
    text = _report(_indicator("i1", "Persentase uji", {"2023": ("90%", "1.234,5%")}))
    share = _warnings(text)[0]
    assert (
        "the realisation 1.234,50% of a percentage indicator is above 100,00%: a share above "
        "the whole, perhaps a misplaced decimal mark"
    ) == share.message_in("en")
    assert share.message_in("id").startswith(
        "realisasi 1.234,50% dari indikator persentase melebihi"
    )
    assert Decimal("1234.5") == share.recomputed
    # The line of the period's block: the model keeps no line per value.
    assert share.location.said("en").endswith("indicator 1, realisation 2023; line 19")


def test_a_method_moves_or_turns_off_each_bound() -> None:
    indicators = _indicator("apk", "Persentase APK SMP", {"2023": ("101,51%", "103,22%")})
    assert 2 == len(_warnings(_report(indicators)))
    raised = _report(indicators, method='plausibility = { percent-realisation = "150%" }')
    assert [] == _warnings(raised)
    off = _report(indicators, method="plausibility = { percent-realisation = false }")
    assert [] == _warnings(off)
    counts = _indicator("n", "Jumlah laporan", {"2023": ("10 Laporan", "45 Laporan")})
    strict = _report(counts, method='plausibility = { count-capaian = "300%" }')
    assert ["implausible-capaian"] == [f.code.value for f in _warnings(strict)]


def test_an_achievement_resting_on_few_indicators() -> None:
    """Tanah Datar's case: one of six targeted indicators has a realisation."""
    indicators = _indicator("i1", "Indikator satu", {"2023": ("10", "9")})
    for number in range(2, 7):
        indicators += _indicator(f"i{number}", f"Indikator {number}", {"2023": ("10", None)})
    # A planned period (a Renstra year): targets for all, a realisation for one so far.
    (thin,) = _warnings(_report(indicators, planned=True))
    assert "thin-achievement" == thin.code.value
    assert "the achievement 90,00% rests on 1 of its 6 targeted indicators, fewer than 50,00%" == (
        thin.message_in("en")
    )
    assert thin.subject.item is None
    half = _indicator("i1", "Satu", {"2023": ("10", "9")})
    half += _indicator("i2", "Dua", {"2023": ("10", None)})
    assert [] == _warnings(_report(half, planned=True))  # 1 of 2 is 50 %: not fewer
    off = _report(indicators, method="plausibility = { indicator-share = false }", planned=True)
    assert [] == _warnings(off)


@pytest.mark.parametrize(
    ("series", "flagged"),
    [
        # Two periods: the later is compared with the earlier.
        ({"2022": ("50", "48"), "2023": ("50", "4.830")}, [("realisation", "2023", "larger")]),
        ({"2022": ("50", "4.830"), "2023": ("50", "48")}, [("realisation", "2023", "smaller")]),
        ({"2022": ("50", "48"), "2023": ("50", "480")}, []),  # 10 times: an ordinary change
        # Three periods: each against the median of the others; the slip is in 2022.
        (
            {"2021": ("40", "41"), "2022": ("5.000", "45"), "2023": ("50", "48")},
            [("target", "2022", "larger")],
        ),
    ],
)
def test_a_value_a_hundred_times_its_neighbours(
    series: dict[str, tuple[str, str]], flagged: list[tuple[str, str, str]]
) -> None:
    text = _report(_indicator("i1", "Jumlah peserta", series), periods=tuple(series))
    found = [f for f in _warnings(text) if f.code.value == "decimal-slip"]
    assert flagged == [
        (
            (f.location.field or "").rsplit(".", 1)[-1],
            f.period,
            "larger" if "times larger" in f.message_in("en") else "smaller",
        )
        for f in found
    ]


def test_the_bounds_are_a_methods_data_and_round_trip_in_files() -> None:
    method = 'plausibility = { capaian = "250%", count-capaian = "400%", slip-factor = false }'
    text = _report(_indicator("i1", "Persentase", {"2023": ("50%", "40%")}), method=method)
    report = loads_report(text)
    bounds = report.method("m").plausibility
    assert Plausibility(capaian=250, count_capaian=400, slip_factor=None) == bounds
    written = dump_report(report)
    assert "plausibility = { capaian = " in written
    assert loads_report(written) == report
    # A method with the default bounds writes none of them.
    assert "plausibility" not in dump_report(loads_report(_report("", method='cap = "120%"')))


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('plausibility = { capaian = "250" }', "write capaian as a percentage"),
        ('plausibility = { slip-factor = "100%" }', "write slip-factor as a plain number"),
        ('plausibility = { slip-factor = "1" }', "must be above 1"),
        ('plausibility = { indicator-share = "150%" }', "at most 100"),
        ('plausibility = { capaian = "0%" }', "must be above 0"),
        ('plausibility = { capayan = "150%" }', "capayan"),
    ],
)
def test_a_bad_bound_is_an_error_naming_its_field(line: str, message: str) -> None:
    with pytest.raises(ReportFileError, match=message) as caught:
        loads_report(_report("", method=line), source="uji.toml")
    assert any("methods.m.plausibility" in (e.field or "") for e in caught.value.errors)


def test_bounds_change_warnings_not_scores() -> None:
    base = ScoringMethod(name="a")
    other = ScoringMethod(name="b", plausibility=Plausibility(capaian=None))
    assert base.same_parts(other)
    assert DEFAULT_PLAUSIBILITY == base.plausibility
    with pytest.raises(InvalidValueError, match="indicator_share"):
        Plausibility(indicator_share=101)
