"""What a text field may hold: the characters refused in every string of a report, once.

Reports are copied out of PDFs, web pages and spreadsheets, and what comes along is not always
text: control characters (an escape, a vertical tab from a Word field, a NUL), lone UTF-16
surrogates (which cannot be written as UTF-8, so a report holding one loads but cannot be
saved), and the bidirectional controls that make text display in another order than it is
stored. None of these is ever part of a figure, a name or a title; each is refused where the
text enters, naming the character. Tabs and line breaks are layout, which the report file's
multi-line strings and a workbook's wrapped cells define (a title printed on two lines); they
are allowed. Names and codes refuse more (any invisible character), where they are checked.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from typing import Any, Final

from lakipcore.errors import InvalidValueError, LakipTypeError
from lakipcore.i18n import M_

__all__ = [
    "LAYOUT",
    "check_text",
    "describe",
    "refused_character",
    "text_field",
]

LAYOUT: Final = frozenset("\t\n\r")
"""The control characters a string of a report file may hold: tab and line breaks."""

# Bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069): they reorder
# what is shown without changing what is stored ("Trojan source").
_BIDI: Final = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def describe(character: str) -> str:
    """``U+000B (LINE TABULATION)``: a character named for an error message."""
    if "\ud800" <= character <= "\udfff":
        return f"U+{ord(character):04X} (a lone surrogate, which UTF-8 cannot hold)"
    name = unicodedata.name(character, None) or _CONTROL_NAMES.get(character, "a control character")
    return f"U+{ord(character):04X} ({name})"


# unicodedata has no names for the C0 and C1 controls; these are the ones met in practice.
_CONTROL_NAMES: Final = {
    "\x00": "NUL",
    "\x07": "BELL",
    "\x08": "BACKSPACE",
    "\x0b": "LINE TABULATION",
    "\x0c": "FORM FEED",
    "\x1b": "ESCAPE",
    "\x7f": "DELETE",
    "\x85": "NEXT LINE",
}


def refused_character(text: str) -> str | None:
    """The first character of ``text`` no text field may hold, described; else ``None``.

    Refused: control characters (tab and line breaks excepted), lone
    surrogates and bidirectional controls. Other invisible characters (a zero-width space, a
    soft hyphen) are refused by the fields where they would make equal-looking values differ
    (names, codes, unit labels, notes).
    """
    if text.isprintable():  # the common case, in C: no control, surrogate or format character
        return None
    for character in text:
        category = unicodedata.category(character)
        if (category == "Cc" and character not in LAYOUT) or category == "Cs" or character in _BIDI:
            return describe(character)
    return None


def check_text(value: object, field: str, *, what: str = "text") -> str:
    """``value`` if it is a string without a refused character (:func:`refused_character`;
    tab and line breaks allowed); a :class:`LakipTypeError` or :class:`InvalidValueError`
    naming ``field`` otherwise."""
    if not isinstance(value, str):
        raise LakipTypeError(
            M_("expected the {what} as a str, got {type}", what=what, type=type(value).__name__),
            field=field,
        )
    refused = refused_character(value)
    if refused is not None:
        raise InvalidValueError(
            M_("the {what} holds {refused}, which no text may hold", what=what, refused=refused),
            field=field,
        )
    return value


Validator = Callable[[object, object, Any], None]


def text_field(name: str, *, optional: bool = False) -> Validator:
    """An attrs validator checking a text field with :func:`check_text`, naming the field
    ``name``; ``optional`` lets ``None`` pass."""

    def validate(_instance: object, _attribute: object, value: Any) -> None:
        if value is None and optional:
            return
        check_text(value, name, what=name)

    return validate
