"""``limber progress --json`` prints exactly what ``GET /api/progress`` returns for the same data.

Both render one service answer, :class:`limber.services.progress.ProgressOut`. The history is
made through the CLI (``limber demo`` and ``limber assess``) in one ``LIMBER_HOME``; the web app
is built on that home and signed in as the CLI's local user, so a field added, dropped or
renamed on one side only, or a change judged differently, fails here.
"""

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from limber.services.users import LOCAL_USERNAME, get_user_by_username
from limber.settings import load_settings
from limber.store.db import Database
from limber.web.app import create_app
from limber.web.security import hash_password
from tests.cli.helpers import flat, limber

pytestmark = pytest.mark.db

PASSWORD = "correct horse battery"


def _ok(*args: str) -> str:
    result = limber(*args)
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.fixture
def web(limber_home: Path) -> Iterator[TestClient]:
    """Four demo weeks and a new pain rating made in the CLI; the web app signed in as it."""
    _ok("demo", "--weeks", "4", "--seed", "3")
    _ok("assess", "pain", "2")
    database = Database(load_settings())
    try:
        with database.session() as db:
            user = get_user_by_username(db, LOCAL_USERNAME)
            assert user is not None
            user.password_hash = hash_password(PASSWORD)
    finally:
        database.dispose()
    app = create_app(load_settings(home=limber_home))
    try:
        with TestClient(app, base_url="http://testserver") as client:
            token = client.get("/api/csrf").json()["csrf_token"]
            client.headers["X-CSRF-Token"] = token
            login = client.post(
                "/api/login", json={"username": LOCAL_USERNAME, "password": PASSWORD}
            )
            assert login.status_code == 200, login.text
            client.headers["X-CSRF-Token"] = login.json()["csrf_token"]
            yield client
    finally:
        app.state.db.dispose()


def _api(web: TestClient) -> Any:
    response = web.get("/api/progress")
    assert response.status_code == 200, response.text
    return response.json()


def test_cli_json_equals_the_api(web: TestClient) -> None:
    assert json.loads(_ok("progress", "--json")) == _api(web)


def test_the_compared_answer_is_not_empty(web: TestClient) -> None:
    """The equality above compares judged changes, adherence and weekly jumps, not nulls."""
    data = _api(web)
    pain = next(m for m in data["measures"] if m["measure"] == "pain")
    assert len(pain["readings"]) == 3 and pain["readings"][-1]["value"] == 2
    assert pain["vs_baseline"] == "meaningful improvement"
    assert pain["sentence"].startswith("Pain (0-10): 6 -> 2")
    assert all(m["vs_baseline"] for m in data["measures"])
    assert data["adherence_pct"] is not None and data["planned_to_date"] > 0
    assert data["jumps"] and {w["source"] for w in data["jumps"]} == {"counted"}
    assert sum(data["minutes"].values()) > 0
    page = web.get("/progress").text  # the page renders the same answer
    assert "6 → <strong>2</strong> points" in page
    assert '<span class="verdict meaningful-improvement">Meaningful improvement</span>' in page


def test_a_new_reading_is_judged_as_progress_judges_it(web: TestClient) -> None:
    """The answer to a reading (API and CLI) says what ``/api/progress`` says afterwards."""
    posted = web.post("/api/assessments", json={"measure": "pain", "value": 5})
    assert posted.status_code == 201, posted.text
    after = next(m for m in _api(web)["measures"] if m["measure"] == "pain")
    assert posted.json()["vs_baseline"] == after["vs_baseline"] == "no real change"
    said = flat(_ok("assess", "pain", "9"))
    cli = json.loads(_ok("progress", "--json"))
    after = next(m for m in cli["measures"] if m["measure"] == "pain")
    assert after["vs_baseline"] == "worse"
    baseline = dt.date.fromisoformat(after["readings"][0]["date"])
    assert f"since baseline ({baseline:%d %b}): {after['sentence']}" in said


def test_assess_list_json_holds_the_readings_progress_shows(web: TestClient) -> None:
    """``limber assess list --json`` (``StoredReadingOut``) lists the readings the API judges.

    No route lists readings on their own; each measure's values, oldest first, must be the ones
    ``/api/progress`` shows for it, and a reading posted to the API must be listed as stored.
    """
    posted = web.post("/api/assessments", json={"measure": "who5", "items": [3, 3, 3, 3, 3]})
    assert posted.status_code == 201, posted.text
    listed = json.loads(_ok("assess", "list", "--json"))
    for measure in _api(web)["measures"]:
        values = [r["value"] for r in listed if r["measure"] == measure["measure"]]
        assert values == [r["value"] for r in measure["readings"]], measure["measure"]
    newest = posted.json()
    assert listed[-1] == {
        "id": newest["id"],
        "measure": "who5",
        "value": newest["value"],
        "items": [3, 3, 3, 3, 3],
        "taken_at": newest["taken_at"],
        "source": newest["source"],
    }
