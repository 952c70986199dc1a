"""Small factories for progress tests: rows written straight to the tables, no planner needed.

The demo (``limber.services.demo``) fills history through the real services; these factories
stay independent of them so exports and charts can be tested in isolation.
"""

import datetime as dt
from typing import Any

from sqlalchemy.orm import Session

from limber.plan.models import PlannedSession, Programme
from limber.services.assessments import record_assessment, record_peg, record_who5
from limber.services.users import get_or_create_local_user
from limber.store.models import (
    CheckInRecord,
    ProfileRecord,
    ProgrammeRecord,
    Screening,
    SessionLog,
    StepLog,
    User,
)

START = dt.date(2026, 3, 2)  # a Monday

STEPS: list[dict[str, Any]] = [
    {
        "index": 0,
        "kind": "breath",
        "start_s": 0,
        "duration_s": 120,
        "title": "Belly breathing",
        "cue": "Breathe in",
        "block": "opening_breathing",
        "exercise_id": None,
    },
    {
        "index": 1,
        "kind": "hold",
        "start_s": 120,
        "duration_s": 300,
        "title": "Cat-cow",
        "cue": "Move",
        "block": "mobility",
        "exercise_id": None,
    },
    {
        "index": 2,
        "kind": "work",
        "start_s": 420,
        "duration_s": 180,
        "title": "Basic bounce",
        "cue": "Jump",
        "block": "rope",
        "exercise_id": None,
        "cadence_per_min": 100,
    },
    {
        "index": 3,
        "kind": "rest",
        "start_s": 600,
        "duration_s": 60,
        "title": "Rest",
        "cue": "Rest",
        "block": "rope",
        "exercise_id": None,
    },
]


def programme(weeks: int = 3) -> Programme:
    sessions = []
    for week in range(weeks):
        for n, offset in enumerate((0, 2, 4)):
            day = START + dt.timedelta(weeks=week, days=offset)
            sessions.append(
                PlannedSession(
                    date=day, week=week + 1, number=week * 3 + n + 1, minutes=11, blocks=[]
                )
            )
    return Programme(start=START, weeks=weeks, sessions=sessions, notes=["A test plan"])


def at(day: dt.date, hour: int = 18) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=dt.UTC)


def history(db: Session, *, weeks: int = 3) -> User:
    """A user with screening, profile, a programme, sessions, check-ins and assessments."""
    user = get_or_create_local_user(db)
    user.display_name = "Sam Example"
    db.add(
        Screening(
            user_id=user.id,
            taken_at=at(START, 8),
            answers={"red_flags": {}},
            outcome="clear",
            result={"flags": []},
        )
    )
    db.add(
        ProfileRecord(
            user_id=user.id,
            saved_at=at(START, 8),
            data={"pain_area": "low_back", "pain_now": 6, "conditions": []},
        )
    )
    plan = programme(weeks)
    record = ProgrammeRecord(
        user_id=user.id,
        created_at=at(START, 8),
        start=START,
        weeks=weeks,
        data=plan.model_dump(mode="json"),
        progression={},
    )
    db.add(record)
    db.flush()
    for n, planned in enumerate(plan.sessions[:-2]):
        if n == 4:
            continue  # one missed session
        status = "stopped" if n == 5 else "completed"
        log = SessionLog(
            user_id=user.id,
            programme_id=record.id,
            session_date=planned.date,
            started_at=at(planned.date),
            finished_at=at(planned.date, 19),
            status=status,
            timeline={"steps": STEPS, "total_s": 660},
            planned_minutes=11,
            plan=planned.model_dump(mode="json"),
        )
        db.add(log)
        db.flush()
        for step in STEPS[: 2 if status == "stopped" else 4]:
            db.add(
                StepLog(
                    session_id=log.id,
                    step_index=step["index"],
                    kind=step["kind"],
                    status="done",
                    at=at(planned.date),
                    seconds=step["duration_s"],
                )
            )
        worse = n == 3
        db.add(
            CheckInRecord(
                user_id=user.id,
                session_id=log.id,
                at=at(planned.date, 19),
                pain_during=5 if worse else 3,
                pain_after=6 if worse else 2,
                effort=5,
                verdict="amber" if worse else "green",
                changes=[
                    {
                        "why": "Pain after the session was above 5: the rope "
                        "block drops back one level."
                    }
                ]
                if worse
                else [],
                next_day="worse" if worse else "settled",
            )
        )
    for week, (pain, peg, who5, ftf) in enumerate(
        [(6, [6, 6, 5], [2, 2, 3, 2, 2], 18.0), (4, [4, 4, 4], [3, 3, 3, 3, 3], 12.5)]
    ):
        when = at(START + dt.timedelta(weeks=2 * week), 9)
        record_assessment(db, user_id=user.id, measure="pain", value=pain, taken_at=when)
        record_peg(db, user_id=user.id, items=peg, taken_at=when)
        record_who5(db, user_id=user.id, items=who5, taken_at=when)
        for measure, value in [
            ("fingertip_floor", ftf),
            ("extensor_hold", 45 + 30 * week),
            ("jump_test", 70 + 15 * week),
            ("breathing_rate", 16 - 3 * week),
        ]:
            record_assessment(db, user_id=user.id, measure=measure, value=value, taken_at=when)
    db.flush()
    return user
