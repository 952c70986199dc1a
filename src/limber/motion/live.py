"""Live counting from a webcam in a desktop window (OpenCV's ``imshow``).

The same :class:`JumpSession` as for files; the window shows the skeleton, the count and the
cadence. Press q or Esc (or close the window) to stop.
"""

from __future__ import annotations

import contextlib
import os
import sys

import cv2

from limber.motion.annotate import draw_overlay
from limber.motion.frames import read_camera
from limber.motion.pose import PoseConfig, PoseTracker
from limber.motion.results import JumpResult
from limber.motion.session import JumpSession

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


def run_live(device: int, *, weight_kg: float | None = None) -> JumpResult:
    """Count from webcam ``device`` until the user quits; return the session's result."""
    _check_display()
    frames = read_camera(device)
    # Live frames must keep up with the camera: the model on every other frame, as for files.
    with PoseTracker(PoseConfig()) as pose:
        session = JumpSession(pose)
        last_t = 0.0
        try:
            for frame in frames:
                outcome = session.feed(frame)
                last_t = frame.t
                image = draw_overlay(
                    frame.image, outcome.keypoints, outcome.count, outcome.cadence_per_min
                )
                try:
                    cv2.imshow(WINDOW, image)
                    key = cv2.waitKey(1) & 0xFF
                    closed = cv2.getWindowProperty(WINDOW, cv2.WND_PROP_VISIBLE) < 1
                except cv2.error as exc:
                    raise NoDisplayError(f"Cannot open a window for live counting: {exc}") from exc
                if key in (ord("q"), 27) or closed:
                    break
        except KeyboardInterrupt:
            pass
        finally:
            frames.close()
            with contextlib.suppress(cv2.error):
                cv2.destroyAllWindows()
    return session.finish(duration_s=last_t, weight_kg=weight_kg)
