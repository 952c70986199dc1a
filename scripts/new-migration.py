"""Write a new Alembic migration for tables a domain added, as a branch off the core (0001).

Usage: .venv/bin/python scripts/new-migration.py REV_ID "message"

Each domain (motion, assessments, ...) owns one branch, so parallel work never fights over
one linear chain; ``limber.store.db.migrate`` upgrades to every head.
"""

import sys
import tempfile
from pathlib import Path

from alembic import command

from limber.store.db import alembic_config, make_engine, migrate


def main() -> None:
    rev_id, message = sys.argv[1], sys.argv[2]
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'gen.db'}"
        migrate(make_engine(url))
        cfg = alembic_config(url)
        command.revision(
            cfg, message=message, autogenerate=True, rev_id=rev_id, head="0001", splice=True
        )


if __name__ == "__main__":
    main()
