"""Adverse events over the web: the API, the form reached from the player and check-in, history,
isolation between users and 422 on bad input with nothing stored."""

import re
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from limber.store.adverse import AdverseEvent

pytestmark = pytest.mark.db

REPORT: dict[str, Any] = {
    "type": "pain",
    "onset": "during_session",
    "duration": "under_24h",
    "severity": "mild",
    "serious": False,
    "relatedness": "possible",
    "action_taken": "Stopped the rope block and rested",
}
FORM: dict[str, str] = {**REPORT, "serious": "no"}


def _rows(app: FastAPI) -> int:
    with app.state.db.session() as db:
        return db.scalar(select(func.count()).select_from(AdverseEvent)) or 0


def _csrf(page: str) -> str:
    match = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert match, "the form carries a CSRF token"
    return match.group(1)


def test_report_list_and_get_through_the_api(alice: TestClient, alice_session: int) -> None:
    created = alice.post("/api/adverse-events", json={**REPORT, "session_id": alice_session})
    assert created.status_code == 201, created.text
    body = created.json()
    assert body["type"] == "pain" and body["session_id"] == alice_session
    assert body["needs_review"] is False and body["urgency"] == "none"
    assert body["review_text"] == ""
    listed = alice.get("/api/adverse-events").json()
    assert [e["id"] for e in listed] == [body["id"]]
    one = alice.get(f"/api/adverse-events/{body['id']}")
    assert one.status_code == 200 and one.json() == body


def test_a_serious_event_returns_urgent_advice_and_the_review_flag(alice: TestClient) -> None:
    response = alice.post(
        "/api/adverse-events", json={**REPORT, "type": "chest_symptoms", "severity": "moderate"}
    )
    assert response.status_code == 201
    body = response.json()
    assert body["urgency"] == "urgent" and "Seek urgent care now" in body["advice"]
    assert body["needs_review"] is True
    assert body["review_text"].startswith("needs human review within 1 working day (by ")


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        ({"type": "bruise"}, "type", "chest_symptoms"),
        ({"onset": "yesterday"}, "onset", "within_24h"),
        ({"duration": "ages"}, "duration", "1_to_7_days"),
        ({"severity": "awful"}, "severity", "moderate"),
        ({"relatedness": "certain"}, "relatedness", "likely"),
        ({"serious": "maybe"}, "serious", "boolean"),
        ({"action_taken": ""}, "action_taken", "at least 1 character"),
        ({"action_taken": "x" * 501}, "action_taken", "at most 500"),
        ({"session_id": 0}, "session_id", "greater than or equal to 1"),
        ({"extra": 1}, "extra", "not a known field"),
    ],
)
def test_bad_input_is_a_422_naming_the_field_and_stores_nothing(
    app: FastAPI, alice: TestClient, change: dict[str, Any], field: str, words: str
) -> None:
    response = alice.post("/api/adverse-events", json={**REPORT, **change})
    assert response.status_code == 422, response.text
    errors = response.json()["errors"]
    assert any(e["field"] == field and words in e["message"] for e in errors), errors
    assert _rows(app) == 0


def test_a_missing_field_is_named(app: FastAPI, alice: TestClient) -> None:
    body = {k: v for k, v in REPORT.items() if k != "action_taken"}
    response = alice.post("/api/adverse-events", json=body)
    assert response.status_code == 422
    assert "action_taken is required" in response.json()["detail"]
    assert _rows(app) == 0


def test_other_people_cannot_see_or_use_your_events_or_sessions(
    app: FastAPI, alice: TestClient, bob: TestClient, alice_session: int
) -> None:
    mine = alice.post("/api/adverse-events", json=REPORT).json()
    assert bob.get(f"/api/adverse-events/{mine['id']}").status_code == 404
    assert bob.get("/api/adverse-events").json() == []
    # Bob cannot attach an event to Alice's session, nor open the form for it.
    attach = bob.post("/api/adverse-events", json={**REPORT, "session_id": alice_session})
    assert attach.status_code == 404
    assert bob.get(f"/adverse-events/new?session={alice_session}").status_code == 404
    assert bob.get(f"/adverse-events/{mine['id']}").status_code == 404
    assert _rows(app) == 1


def test_signed_out_requests_are_refused(app: FastAPI, anon: TestClient) -> None:
    assert anon.get("/api/adverse-events").status_code == 401
    assert anon.post("/api/adverse-events", json=REPORT).status_code == 401
    assert _rows(app) == 0


def test_player_and_checkin_pages_link_to_the_form_with_the_session(
    alice: TestClient, alice_session: int
) -> None:
    link = f'href="/adverse-events/new?session={alice_session}"'
    player = alice.get(f"/sessions/{alice_session}/play")
    assert player.status_code == 200 and link in player.text
    assert "Report a problem (adverse event)" in player.text
    checkin = alice.get(f"/sessions/{alice_session}/checkin")
    assert checkin.status_code == 200 and link in checkin.text


def test_the_form_reports_an_event_shows_advice_and_it_appears_in_history(
    app: FastAPI, alice: TestClient, alice_session: int
) -> None:
    page = alice.get(f"/adverse-events/new?session={alice_session}")
    assert page.status_code == 200
    assert f'name="session_id" value="{alice_session}"' in page.text
    form = {
        **FORM,
        "type": "numbness",
        "severity": "severe",
        "session_id": str(alice_session),
        "csrf_token": _csrf(page.text),
        "note": "left foot",
    }
    done = alice.post("/adverse-events", data=form, headers={"X-CSRF-Token": ""})
    assert done.status_code == 200  # followed the 303 to the event's page
    assert re.search(r"/adverse-events/\d+$", str(done.url))
    assert "What to do now" in done.text and "contact your doctor today" in done.text
    assert "needs human review within 1 working day" in done.text
    history = alice.get("/history")
    assert "Problems reported (adverse events)" in history.text
    assert "Numbness or tingling" in history.text
    assert "needs human review within 1 working day" in history.text
    assert "problem reported: needs review" in history.text  # on the session's row
    api = alice.get("/api/history").json()
    assert [e["type"] for e in api["adverse_events"]] == ["numbness"]
    row = next(s for s in api["sessions"] if s["session_id"] == alice_session)
    assert row["adverse_event_ids"] == [api["adverse_events"][0]["id"]]
    assert row["adverse_needs_review"] is True
    assert _rows(app) == 1


def test_the_form_refuses_bad_answers_with_422_and_keeps_them(
    app: FastAPI, alice: TestClient
) -> None:
    page = alice.get("/adverse-events/new")
    form = {
        **FORM,
        "type": "bruise",
        "action_taken": "  ",
        "csrf_token": _csrf(page.text),
    }
    form.pop("severity")
    response = alice.post("/adverse-events", data=form, headers={"X-CSRF-Token": ""})
    assert response.status_code == 422
    assert "Choose what happened." in response.text
    assert "Choose how bad it was." in response.text
    assert "Say what you did about it" in response.text
    assert 'value="during_session" required checked' in response.text  # answers kept
    assert _rows(app) == 0


def test_the_form_needs_its_csrf_token(app: FastAPI, alice: TestClient) -> None:
    response = alice.post("/adverse-events", data=FORM, headers={"X-CSRF-Token": ""})
    assert response.status_code == 403
    assert _rows(app) == 0
