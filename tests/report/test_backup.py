"""Backup and restore round-trip losslessly and refuse anything doubtful, changing nothing."""

import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from limber.report.backup import BackupError, dump, read_backup, restore, write_backup
from limber.settings import Settings
from limber.store.assessments import Assessment
from limber.store.db import Database
from tests.report.factories import history

pytestmark = pytest.mark.db


def _db(home: Path) -> Database:
    return Database(Settings(home=home))


def _without_stamp(document: dict) -> dict:  # type: ignore[type-arg]
    return {k: v for k, v in document.items() if k != "exported_at"}


@pytest.fixture
def full(tmp_path: Path) -> Database:
    database = _db(tmp_path / "a")
    with database.session() as db:
        history(db)
    return database


def test_backup_restore_backup_is_identical(full: Database, tmp_path: Path) -> None:
    first = tmp_path / "first.json"
    with full.session() as db:
        summary = write_backup(db, first)
    assert summary.counts["assessments"] == 14 and summary.counts["step_logs"] > 0
    empty = _db(tmp_path / "b")
    with empty.session() as db:
        restore(db, read_backup(first))
    with empty.session() as db:
        again = dump(db)
    original = json.loads(first.read_text())
    assert original["format_version"] == 1
    assert _without_stamp(again) == _without_stamp(original)


def test_restore_refuses_existing_data_without_force(full: Database, tmp_path: Path) -> None:
    path = tmp_path / "b.json"
    with full.session() as db:
        write_backup(db, path)
        db.add(Assessment(user_id=1, measure="pain", value=1))
    with pytest.raises(BackupError, match="--force"), full.session() as db:
        restore(db, read_backup(path))
    with full.session() as db:
        assert db.scalar(select(func.count()).select_from(Assessment)) == 15
        restore(db, read_backup(path), force=True)
    with full.session() as db:
        assert db.scalar(select(func.count()).select_from(Assessment)) == 14


@pytest.mark.parametrize(
    ("mangle", "message"),
    [
        (lambda text: text[: len(text) // 2], "truncated"),
        (lambda text: text.replace('"format_version": 1', '"format_version": 99'), "newer"),
        (lambda text: text.replace('"limber-backup"', '"other"'), "not a Limber backup"),
        (lambda text: text.replace('"value": 6.0', '"value": "six"'), "assessments.value"),
        (lambda text: text.replace('"tables": {', '"tables": {"mystery": [],'), "mystery"),
    ],
)
def test_bad_files_are_refused_with_a_message(
    full: Database, tmp_path: Path, mangle: object, message: str
) -> None:
    path = tmp_path / "b.json"
    with full.session() as db:
        write_backup(db, path)
    path.write_text(mangle(path.read_text()))  # type: ignore[operator]
    with pytest.raises(BackupError, match=message):
        read_backup(path)


def test_a_failing_restore_changes_nothing(full: Database, tmp_path: Path) -> None:
    path = tmp_path / "b.json"
    with full.session() as db:
        write_backup(db, path)
        before = dump(db)
    document = json.loads(path.read_text())
    # Passes every check but breaks a foreign key half-way through the inserts.
    document["tables"]["assessments"][-1]["user_id"] = 999
    with pytest.raises(BackupError, match="nothing was changed"), full.session() as db:
        restore(db, document, force=True)
    with full.session() as db:
        assert _without_stamp(dump(db)) == _without_stamp(before)
