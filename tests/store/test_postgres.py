"""The same migrations and services work on PostgreSQL (selected by LIMBER_DATABASE_URL)."""

import datetime as dt
from collections.abc import Iterator

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import func, select

import limber.store.all_models  # noqa: F401
from limber.services.demo import fill_demo
from limber.settings import Settings
from limber.store.base import Base
from limber.store.db import Database
from limber.store.models import CheckInRecord, SessionLog, StepLog
from tests.store.postgres import postgres_server

pytestmark = pytest.mark.db


@pytest.fixture(scope="module")
def pg_url() -> Iterator[str]:
    with postgres_server() as url:
        yield url


def test_migrations_match_models_on_postgres(pg_url: str) -> None:
    db = Database(Settings(database_url=pg_url))
    with db.engine.connect() as conn:
        assert conn.dialect.name == "postgresql"
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    db.dispose()
    assert diff == []


def test_a_demo_history_is_stored_on_postgres(pg_url: str) -> None:
    db = Database(Settings(database_url=pg_url))
    with db.session() as session:
        fill_demo(session, weeks=2, seed=3, today=dt.date(2026, 3, 2))
    with db.session() as session:
        logs = session.scalar(select(func.count()).select_from(SessionLog))
        steps = session.scalar(select(func.count()).select_from(StepLog))
        checkins = session.scalar(select(func.count()).select_from(CheckInRecord))
    db.dispose()
    assert logs and logs >= 4
    assert steps and steps > logs * 10
    assert checkins and checkins >= 1
