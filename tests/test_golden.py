"""Golden tests: every figure the Banten 2019 report prints, recomputed from its inputs.

The expected figures are the report's own, as transcribed into the shipped example file (and, where
the source text is available beside the checkout, checked to appear verbatim in it). Figures that
cannot be reproduced are listed in ``UNEXPLAINED`` with the reason, and in
docs/inconsistencies.md; the engine is never bent to match them.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

import lakipcore
from lakipcore.audit import Reading, Recomputed, explain
from lakipcore.audit.bounds import recompute_bounded

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT.parent / "shared" / "sources" / "lakip-kanwil-banten-2019-bab3.txt"
INCONSISTENCIES_DOC = ROOT / "docs" / "inconsistencies.md"

# Printed figures no admissible reading explains, by field path in the example file.
UNEXPLAINED = {
    "office.periods.2019.printed.performance-yoy.summary-yoy": (
        "7,74 % but 116,13 − 108,66 = 7,47 (exact 7,46): the digits are transposed"
    ),
    "office.periods.2019.printed.performance-yoy.prose": (
        "the prose repeats the transposed 7,74 % of the YoY table"
    ),
    "units[0].periods.2019.printed.achievement.unit-yoy": (
        "Sekjen's YoY total prints 114,48 % where its dashboard and YoY (14,58) use 114,58 %"
    ),
    "units[5].indicators[6].periods.2019.printed.realisation.summary-indicators": (
        "BPHN training: the KANWIL table prints 64 peserta, the unit table and dashboard use 50"
    ),
    "units[5].indicators[6].periods.2019.printed.capaian.summary-indicators": (
        "BPHN training: 128 % follows from the 64 peserta of the KANWIL table, not from 50/50"
    ),
    "units[7].periods.2019.printed.achievement-yoy.prose": (
        "Imigrasi prose says 26,65 where its YoY table says 26,63 (197,55 − 170,91 = 26,64; "
        "exact 26,632)"
    ),
    "units[8].periods.2019.printed.performance.summary-dashboard": (
        "'104.30%' uses a decimal point; as 104,30 it would be right"
    ),
    "units[8].indicators[1].periods.2019.printed.realisation.prose": (
        "the prose's 41,79 % (28 of 67 children) is not the 30 % realisation of the table"
    ),
    "units[8].indicators[2].periods.2019.printed.realisation.prose": (
        "the prose's 0,043 % recidivism (5 of 11.622) is not the 10 % realisation of the table"
    ),
}


@pytest.fixture(scope="module")
def report() -> lakipcore.Report:
    """The shipped example."""
    return lakipcore.load_example()


@pytest.fixture(scope="module")
def methods(report: lakipcore.Report) -> dict[str, lakipcore.ScoringMethod]:
    """Each period's own method, as the example names it."""
    return {p.key: lakipcore.get_method(p.method or "") for p in report.periods}


@pytest.fixture(scope="module")
def recomputed(
    report: lakipcore.Report, methods: dict[str, lakipcore.ScoringMethod]
) -> list[Recomputed]:
    """Every printed figure of the example with its recomputed value (and bounds)."""
    assert ["2018", "2019"] == [p.key for p in report.periods]
    score = lakipcore.score_report(report, methods)
    return recompute_bounded(report, score)


def _field(item: Recomputed) -> str:
    """The path in the example file of the printed figure ``item`` recomputes."""
    origin = item.printed.origin
    assert origin is not None
    assert origin.path is not None
    return origin.path


def _printed(report: lakipcore.Report, key: str, quantity: str, place: str) -> Decimal:
    block = report.root.at(key)
    assert block is not None
    for printed in block.printed:
        if printed.quantity.value == quantity and printed.place == place:
            return printed.figure().value
    raise LookupError((key, quantity, place))


def test_example_prints_many_figures(recomputed: list[Recomputed]) -> None:
    """The example records the report's printed figures (guards against an emptied file)."""
    assert len(recomputed) >= 480


def test_every_printed_figure_is_explained_or_documented(recomputed: list[Recomputed]) -> None:
    """Each printed figure follows from the inputs by an admissible reading, or is listed."""
    unexplained = {_field(item) for item in recomputed if explain(item) is None}
    assert set(UNEXPLAINED) == unexplained


@pytest.mark.parametrize("field", sorted(UNEXPLAINED))
def test_unexplained_figures_are_documented(field: str) -> None:
    """docs/inconsistencies.md lists every figure the golden tests cannot reproduce."""
    assert field in INCONSISTENCIES_DOC.read_text(encoding="utf-8")


# Printed figures that are the exact value truncated, not rounded half-up.
TRUNCATED = {
    # Output absorptions 99,997 % and 99,999 %, which half-up would print as 100,00 %.
    "units[0].periods.2019.budget.outputs[0].printed.absorption.unit-budget",
    "units[0].periods.2019.budget.outputs[6].printed.absorption.unit-budget",
    # The Nilai Akuntabilitas Kinerja 90,9977… (mean of IPK, IKM, Integritas on skala 100) is
    # printed 90,99 everywhere, and its capaian 101,10 % is computed from that truncated value.
    "units[0].periods.2019.evidence[0].totals[3].printed",
    "units[0].indicators[2].periods.2019.printed.realisation.unit-indicators",
    "units[0].indicators[2].periods.2019.printed.realisation.summary-indicators",
    "units[0].indicators[2].periods.2019.printed.realisation.unit-yoy",
    "units[0].indicators[2].periods.2019.printed.realisation.prose",
    "units[0].indicators[2].periods.2019.printed.capaian.unit-indicators",
    "units[0].indicators[2].periods.2019.printed.capaian.unit-yoy",
    "units[0].indicators[2].periods.2019.printed.capaian.prose",
    # The KANWIL summary prints the TAK capaian 275,502 % as 275 % (the unit table: 276 %).
    "units[7].indicators[2].periods.2019.printed.capaian.summary-indicators",
}


def test_readings_other_than_half_up(recomputed: list[Recomputed]) -> None:
    """Half-up explains nearly everything; the other readings explain exactly these figures."""
    readings = {_field(item): explain(item) for item in recomputed}
    by_reading = {
        reading: {field for field, r in readings.items() if r is reading} for reading in Reading
    }
    assert TRUNCATED == by_reading[Reading.TRUNCATED]
    assert {"units[2].periods.2019.printed.performance-yoy.summary-yoy"} == by_reading[
        Reading.ROUNDED_INPUT
    ]
    assert {"units[7].periods.2019.printed.performance-yoy.summary-yoy"} == by_reading[
        Reading.PRINTED_OPERANDS
    ]
    assert len(readings) - len(UNEXPLAINED) - 13 == len(by_reading[Reading.AS_DECLARED])


@pytest.mark.parametrize(
    ("key", "method"), [("2019", "banten-2019"), ("2018", "banten-2018")], ids=["2019", "2018"]
)
def test_office_row_under_its_preset(report: lakipcore.Report, key: str, method: str) -> None:
    """The office row of the YoY table is reproduced, for each year, by that year's preset."""
    assert method == report.period(key).method
    scored = lakipcore.score_period(report, key, method)
    for quantity in ("achievement", "absorption", "performance"):
        printed = _printed(report, key, quantity, "summary-yoy")
        exact = getattr(scored, quantity)
        assert exact is not None, quantity
        assert printed == lakipcore.round_to(exact, 2), quantity
    assert scored.method.name == method


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("2019", ("133.51", "98.75", "116.13")),
        ("2018", ("119.58", "97.75", "108.66")),
    ],
    ids=["2019", "2018"],
)
def test_office_row_figures(report: lakipcore.Report, key: str, expected: tuple[str, ...]) -> None:
    """The office row the report prints: 2019 133,51 / 98,75 / 116,13; 2018 119,58 / 97,75 /
    108,66 (achievement, absorption, performance), each period under its declared method."""
    scored = lakipcore.score_report(report).period(key)
    values = (scored.achievement, scored.absorption, scored.performance)
    assert all(v is not None for v in values)
    assert tuple(Decimal(e) for e in expected) == tuple(
        lakipcore.round_to(v, 2) for v in values if v is not None
    )
    assert lakipcore.score_report(report).current.key == "2019" == report.main_period.key


def test_office_row_2019_needs_its_own_preset(report: lakipcore.Report) -> None:
    """Under the 2018 method the 2019 office row comes out differently: methods matter."""
    printed = _printed(report, "2019", "achievement", "summary-dashboard")
    other = lakipcore.score_period(report, "2019", "banten-2018")
    assert other.achievement is not None
    assert printed != lakipcore.round_to(other.achievement, 2)
    assert Decimal("134.52") == lakipcore.round_to(other.achievement, 2)


def test_2018_total_amounts_method_is_refused(report: lakipcore.Report) -> None:
    """2018 budgets are only printed rates, so summing amounts is refused, not invented."""
    with pytest.raises(lakipcore.errors.MethodNotApplicableError, match="printed absorption rate"):
        lakipcore.score_period(report, "2018", "banten-2019")
    with pytest.raises(lakipcore.errors.MethodNotApplicableError, match="printed absorption rate"):
        lakipcore.score_report(report, {"2018": "banten-2019", "2019": "banten-2019"})


def test_example_counts(report: lakipcore.Report) -> None:
    """9 units each year; 34 targeted indicators in 2019, as the office mean pools them."""
    assert "kanwil-banten" == report.root.code
    assert 9 == len(report.root.units)
    for key in ("2018", "2019"):
        assert 9 == sum(u.takes_part(key) for u in report.root.units), key
    targeted = [
        entry
        for u in report.root.units
        for i in u.indicators
        if (entry := i.at("2019")) is not None and entry.is_targeted
    ]
    assert len(targeted) == 34
    pooled = lakipcore.score_report(report).current
    assert 34 == sum(s.capaian is not None for u in pooled.units for s in u.indicators)


@pytest.mark.skipif(not SOURCE.exists(), reason="the source report is not beside the checkout")
def test_printed_texts_appear_verbatim_in_the_source(recomputed: list[Recomputed]) -> None:
    """Every printed text of the example occurs in the source report (transcription check)."""
    source = SOURCE.read_text(encoding="utf-8")
    missing = {item.printed.text for item in recomputed if item.printed.text not in source}
    assert set() == missing
