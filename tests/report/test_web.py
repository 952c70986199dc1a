"""The progress page, its JSON twin, the assessment forms and the downloads, per user."""

import io
import json
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from limber.settings import load_settings
from limber.web.app import create_app

pytestmark = pytest.mark.db


@pytest.fixture
def app(limber_home: Path) -> Iterator[FastAPI]:
    application = create_app(load_settings(home=limber_home))
    yield application
    application.state.db.dispose()


def _client(app: FastAPI, username: str) -> TestClient:
    client = TestClient(app, base_url="http://testserver")
    token = client.get("/api/csrf").json()["csrf_token"]
    response = client.post(
        "/api/signup",
        json={"username": username, "password": "correct horse"},
        headers={"X-CSRF-Token": token},
    )
    assert response.status_code == 201, response.text
    client.headers["X-CSRF-Token"] = response.json()["csrf_token"]
    return client


def test_baseline_then_progress_page_and_api(app: FastAPI) -> None:
    alice = _client(app, "alice")
    page = alice.get("/progress")
    assert page.status_code == 200 and "Let's take your baseline" in page.text
    form = alice.get("/progress/assess")
    assert form.status_code == 200 and 'action="/progress/assess/peg"' in form.text
    assert alice.post("/progress/assess/pain", data={"value": "6"}).status_code == 200
    alice.post("/progress/assess/who5", data={f"item{n}": "2" for n in range(1, 6)})
    alice.post("/progress/assess/fingertip_floor", data={"value": "-3.5"})
    data = alice.get("/api/progress").json()
    by_key = {m["measure"]: m for m in data["measures"]}
    assert by_key["pain"]["readings"][0]["value"] == 6
    assert by_key["fingertip_floor"]["readings"][0]["value"] == -3.5
    assert "doctor" in by_key["who5"]["advice"]  # 40 % is at or below 50 %
    assert "pain" not in data["due"] and "peg" in data["due"]
    page = alice.get("/progress").text
    # Charts with data (pain, WHO-5, fingertip) are drawn; the others are named as waiting.
    assert 'id="chart-who5"' in page and 'id="chart-jumps"' not in page
    assert "Charts appear as data comes in" in page and "talking to your doctor" in page


def test_bad_values_are_refused_with_a_message(app: FastAPI) -> None:
    alice = _client(app, "alice")
    response = alice.post("/progress/assess/pain", data={"value": "12"})
    assert response.status_code == 422 and "between 0 and 10" in response.text
    response = alice.post("/progress/assess/peg", data={"item1": "1", "item2": "x", "item3": "1"})
    assert response.status_code == 422
    response = alice.post("/progress/assess/height", data={"value": "170"})
    assert response.status_code == 422
    assert alice.get("/api/progress").json()["measures"] == []


def test_downloads_hold_only_the_users_own_data(app: FastAPI) -> None:
    alice, bob = _client(app, "alice"), _client(app, "bob")
    alice.post("/progress/assess/pain", data={"value": "7"})
    bob.post("/progress/assess/pain", data={"value": "2"})
    fhir = json.loads(bob.get("/progress/export/fhir.json").text)
    values = [e["resource"]["valueQuantity"]["value"] for e in fhir["entry"][1:]]
    assert values == [2]
    archive = zipfile.ZipFile(io.BytesIO(bob.get("/progress/export/csv.zip").content))
    users = archive.read("users.csv").decode()
    assert "bob" in users and "alice" not in users and "argon2" not in users
    pdf = bob.get("/progress/report.pdf")
    assert pdf.headers["content-type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    assert bob.get("/progress/export/calendar.ics").status_code == 422  # no programme yet
    assert "calendar.ics" not in bob.get("/progress").text  # so the page offers none


def test_signed_out_visitors_are_sent_to_log_in(app: FastAPI) -> None:
    with TestClient(app, base_url="http://testserver") as anon:
        response = anon.get("/progress", follow_redirects=False)
        assert response.status_code == 303 and "/login" in response.headers["location"]
        assert anon.get("/api/progress").status_code == 401


def test_json_api_records_and_judges_assessments(app: FastAPI) -> None:
    alice = _client(app, "alice")
    first = alice.post("/api/assessments", json={"measure": "who5", "items": [2, 2, 2, 2, 2]})
    assert first.status_code == 201 and first.json()["value"] == 40
    assert first.json()["vs_baseline"] is None and "doctor" in first.json()["advice"]
    second = alice.post("/api/assessments", json={"measure": "who5", "items": [3, 3, 3, 3, 3]})
    assert second.json()["vs_baseline"] == "meaningful improvement"
    assert alice.post("/api/assessments", json={"measure": "pain"}).status_code == 422
    refused = alice.post("/api/assessments", json={"measure": "pain", "value": 14})
    assert refused.status_code == 422 and "between 0 and 10" in refused.text


def test_jump_test_can_come_from_a_counter_result(app: FastAPI) -> None:
    from limber.services.jumps import save_jump_result
    from limber.services.users import get_user_by_username

    alice, bob = _client(app, "alice"), _client(app, "bob")
    bout = {"count": 88, "events_s": [], "duration_s": 60.0, "active_s": 60.0,
            "style": "basic", "cadence_per_min": {"mean": 88.0, "series": []},
            "longest_streak": 88, "misses": 0}  # fmt: skip
    with app.state.db.session() as db:
        alice_id = get_user_by_username(db, "alice").id  # type: ignore[union-attr]
        result_id = save_jump_result(db, user_id=alice_id, result=bout, source="manual").id
    assert "88 jumps in 60 s" in alice.get("/progress/assess").text
    alice.post("/progress/assess/jump_test", data={"result_id": str(result_id)})
    (jumps,) = [m for m in alice.get("/api/progress").json()["measures"]]
    assert jumps["measure"] == "jump_test" and jumps["readings"][0]["value"] == 88
    # Someone else's result is not found, and nothing is recorded for them.
    stolen = bob.post("/progress/assess/jump_test", data={"result_id": str(result_id)})
    assert stolen.status_code == 404
    assert bob.get("/api/progress").json()["measures"] == []


def test_calendar_download_holds_the_planned_sessions(app: FastAPI) -> None:
    from icalendar import Calendar

    from tests.web.conftest import onboard

    alice = _client(app, "alice")
    onboard(alice, weeks=2)
    assert "calendar.ics" in alice.get("/progress").text
    response = alice.get("/progress/export/calendar.ics")
    assert response.status_code == 200 and response.headers["content-type"].startswith(
        "text/calendar"
    )
    events = Calendar.from_ical(response.content).walk("VEVENT")
    assert len(events) == 14  # every day for two weeks
