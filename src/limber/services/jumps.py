"""The jump log: counted bouts of rope jumping per user (weekly volume: ``jump_volume``).

The table itself (``jump_results``) lives in :mod:`limber.store.motion`, next to the counter
that fills it, so ``limber count --save`` and the web pages write the same rows. This module
is the data-access layer the web pages and the progress dashboard read: keyword-only
functions, typed results, every query scoped to one user so nobody sees another's jumps.

The ``source`` column keeps what the counter's CLI already stores (the video's file name, or
``"camera"``); :class:`JumpRecord` turns it back into one of :data:`SOURCES` plus a name.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from limber.motion.results import JumpResult
from limber.services.errors import InvalidInput, NotFound
from limber.services.records import current_profile
from limber.store.motion import JumpResultRecord

SOURCES = ("upload", "live", "manual")
# What the source column holds for the two sources that have no file name.
_STORED = {"live": "camera", "manual": "manual"}


@dataclass(frozen=True, slots=True)
class JumpRecord:
    """One saved bout as front ends show it (``result`` is ``JumpResult.to_dict()``)."""

    id: int
    recorded_at: dt.datetime
    source: str  # one of SOURCES
    name: str  # the uploaded file's name, "" for live and manual entries
    count: int
    duration_s: float
    active_s: float
    style: str | None
    cadence_mean: float | None
    longest_streak: int
    misses: int
    kcal: float | None
    result: dict[str, Any]


class _Cadence(BaseModel):
    mean: float | None
    series: list[float | None]


class _ResultIn(BaseModel):
    """The shape of ``JumpResult.to_dict()``: what a dict given to the service must hold."""

    model_config = ConfigDict(extra="allow")

    count: int
    events_s: list[float]
    duration_s: float
    active_s: float
    style: str | None
    cadence_per_min: _Cadence
    longest_streak: int
    misses: int
    kcal: float | None = None


def _kind(stored: str) -> tuple[str, str]:
    if stored == "camera":
        return "live", ""
    if stored in SOURCES:
        return stored, ""
    return "upload", stored


def _record(row: JumpResultRecord) -> JumpRecord:
    source, name = _kind(row.source)
    return JumpRecord(
        id=row.id,
        recorded_at=row.recorded_at,
        source=source,
        name=name,
        count=row.jumps,
        duration_s=row.duration_s,
        active_s=row.active_s,
        style=row.style,
        cadence_mean=row.cadence_per_min,
        longest_streak=row.longest_streak,
        misses=row.misses,
        kcal=row.kcal,
        result=dict(row.result),
    )


def _validated(result: JumpResult | dict[str, Any]) -> dict[str, Any]:
    data = result.to_dict() if isinstance(result, JumpResult) else result
    try:
        checked = _ResultIn.model_validate(data)
    except ValidationError as exc:
        fields = ", ".join(sorted({str(e["loc"][0]) for e in exc.errors() if e["loc"]}))
        raise InvalidInput(f"the jump result is incomplete or malformed ({fields})") from exc
    if checked.count < 0 or checked.duration_s < 0 or checked.active_s < 0:
        raise InvalidInput("a jump result cannot hold negative numbers")
    return dict(data)


def save_jump_result(
    db: Session,
    *,
    user_id: int,
    result: JumpResult | dict[str, Any],
    source: str,
    name: str = "",
    recorded_at: dt.datetime | None = None,
) -> JumpRecord:
    """Add a counted bout to the user's log; ``source`` is "upload", "live" or "manual".

    Only results of a successful count come here, so a refused video never leaves a row.
    Example: ``save_jump_result(db, user_id=1, result=counted.result, source="upload",
    name="skip.mp4")``.
    """
    if source not in SOURCES:
        raise InvalidInput(f"source must be one of {', '.join(SOURCES)}, not {source!r}")
    data = _validated(result)
    stored = (name.strip()[:255] or "upload") if source == "upload" else _STORED[source]
    cadence = data["cadence_per_min"]["mean"]
    row = JumpResultRecord(
        user_id=user_id,
        source=stored,
        jumps=int(data["count"]),
        duration_s=float(data["duration_s"]),
        active_s=float(data["active_s"]),
        style=data["style"],
        cadence_per_min=None if cadence is None else float(cadence),
        longest_streak=int(data["longest_streak"]),
        misses=int(data["misses"]),
        kcal=data.get("kcal"),
        result=data,
    )
    if recorded_at is not None:
        row.recorded_at = recorded_at
    db.add(row)
    db.flush()
    return _record(row)


def list_jump_results(db: Session, *, user_id: int, limit: int = 200) -> list[JumpRecord]:
    """The user's saved bouts, newest first."""
    rows = db.scalars(
        select(JumpResultRecord)
        .where(JumpResultRecord.user_id == user_id)
        .order_by(JumpResultRecord.recorded_at.desc(), JumpResultRecord.id.desc())
        .limit(limit)
    )
    return [_record(row) for row in rows]


def _row(db: Session, user_id: int, result_id: int) -> JumpResultRecord:
    row = db.scalar(
        select(JumpResultRecord).where(
            JumpResultRecord.id == result_id, JumpResultRecord.user_id == user_id
        )
    )
    if row is None:
        # Someone else's result is reported exactly like a missing one.
        raise NotFound(f"there is no jump result {result_id}")
    return row


def get_jump_result(db: Session, *, user_id: int, result_id: int) -> JumpRecord:
    """One saved bout of this user; :class:`NotFound` when missing or someone else's."""
    return _record(_row(db, user_id, result_id))


def delete_jump_result(db: Session, *, user_id: int, result_id: int) -> None:
    """Remove a bout from the user's log (a test run, a miscount they do not want to keep)."""
    db.delete(_row(db, user_id, result_id))
    db.flush()


def body_weight_kg(db: Session, *, user_id: int) -> float | None:
    """The weight calories are estimated with: the newest profile's, or ``None``.

    The one place the jump counter's front ends (``limber count``, the upload, the camera page,
    a result's page) read it, so all of them estimate a bout's calories the same way.
    """
    profile = current_profile(db, user_id=user_id)
    return None if profile is None else profile.body_weight_kg
