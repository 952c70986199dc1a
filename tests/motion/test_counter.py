"""The streaming counter on synthetic keypoint sequences with known landing times."""

from __future__ import annotations

import pytest

from limber.motion.counter import JumpCounter, JumpEvent
from tests.motion.synthetic import Bout, Script


def _run(script: Script) -> tuple[list[JumpEvent], JumpCounter]:
    counter = JumpCounter()
    events: list[JumpEvent] = []
    for keypoints, t in script.frames():
        events += counter.update(keypoints, t)
    return events, counter


def _matched(events: list[JumpEvent], truth: list[float], tol: float = 0.1) -> int:
    free = list(truth)
    hits = 0
    for e in events:
        near = [x for x in free if abs(x - e.t) <= tol]
        if near:
            free.remove(min(near, key=lambda x: abs(x - e.t)))
            hits += 1
    return hits


@pytest.mark.parametrize("rate_hz", [1.5, 2.0, 2.5, 3.3])
@pytest.mark.parametrize("height_px", [10.0, 30.0, 60.0])
@pytest.mark.parametrize("noise_px", [0.0, 1.0])
def test_two_foot_jumps_are_counted_at_their_landings(
    rate_hz: float, height_px: float, noise_px: float
) -> None:
    seconds = round(12 / rate_hz, 6)  # a whole number of jumps
    script = Script(
        [Bout("stand", 1.0), Bout("jump", seconds, rate_hz, height_px), Bout("stand", 1.0)],
        noise_px=noise_px,
        seed=int(rate_hz * 10 + height_px),
    )
    events, counter = _run(script)
    assert len(events) == len(script.landings) == 12
    assert _matched(events, script.landings) == 12
    assert set(counter.feet) == {"both"}


@pytest.mark.parametrize("rate_hz", [2.5, 4.0, 6.0, 7.5])
@pytest.mark.parametrize("noise_px", [0.0, 1.0])
def test_alternate_foot_steps_each_count(rate_hz: float, noise_px: float) -> None:
    seconds = round(20 / rate_hz, 6)
    script = Script(
        [Bout("stand", 1.0), Bout("alternate", seconds, rate_hz, 40.0), Bout("stand", 1.0)],
        noise_px=noise_px,
    )
    events, counter = _run(script)
    assert abs(len(events) - 20) <= 1
    assert _matched(events, script.landings) >= 19
    assert "both" not in counter.feet


def test_a_pause_splits_the_runs_and_adds_nothing() -> None:
    script = Script(
        [
            Bout("stand", 1.0),
            Bout("jump", 4.0, 2.5, 20.0),
            Bout("stand", 3.0),
            Bout("jump", 4.0, 2.5, 20.0),
            Bout("stand", 1.0),
        ],
        noise_px=0.5,
    )
    events, _ = _run(script)
    assert len(events) == 20
    assert {e.run for e in events} == {0, 1}


def test_walking_in_and_standing_add_no_jumps() -> None:
    script = Script(
        [Bout("walk", 3.0, 2.0, 20.0), Bout("stand", 1.0), Bout("jump", 4.0, 2.5, 20.0)],
        noise_px=0.5,
    )
    events, _ = _run(script)
    assert len(events) == 10
    assert min(e.t for e in events) > 4.0


def test_standing_still_with_jitter_counts_nothing() -> None:
    events, counter = _run(Script([Bout("stand", 10.0)], noise_px=1.5))
    assert events == []
    assert not counter.in_run


def test_a_lone_hop_is_not_a_run() -> None:
    events, _ = _run(Script([Bout("stand", 1.0), Bout("jump", 0.5, 2.0, 30.0), Bout("stand", 2)]))
    assert events == []


def test_nobody_in_view_then_back() -> None:
    counter = JumpCounter()
    script = Script([Bout("jump", 4.0, 2.5, 20.0)])
    events: list[JumpEvent] = []
    for keypoints, t in script.frames():
        events += counter.update(None if 1.6 <= t < 2.4 else keypoints, t)
    # Nothing is invented for the hidden stretch, and counting resumes afterwards.
    assert all(not 1.6 <= e.t < 2.4 for e in events)
    assert sum(e.t > 2.4 for e in events) >= 3


def test_events_are_numbered_and_live_latency_is_short() -> None:
    counter = JumpCounter()
    script = Script([Bout("stand", 1.0), Bout("jump", 4.0, 2.5, 20.0)])
    delays = []
    events: list[JumpEvent] = []
    for keypoints, t in script.frames():
        new = counter.update(keypoints, t)
        if counter.in_run:
            delays += [t - e.t for e in new]
        events += new
    assert [e.number for e in events] == list(range(1, len(events) + 1))
    # Once a run is going, each landing is reported within 150 ms.
    assert delays and max(delays[4:]) <= 0.15
    assert counter.cadence_per_min() == pytest.approx(150, rel=0.05)


@pytest.mark.parametrize("fps", [24.0, 25.0, 50.0, 60.0])
@pytest.mark.parametrize("kind", ["jump", "alternate"])
def test_other_frame_rates(fps: float, kind: str) -> None:
    rate = 2.5 if kind == "jump" else 5.0
    script = Script(
        [Bout("stand", 1.0), Bout(kind, round(15 / rate, 6), rate, 30.0), Bout("stand", 1.0)],
        fps=fps,
        noise_px=0.5,
    )
    events, _ = _run(script)
    assert abs(len(events) - 15) <= 1
    assert _matched(events, script.landings) >= 14
