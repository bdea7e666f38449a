"""Any finite value is rounded and written exactly, up to ``MAX_DIGITS`` digits (issue 21).

``round_to`` and ``format_percent`` of ``Decimal("1E+1000000")`` raised ``InvalidOperation``;
two in-limit figures give a capaian of about 10⁴³ %, and the page's chart failed on it.
"""

from __future__ import annotations

from decimal import Decimal, Inexact, localcontext

import pytest

import lakipcore
from lakipcore._exact import MAX_DIGITS
from lakipcore.errors import InvalidValueError
from lakipcore.figures import format_number, format_percent
from lakipcore.formats.toml import example_text
from lakipcore.rounding import Rounding, round_to

HUGE = Decimal("1E+1000000")


def test_a_million_digit_value_is_rounded_and_written_exactly() -> None:
    rounded = round_to(HUGE, 2)
    assert HUGE == rounded
    assert -2 == rounded.as_tuple().exponent
    shown = format_percent(HUGE)
    assert shown.startswith("10.000.000.000")
    assert shown.endswith(".000,00%")
    assert 1_000_001 + 2 == sum(c.isdigit() for c in shown)
    assert "-" + format_number(HUGE) == format_number(HUGE.copy_negate())


def test_rounding_a_huge_value_rounds_at_the_place_asked() -> None:
    value = Decimal("1" + "0" * 1_000_000 + ".125")  # HUGE + 0,125 (no context needed)
    assert str(value).endswith(".125")
    assert str(round_to(value, 2, Rounding.HALF_UP)).endswith(".13")
    assert str(round_to(value, 2, Rounding.HALF_EVEN)).endswith(".12")
    assert str(round_to(value, 2, Rounding.TRUNCATE)).endswith(".12")


@pytest.mark.parametrize("text", ["1E+999999999999", "-1E+10000001", "1E-999999999999"])
def test_a_value_too_long_to_write_is_refused_by_name(text: str) -> None:
    value = Decimal(text)
    for write in (format_number, format_percent, lambda v: str(round_to(v, 2))):
        if value.adjusted() < 0 and write is not format_number:
            assert write(value) in ("0,00%", "0.00")  # rounded to 2 places it is short
            continue
        with pytest.raises(InvalidValueError, match=r"digits to write out; at most 10\.000\.000"):
            write(value)
    assert 10_000_000 == MAX_DIGITS


def test_the_callers_context_is_neither_read_nor_changed() -> None:
    with localcontext() as caller:
        caller.prec = 3
        caller.Emax = 10
        caller.traps[Inexact] = True
        caller.clear_flags()  # localcontext() copies the flags earlier tests left
        assert HUGE == round_to(HUGE, 0)
        assert format_percent(HUGE).endswith(",00%")
        assert not any(caller.flags.values())


def test_a_capaian_of_ten_to_the_43_is_scored_audited_and_shown() -> None:
    """A target of 0,0000000000000000001 % and a realisation of 99.999.999.999.999.999.999.999 %:
    each is a figure the format allows, and their capaian is about 10⁴³ %."""
    text = example_text().replace(
        'target = "90%"\nrealisation = "100%"',
        'target = "0,0000000000000000001%"\nrealisation = "99999999999999999999999%"',
        1,
    )
    assessment = lakipcore.assess(lakipcore.loads_report(text))
    capaian = [
        i.capaian
        for u in assessment.current.root.walk()
        for i in u.indicators
        if i.capaian is not None and i.capaian > 10**40
    ]
    assert [Decimal("9.999999999999999999999900E+43")] == capaian
    from lakipcore.render.html import render_html

    page = render_html(assessment)
    shown = "99.999.999.999.999.999.999.999.000.000.000.000.000.000.000,00%"
    assert shown == format_percent(capaian[0])
    assert shown in page
