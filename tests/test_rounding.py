"""Tests for rounding at output (lakipcore.rounding)."""

from __future__ import annotations

import decimal
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lakipcore import Rounding, round_to
from lakipcore.errors import InvalidValueError, UnknownNameError
from lakipcore.rounding import explaining_rounding, places_of
from strategies import decimals, hostile_context

H, T, E = Rounding.HALF_UP, Rounding.TRUNCATE, Rounding.HALF_EVEN

# exact, places, mode, expected (compared with its exponent)
ROUND_CASES = (
    ("99.805", 2, H, "99.81"),
    ("99.805", 2, T, "99.80"),
    ("99.805", 2, E, "99.80"),
    ("275.502", 0, T, "275"),
    ("275.502", 0, H, "276"),
    ("275.5", 0, E, "276"),
    ("274.5", 0, E, "274"),
    ("274.5", 0, H, "275"),
    ("0.125", 2, E, "0.12"),
    ("0.125", 2, H, "0.13"),
    ("0.135", 2, E, "0.14"),
    ("2.345", 2, H, "2.35"),
    ("2.345", 2, E, "2.34"),
    ("2.345", 2, T, "2.34"),
    ("-2.345", 2, H, "-2.35"),
    ("-2.345", 2, T, "-2.34"),
    ("-2.349", 2, T, "-2.34"),
    ("-274.5", 0, E, "-274"),
    ("132.112676056338028169014084507042253521126760563380281690140845", 2, H, "132.11"),
    ("116.13499999999999999999999999", 2, H, "116.13"),
    ("99.9999", 2, H, "100.00"),
    ("99.9999", 2, T, "99.99"),
    ("7.1", 3, H, "7.100"),
    ("100", 2, H, "100.00"),
    ("1E+3", 0, H, "1000"),
    ("20142047000", 0, T, "20142047000"),
    ("0.0049", 2, H, "0.00"),
    ("-0.0049", 2, H, "-0.00"),
    ("0.005", 2, H, "0.01"),
    ("0.005", 2, E, "0.00"),
)

# printed, exact, modes (None for the default), expected mode
EXPLAIN_CASES = (
    ("275", "275.502", None, T),
    ("276", "275.502", None, H),
    ("277", "275.502", None, None),
    ("275", "275.4", None, H),  # both modes agree: the first one is named
    ("275", "275.4", (T, H), T),
    ("99,81", "99.805", None, H),
    ("99,80", "99.805", None, T),
    ("99,8", "99.805", None, H),  # compared at the printed precision: one place
    ("100,00", "99.9999", None, H),
    ("99,99", "99.9999", None, T),
    ("100", "99.9999", None, H),
    ("0,12", "0.125", None, T),
    ("0,12", "0.125", (E,), E),
    ("0,13", "0.125", (E,), None),
    ("0,13", "0.125", (), None),
    ("-21,62", "-21.6249", None, H),
    ("-21,63", "-21.6250", None, H),
    ("-21,62", "-21.6299", None, T),
    ("132,11", "132.112676056338028169014084507", None, H),
    ("132", "132.112676056338028169014084507", None, H),
    ("133", "132.112676056338028169014084507", None, None),
)


def test_round_cases_unique():
    """ROUND_CASES holds no duplicate (exact, places, mode)."""
    assert len({c[:3] for c in ROUND_CASES}) == len(ROUND_CASES)


@pytest.mark.parametrize(
    ("exact", "places", "mode", "expected"),
    ROUND_CASES,
    ids=[f"{c[0][:20]}-{c[1]}-{c[2].value}" for c in ROUND_CASES],
)
def test_round_to(exact, places, mode, expected):
    """round_to rounds to ``places`` with the named mode; the result has exponent -places."""
    actual = round_to(Decimal(exact), places, mode)

    assert Decimal(expected).as_tuple() == actual.as_tuple()


def test_round_to_defaults_to_half_up():
    """round_to without a mode rounds half-up."""
    assert Decimal("99.81") == round_to(Decimal("99.805"), 2)
    assert Decimal("3") == round_to(Decimal("2.5"), 0)


def test_round_to_refuses_negative_places():
    """round_to refuses a negative number of places."""
    with pytest.raises(InvalidValueError, match="places must be from 0 to 100, got -1"):
        round_to(Decimal("1234"), -1)


def test_round_to_shows_at_most_max_places():
    """rounding.MAX_PLACES (docs/guarantees.md): 100 places are shown, 101 refused by name."""
    from lakipcore.rounding import MAX_PLACES

    assert 100 == MAX_PLACES
    assert "0." + "3" * 100 == str(round_to(Decimal("0." + "3" * 120), 100))
    with pytest.raises(InvalidValueError, match="places must be from 0 to 100, got 101") as info:
        round_to(Decimal("1234"), 101)
    assert "places" == info.value.field


def test_round_to_ignores_callers_context():
    """round_to gives the same results inside a hostile context (prec 3, floor, traps)."""
    expected = [round_to(Decimal(c[0]), c[1], c[2]) for c in ROUND_CASES]

    with hostile_context() as context:
        actual = [round_to(Decimal(c[0]), c[1], c[2]) for c in ROUND_CASES]
        flags = [signal for signal, raised in context.flags.items() if raised]

    assert [e.as_tuple() for e in expected] == [a.as_tuple() for a in actual]
    assert [] == flags


def test_hostile_context_is_hostile():
    """The hostile context really would spoil rounding done in it (guards the test above)."""
    with hostile_context(), pytest.raises(decimal.Inexact):
        Decimal("275.502").quantize(Decimal(1))


def test_explaining_rounding_ignores_callers_context():
    """explaining_rounding names the same modes inside a hostile decimal context."""
    expected = [_explain(c) for c in EXPLAIN_CASES]

    with hostile_context():
        actual = [_explain(c) for c in EXPLAIN_CASES]

    assert expected == actual


def test_explain_cases_unique():
    """EXPLAIN_CASES holds no duplicate (printed, exact, modes)."""
    assert len({c[:3] for c in EXPLAIN_CASES}) == len(EXPLAIN_CASES)


def _explain(case):
    printed, exact, modes, _ = case
    printed_value = Decimal(printed.replace(",", "."))
    if modes is None:
        return explaining_rounding(printed_value, Decimal(exact))
    return explaining_rounding(printed_value, Decimal(exact), modes)


@pytest.mark.parametrize(
    "case",
    EXPLAIN_CASES,
    ids=[f"{c[0]}-{c[1][:12]}-{c[2] and '+'.join(m.value for m in c[2])}" for c in EXPLAIN_CASES],
)
def test_explaining_rounding(case):
    """explaining_rounding names the first mode that turns the exact value into the printed one."""
    assert case[3] == _explain(case)


# printed, places
PLACES_CASES = (
    ("87.50", 2),
    ("87.5", 1),
    ("100", 0),
    ("0.001", 3),
    ("1E+3", 0),
    ("-21.62", 2),
    ("0", 0),
    ("0.00", 2),
)


def test_places_cases_unique():
    """PLACES_CASES holds no duplicate values."""
    assert len({c[0] for c in PLACES_CASES}) == len(PLACES_CASES)


@pytest.mark.parametrize(("printed", "places"), PLACES_CASES, ids=[c[0] for c in PLACES_CASES])
def test_places_of(printed, places):
    """places_of counts the decimal places a printed value shows (never fewer than 0)."""
    assert places == places_of(Decimal(printed))


@pytest.mark.parametrize("value", ["NaN", "Infinity", "-Infinity", "sNaN"])
def test_places_of_refuses_non_finite(value):
    """places_of refuses NaN and infinities."""
    with pytest.raises(InvalidValueError, match="is not a finite number"):
        places_of(Decimal(value))


def test_rounding_from_name():
    """Rounding.from_name finds each mode by its file name and maps it to a decimal mode."""
    assert [H, T, E] == [Rounding.from_name(n) for n in ("half-up", "truncate", "half-even")]
    assert [decimal.ROUND_HALF_UP, decimal.ROUND_DOWN, decimal.ROUND_HALF_EVEN] == [
        m.decimal_mode for m in (H, T, E)
    ]


def test_rounding_from_unknown_name():
    """Rounding.from_name refuses an unknown name and lists the known ones."""
    with pytest.raises(
        UnknownNameError, match=r"unknown rounding 'HALF_UP'; expected one of 'half-up', "
    ):
        Rounding.from_name("HALF_UP")


@given(decimals(), st.integers(0, 4), st.sampled_from(Rounding))
def test_round_to_properties(value, places, mode):
    """round_to lands on the quantum, within one unit of it, and truncation never grows |x|."""
    rounded = round_to(value, places, mode)
    unit = Decimal(1).scaleb(-places)

    assert -places == rounded.as_tuple().exponent
    assert abs(rounded - value) < unit
    if mode is T:
        assert abs(rounded) <= abs(value)
    else:
        assert abs(rounded - value) * 2 <= unit


@given(decimals(), st.integers(0, 4))
def test_explaining_rounding_finds_its_own_rounding(value, places):
    """The half-up rounding of x is explained by HALF_UP (or TRUNCATE, when they coincide)."""
    printed = round_to(value, places, H)
    truncated = round_to(value, places, T)

    assert H == explaining_rounding(printed, value)
    expected = H if truncated == printed else T
    assert expected == explaining_rounding(truncated, value)


@given(
    st.integers(1, 10**6),
    st.integers(1, 10**4),
    st.integers(-(10**4), 10**4),
    st.integers(0, 4),
    st.sampled_from(list(Rounding)),
)
def test_rounding_of_sums_of_quotients_is_exact(a, b, whole, places, rounding):
    """a/b + (whole·b − a)/b is exactly ``whole``; so is (a·(whole+1))/b − a/b when b divides.

    Each quotient is rounded at its 60th digit, so their sum comes out as 4,99…97 for 5; the
    rounding at output must still give 5 (truncation once gave 4). Found by comparing the
    columnar path with exact rationals.
    """
    from fractions import Fraction

    from lakipcore._exact import add, div, sub

    first, second = div(Decimal(a), Decimal(b)), div(Decimal(whole * b - a), Decimal(b))
    assert Decimal(whole) == round_to(add(first, second), places, rounding)
    difference = sub(div(Decimal(a * (whole + 1)), Decimal(b)), first)
    exact = Fraction(a * whole, b) * 10**places
    if exact.denominator == 1:
        assert Fraction(round_to(difference, places, rounding)) * 10**places == exact
