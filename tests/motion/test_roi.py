"""Where the pose model looks: sticky windows around the person and the search pattern."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from limber.motion.keypoints import N_LANDMARKS, Keypoints
from limber.motion.roi import Box, RoiParams, person_window, search_windows, window_around


def body(cx: float, cy: float, extent: float) -> Keypoints:
    """Landmarks spread over a square of ``extent`` around (cx, cy)."""
    rng = np.random.default_rng(0)
    xy = rng.uniform(-0.5, 0.5, (N_LANDMARKS, 2)) * extent + (cx, cy)
    xy[0] = (cx - extent / 2, cy - extent / 2)
    xy[1] = (cx + extent / 2, cy + extent / 2)
    return Keypoints.from_array(xy)


def test_window_is_centred_on_the_person_and_sized_to_them() -> None:
    box = person_window(body(500, 400, 200), None, 1920, 1080, RoiParams(size=1.8))
    assert (box.width, box.height) == (360, 360)
    assert ((box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2) == (500, 400)


def test_window_stays_while_the_person_bounces_in_place() -> None:
    params = RoiParams()
    first = person_window(body(500, 400, 200), None, 1920, 1080, params)
    for dy in (-12, 0, 15, -20, 8):
        assert person_window(body(500, 400 + dy, 205), first, 1920, 1080, params) == first


def test_window_follows_a_person_who_walks_or_comes_closer() -> None:
    params = RoiParams()
    first = person_window(body(500, 400, 200), None, 1920, 1080, params)
    walked = person_window(body(700, 400, 200), first, 1920, 1080, params)
    assert walked != first and walked.x0 > first.x0
    closer = person_window(body(500, 400, 320), first, 1920, 1080, params)
    assert closer.width > first.width


def test_window_slides_inside_the_frame_at_its_edge() -> None:
    box = person_window(body(30, 40, 100), None, 640, 360, RoiParams())
    assert (box.x0, box.y0) == (0, 0)
    assert (box.width, box.height) == (180, 180)
    # A person held against the edge does not make the window jitter.
    assert person_window(body(25, 45, 100), box, 640, 360, RoiParams()) == box


def test_a_tiny_body_gets_a_window_of_the_minimum_size() -> None:
    box = person_window(body(300, 200, 10), None, 640, 360, RoiParams(min_side=96))
    assert (box.width, box.height) == (96, 96)


def test_search_starts_with_the_whole_frame_then_covers_it_in_squares() -> None:
    windows = search_windows(1280, 720)
    assert windows[0] == Box.whole(1280, 720)
    assert len(set(windows)) == len(windows)
    for box in windows:
        assert 0 <= box.x0 < box.x1 <= 1280 and 0 <= box.y0 < box.y1 <= 720
    halves = [b for b in windows if b.width == 360]
    assert halves, "half-size windows find a distant person"
    # Every pixel of the frame lies in some half-size window.
    covered = np.zeros((720, 1280), bool)
    for b in halves:
        covered[b.y0 : b.y1, b.x0 : b.x1] = True
    assert covered.all()


def test_a_square_frame_needs_no_full_size_squares() -> None:
    windows = search_windows(360, 360)
    assert windows[0] == Box.whole(360, 360)
    assert all(b.width == 180 for b in windows[1:])


@given(
    cx=st.floats(-100, 2000),
    cy=st.floats(-100, 1200),
    side=st.floats(1, 3000),
    width=st.integers(16, 1920),
    height=st.integers(16, 1080),
)
def test_windows_always_lie_inside_the_frame(
    cx: float, cy: float, side: float, width: int, height: int
) -> None:
    box = window_around(cx, cy, side, width, height, min_side=8)
    assert 0 <= box.x0 < box.x1 <= width
    assert 0 <= box.y0 < box.y1 <= height


@pytest.mark.parametrize("size", [(640, 360), (360, 640), (1920, 1080), (180, 180)])
def test_search_windows_for_common_sizes_are_few(size: tuple[int, int]) -> None:
    # One is tried per model frame (15 a second): a person anywhere is found within 1.5 s.
    assert len(search_windows(*size)) <= 22
