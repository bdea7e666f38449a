"""Closed vocabularies (enums) whose members have file names, and their lookup by name."""

from __future__ import annotations

import enum
from typing import Any, Self, TypeVar

from lakipcore.errors import LakipTypeError, UnknownNameError
from lakipcore.i18n import M_

__all__ = ["NamedEnum", "enum_field", "member"]

_E = TypeVar("_E", bound=enum.Enum)


def member(cls: type[_E], name: str, what: str) -> _E:
    """The member of ``cls`` whose value is ``name``; an error listing the valid names otherwise."""
    if not isinstance(name, str):
        raise LakipTypeError(
            M_(
                "expected the {what} as a name (str), got {type}",
                what=what,
                type=type(name).__name__,
            )
        )
    try:
        return cls(name)
    except ValueError:
        known = ", ".join(repr(m.value) for m in cls)
        raise UnknownNameError(
            M_(
                "unknown {what} {name}; expected one of {known}",
                what=what,
                name=repr(name),
                known=known,
            )
        ) from None


class NamedEnum(enum.Enum):
    """An enum whose values are the names the file format and the CLI use.

    Subclasses set ``__what__`` (``"polarity"``), the word error messages use for a member (a
    dunder, so that the enum does not take it for a member).
    """

    # Members are singletons compared by identity, so the identity hash is as good as Enum's
    # hash of the name, and it is a C slot instead of a Python call: members key the lookups
    # that run for every figure an audit compares.
    __hash__ = object.__hash__

    @classmethod
    def from_name(cls, name: str) -> Self:
        """The member called ``name`` (its value); :class:`UnknownNameError` lists the others."""
        return member(cls, name, str(getattr(cls, "__what__", cls.__name__)))


def enum_field(cls: type[enum.Enum], field: str) -> Any:
    """An attrs validator refusing anything but a member of ``cls`` (a plain str such as 'lower'
    too: a string that happens to equal a value would otherwise pass unnoticed)."""

    def check(_instance: object, _attribute: object, value: object) -> None:
        if not isinstance(value, cls):
            lookup = f"{cls.__name__}.from_name()" if hasattr(cls, "from_name") else cls.__name__
            raise LakipTypeError(
                M_(
                    "expected a {type} member, got {value}; use {lookup} to look one up by name",
                    type=cls.__name__,
                    value=repr(value),
                    lookup=lookup,
                ),
                field=field,
            )

    return check
