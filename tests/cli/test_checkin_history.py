"""``limber session start`` off a terminal, ``limber checkin`` and ``limber history``."""

import json
from pathlib import Path

import pytest

from tests.cli.helpers import counts, flat, limber, onboard

pytestmark = pytest.mark.db


def _session(date: str | None = None) -> int:
    """Play a session at top speed off a terminal; return its id."""
    args = ["session", "start", "--speed", "1000"] + (["--date", date] if date else [])
    result = limber(*args)
    assert result.exit_code == 0, result.output
    assert "complete" in result.stdout
    history = json.loads(limber("history", "--json").stdout)
    return int(history["sessions"][-1]["session_id"])


def _dates() -> list[str]:
    return [s["date"] for s in json.loads(limber("plan", "--json").stdout)["sessions"]]


def test_session_off_a_terminal_plays_through_and_logs_every_step(tmp_path: Path) -> None:
    assert onboard(tmp_path).exit_code == 0
    result = limber("session", "start", "--speed", "1000")
    assert result.exit_code == 0, result.output
    out = flat(result.stdout)
    assert "limber checkin --session 1" in out
    summary = json.loads(limber("history", "--json").stdout)["sessions"][0]
    assert summary["status"] == "completed"
    assert summary["steps_done"] == summary["steps_total"] == counts()["steps"]
    assert f"[{summary['steps_total']}/{summary['steps_total']}]" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["session", "start", "--speed", "0"], "--speed"),
        (["session", "start", "--speed", "fast"], "--speed"),
        (["session", "start", "--date", "tomorrow"], "--date must be a date"),
    ],
)
def test_session_start_bad_options(tmp_path: Path, args: list[str], message: str) -> None:
    assert onboard(tmp_path).exit_code == 0
    result = limber(*args)
    assert result.exit_code == 2
    assert message in flat(result.output)
    assert counts()["sessions"] == 0


def test_scripted_checkins_through_the_cli(tmp_path: Path) -> None:
    assert onboard(tmp_path, profile__equipment=["chair_or_box", "mat", "rope"]).exit_code == 0
    dates = _dates()
    # A good check-in waits; the settled next morning raises the load (issue 11).
    script = [
        (("1", "1", "5"), "green", "settled"),
        (("1", "2", "6"), "green", "settled"),
        (("2", "7", "5"), "amber", None),
        (("7", "6", "6"), "red", None),
    ]
    for date, (values, verdict, morning) in zip(dates, script, strict=False):
        sid = _session(date)
        during, after, effort = values
        result = limber(
            "checkin",
            "--session",
            str(sid),
            "--pain-during",
            during,
            "--pain-after",
            after,
            "--effort",
            effort,
        )
        assert result.exit_code == 0, result.output
        out = flat(result.stdout)
        assert f"Check-in for session {sid}: {verdict}" in out
        if verdict == "green":
            assert "until tomorrow morning" in out and "•" not in out
        elif verdict == "amber":
            assert "stays as it was" in out and "•" not in out
        else:
            assert ": less," in out
            assert "Why:" in out or " — " in out
        if morning:
            settled = limber(
                "checkin", "--session", str(sid), "--next-day", morning, "--morning-pain", "2"
            )
            assert settled.exit_code == 0, settled.output
            said = flat(settled.stdout)
            assert "The morning after: green" in said and ": more," in said
            assert "settled by the next morning" in said
    worse = limber("checkin", "--session", "4", "--next-day", "worse", "--morning-pain", "3")
    assert worse.exit_code == 0, worse.output
    out = flat(worse.stdout)
    assert "The morning after: red" in out and "worse the next morning" in out
    again = limber("checkin", "--session", "4", "--next-day", "same")
    assert again.exit_code == 2 and "already has its next-day answer" in flat(again.stderr)
    history = json.loads(limber("history", "--json").stdout)
    assert [s["verdict"] for s in history["sessions"]] == ["green", "green", "amber", "red"]
    assert [s["next_day_verdict"] for s in history["sessions"]] == ["green", "green", None, "red"]
    assert all(c["reason"] for s in history["sessions"] for c in s["changes"])
    assert [p["during"] for p in history["pain"]] == [1, 1, 2, 7]
    text = limber("history")
    assert text.exit_code == 0 and "Streak" in text.stdout


def test_checkin_bad_input_exits_2_and_writes_nothing(tmp_path: Path) -> None:
    assert onboard(tmp_path).exit_code == 0
    values = ["--pain-during", "2", "--pain-after", "2", "--effort", "5"]
    no_session = limber("checkin", *values)
    assert no_session.exit_code == 2
    assert "no session to check in" in flat(no_session.stderr)
    sid = _session()
    cases = [
        (["checkin", "--session", "999", *values], "no session with id 999"),
        (
            [
                "checkin",
                "--session",
                str(sid),
                "--pain-during",
                "11",
                "--pain-after",
                "2",
                "--effort",
                "5",
            ],
            "--pain-during",
        ),
        (["checkin", "--session", str(sid), "--pain-during", "2"], "missing --pain-after"),
        (["checkin", "--next-day", "better"], "--next-day"),
        (["checkin", "--next-day", "worse"], "no check-in from yesterday"),
        (["checkin", "--session", str(sid), "--next-day", "worse"], "has no check-in yet"),
        (["checkin", "--session", "abc", *values], "--session"),
        (["checkin", "--session", str(sid), *values, "--symptom", "headache"], "'headache'"),
        (["checkin", "--session", str(sid), *values, "--morning-pain", "2"], "--next-day"),
        (
            ["checkin", "--session", str(sid), "--next-day", "same", "--morning-pain", "11"],
            "--morning-pain",
        ),
    ]
    for args, message in cases:
        result = limber(*args)
        assert result.exit_code == 2, (args, result.output)
        assert message in flat(result.output), (args, result.output)
        assert "Traceback" not in result.output
        assert counts()["checkins"] == 0
    assert limber("checkin", "--session", str(sid), *values).exit_code == 0
    again = limber("checkin", "--session", str(sid), *values)
    assert again.exit_code == 2 and "already has a check-in" in flat(again.stderr)
    assert counts()["checkins"] == 1


@pytest.mark.parametrize("flag", [["--leg-symptoms"], ["--symptom", "fall"]])
def test_symptoms_ask_to_rescreen(tmp_path: Path, flag: list[str]) -> None:
    assert onboard(tmp_path).exit_code == 0
    sid = _session()
    result = limber(
        "checkin",
        "--session",
        str(sid),
        "--pain-during",
        "2",
        "--pain-after",
        "2",
        "--effort",
        "4",
        *flag,
    )
    assert result.exit_code == 0
    assert "answer the safety questions again" in flat(result.stdout)
    # The programme waits until the red-flag questions are answered again.
    waiting = limber("today")
    assert waiting.exit_code == 4 and "limber init" in flat(waiting.output)
    assert onboard(tmp_path).exit_code == 0
    today = limber("today")
    assert today.exit_code == 0, today.output
    assert "answer the safety questions again" not in flat(today.stdout)


def test_history_is_empty_at_first() -> None:
    result = limber("history", "--json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert {k: data[k] for k in ("streak", "sessions", "pain", "clearances")} == {
        "streak": 0,
        "sessions": [],
        "pain": [],
        "clearances": [],
    }
    assert "No sessions yet" in limber("history").stdout


def test_after_a_red_flag_the_session_is_breathing_only(tmp_path: Path) -> None:
    assert onboard(tmp_path, red_flags__spreading_weakness=True).exit_code == 3
    result = limber("session", "start", "--speed", "1000")
    assert result.exit_code == 0, result.output
    assert "breathing-only session" in flat(result.stdout)
    summary = json.loads(limber("history", "--json").stdout)["sessions"][0]
    assert summary["breathing_only"] is True and summary["status"] == "completed"
    assert counts()["programmes"] == 0
    checkin = limber("checkin", "--pain-during", "1", "--pain-after", "1", "--effort", "2")
    assert checkin.exit_code == 0, checkin.output
    assert counts()["programmes"] == 0
