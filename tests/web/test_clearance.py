"""The clearance API, ``/api/safety`` and the pages that depend on the safety state.

A red flag stays after an all-"no" re-screening; ``POST /api/clearances`` lifts it. Bad input
is a 422 with a specific message and stores nothing.
"""

import datetime as dt
from typing import Any

import pytest
from fastapi.testclient import TestClient

from limber.safety.screening import answers_template

pytestmark = pytest.mark.db

TODAY = dt.date.today()
GOOD: dict[str, Any] = {
    "kind": "red_flag",
    "clinician_name": "Dr Ana Ruiz",
    "clinician_role": "GP",
    "seen_on": TODAY.isoformat(),
    "statement": "Examined me: mechanical back pain, no nerve signs. Exercise may go on.",
}


def _screen(client: TestClient, **yes: bool) -> None:
    answers = answers_template()
    for key, value in yes.items():
        section = next(s for s in ("red_flags", "readiness") if key in answers[s])
        answers[section][key] = value
    assert client.post("/api/screening", json=answers).status_code == 201


def _profile(client: TestClient) -> None:
    response = client.put("/api/profile", json={"weekdays": [0, 1, 2, 3, 4, 5, 6]})
    assert response.status_code == 200, response.text


def _state(client: TestClient) -> str:
    response = client.get("/api/safety")
    assert response.status_code == 200
    state: str = response.json()["state"]
    return state


def test_red_flag_holds_after_all_no_and_a_clearance_lifts_it(alice: TestClient) -> None:
    _screen(alice, night_rest_pain=True)
    _profile(alice)
    assert alice.post("/api/programme", json={"weeks": 4}).status_code == 409
    _screen(alice)
    safety = alice.get("/api/safety").json()
    assert safety["state"] == "stopped" and safety["needs_clearance"] == "red_flag"
    assert "cannot lift a red flag" in safety["lifted_by"]
    assert [f["id"] for f in safety["red_flags"]] == ["night_rest_pain"]
    assert alice.post("/api/programme", json={"weeks": 4}).status_code == 409
    today = alice.get("/api/today").json()
    assert today["breathing_only"] is True and today["safety"]["state"] == "stopped"

    response = alice.post("/api/clearances", json=GOOD)
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["clinician_name"] == "Dr Ana Ruiz" and body["covers"] == ["night_rest_pain"]
    assert body["lapses_on"] == (TODAY + dt.timedelta(days=365)).isoformat()
    assert _state(alice) == "active"
    today = alice.get("/api/today").json()
    assert today["breathing_only"] is False
    pillars = {e["pillar"] for b in today["session"]["blocks"] for e in b["exercises"]}
    assert "stretch" in pillars
    listed = alice.get("/api/clearances").json()
    assert [c["id"] for c in listed] == [body["id"]]
    assert alice.get("/api/history").json()["clearances"][0]["statement"] == GOOD["statement"]


BAD: list[tuple[str, dict[str, Any], str]] = [
    ("blank name", {"clinician_name": "  "}, "the clinician's name is required"),
    ("no name", {"clinician_name": None}, "clinician_name"),
    ("future date", {"seen_on": (TODAY + dt.timedelta(days=1)).isoformat()}, "in the future"),
    ("no date", {"seen_on": None}, "seen_on"),
    ("bad date", {"seen_on": "yesterday"}, "seen_on"),
    ("unknown kind", {"kind": "chiropractor"}, "kind"),
    ("blank statement", {"statement": ""}, "what the clinician said is required"),
    ("long statement", {"statement": "x" * 2001}, "statement"),
    ("unknown field", {"signature": "x"}, "signature is not a known field"),
]


@pytest.mark.parametrize(("case", "changes", "message"), BAD, ids=[b[0] for b in BAD])
def test_bad_clearance_is_422_and_stores_nothing(
    alice: TestClient, case: str, changes: dict[str, Any], message: str
) -> None:
    _screen(alice, night_rest_pain=True)
    body = {k: v for k, v in {**GOOD, **changes}.items() if v is not None}
    response = alice.post("/api/clearances", json=body)
    assert response.status_code == 422, response.text
    assert message.lower() in response.text.lower()
    assert alice.get("/api/clearances").json() == []
    assert _state(alice) == "stopped"


def test_emergency_today_is_409_with_what_to_do_now(alice: TestClient) -> None:
    _screen(alice, saddle_numbness=True)
    _profile(alice)
    response = alice.get("/api/today")
    assert response.status_code == 409
    assert "emergency department" in response.json()["detail"]
    assert alice.post("/api/sessions", json={}).status_code == 409
    page = alice.get("/today")
    assert page.status_code == 200
    assert 'id="emergency"' in page.text and 'id="start-session"' not in page.text


def test_readiness_yes_is_light_with_a_banner_until_cleared(alice: TestClient) -> None:
    _screen(alice, chest_pain=True)
    _profile(alice)
    assert alice.post("/api/programme", json={"weeks": 4}).status_code == 201
    assert _state(alice) == "light"
    page = alice.get("/today")
    assert 'id="light-banner"' in page.text and "/clearance?kind=readiness" in page.text
    response = alice.post("/api/clearances", json={**GOOD, "kind": "readiness"})
    assert response.status_code == 201, response.text
    assert _state(alice) == "active"
    assert 'id="light-banner"' not in alice.get("/today").text


def test_the_clearance_form_refuses_bad_input_and_records_good(alice: TestClient) -> None:
    _screen(alice, night_rest_pain=True)
    _screen(alice)
    stop = alice.get("/onboarding/stop")
    assert stop.status_code == 200
    assert 'id="rescreened"' in stop.text and "cannot clear" in stop.text
    assert "/clearance?kind=red_flag" in stop.text
    form = {**GOOD, "csrf_token": alice.headers["X-CSRF-Token"], "clinician_name": ""}
    bad = alice.post("/clearance", data=form, follow_redirects=False)
    assert bad.status_code == 422
    assert "The clinician&#39;s name is required" in bad.text
    assert alice.get("/api/clearances").json() == []
    good = alice.post(
        "/clearance", data={**form, "clinician_name": "Dr Ana Ruiz"}, follow_redirects=False
    )
    assert good.status_code == 303
    assert _state(alice) == "active"


def test_the_programme_waits_while_the_questions_are_due(alice: TestClient) -> None:
    _screen(alice)
    _profile(alice)
    assert alice.post("/api/programme", json={"weeks": 4}).status_code == 201
    session = alice.post("/api/sessions", json={}).json()
    checkin = {"pain_during": 2, "pain_after": 2, "effort": 4, "new_leg_symptoms": True}
    response = alice.post(f"/api/sessions/{session['id']}/checkin", json=checkin)
    assert response.status_code == 201, response.text
    waiting = alice.get("/api/today")
    assert waiting.status_code == 409
    assert "answer the safety questions again" in waiting.json()["detail"].lower()
    page = alice.get("/today")
    assert 'id="rescreen"' in page.text and 'id="start-session"' not in page.text
    start = alice.post(
        "/sessions/start",
        data={"csrf_token": alice.headers["X-CSRF-Token"]},
        follow_redirects=False,
    )
    assert start.status_code == 303 and start.headers["location"] == "/onboarding/screening"
    _screen(alice)
    assert alice.get("/api/today").status_code == 200
