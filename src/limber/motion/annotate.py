"""Drawing on frames: skeleton, count and cadence. Kept apart from the counting logic."""

from __future__ import annotations

from pathlib import Path

import cv2

from limber.motion.frames import Image
from limber.motion.keypoints import SKELETON, Keypoints


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
