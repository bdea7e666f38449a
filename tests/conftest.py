"""Shared test configuration: deterministic Hypothesis profiles."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

# CI must be reproducible: derandomize makes every run try the same examples. Locally the
# "dev" profile explores new examples each run.
settings.register_profile(
    "ci",
    derandomize=True,
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    database=None,
)
settings.register_profile("dev", max_examples=100, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))
