"""Check-ins: store how a session went, let the progression rules decide, replan what is left.

The decision itself is pure (``limber.plan.progression``); this module loads the state stored
with the programme, stores the new state and the explained decision, and regenerates the
sessions from today on so the next session already honours it. Sessions before today are
kept as they were planned: history must not change after the fact.

The regeneration goes through the safety gate with the person's current
:func:`limber.services.safety.safety_status`, so a flare found in the pain log (halved volume,
no rope) or a review pause shows in the very next session.
"""

import dataclasses
import datetime as dt
from typing import Any, Literal, get_args

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from limber.content.loader import Library, default_library
from limber.limits import PAIN_MAX, PAIN_MIN
from limber.plan.models import CheckIn
from limber.plan.progression import (
    Decision,
    ProgressionState,
    apply_checkin,
    apply_next_day,
    combine,
)
from limber.services.errors import InvalidInput
from limber.services.records import current_profile, current_programme_record, owned_row
from limber.services.replan import replan_from
from limber.services.sessions import get_session, planned_of
from limber.services.weeks import local_day
from limber.store.base import utcnow
from limber.store.clearance import Clearance
from limber.store.models import CheckInRecord, ProgrammeRecord, SessionLog

NextDay = Literal["settled", "same", "worse"]
NEXT_DAY_ANSWERS: tuple[str, ...] = get_args(NextDay)
# The 24-hour rule asks about the next morning: an answer given days later says little.
PENDING_WINDOW_DAYS = 2


def _dump(value: Any) -> dict[str, Any]:
    if hasattr(value, "model_dump"):
        dumped: dict[str, Any] = value.model_dump(mode="json")
        return dumped
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.asdict(value)
    raise TypeError(f"cannot store {type(value).__name__}")


def _programme_for(db: Session, user_id: int, log: SessionLog) -> ProgrammeRecord | None:
    """The programme whose state a session's check-in moves: its own, if still active."""
    if log.breathing_only:
        return None
    if log.programme_id is not None:
        record = db.get(ProgrammeRecord, log.programme_id)
        if record is not None and record.active:
            return record
    return current_programme_record(db, user_id=user_id)


def _state_of(record: ProgrammeRecord | None) -> ProgressionState:
    if record is None or not record.progression:
        return ProgressionState()
    return ProgressionState.model_validate(record.progression)


def _reviewed_on(db: Session, user_id: int) -> dt.date | None:
    """The day of the newest clinician review the person recorded (lifts a review pause)."""
    return db.scalar(
        select(func.max(Clearance.seen_on)).where(
            Clearance.user_id == user_id, Clearance.kind == "review"
        )
    )


def _pain_now(db: Session, user_id: int) -> int | None:
    profile = current_profile(db, user_id=user_id)
    return profile.pain_now if profile is not None else None


def _store_next_day(row: CheckInRecord, answer: NextDay, morning: int | None, d: Decision) -> None:
    row.next_day = answer
    row.morning_pain = morning
    row.next_day_at = utcnow()
    row.next_day_verdict = d.verdict
    row.next_day_changes = [_dump(c) for c in d.changes]
    row.next_day_message = d.message
    row.rescreen = row.rescreen or d.rescreen


def record_checkin(
    db: Session,
    *,
    user_id: int,
    session_id: int,
    checkin: CheckIn,
    today: dt.date | None = None,
    library: Library | None = None,
) -> Decision:
    """Store the check-in for a session and apply the decision it leads to.

    Example: ``decision = record_checkin(db, user_id=1, session_id=7, checkin=CheckIn(
    pain_during=2, pain_after=2, effort=5))``; show ``decision.message`` and each change's
    reason. One check-in per session: a second one is refused, so a session cannot move the
    programme forward twice. A good check-in never raises the load: that waits for the
    next-morning answer (:func:`record_next_day`). A next-morning answer given with the
    check-in is stored as that answer, and the decision returned covers both.
    """
    log = get_session(db, user_id=user_id, session_id=session_id)
    existing = db.scalar(select(CheckInRecord).where(CheckInRecord.session_id == log.id))
    if existing is not None:
        raise InvalidInput(f"session {session_id} already has a check-in (check-in {existing.id})")
    day = today or dt.date.today()
    lib = library or default_library()
    record = _programme_for(db, user_id, log)
    planned = planned_of(log)
    reviewed = _reviewed_on(db, user_id)
    answer, morning = checkin.next_day, checkin.morning_pain
    first = checkin.model_copy(update={"next_day": None, "morning_pain": None})
    state, decision = apply_checkin(
        _state_of(record),
        first,
        planned,
        lib,
        today=day,
        pain_now=_pain_now(db, user_id),
        reviewed_on=reviewed,
    )
    row = CheckInRecord(
        user_id=user_id,
        session_id=log.id,
        pain_during=checkin.pain_during,
        pain_after=checkin.pain_after,
        effort=checkin.effort,
        next_day=None,
        new_leg_symptoms=checkin.new_leg_symptoms,
        symptoms=list(checkin.symptoms),
        pelvic_floor_symptoms=checkin.pelvic_floor_symptoms,
        note=checkin.note,
        verdict=decision.verdict,
        changes=[_dump(c) for c in decision.changes],
        message=decision.message,
        rescreen=decision.rescreen,
    )
    db.add(row)
    try:
        db.flush()
    except IntegrityError:
        # A check-in for this session was stored a moment ago by another request. The failed
        # flush needs a rollback before the session is usable; the check-in is refused, so
        # the whole unit is dropped anyway, as for any refusal.
        db.rollback()
        raise InvalidInput(f"session {session_id} already has a check-in") from None
    if answer is not None:
        state, morning_decision = apply_next_day(
            state, answer, planned, lib, morning_pain=morning, today=day, reviewed_on=reviewed
        )
        _store_next_day(row, answer, morning, morning_decision)
        decision = combine(decision, morning_decision)
    if record is not None:
        replan_from(db, user_id=user_id, record=record, state=state, cutoff=day, library=lib)
    db.flush()
    return decision


def get_checkin(db: Session, *, user_id: int, checkin_id: int) -> CheckInRecord:
    """The user's check-in; :class:`NotFound` for a missing id or another user's."""
    return owned_row(db, CheckInRecord, checkin_id, user_id=user_id, what="check-in")


def checkin_for_session(db: Session, *, user_id: int, session_id: int) -> CheckInRecord | None:
    """The check-in of one of the user's sessions, if there is one."""
    log = get_session(db, user_id=user_id, session_id=session_id)
    return db.scalar(select(CheckInRecord).where(CheckInRecord.session_id == log.id))


def record_next_day(
    db: Session,
    *,
    user_id: int,
    checkin_id: int,
    next_day: NextDay,
    morning_pain: int | None = None,
    today: dt.date | None = None,
    library: Library | None = None,
) -> Decision:
    """Apply the 24-hour rule: how the pain was the morning after a session.

    ``settled`` may raise the load (only if the session's pain during was 0-5 and pain is not
    rising), ``same`` holds it, ``worse`` reduces it and takes back the step up the session
    was done on, even when answered after a later session. ``morning_pain`` (0-10) feeds the
    baseline and the flare rule. The decision is stored next to the check-in it answers.
    """
    if next_day not in NEXT_DAY_ANSWERS:
        raise InvalidInput(
            f"the next-day answer is one of {', '.join(NEXT_DAY_ANSWERS)}, not {next_day!r}"
        )
    if morning_pain is not None and (
        isinstance(morning_pain, bool)
        or not isinstance(morning_pain, int)
        or not PAIN_MIN <= morning_pain <= PAIN_MAX
    ):
        raise InvalidInput(
            f"the morning pain is a whole number from {PAIN_MIN} to {PAIN_MAX}, "
            f"not {morning_pain!r}"
        )
    row = get_checkin(db, user_id=user_id, checkin_id=checkin_id)
    if row.next_day_verdict is not None:
        raise InvalidInput(f"check-in {checkin_id} already has its next-day answer")
    log = get_session(db, user_id=user_id, session_id=row.session_id)
    lib = library or default_library()
    record = _programme_for(db, user_id, log)
    day = today or dt.date.today()
    state, decision = apply_next_day(
        _state_of(record),
        next_day,
        planned_of(log),
        lib,
        morning_pain=morning_pain,
        today=day,
        pain_now=_pain_now(db, user_id),
        reviewed_on=_reviewed_on(db, user_id),
    )
    _store_next_day(row, next_day, morning_pain, decision)
    if record is not None:
        replan_from(db, user_id=user_id, record=record, state=state, cutoff=day, library=lib)
    db.flush()
    return decision


def pending_next_day(
    db: Session, *, user_id: int, today: dt.date | None = None
) -> CheckInRecord | None:
    """The newest check-in from before today still waiting for its next-day answer.

    Only check-ins from the last :data:`PENDING_WINDOW_DAYS` days count: the question is
    about the morning after.
    """
    day = today or dt.date.today()
    row = db.scalar(
        select(CheckInRecord)
        .where(CheckInRecord.user_id == user_id)
        .order_by(CheckInRecord.at.desc(), CheckInRecord.id.desc())
        .limit(1)
    )
    if row is None or row.next_day_verdict is not None:
        return None
    made = local_day(row.at)
    if made < day and (day - made).days <= PENDING_WINDOW_DAYS:
        return row
    return None
