"""``limber plan`` and ``limber today``: JSON shapes, options and refusals."""

import datetime as dt
import json
from pathlib import Path

import pytest

from tests.cli.helpers import counts, flat, limber, onboard

pytestmark = pytest.mark.db

EXERCISE_KEYS = {"id", "name", "pillar", "dose", "minutes", "why", "cautions", "harder", "easier"}


def test_plan_json_has_the_documented_shape(tmp_path: Path) -> None:
    assert onboard(tmp_path).exit_code == 0
    result = limber("plan", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(data) == {"start", "weeks", "notes", "sessions", "breathing_only", "next_date"}
    assert data["next_date"] == data["sessions"][0]["date"]
    assert data["start"] == dt.date.today().isoformat()
    assert data["weeks"] == 8 and len(data["sessions"]) == 24
    assert isinstance(data["notes"], list)
    session = data["sessions"][0]
    assert set(session) == {"date", "week", "number", "minutes", "light_week", "blocks"}
    block = session["blocks"][0]
    assert {"kind", "title", "substitution", "exercises"} <= set(block)
    assert set(block["exercises"][0]) == EXERCISE_KEYS
    assert isinstance(block["exercises"][0]["dose"], dict)


def test_plan_text_and_new_length(tmp_path: Path) -> None:
    assert onboard(tmp_path).exit_code == 0
    text = limber("plan")
    assert text.exit_code == 0
    assert "24 sessions over 8 weeks" in flat(text.stdout)
    replanned = limber("plan", "--weeks", "2", "--json")
    assert replanned.exit_code == 0
    assert len(json.loads(replanned.stdout)["sessions"]) == 6
    assert counts()["programmes"] == 2


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["plan", "--weeks", "0"], "--weeks"),
        (["plan", "--weeks", "99"], "--weeks"),
        (["plan", "--start", "someday"], "--start must be a date"),
        (["today", "--date", "31/01/2026"], "--date must be a date"),
    ],
)
def test_bad_options_exit_2(tmp_path: Path, args: list[str], message: str) -> None:
    assert onboard(tmp_path).exit_code == 0
    result = limber(*args)
    assert result.exit_code == 2
    assert message in flat(result.output)
    assert counts()["programmes"] == 1


def test_plan_and_today_before_init_exit_2() -> None:
    plan = limber("plan")
    assert plan.exit_code == 2
    assert "screening" in flat(plan.stderr)
    today = limber("today")
    assert today.exit_code == 2
    assert "onboarding" in flat(today.stderr)
    assert counts()["programmes"] == 0


def test_today_shows_the_session_of_the_day(tmp_path: Path) -> None:
    assert onboard(tmp_path).exit_code == 0
    plan = json.loads(limber("plan", "--json").stdout)
    first = plan["sessions"][0]
    result = limber("today", "--json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["session"]["date"] == first["date"]
    assert data["date"] == dt.date.today().isoformat()
    assert data["session"]["blocks"] == first["blocks"]
    assert data["breathing_only"] is False and data["safety"]["state"] == "active"
    text = limber("today")
    assert "Today's session" in text.stdout and "limber session start" in text.stdout


def test_today_after_the_programme_ends(tmp_path: Path) -> None:
    assert onboard(tmp_path).exit_code == 0
    last = json.loads(limber("plan", "--json").stdout)["sessions"][-1]["date"]
    after = (dt.date.fromisoformat(last) + dt.timedelta(days=1)).isoformat()
    result = limber("today", "--date", after, "--json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["session"] is None
    assert "no sessions left" in flat(limber("today", "--date", after).stdout)
