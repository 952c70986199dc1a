"""CSV export: one file per table, for spreadsheets and statistics tools.

Cells hold the same text as the backup (ISO dates, JSON documents as JSON text). Password
hashes are left out: a spreadsheet is the kind of file people email around.

With ``user_id`` only that person's rows are written: a table is included when it reaches
``users`` through its foreign keys (``assessments.user_id``, ``step_logs.session_id`` ->
``session_logs.user_id``, ...), so a table another domain adds is scoped without changes
here, and a table with no path to a user is left out rather than leaked.
"""

import csv
import io
import json
import zipfile
from pathlib import Path
from typing import Any

from sqlalchemy import Select, Table, select
from sqlalchemy.orm import Session

from limber.report.backup import all_tables, encode_value

# Columns never written to CSV (secrets).
_REDACT = {("users", "password_hash")}


def _scoped(user_id: int | None) -> dict[str, Select[Any]]:
    """A SELECT per table: every row, or only the rows that belong to ``user_id``."""
    queries: dict[str, Select[Any]] = {}
    ids: dict[str, Select[Any]] = {}  # table name -> SELECT of its primary keys in scope
    for table in all_tables():
        query: Select[Any] | None = select(table)
        if user_id is not None:
            query = _owned(table, user_id, ids)
        if query is None:
            continue
        queries[table.name] = query.order_by(*table.primary_key.columns)
        pk = list(table.primary_key.columns)
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


def _tables_as_rows(
    db: Session, user_id: int | None
) -> dict[str, tuple[list[str], list[list[Any]]]]:
    by_name = {t.name: t for t in all_tables()}
    out: dict[str, tuple[list[str], list[list[Any]]]] = {}
    for name, query in _scoped(user_id).items():
        table = by_name[name]
        columns = [c for c in table.columns if (name, c.name) not in _REDACT]
        rows = [
            [_cell(encode_value(c, row._mapping[c.name])) for c in columns]
            for row in db.execute(query)
        ]
        out[name] = ([c.name for c in columns], rows)
    return out


def _write(out: io.TextIOBase | Any, header: list[str], rows: list[list[Any]]) -> None:
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)


def write_csv(db: Session, directory: Path, *, user_id: int | None = None) -> dict[str, Path]:
    """Write ``<table>.csv`` for every table (or every table of one user's data)."""
    directory.mkdir(parents=True, exist_ok=True)
    written: dict[str, Path] = {}
    for name, (header, rows) in _tables_as_rows(db, user_id).items():
        path = directory / f"{name}.csv"
        with path.open("w", newline="", encoding="utf-8") as out:
            _write(out, header, rows)
        written[name] = path
    return written


def csv_zip(db: Session, *, user_id: int) -> bytes:
    """One user's tables as CSV files in a zip archive (the web download)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, (header, rows) in _tables_as_rows(db, user_id).items():
            text = io.StringIO(newline="")
            _write(text, header, rows)
            archive.writestr(f"{name}.csv", text.getvalue())
    return buffer.getvalue()


def _cell(value: object) -> object:
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    if value is None:
        return ""
    return value
