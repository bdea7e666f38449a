"""The one converter for the tuple fields of the model: a sequence in, a tuple out, each member
checked, so that a wrong member is the library's own error naming its place (``units[1]``)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, TypeVar, cast

from lakipcore.errors import LakipTypeError
from lakipcore.i18n import M_

__all__ = ["members"]

_T = TypeVar("_T")


# One converter per field, made once: models are built by the million.
_CONVERTERS: dict[tuple[type, str], Callable[[Any], tuple[Any, ...]]] = {}


def members(cls: type[_T], field: str) -> Callable[[Iterable[_T]], tuple[_T, ...]]:
    """A converter to a tuple of ``cls`` for the field ``field``."""
    found = _CONVERTERS.get((cls, field))
    if found is None:
        found = _CONVERTERS[cls, field] = _converter(cls, field)
    # The type as a string: a subscripted alias would be built on every call.
    return cast("Callable[[Iterable[_T]], tuple[_T, ...]]", found)


def _converter(cls: type[_T], field: str) -> Callable[[Iterable[_T]], tuple[_T, ...]]:

    def convert(items: Iterable[_T]) -> tuple[_T, ...]:
        kind = type(items)
        if (
            kind is not tuple
            and kind is not list
            and (isinstance(items, str | bytes) or not isinstance(items, Iterable))
        ):  # the abstract Iterable check is slow, so tuples and lists skip it
            raise LakipTypeError(
                M_(
                    "expected a sequence of {type}, got {type2}",
                    type=cls.__name__,
                    type2=type(items).__name__,
                ),
                field=field,
            )
        result = tuple(items)
        for index, item in enumerate(result):
            if not isinstance(item, cls):
                raise LakipTypeError(
                    M_(
                        "expected a {type}, got {type2}",
                        type=cls.__name__,
                        type2=type(item).__name__,
                    ),
                    field=f"{field}[{index}]",
                )
        return result

    return convert
