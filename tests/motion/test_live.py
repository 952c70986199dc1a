"""The live loop, with a video standing in for the webcam and the window calls stubbed."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import cv2
import pytest
from typer.testing import CliRunner

import limber.motion.live as live
from limber.cli.main import app
from limber.motion.frames import CameraError, Frame, probe_video, read_video

runner = CliRunner()


@pytest.fixture
def fake_window(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    shown: list[int] = []
    monkeypatch.setenv("DISPLAY", ":99")
    monkeypatch.setattr(cv2, "imshow", lambda name, image: shown.append(image.shape[0]))
    monkeypatch.setattr(cv2, "waitKey", lambda delay: -1)
    monkeypatch.setattr(cv2, "getWindowProperty", lambda name, prop: 1.0)
    monkeypatch.setattr(cv2, "destroyAllWindows", lambda: None)
    return shown


@pytest.mark.video
def test_live_counts_from_a_camera_stream(
    fake_window: list[int], data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    info = probe_video(data_dir / "unlabeled" / "basic_bounce_side.mp4", max_mb=100)

    def camera(device: int) -> Iterator[Frame]:
        yield from read_video(info)

    monkeypatch.setattr(live, "read_camera", camera)
    result = runner.invoke(app, ["count", "--camera", "0", "--json", "--weight", "60"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output[result.output.index("{") :])
    assert data["count"] > 5
    assert len(fake_window) == info.frame_count > 0


def test_no_camera_is_a_clear_error(
    fake_window: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    def camera(device: int) -> Iterator[Frame]:
        raise CameraError(f"No camera could be opened at index {device}.")
        yield  # pragma: no cover

    monkeypatch.setattr(live, "read_camera", camera)
    result = runner.invoke(app, ["count", "--camera", "3"])
    assert result.exit_code == 2
    assert "No camera" in result.output and "Traceback" not in result.output


def test_read_camera_without_a_device() -> None:
    from limber.motion.frames import read_camera

    with pytest.raises(CameraError):
        next(read_camera(97))
