"""The newest stored profile and the active programme: the reads every service starts from.

They sit at the bottom of ``services/`` (they read only the store), so the safety, check-in,
session and onboarding modules can all use them without importing one another.
"""

from typing import Protocol, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from limber.plan.models import Programme
from limber.profile import Profile
from limber.services.errors import NotFound
from limber.store.models import ProfileRecord, ProgrammeRecord


def current_profile(db: Session, *, user_id: int) -> Profile | None:
    """The newest saved profile, or ``None``."""
    row = db.scalar(
        select(ProfileRecord)
        .where(ProfileRecord.user_id == user_id)
        .order_by(ProfileRecord.saved_at.desc(), ProfileRecord.id.desc())
        .limit(1)
    )
    return None if row is None else Profile.model_validate(row.data)


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


class _Owned(Protocol):
    """A stored row that belongs to one user."""

    @property
    def user_id(self) -> int: ...


_Row = TypeVar("_Row", bound=_Owned)


def owned_row(db: Session, model: type[_Row], row_id: int, *, user_id: int, what: str) -> _Row:
    """The user's row ``row_id`` of ``model``; :class:`NotFound` for a missing id or another
    user's row, so someone else's record is reported exactly like one that does not exist."""
    row = db.get(model, row_id)
    if row is None or row.user_id != user_id:
        raise NotFound(f"there is no {what} with id {row_id}")
    return row
