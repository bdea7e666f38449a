"""Output of ``lakip audit``: findings grouped by unit, as text or JSON."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from lakipcore.audit import Finding, Severity
from lakipcore.model import Report

__all__ = ["AUDIT_JSON_SCHEMA", "findings_to_dict", "render_findings"]

AUDIT_JSON_SCHEMA = "lakipcore.audit/2"


def _group(finding: Finding) -> str:
    return finding.subject.unit


def _summary(findings: Sequence[Finding]) -> dict[str, int]:
    return {s.value: sum(f.severity is s for f in findings) for s in Severity}


def render_findings(report: Report, findings: Sequence[Finding]) -> str:
    """Findings grouped by unit (office first, then units in report order), one per line."""
    names = {unit.code: unit.name for unit in report.units()}
    grouped: dict[str, list[Finding]] = {}
    for finding in findings:
        grouped.setdefault(_group(finding), []).append(finding)
    lines = []
    for code, name in names.items():
        members = grouped.get(code, [])
        if not members:
            continue
        lines.append(f"{code} ({name})")
        lines += [f"  {finding}" for finding in members]
    others = [f for f in findings if _group(f) not in names]
    if others:
        lines.append("other")
        lines += [f"  {finding}" for finding in others]
    counts = _summary(findings)
    lines.append(f"{counts['error']} errors, {counts['warning']} warnings, {counts['info']} notes")
    return "\n".join(lines) + "\n"


def _finding(finding: Finding) -> dict[str, Any]:
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


def findings_to_dict(findings: Sequence[Finding], *, source: str | None) -> dict[str, Any]:
    """Findings as JSON-ready data (docs/audit.md)."""
    return {
        "schema": AUDIT_JSON_SCHEMA,
        "source": source,
        "summary": _summary(findings),
        "findings": [_finding(f) for f in findings],
    }
