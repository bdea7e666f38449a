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
    "office.years.2019.printed.performance-yoy.summary-yoy": (
        "7,74 % but 116,13 − 108,66 = 7,47 (exact 7,46): the digits are transposed"
    ),
    "office.years.2019.printed.performance-yoy.prose": (
        "the prose repeats the transposed 7,74 % of the YoY table"
    ),
    "units[0].years.2019.printed.achievement.unit-yoy": (
        "Sekjen's YoY total prints 114,48 % where its dashboard and YoY (14,58) use 114,58 %"
    ),
    "units[3].indicators[0].years.2019.printed.relative-change.prose": (
        "KI requests grew 44,44 % (169 against 117): the counts are evidence, not core inputs"
    ),
    "units[5].indicators[6].years.2019.printed.realisation.summary-indicators": (
        "BPHN training: the KANWIL table prints 64 peserta, the unit table and dashboard use 50"
    ),
    "units[5].indicators[6].years.2019.printed.capaian.summary-indicators": (
        "BPHN training: 128 % follows from the 64 peserta of the KANWIL table, not from 50/50"
    ),
    "units[7].years.2019.printed.achievement-yoy.prose": (
        "Imigrasi prose says 26,65 where its YoY table says 26,63 (197,55 − 170,91 = 26,64; "
        "exact 26,632)"
    ),
    "units[8].years.2019.printed.performance.summary-dashboard": (
        "'104.30%' uses a decimal point; as 104,30 it would be right"
    ),
    "units[8].indicators[1].years.2019.printed.realisation.prose": (
        "the prose's 41,79 % (28 of 67 children) is not the 30 % realisation of the table"
    ),
    "units[8].indicators[2].years.2019.printed.realisation.prose": (
        "the prose's 0,043 % recidivism (5 of 11.622) is not the 10 % realisation of the table"
    ),
}


@pytest.fixture(scope="module")
def report() -> lakipcore.Report:
    """The shipped example."""
    return lakipcore.load_example()


@pytest.fixture(scope="module")
def recomputed(report: lakipcore.Report) -> list[Recomputed]:
    """Every printed figure of the example with its recomputed value (and bounds)."""
    assert report.previous is not None
    methods = [lakipcore.get_method(y.method or "") for y in (report.current, report.previous)]
    return recompute_bounded(report, methods[0], methods[1])


def _printed(report: lakipcore.Report, year: int, quantity: str, place: str) -> Decimal:
    office = report.current if report.current.year == year else report.previous
    assert office is not None
    for printed in office.printed:
        if printed.quantity.value == quantity and printed.place.value == place:
            return printed.figure().value
    raise LookupError((year, quantity, place))


def test_example_prints_many_figures(recomputed: list[Recomputed]) -> None:
    """The example records the report's printed figures (guards against an emptied file)."""
    assert len(recomputed) >= 480


def test_every_printed_figure_is_explained_or_documented(recomputed: list[Recomputed]) -> None:
    """Each printed figure follows from the inputs by an admissible reading, or is listed."""
    unexplained = {item.printed.field for item in recomputed if explain(item) is None}
    assert set(UNEXPLAINED) == unexplained


@pytest.mark.parametrize("field", sorted(UNEXPLAINED))
def test_unexplained_figures_are_documented(field: str) -> None:
    """docs/inconsistencies.md lists every figure the golden tests cannot reproduce."""
    assert field in INCONSISTENCIES_DOC.read_text(encoding="utf-8")


# Printed figures that are the exact value truncated, not rounded half-up.
TRUNCATED = {
    # Output absorptions 99,997 % and 99,999 %, which half-up would print as 100,00 %.
    "units[0].years.2019.budget.outputs[0].printed.absorption.unit-budget",
    "units[0].years.2019.budget.outputs[6].printed.absorption.unit-budget",
    # The Nilai Akuntabilitas Kinerja 90,9977… (mean of IPK, IKM, Integritas on skala 100) is
    # printed 90,99 everywhere, and its capaian 101,10 % is computed from that truncated value.
    "units[0].years.2019.evidence[0].totals[3].printed",
    "units[0].indicators[2].years.2019.printed.realisation.unit-indicators",
    "units[0].indicators[2].years.2019.printed.realisation.summary-indicators",
    "units[0].indicators[2].years.2019.printed.realisation.unit-yoy",
    "units[0].indicators[2].years.2019.printed.realisation.prose",
    "units[0].indicators[2].years.2019.printed.capaian.unit-indicators",
    "units[0].indicators[2].years.2019.printed.capaian.unit-yoy",
    "units[0].indicators[2].years.2019.printed.capaian.prose",
    # The KANWIL summary prints the TAK capaian 275,502 % as 275 % (the unit table: 276 %).
    "units[7].indicators[2].years.2019.printed.capaian.summary-indicators",
}


def test_readings_other_than_half_up(recomputed: list[Recomputed]) -> None:
    """Half-up explains nearly everything; the other readings explain exactly these figures."""
    readings = {str(item.printed.field): explain(item) for item in recomputed}
    by_reading = {
        reading: {field for field, r in readings.items() if r is reading} for reading in Reading
    }
    assert TRUNCATED == by_reading[Reading.TRUNCATED]
    assert {"units[2].years.2019.printed.performance-yoy.summary-yoy"} == by_reading[
        Reading.ROUNDED_INPUT
    ]
    assert {"units[7].years.2019.printed.performance-yoy.summary-yoy"} == by_reading[
        Reading.PRINTED_OPERANDS
    ]
    assert len(readings) - len(UNEXPLAINED) - 13 == len(by_reading[Reading.HALF_UP])


@pytest.mark.parametrize(
    ("year", "method"), [(2019, "banten-2019"), (2018, "banten-2018")], ids=["2019", "2018"]
)
def test_office_row_under_its_preset(report: lakipcore.Report, year: int, method: str) -> None:
    """The office row of the YoY table is reproduced, for each year, by that year's preset."""
    office = report.current if year == report.year else report.previous
    assert office is not None
    scored = lakipcore.score_year(office, method)
    for quantity in ("achievement", "absorption", "performance"):
        printed = _printed(report, year, quantity, "summary-yoy")
        exact = getattr(scored, quantity)
        assert printed == lakipcore.round_to(exact, 2), quantity
    assert scored.method.name == method


def test_office_row_2019_needs_its_own_preset(report: lakipcore.Report) -> None:
    """Under the 2018 method the 2019 office row comes out differently: methods matter."""
    printed = _printed(report, 2019, "achievement", "summary-dashboard")
    other = lakipcore.score_year(report.current, "banten-2018")
    assert printed != lakipcore.round_to(other.achievement, 2)
    assert Decimal("134.52") == lakipcore.round_to(other.achievement, 2)


def test_2018_total_amounts_method_is_refused(report: lakipcore.Report) -> None:
    """2018 budgets are only printed rates, so summing amounts is refused, not invented."""
    assert report.previous is not None
    with pytest.raises(lakipcore.MethodNotApplicableError, match="printed absorption rate"):
        lakipcore.score_year(report.previous, "banten-2019")


def test_example_counts(report: lakipcore.Report) -> None:
    """9 units each year; 34 targeted indicators in 2019, as the office mean pools them."""
    assert report.previous is not None
    assert len(report.current.units) == len(report.previous.units) == 9
    targeted = [i for u in report.current.units for i in u.indicators if i.is_targeted]
    assert len(targeted) == 34


@pytest.mark.skipif(not SOURCE.exists(), reason="the source report is not beside the checkout")
def test_printed_texts_appear_verbatim_in_the_source(recomputed: list[Recomputed]) -> None:
    """Every printed text of the example occurs in the source report (transcription check)."""
    source = SOURCE.read_text(encoding="utf-8")
    missing = {item.printed.text for item in recomputed if item.printed.text not in source}
    assert set() == missing
