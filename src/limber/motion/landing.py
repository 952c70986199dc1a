"""Find landings in one height signal, streaming, with a few frames of latency.

A landing is the lowest point of a descent: the signal (image y divided by body scale, so
larger means lower) stops growing. We confirm it as soon as either the foot rises again by
the hysteresis ``delta`` or it has stayed put for ``settle_s``: waiting for the rise alone
would make the live count lag by a whole ground contact (up to half a second when stepping
slowly from foot to foot), while the settle rule reports within about two frames.

The hysteresis adapts to the person: a fraction of the recent swing amplitude, never below a
noise floor, so big double-under hops and few-pixel speed steps are both found without a mode.

A landing is the foot reaching the ground, so it must come down into the lower part of the
range the foot has covered over the last moments. A pause or a wobble of a noisy landmark
near the top of a swing (common when the person is small in the picture) is therefore not a
landing, and does not steal the real one that follows at the end of the same descent. The
range, not a fixed ground level: fast steppers land on the balls of their feet, a little
higher each time the heel stays up, and the camera or the person may drift.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class LandingParams:
    """Tuning of :class:`LandingDetector` (units: body scale and seconds)."""

    # Hysteresis as a share of the recent swing (a descent must be at least this big).
    rel_delta: float = 0.35
    # Noise floor of the hysteresis, in torso lengths.
    min_delta: float = 0.05
    # A lowest point that has not been beaten for this long is reported as a landing.
    settle_s: float = 0.06
    # The landing is when the falling point first comes within this share of its swing from
    # the floor: the strike itself, before the heel settles and the knees absorb the impact.
    arrive_frac: float = 0.15
    # A fall of at least this many torso lengths is reported as soon as the foot is back at
    # the previous landing's level (smaller ones, near the noise, wait to settle).
    early_swing: float = 0.15
    # Memory of the swing amplitude: weight of each new swing.
    amp_alpha: float = 0.3
    # The remembered amplitude halves over this long without a landing.
    amp_half_life_s: float = 2.0
    # A landing comes down into the lower ``ground_share`` of the range (highest to lowest)
    # the foot has covered over the last ``ground_window_s``.
    ground_window_s: float = 1.5
    ground_share: float = 0.5


class LandingDetector:
    """Streaming zig-zag extremum finder on one signal; ``update`` returns a landing time.

    The signal is an image height in pixels (down positive); ``unit`` is the body scale in
    pixels, so thresholds follow the person's size without rescaling the signal itself (a
    rescaled signal would move whenever the scale estimate moves). The reported time is when
    the falling point first comes close to its lowest level (the strike); the lowest point
    itself comes a frame or two later, as the heel settles and the knees absorb the impact.

    Example::

        det = LandingDetector()
        for y, t in samples:
            landed_at = det.update(y, t, unit=torso_px)
    """

    __slots__ = (
        "_amp",
        "_descent",
        "_dir",
        "_ext_t",
        "_ext_y",
        "_floor",
        "_ground",
        "_high",
        "_last_t",
        "_last_y",
        "_lo",
        "_p",
        "_reported",
        "_top_y",
        "last_swing",
    )

    def __init__(self, params: LandingParams | None = None) -> None:
        self._p = params or LandingParams()
        self.reset()

    def reset(self) -> None:
        """Forget everything (after a gap in tracking or a scene cut)."""
        self._dir = 0  # +1 descending (y growing), -1 rising, 0 unknown yet
        self._ext_y = 0.0
        self._ext_t = 0.0
        self._lo = 0.0
        self._top_y = 0.0
        self._reported = False
        self._amp = 0.0  # recent swing, in body units
        self._last_t: float | None = None
        self._last_y: float | None = None
        # Lowest level of the previous landing: the floor the next one is expected at.
        self._floor: float | None = None
        # (t, y) over the last ground_window_s, y decreasing in _ground (the front is the
        # lowest point) and increasing in _high (the front is the highest).
        self._ground: deque[tuple[float, float]] = deque()
        self._high: deque[tuple[float, float]] = deque()
        # Samples since the last top: where the landing time is read from (a few dozen at most).
        self._descent: list[tuple[float, float]] = []
        self.last_swing = 0.0

    def delta(self, unit: float) -> float:
        """Current hysteresis in pixels."""
        return unit * max(self._p.min_delta, self._p.rel_delta * self._amp)

    def _track_range(self, y: float, t: float) -> None:
        since = t - self._p.ground_window_s
        for window, lower in ((self._ground, True), (self._high, False)):
            while window and (window[-1][1] <= y if lower else window[-1][1] >= y):
                window.pop()
            window.append((t, y))
            while window[0][0] < since:
                window.popleft()

    def near_ground(self, y: float) -> bool:
        """Whether a foot at ``y`` is in the lower part of its recent range (on the ground)."""
        if not self._ground:
            return True
        ground, high = self._ground[0][1], self._high[0][1]
        return y >= ground - self._p.ground_share * (ground - high)

    def _decay(self, t: float) -> None:
        if self._last_t is not None and self._amp > 0:
            dt = max(0.0, t - self._last_t)
            self._amp *= 0.5 ** (dt / self._p.amp_half_life_s)
        self._last_t = t

    def _land(self, unit: float, level: float | None = None, swing: float | None = None) -> float:
        if swing is None:
            swing = self._ext_y - self._top_y
        if level is None:
            level = self._ext_y - self._p.arrive_frac * swing
        self.last_swing = swing / unit
        a = self._p.amp_alpha
        self._amp = self.last_swing if self._amp == 0 else (1 - a) * self._amp + a * self.last_swing
        self._reported = True
        return self._arrival(level)

    def _arrival(self, level: float) -> float:
        """First time the descent reached ``level``, interpolated between samples."""
        prev: tuple[float, float] | None = None
        for y, t in self._descent:
            if y >= level:
                if prev is None or y == prev[0]:
                    return t
                k = (level - prev[0]) / (y - prev[0])
                return prev[1] + k * (t - prev[1])
            prev = (y, t)
        return self._ext_t

    def update(self, y: float, t: float, unit: float) -> float | None:
        """Feed one sample; return the time of a newly confirmed landing, if any."""
        self._decay(t)
        self._track_range(y, t)
        delta = self.delta(unit)
        eps = 0.1 * delta
        if self._last_y is None:
            self._last_y = self._ext_y = self._lo = y
            self._ext_t = t
            self._descent = [(y, t)]
            return None
        self._last_y = y
        self._descent.append((y, t))
        if self._dir == 0:
            # Not yet moving: wait for a first swing of delta either way.
            if y < self._lo:
                self._lo, self._descent = y, [(y, t)]
            self._ext_y = max(self._ext_y, y)
            if y - self._lo >= delta:
                self._dir, self._top_y, self._reported = 1, self._lo, False
                self._ext_y, self._ext_t = y, t
            elif self._ext_y - y >= delta:
                self._dir, self._ext_y, self._ext_t = -1, y, t
                self._descent = [(y, t)]
            return None
        if self._dir > 0:
            floor = self._floor
            big = floor is not None and floor - self._top_y >= self._p.early_swing * unit
            if not self._reported and floor is not None and big:
                # Back at the level of the last landing: report now, not after it settles.
                level = floor - self._p.arrive_frac * (floor - self._top_y)
                if y >= level:
                    self._ext_y = max(self._ext_y, y)
                    self._ext_t = t
                    return self._land(unit, level=level, swing=floor - self._top_y)
            if y > self._ext_y:
                # A clearly lower point moves the landing time; jitter on the floor does not.
                if y > self._ext_y + eps:
                    self._ext_t = t
                self._ext_y = y
                return None
            if y < self._ext_y - delta:
                grounded = self.near_ground(self._ext_y)
                landed = None if self._reported or not grounded else self._land(unit)
                if grounded or self._reported:
                    self._floor = self._ext_y
                self._dir, self._ext_y, self._ext_t = -1, y, t
                self._descent = [(y, t)]
                return landed
            if (
                not self._reported
                and t - self._ext_t >= self._p.settle_s
                and self.near_ground(self._ext_y)
            ):
                return self._land(unit)
            return None
        # rising: follow the top; a descent of delta arms the next landing
        if y < self._ext_y:
            self._ext_y, self._ext_t = y, t
            self._descent = [(y, t)]
        elif y > self._ext_y + delta:
            self._top_y = self._ext_y
            self._dir, self._ext_y, self._ext_t, self._reported = 1, y, t, False
        return None
