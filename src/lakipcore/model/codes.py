"""Codes: the stable names of units, indicators, outputs and tables in paths, JSON and the CLI."""

from __future__ import annotations

import re
from typing import Final

from lakipcore.errors import InvalidValueError, LakipTypeError
from lakipcore.i18n import M_

__all__ = ["check_code", "check_unit_code"]

# Codes and ids appear in paths, JSON and the CLI: lower-case ASCII, digits, '-', '_' and '.'.
_CODE = r"[a-z0-9](?:[a-z0-9._-]{0,62}[a-z0-9])?"
_CODE_RE: Final = re.compile(_CODE)
# A unit's code may be a path of codes: a roll-up addresses each unit inside its office
# ('kanwil-banten/sekjen'), so that offices of one shape keep their units' codes apart.
_UNIT_PARTS: Final = 32  # as many as a tree of units has levels (model.MAX_LEVELS)
_UNIT_CODE_RE: Final = re.compile(rf"{_CODE}(?:/{_CODE}){{0,{_UNIT_PARTS - 1}}}")


def check_code(value: object, what: str, field: str = "code") -> str:
    """``value`` if it is a valid code (``sekjen``, ``sekjen-ikm``, ``a``), else an error."""
    if not isinstance(value, str):
        raise LakipTypeError(
            M_("expected the {what} code as a str, got {value}", what=what, value=repr(value)),
            field=field,
        )
    if not _CODE_RE.fullmatch(value):
        raise InvalidValueError(
            M_(
                "{what} code {value} must be 1-64 lower-case ASCII letters, "
                "digits, '-', '_' or '.', starting and ending with a letter or "
                "digit",
                what=what,
                value=repr(value),
            ),
            field=field,
        )
    return value


def check_unit_code(value: object, field: str = "code") -> str:
    """``value`` if it is a valid unit code, else an error: a code (``sekjen``), or up to 32
    codes joined by ``/``, a unit's address inside its office (``kanwil-banten/sekjen``), which
    is how :func:`lakipcore.model.rollup.rollup` codes the units below each office."""
    if not isinstance(value, str):
        raise LakipTypeError(
            M_("expected the unit code as a str, got {value}", value=repr(value)), field=field
        )
    if not _UNIT_CODE_RE.fullmatch(value):
        raise InvalidValueError(
            M_(
                "unit code {value} must be 1-64 lower-case ASCII letters, "
                "digits, '-', '_' or '.', starting and ending with a letter or "
                "digit, or such codes joined by '/' (at most {unit_parts}: an "
                "office and its unit, 'kanwil-banten/sekjen')",
                value=repr(value),
                unit_parts=_UNIT_PARTS,
            ),
            field=field,
        )
    return value
