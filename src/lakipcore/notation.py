"""How a report writes its numbers: the notation, and the syntax of a figure in it.

Indonesian reports group thousands with ``.`` and write decimals after ``,`` (``1.234,56``);
some print with a decimal point instead (``1,234.56``, ``95.50%``). A report declares its
notation once (``[report] notation = "decimal-point"``) and every figure of it is read in that
notation. Within one notation there is no guessing: ``7.1`` is refused in Indonesian notation
(it could be ``7,1`` or ``71``), and ``104,30%`` is refused in decimal-point notation.
"""

from __future__ import annotations

import re
from typing import Final

from lakipcore._names import NamedEnum
from lakipcore.i18n import M_, Message

__all__ = ["Notation", "figure_pattern", "notation_hint"]


class Notation(NamedEnum):
    """The separators a report prints numbers with."""

    __what__ = "notation"

    INDONESIAN = "indonesian"
    """``.`` groups thousands, ``,`` starts the decimals: ``20.142.047.000``, ``98,75%``. The
    default, and the notation of every Kemenkumham report."""
    DECIMAL_POINT = "decimal-point"
    """``,`` groups thousands, ``.`` starts the decimals: ``20,142,047,000``, ``98.75%``."""

    @property
    def group(self) -> str:
        """The thousands separator."""
        return "." if self is Notation.INDONESIAN else ","

    @property
    def decimal(self) -> str:
        """The decimal separator."""
        return "," if self is Notation.INDONESIAN else "."

    @property
    def examples(self) -> str:
        """Three figures in this notation, for messages."""
        if self is Notation.INDONESIAN:
            return "'20.142.047.000', '98,75%', '12 Laporan'"
        return "'20,142,047,000', '98.75%', '12 Laporan'"


def _pattern(notation: Notation) -> re.Pattern[str]:
    group, decimal = re.escape(notation.group), re.escape(notation.decimal)
    # A number is either grouped by thousands (1-3 digits, then groups of exactly three) or
    # plain digits, with an optional decimal part. Only the ASCII digits 0-9 are digits: "\d"
    # would also read Arabic-Indic or full-width digits (1٢ as 12), which no report prints.
    number = (
        rf"(?P<sign>[-−])?(?P<int>[0-9]{{1,3}}(?:{group}[0-9]{{3}})+|[0-9]+)"
        rf"(?:{decimal}(?P<frac>[0-9]+)|(?P<dash>{decimal}-))?"
    )
    return re.compile(
        r"(?P<cur>Rp\.?\s?)?"
        + number
        + r"(?:\s?(?P<pct>%))?"
        + r"(?:\s+(?P<unit>[^\W\d_][^\s()]*(?:\s+[^\W\d_][^\s()]*)*))?"
        + r"(?:\s*\((?P<note>[^()]+)\))?"
    )


_PATTERNS: Final = {notation: _pattern(notation) for notation in Notation}


def figure_pattern(notation: Notation) -> re.Pattern[str]:
    """The compiled syntax of one figure in ``notation`` (groups: cur, sign, int, frac, dash,
    pct, unit, note). ``dash`` is the ``,-`` of ``Rp 1.250.000,-``: no decimals."""
    return _PATTERNS[notation]


# Something that looks like English notation in an Indonesian report: digits, a point, then a
# group that is not exactly three digits long (or more points after it). Both only ever see
# text of at most CELL_TEXT characters: their searches backtrack, which on a 20.000-character
# run of ".111" took seconds.
_ENGLISH_GROUPING_RE: Final = re.compile(r"[-−]?[0-9]{1,3}(?:,[0-9]{3})+\.[0-9]+")
_POINT_DECIMAL_RE: Final = re.compile(
    r"[-−]?[0-9]+(?:\.[0-9]+)*\.(?:[0-9]{1,2}|[0-9]{4,})(?![0-9])"
)


def notation_hint(text: str, notation: Notation) -> str | Message:
    """Why ``text`` (not a figure in ``notation``) might have been meant otherwise, or ``""``."""
    if notation is Notation.INDONESIAN:
        return _indonesian_hint(text)
    other = Notation.INDONESIAN
    if _PATTERNS[other].fullmatch(text) is not None:
        return M_(
            "; {text} reads as Indonesian notation ('1.234,56'), but the "
            "report declares the decimal-point notation ('1,234.56')",
            text=repr(text),
        )
    return ""


def _indonesian_hint(text: str) -> str | Message:
    english = _ENGLISH_GROUPING_RE.search(text)
    if english is not None:
        number = english.group(0)
        swapped = number.replace(",", "\0").replace(".", ",").replace("\0", ".")
        return M_(
            "; {number} looks like English notation (',' for thousands, '.' "
            "for decimals): in Indonesian style it is written {swapped} (or "
            "declare the report's notation decimal-point)",
            number=repr(number),
            swapped=repr(swapped),
        )
    match = _POINT_DECIMAL_RE.search(text)
    if match is None:
        return ""
    if match.group(0).count(".") > 1:
        return M_(
            "; {group} groups its digits irregularly: Indonesian figures "
            "group thousands in threes with '.' (136.133) and write decimals "
            "after ','",
            group=repr(match.group(0)),
        )
    number = match.group(0)
    head, _, tail = number.rpartition(".")
    as_decimal = f"{head.replace('.', '')},{tail}"
    as_integer = number.replace(".", "")
    return M_(
        "; {number} uses '.' as a decimal point, but Indonesian figures "
        "group thousands with '.' and write decimals after ',': write "
        "{as_decimal} if a decimal was meant, or {as_integer} if the "
        "point was a thousands separator",
        number=repr(number),
        as_decimal=repr(as_decimal),
        as_integer=repr(as_integer),
    )
