"""``limber form``: a real video gives valid JSON; each kind of bad input exits 2 with words."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from limber.cli.main import app
from limber.content.loader import Library, default_library
from tests.motion.conftest import assert_refused, jumprope_data, limber, write_video

runner = CliRunner()


def _form(*args: str) -> tuple[int, str]:
    return limber("form", *args)


@pytest.mark.video
def test_a_real_video_gives_a_report_as_json() -> None:
    video = jumprope_data() / "unlabeled" / "basic_bounce_side.mp4"
    assert video.exists(), f"missing {video}"
    result = runner.invoke(
        app, ["form", str(video), "--exercise", "standing-backward-bend", "--json"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["exercise_id"] == "standing-backward-bend"
    assert data["duration_s"] == pytest.approx(11.0, abs=0.5)
    assert data["seen_s"] > 5
    assert [p["name"] for p in data["poses"]] == [
        p.name for p in default_library()["standing-backward-bend"].pose.poses
    ]
    assert data["hold"]["target_s"] == 2
    assert isinstance(data["reps"], int)
    assert len(data["corrections"]) <= 3


def test_unknown_exercise(tmp_path: Path) -> None:
    video = write_video(tmp_path / "room.mp4", seconds=3.0)
    code, output = _form(str(video), "--exercise", "forward-bend")
    assert_refused(code, output, "forward-bend", "standing-forward-bend")


def test_exercise_without_checked_joints(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ex = default_library()["standing-forward-bend"]
    poses = [p.model_copy(update={"check": []}) for p in ex.pose.poses]
    bare = ex.model_copy(update={"pose": ex.pose.model_copy(update={"poses": poses})})
    monkeypatch.setattr("limber.content.loader.default_library", lambda: Library({bare.id: bare}))
    video = write_video(tmp_path / "room.mp4", seconds=3.0)
    code, output = _form(str(video), "--exercise", bare.id)
    assert_refused(code, output, "no joints", "cannot be judged")


def test_missing_file(tmp_path: Path) -> None:
    code, output = _form(str(tmp_path / "nowhere.mp4"), "--exercise", "glute-bridge")
    assert_refused(code, output, "nowhere.mp4", "does not")


def test_text_file_renamed_mp4(tmp_path: Path) -> None:
    fake = tmp_path / "notes.mp4"
    fake.write_text("these are my notes, not a video\n" * 20)
    code, output = _form(str(fake), "--exercise", "glute-bridge", "--json")
    assert_refused(code, output, "notes.mp4", "not a video")


def test_too_short(tmp_path: Path) -> None:
    video = write_video(tmp_path / "blink.mp4", seconds=1.0)
    code, output = _form(str(video), "--exercise", "glute-bridge")
    assert_refused(code, output, "blink.mp4", "at least")


def test_video_without_a_person(tmp_path: Path) -> None:
    video = write_video(tmp_path / "empty-room.mp4", seconds=2.5)
    code, output = _form(str(video), "--exercise", "glute-bridge", "--json")
    assert_refused(code, output, "No person")
