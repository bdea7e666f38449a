"""The audit: recompute every printed figure and say which follow from the inputs."""

from lakipcore.audit.recompute import Reading, Recomputed, explain, recompute

__all__ = ["Reading", "Recomputed", "explain", "recompute"]
