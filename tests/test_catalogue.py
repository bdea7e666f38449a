"""The formula catalogue: golden tests against published examples, properties, bad input.

Every golden test names the page its figures come from; the regulation's own example where the
stored copy of its text shows one, otherwise a published LAKIP page.
"""

from __future__ import annotations

from decimal import Decimal as D  # noqa: N817 - the short name keeps the figures readable

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lakipcore import Rounding, round_to
from lakipcore.errors import InvalidValueError, LakipTypeError, UnknownNameError
from lakipcore.methods.catalogue import (
    CATALOGUE,
    NKA_WEIGHTS,
    catalogue_names,
    evaluate,
    geometric_mean,
    get_formula,
    nilai_capaian_iki,
    nilai_efisiensi,
)
from strategies import decimals, hostile_context

PMK22_LAMPIRAN = (
    "https://123dok.com/document/yr3n82jo-tata-cara-pengukuran-dan-penilaian-evaluasi-kinerja-"
    "anggaran.html"
)
PMK214_LAMPIRAN = (
    "https://123dok.com/article/volume-indikator-keluaran-output-nomor-tahun-tentang-"
    "pengukuran.q5oxr03z"
)
PUSLATBANG_2021 = "https://fliphtml5.com/agdol/iduq/LAKIP_Puslatbang_KMP_LAN_Tahun_2021/105/"
ITJEN_2019 = "https://fliphtml5.com/ivgoq/hwvo/LAKIP_ITJEN_TAHUN_2019/42"
SMK_PAGE110 = "http://online.flipbuilder.com/vajnr/eqrv/files/basic-html/page110.html"
SMK_PAGE363 = "http://online.flipbuilder.com/vajnr/eqrv/files/basic-html/page363.html"

NAMES = (
    "capaian-ratio",
    "capaian-inverse",
    "capaian-kondisi-khusus",
    "capaian-ratio-capped",
    "progress-from-baseline",
    "relative-change",
    "nilai-permenpanrb-8-2021",
    "pmk22-penyerapan",
    "pmk22-konsistensi",
    "pmk22-capaian-rincian-output",
    "pmk22-capaian-output-program",
    "pmk22-efisiensi",
    "pmk22-nilai-efisiensi",
    "pmk22-nka",
    "ikpa-deviasi-rpd",
)


def _printed(value: D, places: int) -> D:
    return round_to(value, places, Rounding.HALF_UP)


# -- the registry ------------------------------------------------------------------------


def test_registry_names_are_the_documented_ones() -> None:
    """The catalogue holds exactly the documented names, lower-case, in order."""
    assert NAMES == catalogue_names()
    assert all(name == name.lower() for name in NAMES)


def test_registry_is_read_only() -> None:
    """A caller cannot grow or replace an entry of the module-level registry."""
    with pytest.raises(TypeError):
        CATALOGUE["mine"] = CATALOGUE["capaian-ratio"]  # type: ignore[index]


@pytest.mark.parametrize("name", NAMES)
def test_every_entry_reproduces_its_own_worked_example(name: str) -> None:
    """Each entry's example inputs give exactly the result it documents, and its printed form."""
    entry = get_formula(name)
    result = entry.evaluate(entry.example.inputs, entry.example.parameters)
    assert entry.example.result == result
    if entry.example.printed is not None:
        text = entry.example.printed.rstrip("%").replace(",", ".")
        places = len(text.split(".")[1]) if "." in text else 0
        assert D(text) == _printed(result, places)


@pytest.mark.parametrize("name", NAMES)
def test_every_entry_documents_its_source(name: str) -> None:
    """Each entry has a meaning, a source document and location; unverified ones say why."""
    entry = get_formula(name)
    assert entry.meaning
    assert entry.source.document
    assert entry.source.location
    if not entry.source.verified:
        assert entry.source.note or "no regulation" in entry.source.location


# -- golden tests against published figures ----------------------------------------------


def test_capaian_kondisi_khusus_regulation_examples() -> None:
    """PermenPAN-RB 8/2021 Lampiran (g): 6,5 months against 7 → 107 %; 9 against 8 → 87,5 %.

    Source: SMK_PAGE110.
    """
    assert D(107) == _printed(
        evaluate("capaian-kondisi-khusus", {"target": 7, "realisation": D("6.5")}), 0
    )
    assert D("87.5") == evaluate("capaian-kondisi-khusus", {"target": 8, "realisation": 9})


def test_nilai_capaian_iki_regulation_example_skp() -> None:
    """The regulation's example SKP: 85/85 = 100 % Baik → 109; 93/95 (98 %) Cukup → 88.

    Source: SMK_PAGE363.
    """
    assert D(109) == evaluate("nilai-permenpanrb-8-2021", {"capaian": 100})
    capaian = evaluate("capaian-ratio", {"target": 95, "realisation": 93})
    assert D(98) == _printed(capaian, 0)
    assert D(88) == _printed(evaluate("nilai-permenpanrb-8-2021", {"capaian": capaian}), 0)


def test_nilai_capaian_iki_rules_h_and_i() -> None:
    """Above 110 % the nilai is 120 (h); 100 % of a maximal target is 120 too (i)."""
    assert D(120) == nilai_capaian_iki(D("110.01"))
    assert D(120) == nilai_capaian_iki(D(100), target_is_maximum=True)
    assert D(49) == nilai_capaian_iki(D(59))
    assert D(50) == nilai_capaian_iki(D(60))


def test_nilai_capaian_iki_gap_is_refused_or_rounded_by_name() -> None:
    """99,5 % lies between the Cukup and Baik bands: an error, or read rounded as 100 %."""
    with pytest.raises(InvalidValueError) as caught:
        nilai_capaian_iki(D("99.5"))
    assert "capaian" == caught.value.field
    assert D(109) == nilai_capaian_iki(D("99.5"), gap="round-half-up")
    assert D(89) == nilai_capaian_iki(D("99.4"), gap="round-half-up")


def test_penyerapan_regulation_example() -> None:
    """Pagu Rp855.830.897.000, realisasi Rp734.881.464.333 → 85,87 % (PMK214_LAMPIRAN)."""
    result = evaluate("pmk22-penyerapan", {"pagu": 855_830_897_000, "realisasi": 734_881_464_333})
    assert D("85.87") == _printed(result, 2)


def test_capaian_output_regulation_example() -> None:
    """PMK 22/2021 Lampiran A.1.a.1): outputs 94,87 % and 76,31 %, program 85,09 %, UEI 92,24 %.

    Source: PMK22_LAMPIRAN (the table's columns 7-9).
    """
    out_1a = [(5, 5), (10, 9)]
    out_1b = [(3, 2), (6, 4), (5, 5)]
    assert D("94.87") == _printed(
        evaluate("pmk22-capaian-rincian-output", {"indicators": out_1a}), 2
    )
    assert D("76.31") == _printed(
        evaluate("pmk22-capaian-rincian-output", {"indicators": out_1b}), 2
    )
    program_1 = evaluate("pmk22-capaian-output-program", {"programs": [[out_1a, out_1b]]})
    assert D("85.09") == _printed(program_1, 2)
    unit = evaluate("pmk22-capaian-output-program", {"programs": [[out_1a, out_1b], [[(4, 4)]]]})
    assert D("92.24") == _printed(unit, 2)


def test_nilai_efisiensi_published_unclamped_and_clamped() -> None:
    """Itjen 2019 prints NE 235 % for E 74,03 % (ITJEN_2019): the formula without the clamp.

    With the clamp the same E gives 100 %, which is what an audit should recompute.
    """
    assert D(235) == _printed(
        evaluate("pmk22-nilai-efisiensi", {"efisiensi": D("74.03")}, {"clamp": False}), 0
    )
    assert D(100) == evaluate("pmk22-nilai-efisiensi", {"efisiensi": D("74.03")})


def test_nka_published_lakip_2021() -> None:
    """Puslatbang KMP LAN 2021: 95,53, 99,61, 99,72, 59,98 → NKA 87,93 (PUSLATBANG_2021)."""
    inputs = {
        "penyerapan": D("95.53"),
        "konsistensi": D("99.61"),
        "capaian_output": D("99.72"),
        "nilai_efisiensi": D("59.98"),
    }
    assert D("87.93") == _printed(evaluate("pmk22-nka", inputs), 2)


def test_efisiensi_regulation_example_inputs() -> None:
    """The predecessor's example (PMK214_LAMPIRAN): E = 3,28 M / 12,78 M = 25,66… %."""
    outputs = [
        (4_000_000_000, 3_800_000_000, 122),
        (1_000_000_000, 975_000_000, 80),
        (5_000_000_000, 4_725_000_000, 142),
    ]
    result = evaluate("pmk22-efisiensi", {"outputs": outputs})
    assert D("25.67") == _printed(result, 2)
    assert D(100) == evaluate("pmk22-nilai-efisiensi", {"efisiensi": result})


def test_progress_from_baseline_both_directions_and_no_distance() -> None:
    """Halfway up (0 → 10, at 5) and halfway down (20 → 10, at 15) are 50 %; T = B is refused."""
    assert D(50) == evaluate(
        "progress-from-baseline", {"baseline": 0, "target": 10, "realisation": 5}
    )
    assert D(50) == evaluate(
        "progress-from-baseline", {"baseline": 20, "target": 10, "realisation": 15}
    )
    with pytest.raises(InvalidValueError) as caught:
        evaluate("progress-from-baseline", {"baseline": 10, "target": 10, "realisation": 12})
    assert "inputs.target" == caught.value.field


def test_konsistensi_monthly_and_cumulative() -> None:
    """Cumulative: 100, 75, 100 → 91,67 %; month by month (uncapped): 100, 66,67, 150 → 105,56 %."""
    inputs = {"realisasi": [10, 20, 30], "rpd": [10, 30, 20]}
    assert D("91.67") == _printed(evaluate("pmk22-konsistensi", inputs), 2)
    monthly = evaluate("pmk22-konsistensi", inputs, {"cumulative": False, "cap": None})
    assert D("105.56") == _printed(monthly, 2)


# -- errors ------------------------------------------------------------------------------


def test_unknown_formula_lists_the_names() -> None:
    """An unknown name is an UnknownNameError naming the field and listing every formula."""
    with pytest.raises(UnknownNameError) as caught:
        get_formula("capaian-ratios")
    assert "formula" == caught.value.field
    assert all(repr(name) in str(caught.value) for name in NAMES)


def test_unknown_parameter_is_named() -> None:
    """A parameter the formula does not have is refused with its name and the known ones."""
    with pytest.raises(UnknownNameError) as caught:
        evaluate("pmk22-nilai-efisiensi", {"efisiensi": 1}, {"clmap": True})
    assert "parameters.clmap" == caught.value.field
    assert "'clamp'" in str(caught.value)


def test_missing_parameter_and_input_are_named() -> None:
    """A required parameter (the cap) or an input left out is an error naming it."""
    with pytest.raises(InvalidValueError) as caught:
        evaluate("capaian-ratio-capped", {"target": 1, "realisation": 2})
    assert "parameters.cap" == caught.value.field
    with pytest.raises(InvalidValueError) as caught:
        evaluate("capaian-ratio", {"target": 1})
    assert "inputs.realisation" == caught.value.field
    with pytest.raises(UnknownNameError) as caught:
        evaluate("capaian-ratio", {"target": 1, "realisation": 1, "realisasi": 1})
    assert "inputs.realisasi" == caught.value.field


@pytest.mark.parametrize("cap", [D(0), D(-5)])
def test_bad_cap_is_refused(cap: D) -> None:
    """A cap must be greater than zero."""
    with pytest.raises(InvalidValueError) as caught:
        evaluate("capaian-ratio-capped", {"target": 1, "realisation": 2}, {"cap": cap})
    assert "parameters.cap" == caught.value.field


def test_float_and_non_bool_flags_are_refused() -> None:
    """A float figure and a 1 for true are type errors naming the field."""
    with pytest.raises(LakipTypeError) as caught:
        evaluate("capaian-ratio", {"target": 1.5, "realisation": 1})
    assert "inputs.target" == caught.value.field
    with pytest.raises(LakipTypeError) as caught:
        evaluate("pmk22-nilai-efisiensi", {"efisiensi": 1}, {"clamp": 1})
    assert "parameters.clamp" == caught.value.field


def test_weights_must_sum_to_one_exactly() -> None:
    """Weights off by 0,001, missing, unknown or negative are each refused by name."""
    inputs = dict.fromkeys(("penyerapan", "konsistensi", "capaian_output", "nilai_efisiensi"), 90)
    off = dict(NKA_WEIGHTS, penyerapan=D("0.098"))
    with pytest.raises(InvalidValueError) as caught:
        evaluate("pmk22-nka", inputs, {"weights": off})
    assert "parameters.weights" == caught.value.field
    assert "1.001" in str(caught.value)
    missing = {k: v for k, v in NKA_WEIGHTS.items() if k != "konsistensi"}
    with pytest.raises(InvalidValueError) as caught:
        evaluate("pmk22-nka", inputs, {"weights": missing})
    assert "parameters.weights.konsistensi" == caught.value.field
    with pytest.raises(UnknownNameError) as caught:
        evaluate("pmk22-nka", inputs, {"weights": dict(NKA_WEIGHTS, manfaat=D(0))})
    assert "parameters.weights.manfaat" == caught.value.field
    negative = dict(NKA_WEIGHTS, penyerapan=D("-0.097"), konsistensi=D("0.376"))
    with pytest.raises(InvalidValueError) as caught:
        evaluate("pmk22-nka", inputs, {"weights": negative})
    assert "parameters.weights.penyerapan" == caught.value.field
    equal = dict.fromkeys(NKA_WEIGHTS, D("0.25"))
    assert D(90) == evaluate("pmk22-nka", inputs, {"weights": equal})


def test_bad_rows_are_named_at_their_place() -> None:
    """A zero target inside a nested input is named by its place."""
    with pytest.raises(InvalidValueError) as caught:
        evaluate("pmk22-capaian-output-program", {"programs": [[[(5, 5)], [(0, 1)]]]})
    assert "inputs.programs[0][1][0]" == caught.value.field
    with pytest.raises(InvalidValueError) as caught:
        evaluate("pmk22-efisiensi", {"outputs": [(1, 2)]})
    assert "inputs.outputs[0]" == caught.value.field


# -- properties --------------------------------------------------------------------------

_E = decimals(max_places=3, max_integer_digits=3)


@given(_E, _E)
def test_nilai_efisiensi_is_monotone_and_clamped(a: D, b: D) -> None:
    """NE never decreases as E grows and stays within 0 %-100 %; 50 % at E = 0."""
    low, high = sorted((a, b))
    assert nilai_efisiensi(low) <= nilai_efisiensi(high)
    assert D(0) <= nilai_efisiensi(a) <= D(100)
    assert D(50) == nilai_efisiensi(D(0))


_POSITIVE = decimals(max_places=4, max_integer_digits=6, signed=False).filter(lambda d: d > 0)


@given(st.lists(_POSITIVE, min_size=1, max_size=8))
def test_geometric_mean_lies_between_min_and_max(values: list[D]) -> None:
    """The geometric mean is at least the smallest value and at most the largest."""
    mean = geometric_mean(values)
    assert min(values) <= mean <= max(values)


@given(_POSITIVE, st.integers(1, 6))
def test_geometric_mean_of_equal_values_is_that_value(value: D, count: int) -> None:
    """n equal values have themselves as geometric mean, with no rounding residue."""
    assert value == geometric_mean([value] * count)


def test_geometric_mean_is_rounded_at_60_digits() -> None:
    """√2 (from 1 and 2) carries 60 significant digits, correctly rounded."""
    assert D("1.41421356237309504880168872420969807856967187537694807317668") == geometric_mean(
        [D(1), D(2)]
    )


@pytest.mark.parametrize("name", NAMES)
def test_results_do_not_depend_on_a_hostile_context(name: str) -> None:
    """Under 3 digits, rounding toward −∞ and traps on Inexact, every example gives the same."""
    entry = get_formula(name)
    expected = entry.evaluate(entry.example.inputs, entry.example.parameters)
    with hostile_context():
        assert expected == entry.evaluate(entry.example.inputs, entry.example.parameters)


@given(st.lists(_POSITIVE, min_size=2, max_size=5), _E)
def test_property_results_under_hostile_context(values: list[D], e: D) -> None:
    """The geometric mean and NE of drawn values do not change under a hostile context."""
    mean, ne = geometric_mean(values), nilai_efisiensi(e)
    with hostile_context():
        assert mean == geometric_mean(values)
        assert ne == nilai_efisiensi(e)


def test_the_ikpa_deviation_weights_types_by_their_pagu() -> None:
    """Pegawai on plan, barang 30 of 40 (25 %): 10 % weighted by 600 and 400; 12,5 % as a
    plain mean; a type with an RPD of 0 and spending is left out, and a month with only such
    types has no deviation."""
    rows = [[D(600), D(50), D(50)], [D(400), D(30), D(40)]]
    assert D(10) == evaluate("ikpa-deviasi-rpd", {"types": rows})
    assert D("12.5") == evaluate("ikpa-deviasi-rpd", {"types": rows}, {"weighting": "mean"})
    assert D(0) == evaluate("ikpa-deviasi-rpd", {"types": [*rows[:1], [D(400), D(5), D(0)]]})
    with pytest.raises(InvalidValueError):
        evaluate("ikpa-deviasi-rpd", {"types": [[D(400), D(5), D(0)]]})
    assert get_formula("ikpa-deviasi-rpd").source.verified is False
