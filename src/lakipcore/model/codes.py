"""Codes: the stable names of units, indicators, outputs and tables in paths, JSON and the CLI."""

from __future__ import annotations

import re
from typing import Final

from lakipcore.errors import InvalidValueError, LakipTypeError

__all__ = ["check_code"]

# Codes and ids appear in paths, JSON and the CLI: lower-case ASCII, digits, '-', '_' and '.'.
_CODE_RE: Final = re.compile(r"[a-z0-9](?:[a-z0-9._-]{0,62}[a-z0-9])?")


def check_code(value: object, what: str, field: str = "code") -> str:
    """``value`` if it is a valid code (``sekjen``, ``sekjen-ikm``, ``a``), else an error."""
    if not isinstance(value, str):
        raise LakipTypeError(f"expected the {what} code as a str, got {value!r}", field=field)
    if not _CODE_RE.fullmatch(value):
        raise InvalidValueError(
            f"{what} code {value!r} must be 1-64 lower-case ASCII letters, digits, '-', '_' or "
            "'.', starting and ending with a letter or digit",
            field=field,
        )
    return value
