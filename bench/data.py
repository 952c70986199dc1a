"""Where the labeled jump-rope videos are: the one answer for the benchmarks and the tests.

They are not in the repository (hundreds of megabytes): they sit in the shared folder beside
the clone, ``<repo>/../shared/data/jumprope``, or wherever ``LIMBER_JUMPROPE_DATA`` points.
The folder holds ``labeled/labels.json``, the labeled videos under ``labeled/`` and smoke-test
videos under ``unlabeled/``. Kept free of heavy imports: ``tests/conftest.py`` reads it too.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
ENV = "LIMBER_JUMPROPE_DATA"
DEFAULT = REPO.parent / "shared" / "data" / "jumprope"


def jumprope_data() -> Path:
    """``LIMBER_JUMPROPE_DATA`` when set, else ``../shared/data/jumprope`` beside the clone."""
    override = os.environ.get(ENV)
    return Path(override) if override else DEFAULT


def labels_file() -> Path:
    return jumprope_data() / "labeled" / "labels.json"


def have_videos() -> bool:
    return labels_file().is_file()


def labels() -> dict[str, Any]:
    """The hand labels by video key, or ``{}`` when the videos are not here.

    Empty rather than an error so that test modules can be collected without the videos;
    ``tests/conftest.py`` then stops the run with :func:`missing_message` before any test.
    """
    if not have_videos():
        return {}
    loaded: dict[str, Any] = json.loads(labels_file().read_text())
    return loaded


def missing_message() -> str:
    """One line: where the videos are expected and how to point at them."""
    return (
        f"The labeled jump-rope videos are not in {jumprope_data()} (no labeled/labels.json):"
        f" put the shared folder beside the clone (../shared/data/jumprope) or set"
        f" {ENV}=/path/to/jumprope; `make check` runs every test that needs no videos."
    )
