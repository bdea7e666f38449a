"""Deprecated: scoring methods live in :mod:`lakipcore.methods`."""

from lakipcore._deprecated import moved

__getattr__ = moved("lakipcore.scoring.methods", "lakipcore.methods")
