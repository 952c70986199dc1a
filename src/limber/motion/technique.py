"""The camera technique and hold check, driven by the same pose spec that draws the figure.

An exercise's pose spec (:mod:`limber.content.schema`) lists key poses as joint angles, and
for each the joints a camera should ``check`` with a ``tolerance_deg``. :class:`TechniqueChecker`
turns each frame's landmarks into the skeleton's named points, measures the same angles with
:func:`limber.content.skeleton.angles_from_points` (so the figure and the check can never
disagree about what a pose means), finds the nearest key pose and says per checked joint how
far off it is, with one correction in words for the worst joint.

What 2D can and cannot do, and the choices made here:

* Side view: which way the person faces is read from the body itself (the nose is ahead of
  the ear line, the toes ahead of the heel), in any posture, standing or lying; when neither
  says clearly, the last clear answer is kept, and at the start the better fit is taken.
* A joint whose landmarks are poorly seen is left out rather than guessed. A checked joint
  that the spec wants the same on both sides is measured on the better-seen side (in a side
  view the far leg is hidden, whichever way the person faces).
* An exercise done on both sides (``dosage.sides == 2``) is also matched with left and right
  swapped, so a bird dog with the other arm and leg is judged, not flagged.
* The nearest key pose is found over every joint that any pose checks, so poses without
  checks of their own (a start pose) still count as reached for repetitions.

Example::

    checker = TechniqueChecker(default_library()["standing-forward-bend"])
    for t, keypoints in samples:
        frame = checker.update(keypoints, t)
        if frame.cue:
            print(frame.cue)
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from limber.content.schema import Exercise, KeyPose
from limber.content.skeleton import Point, View, angles_from_points, wrap
from limber.motion.keypoints import Keypoints
from limber.motion.technique_cues import cue
from limber.motion.technique_points import (
    JOINTS,
    Facing,
    facing_from_body,
    joint_visibility,
    skeleton_points,
)


@dataclass(frozen=True, slots=True)
class TechniqueParams:
    """Thresholds of the form check (defaults suit 30 fps video of one person)."""

    # A landmark below this visibility is treated as not seen.
    min_visibility: float = 0.5
    # A hold survives lapses out of tolerance this short (a noisy frame is not a new hold).
    hold_grace_s: float = 0.3
    # A new key pose must be the nearest this long before it counts as reached (reps).
    dwell_s: float = 0.2
    # ... and nearer than the current one by this share of the two poses' distance.
    switch_margin: float = 0.25
    # Facing cues weaker than this (a sine, 0..1) are not trusted.
    facing_confidence: float = 0.3


@dataclass(frozen=True, slots=True)
class JointCheck:
    """One checked joint in one frame: measured angle (None when unseen) against target."""

    joint: str
    target: float
    measured: float | None
    tolerance: float

    @property
    def error(self) -> float | None:
        return None if self.measured is None else wrap(self.measured - self.target)

    @property
    def within(self) -> bool | None:
        err = self.error
        return None if err is None else abs(err) <= self.tolerance


@dataclass(frozen=True, slots=True)
class TechniqueFrame:
    """The verdict for one frame.

    ``pose`` is the nearest key pose (None when no person or no angle was seen); ``in_form``
    is None for a pose without checks, and False when too few checked joints were seen.
    ``hold_s`` is the current hold of the hold pose, ``reps`` the repetitions so far.
    """

    t: float
    pose: str | None
    pose_index: int | None
    other_side: bool
    facing: Facing | None
    joints: tuple[JointCheck, ...]
    in_form: bool | None
    cue: str | None
    hold_s: float
    reps: int


@dataclass(frozen=True, slots=True)
class _Candidate:
    """A key pose as the checker compares it, possibly with left and right swapped."""

    index: int
    name: str
    other_side: bool
    angles: dict[str, float]
    check: tuple[str, ...]
    tolerance: float


@dataclass(slots=True)
class _Streak:
    start: float
    last_good: float


@dataclass
class _State:
    facing: Facing | None = None
    phase: int | None = None
    pending: int | None = None
    pending_since: float = 0.0
    been_at_start: bool = False
    left_start: bool = False
    reps: int = 0
    streaks: dict[int, _Streak] = field(default_factory=dict)
    longest: dict[int, float] = field(default_factory=dict)


def _swap(name: str) -> str:
    if name.endswith("_left"):
        return name[: -len("left")] + "right"
    if name.endswith("_right"):
        return name[: -len("right")] + "left"
    return name


def _candidates(exercise: Exercise) -> list[_Candidate]:
    out: list[_Candidate] = []
    for index, pose in enumerate(exercise.pose.poses):
        angles = {joint: float(getattr(pose, joint)) for joint in JOINTS}
        out.append(
            _Candidate(index, pose.name, False, angles, tuple(pose.check), pose.tolerance_deg)
        )
        swapped = {_swap(j): a for j, a in angles.items()}
        if exercise.dosage.sides == 2 and swapped != angles:
            check = tuple(_swap(j) for j in pose.check)
            out.append(_Candidate(index, pose.name, True, swapped, check, pose.tolerance_deg))
    return out


def hold_pose_index(exercise: Exercise) -> int | None:
    """The key pose a hold is timed in: the last pose with checks (None if none has any)."""
    checked = [i for i, pose in enumerate(exercise.pose.poses) if pose.check]
    return checked[-1] if checked else None


def _checked(poses: list[KeyPose]) -> bool:
    return any(pose.check for pose in poses)


class TechniqueChecker:
    """Stateful per-frame form check for one exercise: ``update(keypoints, t) -> TechniqueFrame``.

    Also keeps the longest hold in tolerance per key pose (``longest_hold_s``) and counts
    repetitions (start pose -> another key pose -> start pose) for multi-pose specs.
    """

    def __init__(self, exercise: Exercise, params: TechniqueParams | None = None) -> None:
        if not _checked(exercise.pose.poses):
            raise ValueError(f"{exercise.name} has no joints to check in its pose spec.")
        self.exercise = exercise
        self.params = params or TechniqueParams()
        self.view: View = exercise.pose.view
        self._candidates = _candidates(exercise)
        self._union = sorted({j for c in self._candidates for j in c.check})
        self.hold_index = hold_pose_index(exercise)
        self._state = _State()

    @property
    def reps(self) -> int:
        return self._state.reps

    def longest_hold_s(self, index: int) -> float:
        """Longest stretch of time key pose ``index`` was held within tolerance, seconds."""
        state = self._state
        longest = state.longest.get(index, 0.0)
        streak = state.streaks.get(index)
        return max(longest, streak.last_good - streak.start) if streak else longest

    def update(self, keypoints: Keypoints | None, t: float) -> TechniqueFrame:
        """Judge one frame taken at ``t`` seconds; ``None`` means nobody was seen."""
        angles: dict[str, float] = {}
        vis: dict[str, float] = {}
        if keypoints is not None:
            vis = joint_visibility(keypoints)
            points = skeleton_points(keypoints, self.view, self.params.min_visibility)
            if self.view == "side":
                angles = self._side_angles(keypoints, points)
            else:
                angles = angles_from_points(points, "front")
        best = self._nearest(angles)
        if best is None:
            self._end_streaks(t, keep=None)
            return self._frame(t, None, (), None, None)
        self._track_phase(best, angles, t)
        checks = tuple(
            JointCheck(j, best.angles[j], angles.get(j), best.tolerance)
            for j in self._measured_joints(best, vis)
        )
        in_form, worst = self._verdict(best, checks)
        if in_form:
            self._extend_streak(best.index, t)
        self._end_streaks(t, keep=best.index if in_form else None)
        text = None
        if worst is not None and worst.error is not None:
            text = cue(
                worst.joint,
                error=worst.error,
                target=worst.target,
                view=self.view,
                trunk=best.angles["trunk"],
            )
        return self._frame(t, best, checks, in_form, text)

    # -- landmarks to angles -------------------------------------------------------------

    def _side_angles(self, keypoints: Keypoints, points: dict[str, Point]) -> dict[str, float]:
        facing = facing_from_body(
            keypoints,
            points,
            min_visibility=self.params.min_visibility,
            confidence=self.params.facing_confidence,
        )
        facing = facing or self._state.facing
        if facing is None:
            # No clear cue yet: take whichever facing the spec's poses fit better.
            fits: list[tuple[float, Facing, dict[str, float]]] = []
            options: tuple[Facing, Facing] = ("right", "left")
            for option in options:
                angles = angles_from_points(points, "side", facing=option)
                best = self._nearest(angles)
                cost = self._distance(best, angles) if best is not None else math.inf
                fits.append((cost, option, angles))
            _, facing, chosen = min(fits, key=lambda item: item[0])
            self._state.facing = facing
            return chosen
        self._state.facing = facing
        return angles_from_points(points, "side", facing=facing)

    def _measured_joints(self, best: _Candidate, vis: dict[str, float]) -> list[str]:
        """The candidate's checked joints, a symmetric one taken on the better-seen side."""
        out = []
        for joint in best.check:
            other = _swap(joint)
            symmetric = other != joint and abs(best.angles[joint] - best.angles[other]) <= 1.0
            if symmetric and vis.get(other, 0.0) > vis.get(joint, 0.0) and other not in best.check:
                joint = other
            out.append(joint)
        return out

    # -- nearest pose, verdict, holds and reps -------------------------------------------

    def _distance(self, cand: _Candidate, angles: dict[str, float]) -> float:
        """RMS difference (degrees) over the joints any pose checks, as far as measured."""
        diffs = [wrap(angles[j] - cand.angles[j]) for j in self._union if j in angles]
        if not diffs:
            return math.inf
        return math.sqrt(sum(d * d for d in diffs) / len(diffs))

    def _nearest(self, angles: dict[str, float]) -> _Candidate | None:
        if not any(j in angles for j in self._union):
            return None
        return min(self._candidates, key=lambda c: self._distance(c, angles))

    def _verdict(
        self, best: _Candidate, checks: tuple[JointCheck, ...]
    ) -> tuple[bool | None, JointCheck | None]:
        """In form when at least half the checked joints are seen and all seen are within."""
        if not best.check:
            return None, None
        seen = [c for c in checks if c.measured is not None]
        off = [c for c in seen if not c.within]
        worst = max(off, key=lambda c: abs(c.error or 0.0) / c.tolerance) if off else None
        enough = 2 * len(seen) >= len(checks)
        return (enough and not off), worst

    def _extend_streak(self, index: int, t: float) -> None:
        streaks = self._state.streaks
        streak = streaks.get(index)
        if streak is None or t - streak.last_good > self.params.hold_grace_s:
            if streak is not None:
                self._close(index, streak)
            streaks[index] = _Streak(start=t, last_good=t)
        else:
            streak.last_good = t

    def _end_streaks(self, t: float, keep: int | None) -> None:
        """Close holds that have been out of tolerance for longer than the grace."""
        for index, streak in list(self._state.streaks.items()):
            if index != keep and t - streak.last_good > self.params.hold_grace_s:
                self._close(index, streak)
                del self._state.streaks[index]

    def _close(self, index: int, streak: _Streak) -> None:
        longest = self._state.longest
        longest[index] = max(longest.get(index, 0.0), streak.last_good - streak.start)

    def _track_phase(self, best: _Candidate, angles: dict[str, float], t: float) -> None:
        """Commit a new key pose after a short dwell, with hysteresis; count the reps."""
        state = self._state
        if len(self.exercise.pose.poses) < 2:
            return
        if state.phase is None or best.index == state.phase:
            target = best.index if state.phase is None else None
        else:
            current = min(
                (c for c in self._candidates if c.index == state.phase),
                key=lambda c: self._distance(c, angles),
            )
            gap = self._distance(current, best.angles) * self.params.switch_margin
            passed = self._distance(best, angles) + gap < self._distance(current, angles)
            target = best.index if passed else None
        if target is None:
            state.pending = None
            return
        if state.pending != target:
            state.pending, state.pending_since = target, t
        if t - state.pending_since + 1e-9 < self.params.dwell_s:
            return
        state.phase, state.pending = target, None
        if target == 0:
            if state.left_start:
                state.reps += 1
            state.been_at_start, state.left_start = True, False
        elif state.been_at_start:
            state.left_start = True

    def _frame(
        self,
        t: float,
        best: _Candidate | None,
        checks: tuple[JointCheck, ...],
        in_form: bool | None,
        text: str | None,
    ) -> TechniqueFrame:
        hold = 0.0
        streak = self._state.streaks.get(self.hold_index) if self.hold_index is not None else None
        if streak is not None:
            hold = streak.last_good - streak.start
        return TechniqueFrame(
            t=t,
            pose=best.name if best else None,
            pose_index=best.index if best else None,
            other_side=best.other_side if best else False,
            facing=self._state.facing if self.view == "side" else None,
            joints=checks,
            in_form=in_form,
            cue=text,
            hold_s=hold,
            reps=self._state.reps,
        )
