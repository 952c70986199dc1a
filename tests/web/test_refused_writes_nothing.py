"""A refused request writes nothing: every row of every table is the same after it as before.

One table of cases: each state-changing route that can refuse, the data it meets, the bad
input and the status it must answer: a 4xx, or for a page whose service refuses, a 303 to
the page that says what to do next. Services only flush and the request's unit of work
(``web/deps.py`` ``get_db``) commits once; a route that answers a refusal itself, with a
form shown again and a 4xx, is rolled back too. The last tests show the check would notice
a service that commits before refusing, and that a flushed write before such a form
refusal is dropped.
"""

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from limber.safety.screening import answers_template
from limber.services.users import create_user
from limber.store.db import Database
from tests.cli.test_refused_writes_nothing import Rows, table_rows
from tests.web.conftest import onboard, signed_up

pytestmark = pytest.mark.db

TODAY = dt.date.today()
LATER = (TODAY + dt.timedelta(days=29)).isoformat()
SCORES = {"pain_during": 2, "pain_after": 2, "effort": 5}
EVENT = {
    "type": "pain",
    "onset": "within_24h",
    "duration": "under_24h",
    "severity": "mild",
    "serious": False,
    "relatedness": "possible",
    "action_taken": "Rested",
}
CLEARANCE = {
    "kind": "red_flag",
    "clinician_name": "Dr Ana Ruiz",
    "seen_on": TODAY.isoformat(),
    "statement": "No nerve signs; exercise may go on.",
}


def snapshot(app: FastAPI) -> Rows:
    database: Database = app.state.db
    with database.session() as db:
        return table_rows(db)


# --- set-ups: the data a request meets (alice is signed up in every one) -------------------


def signed_in(client: TestClient) -> None:
    """Signed up, nothing else: no screening, no profile, no programme."""


def onboarded(client: TestClient) -> None:
    onboard(client)


def red_flag(client: TestClient) -> None:
    answers = answers_template()
    answers["red_flags"]["night_rest_pain"] = True
    assert client.post("/api/screening", json=answers).status_code == 201


def emergency(client: TestClient) -> None:
    onboard(client)
    answers = answers_template()
    answers["red_flags"]["saddle_numbness"] = True
    assert client.post("/api/screening", json=answers).status_code == 201


def in_session(client: TestClient) -> None:
    """Onboarded, with today's session (1) started."""
    onboard(client)
    assert client.post("/api/sessions", json={}).status_code == 201


def finished(client: TestClient) -> None:
    in_session(client)
    assert client.post("/api/sessions/1/finish", json={"status": "completed"}).status_code == 200


def checked_in(client: TestClient) -> None:
    finished(client)
    assert client.post("/api/sessions/1/checkin", json=SCORES).status_code == 201


def answered(client: TestClient) -> None:
    """Checked in, and the next-day answer given."""
    checked_in(client)
    response = client.post("/api/checkins/1/next-day", json={"next_day": "same"})
    assert response.status_code == 200, response.text


@dataclass(frozen=True)
class Case:
    """A request, the data it meets, its bad input and the status it must answer."""

    name: str
    setup: Callable[[TestClient], None]
    path: str
    code: int
    json: Any = None
    form: dict[str, Any] | None = None
    method: str = "POST"
    # Extra request headers; an empty CSRF token is how a forged request arrives.
    headers: dict[str, str] = field(default_factory=dict)
    files: dict[str, Any] | None = None


CASES = [
    # accounts
    Case("signup form: username too short", signed_in, "/signup", 422,
         form={"username": "z", "password": "long enough"}),
    Case("signup form: username taken", signed_in, "/signup", 409,
         form={"username": "alice", "password": "long enough"}),
    Case("login form: wrong password", signed_in, "/login", 401,
         form={"username": "alice", "password": "wrong horse"}),
    Case("api signup: password too short", signed_in, "/api/signup", 422,
         json={"username": "zoe", "password": "short"}),
    Case("api signup: username taken", signed_in, "/api/signup", 409,
         json={"username": "alice", "password": "long enough"}),
    Case("api login: wrong password", signed_in, "/api/login", 401,
         json={"username": "alice", "password": "wrong horse"}),
    Case("api programme: no CSRF token", onboarded, "/api/programme", 403,
         json={"weeks": 4}, headers={"X-CSRF-Token": ""}),
    # onboarding
    Case("screening form: answers missing", signed_in, "/onboarding/screening", 422, form={}),
    Case("profile form: bad minutes", onboarded, "/onboarding/profile", 422,
         form={"minutes_per_session": "500", "weekdays": "0"}),
    Case("api screening: unknown question", signed_in, "/api/screening", 422,
         json={"red_flags": {"not_a_question": True}, "readiness": {}}),
    Case("api profile: no weekdays", signed_in, "/api/profile", 422,
         json={"weekdays": []}, method="PUT"),
    # programme
    Case("programme form: weeks not a number", onboarded, "/programme", 422,
         form={"weeks": "lots"}),
    # A page whose service refuses sends the person where to go next (303), unsaved.
    Case("programme form: no profile", signed_in, "/programme", 303, form={"weeks": "4"}),
    Case("api programme: 53 weeks", onboarded, "/api/programme", 422, json={"weeks": 53}),
    Case("api programme: no profile", signed_in, "/api/programme", 409, json={"weeks": 4}),
    Case("api programme: red flag", red_flag, "/api/programme", 409, json={"weeks": 4}),
    # sessions
    Case("start form: no programme", signed_in, "/sessions/start", 303),
    Case("start form: emergency sign", emergency, "/sessions/start", 303),
    Case("api start: no programme", signed_in, "/api/sessions", 409, json={}),
    Case("api start: emergency sign", emergency, "/api/sessions", 409, json={}),
    Case("api start: safety questions due", onboarded, "/api/sessions", 409,
         json={"date": LATER}),
    Case("api step: no such step", in_session, "/api/sessions/1/steps", 422,
         json={"step_index": 10_000, "status": "done", "seconds": 1}),
    Case("api step: unknown session", in_session, "/api/sessions/99/steps", 404,
         json={"step_index": 0, "status": "done", "seconds": 1}),
    Case("api step: session finished", finished, "/api/sessions/1/steps", 422,
         json={"step_index": 0, "status": "done", "seconds": 1}),
    Case("api hurt: pain out of range", in_session, "/api/sessions/1/hurt", 422,
         json={"step_index": 0, "pain": 11}),
    Case("api hurt: no such step", in_session, "/api/sessions/1/hurt", 422,
         json={"step_index": 10_000, "pain": 3}),
    Case("api finish: unknown status", in_session, "/api/sessions/1/finish", 422,
         json={"status": "paused"}),
    Case("api finish: already completed", finished, "/api/sessions/1/finish", 422,
         json={"status": "stopped"}),
    # check-ins
    Case("checkin form: pain out of range", finished, "/sessions/1/checkin", 422,
         form={"pain_during": "11", "pain_after": "2", "effort": "5"}),
    Case("checkin form: pelvic floor neither yes nor no", finished, "/sessions/1/checkin", 422,
         form={**SCORES, "pelvic_floor_symptoms": "maybe"}),
    Case("checkin form: unknown session", finished, "/sessions/99/checkin", 404, form=SCORES),
    Case("checkin form: second check-in", checked_in, "/sessions/1/checkin", 422, form=SCORES),
    Case("next-day form: unknown answer", checked_in, "/checkins/1/next-day", 422,
         form={"next_day": "better"}),
    Case("next-day form: answered already", answered, "/checkins/1/next-day", 422,
         form={"next_day": "worse"}),
    Case("api checkin: effort out of range", finished, "/api/sessions/1/checkin", 422,
         json={**SCORES, "effort": 11}),
    Case("api checkin: second check-in", checked_in, "/api/sessions/1/checkin", 422,
         json=SCORES),
    Case("api next-day: morning pain out of range", checked_in, "/api/checkins/1/next-day", 422,
         json={"next_day": "same", "morning_pain": 11}),
    Case("api next-day: unknown check-in", checked_in, "/api/checkins/9/next-day", 404,
         json={"next_day": "same"}),
    # adverse events
    Case("adverse form: unknown type", finished, "/adverse-events", 422,
         form={**EVENT, "type": "bruise", "serious": "no"}),
    Case("api adverse: unknown session", signed_in, "/api/adverse-events", 404,
         json={**EVENT, "session_id": 99}),
    Case("api adverse: empty action", signed_in, "/api/adverse-events", 422,
         json={**EVENT, "action_taken": " "}),
    # clearance
    Case("clearance form: no red flag to clear", onboarded, "/clearance", 422, form=CLEARANCE),
    Case("clearance form: nothing said", red_flag, "/clearance", 422,
         form={**CLEARANCE, "statement": ""}),
    Case("api clearance: unknown kind", red_flag, "/api/clearances", 422,
         json={**CLEARANCE, "kind": "chiropractor"}),
    Case("api clearance: seen in the future", red_flag, "/api/clearances", 422,
         json={**CLEARANCE, "seen_on": LATER}),
    # progress
    Case("api assessment: unknown measure", onboarded, "/api/assessments", 422,
         json={"measure": "height", "value": 180}),
    Case("api assessment: pain out of range", onboarded, "/api/assessments", 422,
         json={"measure": "pain", "value": 11}),
    Case("api assessment: unknown jump result", onboarded, "/api/assessments", 404,
         json={"measure": "jump_test", "jump_result_id": 9}),
    Case("assess form: not a number", onboarded, "/progress/assess/pain", 422,
         form={"value": "lots"}),
    Case("assess form: unknown measure", onboarded, "/progress/assess/height", 422,
         form={"value": "180"}),
    # jumps
    Case("api upload: no video", onboarded, "/api/jumps/uploads", 422,
         files={"other": ("a.txt", b"hello", "text/plain")}),
    Case("upload form: empty video", onboarded, "/jumps/upload", 422,
         files={"video": ("empty.mp4", b"", "video/mp4")}),
    Case("delete form: unknown result", onboarded, "/jumps/results/9/delete", 404),
    Case("api delete: unknown result", onboarded, "/api/jumps/results/9", 404, method="DELETE"),
]  # fmt: skip


@pytest.fixture
def alice_client(app: FastAPI) -> Iterator[TestClient]:
    with signed_up(app, "alice") as client:
        yield client


def _send(client: TestClient, case: Case) -> int:
    response = client.request(
        case.method,
        case.path,
        json=case.json,
        data=case.form,
        files=case.files,
        headers=case.headers,
        follow_redirects=False,
    )
    return response.status_code


def _run(app: FastAPI, client: TestClient, case: Case) -> tuple[Rows, Rows]:
    """Set up, snapshot, send the refused request, snapshot again."""
    case.setup(client)
    before = snapshot(app)
    assert _send(client, case) == case.code
    return before, snapshot(app)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_a_refused_request_writes_nothing(
    app: FastAPI, alice_client: TestClient, case: Case
) -> None:
    before, after = _run(app, alice_client, case)
    changed = [name for name in before if before[name] != after[name]]
    assert not changed, f"{case.name}: rows changed in {changed}"


def _leaky_clearance(monkeypatch: pytest.MonkeyPatch, *, commit: bool) -> None:
    """Make the clearance service write a row (and commit it, or only flush) before refusing."""
    import limber.web.routes.clearance as route

    real = route.record_clearance

    def leaky(db: Session, *args: Any, **kwargs: Any) -> Any:
        create_user(db, username="mallory", password_hash="x")
        db.commit() if commit else db.flush()
        return real(db, *args, **kwargs)

    monkeypatch.setattr(route, "record_clearance", leaky)


FORM_REFUSAL = next(c for c in CASES if c.name == "clearance form: no red flag to clear")


def test_the_check_catches_a_commit_before_a_refusal(
    app: FastAPI, alice_client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    _leaky_clearance(monkeypatch, commit=True)
    before, after = _run(app, alice_client, FORM_REFUSAL)
    assert len(after["users"]) == len(before["users"]) + 1


def test_a_form_shown_again_drops_what_a_service_flushed(
    app: FastAPI, alice_client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The route catches the refusal and answers 422 itself; the unit is still rolled back."""
    _leaky_clearance(monkeypatch, commit=False)
    before, after = _run(app, alice_client, FORM_REFUSAL)
    assert after == before
