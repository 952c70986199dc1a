"""Onboarding: screening, profile and programme, stored so every front end sees the same plan.

The pure logic lives elsewhere (``limber.safety.screening`` judges answers,
``limber.plan.generator`` plans); these functions only decide what to store, what counts as
"current", and refuse to plan when the latest screening found a red flag.
"""

import datetime as dt
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from limber.content.loader import Library, default_library
from limber.plan.generator import generate_programme
from limber.plan.models import PlannedSession, Profile, Programme
from limber.plan.progression import ProgressionState
from limber.safety.screening import ScreeningAnswers, ScreeningResult, evaluate
from limber.store.models import ProfileRecord, ProgrammeRecord, Screening, SessionLog
from limber.track.errors import InvalidInput, NoProfile, NoProgramme, RedFlagStop

MAX_WEEKS = 52


def _today() -> dt.date:
    return dt.date.today()


def save_screening(db: Session, *, user_id: int, answers: ScreeningAnswers) -> ScreeningResult:
    """Judge and store one screening; the newest screening decides what may be planned.

    Example: ``result = save_screening(db, user_id=1, answers=answers)``; if
    ``result.outcome == "red_flag"`` show ``result.message`` and plan nothing.
    """
    result = evaluate(answers)
    db.add(
        Screening(
            user_id=user_id,
            answers=answers.model_dump(mode="json"),
            outcome=result.outcome,
            result=result.model_dump(mode="json"),
        )
    )
    db.flush()
    return result


def _latest_screening_row(db: Session, user_id: int) -> Screening | None:
    return db.scalar(
        select(Screening)
        .where(Screening.user_id == user_id)
        .order_by(Screening.taken_at.desc(), Screening.id.desc())
        .limit(1)
    )


def _result_of(row: Screening) -> ScreeningResult:
    data: dict[str, Any] = {k: v for k, v in row.result.items() if k != "message"}
    return ScreeningResult.model_validate(data)


def latest_screening(db: Session, *, user_id: int) -> ScreeningResult | None:
    """The result of the user's newest screening, or ``None`` if never screened."""
    row = _latest_screening_row(db, user_id)
    return None if row is None else _result_of(row)


def latest_screening_at(db: Session, *, user_id: int) -> dt.datetime | None:
    """When the newest screening was taken (to compare with later check-ins)."""
    row = _latest_screening_row(db, user_id)
    return None if row is None else row.taken_at


def red_flag(db: Session, *, user_id: int) -> ScreeningResult | None:
    """The newest screening if it found a red flag, else ``None``."""
    result = latest_screening(db, user_id=user_id)
    return result if result is not None and result.outcome == "red_flag" else None


def _red_flag_stop(result: ScreeningResult) -> RedFlagStop:
    findings = [f.model_dump(mode="json") for f in result.red_flags]
    return RedFlagStop(result.message, findings)


def save_profile(db: Session, *, user_id: int, profile: Profile) -> Profile:
    """Store the profile, adding the conditions the newest screening implied.

    A follow-up "yes" (e.g. osteoporosis) must reach the planner even if the profile form
    forgot it, so the stored profile is the union of both.
    """
    result = latest_screening(db, user_id=user_id)
    implied = list(result.conditions) if result is not None else []
    merged = profile.model_copy(
        update={"conditions": list(dict.fromkeys([*profile.conditions, *implied]))}
    )
    merged = Profile.model_validate(merged.model_dump())
    db.add(ProfileRecord(user_id=user_id, data=merged.model_dump(mode="json")))
    db.flush()
    return merged


def current_profile(db: Session, *, user_id: int) -> Profile | None:
    """The newest saved profile, or ``None``."""
    row = db.scalar(
        select(ProfileRecord)
        .where(ProfileRecord.user_id == user_id)
        .order_by(ProfileRecord.saved_at.desc(), ProfileRecord.id.desc())
        .limit(1)
    )
    return None if row is None else Profile.model_validate(row.data)


def _require_profile(db: Session, user_id: int) -> Profile:
    profile = current_profile(db, user_id=user_id)
    if profile is None:
        raise NoProfile("there is no profile yet: answer the onboarding questions first")
    return profile


def create_programme(
    db: Session,
    *,
    user_id: int,
    start: dt.date | None = None,
    weeks: int = 8,
    breathing_only: bool = False,
    library: Library | None = None,
) -> Programme:
    """Plan a new programme from the current profile; it replaces any active one.

    The progression state of the replaced programme carries over.

    Refuses with :class:`RedFlagStop` when the newest screening found a red flag, unless
    ``breathing_only`` asks for a breathing-only plan (breathing stays allowed).
    """
    if not 1 <= weeks <= MAX_WEEKS:
        raise InvalidInput(f"a programme lasts 1 to {MAX_WEEKS} weeks, not {weeks}")
    screening = latest_screening(db, user_id=user_id)
    if screening is None:
        raise NoProfile("answer the screening questions before a programme can be planned")
    if screening.outcome == "red_flag" and not breathing_only:
        raise _red_flag_stop(screening)
    profile = _require_profile(db, user_id)
    lib = library or default_library()
    # Progress earned through check-ins carries into the next programme: finishing a plan or
    # answering the questions again must not send the person back to the first level.
    previous = current_programme_record(db, user_id=user_id)
    state = (
        ProgressionState.model_validate(previous.progression)
        if previous is not None and previous.progression
        else ProgressionState()
    )
    programme = generate_programme(
        profile,
        lib,
        start=start or _today(),
        weeks=weeks,
        state=state,
        breathing_only=breathing_only,
    )
    for old in db.scalars(
        select(ProgrammeRecord).where(
            ProgrammeRecord.user_id == user_id, ProgrammeRecord.active.is_(True)
        )
    ):
        old.active = False
    db.add(
        ProgrammeRecord(
            user_id=user_id,
            start=programme.start,
            weeks=programme.weeks,
            active=True,
            data=programme.model_dump(mode="json"),
            progression=state.model_dump(mode="json"),
        )
    )
    db.flush()
    return programme


def current_programme_record(db: Session, *, user_id: int) -> ProgrammeRecord | None:
    """The newest active programme row, or ``None``."""
    return db.scalar(
        select(ProgrammeRecord)
        .where(ProgrammeRecord.user_id == user_id, ProgrammeRecord.active.is_(True))
        .order_by(ProgrammeRecord.created_at.desc(), ProgrammeRecord.id.desc())
        .limit(1)
    )


def current_programme(db: Session, *, user_id: int) -> tuple[ProgrammeRecord, Programme] | None:
    """The active programme (row and parsed plan), or ``None``."""
    record = current_programme_record(db, user_id=user_id)
    if record is None:
        return None
    return record, Programme.model_validate(record.data)


def _completed_dates(db: Session, user_id: int, programme_id: int) -> set[dt.date]:
    return set(
        db.scalars(
            select(SessionLog.session_date).where(
                SessionLog.user_id == user_id,
                SessionLog.programme_id == programme_id,
                SessionLog.status == "completed",
            )
        )
    )


def breathing_session(
    db: Session, *, user_id: int, day: dt.date, library: Library | None = None
) -> PlannedSession:
    """A breathing-only session for ``day``: what stays available after a red flag."""
    profile = current_profile(db, user_id=user_id) or Profile()
    programme = generate_programme(
        profile, library or default_library(), start=day, weeks=1, breathing_only=True
    )
    if not programme.sessions:
        raise NoProgramme("no breathing session could be planned")
    return programme.sessions[0].model_copy(update={"date": day})


def today_session(
    db: Session, *, user_id: int, today: dt.date | None = None, library: Library | None = None
) -> PlannedSession | None:
    """The session to do today: today's if planned, else the next one not yet completed.

    After a red flag only breathing is offered. ``None`` when the programme has no sessions
    left; :class:`NoProgramme` when there is no programme at all.
    """
    day = today or _today()
    if red_flag(db, user_id=user_id) is not None:
        return breathing_session(db, user_id=user_id, day=day, library=library)
    current = current_programme(db, user_id=user_id)
    if current is None:
        if current_profile(db, user_id=user_id) is None:
            raise NoProfile("there is no profile yet: answer the onboarding questions first")
        raise NoProgramme("there is no programme yet: plan one first")
    record, programme = current
    done = _completed_dates(db, user_id, record.id)
    for session in sorted(programme.sessions, key=lambda s: s.date):
        if session.date >= day and session.date not in done:
            return session
    return None
