"""A backup moves between SQLite and PostgreSQL unchanged, and PostgreSQL ids keep counting."""

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from limber.report.backup import dump, read_backup, restore, write_backup
from limber.settings import Settings
from limber.store.assessments import Assessment
from limber.store.db import Database
from tests.report.factories import history
from tests.store.postgres import postgres_server

pytestmark = pytest.mark.db


@pytest.fixture(scope="module")
def pg_url() -> Iterator[str]:
    with postgres_server() as url:
        yield url


def test_sqlite_backup_restores_on_postgres_identically(pg_url: str, tmp_path: Path) -> None:
    lite = Database(Settings(home=tmp_path / "lite"))
    with lite.session() as db:
        history(db)
        write_backup(db, tmp_path / "lite.json")
    lite.dispose()
    pg = Database(Settings(database_url=pg_url))
    try:
        with pg.session() as db:
            restore(db, read_backup(tmp_path / "lite.json"), force=True)
        with pg.session() as db:
            again = dump(db)
            # The id counter moved past the restored rows: a new row gets a fresh id.
            row = Assessment(user_id=1, measure="pain", value=2)
            db.add(row)
            db.flush()
            assert row.id == 15
            db.rollback()
    finally:
        pg.dispose()
    original = json.loads((tmp_path / "lite.json").read_text())
    original.pop("exported_at"), again.pop("exported_at")
    assert again == original
