"""The plan: the one answer ``limber plan``, the programme page and ``/api/programme`` show.

The stored :class:`~limber.plan.models.Programme` plus what every front end derives from it
(the next session's date), so ``limber plan --json`` and ``GET /api/programme`` cannot drift
apart (issue 18).
"""

import datetime as dt

from sqlalchemy.orm import Session

from limber.plan.models import Programme
from limber.services.errors import NotFound
from limber.services.onboarding import create_programme
from limber.services.records import current_programme


class ProgrammeOut(Programme):
    """The programme: every planned session, each exercise with why it was chosen."""

    # The first planned session on or after the day asked about (None when all are past).
    next_date: dt.date | None = None


def programme_out(programme: Programme, *, today: dt.date | None = None) -> ProgrammeOut:
    """``programme`` as the front ends show it on ``today`` (default: the real today)."""
    day = today or dt.date.today()
    upcoming = (s.date for s in programme.sessions if s.date >= day)
    return ProgrammeOut(**dict(programme), next_date=next(upcoming, None))


def current_programme_out(
    db: Session, *, user_id: int, today: dt.date | None = None
) -> ProgrammeOut | None:
    """The user's current programme, or ``None`` when none is planned yet."""
    current = current_programme(db, user_id=user_id)
    return None if current is None else programme_out(current[1], today=today)


def require_programme_out(
    db: Session, *, user_id: int, today: dt.date | None = None
) -> ProgrammeOut:
    """The user's current programme; :class:`NotFound` when there is none yet."""
    out = current_programme_out(db, user_id=user_id, today=today)
    if out is None:
        raise NotFound("You have no programme yet; save your profile to plan one.")
    return out


def plan_programme(
    db: Session,
    *,
    user_id: int,
    start: dt.date | None = None,
    weeks: int = 8,
    today: dt.date | None = None,
) -> ProgrammeOut:
    """Plan a new programme from the user's profile (it replaces the current one)."""
    programme = create_programme(db, user_id=user_id, start=start, weeks=weeks)
    return programme_out(programme, today=today)
