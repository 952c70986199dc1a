"""Every JSON route refuses bad input with a readable 4xx, never a 5xx."""

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient

from limber.settings import load_settings
from limber.web.app import create_app
from tests.web.conftest import onboard, signed_up

# (method, path template, a valid body, out-of-range or wrong-valued bodies)
ROUTES: list[tuple[str, str, dict[str, Any] | None, list[dict[str, Any]]]] = [
    (
        "POST",
        "/api/signup",
        {"username": "zoe", "password": "long enough"},
        [
            {"username": "z", "password": "long enough"},
            {"username": "zoe", "password": "short"},
            {"username": "zoe spaces", "password": "long enough"},
            {"username": "zoe", "password": "x" * 300},
        ],
    ),
    (
        "POST",
        "/api/login",
        {"username": "alice", "password": "correct horse"},
        [{"username": "", "password": "x"}, {"username": "alice", "password": ""}],
    ),
    (
        "POST",
        "/api/screening",
        None,
        [
            {"red_flags": {}, "readiness": {}},
            {"red_flags": {"not_a_question": True}, "readiness": {}},
            {"red_flags": {"saddle_numbness": "perhaps"}, "readiness": {}},
        ],
    ),
    (
        "PUT",
        "/api/profile",
        {},
        [
            {"minutes_per_session": 5},
            {"minutes_per_session": 500},
            {"weekdays": []},
            {"weekdays": [7]},
            {"pain_now": 11},
            {"conditions": ["broken_everything"]},
            {"age": 3},
            {"favourite_colour": "blue"},
        ],
    ),
    ("POST", "/api/programme", {"weeks": 4}, [{"weeks": 0}, {"weeks": 53}, {"start": "soon"}]),
    ("POST", "/api/sessions", {}, [{"date": "yesterday"}, {"date": 12}, {"extra": 1}]),
    (
        "POST",
        "/api/sessions/{sid}/steps",
        {"step_index": 0, "status": "done", "seconds": 5},
        [
            {"step_index": -1, "status": "done", "seconds": 5},
            {"step_index": 99_999, "status": "done", "seconds": 5},
            {"step_index": 10**12, "status": "done", "seconds": 5},
            {"step_index": 0, "status": "maybe", "seconds": 5},
            {"step_index": 0, "status": "done", "seconds": -1},
            {"step_index": 0, "status": "done", "seconds": 1e12},
            {"step_index": 0, "status": "done", "seconds": 5, "pain": 11},
            {"step_index": 0, "status": "done", "seconds": 5, "pain": -1},
        ],
    ),
    (
        "POST",
        "/api/sessions/{sid}/hurt",
        {"step_index": 0, "pain": 3},
        [
            {"step_index": 0, "pain": 11},
            {"step_index": 0, "pain": -1},
            {"step_index": 99_999, "pain": 3},
            {"step_index": 0, "pain": 3, "symptoms": ["itchy"]},
            {"step_index": 0, "pain": 3, "symptoms": "dizziness"},
            {"step_index": 0, "pain": 3, "mood": "fine"},
        ],
    ),
    ("POST", "/api/sessions/{sid}/finish", {}, [{"status": "abandoned"}, {"status": 3}]),
    (
        "POST",
        "/api/sessions/{sid}/checkin",
        None,
        [
            {"pain_during": 11, "pain_after": 2, "effort": 5},
            {"pain_during": -1, "pain_after": 2, "effort": 5},
            {"pain_during": 2, "pain_after": 2, "effort": "hard"},
            {"pain_during": 2, "pain_after": 2},
            {"pain_during": 2, "pain_after": 2, "effort": 5, "note": "x" * 2001},
            {"pain_during": 2, "pain_after": 2, "effort": 5, "mood": "fine"},
        ],
    ),
    ("POST", "/api/checkins/{cid}/next-day", None, [{"next_day": "better"}, {"next_day": 1}]),
]

WRONG_TYPES: list[Any] = [[], "a string", 42, True, [{"step_index": 0}]]


def _path(template: str, sid: int, cid: int) -> str:
    return template.format(sid=sid, cid=cid)


@pytest.fixture(scope="module")
def vapp(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FastAPI]:
    """One app for this module: the refusals below change nothing, so they can share it."""
    application = create_app(load_settings(home=tmp_path_factory.mktemp("validation-home")))
    yield application
    application.state.db.dispose()


@pytest.fixture(scope="module")
def alice(vapp: FastAPI) -> Iterator[TestClient]:
    with signed_up(vapp, "alice") as client:
        onboard(client)
        yield client


@pytest.fixture(scope="module")
def ids(alice: TestClient) -> tuple[int, int]:
    """Alice's in-progress session and a check-in of a second, finished one."""
    started = alice.post("/api/sessions", json={})
    assert started.status_code == 201, started.text
    finished = started.json()["id"]
    alice.post(f"/api/sessions/{finished}/finish", json={"status": "stopped"})
    checkin = alice.post(
        f"/api/sessions/{finished}/checkin", json={"pain_during": 2, "pain_after": 1, "effort": 4}
    )
    assert checkin.status_code == 201, checkin.text
    running = alice.post("/api/sessions", json={})
    assert running.status_code == 201, running.text
    return running.json()["id"], checkin.json()["checkin_id"]


def _assert_readable_4xx(response: Any, expected: int | None = 422) -> None:
    assert 400 <= response.status_code < 500, (response.status_code, response.text)
    if expected is not None:
        assert response.status_code == expected, response.text
    body = response.json()
    assert isinstance(body["detail"], str) and len(body["detail"]) > 5


@pytest.mark.parametrize(("method", "template", "_valid", "_bad"), ROUTES)
def test_malformed_json_is_422(
    alice: TestClient, ids: tuple[int, int], method: str, template: str, _valid: Any, _bad: Any
) -> None:
    response = alice.request(
        method,
        _path(template, *ids),
        content=b'{"step_index": 0, ',
        headers={"Content-Type": "application/json"},
    )
    _assert_readable_4xx(response)
    assert "not valid JSON" in response.json()["detail"]


@pytest.mark.parametrize(("method", "template", "_valid", "_bad"), ROUTES)
def test_empty_body_is_refused_or_means_defaults(
    alice: TestClient, ids: tuple[int, int], method: str, template: str, _valid: Any, _bad: Any
) -> None:
    sid, cid = ids
    if template == "/api/sessions/{sid}/finish":
        # Finish a session of another day, keeping the shared in-progress one for other tests.
        later = (dt.date.today() + dt.timedelta(days=2)).isoformat()
        other = alice.post("/api/sessions", json={"date": later})
        assert other.status_code == 201, other.text
        sid = other.json()["id"]
        assert sid != ids[0]
    response = alice.request(
        method, _path(template, sid, cid), content=b"", headers={"Content-Type": "application/json"}
    )
    if template in ("/api/sessions", "/api/sessions/{sid}/finish"):
        # Both bodies are optional: no body means "today" and "completed".
        assert response.status_code in (200, 201), response.text
    else:
        _assert_readable_4xx(response)


@pytest.mark.parametrize("body", WRONG_TYPES)
@pytest.mark.parametrize(("method", "template", "_valid", "_bad"), ROUTES)
def test_wrong_types_are_422(
    alice: TestClient,
    ids: tuple[int, int],
    method: str,
    template: str,
    _valid: Any,
    _bad: Any,
    body: Any,
) -> None:
    response = alice.request(method, _path(template, *ids), json=body)
    _assert_readable_4xx(response)


@pytest.mark.parametrize(
    ("method", "template", "bad"),
    [(m, t, b) for m, t, _v, bads in ROUTES for b in bads],
)
def test_out_of_range_values_are_422(
    alice: TestClient, ids: tuple[int, int], method: str, template: str, bad: dict[str, Any]
) -> None:
    response = alice.request(method, _path(template, *ids), json=bad)
    _assert_readable_4xx(response)
    if bad.get("step_index") == 99_999:
        assert "does not exist" in response.json()["detail"]


def test_nan_seconds_are_refused(alice: TestClient, ids: tuple[int, int]) -> None:
    response = alice.post(
        f"/api/sessions/{ids[0]}/steps",
        content=b'{"step_index": 0, "status": "done", "seconds": NaN}',
        headers={"Content-Type": "application/json"},
    )
    _assert_readable_4xx(response)


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/api/sessions/999", 404),
        ("/api/sessions/0", 422),
        ("/api/sessions/abc", 422),
        ("/api/sessions/99999999999999999999999", 422),
        ("/api/exercises/no-such-thing", 404),
        ("/api/nowhere", 404),
    ],
)
def test_unknown_ids_are_readable_4xx(alice: TestClient, path: str, status: int) -> None:
    _assert_readable_4xx(alice.get(path), status)


def test_valid_bodies_succeed(alice: TestClient, ids: tuple[int, int]) -> None:
    """The table's valid bodies really are valid, so the refusals above mean something."""
    alice.post(f"/api/sessions/{ids[0]}/finish", json={"status": "stopped"})
    started = alice.post("/api/sessions", json={})
    assert started.status_code == 201
    sid = started.json()["id"]
    assert sid != ids[0]
    response = alice.post(
        f"/api/sessions/{sid}/steps", json={"step_index": 0, "status": "done", "seconds": 5}
    )
    assert response.status_code == 200
    assert response.json()["resume_at"] == 1
    assert alice.put("/api/profile", json={}).status_code == 200
    assert alice.post("/api/programme", json={"weeks": 4}).status_code == 201


def test_every_state_changing_api_route_is_in_the_table(vapp: FastAPI) -> None:
    covered = {
        (m, t.replace("{sid}", "{session_id}").replace("{cid}", "{checkin_id}"))
        for m, t, _v, _b in ROUTES
    }
    covered.add(("POST", "/api/logout"))
    mine = {
        (method, route.path)
        for route in vapp.routes
        if isinstance(route, APIRoute)
        and route.path.startswith("/api/")
        and route.endpoint.__module__.startswith("limber.web.routes.")
        and route.endpoint.__module__.rsplit(".", 1)[-1]
        in {"accounts", "onboarding", "programme", "sessions", "checkins", "history", "today"}
        for method in route.methods
        if method in {"POST", "PUT", "PATCH", "DELETE"}
    }
    assert mine <= covered, mine - covered
