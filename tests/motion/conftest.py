"""Where the shared jump-rope videos are, and small synthetic videos for bad-input tests."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest

from tests.conftest import jumprope_data

__all__ = ["data_dir", "jumprope_data", "write_video"]


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


def limber(*args: str) -> tuple[int, str]:
    """Run ``limber ARGS`` in-process; its exit code and output."""
    from typer.testing import CliRunner

    from limber.cli.main import app

    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.output


def assert_refused(code: int, output: str, *words: str) -> None:
    """A bad input: exit 2, an ``Error:`` line with ``words`` in it, never a traceback."""
    assert code == 2, output
    assert "Error:" in output
    assert "Traceback" not in output
    for word in words:
        assert word in output, output
