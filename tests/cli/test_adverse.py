"""``limber adverse report`` and ``limber adverse list``: scripted, interactive, and refusals."""

import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from limber.settings import load_settings
from limber.store.adverse import AdverseEvent
from limber.store.db import Database
from tests.cli.helpers import flat, limber, onboard

pytestmark = pytest.mark.db

BASE: dict[str, str | None] = {
    "type": "pain",
    "onset": "within_24h",
    "duration": "under_24h",
    "severity": "mild",
    "serious": "--not-serious",
    "relatedness": "possible",
    "action": "Rested and walked a little",
}


def _args(**changes: str | None) -> list[str]:
    """The options of a mild pain report, with ``changes`` (None leaves an option out)."""
    values = {**BASE, **changes}
    out: list[str] = []
    for name, value in values.items():
        if value is None:
            continue
        out += [value] if name == "serious" else [f"--{name}", value]
    return out


MILD = _args()


def _rows() -> int:
    settings = load_settings()
    if not (settings.home / "limber.db").exists():
        return 0
    database = Database(settings)
    try:
        with database.session() as db:
            return db.scalar(select(func.count()).select_from(AdverseEvent)) or 0
    finally:
        database.dispose()


def test_a_scripted_report_is_stored_and_listed() -> None:
    result = limber("adverse", "report", *MILD, "--note", "after the stretches")
    assert result.exit_code == 0, result.output
    out = flat(result.stdout)
    assert "Adverse event 1 recorded: More pain, mild, not serious." in out
    assert "If it gets worse" in out and "Flag:" not in out
    listed = json.loads(limber("adverse", "list", "--json").stdout)
    assert len(listed) == 1
    event = listed[0]
    assert (event["type"], event["onset"], event["duration"]) == (
        "pain",
        "within_24h",
        "under_24h",
    )
    assert event["action_taken"] == "Rested and walked a little"
    assert event["note"] == "after the stretches" and event["needs_review"] is False
    table = flat(limber("adverse", "list").stdout)
    assert "1 adverse event" in table and "action taken: Rested and walked a little" in table


def test_a_serious_event_prints_what_to_do_now_and_the_flag() -> None:
    result = limber("adverse", "report", *_args(serious="--serious"))
    assert result.exit_code == 0, result.output
    out = flat(result.stdout)
    assert "What to do now: Seek urgent care now" in out
    assert "Flag: needs human review within 1 working day (by " in out
    listed = flat(limber("adverse", "list").stdout)
    assert "FLAG: needs human review within 1 working day" in listed


def test_a_severe_fall_needs_review_but_not_an_ambulance() -> None:
    result = limber("adverse", "report", *_args(type="fall", severity="severe"))
    assert result.exit_code == 0, result.output
    out = flat(result.stdout)
    assert "contact your doctor today" in out and "Flag: needs human review" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (_args(type="bruise"), "unknown type 'bruise'; choose one of: pain, numbness"),
        (_args(onset="later"), "unknown onset 'later'"),
        (_args(duration="week"), "unknown duration 'week'"),
        (_args(severity="bad"), "unknown severity 'bad'"),
        (_args(relatedness="sure"), "unknown relatedness 'sure'"),
        (_args(action="   "), "action taken cannot be empty"),
        (_args(action="x" * 501), "at most 500 characters"),
        ([*MILD, "--note", "x" * 2001], "the note is too long"),
        ([*MILD, "--session", "99"], "no session with id 99"),
        (_args(type=None), "missing --type"),
        (_args(serious=None), "missing --serious/--not-serious"),
    ],
)
def test_bad_input_exits_2_and_stores_nothing(args: list[str], message: str) -> None:
    result = limber("adverse", "report", *args)
    assert result.exit_code == 2, result.output
    assert message in flat(result.stderr)
    assert "Traceback" not in result.output
    assert _rows() == 0


def test_a_report_names_a_session_and_history_shows_it(tmp_path: Path) -> None:
    assert onboard(tmp_path).exit_code == 0
    assert limber("session", "start", "--speed", "1000").exit_code == 0
    sid = json.loads(limber("history", "--json").stdout)["sessions"][-1]["session_id"]
    args = [*_args(type="chest_symptoms"), "--session", str(sid)]
    result = limber("adverse", "report", *args)
    assert result.exit_code == 0, result.output
    assert "Seek urgent care now" in flat(result.stdout)
    history = json.loads(limber("history", "--json").stdout)
    assert history["adverse_events"][0]["session_id"] == sid
    assert history["adverse_events"][0]["needs_review"] is True
    row = next(s for s in history["sessions"] if s["session_id"] == sid)
    assert row["adverse_event_ids"] == [history["adverse_events"][0]["id"]]
    text = flat(limber("history").stdout)
    assert "Adverse events reported: 1" in text
    assert "FLAG: needs human review within 1 working day" in text


def test_on_a_terminal_the_missing_answers_are_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("limber.cli.adverse.interactive", lambda: True)
    # A wrong choice is asked again; an empty action is asked again; no session.
    answers = ["bruise", "dizziness", "during_session", "1_to_7_days", "moderate", "n"]
    answers += ["unlikely", "", "Sat down and drank water", ""]
    result = limber("adverse", "report", input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.output
    assert "What happened?" in result.stdout and "Was it serious?" in result.stdout
    event = json.loads(limber("adverse", "list", "--json").stdout)[0]
    assert (event["type"], event["severity"], event["serious"]) == ("dizziness", "moderate", False)
    assert event["duration"] == "1_to_7_days" and event["relatedness"] == "unlikely"
    assert event["action_taken"] == "Sat down and drank water" and event["session_id"] is None


def test_only_the_missing_answers_are_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("limber.cli.adverse.interactive", lambda: True)
    args = _args(action=None)
    result = limber("adverse", "report", *args, input="Iced it\n\n")
    assert result.exit_code == 0, result.output
    assert "What happened?" not in result.stdout
    assert json.loads(limber("adverse", "list", "--json").stdout)[0]["action_taken"] == "Iced it"


def test_input_ending_early_saves_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("limber.cli.adverse.interactive", lambda: True)
    result = limber("adverse", "report", input="pain\nduring_session\n")
    assert result.exit_code == 2
    assert "nothing was saved" in flat(result.stderr)
    assert _rows() == 0


def test_list_is_empty_at_first() -> None:
    assert json.loads(limber("adverse", "list", "--json").stdout) == []
    assert "No adverse events reported" in limber("adverse", "list").stdout
