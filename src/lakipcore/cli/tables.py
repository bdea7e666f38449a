"""The text tables of ``lakip score``; they live in :mod:`lakipcore.render.text` (public)."""

from __future__ import annotations

from lakipcore.render.text import render_score_text

__all__ = ["render_score", "render_score_text"]

render_score = render_score_text
"""The former name, kept for callers of this module."""
