"""Limber: stretch, skip, breathe. A local-first coach for people with back pain."""

__version__ = "0.1.0"
