"""The one vision loop: pacing, presence and every consumer fed in order, for any source."""

from __future__ import annotations

from contextlib import closing
from typing import Any, cast

import numpy as np

from limber.motion.driver import PACE_FRAMES, VisionDriver
from limber.motion.keypoints import Keypoints
from limber.motion.pose import PoseSample, PoseTracker
from limber.motion.sources import Frame


class ScriptedPose:
    """Plays the pose tracker's part: a person in the frames whose index is in ``present``."""

    def __init__(self, present: set[int]) -> None:
        self.present = present
        self.rates: list[float] = []
        self.closed = False
        self._kp = Keypoints(np.zeros((33, 2)), np.ones(33))

    def set_fps(self, fps: float) -> None:
        self.rates.append(fps)

    def __call__(self, frame: Frame) -> PoseSample:
        seen = frame.index in self.present
        return PoseSample(keypoints=self._kp if seen else None, source="model")

    def close(self) -> None:
        self.closed = True


class Recorder:
    def __init__(self, log: list[tuple[str, int, bool]], name: str) -> None:
        self.log, self.name, self.closed = log, name, False

    def update(self, frame: Frame, keypoints: Keypoints | None) -> None:
        self.log.append((self.name, frame.index, keypoints is not None))

    def close(self) -> None:
        self.closed = True


def frames(n: int, fps: float) -> list[Frame]:
    image = np.zeros((4, 4, 3), np.uint8)
    return [Frame(image=image, t=i / fps, index=i) for i in range(n)]


def test_consumers_get_every_frame_in_order_and_are_closed_with_the_pose() -> None:
    pose = ScriptedPose(present={0, 1, 3})
    log: list[tuple[str, int, bool]] = []
    first, second = Recorder(log, "a"), Recorder(log, "b")
    progress: list[tuple[int, int]] = []
    with closing(VisionDriver(cast(PoseTracker, pose), [first, second])) as driver:
        driver.run(frames(4, 30.0), total=4, on_progress=lambda d, t: progress.append((d, t)))
    assert log == [
        ("a", 0, True), ("b", 0, True), ("a", 1, True), ("b", 1, True),
        ("a", 2, False), ("b", 2, False), ("a", 3, True), ("b", 3, True),
    ]  # fmt: skip
    assert progress == [(1, 4), (2, 4), (3, 4), (4, 4)]
    assert first.closed and second.closed and pose.closed
    assert (driver.frames, driver.seen_frames) == (4, 3)


def test_absences_are_recorded_and_an_open_one_ends_with_the_bout() -> None:
    pose = ScriptedPose(present={0, 1, 2, 6, 7})
    driver = VisionDriver(cast(PoseTracker, pose))
    driver.run(frames(10, 10.0))
    seen = driver.seen(duration_s=1.0)
    assert [(a.start_s, a.end_s) for a in seen.absences] == [(0.3, 0.6), (0.8, 1.0)]
    assert (seen.frames, seen.seen_frames) == (10, 5)


def test_the_pose_model_is_paced_by_the_rate_frames_arrive_at() -> None:
    pose = ScriptedPose(present=set())
    driver = VisionDriver(cast(PoseTracker, pose))
    driver.run(frames(2 * PACE_FRAMES + 1, 15.0))
    assert np.allclose(pose.rates, [15.0, 15.0])


def test_until_stops_a_pulled_source() -> None:
    driver = VisionDriver(cast(PoseTracker, ScriptedPose(present=set())))
    driver.run(frames(10, 30.0), until=lambda: driver.frames >= 3)
    assert driver.frames == 3


def test_seconds_are_kept_per_consumer() -> None:
    log: list[Any] = []
    recorder = Recorder(log, "a")
    driver = VisionDriver(cast(PoseTracker, ScriptedPose(present={0})), [recorder])
    driver.feed(frames(1, 30.0)[0])
    assert driver.seconds_in(recorder) >= 0.0 and len(log) == 1
