"""History: session summaries, the streak and the pain series."""

import datetime as dt

import pytest
from sqlalchemy.orm import Session

from limber.plan.models import CheckIn
from limber.services.checkins import record_checkin, record_next_day
from limber.services.history import history, pain_series, streak
from limber.services.sessions import (
    finish_session,
    get_session,
    record_step,
    start_session,
    timeline_of,
)
from limber.services.users import create_user
from tests.services.factories import onboard

pytestmark = pytest.mark.db


def _complete(db: Session, uid: int, day: dt.date) -> int:
    log = start_session(db, user_id=uid, session_date=day)
    for step in timeline_of(log).steps:
        record_step(
            db,
            user_id=uid,
            session_id=log.id,
            step_index=step.index,
            status="done",
            seconds=step.duration_s,
        )
    finish_session(db, user_id=uid, session_id=log.id, status="completed")
    return log.id


def test_history_summarises_steps_minutes_and_checkin(db: Session) -> None:
    uid, programme = onboard(db)
    dates = sorted(s.date for s in programme.sessions)
    first = _complete(db, uid, dates[0])
    record_checkin(
        db,
        user_id=uid,
        session_id=first,
        checkin=CheckIn(pain_during=7, pain_after=4, effort=6),
        today=dates[0],
    )
    checkin_id = history(db, user_id=uid)[0].checkin_id
    assert checkin_id is not None
    record_next_day(db, user_id=uid, checkin_id=checkin_id, next_day="worse", today=dates[1])
    second = start_session(db, user_id=uid, session_date=dates[1])
    steps = timeline_of(second).steps
    record_step(db, user_id=uid, session_id=second.id, step_index=0, status="done", seconds=60)
    record_step(db, user_id=uid, session_id=second.id, step_index=1, status="skipped", seconds=2)
    finish_session(db, user_id=uid, session_id=second.id, status="stopped")

    done, stopped = history(db, user_id=uid)
    total = sum(
        s.duration_s for s in timeline_of(get_session(db, user_id=uid, session_id=first)).steps
    )
    assert (done.session_id, done.date, done.status) == (first, dates[0], "completed")
    assert done.steps_done == done.steps_total and done.steps_skipped == 0
    assert done.minutes == round(total / 60, 1)
    assert (done.pain_during, done.pain_after, done.effort) == (7, 4, 6)
    assert (done.verdict, done.next_day, done.next_day_verdict) == ("red", "worse", "red")
    assert done.changes and all(c["reason"] for c in done.changes)
    assert (stopped.status, stopped.steps_done, stopped.steps_skipped) == ("stopped", 1, 1)
    assert stopped.steps_total == len(steps)
    assert stopped.minutes == 1.0
    assert stopped.checkin_id is None and stopped.changes == []


def test_streak_counts_planned_sessions_done_in_a_row(db: Session) -> None:
    uid, programme = onboard(db)
    dates = sorted(s.date for s in programme.sessions)
    assert streak(db, user_id=uid, today=dates[0]) == 0
    _complete(db, uid, dates[0])
    _complete(db, uid, dates[1])
    # Today's session (dates[2]) is still ahead: it does not break the streak.
    assert streak(db, user_id=uid, today=dates[2]) == 2
    # A day after dates[2] it was missed: the streak is broken.
    assert streak(db, user_id=uid, today=dates[2] + dt.timedelta(days=1)) == 0
    _complete(db, uid, dates[2])
    assert streak(db, user_id=uid, today=dates[3]) == 3
    bob = create_user(db, username="bob", password_hash="x").id
    assert streak(db, user_id=bob, today=dates[3]) == 0


def test_pain_series_follows_session_dates(db: Session) -> None:
    uid, programme = onboard(db)
    dates = sorted(s.date for s in programme.sessions)
    for day, (during, after) in zip(dates[:3], [(3, 2), (2, 1), (1, 0)], strict=True):
        sid = _complete(db, uid, day)
        record_checkin(
            db,
            user_id=uid,
            session_id=sid,
            checkin=CheckIn(pain_during=during, pain_after=after, effort=5),
            today=day,
        )
    assert pain_series(db, user_id=uid) == [
        (dates[0], 3, 2),
        (dates[1], 2, 1),
        (dates[2], 1, 0),
    ]
    bob = create_user(db, username="bob", password_hash="x").id
    assert pain_series(db, user_id=bob) == []
