"""CSV export: one file per table, for spreadsheets and statistics tools.

Cells hold the same text as the backup (ISO dates, JSON documents as JSON text). Password
hashes are left out: a spreadsheet is the kind of file people email around.

With ``user_id`` only that person's rows are written, scoped by
:func:`limber.report.backup.table_rows` (the one reader of whole tables): a table is included
when it reaches ``users`` through its foreign keys, and a table with no path to a user is left
out rather than leaked.
"""

import csv
import io
import json
import zipfile
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from limber.report.backup import all_tables, table_rows

# Columns never written to CSV (secrets).
_REDACT = {("users", "password_hash")}


def _tables_as_rows(
    db: Session, user_id: int | None
) -> dict[str, tuple[list[str], list[list[Any]]]]:
    columns = {t.name: [c.name for c in t.columns] for t in all_tables()}
    out: dict[str, tuple[list[str], list[list[Any]]]] = {}
    for name, rows in table_rows(db, user_id=user_id).items():
        header = [c for c in columns[name] if (name, c) not in _REDACT]
        out[name] = (header, [[_cell(row[c]) for c in header] for row in rows])
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
