"""profile safety facts

Revision ID: 0007
Revises: 0001
Create Date: 2026-12-03 13:30:00.000000

A data migration of stored profiles (issue 11 §4): the safety pathways count weeks of
pregnancy and since a birth on from the day the answers were given, so every stored profile
gains ``as_of`` (the date it was saved, where it has none). Conditions are normalised: a
renamed condition is mapped to its new name (``RENAMES``), duplicates are dropped, and a name
no longer known is left out so the profile still validates.

The lists are frozen here on purpose: a migration must do tomorrow what it did today, even
after ``limber.vocab`` changes. A future rename adds a new migration with its own table.
Rows are read and written in Python, so the same code runs on SQLite and PostgreSQL (the
``data`` column is JSON on both).
"""

import datetime as dt
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Old condition name -> its name from this revision on. None renamed yet; future renames
# of stored conditions go in a table like this one.
RENAMES: dict[str, str] = {}

# The condition vocabulary as of this revision (limber.vocab.CONDITIONS on 2026-12-03).
KNOWN_CONDITIONS: frozenset[str] = frozenset(
    {
        "osteoporosis",
        "osteoporosis_vertebral_fracture",
        "pregnancy",
        "spinal_stenosis",
        "spondylolisthesis",
        "acute_disc_herniation",
        "recent_spinal_surgery",
        "knee_or_ankle_problem",
        "pelvic_floor_symptoms",
        "high_blood_pressure",
        "glaucoma",
        "heart_condition",
        "shoulder_problem",
        "wrist_problem",
        "hip_problem",
        "balance_problem",
        "respiratory_condition",
        "metabolic_or_kidney_disease",
        "postpartum",
        "sciatica",
        "hip_replacement",
        "recent_fall",
    }
)

profiles = sa.table(
    "profiles",
    sa.column("id", sa.Integer()),
    sa.column("saved_at", sa.DateTime(timezone=True)),
    sa.column("data", sa.JSON()),
)


def normalise_conditions(conditions: object) -> list[str]:
    """Renamed names mapped, duplicates dropped (first kept), unknown names left out."""
    if not isinstance(conditions, list):
        return []
    renamed = [RENAMES.get(c, c) for c in conditions if isinstance(c, str)]
    return [c for c in dict.fromkeys(renamed) if c in KNOWN_CONDITIONS]


def _saved_day(saved_at: object) -> str | None:
    # SQLite hands back a naive datetime (or, from older drivers, a string); PostgreSQL an
    # aware one. Either way the calendar day the row was saved is what the answers describe.
    if isinstance(saved_at, dt.datetime):
        return saved_at.date().isoformat()
    if isinstance(saved_at, str) and saved_at:
        return dt.datetime.fromisoformat(saved_at.replace(" ", "T")).date().isoformat()
    return None


def _rows() -> list[Any]:
    bind = op.get_bind()
    return list(bind.execute(sa.select(profiles.c.id, profiles.c.saved_at, profiles.c.data)))


def _write(row_id: int, data: dict[str, Any]) -> None:
    op.get_bind().execute(profiles.update().where(profiles.c.id == row_id).values(data=data))


def upgrade() -> None:
    for row_id, saved_at, data in _rows():
        if not isinstance(data, dict):
            continue
        new = dict(data)
        if new.get("as_of") is None:
            day = _saved_day(saved_at)
            if day is not None:
                new["as_of"] = day
        if "conditions" in new:
            new["conditions"] = normalise_conditions(new["conditions"])
        if new != data:
            _write(row_id, new)


def downgrade() -> None:
    # Before this revision a profile had no as_of (and Profile forbids unknown fields).
    for row_id, _saved_at, data in _rows():
        if isinstance(data, dict) and "as_of" in data:
            _write(row_id, {k: v for k, v in data.items() if k != "as_of"})
