"""The one vision loop: frames in, pose -> keypoints, every consumer fed, frame by frame.

A video file, the desktop camera window and the browser's camera stream differ only in
where frames come from (:mod:`limber.motion.sources`); the jump counter, the crowd watch,
the technique check and the annotated-video writer differ only in what they do with a
frame and its keypoints. So one :class:`VisionDriver` paces the pose model, runs it, keeps
track of when a person was in view (what :mod:`limber.motion.verdict` judges) and hands
each frame to its :class:`Consumer` objects in order. A pulled source (file, webcam) goes
through :meth:`VisionDriver.run`; a pushed one (the WebSocket) calls
:meth:`VisionDriver.feed` per message. The benchmark drives the same object, so what is
measured is what users get.

Example::

    tally = TechniqueTally(checker, info.fps)
    with closing(VisionDriver(PoseTracker(fps=info.fps), [tally])) as driver:
        driver.run(read_video(info))
    report = tally.report()
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Sequence
from typing import Protocol

from limber.motion.keypoints import Keypoints
from limber.motion.pose import PoseTracker
from limber.motion.sources import Frame
from limber.motion.verdict import Seen, Stretch

# The pose model is paced by the frame rate measured over every this many frames.
PACE_FRAMES = 30

# on_progress(frames_done, frames_total); frames_total is 0 when the source does not say.
Progress = Callable[[int, int], None]


class Consumer(Protocol):
    """Something that needs every frame with its keypoints (None when nobody is seen)."""

    def update(self, frame: Frame, keypoints: Keypoints | None) -> None: ...

    def close(self) -> None: ...


class VisionDriver:
    """Pose tracker plus consumers; owns both and closes them (``contextlib.closing``)."""

    def __init__(self, pose: PoseTracker, consumers: Sequence[Consumer] = ()) -> None:
        self.pose = pose
        self.consumers = list(consumers)
        self.frames = 0
        self.seen_frames = 0
        self.last_t = 0.0
        self.pose_seconds = 0.0  # the pose model and the optical flow
        # Seconds spent in each consumer, in the order given.
        self.consumer_seconds = [0.0] * len(self.consumers)
        self._first_t = 0.0
        self._missing_since: float | None = None
        self._absences: list[Stretch] = []

    def close(self) -> None:
        """Close every consumer, then the pose model (each once, even if one fails)."""
        try:
            for consumer in self.consumers:
                consumer.close()
        finally:
            self.pose.close()

    def seconds_in(self, consumer: Consumer) -> float:
        """Time spent in one consumer's updates so far."""
        return self.consumer_seconds[self.consumers.index(consumer)]

    def feed(self, frame: Frame) -> Keypoints | None:
        """Run one frame through the pose model and every consumer; return its keypoints."""
        if self.frames == 0:
            self._first_t = frame.t
        elif self.frames % PACE_FRAMES == 0 and frame.t > self._first_t:
            # A camera's real rate is only known as frames arrive (a busy phone may send 15
            # a second, not 30); a file's measures exactly its stated rate.
            self.pose.set_fps(self.frames / (frame.t - self._first_t))
        start = time.perf_counter()
        keypoints = self.pose(frame).keypoints
        self.pose_seconds += time.perf_counter() - start
        self._track_presence(keypoints, frame.t)
        for i, consumer in enumerate(self.consumers):
            start = time.perf_counter()
            consumer.update(frame, keypoints)
            self.consumer_seconds[i] += time.perf_counter() - start
        self.frames += 1
        self.last_t = frame.t
        return keypoints

    def run(
        self,
        frames: Iterable[Frame],
        *,
        total: int = 0,
        on_progress: Progress | None = None,
        until: Callable[[], bool] | None = None,
    ) -> None:
        """Feed every frame of a pulled source, until it ends or ``until()`` says stop."""
        for frame in frames:
            self.feed(frame)
            if on_progress is not None:
                on_progress(frame.index + 1, total)
            if until is not None and until():
                return

    def _track_presence(self, keypoints: Keypoints | None, t: float) -> None:
        if keypoints is None:
            if self._missing_since is None:
                self._missing_since = t
            return
        self.seen_frames += 1
        if self._missing_since is not None:
            self._absences.append(Stretch(self._missing_since, t))
            self._missing_since = None

    def seen(self, duration_s: float) -> Seen:
        """What was seen so far, for a bout of ``duration_s`` (the driver may continue)."""
        absences = list(self._absences)
        if self._missing_since is not None:
            absences.append(Stretch(self._missing_since, duration_s))
        return Seen(
            frames=self.frames,
            seen_frames=self.seen_frames,
            duration_s=duration_s,
            absences=tuple(absences),
        )
