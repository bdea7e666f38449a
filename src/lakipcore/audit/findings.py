"""Findings: inconsistencies in otherwise valid data, as records with locations.

An audit never stops at the first problem: it collects every finding in one pass, like a
compiler's diagnostics. Each has a stable code (documented in docs/audit.md), a severity, the
subject it concerns, where the figure is printed, the published text, the recomputed exact value,
the precision and reading used, and a message a report author understands.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from decimal import Decimal
from types import MappingProxyType

import attrs

from lakipcore.model import Place

__all__ = ["CODES", "Finding", "Location", "Severity"]


class Severity(enum.Enum):
    """How much a finding matters."""

    ERROR = "error"
    """A printed figure that the inputs do not support: the report is wrong here."""
    WARNING = "warning"
    """Something a reader can be misled by, although each figure may be right on its own terms."""
    INFO = "info"
    """How a figure was explained when it is not the plain reading; nothing is wrong."""


CODES: Mapping[str, tuple[Severity, str]] = MappingProxyType(
    {
        "figure-mismatch": (
            Severity.ERROR,
            "a printed figure that no admissible reading of the inputs explains",
        ),
        "malformed-figure": (
            Severity.ERROR,
            "printed text that is not a figure in the Indonesian style (e.g. '104.30%')",
        ),
        "evidence-mismatch": (
            Severity.ERROR,
            "a stated realisation (or the number in its note) that its evidence rows contradict",
        ),
        "grade-mismatch": (
            Severity.ERROR,
            "a printed grade that its grade table does not give to the score beside it",
        ),
        "method-change": (
            Severity.WARNING,
            "the two years of a YoY comparison are scored with different methods",
        ),
        "other-method": (
            Severity.WARNING,
            "an office figure explained only by a method other than the year's declared one",
        ),
        "table-omission": (
            Severity.WARNING,
            "an indicator scored in one table but missing from another that lists its unit",
        ),
        "outside-period": (
            Severity.WARNING,
            "evidence dated outside the year it supports",
        ),
        "overspent": (
            Severity.WARNING,
            "realisasi above pagu for a budget output or programme",
        ),
        "truncated": (
            Severity.INFO,
            "explained by truncating, not rounding half-up, at the printed precision",
        ),
        "printed-operands": (
            Severity.INFO,
            "explained only as arithmetic on the rounded figures printed beside it",
        ),
        "rounded-input": (
            Severity.INFO,
            "explained only within the rounding interval of an input printed as a rounded rate",
        ),
        "missing-percent-sign": (
            Severity.INFO,
            "a percentage printed without its '%' sign",
        ),
        "not-recomputable": (
            Severity.INFO,
            "a printed figure that needs data the report file does not hold (e.g. evidence)",
        ),
        "not-gradable": (
            Severity.INFO,
            "a printed grade for a score its grade table does not cover (it refuses to guess)",
        ),
        "method-inferred": (
            Severity.INFO,
            "no method declared for a year; the audit chose the one explaining its office row",
        ),
    }
)
"""Every finding code, with its severity and a one-line meaning. Read-only."""


@attrs.frozen
class Location:
    """Where a figure is: the file, the field path inside it, and the report's table."""

    source: str | None = None
    field: str | None = None
    place: Place | None = None

    def __str__(self) -> str:
        head = ":".join(p for p in (self.source, self.field) if p) or "<report>"
        return f"{head} [{self.place.value}]" if self.place else head


@attrs.frozen
class Finding:
    """One inconsistency (or notable reading) found by the audit.

    ``published`` is the text as printed; ``recomputed`` the exact value lakipcore computes for
    it; ``places`` the precision compared at and ``reading`` how the comparison was made.
    """

    code: str
    subject: str
    year: int | None
    location: Location
    message: str
    published: str | None = None
    recomputed: Decimal | None = None
    places: int | None = None
    reading: str | None = None

    def __attrs_post_init__(self) -> None:
        if self.code not in CODES:
            raise ValueError(f"unknown finding code {self.code!r}")  # a programming error

    @property
    def severity(self) -> Severity:
        """The code's severity."""
        return CODES[self.code][0]

    def __str__(self) -> str:
        return f"{self.location}: {self.severity.value} {self.code}: {self.message}"
