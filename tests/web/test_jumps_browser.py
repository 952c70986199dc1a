"""End to end in Debian's chromium: count an uploaded video, and count live from a camera.

The "camera" is Chromium's fake capture device playing a labelled video (converted to .y4m
with ffmpeg in the test), so the live test runs the whole path a person's webcam takes:
getUserMedia -> canvas -> JPEG -> WebSocket -> pose + counter -> the count on the page.
Measured latencies are written to test-artifacts/jumps-live-metrics.json.
"""

import json
import re
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from statistics import median
from typing import Any

import cv2
import pytest
from playwright.sync_api import Browser, Page, expect
from playwright.sync_api import Error as PlaywrightError

from tests.conftest import JUMPROPE, jumprope_labels
from tests.web.conftest import ARTIFACTS, CHROMIUM_ARGS, LiveServer, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.video]

LABELS = jumprope_labels()
# The gentlest labelled video: 15 alternate-foot steps at about 2.5 a second, 10 s long.
NAME = "alternate_foot/02"
VIDEO = JUMPROPE / f"labeled/{NAME}.mp4"


@pytest.fixture(scope="module")
def fake_camera(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The labelled video as raw .y4m, the format Chromium's fake camera can play."""
    out = tmp_path_factory.mktemp("camera") / "camera.y4m"
    subprocess.run(
        ["ffmpeg", "-v", "error", "-y", "-i", str(VIDEO), "-pix_fmt", "yuv420p", str(out)],
        check=True,
        timeout=120,
    )
    return out


@pytest.fixture(scope="module")
def camera_browser(fake_camera: Path) -> Iterator[Browser]:
    """Chromium with its fake camera fed from the video and camera permission granted."""
    from playwright.sync_api import sync_playwright

    args = [
        *CHROMIUM_ARGS,
        "--use-fake-ui-for-media-stream",
        "--use-fake-device-for-media-stream",
        f"--use-file-for-fake-video-capture={fake_camera}",
        "--autoplay-policy=no-user-gesture-required",
    ]
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=args)
        yield instance
        instance.close()


@pytest.fixture
def cam_page(camera_browser: Browser) -> Iterator[Page]:
    context = camera_browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    yield page
    context.close()


def sign_up(page: Page, server: LiveServer, username: str) -> None:
    page.goto(f"{server.url}/signup")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill("a good long password")
    page.get_by_role("button", name="Create account").click()
    expect(page).to_have_url(re.compile(r"/onboarding/screening$"))


def live_state(page: Page) -> dict[str, Any]:
    state: dict[str, Any] = page.evaluate("() => JSON.parse(JSON.stringify(limberLive.state))")
    return state


def test_an_uploaded_video_reaches_its_result(cam_page: Page, live_server: LiveServer) -> None:
    page = cam_page
    sign_up(page, live_server, "uploader")
    page.get_by_role("link", name="Jump counter").click()
    expect(page.get_by_role("heading", name="Jump counter", level=1)).to_be_visible()
    screenshot(page, "jumps-01-empty")
    page.get_by_label("Video file").set_input_files(str(VIDEO))
    page.get_by_label("Video file").focus()
    page.keyboard.press("Tab")  # to the button, as a keyboard user would
    page.keyboard.press("Enter")
    expect(page.get_by_role("progressbar")).to_be_visible()
    try:  # a picture of the progress bar while counting (the job may finish first)
        page.wait_for_function(
            "() => document.getElementById('job-phase').textContent.startsWith('Counting')"
            " && Number(document.getElementById('job-progress').getAttribute('aria-valuenow')) > 0",
            timeout=20_000,
        )
        screenshot(page, "jumps-01b-counting")
    except PlaywrightError:
        pass
    page.wait_for_url(re.compile(r"/jumps/results/\d+\?new=1$"), timeout=180_000)
    count = int(page.locator("#jump-count").inner_text())
    assert abs(count - LABELS[NAME]["count"]) <= 2, count
    expect(page.get_by_role("status")).to_contain_text("saved")
    assert page.locator("svg.timeline line.tick").count() == count
    expect(
        page.get_by_role("img", name="Cadence in jumps per minute, per 10 seconds")
    ).to_be_visible()
    screenshot(page, "jumps-02-result")
    page.get_by_role("link", name="All counts").click()
    expect(page.locator("#results tbody tr")).to_have_count(1)
    expect(page.locator("#this-week")).to_have_text(str(count))
    screenshot(page, "jumps-03-list")


def test_a_not_video_file_shows_the_reason(
    cam_page: Page, live_server: LiveServer, tmp_path: Path
) -> None:
    page = cam_page
    sign_up(page, live_server, "wrongfile")
    notes = tmp_path / "notes.mp4"
    notes.write_text("not a video\n" * 50)
    page.goto(f"{live_server.url}/jumps")
    page.get_by_label("Video file").set_input_files(str(notes))
    page.get_by_role("button", name="Upload and count").click()
    expect(page.get_by_role("alert")).to_contain_text("notes.mp4", timeout=60_000)
    expect(page.get_by_role("alert")).to_contain_text("video")
    screenshot(page, "jumps-04-not-a-video")


def test_live_camera_counts_one_pass_of_the_video(cam_page: Page, live_server: LiveServer) -> None:
    page = cam_page
    sign_up(page, live_server, "jumper")
    page.goto(f"{live_server.url}/jumps/live")
    screenshot(page, "jumps-05-live-ready")
    page.get_by_role("button", name="Start camera and count").focus()
    page.keyboard.press("Enter")
    page.wait_for_function("() => limberLive.state.frames > 0", timeout=60_000)
    # Chromium loops the file: stop after one pass (the video lasts 10 s).
    cap = cv2.VideoCapture(str(VIDEO))
    duration_s = cap.get(cv2.CAP_PROP_FRAME_COUNT) / cap.get(cv2.CAP_PROP_FPS)
    cap.release()
    page.wait_for_function(
        f"() => limberLive.state.elapsed_s >= {duration_s - 0.25}", timeout=60_000
    )
    screenshot(page, "jumps-06-live-counting")
    stop = page.get_by_role("button", name="Stop and save")
    expect(stop).to_be_focused()  # focus moved there when counting started
    page.keyboard.press("Enter")
    page.wait_for_function("() => limberLive.state.status === 'saved'", timeout=30_000)
    state = live_state(page)
    expect(page.locator("#live-saved")).to_contain_text("jumps saved")
    screenshot(page, "jumps-07-live-saved")
    latencies = state["latencies_ms"]
    metrics = {
        "video": NAME,
        "label": LABELS[NAME]["count"],
        "count": state["count"],
        "frames_counted": state["frames"],
        "frames_skipped": state["skipped"],
        "counted_fps": round(state["frames"] / max(state["elapsed_s"], 0.1), 1),
        "frame_size": state["frame_size"],
        "max_in_flight": state["max_in_flight"],
        "latency_ms_median": median(latencies),
        "latency_ms_p90": sorted(latencies)[int(0.9 * len(latencies))],
        "server_ms_median": median(state["server_ms"]),
        "landing_to_count_ms": state["landing_latencies_ms"],
        "events_s": state["events"],
        "at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    }
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "jumps-live-metrics.json").write_text(json.dumps(metrics, indent=2))
    print(json.dumps(metrics))
    assert state["errors"] == 0, state["message"]
    assert abs(state["count"] - LABELS[NAME]["count"]) <= 2, metrics
    assert state["result"]["count"] == state["count"]
    page.get_by_role("link", name="See the timeline and cadence").click()
    assert int(page.locator("#jump-count").inner_text()) == state["count"]
    page.set_viewport_size({"width": 390, "height": 844})
    screenshot(page, "jumps-08-live-result-phone")
