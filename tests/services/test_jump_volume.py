"""Weekly jump volume is one answer: the jump page, the progress page and the dashboard agree.

They used to disagree: the jump page bucketed by the UTC day and kept empty weeks, the
dashboard (charts, report, progress) used the stored time's day and dropped empty weeks.
Here a bout near midnight (Monday 00:30 in Berlin, still Sunday in UTC) and a week without
jumping must come out the same everywhere.
"""

import datetime as dt
import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from limber.services.dashboard import build_dashboard
from limber.services.jump_volume import weekly_jump_volume
from limber.services.jumps import save_jump_result
from limber.services.users import get_user_by_username
from limber.services.weeks import local_day
from limber.settings import load_settings
from limber.web.app import create_app

pytestmark = pytest.mark.db

UTC = dt.UTC
BOUTS = [
    (dt.datetime(2026, 1, 5, 9, 0, tzinfo=UTC), 100),  # Monday morning
    (dt.datetime(2026, 1, 11, 23, 30, tzinfo=UTC), 40),  # Monday 00:30 in Berlin
    # nothing in the week of 19 January
    (dt.datetime(2026, 1, 27, 12, 0, tzinfo=UTC), 70),
]
WEEKS = [
    (dt.date(2026, 1, 5), 100),
    (dt.date(2026, 1, 12), 40),
    (dt.date(2026, 1, 19), 0),
    (dt.date(2026, 1, 26), 70),
]


@pytest.fixture
def berlin() -> Iterator[None]:
    """This computer's clock in Berlin (UTC+1 in January) for the test."""
    before = os.environ.get("TZ")
    os.environ["TZ"] = "Europe/Berlin"
    time.tzset()
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("TZ", None)
        else:
            os.environ["TZ"] = before
        time.tzset()


def _bout(count: int) -> dict[str, Any]:
    return {"count": count, "events_s": [], "duration_s": 60.0, "active_s": 60.0,
            "style": "basic", "cadence_per_min": {"mean": 100.0, "series": []},
            "longest_streak": count, "misses": 0}  # fmt: skip


@pytest.fixture
def client(limber_home: Path, berlin: None) -> Iterator[TestClient]:
    """Ana, signed in, with the bouts above in her jump log."""
    app = create_app(load_settings(home=limber_home))
    try:
        with TestClient(app, base_url="http://testserver") as web:
            token = web.get("/api/csrf").json()["csrf_token"]
            signup = web.post(
                "/api/signup",
                json={"username": "ana", "password": "correct horse"},
                headers={"X-CSRF-Token": token},
            )
            assert signup.status_code == 201, signup.text
            with app.state.db.session() as db:
                user = get_user_by_username(db, "ana")
                assert user is not None
                for at, count in BOUTS:
                    save_jump_result(
                        db, user_id=user.id, result=_bout(count), source="manual", recorded_at=at
                    )
            yield web
    finally:
        app.state.db.dispose()


def test_the_jump_page_and_the_progress_page_show_the_same_weeks(client: TestClient) -> None:
    jumps = client.get("/api/jumps").json()["weekly"]
    progress = client.get("/api/progress").json()["jumps"]
    expected = [{"week_start": w.isoformat(), "jumps": n} for w, n in WEEKS]
    assert jumps == expected
    assert progress == [{**w, "source": "counted"} for w in expected]
    page = client.get("/jumps").text
    assert 'id="this-week">70<' in page


def test_the_services_behind_both_pages_agree(client: TestClient) -> None:
    app_db = client.app.state.db  # type: ignore[attr-defined]
    with app_db.session() as db:
        user = get_user_by_username(db, "ana")
        assert user is not None
        assert weekly_jump_volume(db, user_id=user.id) == WEEKS
        board = build_dashboard(db, user_id=user.id, today=dt.date(2026, 2, 1))
        assert [(w.week_start, w.jumps, w.source) for w in board.jumps] == [
            (week, n, "counted") for week, n in WEEKS
        ]


def test_a_moment_belongs_to_the_local_day(berlin: None) -> None:
    late = dt.datetime(2026, 1, 11, 23, 30)  # naive, as SQLite hands it back: UTC
    assert local_day(late) == local_day(late.replace(tzinfo=UTC)) == dt.date(2026, 1, 12)
    assert local_day(dt.datetime(2026, 1, 11, 22, 59, tzinfo=UTC)) == dt.date(2026, 1, 11)
