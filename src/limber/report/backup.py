"""Backup and restore: every table, as one JSON document with a format version.

The backup is generic over ``Base.metadata`` so a table another domain adds tomorrow is
backed up without touching this module. Values are encoded by column type (dates as ISO
text, bytes as base64) and decoded the same way, so backup -> restore -> backup gives the
same document, apart from ``exported_at``.

Restore checks the whole file before it touches the database, then writes everything in
one transaction: a bad file, a newer format or a failing insert leaves the data as it was.
"""

import base64
import datetime as dt
import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

from alembic.script import ScriptDirectory
from sqlalchemy import (
    JSON,
    Column,
    Date,
    DateTime,
    LargeBinary,
    Select,
    Table,
    Time,
    func,
    select,
    text,
)
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

import limber.store.all_models  # noqa: F401  (every table registered on Base.metadata)
from limber.store.base import Base
from limber.store.db import alembic_config

FORMAT = "limber-backup"
FORMAT_VERSION = 1


class BackupError(Exception):
    """A backup cannot be read or restored; ``str(error)`` is the message for the user."""


@dataclass(frozen=True)
class BackupSummary:
    """How many rows of each table were written or restored."""

    counts: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def all_tables() -> list[Table]:
    """Every table, parents before children (the order restore inserts them in)."""
    return list(Base.metadata.sorted_tables)


def encode_value(column: Column[Any], value: Any) -> Any:
    if value is None:
        return None
    if isinstance(column.type, DateTime):
        # SQLite hands back naive datetimes, PostgreSQL aware ones; Limber stores UTC, so
        # both are written as UTC with an explicit offset and a backup moves between them.
        aware = value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value
        return aware.astimezone(dt.UTC).isoformat()
    if isinstance(column.type, Date | Time):
        return value.isoformat()
    if isinstance(column.type, LargeBinary):
        return base64.b64encode(value).decode("ascii")
    return value


def _decode(table: str, column: Column[Any], value: Any) -> Any:
    if value is None or isinstance(column.type, JSON):
        return value
    kind = column.type
    try:
        if isinstance(kind, DateTime):
            return dt.datetime.fromisoformat(value)
        if isinstance(kind, Date):
            return dt.date.fromisoformat(value)
        if isinstance(kind, Time):
            return dt.time.fromisoformat(value)
        if isinstance(kind, LargeBinary):
            return base64.b64decode(value, validate=True)
        expected = kind.python_type
    except (TypeError, ValueError) as error:
        raise BackupError(f"{table}.{column.name}: {value!r} is not a valid value") from error
    except NotImplementedError:
        return value
    if expected is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if not isinstance(value, expected) or (expected is int and isinstance(value, bool)):
        raise BackupError(
            f"{table}.{column.name}: expected {expected.__name__}, got {type(value).__name__}"
        )
    return value


def _revisions(db: Session) -> list[str]:
    try:
        return sorted(db.scalars(text("SELECT version_num FROM alembic_version")))
    except Exception:
        return []


def _scoped(user_id: int | None) -> dict[str, Select[Any]]:
    """A SELECT per table: every row, or only the rows that belong to ``user_id``.

    A table belongs to a user when it reaches ``users`` through its foreign keys
    (``assessments.user_id``, ``step_logs.session_id`` -> ``session_logs.user_id``, ...), so
    a table another domain adds is scoped without changes here, and a table with no path to
    a user is left out rather than leaked.
    """
    queries: dict[str, Select[Any]] = {}
    ids: dict[str, Select[Any]] = {}  # table name -> SELECT of its primary keys in scope
    for table in all_tables():
        query: Select[Any] | None = select(table)
        if user_id is not None:
            query = _owned(table, user_id, ids)
        if query is None:
            continue
        pk = list(table.primary_key.columns)
        queries[table.name] = query.order_by(*(pk or table.columns))
        if len(pk) == 1:
            ids[table.name] = query.with_only_columns(pk[0])
    return queries


def _owned(table: Table, user_id: int, ids: dict[str, Select[Any]]) -> Select[Any] | None:
    if table.name == "users":
        return select(table).where(table.c.id == user_id)
    # A direct key to ``users`` first: a table that also points at a parent through a
    # nullable key (adverse_events.session_id) must not lose the rows where it is empty.
    for fk in sorted(table.foreign_keys, key=lambda f: f.column.table.name != "users"):
        parent = fk.column.table.name
        if parent == "users":
            return select(table).where(fk.parent == user_id)
        if parent in ids:
            return select(table).where(fk.parent.in_(ids[parent]))
    return None


def table_rows(db: Session, *, user_id: int | None = None) -> dict[str, list[dict[str, Any]]]:
    """Every table's rows encoded as in the backup, parents first (or only ``user_id``'s).

    The one reader of whole tables: the backup and the CSV export both dump through it.
    """
    by_name = {t.name: t for t in all_tables()}
    out: dict[str, list[dict[str, Any]]] = {}
    for name, query in _scoped(user_id).items():
        columns = list(by_name[name].columns)
        out[name] = [
            {c.name: encode_value(c, row._mapping[c.name]) for c in columns}
            for row in db.execute(query)
        ]
    return out


def dump(db: Session, *, now: dt.datetime | None = None) -> dict[str, Any]:
    """Everything in the database as a JSON-ready document."""
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "exported_at": (now or dt.datetime.now(dt.UTC)).isoformat(),
        "schema_revisions": _revisions(db),
        "tables": table_rows(db),
    }


def write_backup(db: Session, path: Path) -> BackupSummary:
    """Write the backup to ``path`` atomically (a crash never leaves half a file)."""
    document = dump(db)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".limber-backup-", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump(document, out, indent=1, sort_keys=True, ensure_ascii=False)
            out.write("\n")
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return BackupSummary({k: len(v) for k, v in document["tables"].items()})


def read_backup(path: Path) -> dict[str, Any]:
    """Load and check a backup file; :class:`BackupError` says what is wrong with it."""
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError as error:
        raise BackupError(f"there is no file {path}") from error
    except (OSError, UnicodeDecodeError) as error:
        raise BackupError(f"cannot read {path}: {error}") from error
    try:
        document = json.loads(raw)
    except json.JSONDecodeError as error:
        raise BackupError(
            f"{path} is not a complete Limber backup (invalid JSON at line {error.lineno}, "
            f"column {error.colno}; the file may be truncated)"
        ) from error
    check(document)
    # check() refused anything that is not a JSON object in the backup format.
    return cast(dict[str, Any], document)


def check(document: Any) -> None:
    """Refuse anything that is not a backup this version of Limber can restore."""
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise BackupError("this file is not a Limber backup (its 'format' is missing or wrong)")
    version = document.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise BackupError("the backup has no valid 'format_version'")
    if version > FORMAT_VERSION:
        raise BackupError(
            f"this backup was written by a newer Limber (format {version}; this version reads "
            f"up to {FORMAT_VERSION}): update Limber, then restore it"
        )
    script = ScriptDirectory.from_config(alembic_config("sqlite://"))
    for revision in document.get("schema_revisions") or []:
        try:
            known = script.get_revision(str(revision)) is not None
        except Exception:
            known = False
        if not known:
            raise BackupError(
                f"this backup comes from a newer Limber (database revision {revision!r} is "
                "unknown here): update Limber, then restore it"
            )
    tables = document.get("tables")
    if not isinstance(tables, dict):
        raise BackupError("the backup has no 'tables' section")
    known_tables = {t.name: t for t in all_tables()}
    for name, rows in tables.items():
        table = known_tables.get(name)
        if table is None:
            raise BackupError(f"the backup holds a table this Limber does not know: {name!r}")
        if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
            raise BackupError(f"table {name!r} in the backup is not a list of rows")
        for row in rows:
            unknown = set(row) - set(table.c.keys())
            if unknown:
                raise BackupError(f"table {name!r} has unknown columns: {sorted(unknown)}")
            for key, value in row.items():
                _decode(name, table.c[key], value)


def has_data(db: Session) -> bool:
    """True when any table holds a row (restore would overwrite it)."""
    return any(db.scalar(select(func.count()).select_from(table)) for table in all_tables())


def restore(db: Session, document: dict[str, Any], *, force: bool = False) -> BackupSummary:
    """Replace the database's contents with the backup, in the caller's one transaction.

    Refuses when data exists unless ``force``; the caller commits (``Database.session``
    rolls everything back if anything here raises).
    """
    check(document)
    if has_data(db) and not force:
        raise BackupError(
            "this Limber already holds data; restoring would replace it. Make a backup of it "
            "first, then run restore again with --force"
        )
    tables = all_tables()
    counts: dict[str, int] = {}
    try:
        for table in reversed(tables):
            db.execute(table.delete())
        for table in tables:
            rows = document["tables"].get(table.name, [])
            decoded = [{k: _decode(table.name, table.c[k], v) for k, v in r.items()} for r in rows]
            if decoded:
                db.execute(table.insert(), decoded)
            counts[table.name] = len(decoded)
        _reset_sequences(db, tables)
        db.flush()
    except SQLAlchemyError as error:
        reason = getattr(error, "orig", None) or error
        raise BackupError(
            f"the backup could not be restored, nothing was changed: {reason}"
        ) from error
    return BackupSummary(counts)


def _reset_sequences(db: Session, tables: list[Table]) -> None:
    """PostgreSQL keeps id counters apart from the rows: move them past the restored ids."""
    if db.get_bind().dialect.name != "postgresql":
        return
    for table in tables:
        pk = list(table.primary_key.columns)
        if len(pk) == 1 and pk[0].autoincrement in (True, "auto") and pk[0].type.python_type is int:
            db.execute(
                text(
                    "SELECT setval(pg_get_serial_sequence(:t, :c), "
                    f"COALESCE((SELECT MAX({pk[0].name}) FROM {table.name}), 0) + 1, false)"
                ),
                {"t": table.name, "c": pk[0].name},
            )
