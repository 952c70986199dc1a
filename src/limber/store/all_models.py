"""Imports every module that defines tables, so metadata and migrations see them all."""

from limber.store import models  # noqa: F401
from limber.store import assessments  # noqa: F401
