"""Deprecated: loading many files lives in :mod:`lakipcore.formats.batch`, the roll-up in
:mod:`lakipcore.model.rollup` (both also in :mod:`lakipcore`)."""

from lakipcore._deprecated import moved

__getattr__ = moved(
    "lakipcore.batch",
    "lakipcore.formats.batch",
    elsewhere={"rollup": "lakipcore.model.rollup", "ROLLUP_METHOD": "lakipcore.model.rollup"},
)
