"""One jump-counting bout, whatever the source: the vision loop with the counter and crowd watch.

A video file (:func:`limber.motion.pipeline.count_video`), the desktop camera window
(:mod:`limber.motion.camera_window`) and the browser's camera stream (:class:`StreamCount`)
all build a :class:`JumpSession`: the one :class:`~limber.motion.driver.VisionDriver` feeding
a :class:`JumpTally` (the streaming counter), the :class:`~limber.motion.crowd.CrowdWatch` and
any extra consumers (an annotated-video writer, a window). :meth:`JumpSession.finish` asks
:func:`limber.motion.verdict.judge` once, so every source is refused or warned by the same
rules, and a refused bout gives no result that anything could save.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from limber.motion.counter import CounterParams, JumpCounter, JumpEvent
from limber.motion.crowd import CrowdWatch
from limber.motion.driver import Consumer, VisionDriver
from limber.motion.keypoints import Keypoints
from limber.motion.pose import PoseConfig, PoseTracker
from limber.motion.results import JumpResult, summarise
from limber.motion.sources import Frame, FrameStream, Packet
from limber.motion.style import classify_style
from limber.motion.verdict import judge


class JumpTally:
    """Consumer: the streaming jump counter and every jump it has confirmed so far."""

    def __init__(self, params: CounterParams | None = None) -> None:
        self.counter = JumpCounter(params)
        self.events: list[JumpEvent] = []
        self.new: list[JumpEvent] = []  # confirmed by the latest frame

    def update(self, frame: Frame, keypoints: Keypoints | None) -> None:
        self.new = self.counter.update(keypoints, frame.t)
        self.events.extend(self.new)

    def close(self) -> None:
        """Nothing to release: the counter is plain Python state."""

    def status(self) -> tuple[int, float | None]:
        """The running count and cadence (what the annotator and the window draw)."""
        return self.counter.count, self.counter.cadence_per_min()


@dataclass(frozen=True, slots=True)
class FrameOutcome:
    """What one frame produced: its keypoints, the jumps it confirmed, the running count."""

    keypoints: Keypoints | None
    events: list[JumpEvent]
    count: int
    cadence_per_min: float | None


class JumpSession:
    """Feed frames (``feed``, or ``driver.run`` for a pulled source); ``finish``; ``close``.

    ``source`` is the file name, or None for a camera: it words the verdict's refusals.
    ``jumps`` is the counter to use (pass one to give its ``status`` to an extra consumer).

    Example::

        with closing(JumpSession(PoseTracker(fps=info.fps), source=path.name)) as session:
            session.driver.run(read_video(info))
            result = session.finish(duration_s=info.duration_s)
    """

    def __init__(
        self,
        pose: PoseTracker,
        *,
        source: str | None,
        jumps: JumpTally | None = None,
        extra: Sequence[Consumer] = (),
    ) -> None:
        self.source = source
        self.jumps = jumps or JumpTally()
        self.crowd = CrowdWatch()
        self.driver = VisionDriver(pose, [self.jumps, self.crowd, *extra])

    def close(self) -> None:
        self.driver.close()

    @property
    def frames(self) -> int:
        return self.driver.frames

    @property
    def counter_seconds(self) -> float:
        return self.driver.seconds_in(self.jumps)

    @property
    def pose_seconds(self) -> float:
        """The pose model, optical flow and the people check."""
        return self.driver.pose_seconds + self.driver.seconds_in(self.crowd)

    def feed(self, frame: Frame) -> FrameOutcome:
        keypoints = self.driver.feed(frame)
        count, cadence = self.jumps.status()
        return FrameOutcome(
            keypoints=keypoints, events=self.jumps.new, count=count, cadence_per_min=cadence
        )

    def finish(self, *, duration_s: float, weight_kg: float | None = None) -> JumpResult:
        """Judge and summarise everything fed so far (the session may continue afterwards).

        Raises :class:`~limber.motion.verdict.NobodySeen` when nobody was seen at all.
        """
        counter = self.jumps.counter
        verdict = judge(
            self.driver.seen(duration_s),
            source=self.source,
            cuts=counter.cuts,
            crowded=self.crowd.stretches(),
        )
        kept = [
            (e, jump)
            for e, jump in zip(self.jumps.events, counter.jumps, strict=False)
            if verdict.counts_at(e.t)
        ]
        return summarise(
            [e for e, _ in kept],
            duration_s=duration_s,
            style=classify_style([(j.left, j.right) for _, j in kept]),
            weight_kg=weight_kg,
            gaps=verdict.gaps,
            warnings=verdict.warnings,
        )


class StreamCount:
    """A :class:`JumpSession` fed by the browser's camera (:class:`FrameStream`), a message
    at a time. Synchronous on purpose: the web runs every call on one dedicated thread per
    connection (MediaPipe keeps per-graph state and is happiest on one thread)."""

    def __init__(self, config: PoseConfig | None = None) -> None:
        self.stream = FrameStream()
        self.pose = PoseTracker(config or PoseConfig())
        self.session = JumpSession(self.pose, source=None)

    def feed(self, message: bytes) -> tuple[Packet, FrameOutcome]:
        """Count one frame message (raises :class:`~limber.motion.sources.BadFrame`)."""
        packet, frame = self.stream.frame(message)
        return packet, self.session.feed(frame)

    def finish(self, *, weight_kg: float | None) -> JumpResult:
        """The bout so far, timed from the first frame to the last one received.

        Raises :class:`~limber.motion.verdict.NobodySeen` when nobody was seen.
        """
        return self.session.finish(duration_s=max(self.stream.last_t, 0.0), weight_kg=weight_kg)

    def close(self) -> None:
        self.session.close()
