"""Deprecated: the formula catalogue lives in :mod:`lakipcore.methods.catalogue`."""

from lakipcore._deprecated import moved

__getattr__ = moved("lakipcore.scoring.catalogue", "lakipcore.methods.catalogue")
