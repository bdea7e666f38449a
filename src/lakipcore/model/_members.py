"""The one converter for the tuple fields of the model: a sequence in, a tuple out, each member
checked, so that a wrong member is the library's own error naming its place (``units[1]``)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeVar

from lakipcore.errors import LakipTypeError

__all__ = ["members"]

_T = TypeVar("_T")


def members(cls: type[_T], field: str) -> Callable[[Iterable[_T]], tuple[_T, ...]]:
    """A converter to a tuple of ``cls`` for the field ``field``."""

    def convert(items: Iterable[_T]) -> tuple[_T, ...]:
        if isinstance(items, str | bytes) or not isinstance(items, Iterable):
            raise LakipTypeError(
                f"expected a sequence of {cls.__name__}, got {type(items).__name__}", field=field
            )
        result = tuple(items)
        for index, item in enumerate(result):
            if not isinstance(item, cls):
                raise LakipTypeError(
                    f"expected a {cls.__name__}, got {type(item).__name__}",
                    field=f"{field}[{index}]",
                )
        return result

    return convert
