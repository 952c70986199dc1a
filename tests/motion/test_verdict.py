"""The one place that refuses or warns: every source gets the same rules and words."""

from __future__ import annotations

import pytest

from limber.motion.verdict import (
    MIN_GAP_S,
    NobodySeen,
    Seen,
    Stretch,
    VideoError,
    check_decoded,
    check_seen,
    judge,
)


def seen(frames: int = 300, seen_frames: int = 300, *absences: tuple[float, float]) -> Seen:
    return Seen(
        frames=frames,
        seen_frames=seen_frames,
        duration_s=frames / 30,
        absences=tuple(Stretch(a, b) for a, b in absences),
    )


def test_nobody_seen_is_refused_for_a_file_and_for_a_camera() -> None:
    with pytest.raises(NobodySeen, match=r"No person was found in a\.mp4: nothing to count"):
        judge(seen(300, 0), source="a.mp4")
    with pytest.raises(NobodySeen, match="Nobody was seen by the camera: nothing was saved"):
        judge(seen(300, 0), source=None)
    with pytest.raises(NobodySeen, match="none of the joints this exercise checks"):
        check_seen(0, source="bend.mp4", task="check")
    check_seen(1, source=None)  # one frame with a person is enough


def test_short_absences_are_not_gaps_long_ones_are_warned() -> None:
    verdict = judge(seen(300, 280, (1.0, 1.0 + MIN_GAP_S / 2), (4.0, 6.0)), source=None)
    assert [(g.start_s, g.end_s, g.reason) for g in verdict.gaps] == [(4.0, 6.0, "no_person")]
    assert verdict.warnings == ["No person in view from 4.0 s to 6.0 s: nothing counted there."]


def test_cuts_and_crowds_are_gaps_in_time_order_and_crowded_jumps_do_not_count() -> None:
    verdict = judge(seen(), source="a.mp4", cuts=[7.0], crowded=[Stretch(2.0, 3.5)])
    assert [g.reason for g in verdict.gaps] == ["several_people", "scene_cut"]
    assert "Several people in view from 2.0 s to 3.5 s" in verdict.warnings[0]
    assert "counting restarted" in verdict.warnings[1]
    assert not verdict.counts_at(2.5) and verdict.counts_at(4.0)


def test_a_rarely_seen_person_is_warned() -> None:
    verdict = judge(seen(100, 40), source=None)
    assert verdict.warnings == ["A person was visible in only 40% of the frames."]


def test_truncated_and_too_short_files_are_refused() -> None:
    with pytest.raises(VideoError, match="only 70 of 100 frames"):
        check_decoded("a.mp4", decoded=70, stated=100, fps=30.0)
    with pytest.raises(VideoError, match=r"a\.webm is 1\.2 s long; at least 2 s"):
        check_decoded("a.webm", decoded=36, stated=None, fps=30.0)
    check_decoded("a.mp4", decoded=90, stated=100, fps=30.0)
