"""The demo history: written through the real services, realistic, and deterministic."""

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from limber.services.assessments import assessment_due
from limber.services.dashboard import build_dashboard
from limber.services.demo import fill_demo
from limber.services.errors import InvalidInput
from limber.settings import Settings
from limber.store.assessments import Assessment
from limber.store.db import Database
from limber.store.models import CheckInRecord, SessionLog, StepLog

pytestmark = pytest.mark.db

TODAY = dt.date(2026, 6, 15)


def _fingerprint(db: Session) -> tuple[list[tuple[object, ...]], ...]:
    logs = [(s.session_date, s.status, s.started_at) for s in db.scalars(select(SessionLog))]
    checkins = [
        (c.pain_during, c.pain_after, c.verdict, c.next_day)
        for c in db.scalars(select(CheckInRecord))
    ]
    assessments = [(a.measure, a.value, a.taken_at) for a in db.scalars(select(Assessment))]
    return logs, checkins, assessments


def _run(home: Path, seed: int) -> tuple[list[tuple[object, ...]], ...]:
    database = Database(Settings(home=home))
    with database.session() as db:
        fill_demo(db, weeks=2, seed=seed, today=TODAY)
        out = _fingerprint(db)
    database.dispose()
    return out


def test_same_seed_same_history_other_seed_other_history(tmp_path: Path) -> None:
    first = _run(tmp_path / "a", 7)
    assert first == _run(tmp_path / "b", 7)
    assert first != _run(tmp_path / "c", 8)


def test_demo_fills_sessions_checkins_and_assessments(db: Session) -> None:
    result = fill_demo(db, weeks=3, seed=1, today=TODAY)
    assert result.sessions >= 5 and result.checkins == result.sessions
    logs = list(db.scalars(select(SessionLog)))
    assert all(result.start <= log.session_date < TODAY for log in logs)
    # Timestamps are moved back to the day the session happened.
    assert all(log.started_at.date() == log.session_date for log in logs)
    assert db.scalars(select(StepLog)).first() is not None
    # Baseline and one re-assessment two weeks later, for every measure.
    days = {a.taken_at.date() for a in db.scalars(select(Assessment))}
    assert days == {result.start, result.start + dt.timedelta(days=14)}
    # Rope work and the 60-second jump test leave jump-counter results, read by the test.
    assert result.jump_results > 0
    tests = [a for a in db.scalars(select(Assessment)) if a.measure == "jump_test"]
    assert tests and all(a.source == "jump_result" and a.jump_result_id for a in tests)
    d = build_dashboard(db, user_id=result.user_id, today=TODAY)
    assert {w.source for w in d.jumps} == {"counted"}
    assert all(v > 0 for v in d.total_minutes().values())
    assert d.adherence_pct is not None and 50 < d.adherence_pct <= 100
    # The last assessment was 7 days ago: nothing is due yet.
    assert assessment_due(db, user_id=result.user_id, today=TODAY) == []


def test_demo_refuses_to_overwrite_history_and_odd_lengths(db: Session) -> None:
    fill_demo(db, weeks=1, seed=1, today=TODAY)
    with pytest.raises(InvalidInput, match="already"):
        fill_demo(db, weeks=1, seed=1, today=TODAY)
    with pytest.raises(InvalidInput, match="1 to 26 weeks"):
        fill_demo(db, weeks=0, seed=1, today=TODAY)
