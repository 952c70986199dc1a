"""Migration 0007: stored profiles gain ``as_of`` and clean conditions, on SQLite and PostgreSQL.

Each test builds a database at revision 0001 (the schema before the safety facts), stores
profiles the way the old code did, and runs the real migrations on to the heads.
"""

import datetime as dt
import importlib.util
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import sqlalchemy as sa
from alembic import command
from pydantic import ValidationError
from sqlalchemy import Engine

from limber.profile import Profile
from limber.store.db import MIGRATIONS, alembic_config, make_engine
from tests.store.postgres import postgres_server

pytestmark = pytest.mark.db

SAVED = dt.datetime(2026, 1, 15, 10, 30, tzinfo=dt.UTC)

users = sa.table(
    "users",
    sa.column("id", sa.Integer()),
    sa.column("username", sa.String()),
    sa.column("display_name", sa.String()),
    sa.column("password_hash", sa.String()),
    sa.column("created_at", sa.DateTime(timezone=True)),
)
profiles = sa.table(
    "profiles",
    sa.column("id", sa.Integer()),
    sa.column("user_id", sa.Integer()),
    sa.column("saved_at", sa.DateTime(timezone=True)),
    sa.column("data", sa.JSON()),
)

# What the code before revision 0007 stored: no as_of, no pathway facts.
OLD_PROFILE: dict[str, Any] = {
    "pain_area": "low_back",
    "duration": "chronic",
    "aggravated_by": "neither",
    "pain_now": 4,
    "conditions": ["osteoporosis", "glaucoma", "osteoporosis", "no_longer_a_condition"],
    "fitness": "moderate",
    "rope_experience": "none",
    "equipment": ["chair_or_box", "mat"],
    "minutes_per_session": 30,
    "weekdays": [0, 2, 4],
    "body_weight_kg": None,
    "age": 61,
}


def _migrate(engine: Engine, target: str, *, down: bool = False) -> None:
    cfg = alembic_config(engine.url.render_as_string(hide_password=False))
    with engine.begin() as connection:
        cfg.attributes["connection"] = connection
        (command.downgrade if down else command.upgrade)(cfg, target)


def _old_database(engine: Engine) -> None:
    """Revision 0001 with one user and three profiles as the old code saved them."""
    _migrate(engine, "0001")
    with engine.begin() as conn:
        conn.execute(
            users.insert().values(
                id=1, username="ann", display_name="Ann", password_hash="x", created_at=SAVED
            )
        )
        conn.execute(profiles.insert().values(id=1, user_id=1, saved_at=SAVED, data=OLD_PROFILE))
        dated = OLD_PROFILE | {"conditions": [], "as_of": "2025-12-01"}
        conn.execute(profiles.insert().values(id=2, user_id=1, saved_at=SAVED, data=dated))
        later = SAVED + dt.timedelta(days=40)
        conn.execute(
            profiles.insert().values(
                id=3, user_id=1, saved_at=later, data=OLD_PROFILE | {"conditions": ["pregnancy"]}
            )
        )


def _stored(engine: Engine) -> dict[int, dict[str, Any]]:
    with engine.connect() as conn:
        return {row.id: row.data for row in conn.execute(sa.select(profiles.c.id, profiles.c.data))}


def _check_upgrade_then_downgrade(engine: Engine) -> None:
    _old_database(engine)
    before = _stored(engine)
    assert "as_of" not in before[1]
    with pytest.raises(ValidationError, match="conditions"):
        Profile.model_validate(before[1])  # the unknown condition would break every read
    _migrate(engine, "heads")
    rows = _stored(engine)
    assert rows[1]["as_of"] == "2026-01-15"
    assert rows[1]["conditions"] == ["osteoporosis", "glaucoma"]
    assert rows[2]["as_of"] == "2025-12-01"  # a date already given is kept
    assert rows[3]["as_of"] == "2026-02-24" and rows[3]["conditions"] == ["pregnancy"]
    for data in rows.values():
        profile = Profile.model_validate(data)
        assert profile.as_of is not None
    assert Profile.model_validate(rows[1]).age == 61  # nothing else changed

    _migrate(engine, "0007-1", down=True)
    assert all("as_of" not in data for data in _stored(engine).values())
    _migrate(engine, "heads")
    assert _stored(engine)[1]["as_of"] == "2026-01-15"


def test_migration_on_sqlite(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'old.db'}")
    try:
        _check_upgrade_then_downgrade(engine)
    finally:
        engine.dispose()


@pytest.fixture(scope="module")
def pg_url() -> Iterator[str]:
    with postgres_server() as url:
        yield url


def test_migration_on_postgres(pg_url: str) -> None:
    engine = make_engine(pg_url)
    try:
        assert engine.dialect.name == "postgresql"
        _check_upgrade_then_downgrade(engine)
    finally:
        engine.dispose()


def _migration_module() -> ModuleType:
    path = MIGRATIONS / "versions" / "0007_profile_safety_facts.py"
    spec = importlib.util.spec_from_file_location("migration_0007", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_renames_table_maps_old_names(monkeypatch: pytest.MonkeyPatch) -> None:
    migration = _migration_module()
    assert migration.normalise_conditions(["sciatica", "sciatica", "flu"]) == ["sciatica"]
    monkeypatch.setattr(migration, "RENAMES", {"leg_nerve_pain": "sciatica"})
    assert migration.normalise_conditions(["leg_nerve_pain", "sciatica", "glaucoma"]) == [
        "sciatica",
        "glaucoma",
    ]
    assert migration.normalise_conditions("not a list") == []
