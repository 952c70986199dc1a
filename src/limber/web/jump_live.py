"""One live counting connection: JPEG frames from the browser in, the running count out.

The browser sends each camera frame as one binary WebSocket message: 8 bytes of capture
time (milliseconds since counting started, little-endian float64) followed by the JPEG.
:class:`LiveCounter` decodes it, builds a motion :class:`Frame` and feeds the same
:class:`JumpSession` the video pipeline uses, so a live count and an uploaded video are
counted by the same code. It is synchronous on purpose: the route runs every call on one
dedicated thread per connection (MediaPipe keeps per-graph state and is happiest on one
thread), so the event loop stays free for other people's requests.
"""

from __future__ import annotations

import math
import struct
import time
from dataclasses import dataclass
from typing import Any

import cv2
import numpy as np

from limber.motion.frames import Frame
from limber.motion.pose import PoseConfig, PoseTracker
from limber.motion.results import JumpResult
from limber.motion.session import JumpSession

HEADER = struct.Struct("<d")
MAX_MESSAGE_BYTES = 2_000_000
MAX_SIDE = 1920
# A live session longer than this is someone who forgot to press Stop.
MAX_SESSION_S = 60 * 60.0


class BadFrame(ValueError):
    """A message that is not a usable frame; the message is written for the user."""


@dataclass(frozen=True, slots=True)
class Packet:
    """A decoded frame message."""

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


class LiveCounter:
    """A :class:`JumpSession` with its own pose tracker, fed one JPEG at a time."""

    def __init__(self, config: PoseConfig | None = None) -> None:
        self.pose = PoseTracker(config or PoseConfig())
        self.session = JumpSession(self.pose)
        self.index = 0
        self.last_t = -1.0
        self.events_total = 0

    def feed(self, message: bytes) -> dict[str, Any]:
        """Count one frame message; the reply the browser shows (``t_ms`` echoed back)."""
        started = time.perf_counter()
        packet = unpack(message)
        t = packet.t_ms / 1000.0
        if t <= self.last_t:
            raise BadFrame("Frames must arrive in capture order; this one was older.")
        if t > MAX_SESSION_S:
            raise BadFrame("This live session has run for an hour; press Stop to save it.")
        data = np.frombuffer(packet.jpeg, dtype=np.uint8)
        image = cv2.imdecode(data, cv2.IMREAD_COLOR)
        if image is None:
            raise BadFrame("A frame could not be decoded as a JPEG image.")
        if max(image.shape[:2]) > MAX_SIDE:
            raise BadFrame(f"Frames may be at most {MAX_SIDE} pixels wide or high.")
        outcome = self.session.feed(Frame(image=image, t=t, index=self.index))
        self.index += 1
        self.last_t = t
        cadence = outcome.cadence_per_min
        return {
            "type": "count",
            "t_ms": packet.t_ms,
            "count": outcome.count,
            "cadence_per_min": None if cadence is None else round(cadence, 1),
            "events": [round(e.t, 3) for e in outcome.events],
            "person": outcome.keypoints is not None,
            "server_ms": round(1000 * (time.perf_counter() - started), 1),
        }

    @property
    def seen_anyone(self) -> bool:
        return self.session.seen_frames > 0

    def finish(self, *, weight_kg: float | None) -> JumpResult:
        """The bout so far, timed from the first frame to the last one received."""
        return self.session.finish(duration_s=max(self.last_t, 0.0), weight_kg=weight_kg)

    def close(self) -> None:
        self.pose.close()
