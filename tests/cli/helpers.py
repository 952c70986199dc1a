"""Helpers for CLI tests: run ``limber`` in-process, write answers files, count rows."""

import datetime as dt
from pathlib import Path
from typing import Any

import yaml
from click.testing import Result
from sqlalchemy import func, select
from typer.testing import CliRunner

from limber.cli.answers import template_text
from limber.cli.main import app
from limber.settings import load_settings
from limber.store.db import Database
from limber.store.models import (
    CheckInRecord,
    ProfileRecord,
    ProgrammeRecord,
    Screening,
    SessionLog,
    StepLog,
)

runner = CliRunner()


def limber(*args: str, input: str | None = None) -> Result:
    """Run ``limber ARGS`` in-process (stdin is not a terminal)."""
    return runner.invoke(app, list(args), input=input)


def flat(text: str) -> str:
    """Output with Rich's line wrapping undone, for substring checks."""
    return " ".join(text.split())


def answers_data(**changes: Any) -> dict[str, Any]:
    """The template's answers; ``changes`` are ``section__key=value`` or ``profile__field``."""
    data: dict[str, Any] = yaml.safe_load(template_text())
    data["profile"].update({"minutes_per_session": 10, "equipment": ["chair_or_box", "mat"]})
    for dotted, value in changes.items():
        section, key = dotted.split("__", 1)
        data[section][key] = value
    return data


def write_answers(folder: Path, data: object, name: str = "answers.yaml") -> Path:
    path = folder / name
    text = data if isinstance(data, str) else yaml.safe_dump(data, sort_keys=False)
    path.write_text(text, encoding="utf-8")
    return path


def counts() -> dict[str, int]:
    """Rows per table in the current LIMBER_HOME's database (all zero if it does not exist)."""
    settings = load_settings()
    models = {
        "screenings": Screening,
        "profiles": ProfileRecord,
        "programmes": ProgrammeRecord,
        "sessions": SessionLog,
        "steps": StepLog,
        "checkins": CheckInRecord,
    }
    if not (settings.home / "limber.db").exists():
        return dict.fromkeys(models, 0)
    database = Database(settings)
    try:
        with database.session() as db:
            return {
                name: db.scalar(select(func.count()).select_from(model)) or 0
                for name, model in models.items()
            }
    finally:
        database.dispose()


def onboard(tmp_path: Path, **changes: Any) -> Result:
    """``limber init --answers`` with the template's answers (plus ``changes``)."""
    result = limber("init", "--answers", str(write_answers(tmp_path, answers_data(**changes))))
    return result


def today() -> dt.date:
    return dt.date.today()
