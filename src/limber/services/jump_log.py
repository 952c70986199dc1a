"""The jump log as its pages and ``/api/jumps...`` answer it: saved counts and jumps per week.

The answers used to be assembled in the jump route (a hand-built dict per result); they live
here beside the queries, so ``/jumps`` and ``/api/jumps`` (and ``/jumps/results/{id}`` and
``/api/jumps/results/{id}``) render one model each. The CLI has no listing of saved counts:
``limber count --json`` prints the counter's own result (``JumpResult.to_dict()``), which is
what ``JumpResultOut.result`` holds once the count is saved.
"""

import datetime as dt
from typing import Any

from pydantic import BaseModel
from sqlalchemy.orm import Session

from limber.services.jump_volume import weekly_jump_volume
from limber.services.jumps import JumpRecord, get_jump_result, list_jump_results


class JumpSummaryOut(BaseModel):
    """One saved count as the log lists it."""

    id: int
    recorded_at: dt.datetime
    source: str
    name: str
    count: int
    duration_s: float
    active_s: float
    style: str | None
    cadence_per_min: float | None
    longest_streak: int
    misses: int
    kcal: float | None
    url: str

    @classmethod
    def of(cls, record: JumpRecord) -> "JumpSummaryOut":
        return cls.model_validate(_summary(record))


class JumpResultOut(JumpSummaryOut):
    """One saved count with everything the counter produced (landing times, gaps, warnings)."""

    result: dict[str, Any]


class WeekOut(BaseModel):
    week_start: dt.date
    jumps: int


class JumpLogOut(BaseModel):
    """Saved counts, newest first, and jumps per week (Monday to Sunday)."""

    results: list[JumpSummaryOut]
    weekly: list[WeekOut]


def _summary(r: JumpRecord) -> dict[str, Any]:
    return {
        "id": r.id,
        "recorded_at": r.recorded_at,
        "source": r.source,
        "name": r.name,
        "count": r.count,
        "duration_s": r.duration_s,
        "active_s": r.active_s,
        "style": r.style,
        "cadence_per_min": r.cadence_mean,
        "longest_streak": r.longest_streak,
        "misses": r.misses,
        "kcal": r.kcal,
        "url": f"/jumps/results/{r.id}",
    }


def jump_log_out(db: Session, *, user_id: int) -> JumpLogOut:
    """The person's jump log: every saved count and the weekly volume."""
    return JumpLogOut(
        results=[JumpSummaryOut.of(r) for r in list_jump_results(db, user_id=user_id)],
        weekly=[WeekOut(week_start=w, jumps=n) for w, n in weekly_jump_volume(db, user_id=user_id)],
    )


def jump_result_out(db: Session, *, user_id: int, result_id: int) -> JumpResultOut:
    """One of the person's saved counts in full (someone else's is NotFound, as a missing one)."""
    record = get_jump_result(db, user_id=user_id, result_id=result_id)
    return JumpResultOut(**_summary(record), result=record.result)
