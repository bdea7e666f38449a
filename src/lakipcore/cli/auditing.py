"""Output of ``lakip audit``; it lives in :mod:`lakipcore.audit.export` (public)."""

from __future__ import annotations

from lakipcore.audit.export import AUDIT_JSON_SCHEMA, findings_to_dict, render_findings

__all__ = ["AUDIT_JSON_SCHEMA", "findings_to_dict", "render_findings"]
