"""A fresh, migrated database per test, reached the way every front end reaches it."""

from collections.abc import Iterator

import pytest
from sqlalchemy.orm import Session

from limber.settings import load_settings
from limber.store.db import Database


@pytest.fixture
def database() -> Iterator[Database]:
    database = Database(load_settings())
    yield database
    database.dispose()


@pytest.fixture
def db(database: Database) -> Iterator[Session]:
    with database.session() as session:
        yield session
