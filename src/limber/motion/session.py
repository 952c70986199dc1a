"""One counting session, file or camera: pose -> counter -> bookkeeping, frame by frame.

The video pipeline, the live camera and the benchmark all drive this same object, so what is
measured is what users get.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from limber.motion.counter import CounterParams, JumpCounter, JumpEvent
from limber.motion.crowd import CrowdWatch
from limber.motion.frames import Frame
from limber.motion.keypoints import Keypoints
from limber.motion.pose import PoseTracker
from limber.motion.results import Gap, JumpResult, summarise
from limber.motion.style import classify_style

# Nobody in view for at least this long is reported as a gap.
MIN_GAP_S = 0.5
# The pose model is paced by the frame rate measured over every this many frames.
PACE_FRAMES = 30


@dataclass(frozen=True, slots=True)
class FrameOutcome:
    """What one frame produced: its keypoints, the jumps it confirmed, the running count."""

    keypoints: Keypoints | None
    events: list[JumpEvent]
    count: int
    cadence_per_min: float | None


class JumpSession:
    """Feed frames with ``feed``; read the result with ``finish``.

    Example::

        with PoseTracker() as pose:
            session = JumpSession(pose)
            for frame in read_video(info):
                session.feed(frame)
            result = session.finish(duration_s=info.duration_s)
    """

    def __init__(
        self,
        pose: PoseTracker,
        params: CounterParams | None = None,
        crowd: CrowdWatch | None = None,
    ) -> None:
        self.pose = pose
        self.crowd = crowd
        self.counter = JumpCounter(params)
        self.events: list[JumpEvent] = []
        self.frames = 0
        self.seen_frames = 0
        self.counter_seconds = 0.0
        self.pose_seconds = 0.0  # pose model, optical flow and the people check
        self._missing_since: float | None = None
        self._first_t = 0.0
        self._last_t = 0.0
        self._gaps: list[Gap] = []

    def feed(self, frame: Frame) -> FrameOutcome:
        if self.frames == 0:
            self._first_t = frame.t
        elif self.frames % PACE_FRAMES == 0 and frame.t > self._first_t:
            # A camera's real rate is only known as frames arrive (a busy phone may send 15
            # a second, not 30); a file's measures exactly its stated rate.
            self.pose.set_fps(self.frames / (frame.t - self._first_t))
        start = time.perf_counter()
        sample = self.pose(frame)
        if self.crowd is not None:
            self.crowd.update(frame.image, frame.t)
        self.pose_seconds += time.perf_counter() - start
        keypoints = sample.keypoints
        self._track_presence(keypoints, frame.t)
        start = time.perf_counter()
        new = self.counter.update(keypoints, frame.t)
        self.counter_seconds += time.perf_counter() - start
        self.events.extend(new)
        self.frames += 1
        self._last_t = frame.t
        return FrameOutcome(
            keypoints=keypoints,
            events=new,
            count=self.counter.count,
            cadence_per_min=self.counter.cadence_per_min(),
        )

    def _track_presence(self, keypoints: Keypoints | None, t: float) -> None:
        if keypoints is None:
            if self._missing_since is None:
                self._missing_since = t
            return
        self.seen_frames += 1
        if self._missing_since is not None:
            self._close_gap(t)

    def _close_gap(self, t: float) -> None:
        if self._missing_since is not None and t - self._missing_since >= MIN_GAP_S:
            self._gaps.append(Gap(round(self._missing_since, 2), round(t, 2), "no_person"))
        self._missing_since = None

    def finish(self, *, duration_s: float, weight_kg: float | None = None) -> JumpResult:
        """Summarise everything fed so far (the session may continue afterwards)."""
        gaps = list(self._gaps)
        if self._missing_since is not None and duration_s - self._missing_since >= MIN_GAP_S:
            gaps.append(Gap(round(self._missing_since, 2), round(duration_s, 2), "no_person"))
        gaps += [Gap(round(t, 2), round(t, 2), "scene_cut") for t in self.counter.cuts]
        crowded = self.crowd.stretches() if self.crowd is not None else []
        gaps += [Gap(round(c.start_s, 2), round(c.end_s, 2), "several_people") for c in crowded]
        gaps.sort(key=lambda g: g.start_s)
        warnings = []
        for gap in gaps:
            if gap.reason == "no_person":
                warnings.append(
                    f"No person in view from {gap.start_s:.1f} s to {gap.end_s:.1f} s: "
                    "nothing counted there."
                )
            elif gap.reason == "several_people":
                warnings.append(
                    f"Several people in view from {gap.start_s:.1f} s to {gap.end_s:.1f} s: "
                    "jumps there were not counted."
                )
            else:
                warnings.append(
                    f"At {gap.start_s:.1f} s the tracked person jumped across the picture "
                    "(a cut, or someone else): counting restarted there."
                )
        if self.frames and self.seen_frames < 0.5 * self.frames:
            share = 100 * self.seen_frames / self.frames
            warnings.append(f"A person was visible in only {share:.0f}% of the frames.")
        kept = [
            (e, jump)
            for e, jump in zip(self.events, self.counter.jumps, strict=False)
            if not any(c.start_s <= e.t <= c.end_s for c in crowded)
        ]
        style = classify_style([(j.left, j.right) for _, j in kept])
        return summarise(
            [e for e, _ in kept],
            duration_s=duration_s,
            style=style,
            weight_kg=weight_kg,
            gaps=gaps,
            warnings=warnings,
        )
