"""Count the jumps in a video file: probe, decode, pose, count, (draw), summarise."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from limber.motion.annotate import AnnotatedWriter, draw_overlay
from limber.motion.counter import CounterParams
from limber.motion.crowd import CrowdWatch
from limber.motion.frames import VideoError, VideoInfo, check_duration, probe_video, read_video
from limber.motion.pose import PoseConfig, PoseTracker
from limber.motion.results import JumpResult
from limber.motion.session import JumpSession

# on_progress(frames_done, frames_total); frames_total is 0 when the container does not say.
Progress = Callable[[int, int], None]


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
    writer: AnnotatedWriter | None = None
    crowd: CrowdWatch | None = None
    try:
        with PoseTracker(pose_config, fps=info.fps) as pose:
            crowd = CrowdWatch()
            session = JumpSession(pose, counter_params, crowd)
            for frame in read_video(info):
                outcome = session.feed(frame)
                if annotate is not None:
                    if writer is None:
                        # Sized from the decoded frame: rotated phone videos differ from
                        # the container's width and height.
                        height, width = frame.image.shape[:2]
                        writer = AnnotatedWriter(annotate, info.fps, width, height)
                    writer.write(
                        draw_overlay(
                            frame.image, outcome.keypoints, outcome.count, outcome.cadence_per_min
                        )
                    )
                if on_progress is not None:
                    on_progress(frame.index + 1, info.frame_count or 0)
    finally:
        if writer is not None:
            writer.close()
        if crowd is not None:
            crowd.close()
    wall = time.perf_counter() - start
    if info.frame_count and session.frames < 0.8 * info.frame_count:
        _discard(annotate)
        raise VideoError(
            f"{path.name} is truncated or corrupt: only {session.frames} of "
            f"{info.frame_count} frames could be decoded."
        )
    try:
        check_duration(path, session.frames / info.fps)
    except VideoError:
        _discard(annotate)
        raise
    if session.seen_frames == 0:
        _discard(annotate)
        raise VideoError(f"No person was found in {path.name}: nothing to count.")
    duration = session.frames / info.fps
    result = session.finish(duration_s=duration, weight_kg=weight_kg)
    return VideoCount(
        result=result,
        info=info,
        frames=session.frames,
        wall_s=wall,
        counter_s=session.counter_seconds,
        pose_s=session.pose_seconds,
    )


def _discard(path: Path | None) -> None:
    """Bad input writes nothing: remove a half-written annotated video."""
    if path is not None:
        path.unlink(missing_ok=True)
