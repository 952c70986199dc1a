"""One internal keypoint array, whatever pose model produced it.

The counter and the drawing code only ever see :class:`Keypoints`: 33 BlazePose landmarks in
pixel coordinates with a visibility score each. Adapters (``from_mediapipe``) live here so a
different pose model would only need another adapter, not another counter.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float32]

N_LANDMARKS = 33

# BlazePose landmark indices the counter and the drawing use.
NOSE = 0
LEFT_SHOULDER, RIGHT_SHOULDER = 11, 12
LEFT_WRIST, RIGHT_WRIST = 15, 16
LEFT_HIP, RIGHT_HIP = 23, 24
LEFT_KNEE, RIGHT_KNEE = 25, 26
LEFT_ANKLE, RIGHT_ANKLE = 27, 28
LEFT_HEEL, RIGHT_HEEL = 29, 30
LEFT_FOOT, RIGHT_FOOT = 31, 32

LEFT_FOOT_POINTS = (LEFT_ANKLE, LEFT_HEEL, LEFT_FOOT)
RIGHT_FOOT_POINTS = (RIGHT_ANKLE, RIGHT_HEEL, RIGHT_FOOT)
LOWER_BODY = (LEFT_HIP, RIGHT_HIP, LEFT_KNEE, RIGHT_KNEE, *LEFT_FOOT_POINTS, *RIGHT_FOOT_POINTS)

# Bones drawn on annotated video (pairs of landmark indices).
SKELETON = (
    (11, 12),
    (11, 13),
    (13, 15),
    (12, 14),
    (14, 16),
    (11, 23),
    (12, 24),
    (23, 24),
    (23, 25),
    (25, 27),
    (24, 26),
    (26, 28),
    (27, 29),
    (29, 31),
    (27, 31),
    (28, 30),
    (30, 32),
    (28, 32),
)


@dataclass(frozen=True, slots=True)
class Keypoints:
    """Landmarks of one person in one frame.

    ``xy`` is ``(33, 2)`` in pixels (x right, y down), ``visibility`` is ``(33,)`` in [0, 1].
    Pixels rather than normalised coordinates so that distances mean the same thing along both
    axes whatever the frame's aspect ratio.
    """

    xy: FloatArray
    visibility: FloatArray

    @classmethod
    def from_mediapipe(cls, landmarks: Any, width: int, height: int) -> Keypoints:
        """Adapt a ``mediapipe.solutions.pose`` result's ``pose_landmarks`` to pixels.

        Example: ``Keypoints.from_mediapipe(result.pose_landmarks, 640, 360)``.
        """
        raw = np.array(
            [(p.x, p.y, p.visibility) for p in landmarks.landmark], dtype=np.float32
        ).reshape(N_LANDMARKS, 3)
        xy = raw[:, :2] * np.array([width, height], dtype=np.float32)
        return cls(xy=xy, visibility=raw[:, 2].copy())

    @classmethod
    def from_array(cls, array: npt.ArrayLike) -> Keypoints:
        """Build from a ``(33, 2)`` or ``(33, 3)`` array (x, y[, visibility]); handy in tests."""
        arr = np.asarray(array, dtype=np.float32)
        if arr.shape not in ((N_LANDMARKS, 2), (N_LANDMARKS, 3)):
            raise ValueError(f"expected (33, 2) or (33, 3) keypoints, got {arr.shape}")
        # The whole shape, not shape[1]: mypy narrows that to the first allowed shape only.
        with_vis = arr.shape == (N_LANDMARKS, 3)
        vis = arr[:, 2].copy() if with_vis else np.ones(N_LANDMARKS, np.float32)
        return cls(xy=arr[:, :2].copy(), visibility=vis)

    def point(self, index: int) -> tuple[float, float]:
        return float(self.xy[index, 0]), float(self.xy[index, 1])

    def mean_y(self, indices: tuple[int, ...]) -> float:
        """Mean image height (pixels, down positive) of a group of landmarks."""
        return float(self.xy[list(indices), 1].mean())

    def torso_length(self) -> float:
        """Shoulder-centre to hip-centre distance: the body scale signals are divided by."""
        shoulders = (self.xy[LEFT_SHOULDER] + self.xy[RIGHT_SHOULDER]) / 2
        hips = (self.xy[LEFT_HIP] + self.xy[RIGHT_HIP]) / 2
        return float(np.hypot(*(shoulders - hips)))

    def bbox(self) -> tuple[float, float, float, float]:
        """Bounding box (x0, y0, x1, y1) of all landmarks, in pixels."""
        x0, y0 = self.xy.min(axis=0)
        x1, y1 = self.xy.max(axis=0)
        return float(x0), float(y0), float(x1), float(y1)
