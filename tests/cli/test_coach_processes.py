"""The coach as a real process: in a pseudo-terminal, and killed with SIGKILL mid-session."""

import datetime as dt
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pexpect
import pytest
from sqlalchemy import select

from limber.settings import load_settings
from limber.store.db import Database
from limber.store.models import CheckInRecord, SessionLog, StepLog
from tests.cli.helpers import limber, onboard

LIMBER = str(Path(sys.executable).with_name("limber"))


def _log_and_steps() -> tuple[SessionLog | None, list[StepLog]]:
    database = Database(load_settings())
    try:
        with database.session() as db:
            log = db.scalar(select(SessionLog).order_by(SessionLog.id.desc()))
            steps = list(db.scalars(select(StepLog).order_by(StepLog.step_index)))
            return log, steps
    finally:
        database.dispose()


def _spawn(*args: str) -> pexpect.spawn:
    return pexpect.spawn(
        LIMBER,
        list(args),
        env=dict(os.environ),
        encoding="utf-8",
        timeout=60,
        dimensions=(40, 100),
    )


@pytest.mark.terminal
def test_coach_in_a_terminal_logs_every_step(tmp_path: Path) -> None:
    assert onboard(tmp_path).exit_code == 0
    child = _spawn("session", "start", "--speed", "100")
    child.expect("Limber coach")
    child.expect("Check in now", timeout=120)
    child.sendline("n")
    child.expect("limber checkin --session 1")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    log, steps = _log_and_steps()
    assert log is not None and log.status == "completed"
    assert [s.step_index for s in steps] == list(range(len(log.timeline["steps"])))
    assert {s.status for s in steps} == {"done"}


@pytest.mark.terminal
def test_coach_keys_pause_skip_and_quit(tmp_path: Path) -> None:
    assert onboard(tmp_path).exit_code == 0
    child = _spawn("session", "start", "--speed", "2")
    child.expect("Limber coach")
    child.send(" ")
    child.expect("PAUSED")
    child.send(" ")
    child.send("n")
    child.send("q")
    child.expect("stopped after 1 of")
    child.expect("Check in now")
    child.sendline("y")
    for value in ("3", "2", "5"):
        child.expect(r"\(0-10\)")
        child.sendline(value)
    child.expect("anything new or worse")
    child.expect(r"Numbers of any that apply")
    child.sendline("9")
    child.expect("numbers from 1 to 6")
    child.sendline("")
    child.expect("Check-in for session 1")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    log, steps = _log_and_steps()
    assert log is not None and log.status == "stopped"
    assert [(s.step_index, s.status) for s in steps] == [(0, "skipped")]
    summary = json.loads(limber("history", "--json").stdout)["sessions"][0]
    assert (summary["pain_during"], summary["pain_after"], summary["effort"]) == (3, 2, 5)
    assert (summary["steps_done"], summary["steps_skipped"]) == (0, 1)


@pytest.mark.db
def test_sigkill_mid_session_keeps_the_completed_steps(tmp_path: Path) -> None:
    assert onboard(tmp_path).exit_code == 0
    proc = subprocess.Popen(
        [LIMBER, "session", "start", "--speed", "20"],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        steps: list[StepLog] = []
        while time.monotonic() < deadline:
            _, steps = _log_and_steps()
            if len(steps) >= 4:
                break
            time.sleep(0.2)
        assert len(steps) >= 4, "the coach recorded too few steps in time"
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
    assert proc.returncode == -signal.SIGKILL
    log, after = _log_and_steps()
    assert log is not None and log.status == "in_progress"
    assert len(after) >= len(steps)
    assert [s.step_index for s in after] == list(range(len(after)))
    assert all(s.status == "done" for s in after)
    # Starting again resumes the same session where it stopped and completes it.
    result = limber("session", "start", "--speed", "1000")
    assert result.exit_code == 0, result.output
    assert f"Resuming session {log.id} at step {len(after) + 1}" in " ".join(result.stdout.split())
    final, all_steps = _log_and_steps()
    assert final is not None and final.id == log.id and final.status == "completed"
    assert [s.step_index for s in all_steps] == list(range(len(log.timeline["steps"])))


@pytest.mark.terminal
def test_checkin_on_a_terminal_asks_for_missing_values(tmp_path: Path) -> None:
    assert onboard(tmp_path).exit_code == 0
    assert limber("session", "start", "--speed", "1000").exit_code == 0
    child = _spawn("checkin", "--effort", "4")
    child.expect(r"during the session.*\(0-10\)")
    child.sendline("12")
    child.expect("whole number from 0 to 10")
    child.sendline("1")
    child.expect(r"after the session.*\(0-10\)")
    child.sendline("1")
    child.expect("anything new or worse")
    child.expect(r"Numbers of any that apply")
    child.sendline("9")
    child.expect("numbers from 1 to 6")
    child.sendline("")
    # The session had jumping: the pelvic-floor question (R4) comes before the summary.
    child.expect("leak urine")
    child.sendline("n")
    child.expect("Check-in for session 1")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    summary = json.loads(limber("history", "--json").stdout)["sessions"][0]
    assert (summary["pain_during"], summary["pain_after"], summary["effort"]) == (1, 1, 4)
    assert summary["verdict"] == "green"


@pytest.mark.terminal
def test_checkin_on_a_terminal_asks_the_morning_after_question(tmp_path: Path) -> None:
    assert onboard(tmp_path).exit_code == 0
    assert limber("session", "start", "--speed", "1000").exit_code == 0
    values = ["--pain-during", "2", "--pain-after", "3", "--effort", "5"]
    assert limber("checkin", *values).exit_code == 0
    database = Database(load_settings())
    with database.session() as db:
        row = db.scalar(select(CheckInRecord))
        assert row is not None
        row.at = row.at - dt.timedelta(days=1)
    database.dispose()
    child = _spawn("checkin")
    child.expect("How is your back this morning")
    child.sendline("worse")
    child.expect(r"Pain this morning.*\(0-10\)")
    child.sendline("3")
    child.expect("The morning after")
    child.expect("worse the next morning")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    summary = json.loads(limber("history", "--json").stdout)["sessions"][0]
    assert (summary["next_day"], summary["next_day_verdict"]) == ("worse", "red")
