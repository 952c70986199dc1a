"""Synthetic people jumping: keypoint sequences with known landing times.

A standing skeleton (torso 100 px) is moved frame by frame: the whole body rises during the
flight of a two-foot jump, or one foot at a time lifts for alternate-foot stepping. Landings
happen at the end of each flight, which is what the counter must report.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass, field

import numpy as np

from limber.motion.keypoints import (
    LEFT_FOOT_POINTS,
    RIGHT_FOOT_POINTS,
    Keypoints,
)

# x, y of the 33 BlazePose landmarks of a person standing 400 px tall, feet at y = 500.
_STANDING = {
    0: (300, 110),
    **{i: (300 + (i % 2) * 6 - 3, 105) for i in range(1, 11)},
    11: (330, 160),
    12: (270, 160),
    13: (345, 215),
    14: (255, 215),
    15: (350, 265),
    16: (250, 265),
    **{i: (352 if i % 2 else 248, 275) for i in range(17, 23)},
    23: (318, 260),
    24: (282, 260),
    25: (320, 380),
    26: (280, 380),
    27: (320, 485),
    28: (280, 485),
    29: (316, 497),
    30: (284, 497),
    31: (330, 500),
    32: (270, 500),
}
BASE = np.array([_STANDING[i] for i in range(33)], dtype=np.float32)
LEFT = [*list(LEFT_FOOT_POINTS), 25]
RIGHT = [*list(RIGHT_FOOT_POINTS), 26]


@dataclass
class Bout:
    """A stretch of activity: ``kind`` is "jump", "alternate", "stand" or "walk"."""

    kind: str
    seconds: float
    rate_hz: float = 2.0  # jumps (or steps) per second
    height_px: float = 30.0  # flight height of the feet
    air_share: float = 0.6  # share of each cycle in the air (jumps) or a foot lifted (steps)
    walk_px_s: float = 150.0  # sideways speed when walking


@dataclass
class Script:
    bouts: list[Bout]
    fps: float = 30.0
    noise_px: float = 0.0
    seed: int = 0
    landings: list[float] = field(default_factory=list)

    def frames(self) -> Iterator[tuple[Keypoints, float]]:
        """Yield (keypoints, t) for every frame; fills ``landings`` with the true times."""
        rng = np.random.default_rng(self.seed)
        self.landings = []
        start = 0.0
        x_shift = 0.0
        n_total = int(sum(b.seconds for b in self.bouts) * self.fps)
        bout_ends = np.cumsum([b.seconds for b in self.bouts])
        for bout, end in zip(self.bouts, bout_ends, strict=True):
            period = 1.0 / bout.rate_hz
            cycles = round(bout.seconds * bout.rate_hz)
            if bout.kind in ("jump", "alternate"):
                self.landings += [
                    start + k * period + bout.air_share * period for k in range(cycles)
                ]
            start = float(end)
        start = 0.0
        for i in range(n_total):
            t = i / self.fps
            k = int(np.searchsorted(bout_ends, t, side="right"))
            bout = self.bouts[min(k, len(self.bouts) - 1)]
            local = t - (bout_ends[k - 1] if k > 0 else 0.0)
            xy = BASE.copy()
            if bout.kind == "walk":
                x_shift += bout.walk_px_s / self.fps
                lift = _arc(local, 1.0 / bout.rate_hz, bout.air_share, bout.height_px * 0.5)
                side = int(local * bout.rate_hz) % 2
                xy[LEFT if side == 0 else RIGHT, 1] -= lift
            elif bout.kind == "jump":
                rise = _arc(local, 1.0 / bout.rate_hz, bout.air_share, bout.height_px)
                xy[:, 1] -= rise
            elif bout.kind == "alternate":
                step = 1.0 / bout.rate_hz
                phase = local % (2 * step)
                left = _arc(phase, 2 * step, bout.air_share / 2, bout.height_px)
                right = _arc(
                    (phase - step) % (2 * step), 2 * step, bout.air_share / 2, bout.height_px
                )
                xy[LEFT, 1] -= left
                xy[RIGHT, 1] -= right
                xy[:23, 1] -= 0.15 * max(left, right)
            xy[:, 0] += x_shift
            if self.noise_px:
                xy += rng.normal(0, self.noise_px, xy.shape).astype(np.float32)
            yield Keypoints(xy=xy, visibility=np.ones(33, np.float32)), t


def _arc(t: float, period: float, air_share: float, height: float) -> float:
    """Height of a ballistic-looking flight: up then down during the first ``air_share``."""
    phase = (t % period) / period
    if phase >= air_share:
        return 0.0
    return height * math.sin(math.pi * phase / air_share)
