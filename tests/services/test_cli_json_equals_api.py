"""``limber today|history|plan|adverse list|clearance list|status --json`` print exactly what
the API returns for the same data.

Both front ends render one service answer (``TodayOut``, ``HistoryOut``, ``ProgrammeOut``,
``AdverseEventOut``, ``ClearanceOut``, ``SafetySummary``); this test holds them to it. The
data is made through the CLI (the local user) in one ``LIMBER_HOME``; the web app is built on
that home and signed in as the same user, so a field added, dropped or renamed on one side only
fails here. ``limber clearance add --json`` prints ``ClearanceRecordedOut``, whose
``clearance`` part is what ``POST /api/clearances`` answers.
"""

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from limber.services.users import LOCAL_USERNAME, get_user_by_username
from limber.settings import load_settings
from limber.store.db import Database
from limber.store.models import CheckInRecord
from limber.web.app import create_app
from limber.web.security import hash_password
from tests.cli.helpers import limber, onboard

pytestmark = pytest.mark.db

PASSWORD = "correct horse battery"
CLEARANCE = [
    "clearance",
    "add",
    "--kind",
    "red_flag",
    "--name",
    "Dr Ana Ruiz",
    "--role",
    "GP",
    "--date",
    dt.date.today().isoformat(),
    "--said",
    "Examined me: mechanical back pain, no nerve signs. Exercise may go on.",
]
ADVERSE = [
    "adverse",
    "report",
    "--type",
    "pain",
    "--onset",
    "within_24h",
    "--duration",
    "under_24h",
    "--severity",
    "mild",
    "--not-serious",
    "--relatedness",
    "possible",
    "--action",
    "Rested and walked a little",
]


def _ok(*args: str) -> str:
    result = limber(*args)
    assert result.exit_code == 0, result.output
    return result.stdout


def _local_user_can_sign_in() -> None:
    """Give the CLI's local user a password, so the web app can sign in as that very user."""
    database = Database(load_settings())
    try:
        with database.session() as db:
            user = get_user_by_username(db, LOCAL_USERNAME)
            assert user is not None
            user.password_hash = hash_password(PASSWORD)
    finally:
        database.dispose()


def _checkins_made_yesterday() -> None:
    """Move the check-ins a day back, so today asks the next-day question on both sides."""
    database = Database(load_settings())
    try:
        with database.session() as db:
            for row in db.scalars(select(CheckInRecord)):
                row.at = row.at - dt.timedelta(days=1)
    finally:
        database.dispose()


@pytest.fixture
def history_made_in_the_cli(tmp_path: Path) -> Any:
    """A red flag, its clearance, a programme, a session, its check-in and an adverse event.

    The value is what ``limber clearance add --json`` printed.
    """
    assert onboard(tmp_path, red_flags__night_rest_pain=True).exit_code == 3
    added = json.loads(_ok(*CLEARANCE, "--json"))
    assert onboard(tmp_path).exit_code == 0
    _ok("session", "start", "--speed", "1000")
    sid = str(json.loads(_ok("history", "--json"))["sessions"][-1]["session_id"])
    _ok("checkin", "--session", sid, "--pain-during", "2", "--pain-after", "3", "--effort", "5")
    _ok(*ADVERSE, "--session", sid)
    _checkins_made_yesterday()
    _local_user_can_sign_in()
    return added


@pytest.fixture
def web(limber_home: Path, history_made_in_the_cli: Any) -> Iterator[TestClient]:
    """The web app on the CLI's home, signed in as the CLI's local user."""
    app = create_app(load_settings(home=limber_home))
    try:
        with TestClient(app, base_url="http://testserver") as client:
            token = client.get("/api/csrf").json()["csrf_token"]
            login = client.post(
                "/api/login",
                json={"username": LOCAL_USERNAME, "password": PASSWORD},
                headers={"X-CSRF-Token": token},
            )
            assert login.status_code == 200, login.text
            yield client
    finally:
        app.state.db.dispose()


def _api(web: TestClient, path: str) -> Any:
    response = web.get(path)
    assert response.status_code == 200, response.text
    return response.json()


@pytest.mark.parametrize(
    ("command", "path"),
    [
        (("today",), "/api/today"),
        (("history",), "/api/history"),
        (("plan",), "/api/programme"),
        (("adverse", "list"), "/api/adverse-events"),
        (("clearance", "list"), "/api/clearances"),
        (("status",), "/api/safety"),
    ],
    ids=lambda value: " ".join(value) if isinstance(value, tuple) else value,
)
def test_cli_json_equals_the_api(web: TestClient, command: tuple[str, ...], path: str) -> None:
    assert json.loads(_ok(*command, "--json")) == _api(web, path)


def test_cli_clearance_add_json_holds_what_the_api_stored(
    web: TestClient, history_made_in_the_cli: Any
) -> None:
    """``clearance add --json`` prints the clearance as the API shows it, and the state then."""
    added = history_made_in_the_cli
    assert added["clearance"] == _api(web, "/api/clearances")[0]
    assert added["safety"]["state"] == "active" and added["safety"]["clearances"]


def test_the_compared_answers_are_not_empty(web: TestClient) -> None:
    """The equality above compares every kind of field, not empty lists and nulls."""
    today = _api(web, "/api/today")
    assert today["session"] is not None and today["pending_next_day"] is not None
    assert today["safety"]["state"] == "active" and today["safety"]["clearances"]
    history = _api(web, "/api/history")
    assert history["sessions"] and history["pain"] and history["streak"] >= 0
    assert history["sessions"][0]["checkin_id"] is not None
    assert history["adverse_events"] and history["adverse_events"][0]["type_label"]
    assert history["clearances"] and history["clearances"][0]["clinician_role"] == "GP"
    plan = _api(web, "/api/programme")
    assert plan["sessions"] and plan["next_date"] is not None
    events = _api(web, "/api/adverse-events")
    assert events and events[0]["session_id"] is not None and events[0]["advice"]
    clearances = _api(web, "/api/clearances")
    assert clearances and clearances[0]["lapses_on"] and clearances[0]["statement"]
    safety = _api(web, "/api/safety")
    assert safety["headline"] and safety["allowed"] and safety["clearances"]
