"""The check-in page and API: the symptom list, the morning pain score, bad input as 422."""

from fastapi.testclient import TestClient

from limber.safety.pain import SYMPTOM_LABELS
from tests.web.conftest import onboard
from tests.web.test_pages import token


def _finished_session(client: TestClient) -> int:
    onboard(client)
    sid = int(client.post("/api/sessions", json={}).json()["id"])
    client.post(f"/api/sessions/{sid}/finish", json={"status": "completed"})
    return sid


def test_the_form_asks_the_symptom_list_and_the_morning_pain(alice: TestClient) -> None:
    sid = _finished_session(alice)
    page = alice.get(f"/sessions/{sid}/checkin").text
    for key in SYMPTOM_LABELS:
        assert f'name="symptoms" value="{key}"' in page
    bad = alice.post(
        f"/sessions/{sid}/checkin",
        data={
            "csrf_token": token(page),
            "pain_during": "2",
            "pain_after": "2",
            "effort": "4",
            "symptoms": ["headache"],
        },
    )
    assert bad.status_code == 422 and "Tick only the symptoms listed" in bad.text
    done = alice.post(
        f"/sessions/{sid}/checkin",
        data={
            "csrf_token": token(page),
            "pain_during": "2",
            "pain_after": "2",
            "effort": "4",
            "symptoms": ["fall", "pain_elsewhere"],
        },
    )
    assert done.status_code == 200
    assert SYMPTOM_LABELS["fall"] in done.text
    assert "Please answer the safety questions again" in done.text
    # The next-morning question, with its pain score, waits on the same page.
    assert 'id="next-day-form"' in done.text and 'name="morning_pain"' in done.text


def test_next_morning_with_pain_score_through_the_form_and_the_api(alice: TestClient) -> None:
    sid = _finished_session(alice)
    made = alice.post(
        f"/api/sessions/{sid}/checkin", json={"pain_during": 1, "pain_after": 1, "effort": 4}
    )
    assert made.status_code == 201
    body = made.json()
    assert body["verdict"] == "green" and body["changes"] == []
    assert "tomorrow morning" in body["message"]
    cid = body["checkin_id"]
    page = alice.get(f"/sessions/{sid}/checkin").text
    wrong = alice.post(
        f"/checkins/{cid}/next-day",
        data={"csrf_token": token(page), "next_day": "settled", "morning_pain": "eleven"},
    )
    assert wrong.status_code == 422 and "from 0 to 10" in wrong.text
    api_wrong = alice.post(
        f"/api/checkins/{cid}/next-day", json={"next_day": "settled", "morning_pain": 11}
    )
    assert api_wrong.status_code == 422
    assert alice.get(f"/api/checkins/{cid}").json()["next_day"] is None
    answered = alice.post(
        f"/checkins/{cid}/next-day",
        data={"csrf_token": token(page), "next_day": "settled", "morning_pain": "2"},
        follow_redirects=False,
    )
    assert answered.status_code == 303
    shown = alice.get(f"/sessions/{sid}/checkin").text
    assert "The next day: Settled · pain 2/10" in shown
    stored = alice.get(f"/api/checkins/{cid}").json()
    assert (stored["next_day"], stored["morning_pain"], stored["next_day_verdict"]) == (
        "settled",
        2,
        "green",
    )
    assert stored["next_day_changes"] and all(c["reason"] for c in stored["next_day_changes"])


def test_api_checkin_takes_the_symptom_list_and_old_clients_leg_flag(alice: TestClient) -> None:
    sid = _finished_session(alice)
    unknown = alice.post(
        f"/api/sessions/{sid}/checkin",
        json={"pain_during": 1, "pain_after": 1, "effort": 4, "symptoms": ["sneezing"]},
    )
    assert unknown.status_code == 422
    legacy = alice.post(
        f"/api/sessions/{sid}/checkin",
        json={"pain_during": 1, "pain_after": 1, "effort": 4, "new_leg_symptoms": True},
    )
    assert legacy.status_code == 201 and legacy.json()["rescreen"] is True
    stored = alice.get(f"/api/checkins/{legacy.json()['checkin_id']}").json()
    assert stored["symptoms"] == ["leg"] and stored["new_leg_symptoms"] is True
