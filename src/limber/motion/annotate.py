"""Drawing on frames: skeleton, count and cadence. Kept apart from the counting logic.

:class:`Annotator` is a consumer of the vision loop (:mod:`limber.motion.driver`) that writes
every frame, drawn over, to an mp4 (``limber count --annotate``).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import cv2

from limber.motion.keypoints import SKELETON, Keypoints
from limber.motion.sources import Frame, Image

# The running count and cadence to draw (read after the counter has seen the frame).
Status = Callable[[], tuple[int, float | None]]


def draw_overlay(
    image: Image, keypoints: Keypoints | None, count: int, cadence: float | None
) -> Image:
    """Draw onto ``image`` in place and return it (BGR)."""
    if keypoints is not None:
        pts = keypoints.xy.astype(int)
        for a, b in SKELETON:
            cv2.line(image, tuple(pts[a]), tuple(pts[b]), (80, 220, 80), 2, cv2.LINE_AA)
        for x, y in pts[11:]:
            cv2.circle(image, (int(x), int(y)), 3, (40, 40, 255), -1, cv2.LINE_AA)
    scale = max(0.5, image.shape[0] / 720)
    text = f"{count} jumps"
    if cadence is not None:
        text += f"  {cadence:.0f}/min"
    origin = (int(12 * scale), int(40 * scale))
    cv2.putText(image, text, origin, cv2.FONT_HERSHEY_SIMPLEX, scale, (0, 0, 0), 5, cv2.LINE_AA)
    cv2.putText(image, text, origin, cv2.FONT_HERSHEY_SIMPLEX, scale, (255, 255, 255), 2)
    return image


class AnnotatedWriter:
    """An mp4 writer (OpenCV's mp4v codec, no external encoder needed)."""

    def __init__(self, path: Path, fps: float, width: int, height: int) -> None:
        fourcc = cv2.VideoWriter_fourcc(*"mp4v")  # type: ignore[attr-defined]
        self.path = path
        self._writer = cv2.VideoWriter(str(path), fourcc, fps, (width, height))
        if not self._writer.isOpened():
            raise OSError(f"cannot write a video to {path}")

    def write(self, image: Image) -> None:
        self._writer.write(image)

    def close(self) -> None:
        self._writer.release()


class Annotator:
    """Consumer: every frame with skeleton, count and cadence, into an mp4 at ``path``.

    Put it after the consumers it reads from (and after any that need the clean image): it
    draws onto the frame in place.
    """

    def __init__(self, path: Path, fps: float, status: Status) -> None:
        self.path = path
        self.fps = fps
        self.status = status
        self._writer: AnnotatedWriter | None = None

    def update(self, frame: Frame, keypoints: Keypoints | None) -> None:
        if self._writer is None:
            # Sized from the decoded frame: rotated phone videos differ from the container's
            # width and height.
            height, width = frame.image.shape[:2]
            self._writer = AnnotatedWriter(self.path, self.fps, width, height)
        count, cadence = self.status()
        self._writer.write(draw_overlay(frame.image, keypoints, count, cadence))

    def close(self) -> None:
        if self._writer is not None:
            self._writer.close()
            self._writer = None

    def discard(self) -> None:
        """Bad input writes nothing: remove a half-written video."""
        self.close()
        self.path.unlink(missing_ok=True)
