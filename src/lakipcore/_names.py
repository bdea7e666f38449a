"""Looking up the members of lakipcore's closed vocabularies (enums) by their file names."""

from __future__ import annotations

import enum
from typing import TypeVar

from lakipcore.errors import UnknownNameError

__all__ = ["member"]

_E = TypeVar("_E", bound=enum.Enum)


def member(cls: type[_E], name: str, what: str) -> _E:
    """The member of ``cls`` whose value is ``name``; an error listing the valid names otherwise."""
    try:
        return cls(name)
    except ValueError:
        known = ", ".join(repr(m.value) for m in cls)
        raise UnknownNameError(f"unknown {what} {name!r}; expected one of {known}") from None
