"""The browser-camera socket, in-process: who may connect, bad frames, a real video's count."""

import json
from pathlib import Path
from typing import Any

import cv2
import numpy as np
import pytest
from fastapi.testclient import TestClient
from starlette.websockets import WebSocketDisconnect

from limber.motion.sources import pack
from limber.web.routes.jumps_camera import CLOSE_BAD_ORIGIN, CLOSE_BUSY, CLOSE_NOT_SIGNED_IN
from tests.conftest import JUMPROPE, jumprope_labels

LABELS = jumprope_labels()


def jpeg_frames(path: Path) -> list[tuple[float, bytes]]:
    """(capture time in ms, JPEG) per frame, as the page would send them."""
    cap = cv2.VideoCapture(str(path))
    fps = cap.get(cv2.CAP_PROP_FPS)
    out: list[tuple[float, bytes]] = []
    while True:
        ok, image = cap.read()
        if not ok:
            break
        ok, buffer = cv2.imencode(".jpg", image, [cv2.IMWRITE_JPEG_QUALITY, 75])
        assert ok
        out.append((1000.0 * len(out) / fps, buffer.tobytes()))
    cap.release()
    return out


def test_the_socket_refuses_anyone_not_signed_in(anon: TestClient) -> None:
    with anon.websocket_connect("/ws/jumps/live") as ws, pytest.raises(WebSocketDisconnect) as err:
        ws.receive_json()
    assert err.value.code == CLOSE_NOT_SIGNED_IN


def test_the_socket_refuses_another_origin(alice: TestClient) -> None:
    headers = {"Origin": "http://evil.example"}
    with (
        alice.websocket_connect("/ws/jumps/live", headers=headers) as ws,
        pytest.raises(WebSocketDisconnect) as err,
    ):
        ws.receive_json()
    assert err.value.code == CLOSE_BAD_ORIGIN


def test_at_most_two_live_sessions_run_at_once(alice: TestClient, bob: TestClient) -> None:
    with (
        alice.websocket_connect("/ws/jumps/live") as one,
        bob.websocket_connect("/ws/jumps/live") as two,
    ):
        assert one.receive_json() == two.receive_json() == {"type": "ready"}
        with (
            alice.websocket_connect("/ws/jumps/live") as three,
            pytest.raises(WebSocketDisconnect) as err,
        ):
            three.receive_json()
        assert err.value.code == CLOSE_BUSY
        one.send_text(json.dumps({"type": "cancel"}))
    with alice.websocket_connect("/ws/jumps/live") as again:  # the slots were given back
        assert again.receive_json() == {"type": "ready"}


def test_bad_frames_get_readable_errors_and_an_empty_session_saves_nothing(
    alice: TestClient,
) -> None:
    with alice.websocket_connect("/ws/jumps/live") as ws:
        assert ws.receive_json() == {"type": "ready"}
        ws.send_bytes(b"abc")
        assert "capture time" in ws.receive_json()["message"]
        ws.send_bytes(pack(10.0, b"not a jpeg"))
        reply = ws.receive_json()
        assert reply["type"] == "error" and reply["frame"] is True
        assert "JPEG" in reply["message"]
        ws.send_bytes(pack(float("nan"), b"x"))
        assert "valid number" in ws.receive_json()["message"]
        _, blank = cv2.imencode(".jpg", np.zeros((240, 320, 3), np.uint8))
        ws.send_bytes(pack(20.0, blank.tobytes()))
        reply = ws.receive_json()
        assert (reply["type"], reply["count"], reply["person"]) == ("count", 0, False)
        ws.send_bytes(pack(5.0, blank.tobytes()))
        assert "order" in ws.receive_json()["message"]
        ws.send_text("hello")
        assert "stop" in ws.receive_json()["message"]
        ws.send_text(json.dumps({"type": "stop"}))
        assert ws.receive_json()["type"] == "nothing"
    assert alice.get("/api/jumps").json()["results"] == []


def test_the_live_page_needs_a_login(anon: TestClient, alice: TestClient) -> None:
    assert anon.get("/jumps/live", follow_redirects=False).status_code == 303
    page = alice.get("/jumps/live")
    assert page.status_code == 200
    assert 'id="live-count"' in page.text and "jumps_camera.js" in page.text


@pytest.mark.video
def test_a_video_played_through_the_socket_is_counted_and_saved(
    alice: TestClient, bob: TestClient
) -> None:
    name = "alternate_foot/02"
    frames = jpeg_frames(JUMPROPE / f"labeled/{name}.mp4")
    replies: list[dict[str, Any]] = []
    with alice.websocket_connect("/ws/jumps/live") as ws:
        assert ws.receive_json() == {"type": "ready"}
        for t_ms, jpeg in frames:
            ws.send_bytes(pack(t_ms, jpeg))
            replies.append(ws.receive_json())
        ws.send_text(json.dumps({"type": "stop"}))
        saved = ws.receive_json()
    assert all(r["type"] == "count" for r in replies)
    assert [r["t_ms"] for r in replies] == [t for t, _ in frames]
    label = LABELS[name]["count"]
    assert abs(replies[-1]["count"] - label) <= 2, replies[-1]["count"]
    assert saved["type"] == "saved" and saved["count"] == replies[-1]["count"]
    # When a run is confirmed its first landings are counted at once, retroactively; after
    # that each landing is reported in the reply to a frame shortly after it. That is the
    # counter's own delay, before any camera, network or pose latency is added.
    assert sum(len(r["events"]) for r in replies) == saved["count"]
    steady = [r["t_ms"] / 1000 - r["events"][0] for r in replies if len(r["events"]) == 1]
    print("counter delay after each landing (s):", [round(d, 3) for d in steady])
    assert len(steady) >= saved["count"] - 5
    assert all(0 <= d < 0.3 for d in steady), steady
    result = alice.get(f"/api/jumps/results/{saved['result_id']}").json()
    assert result["source"] == "live" and result["count"] == saved["count"]
    assert bob.get(f"/api/jumps/results/{saved['result_id']}").status_code == 404
