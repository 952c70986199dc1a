"""The form checker on synthetic keypoints built from the library's own pose specs.

Each sequence is drawn by the skeleton's forward kinematics (``pose_points``), scaled into
image pixels, packed as BlazePose landmarks and jittered, so the checker sees what a camera
would give for a person doing exactly (or deliberately not) what the spec describes.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pytest

from limber.content.loader import default_library
from limber.content.schema import Exercise, KeyPose
from limber.content.skeleton import View, pose_points
from limber.motion.keypoints import N_LANDMARKS, Keypoints
from limber.motion.technique import JOINTS, TechniqueChecker, TechniqueFrame

FPS = 30.0
SCALE = 1.8  # pixels per skeleton unit (a 165 cm figure about 300 px tall)
ORIGIN = (320.0, 260.0)

# Skeleton point -> BlazePose landmark indices that sit there.
_SLOTS: dict[str, tuple[int, ...]] = {
    "nose": (0, 9, 10),
    "head": (1, 2, 3, 4, 5, 6, 7, 8),
    "shoulder_left": (11,),
    "shoulder_right": (12,),
    "elbow_left": (13,),
    "elbow_right": (14,),
    "wrist_left": (15, 17, 19, 21),
    "wrist_right": (16, 18, 20, 22),
    "hip_left": (23,),
    "hip_right": (24,),
    "knee_left": (25,),
    "knee_right": (26,),
    "ankle_left": (27,),
    "ankle_right": (28,),
    "toe_left": (31,),
    "toe_right": (32,),
}


def exercise(exercise_id: str) -> Exercise:
    return default_library()[exercise_id]


def pose(ex: Exercise, name_or_index: int | str, **changes: float) -> KeyPose:
    poses = ex.pose.poses
    found = poses[name_or_index] if isinstance(name_or_index, int) else None
    found = found or next(p for p in poses if p.name == name_or_index)
    return found.model_copy(update=changes)


def swapped(p: KeyPose) -> KeyPose:
    """The same pose done with the other arm and leg."""
    update = {}
    for joint in JOINTS:
        if joint.endswith("_left"):
            other = joint.replace("_left", "_right")
            update[joint], update[other] = getattr(p, other), getattr(p, joint)
    return p.model_copy(update=update)


def keypoints(
    p: KeyPose,
    view: View,
    *,
    facing: str = "right",
    noise_px: float = 1.0,
    rng: np.random.Generator | None = None,
    hidden: Sequence[int] = (),
) -> Keypoints:
    """BlazePose-like landmarks (pixels) for a key pose; ``hidden`` landmarks get vis 0.1.

    Facing left mirrors the figure together with its noise, so both facings see the same body.
    """
    pts = pose_points(p, view)
    xy = np.zeros((N_LANDMARKS, 2), np.float32)
    for name, slots in _SLOTS.items():
        x, y = pts[name]
        for slot in slots:
            xy[slot] = (SCALE * x, SCALE * y)
    if view == "front":  # ears beside the head's centre, the figure's left at +x
        xy[7] += (6 * SCALE, 0)
        xy[8] -= (6 * SCALE, 0)
    for heel, ankle, toe in ((29, 27, 31), (30, 28, 32)):
        xy[heel] = xy[ankle] - 0.25 * (xy[toe] - xy[ankle]) + (0, 2)
    if rng is not None and noise_px > 0:
        xy += rng.normal(0, noise_px, xy.shape).astype(np.float32)
    if facing == "left":
        xy[:, 0] *= -1
    xy += np.array(ORIGIN, np.float32)
    vis = np.full(N_LANDMARKS, 0.95, np.float32)
    vis[list(hidden)] = 0.1
    return Keypoints(xy=xy, visibility=vis)


def blend(a: KeyPose, b: KeyPose, w: float) -> KeyPose:
    return a.model_copy(update={j: (1 - w) * getattr(a, j) + w * getattr(b, j) for j in JOINTS})


def play(
    checker: TechniqueChecker,
    segments: Sequence[tuple[KeyPose | None, float]],
    *,
    facing: str = "right",
    seed: int = 0,
    hidden: Sequence[int] = (),
) -> list[TechniqueFrame]:
    """Feed held poses (or ``None``: nobody seen) for the given seconds each, at 30 fps."""
    rng = np.random.default_rng(seed)
    frames: list[TechniqueFrame] = []
    t = 0.0
    view = checker.view
    for p, seconds in segments:
        for _ in range(round(seconds * FPS)):
            kp = None if p is None else keypoints(p, view, facing=facing, rng=rng, hidden=hidden)
            frames.append(checker.update(kp, t))
            t += 1 / FPS
    return frames


def moving(a: KeyPose, b: KeyPose, seconds: float) -> list[tuple[KeyPose | None, float]]:
    """A smooth move from ``a`` to ``b``, one frame per segment."""
    n = round(seconds * FPS)
    return [(blend(a, b, (i + 1) / n), 1 / FPS) for i in range(n)]


@pytest.mark.parametrize(
    "exercise_id", ["standing-forward-bend", "glute-bridge", "box-step-up-raise", "bird-dog"]
)
@pytest.mark.parametrize("facing", ["right", "left"])
def test_holding_the_target_pose_is_in_form_for_the_whole_hold(
    exercise_id: str, facing: str
) -> None:
    ex = exercise(exercise_id)
    checker = TechniqueChecker(ex)
    assert checker.hold_index is not None
    target = ex.pose.poses[checker.hold_index]
    frames = play(checker, [(target, 4.0)], facing=facing)
    judged = frames[5:]
    assert all(f.pose == target.name and f.in_form for f in judged), judged[0]
    assert all(f.cue is None for f in judged)
    assert all(f.facing == facing for f in judged)
    assert checker.longest_hold_s(checker.hold_index) == pytest.approx(4.0, abs=0.1)
    assert frames[-1].hold_s == pytest.approx(4.0, abs=0.1)


def test_a_bent_knee_in_the_forward_bend_is_out_of_form_with_the_cue() -> None:
    ex = exercise("standing-forward-bend")
    bent = pose(ex, 1, knee_left=45, knee_right=45)
    for facing in ("right", "left"):
        frames = play(TechniqueChecker(ex), [(bent, 1.0)], facing=facing)
        assert all(f.pose == bent.name and f.in_form is False for f in frames)
        assert {f.cue for f in frames} == {"Straighten your left knee"}
        knee = next(j for j in frames[-1].joints if j.joint == "knee_left")
        assert knee.measured == pytest.approx(45, abs=4) and knee.within is False


def test_a_hidden_far_leg_is_measured_on_the_near_side() -> None:
    """Facing right the left leg is the far one; the spec's knee_left is symmetric."""
    ex = exercise("standing-forward-bend")
    bent = pose(ex, 1, knee_right=45)  # only the near (right) knee bends
    frames = play(TechniqueChecker(ex), [(bent, 1.0)], hidden=(25, 27, 29, 31))
    assert frames[-1].in_form is False
    assert frames[-1].cue == "Straighten your right knee"
    assert "knee_left" not in {j.joint for j in frames[-1].joints}


@pytest.mark.parametrize(
    ("exercise_id", "changes", "expected"),
    [
        ("standing-backward-bend", {"trunk": -40, "hip_left": -42}, "lean back less"),
        ("standing-forward-bend", {"trunk": 60, "hip_left": 90}, "Lower your chest"),
        ("box-step-up-raise", {"neck": -45}, "Lower your chin"),
        ("glute-bridge", {"hip_left": 20, "hip_right": 20}, "Lift your hips higher"),
        ("bird-dog", {"hip_right": 35}, "Lift your right leg higher"),
        ("standing-forward-bend", {"hip_left": 70, "trunk": 90}, "Bend more at your left hip"),
        ("bird-dog", {"shoulder_left": 120}, "Raise your left arm higher"),
    ],
)
def test_the_worst_joint_gets_a_cue_in_words(
    exercise_id: str, changes: dict[str, float], expected: str
) -> None:
    ex = exercise(exercise_id)
    checker = TechniqueChecker(ex)
    assert checker.hold_index is not None
    wrong = pose(ex, checker.hold_index, **changes)
    frames = play(checker, [(wrong, 1.0)])
    assert frames[-1].in_form is False
    assert frames[-1].cue is not None and expected in frames[-1].cue, frames[-1]
    assert checker.longest_hold_s(checker.hold_index) == 0.0


@pytest.mark.parametrize("exercise_id", ["glute-bridge", "box-step-up-raise", "bird-dog"])
@pytest.mark.parametrize("facing", ["right", "left"])
def test_alternating_start_and_end_poses_counts_reps(exercise_id: str, facing: str) -> None:
    ex = exercise(exercise_id)
    start, end = ex.pose.poses[0], ex.pose.poses[-1]
    segments: list[tuple[KeyPose | None, float]] = [(start, 1.0)]
    for _ in range(3):
        segments += [*moving(start, end, 0.6), (end, 1.0), *moving(end, start, 0.6), (start, 0.8)]
    checker = TechniqueChecker(ex)
    frames = play(checker, segments, facing=facing, seed=3)
    assert frames[-1].reps == 3
    # The hold includes the last part of the approach that is already within tolerance.
    assert 0.95 <= checker.longest_hold_s(len(ex.pose.poses) - 1) <= 1.0 + 0.6


def test_half_a_rep_is_not_a_rep() -> None:
    ex = exercise("glute-bridge")
    start, end = ex.pose.poses
    frames = play(TechniqueChecker(ex), [(start, 1.0), *moving(start, end, 0.5), (end, 1.0)])
    assert frames[-1].reps == 0
    assert frames[-1].pose == end.name


def test_a_bird_dog_on_the_other_side_is_judged_too() -> None:
    ex = exercise("bird-dog")
    other = swapped(ex.pose.poses[1])
    checker = TechniqueChecker(ex)
    frames = play(checker, [(other, 2.0)], facing="left")
    assert all(f.in_form and f.other_side for f in frames[5:])
    assert {j.joint for j in frames[-1].joints} == {"hip_left", "shoulder_right", "trunk"}


def test_a_single_side_exercise_is_not_matched_with_sides_swapped() -> None:
    """Dead bug is done on one side as written: the mirror image is out of form."""
    ex = exercise("dead-bug")
    frames = play(TechniqueChecker(ex), [(swapped(ex.pose.poses[1]), 1.0)])
    assert not any(f.other_side for f in frames)
    assert not any(f.in_form for f in frames)


def test_a_mirrored_sequence_gets_the_same_verdicts() -> None:
    ex = exercise("standing-backward-bend")
    start, end = ex.pose.poses
    too_far = pose(ex, 1, trunk=-38, hip_left=-40, hip_right=-40)
    segments = [(start, 1.0), *moving(start, end, 0.5), (end, 1.5), (too_far, 1.0)]
    right = play(TechniqueChecker(ex), segments, facing="right", seed=7)
    left = play(TechniqueChecker(ex), segments, facing="left", seed=7)
    assert [(f.pose, f.in_form, f.cue) for f in right] == [(f.pose, f.in_form, f.cue) for f in left]
    assert {f.facing for f in right} == {"right"} and {f.facing for f in left} == {"left"}


def test_nobody_in_view_and_hidden_joints_are_not_good_form() -> None:
    ex = exercise("standing-forward-bend")
    target = ex.pose.poses[1]
    checker = TechniqueChecker(ex)
    # Hips, knees and ankles all unseen: no checked joint can be measured.
    legs_hidden = (23, 24, 25, 26, 27, 28, 29, 30, 31, 32)
    frames = play(checker, [(None, 1.0)]) + play(checker, [(target, 1.0)], hidden=legs_hidden)
    assert all(f.in_form is not True for f in frames)
    assert all(f.hold_s == 0.0 for f in frames)
    assert frames[0].pose is None and frames[0].joints == ()
    assert checker.longest_hold_s(1) == 0.0


def test_a_short_dropout_does_not_break_a_hold_but_a_long_one_does() -> None:
    ex = exercise("standing-forward-bend")
    target = ex.pose.poses[1]
    checker = TechniqueChecker(ex)
    play(checker, [(target, 2.0), (None, 0.2), (target, 2.0)])
    assert checker.longest_hold_s(1) == pytest.approx(4.2, abs=0.1)
    checker = TechniqueChecker(ex)
    play(checker, [(target, 2.0), (None, 1.0), (target, 1.5)])
    assert checker.longest_hold_s(1) == pytest.approx(2.0, abs=0.1)


def test_a_front_view_spec_is_checked_without_facing() -> None:
    ex = exercise("cobblers-pose")
    target = ex.pose.poses[0]
    checker = TechniqueChecker(ex)
    good = play(checker, [(target, 1.0)])
    assert all(f.in_form and f.facing is None for f in good)
    closed = pose(ex, 0, hip_left=20, hip_right=20)
    bad = play(TechniqueChecker(ex), [(closed, 1.0)])
    assert bad[-1].in_form is False
    assert bad[-1].cue is not None and "Open your" in bad[-1].cue


def test_an_exercise_without_checks_is_refused() -> None:
    ex = exercise("standing-forward-bend")
    bare = ex.model_copy(
        update={
            "pose": ex.pose.model_copy(
                update={"poses": [p.model_copy(update={"check": []}) for p in ex.pose.poses]}
            )
        }
    )
    with pytest.raises(ValueError, match="no joints to check"):
        TechniqueChecker(bare)


def test_hovering_between_two_poses_with_jitter_counts_no_reps() -> None:
    ex = exercise("glute-bridge")
    start, end = ex.pose.poses
    checker = TechniqueChecker(ex)
    rng = np.random.default_rng(11)
    frames = [checker.update(keypoints(start, "side", rng=rng), i / FPS) for i in range(30)]
    halfway = blend(start, end, 0.5)
    for i in range(30, 150):
        kp = keypoints(halfway, "side", noise_px=4.0, rng=rng)
        frames.append(checker.update(kp, i / FPS))
    assert frames[-1].reps == 0


def test_without_nose_or_feet_the_facing_that_fits_the_spec_is_taken() -> None:
    """Leaning back facing left looks like leaning forward facing right; the spec decides."""
    ex = exercise("standing-backward-bend")
    no_cues = (0, 9, 10, 29, 30, 31, 32)
    frames = play(TechniqueChecker(ex), [(ex.pose.poses[1], 1.0)], facing="left", hidden=no_cues)
    assert all(f.facing == "left" and f.in_form for f in frames[6:])
