"""Jump counts for progress: from the jump counter's results when that table exists.

The jump counter (``limber.motion``) is built separately and may store its results in its
own table. Progress must work with or without it, so this module looks the table up on the
shared metadata instead of importing it: no table, no jump results, and weekly volume falls
back to an estimate from the rope steps done (their seconds times the planned cadence).
"""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Table, inspect, select
from sqlalchemy.orm import Session

import limber.store.all_models  # noqa: F401  (every table registered on Base.metadata)
from limber.store.base import Base

# Column names the jump counter may use, most likely first.
_COUNT_COLUMNS = ("jumps", "count", "jump_count", "total_jumps")
_TIME_COLUMNS = ("recorded_at", "created_at", "at", "taken_at", "started_at")


@dataclass(frozen=True)
class JumpCount:
    """One counted bout of jumping."""

    at: dt.datetime
    jumps: int
    result_id: int | None


def _table(db: Session) -> tuple[Table, str, str] | None:
    """The jump results table with its count and time columns, if it exists in this database."""
    for table in Base.metadata.sorted_tables:
        if "jump" not in table.name or "user_id" not in table.c:
            continue
        count = next((c for c in _COUNT_COLUMNS if c in table.c), None)
        when = next((c for c in _TIME_COLUMNS if c in table.c), None)
        if count and when and inspect(db.get_bind()).has_table(table.name):
            return table, count, when
    return None


def _rows(db: Session, table: Table, where: Iterable[Any]) -> list[dict[str, Any]]:
    return [dict(r._mapping) for r in db.execute(select(table).where(*where))]


def jump_results(db: Session, *, user_id: int) -> list[JumpCount]:
    """Every jump-counter result of this user, oldest first (empty without the table)."""
    found = _table(db)
    if found is None:
        return []
    table, count, when = found
    rows = _rows(db, table, [table.c.user_id == user_id])
    out = [
        JumpCount(at=r[when], jumps=int(r[count] or 0), result_id=r.get("id"))
        for r in rows
        if r[when] is not None
    ]
    return sorted(out, key=lambda j: j.at)


def jump_result_count(db: Session, *, user_id: int, result_id: int) -> int | None:
    """The count of one result the user owns, or ``None`` (missing, or someone else's)."""
    found = _table(db)
    if found is None or "id" not in found[0].c:
        return None
    table, count, _ = found
    rows = _rows(db, table, [table.c.id == result_id, table.c.user_id == user_id])
    return int(rows[0][count] or 0) if rows else None
