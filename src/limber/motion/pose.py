"""The pose adapter: frames in, :class:`Keypoints` out, fast enough for twice real time.

BlazePose (``mediapipe.solutions.pose``, the full model shipped in the wheel) costs about
26 ms a frame on one core and 14-18 ms on two (``blazepose``), which alone is under 2x real time
for 30 fps video once decoding and the rest are paid for. So the model runs on every
``stride``-th frame only, in its tracking mode (the person detector runs only when tracking is
lost), and the frames in between get their landmarks carried over by sparse Lucas-Kanade
optical flow from the previous frame (about a millisecond). The counter therefore still sees
every frame: fast stepping has a foot strike every four frames, so simply skipping frames
would alias it away.

The model sees a window around the person (``roi``), cut from the full-resolution frame: a
distant person stays large enough to find and track, and a 1080p phone frame costs a small
crop rather than a full-frame resize. Landmark smoothing is off: MediaPipe's filter erases
the few-pixel bounces of speed stepping.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from types import TracebackType

import cv2
import numpy as np

from limber.motion.blazepose import make_pose
from limber.motion.keypoints import Keypoints
from limber.motion.roi import Box, RoiParams, person_window, search_windows
from limber.motion.sources import Frame, Image

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
    # The window around the person is shrunk to this longest side before the model sees it
    # (the person then spans about the model's own 256 px input); while searching, the whole
    # frame is shrunk to ``max_side``, which leaves a distant person a few more pixels.
    model_side: int = 384
    max_side: int = 640
    roi: RoiParams = field(default_factory=RoiParams)
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
    """Callable per frame; keeps MediaPipe's tracking state, the window and the last frame.

    Example::

        with PoseTracker() as pose:
            for frame in frames:
                sample = pose(frame)
    """

    def __init__(self, config: PoseConfig | None = None, *, fps: float = 30.0) -> None:
        self.config = config or PoseConfig()
        self.stride = 1
        self.set_fps(fps)
        self._pose = make_pose(threads=self.config.threads)
        self._prev_image: Image | None = None
        self._prev: Keypoints | None = None
        self._window: Box | None = None  # where the model last found the person
        self._search: list[Box] = []
        self._search_next = 0
        self._since_model = 0
        self.model_frames = 0
        self.flow_frames = 0

    def set_fps(self, fps: float) -> None:
        """Pace the model for frames arriving ``fps`` times a second.

        A live camera's real rate is only known once frames come in (a busy phone may send
        15 a second rather than 30); the model should still run about ``model_hz`` times a
        second, or fast steps between model frames are left to the optical flow alone.
        """
        wanted = self.config.stride or round(fps / self.config.model_hz)
        self.stride = max(1, wanted)

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
        image = frame.image
        if self._prev_image is not None and self._prev_image.shape != image.shape:
            # The picture changed size (a rotated phone, another camera): start afresh.
            self._prev, self._prev_image, self._window, self._search = None, None, None, []
        # Nobody in view keeps the same pace (no point searching every frame, at full cost).
        use_model = self.model_frames == 0 or self._since_model + 1 >= self.stride
        if use_model:
            keypoints = self._model_step(image)
            self._since_model = 0
            self.model_frames += 1
            source = "model"
        else:
            keypoints = self._run_flow(image)
            self._since_model += 1
            self.flow_frames += 1
            source = "flow"
        self._prev, self._prev_image = keypoints, image
        return PoseSample(keypoints=keypoints, source=source)

    # -- the model, on a window ------------------------------------------------------------

    def _model_step(self, image: Image) -> Keypoints | None:
        height, width = image.shape[:2]
        prev = self._prev
        if prev is not None:
            box = person_window(prev, self._window, width, height, self.config.roi)
            keypoints = self._run_model(image, box, self.config.model_side)
            if keypoints is None:
                # Tracking was lost (or the window moved under MediaPipe's tracker): the same
                # call now runs the person detector, so one retry often finds the person.
                keypoints = self._run_model(image, box, self.config.model_side)
        else:
            if not self._search:
                self._search = search_windows(width, height)
            box = self._search[self._search_next % len(self._search)]
            keypoints = self._run_model(image, box, self.config.max_side)
        if keypoints is None:
            self._window = None
            self._search_next = 0 if prev is not None else self._search_next + 1
            return None
        self._window, self._search_next = box, 0
        return keypoints

    def _run_model(self, image: Image, box: Box, limit: int) -> Keypoints | None:
        """Landmarks of the person in ``box`` (shrunk to ``limit`` px first), in frame pixels."""
        crop = image[box.y0 : box.y1, box.x0 : box.x1]
        factor = min(1.0, limit / max(box.width, box.height))
        if factor < 1.0:
            size = (max(1, round(box.width * factor)), max(1, round(box.height * factor)))
            crop = cv2.resize(crop, size, interpolation=cv2.INTER_AREA)
        rgb = cv2.cvtColor(crop, cv2.COLOR_BGR2RGB)
        rgb.flags.writeable = False
        result = self._pose.process(rgb)
        if result.pose_landmarks is None:
            return None
        found = Keypoints.from_mediapipe(result.pose_landmarks, rgb.shape[1], rgb.shape[0])
        if float(found.visibility[[23, 24, 27, 28]].mean()) < self.config.min_visibility:
            return None
        scale = np.array([box.width / rgb.shape[1], box.height / rgb.shape[0]], np.float32)
        origin = np.array([box.x0, box.y0], dtype=np.float32)
        return Keypoints(xy=found.xy * scale + origin, visibility=found.visibility)

    # -- optical flow between model frames -------------------------------------------------

    def _run_flow(self, image: Image) -> Keypoints | None:
        """Carry the previous landmarks to this frame with Lucas-Kanade flow.

        Works on a crop around the person, rescaled so the torso is ``flow_torso_px`` tall:
        the same window then covers the same part of a body whether the person fills the
        frame or is a small figure far away (where a fixed window would span both feet and
        track them as one). Points that fail, or jump implausibly far, keep their position.
        """
        prev, prev_image = self._prev, self._prev_image
        if prev is None or prev_image is None:
            return None
        torso = prev.torso_length()
        if not np.isfinite(torso) or torso < 2:
            return prev
        height, width = image.shape[:2]
        x0, y0, x1, y1 = prev.bbox()
        margin = 0.5 * torso
        left, top = max(0, int(x0 - margin)), max(0, int(y0 - margin))
        right, bottom = min(width, int(x1 + margin) + 1), min(height, int(y1 + margin) + 1)
        if right - left < 8 or bottom - top < 8:
            return prev
        scale = float(np.clip(self.config.flow_torso_px / torso, 0.05, 4.0))
        size = (max(8, round((right - left) * scale)), max(8, round((bottom - top) * scale)))
        crop_prev = _grey_crop(prev_image, left, top, right, bottom, size)
        crop_now = _grey_crop(image, left, top, right, bottom, size)
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


def _grey_crop(
    image: Image, left: int, top: int, right: int, bottom: int, size: tuple[int, int]
) -> Image:
    """The grey pixels of a region, resized."""
    grey = cv2.cvtColor(image[top:bottom, left:right], cv2.COLOR_BGR2GRAY)
    # Averaging only pays where plain interpolation would skip pixels (phone video, close up).
    coarse = size[0] < 0.5 * (right - left)
    return cv2.resize(grey, size, interpolation=cv2.INTER_AREA if coarse else cv2.INTER_LINEAR)
