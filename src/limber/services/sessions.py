"""Session logs: start (or resume) a session, record each step as it happens, finish it.

Like every service these only flush; the caller commits. Each web request is its own unit,
and the terminal player keeps (commits) every step the moment it is recorded, so a crash, a
closed laptop or a killed terminal loses at most the step in progress. The timeline is built
once, when the session starts, and stored with the log: players only play it, and the log can
be read later without replanning.
"""

import datetime as dt
import math
from typing import Any, Literal

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from limber.content.loader import Library, default_library
from limber.limits import PAIN_MAX, PAIN_MIN
from limber.plan.models import PlannedSession
from limber.services.errors import InvalidInput, NoProgramme
from limber.services.onboarding import red_flag, today_session
from limber.services.records import current_programme_record, owned_row
from limber.session.models import Step, Timeline
from limber.session.timeline import build_timeline
from limber.store.base import utcnow
from limber.store.models import SessionLog, StepLog

StepStatus = Literal["done", "skipped"]
FinishStatus = Literal["completed", "stopped"]


def start_session(
    db: Session,
    *,
    user_id: int,
    session_date: dt.date | None = None,
    library: Library | None = None,
) -> SessionLog:
    """Start the session planned for ``session_date`` (default today), or resume it.

    An in-progress log for the same planned date is returned instead of a duplicate, so
    pressing "start" twice, or restarting after a crash, continues where the user stopped
    (see :func:`resume_point`). Flushes; the caller commits (the terminal player at once,
    so other processes see the session).
    """
    day = session_date or dt.date.today()
    planned = today_session(db, user_id=user_id, today=day, library=library)
    if planned is None:
        raise NoProgramme(
            f"no session is planned on or after {day.isoformat()}: the programme is finished; "
            "plan a new one"
        )
    existing = db.scalar(
        select(SessionLog)
        .where(
            SessionLog.user_id == user_id,
            SessionLog.session_date == planned.date,
            SessionLog.status == "in_progress",
        )
        .order_by(SessionLog.id.desc())
        .limit(1)
    )
    if existing is not None:
        return existing
    breathing_only = red_flag(db, user_id=user_id) is not None
    record = None if breathing_only else current_programme_record(db, user_id=user_id)
    timeline = build_timeline(planned, library or default_library())
    log = SessionLog(
        user_id=user_id,
        programme_id=record.id if record is not None else None,
        session_date=planned.date,
        status="in_progress",
        timeline=timeline.model_dump(mode="json"),
        planned_minutes=planned.minutes,
        plan=planned.model_dump(mode="json"),
        breathing_only=breathing_only,
    )
    db.add(log)
    db.flush()
    return log


def get_session(db: Session, *, user_id: int, session_id: int) -> SessionLog:
    """The user's session log; :class:`NotFound` for a missing id or another user's log."""
    return owned_row(db, SessionLog, session_id, user_id=user_id, what="session")


def timeline_of(log: SessionLog) -> Timeline:
    """The stored timeline of a log, as the model players read."""
    return Timeline.model_validate(log.timeline)


def planned_of(log: SessionLog) -> PlannedSession:
    """The planned session a log was started from."""
    return PlannedSession.model_validate(log.plan)


def record_step(
    db: Session,
    *,
    user_id: int,
    session_id: int,
    step_index: int,
    status: StepStatus,
    seconds: float,
    pain: int | None = None,
) -> StepLog:
    """Record one step as done or skipped (flushed; the caller commits).

    Recording the same ``step_index`` again updates that step instead of adding a second
    row, so a player that retries after a lost connection cannot double-count.
    """
    log = get_session(db, user_id=user_id, session_id=session_id)
    if log.status != "in_progress":
        raise InvalidInput(f"session {session_id} is already {log.status}; start a new one")
    # Only the one step is parsed: validating the whole stored timeline on every step made a
    # session's recording cost grow with the square of its length.
    raw_steps = log.timeline.get("steps", [])
    if not 0 <= step_index < len(raw_steps):
        raise InvalidInput(
            f"step {step_index} does not exist: this session has steps 0 to {len(raw_steps) - 1}"
        )
    step = Step.model_validate(raw_steps[step_index])
    if status not in ("done", "skipped"):
        raise InvalidInput(f"a step is 'done' or 'skipped', not {status!r}")
    if not math.isfinite(seconds) or seconds < 0:
        raise InvalidInput(f"seconds must be a number of 0 or more, not {seconds}")
    if pain is not None and not PAIN_MIN <= pain <= PAIN_MAX:
        raise InvalidInput(f"pain is scored from {PAIN_MIN} to {PAIN_MAX}, not {pain}")
    values = {
        "exercise_id": step.exercise_id,
        "kind": step.kind,
        "status": status,
        "seconds": round(float(seconds), 3),
        "pain": pain,
    }
    try:
        return _upsert_step(db, log.id, step_index, values)
    except IntegrityError:
        # Another request recorded this step between our read and our write: update theirs.
        # The failed flush leaves the session unusable until a rollback. A savepoint
        # (``begin_nested``) would be narrower, but pysqlite starts no transaction before
        # it, so releasing it would commit. The rollback drops nothing of the caller's: a
        # web request has only read by now, and the terminal player keeps every step
        # before recording the next.
        db.rollback()
        return _upsert_step(db, log.id, step_index, values)


def _upsert_step(db: Session, session_id: int, step_index: int, values: dict[str, Any]) -> StepLog:
    row = db.scalar(
        select(StepLog).where(StepLog.session_id == session_id, StepLog.step_index == step_index)
    )
    if row is None:
        row = StepLog(session_id=session_id, step_index=step_index)
        db.add(row)
    for key, value in values.items():
        setattr(row, key, value)
    row.at = utcnow()
    db.flush()
    return row


def resume_point(db: Session, *, user_id: int, session_id: int) -> int:
    """The first step index not yet recorded (the step count when all are recorded)."""
    log = get_session(db, user_id=user_id, session_id=session_id)
    recorded = set(db.scalars(select(StepLog.step_index).where(StepLog.session_id == log.id)).all())
    total = len(timeline_of(log).steps)
    return next((i for i in range(total) if i not in recorded), total)


def step_logs(db: Session, *, user_id: int, session_id: int) -> list[StepLog]:
    """The recorded steps of a session, in step order."""
    log = get_session(db, user_id=user_id, session_id=session_id)
    return list(
        db.scalars(select(StepLog).where(StepLog.session_id == log.id).order_by(StepLog.step_index))
    )


def finish_session(
    db: Session, *, user_id: int, session_id: int, status: FinishStatus = "completed"
) -> SessionLog:
    """Close a session as completed or stopped (what was done stays recorded); flushes."""
    if status not in ("completed", "stopped"):
        raise InvalidInput(f"a session ends 'completed' or 'stopped', not {status!r}")
    log = get_session(db, user_id=user_id, session_id=session_id)
    if log.status == status:
        return log
    if log.status != "in_progress":
        raise InvalidInput(f"session {session_id} is already {log.status}")
    log.status = status
    log.finished_at = utcnow()
    db.flush()
    return log


def latest_session(db: Session, *, user_id: int) -> SessionLog | None:
    """The user's most recently started session log, or ``None``."""
    return db.scalar(
        select(SessionLog)
        .where(SessionLog.user_id == user_id)
        .order_by(SessionLog.started_at.desc(), SessionLog.id.desc())
        .limit(1)
    )


def had_jumping(log: SessionLog, library: Library | None = None) -> bool:
    """Whether the session planned jumping: then the check-in asks about leaking (R4)."""
    if not log.plan:
        return False
    lib = library or default_library()
    for block in planned_of(log).blocks:
        for pe in block.exercises:
            exercise = lib.get(pe.id)
            if exercise is not None and exercise.safety.impact != "none":
                return True
    return False
