"""One strict parser and formatter for figures as Indonesian reports print them.

Indonesian style uses ``.`` to group thousands and ``,`` for decimals: ``20.142.047.000``,
``98,75%``, ``7,1``. A figure may carry a unit label (``12 Laporan``), a note in parentheses
(``100% (total 169 permohonan)``) or a currency (``Rp 19.889.350.777``).

The parser is strict on purpose. ``7.1`` is refused with a message suggesting ``7,1`` or ``71``
(reading it silently as 71 is the classic spreadsheet error); so is ``104.30%``. A ``float`` is
refused, because it cannot hold ``0,1`` exactly. The printed precision is kept in the
``Decimal``'s exponent: ``87,50`` parses to ``Decimal("87.50")``, not ``Decimal("87.5")``.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal
from typing import Final

import attrs

from lakipcore._exact import check_writable
from lakipcore.errors import FigureFormatError, LakipTypeError
from lakipcore.i18n import M_, Message
from lakipcore.limits import CELL_TEXT, FIGURE_DIGITS
from lakipcore.notation import Notation, figure_pattern, notation_hint
from lakipcore.rounding import Rounding, places_of, round_to

__all__ = [
    "NOT_REPORTED_TEXTS",
    "NOT_TARGETED",
    "Figure",
    "NotReported",
    "NotTargeted",
    "exact_decimal",
    "figure_value",
    "format_as_printed",
    "format_figure",
    "format_number",
    "format_percent",
    "format_rupiah",
    "not_reported",
    "parse_cell",
    "parse_figure",
    "parse_number",
    "parse_range",
]


@attrs.frozen(repr=False)
class NotTargeted:
    """The printed state "Tidak ditargetkan": the indicator had no target that year.

    It is neither zero nor missing data; an indicator in this state is left out of the unit's
    achievement. Use the singleton :data:`NOT_TARGETED`.
    """

    def __repr__(self) -> str:
        return "NOT_TARGETED"

    def __str__(self) -> str:
        return NOT_TARGETED_TEXT


NOT_TARGETED: Final = NotTargeted()
NOT_TARGETED_TEXT: Final = "Tidak ditargetkan"

# What reports print in a realisation cell for a period already past whose figure is missing:
# the data were not released in time ("belum rilis"), not collected, or not applicable. Compared
# case-insensitively, spaces normalised. A bare "-" is among them: in a realisation column it
# means "no figure", never zero.
NOT_REPORTED_TEXTS: Final = frozenset(
    {
        "n/a",
        "na",
        "-",
        "belum tersedia",
        "data belum tersedia",
        "tidak tersedia",
        "tidak tersedia data",
        "belum rilis",
        "data belum rilis",
        "belum ada data",
    }
)


@attrs.frozen
class NotReported:
    """The printed state "not reported": a realisation the report prints as ``n/a``, ``-`` or
    ``belum tersedia`` for a period already past. It is not zero and not a planned period's
    missing figure: the indicator is left out of the unit's achievement, and the audit names
    the gap. ``text`` is the cell as printed, kept for the round trip."""

    text: str

    def __str__(self) -> str:
        return self.text


def not_reported(text: object) -> NotReported | None:
    """:class:`NotReported` if ``text`` is one of :data:`NOT_REPORTED_TEXTS`, else ``None``."""
    if not isinstance(text, str):
        return None
    cleaned = _normalise_space(text)
    return NotReported(cleaned) if cleaned.casefold() in NOT_REPORTED_TEXTS else None


# A ratio printed "1:N" (one doctor per N inhabitants): its value is N.
_RATIO_RE: Final = re.compile(r"1\s?:\s?(?P<n>[0-9].*)", re.ASCII)


@attrs.frozen
class Figure:
    """A number as printed, with what was printed around it.

    ``value`` keeps the printed precision in its exponent. ``percent`` says a ``%`` followed it;
    ``unit`` is a label after it (``Laporan``), ``note`` the text of a trailing parenthesis,
    ``currency`` a leading ``Rp``. ``text`` is the figure exactly as given to the parser.
    """

    value: Decimal
    percent: bool = False
    unit: str | None = None
    note: str | None = None
    currency: str | None = None
    text: str = ""
    ratio: bool = False
    """Printed as a ratio ``1:N`` (``1:2.500``): ``value`` is N."""

    @property
    def places(self) -> int:
        """Decimal places printed: 2 for ``98,75%``, 0 for ``100%``."""
        return places_of(self.value)


def _reject_non_text(text: object, what: str) -> str:
    if isinstance(text, str):
        return text
    if isinstance(text, float):
        raise LakipTypeError(
            M_(
                "expected the {what} as printed text, got the float {text}; "
                "floats cannot hold report figures exactly: pass the printed "
                "text, e.g. '98,75%'",
                what=what,
                text=repr(text),
            )
        )
    raise LakipTypeError(
        M_(
            "expected the {what} as printed text (str), got {type}",
            what=what,
            type=type(text).__name__,
        )
    )


def _normalise_space(text: str) -> str:
    # Only the spaces a printed figure meets (a wrapped cell's tab and line breaks, a
    # no-break space): str.split() would also turn a vertical tab, a form feed or the
    # separators U+001C-U+001F into spaces, hiding a character no figure holds.
    if text.isprintable():  # the common case: its only whitespace is the plain space
        return " ".join(text.split())
    return " ".join(_SPACES.split(text.strip(_SPACE_CHARACTERS)))


_SPACE_CHARACTERS = " \t\n\r\u00a0"
_SPACES = re.compile(f"[{_SPACE_CHARACTERS}]+")


def _invisible_character(text: str) -> str | None:
    """The first character of ``text`` that prints nothing or controls the terminal (NUL, a
    zero-width space, a soft hyphen, a bidirectional override), described; else ``None``.

    Spaces are normalised before, so tabs and line breaks of a wrapped cell are not counted.
    Such characters come from copying out of PDFs and web pages; kept in a unit label they make
    two labels that look equal compare unequal.
    """
    if text.isprintable() and "\u200b" not in text and "\ufeff" not in text:
        return None
    for character in text:
        if not character.isprintable() or character in "\u200b\ufeff":
            name = unicodedata.name(character, "a control character")
            return f"U+{ord(character):04X} ({name})"
    return None  # pragma: no cover - one of the characters above is not printable


def _foreign_digit_hint(text: str) -> str | Message:
    for character in text:
        if character.isdigit() and not "0" <= character <= "9":
            name = unicodedata.name(character, f"U+{ord(character):04X}")
            return M_(
                "; {character} ({name}) is not one of the digits 0-9 that figures use",
                character=repr(character),
                name=name,
            )
    return ""


def parse_figure(
    text: str, *, field: str | None = None, notation: Notation = Notation.INDONESIAN
) -> Figure:
    """Parse one printed figure such as ``98,75%``, ``12 Laporan`` or ``Rp 19.889.350.777``.

    ``notation`` is the report's (:class:`~lakipcore.notation.Notation`): Indonesian
    ``1.234,56`` by default, or decimal-point ``1,234.56``. ``Rp 1.250.000,-`` is an amount
    without decimals. Raises :class:`FigureFormatError` (naming ``field`` when given) for
    anything that is not entirely one figure in that notation, including ``Tidak ditargetkan``
    (use :func:`parse_cell` where that state is allowed) and, in Indonesian notation, the
    ambiguous ``7.1``.

    >>> parse_figure("100% (total 169 permohonan)")
    Figure(value=Decimal('100'), percent=True, unit=None, note='total 169 permohonan', currency=None, text='100% (total 169 permohonan)', ratio=False)
    """  # noqa: E501
    raw = _reject_non_text(text, "figure")
    if len(raw) > CELL_TEXT:
        raise FigureFormatError(
            M_(
                "{value}… is {count} characters long; a figure has at most {cell_text}",
                value=repr(raw[:40]),
                count=len(raw),
                cell_text=CELL_TEXT,
            ),
            field=field,
        )
    cleaned = _normalise_space(raw)
    invisible = _invisible_character(cleaned)
    if invisible is not None:
        raise FigureFormatError(
            M_(
                "{raw} holds the invisible or control character {invisible}; retype the figure",
                raw=repr(raw),
                invisible=invisible,
            ),
            field=field,
        )
    if cleaned.casefold() == NOT_TARGETED_TEXT.casefold():
        raise FigureFormatError(
            M_(
                "{raw} (not targeted) is not a number; it is allowed only where "
                "a target may be absent",
                raw=repr(raw),
            ),
            field=field,
        )
    if not isinstance(notation, Notation):
        raise LakipTypeError(
            M_(
                "expected a Notation member, got {notation}; use Notation.from_name()",
                notation=repr(notation),
            ),
            field="notation",
        )
    ratio = _RATIO_RE.fullmatch(cleaned)
    if ratio is not None:  # "1:2.500": one per 2.500, the value is the 2.500
        figure = parse_figure(ratio["n"], field=field, notation=notation)
        if figure.percent or figure.currency or figure.value <= 0:
            raise FigureFormatError(
                M_("{raw} is not a ratio 1:N of a positive number N", raw=repr(raw)), field=field
            )
        return attrs.evolve(figure, ratio=True, text=raw)
    match = figure_pattern(notation).fullmatch(cleaned)
    if match is None:
        style = (
            M_("the Indonesian report style")
            if notation is Notation.INDONESIAN
            else (M_("the report's decimal-point notation"))
        )
        hint = _foreign_digit_hint(cleaned) or notation_hint(cleaned, notation)
        raise FigureFormatError(
            M_(
                "{raw} is not a figure in {style} (e.g. {examples}){hint}",
                raw=repr(raw),
                style=style,
                examples=notation.examples,
                hint=hint,
            ),
            field=field,
        )
    if match.group("dash") and not match.group("cur"):
        raise FigureFormatError(
            M_(
                "{raw}: a '{decimal}-' ending is written after Rupiah amounts "
                "only ('Rp 1.250.000{decimal}-')",
                raw=repr(raw),
                decimal=notation.decimal,
            ),
            field=field,
        )
    note = match.group("note")
    if note is not None and not note.strip():
        raise FigureFormatError(
            M_("{raw} has empty parentheses after the number", raw=repr(raw)), field=field
        )
    integer = match.group("int").replace(notation.group, "")
    value = _decimal_from_parts(match.group("sign"), integer, match.group("frac"))
    digits = len(integer) + len(match.group("frac") or "")
    if digits > FIGURE_DIGITS:
        raise FigureFormatError(
            M_(
                "{value}… has {digits} digits; a figure has at most {figure_digits}",
                value=repr(raw[:40]),
                digits=digits,
                figure_digits=FIGURE_DIGITS,
            ),
            field=field,
        )
    if match.group("cur") and match.group("pct"):
        raise FigureFormatError(
            M_("{raw} is both an amount in Rupiah and a percentage", raw=repr(raw)), field=field
        )
    return Figure(
        value=value,
        percent=match.group("pct") is not None,
        unit=match.group("unit"),
        note=note.strip() if note else None,
        currency="Rp" if match.group("cur") else None,
        text=raw,
    )


# A target printed as a range: "69,1–69,5", "5,2 - 5,6%", "80-90%", "7 s.d. 8 bulan". The left
# side is a bare number (a percent sign at most): a note or label with a dash in it ("12 Laporan
# (Januari - Desember)") is no range. A hyphen between digits must not follow another minus.
_RANGE_RE: Final = re.compile(
    r"(?P<low>[-\u2212]?[0-9][0-9.,]*\s?%?)"
    r"\s*(?:\u2013|\u2014|\s-\s|(?<=[0-9%])-(?=[0-9])|s\.\s?d\.?|s/d|sampai(?:\s+dengan)?)\s*"
    r"(?P<high>[-\u2212]?[0-9].*)",
    re.ASCII | re.IGNORECASE,
)


def parse_range(
    text: str, *, field: str | None = None, notation: Notation = Notation.INDONESIAN
) -> tuple[Figure, Figure] | None:
    """A target printed as a range, ``69,1–69,5`` or ``5,2 - 5,6%``: its two ends as figures,
    or ``None`` when ``text`` is not written as a range. A percent sign or unit label printed
    once, after the upper end, belongs to both. Raises :class:`FigureFormatError` for a range
    whose ends are not figures in ``notation``, or are not of one kind."""
    raw = _reject_non_text(text, "range")
    match = _RANGE_RE.fullmatch(_normalise_space(raw))
    if match is None:
        return None
    low = parse_figure(match["low"], field=field, notation=notation)
    high = parse_figure(match["high"], field=field, notation=notation)
    if high.currency or low.currency or low.note:
        raise FigureFormatError(
            M_("{raw} is not a range of two figures", raw=repr(raw)), field=field
        )
    if low.percent and not high.percent:
        raise FigureFormatError(
            M_(
                "{raw}: the lower end is a percentage and the upper end is not",
                raw=repr(raw),
            ),
            field=field,
        )
    low = attrs.evolve(low, percent=high.percent, unit=high.unit, text=raw)
    return low, attrs.evolve(high, text=raw)


def parse_cell(
    text: str, *, field: str | None = None, notation: Notation = Notation.INDONESIAN
) -> Figure | NotTargeted:
    """Like :func:`parse_figure`, but ``Tidak ditargetkan`` gives :data:`NOT_TARGETED`."""
    raw = _reject_non_text(text, "figure")
    if _normalise_space(raw).casefold() == NOT_TARGETED_TEXT.casefold():
        return NOT_TARGETED
    return parse_figure(raw, field=field, notation=notation)


def parse_number(
    text: str, *, field: str | None = None, notation: Notation = Notation.INDONESIAN
) -> Decimal:
    """Parse a bare number (no ``%``, unit, note or currency) such as ``136.133`` or ``7,1``."""
    figure = parse_figure(text, field=field, notation=notation)
    if figure.percent or figure.unit or figure.note or figure.currency:
        raise FigureFormatError(
            M_(
                "{text} should be a bare number, without '%', a unit, a note or a currency",
                text=repr(text),
            ),
            field=field,
        )
    return figure.value


def _decimal_from_parts(sign: str | None, digits: str, fraction: str | None) -> Decimal:
    literal = f"{'-' if sign else ''}{digits}{'.' + fraction if fraction else ''}"
    return Decimal(literal)


def exact_decimal(value: object, *, field: str | None = None) -> Decimal:
    """Check that ``value`` is a finite ``Decimal`` or an ``int``; return it as a ``Decimal``.

    This is the one gate through which numbers enter the model. ``float`` is refused (it cannot
    hold report figures exactly) and so is ``str``: to read printed text, parse it with
    :func:`parse_figure`, whose Indonesian conventions (``136.133`` is a hundred and thirty-six
    thousand) differ from Python's.
    """
    if type(value) is Decimal and value.is_finite():  # the common case, checked first
        return value
    if isinstance(value, bool):
        raise LakipTypeError(
            M_("expected a Decimal, got the bool {value}", value=repr(value)), field=field
        )
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        raise LakipTypeError(
            M_(
                "expected a Decimal, got the float {value}; floats cannot hold "
                "report figures exactly (Decimal({value}) is {value2}): pass "
                "Decimal('…') or parse the printed text",
                value=repr(value),
                value2=Decimal(value),
            ),
            field=field,
        )
    if isinstance(value, str):
        hint = (
            M_("parse_number({value}) reads Indonesian printed text", value=repr(value))
            if "," in value
            else M_(
                "use Decimal({value}) for Python notation, or parse_number() for printed text",
                value=repr(value),
            )
        )
        raise LakipTypeError(
            M_("expected a Decimal, got the str {value}; {hint}", value=repr(value), hint=hint),
            field=field,
        )
    if not isinstance(value, Decimal):
        raise LakipTypeError(
            M_("expected a Decimal, got {type}", type=type(value).__name__), field=field
        )
    if not value.is_finite():
        raise FigureFormatError(M_("{value} is not a finite number", value=value), field=field)
    return value


def figure_value(value: object, *, field: str | None = None) -> Decimal:
    """Like :func:`exact_decimal`, and the value must fit a figure: at most
    :data:`~lakipcore.limits.FIGURE_DIGITS` digits before and after the decimal point together.

    This is the gate of the model's inputs (targets, realisations, amounts), so that a
    ``Decimal("1E+999999")`` built in code is refused like the same figure in a file.
    """
    number = exact_decimal(value, field=field)
    text = str(number)  # without an exponent, its text is at least as long as its digits
    if len(text) <= FIGURE_DIGITS and "E" not in text:
        return number
    exponent = number.as_tuple().exponent
    assert isinstance(exponent, int)  # exact_decimal lets finite numbers only through
    digits = max(number.adjusted() + 1, 1) + max(-exponent, 0)
    if digits > FIGURE_DIGITS:
        raise FigureFormatError(
            M_(
                "{value} has {digits} digits; a figure has at most {figure_digits}",
                value=str(number)[:40],
                digits=digits,
                figure_digits=FIGURE_DIGITS,
            ),
            field=field,
        )
    return number


def format_number(
    value: Decimal,
    places: int | None = None,
    rounding: Rounding = Rounding.HALF_UP,
    notation: Notation = Notation.INDONESIAN,
) -> str:
    """Format ``value`` in Indonesian style: ``20.142.047.000``, ``132,11``, ``-21,62``.

    With ``places`` the value is first rounded with the named ``rounding``; without, it is
    written at its own precision (its exponent), which is how a parsed figure round-trips.
    """
    value = exact_decimal(value, field="value")
    if places is not None:
        value = round_to(value, places, rounding)
    return _format_decimal(value, keep_negative_zero=False, notation=notation)


def format_as_printed(value: Decimal, notation: Notation = Notation.INDONESIAN) -> str:
    """Write a parsed value back as it was printed: at its own precision, and with the sign of
    a printed ``-0`` (which :func:`format_number`, meant for computed values, drops)."""
    return _format_decimal(
        exact_decimal(value, field="value"), keep_negative_zero=True, notation=notation
    )


def _format_decimal(value: Decimal, *, keep_negative_zero: bool, notation: Notation) -> str:
    # format(..., ",f") writes the digits the value has, at its own exponent, grouped by
    # thousands, with no context and at any size (int() would refuse over 4.300 digits).
    if abs(value.adjusted()) > _SHORT:
        check_writable(value)  # 1E+999999999999 is finite, but not a string anyone can hold
    plain = format(value, ",f")
    if not keep_negative_zero and plain[0] == "-" and value.is_zero():
        plain = plain[1:]
    return plain.translate(_TO_INDONESIAN) if notation is Notation.INDONESIAN else plain


_TO_INDONESIAN = str.maketrans(",.", ".,")
_SHORT = 1_000  # digits below which a value is written without counting them


def format_percent(
    value: Decimal,
    places: int | None = 2,
    rounding: Rounding = Rounding.HALF_UP,
    notation: Notation = Notation.INDONESIAN,
) -> str:
    """Format a percentage as the report does: ``98,75%``. Rounds half-up to 2 places by default."""
    return format_number(value, places, rounding, notation) + "%"


def format_rupiah(
    amount: Decimal, *, prefix: bool = True, notation: Notation = Notation.INDONESIAN
) -> str:
    """Format a Rupiah amount: ``Rp 19.889.350.777`` (``prefix=False`` omits ``Rp``)."""
    text = format_number(amount, notation=notation)
    return f"Rp {text}" if prefix else text


def format_figure(figure: Figure, notation: Notation = Notation.INDONESIAN) -> str:
    """Write a :class:`Figure` back in canonical report style, at its own precision."""
    parts = [("Rp " if figure.currency else "") + format_as_printed(figure.value, notation)]
    if figure.percent:
        parts[0] += "%"
    if figure.unit:
        parts.append(figure.unit)
    if figure.note:
        parts.append(f"({figure.note})")
    return " ".join(parts)
