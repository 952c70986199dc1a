"""The jump counter's upload API: a real video to a saved count, and every refusal."""

import os
import re
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from limber.settings import load_settings
from limber.web.app import create_app
from tests.conftest import JUMPROPE, jumprope_labels
from tests.web.conftest import signed_up

LABELS = jumprope_labels()
GENTLE = "alternate_foot/02"


def upload(client: TestClient, name: str, content: bytes | Path, **kw: Any) -> Any:
    data = content.read_bytes() if isinstance(content, Path) else content
    return client.post("/api/jumps/uploads", files={"video": (name, data, "video/mp4")}, **kw)


def wait_for(client: TestClient, job_id: str, timeout_s: float = 180.0) -> dict[str, Any]:
    """Poll the job like the page does until it ends."""
    deadline = time.monotonic() + timeout_s
    seen: list[float] = []
    while time.monotonic() < deadline:
        response = client.get(f"/api/jumps/jobs/{job_id}")
        assert response.status_code == 200, response.text
        job: dict[str, Any] = response.json()
        seen.append(job["progress"])
        if job["status"] in ("done", "failed"):
            job["seen_progress"] = seen
            return job
        time.sleep(0.2)
    raise AssertionError(f"job {job_id} did not finish in {timeout_s} s")


def uploads_left(home: Path) -> list[Path]:
    folder = home / "uploads"
    return [p for p in folder.rglob("*")] if folder.exists() else []


@pytest.mark.video
def test_a_labelled_video_is_counted_saved_and_deleted(
    alice: TestClient, limber_home: Path
) -> None:
    label = LABELS[GENTLE]["count"]
    assert alice.put("/api/profile", json={"body_weight_kg": 70}).status_code == 200
    response = upload(alice, "02.mp4", JUMPROPE / f"labeled/{GENTLE}.mp4")
    assert response.status_code == 202, response.text
    job = wait_for(alice, response.json()["id"])
    assert job["status"] == "done", job["message"]
    assert job["progress"] == 1.0 and job["frames_total"] == 300
    assert abs(job["frames_done"] - job["frames_total"]) <= 1
    result = alice.get(f"/api/jumps/results/{job['result_id']}").json()
    assert abs(result["count"] - label) <= 2, result["count"]
    assert result["source"] == "upload" and result["name"] == "02.mp4"
    assert result["style"] == "alternate_foot"
    assert len(result["result"]["events_s"]) == result["count"]
    assert result["kcal"] is not None and 0 < result["kcal"] < 5  # 70 kg, about 7 s of jumping
    log = alice.get("/api/jumps").json()
    assert [r["id"] for r in log["results"]] == [job["result_id"]]
    assert log["weekly"][-1]["jumps"] == result["count"]
    page = alice.get(job["result_url"])
    assert page.status_code == 200
    assert f'id="jump-count">{result["count"]}<' in page.text
    assert f"about {result['kcal']} kcal" in page.text
    assert page.text.count('class="tick"') == result["count"]
    assert uploads_left(limber_home) == []


def test_a_text_file_fails_with_a_readable_reason_and_saves_nothing(
    alice: TestClient, limber_home: Path
) -> None:
    response = upload(alice, "notes.mp4", b"these are my notes, not a video\n" * 100)
    assert response.status_code == 202, response.text
    job = wait_for(alice, response.json()["id"])
    assert job["status"] == "failed"
    assert "notes.mp4" in job["message"] and "video" in job["message"]
    assert "Traceback" not in job["message"] and "/" not in job["message"]
    assert job["result_id"] is None
    assert alice.get("/api/jumps").json() == {"results": [], "weekly": []}
    assert uploads_left(limber_home) == []


def test_an_empty_file_is_refused_at_once(alice: TestClient, limber_home: Path) -> None:
    response = upload(alice, "empty.mp4", b"")
    assert response.status_code == 422
    assert "empty" in response.json()["detail"]
    assert uploads_left(limber_home) == []


@pytest.fixture
def small_app(limber_home: Path) -> Iterator[FastAPI]:
    application = create_app(load_settings(home=limber_home, max_upload_mb=1))
    yield application
    application.state.db.dispose()


def test_too_large_is_413_from_the_declared_length(small_app: FastAPI, limber_home: Path) -> None:
    with signed_up(small_app, "carol") as carol:
        response = upload(carol, "big.mp4", b"\0" * 1_200_000)
    assert response.status_code == 413
    assert "1 MB" in response.json()["detail"]
    assert uploads_left(limber_home) == []


def test_too_large_is_413_while_streaming_without_a_length(
    small_app: FastAPI, limber_home: Path
) -> None:
    """A chunked body has no Content-Length: the limit is enforced while writing."""
    boundary = "limberboundary"
    head = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="video"; filename="big.mp4"\r\n'
        "Content-Type: video/mp4\r\n\r\n"
    ).encode()

    def body() -> Iterator[bytes]:
        yield head
        for _ in range(40):
            yield b"\0" * 64_000
        yield f"\r\n--{boundary}--\r\n".encode()

    with signed_up(small_app, "dave") as dave:
        response = dave.post(
            "/api/jumps/uploads",
            content=body(),
            headers={"Content-Type": f"multipart/form-data; boundary={boundary}"},
        )
    assert response.status_code == 413, response.text
    assert uploads_left(limber_home) == []


def test_not_a_form_upload_is_415(alice: TestClient) -> None:
    response = alice.post("/api/jumps/uploads", content=b"x", headers={"Content-Type": "video/mp4"})
    assert response.status_code == 415
    assert "multipart" in response.json()["detail"]


def test_a_form_without_the_video_field_is_422(alice: TestClient) -> None:
    response = alice.post("/api/jumps/uploads", files={"other": ("a.mp4", b"123", "video/mp4")})
    assert response.status_code == 422
    assert "video" in response.json()["detail"]


def test_uploading_needs_a_login_and_the_csrf_token(alice: TestClient, anon: TestClient) -> None:
    assert upload(anon, "a.mp4", b"123").status_code == 401
    response = upload(alice, "a.mp4", b"123", headers={"X-CSRF-Token": "wrong"})
    assert response.status_code == 403


def test_another_user_cannot_read_the_job_or_the_result(alice: TestClient, bob: TestClient) -> None:
    job_id = upload(alice, "notes.mp4", b"not a video").json()["id"]
    wait_for(alice, job_id)
    assert bob.get(f"/api/jumps/jobs/{job_id}").status_code == 404
    assert alice.get("/api/jumps/jobs/no-such-job").status_code == 404

    from limber.services.jumps import save_jump_result
    from limber.services.users import get_user_by_username

    app: FastAPI = alice.app  # type: ignore[assignment]
    with app.state.db.session() as db:
        user = get_user_by_username(db, username="alice")
        assert user is not None
        result = {
            "count": 3,
            "events_s": [1.0, 1.5, 2.0],
            "duration_s": 4.0,
            "active_s": 1.5,
            "style": "basic",
            "cadence_per_min": {"mean": 120.0, "series": [120.0]},
            "longest_streak": 3,
            "misses": 0,
            "weight_kg": None,
            "gaps": [],
            "warnings": [],
        }
        rid = save_jump_result(db, user_id=user.id, result=result, source="manual").id
    assert alice.get(f"/api/jumps/results/{rid}").status_code == 200
    assert bob.get(f"/api/jumps/results/{rid}").status_code == 404
    assert bob.get(f"/jumps/results/{rid}").status_code == 404
    assert bob.delete(f"/api/jumps/results/{rid}").status_code == 404
    assert bob.get("/api/jumps").json()["results"] == []
    assert alice.delete(f"/api/jumps/results/{rid}").status_code == 204
    assert alice.get(f"/api/jumps/results/{rid}").status_code == 404


def test_the_page_lists_counts_and_links_the_live_counter(alice: TestClient) -> None:
    page = alice.get("/jumps")
    assert page.status_code == 200
    assert 'href="/jumps/live"' in page.text
    assert 'name="video"' in page.text
    assert ">Jump counter<" in page.text  # the nav entry


def test_a_plain_form_with_the_token_as_a_field_is_accepted_and_limited(
    small_app: FastAPI, limber_home: Path
) -> None:
    """The CSRF check reads such a form before the route: the size limit still holds."""
    with signed_up(small_app, "erin") as erin:
        token = erin.headers.pop("X-CSRF-Token")
        form = {"csrf_token": token}
        big = erin.post(
            "/api/jumps/uploads", data=form, files={"video": ("big.mp4", b"\0" * 1_200_000)}
        )
        assert big.status_code == 413, big.text
        small = erin.post(
            "/api/jumps/uploads", data=form, files={"video": ("small.mp4", b"not a video")}
        )
        assert small.status_code == 202, small.text
        erin.headers["X-CSRF-Token"] = token
        job = wait_for(erin, small.json()["id"])
    assert job["status"] == "failed" and "small.mp4" in job["message"]
    assert uploads_left(limber_home) == []


def test_without_javascript_the_form_leads_to_a_refreshing_job_page(alice: TestClient) -> None:
    page = alice.get("/jumps")
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert token is not None
    del alice.headers["X-CSRF-Token"]
    response = alice.post(
        "/jumps/upload",
        data={"csrf_token": token.group(1)},
        files={"video": ("notes.mp4", b"no video here")},
        follow_redirects=False,
    )
    assert response.status_code == 303
    job_url = response.headers["location"]
    assert job_url.startswith("/jumps/jobs/")
    wait_for(alice, job_url.rsplit("/", 1)[1])
    failed = alice.get(job_url)
    assert failed.status_code == 200
    assert "notes.mp4" in failed.text and 'role="alert"' in failed.text
    assert 'http-equiv="refresh"' not in failed.text


def test_the_job_runner_is_an_app_service_started_and_stopped_with_the_app(
    limber_home: Path,
) -> None:
    from limber.services.jump_jobs import JumpJobs, ReceivedVideo

    application = create_app(load_settings(home=limber_home))
    jobs: JumpJobs = application.state.jump_jobs
    try:
        assert not jobs.running
        stale = limber_home / "uploads" / "left-behind"
        stale.mkdir(parents=True)
        old = time.time() - 86_400
        os.utime(stale, (old, old))
        with TestClient(application):
            assert jobs.running
            assert not stale.exists()  # swept when the runner starts
        assert not jobs.running
        folder = limber_home / "uploads" / "late"
        folder.mkdir()
        late = ReceivedVideo(folder, folder / "v.mp4", "v.mp4", 1)
        with pytest.raises(RuntimeError, match="not running"):
            jobs.submit(user_id=1, upload=late, weight_kg=None)
        assert not folder.exists()  # a refused upload leaves nothing on disk
    finally:
        application.state.db.dispose()


def test_stopping_the_app_abandons_a_running_count_and_deletes_its_upload(
    limber_home: Path, tmp_path: Path
) -> None:
    from tests.motion.conftest import write_video

    video = write_video(tmp_path / "long-room.mp4", seconds=30.0)
    application = create_app(load_settings(home=limber_home))
    try:
        with signed_up(application, "fay") as fay:
            job_id = upload(fay, "long-room.mp4", video).json()["id"]
            deadline = time.monotonic() + 60
            while fay.get(f"/api/jumps/jobs/{job_id}").json()["frames_done"] == 0:
                assert time.monotonic() < deadline, "the count never started"
                time.sleep(0.05)
            user_id = fay.get("/api/me").json()["id"]
        job = application.state.jump_jobs.get(job_id, user_id=user_id)
        assert job is not None
        assert job.status == "failed" and "server stopped" in job.message
        assert job.frames_done < job.frames_total == 900
        assert uploads_left(limber_home) == []
    finally:
        application.state.db.dispose()
