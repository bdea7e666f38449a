"""The report file format (docs/format.md): loading, writing, and the shipped example."""

from __future__ import annotations

from lakipcore.formats.toml.loader import SCHEMA_VERSION, load_report, loads_report
from lakipcore.formats.toml.writer import dump_report, write_report
from lakipcore.model import Report

__all__ = [
    "EXAMPLE_NAME",
    "SCHEMA_VERSION",
    "dump_report",
    "example_text",
    "load_example",
    "load_report",
    "loads_report",
    "write_report",
]

EXAMPLE_NAME = "banten-2019.toml"
"""The shipped example: chapter III of the 2019 LAKIP of the Kanwil Kemenkumham Banten."""


def example_text() -> str:
    """The text of the shipped example report file."""
    from importlib import resources  # lazily: it pulls in tempfile, shutil, … at import

    return resources.files("lakipcore.data").joinpath(EXAMPLE_NAME).read_text(encoding="utf-8")


def load_example() -> Report:
    """The shipped Banten 2019 report, loaded."""
    return loads_report(example_text(), source=EXAMPLE_NAME)
