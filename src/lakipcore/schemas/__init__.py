"""JSON Schemas (draft 2020-12) of the report file format and of the score and audit documents.

``report`` describes the TOML report file (schema 2, as ``tomllib`` parses it; docs/format.md),
``score`` the output of ``lakip score --format json`` (docs/json.md), ``audit`` that of ``lakip
audit --format json`` (docs/audit.md), ``error`` what both print instead when the input cannot be
used (:meth:`lakipcore.errors.LakipError.to_dict`), ``lke-score`` that of ``lakip lke score
--format json`` (docs/evaluation.md), ``monitoring`` that of ``lakip monitor --format json``
(docs/monitoring.md). They ship as package data
(``lakipcore/schemas/*.json``) and ``lakip schema NAME`` prints them.

>>> from lakipcore.schemas import load_schema
>>> load_schema("score")["properties"]["schema"]
{'const': 'lakipcore.score/2'}
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from lakipcore.errors import UnknownNameError
from lakipcore.i18n import M_

__all__ = ["SCHEMA_NAMES", "load_schema", "schema_text"]

SCHEMA_NAMES = ("report", "score", "audit", "error", "lke-score", "monitoring")
"""The schemas lakipcore ships."""


def schema_text(name: str) -> str:
    """The JSON text of schema ``name`` (one of :data:`SCHEMA_NAMES`), as shipped."""
    if name not in SCHEMA_NAMES:
        known = ", ".join(SCHEMA_NAMES)
        raise UnknownNameError(
            M_("unknown schema {name}; expected one of {known}", name=repr(name), known=known),
            field="name",
        )
    return (resources.files(__package__) / f"{name}.json").read_text(encoding="utf-8")


def load_schema(name: str) -> dict[str, Any]:
    """Schema ``name`` (one of :data:`SCHEMA_NAMES`) as a dict, for a JSON Schema validator."""
    data: dict[str, Any] = json.loads(schema_text(name))
    return data
