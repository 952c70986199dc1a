"""Imports every module that defines tables, so metadata and migrations see them all."""

from limber.store import (
    adverse,  # noqa: F401
    assessments,  # noqa: F401
    clearance,  # noqa: F401
    hurts,  # noqa: F401
    models,  # noqa: F401
    motion,  # noqa: F401
)
