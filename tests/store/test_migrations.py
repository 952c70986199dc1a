"""Migrations build exactly the schema the models describe."""

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

import limber.store.all_models  # noqa: F401
from limber.settings import Settings
from limber.store.base import Base
from limber.store.db import Database

pytestmark = pytest.mark.db


def test_migrated_schema_matches_models(tmp_path: Path) -> None:
    db = Database(Settings(home=tmp_path))
    with db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    db.dispose()
    assert diff == []
