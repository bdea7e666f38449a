"""The public façade: every exported name resolves, and importing it stays light."""

from __future__ import annotations

import subprocess
import sys

import pytest

import lakipcore


def test_every_exported_name_resolves() -> None:
    """Each name in __all__ is reachable as an attribute (loading its module if needed)."""
    missing = [name for name in lakipcore.__all__ if not hasattr(lakipcore, name)]
    assert [] == missing


def test_lazy_names_are_exported() -> None:
    """Every lazily loaded name is public, and every public name is lazy or eager."""
    lazy = set(lakipcore._LAZY)
    exported = set(lakipcore.__all__)
    assert lazy <= exported
    eager = exported - lazy - {"__version__"}
    assert all(name in vars(lakipcore.errors) for name in eager)


def test_unknown_attribute() -> None:
    """An unknown name raises AttributeError, as for any module."""
    with pytest.raises(AttributeError, match="no_such_name"):
        lakipcore.no_such_name  # type: ignore[attr-defined]  # noqa: B018


def test_import_loads_nothing_heavy() -> None:
    """`import lakipcore` loads neither dateutil, tomllib, json nor the scoring engine."""
    code = "import sys, lakipcore; print(' '.join(sorted(sys.modules)))"
    loaded = set(
        subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        ).stdout.split()
    )
    heavy = {"dateutil", "tomllib", "json", "attrs", "lakipcore.scoring", "lakipcore.surveys"}
    assert set() == heavy & loaded
