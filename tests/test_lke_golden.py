"""Golden tests: published evaluation results reproduced from their components.

The figures are those the sources print (each example file names its source): Kabupaten
Grobogan's 2024 result under PermenPAN-RB 88/2021 (four components) and Kota Bima's 2019 and
2020 results under the 12/2015 worksheet (five components). No published page found prints the
answers per criterion, so these results are checked as printed: the total against the sum of
the components, the predikat against the band of the total.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest

from lakipcore import lke
from lakipcore.figures import parse_figure
from lakipcore.lke import PrintedEvaluation, PrintedScore, Worksheet
from lakipcore.lke.scoring import grade_exact
from lakipcore.results.findings import FindingCode


@pytest.mark.parametrize(
    ("name", "components", "total", "predikat"),
    [
        ("grobogan-2024.toml", ("23,02", "19,16", "9,65", "14,1"), "65,93", "B"),
        ("kota-bima-2019.toml", ("22,98", "17,91", "10,68", "5,76", "9,72"), "67,05", "B"),
        ("kota-bima-2020.toml", ("23,33", "18,33", "10,84", "5,91", "10,07"), "68,48", "B"),
    ],
)
def test_a_published_total_is_the_sum_of_its_components(
    name: str, components: tuple[str, ...], total: str, predikat: str
) -> None:
    evaluation = lke.evaluate(lke.example_worksheet(name))
    printed = evaluation.worksheet.printed
    assert printed is not None
    assert components == tuple(f.text for f in printed.components.values())
    assert Fraction(Decimal(total.replace(",", "."))) == evaluation.printed_sum
    assert (total, predikat) == (printed.total.text, printed.predikat)  # type: ignore[union-attr]
    assert evaluation.printed_band is not None
    assert predikat == evaluation.printed_band.letter
    assert [] == list(evaluation.findings)
    assert evaluation.score is None  # no answers are published: nothing is simulated


def test_a_component_changed_by_a_slip_is_found() -> None:
    """Grobogan with one component misprinted (23,20 for 23,02): the total no longer adds up."""
    worksheet = lke.example_worksheet("grobogan-2024.toml")
    assert worksheet.printed is not None
    components = dict(worksheet.printed.components)
    components["1"] = PrintedScore("23,20", parse_figure("23,20"))
    changed = Worksheet(
        worksheet.design,
        worksheet.unit,
        {},
        layers=worksheet.layers,
        printed=PrintedEvaluation(
            "penilai", total=worksheet.printed.total, predikat="B", components=components
        ),
    )
    (finding,) = lke.audit_worksheet(changed)
    assert FindingCode.FIGURE_MISMATCH == finding.code
    assert "total" == finding.subject.item
    assert Decimal("66.11") == finding.recomputed


def test_a_rounding_difference_of_printed_parts_is_a_note_not_an_error() -> None:
    worksheet = lke.example_worksheet("grobogan-2024.toml")
    assert worksheet.printed is not None
    changed = Worksheet(
        worksheet.design,
        worksheet.unit,
        {},
        layers=worksheet.layers,
        printed=PrintedEvaluation(
            "penilai",
            total=PrintedScore("65,94", parse_figure("65,94")),
            components=worksheet.printed.components,
        ),
    )
    assert [FindingCode.ROUNDED_INPUT] == [f.code for f in lke.audit_worksheet(changed)]


def test_a_printed_score_above_its_weight_is_an_error() -> None:
    worksheet = lke.example_worksheet("kota-bima-2020.toml")
    assert worksheet.printed is not None
    components = dict(worksheet.printed.components)
    components["D"] = PrintedScore("15,91", parse_figure("15,91"))  # Evaluasi Internal weighs 10
    changed = Worksheet(
        worksheet.design,
        worksheet.unit,
        {},
        layers=worksheet.layers,
        printed=PrintedEvaluation("penilai", components=components),
    )
    assert [(FindingCode.ABOVE_WEIGHT, "D")] == [
        (f.code, f.subject.item) for f in lke.audit_worksheet(changed)
    ]


# Totals and predikat printed together, each from the source named (docs/evaluation.md):
# the predikat is the band of the printed total under PermenPAN-RB 88/2021's bands.
PUBLISHED = [
    ("Kota Kotamobagu 2023, tajuk.news", "68,59", "B"),
    ("Kab. Badung 2019, bali.antaranews.com", "77,90", "BB"),
    ("Kab. Serang 2018, republika.co.id", "74,54", "BB"),
    ("Kab. Lebak 2018, republika.co.id", "74,15", "BB"),
    ("Kab. Pandeglang 2018, republika.co.id", "70,15", "BB"),
    ("Prov. Banten 2018, republika.co.id", "60,2", "B"),
    ("Kota Mataram 2014, mataram.antaranews.com", "58,1", "CC"),
    ("Kota Mataram 2017, mataram.antaranews.com", "63,13", "B"),
    ("Kota Mataram 2021, mataram.antaranews.com", "66,62", "B"),
    ("Kab. Empat Lawang 2019, hariansilampari.co.id", "52,99", "CC"),
    ("Kab. Empat Lawang 2018, hariansilampari.co.id", "41,93", "C"),
    ("Prov. Kalimantan Timur 2024, insitekaltim.com", "78,74", "BB"),
    ("Kab. Banyumas 2023, suarasiber.co.id", "80,53", "A"),
    ("Kab. Banyumas 2024, suarasiber.co.id", "81,79", "A"),
    ("Kab. Grobogan 2024, lingkarjateng.id", "65,93", "B"),
    ("Kab. Sumedang 2021, eljabar.com", "75,26", "BB"),
]


@pytest.mark.parametrize(("source", "total", "predikat"), PUBLISHED, ids=[p[0] for p in PUBLISHED])
def test_published_predikat_are_the_bands_of_their_totals(
    source: str, total: str, predikat: str
) -> None:
    table = lke.get_design("permenpanrb-88-2021").grades
    assert predikat == grade_exact(table, Fraction(parse_figure(total).value)).letter
