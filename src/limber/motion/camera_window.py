"""Counting from a webcam in a desktop window (OpenCV's ``imshow``): ``limber count --camera``.

The same :class:`JumpSession` as for files and the browser's stream; :class:`CameraWindow`
is one more consumer of the vision loop that shows the skeleton, the count and the cadence.
Press q or Esc (or close the window) to stop.
"""

from __future__ import annotations

import contextlib
import os
import sys
from contextlib import closing

import cv2

from limber.motion.annotate import Status, draw_overlay
from limber.motion.keypoints import Keypoints
from limber.motion.pose import PoseConfig, PoseTracker
from limber.motion.results import JumpResult
from limber.motion.session import JumpSession, JumpTally
from limber.motion.sources import Frame, read_camera

WINDOW = "Limber - jump count (q to stop)"


class NoDisplayError(RuntimeError):
    """There is no screen to show the live window on; the message is for the user."""


def _check_display() -> None:
    if sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    ):
        raise NoDisplayError(
            "No display found (DISPLAY is not set): live counting needs a desktop window. "
            "Record a video and run `limber count VIDEO` instead."
        )


class CameraWindow:
    """Consumer: draws each frame with its count and shows it; ``closed`` once the user quits."""

    def __init__(self, status: Status) -> None:
        self.status = status
        self.closed = False

    def update(self, frame: Frame, keypoints: Keypoints | None) -> None:
        count, cadence = self.status()
        image = draw_overlay(frame.image, keypoints, count, cadence)
        try:
            cv2.imshow(WINDOW, image)
            key = cv2.waitKey(1) & 0xFF
            gone = cv2.getWindowProperty(WINDOW, cv2.WND_PROP_VISIBLE) < 1
        except cv2.error as exc:
            raise NoDisplayError(f"Cannot open a window for live counting: {exc}") from exc
        self.closed = key in (ord("q"), 27) or gone

    def close(self) -> None:
        with contextlib.suppress(cv2.error):
            cv2.destroyAllWindows()


def run_camera_window(device: int, *, weight_kg: float | None = None) -> JumpResult:
    """Count from webcam ``device`` until the user quits; return the session's result.

    Raises :class:`~limber.motion.verdict.NobodySeen` when nobody was in view.
    """
    _check_display()
    frames = read_camera(device)
    jumps = JumpTally()
    window = CameraWindow(jumps.status)
    # Live frames must keep up with the camera: the model on every other frame, as for files.
    session = JumpSession(PoseTracker(PoseConfig()), source=None, jumps=jumps, extra=[window])
    with closing(session):
        try:
            session.driver.run(frames, until=lambda: window.closed)
        except KeyboardInterrupt:
            pass
        finally:
            frames.close()
        return session.finish(duration_s=session.driver.last_t, weight_kg=weight_kg)
