"""What every data command shares: the database, the local user and service-error mapping.

Commands open one unit of work with :func:`local_session`; a service refusal becomes a
message and an exit code (2 for bad input, 3 for a red flag, 4 when the safety questions are
due again) and rolls the unit back, so a refused command writes nothing.
"""

import datetime as dt
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from limber.cli.errors import (
    EXIT_BAD_INPUT,
    EXIT_PROBLEMS,
    EXIT_RED_FLAG,
    EXIT_RESCREEN,
    clearance_command,
    fail,
)
from limber.services.errors import RedFlagStop, RescreenNeeded, TrackError
from limber.services.users import get_or_create_local_user
from limber.settings import load_settings
from limber.store.db import Database

# The shell's convention for a command ended by Ctrl-C.
EXIT_INTERRUPTED = 130


@dataclass
class Local:
    """An open unit of work for the command line's single local user."""

    db: Session
    user_id: int


@contextmanager
def service_errors() -> Iterator[None]:
    """Turn a service refusal into the user's message and the matching exit code."""
    try:
        yield
    except RedFlagStop as exc:
        fail(f"{exc.message}\nRecord it with: {clearance_command()}", EXIT_RED_FLAG)
    except RescreenNeeded as exc:
        fail(f"{exc.message}. Run `limber init` to answer them.", EXIT_RESCREEN)
    except TrackError as exc:
        fail(exc.message, EXIT_BAD_INPUT)


@contextmanager
def local_session() -> Iterator[Local]:
    """Open the database in the user's data folder (or ``LIMBER_DATABASE_URL``)."""
    settings = load_settings()
    try:
        database = Database(settings)
    except SQLAlchemyError as exc:
        fail(f"cannot open the database ({settings.db_url}): {exc}", EXIT_PROBLEMS)
    try:
        with database.session() as db, service_errors():
            user = get_or_create_local_user(db)
            yield Local(db=db, user_id=user.id)
    finally:
        database.dispose()


@contextmanager
def prompts() -> Iterator[None]:
    """Questions asked one by one: running out of input or Ctrl-C ends cleanly, unsaved."""
    try:
        yield
    except EOFError:
        fail("the input ended before every question was answered; nothing was saved")
    except KeyboardInterrupt:
        fail("stopped before every question was answered; nothing was saved", EXIT_INTERRUPTED)


def parse_date(value: str | None, option: str) -> dt.date | None:
    """Parse an ISO date option (``2026-01-31``); a bad one is the user's mistake."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        fail(f"{option} must be a date like 2026-01-31, not {value!r}")


def interactive() -> bool:
    """Whether a person can answer prompts (stdin is a terminal)."""
    return sys.stdin.isatty()
