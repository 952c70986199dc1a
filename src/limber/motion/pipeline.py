"""Count the jumps in a video file: probe, then the one jump session over its frames.

The loop itself is :class:`limber.motion.driver.VisionDriver` (through
:class:`limber.motion.session.JumpSession`, with an :class:`Annotator` for ``--annotate``);
what refuses a video is :mod:`limber.motion.verdict`.
"""

from __future__ import annotations

import time
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from limber.motion.annotate import Annotator
from limber.motion.counter import CounterParams
from limber.motion.driver import Progress
from limber.motion.pose import PoseConfig, PoseTracker
from limber.motion.results import JumpResult
from limber.motion.session import JumpSession, JumpTally
from limber.motion.sources import VideoInfo, probe_video, read_video
from limber.motion.verdict import VideoError, check_decoded


@dataclass(frozen=True, slots=True)
class VideoCount:
    """A counted video plus how long the work took (for benchmarks and progress reports)."""

    result: JumpResult
    info: VideoInfo
    frames: int
    wall_s: float
    counter_s: float
    pose_s: float

    @property
    def fps(self) -> float:
        return self.frames / self.wall_s if self.wall_s > 0 else 0.0

    @property
    def duration_s(self) -> float:
        """Seconds of video actually decoded."""
        return self.frames / self.info.fps

    @property
    def realtime_factor(self) -> float:
        return self.duration_s / self.wall_s if self.wall_s > 0 else 0.0


def count_video(
    path: Path,
    *,
    max_mb: float,
    weight_kg: float | None = None,
    annotate: Path | None = None,
    pose_config: PoseConfig | None = None,
    counter_params: CounterParams | None = None,
    on_progress: Progress | None = None,
) -> VideoCount:
    """Count rope jumps in the video at ``path``.

    Raises :class:`VideoError` (with a message for the user) for anything that is not a
    usable video of a person. Example: ``count_video(Path("skip.mp4"), max_mb=200).result``.
    """
    info = probe_video(path, max_mb=max_mb)
    start = time.perf_counter()
    jumps = JumpTally(counter_params)
    annotator = None if annotate is None else Annotator(annotate, info.fps, jumps.status)
    session = JumpSession(
        PoseTracker(pose_config, fps=info.fps),
        source=path.name,
        jumps=jumps,
        extra=[annotator] if annotator is not None else [],
    )
    try:
        with closing(session):
            session.driver.run(
                read_video(info), total=info.frame_count or 0, on_progress=on_progress
            )
            wall = time.perf_counter() - start
            check_decoded(path.name, decoded=session.frames, stated=info.frame_count, fps=info.fps)
            result = session.finish(duration_s=session.frames / info.fps, weight_kg=weight_kg)
    except VideoError:
        if annotator is not None:
            annotator.discard()
        raise
    return VideoCount(
        result=result,
        info=info,
        frames=session.frames,
        wall_s=wall,
        counter_s=session.counter_seconds,
        pose_s=session.pose_seconds,
    )
