"""The pose adapter: frames in, :class:`Keypoints` out, fast enough for twice real time.

BlazePose (``mediapipe.solutions.pose``, the full model shipped in the wheel) costs about
26 ms a frame on one core and 14 ms on two (``blazepose``), which alone is under 2x real time
for 30 fps video once decoding and the rest are paid for. So the model runs on every ``stride``-th frame only, in its tracking mode (the person detector
runs only when tracking is lost), and the frames in between get their landmarks carried over
by sparse Lucas-Kanade optical flow from the previous frame (well under a millisecond). The
counter therefore still sees every frame: fast stepping has a foot strike every four frames,
so simply skipping frames would alias it away.

Landmark smoothing is off: MediaPipe's filter erases the few-pixel bounces of speed stepping.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import TracebackType

import cv2
import numpy as np

from limber.motion.blazepose import make_pose
from limber.motion.frames import Frame, Image
from limber.motion.keypoints import Keypoints

_LK_CRITERIA = (cv2.TERM_CRITERIA_EPS | cv2.TERM_CRITERIA_COUNT, 10, 0.03)


@dataclass(frozen=True, slots=True)
class PoseConfig:
    """How the pose adapter trades speed for accuracy."""

    # XNNPACK threads for the pose networks; None: every core, at most four.
    threads: int | None = None
    # Run BlazePose on every n-th frame; optical flow carries the landmarks in between.
    # None: pick n so that the model runs about ``model_hz`` times a second (2 at 30 fps).
    stride: int | None = None
    model_hz: float = 15.0
    # Larger frames are shrunk to this longest side first: the model sees a 256 px crop
    # anyway, and phone video (1920 px) would otherwise cost more to convert and track.
    max_side: int = 640
    # Optical flow runs on a crop around the person scaled to this torso length (px) ...
    flow_torso_px: float = 80.0
    # ... and distrusts a point that moves more than this many torso lengths in one frame.
    flow_max_step: float = 0.5
    # Below this visibility of the hips and ankles the person is treated as not seen.
    min_visibility: float = 0.3


@dataclass(frozen=True, slots=True)
class PoseSample:
    """The keypoints of one frame and where they came from ("model" or "flow")."""

    keypoints: Keypoints | None
    source: str


class PoseTracker:
    """Callable per frame; keeps MediaPipe's tracking state and the previous grey frame.

    Example::

        with PoseTracker() as pose:
            for frame in frames:
                sample = pose(frame)
    """

    def __init__(self, config: PoseConfig | None = None, *, fps: float = 30.0) -> None:
        self.config = config or PoseConfig()
        wanted = self.config.stride or round(fps / self.config.model_hz)
        self.stride = max(1, wanted)
        self._pose = make_pose(threads=self.config.threads)
        self._prev_gray: Image | None = None
        self._prev: Keypoints | None = None
        self._since_model = 0
        self.model_frames = 0
        self.flow_frames = 0

    def __enter__(self) -> PoseTracker:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        self._pose.close()

    def __call__(self, frame: Frame) -> PoseSample:
        stride = self.stride
        # Nobody in view keeps the same pace (no point searching every frame, at full cost).
        use_model = self.model_frames == 0 or self._since_model + 1 >= stride
        image, factor = self._shrink(frame.image)
        gray = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY) if stride > 1 else None
        if use_model:
            keypoints = self._run_model(image)
            self._since_model = 0
            self.model_frames += 1
            source = "model"
        else:
            keypoints = self._run_flow(gray)
            self._since_model += 1
            self.flow_frames += 1
            source = "flow"
        self._prev, self._prev_gray = keypoints, gray
        if keypoints is not None and factor != 1.0:
            keypoints = Keypoints(xy=keypoints.xy / factor, visibility=keypoints.visibility)
        return PoseSample(keypoints=keypoints, source=source)

    def _shrink(self, image: Image) -> tuple[Image, float]:
        """The image the model and the flow work on, and its scale factor (<= 1)."""
        height, width = image.shape[:2]
        longest = max(height, width)
        if longest <= self.config.max_side:
            return image, 1.0
        factor = self.config.max_side / longest
        size = (round(width * factor), round(height * factor))
        return cv2.resize(image, size, interpolation=cv2.INTER_AREA), factor

    def _run_model(self, image: Image) -> Keypoints | None:
        height, width = image.shape[:2]
        rgb = cv2.cvtColor(image, cv2.COLOR_BGR2RGB)
        rgb.flags.writeable = False
        result = self._pose.process(rgb)
        if result.pose_landmarks is None:
            return None
        keypoints = Keypoints.from_mediapipe(result.pose_landmarks, width, height)
        if float(keypoints.visibility[[23, 24, 27, 28]].mean()) < self.config.min_visibility:
            return None
        return keypoints

    def _run_flow(self, gray: Image | None) -> Keypoints | None:
        """Carry the previous landmarks to this frame with Lucas-Kanade flow.

        Works on a crop around the person, rescaled so the torso is ``flow_torso_px`` tall:
        the same window then covers the same part of a body whether the person fills the
        frame or is a small figure far away (where a fixed window would span both feet and
        track them as one). Points that fail, or jump implausibly far, keep their position.
        """
        prev, prev_gray = self._prev, self._prev_gray
        if prev is None or prev_gray is None or gray is None:
            return None
        torso = prev.torso_length()
        if not np.isfinite(torso) or torso < 2:
            return prev
        height, width = gray.shape[:2]
        x0, y0, x1, y1 = prev.bbox()
        margin = 0.5 * torso
        left, top = max(0, int(x0 - margin)), max(0, int(y0 - margin))
        right, bottom = min(width, int(x1 + margin) + 1), min(height, int(y1 + margin) + 1)
        if right - left < 8 or bottom - top < 8:
            return prev
        scale = float(np.clip(self.config.flow_torso_px / torso, 0.5, 4.0))
        size = (max(8, round((right - left) * scale)), max(8, round((bottom - top) * scale)))
        crop_prev = cv2.resize(prev_gray[top:bottom, left:right], size)
        crop_now = cv2.resize(gray[top:bottom, left:right], size)
        origin = np.array([left, top], dtype=np.float32)
        points = ((prev.xy - origin) * scale).reshape(-1, 1, 2).astype(np.float32)
        moved, status, _ = cv2.calcOpticalFlowPyrLK(
            crop_prev,
            crop_now,
            points,
            points.copy(),
            winSize=(15, 15),
            maxLevel=2,
            criteria=_LK_CRITERIA,
        )
        if moved is None or status is None:
            return prev
        xy = moved.reshape(-1, 2) / scale + origin
        step = np.hypot(*(xy - prev.xy).T)
        ok = status.reshape(-1).astype(bool) & (step < self.config.flow_max_step * torso)
        xy = np.where(ok[:, None], xy, prev.xy).astype(np.float32)
        return Keypoints(xy=xy, visibility=prev.visibility)
