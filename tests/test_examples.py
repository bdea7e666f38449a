"""Golden tests of the examples transcribed from published reports (the Banten example's are
in ``tests/test_golden.py``; ``setda-sumut-2021.toml`` and ``bua-ma-2019.toml`` have their own
files, ``tests/test_example_mixed_notation.py`` and ``tests/test_example_budget_lines.py``).

* ``gunung-kaler-2020.toml``: Kecamatan Gunung Kaler (Kab. Tangerang), LKjIP 2020, Tabel 3.5:
  a single unit over two years;
* ``lapas-baubau-2022-s1.toml``: Lapas Kelas IIA Baubau, LAKIP Semester I 2022: the year 2021
  beside a semester of 2022, with monthly evidence tables to Mei (its golden tests are in
  ``tests/test_example_baubau.py``; the example-wide tests here cover it too);
* ``tanah-datar-2011-2015.toml``: Kabupaten Tanah Datar, Target RPJMD 2011-2015 (LAKIP 2013)
  and the APK SMP result of 2015 (LKjIP 2015): five planned Renstra years;
* ``puslatbang-kmp-2021.toml``: Puslatbang KMP (LAN), LAKIP 2021, Tabel 3.67: a report printed
  in decimal-point notation;
* ``pppomn-2021-tw2.toml``: PPPOMN (Badan POM), Lapkin Interim Triwulan II 2021: a budget
  revised by a penghematan, cumulative to the second quarter;
* ``wonogiri-2020.toml``: Kabupaten Wonogiri, LPPD and LKjIP 2020: a negative growth rate,
  plain-value indices, a baseline and end-of-plan targets with their printed capaian;
* ``djpb-2015-tw3.toml``: Ditjen Perikanan Budidaya, LKj Triwulan III 2015, Tabel 66: predikat
  targets (BB, A) for the year, and nothing targeted to date printed with a capaian of 0,00;
* ``kemlu-aspasaf-2019.toml``: Ditjen Aspasaf, Kemlu, LKj 2019, IKU S.2.3: a capaian capped at
  120 % by the report's own rule while its table prints the uncapped figure.
* ``dumai-2016.toml``: Pemerintah Kota Dumai, LKjIP 2016, Sasaran Strategis 12: ratio targets
  ("1:17", "1:32") against a target akhir RPJMD, whose printed capaian no formula reproduces;
* ``polman-simkinerja-2022.toml``: an e-Kinerja (SIMKinerja) page of the Kabupaten Polewali
  Mandar, 2022: realisations per month with their Jumlah (its golden tests are in
  ``tests/test_example_simkinerja.py``; the example-wide tests here cover it too);
* ``bpom-pangkalpinang-2021.toml``: Balai POM di Pangkalpinang, Laporan Kinerja Interim TW I and
  TW IV 2021: two cumulative periods, realisations derived from the printed Pembilang and
  Penyebut, tables in two notations (its golden tests are in ``tests/test_example_bpom.py``;
  the example-wide tests here cover it too).

The expected figures are the reports' own (docs/examples.md gives the sources). A printed figure
the report gets wrong is expected as an audit finding, never as a score.
"""

from __future__ import annotations

import functools
import re
import tomllib
from decimal import Decimal
from pathlib import Path

import pytest

import lakipcore
from lakipcore.audit import Finding, Severity, Subject, audit
from lakipcore.figures import format_percent
from lakipcore.formats.toml import dump_report, loads_report
from lakipcore.formats.toml.loader import load_report
from lakipcore.model import Report
from lakipcore.scoring import ReportScore, score_report

DATA = Path(lakipcore.__file__).parent / "data"
GUNUNG_KALER = "gunung-kaler-2020.toml"
BAUBAU = "lapas-baubau-2022-s1.toml"
TANAH_DATAR = "tanah-datar-2011-2015.toml"
PUSLATBANG = "puslatbang-kmp-2021.toml"
PPPOMN = "pppomn-2021-tw2.toml"
WONOGIRI = "wonogiri-2020.toml"
DJPB = "djpb-2015-tw3.toml"
KEMLU = "kemlu-aspasaf-2019.toml"
BPOM = "bpom-pangkalpinang-2021.toml"
DUMAI = "dumai-2016.toml"
SIMKINERJA = "polman-simkinerja-2022.toml"
NAMES = (
    GUNUNG_KALER,
    BAUBAU,
    TANAH_DATAR,
    PUSLATBANG,
    PPPOMN,
    WONOGIRI,
    DJPB,
    KEMLU,
    BPOM,
    DUMAI,
    SIMKINERJA,
)
# Files whose audit finds nothing: every printed figure agrees (tests/test_example_bpom.py,
# tests/test_example_simkinerja.py).
CLEAN = (BPOM, SIMKINERJA)


@functools.cache
def _report(name: str) -> Report:
    return load_report(DATA / name)


@functools.cache
def _score(name: str) -> ReportScore:
    return score_report(_report(name))


@functools.cache
def _findings(name: str) -> tuple[Finding, ...]:
    return tuple(audit(_report(name)))


def _capaian(name: str, period: str, code: str) -> Decimal | None:
    return _score(name).period(period).root.indicator(code).capaian


def _summary(findings: tuple[Finding, ...], severity: Severity) -> set[tuple[str, Subject, str]]:
    return {(f.code.value, f.subject, f.published) for f in findings if f.severity is severity}


_STEP = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def _walk(document: object, field: str) -> object:
    """The value at ``field`` (``office.indicators[1].periods.2020``) in a parsed TOML file."""
    value = document
    for part in field.split("."):
        steps = _STEP.findall(part)
        assert "".join(k or f"[{i}]" for k, i in steps) == part, f"bad path part {part!r}"
        for key, index in steps:
            if key:
                assert isinstance(value, dict), f"{field}: {key!r} under a non-table"
                assert key in value, f"{field}: no {key!r}"
                value = value[key]
            else:
                assert isinstance(value, list), f"{field}: [{index}] of a non-list"
                assert int(index) < len(value), f"{field}: no [{index}]"
                value = value[int(index)]
    return value


# --- all three files ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", NAMES)
def test_round_trip(name: str) -> None:
    """Loading, writing and loading again gives an equal report."""
    report = _report(name)
    assert loads_report(dump_report(report)) == report


@pytest.mark.parametrize("name", NAMES)
def test_finding_fields_exist_in_the_file(name: str) -> None:
    """Every finding's location names a field that exists in the TOML file, and the file."""
    document = tomllib.loads((DATA / name).read_text(encoding="utf-8"))
    findings = _findings(name)
    assert bool(findings) is (name not in CLEAN)
    for finding in findings:
        assert finding.location.field, finding
        assert finding.location.source is not None
        assert finding.location.source.endswith(name)
        _walk(document, finding.location.field)


@pytest.mark.parametrize("name", NAMES)
def test_file_names_its_source_first(name: str) -> None:
    """Each file opens with a comment block that gives the source URL(s) of report.source."""
    text = (DATA / name).read_text(encoding="utf-8")
    header = text[: text.index("schema = 2")]
    assert all(line.startswith("#") or not line.strip() for line in header.splitlines())
    source = _report(name).source
    assert source is not None
    for url in source.split(" ; "):
        assert url.startswith("http")
        assert url in header


# --- A: Kecamatan Gunung Kaler, 2019 and 2020 ----------------------------------------------------


@pytest.mark.parametrize(
    ("period", "code", "printed"),
    [
        ("2019", "01.01", "107,81%"),
        ("2019", "01.02", "102,57%"),
        ("2019", "01.03", "100,00%"),
        ("2020", "01.01", "104,96%"),
        ("2020", "01.03", "100,00%"),
    ],
)
def test_gunung_kaler_capaian(period: str, code: str, printed: str) -> None:
    """Tabel 3.5's capaian, recomputed as R / T x 100 from its targets and realisations."""
    assert format_percent(_capaian(GUNUNG_KALER, period, code)) == printed


def test_gunung_kaler_achievement_2019() -> None:
    """The Rata-Rata Capaian Realisasi Kinerja of 2019 (103,46) is the mean capaian."""
    assert format_percent(_score(GUNUNG_KALER).period("2019").achievement) == "103,46%"


def test_gunung_kaler_is_a_single_unit_over_two_years() -> None:
    """The kecamatan reports on itself: no units, periods 2019 and 2020, the report about 2020."""
    report = _report(GUNUNG_KALER)
    assert report.root.units == ()
    assert [p.key for p in report.periods] == ["2019", "2020"]
    assert report.main == "2020"


def test_gunung_kaler_ikm_change() -> None:
    """The prose's "penurunan sebesar 2,85%" is the IKM capaian's change in points."""
    change = _capaian(GUNUNG_KALER, "2020", "01.01") - _capaian(GUNUNG_KALER, "2019", "01.01")
    assert format_percent(change) == "-2,85%"


def test_gunung_kaler_errors() -> None:
    """The audit finds the 01.02 capaian of 2020 and the Rata-Rata of 2020, and nothing else.

    The table prints the realisation 66,7 but its capaian 95,24 is 66,67 / 70 (6 of 9 desa);
    66,7 / 70 gives 95,29, and the mean of 2020 100,08, not the printed 100,07.
    """
    findings = _findings(GUNUNG_KALER)
    assert _summary(findings, Severity.ERROR) == {
        ("figure-mismatch", Subject("kec-gunung-kaler", "01.02"), "95,24%"),
        ("figure-mismatch", Subject("kec-gunung-kaler"), "100,07%"),
    }
    assert _summary(findings, Severity.WARNING) == set()
    recomputed = {f.published: format_percent(f.recomputed) for f in findings if f.recomputed}
    assert recomputed["95,24%"] == "95,29%"
    assert recomputed["100,07%"] == "100,08%"
    assert format_percent(Decimal("66.67") / Decimal("70") * 100) == "95,24%"


def test_gunung_kaler_ikm_change_is_audited() -> None:
    """The audit recomputes the prose's capaian-yoy (-2,85) of the office's own indicator and
    finds it right."""
    assert [f for f in _findings(GUNUNG_KALER) if "capaian-yoy" in (f.location.field or "")] == []
    change = _score(GUNUNG_KALER).change_to("2020")
    assert change is not None
    assert [i.code for i in change.indicators]


# --- C: Kabupaten Tanah Datar, RPJMD 2011-2015 -------------------------------------------------


def test_tanah_datar_planned_years() -> None:
    """Five planned Renstra years; the Sasaran 1 IKU have targets only, so no capaian."""
    report = _report(TANAH_DATAR)
    assert [p.key for p in report.periods] == ["2011", "2012", "2013", "2014", "2015"]
    assert all(p.planned for p in report.periods)
    for period in _score(TANAH_DATAR).periods:
        for item in period.root.indicators:
            if item.code.startswith("ss1-"):
                assert (item.capaian, item.excluded) == (None, "planned"), (period.key, item)


@pytest.mark.parametrize(
    ("code", "targets"),
    [
        ("ss1-1", ["19.29", "20.00", "20.71", "21.43", "22.14"]),
        ("ss1-2", ["400", "25.00", "6.67", "25.00", "20.00"]),
        ("ss1-3", ["3000"] * 5),
        ("ss1-4", ["600"] * 5),
        ("ss1-5", ["30000"] * 5),
    ],
)
def test_tanah_datar_targets(code: str, targets: list[str]) -> None:
    """Lampiran I's target series: "3.000" and "30.000" are thousands, not decimals."""
    indicator = _report(TANAH_DATAR).root.indicator(code)
    assert [entry.target.value for entry in indicator.periods] == [Decimal(t) for t in targets]


def test_tanah_datar_apk_2015() -> None:
    """Tabel 3.3.21: 103,22 against the target 101,51 gives the printed capaian 101,68."""
    assert format_percent(_capaian(TANAH_DATAR, "2015", "apk-smp")) == "101,68%"
    assert format_percent(_score(TANAH_DATAR).period("2015").achievement) == "101,68%"


def test_tanah_datar_findings() -> None:
    """No errors; the capaian 101,68 is printed without its '%' in table and prose. The
    plausibility warnings: the 2011 growth target of 400 % (the later years' are 6,67 % to
    25 %), the APK SMP above 100 % (a gross enrolment ratio may pass 100 %: a method for such
    a report raises percent-realisation), and the office's 2015 achievement resting on 1 of its
    6 targeted indicators (the others have targets only)."""
    findings = _findings(TANAH_DATAR)
    assert _summary(findings, Severity.ERROR) == set()
    assert sorted((f.code.value, f.location.place) for f in findings if f.location.place) == [
        ("missing-percent-sign", "prose"),
        ("missing-percent-sign", "tabel-3-3-21"),
    ]
    warned = [f for f in findings if f.severity is Severity.WARNING]
    warnings = [(f.code.value, f.subject.item, f.period) for f in warned]
    assert warnings == [
        ("implausible-percent", "ss1-2", "2011"),
        ("implausible-percent", "apk-smp", "2015"),
        ("implausible-percent", "apk-smp", "2015"),
        ("thin-achievement", None, "2015"),
    ]
    thin = warned[-1]
    assert "rests on 1 of its 6 targeted indicators" in thin.message_in("en")
    assert "hanya bertumpu pada 1 dari 6 indikator" in thin.message_in("id")


# --- Puslatbang KMP LAN 2021: decimal-point notation ---------------------------------------


def test_puslatbang_reads_its_decimal_point_figures() -> None:
    """Tabel 3.67: target 89, realisasi 87.93, capaian 98.80% (87.93 / 89 = 98.797…)."""
    from lakipcore.notation import Notation

    report = _report(PUSLATBANG)
    assert Notation.DECIMAL_POINT is report.notation
    entry = report.root.indicator("ikk-6.2").at("2021")
    assert entry is not None
    assert Decimal("87.93") == entry.realisation.value
    capaian = _capaian(PUSLATBANG, "2021", "ikk-6.2")
    assert capaian is not None
    assert "98,80%" == format_percent(capaian)
    assert "98.80%" == format_percent(capaian, notation=Notation.DECIMAL_POINT)


def test_puslatbang_prose_contradicts_its_table() -> None:
    """The paragraph calls the 87.93 "98.90%"; the table's 98.80% is right."""
    errors = _summary(_findings(PUSLATBANG), Severity.ERROR)
    subject = Subject("puslatbang-kmp", "ikk-6.2")
    assert {("figure-mismatch", subject, "98.90%")} == errors
    assert not _summary(_findings(PUSLATBANG), Severity.WARNING)


def test_puslatbang_nka_is_recomputed_from_its_four_components() -> None:
    """The paragraph's penyerapan 95.53, konsistensi 99.61, capaian rincian output 99.72 and
    nilai efisiensi 59.98 give the printed NKA 87.93 under pmk22-nka's weights (87,92791)."""
    from lakipcore.scoring.derived import derived_values

    report = _report(PUSLATBANG)
    block = report.root.at("2021")
    assert block is not None
    assert Decimal("87.92791") == derived_values(block)["nka"]
    assert not any(f.subject.item == "nka" for f in _findings(PUSLATBANG))
    # Printed one hundredth off, it is an error like a wrong capaian.
    text = (DATA / PUSLATBANG).read_text(encoding="utf-8")
    printed = 'printed = { prose = "87.93" }'
    wrong = loads_report(text.replace(printed, printed.replace("87.93", "87.94")))
    mismatches = [f for f in audit(wrong) if f.subject.item == "nka"]
    assert ["figure-mismatch"] == [f.code.value for f in mismatches]


# --- PPPOMN 2021 s.d. TW II: a revised pagu ---------------------------------------------


def test_pppomn_pagu_follows_from_its_revision() -> None:
    """DIPA awal Rp.105.370.538.000 less the penghematan of Rp. 1.544.000.000,- is the
    Rp. 103.826.538.000 the paragraph prints; the absorption is measured against it."""
    from lakipcore.model import RevisionKind

    report = _report(PPPOMN)
    block = report.root.at("2021-sd-tw2")
    assert block is not None
    budget = block.budget
    assert isinstance(budget, lakipcore.BudgetLine)
    assert Decimal(105_370_538_000) == budget.original
    assert [(RevisionKind.PENGHEMATAN, Decimal(1_544_000_000))] == [
        (r.kind, r.amount) for r in budget.revisions
    ]
    assert Decimal(103_826_538_000) == budget.pagu
    period = _score(PPPOMN).period("2021-sd-tw2")
    assert period.absorption is not None
    assert "23,03%" == format_percent(period.absorption)  # 22,69% against the pagu awal
    assert period.achievement is None  # a budget-only extract: no indicators


def test_pppomn_prints_its_percentage_with_a_decimal_point() -> None:
    """ "23.03%" breaks the report's own notation (its amounts group with points); what it
    seems to mean, 23,03, is right. Every printed amount, the pagu awal included, agrees."""
    findings = _findings(PPPOMN)
    assert [("malformed-figure", "23.03%")] == [(f.code.value, f.published) for f in findings]
    assert "which agrees with the recomputed 23,0250" in findings[0].message_in("en")


def test_a_revision_that_makes_the_pagu_negative_is_refused() -> None:
    text = (
        (DATA / PPPOMN)
        .read_text(encoding="utf-8")
        .replace('amount = "1.544.000.000"', 'amount = "200.000.000.000"')
    )
    with pytest.raises(lakipcore.errors.InvalidValueError, match="makes the pagu negative") as info:
        loads_report(text, source="pppomn.toml")
    assert "office.periods.2021-sd-tw2.budget.revisions[0].amount" == info.value.field


def test_revisions_must_lead_to_the_pagu_of_the_outputs() -> None:
    text = (
        (DATA / PPPOMN)
        .read_text(encoding="utf-8")
        .replace('amount = "1.544.000.000"', 'amount = "1.000.000.000"')
    )
    with pytest.raises(lakipcore.errors.InvalidValueError, match="gives 104370538000") as info:
        loads_report(text)
    assert "office.periods.2021-sd-tw2.budget.revisions" == info.value.field


def test_pppomn_under_a_method_measuring_against_the_pagu_awal() -> None:
    """The same realisasi against the DIPA awal: 23.906.077.655 / 105.370.538.000 = 22,69 %.
    The method part is named in the file (`absorption-base = "original"`)."""
    text = (DATA / PPPOMN).read_text(encoding="utf-8")
    own = '[methods.awal]\nbase = "pooled-sum"\nabsorption-base = "original"\n\n[[periods]]'
    text = text.replace("[[periods]]", own, 1).replace('method = "pooled-sum"', 'method = "awal"')
    report = loads_report(text)
    period = score_report(report).period("2021-sd-tw2")
    assert period.absorption is not None
    assert "22,69%" == format_percent(period.absorption)
    assert again_equal(report)


def test_pppomn_printed_pagu_is_the_revised_one_under_the_pagu_awal_method() -> None:
    """Measuring absorption against the pagu awal does not make the printed (revised) pagu of
    Rp. 103.826.538.000 a mismatch; the printed pagu awal is still checked against its own."""
    text = (DATA / PPPOMN).read_text(encoding="utf-8")
    own = '[methods.awal]\nbase = "pooled-sum"\nabsorption-base = "original"\n\n[[periods]]'
    text = text.replace("[[periods]]", own, 1).replace('method = "pooled-sum"', 'method = "awal"')
    findings = audit(loads_report(text))
    published = {f.published: f.code.value for f in findings}
    assert "Rp. 103.826.538.000" not in published
    assert "Rp.105.370.538.000" not in published
    # The printed 23.03% (misprinted with a point) is against the revised pagu.
    assert ["23.03%"] == list(published)


def again_equal(report: Report) -> bool:
    """The report written and read back is the same (the method part included)."""
    return loads_report(dump_report(report)) == report


def test_puslatbang_nka_is_in_the_score_json() -> None:
    report = _report(PUSLATBANG)
    data = lakipcore.render.score_to_dict(lakipcore.assess(report))
    (period,) = data["periods"]
    assert [
        {
            "key": "nka",
            "formula": "pmk22-nka",
            "value": {"exact": "87.92791", "shown": "87,93"},
            "error": None,
        }
    ] == period["office"]["derived"]


# --- F: Kabupaten Wonogiri, 2020 -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "capaian", "end_of_plan"),
    [("lpe", "-70,50%", "-24,39%"), ("theil", "124,40%", "95,98%"), ("ipg", "101,26%", "101,21%")],
)
def test_wonogiri_capaian(code: str, capaian: str, end_of_plan: str) -> None:
    """Each indicator's capaian as printed (LPPD Tabel 3.16, LKjIP pages 66 and 102), and its
    capaian against the RPJMD's 2021 target; the LPE's printed -19,72 % is the report's slip."""
    scored = _score(WONOGIRI).period("2020").root.indicator(code)
    assert capaian == format_percent(scored.capaian)
    assert scored.end_of_plan is not None
    assert end_of_plan == format_percent(scored.end_of_plan)


def test_wonogiri_reads_a_negative_growth_and_plain_values() -> None:
    """-1,41 % is a negative percentage; Theil and IPG are plain values (no published scale);
    the LPE's kondisi awal is 2019's 5,14 %."""
    office = _report(WONOGIRI).root
    lpe, theil, ipg = (office.indicator(code) for code in ("lpe", "theil", "ipg"))
    entry = lpe.at("2020")
    assert entry is not None
    assert entry.realisation is not None
    assert Decimal("-1.41") == entry.realisation.value
    assert lpe.baseline is not None
    assert (Decimal("5.14"), 2019) == (lpe.baseline.value.value, lpe.baseline.year)
    assert theil.plain_values
    assert ipg.plain_values
    assert not lpe.plain_values
    assert theil.end_of_plan is not None
    assert Decimal("0.018169") == theil.end_of_plan.target.value


def test_wonogiri_findings() -> None:
    """One error: the LPE's capaian against the end of plan, printed -19,72 %, is -1,14 / 5,78
    (the realisation's digits transposed); -1,41 / 5,78 is -24,39 %. Everything else
    recomputes."""
    findings = _findings(WONOGIRI)
    assert {("figure-mismatch", Subject("kab-wonogiri", "lpe"), "-19,72%")} == _summary(
        findings, Severity.ERROR
    )
    assert not _summary(findings, Severity.WARNING)
    assert Decimal("-19.72") == round(Decimal("-1.14") / Decimal("5.78") * 100, 2)


# --- G: Ditjen Perikanan Budidaya, Triwulan III 2015 ----------------------------------------------


def test_djpb_reads_its_predikat_targets() -> None:
    """Indeks RB "BB" and Nilai SAKIP "A" are levels of the sakip scale (ranks 5 and 6), in the
    year 2015 that the report had not reached (planned)."""
    report = _report(DJPB)
    assert report.period("2015").planned
    for code, level, rank in (("27", "BB", 5), ("28", "A", 6)):
        indicator = report.root.indicator(code)
        assert indicator.ordinal == "sakip"
        entry = indicator.at("2015")
        assert entry is not None
        assert isinstance(entry.target, lakipcore.model.Target)
        assert (level, Decimal(rank)) == (entry.target.level, entry.target.value)


def test_djpb_has_no_capaian_to_date() -> None:
    """Nothing is targeted to the end of Triwulan III (the report computes "di akhir tahun"):
    no capaian, no achievement, and each printed 0,00 is a figure the file's data cannot
    give."""
    period = _score(DJPB).period("2015-sd-tw3").root
    assert [None] * 4 == [period.indicator(code).capaian for code in ("27", "28", "29", "30")]
    assert period.achievement is None
    findings = _findings(DJPB)
    assert not _summary(findings, Severity.ERROR)
    assert not _summary(findings, Severity.WARNING)
    assert ["27", "28", "29", "30"] == sorted(
        f.subject.item or "" for f in findings if f.code.value == "not-recomputable"
    )


# --- H: Ditjen Asia Pasifik dan Afrika (Kemlu), 2019 ------------------------------------------


def test_kemlu_caps_capaian_as_the_report_states() -> None:
    """55 of 29 negara is 189,66 %; the report's Batas Toleransi caps it at 120 %, as its prose
    prints; 55 of the Kementerian's 67 is 82,09 %, as the prose prints. The office
    prints no achievement; the mean of the two is 101,04 %."""
    root = _score(KEMLU).period("2019").root
    assert Decimal(120) == root.indicator("s23").capaian
    assert "82,09%" == format_percent(root.indicator("kemlu-s23").capaian)
    assert "101,04%" == format_percent(root.achievement)  # (120 + 82,0895…) / 2


def test_kemlu_findings() -> None:
    """One error: Tabel 3.7 prints the uncapped 190 % beside its own cap of 120 %."""
    assert {("figure-mismatch", Subject("ditjen-aspasaf", "s23"), "190%")} == _summary(
        _findings(KEMLU), Severity.ERROR
    )
    assert not _summary(_findings(KEMLU), Severity.WARNING)


# --- J: Kota Dumai, 2016 ------------------------------------------------------------------------

DUMAI_ROWS = (
    # code, target, realisation, target akhir RPJM, printed capaian against it, as R / T
    ("rasio-guru-murid-sd", "17", "17.9", "32", "83,86", "55,94%"),
    ("rasio-guru-murid-sltp", "16", "17.5", "34", "82", "51,47%"),
)


@pytest.mark.parametrize("row", DUMAI_ROWS, ids=[row[0] for row in DUMAI_ROWS])
def test_dumai_reads_ratios_against_the_end_of_plan(row: tuple[str, ...]) -> None:
    """A printed "1:17,9" is one teacher per 17,9 pupils: the value 17,9 marked as a ratio;
    the target akhir RPJM (2021) is the end-of-plan target, and the capaian against it is the
    report's own formula of the row above (realisation / target akhir): 17,9 / 32, 17,5 / 34."""
    code, target, realised, end, _, recomputed = row
    indicator = _report(DUMAI).root.indicator(code)
    entry = indicator.at("2016")
    assert entry is not None
    assert entry.realisation is not None
    assert entry.target is not None
    assert (Decimal(target), Decimal(realised)) == (entry.target.value, entry.realisation.value)
    assert entry.realisation.ratio
    assert entry.target.ratio
    assert indicator.end_of_plan is not None
    assert (Decimal(end), 2021) == (indicator.end_of_plan.target.value, indicator.end_of_plan.year)
    scored = _score(DUMAI).period("2016").root.indicator(code)
    assert scored.end_of_plan is not None
    assert recomputed == format_percent(scored.end_of_plan)


def test_dumai_findings() -> None:
    """Four errors: each printed capaian against the target akhir, in the table and in the prose,
    is no formula of the ratios (realisation over target akhir, as the report computes its other
    rows, nor 2 - R / T were lower better); both are the realisation over about 21,345, one
    denominator for two rows whose targets differ. Four notes: the capaian printed without %."""
    findings = _findings(DUMAI)
    expected = {
        ("figure-mismatch", Subject("kota-dumai", "rasio-guru-murid-sd"), "83,86"),
        ("figure-mismatch", Subject("kota-dumai", "rasio-guru-murid-sltp"), "82"),
    }
    assert expected == _summary(findings, Severity.ERROR)
    assert 4 == sum(f.severity is Severity.ERROR for f in findings)
    assert not _summary(findings, Severity.WARNING)
    assert {"missing-percent-sign"} == {
        f.code.value for f in findings if f.severity is Severity.INFO
    }
    for _, _, realised, end, printed, _ in DUMAI_ROWS:
        value = Decimal(realised)
        shown = Decimal(printed.replace(",", "."))
        places = Decimal(1).scaleb(-len(printed.partition(",")[2]))  # as printed: 2 or 0
        assert shown != (value / Decimal(end) * 100).quantize(places)
        assert shown != ((2 - value / Decimal(end)) * 100).quantize(places)
        assert shown == (value / Decimal("21.345") * 100).quantize(places)
