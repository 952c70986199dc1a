"""Jump counts for progress: the jump counter's saved results (``limber.services.jumps``).

Weekly volume falls back to an estimate from the rope steps done (their seconds times the
planned cadence) when no result has been saved, so the chart is useful before anyone films
themselves; the dashboard labels which of the two it shows.
"""

import datetime as dt
from dataclasses import dataclass

from sqlalchemy.orm import Session

from limber.services.errors import NotFound
from limber.services.jumps import get_jump_result, list_jump_results

# Enough for years of daily bouts; the service pages by default.
_ALL = 1_000_000


@dataclass(frozen=True)
class JumpCount:
    """One counted bout of jumping."""

    at: dt.datetime
    jumps: int
    result_id: int | None


def jump_results(db: Session, *, user_id: int) -> list[JumpCount]:
    """Every saved jump-counter result of this user, oldest first."""
    records = list_jump_results(db, user_id=user_id, limit=_ALL)
    return sorted((JumpCount(r.recorded_at, r.count, r.id) for r in records), key=lambda j: j.at)


def jump_result_count(db: Session, *, user_id: int, result_id: int) -> int | None:
    """The count of one result the user owns, or ``None`` (missing, or someone else's)."""
    try:
        return get_jump_result(db, user_id=user_id, result_id=result_id).count
    except NotFound:
        return None
