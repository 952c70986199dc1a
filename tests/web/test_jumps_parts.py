"""The jump pages' small parts: upload file names, SVG charts, live pacing."""

import datetime as dt
import os
import re
import time
from pathlib import Path
from typing import Any

import cv2
import numpy as np
import pytest

from limber.motion.driver import PACE_FRAMES
from limber.motion.session import StreamCount
from limber.motion.sources import pack
from limber.services.jump_jobs import sweep_stale_uploads
from limber.web.jump_charts import cadence_chart_svg, timeline_svg, weekly_volume_svg
from limber.web.jump_upload import safe_filename


@pytest.mark.parametrize(
    ("given", "kept"),
    [
        ("skip.mp4", "skip.mp4"),
        ("../../etc/passwd", "passwd"),
        ("C:\\Users\\ana\\jump day.mov", "jump day.mov"),
        (".hidden.mp4", "hidden.mp4"),
        ("<script>.mp4", "_script_.mp4"),
        ("", "video"),
        ("...", "video"),
    ],
)
def test_upload_file_names_are_made_safe(given: str, kept: str) -> None:
    assert safe_filename(given) == kept


def result(events: list[float], duration: float, gaps: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "count": len(events),
        "events_s": events,
        "duration_s": duration,
        "cadence_per_min": {"mean": 120.0, "series": [120.0, None, 110.0]},
        "gaps": gaps,
    }


def test_the_timeline_has_a_tick_per_jump_and_shades_pauses_and_gaps() -> None:
    # Two streaks (a pause between 2.0 and 6.0 s), then nobody in view from 9 to 12 s.
    events = [1.0, 1.5, 2.0, 6.0, 6.5, 7.0, 7.5]
    svg = timeline_svg(
        result(events, 25.0, [{"start_s": 9.0, "end_s": 12.0, "reason": "no_person"}])
    )
    assert svg.count('class="tick"') == len(events)
    assert svg.count('class="pause"') == 1
    assert svg.count('class="gap"') == 1
    assert "pause from 2.0 to 6.0 s" in svg and "not counted from 9.0 to 12.0 s" in svg
    assert 'role="img"' in svg and "<title" in svg


def test_a_scene_cut_is_a_dashed_line() -> None:
    svg = timeline_svg(
        result([1.0, 1.5], 4.0, [{"start_s": 3.0, "end_s": 3.0, "reason": "scene_cut"}])
    )
    assert svg.count('class="cut"') == 1 and "restarted at 3.0 s" in svg


def test_cadence_bars_per_window_and_a_dot_per_interval() -> None:
    svg = cadence_chart_svg(result([1.0, 1.5, 2.0, 2.5], 25.0, []))
    assert svg.count('class="cadence-bar"') == 2  # the None window draws nothing
    assert svg.count('class="cadence-dot"') == 3
    assert "10-20 s: no jumps" in svg


def test_no_jumps_no_cadence_chart() -> None:
    empty = result([], 5.0, [])
    empty["cadence_per_min"] = {"mean": None, "series": [None]}
    assert cadence_chart_svg(empty) == ""


def test_weekly_volume_bars_scale_to_the_biggest_week() -> None:
    weeks = [(dt.date(2026, 1, 5), 100), (dt.date(2026, 1, 12), 0), (dt.date(2026, 1, 19), 50)]
    svg = weekly_volume_svg(weeks)
    heights = [float(h) for h in re.findall(r'class="volume-bar"[^>]*height="([\d.]+)"', svg)]
    assert len(heights) == 3
    assert heights[0] == pytest.approx(2 * heights[2], rel=0.01)
    assert weekly_volume_svg([]) == ""


def test_uploads_left_by_a_stopped_server_are_swept(tmp_path: Path) -> None:
    old, fresh = tmp_path / "old", tmp_path / "fresh"
    for folder in (old, fresh):
        folder.mkdir()
        (folder / "v.mp4").write_bytes(b"x")
    day_ago = time.time() - 86_400
    os.utime(old, (day_ago, day_ago))
    sweep_stale_uploads(tmp_path)
    assert not old.exists() and fresh.exists()
    sweep_stale_uploads(tmp_path / "missing")  # no uploads folder yet: nothing to do


@pytest.mark.parametrize(("fps", "stride"), [(30.0, 2), (15.0, 1), (60.0, 4)])
def test_live_counting_paces_the_model_by_the_frames_that_arrive(fps: float, stride: int) -> None:
    ok, jpeg = cv2.imencode(".jpg", np.full((120, 160, 3), 90, np.uint8))
    assert ok
    stream = StreamCount()
    try:
        for i in range(PACE_FRAMES + 1):
            stream.feed(pack(1000.0 * i / fps, jpeg.tobytes()))
        assert stream.pose.stride == stride
    finally:
        stream.close()


def test_the_browser_stream_runs_the_crowd_watch_and_the_verdict() -> None:
    from limber.motion.verdict import NobodySeen

    ok, jpeg = cv2.imencode(".jpg", np.full((120, 160, 3), 90, np.uint8))
    assert ok
    stream = StreamCount()
    try:
        for i in range(25):
            stream.feed(pack(100.0 * i, jpeg.tobytes()))
        assert [t for t, _ in stream.session.crowd.samples] == [0.0, 0.5, 1.0, 1.5, 2.0]
        with pytest.raises(NobodySeen, match="Nobody was seen by the camera"):
            stream.finish(weight_kg=None)
    finally:
        stream.close()
