"""A technique check over a whole video: per key pose, how much was good form, holds, reps, cues.

:class:`TechniqueChecker` judges one frame; people want the session in a few lines: "in the
forward bend 82 % of the time in good form, longest hold 24 s, most often: straighten your
left knee". :class:`TechniqueTally` folds the frames into that; it is a consumer of the one
vision loop (:class:`limber.motion.driver.VisionDriver`), so :func:`check_video` runs a file
through the same frame source, pose adapter and refusal rules as the jump counter.

Example::

    report = check_video(Path("bend.mp4"), default_library()["standing-forward-bend"],
                         max_mb=200)
    print(report.to_dict())
"""

from __future__ import annotations

import time
from collections import Counter
from contextlib import closing
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from limber.content.schema import Exercise
from limber.motion.driver import Progress, VisionDriver
from limber.motion.keypoints import Keypoints
from limber.motion.pose import PoseTracker
from limber.motion.sources import Frame, probe_video, read_video
from limber.motion.technique import TechniqueChecker, TechniqueFrame
from limber.motion.verdict import check_decoded, check_seen


@dataclass(frozen=True, slots=True)
class PoseReport:
    """One key pose over the video.

    ``good_share`` is None for a pose without checks, or one never reached.
    """

    name: str
    checked: bool
    seconds: float
    good_share: float | None
    longest_hold_s: float


@dataclass(frozen=True, slots=True)
class TechniqueReport:
    """The whole technique check, ready to print or to serialise."""

    exercise_id: str
    exercise: str
    view: str
    duration_s: float
    seen_s: float
    poses: tuple[PoseReport, ...]
    hold_pose: str | None
    hold_target_s: float | None
    longest_hold_s: float
    reps: int | None
    corrections: tuple[tuple[str, int], ...]
    wall_s: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "exercise_id": self.exercise_id,
            "exercise": self.exercise,
            "view": self.view,
            "duration_s": round(self.duration_s, 2),
            "seen_s": round(self.seen_s, 2),
            "poses": [
                {
                    "name": p.name,
                    "checked": p.checked,
                    "seconds": round(p.seconds, 2),
                    "good_share": None if p.good_share is None else round(p.good_share, 3),
                    "longest_hold_s": round(p.longest_hold_s, 2),
                }
                for p in self.poses
            ],
            "hold": {
                "pose": self.hold_pose,
                "target_s": self.hold_target_s,
                "longest_s": round(self.longest_hold_s, 2),
            },
            "reps": self.reps,
            "corrections": [{"cue": cue, "frames": n} for cue, n in self.corrections],
        }


class TechniqueTally:
    """Consumer: folds :class:`TechniqueFrame` verdicts into a :class:`TechniqueReport`."""

    def __init__(self, checker: TechniqueChecker, fps: float) -> None:
        self.checker = checker
        self.frame_s = 1.0 / fps
        n = len(checker.exercise.pose.poses)
        self._frames = [0] * n
        self._good = [0] * n
        self._seen = 0
        self._total = 0
        self._cues: Counter[str] = Counter()

    def update(self, frame: Frame, keypoints: Keypoints | None) -> None:
        self.add(self.checker.update(keypoints, frame.t))

    def close(self) -> None:
        """Nothing to release: the checker is plain Python state."""

    @property
    def seen_frames(self) -> int:
        """Frames in which a key pose was recognised (a person, with the checked joints)."""
        return self._seen

    def add(self, frame: TechniqueFrame) -> None:
        self._total += 1
        if frame.pose_index is None:
            return
        self._seen += 1
        self._frames[frame.pose_index] += 1
        if frame.in_form:
            self._good[frame.pose_index] += 1
        if frame.cue:
            self._cues[frame.cue] += 1

    def report(self) -> TechniqueReport:
        checker = self.checker
        ex = checker.exercise
        poses = tuple(
            PoseReport(
                name=pose.name,
                checked=bool(pose.check),
                seconds=self._frames[i] * self.frame_s,
                good_share=self._good[i] / self._frames[i]
                if pose.check and self._frames[i]
                else None,
                longest_hold_s=checker.longest_hold_s(i) if pose.check else 0.0,
            )
            for i, pose in enumerate(ex.pose.poses)
        )
        hold = checker.hold_index
        return TechniqueReport(
            exercise_id=ex.id,
            exercise=ex.name,
            view=ex.pose.view,
            duration_s=self._total * self.frame_s,
            seen_s=self._seen * self.frame_s,
            poses=poses,
            hold_pose=ex.pose.poses[hold].name if hold is not None else None,
            hold_target_s=ex.dosage.hold_s,
            longest_hold_s=checker.longest_hold_s(hold) if hold is not None else 0.0,
            reps=checker.reps if len(ex.pose.poses) > 1 else None,
            corrections=tuple(self._cues.most_common(3)),
        )


def check_video(
    path: Path,
    exercise: Exercise,
    *,
    max_mb: float,
    on_progress: Progress | None = None,
) -> TechniqueReport:
    """Check the technique of ``exercise`` in the video at ``path``.

    Raises :class:`~limber.motion.verdict.VideoError` for anything that is not a usable video
    of a person (the same rules and messages as the jump counter) and ``ValueError`` for a
    pose spec with nothing to check.
    """
    checker = TechniqueChecker(exercise)
    info = probe_video(path, max_mb=max_mb)
    tally = TechniqueTally(checker, info.fps)
    start = time.perf_counter()
    with closing(VisionDriver(PoseTracker(fps=info.fps), [tally])) as driver:
        driver.run(read_video(info), total=info.frame_count or 0, on_progress=on_progress)
    check_decoded(path.name, decoded=driver.frames, stated=info.frame_count, fps=info.fps)
    check_seen(tally.seen_frames, source=path.name, task="check")
    return replace(tally.report(), wall_s=time.perf_counter() - start)
