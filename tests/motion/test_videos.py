"""The real pipeline on each labeled video: the count within 2 of the hand labels."""

from __future__ import annotations

import json

import pytest
from bench.metrics import event_f1

from limber.motion.pipeline import count_video
from tests.motion.conftest import jumprope_data

LABELS = json.loads((jumprope_data() / "labeled" / "labels.json").read_text())


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
