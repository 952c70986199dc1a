"""Regenerate the sessions ahead of a stored programme from a day on.

Check-ins (a new progression state) and safety changes (a screening or a clearance) both
replan through this one function; it reads only the profile, the safety state and the
planner, so both callers can use it without importing each other.
"""

import datetime as dt

from sqlalchemy.orm import Session

from limber.content.loader import Library, default_library
from limber.plan.generator import generate_programme
from limber.plan.models import Programme
from limber.plan.progression import ProgressionState
from limber.services.records import current_profile
from limber.services.safety import safety_status
from limber.store.models import ProgrammeRecord


def replan_from(
    db: Session,
    *,
    user_id: int,
    record: ProgrammeRecord,
    state: ProgressionState,
    cutoff: dt.date,
    library: Library | None = None,
) -> Programme:
    """Store ``state`` and regenerate the programme's sessions dated ``cutoff`` or later.

    The whole programme is regenerated from its original start so week numbers and light
    weeks stay where they were; only the sessions from ``cutoff`` on are taken from it.
    """
    record.progression = state.model_dump(mode="json")
    old = Programme.model_validate(record.data)
    profile = current_profile(db, user_id=user_id)
    if profile is None:
        return old
    new = generate_programme(
        profile,
        library or default_library(),
        start=record.start,
        weeks=record.weeks,
        state=state,
        breathing_only=old.breathing_only,
        status=safety_status(db, user_id=user_id, today=cutoff),
    )
    sessions = [s for s in old.sessions if s.date < cutoff]
    sessions += [s for s in new.sessions if s.date >= cutoff]
    merged = new.model_copy(update={"sessions": sessions, "start": old.start, "weeks": old.weeks})
    record.data = merged.model_dump(mode="json")
    db.flush()
    return merged
