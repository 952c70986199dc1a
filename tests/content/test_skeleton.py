"""The 2D skeleton: joint angles -> points -> the same joint angles, in both views."""

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from limber.content.schema import KeyPose
from limber.content.skeleton import (
    FOOT,
    SHIN,
    THIGH,
    angles_from_points,
    pose_points,
    wrap,
)

SIGNED = st.floats(-180, 180, allow_nan=False)
BEND = st.floats(0, 180, allow_nan=False)
LIMBS = {
    "hip_left": SIGNED,
    "hip_right": SIGNED,
    "knee_left": BEND,
    "knee_right": BEND,
    "shoulder_left": SIGNED,
    "shoulder_right": SIGNED,
    "elbow_left": BEND,
    "elbow_right": BEND,
}
SIDE_ANGLES = ("trunk", "neck", *LIMBS)
FRONT_ANGLES = (*SIDE_ANGLES, "rotation")


def _close(a: float, b: float) -> bool:
    return abs(wrap(a - b)) < 1e-6


@settings(max_examples=300, deadline=None)
@given(st.fixed_dictionaries({"trunk": SIGNED, "neck": SIGNED, **LIMBS}))
def test_side_view_round_trips(angles: dict[str, float]) -> None:
    pose = KeyPose(name="any pose", **angles)
    got = angles_from_points(pose_points(pose, "side"), "side")
    assert set(got) == set(SIDE_ANGLES)
    for name in SIDE_ANGLES:
        assert _close(got[name], getattr(pose, name)), (name, got[name], getattr(pose, name))


@settings(max_examples=300, deadline=None)
@given(
    st.fixed_dictionaries(
        {
            "trunk": SIGNED,
            "neck": st.floats(-80, 80, allow_nan=False),
            "rotation": st.floats(-170, 170, allow_nan=False),
            **LIMBS,
        }
    )
)
def test_front_view_round_trips(angles: dict[str, float]) -> None:
    pose = KeyPose(name="any pose", **angles)
    got = angles_from_points(pose_points(pose, "front"), "front")
    assert set(got) == set(FRONT_ANGLES)
    for name in FRONT_ANGLES:
        # The sign of a tiny rotation rides on a nose shift of ~1e-12: only its size counts.
        want = getattr(pose, name)
        tol = 1e-6 if name != "rotation" else 1e-4
        assert abs(wrap(got[name] - want)) < tol, (name, got[name], want)


@settings(max_examples=100, deadline=None)
@given(st.fixed_dictionaries({"trunk": SIGNED, "neck": SIGNED, **LIMBS}))
def test_a_person_facing_left_reads_the_same(angles: dict[str, float]) -> None:
    pose = KeyPose(name="any pose", **angles)
    mirrored = {k: (-x, y) for k, (x, y) in pose_points(pose, "side").items()}
    got = angles_from_points(mirrored, "side", facing="left")
    for name in SIDE_ANGLES:
        assert _close(got[name], getattr(pose, name))


def test_a_mirrored_front_view_reads_the_same() -> None:
    pose = KeyPose(name="arms out", hip_left=20, shoulder_right=80, elbow_right=30, rotation=25)
    mirrored = {k: (-x, y) for k, (x, y) in pose_points(pose, "front").items()}
    got = angles_from_points(mirrored, "front")
    assert got["hip_left"] == pytest.approx(20)
    assert got["shoulder_right"] == pytest.approx(80)
    assert got["elbow_right"] == pytest.approx(30)
    assert abs(got["rotation"]) == pytest.approx(25)


def test_camera_landmarks_without_pelvis_neck_or_wrists() -> None:
    """A camera gives left/right hips and shoulders, and may lose a wrist."""
    pose = KeyPose(name="reach", trunk=30, hip_left=40, shoulder_left=120, elbow_left=20)
    pts = pose_points(pose, "side")
    camera = {k: v for k, v in pts.items() if k not in ("pelvis", "neck", "wrist_left")}
    got = angles_from_points(camera, "side")
    assert got["trunk"] == pytest.approx(30)
    assert got["hip_left"] == pytest.approx(40)
    assert got["shoulder_left"] == pytest.approx(120)
    assert "elbow_left" not in got
    assert angles_from_points({"nose": (0.0, 0.0)}, "side") == {}


def test_standing_is_upright_and_facing_right() -> None:
    pts = pose_points(KeyPose(name="standing"), "side")
    assert pts["head"][1] < pts["neck"][1] < pts["pelvis"][1] < pts["knee_left"][1]
    assert pts["knee_left"][1] < pts["ankle_left"][1]
    assert pts["nose"][0] > pts["head"][0]  # faces right
    assert pts["toe_right"][0] > pts["ankle_right"][0]
    assert pts["ankle_right"][1] == pytest.approx(THIGH + SHIN)


def test_prone_lies_flat_face_down() -> None:
    pts = pose_points(KeyPose(name="prone", trunk=90), "side")
    assert pts["head"][1] == pytest.approx(pts["pelvis"][1])
    assert pts["head"][0] > pts["pelvis"][0] > pts["ankle_left"][0]
    assert pts["nose"][1] > pts["head"][1]  # the face points at the floor
    # Feet lie back along the floor instead of digging into it.
    assert pts["toe_left"][1] - pts["ankle_left"][1] < 0.3 * FOOT


def test_supine_faces_up() -> None:
    pts = pose_points(KeyPose(name="supine", trunk=-90), "side")
    assert pts["nose"][1] < pts["head"][1]
    assert pts["head"][0] < pts["pelvis"][0]


def test_quadruped_is_a_table() -> None:
    pose = KeyPose(
        name="hands and knees",
        trunk=90,
        hip_left=90,
        hip_right=90,
        knee_left=90,
        knee_right=90,
        shoulder_left=90,
        shoulder_right=90,
    )
    pts = pose_points(pose, "side")
    assert pts["knee_left"][0] == pytest.approx(pts["pelvis"][0])  # knees under the hips
    assert pts["wrist_left"][0] == pytest.approx(pts["neck"][0])  # hands under the shoulders
    assert pts["knee_left"][1] == pytest.approx(pts["wrist_left"][1], abs=15)
    assert pts["ankle_left"][0] < pts["knee_left"][0]  # shins back along the floor


def test_straight_knee_makes_thigh_and_shin_collinear() -> None:
    pts = pose_points(KeyPose(name="leg forward", hip_right=50, knee_right=0), "side")
    hip, knee, ankle = pts["hip_right"], pts["knee_right"], pts["ankle_right"]
    cross = (knee[0] - hip[0]) * (ankle[1] - knee[1]) - (knee[1] - hip[1]) * (ankle[0] - knee[0])
    assert abs(cross) < 1e-9
    assert math.dist(hip, ankle) == pytest.approx(THIGH + SHIN)


def test_front_view_abducts_outward_and_folds_knees_in() -> None:
    """Cobbler's pose: knees wide, feet back toward the midline."""
    pose = KeyPose(name="cobbler", hip_left=60, hip_right=60, knee_left=150, knee_right=150)
    pts = pose_points(pose, "front")
    assert pts["knee_left"][0] > pts["hip_left"][0] > 0 > pts["hip_right"][0] > pts["knee_right"][0]
    assert abs(pts["ankle_left"][0]) < abs(pts["knee_left"][0])
    assert abs(pts["ankle_right"][0]) < abs(pts["knee_right"][0])


def test_front_rotation_narrows_the_shoulders() -> None:
    def width(rotation: float) -> float:
        pts = pose_points(KeyPose(name="twist", rotation=rotation), "front")
        return pts["shoulder_left"][0] - pts["shoulder_right"][0]

    assert width(60) == pytest.approx(width(0) / 2)
    assert width(-60) == pytest.approx(width(60))


def test_unknown_view_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown view"):
        pose_points(KeyPose(name="standing"), "top")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="unknown view"):
        angles_from_points({}, "top")  # type: ignore[arg-type]


@settings(max_examples=100, deadline=None)
@given(
    st.sampled_from(["side", "front"]),
    st.floats(0.001, 1000, allow_nan=False),
    st.fixed_dictionaries(
        {"trunk": st.floats(-60, 60), "neck": st.floats(-60, 60), "rotation": st.floats(-80, 80)}
    ),
)
def test_angles_do_not_depend_on_the_unit(view: str, unit: float, angles: dict[str, float]) -> None:
    """A camera hands over pixels or 0..1 coordinates: the angles must come out the same."""
    pose = KeyPose(name="any pose", hip_left=30, elbow_right=45, **angles)
    pts = pose_points(pose, view)  # type: ignore[arg-type]
    scaled = {k: (x * unit + 7, y * unit - 3) for k, (x, y) in pts.items()}
    want = angles_from_points(pts, view)  # type: ignore[arg-type]
    got = angles_from_points(scaled, view)  # type: ignore[arg-type]
    assert set(got) == set(want)
    for name, value in want.items():
        assert abs(wrap(got[name] - value)) < 1e-3, name  # acos near 0 loses digits
