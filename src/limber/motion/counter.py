"""The streaming jump counter: keypoints in, one frame at a time; counted jumps out.

Why it is built this way:

* **Every foot strike is a jump.** Each foot has its own landing detector (``landing.py``).
  When both feet strike together (basic bounce, double unders) the two landings fall within a
  fraction of the cycle of each other and are merged into one jump; when they alternate
  (speed stepping, running in place) each strike is a step of its own. So the user never picks
  a mode, and the few-pixel body bounce of fast stepping does not matter: the feet themselves
  move by half a shin.
* **Only rhythm counts.** A landing becomes a jump only inside a run of regular landings
  (``start_events`` in a row with similar intervals). Walking in, setting up, fiddling with the
  rope or a single hop add nothing; when the run is confirmed, its first landings are counted
  retroactively, with their own times. A long gap ends the run (a miss).
* **Moving about is not jumping.** While the hips travel sideways or the person walks toward
  or away from the camera (body scale changing), landings are ignored.
* **Small state, constant time.** Scalars and a few short deques; well under a millisecond per
  frame, so the same object serves a file and a live camera.
"""

from __future__ import annotations

import math
from collections import deque
from dataclasses import dataclass, field
from itertools import pairwise
from statistics import median

from limber.motion.keypoints import (
    LEFT_FOOT_POINTS,
    LEFT_HIP,
    RIGHT_FOOT_POINTS,
    RIGHT_HIP,
    Keypoints,
)
from limber.motion.landing import LandingDetector, LandingParams

# A gap longer than GAP_FACTOR typical intervals (or MAX_GAP_S) is a miss, a stop: the counter
# ends its run there and the summary (:mod:`limber.motion.results`) splits streaks there.
GAP_FACTOR = 2.6
MAX_GAP_S = 1.5


@dataclass(frozen=True, slots=True)
class JumpEvent:
    """One counted jump (or step): ``t`` is the landing time in seconds."""

    t: float
    number: int
    feet: str  # "left", "right" or "both"
    height: float  # how far the foot fell to land, in torso lengths
    run: int  # which continuous bout of jumping it belongs to (0, 1, ...)


@dataclass(slots=True)
class JumpFeet:
    """How each foot landed in one jump: its fall in torso lengths, 0 if it was not seen.

    Mutable on purpose: the second foot of a two-foot jump lands a frame or two after the
    first, when the jump may already have been reported.
    """

    t: float
    left: float = 0.0
    right: float = 0.0

    @property
    def feet(self) -> str:
        if self.left and self.right:
            return "both"
        return "left" if self.left else "right"

    def add(self, side: str, swing: float) -> None:
        if side == "left":
            self.left = swing
        else:
            self.right = swing

    def has(self, side: str) -> bool:
        return bool(self.left if side == "left" else self.right)


@dataclass(frozen=True, slots=True)
class CounterParams:
    """Everything the counter can be tuned by (seconds, torso lengths)."""

    landing: LandingParams = field(default_factory=LandingParams)
    # How long a landing off the beat waits for an earlier one from the other foot.
    reorder_s: float = 0.15
    # A run starts after this many regular landings.
    start_events: int = 4
    # Intervals allowed inside a run, seconds (8 steps/s to 1 jump/s).
    min_interval_s: float = 0.1
    max_interval_s: float = 1.0
    # Intervals of the starting landings may differ by at most this ratio.
    start_regularity: float = 1.6
    # Inside a run, an interval longer than this many typical ones ends it (a landing after a
    # stop is off the beat); regular landings after it start a new run.
    run_tolerance: float = 1.6
    # A miss (see GAP_FACTOR, MAX_GAP_S).
    gap_factor: float = GAP_FACTOR
    max_gap_s: float = MAX_GAP_S
    # A second landing of the same foot sooner than this is a wobble, not a step.
    same_foot_debounce_s: float = 0.15
    # Landings of the two feet closer than this share of a foot's own cycle are one jump.
    merge_share: float = 0.3
    merge_default_s: float = 0.07
    merge_min_s: float = 0.04
    merge_max_s: float = 0.12
    # Inside a run, the other foot striking within this share of the beat is the same jump.
    beat_share: float = 0.4
    # Moving about: hip speed sideways (torso lengths/s) and scale change (per second).
    max_travel_per_s: float = 0.8
    max_zoom_per_s: float = 0.5
    # A jump of the hips by this many torso lengths in one frame is a scene cut.
    cut_torso: float = 1.5
    # Without a person for this long, start afresh.
    lost_s: float = 0.5


class JumpCounter:
    """Feed ``update(keypoints, t)`` every frame (``None`` when nobody is seen).

    Example::

        counter = JumpCounter()
        for frame in frames:
            for event in counter.update(frame.keypoints, frame.t):
                print(event.number, event.t)
    """

    def __init__(self, params: CounterParams | None = None) -> None:
        self.p = params or CounterParams()
        self._left = LandingDetector(self.p.landing)
        self._right = LandingDetector(self.p.landing)
        self.count = 0
        # Both feet of each counted jump, final (JumpEvent.feet is what was known when the
        # jump was reported): the style is read from these at the end.
        self.jumps: list[JumpFeet] = []
        # Times where the tracked body jumped across the picture (a cut or another person).
        self.cuts: list[float] = []
        self._run = -1
        self._in_run = False
        self._last_counted: float | None = None
        self._pending: deque[JumpFeet] = deque(maxlen=self.p.start_events)
        self._intervals: deque[float] = deque(maxlen=8)
        self._foot_last: dict[str, float] = {}
        self._foot_intervals: deque[float] = deque(maxlen=4)
        self._last_jump: JumpFeet | None = None
        # A landing off the beat, held briefly: the other foot's detector may still report an
        # earlier landing (each foot confirms with its own delay) that keeps the run going.
        self._held: JumpFeet | None = None
        self._scale: float | None = None
        self._fast_scale = self._fast_x = self._slow_x = 0.0
        self._hip: tuple[float, float, float] | None = None  # x, y, t
        self._travel = 0.0  # smoothed sideways speed, torso lengths/s
        self._zoom = 0.0  # smoothed scale change, per second
        self._last_seen: float | None = None

    # -- public read-outs ------------------------------------------------------------------

    @property
    def feet(self) -> list[str]:
        """ "left", "right" or "both" for each counted jump."""
        return [j.feet for j in self.jumps]

    @property
    def in_run(self) -> bool:
        """True while the person is jumping (a run has been confirmed and not ended)."""
        return self._in_run

    def cadence_per_min(self) -> float | None:
        """Current cadence from the recent intervals, jumps per minute."""
        if not self._in_run or not self._intervals:
            return None
        return 60.0 / median(self._intervals)

    # -- the frame-by-frame update ---------------------------------------------------------

    def update(self, keypoints: Keypoints | None, t: float) -> list[JumpEvent]:
        """Take one frame's keypoints (or ``None``) at time ``t``; return newly counted jumps."""
        events: list[JumpEvent]
        if keypoints is None:
            events = self._release_held(t)
            if self._last_seen is not None and t - self._last_seen > self.p.lost_s:
                self._restart()
            self._end_run_if_stale(t)
            return events
        torso = keypoints.torso_length()
        if not math.isfinite(torso) or torso <= 1.0:
            events = self._release_held(t)
            self._end_run_if_stale(t)
            return events
        if self._moved_abruptly(keypoints, torso, t):
            self.cuts.append(t)
            self._restart()
        self._last_seen = t
        self._track_body(keypoints, torso, t)
        unit = self._scale or torso
        events = []
        moving = self._travel > self.p.max_travel_per_s or abs(self._zoom) > self.p.max_zoom_per_s
        for side, det, points in (
            ("left", self._left, LEFT_FOOT_POINTS),
            ("right", self._right, RIGHT_FOOT_POINTS),
        ):
            landed = det.update(keypoints.mean_y(points), t, unit)
            if landed is not None and not moving:
                events.extend(self._on_landing(side, landed, det.last_swing))
        events.extend(self._release_held(t))
        self._end_run_if_stale(t)
        return events

    # -- body tracking: scale, travel, scene cuts ------------------------------------------

    def _moved_abruptly(self, kp: Keypoints, torso: float, t: float) -> bool:
        if self._hip is None or self._scale is None:
            return False
        x = (kp.xy[LEFT_HIP, 0] + kp.xy[RIGHT_HIP, 0]) / 2
        y = (kp.xy[LEFT_HIP, 1] + kp.xy[RIGHT_HIP, 1]) / 2
        jump = math.hypot(x - self._hip[0], y - self._hip[1]) / self._scale
        ratio = torso / self._scale
        return jump > self.p.cut_torso or not 0.33 < ratio < 3.0

    def _track_body(self, kp: Keypoints, torso: float, t: float) -> None:
        x = float(kp.xy[LEFT_HIP, 0] + kp.xy[RIGHT_HIP, 0]) / 2
        y = float(kp.xy[LEFT_HIP, 1] + kp.xy[RIGHT_HIP, 1]) / 2
        if self._scale is None or self._hip is None:
            self._scale, self._fast_scale, self._hip = torso, torso, (x, y, t)
            self._fast_x = self._slow_x = x
            return
        dt = t - self._hip[2]
        if dt <= 0:
            return
        # Travel: a fast (0.2 s) against a slow (0.6 s) average of the hip position, so the
        # side-to-side sway of stepping cancels out and only a steady drift remains.
        self._fast_x += min(1.0, dt / 0.2) * (x - self._fast_x)
        self._slow_x += min(1.0, dt / 0.6) * (x - self._slow_x)
        self._travel = abs(self._fast_x - self._slow_x) / self._scale / 0.4
        # Zoom: a fast (0.3 s) against a slow (1 s) average of the torso length, per second.
        self._fast_scale += min(1.0, dt / 0.3) * (torso - self._fast_scale)
        self._scale += min(1.0, dt / 1.0) * (torso - self._scale)
        self._zoom = (self._fast_scale - self._scale) / self._scale / 0.7
        self._hip = (x, y, t)

    def _restart(self) -> None:
        """A scene cut or a long loss of the person: forget the signals and the run."""
        self._left.reset()
        self._right.reset()
        self._scale, self._hip = None, None
        self._travel = self._zoom = 0.0
        self._pending.clear()
        self._held = None
        self._last_jump = None
        self._foot_last.clear()
        self._in_run = False

    # -- from landings to jumps ------------------------------------------------------------

    def _merge_window(self) -> float:
        if len(self._foot_intervals) < 3:
            return self.p.merge_default_s
        window = self.p.merge_share * median(self._foot_intervals)
        window = min(self.p.merge_max_s, max(self.p.merge_min_s, window))
        if self._in_run and len(self._intervals) >= 3:
            # Far inside the beat, the other foot's strike belongs to the jump just counted.
            window = max(window, self.p.beat_share * median(self._intervals))
        return window

    def _on_landing(self, side: str, t: float, swing: float) -> list[JumpEvent]:
        last_same = self._foot_last.get(side)
        if last_same is not None:
            gap = t - last_same
            if gap < self.p.same_foot_debounce_s:
                return []
            if gap <= self.p.max_interval_s:
                self._foot_intervals.append(gap)
        self._foot_last[side] = t
        last = self._last_jump
        if last is not None and not last.has(side) and abs(t - last.t) <= self._merge_window():
            last.add(side, swing)  # the other foot of the same jump
            return []
        jump = JumpFeet(t)
        jump.add(side, swing)
        self._last_jump = jump
        return self._candidate(jump)

    def _candidate(self, jump: JumpFeet) -> list[JumpEvent]:
        held, out = self._held, []
        if held is not None and jump.t >= held.t:
            self._held = None
            out = self._place(held, hold=False)
        out += self._place(jump, hold=True)
        if held is not None and self._held is None and jump.t < held.t:
            out += self._place(held, hold=True)
        return out

    def _release_held(self, now: float) -> list[JumpEvent]:
        held = self._held
        if held is None or now - held.t < self.p.reorder_s:
            return []
        self._held = None
        return self._place(held, hold=False)

    def _place(self, jump: JumpFeet, *, hold: bool) -> list[JumpEvent]:
        if self._in_run and self._last_counted is not None:
            if 0 < jump.t - self._last_counted <= self._max_step():
                return [self._emit(jump)]
            if hold and self._held is None and jump.t > self._last_counted:
                self._held = jump
                return []
            # Off the beat: the run is over unless regular landings confirm it again.
            self._in_run = False
        self._pending.append(jump)
        if len(self._pending) > 1 and self._pending[-2].t > jump.t:  # a foot reported late
            ordered = sorted(self._pending, key=lambda j: j.t)
            self._pending = deque(ordered, maxlen=self.p.start_events)
        if len(self._pending) < self.p.start_events or not self._regular(self._pending):
            return []
        self._in_run = True
        self._run += 1
        self._intervals.clear()
        self._last_counted = None
        out = [self._emit(j) for j in self._pending]
        self._pending.clear()
        return out

    def _regular(self, pending: deque[JumpFeet]) -> bool:
        times = [p.t for p in pending]
        gaps = [b - a for a, b in pairwise(times)]
        if min(gaps) < self.p.min_interval_s or max(gaps) > self.p.max_interval_s:
            return False
        return max(gaps) <= self.p.start_regularity * min(gaps)

    def _max_step(self) -> float:
        """Longest interval that keeps a run going: a bit more than the typical one."""
        typical = median(self._intervals) if self._intervals else self.p.max_interval_s / 2
        return min(self.p.max_interval_s, self.p.run_tolerance * typical)

    def _max_gap(self) -> float:
        typical = median(self._intervals) if self._intervals else self.p.max_interval_s / 2
        return min(self.p.max_gap_s, self.p.gap_factor * typical)

    def _emit(self, jump: JumpFeet) -> JumpEvent:
        if self._last_counted is not None:
            self._intervals.append(jump.t - self._last_counted)
        self._last_counted = jump.t
        self.count += 1
        self.jumps.append(jump)
        height = max(jump.left, jump.right)
        return JumpEvent(t=jump.t, number=self.count, feet=jump.feet, height=height, run=self._run)

    def _end_run_if_stale(self, t: float) -> None:
        """Long silence ends the run, so the live display stops showing a cadence."""
        last = self._last_counted
        if self._in_run and last is not None and t - last > self._max_gap():
            self._in_run = False
