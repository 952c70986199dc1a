"""The HTML pages: onboarding forms, the red-flag stop, check-in forms, docs without a CDN."""

import re

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from limber.safety.screening import load_questions
from tests.web.conftest import onboard


def token(html: str) -> str:
    match = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert match
    return match.group(1)


def screening_form(red_flag: str | None = None) -> dict[str, str]:
    q = load_questions()
    data = {f"rf.{x.id}": "no" for x in q.red_flags}
    data.update({f"rd.{x.id}": "no" for x in q.readiness})
    if red_flag:
        data[f"rf.{red_flag}"] = "yes"
    return data


def test_new_account_is_sent_to_onboarding(alice: TestClient) -> None:
    response = alice.get("/today", follow_redirects=False)
    assert response.headers["location"] == "/onboarding"
    assert alice.get("/onboarding", follow_redirects=False).headers["location"] == (
        "/onboarding/screening"
    )


def test_unanswered_screening_questions_are_marked(alice: TestClient) -> None:
    page = alice.get("/onboarding/screening").text
    data = screening_form()
    del data["rf.saddle_numbness"]
    response = alice.post("/onboarding/screening", data={**data, "csrf_token": token(page)})
    assert response.status_code == 422
    assert "Please answer this question." in response.text
    assert alice.get("/api/screening").json() is None


def test_follow_up_is_required_after_a_yes(alice: TestClient) -> None:
    page = alice.get("/onboarding/screening").text
    data = {**screening_form(), "rd.bone_joint": "yes", "csrf_token": token(page)}
    assert alice.post("/onboarding/screening", data=data).status_code == 422
    for f in load_questions().followups_of("bone_joint"):
        data[f"fu.{f.id}"] = "yes" if f.id == "has_osteoporosis" else "no"
    response = alice.post("/onboarding/screening", data=data)
    assert response.status_code == 200
    assert "You can start, gently" in response.text
    assert alice.get("/api/screening").json()["conditions"] == ["osteoporosis"]


def test_red_flag_stops_the_programme_but_keeps_breathing(alice: TestClient) -> None:
    page = alice.get("/onboarding/screening").text
    data = {**screening_form("saddle_numbness"), "csrf_token": token(page)}
    response = alice.post("/onboarding/screening", data=data, follow_redirects=False)
    assert response.headers["location"] == "/onboarding/stop"
    stop = alice.get("/onboarding/stop").text
    assert "emergency department" in stop
    assert "Emergency: go now" in stop
    # An emergency sign offers no session at all, only what to do now (issue 11).
    assert "What to do now" in stop and "Breathing practice" not in stop
    assert alice.post("/api/programme", json={}).status_code == 409
    assert alice.get("/api/today").status_code == 409


def test_a_see_your_gp_sign_keeps_breathing(alice: TestClient) -> None:
    page = alice.get("/onboarding/screening").text
    data = {**screening_form("night_rest_pain"), "csrf_token": token(page)}
    response = alice.post("/onboarding/screening", data=data, follow_redirects=False)
    assert response.headers["location"] == "/onboarding/stop"
    assert "Breathing practice" in alice.get("/onboarding/stop").text
    assert alice.post("/api/programme", json={}).status_code == 409
    today = alice.get("/api/today").json()
    assert today["breathing_only"] is True
    pillars = {e["pillar"] for b in today["session"]["blocks"] for e in b["exercises"]}
    assert pillars == {"breathing"}


def test_profile_form_explains_bad_values_then_plans(alice: TestClient) -> None:
    onboard(alice)
    page = alice.get("/onboarding/profile").text
    bad = {"csrf_token": token(page), "minutes_per_session": "500", "pain_now": "4"}
    response = alice.post("/onboarding/profile", data=bad)
    assert response.status_code == 422
    assert "between 10 and 90 minutes" in response.text
    assert "at least one day" in response.text
    good = {**bad, "minutes_per_session": "20", "weekdays": ["1", "3"]}
    response = alice.post("/onboarding/profile", data=good, follow_redirects=False)
    assert response.headers["location"] == "/programme"
    assert alice.get("/api/profile").json()["weekdays"] == [1, 3]
    overview = alice.get("/programme").text
    assert "Why" in overview or "why" in overview
    assert "Week 1" in overview


def test_checkin_form_shows_decision_and_rescreen_prompt(alice: TestClient) -> None:
    onboard(alice)
    sid = alice.post("/api/sessions", json={}).json()["id"]
    alice.post(f"/api/sessions/{sid}/finish", json={"status": "completed"})
    page = alice.get(f"/sessions/{sid}/checkin").text
    response = alice.post(
        f"/sessions/{sid}/checkin", data={"csrf_token": token(page), "pain_during": "12"}
    )
    assert response.status_code == 422
    assert "from 0 to 10" in response.text
    response = alice.post(
        f"/sessions/{sid}/checkin",
        data={
            "csrf_token": token(page),
            "pain_during": "3",
            "pain_after": "2",
            "effort": "5",
            "new_leg_symptoms": "1",
        },
    )
    assert response.status_code == 200
    assert "Thanks for checking in" in response.text
    assert "Please answer the safety questions again" in response.text


@pytest.mark.parametrize(
    "path", ["/", "/login", "/signup", "/today", "/programme", "/history", "/exercises", "/docs"]
)
def test_pages_load_nothing_from_other_sites(alice: TestClient, path: str) -> None:
    onboard(alice)
    html = alice.get(path).text
    assert not re.search(r'(src|href)="(https?:)?//', html), path


def test_docs_list_the_api_from_openapi(app: FastAPI, alice: TestClient) -> None:
    spec = alice.get("/openapi.json").json()
    assert "/api/sessions/{session_id}/steps" in spec["paths"]
    html = alice.get("/docs").text
    for path in ("/api/sessions/{session_id}/steps", "/api/history", "/api/today"):
        assert path in html
    assert alice.get("/redoc").status_code == 404


def test_player_page_embeds_the_stored_timeline(alice: TestClient) -> None:
    onboard(alice)
    session = alice.post("/api/sessions", json={}).json()
    html = alice.get(f"/sessions/{session['id']}/play").text
    assert 'id="player-data"' in html
    assert "</script>" not in html.split('id="player-data">')[1].split("</script>")[0]
    assert f'"total_s":{session["timeline"]["total_s"]}' in html


def test_next_day_prompt_asks_whether_pain_settled(app: FastAPI, alice: TestClient) -> None:
    import datetime as dt

    from limber.store.models import CheckInRecord

    onboard(alice)
    sid = alice.post("/api/sessions", json={}).json()["id"]
    alice.post(f"/api/sessions/{sid}/finish", json={"status": "completed"})
    checkin = alice.post(
        f"/api/sessions/{sid}/checkin", json={"pain_during": 2, "pain_after": 2, "effort": 5}
    ).json()
    assert alice.get("/api/today").json()["pending_next_day"] is None
    # The check-in was yesterday: today Limber asks how the back feels.
    with app.state.db.session() as db:
        row = db.get(CheckInRecord, checkin["checkin_id"])
        assert row is not None
        row.at = row.at - dt.timedelta(days=1)
    pending = alice.get("/api/today").json()["pending_next_day"]
    assert pending["checkin_id"] == checkin["checkin_id"]
    page = alice.get("/today").text
    assert "How is your back after your last session?" in page
    response = alice.post(
        f"/checkins/{checkin['checkin_id']}/next-day",
        data={"csrf_token": token(page), "next_day": "worse"},
        follow_redirects=False,
    )
    assert response.headers["location"] == f"/sessions/{sid}/checkin"
    decision = alice.get(response.headers["location"]).text
    assert "The next day: Worse" in decision
    assert alice.get("/api/today").json()["pending_next_day"] is None
    again = alice.post(f"/api/checkins/{checkin['checkin_id']}/next-day", json={"next_day": "same"})
    assert again.status_code == 422
    assert "already" in again.json()["detail"]


def test_database_work_is_committed_before_the_response_is_sent() -> None:
    """A redirect must never reach the browser before the data its next page reads."""
    from typing import get_args

    from limber.web.deps import DbDep

    depends = get_args(DbDep)[1]
    assert depends.scope == "function"
