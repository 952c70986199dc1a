"""``limber clearance`` and ``limber status``: a red flag holds until a clearance is recorded.

Re-running ``limber init`` with every answer "no" must still exit 3 and show the command that
records a clearance; a bad clearance exits 2 and stores nothing.
"""

import datetime as dt
import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from limber.settings import load_settings
from limber.store.clearance import Clearance
from limber.store.db import Database
from tests.cli.helpers import counts, flat, limber, onboard

pytestmark = pytest.mark.db

TODAY = dt.date.today()
GOOD = [
    "clearance",
    "add",
    "--kind",
    "red_flag",
    "--name",
    "Dr Ana Ruiz",
    "--role",
    "GP",
    "--date",
    TODAY.isoformat(),
    "--said",
    "Examined me: mechanical back pain, no nerve signs. Exercise may go on.",
]


def _clearances() -> int:
    database = Database(load_settings())
    try:
        with database.session() as db:
            return db.scalar(select(func.count()).select_from(Clearance)) or 0
    finally:
        database.dispose()


def _status() -> dict[str, object]:
    result = limber("status", "--json")
    assert result.exit_code == 0, result.output
    data: dict[str, object] = json.loads(result.stdout)
    return data


def test_all_no_after_a_red_flag_still_exits_3_with_the_command(tmp_path: Path) -> None:
    first = onboard(tmp_path, red_flags__night_rest_pain=True)
    assert first.exit_code == 3, first.output
    again = onboard(tmp_path)
    assert again.exit_code == 3, again.output
    text = flat(again.output)
    assert "cannot clear it" in text
    assert "limber clearance add --kind red_flag" in text
    assert counts()["screenings"] == 2 and counts()["programmes"] == 0
    status = _status()
    assert status["state"] == "stopped" and status["needs_clearance"] == "red_flag"
    plan = limber("plan")
    assert plan.exit_code == 3, plan.output
    assert "limber clearance add" in flat(plan.output)
    today = limber("today", "--json")
    assert today.exit_code == 0, today.output
    data = json.loads(today.stdout)
    assert data["breathing_only"] is True and data["safety"]["state"] == "stopped"
    kinds = {b["kind"] for b in data["session"]["blocks"]}
    assert kinds <= {"opening_breathing", "closing_breathing"}


def test_a_recorded_clearance_lifts_the_stop(tmp_path: Path) -> None:
    assert onboard(tmp_path, red_flags__night_rest_pain=True).exit_code == 3
    added = limber(*GOOD)
    assert added.exit_code == 0, added.output
    assert "Recorded clearance 1 (red_flag) from Dr Ana Ruiz (GP)" in flat(added.stdout)
    assert _status()["state"] == "active"
    today = limber("today", "--json")
    assert today.exit_code == 0, today.output
    data = json.loads(today.stdout)
    assert data["breathing_only"] is False and data["safety"]["state"] == "active"
    assert any(b["kind"] == "mobility" for b in data["session"]["blocks"])
    listed = limber("clearance", "list", "--json")
    assert listed.exit_code == 0
    rows = json.loads(listed.stdout)
    assert [(r["kind"], r["clinician_name"], r["covers"]) for r in rows] == [
        ("red_flag", "Dr Ana Ruiz", ["night_rest_pain"])
    ]
    history = limber("history", "--json")
    assert json.loads(history.stdout)["clearances"][0]["clinician_role"] == "GP"
    assert "Dr Ana Ruiz" in flat(limber("history").stdout)
    # Re-running init now plans the programme.
    assert onboard(tmp_path).exit_code == 0


def _without(option: str) -> list[str]:
    i = GOOD.index(option)
    return GOOD[:i] + GOOD[i + 2 :]


def _with(option: str, value: str) -> list[str]:
    args = list(GOOD)
    args[args.index(option) + 1] = value
    return args


BAD = [
    ("blank name", _with("--name", "   "), "the clinician's name is required"),
    ("no name", _without("--name"), "the clinician's name is required"),
    ("no date", _without("--date"), "date you saw the clinician is required"),
    ("bad date", _with("--date", "03/12/2026"), "must look like 2026-01-31"),
    (
        "future date",
        _with("--date", (TODAY + dt.timedelta(days=2)).isoformat()),
        "is in the future",
    ),
    ("unknown kind", _with("--kind", "chiropractor"), "not 'chiropractor'"),
    ("no kind", _without("--kind"), "the kind of clearance is required"),
    ("nothing said", _with("--said", ""), "what the clinician said is required"),
]


@pytest.mark.parametrize(("case", "args", "message"), BAD, ids=[b[0] for b in BAD])
def test_bad_clearance_exits_2_and_stores_nothing(
    tmp_path: Path, case: str, args: list[str], message: str
) -> None:
    assert onboard(tmp_path, red_flags__night_rest_pain=True).exit_code == 3
    result = limber(*args)
    assert result.exit_code == 2, result.output
    assert message in flat(result.output)
    assert "Traceback" not in result.output
    assert _clearances() == 0
    assert _status()["state"] == "stopped"


def test_a_red_flag_clearance_without_a_red_flag_is_refused(tmp_path: Path) -> None:
    assert onboard(tmp_path).exit_code == 0
    result = limber(*GOOD)
    assert result.exit_code == 2
    assert "no red flag waiting" in flat(result.output)


def test_emergency_offers_nothing_but_what_to_do_now(tmp_path: Path) -> None:
    result = onboard(tmp_path, red_flags__saddle_numbness=True)
    assert result.exit_code == 3
    assert "not even breathing" in flat(result.output)
    today = limber("today")
    assert today.exit_code == 3, today.output
    text = flat(today.output)
    assert "emergency department" in text and "limber clearance add" in text
    assert _status()["state"] == "emergency"


def test_readiness_yes_is_light_until_cleared(tmp_path: Path) -> None:
    result = onboard(tmp_path, readiness__chest_pain=True)
    assert result.exit_code == 0, result.output
    status = _status()
    assert status["state"] == "light" and status["needs_clearance"] == "readiness"
    words = flat(limber("status").stdout)
    assert "Light work only" in words and "--kind readiness" in words
    assert "Light work only until a clearance" in flat(limber("today").stdout)
    added = limber(*_with("--kind", "readiness"))
    assert added.exit_code == 0, added.output
    assert _status()["state"] == "active"


def test_today_waits_for_the_questions_every_4_weeks(tmp_path: Path) -> None:
    assert onboard(tmp_path).exit_code == 0
    later = (TODAY + dt.timedelta(days=29)).isoformat()
    result = limber("today", "--date", later)
    assert result.exit_code == 4, result.output
    text = flat(result.output)
    assert "answer the safety questions again" in text and "limber init" in text


def test_interactive_init_after_a_red_flag_still_exits_3() -> None:
    from tests.cli.test_init import _interactive_input

    assert limber("init", input=_interactive_input(red=1)).exit_code == 3
    again = limber("init", input=_interactive_input())
    assert again.exit_code == 3, again.output
    text = flat(again.output)
    assert "cannot clear it" in text and "limber clearance add --kind red_flag" in text
    # The new answers are kept; the profile questions were never asked.
    assert counts()["screenings"] == 2 and counts()["profiles"] == 0
