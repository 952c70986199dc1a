"""SVG stick figures: valid, accessible, self-contained, deterministic and anatomically sane."""

import math
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from typer.testing import CliRunner

from limber.cli.main import app
from limber.content.figure import FLOOR_Y, figure_points, render_svg
from limber.content.figure_props import BOX_FILL, LIMB_W, MAT_FILL, ROPE, STRAP, WALL_FILL
from limber.content.loader import LibraryError, Problem, default_library
from limber.content.schema import Exercise, KeyPose
from limber.content.skeleton import HEAD_R

NS = "{http://www.w3.org/2000/svg}"
LIBRARY = list(default_library())
runner = CliRunner()


def _exercise(*poses: KeyPose, view: str = "side", props: tuple[str, ...] = ()) -> Exercise:
    """A library exercise with its pose spec swapped for the poses under test."""
    base = default_library()["box-step-up-raise"]
    spec = {"view": view, "props": list(props), "poses": [p.model_dump() for p in poses]}
    return Exercise.model_validate(base.model_dump() | {"pose": spec})


def _numbers(element: ET.Element) -> list[tuple[str, float]]:
    """Every coordinate of an element, tagged with its axis ('x' or 'y')."""
    out: list[tuple[str, float]] = []
    for attr in ("x", "x1", "x2", "cx", "y", "y1", "y2", "cy"):
        if attr in element.attrib:
            out.append(("x" if "x" in attr else "y", float(element.attrib[attr])))
    pairs = element.attrib.get("points", "") + " " + element.attrib.get("d", "")
    values = [float(v) for v in re.findall(r"-?\d+(?:\.\d+)?(?:e-?\d+)?", pairs)]
    out.extend(("x" if i % 2 == 0 else "y", v) for i, v in enumerate(values))
    return out


@pytest.mark.parametrize("exercise", LIBRARY, ids=[e.id for e in LIBRARY])
def test_every_library_exercise_renders_clean_svg(exercise: Exercise) -> None:
    svg = render_svg(exercise)
    root = ET.fromstring(svg)
    assert root.tag == f"{NS}svg"
    x0, y0, width, height = (float(v) for v in root.attrib["viewBox"].split())
    assert (x0, y0) == (0, 0)
    assert float(root.attrib["width"]) == width and float(root.attrib["height"]) == height
    title = root.find(f"{NS}title")
    assert title is not None and title.text == exercise.name
    assert len(root.findall(f".//{NS}circle")) >= len(exercise.pose.poses)  # a head each
    for panel in root.findall(f"{NS}g"):
        strokes = panel.findall(f".//{NS}line") + panel.findall(f".//{NS}path")
        assert len(strokes) >= 8 + 1  # limbs, trunk and neck, plus the floor line
    captions = ["".join(t.itertext()) for t in root.iter(f"{NS}text")]
    for pose in exercise.pose.poses:
        assert pose.name.split()[0] in " ".join(captions)
    for element in root.iter():
        for axis, value in _numbers(element):
            assert math.isfinite(value)
            limit = width if axis == "x" else height
            assert 0 <= value <= limit, (element.tag, element.attrib)
        r = float(element.attrib.get("r", 0))
        if r:
            assert r <= float(element.attrib["cx"]) <= width - r
            assert r <= float(element.attrib["cy"]) <= height - r
    # Self-contained: nothing fetched, nothing run.
    assert "href" not in svg and "url(" not in svg and "<script" not in svg
    assert "<image" not in svg and "<style" not in svg


@pytest.mark.parametrize("exercise", LIBRARY, ids=[e.id for e in LIBRARY])
def test_every_figure_rests_on_the_floor(exercise: Exercise) -> None:
    """Nothing sinks below the floor; without a box something touches it (or the mat)."""
    mat = 5.0 if "mat" in exercise.pose.props else 0.0
    reach = HEAD_R + 2  # joints are centres: a lying head's centre is a radius up
    for points in figure_points(exercise):
        lowest = max(y for _, y in points.values())
        assert lowest <= FLOOR_Y + 0.01
        if "box" not in exercise.pose.props and "chair" not in exercise.pose.props:
            assert lowest >= FLOOR_Y - mat - reach, exercise.id


def test_rendering_is_deterministic() -> None:
    for exercise in LIBRARY:
        again = Exercise.model_validate(exercise.model_dump())
        assert render_svg(exercise) == render_svg(again)


def test_numbers_are_rounded() -> None:
    svg = render_svg(LIBRARY[0])
    assert not re.search(r"\d\.\d{2,}", svg)
    assert "-0 " not in svg and '"-0"' not in svg


def test_standing_figure_is_upright_on_the_floor() -> None:
    (pts,) = figure_points(_exercise(KeyPose(name="standing tall")))
    assert pts["head"][1] < pts["neck"][1] < pts["pelvis"][1] < pts["ankle_left"][1]
    assert pts["ankle_left"][1] == pytest.approx(FLOOR_Y - LIMB_W / 2, abs=0.5)


def test_prone_figure_lies_flat() -> None:
    (pts,) = figure_points(_exercise(KeyPose(name="face down", trunk=90)))
    assert pts["head"][1] == pytest.approx(pts["pelvis"][1], abs=1)
    assert pts["head"][0] - pts["pelvis"][0] > 40  # long, not tall
    assert FLOOR_Y - pts["pelvis"][1] < 20


def test_straight_knee_is_a_straight_leg() -> None:
    pose = KeyPose(name="long sitting", hip_left=90, hip_right=90)
    (pts,) = figure_points(_exercise(pose))
    hip, knee, ankle = pts["hip_left"], pts["knee_left"], pts["ankle_left"]
    cross = (knee[0] - hip[0]) * (ankle[1] - knee[1]) - (knee[1] - hip[1]) * (ankle[0] - knee[0])
    assert abs(cross) < 1e-6 * math.dist(hip, ankle) ** 2
    # Seated on the floor: the hips come down to the legs' level.
    assert FLOOR_Y - hip[1] < 20


def test_poses_share_one_scale() -> None:
    lying, standing = figure_points(
        _exercise(KeyPose(name="lying", trunk=-90, shoulder_left=180), KeyPose(name="standing"))
    )
    assert math.dist(lying["pelvis"], lying["neck"]) == pytest.approx(
        math.dist(standing["pelvis"], standing["neck"])
    )


def test_near_limbs_are_darker_than_far_limbs() -> None:
    root = ET.fromstring(render_svg(_exercise(KeyPose(name="standing"))))
    colors = [line.attrib["stroke"] for line in root.iter(f"{NS}line")]
    near, far = "#0f172a", "#a3b1c6"
    assert colors.count(near) == 5 and colors.count(far) == 5
    assert colors.index(far) < colors.index(near)  # far side painted first, behind
    lum = [sum(int(c[i : i + 2], 16) for i in (1, 3, 5)) for c in (near, far)]
    assert lum[0] < lum[1]


def test_nose_shows_which_way_the_head_faces() -> None:
    root = ET.fromstring(render_svg(_exercise(KeyPose(name="standing"))))
    head = root.find(f".//{NS}circle")
    assert head is not None
    cx, r = float(head.attrib["cx"]), float(head.attrib["r"])
    nose = [
        line
        for line in root.iter(f"{NS}line")
        if float(line.attrib["x1"]) >= cx + r - 0.2 and float(line.attrib["x2"]) > cx + r
    ]
    assert nose, "no nose tick on the right of the head"


def test_box_stands_under_the_raised_foot() -> None:
    exercise = default_library()["box-step-up-raise"]
    root = ET.fromstring(render_svg(exercise))
    boxes = [p for p in root.iter(f"{NS}polygon") if p.attrib["fill"] == BOX_FILL]
    assert len(boxes) == len(exercise.pose.poses)
    panels = figure_points(exercise)
    raised = min(("left", "right"), key=lambda s: panels[0][f"ankle_{s}"][1])
    for poly, pts in zip(boxes, panels, strict=True):
        corners = [tuple(map(float, c.split(","))) for c in poly.attrib["points"].split()]
        xs, ys = [c[0] for c in corners], [c[1] for c in corners]
        assert min(xs) < pts[f"ankle_{raised}"][0] < max(xs)
        assert max(ys) == pytest.approx(FLOOR_Y, abs=0.2)
        assert min(ys) == pytest.approx(pts[f"ankle_{raised}"][1] + LIMB_W / 2, abs=1)
        assert min(ys) < FLOOR_Y - 10


@pytest.mark.parametrize(
    ("props", "fill"),
    [(("mat",), MAT_FILL), (("wall",), WALL_FILL), (("box",), BOX_FILL)],
)
def test_props_are_drawn(props: tuple[str, ...], fill: str) -> None:
    pose = KeyPose(name="sitting", hip_left=90, hip_right=90, knee_left=90, knee_right=90)
    svg = render_svg(_exercise(pose, props=props))
    assert f'fill="{fill}"' in svg
    assert f'fill="{fill}"' not in render_svg(_exercise(pose))


def test_strap_and_rope_are_drawn() -> None:
    lying = KeyPose(name="leg up", trunk=-90, hip_left=80, shoulder_left=60, shoulder_right=60)
    assert svg_count(render_svg(_exercise(lying, props=("strap",))), STRAP) == 2
    standing = KeyPose(name="bounce", shoulder_left=20, elbow_left=60)
    for view in ("side", "front"):
        assert svg_count(render_svg(_exercise(standing, view=view, props=("rope",))), ROPE) == 1


def svg_count(svg: str, color: str) -> int:
    return svg.count(f'stroke="{color}"')


def test_front_view_cobbler_has_wide_knees() -> None:
    pose = KeyPose(name="cobbler", hip_left=60, hip_right=60, knee_left=150, knee_right=150)
    (pts,) = figure_points(_exercise(pose, view="front"))
    assert pts["knee_left"][0] - pts["knee_right"][0] > 2 * (
        pts["ankle_left"][0] - pts["ankle_right"][0]
    )


def test_markup_in_names_is_escaped_and_long_captions_wrap() -> None:
    long_name = "a very long pose name that keeps going and going and going for ever more"
    exercise = _exercise(KeyPose(name=long_name)).model_copy(update={"name": "Tom & <Jerry>"})
    root = ET.fromstring(render_svg(exercise))
    title = root.find(f"{NS}title")
    assert title is not None and title.text == "Tom & <Jerry>"
    assert len(list(root.iter(f"{NS}text"))) == 2


def test_cli_draw_writes_a_parseable_file(tmp_path: Path) -> None:
    out = tmp_path / "figure.svg"
    result = runner.invoke(app, ["exercises", "draw", "box-step-up-raise", "-o", str(out)])
    assert result.exit_code == 0, result.output
    root = ET.parse(out).getroot()
    assert root.tag == f"{NS}svg"
    assert out.read_text(encoding="utf-8") == render_svg(default_library()["box-step-up-raise"])


def test_cli_draw_to_stdout() -> None:
    result = runner.invoke(app, ["exercises", "draw", "box-step-up-raise", "-o", "-"])
    assert result.exit_code == 0
    assert ET.fromstring(result.stdout).tag == f"{NS}svg"


def test_cli_draw_unknown_id_is_a_clear_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["exercises", "draw", "no-such-thing", "-o", str(tmp_path / "x")])
    assert result.exit_code == 2
    assert "no exercise with id 'no-such-thing'" in result.stderr
    assert not (tmp_path / "x").exists()


@pytest.mark.parametrize("where", ["missing-dir/x.svg", "."])
def test_cli_draw_unwritable_path_is_a_clear_error(tmp_path: Path, where: str) -> None:
    target = tmp_path / where
    result = runner.invoke(app, ["exercises", "draw", "box-step-up-raise", "-o", str(target)])
    assert result.exit_code == 2
    assert "cannot write" in result.stderr
    assert "Traceback" not in result.output


def test_cli_draw_with_a_broken_library_is_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken() -> None:
        raise LibraryError([Problem("x.yaml", "x", "cues", "is missing")])

    monkeypatch.setattr("limber.cli.exercises.default_library", broken)
    result = runner.invoke(app, ["exercises", "draw", "x", "-o", str(tmp_path / "x.svg")])
    assert result.exit_code == 1
    assert "limber content check" in result.stderr and "x.yaml [x] cues" in result.stderr


def test_a_twist_sends_the_turning_arm_behind() -> None:
    def pale_arm(rotation: float) -> list[str]:
        pose = KeyPose(name="twist", rotation=rotation, shoulder_left=15, shoulder_right=15)
        root = ET.fromstring(render_svg(_exercise(pose, view="front")))
        pts = figure_points(_exercise(pose, view="front"))[0]
        pale = [ln for ln in root.iter(f"{NS}line") if ln.attrib["stroke"] == "#a3b1c6"]
        sides = set()
        for line in pale:
            start = (float(line.attrib["x1"]), float(line.attrib["y1"]))
            for side in ("left", "right"):
                if any(math.dist(start, pts[f"{j}_{side}"]) < 0.2 for j in ("shoulder", "elbow")):
                    sides.add(side)
        assert len(pale) in (0, 2)  # upper arm and forearm
        return sorted(sides)

    assert pale_arm(0) == []
    assert pale_arm(40) == ["left"]  # turning left, the left shoulder goes back
    assert pale_arm(-40) == ["right"]
