"""Old import paths that still work for a while, and say where the name lives now.

A module that moved keeps its old name as a small module whose ``__getattr__`` is made here:
each name it is asked for is fetched from the new module, with a :class:`DeprecationWarning`
naming the new path (as python-dateutil and attrs do), instead of aliasing it silently.
"""

from __future__ import annotations

import importlib
import warnings
from collections.abc import Callable, Mapping

__all__ = ["moved"]


def moved(
    old: str, new: str, *, elsewhere: Mapping[str, str] | None = None, removal: str = "0.3"
) -> Callable[[str], object]:
    """A module ``__getattr__`` for ``old``, whose names now live in module ``new`` (or, for
    the names of ``elsewhere``, in the module it gives for each)."""

    def __getattr__(name: str) -> object:  # noqa: N807 - the module hook PEP 562 names
        if name.startswith("__"):
            raise AttributeError(name)
        target = (elsewhere or {}).get(name, new)
        module = importlib.import_module(target)
        try:
            value = getattr(module, name)
        except AttributeError:
            raise AttributeError(f"module {old!r} has no attribute {name!r}") from None
        warnings.warn(
            f"{old}.{name} has moved to {target}.{name}; the old path goes in lakipcore {removal}",
            DeprecationWarning,
            stacklevel=2,
        )
        return value

    return __getattr__
