"""Deprecated: the report file format lives in :mod:`lakipcore.formats.toml` (and its public
functions in :mod:`lakipcore.formats` and :mod:`lakipcore`)."""

from lakipcore._deprecated import moved

__getattr__ = moved("lakipcore.reportfile", "lakipcore.formats.toml")
