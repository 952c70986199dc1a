"""Weekly jump volume: the one answer the jump page, the progress dashboard and the report show.

Each saved jump-counter result (``limber.services.jumps``) counts in the week of the local
day it was recorded on (:func:`limber.services.weeks.local_day`), and weeks without a bout
between the first and the last show as 0. The dashboard falls back to an estimate from the
rope steps done when no result has been saved; that estimate is bucketed the same way.
"""

import datetime as dt
from collections import defaultdict

from sqlalchemy.orm import Session

from limber.services.errors import NotFound
from limber.services.jumps import get_jump_result, list_jump_results
from limber.services.weeks import every_week, local_day, week_start

# Enough for years of daily bouts; the service pages by default.
_ALL = 1_000_000


def weekly_jump_volume(db: Session, *, user_id: int) -> list[tuple[dt.date, int]]:
    """Jumps per week (Monday, total), oldest first, with empty weeks in between as 0.

    Example: ``[(date(2026, 1, 5), 340), (date(2026, 1, 12), 0), (date(2026, 1, 19), 410)]``.
    """
    totals: dict[dt.date, int] = defaultdict(int)
    for record in list_jump_results(db, user_id=user_id, limit=_ALL):
        totals[week_start(local_day(record.recorded_at))] += record.count
    return every_week(totals)


def jump_result_count(db: Session, *, user_id: int, result_id: int) -> int | None:
    """The count of one result the user owns, or ``None`` (missing, or someone else's)."""
    try:
        return get_jump_result(db, user_id=user_id, result_id=result_id).count
    except NotFound:
        return None
