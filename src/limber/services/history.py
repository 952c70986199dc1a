"""History: what was done, how it felt, and what changed because of it.

One summary per session log, built from the stored log, steps and check-in, so the CLI table,
the web page and its JSON twin all show the same numbers. :func:`history_out` is the whole
answer: ``limber history --json`` prints it and ``GET /api/history`` returns it.
"""

import datetime as dt
from typing import Any

from pydantic import BaseModel, Field
from sqlalchemy import select
from sqlalchemy.orm import Session

from limber.plan.models import Programme
from limber.services.adverse import AdverseEventOut, list_adverse_events
from limber.services.records import current_programme_record
from limber.services.safety_words import ClearanceOut, clearance_history
from limber.store.adverse import AdverseEvent
from limber.store.models import CheckInRecord, SessionLog, StepLog


class SessionSummary(BaseModel):
    """One session as the user did it, with its check-in (if any)."""

    session_id: int
    date: dt.date
    status: str
    steps_total: int
    steps_done: int
    steps_skipped: int
    minutes: float
    planned_minutes: float
    breathing_only: bool = False
    checkin_id: int | None = None
    pain_during: int | None = None
    pain_after: int | None = None
    effort: int | None = None
    verdict: str | None = None
    message: str = ""
    next_day: str | None = None
    next_day_verdict: str | None = None
    changes: list[dict[str, Any]] = Field(default_factory=list)
    # Adverse events reported against this session, and whether one needs human review.
    adverse_event_ids: list[int] = Field(default_factory=list)
    adverse_needs_review: bool = False


def history(db: Session, *, user_id: int) -> list[SessionSummary]:
    """Every session of the user, oldest first.

    ``minutes`` counts the seconds of steps done (not skipped); ``changes`` lists the
    check-in's changes followed by the next-day answer's.
    """
    logs = list(
        db.scalars(
            select(SessionLog)
            .where(SessionLog.user_id == user_id)
            .order_by(SessionLog.session_date, SessionLog.id)
        )
    )
    ids = [log.id for log in logs]
    steps: dict[int, list[StepLog]] = {i: [] for i in ids}
    for step in db.scalars(select(StepLog).where(StepLog.session_id.in_(ids))):
        steps[step.session_id].append(step)
    checkins = {
        c.session_id: c
        for c in db.scalars(select(CheckInRecord).where(CheckInRecord.session_id.in_(ids)))
    }
    events: dict[int, list[AdverseEvent]] = {i: [] for i in ids}
    for event in db.scalars(
        select(AdverseEvent)
        .where(AdverseEvent.user_id == user_id, AdverseEvent.session_id.in_(ids))
        .order_by(AdverseEvent.id)
    ):
        if event.session_id is not None:
            events[event.session_id].append(event)
    out = []
    for log in logs:
        done = [s for s in steps[log.id] if s.status == "done"]
        c = checkins.get(log.id)
        out.append(
            SessionSummary(
                session_id=log.id,
                date=log.session_date,
                status=log.status,
                steps_total=len(log.timeline.get("steps", [])),
                steps_done=len(done),
                steps_skipped=sum(1 for s in steps[log.id] if s.status == "skipped"),
                minutes=round(sum(s.seconds for s in done) / 60, 1),
                planned_minutes=log.planned_minutes,
                breathing_only=log.breathing_only,
                checkin_id=c.id if c else None,
                pain_during=c.pain_during if c else None,
                pain_after=c.pain_after if c else None,
                effort=c.effort if c else None,
                verdict=c.verdict if c else None,
                message=c.message if c else "",
                next_day=c.next_day if c else None,
                next_day_verdict=c.next_day_verdict if c else None,
                changes=[*c.changes, *c.next_day_changes] if c else [],
                adverse_event_ids=[e.id for e in events[log.id]],
                adverse_needs_review=any(e.needs_review for e in events[log.id]),
            )
        )
    return out


def streak(db: Session, *, user_id: int, today: dt.date | None = None) -> int:
    """How many planned sessions in a row, up to today, were completed.

    Today's session does not break the streak while it is still ahead of the user; a missed
    earlier session does.
    """
    day = today or dt.date.today()
    record = current_programme_record(db, user_id=user_id)
    if record is None:
        return 0
    completed = set(
        db.scalars(
            select(SessionLog.session_date).where(
                SessionLog.user_id == user_id, SessionLog.status == "completed"
            )
        )
    )
    planned = sorted(
        (s.date for s in Programme.model_validate(record.data).sessions if s.date <= day),
        reverse=True,
    )
    count = 0
    for date in planned:
        if date in completed:
            count += 1
        elif date == day:
            continue
        else:
            break
    return count


def pain_series(db: Session, *, user_id: int) -> list[tuple[dt.date, int, int]]:
    """Pain during and after each checked-in session, by session date (for charts)."""
    rows = db.execute(
        select(SessionLog.session_date, CheckInRecord.pain_during, CheckInRecord.pain_after)
        .join(SessionLog, SessionLog.id == CheckInRecord.session_id)
        .where(CheckInRecord.user_id == user_id)
        .order_by(SessionLog.session_date, CheckInRecord.id)
    )
    return [(d, during, after) for d, during, after in rows]


class PainPoint(BaseModel):
    """Pain during and after one checked-in session (a point of the pain trend)."""

    date: dt.date
    during: int
    after: int


class HistoryOut(BaseModel):
    """Everything the history shows: sessions, totals, the pain trend, events, clearances."""

    sessions: list[SessionSummary]
    streak: int
    completed: int
    minutes: float
    pain: list[PainPoint]
    adverse_events: list[AdverseEventOut] = Field(default_factory=list)
    clearances: list[ClearanceOut] = Field(default_factory=list)


def history_out(db: Session, *, user_id: int, today: dt.date | None = None) -> HistoryOut:
    """The user's whole history; the streak counts up to ``today`` (default: the real today)."""
    sessions = history(db, user_id=user_id)
    return HistoryOut(
        sessions=sessions,
        streak=streak(db, user_id=user_id, today=today),
        completed=sum(1 for s in sessions if s.status == "completed"),
        minutes=round(sum(s.minutes for s in sessions), 1),
        pain=[PainPoint(date=d, during=a, after=b) for d, a, b in pain_series(db, user_id=user_id)],
        adverse_events=list_adverse_events(db, user_id=user_id),
        clearances=clearance_history(db, user_id=user_id),
    )
