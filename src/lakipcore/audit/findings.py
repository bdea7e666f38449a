"""Findings: inconsistencies in otherwise valid data, as records with locations.

An audit never stops at the first problem: it collects every finding in one pass, like a
compiler's diagnostics. Each has a stable code (documented in docs/audit.md) that carries its
severity, the subject it concerns (a unit, and an item of it), the period, where the figure is
printed (the origin the loader set, and the report's table), the published text, the
recomputed exact value, the precision and reading used, and a message a report author
understands.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from decimal import Decimal
from types import MappingProxyType

import attrs

from lakipcore._names import enum_field
from lakipcore.model import Origin

__all__ = ["CODES", "Finding", "FindingCode", "Location", "Severity", "Subject"]


class Severity(enum.Enum):
    """How much a finding matters."""

    ERROR = "error"
    """A printed figure that the inputs do not support: the report is wrong here."""
    WARNING = "warning"
    """Something a reader can be misled by, although each figure may be right on its own terms."""
    INFO = "info"
    """How a figure was explained when it is not the plain reading; nothing is wrong."""


_E, _W, _I = Severity.ERROR, Severity.WARNING, Severity.INFO


class FindingCode(enum.StrEnum):
    """A finding's stable code; its value is the code (``"figure-mismatch"``), so it compares
    equal to that string. :attr:`severity` and :attr:`meaning` come with it."""

    FIGURE_MISMATCH = "figure-mismatch"
    MALFORMED_FIGURE = "malformed-figure"
    EVIDENCE_MISMATCH = "evidence-mismatch"
    GRADE_MISMATCH = "grade-mismatch"
    NOT_SCORABLE = "not-scorable"
    METHOD_CHANGE = "method-change"
    OTHER_METHOD = "other-method"
    TABLE_OMISSION = "table-omission"
    OUTSIDE_PERIOD = "outside-period"
    OVERSPENT = "overspent"
    HALF_UP = "half-up"
    TRUNCATED = "truncated"
    PRINTED_OPERANDS = "printed-operands"
    ROUNDED_INPUT = "rounded-input"
    MISSING_PERCENT_SIGN = "missing-percent-sign"
    NOT_RECOMPUTABLE = "not-recomputable"
    NOT_GRADABLE = "not-gradable"
    METHOD_INFERRED = "method-inferred"
    UNIT_LABEL_MISMATCH = "unit-label-mismatch"

    @property
    def severity(self) -> Severity:
        """How much findings of this code matter."""
        return _MEANINGS[self][0]

    @property
    def meaning(self) -> str:
        """What the code means, in one line."""
        return _MEANINGS[self][1]


_MEANINGS: Mapping[FindingCode, tuple[Severity, str]] = {
    FindingCode.FIGURE_MISMATCH: (
        _E,
        "a printed figure that no admissible reading of the inputs explains",
    ),
    FindingCode.MALFORMED_FIGURE: (
        _E,
        "printed text that is not a figure in the Indonesian style (e.g. '104.30%')",
    ),
    FindingCode.EVIDENCE_MISMATCH: (
        _E,
        "a stated realisation (or the number in its note) that its evidence rows contradict",
    ),
    FindingCode.GRADE_MISMATCH: (
        _E,
        "a printed grade that its grade table does not give to the score beside it",
    ),
    FindingCode.NOT_SCORABLE: (
        _E,
        "an indicator the scoring cannot score (a zero target, evidence that does not compute)",
    ),
    FindingCode.METHOD_CHANGE: (
        _W,
        "the two periods of a change (YoY) are scored with different methods",
    ),
    FindingCode.OTHER_METHOD: (
        _W,
        "an office figure explained only by a method other than the period's declared one",
    ),
    FindingCode.TABLE_OMISSION: (
        _W,
        "an indicator scored but missing from a table meant to list it",
    ),
    FindingCode.OUTSIDE_PERIOD: (_W, "evidence dated outside the period it supports"),
    FindingCode.OVERSPENT: (
        _W,
        "realisasi above pagu for a budget output or programme, or a reported absorption above "
        "100%",
    ),
    FindingCode.UNIT_LABEL_MISMATCH: (
        _W,
        "a target and its realisation printed in different units (12 Laporan against 12 "
        "Dokumen): the capaian compares them as if they were the same",
    ),
    FindingCode.HALF_UP: (
        _I,
        "explained by rounding half-up, where the period's method declares another rounding",
    ),
    FindingCode.TRUNCATED: (
        _I,
        "explained by truncating, not rounding half-up, at the printed precision",
    ),
    FindingCode.PRINTED_OPERANDS: (
        _I,
        "explained only as arithmetic on the rounded figures printed beside it",
    ),
    FindingCode.ROUNDED_INPUT: (
        _I,
        "explained only within the rounding interval of an input printed as a rounded rate",
    ),
    FindingCode.MISSING_PERCENT_SIGN: (_I, "a percentage printed without its '%' sign"),
    FindingCode.NOT_RECOMPUTABLE: (
        _I,
        "a printed figure that needs data the report file does not hold (e.g. evidence)",
    ),
    FindingCode.NOT_GRADABLE: (
        _I,
        "a printed grade for a score its grade table does not cover (it refuses to guess)",
    ),
    FindingCode.METHOD_INFERRED: (
        _I,
        "no method declared for a period; the audit chose the one explaining its office row",
    ),
}

CODES: Mapping[str, tuple[Severity, str]] = MappingProxyType(
    {code.value: (code.severity, code.meaning) for code in FindingCode}
)
"""Every finding code, with its severity and a one-line meaning. Read-only."""


@attrs.frozen
class Subject:
    """What a finding is about: a unit (by code), and optionally an item of it (an indicator,
    ``programme``, ``output a``, an evidence table, a row)."""

    unit: str
    item: str | None = None

    def __str__(self) -> str:
        return self.unit if self.item is None else f"{self.unit} / {self.item}"


@attrs.frozen
class Location:
    """Where a figure is: the file, the field path inside it, the line, and the report's table
    (a table id)."""

    source: str | None = None
    field: str | None = None
    place: str | None = None
    line: int | None = None

    @classmethod
    def of(cls, origin: Origin | None, place: str | None, source: str | None = None) -> Location:
        """The location of something read from ``origin`` and printed in table ``place``;
        ``source`` names the file when the origin does not (objects built in Python)."""
        if origin is None:
            return cls(source, None, place)
        return cls(origin.source or source, origin.path, place, origin.line)

    def __str__(self) -> str:
        head = self.source or "<report>"
        if self.line is not None:
            head += f":{self.line}"
        if self.field:
            head += f":{self.field}"
        return f"{head} [{self.place}]" if self.place else head


@attrs.frozen
class Finding:
    """One inconsistency (or notable reading) found by the audit.

    ``published`` is the text as printed; ``recomputed`` the exact value lakipcore computes for
    it; ``places`` the precision compared at and ``reading`` how the comparison was made.
    ``period`` is the key of the period the figure belongs to.
    """

    code: FindingCode = attrs.field(validator=enum_field(FindingCode, "code"))
    subject: Subject
    period: str | None
    location: Location
    message: str
    published: str | None = None
    recomputed: Decimal | None = None
    places: int | None = None
    reading: str | None = None

    @property
    def severity(self) -> Severity:
        """The code's severity."""
        return self.code.severity

    def __str__(self) -> str:
        return f"{self.location}: {self.severity.value} {self.code.value}: {self.message}"
