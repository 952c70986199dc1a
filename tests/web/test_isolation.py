"""Several people share one server: nobody sees or changes anyone else's data."""

import pytest
from fastapi.testclient import TestClient

from tests.web.conftest import onboard


@pytest.fixture
def alice_checkin(alice: TestClient, alice_session: int) -> int:
    alice.post(
        f"/api/sessions/{alice_session}/steps",
        json={"step_index": 0, "status": "done", "seconds": 6},
    )
    alice.post(f"/api/sessions/{alice_session}/finish", json={"status": "completed"})
    response = alice.post(
        f"/api/sessions/{alice_session}/checkin",
        json={"pain_during": 4, "pain_after": 3, "effort": 6, "note": "alice's private note"},
    )
    assert response.status_code == 201
    checkin_id: int = response.json()["checkin_id"]
    return checkin_id


def test_alice_sees_her_own_data(alice: TestClient, alice_session: int, alice_checkin: int) -> None:
    assert alice.get(f"/api/sessions/{alice_session}").status_code == 200
    checkin = alice.get(f"/api/checkins/{alice_checkin}").json()
    assert (checkin["session_id"], checkin["pain_during"], checkin["note"]) == (
        alice_session,
        4,
        "alice's private note",
    )
    history = alice.get("/api/history").json()
    assert [s["session_id"] for s in history["sessions"]] == [alice_session]
    assert alice.get(f"/sessions/{alice_session}/checkin").status_code == 200


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("GET", "/api/sessions/{sid}", None),
        ("GET", "/api/checkins/{cid}", None),
        ("POST", "/api/sessions/{sid}/steps", {"step_index": 1, "status": "done", "seconds": 1}),
        ("POST", "/api/sessions/{sid}/finish", {"status": "stopped"}),
        ("POST", "/api/sessions/{sid}/checkin", {"pain_during": 0, "pain_after": 0, "effort": 0}),
        ("POST", "/api/checkins/{cid}/next-day", {"next_day": "worse"}),
        ("GET", "/sessions/{sid}/play", None),
        ("GET", "/sessions/{sid}/checkin", None),
    ],
)
def test_bob_cannot_reach_alices_sessions(
    alice: TestClient,
    bob: TestClient,
    alice_session: int,
    alice_checkin: int,
    method: str,
    path: str,
    body: dict[str, object] | None,
) -> None:
    onboard(bob)
    url = path.format(sid=alice_session, cid=alice_checkin)
    response = bob.request(method, url, json=body)
    assert response.status_code == 404, response.text
    assert "alice" not in response.text.lower()
    # Alice's data is unchanged by the attempt.
    summary = alice.get("/api/history").json()["sessions"][0]
    assert summary["status"] == "completed"
    assert summary["next_day"] is None
    assert summary["pain_during"] == 4


def test_bobs_pages_and_api_show_none_of_alices_data(
    alice: TestClient, bob: TestClient, alice_session: int, alice_checkin: int
) -> None:
    assert bob.get("/api/history").json()["sessions"] == []
    assert bob.get("/api/profile").json() is None
    assert bob.get("/api/screening").json() is None
    assert bob.get("/api/programme").status_code == 404
    assert bob.get("/api/today").status_code == 409
    page = bob.get("/history").text
    assert "private note" not in page and "4 / 3" not in page
    assert bob.get("/api/me").json()["username"] == "bob"


def test_signed_out_visitors_get_401_or_the_login_page(anon: TestClient) -> None:
    for path in ("/api/me", "/api/today", "/api/history", "/api/sessions/1", "/api/profile"):
        response = anon.get(path)
        assert response.status_code == 401, path
        assert response.json()["detail"] == "Please log in first."
    for path in ("/today", "/history", "/programme", "/sessions/1/play", "/account"):
        response = anon.get(path, follow_redirects=False)
        assert response.status_code == 303
        assert response.headers["location"] == f"/login?next={path}"
