"""Deprecated: the findings and their JSON record live in :mod:`lakipcore.results.findings`
(also :mod:`lakipcore.audit`); their text in :mod:`lakipcore.render.text`."""

from lakipcore._deprecated import moved

__getattr__ = moved(
    "lakipcore.audit.export",
    "lakipcore.results.findings",
    elsewhere={"render_findings": "lakipcore.render.text"},
)
