"""Survey scales, conversions, grade tables and rules: the report's figures, properties, bad input.

Expected figures are those printed in chapter III of the Banten LAKIP 2019 (the survey tables of
the Sekjen, Imigrasi, Pemasyarakatan and HAM sections).
"""

from __future__ import annotations

import decimal
import itertools
from decimal import Decimal

import attrs
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import lakipcore
from lakipcore import LakipTypeError, Rounding
from lakipcore.errors import InvalidValueError, UnknownNameError
from lakipcore.surveys import (
    GRADE_TABLES,
    SCALES,
    Band,
    GradeTable,
    Scale,
    composite_mean,
    convert,
    get_grade_table,
    get_scale,
    ikm_from_elements,
    mean_of_scores,
    peduli_ham,
    wbk_candidacy,
)
from strategies import hostile_context

D = Decimal

# --- the report's figures ------------------------------------------------------------------

# (value, from scale, to scale, printed result); each printed result is exact unless rounded
CONVERSIONS = [
    ("18.76", "skala-20", "skala-10", "9.38"),  # Sekjen: IKM internal → target scale
    ("14.15", "skala-15", "skala-100", "94.33"),  # Kanwil IPK, "Konversi Skala 100"
    ("18.76", "skala-20", "skala-100", "93.80"),  # Kanwil IKM
    ("84.86", "skala-100", "skala-100", "84.86"),  # Kanwil Integritas
    ("96.25", "skala-100", "skala-10", "9.625"),  # Kantor Imigrasi Tangerang
    ("87", "skala-100", "skala-10", "8.7"),  # Kantor Imigrasi Serang
    ("77", "skala-100", "skala-10", "7.7"),  # Kantor Imigrasi Cilegon
    ("86.75", "skala-100", "skala-10", "8.675"),  # RATA-RATA IKM Imigrasi
]
assert len({c[:3] for c in CONVERSIONS}) == len(CONVERSIONS)


@pytest.mark.parametrize(("value", "source", "target", "printed"), CONVERSIONS)
def test_printed_conversions(value: str, source: str, target: str, printed: str) -> None:
    """Every conversion the report prints follows from the linear map, at the printed places."""
    exact = convert(D(value), source, target)
    assert D(printed) == lakipcore.round_to(exact, lakipcore.figures.Figure(D(printed)).places)
    assert Rounding.HALF_UP == lakipcore.rounding.explaining_rounding(D(printed), exact)


def test_conversions_that_are_exact() -> None:
    """Conversions whose ratio terminates are exact, not merely close: 18,76 → 9,38."""
    assert D("9.38") == convert(D("18.76"), "skala-20", "skala-10")
    assert D("8.675") == convert(D("86.75"), "skala-100", "skala-10")
    assert D("94.33") != convert(D("14.15"), "skala-15", "skala-100")


def test_ipk_to_skala_100_is_a_repeating_decimal() -> None:
    """14,15 on skala 15 is 94,333… on skala 100, carried unrounded to the private precision."""
    exact = convert(D("14.15"), "skala-15", "skala-100")
    assert D("94.33") == lakipcore.round_to(exact, 2)
    assert D("94." + "3" * 40) == lakipcore.round_to(exact, 40)


def test_nilai_akuntabilitas_kinerja_is_truncated_in_the_report() -> None:
    """The composite of IPK, IKM and Integritas is 90,9977…: half-up gives 91,00, not 90,99.

    The report prints 90,99, which only truncation explains, whether the mean is taken of the
    exact conversions or of the printed 94,33, 93,80 and 84,86. The capaian 101,10 % printed
    next to it is computed from the truncated 90,99 (the exact mean gives 101,11 %).
    """
    exact = composite_mean(
        [(D("14.15"), "skala-15"), (D("18.76"), "skala-20"), (D("84.86"), "skala-100")]
    )
    assert D("90.99" + "7" * 38) == lakipcore.round_to(exact, 40, Rounding.TRUNCATE)
    assert D("91.00") == lakipcore.round_to(exact, 2)
    assert Rounding.TRUNCATE == lakipcore.rounding.explaining_rounding(D("90.99"), exact)
    from_printed = mean_of_scores([D("94.33"), D("93.80"), D("84.86")], "skala-100")
    assert D("91.00") == lakipcore.round_to(from_printed, 2)
    assert Rounding.TRUNCATE == lakipcore.rounding.explaining_rounding(D("90.99"), from_printed)
    assert D("101.10") == lakipcore.round_to(lakipcore.capaian(D(90), D("90.99")), 2)
    assert D("101.11") == lakipcore.round_to(lakipcore.capaian(D(90), exact), 2)


def test_composite_on_another_common_scale() -> None:
    """The composite can be formed on any common scale: on skala 10 it is 9,0997…"""
    scores = [(D("14.15"), "skala-15"), (D("18.76"), "skala-20"), (D("84.86"), "skala-100")]
    on_100 = composite_mean(scores)
    on_10 = composite_mean(scores, scale="skala-10")
    back = convert(on_10, "skala-10", "skala-100")
    assert lakipcore.round_to(on_100, 40) == lakipcore.round_to(back, 40)


def test_immigration_mean_and_its_skala_10() -> None:
    """The three immigration offices' IKM 96,25, 87 and 77 average 86,75, i.e. 8,675 on skala 10."""
    scores = [D("96.25"), D(87), D(77)]
    assert D("86.75") == mean_of_scores(scores, "skala-100")
    assert D("8.675") == mean_of_scores(scores, "skala-100", to="skala-10")
    assert D("118.84") == lakipcore.round_to(lakipcore.capaian(D("7.3"), D("8.675")), 2)


def test_ikm_unit_scale_is_not_the_reports_skala_100() -> None:
    """Read as the 25-100 IKM unit scale, 86,75 would be 8,233… on skala 10, not the printed 8,675.

    The report converts unit IKMs as if they started at 0; the library does what the scale says.
    """
    as_ikm_scale = convert(D("86.75"), "ikm-25-100", "skala-10")
    assert D("8.233") == lakipcore.round_to(as_ikm_scale, 3)


def test_ikm_from_elements_is_the_mean_times_25() -> None:
    """PermenPAN-RB 14/2017: the mean of nine element scores on 1-4, × 25, gives 25-100."""
    assert D(25) == ikm_from_elements([D(1)] * 9)
    assert D(100) == ikm_from_elements([D(4)] * 9)
    scores = [D("3.2"), D("3.1"), D("3.4"), D("3.0"), D("3.5"), D("3.3"), D("3.2"), D("3.6"), D(3)]
    assert D("81.39") == lakipcore.round_to(ikm_from_elements(scores), 2)  # 29,3 / 9 × 25
    assert D(75) == ikm_from_elements([D(3)] * 4, elements=4)


def test_kanwil_grades() -> None:
    """The Kanwil's nilai mutu: IPK 14,15 A and IKM 18,76 A under the Kemenkumham presets."""
    assert "A" == get_grade_table("kemenkumham-ipk-15").grade(D("14.15")).letter
    assert "A" == get_grade_table("kemenkumham-ikm-20").grade(D("18.76")).letter


def test_integritas_grade_is_left_to_a_user_table() -> None:
    """Integritas 84,86 is printed B. No preset grades Integritas; a user table can.

    84,86 lies in PermenPAN-RB 14/2017's B band (76,61-88,30), and below 90 % of its scale (the
    pattern of the Kemenkumham IPK and IKM grades); AKIP's table would say A. The source of the
    Integritas grades is not published, so the library ships no preset for it.
    """
    assert "B" == get_grade_table("permenpanrb-14-2017-ikm").grade(D("84.86")).letter
    assert "A" == get_grade_table("akip-permenpanrb-88-2021").grade(D("84.86")).letter
    mine = GradeTable(
        "integritas-as-printed",
        "skala-100",
        [
            Band(D("84.86"), D(90), "B", upper_inclusive=False),
            Band(D(90), D(100), "A"),
        ],
        source="Banten LAKIP 2019: Integritas 84,86 printed B; A from 90 % assumed",
    )
    assert "B" == mine.grade(D("84.86")).letter
    with pytest.raises(InvalidValueError, match=r"does not know grades below 84\.86"):
        mine.grade(D("80"))


# (unit, respondents, IPK skala 15, its letter, IKM skala 20, its letter), as printed
PEMASYARAKATAN = [
    ("Bapas Ciangir", 56, "14.65", "A", "19.61", "A"),
    ("Rupbasan Serang", 49, "14.46", "A", "19.36", "A"),
    ("LP Perempuan Tangerang", 43, "14.36", "A", "19.21", "A"),
    ("Bapas Tangerang", 45, "14.28", "A", "19.25", "A"),
    ("LP Serang", 50, "14.24", "A", "19.04", "A"),
    ("Rutan Tangerang", 70, "13.86", "A", "18.67", "A"),
    ("Bapas Serang", 65, "13.62", "A", "18.34", "A"),
    ("LPKA", 39, "13.57", "A", "18.09", "A"),
    ("Rutan Pandeglang", 55, "13.55", "A", "18.08", "A"),
    ("LP Kls I Tangerang", 174, "13.41", "B", "18.02", "A"),
    ("LPAW Tangerang", 51, "13.46", "B", "18.12", "A"),
    ("LP Cilegon", 47, "13.32", "B", "17.77", "B"),
    ("Rutan Serang", 40, "13.07", "B", "17.61", "B"),
    ("LP Pemuda Tangerang", 37, "12.74", "B", "17.32", "B"),
    ("LP Terbuka Ciangir", 10, "13.69", "A", "18.58", "A"),
]
assert len({row[0] for row in PEMASYARAKATAN}) == len(PEMASYARAKATAN) == 15

# the WBK criteria each unit fails; the others are eligible
WBK_FAILED = {
    "LP Kls I Tangerang": ("ipk",),
    "LPAW Tangerang": ("ipk",),
    "LP Cilegon": ("ipk",),
    "Rutan Serang": ("ipk",),
    "LP Pemuda Tangerang": ("ipk",),
    "LP Terbuka Ciangir": ("respondents",),
}


@pytest.mark.parametrize("row", PEMASYARAKATAN, ids=[row[0] for row in PEMASYARAKATAN])
def test_pemasyarakatan_grades(row: tuple[str, int, str, str, str, str]) -> None:
    """Every nilai mutu of the 15 Pemasyarakatan units is reproduced by the Kemenkumham presets."""
    _, _, ipk, ipk_letter, ikm, ikm_letter = row
    assert ipk_letter == get_grade_table("kemenkumham-ipk-15").grade(D(ipk)).letter
    assert ikm_letter == get_grade_table("kemenkumham-ikm-20").grade(D(ikm)).letter


@pytest.mark.parametrize("row", PEMASYARAKATAN, ids=[row[0] for row in PEMASYARAKATAN])
def test_pemasyarakatan_wbk_candidacy(row: tuple[str, int, str, str, str, str]) -> None:
    """WBK needs IPK ≥ 13,50, IKM ≥ 16,00 and 30 respondents; 9 of the 15 units qualify."""
    unit, respondents, ipk, _, ikm, _ = row
    result = wbk_candidacy(D(ipk), D(ikm), respondents)
    expected = WBK_FAILED.get(unit, ())
    assert expected == tuple(criterion.name for criterion in result.failed)
    assert (not expected) == result.eligible
    assert ("ipk", "ikm", "respondents") == tuple(c.name for c in result.criteria)


def test_wbk_failures_say_value_and_threshold() -> None:
    """A failed criterion names what it checks, the value and the threshold."""
    ciangir = wbk_candidacy(D("13.69"), D("18.58"), 10)
    assert not ciangir.eligible
    (respondents,) = ciangir.failed
    assert "respondents" == respondents.name
    assert D(10) == respondents.value
    assert D(30) == respondents.threshold
    assert "respondents 10 < 30" == str(respondents)
    assert "not eligible for WBK: respondents 10 < 30" == str(ciangir)
    (ipk,) = wbk_candidacy(D("13.41"), D("18.02"), 174).failed
    assert "ipk 13.41 < 13.50" == str(ipk)


def test_wbk_thresholds_are_inclusive_and_adjustable() -> None:
    """Scores exactly at the minimums qualify; the minimums can be changed by keyword."""
    assert wbk_candidacy(D("13.50"), D("16.00"), 30).eligible
    assert not wbk_candidacy(D("13.49"), D("16.00"), 30).eligible
    assert not wbk_candidacy(D("13.50"), D("15.99"), 30).eligible
    assert not wbk_candidacy(D("13.50"), D("16.00"), 29).eligible
    stricter = wbk_candidacy(D("13.60"), D("18.00"), 30, min_ipk=D("13.75"), min_ikm=D(18))
    assert ("ipk",) == tuple(c.name for c in stricter.failed)
    assert wbk_candidacy(D(14), D(18), 10, min_respondents=10).eligible


@pytest.mark.parametrize(
    ("office", "ikm", "label"),
    [
        ("Kantor Imigrasi Tangerang", "96.25", "Sangat Baik"),
        ("Kantor Imigrasi Serang", "87", "Baik"),
        ("Kantor Imigrasi Cilegon", "77", "Baik"),
        ("RATA-RATA IKM", "86.75", "Baik"),
    ],
)
def test_immigration_labels(office: str, ikm: str, label: str) -> None:
    """The immigration offices' KETERANGAN labels are PermenPAN-RB 14/2017's mutu pelayanan."""
    assert label == get_grade_table("permenpanrb-14-2017-ikm").grade(D(ikm)).label


# capaian Aksi HAM of the 8 Kab/Kota, in the report's order
AKSI_HAM = [
    ("Kab. Pandeglang", "100.00"),
    ("Kota Tangerang", "100.00"),
    ("Kota Serang", "93.75"),
    ("Kab. Serang", "93.75"),
    ("Kota Cilegon", "81.25"),
    ("Kab. Lebak", "75.00"),
    ("Kota Tangerang Selatan", "62.50"),
    ("Kab. Tangerang", "37.50"),
]


def test_peduli_ham_count() -> None:
    """Six Kab/Kota reach capaian Aksi HAM ≥ 75 %, Kab. Lebak at exactly 75,00 among them."""
    result = peduli_ham([(name, D(value)) for name, value in AKSI_HAM])
    assert 6 == result.count
    expected = (
        "Kab. Pandeglang",
        "Kota Tangerang",
        "Kota Serang",
        "Kab. Serang",
        "Kota Cilegon",
        "Kab. Lebak",
    )
    assert expected == result.qualifying
    assert ("Kota Tangerang Selatan", "Kab. Tangerang") == result.others
    assert D("200") == lakipcore.capaian(D(3), D(result.count))


def test_peduli_ham_accepts_a_mapping_and_another_threshold() -> None:
    """A mapping works like pairs (order kept); the threshold is a keyword, inclusive."""
    result = peduli_ham({name: D(value) for name, value in AKSI_HAM}, threshold=D("93.75"))
    assert ("Kab. Pandeglang", "Kota Tangerang", "Kota Serang", "Kab. Serang") == result.qualifying


@pytest.mark.parametrize(
    ("score", "letter"),
    [
        ("100", "peduli"),
        ("75", "peduli"),
        ("74.99", "cukup"),
        ("65", "cukup"),
        ("64.99", "mulai"),
        ("50", "mulai"),
        ("49.99", "kurang"),
        ("37.50", "kurang"),
        ("0", "kurang"),
    ],
)
def test_peduli_ham_table(score: str, letter: str) -> None:
    """Permenkumham 34/2016: ≥ 75 Peduli HAM, 65-< 75 cukup, 50-< 65 mulai, < 50 kurang."""
    assert letter == get_grade_table("peduli-ham-permenkumham-34-2016").grade(D(score)).letter


# --- grade-table edges ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("score", "letter"),
    [
        ("100", "AA"),
        ("90.01", "AA"),
        ("90", "A"),
        ("80.001", "A"),
        ("80", "BB"),
        ("70", "B"),
        ("60", "CC"),
        ("50", "C"),
        ("30.01", "C"),
        ("30", "D"),
        ("0", "D"),
    ],
)
def test_akip_predicates_are_strict(score: str, letter: str) -> None:
    """AKIP: AA > 90, A > 80, …, C > 30, D otherwise; a score exactly at a cut-off falls below."""
    assert letter == get_grade_table("akip-permenpanrb-88-2021").grade(D(score)).letter


@pytest.mark.parametrize(
    ("score", "letter"),
    [
        ("25.00", "D"),
        ("64.99", "D"),
        ("64.995", "D"),
        ("65.00", "C"),
        ("76.60", "C"),
        ("76.605", "C"),
        ("76.61", "B"),
        ("88.30", "B"),
        ("88.305", "B"),
        ("88.3099", "B"),
        ("88.31", "A"),
        ("100", "A"),
    ],
)
def test_permenpanrb_printed_gaps_belong_to_the_lower_band(score: str, letter: str) -> None:
    """Printed ranges one hundredth apart are read [lower, next lower): 88,305 is B, not A."""
    assert letter == get_grade_table("permenpanrb-14-2017-ikm").grade(D(score)).letter


def test_partial_tables_refuse_rather_than_invent() -> None:
    """Below the lowest B printed, the Kemenkumham presets refuse and say what they know."""
    with pytest.raises(InvalidValueError, match=r"does not know grades below 12\.74") as info:
        get_grade_table("kemenkumham-ipk-15").grade(D("12.73"))
    assert "value" == info.value.field
    assert "lower end of B" in str(info.value)
    with pytest.raises(InvalidValueError, match=r"does not know grades below 17\.32"):
        get_grade_table("kemenkumham-ikm-20").grade(D("16.00"))


def test_every_preset_says_where_its_numbers_come_from() -> None:
    """Each preset has a source text and covers a range on its scale."""
    expected = {
        "permenpanrb-14-2017-ikm",
        "kemenkumham-ipk-15",
        "kemenkumham-ikm-20",
        "akip-permenpanrb-88-2021",
        "peduli-ham-permenkumham-34-2016",
    }
    assert expected == set(GRADE_TABLES)
    for name, table in GRADE_TABLES.items():
        assert name == table.name
        assert len(table.source) > 40
        assert table.scale.low <= table.lower < table.upper <= table.scale.high


def test_scale_presets() -> None:
    """The preset scales, with the ranges the report's conversions imply."""
    expected = {
        "skala-4": (D(1), D(4)),
        "skala-10": (D(0), D(10)),
        "skala-15": (D(0), D(15)),
        "skala-20": (D(0), D(20)),
        "skala-100": (D(0), D(100)),
        "ikm-25-100": (D(25), D(100)),
    }
    assert expected == {name: (s.low, s.high) for name, s in SCALES.items()}
    assert get_scale("skala-20") is get_scale(get_scale("skala-20"))


def test_presets_are_read_only() -> None:
    """Neither preset mapping can be grown in place."""
    with pytest.raises(TypeError):
        SCALES["mine"] = Scale("mine", D(0), D(5))  # type: ignore[index]
    with pytest.raises(TypeError):
        GRADE_TABLES["mine"] = GRADE_TABLES["kemenkumham-ipk-15"]  # type: ignore[index]


def test_results_ignore_a_hostile_decimal_context() -> None:
    """Conversions, composites and grades are the same whatever context the caller has set."""
    scores = [(D("14.15"), "skala-15"), (D("18.76"), "skala-20"), (D("84.86"), "skala-100")]
    expected = (composite_mean(scores), convert(D("14.15"), "skala-15", "skala-100"))
    with hostile_context() as context:
        actual = (composite_mean(scores), convert(D("14.15"), "skala-15", "skala-100"))
        band = get_grade_table("permenpanrb-14-2017-ikm").grade(D("88.305"))
        candidacy = wbk_candidacy(D("13.41"), D("18.02"), 174)
        ikm = ikm_from_elements([D("3.3")] * 9)
        assert not any(context.flags.values())
    assert expected == actual
    assert "B" == band.letter
    assert not candidacy.eligible
    assert D("82.5") == ikm


# --- properties ----------------------------------------------------------------------------


@st.composite
def scales(draw: st.DrawFn) -> Scale:
    """A preset scale, or a random one with up to two decimal places at each end."""
    if draw(st.booleans()):
        return SCALES[draw(st.sampled_from(sorted(SCALES)))]
    low = draw(st.decimals(min_value=-1000, max_value=1000, places=2))
    width = draw(st.decimals(min_value=D("0.01"), max_value=2000, places=2))
    return Scale("random", low, low + width)


def values_on(scale: Scale, places: int = 3) -> st.SearchStrategy[Decimal]:
    """Values from ``scale.low`` to ``scale.high`` with up to ``places`` places."""
    return st.decimals(min_value=scale.low, max_value=scale.high, places=places)


@given(data=st.data(), a=scales(), b=scales())
def test_convert_round_trip(data: st.DataObject, a: Scale, b: Scale) -> None:
    """Converting a → b → a returns the value: exactly where exact, else at 40 places."""
    value = data.draw(values_on(a))
    there = convert(value, a, b)
    assert b.contains(there)
    back = convert(there, b, a)
    assert lakipcore.round_to(value, 40) == lakipcore.round_to(back, 40)


@given(data=st.data())
def test_convert_is_exact_when_the_ratio_terminates(data: st.DataObject) -> None:
    """Between skala 10, 20 and 100 (ratios 2, 5, 10) the round trip is exact."""
    a, b = data.draw(st.permutations(["skala-10", "skala-20", "skala-100"]))[:2]
    value = data.draw(values_on(SCALES[a], places=2))
    assert value == convert(convert(value, a, b), b, a)


@given(scores=st.lists(st.decimals(min_value=1, max_value=4, places=3), min_size=1, max_size=12))
def test_ikm_from_elements_is_a_conversion_of_the_mean(scores: list[Decimal]) -> None:
    """× 25 of the mean is the linear map from skala-4 (1-4) to ikm-25-100 (equal at 40 places)."""
    ikm = ikm_from_elements(scores, elements=len(scores))
    mean = mean_of_scores(scores, "skala-4")
    converted = convert(mean, "skala-4", "ikm-25-100")
    assert lakipcore.round_to(ikm, 40) == lakipcore.round_to(converted, 40)
    assert SCALES["ikm-25-100"].contains(ikm)


@st.composite
def valid_tables(draw: st.DrawFn) -> GradeTable:
    """A table of 1-6 contiguous bands on some scale, with each boundary given to one side."""
    scale = draw(scales())
    cuts = sorted(set(draw(st.lists(values_on(scale, places=2), min_size=2, max_size=7))))
    assume(len(cuts) >= 2)
    upper_side = [draw(st.booleans()) for _ in cuts[1:-1]]
    bands = []
    for index, (lower, upper) in enumerate(itertools.pairwise(cuts)):
        first, last = index == 0, index == len(cuts) - 2
        bands.append(
            Band(
                lower,
                upper,
                f"G{index}",
                lower_inclusive=draw(st.booleans()) if first else not upper_side[index - 1],
                upper_inclusive=draw(st.booleans()) if last else upper_side[index],
            )
        )
    return GradeTable("random", scale, bands, source="generated")


@given(table=valid_tables(), data=st.data())
def test_every_covered_value_gets_exactly_one_band(table: GradeTable, data: st.DataObject) -> None:
    """Inside a valid table's range every value lies in one band, and grade() returns it."""
    value = data.draw(values_on(table.scale, places=3).filter(table.covers))
    containing = [band for band in table.bands if band.contains(value)]
    assert [table.grade(value)] == containing


@given(table=valid_tables(), data=st.data())
def test_values_outside_the_table_are_refused(table: GradeTable, data: st.DataObject) -> None:
    """A value on the scale but outside the bands raises InvalidValueError, never a guess."""
    value = data.draw(values_on(table.scale, places=3))
    assume(not table.covers(value))
    with pytest.raises(InvalidValueError, match="does not know grades"):
        table.grade(value)


@given(
    table=valid_tables() | st.sampled_from(sorted(GRADE_TABLES)).map(GRADE_TABLES.__getitem__),
    data=st.data(),
)
def test_grading_is_monotone(table: GradeTable, data: st.DataObject) -> None:
    """A higher score never gets a lower grade (letters are ranked from the lowest band up)."""
    covered = values_on(table.scale, places=3).filter(table.covers)
    low, high = sorted([data.draw(covered), data.draw(covered)])
    assert table.rank(table.grade(low).letter) <= table.rank(table.grade(high).letter)


@given(table=valid_tables(), data=st.data())
def test_broken_tables_are_refused(table: GradeTable, data: st.DataObject) -> None:
    """Opening a gap, making bands overlap or reordering them is refused at construction."""
    assume(len(table.bands) >= 2)
    damage = data.draw(st.sampled_from(["gap", "point-gap", "overlap", "point-overlap", "swap"]))
    # a swap also breaks the pair before it, so swap the first two to know which pair is named
    index = 0 if damage == "swap" else data.draw(st.integers(0, len(table.bands) - 2))
    below, above = table.bands[index], table.bands[index + 1]
    bands = list(table.bands)
    if damage == "gap":
        bands[index] = attrs.evolve(below, upper=(below.lower + below.upper) / 2)
        message = "gap between bands"
    elif damage == "point-gap":
        bands[index] = attrs.evolve(below, upper_inclusive=False)
        bands[index + 1] = attrs.evolve(above, lower_inclusive=False)
        message = "gap between bands"
    elif damage == "overlap":
        bands[index] = attrs.evolve(below, upper=(above.lower + above.upper) / 2)
        message = "bands overlap"
    elif damage == "point-overlap":
        bands[index] = attrs.evolve(below, upper_inclusive=True)
        bands[index + 1] = attrs.evolve(above, lower_inclusive=True)
        message = "bands overlap"
    else:
        bands[index], bands[index + 1] = above, below
        message = "not in ascending order"
    with pytest.raises(InvalidValueError, match=message) as info:
        GradeTable("broken", table.scale, bands, source="generated")
    assert f"bands[{index + 1}]" == info.value.field
    assert f"bands[{index}]" in str(info.value)


# --- invalid tables and bad input ----------------------------------------------------------


def test_printed_ranges_taken_literally_leave_gaps() -> None:
    """Typing PermenPAN-RB 14/2017's closed ranges as printed is refused with a fix suggested."""
    with pytest.raises(InvalidValueError, match=r"\(88\.30, 88\.31\) without a grade") as info:
        GradeTable(
            "literal",
            "ikm-25-100",
            [Band(D("76.61"), D("88.30"), "B", "Baik"), Band(D("88.31"), D(100), "A")],
            source="typed from the regulation",
        )
    assert "upper_inclusive=False in Python" in str(info.value)
    # A report file's author reads the file's own keys too (issue 19, item 10).
    assert "to-inclusive = false in a report file" in str(info.value)
    assert 'gaps = "round-to-band"' in str(info.value)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"bands": []}, "no bands"),
        ({"bands": [Band(D(0), D(21), "A")]}, "reaches outside its scale"),
        ({"bands": [Band(D(0), D(1), "A"), Band(D(1), D(2), "A", lower_inclusive=False)]}, "twice"),
        ({"name": ""}, "non-empty name"),
    ],
)
def test_invalid_tables(kwargs: dict[str, object], message: str) -> None:
    """Empty tables, bands outside the scale, repeated letters and nameless tables are refused."""
    arguments: dict[str, object] = {
        "name": "t",
        "scale": "skala-20",
        "bands": [Band(D(0), D(20), "A")],
        "source": "test",
    }
    arguments.update(kwargs)
    with pytest.raises(InvalidValueError, match=message):
        GradeTable(**arguments)  # type: ignore[arg-type]


def test_invalid_bands_and_scales() -> None:
    """A band or a scale must run upwards; floats are refused with the field named."""
    with pytest.raises(InvalidValueError, match="lower < upper"):
        Band(D(5), D(5), "A")
    with pytest.raises(InvalidValueError, match="low < high"):
        Scale("flat", D(10), D(0))
    with pytest.raises(LakipTypeError) as info:
        Band(0.5, D(1), "A")
    assert "lower" == info.value.field
    with pytest.raises(LakipTypeError) as info:
        Scale("f", D(0), 10.0)
    assert "high" == info.value.field
    with pytest.raises(LakipTypeError, match="expected a Band"):
        GradeTable("t", "skala-10", [(0, 10, "A")], source="x")  # type: ignore[list-item]


def test_score_outside_its_scale() -> None:
    """A value outside its scale is refused naming the value and the scale."""
    with pytest.raises(InvalidValueError, match=r"21 lies above skala-20 \(0–20\)") as info:
        convert(D(21), "skala-20", "skala-10")
    assert "value" == info.value.field
    with pytest.raises(InvalidValueError, match=r"24\.99 lies below ikm-25-100"):
        get_grade_table("permenpanrb-14-2017-ikm").grade(D("24.99"))
    with pytest.raises(InvalidValueError, match="skala-15") as info:
        wbk_candidacy(D("15.01"), D(18), 30)
    assert "ipk" == info.value.field
    with pytest.raises(InvalidValueError) as info:
        composite_mean([(D(14), "skala-15"), (D(-1), "skala-100")])
    assert "scores[1].value" == info.value.field
    with pytest.raises(InvalidValueError, match="skala-4") as info:
        ikm_from_elements([D(3)] * 8 + [D("4.5")])
    assert "scores[8]" == info.value.field
    with pytest.raises(InvalidValueError, match="skala-100") as info:
        mean_of_scores([D(50), D(101)], "skala-100")
    assert "values[1]" == info.value.field


def test_negative_and_fractional_respondents() -> None:
    """The number of respondents is a whole number, 0 or more."""
    with pytest.raises(InvalidValueError, match="0 or more") as info:
        wbk_candidacy(D(14), D(18), -1)
    assert "respondents" == info.value.field
    with pytest.raises(InvalidValueError, match="whole number"):
        wbk_candidacy(D(14), D(18), D("30.5"))  # type: ignore[arg-type]
    with pytest.raises(InvalidValueError, match="0 or more") as info:
        wbk_candidacy(D(14), D(18), 30, min_respondents=-5)
    assert "min_respondents" == info.value.field


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda: convert(18.76, "skala-20", "skala-10"), "value"),  # type: ignore[arg-type]
        (lambda: convert("18,76", "skala-20", "skala-10"), "value"),  # type: ignore[arg-type]
        (lambda: composite_mean([(14.15, "skala-15")]), "scores[0].value"),  # type: ignore[list-item]
        (lambda: ikm_from_elements([3.0] * 9), "scores[0]"),  # type: ignore[list-item]
        (lambda: mean_of_scores([D(1), 2.5], "skala-10"), "values[1]"),  # type: ignore[list-item]
        (lambda: wbk_candidacy(14.15, D(18), 30), "ipk"),  # type: ignore[arg-type]
        (lambda: wbk_candidacy(D(14), 18.76, 30), "ikm"),  # type: ignore[arg-type]
        (lambda: wbk_candidacy(D(14), D(18), 30.0), "respondents"),  # type: ignore[arg-type]
        (lambda: wbk_candidacy(D(14), D(18), True), "respondents"),
        (lambda: peduli_ham({"Kab. Lebak": 75.0}), "regions['Kab. Lebak']"),  # type: ignore[arg-type]
        (lambda: peduli_ham([], threshold=75.0), "threshold"),  # type: ignore[arg-type]
        (lambda: get_grade_table("kemenkumham-ipk-15").grade(13.5), "value"),  # type: ignore[arg-type]
    ],
    ids=[
        "convert-float",
        "convert-str",
        "composite-float",
        "elements-float",
        "mean-float",
        "wbk-ipk-float",
        "wbk-ikm-float",
        "wbk-respondents-float",
        "wbk-respondents-bool",
        "peduli-float",
        "peduli-threshold-float",
        "grade-float",
    ],
)
def test_floats_and_strings_are_refused(call: object, field: str) -> None:
    """A float (or a str) where a Decimal is needed raises LakipTypeError naming the field."""
    assert callable(call)
    with pytest.raises(LakipTypeError) as info:
        call()
    assert field == info.value.field


def test_unknown_names() -> None:
    """Unknown scale and table names raise UnknownNameError listing the known ones."""
    with pytest.raises(UnknownNameError, match="skala-20") as info:
        convert(D(1), "skala 20", "skala-10")
    assert "from_scale" == info.value.field
    with pytest.raises(UnknownNameError) as info:
        convert(D(1), "skala-20", "skala-1000")
    assert "to_scale" == info.value.field
    with pytest.raises(UnknownNameError, match="kemenkumham-ipk-15"):
        get_grade_table("kemenkumham-integritas")
    with pytest.raises(UnknownNameError, match="letters: 'B', 'A'"):
        get_grade_table("kemenkumham-ipk-15").rank("C")


def test_element_count_must_be_stated() -> None:
    """PermenPAN-RB 14/2017 has nine elements; another count must be passed as elements=."""
    with pytest.raises(InvalidValueError, match="expected 9 element scores, got 8"):
        ikm_from_elements([D(3)] * 8)
    with pytest.raises(InvalidValueError, match="1 or more"):
        ikm_from_elements([], elements=0)


def test_empty_and_malformed_inputs() -> None:
    """Composites need scores, pairs must be pairs, and regions must be named once."""
    with pytest.raises(InvalidValueError, match="at least one"):
        composite_mean([])
    with pytest.raises(InvalidValueError, match="at least one"):
        mean_of_scores([], "skala-10")
    with pytest.raises(LakipTypeError, match="pair"):
        composite_mean([D(14)])  # type: ignore[list-item]
    with pytest.raises(InvalidValueError, match="twice"):
        peduli_ham([("Kab. Lebak", D(75)), ("Kab. Lebak", D(80))])
    with pytest.raises(InvalidValueError, match="0 or more") as info:
        peduli_ham([("Kab. Lebak", D(-1))])
    assert "regions['Kab. Lebak']" == info.value.field
    assert 0 == peduli_ham([]).count


def test_hostile_context_leaves_no_trace() -> None:
    """The caller's decimal context is neither read nor changed by a conversion."""
    context = decimal.Context(prec=5, rounding=decimal.ROUND_UP)
    with decimal.localcontext(context):
        convert(D("14.15"), "skala-15", "skala-100")
        assert 5 == decimal.getcontext().prec
        assert not any(decimal.getcontext().flags.values())
