"""Imports every module that defines tables, so metadata and migrations see them all."""

from limber.store import (
    assessments,  # noqa: F401
    models,  # noqa: F401
    motion,  # noqa: F401
)
