"""The camera window, with a video standing in for the webcam and the window calls stubbed."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import cv2
import numpy as np
import pytest
from typer.testing import CliRunner

import limber.motion.camera_window as camera_window
from limber.cli.main import app
from limber.motion.session import JumpSession
from limber.motion.sources import CameraError, Frame, probe_video, read_video
from limber.motion.verdict import NobodySeen
from tests.motion.conftest import write_video

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

    monkeypatch.setattr(camera_window, "read_camera", camera)
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

    monkeypatch.setattr(camera_window, "read_camera", camera)
    result = runner.invoke(app, ["count", "--camera", "3"])
    assert result.exit_code == 2
    assert "No camera" in result.output and "Traceback" not in result.output


def test_read_camera_without_a_device() -> None:
    from limber.motion.sources import read_camera

    with pytest.raises(CameraError):
        next(read_camera(97))


def test_a_camera_bout_without_anyone_is_refused_and_saves_nothing(
    fake_window: list[int], tmp_path: Path, limber_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The same rule as for a file and the browser's stream: nobody seen, nothing kept.
    info = probe_video(write_video(tmp_path / "empty-room.mp4", seconds=3.0), max_mb=10)

    def camera(device: int) -> Iterator[Frame]:
        yield from read_video(info)

    monkeypatch.setattr(camera_window, "read_camera", camera)
    result = runner.invoke(app, ["count", "--camera", "0", "--save", "--weight", "60"])
    assert result.exit_code == 2, result.output
    assert "Nobody was seen by the camera" in result.output
    assert len(fake_window) == info.frame_count
    assert not (limber_home / "limber.db").exists()


def test_the_camera_window_runs_the_crowd_watch(
    fake_window: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    sessions: list[JumpSession] = []
    real = camera_window.JumpSession

    def spy(*args: Any, **kwargs: Any) -> JumpSession:
        sessions.append(real(*args, **kwargs))
        return sessions[-1]

    image = np.zeros((120, 160, 3), np.uint8)

    def camera(device: int) -> Iterator[Frame]:
        for i in range(40):
            yield Frame(image=image, t=i / 20, index=i)

    monkeypatch.setattr(camera_window, "read_camera", camera)
    monkeypatch.setattr(camera_window, "JumpSession", spy)
    with pytest.raises(NobodySeen):
        camera_window.run_camera_window(0)
    assert [t for t, _ in sessions[0].crowd.samples] == [0.0, 0.5, 1.0, 1.5]
