"""The per-foot landing detector on plain signals."""

from __future__ import annotations

import math

import pytest

from limber.motion.counter import JumpCounter
from limber.motion.landing import LandingDetector
from tests.motion.synthetic import Bout, Script


def _hops(
    period: float, height: float, fps: float = 30.0, n: int = 10
) -> list[tuple[float, float]]:
    """(y, t): a foot at y = 500 px hopping ``height`` px every ``period`` s (half in the air)."""
    out = []
    for i in range(int(n * period * fps)):
        t = i / fps
        phase = (t % period) / period
        lift = height * math.sin(math.pi * phase / 0.5) if phase < 0.5 else 0.0
        out.append((500.0 - lift, t))
    return out


@pytest.mark.parametrize("period", [0.3, 0.5, 0.8])
def test_one_landing_per_hop_near_the_strike(period: float) -> None:
    det = LandingDetector()
    landings = [x for y, t in _hops(period, 40.0) if (x := det.update(y, t, unit=100.0))]
    assert len(landings) == 10
    for k, t in enumerate(landings):
        strike = k * period + period / 2
        assert abs(t - strike) <= 0.05


@pytest.mark.parametrize("top", [0.22, 0.25, 0.28])
def test_a_wobble_high_in_the_swing_is_not_a_landing(top: float) -> None:
    # A small, noisy figure: near the top of each swing the landmark sags by two fifths of
    # the swing and comes back. Only the strike at the end of the descent is a landing.
    period = 0.8
    signal = []
    for y, t in _hops(period, 40.0):
        phase = (t % period) / period
        sag = max(0.0, 1.0 - abs(phase - top) / 0.07)
        signal.append((y + 16.0 * sag, t))
    det = LandingDetector()
    landings = [x for y, t in signal if (x := det.update(y, t, unit=100.0))]
    assert len(landings) == 10
    for k, t in enumerate(landings):
        assert abs(t - (k * period + period / 2)) <= 0.05


def test_noise_below_the_floor_is_not_a_landing() -> None:
    det = LandingDetector()
    wobble = [(500.0 + 2.0 * math.sin(i), i / 30) for i in range(300)]
    assert all(det.update(y, t, unit=100.0) is None for y, t in wobble)


def test_a_cut_restarts_counting_and_is_reported() -> None:
    counter = JumpCounter()
    script = Script([Bout("jump", 4.0, 2.5, 20.0)])
    for keypoints, t in script.frames():
        if t >= 2.0:  # the camera cuts to a shot where the person stands far to the right
            keypoints.xy[:, 0] += 400
        counter.update(keypoints, t)
    assert counter.cuts and abs(counter.cuts[0] - 2.0) < 0.05
