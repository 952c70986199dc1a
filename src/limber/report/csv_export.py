"""CSV export: one file per table, for spreadsheets and statistics tools.

Built on the backup's encoding, so a CSV cell holds the same text as the backup (ISO dates,
JSON documents as JSON text). Password hashes are left out: a spreadsheet is the kind of
file people email around.
"""

import csv
import json
from pathlib import Path

from sqlalchemy.orm import Session

from limber.report.backup import all_tables, dump

# Columns never written to CSV (secrets).
_REDACT = {("users", "password_hash")}


def write_csv(db: Session, directory: Path) -> dict[str, Path]:
    """Write ``<table>.csv`` for every table into ``directory``; return the paths by table."""
    directory.mkdir(parents=True, exist_ok=True)
    written: dict[str, Path] = {}
    tables = dump(db)["tables"]
    for table in all_tables():
        columns = [c.name for c in table.columns if (table.name, c.name) not in _REDACT]
        path = directory / f"{table.name}.csv"
        with path.open("w", newline="", encoding="utf-8") as out:
            writer = csv.writer(out)
            writer.writerow(columns)
            for row in tables[table.name]:
                writer.writerow([_cell(row[c]) for c in columns])
        written[table.name] = path
    return written


def _cell(value: object) -> object:
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    if value is None:
        return ""
    return value
