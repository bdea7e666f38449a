"""Optional extras in tests: skipped on a core-only install, required in CI.

``pip install lakipcore`` alone must pass the core tests, so a test of an extra skips when the
extra is missing; but CI installs every extra, and a silently skipped test there would hide a
broken install, so under ``CI`` a missing module fails the test instead.
"""

from __future__ import annotations

import importlib
import os
from types import ModuleType

import pytest


def require(module: str) -> ModuleType:
    """Import ``module`` for a test; skip when it is missing, except in CI, where it fails."""
    if os.environ.get("CI"):
        return importlib.import_module(module)
    return pytest.importorskip(module)
