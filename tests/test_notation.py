"""Number notation: a report printed with decimal points (``1,234.56``, ``95.50%``) declares
it once, and every figure of it reads in that notation; Indonesian notation stays the default.
"""

from __future__ import annotations

import re
from decimal import Decimal
from importlib.resources import files

import pytest

from lakipcore import (
    dump_report,
    format_number,
    format_percent,
    loads_report,
    parse_figure,
    parse_number,
    score_report,
)
from lakipcore.audit import audit
from lakipcore.errors import FigureFormatError
from lakipcore.figures import format_figure
from lakipcore.notation import Notation

DP = Notation.DECIMAL_POINT


def _swap(number: str) -> str:
    return number.replace(",", "\0").replace(".", ",").replace("\0", ".")


def _in_decimal_point(text: str) -> str:
    """An example file rewritten as a decimal-point report: every quoted figure's separators
    swapped (``"107,81%"`` → ``"107.81%"``), the notation declared."""
    figure = re.compile(r'"(-?[0-9][0-9.,]*)(%| %)?( [A-Za-z]+)?"')
    figure_keys = ("target", "realisation", "scale", "pagu", "absorption", "printed.")
    lines = [
        figure.sub(lambda m: f'"{_swap(m[1])}{m[2] or ""}{m[3] or ""}"', line)
        if line.startswith(figure_keys)
        else line
        for line in text.split("\n")
    ]
    swapped = "\n".join(lines)
    return swapped.replace("[report]\n", '[report]\nnotation = "decimal-point"\n', 1)


GUNUNG_KALER = (files("lakipcore.data") / "gunung-kaler-2020.toml").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("text", "value", "percent"),
    [
        ("95.50%", Decimal("95.50"), True),
        ("1,234.56", Decimal("1234.56"), False),
        ("20,142,047,000", Decimal("20142047000"), False),
        ("7.1", Decimal("7.1"), False),
        ("Rp 1,250,000.-", Decimal("1250000"), False),
        ("-21.62", Decimal("-21.62"), False),
    ],
)
def test_decimal_point_figures(text: str, value: Decimal, percent: bool) -> None:
    figure = parse_figure(text, notation=DP)
    assert value == figure.value
    assert value.as_tuple() == figure.value.as_tuple()  # the printed precision is kept
    assert percent == figure.percent
    assert parse_figure(format_figure(figure, DP), notation=DP).value == figure.value


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("104,30%", "reads as Indonesian notation"),
        ("7,1", "reads as Indonesian notation"),
        ("1.234.567", "decimal-point notation"),
        ("1,250,000.-", "after Rupiah amounts only"),
    ],
)
def test_decimal_point_refuses_the_other_notation(text: str, message: str) -> None:
    with pytest.raises(FigureFormatError, match=message) as info:
        parse_figure(text, field="target", notation=DP)
    assert "target" == info.value.field


def test_rupiah_amounts_in_indonesian_notation() -> None:
    """``Rp. 1.250.000,-`` and ``Rp 1.000,00`` are amounts; ``,-`` means no decimals."""
    assert Decimal("1250000") == parse_figure("Rp. 1.250.000,-").value
    assert "Rp" == parse_figure("Rp. 1.250.000,-").currency
    assert Decimal("1000.00") == parse_figure("Rp 1.000,00").value
    with pytest.raises(FigureFormatError, match="after Rupiah amounts only"):
        parse_figure("1.250.000,-")


def test_formatting_in_either_notation() -> None:
    assert "20,142,047,000" == format_number(Decimal("20142047000"), notation=DP)
    assert "98.76%" == format_percent(Decimal("98.756"), notation=DP)
    assert "98,76%" == format_percent(Decimal("98.756"))
    assert Decimal("1234.5") == parse_number("1,234.5", notation=DP)


def test_a_decimal_point_report_scores_and_audits_as_its_indonesian_twin() -> None:
    indonesian = loads_report(GUNUNG_KALER)
    text = _in_decimal_point(GUNUNG_KALER)
    assert '"107.81%"' in text
    decimal_point = loads_report(text)
    assert DP is decimal_point.notation
    assert score_report(indonesian) == score_report(decimal_point)

    def found(report):
        return [(f.code, f.subject, f.period, f.location.field) for f in audit(report)]

    assert found(indonesian) == found(decimal_point)
    assert found(decimal_point)  # the twin has the same two known inconsistencies


def test_a_decimal_point_report_round_trips() -> None:
    report = loads_report(_in_decimal_point(GUNUNG_KALER))
    written = dump_report(report)
    assert 'notation = "decimal-point"' in written
    assert 'target = "82.5"' in written
    again = loads_report(written)
    assert report == again
    assert written == dump_report(again)


def test_an_input_in_the_wrong_notation_names_its_field() -> None:
    text = _in_decimal_point(GUNUNG_KALER).replace('target = "82.5"', 'target = "82,5"')
    with pytest.raises(FigureFormatError, match="reads as Indonesian notation") as info:
        loads_report(text, source="dp.toml")
    assert "office.indicators[0].periods.2019.target" == info.value.field
    assert "dp.toml" == info.value.source


def test_a_printed_figure_in_the_wrong_notation_is_malformed() -> None:
    """The audit keeps malformed-figure for a figure that breaks the report's own notation.

    Findings write their own numbers in the report's notation, so a decimal-point report
    reads 107.81; the published text is quoted verbatim."""
    text = _in_decimal_point(GUNUNG_KALER).replace('"107.81%"', '"107,81%"')
    findings = [f for f in audit(loads_report(text)) if f.code == "malformed-figure"]
    assert 1 == len(findings)
    assert (
        findings[0]
        .message_in("en")
        .startswith(
            "'107,81%' is not a figure in decimal-point notation, the report's notation; "
            "it seems to mean 107.81, which agrees with the recomputed 107.8061"
        )
    )


def test_an_unknown_notation_is_refused() -> None:
    text = GUNUNG_KALER.replace("[report]\n", '[report]\nnotation = "english"\n', 1)
    with pytest.raises(Exception, match="unknown notation 'english'") as info:
        loads_report(text)
    assert "report.notation" == info.value.field


def test_findings_write_numbers_in_the_reports_notation() -> None:
    text = _in_decimal_point(GUNUNG_KALER).replace('"107.81%"', '"107.91%"')
    messages = [f.message_in("en") for f in audit(loads_report(text)) if f.published == "107.91%"]
    assert 1 == len(messages)
    assert (
        "the inputs give 107.81 (exact 107.8061, half-up at 2 places); 0.10 too high"
        in (messages[0])
    )
