"""``limber count``: each kind of bad input gets a clear message and exit 2, writing nothing."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from limber.services.jumps import list_jump_results
from limber.services.users import get_or_create_local_user
from limber.settings import load_settings
from limber.store.db import Database
from tests.motion.conftest import assert_refused, limber, write_video


def _count(*args: str) -> tuple[int, str]:
    return limber("count", *args)


def test_text_file_renamed_mp4(tmp_path: Path, limber_home: Path) -> None:
    fake = tmp_path / "notes.mp4"
    fake.write_text("these are my notes, not a video\n" * 20)
    code, output = _count(str(fake))
    assert_refused(code, output, "notes.mp4", "not a video")
    assert not (limber_home / "limber.db").exists()


def test_truncated_mp4(tmp_path: Path, data_dir: Path) -> None:
    source = data_dir / "unlabeled" / "alternate_foot_04.mp4"
    cut = tmp_path / "cut.mp4"
    data = source.read_bytes()
    cut.write_bytes(data[: int(len(data) * 0.3)])
    code, output = _count(str(cut))
    assert_refused(code, output, "cut.mp4")
    assert "corrupt" in output or "truncated" in output


def test_video_without_a_person(tmp_path: Path, limber_home: Path) -> None:
    video = write_video(tmp_path / "empty-room.mp4", seconds=3.0)
    out = tmp_path / "annotated.mp4"
    code, output = _count(str(video), "--json", "--annotate", str(out))
    assert_refused(code, output, "No person")
    assert not out.exists()
    assert not (limber_home / "limber.db").exists()


def test_too_short(tmp_path: Path) -> None:
    video = write_video(tmp_path / "blink.mp4", seconds=1.0)
    code, output = _count(str(video))
    assert_refused(code, output, "blink.mp4", "at least")


def test_over_the_size_limit(tmp_path: Path, data_dir: Path) -> None:
    code, output = _count(str(data_dir / "unlabeled" / "basic_bounce_side.mp4"), "--max-mb", "0.1")
    assert_refused(code, output, "limit")


def test_over_the_configured_limit(
    tmp_path: Path, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LIMBER_MAX_UPLOAD_MB", "0")
    code, output = _count(str(data_dir / "unlabeled" / "basic_bounce_side.mp4"))
    assert_refused(code, output, "limit")


def test_missing_file_and_wrong_annotate_suffix(tmp_path: Path) -> None:
    assert_refused(*_count(str(tmp_path / "nope.mp4")), "does not exist")
    video = write_video(tmp_path / "v.mp4", seconds=3.0)
    assert_refused(*_count(str(video), "--annotate", str(tmp_path / "out.avi")), "mp4")


def test_needs_a_video_or_a_camera() -> None:
    assert_refused(*_count(), "VIDEO")


def test_camera_without_display(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    assert_refused(*_count("--camera", "0"), "display")


@pytest.mark.video
@pytest.mark.parametrize("name", ["alternate_foot_04.mp4", "basic_bounce_side.mp4"])
def test_unlabeled_videos_produce_a_count(name: str, data_dir: Path, tmp_path: Path) -> None:
    video = tmp_path / name
    shutil.copy(data_dir / "unlabeled" / name, video)
    annotated = tmp_path / "annotated.mp4"
    code, output = _count(
        str(video), "--json", "--weight", "70", "--annotate", str(annotated), "--save"
    )
    assert code == 0, output
    data = json.loads(output[output.index("{") :])
    assert data["count"] > 0
    assert len(data["events_s"]) == data["count"]
    assert data["style"] in {"basic", "alternate_foot", "double_under", "mixed"}
    assert data["kcal"] > 0
    assert set(data["cadence_per_min"]) == {"mean", "series"}
    assert annotated.stat().st_size > 10_000
    # --save kept it in the local user's history.
    database = Database(load_settings())
    try:
        with database.session() as db:
            saved = list_jump_results(db, user_id=get_or_create_local_user(db).id)
    finally:
        database.dispose()
    assert [(s.source, s.name, s.count, s.kcal) for s in saved] == [
        ("upload", name, data["count"], data["kcal"])
    ]


@pytest.mark.video
def test_several_people_are_reported_not_counted(data_dir: Path, tmp_path: Path) -> None:
    import cv2
    import numpy as np

    source = cv2.VideoCapture(str(data_dir / "unlabeled" / "basic_bounce_side.mp4"))
    fps = source.get(cv2.CAP_PROP_FPS)
    video = tmp_path / "two-people.mp4"
    writer = None
    while True:
        ok, frame = source.read()
        if not ok:
            break
        pair = np.hstack([frame, cv2.flip(frame, 1)])
        if writer is None:
            size = (pair.shape[1], pair.shape[0])
            writer = cv2.VideoWriter(str(video), cv2.VideoWriter_fourcc(*"mp4v"), fps, size)
        writer.write(pair)
    assert writer is not None
    writer.release()
    code, output = _count(str(video), "--json")
    assert code == 0, output
    data = json.loads(output[output.index("{") :])
    assert data["count"] <= 2
    assert any(g["reason"] == "several_people" for g in data["gaps"])
    assert any("Several people" in w for w in data["warnings"])


def test_streamed_webm_without_a_length_is_checked_after_decoding(
    tmp_path: Path, data_dir: Path
) -> None:
    # Browsers record WebM without a duration; OpenCV then reports a nonsense frame count.
    import subprocess

    short = tmp_path / "short.webm"
    source = data_dir / "unlabeled" / "alternate_foot_04.mp4"
    with short.open("wb") as out:
        subprocess.run(
            [
                *("ffmpeg", "-loglevel", "error", "-i", str(source), "-t", "1.2"),
                *("-c:v", "libvpx", "-an", "-f", "webm", "pipe:1"),
            ],
            stdout=out,
            check=True,
        )
    assert_refused(*_count(str(short)), "short.webm", "at least")
