"""The real pipeline on each labeled video: the count within 2 of the hand labels."""

from __future__ import annotations

from pathlib import Path

import cv2
import pytest
from bench.metrics import event_f1

from limber.motion.pipeline import count_video
from tests.conftest import jumprope_data, jumprope_labels

LABELS = jumprope_labels()


@pytest.mark.video
@pytest.mark.parametrize("key", sorted(LABELS))
def test_labeled_video_count(key: str) -> None:
    item = LABELS[key]
    counted = count_video(jumprope_data() / "labeled" / item["video"], max_mb=500)
    result = counted.result
    assert abs(result.count - item["count"]) <= 2, (key, result.count, item["count"])
    # Nothing counted well before the first or after the last labeled landing.
    first, last = item["event_times_s"][0], item["event_times_s"][-1]
    assert all(first - 0.5 <= t <= last + 0.5 for t in result.events_s)
    # Landing times within 0.1 s of the labels (one-to-one).
    assert event_f1(result.events_s, item["event_times_s"]).f1 >= 0.9
    assert result.style == item["style"]


def _padded_copy(source: Path, target: Path) -> Path:
    """The video centred in a frame twice its size: the same person, half as tall."""
    cap = cv2.VideoCapture(str(source))
    fps = cap.get(cv2.CAP_PROP_FPS)
    writer: cv2.VideoWriter | None = None
    while True:
        ok, image = cap.read()
        if not ok:
            break
        height, width = image.shape[:2]
        if writer is None:
            fourcc = cv2.VideoWriter_fourcc(*"mp4v")
            writer = cv2.VideoWriter(str(target), fourcc, fps, (2 * width, 2 * height))
        big = cv2.copyMakeBorder(
            image, height // 2, height // 2, width // 2, width // 2, cv2.BORDER_CONSTANT
        )
        writer.write(big)
    cap.release()
    assert writer is not None
    writer.release()
    return target


@pytest.mark.video
def test_a_distant_person_is_still_found_and_counted(tmp_path: Path) -> None:
    # Shrinking the whole 1280 px frame for the model leaves this athlete about 40 px of
    # torso, too small for BlazePose's person detector: the search windows find them.
    item = LABELS["double_under/1"]
    video = _padded_copy(jumprope_data() / "labeled" / item["video"], tmp_path / "far.mp4")
    result = count_video(video, max_mb=500).result
    assert abs(result.count - item["count"]) <= 2, (result.count, item["count"])
    assert event_f1(result.events_s, item["event_times_s"]).f1 >= 0.9
