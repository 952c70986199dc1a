"""Saving and reading jump-counter results for a user (the data-access layer for motion).

Front ends (``limber count --save``, the web pages) call these with a SQLAlchemy session and
keyword arguments; nothing here knows about terminals or HTTP. Only successful counts are
saved: bad input never reaches this module, so it never leaves a row behind.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from limber.motion.results import JumpResult
from limber.store.motion import JumpResultRecord


@dataclass(frozen=True, slots=True)
class SavedJumpResult:
    """A stored result as the front ends show it."""

    id: int
    recorded_at: dt.datetime
    source: str
    jumps: int
    style: str | None
    cadence_per_min: float | None
    kcal: float | None
    result: dict[str, Any]


def _saved(row: JumpResultRecord) -> SavedJumpResult:
    return SavedJumpResult(
        id=row.id,
        recorded_at=row.recorded_at,
        source=row.source,
        jumps=row.jumps,
        style=row.style,
        cadence_per_min=row.cadence_per_min,
        kcal=row.kcal,
        result=dict(row.result),
    )


def save_jump_result(
    db: Session, *, user_id: int, result: JumpResult, source: str
) -> SavedJumpResult:
    """Store ``result`` for ``user_id``; ``source`` is the video's name or "camera".

    Example: ``save_jump_result(db, user_id=user.id, result=counted.result, source="a.mp4")``.
    """
    row = JumpResultRecord(
        user_id=user_id,
        source=source[:255],
        jumps=result.count,
        duration_s=result.duration_s,
        active_s=result.active_s,
        style=result.style,
        cadence_per_min=result.cadence_per_min.mean,
        longest_streak=result.longest_streak,
        misses=result.misses,
        kcal=result.kcal,
        result=result.to_dict(),
    )
    db.add(row)
    db.flush()
    return _saved(row)


def list_jump_results(db: Session, *, user_id: int, limit: int = 100) -> list[SavedJumpResult]:
    """The user's stored results, newest first."""
    rows = db.scalars(
        select(JumpResultRecord)
        .where(JumpResultRecord.user_id == user_id)
        .order_by(JumpResultRecord.recorded_at.desc(), JumpResultRecord.id.desc())
        .limit(limit)
    )
    return [_saved(row) for row in rows]
