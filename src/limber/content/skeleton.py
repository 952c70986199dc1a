"""A 2D stick skeleton: joint angles -> joint positions, and back again.

The pose spec (see :mod:`limber.content.schema`) describes a key pose as joint angles, because
angles are what a physiotherapist writes and what a camera can estimate. The SVG figures need
positions, and the camera form check needs the inverse; keeping both directions in one module
with one set of conventions is what makes ``angles_from_points(pose_points(p))`` give back
``p``'s angles, so a figure and a form check can never disagree about what a pose means.

Coordinates are image coordinates: ``x`` to the right, ``y`` *down*, origin at the pelvis
(mid-hip), in units of roughly one centimetre for a 165 cm figure. Directions are angles
measured from straight *up*, positive toward ``+x``.

Side view: the figure faces right (``+x``), so its right side is the near side. Both hips sit
at the pelvis and both shoulders at the neck; each limb is a chain of planar rotations.

Front view (the figure faces the viewer; its left side is at ``+x``):

* ``trunk`` is a side lean, ``+`` toward the figure's right (``-x``): ``90`` is lying on the
  right side, left side up (side plank, clamshell).
* ``hip_*`` and ``shoulder_*`` are abduction, ``+`` away from the midline.
* ``knee_*`` and ``elbow_*`` fold the lower segment toward the midline and down, so the knee
  or elbow is the outer point (Cobbler's pose: knees wide, soles together); an arm abducted
  60 degrees or more folds its hand up instead (a W, hands behind the head).
* ``rotation`` narrows the shoulder line by ``cos(rotation)`` and turns the nose toward the
  figure's left for ``+``; ``neck`` (``+`` chin toward chest) moves the nose down.
"""

import math
from collections.abc import Mapping
from typing import Literal

from limber.content.schema import KeyPose

View = Literal["side", "front"]
Point = tuple[float, float]

HEAD_R = 11.0  # head radius
NECK = 17.0  # neck (mid-shoulder) to head centre
TRUNK = 50.0  # pelvis to neck
UPPER_ARM = 29.0
FOREARM = 26.0
THIGH = 44.0
SHIN = 42.0
FOOT = 15.0
SHOULDER_HALF = 17.0  # front view: half the shoulder width
HIP_HALF = 9.0  # front view: half the hip width
NOSE_FRONT = 0.55 * HEAD_R  # front view: how far the nose can move from the head centre
FRONT_TOE = 7.0  # front view: a foot seen end-on is a short outward stub

SIDES: tuple[str, str] = ("left", "right")

# The bones of the stick figure as (start, end) point names; the figure draws these.
BONES: tuple[tuple[str, str], ...] = tuple(
    (f"{a}_{side}", f"{b}_{side}")
    for side in SIDES
    for a, b in (
        ("shoulder", "elbow"),
        ("elbow", "wrist"),
        ("hip", "knee"),
        ("knee", "ankle"),
        ("ankle", "toe"),
    )
)


def direction(phi_deg: float) -> Point:
    """Unit vector for an angle measured from up toward ``+x`` (``y`` points down)."""
    rad = math.radians(phi_deg)
    return (math.sin(rad), -math.cos(rad))


def angle_of(vec: Point) -> float:
    """Inverse of :func:`direction`: the angle from up toward ``+x``, in (-180, 180]."""
    return math.degrees(math.atan2(vec[0], -vec[1]))


def wrap(deg: float) -> float:
    """An angle folded into [-180, 180)."""
    return (deg + 180.0) % 360.0 - 180.0


def _add(p: Point, d: Point, length: float) -> Point:
    return (p[0] + d[0] * length, p[1] + d[1] * length)


def _sub(a: Point, b: Point) -> Point:
    return (a[0] - b[0], a[1] - b[1])


def _dot(a: Point, b: Point) -> float:
    return a[0] * b[0] + a[1] * b[1]


def _mid(a: Point, b: Point) -> Point:
    return ((a[0] + b[0]) / 2, (a[1] + b[1]) / 2)


def _side_foot(shin_phi: float) -> float:
    """Side-view foot direction: neutral (90 degrees to the shin) unless that looks wrong.

    The ankle angle is not in the pose spec, so the foot follows what a body does at rest: a
    foot that would point into the floor under a horizontal shin (kneeling, lying face down)
    lies flat behind, and a foot below a downward shin (standing, sitting, lying with knees
    bent) rests flat on the floor.
    """
    shin = shin_phi % 360.0
    neutral = (shin - 90.0) % 360.0
    shin_down = -math.cos(math.radians(shin))  # > 0 when the ankle is below the knee
    if abs(shin_down) < 0.5 and 100.0 < neutral < 260.0:
        # Shin roughly horizontal, toes pointing into the floor: point them back instead.
        return neutral + 75.0
    if shin_down > 0.3:
        # Shin pointing down (standing, sitting, knees bent when lying): foot flat and
        # forward, within what an ankle can do (heel down in a calf stretch, say).
        turn = 90.0 - (neutral if neutral <= 270.0 else neutral - 360.0)
        return neutral + max(-35.0, min(60.0, turn))
    return neutral


def _fold(prox_phi: float, bend: float, toward: Point) -> float:
    """Front view: rotate by ``bend`` whichever way points more toward ``toward``."""
    plus = prox_phi + bend
    minus = prox_phi - bend
    return plus if _dot(direction(plus), toward) >= _dot(direction(minus), toward) else minus


def _side_points(pose: KeyPose) -> dict[str, Point]:
    pelvis: Point = (0.0, 0.0)
    neck = _add(pelvis, direction(pose.trunk), TRUNK)
    head_phi = pose.trunk + pose.neck
    head = _add(neck, direction(head_phi), NECK)
    points: dict[str, Point] = {
        "pelvis": pelvis,
        "neck": neck,
        "head": head,
        "nose": _add(head, direction(head_phi + 90.0), HEAD_R),
    }
    for side in SIDES:
        hip_angle: float = getattr(pose, f"hip_{side}")
        thigh_phi = pose.trunk + 180.0 - hip_angle
        shin_phi = thigh_phi + getattr(pose, f"knee_{side}")
        knee = _add(pelvis, direction(thigh_phi), THIGH)
        ankle = _add(knee, direction(shin_phi), SHIN)
        arm_phi = pose.trunk + 180.0 - getattr(pose, f"shoulder_{side}")
        elbow = _add(neck, direction(arm_phi), UPPER_ARM)
        points |= {
            f"hip_{side}": pelvis,
            f"knee_{side}": knee,
            f"ankle_{side}": ankle,
            f"toe_{side}": _add(ankle, direction(_side_foot(shin_phi)), FOOT),
            f"shoulder_{side}": neck,
            f"elbow_{side}": elbow,
            f"wrist_{side}": _add(
                elbow, direction(arm_phi - getattr(pose, f"elbow_{side}")), FOREARM
            ),
        }
    return points


def _front_points(pose: KeyPose) -> dict[str, Point]:
    pelvis: Point = (0.0, 0.0)
    lean = -pose.trunk  # + leans toward the figure's right, which is -x
    up = direction(lean)
    down = (-up[0], -up[1])
    lateral = direction(lean + 90.0)  # toward the figure's left
    neck = _add(pelvis, up, TRUNK)
    head = _add(neck, up, NECK)
    rot = math.radians(pose.rotation)
    neck_rad = math.radians(pose.neck)
    nose = _add(
        _add(head, lateral, NOSE_FRONT * math.sin(rot) * math.cos(neck_rad)),
        down,
        NOSE_FRONT * math.sin(neck_rad),
    )
    points: dict[str, Point] = {"pelvis": pelvis, "neck": neck, "head": head, "nose": nose}
    for side, s in (("left", 1.0), ("right", -1.0)):
        inward_down = (-s * lateral[0] + down[0], -s * lateral[1] + down[1])
        hip = _add(pelvis, lateral, s * HIP_HALF)
        thigh_phi = lean + 180.0 - s * getattr(pose, f"hip_{side}")
        knee = _add(hip, direction(thigh_phi), THIGH)
        shin_phi = _fold(thigh_phi, getattr(pose, f"knee_{side}"), inward_down)
        ankle = _add(knee, direction(shin_phi), SHIN)
        shoulder = _add(neck, lateral, s * SHOULDER_HALF * math.cos(rot))
        arm_phi = lean + 180.0 - s * getattr(pose, f"shoulder_{side}")
        elbow = _add(shoulder, direction(arm_phi), UPPER_ARM)
        # A raised arm folds its hand up (a W, hands behind the head), a low one down.
        raised = getattr(pose, f"shoulder_{side}") >= 60.0
        inward_up = (-s * lateral[0] - down[0], -s * lateral[1] - down[1])
        toward = inward_up if raised else inward_down
        forearm_phi = _fold(arm_phi, getattr(pose, f"elbow_{side}"), toward)
        points |= {
            f"hip_{side}": hip,
            f"knee_{side}": knee,
            f"ankle_{side}": ankle,
            f"toe_{side}": (ankle[0] + s * FRONT_TOE, ankle[1]),
            f"shoulder_{side}": shoulder,
            f"elbow_{side}": elbow,
            f"wrist_{side}": _add(elbow, direction(forearm_phi), FOREARM),
        }
    return points


def pose_points(pose: KeyPose, view: View) -> dict[str, Point]:
    """Joint positions of ``pose`` seen from ``view`` (image coordinates, pelvis at 0, 0).

    Names: ``pelvis``, ``neck`` (mid-shoulder), ``head`` (centre), ``nose`` and
    ``{shoulder,elbow,wrist,hip,knee,ankle,toe}_{left,right}``.
    """
    if view == "side":
        return _side_points(pose)
    if view == "front":
        return _front_points(pose)
    raise ValueError(f"unknown view {view!r}; use 'side' or 'front'")


forward_kinematics = pose_points


def _bend(a: Point, b: Point, c: Point) -> float:
    """Unsigned bend at ``b`` between a->b and b->c: 0 when straight."""
    return abs(wrap(angle_of(_sub(c, b)) - angle_of(_sub(b, a))))


def angles_from_points(
    points: Mapping[str, Point],
    view: View,
    *,
    facing: Literal["right", "left"] = "right",
) -> dict[str, float]:
    """Pose-spec angles from 2D landmarks, in the conventions of :func:`pose_points`.

    Only the angles whose landmarks are present are returned, so a camera that loses a wrist
    still gets the rest. Landmarks are image coordinates (``y`` down). In the side view pass
    ``facing="left"`` for a person facing left: the points are mirrored first. In the front
    view abduction is measured away from the body's own midline, so a mirrored webcam image
    gives the same angles. ``pelvis`` and ``neck`` default to the mid-points of the hips and
    shoulders; ``head`` is the head's centre (from a camera: the mid-point of the ears). Units
    do not matter (pixels or 0..1) as long as both axes use the same one. The front-view
    ``rotation`` comes from the shoulder width relative to the hip width (its sign from the
    nose) and ``neck`` from the nose's drop, so both are weak.
    """
    if view not in ("side", "front"):
        raise ValueError(f"unknown view {view!r}; use 'side' or 'front'")
    pts = dict(points)
    if view == "side" and facing == "left":
        pts = {name: (-x, y) for name, (x, y) in pts.items()}
    for name, pair in (("pelvis", "hip"), ("neck", "shoulder")):
        if name not in pts and f"{pair}_left" in pts and f"{pair}_right" in pts:
            pts[name] = _mid(pts[f"{pair}_left"], pts[f"{pair}_right"])
    out: dict[str, float] = {}
    if "pelvis" not in pts or "neck" not in pts:
        return out
    axis = angle_of(_sub(pts["neck"], pts["pelvis"]))  # the trunk's direction in the image
    out["trunk"] = axis if view == "side" else -axis
    signs = {"left": 1.0, "right": -1.0}
    lateral = direction(axis + 90.0)
    # Front view: which way is the figure's left? Read it from the body, not from the image.
    if (
        view == "front"
        and "hip_left" in pts
        and "hip_right" in pts
        and _dot(_sub(pts["hip_left"], pts["hip_right"]), lateral) < 0
    ):
        signs = {"left": -1.0, "right": 1.0}
    for side in SIDES:
        s = signs[side] if view == "front" else 1.0
        for root, mid, end, prox, dist in (
            ("hip", "knee", "ankle", "hip", "knee"),
            ("shoulder", "elbow", "wrist", "shoulder", "elbow"),
        ):
            a, b, c = (f"{root}_{side}", f"{mid}_{side}", f"{end}_{side}")
            if a in pts and b in pts:
                seg = angle_of(_sub(pts[b], pts[a]))
                out[f"{prox}_{side}"] = s * wrap(axis + 180.0 - seg)
                if c in pts:
                    out[f"{dist}_{side}"] = _bend(pts[a], pts[b], pts[c])
    if view == "side":
        if "head" in pts:
            out["neck"] = wrap(angle_of(_sub(pts["head"], pts["neck"])) - axis)
        return out
    s_left = signs["left"]
    if "head" in pts and "nose" in pts:
        # Landmarks come in any unit (pixels, 0..1): measure the nose against the trunk.
        unit = math.dist(pts["neck"], pts["pelvis"]) / TRUNK
        drop = _dot(_sub(pts["nose"], pts["head"]), (-direction(axis)[0], -direction(axis)[1]))
        if unit > 0:
            ratio = drop / (NOSE_FRONT * unit)
            out["neck"] = math.degrees(math.asin(max(-1.0, min(1.0, ratio))))
    needed = ("shoulder_left", "shoulder_right", "hip_left", "hip_right")
    if all(n in pts for n in needed):
        hip_w = _dot(_sub(pts["hip_left"], pts["hip_right"]), lateral) * s_left
        sh_w = _dot(_sub(pts["shoulder_left"], pts["shoulder_right"]), lateral) * s_left
        if hip_w > 0:
            ratio = (sh_w / hip_w) * (HIP_HALF / SHOULDER_HALF)
            rotation = math.degrees(math.acos(max(-1.0, min(1.0, ratio))))
            if "head" in pts and "nose" in pts:
                turn = _dot(_sub(pts["nose"], pts["head"]), lateral) * s_left
                rotation = math.copysign(rotation, turn) if turn != 0 else rotation
            out["rotation"] = rotation
    return out
