"""From BlazePose landmarks to the skeleton's named points, and which way a person faces.

The form check (:mod:`limber.motion.technique`) measures angles with the skeleton's own inverse
kinematics, which wants named 2D points (``knee_left``, ``head``, ...) in the conventions of
:mod:`limber.content.skeleton`. Landmarks seen poorly are left out rather than guessed: the
angles that need them are then simply not measured.
"""

from __future__ import annotations

import math
from typing import Literal

from limber.content.skeleton import Point, View
from limber.motion.keypoints import Keypoints

Facing = Literal["right", "left"]

# BlazePose landmark indices for the skeleton's named points.
LANDMARKS: dict[str, int] = {
    "nose": 0,
    "shoulder_left": 11,
    "shoulder_right": 12,
    "elbow_left": 13,
    "elbow_right": 14,
    "wrist_left": 15,
    "wrist_right": 16,
    "hip_left": 23,
    "hip_right": 24,
    "knee_left": 25,
    "knee_right": 26,
    "ankle_left": 27,
    "ankle_right": 28,
    "toe_left": 31,
    "toe_right": 32,
}
EARS = (7, 8)
HEELS = {"left": 29, "right": 30}
# The landmarks each spec angle is measured from (for visibility and side choice).
JOINT_LANDMARKS: dict[str, tuple[int, ...]] = {
    "trunk": (11, 12, 23, 24),
    "neck": (7, 8, 11, 12),
    "rotation": (0, 7, 8, 11, 12, 23, 24),
    "hip_left": (23, 25),
    "hip_right": (24, 26),
    "knee_left": (23, 25, 27),
    "knee_right": (24, 26, 28),
    "shoulder_left": (11, 13),
    "shoulder_right": (12, 14),
    "elbow_left": (11, 13, 15),
    "elbow_right": (12, 14, 16),
}
JOINTS = tuple(JOINT_LANDMARKS)


def seen(keypoints: Keypoints, index: int, min_visibility: float) -> bool:
    return bool(keypoints.visibility[index] >= min_visibility)


def joint_visibility(keypoints: Keypoints) -> dict[str, float]:
    """Per spec angle, the lowest visibility of the landmarks it is measured from."""
    vis = keypoints.visibility
    return {j: float(min(vis[i] for i in idx)) for j, idx in JOINT_LANDMARKS.items()}


def skeleton_points(keypoints: Keypoints, view: View, min_visibility: float) -> dict[str, Point]:
    """The skeleton's named points from the landmarks that were seen well enough.

    ``head`` is the mid-point of the ears, ``toe`` the foot index.
    """
    ok = [seen(keypoints, i, min_visibility) for i in range(len(keypoints.visibility))]
    points = {n: keypoints.point(i) for n, i in LANDMARKS.items() if ok[i]}
    ears = [keypoints.point(i) for i in EARS if ok[i]]
    # In a side view one ear is enough (both sit near the head's centre).
    if len(ears) == 2 or (ears and view == "side"):
        points["head"] = (
            sum(p[0] for p in ears) / len(ears),
            sum(p[1] for p in ears) / len(ears),
        )
    if view == "side":
        # The near and far hip (and shoulder) nearly coincide: one seen is enough.
        for name, pair in (("pelvis", "hip"), ("neck", "shoulder")):
            found = [points[f"{pair}_{s}"] for s in ("left", "right") if f"{pair}_{s}" in points]
            if len(found) == 1:
                points[name] = found[0]
    return points


def facing_from_body(
    keypoints: Keypoints, points: dict[str, Point], *, min_visibility: float, confidence: float
) -> Facing | None:
    """Which way a person seen from the side faces, from the body's own shape, or None.

    For a figure facing right the nose is a quarter turn clockwise from the neck-to-head
    axis, and the foot (heel to toe) a quarter turn anticlockwise from the shin: the sign of
    each 2D cross product says the facing whether the person stands, kneels or lies down.
    Cues weaker than ``confidence`` (a sine) do not vote.
    """
    votes: list[float] = []
    if "head" in points and "neck" in points and "nose" in points:
        votes.append(_turn(points["neck"], points["head"], points["nose"]))
    for side in ("left", "right"):
        heel = HEELS[side]
        knee, ankle, toe = f"knee_{side}", f"ankle_{side}", f"toe_{side}"
        if (
            knee in points
            and ankle in points
            and toe in points
            and seen(keypoints, heel, min_visibility)
        ):
            shin = _sub(points[ankle], points[knee])
            foot = _sub(points[toe], keypoints.point(heel))
            votes.append(-_cross(shin, foot))
    clear = [v for v in votes if abs(v) >= confidence]
    if not clear:
        return None
    return "right" if sum(clear) > 0 else "left"


def _sub(a: Point, b: Point) -> Point:
    return (a[0] - b[0], a[1] - b[1])


def _cross(a: Point, b: Point) -> float:
    """Sine of the turn from ``a`` to ``b`` (+ clockwise on screen, as ``y`` points down)."""
    norm = math.hypot(*a) * math.hypot(*b)
    return (a[0] * b[1] - a[1] * b[0]) / norm if norm > 0 else 0.0


def _turn(a: Point, b: Point, c: Point) -> float:
    return _cross(_sub(b, a), _sub(c, b))
