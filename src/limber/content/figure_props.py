"""Props and drawing primitives for the stick figures (see :mod:`limber.content.figure`).

Props are placed from the figure's own joints (a box under the raised foot, a chair under the
seat, a strap from the hands to the foot), so a new exercise gets sensible props without any
layout of its own.
"""

import math
from dataclasses import dataclass

from limber.content.skeleton import HEAD_R, Point, View

# Stroke widths in body units (scaled with the figure).
TRUNK_W = 13.0
LIMB_W = 7.0
NECK_W = 6.0
HEAD_STROKE = 3.0
MAT_H = 5.0

BOX_FILL, BOX_LINE = "#e7d8b9", "#8b6f47"
MAT_FILL = "#99d0bd"
STRAP = "#d97706"
ROPE = "#dc2626"
WALL_FILL, WALL_LINE = "#e2e8f0", "#94a3b8"


@dataclass(frozen=True)
class Line:
    a: Point
    b: Point
    width: float
    color: str


@dataclass(frozen=True)
class Circle:
    c: Point
    r: float
    fill: str
    stroke: str
    width: float


@dataclass(frozen=True)
class Poly:
    """A polygon (``fill`` set) or an open polyline (``fill`` is ``none``)."""

    pts: tuple[Point, ...]
    fill: str
    stroke: str
    width: float


@dataclass(frozen=True)
class Curve:
    """A chain of cubic Béziers from ``start``; each segment is (control, control, end)."""

    start: Point
    segs: tuple[tuple[Point, Point, Point], ...]
    color: str
    width: float


Shape = Line | Circle | Poly | Curve


def extent(shape: Shape) -> list[tuple[float, float, float]]:
    """Points of a shape with the half-width they reach out to (for bounding boxes)."""
    if isinstance(shape, Line):
        return [(*shape.a, shape.width / 2), (*shape.b, shape.width / 2)]
    if isinstance(shape, Circle):
        return [(*shape.c, shape.r + shape.width / 2)]
    if isinstance(shape, Poly):
        return [(*p, shape.width / 2) for p in shape.pts]
    pts = [shape.start, *(p for seg in shape.segs for p in seg)]
    return [(*p, shape.width / 2) for p in pts]


def bbox(shapes: list[Shape]) -> tuple[float, float, float, float]:
    ext = [e for s in shapes for e in extent(s)]
    return (
        min(x - h for x, _, h in ext),
        min(y - h for _, y, h in ext),
        max(x + h for x, _, h in ext),
        max(y + h for _, y, h in ext),
    )


def sole(points: dict[str, Point], side: str) -> float:
    """The lowest ``y`` the drawn foot reaches."""
    return max(points[f"ankle_{side}"][1], points[f"toe_{side}"][1]) + LIMB_W / 2


def _seat(points: dict[str, Point], ground: float, view: View) -> float | None:
    """The seat height's ``y`` if the figure sits (hips well above the floor, thighs level)."""
    pelvis = points["pelvis"]
    if ground - pelvis[1] < 30.0:
        return None
    for side in ("left", "right"):
        knee, hip = points[f"knee_{side}"], points[f"hip_{side}"]
        level = abs(knee[1] - hip[1]) < 0.5 * math.dist(knee, hip)
        if view == "side" and level:
            return pelvis[1] + TRUNK_W / 2
    return None


def _chair(x0: float, x1: float, seat: float, ground: float, back_x: float | None) -> list[Shape]:
    shapes: list[Shape] = [
        Line((x0, seat), (x0, ground), 4.0, BOX_LINE),
        Line((x1, seat), (x1, ground), 4.0, BOX_LINE),
        Line((x0, seat + 2), (x1, seat + 2), 5.0, BOX_LINE),
    ]
    if back_x is not None:
        shapes.append(Line((back_x, seat), (back_x, seat - 45), 4.0, BOX_LINE))
    return shapes


def support(
    props: list[str], points: dict[str, Point], ground: float, view: View, box_side: str | None
) -> list[Shape]:
    """A box or chair: under the raised foot, under the seat, or held for balance."""
    kind = "chair" if "chair" in props else "box"
    if box_side is not None:
        ankle, toe = points[f"ankle_{box_side}"], points[f"toe_{box_side}"]
        x0, x1 = min(ankle[0], toe[0]) - 14, max(ankle[0], toe[0]) + 14
        top = sole(points, box_side)
        if kind == "chair":
            return _chair(x0, x1, top, ground, None)
        return [Poly(((x0, top), (x1, top), (x1, ground), (x0, ground)), BOX_FILL, BOX_LINE, 2)]
    seat = _seat(points, ground, view)
    if seat is not None:
        px = points["pelvis"][0]
        x0, x1 = px - 20, px + 24
        if kind == "chair":
            return _chair(x0, x1, seat, ground, x0)
        return [Poly(((x0, seat), (x1, seat), (x1, ground), (x0, ground)), BOX_FILL, BOX_LINE, 2)]
    # Held for balance: in front of the hands, its top at hand height.
    wrist = max((points["wrist_left"], points["wrist_right"]), key=lambda p: p[0])
    x0 = wrist[0] + LIMB_W / 2 + 2
    top = min(max(wrist[1], ground - 95.0), ground - 20.0)
    if kind == "chair":
        return _chair(x0, x0 + 40, min(ground - 45.0, top + 30), ground, x0)
    return [
        Poly(((x0, top), (x0 + 40, top), (x0 + 40, ground), (x0, ground)), BOX_FILL, BOX_LINE, 2)
    ]


def wall(points: dict[str, Point], ground: float, view: View) -> list[Shape]:
    """A wall the hands push on (in front) or the back leans on (behind)."""
    xs = [p[0] for p in points.values()]
    top = min(p[1] for p in points.values()) - HEAD_R - 20
    if view == "front":
        x0, x1 = min(xs) - 30, max(xs) + 30
        return [Poly(((x0, top), (x1, top), (x1, ground), (x0, ground)), WALL_FILL, WALL_FILL, 1)]
    wrist_x = max(points["wrist_left"][0], points["wrist_right"][0])
    body_x = max(points["pelvis"][0], points["neck"][0], points["head"][0] + HEAD_R)
    if wrist_x > body_x + 10:
        x0 = wrist_x + LIMB_W / 2
        x1 = x0 + 10
    else:
        x1 = min(points["pelvis"][0], points["neck"][0], points["head"][0]) - TRUNK_W / 2 - 5
        x0 = x1 - 10
    return [Poly(((x0, top), (x1, top), (x1, ground), (x0, ground)), WALL_FILL, WALL_LINE, 2)]


def strap(points: dict[str, Point], ground: float) -> list[Shape]:
    """A strap from both hands to the raised foot (or the foot nearest the hands)."""
    hands = ((points["wrist_left"][0] + points["wrist_right"][0]) / 2,
             (points["wrist_left"][1] + points["wrist_right"][1]) / 2)  # fmt: skip
    soles = {side: sole(points, side) for side in ("left", "right")}
    if abs(soles["left"] - soles["right"]) > 10:
        side = min(soles, key=lambda s: soles[s])
    else:
        side = min(soles, key=lambda s: math.dist(points[f"toe_{s}"], hands))
    ankle, toe = points[f"ankle_{side}"], points[f"toe_{side}"]
    hook = ((ankle[0] + 2 * toe[0]) / 3, (ankle[1] + 2 * toe[1]) / 3)
    return [Line(points[f"wrist_{s}"], hook, 2.5, STRAP) for s in ("left", "right")]


def rope(points: dict[str, Point], ground: float, view: View) -> list[Shape]:
    """The jump rope swinging under the feet, its lowest point on the floor."""
    feet = [points[f"{j}_{s}"][0] for j in ("ankle", "toe") for s in ("left", "right")]
    if view == "front":
        # A U from hand to hand, wide of the body, its bottom on the floor under the feet.
        a, b = points["wrist_right"], points["wrist_left"]
        xs = [p[0] for p in points.values()]
        out, back, mid = min(xs) - 12, max(xs) + 12, ((min(feet) + max(feet)) / 2, ground)
    else:
        # Side on, the turning rope is a loop from the hands round in front of and behind
        # the feet.
        a = b = points["wrist_right"]
        out, back = max(feet) + 30, min(feet) - 30
        mid = ((out + back) / 2, ground)
    segs = (((out, a[1]), (out, ground), mid), ((back, ground), (back, b[1]), b))
    return [Curve(a, segs, ROPE, 2.5)]
