"""The audit's result and its output forms: :class:`Findings`, JSON-ready data, text.

:func:`lakipcore.audit.audit` returns a :class:`Findings`, a ``list`` of :class:`Finding` that
also knows how to group, count and show itself. It is a ``list`` subclass, not a new sequence
type, so that every existing use of the audit's list keeps working unchanged: ``==`` against a
list, indexing, slicing, ``len``, iteration, ``json`` of its dict form.

>>> import lakipcore
>>> from lakipcore.audit import audit
>>> findings = audit(lakipcore.load_example())
>>> findings.summary()
{'error': 9, 'warning': 2, 'info': 14}
>>> len(findings.errors), len(findings.by_unit()['kanwil-banten'])
(9, 3)
>>> findings_to_dict(findings, source="banten-2019.toml")["schema"]
'lakipcore.audit/2'
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TypedDict

from lakipcore._display import Displayed
from lakipcore.audit.findings import Finding, Severity
from lakipcore.model import Report

__all__ = [
    "AUDIT_JSON_SCHEMA",
    "AuditDict",
    "FindingDict",
    "Findings",
    "LocationDict",
    "SubjectDict",
    "SummaryDict",
    "finding_to_dict",
    "findings_to_dict",
    "render_findings",
]

AUDIT_JSON_SCHEMA = "lakipcore.audit/2"
"""The name of the audit document's layout (docs/audit.md, ``lakip schema audit``)."""


class SubjectDict(TypedDict):
    """What a finding is about: a unit code and an item of it (or ``None``)."""

    unit: str
    item: str | None


class LocationDict(TypedDict):
    """Where the figure is: file, field path, line and the report's table id."""

    source: str | None
    field: str | None
    line: int | None
    place: str | None


class FindingDict(TypedDict):
    """One finding; ``recomputed`` is the exact value in decimal notation."""

    code: str
    severity: str
    subject: SubjectDict
    period: str | None
    location: LocationDict
    published: str | None
    recomputed: str | None
    places: int | None
    reading: str | None
    message: str


class SummaryDict(TypedDict):
    """How many findings of each severity (the values of :class:`Severity`)."""

    error: int
    warning: int
    info: int


class AuditDict(TypedDict):
    """The whole audit document (schema ``lakipcore.audit/2``)."""

    schema: str
    source: str | None
    summary: SummaryDict
    findings: list[FindingDict]


def _summary(findings: Iterable[Finding]) -> SummaryDict:
    counts = {severity.value: 0 for severity in Severity}
    for finding in findings:
        counts[finding.severity.value] += 1
    return {"error": counts["error"], "warning": counts["warning"], "info": counts["info"]}


class Findings(Displayed, list[Finding]):
    """The findings of an audit, in the order the checks found them.

    A ``list`` (it compares equal to a list of the same findings), with views by severity and by
    unit, counts, the JSON-ready form, and a table for notebooks (``_repr_html_``, findings
    coloured by severity). Its ``repr`` is the list's.
    """

    __slots__ = ()

    @property
    def errors(self) -> Findings:
        """The findings of severity ``error``: printed figures the inputs do not support."""
        return Findings(f for f in self if f.severity is Severity.ERROR)

    @property
    def warnings(self) -> Findings:
        """The findings of severity ``warning``."""
        return Findings(f for f in self if f.severity is Severity.WARNING)

    @property
    def notes(self) -> Findings:
        """The findings of severity ``info``: how a figure was explained."""
        return Findings(f for f in self if f.severity is Severity.INFO)

    def by_unit(self) -> dict[str, Findings]:
        """The findings grouped by the code of the unit they concern, units in the order of
        their first finding."""
        groups: dict[str, Findings] = {}
        for finding in self:
            groups.setdefault(finding.subject.unit, Findings()).append(finding)
        return groups

    def summary(self) -> SummaryDict:
        """How many findings of each severity: ``{"error": 9, "warning": 2, "info": 14}``."""
        return _summary(self)

    def to_dict(self, *, source: str | None = None) -> AuditDict:
        """The findings as JSON-ready data (:func:`findings_to_dict`)."""
        return findings_to_dict(self, source=source)

    # The list's repr (the findings themselves); Displayed gives the notebook tables.
    __repr__ = list.__repr__


def render_findings(report: Report, findings: Sequence[Finding]) -> str:
    """Findings as text, grouped by unit (the office first, then the units in report order),
    one per line, with the counts last (the output of ``lakip audit``)."""
    names = {unit.code: unit.name for unit in report.units()}
    grouped: dict[str, list[Finding]] = {}
    for finding in findings:
        grouped.setdefault(finding.subject.unit, []).append(finding)
    lines = []
    for code, name in names.items():
        members = grouped.get(code, [])
        if not members:
            continue
        lines.append(f"{code} ({name})")
        lines += [f"  {finding}" for finding in members]
    others = [f for f in findings if f.subject.unit not in names]
    if others:
        lines.append("other")
        lines += [f"  {finding}" for finding in others]
    counts = _summary(findings)
    lines.append(f"{counts['error']} errors, {counts['warning']} warnings, {counts['info']} notes")
    return "\n".join(lines) + "\n"


def finding_to_dict(finding: Finding) -> FindingDict:
    """One finding as JSON-ready data."""
    return {
        "code": finding.code.value,
        "severity": finding.severity.value,
        "subject": {"unit": finding.subject.unit, "item": finding.subject.item},
        "period": finding.period,
        "location": {
            "source": finding.location.source,
            "field": finding.location.field,
            "line": finding.location.line,
            "place": finding.location.place,
        },
        "published": finding.published,
        "recomputed": None if finding.recomputed is None else format(finding.recomputed, "f"),
        "places": finding.places,
        "reading": finding.reading,
        "message": finding.message,
    }


def findings_to_dict(findings: Iterable[Finding], *, source: str | None) -> AuditDict:
    """Findings as JSON-ready data (docs/audit.md), for ``json.dumps``; ``source`` names the
    audited file."""
    items = list(findings)
    return {
        "schema": AUDIT_JSON_SCHEMA,
        "source": source,
        "summary": _summary(items),
        "findings": [finding_to_dict(f) for f in items],
    }
