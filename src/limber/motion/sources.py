"""Every frame source: a video file, a webcam, and the browser's camera stream.

Each yields :class:`Frame` objects (a BGR image and its time in seconds), which the one
vision loop (:mod:`limber.motion.driver`) turns into keypoints for its consumers. Files are
checked before any pose work (``probe_video``) so that a user who picked the wrong file
hears why at once, in words, instead of after a minute of processing or as a traceback. The
browser sends each camera frame as one WebSocket message (:class:`FrameStream`); the web
layer only carries the bytes. What a bout must show to be counted is decided in
:mod:`limber.motion.verdict`, the same for every source.
"""

from __future__ import annotations

import math
import struct
import time
from collections.abc import Generator, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import cv2
import numpy as np
import numpy.typing as npt

from limber.motion.verdict import MIN_DURATION_S, VideoError, check_duration

# BGR uint8 pixels, as OpenCV decodes them (typed loosely, like OpenCV's own stubs).
Image = npt.NDArray[Any]

# Above this it is not a video of a person jumping rope but a movie (or a bad header).
MAX_DURATION_S = 3 * 60 * 60.0


@dataclass(frozen=True, slots=True)
class Frame:
    """One decoded frame (BGR, as OpenCV gives it) and when it was taken, in seconds."""

    image: Image
    t: float
    index: int


@dataclass(frozen=True, slots=True)
class VideoInfo:
    """What the container says about a video, checked to be plausible."""

    path: Path
    fps: float
    # None when the container does not say (streamed WebM from a browser, for instance).
    frame_count: int | None
    width: int
    height: int

    @property
    def duration_s(self) -> float | None:
        return self.frame_count / self.fps if self.frame_count else None


def probe_video(path: Path, *, max_mb: float, min_duration_s: float = MIN_DURATION_S) -> VideoInfo:
    """Check that ``path`` is a readable, complete video of sensible size and length.

    Raises :class:`VideoError` with a message for the user; reads only a few frames.
    Example: ``info = probe_video(Path("skip.mp4"), max_mb=200)``.
    """
    if not path.exists():
        raise VideoError(f"{path} does not exist.")
    if not path.is_file():
        raise VideoError(f"{path} is not a file.")
    size_mb = path.stat().st_size / 1e6
    if size_mb > max_mb:
        raise VideoError(
            f"{path.name} is {size_mb:.0f} MB; the limit is {max_mb:g} MB "
            "(settings.max_upload_mb or --max-mb)."
        )
    if size_mb == 0:
        raise VideoError(f"{path.name} is empty.")
    cap = cv2.VideoCapture(str(path))
    try:
        if not cap.isOpened():
            raise VideoError(f"{path.name} is not a video OpenCV can read (or it is corrupt).")
        fps = _number(cap.get(cv2.CAP_PROP_FPS))
        count = int(_number(cap.get(cv2.CAP_PROP_FRAME_COUNT)))
        width = int(_number(cap.get(cv2.CAP_PROP_FRAME_WIDTH)))
        height = int(_number(cap.get(cv2.CAP_PROP_FRAME_HEIGHT)))
        if not 1.0 <= fps <= 240.0 or width <= 0 or height <= 0:
            raise VideoError(f"{path.name} has no usable video stream (corrupt or not a video).")
        ok, first = cap.read()
        if not ok or first is None:
            raise VideoError(f"{path.name} has no frame that can be decoded (corrupt?).")
        known = 0 < count <= fps * MAX_DURATION_S
        info = VideoInfo(
            path=path, fps=fps, frame_count=count if known else None, width=width, height=height
        )
        if known:
            check_duration(path.name, count / fps, min_duration_s)
            # A truncated file keeps its header but loses its end: decode near the end.
            cap.set(cv2.CAP_PROP_POS_FRAMES, max(0, int(count * 0.97) - 1))
            ok, _ = cap.read()
            if not ok:
                raise VideoError(f"{path.name} is truncated or corrupt: its end cannot be decoded.")
        return info
    finally:
        cap.release()


def _number(value: float) -> float:
    """A container property, or 0 when it is missing or nonsense (NaN, infinite)."""
    return float(value) if math.isfinite(value) and abs(value) < 1e12 else 0.0


def read_video(info: VideoInfo) -> Iterator[Frame]:
    """Yield every frame of a probed video with its time (frame index / fps).

    Times come from the frame index rather than the decoder's position, which some
    containers report late or not at all.
    """
    cap = cv2.VideoCapture(str(info.path))
    try:
        index = 0
        while True:
            ok, image = cap.read()
            if not ok or image is None:
                return
            yield Frame(image=image, t=index / info.fps, index=index)
            index += 1
    finally:
        cap.release()


class CameraError(RuntimeError):
    """No camera to read from; the message is written for the user."""


def read_camera(
    device: int, *, width: int = 640, height: int = 480
) -> Generator[Frame, None, None]:
    """Yield frames from a webcam with wall-clock times since the first frame."""
    cap = cv2.VideoCapture(device)
    if not cap.isOpened():
        cap.release()
        raise CameraError(f"No camera could be opened at index {device}.")
    cap.set(cv2.CAP_PROP_FRAME_WIDTH, width)
    cap.set(cv2.CAP_PROP_FRAME_HEIGHT, height)
    # Keep at most one frame queued: a live count must show the newest frame, not a backlog.
    cap.set(cv2.CAP_PROP_BUFFERSIZE, 1)
    try:
        start = time.monotonic()
        index = 0
        while True:
            ok, image = cap.read()
            if not ok or image is None:
                if index == 0:
                    raise CameraError(f"Camera {device} opened but gives no frames.")
                return
            yield Frame(image=image, t=time.monotonic() - start, index=index)
            index += 1
    finally:
        cap.release()


# -- the browser's camera: one WebSocket message per frame ---------------------------------

# A message is 8 bytes of capture time (milliseconds since counting started, little-endian
# float64) followed by the JPEG.
HEADER = struct.Struct("<d")
MAX_MESSAGE_BYTES = 2_000_000
MAX_SIDE = 1920
# A stream longer than this is someone who forgot to press Stop.
MAX_STREAM_S = 60 * 60.0


class BadFrame(ValueError):
    """A message that is not a usable frame; the message is written for the user."""


@dataclass(frozen=True, slots=True)
class Packet:
    """A split frame message: capture time as sent (echoed back unchanged) and the JPEG."""

    t_ms: float
    jpeg: bytes


def pack(t_ms: float, jpeg: bytes) -> bytes:
    """What the browser sends (used by tests and tools that play the browser's part)."""
    return HEADER.pack(t_ms) + jpeg


def unpack(message: bytes) -> Packet:
    """Split a frame message, refusing anything malformed before any decoding work."""
    if len(message) > MAX_MESSAGE_BYTES:
        raise BadFrame(f"A frame of {len(message) // 1000} kB is too large; send at most 2 MB.")
    if len(message) <= HEADER.size:
        raise BadFrame("A frame message must hold a capture time and a JPEG image.")
    (t_ms,) = HEADER.unpack_from(message)
    if not math.isfinite(t_ms) or t_ms < 0:
        raise BadFrame("The frame's capture time is not a valid number of milliseconds.")
    return Packet(t_ms=t_ms, jpeg=message[HEADER.size :])


class FrameStream:
    """The browser's camera as a frame source, pushed one message at a time.

    Unlike a file or a webcam, nobody can pull from it: the WebSocket delivers a message and
    waits for the reply, so :meth:`frame` turns one message into one :class:`Frame`, in
    capture order, and ``last_t`` is how long the stream has run.
    """

    def __init__(self) -> None:
        self.index = 0
        self.last_t = -1.0

    def frame(self, message: bytes) -> tuple[Packet, Frame]:
        """Decode one message; raises :class:`BadFrame` for anything the counter cannot use."""
        packet = unpack(message)
        t = packet.t_ms / 1000.0
        if t <= self.last_t:
            raise BadFrame("Frames must arrive in capture order; this one was older.")
        if t > MAX_STREAM_S:
            raise BadFrame("This live session has run for an hour; press Stop to save it.")
        image = cv2.imdecode(np.frombuffer(packet.jpeg, dtype=np.uint8), cv2.IMREAD_COLOR)
        if image is None:
            raise BadFrame("A frame could not be decoded as a JPEG image.")
        if max(image.shape[:2]) > MAX_SIDE:
            raise BadFrame(f"Frames may be at most {MAX_SIDE} pixels wide or high.")
        frame = Frame(image=image, t=t, index=self.index)
        self.index += 1
        self.last_t = t
        return packet, frame
