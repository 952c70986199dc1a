"""Render an exercise's pose spec as a clean, deterministic SVG stick figure.

One panel per key pose, side by side, each with the pose name as its caption. The figure
rests its lowest point on the floor line, so sitting, kneeling and lying come out right
without any per-exercise layout. Output is a pure function of the exercise (numbers rounded,
no clocks, no ids drawn from memory), so the same library gives byte-identical files: the web
app can cache and inline them, and a diff of a figure means the pose really changed.
"""

import math
from dataclasses import dataclass, field
from xml.sax.saxutils import escape

from limber.content.figure_props import (
    HEAD_STROKE,
    LIMB_W,
    MAT_FILL,
    MAT_H,
    NECK_W,
    TRUNK_W,
    Circle,
    Line,
    Poly,
    Shape,
    bbox,
    extent,
    rope,
    sole,
    strap,
    support,
    wall,
)
from limber.content.schema import Exercise, KeyPose
from limber.content.skeleton import BONES, FOOT, HEAD_R, Point, View, pose_points

PANEL_W = 240.0
PANEL_H = 282.0
FLOOR_Y = 236.0  # where the floor line sits in every panel
TOP = 12.0  # room kept above the tallest figure
PAD_X = 12.0
CAPTION_Y = 256.0
CAPTION_LINE = 15.0
CAPTION_CHARS = 32  # characters per caption line at 12 px


NEAR = "#0f172a"
FAR = "#a3b1c6"
BODY = "#52627a"
HEAD_FILL = "#f8fafc"
FLOOR = "#64748b"
INK = "#334155"


@dataclass
class Panel:
    """One key pose laid out in body coordinates; ``ground`` is the floor's ``y``."""

    caption: str
    ground: float
    points: dict[str, Point]
    back: list[Shape] = field(default_factory=list)  # props behind the figure
    body: list[Shape] = field(default_factory=list)
    front: list[Shape] = field(default_factory=list)  # props over the figure

    def shapes(self) -> list[Shape]:
        return [*self.back, *self.body, *self.front]


def _body(points: dict[str, Point], view: View, rotation: float = 0.0) -> list[Shape]:
    """The stick figure: far limbs, torso, head, near limbs (painter's order).

    Side on, the figure faces right, so its right side is near. Face on, both sides are near
    unless the shoulders turn (``rotation``): the arm turning away goes pale and behind.
    """
    far = "left" if view == "side" else ""
    if view == "front" and abs(rotation) > 15:
        far = "left" if rotation > 0 else "right"
    arm = (f"shoulder_{far}", f"elbow_{far}")
    behind = [b for b in BONES if (b[0].endswith(far) if view == "side" else b[0] in arm)]
    shapes: list[Shape] = [Line(points[a], points[b], LIMB_W, FAR) for a, b in behind]
    if view == "side":
        shapes.append(Line(points["pelvis"], points["neck"], TRUNK_W, BODY))
    else:
        torso = tuple(points[n] for n in ("shoulder_left", "shoulder_right"))
        torso += (points["hip_right"], points["hip_left"])
        shapes.append(Poly(torso, BODY, BODY, LIMB_W))
    shapes.append(Line(points["neck"], points["head"], NECK_W, BODY))
    shapes.extend(
        Line(points[a], points[b], LIMB_W, NEAR) for a, b in BONES if (a, b) not in behind
    )
    head, nose = points["head"], points["nose"]
    shapes.append(Circle(head, HEAD_R, HEAD_FILL, BODY, HEAD_STROKE))
    if view == "side":
        d = ((nose[0] - head[0]) / HEAD_R, (nose[1] - head[1]) / HEAD_R)
        tip = (head[0] + d[0] * (HEAD_R + 5), head[1] + d[1] * (HEAD_R + 5))
        shapes.append(Line(nose, tip, 3.0, BODY))
    else:
        shapes.append(Line((nose[0], nose[1] - 3), (nose[0], nose[1] + 2), 2.5, BODY))
    return shapes


def _tiptoe(points: dict[str, Point], side: str, ground: float) -> dict[str, Point]:
    """Point a hovering standing foot down until its toes touch the floor (side view)."""
    knee, ankle = points[f"knee_{side}"], points[f"ankle_{side}"]
    gap = ground - LIMB_W / 2 - ankle[1]
    standing = ankle[1] - knee[1] > 0.8 * math.dist(knee, ankle)
    if not standing or gap <= 1.0 or gap > 0.95 * FOOT:
        return points
    drop = math.asin(gap / FOOT)
    return points | {f"toe_{side}": (ankle[0] + FOOT * math.cos(drop), ankle[1] + gap)}


def _box_plan(exercise: Exercise) -> tuple[str, float] | None:
    """Which foot stands on the box and how high the box is (the same in every panel)."""
    if exercise.pose.view != "side":
        return None
    best: tuple[str, float] | None = None
    for pose in exercise.pose.poses:
        pts = pose_points(pose, "side")
        for side, other in (("left", "right"), ("right", "left")):
            rise = sole(pts, other) - sole(pts, side)
            if rise > 8.0 and (best is None or rise > best[1]):
                best = (side, rise)
    return best


def _panel(pose: KeyPose, exercise: Exercise, box: tuple[str, float] | None) -> Panel:
    view, props = exercise.pose.view, [str(p) for p in exercise.pose.props]
    points = pose_points(pose, view)
    lowest = bbox(_body(points, view, pose.rotation))[3]
    if box is not None:
        # Stand the raised foot on the box: lift the figure by what this pose lacks.
        side, height = box
        other = "right" if side == "left" else "left"
        rise = sole(points, other) - sole(points, side)
        lowest += max(0.0, height - rise)
    ground = lowest + (MAT_H if "mat" in props else 0.0)
    if box is not None:
        # Lifted onto the box, the floor foot rises onto its toes (if it can reach).
        for side in ("left", "right"):
            points = _tiptoe(points, side, lowest)
    panel = Panel(pose.name, ground, points, body=_body(points, view, pose.rotation))
    if "wall" in props:
        panel.back += wall(points, ground, view)
    if "mat" in props:
        xs = [x for x, _, _ in (e for s in panel.body for e in extent(s))]
        x0, x1 = min(xs) - 10, max(xs) + 10
        panel.back.append(
            Poly(((x0, lowest), (x1, lowest), (x1, ground), (x0, ground)), MAT_FILL, MAT_FILL, 1)
        )
    if "box" in props or "chair" in props:
        panel.back += support(props, points, lowest, view, box[0] if box else None)
    if "rope" in props:
        panel.back += rope(points, lowest, view)
    if "strap" in props:
        panel.front += strap(points, lowest)
    return panel


def _num(v: float) -> str:
    """A coordinate rounded to 0.1 with no trailing zeros: stable text for stable files."""
    text = f"{round(v, 1):.1f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _svg_shape(shape: Shape, tf: "Transform") -> str:
    w = _num(shape.width * tf.s)
    if isinstance(shape, Line):
        (x1, y1), (x2, y2) = tf(shape.a), tf(shape.b)
        return (
            f'<line x1="{_num(x1)}" y1="{_num(y1)}" x2="{_num(x2)}" y2="{_num(y2)}" '
            f'stroke="{shape.color}" stroke-width="{w}"/>'
        )
    if isinstance(shape, Circle):
        cx, cy = tf(shape.c)
        return (
            f'<circle cx="{_num(cx)}" cy="{_num(cy)}" r="{_num(shape.r * tf.s)}" '
            f'fill="{shape.fill}" stroke="{shape.stroke}" stroke-width="{w}"/>'
        )
    if isinstance(shape, Poly):
        pts = " ".join(f"{_num(x)},{_num(y)}" for x, y in map(tf, shape.pts))
        return (
            f'<polygon points="{pts}" fill="{shape.fill}" stroke="{shape.stroke}" '
            f'stroke-width="{w}"/>'
        )
    sx, sy = tf(shape.start)
    d = f"M{_num(sx)} {_num(sy)}"
    for seg in shape.segs:
        d += " C" + " ".join(f"{_num(x)} {_num(y)}" for x, y in map(tf, seg))
    return f'<path d="{d}" fill="none" stroke="{shape.color}" stroke-width="{w}"/>'


@dataclass(frozen=True)
class Transform:
    """Body coordinates -> panel coordinates: uniform scale, then a shift."""

    s: float
    dx: float
    dy: float

    def __call__(self, p: Point) -> Point:
        return (p[0] * self.s + self.dx, p[1] * self.s + self.dy)


def _caption_lines(text: str) -> list[str]:
    """Wrap a caption into at most two lines that fit a panel."""
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= CAPTION_CHARS:
            lines[-1] += " " + word
        else:
            lines.append(word)
    if len(lines) > 2:
        lines = [lines[0], " ".join(lines[1:])]
    if len(lines[-1]) > CAPTION_CHARS:
        lines[-1] = lines[-1][: CAPTION_CHARS - 1].rstrip() + "…"
    return lines


def _layout(exercise: Exercise) -> list[tuple[Panel, Transform]]:
    """Every panel with the transform that scales it and stands it on its floor line.

    One scale for all panels keeps the proportions consistent from pose to pose.
    """
    box = _box_plan(exercise) if {"box", "chair"} & set(exercise.pose.props) else None
    panels = [_panel(pose, exercise, box) for pose in exercise.pose.poses]
    boxes = [bbox(p.shapes()) for p in panels]
    scale = 1.0
    for panel, (x0, y0, x1, _) in zip(panels, boxes, strict=True):
        scale = min(scale, (PANEL_W - 2 * PAD_X) / (x1 - x0), (FLOOR_Y - TOP) / (panel.ground - y0))
    return [
        (
            panel,
            Transform(
                scale,
                i * PANEL_W + PANEL_W / 2 - scale * (x0 + x1) / 2,
                FLOOR_Y - scale * panel.ground,
            ),
        )
        for i, (panel, (x0, _, x1, _)) in enumerate(zip(panels, boxes, strict=True))
    ]


def figure_points(exercise: Exercise) -> list[dict[str, Point]]:
    """The joints of each panel's figure in SVG coordinates, as :func:`render_svg` draws them.

    For a web page that wants to label or animate the inlined figure.
    """
    return [{k: tf(p) for k, p in panel.points.items()} for panel, tf in _layout(exercise)]


def render_svg(exercise: Exercise) -> str:
    """The exercise's key poses as one SVG document (a string, byte-identical per input)."""
    layout = _layout(exercise)
    panels = [panel for panel, _ in layout]
    width, height = PANEL_W * len(panels), PANEL_H
    title_id = f"limber-figure-{exercise.id}"
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_num(width)} {_num(height)}" '
        f'width="{_num(width)}" height="{_num(height)}" class="limber-figure" role="img" '
        f'aria-labelledby="{title_id}">',
        f'<title id="{title_id}">{escape(exercise.name)}</title>',
        f"<desc>{escape('; '.join(p.name for p in exercise.pose.poses))}</desc>",
        f'<rect x="0" y="0" width="{_num(width)}" height="{_num(height)}" fill="#ffffff"/>',
    ]
    for i, (panel, tf) in enumerate(layout):
        left = i * PANEL_W
        out.append(f'<g class="pose" data-pose="{i + 1}">')
        out.append(
            f'<line x1="{_num(left + 8)}" y1="{_num(FLOOR_Y)}" x2="{_num(left + PANEL_W - 8)}" '
            f'y2="{_num(FLOOR_Y)}" stroke="{FLOOR}" stroke-width="2"/>'
        )
        out.append('<g stroke-linecap="round" stroke-linejoin="round">')
        out.extend(_svg_shape(s, tf) for s in panel.shapes())
        out.append("</g>")
        for n, line in enumerate(_caption_lines(panel.caption)):
            out.append(
                f'<text x="{_num(left + PANEL_W / 2)}" y="{_num(CAPTION_Y + n * CAPTION_LINE)}" '
                f'text-anchor="middle" font-family="system-ui, sans-serif" font-size="12" '
                f'fill="{INK}">{escape(line)}</text>'
            )
        out.append("</g>")
    out.append("</svg>")
    return "\n".join(out) + "\n"


__all__ = ["figure_points", "pose_points", "render_svg"]
