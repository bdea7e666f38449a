"""The formula catalogue: named formulas with their parameters, source and worked example.

Each :class:`NamedFormula` is data (name, meaning, inputs, parameters with types, defaults and
checks, source, worked example) plus a pure function computing the exact ``Decimal`` result.
Look one up with :func:`get_formula` and compute with :func:`evaluate`::

    >>> from decimal import Decimal
    >>> evaluate("pmk22-nilai-efisiensi", {"efisiensi": Decimal(4)})
    Decimal('60')

:data:`CATALOGUE` is read-only: a report that needs another formula composes it from these, it
does not grow the registry.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from types import MappingProxyType
from typing import Any

from lakipcore._exact import HUNDRED
from lakipcore.errors import InvalidValueError, UnknownNameError
from lakipcore.i18n import M_
from lakipcore.methods.catalogue._capaian import (
    GAP_POLICIES,
    IKI_BANDS,
    IkiBand,
    capaian_inverse,
    capaian_kondisi_khusus,
    capaian_ratio,
    capaian_ratio_capped,
    nilai_capaian_iki,
    progress_from_baseline,
)
from lakipcore.methods.catalogue._ikpa import WEIGHTINGS, month_deviation, type_deviation
from lakipcore.methods.catalogue._pmk22 import (
    NE_BOUNDS,
    NKA_COMPONENTS,
    NKA_WEIGHTS,
    ROOT_PRECISION,
    capaian_output_program,
    capaian_rincian_output,
    efisiensi,
    geometric_mean,
    konsistensi,
    nilai_efisiensi,
    nilai_kinerja_anggaran,
    penyerapan,
)
from lakipcore.methods.catalogue._spec import (
    REQUIRED,
    Example,
    Input,
    NamedFormula,
    Parameter,
    Source,
    check_choice,
    check_flag,
    check_optional_positive,
    check_positive,
    check_weights,
    number,
    numbers,
    pairs,
    programs,
    rows,
)
from lakipcore.methods.formulas import relative_change

__all__ = [
    "CATALOGUE",
    "GAP_POLICIES",
    "IKI_BANDS",
    "NE_BOUNDS",
    "NKA_COMPONENTS",
    "NKA_WEIGHTS",
    "REQUIRED",
    "ROOT_PRECISION",
    "WEIGHTINGS",
    "Example",
    "IkiBand",
    "Input",
    "NamedFormula",
    "Parameter",
    "Source",
    "capaian_inverse",
    "capaian_kondisi_khusus",
    "capaian_output_program",
    "capaian_ratio",
    "capaian_ratio_capped",
    "capaian_rincian_output",
    "catalogue_names",
    "efisiensi",
    "evaluate",
    "geometric_mean",
    "get_formula",
    "konsistensi",
    "month_deviation",
    "nilai_capaian_iki",
    "nilai_efisiensi",
    "nilai_kinerja_anggaran",
    "penyerapan",
    "progress_from_baseline",
    "type_deviation",
]

D = Decimal

# -- sources -----------------------------------------------------------------------------

_PMK22_TEXT = "https://123dok.com/document/yr3n82jo-tata-cara-pengukuran-dan-penilaian-evaluasi-kinerja-anggaran.html"
_PMK214_TEXT = "https://123dok.com/article/volume-indikator-keluaran-output-nomor-tahun-tentang-pengukuran.q5oxr03z"
_PUSLATBANG = "https://fliphtml5.com/agdol/iduq/LAKIP_Puslatbang_KMP_LAN_Tahun_2021/105/"
_ITJEN = "https://fliphtml5.com/ivgoq/hwvo/LAKIP_ITJEN_TAHUN_2019/42"
_SMK = "http://online.flipbuilder.com/vajnr/eqrv/files/basic-html/"
_PMK22 = "PMK 22/PMK.02/2021 (Pengukuran dan Evaluasi Kinerja Anggaran atas Pelaksanaan RKA K/L)"
_SMK_DOC = "PermenPAN-RB 8/2021 (Sistem Manajemen Kinerja PNS), Salinan"
_BANTEN = "LAKIP Kanwil Kemenkumham Banten 2019, Bab III (the shipped example)"

_CAPAIAN_SOURCE = Source(
    _SMK_DOC,
    "Lampiran BAB VI A.1.b.1)(e) capaian IKI kondisi normal; (g) kondisi khusus",
    _SMK + "page99.html",
    True,
)


def _defined_deviation(types: Any, weighting: str) -> Decimal:
    found = month_deviation(types, weighting)
    if found is None:
        raise InvalidValueError(
            M_("no type of spending has a defined deviation (each has an RPD of 0 and spending)"),
            field="types",
        )
    return found


def _one(name: str, meaning: str) -> Input:
    return Input(name, "Decimal", meaning, number)


_TARGET = _one("target", "the target T")
_REALISATION = _one("realisation", "the realisation (realisasi) R")


def _tr(function: Any) -> Any:
    return lambda i, p: function(i["target"], i["realisation"])


# -- the entries -------------------------------------------------------------------------

_ENTRIES = (
    NamedFormula(
        name="capaian-ratio",
        meaning="capaian where more is better: R / T × 100",
        formula="R / T × 100",
        inputs=(_TARGET, _REALISATION),
        parameters=(),
        source=_CAPAIAN_SOURCE,
        example=Example(
            {"target": D("7.1"), "realisation": D("9.38")},
            D("132.112676056338028169014084507042253521126760563380281690141"),
            "132,11%",
            None,
            note=f"{_BANTEN}: Sekjen, Indeks kepuasan layanan internal",
        ),
        function=_tr(capaian_ratio),
    ),
    NamedFormula(
        name="capaian-inverse",
        meaning="capaian where less is better, inverse ratio: T / R × 100",
        formula="T / R × 100",
        inputs=(_TARGET, _REALISATION),
        parameters=(),
        source=Source(
            "convention in use in LAKIP reports",
            "no regulation found that prescribes it",
            None,
            False,
            "kept because reports use it; PermenPAN-RB 8/2021 prescribes kondisi khusus",
        ),
        example=Example(
            {"target": D(10), "realisation": D(10)},
            D(100),
            "100%",
            None,
            note=f"{_BANTEN}: Menurunnya Persentase Residivis (every formula gives 100 % here)",
        ),
        function=_tr(capaian_inverse),
    ),
    NamedFormula(
        name="capaian-kondisi-khusus",
        meaning="capaian where less is better: (1 + (1 − R / T)) × 100",
        formula="(1 + (1 − R / T)) × 100",
        inputs=(_TARGET, _REALISATION),
        parameters=(),
        source=Source(_SMK_DOC, "Lampiran BAB VI A.1.b.1)(g)", _SMK + "page110.html", True),
        example=Example(
            {"target": D(7), "realisation": D("6.5")},
            D("107.142857142857142857142857142857142857142857142857142857143"),
            "107%",
            _SMK + "page110.html",
            note="target 7-8 months, realisation 6,5 months: the lower bound 7 is used",
        ),
        function=_tr(capaian_kondisi_khusus),
    ),
    NamedFormula(
        name="capaian-ratio-capped",
        meaning="R / T × 100, limited from above by a cap in percent",
        formula="min(R / T × 100, cap)",
        inputs=(_TARGET, _REALISATION),
        parameters=(
            Parameter(
                "cap", "Decimal", "the highest capaian counted, in percent (> 0)", check_positive
            ),
        ),
        source=Source(
            "convention (caps of 100 %, 110 %, 120 % appear in reports)",
            "no regulation found that prescribes a cap on capaian; the cap has no default",
            None,
            False,
        ),
        example=Example(
            {"target": D(21), "realisation": D(61)},
            D(120),
            None,
            None,
            {"cap": D(120)},
            note=f"{_BANTEN}: BPHN bantuan hukum non litigasi (printed uncapped 290,48 %)",
        ),
        function=lambda i, p: capaian_ratio_capped(i["target"], i["realisation"], p["cap"]),
    ),
    NamedFormula(
        name="progress-from-baseline",
        meaning="progress from a baseline toward the target: (R − B) / (T − B) × 100",
        formula="(R − B) / (T − B) × 100; T = B is an error naming the target",
        inputs=(_one("baseline", "the baseline B the target starts from"), _TARGET, _REALISATION),
        parameters=(),
        source=Source(
            "convention for targets set from a baseline (Renstra)",
            "no regulation text with this formula was found",
            None,
            False,
        ),
        example=Example(
            {"baseline": D(20), "target": D(10), "realisation": D(15)},
            D(50),
            None,
            None,
            note="illustrative (no published example found): a reduction halfway to target",
        ),
        function=lambda i, p: progress_from_baseline(i["baseline"], i["target"], i["realisation"]),
    ),
    NamedFormula(
        name="relative-change",
        meaning="relative change (growth) in percent: (current − previous) / previous × 100",
        formula="(C − P) / P × 100; P = 0 is an error naming the previous value",
        inputs=(
            _one("current", "the value of the later period"),
            _one("previous", "the value of the earlier period"),
        ),
        parameters=(),
        source=Source(
            "LAKIP Kantor Wilayah Kemenkumham Banten 2019",
            "Bab III, Kekayaan Intelektual: 'peningkatan sebesar 52 permohonan atau "
            "peningkatan 44,44% dari total permohonan tahun 2018' (169 against 117)",
            None,
            True,
        ),
        example=Example(
            {"current": D(169), "previous": D(117)},
            # 52 / 117 × 100 = 44,444… (the quotient carried to 60 digits)
            D("44.4444444444444444444444444444444444444444444444444444444444"),
            "44,44%",
            None,
        ),
        function=lambda i, p: relative_change(i["current"], i["previous"]),
    ),
    NamedFormula(
        name="nilai-permenpanrb-8-2021",
        meaning="nilai capaian IKI (0-120): piecewise-linear conversion of a capaian",
        formula="per band: nilai_low + (nilai_high − nilai_low) / (high − low) × (c − low); "
        "above 110 % → 120",
        inputs=(_one("capaian", "the capaian IKI in percent"),),
        parameters=(
            Parameter(
                "gap",
                "str",
                "reading of a capaian between two whole-percent bands: "
                + " or ".join(repr(g) for g in GAP_POLICIES),
                check_choice(*GAP_POLICIES),
                "error",
            ),
            Parameter(
                "target_is_maximum",
                "bool",
                "the target is the most the indicator can reach (100 % converts to 120)",
                check_flag,
                False,
            ),
        ),
        source=Source(
            _SMK_DOC,
            "Lampiran BAB VI A.1.b.2)(c)-(i); example SKP p. 243",
            _SMK + "page101.html",
            False,
            "(e)-(i) read; (c) Sangat Baik and (d) Baik not readable: Baik 100 % → 109 from the "
            "regulation's example, Sangat Baik 101-110 % → 110-120 inferred. PermenPAN-RB 6/2022, "
            "which replaced 8/2021, rates work qualitatively; no such conversion was found in it",
        ),
        example=Example(
            {"capaian": D(98)},
            D(88),
            "88",
            _SMK + "page363.html",
            note="Nilai Indikator Kinerja Pelaksanaan Anggaran: target 95, realisasi 93, "
            "98 % Cukup",
        ),
        function=lambda i, p: nilai_capaian_iki(
            i["capaian"], gap=p["gap"], target_is_maximum=p["target_is_maximum"]
        ),
    ),
    NamedFormula(
        name="pmk22-penyerapan",
        meaning="penyerapan anggaran: realisasi / pagu × 100",
        formula="P = RA / PA × 100 %",
        inputs=(_one("pagu", "pagu anggaran PA"), _one("realisasi", "realisasi anggaran RA")),
        parameters=(),
        source=Source(
            _PMK22,
            "Lampiran A.1 (penyerapan anggaran)",
            _PMK214_TEXT,
            False,
            "the text read is the same formula in the predecessor's Lampiran (PMK 214/PMK.02/2017, "
            "TA 2016 example); PMK 22/2021's own section was not readable",
        ),
        example=Example(
            {"pagu": D(855_830_897_000), "realisasi": D(734_881_464_333)},
            D("85.8676015214019551808726064256593437757132061101551934271894"),
            "85,87%",
            _PMK214_TEXT,
        ),
        function=lambda i, p: penyerapan(i["pagu"], i["realisasi"]),
    ),
    NamedFormula(
        name="pmk22-konsistensi",
        meaning="konsistensi penyerapan terhadap RPD: mean over months of realisasi / RPD × 100",
        formula="(1/n) Σ min(ΣR₁..ᵢ / ΣRPD₁..ᵢ × 100, cap)",
        inputs=(
            Input("realisasi", "list[Decimal]", "realisasi per month", numbers),
            Input("rpd", "list[Decimal]", "rencana penarikan dana per month", numbers),
        ),
        parameters=(
            Parameter(
                "cumulative",
                "bool",
                "compare running totals (else each month alone)",
                check_flag,
                True,
            ),
            Parameter(
                "cap",
                "Decimal | None",
                "limit of each month's ratio, in percent (None: none)",
                check_optional_positive,
                HUNDRED,
            ),
        ),
        source=Source(
            _PMK22,
            "Lampiran A.1 (konsistensi penyerapan anggaran terhadap perencanaan)",
            None,
            False,
            "UNVERIFIED: the regulation's formula could not be read in any stored page; this is a "
            "common reading, with its choices (cumulative, cap) as parameters",
        ),
        example=Example(
            {"realisasi": [D(10), D(20), D(30)], "rpd": [D(10), D(30), D(20)]},
            D("91.6666666666666666666666666666666666666666666666666666666667"),
            None,
            None,
            note="illustrative (no published example found): 100 %, 75 %, 100 % cumulative",
        ),
        function=lambda i, p: konsistensi(
            i["realisasi"], i["rpd"], cumulative=p["cumulative"], cap=p["cap"]
        ),
    ),
    NamedFormula(
        name="pmk22-capaian-rincian-output",
        meaning="capaian of an output: geometric mean of realisasi / target of its indicators",
        formula="(Π Rᵢ / Tᵢ)^(1/n) × 100",
        inputs=(
            Input(
                "indicators", "list[(Decimal, Decimal)]", "(target, realisasi) per indicator", pairs
            ),
        ),
        parameters=(
            Parameter(
                "cap",
                "Decimal | None",
                "limit of each ratio, in percent (None: none)",
                check_optional_positive,
                None,
            ),
        ),
        source=Source(
            _PMK22,
            "Lampiran A.1.a.1) capaian Output Program (the geometric mean over an output's "
            "indicators); example table col. 7",
            _PMK22_TEXT,
            True,
            "the satker-level capaian RO section (A.1.a.2) was not readable; whether ratios are "
            "capped is not shown by the example (all ≤ 100 %)",
        ),
        exact=False,
        example=Example(
            {"indicators": [(D(5), D(5)), (D(10), D(9))]},
            D("94.8683298050513799599668063329815560115866541797565048057251"),
            "94,87%",
            _PMK22_TEXT,
            note="output 1a: indicators 5/5 and 9/10",
        ),
        function=lambda i, p: capaian_rincian_output(i["indicators"], p["cap"]),
    ),
    NamedFormula(
        name="pmk22-capaian-output-program",
        meaning="capaian Output Program of a unit eselon I: nested geometric means",
        formula="(Πₚ (Πₒ (Πᵢ Rᵢ / Tᵢ)^(1/n))^(1/m))^(1/l) × 100",
        inputs=(
            Input(
                "programs",
                "list[list[list[(Decimal, Decimal)]]]",
                "per program, per output, (target, realisasi) per indicator",
                programs,
            ),
        ),
        parameters=(
            Parameter(
                "cap",
                "Decimal | None",
                "limit of each ratio, in percent (None: none)",
                check_optional_positive,
                None,
            ),
        ),
        source=Source(_PMK22, "Lampiran A.1.a.1) rumus COP and example", _PMK22_TEXT, True),
        exact=False,
        example=Example(
            {
                "programs": [
                    [[(D(5), D(5)), (D(10), D(9))], [(D(3), D(2)), (D(6), D(4)), (D(5), D(5))]],
                    [[(D(4), D(4))]],
                ]
            },
            D("92.2426498674613610941434880797134773937855638249854399335857"),
            "92,24%",
            _PMK22_TEXT,
            note="program 2's rows are cut off in the stored page after 2a1 (4/4, 100 %); its "
            "COP is 100 %, which the printed 92,24 % requires",
        ),
        function=lambda i, p: capaian_output_program(i["programs"], p["cap"]),
    ),
    NamedFormula(
        name="pmk22-efisiensi",
        meaning="efisiensi E: Σ(pagu × capaian − realisasi) / Σ(pagu × capaian) × 100",
        formula="E = Σ((PAKᵢ × CKᵢ) − RAKᵢ) / Σ(PAKᵢ × CKᵢ) × 100 %",
        inputs=(
            Input(
                "outputs",
                "list[(Decimal, Decimal, Decimal)]",
                "(pagu, realisasi, capaian in percent) per output",
                rows(3),
            ),
        ),
        parameters=(
            Parameter(
                "cap",
                "Decimal | None",
                "limit of each capaian, in percent (None: none)",
                check_optional_positive,
                None,
            ),
        ),
        source=Source(
            _PMK22,
            "Lampiran A.1 (efisiensi)",
            _PMK214_TEXT,
            False,
            "the text read is the predecessor's (PMK 214/PMK.02/2017) formula and example; its "
            "printed result is cut off in the stored page; PMK 22/2021's section was not readable",
        ),
        example=Example(
            {
                "outputs": [
                    (D(4_000_000_000), D(3_800_000_000), D(122)),
                    (D(1_000_000_000), D(975_000_000), D(80)),
                    (D(5_000_000_000), D(4_725_000_000), D(142)),
                ]
            },
            D("25.6651017214397496087636932707355242566510172143974960876369"),
            None,
            _PMK214_TEXT,
            note="inputs from the regulation's example; the result is lakipcore's",
        ),
        function=lambda i, p: efisiensi(i["outputs"], p["cap"]),
    ),
    NamedFormula(
        name="pmk22-nilai-efisiensi",
        meaning="nilai efisiensi NE = 50 % + (E / 20) × 50 %, E clamped to [−20 %, 20 %]",
        formula="NE = 50 + (clamp(E, −20, 20) / 20) × 50",
        inputs=(_one("efisiensi", "efisiensi E in percent"),),
        parameters=(
            Parameter(
                "clamp", "bool", "clamp E to [−20 %, 20 %] (NE to [0 %, 100 %])", check_flag, True
            ),
        ),
        source=Source(
            _PMK22,
            "Lampiran A.1 (nilai efisiensi)",
            _ITJEN,
            False,
            "the formula is printed by LAKIP pages applying the EKA; the clamp bounds are the "
            "ones at which NE reaches 0 % and 100 %, not read in the regulation's text",
        ),
        example=Example(
            {"efisiensi": D("74.03")},
            D("235.0750"),
            "235%",
            _ITJEN,
            {"clamp": False},
            note="Itjen 2019 prints NE 235 % for E 74,03 %: the formula without the clamp; "
            "with it NE is 100 %",
        ),
        function=lambda i, p: nilai_efisiensi(i["efisiensi"], clamp=p["clamp"]),
    ),
    NamedFormula(
        name="pmk22-nka",
        meaning="nilai kinerja anggaran: weighted sum of penyerapan, konsistensi, capaian "
        "output and nilai efisiensi",
        formula="NKA = Σ wᵢ × xᵢ, Σ wᵢ = 1",
        inputs=tuple(
            _one(name, f"the {name.replace('_', ' ')} in percent") for name in NKA_COMPONENTS
        ),
        parameters=(
            Parameter(
                "weights",
                "mapping[str, Decimal]",
                "weight of each component, summing to 1 exactly",
                check_weights(*NKA_COMPONENTS),
                NKA_WEIGHTS,
            ),
        ),
        source=Source(
            _PMK22,
            "Lampiran (penilaian aspek implementasi)",
            _PUSLATBANG,
            False,
            "weights 9,7/18,2/43,5/28,6 % reproduce the NKA 87,93 printed by the Puslatbang KMP "
            "LAN LAKIP 2021 from its four components; the regulation's own weight table was not "
            "readable, so the weights are UNVERIFIED against PMK 22/2021",
        ),
        example=Example(
            {
                "penyerapan": D("95.53"),
                "konsistensi": D("99.61"),
                "capaian_output": D("99.72"),
                "nilai_efisiensi": D("59.98"),
            },
            D("87.92791"),
            "87,93",
            _PUSLATBANG,
            note="Tabel 3.68, Nilai Evaluasi Kinerja Anggaran 2021",
        ),
        function=lambda i, p: nilai_kinerja_anggaran(i, p["weights"]),
    ),
    NamedFormula(
        name="ikpa-deviasi-rpd",
        meaning=(
            "deviasi halaman III DIPA of a month: |realisasi − RPD| / RPD × 100 per type of "
            "spending, weighted by each type's share of the pagu"
        ),
        formula="Σ paguₜ × |Rₜ − RPDₜ| / RPDₜ × 100 / Σ paguₜ",
        inputs=(
            Input(
                "types",
                "list[(pagu, realisasi, rpd)]",
                "each type of spending of the month (pegawai, barang, modal, bansos)",
                rows(3),
            ),
        ),
        parameters=(
            Parameter(
                "weighting",
                "str",
                "pagu-share (PER-5/PB/2024) or mean (the 2022 rule)",
                check_choice(*WEIGHTINGS),
                "pagu-share",
            ),
        ),
        source=Source(
            "PER-5/PB/2024 (IKPA), as DJPb's KPPN Gunungsitoli and Semarang II articles and the "
            "KPPN Kupang deck explain it",
            "indikator deviasi halaman III DIPA",
            None,
            False,
            "UNVERIFIED against the regulation's text: the per-type deviation and the pagu "
            "weighting follow the KPPN explanations; how a month's deviation becomes IKPA's 0–100 "
            "value (≤ 5 % earns full marks) is not computed; a type with an RPD of 0 and spending "
            "is left out (no source says what it counts for)",
        ),
        example=Example(
            {"types": [[D(600), D(50), D(50)], [D(400), D(30), D(40)]]},
            D(10),
            None,
            None,
            note="illustrative: pegawai on plan (0 %), barang 30 of 40 (25 %), pagu 600 and 400",
        ),
        function=lambda i, p: _defined_deviation(i["types"], p["weighting"]),
    ),
)


CATALOGUE: Mapping[str, NamedFormula] = MappingProxyType({e.name: e for e in _ENTRIES})
"""Every named formula, by name (read-only)."""


def catalogue_names() -> tuple[str, ...]:
    """The names of the catalogue, in catalogue order."""
    return tuple(CATALOGUE)


def get_formula(name: str) -> NamedFormula:
    """The formula called ``name``; :class:`UnknownNameError` lists the names otherwise."""
    if not isinstance(name, str) or name not in CATALOGUE:
        known = ", ".join(repr(n) for n in CATALOGUE)
        raise UnknownNameError(
            M_("unknown formula {name}; expected one of {known}", name=repr(name), known=known),
            field="formula",
        )
    return CATALOGUE[name]


def evaluate(
    name: str, inputs: Mapping[str, object], parameters: Mapping[str, object] | None = None
) -> Decimal:
    """The unrounded result of the formula ``name`` for ``inputs`` under ``parameters``."""
    return get_formula(name).evaluate(inputs, parameters)
