"""Onboarding: screening, profile and programme, stored so every front end sees the same plan.

The pure logic lives elsewhere (``limber.safety.screening`` judges answers,
``limber.plan.generator`` plans, ``limber.services.safety`` reads the safety state); these
functions only decide what to store, what counts as "current", and refuse to plan while a red
flag waits for a clinician's clearance (answering the questions again does not lift it).
"""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from limber.content.loader import Library, default_library
from limber.plan.generator import generate_programme
from limber.plan.models import PlannedSession, Programme
from limber.plan.progression import ProgressionState
from limber.profile import Profile
from limber.safety.facts import SafetyStatus
from limber.safety.screening import ScreeningAnswers, ScreeningResult, evaluate
from limber.services.errors import (
    EmergencyStop,
    InvalidInput,
    NoProfile,
    NoProgramme,
    RedFlagStop,
    RescreenNeeded,
)
from limber.services.records import current_profile, current_programme, current_programme_record
from limber.services.replan import replan_from
from limber.services.safety import open_red_flag, rescreen_needed, result_of, safety_status
from limber.store.models import ProfileRecord, ProgrammeRecord, Screening, SessionLog

MAX_WEEKS = 52


def _today() -> dt.date:
    return dt.date.today()


def save_screening(db: Session, *, user_id: int, answers: ScreeningAnswers) -> ScreeningResult:
    """Judge and store one screening; the newest screening decides what may be planned.

    Example: ``result = save_screening(db, user_id=1, answers=answers)``; if
    ``result.outcome == "red_flag"`` show ``result.message`` and plan nothing.
    """
    result = evaluate(answers)
    before = safety_status(db, user_id=user_id, today=_today())
    db.add(
        Screening(
            user_id=user_id,
            answers=answers.model_dump(mode="json"),
            outcome=result.outcome,
            result=result.model_dump(mode="json"),
        )
    )
    db.flush()
    # A new "yes" makes the plan light, a red flag stops it: the sessions ahead follow now.
    refresh_plan(db, user_id=user_id, before=before, today=_today())
    return result


def _latest_screening_row(db: Session, user_id: int) -> Screening | None:
    return db.scalar(
        select(Screening)
        .where(Screening.user_id == user_id)
        .order_by(Screening.taken_at.desc(), Screening.id.desc())
        .limit(1)
    )


def latest_screening(db: Session, *, user_id: int) -> ScreeningResult | None:
    """The result of the user's newest screening, or ``None`` if never screened."""
    row = _latest_screening_row(db, user_id)
    return None if row is None else result_of(row)


def latest_screening_at(db: Session, *, user_id: int) -> dt.datetime | None:
    """When the newest screening was taken (to compare with later check-ins)."""
    row = _latest_screening_row(db, user_id)
    return None if row is None else row.taken_at


@dataclass(frozen=True)
class ScreeningTaken:
    """The newest screening as it was answered: when, its outcome and every answer."""

    taken_at: dt.datetime
    outcome: str  # "clear", "caution" or "red_flag"
    answers: dict[str, Any]


def latest_screening_taken(db: Session, *, user_id: int) -> ScreeningTaken | None:
    """The newest screening with its answers (the clinician report lists the "yes"es)."""
    row = _latest_screening_row(db, user_id)
    return None if row is None else ScreeningTaken(row.taken_at, row.outcome, row.answers or {})


def red_flag(db: Session, *, user_id: int) -> ScreeningResult | None:
    """The red flag that still stops the programme, or ``None``.

    That is the newest red-flag screening no recorded clearance answers, even when a later
    screening answered every question "no": only a clinician's clearance lifts a red flag.
    """
    row = open_red_flag(db, user_id=user_id, today=_today())
    return None if row is None else result_of(row)


CLEARANCE_HINT = (
    "Answering the questions again cannot lift a red flag: once a clinician has seen you, "
    "record who they are, when you saw them and what they said (a clearance)."
)


def red_flag_stop(result: ScreeningResult) -> RedFlagStop:
    """The refusal for a stopped person; an emergency sign gets :class:`EmergencyStop`."""
    findings = [f.model_dump(mode="json") for f in result.red_flags]
    emergency = any(f.urgency == "emergency" for f in result.red_flags)
    if emergency:
        return EmergencyStop(
            f"{result.message}\nNo session is offered, not even breathing, until a clinician "
            f"has seen you. {CLEARANCE_HINT}",
            findings,
        )
    return RedFlagStop(f"{result.message}\n{CLEARANCE_HINT}", findings)


def _stop_for(db: Session, user_id: int) -> RedFlagStop:
    result = red_flag(db, user_id=user_id)
    if result is None:  # pragma: no cover - only called when the state says stopped
        return RedFlagStop(CLEARANCE_HINT)
    return red_flag_stop(result)


def save_profile(db: Session, *, user_id: int, profile: Profile) -> Profile:
    """Store the profile, adding the conditions the newest screening implied.

    A follow-up "yes" (e.g. osteoporosis) must reach the planner even if the profile form
    forgot it, so the stored profile is the union of both. ``as_of`` (the day the answers
    are true; weeks of pregnancy or since a birth count on from it) becomes today when not
    given, and may not lie in the future.
    """
    today = _today()
    if profile.as_of is not None and profile.as_of > today:
        raise InvalidInput(
            f"the answers date (as_of) {profile.as_of.isoformat()} is in the future; give "
            "the day the answers are true, or leave it out for today"
        )
    result = latest_screening(db, user_id=user_id)
    implied = list(result.conditions) if result is not None else []
    merged = profile.model_copy(
        update={
            "conditions": list(dict.fromkeys([*profile.conditions, *implied])),
            "as_of": profile.as_of or today,
        }
    )
    merged = Profile.model_validate(merged.model_dump())
    db.add(ProfileRecord(user_id=user_id, data=merged.model_dump(mode="json")))
    db.flush()
    return merged


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

    Refuses with :class:`RedFlagStop` while a red flag waits for a clinician's clearance,
    unless ``breathing_only`` asks for a breathing-only plan (breathing stays allowed), and
    with :class:`EmergencyStop` after an uncleared emergency sign (nothing is planned). The
    plan follows the safety state (a readiness "yes" without clearance: light work only).
    """
    if not 1 <= weeks <= MAX_WEEKS:
        raise InvalidInput(f"a programme lasts 1 to {MAX_WEEKS} weeks, not {weeks}")
    screening = latest_screening(db, user_id=user_id)
    if screening is None:
        raise NoProfile("answer the screening questions before a programme can be planned")
    status = safety_status(db, user_id=user_id, today=_today())
    if status.state == "emergency" or (status.state == "stopped" and not breathing_only):
        raise _stop_for(db, user_id)
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
        status=status,
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
    db: Session,
    *,
    user_id: int,
    day: dt.date,
    library: Library | None = None,
    status: SafetyStatus | None = None,
) -> PlannedSession:
    """A breathing-only session for ``day``: what stays available after a red flag."""
    profile = current_profile(db, user_id=user_id) or Profile()
    programme = generate_programme(
        profile,
        library or default_library(),
        start=day,
        weeks=1,
        breathing_only=True,
        status=status or safety_status(db, user_id=user_id, today=day),
    )
    if not programme.sessions:
        raise NoProgramme("no breathing session could be planned")
    return programme.sessions[0].model_copy(update={"date": day})


def today_session(
    db: Session, *, user_id: int, today: dt.date | None = None, library: Library | None = None
) -> PlannedSession | None:
    """The session to do today: today's if planned, else the next one not yet completed.

    While a red flag waits for clearance only breathing is offered; after an emergency sign
    nothing is (:class:`EmergencyStop`, whose message says what to do now). When the red-flag
    questions are due again (:func:`limber.services.safety.rescreen_needed`) the programme
    waits: :class:`RescreenNeeded` says why. ``None`` when the programme has no sessions
    left; :class:`NoProgramme` when there is no programme at all.
    """
    day = today or _today()
    status = safety_status(db, user_id=user_id, today=day)
    if status.state == "emergency":
        raise _stop_for(db, user_id)
    if status.state == "stopped":
        return breathing_session(db, user_id=user_id, day=day, library=library, status=status)
    current = current_programme(db, user_id=user_id)
    if current is None:
        if current_profile(db, user_id=user_id) is None:
            raise NoProfile("there is no profile yet: answer the onboarding questions first")
        raise NoProgramme("there is no programme yet: plan one first")
    record, programme = current
    done = _completed_dates(db, user_id, record.id)
    upcoming = [s for s in sorted(programme.sessions, key=lambda s: s.date) if s.date >= day]
    session = next((s for s in upcoming if s.date not in done), None)
    if session is None or set(session.pillars) <= {"breathing"}:
        return session
    reason = rescreen_needed(db, user_id=user_id, today=day)
    if reason is not None:
        raise RescreenNeeded(
            f"please answer the safety questions again before your next session: {reason}"
        )
    return session


def refresh_plan(db: Session, *, user_id: int, before: SafetyStatus, today: dt.date) -> None:
    """Replan from ``today`` when the safety state moved (a screening or a clearance).

    The sessions ahead must follow the new state at once: a clearance opens the full
    programme, a readiness "yes" makes it light. A stopped programme is left as it was
    (today's session is breathing only, or nothing after an emergency sign), so a clearance
    later picks it up where it paused.
    """
    after = safety_status(db, user_id=user_id, today=today)
    if after == before or after.state not in ("active", "light"):
        return
    record = current_programme_record(db, user_id=user_id)
    if record is not None and not Programme.model_validate(record.data).breathing_only:
        state = ProgressionState.model_validate(record.progression or {})
        replan_from(db, user_id=user_id, record=record, state=state, cutoff=today)
    elif current_profile(db, user_id=user_id) is not None:
        create_programme(db, user_id=user_id, start=today)
