"""The pose adapter on real frames: windows, searching, and a picture that changes size."""

from __future__ import annotations

import cv2
import pytest

from limber.motion.pose import PoseTracker
from limber.motion.sources import Frame
from tests.motion.conftest import jumprope_data


def _frames(count: int) -> list[Frame]:
    cap = cv2.VideoCapture(str(jumprope_data() / "labeled" / "double_under" / "2.mp4"))
    out = []
    for index in range(count):
        ok, image = cap.read()
        assert ok
        out.append(Frame(image=image, t=index / 30, index=index))
    cap.release()
    return out


@pytest.mark.video
def test_the_model_settles_on_a_window_around_the_person() -> None:
    with PoseTracker() as pose:
        samples = [pose(frame) for frame in _frames(30)]
    assert all(s.keypoints is not None for s in samples)
    assert pose.model_frames == 15 and pose.flow_frames == 15
    window = pose._window
    assert window is not None and window.width < 640  # a crop, not the whole frame
    last = samples[-1].keypoints
    assert last is not None
    x0, y0, x1, _ = last.bbox()
    assert window.x0 <= x0 and x1 <= window.x1 and window.y0 <= y0


@pytest.mark.video
def test_a_picture_that_changes_size_starts_afresh() -> None:
    # A phone turned on its side mid-count: frames arrive at another size.
    frames = _frames(40)
    with PoseTracker() as pose:
        for frame in frames[:20]:
            pose(frame)
        found = []
        for frame in frames[20:]:
            small = cv2.resize(frame.image, (480, 270))
            found.append(pose(Frame(image=small, t=frame.t, index=frame.index)).keypoints)
    assert sum(k is not None for k in found) >= 15
    assert all(k.xy[:, 0].max() <= 480 for k in found if k is not None)
