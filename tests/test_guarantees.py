"""Regression tests for the guarantees of docs/guarantees.md (issue 9's findings, one by one).

Each test names the finding it pins: a bad input is refused with the library's own error class
naming the field, nothing is accepted silently, and no result depends on the caller's decimal
context or on another thread.
"""

from __future__ import annotations

import decimal
import threading
from decimal import Decimal
from importlib.resources import files

import pytest

import lakipcore
from lakipcore import (
    LakipTypeError,
    MeasureKind,
    Realisation,
    ReportFileError,
    ReportPeriod,
    Target,
    dump_report,
    format_number,
    loads_report,
    parse_figure,
    round_to,
)
from lakipcore.audit import audit
from lakipcore.cli import main
from lakipcore.dates import parse_date
from lakipcore.errors import FigureFormatError, InvalidValueError, UnknownNameError
from lakipcore.figures import format_figure
from lakipcore.limits import CELL_TEXT, FIGURE_DIGITS, Limits
from lakipcore.periods import parse_period
from test_reportfile import MINIMAL

EXAMPLES = sorted(p.name for p in files("lakipcore.data").iterdir() if p.name.endswith(".toml"))


def _example(name: str) -> str:
    return (files("lakipcore.data") / name).read_text(encoding="utf-8")


# --- 1. digits: a documented limit, refused at parse time; formatting exact at any size ----------


def test_a_figure_has_at_most_thirty_digits() -> None:
    assert Decimal("1" * FIGURE_DIGITS) == parse_figure("1" * FIGURE_DIGITS).value
    with pytest.raises(FigureFormatError, match="has 31 digits; a figure has at most 30") as info:
        parse_figure("1" * 31, field="target")
    assert "target" == info.value.field
    with pytest.raises(FigureFormatError, match="has 61 digits"):
        parse_figure("1" * 61)
    # Digits after the comma count too.
    with pytest.raises(FigureFormatError, match="has 31 digits"):
        parse_figure("1," + "0" * 30)


def test_a_too_long_figure_in_a_file_names_its_field() -> None:
    text = MINIMAL.replace('realisation = "900"', f'realisation = "{"9" * 40}"')
    with pytest.raises(FigureFormatError, match="has 40 digits") as info:
        loads_report(text, source="r.toml")
    assert "units[0].periods.2019.budget.outputs[0].realisation" == info.value.field
    assert "r.toml" == info.value.source


@pytest.mark.parametrize("value", [Decimal("1E+999999"), Decimal("1" * 31), Decimal("1E-30")])
def test_the_model_refuses_numbers_no_figure_could_print(value: Decimal) -> None:
    """A Decimal built in code is held to the figure limit: 10^999999 once overflowed scoring."""
    with pytest.raises(FigureFormatError, match="a figure has at most 30") as info:
        Realisation(MeasureKind.COUNT, value)
    assert "value" == info.value.field


def test_formatting_is_exact_for_computed_values_of_any_size() -> None:
    """Computed values may have 60 digits and more; format and round never fail on them."""
    wide = Decimal("1" * 61)
    assert "111.111" == format_number(Decimal("111111"))
    assert format_number(wide).replace(".", "") == "1" * 61
    assert Decimal("1" * 61) == round_to(wide, 0)
    assert Decimal("0.33") == round_to(Decimal(1) / Decimal(3), 2)
    huge = Decimal("1E+5000")  # int() refuses strings of over 4.300 digits; the grouping doesn't
    assert format_number(huge).replace(".", "") == "1" + "0" * 5000
    with pytest.raises(InvalidValueError, match="from 0 to 100") as info:
        round_to(Decimal(1), 10**9)
    assert "places" == info.value.field
    with pytest.raises(InvalidValueError, match="not a finite number"):
        round_to(Decimal("NaN"), 2)


# --- 2. period keys: only canonical ASCII keys ----------------------------------------------------


@pytest.mark.parametrize("key", ["02019", "²", "٢٠١٩", "２０１９", "0", "10" * 15, "2019-S1"])
def test_only_canonical_period_keys(key: str) -> None:
    with pytest.raises(InvalidValueError, match="is not one of YYYY") as info:
        ReportPeriod(key)
    assert "key" == info.value.field


def test_a_block_under_a_non_canonical_key_is_refused_not_merged() -> None:
    """``periods.02019`` beside ``periods.2019`` once silently replaced it."""
    text = MINIMAL.replace(
        "[units.periods.2019]\n", '[units.periods.2019]\n[units.periods."02019"]\n'
    )
    with pytest.raises(ReportFileError, match="unknown period '02019'") as info:
        loads_report(text)
    assert "units[0].periods.02019" == info.value.field


# --- 3. non-ASCII digits and letters, invisible characters, empty notes, -0 -----------------------


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("1٢.٣٤٥", "ARABIC-INDIC DIGIT TWO"),
        ("１２", "FULLWIDTH DIGIT ONE"),
        ("5 ( )", "empty parentheses"),
        ("12 Lap\u200boran", r"U\+200B \(ZERO WIDTH SPACE\)"),
        ("12 Lap\x00oran", r"U\+0000 \(a control character\)"),
        ("12\u00adLaporan", "SOFT HYPHEN"),
        ("100% (catatan\u202e)", "RIGHT-TO-LEFT OVERRIDE"),
        ("1" + ".111" * 5000 + "x", "characters long; a figure has at most 500"),
    ],
)
def test_figures_refuse(text: str, reason: str) -> None:
    with pytest.raises(FigureFormatError, match=reason) as info:
        parse_figure(text, field="f")
    assert "f" == info.value.field


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("١٦ April ٢٠١٩", "ARABIC-INDIC DIGIT ONE"),
        ("16 \u212aebruari 2019", "KELVIN SIGN"),  # casefolds to "k"
        ("16 O\u212atober 2019", "KELVIN SIGN"),  # casefolds to "oktober", a real month
        ("1" * (CELL_TEXT + 1), "characters long"),
    ],
)
def test_dates_refuse(text: str, reason: str) -> None:
    with pytest.raises(FigureFormatError, match=reason) as info:
        parse_date(text, field="tanggal")
    assert "tanggal" == info.value.field


@pytest.mark.parametrize("text", ["Tahun ٢٠١٩", "Triwulan II ２０２１", "Semester I 2019" * 40])
def test_periods_refuse_non_ascii_and_long_text(text: str) -> None:
    with pytest.raises(FigureFormatError):
        parse_period(text)


@pytest.mark.parametrize("name", ["Sekjen\u200b", "Sek\u00adjen", "Sek\u202ejen", "Sek\u2060jen"])
def test_invisible_characters_in_names_are_refused(name: str) -> None:
    text = MINIMAL.replace('name = "Sekjen"', f'name = "{name}"')
    with pytest.raises(InvalidValueError, match=r"printable name|no text may hold") as info:
        loads_report(text)
    assert "units[0].name" == info.value.field


def test_negative_zero_keeps_its_sign_through_a_round_trip() -> None:
    assert "-0" == format_figure(parse_figure("-0"))
    assert "-0,00%" == format_figure(parse_figure("-0,00%"))
    assert "0,00" == format_number(round_to(Decimal("-0.001"), 2))  # computed: no "-0,00"
    text = MINIMAL.replace('realisation = "12 Laporan"', 'realisation = "-0 Laporan"')
    assert 'realisation = "-0 Laporan"' in dump_report(loads_report(text))


# --- 4. round trip: load, write, load is the identity, order included -----------------------------


def test_a_unit_and_indicator_of_an_earlier_period_only_keep_their_place() -> None:
    """The writer once put current-period codes first, so such files reloaded unequal."""
    text = _example("gunung-kaler-2020.toml")
    early = (
        '[[office.indicators]]\ncode = "00.01"\nname = "Hanya 2019"\n\n'
        '[office.indicators.periods.2019]\ntarget = "1"\nrealisation = "1"\n\n'
    )
    text = text.replace("[[office.indicators]]", early + "[[office.indicators]]", 1)
    report = loads_report(text)
    assert "00.01" == report.root.indicators[0].code
    again = loads_report(dump_report(report))
    assert report == again
    assert [i.code for i in report.root.indicators] == [i.code for i in again.root.indicators]
    assert dump_report(again) == dump_report(report)


# --- 5. no shared or caller's decimal context -----------------------------------------------------


def _hostile() -> decimal.Context:
    every_signal = [
        decimal.Clamped,
        decimal.DivisionByZero,
        decimal.Inexact,
        decimal.InvalidOperation,
        decimal.Overflow,
        decimal.Rounded,
        decimal.Subnormal,
        decimal.Underflow,
    ]
    return decimal.Context(
        prec=1, rounding=decimal.ROUND_FLOOR, Emin=-1, Emax=1, traps=every_signal
    )


def _everything(text: str) -> tuple[object, ...]:
    report = loads_report(text)
    score = lakipcore.score_report(report)
    findings = audit(report)
    shown = [f.message_in("en") for f in findings]
    return score, tuple(findings), shown, dump_report(report), format_number(Decimal("269.955"))


@pytest.mark.parametrize("name", EXAMPLES)
def test_results_ignore_a_hostile_context(name: str) -> None:
    """Precision 1, Emax 1 and a trap on every signal: any use of the caller's context raises."""
    text = _example(name)
    expected = _everything(text)
    with decimal.localcontext(_hostile()) as context:
        actual = _everything(text)
        assert not any(context.flags.values())
    assert expected == actual


def _work(text: str, rounds: int, results: list[object], failures: list[BaseException]) -> None:
    try:
        with decimal.localcontext(_hostile()) as context:
            report = loads_report(text)
            first = None
            for _ in range(rounds):
                outcome = (lakipcore.score_report(report), tuple(audit(report)))
                if first is None:
                    first = outcome
                elif outcome != first:
                    raise AssertionError("a thread's results changed between rounds")
            if any(context.flags.values()):
                raise AssertionError(f"flags raised: {context.flags}")
            results.append(first)
    except BaseException as error:  # reported by the main thread
        failures.append(error)


def test_threads_under_hostile_contexts_agree() -> None:
    """8 threads × 2.000 rounds of scoring and auditing (a small report; Banten less often)
    give one result and leave each thread's context untouched."""
    small = _example("lapas-baubau-2022-s1.toml")
    banten = _example("banten-2019.toml")
    expected_small = (
        lakipcore.score_report(loads_report(small)),
        tuple(audit(loads_report(small))),
    )
    results: list[object] = []
    failures: list[BaseException] = []
    threads = [
        threading.Thread(target=_work, args=(small, 2000, results, failures)) for _ in range(8)
    ]
    threads += [threading.Thread(target=_work, args=(banten, 20, [], failures)) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert [] == failures
    assert [expected_small] * 8 == results


# --- 7. foreign exceptions become the library's own -----------------------------------------------


def test_deep_nesting_is_a_file_error(tmp_path: object) -> None:
    with pytest.raises(ReportFileError, match="nests too deeply"):
        loads_report("a = " + "[" * 100_000 + "]" * 100_000)
    with pytest.raises(ReportFileError, match="nests deeper than 16 levels") as info:
        loads_report(MINIMAL + "x = " + "[" * 20 + "]" * 20 + "\n")
    assert "units[0].indicators[0].periods.2019.x" + "[0]" * 10 == info.value.field


def test_the_cli_exits_2_on_a_deeply_nested_file(tmp_path, capsys) -> None:
    path = tmp_path / "deep.toml"
    path.write_text("a = " + "[" * 100_000 + "]" * 100_000, encoding="utf-8")
    assert 2 == main(["audit", str(path)])
    assert "nests too deeply" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("call", "error", "field"),
    [
        (lambda: loads_report(None), LakipTypeError, None),
        (lambda: lakipcore.score_report(None), LakipTypeError, "report"),
        (lambda: audit(None), LakipTypeError, "report"),
        (lambda: dump_report(None), LakipTypeError, "report"),
        (lambda: format_number(Decimal(1), places="2"), LakipTypeError, "places"),
        (lambda: lakipcore.score_report(lakipcore.load_example(), ["x"]), LakipTypeError, "method"),
        (lambda: audit(lakipcore.load_example(), method=3), LakipTypeError, "method"),
        (
            lambda: audit(lakipcore.load_example(), method={"1999": "banten-2019"}),
            UnknownNameError,
            "method",
        ),
        (
            lambda: lakipcore.score_report(lakipcore.load_example(), {"2019": 3}),
            LakipTypeError,
            "method.2019",
        ),
        (lambda: loads_report(b"\xff"), ReportFileError, None),
        (lambda: loads_report("x", limits="big"), LakipTypeError, "limits"),
    ],
)
def test_misuse_raises_the_librarys_errors(call, error, field) -> None:
    with pytest.raises(error) as info:
        call()
    assert isinstance(info.value, ValueError | TypeError)
    assert field == info.value.field


# --- 8. accepted without a word, no more ---------------------------------------------------------


def test_a_reported_absorption_above_100_percent_is_a_finding() -> None:
    text = MINIMAL.replace(
        '[units.periods.2019.budget]\nprogramme = "Dukungan Manajemen"\n\n'
        '[[units.periods.2019.budget.outputs]]\nname = "Gaji"\npagu = "1.000"\n'
        'realisation = "900"\n',
        '[units.periods.2019.budget]\nabsorption = "101%"\n',
    )
    findings = [f for f in audit(loads_report(text)) if f.code == "overspent"]
    assert ["the reported absorption 101% is above 100%: realisasi exceeds pagu"] == [
        f.message_in("en") for f in findings
    ]
    assert "sekjen" == findings[0].subject.unit


def test_a_target_and_realisation_in_different_units_is_a_finding() -> None:
    text = MINIMAL.replace('realisation = "12 Laporan"', 'realisation = "12 Dokumen"')
    findings = [f for f in audit(loads_report(text)) if f.code == "unit-label-mismatch"]
    assert 1 == len(findings)
    assert "the target is counted in 'Laporan' but the realisation in 'Dokumen'" == (
        findings[0].message_in("en")
    )
    assert ("sekjen", "ikm", "2019") == (
        findings[0].subject.unit,
        findings[0].subject.item,
        findings[0].period,
    )
    same = MINIMAL.replace('realisation = "12 Laporan"', 'realisation = "12 laporan"')
    assert not [f for f in audit(loads_report(same)) if f.code == "unit-label-mismatch"]


def test_a_byte_order_mark_is_accepted() -> None:
    assert loads_report(MINIMAL) == loads_report("\ufeff" + MINIMAL)
    assert loads_report(MINIMAL) == loads_report(b"\xef\xbb\xbf" + MINIMAL.encode())


# --- limits ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("limits", "message", "field"),
    [
        (Limits(file_bytes=100), "bytes; at most 100 are accepted", None),
        (Limits(units=1), "the report has 2 units; at most 1", "units"),
        (Limits(nesting=3), "nests deeper than 3 levels", "units[0]."),
    ],
)
def test_limits_are_enforced_with_a_clear_error(limits, message, field) -> None:
    with pytest.raises(ReportFileError, match=message) as info:
        loads_report(MINIMAL, limits=limits, source="upload.toml")
    assert "upload.toml" == info.value.source
    if field is not None:
        assert info.value.field is not None
        assert info.value.field.startswith(field)


def test_limits_count_indicators_and_periods() -> None:
    two = MINIMAL.replace('key = "2019"\n', 'key = "2019"\n\n[[periods]]\nkey = "2018"\n', 1)
    with pytest.raises(ReportFileError, match="the report has 2 periods; at most 1"):
        loads_report(two, limits=Limits(periods=1))
    exact = Limits(indicators=1, periods=1, units=2)  # what the minimal report has
    assert loads_report(MINIMAL, limits=exact) == loads_report(MINIMAL)
    second = '\n[[units.indicators]]\ncode = "ikm2"\nname = "Kedua"\n'
    with pytest.raises(ReportFileError, match="the report has 2 indicators; at most 1"):
        loads_report(MINIMAL + second, limits=exact)


def test_limits_refuse_nonsense() -> None:
    with pytest.raises(InvalidValueError, match="units must be 1 or more"):
        Limits(units=0)
    with pytest.raises(LakipTypeError, match="file_bytes must be an int"):
        Limits(file_bytes=1.5)  # type: ignore[arg-type]


def test_load_report_checks_the_size_before_reading(tmp_path) -> None:
    path = tmp_path / "big.toml"
    path.write_text(MINIMAL + "#" * 1000, encoding="utf-8")
    with pytest.raises(ReportFileError, match="at most 500 are accepted") as info:
        lakipcore.load_report(path, limits=Limits(file_bytes=500))
    assert str(path) == info.value.source


def test_targets_and_realisations_keep_the_limit_in_python() -> None:
    with pytest.raises(FigureFormatError):
        Target(MeasureKind.PERCENT, Decimal("1" * 31))


def test_each_thread_computes_in_its_own_private_context() -> None:
    """A context's flags are written by every operation: one shared by all threads would be
    written by all at once, and whoever held it could change its precision for everyone."""
    from lakipcore import _exact

    seen: list[decimal.Context] = []
    thread = threading.Thread(target=lambda: seen.append(_exact.context()))
    thread.start()
    thread.join()
    assert seen[0] is not _exact.context()
    assert seen[0] is not decimal.getcontext()
    assert 60 == seen[0].prec == _exact.context().prec


@pytest.mark.parametrize("name", EXAMPLES)
def test_workbooks_and_rows_ignore_a_hostile_context(name: str, tmp_path) -> None:
    """Excel out and in, rows and the HTML page compute in the private context too."""
    from extras import require

    require("openpyxl")
    from lakipcore.arrow import as_rows
    from lakipcore.excel import read_workbook, write_workbook
    from lakipcore.render import render_html

    report = loads_report(_example(name))
    path = tmp_path / "r.xlsx"
    expected = (as_rows(lakipcore.assess(report)), render_html(lakipcore.assess(report)))
    with decimal.localcontext(_hostile()) as context:
        write_workbook(lakipcore.assess(report), path)
        again = read_workbook(path)
        actual = (as_rows(lakipcore.assess(report)), render_html(lakipcore.assess(report)))
        assert not any(context.flags.values())
    assert report == again
    assert expected == actual


def test_every_test_docs_guarantees_names_exists() -> None:
    """docs/guarantees.md names the test of each limit and promise; a renamed or deleted test
    must not leave the page pointing at nothing."""
    import re
    from pathlib import Path

    root = Path(__file__).parent
    page = (root.parent / "docs" / "guarantees.md").read_text(encoding="utf-8")
    named = 0
    for line in page.splitlines():
        if not line.startswith("|"):
            continue
        for cell in line.split("|"):
            current = None
            for token in re.findall(r"`([^`]+)`", cell):
                file, _, name = token.partition("::")
                if re.fullmatch(r"test_\w+\.py", file):
                    current = root / file
                    assert current.is_file(), file
                    named += 1
                    if not name:
                        continue
                elif re.fullmatch(r"test_\w+", token) and current is not None:
                    name = token
                else:
                    continue
                assert re.search(rf"^def {name}\(", current.read_text(encoding="utf-8"), re.M), (
                    f"{current.name}::{name}"
                )
                named += 1
    assert named > 30
