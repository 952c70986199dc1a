"""Session logs: start or resume, record steps as they happen, finish."""

import datetime as dt

import pytest
from sqlalchemy import event, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from limber.content.loader import default_library
from limber.services.errors import InvalidInput, NoProgramme, NotFound
from limber.services.onboarding import today_session
from limber.services.sessions import (
    finish_session,
    get_session,
    planned_of,
    record_step,
    resume_point,
    start_session,
    timeline_of,
)
from limber.services.users import create_user
from limber.session.timeline import build_timeline
from limber.store.db import Database
from limber.store.models import SessionLog, StepLog
from tests.services.factories import START, onboard

pytestmark = pytest.mark.db


def test_start_stores_the_timeline_of_the_planned_session(db: Session) -> None:
    uid, _ = onboard(db)
    log = start_session(db, user_id=uid, session_date=START)
    planned = today_session(db, user_id=uid, today=START)
    assert planned is not None
    assert planned_of(log) == planned
    assert timeline_of(log) == build_timeline(planned, default_library())
    assert log.status == "in_progress"
    assert log.planned_minutes == planned.minutes
    assert log.programme_id is not None


def test_starting_twice_resumes_the_same_log(db: Session) -> None:
    uid, _ = onboard(db)
    first = start_session(db, user_id=uid, session_date=START)
    record_step(db, user_id=uid, session_id=first.id, step_index=0, status="done", seconds=5)
    again = start_session(db, user_id=uid, session_date=START)
    assert again.id == first.id
    assert db.scalar(select(func.count()).select_from(SessionLog)) == 1
    assert resume_point(db, user_id=uid, session_id=again.id) == 1


def test_record_step_is_idempotent_per_index(db: Session) -> None:
    uid, _ = onboard(db)
    log = start_session(db, user_id=uid, session_date=START)
    record_step(db, user_id=uid, session_id=log.id, step_index=2, status="skipped", seconds=1)
    row = record_step(
        db, user_id=uid, session_id=log.id, step_index=2, status="done", seconds=4, pain=3
    )
    rows = db.scalars(select(StepLog)).all()
    assert len(rows) == 1
    assert (row.status, row.seconds, row.pain) == ("done", 4, 3)
    step = timeline_of(log).steps[2]
    assert (row.kind, row.exercise_id) == (step.kind, step.exercise_id)
    # Steps 0 and 1 are still missing, so the session resumes at 0.
    assert resume_point(db, user_id=uid, session_id=log.id) == 0


def test_a_step_is_flushed_and_the_caller_commits(database: Database, db: Session) -> None:
    uid, _ = onboard(db)
    db.commit()
    log = start_session(db, user_id=uid, session_date=START)
    record_step(db, user_id=uid, session_id=log.id, step_index=0, status="done", seconds=6)
    assert db.scalar(select(func.count()).select_from(StepLog)) == 1
    with database.session() as other:
        assert other.scalar(select(func.count()).select_from(StepLog)) == 0
        assert other.get(SessionLog, log.id) is None
    db.commit()
    with database.session() as other:
        assert other.scalar(select(func.count()).select_from(StepLog)) == 1
        assert other.get(SessionLog, log.id) is not None


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"step_index": -1}, "does not exist"),
        ({"step_index": 10_000}, "does not exist"),
        ({"status": "maybe"}, "done"),
        ({"seconds": -1.0}, "seconds"),
        ({"seconds": float("nan")}, "seconds"),
        ({"pain": 11}, "pain"),
    ],
)
def test_record_step_refuses_bad_values(
    db: Session, kwargs: dict[str, object], message: str
) -> None:
    uid, _ = onboard(db)
    log = start_session(db, user_id=uid, session_date=START)
    args: dict[str, object] = {"step_index": 0, "status": "done", "seconds": 1.0, **kwargs}
    with pytest.raises(InvalidInput, match=message):
        record_step(db, user_id=uid, session_id=log.id, **args)  # type: ignore[arg-type]
    assert db.scalar(select(func.count()).select_from(StepLog)) == 0


def test_other_users_sessions_are_not_found(db: Session) -> None:
    uid, _ = onboard(db)
    log = start_session(db, user_id=uid, session_date=START)
    bob = create_user(db, username="bob", password_hash="x").id
    with pytest.raises(NotFound):
        get_session(db, user_id=bob, session_id=log.id)
    with pytest.raises(NotFound):
        record_step(db, user_id=bob, session_id=log.id, step_index=0, status="done", seconds=1)
    with pytest.raises(NotFound):
        get_session(db, user_id=uid, session_id=log.id + 100)


def test_finish_closes_the_log_and_refuses_more_steps(db: Session) -> None:
    uid, _ = onboard(db)
    log = start_session(db, user_id=uid, session_date=START)
    record_step(db, user_id=uid, session_id=log.id, step_index=0, status="done", seconds=6)
    finished = finish_session(db, user_id=uid, session_id=log.id, status="stopped")
    assert finished.status == "stopped" and finished.finished_at is not None
    assert finish_session(db, user_id=uid, session_id=log.id, status="stopped").id == log.id
    with pytest.raises(InvalidInput, match="already stopped"):
        record_step(db, user_id=uid, session_id=log.id, step_index=1, status="done", seconds=6)
    with pytest.raises(InvalidInput, match="already stopped"):
        finish_session(db, user_id=uid, session_id=log.id, status="completed")
    with pytest.raises(InvalidInput):
        finish_session(db, user_id=uid, session_id=log.id, status="paused")  # type: ignore[arg-type]


def test_a_completed_session_is_not_offered_again(db: Session) -> None:
    uid, programme = onboard(db)
    dates = sorted(s.date for s in programme.sessions)
    log = start_session(db, user_id=uid, session_date=dates[0])
    finish_session(db, user_id=uid, session_id=log.id, status="completed")
    nxt = start_session(db, user_id=uid, session_date=dates[0])
    assert nxt.id != log.id
    assert nxt.session_date == dates[1]


def test_no_session_after_the_programme_ends(db: Session) -> None:
    uid, programme = onboard(db, weeks=1)
    after = max(s.date for s in programme.sessions) + dt.timedelta(days=1)
    with pytest.raises(NoProgramme, match="finished"):
        start_session(db, user_id=uid, session_date=after)


def test_a_step_recorded_concurrently_is_updated_not_duplicated(
    database: Database, db: Session
) -> None:
    uid, _ = onboard(db)
    log = start_session(db, user_id=uid, session_date=START)
    db.commit()  # what the caller does: the other writer must see the session
    fired = []

    def other_writer(session: Session, _context: object, _instances: object) -> None:
        # Another request records the same step just before this one writes.
        if fired:
            return
        fired.append(True)
        with database.session() as other:
            other.add(StepLog(session_id=log.id, step_index=0, kind="prepare", status="skipped"))

    event.listen(db, "before_flush", other_writer)
    try:
        row = record_step(
            db, user_id=uid, session_id=log.id, step_index=0, status="done", seconds=6
        )
    finally:
        event.remove(db, "before_flush", other_writer)
    assert fired
    rows = db.scalars(select(StepLog)).all()
    assert [(r.step_index, r.status, r.seconds) for r in rows] == [(0, "done", 6)]
    assert row.id == rows[0].id


def test_the_database_refuses_a_second_row_for_a_step(db: Session) -> None:
    uid, _ = onboard(db)
    log = start_session(db, user_id=uid, session_date=START)
    db.add_all(
        [
            StepLog(session_id=log.id, step_index=1, kind="hold", status="done"),
            StepLog(session_id=log.id, step_index=1, kind="hold", status="done"),
        ]
    )
    with pytest.raises(IntegrityError):
        db.flush()
    db.rollback()
