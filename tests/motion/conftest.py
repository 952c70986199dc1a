"""Where the shared jump-rope videos are, and small synthetic videos for bad-input tests."""

from __future__ import annotations

import os
from pathlib import Path

import cv2
import numpy as np
import pytest

from tests.conftest import SHARED


def jumprope_data() -> Path:
    override = os.environ.get("LIMBER_JUMPROPE_DATA")
    return Path(override) if override else SHARED / "data" / "jumprope"


@pytest.fixture
def data_dir() -> Path:
    root = jumprope_data()
    assert (root / "labeled" / "labels.json").exists(), f"jump-rope videos missing in {root}"
    return root


def write_video(
    path: Path, seconds: float, fps: float = 30.0, size: tuple[int, int] = (320, 240)
) -> Path:
    """A video of a sliding coloured block: moving pixels, but no person."""
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"mp4v"), fps, size)
    width, height = size
    for i in range(int(seconds * fps)):
        frame = np.full((height, width, 3), 40, np.uint8)
        x = (i * 5) % (width - 40)
        cv2.rectangle(frame, (x, 80), (x + 40, 160), (0, 160, 255), -1)
        writer.write(frame)
    writer.release()
    return path
