"""Pain monitoring with memory through the store: check-ins, next mornings, flares, replans."""

import datetime as dt

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from limber.content.loader import default_library
from limber.plan.models import CheckIn, PlannedSession
from limber.plan.progression import ProgressionState
from limber.services.checkins import pending_next_day, record_checkin, record_next_day
from limber.services.errors import InvalidInput, RescreenNeeded
from limber.services.onboarding import save_screening
from limber.services.records import current_programme
from limber.services.safety import rescreen_due
from limber.services.sessions import finish_session, start_session
from limber.store.models import CheckInRecord
from tests.services.factories import answers, onboard

pytestmark = pytest.mark.db

LIB = default_library()


def _do(db: Session, uid: int, day: dt.date) -> int:
    log = start_session(db, user_id=uid, session_date=day)
    finish_session(db, user_id=uid, session_id=log.id, status="completed")
    return log.id


def _row(db: Session, session_id: int) -> CheckInRecord:
    row = db.scalar(select(CheckInRecord).where(CheckInRecord.session_id == session_id))
    assert row is not None
    return row


def _ahead(db: Session, uid: int, day: dt.date) -> PlannedSession:
    current = current_programme(db, user_id=uid)
    assert current is not None
    return next(s for s in current[1].sessions if s.date >= day)


def _state(db: Session, uid: int) -> ProgressionState:
    current = current_programme(db, user_id=uid)
    assert current is not None
    return ProgressionState.model_validate(current[0].progression)


def _jumps(session: PlannedSession) -> list[str]:
    return [
        pe.id
        for b in session.blocks
        for pe in b.exercises
        if "rope" in LIB[pe.id].equipment or LIB[pe.id].safety.impact != "none"
    ]


def test_three_red_sessions_flare_replan_without_rope_and_wait_for_the_questions(
    db: Session,
) -> None:
    uid, programme = onboard(db, weeks=3, pain_now=2, rope_experience="some")
    dates = sorted(s.date for s in programme.sessions)
    assert _jumps(_ahead(db, uid, dates[1]))
    kinds = []
    for day, pain in zip(dates[:3], [8, 9, 8], strict=True):
        try:
            sid = _do(db, uid, day)
        except RescreenNeeded:
            # The flare asked for the red-flag questions: the programme waited for them.
            assert rescreen_due(db, user_id=uid) is not None
            save_screening(db, user_id=uid, answers=answers())
            sid = _do(db, uid, day)
        checkin = CheckIn(pain_during=pain, pain_after=pain, effort=6)
        kinds.append(record_checkin(db, user_id=uid, session_id=sid, checkin=checkin, today=day))
    assert [d.kind for d in kinds] == ["regress", "flare", "regress"]
    assert kinds[1].rescreen and "second session in a row" in kinds[1].reason
    rows = db.scalars(select(CheckInRecord).order_by(CheckInRecord.id)).all()
    assert [r.rescreen for r in rows] == [False, True, False]
    state = _state(db, uid)
    assert [f.trigger for f in state.flares] == ["during"] and state.flares[0].end is None
    # The stored plan ahead has no rope and no jumping while the flare lasts.
    ahead = _ahead(db, uid, dates[3])
    assert _jumps(ahead) == []
    assert [pe.id for b in ahead.blocks if b.kind == "rope" for pe in b.exercises] != [
        "rope-less-bounce"
    ]


def test_late_worse_undoes_the_step_and_the_plan_ahead_follows(db: Session) -> None:
    uid, programme = onboard(db, weeks=3, pain_now=2)
    dates = sorted(s.date for s in programme.sessions)
    original = _ahead(db, uid, dates[3])
    good = CheckIn(pain_during=2, pain_after=2, effort=5, symptoms=[])
    s1 = _do(db, uid, dates[0])
    waiting = record_checkin(db, user_id=uid, session_id=s1, checkin=good, today=dates[0])
    assert waiting.kind == "wait" and _ahead(db, uid, dates[3]) == original
    up = record_next_day(
        db,
        user_id=uid,
        checkin_id=_row(db, s1).id,
        next_day="settled",
        morning_pain=2,
        today=dates[0] + dt.timedelta(days=1),
    )
    assert up.kind == "progress" and _ahead(db, uid, dates[3]) != original
    s2 = _do(db, uid, dates[1])
    record_checkin(db, user_id=uid, session_id=s2, checkin=good, today=dates[1])
    s3 = _do(db, uid, dates[2])
    record_checkin(db, user_id=uid, session_id=s3, checkin=good, today=dates[2])
    # Session 2's morning, answered only after session 3: worse.
    late = record_next_day(
        db,
        user_id=uid,
        checkin_id=_row(db, s2).id,
        next_day="worse",
        morning_pain=3,
        today=dates[2],
    )
    assert late.kind == "regress"
    assert [c.what for c in late.changes] == ["step up taken back"]
    assert _ahead(db, uid, dates[3]).blocks == original.blocks
    stored = _row(db, s2)
    assert (stored.next_day, stored.morning_pain, stored.next_day_verdict) == ("worse", 3, "red")
    assert stored.next_day_changes[0]["what"] == "step up taken back"


def test_symptom_list_morning_pain_and_inline_answers_are_stored(db: Session) -> None:
    uid, programme = onboard(db, weeks=2, pain_now=3)
    dates = sorted(s.date for s in programme.sessions)
    s1 = _do(db, uid, dates[0])
    decision = record_checkin(
        db,
        user_id=uid,
        session_id=s1,
        checkin=CheckIn(pain_during=1, pain_after=1, effort=3, symptoms=["fall", "unwell"]),
        today=dates[0],
    )
    assert decision.rescreen and "a fall" in decision.reason
    row = _row(db, s1)
    assert (row.symptoms, row.new_leg_symptoms, row.rescreen) == (["fall", "unwell"], False, True)
    with pytest.raises(InvalidInput, match="morning pain"):
        record_next_day(db, user_id=uid, checkin_id=row.id, next_day="same", morning_pain=11)
    assert row.next_day_verdict is None
    save_screening(db, user_id=uid, answers=answers())
    # A check-in that brings its next-morning answer: stored as that answer, not pending.
    s2 = _do(db, uid, dates[1])
    both = record_checkin(
        db,
        user_id=uid,
        session_id=s2,
        checkin=CheckIn(pain_during=1, pain_after=2, effort=4, next_day="settled", morning_pain=3),
        today=dates[1],
    )
    assert both.kind == "progress", both.reason
    assert "The next morning:" in both.message
    row2 = _row(db, s2)
    assert (row2.next_day, row2.morning_pain, row2.next_day_verdict) == ("settled", 3, "green")
    assert pending_next_day(db, user_id=uid, today=dates[1] + dt.timedelta(days=1)) is None
